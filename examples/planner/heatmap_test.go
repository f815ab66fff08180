package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// heatOf makes the heat map of a roster (JSON) over the civil days from
// first to the day before end, in zone, with cells of step.
func heatOf(t *testing.T, roster, zone, first, end string, step time.Duration) *heatMap {
	t.Helper()
	r, err := calendar.ReadRoster(strings.NewReader(roster))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := calendar.LoadZone(zone)
	if err != nil {
		t.Fatal(err)
	}
	window := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate(first), calendar.Midnight, loc),
		End:   calendar.Wall(calendar.MustParseDate(end), calendar.Midnight, loc),
	}
	rep, err := overlap.Compute(context.Background(), r.People, window, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHeatMapStep(rep, r.People, loc, step)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// heatText is the text heat map's grid read back: each day's label and
// its cells' text, in order across the panels. It fails the test unless
// every cell's text ends where its column's heading does.
func heatText(t *testing.T, out string) (days []string, cells map[string][]string) {
	t.Helper()
	cells = map[string][]string{}
	var cols []int // the columns at which the current panel's headings end
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, strings.Repeat(" ", 10)):
			cols = nil
			for i := 1; i <= len(line); i++ {
				if line[i-1] != ' ' && (i == len(line) || line[i] == ' ') && !strings.HasSuffix(line[:i], "together") {
					cols = append(cols, i)
				}
			}
		case len(line) > 10 && slices.Contains([]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, line[:3]):
			day := strings.TrimSpace(line[:10])
			if _, ok := cells[day]; !ok {
				days = append(days, day)
			}
			from := 10
			for _, end := range cols {
				s := line[from:end]
				if strings.TrimSpace(s) != "" && s[len(s)-1] == ' ' {
					t.Errorf("%s: %q does not end under its heading", day, s)
				}
				cells[day] = append(cells[day], strings.TrimSpace(s))
				from = end
			}
		}
	}
	return days, cells
}

func heatTextOf(h *heatMap) string {
	var b bytes.Buffer
	h.text(&b, false)
	return b.String()
}

// heatRow builds a day of n cells of "0" with the given cells set.
func heatRow(n int, set map[int]string) []string {
	r := make([]string, n)
	for k := range r {
		r[k] = "0"
		if s, ok := set[k]; ok {
			r[k] = s
		}
	}
	return r
}

// Two people whose common time is 14:00-14:30 UTC on Monday 2026-03-09:
// ana works 10:00-15:30 in Berlin (09:00-14:30 UTC, CET) with a soft
// focus block 10:00-10:20 (09:00-09:20 UTC), and raj 19:30-23:30 in
// Kolkata (14:00-18:00 UTC).
const partsRoster = `{"people": [
	{"id": "ana", "zone": "Europe/Berlin", "hours": "Mon-Fri 10:00-15:30",
	 "focus": [{"name": "inbox", "rule": "FREQ=DAILY", "start": "2026-03-02T10:00", "duration": "20m"}]},
	{"id": "raj", "zone": "Asia/Kolkata", "hours": "Mon-Fri 19:30-23:30"}]}`

