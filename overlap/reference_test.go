package overlap

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"math/bits"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// The reference computes the coverage of a team such as benchTeam's with
// Options{} (focus is never free) by the least work the answer needs:
// everything in integer Unix seconds, one offset table per zone, each
// holiday calendar listed once per year, each distinct focus rule
// expanded once per window in floating time, and no per-person timeline
// of segments. It measures what Compute could cost, and checks what
// Compute returns.

// refCoverage is the reference's coverage, laid out as Report's is but
// in seconds: segment i starts cuts[i] seconds after start.
type refCoverage struct {
	start, length int64 // Unix seconds; seconds
	ids           []string
	cuts          []int64
	counts        []int32
	toggles       []int32
	toggleAt      []int32
}

// refSpan is [start, end) in Unix seconds.
type refSpan struct{ start, end int64 }

// refZone resolves wall times of one zone near the window by the rule of
// calendar.Wall. Across a change of offset at instant T from a to b, the
// wall times before T+max(a, b) are read with a and the others with b:
// that puts a time in a gap (b > a) at the offset before the gap and a
// time in a fold (b < a) at its earlier instant. It holds while changes
// are further apart than their size, as they are in every real zone in
// the years tzplan plans for.
type refZone struct {
	walls []int64 // local seconds where the reading changes, ascending
	offs  []int64 // offs[k] applies below walls[k], offs[len(walls)] above
	first int64   // the first day whose spans may reach the window, as in Schedule.timeline
	last  int64   // the last
}

const refDay = 24 * 60 * 60

// refEpoch is day 0 of the reference's day numbers.
var refEpoch = calendar.Date{Year: 1970, Month: time.January, Day: 1}

func refDayOf(d calendar.Date) int64 { return int64(d.DaysSince(refEpoch)) }

func newRefZone(loc *time.Location, window calendar.Interval) *refZone {
	z := &refZone{
		first: refDayOf(calendar.DateOf(window.Start.In(loc))) - 2,
		last:  refDayOf(calendar.DateOf(window.End.In(loc))),
	}
	// Spans start up to two days before the window and end a day after
	// its last date; focus starts are expanded three days either side.
	lo, hi := window.Start.Unix()-4*refDay, window.End.Unix()+4*refDay
	t := time.Unix(lo, 0).In(loc)
	_, off := t.Zone()
	z.offs = append(z.offs, int64(off))
	for {
		_, e := t.ZoneBounds()
		if e.IsZero() || e.Unix() > hi || !e.After(t) {
			return z
		}
		t = e
		_, next := t.Zone()
		if prev := z.offs[len(z.offs)-1]; int64(next) != prev {
			z.walls = append(z.walls, e.Unix()+max(prev, int64(next)))
			z.offs = append(z.offs, int64(next))
		}
	}
}

// resolve returns the instant, in Unix seconds, of local seconds l.
func (z *refZone) resolve(l int64) int64 {
	k := 0
	for k < len(z.walls) && z.walls[k] <= l {
		k++
	}
	return l - z.offs[k]
}

type refHolidayKey struct {
	code  string
	year  int
	which calendar.HolidayDates
}

type refRuleKey struct {
	rule  string
	start calendar.DateTime
}

// reference computes the coverage of people over window, as Compute does
// with Options{}, for people with hours, holidays, time off and focus
// rules given as text without a zone of their own, and no busy time.
func reference(ctx context.Context, people []calendar.Person, window calendar.Interval) (*refCoverage, error) {
	free, bounds, err := refFreeTime(ctx, people, window)
	if err != nil {
		return nil, err
	}
	c := newRefCoverage(people, window)
	c.sweep(free, bounds)
	return c, nil
}

func newRefCoverage(people []calendar.Person, window calendar.Interval) *refCoverage {
	c := &refCoverage{start: window.Start.Unix(), length: window.End.Unix() - window.Start.Unix(), ids: make([]string, len(people))}
	for i, p := range people {
		c.ids[i] = p.ID
	}
	return c
}

