package policy

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/overlap"
)

// Month is the length the audit's monthly figures are read over: 30 days.
const Month = 30 * 24 * time.Hour

// A Verdict is what an audit says to do with a meeting series.
type Verdict string

// The verdicts. The audit's rules try make-async, then move or rotate
// (the same people outside working hours: a time of day that fits
// everyone, else a rotation), then move (focus), shorten and keep: the
// first that applies is the series' verdict.
const (
	VerdictMakeAsync Verdict = "make-async" // its purpose is to inform: a written update instead
	VerdictRotate    Verdict = "rotate"     // the same people meet outside working hours, and no time fits all: rotate its time
	VerdictMove      Verdict = "move"       // another time of day fits everyone, or breaks less focus time
	VerdictShorten   Verdict = "shorten"    // it breaks focus time wherever it goes: shorten it or meet less often
	VerdictKeep      Verdict = "keep"       // nothing above applies, or nothing found helps
)

// UnmarshalText reads a verdict, refusing an unknown one.
func (v *Verdict) UnmarshalText(b []byte) error {
	switch x := Verdict(b); x {
	case VerdictMakeAsync, VerdictRotate, VerdictMove, VerdictShorten, VerdictKeep:
		*v = x
		return nil
	}
	return fmt.Errorf("policy.Verdict.UnmarshalText: %w: verdict %q is not make-async, rotate, move, shorten or keep", ErrInvalid, b)
}

// The audit's reason codes.
const (
	CodePurposeGiven      = "purpose-given"
	CodePurposeGuessed    = "purpose-guessed"
	CodePurposeUnknown    = "purpose-unknown"
	CodeInformAsync       = "inform-async"
	CodeAfterHoursSameOne = "after-hours-same-people"
	CodeAfterHoursMovable = "after-hours-movable"
	CodeFocusMovable      = "focus-cost-movable"
	CodeFocusCostly       = "focus-cost-high"
	CodeOneOff            = "one-off"
	CodeKeep              = "keep"
)

// The sources the audit's reasons cite.
const (
	srcFocusTime = `Clockwise, "Focus Time" and "focus time cost"; Microsoft Viva Insights, focus hours; Multitudes, deep work ` +
		`(two-hour blocks); Mark, Gonzalez & Harris, CHI 2005`
	srcFairShare = `tzplan: overlap.Report.Rotate's fair-share rule (no one takes more than half of the slots at an inconvenient time)`
	srcSignals   = `tzplan: the purpose signals of policy.GuessPurpose`
	srcGiven     = `the caller`
	srcKeep      = `tzplan: none of the audit's rules applies`
)

// An Audit is what a team's meetings cost over a report's window, series
// by series and person by person, with a verdict for each series.
type Audit struct {
	// Window is the report's window, which every figure is read in.
	Window calendar.Interval
	// Months is the window's length in months (Month): the figures of
	// Series are over the window; divided by Months, a month's.
	Months float64
	// Series are the meeting series, most person-hours first (then by
	// series).
	Series []SeriesAudit
	// PersonTime is the team's meeting person-time in the window: each
	// meeting's time inside it times its attendees, summed. It equals the
	// sum of the series' (and Load.Team.Meeting, unless someone is in two
	// meetings at once, which Load counts once).
	PersonTime time.Duration
	// Load is how the meetings weigh on each person and the team.
	Load overlap.Load
}

// PerMonth returns d, a figure over the audit's window, for a month.
func (a Audit) PerMonth(d time.Duration) time.Duration {
	if a.Months <= 0 {
		return 0
	}
	f := float64(d) / a.Months
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64 // a figure past 292 years a month is saturated, not wrapped
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return time.Duration(f).Round(time.Minute)
}

