package ics

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// corpusRead reads one corpus file as a user would.
func corpusRead(ctx context.Context, path string) (*Calendar, error) {
	return ReadFile(ctx, path, Options{})
}

// A byHandCase is the busy time of one corpus file in one window, worked
// out by hand from the file's text and RFC 5545.
type byHandCase struct {
	file   string      // in the corpus folder
	owner  string      // the owner's zone, given to Busy
	window [2]string   // [start, end), RFC 3339 in UTC
	want   [][2]string // the busy intervals [start, end), RFC 3339 with offsets
	// needs names the features the expectation depends on, beyond
	// what every file needs.
	needs string
}

const (
	needsPeriod       = "RDATE;VALUE=PERIOD"
	needsRange        = "RANGE=THISANDFUTURE"
	needsOverrideRule = "an override (RECURRENCE-ID) with its own RRULE"
	needsRRules       = "several RRULEs in one event"
	needsExdateStart  = "an EXDATE that removes the DTSTART of an event with no RRULE or RDATE"
	needsRevisions    = "revisions: the highest SEQUENCE, then the latest DTSTAMP, of each UID and RECURRENCE-ID"
	needsVTimezone    = "a custom VTIMEZONE (its TZID no IANA name), read by its own rules"
	needsCase         = "a TZID that is an IANA name in the wrong letter case"
	needsSlash        = `a "/"-prefixed globally unique TZID whose tail is an IANA name`
	needsEndAndDur    = "DTEND together with DURATION (DTEND is used)"
	needsOverrideDate = "an instance with a RECURRENCE-ID but no series in the file, whose RDATEs are its recurrence set"
)

