package calendar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// drawPerson draws a person in a hard zone with random hours (night shifts
// included), holidays, time off, focus blocks and busy time around window.
func drawPerson(t *rapid.T, loc *time.Location, window Interval) Person {
	p := Person{ID: "p", Zone: loc, Hours: drawHours(t, false)}
	p.Holidays = rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"US", "DE-BY", "GB", "BR", "CH-ZH", "NZ"}), 0, 2, rapid.ID[string]).Draw(t, "holidays")
	if rapid.Bool().Draw(t, "actual") {
		p.HolidayDates = Actual
	}
	start := DateOf(window.Start.In(loc))
	for i := range rapid.IntRange(0, 2).Draw(t, "timeOff") {
		from := start.AddDays(rapid.IntRange(-2, 5).Draw(t, fmt.Sprint("offFrom", i)))
		p.TimeOff = append(p.TimeOff, TimeOff{From: from, To: from.AddDays(rapid.IntRange(0, 2).Draw(t, fmt.Sprint("offDays", i))), Reason: fmt.Sprint("leave ", i)})
	}
	days := []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
	for i := range rapid.IntRange(0, 2).Draw(t, "focus") {
		rule := "FREQ=DAILY"
		if rapid.Bool().Draw(t, fmt.Sprint("weekly", i)) {
			rule = "FREQ=WEEKLY;BYDAY=" + strings.Join(rapid.SliceOfNDistinct(rapid.SampledFrom(days), 1, 3, rapid.ID[string]).Draw(t, fmt.Sprint("byday", i)), ",")
		}
		p.Focus = append(p.Focus, FocusBlock{
			Name:     fmt.Sprint("focus ", i),
			Rule:     rule,
			Start:    DateTime{start.AddDays(-rapid.IntRange(0, 400).Draw(t, fmt.Sprint("age", i))), Clock(15 * rapid.IntRange(0, 95).Draw(t, fmt.Sprint("at", i)))},
			Duration: time.Duration(15*rapid.IntRange(1, 16).Draw(t, fmt.Sprint("len", i))) * time.Minute,
			Hard:     rapid.Bool().Draw(t, fmt.Sprint("hard", i)),
		})
	}
	var busy []Interval
	for i := range rapid.IntRange(0, 3).Draw(t, "busy") {
		s := window.Start.Add(time.Duration(rapid.IntRange(-600, 6*1440).Draw(t, fmt.Sprint("busyAt", i))) * time.Minute)
		busy = append(busy, Interval{s, s.Add(time.Duration(rapid.IntRange(1, 240).Draw(t, fmt.Sprint("busyLen", i))) * time.Minute)})
	}
	p.Busy = NewSet(busy...)
	return p
}

// mustCompile compiles p, failing t if it cannot.
func mustCompile(t interface{ Fatalf(string, ...any) }, p Person) *Schedule {
	s, err := Compile(context.Background(), p)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s
}

func mustTimeline(t interface{ Fatalf(string, ...any) }, p *Person, w Interval) []Segment {
	segs, err := mustCompile(t, *p).Timeline(context.Background(), w)
	if err != nil {
		t.Fatalf("Timeline(%s): %v", w, err)
	}
	return segs
}

func mustFree(t interface{ Fatalf(string, ...any) }, p Person, w Interval) Set {
	free, err := mustCompile(t, p).Free(context.Background(), w)
	if err != nil {
		t.Fatalf("Free(%s): %v", w, err)
	}
	return free
}

// focusModel lists the occurrences of a focus block drawn by drawPerson
// (FREQ=DAILY, or FREQ=WEEKLY;BYDAY=...) that may reach window, built
// without the code under test: one block a matching date from the
// DTSTART's date on, at the DTSTART's wall clock, placed with bruteWall.
func focusModel(t *rapid.T, f FocusBlock, loc *time.Location, window Interval) []Interval {
	days := map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
		"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}
	var on []time.Weekday
	switch byday, weekly := strings.CutPrefix(f.Rule, "FREQ=WEEKLY;BYDAY="); {
	case weekly:
		for _, d := range strings.Split(byday, ",") {
			on = append(on, days[d])
		}
	case f.Rule == "FREQ=DAILY":
		on = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	default:
		t.Fatalf("focusModel: rule %q is not one drawPerson draws", f.Rule)
	}
	var out []Interval
	first := DateOf(window.Start.In(loc)).AddDays(-2)
	last := DateOf(window.End.In(loc)).AddDays(1)
	for d := first; !d.After(last); d = d.AddDays(1) {
		if d.Before(f.Start.Date) || !slices.Contains(on, d.Weekday()) {
			continue
		}
		at := bruteWall(d, f.Start.Clock, loc)
		out = append(out, Interval{at, at.Add(f.Duration)})
	}
	return out
}