// TestHeatMapCountsPartsOfCells: a cell counts each person for the share
// of it they are free, worked out by hand.
func TestHeatMapCountsPartsOfCells(t *testing.T) {
	tests := []struct {
		name, zone string
		step       time.Duration
		want       []string
	}{
		// 09: ana 40 of 60 minutes (0.67); 10-13: ana; 14: ana half, raj
		// all (1.5); 15-17: raj.
		{"hours in UTC", "UTC", time.Hour, heatRow(24, map[int]string{9: "0.7", 10: "1", 11: "1", 12: "1", 13: "1", 14: "1.5", 15: "1", 16: "1", 17: "1"})},
		// 09:00: ana 10 of 30 minutes; 14:00-14:30 both, whole; from
		// 14:30 raj alone until 18:00.
		{"half hours in UTC", "UTC", 30 * time.Minute, heatRow(48, map[int]string{
			18: "0.3", 19: "1", 20: "1", 21: "1", 22: "1", 23: "1", 24: "1", 25: "1", 26: "1", 27: "1",
			28: "2", 29: "1", 30: "1", 31: "1", 32: "1", 33: "1", 34: "1", 35: "1"})},
		// Kolkata is UTC+5:30: ana is free 14:50-20:00, raj 19:30-23:30.
		// 14: ana 10 of 60 minutes (0.17); 19: ana all, raj half; 23:
		// raj half.
		{"hours in Kolkata", "Asia/Kolkata", time.Hour, heatRow(24, map[int]string{
			14: "0.2", 15: "1", 16: "1", 17: "1", 18: "1", 19: "1.5", 20: "1", 21: "1", 22: "1", 23: "0.5"})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := heatOf(t, partsRoster, tc.zone, "2026-03-09", "2026-03-10", tc.step)
			out := heatTextOf(h)
			checkText(t, out)
			days, cells := heatText(t, out)
			if !slices.Equal(days, []string{"Mon 03-09"}) {
				t.Fatalf("days %q, want Mon 03-09:\n%s", days, out)
			}
			if diff := cmp.Diff(tc.want, cells["Mon 03-09"]); diff != "" {
				t.Errorf("cells (-want +got):\n%s\n%s", diff, out)
			}
			if !strings.Contains(out, "  all 30m\n") {
				t.Errorf("no 30m of common time in the day's summary:\n%s", out)
			}
			// The SVG shows the same counts.
			var b bytes.Buffer
			h.svg(&b)
			doc := parseHeatSVG(t, b.String())
			var got []string
			for _, r := range doc.Days[0].cells() {
				got = append(got, r.Count)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("SVG counts (-want +got):\n%s", diff)
			}
		})
	}
}

// The common time fills no hour, so no hour is outlined as everyone's;
// it underlines the first half of 14:00 instead. In half hours it fills
// 14:00-14:30, which is outlined.
func TestHeatMapOutlinesOnlyWholeCells(t *testing.T) {
	for _, tc := range []struct {
		step    time.Duration
		outline []float64 // the x and width of each outline, in cells
		part    []float64 // the x and width of each underline, in cells
	}{
		{time.Hour, nil, []float64{14, 0.5}},
		{30 * time.Minute, []float64{28, 1}, nil},
	} {
		h := heatOf(t, partsRoster, "UTC", "2026-03-09", "2026-03-10", tc.step)
		var b bytes.Buffer
		h.svg(&b)
		doc := parseHeatSVG(t, b.String())
		left, cw := doc.Days[0].Rects[0].X, doc.Days[0].Rects[0].Width
		var outline, part []float64
		for _, r := range doc.Rects {
			if r.Class == "common" {
				outline = append(outline, (r.X-left)/cw, r.Width/cw)
			}
		}
		for _, r := range doc.Days[0].Rects {
			if r.Class == "common-part" {
				part = append(part, (r.X-left)/cw, r.Width/cw)
			}
		}
		if !slices.Equal(outline, tc.outline) || !slices.Equal(part, tc.part) {
			t.Errorf("step %s: outlines %v and underlines %v, want %v and %v", tc.step, outline, part, tc.outline, tc.part)
		}
	}
	// On the demo team, across Europe's change, every outlined cell has
	// everyone free for all of it, and every such cell is outlined.
	for _, step := range []string{"1h", "30m", "15m"} {
		out := mustRun(t, weekNow, "overlap", "-format", "svg", "-people", "ben,priya,sam", "-zone", "Europe/Berlin",
			"-from", "2026-03-23", "-to", "2026-03-31", "-step", step)
		doc := parseHeatSVG(t, out)
		outlined := 0
		for _, d := range doc.Days {
			for _, c := range d.Rects {
				if c.Class != "cell" {
					continue
				}
				in := false
				for _, o := range doc.Rects {
					if o.Class == "common" && o.Y == c.Y+1 && o.X <= c.X && c.X+c.Width <= o.X+o.Width+0.01 {
						in = true
					}
				}
				if in != (c.Count == "3") {
					t.Errorf("-step %s: %s %s counts %q, outlined: %v", step, d.Date, c.Clock, c.Count, in)
				}
				if in {
					outlined++
				}
			}
		}
		if outlined == 0 {
			t.Errorf("-step %s: nothing outlined; ben, priya and sam have common hours in that week", step)
		}
	}
}

