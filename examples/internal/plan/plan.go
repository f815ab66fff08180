// Package plan is what the planner command and the web service share: the
// demo team, the reading of a window and of each command's parameters, and
// the JSON each command answers with, so that the two cannot drift apart.
//
// Errors about a parameter are *FieldError values that name it by its JSON
// name; each front end writes the name its users typed (the planner a
// flag, the service a JSON field).
package plan

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
)

// The demo team and its calendars (demo/<id>.ics, exports of Google
// Calendar, Outlook, Exchange and Apple Calendar with the team's
// meetings), which demo.json names.
var (
	//go:embed demo.json
	demoTeam []byte
	//go:embed demo/*.ics
	demoCalendars embed.FS
)

// DemoJSON returns the demo team's roster file.
func DemoJSON() []byte { return bytes.Clone(demoTeam) }

// DemoCalendars returns the demo team's calendar files, by the names the
// roster gives them.
func DemoCalendars() fs.FS { return demoCalendars }

// ReadDemo reads the demo team with its calendars.
func ReadDemo(ctx context.Context) (calendar.Roster, error) {
	r, err := ics.ReadRosterFS(ctx, bytes.NewReader(demoTeam), demoCalendars, ics.Options{Strict: true})
	if err != nil {
		return r, fmt.Errorf("the demo roster: %w", err)
	}
	return r, nil
}

// A FieldError is a bad parameter: Field is its JSON name
// ("minAttendance"), Value the value as given (empty when it does not
// help), Msg what is wrong.
type FieldError struct {
	Field, Value, Msg string
}

func (e *FieldError) Error() string { return e.Format(func(f string) string { return f }) }

// Format writes the error with the field's name as name gives it.
func (e *FieldError) Format(name func(field string) string) string {
	if e.Value == "" {
		return name(e.Field) + ": " + e.Msg
	}
	return name(e.Field) + " " + e.Value + ": " + e.Msg
}

func fieldf(field, value, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Value: value, Msg: fmt.Sprintf(format, args...)}
}

// Window reads a window from its bounds: civil dates in zone (midnight by
// calendar.Wall) or RFC 3339 instants. A missing from is this week's Monday
// in zone; a missing to is weeks weeks after from. Errors are *FieldError
// of "from" or "to".
func Window(from, to string, zone *time.Location, now time.Time, weeks int) (calendar.Interval, error) {
	var w calendar.Interval
	var fromDate, toDate calendar.Date
	var err error
	if from != "" {
		if w.Start, fromDate, err = Bound("from", from, zone); err != nil {
			return w, err
		}
	}
	if to != "" {
		if w.End, toDate, err = Bound("to", to, zone); err != nil {
			return w, err
		}
	}
	switch {
	case from == "" && to == "":
		monday := calendar.DateOf(calendar.Week(now, zone).Start.In(zone))
		w = calendar.Days(monday, monday.AddDays(7*weeks-1), zone)
	case to == "" && fromDate.IsValid():
		w.End = calendar.Wall(fromDate.AddDays(7*weeks), calendar.Midnight, zone)
	case to == "":
		w.End = w.Start.Add(time.Duration(weeks) * 7 * 24 * time.Hour)
	case from == "" && toDate.IsValid():
		w.Start = calendar.Wall(toDate.AddDays(-7*weeks), calendar.Midnight, zone)
	case from == "":
		w.Start = w.End.Add(-time.Duration(weeks) * 7 * 24 * time.Hour)
	}
	bounds := fmt.Sprintf("%s (from %s)", orDefault(to), orDefault(from))
	if w.End.Before(w.Start) {
		return w, fieldf("to", bounds, "the window ends before it starts")
	}
	if !w.End.After(w.Start) {
		return w, fieldf("to", bounds, "the window is empty")
	}
	if w.End.Sub(w.Start) > overlap.MaxWindow {
		return w, fieldf("to", bounds, "the window is longer than two years")
	}
	// Every civil day of the window, in any zone, must be one a date can
	// name: years 1 to 9999.
	if w.Start.Before(firstInstant()) {
		return w, fieldf("from", orDefault(from), "the window starts before the year 1 ends its first day everywhere")
	}
	if w.End.After(lastInstant()) {
		return w, fieldf("to", bounds, "the window ends too close to the end of the year 9999 (its last day must be 9999-12-30 at the latest)")
	}
	return w, nil
}

// firstInstant and lastInstant bound a window: a day inside the years 1
// to 9999 in every zone.
func firstInstant() time.Time { return time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC) }
func lastInstant() time.Time  { return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }

func orDefault(s string) string {
	if s == "" {
		return "(default)"
	}
	return s
}

// Bound reads a civil date in zone (its midnight) or an RFC 3339 instant,
// for the parameter field; the date is zero for an instant.
func Bound(field, s string, zone *time.Location) (time.Time, calendar.Date, error) {
	if len(s) == len("2006-01-02") {
		d, err := calendar.ParseDate(s)
		if err != nil {
			return time.Time{}, d, fieldf(field, "", "%v", err)
		}
		return calendar.Wall(d, calendar.Midnight, zone), d, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, calendar.Date{}, fieldf(field, fmt.Sprintf("%q", s), "want a date (2026-03-09) or an RFC 3339 time (2026-03-09T12:00:00Z)")
	}
	return t, calendar.Date{}, nil
}

// Zone loads the viewer's zone; "" is UTC.
func Zone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	z, err := calendar.LoadZone(name)
	if err != nil {
		return nil, fieldf("zone", "", "%v", err)
	}
	return z, nil
}

// Team returns the people of r with the given ids, in that order, or
// everyone for none.
func Team(r calendar.Roster, ids []string) ([]calendar.Person, error) {
	if len(ids) == 0 {
		return r.People, nil
	}
	var team []calendar.Person
	for _, id := range ids {
		p, ok := r.Person(id)
		if !ok {
			return nil, fieldf("people", "", "%q is not in the roster", id)
		}
		team = append(team, *p)
	}
	return team, nil
}

// SplitIDs reads a comma-separated list, leaving out empty items.
func SplitIDs(s string) []string {
	var ids []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			ids = append(ids, f)
		}
	}
	return ids
}
