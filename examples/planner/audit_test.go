package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// The demo team's four weeks from 2026-03-09, worked out from its
// calendars: the daily standup (every weekday, 20 of them) and the weekly
// status inform by their titles: make-async. Sam (07:00-15:00 New York,
// 11:00-19:00 UTC in EDT) and Mia (08:00-16:00 Sydney, 21:00-05:00 UTC in
// AEDT until April 5) share no working hour, and their 1:1 (Wednesday
// 16:00 New York, 20:00 UTC) is an hour after Sam's day and an hour before
// Mia's every time: no time of day fits both, and it already sits in the
// middle of the gap, where a rotation keeps it: keep, saying so. (In
// December, with New York on EST, it is at 21:00 UTC, in Mia's day and
// two hours after Sam's: a rotation moves it, and shares the burden.) The
// kickoff is a one-off: keep. The cancelled "Offsite logistics" is no
// meeting.
func TestAuditOfTheDemoTeam(t *testing.T) {
	out := mustRun(t, weekNow, "audit", "-from", "2026-03-09", "-to", "2026-04-06")
	checkText(t, out)
	verdicts := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 6 && !strings.HasPrefix(line, " ") {
			verdicts[strings.Join(f[:len(f)-6], " ")] = f[len(f)-1]
		}
	}
	for title, want := range map[string]string{
		"Daily standup (20x)": "make-async", "Weekly status (4x)": "make-async", "Sam / Mia 1:1 (4x)": "keep", "Q2 roadmap kickoff": "keep",
	} {
		if verdicts[title] != want {
			t.Errorf("%s: verdict %q, want %s\n%s", title, verdicts[title], want, out)
		}
	}
	if strings.Contains(out, "Offsite logistics") {
		t.Errorf("the cancelled meeting is audited:\n%s", out)
	}
	for _, id := range demoIDs {
		if !strings.Contains(out, "\n"+id+" ") {
			t.Errorf("no row for %s:\n%s", id, out)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "no rotation moves it off its time") {
		t.Errorf("the 1:1 kept without saying why:\n%s", out)
	}
	december := mustRun(t, weekNow, "audit", "-from", "2026-12-21")
	if !strings.Contains(december, "Sam / Mia 1:1 (4x)") || !strings.Contains(december, "rotate among: ") {
		t.Errorf("no rotation of the 1:1 in December:\n%s", december)
	}
}

func TestAuditJSONAndSVG(t *testing.T) {
	out := mustRun(t, weekNow, "audit", "-from", "2026-03-09", "-to", "2026-04-06", "-format", "json")
	checkUTC(t, out)
	var a policy.Audit
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("the audit's JSON does not read back: %v", err)
	}
	if len(a.Series) != 8 || len(a.Load.People) != len(demoIDs) || a.Months != 28.0/30 {
		t.Errorf("%d series, %d people, %v months; want 8, %d and 28 days", len(a.Series), len(a.Load.People), a.Months, len(demoIDs))
	}
	svg := mustRun(t, weekNow, "audit", "-from", "2026-03-09", "-to", "2026-04-06", "-format", "svg")
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	for _, id := range demoIDs {
		if !strings.Contains(svg, ">"+id+"</text>") || !strings.Contains(svg, "<title>"+id+": ") {
			t.Errorf("no bar for %s", id)
		}
	}
}

// A purpose given on the command line wins over the title's.
func TestAuditPurposeFlag(t *testing.T) {
	out := mustRun(t, weekNow, "audit", "-from", "2026-03-09", "-to", "2026-04-06", "-format", "json", "-purpose", "Weekly status=decide")
	var a policy.Audit
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	for _, s := range a.Series {
		if s.Title == "Weekly status" && (s.Purpose != policy.Decide || s.Guessed || s.Verdict == policy.VerdictMakeAsync) {
			t.Errorf("Weekly status: purpose %s (guessed %v), verdict %s", s.Purpose, s.Guessed, s.Verdict)
		}
	}
	for _, c := range []struct{ flag, want string }{
		{"Weekly status", `"Weekly status": want TITLE=PURPOSE`},
		{"Weekly status=chat", `unknown purpose`},
		{"=decide", `want TITLE=PURPOSE`},
	} {
		code, _, errOut := planner(t, weekNow, "audit", "-purpose", c.flag)
		if code != 2 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("-purpose %q: exit %d, stderr %q; want one line with %q", c.flag, code, errOut, c.want)
		}
	}
}

