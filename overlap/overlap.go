// Package overlap answers the team's question: across people spread over
// zones, when is who free?
//
// Compute takes the people and a window, compiles each person once
// (calendar.Compile), builds their timelines and sweeps all their free
// time once, in time order, into a coverage: the window cut into maximal
// segments in each of which the same people are free. Common, AtLeast,
// Pairwise, Daily and Buckets read that coverage or the people's free
// time; Suggest and Rotate find meeting slots in it; Reply and RoundTrips
// say how long a written exchange takes, looking past the window where
// they must. An Agenda (Report.Agenda) weighs the meetings a team already
// has on it: each person's meeting, focus and fragmented time (Load),
// what each meeting costs (Costs), and what moving some would (Shifts).
//
// Meeting slots are costed on each attendee's own clock and hours (see
// Band and calendar.Comfort): the shoulder either side of their working
// day costs least, nights and days without working hours are left alone
// unless a request allows them, and a busy event, holiday or time off is
// never booked over.
//
// A person's free time is the free segments of their timeline; with
// Options.FocusIsFree, soft focus blocks count as free too (hard ones never
// do). Results never depend on the order people are given in: IDs are
// listed in ascending order. A method given an ID that is not in the team
// returns an error that wraps ErrUnknownID and names the ID.
package overlap

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/jsontext"
)

// MaxWindow is the longest window Compute accepts: two years, leap days
// included.
const MaxWindow = 2 * 366 * 24 * time.Hour

// Options change what counts as free.
type Options struct {
	// FocusIsFree counts soft focus blocks as free time (hard ones never
	// are): in the coverage, in common windows, and for Suggest and
	// Rotate, which may then break soft focus at a cost
	// (Cost.FocusBroken). It is the report's one switch for soft focus.
	FocusIsFree bool
}

// ErrUnknownID is wrapped by the errors of the methods that are given an
// ID that is not in the report's team.
var ErrUnknownID = errors.New("unknown ID")

// A Segment is a stretch of the window in which the same people are free.
// In JSON it is {"start", "end", "free"}.
type Segment struct {
	calendar.Interval
	Free []string // IDs, ascending
}

// String returns s as "[start, end) free: a, b", or "[start, end) free:
// nobody".
func (s Segment) String() string {
	who := "nobody"
	if len(s.Free) > 0 {
		who = strings.Join(s.Free, ", ")
	}
	return s.Interval.String() + " free: " + who
}

type segmentJSON struct {
	Start *jsontext.Time `json:"start"`
	End   *jsontext.Time `json:"end"`
	Free  []string       `json:"free"`
}

// MarshalJSON implements json.Marshaler; "free" is [] when nobody is.
func (s Segment) MarshalJSON() ([]byte, error) {
	free := s.Free
	if free == nil {
		free = []string{}
	}
	start, end := jsontext.Time(s.Start), jsontext.Time(s.End)
	return json.Marshal(segmentJSON{&start, &end, free})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Segment) UnmarshalJSON(b []byte) error {
	var j segmentJSON
	iv, err := decodeSpan(b, &j, "overlap.Segment.UnmarshalJSON")
	if err != nil {
		return err
	}
	*s = Segment{iv, jsontext.Nil(j.Free)}
	return nil
}

// A Report is the overlap of a team over a window. It is immutable and
// safe for concurrent use.
type Report struct {
	window calendar.Interval
	length int64    // of the window, in nanoseconds
	people []member // sorted by ID
	opt    Options

	// The coverage: segment i starts at cuts[i] (nanoseconds after the
	// window's start) and ends at cuts[i+1], or at the window's end for
	// the last; counts[i] people are free in it. The people whose freedom
	// changes at cuts[i] are toggles[toggleAt[i]:toggleAt[i+1]].
	cuts     []int64
	counts   []int32
	toggles  []int32
	toggleAt []int32
}

// A member is one person of the team, compiled, with their timeline kept
// compactly.
type member struct {
	sched *calendar.Schedule
	draft calendar.Draft // the timeline, drawn when first asked (timeline)
	drawn *drawn
	free  []span // free time, sorted, disjoint, never touching
}

