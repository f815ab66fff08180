// Command planner plans a distributed team's work across time zones: when
// the team overlaps, the best meeting slots and what they cost, a fair
// rotation for a recurring meeting, and whether a topic should be handled
// in writing or in a meeting. Without a subcommand it gives a one-screen
// tour on an embedded demo team.
//
//	planner                         the tour, on the demo team
//	planner availability  [flags]   each person's timeline
//	planner overlap       [flags]   coverage and common windows, with a heat map
//	planner suggest       [flags]   ranked meeting slots
//	planner rotate        [flags]   fair rotation for a recurring meeting
//	planner advise        [flags]   async, sync or hybrid for a topic
//	planner audit         [flags]   what the calendars' meetings cost, and which to change
//	planner holidays      [flags]   holiday codes; their dates (-codes NZ,US), or a roster's people's
//
// Common flags: -roster FILE (default: the embedded demo team, also in
// examples/internal/plan/demo.json), -from DATE -to DATE (civil dates in -zone, the window
// [from 00:00, to 00:00); RFC 3339 instants are accepted too; default:
// this week, Monday to Monday), -zone ZONE (the viewer's zone, default
// UTC), -format text|json|svg (svg for overlap only), -timeout DURATION
// (the longest a command may take, default 30s), -strict (refuse a
// calendar file with any problem; by default what cannot be read in one
// is skipped, with a warning on stderr).
//
// A roster is a JSON file as calendar.ReadRoster reads it, whose
// "calendars" name iCalendar files (relative to the roster) of busy time,
// or calendars on CalDAV servers ("caldav+https://..."), read with the
// credentials in TZPLAN_CALDAV_USER and TZPLAN_CALDAV_PASSWORD (-free-busy
// asks those servers for free-busy time rather than the events).
// Errors are one line on stderr and exit status 2.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/caldav"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/overlap"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now())) }

// usage is printed for -h and is the list of subcommands.
const usage = `usage: planner [subcommand] [flags]

  planner                         the tour, on the demo team
  planner availability  [flags]   each person's timeline
  planner overlap       [flags]   coverage and common windows, with a heat map
  planner suggest       [flags]   ranked meeting slots (-duration 30m -required a,b -optional c)
  planner rotate        [flags]   fair rotation for a recurring meeting (-n 8)
  planner advise        [flags]   async / sync / hybrid for a topic (-purpose decide ...)
  planner audit         [flags]   what the calendars' meetings cost, and which to change
  planner holidays      [flags]   holiday codes; their dates (-codes NZ,US), or a roster's people's

Run "planner SUBCOMMAND -h" for a subcommand's flags.
`

// warningsKey is the context key of the warnings a command gathers for
// stderr: what was skipped in the calendar files it read.
type warningsKey struct{}

// warn adds a warning for stderr.
func warn(ctx context.Context, format string, args ...any) {
	if w, ok := ctx.Value(warningsKey{}).(*[]string); ok {
		*w = append(*w, fmt.Sprintf(format, args...))
	}
}

// A usageError is bad input: it is reported as one line and exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func badf(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// flagError writes a parameter's error with the flag's name
// ("-min-attendance" for minAttendance); other errors are left as they are.
func flagError(err error) error {
	var fe *plan.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	return &usageError{fe.Format(func(field string) string {
		var b strings.Builder
		b.WriteByte('-')
		for _, r := range field {
			if 'A' <= r && r <= 'Z' {
				b.WriteByte('-')
				r += 'a' - 'A'
			}
			b.WriteRune(r)
		}
		return b.String()
	})}
}