// A SeriesAudit is one meeting series' cost over the audit's window, and
// the audit's verdict on it.
type SeriesAudit struct {
	// Series is the series' UID (Occurrence.Series); an event with no
	// UID is a series of its own, named by its occurrence's ID.
	Series string
	// Title is the earliest occurrence's; Recurring says the series
	// recurs; Occurrences counts its occurrences in the window.
	Title       string
	Recurring   bool
	Occurrences int
	// Attendees are everyone who attends any occurrence, in ID order,
	// and Zones the distinct zone names of theirs, sorted.
	Attendees []string
	Zones     []string
	// Length is its occurrences' median length.
	Length time.Duration
	// Purpose is what the series is for, as given (Guessed false) or as
	// GuessPurpose guesses it (Guessed true); zero when unknown.
	Purpose Purpose
	Guessed bool
	// PersonTime is the time in it times its attendees, summed over the
	// occurrences (the part inside the window); FocusCost its focus cost
	// (overlap.MeetingCost.FocusCost), summed.
	PersonTime, FocusCost time.Duration
	// AfterHours is each attendee's time in it outside working hours, for
	// those with any, most first (then by ID).
	AfterHours []AfterHours
	// Concentration is the largest share of the occurrences one attendee
	// is outside working hours for (partly or wholly): 1 when the same
	// person is, every time; 0 when no one ever is.
	Concentration float64
	// Verdict is what to do; Reasons say why: the rule the verdict
	// follows (decisive), the rules that asked for another verdict and
	// came later (overridden), and what the purpose rests on (context).
	Verdict Verdict
	Reasons []Reason
	// Rotation is the proposed rotation, with VerdictRotate.
	Rotation *overlap.Rotation
	// Move is the proposed move, with VerdictMove.
	Move *Move
}

// AfterHours is one attendee's time in a series outside working hours.
type AfterHours struct {
	ID   string
	Time time.Duration
	// Occurrences counts the occurrences they are outside working hours
	// for, of Attended they attend.
	Occurrences, Attended int
}

// A Move is a series moved to another time of day: every occurrence by
// Offset, and what it would then cost in focus time over the window.
type Move struct {
	Offset    time.Duration
	FocusCost time.Duration
	// First is the first moved occurrence's new time.
	First calendar.Interval
}

// Audit weighs meetings (as MeetingsFrom finds them) on the people of the
// report, series by series, and gives each series a verdict with its
// reasons. purposes gives the purpose of series the caller knows, by
// their Series or their Title (Series first); the others are guessed
// (GuessPurpose), and the guess is stated. The report's timelines should
// not hold the meetings as busy time (overlap.Agenda; BusyBesides gives
// the rest), every attendee must be one of its people, and no two
// occurrences may have one ID. Occurrences wholly outside the report's
// window are left out. The rules, first that applies:
//
//   - make-async: the purpose is to inform (a status or update meeting,
//     or a guessed audience of listeners).
//   - move (after hours): a recurring series in which an attendee is
//     outside working hours in more than half of the occurrences (the
//     rotation's fair-share rule), at least Policy.AfterHoursLimit a
//     month, and which moved by a multiple of Policy.MinSlot (up to 12
//     hours either way) lies in time every attendee could book
//     (overlap.Agenda.Shifts; an attendee on a day off for an occurrence
//     is not held to it): the move with the least focus cost, whatever
//     that cost.
//   - rotate: the same, when no such move exists: the proposal is
//     overlap.Report.Rotate's, with one slot for each of the attendees'
//     zones (two to four); when it finds none, or none away from the
//     series' time of day, the rule is context and the series is kept.
//   - move (focus): a recurring series that such a move would make cost
//     at least Policy.FocusBlock a month less focus time.
//   - shorten: a recurring series that costs at least
//     Policy.FocusCostLimit of focus time a month, with no such move.
//   - keep: none of the above (one-off meetings other than to inform are
//     kept: they are over once held).
//
// The monthly figures are the window's, read for a month (Audit.PerMonth):
// a window of four weeks or more shows a series' rhythm best. The result
// does not depend on the order of meetings or of the report's people:
// series are read in time order, ties broken by IDs.
func (p Policy) Audit(ctx context.Context, r *overlap.Report, meetings []Occurrence, purposes map[string]Purpose) (Audit, error) {
	fail := func(err error) (Audit, error) { return Audit{}, fmt.Errorf("policy.Policy.Audit: %w", err) }
	if err := p.Validate(); err != nil {
		return fail(err)
	}
	p = p.withDefaults()
	for _, k := range slices.Sorted(maps.Keys(purposes)) {
		if v := purposes[k]; !v.valid() {
			return fail(fmt.Errorf("%w: purposes[%s]: %w %d", ErrInvalid, icalvalue.Quote(k), ErrUnknownPurpose, int(v)))
		}
	}
	window := r.Window()
	var ms []Occurrence
	for _, m := range meetings {
		if m.Interval.Overlaps(window) {
			ms = append(ms, m)
		}
	}
	slices.SortFunc(ms, compareOccurrences)
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		if seen[m.ID] {
			// Each copy would cost nothing: removing it leaves the other.
			return fail(fmt.Errorf("%w: occurrence %s is given twice", ErrInvalid, icalvalue.Quote(m.ID)))
		}
		seen[m.ID] = true
	}
	plain := make([]overlap.Meeting, len(ms))
	for k, m := range ms {
		plain[k] = m.Meeting
	}
	agenda, err := r.Agenda(plain)
	if err != nil {
		return fail(err)
	}
	costs, err := agenda.Costs(ctx, p.FocusBlock)
	if err != nil {
		return fail(err)
	}
	load, err := agenda.Load(ctx, p.FocusBlock)
	if err != nil {
		return fail(err)
	}
	a := Audit{Window: window, Months: float64(window.Duration()) / float64(Month), Load: load}
	// The series, in the order of their first occurrence.
	index := map[string]int{}
	var groups [][]int
	for k, m := range ms {
		key := m.Series
		if key == "" {
			key = m.ID
		}
		g, ok := index[key]
		if !ok {
			g = len(groups)
			index[key] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], k)
	}
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		s, err := p.auditSeries(ctx, r, agenda, &a, ms, costs, g, purposes)
		if err != nil {
			return fail(err)
		}
		a.PersonTime += s.PersonTime
		a.Series = append(a.Series, s)
	}
	slices.SortStableFunc(a.Series, func(x, y SeriesAudit) int {
		return cmp.Or(cmp.Compare(y.PersonTime, x.PersonTime), cmp.Compare(x.Series, y.Series))
	})
	return a, nil
}

