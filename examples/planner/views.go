package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
)

// summaryJSON is the answer of summary: the best slot, if any, who can
// come and who misses it.
type summaryJSON struct {
	Window  calendar.Interval   `json:"window"`
	Best    *overlap.Suggestion `json:"best"`
	Present []string            `json:"present"`
	Missing []absence           `json:"missing"`
}

// An absence is who misses a slot, and why: "time off (vacation)".
type absence struct {
	ID  string `json:"id"`
	Why string `json:"why"`
}

// bestTime finds the slot of d in the window that the most of the team
// can come to (everyone required, at least one present), from now on when
// the window holds now.
func bestTime(c *common, r *overlap.Report, d time.Duration, now time.Time) (summaryJSON, error) {
	s := summaryJSON{Window: c.window, Present: []string{}, Missing: []absence{}}
	ids := c.teamIDs()
	req := overlap.Request{Duration: d, Step: 15 * time.Minute, Zone: c.zone, Required: ids, Max: 1,
		MinAttendance: 1 / float64(len(ids))}
	when := "in the window"
	if c.window.Contains(now) {
		req.NotBefore = now
		when = "from now to the window's end"
	}
	ss, err := r.Suggest(c.ctx, req)
	var ns *overlap.NoSlotError
	if errors.As(err, &ns) {
		for _, id := range ids {
			s.Missing = append(s.Missing, absence{id, fmt.Sprintf("never free for %s %s", hours(d), when)})
		}
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("summary: %w", err)
	}
	s.Best = &ss[0]
	for _, a := range ss[0].Attendees {
		if a.Present {
			s.Present = append(s.Present, a.ID)
			continue
		}
		why, err := whyMissing(r, a, ss[0].Interval)
		if err != nil {
			return s, err
		}
		s.Missing = append(s.Missing, absence{a.ID, why})
	}
	return s, nil
}

// writeSummary writes the best time in one line, then each person's
// local time and zone and, for those who miss it, why.
func writeSummary(out *bytes.Buffer, c *common, s summaryJSON, d time.Duration) {
	if s.Best == nil {
		// Everyone misses it for the same reason.
		who := "each of the " + plural(len(c.team), "person", "people") + " is"
		if len(c.team) == 1 {
			who = c.team[0].ID + " is"
		}
		wrap(out, fmt.Sprintf("Best time for %s: none; %s %s.", hours(d), who, s.Missing[0].Why), "", 100)
		return
	}
	fmt.Fprintf(out, "Best time for %s: %s, %d of %d can come:\n", hours(d), span(s.Best.Interval, c.zone), len(s.Present), len(c.team))
	var items []string
	local := map[string]string{}
	for _, a := range s.Best.Attendees {
		local[a.ID] = a.Local.Format("Mon 15:04") + " " + a.Local.Location().String()
		if a.Present {
			items = append(items, a.ID+" "+local[a.ID])
		}
	}
	wrapItems(out, items, "  ", 100)
	for _, m := range s.Missing {
		wrap(out, fmt.Sprintf("missing %s (%s): %s", m.ID, local[m.ID], m.Why), "  ", 100)
	}
}

// whyMissing says what keeps a from the slot: the first part of their
// timeline in it of the kind that their status names, such as "time off
// (vacation)" or, at night, "off hours, time off (vacation)".
func whyMissing(r *overlap.Report, a overlap.Attendance, slot calendar.Interval) (string, error) {
	segs, err := r.Timeline(a.ID)
	if err != nil {
		return "", err
	}
	status := a.Status.String()
	for _, s := range segs {
		on := s.Start.Before(slot.End) && s.End.After(slot.Start)
		// Under means something only beneath off-hours time.
		if on && (s.Kind.String() == status || s.Kind == calendar.KindOffHours && s.Under.String() == status) {
			return awayReason(s), nil
		}
	}
	if a.Status == overlap.StatusFree { // free, yet absent: not so here, where no buffer or day rules apply
		return "cannot come", nil
	}
	return status, nil
}

func summaryCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "summary", out, "text", "json")
	c.withPeople = true
	d := c.fs.Duration("duration", 30*time.Minute, "the meeting's length, e.g. 45m")
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	if *d <= 0 || *d%time.Minute != 0 {
		return badf("-duration %s: want a positive whole number of minutes, e.g. 30m", jsontext.FormatDuration(*d))
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	s, err := bestTime(c, r, *d, now)
	if err != nil {
		return err
	}
	if c.format == "json" {
		return writeJSON(out, s)
	}
	writeSummary(out, c, s, *d)
	return nil
}

