package overlap

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// DefaultFocusBlock is the shortest stretch of free working time that
// counts as focus time: two hours, the threshold of Clockwise's "focus
// time", Microsoft Viva Insights' focus hours and Multitudes' deep work.
const DefaultFocusBlock = 2 * time.Hour

// A Meeting is one meeting occurrence, as a load or an audit reads it:
// an interval and the IDs of the team's people who attend. ID names it
// for the caller (such as an iCalendar UID and RECURRENCE-ID); the load
// does not read it.
type Meeting struct {
	ID        string
	Interval  calendar.Interval
	Attendees []string
}

// A Load is how a window's meetings weigh on each person: the time they
// spend in meetings, the focus time they keep (free working time in
// stretches of at least the focus block), the fragmented time between
// (free working time in shorter stretches), and the meeting time outside
// their working hours.
type Load struct {
	// People lists each person's load, in ID order.
	People []PersonLoad
	// Team sums the people's.
	Team LoadFigures
}

// LoadFigures are the sums of a load over a window.
type LoadFigures struct {
	// Meeting is the time in meetings (overlapping meetings counted
	// once); AfterHours the part of it outside working hours (off-hours:
	// not in any working span).
	Meeting, AfterHours time.Duration
	// Focus and Fragmented are the free working time (the timeline's
	// free and focus segments) outside meetings, in stretches of at least
	// the focus block and shorter ones.
	Focus, Fragmented time.Duration
	// Meetings counts the meetings attended.
	Meetings int
}

// A PersonLoad is one person's load, with the longest stretch of free
// working time outside meetings that starts on each local day of the
// window (zero for a day with none).
type PersonLoad struct {
	ID string
	LoadFigures
	Days []DayFocus
}

// A DayFocus is the longest free stretch starting on one local date.
type DayFocus struct {
	Date    calendar.Date
	Longest time.Duration
}

// An Agenda is a set of meetings read against a report, ready to be
// weighed on its people: Load, Costs and Shifts. The report's timelines
// should not hold the meetings as busy time (leave them out of the
// people's calendars): the agenda takes them from its meetings, and a
// meeting also busy on a timeline is taken from free time once all the
// same, but frees nothing when taken away (and so costs no focus there).
// An Agenda is immutable and safe for concurrent use.
type Agenda struct {
	r        *Report
	meetings []Meeting
	people   []agendaPerson // as r.people
	index    map[string]int // r.people's indices by ID
}

// agendaPerson is one member's part of an agenda: their meetings in the
// window, in the order given, and their time of each kind that the
// agenda reads.
type agendaPerson struct {
	meetings                       []attended
	available, bookable, off, away []span
}

// Agenda reads meetings against the report. Each meeting's attendees
// must be IDs of the team, listed once; a meeting may lie partly or
// wholly outside the window, whose part inside counts. The agenda keeps
// its own copy of the meetings (the attendee lists are shared).
func (r *Report) Agenda(meetings []Meeting) (*Agenda, error) {
	index := make(map[string]int, len(r.people))
	for i := range r.people {
		index[r.people[i].sched.ID()] = i
	}
	a := &Agenda{r: r, meetings: slices.Clone(meetings), people: make([]agendaPerson, len(r.people)), index: index}
	for k, mt := range a.meetings {
		for j, id := range mt.Attendees {
			i, ok := index[id]
			if !ok {
				return nil, fmt.Errorf("overlap.Report.Agenda: meeting %d: %w %q", k+1, ErrUnknownID, id)
			}
			if slices.Contains(mt.Attendees[:j], id) {
				return nil, fmt.Errorf("overlap.Report.Agenda: meeting %d: attendee %q is listed twice", k+1, id)
			}
			if mt.Interval.IsEmpty() || !mt.Interval.Overlaps(r.window) {
				continue
			}
			p := &a.people[i]
			p.meetings = append(p.meetings, attended{k, j, span{max(0, r.offset(mt.Interval.Start)), min(r.length, r.offset(mt.Interval.End))}})
		}
	}
	for i := range a.people {
		p, m := &a.people[i], &r.people[i]
		p.available, p.off = m.spans(isAvailable), m.spans(isOffHours)
		if len(p.meetings) > 0 {
			p.bookable, p.away = m.spans(isBookable), m.spans(isAway)
		}
	}
	return a, nil
}

// Meetings returns the agenda's meetings, in the order given.
func (a *Agenda) Meetings() []Meeting { return slices.Clone(a.meetings) }

// focusBlock checks a focus block, zero meaning DefaultFocusBlock.
func focusBlock(block time.Duration) (time.Duration, error) {
	if block < 0 {
		return 0, fmt.Errorf("focus block %s is negative", block)
	}
	if block == 0 {
		return DefaultFocusBlock, nil
	}
	return block, nil
}

