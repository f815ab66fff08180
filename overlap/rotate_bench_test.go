package overlap

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// zonedTeam returns n people, Mon-Fri 09:00-17:00 local, spread over the
// zones in turn.
func zonedTeam(tb testing.TB, n int, zones []string) []calendar.Person {
	team := make([]calendar.Person, n)
	for i := range team {
		team[i] = calendar.Person{ID: fmt.Sprintf("p%02d", i), Zone: mustLoad(tb, zones[i%len(zones)]),
			Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}
	}
	return team
}

// benchRotate rotates an hour's meeting of everyone once a week for
// weeks weeks, from Monday 2026-01-05.
func benchRotate(b *testing.B, team []calendar.Person, weeks int) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), team, benchWindow(from, 7*weeks), Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Zones round the world: someone's night is in every slot.
	q := Request{Duration: time.Hour, AllowNight: true}
	for _, p := range team {
		q.Required = append(q.Required, p.ID)
	}
	rot, err := r.Rotate(context.Background(), q, weeks)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("largest burden %s, spread %s, best effort %v", rot.Max, rot.Spread, rot.BestEffort)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Rotate(context.Background(), q, weeks); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRotate10People8Zones12Weeks: an ordinary team of ten in eight
// zones, a weekly meeting for a quarter.
func BenchmarkRotate10People8Zones12Weeks(b *testing.B) {
	benchRotate(b, zonedTeam(b, 10, roundTripZones), 12)
}

// BenchmarkRotate24People52Weeks: twenty-four people in the ten zones of
// the round-trip benchmarks, a weekly meeting for a year.
func BenchmarkRotate24People52Weeks(b *testing.B) {
	benchRotate(b, zonedTeam(b, 24, roundTripZones10), 52)
}

// TestRotateBigTeamIsBestEffort: a team too big for the exact search gets
// a rotation all the same, said to be best-effort, whose figures hold.
// (How long it takes is measured by the benchmarks above.)
func TestRotateBigTeamIsBestEffort(t *testing.T) {
	if testing.Short() {
		t.Skip("a large rotation")
	}
	team := zonedTeam(t, 16, roundTripZones10)
	from := calendar.MustParseDate("2026-01-05")
	window := benchWindow(from, 7*8)
	r := mustCompute(t, team, window, Options{})
	// Ten zones round the world: someone's night is in every slot.
	q := Request{Duration: time.Hour, AllowNight: true}
	for _, p := range team {
		q.Required = append(q.Required, p.ID)
	}
	rot, err := r.Rotate(context.Background(), q, 8)
	if err != nil {
		t.Fatal(err)
	}
	if !rot.BestEffort {
		t.Errorf("16 people over 8 weeks: not best-effort; the exact search was expected to overflow")
	}
	checkRotation(t, team, window, rot, q)
	// The small team of the other rotation tests stays exact.
	small := zonedTeam(t, 3, roundTripZones)
	q.Required = []string{"p00", "p01", "p02"}
	rot, err = mustCompute(t, small, window, Options{}).Rotate(context.Background(), q, 8)
	if err != nil || rot.BestEffort {
		t.Errorf("3 people over 8 weeks: best-effort %v, %v; want an exact search", rot.BestEffort, err)
	}
}
