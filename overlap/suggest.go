package overlap

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Request asks Suggest (or Rotate) for meeting slots.
//
// The zero values of Step, Zone, MinAttendance, Max and Spacing mean
// their defaults. Everyone in Required and Optional must be in the report's team,
// once: no one may be both required and optional.
type Request struct {
	// Duration is the meeting's length; it must be a positive whole
	// number of minutes, the unit tzplan works in.
	Duration time.Duration
	// Step spaces the candidate starts: they fall on multiples of Step
	// counted from local midnight in Zone, on the wall clock, so that
	// hourly slots for a Kolkata organiser start at Kolkata's full hours.
	// It must be a whole number of minutes; zero means 15 minutes. A wall
	// time that the clocks skip is read as calendar.Wall reads it (with
	// the offset before the gap); one that they show twice is the earlier
	// instant, so the repeated hour of a fall-back night gets no starts.
	Step time.Duration
	// Zone is the reference zone for Step; nil means UTC.
	Zone *time.Location
	// Required and Optional are the IDs of the attendees.
	Required []string
	Optional []string
	// MinAttendance is the share of Required that must be present, in
	// (0, 1]; zero means 1 (everyone).
	MinAttendance float64
	// NotBefore is the earliest start a slot may have, such as now: a
	// slot in the past helps no one. The zero time means the window's
	// start.
	NotBefore time.Time
	// AllowOffHours lets attendees meet outside their working hours, at a
	// cost of Cost.Burden (see Band); without it an attendee who is
	// off-hours for any part of the meeting is missing. Rotate always
	// allows it. Even so an attendee is missing where a busy event, a
	// holiday or time off lies under the off-hours time of the buffered
	// meeting (calendar.Segment.Under): a commitment is never booked
	// over; and where the meeting touches their night or a day without
	// working hours, unless AllowNight or AllowDaysOff.
	//
	// Whether a meeting may break soft focus blocks, at a cost of
	// Cost.FocusBroken, is the report's Options.FocusIsFree; hard focus
	// is never broken.
	AllowOffHours bool
	// AllowNight and AllowDaysOff let a meeting allowed off-hours touch
	// attendees' nights (BandNight) and days without working hours
	// (BandDayOff), at their cost.
	AllowNight, AllowDaysOff bool
	// Comfort is the shoulder and night (calendar.Comfort) of the
	// attendees who do not set their own; its zero fields mean the
	// defaults.
	Comfort calendar.Comfort
	// NoMeetingDays are weekdays on which a person, in their own zone,
	// takes no meetings: an attendee is missing from a meeting that has
	// any instant on such a day.
	NoMeetingDays []time.Weekday
	// Buffer is the time each present attendee needs before and after the
	// meeting, which must hold no busy time, holiday, time off, hard focus
	// or (unless the report's Options.FocusIsFree) soft focus; off-hours is a fine buffer.
	// The buffer, like the meeting, must lie inside the report's window;
	// it is a whole number of minutes.
	Buffer time.Duration
	// Max is how many suggestions to return; zero means 10.
	Max int
	// Spacing keeps Suggest's answers distinct: no two start less than
	// Spacing apart, so that the best hour does not come back as five
	// 15-minute shifts of itself. Zero means DefaultSpacing; a negative
	// Spacing lets them crowd. Rotate ignores it.
	Spacing time.Duration
}

// DefaultStep, DefaultMax and DefaultSpacing are the defaults of
// Request.Step, Request.Max and Request.Spacing; FragmentLength is the
// length under which a free stretch counts as a fragment.
const (
	DefaultStep    = 15 * time.Minute
	DefaultMax     = 10
	DefaultSpacing = time.Hour
	FragmentLength = 30 * time.Minute
)

// A Status is what an attendee's time is taken by during a slot. Statuses
// are ordered from best to worst; an attendee's status for a slot is the
// worst over the meeting (not its buffer): holiday, then time-off, busy,
// off-hours, focus, free. Busy ranks above off-hours because it is a
// commitment already made, while working late is a choice.
type Status int

// The statuses, best first.
const (
	StatusFree     Status = iota // free for the whole meeting
	StatusFocus                  // in a focus block (hard or soft) for some of it
	StatusOffHours               // outside working hours for some of it
	StatusBusy                   // in a busy event for some of it
	StatusTimeOff                // on time off for some of it
	StatusHoliday                // on a holiday for some of it
)

var statusNames = [...]string{"free", "focus", "off-hours", "busy", "time-off", "holiday"}