// Steps of 30 and 15 minutes give 48 and 96 cells a day, on days of 23
// and 25 hours too, as overlap.Report.Buckets cuts them: the cells the
// clocks skip are empty, and the time they show twice belongs to the
// cell in which they fall back. u is free 00:00-02:30 UTC on Sundays.
func TestHeatMapStepsAndDST(t *testing.T) {
	const roster = `{"people": [{"id": "u", "zone": "UTC", "hours": "Sun 00:00-02:30"}]}`
	tests := []struct {
		name        string
		first, end  string
		step        time.Duration
		want        []string        // the day's cells
		long, short map[int]float64 // cells of other lengths than the step, in hours
	}{
		// Berlin springs forward at 02:00 CET (01:00 UTC): 01 is
		// 00:00-01:00 UTC, 02 is skipped, 03 is 01:00-02:00, 04 holds
		// 02:00-02:30 of u's free time.
		{"23h day by hour", "2026-03-29", "2026-03-30", time.Hour,
			heatRow(24, map[int]string{1: "1", 2: "-", 3: "1", 4: "0.5"}), nil, map[int]float64{2: 0}},
		{"23h day by 30m", "2026-03-29", "2026-03-30", 30 * time.Minute,
			heatRow(48, map[int]string{2: "1", 3: "1", 4: "-", 5: "-", 6: "1", 7: "1", 8: "1"}), nil, map[int]float64{4: 0, 5: 0}},
		{"23h day by 15m", "2026-03-29", "2026-03-30", 15 * time.Minute,
			heatRow(96, map[int]string{4: "1", 5: "1", 6: "1", 7: "1", 8: "-", 9: "-", 10: "-", 11: "-", 12: "1", 13: "1", 14: "1", 15: "1", 16: "1", 17: "1"}),
			nil, map[int]float64{8: 0, 9: 0, 10: 0, 11: 0}},
		// Berlin falls back at 03:00 CEST (01:00 UTC): the cell 02 holds
		// both of its 02:00 hours, 00:00-02:00 UTC, all of them free.
		{"25h day by hour", "2026-10-25", "2026-10-26", time.Hour,
			heatRow(24, map[int]string{2: "1", 3: "0.5"}), map[int]float64{2: 2}, nil},
		// In half hours 02:00 is 00:00-00:30 UTC and 02:30 holds the rest
		// of the hour the clocks repeat, 00:30-02:00 UTC.
		{"25h day by 30m", "2026-10-25", "2026-10-26", 30 * time.Minute,
			heatRow(48, map[int]string{4: "1", 5: "1", 6: "1"}), map[int]float64{5: 1.5}, nil},
		{"25h day by 15m", "2026-10-25", "2026-10-26", 15 * time.Minute,
			heatRow(96, map[int]string{8: "1", 9: "1", 10: "1", 11: "1", 12: "1", 13: "1"}), map[int]float64{11: 1.25}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := heatOf(t, roster, "Europe/Berlin", tc.first, tc.end, tc.step)
			if len(h.days) != 1 || len(h.days[0].cells) != len(tc.want) {
				t.Fatalf("%d days, want 1 of %d cells", len(h.days), len(tc.want))
			}
			for k, c := range h.days[0].cells {
				want := tc.step.Hours()
				if l, ok := tc.long[k]; ok {
					want = l
				}
				if l, ok := tc.short[k]; ok {
					want = l
				}
				if got := c.iv.Duration().Hours(); got != want {
					t.Errorf("cell %d (%s) is %vh long, want %vh", k, c.clock, got, want)
				}
			}
			out := heatTextOf(h)
			checkText(t, out)
			_, cells := heatText(t, out)
			day := civilDay(calendar.MustParseDate(tc.first)).Format("Mon 01-02")
			if diff := cmp.Diff(tc.want, cells[day]); diff != "" {
				t.Errorf("cells (-want +got):\n%s\n%s", diff, out)
			}
		})
	}
	// Every day of a window gets as many cells, in the text and the SVG.
	for _, step := range []string{"30m", "15m"} {
		text := mustRun(t, weekNow, "overlap", "-from", "2026-03-09", "-to", "2026-03-12", "-step", step)
		checkText(t, text)
		days, cells := heatText(t, text)
		perDay := map[string]int{"30m": 48, "15m": 96}[step]
		if len(days) != 3 {
			t.Fatalf("-step %s: %d days in the text, want 3:\n%s", step, len(days), text)
		}
		for _, d := range days {
			if len(cells[d]) != perDay {
				t.Errorf("-step %s: %s has %d cells in the text, want %d", step, d, len(cells[d]), perDay)
			}
		}
		doc := parseHeatSVG(t, mustRun(t, weekNow, "overlap", "-format", "svg", "-from", "2026-03-09", "-to", "2026-03-12", "-step", step))
		for _, d := range doc.Days {
			if n := len(d.cells()); n != perDay {
				t.Errorf("-step %s: %s has %d cells in the SVG, want %d", step, d.Date, n, perDay)
			}
		}
	}
}

