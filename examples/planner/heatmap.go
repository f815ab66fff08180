package main

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
)

// A heatMap cuts each civil day of the window, on the viewer's wall clock,
// into cells of a step (overlap.Report.Buckets) and counts in each cell
// the people free in it, each for the share of the cell they are free: a
// cell of an hour in which one person is free throughout and another for
// half of it holds 1.5.
type heatMap struct {
	r      *overlap.Report
	zone   *time.Location
	team   []calendar.Person
	window calendar.Interval
	step   time.Duration
	perDay int
	days   []heatDay
	common calendar.Set // when everyone is free
	// timelines are the people's, in team order: the cells' counts and
	// tooltips both come from them.
	timelines [][]calendar.Segment
}

type heatDay struct {
	date  calendar.Date
	day   overlap.Day // the day's summary; zero for a day the clocks skip
	cells []heatCell
}

// A heatCell is one bucket of a day.
type heatCell struct {
	clock calendar.Clock
	// iv holds the cell's instants inside the window: empty outside it
	// and where the clocks skip the whole cell, shorter where they skip
	// part of it, longer where they show a time twice.
	iv      calendar.Interval
	skipped bool          // the clocks skip the whole cell
	free    time.Duration // the people's free time in iv, summed
	all     bool          // everyone is free for the whole cell
}

// Heat map steps run from 5 minutes (finer cells hold too little to read)
// to a day, and divide the day, so that every day has the same columns.
const minHeatStep = 5 * time.Minute

// checkHeatStep refuses a -step the heat map cannot draw.
func checkHeatStep(step time.Duration) error {
	switch {
	case step < minHeatStep:
		return badf("-step %s: want at least 5m; finer cells hold too little to read", jsontext.FormatDuration(step))
	case step > 24*time.Hour:
		return badf("-step %s: want at most 24h, one cell a day", jsontext.FormatDuration(step))
	case step%time.Minute != 0 || (24*time.Hour)%step != 0:
		return badf("-step %s: want a whole number of minutes that divides a day, such as 15m, 20m, 30m, 1h or 2h", jsontext.FormatDuration(step))
	}
	return nil
}

// newHeatMap makes the heat map of hours.
func newHeatMap(r *overlap.Report, team []calendar.Person, zone *time.Location) (*heatMap, error) {
	return newHeatMapStep(r, team, zone, time.Hour)
}

// newHeatMapStep makes the heat map with cells of step, which
// checkHeatStep accepts.
func newHeatMapStep(r *overlap.Report, team []calendar.Person, zone *time.Location, step time.Duration) (*heatMap, error) {
	common, err := r.Common()
	if err != nil {
		return nil, err
	}
	buckets, err := r.Buckets(zone, step)
	if err != nil {
		return nil, err
	}
	perDay := int(24 * time.Hour / step)
	h := &heatMap{r: r, zone: zone, team: team, window: r.Window(), step: step, perDay: perDay, common: common}
	summary := map[calendar.Date]overlap.Day{}
	for _, d := range r.Daily(zone) {
		summary[d.Date] = d
	}
	for i := 0; i+perDay <= len(buckets); i += perDay {
		d := heatDay{date: buckets[i].Date, day: summary[buckets[i].Date], cells: make([]heatCell, perDay)}
		for k, b := range buckets[i : i+perDay] {
			c := heatCell{clock: b.Clock, iv: b.Interval, all: !b.IsEmpty() && b.Free == len(team)}
			if b.IsEmpty() {
				c.skipped = !calendar.FirstShowing(b.Date, b.Clock, zone).Before(calendar.FirstShowing(b.Date, b.Clock+calendar.Clock(step/time.Minute), zone))
			}
			d.cells[k] = c
		}
		h.days = append(h.days, d)
	}
	// Each person's free time, cell by cell: both are in time order.
	for i, p := range team {
		segs, err := r.Timeline(p.ID)
		if err != nil {
			return nil, err
		}
		h.timelines = append(h.timelines, segs)
		cur := h.cursor(i)
		for di := range h.days {
			for k := range h.days[di].cells {
				c := &h.days[di].cells[k]
				if !c.iv.IsEmpty() {
					c.free += cur.in(c.iv).free
				}
			}
		}
	}
	return h, nil
}

// A heatCursor walks one person's timeline through the cells, in time
// order.
type heatCursor struct {
	segs        []calendar.Segment
	j           int
	focusIsFree bool
}

// cursor starts a walk through the timeline of the team's i-th person.
func (h *heatMap) cursor(i int) *heatCursor {
	return &heatCursor{segs: h.timelines[i], focusIsFree: h.r.Options().FocusIsFree}
}

