package calendar

import (
	"context"
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
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprint("zone", i)) {
			case 0:
				again, err := time.LoadLocation(loc.String())
				if err != nil {
					t.Fatal(err)
				}
				p.Zone = again
			case 1:
				// A fixed zone that takes the name of the real one.
				p.Zone = time.FixedZone(loc.String(), 3600*rapid.IntRange(-12, 12).Draw(t, fmt.Sprint("offset", i)))
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
