package calendar

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Person is one member of a team as tzplan sees them: where their clocks
// are, when they work, and what takes time out of their working hours.
// Everything but Busy is read on the person's own wall clock, in Zone.
//
// A Person is a plain value; build one in Go or read one from a roster
// file with ReadRoster. Validate reports what is wrong with one.
type Person struct {
	ID, Name string
	Zone     *time.Location

	// Hours are the person's weekly working hours. The zero value means
	// no working hours at all (so no free time): only a roster entry
	// without "hours" gets DefaultHours.
	Hours WeeklyHours

	// Holidays are the codes of the holiday calendars the person keeps
	// ("US", "DE-BY"; see HolidayCodes). A holiday is a date in Zone.
	Holidays []string
	// HolidayDates says whether a holiday that falls on a weekend moves to
	// its observed day off (the default) or stays on its own date.
	HolidayDates HolidayDates

	TimeOff []TimeOff
	Focus   []FocusBlock

	// Busy is the time the person already has taken, such as meetings.
	Busy Set

	// Calendars name the calendar files the person's busy time also comes
	// from, as a roster gives them (relative to the roster file).
	Calendars []string
	// Sources give busy time for any window, such as the calendar files
	// of Calendars once read (package ics reads iCalendar files). Their
	// busy time is added to Busy.
	Sources []BusySource
}

// A BusySource gives busy time for any window: a calendar whose recurring
// events have no end cannot be a Set. zone is the zone of the person whose
// calendar it is, for times with no zone of their own (floating times,
// all-day events). The result must lie inside window.
type BusySource interface {
	Busy(window Interval, zone *time.Location) (Set, error)
}

// DefaultHours are the working hours of a roster entry that gives none.
const DefaultHours = "Mon-Fri 09:00-17:00"

// A TimeOff is a person's leave: the whole civil days From to To,
// inclusive, in the person's zone.
type TimeOff struct {
	From, To Date
	Reason   string
}

// A FocusBlock is time a person protects for deep work: a recurrence of
// blocks of Duration each. A hard block is never scheduled over; a soft
// one may be broken, at a cost. Only the part of a block inside working
// hours matters: outside them the person is off anyway.
type FocusBlock struct {
	Name string
	// Rule is the recurrence, as ParseRecurrence reads it: a bare RRULE
	// value ("FREQ=WEEKLY;BYDAY=TU,TH") or lines with DTSTART, RRULE,
	// EXDATE and RDATE. Frequencies finer than DAILY are rejected.
	Rule string
	// Start is the first block's wall time in the person's zone; it is
	// ignored when Rule has a DTSTART line.
	Start    DateTime
	Duration time.Duration
	Hard     bool
}

// A Kind is what a stretch of a person's time is taken by. Kinds are
// ordered: an instant gets the first kind that applies.
type Kind int

// The kinds, in the order they apply.
const (
	KindOffHours Kind = iota // outside every working span
	KindHoliday              // in a working span that starts on a holiday
	KindTimeOff              // in a working span that starts on a day of time off
	KindBusy                 // in a busy event
	KindFocus                // in a focus block
	KindFree                 // none of the above
)

var kindNames = [...]string{"off-hours", "holiday", "time-off", "busy", "focus", "free"}

