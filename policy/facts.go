package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// MaxWindows bounds Facts.Windows: the common windows after the first
// MaxWindows are not listed.
const MaxWindows = 100

// Facts are the figures about a group of people that the rules read: how
// much their free time overlaps, when they can next meet, and how long a
// written exchange among them takes. FactsFrom computes them from an
// overlap report; tests and tools may also fill them in by hand.
//
// All times are instants; FactsFrom gives them in UTC.
type Facts struct {
	// Now is the instant the facts are computed for.
	Now time.Time
	// Participants are the people the facts are about, ascending.
	Participants []string
	// Horizon is the part of the report's window from Now on.
	Horizon calendar.Interval
	// CommonPerDay is the common free time of the participants over the
	// report's whole window divided by the number of days (UTC dates) on
	// which at least one of them is free: the overlap of a typical
	// working day.
	CommonPerDay time.Duration
	// Common is the participants' common free time over the Horizon.
	Common time.Duration
	// Windows are the stretches of common free time in the Horizon at
	// least Policy.MinSlot long, in time order, at most MaxWindows of
	// them. Windows[0] is the next common window (see NextWindow).
	Windows []calendar.Interval
	// RoundTrip is the group's worst async round trip from Now: a message
	// answered, and the answer answered, each reply taking
	// Policy.ReplyDelay of the recipient's free time (overlap.Report.RoundTrips).
	// RoundTripPair is the pair that has it, the sender first; both are
	// empty for a group of one.
	RoundTrip     time.Duration
	RoundTripPair [2]string
	// TypicalRoundTrip is the group's round trip as a property of the
	// team, not of the minute: the median, over send times on the even
	// hours (UTC) of the UTC week (Monday to Monday) that holds Now,
	// inside the report's window, at which at least one participant is
	// in working hours, of the worst round trip sent then. The rules read it, so that a verdict does not change
	// with the hour it is asked; zero (facts filled in by hand) means
	// RoundTrip.
	TypicalRoundTrip time.Duration
	// Zones counts the participants' distinct time zones (by name), and
	// OffsetSpread is the largest UTC offset less the smallest, at the
	// hour of the UTC week that holds Now (Monday to Monday) when they
	// are furthest apart: a property of the week, like TypicalRoundTrip,
	// not of the minute (a change of clocks in the week counts).
	Zones        int
	OffsetSpread time.Duration
	// MustShift lists, when the Horizon holds no window of MinSlot, the
	// fewest participants (chosen greedily, ascending) who must work
	// outside their free time for the rest to have one: those who must
	// shift their hours to meet. It is empty when a window exists.
	MustShift []string
	// OffHoursNow lists the participants for whom Now is outside working
	// hours (off-hours, a holiday or time off), ascending.
	OffHoursNow []string
}

// NextWindow returns the next common window long enough to meet,
// Windows[0], and false when there is none.
func (f Facts) NextWindow() (calendar.Interval, bool) {
	if len(f.Windows) == 0 {
		return calendar.Interval{}, false
	}
	return f.Windows[0], true
}

