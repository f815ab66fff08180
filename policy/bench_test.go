package policy

import (
	"context"
	"fmt"
	"slices"
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

// auditCompany is 200 people in 25 teams of eight over the 90 days from
// Mon 2026-03-02 (across the spring DST changes), each team in two or
// three of sparseZones, with the meetings of a busy company: a daily
// standup of the team (5 a week), a weekly status, a weekly 1:1 of each
// member with the lead, and sixteen weekly series of three or four
// people of the team organized in turn by its members, at a time in the
// organizer's working hours: about 15 meetings a person a week.
func auditCompany(b *testing.B) (*overlap.Report, []Occurrence) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	window := calendar.Interval{Start: start, End: start.AddDate(0, 0, 90)}
	var people []calendar.Person
	var ms []Occurrence
	weekly := func(uid, title string, weekdays []int, at time.Duration, loc *time.Location, length time.Duration, who []string) {
		for d := 0; d < 90; d++ {
			day := start.AddDate(0, 0, d)
			if !slices.Contains(weekdays, int(day.Weekday())) {
				continue
			}
			s := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc).Add(at)
			ms = append(ms, Occurrence{Meeting: overlap.Meeting{ID: fmt.Sprintf("%s@%d", uid, d), Interval: calendar.Interval{Start: s, End: s.Add(length)},
				Attendees: who}, Series: uid, Title: title, Recurring: true})
		}
	}
	for team := range 25 {
		var ids []string
		var zones []*time.Location
		for i := range 8 {
			id := fmt.Sprintf("t%02dp%d", team, i)
			z := zone(b, sparseZones[(team+i%(2+team%2))%len(sparseZones)])
			ids, zones = append(ids, id), append(zones, z)
			people = append(people, calendar.Person{ID: id, Zone: z, Hours: hours})
		}
		lead := fmt.Sprintf("t%02d", team)
		sorted := slices.Sorted(slices.Values(ids))
		weekly(lead+"standup", "Daily standup", []int{1, 2, 3, 4, 5}, 10*time.Hour, zones[0], 15*time.Minute, sorted)
		weekly(lead+"status", "Weekly status", []int{4}, 11*time.Hour, zones[0], time.Hour, sorted)
		for i := 1; i < 8; i++ {
			weekly(fmt.Sprintf("%sone%d", lead, i), "1:1", []int{1 + i%5}, time.Duration(13+i%3)*time.Hour, zones[0], 30*time.Minute,
				slices.Sorted(slices.Values([]string{ids[0], ids[i]})))
		}
		for k := range 16 {
			org := k % 8
			who := []string{ids[org], ids[(org+1+k%3)%8], ids[(org+4)%8]}
			if k%2 == 0 {
				who = append(who, ids[(org+6)%8])
			}
			slices.Sort(who)
			who = slices.Compact(who)
			weekly(fmt.Sprintf("%sg%d", lead, k), []string{"Design review", "Pairing", "Planning", "Sync"}[k%4], []int{1 + (k*3)%5},
				time.Duration(9*60+30*(k%14))*time.Minute, zones[org], time.Duration(30+30*(k%2))*time.Minute, who)
		}
	}
	r, err := overlap.Compute(context.Background(), people, window, overlap.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return r, ms
}

// BenchmarkAudit200x90 measures Audit on auditCompany, the report
// computed once: the target is under 300 ms.
func BenchmarkAudit200x90(b *testing.B) {
	r, ms := auditCompany(b)
	b.ReportMetric(float64(len(ms)), "meetings")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Default().Audit(context.Background(), r, ms, nil); err != nil {
			b.Fatal(err)
		}
	}
}
