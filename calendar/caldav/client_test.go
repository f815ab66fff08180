package caldav

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
)

// Two events, as a server stores them (one object each). Standup: daily
// 09:00-09:30 New York from Monday 2026-03-02, five times (EST then EDT
// from Sunday 03-08: 14:00 UTC on 03-02..03-06). Review: 2026-03-05
// 15:00-16:00 UTC.
const (
	standupData = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:standup@test\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART;TZID=America/New_York:20260302T090000\r\nDTEND;TZID=America/New_York:20260302T093000\r\nRRULE:FREQ=DAILY;COUNT=5\r\n" +
		"SUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	reviewData = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:review@test\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART:20260305T150000Z\r\nDTEND:20260305T160000Z\r\nSUMMARY:Review <&> \"secret\"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)

// fakeServer is a small CalDAV server: a principal /p/ whose home /home/
// holds a calendar of events, /home/work/, and one of tasks only. Like
// some real servers, its time-range query leaves out recurring events.
type fakeServer struct {
	mu       sync.Mutex
	requests []string // "METHOD path kind"
	freeBusy func(w http.ResponseWriter)
	user     string // when set, Basic authentication as user:"hunter2"
	homeHref string
	data     map[string]string // the objects' data, by href, for every query
}

func (f *fakeServer) log(r *http.Request, kind string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path+" "+kind)
}

func (f *fakeServer) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

func msXML(responses ...string) string {
	return `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">` + strings.Join(responses, "") + `</d:multistatus>`
}

