package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// ErrTooManyOccurrences is returned (wrapped, with the rule quoted) when an
// expansion would exceed the cap of 50,000 occurrences.
var ErrTooManyOccurrences = errors.New("calendar: too many occurrences")

// Limits on what ParseRecurrence accepts and on what one expansion does.
// They keep every rrule-go period cheap and every expansion bounded.
const (
	recMaxOccurrences = 50_000 // starts one expansion may return; also the largest COUNT
	recMaxInterval    = 1000   // largest INTERVAL
	recMaxSetPos      = 8      // values in BYSETPOS
	recMaxTimes       = 96     // BYHOUR times BYMINUTE: times of day in one period
	recMaxList        = 31     // values in BYMONTHDAY, BYYEARDAY, BYDAY and BYEASTER
	recMaxDates       = 10_000 // values in all EXDATE and RDATE lines together
	recEasterMin      = -80    // BYEASTER range; see recParser.rulePart
	recEasterMax      = 250
	recCycleYears     = 400 // the Gregorian calendar repeats every 400 years
)

// A Recurrence is a start wall time and an RFC 5545 recurrence rule, with
// EXDATE and RDATE, expanded in floating time.
//
// The rule is expanded on the wall clock, with no zone: the DTSTART's wall
// time is handed to rrule-go as if it were UTC, rrule-go's occurrences come
// back as wall times, and each is read in the rule's zone with [Wall]. A
// daily 09:00 block is therefore at 09:00 local on every date, also in
// zones whose clocks change at midnight (Santiago, Havana, the Azores),
// where rrule-go's own zone handling repeats and drops days. A start in a
// gap moves forward by the gap and a start in a fold is the earlier
// instant, by the rule of Wall.
//
// The DTSTART is an occurrence when the rule matches it, and then counts
// toward COUNT; a DTSTART that the rule does not match (a Thursday start
// for FREQ=WEEKLY;BYDAY=TU) is not an occurrence. RFC 5545 §3.8.5.3 leaves
// the set undefined when the DTSTART is not synchronised with the rule, and
// treating the DTSTART as the date the pattern starts from is what a focus
// block needs; add an RDATE to keep an unsynchronised start. Without an
// RRULE the DTSTART is the one occurrence, besides the RDATEs.
//
// EXDATE and RDATE follow RFC 5545: the recurrence set is the rule's
// occurrences and the RDATEs, less the EXDATEs (which also remove RDATEs).
// A floating EXDATE removes the occurrence with that wall start, a UTC or
// TZID one the occurrence that starts at that instant, and a
// VALUE=DATE one every occurrence that starts on that date. A floating
// RDATE is a wall time in the rule's zone; a UTC or TZID one is moved to
// the rule's wall clock; a VALUE=DATE one is at the DTSTART's time of day.
// COUNT and UNTIL limit the RRULE only. A UTC UNTIL bounds the occurrences
// by instant; a floating UNTIL bounds their wall time; a date UNTIL keeps
// every occurrence on or before that date.
//
// rrule-go does the RRULE arithmetic, and nothing else: its own DTSTART
// and TZID handling, Between and All are not used. Where its reading
// differs from RFC 5545 this type follows the RFC: a BYDAY that mixes
// plain and numbered weekdays (BYDAY=WE,3TH) means every Wednesday and the
// third Thursday, where rrule-go alone finds days that are both; and a
// rule goes on past the 292 years after its DTSTART at which rrule-go
// stops one without an UNTIL.
//
// Expansion is bounded. It stops at the end of the requested range. It
// does not walk from an old DTSTART: it starts at the last whole period
// (counted in INTERVALs from the DTSTART's) before the range. A COUNT still
// counts from the true DTSTART: ParseRecurrence finds the COUNT-th start
// once, and expansions end the rule there. rrule-go looks for the first
// start after the range before it yields anything; moving the calendar by
// whole 400-year cycles, over which it repeats, ends that search within 400
// years. One expansion returns at most 50,000 occurrences, past which it
// fails with [ErrTooManyOccurrences]. ParseRecurrence rejects rules that
// can never match.
//
// A Recurrence is immutable and safe for concurrent use. The zero
// Recurrence has no occurrences.
type Recurrence struct {
	start   DateTime       // DTSTART, a wall time
	zone    *time.Location // the DTSTART's TZID zone, time.UTC for a "Z" DTSTART, nil when floating
	tzid    string         // the TZID as written, "" when there is none
	hasRule bool           // whether there is an RRULE
	rule    recRule
	exdates []recTime
	rdates  []recTime
}

// A recRule is a parsed RRULE, with lists sorted and free of duplicates.
type recRule struct {
	freq     rrule.Frequency
	interval int // 1 when not given
	count    int // 0 when not given
	until    recTime
	// countEnd is the wall time of the COUNT-th start, found once by
	// ParseRecurrence; countEnds is false when the rule has no COUNT or
	// gives fewer starts than COUNT before year 10000.
	countEnd  DateTime
	countEnds bool
	wkst      int // rrule-go's numbering: 0 is Monday, 6 is Sunday
	bymonth   []int
	byweekno  []int
	byyday    []int
	bymday    []int
	byday     []recWeekday
	byhour    []int
	byminute  []int
	bysetpos  []int
	byeaster  []int
}

// A recWeekday is a BYDAY value: a weekday (0 is Monday) and an optional
// ordinal n (0 when there is none).
type recWeekday struct{ n, day int }

// A recKind tells how a date or date-time was written.
type recKind int

const (
	recNone     recKind = iota // absent
	recDate                    // a date: 20260112
	recFloating                // a wall date-time with no zone: 20260112T090000
	recUTC                     // a UTC date-time: 20260112T080000Z
	recZoned                   // a wall date-time in a TZID zone
)

// A recTime is a DTSTART-like value of an EXDATE, an RDATE or an UNTIL.
type recTime struct {
	kind recKind
	at   DateTime // the written date and time (00:00 for a date; the UTC wall time for recUTC)
	sec  int      // the written seconds (UNTIL only; 0 elsewhere)
	tzid string   // for recZoned
	zone *time.Location
}

