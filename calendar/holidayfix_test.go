package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/lu"
	"github.com/rickar/cal/v2/mx"
	"github.com/rickar/cal/v2/nz"
	"github.com/rickar/cal/v2/ru"
)

// The dates below are written out from the law or an official source
// (cited in holidayfix.go), never computed by the code under test.

var bothHolidayDates = []HolidayDates{Observed, Actual}

// fixHolidays returns Holidays(codes, from, to, which), failing the test on
// an error.
func fixHolidays(t *testing.T, codes []string, from, to string, which HolidayDates) []Holiday {
	t.Helper()
	hs, err := Holidays(codes, MustParseDate(from), MustParseDate(to), which)
	if err != nil {
		t.Fatalf("Holidays(%q, %s, %s, %s): %v", codes, from, to, which, err)
	}
	return hs
}

// fixDatesNamed returns the dates of the holidays named name that
// Holidays(codes, from, to, which) gives.
func fixDatesNamed(t *testing.T, codes []string, from, to string, which HolidayDates, name string) []string {
	t.Helper()
	var dates []string
	for _, h := range fixHolidays(t, codes, from, to, which) {
		if h.Name == name {
			dates = append(dates, h.Date.String())
		}
	}
	return dates
}

// checkNamedDates checks that the holidays named name in codes from 2024
// to 2030 fall on want, both observed and actual.
func checkNamedDates(t *testing.T, codes []string, name string, want []string) {
	t.Helper()
	for _, which := range bothHolidayDates {
		got := fixDatesNamed(t, codes, "2024-01-01", "2030-12-31", which, name)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q %s, %s, 2024-2030 (-want +got):\n%s", codes, name, which, diff)
		}
	}
}

// checkNoHolidayOn checks that codes have no holiday on any of dates, both
// observed and actual.
func checkNoHolidayOn(t *testing.T, codes []string, dates ...string) {
	t.Helper()
	for _, which := range bothHolidayDates {
		for _, d := range dates {
			if got := fixHolidays(t, codes, d, d, which); len(got) != 0 {
				t.Errorf("%q on %s (%s): got %v, want no holiday", codes, d, which, got)
			}
		}
	}
}

// Te Kāhui o Matariki Public Holiday Act 2022, Schedule 1.
func TestCorrectionNZMatariki(t *testing.T) {
	checkNamedDates(t, []string{"NZ"}, "Matariki", []string{
		"2024-06-28", "2025-06-20", "2026-07-10", "2027-06-25",
		"2028-07-14", "2029-07-06", "2030-06-21",
	})
	// The first and last years of the Schedule, and none outside it.
	for _, which := range bothHolidayDates {
		got := fixDatesNamed(t, []string{"nz"}, "2020-01-01", "2023-12-31", which, "Matariki")
		if want := []string{"2022-06-24", "2023-07-14"}; !slices.Equal(got, want) {
			t.Errorf("NZ Matariki 2020-2023 (%s) = %q, want %q", which, got, want)
		}
		got = fixDatesNamed(t, []string{"NZ"}, "2052-01-01", "2060-12-31", which, "Matariki")
		if want := []string{"2052-06-21"}; !slices.Equal(got, want) {
			t.Errorf("NZ Matariki 2052-2060 (%s) = %q, want %q", which, got, want)
		}
	}
	// The Schedule's dates are all Fridays: a typo in the table would
	// likely not be.
	for _, h := range fixHolidays(t, []string{"NZ"}, "2022-01-01", "2052-12-31", Actual) {
		if h.Name == "Matariki" && h.Date.Weekday() != time.Friday {
			t.Errorf("Matariki %s is a %s", h.Date, h.Date.Weekday())
		}
	}
}