// compareOccurrences orders occurrences by time, then by what they are.
func compareOccurrences(a, b Occurrence) int {
	return cmp.Or(a.Interval.Start.Compare(b.Interval.Start), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Series, b.Series),
		cmp.Compare(a.Title, b.Title), a.Interval.End.Compare(b.Interval.End), slices.Compare(a.Attendees, b.Attendees),
		compareBool(a.Recurring, b.Recurring))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// auditSeries weighs the series of the occurrences ms[g...].
func (p Policy) auditSeries(ctx context.Context, r *overlap.Report, agenda *overlap.Agenda, a *Audit, ms []Occurrence, costs []overlap.MeetingCost,
	g []int, purposes map[string]Purpose) (SeriesAudit, error) {
	first := ms[g[0]]
	s := SeriesAudit{Series: first.Series, Title: first.Title, Occurrences: len(g)}
	if s.Series == "" {
		s.Series = first.ID
	}
	after := map[string]*AfterHours{}
	var lengths []time.Duration
	var inside []int // the occurrences wholly inside the window, which a move moves
	for _, k := range g {
		m, c := ms[k], costs[k]
		s.Recurring = s.Recurring || m.Recurring
		lengths = append(lengths, m.Interval.Duration())
		s.PersonTime += c.Time * time.Duration(len(m.Attendees))
		s.FocusCost += c.FocusCost
		for j, id := range m.Attendees {
			if !slices.Contains(s.Attendees, id) {
				s.Attendees = append(s.Attendees, id)
			}
			ah := after[id]
			if ah == nil {
				ah = &AfterHours{ID: id}
				after[id] = ah
			}
			ah.Attended++
			if c.AfterHours[j] > 0 {
				ah.Occurrences++
				ah.Time += c.AfterHours[j]
			}
		}
		if !m.Interval.Start.Before(a.Window.Start) && !m.Interval.End.After(a.Window.End) && !m.Interval.IsEmpty() {
			inside = append(inside, k)
		}
	}
	slices.Sort(s.Attendees)
	slices.Sort(lengths)
	s.Length = lengths[(len(lengths)-1)/2]
	for _, id := range s.Attendees {
		if z, err := r.Zone(id); err == nil && !slices.Contains(s.Zones, z.String()) {
			s.Zones = append(s.Zones, z.String())
		}
		ah := after[id]
		if ah.Time > 0 {
			s.AfterHours = append(s.AfterHours, *ah)
		}
		if ah.Attended > 0 {
			s.Concentration = max(s.Concentration, float64(ah.Occurrences)/float64(len(g)))
		}
	}
	slices.Sort(s.Zones)
	slices.SortStableFunc(s.AfterHours, func(x, y AfterHours) int { return cmp.Compare(y.Time, x.Time) })

	// What the series is for.
	var why Reason
	if v, ok := purposes[s.Series]; ok {
		s.Purpose, why = v, Reason{Code: CodePurposeGiven, Text: fmt.Sprintf("its purpose is %s, as given", v), Source: srcGiven}
	} else if v, ok := purposes[s.Title]; ok {
		s.Purpose, why = v, Reason{Code: CodePurposeGiven, Text: fmt.Sprintf("its purpose is %s, as given for %q", v, s.Title), Source: srcGiven}
	} else if v, signal := GuessPurpose(s.Title, len(s.Attendees), p.MaxSyncGroup); v != 0 {
		s.Purpose, s.Guessed = v, true
		why = Reason{Code: CodePurposeGuessed, Text: fmt.Sprintf("its purpose is guessed to be %s, from %s", v, signal), Source: srcSignals}
	} else {
		why = Reason{Code: CodePurposeUnknown, Text: fmt.Sprintf("its purpose is unknown (%s); no purpose rule applies", signal), Source: srcSignals}
	}
	why.Role = RoleContext
	perMonth := a.PerMonth
	var fired []Reason // the rules that apply, in order, with their verdicts
	var verdicts []Verdict
	fire := func(v Verdict, code, source, format string, args ...any) {
		fired = append(fired, Reason{Code: code, Text: fmt.Sprintf(format, args...), Source: source})
		verdicts = append(verdicts, v)
	}
	n := len(s.Attendees)
	if s.Purpose == Inform {
		cost := hoursText(perMonth(s.PersonTime)) + " a month"
		if !s.Recurring {
			cost = hoursText(s.PersonTime)
		}
		fire(VerdictMakeAsync, CodeInformAsync, srcHBR, "a meeting to inform %d %s, %s of people's time: a written update reaches them in their own hours",
			n, pluralWord(n, "person", "people"), cost)
	}
	// One move serves both the after-hours rule and the focus rule: the
	// best time of day every attendee could book.
	var best *shift
	worst, concentrated := s.mostAfterHours(len(g), func(d time.Duration) bool { return perMonth(d) >= p.AfterHoursLimit })
	concentrated = concentrated && s.Recurring
	focusy := perMonth(s.FocusCost) >= min(p.FocusBlock, p.FocusCostLimit)
	if s.Recurring && (concentrated || focusy) {
		var err error
		if best, err = p.bestMove(ctx, agenda, ms, costs, inside); err != nil {
			return s, err
		}
	}
	var rotation *overlap.Rotation
	var move *Move
	if concentrated {
		text := fmt.Sprintf("%s is outside working hours in %d of its %d occurrences, %s a month (from %s)",
			worst.ID, worst.Occurrences, len(g), hoursText(perMonth(worst.Time)), hoursText(p.AfterHoursLimit))
		switch {
		case best != nil:
			move = &best.Move
			fire(VerdictMove, CodeAfterHoursMovable, srcFairShare, "%s; moved %s it is in time every attendee could book, at %s of focus time a month",
				text, offsetText(best.Offset), hoursText(perMonth(s.FocusCost-best.saved)))
		case len(verdicts) > 0:
			// The rotation would be overridden: spare its search.
			fire(VerdictRotate, CodeAfterHoursSameOne, srcFairShare, "%s, and no time of day fits every attendee: a rotation would share it", text)
		default:
			rot, err := p.rotationFor(ctx, r, s, ms[g[0]].Interval.Start)
			if err != nil {
				return s, err
			}
			if rot != nil {
				rotation = rot
				share := "shares it"
				if !rot.FairShare {
					share = "spreads it, though none keeps everyone to half of the times at an inconvenient hour"
				}
				fire(VerdictRotate, CodeAfterHoursSameOne, srcFairShare, "%s, and no time of day fits every attendee: a rotation of %d times %s (largest burden %s)",
					text, len(rot.Slots), share, hoursText(rot.Max))
			} else {
				fired = append(fired, Reason{Code: CodeAfterHoursSameOne, Source: srcFairShare, Role: RoleContext,
					Text: text + ", and neither a time of day that fits every attendee nor a rotation away from its time was found"})
				verdicts = append(verdicts, "")
			}
		}
	}
	if s.Recurring && focusy {
		switch {
		case best != nil && perMonth(best.saved) >= p.FocusBlock:
			if move == nil {
				move = &best.Move
			}
			fire(VerdictMove, CodeFocusMovable, srcFocusTime, "it costs %s of focus time a month; moved %s it would cost %s, %s less (from %s, a focus block)",
				hoursText(perMonth(s.FocusCost)), offsetText(best.Offset), hoursText(perMonth(s.FocusCost-best.saved)), hoursText(perMonth(best.saved)), hoursText(p.FocusBlock))
		case perMonth(s.FocusCost) >= p.FocusCostLimit:
			fire(VerdictShorten, CodeFocusCostly, srcFocusTime, "it costs %s of focus time a month (from %s) and no other time of day wins back a focus block (%s): shorten it or meet less often",
				hoursText(perMonth(s.FocusCost)), hoursText(p.FocusCostLimit), hoursText(p.FocusBlock))
		}
	}
	if !s.Recurring && s.Purpose != Inform {
		fire(VerdictKeep, CodeOneOff, srcKeep, "a one-off meeting: over once held")
	}
	if !slices.ContainsFunc(verdicts, func(v Verdict) bool { return v != "" }) {
		change := "no rule asks for a change"
		if len(verdicts) > 0 {
			change = "no change found helps: no time of day fits every attendee, and no rotation moves it off its time"
		}
		fire(VerdictKeep, CodeKeep, srcKeep, "%s a month of people's time, %s of focus time, %s outside working hours: %s",
			hoursText(perMonth(s.PersonTime)), hoursText(perMonth(s.FocusCost)), hoursText(perMonth(sumAfter(s.AfterHours))), change)
	}
	for i, rs := range fired {
		switch {
		case verdicts[i] == "":
		case s.Verdict == "":
			s.Verdict, fired[i].Role = verdicts[i], RoleDecisive
		default:
			fired[i].Role = RoleOverridden
			fired[i].Text = rs.Text + fmt.Sprintf(" (%s comes first)", s.Verdict)
		}
	}
	s.Reasons = append(fired, why)
	switch s.Verdict {
	case VerdictRotate:
		s.Rotation = rotation
	case VerdictMove:
		s.Move = move
	}
	return s, nil
}