// String returns the status's name: "free", "focus", "off-hours", "busy",
// "time-off" or "holiday".
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (s Status) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(statusNames) {
		return nil, fmt.Errorf("overlap.Status.MarshalText: invalid status %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form.
func (s *Status) UnmarshalText(b []byte) error {
	if i := slices.Index(statusNames[:], string(b)); i >= 0 {
		*s = Status(i)
		return nil
	}
	return fmt.Errorf("overlap.Status.UnmarshalText: %q is not one of %s", b, strings.Join(statusNames[:], ", "))
}

func statusOf(k calendar.Kind) Status {
	switch k {
	case calendar.KindOffHours:
		return StatusOffHours
	case calendar.KindHoliday:
		return StatusHoliday
	case calendar.KindTimeOff:
		return StatusTimeOff
	case calendar.KindBusy:
		return StatusBusy
	case calendar.KindFocus:
		return StatusFocus
	}
	return StatusFree
}

// An Attendance is one attendee's view of a slot.
//
// In JSON it is {"id", "zone", "status", "local", "optional", "present",
// "cost"}, where "local" is the start as RFC 3339 with the attendee's UTC
// offset ("2026-03-09T13:00:00+01:00") and "zone" the name of their zone.
type Attendance struct {
	ID     string
	Status Status
	// Local is the slot's start in the attendee's zone.
	Local time.Time
	// Band is the worst band of the attendee's day that the meeting
	// touches: BandWorking when it lies in their working hours. It is
	// BandWorking, too, where the request does not allow off-hours.
	Band     Band
	Optional bool
	// Present says whether the attendee can attend: free for the whole
	// meeting (or in soft focus or off-hours where the request allows
	// it), with a clear buffer and not on a no-meeting day. An attendee
	// may be free yet absent, for the buffer or the day.
	Present bool
	// Cost is the attendee's part of the slot's cost: their soft focus
	// broken, time off-hours and fragments when present, else one
	// required or optional attendee missing. The slot's Cost is the sum,
	// so these explain its Score, attendee by attendee.
	Cost Cost
}

// A Cost is what a slot costs its attendees. FocusBroken, OffHours and
// Fragments count present attendees only.
//
// In JSON it is {"focusBroken", "offHours", "fragments",
// "optionalMissing", "requiredMissing", "points"}, with durations as Go
// duration text ("1h30m") and "points" the value of Points (ignored when
// read).
type Cost struct {
	// FocusBroken is the soft focus time the meeting and its buffers take,
	// summed over the attendees.
	FocusBroken time.Duration
	// OffHours is the meeting time outside the attendees' working hours,
	// summed over them. Shoulder, Late, DayOff and Night split it by band
	// (see Band), and Burden weighs it: a minute of it is worth the
	// points of its band.
	OffHours                      time.Duration
	Shoulder, Late, DayOff, Night time.Duration
	Burden                        time.Duration
	// Fragments counts the free stretches shorter than FragmentLength
	// that end where a present attendee's buffered meeting starts or
	// start where it ends.
	Fragments int
	// OptionalMissing and RequiredMissing count the absent attendees.
	OptionalMissing, RequiredMissing int
}

// add adds o to c: Suggest adds up its costs over attendees.
func (c *Cost) add(o Cost) {
	c.FocusBroken += o.FocusBroken
	c.OffHours += o.OffHours
	for b := BandShoulder; b <= BandNight; b++ {
		*c.band(b) += *o.band(b)
	}
	c.Burden += o.Burden
	c.Fragments += o.Fragments
	c.OptionalMissing += o.OptionalMissing
	c.RequiredMissing += o.RequiredMissing
}

// band returns the field of c for the time in band b (not working).
func (c *Cost) band(b Band) *time.Duration {
	switch b {
	case BandShoulder:
		return &c.Shoulder
	case BandLate:
		return &c.Late
	case BandDayOff:
		return &c.DayOff
	}
	return &c.Night
}

// Points weighs a cost that leaves the required attendees aside, lower is
// better: a minute of focus broken is a point, a minute outside working
// hours the points of its band (it is the person's own time: Burden's
// minutes), a fragment 15 (about what a stretch under 30 minutes loses),
// an optional attendee missing 30.
func (c Cost) Points() float64 {
	return rankCost{c.FocusBroken + c.Burden, int32(c.Fragments), int32(c.OptionalMissing), int32(c.RequiredMissing)}.points()
}

// A rankCost is what Points and the ranking read of a Cost, all Suggest
// keeps for each candidate start of its grid.
type rankCost struct {
	weighted                      time.Duration // focus broken and burden
	fragments, optional, required int32
}

func (r rankCost) points() float64 {
	return r.weighted.Minutes() + 15*float64(r.fragments) + 30*float64(r.optional)
}

// add adds c to r, and sub takes it away: over attendees, and over runs
// of starts by differences.
func (r *rankCost) add(c Cost) {
	r.addRank(rankCost{c.FocusBroken + c.Burden, int32(c.Fragments), int32(c.OptionalMissing), int32(c.RequiredMissing)}, 1)
}
func (r *rankCost) sub(c Cost) {
	r.addRank(rankCost{c.FocusBroken + c.Burden, int32(c.Fragments), int32(c.OptionalMissing), int32(c.RequiredMissing)}, -1)
}

// addRank adds o to r n times.
func (r *rankCost) addRank(o rankCost, n int32) {
	r.weighted += time.Duration(n) * o.weighted
	r.fragments += n * o.fragments
	r.optional += n * o.optional
	r.required += n * o.required
}

// A Suggestion is a meeting slot and what it costs. Its Interval is in
// the request's Zone.
//
// In JSON it is {"start", "end", "score", "cost", "attendees"}.
type Suggestion struct {
	calendar.Interval
	// Attendees lists the required attendees, then the optional ones,
	// each in ID order.
	Attendees []Attendance
	Cost      Cost
	// Score grows with the slot's quality: the number of required
	// attendees present plus 60/(60+Cost.Points()), a share in (0, 1] that
	// is 1 for a slot that costs nothing and halves at 60 points. It
	// never grows down the ranking.
	Score float64
}

// A NoSlotError says why Suggest found no slot. In JSON it is {"never",
// "best", "want", "slots"}.
type NoSlotError struct {
	// Never lists the required attendees (ascending) who are present at
	// no candidate slot: never free, in the window, for the meeting and
	// its buffer.
	Never []string `json:"never"`
	// Best is the largest share of required attendees present at any
	// candidate slot, and Want the share the request asked for.
	Best float64 `json:"best"`
	Want float64 `json:"want"`
	// Slots counts the candidate starts; zero when the meeting and its
	// buffers do not fit in the window at all.
	Slots int `json:"slots"`
}

// Error says why no slot fits: who is never available, and the best
// share of the required attendees that some slot reaches.
func (e *NoSlotError) Error() string {
	if e.Slots == 0 {
		return "no slot: the meeting and its buffers do not fit in the window"
	}
	var b strings.Builder
	b.WriteString("no slot")
	if len(e.Never) > 0 {
		fmt.Fprintf(&b, ": %s never available in the window", strings.Join(e.Never, ", "))
		b.WriteString(";")
	} else {
		b.WriteString(":")
	}
	fmt.Fprintf(&b, " at best %s of the required can attend, %s asked", percent(e.Best), percent(e.Want))
	return b.String()
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// Suggest returns the best slots for the meeting q asks for, at most
// q.Max, best first.
//
// A candidate slot starts on q's step grid (see Request.Step), not before
// q.NotBefore, and, with its buffers, lies inside the report's window. An
// attendee is present when the meeting holds no busy time, holiday, time
// off or hard focus of theirs, in working hours or out of them, soft
// focus only if the report's Options.FocusIsFree, off-hours only if
// q.AllowOffHours, touches none of q.NoMeetingDays in their zone, and the
// buffers are clear (see Request.Buffer). A slot is allowed when the share
// of required attendees present is at least q.MinAttendance.
//
// Allowed slots are ranked by fewer required attendees missing, then
// fewer Cost.Points, then the earlier start: a total order, so the answer
// is the same for the same input. Down that ranking, a slot that starts
// less than q.Spacing from one already taken is passed over, so that
// the answers are distinct times (Suggestion.Items explains each one's
// points). Opting for soft focus, off-hours or
// optional attendees never changes which slots are allowed, only how they
// rank. When no slot is allowed the error wraps a *NoSlotError (use
// errors.As); a request that is wrong gets an error that names the field.
//
// The cost is linear in the candidates times the attendees, plus the
// segments of their timelines.
func (r *Report) Suggest(ctx context.Context, q Request) ([]Suggestion, error) {
	p, err := r.newPlan(ctx, "overlap.Report.Suggest", q)
	if err != nil {
		return nil, err
	}
	// The grid is ranked by cost alone, keeping the best Max; only those
	// are evaluated again with each attendee's status, so that memory
	// stays with what is returned, not with the grid times the team.
	starts, fewest, err := p.best(ctx, p.grid)
	if err != nil {
		return nil, fmt.Errorf("overlap.Report.Suggest: %w", err)
	}
	if len(starts) == 0 {
		return nil, fmt.Errorf("overlap.Report.Suggest: %w", p.noSlotOf(len(p.grid), fewest))
	}
	slices.Sort(starts)
	full, err := p.evaluate(ctx, starts, false)
	if err != nil {
		return nil, fmt.Errorf("overlap.Report.Suggest: %w", err)
	}
	slices.SortFunc(full, compareCandidates)
	out := make([]Suggestion, len(full))
	for i, c := range full {
		out[i] = p.suggestion(c)
	}
	return out, nil
}

// costs adds a's part of the cost of each of starts (ascending) to acc,
// or, for a run of starts with one cost, to run as a difference (added at
// the run's first start, taken away after its last). Runs are what eval
// would make of their starts:
//   - the starts whose buffered meeting lies inside one stretch of a's
//     timeline, which is all the meeting and its buffers see: a free
//     stretch costs nothing (its runs keep FragmentLength from its ends,
//     where eval counts fragments), an off-hours one the meeting's length,
//     a soft focus one the buffered meeting's length;
//   - the starts that a stretch keeps a away from, whatever else they
//     meet: off-hours (unless allowed) under the meeting, any other kind
//     but free and soft focus under the buffered meeting. Neighbouring
//     such stretches make one run.
//
// Starts outside runs are evaluated by eval, in order, as its cursors
// want.
func (p *plan) costs(a *attendee, starts []int64, acc, run []rankCost) {
	dur, buf := int64(p.q.Duration), int64(p.q.Buffer)
	absent := Cost{RequiredMissing: 1}
	if a.optional {
		absent = Cost{OptionalMissing: 1}
	}
	one := func(k int) {
		e := p.eval(a, starts[k])
		switch {
		case e.present:
			a.everHere = true
			acc[k].add(e.cost())
		default:
			acc[k].add(absent)
		}
	}
	k := 0
	// emit adds a run of c over starts first..last-1, the starts before
	// it evaluated one by one.
	emit := func(first, last int, c Cost) {
		first = max(first, k)
		if last-first < 2 {
			return // not worth a run; the starts come by eval
		}
		for ; k < first; k++ {
			one(k)
		}
		run[first].add(c)
		run[last].sub(c)
		k = last
	}
	// after returns the first start at or after k that is after t, and
	// from returns the first that is at or after t.
	after := func(t int64) int { return k + sort.Search(len(starts)-k, func(j int) bool { return starts[k+j] > t }) }
	from := func(t int64) int { return k + sort.Search(len(starts)-k, func(j int) bool { return starts[k+j] >= t }) }
	if len(a.noMeet) == 0 {
		segs := a.segs
		away, awayFirst, awayLast := false, 0, 0 // the run of starts kept away, not yet emitted
		keepAway := func(first, last int) {
			if away && first <= awayLast {
				awayLast = max(awayLast, last)
				return
			}
			if away {
				emit(awayFirst, awayLast, absent)
			}
			away, awayFirst, awayLast = true, first, last
		}
		costRun := func(first, last int, c Cost) {
			if away {
				emit(awayFirst, awayLast, absent)
				away = false
			}
			if first < last {
				a.everHere = true
				emit(first, last, c)
			}
		}
		b := 0 // cursor into a.bands
		for i := range segs {
			if k == len(starts) {
				break
			}
			s, e := segs[i].Start, a.ends[i]
			var c Cost
			keepsAway := false
			switch segs[i].Kind {
			case calendar.KindFree:
			case calendar.KindOffHours:
				keepsAway = !p.q.AllowOffHours || segs[i].Under != calendar.KindOffHours
			case calendar.KindFocus:
				c.FocusBroken, keepsAway = time.Duration(dur+2*buf), segs[i].Hard || !p.r.opt.FocusIsFree
			default:
				keepsAway = true
			}
			if keepsAway {
				// The starts whose meeting (or, but for off-hours, the
				// buffered meeting) overlaps the stretch.
				lo, hi := s-dur, e
				if segs[i].Kind != calendar.KindOffHours || segs[i].Under != calendar.KindOffHours {
					lo, hi = lo-buf, hi+buf
				}
				keepAway(after(lo), from(hi))
				continue
			}
			// The starts whose buffered meeting lies strictly inside.
			lo, hi := s+1, e-1
			if segs[i].Kind == calendar.KindFree {
				lo, hi = s+int64(FragmentLength), e-int64(FragmentLength)
			}
			first, last := from(lo+buf), after(hi-dur-buf)
			if segs[i].Kind != calendar.KindOffHours {
				costRun(first, last, c)
				continue
			}
			// Off-hours, allowed: by band, each band's piece keeping
			// away the starts whose meeting touches it when the
			// request excludes it, else costing its own.
			for b < len(a.bands) && a.bands[b].end <= s {
				b++
			}
			for ; b < len(a.bands) && a.bands[b].start < e; b++ {
				bp := a.bands[b]
				if p.q.excluded(bp.band) {
					keepAway(after(max(bp.start, s)-dur), from(min(bp.end, e)))
				} else {
					costRun(max(first, from(bp.start)), min(last, after(bp.end-dur)), bandCost(dur, bp.band, bp.quarters))
				}
				if bp.end > e {
					break // the piece goes on into a later stretch
				}
			}
		}
		if away {
			emit(awayFirst, awayLast, absent)
		}
	}
	for ; k < len(starts); k++ {
		one(k)
	}
}

// best evaluates the slots starting at starts (ascending) by cost alone,
// and returns the starts of the best Max of those with enough required
// attendees, no two closer than the request's Spacing (each the best not
// too close to a better one), in no order, and, for a NoSlotError, the
// fewest required attendees any slot misses (every attendee's everHere
// is set as evaluate sets it).
func (p *plan) best(ctx context.Context, starts []int64) (best []int64, fewest int, err error) {
	for i := range p.att {
		a := &p.att[i]
		a.seg, a.nm, a.band, a.everHere = 0, 0, 0, false
	}
	// Attendee by attendee, the costs of every start: where a start's
	// buffered meeting lies inside one stretch of an attendee's timeline
	// (the common case), its cost is the stretch's, the same for every
	// such start, and is added to the whole run of them at once; the
	// others are evaluated one by one.
	n := len(starts)
	acc := make([]rankCost, n)
	run := make([]rankCost, n+1) // differences: run[k] starts at k, run[k'] ends before k'
	for i := range p.att {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		p.costs(&p.att[i], starts, acc, run)
	}
	// The allowed slots, ranked in a compact form: only the chosen come
	// back with each attendee's part.
	type ranked struct {
		start   int64
		points  float64
		missing int
	}
	var allowed []ranked
	var carry rankCost
	fewest = p.nReq
	for k, ms := range starts {
		carry.addRank(run[k], 1)
		c := acc[k]
		c.addRank(carry, 1)
		fewest = min(fewest, int(c.required))
		if p.nReq-int(c.required) >= p.need {
			allowed = append(allowed, ranked{ms, c.points(), int(c.required)})
		}
	}
	slices.SortFunc(allowed, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.missing, b.missing), cmp.Compare(a.points, b.points), cmp.Compare(a.start, b.start))
	})
	spacing := int64(max(p.q.Spacing, 0))
	var taken []int64 // best, sorted: a new start meets only its neighbours
	for _, c := range allowed {
		if len(best) == p.q.Max {
			break
		}
		if spacing > 0 {
			i, _ := slices.BinarySearch(taken, c.start)
			if i > 0 && c.start-taken[i-1] < spacing || i < len(taken) && taken[i]-c.start < spacing {
				continue
			}
			taken = slices.Insert(taken, i, c.start)
		}
		best = append(best, c.start)
	}
	return best, fewest, nil
}

