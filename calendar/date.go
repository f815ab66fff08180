package calendar

import (
	"fmt"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// A Date is a civil date: a year, month and day with no time zone. It names
// the same day in every zone, the way a holiday or a day of leave does.
//
// The zero Date is not a valid date (IsValid reports false); as text it is
// "". Dates are values: compare valid ones with Compare or ==, and pass
// them by value.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date in the ISO 8601 form "2026-03-08": a four-digit
// year, then a two-digit month and day that exist in that month.
func ParseDate(s string) (Date, error) {
	fail := func(msg string) (Date, error) {
		return Date{}, &ParseError{Func: "ParseDate", Input: s, Msg: msg}
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return fail("want YYYY-MM-DD")
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return fail("want YYYY-MM-DD")
	}
	if y < 1 {
		return fail("year 0000 is out of range")
	}
	if m < 1 || m > 12 {
		return fail(fmt.Sprintf("month %02d is out of range", m))
	}
	if d < 1 || d > daysIn(y, time.Month(m)) {
		return fail(fmt.Sprintf("%s %d has no day %02d", time.Month(m), y, d))
	}
	return Date{y, time.Month(m), d}, nil
}

// MustParseDate is like ParseDate but panics on an error. It is intended for
// tests and examples with hard-coded dates.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the civil date of t in t's own Location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsValid reports whether d names a day that exists in the proleptic
// Gregorian calendar, in years 1 to 9999.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// AddDays returns the date n days after d (before d if n is negative),
// counted in civil days, so it is the same in every zone and never off by
// a DST change. An invalid d is normalised first, as time.Date does
// (February 30 is March 1 or 2).
func (d Date) AddDays(n int) Date {
	return dateFromDays(d.days() + int64(n))
}

// DaysSince returns the number of civil days from o to d: o.AddDays(n) == d
// when n is d.DaysSince(o) and both are valid.
func (d Date) DaysSince(o Date) int {
	return int(d.days() - o.days())
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (d.days() + int64(time.Thursday)) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// Compare returns -1 if d is before o, 0 if they are the same day, and +1
// if d is after o.
func (d Date) Compare(o Date) int {
	switch a, b := d.days(), o.days(); {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// String returns d as "2026-03-08". A date outside years 1 to 9999 is
// written with as many digits as it needs.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText implements encoding.TextMarshaler with the String form. The
// zero Date is ""; any other invalid date is an error, so that it never
// reaches a file.
func (d Date) MarshalText() ([]byte, error) {
	if d == (Date{}) {
		return []byte{}, nil
	}
	if !d.IsValid() {
		return nil, fmt.Errorf("calendar.Date.MarshalText: invalid date %s", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate; ""
// is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// days returns the number of days from 1970-01-01 to d, normalising an
// out-of-range month or day the way time.Date does. It is the civil
// arithmetic behind AddDays, Weekday and Wall, and needs no Location.
func (d Date) days() int64 {
	y, m := int64(d.Year), int64(d.Month)-1
	y += floorDiv(m, 12)
	m = floorMod(m, 12) + 1
	// Days from civil, counting years from March so that the leap day
	// is the last of the year (H. Hinnant, "chrono-compatible low-level
	// date algorithms").
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of Date.days.
func dateFromDays(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(day)}
}

// daysIn and digits are those of the iCalendar value grammar.
func daysIn(y int, m time.Month) int { return icalvalue.DaysIn(y, m) }
func digits(s string) (int, bool)    { return icalvalue.Digits(s) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// Days returns the civil days first to last, inclusive, on the wall clock
// of loc: from the midnight that starts first to the one that ends last,
// each by the rule of Wall, so a day the clocks change on is 23 or 25
// hours long. A nil loc means UTC. The interval is empty when last is
// before first.
func Days(first, last Date, loc *time.Location) Interval {
	if last.Before(first) {
		return Interval{}
	}
	return Interval{Wall(first, Midnight, loc), Wall(last, EndOfDay, loc)}
}

// Week returns the week, Monday to Sunday (ISO 8601), that holds t on the
// wall clock of loc, as Days gives it. A nil loc means UTC.
func Week(t time.Time, loc *time.Location) Interval {
	if loc == nil {
		loc = time.UTC
	}
	d := DateOf(t.In(loc))
	monday := d.AddDays(-((int(d.Weekday()) + 6) % 7))
	return Days(monday, monday.AddDays(6), loc)
}