// mostAfterHours returns, of the attendees outside working hours in more
// than half of the n occurrences (the rotation's fair-share rule) for a
// time that counts, the one with the most such time (then the most
// occurrences, then the first by ID), and whether there is one.
func (s *SeriesAudit) mostAfterHours(n int, counts func(time.Duration) bool) (AfterHours, bool) {
	var worst AfterHours
	found := false
	for _, a := range s.AfterHours {
		if 2*a.Occurrences <= n || !counts(a.Time) {
			continue
		}
		if !found || a.Time > worst.Time || a.Time == worst.Time && (a.Occurrences > worst.Occurrences || a.Occurrences == worst.Occurrences && a.ID < worst.ID) {
			worst, found = a, true
		}
	}
	return worst, found
}

func sumAfter(ah []AfterHours) time.Duration {
	var t time.Duration
	for _, a := range ah {
		t += a.Time
	}
	return t
}

// rotationFor proposes a rotation of the series' time: one slot for each
// of its attendees' zones (two to four), over the report's window,
// starting on MinSlot steps. Nil when there is none, or when every slot
// is at the time of day (UTC) of at, the series' first occurrence: that
// rotation would change nothing.
func (p Policy) rotationFor(ctx context.Context, r *overlap.Report, s SeriesAudit, at time.Time) (*overlap.Rotation, error) {
	n := min(max(len(s.Zones), 2), 4)
	rot, err := r.Rotate(ctx, overlap.Request{Duration: s.Length, Required: s.Attendees, Step: p.MinSlot}, n)
	var none *overlap.NoSlotError
	switch {
	case errors.As(err, &none):
		return nil, nil
	case err != nil:
		return nil, err
	}
	clock := func(t time.Time) time.Duration { return t.UTC().Sub(t.UTC().Truncate(24 * time.Hour)) }
	if !slices.ContainsFunc(rot.Slots, func(sl overlap.Suggestion) bool { return clock(sl.Interval.Start) != clock(at) }) {
		return nil, nil
	}
	return &rot, nil
}

