package ics

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// utcStrings writes s as "start/end" RFC 3339 UTC strings.
func utcStrings(s calendar.Set) []string {
	var out []string
	for iv := range s.All() {
		out = append(out, iv.Start.UTC().Format(time.RFC3339)+"/"+iv.End.UTC().Format(time.RFC3339))
	}
	return out
}

// A fileCase is the busy time expected from a testdata file, for a window
// and an owner's zone.
type fileCase struct {
	file     string
	from, to string // the window, RFC 3339
	zone     string // the owner's zone
	want     []string
	problems []int // the lines of the problems reading finds, in order
}

var fileCases = []fileCase{
	{
		file: "google.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "America/Los_Angeles",
		want: []string{
			"2026-03-03T18:00:00Z/2026-03-03T18:30:00Z", // 10:00 PST
			"2026-03-05T19:00:00Z/2026-03-05T20:00:00Z", // a UTC event
			"2026-03-10T17:00:00Z/2026-03-10T17:30:00Z", // 10:00 PDT; 03-17 is an EXDATE
			"2026-03-20T07:00:00Z/2026-03-21T07:00:00Z", // the opaque all-day offsite; the birthday is transparent
			"2026-03-24T21:00:00Z/2026-03-24T21:30:00Z", // moved to 14:00 PDT by a RECURRENCE-ID
			"2026-03-31T17:00:00Z/2026-03-31T17:30:00Z", // UNTIL 17:00Z is 10:00 PDT: included
		},
	},
	{
		file: "outlook.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "Europe/Berlin",
		want: []string{
			"2026-03-02T08:30:00Z/2026-03-02T09:00:00Z", // 09:30 CET; 03-04 and 03-11 are EXDATEs
			"2026-03-06T16:00:00Z/2026-03-06T17:00:00Z", // tentative, 08:00 Pacific Standard Time
			"2026-03-09T08:30:00Z/2026-03-09T09:00:00Z",
			"2026-03-11T23:00:00Z/2026-03-13T23:00:00Z", // all-day out of office, in the owner's zone
			"2026-03-16T08:30:00Z/2026-03-16T09:00:00Z", // 03-18 is a cancelled instance
			"2026-03-23T08:30:00Z/2026-03-23T09:00:00Z",
			"2026-03-25T08:30:00Z/2026-03-25T09:00:00Z",
			"2026-03-30T07:30:00Z/2026-03-30T08:00:00Z", // 09:30 CEST
		},
	},
	{
		file: "apple.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-15T00:00:00Z", zone: "Asia/Kathmandu",
		want: []string{
			"2026-03-02T01:45:00Z/2026-03-02T02:15:00Z", // floating 07:30, +05:45
			"2026-03-04T09:15:00Z/2026-03-04T10:15:00Z", // floating 15:00
			"2026-03-05T01:45:00Z/2026-03-05T02:15:00Z", // the RDATE
			"2026-03-06T09:00:00Z/2026-03-06T09:45:00Z", // TZID=Europe/Paris
			"2026-03-09T01:45:00Z/2026-03-09T02:15:00Z",
			"2026-03-09T18:15:00Z/2026-03-10T18:15:00Z", // all-day, in Kathmandu
		},
	},
	{
		file: "utc.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-03-01T00:00:00Z/2026-03-01T01:00:00Z", // clipped to the window
			"2026-03-03T14:00:00Z/2026-03-03T16:00:00Z", // two overlapping events, merged
			"2026-03-05T09:00:00Z/2026-03-05T09:15:00Z",
		},
	},
	{
		file: "tzid.ics", from: "2026-08-29T00:00:00Z", to: "2026-09-21T00:00:00Z", zone: "Asia/Tokyo",
		want: []string{
			"2026-08-30T13:00:00Z/2026-08-30T13:30:00Z", // 09:00 -04
			"2026-09-02T13:00:00Z/2026-09-02T14:00:00Z", // 15:00 CEST
			"2026-09-03T08:00:00Z/2026-09-03T17:00:00Z", // Berlin 10:00 to New York 13:00
			"2026-09-06T04:00:00Z/2026-09-06T05:00:00Z", // 00:00 is in the gap: read at -04, so 01:00 -03
			"2026-09-06T12:00:00Z/2026-09-06T12:30:00Z", // 09:00 -03, on the day of the change
			"2026-09-13T12:00:00Z/2026-09-13T12:30:00Z",
			"2026-09-20T12:00:00Z/2026-09-20T12:30:00Z",
		},
	},
	{
		file: "floating.ics", from: "2026-03-07T00:00:00Z", to: "2026-03-10T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-03-07T07:10:00Z/2026-03-07T07:20:00Z", // daily 02:10 EST
			"2026-03-08T07:10:00Z/2026-03-08T07:20:00Z", // 02:10 is skipped: 03:10 EDT
			"2026-03-08T07:30:00Z/2026-03-08T08:00:00Z", // 02:30 is skipped: 03:30 EDT to 04:00 EDT
			"2026-03-08T13:00:00Z/2026-03-08T14:00:00Z", // 09:00 EDT
			"2026-03-09T06:10:00Z/2026-03-09T06:20:00Z", // 02:10 EDT
		},
	},
	{
		file: "floating.ics", from: "2026-03-07T00:00:00Z", to: "2026-03-10T00:00:00Z", zone: "Europe/Berlin",
		want: []string{
			"2026-03-07T01:10:00Z/2026-03-07T01:20:00Z",
			"2026-03-08T01:10:00Z/2026-03-08T01:20:00Z",
			"2026-03-08T01:30:00Z/2026-03-08T03:00:00Z", // 02:30 to 04:00 CET
			"2026-03-08T08:00:00Z/2026-03-08T09:00:00Z", // 09:00 CET
			"2026-03-09T01:10:00Z/2026-03-09T01:20:00Z",
		},
	},
	{
		file: "allday.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "Asia/Tokyo",
		want: []string{
			"2026-03-07T15:00:00Z/2026-03-08T15:00:00Z",
			"2026-03-09T15:00:00Z/2026-03-10T15:00:00Z",
			"2026-03-11T15:00:00Z/2026-03-14T15:00:00Z",
			"2026-03-19T15:00:00Z/2026-03-20T15:00:00Z",
		},
	},
	{
		file: "allday.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-03-08T05:00:00Z/2026-03-09T04:00:00Z", // 23 hours: midnight EST to midnight EDT
			"2026-03-10T04:00:00Z/2026-03-11T04:00:00Z",
			"2026-03-12T04:00:00Z/2026-03-15T04:00:00Z",
			"2026-03-20T04:00:00Z/2026-03-21T04:00:00Z",
		},
	},
	{
		file: "duration.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-02T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-03-07T14:00:00Z/2026-03-08T13:00:00Z", // P1D: 09:00 EST to 09:00 EDT
			"2026-03-10T14:00:00Z/2026-03-10T15:30:00Z",
			"2026-03-12T04:00:00Z/2026-03-14T04:00:00Z", // all-day P2D in New York
			"2026-03-25T09:00:00Z/2026-04-01T08:00:00Z", // P1W: 10:00 CET to 10:00 CEST
		},
	},
	{
		file: "duration.ics", from: "2026-04-03T00:00:00Z", to: "2026-04-10T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-04-04T15:00:00Z/2026-04-05T16:00:00Z", // P1D from 12:00 -03 to 12:00 -04: 25 hours
			"2026-04-06T16:00:00Z/2026-04-07T16:00:00Z",
		},
	},
	{
		file: "exdate-forms.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-15T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T14:00:00Z/2026-03-02T14:30:00Z",
			// 03-08 stays: its EXDATE 14:00Z is 10:00 EDT, not 09:00.
			"2026-03-08T13:00:00Z/2026-03-08T13:30:00Z",
			"2026-03-11T13:00:00Z/2026-03-11T13:30:00Z",
		},
	},
	{
		file: "rdate.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-05T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-03T09:00:00Z/2026-03-03T10:00:00Z",
			"2026-03-05T14:00:00Z/2026-03-05T15:00:00Z", // RDATE 15:00 CET
			"2026-03-06T11:30:00Z/2026-03-06T12:00:00Z", // 17:00 IST
			"2026-03-10T09:00:00Z/2026-03-10T10:00:00Z",
			"2026-03-12T09:00:00Z/2026-03-12T10:00:00Z", // RDATE in UTC
			"2026-03-13T11:30:00Z/2026-03-13T12:00:00Z", // the RDATE of the event with no RRULE
			"2026-03-17T09:00:00Z/2026-03-17T10:00:00Z",
			"2026-03-19T09:00:00Z/2026-03-19T10:00:00Z", // RDATE;VALUE=DATE, at the DTSTART's 10:00
			"2026-04-01T08:00:00Z/2026-04-01T09:00:00Z", // RDATE list, 10:00 CEST
			"2026-04-02T08:00:00Z/2026-04-02T09:00:00Z",
		},
	},
	{
		file: "recurrence-id.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "America/New_York",
		want: []string{
			"2026-03-02T13:00:00Z/2026-03-02T13:15:00Z", // floating daily 08:00 EST
			"2026-03-02T15:00:00Z/2026-03-02T16:00:00Z", // Monday 10:00 EST
			"2026-03-03T17:00:00Z/2026-03-03T17:15:00Z", // floating instance moved to 12:00 EST
			"2026-03-04T13:00:00Z/2026-03-04T13:15:00Z",
			"2026-03-06T05:00:00Z/2026-03-07T05:00:00Z", // Friday off
			"2026-03-10T18:00:00Z/2026-03-10T19:00:00Z", // 03-09 moved to Tuesday 14:00 EDT
			"2026-03-14T04:00:00Z/2026-03-15T04:00:00Z", // Friday 03-13 off moved to Saturday
			"2026-03-20T04:00:00Z/2026-03-21T04:00:00Z",
			// 03-16 is cancelled and 03-23 transparent.
			"2026-03-27T13:00:00Z/2026-03-27T14:00:00Z", // 04-06 pulled forward to 03-27 09:00 EDT
			"2026-03-30T14:00:00Z/2026-03-30T15:00:00Z",
		},
	},
	{
		// Only the moved instance's new time is in the window.
		file: "recurrence-id.ics", from: "2026-03-27T00:00:00Z", to: "2026-03-28T00:00:00Z", zone: "America/New_York",
		want: []string{"2026-03-27T13:00:00Z/2026-03-27T14:00:00Z"},
	},
	{
		// Only the moved instance's original time is in the window.
		file: "recurrence-id.ics", from: "2026-04-06T00:00:00Z", to: "2026-04-07T00:00:00Z", zone: "America/New_York",
	},
	{
		file: "cancelled-transparent.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T11:00:00Z/2026-03-02T13:00:00Z", // tentative and opaque
			"2026-03-02T14:00:00Z/2026-03-02T15:00:00Z", // confirmed
		},
	},
	{
		file: "freebusy.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z",
			"2026-03-02T13:00:00Z/2026-03-02T13:30:00Z",
			"2026-03-03T08:00:00Z/2026-03-03T09:00:00Z",
			"2026-03-03T17:00:00Z/2026-03-04T08:00:00Z",
			"2026-03-04T09:00:00Z/2026-03-04T10:00:00Z",
		},
	},
	{
		file: "windows-zones.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T17:00:00Z/2026-03-02T18:00:00Z", // Pacific Standard Time: PST
			"2026-03-03T09:00:00Z/2026-03-03T10:00:00Z", // India Standard Time
			"2026-03-30T07:00:00Z/2026-03-30T08:00:00Z", // W. Europe Standard Time: CEST
		},
	},
	{
		file: "x-wr-timezone.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "Europe/Berlin",
		want: []string{
			"2026-03-07T16:00:00Z/2026-03-07T16:30:00Z", // 08:00 PST
			"2026-03-08T15:00:00Z/2026-03-08T15:30:00Z", // 08:00 PDT
			"2026-03-09T15:00:00Z/2026-03-09T15:30:00Z",
			"2026-03-09T16:00:00Z/2026-03-09T17:00:00Z", // 09:00 PDT
			"2026-03-10T23:00:00Z/2026-03-11T23:00:00Z", // all-day, in Berlin
			"2026-03-12T08:00:00Z/2026-03-12T09:00:00Z",
		},
	},
	{
		file: "x-wr-timezone.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "Asia/Tokyo",
		want: []string{
			"2026-03-07T16:00:00Z/2026-03-07T16:30:00Z",
			"2026-03-08T15:00:00Z/2026-03-08T15:30:00Z",
			"2026-03-09T15:00:00Z/2026-03-09T15:30:00Z",
			"2026-03-09T16:00:00Z/2026-03-09T17:00:00Z",
			"2026-03-10T15:00:00Z/2026-03-11T15:00:00Z", // all-day, in Tokyo
			"2026-03-12T08:00:00Z/2026-03-12T09:00:00Z",
		},
	},
	{
		file: "lf-endings.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-04T04:30:00Z/2026-03-04T05:30:00Z",
			"2026-03-04T12:00:00Z/2026-03-04T12:45:00Z",
		},
	},
	{
		file: "folded.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-04T16:00:00Z/2026-03-04T17:00:00Z", // 11:00 EST
			"2026-03-11T15:00:00Z/2026-03-11T16:00:00Z", // 11:00 EDT
		},
	},
	{
		file: "multiple-vcalendars.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T03:30:00Z/2026-03-02T04:30:00Z", // floating in Asia/Kolkata
			"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z", // floating in the owner's UTC
			"2026-03-03T12:00:00Z/2026-03-03T12:15:00Z",
			"2026-03-05T12:00:00Z/2026-03-05T12:15:00Z", // 03-04 cancelled by the second VCALENDAR
		},
	},
	{
		file: "vtimezone-iana.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{"2026-03-10T13:00:00Z/2026-03-10T14:00:00Z"},
	},
	// RANGE=THISANDFUTURE (RFC 5545 §3.8.4.4): the weekly 10:00-11:00
	// moves to 12:00-13:00 from the instance of 03-16 on.
	{
		file: "thisandfuture.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T10:00:00Z/2026-03-02T11:00:00Z",
			"2026-03-09T10:00:00Z/2026-03-09T11:00:00Z",
			"2026-03-16T12:00:00Z/2026-03-16T13:00:00Z",
			"2026-03-23T12:00:00Z/2026-03-23T13:00:00Z",
			"2026-03-30T12:00:00Z/2026-03-30T13:00:00Z",
		},
	},
	// A RANGE=THISANDFUTURE override with a rule of its own ends the
	// weekly Monday series at 01-19 and starts its own: two Thursdays at
	// 15:00.
	{
		file: "thisandfuture-split.ics", from: "2026-01-01T00:00:00Z", to: "2026-02-15T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-01-05T09:00:00Z/2026-01-05T10:00:00Z",
			"2026-01-12T09:00:00Z/2026-01-12T10:00:00Z",
			"2026-01-22T15:00:00Z/2026-01-22T16:00:00Z",
			"2026-01-29T15:00:00Z/2026-01-29T16:00:00Z",
		},
	},
	// Five weekly reviews at 09:00-09:30 New York time; from the second
	// (03-09, after the clocks went forward on 03-08) they are at
	// 10:00-11:00 New York time: an hour later on the wall clock, and an
	// hour long. 03-02 is EST (UTC-5), the others EDT (UTC-4).
	{
		file: "thisandfuture-dst.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-06T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T14:00:00Z/2026-03-02T14:30:00Z",
			"2026-03-09T14:00:00Z/2026-03-09T15:00:00Z",
			"2026-03-16T14:00:00Z/2026-03-16T15:00:00Z",
			"2026-03-23T14:00:00Z/2026-03-23T15:00:00Z",
			"2026-03-30T14:00:00Z/2026-03-30T15:00:00Z",
		},
	},
	// Revisions (RFC 5545 §3.8.7.4): a@ keeps SEQUENCE 2 of 0, 2 and 1;
	// b@ the later DTSTAMP of two with SEQUENCE 1; c@ both copies, a tie;
	// the override of d@'s 03-09 keeps SEQUENCE 2, at 13:00.
	{
		file: "revisions.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T10:00:00Z/2026-03-02T11:00:00Z",
			"2026-03-03T14:00:00Z/2026-03-03T15:00:00Z",
			"2026-03-04T16:00:00Z/2026-03-04T17:00:00Z",
			"2026-03-05T08:00:00Z/2026-03-05T09:00:00Z",
			"2026-03-05T10:00:00Z/2026-03-05T11:00:00Z",
			"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
			"2026-03-16T10:00:00Z/2026-03-16T11:00:00Z",
		},
	},
	// Two RRULEs are the union of their instances (RFC 5545 §3.8.5.3): two
	// Mondays from the DTSTART, and two Wednesdays, with the DTSTART.
	{
		file: "multiple-rrules.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z",
			"2026-03-04T09:00:00Z/2026-03-04T10:00:00Z",
			"2026-03-09T09:00:00Z/2026-03-09T10:00:00Z",
			"2026-03-11T09:00:00Z/2026-03-11T10:00:00Z",
		},
	},
	// An EXDATE that names the DTSTART of an event with no RRULE or RDATE
	// leaves it no instance; one that names another time changes nothing.
	{
		file: "exdate-one-off.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{"2026-03-04T10:00:00Z/2026-03-04T11:00:00Z"},
	},
	// DTEND and DURATION: DTEND is used (line 8 is the DURATION; so is
	// line 21, before its DTEND, in an event whose EXDATE removes its
	// second day); an empty RRULE (line 14) is ignored; an X- property
	// (line 15) is no problem; a TZID on a UTC value (line 28) or on a
	// date (line 33) means nothing, and is no problem either: 09:00Z, and
	// the owner's whole day; a line with no colon (line 16) and the text
	// after END:VCALENDAR (lines 36-37) are ignored.
	{
		file: "leniency.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-03T09:00:00Z/2026-03-03T10:00:00Z",
			"2026-03-04T09:00:00Z/2026-03-04T10:00:00Z",
			"2026-03-05T09:00:00Z/2026-03-05T10:00:00Z",
			"2026-03-06T09:00:00Z/2026-03-06T10:00:00Z",
			"2026-03-07T00:00:00Z/2026-03-08T00:00:00Z",
		},
		problems: []int{8, 14, 16, 21, 36},
	},
	// RDATE;VALUE=PERIOD: each period is an instance of its own length;
	// the EXDATE removes the second.
	{
		file: "rdate-period.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T09:00:00Z/2026-03-02T10:00:00Z",
			"2026-03-04T14:00:00Z/2026-03-04T16:30:00Z",
		},
	},
	// An override with a rule of its own starts a series of its own
	// (split@: 03-02 stays, 03-09 goes, 03-16 and 03-23 at 15:00); one with
	// the series' own rule copies it (copy@: 03-03 moves to 18:00 only).
	{
		file: "override-rrule.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T08:00:00Z/2026-03-02T08:30:00Z",
			"2026-03-02T10:00:00Z/2026-03-02T11:00:00Z",
			"2026-03-03T18:00:00Z/2026-03-03T18:30:00Z",
			"2026-03-04T08:00:00Z/2026-03-04T08:30:00Z",
			"2026-03-16T15:00:00Z/2026-03-16T16:00:00Z",
			"2026-03-23T15:00:00Z/2026-03-23T16:00:00Z",
		},
	},
	// What TestEvents lists, busy: not the transparent lunch nor the
	// cancelled call; the day off is Berlin's whole day.
	{
		file: "events.ics", from: "2026-03-01T00:00:00Z", to: "2026-03-31T00:00:00Z", zone: "Europe/Berlin",
		want: []string{
			"2026-03-02T09:00:00Z/2026-03-02T09:30:00Z",
			"2026-03-03T23:00:00Z/2026-03-04T23:00:00Z",
			"2026-03-09T13:00:00Z/2026-03-09T13:30:00Z",
			"2026-03-16T09:00:00Z/2026-03-16T09:30:00Z",
		},
	},
	// A zone that only its VTIMEZONE defines: three hours ahead of UTC
	// all year (RFC 5545 §3.6.5).
	{
		file: "vtimezone-custom.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{"2026-03-03T07:00:00Z/2026-03-03T08:00:00Z"},
	},
	// A zone only its VTIMEZONE defines, with the US rules (second Sunday
	// of March at 02:00, first Sunday of November at 02:00), checked on
	// both sides of both changes: 12:00 EST is 17:00Z, 12:00 EDT 16:00Z;
	// 01:30-03:30 on 03-08 is one real hour (02:00 becomes 03:00); the
	// daily 09:00 stays 09:00 (14:00Z, then 13:00Z); 01:30 on 11-01 is
	// shown twice and is the earlier, EDT, instant.
	{
		file: "vtimezone-custom-dst.ics", from: "2026-03-01T00:00:00Z", to: "2026-11-10T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-07T14:00:00Z/2026-03-07T15:00:00Z",
			"2026-03-07T17:00:00Z/2026-03-07T18:00:00Z",
			"2026-03-08T06:30:00Z/2026-03-08T07:30:00Z",
			"2026-03-08T13:00:00Z/2026-03-08T14:00:00Z",
			"2026-03-09T13:00:00Z/2026-03-09T14:00:00Z",
			"2026-03-09T16:00:00Z/2026-03-09T17:00:00Z",
			"2026-11-01T04:30:00Z/2026-11-01T05:30:00Z",
			"2026-11-02T17:00:00Z/2026-11-02T18:00:00Z",
		},
	},
	// Values in a zone only a VTIMEZONE defines (the US rules) are compared
	// with the instances as instants: an EXDATE in the skipped hour of
	// 03-08 removes the instance that the gap moved to 03:30 EDT; one of an
	// IANA series removes its 03-11 instance; a UTC RECURRENCE-ID (13:00Z
	// is 09:00 EDT) moves 03-17 to 15:00 EDT. 03-07 02:30 is EST (07:30Z),
	// 03-09 02:30 EDT (06:30Z).
	{
		file: "vtimezone-custom-exdate.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-07T07:30:00Z/2026-03-07T07:45:00Z",
			"2026-03-09T06:30:00Z/2026-03-09T06:45:00Z",
			"2026-03-10T13:00:00Z/2026-03-10T13:15:00Z",
			"2026-03-16T13:00:00Z/2026-03-16T13:15:00Z",
			"2026-03-17T19:00:00Z/2026-03-17T19:15:00Z",
		},
	},
	// TZIDs by name: an IANA name in lower case (Paris, UTC+1), Mozilla's
	// and libical's globally unique names (New York, UTC-5; Kolkata,
	// UTC+5:30), a Windows name (Tokyo, UTC+9); a name nothing defines is
	// a problem, and its event skipped.
	{
		file: "tzid-names.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{
			"2026-03-02T08:00:00Z/2026-03-02T09:00:00Z",
			"2026-03-03T14:00:00Z/2026-03-03T15:00:00Z",
			"2026-03-04T03:30:00Z/2026-03-04T04:30:00Z",
			"2026-03-05T00:00:00Z/2026-03-05T01:00:00Z",
		},
		problems: []int{26},
	},
	{
		file: "bom.ics", from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", zone: "UTC",
		want: []string{"2026-03-04T08:00:00Z/2026-03-04T08:30:00Z"},
	},
}

