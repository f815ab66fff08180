package calendar

import (
	"context"
	"iter"
	"math"
	"slices"
	"time"
)

// A Stretch is one segment of a timeline in the form that costs little to
// keep for many people: it starts Start nanoseconds after the window's
// start and runs to the start of the next stretch (the last, to the
// window's end); Label indexes the timeline's labels. Draft.AppendStretches
// gives them; Schedule.Timeline gives the same timeline as Segments.
type Stretch struct {
	Start int64
	Label int32
	Kind  Kind
	Hard  bool
	Under Kind // as Segment.Under
}

// A Draft is a person's timeline over a window before it is drawn: the
// stretches their working week makes there, which they share with
// everyone of the same zone and hours, and the marks of their own days
// off, busy time and focus blocks on it. It is the form a task over a
// large team keeps, a few marks a person rather than a stretch for every
// change: the timeline is drawn only when asked (AppendStretches), and
// free time is read from the draft as it is (Spans). Batch.Draft makes
// one; the zero Draft is the timeline of an empty window. A Draft is
// immutable and safe for concurrent use.
type Draft struct {
	length int64     // the window's, in nanoseconds
	base   []Stretch // free and off-hours, without labels: shared, never changed
	marks  []mark    // marks[:over] over working time, marks[over:] under off-hours
	over   int
	labels []string // by index: the empty label first
}

// A mark is what a draft's own layers put on one span of its base: over
// its free stretches, a kind (and label and hardness); under its
// off-hours ones, what lies under them.
type mark struct {
	offSpan
	label int32
	kind  Kind
	hard  bool
}

// Draft returns the draft of s's timeline over window (Schedule.Timeline
// drawn is the same), with the work people share done through b.
func (b *Batch) Draft(ctx context.Context, s *Schedule, window Interval) (Draft, error) {
	d, err := s.draft(ctx, window, b)
	if err != nil {
		return Draft{}, s.errorf("Timeline", err)
	}
	return d, nil
}

// Labels returns the labels that the draft's stretches index, the empty
// one first. The caller must not change them.
func (d Draft) Labels() []string { return d.labels }

// AppendStretches appends the timeline drawn, in stretches, to dst and
// returns the extended slice: each free instant of the base gets the
// first layer (not an under one) that holds it, and each off-hours
// instant what lies under it. Neighbours the same in kind, label,
// hardness and what lies under them are merged.
func (d Draft) AppendStretches(dst []Stretch) []Stretch {
	if len(d.marks) == 0 {
		return append(dst, d.base...)
	}
	// Each mark splits at most one stretch in three.
	dst = slices.Grow(dst, len(d.base)+2*len(d.marks))
	return paint(dst, d.base, d.length, [2][]mark{d.marks[:d.over], d.marks[d.over:]})
}

// Spans returns the spans of the timeline, as nanoseconds after the
// window's start, in which each instant's kind and hardness satisfy
// where: sorted, disjoint and never touching. It reads them from the
// draft without drawing it.
func (d Draft) Spans(where func(kind Kind, hard bool) bool) iter.Seq2[int64, int64] {
	return func(yield func(start, end int64) bool) {
		var s, e int64 // the span found so far, when e > s
		add := func(from, to int64) bool {
			switch {
			case from >= to:
			case e > s && e == from:
				e = to
			default:
				if e > s && !yield(s, e) {
					return false
				}
				s, e = from, to
			}
			return true
		}
		over, j := d.marks[:d.over], 0
		free := where(KindFree, false)
		for i, x := range d.base {
			end := d.length
			if i+1 < len(d.base) {
				end = d.base[i+1].Start
			}
			if x.Kind != KindFree {
				// What lies under off-hours is still off-hours.
				if where(x.Kind, x.Hard) && !add(x.Start, end) {
					return
				}
				continue
			}
			for j < len(over) && over[j].end <= x.Start {
				j++
			}
			at := x.Start
			for ; j < len(over) && over[j].start < end; j++ {
				m := over[j]
				if m.start > at {
					if free && !add(at, m.start) {
						return
					}
					at = m.start
				}
				if where(m.kind, m.hard) && !add(at, min(m.end, end)) {
					return
				}
				if at = m.end; m.end > end {
					break // the mark goes on into a later stretch
				}
			}
			if at < end && free && !add(at, end) {
				return
			}
		}
		if e > s {
			yield(s, e)
		}
	}
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
		out[i] = Segment{Interval{window.Start.Add(time.Duration(x.Start)).In(loc), end.In(loc)}, x.Kind, labels[x.Label], x.Hard, x.Under}
	}
	return out
}

