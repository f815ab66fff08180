package calendar

import (
	"context"
	"slices"
	"time"
)

// A Stretch is one segment of a timeline in the form that costs little to
// keep for many people: it starts Start nanoseconds after the window's
// start and runs to the start of the next stretch (the last, to the
// window's end); Label indexes the timeline's labels. Batch.Stretches
// gives them; Schedule.Timeline gives the same timeline as Segments.
type Stretch struct {
	Start int64
	Label int32
	Kind  Kind
	Hard  bool
}

// Stretches is b.Timeline in stretches, with the labels they index (the
// empty label among them when a stretch has none): the form a task over
// a large team keeps, without a time.Time per segment.
func (b *Batch) Stretches(ctx context.Context, s *Schedule, window Interval) ([]Stretch, []string, error) {
	st, labels, err := s.stretches(ctx, window, b)
	if err != nil {
		return nil, nil, s.errorf("Timeline", err)
	}
	return st, labels, nil
}

// segments turns stretches of window into Segments in loc.
func segments(window Interval, st []Stretch, labels []string, loc *time.Location) []Segment {
	if len(st) == 0 {
		return nil
	}
	out := make([]Segment, len(st))
	for i, x := range st {
		end := window.End
		if i+1 < len(st) {
			end = window.Start.Add(time.Duration(st[i+1].Start))
		}
		out[i] = Segment{Interval{window.Start.Add(time.Duration(x.Start)).In(loc), end.In(loc)}, x.Kind, labels[x.Label], x.Hard}
	}
	return out
}

// An offLayer is a layer in nanoseconds after a window's start.
type offLayer struct {
	kind   Kind
	hard   bool
	label  string
	ivs    []offSpan
	labels []string // as in layer
	bounds []int64  // a labelled layer's starts and ends, sorted
}

// An offSpan is [start, end) in nanoseconds after a window's start.
type offSpan struct{ start, end int64 }

// offsetSpans returns ivs in nanoseconds after start.
func offsetSpans(ivs []Interval, start time.Time) []offSpan {
	out := make([]offSpan, len(ivs))
	for i, iv := range ivs {
		out[i] = offSpan{int64(iv.Start.Sub(start)), int64(iv.End.Sub(start))}
	}
	return out
}

// appendOffsetLayers appends layers to dst in nanoseconds after start,
// their intervals and a labelled layer's bounds (its starts and ends,
// sorted) cut from one slab of each.
func appendOffsetLayers(dst []offLayer, layers []layer, start time.Time) []offLayer {
	ni, nb := 0, 0
	for _, l := range layers {
		ni += len(l.ivs)
		if l.labels != nil {
			nb += 2 * len(l.ivs)
		}
	}
	spans, bounds := make([]offSpan, ni), make([]int64, nb)
	for _, l := range layers {
		o := offLayer{kind: l.kind, hard: l.hard, label: l.label, labels: l.labels}
		o.ivs, spans = spans[:len(l.ivs):len(l.ivs)], spans[len(l.ivs):]
		for i, iv := range l.ivs {
			o.ivs[i] = offSpan{int64(iv.Start.Sub(start)), int64(iv.End.Sub(start))}
		}
		if l.labels != nil {
			o.bounds, bounds = bounds[:2*len(l.ivs):2*len(l.ivs)], bounds[2*len(l.ivs):]
			for i, sp := range o.ivs {
				o.bounds[2*i], o.bounds[2*i+1] = sp.start, sp.end
			}
			slices.Sort(o.bounds)
		}
		dst = append(dst, o)
	}
	return dst
}

// sweepStretches walks a window length nanoseconds long, from boundary to
// boundary of the layers (in nanoseconds after its start), merging
// neighbours of the same kind and label: the layers cut the window into
// stretches, each of the first layer that holds it (KindFree when none
// does), with the labels interned.
func sweepStretches(length int64, layers []offLayer) ([]Stretch, []string) {
	// Each interval of a layer starts at most two stretches: its own and
	// the one after it.
	n := 1
	for _, l := range layers {
		n += 2 * len(l.ivs)
	}
	out := make([]Stretch, 0, n)
	// At most one label a labelled interval, and one a layer.
	nl := 1 + len(layers)
	for _, l := range layers {
		nl += len(l.labels)
	}
	labels := make([]string, 1, nl)
	intern := func(label string) int32 {
		// A person has few labels: a search costs less than a map.
		if i := slices.Index(labels, label); i >= 0 {
			return int32(i)
		}
		labels = append(labels, label)
		return int32(len(labels) - 1)
	}
	var buf [32]int // a person's layers: the fixed ones and a few focus blocks
	var cursors []int
	if 2*len(layers) > len(buf) {
		cursors = make([]int, 2*len(layers))
	} else {
		cursors = buf[:2*len(layers)]
	}
	first := cursors[:len(layers)] // per layer, the first interval that may hold at
	nb := cursors[len(layers):]    // per labelled layer, the first boundary after at
	lastLabel := ""
	for at := int64(0); at < length; {
		end := length
		kind, label, hard := KindFree, "", false
	layers:
		for j := range layers {
			l := &layers[j]
			ivs := l.ivs
			for first[j] < len(ivs) && ivs[first[j]].end <= at {
				first[j]++
			}
			if l.labels == nil {
				// Disjoint intervals: the first one that ends after at
				// either holds it or starts the layer's next stretch.
				if first[j] == len(ivs) {
					continue
				}
				iv := &ivs[first[j]]
				if iv.start > at {
					end = min(end, iv.start)
					continue
				}
				end = min(end, iv.end)
				kind, label, hard = l.kind, l.label, l.hard
				// The layers after this one cannot change the stretch,
				// so their boundaries do not cut it.
				break
			}
			for nb[j] < len(l.bounds) && l.bounds[nb[j]] <= at {
				nb[j]++
			}
			if nb[j] < len(l.bounds) {
				end = min(end, l.bounds[nb[j]])
			}
			for k := first[j]; k < len(ivs) && ivs[k].start <= at; k++ {
				if ivs[k].end > at {
					kind, label, hard = l.kind, l.labels[k], l.hard
					break layers
				}
			}
		}
		if k := len(out) - 1; k >= 0 && out[k].Kind == kind && lastLabel == label && out[k].Hard == hard {
			// The stretch goes on.
		} else {
			out = append(out, Stretch{Start: at, Label: intern(label), Kind: kind, Hard: hard})
			lastLabel = label
		}
		at = end
	}
	return out, labels
}