// A roster whose calendars hold no meeting of two of its people says so.
func TestAuditWithNoMeetings(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "team.json")
	if err := os.WriteFile(roster, []byte(`{"people":[{"id":"ben","zone":"Europe/Berlin"},{"id":"ana","zone":"UTC"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, weekNow, "audit", "-roster", roster)
	if !strings.Contains(out, "No meetings:") {
		t.Errorf("no word of no meetings:\n%s", out)
	}
}

// TestReadmeExcerpts: every line the README shows of the tour and of the
// audit (but the "..." that cut them) is a line the planner prints for
// the command it names.
func TestReadmeExcerpts(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		after string
		args  []string
	}{
		{"slots start from then):", []string{"-from", "2026-03-09"}},
		{"December (`audit -from 2026-12-07`):", []string{"audit", "-from", "2026-12-07"}},
		{"(`summary -from 2026-12-21 -zone Asia/Kolkata`):", []string{"summary", "-from", "2026-12-21", "-zone", "Asia/Kolkata"}},
		{"(`week -person sam -from 2026-03-09`):", []string{"week", "-person", "sam", "-from", "2026-03-09"}},
		{"(`pairs -from 2026-12-21 -zone Asia/Kolkata`):", []string{"pairs", "-from", "2026-12-21", "-zone", "Asia/Kolkata"}},
	} {
		text := string(readme)
		i := strings.Index(text, c.after)
		if i < 0 {
			t.Fatalf("the README has no %q", c.after)
		}
		text = text[i:]
		start := strings.Index(text, "```\n") + 4
		block := text[start : start+strings.Index(text[start:], "```")]
		lines := map[string]bool{}
		for _, l := range strings.Split(mustRun(t, weekNow, c.args...), "\n") {
			lines[l] = true
		}
		for _, l := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
			if l != "..." && !lines[l] {
				t.Errorf("the README's %q shows a line the planner does not print: %q", c.after, l)
			}
		}
	}
}

