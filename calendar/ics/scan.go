package ics

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// Reading takes two passes over the content lines of the input, and
// neither keeps more than one component's properties at a time, so that
// memory beyond the input itself grows with what is read, not with the
// size of the file. The first pass (outline) checks the nesting of BEGIN
// and END and gathers each VCALENDAR's X-WR-TIMEZONE and VTIMEZONEs, which
// RFC 5545 lets come after the events that use them; the second reads the
// VEVENTs and VFREEBUSYs one at a time, each as its END is reached.
//
// Content lines are parsed here, by RFC 5545 §3.1: NAME, then parameters
// ;NAME=value[,value...] whose values may be quoted, then ":" and the
// value. Only the properties that describe busy time are parsed at all
// (see keeps), so a malformed DESCRIPTION or ATTENDEE never stops a
// calendar from being read.

// Limits of the scanner.
const (
	maxDepth      = 64  // nested components; VCALENDAR > VEVENT > VALARM is 3
	maxParamValue = 256 // bytes in one parameter value of a kept property
)

// A prop is one property as read.
type prop struct {
	name   string  // upper-cased, such as "DTSTART"
	params []param // in the order written
	value  string  // as written, after the ":"
	line   int     // the line it starts on, from 1
}

// A param is one parameter of a prop.
type param struct {
	name   string   // upper-cased, such as "TZID"
	values []string // without their quotes
}

// param returns the values of p's parameter name (upper-cased), in order,
// across repeats of the parameter.
func (p *prop) param(name string) []string {
	var out []string
	for _, q := range p.params {
		if q.name == name {
			out = append(out, q.values...)
		}
	}
	return out
}

// A comp is a component being read, with its kept properties.
type comp struct {
	name    string // upper-cased, such as "VEVENT"
	line    int    // the line of its BEGIN
	props   []prop
	ignored []*readError // optional properties that do not parse
}

// get returns c's first property called name, or nil.
func (c *comp) get(name string) *prop {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

// uid returns c's UID, "" when it has none.
func (c *comp) uid() string {
	if p := c.get("UID"); p != nil {
		return strings.TrimSpace(p.value)
	}
	return ""
}

// all returns c's properties called name, in order.
func (c *comp) all(name string) []*prop {
	var out []*prop
	for i := range c.props {
		if c.props[i].name == name {
			out = append(out, &c.props[i])
		}
	}
	return out
}

// topLevel reports whether RFC 5545 puts the component name only
// directly in a VCALENDAR.
func topLevel(name string) bool {
	switch name {
	case "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE":
		return true
	}
	return false
}

// optional reports whether a VEVENT's property name only describes it
// (for Events), so that one that does not parse is left out, and the
// event read without it, rather than the event skipped.
func optional(name string) bool {
	switch name {
	case "SUMMARY", "ORGANIZER", "ATTENDEE", "SEQUENCE", "DTSTAMP":
		return true
	}
	return false
}

// keeps reports whether the property name of a component called comp,
// at depth (1 for a VCALENDAR, 2 for its children), is read.
func keeps(depth int, comp, name string) bool {
	switch depth {
	case 1:
		return name == "X-WR-TIMEZONE"
	case 2:
	default:
		return false
	}
	switch comp {
	case "VEVENT":
		switch name {
		case "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "EXRULE", "RDATE", "EXDATE",
			"RECURRENCE-ID", "STATUS", "TRANSP", "SEQUENCE", "DTSTAMP",
			"SUMMARY", "ORGANIZER", "ATTENDEE":
			return true
		}
	case "VFREEBUSY":
		return name == "UID" || name == "FREEBUSY"
	case "VTIMEZONE":
		return name == "TZID"
	}
	return false
}

// safeName returns a component or property name from the input as it is
// when it is a name RFC 5545 allows (letters, digits and "-", not too
// long), and quoted, cut short and escaped otherwise, so that an error
// never carries raw control characters or a whole line.
func safeName(s string) string {
	if len(s) > 0 && len(s) <= 64 && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	}) {
		return s
	}
	return icalvalue.Quote(s)
}

// lineError returns an error at line n of the input.
func lineError(n int, format string, args ...any) error {
	return &readError{line: n, err: fmt.Errorf(format, args...)}
}

// A stepKind says what a step of a walk is.
type stepKind int

