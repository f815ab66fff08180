package policy

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
)

// A Reason is one rule that fired for a decision: a stable code, a
// sentence for people with the figures it used, where the rule comes
// from, and its part in the decision (Role).
type Reason struct {
	Code   string `json:"code"`
	Text   string `json:"text"`
	Source string `json:"source"`
	Role   Role   `json:"role"`
}

// A Role is a reason's part in a decision.
type Role string

// The roles. Exactly one reason of a decision is decisive; a reason that
// argued for another mode is never left out, but marked overridden, and
// its text says what overrode it.
const (
	RoleDecisive   Role = "decisive"   // the rule the mode and format follow
	RoleAgrees     Role = "agrees"     // another rule asking for the same mode
	RoleOverridden Role = "overridden" // a rule that asked for another mode
	RoleContext    Role = "context"    // what the overlap adds or caps
)

// UnmarshalText reads a role, refusing an unknown one.
func (r *Role) UnmarshalText(b []byte) error {
	switch v := Role(b); v {
	case RoleDecisive, RoleAgrees, RoleOverridden, RoleContext:
		*r = v
		return nil
	}
	return fmt.Errorf("policy.Role.UnmarshalText: %w: role %q is not decisive, agrees, overridden or context", ErrInvalid, b)
}

// A Decision is how to handle a topic, and why.
type Decision struct {
	Mode Mode
	// Format says in a few words what to do: "written proposal with a
	// 2-day comment window", "30-minute call, then written summary".
	Format string
	// Reasons are every rule that fired: those that asked for Mode, in
	// the order they apply (for async, async-default first; one of them
	// decisive, the others agreeing), then those that asked for another
	// mode (overridden, each saying by what), then those about the
	// group's overlap. There is at least one, and exactly one is
	// decisive.
	Reasons []Reason
	// Warnings are what people should know or fix: who is outside working
	// hours, who must shift, a deadline that is too close.
	Warnings []string
	// Facts are the figures the rules read.
	Facts Facts
	// Slot is when to meet, when Mode has a meeting (Sync or Hybrid) and
	// a time is known: the first MinSlot of the next common window (the
	// first one before the deadline; after a written part, the first one
	// at least Lead away), or now for an urgent incident. It is nil
	// otherwise.
	Slot *calendar.Interval
	// Lead is the time a written part that comes before the meeting (a
	// memo, a pre-read, written ideas) has to be read: a round trip from
	// now (Facts.RoundTrip) when a common window comes that far ahead
	// before the deadline; failing that, the time to the last window
	// before the deadline, with a warning that it is short. The meeting
	// never starts sooner than Facts.Now plus Lead. Zero when nothing
	// written comes first.
	Lead time.Duration
	// Expected is when the plan is expected to be done: for a decision in
	// writing, Now plus the round trips it takes (Policy.ExpectedExchanges
	// to gather input, one otherwise: the first from now, the others the
	// team's typical one, each at least Policy.ReplyDelay); with a
	// meeting, the meeting's end.
	// An expected time after the deadline always comes with a warning
	// that names both. The zero time when no meeting time is known.
	Expected time.Time
}

// The reason codes. Each rule's text and source are in doc.go and in the
// Reason that cites it.
const (
	CodeAsyncDefault        = "async-default"
	CodeInform              = "inform"
	CodeGatherInput         = "gather-input"
	CodeGatherInputDeadline = "gather-input-deadline"
	CodeDecideReversible    = "decide-reversible"
	CodeDecideIrreversible  = "decide-irreversible"
	CodeSensitive           = "sensitive"
	CodeConflict            = "conflict"
	CodeConnect             = "connect"
	CodeFirstCollaboration  = "first-collaboration"
	CodeIdeate              = "ideate"
	CodeAmbiguity           = "ambiguity"
	CodeGroupTooLarge       = "group-too-large"
	CodeLongThread          = "long-thread"
	CodeIncidentUrgent      = "incident-urgent"
	CodeIncidentCanWait     = "incident-can-wait"
	CodeOverlapComfortable  = "overlap-comfortable"
	CodeOverlapScarce       = "overlap-scarce"
	CodeNoWindow            = "no-window"
	CodeNoWindowKept        = "no-window-kept"
	CodeSensitiveMedium     = "sensitive-medium"
	CodeAmbiguityMedium     = "ambiguity-medium"
	CodeTooManyDeciders     = "too-many-deciders"
	CodeOverlapShort        = "overlap-short"
	CodeWideSpread          = "wide-spread"
	CodeRecurring           = "recurring"
)

