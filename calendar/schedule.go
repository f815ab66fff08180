package calendar

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/jsontext"
)

// A Schedule is a Person compiled: checked once, with the focus rules
// parsed and the holiday calendars resolved, ready to answer questions
// about the person's time for any window. It holds its own copy of
// everything it needs, so later changes to the Person do not reach it; it
// is immutable and safe for concurrent use. The one thing it shares with
// the Person is the BusySources, which must be safe for concurrent use.
//
// Make a Schedule with Compile; the zero Schedule is not one, and its
// methods return errors.
type Schedule struct {
	id, name     string
	zone         *time.Location
	hours        WeeklyHours
	hoursKey     string   // WeeklyHours.key of hours: one key for the same hours
	holidays     []string // canonical codes
	holidayDates HolidayDates
	holidaySrcs  []holidaySource
	workingDays  []Date // sorted
	ownDaysOff   []DayOff
	// phases are the person's schedules from each date their zone, hours
	// or holiday codes change on (stays, dated hours), the first from
	// the beginning of time; nil when they never change.
	phases []phase
	// dayRange, for a phase's schedule, is the days its working spans
	// may start on, [first, end) as Date.days: another phase has the
	// others.
	dayRange *[2]int64
	timeOff  []TimeOff
	focus    []focusRule
	busy     Set
	sources  []busySource
	comfort  Comfort
}

// A phase is a person's schedule from a date on: the date its first
// day, and s the Schedule with that day's zone, hours and holiday codes.
type phase struct {
	from Date
	s    *Schedule
}

// A scheduleWithRoom is a Schedule with room for the holiday calendars,
// focus blocks and time off that most people have, so that compiling
// them takes one allocation.
type scheduleWithRoom struct {
	Schedule
	holidays [2]string
	focus    [2]focusRule
	timeOff  [2]TimeOff
}

// A focusRule is a focus block with its recurrence parsed.
type focusRule struct {
	name string
	rec  *Recurrence // shared by everyone a Batch compiles with the rule, and never changed
	dur  time.Duration
	hard bool
}

// A busySource is a BusySource and the name errors give it.
type busySource struct {
	name string
	src  BusySource
}

// A holidaySource is a HolidaySource, named for errors.
type holidaySource struct {
	name string
	src  HolidaySource
}

// holidays calls the source, and turns a panic in it into an error.
func (h holidaySource) holidays(ctx context.Context, from, to Date) (hs []Holiday, err error) {
	defer func() {
		if p := recover(); p != nil {
			hs, err = nil, fmt.Errorf("%w: %s", ErrSourcePanicked, icalvalue.Quote(fmt.Sprint(p)))
		}
	}()
	return h.src.Holidays(ctx, from, to)
}

// busy calls the source, and turns a panic in it into an error: a
// source is the caller's code, run where the caller's recover may not
// reach (on overlap.Compute's goroutines, say).
func (b busySource) busy(ctx context.Context, window Interval, loc *time.Location) (set Set, err error) {
	defer func() {
		if p := recover(); p != nil {
			set, err = Set{}, fmt.Errorf("%w: %s", ErrSourcePanicked, icalvalue.Quote(fmt.Sprint(p)))
		}
	}()
	return b.src.Busy(ctx, window, loc)
}

// ErrSourcePanicked is wrapped by the error a timeline returns when a
// BusySource or a HolidaySource panics: the panic is recovered, and its value quoted (cut
// short) in the error, which also names the person and the source.
var ErrSourcePanicked = errors.New("source panicked")

// ErrNoFreeTime is the error that Schedule.FreeFrom ends with when a
// person has no free time for a whole MaxSilence.
var ErrNoFreeTime = errors.New("no free time")

// MaxSilence is how long FreeFrom looks for a person's next free time
// before it gives up with ErrNoFreeTime: a year, leap day included.
const MaxSilence = 366 * 24 * time.Hour

// maxTimelineYears bounds the window of a timeline, so that no window
// makes it run for long, and its stretches' int64 nanoseconds hold it.
const maxTimelineYears = 200

// maxFocusDuration bounds a focus block: longer ones are surely a mistake.
const maxFocusDuration = 24 * time.Hour

// Compile checks p and returns its Schedule. It is an error when p has no
// zone or one that means the machine's own zone (Local, localtime,
// posixrules; see LoadZone), no
// working hours without NoHours (or hours with it), an unknown holiday
// calendar, an invalid HolidayDates, time off that ends before it starts,
// or a focus block without a name, with a name used twice, without a
// positive duration of at most 24 hours, with both a Rule and a
// Recurrence, or with a rule that does not parse. Errors name the person
// (by ID, or else by name) and the field.
func Compile(ctx context.Context, p Person) (*Schedule, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("calendar.Compile: %w", err)
	}
	s, err := compile(&p, LimitsOf(ctx))
	if err != nil {
		return nil, fmt.Errorf("calendar.Compile: %w", err)
	}
	return s, nil
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
	return &personError{icalvalue.Quote(who), err}
}

// compile is Compile, with errors about the person but without the
// function's name.
func compile(p *Person, lim Limits) (*Schedule, error) { return compileIn(p, lim, nil) }

