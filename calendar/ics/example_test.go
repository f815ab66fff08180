package ics_test

import (
	"context"
	"fmt"
	"strings"
	"testing/fstest"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
)

// Read a calendar with a recurring meeting (one instance moved, one
// excluded) and an all-day event, and list a week of busy time in the
// owner's zone, and the Monday after, when Berlin is on summer time: the
// stand-up stays at 09:30.
func Example() {
	const src = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tzplan//example//EN
BEGIN:VEVENT
UID:standup@example.com
DTSTART;TZID=Europe/Berlin:20260323T093000
DTEND;TZID=Europe/Berlin:20260323T094500
RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR
EXDATE;TZID=Europe/Berlin:20260327T093000
SUMMARY:Stand-up
END:VEVENT
BEGIN:VEVENT
UID:standup@example.com
RECURRENCE-ID;TZID=Europe/Berlin:20260325T093000
DTSTART;TZID=Europe/Berlin:20260325T113000
DTEND;TZID=Europe/Berlin:20260325T114500
SUMMARY:Stand-up (late today)
END:VEVENT
BEGIN:VEVENT
UID:offsite@example.com
DTSTART;VALUE=DATE:20260326
DTEND;VALUE=DATE:20260327
SUMMARY:Offsite
END:VEVENT
END:VCALENDAR
`
	cal, err := ics.Read(context.Background(), strings.NewReader(src), ics.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	week := calendar.Interval{
		Start: time.Date(2026, time.March, 23, 0, 0, 0, 0, berlin),
		End:   time.Date(2026, time.March, 31, 0, 0, 0, 0, berlin),
	}
	busy, err := cal.Busy(context.Background(), week, berlin)
	if err != nil {
		fmt.Println(err)
		return
	}
	for iv := range busy.All() {
		fmt.Println(iv.Start.Format("Mon 2006-01-02 15:04"), "to", iv.End.Format("Mon 15:04 MST"))
	}
	// Output:
	// Mon 2026-03-23 09:30 to Mon 09:45 CET
	// Tue 2026-03-24 09:30 to Tue 09:45 CET
	// Wed 2026-03-25 11:30 to Wed 11:45 CET
	// Thu 2026-03-26 00:00 to Fri 00:00 CET
	// Mon 2026-03-30 09:30 to Mon 09:45 CEST
}

// ReadRosterFS reads a roster and the calendar files its people name from
// a root the caller gives: here a file system in memory. A name that
// leaves the root is refused, and the error names the person and the file
// without quoting anything from it.
func ExampleReadRosterFS() {
	files := fstest.MapFS{
		"team/ana.ics": {Data: []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n" +
			"BEGIN:VEVENT\r\nUID:1\r\nDTSTART:20260310T140000Z\r\nDTEND:20260310T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")},
	}
	roster := `{"people": [{"id": "ana", "zone": "America/Sao_Paulo", "calendars": ["team/ana.ics"]}]}`
	ro, err := ics.ReadRosterFS(context.Background(), strings.NewReader(roster), files, ics.Options{})
	if err != nil {
		panic(err)
	}
	ana, err := calendar.Compile(context.Background(), ro.People[0])
	if err != nil {
		panic(err)
	}
	day := calendar.Interval{Start: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 18, 0, 0, 0, time.UTC)}
	segs, err := ana.Timeline(context.Background(), day)
	if err != nil {
		panic(err)
	}
	for _, s := range segs {
		fmt.Println(s.Start.Format("15:04"), s.End.Format("15:04 MST"), s.Kind)
	}
	_, err = ics.ReadRosterFS(context.Background(), strings.NewReader(`{"people": [{"id": "eve", "zone": "UTC", "calendars": ["../../etc/passwd"]}]}`), files, ics.Options{})
	fmt.Println(err)
	// Output:
	// 09:00 11:00 -03 free
	// 11:00 12:00 -03 busy
	// 12:00 15:00 -03 free
	// ics.ReadRosterFS: calendar.ReadRoster: person "eve": calendar "../../etc/passwd": not a path inside the roster's folder (want a relative path such as "team/ana.ics", without "..")
}

// A file with one event whose end comes before its start, and a line that
// is no property: read leniently, the good event is read and the problems
// say what was skipped; read strictly, the first problem is the error.
func ExampleCalendar_Problems() {
	const src = "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\nUID:backwards@example.com\r\nDTSTART:20260303T110000Z\r\nDTEND:20260303T100000Z\r\nEND:VEVENT\r\n" +
		"this line is no property\r\n" +
		"BEGIN:VEVENT\r\nUID:fine@example.com\r\nDTSTART:20260303T140000Z\r\nDTEND:20260303T150000Z\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	ctx := context.Background()
	cal, err := ics.Read(ctx, strings.NewReader(src), ics.Options{})
	if err != nil {
		panic(err)
	}
	for _, p := range cal.Problems() {
		fmt.Println(p)
	}
	day := calendar.Interval{Start: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	busy, _ := cal.Busy(ctx, day, time.UTC)
	fmt.Println(busy)

	_, err = ics.Read(ctx, strings.NewReader(src), ics.Options{Strict: true})
	fmt.Println(err)
	// Output:
	// line 5: VEVENT "backwards@example.com": DTEND: "20260303T100000Z" is before DTSTART "20260303T110000Z": the event is skipped
	// line 7: "this line is no property": not a content line NAME:value (there is no colon): the line is ignored
	// {[2026-03-03T14:00:00Z, 2026-03-03T15:00:00Z)}
	// ics.Read: line 5: VEVENT "backwards@example.com": DTEND: "20260303T100000Z" is before DTSTART "20260303T110000Z"
}

// The occurrences of a weekly meeting, one of them moved, with who was
// asked and what they answered: what a meeting audit reads.
func ExampleCalendar_Events() {
	const src = "BEGIN:VCALENDAR\r\n" +
		"BEGIN:VEVENT\r\nUID:sync@example.com\r\nSUMMARY:Team sync\r\n" +
		"ORGANIZER;CN=Ana:mailto:ana@example.com\r\n" +
		"ATTENDEE;PARTSTAT=ACCEPTED:mailto:ben@example.com\r\n" +
		"ATTENDEE;PARTSTAT=DECLINED:mailto:priya@example.com\r\n" +
		"DTSTART;TZID=Europe/Berlin:20260302T100000\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:sync@example.com\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260309T100000\r\nSUMMARY:Team sync (moved)\r\n" +
		"DTSTART;TZID=Europe/Berlin:20260309T140000\r\nDURATION:PT30M\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	ctx := context.Background()
	cal, err := ics.Read(ctx, strings.NewReader(src), ics.Options{})
	if err != nil {
		panic(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	march := calendar.Interval{Start: time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), End: time.Date(2026, 4, 1, 0, 0, 0, 0, berlin)}
	events, err := cal.Events(ctx, march, berlin)
	if err != nil {
		panic(err)
	}
	for _, e := range events {
		fmt.Printf("%s %s-%s %q (instance of %s) %d attendees\n", e.Start.Format("Mon 01-02"), e.Start.Format("15:04"), e.End.Format("15:04"),
			e.Summary, e.RecurrenceID.Format("01-02 15:04"), len(e.Attendees))
	}
	// Output:
	// Mon 03-02 10:00-10:30 "Team sync" (instance of 03-02 10:00) 2 attendees
	// Mon 03-09 14:00-14:30 "Team sync (moved)" (instance of 03-09 10:00) 0 attendees
	// Mon 03-16 10:00-10:30 "Team sync" (instance of 03-16 10:00) 2 attendees
}

// A company's calendar of holidays: a two-day break and a company day
// are holidays for whoever names it in "holidayCalendars"; the timed
// event is not.
func ExampleCalendar_Holidays() {
	const src = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//example//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Winter break\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:Company day\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:3\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261230T100000Z\r\nDTEND:20261230T110000Z\r\nSUMMARY:Year review\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	c, err := ics.Read(context.Background(), strings.NewReader(src), ics.Options{Strict: true})
	if err != nil {
		panic(err)
	}
	hs, err := c.Holidays(context.Background(), calendar.MustParseDate("2026-12-01"), calendar.MustParseDate("2026-12-31"))
	if err != nil {
		panic(err)
	}
	for _, h := range hs {
		fmt.Println(h.Date, h.Name)
	}
	// Output:
	// 2026-12-24 Winter break
	// 2026-12-25 Winter break
	// 2026-12-31 Company day
}

// A suggested slot written as an invite people import: UTC times, the
// attendees from the roster's emails, a UID that stays the same however
// often it is written, so that a second import updates the first. The
// ATTENDEE line is folded at 75 octets (its first line is exactly 75).
func ExampleWriteInvites() {
	start := time.Date(2026, 3, 11, 12, 0, 0, 0, time.UTC)
	in := ics.Invite{
		UID:   "20260311T120000Z-ben-priya@tzplan.example",
		Start: start, End: start.Add(30 * time.Minute),
		Summary:   "Choose the release date; memo first",
		Organizer: ics.Attendee{Address: "ben@example.com", Name: "Ben Okafor"},
		Attendees: []ics.Attendee{{Address: "priya@example.com", Name: "Priya Raman", PartStat: "NEEDS-ACTION", Role: "REQ-PARTICIPANT"}},
	}
	var b strings.Builder
	if err := ics.WriteInvites(&b, "-//tzplan//planner//EN", time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), in); err != nil {
		panic(err)
	}
	fmt.Print(strings.ReplaceAll(b.String(), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//tzplan//planner//EN
	// CALSCALE:GREGORIAN
	// BEGIN:VEVENT
	// UID:20260311T120000Z-ben-priya@tzplan.example
	// DTSTAMP:20260310T090000Z
	// DTSTART:20260311T120000Z
	// DTEND:20260311T123000Z
	// SUMMARY:Choose the release date\; memo first
	// ORGANIZER;CN="Ben Okafor":mailto:ben@example.com
	// ATTENDEE;CN="Priya Raman";PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT:mailto
	//  :priya@example.com
	// END:VEVENT
	// END:VCALENDAR
}

// Where a file is wrong, without quoting it: for a message to someone
// who should not see the file's content.
func ExampleErrorLine() {
	text := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:2026-03-09\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	_, err := ics.Read(context.Background(), strings.NewReader(text), ics.Options{Strict: true})
	fmt.Println("line", ics.ErrorLine(err))
	// Output:
	// line 5
}
