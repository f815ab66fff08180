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
// clock when the clocks change. A [calendar.Person] is the plain record of
// one member of a team: hours, holidays (97 country and regional
// calendars), time off, focus blocks (RFC 5545 recurrences, expanded
// correctly across DST) and busy time. [calendar.Compile] checks a person
// once and returns a [calendar.Schedule], which says what takes each
// stretch of their time ([calendar.Schedule.Timeline]) and walks their
// free time from any instant on ([calendar.Schedule.FreeFrom]);
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
//	week := calendar.Week(time.Date(2026, 3, 25, 12, 0, 0, 0, time.UTC), time.UTC)
//	r, err := overlap.Compute(ctx, team, week, overlap.Options{})
//	if err != nil { ... }
//	common, err := r.Common()
//	if err != nil { ... }
//	fmt.Println(common.Duration()) // 17h30m0s: 08:00-11:30 UTC, Monday to Friday
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
//   - package overlap compiles a team once and computes when it overlaps
//     (coverage, common windows, at least k free, pairwise, per day, heat
//     map buckets), suggests meeting slots by what they cost people,
//     rotates a recurring meeting fairly, and measures how long a written
//     reply and a round trip really take;
//   - package policy decides whether a topic should be async, a meeting, or
//     both, with reasons that cite their sources.
//
// Imports run one way: policy -> overlap -> calendar, and calendar/ics ->
// calendar. The command-line planner in examples/planner shows a whole
// team's week; examples/embed is the program above, runnable.
//
// # Errors
//
// An error's text starts with the exported function or method that
// returned it, package-qualified: "calendar.Compile: ", "overlap.Report.Suggest: ",
// "policy.Policy.Decide: ", "calendar.Interval.UnmarshalJSON: ". A parser
// adds the input it was given: calendar.ParseClock("25:00"): after 24:00.
// An error passed up from another exported call keeps that call's prefix
// after its own, so a chain reads from the outermost call in. Inputs are
// quoted with %q (long ones cut short), and people are named by ID. Errors
// that callers test for are sentinels or types, for errors.Is and
// errors.As: calendar.ErrTooManyOccurrences, calendar.ErrNoFreeTime,
// overlap.ErrUnknownID, overlap.ErrNoReply, *overlap.NoSlotError,
// policy.ErrInvalid and the like. No function of the library panics on
// input (the Must functions, meant for hard-coded text, excepted).
//
// # JSON
//
// Every type that a caller may send or store marshals to JSON in one
// convention: field names in lower camelCase; instants as RFC 3339 text in
// UTC ("2026-03-09T12:00:00Z"), except a time that is about someone's wall
// clock, which keeps their offset ("2026-03-09T13:00:00+01:00", with its
// zone's name beside it); durations as Go duration text in its shortest
// form ("30m", "1h30m", "4h"; "0s" for none), which time.ParseDuration
// reads back; an interval as {"start", "end"}; a set of intervals as an
// array of them; enumerations (kinds, statuses, modes) as their names. A
// list is [] when empty in results. Reading is strict: an unknown field is
// an error, so that a misspelt field is never silently dropped.
package tzplan