// run is the whole program, with its inputs made explicit for tests. It
// returns the exit status: 0, or 2 after one line on stderr.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	now = now.Truncate(time.Minute) // tzplan works in whole minutes
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var warnings []string
	ctx = context.WithValue(ctx, warningsKey{}, &warnings)
	var roster calendar.Roster
	ctx = context.WithValue(ctx, rosterKey{}, &roster)
	var out bytes.Buffer
	err := dispatch(ctx, name, args, &out, now, isTerminal(stdout))
	warnProblems(ctx, roster, true)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "planner: warning: %s\n", strings.Join(strings.Fields(w), " "))
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w (stopped by -timeout; try a shorter window or a longer -timeout)", err)
	}
	if errors.Is(err, flag.ErrHelp) {
		stdout.Write(out.Bytes()) // the usage
		return 0
	}
	if err != nil {
		msg := strings.Join(strings.Fields(err.Error()), " ") // one line, whatever the error holds
		fmt.Fprintf(stderr, "planner: %s\n", msg)
		return 2
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "planner: writing the output: %v\n", err)
		return 2
	}
	return 0
}

func dispatch(ctx context.Context, name string, args []string, out *bytes.Buffer, now time.Time, color bool) error {
	switch name {
	case "":
		return tour(ctx, args, out, now, color)
	case "availability":
		return availability(ctx, args, out, now)
	case "overlap":
		return overlapCmd(ctx, args, out, now, color)
	case "suggest":
		return suggest(ctx, args, out, now)
	case "rotate":
		return rotate(ctx, args, out, now)
	case "advise":
		return advise(ctx, args, out, now)
	case "audit":
		return auditCmd(ctx, args, out, now)
	case "holidays":
		return holidays(ctx, args, out, now)
	case "help":
		out.WriteString(usage)
		return flag.ErrHelp
	}
	return badf("unknown subcommand %q (want availability, overlap, suggest, rotate, advise, audit or holidays)", name)
}

// isTerminal reports whether w is a terminal that may show colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// common holds the flags every subcommand but holidays takes.
type common struct {
	fs               *flag.FlagSet
	parent           context.Context // the program's, for the -timeout context
	ctx              context.Context // bounded by -timeout, once the flags are read
	cancel           context.CancelFunc
	timeout          time.Duration
	strict           bool // -strict: calendar files are read strictly
	freeBusy         bool // -free-busy: CalDAV servers are asked for free-busy time
	rosterFile       string
	from, to         string
	zoneName, format string
	formats          []string // the formats this subcommand writes
	defaultWeeks     int      // the default window's length in weeks
	roster           calendar.Roster
	team             []calendar.Person
	zone             *time.Location
	window           calendar.Interval
	people           string // -people, for availability and overlap
	withPeople       bool
}

func newCommon(ctx context.Context, name string, out io.Writer, formats ...string) *common {
	c := &common{parent: ctx, fs: flag.NewFlagSet("planner "+name, flag.ContinueOnError), formats: formats, defaultWeeks: 1}
	c.fs.SetOutput(io.Discard)
	c.fs.Usage = func() {}
	c.fs.StringVar(&c.rosterFile, "roster", "", "a roster file (JSON); default: the embedded demo team")
	c.fs.StringVar(&c.from, "from", "", "the window's first day (YYYY-MM-DD in -zone) or an RFC 3339 instant; default: this week's Monday")
	c.fs.StringVar(&c.to, "to", "", "the day after the window (YYYY-MM-DD in -zone) or an RFC 3339 instant; default: a week after -from")
	c.fs.StringVar(&c.zoneName, "zone", "UTC", "the viewer's time zone (IANA name)")
	c.fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "the longest the command may take")
	c.fs.BoolVar(&c.strict, "strict", false, "refuse a calendar file with any problem; by default what cannot be read is skipped, with a warning")
	c.fs.BoolVar(&c.freeBusy, "free-busy", false, "ask the roster's CalDAV servers for free-busy time (RFC 4791 free-busy-query) rather than read the events; a server that does not answer it is read as without")
	if len(formats) > 0 {
		c.fs.StringVar(&c.format, "format", "text", "the output: "+strings.Join(formats, ", "))
	}
	return c
}

