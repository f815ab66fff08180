package ics

import (
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the IANA zones below load even where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

const vtzHour = 3600

// vtzWall reads a hard-coded wall time "19701101T020000" (seconds 00).
func vtzWall(s string) calendar.DateTime {
	tm, err := time.Parse("20060102T150405", s)
	if err != nil || tm.Second() != 0 {
		panic(fmt.Sprintf("bad test wall time %q", s))
	}
	return calendar.DateTime{
		Date:  calendar.Date{Year: tm.Year(), Month: tm.Month(), Day: tm.Day()},
		Clock: calendar.Clock(tm.Hour()*60 + tm.Minute()),
	}
}

// vtzUTC reads a hard-coded UTC instant "2026-03-08T07:00:00Z".
func vtzUTC(s string) time.Time {
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return tm
}

// vtzObs makes an observance from hard-coded text.
func vtzObs(daylight bool, line int, name, start string, from, to int, rrule string, rdates ...string) tzObservance {
	o := tzObservance{daylight: daylight, name: name, start: vtzWall(start), from: from, to: to, rrule: rrule, line: line}
	for _, r := range rdates {
		o.rdates = append(o.rdates, vtzWall(r))
	}
	return o
}

// vtzMust builds a zone that must build.
func vtzMust(t testing.TB, name string, obs []tzObservance) *time.Location {
	t.Helper()
	loc, err := buildZone(name, obs)
	if err != nil {
		t.Fatalf("buildZone(%q): %v", name, err)
	}
	if loc.String() != name {
		t.Errorf("the zone is called %q, want %q", loc.String(), name)
	}
	return loc
}

// vtzIANA loads a zone of Go's database.
func vtzIANA(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// A vtzAt is an instant and what a zone should say there.
type vtzAt struct {
	utc  string // RFC 3339
	off  int    // seconds east
	abbr string // "" for any
}

// vtzCheck checks zone at each of ats.
func vtzCheck(t *testing.T, zone *time.Location, ats []vtzAt) {
	t.Helper()
	for _, a := range ats {
		abbr, off := vtzUTC(a.utc).In(zone).Zone()
		if off != a.off || (a.abbr != "" && abbr != a.abbr) {
			t.Errorf("at %s: %s %+d, want %s %+d", a.utc, abbr, off, a.abbr, a.off)
		}
	}
}

// vtzSameHourly checks that got says what want says at every hour from
// from up to to, and at the second before each hour; abbreviations too
// when abbr.
func vtzSameHourly(t *testing.T, got, want *time.Location, from, to string, abbr bool) {
	t.Helper()
	bad := 0
	for at := vtzUTC(from); at.Before(vtzUTC(to)); at = at.Add(time.Hour) {
		for _, u := range []time.Time{at.Add(-time.Second), at} {
			ga, go_ := u.In(got).Zone()
			wa, wo := u.In(want).Zone()
			if go_ != wo || (abbr && ga != wa) {
				t.Errorf("at %s: %s %+d, %s says %s %+d", u.Format(time.RFC3339), ga, go_, want, wa, wo)
				if bad++; bad == 5 {
					t.Fatal("and more")
				}
			}
		}
	}
}

// vtzUSEastern is the VTIMEZONE most writers give America/New_York.
func vtzUSEastern() []tzObservance {
	return []tzObservance{
		vtzObs(false, 4, "EST", "19701101T020000", -4*vtzHour, -5*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
		vtzObs(true, 10, "EDT", "19700308T020000", -5*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
	}
}

// vtzWEurope is central European time, as a VTIMEZONE called "W. Europe"
// gives it.
func vtzWEurope() []tzObservance {
	return []tzObservance{
		vtzObs(true, 3, "CEST", "19810329T020000", 1*vtzHour, 2*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
		vtzObs(false, 9, "CET", "19961027T030000", 2*vtzHour, 1*vtzHour, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
	}
}

// TestVTimezoneUSEastern checks the classic US Eastern VTIMEZONE against
// America/New_York, and by hand at its 2026 and 2401 transitions.
func TestVTimezoneUSEastern(t *testing.T) {
	zone := vtzMust(t, "(UTC-05:00) Eastern Time (US and Canada)", vtzUSEastern())
	vtzCheck(t, zone, []vtzAt{
		{"2026-03-08T06:59:59Z", -5 * vtzHour, "EST"},
		{"2026-03-08T07:00:00Z", -4 * vtzHour, "EDT"},
		{"2026-11-01T05:59:59Z", -4 * vtzHour, "EDT"},
		{"2026-11-01T06:00:00Z", -5 * vtzHour, "EST"},
		// Past the explicit transitions, the TZ string: March 2401 has
		// its second Sunday on the 11th, November its first on the 4th.
		{"2401-03-11T06:59:59Z", -5 * vtzHour, "EST"},
		{"2401-03-11T07:00:00Z", -4 * vtzHour, "EDT"},
		{"2401-11-04T05:59:59Z", -4 * vtzHour, "EDT"},
		{"2401-11-04T06:00:00Z", -5 * vtzHour, "EST"},
		// Before the first onset (1970-03-08 02:00 EST), the DAYLIGHT's
		// TZOFFSETFROM.
		{"1960-07-01T00:00:00Z", -5 * vtzHour, "EST"},
	})
	ny := vtzIANA(t, "America/New_York")
	vtzSameHourly(t, zone, ny, "2020-01-01T00:00:00Z", "2031-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, ny, "2199-06-01T00:00:00Z", "2202-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, ny, "2543-01-01T00:00:00Z", "2544-01-01T00:00:00Z", true)
}

// TestVTimezoneWesternEurope checks central European rules by hand and
// against Europe/Berlin.
func TestVTimezoneWesternEurope(t *testing.T) {
	zone := vtzMust(t, "Western/Central Europe", vtzWEurope())
	vtzCheck(t, zone, []vtzAt{
		{"2026-03-29T00:59:59Z", 1 * vtzHour, "CET"},
		{"2026-03-29T01:00:00Z", 2 * vtzHour, "CEST"},
		{"2026-10-25T00:59:59Z", 2 * vtzHour, "CEST"},
		{"2026-10-25T01:00:00Z", 1 * vtzHour, "CET"},
		// The last Sundays of March and October 2300: the 25th and the
		// 28th.
		{"2300-03-25T00:59:59Z", 1 * vtzHour, "CET"},
		{"2300-03-25T01:00:00Z", 2 * vtzHour, "CEST"},
		{"2300-10-28T00:59:59Z", 2 * vtzHour, "CEST"},
		{"2300-10-28T01:00:00Z", 1 * vtzHour, "CET"},
	})
	berlin := vtzIANA(t, "Europe/Berlin")
	vtzSameHourly(t, zone, berlin, "2020-01-01T00:00:00Z", "2031-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, berlin, "2200-01-01T00:00:00Z", "2202-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, berlin, "3001-01-01T00:00:00Z", "3002-01-01T00:00:00Z", true)
}

// TestVTimezoneOutlookStartsIn1601 checks Outlook's rules from 1601,
// whose two DTSTARTs fall on one instant.
func TestVTimezoneOutlookStartsIn1601(t *testing.T) {
	// What Outlook writes for a zone it calls "Customized Time Zone":
	// both DTSTARTs on 1601-01-01 (one instant, 01:00 UTC), no TZNAME.
	obs := []tzObservance{
		vtzObs(false, 3, "", "16010101T030000", 2*vtzHour, 1*vtzHour, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
		vtzObs(true, 9, "", "16010101T020000", 1*vtzHour, 2*vtzHour, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"),
	}
	zone := vtzMust(t, "Customized Time Zone", obs)
	vtzCheck(t, zone, []vtzAt{
		// The STANDARD onset wins the instant they share; before it, its
		// TZOFFSETFROM.
		{"1600-06-01T00:00:00Z", 2 * vtzHour, ""},
		{"1601-02-01T00:00:00Z", 1 * vtzHour, "+0100"},
		// 1601's last Sundays of March and October: the 25th and 28th.
		{"1601-03-25T00:59:59Z", 1 * vtzHour, "+0100"},
		{"1601-03-25T01:00:00Z", 2 * vtzHour, "+0200"},
		{"1601-10-28T00:59:59Z", 2 * vtzHour, "+0200"},
		{"1601-10-28T01:00:00Z", 1 * vtzHour, "+0100"},
	})
	berlin := vtzIANA(t, "Europe/Berlin")
	vtzSameHourly(t, zone, berlin, "2020-01-01T00:00:00Z", "2031-01-01T00:00:00Z", false)
	vtzSameHourly(t, zone, berlin, "2700-01-01T00:00:00Z", "2701-01-01T00:00:00Z", false)
}

// TestVTimezoneSouthernHemisphere checks rules whose daylight time spans
// the new year, against Australia/Sydney.
func TestVTimezoneSouthernHemisphere(t *testing.T) {
	obs := []tzObservance{
		vtzObs(false, 3, "AEST", "20080406T030000", 11*vtzHour, 10*vtzHour, "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
		vtzObs(true, 9, "AEDT", "20081005T020000", 10*vtzHour, 11*vtzHour, "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
	}
	zone := vtzMust(t, "AUS Eastern", obs)
	vtzCheck(t, zone, []vtzAt{
		// 2026-04-05 03:00 AEDT and 2026-10-04 02:00 AEST.
		{"2026-04-04T15:59:59Z", 11 * vtzHour, "AEDT"},
		{"2026-04-04T16:00:00Z", 10 * vtzHour, "AEST"},
		{"2026-10-03T15:59:59Z", 10 * vtzHour, "AEST"},
		{"2026-10-03T16:00:00Z", 11 * vtzHour, "AEDT"},
		// Across the new year the offset is daylight time's.
		{"2301-01-01T00:00:00Z", 11 * vtzHour, "AEDT"},
	})
	sydney := vtzIANA(t, "Australia/Sydney")
	vtzSameHourly(t, zone, sydney, "2009-01-01T00:00:00Z", "2031-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, sydney, "2399-06-01T00:00:00Z", "2401-06-01T00:00:00Z", true)
}

// TestVTimezoneHalfHourOffset checks a +0530 zone with no daylight time.
func TestVTimezoneHalfHourOffset(t *testing.T) {
	obs := []tzObservance{vtzObs(false, 3, "IST", "19451015T000000", 6*vtzHour+30*60, 5*vtzHour+30*60, "")}
	zone := vtzMust(t, "India Standard", obs)
	vtzCheck(t, zone, []vtzAt{
		{"1945-10-14T17:29:59Z", 6*vtzHour + 30*60, ""},
		{"1945-10-14T17:30:00Z", 5*vtzHour + 30*60, "IST"},
		{"2026-06-01T00:00:00Z", 5*vtzHour + 30*60, "IST"},
		{"9999-12-31T00:00:00Z", 5*vtzHour + 30*60, "IST"},
	})
	vtzSameHourly(t, zone, vtzIANA(t, "Asia/Kolkata"), "2020-01-01T00:00:00Z", "2022-01-01T00:00:00Z", true)
}

// TestVTimezoneRDateOnlyObservance checks observances with RDATEs and no
// RRULE.
func TestVTimezoneRDateOnlyObservance(t *testing.T) {
	obs := []tzObservance{
		vtzObs(false, 3, "CET", "20000101T000000", 1*vtzHour, 1*vtzHour, ""),
		vtzObs(true, 8, "CEST", "20260329T020000", 1*vtzHour, 2*vtzHour, "", "20270328T020000", "20280326T020000"),
		vtzObs(false, 14, "CET", "20261025T030000", 2*vtzHour, 1*vtzHour, "", "20271031T030000", "20281029T030000"),
	}
	zone := vtzMust(t, "Custom Zone 1", obs)
	vtzCheck(t, zone, []vtzAt{
		{"1999-12-31T22:59:59Z", 1 * vtzHour, ""},
		{"2026-03-29T00:59:59Z", 1 * vtzHour, "CET"},
		{"2026-03-29T01:00:00Z", 2 * vtzHour, "CEST"},
		{"2026-10-25T00:59:59Z", 2 * vtzHour, "CEST"},
		{"2026-10-25T01:00:00Z", 1 * vtzHour, "CET"},
		{"2027-03-28T00:59:59Z", 1 * vtzHour, "CET"},
		{"2027-03-28T01:00:00Z", 2 * vtzHour, "CEST"},
		{"2027-10-31T00:59:59Z", 2 * vtzHour, "CEST"},
		{"2027-10-31T01:00:00Z", 1 * vtzHour, "CET"},
		{"2028-03-26T01:00:00Z", 2 * vtzHour, "CEST"},
		{"2028-10-29T01:00:00Z", 1 * vtzHour, "CET"},
		// No onsets after 2028: standard time for ever.
		{"2029-07-01T00:00:00Z", 1 * vtzHour, "CET"},
		{"2500-07-01T00:00:00Z", 1 * vtzHour, "CET"},
	})
}

// vtzUS1967 is America/New_York from 1967 as a VTIMEZONE with the 2007
// change: rules that end with a UTC UNTIL, then the rules of today.
func vtzUS1967(stdUntil string) []tzObservance {
	return []tzObservance{
		vtzObs(false, 3, "EST", "19671029T020000", -4*vtzHour, -5*vtzHour, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL="+stdUntil),
		vtzObs(true, 9, "EDT", "19870405T020000", -5*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z"),
		vtzObs(true, 15, "EDT", "20070311T020000", -5*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
		vtzObs(false, 21, "EST", "20071104T020000", -4*vtzHour, -5*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
	}
}

// TestVTimezoneUntilThenNewerRule checks the US change of 2007: rules
// that end with a UTC UNTIL, read as an instant, then newer ones.
func TestVTimezoneUntilThenNewerRule(t *testing.T) {
	zone := vtzMust(t, "Eastern Standard Time (custom)", vtzUS1967("20061029T060000Z"))
	vtzCheck(t, zone, []vtzAt{
		// The last onset of the 1967 rule is at its UNTIL exactly.
		{"2006-10-29T05:59:59Z", -4 * vtzHour, "EDT"},
		{"2006-10-29T06:00:00Z", -5 * vtzHour, "EST"},
		{"2007-03-11T07:00:00Z", -4 * vtzHour, "EDT"},
		{"2007-10-28T06:00:00Z", -4 * vtzHour, "EDT"},
		{"2007-11-04T06:00:00Z", -5 * vtzHour, "EST"},
	})
	ny := vtzIANA(t, "America/New_York")
	vtzSameHourly(t, zone, ny, "1987-01-01T00:00:00Z", "2031-01-01T00:00:00Z", true)
	vtzSameHourly(t, zone, ny, "2800-01-01T00:00:00Z", "2801-01-01T00:00:00Z", true)

	// An UNTIL a second earlier leaves October 2006 out: daylight time
	// until the STANDARD of 2007 starts.
	zone = vtzMust(t, "Eastern Standard Time (custom)", vtzUS1967("20061029T055959Z"))
	vtzCheck(t, zone, []vtzAt{
		{"2005-10-30T06:00:00Z", -5 * vtzHour, "EST"},
		{"2006-10-29T06:00:00Z", -4 * vtzHour, "EDT"},
		{"2006-12-01T00:00:00Z", -4 * vtzHour, "EDT"},
		{"2007-11-04T05:59:59Z", -4 * vtzHour, "EDT"},
		{"2007-11-04T06:00:00Z", -5 * vtzHour, "EST"},
	})
}

// TestVTimezoneRuleForms checks each RRULE form read, by the onsets it
// gives in 2021 to 2025.
func TestVTimezoneRuleForms(t *testing.T) {
	// Each rule starts +0100 "ONE" in a zone that a rule on every
	// December 31 sets back to +0000; want lists its onsets in 2021 to
	// 2025 as UTC wall times, and those years' other Decembers must be at
	// +0000.
	cases := []struct {
		rule, start string
		want        []string
	}{
		{"FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU", "20200405T020000",
			[]string{"2021-04-04T02:00:00Z", "2022-04-03T02:00:00Z", "2023-04-02T02:00:00Z", "2024-04-07T02:00:00Z", "2025-04-06T02:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=-7,-6,-5,-4,-3,-2,-1;BYDAY=SU", "20201025T030000",
			[]string{"2021-10-31T03:00:00Z", "2022-10-30T03:00:00Z", "2023-10-29T03:00:00Z", "2024-10-27T03:00:00Z", "2025-10-26T03:00:00Z"}},
		{"FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=3", "20200329T010000",
			[]string{"2021-03-28T02:00:00Z", "2022-03-27T02:00:00Z", "2023-03-26T02:00:00Z", "2024-03-31T02:00:00Z", "2025-03-30T02:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21", "20200321T000000",
			[]string{"2021-03-21T00:00:00Z", "2022-03-21T00:00:00Z", "2023-03-21T00:00:00Z", "2024-03-21T00:00:00Z", "2025-03-21T00:00:00Z"}},
		{"FREQ=YEARLY;INTERVAL=2;BYMONTH=6;BYDAY=1MO", "20200601T000000",
			[]string{"2022-06-06T00:00:00Z", "2024-06-03T00:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=5;BYDAY=2SU;COUNT=3", "20200510T000000",
			[]string{"2021-05-09T00:00:00Z", "2022-05-08T00:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=9;BYDAY=1SU;UNTIL=20220904", "20200906T030000",
			[]string{"2021-09-05T03:00:00Z", "2022-09-04T03:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=9;BYDAY=1SU;UNTIL=20220904T025959", "20200906T030000",
			[]string{"2021-09-05T03:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=3,10;BYDAY=SU;BYSETPOS=-1", "20201025T000000",
			[]string{"2021-10-31T00:00:00Z", "2022-10-30T00:00:00Z", "2023-10-29T00:00:00Z", "2024-10-27T00:00:00Z", "2025-10-26T00:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=3,10;BYDAY=SU;BYSETPOS=1", "20200301T000000",
			[]string{"2021-03-07T00:00:00Z", "2022-03-06T00:00:00Z", "2023-03-05T00:00:00Z", "2024-03-03T00:00:00Z", "2025-03-02T00:00:00Z"}},
		{"FREQ=YEARLY", "20200229T120000", []string{"2024-02-29T12:00:00Z"}},
		{"FREQ=YEARLY;BYMONTH=8;BYDAY=5SU", "20200830T000000", []string{"2021-08-29T00:00:00Z", "2025-08-31T00:00:00Z"}},
		{"freq=yearly;bymonth=11;byday=+1su;", "20201101T020000",
			[]string{"2021-11-07T02:00:00Z", "2022-11-06T02:00:00Z", "2023-11-05T02:00:00Z", "2024-11-03T02:00:00Z", "2025-11-02T02:00:00Z"}},
		{"FREQ=YEARLY;WKST=MO;BYMONTH=10;BYDAY=-2SA", "20201024T000000",
			[]string{"2021-10-23T00:00:00Z", "2022-10-22T00:00:00Z", "2023-10-21T00:00:00Z", "2024-10-19T00:00:00Z", "2025-10-18T00:00:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			obs := []tzObservance{
				vtzObs(false, 1, "ZERO", "20001231T000000", 1*vtzHour, 0, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"),
				vtzObs(true, 7, "ONE", c.start, 0, 1*vtzHour, c.rule),
			}
			zone := vtzMust(t, "Rules", obs)
			var ats []vtzAt
			onsetYears := map[int]bool{}
			for _, w := range c.want {
				at := vtzUTC(w)
				onsetYears[at.Year()] = true
				ats = append(ats,
					vtzAt{at.Add(-time.Second).Format(time.RFC3339), 0, "ZERO"},
					vtzAt{w, 1 * vtzHour, "ONE"})
			}
			for y := 2021; y <= 2025; y++ {
				off, abbr := 0, "ZERO"
				if onsetYears[y] {
					off, abbr = 1*vtzHour, "ONE"
				}
				ats = append(ats, vtzAt{fmt.Sprintf("%d-12-30T12:00:00Z", y), off, abbr})
			}
			vtzCheck(t, zone, ats)
		})
	}
}

// A vtzTZif is TZif data as a reader of RFC 8536 sees it.
type vtzTZif struct {
	version byte
	times   []int64
	idx     []byte
	types   []vtzType
	footer  string
}

// A vtzType is a TZif local time type.
type vtzType struct {
	off  int32
	dst  bool
	abbr string
}

// vtzTB is what vtzDecode needs of a *testing.T or a *rapid.T.
type vtzTB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// vtzDecode reads b as a version 2 or 3 TZif file with a minimal version 1
// data block, checking what RFC 8536 requires of it.
func vtzDecode(t vtzTB, b []byte) vtzTZif {
	t.Helper()
	var z vtzTZif
	header := func() [6]int {
		if len(b) < 44 || string(b[:4]) != "TZif" {
			t.Fatalf("no TZif header in %q", b)
		}
		if z.version == 0 {
			z.version = b[4]
		} else if b[4] != z.version {
			t.Fatalf("the two headers' versions differ: %q, %q", z.version, b[4])
		}
		if z.version != '2' && z.version != '3' {
			t.Fatalf("version %q, want '2' or '3'", z.version)
		}
		for _, c := range b[5:20] {
			if c != 0 {
				t.Fatalf("reserved header bytes %v, want zeros", b[5:20])
			}
		}
		var n [6]int
		for i := range n {
			n[i] = int(binary.BigEndian.Uint32(b[20+4*i:]))
		}
		b = b[44:]
		return n
	}
	if n := header(); n != [6]int{0, 0, 0, 0, 1, 1} {
		t.Fatalf("version 1 counts %v, want a minimal block", n)
	}
	if len(b) < 7 || string(b[:7]) != "\x00\x00\x00\x00\x00\x00\x00" {
		t.Fatalf("version 1 data %q, want one UTC type and an empty name", b)
	}
	b = b[7:]
	n := header()
	isut, isstd, leap, timecnt, typecnt, charcnt := n[0], n[1], n[2], n[3], n[4], n[5]
	if isut != 0 || isstd != 0 || leap != 0 || typecnt < 1 || typecnt > 256 || charcnt < 1 {
		t.Fatalf("version 2 counts %v", n)
	}
	size := 9*timecnt + 6*typecnt + charcnt
	if len(b) < size {
		t.Fatalf("%d bytes of data, want %d", len(b), size)
	}
	for i := range timecnt {
		z.times = append(z.times, int64(binary.BigEndian.Uint64(b[8*i:])))
		if i > 0 && z.times[i] <= z.times[i-1] {
			t.Fatalf("transition times not ascending: %d then %d", z.times[i-1], z.times[i])
		}
	}
	z.idx = b[8*timecnt : 9*timecnt]
	chars := b[9*timecnt+6*typecnt : size]
	if chars[len(chars)-1] != 0 {
		t.Fatalf("abbreviations %q do not end in NUL", chars)
	}
	for i := range typecnt {
		rec := b[9*timecnt+6*i:]
		ty := vtzType{off: int32(binary.BigEndian.Uint32(rec)), dst: rec[4] == 1, abbr: ""}
		if rec[4] > 1 || int(rec[5]) >= len(chars) || ty.off < -89999 || ty.off > 93599 {
			t.Fatalf("bad type %v", rec[:6])
		}
		ty.abbr, _, _ = strings.Cut(string(chars[rec[5]:]), "\x00")
		z.types = append(z.types, ty)
	}
	for _, k := range z.idx {
		if int(k) >= typecnt {
			t.Fatalf("transition to type %d of %d", k, typecnt)
		}
	}
	rest := string(b[size:])
	if len(rest) < 2 || rest[0] != '\n' || rest[len(rest)-1] != '\n' || strings.Count(rest, "\n") != 2 {
		t.Fatalf("footer %q, want a TZ string between newlines", rest)
	}
	z.footer = rest[1 : len(rest)-1]
	return z
}

// vtzFooter returns the TZ string of the TZif data buildZone makes of obs.
func vtzFooter(t *testing.T, obs []tzObservance) vtzTZif {
	t.Helper()
	data, _, err := zoneTZif("Footer", obs)
	if err != nil {
		t.Fatal(err)
	}
	return vtzDecode(t, data)
}

// TestZoneTZifFooter checks the TZ string written for rules POSIX can
// say, and that none is written for others.
func TestZoneTZifFooter(t *testing.T) {
	sydney := []tzObservance{
		vtzObs(false, 3, "AEST", "20080406T030000", 11*vtzHour, 10*vtzHour, "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
		vtzObs(true, 9, "AEDT", "20081005T020000", 10*vtzHour, 11*vtzHour, "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
	}
	outlook := []tzObservance{
		vtzObs(false, 3, "", "16010101T030000", 2*vtzHour, 1*vtzHour, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
		vtzObs(true, 9, "Mitteleuropäische Sommerzeit", "16010101T020000", 1*vtzHour, 2*vtzHour, "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"),
	}
	weeks := []tzObservance{
		vtzObs(false, 3, "PST", "20071104T020000", -7*vtzHour, -8*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=SU"),
		vtzObs(true, 9, "PDT", "20070311T020000", -8*vtzHour, -7*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU"),
	}
	fixedDates := []tzObservance{
		vtzObs(false, 3, "+0330", "20000921T000000", 4*vtzHour+30*60, 3*vtzHour+30*60, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21"),
		vtzObs(true, 9, "+0430", "20000321T000000", 3*vtzHour+30*60, 4*vtzHour+30*60, "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=21"),
	}
	// The DAYLIGHT starts at 02:00 on the clock of -0500, which is 01:00
	// on that of the STANDARD's -0600.
	mismatched := []tzObservance{
		vtzObs(false, 3, "CST", "20071104T020000", -4*vtzHour, -6*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
		vtzObs(true, 9, "EDT", "20070311T020000", -5*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
	}
	// And the STANDARD ends it at 02:00 on the clock of -0300, which is
	// 01:00 on that of the DAYLIGHT's -0400.
	mismatchedBoth := []tzObservance{
		vtzObs(false, 3, "EST", "20071104T020000", -3*vtzHour, -5*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
		vtzObs(true, 9, "EDT", "20070311T020000", -6*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
	}
	// 00:30 on the clock of +0100 is 23:30 the day before on that of the
	// STANDARD's +0000: a negative time, which needs version 3.
	early := []tzObservance{
		vtzObs(false, 3, "GMT", "20071028T020000", 1*vtzHour, 0, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
		vtzObs(true, 9, "BST", "20070325T003000", 1*vtzHour, 1*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
	}
	fifth := []tzObservance{
		vtzObs(false, 3, "EST", "20071104T020000", -4*vtzHour, -5*vtzHour, "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
		vtzObs(true, 9, "EDT", "20070329T020000", -5*vtzHour, -4*vtzHour, "FREQ=YEARLY;BYMONTH=3;BYDAY=5SU"),
	}
	three := append(vtzUSEastern(),
		vtzObs(true, 20, "EWT", "20000701T020000", -4*vtzHour, -3*vtzHour, "FREQ=YEARLY;BYMONTH=7;BYDAY=1SU"))
	cases := []struct {
		name    string
		obs     []tzObservance
		footer  string
		version byte
	}{
		{"US Eastern", vtzUSEastern(), "EST5EDT4,M3.2.0/2,M11.1.0/2", '2'},
		{"W. Europe", vtzWEurope(), "CET-1CEST-2,M3.5.0/2,M10.5.0/3", '2'},
		{"Sydney", sydney, "AEST-10AEDT-11,M10.1.0/2,M4.1.0/3", '2'},
		{"Outlook", outlook, "<+0100>-1<+0200>-2,M3.5.0/2,M10.5.0/3", '2'},
		{"US 1967 to today", vtzUS1967("20061029T060000Z"), "EST5EDT4,M3.2.0/2,M11.1.0/2", '2'},
		{"weeks of days", weeks, "PST8PDT7,M3.2.0/2,M11.1.0/2", '2'},
		{"fixed dates", fixedDates, "<+0330>-3:30<+0430>-4:30,J80/0,J264/0", '2'},
		{"mismatched offsets", mismatched, "CST6EDT4,M3.2.0/1,M11.1.0/2", '2'},
		{"mismatched offsets both ways", mismatchedBoth, "EST5EDT4,M3.2.0/3,M11.1.0/1", '2'},
		{"negative time", early, "GMT0BST-1,M3.5.0/-0:30,M10.5.0/2", '3'},
		{"India", []tzObservance{vtzObs(false, 3, "IST", "19451015T000000", 6*vtzHour+30*60, 5*vtzHour+30*60, "")}, "IST-5:30", '2'},
		{"one endless rule", []tzObservance{vtzObs(false, 3, "XST", "19700101T000000", 0, 3*vtzHour, "FREQ=YEARLY")}, "XST-3", '2'},
		{"ends in daylight time", []tzObservance{vtzObs(true, 3, "XDT", "19700101T000000", 0, 3*vtzHour, "")}, "", '2'},
		{"fifth Sunday", fifth, "", '2'},
		{"three endless rules", three, "", '2'},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z := vtzFooter(t, c.obs)
			if z.footer != c.footer || z.version != c.version {
				t.Errorf("footer %q version %c, want %q version %c", z.footer, z.version, c.footer, c.version)
			}
		})
	}
}

// TestZoneTZifLayout checks the TZif data against RFC 8536 and the span
// of its explicit transitions.
func TestZoneTZifLayout(t *testing.T) {
	for _, obs := range [][]tzObservance{vtzUSEastern(), vtzWEurope(), vtzUS1967("20061029T060000Z")} {
		z := vtzFooter(t, obs)
		// Type 0 is the offset before the first onset, which no
		// transition uses, so readers take it for earlier times.
		if slices.Contains(z.idx, 0) {
			t.Errorf("a transition uses type 0: %v", z.idx)
		}
		for i := 1; i < len(z.idx); i++ {
			if z.types[z.idx[i]] == z.types[z.idx[i-1]] {
				t.Errorf("transition %d changes nothing", i)
			}
		}
		last := time.Unix(z.times[len(z.times)-1], 0).UTC()
		if last.Year() != 2200 {
			t.Errorf("the last transition is at %v, want one in 2200", last)
		}
	}
	// The US rules give two transitions a year from 1970 through 2200.
	if z := vtzFooter(t, vtzUSEastern()); len(z.times) != 2*(2200-1970+1) {
		t.Errorf("%d transitions, want %d", len(z.times), 2*(2200-1970+1))
	}
	// An RDATE after 2200 moves the explicit transitions on to the year
	// after it.
	obs := vtzUSEastern()
	obs[0].rdates = []calendar.DateTime{vtzWall("23001225T000000")}
	z := vtzFooter(t, obs)
	if last := time.Unix(z.times[len(z.times)-1], 0).UTC(); last.Year() != 2301 || z.footer != "EST5EDT4,M3.2.0/2,M11.1.0/2" {
		t.Errorf("last transition %v and footer %q, want one in 2301 and the US rules", last, z.footer)
	}
	zone := vtzMust(t, "US with a Christmas", obs)
	vtzCheck(t, zone, []vtzAt{
		{"2300-12-25T03:59:59Z", -5 * vtzHour, "EST"},
		{"2300-12-25T04:00:00Z", -5 * vtzHour, "EST"},
		{"2302-07-01T00:00:00Z", -4 * vtzHour, "EDT"},
	})
}

// TestZoneAbbreviations checks which TZNAMEs are kept and what replaces
// the others.
func TestZoneAbbreviations(t *testing.T) {
	for _, c := range []struct {
		name string
		off  int
		want string
	}{
		{"EST", -5 * vtzHour, "EST"},
		{"AEDT", 11 * vtzHour, "AEDT"},
		{"ABCDEF", 0, "ABCDEF"},
		{"+0530", 5*vtzHour + 30*60, "+0530"},
		{"-03", -3 * vtzHour, "-03"},
		{"", 5*vtzHour + 30*60, "+0530"},
		{"", -3*vtzHour - 30*60, "-0330"},
		{"", 0, "+0000"},
		{"", -(1*60 + 15), "-000115"},
		{"GMT+2", 2 * vtzHour, "+0200"},
		{"Europe/London(DST)", 1 * vtzHour, "+0100"},
		{"Mitteleuropäische Zeit", 1 * vtzHour, "+0100"},
		{"ABCDEFG", 1 * vtzHour, "+0100"},
		{"AB", 1 * vtzHour, "+0100"},
		{"+1", 1 * vtzHour, "+0100"},
		{"E5T", 1 * vtzHour, "+0100"},
		{"+05a", 5 * vtzHour, "+0500"},
	} {
		obs := []tzObservance{vtzObs(false, 1, c.name, "20000101T000000", c.off, c.off, "")}
		zone := vtzMust(t, "Names", obs)
		if abbr, off := vtzUTC("2026-01-01T00:00:00Z").In(zone).Zone(); abbr != c.want || off != c.off {
			t.Errorf("TZNAME %q at %+d: %s %+d, want %s", c.name, c.off, abbr, off, c.want)
		}
	}
}

// TestZoneErrors checks that bad observances and rules are errors that
// name the observance and quote the input, briefly.
func TestZoneErrors(t *testing.T) {
	us := vtzUSEastern
	with := func(f func(obs []tzObservance)) []tzObservance {
		obs := us()
		f(obs)
		return obs
	}
	rule := func(r string) []tzObservance {
		return with(func(obs []tzObservance) { obs[1].rrule = r })
	}
	many := make([]tzObservance, maxZoneObservances+1)
	for i := range many {
		many[i] = vtzObs(i%2 == 1, i+1, "", "20000101T000000", 0, 0, "")
	}
	var rdates []calendar.DateTime
	for i := 0; i < 1001; i++ {
		rdates = append(rdates, vtzWall("20000101T000000"))
	}
	cases := []struct {
		name string
		obs  []tzObservance
		want []string
	}{
		{"none", nil, []string{"STANDARD or DAYLIGHT", "none"}},
		{"too many", many, []string{"257", "256"}},
		{"too many RDATEs", with(func(obs []tzObservance) { obs[0].rdates = rdates }), []string{"1001 RDATE", "1000"}},
		{"offset too east", with(func(obs []tzObservance) { obs[0].to = 93600 }), []string{"STANDARD (line 4): TZOFFSETTO +2600", "out of range"}},
		{"offset too west", with(func(obs []tzObservance) { obs[1].from = -90000 }), []string{"DAYLIGHT (line 10): TZOFFSETFROM -2500", "out of range"}},
		{"bad DTSTART", with(func(obs []tzObservance) { obs[0].start = calendar.DateTime{} }), []string{"STANDARD (line 4): DTSTART", "not a valid"}},
		{"bad RDATE", with(func(obs []tzObservance) {
			obs[1].rdates = []calendar.DateTime{{Date: calendar.Date{Year: 2026, Month: 2, Day: 30}}}
		}), []string{"DAYLIGHT (line 10): RDATE", "not a valid"}},
		{"monthly", rule("FREQ=MONTHLY;BYDAY=2SU"), []string{`DAYLIGHT (line 10): RRULE "FREQ=MONTHLY;BYDAY=2SU"`, `FREQ="MONTHLY" is not supported`}},
		{"no FREQ", rule("BYMONTH=3;BYDAY=2SU"), []string{"no FREQ"}},
		{"BYWEEKNO", rule("FREQ=YEARLY;BYWEEKNO=10;BYDAY=SU"), []string{`"BYWEEKNO" is not supported`}},
		{"BYYEARDAY", rule("FREQ=YEARLY;BYYEARDAY=60"), []string{`"BYYEARDAY" is not supported`}},
		{"BYDAY alone", rule("FREQ=YEARLY;BYDAY=2SU"), []string{"only with BYMONTH"}},
		{"sixth Sunday", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=6SU"), []string{`BYDAY value "6SU"`}},
		{"bad day", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2XX"), []string{`BYDAY value "2XX"`}},
		{"month 13", rule("FREQ=YEARLY;BYMONTH=13;BYDAY=2SU"), []string{`BYMONTH value "13"`}},
		{"COUNT and UNTIL", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=2;UNTIL=20300101T000000Z"), []string{"COUNT and UNTIL"}},
		{"two FREQs", rule("FREQ=YEARLY;FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"), []string{`"FREQ" is given twice`}},
		{"two hours", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;BYHOUR=1,2"), []string{`BYHOUR="1,2"`}},
		{"bad UNTIL", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;UNTIL=2030"), []string{"UNTIL", `"2030"`}},
		{"no value", rule("FREQ=YEARLY;BYMONTH"), []string{`part "BYMONTH" is not NAME=VALUE`}},
		{"X part", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;X-FOO=1"), []string{`"X-FOO" is not supported`}},
		{"zero interval", rule("FREQ=YEARLY;INTERVAL=0;BYMONTH=3;BYDAY=2SU"), []string{`INTERVAL="0"`}},
		{"too many onsets", rule("FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=SU"), []string{"DAYLIGHT (line 10)", "more than 10000 onsets"}},
		{"huge rule", rule("FREQ=YEARLY;BYMONTH=3;BYDAY=" + strings.Repeat("SU,", 100_000) + "SU"), []string{"BYDAY has 100001 values"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			loc, err := buildZone("Bad", c.obs)
			if err == nil {
				t.Fatalf("built %v, want an error", loc)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if len(err.Error()) > 400 {
				t.Errorf("error of %d bytes: %.100s...", len(err.Error()), err)
			}
		})
	}
}

// TestZoneNeverPanics builds random, often malformed, observances: each
// builds or is a short error, and a zone gives only their offsets.
func TestZoneNeverPanics(t *testing.T) {
	valid := map[string][]string{
		"BYMONTH":    {"1", "2", "3", "10", "12", "3,10", "1,2,3,4,5,6,7,8,9,10,11,12"},
		"BYDAY":      {"SU", "2SU", "-1SU", "5SA", "-5MO", "+1TU", "SU,MO", "1SU,-1SU"},
		"BYMONTHDAY": {"1", "8,9,10,11,12,13,14", "-7,-6,-5,-4,-3,-2,-1", "29", "30", "31", "-31"},
		"BYSETPOS":   {"1", "-1", "3", "366"},
		"COUNT":      {"1", "3", "100000"},
		"UNTIL":      {"20061029T060000Z", "20061029T060000", "20061029", "29991231T235959Z", "16010101T000000Z"},
		"INTERVAL":   {"1", "2", "7", "1000"},
		"BYHOUR":     {"0", "2", "23"},
		"BYMINUTE":   {"0", "30"},
		"BYSECOND":   {"0", "59"},
		"WKST":       {"MO", "SU"},
	}
	keys := slices.Sorted(maps.Keys(valid))
	garbage := []string{"0", "13", "-0", "6MO", "", "\xff", "YEARLY", "BYWEEKNO", "FREQ", "1,,2"}
	built := 0
	rapid.Check(t, func(t *rapid.T) {
		// Half the draws are hostile: values out of range, and garbage in
		// the rules.
		hostile := rapid.Bool().Draw(t, "hostile")
		bounded := func(label string, lo, hi, wideLo, wideHi int) int {
			if hostile {
				return rapid.IntRange(wideLo, wideHi).Draw(t, label)
			}
			return rapid.IntRange(lo, hi).Draw(t, label)
		}
		var obs []tzObservance
		for i := range bounded("observances", 1, 4, 0, 4) {
			parts := []string{"FREQ=YEARLY", "BYMONTH=" + rapid.SampledFrom(valid["BYMONTH"]).Draw(t, "month")}
			for range rapid.IntRange(0, 3).Draw(t, "parts") {
				key := rapid.SampledFrom(keys).Draw(t, "key")
				value := rapid.SampledFrom(valid[key]).Draw(t, "value")
				if hostile && rapid.Bool().Draw(t, "garbage") {
					key, value = rapid.SampledFrom(append(keys, garbage...)).Draw(t, "badKey"), rapid.SampledFrom(garbage).Draw(t, "badValue")
				}
				parts = append(parts, key+"="+value)
			}
			rapid.Permutation(parts).Draw(t, "order")
			rule := strings.Join(parts, ";")
			if rapid.Bool().Draw(t, "norule") {
				rule = ""
			}
			o := tzObservance{
				daylight: rapid.Bool().Draw(t, "daylight"),
				name:     rapid.SampledFrom([]string{"", "EST", "+0530", "x\x00y", "Zone(DST)"}).Draw(t, "name"),
				start: calendar.DateTime{
					Date: calendar.Date{
						Year:  bounded("year", 1, 9999, 0, 10000),
						Month: time.Month(bounded("month", 1, 12, 0, 13)),
						Day:   bounded("day", 1, 28, 0, 32),
					},
					Clock: calendar.Clock(bounded("clock", 0, 24*60-1, -1, 24*60)),
				},
				from:  bounded("from", -14*3600, 14*3600, -100000, 100000),
				to:    bounded("to", -14*3600, 14*3600, -100000, 100000),
				rrule: rule,
				line:  i + 1,
			}
			for range rapid.IntRange(0, 2).Draw(t, "rdates") {
				o.rdates = append(o.rdates, calendar.DateTime{
					Date:  calendar.Date{Year: bounded("rdateYear", 1, 9999, 0, 10000), Month: 3, Day: bounded("rdateDay", 1, 28, 0, 40)},
					Clock: 120,
				})
			}
			obs = append(obs, o)
		}
		zone, err := buildZone("Any", obs)
		if err != nil {
			if len(err.Error()) > 400 {
				t.Fatalf("error of %d bytes: %.100s", len(err.Error()), err)
			}
			return
		}
		built++
		// Every offset is one an observance gives.
		for _, y := range []int{1, 1600, 1970, 2026, 2200, 2201, 3000, 9999} {
			_, off := time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC).In(zone).Zone()
			if !slices.ContainsFunc(obs, func(o tzObservance) bool { return o.from == off || o.to == off }) {
				t.Fatalf("offset %+d in %d is no observance's", off, y)
			}
		}
	})
	t.Logf("%d zones built", built)
}

// TestZoneRulesThatNeverMatchEnd checks that a rule that matches no day
// is read quickly and adds no onset.
func TestZoneRulesThatNeverMatchEnd(t *testing.T) {
	// February 30 never comes: the rule stops after a Gregorian cycle of
	// years instead of walking to 9999, and adds no onset.
	obs := []tzObservance{
		vtzObs(false, 1, "AAA", "20000101T000000", 0, 0, ""),
		vtzObs(true, 5, "BBB", "16010101T000000", 0, 1*vtzHour, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=1000"),
	}
	zone := vtzMust(t, "Never", obs)
	vtzCheck(t, zone, []vtzAt{{"1700-01-01T00:00:00Z", 1 * vtzHour, "BBB"}, {"2026-01-01T00:00:00Z", 0, "AAA"}})
}

// TestZoneCostIsBounded builds VTIMEZONEs of rules that match rarely:
// each walks the years to 9999, looking at every month, so the months
// looked at in all are bounded.
func TestZoneCostIsBounded(t *testing.T) {
	// A year has three Sundays that are the 29th of a month 375 times
	// from 0001 to 9999; such a rule looks at 12 months of every year.
	rare := "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=29;BYDAY=SU;BYSETPOS=3;COUNT=100000"
	obs := make([]tzObservance, maxZoneObservances)
	for i := range obs {
		obs[i] = vtzObs(i%2 == 0, i+1, "", "00010101T000000", 0, (i%4)*vtzHour, rare)
	}
	start := time.Now()
	_, err := buildZone("Costly", obs)
	if err == nil || !strings.Contains(err.Error(), "more than 1000000 months") || !strings.Contains(err.Error(), `RRULE "FREQ=YEARLY;BYMONTH=1,2,3`) {
		t.Errorf("error %v, want one about the months", err)
	}
	t.Logf("%v in %v", err, time.Since(start))
	// Eight such rules are within the bounds. Their onsets share their
	// instants, where the last STANDARD listed, at +0300, wins.
	zone := vtzMust(t, "Costly", obs[:8])
	vtzCheck(t, zone, []vtzAt{{"9999-12-31T00:00:00Z", 3 * vtzHour, "+0300"}})
}

// TestParseUTCOffset checks the UTC-OFFSET values read and refused.
func TestParseUTCOffset(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"+0100", 3600},
		{"-0530", -(5*3600 + 30*60)},
		{"+013045", 3600 + 30*60 + 45},
		{"+0000", 0},
		{"+000000", 0},
		{"-0001", -60},
		{"-000001", -1},
		{"+2359", 23*3600 + 59*60},
		{"-235959", -(23*3600 + 59*60 + 59)},
		{"+1400", 14 * 3600},
	} {
		got, err := parseUTCOffset(c.in)
		if err != nil || got != c.want {
			t.Errorf("parseUTCOffset(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"-0000", "negative zero"},
		{"-000000", "negative zero"},
		{"+2400", "hours"},
		{"+2500", "hours"},
		{"+0160", "minutes"},
		{"+010060", "seconds"},
		{"0100", "want a UTC offset"},
		{"+100", "want a UTC offset"},
		{"+01000", "want a UTC offset"},
		{"+01:00", "want a UTC offset"},
		{"", "want a UTC offset"},
		{"++0100", "want a UTC offset"},
		{"+01a0", "want a UTC offset"},
		{"+0100 ", "want a UTC offset"},
		{" +0100", "want a UTC offset"},
		{"\u22120100", "want a UTC offset"},
		{"+0\u0661", "want a UTC offset"},
		{"+" + strings.Repeat("1", 200), "want a UTC offset"},
	} {
		_, err := parseUTCOffset(c.in)
		if err == nil {
			t.Errorf("parseUTCOffset(%q) succeeded, want an error", c.in)
			continue
		}
		quoted := fmt.Sprintf("%q", c.in)
		if len(c.in) > 60 {
			quoted = quoted[:30]
		}
		if !strings.HasPrefix(err.Error(), quoted) || !strings.Contains(err.Error(), c.want) || len(err.Error()) > 400 {
			t.Errorf("parseUTCOffset(%q): error %q, want %s... saying %q", c.in, err, quoted, c.want)
		}
	}
}

// FuzzParseUTCOffset: every input is read, or refused with a short error,
// without a panic; what is read lies within a day and is written back as
// it was read, and a negative zero is never read.
func FuzzParseUTCOffset(f *testing.F) {
	for _, s := range []string{"+0100", "-0530", "+013045", "-0000", "+0000", "-000000", "+2400", "+2359", "-235959", "+0160", "", "+", "+01", "0100", "+01:00", "\xff\xfe\xfd\xfc\xfb", strings.Repeat("\xff", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		off, err := parseUTCOffset(s)
		if err != nil {
			if len(err.Error()) > 400 {
				t.Errorf("error of %d bytes", len(err.Error()))
			}
			return
		}
		if off <= -24*3600 || off >= 24*3600 || (s[0] == '-' && off >= 0) || (s[0] == '+' && off < 0) {
			t.Errorf("parseUTCOffset(%q) = %d", s, off)
		}
		want := s
		if len(s) == 7 && s[5:] == "00" {
			want = s[:5]
		}
		if back := formatUTCOffset(off); back != want {
			t.Errorf("parseUTCOffset(%q) = %d, written back as %q", s, off, back)
		}
	})
}

// TestZoneCivilDays checks the day arithmetic against package time.
func TestZoneCivilDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := rapid.IntRange(1, 10400).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		d := rapid.IntRange(1, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()).Draw(t, "day")
		at := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if got, want := zoneCivilDays(y, m, d), at.Unix()/86400; got != want {
			t.Fatalf("zoneCivilDays(%d, %d, %d) = %d, want %d", y, m, d, got, want)
		}
		if got := zoneWeekdayOf(zoneCivilDays(y, m, d)); got != at.Weekday() {
			t.Fatalf("zoneWeekdayOf(%d-%d-%d) = %v, want %v", y, m, d, got, at.Weekday())
		}
	})
}

// A vtzModel is a VTIMEZONE of yearly nth-weekday rules drawn at random,
// with what it means computed the slow way.
type vtzModel struct {
	obs    []tzObservance
	onsets []vtzOnset // every onset through vtzModelEnd, by instant
}

// A vtzOnset is an onset of the model.
type vtzOnset struct {
	at       int64 // Unix seconds
	daylight bool
	i        int // the observance
}

// vtzModelEnd is the year the model's onsets run through; draws ask no
// later.
const vtzModelEnd = 2650

// vtzNth returns the day of the nth (from the end when negative) weekday
// wd of month m of year y, stepping through the days, or 0 when there is
// none.
func vtzNth(y int, m time.Month, n int, wd time.Weekday) int {
	var days []int
	for at := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); at.Month() == m; at = at.AddDate(0, 0, 1) {
		if at.Weekday() == wd {
			days = append(days, at.Day())
		}
	}
	switch {
	case n > 0 && n <= len(days):
		return days[n-1]
	case n < 0 && -n <= len(days):
		return days[len(days)+n]
	}
	return 0
}

// vtzUnix returns the wall time dt read as UTC, in Unix seconds.
func vtzUnix(dt calendar.DateTime) int64 {
	return time.Date(dt.Date.Year, dt.Date.Month, dt.Date.Day, int(dt.Clock)/60, int(dt.Clock)%60, 0, 0, time.UTC).Unix()
}

// drawVtzModel draws a VTIMEZONE and computes its onsets.
func drawVtzModel(t *rapid.T) (vtzModel, bool) {
	var md vtzModel
	classic := rapid.Bool().Draw(t, "classic")
	k := 2
	if !classic {
		k = rapid.IntRange(1, 3).Draw(t, "observances")
	}
	std := rapid.IntRange(-12*4, 14*4).Draw(t, "std") * 900
	dst := std + rapid.SampledFrom([]int{3600, 1800, 7200, -3600}).Draw(t, "save")
	offsets := []int{std, dst, std + 60*rapid.IntRange(-90, 90).Draw(t, "odd")}
	nice := classic
	for i := range k {
		o := tzObservance{line: 1 + 10*i, daylight: i%2 == 1}
		if classic {
			o.from, o.to = dst, std
			if o.daylight {
				o.from, o.to = std, dst
			}
		} else {
			o.daylight = rapid.Bool().Draw(t, "daylight")
			o.from = rapid.SampledFrom(offsets).Draw(t, "from")
			o.to = rapid.SampledFrom(offsets).Draw(t, "to")
		}
		o.name = rapid.SampledFrom([]string{"", "XST", "XDT", "Zone(DST)", "+05"}).Draw(t, "name")
		month := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		n := rapid.SampledFrom([]int{1, 2, 3, 4, -1, 5, -2}).Draw(t, "n")
		wd := time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekday"))
		clock := rapid.SampledFrom([]int{0, 60, 120, 180, 150, 23*60 + 59, rapid.IntRange(0, 24*60-1).Draw(t, "minute")}).Draw(t, "clock")
		y0 := rapid.IntRange(1900, 2100).Draw(t, "startYear")
		start := calendar.DateTime{Date: calendar.Date{Year: y0, Month: 1, Day: 1}, Clock: calendar.Clock(clock)}
		if d := vtzNth(y0, month, n, wd); d != 0 && rapid.Bool().Draw(t, "synchronised") {
			start.Date = calendar.Date{Year: y0, Month: month, Day: d}
		} else {
			m := time.Month(rapid.IntRange(1, 12).Draw(t, "startMonth"))
			start.Date = calendar.Date{Year: y0, Month: m, Day: rapid.IntRange(1, 28).Draw(t, "startDay")}
		}
		o.start = start
		hasRule := rapid.Float64Range(0, 1).Draw(t, "rule") < 0.9
		count, until, hasUntil := 0, int64(0), false
		if hasRule {
			day := vtzDayName(wd)
			o.rrule = fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", month, n, day)
			switch rapid.IntRange(0, 5).Draw(t, "end") {
			case 0:
				count = rapid.IntRange(1, 40).Draw(t, "count")
				o.rrule += fmt.Sprintf(";COUNT=%d", count)
			case 1:
				u := time.Date(rapid.IntRange(y0, 2300).Draw(t, "untilYear"), time.Month(rapid.IntRange(1, 12).Draw(t, "untilMonth")),
					rapid.IntRange(1, 28).Draw(t, "untilDay"), 0, 0, rapid.IntRange(0, 86399).Draw(t, "untilSecond"), 0, time.UTC)
				until, hasUntil = u.Unix(), true
				o.rrule += ";UNTIL=" + u.Format("20060102T150405Z")
			}
		}
		for range rapid.IntRange(0, 2).Draw(t, "rdates") {
			o.rdates = append(o.rdates, calendar.DateTime{
				Date:  calendar.Date{Year: rapid.IntRange(1900, 2300).Draw(t, "rdateYear"), Month: time.Month(rapid.IntRange(1, 12).Draw(t, "rdateMonth")), Day: rapid.IntRange(1, 28).Draw(t, "rdateDay")},
				Clock: calendar.Clock(rapid.IntRange(0, 24*60-1).Draw(t, "rdateMinute")),
			})
		}
		// The model: DTSTART, RDATEs, and the rule's days after the
		// DTSTART, as COUNT (which counts the DTSTART) and UNTIL allow.
		add := func(wall int64) {
			md.onsets = append(md.onsets, vtzOnset{wall - int64(o.from), o.daylight, i})
		}
		startWall := vtzUnix(o.start)
		add(startWall)
		for _, r := range o.rdates {
			add(vtzUnix(r))
		}
		if hasRule {
			seen := 1
			for y := y0; y <= vtzModelEnd; y++ {
				d := vtzNth(y, month, n, wd)
				if d == 0 {
					continue
				}
				wall := time.Date(y, month, d, clock/60, clock%60, 0, 0, time.UTC).Unix()
				if wall <= startWall {
					continue
				}
				if (hasUntil && wall-int64(o.from) > until) || (count > 0 && seen >= count) {
					break
				}
				seen++
				add(wall)
			}
		}
		nice = nice && hasRule && count == 0 && !hasUntil && n != 5 && n != -2 &&
			month >= 2 && month <= 11 && clock <= 4*60
		md.obs = append(md.obs, o)
	}
	if nice {
		m0, _, _ := strings.Cut(strings.TrimPrefix(md.obs[0].rrule, "FREQ=YEARLY;BYMONTH="), ";")
		m1, _, _ := strings.Cut(strings.TrimPrefix(md.obs[1].rrule, "FREQ=YEARLY;BYMONTH="), ";")
		nice = m0 != m1
	}
	// By instant; at one instant STANDARD after DAYLIGHT, then in the
	// order listed: the last onset at an instant holds.
	slices.SortStableFunc(md.onsets, func(a, b vtzOnset) int {
		switch {
		case a.at != b.at:
			return vtzCompare64(a.at, b.at)
		case a.daylight != b.daylight:
			if a.daylight {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	return md, nice
}

// vtzCompare64 compares a and b.
func vtzCompare64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// vtzDayName writes a weekday as RFC 5545 does, "SU".
func vtzDayName(wd time.Weekday) string {
	return [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}[wd]
}

// offsetAt returns the model's offset at the instant at: that of the last
// onset at or before it, or before them all the TZOFFSETFROM of the one
// that holds at the first instant.
func (md vtzModel) offsetAt(at int64) int {
	k, _ := slices.BinarySearchFunc(md.onsets, at+1, func(o vtzOnset, t int64) int { return vtzCompare64(o.at, t) })
	if k > 0 {
		return md.obs[md.onsets[k-1].i].to
	}
	first := 0
	for first+1 < len(md.onsets) && md.onsets[first+1].at == md.onsets[0].at {
		first++
	}
	return md.obs[md.onsets[first].i].from
}

// TestZoneMatchesModel compares zones of random yearly nth-weekday rules
// with the offsets a slow model of the same VTIMEZONE gives.
func TestZoneMatchesModel(t *testing.T) {
	end2200 := time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	rapid.Check(t, func(t *rapid.T) {
		md, nice := drawVtzModel(t)
		data, zone, err := zoneTZif("Model", md.obs)
		if err != nil {
			t.Fatal(err)
		}
		z := vtzDecode(t, data)
		if nice && z.footer == "" {
			t.Fatalf("no TZ string for the rules %q and %q", md.obs[0].rrule, md.obs[1].rrule)
		}
		last := z.times[len(z.times)-1]
		var ats []int64
		for range 40 {
			ats = append(ats, rapid.Int64Range(time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(vtzModelEnd, 1, 1, 0, 0, 0, 0, time.UTC).Unix()).Draw(t, "at"))
		}
		for range 20 {
			o := md.onsets[rapid.IntRange(0, len(md.onsets)-1).Draw(t, "onset")]
			ats = append(ats, o.at-1, o.at, o.at+1)
		}
		// Exact through 2200 in wall time: an onset at a wall time of
		// 2201 may be in 2200 in UTC (00:00 on 2201-01-01 east of UTC).
		cut := end2200
		for _, o := range md.onsets {
			if time.Unix(o.at+int64(md.obs[o.i].from), 0).UTC().Year() > 2200 {
				cut = min(cut, o.at)
			}
		}
		for _, at := range ats {
			// Exact through 2200 and the explicit transitions, and past
			// them with a TZ string; otherwise the last offset holds.
			want := md.offsetAt(at)
			if at >= cut && at >= last && z.footer == "" {
				want = md.offsetAt(last)
			}
			if _, got := time.Unix(at, 0).In(zone).Zone(); got != want {
				t.Fatalf("at %s: %+d, want %+d (TZ string %q)", time.Unix(at, 0).UTC().Format(time.RFC3339), got, want, z.footer)
			}
		}
	})
}
