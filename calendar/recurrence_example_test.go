package calendar_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A daily 09:00 focus block in Santiago, where the clocks jump from 00:00
// to 01:00 on Sunday 2026-09-06: the block is at 09:00 local on every
// date, once, before and after the change.
func ExampleRecurrence() {
	santiago, err := time.LoadLocation("America/Santiago")
	if err != nil {
		panic(err)
	}
	r, err := calendar.ParseRecurrence("FREQ=DAILY", calendar.MustParseDateTime("2026-01-01T09:00"))
	if err != nil {
		panic(err)
	}
	window := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate("2026-09-04"), calendar.Midnight, santiago),
		End:   calendar.Wall(calendar.MustParseDate("2026-09-09"), calendar.Midnight, santiago),
	}
	occ, err := r.Occurrences(context.Background(), window, 2*time.Hour, santiago)
	if err != nil {
		panic(err)
	}
	for _, iv := range occ {
		fmt.Println(iv.Start.Format("Mon 2006-01-02 15:04 -07"), "to", iv.End.Format("15:04"), "=", iv.Start.UTC().Format("15:04Z"))
	}
	// Output:
	// Fri 2026-09-04 09:00 -04 to 11:00 = 13:00Z
	// Sat 2026-09-05 09:00 -04 to 11:00 = 13:00Z
	// Sun 2026-09-06 09:00 -03 to 11:00 = 12:00Z
	// Mon 2026-09-07 09:00 -03 to 11:00 = 12:00Z
	// Tue 2026-09-08 09:00 -03 to 11:00 = 12:00Z
}

// ParseRecurrence reads a bare RRULE value or iCalendar lines, and
// rejects frequencies finer than DAILY.
func ExampleParseRecurrence() {
	r, err := calendar.ParseRecurrence("DTSTART;TZID=Europe/Berlin:20260105T090000\n"+
		"RRULE:FREQ=WEEKLY;BYDAY=TH,TU;COUNT=4\n"+
		"EXDATE;VALUE=DATE:20260108", calendar.DateTime{})
	if err != nil {
		panic(err)
	}
	starts, err := r.Starts(context.Background(), calendar.MustParseDate("2026-01-01"), calendar.MustParseDate("2026-01-31"), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Zone(), starts)
	fmt.Println(r)

	_, err = calendar.ParseRecurrence("FREQ=HOURLY;BYMINUTE=0", calendar.MustParseDateTime("2026-01-05T09:00"))
	fmt.Println(err)
	// Output:
	// Europe/Berlin [2026-01-06T09:00 2026-01-13T09:00 2026-01-15T09:00]
	// DTSTART;TZID=Europe/Berlin:20260105T090000
	// RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU,TH
	// EXDATE;VALUE=DATE:20260108
	// calendar.ParseRecurrence("FREQ=HOURLY;BYMINUTE=0"): "FREQ=HOURLY": frequencies finer than DAILY are not supported: tzplan expands rules that repeat at most daily
}

// NewRecurrence builds a recurrence from parts already read, as an
// iCalendar reader has them: here a weekly meeting at 10:00 New York time,
// with one week cancelled (an EXDATE in UTC) and one extra meeting on a
// Friday (a floating RDATE, read on the rule's wall clock).
func ExampleNewRecurrence() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	r, err := calendar.NewRecurrence(calendar.MustParseDateTime("2026-03-03T10:00"), ny, "FREQ=WEEKLY;COUNT=4",
		[]calendar.RecurrenceDate{{At: calendar.MustParseDateTime("2026-03-10T14:00"), Zone: time.UTC}},
		[]calendar.RecurrenceDate{{At: calendar.MustParseDateTime("2026-03-13T10:00")}})
	if err != nil {
		panic(err)
	}
	starts, err := r.Starts(context.Background(), calendar.MustParseDate("2026-03-01"), calendar.MustParseDate("2026-04-30"), nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(starts)
	fmt.Println(r)
	_, err = calendar.NewRecurrence(calendar.MustParseDateTime("2026-03-03T10:00"), ny, "FREQ=WEEKLY;COUNT=0", nil, nil)
	fmt.Println(err)
	// Output:
	// [2026-03-03T10:00 2026-03-13T10:00 2026-03-17T10:00 2026-03-24T10:00]
	// DTSTART;TZID=America/New_York:20260303T100000
	// RRULE:FREQ=WEEKLY;COUNT=4
	// EXDATE:20260310T140000Z
	// RDATE:20260313T100000
	// calendar.NewRecurrence("FREQ=WEEKLY;COUNT=0"): "COUNT=0": COUNT must be a whole number from 1 to 50000
}

// Two COUNT rules share a budget of ten years of counting: the first,
// asked for 2031, counts 2026 to 2031 and spends six; the second, whose
// three weeks end in 2026, spends one, whatever it is asked for.
func ExampleCountBudget() {
	ctx := context.Background()
	start := calendar.MustParseDateTime("2026-01-05T09:00")
	budget := calendar.NewCountBudget(10)
	yearly, _ := calendar.ParseRecurrence("FREQ=YEARLY;COUNT=100", start)
	weekly, _ := calendar.ParseRecurrence("FREQ=WEEKLY;COUNT=3", start)
	yearly, weekly = yearly.WithCountBudget(budget), weekly.WithCountBudget(budget)

	from, to := calendar.MustParseDate("2031-01-01"), calendar.MustParseDate("2031-12-31")
	starts, _ := yearly.Starts(ctx, from, to, time.UTC)
	fmt.Println(starts, budget.Left())
	starts, _ = weekly.Starts(ctx, from, to, time.UTC)
	fmt.Println(starts, budget.Left())

	far := calendar.MustParseDate("2040-01-01")
	_, err := yearly.Starts(ctx, far, far, time.UTC)
	fmt.Println(errors.Is(err, calendar.ErrLimit))
	// Output:
	// [2031-01-05T09:00] 4
	// [] 3
	// true
}