// compileIn is compile, with focus rules parsed through the Batch b when
// it is not nil.
func compileIn(p *Person, lim Limits, b *Batch) (*Schedule, error) {
	fail := func(format string, args ...any) (*Schedule, error) {
		return nil, p.errorFor(fmt.Errorf(format, args...))
	}
	switch {
	case p.Zone == nil:
		return fail("no zone")
	case checkZoneName(p.Zone.String()) != nil:
		return fail("zone: %w", checkZoneName(p.Zone.String()))
	case p.Hours.IsZero() && !p.NoHours:
		return fail("no working hours: give Hours, or set NoHours if the person has none on purpose")
	case !p.Hours.IsZero() && p.NoHours:
		return fail("NoHours is set, but Hours are %q", p.Hours.String())
	case p.HolidayDates != Observed && p.HolidayDates != Actual:
		return fail("holiday dates: invalid value %d", int(p.HolidayDates))
	case p.Comfort.Check() != nil:
		return fail("comfort: %w", p.Comfort.Check())
	}
	// The schedule and a typical person's lists in one allocation.
	sr := &scheduleWithRoom{Schedule: Schedule{
		id: p.ID, name: p.Name, zone: p.Zone, hours: p.Hours, holidayDates: p.HolidayDates, busy: p.Busy, comfort: p.Comfort,
	}}
	s := &sr.Schedule
	s.holidays, s.focus = sr.holidays[:0], sr.focus[:0]
	if n := len(p.TimeOff); n <= len(sr.timeOff) {
		s.timeOff = sr.timeOff[:n:n]
		copy(s.timeOff, p.TimeOff)
	} else {
		s.timeOff = slices.Clone(p.TimeOff)
	}
	if b != nil {
		s.hoursKey = b.hoursKey(p.Hours)
	} else {
		s.hoursKey = p.Hours.key()
	}
	for _, code := range p.Holidays {
		canon, err := CanonicalHolidayCode(code)
		if err != nil {
			return fail("holidays: %w %s", ErrUnknownHolidayCode, icalvalue.Quote(code))
		}
		if !slices.Contains(s.holidays, canon) {
			s.holidays = append(s.holidays, canon)
		}
	}
	for i, off := range p.TimeOff {
		if !off.From.IsValid() || !off.To.IsValid() || off.To.Before(off.From) {
			return fail("time off %d: %s to %s is not a range of dates", i+1, off.From, off.To)
		}
	}
	if n := len(p.WorkingDays) + len(p.DaysOff) + len(p.HolidayCalendars); n > lim.Days {
		return fail("%w: Limits.Days: %d days off, working days and holiday calendars is more than %d", ErrLimit, n, lim.Days)
	}
	if n := len(p.Stays) + len(p.HoursFrom); n > lim.Changes {
		return fail("%w: Limits.Changes: %d stays and dated hours is more than %d", ErrLimit, n, lim.Changes)
	}
	for i, d := range p.WorkingDays {
		if !d.IsValid() {
			return fail("working days %d: %s is not a date", i+1, d)
		}
	}
	for i, d := range p.DaysOff {
		switch {
		case !d.Date.IsValid():
			return fail("days off %d: %s is not a date", i+1, d.Date)
		case d.Name == "":
			return fail("days off %d: %s has no name", i+1, d.Date)
		}
	}
	if len(p.WorkingDays) > 0 {
		s.workingDays = slices.SortedFunc(slices.Values(p.WorkingDays), Date.Compare)
	}
	if len(p.DaysOff) > 0 {
		s.ownDaysOff = slices.Clone(p.DaysOff)
	}
	for i, src := range p.HolidaySources {
		if src != nil {
			s.holidaySrcs = append(s.holidaySrcs, holidaySource{sourceName(i, p.HolidayCalendars, "holiday calendar", "holiday source"), src})
		}
	}
	if len(p.Focus) > lim.FocusBlocks {
		// Each block is a layer of every timeline, and its rule is
		// parsed and probed here.
		return fail("%w: Limits.FocusBlocks: %d focus blocks is more than %d", ErrLimit, len(p.Focus), lim.FocusBlocks)
	}
	// The person's focus rules share one budget of COUNT walking, made
	// when a rule has a COUNT.
	var budget *CountBudget
	if len(p.Focus) > cap(s.focus) {
		s.focus = make([]focusRule, 0, len(p.Focus))
	}
	// A few names are told apart by search, many by a map.
	var names map[string]bool
	if len(p.Focus) > 8 {
		names = make(map[string]bool, len(p.Focus))
	}
	usedTwice := func(i int, name string) bool {
		if names == nil {
			return slices.ContainsFunc(p.Focus[:i], func(g FocusBlock) bool { return g.Name == name })
		}
		seen := names[name]
		names[name] = true
		return seen
	}
	for i := range p.Focus {
		f := &p.Focus[i] // not copied: a block holds a whole Recurrence
		switch {
		case f.Name == "":
			return fail("focus block %d has no name", i+1)
		case usedTwice(i, f.Name):
			return fail("focus block name %s is used twice", icalvalue.Quote(f.Name))
		case f.Duration <= 0 || f.Duration > maxFocusDuration:
			return fail("focus block %s: duration %s is not between 0 and 24h", icalvalue.Quote(f.Name), f.Duration)
		case f.Rule != "" && !f.Recurrence.IsZero():
			return fail("focus block %s: give a Rule or a Recurrence, not both", icalvalue.Quote(f.Name))
		}
		var r *Recurrence
		if f.Recurrence.IsZero() {
			var err error
			if b != nil {
				r, err = b.parse(f.Rule, f.Start)
			} else {
				r = new(Recurrence)
				*r, err = ParseRecurrence(f.Rule, f.Start)
			}
			if err != nil {
				return fail("focus block %s: %w", icalvalue.Quote(f.Name), err)
			}
		} else if b != nil && f.Recurrence.count == nil {
			r = b.given(f.Recurrence)
		} else {
			given := f.Recurrence
			r = &given
		}
		if r.count != nil {
			// A rule of the person's own, counted on their budget.
			if budget == nil {
				budget = NewCountBudget(lim.CountWalkYearsTotal)
			}
			counted := r.WithCountBudget(budget)
			r = &counted
		}
		s.focus = append(s.focus, focusRule{name: f.Name, rec: r, dur: f.Duration, hard: f.Hard})
	}
	for i, src := range p.Sources {
		if src != nil {
			s.sources = append(s.sources, busySource{sourceName(i, p.Calendars, "calendar", "busy source"), src})
		}
	}
	if len(p.Stays) > 0 || len(p.HoursFrom) > 0 {
		phases, err := s.phasesOf(p, b)
		if err != nil {
			return nil, p.errorFor(err)
		}
		s.phases = phases
	}
	return s, nil
}

// sourceName names a person's source i for errors: "calendar "x.ics""
// when files names its file, else "busy source 3".
func sourceName(i int, files []string, file, source string) string {
	if i < len(files) {
		return file + " " + icalvalue.Quote(files[i])
	}
	return fmt.Sprint(source, " ", i+1)
}

