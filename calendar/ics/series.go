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
	uid  string // for errors
	line int    // of its VEVENT, for errors
	rec  calendar.Recurrence
	// zone is the zone the rule's wall times are read in; nil when it is
	// the owner's (a floating DTSTART without X-WR-TIMEZONE, or a date).
	zone  *time.Location
	shape shape      // the length of each instance
	info  *eventInfo // what the instances are
	// cuts are the RANGE=THISANDFUTURE overrides, by their RECURRENCE-ID:
	// each changes the instances from there on, until the next.
	cuts   []cut
	margin int // days before a window where an instance may start and still reach it
}

// A shape is the length of an event's instances, by one of three rules.
type shape struct {
	length lengthRule
	exact  time.Duration        // lengthExact: from DTEND, in a zone known at Read
	days   int                  // lengthNominal: end = Wall(start date + days, start clock) + extra
	extra  time.Duration        // lengthNominal
	wall   [2]calendar.DateTime // lengthFloating: DTSTART and DTEND, floating
}

type lengthRule uint8

const (
	lengthExact    lengthRule = iota // the exact duration of DTEND - DTSTART
	lengthNominal                    // a DURATION, or the days of an all-day event
	lengthFloating                   // DTEND - DTSTART, floating: exact once the zone is known
)

// shapeOf returns the shape of ev's instances: of no length for a
// date-time DTSTART alone.
func shapeOf(ev *vevent) shape {
	start := ev.start
	var sh shape
	trunc := func(v value) value { v.sec = 0; return v }
	switch {
	case ev.hasEnd && start.kind == kDate:
		sh.length, sh.days = lengthNominal, ev.end.at.Date.DaysSince(start.at.Date)
	case ev.hasEnd && start.fixed():
		sh.length, sh.exact = lengthExact, trunc(ev.end).instant(nil).Sub(trunc(start).instant(nil))
	case ev.hasEnd:
		sh.length, sh.wall = lengthFloating, [2]calendar.DateTime{start.at, ev.end.at}
	case ev.hasDur:
		sh.length, sh.days, sh.extra = lengthNominal, ev.dur.days, ev.dur.exact()
	case start.kind == kDate:
		sh.length, sh.days = lengthNominal, 1
	}
	return sh
}

// marginDays returns how many days before a window an instance of shape
// sh may start and still reach it.
func (sh shape) marginDays() int {
	switch sh.length {
	case lengthExact:
		return int(sh.exact / (24 * time.Hour))
	case lengthNominal:
		return sh.days + int(sh.extra/(24*time.Hour))
	}
	return sh.wall[1].Date.DaysSince(sh.wall[0].Date)
}

// end returns the end of an instance of shape sh that starts at the wall
// time st, the instant t0, in zone z.
func (sh shape) end(st calendar.DateTime, t0 time.Time, z *time.Location) time.Time {
	switch sh.length {
	case lengthNominal:
		return calendar.Wall(st.Date.AddDays(sh.days), st.Clock, z).Add(sh.extra)
	case lengthFloating:
		return t0.Add(calendar.Wall(sh.wall[1].Date, sh.wall[1].Clock, z).Sub(calendar.Wall(sh.wall[0].Date, sh.wall[0].Clock, z)))
	}
	return t0.Add(sh.exact)
}

// A cut is a RANGE=THISANDFUTURE override (RFC 5545 §3.8.4.4): the
// instances that start at or after its RECURRENCE-ID move as its DTSTART
// moved from the RECURRENCE-ID, on the wall clock, and take its length;
// when it is cancelled or transparent, they are gone.
type cut struct {
	from  value // the RECURRENCE-ID
	to    value // the override's DTSTART
	shape shape
	info  *eventInfo // the override's
	end   bool       // the series ends here: the override is a series of its own
}