const (
	stepBegin stepKind = iota // a BEGIN line
	stepEnd                   // an END line
	stepProp                  // any other content line
)

// A step is one content line of a walk.
type step struct {
	kind  stepKind
	line  int           // the physical line it starts on
	name  string        // the component (BEGIN, END) or property name, upper-cased
	text  []byte        // the whole content line, unfolded, or nil when it is folded: see full
	lines *contentLines // for full, when the line is folded
	depth int           // of the component begun or ended, or that holds the property: 1 for a VCALENDAR
	top   string        // the name of the depth-2 component the step is in or is, "" at depth 1
	in    string        // for a property, the name of the component it is in
}

// full returns the step's whole content line, unfolded: valid until the
// next step.
func (s step) full() []byte {
	if s.text != nil || s.lines == nil {
		return s.text
	}
	return s.lines.text()
}

// walk calls fn for each content line of data in order. Where the
// structure is broken it calls report with the problem and what it does
// about it, and carries on: a line with no name is ignored, and so are
// lines outside any VCALENDAR, an END with no BEGIN, and a folded line
// with nothing to continue; a component left open is closed by an END
// of a component that holds it, or at the end of the input. walk stops
// at the first error that fn or report returns. A stream with no
// VCALENDAR at all is an error.
func walk(data []byte, fn func(step) error, report func(err error, done string) error) error {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return errors.New("UTF-16 text: iCalendar is UTF-8 (RFC 5545 §3.1.4)")
	}
	lines := contentLines{phys: physicalLines{data: data}, report: report}
	var stack []step // the BEGINs of the components open
	cals := 0
	// outside is the first and last line of a run of lines outside any
	// VCALENDAR, reported as one problem when the run ends.
	var outside [2]int
	var stray step // the first BEGIN outside any VCALENDAR
	endOutside := func() error {
		if outside[0] == 0 {
			return nil
		}
		from, to := outside[0], outside[1]
		outside = [2]int{}
		msg := "a line outside any VCALENDAR"
		if to > from {
			msg = "lines " + strconv.Itoa(from) + "-" + strconv.Itoa(to) + " are outside any VCALENDAR"
		}
		return report(lineError(from, "%s", msg), "ignored")
	}
	// closeTo closes the components open above depth n, which the line
	// of the step at ends without their END.
	closeTo := func(n int, at step, why string) error {
		for len(stack) > n {
			top := stack[len(stack)-1]
			if err := report(lineError(top.line, "BEGIN:%s is never closed", safeName(top.name)), why); err != nil {
				return err
			}
			end := step{kind: stepEnd, line: at.line, name: top.name, depth: len(stack)}
			if end.depth >= 2 {
				end.top = stack[1].name
			}
			stack = stack[:len(stack)-1]
			if err := fn(end); err != nil {
				return err
			}
		}
		return nil
	}
	for {
		n, first, folded, ok, err := lines.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		// A line is unfolded only when what it says is read: its name is
		// almost always on its first physical line.
		text := first
		i := nameEnd(text)
		if i < 0 && folded {
			text = lines.text()
			i = nameEnd(text)
		}
		if i <= 0 {
			if len(stack) == 0 {
				if outside[0] == 0 {
					outside[0] = n
				}
				outside[1] = n
				continue
			}
			what := "not a content line NAME:value (there is no colon)"
			if i == 0 {
				what = "a content line with no name"
			}
			if err := report(lineError(n, "%s: %s", icalvalue.Quote(string(text)), what), "the line is ignored"); err != nil {
				return err
			}
			continue
		}
		s := step{kind: stepProp, line: n, name: upperName(text[:i]), text: text, depth: len(stack)}
		if folded {
			s.text, s.lines = nil, &lines
		}
		if len(stack) >= 2 {
			s.top = stack[1].name
		}
		if len(stack) > 0 {
			s.in = stack[len(stack)-1].name
		}
		switch s.name {
		case "BEGIN", "END":
			text := s.full()
			comp := strings.ToUpper(string(bytes.TrimSpace(text[bytes.IndexByte(text, ':')+1:])))
			if bytes.IndexByte(text, ':') < 0 || comp == "" {
				if len(stack) == 0 {
					continue
				}
				if err := report(lineError(n, "%s with no component name", s.name), "the line is ignored"); err != nil {
					return err
				}
				continue
			}
			if text[i] != ':' && len(stack) > 0 {
				if err := report(lineError(n, "%s:%s takes no parameters", s.name, safeName(comp)), "they are ignored"); err != nil {
					return err
				}
			}
			if s.name == "BEGIN" {
				if len(stack) == 0 && comp != "VCALENDAR" {
					if stray.line == 0 {
						stray = step{line: n, name: comp}
					}
					if outside[0] == 0 {
						outside[0] = n
					}
					outside[1] = n
					continue
				}
				if len(stack) > 1 && topLevel(comp) {
					// A VEVENT (or the like) is only ever in a VCALENDAR:
					// what is open inside it was not closed (END:VTOOD for
					// END:VTODO).
					if err := closeTo(1, s, "closed by BEGIN:"+comp+" on line "+strconv.Itoa(n)); err != nil {
						return err
					}
				}
				if len(stack) == maxDepth {
					return lineError(n, "BEGIN:%s: components nested more than %d deep", safeName(comp), maxDepth)
				}
				if len(stack) == 0 {
					if err := endOutside(); err != nil {
						return err
					}
					cals++
				}
				s = step{kind: stepBegin, line: n, name: comp, depth: len(stack) + 1}
				stack = append(stack, s)
			} else {
				if len(stack) == 0 {
					if outside[0] == 0 {
						outside[0] = n
					}
					outside[1] = n
					continue
				}
				j := len(stack) - 1
				for j >= 0 && stack[j].name != comp {
					j--
				}
				if j < 0 {
					top := stack[len(stack)-1]
					if err := report(lineError(n, "END:%s, but no %s is open (the component open is %s, begun on line %d)", safeName(comp), safeName(comp), safeName(top.name), top.line), "the line is ignored"); err != nil {
						return err
					}
					continue
				}
				if err := closeTo(j+1, s, "closed by END:"+safeName(comp)+" on line "+strconv.Itoa(n)); err != nil {
					return err
				}
				s = step{kind: stepEnd, line: n, name: comp, depth: len(stack)}
				stack = stack[:len(stack)-1]
			}
			switch {
			case s.depth == 2:
				s.top = comp
			case s.depth > 2:
				s.top = stack[1].name
			}
		default:
			if len(stack) == 0 {
				if outside[0] == 0 {
					outside[0] = n
				}
				outside[1] = n
				continue
			}
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	if cals == 0 {
		if stray.line > 0 {
			return lineError(stray.line, "no VCALENDAR in the input: BEGIN:%s outside a VCALENDAR (want BEGIN:VCALENDAR around it)", safeName(stray.name))
		}
		return errors.New("no VCALENDAR in the input")
	}
	if err := endOutside(); err != nil {
		return err
	}
	return closeTo(0, step{line: lines.phys.n}, "closed at the end of the input")
}

// nameEnd returns the index of the first ";" or ":" of a content line,
// which ends its name, or -1.
func nameEnd(text []byte) int {
	for i, c := range text {
		if c == ';' || c == ':' {
			return i
		}
	}
	return -1
}

// upperName returns b upper-cased as a string, without allocating for the
// names written in capitals already that are read (the common case).
func upperName(b []byte) string {
	// A switch on string(b) does not allocate: the names exporters write
	// most come back as constants.
	switch string(b) {
	case "BEGIN":
		return "BEGIN"
	case "END":
		return "END"
	case "UID":
		return "UID"
	case "DTSTART":
		return "DTSTART"
	case "DTEND":
		return "DTEND"
	case "DTSTAMP":
		return "DTSTAMP"
	case "SUMMARY":
		return "SUMMARY"
	case "DESCRIPTION":
		return "DESCRIPTION"
	case "EXDATE":
		return "EXDATE"
	case "RDATE":
		return "RDATE"
	case "RRULE":
		return "RRULE"
	case "EXRULE":
		return "EXRULE"
	case "DURATION":
		return "DURATION"
	case "RECURRENCE-ID":
		return "RECURRENCE-ID"
	case "STATUS":
		return "STATUS"
	case "TRANSP":
		return "TRANSP"
	case "SEQUENCE":
		return "SEQUENCE"
	case "CREATED":
		return "CREATED"
	case "LAST-MODIFIED":
		return "LAST-MODIFIED"
	case "LOCATION":
		return "LOCATION"
	case "ORGANIZER":
		return "ORGANIZER"
	case "ATTENDEE":
		return "ATTENDEE"
	case "CLASS":
		return "CLASS"
	case "CATEGORIES":
		return "CATEGORIES"
	case "PRIORITY":
		return "PRIORITY"
	case "URL":
		return "URL"
	case "GEO":
		return "GEO"
	case "COMMENT":
		return "COMMENT"
	case "CONTACT":
		return "CONTACT"
	case "RELATED-TO":
		return "RELATED-TO"
	case "RESOURCES":
		return "RESOURCES"
	case "ATTACH":
		return "ATTACH"
	case "ACTION":
		return "ACTION"
	case "TRIGGER":
		return "TRIGGER"
	case "REPEAT":
		return "REPEAT"
	case "VERSION":
		return "VERSION"
	case "PRODID":
		return "PRODID"
	case "METHOD":
		return "METHOD"
	case "CALSCALE":
		return "CALSCALE"
	case "TZID":
		return "TZID"
	case "TZOFFSETFROM":
		return "TZOFFSETFROM"
	case "TZOFFSETTO":
		return "TZOFFSETTO"
	case "TZNAME":
		return "TZNAME"
	case "TZURL":
		return "TZURL"
	case "FREEBUSY":
		return "FREEBUSY"
	case "X-WR-CALNAME":
		return "X-WR-CALNAME"
	case "X-WR-TIMEZONE":
		return "X-WR-TIMEZONE"
	case "X-WR-CALDESC":
		return "X-WR-CALDESC"
	case "X-LIC-LOCATION":
		return "X-LIC-LOCATION"
	case "X-MICROSOFT-CDO-BUSYSTATUS":
		return "X-MICROSOFT-CDO-BUSYSTATUS"
	case "X-MICROSOFT-CDO-INTENDEDSTATUS":
		return "X-MICROSOFT-CDO-INTENDEDSTATUS"
	case "X-MICROSOFT-CDO-ALLDAYEVENT":
		return "X-MICROSOFT-CDO-ALLDAYEVENT"
	case "X-MICROSOFT-CDO-IMPORTANCE":
		return "X-MICROSOFT-CDO-IMPORTANCE"
	case "X-MICROSOFT-CDO-INSTTYPE":
		return "X-MICROSOFT-CDO-INSTTYPE"
	case "X-MICROSOFT-DISALLOW-COUNTER":
		return "X-MICROSOFT-DISALLOW-COUNTER"
	case "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR":
		return "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR"
	case "X-GOOGLE-CONFERENCE":
		return "X-GOOGLE-CONFERENCE"
	}
	return strings.ToUpper(string(b))
}

// parseProp parses the content line text, of the property name, which
// starts on line n.
func parseProp(n int, name string, text []byte) (prop, error) {
	p := prop{name: name, line: n}
	s := text[nameEnd(text):]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		eq := bytes.IndexByte(s, '=')
		switch {
		case eq < 0:
			return prop{}, errors.New("a parameter with no \"=\"")
		case eq == 0:
			return prop{}, errors.New("a parameter with no name")
		}
		q := param{name: strings.ToUpper(string(s[:eq]))}
		s = s[eq+1:]
		for {
			var v []byte
			if len(s) > 0 && s[0] == '"' {
				end := bytes.IndexByte(s[1:], '"')
				if end < 0 {
					return prop{}, fmt.Errorf("parameter %s: a quoted value with no closing quote", icalvalue.Quote(q.name))
				}
				v, s = s[1:end+1], s[end+2:]
			} else {
				end := bytes.IndexAny(s, "\";,:")
				if end < 0 {
					return prop{}, fmt.Errorf("parameter %s runs to the end of the line: there is no \":\" before the value", icalvalue.Quote(q.name))
				}
				if s[end] == '"' {
					return prop{}, fmt.Errorf("parameter %s: a quote inside a value", icalvalue.Quote(q.name))
				}
				v, s = s[:end], s[end:]
			}
			if len(v) > maxParamValue {
				return prop{}, fmt.Errorf("parameter %s: a value longer than %d bytes", icalvalue.Quote(q.name), maxParamValue)
			}
			q.values = append(q.values, string(v))
			if len(s) == 0 {
				return prop{}, fmt.Errorf("parameter %s runs to the end of the line: there is no \":\" before the value", icalvalue.Quote(q.name))
			}
			if s[0] == ',' {
				s = s[1:]
				continue
			}
			if s[0] != ';' && s[0] != ':' {
				return prop{}, fmt.Errorf("parameter %s: %q after a quoted value", icalvalue.Quote(q.name), s[0])
			}
			break
		}
		p.params = append(p.params, q)
	}
	if len(s) == 0 || s[0] != ':' {
		return prop{}, errors.New("no \":\" before the value")
	}
	p.value = string(s[1:])
	return p, nil
}

