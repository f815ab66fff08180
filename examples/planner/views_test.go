package main

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// viewsRoster is three people whose hours in UTC are easy to work out by
// hand. Kolkata is UTC+5:30 all year; New York is on summer time (UTC-4)
// from 2026-03-08; Berlin moves from UTC+1 to UTC+2 on 2026-03-29. So on
// weekdays, in UTC:
//
//	ana 08:00-16:00 to Fri 03-27, then 07:00-15:00
//	raj 04:30-12:30
//	lee 12:00-21:00
//
// and all three are free together only 12:00-12:30.
const viewsRoster = `{"people": [
	{"id": "ana", "name": "Ana Lima", "zone": "Europe/Berlin", "hours": "Mon-Fri 09:00-17:00"},
	{"id": "raj", "zone": "Asia/Kolkata", "hours": "Mon-Fri 10:00-18:00"},
	{"id": "lee", "zone": "America/New_York", "hours": "Mon-Fri 08:00-17:00"%s}]}`

// viewsFile writes viewsRoster, with extra after lee's hours.
func viewsFile(t *testing.T, extra string) string {
	t.Helper()
	return heatRosterFile(t, strings.Replace(viewsRoster, "%s", extra, 1))
}

// before is an instant before every window of these tests, so that none
// starts from now.
var before = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// lines splits text output into its lines, without the last newline.
func lines(out string) []string { return strings.Split(strings.TrimSuffix(out, "\n"), "\n") }

