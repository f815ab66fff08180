package calendar

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// newRecDate writes d as an iCalendar DATE, 20260112.
func newRecDate(d Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// newRecDateTime writes dt as an iCalendar DATE-TIME with no zone,
// 20260112T090000.
func newRecDateTime(dt DateTime) string {
	return fmt.Sprintf("%sT%02d%02d00", newRecDate(dt.Date), int(dt.Clock)/60, int(dt.Clock)%60)
}

// newRecDrawDates draws 0 to 3 EXDATE or RDATE values of every kind, near
// start so that some of them fall on its occurrences, and the iCalendar
// content lines that say the same: a value goes on a line of its own or,
// when it is written alike, on the line before.
func newRecDrawDates(t *rapid.T, name string, start DateTime) ([]RecurrenceDate, []string) {
	var vs []RecurrenceDate
	var lines, params []string
	for i := range rapid.IntRange(0, 3).Draw(t, name+"Count") {
		label := name + strconv.Itoa(i)
		at := DateTime{start.Date.AddDays(rapid.IntRange(-10, 60).Draw(t, label+"Days")), start.Clock}
		if rapid.Bool().Draw(t, label+"OtherClock") {
			at.Clock = Clock(rapid.IntRange(0, 1439).Draw(t, label+"Clock"))
		}
		var v RecurrenceDate
		var param, value string
		switch rapid.IntRange(0, 3).Draw(t, label+"Kind") {
		case 0:
			v = RecurrenceDate{At: DateTime{at.Date, Midnight}, Date: true}
			param, value = ";VALUE=DATE", newRecDate(at.Date)
		case 1:
			v = RecurrenceDate{At: at}
			param, value = "", newRecDateTime(at)
		case 2:
			v = RecurrenceDate{At: at, Zone: time.UTC}
			param, value = "", newRecDateTime(at)+"Z"
		default:
			loc := recLoad(t, rapid.SampledFrom(recZones).Draw(t, label+"Zone"))
			v = RecurrenceDate{At: at, Zone: loc}
			param, value = ";TZID="+loc.String(), newRecDateTime(at)
			if loc == time.UTC {
				// time.LoadLocation("UTC") is time.UTC, which NewRecurrence
				// takes for a "Z" value.
				param, value = "", newRecDateTime(at)+"Z"
			}
		}
		vs = append(vs, v)
		if n := len(lines); n > 0 && params[n-1] == param && rapid.Bool().Draw(t, label+"SameLine") {
			lines[n-1] += "," + value
			continue
		}
		lines, params = append(lines, name+param+":"+value), append(params, param)
	}
	return vs, lines
}

// newRecMerge interleaves the groups of lines at random, keeping the
// order within each group.
func newRecMerge(t *rapid.T, groups ...[]string) []string {
	var out []string
	for {
		var left []int
		for i, g := range groups {
			if len(g) > 0 {
				left = append(left, i)
			}
		}
		if len(left) == 0 {
			return out
		}
		i := rapid.SampledFrom(left).Draw(t, "nextLine")
		out = append(out, groups[i][0])
		groups[i] = groups[i][1:]
	}
}

func TestNewRecurrenceIsParseRecurrenceOfTheSameParts(t *testing.T) {
	// NewRecurrence and ParseRecurrence are two front ends over the same
	// semantics: the parts, given to one, and written as iCalendar lines
	// for the other, give the same Recurrence or the same error.
	rapid.Check(t, func(t *rapid.T) {
		start := DateTime{recDrawDate(t, "start", 2020, 2026), Clock(rapid.IntRange(0, 1439).Draw(t, "startClock"))}
		var zone *time.Location
		dtstart := "DTSTART:" + newRecDateTime(start)
		switch rapid.IntRange(0, 2).Draw(t, "zoneKind") {
		case 1:
			zone = time.UTC
		case 2:
			zone = recLoad(t, rapid.SampledFrom(recZones).Draw(t, "zone"))
		}
		switch {
		case zone == time.UTC: // also time.LoadLocation("UTC")
			dtstart += "Z"
		case zone != nil:
			dtstart = "DTSTART;TZID=" + zone.String() + ":" + newRecDateTime(start)
		}
		rule := ""
		var ruleLines []string
		if rapid.Bool().Draw(t, "hasRule") {
			rule = recDrawRule(t, true)
			ruleLines = []string{"RRULE:" + rule}
		}
		exdates, exLines := newRecDrawDates(t, "EXDATE", start)
		rdates, rdLines := newRecDrawDates(t, "RDATE", start)
		eol := rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol")
		text := strings.Join(newRecMerge(t, []string{dtstart}, ruleLines, exLines, rdLines), eol)

		parsed, perr := ParseRecurrence(text, DateTime{})
		built, nerr := NewRecurrence(start, zone, rule, exdates, rdates)
		switch {
		case perr != nil && nerr != nil:
			// Only the rule can be wrong here; both say the same of it.
			pe := recCheckParseError(t, text, perr)
			var ne *ParseError
			if !errors.As(nerr, &ne) || ne.Func != "NewRecurrence" || ne.Input != rule {
				t.Fatalf("NewRecurrence(%q): error %#v, want a *ParseError from NewRecurrence quoting the rule", rule, nerr)
			}
			if ne.Msg != pe.Msg || ne.Part != pe.Part && !(pe.Part == "RRULE:"+rule && ne.Part == rule) {
				t.Fatalf("%q: ParseRecurrence says %q of %q; NewRecurrence says %q of %q", text, pe.Msg, pe.Part, ne.Msg, ne.Part)
			}
			return
		case perr != nil || nerr != nil:
			t.Fatalf("%q: ParseRecurrence: %v; NewRecurrence: %v", text, perr, nerr)
		}
		if diff := cmp.Diff(parsed, built, recCmpOpts); diff != "" {
			t.Fatalf("%q (-ParseRecurrence +NewRecurrence):\n%s", text, diff)
		}
		if parsed.String() != built.String() {
			t.Fatalf("%q: ParseRecurrence gives\n%s\nNewRecurrence gives\n%s", text, parsed, built)
		}
		from := start.Date.AddDays(rapid.IntRange(-30, rapid.SampledFrom([]int{30, 400}).Draw(t, "reach")).Draw(t, "from"))
		to := from.AddDays(rapid.IntRange(0, 90).Draw(t, "days"))
		loc := recLoad(t, rapid.SampledFrom(recZones).Draw(t, "loc"))
		want, err1 := parsed.Starts(context.Background(), from, to, loc)
		got, err2 := built.Starts(context.Background(), from, to, loc)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("%q: Starts(%s, %s): %v", text, from, to, err)
		}
		if diff := cmp.Diff(recStrings(want), recStrings(got)); diff != "" {
			t.Fatalf("%q in %s, %s..%s (-ParseRecurrence +NewRecurrence):\n%s", text, loc, from, to, diff)
		}
	})
}

