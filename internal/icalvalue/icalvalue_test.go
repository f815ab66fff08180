package icalvalue

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// checkQuoted checks that err, from parsing s, quotes s. Every input here is
// short enough to be quoted whole.
func checkQuoted(t *testing.T, fn, s string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s(%q): no error", fn, s)
	}
	if !strings.Contains(err.Error(), strconv.Quote(s)) {
		t.Errorf("%s(%q): error %q does not quote the input", fn, s, err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want DateTime
	}{
		{"20260303", DateTime{Year: 2026, Month: time.March, Day: 3}},
		{"20240229", DateTime{Year: 2024, Month: time.February, Day: 29}}, // leap day
		{"20000229", DateTime{Year: 2000, Month: time.February, Day: 29}}, // divisible by 400
		{"00010101", DateTime{Year: 1, Month: time.January, Day: 1}},
		{"99991231", DateTime{Year: 9999, Month: time.December, Day: 31}},
		{"20260131", DateTime{Year: 2026, Month: time.January, Day: 31}},
		{"20260430", DateTime{Year: 2026, Month: time.April, Day: 30}},
		{"20261201", DateTime{Year: 2026, Month: time.December, Day: 1}},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseDate(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, in := range []string{
		"20260229",   // 2026 is not a leap year
		"19000229",   // divisible by 100, not by 400
		"20261301",   // month 13
		"20260001",   // month 0
		"20260100",   // day 0
		"20260132",   // day 32
		"20260431",   // April has 30 days
		"00000101",   // year 0
		"2026-03-03", // ISO 8601 extended form
		"2026033",    // 7 characters
		"202603033",  // 9 characters
		"",
		"2026O303", // a letter O
		"2026 303",
		"+2026030",
		"+20260303",
		"-2026030",
		"20260303T090000", // a date-time is not a date
		"２０２６0303",        // full-width digits
	} {
		v, err := ParseDate(in)
		if err == nil {
			t.Errorf("ParseDate(%q) = %+v, want an error", in, v)
			continue
		}
		checkQuoted(t, "ParseDate", in, err)
		if v != (DateTime{}) {
			t.Errorf("ParseDate(%q) = %+v with an error, want the zero DateTime", in, v)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in   string
		want DateTime
	}{
		{"20260303T090000", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9}},
		{"20260303T090000Z", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9, UTC: true}},
		{"20260303t090000", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9}},
		{"20260303T090000z", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9, UTC: true}},
		{"20260303t090000z", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9, UTC: true}},
		{"20240229T235959", DateTime{Year: 2024, Month: time.February, Day: 29, Hour: 23, Minute: 59, Second: 59}},
		{"20260303T120059", DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 12, Second: 59}},
		{"00010101T000000", DateTime{Year: 1, Month: time.January, Day: 1}},
		{"99991231T235959Z", DateTime{Year: 9999, Month: time.December, Day: 31, Hour: 23, Minute: 59, Second: 59, UTC: true}},
		{"20261231T101112", DateTime{Year: 2026, Month: time.December, Day: 31, Hour: 10, Minute: 11, Second: 12}},
	}
	for _, tc := range tests {
		got, err := ParseDateTime(tc.in)
		if err != nil {
			t.Errorf("ParseDateTime(%q): %v", tc.in, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ParseDateTime(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestParseDateTimeRejects(t *testing.T) {
	for _, in := range []string{
		"20260229T090000",     // no 29 February in 2026
		"20261301T090000",     // month 13
		"00000101T090000",     // year 0
		"2026-03-03T09:00:00", // ISO 8601 extended form
		"20260303T240000",     // hour 24
		"20260303T126000",     // minute 60
		"20260303T120060",     // a leap second
		"20260303T0900",       // no seconds
		"20260303T09000",      // 5 digits of time
		"20260303T0900000",    // 7 digits of time
		"20260303T090000ZZ",
		"20260303T090000+01",
		"20260303T090000Y",
		"20260303 090000",
		"20260303X090000",
		"20260303",  // a date is not a date-time
		"20260303T", // no time
		"T090000",
		"Z",
		"",
		"+20260303T090000",
		"+2026030T090000",
		"2026030AT090000",
		"20260303T09000A",
		"20260303T-90000",
		"20260303T09-000",
		"20260303T0900-0",
		" 20260303T090000",
		"20260303T090000 ",
		"20260303Ｔ090000", // a full-width T
	} {
		v, err := ParseDateTime(in)
		if err == nil {
			t.Errorf("ParseDateTime(%q) = %+v, want an error", in, v)
			continue
		}
		checkQuoted(t, "ParseDateTime", in, err)
		if v != (DateTime{}) {
			t.Errorf("ParseDateTime(%q) = %+v with an error, want the zero DateTime", in, v)
		}
	}
}

func TestParseErrorsOfHugeInputsStaySmall(t *testing.T) {
	huge := "20260303T090000" + strings.Repeat("9", 1<<20)
	for name, err := range map[string]error{
		"ParseDate":     func() error { _, err := ParseDate(huge); return err }(),
		"ParseDateTime": func() error { _, err := ParseDateTime(huge); return err }(),
	} {
		if err == nil {
			t.Errorf("%s of 1 MB: no error", name)
			continue
		}
		msg := err.Error()
		if len(msg) > 200 {
			t.Errorf("%s of 1 MB: error of %d bytes", name, len(msg))
		}
		// The first 60 bytes of the input, quoted, then "...".
		if want := `"20260303T090000` + strings.Repeat("9", 45) + `"...`; !strings.Contains(msg, want) {
			t.Errorf("%s of 1 MB: error %q does not contain %q", name, msg, want)
		}
	}
}

func TestQuoteShort(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"20260303", `"20260303"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"tab\there\nnewline", `"tab\there\nnewline"`},
		{"\x00\xff", `"\x00\xff"`},
		{"Zürich €", `"Zürich €"`},
		{strings.Repeat("a", 60), `"` + strings.Repeat("a", 60) + `"`}, // exactly 60 bytes: whole
	}
	for _, tc := range tests {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestQuoteLong(t *testing.T) {
	a := strings.Repeat
	tests := []struct {
		name, in, want string
	}{
		{"61 bytes", a("a", 61), `"` + a("a", 60) + `"...`},
		{"1 MB of ASCII", a("a", 1<<20), `"` + a("a", 60) + `"...`},
		// Byte 60 is the first byte left out. A rune that starts before it
		// and goes on past it is left out whole.
		{"é over bytes 59 and 60", a("a", 59) + "é" + a("a", 1<<20), `"` + a("a", 59) + `"...`},
		{"€ over bytes 58 to 60", a("a", 58) + "€" + a("a", 1<<20), `"` + a("a", 58) + `"...`},
		{"€ over bytes 59 to 61", a("a", 59) + "€" + a("a", 1<<20), `"` + a("a", 59) + `"...`},
		{"😀 over bytes 57 to 60", a("a", 57) + "😀" + a("a", 1<<20), `"` + a("a", 57) + `"...`},
		{"😀 over bytes 59 to 62", a("a", 59) + "😀" + a("a", 1<<20), `"` + a("a", 59) + `"...`},
		// A rune that ends at byte 59 is kept.
		{"é over bytes 58 and 59", a("a", 58) + "é" + a("a", 1<<20), `"` + a("a", 58) + `é"...`},
		{"😀 over bytes 56 to 59", a("a", 56) + "😀" + a("a", 1<<20), `"` + a("a", 56) + `😀"...`},
		// 1 MB of two-byte runes: 30 of them are 60 bytes.
		{"1 MB of é", a("é", 1<<19), `"` + a("é", 30) + `"...`},
		// 1 MB of three-byte runes: 20 of them are 60 bytes.
		{"1 MB of €", a("€", 1<<19), `"` + a("€", 20) + `"...`},
		// 1 MB of three-byte runes after one ASCII byte: the 20th rune
		// is at bytes 58 to 60.
		{"1 MB of € after one byte", "x" + a("€", 1<<19), `"x` + a("€", 19) + `"...`},
		// 1 MB of four-byte runes after two ASCII bytes: the 15th rune is
		// at bytes 58 to 61.
		{"1 MB of 😀 after two bytes", "xy" + a("😀", 1<<18), `"xy` + a("😀", 14) + `"...`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Quote(tc.in)
			if got != tc.want {
				t.Errorf("Quote = %s, want %s", got, tc.want)
			}
			if len(got) > 70 {
				t.Errorf("Quote gives %d bytes, want at most 70", len(got))
			}
			if !strings.HasSuffix(got, `"...`) {
				t.Errorf("Quote = %s, want it to end in \"...", got)
			}
			body, err := strconv.Unquote(strings.TrimSuffix(got, "..."))
			if err != nil {
				t.Fatalf("Quote = %s: not a quoted string and \"...\": %v", got, err)
			}
			if !utf8.ValidString(body) || !strings.HasPrefix(tc.in, body) || len(body) > 60 || len(body) < 57 {
				t.Errorf("Quote quotes %q, want a prefix of the input of 57 to 60 bytes that splits no rune", body)
			}
		})
	}
}

