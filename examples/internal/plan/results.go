package plan

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// The JSON of each command is the library's (see the package tzplan):
// lower camelCase names, instants as RFC 3339 text in UTC, durations as Go
// duration text, intervals as {"start", "end"}.

// AvailabilityJSON is the answer of availability.
type AvailabilityJSON struct {
	Window calendar.Interval    `json:"window"`
	People []PersonAvailability `json:"people"`
}

// PersonAvailability is one person's timeline and free time.
type PersonAvailability struct {
	ID       string             `json:"id"`
	Zone     string             `json:"zone"`
	Timeline []calendar.Segment `json:"timeline"`
	Free     calendar.Set       `json:"free"`
}

// Availability gives each person's timeline and free time in r.
func Availability(r *overlap.Report, team []calendar.Person) (AvailabilityJSON, error) {
	a := AvailabilityJSON{Window: r.Window(), People: []PersonAvailability{}}
	for _, p := range team {
		segs, err := r.Timeline(p.ID)
		if err != nil {
			return a, err
		}
		free, err := r.Free(p.ID)
		if err != nil {
			return a, err
		}
		a.People = append(a.People, PersonAvailability{p.ID, p.Zone.String(), segs, free})
	}
	return a, nil
}

// OverlapJSON is the answer of overlap: who is free when, when everyone
// is, the people and the week's heat map.
type OverlapJSON struct {
	Window   calendar.Interval `json:"window"`
	Coverage []overlap.Segment `json:"coverage"`
	Common   calendar.Set      `json:"common"`
	People   []PersonJSON      `json:"people"`
	Heatmap  Heatmap           `json:"heatmap"`
}

// PersonJSON names a person and their home zone.
type PersonJSON struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Zone string `json:"zone"`
}

// A Heatmap is the window cut into the hours of each civil day of the
// viewer's zone, each with the people free for the whole hour.
type Heatmap struct {
	Zone string            `json:"zone"`
	Step jsontext.Duration `json:"step"`
	Days []HeatmapDay      `json:"days"`
}

// A HeatmapDay is one civil day of the viewer's zone: 24 cells, from
// midnight on its wall clock.
type HeatmapDay struct {
	Date  calendar.Date `json:"date"`
	Cells []HeatmapCell `json:"cells"`
}

// A HeatmapCell is one hour of the wall clock: the instants the clock
// shows it (clipped to the window; empty where the clocks skip it or
// outside the window) and the people free for all of them.
type HeatmapCell struct {
	Clock calendar.Clock `json:"clock"`
	Start jsontext.Time  `json:"start"`
	End   jsontext.Time  `json:"end"`
	Empty bool           `json:"empty,omitempty"`
	Free  []string       `json:"free"`
}

// Overlap gives coverage, common time, the people and the heat map of r
// in zone.
func Overlap(ctx context.Context, r *overlap.Report, team []calendar.Person, zone *time.Location) (OverlapJSON, error) {
	common, err := r.Common()
	if err != nil {
		return OverlapJSON{}, err
	}
	o := OverlapJSON{Window: r.Window(), Coverage: slices.Collect(r.Coverage()), Common: common, People: []PersonJSON{}}
	if o.Coverage == nil {
		o.Coverage = []overlap.Segment{}
	}
	for _, p := range team {
		o.People = append(o.People, PersonJSON{p.ID, p.Name, p.Zone.String()})
	}
	o.Heatmap, err = heatmap(ctx, r, team, zone)
	return o, err
}

func heatmap(ctx context.Context, r *overlap.Report, team []calendar.Person, zone *time.Location) (Heatmap, error) {
	h := Heatmap{Zone: zone.String(), Step: jsontext.Duration(time.Hour), Days: []HeatmapDay{}}
	buckets, err := r.Buckets(zone, time.Hour)
	if err != nil {
		return h, err
	}
	free := make([]calendar.Set, len(team))
	for i, p := range team {
		if free[i], err = r.Free(p.ID); err != nil {
			return h, err
		}
	}
	for _, b := range buckets {
		if len(h.Days) == 0 || h.Days[len(h.Days)-1].Date != b.Date {
			if err := ctx.Err(); err != nil { // a day at a time: a large team's year is long work
				return h, err
			}
			h.Days = append(h.Days, HeatmapDay{Date: b.Date})
		}
		c := HeatmapCell{Clock: b.Clock, Start: jsontext.Time(b.Start), End: jsontext.Time(b.End), Empty: b.IsEmpty(), Free: []string{}}
		if c.Empty {
			c.End = c.Start // an empty bucket's bounds say nothing more
		} else {
			for i, p := range team {
				if free[i].Clip(b.Interval).Duration() == b.Duration() {
					c.Free = append(c.Free, p.ID)
				}
			}
		}
		d := &h.Days[len(h.Days)-1]
		d.Cells = append(d.Cells, c)
	}
	return h, nil
}

