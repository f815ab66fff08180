// Package ics reads events and busy time from iCalendar (.ics) files, as
// Google Calendar, Outlook and Apple Calendar export them (RFC 5545).
//
// [Read] and [ReadFile] return a [Calendar], which gives the events of any
// window, each occurrence with its summary, organizer and attendees, with
// [Calendar.Events], and the busy time of any window with [Calendar.Busy],
// and so is a calendar.BusySource;
// [ReadRosterFile] reads a roster and the calendar files its people name.
//
// # What is read
//
// A stream may hold several VCALENDARs, one after another; lines may end in
// CRLF, LF or CR, be folded (a line that starts with a space or tab goes
// on the one before), and the stream may start with a byte order mark.
// Content lines are parsed here (RFC 5545 §3.1), one component at a time:
// only the properties below are parsed at all, so a malformed DESCRIPTION
// or ATTENDEE does not stop a file from being read, and a file is read in
// memory a few times its size (the input itself, and what is kept of each
// event), however many events it holds.
//
// VEVENT: DTSTART with DTEND, DTSTART with DURATION, or DTSTART alone (a
// date alone lasts one day, a date-time alone no time); with both DTEND
// and DURATION, DTEND is used (a problem). A DURATION's weeks
// and days are nominal: P1D from 09:00 ends at 09:00 the next day, 23 or 25
// hours later on the days the clocks change. An event is busy unless it
// has STATUS:CANCELLED or TRANSP:TRANSPARENT (TENTATIVE is busy, OPAQUE is
// the default); other properties, X-MICROSOFT-CDO-BUSYSTATUS and any X-
// property among them, are not read.
//
// Revisions: copies of one event (one UID and one RECURRENCE-ID, or none)
// are revisions of it, as a calendar that kept every invitation update
// has them: the one with the highest SEQUENCE is kept and, among those,
// the one with the latest DTSTAMP; all of them on a tie (RFC 5545
// §3.8.7.4). Events with no UID are all kept.
//
// Recurring events: RRULE, EXDATE and RDATE (UTC, TZID, floating and
// VALUE=DATE values, comma lists, several lines) are built into a
// calendar.Recurrence (calendar.NewRecurrence, from the values as read)
// and expanded in floating time, so a weekly 09:00 meeting is
// at 09:00 local time on either side of a clock change, in every zone. The
// DTSTART is always the first instance (RFC 5545 §3.3.10), also when the
// rule does not match it, a case §3.8.5.3 leaves undefined: there it is an
// instance besides the COUNT that the rule gives; an EXDATE removes it
// like any other, also from an event with no RRULE or RDATE. Several
// RRULEs in one event give the union of their instances; an empty RRULE
// is ignored (a problem). A floating
// EXDATE or RDATE is a wall time in the zone of the event's DTSTART. An
// event with a DTEND keeps the exact length of its first instance at every
// instance (RFC 5545 §3.8.5.3); one with a DURATION, and an all-day event,
// keeps its nominal length. An RDATE;VALUE=PERIOD is an instance of the
// period's own length, unless an EXDATE or an override's RECURRENCE-ID
// names its start written the same way. Recurring events are expanded in whole
// minutes: the seconds of their DTSTART, EXDATEs, RDATEs and
// RECURRENCE-IDs are dropped. EXRULE and rules that
// repeat more often than daily (FREQ=HOURLY) are problems: they are not
// supported.
//
// Overridden instances: a VEVENT with a RECURRENCE-ID and the UID of a
// recurring event (in any VCALENDAR of the stream) replaces the instance
// whose original start is the RECURRENCE-ID: compared as instants for UTC
// and TZID values, as wall times for floating ones, and as dates for
// VALUE=DATE ones (which replace every instance on that date). The
// original instance goes; the override is busy at its own DTSTART and
// DTEND, wherever they are, unless it is cancelled or transparent, which
// removes the instance. With RANGE=THISANDFUTURE (§3.8.4.4) it replaces
// that instance and every later one (until the next such override): each
// moves on the wall clock as the override's DTSTART moved from its
// RECURRENCE-ID, and takes the override's length; a cancelled one ends
// the series there. An override whose UID matches no recurring event
// is a one-off event. An override's own EXDATEs are ignored, and so is an
// RRULE that is the series' own, as some clients copy it; an override with
// another RRULE starts a series of its own from its DTSTART (as clients
// write a series split in two, or an instance that repeats), and its
// RECURRENCE-ID's instance goes; with RANGE=THISANDFUTURE, the series it
// splits off from ends there. An override's own RDATEs make it a series
// of its own too. Any RANGE but THISANDFUTURE is a problem.
//
// VFREEBUSY: FREEBUSY periods "start/end" and "start/duration", comma
// lists and several lines, in UTC as RFC 5545 wants, or with a TZID; a
// period is busy unless its FBTYPE is FREE.
//
// VTODO, VJOURNAL and the components inside a VEVENT (VALARM) are not
// busy time and are not read.
//
// # Zones
//
// A date-time ending in Z is UTC. A TZID names a zone (RFC 5545
// §3.2.19), resolved in this order:
//
//  1. an IANA name from Go's zone database (time.LoadLocation, but never
//     "Local" or the other names of the machine's own zone) is that zone,
//     whatever a VTIMEZONE of the file says: IANA's history is more exact
//     than the rules files carry;
//  2. an IANA name in another letter case ("Europe/lisbon"), a globally
//     unique TZID, which starts with "/", whose last one to three parts are
//     an IANA name ("/mozilla.org/20050126_1/Europe/Berlin"), or a Windows
//     zone name as Outlook writes them ("W. Europe Standard Time", mapped
//     by the CLDR windowsZones table that github.com/thlib/go-timezone-local
//     carries) is that IANA zone, unless the file's VTIMEZONE for the TZID
//     contradicts it (other offsets in January or July of 2010-2037): the
//     name is then the file's own, and its VTIMEZONE's rules are used (a
//     problem says so);
//  3. any other TZID (a made-up "Customized Time Zone", "(UTC-05:00)
//     Eastern Time (US and Canada)") is the zone its VTIMEZONE defines:
//     STANDARD and DAYLIGHT observances with TZOFFSETFROM, TZOFFSETTO,
//     DTSTART, and yearly RRULEs and RDATEs, evaluated exactly (before the
//     first onset, that onset's TZOFFSETFROM applies);
//  4. a TZID with neither a known name nor a VTIMEZONE that reads is an
//     error wrapping [ErrUnknownZone] that names the zone: the event is
//     skipped, a problem. tzplan does not guess a zone from offsets.
//
// Quotes around a TZID parameter are dropped, and a TZID property's
// escaped commas are read as commas. A TZID on a value in UTC (ending in
// Z) or on a date is ignored, as RFC 5545 gives it no meaning there: the
// value says what it is.
//
// A floating time (no Z, no TZID) is read in the VCALENDAR's
// X-WR-TIMEZONE when it has one, and otherwise in the owner's zone, given
// to Busy. An all-day event (VALUE=DATE) is a run of whole civil days in
// the owner's zone, from Wall(date, 00:00) to Wall(end date, 00:00): a day
// off in Tokyo is a day in Tokyo, whoever looks at it. Wall times follow
// calendar.Wall: a time the clocks skip is read with the offset before the
// gap, and a time they show twice is the earlier instant.
//
// # Problems, and strict reading
//
// A calendar is read event by event. What cannot be used is a Problem
// that names the line, the event's UID and the property, says what is
// wrong and what was done, and the rest is read (Calendar.Problems):
//
//   - an event (or VFREEBUSY) with a property that cannot be read, such as
//     a DTSTART that is no date or a TZID that names no zone, is skipped;
//     a recurring event whose rule cannot be read is skipped with the
//     instances that override it;
//   - a line with no name or no colon is ignored, and so are lines outside
//     any VCALENDAR (text after END:VCALENDAR, say), an END with no BEGIN,
//     and an X-WR-TIMEZONE that names no zone (floating times are then
//     read in the owner's zone);
//   - a component left open is closed by the END of one that holds it, by
//     the BEGIN of a VEVENT, VTODO, VJOURNAL, VFREEBUSY or VTIMEZONE (which
//     are only ever directly in a VCALENDAR), or at the end of the input;
//   - a first line indented as a folded line would be is read without its
//     leading spaces.
//
// An input with no VCALENDAR at all, or in UTF-16, is an error. With
// Options.Strict every problem is an error instead, the first found. A
// Calendar lists at most 1,000 problems, and then how many more there were.
// Problems quote the input (cut short and escaped): show them to whoever
// may see the file.
//
// # Errors and limits
//
// Errors name the line and, where they can, the component (with its UID)
// and the property; nothing panics, prints or logs. Read keeps the input in memory, and its time and memory grow
// linearly with the input; each recurring event's rule is checked once
// when read. A rule's COUNT is counted when a window first asks for it, up
// to that window (and remembered): a large COUNT that rarely matches, with
// an old DTSTART, costs tens of milliseconds on that first Busy. Busy
// costs time in
// proportion to the one-off events near the window (they are sorted when
// read) and to the instances of recurring events in it, not to a
// calendar's history; a recurring event with more than
// calendar.Limits.Occurrences (50,000) instances
// in one window is an error wrapping calendar.ErrTooManyOccurrences.
package ics
