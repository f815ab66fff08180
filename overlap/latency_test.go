package overlap

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

func TestHopNamed(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	berlin, sf, kolkata, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/Los_Angeles"), mustLoad(t, "Asia/Kolkata"), mustLoad(t, "America/New_York")
	ben := &calendar.Person{ID: "ben", Zone: berlin, Hours: hours}
	sofia := &calendar.Person{ID: "sofia", Zone: sf, Hours: hours}
	priya := &calendar.Person{ID: "priya", Zone: kolkata, Hours: hours}
	sam := &calendar.Person{ID: "sam", Zone: ny, Hours: hours, Holidays: []string{"US"}}
	for _, tc := range []struct {
		name     string
		from, to *calendar.Person
		at       time.Time
		reply    time.Duration
		want     time.Time
	}{
		// Friday 16:00 in Berlin is 07:00 in San Francisco: a 10-hour
		// reply takes Friday's 8 hours and 2 of Monday's.
		{"Berlin to San Francisco on a Friday afternoon", ben, sofia, time.Date(2026, 6, 5, 16, 0, 0, 0, berlin), 10 * time.Hour, time.Date(2026, 6, 8, 11, 0, 0, 0, sf)},
		// Sofia's reply is done at 13:00 Friday, 22:00 in Berlin: Ben
		// answers on Monday.
		{"the answer back to Berlin waits for Monday", sofia, ben, time.Date(2026, 6, 5, 13, 0, 0, 0, sf), 0, time.Date(2026, 6, 8, 13, 0, 0, 0, berlin)},
		// Monday 10:00 in Kolkata is 00:30 in New York, the day after the
		// US moved its clocks.
		{"Kolkata to New York", priya, sam, time.Date(2026, 3, 9, 10, 0, 0, 0, kolkata), 0, time.Date(2026, 3, 9, 13, 0, 0, 0, ny)},
		// Two hours on Thursday, then the observed Independence Day and
		// the weekend, then two on Monday.
		{"over a holiday", priya, sam, time.Date(2026, 7, 2, 15, 0, 0, 0, ny), 0, time.Date(2026, 7, 6, 11, 0, 0, 0, ny)},
		{"a reply that ends with the day lands at its end", ben, sam, time.Date(2026, 7, 6, 9, 0, 0, 0, ny), 8 * time.Hour, time.Date(2026, 7, 6, 17, 0, 0, 0, ny)},
	} {
		got, err := Hop(tc.from, tc.to, tc.at, tc.reply)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s: Hop(%s -> %s, %s) = %s, %v; want %s", tc.name, tc.from.ID, tc.to.ID, tc.at, got, err, tc.want)
		}
		if got.Location() != tc.to.Zone {
			t.Errorf("%s: result in %s, want %s", tc.name, got.Location(), tc.to.Zone)
		}
	}
}

func TestHopErrors(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	a := &calendar.Person{ID: "a", Zone: time.UTC, Hours: hours}
	never := &calendar.Person{ID: "never", Zone: time.UTC}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := Hop(a, never, at, 0); !errors.Is(err, ErrNoReply) || !strings.Contains(err.Error(), `"never"`) {
		t.Errorf("Hop to someone with no hours: %v, want ErrNoReply naming them", err)
	}
	if _, err := Hop(a, a, at, 100*366*24*time.Hour); !errors.Is(err, ErrNoReply) {
		t.Errorf("Hop with a century's reply: %v, want ErrNoReply", err)
	}
	if _, err := Hop(nil, a, at, 0); err == nil {
		t.Error("Hop from nil: no error")
	}
	if _, err := Hop(a, a, at, -time.Hour); err == nil {
		t.Error("Hop with a negative reply: no error")
	}
	if _, err := Hop(&calendar.Person{ID: "nozone"}, a, at, 0); err == nil {
		t.Error("Hop from a person with no zone: no error")
	}
	if _, err := Hop(a, &calendar.Person{ID: "nozone"}, at, 0); err == nil {
		t.Error("Hop to a person with no zone: no error")
	}
}

