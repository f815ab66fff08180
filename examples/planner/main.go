// Command planner plans a distributed team's work across time zones: when
// the team overlaps, the best meeting slots and what they cost, a fair
// rotation for a recurring meeting, and whether a topic should be handled
// in writing or in a meeting. Without a subcommand it gives a one-screen
// tour on an embedded demo team.
//
//	planner                         the tour, on the demo team: the best time this week first
//	planner availability  [flags]   each person's timeline
//	planner overlap       [flags]   coverage and common windows, with a heat map
//	planner suggest       [flags]   ranked meeting slots
//	planner rotate        [flags]   fair rotation for a recurring meeting
//	planner advise        [flags]   async, sync or hybrid for a topic
//	planner audit         [flags]   what the calendars' meetings cost, and which to change
//	planner holidays      [flags]   holiday codes; their dates (-codes NZ,US), or a roster's people's
//	planner summary       [flags]   the best time this week for the team or -people, with who misses it
//	planner week          [flags]   one person's week on their own clock (-person ana)
//	planner pairs         [flags]   the hours each pair of people is free together
//	planner help [SUBCOMMAND]       the subcommands, or a subcommand's flags (also -h)
//
// Flags go before or after the subcommand: "planner -roster team.json
// availability -zone UTC" is "planner availability -roster team.json -zone
// UTC". A flag given twice, on one side or both, takes its later value, as
// with Go's flag package (audit's -purpose, which is repeatable, takes
// both).
//
// The tour advises on a sample topic, and says so, unless -topic, -purpose,
// -participants or -deadline give one.
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
// Errors are one line on stderr and exit status 2, in the words of the
// flags and the roster file, with a suggestion for a name that looks
// mistyped (a subcommand, a flag, a person's id, a holiday code, a zone);
// ids match in any letter case where only one id of the roster does.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/caldav"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now())) }

// A subcommand is one of the planner's commands: its name, the line that
// help gives it, and what runs it.
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, out *bytes.Buffer, now time.Time, color bool) error
}

// subcommands are the planner's subcommands, in the order help lists
// them. It is a function rather than a variable because the subcommands
// write help, which reads the list: a variable would refer to itself.
func subcommands() []subcommand {
	return []subcommand{
		{"availability", "each person's timeline", noColor(availability)},
		{"overlap", "coverage and common windows, with a heat map", overlapCmd},
		{"suggest", "ranked meeting slots (-duration 30m -required ben,priya -optional ana)", noColor(suggest)},
		{"rotate", "a fair rotation for a recurring meeting (-n 8)", noColor(rotate)},
		{"advise", "async, sync or hybrid for a topic (-purpose decide -participants ben,sam)", noColor(advise)},
		{"audit", "what the calendars' meetings cost, and which to change", noColor(auditCmd)},
		{"holidays", "holiday codes; their dates (-codes NZ,US), or a roster's people's", noColor(holidays)},
		{"summary", "the best time this week for the team or -people, with who misses it", noColor(summaryCmd)},
		{"week", "one person's week on their own clock, with who else is free (-person ana)", noColor(weekCmd)},
		{"pairs", "the hours each pair of people is free together", noColor(pairsCmd)},
	}
}

// noColor makes a subcommand that writes no colour one of subcommands.
func noColor(run func(context.Context, []string, *bytes.Buffer, time.Time) error) func(context.Context, []string, *bytes.Buffer, time.Time, bool) error {
	return func(ctx context.Context, args []string, out *bytes.Buffer, now time.Time, _ bool) error {
		return run(ctx, args, out, now)
	}
}

// isSubcommand reports whether name is a subcommand, or help.
func isSubcommand(name string) bool {
	return slices.Contains(subcommandNames(), name)
}

// subcommandNames are the names of the subcommands, and help.
func subcommandNames() []string {
	var names []string
	for _, s := range subcommands() {
		names = append(names, s.name)
	}
	return append(names, "help")
}

// writeUsage writes the planner's help: the subcommands, one a line, the
// tour's own flags, and the flags that the tour and every subcommand take.
func writeUsage(out *bytes.Buffer, tour *flag.FlagSet) {
	out.WriteString("usage: planner [SUBCOMMAND] [flags]\n\n")
	out.WriteString("Without a subcommand, a one-screen tour of the team's week (the demo team's without -roster).\n")
	out.WriteString("\nSubcommands:\n")
	for _, s := range subcommands() {
		fmt.Fprintf(out, "  %-13s %s\n", s.name, s.summary)
	}
	fmt.Fprintf(out, "  %-13s %s\n", "help", "this page; planner help SUBCOMMAND: a subcommand's flags")
	out.WriteString("\nFlags go before or after the subcommand (planner -roster team.json availability -zone UTC);\n" +
		"a flag given twice takes its later value.\n")
	out.WriteString("\nFlags of the tour:\n")
	writeFlags(out, tour, func(name string) bool { return !everyFlag(name) })
	out.WriteString("\nFlags of the tour and of every subcommand:\n")
	writeFlags(out, tour, everyFlag)
}