var byHandCases = []byHandCase{
	// Lines 28-29 repeat the 3rd Wednesday (COUNT=9 from line 24: Sep 20, Oct 18, Nov 15, Dec 20, Jan 17, ...) 12:00-14:00 (line 25), EXDATE line 26 drops Dec 20, the RDATE period of line 27 adds Dec 13 12:00-15:00 with its own length (RFC 5545 §3.8.5.2, §3.3.9); PST from Nov 5.
	{
		file: "rie__issue_113_period_in_rdate.ics", owner: "America/Vancouver",
		window: [2]string{"2023-11-01T00:00:00Z", "2024-02-01T00:00:00Z"},
		want: [][2]string{
			{"2023-11-15T12:00:00-08:00", "2023-11-15T14:00:00-08:00"},
			{"2023-12-13T12:00:00-08:00", "2023-12-13T15:00:00-08:00"},
			{"2024-01-17T12:00:00-08:00", "2024-01-17T14:00:00-08:00"},
		},
		needs: needsPeriod,
	},
	// Lines 3-4 are busy 12:00-13:00Z on Sep 12; line 5 adds the period start/duration Sep 13 12:00Z/PT2H (RFC 5545 §3.3.9, §3.8.5.2).
	{
		file: "rie__issue_113_period_rdate_duration.ics", owner: "UTC",
		window: [2]string{"2024-09-12T00:00:00Z", "2024-09-15T00:00:00Z"},
		want: [][2]string{
			{"2024-09-12T12:00:00Z", "2024-09-12T13:00:00Z"},
			{"2024-09-13T12:00:00Z", "2024-09-13T14:00:00Z"},
		},
		needs: needsPeriod,
	},
	// Lines 6-9: every 2 days 12:00-14:00Z plus RDATE Sep 14 09:00Z; line 16 (THISANDFUTURE from Sep 13) moves that and later instances -3h and makes them 7h (lines 17-18), the RDATE too; line 25 moves Sep 15 alone to 17:00-19:00Z; line 34 (THISANDFUTURE from Sep 21) moves later ones +1d2h22m, 1h51m long (RFC 5545 §3.8.4.4, §3.2.13).
	{
		file: "rie__issue_75_range_parameter.ics", owner: "UTC",
		window: [2]string{"2024-09-10T00:00:00Z", "2024-09-27T00:00:00Z"},
		want: [][2]string{
			{"2024-09-11T12:00:00Z", "2024-09-11T14:00:00Z"},
			{"2024-09-13T09:00:00Z", "2024-09-13T16:00:00Z"},
			{"2024-09-14T06:00:00Z", "2024-09-14T13:00:00Z"},
			{"2024-09-15T17:00:00Z", "2024-09-15T19:00:00Z"},
			{"2024-09-17T09:00:00Z", "2024-09-17T16:00:00Z"},
			{"2024-09-19T09:00:00Z", "2024-09-19T16:00:00Z"},
			{"2024-09-22T14:22:00Z", "2024-09-22T16:13:00Z"},
			{"2024-09-24T14:22:00Z", "2024-09-24T16:13:00Z"},
			{"2024-09-26T14:22:00Z", "2024-09-26T16:13:00Z"},
		},
		needs: needsRange,
	},
	// An instance (line 10, THISANDFUTURE) with no UID and no series in the file: its DTSTART/DTEND (lines 7-8) and the Tuesday periods of its RDATE (lines 12-20, "Central Standard Time" = America/Chicago, CDT) are busy (RFC 5545 §3.8.5.2, §3.3.9).
	{
		file: "icalendar__issue_156_RDATE_with_PERIOD_TZID_khal.ics", owner: "America/Chicago",
		window: [2]string{"2018-03-26T00:00:00Z", "2018-04-12T00:00:00Z"},
		want: [][2]string{
			{"2018-03-27T08:00:00-05:00", "2018-03-27T09:00:00-05:00"},
			{"2018-04-03T08:00:00-05:00", "2018-04-03T09:00:00-05:00"},
			{"2018-04-10T08:00:00-05:00", "2018-04-10T09:00:00-05:00"},
		},
		needs: needsOverrideDate + " + " + needsPeriod + " + " + needsRange,
	},
	// The series of SEQUENCE 3 (lines 29-41, the rule of SEQUENCE 1, lines 2-14) is Jul 1, 15, 29 for 7 days; the override of Jul 15 (lines 15-28; its copied RRULE, line 24, describes the series, not the instance) is Jul 2-9 (RFC 5545 §3.8.4.4, §3.8.7.4); all-day in the owner's zone.
	{
		file: "rie__issue_148_edge_case_2.ics", owner: "Europe/Berlin",
		window: [2]string{"2024-06-29T00:00:00Z", "2024-08-12T00:00:00Z"},
		want: [][2]string{
			{"2024-07-01T00:00:00+02:00", "2024-07-08T00:00:00+02:00"},
			{"2024-07-02T00:00:00+02:00", "2024-07-09T00:00:00+02:00"},
			{"2024-07-29T00:00:00+02:00", "2024-08-05T00:00:00+02:00"},
		},
		needs: needsOverrideRule + " + " + needsRevisions,
	},
	// Lines 11-12 are the same weekly Thursday rule, COUNT=20 from Jan 12 (line 13): the union ends on May 25, 10:00-12:00 BST (line 14) (RFC 5545 §3.8.5.3, §3.8.5.1).
	{
		file: "rie__duplicated_rrule.ics", owner: "Europe/London",
		window: [2]string{"2023-05-15T00:00:00Z", "2023-06-12T00:00:00Z"},
		want: [][2]string{
			{"2023-05-18T10:00:00+01:00", "2023-05-18T12:00:00+01:00"},
			{"2023-05-25T10:00:00+01:00", "2023-05-25T12:00:00+01:00"},
		},
		needs: needsRRules,
	},
	// Line 11 (Thursdays from Jan 12, line 13) and line 12 (2nd Monday: Feb 13 first) together, 10:00-12:00 GMT (line 14) (RFC 5545 §3.8.5.3: the recurrence set is the union).
	{
		file: "rie__multiple_rrule.ics", owner: "Europe/London",
		window: [2]string{"2023-02-06T00:00:00Z", "2023-02-20T00:00:00Z"},
		want: [][2]string{
			{"2023-02-09T10:00:00Z", "2023-02-09T12:00:00Z"},
			{"2023-02-13T10:00:00Z", "2023-02-13T12:00:00Z"},
			{"2023-02-16T10:00:00Z", "2023-02-16T12:00:00Z"},
		},
		needs: needsRRules,
	},
	// Line 23 (every Monday from Mar 26, line 30) and line 24 (every Sunday of the month), 11:00-11:30 PDT (line 31) (RFC 5545 §3.8.5.3).
	{
		file: "icaljs__multiple_rrules.ics", owner: "America/Los_Angeles",
		window: [2]string{"2012-03-31T00:00:00Z", "2012-04-10T00:00:00Z"},
		want: [][2]string{
			{"2012-04-01T11:00:00-07:00", "2012-04-01T11:30:00-07:00"},
			{"2012-04-02T11:00:00-07:00", "2012-04-02T11:30:00-07:00"},
			{"2012-04-08T11:00:00-07:00", "2012-04-08T11:30:00-07:00"},
			{"2012-04-09T11:00:00-07:00", "2012-04-09T11:30:00-07:00"},
		},
		needs: needsRRules,
	},
	// The EXDATE of line 12 is the DTSTART of line 10, so the recurrence set {DTSTART} minus the EXDATEs is empty (RFC 5545 §3.8.5.3, §3.8.5.1).
	{
		file: "xwrtz__exdate-hackerpublicradio-modified.in.ics", owner: "Europe/London",
		window: [2]string{"2013-08-01T00:00:00Z", "2013-08-10T00:00:00Z"},
		want:   nil,
		needs:  needsExdateStart,
	},
	// SEQUENCE 2 (lines 4-11) replaces SEQUENCE 0 (lines 12-19) of the same UID, SEQUENCE 3 (lines 28-35) replaces SEQUENCE 1 (lines 20-27) (RFC 5545 §3.8.7.4, §3.8.4.7).
	{
		file: "nodeical__duplicate-uid-sequence.ics", owner: "UTC",
		window: [2]string{"2024-01-14T00:00:00Z", "2024-01-22T00:00:00Z"},
		want: [][2]string{
			{"2024-01-15T10:00:00Z", "2024-01-15T11:00:00Z"},
			{"2024-01-20T14:00:00Z", "2024-01-20T15:00:00Z"},
		},
		needs: needsRevisions,
	},
	// Daily 10:00-11:00Z (lines 4-12); Jan 2 is moved by SEQUENCE 3 (lines 13-21) not 1 (22-30), Jan 3 by SEQUENCE 5 (40-48) not 2 (31-39) (RFC 5545 §3.8.7.4, §3.8.4.4).
	{
		file: "nodeical__recurrence-sequence.ics", owner: "UTC",
		window: [2]string{"2023-12-31T00:00:00Z", "2024-01-04T00:00:00Z"},
		want: [][2]string{
			{"2024-01-01T10:00:00Z", "2024-01-01T11:00:00Z"},
			{"2024-01-02T14:00:00Z", "2024-01-02T15:00:00Z"},
			{"2024-01-03T15:00:00Z", "2024-01-03T16:00:00Z"},
		},
		needs: needsRevisions,
	},
	// SEQUENCE 2 (lines 15-28) replaces SEQUENCE 1 (lines 2-14): every other Monday for 7 days until Aug 1, with Jul 15 excluded (line 24) (RFC 5545 §3.8.7.4); all-day in the owner's zone.
	{
		file: "rie__issue_148_ignored_exdate.ics", owner: "Europe/Berlin",
		window: [2]string{"2024-06-29T00:00:00Z", "2024-08-12T00:00:00Z"},
		want: [][2]string{
			{"2024-07-01T00:00:00+02:00", "2024-07-08T00:00:00+02:00"},
			{"2024-07-29T00:00:00+02:00", "2024-08-05T00:00:00+02:00"},
		},
		needs: needsRevisions,
	},
	// Two events with one UID (lines 10 and 17), neither with a SEQUENCE (0) and with the same DTSTAMP (lines 9 and 16): a tie, both are kept (lines 7-8, 14-15) (RFC 5545 §3.8.7.4, §3.8.7.2).
	{
		file: "icalendar__example.ics", owner: "UTC",
		window: [2]string{"2026-03-20T00:00:00Z", "2026-03-30T00:00:00Z"},
		want: [][2]string{
			{"2026-03-21T06:30:00Z", "2026-03-21T07:30:00Z"},
			{"2026-03-28T07:00:00Z", "2026-03-28T13:30:00Z"},
		},
	},
	// "Customized Time Zone" (lines 6-20) is -04:00 until its 1st Sunday of November (Nov 1, line 12) and -05:00 after; Tuesdays and Thursdays 10:35-11:50 wall time (lines 23, 26-27) (RFC 5545 §3.6.5, §3.3.10).
	{
		file: "nodeical__bad_ms_tz.ics", owner: "America/New_York",
		window: [2]string{"2020-10-26T00:00:00Z", "2020-11-07T00:00:00Z"},
		want: [][2]string{
			{"2020-10-27T10:35:00-04:00", "2020-10-27T11:50:00-04:00"},
			{"2020-10-29T10:35:00-04:00", "2020-10-29T11:50:00-04:00"},
			{"2020-11-03T10:35:00-05:00", "2020-11-03T11:50:00-05:00"},
			{"2020-11-05T10:35:00-05:00", "2020-11-05T11:50:00-05:00"},
		},
		needs: needsVTimezone,
	},
	// "/Europe/CUSTOM" (lines 2-18, no IANA tail) is +02:00 until its last Sunday of October (Oct 30, lines 15-16) and +01:00 after; Fridays 20:00-21:00 (lines 22-23, 27) (RFC 5545 §3.6.5).
	{
		file: "icalendar__issue_466_respect_unique_timezone.ics", owner: "Europe/Berlin",
		window: [2]string{"2022-10-20T00:00:00Z", "2022-11-06T00:00:00Z"},
		want: [][2]string{
			{"2022-10-21T20:00:00+02:00", "2022-10-21T21:00:00+02:00"},
			{"2022-10-28T20:00:00+02:00", "2022-10-28T21:00:00+02:00"},
			{"2022-11-04T20:00:00+01:00", "2022-11-04T21:00:00+01:00"},
		},
		needs: needsVTimezone,
	},
	// "Western/Central Europe" (lines 5-19) is +01:00 after its last Sunday of October (Oct 31); the DTSTART and RDATE periods of this instance with no series in the file (lines 22-23, 28-30) are 16:00-16:30, which the RECURRENCE-ID of line 26 (15:00Z) confirms (RFC 5545 §3.6.5, §3.3.9).
	{
		file: "icalendar__issue_156_RDATE_with_PERIOD_TZID_khal_2.ics", owner: "Europe/Berlin",
		window: [2]string{"2021-10-28T00:00:00Z", "2021-12-10T00:00:00Z"},
		want: [][2]string{
			{"2021-11-01T16:00:00+01:00", "2021-11-01T16:30:00+01:00"},
			{"2021-12-06T16:00:00+01:00", "2021-12-06T16:30:00+01:00"},
		},
		needs: needsVTimezone + " + " + needsOverrideDate + " + " + needsPeriod + " + " + needsRange,
	},
	// "Nowhere/Middle" (lines 4-11) is always -07:41 (lines 8-9): 13:42-14:42 there (lines 14-15) (RFC 5545 §3.6.5, §3.3.14).
	{
		file: "icaljs__timezone_from_file.ics", owner: "UTC",
		window: [2]string{"2023-03-06T00:00:00Z", "2023-03-07T00:00:00Z"},
		want: [][2]string{
			{"2023-03-06T13:42:00-07:41", "2023-03-06T14:42:00-07:41"},
		},
		needs: needsVTimezone,
	},
	// The TZID of line 7 is TEXT, so `Bangkok\, Hanoi\, Jakarta` is the zone that lines 24-25 name, +07:00 throughout (lines 10-11, 15-16) (RFC 5545 §3.8.3.1, §3.3.11).
	{
		file: "nodeical__exchange-custom-tz.ics", owner: "Asia/Bangkok",
		window: [2]string{"2019-04-29T00:00:00Z", "2019-05-02T00:00:00Z"},
		want: [][2]string{
			{"2019-04-30T09:00:00+07:00", "2019-04-30T12:00:00+07:00"},
		},
		needs: needsVTimezone,
	},
	// Google export; the Europe/lisbon event of lines 2678-2679 lasts no time; busy are line 2698 (Dec 26 00:00-01:00Z), lines 24081-24083 (Africa/Ceuta yearly Dec 27 18:00-19:00 CET), lines 3534-3536 (yearly 20:00-20:15 London) and line 3194 (23:00-23:15Z); the all-day events of lines 2804 and 3863 are transparent (RFC 5545 §3.8.2.7).
	{
		file: "rie__issue42.ics", owner: "Europe/London",
		window: [2]string{"2019-12-23T00:00:00Z", "2019-12-28T00:00:00Z"},
		want: [][2]string{
			{"2019-12-26T00:00:00Z", "2019-12-26T01:00:00Z"},
			{"2019-12-27T18:00:00+01:00", "2019-12-27T19:00:00+01:00"},
			{"2019-12-27T20:00:00Z", "2019-12-27T20:15:00Z"},
			{"2019-12-27T23:00:00Z", "2019-12-27T23:15:00Z"},
		},
		needs: needsCase,
	},
	// Lines 24725-24727 repeat Dec 28 18:30-18:45 in "Europe/lisbon", which the file's VTIMEZONE (lines 54-71) defines as CET, +01:00 in winter; with line 2962 (13:30-13:45Z), line 2838 (09:00-09:15Z) and lines 10924-10926 (every other Sunday from 2018-03-25, 10:00-10:15 London); lines 3863 and 3898 are transparent (RFC 5545 §3.2.19, §3.6.5).
	{
		file: "rie__issue42.ics", owner: "Europe/London",
		window: [2]string{"2019-12-28T00:00:00Z", "2019-12-30T00:00:00Z"},
		want: [][2]string{
			{"2019-12-28T13:30:00Z", "2019-12-28T13:45:00Z"},
			{"2019-12-28T18:30:00+01:00", "2019-12-28T18:45:00+01:00"},
			{"2019-12-29T09:00:00Z", "2019-12-29T09:15:00Z"},
			{"2019-12-29T10:00:00Z", "2019-12-29T10:15:00Z"},
		},
		needs: needsCase + ", defined by its own VTIMEZONE (CET) rather than by IANA Europe/Lisbon (WET)",
	},
	// "/Europe/Stockholm" (lines 5-6, no VTIMEZONE) is Europe/Stockholm: Fridays 20:00-21:00 (line 10), CEST until Oct 30, CET after (RFC 5545 §3.2.19).
	{
		file: "icalendar__issue_466_convert_tzid_with_slash.ics", owner: "Europe/Stockholm",
		window: [2]string{"2022-10-20T00:00:00Z", "2022-11-06T00:00:00Z"},
		want: [][2]string{
			{"2022-10-21T20:00:00+02:00", "2022-10-21T21:00:00+02:00"},
			{"2022-10-28T20:00:00+02:00", "2022-10-28T21:00:00+02:00"},
			{"2022-11-04T20:00:00+01:00", "2022-11-04T21:00:00+01:00"},
		},
		needs: needsSlash,
	},
	// Lines 7-8, 13-14 and 19-20 are 14:00-15:00 in Europe/Berlin, America/New_York and America/Argentina/Buenos_Aires, the tails of their globally unique TZIDs (RFC 5545 §3.2.19).
	{
		file: "icalendar__issue_313_globally_unique_tzid.ics", owner: "UTC",
		window: [2]string{"2020-04-26T00:00:00Z", "2020-04-27T00:00:00Z"},
		want: [][2]string{
			{"2020-04-26T14:00:00+02:00", "2020-04-26T15:00:00+02:00"},
			{"2020-04-26T14:00:00-04:00", "2020-04-26T15:00:00-04:00"},
			{"2020-04-26T14:00:00-03:00", "2020-04-26T15:00:00-03:00"},
		},
		needs: needsSlash,
	},
	// Daily 02:00-03:00 (lines 56-58, to Mar 10 01:00Z inclusive); Mar 8 and 9 move to 01:00-02:00 and 03:00-04:00 by their DTENDs (lines 70-71, 84-85; the DURATION:PT0S of lines 75 and 89 is not used); daily 04:00-05:00 Mar 18-20 (lines 27-29, 42-43) (RFC 5545 §3.8.2.2, §3.8.2.5, §3.8.4.4).
	{
		file: "rie__recurring_events_moved.ics", owner: "Europe/Berlin",
		window: [2]string{"2019-03-06T00:00:00Z", "2019-03-21T00:00:00Z"},
		want: [][2]string{
			{"2019-03-07T02:00:00+01:00", "2019-03-07T03:00:00+01:00"},
			{"2019-03-08T01:00:00+01:00", "2019-03-08T02:00:00+01:00"},
			{"2019-03-09T03:00:00+01:00", "2019-03-09T04:00:00+01:00"},
			{"2019-03-10T02:00:00+01:00", "2019-03-10T03:00:00+01:00"},
			{"2019-03-18T04:00:00+01:00", "2019-03-18T05:00:00+01:00"},
			{"2019-03-19T04:00:00+01:00", "2019-03-19T05:00:00+01:00"},
			{"2019-03-20T04:00:00+01:00", "2019-03-20T05:00:00+01:00"},
		},
		needs: needsEndAndDur,
	},
	// Daily 02:00-03:00 (lines 56-58); Mar 8 is 01:00-03:00 (lines 70-71), Mar 9 03:00-03:30 (lines 83-84); Mar 10 is replaced by a transparent all-day instance (lines 95-98, DURATION line 103) (RFC 5545 §3.8.4.4, §3.8.2.7).
	{
		file: "rie__recurring_events_changed_duration.ics", owner: "Europe/Berlin",
		window: [2]string{"2019-03-06T00:00:00Z", "2019-03-12T00:00:00Z"},
		want: [][2]string{
			{"2019-03-07T02:00:00+01:00", "2019-03-07T03:00:00+01:00"},
			{"2019-03-08T01:00:00+01:00", "2019-03-08T03:00:00+01:00"},
			{"2019-03-09T03:00:00+01:00", "2019-03-09T03:30:00+01:00"},
		},
		needs: needsEndAndDur,
	},
	// An all-day event (lines 31-32) is the whole of Mar 4 in the owner's zone (RFC 5545 §3.3.4: a DATE has no zone).
	{
		file: "rie__one_day_event.ics", owner: "Asia/Tokyo",
		window: [2]string{"2019-03-01T00:00:00Z", "2019-03-07T00:00:00Z"},
		want: [][2]string{
			{"2019-03-04T00:00:00+09:00", "2019-03-05T00:00:00+09:00"},
		},
	},
	// Line 5-6: the date Jan 10 for P3D (three whole days in the owner's zone); lines 11-12: floating 10:00 for PT3H in the owner's zone; line 17 alone lasts no time (RFC 5545 §3.3.5 floating, §3.3.6, §3.6.1).
	{
		file: "rie__duration.ics", owner: "America/New_York",
		window: [2]string{"2018-01-09T00:00:00Z", "2018-01-21T00:00:00Z"},
		want: [][2]string{
			{"2018-01-10T00:00:00-05:00", "2018-01-13T00:00:00-05:00"},
			{"2018-01-15T10:00:00-05:00", "2018-01-15T13:00:00-05:00"},
		},
	},
	// Google export: Thursdays 09:00-17:00 CDT (lines 11-12, 17) without the EXDATEs of lines 14-15 (Jul 6, 13, 20, Aug 3); Jun 29 moved to Mon Jul 3 09:00-12:00 (lines 23-25) (RFC 5545 §3.8.5.1, §3.8.4.4).
	{
		file: "nodeical__example-rrule.ics", owner: "America/Chicago",
		window: [2]string{"2017-06-26T00:00:00Z", "2017-08-14T00:00:00Z"},
		want: [][2]string{
			{"2017-07-03T09:00:00-05:00", "2017-07-03T12:00:00-05:00"},
			{"2017-07-27T09:00:00-05:00", "2017-07-27T17:00:00-05:00"},
			{"2017-08-10T09:00:00-05:00", "2017-08-10T17:00:00-05:00"},
		},
	},
	// Weekly 00:30-01:00 Berlin, COUNT=8 from Mar 4 (lines 31, 34-35); the UTC EXDATEs of lines 32-33 are Mar 11 and 25 at 00:30 CET; CEST from Mar 31 (RFC 5545 §3.8.5.1, §3.3.10).
	{
		file: "rie__each_week_but_two_deleted.ics", owner: "Europe/Berlin",
		window: [2]string{"2019-03-03T00:00:00Z", "2019-04-09T00:00:00Z"},
		want: [][2]string{
			{"2019-03-04T00:30:00+01:00", "2019-03-04T01:00:00+01:00"},
			{"2019-03-18T00:30:00+01:00", "2019-03-18T01:00:00+01:00"},
			{"2019-04-01T00:30:00+02:00", "2019-04-01T01:00:00+02:00"},
			{"2019-04-08T00:30:00+02:00", "2019-04-08T01:00:00+02:00"},
		},
	},
	// Daily 22:00-23:00, COUNT=3 (lines 27-29); the instance of Jan 29 is STATUS:CANCELLED (lines 40-41) (RFC 5545 §3.8.1.11).
	{
		file: "rie__issue_18_cancel_status.ics", owner: "Europe/Berlin",
		window: [2]string{"2020-01-27T00:00:00Z", "2020-02-01T00:00:00Z"},
		want: [][2]string{
			{"2020-01-28T22:00:00+01:00", "2020-01-28T23:00:00+01:00"},
			{"2020-01-30T22:00:00+01:00", "2020-01-30T23:00:00+01:00"},
		},
	},
	// Apple export: TENTATIVE (lines 10, 16, 20), CONFIRMED (lines 28, 38) and no STATUS (lines 64, 72) are busy, CANCELLED (line 52) is not (RFC 5545 §3.8.1.11, §3.8.2.7).
	{
		file: "nodeical__tentative-apple-calendar.ics", owner: "America/Vancouver",
		window: [2]string{"2022-07-04T00:00:00Z", "2022-07-08T00:00:00Z"},
		want: [][2]string{
			{"2022-07-04T23:00:00Z", "2022-07-04T23:50:00Z"},
			{"2022-07-05T09:00:00-07:00", "2022-07-05T10:00:00-07:00"},
			{"2022-07-07T09:00:00-07:00", "2022-07-07T10:00:00-07:00"},
		},
	},
	// Google export: Tuesdays 14:00-15:00 AEST until Aug 28 13:59:59Z (lines 27-29), Aug 15 moved to Aug 14 (lines 40-44); the all-day Thursdays (lines 53-76) are TRANSP:TRANSPARENT (RFC 5545 §3.8.4.4, §3.8.2.7).
	{
		file: "rie__issue_62_moved_event_2.ics", owner: "Australia/Sydney",
		window: [2]string{"2023-08-06T00:00:00Z", "2023-08-31T00:00:00Z"},
		want: [][2]string{
			{"2023-08-08T14:00:00+10:00", "2023-08-08T15:00:00+10:00"},
			{"2023-08-14T14:00:00+10:00", "2023-08-14T15:00:00+10:00"},
			{"2023-08-22T14:00:00+10:00", "2023-08-22T15:00:00+10:00"},
		},
	},
	// Exchange export: daily 14:00-14:30 CEST from Apr 26 (folded lines 26-29, 38) until Apr 29 00:00 (after Apr 28 14:00 however read); EXDATE line 39 (12:00Z) removes Apr 27 (RFC 5545 §3.1, §3.8.5.1).
	{
		file: "rie__issue_27_t1.ics", owner: "Europe/Berlin",
		window: [2]string{"2020-04-25T00:00:00Z", "2020-05-01T00:00:00Z"},
		want: [][2]string{
			{"2020-04-26T14:00:00+02:00", "2020-04-26T14:30:00+02:00"},
			{"2020-04-28T14:00:00+02:00", "2020-04-28T14:30:00+02:00"},
		},
	},
	// Exchange export: "Eastern Standard Time" (lines 6, 23-24) is the Windows name of America/New_York, still EDT on Oct 28 (RFC 5545 §3.2.19).
	{
		file: "icalendar__issue_836_do_not_quote_tzid.ics", owner: "America/New_York",
		window: [2]string{"2024-10-27T00:00:00Z", "2024-10-30T00:00:00Z"},
		want: [][2]string{
			{"2024-10-28T17:00:00-04:00", "2024-10-28T18:00:00-04:00"},
		},
	},
}

