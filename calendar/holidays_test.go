package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the zones below load even where no zoneinfo is installed

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

type holidaysCase struct {
	name     string
	codes    []string
	from, to string
	which    HolidayDates
	want     []Holiday
}

func hol(date, name, code string) Holiday {
	return Holiday{Date: MustParseDate(date), Name: name, Code: code}
}

var holidaysCases = []holidaysCase{
	{
		name: "US 2026-07-04 is a Saturday: observed on Friday", codes: []string{"US"},
		from: "2026-07-01", to: "2026-07-06", which: Observed,
		want: []Holiday{hol("2026-07-03", "Independence Day", "US")},
	},
	{
		name: "US 2026-07-04 actual date", codes: []string{"US"},
		from: "2026-07-01", to: "2026-07-06", which: Actual,
		want: []Holiday{hol("2026-07-04", "Independence Day", "US")},
	},
	{
		name: "US New Year 2022 observed in 2021", codes: []string{"US"},
		from: "2021-12-01", to: "2021-12-31", which: Observed,
		want: []Holiday{
			hol("2021-12-24", "Christmas Day", "US"),
			hol("2021-12-31", "New Year's Day", "US"),
		},
	},
	{
		name: "US December 2021 actual dates", codes: []string{"US"},
		from: "2021-12-01", to: "2021-12-31", which: Actual,
		want: []Holiday{hol("2021-12-25", "Christmas Day", "US")},
	},
	{
		name: "US January 2022 observed: New Year is off in 2021", codes: []string{"US"},
		from: "2022-01-01", to: "2022-01-16", which: Observed,
		want: nil,
	},
	{
		name: "DE-BY January 2026 has Epiphany", codes: []string{"DE-BY"},
		from: "2026-01-01", to: "2026-01-31",
		want: []Holiday{
			hol("2026-01-01", "Neujahrstag", "DE-BY"),
			hol("2026-01-06", "Heilige Drei Könige", "DE-BY"),
		},
	},
	{
		name: "DE-BE January 2026 has no Epiphany", codes: []string{"DE-BE"},
		from: "2026-01-01", to: "2026-01-31",
		want: []Holiday{hol("2026-01-01", "Neujahrstag", "DE-BE")},
	},
	{
		name: "DE-BE has Frauentag", codes: []string{"DE-BE"},
		from: "2026-03-01", to: "2026-03-31",
		want: []Holiday{hol("2026-03-08", "Frauentag", "DE-BE")},
	},
	{
		name: "DE-BY has no Frauentag", codes: []string{"DE-BY"},
		from: "2026-03-01", to: "2026-03-31",
		want: nil,
	},
	{
		name: "lower-case codes", codes: []string{"de-by", "us"},
		from: "2026-01-01", to: "2026-01-06",
		want: []Holiday{
			hol("2026-01-01", "Neujahrstag", "DE-BY"),
			hol("2026-01-01", "New Year's Day", "US"),
			hol("2026-01-06", "Heilige Drei Könige", "DE-BY"),
		},
	},
	{
		name: "same holiday in two calendars appears once, with the first code", codes: []string{"DE-BY", "DE", "de-by"},
		from: "2026-01-01", to: "2026-01-31",
		want: []Holiday{
			hol("2026-01-01", "Neujahrstag", "DE-BY"),
			hol("2026-01-06", "Heilige Drei Könige", "DE-BY"),
		},
	},
	{
		name: "the first code wins the other way round", codes: []string{"DE", "DE-BY"},
		from: "2026-01-01", to: "2026-01-31",
		want: []Holiday{
			hol("2026-01-01", "Neujahrstag", "DE"),
			hol("2026-01-06", "Heilige Drei Könige", "DE-BY"),
		},
	},
	{
		name: "a single day", codes: []string{"GB"},
		from: "2026-12-25", to: "2026-12-25",
		want: []Holiday{hol("2026-12-25", "Christmas Day", "GB")},
	},
	{
		// rickar/cal moves Christmas Day to Monday and Boxing Day to Tuesday.
		name: "GB Christmas 2022 on a Sunday: both days move", codes: []string{"GB"},
		from: "2022-12-24", to: "2022-12-31",
		want: []Holiday{
			hol("2022-12-26", "Christmas Day", "GB"),
			hol("2022-12-27", "Boxing Day", "GB"),
		},
	},
	{
		name: "JP Mountain Day 2020 was moved for the Olympics", codes: []string{"JP"},
		from: "2020-08-01", to: "2020-08-31",
		want: []Holiday{hol("2020-08-10", "Mountain Day", "JP")},
	},
	{
		name: "AU-NSW has no national list but has Australia Day", codes: []string{"au-nsw"},
		from: "2026-01-20", to: "2026-01-31",
		want: []Holiday{hol("2026-01-26", "Australia Day", "AU-NSW")},
	},
	{
		name: "CH-ZH national day", codes: []string{"CH-ZH"},
		from: "2026-08-01", to: "2026-08-01",
		want: []Holiday{hol("2026-08-01", "Bundesfeiertag", "CH-ZH")},
	},
	{
		name: "from after to", codes: []string{"US"},
		from: "2026-07-05", to: "2026-07-01",
		want: nil,
	},
	{
		name: "no codes", codes: nil,
		from: "2026-01-01", to: "2026-12-31",
		want: nil,
	},
}

