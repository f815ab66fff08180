package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// checkParseError checks that err, from the parser fn given input, is a
// *ParseError that names fn and holds input.
func checkParseError(t *testing.T, fn, input string, err error) *ParseError {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("%s(%q): error %v is a %T, want a *ParseError", fn, input, err, err)
	}
	if pe.Func != fn || pe.Input != input {
		t.Fatalf("%s(%q): ParseError has Func %q and Input %q", fn, input, pe.Func, pe.Input)
	}
	if pe.Msg == "" {
		t.Fatalf("%s(%q): ParseError has no message", fn, input)
	}
	return pe
}

func FuzzParseWeeklyHours(f *testing.F) {
	for _, s := range []string{
		// Valid.
		"",
		"   ",
		"Mon-Fri 09:00-17:00",
		"Mon-Fri 09:00-17:00; Sat 10:00-12:00",
		"Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00",
		"Sun-Thu 08:00-16:00",
		"Fri-Mon 10:00-14:00",
		"Mon,Wed-Fri 22:00-06:00",
		"Sat-Sun 22:00-06:00",
		"Mon 00:00-24:00",
		"Mon 00:00-00:00",
		"Tue 22:00-24:00",
		"Thu 09:00-09:00",
		"Mon 09:00-12:00,11:00-14:00",
		"Mon 09:00-12:00,12:00-14:00",
		"Mon-Fri 09:00-12:00; Wed 11:00-15:00",
		"mon-FRI 9:00-17:00",
		"Monday-Friday 09:00-17:00; tues,THURS 18:00-19:00",
		"  Mon - Fri   09:00 - 17:00 ,  18:00-19:00 ;   Sat\t10:00-12:00  ",
		"Mon-Fri 09:00-17:00;",
		"Mon-Sun 09:00-17:00",
		"Tue-Mon 22:00-06:00",
		"Mon 09:00-17:00,17:00-09:00",
		// Invalid.
		"Mon-Fry 09:00-17:00",
		"Mon-Fri 25:00-17:00",
		"Mon-Fri 09:00",
		"Mon-Fri",
		"09:00-17:00",
		"Mon 24:00-02:00",
		"Mon 09:60-10:00",
		"Mon 00:00-24:00,12:00-06:00",
		"Mon-Fri 22:00-06:00; Wed 05:00-23:00",
		"Mon,,Tue 09:00-10:00",
		"Mon 09:00-10:00,",
		"Mon-Fri 09:00-17:00 junk",
		"Mon-Fri-Sat 09:00-10:00",
		"Mon 09:00--10:00",
		"Mon 9:00am-5:00pm",
		";",
		"-",
		",",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeeklyHours(s)
		if err != nil {
			pe := checkParseError(t, "ParseWeeklyHours", s, err)
			if !strings.Contains(s, pe.Part) {
				t.Fatalf("ParseWeeklyHours(%q): part %q is not in the input", s, pe.Part)
			}
			if !w.IsZero() {
				t.Fatalf("ParseWeeklyHours(%q) returned %q with its error", s, w)
			}
			return
		}
		checkWeeklyInvariants(t, w)
		str := w.String()
		back, err := ParseWeeklyHours(str)
		if err != nil {
			t.Fatalf("ParseWeeklyHours(%q) (the String of %q): %v", str, s, err)
		}
		if !back.Equal(w) {
			t.Fatalf("String %q of %q does not round-trip (-want +got):\n%s", str, s, cmp.Diff(weekOf(w), weekOf(back), equateEmpty))
		}
		if str2 := back.String(); str2 != str {
			t.Fatalf("String of %q is not a fixed point: %q, then %q", s, str, str2)
		}
		if w.IsZero() != (str == "") {
			t.Fatalf("ParseWeeklyHours(%q): IsZero %v but String %q", s, w.IsZero(), str)
		}
	})
}

