package ics

import (
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
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
	// custom reports a zone that a VTIMEZONE defines, which is no IANA
	// zone.
	custom bool
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
	if z == time.UTC {
		// No gaps or folds to resolve: the common case, made cheap.
		d := v.at.Date
		return time.Date(d.Year, d.Month, d.Day, v.at.Clock.Hour(), v.at.Clock.Minute(), v.sec, 0, time.UTC)
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

// parseDate reads a DATE value, 20260303.
func parseDate(s string) (calendar.Date, error) {
	v, err := icalvalue.ParseDate(s)
	return calendar.Date{Year: v.Year, Month: v.Month, Day: v.Day}, err
}

// parseDateTime reads a DATE-TIME value, 20260303T090000 or
// 20260303T090000Z (a lower-case t or z is accepted too).
func parseDateTime(s string) (at calendar.DateTime, sec int, utc bool, err error) {
	v, err := icalvalue.ParseDateTime(s)
	if err != nil {
		return calendar.DateTime{}, 0, false, err
	}
	d := calendar.Date{Year: v.Year, Month: v.Month, Day: v.Day}
	return calendar.DateTime{Date: d, Clock: calendar.Clock(v.Hour*60 + v.Minute)}, v.Second, v.UTC, nil
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
		return dur{}, fmt.Errorf("%s is not a duration such as PT1H30M or P1D: %s", icalvalue.Quote(in), msg)
	}
	s = strings.ToUpper(s)
	switch {
	case strings.HasPrefix(s, "-"):
		return dur{}, fmt.Errorf("%s is negative", icalvalue.Quote(in))
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
		n, ok := icalvalue.Digits(s[:i])
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
		return dur{}, fmt.Errorf("%s is longer than 100 years", icalvalue.Quote(in))
	}
	return dur{days: int(days), secs: secs}, nil
}