// A heatPart is one person's share of a cell: their free time, and what
// takes the rest.
type heatPart struct {
	free time.Duration
	away []string // what takes the time they are not free, in time order, each once
	off  bool     // a holiday or time off takes some of their working time
}

// in returns the person's part of iv; iv must not start before the
// previous call's.
func (c *heatCursor) in(iv calendar.Interval) heatPart {
	var p heatPart
	for c.j < len(c.segs) && !c.segs[c.j].End.After(iv.Start) {
		c.j++
	}
	for _, s := range c.segs[c.j:] {
		if !s.Start.Before(iv.End) {
			break
		}
		d := s.Intersect(iv).Duration()
		if s.Kind == calendar.KindFree || s.Kind == calendar.KindFocus && c.focusIsFree && !s.Hard {
			p.free += d
			continue
		}
		p.off = p.off || s.Kind == calendar.KindHoliday || s.Kind == calendar.KindTimeOff
		if why := awayReason(s); !slices.Contains(p.away, why) {
			p.away = append(p.away, why)
		}
	}
	return p
}

// awayReason says what takes a segment's time: "off hours", "holiday
// (Christmas Day)", "time off (vacation)", "busy", "focus (code review)";
// off-hours time names what lies under it: "off hours, busy".
func awayReason(s calendar.Segment) string {
	named := func(kind calendar.Kind, label string) string {
		what := strings.Replace(kind.String(), "-", " ", 1)
		if label != "" {
			what += " (" + label + ")"
		}
		return what
	}
	if s.Kind == calendar.KindOffHours && s.Under != calendar.KindOffHours {
		return "off hours, " + named(s.Under, s.Label)
	}
	return named(s.Kind, s.Label)
}

// tenths is the cell's count as the heat map shows it, in tenths of a
// person, and whether it is whole: exact when it is whole, else rounded
// but never to a whole number, so that "2" means exactly two people's
// worth and "0" nobody.
func (c heatCell) tenths() (int, bool) {
	length := c.iv.Duration()
	if length <= 0 {
		return 0, true
	}
	if c.free%length == 0 {
		return int(10 * (c.free / length)), true
	}
	exact := float64(c.free) * 10 / float64(length)
	t := int(math.Round(exact))
	if t%10 == 0 {
		if float64(t) > exact {
			t--
		} else {
			t++
		}
	}
	return t, false
}

// countText writes tenths of a person: "2", "1.5".
func countText(t int) string {
	if t%10 == 0 {
		return fmt.Sprint(t / 10)
	}
	return fmt.Sprintf("%d.%d", t/10, t%10)
}

// glyph is a cell as the text grid shows it: its count, blank outside the
// window, "-" where the clocks skip it.
func (c heatCell) glyph() string {
	switch {
	case c.skipped:
		return "-"
	case c.iv.IsEmpty():
		return ""
	}
	t, _ := c.tenths()
	return countText(t)
}

// shade grades a cell of a team of n people from 0 (nobody free) to 5
// (everyone free for all of it) by the count it shows, in quarters of the
// team between, so that the legend's ranges hold exactly the counts shown.
func (c heatCell) shade(n int) int {
	t, whole := c.tenths()
	switch {
	case t <= 0 || n <= 0:
		return 0
	case whole && t >= 10*n:
		return 5
	}
	return 1 + min(3, 4*t/(10*n))
}

