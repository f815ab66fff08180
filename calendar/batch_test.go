package calendar

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestBatchIsCompileAndTimeline: a team's timelines through one Batch, run
// concurrently, are those of Compile and Schedule.Timeline one by one,
// also when people share rules and zones (each loaded on its own, so that
// their Locations differ), and when a zone made in Go takes the name of
// another over the window.
func TestBatchIsCompileAndTimeline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawWindow(t, loc)
		base := drawPerson(t, loc, w)
		var team []Person
		for i := range rapid.IntRange(1, 6).Draw(t, "people") {
			p := base
			p.ID = fmt.Sprint("p", i)
			switch rapid.IntRange(0, 3).Draw(t, fmt.Sprint("zone", i)) {
			case 0:
				again, err := time.LoadLocation(loc.String())
				if err != nil {
					t.Fatal(err)
				}
				p.Zone = again
			case 1:
				// A fixed zone that takes the name of the real one.
				p.Zone = time.FixedZone(loc.String(), 3600*rapid.IntRange(-12, 12).Draw(t, fmt.Sprint("offset", i)))
			case 2:
				// Another zone, where floating focus rules share their
				// wall starts.
				p.Zone = drawZone(t)
			}
			if rapid.Bool().Draw(t, fmt.Sprint("own", i)) {
				p = drawPerson(t, p.Zone, w)
				p.ID = fmt.Sprint("p", i)
			}
			team = append(team, p)
		}
		b := NewBatch()
		got := make([][]Segment, len(team))
		errs := make([]error, len(team))
		var wg sync.WaitGroup
		for i, p := range team {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := b.Compile(context.Background(), p)
				if err != nil {
					errs[i] = err
					return
				}
				got[i], errs[i] = b.Timeline(context.Background(), s, w)
			}()
		}
		wg.Wait()
		for i, p := range team {
			s, err := Compile(context.Background(), p)
			if err != nil {
				if errs[i] == nil || errs[i].Error() != err.Error() {
					t.Fatalf("%s: Compile: %v; through the Batch: %v", p.ID, err, errs[i])
				}
				continue
			}
			want, err := s.Timeline(context.Background(), w)
			if (err != nil) != (errs[i] != nil) {
				t.Fatalf("%s: Timeline: %v; through the Batch: %v", p.ID, err, errs[i])
			}
			if diff := cmp.Diff(want, got[i], cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Fatalf("%s in %s: through the Batch (-want +got):\n%s", p.ID, p.Zone, diff)
			}
		}
	})
}

// TestHoursKey: weekly hours have the same key when they are the same
// hours, however written, and different keys otherwise.
func TestHoursKey(t *testing.T) {
	same := [][2]string{
		{"Mon-Fri 09:00-17:00", "Mon,Tue,Wed,Thu,Fri 09:00-17:00"},
		{"Mon 09:00-12:00,13:00-17:00", "Mon 13:00-17:00,09:00-12:00"},
		{"Mon-Fri 22:00-06:00", "Mon-Fri 22:00-06:00"},
	}
	for _, c := range same {
		if a, b := MustParseWeeklyHours(c[0]).key(), MustParseWeeklyHours(c[1]).key(); a != b {
			t.Errorf("%q and %q: keys differ", c[0], c[1])
		}
	}
	all := []string{"Mon 09:00-17:00", "Tue 09:00-17:00", "Mon 09:00-17:01", "Mon 09:00-24:00", "Mon 00:00-24:00", "Mon 09:00-12:00,13:00-17:00", "Mon-Fri 22:00-06:00", "Sun 22:00-06:00"}
	seen := map[string]string{}
	for _, h := range all {
		k := MustParseWeeklyHours(h).key()
		if prev, ok := seen[k]; ok {
			t.Errorf("%q and %q have one key", prev, h)
		}
		seen[k] = h
	}
}