// parse reads the flags, the roster, the zone and the window.
func (c *common) parse(args []string, out *bytes.Buffer, now time.Time) error {
	if c.withPeople {
		c.fs.StringVar(&c.people, "people", "", "the IDs to show, comma-separated; default: everyone")
	}
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(out, "usage: %s [flags]\n\n", c.fs.Name())
			c.fs.SetOutput(out)
			c.fs.PrintDefaults()
			return err
		}
		return fmt.Errorf("%s: %v", c.fs.Name(), err)
	}
	if c.timeout <= 0 {
		return badf("-timeout %s: want a positive duration", c.timeout)
	}
	c.ctx, c.cancel = context.WithTimeout(c.parent, c.timeout)
	if c.fs.NArg() > 0 {
		return badf("%s: unexpected argument %q", c.fs.Name(), c.fs.Arg(0))
	}
	if len(c.formats) > 0 && !contains(c.formats, c.format) {
		return badf("-format %q: %s writes %s", c.format, c.fs.Name(), strings.Join(c.formats, " or "))
	}
	if c.format == "" {
		c.format = "text"
	}
	zone, err := calendar.LoadZone(c.zoneName)
	if err != nil {
		return badf("-zone: %v", err)
	}
	c.zone = zone
	if err := c.readRoster(); err != nil {
		return err
	}
	if c.team, err = plan.Team(c.roster, plan.SplitIDs(c.people)); err != nil {
		return flagError(err)
	}
	c.window, err = plan.Window(c.from, c.to, c.zone, now, c.defaultWeeks)
	return flagError(err)
}

func (c *common) readRoster() error {
	var r calendar.Roster
	var err error
	if c.rosterFile == "" {
		if r, err = plan.ReadDemo(c.ctx); err != nil {
			return err
		}
	} else {
		dav := &caldav.Client{Username: os.Getenv("TZPLAN_CALDAV_USER"), Password: os.Getenv("TZPLAN_CALDAV_PASSWORD"),
			Read: ics.Options{Strict: c.strict}, FreeBusy: c.freeBusy}
		r, err = ics.ReadRosterFile(c.ctx, c.rosterFile, ics.Options{Strict: c.strict, Remote: dav.Remote()})
		if err != nil {
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", c.rosterFile)) {
				return fmt.Errorf("-roster %q: %w", c.rosterFile, err)
			}
			return fmt.Errorf("-roster: %w", err)
		}
		warnProblems(c.ctx, r, false)
		if read, ok := c.ctx.Value(rosterKey{}).(*calendar.Roster); ok {
			*read = r // for the problems of its calendars on servers, known once they are read
		}
	}
	if len(r.People) == 0 {
		return badf("-roster %q: the roster has no people", c.rosterFile)
	}
	c.roster, c.team = r, r.People
	return nil
}

// rosterKey is the context key of the roster a command read.
type rosterKey struct{}

// warnProblems warns of what was skipped in the roster's calendar files,
// or with remote in its calendars on servers (known once the command has
// read them): the first few problems of each, and how many more there are.
func warnProblems(ctx context.Context, r calendar.Roster, remote bool) {
	const shown = 3
	seen := make(map[string]bool)
	for _, p := range r.People {
		for i, src := range p.Sources {
			c, ok := src.(interface{ Problems() []ics.Problem })
			if _, file := src.(*ics.Calendar); !ok || file == remote || i >= len(p.Calendars) || seen[p.Calendars[i]] {
				continue
			}
			name := p.Calendars[i]
			seen[name] = true
			probs := c.Problems()
			for _, pr := range probs[:min(len(probs), shown)] {
				warn(ctx, "%q: %s", name, pr)
			}
			if len(probs) > shown {
				warn(ctx, "%q: %d more problems (-strict refuses a file with any)", name, len(probs)-shown)
			}
		}
	}
}

// report computes the team's overlap over the window.
func (c *common) report(opt overlap.Options) (*overlap.Report, error) {
	r, err := overlap.Compute(c.ctx, c.team, c.window, opt)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
