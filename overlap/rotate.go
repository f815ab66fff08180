package overlap

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// EarlyEnd and LateStart bound the sociable part of a local day for
// Rotate: meeting time before 08:00 or from 18:00 on is early or late.
const (
	EarlyEnd  = calendar.Clock(8 * 60)
	LateStart = calendar.Clock(18 * 60)
)

// maxRotationStates bounds the plans Rotate keeps between parts.
const maxRotationStates = 1 << 16

// A Rotation is a recurring meeting's slots, one per part of the window,
// chosen so that the burden is shared.
type Rotation struct {
	// Slots are the chosen slots, in time order, one per part.
	Slots []Suggestion
	// Burden lists each attendee's burden over all the slots: required
	// attendees, then optional ones, each in ID order.
	Burden []Burden
	// Max, Spread and Total are the largest burden, the largest less the
	// smallest, and the sum.
	Max, Spread, Total time.Duration
}

// A Burden is what a rotation asks of one attendee: the meeting time
// outside their working hours plus the meeting time early or late on
// their wall clock (before EarlyEnd or from LateStart), summed over the
// slots they attend. Late time off-hours counts twice, once each way.
type Burden struct {
	ID     string
	Burden time.Duration
	// Slots counts the slots in which the attendee is present.
	Slots int
}

// Rotate chooses n slots for a meeting that recurs n times in the
// report's window, so that the burden (see Burden) is shared.
//
// The window (from q.NotBefore on, when that is later than its start,
// less q.Buffer so that a meeting may start at NotBefore, as in Suggest)
// is cut into n parts of equal length (n weeks of an n-week window), and
// each slot is one of the slots that Suggest would allow in
// its part, read with AllowOffHours set: a meeting across zones can rarely
// keep to everyone's working hours. Among the plans (one slot a part),
// Rotate picks the one with the smallest largest burden, then the
// smallest spread (largest less smallest), then the smallest total, then
// the one whose slots come first; among slots with the same burdens in a
// part it keeps the one Suggest ranks first.
//
// The largest burden is the least possible over all plans. The search is
// exact for it: a dynamic program over the parts keeps, after each part,
// the partial plans whose burdens no other partial plan's beat for every
// attendee (at most as much for each, less for one), dropping those that
// cannot stay under the best largest burden known, since finishing a
// beaten plan the same way never gives a smaller largest burden or total.
// Spread and total are then minimised over the plans so kept: plans that
// no other plan beats for everyone, which is where a fair plan lies, as
// burdening someone more only to narrow the spread helps no one. Should
// more than 65536 partial plans remain after a part, Rotate returns an
// error rather than run long.
//
// Off-hours time holds no busy time, holiday or time off on a timeline
// (see calendar.Schedule.Timeline), so Rotate charges it but cannot see a
// commitment there; hard focus and no-meeting days still keep people out.
//
// A part with no allowed slot makes an error that wraps a *NoSlotError,
// as does an n larger than the candidate starts in the window.
func (r *Report) Rotate(q Request, n int) (Rotation, error) {
	q.AllowOffHours = true
	p, err := r.newPlan("overlap.Report.Rotate", q)
	if err != nil {
		return Rotation{}, err
	}
	if n < 1 {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: n = %d: want at least one slot", n)
	}
	if n > len(p.grid) {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %d meetings but %d candidate starts in the window: %w", n, len(p.grid), &NoSlotError{Want: p.q.MinAttendance, Slots: len(p.grid)})
	}
	for i := range p.att {
		a := &p.att[i]
		a.daytime = r.localDays(a.m.sched.Zone(), func(calendar.Date) (calendar.Clock, calendar.Clock, bool) {
			return EarlyEnd, LateStart, true
		})
	}
	burden := func(a *attendee, ms, off int64) int64 {
		me := ms + int64(p.q.Duration)
		day := int64(0)
		for a.day < len(a.daytime) && a.daytime[a.day].end <= ms {
			a.day++
		}
		for k := a.day; k < len(a.daytime) && a.daytime[k].start < me; k++ {
			day += min(me, a.daytime[k].end) - max(ms, a.daytime[k].start)
		}
		return off + int64(p.q.Duration) - day
	}
	dims := len(p.att)
	parts := make([][]candidate, n)
	first := int64(0) // where the first part starts: its first meeting's buffer
	if !p.q.NotBefore.IsZero() && p.q.NotBefore.After(r.window.Start) {
		first = max(0, min(r.offset(p.q.NotBefore), r.length)-int64(p.q.Buffer))
	}
	for i := range parts {
		from, to := first+partBound(r.length-first, n, i), first+partBound(r.length-first, n, i+1)
		var starts []int64
		if p.grid != nil {
			starts = r.grid(p.q, from, to)
		}
		cands := p.evaluate(starts, burden)
		allowed := p.allowed(cands)
		if len(allowed) == 0 {
			return Rotation{}, fmt.Errorf("overlap.Report.Rotate: part %d of %d, %s: %w", i+1, n,
				calendar.Interval{Start: r.time(from), End: r.time(to)}.In(p.q.Zone), p.noSlot(cands))
		}
		parts[i] = paretoSlots(allowed, dims)
	}
	chosen, err := rotationSearch(parts, dims)
	if err != nil {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
	}
	out := Rotation{Slots: make([]Suggestion, n), Burden: make([]Burden, dims)}
	for i, a := range p.att {
		out.Burden[i].ID = a.m.sched.ID()
	}
	for i, c := range chosen {
		out.Slots[i] = p.suggestion(c)
		for j := range dims {
			out.Burden[j].Burden += time.Duration(c.burden[j])
			if c.present[j] {
				out.Burden[j].Slots++
			}
		}
	}
	lo := out.Burden[0].Burden
	for _, b := range out.Burden {
		out.Max = max(out.Max, b.Burden)
		lo = min(lo, b.Burden)
		out.Total += b.Burden
	}
	out.Spread = out.Max - lo
	return out, nil
}

