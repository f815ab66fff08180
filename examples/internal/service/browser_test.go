package service

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/internal/browsertest"
)

// TestBrowser opens the page in headless Chromium on the demo team, plans
// the week of 2026-12-07 in UTC, and checks what it draws against counts
// worked out by hand from examples/internal/plan/demo.json and its .ics
// files, the .ics file it downloads, and a quiet console.
func TestBrowser(t *testing.T) {
	// The service's clock, a week after the one under test: the page's
	// default week is the service's this week, whatever the machine's
	// date, and the week under test then needs the page to send advise a
	// "now" inside it.
	now := time.Date(2026, 12, 16, 9, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(New(Options{Now: func() time.Time { return now }}))
	defer srv.Close()

	// A browser zone other than the one asked for: what the page draws
	// must not depend on the machine's zone.
	tab, console := browsertest.Start(t, chromedp.WindowSize(1280, 1000), chromedp.Env("TZ=America/Los_Angeles"))
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(tab, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}

	// The first plan, on the demo team with the week the service picks.
	waitState(t, tab, "ready", chromedp.Navigate(srv.URL+"/"))
	if week := value(t, tab, "#week"); week != "2026-12-14" {
		t.Errorf("default week = %q, want the service's this week, 2026-12-14", week)
	}

	// Then the week and the zone under test, set in the form, and submit.
	waitState(t, tab, "ready",
		chromedp.SetValue(chromedp.ID("week"), "2026-12-07"),
		chromedp.SetValue(chromedp.ID("zone"), "UTC"),
		chromedp.Click(chromedp.ID("go")),
	)

	checkTeam(t, tab)
	checkHeatmap(t, tab)
	start, end, attendees := checkFirstSuggestion(t, tab)
	checkDownload(t, tab, downloads, start, end, attendees)
	checkVerdict(t, tab)

	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(t.TempDir(), "tzplan-page.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)

	// Ask for something the console must stay quiet about, so that the
	// events of everything before it have arrived.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatal(err)
	}
	for _, p := range console.Take() {
		t.Errorf("browser console: %s", p)
	}

	// Bad input shows the service's error, and the page keeps working:
	// the 400 is the browser's one expected complaint.
	roster := `{"people": [{"id": "zed", "zone": "Mars/Olympus_Mons", "hours": "Mon-Fri 09:00-17:00"}]}`
	waitState(t, tab, "error",
		chromedp.Click(chromedp.CSS(`input[name="source"][value="paste"]`)),
		chromedp.SetValue(chromedp.ID("roster-text"), roster),
		chromedp.Click(chromedp.ID("go")),
	)
	msg, err := chromedp.Run(tab, chromedp.Text(chromedp.ID("error"), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("the error box: %v", err)
	}
	if !strings.Contains(msg, "Mars/Olympus_Mons") {
		t.Errorf("error box = %q, want the service's error naming the zone", msg)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatal(err)
	}
	for _, p := range console.Take() {
		if !strings.Contains(p, "400") {
			t.Errorf("browser console, after a bad roster: %s", p)
		}
	}
}

// waitState clears the page's state, runs the steps, and waits until the
// page says it is done with body[data-state=want].
func waitState(t *testing.T, tab context.Context, want string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	steps = append(slices.Clone(steps), chromedp.WaitVisible(chromedp.CSS(`body[data-state="ready"], body[data-state="error"]`)))
	// Clearing first keeps the previous plan's "ready" from answering.
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.body && (document.body.dataset.state = "")`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatalf("waiting for the page to be %s: %v", want, err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body.dataset.state`))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("error").textContent`))
		t.Fatalf("page state = %q, want %q (error box: %q)", got, want, text)
	}
}

func value(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// evaluate runs a JavaScript expression and decodes its JSON result.
func evaluate[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func checkTeam(t *testing.T, tab context.Context) {
	t.Helper()
	rows := evaluate[[][]string](t, tab, `Array.from(document.querySelectorAll("#team tbody tr"),
		r => Array.from(r.cells, c => c.textContent))`)
	if len(rows) != 8 {
		t.Fatalf("#team has %d people, want the demo's 8", len(rows))
	}
	// Ben's row: the zone, and a local time now that the browser works out.
	if got := rows[0]; got[0] != "Ben Okafor" || got[1] != "ben" || got[2] != "Europe/Berlin" ||
		!regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d GMT\+[12]$`).MatchString(got[3]) {
		t.Errorf("#team's first row = %q, want Ben Okafor, ben, Europe/Berlin and his time now", got)
	}
}