// drawn is a member's timeline, drawn from its draft once, by whichever
// call first needs it: Compute reads free time from the draft, and most
// reports are never asked for most people's timelines.
type drawn struct {
	once sync.Once
	segs []calendar.Stretch
	err  error // a panic while drawing, kept for every later reader
}

// timeline returns m's timeline in stretches, labelled by m.draft.Labels.
func (m *member) timeline() ([]calendar.Stretch, error) {
	m.drawn.once.Do(func() {
		// Drawing runs on the caller's goroutine, outside Compute's
		// recovery: a panic becomes an error, for this reader and the
		// next.
		defer func() {
			if v := recover(); v != nil {
				m.drawn.segs, m.drawn.err = nil, fmt.Errorf("person %q: internal error drawing the timeline: %s", m.sched.ID(), icalvalue.Quote(fmt.Sprint(v)))
			}
		}()
		m.drawn.segs = m.draft.AppendStretches(nil)
	})
	return m.drawn.segs, m.drawn.err
}

// A span is [start, end) in nanoseconds after the window's start.
type span struct{ start, end int64 }

// Compute builds the overlap report of people over window. The team must
// not be empty, and each person needs an ID, unique in the team, and must
// compile (calendar.Compile: among other things a person needs working
// hours, or NoHours set to say that the empty week is meant); the window
// must not be empty nor longer than MaxWindow. Errors name the person or
// the window. People are compiled and their timelines built concurrently;
// the report keeps the compiled schedules, so later changes to people
// do not reach it, and it does not depend on the order of people.
func Compute(ctx context.Context, people []calendar.Person, window calendar.Interval, opt Options) (*Report, error) {
	if window.IsEmpty() {
		return nil, fmt.Errorf("overlap.Compute: window %s is empty", window)
	}
	if window.Duration() > MaxWindow {
		return nil, fmt.Errorf("overlap.Compute: window %s is longer than %s", window, MaxWindow)
	}
	if len(people) == 0 {
		return nil, fmt.Errorf("overlap.Compute: no people")
	}
	if max := calendar.LimitsOf(ctx).People; len(people) > max {
		// Ten thousand people over a year take about two seconds and
		// under a gigabyte.
		return nil, fmt.Errorf("overlap.Compute: %w: Limits.People: %d people is more than %d", calendar.ErrLimit, len(people), max)
	}
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
		if people[i].ID == "" {
			return nil, fmt.Errorf("overlap.Compute: person %d (%q) has no ID", i+1, people[i].Name)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(people[a].ID, people[b].ID) })
	for i := 1; i < len(order); i++ {
		if people[order[i]].ID == people[order[i-1]].ID {
			return nil, fmt.Errorf("overlap.Compute: ID %q is used twice", people[order[i]].ID)
		}
	}
	window = calendar.Interval{Start: window.Start.Round(0), End: window.End.Round(0)}
	r := &Report{window: window, length: int64(window.Duration()), people: make([]member, len(people)), opt: opt}
	errs := make([]error, len(people))
	drawn := make([]drawn, len(people))
	// People share their focus rules, zones and holiday calendars: each
	// is worked out once for the call.
	batch := calendar.NewBatch()
	// Sources shared by several people, or read for each zone of a
	// traveller, fetch what they need once for the call.
	ctx = calendar.WithCallCache(ctx)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(people)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var free slab[span]
			for {
				i := int(next.Add(1) - 1)
				if i >= len(order) {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[i] = err
					continue
				}
				r.people[i], errs[i] = r.member(ctx, batch, people[order[i]], &free)
				r.people[i].drawn = &drawn[i]
			}
		}()
	}
	wg.Wait()
	// The first error in ID order, so that the error is the same however
	// the work was shared out.
	if err := firstError(errs); err != nil {
		return nil, fmt.Errorf("overlap.Compute: %w", err)
	}
	r.sweep()
	return r, nil
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// member compiles p and builds their timeline and free time. It runs on
// Compute's goroutines, where a panic would end the caller's process: one
// is returned as an error instead.
func (r *Report) member(ctx context.Context, b *calendar.Batch, p calendar.Person, free *slab[span]) (m member, err error) {
	defer func() {
		if v := recover(); v != nil {
			m, err = member{}, fmt.Errorf("person %q: internal error: %s", p.ID, icalvalue.Quote(fmt.Sprint(v)))
		}
	}()
	return r.compute(ctx, b, p, free)
}