// ParseRecurrence reads a rule. text is either a bare RRULE value
// ("FREQ=WEEKLY;BYDAY=TU,TH"), an "RRULE:..." line, or several lines
// (LF or CRLF) among DTSTART, RRULE (at most one), EXDATE and RDATE, as
// in iCalendar: "DTSTART;TZID=America/Santiago:20260105T090000",
// "DTSTART:20260105T090000" (floating), "DTSTART:20260105T120000Z" (UTC),
// "EXDATE;TZID=Europe/Berlin:20260112T090000,20260119T090000",
// "EXDATE:20260112T080000Z", "EXDATE;VALUE=DATE:20260112" (excludes every
// occurrence starting on that date), "RDATE:20260110T090000".
// start is the DTSTART to use when text has no DTSTART line (a wall time
// in the zone the caller gives at expansion); with neither, it is an error.
// Errors are *ParseError values (Func "ParseRecurrence") that quote the
// rule text and the bad line or part.
//
// A DTSTART line wins over start. Names and rule parts are
// case-insensitive; blank lines and spaces around lines are ignored. Times
// are whole minutes: a DTSTART, EXDATE or RDATE with seconds other than 00
// is an error (an UNTIL may have seconds). Dates run from year 1 to 9999;
// a DTSTART of exactly 0001-01-01T00:00, which rrule-go would take for
// "now", is an error.
//
// The rule must follow RFC 5545 §3.3.10 (FREQ required, no COUNT with
// UNTIL, BYWEEKNO and BYYEARDAY only where the RFC allows them, BYSETPOS
// only with another BYxxx part, BYDAY ordinals only with MONTHLY and
// YEARLY) and tzplan's limits: FREQ at least DAILY (focus blocks do not
// repeat hourly), BYSECOND=0 only, INTERVAL at most 1000, COUNT at most
// 50,000, at most 8 BYSETPOS values, at most 96 times of day (BYHOUR times
// BYMINUTE), at most 31 values in BYMONTHDAY, BYYEARDAY, BYDAY and
// BYEASTER each, at most 10,000 EXDATE and RDATE values, BYDAY ordinals within -5..5 where they count weeks of a
// month, and BYEASTER (a python-dateutil extension) only with FREQ=YEARLY
// and only from -80 to 250, the offsets that stay within Easter's year. A
// rule that can never match, such as FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 or
// a BYSETPOS beyond the largest set a period can hold, is an error too.
func ParseRecurrence(text string, start DateTime) (Recurrence, error) {
	p := recParser{input: text}
	return p.parse(start)
}

// Zone returns the zone named by the DTSTART's TZID (or UTC for a "Z"
// DTSTART), or nil when the rule is floating: then its wall times are read
// in the zone passed to Starts and Occurrences.
func (r Recurrence) Zone() *time.Location { return r.zone }

// Start returns the DTSTART wall time.
func (r Recurrence) Start() DateTime { return r.start }

// String returns the rule in the line form ParseRecurrence reads, with a
// DTSTART line; parsing it gives an equal Recurrence. The zero Recurrence
// gives "".
func (r Recurrence) String() string {
	if !r.start.IsValid() {
		return ""
	}
	var b strings.Builder
	b.WriteString("DTSTART")
	switch {
	case r.tzid != "":
		b.WriteString(";TZID=" + recParamValue(r.tzid) + ":" + recFormat(r.start, 0))
	case r.zone == time.UTC:
		b.WriteString(":" + recFormat(r.start, 0) + "Z")
	default:
		b.WriteString(":" + recFormat(r.start, 0))
	}
	if r.hasRule {
		b.WriteString("\nRRULE:" + r.rule.String())
	}
	recWriteDates(&b, "EXDATE", r.exdates)
	recWriteDates(&b, "RDATE", r.rdates)
	return b.String()
}

// Starts returns the wall start times of the occurrences whose date lies
// in from..to inclusive, in order, without duplicates, with EXDATEs
// removed and RDATEs added. loc is the zone for a floating rule and for
// converting UTC/TZID EXDATE and RDATE values to the rule's wall clock.
//
// For a rule with a TZID or a "Z" DTSTART, loc is ignored: the rule's own
// zone is used. A nil loc means UTC. Two different wall times may start at
// the same instant (a wall time in a gap and the one the gap moves it to);
// both are listed. from and to must be valid dates; the result is empty
// when to is before from. It is an error wrapping ErrTooManyOccurrences
// when there would be more than 50,000 starts.
func (r Recurrence) Starts(from, to Date, loc *time.Location) ([]DateTime, error) {
	if !from.IsValid() || !to.IsValid() {
		return nil, fmt.Errorf("calendar: Recurrence.Starts: invalid date in %s..%s", from, to)
	}
	return r.starts(from, to, r.zoneFor(loc))
}

// Occurrences returns the occurrences that overlap window, each starting at
// Wall(start, zone) and lasting d (an exact duration), in time order.
//
// zone is the rule's own zone, or loc for a floating rule (nil meaning
// UTC), as in Starts. Occurrences that start at the same instant are
// reported once: when a whole day is skipped, as on 2011-12-30 in
// Pacific/Apia, the skipped day's start is read with the offset before the
// jump and lands on the next day's start, and the two are one occurrence.
// Occurrences that merely overlap are all reported. d must be positive. It
// is an error wrapping ErrTooManyOccurrences when more than 50,000 starts
// fall on the dates the window touches.
func (r Recurrence) Occurrences(window Interval, d time.Duration, loc *time.Location) ([]Interval, error) {
	if d <= 0 {
		return nil, fmt.Errorf("calendar: Recurrence.Occurrences: duration %v is not positive", d)
	}
	if window.IsEmpty() || !r.start.IsValid() {
		return nil, nil
	}
	zone := r.zoneFor(loc)
	// The dates whose starts may overlap window, with two days' margin
	// for starts that a gap moves forward or a fold moves back.
	lo := DateOf(window.Start.Add(-d).In(zone)).AddDays(-2)
	hi := DateOf(window.End.In(zone)).AddDays(2)
	starts, err := r.starts(lo, hi, zone)
	if err != nil {
		return nil, err
	}
	out := make([]Interval, 0, len(starts))
	for _, s := range starts {
		t := Wall(s.Date, s.Clock, zone)
		iv := Interval{t, t.Add(d)}
		if iv.Overlaps(window) {
			out = append(out, iv)
		}
	}
	slices.SortStableFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	return slices.CompactFunc(out, func(a, b Interval) bool { return a.Start.Equal(b.Start) }), nil
}

// zoneFor returns the zone the rule's wall times are read in.
func (r Recurrence) zoneFor(loc *time.Location) *time.Location {
	switch {
	case r.zone != nil:
		return r.zone
	case loc != nil:
		return loc
	}
	return time.UTC
}

// recFirstDate and recLastDate bound the dates an expansion covers.
func recFirstDate() Date { return Date{1, time.January, 1} }
func recLastDate() Date  { return Date{9999, time.December, 31} }

// starts is Starts for the dates lo..hi, which may be out of range.
func (r Recurrence) starts(lo, hi Date, zone *time.Location) ([]DateTime, error) {
	if !r.start.IsValid() {
		return nil, nil
	}
	if lo.Before(recFirstDate()) {
		lo = recFirstDate()
	}
	if hi.After(recLastDate()) {
		hi = recLastDate()
	}
	if lo.After(hi) {
		return nil, nil
	}
	var out []DateTime
	add := func(dt DateTime) error {
		out = append(out, dt)
		if len(out) > recMaxOccurrences {
			return fmt.Errorf("calendar: recurrence %q: %w: more than %d starts from %s to %s",
				r.String(), ErrTooManyOccurrences, recMaxOccurrences, lo, hi)
		}
		return nil
	}
	if err := r.ruleStarts(lo, hi, zone, add); err != nil {
		return nil, err
	}
	sorted := len(out)
	for _, rd := range r.rdates {
		dt := r.rdateWall(rd, zone)
		if dt.Date.Before(lo) || dt.Date.After(hi) {
			continue
		}
		if err := add(dt); err != nil {
			return nil, err
		}
	}
	if len(out) > sorted {
		slices.SortFunc(out, DateTime.Compare)
	}
	out = slices.Compact(out)
	if len(r.exdates) > 0 {
		ex := r.exclusions(zone)
		out = slices.DeleteFunc(out, func(dt DateTime) bool { return ex.excludes(dt, zone) })
	}
	return out, nil
}

