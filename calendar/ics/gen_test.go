package ics

import (
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/tztest"
	"pgregory.net/rapid"
)

// The generator builds .ics text from random events in zones whose clocks
// change at midnight (Santiago, Havana, the Azores), by half an hour (Lord
// Howe), by odd amounts (Kathmandu), never (Kolkata, Apia, Kiritimati), or
// around Ramadan (Casablanca), and a model computes their busy time from
// the same description, independently of the package's code but for
// calendar.Wall.

var hardZones = tztest.HardZones()

// A form is how a time is written.
type form int

const (
	fUTC      form = iota // 20260302T090000Z
	fZoned                // TZID=...:20260302T090000
	fFloating             // 20260302T090000
	fDate                 // VALUE=DATE:20260302
)

// A genCal is a generated calendar.
type genCal struct {
	owner  string // the owner's zone
	xwr    string // X-WR-TIMEZONE, "" for none
	events []genEvent
}

// A genEvent is a generated VEVENT and, for a recurring one, its EXDATEs
// and overridden instances.
type genEvent struct {
	uid    string
	form   form
	zone   string            // the TZID, for fZoned
	start  calendar.DateTime // the wall time (UTC for fUTC, 00:00 for fDate)
	length int               // minutes, or days for fDate
	useDur bool              // DURATION rather than DTEND
	status string            // "", "CANCELLED", "TRANSPARENT", "TENTATIVE", "CONFIRMED"

	freq      string // "" for a one-off event, "DAILY" or "WEEKLY"
	interval  int
	count     int // 0 for no end
	exdates   []genExdate
	overrides []genOverride
}

// A genExdate removes instance k, written in form f.
type genExdate struct {
	k int
	f form
}

// A genOverride moves instance k by shift minutes (days for fDate), or
// cancels it.
type genOverride struct {
	k      int
	shift  int
	cancel bool
}

var genBase = calendar.Date{Year: 2026, Month: time.January, Day: 1}

// clocks favours the times around which clocks change.
var genClocks = []int{0, 30, 60, 90, 120, 150, 180, 23*60 + 30, 9 * 60}

func drawClock(t *rapid.T, label string) calendar.Clock {
	if rapid.Bool().Draw(t, label+"Random") {
		return calendar.Clock(rapid.IntRange(0, 24*60-1).Draw(t, label+"Minute"))
	}
	return calendar.Clock(rapid.SampledFrom(genClocks).Draw(t, label))
}

// A scenario is where a generated calendar's events cluster: a zone, the
// days its clocks change in 2026, and a window.
type scenario struct {
	focus   string
	changes []int // days after genBase
	first   int   // the window's first and last day after genBase
	last    int
	window  calendar.Interval
}

// drawScenario draws a zone and a window of up to 20 days in 2026 on whole
// minutes, most often starting a few days before one of the zone's clock
// changes.
func drawScenario(t *rapid.T) scenario {
	sc := scenario{focus: rapid.SampledFrom(hardZones).Draw(t, "focus")}
	sc.changes = changeDays(loadOrPanic(sc.focus))
	day := rapid.IntRange(0, 360).Draw(t, "windowDay")
	if len(sc.changes) > 0 && often(t, "nearChange") {
		day = rapid.SampledFrom(sc.changes).Draw(t, "changeDay") - rapid.IntRange(0, 3).Draw(t, "daysBefore")
	}
	start := time.Date(2026, time.January, 1+day, 0, int(drawClock(t, "windowClock")), 0, 0, time.UTC)
	// rapid draws small numbers more often than large ones: pick the
	// window's size from a list, and jitter it.
	minutes := rapid.SampledFrom([]int{60, 6 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60, 20 * 24 * 60}).Draw(t, "windowSize")
	minutes -= rapid.IntRange(0, 59).Draw(t, "windowJitter")
	length := time.Duration(minutes) * time.Minute
	sc.window = calendar.Interval{Start: start, End: start.Add(length)}
	sc.first, sc.last = day, day+int(length/(24*time.Hour))+1
	return sc
}

