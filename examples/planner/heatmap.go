package main

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// A heatMap counts, for each hour of each civil day of the window in the
// viewer's zone, the people free for the whole hour (overlap.Report.Buckets).
type heatMap struct {
	zone   *time.Location
	team   []calendar.Person
	window calendar.Interval
	days   []heatDay
	common calendar.Set // when everyone is free
}

type heatDay struct {
	date  calendar.Date
	cells [24]calendar.Interval // wall hours in the zone, clipped to the window; empty when outside it or skipped
	free  [24]int               // people free for the whole cell; -1 for an empty cell
	day   overlap.Day
}

func newHeatMap(r *overlap.Report, team []calendar.Person, zone *time.Location) (*heatMap, error) {
	common, err := r.Common()
	if err != nil {
		return nil, err
	}
	buckets, err := r.Buckets(zone, time.Hour)
	if err != nil {
		return nil, err
	}
	h := &heatMap{zone: zone, team: team, window: r.Window(), common: common}
	byDate := map[calendar.Date][]overlap.Bucket{}
	for _, b := range buckets {
		byDate[b.Date] = append(byDate[b.Date], b)
	}
	for _, day := range r.Daily(zone) {
		d := heatDay{date: day.Date, day: day}
		for hr, b := range byDate[day.Date] {
			d.cells[hr], d.free[hr] = b.Interval, b.Free
			if b.IsEmpty() {
				d.free[hr] = -1
			}
		}
		h.days = append(h.days, d)
	}
	return h, nil
}

// glyph is a cell's count as one character: 0-9, + for more, blank for none.
func glyph(n int) string {
	switch {
	case n < 0:
		return " "
	case n > 9:
		return "+"
	}
	return fmt.Sprint(n)
}

// shade grades n free of team from 0 (none) to 5 (everyone).
func shade(n, team int) int {
	if n <= 0 || team == 0 {
		return 0
	}
	if n >= team {
		return 5
	}
	return 1 + (n*4-1)/team
}

// ANSI 256-colour backgrounds for the shades.
var ansiShades = [6]int{236, 52, 94, 100, 28, 34}

// text writes the heat map: a header of hours, a row per day, a legend.
// Each row is 11 + 72 + up to 17 columns.
func (h *heatMap) text(b *bytes.Buffer, color bool) {
	fmt.Fprintf(b, "People free for the whole hour (of %d), hours in %s:\n", len(h.team), h.zone)
	b.WriteString("          ")
	for hr := range 24 {
		fmt.Fprintf(b, " %02d", hr)
	}
	b.WriteString("  together\n")
	for _, d := range h.days {
		fmt.Fprintf(b, "%-10s", time.Date(d.date.Year, d.date.Month, d.date.Day, 0, 0, 0, 0, time.UTC).Format("Mon 01-02"))
		for hr := range 24 {
			g := glyph(d.free[hr])
			if color && d.free[hr] >= 0 {
				fmt.Fprintf(b, " \x1b[48;5;%dm\x1b[97m%2s\x1b[0m", ansiShades[shade(d.free[hr], len(h.team))], g)
			} else {
				fmt.Fprintf(b, " %2s", g)
			}
		}
		if d.day.Common > 0 {
			fmt.Fprintf(b, "  all %s\n", hours(d.day.Common))
		} else {
			fmt.Fprintf(b, "  max %d\n", d.day.MostFree)
		}
	}
	b.WriteString("Each cell: people free for that whole hour, 0-9, + for 10 or more; blank: outside the window.\n")
	b.WriteString("together: time everyone is free that day (all), or the most people free at once (max).\n")
}

// SVG geometry.
const (
	svgCellW, svgCellH = 30, 22
	svgLeft            = 170
)