// ruleStarts calls yield with the wall starts that the RRULE (or, without
// one, the DTSTART alone) gives on the dates lo..hi, in order.
func (r Recurrence) ruleStarts(lo, hi Date, zone *time.Location, yield func(DateTime) error) error {
	if lo.Before(r.start.Date) {
		lo = r.start.Date
	}
	if !r.hasRule {
		if lo.After(r.start.Date) || hi.Before(r.start.Date) {
			return nil
		}
		return yield(r.start)
	}
	rl := &r.rule
	// A COUNT ends the rule at its COUNT-th start, which ParseRecurrence
	// found: from here on it is a floating UNTIL, and the rule can be
	// rebased like any other.
	until := rl.until
	if rl.countEnds {
		until = recTime{kind: recFloating, at: rl.countEnd}
	}
	var untilInstant time.Time
	switch until.kind {
	case recDate, recFloating:
		if until.at.Date.Before(hi) {
			hi = until.at.Date
		}
	case recUTC:
		untilInstant = until.instant()
		// A start whose wall date is two days past the UNTIL's cannot be
		// at or before it, whatever the gaps and folds in between.
		if last := DateOf(untilInstant.In(zone)).AddDays(2); last.Before(hi) {
			hi = last
		}
	}
	if lo.After(hi) {
		return nil
	}
	// Rebase: start the iteration at the last period that begins before
	// lo, so that an old DTSTART costs nothing. Then shift the whole
	// calendar forward by whole 400-year cycles, as close to year 9999 as
	// hi allows: rrule-go gives up at the end of 9999, so the search for
	// the first start after hi (which rrule-go does before it yields
	// anything) can never walk more than 400 years, whatever the rule.
	// The Gregorian calendar repeats exactly every 400 years (146097
	// days, 20871 weeks), Easter excepted.
	dtstart := rl.rebase(r.start, lo)
	shift := 0
	if len(rl.byeaster) == 0 {
		shift = recCycleYears * ((recLastDate().Year - hi.Year) / recCycleYears)
	}
	o := rl.options(r.start)
	o.Dtstart = recToRRule(dtstart, shift)
	o.Until = recFarFuture()
	rr, err := rrule.NewRRule(o)
	if err != nil {
		// ParseRecurrence has checked every bound rrule-go checks.
		return fmt.Errorf("calendar: recurrence %q: %v", r.String(), err)
	}
	next := rr.Iterator()
	for {
		t, ok := next()
		if !ok {
			return nil
		}
		dt := recFromRRule(t, shift)
		if dt.Date.After(hi) {
			return nil
		}
		if dt.Date.Before(lo) {
			continue
		}
		switch until.kind {
		case recFloating:
			if dt.Compare(until.at) > 0 {
				return nil
			}
		case recUTC:
			if Wall(dt.Date, dt.Clock, zone).After(untilInstant) {
				continue
			}
		}
		if err := yield(dt); err != nil {
			return err
		}
	}
}

// rebase returns the DTSTART to hand rrule-go for a query that starts on
// lo: 00:00 on the first day of the last period (a day, week, month or
// year, counted in whole INTERVALs from the DTSTART's period) that begins
// before lo, when that is not the DTSTART's own period. Every period after
// the DTSTART's is generated in full from its first day, so starting there
// (with the defaults that rrule-go takes from the DTSTART made explicit by
// options) gives exactly the starts the full expansion gives from that
// period on. When lo is in the DTSTART's first period, it returns the
// DTSTART. The caller must not hand rrule-go a COUNT, which would count
// from the wrong start: ruleStarts turns COUNT into an UNTIL.
func (rl *recRule) rebase(start DateTime, lo Date) DateTime {
	target := lo.AddDays(-1) // a day of margin
	var first Date
	switch rl.freq {
	case rrule.DAILY:
		k := target.DaysSince(start.Date) / rl.interval
		if k <= 0 {
			return start
		}
		first = start.Date.AddDays(k * rl.interval)
	case rrule.WEEKLY:
		weekStart := start.Date.AddDays(-((recPyWeekday(start.Date) - rl.wkst + 7) % 7))
		k := target.DaysSince(weekStart) / 7 / rl.interval
		if k <= 0 {
			return start
		}
		first = weekStart.AddDays(7 * k * rl.interval)
	case rrule.MONTHLY:
		k := (recMonthIndex(target) - recMonthIndex(start.Date)) / rl.interval
		if k <= 0 {
			return start
		}
		m := recMonthIndex(start.Date) + k*rl.interval
		first = Date{m / 12, time.Month(m%12 + 1), 1}
	default: // YEARLY
		k := (target.Year - start.Date.Year) / rl.interval
		if k <= 0 {
			return start
		}
		first = Date{start.Date.Year + k*rl.interval, time.January, 1}
	}
	return DateTime{first, Midnight}
}

// recMonthIndex numbers the months from January of year 0.
func recMonthIndex(d Date) int { return d.Year*12 + int(d.Month) - 1 }

// recPyWeekday returns d's weekday in rrule-go's numbering (0 is Monday).
func recPyWeekday(d Date) int { return (int(d.Weekday()) + 6) % 7 }

// options returns the rrule-go options for rl, with rrule-go's implicit
// defaults (buildRRule in rrule.go takes the month, day, weekday and time
// of day from the DTSTART when no BYxxx part says otherwise) made explicit
// from start, so that they stay put when the DTSTART given to rrule-go
// moves. Dtstart, Count and Until are left for the caller.
func (rl *recRule) options(start DateTime) rrule.ROption {
	o := rrule.ROption{
		Freq:       rl.freq,
		Interval:   rl.interval,
		Wkst:       recRRuleWeekday(rl.wkst, 0),
		Bysetpos:   slices.Clone(rl.bysetpos),
		Bymonth:    slices.Clone(rl.bymonth),
		Bymonthday: slices.Clone(rl.bymday),
		Byyearday:  slices.Clone(rl.byyday),
		Byweekno:   slices.Clone(rl.byweekno),
		Byhour:     slices.Clone(rl.byhour),
		Byminute:   slices.Clone(rl.byminute),
		Bysecond:   []int{0},
		Byeaster:   slices.Clone(rl.byeaster),
	}
	// rrule-go (like python-dateutil) requires a day to match both the
	// plain and the numbered weekdays of a BYDAY that mixes them, so that
	// BYDAY=WE,3TH never matches; RFC 5545 means either. Every weekday of
	// a month is its 1st to 5th, and of a year its 1st to 53rd, so the
	// plain ones are written as all their numbered ones.
	mixed := slices.ContainsFunc(rl.byday, func(w recWeekday) bool { return w.n == 0 }) &&
		slices.ContainsFunc(rl.byday, func(w recWeekday) bool { return w.n != 0 })
	most := 5
	if rl.freq == rrule.YEARLY && len(rl.bymonth) == 0 {
		most = 53
	}
	for _, w := range rl.byday {
		if mixed && w.n == 0 {
			for n := 1; n <= most; n++ {
				o.Byweekday = append(o.Byweekday, recRRuleWeekday(w.day, n))
			}
			continue
		}
		o.Byweekday = append(o.Byweekday, recRRuleWeekday(w.day, w.n))
	}
	if len(o.Byweekno) == 0 && len(o.Byyearday) == 0 && len(o.Bymonthday) == 0 &&
		len(o.Byweekday) == 0 && len(o.Byeaster) == 0 {
		switch rl.freq {
		case rrule.YEARLY:
			if len(o.Bymonth) == 0 {
				o.Bymonth = []int{int(start.Date.Month)}
			}
			o.Bymonthday = []int{start.Date.Day}
		case rrule.MONTHLY:
			o.Bymonthday = []int{start.Date.Day}
		case rrule.WEEKLY:
			o.Byweekday = []rrule.Weekday{recRRuleWeekday(recPyWeekday(start.Date), 0)}
		}
	}
	if len(o.Byhour) == 0 {
		o.Byhour = []int{start.Clock.Hour()}
	}
	if len(o.Byminute) == 0 {
		o.Byminute = []int{start.Clock.Minute()}
	}
	return o
}

