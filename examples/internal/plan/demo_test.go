package plan

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/policy"
)

// demoCalendarTeam is the demo team as its calendar files (demo/<id>.ics)
// know it: each person's zone (the owner's zone the files are read in)
// and the addresses they are known by. Priya organizes from a second
// address in her own file.
var demoCalendarTeam = []struct {
	id, zone string
	emails   []string
}{
	{"ben", "Europe/Berlin", []string{"ben@tzplan-demo.example"}},
	{"priya", "Asia/Kolkata", []string{"priya@tzplan-demo.example", "priya.raman@tzplan-demo.example"}},
	{"sam", "America/New_York", []string{"sam@tzplan-demo.example"}},
	{"ana", "America/Sao_Paulo", []string{"ana@tzplan-demo.example"}},
	{"diego", "America/Santiago", []string{"diego@tzplan-demo.example"}},
	{"noa", "Asia/Jerusalem", []string{"noa@tzplan-demo.example"}},
	{"jun", "Asia/Manila", []string{"jun@tzplan-demo.example"}},
	{"mia", "Australia/Sydney", []string{"mia@tzplan-demo.example"}},
}

// The UIDs of the demo calendars' shared events, the same in every copy:
// Google's for the events Ben and Ana organize, Exchange's for Sam's and
// Priya's.
const (
	demoUIDStandup  = "1m7q4h0c2v9s5k3d8b6n2x4w1e@google.com"
	demoUIDStatus   = "040000008200E00074C5B7101A82E00800000000B07E4C1D8F7BDC01000000000000000010000000" + "3A6F0E9C52D14B8C9E27A4F1D06B8C35"
	demoUIDBenPriya = "4t0r8e2w6q1y9u3i7o5p0a4s2d@google.com"
	demoUIDSamMia   = "040000008200E00074C5B7101A82E00800000000D4C2A9E1907BDC01000000000000000010000000" + "C81B5E3F7A2D4E6B90F1A3C5E7092B4D"
	demoUIDAnaDiego = "6h2j8k4l0z1x5c9v3b7n2m6q0w@google.com"
	demoUIDDesign   = "040000008200E00074C5B7101A82E0080000000061F3D8A2B47BDC01000000000000000010000000" + "5E9D2C7B1F4A4830A6E8B2D0C94F17A6"
	demoUIDKickoff  = "0p9o8i7u6y5t4r3e2w1q0a9s8d@google.com"
	demoUIDIncident = "040000008200E00074C5B7101A82E00800000000F29B4E6D1DB1DC01000000000000000010000000" + "A7C3E51D9B2F4068B4D6F8A0C2E41379"
	demoUIDLogistic = "9a8s7d6f5g4h3j2k1l0z9x8c7v@google.com"
	demoUIDOffsite  = "2z4x6c8v0b1n3m5q7w9e1r3t5y@google.com"
	demoUIDVendor   = "040000008200E00074C5B7101A82E0080000000035E1A7C9F65EDD01000000000000000010000000" + "2B8F4D6A0C1E4F3792A5B7D9E1C3F508"
	demoUIDRetro    = "5r6t7y8u9i0o1p2a3s4d5f6g7h@google.com"
	demoUIDHiring   = "040000008200E00074C5B7101A82E00800000000A4D2F86B1260DD01000000000000000010000000" + "E6A0C2B4D8F14A3C95B7D1F3A5C7E902"
)

// demoEveryoneButMia are the standup's attendees: all eight were invited,
// and Mia declined.
var demoEveryoneButMia = []string{"ana", "ben", "diego", "jun", "noa", "priya", "sam"}

// A demoRow is one meeting as TestDemoCalendars expects it.
type demoRow struct {
	id, title, start, end string // start and end in RFC 3339, UTC
	attendees             []string
}

func (r demoRow) String() string {
	return fmt.Sprintf("%s %q [%s, %s) %v", r.id, r.title, r.start, r.end, r.attendees)
}

func demoRowOf(o policy.Occurrence) demoRow {
	return demoRow{o.ID, o.Title, o.Interval.Start.UTC().Format(time.RFC3339), o.Interval.End.UTC().Format(time.RFC3339), o.Attendees}
}