// clockModel is an independent reading of ParseClock's documented
// grammar: one or two ASCII digits, a colon, two ASCII digits, minute
// under 60, at most 24:00.
func clockModel(s string) (Clock, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	n := 0
	for _, r := range h + m {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	hh, mm := n/100, n%100
	if mm > 59 || hh*60+mm > 24*60 {
		return 0, false
	}
	return Clock(hh*60 + mm), true
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{
		"00:00", "0:00", "9:30", "09:30", "12:00", "23:59", "24:00",
		"24:01", "25:00", "99:99", "9:5", "09:5", "0930", "", ":", ":30",
		"-1:00", "+9:00", "09:30:00", " 09:30", "09:30 ", "009:30", "٠٩:٣٠",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		want, wantOK := clockModel(s)
		if err != nil {
			pe := checkParseError(t, "ParseClock", s, err)
			if pe.Part != s {
				t.Fatalf("ParseClock(%q): Part %q, want the input", s, pe.Part)
			}
			if wantOK {
				t.Fatalf("ParseClock(%q): %v, want %v", s, err, want)
			}
			return
		}
		if !wantOK || c != want {
			t.Fatalf("ParseClock(%q) = %v, want ok=%v %v", s, c, wantOK, want)
		}
		if !c.IsValid() {
			t.Fatalf("ParseClock(%q) = %d, which is not valid", s, int(c))
		}
		str := c.String()
		back, err := ParseClock(str)
		if err != nil || back != c {
			t.Fatalf("ParseClock(%q) (the String of %q) = %v, %v; want %v", str, s, back, err, c)
		}
		if back.String() != str {
			t.Fatalf("String of %q is not a fixed point: %q, then %q", s, str, back.String())
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-03-08", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
		"2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-03-00", "0000-01-01", "26-03-08", "2026-3-8", "2026/03/08",
		"+026-03-08", "-026-03-08", "12026-03-08", "", "2026-03-08T00:00",
		" 2026-03-08", "2026-03-08 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		// The time package reads the same form, but allows year 0000.
		tm, terr := time.Parse("2006-01-02", s)
		wantOK := terr == nil && tm.Year() != 0
		if err != nil {
			checkParseError(t, "ParseDate", s, err)
			if wantOK {
				t.Fatalf("ParseDate(%q): %v, but time.Parse reads %v", s, err, tm)
			}
			if d != (Date{}) {
				t.Fatalf("ParseDate(%q) returned %v with its error", s, d)
			}
			return
		}
		if !wantOK {
			t.Fatalf("ParseDate(%q) = %v, but time.Parse says %v", s, d, terr)
		}
		if want := DateOf(tm); d != want {
			t.Fatalf("ParseDate(%q) = %v, time.Parse reads %v", s, d, want)
		}
		if !d.IsValid() {
			t.Fatalf("ParseDate(%q) = %#v, which is not valid", s, d)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("ParseDate(%q).Weekday() = %v, want %v", s, d.Weekday(), tm.Weekday())
		}
		str := d.String()
		back, err := ParseDate(str)
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) (the String of %q) = %v, %v; want %v", str, s, back, err, d)
		}
		if back.String() != str {
			t.Fatalf("String of %q is not a fixed point: %q, then %q", s, str, back.String())
		}
	})
}

// FuzzParseSpan: a span reads as its two clocks (checked against
// ParseClock, whose own model checks it) around one "-", and its String
// reads back the same.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{
		"22:00-07:00", "9:00-17:00", "00:00-24:00", "00:00-00:00", " 23:00 - 06:00 ",
		"24:00-06:00", "22:00", "22:00-", "-07:00", "22:00-07:00-08:00", "", "ab-cd", "22:00–07:00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSpan(s)
		from, to, cut := strings.Cut(s, "-")
		f, errF := ParseClock(strings.TrimSpace(from))
		c, errT := ParseClock(strings.TrimSpace(to))
		wantOK := cut && errF == nil && errT == nil && f != EndOfDay
		if err != nil {
			checkParseError(t, "ParseSpan", s, err)
			if wantOK {
				t.Fatalf("ParseSpan(%q): %v, want %s-%s", s, err, f, c)
			}
			return
		}
		if !wantOK || sp != (Span{f, c}) {
			t.Fatalf("ParseSpan(%q) = %v, want ok=%v", s, sp, wantOK)
		}
		back, err := ParseSpan(sp.String())
		if err != nil || back != sp {
			t.Fatalf("ParseSpan(%q) (the String of %q) = %v, %v", sp.String(), s, back, err)
		}
	})
}