// recRRuleWeekday returns rrule-go's weekday day (0 is Monday) with
// ordinal n.
func recRRuleWeekday(day, n int) rrule.Weekday {
	w := rrule.MO
	switch day {
	case 1:
		w = rrule.TU
	case 2:
		w = rrule.WE
	case 3:
		w = rrule.TH
	case 4:
		w = rrule.FR
	case 5:
		w = rrule.SA
	case 6:
		w = rrule.SU
	}
	return w.Nth(n)
}

// recToRRule returns the wall time dt, years later, as the UTC time that
// rrule-go reads in floating time.
func recToRRule(dt DateTime, years int) time.Time {
	return time.Date(dt.Date.Year+years, dt.Date.Month, dt.Date.Day, dt.Clock.Hour(), dt.Clock.Minute(), 0, 0, time.UTC)
}

// recFromRRule is the inverse of recToRRule.
func recFromRRule(t time.Time, years int) DateTime {
	t = t.UTC()
	return DateTime{Date{t.Year() - years, t.Month(), t.Day()}, Clock(t.Hour()*60 + t.Minute())}
}

// recFarFuture is an UNTIL that no expansion reaches. rrule-go's default,
// when UNTIL is absent, is about 292 years after the DTSTART: a rule with
// an older DTSTART would silently end.
func recFarFuture() time.Time { return time.Date(10100, time.January, 1, 0, 0, 0, 0, time.UTC) }

// instant returns the instant of a recUTC value.
func (v recTime) instant() time.Time {
	return time.Date(v.at.Date.Year, v.at.Date.Month, v.at.Date.Day, v.at.Clock.Hour(), v.at.Clock.Minute(), v.sec, 0, time.UTC)
}

// rdateWall returns the wall time, in zone, of an RDATE value.
func (r Recurrence) rdateWall(v recTime, zone *time.Location) DateTime {
	switch v.kind {
	case recDate:
		return DateTime{v.at.Date, r.start.Clock}
	case recUTC:
		return DateTimeOf(v.instant().In(zone))
	case recZoned:
		return DateTimeOf(Wall(v.at.Date, v.at.Clock, v.zone).In(zone))
	}
	return v.at
}

// recExclusions indexes the EXDATEs of one expansion.
type recExclusions struct {
	walls    map[DateTime]bool
	dates    map[Date]bool
	instants map[int64]bool // Unix seconds
}

// exclusions indexes r's EXDATEs for the rule's zone.
func (r Recurrence) exclusions(zone *time.Location) recExclusions {
	var ex recExclusions
	for _, v := range r.exdates {
		switch v.kind {
		case recDate:
			if ex.dates == nil {
				ex.dates = make(map[Date]bool)
			}
			ex.dates[v.at.Date] = true
		case recFloating:
			if ex.walls == nil {
				ex.walls = make(map[DateTime]bool)
			}
			ex.walls[v.at] = true
		default:
			t := v.instant()
			if v.kind == recZoned {
				t = Wall(v.at.Date, v.at.Clock, v.zone)
			}
			if ex.instants == nil {
				ex.instants = make(map[int64]bool)
			}
			ex.instants[t.Unix()] = true
		}
	}
	return ex
}

// excludes reports whether an EXDATE removes the start dt.
func (ex recExclusions) excludes(dt DateTime, zone *time.Location) bool {
	return ex.dates[dt.Date] || ex.walls[dt] ||
		ex.instants != nil && ex.instants[Wall(dt.Date, dt.Clock, zone).Unix()]
}

// String returns the RRULE value in a canonical form: the parts in a fixed
// order, lists sorted, defaults (INTERVAL=1, WKST=MO) left out.
func (rl *recRule) String() string {
	parts := []string{"FREQ=" + rl.freq.String()}
	if rl.interval != 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(rl.interval))
	}
	if rl.count != 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(rl.count))
	}
	if rl.until.kind != recNone {
		parts = append(parts, "UNTIL="+rl.until.format())
	}
	if rl.wkst != 0 {
		parts = append(parts, "WKST="+recDayName(rl.wkst))
	}
	ints := func(name string, vs []int) {
		if len(vs) == 0 {
			return
		}
		s := make([]string, len(vs))
		for i, v := range vs {
			s[i] = strconv.Itoa(v)
		}
		parts = append(parts, name+"="+strings.Join(s, ","))
	}
	ints("BYMONTH", rl.bymonth)
	ints("BYWEEKNO", rl.byweekno)
	ints("BYYEARDAY", rl.byyday)
	ints("BYMONTHDAY", rl.bymday)
	if len(rl.byday) > 0 {
		s := make([]string, len(rl.byday))
		for i, w := range rl.byday {
			if w.n != 0 {
				s[i] = strconv.Itoa(w.n)
			}
			s[i] += recDayName(w.day)
		}
		parts = append(parts, "BYDAY="+strings.Join(s, ","))
	}
	ints("BYHOUR", rl.byhour)
	ints("BYMINUTE", rl.byminute)
	ints("BYSETPOS", rl.bysetpos)
	ints("BYEASTER", rl.byeaster)
	return strings.Join(parts, ";")
}

// recDays holds the two-letter weekday names, Monday first.
const recDays = "MOTUWETHFRSASU"

func recDayName(day int) string { return recDays[2*day : 2*day+2] }

// format returns v as written in a rule: 20260112, 20260112T090000 or
// 20260112T080000Z (the TZID goes in the line's parameters).
func (v recTime) format() string {
	if v.kind == recDate {
		return fmt.Sprintf("%04d%02d%02d", v.at.Date.Year, int(v.at.Date.Month), v.at.Date.Day)
	}
	s := recFormat(v.at, v.sec)
	if v.kind == recUTC {
		s += "Z"
	}
	return s
}

