package overlap

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
)

// A Band is how an instant of an attendee's time feels for a meeting, on
// their own wall clock and hours (calendar.Comfort). Bands outside working
// hours are weighed in points a minute, which make Cost.Burden: the
// shoulder from 1 next to the working day to 1.75 at its far end, in
// four steps, then late time 2, a day without working hours 3 and the
// night 4.
type Band int

// The bands, the cheapest first. Where bands meet, the night wins over
// the shoulder, the shoulder over a day off, and a day off over late.
const (
	BandWorking  Band = iota // inside working hours: no cost
	BandShoulder             // within the shoulder of a working span
	BandLate                 // outside working hours and their shoulder, on a working day
	BandDayOff               // on a day without working hours; excluded unless Request.AllowDaysOff
	BandNight                // in the night; excluded unless Request.AllowNight
)

var bandNames = [...]string{"working", "shoulder", "late", "day-off", "night"}

// String returns the band's name: "working", "shoulder", "late",
// "day-off" or "night".
func (b Band) String() string {
	if b < 0 || int(b) >= len(bandNames) {
		return fmt.Sprintf("Band(%d)", int(b))
	}
	return bandNames[b]
}

// bandQuarters are the bands' weights, in quarter points a minute; the
// shoulder's is its nearest step's.
var bandQuarters = [...]int64{BandWorking: 0, BandShoulder: 4, BandLate: 8, BandDayOff: 12, BandNight: 16}

// A bandPiece is part of an attendee's time outside working hours, in
// nanoseconds after the window's start, of one band and weight (in
// quarter points a minute).
type bandPiece struct {
	span
	band     Band
	quarters int64
}

// bands returns the pieces of the report's window outside m's working
// hours, sorted, each of one band and weight, with comfort c (the
// person's own over the request's): together they cover exactly the
// window's time outside working hours, which the timeline marks
// off-hours.
func (r *Report) bands(m *member, c calendar.Comfort) []bandPiece {
	loc, hours := m.sched.Zone(), m.sched.Hours()
	shoulder := int64(c.ShoulderOrDefault())
	// Working spans a shoulder and two days around the window, so that
	// a span just outside it still has its shoulder inside.
	margin := time.Duration(shoulder) + 48*time.Hour
	around := calendar.Interval{Start: r.window.Start.Add(-margin), End: r.window.End.Add(margin)}
	work := hours.Working(around, loc)
	if m.sched.Changes() {
		// Each day's spans of its own hours in its own zone.
		var b calendar.SetBuilder
		for d := calendar.DateOf(around.Start.UTC()).AddDays(-1); !d.After(calendar.DateOf(around.End.UTC()).AddDays(1)); d = d.AddDays(1) {
			z, h := m.sched.On(d)
			for _, sp := range h.Spans(d.Weekday()) {
				end := d
				if sp.Overnight() {
					end = d.AddDays(1)
				}
				b.Add(calendar.Interval{Start: calendar.Wall(d, sp.From, z), End: calendar.Wall(end, sp.To, z)})
			}
		}
		// Inside the window, the working time the timeline has (a
		// change of zone cuts a day short or waits for a shift's end).
		b.RemoveSet(calendar.NewSet(r.window))
		for s, e := range m.draft.Spans(func(k calendar.Kind, hard bool) bool { return k != calendar.KindOffHours }) {
			b.Add(calendar.Interval{Start: r.time(s), End: r.time(e)})
		}
		work = b.Set()
	}
	var out []bandPiece
	add := func(from, to int64, b Band, q int64) {
		from, to = max(from, 0), min(to, r.length)
		if from < to {
			out = append(out, bandPiece{span{from, to}, b, q})
		}
	}
	// Each gap between working spans: its shoulders in four steps from
	// each end (up to the gap's middle), late time between.
	gap := func(a, b int64, fromWork, toWork bool) {
		mid := a/2 + b/2 + (a%2+b%2)/2
		near, far := a, b
		if fromWork {
			near = min(a+shoulder, mid)
		}
		if toWork {
			far = max(b-shoulder, mid)
		}
		for k := int64(0); fromWork && k < 4; k++ {
			add(a+k*shoulder/4, min(a+(k+1)*shoulder/4, near), BandShoulder, 4+k)
		}
		add(near, far, BandLate, bandQuarters[BandLate])
		for k := int64(3); toWork && k >= 0; k-- {
			add(max(b-(k+1)*shoulder/4, far), b-k*shoulder/4, BandShoulder, 4+k)
		}
	}
	at, fromWork := int64(-1)<<62, false
	for iv := range work.All() {
		s, e := int64(iv.Start.Sub(r.window.Start)), int64(iv.End.Sub(r.window.Start))
		gap(at, s, fromWork, true)
		at, fromWork = e, true
	}
	gap(at, int64(1)<<62, fromWork, false)
	// The night and days off of each date's hours (the same every day for
	// someone whose hours never change).
	out = overrideBands(out, r.localDays(m.sched, func(d calendar.Date) (calendar.Clock, calendar.Clock, bool) {
		_, h := m.sched.On(d)
		night := c.NightFor(h)
		return night.From, night.To, true
	}), BandNight, func(b Band) bool { return b == BandShoulder || b == BandLate })
	out = overrideBands(out, r.localDays(m.sched, func(d calendar.Date) (calendar.Clock, calendar.Clock, bool) {
		_, h := m.sched.On(d)
		return calendar.Midnight, calendar.EndOfDay, len(h.Spans(d.Weekday())) == 0
	}), BandDayOff, func(b Band) bool { return b == BandLate })
	return out
}