// refFreeTime returns every person's free time in window, person after
// person: person i's is free[bounds[i]:bounds[i+1]], sorted, disjoint and
// never touching.
func refFreeTime(ctx context.Context, people []calendar.Person, window calendar.Interval) (free []refSpan, bounds []int, err error) {
	ws, we := window.Start.Unix(), window.End.Unix()
	if window.Start.Nanosecond() != 0 || window.End.Nanosecond() != 0 || ws >= we {
		return nil, nil, fmt.Errorf("reference: window %s is not whole seconds", window)
	}
	zones := map[string]*refZone{}
	holidays := map[refHolidayKey][]int64{}
	rules := map[refRuleKey][]int64{} // wall starts, as local seconds
	// Focus dates: a start overlaps the window only within a day of its
	// UTC dates, whatever the zone and the block's length (at most 24h).
	ruleFrom := calendar.DateOf(window.Start.UTC()).AddDays(-3)
	ruleTo := calendar.DateOf(window.End.UTC()).AddDays(3)

	bounds = make([]int, 1, len(people)+1)
	var (
		work   []refSpan
		offs   []refSpan
		focus  []refSpan
		spare  []refSpan
		off    []bool
		perDay [7][]calendar.Span
	)
	for _, p := range people {
		if !p.Busy.IsEmpty() || len(p.Sources) > 0 || p.Zone == nil {
			return nil, nil, fmt.Errorf("reference: person %q has busy time or no zone", p.ID)
		}
		z := zones[p.Zone.String()]
		if z == nil {
			z = newRefZone(p.Zone, window)
			zones[p.Zone.String()] = z
		}

		// Days off: holidays of the person's calendars and time off, as
		// civil days in their zone.
		n := int(z.last - z.first + 1)
		off = slices.Grow(off[:0], n)[:n]
		clear(off)
		firstYear := refEpoch.AddDays(int(z.first)).Year
		lastYear := refEpoch.AddDays(int(z.last)).Year
		for _, code := range p.Holidays {
			for y := firstYear; y <= lastYear; y++ {
				k := refHolidayKey{code, y, p.HolidayDates}
				days, ok := holidays[k]
				if !ok {
					hs, err := calendar.Holidays([]string{code}, calendar.Date{Year: y, Month: time.January, Day: 1},
						calendar.Date{Year: y, Month: time.December, Day: 31}, p.HolidayDates)
					if err != nil {
						return nil, nil, err
					}
					days = make([]int64, len(hs))
					for i, h := range hs {
						days[i] = refDayOf(h.Date)
					}
					holidays[k] = days
				}
				for _, d := range days {
					if z.first <= d && d <= z.last {
						off[d-z.first] = true
					}
				}
			}
		}
		for _, to := range p.TimeOff {
			for d := max(refDayOf(to.From), z.first); d <= min(refDayOf(to.To), z.last); d++ {
				off[d-z.first] = true
			}
		}

		// Working spans: those on days off go to offs, the others,
		// merged where they touch, to work.
		for wd := range perDay {
			perDay[wd] = p.Hours.Spans(time.Weekday(wd))
		}
		work, offs = work[:0], offs[:0]
		for d := z.first; d <= z.last; d++ {
			// 1970-01-01 was a Thursday.
			for _, sp := range perDay[((d+int64(time.Thursday))%7+7)%7] {
				end := int64(sp.To)
				if sp.To <= sp.From {
					end += 24 * 60
				}
				s := max(z.resolve(d*refDay+int64(sp.From)*60), ws)
				e := min(z.resolve(d*refDay+end*60), we)
				switch {
				case s >= e:
				case off[d-z.first]:
					offs = append(offs, refSpan{s, e})
				case len(work) > 0 && work[len(work)-1].end >= s:
					work[len(work)-1].end = max(work[len(work)-1].end, e)
				default:
					work = append(work, refSpan{s, e})
				}
			}
		}

		spare = refSubtract(spare[:0], work, offs)
		work, spare = spare, work

		// Focus blocks, each rule's starts read in the person's zone.
		for _, f := range p.Focus {
			if f.Rule == "" || f.Duration%time.Second != 0 {
				return nil, nil, fmt.Errorf("reference: person %q: focus block %q is not a rule of whole seconds", p.ID, f.Name)
			}
			k := refRuleKey{f.Rule, f.Start}
			starts, ok := rules[k]
			if !ok {
				rec, err := calendar.ParseRecurrence(f.Rule, f.Start)
				if err != nil {
					return nil, nil, err
				}
				if rec.Zone() != nil {
					return nil, nil, fmt.Errorf("reference: person %q: focus block %q has a zone of its own", p.ID, f.Name)
				}
				dts, err := rec.Starts(ctx, ruleFrom, ruleTo, nil)
				if err != nil {
					return nil, nil, err
				}
				starts = make([]int64, len(dts))
				for i, dt := range dts {
					starts[i] = refDayOf(dt.Date)*refDay + int64(dt.Clock)*60
				}
				rules[k] = starts
			}
			dur := int64(f.Duration / time.Second)
			focus = focus[:0]
			for _, l := range starts {
				s := z.resolve(l)
				if iv := (refSpan{max(s, ws), min(s+dur, we)}); iv.start < iv.end {
					focus = append(focus, iv)
				}
			}
			// A gap can put a later wall time at an earlier instant.
			if !slices.IsSortedFunc(focus, refByStart) {
				slices.SortFunc(focus, refByStart)
			}
			spare = refSubtract(spare[:0], work, focus)
			work, spare = spare, work
		}

		if len(bounds) == 1 {
			// Room for everyone, judged by the first person, so that the
			// free time is not copied again and again as it grows.
			free = make([]refSpan, 0, (len(work)+8)*len(people)*5/4)
		}
		free = append(free, work...)
		bounds = append(bounds, len(free))
	}
	return free, bounds, nil
}