func TestFiles(t *testing.T) {
	for _, tc := range fileCases {
		t.Run(tc.file+"/"+tc.zone+"/"+tc.from[:10], func(t *testing.T) {
			c, err := ReadFile(context.Background(), filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			w := calendar.Interval{Start: mustTime(t, tc.from), End: mustTime(t, tc.to)}
			got, err := c.Busy(context.Background(), w, mustZone(t, tc.zone))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, utcStrings(got)); diff != "" {
				t.Errorf("Busy(%s, %s) mismatch (-want +got):\n%s", w, tc.zone, diff)
			}
			var lines []int
			for _, p := range c.Problems() {
				lines = append(lines, p.Line)
			}
			if diff := cmp.Diff(tc.problems, lines); diff != "" {
				t.Errorf("the lines of the problems (-want +got):\n%s\n%v", diff, c.Problems())
			}
		})
	}
}

// TestEveryFileIsTested checks that every testdata file has a case.
func TestEveryFileIsTested(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range fileCases {
		tested[tc.file] = true
	}
	for _, tc := range malformedCases {
		tested[tc.file] = true
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.ics"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !tested[filepath.Base(f)] {
			t.Errorf("%s has no test case", f)
		}
	}
}

var malformedCases = []struct {
	file string
	want []string // substrings of the error
	is   error    // an error it must wrap, if any
}{
	{"malformed-dtend-before-dtstart.ics", []string{"line 7:", `"backwards@example.com"`, "DTEND", `"20260303T100000" is before DTSTART "20260303T110000"`}, nil},
	{"malformed-unknown-zone.ics", []string{"line 14:", `"custom-zone@example.com"`, `"Custom Zone 2"`, "neither an IANA zone nor a Windows zone name"}, ErrUnknownZone},
	{"malformed-unclosed.ics", []string{"line 1:", "BEGIN:VCALENDAR is never closed"}, nil},
	{"malformed-param.ics", []string{"line 6:", "DTSTART", "TZID"}, nil},
	{"malformed-date.ics", []string{"line 6:", `"iso-date@example.com"`, "DTSTART", `"2026-03-03T10:00:00Z"`}, nil},
	{"malformed-negative-duration.ics", []string{"line 7:", `"negative@example.com"`, "DURATION", "negative"}, nil},
	{"malformed-rrule.ics", []string{"line 8:", `"fortnightly@example.com"`, "RRULE", "FORTNIGHTLY"}, nil},
	{"malformed-end-mismatch.ics", []string{"line 7:", "END:VTODO", "VEVENT, begun on line 4"}, nil},
	{"malformed-thisandprior.ics", []string{"line 12:", `"split@example.com"`, "RANGE=", "THISANDPRIOR", "want THISANDFUTURE"}, nil},
	{"malformed-exdate.ics", []string{"line 9:", `"feb-30@example.com"`, "EXDATE", "20260230T090000Z"}, nil},
	{"malformed-mixed-end.ics", []string{"line 7:", `"mixed@example.com"`, "DTEND", `"20260304T000000Z" is a date-time, but DTSTART "20260303" is a date`}, nil},
}