// weekDay is one local day of a person's week.
type weekDay struct {
	Date     calendar.Date `json:"date"`
	Segments []weekPiece   `json:"segments"`
}

// A weekPiece is a part of a person's day on their clock: what it is,
// and when they are free, which of the others are free with them.
type weekPiece struct {
	calendar.Interval
	Kind  string   `json:"kind"`
	Label string   `json:"label,omitempty"`
	With  []string `json:"with,omitempty"`
}

func (p weekPiece) MarshalJSON() ([]byte, error) {
	type alias struct {
		Start time.Time `json:"start"`
		End   time.Time `json:"end"`
		Kind  string    `json:"kind"`
		Label string    `json:"label,omitempty"`
		With  []string  `json:"with,omitempty"`
	}
	return json.Marshal(alias{p.Start.UTC(), p.End.UTC(), p.Kind, p.Label, p.With})
}

func weekCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "week", out, "text", "json")
	id := c.fs.String("person", "", "whose week, by roster id, e.g. ana; -from and -to are then days on their clock unless -zone is given")
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	if *id == "" {
		return badf("week: -person is required (e.g. -person %s)", c.team[0].ID)
	}
	found, err := c.id("person", *id) // any letter case, with a "did you mean"
	if err != nil {
		return err
	}
	p, _ := c.roster.Person(found)
	person := *p
	// The window's days are the person's, on their clock, unless -zone
	// says whose days -from and -to are: by default their week, Monday
	// to Monday.
	zoneSet := false
	c.fs.Visit(func(f *flag.Flag) { zoneSet = zoneSet || f.Name == "zone" })
	if !zoneSet {
		if c.window, err = plan.Window(c.from, c.to, person.Zone, now, 1); err != nil {
			return flagError(err)
		}
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	segs, err := r.Timeline(person.ID)
	if err != nil {
		return err
	}
	cover := slices.Collect(r.Coverage())
	var days []weekDay
	for _, s := range segs {
		if s.Kind == calendar.KindOffHours {
			continue
		}
		for _, piece := range splitByOthers(s, cover, person.ID) {
			// Each day on the person's clock gets its own part.
			for piece.Start.Before(piece.End) {
				d := dayOf(piece.Start, person.Zone)
				part := piece
				if next := calendar.FirstShowing(d.AddDays(1), calendar.Midnight, person.Zone); next.Before(part.End) {
					part.End = next
				}
				if len(days) == 0 || days[len(days)-1].Date != d {
					days = append(days, weekDay{Date: d})
				}
				days[len(days)-1].Segments = append(days[len(days)-1].Segments, part)
				piece.Start = part.End
			}
		}
	}
	if c.format == "json" {
		return writeJSON(out, struct {
			ID     string            `json:"id"`
			Zone   string            `json:"zone"`
			Window calendar.Interval `json:"window"`
			Days   []weekDay         `json:"days"`
		}{person.ID, person.Zone.String(), c.window, jsontext.List(days)})
	}
	name := person.Name
	if name == "" {
		name = person.ID
	}
	wrap(out, fmt.Sprintf("%s's week, %s, on %s time:", name, windowWords(c.window, person.Zone), person.Zone), "", 100)
	others := len(c.team) - 1
	for _, d := range days {
		label := d.Date.Weekday().String()[:3] + " " + fmt.Sprintf("%02d-%02d", int(d.Date.Month), d.Date.Day)
		for _, s := range d.Segments {
			what := s.Kind
			if s.Label != "" {
				what += ": " + s.Label
			}
			if s.Kind == "free" {
				what = fmt.Sprintf("free, with %d of %d", len(s.With), others)
				if len(s.With) > 0 {
					what += ": " + strings.Join(s.With, ", ")
				}
			}
			hang(out, fmt.Sprintf("  %-9s %s-%s  ", label, s.Start.In(person.Zone).Format("15:04"), localEnd(s.Interval, person.Zone)), what, 100)
			label = ""
		}
	}
	if len(days) == 0 {
		out.WriteString("  no working hours in this window\n")
	}
	return nil
}

// dayOf is the day of zone's clock that t belongs to: the day d with t
// from calendar.FirstShowing(d, 00:00) to the next day's, so that the
// time a fold shows again after midnight stays with the day it began.
func dayOf(t time.Time, zone *time.Location) calendar.Date {
	d := calendar.DateOf(t.In(zone))
	for !calendar.FirstShowing(d.AddDays(1), calendar.Midnight, zone).After(t) {
		d = d.AddDays(1)
	}
	return d
}