func refByStart(a, b refSpan) int { return cmp.Compare(a.start, b.start) }

// refSubtract appends to dst the parts of the sorted, disjoint spans a
// that no span of b holds; b is sorted by start and may overlap.
func refSubtract(dst, a, b []refSpan) []refSpan {
	j := 0
	for _, s := range a {
		at := s.start
		// The spans of b passed over end before s, and so before every
		// later span of a.
		for j < len(b) && b[j].end <= at {
			j++
		}
		for k := j; k < len(b) && b[k].start < s.end; k++ {
			if b[k].start > at {
				dst = append(dst, refSpan{at, b[k].start})
			}
			at = max(at, b[k].end)
		}
		if at < s.end {
			dst = append(dst, refSpan{at, s.end})
		}
	}
	return dst
}

// sweep builds the coverage from every person's free time, given
// person after person (person i's is free[bounds[i]:bounds[i+1]]): by
// sweepMinutes when every boundary is on a whole minute of the window,
// as those of whole-minute zones and hours are, or else by sweepSeconds.
func (c *refCoverage) sweep(free []refSpan, bounds []int) {
	for _, s := range free {
		if (s.start-c.start)%60 != 0 || (s.end-c.start)%60 != 0 {
			c.sweepSeconds(free, bounds)
			return
		}
	}
	c.sweepMinutes(free, bounds)
}