func TestSummary(t *testing.T) {
	roster := viewsFile(t, "")
	away := viewsFile(t, `, "timeOff": [{"from": "2026-03-30", "to": "2026-03-30", "reason": "dentist"}]`)
	monday := []string{"-from", "2026-03-30", "-to", "2026-03-31"}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"everyone", append([]string{"-roster", roster}, monday...), []string{
			"Best time for 30m: Mon 03-30 12:00-12:30 UTC, 3 of 3 can come:",
			"  ana Mon 14:00 Europe/Berlin, lee Mon 08:00 America/New_York, raj Mon 17:30 Asia/Kolkata"}},
		// In Kolkata's days the window is Sun 18:30 to Mon 18:30 UTC: the
		// same slot, named on Kolkata's clock.
		{"in Kolkata", []string{"-roster", roster, "-zone", "Asia/Kolkata", "-from", "2026-03-30", "-to", "2026-03-31"}, []string{
			"Best time for 30m: Mon 03-30 17:30-18:00 IST, 3 of 3 can come:",
			"  ana Mon 14:00 Europe/Berlin, lee Mon 08:00 America/New_York, raj Mon 17:30 Asia/Kolkata"}},
		// Ana and raj share 07:00-12:30 UTC: a 5h30m meeting fits once.
		{"long", append([]string{"-roster", roster, "-people", "ana,raj", "-duration", "5h30m"}, monday...), []string{
			"Best time for 5h30m: Mon 03-30 07:00-12:30 UTC, 2 of 2 can come:",
			"  ana Mon 09:00 Europe/Berlin, raj Mon 12:30 Asia/Kolkata"}},
		// Nobody works at the weekend.
		{"none", []string{"-roster", roster, "-from", "2026-03-28", "-to", "2026-03-30"}, []string{
			"Best time for 30m: none; each of the 3 people is never free for 30m in the window."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := mustRun(t, before, append([]string{"summary"}, tc.args...)...)
			checkText(t, out)
			if diff := cmp.Diff(tc.want, lines(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// Lee is away on Monday: the best time is ana's and raj's, and says why
	// lee misses it. Any slot of ana's and raj's common 07:00-12:30 UTC
	// will do; its local times follow from its start.
	out := mustRun(t, before, append([]string{"summary", "-roster", away}, monday...)...)
	var s summaryJSON
	decodeStrict(t, mustRun(t, before, append([]string{"summary", "-roster", away, "-format", "json"}, monday...)...), &s)
	if s.Best == nil {
		t.Fatalf("no best time:\n%s", out)
	}
	start := s.Best.Start
	common := time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)
	if start.Before(common) || s.Best.End.After(common.Add(5*time.Hour+30*time.Minute)) || s.Best.End.Sub(start) != 30*time.Minute {
		t.Fatalf("best time %v, want 30m inside Mon 07:00-12:30 UTC", s.Best.Interval)
	}
	if !cmp.Equal(s.Present, []string{"ana", "raj"}) || len(s.Missing) != 1 || s.Missing[0].ID != "lee" {
		t.Fatalf("present %q, missing %+v; want ana and raj, and lee", s.Present, s.Missing)
	}
	if !strings.Contains(s.Missing[0].Why, "time off (dentist)") {
		t.Errorf("lee misses it for %q, want time off (dentist)", s.Missing[0].Why)
	}
	berlin, kolkata, york := heatLoc(t, "Europe/Berlin"), heatLoc(t, "Asia/Kolkata"), heatLoc(t, "America/New_York")
	want := []string{
		"Best time for 30m: " + span(s.Best.Interval, time.UTC) + ", 2 of 3 can come:",
		"  ana " + start.In(berlin).Format("Mon 15:04") + " Europe/Berlin, raj " + start.In(kolkata).Format("Mon 15:04") + " Asia/Kolkata",
		"  missing lee (" + start.In(york).Format("Mon 15:04") + " America/New_York): " + s.Missing[0].Why,
	}
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("lee away (-want +got):\n%s", diff)
	}

	// From 12:15 on Monday, raj and lee never meet again in the window;
	// the answer is the best of what is left, one of them.
	decodeStrict(t, mustRun(t, time.Date(2026, 3, 30, 12, 15, 0, 0, time.UTC), "summary", "-roster", roster, "-people", "raj,lee",
		"-from", "2026-03-30", "-to", "2026-03-31", "-format", "json"), &s)
	if s.Best == nil || s.Best.Start.Before(time.Date(2026, 3, 30, 12, 15, 0, 0, time.UTC)) || len(s.Present) != 1 || len(s.Missing) != 1 {
		t.Errorf("from 12:15: %+v, want one of raj and lee, from 12:15 on", s)
	}
}

func TestWeekOfOnePerson(t *testing.T) {
	roster := viewsFile(t, "")
	// Ana's Friday before Berlin's change and Monday after it, on her
	// clock: raj is free until 12:30 UTC (13:30 CET, 14:30 CEST), lee from
	// 12:00 UTC (13:00 CET, 14:00 CEST).
	want := []string{
		"Ana Lima's week, Fri 2026-03-27 to Mon 2026-03-30, on Europe/Berlin time:",
		"  Fri 03-27 09:00-13:00  free, with 1 of 2: raj",
		"            13:00-13:30  free, with 2 of 2: lee, raj",
		"            13:30-17:00  free, with 1 of 2: lee",
		"  Mon 03-30 09:00-14:00  free, with 1 of 2: raj",
		"            14:00-14:30  free, with 2 of 2: lee, raj",
		"            14:30-17:00  free, with 1 of 2: lee",
	}
	out := mustRun(t, before, "week", "-roster", roster, "-person", "Ana", "-from", "2026-03-27", "-to", "2026-03-31")
	checkText(t, out)
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	// With -zone, -from and -to are that zone's days; the days shown stay
	// ana's.
	out = mustRun(t, before, "week", "-roster", roster, "-person", "ana", "-zone", "UTC", "-from", "2026-03-27", "-to", "2026-03-31")
	if got := lines(out)[0]; got != "Ana Lima's week, Fri 2026-03-27 01:00 to Tue 2026-03-31 02:00, on Europe/Berlin time:" {
		t.Errorf("with -zone UTC: %q", got)
	}

	// By default, the week that holds now on ana's clock: at 23:30 UTC on
	// Sunday it is already Monday in Berlin.
	out = mustRun(t, time.Date(2026, 3, 29, 23, 30, 0, 0, time.UTC), "week", "-roster", roster, "-person", "ana")
	if got := lines(out)[0]; got != "Ana Lima's week, Mon 2026-03-30 to Sun 2026-04-05, on Europe/Berlin time:" {
		t.Errorf("this week: %q", got)
	}

	// A holiday and busy time show as what they are.
	out = mustRun(t, weekNow, "week", "-person", "sam", "-from", "2026-03-09", "-to", "2026-03-16")
	for _, want := range []string{"Sam Carter's week, Mon 2026-03-09 to Sun 2026-03-15, on America/New_York time:",
		"Thu 03-12 07:00-15:00  time-off: conference"} {
		if !strings.Contains(out, want) {
			t.Errorf("sam's week lacks %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{{"week"}, {"week", "-person", "nobody"}} {
		code, _, errOut := planner(t, weekNow, args...)
		if code != 2 || !strings.Contains(errOut, "-person") {
			t.Errorf("planner %q: exit %d, %q; want 2 and a message about -person", args, code, errOut)
		}
	}
}

func TestPairs(t *testing.T) {
	roster := viewsFile(t, "")
	// Wed 03-25 to Tue 03-31, UTC days: three weekdays before Berlin's
	// change, two after. ana-raj 3 x 4h30m + 2 x 5h30m; ana-lee 3 x 4h +
	// 2 x 3h; raj-lee 5 x 30m; each alone 5 x 8h, lee 5 x 9h.
	want := []string{
		"Hours each pair is free together, Wed 2026-03-25 to Tue 2026-03-31, in UTC;",
		"the diagonal: each person's own free hours.",
		"          ana    raj    lee",
		"ana       40h 24h30m    18h",
		"raj    24h30m    40h  2h30m",
		"lee       18h  2h30m    45h",
	}
	args := []string{"pairs", "-roster", roster, "-from", "2026-03-25", "-to", "2026-04-01"}
	out := mustRun(t, before, args...)
	checkText(t, out)
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var got struct {
		Window struct{ Start, End time.Time }
		People []string
		Both   [][]string
	}
	decodeStrict(t, mustRun(t, before, append(args, "-format", "json", "-people", "lee,raj")...), &got)
	wantJSON := [][]string{{"45h", "2h30m"}, {"2h30m", "40h"}}
	if !cmp.Equal(got.People, []string{"lee", "raj"}) || !cmp.Equal(got.Both, wantJSON) {
		t.Errorf("JSON: people %q, both %q; want lee, raj and %q", got.People, got.Both, wantJSON)
	}
	// Two who never meet.
	out = mustRun(t, weekNow, "pairs", "-from", "2026-03-09", "-people", "mia,priya")
	if rows := lines(out); len(rows) != 5 || strings.Fields(rows[3])[2] != "-" || strings.Fields(rows[4])[1] != "-" {
		t.Errorf("mia and priya share no time; want -:\n%s", out)
	}
}

func TestTourOnACustomRoster(t *testing.T) {
	roster := viewsFile(t, "")
	flags := []string{"-roster", roster, "-from", "2026-03-30", "-to", "2026-03-31"}
	out := mustRun(t, before, flags...)
	checkText(t, out)
	// Its first lines: what the roster is, then the summary.
	summary := lines(mustRun(t, before, append([]string{"summary"}, flags...)...))
	got := lines(out)
	if !strings.HasPrefix(got[0], "tzplan: team.json, 3 people in 3 zones, Mon 2026-03-30 00:00 to Tue 2026-03-31 00:00 UTC") {
		t.Errorf("first line %q", got[0])
	}
	if diff := cmp.Diff(summary, got[1:1+len(summary)]); diff != "" {
		t.Errorf("the tour does not start with the summary (-want +got):\n%s", diff)
	}
	// Without topic flags it says its topic is a sample.
	if !strings.Contains(out, "A sample topic (give yours with -topic, -purpose, -participants and -deadline):\nChoose the release date (decide, 3 people)") {
		t.Errorf("no sample topic named as such:\n%s", out)
	}

	// With them, the topic and the sample meeting are the flags'.
	out = mustRun(t, before, append(flags, "-topic", "Pick a logo", "-purpose", "inform", "-participants", "ana,Lee", "-deadline", "2026-03-31")...)
	for _, want := range []string{"Best slots for 30m with ana, lee, in UTC:", "Pick a logo (inform, 2 people)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the tour with topic flags lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sample topic") || strings.Contains(out, "release date") {
		t.Errorf("the tour with topic flags still uses the sample:\n%s", out)
	}
	// Bad topic flags are errors that name them.
	for _, tc := range []struct{ flag, value, want string }{
		{"-participants", "ana,zed", `-participants "zed": not in the roster`},
		{"-purpose", "decid", "-purpose"},
		{"-deadline", "soon", "-deadline"},
	} {
		code, _, errOut := planner(t, before, append(flags, tc.flag, tc.value)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s %s: exit %d, %q; want 2 and %q", tc.flag, tc.value, code, errOut, tc.want)
		}
	}
}