// compute is member without the recovery. The member's free time goes
// into the slab when it fits, so that a large team's take a few large
// allocations rather than one each.
func (r *Report) compute(ctx context.Context, b *calendar.Batch, p calendar.Person, free *slab[span]) (member, error) {
	sched, err := b.Compile(ctx, p)
	if err != nil {
		return member{}, err
	}
	d, err := b.Draft(ctx, sched, r.window)
	if err != nil {
		return member{}, err
	}
	room := free.room()
	spans := room
	for start, end := range d.Spans(r.isFree) {
		spans = append(spans, span{start, end})
	}
	return member{sched: sched, draft: d, free: free.keep(room, spans)}, nil
}

// A slab hands out slices of a few large arrays, so that a large team's
// many slices take a few allocations rather than one each.
type slab[T any] struct{ buf []T }

// room returns the slab's free room, to append to.
func (s *slab[T]) room() []T { return s.buf[len(s.buf):] }

// keep returns x, which was appended to room: kept in the slab when it
// fit there; when it did not it has an array of its own, and the slab
// starts a new one with room for a few more like it.
func (s *slab[T]) keep(room, x []T) []T {
	if len(x) <= cap(room) {
		s.buf = s.buf[:len(s.buf)+len(x)]
	} else {
		s.buf = make([]T, 0, min(len(x)*slabFill, maxSlab))
	}
	return x[:len(x):len(x)]
}

// A new slab holds slabFill slices as long as the one that did not fit
// the last, up to maxSlab elements (256 KiB of stretches or spans).
const (
	slabFill = 16
	maxSlab  = 1 << 14
)

// isFree reports whether time of kind k (hard, for focus) is free by the
// report's Options.
func (r *Report) isFree(k calendar.Kind, hard bool) bool {
	return k == calendar.KindFree || k == calendar.KindFocus && r.opt.FocusIsFree && !hard
}

// offset returns t as nanoseconds after the window's start; time is the
// inverse. The window is at most MaxWindow long, so offsets fit an int64.
func (r *Report) offset(t time.Time) int64 { return int64(t.Sub(r.window.Start)) }

func (r *Report) time(off int64) time.Time { return r.window.Start.Add(time.Duration(off)) }

// sweep merges every member's free time, in time order, into the
// coverage. When every boundary falls on a whole minute after the
// window's start, as those of whole-minute zones and hours do, and there
// are about as many boundaries as minutes, the boundaries are sorted by
// counting into a bucket a minute; else, when every boundary falls on a
// whole second, as those that Wall makes do, they are packed into
// integers and radix sorted; both take time linear in their number B.
// Otherwise a heap merges the members' sorted boundaries, in O(B log N)
// for N people.
func (r *Report) sweep() {
	boundaries := r.boundaries()
	// Sorting into minutes costs the window's minutes besides the
	// boundaries: worth it when there are at least as many boundaries.
	if r.length/int64(time.Minute) < int64(boundaries) && r.sweepMinutes() {
		return
	}
	if keys, shift, ok := r.packedBoundaries(); ok {
		r.sweepPacked(keys, shift)
		return
	}
	r.sweepHeap()
}

// boundaries returns how many boundaries the members' free time has.
func (r *Report) boundaries() int {
	n := 0
	for _, m := range r.people {
		n += 2 * len(m.free)
	}
	return n
}

