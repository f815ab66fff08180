package caldav

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
)

// The tests here run against Xandikos, a real CalDAV server (the Debian
// package xandikos), started on loopback: a server stores a calendar as
// objects of one UID each and picks what a query asks for in its own way,
// and what it gives back must read as the same busy time as the file it
// was given.

// xandikosFile is a calendar to upload: its name on the server and its
// file.
type xandikosFile struct {
	name, path string
}

// xandikosFiles are the calendars the tests upload: ours, which hold the
// hard cases, and the demo team's, real exports of Google Calendar,
// Outlook, Exchange and Apple Calendar.
func xandikosFiles(t *testing.T) []xandikosFile {
	t.Helper()
	files := []xandikosFile{
		{"series", "testdata/xandikos-berlin-series.ics"},
		{"custom-zone", "testdata/xandikos-custom-zone.ics"},
		{"one-offs", "testdata/xandikos-one-offs.ics"},
		{"free-busy", "testdata/xandikos-free-busy.ics"},
		{"free-busy-wrong", "testdata/xandikos-free-busy-wrong.ics"},
		{"date-alone", "testdata/xandikos-free-busy-date-alone.ics"},
	}
	demo, err := filepath.Glob("../../examples/internal/plan/demo/*.ics")
	if err != nil || len(demo) == 0 {
		t.Fatalf("the demo calendars: %v (found %d)", err, len(demo))
	}
	for _, p := range demo {
		files = append(files, xandikosFile{"demo-" + strings.TrimSuffix(filepath.Base(p), ".ics"), p})
	}
	return files
}

// The windows cross the clock changes of 2026: Europe's on 29 March and
// 25 October, the United States' on 8 March and 1 November.
var xandikosWindows = []struct {
	name   string
	window calendar.Interval
}{
	{"Europe spring", xandikosWindow("2026-03-23", "2026-04-06")},
	{"US spring", xandikosWindow("2026-03-02", "2026-03-16")},
	{"fall", xandikosWindow("2026-10-19", "2026-11-09")},
	{"2026", xandikosWindow("2026-01-01", "2027-01-01")},
}

// xandikosReadIn says whether the calendar name is read by its URL in the
// window: those with our edge cases in every window; the others (the
// demo team's, which have the most objects and so cost Xandikos most to
// search, and those made for the free-busy tests) in the whole year, which
// holds the spring weeks too, and in the fall window through the server's
// root (all calendars at once).
func xandikosReadIn(name, window string) bool {
	switch name {
	case "series", "custom-zone", "one-offs":
		return true
	}
	return window == "2026"
}

// xandikosWindow runs from one date to another, at 00:00 UTC: fixed
// instants, so that the zones share one fetch of a window.
func xandikosWindow(from, to string) calendar.Interval {
	day := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return calendar.Interval{Start: day(from), End: day(to)}
}

// xandikosZones are the owners' zones: Kolkata, with its half hour and no
// clock changes, reads floating times off the hour in UTC.
func xandikosZones(t *testing.T) []*time.Location {
	t.Helper()
	var zones []*time.Location
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		zones = append(zones, loc)
	}
	return zones
}

// startXandikos starts Xandikos with an empty store, a principal /user/
// and its calendar home /user/calendars/, and returns its root URL; the
// server stops when the test ends. It skips the test where Xandikos is
// not installed, and with -short.
func startXandikos(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("an integration test against a CalDAV server: not with -short")
	}
	bin, err := exec.LookPath("xandikos")
	if err != nil {
		t.Skip("xandikos not found: install the Debian package (apt-get install -y xandikos), as .ci/run does")
	}
	// The free port is found by listening and closing, so another process
	// may take it before Xandikos does: try again then.
	for attempt := 1; ; attempt++ {
		root, log, err := runXandikos(t, bin)
		if err == nil {
			return root
		}
		if attempt == 3 {
			t.Fatalf("xandikos: %v; it said:\n%s", err, log)
		}
	}
}

// xandikosShell runs Xandikos ("$0" "$@") and stops it once its own
// standard input closes: when the test stops it, and also when the test
// process dies before its cleanup runs (on a timeout's panic, say),
// which would otherwise leave the server running.
const xandikosShell = `exec 3<&0; "$0" "$@" & pid=$!; { read _ <&3; kill $pid; } >/dev/null 2>&1 & wait $pid`