// phasesOf checks p's stays and dated hours and returns s's phases: s
// with the zone, hours and holiday codes of each run of dates that share
// them. The first phase starts at the beginning of time.
func (s *Schedule) phasesOf(p *Person, b *Batch) ([]phase, error) {
	stays := slices.Clone(p.Stays)
	slices.SortFunc(stays, func(a, b Stay) int { return a.From.Compare(b.From) })
	for i, st := range stays {
		switch {
		case !st.From.IsValid() || !st.To.IsValid() || st.To.Before(st.From):
			return nil, fmt.Errorf("stay %d: %s to %s is not a range of dates", i+1, st.From, st.To)
		case st.Zone == nil:
			return nil, fmt.Errorf("stay %d (%s to %s): no zone", i+1, st.From, st.To)
		case checkZoneName(st.Zone.String()) != nil:
			return nil, fmt.Errorf("stay %d (%s to %s): zone: %w", i+1, st.From, st.To, checkZoneName(st.Zone.String()))
		case i > 0 && !st.From.After(stays[i-1].To):
			return nil, fmt.Errorf("stays %s to %s and %s to %s overlap", stays[i-1].From, stays[i-1].To, st.From, st.To)
		}
		for _, code := range st.Holidays {
			if _, err := CanonicalHolidayCode(code); err != nil {
				return nil, fmt.Errorf("stay %d (%s to %s): holidays: %w %s", i+1, st.From, st.To, ErrUnknownHolidayCode, icalvalue.Quote(code))
			}
		}
	}
	dated := slices.Clone(p.HoursFrom)
	slices.SortFunc(dated, func(a, b DatedHours) int { return a.From.Compare(b.From) })
	for i, d := range dated {
		switch {
		case !d.From.IsValid():
			return nil, fmt.Errorf("hours from %s: not a date", d.From)
		case i > 0 && d.From == dated[i-1].From:
			return nil, fmt.Errorf("hours from %s: given twice", d.From)
		case d.Hours.IsZero():
			return nil, fmt.Errorf("hours from %s: no working hours (days without work are time off)", d.From)
		}
	}
	// The dates anything changes on, and what holds from each.
	var changes []Date
	for _, st := range stays {
		changes = append(changes, st.From, st.To.AddDays(1))
	}
	for _, d := range dated {
		changes = append(changes, d.From)
	}
	slices.SortFunc(changes, Date.Compare)
	changes = slices.Compact(changes)
	at := func(day Date) (zone *time.Location, hours WeeklyHours, codes []string) {
		zone, hours, codes = s.zone, s.hours, s.holidays
		for _, d := range dated {
			if !d.From.After(day) {
				hours = d.Hours
			}
		}
		for _, st := range stays {
			if !day.Before(st.From) && !day.After(st.To) {
				zone = st.Zone
				if st.Holidays != nil {
					codes = nil
					for _, code := range st.Holidays {
						canon, _ := CanonicalHolidayCode(code)
						if !slices.Contains(codes, canon) {
							codes = append(codes, canon)
						}
					}
				}
			}
		}
		return zone, hours, codes
	}
	phases := []phase{{from: Date{Year: 1, Month: time.January, Day: 1}, s: s.withPhase(s.zone, s.hours, s.holidays, b)}}
	for _, c := range changes {
		zone, hours, codes := at(c)
		last := phases[len(phases)-1].s
		if zone.String() == last.zone.String() && hours.Equal(last.hours) && slices.Equal(codes, last.holidays) {
			continue
		}
		phases = append(phases, phase{from: c, s: s.withPhase(zone, hours, codes, b)})
	}
	if len(phases) == 1 {
		return nil, nil
	}
	for k := range phases {
		r := [2]int64{math.MinInt64, math.MaxInt64}
		if k > 0 {
			r[0] = phases[k].from.days()
		}
		if k+1 < len(phases) {
			r[1] = phases[k+1].from.days()
		}
		phases[k].s.dayRange = &r
	}
	return phases, nil
}

// withPhase returns a copy of s, without phases, with the zone, hours and
// holiday codes given.
func (s *Schedule) withPhase(zone *time.Location, hours WeeklyHours, codes []string, b *Batch) *Schedule {
	c := *s
	c.phases, c.dayRange = nil, nil
	c.zone, c.hours, c.holidays = zone, hours, codes
	if b != nil {
		c.hoursKey = b.hoursKey(hours)
	} else {
		c.hoursKey = hours.key()
	}
	return &c
}

// ID returns the person's ID.
func (s *Schedule) ID() string { return s.id }

// Name returns the person's name.
func (s *Schedule) Name() string { return s.name }

// Zone returns the person's zone: their home zone, whatever their stays.
func (s *Schedule) Zone() *time.Location { return s.zone }

// On returns the zone and the working hours in force on date d: a stay's
// zone and dated hours (Person.Stays, HoursFrom), or the person's own.
func (s *Schedule) On(d Date) (*time.Location, WeeklyHours) {
	if len(s.phases) == 0 {
		return s.zone, s.hours
	}
	k, found := slices.BinarySearchFunc(s.phases, d, func(ph phase, d Date) int { return ph.from.Compare(d) })
	if !found {
		k--
	}
	ph := s.phases[max(k, 0)].s
	return ph.zone, ph.hours
}

// Changes reports whether the person's zone or hours change with the
// date (stays, dated hours): see On.
func (s *Schedule) Changes() bool { return len(s.phases) > 0 }

// Hours returns the person's weekly working hours: before any of their
// dated hours (Person.HoursFrom).
func (s *Schedule) Hours() WeeklyHours { return s.hours }

// Comfort returns the person's comfort settings as given (zero fields
// meaning the defaults; see Comfort).
func (s *Schedule) Comfort() Comfort { return s.comfort }

// errNotCompiled is the error of the zero Schedule's methods.
var errNotCompiled = errors.New("not compiled: make a Schedule with calendar.Compile")

// errorf returns an error of s's method fn about the person.
func (s *Schedule) errorf(fn string, err error) error {
	if s.zone == nil {
		return fmt.Errorf("calendar.Schedule.%s: %w", fn, err)
	}
	return fmt.Errorf("calendar.Schedule.%s: %w", fn, &personError{icalvalue.Quote(s.who()), err})
}

