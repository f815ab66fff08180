package main

import (
	"fmt"
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

	// Lee is away on Monday: the best time is ana's and raj's (07:00-12:30
	// UTC), the first slot of it that costs nothing: at 07:00 ana's day
	// starts, and raj has 2h30m free before it, no fragment. At 03:00 in
	// New York lee's time off lies under his off hours.
	out := mustRun(t, before, append([]string{"summary", "-roster", away}, monday...)...)
	want := []string{
		"Best time for 30m: Mon 03-30 07:00-07:30 UTC, 2 of 3 can come:",
		"  ana Mon 09:00 Europe/Berlin, raj Mon 12:30 Asia/Kolkata",
		"  missing lee (Mon 03:00 America/New_York): off hours, time off (dentist)",
	}
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("lee away (-want +got):\n%s", diff)
	}
	var s summaryJSON
	decodeStrict(t, mustRun(t, before, append([]string{"summary", "-roster", away, "-format", "json"}, monday...)...), &s)
	if s.Best == nil || !s.Best.Start.Equal(time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)) || !cmp.Equal(s.Present, []string{"ana", "raj"}) ||
		!cmp.Equal(s.Missing, []absence{{"lee", "off hours, time off (dentist)"}}) {
		t.Errorf("lee away, JSON: %+v", s)
	}

	// Six hours: ana and raj share only 5h30m, so one of them misses it.
	// The first slot that costs nothing is raj's 04:30-10:30 (his day's
	// start); ana's day starts at 07:00 UTC (09:00 CEST), inside it: she
	// is off hours for part of it, and the reason says so, not "free".
	out = mustRun(t, before, append([]string{"summary", "-roster", roster, "-people", "ana,raj", "-duration", "6h"}, monday...)...)
	want = []string{
		"Best time for 6h: Mon 03-30 04:30-10:30 UTC, 1 of 2 can come:",
		"  raj Mon 10:00 Asia/Kolkata",
		"  missing ana (Mon 06:30 Europe/Berlin): off hours",
	}
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("six hours (-want +got):\n%s", diff)
	}

	// From 12:15 on Monday, raj (until 12:30) and lee (from 12:00) never
	// meet for 30m again; lee alone at 12:15 would leave him a 15m
	// fragment, at 12:30 none.
	decodeStrict(t, mustRun(t, time.Date(2026, 3, 30, 12, 15, 0, 0, time.UTC), "summary", "-roster", roster, "-people", "raj,lee",
		"-from", "2026-03-30", "-to", "2026-03-31", "-format", "json"), &s)
	if s.Best == nil || !s.Best.Start.Equal(time.Date(2026, 3, 30, 12, 30, 0, 0, time.UTC)) || !cmp.Equal(s.Present, []string{"lee"}) ||
		!cmp.Equal(s.Missing, []absence{{"raj", "off hours"}}) {
		t.Errorf("from 12:15: %+v, want lee alone at 12:30, raj off hours", s)
	}

	for _, d := range []string{"0s", "-30m", "30s", "1m30s"} {
		code, _, errOut := planner(t, before, "summary", "-duration", d)
		if code != 2 || !strings.Contains(errOut, "-duration "+d+": want a positive whole number of minutes") {
			t.Errorf("-duration %s: exit %d, %q", d, code, errOut)
		}
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

	// A night shift is cut at the person's midnight, each part on its own
	// day. Kathmandu is UTC+5:45; ana's 08:00-16:00 UTC is 13:45-21:45
	// there, never with nox.
	night := heatRosterFile(t, `{"people": [
		{"id": "nox", "zone": "Asia/Kathmandu", "hours": "Mon-Fri 22:00-06:00"},
		{"id": "ana", "zone": "Europe/Berlin", "hours": "Mon-Fri 09:00-17:00"}]}`)
	want = []string{
		"nox's week, Mon 2026-03-09 to Tue 2026-03-10, on Asia/Kathmandu time:",
		"  Mon 03-09 22:00-24:00  free, with 0 of 1",
		"  Tue 03-10 00:00-06:00  free, with 0 of 1",
		"            22:00-24:00  free, with 0 of 1",
	}
	out = mustRun(t, before, "week", "-roster", night, "-person", "nox", "-from", "2026-03-09", "-to", "2026-03-11")
	if diff := cmp.Diff(want, lines(out)); diff != "" {
		t.Errorf("a night shift (-want +got):\n%s", diff)
	}

	// Santiago's clocks skip 2026-09-06 00:00 (to 01:00): the week from
	// that day is still whole days, Sunday to Saturday.
	out = mustRun(t, weekNow, "week", "-person", "diego", "-from", "2026-09-06")
	if got := lines(out)[0]; got != "Diego Rojas's week, Sun 2026-09-06 to Sat 2026-09-12, on America/Santiago time:" {
		t.Errorf("a week from a skipped midnight: %q", got)
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
	// Over a month the cells grow wider than the ids; the columns stay
	// aligned. March 2026 has 22 weekdays: 176h each, lee 198h.
	out = mustRun(t, before, "pairs", "-roster", roster, "-from", "2026-03-01", "-to", "2026-04-01")
	rows := lines(out)[2:]
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			t.Errorf("rows of different widths:\n%s", out)
			break
		}
	}
	if f := strings.Fields(rows[3]); f[len(f)-1] != "198h" || strings.Fields(rows[1])[1] != "176h" {
		t.Errorf("a month: ana %q, lee %q; want 176h and 198h alone", rows[1], rows[3])
	}

	// A team too wide for one screen comes in panels of columns, each
	// with every row: 15 people with the same hours in one zone, so every
	// pair, and each alone, has 40h over the week.
	var people []string
	for i := range 15 {
		people = append(people, fmt.Sprintf(`{"id": "p%02d", "zone": "Asia/Kolkata", "hours": "Mon-Fri 10:00-18:00"}`, i))
	}
	wide := heatRosterFile(t, `{"people": [`+strings.Join(people, ",")+`]}`)
	out = mustRun(t, before, "pairs", "-roster", wide, "-from", "2026-03-23", "-to", "2026-03-30")
	checkText(t, out)
	panels := strings.Split(strings.Join(lines(out)[2:], "\n"), "\n\n")
	seen := map[string]bool{}
	for _, p := range panels {
		rows := strings.Split(p, "\n")
		if len(rows) != 16 {
			t.Fatalf("a panel of %d rows, want a heading and 15:\n%s", len(rows), out)
		}
		for _, id := range strings.Fields(rows[0]) {
			seen[id] = true
		}
		for _, r := range rows[1:] {
			for _, cell := range strings.Fields(r)[1:] {
				if cell != "40h" {
					t.Fatalf("a cell %q, want 40h:\n%s", cell, out)
				}
			}
		}
	}
	if len(panels) < 2 || len(seen) != 15 {
		t.Errorf("%d panels naming %d people, want several naming all 15:\n%s", len(panels), len(seen), out)
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
	// Someone with no working hours never replies: the tour says there is
	// no advice and goes on; advise fails, saying why.
	idle := heatRosterFile(t, strings.Replace(strings.Replace(viewsRoster, "%s", "", 1), `"hours": "Mon-Fri 08:00-17:00"`, `"hours": ""`, 1))
	out = mustRun(t, before, "-roster", idle, "-from", "2026-03-30", "-to", "2026-03-31")
	checkText(t, out)
	if !strings.Contains(out, "No advice: a message among the topic's people gets no reply (to \"lee\"") || !strings.Contains(out, "Best slots") {
		t.Errorf("the tour with someone who never replies:\n%s", out)
	}
	code, _, errOut := planner(t, before, "advise", "-roster", idle, "-from", "2026-03-30", "-to", "2026-03-31", "-now", "2026-03-30T08:00:00Z")
	if code != 2 || !strings.Contains(errOut, "no advice: a message among the topic's people gets no reply") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("advise with someone who never replies: exit %d, %q", code, errOut)
	}

	// A long title wraps.
	out = mustRun(t, before, append(flags, "-topic", strings.Repeat("Decide what we do about the long title ", 3))...)
	checkText(t, out)

	// Bad topic flags are errors that name them.
	for _, tc := range []struct{ flag, value, want string }{
		{"-participants", "ana,zed", `-participants "zed": not in the roster`},
		{"-purpose", "decid", "-purpose"},
		{"-deadline", "soon", "-deadline"},
		{"-participants", "ana,ANA", `-participants "ANA": listed twice`},
		// A date is its 00:00, which has passed by the tour's instant.
		{"-deadline", "2026-03-30", `-deadline "2026-03-30": it is Mon 03-30 00:00 UTC, not after Mon 03-30 00:00 UTC`},
	} {
		code, _, errOut := planner(t, before, append(flags, tc.flag, tc.value)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s %s: exit %d, %q; want 2 and %q", tc.flag, tc.value, code, errOut, tc.want)
		}
	}
}