func propResponse(href, props string) string {
	return `<d:response><d:href>` + href + `</d:href><d:propstat><d:status>HTTP/1.1 200 OK</d:status><d:prop>` + props +
		`</d:prop></d:propstat><d:propstat><d:status>HTTP/1.1 404 Not Found</d:status><d:prop><d:resourcetype/><c:calendar-data/></d:prop></d:propstat></d:response>`
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.user != "" {
		if u, p, ok := r.BasicAuth(); !ok || u != f.user || p != "hunter2" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
	}
	body, _ := io.ReadAll(r.Body)
	q := string(body)
	write := func(s string) {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		w.WriteHeader(http.StatusMultiStatus)
		io.WriteString(w, s)
	}
	home := f.homeHref
	if home == "" {
		home = "/home/"
	}
	switch {
	case r.Method == "PROPFIND" && r.URL.Path == "/":
		f.log(r, "principal")
		write(msXML(propResponse("/", `<d:current-user-principal><d:href>/p/</d:href></d:current-user-principal>`)))
	case r.Method == "PROPFIND" && r.URL.Path == "/p/":
		f.log(r, "home")
		write(msXML(propResponse("/p/", `<c:calendar-home-set><d:href>`+home+`</d:href></c:calendar-home-set>`)))
	case r.Method == "PROPFIND" && r.URL.Path == "/home/" && r.Header.Get("Depth") == "1":
		f.log(r, "calendars")
		write(msXML(
			propResponse("/home/", `<d:resourcetype><d:collection/></d:resourcetype>`),
			propResponse("/home/work/", `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>`+
				`<c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>`),
			propResponse("/home/tasks/", `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>`+
				`<c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set>`)))
	case r.Method == "PROPFIND" && r.URL.Path == "/home/work/":
		f.log(r, "calendar")
		write(msXML(propResponse("/home/work/", `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>`)))
	case r.Method == "PROPFIND":
		f.log(r, "missing")
		w.WriteHeader(http.StatusNotFound)
	case r.Method == "REPORT" && strings.Contains(q, "free-busy-query"):
		f.log(r, "free-busy")
		if f.freeBusy == nil {
			w.WriteHeader(http.StatusNotImplemented)
			return
		}
		f.freeBusy(w)
	case r.Method == "REPORT" && r.URL.Path == "/home/work/":
		kind, hrefs := "range", []string{"/home/work/review.ics"}
		switch {
		case strings.Contains(q, `prop-filter name="RRULE"`):
			kind, hrefs = "rrule", []string{"/home/work/standup.ics"}
		case strings.Contains(q, `prop-filter name="RDATE"`):
			kind, hrefs = "rdate", nil
		case !strings.Contains(q, "time-range"):
			kind = "odd"
		}
		f.log(r, kind)
		var rs []string
		for _, h := range hrefs {
			rs = append(rs, propResponse(h, `<d:getetag>"1"</d:getetag><c:calendar-data>`+html.EscapeString(f.data[h])+`</c:calendar-data>`))
		}
		write(msXML(rs...))
	default:
		f.log(r, "other")
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func newFake(t *testing.T) (*fakeServer, *httptest.Server) {
	f := &fakeServer{data: map[string]string{"/home/work/review.ics": reviewData, "/home/work/standup.ics": standupData}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

var march = calendar.Interval{Start: utc("2026-03-02 00:00"), End: utc("2026-03-09 00:00")}

// By hand: the standup at 14:00-14:30 UTC Monday to Friday (EST), the
// review on Thursday 15:00-16:00.
func marchBusy() calendar.Set {
	var b calendar.SetBuilder
	for d := 2; d <= 6; d++ {
		b.Add(iv(fmt.Sprintf("2026-03-%02d 14:00", d), fmt.Sprintf("2026-03-%02d 14:30", d)))
	}
	b.Add(iv("2026-03-05 15:00", "2026-03-05 16:00"))
	return b.Set()
}

func TestOpenAndBusy(t *testing.T) {
	f, srv := newFake(t)
	c := &Client{}
	ctx := context.Background()
	for _, u := range []string{srv.URL + "/home/work/", srv.URL + "/", srv.URL + "/p/"} {
		src, err := c.Open(ctx, u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		got, err := src.Busy(ctx, march, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if want := marchBusy(); !got.Equal(want) {
			t.Errorf("%s: busy %s, want %s", u, got, want)
		}
		es, err := src.Events(ctx, march, time.UTC)
		if err != nil || len(es) != 6 {
			t.Errorf("%s: %d events, %v", u, len(es), err)
		}
	}
	// Discovery leaves out the calendar of tasks.
	cals, err := c.Discover(ctx, srv.URL)
	if err != nil || len(cals) != 1 || cals[0].URL() != srv.URL+"/home/work/" || cals[0].Name() != "Work" {
		t.Errorf("discovered %v, %v", cals, err)
	}
	if n := f.count("REPORT /home/work/ odd"); n != 0 {
		t.Errorf("%d queries without a time range or a recurrence filter", n)
	}
}

// The events of a window are fetched once a call however many people
// share the calendar, and afresh in the next call.
func TestOneFetchACall(t *testing.T) {
	f, srv := newFake(t)
	cal, err := (&Client{}).Calendar(srv.URL + "/home/work/")
	if err != nil {
		t.Fatal(err)
	}
	hours, err := calendar.ParseWorkingHours("Mon-Fri 09:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	var team []calendar.Person
	for i, z := range []string{"America/New_York", "Europe/Berlin", "Asia/Kolkata"} {
		loc, _ := time.LoadLocation(z)
		team = append(team, calendar.Person{ID: fmt.Sprint("p", i), Zone: loc, Hours: hours, Sources: []calendar.BusySource{cal}})
	}
	for call := 1; call <= 2; call++ {
		r, err := overlap.Compute(context.Background(), team, march, overlap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n := f.count("REPORT"); n != 3*call {
			t.Errorf("after call %d: %d REPORTs, want %d (three queries a fetch, one fetch a call)", call, n, 3*call)
		}
		free, _ := r.Free("p0")
		if busy := marchBusy(); !free.Intersect(busy).IsEmpty() {
			t.Errorf("p0 free while busy: %s", free.Intersect(busy))
		}
	}
}

func TestFreeBusy(t *testing.T) {
	f, srv := newFake(t)
	f.freeBusy = func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/calendar")
		io.WriteString(w, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:20260302T140000Z/PT30M,20260301T230000Z/PT2H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n")
	}
	cal, _ := (&Client{FreeBusy: true}).Calendar(srv.URL + "/home/work/")
	got, err := cal.Busy(context.Background(), march, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := calendar.NewSet(iv("2026-03-02 00:00", "2026-03-02 01:00"), iv("2026-03-02 14:00", "2026-03-02 14:30")) // clipped to the window
	if !got.Equal(want) {
		t.Errorf("busy %s, want %s", got, want)
	}
	if n := f.count("REPORT /home/work/ range"); n != 0 {
		t.Errorf("%d event queries beside free-busy", n)
	}
}

// A server that does not answer free-busy-query gets the events asked
// for, and is not asked for free-busy again.
func TestFreeBusyFallsBack(t *testing.T) {
	f, srv := newFake(t) // answers free-busy-query 501
	cal, _ := (&Client{FreeBusy: true}).Calendar(srv.URL + "/home/work/")
	for range 2 {
		got, err := cal.Busy(context.Background(), march, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if want := marchBusy(); !got.Equal(want) {
			t.Errorf("busy %s, want %s", got, want)
		}
	}
	if n := f.count("REPORT /home/work/ free-busy"); n != 1 {
		t.Errorf("free-busy asked %d times, want once", n)
	}
}

func TestAuthentication(t *testing.T) {
	f, srv := newFake(t)
	f.user = "ana"
	ctx := context.Background()
	_, err := (&Client{Username: "ana", Password: "wrong-hunter3"}).Open(ctx, srv.URL+"/home/work/")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusUnauthorized || !errors.Is(err, ErrStatus) {
		t.Fatalf("error %v, want a 401", err)
	}
	for _, want := range []string{"401", srv.URL + "/home/work/", "PROPFIND"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "hunter") || strings.Contains(err.Error(), "ana") {
		t.Errorf("error %q gives the credentials", err)
	}
	src, err := (&Client{Username: "ana", Password: "hunter2"}).Open(ctx, srv.URL+"/home/work/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Busy(ctx, march, time.UTC); err != nil {
		t.Fatal(err)
	}
}

func TestNotFound(t *testing.T) {
	_, srv := newFake(t)
	_, err := (&Client{}).Open(context.Background(), srv.URL+"/home/gone/")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusNotFound || !strings.Contains(err.Error(), "/home/gone/") {
		t.Fatalf("error %v, want a 404 naming the calendar", err)
	}
	cal, _ := (&Client{}).Calendar(srv.URL + "/home/gone/")
	if _, err := cal.Busy(context.Background(), march, time.UTC); !errors.As(err, &se) || se.Status != http.StatusMethodNotAllowed {
		t.Fatalf("error %v", err)
	}
}

// A server too slow to answer, or to finish its answer, is given up on
// at the Client's timeout, and the error says so.
func TestSlowServer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
	}{
		// Each reads the request first: only then does the server notice
		// the client going away.
		{"no answer", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}},
		{"a trickle", func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusMultiStatus)
			w.(http.Flusher).Flush()
			for {
				if _, err := io.WriteString(w, " "); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-release:
					return
				case <-r.Context().Done():
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			cal, _ := (&Client{Timeout: 150 * time.Millisecond}).Calendar(srv.URL + "/cal/")
			start := time.Now()
			_, err := cal.Busy(context.Background(), march, time.UTC)
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "150ms") {
				t.Errorf("error %v, want the timeout", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("gave up after %s", d)
			}
		})
	}
}

// An answer larger than the budget is refused, whatever it holds.
func TestOversizedAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusMultiStatus)
		io.WriteString(w, msXML(strings.Repeat(propResponse("/x/", "<d:displayname>padding</d:displayname>"), 100)))
	}))
	defer srv.Close()
	cal, _ := (&Client{MaxResponse: 4096}).Calendar(srv.URL + "/cal/")
	_, err := cal.Busy(context.Background(), march, time.UTC)
	if !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "4096 bytes") {
		t.Fatalf("error %v, want the limit", err)
	}
	// The default budget is the context's limit on a file.
	l := calendar.DefaultLimits()
	l.FileBytes = 4096
	cal, _ = (&Client{}).Calendar(srv.URL + "/cal/")
	if _, err := cal.Busy(calendar.WithLimits(context.Background(), l), march, time.UTC); !errors.Is(err, calendar.ErrLimit) {
		t.Fatalf("error %v, want the limit", err)
	}
}