func (s *Schedule) who() string {
	if s.id != "" {
		return s.id
	}
	return s.name
}

// Timeline returns the person's time in window as segments that cover it
// exactly, in order, each taken by one kind of time. An instant gets the
// first kind that applies: off-hours (outside every working span), holiday
// (in a span that starts on one of the person's holidays), time-off,
// busy, focus, free. Off-hours segments keep what lies under them: a
// holiday's or a day off's whole day, else busy time (Segment.Under).
// Neighbouring segments differ in kind, label, hardness or what lies
// under them. A holiday or day of time off removes the working spans that
// start on it, so a night shift that starts the evening before a holiday
// is still worked. The segments' times are in the person's zone.
//
// For a traveller (Person.Stays) or hours that change (Person.HoursFrom),
// each day's working spans are those of its own hours in its own zone,
// and each run of days with the same zone, hours and holiday codes has
// the timeline it would have alone, but for the spans and days off of
// other days, from midnight (by Wall) in its zone of its first day to
// where the next run begins, or to the end of its last day's last span
// when that is later (a night shift, a flight east): the new run starts
// there instead. So the day of a change follows the wall clock of each
// zone, a flight west leaves the hours between the two midnights
// off-hours, and a flight east may cut the new zone's first hours short.
func (s *Schedule) Timeline(ctx context.Context, window Interval) ([]Segment, error) {
	segs, err := s.timeline(ctx, window)
	if err != nil {
		return nil, s.errorf("Timeline", err)
	}
	return segs, nil
}

func (s *Schedule) timeline(ctx context.Context, window Interval) ([]Segment, error) {
	return s.timelineIn(ctx, window, nil)
}

// timelineIn is timeline, with the work people share done through the
// Batch b when it is not nil.
func (s *Schedule) timelineIn(ctx context.Context, window Interval, b *Batch) ([]Segment, error) {
	window = stripMono(window)
	d, err := s.draft(ctx, window, b)
	if err != nil {
		return nil, err
	}
	return segments(window, d.AppendStretches(nil), d.labels, s.zone), nil
}

// timelineDates returns the first and last dates whose working spans a
// timeline of window in loc reads: from two days before its first, as in
// WeeklyHours.spans.
func timelineDates(window Interval, loc *time.Location) (first, last Date) {
	return DateOf(window.Start.In(loc)).AddDays(-2), DateOf(window.End.In(loc))
}

// dayStarts returns the instant each day from first to last+1 starts in
// loc, midnight by Wall's rule, as nanoseconds after window's start,
// clipped to the window. The window is at most maxStretchWindow long.
func dayStarts(window Interval, loc *time.Location, first, last Date) []int64 {
	n := last.DaysSince(first) + 2
	out := make([]int64, n)
	f := first.days()
	z := newZoneTable(loc, f*secondsPerDay-maxOffset, (f+int64(n))*secondsPerDay+maxOffset, nil)
	length := int64(window.Duration())
	sec, nsec := window.Start.Unix(), int64(window.Start.Nanosecond())
	for i := range out {
		at := (z.resolve((f+int64(i))*secondsPerDay)-sec)*int64(time.Second) - nsec
		out[i] = min(max(at, 0), length)
	}
	return out
}