var svgFills = [6]string{"#eeeeee", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#31a354"}

// svg draws the heat map: zone labels above (each zone's local hour at
// each column on the first day), a cell per hour per day, everyone's
// common windows outlined, and a legend.
func (h *heatMap) svg(b *bytes.Buffer) {
	zones := h.zoneRows()
	top := 50 + svgCellH*(len(zones)+1)
	width := svgLeft + 24*svgCellW + 20
	height := top + svgCellH*len(h.days) + 80
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(b, `<text x="10" y="22" font-size="15" font-weight="bold">%s</text>`+"\n",
		esc(fmt.Sprintf("When the team is free: people free for the whole hour (of %d)", len(h.team))))
	fmt.Fprintf(b, `<text x="10" y="40" fill="#555">%s</text>`+"\n",
		esc(fmt.Sprintf("%s to %s, rows are days and columns hours in %s", utc(h.window.Start), utc(h.window.End), h.zone)))
	// Zone labels: the viewer's zone, then each team zone's local hours.
	for i, z := range append([]zoneRow{{label: h.zone.String() + " (viewer)", hours: viewerHours()}}, zones...) {
		y := 50 + svgCellH*i + 15
		weight := ""
		if i == 0 {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(b, `<text class="zone" x="10" y="%d"%s>%s</text>`+"\n", y, weight, esc(z.label))
		for hr, s := range z.hours {
			fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="#333">%s</text>`+"\n",
				svgLeft+hr*svgCellW+svgCellW/2, y, esc(s))
		}
	}
	for i, d := range h.days {
		y := top + i*svgCellH
		fmt.Fprintf(b, `<text x="10" y="%d">%s</text>`+"\n", y+15,
			time.Date(d.date.Year, d.date.Month, d.date.Day, 0, 0, 0, 0, time.UTC).Format("Mon 2006-01-02"))
		fmt.Fprintf(b, `<g class="day" data-date="%s">`+"\n", d.date)
		for hr := range 24 {
			x := svgLeft + hr*svgCellW
			fill, label := "#ffffff", ""
			if d.free[hr] >= 0 {
				fill, label = svgFills[shade(d.free[hr], len(h.team))], glyph(d.free[hr])
			}
			fmt.Fprintf(b, `<rect class="cell" x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ffffff"><title>%s</title></rect>`,
				x, y, svgCellW, svgCellH, fill, esc(h.cellTitle(d, hr)))
			if label != "" {
				fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x+svgCellW/2, y+15, label)
			}
			b.WriteString("\n")
		}
		b.WriteString("</g>\n")
		// Common windows that touch this day, outlined.
		dayIv := calendar.Interval{Start: firstStart(d), End: lastEnd(d)}
		for iv := range h.common.Clip(dayIv).All() {
			x0, x1 := h.pos(d, iv.Start), h.pos(d, iv.End)
			fmt.Fprintf(b, `<rect class="common" x="%.1f" y="%d" width="%.1f" height="%d" fill="none" stroke="#08519c" stroke-width="3"><title>%s</title></rect>`+"\n",
				float64(svgLeft)+x0*svgCellW, y+1, (x1-x0)*svgCellW, svgCellH-2, esc("everyone free "+utc(iv.Start)+" to "+utc(iv.End)))
		}
	}
	// Legend.
	y := top + svgCellH*len(h.days) + 25
	fmt.Fprintf(b, `<text x="10" y="%d">Legend</text>`+"\n", y+14)
	for s := range 6 {
		x := svgLeft + s*90
		what := []string{"nobody", "a few", "some", "about half", "most", "everyone"}[s]
		fmt.Fprintf(b, `<rect class="legend" x="%d" y="%d" width="18" height="18" fill="%s" stroke="#999"/><text x="%d" y="%d">%s</text>`+"\n",
			x, y, svgFills[s], x+24, y+14, what)
	}
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="24" height="14" fill="none" stroke="#08519c" stroke-width="3"/><text x="%d" y="%d">%s</text>`+"\n",
		svgLeft, y+30, svgLeft+32, y+42, "everyone free (common window)")
	b.WriteString("</svg>\n")
}

func firstStart(d heatDay) time.Time {
	for _, c := range d.cells {
		if !c.IsEmpty() {
			return c.Start
		}
	}
	return d.day.Start
}

func lastEnd(d heatDay) time.Time {
	for i := 23; i >= 0; i-- {
		if !d.cells[i].IsEmpty() {
			return d.cells[i].End
		}
	}
	return d.day.End
}

// pos is t's column on day d, fractional within the hour holding it.
func (h *heatMap) pos(d heatDay, t time.Time) float64 {
	for hr, c := range d.cells {
		if c.Contains(t) {
			return float64(hr) + float64(t.Sub(c.Start))/float64(c.Duration())
		}
		if !c.IsEmpty() && t.Equal(c.End) {
			return float64(hr + 1)
		}
	}
	return 0
}

func (h *heatMap) cellTitle(d heatDay, hr int) string {
	if d.free[hr] < 0 {
		return fmt.Sprintf("%s %02d:00: outside the window", d.date, hr)
	}
	return fmt.Sprintf("%s %02d:00 %s: %d of %d free", d.date, hr, h.zone, d.free[hr], len(h.team))
}

type zoneRow struct {
	label string
	hours []string
}

func viewerHours() []string {
	s := make([]string, 24)
	for hr := range s {
		s[hr] = fmt.Sprintf("%02d", hr)
	}
	return s
}

// zoneRows gives each of the team's zones (in roster order, once) with
// its local hour at the start of each column of the first day.
func (h *heatMap) zoneRows() []zoneRow {
	var rows []zoneRow
	seen := map[string]int{}
	for _, p := range h.team {
		name := p.Zone.String()
		if i, ok := seen[name]; ok {
			rows[i].label += ", " + p.ID
			continue
		}
		seen[name] = len(rows)
		hrs := make([]string, 24)
		if len(h.days) > 0 {
			d := h.days[0]
			for hr := range 24 {
				t := calendar.Wall(d.date, calendar.Clock(hr*60), h.zone).In(p.Zone)
				if t.Minute() == 0 {
					hrs[hr] = t.Format("15")
				} else {
					hrs[hr] = t.Format("15:04")[:2] + "½"
					if t.Minute() != 30 {
						hrs[hr] = t.Format("15") + "'"
					}
				}
			}
		}
		rows = append(rows, zoneRow{label: name + ": " + p.ID, hours: hrs})
	}
	return rows
}

func esc(s string) string { return html.EscapeString(strings.ToValidUTF8(s, "?")) }