// Load returns how the meetings weigh on the report's people over its
// window, with focus blocks of block (zero means DefaultFocusBlock). A
// stretch is cut at the window's edges.
func (a *Agenda) Load(ctx context.Context, block time.Duration) (Load, error) {
	fail := func(err error) (Load, error) { return Load{}, fmt.Errorf("overlap.Agenda.Load: %w", err) }
	block, err := focusBlock(block)
	if err != nil {
		return fail(err)
	}
	r := a.r
	out := Load{People: make([]PersonLoad, len(r.people))}
	for i := range r.people {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		pl := a.personLoad(i, block)
		out.People[i] = pl
		t := &out.Team
		t.Meeting += pl.Meeting
		t.AfterHours += pl.AfterHours
		t.Focus += pl.Focus
		t.Fragmented += pl.Fragmented
		t.Meetings += pl.Meetings
	}
	return out, nil
}

// An attended is one meeting of a person in the window: its index and
// its part inside the window.
type attended struct {
	k, j int // the meeting's index, and the attendee's in it
	span
}

// personLoad is the load of the report's member i.
func (a *Agenda) personLoad(i int, block time.Duration) PersonLoad {
	r, m, p := a.r, &a.r.people[i], &a.people[i]
	ms := p.meetings
	pl := PersonLoad{ID: m.sched.ID(), LoadFigures: LoadFigures{Meetings: len(ms)}}
	busy := make([]span, len(ms))
	for j, a := range ms {
		busy[j] = a.span
	}
	busy = unionSpans(busy)
	available, off := p.available, p.off
	for _, s := range busy {
		pl.Meeting += time.Duration(s.end - s.start)
	}
	pl.AfterHours = time.Duration(overlapLength(busy, off))
	free := subtractSpans(available, busy)
	// The local days of the window, each with its longest stretch.
	loc := m.sched.Zone()
	first, last := calendar.DateOf(r.window.Start.In(loc)), calendar.DateOf(r.window.End.Add(-1).In(loc))
	pl.Days = make([]DayFocus, last.DaysSince(first)+1)
	for i := range pl.Days {
		pl.Days[i].Date = first.AddDays(i)
	}
	for _, s := range free {
		d := time.Duration(s.end - s.start)
		if d >= block {
			pl.Focus += d
		} else {
			pl.Fragmented += d
		}
		day := &pl.Days[calendar.DateOf(r.time(s.start).In(loc)).DaysSince(first)]
		day.Longest = max(day.Longest, d)
	}
	return pl
}

// unionSpans returns the union of spans, sorted, disjoint and never
// touching; it reorders and reuses spans.
func unionSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	return mergeTouching(spans)
}

// subtractSpans returns the parts of a (sorted, disjoint) outside b
// (sorted, disjoint).
func subtractSpans(a, b []span) []span {
	var out []span
	j := 0
	for _, s := range a {
		for j < len(b) && b[j].end <= s.start {
			j++
		}
		at := s.start
		for k := j; k < len(b) && b[k].start < s.end; k++ {
			if b[k].start > at {
				out = append(out, span{at, b[k].start})
			}
			at = max(at, b[k].end)
		}
		if at < s.end {
			out = append(out, span{at, s.end})
		}
	}
	return out
}

// A MeetingCost is what one meeting costs its attendees.
type MeetingCost struct {
	// Time is the part of the meeting inside the window.
	Time time.Duration
	// AfterHours is the time of it outside working hours (off-hours:
	// not in any working span) for each attendee, in the meeting's order.
	AfterHours []time.Duration
	// FocusCost is the focus time its attendees would have without it
	// less the focus time they have with all the meetings, summed over
	// them (Clockwise's "focus time cost"). Removing a meeting only ever
	// joins the free time around it, so it is never negative.
	FocusCost time.Duration
}

// Costs returns what each meeting costs its attendees, with focus blocks
// of block (zero means DefaultFocusBlock), in the order of the meetings.
func (a *Agenda) Costs(ctx context.Context, block time.Duration) ([]MeetingCost, error) {
	fail := func(err error) ([]MeetingCost, error) { return nil, fmt.Errorf("overlap.Agenda.Costs: %w", err) }
	block, err := focusBlock(block)
	if err != nil {
		return fail(err)
	}
	r := a.r
	costs := make([]MeetingCost, len(a.meetings))
	for k, m := range a.meetings {
		if m.Interval.Overlaps(r.window) {
			costs[k].Time = m.Interval.Intersect(r.window).Duration()
		}
		costs[k].AfterHours = make([]time.Duration, len(m.Attendees))
	}
	focus := make([]time.Duration, len(a.meetings))
	for i := range a.people {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		p := &a.people[i]
		for _, at := range p.meetings {
			costs[at.k].AfterHours[at.j] = time.Duration(overlapLength([]span{at.span}, p.off))
		}
		addFocusCosts(p.available, p.meetings, block, focus)
	}
	for k := range costs {
		costs[k].FocusCost = focus[k]
	}
	return costs, nil
}