// timelineModel is the brute-force model of a timeline: each minute of the
// window gets its kind by the rules, checked one by one.
func timelineModel(t *rapid.T, p *Person, window Interval) []Segment {
	loc := p.Zone
	first, last := DateOf(window.Start.In(loc)).AddDays(-2), DateOf(window.End.In(loc))
	type span struct {
		day Date
		iv  Interval
	}
	var spans []span
	for d := first; !d.After(last); d = d.AddDays(1) {
		for _, sp := range p.Hours.Spans(d.Weekday()) {
			end := d
			if sp.Overnight() {
				end = d.AddDays(1)
			}
			spans = append(spans, span{d, Interval{bruteWall(d, sp.From, loc), bruteWall(end, sp.To, loc)}})
		}
	}
	hols, err := Holidays(p.Holidays, first, last, p.HolidayDates)
	if err != nil {
		t.Fatalf("Holidays: %v", err)
	}
	holiday := func(d Date) (string, bool) {
		var names []string
		for _, h := range hols {
			if h.Date == d && !slices.Contains(names, h.Name) {
				names = append(names, h.Name)
			}
		}
		return strings.Join(names, ", "), len(names) > 0
	}
	timeOff := func(d Date) (string, bool) {
		for _, off := range p.TimeOff {
			if !d.Before(off.From) && !d.After(off.To) {
				return off.Reason, true
			}
		}
		return "", false
	}
	var focus [][]Interval
	for _, f := range p.Focus {
		focus = append(focus, focusModel(t, f, loc, window))
	}
	// Each local day, midnight to midnight, for what lies under off-hours.
	var days []Date
	var midnights []time.Time
	for d := first; !d.After(last.AddDays(1)); d = d.AddDays(1) {
		days, midnights = append(days, d), append(midnights, bruteWall(d, 0, loc))
	}
	dayOf := func(at time.Time) (Date, bool) {
		for i := range len(days) - 1 {
			if !at.Before(midnights[i]) && at.Before(midnights[i+1]) {
				return days[i], true
			}
		}
		return Date{}, false
	}
	var out []Segment
	for m := time.Duration(0); m < window.Duration(); m += time.Minute {
		at := window.Start.Add(m)
		kind, label, hard := KindOffHours, "", false
		var in []Date
		for _, s := range spans {
			if s.iv.Contains(at) {
				in = append(in, s.day)
			}
		}
		if len(in) > 0 {
			kind = KindFree
		}
		decided := len(in) == 0
		for _, d := range in {
			if name, ok := holiday(d); ok && !decided {
				kind, label, decided = KindHoliday, name, true
			}
		}
		for _, d := range in {
			if reason, ok := timeOff(d); ok && !decided {
				kind, label, decided = KindTimeOff, reason, true
			}
		}
		if !decided && p.Busy.Contains(at) {
			kind, decided = KindBusy, true
		}
		for i, occ := range focus {
			for _, iv := range occ {
				if !decided && iv.Contains(at) {
					kind, label, hard, decided = KindFocus, p.Focus[i].Name, p.Focus[i].Hard, true
				}
			}
		}
		under := KindOffHours
		if kind == KindOffHours {
			day, ok := dayOf(at)
			if name, hol := holiday(day); ok && hol {
				under, label = KindHoliday, name
			} else if reason, off := timeOff(day); ok && off {
				under, label = KindTimeOff, reason
			} else if p.Busy.Contains(at) {
				under = KindBusy
			}
		}
		end := at.Add(time.Minute)
		if end.After(window.End) {
			end = window.End
		}
		if n := len(out); n > 0 && out[n-1].Kind == kind && out[n-1].Label == label && out[n-1].Hard == hard && out[n-1].Under == under {
			out[n-1].End = end
		} else {
			out = append(out, Segment{Interval{at, end}, kind, label, hard, under})
		}
	}
	return out
}

// segmentText writes segments as comparable text.
func segmentText(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = fmt.Sprintf("%s %s %s %q hard=%v under=%s", s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339), s.Kind, s.Label, s.Hard, s.Under)
	}
	return out
}

func TestTimelineMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		got := mustTimeline(t, &p, window)
		if diff := cmp.Diff(segmentText(timelineModel(t, &p, window)), segmentText(got)); diff != "" {
			t.Fatalf("timeline of %+v over %s differs from the model (-want +got):\n%s", p, window, diff)
		}
	})
}

func TestTimelineCoversTheWindowExactly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		segs := mustTimeline(t, &p, window)
		if window.IsEmpty() {
			if len(segs) != 0 {
				t.Fatalf("empty window gave %d segments", len(segs))
			}
			return
		}
		if len(segs) == 0 || !segs[0].Start.Equal(window.Start) || !segs[len(segs)-1].End.Equal(window.End) {
			t.Fatalf("segments %v do not span %s", segmentText(segs), window)
		}
		for i, s := range segs {
			if s.IsEmpty() {
				t.Fatalf("segment %d is empty: %v", i, segmentText(segs))
			}
			if i > 0 {
				prev := segs[i-1]
				if !prev.End.Equal(s.Start) {
					t.Fatalf("gap or overlap between segments %d and %d: %v", i-1, i, segmentText(segs))
				}
				if prev.Kind == s.Kind && prev.Label == s.Label && prev.Hard == s.Hard && prev.Under == s.Under {
					t.Fatalf("segments %d and %d are alike and not merged: %v", i-1, i, segmentText(segs))
				}
			}
		}
	})
}