// A server's answer that is not what CalDAV says is an error that quotes
// none of it.
func TestBadAnswers(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"html", "<html>secret page</html>"},
		{"not xml", "secret { json"},
		{"bad event", msXML(propResponse("/cal/a.ics", `<c:calendar-data>BEGIN:VCALENDAR&#13;
secret stuff
END:VCALENDAR</c:calendar-data>`))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusMultiStatus)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			cal, _ := (&Client{Read: ics.Options{Strict: true}}).Calendar(srv.URL + "/cal/")
			_, err := cal.Busy(context.Background(), march, time.UTC)
			if err == nil || strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), srv.URL+"/cal/") {
				t.Fatalf("error %v", err)
			}
		})
	}
}

// Read leniently, an event's problems are the calendar's Problems.
func TestProblems(t *testing.T) {
	f, srv := newFake(t)
	f.data["/home/work/review.ics"] = strings.Replace(reviewData, "DTEND:20260305T160000Z\r\n", "DTEND:20260305T160000Z\r\nRRULE:FREQ=SOMETIMES\r\n", 1)
	cal, _ := (&Client{}).Calendar(srv.URL + "/home/work/")
	if _, err := cal.Busy(context.Background(), march, time.UTC); err != nil {
		t.Fatal(err)
	}
	if ps := cal.Problems(); len(ps) != 1 || ps[0].UID != "review@test" {
		t.Errorf("problems %v", ps)
	}
	cal, _ = (&Client{Read: ics.Options{Strict: true}}).Calendar(srv.URL + "/home/work/")
	if _, err := cal.Busy(context.Background(), march, time.UTC); err == nil || !strings.Contains(err.Error(), `"review.ics"`) {
		t.Errorf("strict: error %v, want one naming the event's resource", err)
	}
}

