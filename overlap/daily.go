package overlap

import (
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Day sums up one civil day of the window, as seen in some zone. In
// JSON it is {"date", "start", "end", "common", "longest", "mostFree",
// "mostFreeFor"}.
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

// A Bucket is one cell of a heat map: a stretch of a civil day on some
// zone's wall clock, and how many people are free for all of it. In JSON
// it is {"date", "clock", "start", "end", "free"}.
type Bucket struct {
	// Date and Clock are the civil day and the wall time the bucket
	// starts at.
	Date  calendar.Date
	Clock calendar.Clock
	// Interval holds the instants whose wall clock shows a time from
	// Clock to Clock+step on Date, clipped to the window: from
	// Wall(Date, Clock) to Wall(Date, Clock+step) where the clocks show
	// both. It is empty where the clocks skip the whole bucket (the hour a
	// spring-forward night loses, every hour of a day a zone skipped) or
	// where it lies outside the window, and shorter where they skip part
	// of it. Buckets follow each other in time, cut where the clocks first
	// show each bucket's start (calendar.FirstShowing): the time a fall-back night shows twice
	// belongs to the bucket in which the clocks fall back (with hourly
	// buckets, 02:00 holds both of Berlin's 02:00-03:00 hours; with
	// half-hour ones, 02:30 holds 02:30-03:00 CEST and 02:00-03:00 CET).
	calendar.Interval
	// Free counts the people free for the whole bucket; zero for an
	// empty bucket.
	Free int
}

// Buckets cuts the civil days of loc (nil means UTC) that the window
// touches into buckets of step on the wall clock, from each local
// midnight, and counts the people free for the whole of each: the cells
// of a heat map, in order, 24h/step of them a day, so that every day has
// the same cells even where the clocks change. step must be a whole
// number of minutes that divides 24 hours.
func (r *Report) Buckets(loc *time.Location, step time.Duration) ([]Bucket, error) {
	if step <= 0 || step%time.Minute != 0 || (24*time.Hour)%step != 0 {
		return nil, fmt.Errorf("overlap.Report.Buckets: step %s is not a whole number of minutes that divides 24h", step)
	}
	if loc == nil {
		loc = time.UTC
	}
	first := calendar.DateOf(r.window.Start.In(loc))
	last := calendar.DateOf(r.window.End.Add(-1).In(loc))
	perDay := int(24 * time.Hour / step)
	var out []Bucket
	minutes := calendar.Clock(step / time.Minute)
	for d := first; !d.After(last); d = d.AddDays(1) {
		for k := range perDay {
			c := calendar.Clock(k) * minutes
			iv := calendar.Interval{Start: calendar.FirstShowing(d, c, loc), End: calendar.FirstShowing(d, c+minutes, loc)}.Intersect(r.window)
			if iv.IsEmpty() {
				at := iv.Start
				switch {
				case at.Before(r.window.Start):
					at = r.window.Start
				case at.After(r.window.End):
					at = r.window.End
				}
				iv = calendar.Interval{Start: at, End: at}
			}
			out = append(out, Bucket{Date: d, Clock: c, Interval: iv.In(loc)})
		}
	}
	// Buckets and free spans are both in time order: one walk a person.
	for _, m := range r.people {
		j := 0
		for i := range out {
			b := &out[i]
			if b.IsEmpty() {
				continue
			}
			s, e := r.offset(b.Start), r.offset(b.End)
			for j < len(m.free) && m.free[j].end <= s {
				j++
			}
			if j < len(m.free) && m.free[j].start <= s && m.free[j].end >= e {
				b.Free++
			}
		}
	}
	return out, nil
}

// String returns b as "2026-03-09 13:00 [start, end) free: 3".
func (b Bucket) String() string {
	return fmt.Sprintf("%s %s %s free: %d", b.Date, b.Clock, b.Interval, b.Free)
}