// The sources the reasons cite.
const (
	srcFocus = `Mark, Gonzalez & Harris, "No Task Left Behind? Examining the Nature of Fragmented Work", CHI 2005 ` +
		`(about 11 minutes between interruptions)`
	srcAsyncFirst = `GitLab Handbook, "Asynchronous communication"; Doist, async-first communication; ` +
		`Basecamp (37signals), "Remote" and "Shape Up"; Dropbox, Virtual First Toolkit (async by default)`
	srcGitLab     = `GitLab Handbook, "Asynchronous communication"`
	srcHBR        = `GitLab Handbook, "Asynchronous communication"; E. G. Saunders, "Do You Really Need to Hold That Meeting?", Harvard Business Review, 2015`
	srcBezos      = `J. Bezos, 2015 letter to Amazon shareholders (Type 1 and Type 2 decisions: one-way and two-way doors)`
	srcSensitive  = `GitLab Handbook, "Asynchronous communication" (when to go synchronous); Doist; Dropbox, Virtual First Toolkit; Slack, async work guidance`
	srcConnect    = `GitLab Handbook, "Informal communication in an all-remote environment" (coffee chats); Doist, async-first communication`
	srcIdeate     = `GitLab Handbook, "Asynchronous communication" (when to go synchronous); Doist, async-first communication`
	srcBain       = `Blenko, Mankins & Rogers, "Decide & Deliver", Bain & Company, 2010 (the rule of 7)`
	srcLongThread = `GitLab Handbook, "Communication" (move a thread to a call after about three back-and-forths, then write it down)`
	srcIncident   = `Beyer et al., "Site Reliability Engineering", O'Reilly 2016, ch. 14 "Managing Incidents"; GitLab Handbook, "Incident Management"`
	srcOverlap    = `37signals, "Remote: Office Not Required", 2013 (about four hours of overlap); Dropbox, Virtual First Toolkit (core collaboration hours)`
	srcNoWindow   = `tzplan: a meeting needs a common window before the deadline; overlap.Report.Rotate shares the burden of meeting outside hours`
)

// A proposal is what one rule asks for. A hard proposal (sensitivity, a
// conflict, an urgent incident) keeps its meeting when overlap is lacking;
// a soft one gives way.
type proposal struct {
	mode   Mode
	hard   bool
	reason Reason
}

// check reports whether t and f are fit for Decide: p, t (Topic.Validate)
// and f must be valid, f must be about exactly t's participants (an ID in
// one but not the other wraps ErrUnknownParticipant), and t's deadline,
// when set, must not be before f.Now (ErrDeadlinePassed).
func (p Policy) check(t Topic, f Facts) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	fail := func(err error, format string, args ...any) error {
		return fmt.Errorf("%w: %s", err, fmt.Sprintf(format, args...))
	}
	if f.Now.IsZero() {
		return fail(ErrInvalid, "facts: Now is not set")
	}
	for _, id := range t.Participants {
		if !slices.Contains(f.Participants, id) {
			return fail(ErrUnknownParticipant, "participant %q is not in the facts", id)
		}
	}
	for _, id := range f.Participants {
		if !slices.Contains(t.Participants, id) {
			return fail(ErrUnknownParticipant, "the facts' participant %q is not in the topic", id)
		}
	}
	if len(f.Participants) != len(t.Participants) {
		return fail(ErrInvalid, "facts: a participant is listed twice")
	}
	for _, ids := range [][]string{f.MustShift, f.OffHoursNow} {
		for _, id := range ids {
			if !slices.Contains(f.Participants, id) {
				return fail(ErrUnknownParticipant, "facts name %q, who is not a participant", id)
			}
		}
	}
	switch {
	case f.CommonPerDay < 0 || f.Common < 0 || f.RoundTrip < 0 || f.TypicalRoundTrip < 0 || f.OffsetSpread < 0 || f.Zones < 0:
		return fail(ErrInvalid, "facts: a negative figure")
	case !t.NeedBy.IsZero() && t.NeedBy.Before(f.Now):
		return fail(ErrDeadlinePassed, "need by %s, now is %s", t.NeedBy.UTC().Format(time.RFC3339), f.Now.UTC().Format(time.RFC3339))
	}
	for i, w := range f.Windows {
		if w.IsEmpty() || i > 0 && w.Start.Before(f.Windows[i-1].End) {
			return fail(ErrInvalid, "facts: windows are not non-empty and in order")
		}
	}
	return nil
}

