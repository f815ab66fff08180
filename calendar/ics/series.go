package ics

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
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
// The rule is handed to calendar.ParseRecurrence as text built from ev:
// the DTSTART (at 00:00 floating for an all-day event, with the TZID
// mapped to its IANA name, and the seconds dropped), the RRULE, the
// EXDATEs and RDATEs written one value to a line, an EXDATE for each
// overridden instance (its RECURRENCE-ID), and an RDATE for the DTSTART,
// which RFC 5545 makes the first instance whether or not the rule
// matches it.
func newSeries(ev *vevent, ovs []*vevent) (*series, error) {
	var t recText
	start := ev.start
	startLine := ev.nd.propLine("DTSTART", 0)
	switch {
	case start.kind == kDate || start.kind == kFloating && start.zone == nil:
		t.add(startLine, "DTSTART", "DTSTART:"+floatingText(start))
	case start.kind == kUTC:
		t.add(startLine, "DTSTART", "DTSTART:"+start.text())
	default: // zoned, or floating in the X-WR-TIMEZONE
		t.add(startLine, "DTSTART", "DTSTART;TZID="+start.zone.String()+":"+floatingText(start))
	}
	if ev.rrule != "" {
		t.add(ev.rruleLine, "RRULE", "RRULE:"+ev.rrule)
	}
	for _, ex := range ev.exdates {
		t.add(ex.line, "EXDATE", "EXDATE"+dateParams(ex.v)+":"+ex.v.text())
	}
	for _, rd := range ev.rdates {
		t.add(rd.line, "RDATE", "RDATE"+dateParams(rd.v)+":"+rd.v.text())
	}
	for _, ov := range ovs {
		t.add(ov.recIDLine, "RECURRENCE-ID of an overridden instance", "EXDATE"+dateParams(ov.recID)+":"+ov.recID.text())
	}
	t.add(startLine, "DTSTART", "RDATE:"+floatingText(start))

	if f := subDaily(ev.rrule); f != "" {
		return nil, &readError{line: ev.rruleLine, what: ev.where + ": RRULE",
			err: fmt.Errorf("FREQ=%s is not supported: tzplan expands rules that repeat at most daily", f)}
	}
	rec, err := calendar.ParseRecurrence(t.String(), calendar.DateTime{})
	if err != nil {
		line, prop, msg := t.locate(err)
		if line == 0 {
			line, prop = ev.nd.line, ""
		}
		what := ev.where
		if prop != "" {
			what += ": " + prop
		}
		return nil, &readError{line: line, what: what, err: &ruleError{msg, err}}
	}
	if !ev.busy {
		return nil, nil
	}
	s := &series{
		where: fmt.Sprintf("%s (line %d)", ev.where, ev.nd.line),
		rec:   rec,
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

// floatingText writes the wall time of v, as a floating date-time.
func floatingText(v value) string {
	v.kind = kFloating
	return v.text()
}

// dateParams returns the parameters of an EXDATE or RDATE line for v.
func dateParams(v value) string {
	switch v.kind {
	case kDate:
		return ";VALUE=DATE"
	case kZoned:
		return ";TZID=" + v.zone.String()
	}
	// UTC carries its Z; a floating value, even in a VCALENDAR with an
	// X-WR-TIMEZONE, is a wall time in the zone of the rule.
	return ""
}

// A ruleError is an error that calendar.ParseRecurrence found in the rule
// text built from an event.
type ruleError struct {
	msg string
	err error
}

func (e *ruleError) Error() string { return e.msg }
func (e *ruleError) Unwrap() error { return e.err }

// recText is the text of a rule, built a line at a time.
type recText struct {
	lines []string
	from  []int    // the input line each line was made from
	props []string // and the property it was made from
}

func (t *recText) add(line int, prop, s string) {
	t.lines = append(t.lines, s)
	t.from = append(t.from, line)
	t.props = append(t.props, prop)
}

func (t *recText) String() string { return strings.Join(t.lines, "\n") }

// locate returns the input line and property that a ParseRecurrence
// error is about (0 and "" when it cannot tell) and the error's message
// without the whole rule.
func (t *recText) locate(err error) (int, string, string) {
	var pe *calendar.ParseError
	if !errors.As(err, &pe) {
		return 0, "", err.Error()
	}
	if pe.Part == "" {
		return 0, "", pe.Msg
	}
	msg := quoteShort(pe.Part) + ": " + pe.Msg
	for i, l := range t.lines {
		if l == pe.Part {
			return t.from[i], t.props[i], msg
		}
	}
	for i, l := range t.lines {
		if strings.Contains(l, pe.Part) {
			return t.from[i], t.props[i], msg
		}
	}
	return 0, "", msg
}

// subDaily returns the frequency of an RRULE value when it is finer than
// daily, or "".
func subDaily(rule string) string {
	for _, part := range strings.Split(rule, ";") {
		k, v, _ := strings.Cut(part, "=")
		if strings.EqualFold(strings.TrimSpace(k), "FREQ") {
			switch f := strings.ToUpper(strings.TrimSpace(v)); f {
			case "HOURLY", "MINUTELY", "SECONDLY":
				return f
			}
		}
	}
	return ""
}

// busy adds the occurrences that overlap w (UTC, not empty) to b. owner is
// the zone for a rule with none of its own.
func (s *series) busy(w calendar.Interval, owner *time.Location, b *calendar.SetBuilder) error {
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
		return nil
	}
	starts, err := s.rec.Starts(lo, hi, z)
	if err != nil {
		return fmt.Errorf("ics: %s: %w", s.where, err)
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
	return nil
}