// changeDays returns the days after genBase, in 2026, on which the clocks
// of loc change.
func changeDays(loc *time.Location) []int {
	var out []int
	base := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	for at := base.In(loc); ; {
		_, end := at.ZoneBounds()
		if end.IsZero() || end.Year() != 2026 {
			return out
		}
		out = append(out, int(end.Sub(base)/(24*time.Hour)))
		at = end
	}
}

// spread returns 0..n-1, for SampledFrom to draw uniformly.
func spread(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// often returns true three times in four.
func often(t *rapid.T, label string) bool {
	return rapid.SampledFrom([]bool{true, true, true, false}).Draw(t, label)
}

// pickZone returns the scenario's zone most of the time, else any hard
// zone.
func (sc scenario) pickZone(t *rapid.T, label string) string {
	if often(t, label+"IsFocus") {
		return sc.focus
	}
	return rapid.SampledFrom(hardZones).Draw(t, label)
}

// drawGenCal draws a calendar whose events lie around the scenario's
// window, many of them on its zone's clock changes.
func drawGenCal(t *rapid.T, sc scenario, recurring bool) genCal {
	g := genCal{owner: sc.pickZone(t, "owner")}
	if rapid.Bool().Draw(t, "hasXWR") {
		g.xwr = sc.pickZone(t, "xwr")
	}
	n := rapid.IntRange(1, 10).Draw(t, "events")
	for i := range n {
		ev := genEvent{uid: fmt.Sprintf("ev%d@example.com", i)}
		ev.form = form(rapid.IntRange(0, 3).Draw(t, "form"))
		if ev.form == fZoned {
			ev.zone = sc.pickZone(t, "zone")
		}
		day := sc.first - 3 + rapid.SampledFrom(spread(sc.last-sc.first+5)).Draw(t, "day")
		if len(sc.changes) > 0 && often(t, "onChange") {
			day = rapid.SampledFrom(sc.changes).Draw(t, "changeDay") + rapid.IntRange(-2, 1).Draw(t, "dayOff")
		}
		ev.start = calendar.DateTime{Date: genBase.AddDays(day)}
		if ev.form == fDate {
			ev.length = rapid.IntRange(0, 3).Draw(t, "days")
		} else {
			ev.start.Clock = drawClock(t, "clock")
			ev.length = rapid.SampledFrom([]int{0, 15, 30, 60, 90, 150, 24 * 60, 25 * 60}).Draw(t, "minutes")
		}
		ev.useDur = rapid.Bool().Draw(t, "useDur")
		ev.status = rapid.SampledFrom([]string{"", "", "", "CANCELLED", "TRANSPARENT", "TENTATIVE", "CONFIRMED"}).Draw(t, "status")
		if recurring && rapid.Bool().Draw(t, "recurring") {
			ev.freq = rapid.SampledFrom([]string{"DAILY", "WEEKLY"}).Draw(t, "freq")
			ev.interval = rapid.IntRange(1, 3).Draw(t, "interval")
			ev.count = rapid.IntRange(0, 12).Draw(t, "count")
			instances := ev.count
			if instances == 0 {
				instances = 12
			}
			for range rapid.IntRange(0, 3).Draw(t, "exdates") {
				ev.exdates = append(ev.exdates, genExdate{
					k: rapid.IntRange(0, instances-1).Draw(t, "exK"),
					f: form(rapid.IntRange(0, 3).Draw(t, "exForm")),
				})
			}
			used := map[int]bool{}
			for range rapid.IntRange(0, 2).Draw(t, "overrides") {
				k := rapid.IntRange(0, instances-1).Draw(t, "ovK")
				if used[k] {
					continue
				}
				used[k] = true
				ov := genOverride{k: k, cancel: rapid.Bool().Draw(t, "ovCancel")}
				if ev.form == fDate {
					ov.shift = rapid.IntRange(-10, 10).Draw(t, "ovShiftDays")
				} else {
					ov.shift = rapid.IntRange(-3000, 3000).Draw(t, "ovShift")
				}
				ev.overrides = append(ev.overrides, ov)
			}
		}
		g.events = append(g.events, ev)
	}
	return g
}

// instanceWall returns the wall start of instance k of ev.
func (ev genEvent) instanceWall(k int) calendar.DateTime {
	step := ev.interval
	if ev.freq == "WEEKLY" {
		step *= 7
	}
	return calendar.DateTime{Date: ev.start.Date.AddDays(k * step), Clock: ev.start.Clock}
}

// zoneOf returns the zone ev's wall times are read in.
func (g genCal) zoneOf(ev genEvent, owner *time.Location) *time.Location {
	switch ev.form {
	case fUTC:
		return time.UTC
	case fZoned:
		return loadOrPanic(ev.zone)
	case fFloating:
		if g.xwr != "" {
			return loadOrPanic(g.xwr)
		}
	}
	return owner
}

func loadOrPanic(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// writeTime writes a property with a wall time dt in form f; zone is the
// TZID for fZoned and the zone an fUTC value is converted from.
func writeTime(b *strings.Builder, name string, f form, dt calendar.DateTime, tzid string, zone *time.Location) {
	d := dt.Date
	date := fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
	clock := fmt.Sprintf("T%02d%02d00", dt.Clock.Hour(), dt.Clock.Minute())
	switch f {
	case fUTC:
		u := calendar.Wall(dt.Date, dt.Clock, zone).UTC()
		fmt.Fprintf(b, "%s:%s\r\n", name, u.Format("20060102T150405Z"))
	case fZoned:
		fmt.Fprintf(b, "%s;TZID=%s:%s%s\r\n", name, tzid, date, clock)
	case fFloating:
		fmt.Fprintf(b, "%s:%s%s\r\n", name, date, clock)
	case fDate:
		fmt.Fprintf(b, "%s;VALUE=DATE:%s\r\n", name, date)
	}
}

// text returns g as .ics text; owner is the owner's zone, which the UTC
// forms of floating values are converted from.
func (g genCal) text(owner *time.Location) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//generated//EN\r\n")
	if g.xwr != "" {
		b.WriteString("X-WR-TIMEZONE:" + g.xwr + "\r\n")
	}
	for _, ev := range g.events {
		z := g.zoneOf(ev, owner)
		b.WriteString("BEGIN:VEVENT\r\nUID:" + ev.uid + "\r\n")
		writeTime(&b, "DTSTART", ev.form, ev.start, ev.zone, z)
		ev.writeEnd(&b, ev.start, z)
		if ev.status != "" {
			if ev.status == "TRANSPARENT" {
				b.WriteString("TRANSP:TRANSPARENT\r\n")
			} else {
				b.WriteString("STATUS:" + ev.status + "\r\n")
			}
		}
		if ev.freq != "" {
			fmt.Fprintf(&b, "RRULE:FREQ=%s;INTERVAL=%d", ev.freq, ev.interval)
			if ev.count > 0 {
				fmt.Fprintf(&b, ";COUNT=%d", ev.count)
			}
			b.WriteString("\r\n")
			for _, ex := range ev.exdates {
				ev.writeExdate(&b, ex, z)
			}
		}
		b.WriteString("END:VEVENT\r\n")
		for _, ov := range ev.overrides {
			b.WriteString("BEGIN:VEVENT\r\nUID:" + ev.uid + "\r\n")
			orig := ev.instanceWall(ov.k)
			writeTime(&b, "RECURRENCE-ID", ev.form, orig, ev.zone, z)
			moved := ev.moved(ov)
			writeTime(&b, "DTSTART", ev.form, moved, ev.zone, z)
			ev.writeEnd(&b, moved, z)
			if ov.cancel {
				b.WriteString("STATUS:CANCELLED\r\n")
			}
			b.WriteString("END:VEVENT\r\n")
		}
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

// nominal reports whether ev is a timed event with a DURATION of whole
// days, which are nominal: the same wall time so many days later.
func (ev genEvent) nominal() bool {
	return ev.useDur && ev.form != fDate && ev.length > 0 && ev.length%(24*60) == 0
}

// moved returns the new wall start of an overridden instance.
func (ev genEvent) moved(ov genOverride) calendar.DateTime {
	orig := ev.instanceWall(ov.k)
	if ev.form == fDate {
		return calendar.DateTime{Date: orig.Date.AddDays(ov.shift)}
	}
	return shiftWall(orig, ov.shift)
}

// writeEnd writes the DTEND or DURATION of ev starting at start.
func (ev genEvent) writeEnd(b *strings.Builder, start calendar.DateTime, z *time.Location) {
	switch {
	case ev.useDur && ev.form == fDate:
		fmt.Fprintf(b, "DURATION:P%dD\r\n", ev.length)
	case ev.useDur && ev.nominal():
		fmt.Fprintf(b, "DURATION:P%dD\r\n", ev.length/(24*60))
	case ev.useDur:
		fmt.Fprintf(b, "DURATION:PT%dM\r\n", ev.length)
	case ev.form == fDate:
		writeTime(b, "DTEND", fDate, calendar.DateTime{Date: start.Date.AddDays(ev.length)}, "", z)
	default:
		writeTime(b, "DTEND", ev.form, shiftWall(start, ev.length), ev.zone, z)
	}
}

// writeExdate writes an EXDATE for instance ex.k in form ex.f.
func (ev genEvent) writeExdate(b *strings.Builder, ex genExdate, z *time.Location) {
	wall := ev.instanceWall(ex.k)
	f := ex.f
	switch {
	case f == fZoned && ev.form != fZoned:
		// A TZID EXDATE for an event without one: the zone the event is
		// read in, by name.
		writeTime(b, "EXDATE", fZoned, wall, z.String(), z)
		return
	case f == fDate:
		writeTime(b, "EXDATE", fDate, wall, "", z)
		return
	}
	writeTime(b, "EXDATE", f, wall, ev.zone, z)
}

// model returns the busy time of g in window for the owner's zone owner,
// computed from the description: instance k of a recurring event starts
// at Wall(start + k steps), and lasts the exact length of its first
// instance (DTEND), its nominal length (DURATION), or whole days.
func (g genCal) model(owner *time.Location) []calendar.Interval {
	var out []calendar.Interval
	for _, ev := range g.events {
		z := g.zoneOf(ev, owner)
		busy := ev.status != "CANCELLED" && ev.status != "TRANSPARENT"
		span := func(start calendar.DateTime, exactLen time.Duration) calendar.Interval {
			t0 := calendar.Wall(start.Date, start.Clock, z)
			switch {
			case ev.form == fDate:
				return calendar.Interval{Start: t0, End: calendar.Wall(start.Date.AddDays(ev.length), 0, z)}
			case ev.nominal():
				return calendar.Interval{Start: t0, End: calendar.Wall(start.Date.AddDays(ev.length/(24*60)), start.Clock, z)}
			case ev.useDur:
				return calendar.Interval{Start: t0, End: t0.Add(time.Duration(ev.length) * time.Minute)}
			}
			return calendar.Interval{Start: t0, End: t0.Add(exactLen)}
		}
		wallLen := func(start calendar.DateTime) time.Duration {
			end := shiftWall(start, ev.length)
			return calendar.Wall(end.Date, end.Clock, z).Sub(calendar.Wall(start.Date, start.Clock, z))
		}
		if ev.freq == "" {
			if busy {
				out = append(out, span(ev.start, wallLen(ev.start)))
			}
			continue
		}
		removed := map[int]bool{}
		for _, ex := range ev.exdates {
			removed[ex.k] = true
		}
		for _, ov := range ev.overrides {
			removed[ov.k] = true
			if !ov.cancel {
				moved := ev.moved(ov)
				out = append(out, span(moved, wallLen(moved)))
			}
		}
		if !busy {
			continue
		}
		n := ev.count
		if n == 0 {
			n = 500 // past any window the tests use
		}
		first := wallLen(ev.start) // DTEND: every instance has the first one's exact length
		for k := range n {
			if !removed[k] {
				out = append(out, span(ev.instanceWall(k), first))
			}
		}
	}
	return out
}

// minutes marks the minutes of w that ivs cover.
func minutes(w calendar.Interval, ivs []calendar.Interval) []bool {
	n := int(w.End.Sub(w.Start) / time.Minute)
	out := make([]bool, n)
	for _, iv := range ivs {
		iv = iv.Intersect(w)
		if iv.IsEmpty() {
			continue
		}
		from := int(iv.Start.Sub(w.Start) / time.Minute)
		to := int((iv.End.Sub(w.Start) + time.Minute - 1) / time.Minute)
		for m := from; m < to && m < n; m++ {
			out[m] = true
		}
	}
	return out
}
