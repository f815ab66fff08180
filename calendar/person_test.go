package calendar

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
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

func mustTimeline(t interface{ Fatalf(string, ...any) }, p *Person, w Interval) []Segment {
	segs, err := p.Timeline(w)
	if err != nil {
		t.Fatalf("Timeline(%s): %v", w, err)
	}
	return segs
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
		r, err := ParseRecurrence(f.Rule, f.Start)
		if err != nil {
			t.Fatalf("ParseRecurrence: %v", err)
		}
		occ, err := r.Occurrences(window, f.Duration, loc)
		if err != nil {
			t.Fatalf("Occurrences: %v", err)
		}
		focus = append(focus, occ)
	}
	var out []Segment
	for m := time.Duration(0); m < window.Duration(); m += time.Minute {
		at := window.Start.Add(m)
		kind, label := KindOffHours, ""
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
					kind, label, decided = KindFocus, p.Focus[i].Name, true
				}
			}
		}
		end := at.Add(time.Minute)
		if end.After(window.End) {
			end = window.End
		}
		if n := len(out); n > 0 && out[n-1].Kind == kind && out[n-1].Label == label {
			out[n-1].End = end
		} else {
			out = append(out, Segment{Interval{at, end}, kind, label})
		}
	}
	return out
}

// segmentText writes segments as comparable text.
func segmentText(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = fmt.Sprintf("%s %s %s %q", s.Start.UTC().Format(time.RFC3339), s.End.UTC().Format(time.RFC3339), s.Kind, s.Label)
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
				if prev.Kind == s.Kind && prev.Label == s.Label {
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
		free, err := p.Free(window)
		if err != nil {
			t.Fatal(err)
		}
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
		before, err := p.Free(window)
		if err != nil {
			t.Fatal(err)
		}
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
		after, err := q.Free(window)
		if err != nil {
			t.Fatal(err)
		}
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
		free, err := bare.Free(window)
		if err != nil {
			t.Fatal(err)
		}
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
			if joined[i-1].Kind == joined[i].Kind && joined[i-1].Label == joined[i].Label && joined[i-1].End.Equal(joined[i].Start) {
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
			segs, err := tc.p.Timeline(tc.window)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, kinds(segs, tc.p.Zone)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestPersonErrors(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	w := day(t, "2026-03-09", 1, ny)
	tests := []struct {
		name string
		p    Person
		want string
	}{
		{"no zone", Person{ID: "a"}, `person "a": no zone`},
		{"unknown holiday code", Person{ID: "a", Zone: ny, Holidays: []string{"XX"}}, `"XX"`},
		{"time off backwards", Person{ID: "a", Zone: ny, TimeOff: []TimeOff{{MustParseDate("2026-03-10"), MustParseDate("2026-03-09"), ""}}}, "2026-03-10 to 2026-03-09"},
		{"focus without name", Person{ID: "a", Zone: ny, Focus: []FocusBlock{{Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour}}}, "no name"},
		{"focus name twice", Person{ID: "a", Zone: ny, Focus: []FocusBlock{
			{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour},
			{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T11:00"), Duration: time.Hour}}}, `"x" is used twice`},
		{"focus without duration", Person{ID: "a", Zone: ny, Focus: []FocusBlock{{Name: "x", Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00")}}}, "duration 0s"},
		{"hourly focus", Person{ID: "a", Zone: ny, Focus: []FocusBlock{{Name: "x", Rule: "FREQ=HOURLY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Hour}}}, "FREQ=HOURLY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.p.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want an error containing %s", err, tc.want)
			}
			if _, terr := tc.p.Timeline(w); terr == nil || terr.Error() != err.Error() {
				t.Errorf("Timeline error %v, Validate error %v", terr, err)
			}
		})
	}
}

func TestSegmentString(t *testing.T) {
	iv := Interval{time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 11, 0, 0, 0, time.UTC)}
	if got, want := (Segment{iv, KindFocus, "deep work"}).String(), "[2026-03-09T09:00:00Z, 2026-03-09T11:00:00Z) focus: deep work"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := (Segment{iv, KindFree, ""}).String(), "[2026-03-09T09:00:00Z, 2026-03-09T11:00:00Z) free"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestTimelineWindowLimit(t *testing.T) {
	p := Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 09:00-10:00")}
	_, err := p.Timeline(Interval{time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "longer than 1000 years") {
		t.Errorf("Timeline over 1100 years: %v", err)
	}
	bad := Person{ID: "b", Zone: time.UTC, Holidays: []string{"US"}, HolidayDates: 7}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "holiday dates") {
		t.Errorf("Validate with HolidayDates 7: %v", err)
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
	if _, err := Kind(-1).MarshalText(); err == nil {
		t.Error("Kind(-1).MarshalText() did not fail")
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
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Timeline(year); err != nil {
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