// overrideBands returns pieces with the parts that spans (sorted,
// disjoint) cover given band to, where over says the piece's band gives
// way.
func overrideBands(pieces []bandPiece, spans []span, to Band, over func(Band) bool) []bandPiece {
	if len(spans) == 0 {
		return pieces
	}
	out := make([]bandPiece, 0, len(pieces)+2*len(spans))
	j := 0
	for _, p := range pieces {
		if !over(p.band) {
			out = append(out, p)
			continue
		}
		for j < len(spans) && spans[j].end <= p.start {
			j++
		}
		at := p.start
		for k := j; k < len(spans) && spans[k].start < p.end; k++ {
			sp := spans[k]
			if sp.start > at {
				out = append(out, bandPiece{span{at, sp.start}, p.band, p.quarters})
				at = sp.start
			}
			e := min(sp.end, p.end)
			out = append(out, bandPiece{span{at, e}, to, bandQuarters[to]})
			at = e
		}
		if at < p.end {
			out = append(out, bandPiece{span{at, p.end}, p.band, p.quarters})
		}
	}
	return out
}

// excluded reports whether a meeting may not touch band b for q.
func (q *Request) excluded(b Band) bool {
	return b == BandNight && !q.AllowNight || b == BandDayOff && !q.AllowDaysOff
}

// bandCost returns what t nanoseconds of a meeting in band b at weight
// quarters cost: the time in its band, and its burden.
func bandCost(t int64, b Band, quarters int64) Cost {
	var c Cost
	c.OffHours = time.Duration(t)
	*c.band(b) = time.Duration(t)
	c.Burden = time.Duration(t * quarters / 4)
	return c
}

// MarshalText implements encoding.TextMarshaler, writing the String form.
func (b Band) MarshalText() ([]byte, error) {
	if b < 0 || int(b) >= len(bandNames) {
		return nil, fmt.Errorf("overlap.Band.MarshalText: invalid band %d", int(b))
	}
	return []byte(b.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, reading the String
// form.
func (b *Band) UnmarshalText(text []byte) error {
	if i := slices.Index(bandNames[:], string(text)); i >= 0 {
		*b = Band(i)
		return nil
	}
	return fmt.Errorf("overlap.Band.UnmarshalText: %q is not one of %s", text, strings.Join(bandNames[:], ", "))
}

// A CostItem is one line of what a slot costs: who pays it, what for, how
// much time it is about (or how many), and the points it adds to the
// slot's Cost.Points.
//
// In JSON it is {"id", "what", "time", "count", "points"}, the time as Go
// duration text.
type CostItem struct {
	ID     string
	What   string // "focus broken", a band's name ("shoulder", "late", "day-off", "night"), "fragments" or "optional missing"
	Time   time.Duration
	Count  int // for fragments and optional missing
	Points float64
}

// MarshalJSON implements json.Marshaler (see CostItem).
func (it CostItem) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID     string            `json:"id"`
		What   string            `json:"what"`
		Time   jsontext.Duration `json:"time"`
		Count  int               `json:"count"`
		Points float64           `json:"points"`
	}{it.ID, it.What, jsontext.Duration(it.Time), it.Count, it.Points})
}

// Items explains the slot's Cost.Points attendee by attendee: their
// points add up to it. A required attendee missing is not among them: it
// counts apart, before any points (see Suggestion.Score).
func (s Suggestion) Items() []CostItem {
	var out []CostItem
	for _, a := range s.Attendees {
		c := a.Cost
		if c.FocusBroken > 0 {
			out = append(out, CostItem{ID: a.ID, What: "focus broken", Time: c.FocusBroken, Points: c.FocusBroken.Minutes()})
		}
		// The shoulder's points are what the fixed weights of the other
		// bands leave of the burden.
		shoulder := c.Burden
		for b := BandLate; b <= BandNight; b++ {
			shoulder -= *c.band(b) * time.Duration(bandQuarters[b]) / 4
		}
		for b := BandShoulder; b <= BandNight; b++ {
			t := *c.band(b)
			if t == 0 {
				continue
			}
			pts := (t * time.Duration(bandQuarters[b]) / 4).Minutes()
			if b == BandShoulder {
				pts = shoulder.Minutes()
			}
			out = append(out, CostItem{ID: a.ID, What: b.String(), Time: t, Points: pts})
		}
		if c.Fragments > 0 {
			out = append(out, CostItem{ID: a.ID, What: "fragments", Count: c.Fragments, Points: 15 * float64(c.Fragments)})
		}
		if c.OptionalMissing > 0 {
			out = append(out, CostItem{ID: a.ID, What: "optional missing", Count: c.OptionalMissing, Points: 30 * float64(c.OptionalMissing)})
		}
	}
	return out
}

// String returns the item as "ana: night 30m, 120 points".
func (it CostItem) String() string {
	amount := jsontext.FormatDuration(it.Time)
	if it.Count > 0 {
		amount = strconv.Itoa(it.Count)
	}
	return fmt.Sprintf("%s: %s %s, %s points", it.ID, it.What, amount, strconv.FormatFloat(it.Points, 'f', -1, 64))
}
