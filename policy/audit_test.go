package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
)

// juneTeam is three people over the 30 days from Monday 2026-06-01 (a
// month, so the monthly figures are the window's): Ana in UTC, Raj in
// Kolkata (09:00-17:00 IST is 03:30-11:30 UTC), Kim in Los Angeles
// (09:00-17:00 PDT is 16:00-24:00 UTC) and Tom in Tokyo (09:00-17:00 JST
// is 00:00-08:00 UTC), all Monday to Friday.
func juneTeam(t testing.TB) *overlap.Report {
	t.Helper()
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: hours},
		{ID: "raj", Zone: mustZone("Asia/Kolkata"), Hours: hours},
		{ID: "kim", Zone: mustZone("America/Los_Angeles"), Hours: hours},
		{ID: "tom", Zone: mustZone("Asia/Tokyo"), Hours: hours},
	}
	window := calendar.Interval{Start: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	r, err := overlap.Compute(context.Background(), team, window, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// weekly returns a series' occurrences in June 2026: on the given days
// of the month, from the UTC clock time for length.
func weekly(uid, title string, days []int, hh, mm int, length time.Duration, who ...string) []Occurrence {
	var out []Occurrence
	for _, d := range days {
		start := time.Date(2026, 6, d, hh, mm, 0, 0, time.UTC)
		out = append(out, Occurrence{
			Meeting: overlap.Meeting{ID: fmt.Sprintf("%s@%02d", uid, d), Interval: calendar.Interval{Start: start, End: start.Add(length)}, Attendees: who},
			Series:  uid, Title: title, Recurring: len(days) > 1,
		})
	}
	return out
}

// juneMeetings are the team's meetings, each worked out by hand in
// TestAuditOfAMonth.
func juneMeetings() []Occurrence {
	var ms []Occurrence
	ms = append(ms, weekly("status", "Weekly status", []int{1, 8, 15, 22, 29}, 10, 0, 30*time.Minute, "ana", "raj")...)
	ms = append(ms, weekly("one", "Ana / Kim 1:1", []int{2, 9, 16, 23, 30}, 17, 0, 30*time.Minute, "ana", "kim")...)
	ms = append(ms, weekly("review", "Design review", []int{3, 10, 17, 24}, 10, 0, 30*time.Minute, "ana", "raj")...)
	ms = append(ms, weekly("plan", "Planning", []int{4, 11, 18, 25}, 10, 0, time.Hour, "ana", "raj")...)
	ms = append(ms, weekly("tom", "Ana / Tom 1:1", []int{4, 11, 18, 25}, 8, 0, 30*time.Minute, "ana", "tom")...)
	ms = append(ms, weekly("raj", "Ana / Raj 1:1", []int{5, 19}, 11, 0, 30*time.Minute, "ana", "raj")...)
	ms = append(ms, weekly("offsite", "Offsite kickoff", []int{5}, 15, 0, time.Hour, "ana", "kim", "raj")...)
	return ms
}

// TestAuditOfAMonth: each series of juneMeetings, by hand.
//
//   - Weekly status (Mondays 10:00-10:30 UTC, five): "status" guesses
//     inform: make-async. 5 x 30m x 2 = 5h of people's time.
//   - Ana / Kim 1:1 (Tuesdays 17:00-17:30 UTC, five): after Ana's 17:00
//     every time (2h30 a month, 5 of 5), and they share 16:00-17:00 UTC:
//     move it there. Kim keeps 16:00-17:00 (a fragment) and 17:30-24:00
//     (6h30) instead of 8h: 1h30 of focus each time, 7h30 a month, over
//     FocusCostLimit; half an hour earlier (16:30) costs Ana 30m and Kim
//     1h, an hour earlier Ana 1h and Kim 30m: as much, no focus block
//     won back: shorten, overridden by the move of 30m.
//   - Ana / Tom 1:1 (Thursdays 08:00-08:30 UTC, four): before Ana's day
//     and after Tom's (17:00 JST), every time, 2h a month each; they
//     share no working hour: rotate, in two slots (their two zones), one
//     inconvenient for each.
//   - Ana / Raj 1:1 (Fridays 5 and 19, 11:00-11:30 UTC): Ana keeps
//     09:00-11:00 and 11:30-17:00, Raj 03:30-11:00: 30m of focus each,
//     2h a month, a focus block, but no time wins any back (09:00 costs
//     as much), and under FocusCostLimit: keep.
//   - Design review (Wednesdays 10:00-10:30 UTC, four): Ana's day splits
//     into 09:00-10:00 (a fragment) and 10:30-17:00: 1h30 of focus lost;
//     Raj's (03:30-11:30 UTC) into 03:30-10:00 and 10:30-11:30 (a
//     fragment): 1h30. 3h a time, 12h a month. At 09:00 UTC (an hour
//     earlier) it costs each of them 30m: 4h a month, 8h less: move. (An
//     hour later, 11:00, costs as much; the earlier offset comes first.)
//   - Planning (Thursdays 10:00-11:00, four): 3h30 of focus a time (Ana
//     2h, Raj 1h30), and every start from 09:00 to 10:30, the only times
//     both can book, costs 3h30 too: 14h a month with no move: shorten.
//   - Offsite kickoff (Friday 5th, 15:00-16:00 UTC): "kickoff" guesses
//     connect; a one-off: keep. Raj (20:30 IST) and Kim (08:00 PDT) are
//     after hours for all of it; Ana keeps 09:00-15:00 and a fragment:
//     2h of focus lost.
func TestAuditOfAMonth(t *testing.T) {
	r := juneTeam(t)
	a, err := Default().Audit(context.Background(), r, juneMeetings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Months != 1 || a.PersonTime != 31*time.Hour {
		t.Fatalf("months %v, person time %s; want 1 and 31h", a.Months, a.PersonTime)
	}
	type row struct {
		Series     string
		Verdict    Verdict
		Purpose    Purpose
		Guessed    bool
		Person     time.Duration
		Focus      time.Duration
		AfterHours []AfterHours
		Conc       float64
		Codes      []string
	}
	h := time.Hour
	want := []row{
		{"plan", VerdictShorten, Decide, true, 8 * h, 14 * h, nil, 0, []string{"focus-cost-high:decisive", "purpose-guessed:context"}},
		{"one", VerdictMove, Connect, true, 5 * h, 15 * h / 2, []AfterHours{{"ana", 150 * time.Minute, 5, 5}}, 1,
			[]string{"after-hours-movable:decisive", "focus-cost-high:overridden", "purpose-guessed:context"}},
		{"status", VerdictMakeAsync, Inform, true, 5 * h, 15 * h, nil, 0, []string{"inform-async:decisive", "focus-cost-movable:overridden", "purpose-guessed:context"}},
		{"review", VerdictMove, GatherInput, true, 4 * h, 12 * h, nil, 0, []string{"focus-cost-movable:decisive", "purpose-guessed:context"}},
		{"tom", VerdictRotate, Connect, true, 4 * h, 0, []AfterHours{{"ana", 2 * h, 4, 4}, {"tom", 2 * h, 4, 4}}, 1,
			[]string{"after-hours-same-people:decisive", "purpose-guessed:context"}},
		{"offsite", VerdictKeep, Connect, true, 3 * h, 2 * h, []AfterHours{{"kim", h, 1, 1}, {"raj", h, 1, 1}}, 1, []string{"one-off:decisive", "purpose-guessed:context"}},
		{"raj", VerdictKeep, Connect, true, 2 * h, 2 * h, nil, 0, []string{"keep:decisive", "purpose-guessed:context"}},
	}
	var got []row
	for _, s := range a.Series {
		var codes []string
		for _, rs := range s.Reasons {
			codes = append(codes, rs.Code+":"+string(rs.Role))
		}
		got = append(got, row{s.Series, s.Verdict, s.Purpose, s.Guessed, s.PersonTime, s.FocusCost, s.AfterHours, s.Concentration, codes})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	for _, s := range a.Series {
		switch s.Series {
		case "review":
			want := &Move{Offset: -time.Hour, FocusCost: 4 * h, First: calendar.Interval{Start: time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 3, 9, 30, 0, 0, time.UTC)}}
			if diff := cmp.Diff(want, s.Move); diff != "" {
				t.Errorf("the review's move (-want +got):\n%s", diff)
			}
		case "one":
			want := &Move{Offset: -30 * time.Minute, FocusCost: 15 * h / 2, First: calendar.Interval{Start: time.Date(2026, 6, 2, 16, 30, 0, 0, time.UTC), End: time.Date(2026, 6, 2, 17, 0, 0, 0, time.UTC)}}
			if diff := cmp.Diff(want, s.Move); diff != "" {
				t.Errorf("the Ana / Kim 1:1's move (-want +got):\n%s", diff)
			}
		case "tom":
			rot := s.Rotation
			if rot == nil || len(rot.Slots) != 2 || !rot.FairShare || len(rot.Burden) != 2 || rot.Burden[0].Inconvenient != 1 || rot.Burden[1].Inconvenient != 1 {
				t.Errorf("the Ana / Tom 1:1's rotation: %+v, want two slots, one inconvenient for each", rot)
			}
		}
		if (s.Move != nil) != (s.Verdict == VerdictMove) || (s.Rotation != nil) != (s.Verdict == VerdictRotate) {
			t.Errorf("%s: verdict %s with move %v and rotation %v", s.Series, s.Verdict, s.Move != nil, s.Rotation != nil)
		}
		for _, rs := range s.Reasons {
			if rs.Text == "" || rs.Source == "" {
				t.Errorf("%s: reason %+v lacks text or source", s.Series, rs)
			}
		}
	}
}

// auditZones are the hard zones the audit's properties draw from.
var auditZones = []string{"America/Santiago", "America/Havana", "Atlantic/Azores", "Australia/Lord_Howe", "Asia/Kathmandu",
	"Asia/Kolkata", "Pacific/Apia", "Pacific/Kiritimati", "Africa/Casablanca", "Europe/Berlin", "America/New_York"}

// auditCase draws a team, a window of one to three weeks around the
// year's DST changes, and each person's calendar: a few series (weekly
// on some weekdays, or one-off) at UTC quarter hours, a copy of each
// occurrence in every attendee's calendar, some declined.
func auditCase(t *rapid.T) ([]calendar.Person, calendar.Interval, [][]ics.Event) {
	n := rapid.IntRange(2, 5).Draw(t, "people")
	var team []calendar.Person
	for i := range n {
		id := fmt.Sprintf("p%d", i)
		from := rapid.IntRange(0, 23).Draw(t, id+"from")
		// A span past midnight is a night shift.
		wh := calendar.MustParseWeeklyHours(fmt.Sprintf("Mon-Fri %02d:00-%02d:00", from, (from+rapid.IntRange(4, 10).Draw(t, id+"len"))%24))
		team = append(team, calendar.Person{ID: id, Zone: mustZone(rapid.SampledFrom(auditZones).Draw(t, id+"zone")), Hours: wh,
			Emails: []string{id + "@example.com"}})
	}
	start := time.Date(2026, time.Month(rapid.SampledFrom([]int{3, 4, 9, 10, 11}).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"), 0, 0, 0, 0, time.UTC)
	window := calendar.Interval{Start: start, End: start.AddDate(0, 0, 7*rapid.IntRange(1, 3).Draw(t, "weeks"))}
	cals := make([][]ics.Event, n)
	titles := []string{"Daily standup", "Design review", "1:1", "Planning", "Offsite", "Brainstorm", "Budget"}
	for k := range rapid.IntRange(1, 5).Draw(t, "series") {
		uid := fmt.Sprintf("s%d", k)
		title := rapid.SampledFrom(titles).Draw(t, uid+"title")
		who := rapid.SliceOfNDistinct(rapid.IntRange(0, n-1), 2, n, rapid.ID[int]).Draw(t, uid+"who")
		at := time.Duration(rapid.IntRange(0, 95).Draw(t, uid+"at")) * 15 * time.Minute
		length := time.Duration(rapid.SampledFrom([]int{15, 30, 60, 90}).Draw(t, uid+"len")) * time.Minute
		recurring := rapid.Bool().Draw(t, uid+"recurring")
		days := []int{rapid.IntRange(0, int(window.Duration()/(24*time.Hour))-1).Draw(t, uid+"day")}
		if recurring {
			days = nil
			weekday := rapid.IntRange(0, 6).Draw(t, uid+"weekday")
			for d := 0; d < int(window.Duration()/(24*time.Hour)); d++ {
				if d%7 == weekday {
					days = append(days, d)
				}
			}
		}
		for _, d := range days {
			s := window.Start.AddDate(0, 0, d).Add(at)
			e := ics.Event{UID: uid, Series: recurring, Start: s, End: s.Add(length), Summary: title,
				Organizer: ics.Attendee{Address: fmt.Sprintf("p%d@example.com", who[0])}}
			if recurring {
				e.RecurrenceID = s
			}
			for _, i := range who {
				a := ics.Attendee{Address: fmt.Sprintf("MAILTO:P%d@Example.com", i)}
				if i != who[0] && rapid.IntRange(0, 9).Draw(t, fmt.Sprint(uid, d, i, "declines")) == 0 {
					a.PartStat = "DECLINED"
				}
				e.Attendees = append(e.Attendees, a)
			}
			for _, i := range who {
				cals[i] = append(cals[i], e)
			}
		}
	}
	return team, window, cals
}

func mustAudit(t *rapid.T, team []calendar.Person, window calendar.Interval, cals [][]ics.Event) Audit {
	r, err := overlap.Compute(context.Background(), team, window, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Default().Audit(context.Background(), r, MeetingsFrom(team, cals...), nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The audit does not depend on the order of the people, of their
// calendars, or of the events in each.
func TestAuditIsOrderFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, cals := auditCase(t)
		want := mustAudit(t, team, window, cals)
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		team2 := slices.Clone(team)
		rng.Shuffle(len(team2), func(i, j int) { team2[i], team2[j] = team2[j], team2[i] })
		cals2 := make([][]ics.Event, len(cals))
		for i, c := range cals {
			cals2[i] = slices.Clone(c)
			rng.Shuffle(len(c), func(x, y int) { cals2[i][x], cals2[i][y] = cals2[i][y], cals2[i][x] })
		}
		rng.Shuffle(len(cals2), func(i, j int) { cals2[i], cals2[j] = cals2[j], cals2[i] })
		got := mustAudit(t, team2, window, cals2)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("audit with people and calendars shuffled (-first +shuffled):\n%s", diff)
		}
	})
}

// The team's meeting person-time is the sum of the series', and Load's
// meeting time when no one is in two meetings at once; every series has
// one decisive reason, and a proposal exactly when its verdict has one.
func TestAuditAddsUp(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, cals := auditCase(t)
		a := mustAudit(t, team, window, cals)
		var sum time.Duration
		for _, s := range a.Series {
			sum += s.PersonTime
			decisive := 0
			for _, rs := range s.Reasons {
				if rs.Role == RoleDecisive {
					decisive++
				}
			}
			if decisive != 1 {
				t.Fatalf("series %s: %d decisive reasons: %+v", s.Series, decisive, s.Reasons)
			}
			if (s.Move != nil) != (s.Verdict == VerdictMove) || (s.Rotation != nil) != (s.Verdict == VerdictRotate) {
				t.Fatalf("series %s: verdict %s with move %v, rotation %v", s.Series, s.Verdict, s.Move, s.Rotation)
			}
		}
		if sum != a.PersonTime {
			t.Fatalf("series person-time %s, team %s", sum, a.PersonTime)
		}
		ms := MeetingsFrom(team, cals...)
		doubled := false
		for i, m := range ms {
			for _, o := range ms[i+1:] {
				if m.Interval.Overlaps(o.Interval) && slices.ContainsFunc(m.Attendees, func(id string) bool { return slices.Contains(o.Attendees, id) }) {
					doubled = true
				}
			}
		}
		if !doubled && a.Load.Team.Meeting != a.PersonTime {
			t.Fatalf("no one double-booked, but the load's meeting time is %s and the person-time %s", a.Load.Team.Meeting, a.PersonTime)
		}
		if doubled && a.Load.Team.Meeting > a.PersonTime {
			t.Fatalf("the load's meeting time %s is over the person-time %s", a.Load.Team.Meeting, a.PersonTime)
		}
	})
}

func TestGuessPurpose(t *testing.T) {
	for _, c := range []struct {
		title     string
		attendees int
		want      Purpose
	}{
		{"Daily Standup", 8, Inform}, {"Weekly status", 6, Inform}, {"Ben / Priya 1:1", 2, Connect}, {"Design review", 3, GatherInput},
		{"Incident review: login outage", 3, Incident}, {"Q2 roadmap kickoff", 5, Connect}, {"Hiring sync", 2, Inform},
		{"Sprint planning", 6, Decide}, {"Brainstorm: onboarding v2", 4, Ideate}, {"Onboarding brainstorm", 4, Connect}, {"Stand-up review", 5, Inform}, {"Outage war room", 5, Incident},
		{"Go/no-go", 4, Decide}, {"Budget", 2, Connect}, {"Budget", 3, 0}, {"Budget", 8, Inform}, {"Budget", 7, 0},
		{"Statuses", 3, 0}, {"Re-view", 3, 0}, {"", 2, Connect}, {"STAND-UP", 3, Inform}, {"Coffee ☕", 3, Connect},
	} {
		got, signal := GuessPurpose(c.title, c.attendees, DefaultMaxSyncGroup)
		if got != c.want || signal == "" {
			t.Errorf("GuessPurpose(%q, %d): %s (%s), want %s", c.title, c.attendees, got, signal, c.want)
		}
	}
}

// Purposes given by series or title win over the guess; an unknown
// purpose is an error.
func TestAuditPurposesGiven(t *testing.T) {
	r := juneTeam(t)
	a, err := Default().Audit(context.Background(), r, juneMeetings(), map[string]Purpose{"status": Decide, "Design review": Inform})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range a.Series {
		switch s.Series {
		case "status":
			// Now a 30-minute meeting at 10:00 UTC like the review:
			// 15h of focus a month, 5h an hour earlier.
			if s.Purpose != Decide || s.Guessed || s.Verdict != VerdictMove || s.Move.Offset != -time.Hour {
				t.Errorf("status: %s (guessed %v), %s %+v; want decide as given, move an hour earlier", s.Purpose, s.Guessed, s.Verdict, s.Move)
			}
		case "review":
			if s.Purpose != Inform || s.Guessed || s.Verdict != VerdictMakeAsync || !strings.Contains(s.Reasons[len(s.Reasons)-1].Text, `as given for "Design review"`) {
				t.Errorf("review: %s (guessed %v), %s %+v", s.Purpose, s.Guessed, s.Verdict, s.Reasons)
			}
		}
	}
	_, err = Default().Audit(context.Background(), r, juneMeetings(), map[string]Purpose{"status": 0})
	if want := `policy.Policy.Audit: invalid: purposes["status"]: unknown purpose 0`; err == nil || err.Error() != want {
		t.Errorf("an unknown purpose: %v, want %s", err, want)
	}
	_, err = Policy{FocusBlock: -time.Hour}.Audit(context.Background(), r, juneMeetings(), nil)
	if err == nil || !strings.Contains(err.Error(), "FocusBlock -1h0m0s is negative") {
		t.Errorf("a bad policy: %v", err)
	}
	bad := juneMeetings()
	bad[0].Attendees = []string{"ana", "zed"}
	if _, err := Default().Audit(context.Background(), r, bad, nil); err == nil || !strings.Contains(err.Error(), `unknown ID "zed"`) {
		t.Errorf("an attendee the report does not know: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Default().Audit(ctx, r, juneMeetings(), nil); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("a cancelled context: %v", err)
	}
}

func TestVerdictText(t *testing.T) {
	for _, v := range []Verdict{VerdictMakeAsync, VerdictRotate, VerdictMove, VerdictShorten, VerdictKeep} {
		var got Verdict
		if err := got.UnmarshalText([]byte(v)); err != nil || got != v {
			t.Errorf("%s: %s, %v", v, got, err)
		}
	}
	var v Verdict
	if err := v.UnmarshalText([]byte("cancel")); err == nil || !strings.Contains(err.Error(), `verdict "cancel" is not`) {
		t.Errorf("an unknown verdict: %v", err)
	}
}

// An audit reads back from its JSON as it was, with lower camelCase
// names, durations as text and no proposal as null.
func TestAuditJSON(t *testing.T) {
	a, err := Default().Audit(context.Background(), juneTeam(t), juneMeetings(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Audit
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back, cmp.Comparer(func(x, y time.Time) bool { return x.Equal(y) })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"window", "months", "series", "personTime", "load"}, jsonKeys(t, b)); diff != "" {
		t.Errorf("audit keys (-want +got):\n%s", diff)
	}
	s, _ := json.Marshal(a.Series[0])
	if diff := cmp.Diff([]string{"series", "title", "recurring", "occurrences", "attendees", "zones", "length", "purpose", "guessed",
		"personTime", "focusCost", "afterHours", "concentration", "verdict", "reasons", "rotation", "move"}, jsonKeys(t, s)); diff != "" {
		t.Errorf("series keys (-want +got):\n%s", diff)
	}
	for _, want := range []string{`"series":"plan"`, `"verdict":"shorten"`, `"purpose":"decide"`, `"personTime":"8h"`, `"focusCost":"14h"`, `"rotation":null`, `"move":null`, `"afterHours":[]`} {
		if !strings.Contains(string(s), want) {
			t.Errorf("series JSON lacks %s:\n%s", want, s)
		}
	}
	if err := json.Unmarshal([]byte(`{"series":"x","verdict":"cancel"}`), new(SeriesAudit)); err == nil || !strings.Contains(err.Error(), `verdict "cancel"`) {
		t.Errorf("an unknown verdict read: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"window":{"start":"2026-06-01T00:00:00Z","end":"2026-07-01T00:00:00Z"},"extra":1}`), new(Audit)); err == nil || !strings.Contains(err.Error(), "extra") {
		t.Errorf("an unknown field read: %v", err)
	}
}

// A day off for one occurrence does not pin the series: Kim's time off
// on Tuesday 2026-06-16 means she misses that 1:1, and the move of
// TestAuditOfAMonth (30m earlier, into Ana's day) still holds.
func TestAuditMovesAroundADayOff(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: hours},
		{ID: "kim", Zone: mustZone("America/Los_Angeles"), Hours: hours, TimeOff: []calendar.TimeOff{{From: calendar.MustParseDate("2026-06-16"), To: calendar.MustParseDate("2026-06-16")}}},
	}
	window := calendar.Interval{Start: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	r, err := overlap.Compute(context.Background(), team, window, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Default().Audit(context.Background(), r, weekly("one", "Ana / Kim 1:1", []int{2, 9, 16, 23, 30}, 17, 0, 30*time.Minute, "ana", "kim"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := a.Series[0]; s.Verdict != VerdictMove || s.Move.Offset != -30*time.Minute || s.Reasons[0].Code != CodeAfterHoursMovable {
		t.Errorf("verdict %s, move %+v, reasons %+v; want a move 30m earlier", s.Verdict, s.Move, s.Reasons)
	}
}

// The after-hours rule reads every attendee outside working hours in
// more than half of the occurrences, not only the one out most often:
// Ana is out 5 minutes in 4 of 5 (20m, under AfterHoursLimit), Bob 30
// minutes in 3 of 5 (1h30): the rule fires for Bob. Ana works 09:00-16:50
// UTC; Bob 09:00-16:25 Monday to Thursday and 09:00-18:00 on Friday. The
// meeting is 16:25-16:55 on June 1-3 and 5, and 12:00-12:30 on June 4; an
// hour earlier it fits them both every day (the move's focus cost does
// not matter to this rule).
func TestAuditAfterHoursReadsEveryone(t *testing.T) {
	team := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-16:50")},
		{ID: "bob", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Thu 09:00-16:25; Fri 09:00-18:00")},
	}
	window := calendar.Interval{Start: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	r, err := overlap.Compute(context.Background(), team, window, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ms := weekly("x", "Handover", []int{1, 2, 3, 5}, 16, 25, 30*time.Minute, "ana", "bob")
	ms = append(ms, weekly("x", "Handover", []int{4}, 12, 0, 30*time.Minute, "ana", "bob")...)
	for i := range ms {
		ms[i].Recurring = true
	}
	a, err := Default().Audit(context.Background(), r, ms, map[string]Purpose{"x": Decide})
	if err != nil {
		t.Fatal(err)
	}
	s := a.Series[0]
	want := []AfterHours{{"bob", 90 * time.Minute, 3, 5}, {"ana", 20 * time.Minute, 4, 5}}
	if diff := cmp.Diff(want, s.AfterHours); diff != "" {
		t.Errorf("after hours (-want +got):\n%s", diff)
	}
	if s.Verdict != VerdictMove || !strings.HasPrefix(s.Reasons[0].Text, "bob is outside working hours in 3 of its 5 occurrences, 1h30m a month") {
		t.Errorf("verdict %s, reasons %+v; want a move for bob", s.Verdict, s.Reasons)
	}
}

// FocusCostLimit under FocusBlock still asks to shorten: Ana and Raj's
// one 1:1 of June 5 (11:00 UTC) costs them 30m of focus each, 1h a month,
// and no time wins back a focus block (TestAuditOfAMonth).
func TestAuditShortensUnderTheFocusBlock(t *testing.T) {
	ms := weekly("raj", "Ana / Raj 1:1", []int{5}, 11, 0, 30*time.Minute, "ana", "raj")
	ms[0].Recurring = true
	a, err := Policy{FocusCostLimit: 30 * time.Minute}.Audit(context.Background(), juneTeam(t), ms, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := a.Series[0]; s.FocusCost != time.Hour || s.Verdict != VerdictShorten {
		t.Errorf("focus cost %s, verdict %s; want 1h and shorten", s.FocusCost, s.Verdict)
	}
}

// Input the audit refuses or leaves out: an occurrence given twice (each
// copy would cost nothing), occurrences outside the window, a figure a
// month past what a Duration holds, a title of any length.
func TestAuditHostileInput(t *testing.T) {
	r := juneTeam(t)
	ms := juneMeetings()
	if _, err := Default().Audit(context.Background(), r, append(ms, ms[3]), nil); err == nil || !strings.Contains(err.Error(), `occurrence "status@22" is given twice`) {
		t.Errorf("a duplicate: %v", err)
	}
	july := weekly("status", "Weekly status", []int{1}, 10, 0, 30*time.Minute, "ana", "raj")[0]
	july.ID, july.Interval.Start, july.Interval.End = "status@july", july.Interval.Start.AddDate(0, 1, 0), july.Interval.End.AddDate(0, 1, 0)
	a, err := Default().Audit(context.Background(), r, append(ms, july), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range a.Series {
		if s.Series == "status" && s.Occurrences != 5 {
			t.Errorf("status: %d occurrences in the window, want 5", s.Occurrences)
		}
	}
	if got := (Audit{Months: 1e-12}).PerMonth(time.Hour); got != time.Duration(math.MaxInt64) {
		t.Errorf("a month of an hour in a tiny window: %s, want the largest Duration", got)
	}
	_, err = Default().Audit(context.Background(), r, ms, map[string]Purpose{"zz": 0, "aa": 99})
	if want := `policy.Policy.Audit: invalid: purposes["aa"]: unknown purpose 99`; err == nil || err.Error() != want {
		t.Errorf("two bad purposes: %v, want the first by key: %s", err, want)
	}
	long := strings.Repeat("statusx", 300000) + " review"
	if p, why := GuessPurpose(long, 3, 7); p != GatherInput || why != `the title word "review"` {
		t.Errorf("a 2 MB title: %s, %s", p, why)
	}
}