// draft returns the draft of the timeline in window, with the work
// people share done through the Batch b when it is not nil.
func (s *Schedule) draft(ctx context.Context, window Interval, b *Batch) (Draft, error) {
	if s.zone == nil {
		return Draft{}, errNotCompiled
	}
	if err := ctx.Err(); err != nil {
		return Draft{}, err
	}
	window = stripMono(window)
	if window.IsEmpty() {
		return Draft{}, nil
	}
	if window.Duration() > maxStretchWindow {
		return Draft{}, fmt.Errorf("window %s is longer than %d years", window, maxTimelineYears)
	}
	if len(s.phases) > 0 {
		return s.phasedDraft(ctx, window, b)
	}
	loc := s.zone
	var (
		bw          *batchWindow
		shared      *time.Location // for the work people share: the zone of all with the same offsets
		first, last Date
		starts      []int64 // where each day from first to last+1 starts (dayStarts)
	)
	if b != nil {
		bw = b.window(window)
		t := b.zone(bw, loc, window)
		shared, first, last, starts = t.zone, t.first, t.last, t.starts
	} else {
		first, last = timelineDates(window, loc)
	}
	if last.Year-first.Year > maxTimelineYears {
		return Draft{}, fmt.Errorf("window %s is longer than %d years", window, maxTimelineYears)
	}

	// What the timeline needs while it is built: reused through the Batch.
	var sc *timelineScratch
	if b != nil {
		sc = b.getScratch()
		defer b.putScratch(sc)
	} else {
		sc = new(timelineScratch)
	}
	days, err := s.daysOff(ctx, first, last, b, sc.days[:0])
	if err != nil {
		return Draft{}, err
	}
	if r := s.dayRange; r != nil {
		// Another phase's days are its own, holidays and all.
		base := first.days()
		days.days = slices.DeleteFunc(days.days, func(d dayOff) bool { n := base + int64(d.day); return n < r[0] || n >= r[1] })
	}
	sc.days = days.days
	// The working spans, and those that start on a day off, labelled.
	var w workingTime
	if b != nil {
		w = b.working(bw, s.hours, s.hoursKey, window, shared)
	} else {
		w = workingIn(s.hours, window, loc)
	}
	if r := s.dayRange; r != nil && slices.ContainsFunc(w.spans, func(d daySpan) bool { return d.n < r[0] || d.n >= r[1] }) {
		// A phase works its own days only: the day before it (or after)
		// is another phase's, in that phase's zone and hours.
		var own []daySpan
		for _, d := range w.spans {
			if d.n >= r[0] && d.n < r[1] {
				own = append(own, d)
			}
		}
		w = workingTime{spans: own, base: baseStretches(int64(window.Duration()), own)}
	}
	// Each day off holds a day's spans, rarely more than two, and is
	// itself a span under off-hours.
	nh, nt := days.count()
	n := nh + nt
	// All four cut from one slab of spans and one of labels.
	sc.spans, sc.names = slices.Grow(sc.spans[:0], 3*n), slices.Grow(sc.names[:0], 3*n)
	spans, names := sc.spans[:3*n], sc.names[:3*n]
	cut := func(kind Kind, under bool, from, to int) offLayer {
		return offLayer{kind: kind, under: under, ivs: spans[from:from:to], labels: names[from:from:to]}
	}
	holiday, timeOff := cut(KindHoliday, false, 0, 2*nh), cut(KindTimeOff, false, 2*nh, 2*n)
	holidayDays, timeOffDays := cut(KindHoliday, true, 2*n, 2*n+nh), cut(KindTimeOff, true, 2*n+nh, 3*n)
	if n > 0 {
		if starts == nil {
			starts = dayStarts(window, loc, first, last)
		}
		for _, d := range days.days {
			sp := offSpan{starts[d.day], starts[d.day+1]}
			l := &timeOffDays
			if d.kind == KindHoliday {
				l = &holidayDays
			}
			switch n := len(l.ivs); {
			case sp.start >= sp.end:
			case n > 0 && l.ivs[n-1].end == sp.start && l.labels[n-1] == d.label:
				l.ivs[n-1].end = sp.end // a week off is one span
			default:
				l.add(sp, d.label)
			}
		}
		// Spans and days off both come by day: walk them together.
		k, base := 0, first.days()
		for _, sp := range w.spans {
			i := int(sp.n - base)
			for k < len(days.days) && days.days[k].day < i {
				k++
			}
			switch {
			case k == len(days.days):
			case days.days[k].day != i:
			case days.days[k].kind == KindHoliday:
				holiday.add(sp.span, days.days[k].label)
			default:
				timeOff.add(sp.span, days.days[k].label)
			}
		}
	}
	busy := s.busy.Clip(window)
	for _, src := range s.sources {
		b, err := src.busy(ctx, window, loc)
		if err != nil {
			return Draft{}, fmt.Errorf("%s: %w", src.name, err)
		}
		busy = busy.Union(b.Clip(window))
	}
	// The layers in the order they apply, those that people share as the
	// Batch gives them.
	var buf [12]offLayer // the fixed layers and a few focus blocks, on the stack
	layers := buf[:0]
	if len(s.focus)+6 > len(buf) {
		layers = make([]offLayer, 0, len(s.focus)+6)
	}
	busySpans := offsetSpans(busy.ivs, window.Start)
	layers = append(layers,
		holiday.sorted(), timeOff.sorted(), offLayer{kind: KindBusy, ivs: busySpans},
		holidayDays, timeOffDays, offLayer{kind: KindBusy, under: true, ivs: busySpans})
	for _, f := range s.focus {
		var occ []offSpan
		var err error
		if b != nil && f.rec.count == nil {
			occ, err = b.occurrences(ctx, bw, f, window, shared)
		} else {
			occ, err = focusSpans(ctx, f, window, loc)
		}
		if err != nil {
			return Draft{}, fmt.Errorf("focus block %s: %w", icalvalue.Quote(f.name), err)
		}
		layers = append(layers, offLayer{kind: KindFocus, label: f.name, hard: f.hard, ivs: occ})
	}
	return newDraft(int64(window.Duration()), w.base, layers, sc), nil
}

// phasedDraft is the draft of a schedule with phases: phase k's own
// timeline from midnight (by Wall's rule, in its zone) of its first day
// to where the next phase starts, or later if that is earlier (a move
// far east), each cut to the window and joined.
func (s *Schedule) phasedDraft(ctx context.Context, window Interval, b *Batch) (Draft, error) {
	var starts []int64
	var parts []Draft
	var ks []int           // the phases that meet the window
	var windows []Interval // and their parts of it
	for k, held := range s.phaseSpans(window.Start) {
		if err := ctx.Err(); err != nil {
			return Draft{}, err
		}
		if !held.Start.Before(window.End) {
			break
		}
		part := Interval{Start: later(held.Start, window.Start), End: earlier(held.End, window.End)}
		if part.IsEmpty() {
			continue
		}
		ks, windows = append(ks, k), append(windows, part)
	}
	// The sources are asked once for the whole window (once a zone for
	// busy time), not once a part: a calendar server is asked once.
	fetched, err := s.fetchSources(ctx, window, ks)
	if err != nil {
		return Draft{}, err
	}
	for i, k := range ks {
		ph := *s.phases[k].s
		if fetched != nil {
			ph.sources, ph.holidaySrcs = fetched.busy[ph.zone.String()], fetched.holidays
		}
		d, err := ph.draft(ctx, windows[i], b)
		if err != nil {
			return Draft{}, err
		}
		starts = append(starts, int64(windows[i].Start.Sub(window.Start)))
		parts = append(parts, d)
	}
	return spliceDrafts(int64(window.Duration()), starts, parts), nil
}

// fetched are a traveller's sources read once for a window: the busy
// time of each zone their phases there are in, and the holidays.
type fetched struct {
	busy     map[string][]busySource
	holidays []holidaySource
}

// fetchSources reads s's sources over window for the phases ks, or
// returns nil when there is nothing to read or one phase only.
func (s *Schedule) fetchSources(ctx context.Context, window Interval, ks []int) (*fetched, error) {
	if len(ks) < 2 || len(s.sources)+len(s.holidaySrcs) == 0 {
		return nil, nil
	}
	f := &fetched{busy: map[string][]busySource{}}
	for _, k := range ks {
		zone := s.phases[k].s.zone
		if _, ok := f.busy[zone.String()]; ok || len(s.sources) == 0 {
			continue
		}
		var all SetBuilder
		for _, src := range s.sources {
			set, err := src.busy(ctx, window, zone)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", src.name, err)
			}
			all.AddSet(set)
		}
		f.busy[zone.String()] = []busySource{{"busy time", fixedBusy{all.Set()}}}
	}
	// The dates of any phase's days off: a little wider than the window
	// in any zone.
	first, last := DateOf(window.Start.UTC()).AddDays(-3), DateOf(window.End.UTC()).AddDays(2)
	for _, src := range s.holidaySrcs {
		hs, err := src.holidays(ctx, first, last)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.name, err)
		}
		f.holidays = append(f.holidays, holidaySource{src.name, fixedHolidays(hs)})
	}
	return f, nil
}

