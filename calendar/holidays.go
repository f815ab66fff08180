package calendar

//go:generate go run ../internal/genholidays

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// HolidayDates says which date of a holiday is the day off. The zero value
// is Observed.
type HolidayDates int

const (
	// Observed is the day off in lieu where the holiday's calendar moves
	// it: US Independence Day 2026 falls on Saturday 2026-07-04 and Friday
	// 2026-07-03 is the day off. It is the zero value.
	Observed HolidayDates = iota
	// Actual is the holiday's own date, even on a weekend.
	Actual
)

// String returns "observed" or "actual", or HolidayDates(n) for a value
// that is neither.
func (h HolidayDates) String() string {
	switch h {
	case Observed:
		return "observed"
	case Actual:
		return "actual"
	}
	return fmt.Sprintf("HolidayDates(%d)", int(h))
}

// MarshalText implements encoding.TextMarshaler with the String form. A value
// that is neither Observed nor Actual is an error.
func (h HolidayDates) MarshalText() ([]byte, error) {
	if h != Observed && h != Actual {
		return nil, fmt.Errorf("calendar.HolidayDates.MarshalText: invalid value %d", int(h))
	}
	return []byte(h.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts "observed"
// and "actual" in any case; anything else is a *ParseError that quotes it.
func (h *HolidayDates) UnmarshalText(b []byte) error {
	switch s := string(b); asciiUpper(s) {
	case "OBSERVED":
		*h = Observed
	case "ACTUAL":
		*h = Actual
	default:
		return &ParseError{Func: "HolidayDates.UnmarshalText", Input: s, Msg: `want "observed" or "actual"`}
	}
	return nil
}

// A Holiday is a day off that a holiday calendar gives: a civil date,
// which is the same day whatever zone it is seen from.
type Holiday struct {
	Date Date
	Name string // as github.com/rickar/cal names it, often in the local language
	Code string // the canonical code of the calendar it came from, such as "DE-BY"
}

// ErrUnknownHolidayCode is wrapped by the error for a holiday calendar code
// that HolidayCodes does not list.
var ErrUnknownHolidayCode = errors.New("unknown holiday calendar")

// maxHolidayYears bounds the range that Holidays accepts, so that no input
// makes it run for long.
const maxHolidayYears = 1000

// HolidayCodes returns the code of every holiday calendar, sorted, in a new
// slice. A code is an ISO 3166 country ("DE", "US", "GB"), a country and a
// region ("DE-BY", "AU-NSW", "CH-ZH"), or "ECB" (the days the European
// Central Bank is closed). The calendars are the lists of
// github.com/rickar/cal/v2 v2.1.26, corrected as below, and a regional
// calendar is complete in itself: "DE-BY" has Germany's holidays and
// Bavaria's. Australia has only regional calendars. "GB" is England and
// Wales: it has neither Scotland's nor Northern Ireland's own bank holidays
// (Banking and Financial Dealings Act 1971, Schedule 1).
// "CH" is every holiday of the Swiss cantonal calendars, so a canton's code
// fits a person better; those calendars are rickar's, which lack some
// cantonal days (Geneva's Jeûne genevois, for one).
//
// These calendars are corrected from the law (each correction cites its
// source in holidayfix.go):
//   - "NZ" has Matariki from 2022, on the dates of Te Kāhui o Matariki
//     Public Holiday Act 2022, Schedule 1 (2022 to 2052).
//   - "LU" has National Day on 23 June, not 23 July, and Europe Day, 9 May,
//     from 2019 (Code du travail, art. L. 232-2; loi du 25 avril 2019).
//   - "AR" has Good Friday on Good Friday, not on Holy Thursday, which is a
//     día no laborable and not a holiday (Ley 27.399).
//   - "MX" has Constitution Day on the first Monday of February, Benito
//     Juárez's Birthday on the third Monday of March and Revolution Day on
//     the third Monday of November (since the reform of 2006; 2007 for
//     Benito Juárez), and no holiday moved off a weekend (Ley Federal del
//     Trabajo, art. 74).
//   - "RU" has the New Year holidays, 1 to 6 and 8 January, and Christmas, 7
//     January, none of them moved off a weekend (Labour Code, art. 112); the
//     days off that the government moves by decree each year are left out.
//   - "DE-MV" has International Women's Day, 8 March, from 2023
//     (Feiertagsgesetz Mecklenburg-Vorpommern, § 2).
//   - "IT" has San Francesco d'Assisi, 4 October, from 2026 (legge 8
//     ottobre 2025, n. 151).
//   - "CH" has All Saints' Day, 1 November, which rickar gives the cantons
//     that keep it but not "CH".
func HolidayCodes() []string {
	return holidayCodeList()
}

// CanonicalHolidayCode returns the canonical (upper-case) form of a holiday
// calendar code, which is case-insensitive: "de-by" is "DE-BY". A code that
// HolidayCodes does not list is an error that wraps ErrUnknownHolidayCode
// and quotes the code.
func CanonicalHolidayCode(code string) (string, error) {
	c := asciiUpper(code)
	if holidayList(c) == nil { // corrections add no code
		return "", fmt.Errorf("calendar.CanonicalHolidayCode: %w %s (HolidayCodes lists them)", ErrUnknownHolidayCode, icalvalue.Quote(code))
	}
	return c, nil
}

// Holidays returns the holidays of the calendars named by codes that fall on
// the dates from..to, inclusive, sorted by date and then name. A holiday is
// a civil date in the calendar's own country, never shifted by any viewer's
// zone. A holiday with the same name on the same date in two of the calendars
// (as when codes are "DE" and "DE-BY") appears once, with the code that
// comes first in codes. which chooses between the observed date and the
// actual date of a holiday that falls on a weekend.
//
// Codes are case-insensitive ("de-by"); an unknown code is an error that
// wraps ErrUnknownHolidayCode and quotes the code. A from after to gives no
// holidays, and so do years outside 1 to 9999; a range of more than 1000
// years is an error. Invalid dates are normalised first, as AddDays does.
//
// Every holiday in the calendar is returned, whatever kind of observance
// rickar/cal says it is: a few calendars include days that are off by custom
// rather than by law, such as Christmas Eve in "SE", "FI" and "IS".
func Holidays(codes []string, from, to Date, which HolidayDates) ([]Holiday, error) {
	if which != Observed && which != Actual {
		return nil, fmt.Errorf("calendar.Holidays: invalid HolidayDates %d", int(which))
	}
	canon := make([]string, 0, len(codes))
	for _, code := range codes {
		c, err := CanonicalHolidayCode(code)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(canon, c) {
			canon = append(canon, c)
		}
	}
	lo, hi := from.AddDays(0), to.AddDays(0)
	if lo.After(hi) {
		return nil, nil
	}
	// The difference of the years fits in a uint64 even when the int
	// subtraction would overflow.
	if uint64(hi.Year)-uint64(lo.Year) > maxHolidayYears {
		return nil, fmt.Errorf("calendar.Holidays: range %s..%s is longer than %d years", from, to, maxHolidayYears)
	}
	// An observed date can fall in the year before or after its holiday's:
	// New Year's Day 2022 is observed on Friday 2021-12-31 in the US.
	firstYear, lastYear := max(lo.Year, 2)-1, min(hi.Year, 9998)+1

	type ranked struct {
		Holiday
		rank int // index of the code in canon
	}
	var found []ranked
	for rank, code := range canon {
		for _, h := range correctedList(code) {
			for y := firstYear; y <= lastYear; y++ {
				actual, observed, ok := holidayDates(h, y)
				d := observed
				if which == Actual {
					d = actual
				}
				if !ok || d.Before(lo) || d.After(hi) || d.Year < 1 || d.Year > 9999 {
					continue
				}
				found = append(found, ranked{Holiday{Date: d, Name: h.Name, Code: code}, rank})
			}
		}
	}
	slices.SortFunc(found, func(a, b ranked) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		if a.Name != b.Name {
			if a.Name < b.Name {
				return -1
			}
			return +1
		}
		return a.rank - b.rank
	})
	var out []Holiday
	for i, f := range found {
		if i > 0 && f.Date == found[i-1].Date && f.Name == found[i-1].Name {
			continue
		}
		out = append(out, f.Holiday)
	}
	return out, nil
}

// holidayDates returns the actual and observed dates of h in year, and
// false if h is not kept that year.
//
// rickar/cal computes a holiday as midnight in the process's local zone
// (cal.DefaultLoc, which tzplan neither reads nor sets). Where that zone
// skips midnight on the day (DST starting at 00:00, as in Santiago, Havana
// or the Azores), time.Date moves the instant an hour either way, and the
// civil date can read as the evening before; that evening is taken as the
// day after it. rickar also chose the observed date by that wrong weekday,
// so in that case the observed date is found again from the holiday's
// substitution rules. The one case left is a zone that skipped a whole day
// (Pacific/Kiritimati 1994-12-31, Pacific/Apia 2011-12-30): there, a holiday
// on that day reads as the day before.
func holidayDates(h *cal.Holiday, year int) (actual, observed Date, ok bool) {
	// Calc on a copy: some of rickar/cal's holiday functions write to the
	// holiday they are given (Japan's equinoxes set Day), and the lists
	// are package globals shared by every goroutine.
	hc := *h
	a, o := hc.Calc(year)
	if a.IsZero() || o.IsZero() {
		return Date{}, Date{}, false
	}
	actual, observed = dateOfMidnight(a), dateOfMidnight(o)
	if a.Hour() >= 12 {
		observed = actual
		for _, alt := range h.Observed {
			if alt.Day == actual.Weekday() {
				observed = actual.AddDays(alt.Offset)
				break
			}
		}
	}
	return actual, observed, true
}

// dateOfMidnight returns the civil date whose midnight t was meant to be, in
// t's own Location: the date of t, or the next day if t is in the evening
// (a midnight that the zone skipped, moved an hour back).
func dateOfMidnight(t time.Time) Date {
	d := DateOf(t)
	if t.Hour() >= 12 {
		d = d.AddDays(1)
	}
	return d
}

// asciiUpper returns s with ASCII lower-case letters made upper-case, and
// every other byte kept as it is.
func asciiUpper(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' }) {
		return s // most codes are written in capitals already
	}
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