// Decide returns how to handle t given the facts f about its
// participants: the mode, a format, the reasons with their sources, and
// warnings. The rules (listed in the package documentation) are
// deterministic: the same input gives the same decision.
//
// Decide never guesses on invalid input: it is an error when p or t is
// invalid (Policy.Validate, Topic.Validate), when f is not about exactly
// t's participants (wrapping ErrUnknownParticipant), when f is not
// whole (no Now, a negative figure, windows out of order, wrapping
// ErrInvalid), or when t's deadline is before f.Now (ErrDeadlinePassed).
func (p Policy) Decide(t Topic, f Facts) (Decision, error) {
	if err := p.check(t, f); err != nil {
		return Decision{}, fmt.Errorf("policy.Policy.Decide: %w", err)
	}
	p = p.withDefaults()
	d := decider{p: p, t: t, f: f}
	return d.decide(), nil
}

// decider holds one decision in the making.
type decider struct {
	p     Policy
	t     Topic
	f     Facts
	props []proposal
	warn  []string
}

func (d *decider) propose(m Mode, hard bool, code, source, format string, args ...any) {
	d.props = append(d.props, proposal{m, hard, Reason{Code: code, Text: fmt.Sprintf(format, args...), Source: source}})
}

func (d *decider) warnf(format string, args ...any) {
	d.warn = append(d.warn, fmt.Sprintf(format, args...))
}

// after reports whether the topic has a deadline and at is after it.
func (d *decider) after(at time.Time) bool {
	return !d.t.NeedBy.IsZero() && at.After(d.t.NeedBy)
}