// fixedBusy is busy time already read: a part of the window is asked.
type fixedBusy struct{ set Set }

func (f fixedBusy) Busy(ctx context.Context, window Interval, zone *time.Location) (Set, error) {
	return f.set.Clip(window), nil
}

// fixedHolidays are holidays already read.
type fixedHolidays []Holiday

func (f fixedHolidays) Holidays(ctx context.Context, from, to Date) ([]Holiday, error) {
	var out []Holiday
	for _, h := range f {
		if !h.Date.Before(from) && !h.Date.After(to) {
			out = append(out, h)
		}
	}
	return out, nil
}

// phaseEnd returns where phase k gives way to the next: at the next
// phase's midnight (by Wall, in its zone), or later when a span of phase
// k's last day runs on past it (a night shift, a flight east), and never
// before start; the end of time for the last phase.
func (s *Schedule) phaseEnd(k int, start time.Time) time.Time {
	if k+1 >= len(s.phases) {
		return Wall(Date{9999, time.December, 31}, EndOfDay, time.UTC)
	}
	ph, next := s.phases[k], s.phases[k+1]
	end := later(start, Wall(next.from, 0, next.s.zone))
	// The spans of the phase's last two days (a night shift of the day
	// before the last also runs into the next day).
	for day := next.from.AddDays(-2); day.Before(next.from); day = day.AddDays(1) {
		if k > 0 && day.Before(ph.from) {
			continue
		}
		for _, sp := range ph.s.hours.Spans(day.Weekday()) {
			to := day
			if sp.Overnight() {
				to = day.AddDays(1)
			}
			end = later(end, Wall(to, sp.To, ph.s.zone))
		}
	}
	return end
}

// ZoneAt returns the zone in force at t: where the person is then (a
// stay's zone), as the timeline has it (see Timeline), or their own.
func (s *Schedule) ZoneAt(t time.Time) *time.Location {
	if len(s.phases) == 0 {
		return s.zone
	}
	var zone *time.Location
	for k, held := range s.phaseSpans(t) {
		if zone != nil && t.Before(held.Start) {
			break
		}
		zone = s.phases[k].s.zone
	}
	return zone
}

// phaseSpans yields each phase's index and the instants it holds, from a
// few phases before the one that holds t on (the first yielded starts at
// the beginning of time): from midnight (Wall, in its zone) of its first
// day, or where the phase before ends if later, to where it gives way
// (phaseEnd). A day's spans reach at most into the next day, so the
// phases from two days before t decide it.
func (s *Schedule) phaseSpans(t time.Time) iter.Seq2[int, Interval] {
	return func(yield func(int, Interval) bool) {
		k0, _ := slices.BinarySearchFunc(s.phases, DateOf(t.UTC()).AddDays(-2), func(ph phase, d Date) int { return ph.from.Compare(d) })
		var prev time.Time // where the phase before ends
		for k := max(k0-4, 0); k < len(s.phases); k++ {
			ph := s.phases[k]
			start := prev
			if k > 0 {
				start = later(Wall(ph.from, 0, ph.s.zone), prev)
			}
			prev = s.phaseEnd(k, start)
			if !yield(k, Interval{Start: start, End: prev}) {
				return
			}
		}
	}
}

// later and earlier return the later and the earlier of two dates or
// instants.
func later[T interface{ After(T) bool }](a, b T) T {
	if a.After(b) {
		return a
	}
	return b
}

func earlier[T interface{ After(T) bool }](a, b T) T {
	if a.After(b) {
		return b
	}
	return a
}

// focusSpans returns the occurrences of f in window, in loc, as a layer
// of the window's stretches takes them: merged, clipped to window, in
// nanoseconds after its start.
func focusSpans(ctx context.Context, f focusRule, window Interval, loc *time.Location) ([]offSpan, error) {
	occ, err := f.rec.Occurrences(ctx, window, f.dur, loc)
	if err != nil {
		return nil, err
	}
	return offsetSpans(NewSet(occ...).Clip(window).ivs, window.Start), nil
}

// workingTime is what a person's hours make of a window in their zone:
// the working spans, each with the day it starts on, and the rest of the
// window, off-hours, all in nanoseconds after the window's start. Both
// are read, never changed, once made: a Batch gives one to everyone with
// the same hours in the same zone.
type workingTime struct {
	spans []daySpan // in order of their days
	base  []Stretch // the window's off-hours and free time
}

// A daySpan is a working span and the day it starts on, as days since
// 1970-01-01 (Date.days).
type daySpan struct {
	n    int64
	span offSpan
}

// workingIn makes the workingTime of hours in window, in loc. The window
// is at most maxStretchWindow long.
func workingIn(hours WeeklyHours, window Interval, loc *time.Location) workingTime {
	var w workingTime
	w.spans = make([]daySpan, 0, hours.estimate(window))
	// Working time is clipped to the years that have it, as offsets.
	c := hours.clamp(window, loc)
	lo, hi := int64(c.Start.Sub(window.Start)), int64(c.End.Sub(window.Start))
	sec, nsec := window.Start.Unix(), int64(window.Start.Nanosecond())
	hours.wallSpans(c, loc, func(day, start, end int64) {
		// The spans lie within days of the window: no overflow.
		sp := offSpan{max((start-sec)*int64(time.Second)-nsec, lo), min((end-sec)*int64(time.Second)-nsec, hi)}
		if sp.start < sp.end {
			w.spans = append(w.spans, daySpan{day, sp})
		}
	})
	// The spans come by day, and by start unless a gap or fold reorders a
	// night span and the next day's.
	byStart := func(a, b daySpan) int { return cmp.Compare(a.span.start, b.span.start) }
	spans := w.spans
	if !slices.IsSortedFunc(spans, byStart) {
		spans = slices.Clone(spans)
		slices.SortFunc(spans, byStart)
	}
	w.base = baseStretches(int64(window.Duration()), spans)
	return w
}

// maxStretchWindow is the longest window a timeline may span: its
// stretches' offsets are int64 nanoseconds, good for 292 years.
const maxStretchWindow = time.Duration(maxTimelineYears) * 366 * 24 * time.Hour