// FactsFrom computes the Facts about participants from r as of now, with
// p's MinSlot and ReplyDelay. The participants must be a non-empty list
// of distinct IDs of r's team (an unknown ID is an error that wraps
// ErrUnknownParticipant), now must lie in r's window, and p must be
// valid. The round trip comes from r.RoundTrips among the participants,
// whose cost is quadratic in their number; a pair of participants whose
// round trip never completes makes an error that wraps
// overlap.ErrNoReply.
func FactsFrom(ctx context.Context, r *overlap.Report, participants []string, now time.Time, p Policy) (Facts, error) {
	fail := func(err error, format string, args ...any) (Facts, error) {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w: %s", err, fmt.Sprintf(format, args...))
	}
	if r == nil {
		return fail(ErrInvalid, "nil report")
	}
	if err := p.Validate(); err != nil {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
	}
	p = p.withDefaults()
	if len(participants) == 0 {
		return fail(ErrInvalid, "no participants")
	}
	if max := calendar.LimitsOf(ctx).Participants; len(participants) > max {
		// The round trips cost the square of the participants.
		return fail(calendar.ErrLimit, "Limits.Participants: %d participants is more than %d", len(participants), max)
	}
	team := r.IDs()
	ids := slices.Clone(participants)
	slices.Sort(ids)
	for i, id := range ids {
		if i > 0 && ids[i-1] == id {
			return fail(ErrInvalid, "participant %q is listed twice", id)
		}
		if _, ok := slices.BinarySearch(team, id); !ok {
			return fail(ErrUnknownParticipant, "%q is not in the report's team", id)
		}
	}
	now = now.Round(0).UTC()
	window := r.Window()
	if !window.Contains(now) {
		return fail(ErrInvalid, "now %s is outside the report's window %s", now.Format(time.RFC3339), window)
	}
	f := Facts{
		Now:          now,
		Participants: ids,
		Horizon:      calendar.Interval{Start: now, End: window.End.UTC()},
	}

	common, err := r.Common(ids...)
	if err != nil {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
	}
	anyone, err := r.AtLeast(1, ids...)
	if err != nil {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
	}
	f.Common = common.Clip(f.Horizon).Duration()
	f.CommonPerDay = perDay(common, anyone)
	f.Windows = windows(common.Clip(f.Horizon), p.MinSlot)

	trips, err := r.RoundTrips(ctx, p.ReplyDelay, now, ids...)
	if err != nil {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
	}
	for _, a := range ids {
		for _, b := range ids {
			if d := trips[[2]string{a, b}]; a != b && (d > f.RoundTrip || f.RoundTripPair[0] == "") {
				f.RoundTrip, f.RoundTripPair = d, [2]string{a, b}
			}
		}
	}

	if f.TypicalRoundTrip, err = typicalRoundTrip(ctx, r, ids, now, p.ReplyDelay); err != nil {
		return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
	}

	zones := map[string]bool{}
	locs := make([]*time.Location, len(ids))
	for i, id := range ids {
		loc, err := r.Zone(id)
		if err != nil {
			return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
		}
		zones[loc.String()] = true
		locs[i] = loc
		segs, err := r.Timeline(id)
		if err != nil {
			return Facts{}, fmt.Errorf("policy.FactsFrom: %w", err)
		}
		for _, s := range segs {
			if s.Contains(now) {
				if s.Kind == calendar.KindOffHours || s.Kind == calendar.KindHoliday || s.Kind == calendar.KindTimeOff {
					f.OffHoursNow = append(f.OffHoursNow, id)
				}
				break
			}
		}
	}
	f.Zones = len(zones)
	week := utcWeek(now)
	for at := week.Start; at.Before(week.End); at = at.Add(time.Hour) {
		var lo, hi int
		for i, loc := range locs {
			_, off := at.In(loc).Zone()
			if i == 0 {
				lo, hi = off, off
			}
			lo, hi = min(lo, off), max(hi, off)
		}
		f.OffsetSpread = max(f.OffsetSpread, time.Duration(hi-lo)*time.Second)
	}

	if len(f.Windows) == 0 {
		f.MustShift = mustShift(r, ids, f.Horizon, p.MinSlot)
	}
	return f, nil
}

// roundTrip returns the round trip the rules read: TypicalRoundTrip, or
// RoundTrip when that is not set.
func (f Facts) roundTrip() time.Duration {
	if f.TypicalRoundTrip > 0 {
		return f.TypicalRoundTrip
	}
	return f.RoundTrip
}

// utcWeek returns the UTC week, Monday 00:00 to Monday 00:00, that holds
// t.
func utcWeek(t time.Time) calendar.Interval {
	monday := calendar.DateOf(t.UTC())
	monday = monday.AddDays(-((int(monday.Weekday()) + 6) % 7))
	return calendar.Interval{Start: calendar.Wall(monday, 0, time.UTC), End: calendar.Wall(monday.AddDays(7), 0, time.UTC)}
}

// roundTripNow returns the round trip from Now: RoundTrip, or the typical
// one when that is not set.
func (f Facts) roundTripNow() time.Duration {
	if f.RoundTrip > 0 {
		return f.RoundTrip
	}
	return f.TypicalRoundTrip
}

