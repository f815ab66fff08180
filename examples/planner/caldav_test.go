package main

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// davServer is a CalDAV calendar at /cal/ that wants Basic credentials
// ana:s3cret and holds one event, 2026-03-10 13:00-14:00 UTC, with a
// problem a lenient read skips (an RRULE it does not know).
func davServer(t *testing.T) *httptest.Server {
	event := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dav@test\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART:20260310T130000Z\r\nDTEND:20260310T140000Z\r\nSUMMARY:Board call\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:odd@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260311T130000Z\r\nDTEND:20260311T140000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if u, p, ok := r.BasicAuth(); !ok || u != "ana" || p != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusMultiStatus)
		props := `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>`
		if r.Method == "REPORT" {
			props = `<c:calendar-data>` + html.EscapeString(event) + `</c:calendar-data>`
		}
		io.WriteString(w, `<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/cal/e.ics</d:href>`+
			`<d:propstat><d:status>HTTP/1.1 200 OK</d:status><d:prop>`+props+`</d:prop></d:propstat></d:response></d:multistatus>`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A roster that mixes a calendar file and a calendar on a CalDAV server:
// both are busy time, the server's read with the credentials of the
// environment, whose password no error shows.
func TestRosterWithCalDAV(t *testing.T) {
	srv := davServer(t)
	file := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:f@test\r\nDTSTAMP:20260101T000000Z\r\n" +
		"DTSTART:20260310T100000Z\r\nDTEND:20260310T110000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	roster := writeRoster(t, `{"people": [{"id": "ana", "zone": "UTC", "hours": "Mon-Fri 09:00-17:00",
		"calendars": ["ana.ics", "caldav+`+srv.URL+`/cal/"]}]}`, map[string]string{"ana.ics": file})
	args := []string{"availability", "-roster", roster, "-from", "2026-03-10", "-to", "2026-03-11"}

	t.Setenv("TZPLAN_CALDAV_USER", "ana")
	t.Setenv("TZPLAN_CALDAV_PASSWORD", "wrong-s3cret")
	code, out, errOut := planner(t, weekNow, args...)
	if code != 2 || out != "" || !strings.Contains(errOut, "401") || !strings.Contains(errOut, srv.URL+"/cal/") || strings.Contains(errOut, "s3cret") {
		t.Fatalf("wrong password: exit %d, stderr %q", code, errOut)
	}

	t.Setenv("TZPLAN_CALDAV_PASSWORD", "s3cret")
	code, out, errOut = planner(t, weekNow, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// By hand: working 09:00-17:00 UTC, busy 10:00-11:00 (the file) and
	// 13:00-14:00 (the server): 6h free.
	for _, want := range []string{"10:00-11:00 UTC   = Tue 03-10 10:00-11:00 UTC  busy", "13:00-14:00 UTC   = Tue 03-10 13:00-14:00 UTC  busy", "6h free"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, "SOMETIMES") || !strings.Contains(errOut, "caldav+"+srv.URL+"/cal/") {
		t.Errorf("the server calendar's problem is not warned of: %q", errOut)
	}
	code, _, errOut = planner(t, weekNow, append(args, "-strict")...)
	if code != 2 || !strings.Contains(errOut, `"e.ics"`) {
		t.Errorf("-strict: exit %d, stderr %q", code, errOut)
	}
}
