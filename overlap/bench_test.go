package overlap

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"slices"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// benchZones are 24 zones, one or more for each hour of offset that
// people live in, the hard ones among them.
var benchZones = []string{
	"Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
	"America/Chicago", "America/New_York", "America/Santiago", "America/Sao_Paulo",
	"Atlantic/Azores", "Europe/London", "Europe/Berlin", "Africa/Casablanca",
	"Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata",
	"Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Singapore",
	"Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland",
}

var benchHolidays = []string{"US", "GB", "DE-BY", "BR", "JP", "AU-NSW"}

var benchHours = []string{
	"Mon-Fri 09:00-17:00",
	"Mon-Fri 08:00-12:00,13:00-17:00",
	"Mon-Thu 10:00-18:30; Fri 10:00-14:00",
	"Sun-Thu 09:00-18:00",
	"Mon-Fri 22:00-06:00",
}

// benchTeam generates n people over the benchmark zones, each with hours,
// two focus rules, a holiday calendar and a week or two off, the same for
// the same n.
func benchTeam(tb testing.TB, n int, from calendar.Date) []calendar.Person {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	team := make([]calendar.Person, n)
	for i := range team {
		loc, err := time.LoadLocation(benchZones[i%len(benchZones)])
		if err != nil {
			tb.Fatal(err)
		}
		off := from.AddDays(rng.IntN(80))
		team[i] = calendar.Person{
			ID:       fmt.Sprintf("p%05d", i),
			Zone:     loc,
			Hours:    calendar.MustParseWeeklyHours(benchHours[rng.IntN(len(benchHours))]),
			Holidays: []string{benchHolidays[i%len(benchHolidays)]},
			TimeOff:  []calendar.TimeOff{{From: off, To: off.AddDays(4 + rng.IntN(10)), Reason: "vacation"}},
			Focus: []calendar.FocusBlock{
				{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TU,TH", Start: calendar.DateTime{Date: calendar.MustParseDate("2025-01-07"), Clock: calendar.Clock(540 + 30*rng.IntN(6))}, Duration: 2 * time.Hour, Hard: rng.IntN(2) == 0},
				{Name: "planning", Rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", Start: calendar.DateTime{Date: calendar.MustParseDate("2025-01-06"), Clock: 600}, Duration: time.Hour},
			},
		}
	}
	return team
}

func benchWindow(from calendar.Date, days int) calendar.Interval {
	return calendar.Interval{Start: calendar.Wall(from, 0, time.UTC), End: calendar.Wall(from.AddDays(days), 0, time.UTC)}
}

func benchCompute(b *testing.B, n, days int) {
	from := calendar.MustParseDate("2026-01-05")
	team := benchTeam(b, n, from)
	window := benchWindow(from, days)
	// The peak of one call from a clean heap, the report kept: the
	// loop's calls leave their reports to the collector, and a later
	// call's peak would count them.
	peak := heapPeak()
	r, err := Compute(context.Background(), team, window, Options{})
	if err != nil {
		b.Fatal(err)
	}
	mib := float64(peak()) / (1 << 20)
	runtime.KeepAlive(r)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(context.Background(), team, window, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(mib, "peak-MiB")
}

// heapPeak samples the heap's live and not yet collected objects every
// millisecond until the returned function is called, which returns the
// most seen above what there was at the start: the peak that a call in
// between needed (the team and the runtime's own not counted).
func heapPeak() func() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	done, out := make(chan struct{}), make(chan uint64)
	go func() {
		var most uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			most = max(most, read())
			select {
			case <-done:
				out <- most - min(most, base)
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-out
	}
}

func BenchmarkCompute100x90(b *testing.B)      { benchCompute(b, 100, 90) }
func BenchmarkCompute1000x90(b *testing.B)     { benchCompute(b, 1000, 90) }
func BenchmarkCompute10000x365(b *testing.B)   { benchCompute(b, 10000, 365) }
func BenchmarkSweep1000x90(b *testing.B)       { benchSweep(b, 1000, 90) }
func BenchmarkSweep10000x365(b *testing.B)     { benchSweep(b, 10000, 365) }
func BenchmarkModelSweep100x90(b *testing.B)   { benchModel(b, 100, 90) }
func BenchmarkSweep100x90(b *testing.B)        { benchSweep(b, 100, 90) }
func BenchmarkModelCompute100x90(b *testing.B) { benchModelCompute(b, 100, 90) }

// benchSweep times the part of Compute after the timelines exist.
func benchSweep(b *testing.B, n, days int) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), benchTeam(b, n, from), benchWindow(from, days), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r.cuts, r.counts, r.toggles, r.toggleAt = nil, nil, nil, nil
		r.sweep()
	}
}

