package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// tour is the planner without a subcommand: the best time this week, the
// heat map, the best slots for a sample meeting and a verdict for a topic
// (the flags' or a sample), in one screen.
func tour(ctx context.Context, args []string, out *bytes.Buffer, now time.Time, color bool) error {
	c := newCommon(ctx, "", out)
	var (
		title        = c.fs.String("topic", "", "the topic the tour advises on, its `title`, e.g. \"Choose the release date\"; default: a sample")
		purpose      = c.fs.String("purpose", "", "the topic's `purpose`: inform, gather-input, decide, ideate, resolve-conflict, connect or incident, e.g. inform; default: decide")
		participants = c.fs.String("participants", "", "the people taking part in the topic and the sample meeting, their `ids` comma-separated, e.g. ben,priya,sam; default: the first four")
		deadline     = c.fs.String("deadline", "", "when the topic must be settled, a `date` in -zone or an RFC 3339 instant, e.g. 2026-03-13; default: the window's end")
	)
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	// The topic: the flags', else a sample for the first four people.
	ids, err := c.ids("participants", *participants)
	if err != nil {
		return err
	}
	sample := *title == "" && *purpose == "" && len(ids) == 0 && *deadline == ""
	if sample {
		*title = "Choose the release date"
	}
	if len(ids) == 0 {
		ids = c.teamIDs()[:min(4, len(c.team))]
	}
	topic, err := plan.Topic{Title: *title, Purpose: *purpose, Deadline: *deadline, Participants: ids}.Topic(c.team, c.zone)
	if err != nil {
		return flagError(err)
	}
	at := now // the instant the tour advises as of
	if !c.window.Contains(at) {
		at = c.window.Start
	}
	if topic.NeedBy.IsZero() {
		topic.NeedBy = c.window.End
	}
	if err := checkDeadline(topic, *deadline, at, c.zone); err != nil {
		return err
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	zones := map[string]bool{}
	for _, p := range c.team {
		zones[p.Zone.String()] = true
	}
	who := "the demo team"
	if c.rosterFile != "" {
		who = filepath.Base(c.rosterFile)
	}
	fmt.Fprintf(out, "tzplan: %s, %s in %s, %s to %s\n", who, plural(len(c.team), "person", "people"), plural(len(zones), "zone", "zones"),
		c.window.Start.In(c.zone).Format("Mon 2006-01-02 15:04"), c.window.End.In(c.zone).Format("Mon 2006-01-02 15:04 MST"))
	best, err := bestTime(c, r, 30*time.Minute, now)
	if err != nil {
		return err
	}
	writeSummary(out, c, best, 30*time.Minute)
	away, err := awayDays(r, c.team)
	if err != nil {
		return err
	}
	if len(away) > 0 {
		away[0] = "Away: " + away[0]
		wrapItems(out, away, "", 100)
	}
	out.WriteString("\n")
	h, err := newHeatMap(r, c.team, c.zone)
	if err != nil {
		return err
	}
	h.text(out, color)

	// A sample meeting of the topic's people: the first three required,
	// the rest optional.
	req := overlap.Request{Duration: 30 * time.Minute, Step: 30 * time.Minute, Zone: c.zone, Max: 3,
		Required: ids[:min(3, len(ids))], Optional: ids[min(3, len(ids)):]}
	if c.window.Contains(now) {
		req.NotBefore = now // slots in the past help no one
	}
	out.WriteString("\n")
	ss, err := r.Suggest(c.ctx, req)
	if err := writeSuggestions(out, c, req, ss, err); err != nil {
		return err
	}

	out.WriteString("\n")
	if sample {
		out.WriteString("A sample topic (give yours with -topic, -purpose, -participants and -deadline):\n")
	}
	if err := writeAdvice(out, c, r, topic, at); errors.Is(err, overlap.ErrNoReply) {
		wrap(out, strings.ToUpper(message(err)[:1])+message(err)[1:]+".", "", 100) // the rest of the tour still helps
	} else if err != nil {
		return err
	}

	// The meetings the calendars already hold, in brief.
	// Over four weeks, so that a series shows its rhythm.
	a, err := audit(c, calendar.Interval{Start: c.window.Start, End: c.window.Start.AddDate(0, 0, 28)}, nil)
	if err != nil {
		return err
	}
	if len(a.Series) > 0 {
		out.WriteString("\n")
		writeVerdicts(out, c, a)
	}
	return nil
}

func availability(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "availability", out, "text", "json")
	c.withPeople = true
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	a, err := plan.Availability(r, c.team)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(out, a)
	}
	people := a.People
	fmt.Fprintf(out, "Availability %s to %s; local times, then %s\n",
		c.window.Start.In(c.zone).Format("Mon 2006-01-02 15:04"), c.window.End.In(c.zone).Format("Mon 2006-01-02 15:04 MST"), c.zone)
	for i, p := range c.team {
		name := p.Name
		if name == "" {
			name = p.ID
		}
		fmt.Fprintf(out, "\n%s (%s)  %s  %s\n", name, p.ID, p.Zone, p.Hours)
		var last calendar.Date
		for _, s := range people[i].Timeline {
			if s.Kind == calendar.KindOffHours {
				continue
			}
			start, end := s.Start.In(p.Zone), s.End.In(p.Zone)
			label := "         "
			if d := calendar.DateOf(start); d != last {
				label, last = start.Format("Mon 01-02"), d
			}
			what := s.Kind.String()
			if s.Label != "" {
				what += ": " + s.Label
			}
			line := fmt.Sprintf("  %s %s-%s %-5s = %s  %s", label, start.Format("15:04"), end.Format("15:04"),
				start.Format("MST"), span(s.Interval, c.zone), what)
			out.WriteString(clip(line, 100) + "\n")
		}
		fmt.Fprintf(out, "  %s free\n", hours(people[i].Free.Duration()))
	}
	return nil
}

func overlapCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time, color bool) error {
	c := newCommon(ctx, "overlap", out, "text", "json", "svg")
	c.withPeople = true
	step := c.fs.Duration("step", time.Hour, "the heat map's cell, a part of the day on the -zone clock that divides it (5m to 24h), e.g. 15m, 30m or 2h")
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	if err := checkHeatStep(*step); err != nil {
		return err
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	o, err := plan.Overlap(c.ctx, r, c.team, c.zone)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(out, o)
	}
	common := o.Common
	h, err := newHeatMapStep(r, c.team, c.zone, *step)
	if err != nil {
		return err
	}
	if c.format == "svg" {
		h.svg(out)
		return nil
	}
	h.text(out, color)
	out.WriteString("\n")
	if common.IsEmpty() {
		fmt.Fprintf(out, "Everyone free at once: never in this window.\n")
	} else {
		fmt.Fprintf(out, "Everyone free at once (%s in all):\n", hours(common.Duration()))
		for iv := range common.All() {
			fmt.Fprintf(out, "  %s\n", span(iv, c.zone))
		}
	}
	return nil
}

// requestFlags are the flags of suggest and rotate.
type requestFlags struct {
	m                  plan.Meeting
	required, optional string
	title              string
}

// define defines the flags; rank adds those of suggest's ranking (-max,
// -spacing, -allow-off-hours), which a rotation has no use for.
func (q *requestFlags) define(c *common, rank bool) {
	q.m = plan.DefaultMeeting()
	m := &q.m
	c.fs.DurationVar(&m.Duration, "duration", m.Duration, "the meeting's length, e.g. 45m")
	c.fs.StringVar(&q.required, "required", "", "required attendees' `ids`, comma-separated, e.g. ben,priya; default: everyone")
	c.fs.StringVar(&q.optional, "optional", "", "optional attendees' `ids`, comma-separated, e.g. ana")
	c.fs.DurationVar(&m.Step, "step", m.Step, "the spacing of candidate starts, from midnight in -zone, e.g. 15m")
	c.fs.Float64Var(&m.MinAttendance, "min-attendance", m.MinAttendance, "the `share` of required attendees who must be present, in (0, 1], e.g. 0.75")
	c.fs.BoolVar(&m.AllowSoftFocus, "allow-soft-focus", false, "let the meeting break soft focus blocks, at a cost")
	c.fs.DurationVar(&m.Buffer, "buffer", 0, "free time each attendee needs before and after, e.g. 10m")
	c.fs.BoolVar(&m.AllowNight, "allow-night", false, "let a meeting outside working hours fall in someone's night (default 22:00-07:00), at a cost")
	c.fs.BoolVar(&m.AllowDaysOff, "allow-days-off", false, "let a meeting outside working hours fall on someone's day without working hours, at a cost")
	c.fs.DurationVar(&m.Shoulder, "shoulder", m.Shoulder, "the time before and after working hours that costs least, for those who set none, e.g. 1h")
	c.fs.StringVar(&m.Night, "night", "", "the night, a `span` for those who set none, e.g. 23:00-07:00; default: 22:00-07:00, moved for night workers")
	if rank {
		c.fs.BoolVar(&m.AllowOffHours, "allow-off-hours", false, "let attendees meet outside working hours, at a cost")
		c.fs.IntVar(&m.Max, "max", m.Max, "how many slots to show, e.g. 3")
		c.fs.DurationVar(&m.Spacing, "spacing", m.Spacing, "the least time between two suggested starts, e.g. 2h, or -1s for none")
	}
	c.fs.StringVar(&m.NotBefore, "not-before", "", "the earliest start, an RFC 3339 `instant`, e.g. 2026-03-10T09:00:00Z; default: now in this week's default window, else none")
	c.fs.StringVar(&q.title, "title", "Meeting", "the meeting's `title`, for -format ics, e.g. \"Release planning\"")
}

