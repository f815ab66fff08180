package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// This file reads and writes the text form of a Recurrence: iCalendar
// lines (DTSTART, RRULE, EXDATE, RDATE) and RRULE values.

// A recParser reads one rule text.
type recParser struct {
	fn    string // the function that reads it, for errors
	input string
	zones map[string]*time.Location
	dates int // EXDATE and RDATE values read so far
}

// fail returns a *ParseError for part of the input.
func (p *recParser) fail(part, format string, args ...any) error {
	return &ParseError{Func: p.fn, Input: p.input, Part: part, Msg: fmt.Sprintf(format, args...)}
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
	return p.finish(r, ruleLine)
}

// finish checks what a rule's parts say together, with ruleLine the text
// that errors about the rule as a whole quote.
func (p *recParser) finish(r Recurrence, ruleLine string) (Recurrence, error) {
	if !r.start.IsValid() {
		return Recurrence{}, p.fail("", "the start %s is not a valid date and time", r.start)
	}
	if r.start == (DateTime{Date{1, time.January, 1}, Midnight}) {
		// rrule-go reads the zero time.Time as "now".
		return Recurrence{}, p.fail("", "DTSTART 0001-01-01T00:00 is out of range")
	}
	if r.hasRule {
		if msg := r.rule.neverMatches(r.start); msg != "" {
			return Recurrence{}, p.fail(ruleLine, "the rule never matches: %s", msg)
		}
		if r.rule.count > 0 {
			r.count = &recCount{through: r.start.Date.AddDays(-1)}
		}
	}
	return r, nil
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
	loc, err := loadZone(name)
	if err != nil {
		return nil, p.fail(line, "TZID: %v", err)
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
			return p.fail(line, "a DTSTART must be a date-time: tzplan expands rules with a time of day")
		default:
			return p.fail(line, "unknown DTSTART parameter %s", icalvalue.Quote(pv[0]))
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
			return nil, p.fail(line, "%s;VALUE=%s is not supported: want DATE or DATE-TIME", name, icalvalue.Quote(pv[1]))
		default:
			return nil, p.fail(line, "unknown %s parameter %s", name, icalvalue.Quote(pv[0]))
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
				return nil, p.fail(line, "%s: a value with a TZID cannot end in Z", icalvalue.Quote(s))
			}
			v.kind, v.tzid, v.zone = recZoned, tzid, zone
		}
		out = append(out, v)
	}
	return out, nil
}

// date reads a date value, 20260112.
func (p *recParser) date(line, s string) (recTime, error) {
	v, err := icalvalue.ParseDate(s)
	if err != nil {
		return recTime{}, p.fail(line, "%v", err)
	}
	return recTime{kind: recDate, at: DateTime{Date{v.Year, v.Month, v.Day}, Midnight}}, nil
}

// dateTime reads a date-time value, 20260112T090000 or 20260112T080000Z.
// Seconds other than 00 are an error unless withSeconds.
func (p *recParser) dateTime(line, s string, withSeconds bool) (recTime, error) {
	v, err := icalvalue.ParseDateTime(s)
	if err != nil {
		return recTime{}, p.fail(line, "%v", err)
	}
	if v.Second != 0 && !withSeconds {
		return recTime{}, p.fail(line, "%s: seconds must be 00: tzplan works in whole minutes", icalvalue.Quote(s))
	}
	t := recTime{kind: recFloating, at: DateTime{Date{v.Year, v.Month, v.Day}, Clock(v.Hour*60 + v.Minute)}, sec: v.Second}
	if v.UTC {
		t.kind = recUTC
	}
	return t, nil
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
			return recRule{}, p.fail(part, "%s is given twice", icalvalue.Quote(key))
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
			rl.freq = recYearly
		case "MONTHLY":
			rl.freq = recMonthly
		case "WEEKLY":
			rl.freq = recWeekly
		case "DAILY":
			rl.freq = recDaily
		case "HOURLY", "MINUTELY", "SECONDLY":
			return p.fail(part, "frequencies finer than DAILY are not supported: tzplan expands rules that repeat at most daily")
		default:
			return p.fail(part, "unknown frequency %s: want DAILY, WEEKLY, MONTHLY or YEARLY", icalvalue.Quote(val))
		}
	case "INTERVAL":
		n, ok := digits(val)
		if !ok || n < 1 || n > recMaxInterval {
			return p.fail(part, "INTERVAL must be a whole number from 1 to %d", recMaxInterval)
		}
		rl.interval = n
	case "COUNT":
		n, ok := digits(val)
		if !ok || n < 1 || n > recMaxCount {
			return p.fail(part, "COUNT must be a whole number from 1 to %d", recMaxCount)
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
		return p.fail(part, "unknown rule part %s", icalvalue.Quote(key))
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
			return nil, p.fail(part, "%s is not a weekday such as MO, 2TU or -1FR", icalvalue.Quote(s))
		}
		day, ok := recParseDay(s[len(s)-2:])
		if !ok {
			return nil, p.fail(part, "%s is not a weekday such as MO, 2TU or -1FR", icalvalue.Quote(s))
		}
		n := 0
		if num := s[:len(s)-2]; num != "" {
			n, ok = recInt(num)
			if !ok || n == 0 || n < -53 || n > 53 {
				return nil, p.fail(part, "%s: the week number must be from 1 to 53 or from -53 to -1", icalvalue.Quote(s))
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
	case len(rl.byweekno) > 0 && rl.freq != recYearly:
		return p.fail(line, "BYWEEKNO is only allowed with FREQ=YEARLY")
	case len(rl.byyday) > 0 && rl.freq != recYearly:
		return p.fail(line, "BYYEARDAY is not allowed with FREQ=%s", freq)
	case len(rl.bymday) > 0 && rl.freq == recWeekly:
		return p.fail(line, "BYMONTHDAY is not allowed with FREQ=WEEKLY")
	case len(rl.byeaster) > 0 && rl.freq != recYearly:
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
		case rl.freq != recMonthly && rl.freq != recYearly:
			return p.fail(line, "BYDAY=%d%s: a numbered weekday needs FREQ=MONTHLY or YEARLY", w.n, recDayName(w.day))
		case len(rl.byweekno) > 0:
			return p.fail(line, "BYDAY=%d%s: a numbered weekday is not allowed with BYWEEKNO", w.n, recDayName(w.day))
		case (rl.freq == recMonthly || len(rl.bymonth) > 0) && (w.n < -5 || w.n > 5):
			// A month has at most five of each weekday; rrule-go
			// indexes out of range past -5 (and far past 5).
			return p.fail(line, "BYDAY=%d%s: a month has at most five of each weekday", w.n, recDayName(w.day))
		}
	}
	// Anything else rrule-go's own validation refuses is an error too.
	if err := rl.validate(); err != nil {
		return p.fail(line, "%v", err)
	}
	return nil
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
		return icalvalue.FormatDate(v.at.Date.Year, v.at.Date.Month, v.at.Date.Day)
	}
	return icalValue(v.at, v.sec, v.kind == recUTC).Format()
}

// recFormat writes dt with seconds sec as 20260112T090000.
func recFormat(dt DateTime, sec int) string { return icalValue(dt, sec, false).Format() }

// icalValue returns dt with seconds sec as an iCalendar DATE-TIME value.
func icalValue(dt DateTime, sec int, utc bool) icalvalue.DateTime {
	return icalvalue.DateTime{Year: dt.Date.Year, Month: dt.Date.Month, Day: dt.Date.Day,
		Hour: dt.Clock.Hour(), Minute: dt.Clock.Minute(), Second: sec, UTC: utc}
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