// sweepMinutes sorts the boundaries by counting, into a bucket per minute
// of the window: the order within a minute does not matter, since only
// the set of people free after it does. Each person is free at most once
// at any instant, so every bucket that has boundaries starts a segment.
func (c *refCoverage) sweepMinutes(free []refSpan, bounds []int) {
	minutes := c.length / 60
	next := make([]int32, minutes+2) // then: where bucket i's boundaries go
	for _, s := range free {
		next[(s.start-c.start)/60+1]++
		next[(s.end-c.start)/60+1]++
	}
	for i := 1; i < len(next); i++ {
		next[i] += next[i-1]
	}
	flips := make([]int32, 2*len(free)) // person<<1 | isEnd
	for who := range len(bounds) - 1 {
		for _, s := range free[bounds[who]:bounds[who+1]] {
			i := (s.start - c.start) / 60
			flips[next[i]] = int32(who) << 1
			next[i]++
			i = (s.end - c.start) / 60
			flips[next[i]] = int32(who)<<1 | 1
			next[i]++
		}
	}
	// Now next[i] is where bucket i ends. The toggles overwrite the
	// flips they come from, never one not yet read.
	c.cuts = append(make([]int64, 0, len(free)+1), 0)
	c.toggleAt = append(make([]int32, 0, len(free)+2), 0)
	c.counts = make([]int32, 0, len(free)+1)
	n, lo, out := int32(0), int32(0), 0
	for i := range minutes { // a boundary at the window's end starts nothing
		hi := next[i]
		if lo == hi {
			continue
		}
		if i > 0 {
			c.counts = append(c.counts, n)
			c.cuts = append(c.cuts, i*60)
			c.toggleAt = append(c.toggleAt, int32(out))
		}
		for _, f := range flips[lo:hi] {
			flips[out] = f >> 1
			out++
			n += 1 - 2*(f&1)
		}
		lo = hi
	}
	c.toggles = flips[:out]
	c.counts = append(c.counts, n)
	c.toggleAt = append(c.toggleAt, int32(out))
}

// sweepSeconds is Report.sweepPacked's way: boundaries packed as
// second<<shift | person<<1 | isEnd and radix sorted.
func (c *refCoverage) sweepSeconds(free []refSpan, bounds []int) {
	shift := uint(bits.Len(uint(len(bounds)-1))) + 1
	keys := make([]uint64, 0, 2*len(free))
	for who := range len(bounds) - 1 {
		for _, s := range free[bounds[who]:bounds[who+1]] {
			keys = append(keys,
				uint64(s.start-c.start)<<shift|uint64(who)<<1,
				uint64(s.end-c.start)<<shift|uint64(who)<<1|1)
		}
	}
	radixSort(keys)
	c.cuts = append(make([]int64, 0, len(keys)/2+1), 0)
	c.toggleAt = append(make([]int32, 0, len(keys)/2+2), 0)
	c.toggles = make([]int32, 0, len(keys))
	c.counts = make([]int32, 0, len(keys)/2+1)
	n := int32(0)
	for _, k := range keys {
		at := int64(k >> shift)
		if at == c.length {
			break
		}
		if at != c.cuts[len(c.cuts)-1] {
			c.counts = append(c.counts, n)
			c.cuts = append(c.cuts, at)
			c.toggleAt = append(c.toggleAt, int32(len(c.toggles)))
		}
		c.toggles = append(c.toggles, int32(k&(1<<shift-1)>>1))
		if k&1 == 0 {
			n++
		} else {
			n--
		}
	}
	c.counts = append(c.counts, n)
	c.toggleAt = append(c.toggleAt, int32(len(c.toggles)))
}

// segments yields the coverage's segments with the IDs free in each,
// ascending, in a slice reused from one segment to the next.
func (c *refCoverage) segments() iter.Seq[refSegment] {
	return func(yield func(refSegment) bool) {
		order := make([]int, len(c.ids))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(c.ids[a], c.ids[b]) })
		on := make([]bool, len(c.ids))
		var free []string
		for i := range c.cuts {
			for _, who := range c.toggles[c.toggleAt[i]:c.toggleAt[i+1]] {
				on[who] = !on[who]
			}
			free = free[:0]
			for _, who := range order {
				if on[who] {
					free = append(free, c.ids[who])
				}
			}
			end := c.length
			if i+1 < len(c.cuts) {
				end = c.cuts[i+1]
			}
			if len(free) != int(c.counts[i]) {
				panic(fmt.Sprintf("reference: segment %d has %d free and a count of %d", i, len(free), c.counts[i]))
			}
			if !yield(refSegment{c.start + c.cuts[i], c.start + end, free}) {
				return
			}
		}
	}
}

type refSegment struct {
	start, end int64
	free       []string
}

