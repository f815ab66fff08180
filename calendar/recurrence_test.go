package calendar

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	rrule "github.com/teambition/rrule-go"
	"pgregory.net/rapid"
)

// recLoad loads a zone or fails the test.
func recLoad(tb rapid.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

// recParse parses text with start ("" for none) or fails the test.
func recParse(tb rapid.TB, text, start string) Recurrence {
	tb.Helper()
	var dt DateTime
	if start != "" {
		dt = MustParseDateTime(start)
	}
	r, err := ParseRecurrence(text, dt)
	if err != nil {
		tb.Fatalf("ParseRecurrence(%q, %q): %v", text, start, err)
	}
	return r
}

// recStarts returns r.Starts(context.Background(), from, to, loc) as strings, or fails the test.
func recStarts(tb rapid.TB, r Recurrence, from, to string, loc *time.Location) []string {
	tb.Helper()
	got, err := r.Starts(context.Background(), MustParseDate(from), MustParseDate(to), loc)
	if err != nil {
		tb.Fatalf("Starts(%s, %s): %v", from, to, err)
	}
	return recStrings(got)
}

func recStrings(dts []DateTime) []string {
	var out []string
	for _, dt := range dts {
		out = append(out, dt.String())
	}
	return out
}

// recWindow is the window from 00:00 on from to 00:00 on to, in loc.
func recWindow(from, to string, loc *time.Location) Interval {
	return Interval{Wall(MustParseDate(from), Midnight, loc), Wall(MustParseDate(to), Midnight, loc)}
}

// recOccurrences returns the occurrences' starts as "2006-01-02 15:04 -07 (15:04Z)" in loc.
func recOccurrences(tb rapid.TB, r Recurrence, window Interval, d time.Duration, loc *time.Location) []string {
	tb.Helper()
	occ, err := r.Occurrences(context.Background(), window, d, loc)
	if err != nil {
		tb.Fatalf("Occurrences(%v): %v", window, err)
	}
	var out []string
	for _, iv := range occ {
		if got := iv.End.Sub(iv.Start); got != d {
			tb.Errorf("occurrence %v lasts %v, want %v", iv, got, d)
		}
		out = append(out, iv.Start.In(loc).Format("2006-01-02 15:04 -07")+" ("+iv.Start.UTC().Format("15:04Z")+")")
	}
	return out
}

func TestRecurrenceDailyOnceEachLocalDate(t *testing.T) {
	// Zones whose clocks change at midnight, where rrule-go's own zone
	// handling repeats and drops days.
	for _, zone := range []string{"America/Santiago", "America/Havana", "Atlantic/Azores"} {
		t.Run(zone, func(t *testing.T) {
			loc := recLoad(t, zone)
			r := recParse(t, "FREQ=DAILY", "2026-01-01T09:00")
			occ, err := r.Occurrences(context.Background(), recWindow("2026-01-01", "2027-01-01", loc), time.Hour, loc)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, iv := range occ {
				got = append(got, iv.Start.In(loc).Format("2006-01-02 15:04"))
			}
			for d := MustParseDate("2026-01-01"); d.Year == 2026; d = d.AddDays(1) {
				want = append(want, d.String()+" 09:00")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("daily 09:00 in %s over 2026 (-want +got):\n%s", zone, diff)
			}
		})
	}
}

func TestRecurrenceDailyAcrossMidnightDSTChanges(t *testing.T) {
	tests := []struct {
		zone, from, to string
		want           []string
	}{
		{"America/Santiago", "2026-04-03", "2026-04-07", []string{
			"2026-04-03 09:00 -03 (12:00Z)", "2026-04-04 09:00 -03 (12:00Z)",
			"2026-04-05 09:00 -04 (13:00Z)", "2026-04-06 09:00 -04 (13:00Z)"}},
		{"America/Santiago", "2026-09-04", "2026-09-08", []string{
			"2026-09-04 09:00 -04 (13:00Z)", "2026-09-05 09:00 -04 (13:00Z)",
			"2026-09-06 09:00 -03 (12:00Z)", "2026-09-07 09:00 -03 (12:00Z)"}},
		{"America/Havana", "2026-03-07", "2026-03-10", []string{
			"2026-03-07 09:00 -05 (14:00Z)", "2026-03-08 09:00 -04 (13:00Z)", "2026-03-09 09:00 -04 (13:00Z)"}},
		{"America/Havana", "2026-10-31", "2026-11-03", []string{
			"2026-10-31 09:00 -04 (13:00Z)", "2026-11-01 09:00 -05 (14:00Z)", "2026-11-02 09:00 -05 (14:00Z)"}},
		{"Atlantic/Azores", "2026-03-28", "2026-03-31", []string{
			"2026-03-28 09:00 -01 (10:00Z)", "2026-03-29 09:00 +00 (09:00Z)", "2026-03-30 09:00 +00 (09:00Z)"}},
		{"Atlantic/Azores", "2026-10-24", "2026-10-27", []string{
			"2026-10-24 09:00 +00 (09:00Z)", "2026-10-25 09:00 -01 (10:00Z)", "2026-10-26 09:00 -01 (10:00Z)"}},
	}
	r := recParse(t, "FREQ=DAILY", "2026-01-01T09:00")
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.from, func(t *testing.T) {
			loc := recLoad(t, tc.zone)
			got := recOccurrences(t, r, recWindow(tc.from, tc.to, loc), time.Hour, loc)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceWeeklySundayInSantiago(t *testing.T) {
	// Santiago's clocks jump from 00:00 to 01:00 on Sunday 2026-09-06.
	loc := recLoad(t, "America/Santiago")
	r := recParse(t, "FREQ=WEEKLY;BYDAY=SU", "2026-08-02T09:00")
	got := recOccurrences(t, r, recWindow("2026-08-30", "2026-09-14", loc), time.Hour, loc)
	want := []string{"2026-08-30 09:00 -04 (13:00Z)", "2026-09-06 09:00 -03 (12:00Z)", "2026-09-13 09:00 -03 (12:00Z)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	occ, _ := r.Occurrences(context.Background(), recWindow("2026-09-06", "2026-09-07", loc), time.Hour, loc)
	if len(occ) != 1 || occ[0].Start.In(loc).Weekday() != time.Sunday {
		t.Errorf("occurrences on 2026-09-06 = %v, want one on a Sunday", occ)
	}
}

func TestRecurrenceNewYorkGapAndFold(t *testing.T) {
	ny := recLoad(t, "America/New_York")
	tests := []struct {
		name, start, from, to string
		want                  []string
	}{
		{"02:30 in the gap moves to 03:30 EDT", "2026-03-01T02:30", "2026-03-07", "2026-03-10", []string{
			"2026-03-07 02:30 -05 (07:30Z)", "2026-03-08 03:30 -04 (07:30Z)", "2026-03-09 02:30 -04 (06:30Z)"}},
		{"01:30 in the fold is once, EDT", "2026-10-01T01:30", "2026-10-31", "2026-11-03", []string{
			"2026-10-31 01:30 -04 (05:30Z)", "2026-11-01 01:30 -04 (05:30Z)", "2026-11-02 01:30 -05 (06:30Z)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, "FREQ=DAILY", tc.start)
			got := recOccurrences(t, r, recWindow(tc.from, tc.to, ny), 30*time.Minute, ny)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceApiaSkippedDayIsNotDuplicated(t *testing.T) {
	// Samoa skipped 2011-12-30: the clocks went from 23:59 on the 29th
	// (-10) to 00:00 on the 31st (+14). 09:00 on the 30th is read with
	// the offset before the jump and lands on 09:00 on the 31st.
	apia := recLoad(t, "Pacific/Apia")
	r := recParse(t, "FREQ=DAILY", "2011-12-01T09:00")
	starts := recStarts(t, r, "2011-12-28", "2012-01-02", apia)
	wantStarts := []string{"2011-12-28T09:00", "2011-12-29T09:00", "2011-12-30T09:00",
		"2011-12-31T09:00", "2012-01-01T09:00", "2012-01-02T09:00"}
	if diff := cmp.Diff(wantStarts, starts); diff != "" {
		t.Errorf("Starts (-want +got):\n%s", diff)
	}
	got := recOccurrences(t, r, recWindow("2011-12-28", "2012-01-03", apia), time.Hour, apia)
	want := []string{
		"2011-12-28 09:00 -10 (19:00Z)",
		"2011-12-29 09:00 -10 (19:00Z)",
		"2011-12-31 09:00 +14 (19:00Z)", // the 30th's and the 31st's start, once
		"2012-01-01 09:00 +14 (19:00Z)",
		"2012-01-02 09:00 +14 (19:00Z)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Occurrences (-want +got):\n%s", diff)
	}
}

func TestRecurrenceTZIDOverridesLoc(t *testing.T) {
	santiago := recLoad(t, "America/Santiago")
	r := recParse(t, "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "")
	if got := r.Zone().String(); got != "Europe/Berlin" {
		t.Errorf("Zone() = %s, want Europe/Berlin", got)
	}
	if got, want := r.Start(), MustParseDateTime("2026-01-05T09:00"); got != want {
		t.Errorf("Start() = %v, want %v", got, want)
	}
	got := recOccurrences(t, r, recWindow("2026-03-23", "2026-04-07", santiago), time.Hour, santiago)
	want := []string{ // 09:00 in Berlin, shown in Santiago; Berlin moves to CEST on 2026-03-29
		"2026-03-23 05:00 -03 (08:00Z)", "2026-03-30 04:00 -03 (07:00Z)", "2026-04-06 03:00 -04 (07:00Z)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	utc := recParse(t, "DTSTART:20260105T120000Z\nRRULE:FREQ=DAILY;COUNT=2", "")
	if utc.Zone() != time.UTC {
		t.Errorf("Zone() of a Z DTSTART = %v, want UTC", utc.Zone())
	}
	if got := recStarts(t, utc, "2026-01-01", "2026-01-31", santiago); !slices.Equal(got, []string{"2026-01-05T12:00", "2026-01-06T12:00"}) {
		t.Errorf("Starts of a Z rule = %v", got)
	}
	if floating := recParse(t, "FREQ=DAILY", "2026-01-05T09:00"); floating.Zone() != nil {
		t.Errorf("Zone() of a floating rule = %v, want nil", floating.Zone())
	}
}

func TestRecurrenceExdateRdate(t *testing.T) {
	const berlin = "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH\n"
	const floating = "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH\n"
	all := []string{"2026-01-05T09:00", "2026-01-08T09:00", "2026-01-12T09:00", "2026-01-15T09:00"}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(s string) bool { return slices.Contains(drop, s) })
	}
	with := func(add string) []string {
		out := append(slices.Clone(all), add)
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"no dates", berlin, all},
		{"EXDATE with TZID", berlin + "EXDATE;TZID=Europe/Berlin:20260112T090000", without("2026-01-12T09:00")},
		{"EXDATE in UTC", berlin + "EXDATE:20260112T080000Z", without("2026-01-12T09:00")},
		{"EXDATE in another TZID", berlin + "EXDATE;TZID=America/New_York:20260112T030000", without("2026-01-12T09:00")},
		{"EXDATE floating, on the rule's clock", berlin + "EXDATE:20260112T090000", without("2026-01-12T09:00")},
		{"EXDATE VALUE=DATE", berlin + "EXDATE;VALUE=DATE:20260112", without("2026-01-12T09:00")},
		{"EXDATE list", berlin + "EXDATE;TZID=Europe/Berlin:20260112T090000,20260115T090000",
			without("2026-01-12T09:00", "2026-01-15T09:00")},
		{"several EXDATE lines", berlin + "EXDATE:20260105T080000Z\nEXDATE;VALUE=DATE:20260115\nEXDATE:20260108T090000",
			without("2026-01-05T09:00", "2026-01-08T09:00", "2026-01-15T09:00")},
		{"EXDATE at another time removes nothing", berlin + "EXDATE:20260112T100000", all},
		{"EXDATE at another instant removes nothing", berlin + "EXDATE:20260112T090000Z", all},
		{"EXDATE on a date without one removes nothing", berlin + "EXDATE;VALUE=DATE:20260113", all},
		{"floating rule, EXDATE in UTC read in loc", floating + "EXDATE:20260112T120000Z", without("2026-01-12T09:00")},
		{"floating rule, EXDATE with TZID read in loc", floating + "EXDATE;TZID=Europe/Berlin:20260112T130000", without("2026-01-12T09:00")},
		{"RDATE floating", berlin + "RDATE:20260110T090000", with("2026-01-10T09:00")},
		{"RDATE in UTC", berlin + "RDATE:20260110T080000Z", with("2026-01-10T09:00")},
		{"RDATE with TZID", berlin + "RDATE;TZID=America/New_York:20260110T030000", with("2026-01-10T09:00")},
		{"RDATE VALUE=DATE at the DTSTART's time", berlin + "RDATE;VALUE=DATE:20260110", with("2026-01-10T09:00")},
		{"RDATE on an occurrence is not a duplicate", berlin + "RDATE:20260112T090000", all},
		{"RDATE removed by EXDATE", berlin + "RDATE:20260110T090000\nEXDATE:20260110T090000", all},
		{"RDATE before the DTSTART", berlin + "RDATE:20260102T090000", with("2026-01-02T09:00")},
	}
	santiago := recLoad(t, "America/Santiago") // loc for the floating rules
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.text, "")
			got := recStarts(t, r, "2026-01-01", "2026-01-18", santiago)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceCountAndUntil(t *testing.T) {
	const berlin = "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"COUNT", berlin + ";COUNT=3", []string{"2026-01-05T09:00", "2026-01-08T09:00", "2026-01-12T09:00"}},
		{"COUNT is not extended by an EXDATE", berlin + ";COUNT=3\nEXDATE:20260108T090000",
			[]string{"2026-01-05T09:00", "2026-01-12T09:00"}},
		{"COUNT does not limit RDATEs", berlin + ";COUNT=1\nRDATE:20260110T090000",
			[]string{"2026-01-05T09:00", "2026-01-10T09:00"}},
		{"COUNT counts from a DTSTART that does not match",
			"DTSTART;TZID=Europe/Berlin:20260107T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=2",
			[]string{"2026-01-08T09:00", "2026-01-12T09:00"}},
		{"COUNT of a sparse rule from long ago",
			"DTSTART;TZID=Europe/Berlin:17000101T090000\nRRULE:FREQ=MONTHLY;BYMONTH=1;BYDAY=1MO;BYSETPOS=1,7;COUNT=327",
			[]string{"2026-01-05T09:00"}},
		{"COUNT of a sparse rule, one past",
			"DTSTART;TZID=Europe/Berlin:17000101T090000\nRRULE:FREQ=MONTHLY;BYMONTH=1;BYDAY=1MO;BYSETPOS=1,7;COUNT=326", nil},
		{"COUNT used up long ago", "DTSTART;TZID=Europe/Berlin:19900101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=100", nil},
		{"floating UNTIL is inclusive", berlin + ";UNTIL=20260112T090000",
			[]string{"2026-01-05T09:00", "2026-01-08T09:00", "2026-01-12T09:00"}},
		{"floating UNTIL a second early", berlin + ";UNTIL=20260112T085959",
			[]string{"2026-01-05T09:00", "2026-01-08T09:00"}},
		{"date UNTIL keeps that date", berlin + ";UNTIL=20260112",
			[]string{"2026-01-05T09:00", "2026-01-08T09:00", "2026-01-12T09:00"}},
		{"UTC UNTIL at the instant", berlin + ";UNTIL=20260112T080000Z",
			[]string{"2026-01-05T09:00", "2026-01-08T09:00", "2026-01-12T09:00"}},
		{"UTC UNTIL a second early", berlin + ";UNTIL=20260112T075959Z",
			[]string{"2026-01-05T09:00", "2026-01-08T09:00"}},
		{"UNTIL before DTSTART", berlin + ";UNTIL=20250101T000000Z", nil},
		{"UNTIL long ago with an old DTSTART",
			"DTSTART;TZID=Europe/Berlin:19900101T090000\nRRULE:FREQ=DAILY;UNTIL=19991231T235959Z", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.text, "")
			got := recStarts(t, r, "2026-01-01", "2026-01-18", nil)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceUTCUntilInAFold(t *testing.T) {
	// New York shows 01:00-02:00 twice on 2026-11-01; the rule's 01:30
	// is the first (EDT, 05:30Z). An UNTIL between the two keeps it.
	r := recParse(t, "DTSTART;TZID=America/New_York:20261030T013000\nRRULE:FREQ=DAILY;UNTIL=20261101T060000Z", "")
	got := recStarts(t, r, "2026-10-30", "2026-11-05", nil)
	want := []string{"2026-10-30T01:30", "2026-10-31T01:30", "2026-11-01T01:30"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRecurrenceDTSTARTIsAnOccurrenceOnlyWhenItMatches(t *testing.T) {
	tests := []struct {
		name, text, start string
		want              []string
	}{
		{"a Thursday start of a Tuesday rule", "FREQ=WEEKLY;BYDAY=TU", "2026-01-01T09:00",
			[]string{"2026-01-06T09:00", "2026-01-13T09:00"}},
		{"a start the rule matches", "FREQ=WEEKLY;BYDAY=TH", "2026-01-01T09:00",
			[]string{"2026-01-01T09:00", "2026-01-08T09:00", "2026-01-15T09:00"}},
		{"a start at another time of day", "FREQ=DAILY;BYHOUR=8", "2026-01-13T09:00",
			[]string{"2026-01-14T08:00", "2026-01-15T08:00"}},
		{"no RRULE: the DTSTART alone", "DTSTART:20260105T090000", "",
			[]string{"2026-01-05T09:00"}},
		{"no RRULE: DTSTART and RDATEs", "DTSTART:20260105T090000\nRDATE:20260107T100000,20260102T090000", "",
			[]string{"2026-01-02T09:00", "2026-01-05T09:00", "2026-01-07T10:00"}},
		{"no RRULE, DTSTART excluded", "DTSTART:20260105T090000\nEXDATE:20260105T090000", "", nil},
		{"start ignored when there is a DTSTART line", "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY", "2026-01-01T10:00",
			[]string{"2026-01-05T09:00", "2026-01-12T09:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.text, tc.start)
			got := recStarts(t, r, "2025-12-01", "2026-01-15", nil)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceRuleParts(t *testing.T) {
	// Rules whose expansion rrule-go does; checked here in floating time.
	tests := []struct {
		name, rule, start, from, to string
		want                        []string
	}{
		{"monthly last Friday", "FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01T09:00", "2026-01-01", "2026-03-31",
			[]string{"2026-01-30T09:00", "2026-02-27T09:00", "2026-03-27T09:00"}},
		{"monthly on the 31st skips short months", "FREQ=MONTHLY", "2026-01-31T09:00", "2026-01-01", "2026-05-31",
			[]string{"2026-01-31T09:00", "2026-03-31T09:00", "2026-05-31T09:00"}},
		{"yearly on Feb 29", "FREQ=YEARLY", "2024-02-29T09:00", "2024-01-01", "2032-12-31",
			[]string{"2024-02-29T09:00", "2028-02-29T09:00", "2032-02-29T09:00"}},
		{"last weekday of the month", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01T17:00", "2026-01-01", "2026-05-31",
			[]string{"2026-01-30T17:00", "2026-02-27T17:00", "2026-03-31T17:00", "2026-04-30T17:00", "2026-05-29T17:00"}},
		{"every other week, WKST=SU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", "2026-01-04T09:00", "2026-01-01", "2026-02-01",
			[]string{"2026-01-04T09:00", "2026-01-05T09:00", "2026-01-18T09:00", "2026-01-19T09:00", "2026-02-01T09:00"}},
		{"two times a day", "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=30", "2026-01-01T00:00", "2026-01-01", "2026-01-02",
			[]string{"2026-01-01T09:30", "2026-01-01T14:30", "2026-01-02T09:30", "2026-01-02T14:30"}},
		{"Easter Monday", "FREQ=YEARLY;BYEASTER=1", "2020-01-01T09:00", "2025-01-01", "2027-12-31",
			[]string{"2025-04-21T09:00", "2026-04-06T09:00", "2027-03-29T09:00"}},
		{"week 53", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", "2015-01-01T09:00", "2015-01-01", "2026-12-31",
			[]string{"2015-12-28T09:00", "2020-12-28T09:00", "2026-12-28T09:00"}},
		{"every 3rd day of a daily rule from 1990", "FREQ=DAILY;INTERVAL=3", "1990-01-02T09:00", "2026-01-01", "2026-01-07",
			[]string{"2026-01-02T09:00", "2026-01-05T09:00"}}, // 13149 days from 1990-01-01 to 2026-01-01
		{"every 5th month from 1990", "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=1,-1", "1990-01-15T09:00", "2026-01-01", "2026-12-31",
			[]string{"2026-04-01T09:00", "2026-04-30T09:00", "2026-09-01T09:00", "2026-09-30T09:00"}}, // 435 months from January 1990 to April 2026
		{"numbered and plain weekdays are either, not both", "FREQ=MONTHLY;BYDAY=WE,3TH", "2026-01-01T09:00", "2026-01-01", "2026-01-31",
			[]string{"2026-01-07T09:00", "2026-01-14T09:00", "2026-01-15T09:00", "2026-01-21T09:00", "2026-01-28T09:00"}},
		{"numbered and plain weekdays in a year", "FREQ=YEARLY;BYDAY=-1SU,SA;BYSETPOS=1,-1", "2026-01-01T09:00", "2026-01-01", "2027-12-31",
			[]string{"2026-01-03T09:00", "2026-12-27T09:00", "2027-01-02T09:00", "2027-12-26T09:00"}},
		{"numbered and plain weekdays in some months", "FREQ=YEARLY;BYMONTH=3;BYDAY=1FR,TU", "2026-01-01T09:00", "2026-01-01", "2026-12-31",
			[]string{"2026-03-03T09:00", "2026-03-06T09:00", "2026-03-10T09:00", "2026-03-17T09:00", "2026-03-24T09:00", "2026-03-31T09:00"}},
		{"every 3rd year from 1990", "FREQ=YEARLY;INTERVAL=3;BYMONTH=6;BYDAY=1MO", "1990-01-01T09:00", "2024-01-01", "2030-12-31",
			[]string{"2026-06-01T09:00", "2029-06-04T09:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.rule, tc.start)
			got := recStarts(t, r, tc.from, tc.to, nil)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceOldDTSTARTGivesTheSameWeek(t *testing.T) {
	loc := recLoad(t, "Europe/Berlin")
	old := recParse(t, "DTSTART:19900101T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH", "")
	recent := recParse(t, "DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH", "")
	window := recWindow("2026-03-09", "2026-03-16", loc)
	got := recOccurrences(t, old, window, time.Hour, loc)
	want := recOccurrences(t, recent, window, time.Hour, loc)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("1990 DTSTART vs 2026 DTSTART (-want +got):\n%s", diff)
	}
	if len(got) != 2 {
		t.Errorf("got %d occurrences in a week, want 2", len(got))
	}
}

func TestRecurrenceOldDTSTARTPastRRuleGoDefaultUntil(t *testing.T) {
	// rrule-go ends a rule with no UNTIL about 292 years after its
	// DTSTART; a COUNT rule from 1700 must still reach 2026.
	r := recParse(t, "DTSTART:17000101T090000\nRRULE:FREQ=YEARLY;COUNT=400", "")
	if got := recStarts(t, r, "2026-01-01", "2026-12-31", nil); !slices.Equal(got, []string{"2026-01-01T09:00"}) {
		t.Errorf("Starts in 2026 = %v, want 2026-01-01T09:00", got)
	}
	r = recParse(t, "DTSTART:17000101T090000\nRRULE:FREQ=YEARLY", "")
	if got := recStarts(t, r, "2026-01-01", "2026-12-31", nil); !slices.Equal(got, []string{"2026-01-01T09:00"}) {
		t.Errorf("Starts in 2026 = %v, want 2026-01-01T09:00", got)
	}
}

func TestRecurrenceNearYear9999(t *testing.T) {
	r := recParse(t, "FREQ=WEEKLY;BYDAY=FR", "9999-12-01T09:00")
	got := recStarts(t, r, "9999-12-20", "9999-12-31", nil)
	if want := []string{"9999-12-24T09:00", "9999-12-31T09:00"}; !slices.Equal(got, want) {
		t.Errorf("Starts = %v, want %v", got, want)
	}
	r = recParse(t, "FREQ=DAILY", "0001-01-01T09:00")
	if got := recStarts(t, r, "0001-01-01", "0001-01-02", nil); len(got) != 2 {
		t.Errorf("Starts in year 1 = %v", got)
	}
	loc := recLoad(t, "Asia/Tokyo")
	occ, err := r.Occurrences(context.Background(), Interval{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Hour, loc)
	if err != nil || len(occ) != 0 {
		t.Errorf("Occurrences past 9999 = %v, %v; want none", occ, err)
	}
}

func TestRecurrenceTooManyOccurrences(t *testing.T) {
	r := recParse(t, "FREQ=DAILY;BYHOUR=8,12,16", "2026-01-01T09:00")
	_, err := r.Starts(context.Background(), MustParseDate("2026-01-01"), MustParseDate("2076-01-01"), nil)
	if !errors.Is(err, ErrTooManyOccurrences) {
		t.Fatalf("Starts over 50 years: error %v, want ErrTooManyOccurrences", err)
	}
	if !strings.Contains(err.Error(), strconv.Quote(r.String())) {
		t.Errorf("error %q does not quote the rule", err)
	}
	_, err = r.Occurrences(context.Background(), Interval{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2126, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Hour, nil)
	if !errors.Is(err, ErrTooManyOccurrences) {
		t.Errorf("Occurrences over 100 years: error %v, want ErrTooManyOccurrences", err)
	}
	// 45 years of this rule are fewer than 50,000 starts (08:00 on the
	// first day is before the DTSTART).
	if got, err := r.Starts(context.Background(), MustParseDate("2026-01-01"), MustParseDate("2070-12-31"), nil); err != nil || len(got) != 3*16436-1 {
		t.Errorf("Starts over 45 years: %d starts, %v", len(got), err)
	}
}

func TestRecurrenceArgumentErrors(t *testing.T) {
	r := recParse(t, "FREQ=DAILY", "2026-01-01T09:00")
	if _, err := r.Starts(context.Background(), Date{}, MustParseDate("2026-01-01"), nil); err == nil {
		t.Error("Starts with a zero date: no error")
	}
	w := recWindow("2026-01-01", "2026-01-02", time.UTC)
	if _, err := r.Occurrences(context.Background(), w, 0, nil); err == nil {
		t.Error("Occurrences with a zero duration: no error")
	}
	if got, err := r.Starts(context.Background(), MustParseDate("2026-01-05"), MustParseDate("2026-01-01"), nil); err != nil || len(got) != 0 {
		t.Errorf("Starts over a reversed range = %v, %v; want none", got, err)
	}
	var zero Recurrence
	if got, err := zero.Starts(context.Background(), MustParseDate("2026-01-01"), MustParseDate("2026-01-31"), nil); err != nil || len(got) != 0 {
		t.Errorf("zero Recurrence: Starts = %v, %v", got, err)
	}
	if got, err := zero.Occurrences(context.Background(), w, time.Hour, nil); err != nil || len(got) != 0 {
		t.Errorf("zero Recurrence: Occurrences = %v, %v", got, err)
	}
	if zero.String() != "" || zero.Zone() != nil {
		t.Errorf("zero Recurrence: String %q, Zone %v", zero.String(), zero.Zone())
	}
}

// recCheckParseError checks that err is a *ParseError from
// ParseRecurrence for input and returns it.
func recCheckParseError(tb rapid.TB, input string, err error) *ParseError {
	tb.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		tb.Fatalf("ParseRecurrence(%q): error %v is a %T, want a *ParseError", input, err, err)
	}
	if pe.Func != "ParseRecurrence" || pe.Input != input || pe.Msg == "" {
		tb.Fatalf("ParseRecurrence(%q): ParseError %#v", input, pe)
	}
	return pe
}

func TestParseRecurrenceRejects(t *testing.T) {
	const ds = "DTSTART:20260101T090000\n"
	tests := []struct {
		name, text, start string
		part, msg         string // the ParseError's Part and a piece of its Msg
	}{
		{"hourly", "FREQ=HOURLY;BYMINUTE=0", "", "FREQ=HOURLY", "finer than DAILY"},
		{"minutely", "RRULE:FREQ=MINUTELY", "", "FREQ=MINUTELY", "finer than DAILY"},
		{"secondly", ds + "RRULE:FREQ=SECONDLY;COUNT=5", "", "FREQ=SECONDLY", "finer than DAILY"},
		{"unknown frequency", "FREQ=FORTNIGHTLY", "", "FREQ=FORTNIGHTLY", "unknown frequency"},
		{"missing FREQ", "BYDAY=MO", "", "BYDAY=MO", "FREQ is required"},
		{"BYEASTER=-81", "FREQ=YEARLY;BYEASTER=-81", "", "BYEASTER=-81", "from -80 to 250"},
		{"BYEASTER=257", "FREQ=YEARLY;BYEASTER=257", "", "BYEASTER=257", "from -80 to 250"},
		{"BYEASTER=258, which panics rrule-go", "FREQ=YEARLY;BYEASTER=258", "", "BYEASTER=258", "from -80 to 250"},
		{"BYEASTER=251, in the next year", "FREQ=YEARLY;BYEASTER=0,251", "", "BYEASTER=0,251", "from -80 to 250"},
		{"BYEASTER with DAILY", "FREQ=DAILY;BYEASTER=0", "", "FREQ=DAILY;BYEASTER=0", "only allowed with FREQ=YEARLY"},
		{"unknown rule part", "FREQ=DAILY;BYFOO=1", "", "BYFOO=1", `unknown rule part "BYFOO"`},
		{"RFC 7529 part", "FREQ=YEARLY;RSCALE=GREGORIAN", "", "RSCALE=GREGORIAN", "unknown rule part"},
		{"part without a value", "FREQ=DAILY;COUNT=", "", "COUNT=", "NAME=VALUE"},
		{"trailing semicolon", "FREQ=DAILY;", "", "FREQ=DAILY;", "NAME=VALUE"},
		{"empty RRULE line", "DTSTART:20260101T090000\nRRULE:", "", "RRULE:", "NAME=VALUE"},
		{"part given twice", "FREQ=DAILY;BYHOUR=9;BYHOUR=10", "", "BYHOUR=10", "given twice"},
		{"unknown property", ds + "FOO:bar", "", "FOO:bar", "unknown property FOO"},
		{"X- property", ds + "RRULE:FREQ=DAILY\nX-FOO:bar", "", "X-FOO:bar", "unknown property X-FOO"},
		{"garbage line", ds + "RRULE:FREQ=DAILY\nhello world", "", "hello world", "want a line"},
		{"bare value among lines", ds + "FREQ=DAILY", "", "FREQ=DAILY", "want a line"},
		{"garbage", "hello", "2026-01-01T09:00", "hello", "NAME=VALUE"},
		{"empty", " \n\r\n ", "2026-01-01T09:00", "", "empty"},
		{"no DTSTART and a zero start", "FREQ=DAILY", "none", "", "no DTSTART"},
		{"two DTSTART lines", ds + ds + "RRULE:FREQ=DAILY", "", "DTSTART:20260101T090000", "more than one DTSTART"},
		{"two RRULE lines", ds + "RRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY", "", "RRULE:FREQ=WEEKLY", "more than one RRULE"},
		{"RRULE with a parameter", ds + "RRULE;X=1:FREQ=DAILY", "", "RRULE;X=1:FREQ=DAILY", "no parameters"},
		{"INTERVAL too big", "FREQ=DAILY;INTERVAL=1001", "", "INTERVAL=1001", "from 1 to 1000"},
		{"INTERVAL=0", "FREQ=DAILY;INTERVAL=0", "", "INTERVAL=0", "from 1 to 1000"},
		{"INTERVAL negative", "FREQ=DAILY;INTERVAL=-1", "", "INTERVAL=-1", "from 1 to 1000"},
		{"COUNT too big", "FREQ=DAILY;COUNT=50001", "", "COUNT=50001", "from 1 to 50000"},
		{"COUNT=0", "FREQ=DAILY;COUNT=0", "", "COUNT=0", "from 1 to 50000"},
		{"COUNT and UNTIL", "FREQ=DAILY;COUNT=3;UNTIL=20270101", "", "", "COUNT and UNTIL"},
		{"bad UNTIL", "FREQ=DAILY;UNTIL=2027-01-01", "", "UNTIL=2027-01-01", "not a date-time"},
		{"bad WKST", "FREQ=WEEKLY;WKST=XX", "", "WKST=XX", "WKST must be a weekday"},
		{"BYSECOND not 0", "FREQ=DAILY;BYSECOND=30", "", "BYSECOND=30", "whole minutes"},
		{"BYMONTH=13", "FREQ=YEARLY;BYMONTH=13", "", "BYMONTH=13", "from 1 to 12"},
		{"BYMONTHDAY=0", "FREQ=MONTHLY;BYMONTHDAY=0", "", "BYMONTHDAY=0", "from 1 to 31 or from -31 to -1"},
		{"BYHOUR=24", "FREQ=DAILY;BYHOUR=24", "", "BYHOUR=24", "from 0 to 23"},
		{"BYDAY junk", "FREQ=WEEKLY;BYDAY=MO,XY", "", "BYDAY=MO,XY", `"XY" is not a weekday`},
		{"BYDAY=0MO", "FREQ=MONTHLY;BYDAY=0MO", "", "BYDAY=0MO", "from 1 to 53"},
		{"BYDAY=54MO", "FREQ=YEARLY;BYDAY=54MO", "", "BYDAY=54MO", "from 1 to 53"},
		{"numbered BYDAY with WEEKLY", "FREQ=WEEKLY;BYDAY=1MO", "", "", "needs FREQ=MONTHLY or YEARLY"},
		{"numbered BYDAY with BYWEEKNO", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO", "", "", "not allowed with BYWEEKNO"},
		{"BYDAY=-6MO monthly, which panics rrule-go", "FREQ=MONTHLY;BYDAY=-6MO", "", "", "at most five"},
		{"BYDAY=-6MO in a BYMONTH, which panics rrule-go", "FREQ=YEARLY;BYMONTH=1;BYDAY=-6MO", "", "", "at most five"},
		{"BYWEEKNO with MONTHLY", "FREQ=MONTHLY;BYWEEKNO=1", "", "", "only allowed with FREQ=YEARLY"},
		{"BYYEARDAY with DAILY", "FREQ=DAILY;BYYEARDAY=1", "", "", "not allowed with FREQ=DAILY"},
		{"BYMONTHDAY with WEEKLY", "FREQ=WEEKLY;BYMONTHDAY=1", "", "", "not allowed with FREQ=WEEKLY"},
		{"BYSETPOS alone", "FREQ=DAILY;BYSETPOS=1", "", "", "needs another BYxxx"},
		{"BYSETPOS with 9 values", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,2,3,4,5,-1,-2,-3,-4", "", "BYSETPOS=1,2,3,4,5,-1,-2,-3,-4", "more than 8"},
		{"BYSETPOS=0", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "", "BYSETPOS=0", "from 1 to 366"},
		{"too many times of day", "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,10,20,30,40", "", "", "more than 96 times"},
		{"too many BYMONTHDAY values", "FREQ=MONTHLY;BYMONTHDAY=" + recRange(1, 31) + ",-1", "", "", "more than 31 values"},
		{"never: February 30", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "", "", "never matches"},
		{"never: BYSETPOS=2 of one daily time", "FREQ=DAILY;BYHOUR=9;BYSETPOS=2", "", "", "past the 1 start(s) a day holds"},
		{"never: BYSETPOS=3 of a week of two days", "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3", "", "", "past the 2 start(s) a week holds"},
		{"never: the second of the Mondays among the 1st and 2nd", "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2;BYSETPOS=2", "", "", "never matches"},
		{"never: a fifth Monday in the first week", "FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1,2,3,4,5,6,7", "", "", "never matches"},
		{"never: day 366 in January", "FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1", "", "", "never matches"},
		{"never: week 1 in July", "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=7", "", "", "never matches"},
		{"never: Easter on a Monday", "FREQ=YEARLY;BYEASTER=0;BYDAY=MO", "", "", "never matches"},
		{"never: every 7th day on a Tuesday from a Thursday", "FREQ=DAILY;INTERVAL=7;BYDAY=TU", "2026-01-01T09:00", "", "every day it visits is a Thursday"},
		{"never: every 12th month in March from January", "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3", "2026-01-01T09:00", "", "visits none of its BYMONTH months"},
		{"never: weekly in February on the 30th", "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=5", "", "", "past the 1 start(s)"},
		{"DTSTART with seconds", "DTSTART:20260101T090030\nRRULE:FREQ=DAILY", "", "DTSTART:20260101T090030", "seconds must be 00"},
		{"DTSTART as a date", "DTSTART;VALUE=DATE:20260101\nRRULE:FREQ=DAILY", "", "DTSTART;VALUE=DATE:20260101", "must be a date-time"},
		{"DTSTART with TZID and Z", "DTSTART;TZID=Europe/Berlin:20260101T090000Z", "", "DTSTART;TZID=Europe/Berlin:20260101T090000Z", "cannot end in Z"},
		{"DTSTART with an unknown zone", "DTSTART;TZID=Mars/Olympus:20260101T090000", "", "DTSTART;TZID=Mars/Olympus:20260101T090000", "unknown time zone"},
		{"DTSTART in Local", "DTSTART;TZID=Local:20260101T090000", "", "DTSTART;TZID=Local:20260101T090000", "\"Local\": it means the zone of the machine"},
		{"DTSTART with an unknown parameter", "DTSTART;X-FOO=1:20260101T090000", "", "DTSTART;X-FOO=1:20260101T090000", "unknown DTSTART parameter"},
		{"DTSTART on February 30", "DTSTART:20260230T090000", "", "DTSTART:20260230T090000", "not a date-time"},
		{"DTSTART at 0001-01-01T00:00", "DTSTART:00010101T000000\nRRULE:FREQ=DAILY", "", "", "out of range"},
		{"EXDATE not iCalendar", ds + "EXDATE:2026-01-12", "", "EXDATE:2026-01-12", "not a date-time"},
		{"EXDATE date without VALUE=DATE", ds + "EXDATE:20260112", "", "EXDATE:20260112", "not a date-time"},
		{"EXDATE VALUE=DATE with a time", ds + "EXDATE;VALUE=DATE:20260112T090000", "", "EXDATE;VALUE=DATE:20260112T090000", "not a date"},
		{"EXDATE TZID and Z", ds + "EXDATE;TZID=Europe/Berlin:20260112T090000Z", "", "EXDATE;TZID=Europe/Berlin:20260112T090000Z", "cannot end in Z"},
		{"RDATE PERIOD", ds + "RDATE;VALUE=PERIOD:20260112T090000/PT1H", "", "RDATE;VALUE=PERIOD:20260112T090000/PT1H", "not supported"},
		{"RDATE with seconds", ds + "RDATE:20260112T090001", "", "RDATE:20260112T090001", "seconds must be 00"},
		{"unclosed quote", `DTSTART;TZID="Europe/Berlin:20260101T090000`, "", `DTSTART;TZID="Europe/Berlin:20260101T090000`, "want a line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var start DateTime
			switch tc.start {
			case "":
				start = MustParseDateTime("2026-01-01T09:00")
			case "none":
			default:
				start = MustParseDateTime(tc.start)
			}
			r, err := ParseRecurrence(tc.text, start)
			if err == nil {
				t.Fatalf("ParseRecurrence(%q) = %s, want an error", tc.text, r)
			}
			pe := recCheckParseError(t, tc.text, err)
			if tc.part != "" && pe.Part != tc.part {
				t.Errorf("Part = %q, want %q (error: %v)", pe.Part, tc.part, err)
			}
			if !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("Msg = %q, want it to contain %q", pe.Msg, tc.msg)
			}
		})
	}
	t.Run("invalid start", func(t *testing.T) {
		_, err := ParseRecurrence("FREQ=DAILY", DateTime{Date{2026, 2, 30}, 9 * 60})
		if pe := recCheckParseError(t, "FREQ=DAILY", err); !strings.Contains(pe.Msg, "not a valid date") {
			t.Errorf("error %v", err)
		}
	})
}

// recRange returns "lo,lo+1,...,hi".
func recRange(lo, hi int) string {
	var s []string
	for i := lo; i <= hi; i++ {
		s = append(s, strconv.Itoa(i))
	}
	return strings.Join(s, ",")
}

func TestParseRecurrenceForms(t *testing.T) {
	tests := []struct {
		name, text, start string
		want              string // String()
		zone              string // Zone().String(), "" for nil
	}{
		{"bare value", "FREQ=WEEKLY;BYDAY=TU,TH", "2026-01-05T09:00",
			"DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH", ""},
		{"RRULE line, lower case, defaults and duplicates", "rrule:freq=weekly;byday=th,tu,TU;interval=1;wkst=mo;bysecond=0", "2026-01-05T09:00",
			"DTSTART:20260105T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH", ""},
		{"TZID, CRLF and blank lines", "DTSTART;TZID=America/Santiago:20260105T090000\r\n\r\nRRULE:FREQ=DAILY;COUNT=10\r\n", "",
			"DTSTART;TZID=America/Santiago:20260105T090000\nRRULE:FREQ=DAILY;COUNT=10", "America/Santiago"},
		{"quoted TZID, VALUE=DATE-TIME", `DTSTART;VALUE=DATE-TIME;TZID="Europe/Berlin":20260105T090000`, "",
			"DTSTART;TZID=Europe/Berlin:20260105T090000", "Europe/Berlin"},
		{"UTC", "  DTSTART:20260105T120000Z  \n  RRULE:FREQ=MONTHLY;BYDAY=-1FR,+2MO;UNTIL=20261231T235959Z  ", "",
			"DTSTART:20260105T120000Z\nRRULE:FREQ=MONTHLY;UNTIL=20261231T235959Z;BYDAY=2MO,-1FR", "UTC"},
		{"every part", "FREQ=YEARLY;INTERVAL=2;WKST=SU;BYMONTH=3,1;BYWEEKNO=-1,1;BYMONTHDAY=2,1;BYDAY=SU,MO;BYHOUR=9;BYMINUTE=30,0;BYSETPOS=-1,1;UNTIL=20300101",
			"2026-01-05T09:00",
			"DTSTART:20260105T090000\nRRULE:FREQ=YEARLY;INTERVAL=2;UNTIL=20300101;WKST=SU;BYMONTH=1,3;BYWEEKNO=-1,1;BYMONTHDAY=1,2;BYDAY=MO,SU;BYHOUR=9;BYMINUTE=0,30;BYSETPOS=-1,1", ""},
		{"BYYEARDAY", "FREQ=YEARLY;BYYEARDAY=10,-10,+1", "2026-01-05T09:00",
			"DTSTART:20260105T090000\nRRULE:FREQ=YEARLY;BYYEARDAY=-10,1,10", ""},
		{"EXDATE and RDATE lines", "DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=DAILY\n" +
			"EXDATE;TZID=Europe/Berlin:20260112T090000,20260119T090000\nEXDATE:20260113T080000Z,20260114T090000\n" +
			"exdate;value=date:20260115\nRDATE:20260110T100000\nRDATE;TZID=America/New_York:20260111T030000", "",
			"DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=DAILY\n" +
				"EXDATE;TZID=Europe/Berlin:20260112T090000,20260119T090000\nEXDATE:20260113T080000Z,20260114T090000\n" +
				"EXDATE;VALUE=DATE:20260115\nRDATE:20260110T100000\nRDATE;TZID=America/New_York:20260111T030000", "Europe/Berlin"},
		{"no RRULE", "DTSTART:20260105T090000\nRDATE:20260107T090000", "",
			"DTSTART:20260105T090000\nRDATE:20260107T090000", ""},
		{"BYEASTER bounds", "FREQ=YEARLY;BYEASTER=250,-80", "2026-01-05T09:00",
			"DTSTART:20260105T090000\nRRULE:FREQ=YEARLY;BYEASTER=-80,250", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.text, tc.start)
			if got := r.String(); got != tc.want {
				t.Errorf("String() =\n%s\nwant\n%s", got, tc.want)
			}
			zone := ""
			if r.Zone() != nil {
				zone = r.Zone().String()
			}
			if zone != tc.zone {
				t.Errorf("Zone() = %q, want %q", zone, tc.zone)
			}
			recCheckRoundTrip(t, r)
		})
	}
}

// recCmpOpts compares Recurrences, with zones compared by name.
var recCmpOpts = cmp.Options{
	cmp.AllowUnexported(Recurrence{}, recRule{}, recTime{}, recWeekday{}),
	cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() && (a == nil) == (b == nil) }),
	// What a COUNT rule has counted so far is a cache, not its value.
	cmp.Comparer(func(a, b *recCount) bool { return (a == nil) == (b == nil) }),
	cmp.Comparer(func(a, b *CountBudget) bool { return a == b }),
}

// recCheckRoundTrip checks that r.String() parses back to r.
func recCheckRoundTrip(tb rapid.TB, r Recurrence) {
	tb.Helper()
	back, err := ParseRecurrence(r.String(), DateTime{})
	if err != nil {
		tb.Fatalf("ParseRecurrence(%q) (String's output): %v", r.String(), err)
	}
	if diff := cmp.Diff(r, back, recCmpOpts); diff != "" {
		tb.Fatalf("ParseRecurrence(String()) differs for %q (-want +got):\n%s", r.String(), diff)
	}
}

// recZones are zones with gaps and folds at awkward times.
var recZones = []string{"UTC", "America/Santiago", "America/Havana", "Atlantic/Azores", "America/New_York",
	"Europe/Berlin", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns"}

// recDrawRule draws an RRULE value that follows RFC 5545, from any of the
// four frequencies with random BYxxx parts; with bounds, it may have a
// COUNT or a floating UNTIL.
func recDrawRule(t *rapid.T, bounds bool) string {
	freq := rapid.SampledFrom([]string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}).Draw(t, "freq")
	parts := []string{"FREQ=" + freq}
	chance := func(label string, n int) bool { return rapid.IntRange(0, n-1).Draw(t, label) == 0 }
	ints := func(label string, lo, hi int, signed bool, most int) string {
		vs := rapid.SliceOfNDistinct(rapid.IntRange(lo, hi), 1, most, rapid.ID[int]).Draw(t, label)
		s := make([]string, len(vs))
		for i, v := range vs {
			if signed && rapid.Bool().Draw(t, label+"Neg") {
				v = -v
			}
			s[i] = strconv.Itoa(v)
		}
		return strings.Join(s, ",")
	}
	if chance("hasInterval", 2) {
		parts = append(parts, "INTERVAL="+strconv.Itoa(rapid.SampledFrom([]int{1, 2, 3, 4, 5, 7, 12, 14, 53}).Draw(t, "interval")))
	}
	if chance("hasWkst", 3) {
		parts = append(parts, "WKST="+recDayName(rapid.IntRange(0, 6).Draw(t, "wkst")))
	}
	hasBy, bymonth, weekno := false, false, false
	if chance("hasBymonth", 4) {
		parts = append(parts, "BYMONTH="+ints("bymonth", 1, 12, false, 3))
		hasBy, bymonth = true, true
	}
	if freq != "WEEKLY" && chance("hasBymonthday", 4) {
		parts = append(parts, "BYMONTHDAY="+ints("bymonthday", 1, 31, true, 3))
		hasBy = true
	}
	if freq == "YEARLY" && chance("hasByyearday", 6) {
		parts = append(parts, "BYYEARDAY="+ints("byyearday", 1, 366, true, 3))
		hasBy = true
	}
	if freq == "YEARLY" && chance("hasByweekno", 6) {
		parts = append(parts, "BYWEEKNO="+ints("byweekno", 1, 53, true, 3))
		hasBy, weekno = true, true
	}
	if chance("hasByday", 2) {
		days := rapid.SliceOfNDistinct(rapid.IntRange(0, 6), 1, 3, rapid.ID[int]).Draw(t, "byday")
		s := make([]string, len(days))
		// Numbered and plain weekdays are not mixed: rrule-go, the
		// reference, reads a mix differently (see options).
		numbered := (freq == "MONTHLY" || freq == "YEARLY") && !weekno && chance("numbered", 2)
		for i, d := range days {
			s[i] = recDayName(d)
			if numbered {
				most := 53
				if freq == "MONTHLY" || bymonth {
					most = 5
				}
				n := rapid.IntRange(1, most).Draw(t, "n")
				if rapid.Bool().Draw(t, "nNeg") {
					n = -n
				}
				s[i] = strconv.Itoa(n) + s[i]
			}
		}
		parts = append(parts, "BYDAY="+strings.Join(s, ","))
		hasBy = true
	}
	if chance("hasByhour", 3) {
		parts = append(parts, "BYHOUR="+ints("byhour", 0, 23, false, 3))
		hasBy = true
	}
	if chance("hasByminute", 4) {
		parts = append(parts, "BYMINUTE="+ints("byminute", 0, 59, false, 2))
		hasBy = true
	}
	if hasBy && chance("hasBysetpos", 4) {
		parts = append(parts, "BYSETPOS="+ints("bysetpos", 1, 10, true, 2))
	}
	if bounds {
		switch rapid.IntRange(0, 3).Draw(t, "bound") {
		case 0:
			count := rapid.SampledFrom([]int{5, 500, 20000}).Draw(t, "countScale")
			parts = append(parts, "COUNT="+strconv.Itoa(count-rapid.IntRange(0, count-1).Draw(t, "countLess")))
		case 1:
			until := recDrawDate(t, "until", 2020, 2035)
			parts = append(parts, "UNTIL="+recFormat(DateTime{until, Clock(rapid.IntRange(0, 1439).Draw(t, "untilClock"))}, 0))
		}
	}
	// Shuffle the parts: order does not matter.
	perm := rapid.Permutation(parts[1:]).Draw(t, "order")
	return strings.Join(append(parts[:1], perm...), ";")
}

// recDrawDate draws a date in the years lo..hi.
func recDrawDate(t *rapid.T, label string, lo, hi int) Date {
	first, last := Date{lo, time.January, 1}, Date{hi, time.December, 31}
	return first.AddDays(rapid.IntRange(0, last.DaysSince(first)).Draw(t, label))
}

// recDrawRecurrence draws a parsed random rule with a DTSTART in 2020 to
// 2026 (floating or with a TZID) and the zone to expand it in. It skips
// rules that never match.
func recDrawRecurrence(t *rapid.T) (text string, r Recurrence, loc *time.Location) {
	rule := recDrawRule(t, true)
	start := DateTime{recDrawDate(t, "start", 2020, 2026), Clock(15 * rapid.IntRange(0, 95).Draw(t, "startClock"))}
	loc = recLoad(t, rapid.SampledFrom(recZones).Draw(t, "zone"))
	text = "DTSTART:" + recFormat(start, 0)
	if rapid.Bool().Draw(t, "zoned") {
		text = "DTSTART;TZID=" + loc.String() + ":" + recFormat(start, 0)
	}
	text += "\nRRULE:" + rule
	r, err := ParseRecurrence(text, DateTime{})
	if err != nil {
		recCheckParseError(t, text, err)
		t.Skip("rule rejected:", err)
	}
	return text, r, loc
}

// recReference expands the RRULE value rule from dtstart with rrule-go
// alone, in floating time, without rebasing: every occurrence from the
// DTSTART on, filtered to the dates lo..hi.
func recReference(t rapid.TB, rule string, dtstart DateTime, lo, hi Date) []DateTime {
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		t.Fatalf("rrule.StrToROption(%q): %v", rule, err)
	}
	opt.Dtstart = recToRRule(dtstart, 0)
	if opt.Until.IsZero() {
		opt.Until = recFarFuture()
	}
	rr, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatalf("rrule.NewRRule(%q): %v", rule, err)
	}
	var out []DateTime
	next := rr.Iterator()
	for {
		v, ok := next()
		if !ok {
			return out
		}
		dt := recFromRRule(v, 0)
		if dt.Date.After(hi) {
			return out
		}
		if !dt.Date.Before(lo) {
			out = append(out, dt)
		}
	}
}

func TestRecurrenceRebasingIsInvisible(t *testing.T) {
	// The starts of a window years after an old DTSTART are the same as
	// those of a full expansion from the DTSTART by rrule-go alone.
	rapid.Check(t, func(t *rapid.T) {
		rule := recDrawRule(t, true)
		start := DateTime{recDrawDate(t, "start", 1990, 2025), Clock(rapid.IntRange(0, 1439).Draw(t, "startClock"))}
		lo := recDrawDate(t, "from", 2026, 2029)
		hi := lo.AddDays(rapid.SampledFrom([]int{6, 30, 90, 365}).Draw(t, "span") + rapid.IntRange(0, 30).Draw(t, "days"))
		r, err := ParseRecurrence(rule, start)
		if err != nil {
			recCheckParseError(t, rule, err)
			t.Skip("rule rejected:", err)
		}
		got, err := r.Starts(context.Background(), lo, hi, nil)
		if err != nil {
			t.Fatalf("Starts(%s, %s): %v", lo, hi, err)
		}
		want := recReference(t, rule, start, lo, hi)
		if diff := cmp.Diff(recStrings(want), recStrings(got)); diff != "" {
			t.Fatalf("rule %q from %s, dates %s..%s (-rrule-go alone +Starts):\n%s", rule, start, lo, hi, diff)
		}
	})
}

func TestRecurrenceStartsSplitAtAnyDate(t *testing.T) {
	// Starts over a..c is Starts over a..b followed by Starts over b+1..c.
	rapid.Check(t, func(t *rapid.T) {
		text, r, loc := recDrawRecurrence(t)
		a := recDrawDate(t, "a", 2019, 2027)
		b := a.AddDays(rapid.IntRange(0, 60).Draw(t, "ab"))
		c := b.AddDays(rapid.IntRange(1, 60).Draw(t, "bc"))
		whole, err1 := r.Starts(context.Background(), a, c, loc)
		left, err2 := r.Starts(context.Background(), a, b, loc)
		right, err3 := r.Starts(context.Background(), b.AddDays(1), c, loc)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(recStrings(whole), recStrings(append(left, right...))); diff != "" {
			t.Fatalf("%q in %s, %s..%s..%s (-whole +halves):\n%s", text, loc, a, b, c, diff)
		}
		for i := range whole {
			if i > 0 && whole[i-1].Compare(whole[i]) >= 0 {
				t.Fatalf("Starts not strictly increasing at %d: %v", i, whole)
			}
			if whole[i].Date.Before(a) || whole[i].Date.After(c) {
				t.Fatalf("start %s outside %s..%s", whole[i], a, c)
			}
		}
	})
}

func TestRecurrenceExdateNeverAddsOccurrences(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text, r, loc := recDrawRecurrence(t)
		from := recDrawDate(t, "from", 2020, 2027)
		to := from.AddDays(rapid.IntRange(0, 90).Draw(t, "days"))
		base, err := r.Starts(context.Background(), from, to, loc)
		if err != nil {
			t.Fatal(err)
		}
		// The EXDATE: one of the starts, or any wall time, in some form.
		x := DateTime{recDrawDate(t, "exDate", from.Year, to.Year), Clock(15 * rapid.IntRange(0, 95).Draw(t, "exClock"))}
		if len(base) > 0 && rapid.Bool().Draw(t, "exStart") {
			x = base[rapid.IntRange(0, len(base)-1).Draw(t, "exIndex")]
		}
		zone := r.zoneFor(loc)
		other := recLoad(t, rapid.SampledFrom(recZones).Draw(t, "exZone"))
		var line string
		var removed func(DateTime) bool
		switch form := rapid.IntRange(0, 3).Draw(t, "exForm"); form {
		case 0:
			line = "EXDATE:" + recFormat(x, 0)
			removed = func(dt DateTime) bool { return dt == x }
		case 1:
			line = "EXDATE;VALUE=DATE:" + recTime{kind: recDate, at: x}.format()
			removed = func(dt DateTime) bool { return dt.Date == x.Date }
		case 2:
			at := Wall(x.Date, x.Clock, zone)
			line = "EXDATE:" + recFormat(DateTimeOf(at.UTC()), 0) + "Z"
			removed = func(dt DateTime) bool { return Wall(dt.Date, dt.Clock, zone).Equal(at) }
		default:
			at := Wall(x.Date, x.Clock, zone)
			line = "EXDATE;TZID=" + other.String() + ":" + recFormat(DateTimeOf(at.In(other)), 0)
			// at shown in other may be a wall time that other shows twice,
			// or at may not be a whole minute there: read it back.
			back := Wall(DateTimeOf(at.In(other)).Date, DateTimeOf(at.In(other)).Clock, other)
			removed = func(dt DateTime) bool { return Wall(dt.Date, dt.Clock, zone).Equal(back) }
		}
		r2, err := ParseRecurrence(text+"\n"+line, DateTime{})
		if err != nil {
			t.Fatalf("ParseRecurrence with %q: %v", line, err)
		}
		got, err := r2.Starts(context.Background(), from, to, loc)
		if err != nil {
			t.Fatal(err)
		}
		want := slices.DeleteFunc(slices.Clone(base), removed)
		if diff := cmp.Diff(recStrings(want), recStrings(got)); diff != "" {
			t.Fatalf("%q + %q in %s (-want +got):\n%s", text, line, loc, diff)
		}
	})
}

func TestRecurrenceOccurrencesAreSortedDistinctAndOverlapTheWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text, r, loc := recDrawRecurrence(t)
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		start := base.Add(time.Duration(rapid.IntRange(-400*24*60, 400*24*60).Draw(t, "windowStart")) * time.Minute)
		window := Interval{start, start.Add(time.Duration(rapid.IntRange(1, 60*24*60).Draw(t, "windowMinutes")) * time.Minute)}
		d := time.Duration(rapid.IntRange(1, 36*60).Draw(t, "minutes")) * time.Minute
		occ, err := r.Occurrences(context.Background(), window, d, loc)
		if err != nil {
			t.Fatal(err)
		}
		for i, iv := range occ {
			if !iv.Overlaps(window) {
				t.Fatalf("%q: occurrence %v does not overlap %v", text, iv, window)
			}
			if iv.Duration() != d {
				t.Fatalf("%q: occurrence %v lasts %v, want %v", text, iv, iv.Duration(), d)
			}
			if i > 0 && !occ[i-1].Start.Before(iv.Start) {
				t.Fatalf("%q: occurrences not strictly in time order: %v then %v", text, occ[i-1], iv)
			}
		}
		// Every start whose occurrence overlaps the window is there.
		zone := r.zoneFor(loc)
		starts, err := r.Starts(context.Background(), DateOf(window.Start.Add(-d).In(zone)).AddDays(-2), DateOf(window.End.In(zone)).AddDays(2), loc)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range starts {
			at := Wall(s.Date, s.Clock, zone)
			iv := Interval{at, at.Add(d)}
			if iv.Overlaps(window) && !slices.ContainsFunc(occ, func(o Interval) bool { return o.Start.Equal(at) }) {
				t.Fatalf("%q in %s: start %s (%v) overlaps %v but is missing", text, loc, s, iv, window)
			}
		}
	})
}

func TestRecurrenceStringRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text, r, _ := recDrawRecurrence(t)
		if rapid.Bool().Draw(t, "withDates") {
			text += "\nEXDATE;VALUE=DATE:20260112,20260113\nEXDATE:20260101T090000Z\nRDATE;TZID=Asia/Tokyo:20260103T100000"
			var err error
			if r, err = ParseRecurrence(text, DateTime{}); err != nil {
				t.Fatal(err)
			}
		}
		recCheckRoundTrip(t, r)
	})
}

func TestRecurrenceWorstCaseRule(t *testing.T) {
	// Rules that the probes in ParseRecurrence cannot catch: they match
	// some days, but never or hardly ever the days their INTERVAL visits.
	// Every query of them makes rrule-go search, before it yields
	// anything, for the first start after the range; the 400-year shift in
	// ruleStarts ends that search within 400 years, instead of at year
	// 9999. The timings are in the package's benchmarks, not asserted.
	tests := []struct {
		name, rule, start string
		from, to          string
		want              []string
	}{
		{"every 27th day, a Sunday 29 February: never", "FREQ=DAILY;INTERVAL=27;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU", "2026-01-26T09:00",
			"2026-01-01", "9999-12-31", nil},
		{"the same, one week", "FREQ=DAILY;INTERVAL=27;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU", "2026-01-26T09:00",
			"2026-03-02", "2026-03-08", nil},
		{"every 3rd day, a Monday 29 February", "FREQ=DAILY;INTERVAL=3;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "2026-01-01T09:00",
			"2026-01-01", "2099-12-31", []string{"2044-02-29T09:00", "2072-02-29T09:00"}},
		{"every 4th year from an odd year, 29 February: never", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", "2025-01-01T09:00",
			"2025-01-01", "9999-12-31", nil},
		{"every 2nd year, Easter on 25 April", "FREQ=YEARLY;INTERVAL=2;BYEASTER=0;BYMONTH=4;BYMONTHDAY=25", "2026-01-01T09:00",
			"2026-01-01", "2999-12-31", []string{"2038-04-25T09:00", "2190-04-25T09:00", "2258-04-25T09:00", "2326-04-25T09:00", "2410-04-25T09:00", "2630-04-25T09:00", "2782-04-25T09:00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := recParse(t, tc.rule, tc.start)
			got := recStarts(t, r, tc.from, tc.to, nil)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			ref := recStrings(recReference(t, tc.rule, MustParseDateTime(tc.start), MustParseDate(tc.from), MustParseDate(tc.to)))
			if diff := cmp.Diff(ref, got); diff != "" {
				t.Errorf("(-rrule-go alone +got):\n%s", diff)
			}
		})
	}
}

func TestRecurrenceIsSafeForConcurrentUse(t *testing.T) {
	loc := recLoad(t, "America/Santiago")
	r := recParse(t, "DTSTART:19900101T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE;VALUE=DATE:20260310", "")
	want := recStarts(t, r, "2026-03-01", "2026-03-31", loc)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := r.Starts(context.Background(), MustParseDate("2026-03-01"), MustParseDate("2026-03-31"), loc)
			if err == nil && !slices.Equal(recStrings(got), want) {
				err = fmt.Errorf("got %v, want %v", got, want)
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// recBenchWeek expands a weekly rule with the given DTSTART over one
// week of March 2026.
func recBenchWeek(b *testing.B, dtstart string) {
	loc := recLoad(b, "Europe/Berlin")
	r := recParse(b, "DTSTART:"+dtstart+"\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH", "")
	window := recWindow("2026-03-09", "2026-03-16", loc)
	b.ReportAllocs()
	for b.Loop() {
		occ, err := r.Occurrences(context.Background(), window, time.Hour, loc)
		if err != nil || len(occ) != 2 {
			b.Fatalf("Occurrences = %v, %v", occ, err)
		}
	}
}

func BenchmarkRecurrenceWeek1990(b *testing.B) { recBenchWeek(b, "19900101T090000") }

func BenchmarkRecurrenceWeek2026(b *testing.B) { recBenchWeek(b, "20260105T090000") }

func BenchmarkRecurrenceYear(b *testing.B) {
	loc := recLoad(b, "America/Santiago")
	rules := []Recurrence{
		recParse(b, "DTSTART:20200106T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", ""),
		recParse(b, "DTSTART;TZID=Europe/Berlin:19900102T140000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH\nEXDATE;VALUE=DATE:20260512", ""),
	}
	window := recWindow("2026-01-01", "2027-01-01", loc)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rules {
			if _, err := r.Occurrences(context.Background(), window, 2*time.Hour, loc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkParseRecurrenceDeadRule(b *testing.B) {
	// The probe that rejects a rule that never matches.
	for b.Loop() {
		if _, err := ParseRecurrence("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", MustParseDateTime("2026-01-01T09:00")); err == nil {
			b.Fatal("no error")
		}
	}
}
