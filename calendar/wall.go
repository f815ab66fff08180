package calendar

import (
	"math"
	"time"
)

// Wall returns the instant at which the wall clocks of loc show clock c on
// date d, by the rule of RFC 5545 §3.3.5, the same in every zone:
//
//   - In a gap (a wall time skipped when the clocks spring forward), the
//     time is read with the UTC offset in force before the gap, so it lands
//     as far after the gap's end as it was after its start: 02:30 on
//     2026-03-08 in New York is 03:30 EDT.
//   - In a fold (a wall time shown twice when the clocks fall back), it is
//     the earlier of the two instants: 01:30 on 2026-11-01 in New York is
//     01:30 EDT.
//
// Go's time.Date promises neither; it resolves a gap backward in some zones
// and forward in others. Clock 24:00 on d is 00:00 on the day after, by the
// same rule. A clock outside 00:00 to 24:00 or an invalid date is
// normalised the way time.Date normalises them; a nil loc means UTC. The
// result is in loc.
func Wall(d Date, c Clock, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(wallUnix(localSeconds(d, c), loc), 0).In(loc)
}

// FirstShowing returns the first instant at which the wall clocks of loc
// show clock c on date d, or a later wall time: Wall(d, c, loc) where the
// clocks show d c (the earlier instant in a fold), and the end of the gap
// where they skip it, when the clocks jump past it. Stretches from
// FirstShowing(d, c1) to FirstShowing(d, c2), one after another, cover
// time with no hole and no overlap; a stretch the clocks skip is empty;
// and the time that clocks falling back show a second time belongs to the
// stretch in which they fall back: in Berlin's hours of 2026-10-25,
// 02:00-03:00 holds both of the 02:00 hours. This is how a heat map cuts
// days into cells.
//
// A clock outside 00:00 to 24:00 is normalised into the days before or
// after d; 24:00 is 00:00 on the next day. A nil loc means UTC.
func FirstShowing(d Date, c Clock, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	days := int(floorDiv(int64(c), 24*60))
	d, c = d.AddDays(days), c-Clock(days*24*60)
	t := Wall(d, c, loc)
	if DateTimeOf(t) == (DateTime{Date: d, Clock: c}) {
		return t
	}
	// In a gap, Wall reads the time with the offset from before it, so
	// that t lies as far past the gap's end as d c lies past its start:
	// the gap ends where t's offset begins.
	if start, _ := t.ZoneBounds(); !start.IsZero() && start.Before(t) {
		return start.In(loc)
	}
	return t
}

// wallUnix is zoneTable.resolve for one wall time l, without a table:
// it walks the periods of loc near l as newZoneTable lists them, keeping
// only the one being merged, so that Wall does not allocate. It returns
// the first instant that shows l, or else the instant of the first gap
// l falls in, read with the offset before it.
func wallUnix(l int64, loc *time.Location) int64 {
	lo, hi := l-maxOffset, l+maxOffset
	var cur period // the period being merged with those of its offset
	have := false
	gap, inGap := int64(0), false
	// check looks at a finished period p, which q follows (when more):
	// for an instant that shows l in p, and for l in the gap between.
	check := func(p period, q period, more bool) (int64, bool) {
		if t := l - p.off; p.start <= t && t < p.end {
			return t, true
		}
		if more && !inGap && p.start <= hi && l-p.off >= p.end && l-q.off < q.start {
			gap, inGap = l-p.off, true
		}
		return 0, false
	}
	t := time.Unix(lo, 0).In(loc)
	for {
		p, e := periodAt(t)
		switch {
		case !have:
			cur, have = p, true
		case cur.off == p.off && cur.end == p.start:
			cur.end = p.end
		default:
			if at, ok := check(cur, p, true); ok {
				return at
			}
			cur = p
		}
		if e.IsZero() || p.end > hi || !e.After(t) {
			break
		}
		t = e
	}
	if at, ok := check(cur, period{}, false); ok {
		return at
	}
	if inGap {
		return gap
	}
	// No period reaches l; ask the Location, as a last resort.
	_, off := time.Unix(l, 0).In(loc).Zone()
	_, off = time.Unix(l-int64(off), 0).In(loc).Zone()
	return l - int64(off)
}

