package ics

import (
	"bytes"
	"errors"
	"fmt"
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
	maxDepth      = 8   // nested components; VCALENDAR > VEVENT > VALARM is 3
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
	name  string // upper-cased, such as "VEVENT"
	line  int    // the line of its BEGIN
	props []prop
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
			"RECURRENCE-ID", "STATUS", "TRANSP":
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
	line  int    // the physical line it starts on
	name  string // the component (BEGIN, END) or property name, upper-cased
	text  []byte // the whole content line, unfolded; valid until the next step
	depth int    // of the component begun or ended, or that holds the property: 1 for a VCALENDAR
	top   string // the name of the depth-2 component the step is in or is, "" at depth 1
}

// walk calls fn for each content line of data in order, after checking
// that it has a name and that BEGIN and END nest. It fails on the first
// error, fn's or its own; when no VCALENDAR was found it fails too.
func walk(data []byte, fn func(step) error) error {
	lines := contentLines{phys: physicalLines{data: data}}
	var stack []step // the BEGINs of the components open
	cals := 0
	for {
		n, text, ok, err := lines.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		i := bytes.IndexAny(text, ";:")
		switch {
		case i < 0:
			return lineError(n, "%s: not a content line NAME:value (there is no colon)", icalvalue.Quote(string(text)))
		case i == 0:
			return lineError(n, "%s: a content line with no name", icalvalue.Quote(string(text)))
		}
		s := step{kind: stepProp, line: n, name: upperName(text[:i]), text: text, depth: len(stack)}
		if len(stack) >= 2 {
			s.top = stack[1].name
		}
		switch s.name {
		case "BEGIN", "END":
			if text[i] != ':' {
				return lineError(n, "%s takes no parameters", s.name)
			}
			comp := strings.ToUpper(string(bytes.TrimSpace(text[i+1:])))
			if comp == "" {
				return lineError(n, "%s with no component name", s.name)
			}
			if s.name == "BEGIN" {
				if len(stack) == 0 && comp != "VCALENDAR" {
					return lineError(n, "BEGIN:%s outside a VCALENDAR: want BEGIN:VCALENDAR", safeName(comp))
				}
				if len(stack) == maxDepth {
					return lineError(n, "BEGIN:%s: components nested more than %d deep", safeName(comp), maxDepth)
				}
				if len(stack) == 0 {
					cals++
				}
				s = step{kind: stepBegin, line: n, name: comp, depth: len(stack) + 1}
				stack = append(stack, s)
			} else {
				if len(stack) == 0 {
					return lineError(n, "END:%s with no BEGIN", safeName(comp))
				}
				top := stack[len(stack)-1]
				if top.name != comp {
					return lineError(n, "END:%s, but the component open is %s, begun on line %d", safeName(comp), safeName(top.name), top.line)
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
				return lineError(n, "%s outside a VCALENDAR: want BEGIN:VCALENDAR", icalvalue.Quote(s.name))
			}
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return lineError(top.line, "BEGIN:%s is never closed: the input ends first", safeName(top.name))
	}
	if cals == 0 {
		return errors.New("no VCALENDAR in the input")
	}
	return nil
}

// upperName returns b upper-cased as a string, without allocating for the
// names written in capitals already that are read (the common case).
func upperName(b []byte) string {
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
	}
	return strings.ToUpper(string(b))
}

// parseProp parses the content line text, of the property name, which
// starts on line n.
func parseProp(n int, name string, text []byte) (prop, error) {
	p := prop{name: name, line: n}
	s := text[bytes.IndexAny(text, ";:"):]
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
	aheadN int    // the physical line read ahead, when ahead is not nil
	ahead  []byte // its text, never empty
	buf    []byte // the unfolded text of the last folded content line
}

// next returns the next content line's first physical line and its text,
// which is valid until the next call.
func (c *contentLines) next() (int, []byte, bool, error) {
	for {
		n, text, ok := c.read()
		if !ok {
			return 0, nil, false, nil
		}
		if len(text) == 0 {
			continue
		}
		if text[0] == ' ' || text[0] == '\t' {
			return 0, nil, false, lineError(n, "a folded line (it starts with a space or tab) with no line before it to continue")
		}
		line, folded := text, false
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
			if !folded {
				c.buf = append(c.buf[:0], line...)
				folded = true
			}
			c.buf = append(c.buf, more[1:]...)
		}
		if folded {
			line = c.buf
		}
		return n, line, true, nil
	}
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
	i := bytes.IndexAny(p.data, "\r\n")
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
