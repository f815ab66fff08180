package ics

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// Limits on what buildZone reads: a VTIMEZONE comes from an untrusted
// file, and each of its onsets costs a transition.
const (
	maxZoneObservances = 256     // STANDARD and DAYLIGHT components; a full history of Europe/London has 85
	maxZoneTypes       = 256     // local time types, with the one before the first onset: TZif indexes them with a byte
	maxZoneRDates      = 1000    // RDATE values, in all the observances
	maxZoneOnsets      = 10_000  // onsets, and so transitions
	maxZoneRuleValues  = 64      // values in one list of an RRULE part
	maxZoneRuleCount   = 100_000 // the largest COUNT
	// maxZoneMonths bounds the months the rules of a VTIMEZONE are
	// matched against, which bounds the cost of rules that rarely match.
	maxZoneMonths = 1_000_000
	// zoneHorizon is the last year that has explicit transitions at the
	// least; the footer's TZ string, or the last offset, covers later ones.
	zoneHorizon = 2200
	// zoneCycle is the length in years of the Gregorian calendar's cycle:
	// a yearly rule that matches no year of 400 never matches, and a TZ
	// string that agrees with the rules for 400 years always does.
	zoneCycle = 400
	// RFC 8536's bounds on a UT offset: -24:59:59 to +25:59:59.
	minZoneOffset = -89999
	maxZoneOffset = 93599
	// maxPosixOffset bounds the offsets a POSIX TZ string may hold
	// (hours 0 to 24).
	maxPosixOffset = 25*3600 - 1
)

// A tzObservance is one STANDARD or DAYLIGHT sub-component of a VTIMEZONE, as read.
type tzObservance struct {
	daylight bool
	name     string              // TZNAME, "" when absent
	start    calendar.DateTime   // DTSTART: the local wall time (in the offset before the onset, i.e. TZOFFSETFROM) of the first onset, whole minutes
	from, to int                 // TZOFFSETFROM and TZOFFSETTO, seconds east of UTC
	rrule    string              // the RRULE value (without "RRULE:"), "" when none
	rdates   []calendar.DateTime // RDATE values, local wall times like start (DATE-TIME form only)
	line     int                 // the line of its BEGIN, for errors
}

// where names o in errors: "STANDARD (line 12)".
func (o *tzObservance) where() string {
	kind := "STANDARD"
	if o.daylight {
		kind = "DAYLIGHT"
	}
	if o.line > 0 {
		return fmt.Sprintf("%s (line %d)", kind, o.line)
	}
	return kind
}

// parseUTCOffset reads a UTC-OFFSET value (RFC 5545 §3.3.14): "+0100", "-0530", "+013045" (seconds allowed), "-0000" is not allowed; returns seconds east of UTC.
//
// Hours run from 00 to 23 and minutes and seconds from 00 to 59, as the
// RFC's grammar has them; "-000000" is refused like "-0000". Errors quote
// s first, so that a caller can put the property's name before them.
func parseUTCOffset(s string) (int, error) {
	if (len(s) != 5 && len(s) != 7) || (s[0] != '+' && s[0] != '-') {
		return 0, fmt.Errorf("%s: want a UTC offset +HHMM, -HHMM, +HHMMSS or -HHMMSS", icalvalue.Quote(s))
	}
	h, okH := icalvalue.Digits(s[1:3])
	m, okM := icalvalue.Digits(s[3:5])
	sec, okS := 0, true
	if len(s) == 7 {
		sec, okS = icalvalue.Digits(s[5:7])
	}
	switch {
	case !okH || !okM || !okS:
		return 0, fmt.Errorf("%s: want a UTC offset +HHMM, -HHMM, +HHMMSS or -HHMMSS", icalvalue.Quote(s))
	case h > 23:
		return 0, fmt.Errorf("%s: the hours must be 00 to 23", icalvalue.Quote(s))
	case m > 59:
		return 0, fmt.Errorf("%s: the minutes must be 00 to 59", icalvalue.Quote(s))
	case sec > 59:
		return 0, fmt.Errorf("%s: the seconds must be 00 to 59", icalvalue.Quote(s))
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		if off == 0 {
			return 0, fmt.Errorf("%s: a negative zero offset is not allowed (RFC 5545 §3.3.14); UTC is +0000", icalvalue.Quote(s))
		}
		off = -off
	}
	return off, nil
}