func TestNewRecurrence(t *testing.T) {
	berlin := recLoad(t, "Europe/Berlin")
	tokyo := recLoad(t, "Asia/Tokyo")
	dt := MustParseDateTime
	r, err := NewRecurrence(dt("2026-01-05T09:00"), berlin, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6",
		[]RecurrenceDate{
			{At: dt("2026-01-08T09:00")},                 // floating: Thursday 8th
			{At: dt("2026-01-12T00:00"), Date: true},     // Monday 12th
			{At: dt("2026-01-15T08:00"), Zone: time.UTC}, // 09:00 in Berlin, Thursday 15th
		},
		[]RecurrenceDate{
			{At: dt("2026-01-10T00:00"), Date: true},  // at the DTSTART's 09:00
			{At: dt("2026-01-11T03:00"), Zone: tokyo}, // 19:00 on the 10th in Berlin
			{At: dt("2026-01-31T09:00")},              // after the COUNT
		})
	if err != nil {
		t.Fatal(err)
	}
	// COUNT=6: the 5th, 8th, 12th, 15th, 19th and 22nd, less the EXDATEs.
	want := []string{"2026-01-05T09:00", "2026-01-10T09:00", "2026-01-10T19:00", "2026-01-19T09:00", "2026-01-22T09:00", "2026-01-31T09:00"}
	got := recStarts(t, r, "2026-01-01", "2026-02-28", nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	wantText := "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;COUNT=6;BYDAY=MO,TH\n" +
		"EXDATE:20260108T090000\nEXDATE;VALUE=DATE:20260112\nEXDATE:20260115T080000Z\n" +
		"RDATE;VALUE=DATE:20260110\nRDATE;TZID=Asia/Tokyo:20260111T030000\nRDATE:20260131T090000"
	if got := r.String(); got != wantText {
		t.Errorf("String() =\n%s\nwant\n%s", got, wantText)
	}
	recCheckRoundTrip(t, r)

	// Without a rule (empty or blank) the DTSTART and the RDATEs are the
	// occurrences.
	for _, rule := range []string{"", " \t"} {
		r, err := NewRecurrence(dt("2026-01-05T09:00"), nil, rule, nil, []RecurrenceDate{{At: dt("2026-01-02T10:00")}})
		if err != nil {
			t.Fatalf("NewRecurrence with rule %q: %v", rule, err)
		}
		if got, want := recStarts(t, r, "2026-01-01", "2026-12-31", nil), []string{"2026-01-02T10:00", "2026-01-05T09:00"}; !slices.Equal(got, want) {
			t.Errorf("rule %q: Starts = %v, want %v", rule, got, want)
		}
		if got, want := r.String(), "DTSTART:20260105T090000\nRDATE:20260102T100000"; got != want {
			t.Errorf("rule %q: String() = %q, want %q", rule, got, want)
		}
	}

	// 10,000 EXDATE and RDATE values are allowed.
	ex := make([]RecurrenceDate, 4000)
	rd := make([]RecurrenceDate, 6000)
	for i := range ex {
		ex[i] = RecurrenceDate{At: DateTime{MustParseDate("2030-01-01").AddDays(i), 9 * 60}}
	}
	for i := range rd {
		rd[i] = RecurrenceDate{At: DateTime{MustParseDate("2030-01-01").AddDays(i), 10 * 60}}
	}
	if _, err := NewRecurrence(dt("2026-01-05T09:00"), nil, "FREQ=DAILY", ex, rd); err != nil {
		t.Errorf("NewRecurrence with 10,000 dates: %v", err)
	}
}

func TestNewRecurrenceRejects(t *testing.T) {
	berlin := recLoad(t, "Europe/Berlin")
	start := MustParseDateTime("2026-01-05T09:00")
	many := func(n int) []RecurrenceDate {
		out := make([]RecurrenceDate, n)
		for i := range out {
			out[i] = RecurrenceDate{At: DateTime{MustParseDate("2026-01-01").AddDays(i), 9 * 60}}
		}
		return out
	}
	tests := []struct {
		name      string
		start     DateTime
		zone      *time.Location
		rule      string
		exdates   []RecurrenceDate
		rdates    []RecurrenceDate
		part, msg string // the ParseError's Part and a piece of its Msg
	}{
		{name: "hourly", start: start, rule: "FREQ=HOURLY", part: "FREQ=HOURLY", msg: "finer than DAILY"},
		{name: "COUNT=0", start: start, rule: "FREQ=DAILY;COUNT=0", part: "COUNT=0", msg: "from 1 to 50000"},
		{name: "unknown frequency", start: start, rule: "FREQ=FORTNIGHTLY;BYDAY=MO", part: "FREQ=FORTNIGHTLY", msg: "unknown frequency"},
		{name: "lower-case bad part", start: start, rule: "freq=daily;interval=0", part: "interval=0", msg: "from 1 to 1000"},
		{name: "part given twice", start: start, rule: "FREQ=DAILY;BYHOUR=9;BYHOUR=10", part: "BYHOUR=10", msg: "given twice"},
		{name: "an RRULE line, not a value", start: start, rule: "RRULE:FREQ=DAILY", part: "RRULE:FREQ=DAILY", msg: "unknown rule part"},
		{name: "trailing semicolon", start: start, rule: "FREQ=DAILY;", part: "FREQ=DAILY;", msg: "NAME=VALUE"},
		{name: "no FREQ", start: start, rule: "BYDAY=MO", part: "BYDAY=MO", msg: "FREQ is required"},
		{name: "COUNT and UNTIL", start: start, rule: "FREQ=DAILY;COUNT=3;UNTIL=20270101", part: "FREQ=DAILY;COUNT=3;UNTIL=20270101", msg: "COUNT and UNTIL"},
		{name: "never matches: 30 February", start: start, rule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
			part: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", msg: "never matches"},
		{name: "never matches: every 7th day on a Tuesday from a Monday", start: start, rule: "FREQ=DAILY;INTERVAL=7;BYDAY=TU",
			part: "FREQ=DAILY;INTERVAL=7;BYDAY=TU", msg: "every day it visits is a Monday"},
		{name: "invalid start", start: DateTime{Date{2026, time.February, 30}, 9 * 60}, rule: "FREQ=DAILY", msg: "not a valid date"},
		{name: "zero start", rule: "FREQ=DAILY", msg: "not a valid date"},
		{name: "start at 24:00", start: DateTime{Date{2026, time.January, 5}, EndOfDay}, msg: "not a valid date"},
		{name: "start at 0001-01-01T00:00", start: DateTime{Date{1, time.January, 1}, Midnight}, rule: "FREQ=DAILY", msg: "out of range"},
		{name: "zone Local", start: start, zone: time.Local, rule: "FREQ=DAILY", msg: "\"Local\": it means the zone of the machine"},
		{name: "EXDATE in Local", start: start, rule: "FREQ=DAILY", exdates: []RecurrenceDate{{At: start, Zone: time.Local}}, msg: "\"Local\": it means the zone of the machine"},
		{name: "RDATE in Local", start: start, rdates: []RecurrenceDate{{At: start, Zone: time.Local}}, msg: "\"Local\": it means the zone of the machine"},
		{name: "date EXDATE at 09:00", start: start, rule: "FREQ=DAILY", exdates: []RecurrenceDate{{At: start, Date: true}}, msg: "a date has no time of day and no zone"},
		{name: "date RDATE at 00:01", start: start, rdates: []RecurrenceDate{{At: DateTime{start.Date, 1}, Date: true}}, msg: "a date has no time of day and no zone"},
		{name: "date EXDATE in UTC", start: start, exdates: []RecurrenceDate{{At: DateTime{start.Date, Midnight}, Date: true, Zone: time.UTC}}, msg: "a date has no time of day and no zone"},
		{name: "date RDATE in Berlin", start: start, rdates: []RecurrenceDate{{At: DateTime{start.Date, Midnight}, Date: true, Zone: berlin}}, msg: "a date has no time of day and no zone"},
		{name: "RDATE on 30 February", start: start, rdates: []RecurrenceDate{{At: DateTime{Date{2026, time.February, 30}, 9 * 60}}}, msg: "not a valid date and time"},
		{name: "zero EXDATE", start: start, rule: "FREQ=DAILY", exdates: []RecurrenceDate{{}}, msg: "not a valid date and time"},
		{name: "10,001 EXDATEs", start: start, rule: "FREQ=DAILY", exdates: many(10_001), msg: "more than 10000"},
		{name: "10,001 RDATEs", start: start, rdates: many(10_001), msg: "more than 10000"},
		{name: "5,000 EXDATEs and 5,001 RDATEs", start: start, rule: "FREQ=DAILY", exdates: many(5000), rdates: many(5001), msg: "more than 10000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRecurrence(tc.start, tc.zone, tc.rule, tc.exdates, tc.rdates)
			if err == nil {
				t.Fatalf("NewRecurrence = %s, want an error", r)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is a %T, want a *ParseError", err, err)
			}
			if pe.Func != "NewRecurrence" || pe.Input != tc.rule {
				t.Errorf("ParseError has Func %q and Input %q, want NewRecurrence and %q", pe.Func, pe.Input, tc.rule)
			}
			if pe.Part != tc.part {
				t.Errorf("Part = %q, want %q (error: %v)", pe.Part, tc.part, err)
			}
			if !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("Msg = %q, want it to contain %q", pe.Msg, tc.msg)
			}
			if !r.IsZero() {
				t.Errorf("NewRecurrence gives %s with its error, want the zero Recurrence", r)
			}
		})
	}
}