// newSeries makes the series of the RRULE rule (empty for none) of a
// recurring event ev, whose instances ovs override (those of them with
// RANGE=THISANDFUTURE cut the series).
//
// The rule is built with calendar.NewRecurrence from ev's values as read:
// the DTSTART (at 00:00 floating for an all-day event, with the TZID
// mapped to its zone, and the seconds dropped), the RRULE value, the
// EXDATEs and RDATEs, an EXDATE for each instance overridden alone (its
// RECURRENCE-ID), and an RDATE for the DTSTART, which RFC 5545 makes the
// first instance whether or not the rule matches it. Its COUNT walks are
// charged to budget, the file's.
func newSeries(ev *vevent, rule linedRule, ovs []*vevent, budget *calendar.CountBudget) (*series, error) {
	start := ev.start
	var zone *time.Location
	switch {
	case start.kind == kDate || start.kind == kFloating && start.zone == nil:
	case start.kind == kUTC:
		zone = time.UTC
	default: // zoned, or floating in the X-WR-TIMEZONE
		zone = start.zone
	}
	// A zone that a VTIMEZONE defines is no IANA zone, which a Recurrence
	// needs: a rule in one is floating, on that zone's wall clock (which
	// Starts is given), and a value in one is given as its instant, in
	// UTC, which is compared with the instances as instants, also in a
	// gap.
	if start.custom {
		zone = nil
	}
	date := func(v value) calendar.RecurrenceDate {
		if v.custom && v.kind != kDate {
			return calendar.RecurrenceDate{At: calendar.DateTimeOf(v.instant(nil).UTC()), Zone: time.UTC}
		}
		return recurrenceDate(v)
	}
	var exdates, rdates []calendar.RecurrenceDate
	for _, ex := range ev.exdates {
		exdates = append(exdates, date(ex.v))
	}
	var cuts []cut
	for _, ov := range ovs {
		if ov.future {
			cuts = append(cuts, cut{from: ov.recID, to: ov.start, shape: shapeOf(ov), info: ov.info, end: ov.split})
			continue
		}
		exdates = append(exdates, date(ov.recID))
	}
	for _, rd := range ev.rdates {
		rdates = append(rdates, date(rd.v))
	}
	rdates = append(rdates, calendar.RecurrenceDate{At: start.at})
	rec, err := calendar.NewRecurrence(start.at, zone, rule.rule, exdates, rdates)
	if err != nil {
		line, what, msg := ev.line, ev.where(), err.Error()
		var pe *calendar.ParseError
		if errors.As(err, &pe) {
			msg = pe.Msg
			if pe.Part != "" {
				// Only the RRULE value is text that NewRecurrence reads.
				line, what = rule.line, ev.where()+": RRULE"
				if pe.Part != pe.Input {
					msg = icalvalue.Quote(pe.Part) + ": " + pe.Msg
				}
			}
		}
		return nil, &readError{line: line, what: what, err: &ruleError{msg, err}}
	}
	sh := shapeOf(ev)
	s := &series{
		uid:   ev.uid,
		line:  ev.line,
		rec:   rec.WithCountBudget(budget),
		zone:  start.zone,
		shape: sh,
		info:  ev.info,
		cuts:  cuts,
	}
	if start.kind == kDate {
		s.zone = nil
	}
	s.margin = s.shape.marginDays()
	for _, c := range cuts {
		// A cut may move instances by days, either way: the window is
		// widened by as much on both sides.
		days := c.shape.marginDays() + abs(c.to.at.Date.DaysSince(c.from.at.Date))
		s.margin = max(s.margin, days)
	}
	// A day for the clocks, which may move a start by a day at most, and
	// one for a start in a gap, moved forward.
	s.margin += 3
	return s, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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

// each calls yield with the instances that overlap w (UTC, not empty),
// and those of no length that start in it, and returns how many starts it
// read. owner is the zone for a rule with none of its own.
func (s *series) each(ctx context.Context, w calendar.Interval, owner *time.Location, yield func(occurrence)) (int, error) {
	z := s.zone
	if z == nil {
		z = owner
	}
	lo := calendar.DateOf(w.Start.In(z)).AddDays(-s.margin)
	hi := calendar.DateOf(w.End.In(z)).AddDays(2)
	if len(s.cuts) > 0 {
		hi = hi.AddDays(s.margin)
	}
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
		return 0, fmt.Errorf("%s (line %d): %w", describe("VEVENT", s.uid), s.line, err)
	}
	for _, st := range starts {
		t0 := calendar.Wall(st.Date, st.Clock, z)
		original := t0
		sh, info := s.shape, s.info
		if c, ok := s.cutAt(st, t0, z); ok {
			if c.end {
				continue
			}
			st = shiftWall(st, c.shift(z))
			t0, sh, info = calendar.Wall(st.Date, st.Clock, z), c.shape, c.info
		}
		if o, ok := clip(t0, sh.end(st, t0, z), w); ok {
			o.info, o.original = info, original
			yield(o)
		}
	}
	return len(starts), nil
}

// cutAt returns the last cut whose RECURRENCE-ID is at or before the
// instance that starts at the wall time st, the instant t0, in zone z: by
// date for a date RECURRENCE-ID, else as instants.
func (s *series) cutAt(st calendar.DateTime, t0 time.Time, z *time.Location) (cut, bool) {
	var found cut
	var foundAt time.Time
	ok := false
	for _, c := range s.cuts {
		var at time.Time
		if c.from.kind == kDate {
			if c.from.at.Date.After(st.Date) {
				continue
			}
			at = calendar.Wall(c.from.at.Date, 0, z)
		} else {
			if at = c.from.instant(z); at.After(t0) {
				continue
			}
		}
		if !ok || at.After(foundAt) {
			found, foundAt, ok = c, at, true
		}
	}
	return found, ok
}

// shift returns the minutes that the cut moves its instances on the wall
// clock of z: from its RECURRENCE-ID to its DTSTART.
func (c cut) shift(z *time.Location) int {
	from, to := c.from.at, c.to.at
	if c.from.kind != kDate {
		from = calendar.DateTimeOf(c.from.instant(z).In(z))
	}
	if c.to.kind != kDate {
		to = calendar.DateTimeOf(c.to.instant(z).In(z))
	}
	return to.Date.DaysSince(from.Date)*24*60 + int(to.Clock) - int(from.Clock)
}

// shiftWall returns the wall time m minutes after dt.
func shiftWall(dt calendar.DateTime, m int) calendar.DateTime {
	total := int(dt.Clock) + m
	days := total / (24 * 60)
	if total < 0 && total%(24*60) != 0 {
		days--
	}
	return calendar.DateTime{Date: dt.Date.AddDays(days), Clock: calendar.Clock(total - days*24*60)}
}