func TestQuoteOfUnprintableBytesIsBounded(t *testing.T) {
	// %q writes an unprintable byte as 4 characters (\x00), so 60 of them
	// quote as 240 bytes: still bounded, whatever the input's length.
	for _, in := range []string{strings.Repeat("\x00", 1<<20), strings.Repeat("\xff", 1<<20)} {
		got := Quote(in)
		if len(got) > 4*60+len(`"..."`) || !strings.HasSuffix(got, `"...`) {
			t.Errorf("Quote(1 MB of %q) = %s: %d bytes", in[:1], got, len(got))
		}
	}
}

func TestDaysIn(t *testing.T) {
	//                Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
	common := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	leap := [12]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for _, tc := range []struct {
		year int
		want [12]int
	}{
		{1900, common}, // divisible by 100, not by 400
		{2000, leap},   // divisible by 400
		{2024, leap},
		{2026, common},
	} {
		var got [12]int
		for m := time.January; m <= time.December; m++ {
			got[m-1] = DaysIn(tc.year, m)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("DaysIn(%d, January..December) (-want +got):\n%s", tc.year, diff)
		}
	}
}

func TestDigits(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"7", 7, true},
		{"007", 7, true},
		{"2026", 2026, true},
		{"123456789", 123456789, true}, // nine digits
		{"999999999", 999999999, true},
		{"000000000", 0, true},
		{"1234567890", 0, false}, // ten digits
		{"0000000000", 0, false},
		{"+1", 0, false},
		{"-1", 0, false},
		{"+", 0, false},
		{"-", 0, false},
		{" 1", 0, false},
		{"1 ", 0, false},
		{"1a", 0, false},
		{"0x1", 0, false},
		{"1.5", 0, false},
		{"١", 0, false}, // an Arabic-Indic digit
		{"/", 0, false}, // '0'-1
		{":", 0, false}, // '9'+1
	}
	for _, tc := range tests {
		got, ok := Digits(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Digits(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		v    DateTime
		want string
	}{
		{DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9}, "20260303T090000"},
		{DateTime{Year: 2026, Month: time.March, Day: 3, Hour: 9, UTC: true}, "20260303T090000Z"},
		{DateTime{Year: 1, Month: time.January, Day: 1}, "00010101T000000"},
		{DateTime{Year: 9999, Month: time.December, Day: 31, Hour: 23, Minute: 59, Second: 59}, "99991231T235959"},
	}
	for _, tc := range tests {
		if got := tc.v.Format(); got != tc.want {
			t.Errorf("%+v.Format() = %q, want %q", tc.v, got, tc.want)
		}
	}
	if got := FormatDate(2024, time.February, 29); got != "20240229" {
		t.Errorf("FormatDate(2024, February, 29) = %q, want 20240229", got)
	}
}

