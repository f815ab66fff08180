package main

// The planner's error messages: one line, each input quoted once, in the
// words of its flags rather than of the Go functions that failed, with a
// suggestion where a name was mistyped. The library's errors name their
// functions and quote their inputs for programmers; this is where they
// become messages for the planner's users.

import (
	"encoding"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// A usageError is bad input: it is reported as one line and exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func badf(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// A reworded error says err in other words, keeping err for errors.As.
type reworded struct {
	msg string
	err error
}

func (e *reworded) Error() string { return e.msg }
func (e *reworded) Unwrap() error { return e.err }

// quoted matches a string as %q (or icalvalue.Quote) writes it.
const quoted = `"(?:[^"\\]|\\.)*"`

var (
	// goName matches the Go function an error's part comes from
	// ("calendar.ReadRoster: ", `calendar.ParseDate("2026-02-30"): `),
	// with the quoted input, if it names one, as group 1.
	goName = regexp.MustCompile(`\b(?:calendar|ics|caldav|overlap|policy|plan|jsontext)\.[A-Z]\w*(?:\.[A-Z]\w*)*(?:\((` + quoted + `)?[^()]*\))?: `)
	// limitName matches the name of the calendar.Limits field that an
	// error about a limit gives.
	limitName = regexp.MustCompile(`\s*\(Limits\.\w+\)|\bLimits\.\w+: `)
	// fieldThenInput matches a flag or field name followed by its quoted
	// input, which read as one: `-from: "x"` is -from "x".
	fieldThenInput = regexp.MustCompile(`(^|: )(-?[a-z][a-zA-Z-]*): "`)
	// unknownName matches the errors of a zone or a holiday code that is
	// none (its name quoted, and cut short with "..." when long), with the
	// words after them that say where to look.
	unknownName = regexp.MustCompile(`(^|: )(unknown time zone|unknown holiday calendar) (` + quoted + `(?:\.\.\.)?)((?: \(want an IANA name such as "Europe/Berlin"\)| \(HolidayCodes lists them\))?)`)
	// unknownDay matches a day name that working hours do not know.
	unknownDay = regexp.MustCompile(`(` + quoted + `): unknown day`)
	// unknownField matches a field of a roster file that is none.
	unknownField = regexp.MustCompile(`\bjson: unknown field (` + quoted + `)`)
	// requestField matches a field of overlap.Request, which a flag sets
	// (MinAttendance: -min-attendance), and the ID an error about one
	// names: `Request.Optional: ID "ben" is also in Required`.
	requestField = regexp.MustCompile(`\bRequest\.([A-Z]\w*)(?:: ID (` + quoted + `))?|\b(?:also in|and) (Required|Optional)\b`)
)

// rewordings are the library's words for its programmers (the methods to
// call, the fields to set) and the planner's for its users.
var rewordings = strings.NewReplacer(
	"; ics.ReadFile says what is wrong)", ")",
	" (ics.ReadFile says what is wrong)", "",
	"a Step of", "a -step of",
	"a longer Step", "a longer -step",
)

// message returns err as the line the planner writes for it, after
// "planner: ".
func message(err error) string {
	msg := err.Error()
	// A file that cannot be opened: what is wrong, with the name the
	// message gives already and not the system call.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = strings.Replace(msg, pe.Error(), pe.Err.Error(), 1)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		msg = strings.Replace(msg, te.Error(), fmt.Sprintf("%q: want %s, not a %s", te.Field, jsonKind(te.Type), te.Value), 1)
	}
	msg = goName.ReplaceAllStringFunc(msg, func(s string) string {
		if m := goName.FindStringSubmatch(s); m[1] != "" {
			return m[1] + ": "
		}
		return ""
	})
	msg = limitName.ReplaceAllString(msg, " ")
	msg = requestField.ReplaceAllStringFunc(msg, func(s string) string {
		m := requestField.FindStringSubmatch(s)
		if m[3] != "" {
			return strings.TrimSuffix(s, m[3]) + flagName(m[3])
		}
		if m[2] != "" {
			return flagName(m[1]) + " " + m[2]
		}
		return flagName(m[1])
	})
	// The subcommand the user typed says nothing new in its own messages.
	for _, name := range subcommandNames() {
		msg = strings.TrimPrefix(msg, name+": ")
	}
	msg = rewordings.Replace(msg)
	msg = fieldThenInput.ReplaceAllString(msg, `$1$2 "`)
	msg = rewordUnknown(msg)
	if m := unknownDay.FindStringSubmatchIndex(msg); m != nil {
		if day, err := strconv.Unquote(msg[m[2]:m[3]]); err == nil {
			msg = msg[:m[1]] + inParens(meant(nearest(day, dayNames), plain)) + msg[m[1]:]
		}
	}
	if m := unknownField.FindStringSubmatchIndex(msg); m != nil {
		if field, err := strconv.Unquote(msg[m[2]:m[3]]); err == nil {
			msg = msg[:m[0]] + "unknown field " + msg[m[2]:m[3]] + inParens(meant(nearest(field, rosterFields), plain)) + msg[m[1]:]
		}
	}
	return strings.Join(strings.Fields(msg), " ") // one line, whatever the error holds
}