// newRecFirst returns the first count starts of the RRULE value rule from
// dtstart on dates up to hi, expanded by rrule-go alone (recReference),
// widening the dates it asks for until it has count of them or reaches hi.
func newRecFirst(t *rapid.T, rule string, dtstart DateTime, count int, hi Date) []DateTime {
	for days := 32; ; days *= 2 {
		end := dtstart.Date.AddDays(days)
		if !end.Before(hi) {
			end = hi
		}
		all := recReference(t, rule, dtstart, dtstart.Date, end)
		if len(all) >= count || end == hi {
			return all[:min(count, len(all))]
		}
	}
}

// newRecWithin returns the starts on dates from..to.
func newRecWithin(starts []DateTime, from, to Date) []string {
	var out []string
	for _, s := range starts {
		if !s.Date.Before(from) && !s.Date.After(to) {
			out = append(out, s.String())
		}
	}
	return out
}

func TestCountIsTheSameWhateverOrderWindowsAreAskedIn(t *testing.T) {
	// A COUNT is counted lazily, as far as the windows asked for need,
	// and what is counted is shared by copies: in whatever order windows
	// are asked for, of one value, of its copies or from several
	// goroutines at once, each gets the first COUNT starts of the rule
	// that are in it.
	rapid.Check(t, func(t *rapid.T) {
		rule := recDrawRule(t, false)
		count := rapid.IntRange(1, 200).Draw(t, "count")
		counted := rule + ";COUNT=" + strconv.Itoa(count)
		start := DateTime{recDrawDate(t, "start", 2020, 2026), Clock(rapid.IntRange(0, 1439).Draw(t, "startClock"))}
		r, err := ParseRecurrence(counted, start)
		if err != nil {
			recCheckParseError(t, counted, err)
			t.Skip("rule rejected:", err)
		}
		first, last := start.Date.AddDays(-30), start.Date.AddDays(3653)
		type window struct{ from, to Date }
		windows := make([]window, rapid.IntRange(3, 6).Draw(t, "windows"))
		hi := first
		for i := range windows {
			// Windows near the DTSTART, where a dense rule's COUNT ends, as
			// well as anywhere up to 10 years on.
			reach := rapid.SampledFrom([]int{60, 400, last.DaysSince(first)}).Draw(t, "reach")
			from := first.AddDays(rapid.IntRange(0, reach).Draw(t, "from"))
			span := rapid.SampledFrom([]int{7, 60, 3653}).Draw(t, "span")
			to := from.AddDays(rapid.IntRange(0, span).Draw(t, "days"))
			if to.After(last) {
				to = last
			}
			windows[i] = window{from, to}
			if to.After(hi) {
				hi = to
			}
		}
		indices := make([]int, len(windows))
		for i := range indices {
			indices[i] = i
		}
		ref := newRecFirst(t, rule, start, count, hi)
		want := make([][]string, len(windows))
		for i, w := range windows {
			want[i] = newRecWithin(ref, w.from, w.to)
		}
		ask := func(r Recurrence, i int) error {
			got, err := r.Starts(context.Background(), windows[i].from, windows[i].to, nil)
			if err != nil {
				return fmt.Errorf("%q from %s: Starts(%s, %s): %v", counted, start, windows[i].from, windows[i].to, err)
			}
			if diff := cmp.Diff(want[i], recStrings(got)); diff != "" {
				return fmt.Errorf("%q from %s, %s..%s (-first COUNT starts by rrule-go alone +Starts):\n%s",
					counted, start, windows[i].from, windows[i].to, diff)
			}
			return nil
		}

		// One value and its copies, one window after another, each asked
		// first by any of them.
		early := r // a copy made before anything is counted
		for _, i := range rapid.Permutation(indices).Draw(t, "order") {
			values := []Recurrence{r, early, r} // the last a copy made now
			for _, k := range rapid.Permutation([]int{0, 1, 2}).Draw(t, "asker") {
				if err := ask(values[k], i); err != nil {
					t.Fatal(err)
				}
			}
		}

		// A fresh value, from several goroutines at once, each asking in
		// its own order.
		fresh, err := ParseRecurrence(counted, start)
		if err != nil {
			t.Fatal(err)
		}
		const goroutines = 4
		orders := make([][]int, goroutines)
		for g := range orders {
			orders[g] = rapid.Permutation(indices).Draw(t, "concurrentOrder")
		}
		errs := make(chan error, goroutines)
		for g := range goroutines {
			go func() {
				v := fresh // each goroutine has its own copy, all sharing the count
				for _, i := range orders[g] {
					if err := ask(v, i); err != nil {
						errs <- err
						return
					}
				}
				errs <- nil
			}()
		}
		for range goroutines {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
	})
}

func TestCountEndingIn2100AnswersA2026WeekWithoutWalkingThere(t *testing.T) {
	// Each rule's COUNT-th start is on 2100-01-05.
	tests := []struct {
		rule string
		week []string // the starts on 2026-01-05..2026-01-11
		last []string // the starts in December 2099 and in 2100
	}{
		// 2100 is 74 years after 2026: the 75th year.
		{"FREQ=YEARLY;COUNT=75", []string{"2026-01-05T09:00"}, []string{"2100-01-05T09:00"}},
		// 74 years of 12 months, and one.
		{"FREQ=MONTHLY;COUNT=889", []string{"2026-01-05T09:00"}, []string{"2099-12-05T09:00", "2100-01-05T09:00"}},
		// 74 years of 365 days and the 18 leap days from 2028 to 2096 are
		// 27028 days after the DTSTART: the 27029th day.
		{"FREQ=DAILY;COUNT=27029", []string{"2026-01-05T09:00", "2026-01-06T09:00", "2026-01-07T09:00", "2026-01-08T09:00",
			"2026-01-09T09:00", "2026-01-10T09:00", "2026-01-11T09:00"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			r := recParse(t, tc.rule, "2026-01-05T09:00")
			copied := r
			if got := recStarts(t, r, "2026-01-05", "2026-01-11", nil); !slices.Equal(got, tc.week) {
				t.Errorf("Starts in the first week = %v, want %v", got, tc.week)
			}
			c := r.count
			if c.ended || c.through.Year != 2026 {
				t.Errorf("after a week of 2026, the count is %+v: it walked past 2026", c)
			}
			if got := recStarts(t, copied, "2101-01-01", "2101-12-31", nil); len(got) != 0 {
				t.Errorf("Starts in 2101 = %v, want none", got)
			}
			if !c.ended || c.end != MustParseDateTime("2100-01-05T09:00") {
				t.Errorf("after asking for 2101, the count is %+v, want it ended at 2100-01-05T09:00", c)
			}
			last := tc.last
			if last == nil {
				last = []string{"2099-12-01T09:00"}
				for d := MustParseDate("2099-12-02"); !d.After(MustParseDate("2100-01-05")); d = d.AddDays(1) {
					last = append(last, d.String()+"T09:00")
				}
			}
			if got := recStarts(t, r, "2099-12-01", "2100-12-31", nil); !slices.Equal(got, last) {
				t.Errorf("Starts from December 2099 to 2100 = %v, want %v", got, last)
			}
			if got := recStarts(t, r, "2026-01-05", "2026-01-11", nil); !slices.Equal(got, tc.week) {
				t.Errorf("Starts in the first week, asked again = %v, want %v", got, tc.week)
			}
		})
	}
}

// TestNewRecurrenceRefusesZonesATZIDCannotName: String must read back, so
// a zone that no TZID names (a fixed zone made in Go, Local) is refused
// rather than written as something else.
func TestNewRecurrenceRefusesZonesATZIDCannotName(t *testing.T) {
	start := MustParseDateTime("2026-01-05T09:00")
	for _, z := range []*time.Location{time.FixedZone("UTC+1", 3600), time.FixedZone("", 3600), time.FixedZone("UTC", 3600), time.Local,
		time.FixedZone("CET", 3600), time.FixedZone("Europe/Berlin", 0)} {
		if _, err := NewRecurrence(start, z, "FREQ=DAILY", nil, nil); err == nil || !strings.Contains(err.Error(), "zone") {
			t.Errorf("DTSTART in %q: %v, want an error about the zone", z, err)
		}
		ex := []RecurrenceDate{{At: start, Zone: z}}
		if _, err := NewRecurrence(start, nil, "FREQ=DAILY", ex, nil); err == nil || !strings.Contains(err.Error(), "EXDATE 2026-01-05T09:00: zone") {
			t.Errorf("EXDATE in %q: %v, want an error naming the EXDATE's zone", z, err)
		}
	}
	berlin := mustLoad(t, "Europe/Berlin")
	r, err := NewRecurrence(start, berlin, "FREQ=DAILY", nil, []RecurrenceDate{{At: start, Zone: mustLoad(t, "Asia/Tokyo")}})
	if err != nil {
		t.Fatal(err)
	}
	recCheckRoundTrip(t, r)
}

// TestWalkerHasTheSameStarts: the cheaper rule a COUNT walk uses gives
// the same starts as the rule itself, for the DAILY and WEEKLY rules it
// turns into YEARLY ones.
func TestWalkerHasTheSameStarts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		freq := rapid.SampledFrom([]string{"DAILY", "WEEKLY"}).Draw(t, "freq")
		rule := "FREQ=" + freq
		if freq == "WEEKLY" || rapid.Bool().Draw(t, "months") {
			rule += ";BYMONTH=" + recRange(1, 12)
			for range rapid.IntRange(0, 2).Draw(t, "moreMonths") {
				rule += "," + fmt.Sprint(rapid.IntRange(1, 12).Draw(t, "month"))
			}
		}
		if freq == "DAILY" && rapid.Bool().Draw(t, "monthDays") {
			rule += fmt.Sprintf(";BYMONTHDAY=%d", rapid.SampledFrom([]int{1, 13, 29, 30, 31, -1}).Draw(t, "monthDay"))
		}
		if rapid.Bool().Draw(t, "days") || freq == "DAILY" && !strings.Contains(rule, "BYMONTHDAY") {
			rule += ";BYDAY=" + rapid.SampledFrom([]string{"MO", "FR", "SA,SU", "TU,TH"}).Draw(t, "byday")
		}
		if rapid.Bool().Draw(t, "hours") {
			rule += ";BYHOUR=9,15"
		}
		start := DateTime{recDrawDate(t, "start", 2020, 2026), Clock(15 * rapid.IntRange(0, 95).Draw(t, "clock"))}
		r, err := ParseRecurrence(rule, start)
		if err != nil {
			t.Skip("rule rejected:", err)
		}
		rl := &r.rule
		w := rl.walker(start)
		if w == rl {
			t.Fatalf("%s is not turned into a yearly rule", rule)
		}
		lo := start.Date.AddDays(rapid.IntRange(0, 800).Draw(t, "lo"))
		hi := lo.AddDays(rapid.IntRange(0, 3000).Draw(t, "span"))
		collect := func(x *recRule) []DateTime {
			var out []DateTime
			if err := x.expand(start, lo, hi, func(dt DateTime) bool { out = append(out, dt); return len(out) < 5000 }); err != nil {
				t.Fatal(err)
			}
			return out
		}
		if diff := cmp.Diff(recStrings(collect(rl)), recStrings(collect(w))); diff != "" {
			t.Fatalf("%s from %s, %s..%s (-rule +walker):\n%s", rule, start, lo, hi, diff)
		}
	})
}