// hang writes prefix and text in lines of at most width columns, the lines
// after the first indented two columns past the prefix.
func hang(out *bytes.Buffer, prefix, text string, width int) {
	line := prefix
	for _, w := range strings.Fields(text) {
		if len(line) > len(prefix) && len(line)+1+len(w) > width {
			out.WriteString(line + "\n")
			line = strings.Repeat(" ", len(prefix)+2)
		} else if len(line) > len(prefix) {
			line += " "
		}
		line += w
	}
	out.WriteString(line + "\n")
}

// localEnd is an interval's end on zone's clock, 24:00 for the next
// midnight.
func localEnd(iv calendar.Interval, zone *time.Location) string {
	s, e := iv.Start.In(zone), iv.End.In(zone)
	if calendar.DateOf(e) != calendar.DateOf(s) && e.Hour() == 0 && e.Minute() == 0 {
		return "24:00"
	}
	return e.Format("15:04")
}

// splitByOthers cuts a segment of id's timeline at the coverage's
// boundaries where it is free, naming the others free in each piece.
func splitByOthers(s calendar.Segment, cover []overlap.Segment, id string) []weekPiece {
	if s.Kind != calendar.KindFree {
		return []weekPiece{{Interval: s.Interval, Kind: s.Kind.String(), Label: s.Label}}
	}
	var out []weekPiece
	// The coverage is in time order: start at its first segment that
	// ends after s starts, stop at the first that starts after s ends.
	first := sort.Search(len(cover), func(i int) bool { return cover[i].End.After(s.Start) })
	for _, cs := range cover[first:] {
		if !cs.Start.Before(s.End) {
			break
		}
		iv := s.Interval.Intersect(cs.Interval)
		with := []string{}
		for _, o := range cs.Free {
			if o != id {
				with = append(with, o)
			}
		}
		if n := len(out); n > 0 && slices.Equal(out[n-1].With, with) && out[n-1].End.Equal(iv.Start) {
			out[n-1].End = iv.End
			continue
		}
		out = append(out, weekPiece{Interval: iv, Kind: "free", With: with})
	}
	return out
}

func pairsCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "pairs", out, "text", "json")
	c.withPeople = true
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	r, err := c.report(overlap.Options{})
	if err != nil {
		return err
	}
	// both[i][j]: the time people i and j are both free; the diagonal,
	// each one's own free time.
	pw := r.Pairwise()
	ids := c.teamIDs()
	both := make([][]time.Duration, len(ids))
	for i, a := range ids {
		both[i] = make([]time.Duration, len(ids))
		for j, b := range ids {
			both[i][j] = pw[[2]string{a, b}]
		}
		free, err := r.Free(a)
		if err != nil {
			return err
		}
		both[i][i] = free.Duration()
	}
	if c.format == "json" {
		text := make([][]string, len(ids))
		for i := range both {
			for _, d := range both[i] {
				text[i] = append(text[i], jsontext.FormatDuration(d))
			}
		}
		return writeJSON(out, struct {
			Window calendar.Interval `json:"window"`
			People []string          `json:"people"`
			Both   [][]string        `json:"both"`
		}{c.window, ids, text})
	}
	fmt.Fprintf(out, "Hours each pair is free together, %s, in %s;\nthe diagonal: each person's own free hours.\n",
		windowWords(c.window, c.zone), c.zone)
	width := 6
	for i, id := range ids {
		width = max(width, len(id)+1)
		for _, d := range both[i] {
			width = max(width, len(hours(d)))
		}
	}
	// In panels of as many columns as fit in 100, as a wide team's
	// matrix would not.
	cols := max(1, (100-width)/(width+1))
	for from := 0; from < len(ids); from += cols {
		to := min(from+cols, len(ids))
		if from > 0 {
			out.WriteString("\n")
		}
		fmt.Fprintf(out, "%-*s", width, "")
		for _, id := range ids[from:to] {
			fmt.Fprintf(out, " %*s", width, id)
		}
		out.WriteString("\n")
		for i, a := range ids {
			fmt.Fprintf(out, "%-*s", width, a)
			for _, d := range both[i][from:to] {
				cell := "-"
				if d > 0 {
					cell = hours(d)
				}
				fmt.Fprintf(out, " %*s", width, cell)
			}
			out.WriteString("\n")
		}
	}
	return nil
}