// recFormat writes dt with seconds sec as 20260112T090000.
func recFormat(dt DateTime, sec int) string {
	return fmt.Sprintf("%04d%02d%02dT%02d%02d%02d", dt.Date.Year, int(dt.Date.Month), dt.Date.Day,
		dt.Clock.Hour(), dt.Clock.Minute(), sec)
}

// recParamValue quotes a parameter value when RFC 5545 requires it.
func recParamValue(s string) string {
	if strings.ContainsAny(s, ";:,") {
		return `"` + s + `"`
	}
	return s
}

// recWriteDates writes EXDATE or RDATE lines for vs, one line for each
// run of values written alike (same kind class and TZID).
func recWriteDates(b *strings.Builder, name string, vs []recTime) {
	for i := 0; i < len(vs); {
		j := i + 1
		for j < len(vs) && recSameLine(vs[i], vs[j]) {
			j++
		}
		b.WriteString("\n" + name)
		switch vs[i].kind {
		case recDate:
			b.WriteString(";VALUE=DATE")
		case recZoned:
			b.WriteString(";TZID=" + recParamValue(vs[i].tzid))
		}
		for k, v := range vs[i:j] {
			if k == 0 {
				b.WriteString(":")
			} else {
				b.WriteString(",")
			}
			b.WriteString(v.format())
		}
		i = j
	}
}

// recSameLine reports whether a and b can share an EXDATE or RDATE line.
func recSameLine(a, b recTime) bool {
	switch a.kind {
	case recDate, recZoned:
		return a.kind == b.kind && a.tzid == b.tzid
	}
	return b.kind == recFloating || b.kind == recUTC
}

// A recParser reads one rule text.
type recParser struct {
	input string
	zones map[string]*time.Location
	dates int // EXDATE and RDATE values read so far
}

// fail returns a *ParseError for part of the input.
func (p *recParser) fail(part, format string, args ...any) error {
	return &ParseError{Func: "ParseRecurrence", Input: p.input, Part: part, Msg: fmt.Sprintf(format, args...)}
}

// parse reads p.input, with start as the DTSTART when it has none.
func (p *recParser) parse(start DateTime) (Recurrence, error) {
	var lines []string
	for _, l := range strings.Split(p.input, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return Recurrence{}, p.fail("", "empty: want an RRULE such as FREQ=WEEKLY;BYDAY=TU,TH")
	}
	var r Recurrence
	var ruleLine string
	hasStart := false
	if len(lines) == 1 && !recIsPropertyLine(lines[0]) {
		// A bare RRULE value.
		rl, err := p.rule(lines[0], lines[0])
		if err != nil {
			return Recurrence{}, err
		}
		r.rule, r.hasRule, ruleLine = rl, true, lines[0]
	} else {
		for _, line := range lines {
			name, params, value, ok := recSplitLine(line)
			if !ok {
				return Recurrence{}, p.fail(line, "want a line DTSTART, RRULE, EXDATE or RDATE, as NAME:value")
			}
			switch name {
			case "DTSTART":
				if hasStart {
					return Recurrence{}, p.fail(line, "more than one DTSTART line")
				}
				if err := p.dtstart(&r, line, params, value); err != nil {
					return Recurrence{}, err
				}
				hasStart = true
			case "RRULE":
				if r.hasRule {
					return Recurrence{}, p.fail(line, "more than one RRULE line")
				}
				if len(params) > 0 {
					return Recurrence{}, p.fail(line, "an RRULE line takes no parameters")
				}
				rl, err := p.rule(line, value)
				if err != nil {
					return Recurrence{}, err
				}
				r.rule, r.hasRule, ruleLine = rl, true, line
			case "EXDATE", "RDATE":
				vs, err := p.dateList(line, name, params, value)
				if err != nil {
					return Recurrence{}, err
				}
				if name == "EXDATE" {
					r.exdates = append(r.exdates, vs...)
				} else {
					r.rdates = append(r.rdates, vs...)
				}
			default:
				return Recurrence{}, p.fail(line, "unknown property %s: want DTSTART, RRULE, EXDATE or RDATE", name)
			}
		}
	}
	if !hasStart {
		switch {
		case start == DateTime{}:
			return Recurrence{}, p.fail("", "no DTSTART: give a DTSTART line or a start")
		case !start.IsValid():
			return Recurrence{}, p.fail("", "the start %s is not a valid date and time", start)
		}
		r.start = start
	}
	if r.start == (DateTime{Date{1, time.January, 1}, Midnight}) {
		// rrule-go reads the zero time.Time as "now".
		return Recurrence{}, p.fail("", "DTSTART 0001-01-01T00:00 is out of range")
	}
	if r.hasRule {
		if msg := r.rule.neverMatches(r.start); msg != "" {
			return Recurrence{}, p.fail(ruleLine, "the rule never matches: %s", msg)
		}
		r.rule.countEnd, r.rule.countEnds = r.rule.lastCounted(r.start)
	}
	return r, nil
}

// lastCounted returns the wall time of the COUNT-th start from start, and
// whether there is one. It walks rrule-go from the true DTSTART once, so
// that expansions need not: they end the rule there, as with an UNTIL,
// and rebase it like any other. The walk yields at most COUNT (at most
// 50,000) starts; for a rule that matches hardly ever it may have to walk
// to year 9999, which for the sparsest daily rule takes about 130 ms.
func (rl *recRule) lastCounted(start DateTime) (DateTime, bool) {
	if rl.count == 0 {
		return DateTime{}, false
	}
	o := rl.options(start)
	o.Dtstart = recToRRule(start, 0)
	o.Until = recFarFuture()
	o.Count = rl.count
	rr, err := rrule.NewRRule(o)
	if err != nil {
		return DateTime{}, false // checkRule has run the same validation
	}
	next := rr.Iterator()
	var last time.Time
	for n := 0; n < rl.count; n++ {
		t, ok := next()
		if !ok {
			return DateTime{}, false
		}
		last = t
	}
	return recFromRRule(last, 0), true
}

// recIsPropertyLine reports whether line starts with a property name
// followed by ";" or ":", as in "RRULE:FREQ=DAILY", rather than being a
// bare RRULE value such as "FREQ=DAILY;COUNT=3".
func recIsPropertyLine(line string) bool {
	i := strings.IndexAny(line, ";:")
	return i > 0 && recIsName(line[:i])
}

