package calendar

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below load even where no zoneinfo is installed

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// The Set tests check every operation against a brute-force model: a
// bitmap with one bit per minute of smSpan minutes from smBase. Generated
// intervals end on whole minutes in [0, smSpan], so the model is exact.
// Their ends carry Locations drawn from hard zones; a Set compares
// instants, so no result may depend on them.
//
// Helpers here are prefixed "sm" (set model) to keep clear of the
// helpers of the other test files of the package.

const smSpan = 300 // minutes modelled, from smBase

var smBase = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

var smZoneNames = append(slices.Clone(hardZones), "UTC")

// smZones maps the names above to their Locations; time/tzdata is linked
// in, so loading cannot fail.
var smZones = func() map[string]*time.Location {
	m := make(map[string]*time.Location, len(smZoneNames))
	for _, name := range smZoneNames {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		m[name] = loc
	}
	return m
}()

// smBits is the model of a Set: bit m is the minute [m, m+1) after smBase.
type smBits [smSpan]bool

func (a smBits) union(b smBits) smBits {
	for i := range a {
		a[i] = a[i] || b[i]
	}
	return a
}

func (a smBits) intersect(b smBits) smBits {
	for i := range a {
		a[i] = a[i] && b[i]
	}
	return a
}

func (a smBits) subtract(b smBits) smBits {
	for i := range a {
		a[i] = a[i] && !b[i]
	}
	return a
}

func (a smBits) count() int {
	n := 0
	for _, v := range a {
		if v {
			n++
		}
	}
	return n
}