// everyFlag reports whether name is a flag that the tour and every
// subcommand take, such as -roster.
func everyFlag(name string) bool {
	return newCommon(context.Background(), "", io.Discard).fs.Lookup(name) != nil
}

// writeFlags writes the flags of fs that keep, one a line: the flag and
// the kind of value it takes, what it is for with an example value, and
// its default.
func writeFlags(out *bytes.Buffer, fs *flag.FlagSet, keep func(name string) bool) {
	const (
		width   = 100 // columns
		maxFlag = 24  // the widest flag that keeps its text on its line
	)
	type row struct{ flag, text string }
	var rows []row
	left := 0
	fs.VisitAll(func(f *flag.Flag) {
		if !keep(f.Name) {
			return
		}
		kind, text := flag.UnquoteUsage(f)
		r := row{"-" + f.Name, text}
		if kind != "" {
			r.flag += " " + placeholder(kind)
		}
		def := f.DefValue
		if d, err := time.ParseDuration(def); err == nil && kind == "duration" {
			def = jsontext.FormatDuration(d) // 30m, not 30m0s
		}
		if def != "" && def != "0" && def != "false" && def != "0s" {
			r.text += " (default " + def + ")"
		}
		if len(r.flag) <= maxFlag {
			left = max(left, len(r.flag))
		}
		rows = append(rows, r)
	})
	indent := strings.Repeat(" ", 2+left+2)
	for _, r := range rows {
		line := "  " + r.flag
		if len(r.flag) > left {
			out.WriteString(line + "\n")
			line = ""
		}
		line += strings.Repeat(" ", len(indent)-len(line))
		start := len(line)
		for _, w := range strings.Fields(r.text) {
			if len(line) > start && len(line)+1+len(w) > width {
				out.WriteString(line + "\n")
				line, start = indent, len(indent)
			}
			if len(line) > start {
				line += " "
			}
			line += w
		}
		out.WriteString(line + "\n")
	}
}

// placeholder names the value a flag takes in help: the word its usage
// marks with back quotes (a roster `file`: FILE), or else its type.
func placeholder(kind string) string {
	switch kind {
	case "int", "uint":
		return "N"
	case "float":
		return "NUMBER"
	case "string":
		return "TEXT"
	}
	return strings.ToUpper(kind)
}

// warningsKey is the context key of the warnings a command gathers for
// stderr: what was skipped in the calendar files it read.
type warningsKey struct{}

// warn adds a warning for stderr.
func warn(ctx context.Context, format string, args ...any) {
	if w, ok := ctx.Value(warningsKey{}).(*[]string); ok {
		*w = append(*w, fmt.Sprintf(format, args...))
	}
}

// run is the whole program, with its inputs made explicit for tests. It
// returns the exit status: 0, or 2 after one line on stderr.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	name, args := splitArgs(args)
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
		fmt.Fprintf(stderr, "planner: %s\n", message(err))
		return 2
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "planner: writing the output: %v\n", err)
		return 2
	}
	return 0
}

// splitArgs finds the subcommand among args, the first argument that is
// neither a flag nor a flag's value, and returns it and the flags around
// it in their order: so flags go before or after it, and one given on both
// sides takes its later value, as a flag given twice does.
func splitArgs(args []string) (string, []string) {
	var bools map[string]bool
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' {
			return a, append(args[:i:i], args[i+1:]...)
		}
		name, _, withValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if withValue {
			continue
		}
		if bools == nil {
			bools = boolFlags()
		}
		isBool, known := bools[name]
		switch {
		case isBool:
		case known:
			i++ // its value
		case i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") && !isSubcommand(args[i+1]):
			i++ // an unknown flag's value, most likely; its subcommand says it is unknown
		}
	}
	return "", args
}

// boolFlags tells, for every flag of the tour and of any subcommand,
// whether it is a flag of true or false, which takes no value after it.
func boolFlags() map[string]bool {
	bools := map[string]bool{"h": true, "help": true}
	names := []string{""} // the tour
	for _, s := range subcommands() {
		names = append(names, s.name)
	}
	for _, name := range names {
		if fs := flagSet(name); fs != nil {
			fs.VisitAll(func(f *flag.Flag) { bools[f.Name] = bools[f.Name] || isBool(f) })
		}
	}
	return bools
}

// isBool reports whether f is a flag of true or false.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// flagsKey is the context key under which newCommon leaves the flag set it
// makes, so that the flags of a subcommand can be read without running it.
type flagsKey struct{}