func (q *requestFlags) request(c *common) (overlap.Request, error) {
	var err error
	if q.m.Required, err = c.ids("required", q.required); err != nil {
		return overlap.Request{}, err
	}
	if q.m.Optional, err = c.ids("optional", q.optional); err != nil {
		return overlap.Request{}, err
	}
	req, err := q.m.Request(c.roster, c.team, c.zone)
	return req, flagError(err)
}

func suggest(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "suggest", out, "text", "json", "ics")
	var q requestFlags
	q.define(c, true)
	pick := c.fs.Int("pick", 1, "with -format ics: which suggestion to write, 1 the best, e.g. 2")
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	req, err := q.request(c)
	if err != nil {
		return err
	}
	r, err := c.report(overlap.Options{FocusIsFree: q.m.AllowSoftFocus})
	if err != nil {
		return err
	}
	if q.m.NotBefore == "" && c.from == "" && c.to == "" && c.window.Contains(now) { // this week: from now on
		req.NotBefore = now
	}
	ss, err := r.Suggest(c.ctx, req)
	if c.format == "ics" {
		if err != nil {
			return fmt.Errorf("suggest: %w", err)
		}
		if *pick < 1 || *pick > len(ss) {
			return badf("-pick %d: there are %d suggestions", *pick, len(ss))
		}
		return writeInvites(out, c, q.title, now, ss[*pick-1])
	}
	if c.format == "json" {
		js, err := plan.Suggestions(ss, err)
		if err != nil {
			return err
		}
		return writeJSON(out, js)
	}
	return writeSuggestions(out, c, req, ss, err)
}

// writeSuggestions writes ranked slots, or why there are none.
func writeSuggestions(out *bytes.Buffer, c *common, req overlap.Request, ss []overlap.Suggestion, err error) error {
	fmt.Fprintf(out, "Best slots for %s with %s", hours(req.Duration), strings.Join(req.Required, ", "))
	if len(req.Optional) > 0 {
		fmt.Fprintf(out, " (optional: %s)", strings.Join(req.Optional, ", "))
	}
	if c.window.Contains(req.NotBefore) && req.NotBefore.After(c.window.Start) {
		fmt.Fprintf(out, ", from %s on", req.NotBefore.In(c.zone).Format("Mon 15:04"))
	}
	fmt.Fprintf(out, ", in %s:\n", c.zone)
	var ns *overlap.NoSlotError
	if errors.As(err, &ns) {
		writeNoSlot(out, ns)
		return nil
	}
	if err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	for i, s := range ss {
		writeSlot(out, c, i+1, s)
	}
	return nil
}

