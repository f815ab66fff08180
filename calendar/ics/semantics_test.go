package ics

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
)

// cal wraps VEVENT (or other) lines in a VCALENDAR.
func cal(lines ...string) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VCALENDAR\r\n"
}

func mustRead(t *testing.T, src string) *Calendar {
	t.Helper()
	c, err := Read(context.Background(), strings.NewReader(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustBusy(t *testing.T, c *Calendar, from, to string, zone *time.Location) []string {
	t.Helper()
	s, err := c.Busy(context.Background(), calendar.Interval{Start: mustTime(t, from), End: mustTime(t, to)}, zone)
	if err != nil {
		t.Fatal(err)
	}
	return utcStrings(s)
}

func TestMerge(t *testing.T) {
	a := mustRead(t, cal("BEGIN:VEVENT", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z", "END:VEVENT"))
	// Floating in b's X-WR-TIMEZONE, and in the owner's zone in c.
	b := mustRead(t, cal("X-WR-TIMEZONE:Asia/Kolkata", "BEGIN:VEVENT", "DTSTART:20260302T120000", "DTEND:20260302T130000", "END:VEVENT"))
	c := mustRead(t, cal("BEGIN:VEVENT", "DTSTART:20260302T120000", "DTEND:20260302T130000", "RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT",
		"BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260304", "END:VEVENT"))
	m := Merge(a, nil, b, c)
	want := []string{
		"2026-03-02T06:30:00Z/2026-03-02T07:30:00Z",
		"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z",
		"2026-03-02T12:00:00Z/2026-03-02T13:00:00Z",
		"2026-03-03T12:00:00Z/2026-03-03T13:00:00Z",
		"2026-03-04T00:00:00Z/2026-03-05T00:00:00Z",
	}
	if diff := cmp.Diff(want, mustBusy(t, m, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("Merge (-want +got):\n%s", diff)
	}
	if got := mustBusy(t, Merge(), "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC); got != nil {
		t.Errorf("Merge() is busy: %v", got)
	}
}

func TestNilAndZeroCalendarsAreNeverBusy(t *testing.T) {
	for _, c := range []*Calendar{nil, {}} {
		if got := mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", nil); got != nil {
			t.Errorf("%#v is busy: %v", c, got)
		}
	}
}

func TestNilZoneIsUTC(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "DTSTART:20260302T090000", "DTEND:20260302T100000", "END:VEVENT"))
	want := []string{"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", nil)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestBusyIsInOwnersZone(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z", "END:VEVENT"))
	tokyo := mustZone(t, "Asia/Tokyo")
	s, err := c.Busy(context.Background(), calendar.Interval{Start: mustTime(t, "2026-03-01T00:00:00Z"), End: mustTime(t, "2026-03-08T00:00:00Z")}, tokyo)
	if err != nil {
		t.Fatal(err)
	}
	for iv := range s.All() {
		if iv.Start.Location() != tokyo || iv.End.Location() != tokyo {
			t.Errorf("%s is not in Asia/Tokyo", iv)
		}
	}
}

func TestZones(t *testing.T) {
	for _, tc := range []struct {
		tzid string
		want string // the busy interval, or "" for ErrUnknownZone
	}{
		{"Europe/Berlin", "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{`"Europe/Berlin"`, "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{"W. Europe Standard Time", "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{`"W. Europe Standard Time"`, "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{"Pacific Standard Time", "2026-03-02T17:00:00Z/2026-03-02T18:00:00Z"},
		{"India Standard Time", "2026-03-02T03:30:00Z/2026-03-02T04:30:00Z"},
		{"Asia/Kolkata", "2026-03-02T03:30:00Z/2026-03-02T04:30:00Z"},
		{"UTC", "2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"},
		{"Europe/lisbon", "2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"},
		{"EUROPE/BERLIN", "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{"/mozilla.org/20050126_1/Europe/Berlin", "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{"/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires", "2026-03-02T12:00:00Z/2026-03-02T13:00:00Z"},
		{"/Europe/Stockholm", "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z"},
		{"/Europe/CUSTOM", ""},
		{"/etc/localtime", ""},
		{"localtime", ""},
		{"Local", ""},
		{`""`, ""},
		{"Custom Zone 1", ""},
		{"Mars/Olympus_Mons", ""},
		{"../../etc/passwd", ""},
		{`"(UTC+01:00) Amsterdam, Berlin"`, ""},
	} {
		src := cal("BEGIN:VEVENT", "UID:z@example.com", "DTSTART;TZID="+tc.tzid+":20260302T090000",
			"DURATION:PT1H", "END:VEVENT")
		c, err := Read(context.Background(), strings.NewReader(src), Options{})
		if tc.want == "" {
			// The event is skipped, and the problem says why.
			if err != nil {
				t.Errorf("TZID=%s: %v", tc.tzid, err)
				continue
			}
			if got := mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC); len(got) != 0 {
				t.Errorf("TZID=%s: busy %v, want nothing", tc.tzid, got)
			}
			if ps := c.Problems(); len(ps) != 1 || ps[0].Line != 5 || !errors.Is(ps[0].Err, ErrUnknownZone) || ps[0].UID != "z@example.com" || ps[0].Done != "the event is skipped" {
				t.Errorf("TZID=%s: problems %v, want one wrapping ErrUnknownZone on line 5 that skips the event", tc.tzid, ps)
			}
			_, err := Read(context.Background(), strings.NewReader(src), Options{Strict: true})
			if !errors.Is(err, ErrUnknownZone) || !strings.Contains(err.Error(), "line 5") {
				t.Errorf("TZID=%s, strict: error %v, want one wrapping ErrUnknownZone on line 5", tc.tzid, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("TZID=%s: %v", tc.tzid, err)
			continue
		}
		got := mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)
		if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
			t.Errorf("TZID=%s (-want +got):\n%s", tc.tzid, diff)
		}
	}
}

func TestXWRTimezone(t *testing.T) {
	c := mustRead(t, cal("X-WR-TIMEZONE:Pacific Standard Time", "BEGIN:VEVENT", "DTSTART:20260302T090000", "DTEND:20260302T100000", "END:VEVENT"))
	want := []string{"2026-03-02T17:00:00Z/2026-03-02T18:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An X-WR-TIMEZONE that names no zone is ignored, with a problem.
	src := cal("X-WR-TIMEZONE:Mars/Olympus_Mons", "BEGIN:VEVENT", "DTSTART:20260302T090000", "DTEND:20260302T100000", "END:VEVENT")
	c = mustRead(t, src)
	want = []string{"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("floating time with an unknown X-WR-TIMEZONE, owner in UTC (-want +got):\n%s", diff)
	}
	if ps := c.Problems(); len(ps) != 1 || ps[0].Line != 3 || !errors.Is(ps[0].Err, ErrUnknownZone) || !strings.Contains(ps[0].String(), "X-WR-TIMEZONE") {
		t.Errorf("unknown X-WR-TIMEZONE: problems %v", ps)
	}
	_, err := Read(context.Background(), strings.NewReader(src), Options{Strict: true})
	if !errors.Is(err, ErrUnknownZone) || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "X-WR-TIMEZONE") {
		t.Errorf("unknown X-WR-TIMEZONE, strict: %v", err)
	}
}

func TestLineEndings(t *testing.T) {
	lines := []string{"BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260302T090000Z", "DTEND:20260302T1", " 00000Z", "END:VEVENT", "END:VCALENDAR", ""}
	want := []string{"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}
	for _, eol := range []string{"\r\n", "\n", "\r"} {
		c := mustRead(t, strings.Join(lines, eol))
		if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", eol, diff)
		}
	}
}

// TestUnreadPropertiesMayBeMalformed: properties that are not read are not
// checked, as long as each is a content line.
func TestUnreadPropertiesMayBeMalformed(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", `DESCRIPTION;ALTREP="cid:x"y:quote then text`, "ATTENDEE;CN=x", "X-THING;A=B;C:", "DTSTART:20260302T090000Z",
		"DURATION:PT1H", "LOCATION;LANGUAGE=en:"+strings.Repeat("long ", 2000), "END:VEVENT"))
	want := []string{"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestOverrideOfOneOffEvent(t *testing.T) {
	c := mustRead(t, cal(
		"BEGIN:VEVENT", "UID:once", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z", "END:VEVENT",
		"BEGIN:VEVENT", "UID:once", "RECURRENCE-ID:20260302T090000Z", "DTSTART:20260303T090000Z", "DTEND:20260303T100000Z", "END:VEVENT",
		// An override whose UID matches nothing is a one-off event.
		"BEGIN:VEVENT", "UID:orphan", "RECURRENCE-ID:20260304T090000Z", "DTSTART:20260304T120000Z", "DTEND:20260304T130000Z", "END:VEVENT",
	))
	want := []string{"2026-03-03T09:00:00Z/2026-03-03T10:00:00Z", "2026-03-04T12:00:00Z/2026-03-04T13:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDTStartIsAlwaysAnInstance(t *testing.T) {
	// 2026-03-02 is a Monday; the rule gives Tuesdays. The DTSTART is an
	// instance besides the two the COUNT allows.
	c := mustRead(t, cal("BEGIN:VEVENT", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z", "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2", "END:VEVENT"))
	want := []string{
		"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z",
		"2026-03-03T09:00:00Z/2026-03-03T10:00:00Z",
		"2026-03-10T09:00:00Z/2026-03-10T10:00:00Z",
	}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSeconds(t *testing.T) {
	c := mustRead(t, cal(
		// A one-off event keeps its seconds.
		"BEGIN:VEVENT", "DTSTART:20260302T090030Z", "DTEND:20260302T090045Z", "END:VEVENT",
		// A recurring one is expanded in whole minutes.
		"BEGIN:VEVENT", "DTSTART:20260303T090030Z", "DTEND:20260303T091030Z", "RRULE:FREQ=DAILY;COUNT=2", "EXDATE:20260304T090059Z", "END:VEVENT",
	))
	want := []string{"2026-03-02T09:00:30Z/2026-03-02T09:00:45Z", "2026-03-03T09:00:00Z/2026-03-03T09:10:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTooManyOccurrences(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "UID:forever@example.com", "DTSTART:20260302T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY", "END:VEVENT"))
	_, err := c.Busy(context.Background(), calendar.Interval{Start: mustTime(t, "2026-01-01T00:00:00Z"), End: mustTime(t, "2226-01-01T00:00:00Z")}, time.UTC)
	if !errors.Is(err, calendar.ErrTooManyOccurrences) || !strings.Contains(err.Error(), `"forever@example.com"`) {
		t.Errorf("error %v, want one wrapping ErrTooManyOccurrences naming the event", err)
	}
}

func TestWindowFarFromAnyEvent(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260302", "RRULE:FREQ=YEARLY", "END:VEVENT",
		"BEGIN:VEVENT", "DTSTART:20260302T090000", "DURATION:PT1H", "END:VEVENT"))
	for _, w := range [][2]string{
		{"0001-01-01T00:00:00Z", "0001-02-01T00:00:00Z"},
		{"9999-12-01T00:00:00Z", "9999-12-31T23:59:59Z"},
	} {
		if _, err := c.Busy(context.Background(), calendar.Interval{Start: mustTime(t, w[0]), End: mustTime(t, w[1])}, time.UTC); err != nil {
			t.Errorf("%v: %v", w, err)
		}
	}
	far := calendar.Interval{Start: time.Date(-5000, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := c.Busy(context.Background(), far, time.UTC); err != nil {
		t.Errorf("%v: %v", far, err)
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want dur
		ok   bool
	}{
		{"PT1H30M", dur{secs: 5400}, true},
		{"P1D", dur{days: 1}, true},
		{"P1W", dur{days: 7}, true},
		{"+P1DT12H", dur{days: 1, secs: 12 * 3600}, true},
		{"PT15M", dur{secs: 900}, true},
		{"pt90m", dur{secs: 5400}, true},
		{"P1W2D", dur{days: 9}, true},
		{"PT0S", dur{}, true},
		{"-PT1H", dur{}, false},
		{"P", dur{}, false},
		{"PT", dur{}, false},
		{"P1H", dur{}, false},
		{"PT1D", dur{}, false},
		{"PT1M1H", dur{}, false},
		{"P1D1D", dur{}, false},
		{"1H", dur{}, false},
		{"P36601D", dur{}, false},
		{"P9999999999W", dur{}, false},
	} {
		got, err := parseDuration(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseDuration(%q) = %+v, %v; want %+v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// TestFloatingPeriodIsInTheDTSTARTsZone: a floating RDATE;VALUE=PERIOD is
// a wall time in the zone of the DTSTART, as a floating RDATE is: 09:00
// in New York (EST) is 14:00Z, whoever owns the calendar.
func TestFloatingPeriodIsInTheDTSTARTsZone(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "UID:p@example.com", "DTSTART;TZID=America/New_York:20260302T090000", "DURATION:PT1H",
		"RDATE;VALUE=PERIOD:20260304T090000/20260304T100000", "END:VEVENT"))
	want := []string{"2026-03-02T14:00:00Z/2026-03-02T15:00:00Z", "2026-03-04T14:00:00Z/2026-03-04T15:00:00Z"}
	if diff := cmp.Diff(want, mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", mustZone(t, "Europe/Berlin"))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestAnOptionalPropertyThatDoesNotParse: a SUMMARY that does not parse
// is left out, with a problem that names the event; the event is read.
func TestAnOptionalPropertyThatDoesNotParse(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", `SUMMARY;X="open:Planning`, "UID:o@example.com", "DTSTART:20260302T090000Z", "DURATION:PT1H", "END:VEVENT"))
	ps := c.Problems()
	if len(ps) != 1 || ps[0].Line != 4 || ps[0].UID != "o@example.com" || ps[0].What != `VEVENT "o@example.com": SUMMARY` || ps[0].Done != "the property is ignored" {
		t.Errorf("problems %v", ps)
	}
	if got := mustBusy(t, c, "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z", time.UTC); len(got) != 1 {
		t.Errorf("busy %v, want the event", got)
	}
}

// TestAnEventAcrossAGapHasNoLength: 02:30 to 03:15 New York time on
// 2026-03-08, when 02:00 becomes 03:00, starts at 03:30 EDT (07:30Z) and
// ends at 03:15 EDT: an event of no length, listed, never busy.
func TestAnEventAcrossAGapHasNoLength(t *testing.T) {
	c := mustRead(t, cal("BEGIN:VEVENT", "UID:g@example.com", "DTSTART;TZID=America/New_York:20260308T023000", "DTEND;TZID=America/New_York:20260308T031500", "END:VEVENT"))
	w := calendar.Interval{Start: mustTime(t, "2026-03-08T00:00:00Z"), End: mustTime(t, "2026-03-09T00:00:00Z")}
	evs, err := c.Events(context.Background(), w, time.UTC)
	if err != nil || len(evs) != 1 || !evs[0].Start.Equal(mustTime(t, "2026-03-08T07:30:00Z")) || !evs[0].End.Equal(evs[0].Start) {
		t.Errorf("events %v, %v; want one of no length at 07:30Z", evs, err)
	}
	if got := mustBusy(t, c, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z", time.UTC); len(got) != 0 {
		t.Errorf("busy %v, want nothing", got)
	}
}
