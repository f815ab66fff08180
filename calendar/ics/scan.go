package ics

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// The scanner is the first of two passes over the input. It splits the
// input into content lines (unfolding them), remembers on which physical
// line each one starts, checks the nesting of BEGIN and END, and keeps
// only the lines that describe busy time. The kept lines, in their
// original (folded) form, are what go-ical parses in the second pass; the
// scanner's tree of line numbers has the same shape as go-ical's tree of
// components, so every property go-ical returns can be traced to its line.
//
// The scanner also guarantees that go-ical is given only content lines it
// parses without an error and without a panic: go-ical panics on a
// parameter that runs to the end of the line (DTSTART;TZID=X) and on a
// character after a quoted parameter value, and it builds parameter values
// a byte at a time, so a kept line's parameter values are checked here with
// go-ical's own grammar and their length is bounded.

// Limits of the scanner.
const (
	maxDepth      = 8   // nested components; VCALENDAR > VEVENT > VALARM is 3
	maxParamValue = 256 // bytes in one parameter value of a kept property
)

// A node is one component as the scanner saw it.
type node struct {
	name     string           // upper-cased, such as "VEVENT"
	line     int              // the line of its BEGIN
	props    map[string][]int // kept property name -> the lines it starts on, in order
	children []*node
}

// propLine returns the line of the i-th kept property called name, or the
// component's BEGIN line when there is no such property.
func (n *node) propLine(name string, i int) int {
	if ls := n.props[name]; i < len(ls) {
		return ls[i]
	}
	return n.line
}

