// Package icalvalue reads the RFC 5545 value types that package calendar
// (recurrence rules) and package calendar/ics (iCalendar files) both read:
// DATE (§3.3.4) and DATE-TIME (§3.3.5), with the digit and quoting helpers
// their errors share. It knows nothing of zones: a DATE-TIME says only
// whether it ends in "Z"; TZID parameters are the callers' business.
package icalvalue

import (
	"fmt"
	"time"
)

// A DateTime is a DATE or DATE-TIME value as written.
type DateTime struct {
	Year         int
	Month        time.Month
	Day          int
	Hour, Minute int
	Second       int  // 0 to 59
	UTC          bool // the value ends in "Z"
}

// Digits reads a run of one to nine ASCII digits as a number.
func Digits(s string) (int, bool) {
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

// DaysIn returns the number of days in month m of year y of the proleptic
// Gregorian calendar.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// maxQuote is how much of an input an error quotes.
const maxQuote = 60

// Quote returns s quoted as %q does, cut to its first 60 bytes (never in
// the middle of a UTF-8 sequence) and followed by "..." when longer, so
// that an error about a huge input stays small.
func Quote(s string) string {
	if len(s) <= maxQuote {
		return fmt.Sprintf("%q", s)
	}
	cut := maxQuote
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return fmt.Sprintf("%q...", s[:cut])
}

// ParseDate reads a DATE value, 20260303: years 0001 to 9999, and a day
// that exists in its month.
func ParseDate(s string) (DateTime, error) {
	if len(s) == 8 {
		y, ok1 := Digits(s[0:4])
		m, ok2 := Digits(s[4:6])
		d, ok3 := Digits(s[6:8])
		if ok1 && ok2 && ok3 && y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= DaysIn(y, time.Month(m)) {
			return DateTime{Year: y, Month: time.Month(m), Day: d}, nil
		}
	}
	return DateTime{}, fmt.Errorf("%s is not a date YYYYMMDD", Quote(s))
}

// ParseDateTime reads a DATE-TIME value: 20260303T090000, or
// 20260303T090000Z in UTC. A lower-case "t" or "z" is accepted too, as
// some writers use them. A leap second (60) is not.
func ParseDateTime(s string) (DateTime, error) {
	bad := func() (DateTime, error) {
		return DateTime{}, fmt.Errorf("%s is not a date-time YYYYMMDDTHHMMSS, with Z for UTC", Quote(s))
	}
	body, utc := s, false
	if n := len(body); n > 0 && (body[n-1] == 'Z' || body[n-1] == 'z') {
		body, utc = body[:n-1], true
	}
	if len(body) != 15 || (body[8] != 'T' && body[8] != 't') {
		return bad()
	}
	v, err := ParseDate(body[:8])
	if err != nil {
		return bad()
	}
	h, ok1 := Digits(body[9:11])
	m, ok2 := Digits(body[11:13])
	sec, ok3 := Digits(body[13:15])
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || sec > 59 {
		return bad()
	}
	v.Hour, v.Minute, v.Second, v.UTC = h, m, sec, utc
	return v, nil
}

// FormatDate writes a DATE value, 20260303.
func FormatDate(y int, m time.Month, d int) string {
	return fmt.Sprintf("%04d%02d%02d", y, int(m), d)
}

// Format writes v as a DATE-TIME value, 20260303T090000 or
// 20260303T090000Z.
func (v DateTime) Format() string {
	s := FormatDate(v.Year, v.Month, v.Day) + fmt.Sprintf("T%02d%02d%02d", v.Hour, v.Minute, v.Second)
	if v.UTC {
		s += "Z"
	}
	return s
}