func writeNoSlot(out *bytes.Buffer, ns *overlap.NoSlotError) {
	out.WriteString("  No slot fits.\n")
	if len(ns.Never) > 0 {
		fmt.Fprintf(out, "  Never free for it in the window: %s.\n", strings.Join(ns.Never, ", "))
	}
	if ns.Slots == 0 {
		out.WriteString("  The meeting and its buffers do not fit in the window.\n")
	} else {
		fmt.Fprintf(out, "  At best %.0f%% of the required people can come (%.0f%% asked, %d candidate starts);\n",
			100*ns.Best, 100*ns.Want, ns.Slots)
		out.WriteString("  try -min-attendance, -allow-soft-focus, -allow-off-hours, -allow-night or a longer window.\n")
	}
}

func writeSlot(out *bytes.Buffer, c *common, n int, s overlap.Suggestion) {
	cost := "costs nothing"
	if s.Cost != (overlap.Cost{}) {
		cost = "cost: " + s.Cost.String()
	}
	fmt.Fprintf(out, "%2d. %s  score %.2f  %s\n", n, span(s.Interval, c.zone), s.Score, cost)
	for _, a := range s.Attendees {
		role := "required"
		if a.Optional {
			role = "optional"
		}
		zone := a.Local.Location().String()
		status := a.Status.String()
		if !a.Present {
			status += ", absent"
		}
		// The band of the attendee's day the meeting reaches into,
		// marked where it is not their working hours.
		mark := ""
		if a.Band != overlap.BandWorking {
			mark = "[" + a.Band.String() + "]"
		}
		fmt.Fprintf(out, "      %-8s %-8s %-20s %s %-5s %-10s %s\n", a.ID, role, zone, a.Local.Format("Mon 15:04"), a.Local.Format("MST"), mark, status)
	}
	// What the score's points are made of.
	if items := s.Items(); len(items) > 0 {
		var parts []string
		for _, it := range items {
			parts = append(parts, it.String())
		}
		wrap(out, "points: "+strings.Join(parts, "; "), "        ", 100)
	}
}

func rotate(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "rotate", out, "text", "json", "ics")
	var q requestFlags
	q.define(c, false)
	n := c.fs.Int("n", 8, "how many meetings, e.g. 4: the window is cut into n equal parts, one meeting each; the default window is n weeks")
	// The default window is n weeks, which depends on -n: parse twice.
	if err := c.fs.Parse(args); err == nil && *n > 0 && *n <= plan.MaxMeetings {
		c.defaultWeeks = *n
	}
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	if *n <= 0 || *n > plan.MaxMeetings {
		return badf("-n %d: want 1 to %d", *n, plan.MaxMeetings)
	}
	req, err := q.request(c)
	if err != nil {
		return err
	}
	req.AllowOffHours = true
	r, err := c.report(overlap.Options{FocusIsFree: q.m.AllowSoftFocus})
	if err != nil {
		return err
	}
	if q.m.NotBefore == "" && c.from == "" && c.to == "" && c.window.Contains(now) { // from now on: a slot in the past helps no one
		req.NotBefore = now
	}
	rot, err := r.Rotate(c.ctx, req, *n)
	var ns *overlap.NoSlotError
	if errors.As(err, &ns) && c.format == "ics" {
		return fmt.Errorf("rotate: %w", err) // no file of text for a calendar to import
	}
	if c.format == "json" {
		js, err := plan.Rotation(rot, err)
		if err != nil {
			return err
		}
		return writeJSON(out, js)
	}
	if errors.As(err, &ns) {
		fmt.Fprintf(out, "Rotation of %d meetings of %s:\n", *n, hours(req.Duration))
		writeNoSlot(out, ns)
		return nil
	}
	if err != nil {
		return fmt.Errorf("rotate: %w", err)
	}
	if c.format == "ics" {
		return writeInvites(out, c, q.title, now, rot.Slots...)
	}
	fmt.Fprintf(out, "Rotation of %d meetings of %s, in %s: largest burden %s, spread %s, total %s\n",
		*n, hours(req.Duration), c.zone, jsontext.FormatDuration(rot.Max), jsontext.FormatDuration(rot.Spread), jsontext.FormatDuration(rot.Total))
	if rot.BestEffort {
		out.WriteString("(best effort: too many people and meetings for an exhaustive search)\n")
	}
	for i, s := range rot.Slots {
		writeSlot(out, c, i+1, s)
	}
	if rot.FairShare {
		out.WriteString("Nobody has more than half of the meetings at an inconvenient time.\n")
	} else {
		out.WriteString("No plan keeps everyone to at most half of the meetings at an inconvenient time.\n")
	}
	out.WriteString("Burden (the slots' band-weighted time outside working hours: a shoulder minute 1-1.75 points,\nlate 2, a day without hours 3, night 4), per person and slot:\n")
	for j, b := range rot.Burden {
		var each []string
		for _, s := range rot.Slots {
			each = append(each, jsontext.FormatDuration(s.Attendees[j].Cost.Burden))
		}
		fmt.Fprintf(out, "      %-8s %9s = %s  (%d of %d meetings inconvenient)\n", b.ID, jsontext.FormatDuration(b.Burden), strings.Join(each, " + "), b.Inconvenient, b.Slots)
	}
	fmt.Fprintf(out, "      %-8s %9s\n", "total", jsontext.FormatDuration(rot.Total))
	return nil
}

