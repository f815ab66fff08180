package plan

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// HolidayWindow reads the bounds of holidays: civil dates (or instants)
// in zone. Each bound left out is a new year's day: of now's year and the
// next, or the year around the other bound.
func HolidayWindow(from, to string, zone *time.Location, now time.Time) (calendar.Interval, error) {
	y := now.In(zone).Year()
	switch {
	case from == "" && to == "":
		from, to = fmt.Sprintf("%04d-01-01", y), nextNewYear(y)
	case from == "":
		if d, err := calendar.ParseDate(to); err == nil {
			from = fmt.Sprintf("%04d-01-01", d.AddDays(-1).Year)
		}
	case to == "":
		if d, err := calendar.ParseDate(from); err == nil {
			to = nextNewYear(d.Year)
		}
	}
	return Window(from, to, zone, now, 1)
}

// nextNewYear is the new year's day after year y, or the last day a
// window may end on for 9999.
func nextNewYear(y int) string {
	if y >= 9999 {
		return "9999-12-30"
	}
	return fmt.Sprintf("%04d-01-01", y+1)
}

// Dates are the first and last civil days of w in zone.
func Dates(w calendar.Interval, zone *time.Location) (first, last calendar.Date) {
	return calendar.DateOf(w.Start.In(zone)), calendar.DateOf(w.End.Add(-time.Nanosecond).In(zone))
}

// HolidayJSON is one holiday: its date, name and calendar code ("" for a
// holiday calendar file or a day off).
type HolidayJSON struct {
	Date calendar.Date `json:"date"`
	Name string        `json:"name"`
	Code string        `json:"code"`
}

func holidayList(hs []calendar.Holiday) []HolidayJSON {
	out := []HolidayJSON{}
	for _, h := range hs {
		out = append(out, HolidayJSON{h.Date, h.Name, h.Code})
	}
	return out
}

// CodeHolidaysJSON is the answer of holidays for codes.
type CodeHolidaysJSON struct {
	From     calendar.Date `json:"from"`
	To       calendar.Date `json:"to"`
	Codes    []string      `json:"codes"`
	Holidays []HolidayJSON `json:"holidays"`
}

// CodeHolidays lists the holidays of codes (canonicalized, each once)
// from first to last, as observed or, with actual, on their own dates.
// A bad code is a *FieldError of "codes".
func CodeHolidays(codes []string, first, last calendar.Date, actual bool) (CodeHolidaysJSON, error) {
	which := calendar.Observed
	if actual {
		which = calendar.Actual
	}
	cs := []string{}
	for _, code := range codes {
		canon, err := calendar.CanonicalHolidayCode(code)
		if err != nil {
			return CodeHolidaysJSON{}, fieldf("codes", "", "%v", err)
		}
		if !slices.Contains(cs, canon) {
			cs = append(cs, canon)
		}
	}
	hs, err := calendar.Holidays(cs, first, last, which)
	if err != nil {
		return CodeHolidaysJSON{}, err
	}
	return CodeHolidaysJSON{first, last, cs, holidayList(hs)}, nil
}

// RosterHolidaysJSON is the answer of holidays for a roster.
type RosterHolidaysJSON struct {
	From   calendar.Date        `json:"from"`
	To     calendar.Date        `json:"to"`
	People []PersonHolidaysJSON `json:"people"`
}

// PersonHolidaysJSON is one person's holidays.
type PersonHolidaysJSON struct {
	ID       string        `json:"id"`
	Zone     string        `json:"zone"`
	Holidays []HolidayJSON `json:"holidays"`
}

// RosterHolidays lists each person's holidays from first to last, on their
// own calendar: codes, holiday calendars, days off, less working days.
func RosterHolidays(ctx context.Context, team []calendar.Person, first, last calendar.Date) (RosterHolidaysJSON, error) {
	out := RosterHolidaysJSON{From: first, To: last, People: []PersonHolidaysJSON{}}
	for _, p := range team {
		s, err := calendar.Compile(ctx, p)
		if err != nil {
			return out, err
		}
		hs, err := s.Holidays(ctx, first, last)
		if err != nil {
			return out, err
		}
		out.People = append(out.People, PersonHolidaysJSON{p.ID, p.Zone.String(), holidayList(hs)})
	}
	return out, nil
}

// CodesJSON is the answer of holidays with neither codes nor a roster.
type CodesJSON struct {
	Codes []string `json:"codes"`
}