// TestHopLaws: a hop never ends before it starts, is monotone in its
// start, and lands in the recipient's free time or at the end of it.
func TestHopLaws(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		from, to := drawPerson(t, "a", window), drawPerson(t, "b", window)
		at := window.Start.Add(time.Duration(rapid.IntRange(0, 4*1440).Draw(t, "at")) * time.Minute)
		later := at.Add(time.Duration(rapid.IntRange(0, 3*1440).Draw(t, "later")) * time.Minute)
		reply := time.Duration(rapid.IntRange(1, 600).Draw(t, "reply")) * time.Minute
		end, err := Hop(&from, &to, at, reply)
		if errors.Is(err, ErrNoReply) {
			return // b is never free (a drawn focus block can cover all their hours)
		}
		if err != nil {
			t.Fatalf("Hop: %v", err)
		}
		end2, err := Hop(&from, &to, later, reply)
		if err != nil {
			t.Fatalf("Hop: %v", err)
		}
		if end.Before(at) || end2.Before(end) {
			t.Fatalf("Hop from %s ends %s; from %s, %s", at, end, later, end2)
		}
		free, err := to.Free(calendar.Interval{Start: at, End: end.Add(time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if free.Clip(calendar.Interval{Start: at, End: end}).Duration() != reply {
			t.Fatalf("free time from %s to %s is %s, want the reply's %s", at, end, free.Clip(calendar.Interval{Start: at, End: end}).Duration(), reply)
		}
		if !free.Contains(end.Add(-time.Nanosecond)) {
			t.Fatalf("Hop ends at %s, not in or at the end of free time %s", end, free)
		}
	})
}

func TestRoundTrips(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: mustLoad(t, "Europe/Berlin"), Hours: hours},
		{ID: "priya", Zone: mustLoad(t, "Asia/Kolkata"), Hours: hours},
		{ID: "sofia", Zone: mustLoad(t, "America/Los_Angeles"), Hours: hours},
	}
	window := weeks("2026-06-01", 1)
	r := mustCompute(t, team, window, Options{})
	at := time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC) // Tuesday
	trips := r.RoundTrips(0, at)
	if len(trips) != 6 {
		t.Fatalf("%d round trips, want 6", len(trips))
	}
	var worst time.Duration
	for i := range team {
		for j := range team {
			if i == j {
				continue
			}
			there, err := Hop(&team[i], &team[j], at, 0)
			if err != nil {
				t.Fatal(err)
			}
			back, err := Hop(&team[j], &team[i], there, 0)
			if err != nil {
				t.Fatal(err)
			}
			k := [2]string{team[i].ID, team[j].ID}
			if trips[k] != back.Sub(at) {
				t.Errorf("%v: %s, want %s", k, trips[k], back.Sub(at))
			}
			worst = max(worst, trips[k])
		}
	}
	got, pair, err := r.GroupRoundTrip(0, at)
	if err != nil || got != worst || trips[pair] != worst {
		t.Errorf("GroupRoundTrip = %s %v %v; want %s", got, pair, err, worst)
	}
	// Tuesday 12:00 UTC: Ben (14:00) to Sofia (05:00, replies by 13:00
	// PDT, 22:00 Berlin), back Wednesday by 13:00 Berlin: 23 hours.
	if d := trips[[2]string{"ben", "sofia"}]; d != 23*time.Hour {
		t.Errorf("ben -> sofia -> ben: %s, want 23h", d)
	}
}

// TestRoundTripsAmongIsRoundTripsRestricted: the group's round trips are
// the team's, for the pairs within the group.
func TestRoundTripsAmongIsRoundTripsRestricted(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: mustLoad(t, "Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: mustLoad(t, "America/New_York"), Hours: hours},
		{ID: "priya", Zone: mustLoad(t, "Asia/Kolkata"), Hours: hours},
	}
	start := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, calendar.Interval{Start: start, End: start.AddDate(0, 0, 14)}, Options{})
	all := r.RoundTrips(0, start.Add(10*time.Hour))
	group := r.RoundTripsAmong(0, start.Add(10*time.Hour), "sam", "ben", "nobody")
	want := map[[2]string]time.Duration{{"ben", "sam"}: all[[2]string{"ben", "sam"}], {"sam", "ben"}: all[[2]string{"sam", "ben"}]}
	if diff := cmp.Diff(want, group); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