// isAvailable picks the kinds of time a load counts as working time a
// meeting may take: free and focus. isBookable leaves out hard focus,
// which is never booked over; isOffHours picks time outside working
// hours.
func isAvailable(k calendar.Kind, hard bool) bool {
	return k == calendar.KindFree || k == calendar.KindFocus
}
func isBookable(k calendar.Kind, hard bool) bool {
	return k == calendar.KindFree || k == calendar.KindFocus && !hard
}
func isOffHours(k calendar.Kind, hard bool) bool { return k == calendar.KindOffHours }

// isAway picks a person's days off in working time: holidays and time off.
func isAway(k calendar.Kind, hard bool) bool {
	return k == calendar.KindHoliday || k == calendar.KindTimeOff
}

// spans returns the member's spans of the kinds where picks.
func (m *member) spans(where func(calendar.Kind, bool) bool) []span {
	var out []span
	for s, e := range m.draft.Spans(where) {
		out = append(out, span{s, e})
	}
	return out
}

// addFocusCosts adds to costs[a.k] the focus cost to one person of each
// of their meetings ms with a.k >= 0 (those with a.k < 0 are only
// there), given their available time (sorted, disjoint). Free stretches
// never cross a stretch of available time: a meeting changes only the
// stretches it lies in.
func addFocusCosts(available []span, ms []attended, block time.Duration, costs []time.Duration) {
	here := make([][]owned, len(available)) // the meetings in each stretch
	for _, a := range ms {
		for x := stretchOf(available, a.span); x < len(available) && available[x].start < a.end; x++ {
			if available[x].end > a.start {
				here[x] = append(here[x], owned{a.span, a.k})
			}
		}
	}
	for x, s := range available {
		addStretchCosts(s, here[x], block, func(k int, d time.Duration) { costs[k] += d })
	}
}

// An owned span is a meeting's, k its index (negative: not costed).
type owned struct {
	span
	k int
}

// addStretchCosts calls add with the focus cost in stretch of each of
// busy (which it sorts) with a k of 0 or more: the focus time of the
// stretch less the others, less that less all of them.
func addStretchCosts(stretch span, busy []owned, block time.Duration, add func(k int, d time.Duration)) {
	if len(busy) == 0 {
		return
	}
	slices.SortFunc(busy, func(a, b owned) int { return cmp.Compare(a.start, b.start) })
	base := focusSkipping(stretch, busy, -1, block)
	for i, b := range busy {
		if b.k >= 0 {
			add(b.k, focusSkipping(stretch, busy, i, block)-base)
		}
	}
}

// focusSkipping returns the focus time of stretch less busy (sorted by
// start) but busy[skip]: its free parts of at least block.
func focusSkipping(stretch span, busy []owned, skip int, block time.Duration) time.Duration {
	var f time.Duration
	at := stretch.start
	free := func(to int64) {
		if d := time.Duration(min(to, stretch.end) - at); d >= block && d > 0 {
			f += d
		}
	}
	for i, b := range busy {
		if i == skip {
			continue
		}
		if b.start > at {
			free(b.start)
		}
		at = max(at, b.end)
		if at >= stretch.end {
			return f
		}
	}
	free(stretch.end)
	return f
}

// A Shift is a set of meetings moved by Offset: whether they fit there,
// and what they would cost.
type Shift struct {
	Offset time.Duration
	// Fits says that every moved meeting lies inside the window, in time
	// each of its attendees could book (free, or in a soft focus block),
	// clear of their other meetings.
	Fits bool
	// FocusCost is the focus cost of the moved meetings at their new
	// times, summed (as MeetingCost.FocusCost with the other meetings
	// where they are); zero when they do not fit.
	FocusCost time.Duration
}

