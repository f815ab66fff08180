package overlap

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// reportAnswers is everything the report says about its team, as text:
// timelines, free time, the common time of everyone and of each pair, the
// coverage, and replies and schedules inside and beyond the window (the
// latter read the compiled schedules).
func reportAnswers(r *Report) string {
	var b strings.Builder
	w := r.Window()
	later := calendar.Interval{Start: w.End.Add(24 * time.Hour), End: w.End.Add(5 * 24 * time.Hour)}
	ids := r.IDs()
	for _, id := range ids {
		segs, err := r.Timeline(id)
		fmt.Fprintln(&b, id, "timeline", segs, err)
		free, err := r.Free(id)
		fmt.Fprintln(&b, id, "free", free, err)
		zone, err := r.Zone(id)
		fmt.Fprintln(&b, id, "zone", zone, err)
		for _, at := range []time.Time{w.Start, w.End.Add(time.Hour)} {
			t, err := r.Reply(context.Background(), id, at, time.Hour)
			fmt.Fprintln(&b, id, "reply", at, t, err)
		}
		s, err := r.Schedule(id)
		if err != nil {
			fmt.Fprintln(&b, id, "schedule", err)
			continue
		}
		segs, err = s.Timeline(context.Background(), later)
		fmt.Fprintln(&b, id, "later", segs, err)
		for iv, err := range s.FreeFrom(context.Background(), later.End) {
			fmt.Fprintln(&b, id, "next free", iv, err)
			break
		}
		for _, other := range ids {
			common, err := r.Common(id, other)
			fmt.Fprintln(&b, id, other, "common", common, err)
		}
	}
	common, err := r.Common()
	fmt.Fprintln(&b, "common", common, err)
	for s := range r.Coverage() {
		fmt.Fprintln(&b, s)
	}
	return b.String()
}

// TestReportIsUnaffectedByLaterChangesToPeople: once computed, a report
// keeps its answers while, and after, the caller changes the people it
// was computed from, in place: their focus blocks, time off, holidays,
// hours, zone and busy time. Run with -race, it also checks that the
// report shares no memory the caller may write, and that readers asking a
// new report at once get the answers one reader gets.
func TestReportIsUnaffectedByLaterChangesToPeople(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		for i := range team {
			p := &team[i]
			if len(p.Focus) == 0 {
				p.Focus = []calendar.FocusBlock{{Name: "focus", Rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", Start: calendar.DateTimeOf(window.Start.In(p.Zone)), Duration: time.Hour}}
			}
			if len(p.TimeOff) == 0 {
				d := calendar.DateOf(window.End.In(p.Zone))
				p.TimeOff = []calendar.TimeOff{{From: d, To: d, Reason: "leave"}}
			}
			if len(p.Holidays) == 0 {
				p.Holidays = []string{"GB"}
			}
		}
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		// A second report, first asked by the readers at once: each
		// timeline is drawn by whichever reader asks first.
		fresh := mustCompute(t, team, window, opt)
		before := reportAnswers(r)

		var wg sync.WaitGroup
		answers := make([]string, 3)
		for k := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				answers[k] = reportAnswers(fresh)
			}()
		}
		kiritimati := mustLoad(t, "Pacific/Kiritimati")
		for i := range team {
			p := &team[i]
			for k := range p.Focus {
				p.Focus[k].Rule = "FREQ=DAILY"
				p.Focus[k].Start = calendar.DateTime{Date: calendar.DateOf(window.Start), Clock: 0}
				p.Focus[k].Duration = 23 * time.Hour
				p.Focus[k].Hard = !p.Focus[k].Hard
			}
			for k := range p.TimeOff {
				p.TimeOff[k] = calendar.TimeOff{From: calendar.DateOf(window.Start).AddDays(-2), To: calendar.DateOf(window.End).AddDays(30), Reason: "gone"}
			}
			for k := range p.Holidays {
				p.Holidays[k] = "US"
			}
			p.Hours = calendar.MustParseWeeklyHours("Sat 10:00-11:00")
			p.Zone = kiritimati
			p.Busy = calendar.NewSet(calendar.Interval{Start: window.Start.AddDate(0, 0, -10), End: window.End.AddDate(0, 0, 10)})
		}
		wg.Wait()
		for k, got := range answers {
			if got != before {
				t.Fatalf("reader %d saw other answers while the people changed:\n%s\nbefore:\n%s", k, got, before)
			}
		}
		if after := reportAnswers(r); after != before {
			t.Fatalf("the answers changed with the people:\n%s\nbefore:\n%s", after, before)
		}
	})
}