// A shift is a move with what it saves.
type shift struct {
	Move
	saved time.Duration
}

// bestMove returns the move of the occurrences inside (indices of
// meetings, the agenda's) that every attendee could book with the least focus cost,
// and what it saves (negative when it costs more), or nil when none
// fits: the smallest offset first among equals, earlier first.
func (p Policy) bestMove(ctx context.Context, agenda *overlap.Agenda, meetings []Occurrence, costs []overlap.MeetingCost, inside []int) (*shift, error) {
	if len(inside) == 0 {
		return nil, nil
	}
	var offsets []time.Duration
	for d := p.MinSlot; d <= 12*time.Hour; d += p.MinSlot {
		offsets = append(offsets, -d, d)
	}
	shifts, err := agenda.Shifts(ctx, inside, offsets, p.FocusBlock)
	if err != nil {
		return nil, err
	}
	var now time.Duration
	for _, k := range inside {
		now += costs[k].FocusCost
	}
	var best *shift
	for _, sh := range shifts {
		if !sh.Fits {
			continue
		}
		if best == nil || sh.FocusCost < best.FocusCost {
			iv := meetings[inside[0]].Interval
			best = &shift{Move{Offset: sh.Offset, FocusCost: sh.FocusCost, First: calendar.Interval{Start: iv.Start.Add(sh.Offset), End: iv.End.Add(sh.Offset)}}, now - sh.FocusCost}
		}
	}
	return best, nil
}