func runHolidaysCase(t *testing.T, c holidaysCase) {
	t.Helper()
	got, err := Holidays(c.codes, MustParseDate(c.from), MustParseDate(c.to), c.which)
	if err != nil {
		t.Fatalf("Holidays(%q, %s, %s, %s): %v", c.codes, c.from, c.to, c.which, err)
	}
	if diff := cmp.Diff(c.want, got); diff != "" {
		t.Errorf("Holidays(%q, %s, %s, %s) mismatch (-want +got):\n%s", c.codes, c.from, c.to, c.which, diff)
	}
}

func TestHolidays(t *testing.T) {
	for _, c := range holidaysCases {
		t.Run(c.name, func(t *testing.T) { runHolidaysCase(t, c) })
	}
}

func TestHolidaysUnknownCode(t *testing.T) {
	for _, code := range []string{"XX", "DE-XX", "", " de", "de ", "DE_BY", "DE-", "-BY", "ecb2", "ıs"} {
		_, err := Holidays([]string{"US", code}, MustParseDate("2026-01-01"), MustParseDate("2026-12-31"), Observed)
		if !errors.Is(err, ErrUnknownHolidayCode) {
			t.Errorf("Holidays(%q): error %v, want one wrapping ErrUnknownHolidayCode", code, err)
			continue
		}
		if !strings.Contains(err.Error(), strconv.Quote(code)) {
			t.Errorf("Holidays(%q): error %q does not quote the code", code, err)
		}
		if _, err := CanonicalHolidayCode(code); !errors.Is(err, ErrUnknownHolidayCode) {
			t.Errorf("CanonicalHolidayCode(%q): error %v, want one wrapping ErrUnknownHolidayCode", code, err)
		}
	}
	_, err := CanonicalHolidayCode("XX")
	if want := `calendar.CanonicalHolidayCode: unknown holiday calendar "XX" (HolidayCodes lists them)`; err == nil || err.Error() != want {
		t.Errorf("CanonicalHolidayCode(\"XX\") error = %v, want %s", err, want)
	}
}

