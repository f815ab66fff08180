// Command planner shows a distributed team's working week: for each person,
// their zone and this week's working time, on their own wall clock and in
// UTC, with what takes it (holidays, time off, busy time, focus blocks).
// Without flags it shows the embedded demo team.
//
//	go run ./examples/planner
//	go run ./examples/planner -week 2026-03-09
//	go run ./examples/planner -roster team.json
//
// A team file is a roster, as calendar.ReadRoster reads it:
// {"people": [{"id", "name", "zone", "hours", "holidays", "timeOff",
// "focus", "busy", "calendars"}]}, where "calendars" names iCalendar
// files (relative to the roster) whose events are busy time.
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
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
	var team []calendar.Person
	if *roster == "" {
		r, err := calendar.ReadRoster(bytes.NewReader(demoTeam))
		if err != nil {
			return fmt.Errorf("the demo team: %w", err)
		}
		team = r.People
	} else {
		// A roster file may name iCalendar files, relative to it.
		r, err := ics.ReadRosterFile(*roster)
		if err != nil {
			return err
		}
		team = r.People
	}
	if len(team) == 0 {
		return errors.New("the roster has no people")
	}
	monday := day.AddDays(-((int(day.Weekday()) + 6) % 7))
	return printWeek(out, team, monday)
}

// printWeek writes each person's working time in the week that starts on
// monday, Monday to Sunday on their own calendar.
func printWeek(out io.Writer, team []calendar.Person, monday calendar.Date) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Working week of Monday %s, each person's own Monday to Sunday\n", monday)
	for i := range team {
		p := &team[i]
		week := calendar.Interval{
			Start: calendar.Wall(monday, calendar.Midnight, p.Zone),
			End:   calendar.Wall(monday.AddDays(7), calendar.Midnight, p.Zone),
		}
		segs, err := p.Timeline(week)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n%s (%s)  %s  %s\n", p.Name, p.ID, p.Zone, p.Hours)
		var last calendar.Date
		for _, s := range segs {
			if s.Kind == calendar.KindOffHours {
				continue
			}
			start, end := s.Start.In(p.Zone), s.End.In(p.Zone)
			label := "         "
			if d := calendar.DateOf(start); d != last {
				label, last = start.Format("Mon 01-02"), d
			}
			what := s.Kind.String()
			if s.Label != "" {
				what += ": " + s.Label
			}
			fmt.Fprintf(&b, "  %s  %s-%s %-6s  =  %-30s %s\n", label, start.Format("15:04"), end.Format("15:04"),
				start.Format("MST"), utcSpan(s.Interval), what)
		}
		free, err := p.Free(week)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "  %s free of %s working this week\n", hours(free.Duration()), hours(p.Hours.Working(week, p.Zone).Duration()))
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