// formatUTCOffset writes off as a UTC-OFFSET value, "+0530" or
// "-000115", for errors and generated abbreviations.
func formatUTCOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m, s := off/3600, off/60%60, off%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// buildZone returns a *time.Location called name whose UTC offsets (and abbreviations) are those obs define.
//
// Each observance's onsets are its DTSTART (always, as RFC 5545 §3.8.5.3
// has it, also when the RRULE does not match it), the occurrences of its
// RRULE, expanded on the local wall clock from the DTSTART, and its
// RDATEs. An onset at the wall time L, which is read in the observance's
// TZOFFSETFROM, is the instant L - TZOFFSETFROM; from then on the offset
// is its TZOFFSETTO, and the abbreviation its TZNAME, until the next
// onset of any observance. When onsets of several observances fall on one
// instant, a STANDARD one wins over a DAYLIGHT one (Outlook starts both at
// 1601-01-01, at one instant), and then the one listed last. Before the
// earliest onset the offset is that onset's TZOFFSETFROM, as most readers
// have it.
//
// An RRULE must be FREQ=YEARLY, with INTERVAL, COUNT or UNTIL, BYMONTH
// (required with BYDAY or BYMONTHDAY), BYDAY (numbered within the month:
// 2SU, -1SU), BYMONTHDAY, BYSETPOS, WKST (ignored) and one time of day
// (BYHOUR, BYMINUTE, BYSECOND, each with one value, instead of the
// DTSTART's); anything else is an error. The DTSTART counts toward COUNT.
// UNTIL should be UTC, as RFC 5545 wants in a VTIMEZONE, and bounds the
// onsets as instants; a floating UNTIL bounds their wall times, a date
// UNTIL their dates.
//
// The Location is TZif data (RFC 8536) with explicit transitions from the
// earliest onset through the year 2200, or through the year after the
// last onset that is not of an endless rule (an RDATE, a DTSTART, a rule
// with COUNT or UNTIL) when that is later. Its footer's TZ string carries
// the endless rules on for ever when POSIX can say them: at most one
// STANDARD and one DAYLIGHT rule, each on one month, on the nth (1 to 4,
// or last) weekday, on a fixed date or on a weekday in a week of days
// that starts on the 1st, 8th, 15th or 22nd or ends on the last, and the
// TZ string is kept only when it gives the rules' offsets for 400 years.
// Otherwise the footer is empty and the offset after the last explicit
// transition holds for ever.
//
// Abbreviations are the TZNAMEs that TZif may carry, of three to six
// letters or a sign and digits ("EST", "+0530"); other names, and missing
// ones, become the offset, as "+0530" or "-0330".
//
// Errors name the observance and quote the input. There must be 1 to 256
// observances, at most 1,000 RDATEs in all and at most 10,000 onsets;
// the rules may be matched against at most 1,000,000 months in all (a rule
// that matches no year of 400 ends there), and every offset must lie
// within -24:59:59 and +25:59:59.
func buildZone(name string, obs []tzObservance) (*time.Location, error) {
	months := maxZoneMonths
	return buildZoneWithin(name, obs, &months)
}

// buildZoneWithin is buildZone with the months the rules may be matched
// against taken from *months, which a reader shares among the VTIMEZONEs
// of one file, so that many costly ones cost no more than one.
func buildZoneWithin(name string, obs []tzObservance, months *int) (*time.Location, error) {
	_, loc, err := zoneTZifWithin(name, obs, months)
	return loc, err
}

// zoneTZif returns the TZif data of buildZone, and the Location it loads
// as.
func zoneTZif(name string, obs []tzObservance) ([]byte, *time.Location, error) {
	months := maxZoneMonths
	return zoneTZifWithin(name, obs, &months)
}

// zoneTZifWithin is zoneTZif with the months taken from *months.
func zoneTZifWithin(name string, obs []tzObservance, months *int) ([]byte, *time.Location, error) {
	switch {
	case len(obs) == 0:
		return nil, nil, errors.New("a VTIMEZONE needs a STANDARD or DAYLIGHT observance; it has none")
	case len(obs) > maxZoneObservances:
		return nil, nil, fmt.Errorf("a VTIMEZONE has %d STANDARD and DAYLIGHT observances, more than the %d allowed", len(obs), maxZoneObservances)
	}
	nRDates := 0
	for i := range obs {
		nRDates += len(obs[i].rdates)
	}
	if nRDates > maxZoneRDates {
		return nil, nil, fmt.Errorf("a VTIMEZONE has %d RDATE values, more than the %d allowed", nRDates, maxZoneRDates)
	}
	rules := make([]*zoneRule, len(obs))
	for i := range obs {
		r, err := checkObservance(&obs[i])
		if err != nil {
			return nil, nil, err
		}
		rules[i] = r
	}
	g := zoneGen{obs: obs, rules: rules, types: make([]zoneType, len(obs)), months: *months}
	for i := range obs {
		o := &obs[i]
		g.types[i] = zoneType{o.to, o.daylight, zoneAbbrev(o.name, o.to)}
	}
	err := g.expand()
	*months = max(g.months, 0)
	if err != nil {
		return nil, nil, err
	}
	types, times, idx := g.transitions()
	if len(types) > maxZoneTypes {
		return nil, nil, fmt.Errorf("a VTIMEZONE has %d different offsets and names, more than the %d a zone may have", len(types)-1, maxZoneTypes-1)
	}
	final := types[idx[len(idx)-1]]
	footer, version := g.footer(final)
	if footer != "" {
		data, loc, err := encodeZone(name, version, types, times, idx, footer)
		if err == nil && g.footerHolds(loc, times[len(times)-1], final) {
			return data, loc, nil
		}
	}
	return encodeZone(name, '2', types, times, idx, "")
}

