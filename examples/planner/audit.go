package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// auditCmd weighs the meetings in the team's calendars: a table per
// series and per person, as text, JSON or an SVG chart.
func auditCmd(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	c := newCommon(ctx, "audit", out, "text", "json", "svg")
	c.defaultWeeks = 4
	c.fs.Lookup("to").Usage = "the day after the window, a `date` in -zone or an RFC 3339 instant, e.g. 2026-04-06; default: four weeks after -from"
	purposes := map[string]policy.Purpose{}
	c.fs.Func("purpose", "a series' purpose, as `TITLE=PURPOSE` or UID=PURPOSE, e.g. \"Weekly status=decide\"; repeatable", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return errors.New(`want TITLE=PURPOSE, e.g. "Weekly status=decide"`)
		}
		p, err := policy.ParsePurpose(strings.TrimSpace(value))
		if err != nil {
			return err
		}
		purposes[strings.TrimSpace(name)] = p
		return nil
	})
	if err := c.parse(args, out, now); err != nil {
		return err
	}
	a, err := audit(c, c.window, purposes)
	if err != nil {
		return err
	}
	switch c.format {
	case "json":
		return writeJSON(out, a)
	case "svg":
		loadChart(out, a)
		return nil
	}
	writeAudit(out, c, a)
	return nil
}

// audit audits the meetings in the team's calendar files over window.
func audit(c *common, window calendar.Interval, purposes map[string]policy.Purpose) (policy.Audit, error) {
	return plan.Audit(c.ctx, c.team, window, purposes)
}

func writeAudit(out *bytes.Buffer, c *common, a policy.Audit) {
	fmt.Fprintf(out, "Meeting audit, %s to %s: %s, %s\n",
		a.Window.Start.In(c.zone).Format("Mon 2006-01-02"), a.Window.End.In(c.zone).Format("Mon 2006-01-02 MST"),
		plural(len(a.Series), "series", "series"), plural(a.Load.Team.Meetings, "attendance", "attendances"))
	fmt.Fprintf(out, "Figures for a month (30 days) of the window; focus is free working time in blocks of %s+.\n", hours(policy.DefaultFocusBlock))
	if len(a.Series) == 0 {
		out.WriteString("No meetings: no event in the window has two of the team among its organizer and attendees.\n")
	} else {
		fmt.Fprintf(out, "%-28s %6s %5s %8s %11s %10s  %s\n", "series", "people", "zones", "time/mo", "after h/mo", "focus/mo", "verdict")
	}
	for _, s := range a.Series {
		title := s.Title
		if s.Recurring {
			title += fmt.Sprintf(" (%dx)", s.Occurrences)
		}
		var after time.Duration
		for _, ah := range s.AfterHours {
			after += ah.Time
		}
		fmt.Fprintf(out, "%-28s %6d %5d %8s %11s %10s  %s\n", clip(title, 28), len(s.Attendees), len(s.Zones),
			hours(a.PerMonth(s.PersonTime)), hours(a.PerMonth(after)), hours(a.PerMonth(s.FocusCost)), s.Verdict)
		for _, rs := range s.Reasons {
			if rs.Role == policy.RoleDecisive {
				wrap(out, rs.Text, "      ", 100)
			}
		}
		switch {
		case s.Move != nil:
			wrap(out, fmt.Sprintf("move: first at %s (%s), %s a month of focus", span(s.Move.First, c.zone), localTimes(c, s.Attendees, s.Move.First.Start),
				hours(a.PerMonth(s.Move.FocusCost))), "      ", 100)
		case s.Rotation != nil:
			var times []string
			for _, sl := range s.Rotation.Slots {
				times = append(times, fmt.Sprintf("%s (%s)", sl.Interval.Start.In(c.zone).Format("Mon 01-02 15:04"), localTimes(c, s.Attendees, sl.Interval.Start)))
			}
			wrap(out, "rotate among: "+strings.Join(times, "; "), "      ", 100)
		}
	}
	out.WriteString("\nPer person, over the whole window:\n")
	fmt.Fprintf(out, "%-10s %8s %11s %11s %8s %11s\n", "person", "meetings", "in meetings", "after hours", "focus", "fragmented")
	for _, p := range a.Load.People {
		fmt.Fprintf(out, "%-10s %8d %11s %11s %8s %11s\n", p.ID, p.Meetings, hours(p.Meeting), hours(p.AfterHours), hours(p.Focus), hours(p.Fragmented))
	}
	t := a.Load.Team
	fmt.Fprintf(out, "%-10s %8d %11s %11s %8s %11s\n", "team", t.Meetings, hours(t.Meeting), hours(t.AfterHours), hours(t.Focus), hours(t.Fragmented))
}

// localTimes writes each attendee's local clock at t: "ben 14:00, sam 08:00".
func localTimes(c *common, ids []string, t time.Time) string {
	var out []string
	for _, id := range ids {
		if p, ok := c.roster.Person(id); ok {
			out = append(out, fmt.Sprintf("%s %s", id, t.In(p.Zone).Format("15:04")))
		}
	}
	return strings.Join(out, ", ")
}

