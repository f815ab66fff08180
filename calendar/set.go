package calendar

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"
)

// A Set is a set of instants, held as intervals in normal form: sorted,
// disjoint, and with touching intervals merged ([1,2) and [2,3) are kept
// as [1,3)). Two Sets hold the same instants exactly when their Intervals
// are equal.
//
// A Set is immutable, so it is safe to share and to use from several
// goroutines. The zero Set is the empty set. Build one with NewSet, with a
// SetBuilder, or from other Sets; every operation runs in time linear in
// the sizes of its operands. In JSON a Set is an array of its intervals in
// normal form.
type Set struct {
	ivs []Interval // normal form; never written after the Set is made
}

// NewSet returns the set of instants covered by ivs, in any order,
// overlapping or not; empty intervals add nothing.
func NewSet(ivs ...Interval) Set {
	out := make([]Interval, 0, len(ivs))
	for _, iv := range ivs {
		if !iv.IsEmpty() {
			out = append(out, stripMono(iv))
		}
	}
	return Set{normalize(out)}
}

// Intervals returns the intervals of s in normal form, as a new slice the
// caller may change.
func (s Set) Intervals() []Interval { return slices.Clone(s.ivs) }

// All returns an iterator over the intervals of s in normal form.
func (s Set) All() iter.Seq[Interval] {
	return func(yield func(Interval) bool) {
		for _, iv := range s.ivs {
			if !yield(iv) {
				return
			}
		}
	}
}

// Len returns the number of intervals of s in normal form.
func (s Set) Len() int { return len(s.ivs) }

// IsEmpty reports whether s holds no instant.
func (s Set) IsEmpty() bool { return len(s.ivs) == 0 }

// Bounds returns the smallest interval that holds s; it is empty when s is.
func (s Set) Bounds() Interval {
	if len(s.ivs) == 0 {
		return Interval{}
	}
	return Interval{s.ivs[0].Start, s.ivs[len(s.ivs)-1].End}
}

// Equal reports whether s and o hold the same instants.
func (s Set) Equal(o Set) bool {
	return slices.EqualFunc(s.ivs, o.ivs, func(a, b Interval) bool {
		return a.Start.Equal(b.Start) && a.End.Equal(b.End)
	})
}

// Union returns the instants in s, in o, or in both.
func (s Set) Union(o Set) Set {
	a, b := s.ivs, o.ivs
	if len(a) == 0 {
		return o
	}
	if len(b) == 0 {
		return s
	}
	out := make([]Interval, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		var next Interval
		if len(b) == 0 || (len(a) > 0 && !b[0].Start.Before(a[0].Start)) {
			next, a = a[0], a[1:]
		} else {
			next, b = b[0], b[1:]
		}
		out = appendMerged(out, next)
	}
	return Set{out}
}

// Intersect returns the instants in both s and o.
func (s Set) Intersect(o Set) Set {
	a, b := s.ivs, o.ivs
	if len(a) == 0 || len(b) == 0 {
		return Set{}
	}
	out := make([]Interval, 0, len(a)+len(b)-1)
	for i, j := 0, 0; i < len(a) && j < len(b); {
		// Pointers and inline comparisons: this loop is the hot path of
		// every overlap computation.
		x, y := &a[i], &b[j]
		start, end := x.Start, x.End
		if y.Start.After(start) {
			start = y.Start
		}
		if y.End.Before(end) {
			end = y.End
		}
		if start.Before(end) {
			// Pieces cut from normal inputs never touch: a gap of one
			// input lies between any two of them.
			out = append(out, Interval{start, end})
		}
		if x.End.Before(y.End) {
			i++
		} else {
			j++
		}
	}
	return Set{out}
}

// Subtract returns the instants in s that are not in o.
func (s Set) Subtract(o Set) Set {
	a, b := s.ivs, o.ivs
	if len(a) == 0 || len(b) == 0 {
		return s
	}
	out := make([]Interval, 0, len(a)+len(b))
	for _, x := range a {
		cur := x.Start
		// Drop the parts of o that end before x; o's next part may still
		// reach into the intervals after x, so it stays.
		for len(b) > 0 && !b[0].End.After(cur) {
			b = b[1:]
		}
		for k := 0; k < len(b) && b[k].Start.Before(x.End); k++ {
			if b[k].Start.After(cur) {
				out = append(out, Interval{cur, b[k].Start})
			}
			if b[k].End.After(cur) {
				cur = b[k].End
			}
		}
		if cur.Before(x.End) {
			out = append(out, Interval{cur, x.End})
		}
	}
	return Set{out}
}

// Clip returns the instants of s inside w: s.Intersect(NewSet(w)), in time
// logarithmic in s plus the size of the result.
func (s Set) Clip(w Interval) Set {
	if w.IsEmpty() {
		return Set{}
	}
	w = stripMono(w)
	i := s.search(w.Start)
	j := i
	for j < len(s.ivs) && s.ivs[j].Start.Before(w.End) {
		j++
	}
	if i == j {
		return Set{}
	}
	out := slices.Clone(s.ivs[i:j])
	out[0] = out[0].Intersect(w)
	out[len(out)-1] = out[len(out)-1].Intersect(w)
	return Set{out}
}

