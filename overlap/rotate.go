package overlap

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
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
	// FairShare says that the plan keeps the rule that no attendee takes
	// more than half of the slots at an inconvenient time (with a burden
	// for them). Rotate keeps it whenever some plan does; false says that
	// none could (or, with BestEffort, that the search found none).
	FairShare bool
	// BestEffort says that the search had too many partial plans to keep
	// them all and dropped the least promising, so that a better plan
	// may exist; without it, the plan is the best.
	BestEffort bool
}

// A Burden is what a rotation asks of one attendee: the sum of their
// Cost.Burden over the slots (their meeting time outside working hours,
// weighed by band), so that it adds up to the slots' costs.
type Burden struct {
	ID     string
	Burden time.Duration
	// Slots counts the slots in which the attendee is present, and
	// Inconvenient those of them with a burden.
	Slots, Inconvenient int
}

// Rotate chooses n slots for a meeting that recurs n times in the
// report's window, so that the burden (see Burden) is shared.
//
// The window (from q.NotBefore on, when that is later than its start,
// less q.Buffer so that a meeting may start at NotBefore, as in Suggest)
// is cut into n parts of equal length (n weeks of an n-week window), and
// each slot is one of the slots that Suggest would allow in its part,
// read with AllowOffHours set: a meeting across zones can rarely keep to
// everyone's working hours. Nights and days without working hours stay
// excluded unless q allows them, and commitments always are (see
// Request.AllowOffHours).
//
// Among the plans (one slot a part), Rotate picks, in this order:
//   - one that keeps the fair-share rule (Rotation.FairShare: nobody
//     has more than half of the slots at an inconvenient time), when any
//     plan does. The rule asks to spread inconvenient slots, never to add
//     one: a plan that inconveniences nobody more often than another
//     keeps it whenever the other does;
//   - the smallest largest burden;
//   - the fewest inconvenient slots (with a burden) of the attendee who
//     has the most;
//   - the smallest spread (largest burden less smallest), then the
//     smallest total, among the plans that no other plan beats for every
//     attendee at once (in burden and inconvenient slots),
//     which is where a fair plan lies: burdening someone more only to
//     narrow the spread helps no one;
//   - the one whose slots come first.
//
// Among slots of one part that are the same for every attendee it keeps
// the one Suggest ranks first.
//
// The search is a dynamic program over the parts that keeps, after each
// part, the partial plans that no other beats for every attendee, and
// drops those that cannot stay under the largest burden of a greedy plan
// (when that plan keeps the rule). While each part leaves at most
// calendar.Limits.RotationStates (1,024 by default) partial plans this is
// exact. Past that (many attendees, many parts) it keeps a quarter that
// many, the most promising, so that its cost stays bounded; the result is
// then marked BestEffort.
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
		cands, err := p.evaluate(ctx, starts, true)
		if err != nil {
			return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
		}
		allowed := p.allowed(cands)
		if len(allowed) == 0 {
			return Rotation{}, fmt.Errorf("overlap.Report.Rotate: part %d of %d, %s: %w", i+1, n,
				calendar.Interval{Start: r.time(from), End: r.time(to)}.In(p.q.Zone), p.noSlot(cands))
		}
		parts[i] = paretoSlots(allowed)
	}
	chosen, bestEffort, err := rotationSearch(ctx, parts, dims, calendar.LimitsOf(ctx).RotationStates)
	if err != nil {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
	}
	out := Rotation{Slots: make([]Suggestion, n), Burden: make([]Burden, dims), BestEffort: bestEffort}
	for i, a := range p.att {
		out.Burden[i].ID = a.m.sched.ID()
	}
	// The chosen slots again, for each attendee's part of their cost:
	// the burdens add up from those.
	starts := make([]int64, len(chosen))
	for i, c := range chosen {
		starts[i] = c.start
	}
	again, err := p.evaluate(ctx, starts, false)
	if err != nil {
		return Rotation{}, fmt.Errorf("overlap.Report.Rotate: %w", err)
	}
	for i, c := range again {
		out.Slots[i] = p.suggestion(c)
		for j, a := range out.Slots[i].Attendees {
			out.Burden[j].Burden += a.Cost.Burden
			if a.Present {
				out.Burden[j].Slots++
			}
			if a.Cost.Burden > 0 {
				out.Burden[j].Inconvenient++
			}
		}
	}
	lo := out.Burden[0].Burden
	out.FairShare = true
	for _, b := range out.Burden {
		out.Max = max(out.Max, b.Burden)
		lo = min(lo, b.Burden)
		out.Total += b.Burden
		out.FairShare = out.FairShare && 2*b.Inconvenient <= n
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
// vectors (see plan.evaluate) no other's beat: for equal vectors, the one
// Suggest ranks first.
func paretoSlots(cands []candidate) []candidate {
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

// A rotationState is a partial plan: its vector, the sum of its slots'
// (burdens and inconvenient slots, as plan.evaluate makes them), and how
// it was made.
type rotationState struct {
	vec    []int64
	prev   int // the index of the state of the previous part it extends
	choice int // its slot in this part
	index  int // its own index in its layer
}

// rotationSearch picks one candidate per part as Rotate documents, and
// says whether it had to drop partial plans that might have led to a
// better one (best-effort). dims is the number of attendees: vectors are
// 2*dims long.
func rotationSearch(ctx context.Context, parts [][]candidate, dims, exact int) ([]candidate, bool, error) {
	width, n := 2*dims, len(parts)
	// rest[i][j]: the least that coordinate j can grow by from parts i on.
	rest := make([][]int64, len(parts)+1)
	rest[len(parts)] = make([]int64, width)
	for i := len(parts) - 1; i >= 0; i-- {
		rest[i] = slices.Clone(rest[i+1])
		for j := range width {
			least := parts[i][0].burden[j]
			for _, c := range parts[i] {
				least = min(least, c.burden[j])
			}
			rest[i][j] += least
		}
	}
	// A greedy plan that keeps the rule bounds the largest burden: the
	// best plan keeps the rule too, with no larger a burden.
	greedy := greedyPlan(parts, dims)
	bound := int64(math.MaxInt64)
	if g := planVector(parts, greedy, width); fairShare(g, dims, n) {
		bound = slices.Max(g[:dims])
	}
	bestEffort := false
	layers := make([][]rotationState, len(parts)+1)
	layers[0] = []rotationState{{vec: make([]int64, width), prev: -1}}
	for i, part := range parts {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		layer := layers[i]
		if len(layer)*len(part) > maxGenerated {
			// Too many plans to extend them all: keep the most promising.
			layer = promising(layer, rest[i], dims, n, max(1, maxGenerated/len(part)))
			bestEffort = true
		}
		// States in the order of their plans' starts, so that the first
		// state with some vector is the earliest plan with it.
		var next []rotationState
		seen := map[string]bool{}
		v := make([]int64, width)       // scratch: a plan's vector
		key := make([]byte, 0, 12*dims) // and its key
		for _, s := range layer {
		choices:
			for ci, c := range part {
				for j := range width {
					v[j] = s.vec[j] + c.burden[j]
					if j < dims && v[j]+rest[i+1][j] > bound {
						continue choices
					}
				}
				key = appendVectorKey(key[:0], v, dims)
				if seen[string(key)] {
					continue
				}
				seen[string(key)] = true
				next = append(next, rotationState{vec: slices.Clone(v), prev: s.index, choice: ci})
			}
		}
		if len(next) > exact {
			next = promising(next, rest[i+1], dims, n, max(1, exact/4))
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
		if compareVectors(last[k].vec, last[best].vec, dims, n) < 0 {
			best = k
		}
	}
	choice := make([]int, len(parts))
	for i, k := len(parts), best; i > 0; i-- {
		s := layers[i][k]
		choice[i-1] = s.choice
		k = s.prev
	}
	if bestEffort && compareVectors(planVector(parts, greedy, width), planVector(parts, choice, width), dims, n) < 0 {
		// The beam lost the greedy plan and found none as good.
		choice = greedy
	}
	return planOf(parts, choice), bestEffort, nil
}

// fairShare reports whether the vector of a plan of n slots keeps the
// rule that no attendee takes more than half of them at an inconvenient
// time.
func fairShare(v []int64, dims, n int) bool {
	return 2*slices.Max(v[dims:]) <= int64(n)
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

// promising returns, in their order, the keep states (of all, when
// fewer) that look best for the rest of a search of n parts: those that
// may still keep the rule first (their inconvenient slots plus rest, the
// least each can still add, at most half of n), then by the least
// largest burden they can end with, then their largest burden, then
// their total.
func promising(states []rotationState, rest []int64, dims, n, keep int) []rotationState {
	if len(states) <= keep {
		return states
	}
	type scored struct {
		k                  int
		broken             bool
		bound, most, total int64
	}
	sc := make([]scored, len(states))
	for k, s := range states {
		v := scored{k: k}
		for j, b := range s.vec[:dims] {
			v.bound = max(v.bound, b+rest[j])
			v.most = max(v.most, b)
			v.total += b
		}
		for j := dims; j < 2*dims; j++ {
			v.broken = v.broken || 2*(s.vec[j]+rest[j]) > int64(n)
		}
		sc[k] = v
	}
	// By their order last: as stable as a stable sort, and quicker.
	slices.SortFunc(sc, func(a, b scored) int {
		return cmp.Or(compareBool(a.broken, b.broken), cmp.Compare(a.bound, b.bound), cmp.Compare(a.most, b.most), cmp.Compare(a.total, b.total), cmp.Compare(a.k, b.k))
	})
	kept := make([]bool, len(states))
	for _, v := range sc[:keep] {
		kept[v.k] = true
	}
	out := make([]rotationState, 0, keep)
	for k, s := range states {
		if kept[k] {
			out = append(out, s)
		}
	}
	return out
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// greedyPlan makes a plan part by part, each time taking the slot that
// keeps the largest burden so far least: a plan that always exists.
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

// planVector returns the vector of the plan that takes choice[i] of part
// i.
func planVector(parts [][]candidate, choice []int, width int) []int64 {
	sum := make([]int64, width)
	for i, c := range choice {
		for j := range width {
			sum[j] += parts[i][c].burden[j]
		}
	}
	return sum
}

// paretoStates keeps, in order, the states that no other state beats.
// Equal vectors were removed before.
func paretoStates(states []rotationState) []rotationState {
	// Sorting by total puts every possible beater before what it beats.
	idx := make([]int, len(states))
	totals := make([]int64, len(states))
	for i, s := range states {
		idx[i] = i
		for _, b := range s.vec {
			totals[i] += b
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(totals[a], totals[b]) })
	beaten := make([]bool, len(states))
	var kept []int
	for _, i := range idx {
		for _, k := range kept {
			if dominates(states[k].vec, states[i].vec) {
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

// compareVectors orders the vectors of plans of n slots as Rotate ranks
// them: keeping the rule first, then by largest burden, the most
// inconvenient slots of anyone, spread, and total burden.
func compareVectors(a, b []int64, dims, n int) int {
	if c := compareBool(!fairShare(a, dims, n), !fairShare(b, dims, n)); c != 0 {
		return c
	}
	ba, bb := a[:dims], b[:dims]
	ma, mb := slices.Max(ba), slices.Max(bb)
	if ma != mb {
		return cmp.Compare(ma, mb)
	}
	if ia, ib := slices.Max(a[dims:2*dims]), slices.Max(b[dims:2*dims]); ia != ib {
		return cmp.Compare(ia, ib)
	}
	if sa, sb := ma-slices.Min(ba), mb-slices.Min(bb); sa != sb {
		return cmp.Compare(sa, sb)
	}
	var ta, tb int64
	for i := range ba {
		ta += ba[i]
		tb += bb[i]
	}
	return cmp.Compare(ta, tb)
}

// appendVectorKey appends the bytes of v, a vector of dims attendees, to
// buf, as a map key: the burdens in 8 bytes each, the counts, which the
// number of parts bounds, in 4.
func appendVectorKey(buf []byte, v []int64, dims int) []byte {
	for _, x := range v[:dims] {
		buf = binary.LittleEndian.AppendUint64(buf, uint64(x))
	}
	for _, x := range v[dims:] {
		buf = binary.LittleEndian.AppendUint32(buf, uint32(x))
	}
	return buf
}