// holidays lists the dates of codes over a window, as the law has them:
// in June and July 2026, the King's (rickar: Queen's) Birthday in New
// Zealand on Monday 06-01, Juneteenth on Friday 06-19, Independence Day
// (Saturday 07-04) observed on Friday 07-03, and Matariki on Friday
// 07-10 (Te Kāhui o Matariki Public Holiday Act 2022); -actual keeps
// Independence Day on the 4th.
func TestHolidayDates(t *testing.T) {
	out := mustRun(t, weekNow, "holidays", "-codes", "nz,US", "-from", "2026-06-01", "-to", "2026-08-01")
	want := "Holidays of NZ, US, 2026-06-01 to 2026-07-31 (observed dates):\n" +
		"  Mon 2026-06-01  NZ      Queen's Birthday\n" +
		"  Fri 2026-06-19  US      Juneteenth\n" +
		"  Fri 2026-07-03  US      Independence Day\n" +
		"  Fri 2026-07-10  NZ      Matariki\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	var j struct {
		From, To string
		Codes    []string
		Holidays []struct{ Date, Name, Code string }
	}
	if err := json.Unmarshal([]byte(mustRun(t, weekNow, "holidays", "-codes", "US", "-actual", "-from", "2026-07-01", "-to", "2026-07-31", "-format", "json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.From != "2026-07-01" || j.To != "2026-07-30" || len(j.Holidays) != 1 || j.Holidays[0].Date != "2026-07-04" || j.Holidays[0].Code != "US" {
		t.Errorf("JSON %+v", j)
	}
	// The default window is this year; the demo roster's people each on
	// their own calendar, with the holiday calendars a roster names.
	if out := mustRun(t, weekNow, "holidays", "-codes", "DE-BE"); !strings.Contains(out, "2026-01-01 to 2026-12-31") || !strings.Contains(out, "Tag der Deutschen Einheit") {
		t.Errorf("DE-BE this year:\n%s", out)
	}
	company := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20260612\r\nSUMMARY:Company anniversary\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	roster := writeRoster(t, `{"holidayCalendars": ["company.ics"], "people": [{"id": "ana", "zone": "Europe/Berlin",
		"workingDays": ["2026-05-01"], "daysOff": [{"date": "2026-06-15", "name": "Team day"}]}]}`, map[string]string{"company.ics": company})
	out = mustRun(t, weekNow, "holidays", "-roster", roster, "-from", "2026-05-01", "-to", "2026-07-01")
	want = "Holidays, 2026-05-01 to 2026-06-30, each on the person's own calendar:\nana (Europe/Berlin):\n" +
		"  Fri 2026-06-12  own     Company anniversary\n  Mon 2026-06-15  own     Team day\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	// A bound left out is the new year's day around the other; a code
	// given twice is listed once.
	if out := mustRun(t, weekNow, "holidays", "-codes", "us,US", "-from", "2026-06-01"); !strings.HasPrefix(out, "Holidays of US, 2026-06-01 to 2026-12-31") {
		t.Errorf("-from alone:\n%s", out)
	}
	if out := mustRun(t, weekNow, "holidays", "-codes", "US", "-to", "2026-03-01"); !strings.HasPrefix(out, "Holidays of US, 2026-01-01 to 2026-02-28") {
		t.Errorf("-to alone:\n%s", out)
	}
	if code, _, errOut := planner(t, weekNow, "holidays", "-codes", "NZ,UK"); code != 2 || !strings.Contains(errOut, `"UK"`) {
		t.Errorf("an unknown code: exit %d, %q", code, errOut)
	}
}

// suggest -format ics writes the picked slot as an invite that reads back
// strictly: its time, every attendee with their roster email (the
// optional one as such), a UID that is the same each time it is written,
// under any title, and another for another slot; rotate writes one a
// slot, and no file when no rotation fits.
func TestInvitesFromThePlanner(t *testing.T) {
	sug := []string{"suggest", "-from", "2026-03-09", "-to", "2026-03-16", "-required", "ben,priya,sam", "-optional", "ana", "-format", "ics", "-title", "Release date"}
	read := func(out string) []ics.Event {
		c, err := ics.Read(context.Background(), strings.NewReader(out), ics.Options{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		es, err := c.Events(context.Background(), calendar.Interval{Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	var j struct {
		Suggestions []overlap.Suggestion `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, weekNow, append(slices.Clone(sug[:len(sug)-4]), "-format", "json")...)), &j); err != nil {
		t.Fatal(err)
	}
	first := read(mustRun(t, weekNow, sug...))
	if len(first) != 1 || first[0].Summary != "Release date" || !first[0].Start.Equal(j.Suggestions[0].Start) || !first[0].End.Equal(j.Suggestions[0].End) {
		t.Fatalf("invite %+v, want the best suggestion %s", first, j.Suggestions[0].Interval)
	}
	var who []string
	for _, a := range first[0].Attendees {
		who = append(who, a.Address+" "+a.Role)
	}
	if len(who) != len(j.Suggestions[0].Attendees) || !strings.Contains(strings.Join(who, ","), "ben@tzplan-demo.example REQ-PARTICIPANT") ||
		!strings.Contains(strings.Join(who, ","), "ana@tzplan-demo.example OPT-PARTICIPANT") {
		t.Errorf("attendees %v, want all %d, with their emails", who, len(j.Suggestions[0].Attendees))
	}
	// Another title is the same meeting: the same UID.
	retitled := slices.Clone(sug)
	retitled[len(retitled)-1] = "Release date (moved)"
	if again := read(mustRun(t, weekNow, retitled...)); again[0].UID != first[0].UID || again[0].Summary != "Release date (moved)" {
		t.Errorf("retitled: %+v, want UID %q", again[0], first[0].UID)
	}
	if again := read(mustRun(t, weekNow, sug...)); again[0].UID != first[0].UID {
		t.Errorf("UID %q, then %q", first[0].UID, again[0].UID)
	}
	if second := read(mustRun(t, weekNow, append(slices.Clone(sug), "-pick", "2")...)); second[0].UID == first[0].UID || second[0].Start.Equal(first[0].Start) {
		t.Errorf("the second suggestion's invite: %+v", second)
	}
	if code, _, errOut := planner(t, weekNow, append(slices.Clone(sug), "-pick", "99")...); code != 2 || !strings.Contains(errOut, "-pick 99") {
		t.Errorf("-pick 99: exit %d, %q", code, errOut)
	}
	rot := read(mustRun(t, weekNow, "rotate", "-n", "4", "-from", "2026-03-09", "-to", "2026-04-06", "-required", "ben,priya,sam", "-format", "ics"))
	if len(rot) != 4 {
		t.Errorf("%d invites for a rotation of 4", len(rot))
	}
	if code, out, _ := planner(t, weekNow, "rotate", "-n", "3", "-from", "2026-03-09", "-format", "ics"); code != 2 || out != "" {
		t.Errorf("no rotation fits: exit %d, output %q", code, out)
	}
}