// TestDemoCalendars reads the demo team's calendar files strictly and
// checks the meetings policy.MeetingsFrom finds in them in two weeks,
// against expectations worked out by hand from the events the files hold
// (see the comments): Berlin is UTC+1 until 2026-03-29 and in December,
// New York UTC-4 from 2026-03-08 and UTC-5 in December, Sao Paulo UTC-3
// all year, Kolkata UTC+5:30.
func TestDemoCalendars(t *testing.T) {
	ctx := context.Background()
	var people []calendar.Person
	cals := make(map[string]*ics.Calendar)
	zones := make(map[string]*time.Location)
	for _, m := range demoCalendarTeam {
		path := filepath.Join("demo", m.id+".ics")
		c, err := ics.ReadFile(ctx, path, ics.Options{Strict: true})
		if err != nil {
			t.Fatal(err)
		}
		if ps := c.Problems(); len(ps) > 0 {
			t.Fatalf("%s: problems: %v", path, ps)
		}
		loc, err := time.LoadLocation(m.zone)
		if err != nil {
			t.Fatal(err)
		}
		cals[m.id], zones[m.id] = c, loc
		people = append(people, calendar.Person{ID: m.id, Emails: m.emails})
	}
	window := func(from, to string) calendar.Interval {
		t.Helper()
		start, err1 := time.Parse(time.RFC3339, from)
		end, err2 := time.Parse(time.RFC3339, to)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		return calendar.Interval{Start: start, End: end}
	}
	// events returns each person's events in w, by ID.
	events := func(t *testing.T, w calendar.Interval) map[string][]ics.Event {
		t.Helper()
		out := make(map[string][]ics.Event)
		for _, m := range demoCalendarTeam {
			evs, err := cals[m.id].Events(ctx, w, zones[m.id])
			if err != nil {
				t.Fatal(err)
			}
			out[m.id] = evs
		}
		return out
	}
	meetings := func(t *testing.T, w calendar.Interval) []policy.Occurrence {
		t.Helper()
		evs := events(t, w)
		var all [][]ics.Event
		for _, m := range demoCalendarTeam {
			all = append(all, evs[m.id])
		}
		return policy.MeetingsFrom(people, all...)
	}
	// check compares the meetings with want, row by row.
	check := func(t *testing.T, got []policy.Occurrence, want []demoRow) {
		t.Helper()
		var g, w []string
		for _, o := range got {
			g = append(g, demoRowOf(o).String())
		}
		for _, r := range want {
			w = append(w, r.String())
		}
		if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("meetings (-want +got):\n%s", diff)
		}
	}
	// standups returns the occurrences of the standup, checking that Mia,
	// who declined it, is in none.
	standups := func(t *testing.T, got []policy.Occurrence) []policy.Occurrence {
		t.Helper()
		var out []policy.Occurrence
		for _, o := range got {
			if o.Series != demoUIDStandup {
				continue
			}
			out = append(out, o)
			if slices.Contains(o.Attendees, "mia") {
				t.Errorf("mia, who declined the standup, is in %s", demoRowOf(o))
			}
		}
		return out
	}
	find := func(got []policy.Occurrence, uid string) (policy.Occurrence, bool) {
		for _, o := range got {
			if o.Series == uid {
				return o, true
			}
		}
		return policy.Occurrence{}, false
	}
	// exact checks one one-off meeting's interval and attendees.
	exact := func(t *testing.T, got []policy.Occurrence, uid, title, start, end string, attendees ...string) {
		t.Helper()
		o, ok := find(got, uid)
		if !ok {
			t.Errorf("no %q", title)
			return
		}
		if r, want := demoRowOf(o), (demoRow{uid, title, start, end, attendees}); r.String() != want.String() {
			t.Errorf("got  %s\nwant %s", r, want)
		}
	}

	t.Run("files", func(t *testing.T) {
		for _, m := range demoCalendarTeam {
			path := filepath.Join("demo", m.id+".ics")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			checkDemoICS(t, path, data)
		}
	})

	// The week of Monday 2026-03-09: New York is on summer time (since
	// March 8), Berlin not yet.
	t.Run("2026-03-09", func(t *testing.T) {
		got := meetings(t, window("2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"))
		check(t, got, []demoRow{
			// Mon: the standup at 14:00 Berlin (UTC+1).
			{demoUIDStandup + "@20260309T130000Z", "Daily standup", "2026-03-09T13:00:00Z", "2026-03-09T13:15:00Z", demoEveryoneButMia},
			// Mon: every other Monday from Jan 12 (Jan 12 + 8 weeks),
			// 11:00 Sao Paulo (UTC-3).
			{demoUIDAnaDiego + "@20260309T140000Z", "Ana / Diego 1:1", "2026-03-09T14:00:00Z", "2026-03-09T14:30:00Z", []string{"ana", "diego"}},
			// Tue: 10:00 Berlin.
			{demoUIDBenPriya + "@20260310T090000Z", "Ben / Priya 1:1", "2026-03-10T09:00:00Z", "2026-03-10T09:30:00Z", []string{"ben", "priya"}},
			{demoUIDStandup + "@20260310T130000Z", "Daily standup", "2026-03-10T13:00:00Z", "2026-03-10T13:15:00Z", demoEveryoneButMia},
			// Tue: 15:00-16:00 Berlin.
			{demoUIDKickoff, "Q2 roadmap kickoff", "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z", []string{"ana", "ben", "diego", "noa", "sam"}},
			// Wed: the standup moved to 15:00 Berlin; its RECURRENCE-ID
			// stays 14:00 Berlin. No design review: every other
			// Wednesday from Jan 7, and Mar 11 is Jan 7 + 9 weeks.
			{demoUIDStandup + "@20260311T130000Z", "Daily standup", "2026-03-11T14:00:00Z", "2026-03-11T14:15:00Z", demoEveryoneButMia},
			// Wed: 16:00 New York (UTC-4).
			{demoUIDSamMia + "@20260311T200000Z", "Sam / Mia 1:1", "2026-03-11T20:00:00Z", "2026-03-11T20:30:00Z", []string{"mia", "sam"}},
			// Thu: 09:00 New York; three meetings start at 13:00Z, in
			// ID order.
			{demoUIDStatus + "@20260312T130000Z", "Weekly status", "2026-03-12T13:00:00Z", "2026-03-12T14:00:00Z", []string{"ana", "ben", "diego", "noa", "priya", "sam"}},
			{demoUIDIncident, "Incident review: login outage", "2026-03-12T13:00:00Z", "2026-03-12T13:45:00Z", []string{"ben", "priya", "sam"}},
			{demoUIDStandup + "@20260312T130000Z", "Daily standup", "2026-03-12T13:00:00Z", "2026-03-12T13:15:00Z", demoEveryoneButMia},
			// Fri: the standup; Offsite logistics (16:00 Berlin) is
			// cancelled.
			{demoUIDStandup + "@20260313T130000Z", "Daily standup", "2026-03-13T13:00:00Z", "2026-03-13T13:15:00Z", demoEveryoneButMia},
		})
		if n := len(got); n != 11 {
			t.Errorf("%d meetings, want 11", n)
		}
		ups := standups(t, got)
		if len(ups) != 5 {
			t.Errorf("%d standups, want 5", len(ups))
		}
		moved := false
		for _, o := range ups {
			if o.ID == demoUIDStandup+"@20260311T130000Z" {
				moved = o.Interval.Start.Equal(time.Date(2026, 3, 11, 14, 0, 0, 0, time.UTC)) &&
					o.Interval.End.Equal(time.Date(2026, 3, 11, 14, 15, 0, 0, time.UTC))
			}
		}
		if !moved {
			t.Error("the standup of 2026-03-11 is not at 14:00Z-14:15Z")
		}
		exact(t, got, demoUIDKickoff, "Q2 roadmap kickoff", "2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z", "ana", "ben", "diego", "noa", "sam")
		exact(t, got, demoUIDIncident, "Incident review: login outage", "2026-03-12T13:00:00Z", "2026-03-12T13:45:00Z", "ben", "priya", "sam")
		for _, o := range got {
			if o.Series == demoUIDLogistic || strings.Contains(o.Title, "Offsite logistics") {
				t.Errorf("the cancelled %s is a meeting", demoRowOf(o))
			}
		}
		// Offsite logistics is absent because it is cancelled, not
		// because it is missing: all three copies are there.
		var copies int
		for _, evs := range events(t, window("2026-03-13T00:00:00Z", "2026-03-14T00:00:00Z")) {
			for _, e := range evs {
				if e.UID == demoUIDLogistic {
					copies++
					if e.Status != "CANCELLED" {
						t.Errorf("a copy of Offsite logistics has STATUS %q", e.Status)
					}
				}
			}
		}
		if copies != 3 {
			t.Errorf("%d copies of Offsite logistics, want 3 (ben, noa, priya)", copies)
		}
	})

	// The week of Monday 2026-12-21: Berlin UTC+1, New York UTC-5.
	t.Run("2026-12-21", func(t *testing.T) {
		got := meetings(t, window("2026-12-21T00:00:00Z", "2026-12-28T00:00:00Z"))
		check(t, got, []demoRow{
			// Mon: no Ana / Diego 1:1 (Dec 21 is Jan 12 + 49 weeks).
			{demoUIDStandup + "@20261221T130000Z", "Daily standup", "2026-12-21T13:00:00Z", "2026-12-21T13:15:00Z", demoEveryoneButMia},
			// Mon: 09:00 New York; Diego declined.
			{demoUIDVendor, "Vendor demo", "2026-12-21T14:00:00Z", "2026-12-21T15:00:00Z", []string{"ana", "sam"}},
			{demoUIDBenPriya + "@20261222T090000Z", "Ben / Priya 1:1", "2026-12-22T09:00:00Z", "2026-12-22T09:30:00Z", []string{"ben", "priya"}},
			{demoUIDStandup + "@20261222T130000Z", "Daily standup", "2026-12-22T13:00:00Z", "2026-12-22T13:15:00Z", demoEveryoneButMia},
			// Tue: 14:30-15:30 Berlin, everyone but Jun (Mia tentative).
			{demoUIDRetro, "Year-end retro", "2026-12-22T13:30:00Z", "2026-12-22T14:30:00Z", []string{"ana", "ben", "diego", "mia", "noa", "priya", "sam"}},
			// Wed: 16:00 Kolkata (UTC+5:30); Dec 23 is Jan 7 + 50 weeks.
			{demoUIDDesign + "@20261223T103000Z", "Design review", "2026-12-23T10:30:00Z", "2026-12-23T11:30:00Z", []string{"ben", "noa", "priya"}},
			{demoUIDStandup + "@20261223T130000Z", "Daily standup", "2026-12-23T13:00:00Z", "2026-12-23T13:15:00Z", demoEveryoneButMia},
			// Wed: 10:00 New York.
			{demoUIDHiring, "Hiring sync", "2026-12-23T15:00:00Z", "2026-12-23T15:30:00Z", []string{"ana", "sam"}},
			// Wed: 16:00 New York (Thu 08:00 in Sydney).
			{demoUIDSamMia + "@20261223T210000Z", "Sam / Mia 1:1", "2026-12-23T21:00:00Z", "2026-12-23T21:30:00Z", []string{"mia", "sam"}},
			{demoUIDStandup + "@20261224T130000Z", "Daily standup", "2026-12-24T13:00:00Z", "2026-12-24T13:15:00Z", demoEveryoneButMia},
			// Thu: 09:00 New York. Fri Dec 25: the standup's EXDATE.
			{demoUIDStatus + "@20261224T140000Z", "Weekly status", "2026-12-24T14:00:00Z", "2026-12-24T15:00:00Z", []string{"ana", "ben", "diego", "noa", "priya", "sam"}},
		})
		if n := len(got); n != 11 {
			t.Errorf("%d meetings, want 11", n)
		}
		ups := standups(t, got)
		if len(ups) != 4 {
			t.Errorf("%d standups, want 4", len(ups))
		}
		for _, o := range ups {
			if o.Interval.Start.UTC().Format(time.DateOnly) == "2026-12-25" {
				t.Errorf("a standup on 2026-12-25, which its EXDATE removes: %s", demoRowOf(o))
			}
		}
		exact(t, got, demoUIDVendor, "Vendor demo", "2026-12-21T14:00:00Z", "2026-12-21T15:00:00Z", "ana", "sam")
		exact(t, got, demoUIDRetro, "Year-end retro", "2026-12-22T13:30:00Z", "2026-12-22T14:30:00Z", "ana", "ben", "diego", "mia", "noa", "priya", "sam")
		exact(t, got, demoUIDHiring, "Hiring sync", "2026-12-23T15:00:00Z", "2026-12-23T15:30:00Z", "ana", "sam")
		if o, ok := find(got, demoUIDOffsite); ok {
			t.Errorf("the all-day Company offsite is a meeting: %s", demoRowOf(o))
		}
	})

	// The Company offsite (2026-12-10, all day) is in Ben's and Noa's
	// calendars, with both of them, and is no meeting: the week of
	// 2026-12-21 does not reach it, so this week does.
	t.Run("all-day", func(t *testing.T) {
		w := window("2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z")
		for id, evs := range events(t, w) {
			i := slices.IndexFunc(evs, func(e ics.Event) bool { return e.UID == demoUIDOffsite })
			switch {
			case id != "ben" && id != "noa" && i >= 0:
				t.Errorf("the Company offsite is in %s's calendar", id)
			case (id == "ben" || id == "noa") && i < 0:
				t.Errorf("the Company offsite is not in %s's calendar", id)
			case i >= 0 && !evs[i].AllDay:
				t.Errorf("%s's Company offsite is not all-day: %+v", id, evs[i])
			}
		}
		if o, ok := find(meetings(t, w), demoUIDOffsite); ok {
			t.Errorf("the all-day Company offsite is a meeting: %s", demoRowOf(o))
		}
	})

	// Priya's own file names her by her second address only (as the
	// organizer of the meetings she set up), and her file alone gives
	// the incident review with her in it.
	t.Run("second address", func(t *testing.T) {
		evs, err := cals["priya"].Events(ctx, window("2026-03-12T00:00:00Z", "2026-03-13T00:00:00Z"), zones["priya"])
		if err != nil {
			t.Fatal(err)
		}
		exact(t, policy.MeetingsFrom(people, evs), demoUIDIncident, "Incident review: login outage",
			"2026-03-12T13:00:00Z", "2026-03-12T13:45:00Z", "ben", "priya", "sam")
	})

	// Each file's VTIMEZONEs agree with the IANA zones they are named
	// after (which the reader uses instead): with every zone renamed, so
	// that only its VTIMEZONE defines it, the file's events and a probe
	// on every hour in each zone (the zones change their clocks on the
	// hour) are at the same instants through 2026.
	t.Run("VTIMEZONE", func(t *testing.T) {
		w := window("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
		for _, m := range demoCalendarTeam {
			path := filepath.Join("demo", m.id+".ics")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.ReplaceAll(string(data), "\r\n ", "")
			var probes strings.Builder
			for i, tz := range demoDefinedZones(text) {
				fmt.Fprintf(&probes, "BEGIN:VEVENT\r\nUID:probe-%d\r\nDTSTAMP:20260101T000000Z\r\n"+
					"DTSTART;TZID=%s:20260101T000000\r\nDTEND;TZID=%[2]s:20260101T000100\r\n"+
					"RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23\r\n"+
					"END:VEVENT\r\n", i, tz)
			}
			text = strings.Replace(text, "END:VCALENDAR", probes.String()+"END:VCALENDAR", 1)
			renamed := text
			for i, tz := range demoDefinedZones(text) {
				renamed = strings.ReplaceAll(renamed, tz, fmt.Sprintf("Demo zone %d", i+1))
			}
			var got [2][]ics.Event
			for i, s := range []string{text, renamed} {
				c, err := ics.Read(ctx, strings.NewReader(s), ics.Options{Strict: true})
				if err != nil {
					t.Fatalf("%s, with probes (renamed: %v): %v", path, i == 1, err)
				}
				if got[i], err = c.Events(ctx, w, zones[m.id]); err != nil {
					t.Fatal(err)
				}
			}
			iana, own := got[0], got[1]
			if len(iana) != len(own) {
				t.Errorf("%s: %d events in 2026 with IANA's zones, %d with its VTIMEZONEs", path, len(iana), len(own))
				continue
			}
			for i := range iana {
				a, b := iana[i], own[i]
				if a.UID != b.UID || !a.Start.Equal(b.Start) || !a.End.Equal(b.End) {
					t.Errorf("%s: %s %q at %s with IANA's zones, %s %q at %s with its VTIMEZONEs", path,
						a.UID, a.Summary, a.Start.UTC().Format(time.RFC3339), b.UID, b.Summary, b.Start.UTC().Format(time.RFC3339))
					break
				}
			}
		}
	})
}

