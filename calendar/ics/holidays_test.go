package ics

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
)

// A published holiday calendar from the corpus (Calendar Labs' Germany,
// its DTSTARTs dates without VALUE=DATE and DTEND equal to DTSTART):
// 2019's days, read off the file: 17 of them.
func TestHolidaysOfAPublishedCalendar(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("the corpus of real-world calendars is not here (%v)", err)
	}
	c, err := ReadFile(context.Background(), filepath.Join(corpusDir, "rie__Germany_Holidays.ics"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := c.Holidays(context.Background(), calendar.MustParseDate("2019-01-01"), calendar.MustParseDate("2019-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range hs {
		got[h.Date.String()] = h.Name
	}
	for date, name := range map[string]string{"2019-01-01": "New Year's Day", "2019-01-06": "Epiphany", "2019-10-31": "Reformation Day", "2019-12-26": "Boxing Day"} {
		if got[date] != name {
			t.Errorf("%s: %q, want %q", date, got[date], name)
		}
	}
	if len(hs) != 17 {
		t.Errorf("%d holidays in 2019, want 17: %v", len(hs), hs)
	}
	// officeholidays.com marks observances: "[Not a public holiday]".
	c, err = ReadFile(context.Background(), filepath.Join(corpusDir, "rie__Germany.ics"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs, err = c.Holidays(context.Background(), calendar.MustParseDate("2019-03-01"), calendar.MustParseDate("2019-05-31"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if strings.Contains(h.Name, "Not a public holiday") || h.Name != strings.TrimSpace(h.Name) {
			t.Errorf("%s %q: an observance, or a name with spaces", h.Date, h.Name)
		}
	}
	want := []string{"2019-04-19 Germany: Good Friday", "2019-04-22 Germany: Easter Monday", "2019-05-01 Germany: Labour Day", "2019-05-30 Germany: Ascension Day"}
	var names []string
	for _, h := range hs {
		names = append(names, h.Date.String()+" "+h.Name)
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("March to May 2019 (-want +got):\n%s", diff)
	}
}

// Each day of a multi-day all-day event, clipped to the range; one of no
// length is one day; cancelled and timed events are none; a name once a
// date.
func TestHolidaysOfAllDayEvents(t *testing.T) {
	const data = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Winter break \r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261231\r\nSUMMARY:New Year's Eve\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261228\r\nSUMMARY:Called off\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261229T100000Z\r\nDTEND:20261229T110000Z\r\nSUMMARY:A meeting\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Winter break\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	c, err := Read(context.Background(), strings.NewReader(data), Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := c.Holidays(context.Background(), calendar.MustParseDate("2026-12-25"), calendar.MustParseDate("2027-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	want := []calendar.Holiday{
		{Date: calendar.MustParseDate("2026-12-25"), Name: "Winter break"},
		{Date: calendar.MustParseDate("2026-12-26"), Name: "Winter break"},
		{Date: calendar.MustParseDate("2026-12-31"), Name: "New Year's Eve"},
	}
	if diff := cmp.Diff(want, hs); diff != "" {
		t.Errorf("holidays (-want +got):\n%s", diff)
	}
	if hs, err := c.Holidays(context.Background(), calendar.MustParseDate("2026-12-31"), calendar.MustParseDate("2026-12-01")); err != nil || hs != nil {
		t.Errorf("a range backwards: %v, %v", hs, err)
	}
}