// flagSet returns the flags of the subcommand name ("" for the tour), or
// nil if it has none. It runs the subcommand for its help, which reads no
// roster.
func flagSet(name string) *flag.FlagSet {
	var fs *flag.FlagSet
	ctx := context.WithValue(context.Background(), flagsKey{}, &fs)
	dispatch(ctx, name, []string{"-h"}, new(bytes.Buffer), time.Time{}, false)
	return fs
}

func dispatch(ctx context.Context, name string, args []string, out *bytes.Buffer, now time.Time, color bool) error {
	switch name {
	case "":
		return tour(ctx, args, out, now, color)
	case "help":
		return help(ctx, args, out, now)
	}
	for _, s := range subcommands() {
		if s.name == name {
			return s.run(ctx, args, out, now, color)
		}
	}
	return unknownSubcommand(name)
}

// help writes the planner's help, or a subcommand's for "help SUBCOMMAND".
// Flags given with it are left aside.
func help(ctx context.Context, args []string, out *bytes.Buffer, now time.Time) error {
	name, rest := splitArgs(args)
	if more, _ := splitArgs(rest); more != "" {
		return badf("help %s %s: want one subcommand, e.g. planner help suggest", name, more)
	}
	switch {
	case name == "" || name == "help":
		return dispatch(ctx, "", []string{"-h"}, out, now, false)
	case !isSubcommand(name):
		return unknownSubcommand(name)
	}
	return dispatch(ctx, name, []string{"-h"}, out, now, false)
}

// unknownSubcommand is the error for a subcommand that is none.
func unknownSubcommand(name string) error {
	names := subcommandNames()
	if near := nearest(name, names); len(near) > 0 {
		return badf("unknown subcommand %s (%s)", icalvalue.Quote(name), meant(near, plain))
	}
	if strings.HasSuffix(name, ".json") {
		return badf("unknown subcommand %s (did you mean -roster %s?)", icalvalue.Quote(name), name)
	}
	return badf("unknown subcommand %s (want %s)", icalvalue.Quote(name), join(names, "or"))
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
	name             string // the subcommand's, "" for the tour
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
	c := &common{name: name, parent: ctx, fs: flag.NewFlagSet("planner "+name, flag.ContinueOnError), formats: formats, defaultWeeks: 1}
	c.fs.SetOutput(io.Discard)
	c.fs.Usage = func() {}
	if fs, ok := ctx.Value(flagsKey{}).(**flag.FlagSet); ok {
		*fs = c.fs // for flagSet
	}
	c.fs.StringVar(&c.rosterFile, "roster", "", "a roster `file` (JSON), e.g. team.json; default: the embedded demo team")
	c.fs.StringVar(&c.from, "from", "", "the window's first day, a `date` in -zone or an RFC 3339 instant, e.g. 2026-03-09; default: this week's Monday")
	c.fs.StringVar(&c.to, "to", "", "the day after the window, a `date` in -zone or an RFC 3339 instant, e.g. 2026-03-16; default: a week after -from")
	c.fs.StringVar(&c.zoneName, "zone", "UTC", "the viewer's time `zone`, e.g. Europe/Berlin")
	c.fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "the longest the command may take, e.g. 2m")
	c.fs.BoolVar(&c.strict, "strict", false, "refuse a calendar file with any problem; by default what cannot be read is skipped, with a warning")
	c.fs.BoolVar(&c.freeBusy, "free-busy", false, "ask the roster's CalDAV servers for free-busy time (RFC 4791 free-busy-query) rather than read the events; a server that does not answer it is read as without")
	if len(formats) > 0 {
		c.fs.StringVar(&c.format, "format", "text", "the output `format`: "+join(formats, "or")+", e.g. "+formats[len(formats)-1])
	}
	return c
}

// title names c's subcommand in messages.
func (c *common) title() string {
	if c.name == "" {
		return "the tour"
	}
	return c.name
}

// help writes c's help: the planner's for the tour, else the subcommand's
// flags.
func (c *common) help(out *bytes.Buffer) {
	if c.name == "" {
		writeUsage(out, c.fs)
		return
	}
	fmt.Fprintf(out, "usage: planner %s [flags]\n\n", c.name)
	for _, s := range subcommands() {
		if s.name == c.name {
			fmt.Fprintf(out, "planner %s: %s\n\n", s.name, s.summary)
		}
	}
	// Its own flags first, then those every subcommand takes.
	fmt.Fprintf(out, "Flags of %s, before or after it:\n", c.name)
	writeFlags(out, c.fs, func(name string) bool { return !everyFlag(name) })
	out.WriteString("\nFlags of every subcommand:\n")
	writeFlags(out, c.fs, everyFlag)
}

