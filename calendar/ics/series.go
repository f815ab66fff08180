package ics

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// A series is a recurring event, expanded for each window asked for.
type series struct {
	where string // `VEVENT "uid" (line 12)`, for errors
	rec   calendar.Recurrence
	// zone is the zone the rule's wall times are read in; nil when it is
	// the owner's (a floating DTSTART without X-WR-TIMEZONE, or a date).
	zone *time.Location

	// The length of each occurrence, by one of three rules.
	length lengthRule
	exact  time.Duration        // lengthExact: from DTEND, in a zone known at Read
	days   int                  // lengthNominal: end = Wall(start date + days, start clock) + extra
	extra  time.Duration        // lengthNominal
	wall   [2]calendar.DateTime // lengthFloating: DTSTART and DTEND, floating
	margin int                  // days before a window where an occurrence may start and still reach it
}

type lengthRule uint8

const (
	lengthExact    lengthRule = iota // the exact duration of DTEND - DTSTART
	lengthNominal                    // a DURATION, or the days of an all-day event
	lengthFloating                   // DTEND - DTSTART, floating: exact once the zone is known
)

// newSeries makes the series of a recurring event ev, whose instances
// ovs override; it returns nil when the event is never busy.
//
// The rule is built with calendar.NewRecurrence from ev's values as read:
// the DTSTART (at 00:00 floating for an all-day event, with the TZID
// mapped to its zone, and the seconds dropped), the RRULE value, the
// EXDATEs and RDATEs, an EXDATE for each overridden instance (its
// RECURRENCE-ID), and an RDATE for the DTSTART, which RFC 5545 makes the
// first instance whether or not the rule matches it. Its COUNT walks are
// charged to budget, the file's.
func newSeries(ev *vevent, ovs []*vevent, budget *calendar.CountBudget) (*series, error) {
	start := ev.start
	var zone *time.Location
	switch {
	case start.kind == kDate || start.kind == kFloating && start.zone == nil:
	case start.kind == kUTC:
		zone = time.UTC
	default: // zoned, or floating in the X-WR-TIMEZONE
		zone = start.zone
	}
	var exdates, rdates []calendar.RecurrenceDate
	for _, ex := range ev.exdates {
		exdates = append(exdates, recurrenceDate(ex.v))
	}
	for _, ov := range ovs {
		exdates = append(exdates, recurrenceDate(ov.recID))
	}
	for _, rd := range ev.rdates {
		rdates = append(rdates, recurrenceDate(rd.v))
	}
	rdates = append(rdates, calendar.RecurrenceDate{At: start.at})
	rec, err := calendar.NewRecurrence(start.at, zone, ev.rrule, exdates, rdates)
	if err != nil {
		line, what, msg := ev.line, ev.where(), err.Error()
		var pe *calendar.ParseError
		if errors.As(err, &pe) {
			msg = pe.Msg
			if pe.Part != "" {
				// Only the RRULE value is text that NewRecurrence reads.
				line, what = ev.rruleLine, ev.where()+": RRULE"
				if pe.Part != pe.Input {
					msg = icalvalue.Quote(pe.Part) + ": " + pe.Msg
				}
			}
		}
		return nil, &readError{line: line, what: what, err: &ruleError{msg, err}}
	}
	if !ev.busy {
		return nil, nil
	}
	s := &series{
		where: fmt.Sprintf("%s (line %d)", ev.where(), ev.line),
		rec:   rec.WithCountBudget(budget),
		zone:  start.zone,
	}
	if start.kind == kDate {
		s.zone = nil
	}
	trunc := func(v value) value { v.sec = 0; return v }
	switch {
	case ev.hasEnd && start.kind == kDate:
		s.length, s.days = lengthNominal, ev.end.at.Date.DaysSince(start.at.Date)
	case ev.hasEnd && start.fixed():
		s.length, s.exact = lengthExact, trunc(ev.end).instant(nil).Sub(trunc(start).instant(nil))
	case ev.hasEnd:
		s.length, s.wall = lengthFloating, [2]calendar.DateTime{start.at, ev.end.at}
	case ev.hasDur:
		s.length, s.days, s.extra = lengthNominal, ev.dur.days, ev.dur.exact()
	case start.kind == kDate:
		s.length, s.days = lengthNominal, 1
	default:
		return nil, nil // a date-time DTSTART alone lasts no time
	}
	switch s.length {
	case lengthExact:
		if s.exact <= 0 {
			return nil, nil
		}
		s.margin = int(s.exact / (24 * time.Hour))
	case lengthNominal:
		if s.days == 0 && s.extra <= 0 {
			return nil, nil
		}
		s.margin = s.days + int(s.extra/(24*time.Hour))
	case lengthFloating:
		if s.wall[1].Compare(s.wall[0]) <= 0 {
			return nil, nil
		}
		s.margin = s.wall[1].Date.DaysSince(s.wall[0].Date)
	}
	// A day for the clocks, which may move a start by a day at most, and
	// one for a start in a gap, moved forward.
	s.margin += 3
	return s, nil
}

// A ruleError is an error that calendar.NewRecurrence found in the rule
// of an event.
type ruleError struct {
	msg string
	err error
}

func (e *ruleError) Error() string { return e.msg }
func (e *ruleError) Unwrap() error { return e.err }

// recurrenceDate returns an EXDATE, RDATE or RECURRENCE-ID value as
// calendar.NewRecurrence takes it. A floating value, even in a VCALENDAR
// with an X-WR-TIMEZONE, is a wall time in the zone of the rule; seconds
// are dropped, as tzplan works in whole minutes.
func recurrenceDate(v value) calendar.RecurrenceDate {
	d := calendar.RecurrenceDate{At: v.at}
	switch v.kind {
	case kDate:
		d.Date = true
	case kUTC, kZoned:
		d.Zone = v.zone
	}
	return d
}

// busy adds the occurrences that overlap w (UTC, not empty) to b, and
// returns how many starts it read. owner is the zone for a rule with none
// of its own.
func (s *series) busy(ctx context.Context, w calendar.Interval, owner *time.Location, b *calendar.SetBuilder) (int, error) {
	z := s.zone
	if z == nil {
		z = owner
	}
	lo := calendar.DateOf(w.Start.In(z)).AddDays(-s.margin)
	hi := calendar.DateOf(w.End.In(z)).AddDays(2)
	first, last := calendar.Date{Year: 1, Month: time.January, Day: 1}, calendar.Date{Year: 9999, Month: time.December, Day: 31}
	if lo.Before(first) {
		lo = first
	}
	if hi.After(last) {
		hi = last
	}
	if lo.After(hi) {
		return 0, nil
	}
	starts, err := s.rec.Starts(ctx, lo, hi, z)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.where, err)
	}
	exact := s.exact
	if s.length == lengthFloating {
		exact = calendar.Wall(s.wall[1].Date, s.wall[1].Clock, z).Sub(calendar.Wall(s.wall[0].Date, s.wall[0].Clock, z))
	}
	for _, st := range starts {
		t0 := calendar.Wall(st.Date, st.Clock, z)
		t1 := t0.Add(exact)
		if s.length == lengthNominal {
			t1 = calendar.Wall(st.Date.AddDays(s.days), st.Clock, z).Add(s.extra)
		}
		if iv := (calendar.Interval{Start: t0, End: t1}); iv.Overlaps(w) {
			b.Add(iv.Intersect(w))
		}
	}
	return len(starts), nil
}
