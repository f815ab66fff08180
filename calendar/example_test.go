package calendar_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

func load(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Wall follows RFC 5545 in every zone: a wall time skipped by the clocks
// is read with the offset from before the jump, and a wall time shown
// twice is the first of the two.
func ExampleWall() {
	ny := load("America/New_York")
	berlin := load("Europe/Berlin")
	show := func(d, c string, loc *time.Location) {
		t := calendar.Wall(calendar.MustParseDate(d), calendar.MustParseClock(c), loc)
		fmt.Printf("%s %s %-16s -> %s  (%s)\n", d, c, loc, t.Format("15:04 MST"), t.UTC().Format("15:04Z"))
	}
	show("2026-03-08", "02:30", ny)     // gap
	show("2026-11-01", "01:30", ny)     // fold
	show("2026-03-29", "02:30", berlin) // gap
	show("2026-10-25", "02:30", berlin) // fold
	// Output:
	// 2026-03-08 02:30 America/New_York -> 03:30 EDT  (07:30Z)
	// 2026-11-01 01:30 America/New_York -> 01:30 EDT  (05:30Z)
	// 2026-03-29 02:30 Europe/Berlin    -> 03:30 CEST  (01:30Z)
	// 2026-10-25 02:30 Europe/Berlin    -> 02:30 CEST  (00:30Z)
}

func ExampleDate() {
	d := calendar.MustParseDate("2026-02-27")
	fmt.Println(d, d.Weekday())
	fmt.Println(d.AddDays(2), d.AddDays(2).Weekday())
	fmt.Println(calendar.MustParseDate("2026-03-29").DaysSince(d), "days to the end of March's DST change")
	_, err := calendar.ParseDate("2026-02-29")
	fmt.Println(err)
	// Output:
	// 2026-02-27 Friday
	// 2026-03-01 Sunday
	// 30 days to the end of March's DST change
	// calendar.ParseDate("2026-02-29"): February 2026 has no day 29
}

func ExampleClock() {
	c := calendar.MustParseClock("9:30")
	fmt.Println(c, c.Hour(), c.Minute(), int(c), "minutes after midnight")
	fmt.Println(calendar.EndOfDay)
	_, err := calendar.ParseClock("24:30")
	fmt.Println(err)
	// Output:
	// 09:30 9 30 570 minutes after midnight
	// 24:00
	// calendar.ParseClock("24:30"): after 24:00
}

func ExampleInterval() {
	start := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	meeting := calendar.Interval{Start: start, End: start.Add(time.Hour)}
	fmt.Println(meeting.Duration(), meeting.Contains(start), meeting.Contains(meeting.End))
	// Output:
	// 1h0m0s true false
}

// Sets hold time as sorted, disjoint intervals; touching intervals merge.
func ExampleSet() {
	at := func(h int) time.Time { return time.Date(2026, 3, 9, h, 0, 0, 0, time.UTC) }
	work := calendar.NewSet(
		calendar.Interval{Start: at(9), End: at(12)},
		calendar.Interval{Start: at(13), End: at(17)},
	)
	busy := calendar.NewSet(
		calendar.Interval{Start: at(10), End: at(11)},
		calendar.Interval{Start: at(11), End: at(14)}, // touches the one before: they merge
	)
	fmt.Println("busy:", busy.Len(), "interval")
	free := work.Subtract(busy)
	for iv := range free.All() {
		fmt.Println("free:", iv.Start.Format("15:04"), "-", iv.End.Format("15:04"))
	}
	fmt.Println("free for", free.Duration(), "of", work.Duration())
	// Output:
	// busy: 1 interval
	// free: 09:00 - 10:00
	// free: 14:00 - 17:00
	// free for 4h0m0s of 7h0m0s
}

// A SetBuilder collects many intervals, in any order, and makes one Set.
func ExampleSetBuilder() {
	var b calendar.SetBuilder
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	for h := 17; h >= 8; h -= 3 {
		b.Add(calendar.Interval{Start: day.Add(time.Duration(h) * time.Hour), End: day.Add(time.Duration(h+2) * time.Hour)})
	}
	b.Remove(calendar.Interval{Start: day.Add(9 * time.Hour), End: day.Add(12 * time.Hour)})
	fmt.Println(b.Set())
	// Output:
	// {[2026-03-09T08:00:00Z, 2026-03-09T09:00:00Z), [2026-03-09T12:00:00Z, 2026-03-09T13:00:00Z), [2026-03-09T14:00:00Z, 2026-03-09T16:00:00Z), [2026-03-09T17:00:00Z, 2026-03-09T19:00:00Z)}
}

func ExampleParseWeeklyHours() {
	w, err := calendar.ParseWeeklyHours("mon-thu 9:00-12:00, 13:00-17:30; FRIDAY 09:00-13:00; sun 22:00-06:00")
	if err != nil {
		panic(err)
	}
	fmt.Println(w)
	fmt.Println(w.Spans(time.Sunday), w.PerWeek())
	_, err = calendar.ParseWeeklyHours("Mon-Fry 09:00-17:00")
	fmt.Println(err)
	// Output:
	// Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00; Sun 22:00-06:00
	// [22:00-06:00] 42h0m0s
	// calendar.ParseWeeklyHours("Mon-Fry 09:00-17:00"): "Fry": unknown day
}

// Hours as people write them: a span of more than 16 hours is most
// likely a 12-hour clock read as a 24-hour one, and is refused with the
// likely reading; the whole day and night shifts are fine.
func ExampleParseWorkingHours() {
	_, err := calendar.ParseWorkingHours("Mon-Fri 9:00-5:00")
	fmt.Println(err)
	w, err := calendar.ParseWorkingHours("Mon-Fri 9:00-17:00; Sat 00:00-24:00; Sun 22:00-06:00")
	fmt.Println(w, err)
	// Output:
	// calendar.ParseWorkingHours("Mon-Fri 9:00-5:00"): "9:00-5:00": a span of 20h past midnight, over 16h; did you mean 9:00-17:00 (a 24-hour clock)?
	// Mon-Fri 09:00-17:00; Sat 00:00-24:00; Sun 22:00-06:00 <nil>
}

// Working hours stay on the wall clock when the clocks change: Berlin's
// 09:00 is 08:00 UTC in winter and 07:00 UTC in summer.
func ExampleWeeklyHours_Working() {
	berlin := load("Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	week := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate("2026-03-26"), calendar.Midnight, berlin),
		End:   calendar.Wall(calendar.MustParseDate("2026-04-01"), calendar.Midnight, berlin),
	}
	for iv := range hours.Working(week, berlin).All() {
		fmt.Printf("%s  %s-%s %s  = %s-%s UTC\n", iv.Start.Format("Mon 01-02"),
			iv.Start.Format("15:04"), iv.End.Format("15:04"), iv.Start.Format("MST"),
			iv.Start.UTC().Format("15:04"), iv.End.UTC().Format("15:04"))
	}
	// Output:
	// Thu 03-26  09:00-17:00 CET  = 08:00-16:00 UTC
	// Fri 03-27  09:00-17:00 CET  = 08:00-16:00 UTC
	// Mon 03-30  09:00-17:00 CEST  = 07:00-15:00 UTC
	// Tue 03-31  09:00-17:00 CEST  = 07:00-15:00 UTC
}

// A night shift belongs to the day it starts on, and lasts as long as the
// clocks say: the one into the spring-forward night is an hour short.
func ExampleWeeklyHours_Working_nightShift() {
	ny := load("America/New_York")
	hours := calendar.MustParseWeeklyHours("Sat 22:00-06:00")
	window := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate("2026-02-28"), calendar.Midnight, ny),
		End:   calendar.Wall(calendar.MustParseDate("2026-03-16"), calendar.Midnight, ny),
	}
	for iv := range hours.Working(window, ny).All() {
		fmt.Println(iv.Start.Format("Mon Jan 2 15:04 MST"), "->", iv.End.Format("Mon 15:04 MST"), iv.Duration())
	}
	// Output:
	// Sat Feb 28 22:00 EST -> Sun 06:00 EST 8h0m0s
	// Sat Mar 7 22:00 EST -> Sun 06:00 EDT 7h0m0s
	// Sat Mar 14 22:00 EDT -> Sun 06:00 EDT 8h0m0s
}