// Free returns the free segments of the person's timeline in window, as a
// set.
func (s *Schedule) Free(ctx context.Context, window Interval) (Set, error) {
	segs, err := s.timeline(ctx, window)
	if err != nil {
		return Set{}, s.errorf("Free", err)
	}
	return freeOf(segs), nil
}

// freeOf returns the free segments of a timeline as a set.
func freeOf(segs []Segment) Set {
	out := make([]Interval, 0, len(segs)/2+1)
	for _, s := range segs {
		if s.Kind == KindFree {
			out = append(out, s.Interval)
		}
	}
	// Free segments are sorted and never touch: a segment of another
	// kind lies between any two of them.
	return Set{out}
}

// freeStep is how much of a timeline FreeFrom builds at a time, once it
// has walked a while: its first steps are a week and two, since most
// questions are answered within days.
const freeStep = 28 * 24 * time.Hour

// freeSteps returns the length of FreeFrom's i-th step: a week, two
// weeks, then four weeks at a time.
func freeSteps(i int) time.Duration {
	return min(freeStep, 7*24*time.Hour<<min(i, 2))
}

// FreeFrom returns the person's free time from t on, in order, built
// lazily a few weeks at a time, so that a question such as "when is the
// reply written?" needs no window guessed in advance. Touching free time
// comes as one interval, except that a stretch longer than four weeks
// comes in pieces, each but the last at least four weeks long. The
// intervals are in the person's zone. Each time the sequence is ranged
// over it walks from t again; it may be ranged over from several
// goroutines at once.
//
// The sequence ends after the last free time of year 9999. It ends with
// an error instead when a timeline fails (a busy source's error, say), or
// when MaxSilence passes from t, or from the end of the last interval
// given, without free time (the error wraps ErrNoFreeTime), so that a
// person who never works ends the search promptly.
func (s *Schedule) FreeFrom(ctx context.Context, t time.Time) iter.Seq2[Interval, error] {
	from := t.Round(0)
	return func(yield func(Interval, error) bool) {
		if s.zone == nil {
			yield(Interval{}, s.errorf("FreeFrom", errNotCompiled))
			return
		}
		end := Wall(Date{9999, time.December, 31}, EndOfDay, s.zone)
		var held Interval // free time that touches the step's end, held to merge with the next
		lastFree := from  // the end of the last free time seen
		for i, at := 0, from; at.Before(end); i, at = i+1, at.Add(freeSteps(i)) {
			if at.Sub(lastFree) >= MaxSilence {
				yield(Interval{}, s.errorf("FreeFrom", fmt.Errorf("%w for %s after %s", ErrNoFreeTime, jsontext.FormatDuration(MaxSilence), lastFree.Format(time.RFC3339))))
				return
			}
			step := Interval{at, at.Add(freeSteps(i))}
			if step.End.After(end) {
				step.End = end
			}
			segs, err := s.timeline(ctx, step)
			if err != nil {
				yield(Interval{}, s.errorf("FreeFrom", err))
				return
			}
			for iv := range freeOf(segs).All() {
				lastFree = iv.End
				switch {
				case held.IsEmpty():
					held = iv
					continue
				case held.End.Equal(iv.Start) && held.Duration() < freeStep:
					held.End = iv.End
					continue
				}
				if !yield(held, nil) {
					return
				}
				held = iv
			}
			if !held.IsEmpty() && held.End.Before(step.End) {
				// Free time that ends inside the step is complete.
				if !yield(held, nil) {
					return
				}
				held = Interval{}
			}
		}
		if !held.IsEmpty() {
			yield(held, nil)
		}
	}
}

type dayOff struct {
	kind  Kind // KindHoliday or KindTimeOff
	label string
	day   int // days after the timeline's first
}

// daysOff returns s's holidays and days of time off from first to last:
// the holidays of its codes and its holiday sources but on its working
// days, and its own days off.
// A holiday wins over time off on the same day; the names of two holidays
// on one day are joined.
// The days are appended to dst.
func (s *Schedule) daysOff(ctx context.Context, first, last Date, b *Batch, dst []dayOff) (daysOff, error) {
	days := daysOff{first: first, days: dst}
	if len(s.holidays) > 0 {
		var hs []dayOff
		var err error
		if b != nil {
			hs, err = b.holidayDays(s.holidays, first, last, s.holidayDates)
		} else {
			hs, err = holidayDays(s.holidays, first, last, s.holidayDates)
		}
		if err != nil {
			return daysOff{}, err
		}
		days.days = append(days.days, hs...)
	}
	if len(s.holidaySrcs) > 0 || len(s.workingDays) > 0 || len(s.ownDaysOff) > 0 {
		var err error
		if days.days, err = s.ownHolidays(ctx, first, last, days.days); err != nil {
			return daysOff{}, err
		}
	}
	holidays := len(days.days)
	for _, off := range s.timeOff {
		from, to := clipDays(off, first, last)
		for d := from.DaysSince(first); d <= to.DaysSince(first); d++ {
			days.days = append(days.days, dayOff{KindTimeOff, off.Reason, d})
		}
	}
	if len(days.days) > holidays {
		// By day, a holiday before time off, and time off before later
		// time off on the same day: the first of a day is the one that
		// counts.
		slices.SortStableFunc(days.days, func(a, b dayOff) int { return cmp.Compare(a.day, b.day) })
		days.days = slices.CompactFunc(days.days, func(a, b dayOff) bool { return a.day == b.day })
	}
	return days, nil
}

// ownHolidays adds to hs (the code holidays, one a day, sorted) the
// holidays of s's sources, takes away those on its working days, and
// adds its own days off; it returns the holidays one a day, sorted, each
// day's names joined once each.
func (s *Schedule) ownHolidays(ctx context.Context, first, last Date, hs []dayOff) ([]dayOff, error) {
	list := make([]Holiday, len(hs))
	for i, h := range hs {
		list[i] = Holiday{Date: first.AddDays(h.day), Name: h.label}
	}
	list, err := s.extraHolidays(ctx, first, last, list)
	if err != nil {
		return nil, err
	}
	out := hs[:0]
	for _, h := range list {
		day := h.Date.DaysSince(first)
		if k := len(out); k > 0 && out[k-1].day == day {
			if !slices.Contains(strings.Split(out[k-1].label, ", "), h.Name) {
				out[k-1].label += ", " + h.Name
			}
			continue
		}
		out = append(out, dayOff{KindHoliday, h.Name, day})
	}
	return out, nil
}