// A plan is a checked request against a report, ready to evaluate slots.
type plan struct {
	r    *Report
	q    Request
	att  []attendee // required, then optional, each by ID
	nReq int
	need int     // required attendees who must be present
	grid []int64 // candidate meeting starts, ascending
}

// An attendee is a member as a plan reads their timeline: in time order,
// with cursors that only move forward.
type attendee struct {
	m        *member
	optional bool
	segs     []calendar.Stretch // the member's timeline
	ends     []int64            // where each timeline segment ends
	noMeet   []span             // the no-meeting days, as spans of the window
	bands    []bandPiece        // the time outside working hours, by band
	seg, nm  int                // cursors into the timeline and noMeet
	band     int                // cursor into bands
	everHere bool               // present at some candidate
}

func (r *Report) newPlan(ctx context.Context, fn string, q Request) (*plan, error) {
	fail := func(format string, args ...any) (*plan, error) {
		return nil, fmt.Errorf(fn+": Request."+format, args...)
	}
	if q.Step == 0 {
		q.Step = DefaultStep
	}
	if q.Zone == nil {
		q.Zone = time.UTC
	}
	if q.MinAttendance == 0 {
		q.MinAttendance = 1
	}
	if q.Max == 0 {
		q.Max = DefaultMax
	}
	if q.Spacing == 0 {
		q.Spacing = DefaultSpacing
	}
	switch {
	case q.Duration <= 0 || q.Duration%time.Minute != 0:
		return fail("Duration %s is not a positive whole number of minutes", q.Duration)
	case q.Step < 0 || q.Step%time.Minute != 0:
		return fail("Step %s is not a positive whole number of minutes", q.Step)
	case !(q.MinAttendance > 0 && q.MinAttendance <= 1):
		return fail("MinAttendance %v is not in (0, 1]", q.MinAttendance)
	case q.Max < 0:
		return fail("Max %d is negative", q.Max)
	case q.Buffer < 0:
		return fail("Buffer %s is negative", q.Buffer)
	case q.Buffer%time.Minute != 0:
		return fail("Buffer %s is not a whole number of minutes", q.Buffer)
	case len(q.Required)+len(q.Optional) == 0:
		return fail("Required and Optional are both empty")
	case q.Comfort.Check() != nil:
		return fail("Comfort: %v", q.Comfort.Check())
	}
	for _, d := range q.NoMeetingDays {
		if d < time.Sunday || d > time.Saturday {
			return fail("NoMeetingDays: %d is not a weekday", int(d))
		}
	}
	p := &plan{r: r, q: q, nReq: len(q.Required)}
	seen := map[string]string{}
	for k, ids := range [][]string{q.Required, q.Optional} {
		field := [...]string{"Required", "Optional"}[k]
		sorted := slices.Sorted(slices.Values(ids))
		for _, id := range sorted {
			if prev, ok := seen[id]; ok {
				if prev == field {
					return fail("%s: ID %q is listed twice", field, id)
				}
				return fail("%s: ID %q is also in %s", field, id, prev)
			}
			seen[id] = field
			m, err := r.find(fn, id)
			if err != nil {
				return nil, fmt.Errorf("%s: Request.%s: %w %q", fn, field, ErrUnknownID, id)
			}
			a, err := r.newAttendee(m, k == 1, &q)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			p.att = append(p.att, a)
		}
	}
	for p.need = 0; p.need < p.nReq && float64(p.need)/float64(p.nReq) < q.MinAttendance; p.need++ {
	}
	// The work and memory of an evaluation: the candidate starts times the
	// attendees, checked before the grid is built, from its size on the
	// clock.
	if n, max := r.length/int64(q.Step), calendar.LimitsOf(ctx).CandidateAttendees; n*int64(len(p.att)) > max {
		return nil, fmt.Errorf("%s: %w: Limits.CandidateAttendees: about %d candidate starts (the window, by a Step of %s) times %d attendees is more than %d: take a longer Step, a shorter window or fewer attendees",
			fn, calendar.ErrLimit, n, q.Step, len(p.att), max)
	}
	if q.Duration+2*q.Buffer <= time.Duration(r.length) && q.Duration <= time.Duration(r.length) && q.Buffer <= time.Duration(r.length) {
		p.grid = r.grid(q, 0, r.length)
	}
	return p, nil
}