// Parse errors name the parser, quote the input and the part that is
// wrong, and can be told apart with errors.As.
func ExampleParseError() {
	_, err := calendar.ParseWeeklyHours("Mon-Fri 09:00-17:00; Sat 10:00-25:00")
	var pe *calendar.ParseError
	if errors.As(err, &pe) {
		fmt.Printf("%s rejected %q: %s\n", pe.Func, pe.Part, pe.Msg)
	}
	fmt.Println(err)
	// Output:
	// ParseWeeklyHours rejected "25:00": after 24:00
	// calendar.ParseWeeklyHours("Mon-Fri 09:00-17:00; Sat 10:00-25:00"): "25:00": after 24:00
}

// A span whose end is not after its start crosses midnight.
func ExampleSpan() {
	for _, sp := range []calendar.Span{
		{From: calendar.MustParseClock("09:00"), To: calendar.MustParseClock("17:00")},
		{From: calendar.MustParseClock("22:00"), To: calendar.MustParseClock("06:00")},
		{From: calendar.MustParseClock("00:00"), To: calendar.EndOfDay},
	} {
		fmt.Println(sp, sp.Overnight(), sp.Length())
	}
	// Output:
	// 09:00-17:00 false 8h0m0s
	// 22:00-06:00 true 8h0m0s
	// 00:00-24:00 false 24h0m0s
}

