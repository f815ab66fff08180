package calendar_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A timeline says what takes each stretch of a person's time, on the
// person's own calendar.
func ExamplePerson_Timeline() {
	ny := load("America/New_York")
	sam := calendar.Person{
		ID:       "sam",
		Zone:     ny,
		Hours:    calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Holidays: []string{"US"},
		Focus: []calendar.FocusBlock{{
			Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TH",
			Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: 2 * time.Hour, Hard: true,
		}},
		Busy: calendar.NewSet(calendar.Interval{
			Start: time.Date(2026, 7, 2, 18, 0, 0, 0, time.UTC), // 14:00 EDT
			End:   time.Date(2026, 7, 2, 19, 0, 0, 0, time.UTC),
		}),
	}
	window := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate("2026-07-02"), calendar.Midnight, ny),
		End:   calendar.Wall(calendar.MustParseDate("2026-07-04"), calendar.Midnight, ny),
	}
	segs, err := sam.Timeline(window)
	if err != nil {
		panic(err)
	}
	for _, s := range segs {
		line := fmt.Sprintf("%s %s-%s %-9s %s", s.Start.Format("Mon"), s.Start.Format("15:04"), s.End.Format("15:04"), s.Kind, s.Label)
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// Thu 00:00-09:00 off-hours
	// Thu 09:00-11:00 focus     deep work
	// Thu 11:00-14:00 free
	// Thu 14:00-15:00 busy
	// Thu 15:00-17:00 free
	// Thu 17:00-09:00 off-hours
	// Fri 09:00-17:00 holiday   Independence Day
	// Fri 17:00-00:00 off-hours
}

func ExampleReadRoster() {
	roster, err := calendar.ReadRoster(strings.NewReader(`{"people": [
		{"id": "diego", "zone": "America/Santiago", "hours": "Mon-Fri 08:30-17:30"},
		{"id": "priya", "zone": "Asia/Kolkata", "holidays": ["US"]}
	]}`))
	if err != nil {
		panic(err)
	}
	for _, p := range roster.People {
		fmt.Println(p.ID, p.Zone, p.Hours)
	}
	_, err = calendar.ReadRoster(strings.NewReader(`{"people": [{"id": "ana", "zone": "UTC", "holidys": ["BR"]}]}`))
	fmt.Println(err)
	// Output:
	// diego America/Santiago Mon-Fri 08:30-17:30
	// priya Asia/Kolkata Mon-Fri 09:00-17:00
	// calendar.ReadRoster: person 1: json: unknown field "holidys"
}
