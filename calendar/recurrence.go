package calendar

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/tznames"
)

// ErrLimit is wrapped by every error that says some input passed one of
// the limits that keep tzplan's work and memory bounded (the number of
// occurrences an expansion returns, the size of a file, ...): the error
// names the limit and the input.
var ErrLimit = errors.New("over a limit")

// ErrTooManyOccurrences is returned (wrapped, with the rule quoted) when an
// expansion would exceed Limits.Occurrences (50,000 by default). It wraps
// ErrLimit.
var ErrTooManyOccurrences = fmt.Errorf("too many occurrences: %w", ErrLimit)

// Limits on what a Recurrence holds and on what one expansion does. They
// keep every rrule-go period cheap and every expansion bounded.
const (
	recMaxCount    = 50_000 // the largest COUNT
	recMaxInterval = 1000   // largest INTERVAL
	recMaxSetPos   = 8      // values in BYSETPOS
	recMaxTimes    = 96     // BYHOUR times BYMINUTE: times of day in one period
	recMaxList     = 31     // values in BYMONTHDAY, BYYEARDAY, BYDAY and BYEASTER
	recMaxDates    = 10_000 // values in all EXDATE and RDATE lines together
	recEasterMin   = -80    // BYEASTER range; see recParser.rulePart
	recEasterMax   = 250
	recCycleYears  = 400 // the Gregorian calendar repeats every 400 years
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
// (counted in INTERVALs from the DTSTART's) before the range. A COUNT
// still counts from the true DTSTART: the starts are counted once, from
// the DTSTART up to the furthest date any expansion has asked for, and
// remembered (copies of a Recurrence share what was counted), so that the
// count is walked once however many windows are asked for; one expansion
// walks at most 1,000 years of it, and asking further at once is an error
// wrapping ErrLimit. rrule-go looks
// for the first start after the range before it yields anything; moving
// the calendar by whole 400-year cycles, over which it repeats, ends that
// search within 400 years. One expansion returns at most Limits.Occurrences
// (50,000 by default; the limits are those of the context)
// occurrences, past which it fails with [ErrTooManyOccurrences].
// ParseRecurrence and NewRecurrence reject rules that can never match.
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
	// count is what has been counted of a COUNT rule, shared by copies;
	// nil without a COUNT.
	count *recCount
	// budget is what the COUNT walks are charged to besides
	// Limits.CountWalkYears; nil for none.
	budget *CountBudget
}

// A CountBudget is a number of years of COUNT walking that several
// recurrences share (see WithCountBudget), so that many rules that are
// each within Limits.CountWalkYears cannot together make a file or a
// person cost seconds: a walk that would take the budget below zero is an
// error wrapping ErrLimit. Counting a COUNT rule's starts from its DTSTART
// is the one expansion whose cost does not depend on the window asked
// for; what a walk has counted is remembered, so the budget is spent once
// per rule and year, whatever windows are asked for later. ics.Read gives
// each file one budget of Limits.CountWalkYearsTotal years, and Compile
// each person one. A CountBudget is safe for concurrent use.
type CountBudget struct {
	mu    sync.Mutex
	years int // the years still to spend
	total int // the years it started with
}

// NewCountBudget returns a budget of years years.
func NewCountBudget(years int) *CountBudget {
	return &CountBudget{years: years, total: years}
}

// Left returns the years of the budget not yet spent.
func (b *CountBudget) Left() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.years
}

// take reserves n years, or as many as are left when fewer are, and
// returns how many it reserved.
func (b *CountBudget) take(n int) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n = min(n, b.years)
	b.years -= n
	return n
}

// give returns n years reserved but not spent.
func (b *CountBudget) give(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.years += n
}

// WithCountBudget returns r with its COUNT walks charged to b as well as
// bounded by Limits.CountWalkYears; a nil b charges nothing. r and the
// copy share what has been counted. Without a COUNT, r is returned as it
// is: nothing else is charged.
func (r Recurrence) WithCountBudget(b *CountBudget) Recurrence {
	if r.count != nil {
		r.budget = b
	}
	return r
}

// A recRule is a parsed RRULE, with lists sorted and free of duplicates.
type recRule struct {
	freq     recFreq
	interval int // 1 when not given
	count    int // 0 when not given
	until    recTime
	wkst     int // 0 is Monday, 6 is Sunday
	bymonth  []int
	byweekno []int
	byyday   []int
	bymday   []int
	byday    []recWeekday
	byhour   []int
	byminute []int
	bysetpos []int
	byeaster []int
}