func TestHeatMapStepErrors(t *testing.T) {
	for _, step := range []string{"4m", "0s", "-1h", "1m30s", "7m", "7m30s", "25h", "48h", "1h7m"} {
		code, out, errOut := planner(t, weekNow, "overlap", "-step", step)
		if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "-step "+step+": ") {
			t.Errorf("-step %s: exit %d, stdout %q, stderr %q; want exit 2 and one line about -step %s", step, code, out, errOut, step)
		}
	}
	for _, step := range []string{"5m", "8m", "45m", "1h30m", "2h", "24h"} {
		out := mustRun(t, weekNow, "overlap", "-step", step, "-from", "2026-03-09", "-to", "2026-03-10")
		checkText(t, out)
		if _, cells := heatText(t, out); len(cells["Mon 03-09"]) != int(24*time.Hour/heatDuration(t, step)) {
			t.Errorf("-step %s: %d cells:\n%s", step, len(cells["Mon 03-09"]), out)
		}
	}
}

func heatDuration(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// heatSVG is the part of the heat map's SVG the tests read.
type heatSVG struct {
	Width  float64       `xml:"width,attr"`
	Height float64       `xml:"height,attr"`
	Texts  []heatSVGText `xml:"text"`
	Rects  []heatSVGRect `xml:"rect"`
	Days   []heatSVGDay  `xml:"g"`
}

type heatSVGDay struct {
	Date  string        `xml:"data-date,attr"`
	Rects []heatSVGRect `xml:"rect"`
	Texts []heatSVGText `xml:"text"`
	Marks []struct {
		Class string `xml:"class,attr"`
	} `xml:"path"`
}

func (d heatSVGDay) cells() []heatSVGRect {
	var cs []heatSVGRect
	for _, r := range d.Rects {
		if r.Class == "cell" {
			cs = append(cs, r)
		}
	}
	return cs
}

type heatSVGText struct {
	Class  string  `xml:"class,attr"`
	X      float64 `xml:"x,attr"`
	Y      float64 `xml:"y,attr"`
	Size   float64 `xml:"font-size,attr"`
	Anchor string  `xml:"text-anchor,attr"`
	Weight string  `xml:"font-weight,attr"`
	Zone   string  `xml:"data-zone,attr"`
	Date   string  `xml:"data-date,attr"`
	Clock  string  `xml:"data-clock,attr"`
	Text   string  `xml:",chardata"`
}

type heatSVGRect struct {
	Class string  `xml:"class,attr"`
	X     float64 `xml:"x,attr"`
	Y     float64 `xml:"y,attr"`
	Width float64 `xml:"width,attr"`
	Fill  string  `xml:"fill,attr"`
	Clock string  `xml:"data-clock,attr"`
	Count string  `xml:"data-count,attr"`
	Title string  `xml:"title"`
}

func parseHeatSVG(t *testing.T, out string) heatSVG {
	t.Helper()
	var doc heatSVG
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("the SVG does not parse: %v", err)
	}
	for i := range doc.Days {
		var cells []heatSVGRect
		for _, r := range doc.Days[i].Rects {
			if r.Class == "cell" || r.Class == "common-part" {
				cells = append(cells, r)
			}
		}
		doc.Days[i].Rects = cells
	}
	return doc
}