// contentLines splits data into content lines, unfolding them: a line that
// starts with a space or tab goes on the one before, without that space or
// tab. Blank lines are not content lines and end nothing.
type contentLines struct {
	phys   physicalLines
	aheadN int      // the physical line read ahead, when ahead is not nil
	ahead  []byte   // its text, never empty
	first  []byte   // the first physical line of the last content line
	parts  [][]byte // the lines folded into it, without their space or tab
	joined bool     // whether buf holds them joined
	buf    []byte   // the unfolded text of the last folded content line
	report func(err error, done string) error
}

// next returns the next content line's first physical line number, its
// first physical line, and whether more lines are folded into it; text
// gives the whole line, unfolded, until the next call.
func (c *contentLines) next() (int, []byte, bool, bool, error) {
	for {
		n, first, ok := c.read()
		if !ok {
			return 0, nil, false, false, nil
		}
		if len(first) == 0 {
			continue
		}
		if first[0] == ' ' || first[0] == '\t' {
			// Only the first line can have nothing before it: a file
			// indented as a whole, or pasted with leading spaces.
			if err := c.report(lineError(n, "the first line starts with a space or tab, as a folded line would, with no line before it to continue"), "it is read without them"); err != nil {
				return 0, nil, false, false, err
			}
			first = bytes.TrimLeft(first, " \t")
			if len(first) == 0 {
				continue
			}
		}
		c.first, c.parts, c.joined = first, c.parts[:0], false
		for {
			m, more, ok := c.read()
			if !ok {
				break
			}
			if len(more) == 0 {
				continue
			}
			if more[0] != ' ' && more[0] != '\t' {
				c.aheadN, c.ahead = m, more
				break
			}
			c.parts = append(c.parts, more[1:])
		}
		return n, first, len(c.parts) > 0, true, nil
	}
}