// recIsName reports whether s is a property name: letters, digits and "-".
func recIsName(s string) bool {
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// recSplitLine splits a content line into its upper-cased name, its
// parameters (unquoted, names upper-cased) and its value.
func recSplitLine(line string) (name string, params [][2]string, value string, ok bool) {
	if !recIsPropertyLine(line) {
		return "", nil, "", false
	}
	i := strings.IndexAny(line, ";:")
	name = strings.ToUpper(line[:i])
	rest := line[i:]
	for rest != "" && rest[0] == ';' {
		// A parameter runs to the next ";" or ":" outside quotes.
		j, quoted := 1, false
		for ; j < len(rest); j++ {
			c := rest[j]
			if c == '"' {
				quoted = !quoted
			} else if !quoted && (c == ';' || c == ':') {
				break
			}
		}
		if quoted || j == len(rest) {
			return "", nil, "", false
		}
		k, v, found := strings.Cut(rest[1:j], "=")
		if !found {
			return "", nil, "", false
		}
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		if strings.Contains(v, `"`) {
			return "", nil, "", false
		}
		params = append(params, [2]string{strings.ToUpper(k), v})
		rest = rest[j:]
	}
	if rest == "" || rest[0] != ':' {
		return "", nil, "", false
	}
	return name, params, rest[1:], true
}

// zone loads the zone a TZID names.
func (p *recParser) zone(line, name string) (*time.Location, error) {
	if loc, ok := p.zones[name]; ok {
		return loc, nil
	}
	if name == "" || name == "Local" {
		return nil, p.fail(line, "TZID %q is not an IANA time zone name such as Europe/Berlin", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, p.fail(line, "unknown time zone %q", name)
	}
	if p.zones == nil {
		p.zones = make(map[string]*time.Location)
	}
	p.zones[name] = loc
	return loc, nil
}

// dtstart reads a DTSTART line into r.
func (p *recParser) dtstart(r *Recurrence, line string, params [][2]string, value string) error {
	for _, pv := range params {
		switch {
		case pv[0] == "TZID":
			loc, err := p.zone(line, pv[1])
			if err != nil {
				return err
			}
			r.zone, r.tzid = loc, pv[1]
		case pv[0] == "VALUE" && strings.EqualFold(pv[1], "DATE-TIME"):
		case pv[0] == "VALUE":
			return p.fail(line, "a DTSTART must be a date-time: a focus block has a start time")
		default:
			return p.fail(line, "unknown DTSTART parameter %s", pv[0])
		}
	}
	v, err := p.dateTime(line, value, false)
	if err != nil {
		return err
	}
	switch {
	case v.kind == recUTC && r.tzid != "":
		return p.fail(line, "a DTSTART with a TZID cannot end in Z")
	case v.kind == recUTC:
		r.zone = time.UTC
	}
	r.start = v.at
	return nil
}

// dateList reads the values of an EXDATE or RDATE line.
func (p *recParser) dateList(line, name string, params [][2]string, value string) ([]recTime, error) {
	isDate := false
	var tzid string
	var zone *time.Location
	for _, pv := range params {
		switch {
		case pv[0] == "TZID":
			loc, err := p.zone(line, pv[1])
			if err != nil {
				return nil, err
			}
			tzid, zone = pv[1], loc
		case pv[0] == "VALUE" && strings.EqualFold(pv[1], "DATE"):
			isDate = true
		case pv[0] == "VALUE" && strings.EqualFold(pv[1], "DATE-TIME"):
		case pv[0] == "VALUE":
			return nil, p.fail(line, "%s;VALUE=%s is not supported: want DATE or DATE-TIME", name, pv[1])
		default:
			return nil, p.fail(line, "unknown %s parameter %s", name, pv[0])
		}
	}
	if isDate && tzid != "" {
		return nil, p.fail(line, "%s;VALUE=DATE takes no TZID", name)
	}
	var out []recTime
	for _, s := range strings.Split(value, ",") {
		if p.dates++; p.dates > recMaxDates {
			return nil, p.fail(line, "more than %d EXDATE and RDATE values", recMaxDates)
		}
		var v recTime
		var err error
		if isDate {
			v, err = p.date(line, s)
		} else {
			v, err = p.dateTime(line, s, false)
		}
		if err != nil {
			return nil, err
		}
		if tzid != "" {
			if v.kind == recUTC {
				return nil, p.fail(line, "%q: a value with a TZID cannot end in Z", s)
			}
			v.kind, v.tzid, v.zone = recZoned, tzid, zone
		}
		out = append(out, v)
	}
	return out, nil
}

// date reads a date value, 20260112.
func (p *recParser) date(line, s string) (recTime, error) {
	bad := func() (recTime, error) {
		return recTime{}, p.fail(line, "%q is not a date YYYYMMDD", s)
	}
	if len(s) != 8 {
		return bad()
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[4:6])
	d, ok3 := digits(s[6:8])
	date := Date{y, time.Month(m), d}
	if !ok1 || !ok2 || !ok3 || !date.IsValid() {
		return bad()
	}
	return recTime{kind: recDate, at: DateTime{date, Midnight}}, nil
}

// dateTime reads a date-time value, 20260112T090000 or 20260112T080000Z.
// Seconds other than 00 are an error unless withSeconds.
func (p *recParser) dateTime(line, s string, withSeconds bool) (recTime, error) {
	bad := func() (recTime, error) {
		return recTime{}, p.fail(line, "%q is not a date-time YYYYMMDDTHHMMSS, with Z for UTC", s)
	}
	v := recTime{kind: recFloating}
	body := strings.TrimSuffix(strings.ToUpper(s), "Z")
	if len(body) < len(s) {
		v.kind = recUTC
	}
	if len(body) != 15 || body[8] != 'T' {
		return bad()
	}
	d, err := p.date(line, body[:8])
	if err != nil {
		return bad()
	}
	h, ok1 := digits(body[9:11])
	m, ok2 := digits(body[11:13])
	sec, ok3 := digits(body[13:15])
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
		return bad()
	}
	if sec != 0 && !withSeconds {
		return recTime{}, p.fail(line, "%q: seconds must be 00: tzplan works in whole minutes", s)
	}
	v.at = DateTime{d.at.Date, Clock(h*60 + m)}
	v.sec = sec
	return v, nil
}

// rule reads an RRULE value; line is what errors quote when the value as
// a whole is wrong.
func (p *recParser) rule(line, value string) (recRule, error) {
	rl := recRule{interval: 1}
	seen := map[string]bool{}
	freqSet := false
	for _, part := range strings.Split(value, ";") {
		key, val, ok := strings.Cut(part, "=")
		key = strings.ToUpper(strings.TrimSpace(key))
		val = strings.ToUpper(strings.TrimSpace(val))
		if !ok || key == "" || val == "" {
			if strings.TrimSpace(part) == "" {
				part = line // an empty part: quote the whole rule
			}
			return recRule{}, p.fail(part, "want a rule part NAME=VALUE, such as FREQ=DAILY")
		}
		if seen[key] {
			return recRule{}, p.fail(part, "%s is given twice", key)
		}
		seen[key] = true
		if err := p.rulePart(&rl, part, key, val); err != nil {
			return recRule{}, err
		}
		if key == "FREQ" {
			freqSet = true
		}
	}
	if !freqSet {
		return recRule{}, p.fail(line, "FREQ is required")
	}
	return rl, p.checkRule(&rl, line)
}

// rulePart reads one NAME=VALUE part of an RRULE into rl.
func (p *recParser) rulePart(rl *recRule, part, key, val string) error {
	var err error
	switch key {
	case "FREQ":
		switch val {
		case "YEARLY":
			rl.freq = rrule.YEARLY
		case "MONTHLY":
			rl.freq = rrule.MONTHLY
		case "WEEKLY":
			rl.freq = rrule.WEEKLY
		case "DAILY":
			rl.freq = rrule.DAILY
		case "HOURLY", "MINUTELY", "SECONDLY":
			return p.fail(part, "frequencies finer than DAILY are not supported: focus blocks repeat at most daily")
		default:
			return p.fail(part, "unknown frequency %q: want DAILY, WEEKLY, MONTHLY or YEARLY", val)
		}
	case "INTERVAL":
		n, ok := digits(val)
		if !ok || n < 1 || n > recMaxInterval {
			return p.fail(part, "INTERVAL must be a whole number from 1 to %d", recMaxInterval)
		}
		rl.interval = n
	case "COUNT":
		n, ok := digits(val)
		if !ok || n < 1 || n > recMaxOccurrences {
			return p.fail(part, "COUNT must be a whole number from 1 to %d", recMaxOccurrences)
		}
		rl.count = n
	case "UNTIL":
		var v recTime
		if len(val) == 8 {
			v, err = p.date(part, val)
		} else {
			v, err = p.dateTime(part, val, true)
		}
		rl.until = v
	case "WKST":
		w, ok := recParseDay(val)
		if !ok {
			return p.fail(part, "WKST must be a weekday: MO, TU, WE, TH, FR, SA or SU")
		}
		rl.wkst = w
	case "BYSECOND":
		var secs []int
		secs, err = p.ints(part, key, val, 0, 59, false)
		if err == nil && (len(secs) != 1 || secs[0] != 0) {
			err = p.fail(part, "BYSECOND must be 0: tzplan works in whole minutes")
		}
	case "BYMINUTE":
		rl.byminute, err = p.ints(part, key, val, 0, 59, false)
	case "BYHOUR":
		rl.byhour, err = p.ints(part, key, val, 0, 23, false)
	case "BYMONTHDAY":
		rl.bymday, err = p.ints(part, key, val, 1, 31, true)
	case "BYYEARDAY":
		rl.byyday, err = p.ints(part, key, val, 1, 366, true)
	case "BYWEEKNO":
		rl.byweekno, err = p.ints(part, key, val, 1, 53, true)
	case "BYMONTH":
		rl.bymonth, err = p.ints(part, key, val, 1, 12, false)
	case "BYSETPOS":
		rl.bysetpos, err = p.ints(part, key, val, 1, 366, true)
		if err == nil && len(rl.bysetpos) > recMaxSetPos {
			err = p.fail(part, "BYSETPOS has more than %d values", recMaxSetPos)
		}
	case "BYEASTER":
		// rrule-go marks day eyday+n of a mask of yearlen+7 days, where
		// eyday, Easter's 0-based day of the year, is 80 to 114 (115 in a
		// leap year): n below -80 or above 257 panics. Past 250 the day
		// can fall in the next year, which rrule-go then drops or keeps
		// depending on the frequency, so tzplan stops at 250.
		rl.byeaster, err = p.signedInts(part, key, val, recEasterMin, recEasterMax)
		if err == nil && len(rl.byeaster) > recMaxList {
			err = p.fail(part, "BYEASTER has more than %d values", recMaxList)
		}
	case "BYDAY":
		rl.byday, err = p.weekdays(part, val)
	default:
		return p.fail(part, "unknown rule part %s", key)
	}
	return err
}

// ints reads a comma-separated list of integers from lo to hi (or from
// -hi to -lo as well, when signed), sorted and without duplicates.
func (p *recParser) ints(part, key, val string, lo, hi int, signed bool) ([]int, error) {
	var out []int
	for _, s := range strings.Split(val, ",") {
		n, ok := recInt(s)
		if !ok || !(n >= lo && n <= hi || signed && n <= -lo && n >= -hi) {
			if signed {
				return nil, p.fail(part, "%s values must be from %d to %d or from %d to %d", key, lo, hi, -hi, -lo)
			}
			return nil, p.fail(part, "%s values must be from %d to %d", key, lo, hi)
		}
		out = append(out, n)
	}
	out = recSortedSet(out)
	if (key == "BYMONTHDAY" || key == "BYYEARDAY") && len(out) > recMaxList {
		// rrule-go scans these lists for every day of every period.
		return nil, p.fail(part, "%s has more than %d values", key, recMaxList)
	}
	return out, nil
}

// signedInts reads a comma-separated list of integers from lo to hi.
func (p *recParser) signedInts(part, key, val string, lo, hi int) ([]int, error) {
	var out []int
	for _, s := range strings.Split(val, ",") {
		n, ok := recInt(s)
		if !ok || n < lo || n > hi {
			return nil, p.fail(part, "%s values must be from %d to %d", key, lo, hi)
		}
		out = append(out, n)
	}
	return recSortedSet(out), nil
}

// recSortedSet sorts vs and drops duplicates.
func recSortedSet(vs []int) []int {
	slices.Sort(vs)
	return slices.Compact(vs)
}

// recInt reads an integer with an optional sign and at most four digits.
func recInt(s string) (int, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) > 4 {
		return 0, false
	}
	n, ok := digits(s)
	if neg {
		n = -n
	}
	return n, ok
}