// An offLayer is one kind of time in a window, in nanoseconds after the
// window's start: spans sorted by start and disjoint. Layers are listed in
// the order they apply. An under layer applies to off-hours time, as what
// lies under it (Segment.Under); the others to working time.
type offLayer struct {
	kind   Kind
	hard   bool      // a hard focus block
	under  bool      // an under layer
	label  string    // the label of every span, unless labels is set
	ivs    []offSpan // sorted, disjoint
	labels []string  // the label of each span, in a labelled layer
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

// baseStretches returns the stretches of a window length nanoseconds long
// that working spans (sorted by start) make: free where one holds, else
// off-hours.
func baseStretches(length int64, spans []daySpan) []Stretch {
	out := make([]Stretch, 0, 2*len(spans)+1)
	at := int64(0) // the end of the working time so far
	for _, d := range spans {
		sp := d.span
		if sp.start > at {
			out = append(out, Stretch{Start: at, Kind: KindOffHours})
		}
		if sp.start > at || len(out) == 0 {
			out = append(out, Stretch{Start: sp.start, Kind: KindFree})
		}
		at = max(at, sp.end)
	}
	if at < length {
		out = append(out, Stretch{Start: at, Kind: KindOffHours})
	}
	return out
}

// newDraft returns the draft of a timeline of a window length
// nanoseconds long: base, its free and off-hours stretches without
// labels, with the layers on it. The work goes through scratch.
func newDraft(length int64, base []Stretch, layers []offLayer, scratch *timelineScratch) Draft {
	d := Draft{length: length, base: base, labels: append(make([]string, 0, 4), "")}
	over := overlay(layers, false, &scratch.pieces)
	under := overlay(layers, true, &scratch.underPieces)
	if len(over)+len(under) == 0 {
		return d
	}
	d.marks, d.over = make([]mark, 0, len(over)+len(under)), len(over)
	// Each unlabelled layer's label, interned when first met, and the
	// last label of a labelled layer's span.
	var layerLabels [8]int32
	for i := range layerLabels {
		layerLabels[i] = -1
	}
	lastName, lastLabel := "", int32(-1)
	labelOf := func(layer, span int32) int32 {
		l := &layers[layer]
		switch {
		case l.labels != nil:
			// Neighbouring spans mostly share their label.
			if name := l.labels[span]; name != lastName || lastLabel < 0 {
				lastName, lastLabel = name, intern(&d.labels, name)
			}
			return lastLabel
		case int(layer) >= len(layerLabels):
			return intern(&d.labels, l.label)
		case layerLabels[layer] < 0:
			layerLabels[layer] = intern(&d.labels, l.label)
		}
		return layerLabels[layer]
	}
	for _, ps := range [2][]piece{over, under} {
		for _, p := range ps {
			l := &layers[p.layer]
			d.marks = append(d.marks, mark{p.offSpan, labelOf(p.layer, p.span), l.kind, l.hard})
		}
	}
	return d
}

// A piece is a span of a layer: the part of layers[layer].ivs[span] that
// the layers before it leave.
type piece struct {
	offSpan
	layer, span int32
}

// overlay makes the layers, the under ones or the others, one: sorted,
// disjoint pieces, each instant in that of the first layer that holds it.
// Layers are few and short beside a timeline, so they are merged before
// they are painted on it once. bufs are two buffers it may use.
func overlay(layers []offLayer, under bool, bufs *[2][]piece) []piece {
	have, next := bufs[0][:0], bufs[1][:0]
	for li, l := range layers {
		if len(l.ivs) == 0 || l.under != under {
			continue
		}
		// The parts of l's spans that the layers before leave, merged
		// with theirs by start: have[h] is the first that may meet a
		// span, have[k] the first not yet in next.
		next = slices.Grow(next[:0], len(have)+2*len(l.ivs))
		h, k := 0, 0
		for i, sp := range l.ivs {
			for h < len(have) && have[h].end <= sp.start {
				h++
			}
			at := sp.start
			for j := h; at < sp.end; j++ {
				gap := sp.end // the end of the part of sp from at that have leaves
				if j < len(have) && have[j].start < sp.end {
					gap = have[j].start
				}
				if at < gap {
					for k < len(have) && have[k].start < at {
						next = append(next, have[k])
						k++
					}
					next = append(next, piece{offSpan{at, gap}, int32(li), int32(i)})
				}
				if gap == sp.end {
					break
				}
				at = max(at, have[j].end)
			}
		}
		next = append(next, have[k:]...)
		have, next = next, have
	}
	*bufs = [2][]piece{have, next}
	return have
}

// paint appends to out the timeline src, of a window length nanoseconds
// long, with marks[0] over its free stretches and marks[1] under its
// off-hours ones, merging neighbours the same in kind, label, hardness
// and what lies under them (the stretches before out's length are not
// touched). What lies between the marks is copied in runs.
func paint(out, src []Stretch, length int64, marks [2][]mark) []Stretch {
	from := len(out)
	// next[w] is the first mark of marks[w] that may meet the stretch.
	var next [2]int
	for i := 0; i < len(src); i++ {
		x := src[i]
		// The stretches that end before the next mark starts are
		// copied as they are: src's neighbours differ already.
		upto := int64(math.MaxInt64)
		for w, ms := range marks {
			j := next[w]
			for j < len(ms) && ms[j].end <= x.Start {
				j++
			}
			if next[w] = j; j < len(ms) {
				upto = min(upto, ms[j].start)
			}
		}
		k := i
		for k+1 < len(src) && src[k+1].Start <= upto {
			k++
		}
		if k > i {
			out = push(out, from, x)
			out = append(out, src[i+1:k]...)
			i, x = k, src[k]
		}
		end := length
		if i+1 < len(src) {
			end = src[i+1].Start
		}
		w := 0
		switch x.Kind {
		case KindFree:
		case KindOffHours:
			w = 1
		default:
			out = push(out, from, x)
			continue
		}
		ms, j := marks[w], next[w]
		at := x.Start
		for ; j < len(ms) && ms[j].start < end; j++ {
			m := ms[j]
			if m.start > at {
				x.Start = at
				out = push(out, from, x)
				at = m.start
			}
			y := x
			y.Start = at
			if w == 0 {
				y = Stretch{Start: at, Label: m.label, Kind: m.kind, Hard: m.hard}
			} else {
				y.Under, y.Label = m.kind, m.label
			}
			out = push(out, from, y)
			if at = m.end; m.end > end {
				break // the mark goes on into a later stretch
			}
		}
		next[w] = j
		if at < end {
			x.Start = at
			out = push(out, from, x)
		}
	}
	return out
}

// push appends x to out unless it goes on the stretch before it, one
// after from, the same in kind, label, hardness and what lies under it.
func push(out []Stretch, from int, x Stretch) []Stretch {
	if n := len(out); n > from && out[n-1].Kind == x.Kind && out[n-1].Label == x.Label && out[n-1].Hard == x.Hard && out[n-1].Under == x.Under {
		return out
	}
	return append(out, x)
}

// intern returns the index of label in *labels, added if new. A person
// has few labels: a search costs less than a map.
func intern(labels *[]string, label string) int32 {
	if i := slices.Index(*labels, label); i >= 0 {
		return int32(i)
	}
	*labels = append(*labels, label)
	return int32(len(*labels) - 1)
}

// spliceDrafts joins the drafts of consecutive parts of a window length
// nanoseconds long: parts[k] starts starts[k] nanoseconds after the
// window's start (in order) and is as long as its own window; the time
// between parts, if any, is off-hours.
func spliceDrafts(length int64, starts []int64, parts []Draft) Draft {
	d := Draft{length: length, labels: []string{""}}
	push := func(x Stretch) {
		if n := len(d.base); n > 0 {
			last := d.base[n-1]
			if last.Start == x.Start {
				d.base = d.base[:n-1]
			} else if last.Kind == x.Kind && last.Label == x.Label && last.Hard == x.Hard && last.Under == x.Under {
				return
			}
		}
		d.base = append(d.base, x)
	}
	var over, under []mark
	at := int64(0)
	for k, p := range parts {
		shift := starts[k]
		if shift > at {
			push(Stretch{Start: at, Kind: KindOffHours})
		}
		if len(p.base) == 0 {
			push(Stretch{Start: shift, Kind: KindOffHours})
		}
		for _, x := range p.base {
			x.Start += shift
			push(x)
		}
		remap := make([]int32, len(p.labels))
		for i, l := range p.labels {
			remap[i] = intern(&d.labels, l)
		}
		for i, m := range p.marks {
			m.start += shift
			m.end += shift
			m.label = remap[m.label]
			if i < p.over {
				over = append(over, m)
			} else {
				under = append(under, m)
			}
		}
		at = shift + p.length
	}
	if at < length || len(d.base) == 0 {
		push(Stretch{Start: at, Kind: KindOffHours})
	}
	d.marks, d.over = append(over, under...), len(over)
	return d
}