func (s refSegment) String() string {
	who := "nobody"
	if len(s.free) > 0 {
		who = strings.Join(s.free, ", ")
	}
	return calendar.Interval{Start: time.Unix(s.start, 0).UTC(), End: time.Unix(s.end, 0).UTC()}.String() + " free: " + who
}

// refDiff compares Compute's coverage with the reference's and describes
// the first difference, with the timelines that Compute gives the people
// it concerns around it; "" when they are the same.
func refDiff(r *Report, ref *refCoverage) string {
	next, stop := iter.Pull(r.Coverage())
	defer stop()
	i := 0
	for want := range ref.segments() {
		got, ok := next()
		if !ok {
			return fmt.Sprintf("segment %d: Compute has no more segments, the reference has\n\t%s", i, want)
		}
		same := got.Start.Unix() == want.start && got.Start.Nanosecond() == 0 &&
			got.End.Unix() == want.end && got.End.Nanosecond() == 0 && slices.Equal(got.Free, want.free)
		if !same {
			return fmt.Sprintf("segment %d differs:\n\tCompute:   %s\n\treference: %s\n%s",
				i, got, want, refWho(r, got, want))
		}
		i++
	}
	if got, ok := next(); ok {
		return fmt.Sprintf("segment %d: the reference has no more segments, Compute has\n\t%s", i, got)
	}
	return ""
}

// refWho lists the people free in only one of two segments, with their
// timelines near the first segment's start.
func refWho(r *Report, got Segment, want refSegment) string {
	var b strings.Builder
	onlyGot := refMinus(got.Free, want.free)
	onlyWant := refMinus(want.free, got.Free)
	fmt.Fprintf(&b, "\tfree only in Compute: %v\n\tfree only in the reference: %v\n", onlyGot, onlyWant)
	at := min(got.Start.Unix(), want.start)
	for _, id := range slices.Concat(onlyGot, onlyWant)[:min(3, len(onlyGot)+len(onlyWant))] {
		segs, err := r.Timeline(id)
		if err != nil {
			fmt.Fprintf(&b, "\t%s: %v\n", id, err)
			continue
		}
		zone, _ := r.Zone(id)
		fmt.Fprintf(&b, "\t%s (%s), Compute's timeline near it:\n", id, zone)
		for _, s := range segs {
			if s.End.Unix() > at-refDay && s.Start.Unix() < at+refDay {
				fmt.Fprintf(&b, "\t\t%s\n", s)
			}
		}
	}
	return b.String()
}

// refMinus returns the IDs of a not in b; both are sorted.
func refMinus(a, b []string) []string {
	var out []string
	for _, id := range a {
		if _, ok := slices.BinarySearch(b, id); !ok {
			out = append(out, id)
		}
	}
	return out
}

// clockHours are hours whose spans start or end where clocks change
// (02:00 to 03:00 in the US, Europe, Sydney and Auckland, 02:00 and
// 02:30 at Lord Howe, midnight in Santiago and the Azores), that are
// empty in a gap, that run across a change, and that overlap the next
// day's.
var clockHours = []string{
	"Mon-Sun 01:30-02:30",
	"Mon-Sun 23:30-00:30,02:00-03:00",
	"Fri-Sun 22:00-06:00",
	"Mon-Sun 00:00-01:00,12:00-13:00",
	"Mon-Sun 20:00-04:00,03:00-05:00",
	"Mon-Sun 00:00-24:00",
}

// clockTeam is benchTeam with clockHours and focus blocks that start in
// gaps and folds, and half of the people on actual holiday dates.
func clockTeam(tb testing.TB, n int, from calendar.Date) []calendar.Person {
	team := benchTeam(tb, n, from)
	for i := range team {
		p := &team[i]
		p.Hours = calendar.MustParseWeeklyHours(clockHours[i%len(clockHours)])
		if i%2 == 1 {
			p.HolidayDates = calendar.Actual
		}
		p.Focus = []calendar.FocusBlock{
			{Name: "early", Rule: "FREQ=DAILY", Start: calendar.MustParseDateTime("2025-01-01T02:30"), Duration: time.Hour},
			{Name: "midnight", Rule: "FREQ=DAILY;INTERVAL=3", Start: calendar.MustParseDateTime("2025-01-01T00:00"), Duration: 45 * time.Minute, Hard: true},
			{Name: "weekend", Rule: "FREQ=WEEKLY;BYDAY=SA,SU", Start: calendar.MustParseDateTime("2025-01-04T23:00"), Duration: 2 * time.Hour},
		}
	}
	return team
}