func advise(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "advise", out, "text", "json")
	var (
		title        = c.fs.String("title", "", "the topic's `name`, e.g. \"Choose the release date\"")
		purpose      = c.fs.String("purpose", "decide", "what the topic is for, a `purpose`: inform, gather-input, decide, ideate, resolve-conflict, connect or incident, e.g. inform")
		sensitivity  = c.fs.String("sensitivity", "low", "how sensitive it is, a `level`: low, medium or high, e.g. high")
		ambiguity    = c.fs.String("ambiguity", "low", "how open the question is, a `level`: low, medium or high, e.g. medium")
		deadline     = c.fs.String("deadline", "", "when it must be settled, a `date` in -zone or an RFC 3339 instant, e.g. 2026-03-13; default: none")
		participants = c.fs.String("participants", "", "the people taking part, their `ids` comma-separated, e.g. ben,priya,sam; default: everyone")
		deciders     = c.fs.String("deciders", "", "those of them who decide, their `ids` comma-separated, e.g. ben")
		reversible   = c.fs.Bool("reversible", false, "the decision can be undone cheaply (a two-way door)")
		exchanges    = c.fs.Int("exchanges", 0, "back-and-forth exchanges the thread has had so far, e.g. 4")
		written      = c.fs.Bool("written", false, "a written proposal already exists")
		first        = c.fs.Bool("first", false, "these people have not worked together before")
		recurring    = c.fs.Bool("recurring", false, "the topic comes back (a weekly status, a standing review): decide for the series")
		nowFlag      = c.fs.String("now", "", "the `instant` to decide as of, RFC 3339, e.g. 2026-03-10T09:00:00Z; default: now. The default window is its week")
	)
	// -now sets the default window: read it before the rest.
	if err := c.fs.Parse(args); err == nil && *nowFlag != "" {
		at, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return badf("-now %q: want an RFC 3339 instant, such as 2026-03-10T09:00:00Z", *nowFlag)
		}
		now = at.Truncate(time.Minute) // tzplan works in whole minutes
	}
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	people, err := c.ids("participants", *participants)
	if err != nil {
		return err
	}
	deciding, err := c.ids("deciders", *deciders)
	if err != nil {
		return err
	}
	t, err := plan.Topic{Title: *title, Purpose: *purpose, Sensitivity: *sensitivity, Ambiguity: *ambiguity,
		Deadline: *deadline, Participants: people, Deciders: deciding,
		Reversible: *reversible, Written: *written, First: *first, Recurring: *recurring, Exchanges: *exchanges}.Topic(c.team, c.zone)
	if err != nil {
		return flagError(err)
	}
	if !c.window.Contains(now) {
		return badf("now (%s) is outside the window %s to %s: advise decides as of now (set it with -now)", utc(now), utc(c.window.Start), utc(c.window.End))
	}
	if err := checkDeadline(t, *deadline, now, c.zone); err != nil {
		return err
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	if c.format == "json" {
		d, err := decide(c, r, t, now)
		if err != nil {
			return err
		}
		return writeJSON(out, d)
	}
	return writeAdvice(out, c, r, t, now)
}

// checkDeadline refuses a -deadline (given as text) that is not after
// now, the instant the topic is advised as of.
func checkDeadline(t policy.Topic, text string, now time.Time, zone *time.Location) error {
	if text != "" && !t.NeedBy.After(now) {
		return badf("-deadline %s: it is %s, not after %s, the time the advice is for", icalvalue.Quote(text), both(t.NeedBy, zone), both(now, zone))
	}
	return nil
}