func (d *decider) decide() Decision {
	p, t, f := d.p, d.t, d.f
	n := len(t.Participants)
	rt := f.roundTrip()       // the team's: for the mode and the wording
	rtNow := f.roundTripNow() // from now: for instants

	// The purpose.
	switch t.Purpose {
	case Inform:
		d.propose(Async, false, CodeInform, srcHBR, "The topic is to inform: a written update reaches everyone in their own time.")
	case GatherInput:
		est := time.Duration(p.ExpectedExchanges) * rt
		d.propose(Async, false, CodeGatherInput, srcGitLab,
			"The topic gathers input: written requests collect it without a meeting (about %d round trips of %s).", p.ExpectedExchanges, jsontext.FormatDuration(rt))
		if w, ok := f.NextWindow(); ok && d.after(f.Now.Add(est)) && w.Start.Add(p.MinSlot).Before(f.Now.Add(est)) {
			d.propose(Sync, false, CodeGatherInputDeadline, srcGitLab,
				"Gathering input in writing takes about %s (%d x a %s round trip), past the deadline %s, while the next common window (%s) comes sooner.",
				jsontext.FormatDuration(est), p.ExpectedExchanges, jsontext.FormatDuration(rt), stamp(t.NeedBy), stamp(w.Start))
		}
	case Decide:
		if t.Reversible {
			d.propose(Async, false, CodeDecideReversible, srcBezos,
				"The decision is reversible (a two-way door): an owner decides in writing after a comment window of at least one round trip (%s).", jsontext.FormatDuration(rt))
			switch len(t.DecisionMakers) {
			case 0:
				d.warnf("No decision-maker is named: name one owner.")
			case 1:
			default:
				d.warnf("%d decision-makers are named: name one owner.", len(t.DecisionMakers))
			}
		} else {
			d.propose(Hybrid, false, CodeDecideIrreversible, srcBezos,
				"The decision is hard to reverse (a one-way door): a written memo goes out at least one round trip (%s) ahead, then a short meeting in the overlap decides.", jsontext.FormatDuration(rt))
			if !t.WrittenProposal {
				d.warnf("There is no written proposal yet: write the memo first.")
			}
		}
	case Ideate:
		d.ideate(CodeIdeate, "The topic is to ideate")
	case Resolve:
		d.propose(Sync, true, CodeConflict, srcSensitive, "The topic is a conflict to resolve: that needs voices and faces, not a thread.")
	case Connect:
		d.propose(Sync, false, CodeConnect, srcConnect, "The topic is to connect: rapport is built face to face, in a short call; the work then goes on in writing.")
	case Incident:
		// An incident is about now: the round trip from now.
		if d.after(f.Now.Add(rtNow)) {
			d.propose(Sync, true, CodeIncidentUrgent, srcIncident,
				"The incident must be handled by %s, sooner than a round trip from now (%s): meet now.", stamp(t.NeedBy), jsontext.FormatDuration(rtNow))
			if len(f.OffHoursNow) > 0 {
				d.warnf("Outside working hours now: %s.", strings.Join(f.OffHoursNow, ", "))
			}
		} else {
			d.propose(Async, false, CodeIncidentCanWait, srcIncident,
				"The incident can wait a round trip from now (%s): handle it in a written incident channel.", jsontext.FormatDuration(rtNow))
		}
	}

	// What holds whatever the purpose.
	if t.Sensitivity == High {
		d.propose(Sync, true, CodeSensitive, srcSensitive, "The topic is highly sensitive: written words lose tone and travel; talk it through.")
	}
	if t.Sensitivity == Medium {
		d.propose(Hybrid, false, CodeSensitiveMedium, srcSensitive, "The topic is somewhat sensitive: write it with care, then give people a short call to ask and react.")
	}
	if t.Ambiguity == High && t.Purpose != Ideate {
		d.ideate(CodeAmbiguity, "The topic is highly ambiguous")
	}
	if t.Ambiguity == Medium && t.Purpose != Ideate {
		d.propose(Hybrid, false, CodeAmbiguityMedium, srcIdeate, "The topic is somewhat open: frame it in writing first, then settle the open points in a short call.")
	}
	if t.FirstCollaboration && t.Purpose != Connect {
		d.propose(Hybrid, false, CodeFirstCollaboration, srcConnect, "These people have not worked together before: a short kickoff call first, then the work goes on in writing.")
	}
	if t.Exchanges > p.MaxExchanges {
		d.propose(Sync, false, CodeLongThread, srcLongThread,
			"The thread has had %d exchanges, more than %d: a short call settles it, and a written summary records it.", t.Exchanges, p.MaxExchanges)
	}

	// The overlap caps the soft proposals.
	softCap, hardMode := Sync, Async
	var overlapReasons []Reason
	scarce := f.CommonPerDay < p.MinSlot
	if scarce {
		softCap = Hybrid
		overlapReasons = append(overlapReasons, Reason{Code: CodeOverlapScarce, Role: RoleContext, Text: fmt.Sprintf("The group is free together %s a day, under the %s minimum slot: prefer writing, and meet only with a written part.", jsontext.FormatDuration(f.CommonPerDay), jsontext.FormatDuration(p.MinSlot)),
			Source: srcOverlap})
	}
	// What a proposal comes to once the overlap has capped the soft
	// ones (softCap as it stands when asked).
	effective := func(pr proposal) Mode {
		if pr.hard {
			return pr.mode
		}
		return minMode(pr.mode, softCap)
	}
	softMode := Async
	for _, pr := range d.props {
		if pr.hard {
			hardMode = maxMode(hardMode, pr.mode)
		} else {
			softMode = maxMode(softMode, effective(pr))
		}
	}
	win, winOK := d.windowBeforeDeadline()
	if !winOK && softMode == Sync && hardMode != Sync {
		softCap, softMode = Hybrid, Hybrid
		overlapReasons = append(overlapReasons, Reason{Code: CodeNoWindow, Role: RoleContext, Text: fmt.Sprintf("There is no common window of %s%s, and nothing here makes a meeting a must: write first, then meet when someone can.", jsontext.FormatDuration(p.MinSlot), d.beforeDeadline()),
			Source: srcNoWindow})
	}
	mode := maxMode(softMode, hardMode)
	urgent := slices.ContainsFunc(d.props, func(pr proposal) bool { return pr.reason.Code == CodeIncidentUrgent })
	if mode == Sync && hardMode == Sync && !winOK && !urgent {
		overlapReasons = append(overlapReasons, Reason{Code: CodeNoWindowKept, Role: RoleContext, Text: fmt.Sprintf("There is no common window of %s%s, but this needs a meeting all the same: someone meets outside their hours, in turn.", jsontext.FormatDuration(p.MinSlot), d.beforeDeadline()),
			Source: srcNoWindow})
	}
	if mode != Async && f.CommonPerDay >= p.MinSlot && f.CommonPerDay < p.ComfortOverlap {
		overlapReasons = append(overlapReasons, Reason{Code: CodeOverlapShort, Role: RoleContext, Text: fmt.Sprintf("The group is free together %s a day, under the comfortable %s: the meeting takes much of the time they share, so keep it to %s and write its outcome down.", jsontext.FormatDuration(f.CommonPerDay), jsontext.FormatDuration(p.ComfortOverlap), jsontext.FormatDuration(p.MinSlot)),
			Source: srcOverlap})
	}
	wide := mode != Async && f.Zones > 1 && f.OffsetSpread > p.ComfortOverlap
	if wide {
		overlapReasons = append(overlapReasons, Reason{Code: CodeWideSpread, Role: RoleContext, Text: fmt.Sprintf("The group spans %d zones, %s of UTC offsets apart, more than the comfortable %s: record the meeting for those at the edge of their day.", f.Zones, jsontext.FormatDuration(f.OffsetSpread), jsontext.FormatDuration(p.ComfortOverlap)),
			Source: srcOverlap})
	}
	deciders := len(t.DecisionMakers)
	if deciders == 0 {
		deciders = n
	}
	manyDeciders := t.Purpose == Decide && deciders > p.MaxSyncGroup
	if manyDeciders {
		overlapReasons = append(overlapReasons, Reason{Code: CodeTooManyDeciders, Role: RoleContext, Text: fmt.Sprintf("%d people decide, more than %d: name at most %d deciders; the others comment in writing.", deciders, p.MaxSyncGroup, p.MaxSyncGroup),
			Source: srcBain})
		d.warnf("%d people decide: name at most %d deciders (each decider past seven costs about 10%% of a group's decision effectiveness); the others comment in writing.", deciders, p.MaxSyncGroup)
	}
	if t.Recurring {
		overlapReasons = append(overlapReasons, Reason{Code: CodeRecurring, Role: RoleContext, Text: "The topic recurs: the decision covers the series; when its time falls outside someone's hours, rotate it (overlap.Report.Rotate).",
			Source: srcNoWindow})
	}
	if mode != Async && f.CommonPerDay >= p.ComfortOverlap {
		overlapReasons = append(overlapReasons, Reason{Code: CodeOverlapComfortable, Role: RoleContext, Text: fmt.Sprintf("The group is free together %s a day, at least %s: a short meeting fits inside everyone's working hours.", jsontext.FormatDuration(f.CommonPerDay), jsontext.FormatDuration(p.ComfortOverlap)),
			Source: srcOverlap})
	}

	// The reasons behind the mode, then those about the overlap.
	var reasons []Reason
	var lead string
	if mode == Async {
		reasons = append(reasons, Reason{Code: CodeAsyncDefault, Text: "Nothing here needs a meeting, so the topic stays in writing: async protects focus, which interruptions break about every 11 minutes.",
			Source: srcFocus + "; " + srcAsyncFirst})
	}
	// Every rule that fired is listed: those that asked for the mode
	// (the first that the overlap lets decide does, the others agree),
	// then those overridden, saying by what.
	for _, pr := range d.props {
		if effective(pr) == mode && lead == "" {
			lead = pr.reason.Code
		}
	}
	for _, pr := range d.props {
		if effective(pr) == mode || pr.mode == mode {
			r := pr.reason
			r.Role = RoleAgrees
			if r.Code == lead {
				r.Role = RoleDecisive
			}
			reasons = append(reasons, r)
		}
	}
	if mode == Async {
		reasons[0].Role = RoleAgrees
		if lead == "" {
			reasons[0].Role = RoleDecisive
		}
	}
	decisive := lead
	if decisive == "" {
		decisive = CodeAsyncDefault
	}
	for _, pr := range d.props {
		m := effective(pr)
		if m != mode && pr.mode != mode {
			r := pr.reason
			r.Role = RoleOverridden
			if m != pr.mode {
				r.Text += fmt.Sprintf(" (Overridden: it asks for %s, the overlap allows %s, and %s decides %s.)", pr.mode, m, decisive, mode)
			} else {
				r.Text += fmt.Sprintf(" (Overridden: it asks for %s; %s decides %s.)", pr.mode, decisive, mode)
			}
			reasons = append(reasons, r)
		}
	}
	for _, r := range overlapReasons {
		if r.Code == CodeOverlapScarce && mode == Sync {
			// It argues for writing: say that the meeting stands.
			r.Role = RoleOverridden
			r.Text += fmt.Sprintf(" (Overridden: %s makes the meeting a must.)", decisive)
		}
		reasons = append(reasons, r)
	}

	dec := Decision{Mode: mode, Reasons: reasons, Facts: f}
	dec.Format, dec.Slot, dec.Lead = d.format(mode, lead, win, winOK, urgent)
	if manyDeciders && mode != Async && !strings.Contains(dec.Format, "at most") {
		dec.Format = strings.Replace(dec.Format, " call", fmt.Sprintf(" call of at most %d deciders", p.MaxSyncGroup), 1)
	}
	if wide {
		dec.Format = recorded(dec.Format)
	}
	if t.Recurring {
		if mode == Async {
			dec.Format = "recurring " + dec.Format
		} else {
			dec.Format = "standing " + dec.Format
		}
	}
	switch {
	case mode == Async:
		// The first round trip from now, the others as the team's; a
		// reply takes at least the reply delay, even with no one to
		// answer.
		rounds := 1
		if lead == CodeGatherInput {
			rounds = p.ExpectedExchanges
		}
		dec.Expected = f.Now.Add(max(rtNow, p.ReplyDelay) + time.Duration(rounds-1)*max(rt, p.ReplyDelay))
		if d.after(dec.Expected) {
			d.warnf("In writing this is expected done by %s (%d round trip%s, the first of %s from now), after the deadline %s: shorten the reply window, meet, or move the deadline.",
				stamp(dec.Expected), rounds, plural(rounds), jsontext.FormatDuration(rtNow), stamp(t.NeedBy))
		}
	case dec.Slot != nil:
		dec.Expected = dec.Slot.End
		if d.after(dec.Expected) {
			d.warnf("The meeting is expected to end %s, after the deadline %s.", stamp(dec.Expected), stamp(t.NeedBy))
		}
	}
	if mode != Async {
		if !winOK && !urgent {
			if len(f.MustShift) > 0 {
				d.warnf("No common window of %s%s: %s must shift hours to meet; rotate who does (overlap.Report.Rotate).", jsontext.FormatDuration(p.MinSlot), d.beforeDeadline(), strings.Join(f.MustShift, ", "))
			} else {
				d.warnf("No common window of %s%s: someone must meet outside their hours; rotate who does (overlap.Report.Rotate).", jsontext.FormatDuration(p.MinSlot), d.beforeDeadline())
			}
		} else if scarce && len(f.MustShift) > 0 {
			d.warnf("Overlap is scarce: %s must shift hours to meet; rotate who does (overlap.Report.Rotate).", strings.Join(f.MustShift, ", "))
		}
		if n > p.MaxSyncGroup && !slices.ContainsFunc(d.props, func(pr proposal) bool { return pr.reason.Code == CodeGroupTooLarge }) {
			d.warnf("%d participants is more than %d for a meeting: invite only those who must be there.", n, p.MaxSyncGroup)
		}
	}
	dec.Warnings = d.warn
	return dec
}

