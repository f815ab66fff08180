package calendar

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// A Batch shares the work that many schedules have in common, for the
// life of one task over a team, such as one overlap.Compute: each
// distinct focus rule is parsed once (Compile), and each rule's
// occurrences in a window, each working week's spans and each holiday
// calendar's days are found once for every zone and window that asks
// (Timeline, Stretches). What it keeps
// lives as long as the Batch: make one for a task and drop it after;
// tzplan keeps no caches of its own between calls.
//
// A Batch is safe for concurrent use. Its answers are those of the
// functions it stands for, Compile's and Schedule.Timeline's, for the
// limits of each call's context: a rule with a COUNT is counted for each
// person on their own budget (CountBudget), never shared.
type Batch struct {
	mu       sync.Mutex
	rules    map[batchRule]Recurrence
	zones    map[string][]*time.Location // by name: the Locations taken for one zone
	holidays map[batchHolidays][]Holiday
	focus    map[batchFocus][]offSpan
	hours    map[batchHours]workingTime
}

type batchHours struct {
	hours  string // WeeklyHours.key
	zone   *time.Location
	window [2]time.Time // in UTC: one key for one pair of instants
}

type batchRule struct {
	text  string
	start DateTime
}

type batchHolidays struct {
	codes       string
	which       HolidayDates
	first, last Date
}

type batchFocus struct {
	rule   focusKey
	dur    time.Duration
	zone   *time.Location // as Batch.zone gives it
	window [2]time.Time   // in UTC
	limit  int            // Limits.Occurrences, which may fail an expansion
}

// NewBatch returns an empty Batch.
func NewBatch() *Batch {
	return &Batch{
		rules:    make(map[batchRule]Recurrence),
		zones:    make(map[string][]*time.Location),
		holidays: make(map[batchHolidays][]Holiday),
		focus:    make(map[batchFocus][]offSpan),
		hours:    make(map[batchHours]workingTime),
	}
}

// Compile is calendar.Compile, with each distinct focus rule parsed once
// for the whole Batch.
func (b *Batch) Compile(ctx context.Context, p Person) (*Schedule, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("calendar.Compile: %w", err)
	}
	s, err := compileIn(&p, LimitsOf(ctx), b)
	if err != nil {
		return nil, fmt.Errorf("calendar.Compile: %w", err)
	}
	return s, nil
}

// Timeline is s.Timeline, with the focus rules' occurrences and the
// holiday days found once for every zone and window the Batch is asked.
func (b *Batch) Timeline(ctx context.Context, s *Schedule, window Interval) ([]Segment, error) {
	segs, err := s.timelineIn(ctx, window, b)
	if err != nil {
		return nil, s.errorf("Timeline", err)
	}
	return segs, nil
}

// parse returns the rule text from start, parsed once. A rule with a
// COUNT is parsed for each caller: what it has counted is charged to its
// person's budget, and so is theirs alone.
func (b *Batch) parse(text string, start DateTime) (Recurrence, error) {
	k := batchRule{text, start}
	b.mu.Lock()
	r, ok := b.rules[k]
	b.mu.Unlock()
	if ok {
		return r, nil
	}
	r, err := ParseRecurrence(text, start)
	if err != nil || r.count != nil {
		return r, err
	}
	b.mu.Lock()
	b.rules[k] = r
	b.mu.Unlock()
	return r, nil
}

// zone returns the Location the Batch takes for loc over the instants
// from lo to hi: the first it was given of that name with the same
// offsets there, so that people whose zones were loaded one by one share
// their work. Locations of one name that differ there (a fixed zone made
// under an IANA name) are kept apart.
func (b *Batch) zone(loc *time.Location, lo, hi time.Time) *time.Location {
	name := loc.String()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, z := range b.zones[name] {
		if z == loc || sameWithin(z, loc, lo, hi) {
			return z
		}
	}
	b.zones[name] = append(b.zones[name], loc)
	return loc
}

// sameWithin reports whether a and b have the same offsets, changing at
// the same instants, from lo to hi.
func sameWithin(a, b *time.Location, lo, hi time.Time) bool {
	ta, tb := lo.In(a), lo.In(b)
	for {
		_, oa := ta.Zone()
		_, ob := tb.Zone()
		_, ea := ta.ZoneBounds()
		_, eb := tb.ZoneBounds()
		switch {
		case oa != ob || !ea.Equal(eb):
			return false
		case ea.IsZero() || ea.After(hi) || !ea.After(ta):
			return true
		}
		ta, tb = ea, eb
	}
}

// holidaysOf is Holidays for codes, found once for every range.
func (b *Batch) holidaysOf(codes []string, first, last Date, which HolidayDates) ([]Holiday, error) {
	k := batchHolidays{strings.Join(codes, "\x00"), which, first, last}
	b.mu.Lock()
	hs, ok := b.holidays[k]
	b.mu.Unlock()
	if ok {
		return hs, nil
	}
	hs, err := Holidays(codes, first, last, which)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.holidays[k] = hs
	b.mu.Unlock()
	return hs, nil
}

// working is workingIn, found once for every zone and window: key is
// hours as text.
func (b *Batch) working(hours WeeklyHours, key string, window Interval, loc *time.Location) workingTime {
	// The spans read the window's days, with two days' margin.
	lo, hi := window.Start.Add(-3*24*time.Hour), window.End.Add(3*24*time.Hour)
	k := batchHours{key, b.zone(loc, lo, hi), [2]time.Time{window.Start.UTC(), window.End.UTC()}}
	b.mu.Lock()
	w, ok := b.hours[k]
	b.mu.Unlock()
	if ok {
		return w
	}
	w = workingIn(hours, window, k.zone)
	b.mu.Lock()
	b.hours[k] = w
	b.mu.Unlock()
	return w
}

// occurrences is focusSpans, found once for every zone and window. The
// answer is shared: the caller must not change it.
func (b *Batch) occurrences(ctx context.Context, f focusRule, window Interval, loc *time.Location) ([]offSpan, error) {
	// Occurrences reads the window's dates, with two days' margin, and
	// a focus block's length before it.
	lo, hi := window.Start.Add(-f.dur-3*24*time.Hour), window.End.Add(3*24*time.Hour)
	if f.rec.count != nil {
		// A COUNT is counted on the person's budget: no sharing.
		return focusSpans(ctx, f, window, loc)
	}
	k := batchFocus{f.key, f.dur, b.zone(loc, lo, hi), [2]time.Time{window.Start.UTC(), window.End.UTC()}, LimitsOf(ctx).Occurrences}
	b.mu.Lock()
	occ, ok := b.focus[k]
	b.mu.Unlock()
	if ok {
		return occ, nil
	}
	occ, err := focusSpans(ctx, f, window, k.zone)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.focus[k] = occ
	b.mu.Unlock()
	return occ, nil
}
