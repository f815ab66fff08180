// Command planner shows a distributed team's working week: for each person,
// their zone and the spans they work this week, on their own wall clock and
// in UTC. Without flags it shows the embedded demo team.
//
//	go run ./examples/planner
//	go run ./examples/planner -week 2026-03-09
//	go run ./examples/planner -roster team.json
//
// A team file is JSON: {"people": [{"id", "name", "zone", "hours"}]}, with
// zones named as in the IANA time zone database and hours written as
// "Mon-Fri 09:00-17:00; Sat 10:00-12:00".
package main

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
)

//go:embed demo.json
var demoTeam []byte

func main() {
	if err := run(os.Args[1:], os.Stdout, time.Now()); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "planner:", err)
		}
		os.Exit(2)
	}
}

// run is the whole program, with its inputs made explicit for tests.
func run(args []string, out io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("planner", flag.ContinueOnError)
	week := fs.String("week", "", "a date (YYYY-MM-DD) in the week to show; default: today in UTC")
	roster := fs.String("roster", "", "a team file (JSON); default: the embedded demo team")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	day := calendar.DateOf(now.UTC())
	if *week != "" {
		d, err := calendar.ParseDate(*week)
		if err != nil {
			return fmt.Errorf("-week: %w", err)
		}
		day = d
	}
	data, source := demoTeam, "the demo team"
	if *roster != "" {
		b, err := os.ReadFile(*roster)
		if err != nil {
			return err
		}
		data, source = b, *roster
	}
	team, err := readTeam(data)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	monday := day.AddDays(-((int(day.Weekday()) + 6) % 7))
	return printWeek(out, team, monday)
}

type member struct {
	ID    string               `json:"id"`
	Name  string               `json:"name"`
	Zone  string               `json:"zone"`
	Hours calendar.WeeklyHours `json:"hours"`
	loc   *time.Location
}

// readTeam reads and checks a team file; a misspelt field is an error,
// not a silently missing value.
func readTeam(data []byte) ([]member, error) {
	var file struct {
		People []member `json:"people"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, err
	}
	if len(file.People) == 0 {
		return nil, errors.New("no people")
	}
	seen := map[string]bool{}
	for i := range file.People {
		m := &file.People[i]
		if m.ID == "" || seen[m.ID] {
			return nil, fmt.Errorf("person %d: missing or repeated id %q", i+1, m.ID)
		}
		seen[m.ID] = true
		loc, err := time.LoadLocation(m.Zone)
		if err != nil || m.Zone == "" || m.Zone == "Local" {
			return nil, fmt.Errorf("person %q: unknown zone %q", m.ID, m.Zone)
		}
		m.loc = loc
	}
	return file.People, nil
}

// printWeek writes each person's working spans in the week that starts on
// monday, Monday to Sunday on their own calendar.
func printWeek(out io.Writer, team []member, monday calendar.Date) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Working week of Monday %s, each person's own Monday to Sunday\n", monday)
	for _, m := range team {
		week := calendar.Interval{
			Start: calendar.Wall(monday, calendar.Midnight, m.loc),
			End:   calendar.Wall(monday.AddDays(7), calendar.Midnight, m.loc),
		}
		working := m.Hours.Working(week, m.loc)
		fmt.Fprintf(&b, "\n%s (%s)  %s  %s\n", m.Name, m.ID, m.loc, m.Hours)
		var last calendar.Date
		for iv := range working.All() {
			start, end := iv.Start.In(m.loc), iv.End.In(m.loc)
			label := "         "
			if d := calendar.DateOf(start); d != last {
				label, last = start.Format("Mon 01-02"), d
			}
			fmt.Fprintf(&b, "  %s  %s-%s %-6s  =  %s\n", label, start.Format("15:04"), end.Format("15:04"),
				start.Format("MST"), utcSpan(iv))
		}
		fmt.Fprintf(&b, "  %s of work this week\n", hours(working.Duration()))
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// utcSpan writes an interval in UTC, naming the end's day when it differs.
func utcSpan(iv calendar.Interval) string {
	s, e := iv.Start.UTC(), iv.End.UTC()
	end := e.Format("15:04")
	if calendar.DateOf(s) != calendar.DateOf(e) {
		end = e.Format("Mon 15:04")
	}
	return s.Format("Mon 01-02 15:04") + "-" + end + " UTC"
}

func hours(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, m)
}