// recParseDay reads a two-letter weekday; 0 is Monday.
func recParseDay(s string) (int, bool) {
	if len(s) != 2 {
		return 0, false
	}
	i := strings.Index(recDays, s)
	if i < 0 || i%2 != 0 {
		return 0, false
	}
	return i / 2, true
}

// weekdays reads a BYDAY list such as "MO,-1FR,+2TU".
func (p *recParser) weekdays(part, val string) ([]recWeekday, error) {
	var out []recWeekday
	for _, s := range strings.Split(val, ",") {
		if len(s) < 2 {
			return nil, p.fail(part, "%q is not a weekday such as MO, 2TU or -1FR", s)
		}
		day, ok := recParseDay(s[len(s)-2:])
		if !ok {
			return nil, p.fail(part, "%q is not a weekday such as MO, 2TU or -1FR", s)
		}
		n := 0
		if num := s[:len(s)-2]; num != "" {
			n, ok = recInt(num)
			if !ok || n == 0 || n < -53 || n > 53 {
				return nil, p.fail(part, "%q: the week number must be from 1 to 53 or from -53 to -1", s)
			}
		}
		out = append(out, recWeekday{n: n, day: day})
	}
	slices.SortFunc(out, func(a, b recWeekday) int {
		if a.day != b.day {
			return a.day - b.day
		}
		return a.n - b.n
	})
	out = slices.Compact(out)
	if len(out) > recMaxList {
		return nil, p.fail(part, "BYDAY has more than %d values", recMaxList)
	}
	return out, nil
}