// SuggestJSON is the answer of suggest: the ranked slots, or why there
// are none.
type SuggestJSON struct {
	Suggestions []overlap.Suggestion `json:"suggestions"`
	Why         *overlap.NoSlotError `json:"why,omitempty"`
}

// Suggestions makes the answer of suggest from what Suggest returned: a
// NoSlotError is an answer, any other error is not.
func Suggestions(ss []overlap.Suggestion, err error) (SuggestJSON, error) {
	var ns *overlap.NoSlotError
	if err != nil && !errors.As(err, &ns) {
		return SuggestJSON{}, fmt.Errorf("suggest: %w", err)
	}
	return SuggestJSON{Suggestions: jsontext.List(ss), Why: ns}, nil
}

// RotateJSON is the answer of rotate when no slot fits.
type RotateJSON struct {
	Slots  []overlap.Suggestion `json:"slots"`
	Burden []overlap.Burden     `json:"burden"`
	Why    *overlap.NoSlotError `json:"why"`
}

// Rotation makes the answer of rotate from what Rotate returned: the
// rotation, or a RotateJSON saying why there is none.
func Rotation(rot overlap.Rotation, err error) (any, error) {
	var ns *overlap.NoSlotError
	if errors.As(err, &ns) {
		return RotateJSON{[]overlap.Suggestion{}, []overlap.Burden{}, ns}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("rotate: %w", err)
	}
	return rot, nil
}

// Decide computes the facts and the decision for topic t as of now, or
// an error that says what is wrong with the topic.
func Decide(ctx context.Context, r *overlap.Report, t policy.Topic, now time.Time) (policy.Decision, error) {
	p := policy.Default()
	f, err := policy.FactsFrom(ctx, r, t.Participants, now, p)
	if err != nil {
		return policy.Decision{}, fmt.Errorf("advise: %w", err)
	}
	d, err := p.Decide(t, f)
	if err != nil {
		return policy.Decision{}, fmt.Errorf("advise: %w", err)
	}
	return d, nil
}

// Audit audits the meetings in team's calendars over window: the
// meetings are read from the calendars (ics.Source: files, and calendars
// on servers), and each person's busy time is what is left of their
// calendars besides them.
func Audit(ctx context.Context, team []calendar.Person, window calendar.Interval, purposes map[string]policy.Purpose) (policy.Audit, error) {
	events := make([][][]ics.Event, len(team)) // by person, by calendar
	var all [][]ics.Event
	for i, p := range team {
		for j, src := range p.Sources {
			cal, ok := src.(ics.Source) // a calendar file, or one on a server
			if !ok {
				continue
			}
			es, err := cal.Events(ctx, window, p.Zone)
			if err != nil {
				name := fmt.Sprint("calendar ", j+1)
				if j < len(p.Calendars) {
					name = fmt.Sprintf("%q", p.Calendars[j])
				}
				return policy.Audit{}, fmt.Errorf("%s's %s: %w", p.ID, name, err)
			}
			events[i] = append(events[i], es)
			all = append(all, es)
		}
	}
	meetings := policy.MeetingsFrom(team, all...)
	people := make([]calendar.Person, len(team))
	for i, p := range team {
		var b calendar.SetBuilder
		b.AddSet(p.Busy)
		for _, es := range events[i] {
			b.AddSet(policy.BusyBesides(p, es, meetings))
		}
		var other []calendar.BusySource // sources without events stay
		for _, src := range p.Sources {
			if _, ok := src.(ics.Source); !ok {
				other = append(other, src)
			}
		}
		p.Busy, p.Sources = b.Set(), other
		people[i] = p
	}
	r, err := overlap.Compute(ctx, people, window, overlap.Options{})
	if err != nil {
		return policy.Audit{}, err
	}
	return policy.Default().Audit(ctx, r, meetings, purposes)
}