// runs returns the maximal runs of set bits as [from, to) minute pairs.
func (a smBits) runs() [][2]int {
	var out [][2]int
	for i := 0; i < smSpan; {
		if !a[i] {
			i++
			continue
		}
		j := i
		for j < smSpan && a[j] {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

func (a smBits) String() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, r := range a.runs() {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "[%d,%d)", r[0], r[1])
	}
	b.WriteByte('}')
	return b.String()
}

// smModel returns the minutes covered by ivs; empty and reversed
// intervals cover none.
func smModel(ivs ...Interval) smBits {
	var m smBits
	for _, iv := range ivs {
		for i := smMinute(iv.Start); i < smMinute(iv.End); i++ {
			m[i] = true
		}
	}
	return m
}

// smMinute returns the minute offset of t from smBase, or -1 when t is
// not a whole minute in [0, smSpan].
func smMinute(t time.Time) int {
	d := t.Sub(smBase)
	if d < 0 || d > smSpan*time.Minute || d%time.Minute != 0 {
		return -1
	}
	return int(d / time.Minute)
}

// smTB is what *testing.T, *testing.B and *rapid.T share.
type smTB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// smNormal checks that s is in normal form: sorted, non-empty intervals
// with a strict gap between neighbours (End < next Start).
func smNormal(t smTB, what string, s Set) []Interval {
	t.Helper()
	ivs := s.Intervals()
	for i, iv := range ivs {
		if !iv.Start.Before(iv.End) {
			t.Fatalf("%s = %v: interval %d is empty", what, s, i)
		}
		if i > 0 && !ivs[i-1].End.Before(iv.Start) {
			t.Fatalf("%s = %v: intervals %d and %d are not apart (End < next Start)", what, s, i-1, i)
		}
	}
	if len(ivs) != s.Len() {
		t.Fatalf("%s: Len() = %d, len(Intervals()) = %d", what, s.Len(), len(ivs))
	}
	return ivs
}

// smBitsOf checks that s is in normal form with ends on the model's grid,
// and returns its model.
func smBitsOf(t smTB, what string, s Set) smBits {
	t.Helper()
	ivs := smNormal(t, what, s)
	for i, iv := range ivs {
		if smMinute(iv.Start) < 0 || smMinute(iv.End) < 0 {
			t.Fatalf("%s = %v: interval %d has an end off the model's grid, which no input had", what, s, i)
		}
	}
	return smModel(ivs...)
}

// smCheck checks that got is in normal form and holds the minutes of want.
func smCheck(t smTB, what string, got Set, want smBits) {
	t.Helper()
	if g := smBitsOf(t, what, got); g != want {
		t.Fatalf("%s = %v\nminutes: got  %v\n         want %v", what, got, g, want)
	}
}

// smEqual fails unless got and want hold the same instants.
func smEqual(t smTB, what string, got, want Set) {
	t.Helper()
	smBitsOf(t, what, got)
	if !got.Equal(want) {
		t.Fatalf("%s:\ngot  %v\nwant %v", what, got, want)
	}
}

// smAt returns the instant m minutes after smBase, in a drawn zone.
func smAt(t *rapid.T, m int, label string) time.Time {
	zone := rapid.SampledFrom(smZoneNames).Draw(t, label)
	return smBase.Add(time.Duration(m) * time.Minute).In(smZones[zone])
}

// smDrawMinute draws a minute in [0, smSpan], half the time on a ten-minute
// grid so that ends of unrelated intervals often meet.
func smDrawMinute(t *rapid.T, label string) int {
	if rapid.Bool().Draw(t, label+"OnGrid") {
		return 10 * rapid.IntRange(0, smSpan/10).Draw(t, label)
	}
	return rapid.IntRange(0, smSpan).Draw(t, label)
}

// smDrawIntervalAfter draws an interval: most often short, else
// arbitrary (maybe reversed), empty, reversed, or — when prev >= 0 —
// starting at minute prev, where the interval before it ended.
func smDrawIntervalAfter(t *rapid.T, prev int) Interval {
	s := smDrawMinute(t, "start")
	var e int
	shape := rapid.IntRange(0, 9).Draw(t, "shape")
	if shape >= 8 && prev < 0 {
		shape = 0
	}
	switch shape {
	case 0, 1, 2, 3: // short
		e = min(s+rapid.IntRange(1, 40).Draw(t, "length"), smSpan)
	case 4: // arbitrary, possibly reversed
		e = smDrawMinute(t, "end")
	case 5: // empty
		e = s
	case 6, 7: // reversed
		e = max(s-rapid.IntRange(1, 30).Draw(t, "length"), 0)
	case 8, 9: // touching the one before
		s = prev
		e = min(s+rapid.IntRange(1, 40).Draw(t, "length"), smSpan)
	}
	return Interval{smAt(t, s, "startZone"), smAt(t, e, "endZone")}
}

var (
	smInterval = rapid.Custom(func(t *rapid.T) Interval {
		return smDrawIntervalAfter(t, -1)
	})

	// smIntervals draws up to 12 intervals, overlapping, touching, empty
	// and reversed among them.
	smIntervals = rapid.Custom(func(t *rapid.T) []Interval {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		out := make([]Interval, 0, n)
		prev := -1
		for range n {
			iv := smDrawIntervalAfter(t, prev)
			out = append(out, iv)
			prev = smMinute(iv.End)
		}
		return out
	})
)

// smDrawSet draws intervals and returns their Set and its model, which is
// built from the intervals, not from the Set.
func smDrawSet(t *rapid.T, label string) (Set, smBits) {
	ivs := smIntervals.Draw(t, label)
	return NewSet(ivs...), smModel(ivs...)
}

func TestNewSetMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ivs := smIntervals.Draw(t, "ivs")
		smCheck(t, "NewSet(ivs...)", NewSet(ivs...), smModel(ivs...))
	})
}

func TestNewSetDoesNotChangeItsArgument(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ivs := smIntervals.Draw(t, "ivs")
		before := slices.Clone(ivs)
		NewSet(ivs...)
		if !slices.Equal(ivs, before) {
			t.Fatalf("NewSet changed its argument:\nbefore %v\nafter  %v", before, ivs)
		}
	})
}

