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
	l, err := agendaOf(t, r, meetings).Load(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := PersonLoad{ID: "ana", LoadFigures: LoadFigures{Meeting: 2 * time.Hour, AfterHours: 30 * time.Minute,
		Focus: 5*time.Hour + 30*time.Minute, Fragmented: time.Hour, Meetings: 3},
		Days: []DayFocus{{calendar.MustParseDate("2026-03-09"), 3 * time.Hour}}}
	if diff := cmp.Diff(Load{People: []PersonLoad{want}, Team: want.LoadFigures}, l); diff != "" {
		t.Fatalf("load (-want +got):\n%s", diff)
	}
	without, err := agendaOf(t, r, slices.Delete(slices.Clone(meetings), 1, 2)).Load(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if cost := l.Team.Focus - without.Team.Focus; cost != -time.Hour {
		t.Fatalf("the 13:00 meeting's focus cost: %s, want 1h", -cost)
	}
}

// agendaOf is r.Agenda(meetings), failing the test on an error.
func agendaOf(t fataler, r *Report, meetings []Meeting) *Agenda {
	a, err := r.Agenda(meetings)
	if err != nil {
		t.Fatalf("Agenda: %v", err)
	}
	return a
}

func TestAgendaErrors(t *testing.T) {
	monday := calendar.MustParseDate("2026-03-09")
	team := []calendar.Person{{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
	r := mustCompute(t, team, calendar.Days(monday, monday, time.UTC), Options{})
	iv := calendar.Interval{Start: calendar.Wall(monday, 600, time.UTC), End: calendar.Wall(monday, 660, time.UTC)}
	for _, c := range []struct {
		meetings []Meeting
		want     string
	}{
		{[]Meeting{{Interval: iv, Attendees: []string{"ana"}}, {Interval: iv, Attendees: []string{"zed"}}}, `overlap.Report.Agenda: meeting 2: unknown ID "zed"`},
		{[]Meeting{{Interval: iv, Attendees: []string{"ana", "ana"}}}, `overlap.Report.Agenda: meeting 1: attendee "ana" is listed twice`},
	} {
		if _, err := r.Agenda(c.meetings); err == nil || err.Error() != c.want {
			t.Errorf("%v: error %v, want %q", c.meetings, err, c.want)
		}
	}
	a := agendaOf(t, r, []Meeting{{Interval: iv, Attendees: []string{"ana"}}})
	if _, err := a.Load(context.Background(), -time.Hour); err == nil || err.Error() != "overlap.Agenda.Load: focus block -1h0m0s is negative" {
		t.Errorf("Load with a negative block: %v", err)
	}
	if _, err := a.Costs(context.Background(), -time.Hour); err == nil || err.Error() != "overlap.Agenda.Costs: focus block -1h0m0s is negative" {
		t.Errorf("Costs with a negative block: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Load(ctx, 0); err == nil || err.Error() != "overlap.Agenda.Load: context canceled" {
		t.Errorf("Load with a cancelled context: %v", err)
	}
	if _, err := a.Shifts(ctx, []int{0}, []time.Duration{time.Hour}, 0); err == nil || err.Error() != "overlap.Agenda.Shifts: context canceled" {
		t.Errorf("Shifts with a cancelled context: %v", err)
	}
	// The agenda keeps its own copy of the meetings.
	ms := []Meeting{{ID: "a", Interval: iv, Attendees: []string{"ana"}}}
	a = agendaOf(t, r, ms)
	ms[0].ID = "b"
	if got := a.Meetings()[0].ID; got != "a" {
		t.Errorf("the agenda's meeting changed with the caller's slice: %q", got)
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
		got, err := agendaOf(t, r, meetings).Load(context.Background(), block)
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
		with, err := agendaOf(t, r, meetings).Load(context.Background(), 0)
		if err != nil {
			t.Fatal(err)
		}
		k := rapid.IntRange(0, len(meetings)-1).Draw(t, "removed")
		without, err := agendaOf(t, r, slices.Delete(slices.Clone(meetings), k, k+1)).Load(context.Background(), 0)
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

// TestMeetingCostsOfADay: the day of TestLoadOfADay. Without the 10:00
// meeting, 09:00-13:00 is one stretch of 4h (focus 7h, not 5h30): it
// costs 1h30; without the 13:00 one, 10:30-17:00 (focus 6h30): 1h; the
// 18:00 one, after her day, costs nothing, and is all after hours.
func TestMeetingCostsOfADay(t *testing.T) {
	r, meet := anasDay(t)
	got, err := agendaOf(t, r, []Meeting{meet("10:00", "10:30"), meet("13:00", "14:00"), meet("18:00", "18:30")}).Costs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []MeetingCost{
		{Time: 30 * time.Minute, AfterHours: []time.Duration{0}, FocusCost: 90 * time.Minute},
		{Time: time.Hour, AfterHours: []time.Duration{0}, FocusCost: time.Hour},
		{Time: 30 * time.Minute, AfterHours: []time.Duration{30 * time.Minute}, FocusCost: 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("costs (-want +got):\n%s", diff)
	}
}

// Each meeting's focus cost is the team's focus time without it less with
// all of them, as Load (checked against its minute model) says; its time
// and each attendee's time after hours are counted minute by minute.
func TestMeetingCostsAreLoadsWithAndWithout(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		meetings := drawMeetings(t, team, window)
		block := time.Duration(rapid.SampledFrom([]int{0, 30, 90}).Draw(t, "block")) * time.Minute
		r := mustCompute(t, team, window, Options{})
		costs, err := agendaOf(t, r, meetings).Costs(context.Background(), block)
		if err != nil {
			t.Fatal(err)
		}
		with, err := agendaOf(t, r, meetings).Load(context.Background(), block)
		if err != nil {
			t.Fatal(err)
		}
		models := map[string]minuteModel{}
		for _, p := range team {
			models[p.ID] = newMinuteModel(t, &p, window)
		}
		for k, m := range meetings {
			without, err := agendaOf(t, r, slices.Delete(slices.Clone(meetings), k, k+1)).Load(context.Background(), block)
			if err != nil {
				t.Fatal(err)
			}
			if want := without.Team.Focus - with.Team.Focus; costs[k].FocusCost != want {
				t.Fatalf("meeting %d %v: focus cost %s, the loads say %s", k, m, costs[k].FocusCost, want)
			}
			var inside time.Duration
			after := make([]time.Duration, len(m.Attendees))
			for i := range int(window.Duration() / time.Minute) {
				if !m.Interval.Contains(window.Start.Add(time.Duration(i) * time.Minute)) {
					continue
				}
				inside += time.Minute
				for j, id := range m.Attendees {
					if models[id].kind[i] == calendar.KindOffHours {
						after[j] += time.Minute
					}
				}
			}
			if costs[k].Time != inside || !slices.Equal(costs[k].AfterHours, after) {
				t.Fatalf("meeting %d %v: time %s after hours %v, the minutes say %s and %v", k, m, costs[k].Time, costs[k].AfterHours, inside, after)
			}
		}
	})
}

// TestShiftsOfADay: Ana's day with meetings at 10:00-10:30 and
// 13:00-14:00; the 13:00 one moved. Worked out by hand (without it she
// has 10:30-17:00, 6h30 of focus): an hour earlier (12:00-13:00) leaves
// 10:30-12:00 (a fragment) and 13:00-17:00 (4h): it costs 2h30; an hour
// later (14:00-15:00), 3h30 and 2h: 1h; three hours later (16:00-17:00),
// 5h30: 1h; three and a half hours later it runs past 17:00, out of her
// hours; two and a half hours earlier (10:30) it touches the 10:00
// meeting and fits, leaving 11:30-17:00: 1h; three hours earlier it meets
// it; a day earlier it leaves the window.
func TestShiftsOfADay(t *testing.T) {
	r, meet := anasDay(t)
	meetings := []Meeting{meet("10:00", "10:30"), meet("13:00", "14:00")}
	offsets := []time.Duration{-time.Hour, time.Hour, 3 * time.Hour, 210 * time.Minute, -150 * time.Minute, -3 * time.Hour, -24 * time.Hour}
	got, err := agendaOf(t, r, meetings).Shifts(context.Background(), []int{1}, offsets, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Shift{{-time.Hour, true, 150 * time.Minute}, {time.Hour, true, time.Hour}, {3 * time.Hour, true, time.Hour},
		{210 * time.Minute, false, 0}, {-150 * time.Minute, true, time.Hour}, {-3 * time.Hour, false, 0}, {-24 * time.Hour, false, 0}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("shifts (-want +got):\n%s", diff)
	}
}

// TestShiftsOfTwo: Ana's day with a meeting at 13:00-13:30 that stays,
// and two moved, 12:00-12:30 and 14:00-14:30. An hour earlier the first
// fits (11:00) but the second meets the one that stays; an hour later
// the first does; two hours earlier (10:00 and 12:00) both fit, and
// leave her 09:00-10:00, 10:30-12:00 and 12:30-13:00 (fragments) and
// 13:30-17:00: 3h30 of focus. Without the first she would have
// 09:00-12:00 too (6h30): it costs 3h; without the second, 10:30-13:00
// (6h): 2h30.
func TestShiftsOfTwo(t *testing.T) {
	r, meet := anasDay(t)
	meetings := []Meeting{meet("13:00", "13:30"), meet("12:00", "12:30"), meet("14:00", "14:30")}
	got, err := agendaOf(t, r, meetings).Shifts(context.Background(), []int{2, 1}, []time.Duration{-time.Hour, time.Hour, -2 * time.Hour}, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Shift{{-time.Hour, false, 0}, {time.Hour, false, 0}, {-2 * time.Hour, true, 330 * time.Minute}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("shifts (-want +got):\n%s", diff)
	}
}

func TestShiftsErrors(t *testing.T) {
	r, meet := anasDay(t)
	early := meet("10:00", "10:30")
	early.Interval.Start = early.Interval.Start.Add(-11 * time.Hour)
	meetings := []Meeting{meet("10:00", "10:30"), early}
	for _, c := range []struct {
		moved   []int
		offsets []time.Duration
		want    string
	}{
		{[]int{2}, nil, "overlap.Agenda.Shifts: moved meeting 2: want 0 to 1"},
		{[]int{0, 0}, nil, "overlap.Agenda.Shifts: moved meeting 0 is listed twice"},
		{[]int{0}, []time.Duration{time.Second}, "overlap.Agenda.Shifts: offset 1s is not a whole number of minutes"},
		{[]int{1}, nil, "overlap.Agenda.Shifts: moved meeting 1 ([2026-03-08T23:00:00Z, 2026-03-09T10:30:00Z)) is not inside the window"},
	} {
		if _, err := agendaOf(t, r, meetings).Shifts(context.Background(), c.moved, c.offsets, 0); err == nil || err.Error() != c.want {
			t.Errorf("%v %v: error %v, want %q", c.moved, c.offsets, err, c.want)
		}
	}
}

// A shift fits where every moved meeting, moved, is inside the window in
// each attendee's free or soft focus minutes and clear of their other
// meetings, minute by minute (but for an attendee on a holiday or time
// off in a minute of its own time, who misses it); and its focus cost is
// then the moved meetings' focus cost with the meetings moved, without
// those who miss them (Costs, itself checked against the loads).
func TestShiftsMatchMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		meetings := drawMeetings(t, team, window)
		var inside []int
		for k, m := range meetings {
			if !m.Interval.Start.Before(window.Start) && !m.Interval.End.After(window.End) {
				inside = append(inside, k)
			}
		}
		if len(inside) == 0 {
			return
		}
		var moved []int
		for _, k := range inside {
			if rapid.Bool().Draw(t, fmt.Sprint("moved", k)) {
				moved = append(moved, k)
			}
		}
		d := time.Duration(rapid.IntRange(-600, 600).Draw(t, "offset")) * time.Minute
		r := mustCompute(t, team, window, Options{})
		got, err := agendaOf(t, r, meetings).Shifts(context.Background(), moved, []time.Duration{d}, 0)
		if err != nil {
			t.Fatal(err)
		}
		models := map[string]minuteModel{}
		for _, p := range team {
			models[p.ID] = newMinuteModel(t, &p, window)
		}
		shifted := slices.Clone(meetings)
		fits := true
		W := int(window.Duration() / time.Minute)
		for _, k := range moved {
			m := meetings[k]
			iv := calendar.Interval{Start: m.Interval.Start.Add(d), End: m.Interval.End.Add(d)}
			shifted[k].Interval = iv
			if iv.IsEmpty() {
				continue
			}
			if iv.Start.Before(window.Start) || iv.End.After(window.End) {
				fits = false
				continue
			}
			var there []string // those not on a day off at its own time
			for _, id := range m.Attendees {
				away := false
				for i := range W {
					k := models[id].kind[i]
					if m.Interval.Contains(window.Start.Add(time.Duration(i)*time.Minute)) && (k == calendar.KindHoliday || k == calendar.KindTimeOff) {
						away = true
					}
				}
				if !away {
					there = append(there, id)
				}
			}
			shifted[k].Attendees = there
			for _, id := range there {
				for i := range W {
					at := window.Start.Add(time.Duration(i) * time.Minute)
					if !iv.Contains(at) {
						continue
					}
					mm := models[id]
					if !(mm.kind[i] == calendar.KindFree || mm.kind[i] == calendar.KindFocus && !mm.hard[i]) {
						fits = false
					}
					for o, other := range meetings {
						if !slices.Contains(moved, o) && slices.Contains(other.Attendees, id) && other.Interval.Contains(at) {
							fits = false
						}
					}
				}
			}
		}
		want := Shift{Offset: d, Fits: fits}
		if fits {
			costs, err := agendaOf(t, r, shifted).Costs(context.Background(), 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range moved {
				want.FocusCost += costs[k].FocusCost
			}
		}
		if diff := cmp.Diff([]Shift{want}, got); diff != "" {
			t.Fatalf("moved %v by %s (-model +got):\n%s", moved, d, diff)
		}
	})
}