// decide is plan.Decide, with a message for the user where one of the
// topic's people never replies (someone with no working hours).
func decide(c *common, r *overlap.Report, t policy.Topic, now time.Time) (policy.Decision, error) {
	d, err := plan.Decide(c.ctx, r, t, now)
	if errors.Is(err, overlap.ErrNoReply) {
		return d, &reworded{"no advice: a message among the topic's people gets no reply (" + message(err) +
			"); leave out who has no working hours, with -participants", err}
	}
	return d, err
}

func writeAdvice(out *bytes.Buffer, c *common, r *overlap.Report, t policy.Topic, now time.Time) error {
	d, err := decide(c, r, t, now)
	if err != nil {
		return err
	}
	title := t.Title
	if title == "" {
		title = "The topic"
	}
	wrap(out, fmt.Sprintf("%s (%s, %s), as of %s:", title, t.Purpose, plural(len(t.Participants), "person", "people"), both(now, c.zone)), "", 100)
	wrap(out, fmt.Sprintf("%s: %s", strings.ToUpper(d.Mode.String()), d.Format), "  ", 100)
	if d.Slot != nil {
		meet := span(*d.Slot, c.zone)
		if c.zone != time.UTC {
			meet += " (" + span(*d.Slot, time.UTC) + ")"
		}
		fmt.Fprintf(out, "  Meet %s\n", meet)
	}
	if !d.Expected.IsZero() {
		fmt.Fprintf(out, "  Expected done by %s\n", both(d.Expected, c.zone))
	}
	for _, rs := range d.Reasons {
		tag := rs.Code
		if rs.Role != policy.RoleAgrees && rs.Role != policy.RoleContext {
			tag += ", " + string(rs.Role)
		}
		wrap(out, fmt.Sprintf("- %s [%s]", rs.Text, tag), "    ", 100)
	}
	for _, w := range d.Warnings {
		wrap(out, "! "+w, "    ", 100)
	}
	return nil
}

func holidays(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "holidays", out, "text", "json")
	codes := c.fs.String("codes", "", "holiday calendar `codes`, comma-separated, e.g. NZ,US: list their dates")
	actual := c.fs.Bool("actual", false, "with -codes: a holiday's own date, not the weekday it is observed on")
	c.fs.Lookup("from").Usage = "the first day listed, a `date`, e.g. 2026-01-01; default: January 1 of this year (of -to's year with -to)"
	c.fs.Lookup("to").Usage = "the day after the last listed, a `date`, e.g. 2027-01-01; default: January 1 of next year (after -from's year with -from)"
	c.fs.Lookup("roster").Usage = "a roster `file` (JSON), e.g. team.json: list each person's holidays (codes, holiday calendars, days off and working days)"
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	w, err := plan.HolidayWindow(c.from, c.to, c.zone, now)
	if err != nil {
		return flagError(err)
	}
	first, last := plan.Dates(w, c.zone)
	write := func(out *bytes.Buffer, indent string, hs []plan.HolidayJSON) {
		if len(hs) == 0 {
			fmt.Fprintf(out, "%snone\n", indent)
		}
		for _, h := range hs {
			code := h.Code
			if code == "" {
				code = "own"
			}
			fmt.Fprintf(out, "%s%s %s  %-7s %s\n", indent, h.Date.Weekday().String()[:3], h.Date, code, h.Name)
		}
	}
	switch {
	case *codes != "":
		hs, err := plan.CodeHolidays(plan.SplitIDs(*codes), first, last, *actual)
		if err != nil {
			return flagError(err)
		}
		if c.format == "json" {
			return writeJSON(out, hs)
		}
		which := calendar.Observed
		if *actual {
			which = calendar.Actual
		}
		fmt.Fprintf(out, "Holidays of %s, %s to %s (%s dates):\n", strings.Join(hs.Codes, ", "), first, last, which)
		write(out, "  ", hs.Holidays)
		return nil
	case c.rosterFile != "":
		hs, err := plan.RosterHolidays(c.ctx, c.team, first, last)
		if err != nil {
			return err
		}
		if c.format == "json" {
			return writeJSON(out, hs)
		}
		fmt.Fprintf(out, "Holidays, %s to %s, each on the person's own calendar:\n", first, last)
		for _, p := range hs.People {
			fmt.Fprintf(out, "%s (%s):\n", p.ID, p.Zone)
			write(out, "  ", p.Holidays)
		}
		return nil
	}
	all := calendar.HolidayCodes()
	if c.format == "json" {
		return writeJSON(out, plan.CodesJSON{Codes: all})
	}
	fmt.Fprintf(out, "%d holiday calendars (a country, or a country and region), for a roster's \"holidays\":\n", len(all))
	wrap(out, strings.Join(all, " "), "  ", 100)
	out.WriteString("Their dates: planner holidays -codes NZ,US [-from 2026-01-01 -to 2027-01-01];\na roster's people's (their codes, holiday calendars and days off): -roster FILE.\n")
	return nil
}