func TestSetOperationsReturnNormalForm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		w := smInterval.Draw(t, "w")
		loc := smZones[rapid.SampledFrom(smZoneNames).Draw(t, "loc")]
		smBitsOf(t, "a", a)
		smBitsOf(t, "a.Union(b)", a.Union(b))
		smBitsOf(t, "a.Intersect(b)", a.Intersect(b))
		smBitsOf(t, "a.Subtract(b)", a.Subtract(b))
		smBitsOf(t, "a.Clip(w)", a.Clip(w))
		smBitsOf(t, "a.In(loc)", a.In(loc))
		var sb SetBuilder
		sb.AddSet(b)
		sb.AddSet(a)
		sb.Add(w)
		smBitsOf(t, "builder Set()", sb.Set())
	})
}

func TestUnionMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		b, mb := smDrawSet(t, "b")
		smCheck(t, "a.Union(b)", a.Union(b), ma.union(mb))
	})
}

func TestIntersectMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		b, mb := smDrawSet(t, "b")
		smCheck(t, "a.Intersect(b)", a.Intersect(b), ma.intersect(mb))
	})
}

func TestSubtractMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		b, mb := smDrawSet(t, "b")
		smCheck(t, "a.Subtract(b)", a.Subtract(b), ma.subtract(mb))
	})
}

func TestClipMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		w := smInterval.Draw(t, "w")
		smCheck(t, "a.Clip(w)", a.Clip(w), ma.intersect(smModel(w)))
	})
}

func TestClipEqualsIntersectNewSet(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		w := smInterval.Draw(t, "w") // empty and reversed among them
		smEqual(t, "a.Clip(w) vs a.Intersect(NewSet(w))", a.Clip(w), a.Intersect(NewSet(w)))
	})
}

func TestContainsMatchesModel(t *testing.T) {
	offsets := []time.Duration{0, time.Nanosecond, 30 * time.Second, time.Minute - time.Nanosecond}
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		m := rapid.IntRange(-2, smSpan+1).Draw(t, "minute")
		p := smAt(t, m, "zone").Add(rapid.SampledFrom(offsets).Draw(t, "offset"))
		want := m >= 0 && m < smSpan && ma[m]
		if got := a.Contains(p); got != want {
			t.Fatalf("%v.Contains(%s) = %v, want %v", a, p.Format(time.RFC3339Nano), got, want)
		}
		// Every interval holds its Start and not its End.
		for iv := range a.All() {
			if !a.Contains(iv.Start) || a.Contains(iv.End) {
				t.Fatalf("%v: Contains(%v) = %v, Contains(%v) = %v, want true, false",
					a, iv.Start, a.Contains(iv.Start), iv.End, a.Contains(iv.End))
			}
		}
	})
}

func TestDurationMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		if got, want := a.Duration(), time.Duration(ma.count())*time.Minute; got != want {
			t.Fatalf("%v.Duration() = %v, want %v", a, got, want)
		}
	})
}

func TestSetLenIsEmptyBoundsMatchModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, ma := smDrawSet(t, "a")
		runs := ma.runs()
		if a.Len() != len(runs) {
			t.Fatalf("%v.Len() = %d, want %d", a, a.Len(), len(runs))
		}
		if a.IsEmpty() != (len(runs) == 0) {
			t.Fatalf("%v.IsEmpty() = %v, want %v", a, a.IsEmpty(), len(runs) == 0)
		}
		bounds := a.Bounds()
		if len(runs) == 0 {
			if !bounds.IsEmpty() {
				t.Fatalf("%v.Bounds() = %v, want empty", a, bounds)
			}
			return
		}
		if smMinute(bounds.Start) != runs[0][0] || smMinute(bounds.End) != runs[len(runs)-1][1] {
			t.Fatalf("%v.Bounds() = %v, want minutes [%d, %d)", a, bounds, runs[0][0], runs[len(runs)-1][1])
		}
	})
}

func TestSetEqualMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ivs := smIntervals.Draw(t, "ivs")
		a := NewSet(ivs...)
		var b Set
		var mb smBits
		if rapid.Bool().Draw(t, "same") {
			// The same intervals in another order, with other Locations.
			perm := rapid.Permutation(ivs).Draw(t, "perm")
			for i, iv := range perm {
				perm[i] = iv.In(smZones[rapid.SampledFrom(smZoneNames).Draw(t, "zone")])
			}
			b, mb = NewSet(perm...), smModel(perm...)
		} else {
			b, mb = smDrawSet(t, "b")
		}
		want := smModel(ivs...) == mb
		if a.Equal(b) != want || b.Equal(a) != want {
			t.Fatalf("%v.Equal(%v) = %v, %v.Equal(%v) = %v, want %v", a, b, a.Equal(b), b, a, b.Equal(a), want)
		}
	})
}