// Credentials go only to the server they are for.
func TestStaysOnItsServer(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request reached another server: %s %s", r.Method, r.URL)
	}))
	defer other.Close()
	f, srv := newFake(t)
	f.homeHref = other.URL + "/home/"
	_, err := (&Client{Username: "x", Password: "hunter2"}).Discover(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "another server") {
		t.Fatalf("error %v", err)
	}
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/cal/", http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	cal, _ := (&Client{Username: "x", Password: "hunter2"}).Calendar(redirect.URL + "/cal/")
	if _, err := cal.Busy(context.Background(), march, time.UTC); err == nil {
		t.Fatal("a redirect to another server was followed")
	}
}

func TestURLs(t *testing.T) {
	c := &Client{}
	for _, raw := range []string{"https://ana:hunter2@dav.example.com/cal/", "ftp://dav.example.com/", "dav.example.com/cal", "https:///cal", "%zz"} {
		_, err := c.Calendar(raw)
		if err == nil {
			t.Errorf("%q: no error", raw)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: error %q gives the password", raw, err)
		}
	}
	open := c.Remote()
	for _, name := range []string{"caldav+ftp://dav.example.com/", "https://dav.example.com/cal/", "caldav+https://ana:hunter2@dav.example.com/cal/"} {
		_, err := open(context.Background(), name)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: error %v", name, err)
		}
	}
}

// A roster names calendars on the server; ics.ReadRosterFS opens them
// with Remote, and refuses them without it.
func TestRoster(t *testing.T) {
	_, srv := newFake(t)
	name := "caldav+" + srv.URL + "/home/work/"
	roster := `{"people": [{"id": "ana", "zone": "America/New_York", "hours": "Mon-Fri 08:00-18:00", "calendars": ["` + name + `"]}]}`
	ctx := context.Background()
	if _, err := ics.ReadRosterFS(ctx, strings.NewReader(roster), emptyFS{}, ics.Options{}); err == nil || !strings.Contains(err.Error(), "ics.Options.Remote") {
		t.Fatalf("without Remote: error %v", err)
	}
	r, err := ics.ReadRosterFS(ctx, strings.NewReader(roster), emptyFS{}, ics.Options{Remote: (&Client{}).Remote()})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := overlap.Compute(ctx, r.People, march, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	free, _ := rep.Free("ana")
	if busy := marchBusy(); !free.Intersect(busy).IsEmpty() {
		t.Errorf("free while busy: %s", free.Intersect(busy))
	}
}

// emptyFS has no files: the rosters of these tests name only servers.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) { return nil, fs.ErrNotExist }
