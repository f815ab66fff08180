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
	k int
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
			out[i] = append(out[i], attended{k, span{max(0, r.offset(mt.Interval.Start)), min(r.length, r.offset(mt.Interval.End))}})
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
	var available, off []span
	for s, e := range m.draft.Spans(func(k calendar.Kind, hard bool) bool { return k == calendar.KindFree || k == calendar.KindFocus }) {
		available = append(available, span{s, e})
	}
	for s, e := range m.draft.Spans(func(k calendar.Kind, hard bool) bool { return k == calendar.KindOffHours }) {
		off = append(off, span{s, e})
	}
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

// FocusCosts returns the focus cost of each of meetings, with focus
// blocks of block (zero means DefaultFocusBlock): the focus time its
// attendees would have without it less the focus time they have with
// all the meetings, summed over them (Clockwise's "focus time cost").
// The meetings are checked as for Load. Removing a meeting only ever
// joins the free time around it, so the cost is never negative; it is
// worked out stretch of working time by stretch, where the meeting lies.
func (r *Report) FocusCosts(ctx context.Context, meetings []Meeting, block time.Duration) ([]time.Duration, error) {
	fail := func(format string, args ...any) ([]time.Duration, error) {
		return nil, fmt.Errorf("overlap.Report.FocusCosts: "+format, args...)
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
	costs := make([]time.Duration, len(meetings))
	focusOf := func(s span, busy []span) time.Duration {
		var f time.Duration
		for _, p := range subtractSpans([]span{s}, unionSpans(busy)) {
			if d := time.Duration(p.end - p.start); d >= block {
				f += d
			}
		}
		return f
	}
	for i := range r.people {
		if err := ctx.Err(); err != nil {
			return fail("%w", err)
		}
		ms := byPerson[i]
		if len(ms) == 0 {
			continue
		}
		// Free stretches never cross a stretch of available time: a
		// meeting changes only the stretches it lies in.
		for s, e := range r.people[i].draft.Spans(func(k calendar.Kind, hard bool) bool { return k == calendar.KindFree || k == calendar.KindFocus }) {
			var here []attended
			for _, m := range ms {
				if m.start < e && m.end > s {
					here = append(here, m)
				}
			}
			if len(here) == 0 {
				continue
			}
			all := make([]span, len(here))
			for j, m := range here {
				all[j] = m.span
			}
			base := focusOf(span{s, e}, slices.Clone(all))
			for j, m := range here {
				others := append(slices.Clone(all[:j]), all[j+1:]...)
				costs[m.k] += focusOf(span{s, e}, others) - base
			}
		}
	}
	return costs, nil
}