// partBound returns where part i of n of a window of length ns starts,
// without overflow.
func partBound(length int64, n, i int) int64 {
	return length/int64(n)*int64(i) + length%int64(n)*int64(i)/int64(n)
}

// paretoSlots returns, in time order, the candidates of one part whose
// burdens no other's beat: for equal burdens, the one Suggest ranks first.
func paretoSlots(cands []candidate, dims int) []candidate {
	ranked := slices.Clone(cands)
	slices.SortFunc(ranked, compareCandidates)
	var keep []candidate
	for _, c := range ranked {
		if !slices.ContainsFunc(keep, func(k candidate) bool { return dominates(k.burden, c.burden) }) {
			keep = slices.DeleteFunc(keep, func(k candidate) bool { return dominates(c.burden, k.burden) })
			keep = append(keep, c)
		}
	}
	slices.SortFunc(keep, func(a, b candidate) int { return cmp.Compare(a.start, b.start) })
	return keep
}

// dominates reports whether a is at most b everywhere (so equal vectors
// dominate each other).
func dominates(a, b []int64) bool {
	for i := range a {
		if a[i] > b[i] {
			return false
		}
	}
	return true
}

// A rotationState is a partial plan: its burdens, and how it was made.
type rotationState struct {
	burden []int64
	prev   int // the state of the previous part it extends
	choice int // its slot in this part
}