// A recFreq is an RRULE FREQ that tzplan expands: daily or coarser.
type recFreq int

const (
	recYearly recFreq = iota
	recMonthly
	recWeekly
	recDaily
)

var recFreqNames = [...]string{"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}

func (f recFreq) String() string { return recFreqNames[f] }

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

// A recCount remembers how far the starts of a COUNT rule have been
// counted from the DTSTART, so that an expansion need not count them
// again: every start on a date up to through is counted, n of them, and
// once the COUNT-th is found it is end.
type recCount struct {
	mu      sync.Mutex
	through Date
	n       int
	end     DateTime
	ended   bool
}

// A RecurrenceDate is one value of an EXDATE or RDATE (RFC 5545 §3.8.5.1
// and §3.8.5.2), as NewRecurrence takes it.
type RecurrenceDate struct {
	// At is the written date and time, in whole minutes; 00:00 for a
	// date.
	At DateTime
	// Date marks a VALUE=DATE value: as an EXDATE it removes every
	// occurrence that starts on At's date, as an RDATE it adds one at the
	// DTSTART's time of day. A date has no Zone.
	Date bool
	// Zone is the zone At is read in: nil for a floating value (on the
	// rule's own wall clock), time.UTC for a UTC value (written with
	// "Z"), or the zone of its TZID.
	Zone *time.Location
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
// YEARLY) and tzplan's limits: FREQ at least DAILY (tzplan expands no
// rule that repeats within a day), BYSECOND=0 only, INTERVAL at most
// 1000, COUNT at most 50,000, at most 8 BYSETPOS values, at most 96 times
// of day (BYHOUR times BYMINUTE), at most 31 values in BYMONTHDAY,
// BYYEARDAY, BYDAY and BYEASTER each, at most 10,000 EXDATE and RDATE
// values, BYDAY ordinals within -5..5 where they count weeks of a month,
// and BYEASTER (a python-dateutil extension) only with FREQ=YEARLY and
// only from -80 to 250, the offsets that stay within Easter's year. A
// rule that can never match, such as FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 or
// a BYSETPOS beyond the largest set a period can hold, is an error too.
func ParseRecurrence(text string, start DateTime) (Recurrence, error) {
	p := recParser{fn: "ParseRecurrence", input: text}
	return p.parse(start)
}

// NewRecurrence builds a recurrence from parts already read, as a reader
// of iCalendar components has them: the DTSTART wall time start, read in
// zone (nil for a floating start, time.UTC for a "Z" one, or a TZID's
// zone), an RRULE value (empty for none, when start and the RDATEs are
// the occurrences), and the EXDATE and RDATE values. It accepts what
// ParseRecurrence accepts, with the same limits, and reads rule as
// ParseRecurrence reads an RRULE value; its errors are *ParseError values
// (Func "NewRecurrence") that quote rule.
func NewRecurrence(start DateTime, zone *time.Location, rule string, exdates, rdates []RecurrenceDate) (Recurrence, error) {
	p := recParser{fn: "NewRecurrence", input: rule}
	var r Recurrence
	if err := p.ianaZone("the DTSTART's", zone); err != nil {
		return Recurrence{}, err
	}
	r.start, r.zone = start, zone
	if zone != nil && zone != time.UTC {
		r.tzid = zone.String()
	}
	for k, vs := range [][]RecurrenceDate{exdates, rdates} {
		name := [...]string{"EXDATE", "RDATE"}[k]
		for _, v := range vs {
			t, err := p.recurrenceDate(name, v)
			if err != nil {
				return Recurrence{}, err
			}
			if k == 0 {
				r.exdates = append(r.exdates, t)
			} else {
				r.rdates = append(r.rdates, t)
			}
		}
	}
	if strings.TrimSpace(rule) != "" {
		rl, err := p.rule(rule, rule)
		if err != nil {
			return Recurrence{}, err
		}
		r.rule, r.hasRule = rl, true
	}
	return p.finish(r, rule)
}

// ianaZone checks that loc (nil for floating, time.UTC for UTC) is a zone
// of the IANA database that a TZID can name, so that String can write it
// and ParseRecurrence read it back: not Local (another zone on every
// machine) nor a fixed zone made in Go. what says whose zone it is.
func (p *recParser) ianaZone(what string, loc *time.Location) error {
	if loc == nil || loc == time.UTC || p.zones[loc.String()] == loc {
		return nil
	}
	name := loc.String()
	if name == "UTC" {
		return p.fail("", "%s zone is a zone named UTC but not time.UTC: use time.UTC", what)
	}
	iana, err := loadZone(name)
	if err != nil {
		return p.fail("", "%s zone: %v", what, err)
	}
	if !sameOffsets(loc, iana) {
		return p.fail("", "%s zone %q is not the IANA zone of that name (a zone made in Go?): its offsets differ", what, name)
	}
	if p.zones == nil {
		p.zones = make(map[string]*time.Location)
	}
	p.zones[name] = loc
	return nil
}

// sameOffsets reports whether a and b agree on the UTC offset in January
// and July of years from 1900 to 2100, as a zone and the IANA zone of the
// same name do, and a fixed zone made in Go under that name does not.
func sameOffsets(a, b *time.Location) bool { return tznames.SameOffsets(a, b, 1900, 2100, 10) }

// recurrenceDate checks an EXDATE or RDATE value given to NewRecurrence.
func (p *recParser) recurrenceDate(name string, v RecurrenceDate) (recTime, error) {
	if p.dates++; p.dates > recMaxDates {
		return recTime{}, p.fail("", "more than %d EXDATE and RDATE values", recMaxDates)
	}
	switch {
	case !v.At.IsValid():
		return recTime{}, p.fail("", "%s %s is not a valid date and time", name, v.At)
	case v.Date && (v.At.Clock != Midnight || v.Zone != nil):
		return recTime{}, p.fail("", "%s %s: a date has no time of day and no zone", name, v.At)
	}
	if err := p.ianaZone(fmt.Sprintf("%s %s:", name, v.At), v.Zone); err != nil {
		return recTime{}, err
	}
	switch {
	case v.Date:
		return recTime{kind: recDate, at: v.At}, nil
	case v.Zone == nil:
		return recTime{kind: recFloating, at: v.At}, nil
	case v.Zone == time.UTC:
		return recTime{kind: recUTC, at: v.At}, nil
	}
	return recTime{kind: recZoned, at: v.At, tzid: v.Zone.String(), zone: v.Zone}, nil
}

// IsZero reports whether r is the zero Recurrence, which has no
// occurrences.
func (r Recurrence) IsZero() bool { return !r.start.IsValid() }

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
// when there would be more than Limits.Occurrences starts (see LimitsOf);
// it stops with ctx's error, wrapped, once ctx is done.
func (r Recurrence) Starts(ctx context.Context, from, to Date, loc *time.Location) ([]DateTime, error) {
	if !from.IsValid() || !to.IsValid() {
		return nil, fmt.Errorf("calendar.Recurrence.Starts: invalid date in %s..%s", from, to)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("calendar.Recurrence.Starts: %w", err)
	}
	out, err := r.starts(from, to, r.zoneFor(loc), LimitsOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("calendar.Recurrence.Starts: %w", err)
	}
	return out, nil
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
// is an error wrapping ErrTooManyOccurrences when more than
// Limits.Occurrences starts
// fall on the dates the window touches.
func (r Recurrence) Occurrences(ctx context.Context, window Interval, d time.Duration, loc *time.Location) ([]Interval, error) {
	if d <= 0 {
		return nil, fmt.Errorf("calendar.Recurrence.Occurrences: duration %v is not positive", d)
	}
	if window.IsEmpty() || !r.start.IsValid() {
		return nil, nil
	}
	zone := r.zoneFor(loc)
	lo, hi := occurrenceDates(window, d, zone)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("calendar.Recurrence.Occurrences: %w", err)
	}
	starts, err := r.starts(lo, hi, zone, LimitsOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("calendar.Recurrence.Occurrences: %w", err)
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

// occurrenceDates returns the dates whose starts, read in zone and
// lasting d, may overlap window: those it touches, with two days' margin
// for starts that a gap moves forward or a fold moves back.
func occurrenceDates(window Interval, d time.Duration, zone *time.Location) (lo, hi Date) {
	return DateOf(window.Start.Add(-d).In(zone)).AddDays(-2), DateOf(window.End.In(zone)).AddDays(2)
}

// floating reports whether r's starts are the same wall times in every
// zone: a floating rule, without a COUNT (counted on a budget), a UTC
// UNTIL, or RDATEs and EXDATEs that name instants.
func (r Recurrence) floating() bool {
	if r.zone != nil || r.count != nil || r.hasRule && r.rule.until.kind == recUTC {
		return false
	}
	for _, vs := range [][]recTime{r.exdates, r.rdates} {
		for _, v := range vs {
			if v.kind != recDate && v.kind != recFloating {
				return false
			}
		}
	}
	return true
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
func (r Recurrence) starts(lo, hi Date, zone *time.Location, lim Limits) ([]DateTime, error) {
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
		if len(out) > lim.Occurrences {
			return fmt.Errorf("recurrence %s: %w: more than %d starts from %s to %s",
				icalvalue.Quote(r.String()), ErrTooManyOccurrences, lim.Occurrences, lo, hi)
		}
		return nil
	}
	if err := r.ruleStarts(lo, hi, zone, lim, add); err != nil {
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
func (r Recurrence) ruleStarts(lo, hi Date, zone *time.Location, lim Limits, yield func(DateTime) error) error {
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
	until := rl.until
	if rl.count > 0 {
		// A COUNT ends the rule at its COUNT-th start: once that is known
		// it is a floating UNTIL, and until then it is no limit at all.
		end, ended, err := r.countedThrough(hi, lim)
		if err != nil {
			return err
		}
		if ended {
			until = recTime{kind: recFloating, at: end}
		}
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
	var failed error
	err := rl.expand(r.start, lo, hi, func(dt DateTime) bool {
		switch until.kind {
		case recFloating:
			if dt.Compare(until.at) > 0 {
				return false
			}
		case recUTC:
			if Wall(dt.Date, dt.Clock, zone).After(untilInstant) {
				return true
			}
		}
		failed = yield(dt)
		return failed == nil
	})
	if err != nil {
		return fmt.Errorf("recurrence %s: %v", icalvalue.Quote(r.String()), err)
	}
	return failed
}

// countedThrough counts the rule's starts from the DTSTART up to the date
// hi, unless they have been counted that far already, and returns the
// COUNT-th start when it comes by hi.
func (r Recurrence) countedThrough(hi Date, lim Limits) (DateTime, bool, error) {
	c := r.count
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended || !hi.After(c.through) {
		return c.end, c.ended, nil
	}
	rl := &r.rule
	lo := c.through.AddDays(1)
	if lo.Before(r.start.Date) {
		lo = r.start.Date
	}
	if hi.Year-lo.Year > lim.CountWalkYears {
		return DateTime{}, false, fmt.Errorf("recurrence %s: %w: counting its COUNT from %s to %s would walk more than %d years",
			icalvalue.Quote(r.String()), ErrLimit, lo, hi, lim.CountWalkYears)
	}
	// A walk goes to the end of hi's year, so that what is counted is
	// always whole years, and spends a year of the budget for each: as
	// many as are left at most, the years past its COUNT-th start given
	// back.
	hi = Date{Year: hi.Year, Month: time.December, Day: 31}
	years := hi.Year - lo.Year + 1
	if r.budget != nil {
		if years = r.budget.take(years); years == 0 {
			return DateTime{}, false, r.overBudget(lo)
		}
	}
	walkHi := Date{Year: lo.Year + years - 1, Month: time.December, Day: 31}
	// Count into locals, and remember only a walk that went through.
	n, end, ended := c.n, DateTime{}, false
	err := rl.walker(r.start).expand(r.start, lo, walkHi, func(dt DateTime) bool {
		n++
		if n == rl.count {
			end, ended = dt, true
			return false
		}
		return true
	})
	if err != nil {
		if r.budget != nil {
			r.budget.give(years)
		}
		return DateTime{}, false, fmt.Errorf("recurrence %s: %v", icalvalue.Quote(r.String()), err)
	}
	c.n, c.end, c.ended = n, end, ended
	if ended {
		if r.budget != nil {
			r.budget.give(walkHi.Year - end.Date.Year)
		}
		return c.end, true, nil
	}
	c.through = walkHi
	if walkHi.Before(hi) {
		return DateTime{}, false, r.overBudget(walkHi.AddDays(1))
	}
	return c.end, false, nil
}

// overBudget returns the error of a COUNT walk that the budget stops at
// the date from.
func (r Recurrence) overBudget(from Date) error {
	return fmt.Errorf("recurrence %s: %w: counting its COUNT from %s on would spend more than the %d years of COUNT walking (Limits.CountWalkYearsTotal) it shares with the other rules of its file or person",
		icalvalue.Quote(r.String()), ErrLimit, from, r.budget.total)
}

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