func (r *Report) newAttendee(m *member, optional bool, q *Request) (attendee, error) {
	segs, err := m.timeline()
	if err != nil {
		return attendee{}, err
	}
	a := attendee{m: m, optional: optional, segs: segs, ends: make([]int64, len(segs))}
	for i := range segs {
		a.ends[i] = end(segs, i, r.length)
	}
	if len(q.NoMeetingDays) > 0 {
		a.noMeet = r.localDays(m.sched, func(d calendar.Date) (calendar.Clock, calendar.Clock, bool) {
			return calendar.Midnight, calendar.EndOfDay, slices.Contains(q.NoMeetingDays, d.Weekday())
		})
	}
	if q.AllowOffHours {
		a.bands = r.bands(m, m.sched.Comfort().Or(q.Comfort))
	}
	return a, nil
}

// localDays returns, as spans of the window, the part [from, to) of each
// local day of sched (on the clock of the zone in force that day: see
// calendar.Schedule.On) that pick picks, sorted and merged; a part whose
// to is not after its from ends on the next day, and also covers the
// day's own morning to to.
func (r *Report) localDays(sched *calendar.Schedule, pick func(calendar.Date) (from, to calendar.Clock, ok bool)) []span {
	var out []span
	// The dates whose day may meet the window in any zone: for someone
	// who stays nowhere, those of their own zone.
	first, last := calendar.DateOf(r.window.Start.UTC()).AddDays(-2), calendar.DateOf(r.window.End.UTC()).AddDays(2)
	if !sched.Changes() {
		loc := sched.Zone()
		first, last = calendar.DateOf(r.window.Start.In(loc)).AddDays(-1), calendar.DateOf(r.window.End.In(loc)).AddDays(1)
	}
	for d := first; !d.After(last); d = d.AddDays(1) {
		from, to, ok := pick(d)
		if !ok {
			continue
		}
		loc, _ := sched.On(d)
		add := func(from, to time.Time) {
			if s := (span{max(0, r.offset(from)), min(r.length, r.offset(to))}); s.start < s.end {
				out = append(out, s)
			}
		}
		if to <= from {
			// A part that runs past midnight: on the day's clock to its
			// end the next day, and the day's own morning on its clock
			// too (where the zone changed overnight, the night before
			// ended on another clock).
			add(calendar.Wall(d, from, loc), calendar.Wall(d.AddDays(1), to, loc))
			add(calendar.Wall(d, calendar.Midnight, loc), calendar.Wall(d, to, loc))
			continue
		}
		add(calendar.Wall(d, from, loc), calendar.Wall(d, to, loc))
	}
	// Days in different zones may come out of order, or overlap.
	return unionSpans(out)
}

