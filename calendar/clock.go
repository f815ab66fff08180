package calendar

import (
	"fmt"
	"strings"
)

// A Clock is a time of day on a wall clock, in whole minutes after
// midnight, from 0 (00:00) to 1440 (24:00, the end of the day). It has no
// date and no zone; Wall turns it into an instant.
//
// The zero Clock is midnight, 00:00.
type Clock int

// Midnight and EndOfDay are the first and last valid clocks.
const (
	Midnight Clock = 0
	EndOfDay Clock = 24 * 60
)

// ParseClock reads a time of day as "HH:MM" in 24-hour form. The hour may
// have one digit ("9:30"); the minutes always have two. "24:00" is the end
// of the day and the only valid time with hour 24.
func ParseClock(s string) (Clock, error) {
	return parseClock("ParseClock", s, s)
}

// parseClock is ParseClock reporting errors as part of a larger input.
func parseClock(fn, input, s string) (Clock, error) {
	fail := func(msg string) (Clock, error) {
		return 0, &ParseError{Func: fn, Input: input, Part: s, Msg: msg}
	}
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return fail("want a time of day HH:MM")
	}
	hh, ok1 := digits(h)
	mm, ok2 := digits(m)
	if !ok1 || !ok2 {
		return fail("want a time of day HH:MM")
	}
	if mm > 59 {
		return fail(fmt.Sprintf("minute %02d is out of range", mm))
	}
	c := Clock(hh*60 + mm)
	if c > EndOfDay {
		return fail("after 24:00")
	}
	return c, nil
}

// MustParseClock is like ParseClock but panics on an error. It is intended
// for tests and examples with hard-coded times.
func MustParseClock(s string) Clock {
	c, err := ParseClock(s)
	if err != nil {
		panic(err)
	}
	return c
}

// IsValid reports whether c is between 00:00 and 24:00 inclusive.
func (c Clock) IsValid() bool { return c >= Midnight && c <= EndOfDay }

// Hour returns the hour of c, 0 to 24.
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute of c within its hour, 0 to 59.
func (c Clock) Minute() int { return int(c) % 60 }

// String returns c as "HH:MM", such as "09:30" or "24:00". An invalid
// Clock is written as "Clock(n)".
func (c Clock) String() string {
	if !c.IsValid() {
		return fmt.Sprintf("Clock(%d)", int(c))
	}
	return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute())
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (c Clock) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, fmt.Errorf("calendar.Clock.MarshalText: %s is out of range", c)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseClock.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