// localSeconds returns the wall time d c as seconds since 1970-01-01 00:00
// on the same wall clock: the Unix time it would be if the zone were UTC.
func localSeconds(d Date, c Clock) int64 {
	return d.days()*secondsPerDay + int64(c)*60
}

const secondsPerDay = 24 * 60 * 60

// maxOffset bounds the distance between a wall time and any instant that
// shows it. Real offsets stay within ±16 hours (local mean times included);
// the margin costs nothing.
const maxOffset = 26 * 60 * 60

// A period is a stretch of time over which a zone keeps one UTC offset.
type period struct {
	start, end int64 // Unix seconds, [start, end); unbounded ends are MinInt64 and MaxInt64
	off        int64 // seconds east of UTC
}

// A zoneTable lists the offsets of a Location over a stretch of time, so
// that many wall times can be resolved without asking the Location again.
type zoneTable struct {
	loc     *time.Location
	periods []period
	hint    int // first period that may hold a candidate for the last wall time resolved
}

// periodAt returns the period of t's Location that holds t, and its end
// as a Time (zero when the period has none).
func periodAt(t time.Time) (period, time.Time) {
	_, off := t.Zone()
	s, e := t.ZoneBounds()
	p := period{start: math.MinInt64, end: math.MaxInt64, off: int64(off)}
	if !s.IsZero() {
		p.start = s.Unix()
	}
	if !e.IsZero() {
		p.end = e.Unix()
	}
	return p, e
}

// newZoneTable lists the periods of loc that overlap the instants [lo, hi],
// appending to buf.
func newZoneTable(loc *time.Location, lo, hi int64, buf []period) zoneTable {
	z := zoneTable{loc: loc, periods: buf}
	t := time.Unix(lo, 0).In(loc)
	for {
		p, e := periodAt(t)
		// Periods that differ only in name or DST flag are one offset.
		if n := len(z.periods); n > 0 && z.periods[n-1].off == p.off && z.periods[n-1].end == p.start {
			z.periods[n-1].end = p.end
		} else {
			z.periods = append(z.periods, p)
		}
		if e.IsZero() || p.end > hi || !e.After(t) {
			return z
		}
		t = e
	}
}

// resolve returns the instant, in Unix seconds, of the wall time l (as
// given by localSeconds), by the rule Wall documents. Wall times resolved
// in increasing order cost amortised constant time.
func (z *zoneTable) resolve(l int64) int64 {
	ps := z.periods
	for z.hint < len(ps)-1 && ps[z.hint].end <= l-maxOffset {
		z.hint++
	}
	for z.hint > 0 && ps[z.hint-1].end > l-maxOffset {
		z.hint--
	}
	// The instants that show l are l-off for the offsets of the periods
	// that contain them; periods are in time order, so the first such
	// instant is the earliest (the fold rule).
	for i := z.hint; i < len(ps) && ps[i].start <= l+maxOffset; i++ {
		if t := l - ps[i].off; ps[i].start <= t && t < ps[i].end {
			return t
		}
	}
	// No instant shows l: it is in a gap. Read it with the offset of the
	// period before the gap, the one whose candidate falls after its end
	// while the next period's falls before its start.
	for i := z.hint; i+1 < len(ps) && ps[i].start <= l+maxOffset; i++ {
		if l-ps[i].off >= ps[i].end && l-ps[i+1].off < ps[i+1].start {
			return l - ps[i].off
		}
	}
	// The table does not reach l; ask the Location, as a last resort.
	_, off := time.Unix(l, 0).In(z.loc).Zone()
	_, off = time.Unix(l-int64(off), 0).In(z.loc).Zone()
	return l - int64(off)
}