func TestFreeIsWithinWorkingHours(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		free := mustFree(t, p, window)
		if extra := free.Subtract(p.Hours.Working(window, loc)); !extra.IsEmpty() {
			t.Fatalf("free time %s outside working hours", extra)
		}
	})
}

// TestTakingTimeNeverAddsFreeTime: a focus block, a busy event, a holiday
// calendar or time off can only take free time away.
func TestTakingTimeNeverAddsFreeTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		before := mustFree(t, p, window)
		q := p
		q.Focus = slices.Clone(p.Focus)
		q.TimeOff = slices.Clone(p.TimeOff)
		q.Holidays = slices.Clone(p.Holidays)
		switch rapid.IntRange(0, 3).Draw(t, "add") {
		case 0:
			q.Focus = append(q.Focus, FocusBlock{Name: "added", Rule: "FREQ=DAILY", Start: DateTimeOf(window.Start.In(loc)), Duration: 2 * time.Hour})
		case 1:
			at := window.Start.Add(time.Duration(rapid.IntRange(0, 5*1440).Draw(t, "busyAt")) * time.Minute)
			q.Busy = q.Busy.Union(NewSet(Interval{at, at.Add(90 * time.Minute)}))
		case 2:
			q.Holidays = append(q.Holidays, rapid.SampledFrom([]string{"JP", "FR", "SE", "AU-NSW"}).Draw(t, "calendar"))
		case 3:
			d := DateOf(window.Start.In(loc)).AddDays(rapid.IntRange(-1, 5).Draw(t, "offDay"))
			q.TimeOff = append(q.TimeOff, TimeOff{From: d, To: d, Reason: "added"})
		}
		after := mustFree(t, q, window)
		if extra := after.Subtract(before); !extra.IsEmpty() {
			t.Fatalf("taking time added free time %s", extra)
		}
	})
}

func TestWithNothingTakenFreeIsWorkingHours(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		bare := Person{ID: p.ID, Zone: p.Zone, Hours: p.Hours}
		free := mustFree(t, bare, window)
		if want := p.Hours.Working(window, loc); !free.Equal(want) {
			t.Fatalf("free %s, working hours %s", free, want)
		}
	})
}

// TestTimelineSplitJoins: the timeline of [a,c) is that of [a,b) followed
// by that of [b,c), for any b.
func TestTimelineSplitJoins(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		at := window.Start.Add(time.Duration(rapid.Int64Range(0, int64(window.Duration())).Draw(t, "split")))
		whole := mustTimeline(t, &p, window)
		joined := append(mustTimeline(t, &p, Interval{window.Start, at}), mustTimeline(t, &p, Interval{at, window.End})...)
		// Join the two segments that meet at the split when they are alike.
		for i := 1; i < len(joined); i++ {
			if joined[i-1].Kind == joined[i].Kind && joined[i-1].Label == joined[i].Label && joined[i-1].Hard == joined[i].Hard && joined[i-1].Under == joined[i].Under && joined[i-1].End.Equal(joined[i].Start) {
				joined[i-1].End = joined[i].End
				joined = slices.Delete(joined, i, i+1)
				i--
			}
		}
		if diff := cmp.Diff(segmentText(whole), segmentText(joined)); diff != "" {
			t.Fatalf("split at %s (-whole +joined):\n%s", at, diff)
		}
	})
}

// TestTimelineIgnoresTheViewersZone: neither time.Local nor the Location
// of the window's ends changes anything.
func TestTimelineIgnoresTheViewersZone(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		time.Local = time.UTC
		want := segmentText(mustTimeline(t, &p, window))
		viewer := drawZone(t)
		time.Local = mustLoad(t, "Asia/Tokyo")
		got := segmentText(mustTimeline(t, &p, window.In(viewer)))
		time.Local = time.UTC
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("seen from %s under TZ=Asia/Tokyo (-want +got):\n%s", viewer, diff)
		}
	})
}

// day returns the window of civil date s in loc.
func day(t *testing.T, s string, n int, loc *time.Location) Interval {
	t.Helper()
	d := MustParseDate(s)
	return Interval{Wall(d, Midnight, loc), Wall(d.AddDays(n), Midnight, loc)}
}

// kinds returns, for each segment that is not off-hours, "local-start
// local-end kind label".
func kinds(segs []Segment, loc *time.Location) []string {
	var out []string
	for _, s := range segs {
		if s.Kind == KindOffHours {
			continue
		}
		out = append(out, fmt.Sprintf("%s-%s %s %s", s.Start.In(loc).Format("01-02 15:04"), s.End.In(loc).Format("01-02 15:04"), s.Kind, s.Label))
	}
	return out
}

