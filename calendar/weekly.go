package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Span is a stretch of one day's wall-clock time, [From, To). A span
// whose To is not after its From crosses midnight: 22:00-06:00 runs from
// 22:00 on its day to 06:00 on the next, and 09:00-09:00 lasts a whole day.
// The span belongs to the day it starts on.
type Span struct {
	From, To Clock
}

// Overnight reports whether sp ends on the day after it starts.
func (sp Span) Overnight() bool { return sp.To <= sp.From }

// Length returns the length of sp on the wall clock; on a day when the
// clocks change, the time that passes differs by the change.
func (sp Span) Length() time.Duration {
	return time.Duration(sp.end()-int(sp.From)) * time.Minute
}

// String returns sp as "09:00-17:00".
func (sp Span) String() string { return sp.From.String() + "-" + sp.To.String() }

// end returns the minute at which sp ends, counted from the midnight that
// starts its day, so up to 2 x 1440.
func (sp Span) end() int {
	if sp.Overnight() {
		return int(sp.To) + int(EndOfDay)
	}
	return int(sp.To)
}

// spanOf turns minutes [from, end) of a day, with 0 <= from < 1440 and
// from < end <= from+1440, into a Span.
func spanOf(from, end int) Span {
	if end > int(EndOfDay) {
		end -= int(EndOfDay)
	}
	return Span{Clock(from), Clock(end)}
}

// WeeklyHours are the hours someone works in each week, as wall-clock
// spans per weekday in their own zone. Each day's spans are sorted and
// disjoint: spans of one day that overlap or touch are merged.
//
// The zero WeeklyHours has no working time at all. WeeklyHours is a value
// that is never changed once made, safe to copy and share.
type WeeklyHours struct {
	days [7][]Span // by time.Weekday
}

// MaxSpan is the longest span of working hours ParseWorkingHours reads
// (but for 00:00-24:00, the whole day): a longer one is most often a
// 12-hour clock time written as if it were 24-hour ("09:00-5:00").
const MaxSpan = 16 * time.Hour

// longSpan says what is wrong with a span longer than MaxSpan, and the
// likely intended reading: the end on a 24-hour clock, when that gives a
// span of MaxSpan or less.
func longSpan(sp Span, from string) string {
	msg := fmt.Sprintf("a span of %s, over %s", formatHours(sp.Length()), formatHours(MaxSpan))
	if sp.Overnight() {
		msg = fmt.Sprintf("a span of %s past midnight, over %s", formatHours(sp.Length()), formatHours(MaxSpan))
	}
	if pm := sp.To + 12*60; sp.To > 0 && sp.To < 12*60 && pm > sp.From && pm <= EndOfDay && (Span{sp.From, pm}).Length() <= MaxSpan {
		return msg + fmt.Sprintf("; did you mean %s-%s (a 24-hour clock)?", from, pm)
	}
	return msg + " (00:00-24:00 is the whole day)"
}