// text returns the content line that next returned last, unfolded.
func (c *contentLines) text() []byte {
	if len(c.parts) == 0 {
		return c.first
	}
	if !c.joined {
		c.buf = append(c.buf[:0], c.first...)
		for _, p := range c.parts {
			c.buf = append(c.buf, p...)
		}
		c.joined = true
	}
	return c.buf
}

// read returns the next physical line, the one read ahead first.
func (c *contentLines) read() (int, []byte, bool) {
	if c.ahead != nil {
		n, text := c.aheadN, c.ahead
		c.ahead = nil
		return n, text, true
	}
	n, text, ok := c.phys.next()
	if n == 1 {
		text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	}
	return n, text, ok
}

// physicalLines splits data into lines ended by CRLF, LF or a lone CR.
type physicalLines struct {
	data []byte
	n    int // lines returned so far
}

// next returns the next line's number (from 1) and text, without its end.
func (p *physicalLines) next() (int, []byte, bool) {
	if len(p.data) == 0 {
		return 0, nil, false
	}
	p.n++
	// IndexByte is much faster than IndexAny: find the LF, then a CR
	// before it (a CRLF, or a line ended by a lone CR).
	i := bytes.IndexByte(p.data, '\n')
	lim := i
	if i < 0 {
		lim = len(p.data)
	}
	if r := bytes.IndexByte(p.data[:lim], '\r'); r >= 0 {
		i = r
	}
	if i < 0 {
		text := p.data
		p.data = nil
		return p.n, text, true
	}
	text := p.data[:i]
	if p.data[i] == '\r' && i+1 < len(p.data) && p.data[i+1] == '\n' {
		i++
	}
	p.data = p.data[i+1:]
	return p.n, text, true
}
