package calendar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/jsontext"
)

// A Person is one member of a team as tzplan sees them: where their clocks
// are, when they work, and what takes time out of their working hours.
// Everything but Busy is read on the person's own wall clock, in Zone.
//
// A Person is the plain record a caller writes, in Go or in a roster file
// (ReadRoster). Compile checks it and turns it into a Schedule, which
// answers questions about the person's time.
type Person struct {
	ID, Name string
	Zone     *time.Location

	// Hours are the person's weekly working hours. Only a roster entry
	// without "hours" gets DefaultHours: in Go, zero Hours are taken for a
	// field forgotten, and Compile refuses them unless NoHours is set.
	Hours WeeklyHours
	// NoHours says that the person has no working hours on purpose (and
	// so no free time); Hours must then be zero. A roster entry with
	// "hours": "" sets it.
	NoHours bool

	// Holidays are the codes of the holiday calendars the person keeps
	// ("US", "DE-BY"; see HolidayCodes). A holiday is a date in Zone.
	Holidays []string
	// HolidayDates says whether a holiday that falls on a weekend moves to
	// its observed day off (the default) or stays on its own date.
	HolidayDates HolidayDates

	// HolidayCalendars name iCalendar calendars of holidays (a country's
	// published calendar, the company's), as a roster gives them
	// (relative to the roster file); HolidaySources give their days, such
	// as those files once read (package ics reads them). Each day of an
	// all-day event in them is a holiday in the person's zone, named by
	// the event.
	HolidayCalendars []string
	HolidaySources   []HolidaySource
	// WorkingDays are dates the person works although a holiday
	// calendar (Holidays, HolidaySources) has a holiday on them: they
	// cancel those holidays. DaysOff are days off of the person's own,
	// such as a company's: each is a holiday, whatever the calendars and
	// WorkingDays say. Both are civil dates in the person's zone.
	WorkingDays []Date
	DaysOff     []DayOff

	// Stays are the dates the person spends in another zone (travel):
	// on each date of a stay their working hours, focus blocks and the
	// floating times of their calendars follow the wall clock of the
	// stay's zone, and their holiday codes are the stay's, when it names
	// any, else those of home (their HolidaySources, days off and working
	// days hold wherever they are). HoursFrom are working hours that apply from a
	// date on, until the next one's date (summer Fridays, a new
	// contract); before the first, Hours apply. See Schedule.Timeline for
	// the day the zone or the hours change.
	Stays     []Stay
	HoursFrom []DatedHours

	TimeOff []TimeOff
	Focus   []FocusBlock

	// Busy is the time the person already has taken, such as meetings.
	Busy Set

	// Calendars name the calendar files the person's busy time also comes
	// from, as a roster gives them (relative to the roster file).
	Calendars []string
	// Sources give busy time for any window, such as the calendar files
	// of Calendars once read (package ics reads iCalendar files). Their
	// busy time is added to Busy.
	Sources []BusySource

	// Comfort says how the person's time outside working hours feels
	// for a meeting (their shoulder and night); zero fields mean the
	// defaults.
	Comfort Comfort

	// Emails are the addresses the person is known by in calendars
	// (organizer and attendees), matched without regard to letter case
	// and with any "mailto:" left off.
	Emails []string
}

// A BusySource gives busy time for any window: a calendar whose recurring
// events have no end cannot be a Set. zone is the zone of the person whose
// calendar it is, for times with no zone of their own (floating times,
// all-day events). The result must lie inside window.
//
// Busy is called concurrently (overlap.Compute builds timelines on
// several goroutines, and a Schedule is safe for concurrent use), so it
// must be safe for that. A panic in Busy is recovered and returned as an
// error wrapping ErrSourcePanicked that names the person and the source.
// Busy should return promptly, with an error wrapping ctx.Err(), once ctx
// is done.
type BusySource interface {
	Busy(ctx context.Context, window Interval, zone *time.Location) (Set, error)
}

// A HolidaySource gives the holidays of a calendar from one date to
// another, inclusive, such as an iCalendar file of holidays (package ics
// reads them). A Holiday's Code may be empty. Like a BusySource, it is
// called concurrently, and a panic in it is recovered and returned as an
// error wrapping ErrSourcePanicked.
type HolidaySource interface {
	Holidays(ctx context.Context, from, to Date) ([]Holiday, error)
}

// A Stay is a stay in another zone: the whole days From to To, inclusive,
// and the zone, with the holiday codes kept there (nil: those of home;
// an empty, non-nil list: none).
type Stay struct {
	From, To Date
	Zone     *time.Location
	Holidays []string
}

// DatedHours are working hours that apply from a date on.
type DatedHours struct {
	From  Date
	Hours WeeklyHours
}

// A DayOff is a day off of a person's own (a company's day, a bridge
// day): a civil date in their zone, and its name.
type DayOff struct {
	Date Date
	Name string
}

// DefaultHours are the working hours of a roster entry that gives none.
const DefaultHours = "Mon-Fri 09:00-17:00"

// A TimeOff is a person's leave: the whole civil days From to To,
// inclusive, in the person's zone.
type TimeOff struct {
	From, To Date
	Reason   string
}