// checkObservance checks o's offsets and wall times and reads its RRULE
// (nil when it has none).
func checkObservance(o *tzObservance) (*zoneRule, error) {
	for _, p := range []struct {
		prop string
		off  int
	}{{"TZOFFSETFROM", o.from}, {"TZOFFSETTO", o.to}} {
		if p.off < minZoneOffset || p.off > maxZoneOffset {
			return nil, fmt.Errorf("%s: %s %s is out of range: an offset must lie within -24:59:59 and +25:59:59", o.where(), p.prop, formatUTCOffset(p.off))
		}
	}
	if !o.start.IsValid() {
		return nil, fmt.Errorf("%s: DTSTART %s is not a valid date and time", o.where(), o.start)
	}
	for _, d := range o.rdates {
		if !d.IsValid() {
			return nil, fmt.Errorf("%s: RDATE %s is not a valid date and time", o.where(), d)
		}
	}
	if strings.TrimSpace(o.rrule) == "" {
		return nil, nil
	}
	return parseZoneRule(o)
}

// A zoneRule is the RRULE of an observance, as far as buildZone reads
// one: yearly onsets on days picked by BYMONTH, BYDAY, BYMONTHDAY and
// BYSETPOS, at one time of day.
type zoneRule struct {
	interval  int           // INTERVAL, in years
	count     int           // COUNT, 0 for none
	until     int64         // the latest wall time (see zoneWall) of an onset, with hasUntil
	hasUntil  bool          // whether there is an UNTIL
	months    []time.Month  // BYMONTH, sorted; nil for the DTSTART's month
	weekdays  []zoneWeekday // BYDAY
	monthDays []int         // BYMONTHDAY, -31 to 31
	setPos    []int         // BYSETPOS, -366 to 366
	month     time.Month    // the DTSTART's month
	day       int           // the DTSTART's day, when there is no BYDAY nor BYMONTHDAY
	tod       int           // the time of day of the onsets, in seconds
	startYear int           // the DTSTART's year, from which INTERVAL counts
	startWall int64         // the DTSTART as a wall time
}

// A zoneWeekday is a BYDAY value: the nth day of the month that is day
// (counted from the month's end when n is negative), or every one when n
// is 0.
type zoneWeekday struct {
	n   int
	day time.Weekday
}

// finite reports whether r's onsets end, by COUNT or UNTIL.
func (r *zoneRule) finite() bool { return r.count > 0 || r.hasUntil }

// parseZoneRule reads o's RRULE value.
func parseZoneRule(o *tzObservance) (*zoneRule, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: RRULE %s: %s", o.where(), icalvalue.Quote(o.rrule), fmt.Sprintf(format, args...))
	}
	d := o.start.Date
	r := &zoneRule{
		interval:  1,
		month:     d.Month,
		day:       d.Day,
		startYear: d.Year,
		startWall: zoneWall(d.Year, d.Month, d.Day, int(o.start.Clock)*60),
	}
	hour, minute, second := int(o.start.Clock)/60, int(o.start.Clock)%60, 0
	seen := make(map[string]bool)
	for _, part := range strings.Split(o.rrule, ";") {
		if strings.TrimSpace(part) == "" {
			continue // a stray ";", which some writers leave
		}
		key, val, ok := strings.Cut(part, "=")
		key, val = strings.ToUpper(strings.TrimSpace(key)), strings.ToUpper(strings.TrimSpace(val))
		if !ok || val == "" {
			return nil, fail("part %s is not NAME=VALUE", icalvalue.Quote(part))
		}
		if seen[key] {
			return nil, fail("%s is given twice", icalvalue.Quote(key))
		}
		seen[key] = true
		var err error
		switch key {
		case "FREQ":
			if val != "YEARLY" {
				err = fmt.Errorf("FREQ=%s is not supported: a VTIMEZONE's rules are read only as FREQ=YEARLY", icalvalue.Quote(val))
			}
		case "INTERVAL":
			r.interval, err = zoneRuleInt(key, val, 1, 1000)
		case "COUNT":
			r.count, err = zoneRuleInt(key, val, 1, maxZoneRuleCount)
		case "UNTIL":
			r.until, err = zoneRuleUntil(val, o.from)
			r.hasUntil = true
		case "BYMONTH":
			var ms []int
			ms, err = zoneRuleInts(key, val, 1, 12, false)
			for _, m := range ms {
				r.months = append(r.months, time.Month(m))
			}
		case "BYDAY":
			r.weekdays, err = zoneRuleWeekdays(val)
		case "BYMONTHDAY":
			r.monthDays, err = zoneRuleInts(key, val, 1, 31, true)
		case "BYSETPOS":
			r.setPos, err = zoneRuleInts(key, val, 1, 366, true)
		case "BYHOUR":
			hour, err = zoneRuleInt(key, val, 0, 23)
		case "BYMINUTE":
			minute, err = zoneRuleInt(key, val, 0, 59)
		case "BYSECOND":
			second, err = zoneRuleInt(key, val, 0, 59)
		case "WKST":
			if _, ok := zoneRuleDay(val); !ok {
				err = fmt.Errorf("WKST=%s is not a day: want SU, MO, TU, WE, TH, FR or SA", icalvalue.Quote(val))
			}
		default:
			err = fmt.Errorf("%s is not supported in a VTIMEZONE's rule", icalvalue.Quote(key))
		}
		if err != nil {
			return nil, fail("%v", err)
		}
	}
	switch {
	case !seen["FREQ"]:
		return nil, fail("there is no FREQ")
	case seen["COUNT"] && seen["UNTIL"]:
		return nil, fail("COUNT and UNTIL may not both be given")
	case r.months == nil && (r.weekdays != nil || r.monthDays != nil):
		return nil, fail("BYDAY and BYMONTHDAY are supported only with BYMONTH")
	case r.setPos != nil && r.months == nil:
		return nil, fail("BYSETPOS needs another BYxxx part")
	}
	r.tod = hour*3600 + minute*60 + second
	return r, nil
}