// keeps reports whether the property name of the component on top of stack
// is read. Only VCALENDARs and their direct children are read, and of
// them only the properties that describe busy time: every other property
// is dropped before go-ical sees it, so that a malformed DESCRIPTION or
// ATTENDEE never stops a calendar from being read.
func keeps(stack []*node, name string) bool {
	switch len(stack) {
	case 1:
		return name == "X-WR-TIMEZONE"
	case 2:
	default:
		return false
	}
	switch stack[1].name {
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

// A scanned input is what the scanner found.
type scanned struct {
	text []byte  // the kept lines, each ending in LF, for go-ical
	cals []*node // the VCALENDARs, in order
}

// lineError returns an error at line n of the input, found before any
// component is read.
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

func lineError(n int, format string, args ...any) error {
	return &readError{line: n, err: fmt.Errorf(format, args...)}
}

// scan reads data, an iCalendar stream.
func scan(data []byte) (scanned, error) {
	var sc scanned
	var stack []*node
	var out bytes.Buffer
	out.Grow(len(data) / 2)

	lines := physicalLines{data: data}
	// cur is the content line being gathered: its first physical line,
	// and its continuation lines with their leading space or tab.
	var cur struct {
		line  int
		parts [][]byte
	}
	flush := func() error {
		if cur.parts == nil {
			return nil
		}
		defer func() { cur.parts = cur.parts[:0:0] }()
		return sc.content(cur.line, cur.parts, &stack, &out)
	}
	for {
		n, text, ok := lines.next()
		if !ok {
			break
		}
		if n == 1 {
			text = bytes.TrimPrefix(text, []byte("\uFEFF"))
		}
		switch {
		case len(text) == 0:
			// Blank lines are not content lines; they end nothing.
		case text[0] == ' ' || text[0] == '\t':
			if cur.parts == nil {
				return scanned{}, lineError(n, "a folded line (it starts with a space or tab) with no line before it to continue")
			}
			cur.parts = append(cur.parts, text)
		default:
			if err := flush(); err != nil {
				return scanned{}, err
			}
			cur.line = n
			cur.parts = append(cur.parts, text)
		}
	}
	if err := flush(); err != nil {
		return scanned{}, err
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return scanned{}, lineError(top.line, "BEGIN:%s is never closed: the input ends first", safeName(top.name))
	}
	if len(sc.cals) == 0 {
		return scanned{}, errors.New("no VCALENDAR in the input")
	}
	sc.text = out.Bytes()
	return sc, nil
}

// content handles one content line, which starts on line n and is made of
// the physical lines parts.
func (sc *scanned) content(n int, parts [][]byte, stackp *[]*node, out *bytes.Buffer) error {
	var line string
	if len(parts) == 1 {
		line = string(parts[0])
	} else {
		var b strings.Builder
		b.Write(parts[0])
		for _, p := range parts[1:] {
			b.Write(p[1:])
		}
		line = b.String()
	}
	i := strings.IndexAny(line, ";:")
	switch {
	case i < 0:
		return lineError(n, "%s: not a content line NAME:value (there is no colon)", icalvalue.Quote(line))
	case i == 0:
		return lineError(n, "%s: a content line with no name", icalvalue.Quote(line))
	}
	name := strings.ToUpper(line[:i])
	stack := *stackp
	keep := false
	switch name {
	case "BEGIN", "END":
		if line[i] != ':' {
			return lineError(n, "%s takes no parameters", safeName(name))
		}
		comp := strings.ToUpper(strings.TrimSpace(line[i+1:]))
		if comp == "" {
			return lineError(n, "%s with no component name", safeName(name))
		}
		if name == "BEGIN" {
			if len(stack) == 0 && comp != "VCALENDAR" {
				return lineError(n, "BEGIN:%s outside a VCALENDAR: want BEGIN:VCALENDAR", safeName(comp))
			}
			if len(stack) == maxDepth {
				return lineError(n, "BEGIN:%s: components nested more than %d deep", safeName(comp), maxDepth)
			}
			nd := &node{name: comp, line: n}
			if len(stack) == 0 {
				sc.cals = append(sc.cals, nd)
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, nd)
			}
			*stackp = append(stack, nd)
		} else {
			if len(stack) == 0 {
				return lineError(n, "END:%s with no BEGIN", safeName(comp))
			}
			top := stack[len(stack)-1]
			if top.name != comp {
				return lineError(n, "END:%s, but the component open is %s, begun on line %d", safeName(comp), safeName(top.name), top.line)
			}
			*stackp = stack[:len(stack)-1]
		}
		// go-ical reads the component name as written, with spaces;
		// write it trimmed so that both passes agree.
		line = name + ":" + comp
		parts = [][]byte{[]byte(line)}
		keep = true
	default:
		if len(stack) == 0 {
			return lineError(n, "%s outside a VCALENDAR: want BEGIN:VCALENDAR", icalvalue.Quote(name))
		}
		if keeps(stack, name) {
			if err := checkContentLine(line); err != nil {
				return lineError(n, "%s: %v", safeName(name), err)
			}
			top := stack[len(stack)-1]
			if top.props == nil {
				top.props = make(map[string][]int)
			}
			top.props[name] = append(top.props[name], n)
			keep = true
		}
	}
	if keep {
		for _, p := range parts {
			out.Write(p)
			out.WriteByte('\n')
		}
	}
	return nil
}

// checkContentLine checks line with the grammar go-ical's decoder uses
// (lineDecoder.decodeContentLine), and reports what it would fail or panic
// on, so that go-ical is never given such a line.
func checkContentLine(line string) error {
	s := line[strings.IndexAny(line, ";:"):]
	for len(s) > 0 && s[0] == ';' {
		s = s[1:]
		eq := strings.IndexByte(s, '=')
		switch {
		case eq < 0:
			return errors.New("a parameter with no \"=\"")
		case eq == 0:
			return errors.New("a parameter with no name")
		}
		pname := s[:eq]
		s = s[eq+1:]
		for {
			start := s
			if len(s) > 0 && s[0] == '"' {
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return fmt.Errorf("parameter %s: a quoted value with no closing quote", icalvalue.Quote(pname))
				}
				s = s[end+2:]
			} else {
				end := strings.IndexAny(s, "\";,:")
				if end < 0 {
					return fmt.Errorf("parameter %s runs to the end of the line: there is no \":\" before the value", icalvalue.Quote(pname))
				}
				if s[end] == '"' {
					return fmt.Errorf("parameter %s: a quote inside a value", icalvalue.Quote(pname))
				}
				s = s[end:]
			}
			if len(start)-len(s) > maxParamValue {
				return fmt.Errorf("parameter %s: a value longer than %d bytes", icalvalue.Quote(pname), maxParamValue)
			}
			if len(s) == 0 {
				return fmt.Errorf("parameter %s runs to the end of the line: there is no \":\" before the value", icalvalue.Quote(pname))
			}
			if s[0] == ',' {
				s = s[1:]
				continue
			}
			if s[0] != ';' && s[0] != ':' {
				return fmt.Errorf("parameter %s: %q after a quoted value", icalvalue.Quote(pname), s[0])
			}
			break
		}
	}
	if len(s) == 0 || s[0] != ':' {
		return errors.New("no \":\" before the value")
	}
	return nil
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