// runXandikos starts Xandikos on a free port of 127.0.0.1 and waits until
// it answers. On failure it returns what the server wrote.
func runXandikos(t *testing.T, bin string) (root, log string, err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var out bytes.Buffer // read only once the process is gone
	cmd := exec.Command("sh", "-c", xandikosShell, bin, "--defaults", "-d", t.TempDir(), "-l", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = &out, &out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", "", err
	}
	if err := cmd.Start(); err != nil {
		return "", "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		stdin.Close()
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	root = fmt.Sprintf("http://127.0.0.1:%d/", port)
	deadline := time.Now().Add(20 * time.Second)
	for !xandikosAnswers(root) {
		select {
		case err := <-exited:
			return "", out.String(), fmt.Errorf("it exited before answering (%v)", err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return "", out.String(), errors.New("no answer within 20 s")
		}
	}
	t.Cleanup(stop)
	return root, "", nil
}

// xandikosAnswers reports whether the server answers at all.
func xandikosAnswers(root string) bool {
	c := http.Client{Timeout: time.Second}
	resp, err := c.Get(root)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

// xandikosDo sends a request that the server must answer with want.
func xandikosDo(method, url, contentType, body string, want int) error {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %s, want %d; the server said:\n%s", method, url, resp.Status, want, b)
	}
	return nil
}

// xandikosObjects cuts an iCalendar file into the objects a CalDAV server
// stores, one a UID (RFC 4791 4.1): each holds the file's VCALENDAR
// properties, all its VTIMEZONEs, and its components with that UID (a
// series with its overrides). Lines stay as written, folded or not.
func xandikosObjects(path string, data []byte) ([]string, error) {
	// A content line is a physical line and the folded ones after it.
	var lines []string
	for _, l := range strings.SplitAfter(string(data), "\n") {
		switch {
		case l == "":
		case (l[0] == ' ' || l[0] == '\t') && len(lines) > 0:
			lines[len(lines)-1] += l
		default:
			lines = append(lines, l)
		}
	}
	unfold := strings.NewReplacer("\r\n ", "", "\r\n\t", "", "\n ", "", "\n\t", "")
	var header, zones, comp, uids []string
	byUID := map[string][]string{}
	depth, uid := 0, ""
	for _, l := range lines {
		name, value, _ := strings.Cut(strings.TrimRight(unfold.Replace(l), "\r\n"), ":")
		name = strings.ToUpper(name)
		if name == "BEGIN" {
			depth++
		}
		switch {
		case depth == 1 && (name == "BEGIN" || name == "END"): // the VCALENDAR's own
		case depth == 1:
			header = append(header, l)
		default:
			comp = append(comp, l)
			if depth == 2 && name == "UID" { // not a VALARM's
				uid = value
			}
		}
		if name == "END" {
			depth--
			if depth == 1 { // the end of a component of the VCALENDAR
				switch {
				case strings.EqualFold(value, "VTIMEZONE"):
					zones = append(zones, comp...)
				case uid == "":
					return nil, fmt.Errorf("%s: a %s without a UID", path, value)
				default:
					if byUID[uid] == nil {
						uids = append(uids, uid)
					}
					byUID[uid] = append(byUID[uid], comp...)
				}
				comp, uid = nil, ""
			}
		}
	}
	var objects []string
	for _, uid := range uids {
		var b strings.Builder
		b.WriteString("BEGIN:VCALENDAR\r\n")
		for _, part := range [][]string{header, zones, byUID[uid]} {
			for _, l := range part {
				b.WriteString(l)
			}
		}
		b.WriteString("END:VCALENDAR\r\n")
		objects = append(objects, b.String())
	}
	return objects, nil
}

// uploadXandikos makes the calendar home+name/ and stores each object of
// the file in it.
func uploadXandikos(home string, f xandikosFile) error {
	data, err := os.ReadFile(f.path)
	if err != nil {
		return err
	}
	objects, err := xandikosObjects(f.path, data)
	if err != nil {
		return err
	}
	if len(objects) == 0 {
		return fmt.Errorf("%s: no events", f.path)
	}
	if err := xandikosDo("MKCALENDAR", home+f.name+"/", "", "", http.StatusCreated); err != nil {
		return err
	}
	for i, o := range objects {
		if err := xandikosDo("PUT", fmt.Sprintf("%s%s/%d.ics", home, f.name, i), "text/calendar; charset=utf-8", o, http.StatusCreated); err != nil {
			return err
		}
	}
	return nil
}

// xandikosTasks asks for a calendar of tasks only, as a client does.
const xandikosTasks = `<?xml version="1.0" encoding="utf-8"?>` +
	`<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>` +
	`<d:displayname>Tasks</d:displayname>` +
	`<c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set>` +
	`</d:prop></d:set></c:mkcalendar>`

const xandikosTodo = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//CalDAV integration test//EN\r\n" +
	"BEGIN:VTODO\r\nUID:todo@tzplan.test\r\nDTSTAMP:20260101T090000Z\r\nDUE:20260325T170000Z\r\n" +
	"SUMMARY:A task\\, which is no busy time\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"

// xandikosCounter counts the REPORT requests it sends.
type xandikosCounter struct {
	reports atomic.Int64
}

func (c *xandikosCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == "REPORT" {
		c.reports.Add(1)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// eventKeys are events as sorted text, which the comparisons compare.
func eventKeys(es []ics.Event) []string {
	keys := make([]string, len(es))
	for i, e := range es {
		keys[i] = fmt.Sprintf("%s %s..%s busy=%t", e.UID, e.Start.UTC().Format(time.RFC3339), e.End.UTC().Format(time.RFC3339), e.Busy())
	}
	slices.Sort(keys)
	return keys
}

// sortHolidays orders holidays by date and name: a calendar read from a
// server's objects lists a date's holidays in an order of its own.
func sortHolidays(hs []calendar.Holiday) []calendar.Holiday {
	hs = slices.Clone(hs)
	slices.SortFunc(hs, func(a, b calendar.Holiday) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return hs
}

// checkSameBusy fails the test unless got (from the server) and want
// (from the file) hold the same instants, and says where they differ.
func checkSameBusy(t *testing.T, what string, got, want calendar.Set) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s: busy time differs\nonly from the server: %v\nonly from the file:   %v", what, got.Subtract(want), want.Subtract(got))
	}
}

// checkSameEvents fails the test unless got (from the server) and want
// (from the file) are the same occurrences.
func checkSameEvents(t *testing.T, what string, got, want []ics.Event) {
	t.Helper()
	if diff := cmp.Diff(eventKeys(want), eventKeys(got)); diff != "" {
		t.Errorf("%s: events differ (-file +server):\n%s", what, diff)
	}
}

func TestXandikos(t *testing.T) {
	root := startXandikos(t)
	home := root + "user/calendars/"
	files := xandikosFiles(t)
	// One at a time: Xandikos 0.2.8 is many times slower with concurrent
	// PUTs.
	for _, f := range files {
		if err := uploadXandikos(home, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := xandikosDo("MKCALENDAR", home+"tasks/", "application/xml; charset=utf-8", xandikosTasks, http.StatusCreated); err != nil {
		t.Fatal(err)
	}
	if err := xandikosDo("PUT", home+"tasks/todo.ics", "text/calendar; charset=utf-8", xandikosTodo, http.StatusCreated); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	zones := xandikosZones(t)
	berlin := zones[0]
	fileCals := map[string]*ics.Calendar{}
	for _, f := range files {
		opt := ics.Options{Strict: strings.HasPrefix(f.path, "testdata/")} // ours must read without a problem
		cal, err := ics.ReadFile(ctx, f.path, opt)
		if err != nil {
			t.Fatal(err)
		}
		fileCals[f.name] = cal
	}

	// Each calendar by its URL, in its windows and every zone.
	for _, f := range files {
		t.Run("calendar "+f.name, func(t *testing.T) {
			t.Parallel()
			// One fetch a window, for the zones and for Events.
			ctx := calendar.WithCallCache(ctx)
			src, err := (&Client{}).Open(ctx, home+f.name+"/")
			if err != nil {
				t.Fatal(err)
			}
			cal, ok := src.(*Calendar)
			if !ok {
				t.Fatalf("Open(%s) = %T, want a *Calendar", home+f.name+"/", src)
			}
			file := fileCals[f.name]
			for _, w := range xandikosWindows {
				if !xandikosReadIn(f.name, w.name) {
					continue
				}
				for _, zone := range zones {
					what := fmt.Sprintf("%s in %s", w.name, zone)
					got, err := cal.Busy(ctx, w.window, zone)
					if err != nil {
						t.Fatalf("%s: %v", what, err)
					}
					want, err := file.Busy(ctx, w.window, zone)
					if err != nil {
						t.Fatal(err)
					}
					checkSameBusy(t, what, got, want)
					if want.IsEmpty() && w.name == "2026" {
						t.Errorf("%s: the file has no busy time, so the comparison shows nothing", what)
					}
					gotEvents, err := cal.Events(ctx, w.window, zone)
					if err != nil {
						t.Fatalf("%s: %v", what, err)
					}
					wantEvents, err := file.Events(ctx, w.window, zone)
					if err != nil {
						t.Fatal(err)
					}
					checkSameEvents(t, what, gotEvents, wantEvents)
				}
			}
			if got, want := len(cal.Problems()), len(file.Problems()); got != want {
				t.Errorf("%d problems reading the server's events, %d reading the file", got, want)
			}
			// Holidays where the file has all-day events: a calendar without
			// them has none on the server either.
			from, to := calendar.MustParseDate("2026-01-01"), calendar.MustParseDate("2026-12-31")
			want, err := file.Holidays(ctx, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				return
			}
			got, err := cal.Holidays(ctx, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sortHolidays(want), sortHolidays(got)); diff != "" {
				t.Errorf("holidays of 2026 differ (-file +server):\n%s", diff)
			}
		})
	}

	t.Run("open root", func(t *testing.T) {
		t.Parallel()
		// The root is no calendar: Open finds the current user's, all of
		// them. One window, across both fall changes: each calendar has
		// been read in every window above.
		ctx := calendar.WithCallCache(ctx)
		src, err := (&Client{}).Open(ctx, root)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := src.(Calendars); !ok {
			t.Fatalf("Open(%s) = %T, want Calendars", root, src)
		}
		w := xandikosWindows[2]
		for _, zone := range zones {
			what := fmt.Sprintf("%s in %s", w.name, zone)
			got, err := src.Busy(ctx, w.window, zone)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			gotEvents, err := src.Events(ctx, w.window, zone)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			// Calendars are busy when any of them is, and list the events
			// of each (the demo team's share a meeting, which each of
			// their calendars lists).
			var want calendar.Set
			var wantEvents []ics.Event
			for _, f := range files {
				b, err := fileCals[f.name].Busy(ctx, w.window, zone)
				if err != nil {
					t.Fatal(err)
				}
				es, err := fileCals[f.name].Events(ctx, w.window, zone)
				if err != nil {
					t.Fatal(err)
				}
				want, wantEvents = want.Union(b), append(wantEvents, es...)
			}
			checkSameBusy(t, what, got, want)
			checkSameEvents(t, what, gotEvents, wantEvents)
		}
	})

	t.Run("discover", func(t *testing.T) {
		t.Parallel()
		want := []string{home + "calendar/"} // made by --defaults, empty
		for _, f := range files {
			want = append(want, home+f.name+"/")
		}
		// Xandikos 0.2.8 says that every calendar holds every component
		// (VEVENT, VTODO, VJOURNAL, VFREEBUSY), whatever MKCALENDAR asked
		// for: "tasks" is left out only where the server says it holds
		// tasks alone.
		if !xandikosTasksOnly(t, home+"tasks/") {
			t.Log("Xandikos says its calendar of tasks may hold events too: Discover keeps it")
			want = append(want, home+"tasks/")
		}
		slices.Sort(want)
		for _, u := range []string{root, root + "user/"} {
			cals, err := (&Client{}).Discover(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cals {
				got = append(got, c.URL())
			}
			slices.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Discover(%s) (-want +got):\n%s", u, diff)
			}
		}
	})

	t.Run("free-busy", func(t *testing.T) {
		t.Parallel()
		// One-off events with zones (UTC, Berlin across its gap, a
		// DURATION, tentative, transparent, cancelled, one over the
		// window's start): Xandikos answers them right.
		var count xandikosCounter
		client := &Client{FreeBusy: true, HTTP: &http.Client{Transport: &count}}
		window := xandikosWindows[0].window
		src, err := client.Open(ctx, home+"free-busy/")
		if err != nil {
			t.Fatal(err)
		}
		got, err := src.Busy(ctx, window, berlin)
		if err != nil {
			t.Fatal(err)
		}
		if n := count.reports.Load(); n != 1 {
			t.Fatalf("%d REPORTs, want the free-busy-query alone", n)
		}
		want, err := fileCals["free-busy"].Busy(ctx, window, berlin)
		if err != nil {
			t.Fatal(err)
		}
		if want.IsEmpty() {
			t.Fatal("the file has no busy time in the window")
		}
		checkSameBusy(t, "free-busy-query", got, want)
	})

	t.Run("free-busy errors", func(t *testing.T) {
		t.Parallel()
		// What Xandikos 0.2.8 answers wrongly to a free-busy-query, each
		// on one event of testdata/xandikos-free-busy-wrong.ics: why
		// FreeBusy is off by default. A server that gets it right passes
		// too, saying so.
		utc := func(s string) time.Time {
			t, err := time.Parse("2006-01-02 15:04", s)
			if err != nil {
				panic(err)
			}
			return t
		}
		iv := func(a, b string) calendar.Interval { return calendar.Interval{Start: utc(a), End: utc(b)} }
		xandikos := calendar.NewSet(
			// The series' first instance, not the three after it.
			iv("2026-03-02 09:00", "2026-03-02 10:00"),
			// P1D as 24 hours, not the nominal day: to 12:00 in New York,
			// 23 hours across its spring gap.
			iv("2026-03-07 17:00", "2026-03-08 17:00"),
			// The date in UTC, not in the owner's zone (Berlin here).
			iv("2026-03-28 00:00", "2026-03-29 00:00"),
			// A floating time in UTC, not on the owner's clock.
			iv("2026-07-15 09:00", "2026-07-15 10:00"),
			// The second 01:00 of a night that shows it twice, not the
			// first (RFC 5545 3.3.5).
			iv("2026-11-01 06:00", "2026-11-01 06:30"),
		)
		client := &Client{FreeBusy: true}
		window := xandikosWindows[3].window
		src, err := client.Open(ctx, home+"free-busy-wrong/")
		if err != nil {
			t.Fatal(err)
		}
		got, err := src.Busy(ctx, window, berlin)
		if err != nil {
			t.Fatal(err)
		}
		want, err := fileCals["free-busy-wrong"].Busy(ctx, window, berlin)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case got.Equal(want):
			t.Log("the server's free-busy answer is right, as the events read")
		case got.Equal(xandikos):
			t.Logf("the server's free-busy answer has Xandikos 0.2.8's known errors:\nonly from the server: %v\nonly from the file:   %v", got.Subtract(want), want.Subtract(got))
		default:
			t.Errorf("the server's free-busy answer is neither right nor Xandikos 0.2.8's\nserver: %v\nfile:   %v\nXandikos 0.2.8: %v", got, want, xandikos)
		}

		// An all-day event with a DTSTART alone (one day, RFC 5545 3.6.1)
		// makes Xandikos 0.2.8 fail the whole free-busy-query (a Python
		// UnboundLocalError in its extract_freebusy): Busy says so, and
		// does not read the events instead.
		src, err = client.Open(ctx, home+"date-alone/")
		if err != nil {
			t.Fatal(err)
		}
		got, err = src.Busy(ctx, xandikosWindows[1].window, time.UTC)
		var se *StatusError
		switch {
		case err == nil:
			want, err := fileCals["date-alone"].Busy(ctx, xandikosWindows[1].window, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			checkSameBusy(t, "a date alone, in UTC", got, want)
		case errors.As(err, &se) && se.Status == http.StatusInternalServerError:
			t.Logf("a date alone: %v", err)
		default:
			t.Errorf("a date alone: %v, want a 500 (Xandikos 0.2.8) or the busy time", err)
		}
	})

	t.Run("one fetch a call", func(t *testing.T) {
		t.Parallel()
		var count xandikosCounter
		src, err := (&Client{HTTP: &http.Client{Transport: &count}}).Open(ctx, home+"series/")
		if err != nil {
			t.Fatal(err)
		}
		hours, err := calendar.ParseWorkingHours("Mon-Fri 09:00-17:00")
		if err != nil {
			t.Fatal(err)
		}
		// Three people in three zones who share one calendar.
		team := func(source calendar.BusySource) []calendar.Person {
			var people []calendar.Person
			for i, zone := range zones {
				people = append(people, calendar.Person{ID: fmt.Sprint("p", i), Zone: zone, Hours: hours, Sources: []calendar.BusySource{source}})
			}
			return people
		}
		window := xandikosWindows[0].window
		fromFile, err := overlap.Compute(ctx, team(fileCals["series"]), window, overlap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for call := 1; call <= 2; call++ {
			before := count.reports.Load()
			report, err := overlap.Compute(ctx, team(src), window, overlap.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// A fetch is three queries (the window's events, the events
			// with an RRULE, those with an RDATE): one fetch for the three
			// people, and another in the next call.
			if n := count.reports.Load() - before; n != 3 {
				t.Errorf("call %d: %d REPORTs, want 3 (one fetch)", call, n)
			}
			for _, id := range report.IDs() {
				got, err := report.Free(id)
				if err != nil {
					t.Fatal(err)
				}
				want, err := fromFile.Free(id)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Equal(want) {
					t.Errorf("call %d: %s's free time differs\nonly from the server: %v\nonly from the file:   %v", call, id, got.Subtract(want), want.Subtract(got))
				}
			}
		}
	})
}

// xandikosTasksOnly reports whether the server says that the calendar at
// u holds tasks and nothing else.
func xandikosTasksOnly(t *testing.T, u string) bool {
	t.Helper()
	cu, err := parseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := (&Client{}).propfind(context.Background(), cu, "0", "<c:supported-calendar-component-set/>")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ms.Responses {
		if p := r.found(); p.Components != nil {
			return !holdsEvents(p)
		}
	}
	return false
}