// demoDefinedZones returns the TZIDs of the VTIMEZONEs of the unfolded
// iCalendar text.
func demoDefinedZones(text string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(text, "\r\n") {
		switch {
		case line == "BEGIN:VTIMEZONE":
			in = true
		case line == "END:VTIMEZONE":
			in = false
		case in && strings.HasPrefix(line, "TZID:"):
			out = append(out, strings.TrimPrefix(line, "TZID:"))
		}
	}
	return out
}

// checkDemoICS checks what the reader lets pass but RFC 5545 wants of
// the demo files: lines that end in CRLF and are at most 75 octets, folded
// where longer; VERSION and PRODID; a VTIMEZONE for every TZID used; in
// every VEVENT one UID, one DTSTAMP in UTC and one DTSTART; ORGANIZER and
// ATTENDEE addresses with "mailto:", and a PARTSTAT on every ATTENDEE.
func checkDemoICS(t *testing.T, path string, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s: does not end in CRLF", path)
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		switch {
		case bytes.ContainsAny(line, "\r\n"):
			t.Errorf("%s:%d: a line that does not end in CRLF", path, i+1)
		case len(line) > 75:
			t.Errorf("%s:%d: %d octets, more than 75", path, i+1, len(line))
		case len(line) == 0:
			t.Errorf("%s:%d: an empty line", path, i+1)
		}
	}
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n"), "\r\n")
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("%s: not one VCALENDAR", path)
	}
	defined := make(map[string]bool)
	for _, tz := range demoDefinedZones(strings.Join(lines, "\r\n")) {
		defined[tz] = true
	}
	var count map[string]int // the properties of the VEVENT being read
	depth, version, prodid := 0, false, false
	for i, line := range lines {
		name, params, value := demoSplitLine(line)
		if name == "" {
			t.Errorf("%s: content line %d %q does not parse", path, i+1, line)
			continue
		}
		switch name {
		case "BEGIN":
			depth++
			if value == "VEVENT" {
				count = make(map[string]int)
			}
		case "END":
			depth--
			if value == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART"} {
					if count[p] != 1 {
						t.Errorf("%s: the VEVENT ending on content line %d has %d %s", path, i+1, count[p], p)
					}
				}
				count = nil
			}
		}
		if depth == 1 && name == "VERSION" {
			version = value == "2.0"
		}
		if depth == 1 && name == "PRODID" {
			prodid = value != ""
		}
		if count != nil && depth == 2 {
			count[name]++
			if name == "DTSTAMP" && !strings.HasSuffix(value, "Z") {
				t.Errorf("%s: content line %d: DTSTAMP not in UTC", path, i+1)
			}
		}
		for _, p := range params {
			if tz, ok := strings.CutPrefix(p, "TZID="); ok && !defined[tz] {
				t.Errorf("%s: content line %d: TZID %q without a VTIMEZONE", path, i+1, tz)
			}
		}
		if name == "ORGANIZER" || name == "ATTENDEE" {
			if !strings.HasPrefix(strings.ToLower(value), "mailto:") {
				t.Errorf("%s: content line %d: %s %q without mailto:", path, i+1, name, value)
			}
			if name == "ATTENDEE" && !slices.ContainsFunc(params, func(p string) bool { return strings.HasPrefix(p, "PARTSTAT=") }) {
				t.Errorf("%s: content line %d: ATTENDEE without PARTSTAT", path, i+1)
			}
		}
	}
	if depth != 0 || !version || !prodid {
		t.Errorf("%s: components left open (%d), or no VERSION:2.0 (%v) or PRODID (%v)", path, depth, version, prodid)
	}
}

// demoSplitLine splits an unfolded content line into its name, its
// parameters ("NAME=value", quotes kept) and its value; the name is ""
// when the line does not parse.
func demoSplitLine(line string) (name string, params []string, value string) {
	i := strings.IndexAny(line, ";:")
	if i <= 0 {
		return "", nil, ""
	}
	name, rest := line[:i], line[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		j, quoted := 0, false
		for ; j < len(rest); j++ {
			c := rest[j]
			if c == '"' {
				quoted = !quoted
			}
			if !quoted && (c == ';' || c == ':') {
				break
			}
		}
		if j == len(rest) || !strings.Contains(rest[:j], "=") {
			return "", nil, ""
		}
		params, rest = append(params, rest[:j]), rest[j:]
	}
	if !strings.HasPrefix(rest, ":") {
		return "", nil, ""
	}
	return name, params, rest[1:]
}