// loadChart writes an SVG bar chart of each person's working time over
// the window: focus, fragmented and meeting time, and meeting time after
// hours, one bar a person, with the figures in tooltips and at the end.
func loadChart(out *bytes.Buffer, a policy.Audit) {
	const (
		left, right, row, top, barWidth = 90, 150, 26, 56, 520
	)
	parts := []struct {
		name, color string
		of          func(overlap.LoadFigures) time.Duration
	}{
		{"focus", "#2e7d32", func(f overlap.LoadFigures) time.Duration { return f.Focus }},
		{"fragmented", "#a5d6a7", func(f overlap.LoadFigures) time.Duration { return f.Fragmented }},
		{"meetings in hours", "#1565c0", func(f overlap.LoadFigures) time.Duration { return f.Meeting - f.AfterHours }},
		{"meetings after hours", "#c62828", func(f overlap.LoadFigures) time.Duration { return f.AfterHours }},
	}
	var most time.Duration
	for _, p := range a.Load.People {
		var sum time.Duration
		for _, pt := range parts {
			sum += pt.of(p.LoadFigures)
		}
		most = max(most, sum)
	}
	if most == 0 {
		most = time.Hour
	}
	height := top + row*len(a.Load.People) + 40
	width := left + barWidth + right
	fmt.Fprintf(out, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(out, `<title>Focus and meeting time per person, %s to %s (UTC)</title>`+"\n", a.Window.Start.UTC().Format("2006-01-02"), a.Window.End.UTC().Format("2006-01-02"))
	fmt.Fprintf(out, `<text x="%d" y="18" font-size="14">Focus and meeting time per person, %s to %s (UTC)</text>`+"\n", left, a.Window.Start.UTC().Format("Mon 2006-01-02"), a.Window.End.UTC().Format("Mon 2006-01-02"))
	x := left
	for _, pt := range parts {
		fmt.Fprintf(out, `<rect x="%d" y="30" width="12" height="12" fill="%s"/><text x="%d" y="40">%s</text>`+"\n", x, pt.color, x+16, pt.name)
		x += 30 + 7*len(pt.name)
	}
	for i, p := range a.Load.People {
		y := top + row*i
		fmt.Fprintf(out, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-8, y+15, esc(p.ID))
		at := float64(left)
		for _, pt := range parts {
			d := pt.of(p.LoadFigures)
			if d <= 0 {
				continue
			}
			w := float64(barWidth) * float64(d) / float64(most)
			fmt.Fprintf(out, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s %s</title></rect>`+"\n", at, y+2, w, row-6, pt.color, esc(p.ID), hours(d), pt.name)
			at += w
		}
		fmt.Fprintf(out, `<text x="%d" y="%d">focus %s, meetings %s</text>`+"\n", left+barWidth+8, y+15, hours(p.Focus), hours(p.Meeting))
	}
	fmt.Fprintf(out, `<text x="%d" y="%d" fill="#555">A bar is %s at full width; focus is free working time in blocks of at least %s.</text>`+"\n",
		left, height-14, hours(most), hours(policy.DefaultFocusBlock))
	out.WriteString("</svg>\n")
}

// writeVerdicts writes the audit in brief: the series under each verdict
// but keep, and how many are kept.
func writeVerdicts(out *bytes.Buffer, c *common, a policy.Audit) {
	fmt.Fprintf(out, "Meetings in the calendars, 4 weeks from %s: %s, %s of people's time a month\n(planner audit for more):\n",
		a.Window.Start.In(c.zone).Format("Mon 01-02"), plural(len(a.Series), "series", "series"), hours(a.PerMonth(a.PersonTime)))
	kept := 0
	for _, v := range []policy.Verdict{policy.VerdictMakeAsync, policy.VerdictMove, policy.VerdictRotate, policy.VerdictShorten} {
		var names []string
		for _, s := range a.Series {
			switch {
			case s.Verdict != v:
			case s.Move != nil:
				names = append(names, fmt.Sprintf("%s (%s)", s.Title, offsetWords(s.Move.Offset)))
			default:
				names = append(names, s.Title)
			}
		}
		if len(names) > 0 {
			wrap(out, fmt.Sprintf("%s: %s", v, strings.Join(names, ", ")), "  ", 100)
		}
	}
	for _, s := range a.Series {
		if s.Verdict == policy.VerdictKeep {
			kept++
		}
	}
	if kept > 0 {
		fmt.Fprintf(out, "  keep: %s\n", plural(kept, "series", "series"))
	}
}

// offsetWords writes a move's offset: "1h earlier", "30m later".
func offsetWords(d time.Duration) string {
	if d < 0 {
		return hours(-d) + " earlier"
	}
	return hours(d) + " later"
}