// sweepMinutes builds the coverage by a counting sort of the boundaries
// into a bucket per minute of the window, and reports false, having
// built nothing, if the window or some boundary is not whole minutes
// after the window's start. A
// member's free spans never touch, so a bucket holds at most one boundary
// a member, in member order, as the other sweeps give them; and every
// bucket with boundaries starts a segment.
func (r *Report) sweepMinutes() bool {
	const minute = int64(time.Minute)
	total := r.boundaries()
	buckets := r.length/minute + 1 // a boundary may fall on the window's end
	if r.length%minute != 0 || buckets > maxMinuteBuckets {
		return false
	}
	// next[i+1] counts bucket i's boundaries, then next[i] is where they go.
	next := make([]int32, buckets+1)
	for _, m := range r.people {
		for _, s := range m.free {
			a, b := s.start/minute, s.end/minute
			if a*minute != s.start || b*minute != s.end {
				return false
			}
			next[a+1]++
			next[b+1]++
		}
	}
	segments := 1
	for i := 1; i < len(next); i++ {
		if next[i] > 0 && i > 1 && i < len(next)-1 {
			segments++ // bucket i-1 starts a segment, unless the first or the window's end
		}
		next[i] += next[i-1]
	}
	flips := make([]int32, total) // member<<1 | isEnd
	for who, m := range r.people {
		for _, s := range m.free {
			i := s.start / minute
			flips[next[i]] = int32(who) << 1
			next[i]++
			i = s.end / minute
			flips[next[i]] = int32(who)<<1 | 1
			next[i]++
		}
	}
	// Now next[i] is where bucket i ends. The toggles overwrite the
	// flips they come from, never one not yet read.
	r.cuts = append(make([]int64, 0, segments), 0)
	r.counts = make([]int32, 0, segments)
	r.toggleAt = append(make([]int32, 0, segments+1), 0)
	free, lo, out := int32(0), int32(0), 0
	for i := range buckets - 1 { // a boundary at the window's end starts nothing
		hi := next[i]
		if lo == hi {
			continue
		}
		if i > 0 {
			r.counts = append(r.counts, free)
			r.cuts = append(r.cuts, i*minute)
			r.toggleAt = append(r.toggleAt, int32(out))
		}
		for _, f := range flips[lo:hi] {
			flips[out] = f >> 1
			out++
			free += 1 - 2*(f&1)
		}
		lo = hi
	}
	r.toggles = flips[:out:out]
	r.counts = append(r.counts, free)
	r.toggleAt = append(r.toggleAt, int32(out))
	return true
}

// packedBoundaries returns every boundary of the members' free time as
// second<<shift | member<<1 | isEnd, radix sorted, and false if some
// boundary is not on a whole second after the window's start.
func (r *Report) packedBoundaries() ([]uint64, uint, bool) {
	shift := uint(bits.Len(uint(len(r.people)))) + 1
	total := r.boundaries()
	keys := make([]uint64, 0, total)
	for i, m := range r.people {
		for _, s := range m.free {
			if s.start%int64(time.Second) != 0 || s.end%int64(time.Second) != 0 {
				return nil, 0, false
			}
			keys = append(keys,
				uint64(s.start/int64(time.Second))<<shift|uint64(i)<<1,
				uint64(s.end/int64(time.Second))<<shift|uint64(i)<<1|1)
		}
	}
	radixSort(keys)
	return keys, shift, true
}

// maxMinuteBuckets bounds the minutes of a window that sweepMinutes sorts
// into: a window of MaxWindow has about 1,050,000.
const maxMinuteBuckets = 1 << 21

// sweepPacked builds the coverage from sorted packed boundaries.
func (r *Report) sweepPacked(keys []uint64, shift uint) {
	r.cuts = append(make([]int64, 0, len(keys)/2+1), 0)
	r.toggleAt = append(make([]int32, 0, len(keys)/2+2), 0)
	r.toggles = make([]int32, 0, len(keys))
	r.counts = make([]int32, 0, len(keys)/2+1)
	free := int32(0)
	for _, k := range keys {
		at := int64(k>>shift) * int64(time.Second)
		if at == r.length {
			break // free spans that end with the window: nothing follows
		}
		if at != r.cuts[len(r.cuts)-1] {
			r.counts = append(r.counts, free)
			r.cuts = append(r.cuts, at)
			r.toggleAt = append(r.toggleAt, int32(len(r.toggles)))
		}
		r.toggles = append(r.toggles, int32(k&(1<<shift-1)>>1))
		if k&1 == 0 {
			free++
		} else {
			free--
		}
	}
	r.counts = append(r.counts, free)
	r.toggleAt = append(r.toggleAt, int32(len(r.toggles)))
}