// Code du travail, art. L. 232-2 (loi du 25 avril 2019).
func TestCorrectionLU(t *testing.T) {
	lux := []string{"LU"}
	checkNamedDates(t, lux, "Nationalfeierdag", []string{
		"2024-06-23", "2025-06-23", "2026-06-23", "2027-06-23",
		"2028-06-23", "2029-06-23", "2030-06-23",
	})
	checkNamedDates(t, lux, "Europadag", []string{
		"2024-05-09", "2025-05-09", "2026-05-09", "2027-05-09",
		"2028-05-09", "2029-05-09", "2030-05-09",
	})
	// rickar's 23 July is gone, and Europe Day is a holiday from 2019.
	checkNoHolidayOn(t, lux, "2024-07-23", "2025-07-23", "2026-07-23", "2027-07-23",
		"2028-07-23", "2029-07-23", "2030-07-23", "2018-05-09")
	// In 2024 Europe Day is also Ascension Day: both are listed.
	got := fixHolidays(t, lux, "2024-05-09", "2024-05-09", Observed)
	want := []Holiday{
		{MustParseDate("2024-05-09"), "Christi Himmelfaart", "LU"},
		{MustParseDate("2024-05-09"), "Europadag", "LU"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LU 2024-05-09 (-want +got):\n%s", diff)
	}
}

// Ley 27.399: Viernes Santo is a feriado nacional; Jueves Santo is not.
func TestCorrectionARGoodFriday(t *testing.T) {
	arg := []string{"AR"}
	checkNamedDates(t, arg, "Viernes Santo", []string{
		"2024-03-29", "2025-04-18", "2026-04-03", "2027-03-26",
		"2028-04-14", "2029-03-30", "2030-04-19",
	})
	// Jueves Santo, where rickar had Viernes Santo, is no holiday (but
	// 2026-04-02 is also the Día de los Veteranos de la Guerra de Malvinas).
	checkNoHolidayOn(t, arg, "2024-03-28", "2025-04-17", "2027-03-25",
		"2028-04-13", "2029-03-29", "2030-04-18")
	for _, which := range bothHolidayDates {
		got := fixHolidays(t, arg, "2026-04-02", "2026-04-02", which)
		want := []Holiday{{MustParseDate("2026-04-02"), "Día de los Veteranos de la Guerra de Malvinas", "AR"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AR 2026-04-02 (%s) (-want +got):\n%s", which, diff)
		}
	}
}

// Ley Federal del Trabajo, art. 74 (reform of 17 January 2006).
func TestCorrectionMX(t *testing.T) {
	mex := []string{"MX"}
	for _, c := range []struct {
		name string
		want []string
	}{
		{"New Year's Day", []string{"2024-01-01", "2025-01-01", "2026-01-01", "2027-01-01", "2028-01-01", "2029-01-01", "2030-01-01"}},
		// First Monday of February.
		{"Constitution Day", []string{"2024-02-05", "2025-02-03", "2026-02-02", "2027-02-01", "2028-02-07", "2029-02-05", "2030-02-04"}},
		// Third Monday of March.
		{"Benito Juárez's Birthday", []string{"2024-03-18", "2025-03-17", "2026-03-16", "2027-03-15", "2028-03-20", "2029-03-19", "2030-03-18"}},
		{"Labour Day", []string{"2024-05-01", "2025-05-01", "2026-05-01", "2027-05-01", "2028-05-01", "2029-05-01", "2030-05-01"}},
		{"Independence Day", []string{"2024-09-16", "2025-09-16", "2026-09-16", "2027-09-16", "2028-09-16", "2029-09-16", "2030-09-16"}},
		// Third Monday of November.
		{"Revolution Day", []string{"2024-11-18", "2025-11-17", "2026-11-16", "2027-11-15", "2028-11-20", "2029-11-19", "2030-11-18"}},
		{"Christmas Day", []string{"2024-12-25", "2025-12-25", "2026-12-25", "2027-12-25", "2028-12-25", "2029-12-25", "2030-12-25"}},
	} {
		checkNamedDates(t, mex, c.name, c.want)
	}
	// No holiday is moved off a weekend: rickar moved New Year's Day 2028
	// (a Saturday) to 2027-12-31, Labour Day 2027 to 2027-04-30,
	// Independence Day 2028 and 2029 to 2028-09-15 and 2029-09-17,
	// Christmas 2027 to 2027-12-24, 5 February 2028 to 2028-02-04, 21
	// March 2026 and 2027 to 2026-03-20 and 2027-03-22; and it kept 5
	// February and 21 March on weekdays.
	checkNoHolidayOn(t, mex, "2027-12-31", "2027-04-30", "2028-09-15", "2029-09-17",
		"2027-12-24", "2028-02-04", "2026-03-20", "2027-03-22",
		"2024-03-21", "2025-02-05", "2025-03-21", "2026-02-05", "2027-02-05",
		"2028-03-21", "2030-02-05", "2030-03-21")
	observed := fixHolidays(t, mex, "2024-01-01", "2030-12-31", Observed)
	actual := fixHolidays(t, mex, "2024-01-01", "2030-12-31", Actual)
	if diff := cmp.Diff(actual, observed); diff != "" {
		t.Errorf("MX 2024-2030: observed dates differ from actual (-actual +observed):\n%s", diff)
	}
	// Before the reform: 5 February and 20 November (2005) and 21 March
	// (2006), even on a weekend; the Mondays from 2006 (2007 for 21 March).
	for _, c := range []struct {
		name string
		want []string
	}{
		{"Constitution Day", []string{"2005-02-05", "2006-02-06", "2007-02-05"}},
		{"Benito Juárez's Birthday", []string{"2005-03-21", "2006-03-21", "2007-03-19"}},
		{"Revolution Day", []string{"2005-11-20", "2006-11-20", "2007-11-19"}},
	} {
		for _, which := range bothHolidayDates {
			got := fixDatesNamed(t, mex, "2005-01-01", "2007-12-31", which, c.name)
			if !slices.Equal(got, c.want) {
				t.Errorf("MX %s 2005-2007 (%s) = %q, want %q", c.name, which, got, c.want)
			}
		}
	}
}

// Labour Code, art. 112.
func TestCorrectionRUJanuary(t *testing.T) {
	january := []struct {
		day, name string
	}{
		{"01", "Новый Год"},
		{"02", "Новогодние каникулы"},
		{"03", "Новогодние каникулы"},
		{"04", "Новогодние каникулы"},
		{"05", "Новогодние каникулы"},
		{"06", "Новогодние каникулы"},
		{"07", "Рождество Христово"},
		{"08", "Новогодние каникулы"},
	}
	for _, year := range []string{"2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030"} {
		var want []Holiday
		for _, j := range january {
			want = append(want, Holiday{MustParseDate(year + "-01-" + j.day), j.name, "RU"})
		}
		for _, which := range bothHolidayDates {
			got := fixHolidays(t, []string{"RU"}, year+"-01-01", year+"-01-31", which)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("RU January %s (%s) (-want +got):\n%s", year, which, diff)
			}
		}
	}
	// rickar moved Christmas 2023, a Saturday, to Monday 2023-01-09.
	checkNoHolidayOn(t, []string{"RU"}, "2023-01-09")
}

// Feiertagsgesetz Mecklenburg-Vorpommern, § 2 (from 2023).
func TestCorrectionDEMVWomensDay(t *testing.T) {
	checkNamedDates(t, []string{"DE-MV"}, "Frauentag", []string{
		"2024-03-08", "2025-03-08", "2026-03-08", "2027-03-08",
		"2028-03-08", "2029-03-08", "2030-03-08",
	})
	checkNoHolidayOn(t, []string{"DE-MV"}, "2022-03-08")
	// Only Mecklenburg-Vorpommern changes.
	checkNoHolidayOn(t, []string{"DE", "DE-BY"}, "2024-03-08")
	if got := fixDatesNamed(t, []string{"DE-BE"}, "2022-03-01", "2022-03-31", Actual, "Frauentag"); !slices.Equal(got, []string{"2022-03-08"}) {
		t.Errorf("DE-BE Frauentag 2022 = %q", got)
	}
}

// Legge 8 ottobre 2025, n. 151.
func TestCorrectionITSaintFrancis(t *testing.T) {
	checkNamedDates(t, []string{"IT"}, "San Francesco d'Assisi", []string{
		"2026-10-04", "2027-10-04", "2028-10-04", "2029-10-04", "2030-10-04",
	})
	checkNoHolidayOn(t, []string{"IT"}, "2024-10-04", "2025-10-04")
}

// "CH" is every holiday of the cantonal lists; rickar's cantons that keep
// All Saints' Day have it.
func TestCorrectionCHAllSaints(t *testing.T) {
	want := []string{
		"2024-11-01", "2025-11-01", "2026-11-01", "2027-11-01",
		"2028-11-01", "2029-11-01", "2030-11-01",
	}
	checkNamedDates(t, []string{"CH"}, "Allerheiligen", want)
	checkNamedDates(t, []string{"CH-LU"}, "Allerheiligen", want)
	checkNoHolidayOn(t, []string{"CH-ZH"}, "2024-11-01")
	// Every holiday of every canton is in "CH".
	inCH := map[string]bool{}
	for _, h := range fixHolidays(t, []string{"CH"}, "2024-01-01", "2030-12-31", Actual) {
		inCH[h.Date.String()+" "+h.Name] = true
	}
	for _, code := range HolidayCodes() {
		if !strings.HasPrefix(code, "CH-") {
			continue
		}
		for _, h := range fixHolidays(t, []string{code}, "2024-01-01", "2030-12-31", Actual) {
			if !inCH[h.Date.String()+" "+h.Name] {
				t.Errorf("%s has %s %s, which CH lacks", code, h.Date, h.Name)
			}
		}
	}
}

// A country's correction reaches every calendar of that country.
func TestCorrectionsReachRegions(t *testing.T) {
	for country, fix := range map[string]struct{ date, name string }{
		"NZ": {"2026-07-10", "Matariki"},
		"LU": {"2026-06-23", "Nationalfeierdag"},
		"AR": {"2026-04-03", "Viernes Santo"},
		"MX": {"2026-02-02", "Constitution Day"},
		"RU": {"2026-01-02", "Новогодние каникулы"},
		"IT": {"2026-10-04", "San Francesco d'Assisi"},
	} {
		for _, code := range HolidayCodes() {
			if code != country && !strings.HasPrefix(code, country+"-") {
				continue
			}
			if got := fixDatesNamed(t, []string{code}, fix.date, fix.date, Actual, fix.name); len(got) != 1 {
				t.Errorf("%s lacks %s %s", code, fix.date, fix.name)
			}
		}
	}
}

// The corrections write nothing to rickar's shared lists and holidays,
// and every corrected list is a new slice.
func TestCorrectionsLeaveRickarAlone(t *testing.T) {
	codes := []string{"NZ", "LU", "AR", "MX", "RU", "DE-MV", "IT", "CH"}
	for _, which := range bothHolidayDates {
		fixHolidays(t, codes, "2020-01-01", "2030-12-31", which)
	}
	for _, c := range []struct {
		what string
		ok   bool
	}{
		{"lu.Nationalfeierdag on 23 July", lu.Nationalfeierdag.Month == time.July && lu.Nationalfeierdag.Day == 23},
		{"ar.EasternsDay at Easter-3", ar.EasternsDay.Offset == -3},
		{"mx.NewYear moved off weekends", mx.NewYear.Observed != nil},
		{"mx.ConstitutionDay on 5 February", mx.ConstitutionDay.Day == 5 && mx.ConstitutionDay.Observed != nil && mx.ConstitutionDay.EndYear == 0},
		{"mx.RevolutionDay from any year", mx.RevolutionDay.StartYear == 0},
		{"ru.NewYear moved off weekends", ru.NewYear.Observed != nil},
		{"ru.OrthodoxChristmas moved off weekends", ru.OrthodoxChristmas.Observed != nil},
		{"de.Frauentag from any year", de.Frauentag.StartYear == 0},
		{"10 NZ holidays", len(nz.Holidays) == 10},
		{"10 LU holidays", len(lu.Holidays) == 10},
		{"16 AR holidays", len(ar.Holidays) == 16},
		{"7 MX holidays", len(mx.Holidays) == 7},
		{"8 RU holidays", len(ru.Holidays) == 8},
		{"10 DE-MV holidays", len(de.HolidaysMV) == 10},
		{"11 IT holidays", len(it.Holidays) == 11},
		{"15 CH holidays", len(ch.Holidays) == 15},
	} {
		if !c.ok {
			t.Errorf("rickar changed: want %s", c.what)
		}
	}
	for _, code := range codes {
		a := correctedList(code)
		if &a[0] == &holidayList(code)[0] {
			t.Errorf("correctedList(%s) shares rickar's slice", code)
		}
		a[0] = nil
		if correctedList(code)[0] == nil {
			t.Errorf("correctedList(%s) returns a shared slice", code)
		}
	}
	// Every other code is rickar's list as it is.
	for _, code := range HolidayCodes() {
		if slices.Contains(codes, code) {
			continue
		}
		if got, want := correctedList(code), holidayList(code); len(got) != len(want) || &got[0] != &want[0] {
			t.Errorf("correctedList(%s) is not rickar's list", code)
		}
	}
	if correctedList("XX") != nil || correctedList("nz") != nil {
		t.Errorf("correctedList knows a code it should not")
	}
}