func TestUnionCommutes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		smEqual(t, "a∪b vs b∪a", a.Union(b), b.Union(a))
	})
}

func TestIntersectCommutes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		smEqual(t, "a∩b vs b∩a", a.Intersect(b), b.Intersect(a))
	})
}

func TestUnionAssociates(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		c, _ := smDrawSet(t, "c")
		smEqual(t, "(a∪b)∪c vs a∪(b∪c)", a.Union(b).Union(c), a.Union(b.Union(c)))
	})
}

func TestIntersectAssociates(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		c, _ := smDrawSet(t, "c")
		smEqual(t, "(a∩b)∩c vs a∩(b∩c)", a.Intersect(b).Intersect(c), a.Intersect(b.Intersect(c)))
	})
}

func TestUnionIsIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		smEqual(t, "a∪a vs a", a.Union(a), a)
	})
}

func TestIntersectIsIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		smEqual(t, "a∩a vs a", a.Intersect(a), a)
	})
}

func TestEmptySetIsUnionIdentityAndIntersectZero(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		var empty Set
		smEqual(t, "a∪∅", a.Union(empty), a)
		smEqual(t, "∅∪a", empty.Union(a), a)
		smEqual(t, "a∩∅", a.Intersect(empty), empty)
		smEqual(t, "∅∩a", empty.Intersect(a), empty)
		smEqual(t, "a−∅", a.Subtract(empty), a)
		smEqual(t, "∅−a", empty.Subtract(a), empty)
		smEqual(t, "a−a", a.Subtract(a), empty)
	})
}

func TestIntersectDistributesOverUnion(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		c, _ := smDrawSet(t, "c")
		smEqual(t, "a∩(b∪c) vs (a∩b)∪(a∩c)",
			a.Intersect(b.Union(c)), a.Intersect(b).Union(a.Intersect(c)))
	})
}

func TestUnionDistributesOverIntersect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		c, _ := smDrawSet(t, "c")
		smEqual(t, "a∪(b∩c) vs (a∪b)∩(a∪c)",
			a.Union(b.Intersect(c)), a.Union(b).Intersect(a.Union(c)))
	})
}

func TestSubtractAndIntersectPartition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		out, in := a.Subtract(b), a.Intersect(b)
		smEqual(t, "(a−b)∩(a∩b) vs ∅", out.Intersect(in), Set{})
		smEqual(t, "(a−b)∪(a∩b) vs a", out.Union(in), a)
		smEqual(t, "(a−b)∩b vs ∅", out.Intersect(b), Set{})
	})
}

func TestDurationIsAdditiveOverPartition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		out, in := a.Subtract(b), a.Intersect(b)
		if got, want := out.Duration()+in.Duration(), a.Duration(); got != want {
			t.Fatalf("(a−b).Duration() + (a∩b).Duration() = %v + %v = %v, a.Duration() = %v",
				out.Duration(), in.Duration(), got, want)
		}
		// Inclusion–exclusion follows from it.
		if got, want := a.Union(b).Duration(), a.Duration()+b.Duration()-in.Duration(); got != want {
			t.Fatalf("(a∪b).Duration() = %v, want |a|+|b|−|a∩b| = %v", got, want)
		}
	})
}