// parse reads the flags, the roster, the zone and the window.
func (c *common) parse(args []string, out *bytes.Buffer, now time.Time) error {
	if c.withPeople {
		c.fs.StringVar(&c.people, "people", "", "the `ids` of the people to show, comma-separated, e.g. ben,priya; default: everyone")
	}
	if err := c.fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			c.help(out)
			return err
		}
		return c.parseError(err)
	}
	if c.fs.NArg() == 1 && c.fs.Arg(0) == "help" { // planner suggest help
		c.help(out)
		return flag.ErrHelp
	}
	if c.timeout <= 0 {
		return badf("-timeout %s: want a positive duration, e.g. 2m", jsontext.FormatDuration(c.timeout))
	}
	c.ctx, c.cancel = context.WithTimeout(c.parent, c.timeout)
	if c.fs.NArg() > 0 {
		return c.unexpected(args, len(args)-c.fs.NArg())
	}
	if len(c.formats) > 0 && !contains(c.formats, c.format) {
		return badf("-format %q: planner %s writes %s%s", c.format, c.name, join(c.formats, "or"), inParens(meant(nearest(c.format, c.formats), plain)))
	}
	if c.format == "" {
		c.format = "text"
	}
	zone, err := calendar.LoadZone(c.zoneName)
	if err != nil {
		return fmt.Errorf("-zone: %w", err)
	}
	c.zone = zone
	if err := c.readRoster(); err != nil {
		return err
	}
	ids, err := c.ids("people", c.people)
	if err != nil {
		return err
	}
	if c.team, err = plan.Team(c.roster, ids); err != nil {
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
			// The path once, after -roster, and what is wrong in the file.
			msg := strings.TrimPrefix(err.Error(), fmt.Sprintf("ics.ReadRosterFile: %q: ", c.rosterFile))
			return &reworded{fmt.Sprintf("-roster %q: %s", c.rosterFile, msg), err}
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

// unexpected is the error for args[i], the first argument after c's flags.
func (c *common) unexpected(args []string, i int) error {
	arg := args[i]
	var hint string
	var before *flag.Flag // the flag just before arg
	if i > 0 {
		before = c.fs.Lookup(strings.TrimLeft(args[i-1], "-"))
	}
	switch {
	case (arg == "true" || arg == "false") && before != nil && isBool(before):
		// The flag package reads "-strict true" as -strict and an argument.
		hint = "did you mean -" + before.Name + "=" + arg + "?"
	case isSubcommand(arg):
		hint = "one subcommand at a time"
	case c.fs.Lookup("codes") != nil && codeList(arg):
		hint = "did you mean -codes " + arg + "?"
	default:
		hint = "planner " + c.name + " takes only flags"
		if c.name == "" {
			hint = "the tour takes only flags"
		}
	}
	return badf("unexpected argument %s (%s)", icalvalue.Quote(arg), hint)
}

// codeList reports whether s is a list of holiday codes, such as "NZ,US".
func codeList(s string) bool {
	for _, code := range plan.SplitIDs(s) {
		if _, err := calendar.CanonicalHolidayCode(code); err != nil {
			return false
		}
	}
	return s != ""
}

// teamIDs returns the ids of c's team, in its order.
func (c *common) teamIDs() []string {
	ids := make([]string, len(c.team))
	for i, p := range c.team {
		ids[i] = p.ID
	}
	return ids
}

// ids reads the roster ids that the flag name lists, comma-separated
// ("ben,priya"), as c.id reads each.
func (c *common) ids(name, list string) ([]string, error) {
	ids := plan.SplitIDs(list)
	for i, id := range ids {
		var err error
		if ids[i], err = c.id(name, id); err != nil {
			return nil, err
		}
		if slices.Contains(ids[:i], ids[i]) {
			return nil, badf("-%s %s: listed twice", name, icalvalue.Quote(id))
		}
	}
	return ids, nil
}

// id returns the roster's id that id, given by the flag name, is. An id
// matches in any letter case when only one of the roster's does ("Lena" is
// lena; with both lena and Lena in the roster, only each exactly), so that
// the roster's spelling need not be remembered. An id that matches none
// is an error that names the ids it may be a slip for.
func (c *common) id(name, id string) (string, error) {
	if _, ok := c.roster.Person(id); ok {
		return id, nil
	}
	var all, same []string
	for _, p := range c.roster.People {
		all = append(all, p.ID)
		if strings.EqualFold(p.ID, id) {
			same = append(same, p.ID)
		}
	}
	if len(same) == 1 {
		return same[0], nil
	}
	msg := fmt.Sprintf("-%s %s: not in the roster", name, icalvalue.Quote(id))
	near := same // ids that differ only in case: which one is meant is not clear
	if len(near) == 0 {
		near = nearest(id, all)
	}
	switch {
	case len(near) > 0:
		msg += inParens(meant(near, plain))
	case len(all) <= 12:
		msg += inParens("its ids are " + join(all, "and"))
	}
	return "", &usageError{msg}
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