// Contains reports whether t is in s.
func (s Set) Contains(t time.Time) bool {
	i := s.search(t)
	return i < len(s.ivs) && !s.ivs[i].Start.After(t)
}

// Duration returns the total length of s, or the largest Duration if it
// is longer (about 292 years).
func (s Set) Duration() time.Duration {
	var d time.Duration
	for _, iv := range s.ivs {
		l := iv.End.Sub(iv.Start)
		if d > math.MaxInt64-l {
			return math.MaxInt64
		}
		d += l
	}
	return d
}

// In returns s with every interval expressed in loc (a nil loc means UTC);
// the instants are the same.
func (s Set) In(loc *time.Location) Set {
	out := make([]Interval, len(s.ivs))
	for i, iv := range s.ivs {
		out[i] = iv.In(loc)
	}
	return Set{out}
}

// String returns s as "{[start, end), ...}" with RFC 3339 instants.
func (s Set) String() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, iv := range s.ivs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(iv.String())
	}
	b.WriteByte('}')
	return b.String()
}

// search returns the index of the first interval of s that ends after t.
func (s Set) search(t time.Time) int {
	i, _ := slices.BinarySearchFunc(s.ivs, t, func(iv Interval, t time.Time) int {
		if iv.End.After(t) {
			return +1
		}
		return -1
	})
	return i
}

// A SetBuilder builds a Set from intervals added and removed in any order,
// without the copies that building it with Union and Subtract would make.
// The zero SetBuilder is ready to use and holds no instants.
type SetBuilder struct {
	ivs    []Interval
	normal bool // ivs is in normal form
}

// Add adds the instants of iv.
func (b *SetBuilder) Add(iv Interval) {
	if iv.IsEmpty() {
		return
	}
	iv = stripMono(iv)
	n := len(b.ivs)
	b.normal = n == 0 || (b.normal && iv.Start.After(b.ivs[n-1].End))
	b.ivs = append(b.ivs, iv)
}

// AddSet adds the instants of s.
func (b *SetBuilder) AddSet(s Set) {
	for _, iv := range s.ivs {
		b.Add(iv)
	}
}

// Remove removes the instants of iv.
func (b *SetBuilder) Remove(iv Interval) {
	b.RemoveSet(NewSet(iv))
}

// RemoveSet removes the instants of s.
func (b *SetBuilder) RemoveSet(s Set) {
	if s.IsEmpty() || len(b.ivs) == 0 {
		return
	}
	b.ivs = b.Set().Subtract(s).ivs
	b.normal = true
	b.ivs = b.ivs[:len(b.ivs):len(b.ivs)]
}

// Set returns the instants added and not removed so far. The builder may
// go on being used; the Set returned does not change.
func (b *SetBuilder) Set() Set {
	if !b.normal {
		b.ivs = normalize(b.ivs)
		b.normal = true
	}
	// Cap the slice so that a later Add copies it instead of writing into
	// the array the returned Set holds.
	b.ivs = b.ivs[:len(b.ivs):len(b.ivs)]
	return Set{b.ivs}
}

// normalize sorts non-empty intervals and merges those that overlap or
// touch, in place.
func normalize(ivs []Interval) []Interval {
	less := func(a, b Interval) int { return a.Start.Compare(b.Start) }
	if !slices.IsSortedFunc(ivs, less) {
		slices.SortFunc(ivs, less)
	}
	out := ivs[:0]
	for _, iv := range ivs {
		out = appendMerged(out, iv)
	}
	return out
}

// appendMerged appends iv, which starts no earlier than the last interval
// of out, merging it into that interval where they overlap or touch.
func appendMerged(out []Interval, iv Interval) []Interval {
	if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
		if iv.End.After(out[n-1].End) {
			out[n-1].End = iv.End
		}
		return out
	}
	return append(out, iv)
}

// stripMono drops monotonic clock readings, so that intervals compare by
// the instants they name, like those of any other source.
func stripMono(iv Interval) Interval {
	return Interval{iv.Start.Round(0), iv.End.Round(0)}
}

// MarshalJSON implements json.Marshaler: the intervals in normal form, as
// a JSON array of {"start", "end"} (see Interval); the empty set is [].
func (s Set) MarshalJSON() ([]byte, error) {
	if s.ivs == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(s.ivs)
}

// UnmarshalJSON implements json.Unmarshaler: an array of intervals, in
// any order, which may overlap; an interval that ends before it starts is
// an error.
func (s *Set) UnmarshalJSON(b []byte) error {
	var ivs []Interval
	if err := json.Unmarshal(b, &ivs); err != nil {
		return fmt.Errorf("calendar.Set.UnmarshalJSON: %w", err)
	}
	for i, iv := range ivs {
		if iv.End.Before(iv.Start) {
			return fmt.Errorf("calendar.Set.UnmarshalJSON: interval %d ends before it starts: %s", i+1, iv)
		}
	}
	*s = NewSet(ivs...)
	return nil
}
