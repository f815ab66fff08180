package caldav_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/caldav"
)

// A server with one calendar, /cal/work/, holding a weekly meeting in
// Berlin on Mondays at 10:00 from January 2026.
func exampleServer() *httptest.Server {
	event := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//example//EN\r\nBEGIN:VEVENT\r\nUID:weekly@example\r\n" +
		"DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260105T100000\r\nDTEND;TZID=Europe/Berlin:20260105T110000\r\n" +
		"RRULE:FREQ=WEEKLY\r\nSUMMARY:Planning\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		props := `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>`
		if r.Method == "REPORT" {
			props = `<c:calendar-data>` + html.EscapeString(event) + `</c:calendar-data>`
		}
		w.WriteHeader(http.StatusMultiStatus)
		io.WriteString(w, `<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response>`+
			`<d:href>/cal/work/</d:href><d:propstat><d:status>HTTP/1.1 200 OK</d:status><d:prop>`+props+
			`</d:prop></d:propstat></d:response></d:multistatus>`)
	}))
}

// Open a calendar on a server and read a week's busy time across
// Europe's change to summer time (Sunday 2026-03-29): the meeting stays
// at 10:00 in Berlin, an hour earlier in UTC.
func ExampleClient_Open() {
	srv := exampleServer()
	defer srv.Close()
	client := &caldav.Client{Username: "ana", Password: "from the environment", Timeout: 10 * time.Second}
	ctx := context.Background()
	cal, err := client.Open(ctx, srv.URL+"/cal/work/")
	if err != nil {
		fmt.Println(err)
		return
	}
	week := calendar.Interval{Start: time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)}
	busy, err := cal.Busy(ctx, week, time.UTC)
	if err != nil {
		fmt.Println(err)
		return
	}
	for iv := range busy.All() {
		fmt.Println(iv)
	}
	// Output:
	// [2026-03-23T09:00:00Z, 2026-03-23T10:00:00Z)
	// [2026-03-30T08:00:00Z, 2026-03-30T09:00:00Z)
}

// A free-busy answer, as a server sends it for a free-busy-query.
func ExampleParseFreeBusy() {
	answer := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\n" +
		"FREEBUSY;FBTYPE=BUSY:20260302T140000Z/PT30M,20260302T160000Z/20260302T170000Z\r\n" +
		"FREEBUSY;FBTYPE=FREE:20260302T180000Z/PT1H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
	busy, err := caldav.ParseFreeBusy([]byte(answer))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(busy)
	// Output:
	// {[2026-03-02T14:00:00Z, 2026-03-02T14:30:00Z), [2026-03-02T16:00:00Z, 2026-03-02T17:00:00Z)}
}