// TestCorpusBusyByHand compares the busy time of real-world files with
// what was worked out by hand from their text and RFC 5545.
func TestCorpusBusyByHand(t *testing.T) {
	corpusFiles(t) // skips when the corpus is absent
	dir := corpusDir
	ctx := context.Background()
	for _, tc := range byHandCases {
		name := strings.TrimSuffix(tc.file, ".ics") + "@" + tc.window[0][:10]
		t.Run(name, func(t *testing.T) {
			owner, err := time.LoadLocation(tc.owner)
			if err != nil {
				t.Fatal(err)
			}
			window := calendar.Interval{Start: byHandTime(t, tc.window[0]), End: byHandTime(t, tc.window[1])}
			var ivs []calendar.Interval
			for _, w := range tc.want {
				ivs = append(ivs, calendar.Interval{Start: byHandTime(t, w[0]), End: byHandTime(t, w[1])})
			}
			want := calendar.NewSet(ivs...)

			path := filepath.Join(dir, tc.file)
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the corpus lacks the file: %v", err)
			}
			c, err := corpusRead(ctx, path)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			got, err := c.Busy(ctx, window, owner)
			if err != nil {
				t.Fatalf("Busy(%s, %s): %v", window, tc.owner, err)
			}
			if !got.Equal(want) {
				t.Errorf("the busy time in %s (owner %s), which needs %s, differs from the one worked out by hand:\n%s", window, tc.owner, cmp.Or(tc.needs, "nothing special"), byHandDiff(want, got, owner))
			}
		})
	}
}

// byHandTime parses an RFC 3339 instant of the table.
func byHandTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("the table has a bad instant: %v", err)
	}
	return at
}

// byHandDiff describes how got differs from want: what is missing, what
// is extra, and both in full, in zone.
func byHandDiff(want, got calendar.Set, zone *time.Location) string {
	var b strings.Builder
	list := func(title string, s calendar.Set) {
		fmt.Fprintf(&b, "  %s:", title)
		if s.IsEmpty() {
			b.WriteString(" none\n")
			return
		}
		b.WriteString("\n")
		for iv := range s.In(zone).All() {
			fmt.Fprintf(&b, "    %s (%s)\n", iv, iv.Duration())
		}
	}
	list("missing (want, not got)", want.Subtract(got))
	list("extra (got, not want)", got.Subtract(want))
	list("want", want)
	list("got", got)
	return b.String()
}
