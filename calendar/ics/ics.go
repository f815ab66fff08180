package ics

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Calendar is the busy time described by one or more iCalendar streams.
// Immutable once read; safe for concurrent use. It implements
// calendar.BusySource.
//
// A nil or zero Calendar is never busy.
type Calendar struct {
	// fixed is the busy time of one-off events and free/busy periods that
	// have a zone of their own (UTC, a TZID, or X-WR-TIMEZONE).
	fixed calendar.Set
	// floats are one-off events read in the owner's zone: floating times
	// in a VCALENDAR without X-WR-TIMEZONE, and all-day events.
	floats floatIndex
	// series are the recurring events, expanded for each window.
	series []*series
	// problems are what reading skipped.
	problems []Problem
}

// Problems returns what reading skipped, in the order of the lines: empty
// when every line was read. For a Calendar made by Merge, the problems of
// each calendar in turn, each with lines of its own input.
func (c *Calendar) Problems() []Problem {
	if c == nil {
		return nil
	}
	return slices.Clone(c.problems)
}

var _ calendar.BusySource = (*Calendar)(nil)

// Merge returns a Calendar busy whenever any of cs is. Nil Calendars are
// skipped. Each keeps its own reading of floating times: the X-WR-TIMEZONE
// of its file, or else the owner's zone.
func Merge(cs ...*Calendar) *Calendar {
	out := &Calendar{}
	var fixed calendar.SetBuilder
	var floats []floatEvent
	for _, c := range cs {
		if c == nil {
			continue
		}
		fixed.AddSet(c.fixed)
		out.problems = append(out.problems, c.problems...)
		floats = append(floats, c.floats.all()...)
		out.series = append(out.series, c.series...)
	}
	out.fixed = fixed.Set()
	out.floats = newFloatIndex(floats)
	out.series = slices.Clip(out.series)
	return out
}

// Busy returns the busy time in window. zone is the calendar owner's zone:
// floating times (and all-day events) are read in it, unless the file has
// X-WR-TIMEZONE, which then is the zone of its floating times. All-day
// events (VALUE=DATE) are whole civil days in the owner's zone, from
// Wall(date, 00:00) to Wall(end date, 00:00): never shifted by a viewer's
// zone, nor by X-WR-TIMEZONE, since a day off is a day of the owner's
// life. A nil zone means UTC.
//
// The result lies inside window; its intervals are in zone. Busy costs
// time in proportion to the one-off events near the window and to the
// occurrences of the recurring events in it, not to the calendar's whole
// history. It fails, with an error wrapping
// calendar.ErrTooManyOccurrences, when one recurring event has more than
// calendar.Limits.Occurrences in (or just before) the window, or all of them more
// than calendar.Limits.BusyOccurrences (the limits are those of ctx: see
// calendar.LimitsOf).
func (c *Calendar) Busy(ctx context.Context, window calendar.Interval, zone *time.Location) (calendar.Set, error) {
	if zone == nil {
		zone = time.UTC
	}
	w := calendar.Interval{Start: window.Start.UTC().Round(0), End: window.End.UTC().Round(0)}
	if c == nil || w.IsEmpty() {
		return calendar.Set{}, nil
	}
	var b calendar.SetBuilder
	b.AddSet(c.fixed.Clip(w))
	c.floats.busy(w, zone, &b)
	total, lim := 0, calendar.LimitsOf(ctx)
	for i, s := range c.series {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return calendar.Set{}, fmt.Errorf("ics.Calendar.Busy: %w", err)
			}
		}
		n, err := s.busy(ctx, w, zone, &b)
		if err != nil {
			return calendar.Set{}, fmt.Errorf("ics.Calendar.Busy: %w", err)
		}
		if total += n; total > lim.BusyOccurrences {
			return calendar.Set{}, fmt.Errorf("ics.Calendar.Busy: %w: Limits.BusyOccurrences: the recurring events have more than %d occurrences in %s",
				calendar.ErrTooManyOccurrences, lim.BusyOccurrences, window)
		}
	}
	return b.Set().In(zone), nil
}

// A floatEvent is a one-off event read in the owner's zone: from start to
// end plus extra (the exact part of a DURATION).
type floatEvent struct {
	start, end value
	extra      time.Duration
}

// bounds returns the event's start and end as wall times (value.local).
func (f floatEvent) bounds() (lo, hi int64) {
	return f.start.local(), f.end.local() + int64(f.extra/time.Second)
}

// length returns the event's length on the wall clock, in seconds.
func (f floatEvent) length() int64 {
	lo, hi := f.bounds()
	return hi - lo
}

// interval returns the event's instants in zone.
func (f floatEvent) interval(zone *time.Location) calendar.Interval {
	return calendar.Interval{Start: f.start.instant(zone), End: f.end.instant(zone).Add(f.extra)}
}

// A floatIndex finds the floating events near a window. Events are kept
// in classes by length, each sorted by start: in class k every event is
// shorter than 2^k seconds on the wall clock, so those that can reach a
// window start no more than 2^k seconds (and a zone's offset) before it,
// and a binary search finds the first of them.
type floatIndex struct {
	classes []floatClass
}

type floatClass struct {
	span int64   // every event's length is below span
	los  []int64 // the events' starts, ascending
	evs  []floatEvent
}

// maxOffset bounds the distance between a wall time and any instant that
// shows it in a real zone (offsets stay within ±16 hours).
const maxOffset = 26 * 60 * 60

func newFloatIndex(evs []floatEvent) floatIndex {
	var byClass [65][]floatEvent
	for _, f := range evs {
		if n := f.length(); n > 0 {
			k := bits.Len64(uint64(n))
			byClass[k] = append(byClass[k], f)
		}
	}
	var ix floatIndex
	for k, evs := range byClass {
		if len(evs) == 0 {
			continue
		}
		slices.SortStableFunc(evs, func(a, b floatEvent) int {
			la, _ := a.bounds()
			lb, _ := b.bounds()
			switch {
			case la < lb:
				return -1
			case la > lb:
				return +1
			}
			return 0
		})
		cl := floatClass{span: int64(1) << min(k, 62), evs: evs, los: make([]int64, len(evs))}
		for i, f := range evs {
			cl.los[i], _ = f.bounds()
		}
		ix.classes = append(ix.classes, cl)
	}
	return ix
}

// all returns every event of the index.
func (ix floatIndex) all() []floatEvent {
	var out []floatEvent
	for _, cl := range ix.classes {
		out = append(out, cl.evs...)
	}
	return out
}

// busy adds the parts of the events inside w (UTC, not empty), read in
// zone, to b.
func (ix floatIndex) busy(w calendar.Interval, zone *time.Location, b *calendar.SetBuilder) {
	from := w.Start.Unix() - maxOffset
	to := w.End.Unix() + maxOffset
	for _, cl := range ix.classes {
		i, _ := slices.BinarySearch(cl.los, from-cl.span)
		for ; i < len(cl.los) && cl.los[i] < to; i++ {
			if iv := cl.evs[i].interval(zone); iv.Overlaps(w) {
				b.Add(iv.Intersect(w))
			}
		}
	}
}