// ideate proposes a meeting for open-ended work: sync for a small group,
// hybrid for a large one.
func (d *decider) ideate(code, what string) {
	n := len(d.t.Participants)
	src := srcIdeate
	if n <= d.p.MaxSyncGroup {
		d.propose(Sync, false, code, src, "%s: open problems move faster in conversation, and %d people can hold one.", what, n)
		return
	}
	d.propose(Hybrid, false, code, src, "%s: open problems move faster in conversation.", what)
	d.propose(Hybrid, false, CodeGroupTooLarge, srcBain,
		"%d participants is more than %d: collect ideas in writing, then meet with a smaller group.", n, d.p.MaxSyncGroup)
}

// windowBeforeDeadline returns the first common window in which a
// MinSlot meeting ends by the deadline.
func (d *decider) windowBeforeDeadline() (calendar.Interval, bool) {
	for _, w := range d.f.Windows {
		if w.Duration() < d.p.MinSlot {
			continue
		}
		if d.after(w.Start.Add(d.p.MinSlot)) {
			break
		}
		return w, true
	}
	return calendar.Interval{}, false
}

func (d *decider) beforeDeadline() string {
	if d.t.NeedBy.IsZero() {
		return " in the horizon"
	}
	return " before the deadline " + stamp(d.t.NeedBy)
}

