package calendar_test

import (
	"fmt"

	"github.com/tzplan/tzplan/calendar"
)

func ExampleHolidays() {
	from, to := calendar.MustParseDate("2026-07-01"), calendar.MustParseDate("2026-07-06")
	for _, which := range []calendar.HolidayDates{calendar.Observed, calendar.Actual} {
		hs, err := calendar.Holidays([]string{"US"}, from, to, which)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, h := range hs {
			fmt.Println(which, h.Date, h.Date.Weekday(), h.Code, h.Name)
		}
	}

	// Codes are case-insensitive; a regional calendar has the national
	// holidays too.
	hs, err := calendar.Holidays([]string{"de-by"}, calendar.MustParseDate("2026-01-01"), calendar.MustParseDate("2026-01-31"), calendar.Observed)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range hs {
		fmt.Println(h.Date, h.Code, h.Name)
	}

	_, err = calendar.Holidays([]string{"XX"}, from, to, calendar.Observed)
	fmt.Println(err)
	// Output:
	// observed 2026-07-03 Friday US Independence Day
	// actual 2026-07-04 Saturday US Independence Day
	// 2026-01-01 DE-BY Neujahrstag
	// 2026-01-06 DE-BY Heilige Drei Könige
	// calendar.CanonicalHolidayCode: unknown holiday calendar "XX" (HolidayCodes lists them)
}

func ExampleHolidayCodes() {
	codes := calendar.HolidayCodes()
	fmt.Println(len(codes), "calendars")
	for _, c := range codes {
		switch c {
		case "AU-NSW", "CH-ZH", "DE", "DE-BY", "ECB", "GB", "US":
			fmt.Println(c)
		}
	}
	c, err := calendar.CanonicalHolidayCode("de-by")
	fmt.Println(c, err)
	// Output:
	// 97 calendars
	// AU-NSW
	// CH-ZH
	// DE
	// DE-BY
	// ECB
	// GB
	// US
	// DE-BY <nil>
}
