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

// Load returns how meetings weigh on the report's people over its window,
// with focus blocks of block (zero means DefaultFocusBlock). Each
// meeting's attendees must be IDs of the team, listed once; a meeting
// may lie partly or wholly outside the window, whose part inside counts.
// The report's timelines should not hold the meetings as busy time
// (leave them out of the people's calendars): the load takes them from
// meetings, and a meeting also busy on the timeline is taken from free
// time once only all the same. A stretch is cut at the window's edges.
func (r *Report) Load(ctx context.Context, meetings []Meeting, block time.Duration) (Load, error) {
	fail := func(format string, args ...any) (Load, error) {
		return Load{}, fmt.Errorf("overlap.Report.Load: "+format, args...)
	}
	if block == 0 {
		block = DefaultFocusBlock
	}
	if block < 0 {
		return fail("focus block %s is negative", block)
	}
	byPerson, err := r.byAttendee(meetings)
	if err != nil {
		return fail("%w", err)
	}
	out := Load{People: make([]PersonLoad, len(r.people))}
	for i := range r.people {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		m := &r.people[i]
		pl := r.personLoad(m, byPerson[i], block)
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

// byAttendee returns each member's meetings in the window (by index in
// r.people), in the order given, checking the attendees.
func (r *Report) byAttendee(meetings []Meeting) ([][]attended, error) {
	out := make([][]attended, len(r.people))
	for k, mt := range meetings {
		for j, id := range mt.Attendees {
			i, ok := slices.BinarySearchFunc(r.people, id, func(m member, id string) int { return cmp.Compare(m.sched.ID(), id) })
			if !ok {
				return nil, fmt.Errorf("meeting %d: %w %q", k+1, ErrUnknownID, id)
			}
			if slices.Contains(mt.Attendees[:j], id) {
				return nil, fmt.Errorf("meeting %d: attendee %q is listed twice", k+1, id)
			}
			if mt.Interval.IsEmpty() || !mt.Interval.Overlaps(r.window) {
				continue
			}
			out[i] = append(out[i], attended{k, j, span{max(0, r.offset(mt.Interval.Start)), min(r.length, r.offset(mt.Interval.End))}})
		}
	}
	return out, nil
}

// personLoad is m's load with the meetings ms.
func (r *Report) personLoad(m *member, ms []attended, block time.Duration) PersonLoad {
	pl := PersonLoad{ID: m.sched.ID(), LoadFigures: LoadFigures{Meetings: len(ms)}}
	busy := make([]span, len(ms))
	for j, a := range ms {
		busy[j] = a.span
	}
	busy = unionSpans(busy)
	available, off := m.spans(isAvailable), m.spans(isOffHours)
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

// MeetingCosts returns what each of meetings costs its attendees, with
// focus blocks of block (zero means DefaultFocusBlock). The meetings are
// checked as for Load, and as for Load the report's timelines should not
// hold them as busy time: a meeting that is also busy on a timeline
// frees nothing when it is taken away, and so costs no focus there.
func (r *Report) MeetingCosts(ctx context.Context, meetings []Meeting, block time.Duration) ([]MeetingCost, error) {
	fail := func(format string, args ...any) ([]MeetingCost, error) {
		return nil, fmt.Errorf("overlap.Report.MeetingCosts: "+format, args...)
	}
	if block == 0 {
		block = DefaultFocusBlock
	}
	if block < 0 {
		return fail("focus block %s is negative", block)
	}
	byPerson, err := r.byAttendee(meetings)
	if err != nil {
		return fail("%w", err)
	}
	costs := make([]MeetingCost, len(meetings))
	for k, m := range meetings {
		if m.Interval.Overlaps(r.window) {
			costs[k].Time = m.Interval.Intersect(r.window).Duration()
		}
		costs[k].AfterHours = make([]time.Duration, len(m.Attendees))
	}
	focus := make([]time.Duration, len(meetings))
	for i := range r.people {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		ms := byPerson[i]
		if len(ms) == 0 {
			continue
		}
		m := &r.people[i]
		off := m.spans(isOffHours)
		for _, a := range ms {
			costs[a.k].AfterHours[a.j] = time.Duration(overlapLength([]span{a.span}, off))
		}
		addFocusCosts(m.spans(isAvailable), ms, block, focus)
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
	here := make([][]span, len(available))  // the meetings in each stretch
	owners := make([][]int, len(available)) // and their indices
	for _, a := range ms {
		first, _ := slices.BinarySearchFunc(available, a.start, func(s span, at int64) int { return cmp.Compare(s.end, at+1) })
		for x := first; x < len(available) && available[x].start < a.end; x++ {
			if available[x].end > a.start {
				here[x] = append(here[x], a.span)
				owners[x] = append(owners[x], a.k)
			}
		}
	}
	focusOf := func(s span, busy []span) time.Duration {
		var f time.Duration
		for _, p := range subtractSpans([]span{s}, unionSpans(busy)) {
			if d := time.Duration(p.end - p.start); d >= block {
				f += d
			}
		}
		return f
	}
	for x, s := range available {
		if len(here[x]) == 0 {
			continue
		}
		base := focusOf(s, slices.Clone(here[x]))
		for j, k := range owners[x] {
			if k < 0 {
				continue
			}
			others := append(slices.Clone(here[x][:j]), here[x][j+1:]...)
			costs[k] += focusOf(s, others) - base
		}
	}
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
// time of day, say. The meetings are checked as for Load, each index must
// be one of theirs (listed once), and the offsets are whole minutes. The
// moved meetings' focus cost where they are is MeetingCosts'.
func (r *Report) Shifts(ctx context.Context, meetings []Meeting, moved []int, offsets []time.Duration, block time.Duration) ([]Shift, error) {
	fail := func(format string, args ...any) ([]Shift, error) {
		return nil, fmt.Errorf("overlap.Report.Shifts: "+format, args...)
	}
	if block == 0 {
		block = DefaultFocusBlock
	}
	if block < 0 {
		return fail("focus block %s is negative", block)
	}
	isMoved := make([]bool, len(meetings))
	for _, k := range moved {
		if k < 0 || k >= len(meetings) {
			return fail("moved meeting %d: want 0 to %d", k, len(meetings)-1)
		}
		if isMoved[k] {
			return fail("moved meeting %d is listed twice", k)
		}
		isMoved[k] = true
	}
	for _, d := range offsets {
		if d%time.Minute != 0 {
			return fail("offset %s is not a whole number of minutes", d)
		}
	}
	byPerson, err := r.byAttendee(meetings)
	if err != nil {
		return fail("%w", err)
	}
	// The people the moved meetings concern: their other meetings stay,
	// the moved ones go; a moved meeting must lie wholly in the window to
	// be moved at all.
	type concerned struct {
		bookable, available []span
		others              []attended
		moved               []span
	}
	var people []concerned
	for _, k := range moved {
		if iv := meetings[k].Interval; !iv.IsEmpty() && (iv.Start.Before(r.window.Start) || iv.End.After(r.window.End)) {
			return fail("moved meeting %d (%s) is not inside the window", k, iv)
		}
	}
	for i, ms := range byPerson {
		c := concerned{}
		for _, a := range ms {
			if isMoved[a.k] {
				c.moved = append(c.moved, a.span)
			} else {
				c.others = append(c.others, attended{k: -1, j: a.j, span: a.span})
			}
		}
		if len(c.moved) == 0 {
			continue
		}
		m := &r.people[i]
		c.bookable, c.available = m.spans(isBookable), m.spans(isAvailable)
		c.others = append(c.others, make([]attended, len(c.moved))...) // room for the moved ones
		people = append(people, c)
	}
	out := make([]Shift, len(offsets))
	cost := []time.Duration{0}
	for n, d := range offsets {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		out[n] = Shift{Offset: d, Fits: true}
		cost[0] = 0
		for _, k := range moved {
			if iv := meetings[k].Interval; !iv.IsEmpty() && (r.offset(iv.Start)+int64(d) < 0 || r.offset(iv.End)+int64(d) > r.length) {
				out[n].Fits = false
			}
		}
		for _, c := range people {
			if !out[n].Fits {
				break
			}
			base := len(c.others) - len(c.moved)
			for j, s := range c.moved {
				s = span{s.start + int64(d), s.end + int64(d)}
				if !within(c.bookable, s) || overlapsAny(c.others[:base], s) {
					out[n].Fits = false
					break
				}
				c.others[base+j] = attended{k: 0, span: s}
			}
			if !out[n].Fits {
				break
			}
			addFocusCosts(c.available, c.others, block, cost)
		}
		if out[n].Fits {
			out[n].FocusCost = cost[0]
		}
	}
	return out, nil
}

// within reports whether s lies inside one of spans (sorted, disjoint).
func within(spans []span, s span) bool {
	x, _ := slices.BinarySearchFunc(spans, s.start, func(p span, at int64) int { return cmp.Compare(p.end, at+1) })
	return x < len(spans) && spans[x].start <= s.start && s.end <= spans[x].end
}

// overlapsAny reports whether s overlaps one of the meetings ms.
func overlapsAny(ms []attended, s span) bool {
	for _, a := range ms {
		if a.start < s.end && s.start < a.end {
			return true
		}
	}
	return false
}
