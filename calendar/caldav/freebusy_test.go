package caldav

import (
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func iv(a, b string) calendar.Interval { return calendar.Interval{Start: utc(a), End: utc(b)} }

func TestParseFreeBusy(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []calendar.Interval
	}{
		{"xandikos", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VFREEBUSY\r\nDTSTART;VALUE=DATE-TIME:20261206T000000Z\r\n" +
			"FREEBUSY;TZID=UTC:20261207T130000Z/20261207T150000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n",
			[]calendar.Interval{iv("2026-12-07 13:00", "2026-12-07 15:00")}},
		// RFC 4791 7.10's example, folded, with the types it shows.
		{"rfc 4791", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example Corp.//CalDAV Server//EN\nBEGIN:VFREEBUSY\nDTSTAMP:20050125T090000Z\n" +
			"DTSTART:20060104T140000Z\nDTEND:20060105T220000Z\nFREEBUSY;FBTYPE=BUSY-TENTATIVE:20060104T150000Z/PT1H\n" +
			"FREEBUSY:20060104T190000Z/PT1H\nFREEBUSY;FBTYPE=FREE:20060104T200000Z/PT1H\nFREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20060104T2100\n 00Z/PT30M,20060105T000000Z/20060105T003000Z\nEND:VFREEBUSY\nEND:VCALENDAR\n",
			[]calendar.Interval{iv("2006-01-04 15:00", "2006-01-04 16:00"), iv("2006-01-04 19:00", "2006-01-04 20:00"),
				iv("2006-01-04 21:00", "2006-01-04 21:30"), iv("2006-01-05 00:00", "2006-01-05 00:30")}},
		{"overlapping and a day", "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:20260101T100000Z/PT2H,20260101T110000Z/P1D\r\nFREEBUSY;FBTYPE=\"BUSY\":20260301T000000Z/P1W\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n",
			[]calendar.Interval{iv("2026-01-01 10:00", "2026-01-02 11:00"), iv("2026-03-01 00:00", "2026-03-08 00:00")}},
		{"outside a VFREEBUSY", "BEGIN:VCALENDAR\r\nFREEBUSY:20260101T100000Z/PT2H\r\nEND:VCALENDAR\r\n", nil},
		{"empty", "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseFreeBusy([]byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			var b calendar.SetBuilder
			for _, iv := range tc.want {
				b.Add(iv)
			}
			if want := b.Set(); !got.Equal(want) {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

func TestParseFreeBusyRefuses(t *testing.T) {
	wrap := func(fb string) string {
		return "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\n" + fb + "\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
	}
	for _, tc := range []struct{ name, text, want string }{
		{"not iCalendar", "<html>secret</html>", "line 1"},
		{"no calendar", "FREEBUSY:20260101T100000Z/PT2H\r\n", "no BEGIN:VCALENDAR"},
		{"local time", wrap("FREEBUSY:20260101T100000/PT2H"), "line 3: FREEBUSY"},
		{"no slash", wrap("FREEBUSY:20260101T100000Z"), "slash"},
		{"backwards", wrap("FREEBUSY:20260101T100000Z/20260101T090000Z"), "ends before"},
		{"empty", wrap("FREEBUSY:20260101T100000Z/20260101T100000Z"), "ends before"},
		{"bad duration", wrap("FREEBUSY:20260101T100000Z/PT"), "duration"},
		{"negative duration", wrap("FREEBUSY:20260101T100000Z/-PT1H"), "UTC date-time"},
		{"time unit in the date", wrap("FREEBUSY:20260101T100000Z/P1H"), "duration"},
		{"huge duration", wrap("FREEBUSY:20260101T100000Z/P999999W"), "duration"},
		{"bad parameter", wrap("FREEBUSY;FBTYPE:20260101T100000Z/PT1H"), "line 3"},
		{"unclosed quote", wrap(`FREEBUSY;FBTYPE="BUSY:20260101T100000Z/PT1H`), "line 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseFreeBusy([]byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "20260101") {
				t.Errorf("error %q quotes the answer", err)
			}
		})
	}
}

// Whatever a server sends, the parser ends, without a panic, and what it
// reads is a set of forward intervals in UTC.
func FuzzParseFreeBusy(f *testing.F) {
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY;FBTYPE=BUSY:20260101T100000Z/PT2H,20260101T130000Z/20260101T140000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY;X=\"a;b:c\":20260101T100000Z/P1W2D\n x\nEND:VFREEBUSY\nEND:VCALENDAR"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:99991231T235959Z/P9999W\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"))
	f.Add([]byte(";;;:::\r\n \r\n\t"))
	f.Fuzz(func(t *testing.T, b []byte) {
		set, err := ParseFreeBusy(b)
		if err != nil {
			return
		}
		for iv := range set.All() {
			if !iv.End.After(iv.Start) || iv.Start.Location() != time.UTC {
				t.Fatalf("interval %s", iv)
			}
		}
	})
}

// Whatever a server answers a PROPFIND or REPORT with, reading it ends
// without a panic, and every href it yields resolves on its own server
// or is refused.
func FuzzMultistatus(f *testing.F) {
	f.Add([]byte(msXML(propResponse("/home/work/", `<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>`))))
	f.Add([]byte(msXML(propResponse("/p/", `<c:calendar-home-set><d:href>https://evil.example/</d:href><d:href>../x/</d:href></c:calendar-home-set>`))))
	f.Add([]byte(`<d:multistatus xmlns:d="DAV:"><d:response><d:href>%zz</d:href><d:status>HTTP/1.1 404</d:status></d:response></d:multistatus>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><d:multistatus xmlns:d="DAV:">&e;</d:multistatus>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ms, err := parseMultistatus(b)
		if err != nil {
			return
		}
		base, _ := parseURL("https://dav.example.com/cal/")
		for _, r := range ms.Responses {
			p := r.found()
			if u, err := resolve(base, r.Href); err == nil && u.Host != base.Host {
				t.Fatalf("href %q resolved to another server: %s", r.Href, u)
			}
			if p.Home != nil {
				for _, h := range p.Home.Href {
					if u, err := resolve(base, h); err == nil && u.Host != base.Host {
						t.Fatalf("home %q resolved to another server: %s", h, u)
					}
				}
			}
		}
	})
}
