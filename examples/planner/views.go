package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
	Missing []string            `json:"missing"`
}

// bestTime finds the slot of d in the window that the most of the team
// can come to (everyone required, at least one present), from now on when
// the window holds now.
func bestTime(c *common, r *overlap.Report, d time.Duration, now time.Time) (summaryJSON, error) {
	s := summaryJSON{Window: c.window, Present: []string{}, Missing: []string{}}
	ids := make([]string, len(c.team))
	for i, p := range c.team {
		ids[i] = p.ID
	}
	req := overlap.Request{Duration: d, Step: 15 * time.Minute, Zone: c.zone, Required: ids, Max: 1,
		MinAttendance: 1 / float64(len(ids))}
	if c.window.Contains(now) {
		req.NotBefore = now
	}
	ss, err := r.Suggest(c.ctx, req)
	var ns *overlap.NoSlotError
	if errors.As(err, &ns) {
		s.Missing = ids
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("summary: %w", err)
	}
	s.Best = &ss[0]
	for _, a := range ss[0].Attendees {
		if a.Present {
			s.Present = append(s.Present, a.ID)
		} else {
			s.Missing = append(s.Missing, a.ID)
		}
	}
	return s, nil
}

// writeSummary writes the best time in one line, then each person's
// local time and, for those who miss it, why.
func writeSummary(out *bytes.Buffer, c *common, s summaryJSON, d time.Duration) {
	if s.Best == nil {
		fmt.Fprintf(out, "Best time for %s: none; nobody is free for %s in this window.\n", plural(len(c.team), "person", "people"), hours(d))
		return
	}
	fmt.Fprintf(out, "Best time for %s: %s, %d of %d can come", hours(d), span(s.Best.Interval, c.zone), len(s.Present), len(c.team))
	if len(s.Missing) > 0 {
		fmt.Fprintf(out, " (missing %s)", strings.Join(s.Missing, ", "))
	}
	out.WriteString(".\n")
	var items []string
	for _, a := range s.Best.Attendees {
		item := fmt.Sprintf("%s %s", a.ID, a.Local.Format("Mon 15:04"))
		if !a.Present {
			item += " (" + a.Status.String() + ")"
		}
		items = append(items, item)
	}
	wrapItems(out, items, "  ", 100)
}

func summaryCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "summary", out, "text", "json")
	c.withPeople = true
	d := c.fs.Duration("duration", 30*time.Minute, "the meeting's length, e.g. 45m")
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	if *d <= 0 {
		return badf("-duration %s: want a positive duration, e.g. 30m", *d)
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
	id := c.fs.String("person", "", "whose week, by roster id, e.g. ana")
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
	// The window is the person's week: their Monday to Monday, on their
	// clock, unless -from or -to say otherwise.
	if c.from == "" && c.to == "" {
		c.window, err = plan.Window("", "", person.Zone, now, 1)
		if err != nil {
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
			d := calendar.DateOf(piece.Start.In(person.Zone))
			if len(days) == 0 || days[len(days)-1].Date != d {
				days = append(days, weekDay{Date: d})
			}
			days[len(days)-1].Segments = append(days[len(days)-1].Segments, piece)
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
	fmt.Fprintf(out, "%s's week, %s to %s, on %s's clock (%s); who else is free when %s is:\n", name,
		c.window.Start.In(person.Zone).Format("Mon 2006-01-02"), c.window.End.Add(-time.Nanosecond).In(person.Zone).Format("Mon 2006-01-02"),
		person.ID, person.Zone, person.ID)
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
			fmt.Fprintf(out, "  %-9s %s-%s  %s\n", label, s.Start.In(person.Zone).Format("15:04"), localEnd(s.Interval, person.Zone), clip(what, 76))
			label = ""
		}
	}
	if len(days) == 0 {
		out.WriteString("  no working hours in this window\n")
	}
	return nil
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
	for _, cs := range cover {
		if !cs.Start.Before(s.End) || !cs.End.After(s.Start) {
			continue
		}
		iv := calendar.Interval{Start: maxTime(cs.Start, s.Start), End: minTime(cs.End, s.End)}
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

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
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
	pw := r.Pairwise()
	ids := make([]string, len(c.team))
	for i, p := range c.team {
		ids[i] = p.ID
	}
	matrix := make([][]string, len(ids))
	for i, a := range ids {
		matrix[i] = make([]string, len(ids))
		for j, b := range ids {
			if i == j {
				free, err := r.Free(a)
				if err != nil {
					return err
				}
				matrix[i][j] = jsontext.FormatDuration(free.Duration())
				continue
			}
			matrix[i][j] = jsontext.FormatDuration(pw[[2]string{a, b}])
		}
	}
	if c.format == "json" {
		return writeJSON(out, struct {
			Window calendar.Interval `json:"window"`
			People []string          `json:"people"`
			Both   [][]string        `json:"both"`
		}{c.window, ids, matrix})
	}
	fmt.Fprintf(out, "Hours both are free, %s to %s (the diagonal: each person's own free hours):\n",
		c.window.Start.In(c.zone).Format("Mon 2006-01-02"), c.window.End.In(c.zone).Format("Mon 2006-01-02 MST"))
	width := 6
	for _, id := range ids {
		width = max(width, len(id)+1)
	}
	fmt.Fprintf(out, "%-*s", width, "")
	for _, id := range ids {
		fmt.Fprintf(out, " %*s", width, id)
	}
	out.WriteString("\n")
	for i, a := range ids {
		fmt.Fprintf(out, "%-*s", width, a)
		for j, b := range ids {
			d := pw[[2]string{a, b}]
			if i == j {
				free, _ := r.Free(a)
				d = free.Duration()
			}
			cell := "-"
			if d > 0 {
				cell = hours(d)
			}
			fmt.Fprintf(out, " %*s", width, cell)
		}
		out.WriteString("\n")
	}
	return nil
}
