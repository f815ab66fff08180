package overlap

import (
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Day sums up one civil day of the window, as seen in some zone.
type Day struct {
	Date calendar.Date
	// Interval is the day in the zone (from its midnight to the next, by
	// calendar.Wall), clipped to the window.
	calendar.Interval
	// Common is how long everyone is free; Longest is the longest stretch
	// in which they are (empty when there is none).
	Common  time.Duration
	Longest calendar.Interval
	// MostFree is the most people free at once, and MostFreeFor how long,
	// in all, that many are.
	MostFree    int
	MostFreeFor time.Duration
}

// Daily sums up the window day by day, for the civil days of loc (a nil loc
// means UTC) that the window touches, in order.
func (r *Report) Daily(loc *time.Location) []Day {
	if loc == nil {
		loc = time.UTC
	}
	first := calendar.DateOf(r.window.Start.In(loc))
	last := calendar.DateOf(r.window.End.Add(-1).In(loc))
	var out []Day
	seg := 0
	for d := first; !d.After(last); d = d.AddDays(1) {
		day := calendar.Interval{Start: calendar.Wall(d, calendar.Midnight, loc), End: calendar.Wall(d.AddDays(1), calendar.Midnight, loc)}
		day = day.Intersect(r.window)
		if day.IsEmpty() {
			continue // a day the zone skipped
		}
		from, to := r.offset(day.Start), r.offset(day.End)
		sum := Day{Date: d, Interval: day.In(loc)}
		var run span // the current stretch with everyone free
		seg = min(seg, len(r.cuts)-1)
		for seg > 0 && r.segment(seg).start > from {
			seg--
		}
		for ; seg < len(r.cuts); seg++ {
			s := r.segment(seg)
			if s.end <= from {
				continue
			}
			if s.start >= to {
				break
			}
			s.start, s.end = max(s.start, from), min(s.end, to)
			n := int(r.counts[seg])
			switch {
			case n > sum.MostFree:
				sum.MostFree, sum.MostFreeFor = n, time.Duration(s.end-s.start)
			case n == sum.MostFree:
				sum.MostFreeFor += time.Duration(s.end - s.start)
			}
			if n != len(r.people) {
				continue
			}
			sum.Common += time.Duration(s.end - s.start)
			if run.end != s.start {
				run = s
			} else {
				run.end = s.end
			}
			if run.end-run.start > int64(sum.Longest.Duration()) {
				sum.Longest = calendar.Interval{Start: r.time(run.start).In(loc), End: r.time(run.end).In(loc)}
			}
		}
		out = append(out, sum)
	}
	return out
}