// daysInMonth is DaysIn by way of package time, which normalises the day
// before the 1st of the next month.
func daysInMonth(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// checkFields checks that v's fields are in range.
func checkFields(t *testing.T, s string, v DateTime) {
	t.Helper()
	if v.Year < 1 || v.Year > 9999 || v.Month < time.January || v.Month > time.December ||
		v.Day < 1 || v.Day > daysInMonth(v.Year, v.Month) ||
		v.Hour < 0 || v.Hour > 23 || v.Minute < 0 || v.Minute > 59 || v.Second < 0 || v.Second > 59 {
		t.Fatalf("%q: fields out of range: %+v", s, v)
	}
}

// checkError checks that err, from parsing s, quotes s and stays small.
func checkError(t *testing.T, fn, s string, err error) {
	t.Helper()
	msg := err.Error()
	if len(s) <= 60 && !strings.Contains(msg, strconv.Quote(s)) {
		t.Fatalf("%s(%q): error %q does not quote the input", fn, s, msg)
	}
	if len(s) > 60 && (!strings.Contains(msg, `"...`) || len(msg) > 4*60+100) {
		t.Fatalf("%s of %d bytes: error of %d bytes: %q", fn, len(s), len(msg), msg)
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{
		"20260303T090000",
		"20260303T090000Z",
		"20260303t090000z",
		"20240229T235959",
		"00010101T000000",
		"99991231T235959Z",
		"20260303T120059",
		"20260303",
		"20240229",
		"20260229T090000",
		"20261301T090000",
		"00000101T000000",
		"2026-03-03T09:00:00",
		"20260303T240000",
		"20260303T126000",
		"20260303T120060",
		"20260303T0900",
		"20260303T090000ZZ",
		"+2026030T090000",
		"2026030+T090000",
		"20260303T+90000",
		"",
		"Z",
		"z",
		"T",
		"20260303T09000é",
		"2026030\xffT090000",
		strings.Repeat("2", 16),
		strings.Repeat("é", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDateTime(s)
		if err != nil {
			checkError(t, "ParseDateTime", s, err)
			if v != (DateTime{}) {
				t.Fatalf("ParseDateTime(%q) = %+v with an error", s, v)
			}
		} else {
			checkFields(t, s, v)
			// The grammar has one spelling of each value, up to the case of
			// T and Z; Format writes upper case, and always the seconds.
			out := v.Format()
			if out != strings.ToUpper(s) {
				t.Fatalf("ParseDateTime(%q).Format() = %q", s, out)
			}
			back, err := ParseDateTime(out)
			if err != nil {
				t.Fatalf("ParseDateTime(%q) (Format of ParseDateTime(%q)): %v", out, s, err)
			}
			if back != v {
				t.Fatalf("ParseDateTime(%q) = %+v, but ParseDateTime of its Format %q = %+v", s, v, out, back)
			}
			// Its date is a DATE value.
			d, err := ParseDate(s[:8])
			if err != nil || d != (DateTime{Year: v.Year, Month: v.Month, Day: v.Day}) {
				t.Fatalf("ParseDate(%q) = %+v, %v; ParseDateTime(%q) = %+v", s[:8], d, err, s, v)
			}
		}

		d, err := ParseDate(s)
		if err != nil {
			checkError(t, "ParseDate", s, err)
			return
		}
		checkFields(t, s, d)
		if d.Hour != 0 || d.Minute != 0 || d.Second != 0 || d.UTC {
			t.Fatalf("ParseDate(%q) = %+v has a time", s, d)
		}
		if out := FormatDate(d.Year, d.Month, d.Day); out != s {
			t.Fatalf("FormatDate of ParseDate(%q) = %q", s, out)
		}
		if dt, err := ParseDateTime(s + "T000000"); err != nil || dt != d {
			t.Fatalf("ParseDateTime(%q) = %+v, %v; ParseDate(%q) = %+v", s+"T000000", dt, err, s, d)
		}
	})
}
