package ics_test

import (
	"context"
	"fmt"
	"strings"
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
	cal, err := ics.Read(context.Background(), strings.NewReader(src))
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
