// Package calendar is tzplan's time model: civil dates and wall clocks,
// the rule that turns them into instants, half-open intervals, immutable
// interval sets, and weekly working hours.
//
// # Instants and wall clocks
//
// An instant is a time.Time, compared as an instant whatever its Location.
// A person's day is described on their wall clock instead: a [Date] (a
// civil date with no zone) and a [Clock] (minutes after midnight, 00:00 to
// 24:00). [Wall] turns one into the other by RFC 5545 §3.3.5, the same in
// every zone: a wall time that the clocks skip is read with the offset in
// force before the jump, and one that they show twice is the earlier
// instant. Days are stepped with civil arithmetic ([Date.AddDays]), never by
// adding 24 hours.
//
// # Intervals and sets
//
// An [Interval] is half-open, [Start, End). A [Set] is an immutable set of
// instants kept as sorted, disjoint intervals with touching ones merged; its
// zero value is the empty set, and Union, Intersect, Subtract and Clip run
// in linear time. A [SetBuilder] makes a Set from many intervals at once.
//
// # Working hours
//
// [WeeklyHours] are wall-clock spans per weekday, parsed from text such as
// "Mon-Fri 09:00-12:00,13:00-17:00; Sat 10:00-12:00". A span whose end is
// not after its start crosses midnight and belongs to the day it starts
// on. A span on date D is [Wall(D, From), Wall(D or D+1, To)), so it keeps
// its wall-clock times when the clocks change and its length changes
// instead; [WeeklyHours.Working] lists those intervals for a window.
//
// # People and schedules
//
// A [Person] is the plain record of one member of a team, as a caller
// writes it: a zone, weekly hours, the holiday calendars they keep
// ([HolidayCodes]), time off, focus blocks (each a [Recurrence] expanded
// in floating time, given as rule text or already parsed) and busy time.
// [Compile] checks a person once and returns a [Schedule]: an immutable
// copy with the rules parsed and the calendars resolved, which answers
// for any window. [Schedule.Timeline] splits a window into segments of one
// [Kind] each: an instant is off-hours outside every working span, then
// holiday or time off when its span starts on such a day (a night shift
// belongs to the day it starts), then busy, focus, or free. Off-hours
// time keeps what lies under it ([Segment].Under: a holiday's or a day
// off's whole day, or busy time), so that a meeting allowed outside
// working hours still keeps off people's commitments.
// [Schedule.FreeFrom] walks the free time from an instant on, for as long
// as the caller reads. [ReadRoster] reads a team from JSON. [Days] and
// [Week] give civil days as intervals on someone's wall clock.
//
// # Errors
//
// The parsers return a [*ParseError] that names the parser, quotes the input
// and the part that is wrong. Nothing in the package panics on input (the
// Must functions excepted, which are meant for hard-coded text), prints,
// or keeps mutable global state; every value is safe for concurrent use.
package calendar