// Intervals and sets are JSON in the library's one convention:
// {"start", "end"} with RFC 3339 instants in UTC, a set as the array of
// its intervals in normal form.
func ExampleSet_MarshalJSON() {
	berlin := load("Europe/Berlin")
	s := calendar.NewSet(
		calendar.Interval{Start: time.Date(2026, 3, 9, 9, 0, 0, 0, berlin), End: time.Date(2026, 3, 9, 11, 0, 0, 0, berlin)},
		calendar.Interval{Start: time.Date(2026, 3, 9, 10, 0, 0, 0, berlin), End: time.Date(2026, 3, 9, 12, 0, 0, 0, berlin)},
	)
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	var back calendar.Set
	fmt.Println(json.Unmarshal(b, &back), back.Equal(s))
	// Output:
	// [{"start":"2026-03-09T08:00:00Z","end":"2026-03-09T11:00:00Z"}]
	// <nil> true
}

// Calendars name people by address, written as they please: matching
// compares the normal form.
func ExampleNormalEmail() {
	fmt.Println(calendar.NormalEmail("MAILTO:Ana.Souza@Example.com") == calendar.NormalEmail("ana.souza@example.com"))
	// Output:
	// true
}

// Days off and working days of a person's own, over their holiday
// calendar: in Berlin (DE-BE) 2026-05-01, Labour Day, is a working day
// for Ben, and 2026-05-04 a day off of the company's.
func ExampleDayOff() {
	berlin := load("Europe/Berlin")
	ben := calendar.Person{ID: "ben", Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"DE-BE"},
		WorkingDays: []calendar.Date{calendar.MustParseDate("2026-05-01")},
		DaysOff:     []calendar.DayOff{{Date: calendar.MustParseDate("2026-05-04"), Name: "Company day"}}}
	s, err := calendar.Compile(context.Background(), ben)
	if err != nil {
		panic(err)
	}
	segs, err := s.Timeline(context.Background(), calendar.Days(calendar.MustParseDate("2026-05-01"), calendar.MustParseDate("2026-05-04"), berlin))
	if err != nil {
		panic(err)
	}
	for _, sg := range segs {
		if sg.Kind != calendar.KindOffHours {
			fmt.Println(strings.TrimSpace(fmt.Sprint(sg.Interval.In(berlin), " ", sg.Kind, " ", sg.Label)))
		}
	}
	// Output:
	// [2026-05-01T09:00:00+02:00, 2026-05-01T17:00:00+02:00) free
	// [2026-05-04T09:00:00+02:00, 2026-05-04T17:00:00+02:00) holiday Company day
}

// Ben (Berlin, 09:00-17:00) spends Tuesday and Wednesday in New York:
// those days he works 09:00-17:00 there, 13:00-21:00 UTC (New York is on
// EDT from 2026-03-08, Berlin on CET until 03-29), and summer Fridays
// start on 03-13: 09:00-13:00.
func ExampleStay() {
	berlin, ny := load("Europe/Berlin"), load("America/New_York")
	ben := calendar.Person{ID: "ben", Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays:     []calendar.Stay{{From: calendar.MustParseDate("2026-03-10"), To: calendar.MustParseDate("2026-03-11"), Zone: ny}},
		HoursFrom: []calendar.DatedHours{{From: calendar.MustParseDate("2026-03-13"), Hours: calendar.MustParseWeeklyHours("Mon-Thu 09:00-17:00; Fri 09:00-13:00")}}}
	s, err := calendar.Compile(context.Background(), ben)
	if err != nil {
		panic(err)
	}
	free, err := s.Free(context.Background(), calendar.Days(calendar.MustParseDate("2026-03-09"), calendar.MustParseDate("2026-03-13"), time.UTC))
	if err != nil {
		panic(err)
	}
	for iv := range free.All() {
		fmt.Println(iv.Start.UTC().Format("Mon 15:04"), "-", iv.End.UTC().Format("15:04 UTC"))
	}
	zone, hours := s.On(calendar.MustParseDate("2026-03-10"))
	fmt.Println(s.Changes(), zone, hours, s.ZoneAt(time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)))
	// Output:
	// Mon 08:00 - 16:00 UTC
	// Tue 13:00 - 21:00 UTC
	// Wed 13:00 - 21:00 UTC
	// Thu 08:00 - 16:00 UTC
	// Fri 08:00 - 12:00 UTC
	// true America/New_York Mon-Fri 09:00-17:00 America/New_York
}

// The hour that Berlin's clocks skip in spring is an empty cell; the hour
// they show twice in autumn is a cell of two hours.
func ExampleFirstShowing() {
	berlin := load("Europe/Berlin")
	for _, day := range []string{"2026-03-29", "2026-10-25"} {
		d := calendar.MustParseDate(day)
		start := calendar.FirstShowing(d, calendar.MustParseClock("02:00"), berlin)
		end := calendar.FirstShowing(d, calendar.MustParseClock("03:00"), berlin)
		fmt.Printf("%s 02:00-03:00: %s to %s, %v\n", day, start.Format("15:04 MST"), end.Format("15:04 MST"), end.Sub(start))
	}
	// Output:
	// 2026-03-29 02:00-03:00: 03:00 CEST to 03:00 CEST, 0s
	// 2026-10-25 02:00-03:00: 02:00 CEST to 03:00 CET, 2h0m0s
}