// radixSort sorts keys with a least-significant-digit radix sort, eleven
// bits a pass, skipping the passes whose digit is the same in every key.
func radixSort(keys []uint64) {
	if len(keys) < 2 {
		return
	}
	var all uint64
	for _, k := range keys {
		all |= k
	}
	buf := make([]uint64, len(keys))
	src, dst := keys, buf
	for shift := uint(0); shift < uint(bits.Len64(all)); shift += 11 {
		var count [1 << 11]int
		for _, k := range src {
			count[k>>shift&(1<<11-1)]++
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, k := range src {
			d := k >> shift & (1<<11 - 1)
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// sweepHeap merges the members' sorted boundaries with a heap.
func (r *Report) sweepHeap() {
	h := make(boundaryHeap, 0, len(r.people))
	total := 0
	for i, m := range r.people {
		total += 2 * len(m.free)
		if len(m.free) > 0 {
			h = append(h, cursor{who: int32(i), at: m.free[0].start})
		}
	}
	h.init()
	r.cuts = append(make([]int64, 0, total/2+1), 0)
	r.toggleAt = append(make([]int32, 0, total/2+2), 0)
	r.toggles = make([]int32, 0, total)
	free := int32(0)
	for len(h) > 0 {
		c := &h[0]
		if c.at == r.length {
			// A free span that ends with the window: nothing follows.
			h.pop()
			continue
		}
		if c.at != r.cuts[len(r.cuts)-1] {
			r.counts = append(r.counts, free)
			r.cuts = append(r.cuts, c.at)
			r.toggleAt = append(r.toggleAt, int32(len(r.toggles)))
		}
		r.toggles = append(r.toggles, c.who)
		m := &r.people[c.who]
		if c.k%2 == 0 {
			free++
		} else {
			free--
		}
		c.k++
		if c.k < 2*len(m.free) {
			c.at = m.free[c.k/2].start
			if c.k%2 == 1 {
				c.at = m.free[c.k/2].end
			}
			h.fix()
		} else {
			h.pop()
		}
	}
	r.counts = append(r.counts, free)
	r.toggleAt = append(r.toggleAt, int32(len(r.toggles)))
}

// A cursor walks one member's free spans: k counts the boundaries passed
// (even: the next is a start), at is the next one.
type cursor struct {
	at  int64
	who int32
	k   int
}

// boundaryHeap is a min-heap of cursors by (at, who), written out rather
// than through container/heap, whose interface calls cost a third of the
// sweep.
type boundaryHeap []cursor

func (h boundaryHeap) less(i, j int) bool {
	return h[i].at < h[j].at || h[i].at == h[j].at && h[i].who < h[j].who
}

func (h boundaryHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

// fix restores the heap after the top's key grew.
func (h boundaryHeap) fix() { h.down(0) }

func (h *boundaryHeap) pop() {
	n := len(*h) - 1
	(*h)[0] = (*h)[n]
	*h = (*h)[:n]
	h.down(0)
}

func (h boundaryHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		j := l
		if r := l + 1; r < len(h) && h.less(r, l) {
			j = r
		}
		if !h.less(j, i) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// segment returns the bounds of coverage segment i.
func (r *Report) segment(i int) span {
	end := r.length
	if i+1 < len(r.cuts) {
		end = r.cuts[i+1]
	}
	return span{r.cuts[i], end}
}

// IDs returns the IDs of the team, ascending.
func (r *Report) IDs() []string {
	ids := make([]string, len(r.people))
	for i, m := range r.people {
		ids[i] = m.sched.ID()
	}
	return ids
}

// Window returns the window the report covers.
func (r *Report) Window() calendar.Interval { return r.window }

// Options returns the options the report was computed with.
func (r *Report) Options() Options { return r.opt }

// Schedule returns the compiled schedule of the person with the given ID,
// which answers questions beyond the report's window.
func (r *Report) Schedule(id string) (*calendar.Schedule, error) {
	m, err := r.find("Schedule", id)
	if err != nil {
		return nil, err
	}
	return m.sched, nil
}

// Zone returns the zone of the person with the given ID.
func (r *Report) Zone(id string) (*time.Location, error) {
	m, err := r.find("Zone", id)
	if err != nil {
		return nil, err
	}
	return m.sched.Zone(), nil
}

// Coverage returns the window cut into maximal segments in each of which
// the same people are free (possibly none), in time order. Each segment's
// Free is a new slice. Listing the IDs costs time linear in the team's
// size per segment.
func (r *Report) Coverage() iter.Seq[Segment] {
	return func(yield func(Segment) bool) {
		on := make([]bool, len(r.people))
		for i := range r.cuts {
			for _, who := range r.toggles[r.toggleAt[i]:r.toggleAt[i+1]] {
				on[who] = !on[who]
			}
			free := make([]string, 0, r.counts[i])
			for who, yes := range on {
				if yes {
					free = append(free, r.people[who].sched.ID())
				}
			}
			s := r.segment(i)
			if !yield(Segment{calendar.Interval{Start: r.time(s.start), End: r.time(s.end)}, free}) {
				return
			}
		}
	}
}

// Free returns the free time of the person with the given ID.
func (r *Report) Free(id string) (calendar.Set, error) {
	m, err := r.find("Free", id)
	if err != nil {
		return calendar.Set{}, err
	}
	return r.set(m.free), nil
}

// Common returns the time in which all of ids are free; with no ids, all
// of the team.
func (r *Report) Common(ids ...string) (calendar.Set, error) {
	if len(ids) == 0 {
		return r.where(func(n int32) bool { return int(n) == len(r.people) }), nil
	}
	ms, err := r.findAll("Common", ids)
	if err != nil {
		return calendar.Set{}, err
	}
	common := ms[0].free
	for _, m := range ms[1:] {
		common = intersect(common, m.free)
	}
	return r.set(common), nil
}

// AtLeast returns the time in which at least k of ids are free (an ID
// listed twice counts once); with no ids, k of the whole team. k <= 0
// gives the whole window.
func (r *Report) AtLeast(k int, ids ...string) (calendar.Set, error) {
	ms, err := r.findAll("AtLeast", ids)
	if err != nil {
		return calendar.Set{}, err
	}
	slices.SortFunc(ms, func(a, b *member) int { return cmp.Compare(a.sched.ID(), b.sched.ID()) })
	ms = slices.Compact(ms)
	if k <= 0 {
		return calendar.NewSet(r.window), nil
	}
	if len(ids) == 0 {
		return r.where(func(n int32) bool { return int(n) >= k }), nil
	}
	type event struct {
		at    int64
		delta int
	}
	var events []event
	for _, m := range ms {
		for _, s := range m.free {
			events = append(events, event{s.start, +1}, event{s.end, -1})
		}
	}
	// Ends before starts at the same instant, so that touching spans of
	// two people do not count as overlapping.
	slices.SortFunc(events, func(a, b event) int {
		if a.at != b.at {
			return cmp.Compare(a.at, b.at)
		}
		return a.delta - b.delta
	})
	var out []span
	n := 0
	for _, e := range events {
		before := n
		n += e.delta
		switch {
		case before < k && n >= k:
			out = append(out, span{e.at, e.at})
		case before >= k && n < k:
			out[len(out)-1].end = e.at
		}
	}
	return r.set(mergeTouching(out)), nil
}

// Pairwise returns, for every pair of people, how long both are free. Both
// orders of each pair are keys, with the same value. The cost is quadratic
// in the team's size: meant for teams, not companies.
func (r *Report) Pairwise() map[[2]string]time.Duration {
	out := make(map[[2]string]time.Duration, len(r.people)*(len(r.people)-1))
	for i := range r.people {
		for j := i + 1; j < len(r.people); j++ {
			d := time.Duration(overlapLength(r.people[i].free, r.people[j].free))
			a, b := r.people[i].sched.ID(), r.people[j].sched.ID()
			out[[2]string{a, b}] = d
			out[[2]string{b, a}] = d
		}
	}
	return out
}

// Timeline returns the timeline of the person with the given ID over the
// report's window, in their zone.
func (r *Report) Timeline(id string) ([]calendar.Segment, error) {
	m, err := r.find("Timeline", id)
	if err != nil {
		return nil, err
	}
	loc := m.sched.Zone()
	segs, err := m.timeline()
	if err != nil {
		return nil, fmt.Errorf("overlap.Report.Timeline: %w", err)
	}
	labels := m.draft.Labels()
	out := make([]calendar.Segment, len(segs))
	for i, s := range segs {
		out[i] = calendar.Segment{
			Interval: calendar.Interval{Start: r.time(s.Start).In(loc), End: r.time(end(segs, i, r.length)).In(loc)},
			Kind:     s.Kind,
			Label:    labels[s.Label],
			Hard:     s.Hard,
			Under:    s.Under,
		}
	}
	return out, nil
}

// end returns where stretch i of segs, a timeline of a window length
// nanoseconds long, ends.
func end(segs []calendar.Stretch, i int, length int64) int64 {
	if i+1 < len(segs) {
		return segs[i+1].Start
	}
	return length
}

// find returns the member with the given ID, or an error of method fn.
func (r *Report) find(fn, id string) (*member, error) {
	i, ok := slices.BinarySearchFunc(r.people, id, func(m member, id string) int { return cmp.Compare(m.sched.ID(), id) })
	if !ok {
		return nil, fmt.Errorf("overlap.Report.%s: %w %q", fn, ErrUnknownID, id)
	}
	return &r.people[i], nil
}

// findAll returns the members with the given IDs, in order, or the error
// of method fn about the first that is not in the team.
func (r *Report) findAll(fn string, ids []string) ([]*member, error) {
	out := make([]*member, len(ids))
	for i, id := range ids {
		m, err := r.find(fn, id)
		if err != nil {
			return nil, err
		}
		out[i] = m
	}
	return out, nil
}

// where returns the coverage segments whose count of free people pleases
// keep, merged.
func (r *Report) where(keep func(int32) bool) calendar.Set {
	var out []span
	for i, n := range r.counts {
		if !keep(n) {
			continue
		}
		s := r.segment(i)
		if k := len(out) - 1; k >= 0 && out[k].end == s.start {
			out[k].end = s.end
		} else {
			out = append(out, s)
		}
	}
	return r.set(out)
}

// set turns sorted, disjoint spans into a Set.
func (r *Report) set(spans []span) calendar.Set {
	var b calendar.SetBuilder
	for _, s := range spans {
		b.Add(calendar.Interval{Start: r.time(s.start), End: r.time(s.end)})
	}
	return b.Set()
}

// intersect returns the spans in both a and b.
func intersect(a, b []span) []span {
	var out []span
	for i, j := 0, 0; i < len(a) && j < len(b); {
		s, e := max(a[i].start, b[j].start), min(a[i].end, b[j].end)
		if s < e {
			out = append(out, span{s, e})
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return out
}

// overlapLength returns the length of the intersection of a and b.
func overlapLength(a, b []span) int64 {
	var sum int64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if s, e := max(a[i].start, b[j].start), min(a[i].end, b[j].end); s < e {
			sum += e - s
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return sum
}

// mergeTouching merges sorted spans that touch.
func mergeTouching(spans []span) []span {
	out := spans[:0]
	for _, s := range spans {
		if k := len(out) - 1; k >= 0 && out[k].end >= s.start {
			out[k].end = max(out[k].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}