// localTime is t on sched's clock: that of the zone in force then (a
// traveller's stay).
func localTime(sched *calendar.Schedule, t time.Time) time.Time {
	return t.In(sched.ZoneAt(t))
}

// grid returns the candidate starts of q whose buffered meeting lies in
// [from, to) and that are not before q.NotBefore, ascending.
func (r *Report) grid(q Request, from, to int64) []int64 {
	var out []int64
	if !q.NotBefore.IsZero() && q.NotBefore.After(r.window.Start) {
		// Only a NotBefore after the window's start bounds the starts:
		// offsets saturate far outside the window.
		from = max(from, min(r.offset(q.NotBefore), r.length)-int64(q.Buffer))
	}
	step := int(q.Step / time.Minute)
	first := calendar.DateOf(r.time(from).In(q.Zone)).AddDays(-1)
	last := calendar.DateOf(r.time(to).In(q.Zone))
	for d := first; !d.After(last); d = d.AddDays(1) {
		for c := 0; c < int(calendar.EndOfDay); c += step {
			ms := r.offset(calendar.Wall(d, calendar.Clock(c), q.Zone))
			if ms-int64(q.Buffer) >= from && ms+int64(q.Duration+q.Buffer) <= to {
				out = append(out, ms)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A candidate is an evaluated slot.
type candidate struct {
	start   int64
	cost    Cost
	points  float64
	present []bool   // per attendee
	status  []Status // per attendee
	costs   []Cost   // per attendee: their part of cost
	band    []Band   // per attendee: the worst band the meeting touches
	burden  []int64  // for Rotate: per attendee their Cost.Burden, then 1 for each with some
}

// compareCandidates is the ranking.
func compareCandidates(a, b candidate) int {
	if a.cost.RequiredMissing != b.cost.RequiredMissing {
		return a.cost.RequiredMissing - b.cost.RequiredMissing
	}
	if a.points != b.points {
		if a.points < b.points {
			return -1
		}
		return +1
	}
	return cmp.Compare(a.start, b.start)
}

// evaluate evaluates the slots starting at starts (ascending), resetting
// the cursors first. With burdens, it fills each candidate's burden (for
// Rotate) instead of each attendee's part of the cost.
func (p *plan) evaluate(ctx context.Context, starts []int64, burdens bool) ([]candidate, error) {
	// Rotate's many candidates keep burdens; each attendee's part of the
	// cost is kept for the few that Suggest returns.
	keepCosts := !burdens
	for i := range p.att {
		a := &p.att[i]
		a.seg, a.nm, a.band, a.everHere = 0, 0, 0, false
	}
	n := len(p.att)
	out := make([]candidate, len(starts))
	present := make([]bool, n*len(starts))
	status := make([]Status, n*len(starts))
	var costs []Cost
	var bands []Band
	if keepCosts {
		costs, bands = make([]Cost, n*len(starts)), make([]Band, n*len(starts))
	}
	var burden []int64
	if burdens {
		burden = make([]int64, 2*n*len(starts))
	}
	for k, ms := range starts {
		if k%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c := &out[k]
		c.start = ms
		c.present, c.status = present[k*n:(k+1)*n:(k+1)*n], status[k*n:(k+1)*n:(k+1)*n]
		if keepCosts {
			c.costs, c.band = costs[k*n:(k+1)*n:(k+1)*n], bands[k*n:(k+1)*n:(k+1)*n]
		}
		if burdens {
			c.burden = burden[2*k*n : 2*(k+1)*n : 2*(k+1)*n]
		}
		for i := range p.att {
			a := &p.att[i]
			e := p.eval(a, ms)
			c.status[i], c.present[i] = e.status, e.present
			if keepCosts {
				c.band[i] = e.band
			}
			var mine Cost
			switch {
			case e.present:
				a.everHere = true
				mine = e.cost()
				if burdens && mine.Burden > 0 {
					// The burden, and one inconvenient slot.
					c.burden[i], c.burden[n+i] = int64(mine.Burden), 1
				}
			case a.optional:
				mine = Cost{OptionalMissing: 1}
			default:
				mine = Cost{RequiredMissing: 1}
			}
			c.cost.add(mine)
			if keepCosts {
				c.costs[i] = mine
			}
		}
		c.points = c.cost.Points()
	}
	return out, nil
}

// allowed returns the candidates with enough required attendees present.
func (p *plan) allowed(cands []candidate) []candidate {
	var out []candidate
	for _, c := range cands {
		if p.nReq-c.cost.RequiredMissing >= p.need {
			out = append(out, c)
		}
	}
	return out
}

func (p *plan) noSlot(cands []candidate) *NoSlotError {
	fewest := p.nReq
	for _, c := range cands {
		fewest = min(fewest, c.cost.RequiredMissing)
	}
	return p.noSlotOf(len(cands), fewest)
}

// noSlotOf is noSlot for slots candidates, of which the best had fewest
// required attendees missing.
func (p *plan) noSlotOf(slots, fewest int) *NoSlotError {
	e := &NoSlotError{Want: p.q.MinAttendance, Slots: slots}
	if slots == 0 || p.nReq == 0 {
		return e
	}
	e.Best = float64(p.nReq-fewest) / float64(p.nReq)
	for _, a := range p.att[:p.nReq] {
		if !a.everHere {
			e.Never = append(e.Never, a.m.sched.ID())
		}
	}
	return e
}

func (p *plan) suggestion(c candidate) Suggestion {
	start := p.r.time(c.start)
	s := Suggestion{
		Interval:  calendar.Interval{Start: start, End: start.Add(p.q.Duration)}.In(p.q.Zone),
		Attendees: make([]Attendance, len(p.att)),
		Cost:      c.cost,
		Score:     float64(p.nReq-c.cost.RequiredMissing) + 60/(60+c.points),
	}
	for i, a := range p.att {
		s.Attendees[i] = Attendance{ID: a.m.sched.ID(), Status: c.status[i], Band: c.band[i], Local: localTime(a.m.sched, start), Optional: a.optional, Present: c.present[i], Cost: c.costs[i]}
	}
	return s
}

// An evaluation is one attendee's view of one slot.
type evaluation struct {
	status    Status
	band      Band // the worst band the meeting touches
	present   bool
	soft, off int64 // soft focus in the buffered meeting, off-hours in the meeting
	inBand    [BandNight + 1]int64
	burden    int64
	fragments int
}

// cost returns the cost of e to a present attendee.
func (e *evaluation) cost() Cost {
	c := Cost{FocusBroken: time.Duration(e.soft), OffHours: time.Duration(e.off), Burden: time.Duration(e.burden), Fragments: e.fragments}
	for b := BandShoulder; b <= BandNight; b++ {
		*c.band(b) = time.Duration(e.inBand[b])
	}
	return c
}

// eval evaluates the slot starting at ms for a. Calls for one attendee
// must come in ascending ms, after the cursors were reset.
func (p *plan) eval(a *attendee, ms int64) evaluation {
	me := ms + int64(p.q.Duration)
	ps, pe := ms-int64(p.q.Buffer), me+int64(p.q.Buffer)
	segs := a.segs
	for a.seg < len(segs) && a.ends[a.seg] <= ps {
		a.seg++
	}
	e := evaluation{present: true}
	after := -1 // the segment that holds pe
	for i := a.seg; i < len(segs) && segs[i].Start <= pe; i++ {
		s, end := segs[i].Start, a.ends[i]
		if s <= pe && pe < end {
			after = i
		}
		if s == pe {
			break
		}
		inM := min(end, me) - max(s, ms)
		inP := min(end, pe) - max(s, ps)
		if inM > 0 {
			e.status = max(e.status, statusOf(segs[i].Kind))
			if segs[i].Kind == calendar.KindOffHours && segs[i].Under != calendar.KindOffHours {
				e.status = max(e.status, statusOf(segs[i].Under))
			}
		}
		switch segs[i].Kind {
		case calendar.KindFree:
		case calendar.KindOffHours:
			if segs[i].Under != calendar.KindOffHours {
				// A commitment outside working hours keeps the
				// attendee away, allowed off-hours or not.
				e.present = false
			}
			if inM > 0 {
				e.off += inM
				e.present = e.present && p.q.AllowOffHours
			}
		case calendar.KindFocus:
			if segs[i].Hard || !p.r.opt.FocusIsFree {
				e.present = false
			} else {
				e.soft += inP
			}
		default:
			e.present = false
		}
	}
	for a.nm < len(a.noMeet) && a.noMeet[a.nm].end <= ms {
		a.nm++
	}
	if a.nm < len(a.noMeet) && a.noMeet[a.nm].start < me {
		e.present = false
	}
	if e.off > 0 {
		// The meeting's time outside working hours, by band.
		for a.band < len(a.bands) && a.bands[a.band].end <= ms {
			a.band++
		}
		for k := a.band; k < len(a.bands) && a.bands[k].start < me; k++ {
			bp := a.bands[k]
			t := min(bp.end, me) - max(bp.start, ms)
			e.inBand[bp.band] += t
			e.burden += t * bp.quarters / 4
			e.band = max(e.band, bp.band)
			if p.q.excluded(bp.band) {
				e.present = false
			}
		}
	}
	if !e.present {
		return e
	}
	if ps > 0 {
		j := a.seg
		if segs[j].Start == ps {
			j--
		}
		if segs[j].Kind == calendar.KindFree && ps-segs[j].Start < int64(FragmentLength) {
			e.fragments++
		}
	}
	if after >= 0 && segs[after].Kind == calendar.KindFree && a.ends[after]-pe < int64(FragmentLength) {
		e.fragments++
	}
	return e
}