// format returns the decision's format, slot and lead (see Decision).
func (d *decider) format(mode Mode, lead string, win calendar.Interval, winOK, urgent bool) (string, *calendar.Interval, time.Duration) {
	p, t, f := d.p, d.t, d.f
	meet := minutes(p.MinSlot)
	slotAt := func(at time.Time) *calendar.Interval {
		return &calendar.Interval{Start: at.UTC(), End: at.Add(p.MinSlot).UTC()}
	}
	var slot *calendar.Interval
	if mode != Async {
		if winOK {
			slot = slotAt(win.Start)
		} else if w, ok := f.NextWindow(); ok {
			slot = slotAt(w.Start)
		}
	}
	comment := max(f.roundTrip(), p.ReplyDelay)
	switch {
	case mode == Async && lead == CodeInform:
		return "written update; no meeting", nil, 0
	case mode == Async && lead == CodeGatherInput:
		return fmt.Sprintf("written request for input with %s reply window", article(adjective(time.Duration(p.ExpectedExchanges)*comment))), nil, 0
	case mode == Async && lead == CodeDecideReversible:
		owner := "a named owner"
		if len(t.DecisionMakers) == 1 {
			owner = "owner " + t.DecisionMakers[0]
		}
		return fmt.Sprintf("written proposal with %s and %s comment window", owner, article(adjective(comment))), nil, 0
	case mode == Async && lead == CodeIncidentCanWait:
		return "written incident channel with regular updates; no call", nil, 0
	case mode == Async:
		return "in writing; no meeting", nil, 0
	case urgent:
		return "call now, then written incident summary", slotAt(f.Now), 0
	case lead == CodeConnect || lead == CodeFirstCollaboration:
		return fmt.Sprintf("%s kickoff call, then async", meet), slot, 0
	case mode == Hybrid || lead == CodeDecideIrreversible:
		// Something written comes first: the meeting waits a round trip
		// for it to be read.
		written := "written pre-read"
		switch {
		case lead == CodeDecideIrreversible:
			written = "written memo"
		case slices.ContainsFunc(d.props, func(pr proposal) bool { return pr.reason.Code == CodeGroupTooLarge }):
			written = "written ideas"
		}
		call := fmt.Sprintf("a %s call", meet)
		if written == "written ideas" {
			call = fmt.Sprintf("a %s call with at most %d people", meet, p.MaxSyncGroup)
		}
		// The written part is read from now on: the round trip from now.
		rt := f.roundTripNow()
		ahead := fmt.Sprintf("%s at least %s ahead, then %s", written, noun(rt), call)
		if rt == 0 {
			// No one to wait for (a group of one).
			ahead = fmt.Sprintf("%s, then %s", written, call)
		}
		if s, ok := d.slotFrom(f.Now.Add(rt), true); ok {
			return ahead, slotAt(s), rt
		}
		if s, ok := d.lastSlot(); ok {
			// No window a round trip away before the deadline: the
			// written part gets what time there is, and says so.
			short := s.Sub(f.Now)
			d.warnf("No common window of %s comes a round trip (%s) from now%s: the %s gets only %s before the meeting at %s, and some may not have read it by then.",
				jsontext.FormatDuration(p.MinSlot), jsontext.FormatDuration(rt), d.beforeDeadline(), strings.TrimPrefix(written, "written "), jsontext.FormatDuration(short), stamp(s))
			if short == 0 {
				return fmt.Sprintf("%s now, with no time to read it before %s", written, call), slotAt(s), short
			}
			return fmt.Sprintf("%s now, only %s ahead of %s", written, jsontext.FormatDuration(short), call), slotAt(s), short
		}
		// No window before the deadline at all (the warnings say who
		// must shift): the first one a round trip away, if any.
		if s, ok := d.slotFrom(f.Now.Add(rt), false); ok {
			return ahead, slotAt(s), rt
		}
		return ahead, nil, rt
	case lead == CodeLongThread:
		return fmt.Sprintf("%s call to settle the thread, then written summary", meet), slot, 0
	default:
		return fmt.Sprintf("%s call, then written summary", meet), slot, 0
	}
}