func TestReferenceMatchesCompute(t *testing.T) {
	for _, tc := range []struct {
		team     func(testing.TB, int, calendar.Date) []calendar.Person
		name     string
		n        int
		from, to string
	}{
		{benchTeam, "bench", 50, "2026-01-05", "2026-04-05"},
		{benchTeam, "bench", 300, "2026-01-05", "2026-04-05"},
		// The US, Europe, Santiago, Sydney, Lord Howe and Auckland change
		// their clocks, and Casablanca ends Ramadan's UTC+0.
		{benchTeam, "bench", 300, "2026-03-01", "2026-04-15"},
		// The changes back, and Santiago's at midnight.
		{benchTeam, "bench", 300, "2026-08-31", "2026-11-15"},
		{clockTeam, "clocks", 144, "2026-02-09", "2026-04-15"},
		{clockTeam, "clocks", 144, "2026-08-31", "2026-11-15"},
	} {
		t.Run(fmt.Sprintf("%s%d/%s/%s", tc.name, tc.n, tc.from, tc.to), func(t *testing.T) {
			from, to := calendar.MustParseDate(tc.from), calendar.MustParseDate(tc.to)
			team := tc.team(t, tc.n, from)
			window := benchWindow(from, to.DaysSince(from))
			r, err := Compute(context.Background(), team, window, Options{})
			if err != nil {
				t.Fatal(err)
			}
			free, bounds, err := refFreeTime(context.Background(), team, window)
			if err != nil {
				t.Fatal(err)
			}
			byMinute, bySecond := newRefCoverage(team, window), newRefCoverage(team, window)
			byMinute.sweepMinutes(free, bounds)
			bySecond.sweepSeconds(free, bounds)
			for _, ref := range []*refCoverage{byMinute, bySecond} {
				if diff := refDiff(r, ref); diff != "" {
					t.Fatalf("Compute and the reference differ over %s:\n%s", window, diff)
				}
			}
			if len(byMinute.cuts) < 10*(to.DaysSince(from)) {
				t.Fatalf("only %d segments: the team is hardly ever free", len(byMinute.cuts))
			}
		})
	}
}

func BenchmarkReference1000x90(b *testing.B) {
	from := calendar.MustParseDate("2026-01-05")
	team := benchTeam(b, 1000, from)
	window := benchWindow(from, 90)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reference(context.Background(), team, window); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComputeOverReference1000x90 runs Compute and the reference in
// turn, so that the machine's drift slows both alike, and reports the
// medians of the CPU time each takes (the process's, with its threads and
// the collector's) and their ratio.
func BenchmarkComputeOverReference1000x90(b *testing.B) {
	from := calendar.MustParseDate("2026-01-05")
	team := benchTeam(b, 1000, from)
	window := benchWindow(from, 90)
	var compute, ref []time.Duration
	for b.Loop() {
		start := cpuTime()
		if _, err := Compute(context.Background(), team, window, Options{}); err != nil {
			b.Fatal(err)
		}
		mid := cpuTime()
		if _, err := reference(context.Background(), team, window); err != nil {
			b.Fatal(err)
		}
		compute, ref = append(compute, mid-start), append(ref, cpuTime()-mid)
	}
	median := func(ds []time.Duration) float64 {
		slices.Sort(ds)
		return float64(ds[len(ds)/2])
	}
	b.ReportMetric(median(compute)/1e6, "compute-cpu-ms")
	b.ReportMetric(median(ref)/1e6, "reference-cpu-ms")
	b.ReportMetric(median(compute)/median(ref), "ratio")
}