// rewordUnknown writes an unknown zone or holiday code as `field "name":
// unknown time zone`, with the names it may be a slip for.
func rewordUnknown(msg string) string {
	m := unknownName.FindStringSubmatchIndex(msg)
	if m == nil {
		return msg
	}
	head, what, q, where, rest := msg[:m[2]], msg[m[4]:m[5]], msg[m[6]:m[7]], msg[m[8]:m[9]], msg[m[1]:]
	name, err := strconv.Unquote(strings.TrimSuffix(q, "...")) // a long name is cut short
	if err != nil {
		return msg
	}
	var near []string
	switch {
	case what == "unknown holiday calendar":
		near = nearCodes(name)
		where = strings.Replace(where, "HolidayCodes", `"planner holidays"`, 1)
	case !strings.Contains(rest, "spells it"): // the library has a suggestion of its own
		near = nearZones(name)
	}
	if len(near) > 0 {
		where = inParens(meant(near, plain))
	}
	if head != "" {
		head += " "
	}
	return head + q + ": " + what + where + rest
}

// jsonKind says what JSON a Go type is read from.
func jsonKind(t reflect.Type) string {
	if t.Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "a number"
}

// rosterFields are the fields of a roster file (calendar.ReadRoster), at
// any depth, for a misspelt one.
var rosterFields = []string{
	"people", "id", "name", "zone", "hours", "holidays", "holidayDates", "timeOff", "from", "to", "reason",
	"focus", "rule", "start", "duration", "hard", "busy", "end", "calendars", "comfort", "shoulder", "night",
	"emails", "holidayCalendars", "daysOff", "date", "workingDays", "stays", "hoursFrom",
}

// The flag package's errors, which it gives only as text.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -(.*)$`)
	flagInvalid   = regexp.MustCompile(`^invalid (?:boolean )?value (` + quoted + `) for (?:flag )?-([^:]+): (.*)$`)
	flagNoValue   = regexp.MustCompile(`^flag needs an argument: -(.*)$`)
	flagSyntax    = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// parseError rewrites an error of c's flag set's Parse.
func (c *common) parseError(err error) error {
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		return c.unknownFlag(m[1])
	}
	if m := flagNoValue.FindStringSubmatch(msg); m != nil {
		e := "a value"
		if f := c.fs.Lookup(m[1]); f != nil && example(f) != "" {
			e = "a value, e.g. -" + m[1] + " " + example(f)
		}
		return badf("-%s needs %s", m[1], e)
	}
	if m := flagSyntax.FindStringSubmatch(msg); m != nil {
		return badf("%s: not a flag (flags are written -name or -name=value)", icalvalue.Quote(m[1]))
	}
	m := flagInvalid.FindStringSubmatch(msg)
	if m == nil {
		return &usageError{msg}
	}
	q, name, why := m[1], m[2], m[3]
	value, _ := strconv.Unquote(q)
	f := c.fs.Lookup(name)
	if f == nil {
		return &usageError{msg}
	}
	eg := inParens("e.g. -" + name + " " + example(f))
	if example(f) == "" {
		eg = ""
	}
	var kind any
	if g, ok := f.Value.(flag.Getter); ok {
		kind = g.Get()
	}
	switch kind.(type) {
	case time.Duration:
		if v := withUnit(name, value); v != "" {
			return badf("-%s %s: a duration needs a unit (did you mean %s?)", name, q, v)
		}
		return badf("-%s %s: want a duration such as 45m or 1h30m", name, q)
	case bool:
		return badf("-%s %s: want true or false", name, q)
	case int, int64, uint, uint64:
		return badf("-%s %s: want a whole number%s", name, q, eg)
	case float64:
		return badf("-%s %s: want a number%s", name, q, eg)
	}
	return badf("-%s %s: %s", name, q, strings.TrimPrefix(message(errors.New(why)), q+": "))
}

// unknownFlag is the error for a flag c does not take, with the flags of
// c's it may be a slip for, or else the subcommands that take it.
func (c *common) unknownFlag(name string) error {
	var names []string
	c.fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	where := "for " + c.title()
	if near := nearest(name, names); len(near) > 0 {
		return badf("unknown flag -%s %s (%s)", name, where, meant(near, dash))
	}
	var takers []string
	for _, s := range subcommands() {
		if s.name != c.name {
			if fs := flagSet(s.name); fs != nil && fs.Lookup(name) != nil {
				takers = append(takers, s.name)
			}
		}
	}
	if len(takers) > 0 {
		verb := "take"
		if len(takers) == 1 {
			verb = "takes"
		}
		return badf("unknown flag -%s %s (%s %s it)", name, where, join(takers, "and"), verb)
	}
	if isSubcommand(name) {
		return badf("unknown flag -%s %s (did you mean the subcommand %s?)", name, where, name)
	}
	if c.name == "" {
		return badf("unknown flag -%s %s (planner -h lists the flags)", name, where)
	}
	return badf("unknown flag -%s %s (planner help %s lists its flags)", name, where, c.name)
}

// example returns the example value of f's usage, the word after "e.g.".
func example(f *flag.Flag) string {
	_, usage := flag.UnquoteUsage(f)
	_, s, ok := strings.Cut(usage, "e.g. ")
	if !ok {
		return ""
	}
	if q, err := strconv.QuotedPrefix(s); err == nil {
		return q
	}
	if i := strings.IndexAny(s, " ;)"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",.:")
}

// flagError writes a parameter's error with the flag's name
// ("-min-attendance" for minAttendance); other errors are left as they are.
func flagError(err error) error {
	var fe *plan.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	return &usageError{fe.Format(flagName)}
}

// flagName is the flag of a field: "-min-attendance" for minAttendance
// (or MinAttendance).
func flagName(field string) string {
	var b strings.Builder
	for i, r := range field {
		if 'A' <= r && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return "-" + b.String()
}