// slotFrom returns the first start at or after ready at which a MinSlot
// meeting fits in a common window, ending by the deadline when
// byDeadline.
func (d *decider) slotFrom(ready time.Time, byDeadline bool) (time.Time, bool) {
	for _, w := range d.f.Windows {
		start := w.Start
		if start.Before(ready) {
			start = ready
		}
		if w.End.Sub(start) < d.p.MinSlot {
			continue
		}
		if byDeadline && d.after(start.Add(d.p.MinSlot)) {
			break
		}
		return start, true
	}
	return time.Time{}, false
}

// lastSlot returns the latest start from now at which a MinSlot meeting
// fits in a common window and ends by the deadline (in the horizon, with
// no deadline).
func (d *decider) lastSlot() (time.Time, bool) {
	var best time.Time
	found := false
	for _, w := range d.f.Windows {
		end := w.End
		if !d.t.NeedBy.IsZero() && d.t.NeedBy.Before(end) {
			end = d.t.NeedBy
		}
		if start := end.Add(-d.p.MinSlot); !start.Before(w.Start) && !start.Before(d.f.Now) {
			best, found = start, true
		}
	}
	return best, found
}

// recorded marks a format's meeting as recorded: "30-minute call
// (recorded), then written summary".
func recorded(format string) string {
	if strings.Contains(format, "call now") {
		return strings.Replace(format, "call now", "call now (recorded)", 1)
	}
	return strings.Replace(format, " call", " call (recorded)", 1)
}

