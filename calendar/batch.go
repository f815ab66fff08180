package calendar

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Batch shares the work that many schedules have in common, for the
// life of one task over a team, such as one overlap.Compute: each
// distinct focus rule is parsed once (Compile); a floating rule's starts
// in a window are found once for every zone, and each rule's occurrences,
// each working week's spans and each holiday calendar's days once for
// every zone and window that asks (Timeline, Draft). What it
// keeps lives as long as the Batch: make one for a task and drop it
// after; tzplan keeps no caches of its own between calls.
//
// A Batch is safe for concurrent use. Its answers are those of the
// functions it stands for, Compile's and Schedule.Timeline's, for the
// limits of each call's context: a rule with a COUNT is counted for each
// person on their own budget (CountBudget), never shared.
type Batch struct {
	mu       sync.RWMutex                // read-mostly: what is found once is read by everyone
	rules    map[batchRule]*Recurrence   // one Recurrence a rule: the caches below know a rule by it
	zones    map[string][]*time.Location // by name: the Locations taken for one zone
	holidays map[batchHolidays][]dayOff
	floating map[batchFloating]floatingStarts
	windows  map[[2]time.Time]*batchWindow // by the window's instants, in UTC
	hourKeys map[string]string             // WeeklyHours.key, each once
	scratch  sync.Pool                     // of *timelineScratch
}

// A batchWindow is what a Batch has found for one window. Its maps are
// read and written under the Batch's lock.
type batchWindow struct {
	taken map[*time.Location]*takenZone // for each Location given (Batch.zone)
	hours map[batchHours]workingTime
	focus map[batchFocus][]offSpan
}

// A timelineScratch holds what building one timeline needs only while it
// is built, so that a Batch's timelines reuse it: the layers' pieces,
// the days off, and the spans that fall on them.
type timelineScratch struct {
	pieces      [2][]piece
	underPieces [2][]piece
	days        []dayOff
	spans       []offSpan
	names       []string
}

// getScratch returns a timelineScratch, to be given back with putScratch.
func (b *Batch) getScratch() *timelineScratch {
	if sc, ok := b.scratch.Get().(*timelineScratch); ok {
		return sc
	}
	return new(timelineScratch)
}

// putScratch gives sc back. The labels it may still hold are those of
// the Batch's people, whom the Batch outlives in any case.
func (b *Batch) putScratch(sc *timelineScratch) { b.scratch.Put(sc) }

// batchFloating names the starts of a floating rule on the dates that
// a window's occurrences may fall on in any zone.
type batchFloating struct {
	rule        *Recurrence // as the Batch keeps it
	first, last Date
	limit       int // Limits.Occurrences
}

// floatingStarts are a floating rule's wall starts, or ok false when
// they could not be found within the limits.
type floatingStarts struct {
	starts []DateTime
	ok     bool
}

type batchHours struct {
	hours string         // WeeklyHours.key
	zone  *time.Location // as Batch.zone gives it
}

// batchRule names a rule: its text and start as written, or the text of
// a Recurrence given parsed.
type batchRule struct {
	text   string
	start  DateTime
	parsed bool
}

type batchHolidays struct {
	codes       string
	which       HolidayDates
	first, last Date
}

type batchFocus struct {
	rule  *Recurrence
	dur   time.Duration
	zone  *time.Location // as Batch.zone gives it
	limit int            // Limits.Occurrences, which may fail an expansion
}

