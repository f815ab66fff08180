package calendar

import (
	"fmt"
	"strings"
	"time"
)

// A DateTime is a wall date and time of day with no zone, such as the
// start of a recurring focus block: "2026-01-06T09:00". Read it in a zone
// with Wall (or the In method) to get an instant.
//
// The zero DateTime is not valid (its Date is not); as text it is "".
type DateTime struct {
	Date  Date
	Clock Clock
}

// ParseDateTime reads a wall date-time as "2026-01-06T09:00", optionally
// with seconds that must be zero ("2026-01-06T09:00:00"), since tzplan
// works in whole minutes. A zone suffix ("Z", "+01:00") is an error: a
// DateTime has no zone.
func ParseDateTime(s string) (DateTime, error) {
	fail := func(part, msg string) (DateTime, error) {
		return DateTime{}, &ParseError{Func: "ParseDateTime", Input: s, Part: part, Msg: msg}
	}
	ds, cs, ok := strings.Cut(s, "T")
	if !ok {
		return fail("", "want YYYY-MM-DDTHH:MM")
	}
	d, err := ParseDate(ds)
	if err != nil {
		return fail(ds, err.(*ParseError).Msg)
	}
	if len(cs) == 8 && cs[5] == ':' {
		if cs[6:] != "00" {
			return fail(cs, "seconds must be 00")
		}
		cs = cs[:5]
	}
	if len(cs) != 5 {
		return fail(cs, "want a time of day HH:MM with no zone")
	}
	c, err := ParseClock(cs)
	if err != nil || c == EndOfDay {
		return fail(cs, "want a time of day from 00:00 to 23:59")
	}
	return DateTime{d, c}, nil
}

// MustParseDateTime is like ParseDateTime but panics on an error. It is
// intended for tests and examples with hard-coded text.
func MustParseDateTime(s string) DateTime {
	dt, err := ParseDateTime(s)
	if err != nil {
		panic(err)
	}
	return dt
}

// IsValid reports whether dt has a valid date and a clock before 24:00.
func (dt DateTime) IsValid() bool {
	return dt.Date.IsValid() && dt.Clock >= Midnight && dt.Clock < EndOfDay
}

// In returns the instant at which the wall clocks of loc show dt, by the
// rule of Wall.
func (dt DateTime) In(loc *time.Location) time.Time { return Wall(dt.Date, dt.Clock, loc) }

// Compare returns -1, 0 or +1 as dt is before, the same as, or after o
// on the wall clock.
func (dt DateTime) Compare(o DateTime) int {
	if c := dt.Date.Compare(o.Date); c != 0 {
		return c
	}
	switch {
	case dt.Clock < o.Clock:
		return -1
	case dt.Clock > o.Clock:
		return +1
	}
	return 0
}

// String returns dt as "2026-01-06T09:00".
func (dt DateTime) String() string { return dt.Date.String() + "T" + dt.Clock.String() }

// MarshalText implements encoding.TextMarshaler with the String form.
func (dt DateTime) MarshalText() ([]byte, error) {
	if dt == (DateTime{}) {
		return []byte{}, nil
	}
	if !dt.IsValid() {
		return nil, fmt.Errorf("calendar.DateTime.MarshalText: invalid date-time %s", dt)
	}
	return []byte(dt.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDateTime; ""
// is the zero DateTime.
func (dt *DateTime) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*dt = DateTime{}
		return nil
	}
	v, err := ParseDateTime(string(b))
	if err != nil {
		return err
	}
	*dt = v
	return nil
}

// DateTimeOf returns the wall date and time of t in t's own Location,
// truncated to the minute.
func DateTimeOf(t time.Time) DateTime {
	h, m, _ := t.Clock()
	return DateTime{DateOf(t), Clock(h*60 + m)}
}