// shadeRange is the counts of shade s for a team of n: "0", "2-3.9".
func shadeRange(s, n int) string {
	switch s {
	case 0:
		return "0"
	case 5:
		return fmt.Sprintf("%d, everyone", n)
	}
	lo := max(1, ceilDiv((s-1)*10*n, 4))
	hi := ceilDiv(s*10*n, 4) - 1
	if s == 4 {
		hi = 10*n - 1
	}
	if lo >= hi {
		return countText(lo)
	}
	return countText(lo) + "–" + countText(hi)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// ANSI 256-colour backgrounds for the shades.
var ansiShades = [6]int{236, 52, 94, 100, 28, 34}

// cellName names a cell of step: "hour", "half hour", "15m".
func cellName(step time.Duration) string {
	switch step {
	case time.Hour:
		return "hour"
	case 30 * time.Minute:
		return "half hour"
	case 24 * time.Hour:
		return "day"
	}
	return hours(step) + " cell"
}

// heads are the column headings of the cells: one line of hours ("09")
// and, for steps within an hour, minutes (":30"); for steps that do not
// divide an hour, a line of hours where they change and a line of minutes.
func (h *heatMap) heads() [][]string {
	hour := time.Hour
	oneLine := h.step%hour == 0 || hour%h.step == 0
	lines := [][]string{make([]string, h.perDay)}
	if !oneLine {
		lines = append(lines, make([]string, h.perDay))
	}
	for k := range h.perDay {
		c := calendar.Clock(k * int(h.step/time.Minute))
		switch {
		case oneLine && c.Minute() == 0:
			lines[0][k] = fmt.Sprintf("%02d", c.Hour())
		case oneLine:
			lines[0][k] = fmt.Sprintf(":%02d", c.Minute())
		default:
			if k == 0 || calendar.Clock((k-1)*int(h.step/time.Minute)).Hour() != c.Hour() {
				lines[0][k] = fmt.Sprintf("%02d", c.Hour())
			}
			lines[1][k] = fmt.Sprintf("%02d", c.Minute())
		}
	}
	return lines
}

// together sums up a day: how long everyone is free, or the most people
// free at once.
func (d heatDay) together() string {
	switch {
	case d.day.Date == (calendar.Date{}):
		return "skipped"
	case d.day.Common > 0:
		return "all " + hours(d.day.Common)
	}
	return fmt.Sprintf("max %d", d.day.MostFree)
}

// text writes the heat map: a row per day of a count per cell, each
// column as wide as its widest count, in panels of the day's hours one
// above the other when a day does not fit in 100 columns, then a legend.
func (h *heatMap) text(b *bytes.Buffer, color bool) {
	const width, label = 100, 10 // "Mon 03-09 "
	heads := h.heads()
	cols := make([]int, h.perDay) // the width of each column's text
	for k := range cols {
		cols[k] = 2
		for _, line := range heads {
			cols[k] = max(cols[k], utf8.RuneCountInString(line[k]))
		}
	}
	tw := len("together")
	for _, d := range h.days {
		for k, c := range d.cells {
			cols[k] = max(cols[k], utf8.RuneCountInString(c.glyph()))
		}
		tw = max(tw, len(d.together()))
	}
	// The fewest panels, each of as many cells, that fit.
	per := 1
	for p := 1; p <= h.perDay; p++ {
		if h.perDay%p != 0 {
			continue
		}
		fits := true
		for from := 0; from < h.perDay && fits; from += h.perDay / p {
			w := label + 2 + tw
			for _, cw := range cols[from : from+h.perDay/p] {
				w += cw + 1
			}
			fits = w <= width
		}
		if fits {
			per = h.perDay / p
			break
		}
	}
	how := "hours"
	if h.step%time.Hour != 0 {
		how = "times"
	}
	wrap(b, fmt.Sprintf("People free for the whole %s count 1, for half of it 0.5 (of %d), %s in %s:",
		cellName(h.step), len(h.team), how, h.zone), "", width)
	for from := 0; from < h.perDay; from += per {
		if from > 0 {
			b.WriteString("\n")
		}
		last := from+per == h.perDay
		for i, line := range heads {
			b.WriteString(strings.Repeat(" ", label))
			for k := from; k < from+per; k++ {
				fmt.Fprintf(b, " %*s", cols[k], line[k])
			}
			if last && i == len(heads)-1 {
				b.WriteString("  together")
			}
			b.WriteString("\n")
		}
		for _, d := range h.days {
			fmt.Fprintf(b, "%-*s", label, civilDay(d.date).Format("Mon 01-02"))
			for k := from; k < from+per; k++ {
				c := d.cells[k]
				if color && !c.iv.IsEmpty() {
					fmt.Fprintf(b, " \x1b[48;5;%dm\x1b[97m%*s\x1b[0m", ansiShades[c.shade(len(h.team))], cols[k], c.glyph())
				} else {
					fmt.Fprintf(b, " %*s", cols[k], c.glyph())
				}
			}
			if last {
				fmt.Fprintf(b, "  %s", d.together())
			}
			b.WriteString("\n")
		}
	}
	wrap(b, fmt.Sprintf("Each cell: the people free in that %s, each counted for the share of it they are free "+
		"(1.5: one all of it, another half); blank: outside the window; -: the clocks skip it.", cellName(h.step)), "", width)
	b.WriteString("together: time everyone is free that day (all), or the most people free at once (max).\n")
}

// civilDay is d at midnight UTC, to format its weekday and date.
func civilDay(d calendar.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// SVG geometry: an hour's cell, a day's row, and the least room left of
// the grid for the labels.
const (
	svgCellW, svgCellH = 30, 22
	svgLeft            = 170
	svgZoneH           = 16 // a row of a zone's local hours
)

var svgFills = [6]string{"#eeeeee", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#31a354"}

const (
	svgOutline = "#08519c" // everyone free
	svgAway    = "#e6550d" // holiday or time off
)

// cellWidth is the width of a cell of the step: 30 for an hour, wider
// for longer steps, narrower for shorter ones so that a day stays about
// 960 wide, down to 4.
func cellWidth(step time.Duration) int {
	if step >= time.Hour {
		return min(60, int(svgCellW*step/time.Hour))
	}
	return max(4, min(svgCellW, 960/int(24*time.Hour/step)))
}

// A heatZone is one zone of the team, with its people in roster order.
type heatZone struct {
	loc *time.Location
	ids []string
}

func (z heatZone) label() string {
	s := z.loc.String() + ": " + strings.Join(z.ids, ", ")
	if r := []rune(s); len(r) > 48 {
		s = string(r[:47]) + "…"
	}
	return s
}

func (h *heatMap) zones() []heatZone {
	var zs []heatZone
	for _, p := range h.team {
		i := slices.IndexFunc(zs, func(z heatZone) bool { return z.loc.String() == p.Zone.String() })
		if i < 0 {
			zs, i = append(zs, heatZone{loc: p.Zone}), len(zs)
		}
		zs[i].ids = append(zs[i].ids, p.ID)
	}
	return zs
}

// labelled reports whether column k gets a time above it: every column
// of steps of an hour or more, else those that start an hour.
func (h *heatMap) labelled(k int) bool {
	return h.step >= time.Hour || (k*int(h.step/time.Minute))%60 == 0
}

// labelX is where the label of column k is centred: over the column and
// those after it up to the next labelled one, as an hour's label over
// the hour.
func (h *heatMap) labelX(left, cw, k int) float64 {
	next := k + 1
	for next < h.perDay && !h.labelled(next) {
		next++
	}
	return float64(left) + float64(cw)*float64(k+next)/2
}

// cellStart is the instant the clocks first show cell k of day d, and
// false where they skip the whole cell.
func (h *heatMap) cellStart(d heatDay, k int) (time.Time, bool) {
	c := d.cells[k]
	if c.skipped {
		return time.Time{}, false
	}
	return calendar.FirstShowing(d.date, c.clock, h.zone), true
}

// localRow is the local time in loc at the start of each labelled cell
// of day d, from the cell's own instant: "14", or "14:30" off the hour;
// "" for a column without a label or a cell the clocks skip.
func (h *heatMap) localRow(d heatDay, loc *time.Location) []string {
	row := make([]string, h.perDay)
	for k := range row {
		if t, ok := h.cellStart(d, k); ok && h.labelled(k) {
			row[k] = clockLabel(t.In(loc))
		}
	}
	return row
}

// head is the viewer's time at the start of column k: "09", "09:30".
func (h *heatMap) head(k int) string {
	c := calendar.Clock(k * int(h.step/time.Minute))
	if c.Minute() == 0 {
		return fmt.Sprintf("%02d", c.Hour())
	}
	return c.String()
}

// clockLabel is a local time as the zone rows show it: "14", "14:30".
func clockLabel(t time.Time) string {
	if t.Minute() == 0 {
		return t.Format("15")
	}
	return t.Format("15:04")
}

// zoneName is the viewer's zone with the abbreviations it shows in the
// window: "Europe/Berlin (CET/CEST)", "UTC".
func (h *heatMap) zoneName() string {
	var abbrs []string
	for _, d := range h.days {
		for _, c := range d.cells {
			if c.iv.IsEmpty() {
				continue
			}
			for _, t := range []time.Time{c.iv.Start, c.iv.End.Add(-time.Nanosecond)} {
				if a := t.In(h.zone).Format("MST"); !slices.Contains(abbrs, a) {
					abbrs = append(abbrs, a)
				}
			}
		}
	}
	if len(abbrs) == 0 || len(abbrs) == 1 && abbrs[0] == h.zone.String() {
		return h.zone.String()
	}
	return h.zone.String() + " (" + strings.Join(abbrs, "/") + ")"
}

// span is the window in words (see windowWords).
func (h *heatMap) span() string { return windowWords(h.window, h.zone) }

// windowWords is a window in words: "Mon 2026-03-23 to Sun 2026-03-29"
// for whole days in zone (a day starts where its clocks first show 00:00
// or later, so a day whose midnight is skipped is whole too), else with
// the times.
func windowWords(window calendar.Interval, zone *time.Location) string {
	start, end := window.Start.In(zone), window.End.In(zone)
	midnight := func(t time.Time) bool {
		d := dayOf(t, zone)
		return calendar.FirstShowing(d, calendar.Midnight, zone).Equal(t)
	}
	if midnight(start) && midnight(end) {
		first, last := civilDay(dayOf(start, zone)), civilDay(dayOf(end, zone).AddDays(-1))
		if first.Equal(last) {
			return first.Format("Mon 2006-01-02")
		}
		return first.Format("Mon 2006-01-02") + " to " + last.Format("Mon 2006-01-02")
	}
	return start.Format("Mon 2006-01-02 15:04") + " to " + end.Format("Mon 2006-01-02 15:04")
}

// textWidth estimates the width of s in DejaVu Sans, the widest of the
// common sans-serif fonts, at size px: labels placed by it do not overlap
// in narrower fonts either.
func textWidth(s string, px float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			w += 0.636
		case strings.ContainsRune("ijl", r):
			w += 0.278
		case strings.ContainsRune(" .,:;'|!", r):
			w += 0.34
		case strings.ContainsRune("ftr/()[]-", r):
			w += 0.42
		case r == 'm' || r == 'M' || r == 'W':
			w += 0.99
		case r == 'w' || r == '%' || r == '@' || r == '—':
			w += 0.9
		case r == 'I' || r == 'J':
			w += 0.3
		case r >= 'A' && r <= 'Z':
			w += 0.79
		case r >= 'a' && r <= 'z':
			w += 0.64
		default:
			w += 0.8
		}
	}
	if bold {
		w *= 1.12
	}
	return w * px
}

// fitFont returns the largest font size up to most at which every one of
// labels fits in room, and 0 when that would be under 7.
func fitFont(labels []string, room, most float64) float64 {
	widest := 0.0
	for _, s := range labels {
		widest = max(widest, textWidth(s, 1, false))
	}
	if widest == 0 {
		return most
	}
	px := math.Floor(min(most, room/widest)*2) / 2
	if px < 7 {
		return 0
	}
	return px
}

// svg draws the heat map: the viewer's hours and each team zone's local
// hours above the grid (again above any day on which a zone's hours
// change), a cell per step per day shaded by its count, whose tooltip
// names who is free, partly free and away and why; a mark where someone
// is on holiday or time off; the runs of cells in which everyone is free
// for the whole cell outlined, and shorter common time underlined; and a
// legend with the counts of each shade.
func (h *heatMap) svg(b *bytes.Buffer) {
	n := len(h.team)
	zones := h.zones()
	cw := cellWidth(h.step)
	gridW := cw * h.perDay
	viewer := h.zoneName() + " (viewer)"
	title := fmt.Sprintf("When the team is free: people free in each %s (of %d)", cellName(h.step), n)
	subtitle := fmt.Sprintf("%s, in %s", h.span(), h.zone)
	note := fmt.Sprintf("A cell counts someone free for part of it as that part (1.5: one free all of it, another half); "+
		"times in %s; hover over a cell for who.", h.zone)

	// The rows of local hours: the first day's, then a zone's again on
	// each day its hours differ from the day before's.
	rows := make([][][]string, len(h.days)) // day, zone: the row, nil when unchanged
	last := make([][]string, len(zones))
	for i, d := range h.days {
		rows[i] = make([][]string, len(zones))
		for j, z := range zones {
			row := h.localRow(d, z.loc)
			if i == 0 || !slices.Equal(row, last[j]) {
				rows[i][j] = row
			}
			last[j] = row
		}
	}
	caption := func(i int) string {
		return "Local hours from " + civilDay(h.days[i].date).Format("Mon 2006-01-02") + ":"
	}

	// The room left of the grid: its widest label, and right of it the
	// days' summaries.
	labelW := textWidth(viewer, 11, true)
	for _, z := range zones {
		labelW = max(labelW, textWidth(z.label(), 11, false))
	}
	for i, d := range h.days {
		labelW = max(labelW, textWidth(h.dayLabel(d), 12, false))
		if i > 0 && slices.ContainsFunc(rows[i], func(r []string) bool { return r != nil }) {
			labelW = max(labelW, textWidth(caption(i), 10, false))
		}
	}
	left := max(svgLeft, int(math.Ceil(10+labelW+12)))
	togetherX := left + gridW + 10
	togetherW := 0.0
	for _, d := range h.days {
		togetherW = max(togetherW, textWidth(d.together(), 11, false))
	}
	width := max(togetherX+int(math.Ceil(togetherW))+12,
		int(math.Ceil(20+textWidth(title, 15, true))), int(math.Ceil(20+textWidth(subtitle, 12, false))), int(math.Ceil(20+textWidth(note, 11, false))))

	// Font sizes that keep neighbouring labels apart.
	var heads, locals []string
	spacing := float64(cw)
	for k := range h.perDay {
		if h.labelled(k) {
			heads = append(heads, h.head(k))
		}
	}
	if h.step < time.Hour {
		spacing = float64(cw) * float64(h.perDay) / float64(len(heads))
	}
	for i := range rows {
		for _, r := range rows[i] {
			locals = append(locals, r...)
		}
	}
	headPx := fitFont(heads, spacing-4, 11)
	localPx := fitFont(locals, spacing-4, 10)
	var values []string
	for _, d := range h.days {
		for _, c := range d.cells {
			values = append(values, c.glyph())
		}
	}
	valuePx := 0.0 // counts in cells too narrow for them are left to the tooltips
	if cw >= 16 {
		valuePx = fitFont(values, float64(cw)-3, 11)
	}

	var body bytes.Buffer
	y := 0
	text := func(class string, x float64, y int, px float64, attrs, s string) {
		if class != "" {
			attrs = fmt.Sprintf(` class="%s"`, class) + attrs
		}
		fmt.Fprintf(&body, `<text%s x="%s" y="%d" font-size="%s">%s</text>`+"\n", attrs, svgNum(x), y, svgNum(px), esc(s))
	}
	text("", 10, 24, 15, ` font-weight="bold"`, title)
	text("", 10, 43, 12, ` fill="#333"`, subtitle)
	text("", 10, 60, 11, ` fill="#555"`, note)
	y = 74
	// The viewer's hours, and the first day's local hours of each zone.
	text("zone", 10, y+13, 11, ` font-weight="bold"`, viewer)
	for k := range h.perDay {
		if h.labelled(k) && headPx > 0 {
			text("hour", h.labelX(left, cw, k), y+13, headPx, ` text-anchor="middle" font-weight="bold"`, h.head(k))
		}
	}
	y += 18
	zoneRows := func(i int) {
		for j, z := range zones {
			row := rows[i][j]
			if row == nil {
				continue
			}
			text("zone", 10, y+12, 11, ` fill="#333"`, z.label())
			for k, s := range row {
				if s != "" && localPx > 0 {
					text("local", h.labelX(left, cw, k), y+12, localPx,
						fmt.Sprintf(` text-anchor="middle" fill="#555" data-zone="%s" data-date="%s" data-clock="%s"`,
							esc(z.loc.String()), h.days[i].date, h.days[i].cells[k].clock), s)
				}
			}
			y += svgZoneH
		}
	}
	if len(h.days) > 0 {
		zoneRows(0)
	}
	y += 6
	gridTop := y
	cursors := make([]*heatCursor, n)
	for i := range cursors {
		cursors[i] = h.cursor(i)
	}
	for i, d := range h.days {
		if i > 0 && slices.ContainsFunc(rows[i], func(r []string) bool { return r != nil }) {
			y += 4
			text("caption", 10, y+12, 10, ` fill="#555" font-style="italic"`, caption(i))
			y += svgZoneH
			zoneRows(i)
		}
		h.svgDay(&body, d, y, left, cw, valuePx, cursors)
		text("together", float64(togetherX), y+15, 11, ` fill="#555"`, d.together())
		y += svgCellH
	}
	if len(h.days) > 0 {
		fmt.Fprintf(&body, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#bbb"/>`+"\n", left, gridTop-2, left+gridW, gridTop-2)
	}

	// The legend, its items flowing into lines of the picture's width.
	y += 18
	x := 10.0
	item := func(w float64, draw func(x float64, y int)) {
		if x > 10 && x+w > float64(width-10) {
			x, y = 10, y+24
		}
		draw(x, y)
		x += w + 18
	}
	lead := "People free in a cell:"
	item(textWidth(lead, 12, true), func(x float64, y int) { text("", x, y+13, 12, ` font-weight="bold"`, lead) })
	for s := range 6 {
		what := shadeRange(s, n)
		item(22+textWidth(what, 11, false), func(x float64, y int) {
			fmt.Fprintf(&body, `<rect class="legend" x="%s" y="%d" width="16" height="16" fill="%s" stroke="#999"/>`+"\n", svgNum(x), y, svgFills[s])
			text("", x+22, y+13, 11, "", what)
		})
	}
	x, y = 10, y+24
	marks := []struct {
		what string
		draw func(x float64, y int)
	}{
		{"everyone free for all of the cell", func(x float64, y int) {
			fmt.Fprintf(&body, `<rect x="%s" y="%d" width="28" height="14" fill="%s" stroke="%s" stroke-width="2.5"/>`+"\n", svgNum(x+1), y+1, svgFills[5], svgOutline)
		}},
		{"everyone free for part of it", func(x float64, y int) {
			fmt.Fprintf(&body, `<rect x="%s" y="%d" width="30" height="16" fill="%s"/><rect x="%s" y="%d" width="15" height="3" fill="%s"/>`+"\n",
				svgNum(x), y, svgFills[4], svgNum(x+8), y+12, svgOutline)
		}},
		{"someone on holiday or time off", func(x float64, y int) {
			fmt.Fprintf(&body, `<rect x="%s" y="%d" width="30" height="16" fill="%s"/>%s`+"\n", svgNum(x), y, svgFills[2], awayMark(x+30, float64(y)))
		}},
		{"the clocks skip it", func(x float64, y int) {
			fmt.Fprintf(&body, `<rect x="%s" y="%d" width="30" height="16" fill="url(#skipped)" stroke="#ccc"/>`+"\n", svgNum(x), y)
		}},
		{"outside the window", func(x float64, y int) {
			fmt.Fprintf(&body, `<rect x="%s" y="%d" width="30" height="16" fill="#ffffff" stroke="#ccc"/>`+"\n", svgNum(x), y)
		}},
	}
	for _, m := range marks {
		item(36+textWidth(m.what, 11, false), func(x float64, y int) {
			m.draw(x, y)
			text("", x+36, y+13, 11, "", m.what)
		})
	}
	height := y + 30

	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">`+"\n",
		width, height, width, height)
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title+", "+subtitle))
	b.WriteString(`<defs><pattern id="skipped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="#f6f6f6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d0d0d0" stroke-width="2"/></pattern></defs>` + "\n")
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	b.Write(body.Bytes())
	b.WriteString("</svg>\n")
}