// span writes an interval in zone, naming the end's day when it differs.
// both formats an instant in the viewer's zone and, when that is not
// UTC, in UTC too: "Tue 03-10 14:30 IST (09:00 UTC)".
func both(t time.Time, zone *time.Location) string {
	s := t.In(zone).Format("Mon 01-02 15:04 MST")
	if zone != time.UTC {
		u := t.UTC()
		if calendar.DateOf(u) == calendar.DateOf(t.In(zone)) {
			return s + " (" + u.Format("15:04 UTC") + ")"
		}
		return s + " (" + u.Format("Mon 15:04 UTC") + ")"
	}
	return s
}

func span(iv calendar.Interval, zone *time.Location) string {
	s, e := iv.Start.In(zone), iv.End.In(zone)
	end := e.Format("15:04")
	if calendar.DateOf(s) != calendar.DateOf(e) {
		end = e.Format("Mon 15:04")
	}
	return s.Format("Mon 01-02 15:04") + "-" + end + " " + e.Format("MST")
}

func hours(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}

// wrap writes text in lines of at most width columns, each starting with
// indent (the first with indent less two columns when it has room).
func wrap(out *bytes.Buffer, text, indent string, width int) {
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			out.WriteString(line + "\n")
			line = indent + "  "
		}
		if len(line) > len(indent) && !strings.HasSuffix(line, " ") {
			line += " "
		}
		line += w
	}
	if strings.TrimSpace(line) != "" {
		out.WriteString(line + "\n")
	}
}

// wrapItems writes items separated by commas in lines of at most width
// columns, each starting with indent, never breaking an item.
func wrapItems(out *bytes.Buffer, items []string, indent string, width int) {
	line := indent
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		if len(line) > len(indent) && len(line)+1+len(it) > width {
			out.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += it
	}
	out.WriteString(line + "\n")
}

// clip cuts s to width columns.
func clip(s string, width int) string {
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	return string(r[:width-1]) + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// awayDays lists the holidays and time off in each person's timeline,
// with the local days they fall on, such as "sam conference Thu Fri".
func awayDays(r *overlap.Report, team []calendar.Person) ([]string, error) {
	var away []string
	for _, p := range team {
		segs, err := r.Timeline(p.ID)
		if err != nil {
			return nil, err
		}
		var label string
		var days []string
		flush := func() {
			if len(days) > 0 {
				away = append(away, fmt.Sprintf("%s %s %s", p.ID, label, strings.Join(days, " ")))
			}
			days = nil
		}
		for _, s := range segs {
			if s.Kind != calendar.KindHoliday && s.Kind != calendar.KindTimeOff {
				continue
			}
			if s.Label != label {
				flush()
				label = s.Label
			}
			if d := s.Start.In(p.Zone).Format("Mon"); len(days) == 0 || days[len(days)-1] != d {
				days = append(days, d)
			}
		}
		flush()
	}
	return away, nil
}

// writeInvites writes slots as an iCalendar file of invites
// (plan.WriteInvites).
func writeInvites(out *bytes.Buffer, c *common, title string, now time.Time, slots ...overlap.Suggestion) error {
	var ps []plan.Slot
	for _, s := range slots {
		ps = append(ps, plan.SlotOf(s))
	}
	return plan.WriteInvites(out, c.roster, "-//tzplan//planner//EN", title, now, ps...)
}