// typicalRoundTrip returns Facts.TypicalRoundTrip for ids of r, as of now.
func typicalRoundTrip(ctx context.Context, r *overlap.Report, ids []string, now time.Time, reply time.Duration) (time.Duration, error) {
	if len(ids) < 2 {
		return 0, nil
	}
	// The hours of the week inside the report's window, where its
	// timelines answer quickly: the same for every now of the week.
	week := utcWeek(now).Intersect(r.Window())
	working := make([][]calendar.Interval, len(ids))
	for i, id := range ids {
		segs, err := r.Timeline(id)
		if err != nil {
			return 0, err
		}
		for _, sg := range segs {
			if sg.Kind != calendar.KindOffHours && sg.Kind != calendar.KindHoliday && sg.Kind != calendar.KindTimeOff {
				working[i] = append(working[i], sg.Interval)
			}
		}
	}
	// Every second hour on the even hours of UTC: a median needs no
	// more, and each send costs two replies a person.
	var sends, all []time.Time
	first := week.Start.Truncate(2 * time.Hour)
	if first.Before(week.Start) {
		first = first.Add(2 * time.Hour)
	}
	for at := first; at.Before(week.End); at = at.Add(2 * time.Hour) {
		all = append(all, at)
		for _, ivs := range working {
			if slices.ContainsFunc(ivs, func(iv calendar.Interval) bool { return iv.Contains(at) }) {
				sends = append(sends, at)
				break
			}
		}
	}
	if len(sends) == 0 {
		sends = all // nobody works then: every hour
	}
	// The worst round trip from at: a reply comes no sooner for a later
	// message, so a's worst is the answer to the latest reply a gets
	// from anyone else. Two replies a person, not one a pair.
	worstFrom := func(at time.Time) (time.Duration, error) {
		back := make([]time.Time, len(ids))
		for i, id := range ids {
			t, err := r.Reply(ctx, id, at, reply)
			if err != nil {
				return 0, err
			}
			back[i] = t
		}
		var w time.Duration
		for i, id := range ids {
			var latest time.Time
			for j, t := range back {
				if j != i && t.After(latest) {
					latest = t
				}
			}
			t, err := r.Reply(ctx, id, latest, reply)
			if err != nil {
				return 0, err
			}
			w = max(w, t.Sub(at))
		}
		return w, nil
	}
	// An hour from which some round trip never completes (someone
	// leaving for good) is left out; with none left, zero: the rules
	// then read the round trip from now.
	var worst []time.Duration
	for _, at := range sends {
		w, err := worstFrom(at)
		if errors.Is(err, overlap.ErrNoReply) {
			continue
		}
		if err != nil {
			return 0, err
		}
		worst = append(worst, w)
	}
	if len(worst) == 0 {
		return 0, nil
	}
	slices.Sort(worst)
	return worst[(len(worst)-1)/2], nil
}

// perDay returns the duration of common divided by the number of UTC dates
// that anyone touches, zero when anyone is empty.
func perDay(common, anyone calendar.Set) time.Duration {
	days := map[calendar.Date]bool{}
	for iv := range anyone.All() {
		last := calendar.DateOf(iv.End.Add(-1).UTC())
		for d := calendar.DateOf(iv.Start.UTC()); !d.After(last); d = d.AddDays(1) {
			days[d] = true
		}
	}
	if len(days) == 0 {
		return 0
	}
	return common.Duration() / time.Duration(len(days))
}

// windows returns the intervals of s at least min long, in UTC, at most
// MaxWindows of them.
func windows(s calendar.Set, min time.Duration) []calendar.Interval {
	var out []calendar.Interval
	for iv := range s.All() {
		if iv.Duration() >= min {
			out = append(out, iv.In(time.UTC))
			if len(out) == MaxWindows {
				break
			}
		}
	}
	return out
}

// hasWindow reports whether s holds an interval at least min long.
func hasWindow(s calendar.Set, min time.Duration) bool {
	for iv := range s.All() {
		if iv.Duration() >= min {
			return true
		}
	}
	return false
}

// mustShift returns the people to leave out, greedily, until the rest of
// ids have a common window of at least min in horizon: each step leaves
// out the person whose absence gives the rest the most common time, the
// first in ID order among equals. One person is never left alone with no
// one to meet; the result is ascending.
func mustShift(r *overlap.Report, ids []string, horizon calendar.Interval, min time.Duration) []string {
	rest := slices.Clone(ids)
	var out []string
	common := func(ids []string) calendar.Set {
		s, _ := r.Common(ids...) // FactsFrom has checked every ID
		return s.Clip(horizon)
	}
	for len(rest) > 2 && !hasWindow(common(rest), min) {
		best, bestTime := -1, time.Duration(-1)
		for i := range rest {
			others := slices.Delete(slices.Clone(rest), i, i+1)
			if d := common(others).Duration(); d > bestTime {
				best, bestTime = i, d
			}
		}
		out = append(out, rest[best])
		rest = slices.Delete(rest, best, best+1)
	}
	if len(rest) == 2 && !hasWindow(common(rest), min) {
		// Two people with no window: either could shift; name both.
		out = append(out, rest...)
	}
	slices.Sort(out)
	return out
}