// extraHolidays adds to hs (holidays from first to last) those of s's
// holiday sources, takes away those on its working days, and adds its own
// days off, named as sources and days off say: the result is sorted by
// date (stable otherwise), each name once a date.
func (s *Schedule) extraHolidays(ctx context.Context, first, last Date, hs []Holiday) ([]Holiday, error) {
	for _, src := range s.holidaySrcs {
		got, err := src.holidays(ctx, first, last)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.name, err)
		}
		for _, h := range got {
			if !h.Date.Before(first) && !h.Date.After(last) {
				hs = append(hs, Holiday{Date: h.Date, Name: h.Name, Code: h.Code})
			}
		}
	}
	if len(s.workingDays) > 0 {
		hs = slices.DeleteFunc(hs, func(h Holiday) bool {
			_, working := slices.BinarySearchFunc(s.workingDays, h.Date, Date.Compare)
			return working
		})
	}
	for _, d := range s.ownDaysOff {
		if !d.Date.Before(first) && !d.Date.After(last) {
			hs = append(hs, Holiday{Date: d.Date, Name: d.Name})
		}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return slices.CompactFunc(hs, func(a, b Holiday) bool { return a.Date == b.Date && a.Name == b.Name }), nil
}

// Holidays returns the person's holidays from from to to, inclusive: those
// of their holiday codes (with the code), of their holiday sources (with
// the Code the source gives), but for their working days, and their own
// days off (with no code), sorted by date.
func (s *Schedule) Holidays(ctx context.Context, from, to Date) ([]Holiday, error) {
	fail := func(err error) ([]Holiday, error) { return nil, s.errorf("Holidays", err) }
	if s.zone == nil {
		return fail(errNotCompiled)
	}
	from, to = from.AddDays(0), to.AddDays(0)
	var hs []Holiday
	if len(s.phases) == 0 {
		var err error
		if hs, err = Holidays(s.holidays, from, to, s.holidayDates); err != nil {
			return fail(err)
		}
	}
	// A stay's days have the stay's holiday codes.
	for k, ph := range s.phases {
		first, last := ph.from, to
		if k+1 < len(s.phases) {
			last = s.phases[k+1].from.AddDays(-1)
		}
		first, last = later(first, from), earlier(last, to)
		if last.Before(first) {
			continue
		}
		part, err := Holidays(ph.s.holidays, first, last, s.holidayDates)
		if err != nil {
			return fail(err)
		}
		hs = append(hs, part...)
	}
	hs, err := s.extraHolidays(ctx, from, to, hs)
	if err != nil {
		return fail(err)
	}
	return hs, nil
}

// holidayDays returns the holidays of the calendars codes from first to
// last as days off, sorted, one a day: the names of holidays on one day
// are joined.
func holidayDays(codes []string, first, last Date, which HolidayDates) ([]dayOff, error) {
	hs, err := Holidays(codes, first, last, which)
	if err != nil {
		return nil, err
	}
	days := make([]dayOff, 0, len(hs))
	// Holidays lists each name once a date, sorted.
	for _, h := range hs {
		if h.Date.Before(first) || h.Date.After(last) {
			continue
		}
		i := h.Date.DaysSince(first)
		if n := len(days); n > 0 && days[n-1].day == i {
			days[n-1].label += ", " + h.Name
		} else {
			days = append(days, dayOff{KindHoliday, h.Name, i})
		}
	}
	return days, nil
}

// clipDays returns the days of off from first to last: to is before from
// when there are none.
func clipDays(off TimeOff, first, last Date) (from, to Date) {
	from, to = off.From, off.To
	if from.Before(first) {
		from = first
	}
	if to.After(last) {
		to = last
	}
	return from, to
}

// daysOff are the days off of a timeline: those of its window that are,
// sorted by day, each once.
type daysOff struct {
	first Date
	days  []dayOff
}

// count returns how many days are holidays, and how many time off.
func (t daysOff) count() (holidays, timeOff int) {
	for _, d := range t.days {
		if d.kind == KindHoliday {
			holidays++
		} else {
			timeOff++
		}
	}
	return holidays, timeOff
}

// add adds a span to a labelled layer.
func (l *offLayer) add(sp offSpan, label string) {
	l.ivs = append(l.ivs, sp)
	l.labels = append(l.labels, label)
}

// sorted readies a labelled layer for newDraft: its spans in order
// of their starts and disjoint. Where they overlap (a night shift that
// starts on one day off runs into the next day's spans), the span that
// starts first gives the label.
func (l offLayer) sorted() offLayer {
	if len(l.ivs) == 0 {
		return offLayer{kind: l.kind}
	}
	byStart := func(a, b offSpan) int { return cmp.Compare(a.start, b.start) }
	// The working spans come in order, and so do the layer's spans,
	// mostly: sort a copy only when they are not.
	if !slices.IsSortedFunc(l.ivs, byStart) {
		idx := make([]int, len(l.ivs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return byStart(l.ivs[a], l.ivs[b]) })
		ivs, labels := make([]offSpan, len(idx)), make([]string, len(idx))
		for i, k := range idx {
			ivs[i], labels[i] = l.ivs[k], l.labels[k]
		}
		l.ivs, l.labels = ivs, labels
	}
	for i := 1; i < len(l.ivs); i++ {
		if l.ivs[i].start < l.ivs[i-1].end {
			// Each span keeps what the spans before it left.
			ivs, labels := make([]offSpan, 0, len(l.ivs)), make([]string, 0, len(l.ivs))
			reached := l.ivs[0].start
			for k, sp := range l.ivs {
				if from := max(sp.start, reached); from < sp.end {
					ivs, labels = append(ivs, offSpan{from, sp.end}), append(labels, l.labels[k])
				}
				reached = max(reached, sp.end)
			}
			l.ivs, l.labels = ivs, labels
			break
		}
	}
	return l
}