// plural returns "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func maxMode(a, b Mode) Mode {
	if b.rank() > a.rank() {
		return b
	}
	return a
}

func minMode(a, b Mode) Mode {
	if b.rank() < a.rank() {
		return b
	}
	return a
}

// stamp formats an instant for a reason's text.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// unit returns d rounded up to whole minutes, hours or days: minutes under
// an hour, hours under two days, days from then on.
func unit(d time.Duration) (int, string) {
	switch {
	case d <= time.Hour:
		return max(1, int((d+time.Minute-1)/time.Minute)), "minute"
	case d < 48*time.Hour:
		return int((d + time.Hour - 1) / time.Hour), "hour"
	default:
		return int((d + 24*time.Hour - 1) / (24 * time.Hour)), "day"
	}
}

// adjective formats d as "30-minute", "8-hour", "2-day".
func adjective(d time.Duration) string {
	n, u := unit(d)
	return fmt.Sprintf("%d-%s", n, u)
}

// article puts "a" or "an" before an adjective that starts with a
// number: "an 8-hour", "an 11-hour", "a 2-day".
func article(adj string) string {
	if strings.HasPrefix(adj, "8") || strings.HasPrefix(adj, "11-") || strings.HasPrefix(adj, "18-") {
		return "an " + adj
	}
	return "a " + adj
}

// noun formats d as "30 minutes", "1 hour", "2 days".
func noun(d time.Duration) string {
	n, u := unit(d)
	if n != 1 {
		u += "s"
	}
	return fmt.Sprintf("%d %s", n, u)
}

// minutes formats a meeting length: "30-minute".
func minutes(d time.Duration) string { return adjective(d) }