func TestTimelineNamedCases(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	berlin := mustLoad(t, "Europe/Berlin")
	tokyo := mustLoad(t, "Asia/Tokyo")
	tests := []struct {
		name   string
		p      Person
		window Interval
		want   []string
	}{
		{
			name:   "US observed: Friday 07-03 is off for the Saturday 07-04",
			p:      Person{ID: "us", Zone: ny, Hours: MustParseWeeklyHours("Mon-Sat 09:00-17:00"), Holidays: []string{"US"}},
			window: day(t, "2026-07-03", 2, ny),
			want:   []string{"07-03 09:00-07-03 17:00 holiday Independence Day", "07-04 09:00-07-04 17:00 free "},
		},
		{
			name:   "US actual: Saturday 07-04 is off",
			p:      Person{ID: "us", Zone: ny, Hours: MustParseWeeklyHours("Mon-Sat 09:00-17:00"), Holidays: []string{"us"}, HolidayDates: Actual},
			window: day(t, "2026-07-03", 2, ny),
			want:   []string{"07-03 09:00-07-03 17:00 free ", "07-04 09:00-07-04 17:00 holiday Independence Day"},
		},
		{
			name:   "US New Year 2022 observed on 2021-12-31",
			p:      Person{ID: "us", Zone: ny, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"US"}},
			window: day(t, "2021-12-31", 1, ny),
			want:   []string{"12-31 09:00-12-31 17:00 holiday New Year's Day"},
		},
		{
			name:   "seen from Tokyo, New York's holiday stays on New York's date",
			p:      Person{ID: "us", Zone: ny, Hours: MustParseWeeklyHours("Mon-Sat 09:00-17:00"), Holidays: []string{"US"}},
			window: day(t, "2026-07-03", 2, tokyo), // New York's 07-02 11:00 to 07-04 11:00
			want: []string{
				"07-02 11:00-07-02 17:00 free ",
				"07-03 09:00-07-03 17:00 holiday Independence Day",
				"07-04 09:00-07-04 11:00 free ",
			},
		},
		{
			name:   "DE-BY has Epiphany off",
			p:      Person{ID: "by", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"DE-BY"}},
			window: day(t, "2026-01-06", 1, berlin),
			want:   []string{"01-06 09:00-01-06 17:00 holiday Heilige Drei Könige"},
		},
		{
			name:   "DE-BE works on Epiphany",
			p:      Person{ID: "be", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"DE-BE"}},
			window: day(t, "2026-01-06", 1, berlin),
			want:   []string{"01-06 09:00-01-06 17:00 free "},
		},
		{
			name:   "a night shift starting the evening before a holiday is worked, one starting on it is not",
			p:      Person{ID: "night", Zone: ny, Hours: MustParseWeeklyHours("Mon-Fri 22:00-06:00"), Holidays: []string{"US"}},
			window: day(t, "2026-07-02", 3, ny),
			want: []string{
				"07-02 00:00-07-02 06:00 free ", // the tail of Wednesday's shift
				"07-02 22:00-07-03 06:00 free ",
				"07-03 22:00-07-04 06:00 holiday Independence Day",
			},
		},
		{
			name: "time off, busy and focus in order",
			p: Person{
				ID: "ana", Zone: ny, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
				TimeOff: []TimeOff{{MustParseDate("2026-03-10"), MustParseDate("2026-03-10"), "dentist"}},
				Focus: []FocusBlock{{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=MO,WE", Start: MustParseDateTime("2026-01-05T09:00"),
					Duration: 2 * time.Hour, Hard: true}},
				Busy: NewSet(Interval{time.Date(2026, 3, 9, 14, 30, 0, 0, time.UTC), time.Date(2026, 3, 9, 15, 30, 0, 0, time.UTC)}),
			},
			window: day(t, "2026-03-09", 3, ny),
			want: []string{
				"03-09 09:00-03-09 10:30 focus deep work", // the busy event cuts it short
				"03-09 10:30-03-09 11:30 busy ",
				"03-09 11:30-03-09 17:00 free ",
				"03-10 09:00-03-10 17:00 time-off dentist",
				"03-11 09:00-03-11 11:00 focus deep work",
				"03-11 11:00-03-11 17:00 free ",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			segs := mustTimeline(t, &tc.p, tc.window)
			if diff := cmp.Diff(tc.want, kinds(segs, tc.p.Zone)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	hours := MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	daily, err := ParseRecurrence("FREQ=DAILY", MustParseDateTime("2026-01-01T09:00"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		p    Person
		want string
	}{
		{"no zone", Person{ID: "a", Hours: hours}, `calendar.Compile: person "a": no zone`},
		{"Local", Person{ID: "a", Zone: time.Local, Hours: hours}, `person "a": zone: unknown time zone "Local": it means the zone of the machine`},
		{"no hours", Person{ID: "a", Zone: ny}, `person "a": no working hours: give Hours, or set NoHours`},
		{"NoHours with hours", Person{ID: "a", Zone: ny, Hours: hours, NoHours: true}, `NoHours is set, but Hours are "Mon-Fri 09:00-17:00"`},
		{"named by name", Person{Name: "Ana", Zone: ny}, `person "Ana": no working hours`},
		{"unknown holiday code", Person{ID: "a", Zone: ny, Hours: hours, Holidays: []string{"XX"}}, `holidays: unknown holiday calendar "XX"`},
		{"holiday dates", Person{ID: "a", Zone: ny, Hours: hours, HolidayDates: 7}, "holiday dates: invalid value 7"},
		{"time off backwards", Person{ID: "a", Zone: ny, Hours: hours, TimeOff: []TimeOff{{MustParseDate("2026-03-10"), MustParseDate("2026-03-09"), ""}}}, "time off 1: 2026-03-10 to 2026-03-09"},
		{"focus without name", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{{Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour}}}, "focus block 1 has no name"},
		{"focus name twice", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{
			{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour},
			{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T11:00"), Duration: time.Hour}}}, `focus block name "x" is used twice`},
		{"focus without duration", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00")}}}, `focus block "x": duration 0s`},
		{"hourly focus", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{{Name: "x", Rule: "FREQ=HOURLY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour}}}, `focus block "x": calendar.ParseRecurrence("FREQ=HOURLY")`},
		{"rule and recurrence", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{{Name: "x", Rule: "FREQ=DAILY", Recurrence: daily, Duration: time.Hour}}}, `focus block "x": give a Rule or a Recurrence, not both`},
		{"neither rule nor recurrence", Person{ID: "a", Zone: ny, Hours: hours, Focus: []FocusBlock{{Name: "x", Duration: time.Hour}}}, `focus block "x": calendar.ParseRecurrence("")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile(context.Background(), tc.p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Compile(context.Background(), ) = %v, %v; want an error containing %s", s, err, tc.want)
			}
		})
	}
}

// TestNoHoursIsNeverFree: a person with no working hours on purpose is
// off-hours all the time, and FreeFrom gives up on them within a year.
func TestNoHoursIsNeverFree(t *testing.T) {
	s := mustCompile(t, Person{ID: "a", Zone: time.UTC, NoHours: true})
	w := Interval{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC)}
	segs, err := s.Timeline(context.Background(), w)
	if err != nil || len(segs) != 1 || segs[0].Kind != KindOffHours || segs[0].Interval != w.In(time.UTC) {
		t.Fatalf("Timeline = %v, %v; want one off-hours segment", segs, err)
	}
	for iv, err := range s.FreeFrom(context.Background(), w.Start) {
		if !errors.Is(err, ErrNoFreeTime) || !strings.Contains(err.Error(), `calendar.Schedule.FreeFrom: person "a"`) {
			t.Fatalf("FreeFrom gave %v, %v; want an error wrapping ErrNoFreeTime", iv, err)
		}
	}
}

func TestSegmentString(t *testing.T) {
	iv := Interval{time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 11, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		s    Segment
		want string
	}{
		{Segment{iv, KindFocus, "deep work", true, KindOffHours}, "[2026-03-09T09:00:00Z, 2026-03-09T11:00:00Z) focus: deep work (hard)"},
		{Segment{iv, KindFocus, "reading", false, KindOffHours}, "[2026-03-09T09:00:00Z, 2026-03-09T11:00:00Z) focus: reading"},
		{Segment{iv, KindFree, "", false, KindOffHours}, "[2026-03-09T09:00:00Z, 2026-03-09T11:00:00Z) free"},
	} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		if got := fmt.Sprintf("%+v", tc.s); got != tc.want {
			t.Errorf("%%+v = %q, want %q", got, tc.want)
		}
	}
}

func TestTimelineWindowLimit(t *testing.T) {
	s := mustCompile(t, Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 09:00-10:00")})
	for _, from := range []int{1000, 1890} {
		_, err := s.Timeline(context.Background(), Interval{time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err == nil || !strings.Contains(err.Error(), `calendar.Schedule.Timeline: person "a": window`) || !strings.Contains(err.Error(), "longer than 200 years") {
			t.Errorf("Timeline from %d to 2100: %v", from, err)
		}
	}
	// 199 years is within the limit.
	if _, err := s.Timeline(context.Background(), Interval{time.Date(1901, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Errorf("Timeline over 199 years: %v", err)
	}
}

func TestKindText(t *testing.T) {
	for k := KindOffHours; k <= KindFree; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("Kind %v: round trip gave %v, %v", k, back, err)
		}
	}
	if _, err := ParseKind("lunch"); err == nil || !strings.Contains(err.Error(), `"lunch"`) {
		t.Errorf("ParseKind(lunch) = %v", err)
	}
	if got := Kind(42).String(); got != "Kind(42)" {
		t.Errorf("Kind(42).String() = %q", got)
	}
	if _, err := Kind(200).MarshalText(); err == nil {
		t.Error("Kind(200).MarshalText() did not fail")
	}
}

func BenchmarkTimelineYear(b *testing.B) {
	berlin := mustLoad(b, "Europe/Berlin")
	p := Person{
		ID: "ben", Zone: berlin,
		Hours:    MustParseWeeklyHours("Mon-Fri 09:00-12:00,13:00-17:00"),
		Holidays: []string{"DE-BY"},
		TimeOff:  []TimeOff{{MustParseDate("2026-08-03"), MustParseDate("2026-08-14"), "summer"}},
		Focus: []FocusBlock{
			{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TU,TH", Start: MustParseDateTime("2026-01-06T09:00"), Duration: 2 * time.Hour, Hard: true},
			{Name: "review", Rule: "FREQ=WEEKLY;BYDAY=FR", Start: MustParseDateTime("2026-01-09T14:00"), Duration: 90 * time.Minute},
		},
	}
	year := Interval{Wall(MustParseDate("2026-01-01"), Midnight, berlin), Wall(MustParseDate("2027-01-01"), Midnight, berlin)}
	s := mustCompile(b, p)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Timeline(context.Background(), year); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTimelineUnderMachineZones runs the timeline tests again in processes
// whose zone (TZ) is UTC and Asia/Tokyo: a person's days are their own,
// whatever the machine's zone.
func TestTimelineUnderMachineZones(t *testing.T) {
	if os.Getenv("TZPLAN_TZ_CHILD") != "" {
		t.Skip("in a child process")
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no test executable:", err)
	}
	for _, tz := range []string{"UTC", "Asia/Tokyo"} {
		cmd := exec.Command(exe, "-test.run=^(TestTimelineMatchesModel|TestTimelineNamedCases|TestTimelineIgnoresTheViewersZone)$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TZ="+tz, "TZPLAN_TZ_CHILD=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("TZ=%s: %v\n%s", tz, err, out)
		}
	}
}

// TestScheduleIsUnaffectedByLaterChangesToThePerson: a Schedule keeps its
// own copy of the person; changing the caller's slices afterwards changes
// nothing.
func TestScheduleIsUnaffectedByLaterChangesToThePerson(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		p.Holidays = append(p.Holidays, "US")
		p.TimeOff = append(p.TimeOff, TimeOff{From: DateOf(window.Start.In(loc)), To: DateOf(window.Start.In(loc)), Reason: "leave"})
		p.Focus = append(p.Focus, FocusBlock{Name: "late", Rule: "FREQ=DAILY", Start: DateTimeOf(window.Start.In(loc)), Duration: time.Hour})
		s := mustCompile(t, p)
		want, err := s.Timeline(context.Background(), window)
		if err != nil {
			t.Fatal(err)
		}
		p.Holidays[len(p.Holidays)-1] = "JP"
		p.TimeOff[len(p.TimeOff)-1] = TimeOff{From: Date{2000, 1, 1}, To: Date{2100, 1, 1}, Reason: "changed"}
		p.Focus[len(p.Focus)-1] = FocusBlock{Name: "late", Rule: "FREQ=WEEKLY;BYDAY=SU", Start: DateTime{Date{2000, 1, 1}, 0}, Duration: 24 * time.Hour}
		got, err := s.Timeline(context.Background(), window)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(segmentText(want), segmentText(got)); diff != "" {
			t.Fatalf("the timeline changed with the person (-before +after):\n%s", diff)
		}
	})
}

// TestFreeFromIsFree: the free time FreeFrom walks is the free time of the
// timeline, whatever its steps: joined, it equals Free over the same span.
func TestFreeFromIsFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		window := drawWindow(t, loc)
		p := drawPerson(t, loc, window)
		s := mustCompile(t, p)
		horizon := window.Start.Add(time.Duration(rapid.IntRange(1, 80).Draw(t, "days")) * 24 * time.Hour)
		var b SetBuilder
		var last Interval
		for iv, err := range s.FreeFrom(context.Background(), window.Start) {
			if errors.Is(err, ErrNoFreeTime) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if iv.IsEmpty() || iv.Start.Before(window.Start) || (!last.IsEmpty() && iv.Start.Before(last.End)) {
				t.Fatalf("interval %s after %s: empty, before the start or out of order", iv, last)
			}
			if last.End.Equal(iv.Start) && last.Duration() < freeStep {
				t.Fatalf("%s and %s touch and were not merged", last, iv)
			}
			last = iv
			b.Add(iv)
			if !iv.Start.Before(horizon) {
				break
			}
		}
		want, err := s.Free(context.Background(), Interval{window.Start, horizon})
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Set().Clip(Interval{window.Start, horizon}); !got.Equal(want) {
			t.Fatalf("FreeFrom to %s gave %s, Free gives %s", horizon, got, want)
		}
	})
}

// TestFreeFromAroundTheClock: free time that never ends comes in pieces
// of four weeks or more, touching, so the walk moves on.
func TestFreeFromAroundTheClock(t *testing.T) {
	s := mustCompile(t, Person{ID: "always", Zone: mustLoad(t, "Europe/Berlin"), Hours: MustParseWeeklyHours("Mon-Sun 00:00-24:00")})
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var got []Interval
	for iv, err := range s.FreeFrom(context.Background(), from) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, iv)
		if len(got) == 3 {
			break
		}
	}
	for i, iv := range got {
		if iv.Duration() < freeStep || i > 0 && !got[i-1].End.Equal(iv.Start) || i == 0 && !iv.Start.Equal(from) {
			t.Fatalf("pieces %v: want touching pieces of at least 4 weeks from %s", got, from)
		}
	}
}

func TestIntervalSetSegmentJSON(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	a := Interval{time.Date(2026, 3, 9, 9, 0, 0, 0, berlin), time.Date(2026, 3, 9, 10, 30, 0, 0, berlin)}
	b, err := json.Marshal(a)
	if want := `{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z"}`; err != nil || string(b) != want {
		t.Errorf("Interval JSON = %s, %v; want %s", b, err, want)
	}
	set := NewSet(a, Interval{a.End.Add(time.Hour), a.End.Add(2 * time.Hour)})
	b, err = json.Marshal(set)
	if want := `[{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z"},{"start":"2026-03-09T10:30:00Z","end":"2026-03-09T11:30:00Z"}]`; err != nil || string(b) != want {
		t.Errorf("Set JSON = %s, %v; want %s", b, err, want)
	}
	var back Set
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(set) {
		t.Errorf("Set round trip: %s, %v", back, err)
	}
	if b, _ := json.Marshal(Set{}); string(b) != "[]" {
		t.Errorf("empty Set JSON = %s, want []", b)
	}
	seg := Segment{a, KindFocus, "deep work", true, KindOffHours}
	b, err = json.Marshal(seg)
	if want := `{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z","kind":"focus","label":"deep work","hard":true}`; err != nil || string(b) != want {
		t.Errorf("Segment JSON = %s, %v; want %s", b, err, want)
	}
	var sb Segment
	if err := json.Unmarshal(b, &sb); err != nil || !sb.Start.Equal(seg.Start) || !sb.End.Equal(seg.End) || sb.Kind != seg.Kind || sb.Label != seg.Label || !sb.Hard {
		t.Errorf("Segment round trip: %+v, %v", sb, err)
	}
	for _, bad := range []string{
		`{"start":"2026-03-09T08:00:00Z"}`, `{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:00:00Z","x":1}`,
		`{"start":"2026-03-09 08:00","end":"2026-03-09T09:00:00Z"}`, `[]`,
	} {
		var iv Interval
		if err := json.Unmarshal([]byte(bad), &iv); err == nil {
			t.Errorf("Interval from %s: no error", bad)
		}
	}
	if err := json.Unmarshal([]byte(`[{"start":"2026-03-09T10:00:00Z","end":"2026-03-09T09:00:00Z"}]`), &back); err == nil || !strings.Contains(err.Error(), "ends before it starts") {
		t.Errorf("Set with a backwards interval: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"start":"2026-03-09T10:00:00Z","end":"2026-03-09T11:00:00Z","kind":"lunch"}`), &sb); err == nil {
		t.Errorf("Segment of kind lunch: no error")
	}
	// What lies under off-hours time is written only when there is some.
	evening := Segment{a, KindOffHours, "Good Friday", false, KindHoliday}
	b, err = json.Marshal(evening)
	if want := `{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z","kind":"off-hours","label":"Good Friday","hard":false,"under":"holiday"}`; err != nil || string(b) != want {
		t.Errorf("Segment JSON = %s, %v; want %s", b, err, want)
	}
	if err := json.Unmarshal(b, &sb); err != nil || sb.Under != KindHoliday || sb.Label != "Good Friday" || sb.Kind != KindOffHours {
		t.Errorf("Segment round trip: %+v, %v", sb, err)
	}
	for _, bad := range []string{
		`{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z","kind":"free","label":"","hard":false,"under":"busy"}`,
		`{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z","kind":"off-hours","label":"","hard":false,"under":"focus"}`,
		`{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T09:30:00Z","kind":"off-hours","label":"","hard":false,"under":"lunch"}`,
	} {
		if err := json.Unmarshal([]byte(bad), &sb); err == nil {
			t.Errorf("Segment from %s: no error", bad)
		}
	}
	if got, want := evening.String(), "[2026-03-09T09:00:00+01:00, 2026-03-09T10:30:00+01:00) off-hours under holiday: Good Friday"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestDaysAndWeek(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	santiago := mustLoad(t, "America/Santiago")
	for _, tc := range []struct {
		name        string
		got         Interval
		start, end  string // RFC 3339, worked by hand from the zones' rules
		wantElapsed time.Duration
	}{
		{"New York spring forward", Days(MustParseDate("2026-03-08"), MustParseDate("2026-03-08"), ny), "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", 23 * time.Hour},
		{"New York fall back", Days(MustParseDate("2026-11-01"), MustParseDate("2026-11-01"), ny), "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", 25 * time.Hour},
		// Santiago springs forward at 00:00 on 2026-09-06: that day starts at 01:00 -03.
		{"Santiago midnight gap", Days(MustParseDate("2026-09-06"), MustParseDate("2026-09-06"), santiago), "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z", 23 * time.Hour},
		{"a week in UTC", Week(time.Date(2026, 3, 15, 23, 59, 0, 0, time.UTC), nil), "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z", 7 * 24 * time.Hour},
		// Sunday 23:30 in New York is Monday in UTC: the week is New York's.
		{"a week seen from New York", Week(time.Date(2026, 3, 16, 3, 30, 0, 0, time.UTC), ny), "2026-03-09T04:00:00Z", "2026-03-16T04:00:00Z", 7 * 24 * time.Hour},
		{"backwards", Days(MustParseDate("2026-03-09"), MustParseDate("2026-03-08"), ny), "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0},
	} {
		start, _ := time.Parse(time.RFC3339, tc.start)
		end, _ := time.Parse(time.RFC3339, tc.end)
		if !tc.got.Start.Equal(start) || !tc.got.End.Equal(end) || tc.got.Duration() != tc.wantElapsed {
			t.Errorf("%s: %s (%s), want [%s, %s) (%s)", tc.name, tc.got, tc.got.Duration(), tc.start, tc.end, tc.wantElapsed)
		}
	}
}

// TestZeroScheduleIsAnError: a Schedule not made by Compile answers with
// an error, not a panic.
func TestZeroScheduleIsAnError(t *testing.T) {
	var s Schedule
	w := Interval{time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}
	if _, err := s.Timeline(context.Background(), w); err == nil || !strings.Contains(err.Error(), "calendar.Schedule.Timeline: not compiled") {
		t.Errorf("Timeline: %v", err)
	}
	if _, err := s.Free(context.Background(), w); err == nil || !strings.Contains(err.Error(), "calendar.Schedule.Free: not compiled") {
		t.Errorf("Free: %v", err)
	}
	for _, err := range s.FreeFrom(context.Background(), w.Start) {
		if err == nil || !strings.Contains(err.Error(), "calendar.Schedule.FreeFrom: not compiled") {
			t.Errorf("FreeFrom: %v", err)
		}
	}
}

// TestFreeFromRangedConcurrently: one sequence ranged over from several
// goroutines at once gives each the same intervals (run with -race).
func TestFreeFromRangedConcurrently(t *testing.T) {
	s := mustCompile(t, Person{ID: "a", Zone: mustLoad(t, "Asia/Kolkata"), Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00")})
	seq := s.FreeFrom(context.Background(), time.Date(2026, 3, 9, 12, 34, 56, 789, time.UTC))
	collect := func() []Interval {
		var out []Interval
		for iv, err := range seq {
			if err != nil {
				t.Error(err)
				return nil
			}
			if out = append(out, iv); len(out) == 10 {
				break
			}
		}
		return out
	}
	want := collect()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := collect(); !slices.EqualFunc(want, got, func(a, b Interval) bool { return a.Start.Equal(b.Start) && a.End.Equal(b.End) }) {
				t.Errorf("another goroutine got %v, want %v", got, want)
			}
		}()
	}
	wg.Wait()
}

type holidaySourceFunc func(ctx context.Context, from, to Date) ([]Holiday, error)

func (f holidaySourceFunc) Holidays(ctx context.Context, from, to Date) ([]Holiday, error) {
	return f(ctx, from, to)
}

// A holiday source's days are holidays, its errors name the calendar,
// and its panics come back as errors.
func TestHolidaySources(t *testing.T) {
	week := Days(MustParseDate("2026-03-09"), MustParseDate("2026-03-15"), time.UTC)
	day := MustParseDate("2026-03-10")
	for _, c := range []struct {
		src  HolidaySource
		want string // the label of Tuesday 12:00, or the error
	}{
		{holidaySourceFunc(func(ctx context.Context, from, to Date) ([]Holiday, error) {
			return []Holiday{{Date: day, Name: "Founders' day"}, {Date: MustParseDate("2030-01-01"), Name: "outside"}}, nil
		}), "Founders' day"},
		{holidaySourceFunc(func(ctx context.Context, from, to Date) ([]Holiday, error) { return nil, errors.New("gone") }),
			`person "a": holiday calendar "co.ics": gone`},
		{holidaySourceFunc(func(ctx context.Context, from, to Date) ([]Holiday, error) { panic("boom") }),
			`holiday calendar "co.ics": source panicked: "boom"`},
	} {
		p := Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"), HolidayCalendars: []string{"co.ics"}, HolidaySources: []HolidaySource{c.src}}
		s, err := Compile(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := s.Timeline(context.Background(), week)
		got := ""
		if err != nil {
			got = err.Error()
		}
		for _, sg := range segs {
			if sg.Contains(Wall(day, MustParseClock("12:00"), time.UTC)) && sg.Kind == KindHoliday {
				got = sg.Label
			}
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// Schedule.Holidays lists what the timeline takes as holidays, each with
// where it comes from: in Berlin (DE-BE) in May 2026, Labour Day (05-01,
// a working day for this person: gone), Ascension Day (05-14) and Whit
// Monday (05-25) by the code; a company day (05-04) of their own; the
// holiday source's 05-20.
func TestScheduleHolidays(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	src := holidaySourceFunc(func(ctx context.Context, from, to Date) ([]Holiday, error) {
		return []Holiday{{Date: MustParseDate("2026-05-20"), Name: "Anniversary", Code: "co.ics"}}, nil
	})
	p := Person{ID: "ben", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"DE-BE"},
		WorkingDays: []Date{MustParseDate("2026-05-01")}, DaysOff: []DayOff{{Date: MustParseDate("2026-05-04"), Name: "Company day"}},
		HolidaySources: []HolidaySource{src}}
	s, err := Compile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := s.Holidays(context.Background(), MustParseDate("2026-05-01"), MustParseDate("2026-05-31"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, h.Date.String()+" "+h.Code)
	}
	want := []string{"2026-05-04 ", "2026-05-14 DE-BE", "2026-05-20 co.ics", "2026-05-25 DE-BE"}
	if !slices.Equal(got, want) {
		t.Errorf("holidays %v, want %v (%v)", got, want, hs)
	}
	if _, err := (&Schedule{}).Holidays(context.Background(), MustParseDate("2026-05-01"), MustParseDate("2026-05-31")); err == nil {
		t.Error("the zero Schedule's holidays: no error")
	}
}
