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
	Under Kind // as Segment.Under
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

// sweepStretches paints the layers over base, a timeline of a window
// length nanoseconds long of free and off-hours stretches without labels:
// each free instant gets the first layer (not an under one) that holds it
// (KindFree when none does), and each off-hours instant the first under
// layer that holds it, as what lies under it. Neighbours the same in
// kind, label, hardness and what lies under them are merged. It appends
// the timeline to dst, and returns it with the labels its stretches
// index, the empty one first. The work goes through scratch; dst grows by
// what the timeline needs.
func sweepStretches(dst []Stretch, length int64, base []Stretch, layers []offLayer, scratch *timelineScratch) ([]Stretch, []string) {
	over := overlay(layers, false, &scratch.pieces)
	under := overlay(layers, true, &scratch.underPieces)
	if len(over)+len(under) == 0 {
		return append(dst, base...), []string{""}
	}
	labels := append(make([]string, 0, 4), "")
	// A pass for the pieces over working time, then one for those under
	// off-hours; each piece splits at most one stretch in three. The last
	// pass paints straight into dst when it has room for the worst, else
	// into scratch first.
	src := base
	for i, pass := range [2][]piece{over, under} {
		if len(pass) == 0 {
			continue
		}
		n := len(src) + 2*len(pass)
		if i == 1 || len(under) == 0 {
			if cap(dst)-len(dst) >= n {
				return paint(dst, src, length, layers, pass, i == 1, &labels), labels
			}
		}
		buf := &scratch.stretches[i]
		*buf = paint(slices.Grow((*buf)[:0], n), src, length, layers, pass, i == 1, &labels)
		src = *buf
	}
	return append(dst, src...), labels
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
// long, with the pieces of layers over its free stretches, or, for under
// pieces, under its off-hours ones, merging neighbours the same in kind,
// label, hardness and what lies under them (the stretches before out's
// length are not touched), and the pieces' labels interned in *labels.
// What lies between the pieces is copied in runs.
func paint(out, src []Stretch, length int64, layers []offLayer, pieces []piece, under bool, labels *[]string) []Stretch {
	from := len(out)
	emit := func(x Stretch) {
		if n := len(out); n > from && out[n-1].Kind == x.Kind && out[n-1].Label == x.Label && out[n-1].Hard == x.Hard && out[n-1].Under == x.Under {
			return // the stretch goes on
		}
		out = append(out, x)
	}
	// cur is the stretch of src that holds at; the timeline before at is
	// in out.
	cur, at := 0, int64(0)
	// holding returns the stretch that holds t, at or after cur: a walk,
	// since the pass walks src once in any case.
	holding := func(t int64) int {
		j := cur
		for j+1 < len(src) && src[j+1].Start <= t {
			j++
		}
		return j
	}
	// copyTo puts src from at to t in out: the rest of cur, then the
	// stretches that start after it and before t, as they are: src's
	// neighbours differ already.
	copyTo := func(t int64) {
		if t <= at {
			return
		}
		x := src[cur]
		x.Start = at
		emit(x)
		j := holding(t)
		upto := j + 1
		if src[j].Start == t {
			upto = j // it starts at t: none of it is before
		}
		out = append(out, src[min(cur+1, upto):upto]...)
		cur, at = j, t
	}
	// Each unlabelled layer's label, interned when first painted, and the
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
				lastName, lastLabel = name, intern(labels, name)
			}
			return lastLabel
		case int(layer) >= len(layerLabels):
			return intern(labels, l.label)
		case layerLabels[layer] < 0:
			layerLabels[layer] = intern(labels, l.label)
		}
		return layerLabels[layer]
	}
	for _, p := range pieces {
		copyTo(p.start)
		for at < p.end {
			end := length
			if cur+1 < len(src) {
				end = src[cur+1].Start
			}
			x := src[cur]
			x.Start = at
			switch {
			case !under && x.Kind == KindFree:
				l := &layers[p.layer]
				x = Stretch{Start: at, Label: labelOf(p.layer, p.span), Kind: l.kind, Hard: l.hard}
			case under && x.Kind == KindOffHours:
				x.Under, x.Label = layers[p.layer].kind, labelOf(p.layer, p.span)
			}
			emit(x)
			if end <= p.end {
				cur, at = min(cur+1, len(src)-1), end
			} else {
				at = p.end
			}
		}
	}
	copyTo(length)
	return out
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