// A FocusBlock is time a person protects for deep work: a recurrence of
// blocks of Duration each. A hard block is never scheduled over; a soft
// one may be broken, at a cost. Only the part of a block inside working
// hours matters: outside them the person is off anyway.
//
// The recurrence is given either as text, Rule with Start, or already
// parsed, as Recurrence; not both.
type FocusBlock struct {
	Name string
	// Rule is the recurrence, as ParseRecurrence reads it: a bare RRULE
	// value ("FREQ=WEEKLY;BYDAY=TU,TH") or lines with DTSTART, RRULE,
	// EXDATE and RDATE. Frequencies finer than DAILY are rejected.
	Rule string
	// Start is the first block's wall time in the person's zone; it is
	// ignored when Rule has a DTSTART line.
	Start DateTime
	// Recurrence is the recurrence already parsed (by ParseRecurrence or
	// NewRecurrence), for a block with no Rule. A floating one is read in
	// the person's zone.
	Recurrence Recurrence
	Duration   time.Duration
	Hard       bool
}

// A Kind is what a stretch of a person's time is taken by. Kinds are
// ordered: an instant gets the first kind that applies. A byte, so that
// the timelines of a large team (Stretch, Segment) take little room.
type Kind uint8

// The kinds, in the order they apply.
const (
	KindOffHours Kind = iota // outside every working span
	KindHoliday              // in a working span that starts on a holiday
	KindTimeOff              // in a working span that starts on a day of time off
	KindBusy                 // in a busy event
	KindFocus                // in a focus block
	KindFree                 // none of the above
)

var kindNames = [...]string{"off-hours", "holiday", "time-off", "busy", "focus", "free"}

// String returns the kind's name: "off-hours", "holiday", "time-off",
// "busy", "focus" or "free".
func (k Kind) String() string {
	if int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind returns the Kind that String names.
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, &ParseError{Func: "ParseKind", Input: s, Msg: "want one of " + strings.Join(kindNames[:], ", ")}
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("calendar.Kind.MarshalText: invalid kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// A Segment is a stretch of a person's timeline taken by one kind of time.
// Label names what takes it: the holiday's name, the time off's reason, or
// the focus block's name. Hard is set on the segments of a hard focus
// block.
//
// Off-hours time keeps what lies under it, so that a meeting allowed
// outside working hours still keeps off people's commitments there: Under
// is KindHoliday on a holiday (the whole day, midnight to midnight in the
// person's zone), else KindTimeOff on a day of time off, else KindBusy in
// a busy event, with Label naming it as for those kinds; and KindOffHours
// (the zero Kind) where nothing lies under off-hours time, and on every
// segment of another kind.
//
// In JSON a Segment is {"start", "end", "kind", "label", "hard"}, with the
// instants in UTC as Interval writes them, and "under" when something lies
// under off-hours time.
type Segment struct {
	Interval
	Kind  Kind
	Label string
	Hard  bool
	Under Kind
}

// String returns s as "[start, end) kind", with " under" and what lies
// under off-hours time, ": label" when it has a label, and " (hard)" for
// hard focus.
func (s Segment) String() string {
	out := s.Interval.String() + " " + s.Kind.String()
	if s.Under != KindOffHours {
		out += " under " + s.Under.String()
	}
	if s.Label != "" {
		out += ": " + s.Label
	}
	if s.Hard {
		out += " (hard)"
	}
	return out
}

// segmentJSON is a Segment in JSON.
type segmentJSON struct {
	Start *jsontext.Time `json:"start"`
	End   *jsontext.Time `json:"end"`
	Kind  Kind           `json:"kind"`
	Label string         `json:"label"`
	Hard  bool           `json:"hard"`
	Under *Kind          `json:"under,omitempty"`
}

// MarshalJSON implements json.Marshaler (see Segment).
func (s Segment) MarshalJSON() ([]byte, error) {
	start, end := jsontext.Time(s.Start), jsontext.Time(s.End)
	j := segmentJSON{&start, &end, s.Kind, s.Label, s.Hard, nil}
	if s.Under != KindOffHours {
		j.Under = &s.Under
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler (see Segment); "start",
// "end" and "kind" are required, "under" is holiday, time-off or busy on
// an off-hours segment, and unknown fields are errors.
func (s *Segment) UnmarshalJSON(b []byte) error {
	// No kind is this one: a "kind" that is missing leaves it.
	const noKind = Kind(255)
	j := segmentJSON{Kind: noKind}
	if err := jsontext.DecodeStrict(b, &j); err != nil {
		return fmt.Errorf("calendar.Segment.UnmarshalJSON: %w", err)
	}
	if j.Start == nil || j.End == nil || j.Kind == noKind {
		return errors.New(`calendar.Segment.UnmarshalJSON: want "start", "end" and "kind"`)
	}
	under := KindOffHours
	if j.Under != nil {
		// Only off-hours time has something under it, and only these.
		if u := *j.Under; j.Kind != KindOffHours || u != KindHoliday && u != KindTimeOff && u != KindBusy {
			return fmt.Errorf(`calendar.Segment.UnmarshalJSON: "under" %q on a segment of kind %q: want holiday, time-off or busy under off-hours`, u, j.Kind)
		}
		under = *j.Under
	}
	*s = Segment{Interval{time.Time(*j.Start), time.Time(*j.End)}, j.Kind, j.Label, j.Hard, under}
	return nil
}
