package overlap

import (
	"fmt"
	"math/rand/v2"
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
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(team, window, Options{}); err != nil {
			b.Fatal(err)
		}
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
	r, err := Compute(benchTeam(b, n, from), benchWindow(from, days), Options{})
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
	r, err := Compute(benchTeam(b, n, from), benchWindow(from, days), Options{})
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
		r, err := Compute(team, window, Options{})
		if err != nil {
			b.Fatal(err)
		}
		modelCoverage(r)
	}
}

func TestModelCoverageCountsTheSegments(t *testing.T) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(benchTeam(t, 30, from), benchWindow(from, 14), Options{})
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