func TestSetResultsDoNotDependOnLocation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		w := smInterval.Draw(t, "w")
		la := smZones[rapid.SampledFrom(smZoneNames).Draw(t, "locA")]
		lb := smZones[rapid.SampledFrom(smZoneNames).Draw(t, "locB")]
		a2, b2 := a.In(la), b.In(lb)
		for iv := range a2.All() {
			if iv.Start.Location() != la || iv.End.Location() != la {
				t.Fatalf("a.In(%v) has interval %v in another Location", la, iv)
			}
		}
		smEqual(t, "a.In(loc) vs a", a2, a)
		smEqual(t, "Union", a2.Union(b2), a.Union(b))
		smEqual(t, "Intersect", a2.Intersect(b2), a.Intersect(b))
		smEqual(t, "Subtract", a2.Subtract(b2), a.Subtract(b))
		smEqual(t, "Clip", a2.Clip(w.In(lb)), a.Clip(w))
		if a2.Duration() != a.Duration() {
			t.Fatalf("a.In(loc).Duration() = %v, a.Duration() = %v", a2.Duration(), a.Duration())
		}
	})
}

func TestSetOperationsDoNotChangeOperands(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		b, _ := smDrawSet(t, "b")
		w := smInterval.Draw(t, "w")
		ia, ib := slices.Collect(a.All()), slices.Collect(b.All())
		a.Union(b)
		b.Union(a)
		a.Intersect(b)
		b.Intersect(a)
		a.Subtract(b)
		b.Subtract(a)
		a.Clip(w)
		a.In(time.UTC)
		var sb SetBuilder
		sb.AddSet(a)
		sb.Add(w)
		sb.RemoveSet(b)
		sb.AddSet(b)
		sb.Set()
		if got := a.Intervals(); !slices.Equal(got, ia) {
			t.Fatalf("a changed: was %v, now %v", ia, got)
		}
		if got := b.Intervals(); !slices.Equal(got, ib) {
			t.Fatalf("b changed: was %v, now %v", ib, got)
		}
	})
}

// smRunBuilder runs a random sequence of builder operations with Set()
// calls among them, checking each Set against the model when checkModel
// is set, and, when checkKept is set, that no Set returned earlier — nor
// any Set passed in — ever changes afterwards.
func smRunBuilder(t *rapid.T, checkModel, checkKept bool) {
	var b SetBuilder
	var model smBits
	type kept struct {
		what string
		s    Set
		ivs  []Interval
	}
	var keep []kept
	keepSet := func(what string, s Set) {
		keep = append(keep, kept{fmt.Sprintf("%s #%d", what, len(keep)), s, slices.Collect(s.All())})
	}
	t.Repeat(map[string]func(*rapid.T){
		"Add": func(t *rapid.T) {
			iv := smInterval.Draw(t, "iv")
			b.Add(iv)
			model = model.union(smModel(iv))
		},
		"AddAfterLast": func(t *rapid.T) {
			// In order, the way a builder is mostly fed.
			last := 0
			if runs := model.runs(); len(runs) > 0 {
				last = runs[len(runs)-1][1]
			}
			s := min(last+rapid.IntRange(0, 20).Draw(t, "gap"), smSpan)
			e := min(s+rapid.IntRange(0, 30).Draw(t, "length"), smSpan)
			iv := Interval{smAt(t, s, "startZone"), smAt(t, e, "endZone")}
			b.Add(iv)
			model = model.union(smModel(iv))
		},
		"Remove": func(t *rapid.T) {
			iv := smInterval.Draw(t, "iv")
			b.Remove(iv)
			model = model.subtract(smModel(iv))
		},
		"AddSet": func(t *rapid.T) {
			s, m := smDrawSet(t, "s")
			b.AddSet(s)
			model = model.union(m)
			keepSet("AddSet argument", s)
		},
		"RemoveSet": func(t *rapid.T) {
			s, m := smDrawSet(t, "s")
			b.RemoveSet(s)
			model = model.subtract(m)
			keepSet("RemoveSet argument", s)
		},
		"AddOwnSet": func(t *rapid.T) {
			// Feed the builder a Set it returned, which shares its array.
			s := b.Set()
			b.AddSet(s)
			keepSet("Set()", s)
		},
		"Set": func(t *rapid.T) {
			s := b.Set()
			if checkModel {
				smCheck(t, "builder Set()", s, model)
			}
			keepSet("Set()", s)
		},
		"": func(t *rapid.T) {
			if !checkKept {
				return
			}
			for _, k := range keep {
				if got := k.s.Intervals(); !slices.Equal(got, k.ivs) {
					t.Fatalf("%s changed after later builder calls:\nwas %v\nnow %v", k.what, k.ivs, got)
				}
			}
		},
	})
	smCheck(t, "final builder Set()", b.Set(), model)
}

func TestBuilderMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { smRunBuilder(t, true, false) })
}

func TestBuilderEarlierSetsNeverChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { smRunBuilder(t, false, true) })
}

func TestSetIntervalsReturnsACopy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		want := slices.Collect(a.All())
		got := a.Intervals()
		for i := range got {
			got[i] = Interval{got[i].End, got[i].Start}
		}
		slices.Reverse(got)
		_ = append(got[:0], Interval{smBase, smBase.Add(time.Hour)})
		if now := a.Intervals(); !slices.Equal(now, want) {
			t.Fatalf("changing the slice Intervals returned changed the Set: was %v, now %v", want, now)
		}
	})
}

func TestSetAllYieldsIntervalsAndStopsEarly(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, _ := smDrawSet(t, "a")
		want := a.Intervals()
		var got []Interval
		a.All()(func(iv Interval) bool { got = append(got, iv); return true })
		if !slices.Equal(got, want) {
			t.Fatalf("All() yielded %v, Intervals() = %v", got, want)
		}
		if a.Len() == 0 {
			return
		}
		stop := rapid.IntRange(1, a.Len()).Draw(t, "stop")
		calls := 0
		a.All()(func(Interval) bool { calls++; return calls < stop })
		if calls != stop {
			t.Fatalf("All() called yield %d times after it returned false on call %d", calls, stop)
		}
	})
}

// smClock returns the instant hh:mm after smBase, in loc.
func smClock(hhmm string, loc *time.Location) time.Time {
	c := MustParseClock(hhmm)
	return smBase.Add(time.Duration(c) * time.Minute).In(loc)
}

func smIv(from, to string) Interval {
	return Interval{smClock(from, time.UTC), smClock(to, time.UTC)}
}

