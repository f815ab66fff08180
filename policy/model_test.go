package policy

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

// A minute model of the example team (teamReport), the oracle FactsFrom
// is checked against. From 2026-03-09 to 2026-03-29 New York keeps EDT
// and Berlin CET, so each person works the same UTC hours Mon-Fri:
// ben 08:00-16:00, sam 13:00-21:00, priya 03:30-11:30. The model covers
// three weeks from Mon 2026-03-09 00:00 UTC, a minute a slot, which is
// enough for any round trip that starts in the first week.
type minuteModel struct {
	start time.Time
	free  map[string][]bool // by ID, a slot a minute
}

const modelMinutes = 3 * 7 * 24 * 60

var modelHours = map[string][2]int{ // UTC minutes of the day
	"ben":   {8 * 60, 16 * 60},
	"sam":   {13 * 60, 21 * 60},
	"priya": {3*60 + 30, 11*60 + 30},
}

var modelOffsets = map[string]time.Duration{"ben": time.Hour, "sam": -4 * time.Hour, "priya": 5*time.Hour + 30*time.Minute}

func newMinuteModel() minuteModel {
	m := minuteModel{start: utc(9, 0, 0), free: map[string][]bool{}}
	for id, h := range modelHours {
		free := make([]bool, modelMinutes)
		for i := range free {
			day, min := i/(24*60), i%(24*60)
			free[i] = day%7 < 5 && min >= h[0] && min < h[1] // day 0 is a Monday
		}
		m.free[id] = free
	}
	return m
}

func (m minuteModel) at(i int) time.Time { return m.start.Add(time.Duration(i) * time.Minute) }

// common reports whether all of ids are free in minute i.
func (m minuteModel) common(ids []string, i int) bool {
	for _, id := range ids {
		if !m.free[id][i] {
			return false
		}
	}
	return true
}

// windows returns the runs of common minutes from minute from to minute
// to, as intervals.
func (m minuteModel) windows(ids []string, from, to int) []calendar.Interval {
	var out []calendar.Interval
	for i := from; i < to; i++ {
		if !m.common(ids, i) {
			continue
		}
		j := i
		for j < to && m.common(ids, j) {
			j++
		}
		out = append(out, calendar.Interval{Start: m.at(i), End: m.at(j)})
		i = j
	}
	return out
}

// reply returns the minute at which id has spent reply of their free
// minutes from minute i on.
func (m minuteModel) reply(id string, i int, reply time.Duration) int {
	left := int(reply / time.Minute)
	for ; ; i++ {
		if m.free[id][i] {
			left--
			if left == 0 {
				return i + 1
			}
		}
	}
}

// facts returns the facts about ids at minute now of the first week, by
// the model: what FactsFrom must find.
func (m minuteModel) facts(ids []string, now int, p Policy) (Facts, map[[2]string]time.Duration) {
	ids = slices.Sorted(slices.Values(ids))
	end := 7 * 24 * 60 // the report's window: the first week
	f := Facts{
		Now: m.at(now), Participants: ids, Horizon: calendar.Interval{Start: m.at(now), End: m.at(end)},
		Zones: len(ids),
	}
	commonAll := 0
	for i := range end {
		if m.common(ids, i) {
			commonAll++
			if i >= now {
				f.Common += time.Minute
			}
		}
	}
	f.CommonPerDay = time.Duration(commonAll) * time.Minute / 5 // everyone works each weekday, no one at weekends
	for _, w := range m.windows(ids, now, end) {
		if w.Duration() >= p.MinSlot && len(f.Windows) < MaxWindows {
			f.Windows = append(f.Windows, w)
		}
	}
	trips := map[[2]string]time.Duration{}
	for _, a := range ids {
		for _, b := range ids {
			if a == b {
				continue
			}
			back := m.reply(a, m.reply(b, now, p.ReplyDelay), p.ReplyDelay)
			trips[[2]string{a, b}] = time.Duration(back-now) * time.Minute
			f.RoundTrip = max(f.RoundTrip, trips[[2]string{a, b}])
		}
	}
	// The typical round trip: the median of the worst round trip sent on
	// each even hour of the week at which someone works.
	if len(ids) > 1 {
		var worst []time.Duration
		for h := 0; h < 7*24; h += 2 {
			at := h * 60
			if !slices.ContainsFunc(ids, func(id string) bool { return m.free[id][at] }) {
				continue
			}
			var w time.Duration
			for _, a := range ids {
				for _, b := range ids {
					if a != b {
						w = max(w, time.Duration(m.reply(a, m.reply(b, at, p.ReplyDelay), p.ReplyDelay)-at)*time.Minute)
					}
				}
			}
			worst = append(worst, w)
		}
		slices.Sort(worst)
		f.TypicalRoundTrip = worst[(len(worst)-1)/2]
	}
	lo, hi := modelOffsets[ids[0]], modelOffsets[ids[0]]
	for _, id := range ids {
		lo, hi = min(lo, modelOffsets[id]), max(hi, modelOffsets[id])
		if !m.free[id][now] {
			f.OffHoursNow = append(f.OffHoursNow, id)
		}
	}
	f.OffsetSpread = hi - lo
	if len(f.Windows) == 0 {
		f.MustShift = m.mustShift(ids, now, end, p.MinSlot)
	}
	return f, trips
}

// mustShift is the greedy rule of Facts.MustShift, on minutes.
func (m minuteModel) mustShift(ids []string, now, end int, slot time.Duration) []string {
	hasWindow := func(ids []string) bool {
		return slices.ContainsFunc(m.windows(ids, now, end), func(w calendar.Interval) bool { return w.Duration() >= slot })
	}
	commonTime := func(ids []string) int {
		n := 0
		for i := now; i < end; i++ {
			if m.common(ids, i) {
				n++
			}
		}
		return n
	}
	rest := slices.Clone(ids)
	var out []string
	for len(rest) > 2 && !hasWindow(rest) {
		best, bestTime := 0, -1
		for i := range rest {
			if d := commonTime(slices.Delete(slices.Clone(rest), i, i+1)); d > bestTime {
				best, bestTime = i, d
			}
		}
		out = append(out, rest[best])
		rest = slices.Delete(rest, best, best+1)
	}
	if len(rest) == 2 && !hasWindow(rest) {
		out = append(out, rest...)
	}
	slices.Sort(out)
	return out
}

// FactsFrom agrees with the minute model for every subset of the team,
// every minute of the week and any valid policy.
func TestFactsFromMatchesMinuteModel(t *testing.T) {
	r := teamReport(t)
	m := newMinuteModel()
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"ben", "priya", "sam"}), 1, 3, rapid.ID[string]).Draw(t, "ids")
		now := rapid.IntRange(0, 7*24*60-1).Draw(t, "nowMin")
		p := genPolicy(t)
		got, err := FactsFrom(context.Background(), r, ids, m.at(now), p)
		if err != nil {
			t.Fatalf("FactsFrom: %v", err)
		}
		want, trips := m.facts(ids, now, p)
		// The pair is one that has the worst round trip (the model does
		// not say which of equals).
		if len(ids) > 1 {
			if d, ok := trips[got.RoundTripPair]; !ok || d != want.RoundTrip {
				t.Fatalf("round trip pair %v has %s, want a pair with the worst, %s (%v)", got.RoundTripPair, d, want.RoundTrip, trips)
			}
		}
		want.RoundTripPair = got.RoundTripPair
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("facts about %v at %s (-model +FactsFrom):\n%s", ids, m.at(now).Format("Mon 15:04"), diff)
		}
	})
}