// Shifts returns, for each offset, what moving the meetings with the
// indices moved by it would cost: a meeting series moved to another
// time of day, say. Each index must be one of the agenda's meetings
// (listed once) that lies wholly inside the window, and the offsets are
// whole minutes. The moved meetings' focus cost where they are is
// Costs'. An attendee on a holiday or time off during any of a moved
// meeting where it is misses it, and is not held to it where it goes:
// that meeting neither has to fit their time nor costs them focus.
func (a *Agenda) Shifts(ctx context.Context, moved []int, offsets []time.Duration, block time.Duration) ([]Shift, error) {
	fail := func(format string, args ...any) ([]Shift, error) {
		return nil, fmt.Errorf("overlap.Agenda.Shifts: "+format, args...)
	}
	block, err := focusBlock(block)
	if err != nil {
		return fail("%w", err)
	}
	r, meetings := a.r, a.meetings
	sorted := slices.Sorted(slices.Values(moved))
	for n, k := range sorted {
		if k < 0 || k >= len(meetings) {
			return fail("moved meeting %d: want 0 to %d", k, len(meetings)-1)
		}
		if n > 0 && sorted[n-1] == k {
			return fail("moved meeting %d is listed twice", k)
		}
		if iv := meetings[k].Interval; !iv.IsEmpty() && (iv.Start.Before(r.window.Start) || iv.End.After(r.window.End)) {
			return fail("moved meeting %d (%s) is not inside the window", k, iv)
		}
	}
	for _, d := range offsets {
		if d%time.Minute != 0 {
			return fail("offset %s is not a whole number of minutes", d)
		}
	}
	// The people the moved meetings concern: their other meetings stay
	// (only their union matters), the moved ones go.
	type concerned struct {
		bookable, available, others []span
		moved                       []span
	}
	var people []concerned
	seen := map[int]bool{}
	for _, k := range sorted {
		for _, id := range meetings[k].Attendees {
			i := a.index[id]
			if seen[i] {
				continue
			}
			seen[i] = true
			p := &a.people[i]
			c := concerned{bookable: p.bookable, available: p.available}
			for _, at := range p.meetings {
				// A moved meeting on the person's day off is one they
				// miss: they are not held to it where it goes.
				_, ok := slices.BinarySearch(sorted, at.k)
				switch {
				case !ok:
					c.others = append(c.others, at.span)
				case !overlapsAny(p.away, at.span):
					c.moved = append(c.moved, at.span)
				}
			}
			if len(c.moved) == 0 {
				continue
			}
			c.others = unionSpans(c.others)
			slices.SortFunc(c.moved, func(a, b span) int { return cmp.Compare(a.start, b.start) })
			people = append(people, c)
		}
	}
	out := make([]Shift, len(offsets))
	var busy []owned
	for n, d := range offsets {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		out[n] = Shift{Offset: d, Fits: true}
		for _, k := range moved {
			if iv := meetings[k].Interval; !iv.IsEmpty() && (r.offset(iv.Start)+int64(d) < 0 || r.offset(iv.End)+int64(d) > r.length) {
				out[n].Fits = false
			}
		}
		var cost time.Duration
		for _, c := range people {
			if !out[n].Fits {
				break
			}
			// Each moved meeting lies in one stretch of available time
			// (bookable time is available); its cost there depends on
			// the stretch's other meetings and the moved ones in it.
			for j := 0; j < len(c.moved) && out[n].Fits; {
				s := span{c.moved[j].start + int64(d), c.moved[j].end + int64(d)}
				if !within(c.bookable, s) || overlapsAny(c.others, s) {
					out[n].Fits = false
					break
				}
				stretch := c.available[stretchOf(c.available, s)]
				busy = append(busy[:0], owned{s, 0})
				for j++; j < len(c.moved) && c.moved[j].start+int64(d) < stretch.end; j++ {
					s := span{c.moved[j].start + int64(d), c.moved[j].end + int64(d)}
					if !within(c.bookable, s) || overlapsAny(c.others, s) {
						out[n].Fits = false
						break
					}
					busy = append(busy, owned{s, 0})
				}
				if !out[n].Fits {
					break
				}
				for y := stretchOf(c.others, span{stretch.start, stretch.start}); y < len(c.others) && c.others[y].start < stretch.end; y++ {
					busy = append(busy, owned{c.others[y], -1})
				}
				addStretchCosts(stretch, busy, block, func(_ int, d time.Duration) { cost += d })
			}
		}
		if out[n].Fits {
			out[n].FocusCost = cost
		}
	}
	return out, nil
}

// stretchOf returns the index of the first of spans (sorted, disjoint)
// that ends after s starts.
func stretchOf(spans []span, s span) int {
	x, _ := slices.BinarySearchFunc(spans, s.start, func(p span, at int64) int { return cmp.Compare(p.end, at+1) })
	return x
}

// within reports whether s lies inside one of spans (sorted, disjoint).
func within(spans []span, s span) bool {
	x := stretchOf(spans, s)
	return x < len(spans) && spans[x].start <= s.start && s.end <= spans[x].end
}

// overlapsAny reports whether s overlaps one of spans (sorted, disjoint).
func overlapsAny(spans []span, s span) bool {
	x := stretchOf(spans, s)
	return x < len(spans) && spans[x].start < s.end
}