// rotationSearch picks one candidate per part as Rotate documents.
func rotationSearch(parts [][]candidate, dims int) ([]candidate, error) {
	// rest[i][j]: the least burden attendee j can get from parts i on.
	rest := make([][]int64, len(parts)+1)
	rest[len(parts)] = make([]int64, dims)
	for i := len(parts) - 1; i >= 0; i-- {
		rest[i] = slices.Clone(rest[i+1])
		for j := range dims {
			least := parts[i][0].burden[j]
			for _, c := range parts[i] {
				least = min(least, c.burden[j])
			}
			rest[i][j] += least
		}
	}
	bound := greedyBound(parts, dims)
	layers := make([][]rotationState, len(parts)+1)
	layers[0] = []rotationState{{burden: make([]int64, dims), prev: -1}}
	for i, part := range parts {
		// States in the order of their plans' starts, so that the first
		// state with some burdens is the earliest plan with them.
		var next []rotationState
		seen := map[string]bool{}
		for si, s := range layers[i] {
		choices:
			for ci, c := range part {
				b := make([]int64, dims)
				for j := range dims {
					b[j] = s.burden[j] + c.burden[j]
					if b[j]+rest[i+1][j] > bound {
						continue choices
					}
				}
				key := burdenKey(b)
				if seen[key] {
					continue
				}
				seen[key] = true
				next = append(next, rotationState{burden: b, prev: si, choice: ci})
			}
		}
		next = paretoStates(next)
		if len(next) > maxRotationStates {
			return nil, fmt.Errorf("more than %d partial plans after part %d of %d", maxRotationStates, i+1, len(parts))
		}
		layers[i+1] = next
	}
	last := layers[len(parts)]
	best := 0
	for k := 1; k < len(last); k++ {
		if compareBurdens(last[k].burden, last[best].burden) < 0 {
			best = k
		}
	}
	out := make([]candidate, len(parts))
	for i, k := len(parts), best; i > 0; i-- {
		s := layers[i][k]
		out[i-1] = parts[i-1][s.choice]
		k = s.prev
	}
	return out, nil
}

// greedyBound is the largest burden of a plan made part by part, each
// time the slot that keeps the largest burden so far least: a bound that
// some plan meets, so the search may drop partial plans above it.
func greedyBound(parts [][]candidate, dims int) int64 {
	sum := make([]int64, dims)
	for _, part := range parts {
		best, bestMax := 0, int64(-1)
		for ci, c := range part {
			m := int64(0)
			for j := range dims {
				m = max(m, sum[j]+c.burden[j])
			}
			if bestMax < 0 || m < bestMax {
				best, bestMax = ci, m
			}
		}
		for j := range dims {
			sum[j] += part[best].burden[j]
		}
	}
	return slices.Max(sum)
}

// paretoStates keeps, in order, the states that no other state beats.
// Equal burdens were removed before.
func paretoStates(states []rotationState) []rotationState {
	// Sorting by total puts every possible beater before what it beats.
	idx := make([]int, len(states))
	totals := make([]int64, len(states))
	for i, s := range states {
		idx[i] = i
		for _, b := range s.burden {
			totals[i] += b
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(totals[a], totals[b]) })
	beaten := make([]bool, len(states))
	var kept []int
	for _, i := range idx {
		for _, k := range kept {
			if dominates(states[k].burden, states[i].burden) {
				beaten[i] = true
				break
			}
		}
		if !beaten[i] {
			kept = append(kept, i)
		}
	}
	out := states[:0:0]
	for i, s := range states {
		if !beaten[i] {
			out = append(out, s)
		}
	}
	return out
}

// compareBurdens orders burden vectors by largest, then spread, then
// total.
func compareBurdens(a, b []int64) int {
	ma, mb := slices.Max(a), slices.Max(b)
	if ma != mb {
		return cmp.Compare(ma, mb)
	}
	if sa, sb := ma-slices.Min(a), mb-slices.Min(b); sa != sb {
		return cmp.Compare(sa, sb)
	}
	var ta, tb int64
	for i := range a {
		ta += a[i]
		tb += b[i]
	}
	return cmp.Compare(ta, tb)
}

func burdenKey(b []int64) string {
	buf := make([]byte, 0, 8*len(b))
	for _, v := range b {
		for k := range 8 {
			buf = append(buf, byte(v>>(8*k)))
		}
	}
	return string(buf)
}