// checkRule enforces RFC 5545 §3.3.10's rules on which parts go together,
// and the limits that keep one rrule-go period cheap and free of panics.
func (p *recParser) checkRule(rl *recRule, line string) error {
	freq := rl.freq.String()
	switch {
	case rl.count != 0 && rl.until.kind != recNone:
		return p.fail(line, "COUNT and UNTIL cannot both be given")
	case len(rl.byweekno) > 0 && rl.freq != rrule.YEARLY:
		return p.fail(line, "BYWEEKNO is only allowed with FREQ=YEARLY")
	case len(rl.byyday) > 0 && rl.freq != rrule.YEARLY:
		return p.fail(line, "BYYEARDAY is not allowed with FREQ=%s", freq)
	case len(rl.bymday) > 0 && rl.freq == rrule.WEEKLY:
		return p.fail(line, "BYMONTHDAY is not allowed with FREQ=WEEKLY")
	case len(rl.byeaster) > 0 && rl.freq != rrule.YEARLY:
		return p.fail(line, "BYEASTER is only allowed with FREQ=YEARLY")
	case len(rl.bysetpos) > 0 && len(rl.bymonth)+len(rl.byweekno)+len(rl.byyday)+len(rl.bymday)+
		len(rl.byday)+len(rl.byhour)+len(rl.byminute)+len(rl.byeaster) == 0:
		return p.fail(line, "BYSETPOS needs another BYxxx rule part")
	case max(len(rl.byhour), 1)*max(len(rl.byminute), 1) > recMaxTimes:
		return p.fail(line, "BYHOUR and BYMINUTE give more than %d times of day", recMaxTimes)
	}
	for _, w := range rl.byday {
		if w.n == 0 {
			continue
		}
		switch {
		case rl.freq != rrule.MONTHLY && rl.freq != rrule.YEARLY:
			return p.fail(line, "BYDAY=%d%s: a numbered weekday needs FREQ=MONTHLY or YEARLY", w.n, recDayName(w.day))
		case len(rl.byweekno) > 0:
			return p.fail(line, "BYDAY=%d%s: a numbered weekday is not allowed with BYWEEKNO", w.n, recDayName(w.day))
		case (rl.freq == rrule.MONTHLY || len(rl.bymonth) > 0) && (w.n < -5 || w.n > 5):
			// A month has at most five of each weekday; rrule-go
			// indexes out of range past -5 (and far past 5).
			return p.fail(line, "BYDAY=%d%s: a month has at most five of each weekday", w.n, recDayName(w.day))
		}
	}
	// Anything else rrule-go's own validation refuses is an error too.
	if _, err := rrule.NewRRule(rl.options(DateTime{Date{2000, time.January, 1}, Midnight})); err != nil {
		return p.fail(line, "%v", err)
	}
	return nil
}

// neverMatches reports, with a reason, whether the rule gives no start
// at all from start on, or "" when it may. It is exact for the BYxxx
// parts; a rule that is dead only through its INTERVAL (a DAILY rule
// with INTERVAL=3 whose matching days all fall on the skipped days) is
// not caught here, but an expansion of it stops within 400 years of the
// range asked for (see ruleStarts).
//
// The probes run rrule-go on a superset of the rule's starts (INTERVAL=1,
// and for DAILY and WEEKLY a YEARLY rule with the same day filters) over
// one whole 400-year Gregorian cycle, years 9600 to 9999, where the
// calendar is the same as in any other cycle; a rule dead there is dead
// everywhere. A dead probe walks 400 rrule-go periods of a year (0.3 ms
// for FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, rather than 60 ms for rrule-go
// alone from 2026 to 9999), or with BYSETPOS 4800 periods of a month or
// 20871 of a week (1 to 2 ms). BYEASTER rules, whose dates repeat on no
// short cycle, are probed from start to 9999 (13 ms from 2026).
func (rl *recRule) neverMatches(start DateTime) string {
	o := rl.options(start)
	times := len(o.Byhour) * len(o.Byminute)
	if len(o.Bysetpos) > 0 {
		perPeriod := times
		switch rl.freq {
		case rrule.WEEKLY:
			perPeriod *= min(len(o.Byweekday), 7)
		case rrule.MONTHLY:
			perPeriod *= 31
		case rrule.YEARLY:
			perPeriod *= 366
		}
		if !slices.ContainsFunc(o.Bysetpos, func(n int) bool { return n >= -perPeriod && n <= perPeriod }) {
			return fmt.Sprintf("every BYSETPOS position is past the %d start(s) a %s holds at most", perPeriod, recPeriodName(rl.freq))
		}
	}
	const reason = "no date satisfies all its BYxxx parts"
	switch rl.freq {
	case rrule.DAILY:
		if rl.interval%7 == 0 {
			// Every day visited has the DTSTART's weekday.
			w := recRRuleWeekday(recPyWeekday(start.Date), 0)
			if len(o.Byweekday) > 0 && !slices.Contains(o.Byweekday, w) {
				return "with an INTERVAL of whole weeks, every day it visits is a " + start.Date.Weekday().String()
			}
			o.Byweekday = []rrule.Weekday{w}
		}
		if len(o.Bymonthday) == 0 && len(o.Byweekday) == 0 {
			return "" // every month has days
		}
		o.Freq, o.Bysetpos = rrule.YEARLY, nil // BYSETPOS is settled above
	case rrule.WEEKLY:
		if len(o.Bysetpos) == 0 {
			if len(o.Bymonth) == 0 {
				return "" // every weekday comes round
			}
			o.Freq = rrule.YEARLY
		}
	case rrule.MONTHLY:
		// Only some months are visited when INTERVAL shares a factor with 12.
		var visited []int
		for k := 0; k < 12; k++ {
			m := (int(start.Date.Month)-1+k*rl.interval)%12 + 1
			if len(o.Bymonth) == 0 || slices.Contains(o.Bymonth, m) {
				visited = append(visited, m)
			}
		}
		if len(visited) == 0 {
			return fmt.Sprintf("with INTERVAL=%d it visits none of its BYMONTH months", rl.interval)
		}
		slices.Sort(visited)
		o.Bymonth = slices.Compact(visited)
		if len(o.Bysetpos) == 0 {
			// Without BYSETPOS, a month's starts do not depend on the
			// period, and a YEARLY rule with BYMONTH numbers weekdays
			// within the month too: probe 400 years rather than 4800
			// months.
			o.Freq = rrule.YEARLY
		}
	}
	if len(o.Bysetpos) == 0 {
		o.Byhour, o.Byminute = []int{0}, []int{0}
	}
	o.Interval = 1
	o.Until = recFarFuture()
	o.Dtstart = time.Date(recLastDate().Year-recCycleYears+1, time.January, 1, 0, 0, 0, 0, time.UTC)
	if len(o.Byeaster) > 0 {
		o.Dtstart = recToRRule(start, 0)
	}
	rr, err := rrule.NewRRule(o)
	if err != nil {
		return "" // checkRule has run the same validation
	}
	if _, ok := rr.Iterator()(); !ok {
		return reason
	}
	return ""
}

// recPeriodName names the period of a frequency.
func recPeriodName(f rrule.Frequency) string {
	switch f {
	case rrule.DAILY:
		return "day"
	case rrule.WEEKLY:
		return "week"
	case rrule.MONTHLY:
		return "month"
	}
	return "year"
}
