package overlap

import (
	"cmp"
	"context"
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

// maxGenerated bounds the partial plans Rotate's search makes from one
// part before any are dropped (see calendar.Limits.RotationStates).
const maxGenerated = 1 << 17

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
	// BestEffort says that the search had too many partial plans to keep
	// them all and dropped the least promising, so that a plan with a
	// smaller largest burden may exist; without it, the plan is the best.
	BestEffort bool
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
// The search is a dynamic program over the parts that keeps, after each
// part, the partial plans whose burdens no other partial plan's beat for
// every attendee (at most as much for each, less for one), dropping those
// that cannot stay under the largest burden of a greedy plan, since
// finishing a beaten plan the same way never gives a smaller largest
// burden or total. Spread and total are then minimised over the plans so
// kept: plans that no other plan beats for everyone, which is where a fair
// plan lies, as burdening someone more only to narrow the spread helps no
// one. While each part leaves at most calendar.Limits.RotationStates
// (1,024 by default) partial plans this is exact: the
// largest burden is the least possible over all plans. Past that (many
// attendees, many parts) it keeps a quarter that many, the most promising
// (by the least largest burden they can still end with), so that its
// cost stays bounded; the result is then marked BestEffort, and is never
// worse than the greedy plan.
//
// Off-hours time is charged, but a busy event, holiday or time off under
// it (calendar.Segment.Under) keeps its attendee out, as do hard focus
// and no-meeting days.
//
// A part with no allowed slot makes an error that wraps a *NoSlotError,
// as does an n larger than the candidate starts in the window.
func (r *Report) Rotate(ctx context.Context, q Request, n int) (Rotation, error) {
	q.AllowOffHours = true
	p, err := r.newPlan(ctx, "overlap.Report.Rotate", q)
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
		cands, err := p.evaluate(ctx, starts, burden)
		if err != nil {
			return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
		}
		allowed := p.allowed(cands)
		if len(allowed) == 0 {
			return Rotation{}, fmt.Errorf("overlap.Report.Rotate: part %d of %d, %s: %w", i+1, n,
				calendar.Interval{Start: r.time(from), End: r.time(to)}.In(p.q.Zone), p.noSlot(cands))
		}
		parts[i] = paretoSlots(allowed, dims)
	}
	chosen, bestEffort, err := rotationSearch(ctx, parts, dims, calendar.LimitsOf(ctx).RotationStates)
	if err != nil {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
	}
	out := Rotation{Slots: make([]Suggestion, n), Burden: make([]Burden, dims), BestEffort: bestEffort}
	for i, a := range p.att {
		out.Burden[i].ID = a.m.sched.ID()
	}
	// The chosen slots again, for each attendee's part of their cost.
	starts := make([]int64, len(chosen))
	for i, c := range chosen {
		starts[i] = c.start
	}
	again, err := p.evaluate(ctx, starts, nil)
	if err != nil {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
	}
	for i, c := range chosen {
		c.costs = again[i].costs
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
	prev   int // the index of the state of the previous part it extends
	choice int // its slot in this part
	index  int // its own index in its layer
}

// rotationSearch picks one candidate per part as Rotate documents, and
// says whether it had to drop partial plans that might have led to a
// better one (best-effort).
func rotationSearch(ctx context.Context, parts [][]candidate, dims, exact int) ([]candidate, bool, error) {
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
	greedy := greedyPlan(parts, dims)
	bound := slices.Max(planBurden(parts, greedy, dims))
	bestEffort := false
	layers := make([][]rotationState, len(parts)+1)
	layers[0] = []rotationState{{burden: make([]int64, dims), prev: -1}}
	for i, part := range parts {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		layer := layers[i]
		if len(layer)*len(part) > maxGenerated {
			// Too many plans to extend them all: keep the most promising.
			layer = promising(layer, rest[i], max(1, maxGenerated/len(part)))
			bestEffort = true
		}
		// States in the order of their plans' starts, so that the first
		// state with some burdens is the earliest plan with them.
		var next []rotationState
		seen := map[string]bool{}
		b := make([]int64, dims)       // scratch: a plan's burdens
		key := make([]byte, 0, 8*dims) // and their key
		for _, s := range layer {
		choices:
			for ci, c := range part {
				for j := range dims {
					b[j] = s.burden[j] + c.burden[j]
					if b[j]+rest[i+1][j] > bound {
						continue choices
					}
				}
				key = appendBurdenKey(key[:0], b)
				if seen[string(key)] {
					continue
				}
				seen[string(key)] = true
				next = append(next, rotationState{burden: slices.Clone(b), prev: s.index, choice: ci})
			}
		}
		if len(next) > exact {
			next = promising(next, rest[i+1], max(1, exact/4))
			bestEffort = true
		}
		if len(next) == 0 {
			// Only a search that dropped partial plans runs dry: each
			// kept one goes over the greedy plan's largest burden.
			return planOf(parts, greedy), true, nil
		}
		next = paretoStates(next)
		for k := range next {
			next[k].index = k
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
	choice := make([]int, len(parts))
	for i, k := len(parts), best; i > 0; i-- {
		s := layers[i][k]
		choice[i-1] = s.choice
		k = s.prev
	}
	if bestEffort && compareBurdens(planBurden(parts, greedy, dims), planBurden(parts, choice, dims)) < 0 {
		// The beam lost the greedy plan and found none as good.
		choice = greedy
	}
	return planOf(parts, choice), bestEffort, nil
}

// planOf returns the candidates of the plan that takes choice[i] of part
// i.
func planOf(parts [][]candidate, choice []int) []candidate {
	out := make([]candidate, len(parts))
	for i, c := range choice {
		out[i] = parts[i][c]
	}
	return out
}

// promising returns, in their order, the n states (of all, when fewer)
// that look best for the rest of the search: by the least largest burden
// they can end with (their burdens plus rest, the least each attendee can
// still get), then their largest burden, then their total.
func promising(states []rotationState, rest []int64, n int) []rotationState {
	if len(states) <= n {
		return states
	}
	type scored struct {
		k                  int
		bound, most, total int64
	}
	sc := make([]scored, len(states))
	for k, s := range states {
		v := scored{k: k}
		for j, b := range s.burden {
			v.bound = max(v.bound, b+rest[j])
			v.most = max(v.most, b)
			v.total += b
		}
		sc[k] = v
	}
	slices.SortStableFunc(sc, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.bound, b.bound), cmp.Compare(a.most, b.most), cmp.Compare(a.total, b.total))
	})
	keep := make([]bool, len(states))
	for _, v := range sc[:n] {
		keep[v.k] = true
	}
	out := make([]rotationState, 0, n)
	for k, s := range states {
		if keep[k] {
			out = append(out, s)
		}
	}
	return out
}

// greedyPlan makes a plan part by part, each time taking the slot that
// keeps the largest burden so far least: a plan that always exists, whose
// largest burden bounds the search.
func greedyPlan(parts [][]candidate, dims int) []int {
	sum := make([]int64, dims)
	plan := make([]int, len(parts))
	for i, part := range parts {
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
		plan[i] = best
		for j := range dims {
			sum[j] += part[best].burden[j]
		}
	}
	return plan
}

// planBurden returns the burdens of the plan that takes choice[i] of
// part i.
func planBurden(parts [][]candidate, choice []int, dims int) []int64 {
	sum := make([]int64, dims)
	for i, c := range choice {
		for j := range dims {
			sum[j] += parts[i][c].burden[j]
		}
	}
	return sum
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

// appendBurdenKey appends the bytes of b to buf, as a map key.
func appendBurdenKey(buf []byte, b []int64) []byte {
	for _, v := range b {
		for k := range 8 {
			buf = append(buf, byte(v>>(8*k)))
		}
	}
	return buf
}