// modelCoverage is the minute-bitmap model of the coverage, from the
// members' free time: a bit per person per minute, then the minutes
// grouped into runs with the same people free.
func modelCoverage(r *Report) int {
	minutes := int(r.length / int64(time.Minute))
	bits := make([][]bool, len(r.people))
	for i, m := range r.people {
		bits[i] = make([]bool, minutes)
		for _, s := range m.free {
			for k := s.start / int64(time.Minute); k < s.end/int64(time.Minute); k++ {
				bits[i][k] = true
			}
		}
	}
	segments := 0
	for k := range minutes {
		same := k > 0
		for i := range bits {
			if k > 0 && bits[i][k] != bits[i][k-1] {
				same = false
				break
			}
		}
		if !same {
			segments++
		}
	}
	return segments
}

func benchModel(b *testing.B, n, days int) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), benchTeam(b, n, from), benchWindow(from, days), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		modelCoverage(r)
	}
}

// benchModelCompute is Compute with the model in place of the sweep: the
// same timelines, then the minute bitmap.
func benchModelCompute(b *testing.B, n, days int) {
	from := calendar.MustParseDate("2026-01-05")
	team := benchTeam(b, n, from)
	window := benchWindow(from, days)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Compute(context.Background(), team, window, Options{})
		if err != nil {
			b.Fatal(err)
		}
		modelCoverage(r)
	}
}

func TestModelCoverageCountsTheSegments(t *testing.T) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), benchTeam(t, 30, from), benchWindow(from, 14), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range r.Coverage() {
		n++
	}
	if got := modelCoverage(r); got != n {
		t.Fatalf("model counts %d segments, Coverage has %d", got, n)
	}
}

// roundTripZones are eight zones around the world, for the round-trip
// benchmarks; roundTripZones10 adds two.
var (
	roundTripZones   = []string{"America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"}
	roundTripZones10 = append(slices.Clone(roundTripZones), "Asia/Singapore", "Pacific/Auckland")
)

// focusTeam returns a person in each zone, Mon-Fri 09:00-17:00 local,
// each with one soft focus block of the rule, from start, lasting d.
func focusTeam(tb testing.TB, zones []string, rule string, start calendar.DateTime, d time.Duration) []calendar.Person {
	team := make([]calendar.Person, len(zones))
	for i, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			tb.Fatal(err)
		}
		team[i] = calendar.Person{
			ID: fmt.Sprintf("p%d", i), Zone: loc, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
			Focus: []calendar.FocusBlock{{Name: "focus", Rule: rule, Start: start, Duration: d}},
		}
	}
	return team
}

func benchRoundTrips(b *testing.B, team []calendar.Person, window calendar.Interval, at time.Time) {
	r, err := Compute(context.Background(), team, window, Options{})
	if err != nil {
		b.Fatal(err)
	}
	trips, err := r.RoundTrips(context.Background(), 0, at)
	if err != nil {
		b.Fatal(err)
	}
	if want := len(team) * (len(team) - 1); len(trips) != want {
		b.Fatalf("%d round trips, want %d", len(trips), want)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.RoundTrips(context.Background(), 0, at); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRoundTrips8CountRule: eight people in eight zones, each with a
// weekly focus block counted out to 20000 occurrences, over two weeks
// from Mon 2026-03-09; every round trip ends inside the window.
func BenchmarkRoundTrips8CountRule(b *testing.B) {
	team := focusTeam(b, roundTripZones, "FREQ=WEEKLY;BYDAY=TU;COUNT=20000", calendar.MustParseDateTime("2026-01-06T10:00"), 2*time.Hour)
	benchRoundTrips(b, team, benchWindow(calendar.MustParseDate("2026-03-09"), 14), time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
}

// BenchmarkRoundTrips8CountRuleBeyondWindow is BenchmarkRoundTrips8CountRule
// on a report of the hour from the question on: the round trips are read
// from the compiled schedules (FreeFrom), the count rule and all.
func BenchmarkRoundTrips8CountRuleBeyondWindow(b *testing.B) {
	team := focusTeam(b, roundTripZones, "FREQ=WEEKLY;BYDAY=TU;COUNT=20000", calendar.MustParseDateTime("2026-01-06T10:00"), 2*time.Hour)
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	benchRoundTrips(b, team, calendar.Interval{Start: at, End: at.Add(time.Hour)}, at)
}

// BenchmarkFactsLikeRoundTrips10SparseCount: ten people whose focus rule
// matches only a Monday the 29th of February (2044 is the next), counted
// to 50000, as the policy package's facts ask: the round trips of the
// whole team over two weeks from Mon 2026-03-09.
func BenchmarkFactsLikeRoundTrips10SparseCount(b *testing.B) {
	team := focusTeam(b, roundTripZones10, "FREQ=DAILY;COUNT=50000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", calendar.MustParseDateTime("2026-01-05T09:00"), time.Hour)
	benchRoundTrips(b, team, benchWindow(calendar.MustParseDate("2026-03-09"), 14), time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC))
}
