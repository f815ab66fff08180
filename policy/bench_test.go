package policy

import (
	"context"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// sparseZones are ten zones, one a person, from UTC-10 to UTC+11.
var sparseZones = []string{
	"Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "Europe/London",
	"Europe/Berlin", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
}

// sparseTeam returns ten people in ten zones, Mon-Fri 09:00-17:00, each
// with a focus block whose rule has a large COUNT but almost never
// matches: a Monday the 29th of February (the next is in 2044), so that
// finding its occurrences must not mean walking the count. It also
// returns their IDs and the week of Mon 2026-03-09 (UTC).
func sparseTeam(b *testing.B) ([]calendar.Person, []string, calendar.Interval) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	var people []calendar.Person
	var ids []string
	for i, name := range sparseZones {
		id := names[i]
		ids = append(ids, id)
		people = append(people, calendar.Person{
			ID: id, Zone: zone(b, name), Hours: hours,
			Focus: []calendar.FocusBlock{{
				Name:     "deep work",
				Rule:     "FREQ=DAILY;COUNT=50000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
				Start:    calendar.MustParseDateTime("2026-01-05T09:00"),
				Duration: time.Hour,
			}},
		})
	}
	return people, ids, week(calendar.MustParseDate("2026-03-09"), 1)
}

// sparseNow is Tue 2026-03-10 09:00 UTC.
var sparseNow = utc(10, 9, 0)

// BenchmarkFactsFromSparseCount measures FactsFrom alone (the round trips
// among ten people included) on a report computed once. It used to take
// 22 s; the target is under 100 ms.
func BenchmarkFactsFromSparseCount(b *testing.B) {
	people, ids, window := sparseTeam(b)
	r, err := overlap.Compute(context.Background(), people, window, overlap.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := Default()
	b.ReportAllocs()
	for b.Loop() {
		f, err := FactsFrom(context.Background(), r, ids, sparseNow, p)
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Participants) != len(ids) {
			b.Fatalf("facts about %v, want %v", f.Participants, ids)
		}
	}
}

// BenchmarkComputeAndFactsFromSparseCount measures the whole cost: the
// overlap report, then the facts.
func BenchmarkComputeAndFactsFromSparseCount(b *testing.B) {
	people, ids, window := sparseTeam(b)
	p := Default()
	b.ReportAllocs()
	for b.Loop() {
		r, err := overlap.Compute(context.Background(), people, window, overlap.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := FactsFrom(context.Background(), r, ids, sparseNow, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFactsFromSparseCountPastWindow is BenchmarkFactsFromSparseCount
// on Fri 2026-03-13 20:00 UTC, when most replies come after the report's
// window ends, so that the round trips read the compiled schedules (and
// their focus rule) beyond it.
func BenchmarkFactsFromSparseCountPastWindow(b *testing.B) {
	people, ids, window := sparseTeam(b)
	r, err := overlap.Compute(context.Background(), people, window, overlap.Options{})
	if err != nil {
		b.Fatal(err)
	}
	p := Default()
	at := utc(13, 20, 0)
	b.ReportAllocs()
	for b.Loop() {
		f, err := FactsFrom(context.Background(), r, ids, at, p)
		if err != nil {
			b.Fatal(err)
		}
		if !f.Now.Add(f.RoundTrip).After(window.End) {
			b.Fatalf("the slowest round trip (%s) ends inside the window", f.RoundTrip)
		}
	}
}