// dayLabel is a day's row label, with its length when the clocks change.
func (h *heatMap) dayLabel(d heatDay) string {
	s := civilDay(d.date).Format("Mon 2006-01-02")
	if l := calendar.Wall(d.date.AddDays(1), calendar.Midnight, h.zone).Sub(calendar.Wall(d.date, calendar.Midnight, h.zone)); l != 24*time.Hour {
		s += " (" + hours(l) + ")"
	}
	return s
}

// awayMark is the corner mark of a cell whose top right is (x, y).
func awayMark(x, y float64) string {
	return fmt.Sprintf(`<path class="away" d="M%s %sh-8l8 8z" fill="%s" pointer-events="none"/>`, svgNum(x), svgNum(y), svgAway)
}

// svgDay draws day d's row at y: its label, its cells with their counts
// and tooltips, the marks of holidays and time off, the outlines of the
// runs in which everyone is free for the whole cell, and the common time
// that fills no whole cell.
func (h *heatMap) svgDay(b *bytes.Buffer, d heatDay, y, left, cw int, valuePx float64, cursors []*heatCursor) {
	n := len(h.team)
	fmt.Fprintf(b, `<text class="day" x="10" y="%d">%s</text>`+"\n", y+15, esc(h.dayLabel(d)))
	fmt.Fprintf(b, `<g class="day" data-date="%s">`+"\n", d.date)
	var marks, parts bytes.Buffer
	for k, c := range d.cells {
		x := left + k*cw
		fill, value := "#ffffff", ""
		title := h.cellTitle(d, c, cursors)
		switch {
		case c.skipped:
			fill = "url(#skipped)"
		case !c.iv.IsEmpty():
			fill, value = svgFills[c.shade(n)], c.glyph()
		}
		fmt.Fprintf(b, `<rect class="cell" x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#ffffff" data-clock="%s" data-count="%s"><title>%s</title></rect>`,
			x, y, cw, svgCellH, fill, c.clock, value, esc(title.text))
		if value != "" && valuePx > 0 {
			ink := "#111"
			if c.shade(n) >= 4 {
				ink = "#ffffff"
			}
			fmt.Fprintf(b, `<text class="count" x="%s" y="%d" text-anchor="middle" font-size="%s" fill="%s" pointer-events="none">%s</text>`,
				svgNum(float64(x)+float64(cw)/2), y+15, svgNum(valuePx), ink, value)
		}
		b.WriteString("\n")
		if title.off {
			marks.WriteString(awayMark(float64(x+cw), float64(y)) + "\n")
		}
		if !c.all && !c.iv.IsEmpty() {
			for iv := range h.common.Clip(c.iv).All() {
				x0 := float64(x) + float64(cw)*float64(iv.Start.Sub(c.iv.Start))/float64(c.iv.Duration())
				x1 := float64(x) + float64(cw)*float64(iv.End.Sub(c.iv.Start))/float64(c.iv.Duration())
				fmt.Fprintf(&parts, `<rect class="common-part" x="%s" y="%d" width="%s" height="3" fill="%s" pointer-events="none"/>`+"\n",
					svgNum(x0), y+svgCellH-4, svgNum(max(x1-x0, 1)), svgOutline)
			}
		}
	}
	b.Write(marks.Bytes())
	b.Write(parts.Bytes())
	b.WriteString("</g>\n")
	for k := 0; k < len(d.cells); {
		if !d.cells[k].all {
			k++
			continue
		}
		end := k
		for end < len(d.cells) && d.cells[end].all {
			end++
		}
		iv := calendar.Interval{Start: d.cells[k].iv.Start, End: d.cells[end-1].iv.End}
		fmt.Fprintf(b, `<rect class="common" x="%d" y="%d" width="%d" height="%d" fill="none" stroke="%s" stroke-width="2.5" pointer-events="none"><title>%s</title></rect>`+"\n",
			left+k*cw, y+1, (end-k)*cw, svgCellH-2, svgOutline, esc("everyone free "+h.clockSpan(iv)))
		k = end
	}
}