func TestCanonicalHolidayCode(t *testing.T) {
	for in, want := range map[string]string{"de-by": "DE-BY", "De-By": "DE-BY", "US": "US", "ecb": "ECB", "au-nsw": "AU-NSW", "ch-zh": "CH-ZH"} {
		got, err := CanonicalHolidayCode(in)
		if err != nil || got != want {
			t.Errorf("CanonicalHolidayCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestHolidaysBounds(t *testing.T) {
	us := []string{"US"}
	for _, c := range []struct {
		name     string
		from, to Date
	}{
		{"years before 1", Date{-5, time.January, 1}, Date{0, time.December, 31}},
		{"years after 9999", Date{10000, time.January, 1}, Date{10500, time.December, 31}},
		{"zero dates", Date{}, Date{}},
		{"far apart, out of order", Date{math.MaxInt, 12, 31}, Date{math.MinInt, 1, 1}},
	} {
		got, err := Holidays(us, c.from, c.to, Observed)
		if err != nil || got != nil {
			t.Errorf("%s: Holidays(%v, %v) = %v, %v; want no holidays and no error", c.name, c.from, c.to, got, err)
		}
	}
	for _, c := range []struct {
		name     string
		from, to Date
	}{
		{"every year", Date{1, time.January, 1}, Date{9999, time.December, 31}},
		{"1001 years", Date{1000, time.January, 1}, Date{2001, time.January, 1}},
	} {
		got, err := Holidays(us, c.from, c.to, Observed)
		if err == nil || !strings.Contains(err.Error(), "longer than 1000 years") || !strings.Contains(err.Error(), c.from.String()+".."+c.to.String()) {
			t.Errorf("%s: Holidays(%v, %v) = %d holidays, %v; want an error naming the range", c.name, c.from, c.to, len(got), err)
		}
	}
	// Fields so large that normalising them overflows (as it does in
	// AddDays) give no holidays or an error, quickly and without a panic.
	for _, c := range [][2]Date{
		{{math.MinInt, time.January, 1}, {math.MaxInt, time.December, 31}},
		{{2026, math.MinInt, 1}, {2026, math.MaxInt, 1}},
		{{2026, 1, math.MinInt}, {2026, 1, math.MaxInt}},
		{{math.MaxInt, math.MaxInt, math.MaxInt}, {math.MaxInt, math.MaxInt, math.MaxInt}},
		{{math.MinInt, math.MinInt, math.MinInt}, {math.MaxInt, math.MaxInt, math.MaxInt}},
	} {
		got, err := Holidays(us, c[0], c[1], Actual)
		if err == nil && len(got) > 10000 {
			t.Errorf("Holidays(%v, %v) = %d holidays", c[0], c[1], len(got))
		}
	}
	// The edges of the supported years work.
	got, err := Holidays(us, Date{1, time.January, 1}, Date{1000, time.December, 31}, Actual)
	if err != nil || len(got) == 0 {
		t.Errorf("Holidays(US, 0001..1000): %d holidays, %v", len(got), err)
	}
	got, err = Holidays(us, Date{9000, time.January, 1}, Date{9999, time.December, 31}, Observed)
	if err != nil || len(got) == 0 || got[len(got)-1].Date.Year != 9999 {
		t.Errorf("Holidays(US, 9000..9999): %d holidays, %v", len(got), err)
	}
	if _, err := Holidays(us, Date{2026, 1, 1}, Date{2026, 1, 1}, HolidayDates(2)); err == nil {
		t.Errorf("Holidays with HolidayDates(2): no error")
	}
	// An invalid date is normalised: 2026-06-31 is 2026-07-01.
	got, err = Holidays(us, Date{2026, time.June, 31}, Date{2026, time.July, 3}, Observed)
	if diff := cmp.Diff([]Holiday{hol("2026-07-03", "Independence Day", "US")}, got); err != nil || diff != "" {
		t.Errorf("Holidays(US, 2026-06-31..2026-07-03): %v (-want +got):\n%s", err, diff)
	}
}

func TestHolidayCodes(t *testing.T) {
	codes := HolidayCodes()
	if !slices.IsSorted(codes) {
		t.Errorf("HolidayCodes is not sorted: %q", codes)
	}
	if len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("HolidayCodes has duplicates: %q", codes)
	}
	if len(codes) <= 80 {
		t.Errorf("HolidayCodes has %d codes, want more than 80", len(codes))
	}
	for _, want := range []string{"US", "GB", "DE", "DE-BY", "DE-BE", "AU-NSW", "CH-ZH", "ECB", "JP", "TH"} {
		if !slices.Contains(codes, want) {
			t.Errorf("HolidayCodes lacks %s", want)
		}
	}
	codes[0] = "changed"
	if HolidayCodes()[0] == "changed" {
		t.Errorf("HolidayCodes returns a shared slice")
	}
}

func TestEveryHolidayCodeWorks(t *testing.T) {
	from, to := MustParseDate("2026-01-01"), MustParseDate("2026-12-31")
	for _, code := range HolidayCodes() {
		if len(holidayList(code)) == 0 {
			t.Errorf("holidayList(%q) is empty", code)
		}
		if c, err := CanonicalHolidayCode(code); err != nil || c != code {
			t.Errorf("CanonicalHolidayCode(%q) = %q, %v", code, c, err)
		}
		for _, which := range []HolidayDates{Observed, Actual} {
			got, err := Holidays([]string{code}, from, to, which)
			if err != nil {
				t.Errorf("Holidays(%s, 2026, %s): %v", code, which, err)
				continue
			}
			if len(got) == 0 {
				t.Errorf("Holidays(%s, 2026, %s): no holidays", code, which)
			}
			for _, h := range got {
				if h.Code != code || h.Name == "" || !h.Date.IsValid() || h.Date.Year != 2026 {
					t.Errorf("Holidays(%s, 2026, %s): bad holiday %+v", code, which, h)
				}
			}
		}
	}
	if holidayList("XX") != nil || holidayList("de") != nil {
		t.Errorf("holidayList knows a code it should not")
	}
}

const holidaysZoneHelperEnv = "TZPLAN_HOLIDAYS_ZONE_HELPER"

// TestHolidaysIgnoreMachineZone runs TestHolidaysZoneHelper in a new process
// with TZ set to zones whose clocks skip midnight when DST starts (where
// rickar/cal's midnight in the local zone reads as the evening before), and
// checks that every calendar gives the same holidays as under UTC.
func TestHolidaysIgnoreMachineZone(t *testing.T) {
	if os.Getenv(holidaysZoneHelperEnv) != "" {
		t.Skip("in the helper process")
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("no test executable:", err)
	}
	dir := t.TempDir()
	run := func(tz string) []string {
		file := filepath.Join(dir, strings.ReplaceAll(tz, "/", "_"))
		cmd := exec.Command(exe, "-test.run=^TestHolidaysZoneHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), holidaysZoneHelperEnv+"="+file, "TZ="+tz)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s: helper: %v\n%s", tz, err, out)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("TZ=%s: %v", tz, err)
		}
		return strings.Split(string(b), "\n")
	}
	want := run("UTC")
	if len(want) < 100000 {
		t.Fatalf("TZ=UTC: only %d holidays", len(want))
	}
	for _, tz := range []string{"Asia/Tokyo", "America/Santiago", "America/Havana", "Atlantic/Azores", "America/Sao_Paulo", "Pacific/Apia", "Asia/Beirut"} {
		if _, err := time.LoadLocation(tz); err != nil {
			t.Fatal(err)
		}
		got := run(tz)
		if len(got) != len(want) {
			t.Errorf("TZ=%s: %d holidays, want %d (as under UTC)", tz, len(got), len(want))
			continue
		}
		bad := 0
		for i := range want {
			if got[i] != want[i] && bad < 5 {
				t.Errorf("TZ=%s: got %s, want %s (as under UTC)", tz, got[i], want[i])
				bad++
			}
		}
	}
}

// TestHolidaysZoneHelper is the process that TestHolidaysIgnoreMachineZone
// starts: it writes every calendar's holidays, both ways, for 1940 to 2060,
// to the file named by the environment. (Pacific/Kiritimati skipped
// 1994-12-31 and Pacific/Apia 2011-12-30; a holiday on such a day cannot be
// told from the day before, and none falls on Apia's.)
func TestHolidaysZoneHelper(t *testing.T) {
	file := os.Getenv(holidaysZoneHelperEnv)
	if file == "" {
		t.Skip("run by TestHolidaysIgnoreMachineZone")
	}
	var b strings.Builder
	for _, which := range []HolidayDates{Observed, Actual} {
		for _, code := range HolidayCodes() {
			got, err := Holidays([]string{code}, MustParseDate("1940-01-01"), MustParseDate("2060-12-31"), which)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range got {
				fmt.Fprintf(&b, "%s %s %s %s\n", which, h.Code, h.Date, h.Name)
			}
		}
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestHolidaysSplitIsUnion(t *testing.T) {
	codes := HolidayCodes()
	base := MustParseDate("1990-01-01")
	span := MustParseDate("2040-12-31").DaysSince(base)
	rapid.Check(t, func(t *rapid.T) {
		cs := rapid.SliceOfN(rapid.SampledFrom(codes), 1, 3).Draw(t, "codes")
		which := rapid.SampledFrom([]HolidayDates{Observed, Actual}).Draw(t, "which")
		a := rapid.IntRange(0, span).Draw(t, "from")
		b := rapid.IntRange(a, min(span, a+rapid.IntRange(0, span).Draw(t, "length"))).Draw(t, "to")
		m := rapid.IntRange(a, b).Draw(t, "mid")
		from, to, mid := base.AddDays(a), base.AddDays(b), base.AddDays(m)

		whole, err := Holidays(cs, from, to, which)
		if err != nil {
			t.Fatal(err)
		}
		first, err1 := Holidays(cs, from, mid, which)
		second, err2 := Holidays(cs, mid.AddDays(1), to, which)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(whole, append(first, second...)); diff != "" {
			t.Fatalf("Holidays(%s..%s) is not Holidays(%s..%s) + Holidays(%s..%s) (-whole +parts):\n%s",
				from, to, from, mid, mid.AddDays(1), to, diff)
		}
		for i, h := range whole {
			if h.Date.Before(from) || h.Date.After(to) {
				t.Fatalf("holiday %+v outside %s..%s", h, from, to)
			}
			if i > 0 {
				p := whole[i-1]
				if c := p.Date.Compare(h.Date); c > 0 || c == 0 && p.Name >= h.Name {
					t.Fatalf("holidays out of order or repeated: %+v then %+v", p, h)
				}
			}
		}
	})
}

func TestHolidayDatesText(t *testing.T) {
	for _, h := range []HolidayDates{Observed, Actual} {
		b, err := h.MarshalText()
		if err != nil {
			t.Fatalf("%d.MarshalText: %v", int(h), err)
		}
		var got HolidayDates = 7
		if err := got.UnmarshalText(b); err != nil || got != h {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, got, err, h)
		}
	}
	for in, want := range map[string]HolidayDates{"observed": Observed, "OBSERVED": Observed, "Actual": Actual, "aCtUaL": Actual} {
		var got HolidayDates
		if err := got.UnmarshalText([]byte(in)); err != nil || got != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got := fmt.Sprint(Observed, Actual, HolidayDates(5)); got != "observed actual HolidayDates(5)" {
		t.Errorf("String: %q", got)
	}
	for _, in := range []string{"", "obs", "observed ", "actually", "OBSERVÉD", "1"} {
		h := Actual
		err := h.UnmarshalText([]byte(in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Input != in || !strings.Contains(err.Error(), strconv.Quote(in)) {
			t.Errorf("UnmarshalText(%q): error %v, want a *ParseError quoting it", in, err)
		}
		if h != Actual {
			t.Errorf("UnmarshalText(%q) changed the value to %v", in, h)
		}
	}
	for _, h := range []HolidayDates{-1, 2} {
		if _, err := h.MarshalText(); err == nil {
			t.Errorf("HolidayDates(%d).MarshalText: no error", int(h))
		}
	}
	type config struct{ Which HolidayDates }
	b, err := json.Marshal(config{Actual})
	if err != nil || string(b) != `{"Which":"actual"}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
	var c config
	if err := json.Unmarshal([]byte(`{"Which":"Observed"}`), &c); err != nil || c.Which != Observed {
		t.Errorf("json.Unmarshal = %+v, %v", c, err)
	}
}

func BenchmarkHolidaysDEBYYear(b *testing.B) {
	codes := []string{"DE-BY"}
	from, to := MustParseDate("2026-01-01"), MustParseDate("2026-12-31")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Holidays(codes, from, to, Observed); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHolidaysAreSafeForConcurrentUse: some of rickar/cal's holiday
// functions write to the holiday they are given (Japan's equinoxes set its
// Day), and its lists are shared globals; under -race this fails unless
// every computation works on a copy.
func TestHolidaysAreSafeForConcurrentUse(t *testing.T) {
	want, err := Holidays([]string{"JP"}, MustParseDate("2026-01-01"), MustParseDate("2027-12-31"), Observed)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]string, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := Holidays([]string{"JP"}, MustParseDate("2026-01-01"), MustParseDate("2027-12-31"), Observed)
			if err != nil {
				errs[i] = err.Error()
			} else if diff := cmp.Diff(want, got); diff != "" {
				errs[i] = diff
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}
