package plan

import (
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// Meeting holds the parameters of suggest and rotate, as the planner's
// flags and the service's JSON fields give them; DefaultMeeting gives
// their defaults.
type Meeting struct {
	Duration, Step, Buffer, Spacing, Shoulder time.Duration
	Required, Optional                        []string
	// Night is the night for those who set none ("23:00-07:00"), or ""
	// for the default.
	Night                         string
	MinAttendance                 float64 // in (0, 1]
	AllowSoftFocus, AllowOffHours bool
	AllowNight, AllowDaysOff      bool
	Max                           int
	// NotBefore is the earliest start, as RFC 3339 text ("" for none):
	// a slot in the past helps no one.
	NotBefore string
}

// MaxMeetings bounds the meetings of a rotation: a weekly meeting for ten
// years, or a daily one for three.
const MaxMeetings = 520

// DefaultMeeting is a 30-minute meeting of everyone, the five best slots.
func DefaultMeeting() Meeting {
	return Meeting{Duration: 30 * time.Minute, Step: overlap.DefaultStep, Spacing: overlap.DefaultSpacing,
		Shoulder: calendar.DefaultShoulder, MinAttendance: 1, Max: 5}
}

// Request checks m against the roster and makes the request, in zone;
// Required defaults to everyone in team who is not optional. Errors are
// *FieldError.
func (m Meeting) Request(r calendar.Roster, team []calendar.Person, zone *time.Location) (overlap.Request, error) {
	for _, d := range []struct {
		field string
		d     time.Duration
		zero  bool // zero is allowed
	}{{"duration", m.Duration, false}, {"step", m.Step, false}, {"buffer", m.Buffer, true}, {"shoulder", m.Shoulder, true}} {
		// tzplan works in whole minutes: 30s would show as 08:00-08:00.
		if d.d < 0 || (d.d == 0 && !d.zero) || d.d%time.Minute != 0 {
			want := "a positive whole number of minutes"
			if d.zero {
				want = "zero or a positive whole number of minutes"
			}
			return overlap.Request{}, fieldf(d.field, d.d.String(), "want %s", want)
		}
	}
	if m.MinAttendance <= 0 || m.MinAttendance > 1 {
		return overlap.Request{}, fieldf("minAttendance", fmt.Sprint(m.MinAttendance), "want a share in (0, 1]")
	}
	if m.Max <= 0 {
		return overlap.Request{}, fieldf("max", fmt.Sprint(m.Max), "want at least 1")
	}
	req := overlap.Request{Duration: m.Duration, Step: m.Step, Zone: zone, Required: slices.Clone(m.Required),
		Optional: slices.Clone(m.Optional), MinAttendance: m.MinAttendance,
		AllowOffHours: m.AllowOffHours, AllowNight: m.AllowNight, AllowDaysOff: m.AllowDaysOff,
		Buffer: m.Buffer, Max: m.Max, Spacing: m.Spacing, Comfort: calendar.Comfort{Shoulder: m.Shoulder}}
	if m.NotBefore != "" {
		t, err := time.Parse(time.RFC3339, m.NotBefore)
		if err != nil {
			return req, fieldf("notBefore", fmt.Sprintf("%q", m.NotBefore), "want an RFC 3339 instant, such as 2026-03-10T09:00:00Z")
		}
		req.NotBefore = t
	}
	if m.Spacing == 0 {
		req.Spacing = -1 // a spacing of zero means none, as a negative one does
	}
	if m.Night != "" {
		night, err := calendar.ParseSpan(m.Night)
		if err != nil {
			return req, fieldf("night", fmt.Sprintf("%q", m.Night), "want a span such as 23:00-07:00")
		}
		req.Comfort.Night = night
	}
	if err := req.Comfort.Check(); err != nil {
		return req, fieldf("shoulder", fmt.Sprintf("%s (night %q)", m.Shoulder, m.Night), "%v", err)
	}
	if len(req.Required) == 0 {
		for _, p := range team {
			if !slices.Contains(req.Optional, p.ID) {
				req.Required = append(req.Required, p.ID)
			}
		}
	}
	for _, f := range []struct {
		name string
		ids  []string
	}{{"required", req.Required}, {"optional", req.Optional}} {
		for _, id := range f.ids {
			if _, ok := r.Person(id); !ok {
				return req, fieldf(f.name, "", "%q is not in the roster", id)
			}
		}
	}
	return req, nil
}