// clockSpan writes an interval in the viewer's zone: "Tue 2026-03-10
// 14:00-15:00 CET", naming both abbreviations when the clocks change.
func (h *heatMap) clockSpan(iv calendar.Interval) string {
	s, e := iv.Start.In(h.zone), iv.End.In(h.zone)
	end := e.Format("15:04")
	if calendar.DateOf(e) != calendar.DateOf(s) && !(e.Hour() == 0 && e.Minute() == 0) {
		end = e.Format("Mon 15:04")
	}
	if s.Format("MST") != e.Format("MST") {
		return s.Format("Mon 2006-01-02 15:04 MST") + "–" + end + " " + e.Format("MST")
	}
	return s.Format("Mon 2006-01-02 15:04") + "–" + end + " " + e.Format("MST")
}

type heatTitle struct {
	text string
	off  bool // someone's working time in it is a holiday or time off
}

// cellTitle is a cell's tooltip: when it is, its count, and who is free,
// partly free (for how long, and what takes the rest) and away, by why.
func (h *heatMap) cellTitle(d heatDay, c heatCell, cursors []*heatCursor) heatTitle {
	to := c.clock + calendar.Clock(h.step/time.Minute)
	clock := civilDay(d.date).Format("Mon 2006-01-02") + " " + c.clock.String() + "–" + to.String()
	switch {
	case c.skipped:
		return heatTitle{text: clock + ": the clocks skip it"}
	case c.iv.IsEmpty():
		return heatTitle{text: clock + ": outside the window"}
	}
	var t heatTitle
	var lines []string
	head := h.clockSpan(c.iv)
	switch whole := calendar.FirstShowing(d.date, to, h.zone).Sub(calendar.FirstShowing(d.date, c.clock, h.zone)); {
	case c.iv.Duration() != whole:
		head += fmt.Sprintf(" (%s in the window)", hours(c.iv.Duration()))
	case whole != h.step:
		head += fmt.Sprintf(" (%s: the clocks change)", hours(whole))
	}
	tenths, _ := c.tenths()
	lines = append(lines, fmt.Sprintf("%s: %s of %d free", head, countText(tenths), len(h.team)))
	var free, partly []string
	var reasons []string
	away := map[string][]string{}
	for i, p := range h.team {
		part := cursors[i].in(c.iv)
		t.off = t.off || part.off
		switch {
		case part.free >= c.iv.Duration():
			free = append(free, p.ID)
		case part.free > 0:
			partly = append(partly, fmt.Sprintf("%s %s (the rest %s)", p.ID, hours(part.free), strings.Join(part.away, " then ")))
		default:
			why := strings.Join(part.away, " then ")
			if _, ok := away[why]; !ok {
				reasons = append(reasons, why)
			}
			away[why] = append(away[why], p.ID)
		}
	}
	if len(free) > 0 {
		lines = append(lines, "free: "+strings.Join(free, ", "))
	}
	if len(partly) > 0 {
		lines = append(lines, "partly free: "+strings.Join(partly, "; "))
	}
	for _, why := range reasons {
		lines = append(lines, fmt.Sprintf("away, %s: %s", why, strings.Join(away[why], ", ")))
	}
	t.text = strings.Join(lines, "\n")
	return t
}

// svgNum writes a coordinate with at most two decimals.
func svgNum(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func esc(s string) string { return html.EscapeString(strings.ToValidUTF8(s, "?")) }
