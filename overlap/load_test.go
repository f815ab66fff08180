package overlap

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// TestLoadOfADay: Ana works 09:00-17:00 UTC on Monday 2026-03-09, with
// meetings at 10:00-10:30 and 13:00-14:00, and one at 18:00-18:30 after
// her day. Worked out by hand: free 09:00-10:00 (1h, a fragment),
// 10:30-13:00 (2h30) and 14:00-17:00 (3h), both focus: 5h30 of focus, 1h
// fragmented, 2h in meetings of which 30m after hours, three meetings,
// the longest stretch 3h. Without the 13:00 meeting, 10:30-17:00 is one
// stretch of 6h30: that meeting costs an hour of focus.
// anasDay is the report of Ana's Monday 2026-03-09, 09:00-17:00 UTC, and
// a maker of her meetings that day, from and to wall times.
func anasDay(t *testing.T) (*Report, func(from, to string) Meeting) {
	monday := calendar.MustParseDate("2026-03-09")
	team := []calendar.Person{{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
	r := mustCompute(t, team, calendar.Days(monday, monday, time.UTC), Options{})
	at := func(clock string) time.Time { return calendar.Wall(monday, calendar.MustParseClock(clock), time.UTC) }
	meet := func(from, to string) Meeting {
		return Meeting{ID: from, Interval: calendar.Interval{Start: at(from), End: at(to)}, Attendees: []string{"ana"}}
	}
	return r, meet
}

func TestLoadOfADay(t *testing.T) {
	r, meet := anasDay(t)
	meetings := []Meeting{meet("10:00", "10:30"), meet("13:00", "14:00"), meet("18:00", "18:30")}
	l, err := r.Load(context.Background(), meetings, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := PersonLoad{ID: "ana", LoadFigures: LoadFigures{Meeting: 2 * time.Hour, AfterHours: 30 * time.Minute,
		Focus: 5*time.Hour + 30*time.Minute, Fragmented: time.Hour, Meetings: 3},
		Days: []DayFocus{{calendar.MustParseDate("2026-03-09"), 3 * time.Hour}}}
	if diff := cmp.Diff(Load{People: []PersonLoad{want}, Team: want.LoadFigures}, l); diff != "" {
		t.Fatalf("load (-want +got):\n%s", diff)
	}
	without, err := r.Load(context.Background(), slices.Delete(slices.Clone(meetings), 1, 2), 0)
	if err != nil {
		t.Fatal(err)
	}
	if cost := l.Team.Focus - without.Team.Focus; cost != -time.Hour {
		t.Fatalf("the 13:00 meeting's focus cost: %s, want 1h", -cost)
	}
}

func TestLoadErrors(t *testing.T) {
	monday := calendar.MustParseDate("2026-03-09")
	team := []calendar.Person{{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
	r := mustCompute(t, team, calendar.Days(monday, monday, time.UTC), Options{})
	iv := calendar.Interval{Start: calendar.Wall(monday, 600, time.UTC), End: calendar.Wall(monday, 660, time.UTC)}
	for _, c := range []struct {
		meetings []Meeting
		block    time.Duration
		want     string
	}{
		{[]Meeting{{Interval: iv, Attendees: []string{"zed"}}}, 0, `overlap.Report.Load: meeting 1: unknown ID "zed"`},
		{[]Meeting{{Interval: iv, Attendees: []string{"ana", "ana"}}}, 0, `overlap.Report.Load: meeting 1: attendee "ana" is listed twice`},
		{nil, -time.Hour, "overlap.Report.Load: focus block -1h0m0s is negative"},
	} {
		if _, err := r.Load(context.Background(), c.meetings, c.block); err == nil || err.Error() != c.want {
			t.Errorf("%v: error %v, want %q", c.meetings, err, c.want)
		}
	}
}

// drawMeetings draws meetings of the team in and around window, on whole
// minutes.
func drawMeetings(t *rapid.T, team []calendar.Person, window calendar.Interval) []Meeting {
	var out []Meeting
	for k := range rapid.IntRange(0, 8).Draw(t, "meetings") {
		start := window.Start.Add(time.Duration(rapid.IntRange(-120, int(window.Duration()/time.Minute)).Draw(t, fmt.Sprint("meetingAt", k))) * time.Minute)
		iv := calendar.Interval{Start: start, End: start.Add(time.Duration(rapid.IntRange(0, 240).Draw(t, fmt.Sprint("meetingLen", k))) * time.Minute)}
		var who []string
		for _, p := range team {
			if rapid.Bool().Draw(t, fmt.Sprint("meetingWith", k, p.ID)) {
				who = append(who, p.ID)
			}
		}
		out = append(out, Meeting{ID: fmt.Sprint("m", k), Interval: iv, Attendees: who})
	}
	return out
}

// modelLoad is the minute model of Load: each minute of the window is
// available (free or focus on the person's timeline), in a meeting, or
// off-hours; runs of available minutes outside meetings are focus or
// fragments by their length.
func modelLoad(t fataler, team []calendar.Person, window calendar.Interval, meetings []Meeting, block time.Duration) Load {
	ids := make([]string, len(team))
	for i, p := range team {
		ids[i] = p.ID
	}
	slices.Sort(ids)
	W := int(window.Duration() / time.Minute)
	var out Load
	for _, id := range ids {
		p := team[slices.IndexFunc(team, func(p calendar.Person) bool { return p.ID == id })]
		mm := newMinuteModel(t, &p, window)
		in := make([]bool, W)
		pl := PersonLoad{ID: id}
		for _, m := range meetings {
			if !slices.Contains(m.Attendees, id) || m.Interval.IsEmpty() || !m.Interval.Overlaps(window) {
				continue
			}
			pl.Meetings++
			for i := range W {
				at := window.Start.Add(time.Duration(i) * time.Minute)
				if m.Interval.Contains(at) {
					in[i] = true
				}
			}
		}
		first := calendar.DateOf(window.Start.In(p.Zone))
		last := calendar.DateOf(window.End.Add(-1).In(p.Zone))
		for d := first; !d.After(last); d = d.AddDays(1) {
			pl.Days = append(pl.Days, DayFocus{Date: d})
		}
		run, runStart := 0, 0
		flush := func() {
			if run == 0 {
				return
			}
			d := time.Duration(run) * time.Minute
			if d >= block {
				pl.Focus += d
			} else {
				pl.Fragmented += d
			}
			day := &pl.Days[calendar.DateOf(window.Start.Add(time.Duration(runStart)*time.Minute).In(p.Zone)).DaysSince(first)]
			day.Longest = max(day.Longest, d)
			run = 0
		}
		for i := range W {
			if in[i] {
				pl.Meeting += time.Minute
				if mm.kind[i] == calendar.KindOffHours {
					pl.AfterHours += time.Minute
				}
			}
			if !in[i] && (mm.kind[i] == calendar.KindFree || mm.kind[i] == calendar.KindFocus) {
				if run == 0 {
					runStart = i
				}
				run++
			} else {
				flush()
			}
		}
		flush()
		out.People = append(out.People, pl)
		out.Team.Meeting += pl.Meeting
		out.Team.AfterHours += pl.AfterHours
		out.Team.Focus += pl.Focus
		out.Team.Fragmented += pl.Fragmented
		out.Team.Meetings += pl.Meetings
	}
	return out
}

func TestLoadMatchesMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		meetings := drawMeetings(t, team, window)
		block := time.Duration(rapid.SampledFrom([]int{0, 30, 60, 120}).Draw(t, "block")) * time.Minute
		r := mustCompute(t, team, window, drawOptions(t))
		got, err := r.Load(context.Background(), meetings, block)
		if err != nil {
			t.Fatal(err)
		}
		if block == 0 {
			block = DefaultFocusBlock
		}
		if diff := cmp.Diff(modelLoad(t, team, window, meetings, block), got); diff != "" {
			t.Fatalf("load (-model +got):\n%s", diff)
		}
	})
}

// Removing a meeting never lowers anyone's focus time.
func TestRemovingAMeetingNeverLowersFocus(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		meetings := drawMeetings(t, team, window)
		if len(meetings) == 0 {
			return
		}
		r := mustCompute(t, team, window, Options{})
		with, err := r.Load(context.Background(), meetings, 0)
		if err != nil {
			t.Fatal(err)
		}
		k := rapid.IntRange(0, len(meetings)-1).Draw(t, "removed")
		without, err := r.Load(context.Background(), slices.Delete(slices.Clone(meetings), k, k+1), 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := range with.People {
			if without.People[i].Focus < with.People[i].Focus {
				t.Fatalf("%s: focus %s with meeting %d, %s without", with.People[i].ID, with.People[i].Focus, k, without.People[i].Focus)
			}
		}
	})
}

// TestFocusCostsOfADay: the day of TestLoadOfADay. Without the 10:00
// meeting, 09:00-13:00 is one stretch of 4h (focus 7h, not 5h30): it
// costs 1h30; without the 13:00 one, 10:30-17:00 (focus 6h30): 1h; the
// 18:00 one, after her day, costs nothing.
func TestFocusCostsOfADay(t *testing.T) {
	r, meet := anasDay(t)
	got, err := r.FocusCosts(context.Background(), []Meeting{meet("10:00", "10:30"), meet("13:00", "14:00"), meet("18:00", "18:30")}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{90 * time.Minute, time.Hour, 0}; !slices.Equal(got, want) {
		t.Fatalf("focus costs %v, want %v", got, want)
	}
}

// Each meeting's focus cost is the team's focus time without it less with
// all of them, as Load (checked against its minute model) says.
func TestFocusCostsAreLoadsWithAndWithout(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		meetings := drawMeetings(t, team, window)
		block := time.Duration(rapid.SampledFrom([]int{0, 30, 90}).Draw(t, "block")) * time.Minute
		r := mustCompute(t, team, window, Options{})
		costs, err := r.FocusCosts(context.Background(), meetings, block)
		if err != nil {
			t.Fatal(err)
		}
		with, err := r.Load(context.Background(), meetings, block)
		if err != nil {
			t.Fatal(err)
		}
		for k := range meetings {
			without, err := r.Load(context.Background(), slices.Delete(slices.Clone(meetings), k, k+1), block)
			if err != nil {
				t.Fatal(err)
			}
			if want := without.Team.Focus - with.Team.Focus; costs[k] != want {
				t.Fatalf("meeting %d %v: focus cost %s, the loads say %s", k, meetings[k], costs[k], want)
			}
		}
	})
}
