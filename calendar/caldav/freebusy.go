package caldav

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// ParseFreeBusy reads the busy time of an iCalendar answer to a
// free-busy-query: the FREEBUSY periods of its VFREEBUSY components whose
// FBTYPE is BUSY (the default), BUSY-UNAVAILABLE or BUSY-TENTATIVE (FREE
// is not busy). A period is start/end or start/duration, in UTC (RFC
// 5545 3.8.2.6). Errors give the line, never its text: the answer is the
// server's.
func ParseFreeBusy(b []byte) (calendar.Set, error) {
	var set calendar.SetBuilder
	depth, inFreeBusy, sawCalendar := 0, false, false
	for _, l := range unfold(b) {
		n, line := l.n, l.text
		name, params, value, ok := splitLine(line)
		if !ok {
			if strings.TrimSpace(line) == "" {
				continue
			}
			return calendar.Set{}, fmt.Errorf("line %d is not an iCalendar content line", n)
		}
		switch {
		case name == "BEGIN":
			depth++
			if strings.EqualFold(value, "VCALENDAR") && depth == 1 {
				sawCalendar = true
			}
			if strings.EqualFold(value, "VFREEBUSY") {
				inFreeBusy = true
			}
		case name == "END":
			depth--
			if strings.EqualFold(value, "VFREEBUSY") {
				inFreeBusy = false
			}
		case name == "FREEBUSY" && inFreeBusy:
			if !busyType(params) {
				continue
			}
			for _, p := range strings.Split(value, ",") {
				iv, err := parsePeriod(p)
				if err != nil {
					return calendar.Set{}, fmt.Errorf("line %d: FREEBUSY: %w", n, err)
				}
				set.Add(iv)
			}
		}
	}
	if !sawCalendar {
		return calendar.Set{}, errors.New("not an iCalendar object (no BEGIN:VCALENDAR)")
	}
	return set.Set(), nil
}

// A contentLine is an unfolded line and the number of its first physical
// line, from 1.
type contentLine struct {
	n    int
	text string
}

// unfold returns the content lines of b, with folded lines joined.
func unfold(b []byte) []contentLine {
	var out []contentLine
	var cur strings.Builder
	start := 0
	for i, raw := range bytes.Split(b, []byte("\n")) {
		raw = bytes.TrimSuffix(raw, []byte("\r"))
		if len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t') && cur.Len() > 0 {
			cur.Write(raw[1:])
			continue
		}
		if cur.Len() > 0 {
			out = append(out, contentLine{start, cur.String()})
		}
		cur.Reset()
		cur.Write(raw)
		start = i + 1
	}
	if cur.Len() > 0 {
		out = append(out, contentLine{start, cur.String()})
	}
	return out
}

// splitLine cuts a content line into its upper-cased name, its
// parameters (upper-cased names, values unquoted) and its value.
func splitLine(line string) (name string, params map[string]string, value string, ok bool) {
	i := strings.IndexAny(line, ";:")
	if i <= 0 {
		return "", nil, "", false
	}
	name = strings.ToUpper(line[:i])
	params = map[string]string{}
	rest := line[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			return "", nil, "", false
		}
		pname := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		var pval string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return "", nil, "", false
			}
			pval, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return "", nil, "", false
			}
			pval, rest = rest[:end], rest[end:]
		}
		params[pname] = pval
	}
	if !strings.HasPrefix(rest, ":") {
		return "", nil, "", false
	}
	return name, params, rest[1:], true
}

// busyType reports whether a FREEBUSY line's FBTYPE is busy time.
func busyType(params map[string]string) bool {
	switch strings.ToUpper(params["FBTYPE"]) {
	case "", "BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE":
		return true
	}
	return false // FREE, or a type of its own
}

// parsePeriod reads start/end or start/duration, both in UTC.
func parsePeriod(p string) (calendar.Interval, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(p), "/")
	if !ok {
		return calendar.Interval{}, errors.New("a period without a slash")
	}
	start, err := utcTime(a)
	if err != nil {
		return calendar.Interval{}, err
	}
	var end time.Time
	if strings.HasPrefix(b, "P") || strings.HasPrefix(b, "+P") {
		d, err := parseDuration(strings.TrimPrefix(b, "+"))
		if err != nil {
			return calendar.Interval{}, err
		}
		end = start.Add(d)
	} else if end, err = utcTime(b); err != nil {
		return calendar.Interval{}, err
	}
	if !end.After(start) {
		return calendar.Interval{}, errors.New("a period that ends before it starts")
	}
	return calendar.Interval{Start: start, End: end}, nil
}

// utcTime reads a UTC DATE-TIME.
func utcTime(s string) (time.Time, error) {
	v, err := icalvalue.ParseDateTime(s)
	if err != nil || !v.UTC {
		return time.Time{}, errors.New("a period's time is not a UTC date-time (YYYYMMDDTHHMMSSZ)")
	}
	return time.Date(v.Year, v.Month, v.Day, v.Hour, v.Minute, v.Second, 0, time.UTC), nil
}

// maxPeriod bounds a free-busy duration: a period longer than ten years
// is not one a server means.
const maxPeriod = 10 * 366 * 24 * time.Hour

// parseDuration reads a positive RFC 5545 duration: PnW, or
// P[nD][T[nH][nM][nS]].
func parseDuration(s string) (time.Duration, error) {
	bad := errors.New("a period's duration is not an RFC 5545 duration such as PT1H")
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, bad
	}
	rest, inTime, total, any := s[1:], false, time.Duration(0), false
	for rest != "" {
		if rest[0] == 'T' {
			if inTime {
				return 0, bad
			}
			inTime, rest = true, rest[1:]
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 6 || i == len(rest) {
			return 0, bad
		}
		n, _ := icalvalue.Digits(rest[:i])
		var unit time.Duration
		switch u := rest[i]; {
		case u == 'W' && !inTime:
			unit = 7 * 24 * time.Hour
		case u == 'D' && !inTime:
			unit = 24 * time.Hour
		case u == 'H' && inTime:
			unit = time.Hour
		case u == 'M' && inTime:
			unit = time.Minute
		case u == 'S' && inTime:
			unit = time.Second
		default:
			return 0, bad
		}
		if time.Duration(n) > maxPeriod/unit { // before multiplying, which could overflow
			return 0, bad
		}
		total += time.Duration(n) * unit
		if total > maxPeriod {
			return 0, bad
		}
		any, rest = true, rest[i+1:]
	}
	if !any {
		return 0, bad
	}
	return total, nil
}