func checkHeatmap(t *testing.T, tab context.Context) {
	t.Helper()
	perRow := evaluate[[]int](t, tab, `Array.from(document.querySelectorAll("#heatmap tbody tr"),
		r => r.querySelectorAll("td.cell").length)`)
	if want := []int{24, 24, 24, 24, 24, 24, 24}; !slices.Equal(perRow, want) {
		t.Errorf("#heatmap cells per row = %v, want %v", perRow, want)
	}

	// The demo team's people free for the whole hour, by hand, from
	// demo.json (hours, focus blocks) and demo/<id>.ics (meetings). In
	// December: Berlin UTC+1, Kolkata +5:30, New York -5, Sao Paulo -3,
	// Santiago -3 (summer time), Jerusalem +2, Manila +8, Sydney +11. No
	// holiday or time off falls in the week.
	for _, c := range []struct {
		date, clock, until string
		free               []string
	}{
		// Mon 2026-12-07 11:00-12:00 UTC:
		//   ben   Berlin 12:00-13:00, working 09-17; his soft focus (Mon, Wed,
		//         Fri 09:00 for 3h) ends at 12:00; no meeting -> free
		//   priya Kolkata 16:30-17:30, working 10:00-18:30; focus 10:00-11:30
		//         is over; standup 18:30 -> free
		//   noa   Jerusalem 13:00-14:00, works Sun-Thu 09-18; standup 15:00
		//         -> free
		//   diego Santiago 08:00-09:00, starts at 08:30 -> not the whole hour
		//   sam   New York 06:00-07:00, starts at 07:00 -> not free
		//   ana   Sao Paulo 08:00-09:00, starts at 09:00 -> not free
		//   jun   Manila 19:00-20:00, works 22:00-06:00 -> not free
		//   mia   Sydney 22:00-23:00 -> not free
		{"2026-12-07", "11:00", "12:00", []string{"ben", "noa", "priya"}},
		// Mon 2026-12-07 14:00-15:00 UTC (just after the daily standup,
		// 14:00-14:15 Berlin = 13:00-13:15 UTC):
		//   ben   Berlin 15:00-16:00, working, no focus in the afternoon, gym
		//         at 18:30 -> free
		//   priya Kolkata 19:30-20:30, after 18:30 -> not free
		//   sam   New York 09:00-10:00, working 07-15 (Mon-Thu); the weekly
		//         status is on Thursdays -> free
		//   ana   Sao Paulo 11:00-12:00, in her 09:00-12:00 morning; the
		//         Ana / Diego 1:1 (11:00-11:30 Sao Paulo) is every other
		//         Monday from 2026-01-12: 2026-12-07 is 329 days = 47 weeks
		//         later, an odd count, so not this Monday (it is on 12-14)
		//         -> free
		//   diego Santiago 11:00-12:00, working 08:30-17:30, the same 1:1 not
		//         this week -> free
		//   noa   Jerusalem 16:00-17:00, working; standup 15:00-15:15 -> free
		//   jun   Manila 22:00-23:00 Monday, his 22:00-06:00 shift; standup
		//         21:00-21:15, gym (Mon, Wed, Fri) 15:00 -> free
		//   mia   Sydney Tue 01:00-02:00 -> not free
		{"2026-12-07", "14:00", "15:00", []string{"ana", "ben", "diego", "jun", "noa", "sam"}},
	} {
		sel := fmt.Sprintf(`#heatmap td.cell[data-date=%q][data-clock=%q]`, c.date, c.clock)
		attrs, err := chromedp.Run(tab, chromedp.Attributes(chromedp.CSS(sel)))
		if err != nil {
			t.Errorf("%s: %v", sel, err)
			continue
		}
		if got, want := attrs["data-count"], fmt.Sprint(len(c.free)); got != want {
			t.Errorf("%s %s UTC: data-count = %q, want %s (%s)", c.date, c.clock, got, want, strings.Join(c.free, ", "))
		}
		// The title names who is free: "Mon 12-07 11:00-12:00 UTC: 3 of 8
		// free: Ben Okafor, Noa Levi, Priya Raman", in the service's order.
		title := attrs["title"]
		head, names, _ := strings.Cut(title, " free: ")
		got := strings.Split(names, ", ")
		slices.Sort(got)
		var want []string
		for _, id := range c.free {
			want = append(want, demoNames[id])
		}
		slices.Sort(want)
		wantHead := fmt.Sprintf("Mon 12-07 %s-%s UTC: %d of 8", c.clock, c.until, len(c.free))
		if head != wantHead || !slices.Equal(got, want) {
			t.Errorf("%s %s UTC: title = %q, want %q and the names %s", c.date, c.clock, title, wantHead, strings.Join(c.free, ", "))
		}
	}
}

type attendee struct{ ID, Role, Local, Zone string }

