// Package tzplan helps distributed teams work across time zones and meet
// less. This package holds no code; it is the map of the library.
//
// Everything starts from each person's own wall clock. Package calendar
// holds the time model: civil dates ([calendar.Date]) and times of day
// ([calendar.Clock]), turned into instants by [calendar.Wall] with the rule
// of RFC 5545 for the hours that clocks skip or repeat; half-open intervals
// and immutable interval sets ([calendar.Set]) with linear-time union,
// intersection and difference; and weekly working hours
// ([calendar.WeeklyHours]), night shifts included, that stay on the wall
// clock when the clocks change. A [calendar.Person] adds holidays (97
// country and regional calendars), time off, focus blocks (RFC 5545
// recurrences, expanded correctly across DST) and busy time, and
// [calendar.Person.Timeline] says what takes each stretch of their time;
// [calendar.ReadRoster] reads a whole team from JSON.
//
// The shortest useful program finds when a developer in Berlin and one in
// Kolkata both work in a week:
//
//	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
//	team := []calendar.Person{
//		{ID: "ben", Zone: berlin, Hours: hours, Holidays: []string{"DE-BE"}},
//		{ID: "priya", Zone: kolkata, Hours: hours},
//	}
//	week := calendar.Interval{
//		Start: calendar.Wall(calendar.MustParseDate("2026-03-23"), 0, time.UTC),
//		End:   calendar.Wall(calendar.MustParseDate("2026-03-30"), 0, time.UTC),
//	}
//	r, err := overlap.Compute(team, week, overlap.Options{})
//	if err != nil { ... }
//	fmt.Println(r.Common().Duration()) // 17h30m0s: 08:00-11:30 UTC, Monday to Friday
//
// Semantics, exactly:
//
//   - Intervals are half-open, [Start, End), and compared as instants.
//   - A wall time in a gap is read with the offset from before the gap; a
//     wall time in a fold is the earlier instant (RFC 5545 §3.3.5).
//   - A working span belongs to the day it starts on, and runs from its
//     start to its end on the wall clock, so it is an hour shorter or
//     longer on the days the clocks change.
//
// Above it:
//
//   - package calendar/ics reads busy time from iCalendar files as Google,
//     Outlook and Apple export them;
//   - package overlap computes when a team overlaps (coverage, common
//     windows, at least k free, pairwise, per day), suggests meeting slots
//     by what they cost people, rotates a recurring meeting fairly, and
//     measures how long a written thread really takes;
//   - package policy decides whether a topic should be async, a meeting, or
//     both, with reasons that cite their sources.
//
// Imports run one way: policy -> overlap -> calendar, and calendar/ics ->
// calendar. The command-line planner in examples/planner shows a whole
// team's week; examples/embed is the program above, runnable.
package tzplan