// zoneRuleInt reads the one number of an RRULE part, lo to hi.
func zoneRuleInt(key, val string, lo, hi int) (int, error) {
	n, ok := icalvalue.Digits(val)
	if !ok || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%s: want one number from %d to %d", key, icalvalue.Quote(val), lo, hi)
	}
	return n, nil
}

// zoneRuleInts reads a list of numbers from lo to hi, and from -hi to -lo too
// when signed, sorted and without duplicates.
func zoneRuleInts(key, val string, lo, hi int, signed bool) ([]int, error) {
	vs := strings.Split(val, ",")
	if len(vs) > maxZoneRuleValues {
		return nil, fmt.Errorf("%s has %d values, more than the %d allowed", key, len(vs), maxZoneRuleValues)
	}
	out := make([]int, 0, len(vs))
	for _, v := range vs {
		s, neg := strings.CutPrefix(v, "-")
		if !neg {
			s, _ = strings.CutPrefix(s, "+")
		}
		n, ok := icalvalue.Digits(s)
		if !ok || n < lo || n > hi || (neg && !signed) {
			if signed {
				return nil, fmt.Errorf("%s value %s: want a number from %d to %d, or from -%d to -%d", key, icalvalue.Quote(v), lo, hi, hi, lo)
			}
			return nil, fmt.Errorf("%s value %s: want a number from %d to %d", key, icalvalue.Quote(v), lo, hi)
		}
		if neg {
			n = -n
		}
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// zoneRuleDays are the two-letter days of RFC 5545, in time.Weekday order.
const zoneRuleDays = "SUMOTUWETHFRSA"

// zoneRuleDay reads a two-letter day, "SU".
func zoneRuleDay(s string) (time.Weekday, bool) {
	if len(s) != 2 {
		return 0, false
	}
	for d := 0; d < 7; d++ {
		if zoneRuleDays[2*d:2*d+2] == s {
			return time.Weekday(d), true
		}
	}
	return 0, false
}

// zoneRuleWeekdays reads a BYDAY list: "SU", "2SU", "-1SU", "+1MO".
func zoneRuleWeekdays(val string) ([]zoneWeekday, error) {
	vs := strings.Split(val, ",")
	if len(vs) > maxZoneRuleValues {
		return nil, fmt.Errorf("BYDAY has %d values, more than the %d allowed", len(vs), maxZoneRuleValues)
	}
	out := make([]zoneWeekday, 0, len(vs))
	for _, v := range vs {
		bad := fmt.Errorf("BYDAY value %s: want a day such as SU, 2SU or -1SU, counted within the month (-5 to 5)", icalvalue.Quote(v))
		if len(v) < 2 {
			return nil, bad
		}
		day, ok := zoneRuleDay(v[len(v)-2:])
		if !ok {
			return nil, bad
		}
		n := 0
		if num := v[:len(v)-2]; num != "" {
			s, neg := strings.CutPrefix(num, "-")
			if !neg {
				s, _ = strings.CutPrefix(s, "+")
			}
			k, ok := icalvalue.Digits(s)
			if !ok || k < 1 || k > 5 {
				return nil, bad
			}
			n = k
			if neg {
				n = -k
			}
		}
		out = append(out, zoneWeekday{n, day})
	}
	return out, nil
}

// zoneRuleUntil reads an UNTIL value as the latest wall time, on the clock of
// the offset from, that an onset may have: a UTC one (as RFC 5545 wants in
// a VTIMEZONE) is moved to that clock, a floating one is on it already,
// and a date keeps the onsets on or before it.
func zoneRuleUntil(val string, from int) (int64, error) {
	if len(val) == 8 {
		v, err := icalvalue.ParseDate(val)
		if err != nil {
			return 0, fmt.Errorf("UNTIL: %v", err)
		}
		return zoneWall(v.Year, v.Month, v.Day, secondsPerDay-1), nil
	}
	v, err := icalvalue.ParseDateTime(val)
	if err != nil {
		return 0, fmt.Errorf("UNTIL: %v", err)
	}
	t := zoneWall(v.Year, v.Month, v.Day, v.Hour*3600+v.Minute*60+v.Second)
	if v.UTC {
		t += int64(from)
	}
	return t, nil
}

// zoneCivilDays returns the days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar, for any y, m from 1 to 12 and d from 1 to 31.
func zoneCivilDays(y int, m time.Month, d int) int64 {
	yy := int64(y)
	if m <= time.February {
		yy--
	}
	era := yy / 400
	if yy < 0 && yy%400 != 0 {
		era--
	}
	yoe := yy - era*400
	mp := (int64(m) + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// zoneWeekdayOf returns the day of the week of the day days after 1970-01-01,
// a Thursday.
func zoneWeekdayOf(days int64) time.Weekday {
	return time.Weekday(((days+4)%7 + 7) % 7)
}

// zoneWall returns the wall time y-m-d at sec seconds after midnight
// as seconds since 1970-01-01 00:00 on the same clock.
func zoneWall(y int, m time.Month, d, sec int) int64 {
	return zoneCivilDays(y, m, d)*secondsPerDay + int64(sec)
}

// dates appends the wall times of r's onsets in year y to buf, in order,
// before COUNT, UNTIL and the DTSTART are applied.
func (r *zoneRule) dates(y int, buf []int64) []int64 {
	first := len(buf)
	months := r.months
	if months == nil {
		one := [1]time.Month{r.month}
		months = one[:]
	}
	for _, m := range months {
		dim := icalvalue.DaysIn(y, m)
		day1 := zoneCivilDays(y, m, 1)
		mask := r.monthMask(dim, zoneWeekdayOf(day1))
		for d := 1; d <= dim; d++ {
			if mask&(1<<d) != 0 {
				buf = append(buf, (day1+int64(d-1))*secondsPerDay+int64(r.tod))
			}
		}
	}
	if r.setPos == nil {
		return buf
	}
	// The picked days go after the set, then move down over it.
	set := len(buf) - first
	for _, p := range r.setPos {
		i := p - 1
		if p < 0 {
			i = set + p
		}
		if i >= 0 && i < set {
			buf = append(buf, buf[first+i])
		}
	}
	picked := buf[first+set:]
	slices.Sort(picked)
	picked = slices.Compact(picked)
	return append(buf[:first], picked...)
}

// monthMask returns the days r picks, as bits 1 to dim, in a month of dim
// days whose first day is a first.
func (r *zoneRule) monthMask(dim int, first time.Weekday) uint64 {
	all := uint64(1)<<(dim+1) - 2
	if r.weekdays == nil && r.monthDays == nil {
		if r.day > dim {
			return 0
		}
		return 1 << r.day
	}
	byMonthDay, byDay := all, all
	if r.monthDays != nil {
		byMonthDay = 0
		for _, d := range r.monthDays {
			if d < 0 {
				d += dim + 1
			}
			if d >= 1 && d <= dim {
				byMonthDay |= 1 << d
			}
		}
	}
	if r.weekdays != nil {
		byDay = 0
		for _, w := range r.weekdays {
			firstOn := 1 + (int(w.day)-int(first)+7)%7 // the first such day
			lastOn := firstOn + (dim-firstOn)/7*7      // the last
			switch {
			case w.n == 0:
				for d := firstOn; d <= dim; d += 7 {
					byDay |= 1 << d
				}
			case w.n > 0:
				if d := firstOn + 7*(w.n-1); d <= dim {
					byDay |= 1 << d
				}
			default:
				if d := lastOn + 7*(w.n+1); d >= 1 {
					byDay |= 1 << d
				}
			}
		}
	}
	return byMonthDay & byDay
}

// A zoneOnset is the instant an observance's offset starts.
type zoneOnset struct {
	at  int64 // seconds since 1970-01-01 00:00 UTC
	obs int   // the observance's index
}

// zoneGen gathers the onsets of a VTIMEZONE's observances.
type zoneGen struct {
	obs     []tzObservance
	rules   []*zoneRule
	types   []zoneType // the local time type each observance starts
	onsets  []zoneOnset
	horizon int // the last year of explicit onsets
	months  int // the months the rules may still be matched against
}

// errZoneMonths says that the rules would be matched against more than
// maxZoneMonths months.
var errZoneMonths = fmt.Errorf("the VTIMEZONE's rules would be matched against more than %d months", maxZoneMonths)

// add records the onset of observance i at the wall time wall.
func (g *zoneGen) add(i int, wall int64) error {
	if len(g.onsets) >= maxZoneOnsets {
		return fmt.Errorf("%s: the VTIMEZONE's observances have more than %d onsets, which are its transitions (through the year %d at least)", g.obs[i].where(), maxZoneOnsets, zoneHorizon)
	}
	g.onsets = append(g.onsets, zoneOnset{wall - int64(g.obs[i].from), i})
	return nil
}

// expand gathers every onset through the horizon: first the DTSTARTs,
// RDATEs and rules that end, all of them, which sets the horizon; then the
// endless rules through it.
func (g *zoneGen) expand() error {
	latest := int64(-1 << 62)
	for i := range g.obs {
		o := &g.obs[i]
		walls := []calendar.DateTime{o.start}
		walls = append(walls, o.rdates...)
		for _, w := range walls {
			t := zoneWall(w.Date.Year, w.Date.Month, w.Date.Day, int(w.Clock)*60)
			if err := g.add(i, t); err != nil {
				return err
			}
			latest = max(latest, t)
		}
		if r := g.rules[i]; r != nil && r.finite() {
			err := r.each(9999, &g.months, func(t int64) error {
				latest = max(latest, t)
				return g.add(i, t)
			})
			if err != nil {
				return g.ruleError(i, err)
			}
		}
	}
	g.horizon = max(zoneHorizon, zoneWallYear(latest)+1)
	for i, r := range g.rules {
		if r != nil && !r.finite() {
			if err := r.each(g.horizon, &g.months, func(t int64) error { return g.add(i, t) }); err != nil {
				return g.ruleError(i, err)
			}
		}
	}
	return nil
}

// ruleError names observance i's RRULE in an error of its expansion.
func (g *zoneGen) ruleError(i int, err error) error {
	if err == errZoneMonths {
		o := &g.obs[i]
		return fmt.Errorf("%s: RRULE %s: %v", o.where(), icalvalue.Quote(o.rrule), err)
	}
	return err
}

// zoneWallYear returns the year of a wall time (see zoneWall).
func zoneWallYear(t int64) int {
	return time.Unix(t, 0).UTC().Year()
}

// each calls fn with the wall times of r's onsets after its DTSTART in
// the years through last, in order, as COUNT and UNTIL allow. It stops
// when fn fails, and when zoneCycle years in a row have none: the rule
// never matches. Each month it looks at is taken from *months, and it
// fails with errZoneMonths when none are left.
func (r *zoneRule) each(last int, months *int, fn func(int64) error) error {
	n := 1 // the DTSTART is the first onset, also for COUNT
	empty := 0
	var buf []int64
	for y := r.startYear; y <= last && empty < zoneCycle; y += r.interval {
		if *months -= max(len(r.months), 1); *months < 0 {
			return errZoneMonths
		}
		buf = r.dates(y, buf[:0])
		if len(buf) == 0 {
			empty++
			continue
		}
		empty = 0
		for _, t := range buf {
			switch {
			case t <= r.startWall:
				continue
			case r.hasUntil && t > r.until, r.count > 0 && n >= r.count:
				return nil
			}
			n++
			if err := fn(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// A zoneType is a local time type of TZif: an offset east of UTC, whether
// it is daylight time, and an abbreviation.
type zoneType struct {
	off  int
	dst  bool
	abbr string
}

// typeOf returns the local time type observance i starts.
func (g *zoneGen) typeOf(i int) zoneType { return g.types[i] }

// zoneAbbrev returns name when TZif may carry it as an abbreviation
// (three to six ASCII letters, or a sign and digits), and otherwise the
// offset off written as "+0530".
func zoneAbbrev(name string, off int) string {
	if zoneValidAbbrev(name) {
		return name
	}
	return formatUTCOffset(off)
}

// zoneValidAbbrev reports whether s is three to six ASCII letters, or a sign
// and two to five digits.
func zoneValidAbbrev(s string) bool {
	if len(s) < 3 || len(s) > 6 {
		return false
	}
	if s[0] == '+' || s[0] == '-' {
		_, ok := icalvalue.Digits(s[1:])
		return ok
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// onsetCompare orders onsets by instant; at one instant a DAYLIGHT onset
// comes before a STANDARD one, and then they go in the order listed, so
// that the last of a run at one instant is the one that holds.
func (g *zoneGen) onsetCompare(a, b zoneOnset) int {
	switch {
	case a.at != b.at:
		if a.at < b.at {
			return -1
		}
		return +1
	case g.obs[a.obs].daylight != g.obs[b.obs].daylight:
		if g.obs[a.obs].daylight {
			return -1
		}
		return +1
	}
	return a.obs - b.obs
}

// winners sorts onsets and keeps the one that holds at each instant.
func (g *zoneGen) winners(onsets []zoneOnset) []zoneOnset {
	slices.SortFunc(onsets, g.onsetCompare)
	out := onsets[:0]
	for i, o := range onsets {
		if i+1 < len(onsets) && onsets[i+1].at == o.at {
			continue
		}
		out = append(out, o)
	}
	return out
}

// transitions returns the local time types and the transitions (their
// instants and types) of the onsets. Type 0 is the type before the first
// onset, which no transition uses, so that readers use it before the first
// transition (RFC 8536 §3.2, and Go).
func (g *zoneGen) transitions() (types []zoneType, times []int64, idx []uint8) {
	onsets := g.winners(g.onsets)
	e := &g.obs[onsets[0].obs]
	pre := zoneType{off: e.from, dst: e.daylight}
	if e.from != e.to {
		pre.dst = !e.daylight
	}
	pre.abbr = formatUTCOffset(e.from)
	for i := range g.obs {
		if t := g.typeOf(i); t.off == pre.off && t.dst == pre.dst {
			pre.abbr = t.abbr
			break
		}
	}
	types = []zoneType{pre}
	index := make(map[zoneType]uint8)
	cur := -1
	for _, o := range onsets {
		t := g.typeOf(o.obs)
		k, ok := index[t]
		if !ok {
			// Past 256 types the index wraps; the caller refuses such a
			// zone, whose types it counts.
			k = uint8(len(types))
			index[t] = k
			types = append(types, t)
		}
		if int(k) == cur {
			continue
		}
		cur = int(k)
		times = append(times, o.at)
		idx = append(idx, k)
	}
	return types, times, idx
}

// endless returns the indexes of the observances whose rules have no end.
func (g *zoneGen) endless() []int {
	var out []int
	for i, r := range g.rules {
		if r != nil && !r.finite() {
			out = append(out, i)
		}
	}
	return out
}

// footer returns the TZ string that carries the endless rules on past the
// horizon, and the TZif version it needs, or "" when there is none. final
// is the type of the last transition.
func (g *zoneGen) footer(final zoneType) (string, byte) {
	endless := g.endless()
	switch len(endless) {
	case 0, 1:
		// Nothing changes the offset past the horizon, or only one rule
		// that keeps setting the same one.
		if final.dst || zoneAbs(final.off) > maxPosixOffset || (len(endless) == 1 && g.typeOf(endless[0]) != final) {
			return "", 0
		}
		return zonePosixName(final.abbr) + zonePosixOffset(-final.off), '2'
	case 2:
	default:
		return "", 0
	}
	std, dst := endless[0], endless[1]
	if g.obs[std].daylight {
		std, dst = dst, std
	}
	if g.obs[std].daylight || !g.obs[dst].daylight {
		return "", 0
	}
	so, do := &g.obs[std], &g.obs[dst]
	if zoneAbs(so.to) > maxPosixOffset || zoneAbs(do.to) > maxPosixOffset {
		return "", 0
	}
	startDate, ok1 := g.rules[dst].posixDate()
	endDate, ok2 := g.rules[std].posixDate()
	if !ok1 || !ok2 {
		return "", 0
	}
	// A TZ string gives the start of daylight time on the standard time
	// clock and its end on the daylight time clock; the rules give each
	// on the clock of the offset before it.
	startTime := g.rules[dst].tod - do.from + so.to
	endTime := g.rules[std].tod - so.from + do.to
	version := byte('2')
	for _, t := range []int{startTime, endTime} {
		if t < 0 || t > 24*3600 {
			version = '3' // RFC 8536 §3.3.1: times from -167 to 167 hours
		}
	}
	st, dt := g.typeOf(std), g.typeOf(dst)
	return zonePosixName(st.abbr) + zonePosixOffset(-st.off) + zonePosixName(dt.abbr) + zonePosixOffset(-dt.off) +
		"," + startDate + "/" + zonePosixOffset(startTime) + "," + endDate + "/" + zonePosixOffset(endTime), version
}

// zoneAbs returns the absolute value of n.
func zoneAbs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// zonePosixName writes an abbreviation for a TZ string: letters bare, others
// in angle brackets.
func zonePosixName(s string) string {
	if s[0] == '+' || s[0] == '-' {
		return "<" + s + ">"
	}
	return s
}

// zonePosixOffset writes seconds as a TZ string's [-]h[:mm[:ss]].
func zonePosixOffset(sec int) string {
	sign := ""
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	switch {
	case s != 0:
		return fmt.Sprintf("%s%d:%02d:%02d", sign, h, m, s)
	case m != 0:
		return fmt.Sprintf("%s%d:%02d", sign, h, m)
	}
	return fmt.Sprintf("%s%d", sign, h)
}

// zoneDaysBefore are the days of a common year before each month.
var zoneDaysBefore = [...]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// posixDate returns r's day of the year as a TZ string's Mm.w.d (the wth
// day d of month m, 5 for the last) or Jn (the nth day of a common year,
// never February 29), when it can say it: one onset a year, in one month.
func (r *zoneRule) posixDate() (string, bool) {
	if r.interval != 1 || r.setPos != nil || len(r.months) > 1 {
		return "", false
	}
	m := r.month
	if r.months != nil {
		m = r.months[0]
	}
	switch {
	case r.weekdays == nil && (r.monthDays == nil || len(r.monthDays) == 1):
		d := r.day
		if r.monthDays != nil {
			d = r.monthDays[0]
		}
		dim := icalvalue.DaysIn(2001, m) // a common year's, which February 29 is not
		if d < 0 && m != time.February {
			d += dim + 1
		}
		if d < 1 || d > dim {
			return "", false
		}
		return fmt.Sprintf("J%d", zoneDaysBefore[m-1]+d), true
	case len(r.weekdays) != 1:
		return "", false
	}
	w := r.weekdays[0]
	week := 0
	switch {
	case r.monthDays == nil && w.n >= 1 && w.n <= 4:
		week = w.n
	case r.monthDays == nil && w.n == -1:
		week = 5
	case w.n == 0 && len(r.monthDays) == 7:
		lo, hi := r.monthDays[0], r.monthDays[6]
		switch {
		case lo == -7 && hi == -1:
			week = 5
		case hi == lo+6 && lo > 0 && (lo-1)%7 == 0:
			week = (lo-1)/7 + 1
		}
	}
	if week == 0 {
		return "", false
	}
	return fmt.Sprintf("M%d.%d.%d", int(m), week, int(w.day)), true
}

// footerHolds reports whether loc, whose last transition is at last to the
// type final, gives the offsets of the endless rules for zoneCycle years
// past the horizon, and so for ever: the calendar and a TZ string both
// repeat every 400 years.
func (g *zoneGen) footerHolds(loc *time.Location, last int64, final zoneType) bool {
	var onsets []zoneOnset
	var buf []int64
	for _, i := range g.endless() {
		r := g.rules[i]
		for y := g.horizon + 1; y <= g.horizon+zoneCycle; y++ {
			if (y-r.startYear)%r.interval != 0 {
				continue
			}
			buf = r.dates(y, buf[:0])
			for _, t := range buf {
				onsets = append(onsets, zoneOnset{t - int64(g.obs[i].from), i})
			}
		}
	}
	is := func(sec int64, t zoneType) bool {
		at := time.Unix(sec, 0).In(loc)
		abbr, off := at.Zone()
		return off == t.off && abbr == t.abbr && at.IsDST() == t.dst
	}
	cur := final
	if !is(last, cur) {
		return false
	}
	if len(onsets) == 0 {
		return is(last+int64(zoneCycle)*366*secondsPerDay, cur)
	}
	for _, o := range g.winners(onsets) {
		if o.at <= last {
			continue
		}
		next := g.typeOf(o.obs)
		if !is(o.at-1, cur) || !is(o.at, next) {
			return false
		}
		cur = next
	}
	return true
}

// encodeZone writes the types and transitions as TZif data of the version
// given, with footer as its TZ string, and loads it.
func encodeZone(name string, version byte, types []zoneType, times []int64, idx []uint8, footer string) ([]byte, *time.Location, error) {
	var chars []byte
	at := make(map[string]int)
	for _, t := range types {
		if _, ok := at[t.abbr]; !ok {
			at[t.abbr] = len(chars)
			chars = append(chars, t.abbr...)
			chars = append(chars, 0)
		}
	}
	if len(chars) > 256 {
		return nil, nil, fmt.Errorf("a VTIMEZONE's %d abbreviations (TZNAME, or the offset) take %d bytes, more than the 256 TZif allows", len(at), len(chars))
	}
	b := make([]byte, 0, 2*44+7+9*len(times)+6*len(types)+len(chars)+len(footer)+2)
	header := func(timecnt, typecnt, charcnt int) {
		b = append(b, "TZif"...)
		b = append(b, version)
		b = append(b, make([]byte, 15)...)
		for _, n := range []int{0, 0, 0, timecnt, typecnt, charcnt} { // isutcnt, isstdcnt, leapcnt, ...
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
	}
	// The version 1 data block, which version 2 readers skip: one type,
	// UTC with an empty abbreviation, and no transitions.
	header(0, 1, 1)
	b = append(b, 0, 0, 0, 0, 0, 0, 0)
	header(len(times), len(types), len(chars))
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	for _, t := range types {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(t.off)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		b = append(b, dst, byte(at[t.abbr]))
	}
	b = append(b, chars...)
	b = append(b, '\n')
	b = append(b, footer...)
	b = append(b, '\n')
	loc, err := time.LoadLocationFromTZData(name, b)
	if err != nil {
		return nil, nil, fmt.Errorf("a VTIMEZONE's rules make TZif data Go does not read: %v", err)
	}
	return b, loc, nil
}