// The purpose signals: words of a title, in the order they are tried, and
// the purpose each stands for. A word matches whole (not inside another
// word), without regard to letter case.
var purposeWords = []struct {
	purpose Purpose
	words   []string
}{
	{Connect, []string{"1:1", "1-1", "1on1", "one-on-one", "one on one", "coffee", "kickoff", "kick-off", "intro", "introduction", "social", "welcome", "onboarding", "catch up", "catch-up", "team building"}},
	{GatherInput, []string{"review", "retro", "retrospective", "feedback", "critique", "postmortem", "post-mortem", "interview"}},
	{Inform, []string{"standup", "stand-up", "stand up", "daily scrum", "status", "update", "updates", "sync", "all-hands", "all hands", "town hall", "townhall", "announcement", "demo", "briefing", "report", "newsletter"}},
	{Decide, []string{"decision", "decide", "approval", "sign-off", "signoff", "go/no-go", "planning"}},
	{Ideate, []string{"brainstorm", "brainstorming", "workshop", "ideation", "design sprint", "hackathon"}},
	{Incident, []string{"incident", "outage", "war room", "escalation"}},
}

// GuessPurpose guesses what a meeting series is for from its title and
// its number of attendees, and says from what: the title word of the
// signal table that comes first in the title (1:1, coffee, kickoff:
// connect; review, retro, feedback: gather input; standup, status,
// update, sync, all-hands, demo: inform; decision, approval, planning:
// decide; brainstorm, workshop: ideate; incident, outage: incident), the
// longer word where two start together; failing that, two attendees are
// a 1:1 (connect) and more than maxGroup (the rule of 7:
// Policy.MaxSyncGroup) an audience of listeners (inform). Otherwise it
// returns 0, and the signal says so.
func GuessPurpose(title string, attendees, maxGroup int) (Purpose, string) {
	t := strings.ToLower(title)
	at, word := -1, ""
	var purpose Purpose
	for _, pw := range purposeWords {
		for _, w := range pw.words {
			i := wordIndex(t, w)
			if i >= 0 && (at < 0 || i < at || i == at && len(w) > len(word)) {
				at, word, purpose = i, w, pw.purpose
			}
		}
	}
	if at >= 0 {
		return purpose, fmt.Sprintf("the title word %q", word)
	}
	switch {
	case attendees == 2:
		return Connect, "its two attendees (a 1:1)"
	case attendees > maxGroup:
		return Inform, fmt.Sprintf("its %d attendees, more than %d: mostly listeners", attendees, maxGroup)
	}
	return 0, fmt.Sprintf("no title word and %d attendees", attendees)
}

// wordIndex returns where text first has w at word boundaries (neither
// letter nor digit just before or after it), or -1.
func wordIndex(text, w string) int {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(w):])
		if (i == 0 || !isWord(before)) && (i+len(w) == len(text) || !isWord(after)) {
			return i
		}
		from = i + 1
	}
	return -1
}

// hoursText writes d for people: "2h", "1h30m", "45m", "0m".
func hoursText(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// offsetText writes a move's offset: "2h later", "30m earlier".
func offsetText(d time.Duration) string {
	if d < 0 {
		return hoursText(-d) + " earlier"
	}
	return hoursText(d) + " later"
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