// NewBatch returns an empty Batch.
func NewBatch() *Batch {
	return &Batch{
		rules:    make(map[batchRule]*Recurrence),
		zones:    make(map[string][]*time.Location),
		holidays: make(map[batchHolidays][]dayOff),
		floating: make(map[batchFloating]floatingStarts),
		windows:  make(map[[2]time.Time]*batchWindow),
		hourKeys: make(map[string]string),
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
func (b *Batch) parse(text string, start DateTime) (*Recurrence, error) {
	return cached(b, b.rules, batchRule{text, start, false}, func() (*Recurrence, bool, error) {
		r, err := ParseRecurrence(text, start)
		return &r, r.count == nil, err
	})
}

// hoursKey is w.key, the same string for everyone with the same hours.
func (b *Batch) hoursKey(w WeeklyHours) string {
	var buf [128]byte
	key := w.appendKey(buf[:0])
	b.mu.RLock()
	k, ok := b.hourKeys[string(key)]
	b.mu.RUnlock()
	if !ok {
		b.mu.Lock()
		defer b.mu.Unlock()
		if k, ok = b.hourKeys[string(key)]; !ok {
			k = string(key)
			b.hourKeys[k] = k
		}
	}
	return k
}

// given returns the Recurrence the Batch keeps for r, which has no
// COUNT: the first it was given with the same text, which is the same
// rule.
func (b *Batch) given(r Recurrence) *Recurrence {
	v, _ := cached(b, b.rules, batchRule{text: r.String(), parsed: true}, func() (*Recurrence, bool, error) {
		return &r, true, nil
	})
	return v
}

// window returns what the Batch has found for window.
func (b *Batch) window(window Interval) *batchWindow {
	k := [2]time.Time{window.Start.UTC(), window.End.UTC()}
	b.mu.RLock()
	w := b.windows[k]
	b.mu.RUnlock()
	if w != nil {
		return w
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if w = b.windows[k]; w == nil {
		w = &batchWindow{
			taken: make(map[*time.Location]*takenZone),
			hours: make(map[batchHours]workingTime),
			focus: make(map[batchFocus][]offSpan),
		}
		b.windows[k] = w
	}
	return w
}

// cached returns m[k], made by build the first time (keep says whether to
// keep what it made). build runs outside the lock: two callers may both
// build one answer, which is the same.
func cached[K comparable, V any](b *Batch, m map[K]V, k K, build func() (v V, keep bool, err error)) (V, error) {
	b.mu.RLock()
	v, ok := m[k]
	b.mu.RUnlock()
	if ok {
		return v, nil
	}
	v, keep, err := build()
	if err == nil && keep {
		b.mu.Lock()
		m[k] = v
		b.mu.Unlock()
	}
	return v, err
}

// zone returns the Location the Batch takes for loc over window, with
// four days' margin either side (working spans and focus occurrences read
// the window's dates with two days' margin, and a focus block, at most a
// day long, before them): the first it was given of that name with the
// same offsets there, so that people whose zones were loaded one by one
// share their work. Locations of one name that differ there (a fixed zone
// made under an IANA name) are kept apart. It comes with the first and
// last dates of a timeline of window there, and where each starts.
func (b *Batch) zone(bw *batchWindow, loc *time.Location, window Interval) *takenZone {
	name := loc.String()
	b.mu.RLock()
	t := bw.taken[loc]
	var candidates []*takenZone // those of the name taken for window
	if t == nil {
		for _, z := range b.zones[name] {
			if c := bw.taken[z]; c != nil {
				candidates = append(candidates, c)
			}
		}
	}
	b.mu.RUnlock()
	if t != nil {
		return t
	}
	// Compared outside the lock: two callers may take two Locations
	// with the same offsets, which costs sharing, never answers.
	lo, hi := window.Start.Add(-4*24*time.Hour).Unix(), window.End.Add(4*24*time.Hour).Unix()
	var buf [8]period // a few changes of offset: on the stack
	offsets := offsetsWithin(loc, lo, hi, buf[:0])
	for _, c := range candidates {
		if slices.Equal(c.offsets, offsets) {
			t = c
			break
		}
	}
	if t == nil {
		first, last := timelineDates(window, loc)
		t = &takenZone{loc, first, last, dayStarts(window, loc, first, last), slices.Clone(offsets)}
	}
	b.mu.Lock()
	if t.zone == loc && !slices.Contains(b.zones[name], loc) {
		b.zones[name] = append(b.zones[name], loc)
	}
	bw.taken[loc] = t
	b.mu.Unlock()
	return t
}

// A takenZone is the Location a Batch takes for one it was given, for a
// window, with the first and last dates of a timeline of the window.
type takenZone struct {
	zone        *time.Location
	first, last Date
	starts      []int64  // dayStarts of the dates
	offsets     []period // offsetsWithin the window and its margin
}

// offsetsWithin returns, appended to buf, the offsets of loc from lo to
// hi (Unix seconds) and the instants they change: two zones with the same
// are the same there.
func offsetsWithin(loc *time.Location, lo, hi int64, buf []period) []period {
	ps := newZoneTable(loc, lo, hi, buf).periods
	for i := range ps {
		ps[i].start, ps[i].end = max(ps[i].start, lo), min(ps[i].end, hi)
	}
	return ps
}

// holidayDays is holidayDays, found once for every range.
func (b *Batch) holidayDays(codes []string, first, last Date, which HolidayDates) ([]dayOff, error) {
	code := codes[0] // most people's one calendar, without joining
	if len(codes) > 1 {
		code = strings.Join(codes, "\x00")
	}
	return cached(b, b.holidays, batchHolidays{code, which, first, last}, func() ([]dayOff, bool, error) {
		days, err := holidayDays(codes, first, last, which)
		return days, true, err
	})
}

// working is workingIn, found once for every zone and window: key is
// hours as text, and zone is as Batch.zone gives it.
func (b *Batch) working(bw *batchWindow, hours WeeklyHours, key string, window Interval, zone *time.Location) workingTime {
	k := batchHours{key, zone}
	w, _ := cached(b, bw.hours, k, func() (workingTime, bool, error) {
		return workingIn(hours, window, k.zone), true, nil
	})
	return w
}

// occurrences is focusSpans, found once for every zone and window: zone is
// as Batch.zone gives it. The answer is shared: the caller must not change
// it. A rule with a COUNT, counted on its person's budget, is never
// shared, and does not come here.
func (b *Batch) occurrences(ctx context.Context, bw *batchWindow, f focusRule, window Interval, zone *time.Location) ([]offSpan, error) {
	k := batchFocus{f.rec, f.dur, zone, LimitsOf(ctx).Occurrences}
	return cached(b, bw.focus, k, func() ([]offSpan, bool, error) {
		if occ, ok := b.floatingSpans(ctx, f, window, k.zone); ok {
			return occ, true, nil
		}
		occ, err := focusSpans(ctx, f, window, k.zone)
		return occ, true, err
	})
}

// floatingSpans is focusSpans for a floating rule, whose wall starts are
// the same in every zone: they are found once for the window's dates in
// any zone, and each zone reads its own dates' starts. It reports false
// where focusSpans must answer (a rule that is not floating, or starts
// past the limits, for which focusSpans gives the error).
func (b *Batch) floatingSpans(ctx context.Context, f focusRule, window Interval, zone *time.Location) ([]offSpan, bool) {
	if !f.rec.floating() || window.IsEmpty() || !f.rec.start.IsValid() || ctx.Err() != nil {
		return nil, false
	}
	// A zone's dates for window (occurrenceDates) are within a day of the
	// UTC dates, and a focus block lasts at most a day.
	first, last := DateOf(window.Start.UTC()).AddDays(-4), DateOf(window.End.UTC()).AddDays(3)
	lo, hi := occurrenceDates(window, f.dur, zone)
	if lo.Before(first) || hi.After(last) {
		return nil, false
	}
	lim := LimitsOf(ctx)
	fs, _ := cached(b, b.floating, batchFloating{f.rec, first, last, lim.Occurrences}, func() (floatingStarts, bool, error) {
		starts, err := f.rec.starts(first, last, time.UTC, lim)
		return floatingStarts{starts, err == nil}, true, nil
	})
	if !fs.ok {
		return nil, false
	}
	// The starts on lo..hi: what Occurrences would have found, within
	// the limit, since these are among the starts found.
	i, _ := slices.BinarySearchFunc(fs.starts, lo, func(dt DateTime, d Date) int { return dt.Date.Compare(d) })
	j, _ := slices.BinarySearchFunc(fs.starts, hi.AddDays(1), func(dt DateTime, d Date) int { return dt.Date.Compare(d) })
	starts := fs.starts[i:j]
	// Each start's instant, through one table of the zone's offsets, as
	// Occurrences reads them; kept where it overlaps the window.
	z := newZoneTable(zone, lo.days()*secondsPerDay-maxOffset, (hi.days()+1)*secondsPerDay+maxOffset, nil)
	length, d := int64(window.Duration()), int64(f.dur)
	sec, nsec := window.Start.Unix(), int64(window.Start.Nanosecond())
	occ := make([]offSpan, 0, len(starts))
	for _, dt := range starts {
		at := (z.resolve(localSeconds(dt.Date, dt.Clock))-sec)*int64(time.Second) - nsec
		if at < length && at+d > 0 {
			occ = append(occ, offSpan{at, at + d})
		}
	}
	// Then as focusSpans makes them a Set: in time order (a gap can put
	// a later wall time at an earlier instant), merged where they overlap
	// or touch, clipped to the window.
	slices.SortFunc(occ, func(a, b offSpan) int { return cmp.Compare(a.start, b.start) })
	out := occ[:0]
	for _, sp := range occ {
		if n := len(out); n > 0 && sp.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, sp.end)
		} else {
			out = append(out, sp)
		}
	}
	for k := range out {
		out[k].start, out[k].end = max(out[k].start, 0), min(out[k].end, length)
	}
	return out, true
}