// formatHours writes d in whole hours and minutes: "20h", "16h30m".
func formatHours(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// ParseWeeklyHours reads weekly hours written as clauses separated by
// semicolons, each a list of days and a list of spans:
//
//	Mon-Fri 09:00-17:00; Sat 10:00-12:00
//	Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00
//	Sun-Thu 08:00-16:00                 (ranges may wrap past Sunday)
//	Mon,Wed-Fri 22:00-06:00             (a night shift: it crosses midnight)
//
// Days are English names or their three-letter abbreviations, in any
// case; ranges run forward through the week. A span whose end is not
// after its start crosses midnight and belongs to the day it starts on;
// 24:00 is a valid end. Spans given for one day in several places are
// merged; a day's spans may not join into one longer than 24 hours. Empty
// text means no working hours. ParseWorkingHours also refuses spans that
// look like a 12-hour clock misread.
func ParseWeeklyHours(s string) (WeeklyHours, error) {
	return parseWeeklyHours("ParseWeeklyHours", s, false)
}

// ParseWorkingHours is ParseWeeklyHours for hours that people write, as
// in a roster: it also refuses a span longer than MaxSpan (16 hours) but
// for 00:00-24:00, the whole day, with an error that names the likely
// intended reading: "09:00-5:00" runs 20 hours past midnight, and was
// most likely meant as 09:00-17:00. Spans that join into one longer than
// MaxSpan are refused too. Single-digit hours are read as
// usual ("9:00-17:00"). (ParseWeeklyHours reads any span, so that what
// WeeklyHours.String writes, which may join spans into a longer one, is
// always read back.)
func ParseWorkingHours(s string) (WeeklyHours, error) {
	return parseWeeklyHours("ParseWorkingHours", s, true)
}

func parseWeeklyHours(fn, s string, strict bool) (WeeklyHours, error) {
	var raw [7][]Span
	for _, clause := range strings.Split(s, ";") {
		if strings.TrimSpace(clause) == "" {
			continue
		}
		if err := parseClause(fn, s, clause, strict, &raw); err != nil {
			return WeeklyHours{}, err
		}
	}
	var w WeeklyHours
	for d := range raw {
		spans, err := mergeSpans(raw[d])
		if err != nil {
			return WeeklyHours{}, &ParseError{Func: fn, Input: s,
				Msg: time.Weekday(d).String() + ": " + err.Error()}
		}
		for _, sp := range spans {
			// Spans that join into a longer one are held to it too, so
			// that what String writes reads back.
			if strict && sp.Length() > MaxSpan && !(sp.From == 0 && sp.To == EndOfDay) {
				return WeeklyHours{}, &ParseError{Func: fn, Input: s,
					Msg: fmt.Sprintf("%s: spans join into %s, %s long, over %s", time.Weekday(d), sp, formatHours(sp.Length()), formatHours(MaxSpan))}
			}
		}
		w.days[d] = spans
	}
	return w, nil
}

// MustParseWeeklyHours is like ParseWeeklyHours but panics on an error. It
// is intended for tests and examples with hard-coded hours.
func MustParseWeeklyHours(s string) WeeklyHours {
	w, err := ParseWeeklyHours(s)
	if err != nil {
		panic(err)
	}
	return w
}

// parseClause reads one "days spans" clause of input into raw.
func parseClause(fn, input, clause string, strict bool, raw *[7][]Span) error {
	fail := func(part, msg string) error {
		return &ParseError{Func: fn, Input: input, Part: strings.TrimSpace(part), Msg: msg}
	}
	i := strings.IndexAny(clause, "0123456789")
	if i < 0 {
		return fail(clause, "missing hours (want days and spans, such as Mon-Fri 09:00-17:00)")
	}
	dayText, spanText := clause[:i], clause[i:]
	if strings.TrimSpace(dayText) == "" {
		return fail(clause, "missing days (want days and spans, such as Mon-Fri 09:00-17:00)")
	}
	var days [7]bool
	for _, item := range strings.Split(dayText, ",") {
		first, last, isRange := strings.Cut(item, "-")
		if strings.TrimSpace(first) == "" || isRange && strings.TrimSpace(last) == "" {
			return fail(dayText, "empty day name")
		}
		a, ok := weekdayNamed(first)
		if !ok {
			return fail(first, "unknown day")
		}
		b := a
		if isRange {
			if b, ok = weekdayNamed(last); !ok {
				return fail(last, "unknown day")
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	for _, item := range strings.Split(spanText, ",") {
		if strings.TrimSpace(item) == "" {
			return fail(spanText, "empty span")
		}
		from, to, ok := strings.Cut(item, "-")
		if !ok {
			return fail(item, "want a span HH:MM-HH:MM")
		}
		f, err := parseClock(fn, input, strings.TrimSpace(from))
		if err != nil {
			return err
		}
		t, err := parseClock(fn, input, strings.TrimSpace(to))
		if err != nil {
			return err
		}
		if f == EndOfDay {
			return fail(item, "a span cannot start at 24:00 (write 00:00 of the next day)")
		}
		if sp := (Span{f, t}); strict && sp.Length() > MaxSpan && !(f == 0 && t == EndOfDay) {
			return fail(item, longSpan(sp, strings.TrimSpace(from)))
		}
		for d, on := range days {
			if on {
				raw[d] = append(raw[d], Span{f, t})
			}
		}
	}
	return nil
}

// mergeSpans sorts one day's spans and merges those that overlap or touch.
func mergeSpans(spans []Span) ([]Span, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	slices.SortFunc(spans, func(a, b Span) int { return int(a.From) - int(b.From) })
	var out []Span
	from, end := int(spans[0].From), spans[0].end()
	flush := func() error {
		if end-from > int(EndOfDay) {
			return fmt.Errorf("spans join into %s-%s, longer than 24 hours", Clock(from), Clock(end%int(EndOfDay)))
		}
		out = append(out, spanOf(from, end))
		return nil
	}
	for _, sp := range spans[1:] {
		if int(sp.From) <= end {
			end = max(end, sp.end())
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		from, end = int(sp.From), sp.end()
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

func weekdayNamed(s string) (time.Weekday, bool) {
	d, ok := weekdayNames[strings.ToLower(strings.TrimSpace(s))]
	return d, ok
}

// key returns w as a string that is the same for the same hours and
// different for different ones, made with one allocation: a Batch's key.
func (w WeeklyHours) key() string {
	var buf [128]byte // most weeks' keys: built without the heap
	return string(w.appendKey(buf[:0]))
}

// appendKey appends w's key to b.
func (w WeeklyHours) appendKey(b []byte) []byte {
	for _, d := range w.days {
		// The day's count of spans, in two bytes: a day may have more
		// than 255.
		b = append(b, byte(len(d)>>8), byte(len(d)))
		for _, sp := range d {
			// Clocks are minutes of the day, 0 to 1440: two bytes each.
			b = append(b, byte(sp.From>>8), byte(sp.From), byte(sp.To>>8), byte(sp.To))
		}
	}
	return b
}

// Spans returns the spans that start on day, sorted, as a new slice.
func (w WeeklyHours) Spans(day time.Weekday) []Span {
	if day < time.Sunday || day > time.Saturday {
		return nil
	}
	return slices.Clone(w.days[day])
}

// IsZero reports whether w has no working time.
func (w WeeklyHours) IsZero() bool {
	for _, spans := range w.days {
		if len(spans) > 0 {
			return false
		}
	}
	return true
}

// Equal reports whether w and o have the same spans on every day.
func (w WeeklyHours) Equal(o WeeklyHours) bool {
	for d := range w.days {
		if !slices.Equal(w.days[d], o.days[d]) {
			return false
		}
	}
	return true
}

// PerWeek returns the working time of a week on the wall clock, ignoring
// clock changes.
func (w WeeklyHours) PerWeek() time.Duration {
	var sum time.Duration
	for _, spans := range w.days {
		for _, sp := range spans {
			sum += sp.Length()
		}
	}
	return sum
}

// String returns w in the canonical form that ParseWeeklyHours reads back
// to an equal value: clauses in week order from Monday, each naming the
// longest run of consecutive days that share the same spans ("Mon-Fri",
// "Sun-Thu"), spans joined by commas. The zero WeeklyHours is "".
func (w WeeklyHours) String() string {
	// key[i] is the spans of the i-th day of a week that starts on Monday.
	var key [7]string
	for i := range key {
		parts := make([]string, 0, 2)
		for _, sp := range w.days[(i+1)%7] {
			parts = append(parts, sp.String())
		}
		key[i] = strings.Join(parts, ",")
	}
	if key[0] != "" && key == [7]string{key[0], key[0], key[0], key[0], key[0], key[0], key[0]} {
		return "Mon-Sun " + key[0]
	}
	var clauses []string
	for i := range key {
		if key[i] == "" || key[i] == key[(i+6)%7] {
			continue // not the first day of a run
		}
		j := i
		for key[(j+1)%7] == key[i] {
			j = (j + 1) % 7
		}
		days := dayAbbr(i)
		if j != i {
			days += "-" + dayAbbr(j)
		}
		clauses = append(clauses, days+" "+key[i])
	}
	return strings.Join(clauses, "; ")
}

// dayAbbr names the i-th day of a week that starts on Monday.
func dayAbbr(i int) string { return time.Weekday((i + 1) % 7).String()[:3] }

// MarshalText implements encoding.TextMarshaler with the String form.
func (w WeeklyHours) MarshalText() ([]byte, error) { return []byte(w.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseWeeklyHours.
func (w *WeeklyHours) UnmarshalText(b []byte) error {
	v, err := ParseWeeklyHours(string(b))
	if err != nil {
		return err
	}
	*w = v
	return nil
}

// Working returns the working time of w inside window, for someone whose
// wall clocks are those of loc. A span on date D is the interval
// [Wall(D, From), Wall(D or D+1, To)), so on the day the clocks change a
// span lasts as long as the clocks say it does: 09:00-17:00 is still
// 09:00-17:00 on the wall, and a night shift across a change is an hour
// shorter or longer. A span that starts on the day before the window and
// runs into it counts. The intervals are given in loc; a nil loc means UTC.
// The cost is linear in the number of days in the window; only years 1 to
// 9999 have working time.
func (w WeeklyHours) Working(window Interval, loc *time.Location) Set {
	out := make([]Interval, 0, w.estimate(window))
	w.spans(window, loc, func(_ Date, iv Interval) {
		out = append(out, iv)
	})
	return Set{normalize(out)}
}

// estimate returns about how many spans of w overlap window, to size
// slices with.
func (w WeeklyHours) estimate(window Interval) int {
	if window.IsEmpty() {
		return 0
	}
	perWeek := 0
	for _, spans := range w.days {
		perWeek += len(spans)
	}
	return min((int(window.Duration()/(24*time.Hour))+3)*perWeek/7+2, 1<<20)
}

// spans calls yield with each span of w that overlaps window, clipped to
// it, and the date the span starts on, in order of those dates.
func (w WeeklyHours) spans(window Interval, loc *time.Location, yield func(day Date, iv Interval)) {
	if loc == nil {
		loc = time.UTC
	}
	window = w.clamp(stripMono(window), loc)
	w.wallSpans(window, loc, func(day, start, end int64) {
		iv := Interval{time.Unix(start, 0).In(loc), time.Unix(end, 0).In(loc)}.Intersect(window)
		if !iv.IsEmpty() {
			yield(dateFromDays(day), iv)
		}
	})
}

// clamp returns the part of window in years 1 to 9999 in loc, the years
// that have working time; empty when w has no spans.
func (w WeeklyHours) clamp(window Interval, loc *time.Location) Interval {
	if window.IsEmpty() || w.IsZero() {
		return Interval{}
	}
	return window.Intersect(Interval{Wall(Date{1, time.January, 1}, Midnight, loc), Wall(Date{10000, time.January, 1}, Midnight, loc)})
}

// wallSpans calls yield with each span of w that starts on a date the
// window touches in loc, or on the two dates before (a night span that
// starts the day before a day the zone skipped, as Apia did on
// 2011-12-30, runs into the day after it): the day it starts on (days
// since 1970-01-01) and its start and end in Unix seconds, not clipped to
// window, in order of the days. window must be clamped.
func (w WeeklyHours) wallSpans(window Interval, loc *time.Location, yield func(day, start, end int64)) {
	if window.IsEmpty() {
		return
	}
	first := DateOf(window.Start.In(loc)).AddDays(-2).days()
	last := DateOf(window.End.In(loc)).days()
	z := newZoneTable(loc, first*secondsPerDay-maxOffset, (last+2)*secondsPerDay+maxOffset, nil)
	for day := first; day <= last; day++ {
		midnight := day * secondsPerDay
		for _, sp := range w.days[floorMod(day+int64(time.Thursday), 7)] {
			yield(day, z.resolve(midnight+int64(sp.From)*60), z.resolve(midnight+int64(sp.end())*60))
		}
	}
}