// The zone rows: each cell's local time in New York is worked out from
// the cell's own instant, day by day, through the changes of 2026 in the
// US (03-08, 11-01) and in Europe (03-29, 10-25), viewed from Berlin. A
// zone's row is drawn for the first day and again on each day whose row
// differs from the day before's; it holds until the next.
func TestHeatMapZoneRowsFollowEachDay(t *testing.T) {
	const roster = `{"people": [{"id": "sam", "zone": "America/New_York"}, {"id": "ben", "zone": "Europe/Berlin"}]}`
	berlin, ny := heatLoc(t, "Europe/Berlin"), heatLoc(t, "America/New_York")
	first, end := calendar.MustParseDate("2026-03-01"), calendar.MustParseDate("2026-11-09")
	h := heatOf(t, roster, "Europe/Berlin", first.String(), end.String(), time.Hour)
	var b bytes.Buffer
	h.svg(&b)
	doc := parseHeatSVG(t, b.String())
	shown := map[string]map[string]string{} // date, clock: label
	for _, tx := range doc.Texts {
		if tx.Class == "local" && tx.Zone == "America/New_York" {
			if shown[tx.Date] == nil {
				shown[tx.Date] = map[string]string{}
			}
			shown[tx.Date][tx.Clock] = tx.Text
		}
	}
	var current map[string]string
	var before []string
	var changes []string
	for d := first; d.Before(end); d = d.AddDays(1) {
		var want []string
		for hr := range 24 {
			c := calendar.Clock(hr * 60)
			at := calendar.Wall(d, c, berlin)
			label := ""
			if calendar.DateTimeOf(at.In(berlin)) == (calendar.DateTime{Date: d, Clock: c}) { // else the clocks skip it
				label = at.In(ny).Format("15")
			}
			want = append(want, label)
		}
		if !slices.Equal(want, before) {
			changes = append(changes, d.String())
		}
		before = want
		if row, ok := shown[d.String()]; ok {
			current = row
		}
		for hr, label := range want {
			if got := current[fmt.Sprintf("%02d:00", hr)]; got != label {
				t.Errorf("%s %02d:00 Berlin: New York's row shows %q, want %q", d, hr, got, label)
			}
		}
	}
	var got []string
	for d := range shown {
		got = append(got, d)
	}
	slices.Sort(got)
	// The first day, then each change and the day after it (the day of
	// the change is a row of its own).
	wantChanges := []string{"2026-03-01", "2026-03-08", "2026-03-09", "2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26", "2026-11-01", "2026-11-02"}
	if !slices.Equal(changes, wantChanges) {
		t.Errorf("the rows change on %q, want %q", changes, wantChanges)
	}
	if !slices.Equal(got, changes) {
		t.Errorf("New York's row is drawn on %q, want on the days it changes, %q", got, changes)
	}
}

func heatLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := calendar.LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Tooltips name who is free, who partly (for how long, and what takes the
// rest) and who is away and why. On Good Friday 2026 (in UTC): ana has a
// holiday in Berlin (CEST, working 07:00-15:00 UTC), sam a day off for a
// conference in New York (EDT, 11:00-19:00 UTC), raj works in Kolkata
// (04:30-13:00 UTC) with code review until 06:00 UTC, lee 09:00-12:30.
func TestHeatMapTooltips(t *testing.T) {
	const roster = `{"people": [
		{"id": "ana", "zone": "Europe/Berlin", "hours": "Mon-Fri 09:00-17:00", "holidays": ["DE"]},
		{"id": "sam", "zone": "America/New_York", "hours": "Mon-Fri 07:00-15:00",
		 "timeOff": [{"from": "2026-04-03", "to": "2026-04-03", "reason": "conference"}]},
		{"id": "raj", "zone": "Asia/Kolkata", "hours": "Mon-Fri 10:00-18:30",
		 "focus": [{"name": "code review", "rule": "FREQ=DAILY", "start": "2026-03-02T10:00", "duration": "90m"}]},
		{"id": "lee", "zone": "UTC", "hours": "Mon-Fri 09:00-12:30"}]}`
	h := heatOf(t, roster, "UTC", "2026-04-03", "2026-04-04", time.Hour)
	var b bytes.Buffer
	h.svg(&b)
	doc := parseHeatSVG(t, b.String())
	cells := doc.Days[0].cells()
	tests := []struct {
		hour   int
		marked bool // someone's working time is a holiday or time off
		want   []string
	}{
		{5, false, []string{
			"Fri 2026-04-03 05:00–06:00 UTC: 0 of 4 free",
			"away, off hours, holiday (Karfreitag): ana",
			"away, off hours, time off (conference): sam",
			"away, focus (code review): raj",
			"away, off hours: lee",
		}},
		{9, true, []string{
			"Fri 2026-04-03 09:00–10:00 UTC: 2 of 4 free",
			"free: raj, lee",
			"away, holiday (Karfreitag): ana",
			"away, off hours, time off (conference): sam",
		}},
		{12, true, []string{
			"Fri 2026-04-03 12:00–13:00 UTC: 1.5 of 4 free",
			"free: raj",
			"partly free: lee 30m (the rest off hours)",
			"away, holiday (Karfreitag): ana",
			"away, time off (conference): sam",
		}},
		{20, false, []string{
			"Fri 2026-04-03 20:00–21:00 UTC: 0 of 4 free",
			"away, off hours, holiday (Karfreitag): ana",
			"away, off hours, time off (conference): sam",
			"away, off hours: raj, lee",
		}},
	}
	marks := 0
	for _, m := range doc.Days[0].Marks {
		if m.Class == "away" {
			marks++
		}
	}
	// ana's holiday takes 07:00-15:00, sam's time off 11:00-19:00.
	if marks != 12 {
		t.Errorf("%d cells marked for a holiday or time off, want 12 (07:00-19:00)", marks)
	}
	for _, tc := range tests {
		c := cells[tc.hour]
		if diff := cmp.Diff(tc.want, strings.Split(c.Title, "\n")); diff != "" {
			t.Errorf("%02d:00 tooltip (-want +got):\n%s", tc.hour, diff)
		}
		// The mark's corner is the cell's top right.
		marked := strings.Contains(b.String(), fmt.Sprintf(`d="M%s %sh-8l8 8z"`, svgNum(c.X+c.Width), svgNum(c.Y)))
		if marked != tc.marked {
			t.Errorf("%02d:00 marked: %v, want %v", tc.hour, marked, tc.marked)
		}
	}
}

// heatBox is a text's extent, as the SVG's layout estimates it.
type heatBox struct {
	text             string
	x0, x1, top, bot float64
}

func heatBoxes(doc heatSVG) []heatBox {
	texts := slices.Clone(doc.Texts)
	for _, d := range doc.Days {
		texts = append(texts, d.Texts...)
	}
	var boxes []heatBox
	for _, tx := range texts {
		size := tx.Size
		if size == 0 {
			size = 12
		}
		w := textWidth(tx.Text, size, tx.Weight == "bold")
		x0 := tx.X
		switch tx.Anchor {
		case "middle":
			x0 -= w / 2
		case "end":
			x0 -= w
		}
		boxes = append(boxes, heatBox{tx.Text, x0, x0 + w, tx.Y - 0.8*size, tx.Y + 0.25*size})
	}
	return boxes
}

// No two labels overlap, and those left of the grid end before it, on
// the demo team from Berlin across a change of its clocks, in several
// steps, and with long zone names.
func TestHeatMapLabelsApart(t *testing.T) {
	long := heatRosterFile(t, `{"people": [
		{"id": "ana", "zone": "America/Argentina/Buenos_Aires"},
		{"id": "bo", "zone": "America/Indiana/Indianapolis"},
		{"id": "cy", "zone": "America/Indiana/Indianapolis"},
		{"id": "kim", "zone": "Asia/Kathmandu"}]}`)
	for _, a := range [][]string{
		{"-zone", "Europe/Berlin", "-from", "2026-03-23", "-to", "2026-03-30"},
		{"-zone", "Europe/Berlin", "-from", "2026-03-23", "-to", "2026-03-30", "-step", "30m"},
		{"-zone", "Asia/Kathmandu", "-from", "2026-03-23", "-to", "2026-03-30", "-step", "15m"},
		{"-zone", "America/Argentina/Buenos_Aires", "-from", "2026-10-30", "-to", "2026-11-03", "-roster", long},
		{"-zone", "Australia/Lord_Howe", "-from", "2026-04-04", "-to", "2026-04-06", "-roster", long, "-step", "2h"},
		{"-from", "2026-03-09T12:00:00Z", "-to", "2026-03-10T06:00:00Z", "-step", "5m"},
	} {
		out := mustRun(t, weekNow, append([]string{"overlap", "-format", "svg"}, a...)...)
		doc := parseHeatSVG(t, out)
		boxes := heatBoxes(doc)
		// The grid's left edge, and the bottom of its last row: labels
		// left of it from the viewer's zone's row (below the titles) to
		// there end before it.
		grid, bottom := doc.Width, 0.0
		for _, d := range doc.Days {
			for _, c := range d.cells() {
				grid, bottom = min(grid, c.X), max(bottom, c.Y+svgCellH)
			}
		}
		checked := 0
		for i, p := range boxes {
			if p.x0 < 0 || p.x1 > doc.Width {
				t.Errorf("%q: %q runs off the picture (%.0f to %.0f of %.0f)", a, p.text, p.x0, p.x1, doc.Width)
			}
			if p.x0 < grid && p.top > 70 && p.bot < bottom {
				checked++
				if p.x1 > grid-4 {
					t.Errorf("%q: %q (to %.0f) runs into the grid at %.0f", a, p.text, p.x1, grid)
				}
			}
			for _, q := range boxes[i+1:] {
				if p.x0 < q.x1 && q.x0 < p.x1 && p.top < q.bot && q.top < p.bot {
					t.Errorf("%q: %q at (%.0f, %.0f) overlaps %q at (%.0f, %.0f)", a, p.text, p.x0, p.top, q.text, q.x0, q.top)
				}
			}
		}
		if checked < len(doc.Days)+2 {
			t.Errorf("%q: only %d labels left of the grid", a, checked)
		}
	}
}

func heatRosterFile(t *testing.T, roster string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "team.json")
	if err := os.WriteFile(path, []byte(roster), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The SVG names the viewer's zone with the abbreviations of the window
// and says which days it shows in words.
func TestHeatMapSVGTitles(t *testing.T) {
	doc := parseHeatSVG(t, mustRun(t, weekNow, "overlap", "-format", "svg", "-zone", "Europe/Berlin", "-from", "2026-03-23", "-to", "2026-03-30"))
	var texts []string
	for _, tx := range doc.Texts {
		texts = append(texts, tx.Text)
	}
	for _, want := range []string{"Mon 2026-03-23 to Sun 2026-03-29, in Europe/Berlin", "Europe/Berlin (CET/CEST) (viewer)",
		"Sun 2026-03-29 (23h)", "0.1–1.9", "8, everyone", "Local hours from Sun 2026-03-29:"} {
		if !slices.Contains(texts, want) {
			t.Errorf("no text %q among %q", want, texts)
		}
	}
	doc = parseHeatSVG(t, mustRun(t, weekNow, "overlap", "-format", "svg", "-from", "2026-03-09T12:00:00Z", "-to", "2026-03-10T06:00:00Z"))
	for _, tx := range doc.Texts {
		if strings.Contains(tx.Text, "T12:00:00Z") {
			t.Errorf("a raw RFC 3339 instant: %q", tx.Text)
		}
	}
	if !slices.ContainsFunc(doc.Texts, func(tx heatSVGText) bool {
		return tx.Text == "Mon 2026-03-09 12:00 to Tue 2026-03-10 06:00, in UTC"
	}) {
		t.Error("no subtitle naming the window's instants")
	}
}