func TestNewSetNamedCases(t *testing.T) {
	kolkata, apia := smZones["Asia/Kolkata"], smZones["Pacific/Apia"]
	tests := []struct {
		name string
		in   []Interval
		want []Interval
	}{
		{"no intervals", nil, nil},
		{"touching intervals merge", []Interval{smIv("01:00", "02:00"), smIv("02:00", "03:00")}, []Interval{smIv("01:00", "03:00")}},
		{"touching across zones merge", []Interval{
			{smClock("01:00", kolkata), smClock("02:00", kolkata)},
			{smClock("02:00", apia), smClock("03:00", apia)},
		}, []Interval{smIv("01:00", "03:00")}},
		{"overlapping intervals merge", []Interval{smIv("01:00", "02:30"), smIv("02:00", "03:00")}, []Interval{smIv("01:00", "03:00")}},
		{"contained interval vanishes", []Interval{smIv("01:00", "04:00"), smIv("02:00", "03:00")}, []Interval{smIv("01:00", "04:00")}},
		{"a gap of one minute stays", []Interval{smIv("01:00", "02:00"), smIv("02:01", "03:00")}, []Interval{smIv("01:00", "02:00"), smIv("02:01", "03:00")}},
		{"unsorted input is sorted", []Interval{smIv("05:00", "06:00"), smIv("01:00", "02:00"), smIv("03:00", "04:00")},
			[]Interval{smIv("01:00", "02:00"), smIv("03:00", "04:00"), smIv("05:00", "06:00")}},
		{"empty and reversed add nothing", []Interval{smIv("01:00", "01:00"), smIv("03:00", "02:00"), {}}, nil},
		{"empty interval does not bridge a gap", []Interval{smIv("01:00", "02:00"), smIv("02:30", "02:30"), smIv("03:00", "04:00")},
			[]Interval{smIv("01:00", "02:00"), smIv("03:00", "04:00")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NewSet(tc.in...)
			if diff := cmp.Diff(tc.want, got.Intervals(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("NewSet(%v) mismatch (-want +got):\n%s", tc.in, diff)
			}
			smNormal(t, "NewSet", got)
		})
	}
}

func TestZeroSetIsEmpty(t *testing.T) {
	var z Set
	if !z.IsEmpty() || z.Len() != 0 || z.Duration() != 0 || !z.Bounds().IsEmpty() {
		t.Errorf("zero Set: IsEmpty() = %v, Len() = %d, Duration() = %v, Bounds() = %v; want true, 0, 0, empty",
			z.IsEmpty(), z.Len(), z.Duration(), z.Bounds())
	}
	if diff := cmp.Diff([]Interval(nil), z.Intervals(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("zero Set Intervals() mismatch (-want +got):\n%s", diff)
	}
	if z.Contains(smBase) || z.Contains(time.Time{}) {
		t.Errorf("zero Set Contains an instant")
	}
	for range z.All() {
		t.Errorf("zero Set All() yielded an interval")
	}
	if got := z.String(); got != "{}" {
		t.Errorf("zero Set String() = %q, want %q", got, "{}")
	}
	if !z.Equal(NewSet()) || !NewSet().Equal(z) {
		t.Errorf("zero Set is not Equal to NewSet()")
	}
	var b SetBuilder
	if got := b.Set(); !got.IsEmpty() {
		t.Errorf("zero SetBuilder Set() = %v, want empty", got)
	}
	if got := z.Clip(smIv("00:00", "05:00")); !got.IsEmpty() {
		t.Errorf("zero Set Clip = %v, want empty", got)
	}
}

func TestContainsAtStartButNotEnd(t *testing.T) {
	s := NewSet(smIv("01:00", "02:00"), smIv("03:00", "04:00"))
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"before the first Start", smClock("01:00", time.UTC).Add(-time.Nanosecond), false},
		{"at a Start", smClock("01:00", time.UTC), true},
		{"at a Start in another zone", smClock("03:00", smZones["Asia/Kathmandu"]), true},
		{"inside", smClock("01:30", time.UTC), true},
		{"just before an End", smClock("02:00", time.UTC).Add(-time.Nanosecond), true},
		{"at an End", smClock("02:00", time.UTC), false},
		{"in the gap", smClock("02:30", time.UTC), false},
		{"at the last End", smClock("04:00", smZones["Pacific/Kiritimati"]), false},
		{"after the last End", smClock("05:00", time.UTC), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.Contains(tc.at); got != tc.want {
				t.Errorf("%v.Contains(%s) = %v, want %v", s, tc.at.Format(time.RFC3339Nano), got, tc.want)
			}
		})
	}
}

func TestSetOperationsNamedCases(t *testing.T) {
	a := NewSet(smIv("01:00", "02:00"), smIv("03:00", "04:00"))
	b := NewSet(smIv("02:00", "03:00"), smIv("03:30", "05:00"))
	tests := []struct {
		name string
		got  Set
		want []Interval
	}{
		{"union merges touching intervals of both sides", a.Union(b), []Interval{smIv("01:00", "05:00")}},
		{"intersect of touching intervals is empty", NewSet(smIv("01:00", "02:00")).Intersect(NewSet(smIv("02:00", "03:00"))), nil},
		{"intersect", a.Intersect(b), []Interval{smIv("03:30", "04:00")}},
		{"subtract", a.Subtract(b), []Interval{smIv("01:00", "02:00"), smIv("03:00", "03:30")}},
		{"subtract one interval of b spanning two of a", a.Subtract(NewSet(smIv("01:30", "03:30"))),
			[]Interval{smIv("01:00", "01:30"), smIv("03:30", "04:00")}},
		{"clip", a.Clip(smIv("01:30", "03:15")), []Interval{smIv("01:30", "02:00"), smIv("03:00", "03:15")}},
		{"clip with reversed window", a.Clip(smIv("03:15", "01:30")), nil},
		{"clip with empty window", a.Clip(smIv("01:30", "01:30")), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.got.Intervals(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			smNormal(t, tc.name, tc.got)
		})
	}
}
