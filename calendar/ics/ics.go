package ics

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Calendar is the events, and the busy time, of one or more iCalendar
// streams. Immutable once read; safe for concurrent use. It implements
// calendar.BusySource.
//
// A nil or zero Calendar has no events and is never busy.
type Calendar struct {
	// fixed are the one-off events and free/busy periods that have a zone
	// of their own (UTC, a TZID, or X-WR-TIMEZONE), by instant.
	fixed itemIndex
	// floats are the one-off events read in the owner's zone (floating
	// times in a VCALENDAR without X-WR-TIMEZONE, and all-day events), by
	// wall time.
	floats itemIndex
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

// Merge returns a Calendar with the events of all of cs, busy whenever
// any of them is. Nil Calendars are skipped. Each keeps its own reading of
// floating times: the X-WR-TIMEZONE of its file, or else the owner's zone.
func Merge(cs ...*Calendar) *Calendar {
	out := &Calendar{}
	var fixed, floats []item
	for _, c := range cs {
		if c == nil {
			continue
		}
		fixed = append(fixed, c.fixed.all()...)
		floats = append(floats, c.floats.all()...)
		out.series = append(out.series, c.series...)
		out.problems = append(out.problems, c.problems...)
	}
	out.fixed = newItemIndex(fixed, false)
	out.floats = newItemIndex(floats, true)
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
	var b calendar.SetBuilder
	err := c.occurrences(ctx, "ics.Calendar.Busy", window, zone, func(o occurrence) {
		if o.busy() {
			b.Add(o.iv)
		}
	})
	if err != nil {
		return calendar.Set{}, err
	}
	if zone == nil {
		zone = time.UTC
	}
	return b.Set().In(zone), nil
}

// An occurrence is one instance of an event, or one free/busy period,
// with the part of it inside a window.
type occurrence struct {
	info     *eventInfo // nil for a free/busy period
	start    time.Time  // the whole instance, which may begin before the window
	end      time.Time
	iv       calendar.Interval // its part inside the window (UTC); empty for an instance of no length
	original time.Time         // the instance's start as its series gives it, zero for a one-off
}

// busy reports whether o is busy time.
func (o occurrence) busy() bool { return !o.iv.IsEmpty() && (o.info == nil || o.info.busy) }

// occurrences calls yield with every occurrence in window (an instance of
// no length when its start is in it), read in zone; fn names the caller in
// errors. It is what Busy and Events share.
func (c *Calendar) occurrences(ctx context.Context, fn string, window calendar.Interval, zone *time.Location, yield func(occurrence)) error {
	if zone == nil {
		zone = time.UTC
	}
	w := calendar.Interval{Start: window.Start.UTC().Round(0), End: window.End.UTC().Round(0)}
	if c == nil || w.IsEmpty() {
		return nil
	}
	c.fixed.each(w, zone, yield)
	c.floats.each(w, zone, yield)
	total, lim := 0, calendar.LimitsOf(ctx)
	for i, s := range c.series {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("%s: %w", fn, err)
			}
		}
		n, err := s.each(ctx, w, zone, yield)
		if err != nil {
			return fmt.Errorf("%s: %w", fn, err)
		}
		if total += n; total > lim.BusyOccurrences {
			return fmt.Errorf("%s: %w: Limits.BusyOccurrences: the recurring events have more than %d occurrences in %s",
				fn, calendar.ErrTooManyOccurrences, lim.BusyOccurrences, window)
		}
	}
	return nil
}

// An item is a one-off event, or a free/busy period: from start to end
// plus extra (the exact part of a DURATION).
type item struct {
	start, end value
	extra      time.Duration
	info       *eventInfo // nil for a free/busy period
}

// key returns the item's start and end as the index orders them: wall
// times (value.local) for a floating item, Unix seconds for a fixed one.
func (it item) key(floating bool) (lo, hi int64) {
	if floating {
		return it.start.local(), it.end.local() + int64(it.extra/time.Second)
	}
	return it.start.instant(nil).Unix(), it.end.instant(nil).Add(it.extra).Unix()
}

// interval returns the item's instants in zone.
func (it item) interval(zone *time.Location) calendar.Interval {
	return calendar.Interval{Start: it.start.instant(zone), End: it.end.instant(zone).Add(it.extra)}
}

// An itemIndex finds the items near a window. Items are kept in classes
// by length, each sorted by start: in class k every item is shorter than
// 2^k seconds (class 0 holds those of no length), so those that can reach
// a window start no more than 2^k seconds before it (and, for floating
// items, a zone's offset), and a binary search finds the first of them.
type itemIndex struct {
	floating bool
	classes  []itemClass
}

type itemClass struct {
	span  int64   // every item's length is below span
	los   []int64 // the items' starts, ascending
	items []item
}

// maxOffset bounds the distance between a wall time and any instant that
// shows it in a real zone (offsets stay within ±16 hours).
const maxOffset = 26 * 60 * 60

func newItemIndex(items []item, floating bool) itemIndex {
	// Each item's start, and its class, computed once.
	los := make([]int64, len(items))
	class := make([]uint8, len(items))
	var counts [65]int
	for i, it := range items {
		lo, hi := it.key(floating)
		los[i] = lo
		// An item that ends before it starts (a zoned one written across
		// a gap) has no length, and is kept with those of no length.
		class[i] = uint8(bits.Len64(uint64(max(hi-lo, 0))))
		counts[class[i]]++
	}
	ix := itemIndex{floating: floating}
	for k, n := range counts {
		if n == 0 {
			continue
		}
		order := make([]int32, 0, n)
		for i, c := range class {
			if int(c) == k {
				order = append(order, int32(i))
			}
		}
		// Stable, so that items with one start keep the input's order.
		slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(los[a], los[b]) })
		cl := itemClass{span: int64(1) << min(k, 62), items: make([]item, n), los: make([]int64, n)}
		for i, j := range order {
			cl.items[i], cl.los[i] = items[j], los[j]
		}
		ix.classes = append(ix.classes, cl)
	}
	return ix
}

// all returns every item of the index.
func (ix itemIndex) all() []item {
	var out []item
	for _, cl := range ix.classes {
		out = append(out, cl.items...)
	}
	return out
}

// each calls yield with the items that overlap w (UTC, not empty), read
// in zone, and those of no length that start in it.
func (ix itemIndex) each(w calendar.Interval, zone *time.Location, yield func(occurrence)) {
	// Keys are whole seconds: to is rounded up, so that a window that
	// ends within the second an item starts in still finds it.
	from, to := w.Start.Unix(), w.End.Unix()+1
	if ix.floating {
		from, to = from-maxOffset, to+maxOffset
	}
	for _, cl := range ix.classes {
		i, _ := slices.BinarySearch(cl.los, from-cl.span)
		for ; i < len(cl.los) && cl.los[i] < to; i++ {
			it := cl.items[i]
			iv := it.interval(zone)
			if o, ok := clip(iv.Start, iv.End, w); ok {
				o.info = it.info
				yield(o)
			}
		}
	}
}

// clip returns the occurrence from start to end, with its part inside w,
// and whether it is in w at all: overlapping it, or, of no length,
// starting in it.
func clip(start, end time.Time, w calendar.Interval) (occurrence, bool) {
	iv := calendar.Interval{Start: start, End: end}
	switch {
	case iv.Overlaps(w):
		return occurrence{start: start, end: end, iv: iv.Intersect(w)}, true
	case !end.After(start) && !start.Before(w.Start) && start.Before(w.End):
		return occurrence{start: start, end: start, iv: calendar.Interval{Start: start, End: start}}, true
	}
	return occurrence{}, false
}