// checkFirstSuggestion checks that the first slot shows each attendee's
// wall clock, as the slot's start reads in their zone.
func checkFirstSuggestion(t *testing.T, tab context.Context) (start, end time.Time, people []attendee) {
	t.Helper()
	n := evaluate[int](t, tab, `document.querySelectorAll("#suggestions li.suggestion").length`)
	if n == 0 {
		why := evaluate[string](t, tab, `document.getElementById("why").textContent`)
		t.Fatalf("no suggestion for the demo's week (why: %q)", why)
	}
	const first = `#suggestions li.suggestion:first-child`
	attrs, err := chromedp.Run(tab, chromedp.Attributes(chromedp.CSS(first)))
	if err != nil {
		t.Fatal(err)
	}
	if start, err = time.Parse(time.RFC3339, attrs["data-start"]); err != nil {
		t.Fatalf("the first suggestion's data-start: %v", err)
	}
	if end, err = time.Parse(time.RFC3339, attrs["data-end"]); err != nil {
		t.Fatalf("the first suggestion's data-end: %v", err)
	}
	if end.Sub(start) != 30*time.Minute {
		t.Errorf("the first suggestion is %s to %s, want 30 minutes", start, end)
	}
	rows := evaluate[[][]string](t, tab, `Array.from(document.querySelectorAll("`+first+` table.attendees tbody tr"),
		r => Array.from(r.cells, c => c.textContent))`)
	for _, r := range rows {
		if len(r) < 4 {
			t.Fatalf("attendee row %q: want person, role, their time and zone", r)
		}
		people = append(people, attendee{ID: r[0], Role: r[1], Local: r[2], Zone: r[3]})
	}
	// The tour's default: the first three of the team required, the
	// fourth optional.
	var ids []string
	for _, a := range people {
		ids = append(ids, a.ID+" "+a.Role)
	}
	if want := []string{"ben required", "priya required", "sam required", "ana optional"}; !slices.Equal(ids, want) {
		t.Errorf("the first suggestion's attendees = %q, want %q", ids, want)
	}
	for _, a := range people {
		loc, err := time.LoadLocation(a.Zone)
		if err != nil {
			t.Errorf("%s's zone %q: %v", a.ID, a.Zone, err)
			continue
		}
		if want := start.In(loc).Format("Mon 15:04"); a.Local != want {
			t.Errorf("%s's local time = %q, want %q (%s in %s)", a.ID, a.Local, want, start.Format(time.RFC3339), a.Zone)
		}
	}
	return start, end, people
}

// checkDownload clicks the first suggestion's .ics button and reads the
// file the browser saves.
func checkDownload(t *testing.T, tab context.Context, dir string, start, end time.Time, people []attendee) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#suggestions li.suggestion:first-child button.ics`))); err != nil {
		t.Fatalf("clicking Download .ics: %v", err)
	}
	// Chromium writes a .crdownload and renames it when done.
	path := filepath.Join(dir, "tzplan-meeting.ics")
	var data []byte
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		b, err := os.ReadFile(path)
		if err == nil {
			data = b
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("no %s after 10s (the folder holds %v)", path, entries)
		}
	}
	for _, prop := range []string{"DTSTART", "DTEND"} {
		if !regexp.MustCompile(`(?m)^` + prop + `:\d{8}T\d{6}Z\r?$`).Match(data) {
			t.Errorf("the invite has no %s in UTC:\n%s", prop, data)
		}
	}
	cal, err := ics.Read(t.Context(), bytes.NewReader(data), ics.Options{Strict: true})
	if err != nil {
		t.Fatalf("reading the invite: %v\n%s", err, data)
	}
	events, err := cal.Events(t.Context(), calendar.Interval{Start: start.Add(-48 * time.Hour), End: end.Add(48 * time.Hour)}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Fatalf("the invite has %d events, want 1:\n%s", len(events), data)
	}
	ev := events[0]
	if !ev.Start.Equal(start) || !ev.End.Equal(end) {
		t.Errorf("the invite is %s to %s, want the first suggestion, %s to %s", ev.Start, ev.End, start, end)
	}
	if ev.Summary != "Choose the release date" {
		t.Errorf("the invite's SUMMARY = %q, want the topic's title", ev.Summary)
	}
	var got, want []string
	for _, a := range ev.Attendees {
		got = append(got, strings.ToLower(a.Address))
	}
	for _, a := range people {
		// The demo's first email of each person.
		want = append(want, a.ID+"@tzplan-demo.example")
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the invite's ATTENDEEs = %q, want %q", got, want)
	}
}

func checkVerdict(t *testing.T, tab context.Context) {
	t.Helper()
	mode := evaluate[string](t, tab, `(document.querySelector("#verdict h3.mode") || {}).textContent || ""`)
	if !regexp.MustCompile(`^(ASYNC|SYNC|HYBRID)`).MatchString(mode) {
		t.Errorf("#verdict's mode = %q, want async, sync or hybrid", mode)
	}
	reasons := evaluate[[]string](t, tab, `Array.from(document.querySelectorAll("#verdict ul.reasons li"), li => li.textContent)`)
	if len(reasons) == 0 {
		t.Error("#verdict shows no reason")
	}
}

// demoNames are the demo team's names, as its roster gives them.
var demoNames = map[string]string{"ben": "Ben Okafor", "priya": "Priya Raman", "sam": "Sam Carter", "ana": "Ana Souza",
	"diego": "Diego Rojas", "noa": "Noa Levi", "jun": "Jun Reyes", "mia": "Mia Walker"}
