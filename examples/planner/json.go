package main

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// The JSON schema of the planner's output. Times are RFC 3339 in UTC ("Z");
// people are in roster order; an interval is {"start", "end"}; durations
// are whole minutes in fields named ...Minutes. The README documents it.

type intervalJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type availabilityJSON struct {
	Window intervalJSON `json:"window"`
	People []personJSON `json:"people"`
}

type personJSON struct {
	ID       string         `json:"id"`
	Zone     string         `json:"zone"`
	Timeline []segmentJSON  `json:"timeline"`
	Free     []intervalJSON `json:"free"`
}

type segmentJSON struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

type overlapJSON struct {
	Window   intervalJSON   `json:"window"`
	Coverage []coverageJSON `json:"coverage"`
	Common   []intervalJSON `json:"common"`
}

type coverageJSON struct {
	Start string   `json:"start"`
	End   string   `json:"end"`
	Free  []string `json:"free"`
}

type suggestJSON struct {
	Suggestions []suggestionJSON `json:"suggestions"`
	Why         *whyJSON         `json:"why,omitempty"`
}

type suggestionJSON struct {
	Start     string           `json:"start"`
	End       string           `json:"end"`
	Score     float64          `json:"score"`
	Cost      costJSON         `json:"cost"`
	Attendees []attendanceJSON `json:"attendees"`
}

type costJSON struct {
	FocusBrokenMinutes int     `json:"focusBrokenMinutes"`
	OffHoursMinutes    int     `json:"offHoursMinutes"`
	Fragments          int     `json:"fragments"`
	OptionalMissing    int     `json:"optionalMissing"`
	RequiredMissing    int     `json:"requiredMissing"`
	Points             float64 `json:"points"`
}

type attendanceJSON struct {
	ID       string `json:"id"`
	Zone     string `json:"zone"`
	Status   string `json:"status"`
	Local    string `json:"local"` // the start on the attendee's wall clock, "2026-03-09T13:00"
	Optional bool   `json:"optional"`
	Present  bool   `json:"present"`
}

type whyJSON struct {
	Never []string `json:"never"`
	Best  float64  `json:"best"`
	Want  float64  `json:"want"`
	Slots int      `json:"slots"`
}

type rotateJSON struct {
	Slots         []suggestionJSON `json:"slots"`
	Burden        []burdenJSON     `json:"burden"`
	MaxMinutes    int              `json:"maxMinutes"`
	SpreadMinutes int              `json:"spreadMinutes"`
	TotalMinutes  int              `json:"totalMinutes"`
	Why           *whyJSON         `json:"why,omitempty"`
}

type burdenJSON struct {
	ID            string `json:"id"`
	BurdenMinutes int    `json:"burdenMinutes"`
	Slots         int    `json:"slots"`
}

type holidaysJSON struct {
	Codes []string `json:"codes"`
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func ivJSON(iv calendar.Interval) intervalJSON {
	return intervalJSON{Start: utc(iv.Start), End: utc(iv.End)}
}

func setJSON(s calendar.Set) []intervalJSON {
	out := []intervalJSON{}
	for iv := range s.All() {
		out = append(out, ivJSON(iv))
	}
	return out
}

func minutes(d time.Duration) int { return int(d / time.Minute) }

func suggestionsJSON(ss []overlap.Suggestion, team []calendar.Person) []suggestionJSON {
	out := []suggestionJSON{}
	for _, s := range ss {
		j := suggestionJSON{
			Start: utc(s.Start), End: utc(s.End), Score: s.Score,
			Cost: costJSON{
				FocusBrokenMinutes: minutes(s.Cost.FocusBroken), OffHoursMinutes: minutes(s.Cost.OffHours),
				Fragments: s.Cost.Fragments, OptionalMissing: s.Cost.OptionalMissing,
				RequiredMissing: s.Cost.RequiredMissing, Points: s.Cost.Points(),
			},
			Attendees: []attendanceJSON{},
		}
		for _, a := range s.Attendees {
			zone := ""
			if i := indexOf(team, a.ID); i >= 0 {
				zone = team[i].Zone.String()
			}
			j.Attendees = append(j.Attendees, attendanceJSON{
				ID: a.ID, Zone: zone, Status: a.Status.String(), Local: a.Local.Format("2006-01-02T15:04"),
				Optional: a.Optional, Present: a.Present,
			})
		}
		out = append(out, j)
	}
	return out
}

func noSlotJSON(e *overlap.NoSlotError) *whyJSON {
	never := append([]string{}, e.Never...)
	return &whyJSON{Never: never, Best: e.Best, Want: e.Want, Slots: e.Slots}
}

// writeJSON writes v indented, with a final newline.
func writeJSON(out *bytes.Buffer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
