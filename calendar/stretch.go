package calendar

import (
	"context"
	"slices"
	"time"
)

// A Stretch is one segment of a timeline in the form that costs little to
// keep for many people: it starts Start nanoseconds after the window's
// start and runs to the start of the next stretch (the last, to the
// window's end); Label indexes the timeline's labels. Batch.AppendStretches
// gives them; Schedule.Timeline gives the same timeline as Segments.
type Stretch struct {
	Start int64
	Label int32
	Kind  Kind
	Hard  bool
}

// AppendStretches appends b.Timeline in stretches to dst and returns the
// extended slice, with the labels the stretches index (the empty label
// among them when a stretch has none): the form a task over a large team
// keeps, without a time.Time per segment, and where it likes, such as
// many people's timelines in one slab. On error dst is returned as it
// was.
func (b *Batch) AppendStretches(ctx context.Context, dst []Stretch, s *Schedule, window Interval) ([]Stretch, []string, error) {
	out, labels, err := s.appendStretches(ctx, dst, window, b)
	if err != nil {
		return dst, nil, s.errorf("Timeline", err)
	}
	return out, labels, nil
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

// An offLayer is one kind of time in a window, in nanoseconds after the
// window's start. Its spans are sorted by start and disjoint, unless
// bounds is set: then they may overlap, and where they do the span that
// starts first gives the label. Layers are listed in the order they
// apply.
type offLayer struct {
	kind   Kind
	hard   bool      // a hard focus block
	label  string    // the label of every span, unless labels is set
	ivs    []offSpan // sorted by start
	labels []string  // the label of each span, in a labelled layer
	bounds []int64   // the starts and ends of overlapping spans, sorted
}

// An offSpan is [start, end) in nanoseconds after a window's start.
type offSpan struct{ start, end int64 }

// offsetSpans returns ivs in nanoseconds after start.
func offsetSpans(ivs []Interval, start time.Time) []offSpan {
	if len(ivs) == 0 {
		return nil
	}
	out := make([]offSpan, len(ivs))
	for i, iv := range ivs {
		out[i] = offSpan{int64(iv.Start.Sub(start)), int64(iv.End.Sub(start))}
	}
	return out
}

// sweepStretches walks a window length nanoseconds long, from boundary to
// boundary of the layers (in nanoseconds after its start), merging
// neighbours of the same kind and label: the layers cut the window into
// stretches, each of the first layer that holds it (KindFree when none
// does), with the labels interned. The stretches are appended to dst,
// built first in *scratch unless that is nil: dst then grows by what the
// timeline needs, not by what it might.
func sweepStretches(dst []Stretch, length int64, layers []offLayer, scratch *[]Stretch) ([]Stretch, []string) {
	// An empty layer cuts nothing: leave it out of every step.
	layers = slices.DeleteFunc(layers, func(l offLayer) bool { return len(l.ivs) == 0 })
	// Each span of a layer starts at most two stretches: its own and the
	// one after it.
	n := 1
	for _, l := range layers {
		n += 2 * len(l.ivs)
	}
	base := len(dst) // where the timeline starts in out
	out := dst
	if scratch != nil {
		base, out = 0, (*scratch)[:0]
	}
	out = slices.Grow(out, n)
	// At most one label a labelled span, and one a layer.
	nl := 1 + len(layers)
	for _, l := range layers {
		nl += len(l.labels)
	}
	labels := make([]string, 1, min(nl, 8))
	intern := func(label string) int32 {
		// A person has few labels: a search costs less than a map.
		if i := slices.Index(labels, label); i >= 0 {
			return int32(i)
		}
		labels = append(labels, label)
		return int32(len(labels) - 1)
	}
	var cur [32]int // a person's layers: the fixed ones and a few focus blocks
	var cursors []int
	if 2*len(layers) > len(cur) {
		cursors = make([]int, 2*len(layers))
	} else {
		cursors = cur[:2*len(layers)]
	}
	first := cursors[:len(layers)] // per layer, the first span that may hold at
	nb := cursors[len(layers):]    // per layer with bounds, the first bound after at
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
			if l.bounds == nil {
				// Disjoint spans: the first one that ends after at either
				// holds it or starts the layer's next stretch.
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
				if l.labels != nil {
					label = l.labels[first[j]]
				}
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
		if k := len(out) - 1; k >= base && out[k].Kind == kind && lastLabel == label && out[k].Hard == hard {
			// The stretch goes on.
		} else {
			out = append(out, Stretch{Start: at, Label: intern(label), Kind: kind, Hard: hard})
			lastLabel = label
		}
		at = end
	}
	if scratch == nil {
		return out, labels
	}
	*scratch = out
	return append(dst, out...), labels
}
