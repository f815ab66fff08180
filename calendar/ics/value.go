package ics

import (
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A kind tells how a date or date-time value was written.
type kind uint8

const (
	kDate     kind = iota + 1 // a date: 20260303
	kFloating                 // a wall time with no zone: 20260303T090000
	kUTC                      // a UTC time: 20260303T090000Z
	kZoned                    // a wall time with a TZID
)

// A value is a DATE or DATE-TIME property value.
type value struct {
	kind kind
	at   calendar.DateTime // the wall date and minute (00:00 for a date)
	sec  int               // the seconds
	// zone is the zone the wall time is read in: the TZID's for kZoned,
	// UTC for kUTC, the VCALENDAR's X-WR-TIMEZONE (or nil) for
	// kFloating, and nil for kDate. Nil means the owner's zone, known
	// only when Busy is called.
	zone *time.Location
}

// fixed reports whether v names an instant without the owner's zone.
func (v value) fixed() bool { return v.zone != nil }

// instant returns the instant v names, reading it in owner when it has no
// zone of its own.
func (v value) instant(owner *time.Location) time.Time {
	z := v.zone
	if z == nil {
		z = owner
	}
	return calendar.Wall(v.at.Date, v.at.Clock, z).Add(time.Duration(v.sec) * time.Second)
}

// wallCompare compares a and b as wall times.
func wallCompare(a, b value) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return a.sec - b.sec
}

// local returns the wall time of v as seconds since 1970-01-01 00:00 on
// the same wall clock.
func (v value) local() int64 {
	epoch := calendar.Date{Year: 1970, Month: time.January, Day: 1}
	return int64(v.at.Date.DaysSince(epoch))*secondsPerDay + int64(v.at.Clock)*60 + int64(v.sec)
}

const secondsPerDay = 24 * 60 * 60

// text writes v as a rule line value: 20260303, 20260303T090000 or
// 20260303T090000Z, with the seconds dropped.
func (v value) text() string {
	d := v.at.Date
	if v.kind == kDate {
		return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
	}
	s := fmt.Sprintf("%04d%02d%02dT%02d%02d00", d.Year, int(d.Month), d.Day, v.at.Clock.Hour(), v.at.Clock.Minute())
	if v.kind == kUTC {
		s += "Z"
	}
	return s
}

// parseDate reads a DATE value, 20260303.
func parseDate(s string) (calendar.Date, error) {
	bad := func() (calendar.Date, error) {
		return calendar.Date{}, fmt.Errorf("%s is not a date YYYYMMDD", quoteShort(s))
	}
	if len(s) != 8 {
		return bad()
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[4:6])
	d, ok3 := digits(s[6:8])
	date := calendar.Date{Year: y, Month: time.Month(m), Day: d}
	if !ok1 || !ok2 || !ok3 || !date.IsValid() {
		return bad()
	}
	return date, nil
}

// parseDateTime reads a DATE-TIME value, 20260303T090000 or
// 20260303T090000Z (a lower-case t or z is accepted too).
func parseDateTime(s string) (at calendar.DateTime, sec int, utc bool, err error) {
	bad := func() (calendar.DateTime, int, bool, error) {
		return calendar.DateTime{}, 0, false, fmt.Errorf("%s is not a date-time YYYYMMDDTHHMMSS, with Z for UTC", quoteShort(s))
	}
	body := s
	if n := len(body); n > 0 && (body[n-1] == 'Z' || body[n-1] == 'z') {
		body, utc = body[:n-1], true
	}
	if len(body) != 15 || (body[8] != 'T' && body[8] != 't') {
		return bad()
	}
	d, err := parseDate(body[:8])
	if err != nil {
		return bad()
	}
	h, ok1 := digits(body[9:11])
	m, ok2 := digits(body[11:13])
	sec, ok3 := digits(body[13:15])
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
		return bad()
	}
	return calendar.DateTime{Date: d, Clock: calendar.Clock(h*60 + m)}, sec, utc, nil
}

// digits reads a run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// A dur is an RFC 5545 duration, never negative: nominal days (a week is
// seven) and an exact number of seconds.
type dur struct {
	days int
	secs int64
}

// exact returns the seconds part as a time.Duration.
func (d dur) exact() time.Duration { return time.Duration(d.secs) * time.Second }

// maxDurDays bounds a duration: 100 years.
const maxDurDays = 36600

// parseDuration reads an RFC 5545 duration: P1W, P1D, PT1H30M, P1DT12H,
// +PT15M. A negative duration is an error, as is one longer than 100
// years. Weeks and days are nominal: P1D is the same wall time the next
// day. Parts may be combined more freely than the RFC's grammar allows
// (P1W2D), each at most once and in the order W, D, H, M, S.
func parseDuration(s string) (dur, error) {
	in := s
	bad := func(msg string) (dur, error) {
		return dur{}, fmt.Errorf("%s is not a duration such as PT1H30M or P1D: %s", quoteShort(in), msg)
	}
	s = strings.ToUpper(s)
	switch {
	case strings.HasPrefix(s, "-"):
		return dur{}, fmt.Errorf("%s is negative", quoteShort(in))
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") {
		return bad("it must start with P")
	}
	s = s[1:]
	var days, secs int64
	const units = "WDHMS"
	next := 0 // the first unit still allowed
	inTime := false
	seen := false
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return bad("T is given twice")
			}
			inTime, s = true, s[1:]
			next = max(next, 2)
			if s == "" {
				return bad("nothing after T")
			}
			continue
		}
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return bad("want a number and a unit")
		}
		n, ok := digits(s[:i])
		if !ok {
			return bad("a number is too large")
		}
		u := strings.IndexByte(units, s[i])
		if u < next || (u >= 2) != inTime {
			return bad(fmt.Sprintf("unit %q is out of place", s[i]))
		}
		next = u + 1
		switch u {
		case 0:
			days += 7 * int64(n)
		case 1:
			days += int64(n)
		case 2:
			secs += int64(n) * 3600
		case 3:
			secs += int64(n) * 60
		case 4:
			secs += int64(n)
		}
		seen = true
		s = s[i+1:]
	}
	if !seen {
		return bad("no number")
	}
	if days > maxDurDays || secs > maxDurDays*secondsPerDay {
		return dur{}, fmt.Errorf("%s is longer than 100 years", quoteShort(in))
	}
	return dur{days: int(days), secs: secs}, nil
}
