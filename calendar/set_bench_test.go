package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

const smBenchN = 10_000

var smBenchSink Set

// smBenchSets returns two Sets of smBenchN intervals each, interleaved:
// a holds [10i, 10i+6) minutes; b, in turn, overlaps the end of a's
// interval i, lies in the gap after it, or touches its end and overlaps
// the start of the next one.
func smBenchSets(b *testing.B) (Set, Set) {
	b.Helper()
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return base.Add(time.Duration(m) * time.Minute) }
	av := make([]Interval, smBenchN)
	bv := make([]Interval, smBenchN)
	for i := range smBenchN {
		m := 10 * i
		av[i] = Interval{at(m), at(m + 6)}
		switch i % 3 {
		case 0:
			bv[i] = Interval{at(m + 4), at(m + 8)}
		case 1:
			bv[i] = Interval{at(m + 7), at(m + 9)}
		case 2:
			bv[i] = Interval{at(m + 6), at(m + 11)}
		}
	}
	x, y := NewSet(av...), NewSet(bv...)
	if x.Len() != smBenchN || y.Len() != smBenchN {
		b.Fatalf("bench sets have %d and %d intervals, want %d each", x.Len(), y.Len(), smBenchN)
	}
	return x, y
}

func BenchmarkSetUnion(b *testing.B) {
	x, y := smBenchSets(b)
	b.ReportAllocs()
	for b.Loop() {
		smBenchSink = x.Union(y)
	}
}

func BenchmarkSetIntersect(b *testing.B) {
	x, y := smBenchSets(b)
	b.ReportAllocs()
	for b.Loop() {
		smBenchSink = x.Intersect(y)
	}
}

func BenchmarkSetSubtract(b *testing.B) {
	x, y := smBenchSets(b)
	b.ReportAllocs()
	for b.Loop() {
		smBenchSink = x.Subtract(y)
	}
}

// BenchmarkNewSet builds a Set from smBenchN intervals in random order, of
// random lengths, many overlapping, in a fixed pseudo-random sequence.
func BenchmarkNewSet(b *testing.B) {
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(1, 2))
	ivs := make([]Interval, smBenchN)
	for i := range ivs {
		start := base.Add(time.Duration(r.IntN(10*smBenchN)) * time.Minute)
		ivs[i] = Interval{start, start.Add(time.Duration(1+r.IntN(30)) * time.Minute)}
	}
	b.ReportAllocs()
	for b.Loop() {
		smBenchSink = NewSet(ivs...)
	}
}