func TestMalformedFiles(t *testing.T) {
	for _, tc := range malformedCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			// Read leniently, the file reads, and its one problem says
			// what the strict error says.
			c, err := ReadFile(context.Background(), path, Options{})
			if err != nil {
				t.Fatalf("read leniently: %v", err)
			}
			ps := c.Problems()
			if len(ps) == 0 {
				t.Fatal("read leniently: no problem")
			}
			if !slices.ContainsFunc(ps, func(p Problem) bool {
				return !slices.ContainsFunc(tc.want, func(w string) bool { return !strings.Contains(p.String(), w) })
			}) {
				t.Errorf("no problem mentions all of %q: %v", tc.want, ps)
			}
			_, err = ReadFile(context.Background(), path, Options{Strict: true})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range append(tc.want, path) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", msg, tc.is)
			}
			// Read (without a file name) fails the same way.
			data, err2 := os.ReadFile(path)
			if err2 != nil {
				t.Fatal(err2)
			}
			if _, err2 = Read(context.Background(), strings.NewReader(string(data)), Options{Strict: true}); err2 == nil || !strings.Contains(msg, strings.TrimPrefix(err2.Error(), "ics.Read: ")) {
				t.Errorf("Read: %v, want the error of ReadFile without the file name: %v", err2, err)
			}
		})
	}
}