// TestBatchKeepsEachPersonsCountBudget: a rule with a COUNT is counted on
// each person's own budget, through a Batch as without one, whoever
// asked first: B's two rules from 1900 and 1950 need more than 150 years
// of counting, though A counted the first already.
func TestBatchKeepsEachPersonsCountBudget(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithLimits(context.Background(), Limits{CountWalkYearsTotal: 150})
	w := Interval{Start: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)}
	r1 := FocusBlock{Name: "r1", Rule: "FREQ=WEEKLY;COUNT=50000", Start: MustParseDateTime("1900-01-01T09:00"), Duration: time.Hour}
	r2 := FocusBlock{Name: "r2", Rule: "FREQ=WEEKLY;COUNT=50000", Start: MustParseDateTime("1950-01-01T14:00"), Duration: time.Hour}
	hours := MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	a := Person{ID: "a", Zone: berlin, Hours: hours, Focus: []FocusBlock{r1}}
	b := Person{ID: "b", Zone: berlin, Hours: hours, Focus: []FocusBlock{r1, r2}}
	alone, err := Compile(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alone.Timeline(ctx, w); !errors.Is(err, ErrLimit) {
		t.Fatalf("B alone: %v, want the budget's error", err)
	}
	batch := NewBatch()
	for _, p := range []Person{a, b} {
		s, err := batch.Compile(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		_, err = batch.Timeline(ctx, s, w)
		if want := p.ID == "b"; errors.Is(err, ErrLimit) != want {
			t.Errorf("%s through the Batch after A: %v; want the budget's error: %v", p.ID, err, want)
		}
	}
}

// TestBatchHonoursEachCallsLimits: a Batch asked again with a lower limit
// on occurrences fails as Timeline does, though it has the answer.
func TestBatchHonoursEachCallsLimits(t *testing.T) {
	p := Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Focus: []FocusBlock{{Name: "daily", Rule: "FREQ=DAILY", Start: MustParseDateTime("2024-01-01T09:00"), Duration: time.Hour}}}
	w := Interval{Start: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)}
	b := NewBatch()
	s, err := b.Compile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Timeline(context.Background(), s, w); err != nil {
		t.Fatal(err)
	}
	few := WithLimits(context.Background(), Limits{Occurrences: 3})
	if _, err := b.Timeline(few, s, w); !errors.Is(err, ErrTooManyOccurrences) {
		t.Errorf("with a limit of 3 occurrences: %v, want ErrTooManyOccurrences", err)
	}
}

// TestBatchTellsFarWindowsApart: two windows 2^64 nanoseconds apart (as
// their UnixNano would not tell) get their own answers.
func TestBatchTellsFarWindowsApart(t *testing.T) {
	p := Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00")}
	w1 := Interval{Start: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)}
	quarter := time.Duration(1 << 62) // 2^64 ns, a quarter at a time
	shift := func(t time.Time) time.Time { return t.Add(quarter).Add(quarter).Add(quarter).Add(quarter) }
	w2 := Interval{Start: shift(w1.Start), End: shift(w1.End)}
	b := NewBatch()
	s, err := b.Compile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Timeline(context.Background(), s, w1); err != nil {
		t.Fatal(err)
	}
	got, err := b.Timeline(context.Background(), s, w2)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Timeline(context.Background(), w2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("the far window through the Batch (-want +got):\n%s", diff)
	}
}

// TestDraftSpansAreTheTimelines: the spans a draft gives for any choice of
// kinds and hardness are those of its timeline drawn (whose segments the
// timeline model checks), merged where they touch.
func TestDraftSpansAreTheTimelines(t *testing.T) {
	kinds := []Kind{KindOffHours, KindHoliday, KindTimeOff, KindBusy, KindFocus, KindFree}
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawWindow(t, loc)
		p := drawPerson(t, loc, w)
		b := NewBatch()
		s, err := b.Compile(context.Background(), p)
		if err != nil {
			t.Skip(err)
		}
		d, err := b.Draft(context.Background(), s, w)
		if err != nil {
			t.Skip(err)
		}
		chosen := map[[2]any]bool{}
		for _, k := range kinds {
			for _, hard := range []bool{false, true} {
				chosen[[2]any{k, hard}] = rapid.Bool().Draw(t, fmt.Sprint(k, hard))
			}
		}
		where := func(k Kind, hard bool) bool { return chosen[[2]any{k, hard}] }
		segs, err := b.Timeline(context.Background(), s, w)
		if err != nil {
			t.Fatal(err)
		}
		var want [][2]int64
		for _, sg := range segs {
			if !where(sg.Kind, sg.Hard) {
				continue
			}
			from, to := int64(sg.Start.Sub(w.Start)), int64(sg.End.Sub(w.Start))
			if n := len(want); n > 0 && want[n-1][1] == from {
				want[n-1][1] = to
			} else {
				want = append(want, [2]int64{from, to})
			}
		}
		var got [][2]int64
		for from, to := range d.Spans(where) {
			got = append(got, [2]int64{from, to})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("spans (-drawn +draft):\n%s", diff)
		}
		// A caller that stops early gets what it took, and no more.
		if len(want) > 1 {
			n := 0
			for range d.Spans(where) {
				if n++; n == 1 {
					break
				}
			}
		}
	})
}