// String returns the kind's name: "off-hours", "holiday", "time-off",
// "busy", "focus" or "free".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// ParseKind returns the Kind that String names.
func ParseKind(s string) (Kind, error) {
	if i := slices.Index(kindNames[:], s); i >= 0 {
		return Kind(i), nil
	}
	return 0, &ParseError{Func: "ParseKind", Input: s, Msg: "want one of " + strings.Join(kindNames[:], ", ")}
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (k Kind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(kindNames) {
		return nil, fmt.Errorf("calendar: Kind.MarshalText: invalid kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseKind.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// A Segment is a stretch of a person's timeline taken by one kind of time.
// Label names what takes it: the holiday's name, the time off's reason, or
// the focus block's name.
type Segment struct {
	Interval
	Kind  Kind
	Label string
}

// String returns s as "[start, end) kind" or "[start, end) kind: label".
func (s Segment) String() string {
	if s.Label == "" {
		return s.Interval.String() + " " + s.Kind.String()
	}
	return s.Interval.String() + " " + s.Kind.String() + ": " + s.Label
}

// maxTimelineYears bounds the window of a timeline, as Holidays bounds its
// range, so that no window makes it run for long.
const maxTimelineYears = 1000

// maxFocusDuration bounds a focus block: longer ones are surely a mistake.
const maxFocusDuration = 24 * time.Hour

// Validate reports the first thing wrong with p that would make its
// timeline meaningless: no zone, an unknown holiday calendar, time off
// that ends before it starts, a focus block without a name, with a name
// used twice, without a positive duration of at most 24 hours, or with a
// rule that does not parse.
func (p *Person) Validate() error {
	if _, err := p.compile(); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	return nil
}

// A personError is an error that names the person it is about.
type personError struct {
	who string
	err error
}

func (e *personError) Error() string { return "person " + e.who + ": " + e.err.Error() }
func (e *personError) Unwrap() error { return e.err }

// errorFor returns err as an error about p.
func (p *Person) errorFor(err error) error {
	who := p.ID
	if who == "" {
		who = p.Name
	}
	return &personError{fmt.Sprintf("%q", who), err}
}

// compiled is what a timeline needs of a person, checked and parsed once.
type compiled struct {
	holidays []string // canonical codes
	focus    []Recurrence
}

func (p *Person) compile() (compiled, error) {
	var c compiled
	fail := func(format string, args ...any) (compiled, error) {
		return compiled{}, p.errorFor(fmt.Errorf(format, args...))
	}
	if p.Zone == nil {
		return fail("no zone")
	}
	for _, code := range p.Holidays {
		canon, err := CanonicalHolidayCode(code)
		if err != nil {
			return fail("holidays: %w %q", ErrUnknownHolidayCode, code)
		}
		c.holidays = append(c.holidays, canon)
	}
	if p.HolidayDates != Observed && p.HolidayDates != Actual {
		return fail("holiday dates: invalid value %d", int(p.HolidayDates))
	}
	for i, off := range p.TimeOff {
		if !off.From.IsValid() || !off.To.IsValid() || off.To.Before(off.From) {
			return fail("time off %d: %s to %s is not a range of dates", i+1, off.From, off.To)
		}
	}
	for i, f := range p.Focus {
		if f.Name == "" {
			return fail("focus block %d has no name", i+1)
		}
		if slices.ContainsFunc(p.Focus[:i], func(o FocusBlock) bool { return o.Name == f.Name }) {
			return fail("focus block name %q is used twice", f.Name)
		}
		if f.Duration <= 0 || f.Duration > maxFocusDuration {
			return fail("focus block %q: duration %s is not between 0 and 24h", f.Name, f.Duration)
		}
		r, err := ParseRecurrence(f.Rule, f.Start)
		if err != nil {
			return fail("focus block %q: %w", f.Name, err)
		}
		c.focus = append(c.focus, r)
	}
	return c, nil
}

// FocusBlock returns (a copy of) the focus block named name, so that a
// focus segment's label leads back to the block and whether it is hard.
func (p *Person) FocusBlock(name string) (FocusBlock, bool) {
	for _, f := range p.Focus {
		if f.Name == name {
			return f, true
		}
	}
	return FocusBlock{}, false
}

// Timeline returns p's time in window as segments that cover it exactly,
// in order, each taken by one kind of time. An instant gets the first kind
// that applies: off-hours (outside every working span), holiday (in a span
// that starts on one of p's holidays), time-off, busy, focus, free.
// Neighbouring segments differ in kind or label. A holiday or day of time
// off removes the working spans that start on it, so a night shift that
// starts the evening before a holiday is still worked. The segments' times
// are in p.Zone.
func (p *Person) Timeline(window Interval) ([]Segment, error) {
	c, err := p.compile()
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	window = stripMono(window)
	if window.IsEmpty() {
		return nil, nil
	}
	loc := p.Zone
	first := DateOf(window.Start.In(loc)).AddDays(-2) // as in WeeklyHours.spans
	last := DateOf(window.End.In(loc))
	if last.Year-first.Year > maxTimelineYears {
		return nil, fmt.Errorf("calendar: %w", p.errorFor(fmt.Errorf("window %s is longer than %d years", window, maxTimelineYears)))
	}

	days, err := p.daysOff(c, first, last)
	if err != nil {
		return nil, err
	}
	// The working spans, and those that start on a day off, labelled.
	spans := make([]Interval, 0, p.Hours.estimate(window))
	holiday := layer{kind: KindHoliday}
	timeOff := layer{kind: KindTimeOff}
	p.Hours.spans(window, loc, func(day Date, iv Interval) {
		spans = append(spans, iv)
		switch d, ok := days[day]; {
		case !ok:
		case d.kind == KindHoliday:
			holiday.add(iv, d.label)
		default:
			timeOff.add(iv, d.label)
		}
	})
	working := Set{normalize(spans)}
	busy := p.Busy.Clip(window)
	for i, src := range p.Sources {
		if src == nil {
			continue
		}
		b, err := src.Busy(window, loc)
		if err != nil {
			name := fmt.Sprint("busy source ", i+1)
			if i < len(p.Calendars) {
				name = fmt.Sprintf("calendar %q", p.Calendars[i])
			}
			return nil, fmt.Errorf("calendar: %w", p.errorFor(fmt.Errorf("%s: %w", name, err)))
		}
		busy = busy.Union(b.Clip(window))
	}
	layers := make([]layer, 0, len(c.focus)+4)
	layers = append(layers,
		layer{kind: KindOffHours, ivs: NewSet(window).Subtract(working).ivs},
		holiday.sorted(), timeOff.sorted(),
		layer{kind: KindBusy, ivs: busy.ivs})
	for i, r := range c.focus {
		occ, err := r.Occurrences(window, p.Focus[i].Duration, loc)
		if err != nil {
			return nil, fmt.Errorf("calendar: %w", p.errorFor(fmt.Errorf("focus block %q: %w", p.Focus[i].Name, err)))
		}
		layers = append(layers, layer{kind: KindFocus, label: p.Focus[i].Name, ivs: NewSet(occ...).Clip(window).ivs})
	}
	segs := sweep(window, layers)
	for i := range segs {
		segs[i].Interval = segs[i].In(loc)
	}
	return segs, nil
}

// Free returns the free segments of p's timeline in window as a set.
func (p *Person) Free(window Interval) (Set, error) {
	segs, err := p.Timeline(window)
	if err != nil {
		return Set{}, err
	}
	out := make([]Interval, 0, len(segs)/2+1)
	for _, s := range segs {
		if s.Kind == KindFree {
			out = append(out, s.Interval)
		}
	}
	// Free segments are sorted and never touch: a segment of another
	// kind lies between any two of them.
	return Set{out}, nil
}

type dayOff struct {
	kind  Kind
	label string
}

// daysOff returns p's holidays and days of time off from first to last.
// A holiday wins over time off on the same day; the names of two holidays
// on one day are joined.
func (p *Person) daysOff(c compiled, first, last Date) (map[Date]dayOff, error) {
	days := map[Date]dayOff{}
	if len(c.holidays) > 0 {
		hs, err := Holidays(c.holidays, first, last, p.HolidayDates)
		if err != nil {
			return nil, fmt.Errorf("calendar: %w", p.errorFor(err))
		}
		// Holidays lists each name once a date, sorted.
		for _, h := range hs {
			if d, ok := days[h.Date]; ok {
				days[h.Date] = dayOff{KindHoliday, d.label + ", " + h.Name}
			} else {
				days[h.Date] = dayOff{KindHoliday, h.Name}
			}
		}
	}
	for _, off := range p.TimeOff {
		from, to := off.From, off.To
		if from.Before(first) {
			from = first
		}
		if to.After(last) {
			to = last
		}
		for d := from; !d.After(to); d = d.AddDays(1) {
			if _, taken := days[d]; !taken {
				days[d] = dayOff{KindTimeOff, off.Reason}
			}
		}
	}
	return days, nil
}

// A layer is one kind of time. Its intervals are sorted by start; they
// overlap only in a labelled layer, where a night shift that starts on one
// day off runs into the next day's spans, and there the interval that
// starts first gives the label. Layers are listed in the order they apply.
type layer struct {
	kind   Kind
	label  string      // the label of every interval, unless labels is set
	ivs    []Interval  // sorted by start
	labels []string    // the label of each interval, in a labelled layer
	bounds []time.Time // a labelled layer's starts and ends, sorted
}

// add adds an interval to a labelled layer.
func (l *layer) add(iv Interval, label string) {
	l.ivs = append(l.ivs, iv)
	l.labels = append(l.labels, label)
}

// sorted readies a labelled layer for sweep.
func (l layer) sorted() layer {
	if l.labels == nil {
		return l
	}
	idx := make([]int, len(l.ivs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return l.ivs[a].Start.Compare(l.ivs[b].Start) })
	out := layer{kind: l.kind, ivs: make([]Interval, len(idx)), labels: make([]string, len(idx))}
	for i, k := range idx {
		out.ivs[i], out.labels[i] = l.ivs[k], l.labels[k]
		out.bounds = append(out.bounds, l.ivs[k].Start, l.ivs[k].End)
	}
	slices.SortFunc(out.bounds, time.Time.Compare)
	return out
}

// sweep walks window from boundary to boundary of the layers and gives each
// stretch the kind and label of the first layer that holds it (free when
// none does), merging neighbours of the same kind and label. Each layer is
// read once, front to back, so the cost is linear in the layers' sizes.
func sweep(window Interval, layers []layer) []Segment {
	// Each interval of a layer starts at most two segments: its own and
	// the one after it.
	n := 1
	for _, l := range layers {
		n += 2 * len(l.ivs)
	}
	out := make([]Segment, 0, n)
	first := make([]int, len(layers)) // per layer, the first interval that may hold at
	nb := make([]int, len(layers))    // per labelled layer, the first boundary after at
	for at := window.Start; at.Before(window.End); {
		end := window.End
		kind, label := KindFree, ""
	layers:
		for j := range layers {
			l := &layers[j]
			ivs := l.ivs
			for first[j] < len(ivs) && !ivs[first[j]].End.After(at) {
				first[j]++
			}
			if l.labels == nil {
				// Disjoint intervals: the first one that ends after at
				// either holds it or starts the layer's next stretch.
				if first[j] == len(ivs) {
					continue
				}
				iv := &ivs[first[j]]
				if iv.Start.After(at) {
					if iv.Start.Before(end) {
						end = iv.Start
					}
					continue
				}
				if iv.End.Before(end) {
					end = iv.End
				}
				kind, label = l.kind, l.label
				// The layers after this one cannot change the stretch,
				// so their boundaries do not cut it.
				break
			}
			for nb[j] < len(l.bounds) && !l.bounds[nb[j]].After(at) {
				nb[j]++
			}
			if nb[j] < len(l.bounds) && l.bounds[nb[j]].Before(end) {
				end = l.bounds[nb[j]]
			}
			for k := first[j]; k < len(ivs) && !ivs[k].Start.After(at); k++ {
				if ivs[k].End.After(at) {
					kind, label = l.kind, l.labels[k]
					break layers
				}
			}
		}
		if k := len(out) - 1; k >= 0 && out[k].Kind == kind && out[k].Label == label {
			out[k].End = end
		} else {
			out = append(out, Segment{Interval{at, end}, kind, label})
		}
		at = end
	}
	return out
}
