package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// week is the spans of WeeklyHours by time.Weekday, in a form cmp can
// compare and print (WeeklyHours itself has unexported fields).
type week [7][]Span

// weekOf returns the spans of every day of w, read through Spans.
func weekOf(w WeeklyHours) week {
	var out week
	for d := range out {
		out[d] = w.Spans(time.Weekday(d))
	}
	return out
}

// sp makes a Span from two clocks written as in ParseClock.
func sp(from, to string) Span { return Span{MustParseClock(from), MustParseClock(to)} }

// on returns a week in which each of days has spans.
func on(days []time.Weekday, spans ...Span) week {
	var out week
	for _, d := range days {
		out[d] = append(out[d], spans...)
	}
	return out
}

// plus returns the week with the days of a and b; each day must be set in
// at most one of them.
func (a week) plus(b week) week {
	for d := range a {
		if len(b[d]) > 0 {
			a[d] = b[d]
		}
	}
	return a
}

var (
	monFri = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	allWk  = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
)

func days(ds ...time.Weekday) []time.Weekday { return ds }

// equateEmpty treats a nil and an empty list of spans as equal.
var equateEmpty = cmpopts.EquateEmpty()

func TestParseWeeklyHours(t *testing.T) {
	nineToFive := sp("09:00", "17:00")
	tests := []struct {
		name    string
		in      string
		want    week
		str     string        // the canonical String
		perWeek time.Duration // checked when not zero
	}{
		{
			name:    "plain Mon-Fri",
			in:      "Mon-Fri 09:00-17:00",
			want:    on(monFri, nineToFive),
			str:     "Mon-Fri 09:00-17:00",
			perWeek: 40 * time.Hour,
		},
		{
			name: "several clauses",
			in:   "Mon-Fri 09:00-17:00; Sat 10:00-12:00",
			want: on(monFri, nineToFive).plus(on(days(time.Saturday), sp("10:00", "12:00"))),
			str:  "Mon-Fri 09:00-17:00; Sat 10:00-12:00",
		},
		{
			name: "several spans per day",
			in:   "Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00",
			want: on(days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday), sp("09:00", "12:00"), sp("13:00", "17:30")).
				plus(on(days(time.Friday), sp("09:00", "13:00"))),
			str:     "Mon-Thu 09:00-12:00,13:00-17:30; Fri 09:00-13:00",
			perWeek: 4*(3*time.Hour+4*time.Hour+30*time.Minute) + 4*time.Hour,
		},
		{
			name: "spans given out of order are sorted",
			in:   "Tue 13:00-17:00,09:00-12:00",
			want: on(days(time.Tuesday), sp("09:00", "12:00"), sp("13:00", "17:00")),
			str:  "Tue 09:00-12:00,13:00-17:00",
		},
		{
			name: "wrapping Sun-Thu",
			in:   "Sun-Thu 08:00-16:00",
			want: on(days(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), sp("08:00", "16:00")),
			str:  "Sun-Thu 08:00-16:00",
		},
		{
			name: "wrapping Fri-Mon",
			in:   "Fri-Mon 10:00-14:00",
			want: on(days(time.Friday, time.Saturday, time.Sunday, time.Monday), sp("10:00", "14:00")),
			str:  "Fri-Mon 10:00-14:00",
		},
		{
			name: "wrapping run written as two clauses",
			in:   "Sun-Thu 08:00-16:00; Sat 08:00-16:00",
			want: on(days(time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday), sp("08:00", "16:00")),
			str:  "Sat-Thu 08:00-16:00",
		},
		{
			name: "Sunday and Monday only",
			in:   "Mon 09:00-10:00; Sun 09:00-10:00",
			want: on(days(time.Sunday, time.Monday), sp("09:00", "10:00")),
			str:  "Sun-Mon 09:00-10:00",
		},
		{
			name: "single day",
			in:   "Wed 07:15-07:45",
			want: on(days(time.Wednesday), sp("07:15", "07:45")),
			str:  "Wed 07:15-07:45",
		},
		{
			name: "single Sunday",
			in:   "Sun 10:00-12:00",
			want: on(days(time.Sunday), sp("10:00", "12:00")),
			str:  "Sun 10:00-12:00",
		},
		{
			name: "range of one day",
			in:   "Tue-Tue 10:00-12:00",
			want: on(days(time.Tuesday), sp("10:00", "12:00")),
			str:  "Tue 10:00-12:00",
		},
		{
			name: "comma day list",
			in:   "Mon,Wed-Fri 09:00-17:00",
			want: on(days(time.Monday, time.Wednesday, time.Thursday, time.Friday), nineToFive),
			str:  "Mon 09:00-17:00; Wed-Fri 09:00-17:00",
		},
		{
			name:    "night shift Mon-Fri",
			in:      "Mon-Fri 22:00-06:00",
			want:    on(monFri, sp("22:00", "06:00")),
			str:     "Mon-Fri 22:00-06:00",
			perWeek: 40 * time.Hour,
		},
		{
			name:    "night shift Sat-Sun",
			in:      "Sat-Sun 22:00-06:00",
			want:    on(days(time.Saturday, time.Sunday), sp("22:00", "06:00")),
			str:     "Sat-Sun 22:00-06:00",
			perWeek: 16 * time.Hour,
		},
		{
			name:    "whole day 00:00-24:00",
			in:      "Mon 00:00-24:00",
			want:    on(days(time.Monday), sp("00:00", "24:00")),
			str:     "Mon 00:00-24:00",
			perWeek: 24 * time.Hour,
		},
		{
			name:    "00:00-00:00 is the whole day",
			in:      "Mon 00:00-00:00",
			want:    on(days(time.Monday), sp("00:00", "24:00")),
			str:     "Mon 00:00-24:00",
			perWeek: 24 * time.Hour,
		},
		{
			name:    "ends at 24:00",
			in:      "Tue 22:00-24:00",
			want:    on(days(time.Tuesday), sp("22:00", "24:00")),
			str:     "Tue 22:00-24:00",
			perWeek: 2 * time.Hour,
		},
		{
			name:    "09:00-09:00 lasts 24 hours",
			in:      "Thu 09:00-09:00",
			want:    on(days(time.Thursday), sp("09:00", "09:00")),
			str:     "Thu 09:00-09:00",
			perWeek: 24 * time.Hour,
		},
		{
			name:    "overlapping spans merge",
			in:      "Mon 09:00-12:00,11:00-14:00",
			want:    on(days(time.Monday), sp("09:00", "14:00")),
			str:     "Mon 09:00-14:00",
			perWeek: 5 * time.Hour,
		},
		{
			name: "touching spans merge",
			in:   "Mon 09:00-12:00,12:00-14:00",
			want: on(days(time.Monday), sp("09:00", "14:00")),
			str:  "Mon 09:00-14:00",
		},
		{
			name: "nested span disappears",
			in:   "Mon 09:00-17:00,10:00-11:00",
			want: on(days(time.Monday), nineToFive),
			str:  "Mon 09:00-17:00",
		},
		{
			name: "night shifts merge",
			in:   "Fri 20:00-02:00,23:00-04:00",
			want: on(days(time.Friday), sp("20:00", "04:00")),
			str:  "Fri 20:00-04:00",
		},
		{
			name: "day and night spans join into exactly 24 hours",
			in:   "Mon 09:00-17:00,17:00-09:00",
			want: on(days(time.Monday), sp("09:00", "09:00")),
			str:  "Mon 09:00-09:00",
		},
		{
			name: "span inside a 24-hour span",
			in:   "Mon 09:00-09:00,10:00-10:30",
			want: on(days(time.Monday), sp("09:00", "09:00")),
			str:  "Mon 09:00-09:00",
		},
		{
			name: "night shift does not merge with the next day",
			in:   "Mon 22:00-06:00; Tue 05:00-07:00",
			want: on(days(time.Monday), sp("22:00", "06:00")).plus(on(days(time.Tuesday), sp("05:00", "07:00"))),
			str:  "Mon 22:00-06:00; Tue 05:00-07:00",
		},
		{
			name: "same day in two clauses merges",
			in:   "Mon-Fri 09:00-12:00; Wed 11:00-15:00",
			want: on(days(time.Monday, time.Tuesday, time.Thursday, time.Friday), sp("09:00", "12:00")).
				plus(on(days(time.Wednesday), sp("09:00", "15:00"))),
			str: "Mon-Tue 09:00-12:00; Wed 09:00-15:00; Thu-Fri 09:00-12:00",
		},
		{
			name: "same day in two clauses keeps disjoint spans",
			in:   "Mon 13:00-17:00; Mon 09:00-12:00",
			want: on(days(time.Monday), sp("09:00", "12:00"), sp("13:00", "17:00")),
			str:  "Mon 09:00-12:00,13:00-17:00",
		},
		{
			name: "case-insensitive abbreviations",
			in:   "mon-FRI 09:00-17:00",
			want: on(monFri, nineToFive),
			str:  "Mon-Fri 09:00-17:00",
		},
		{
			name: "full day names",
			in:   "Monday-Friday 09:00-17:00",
			want: on(monFri, nineToFive),
			str:  "Mon-Fri 09:00-17:00",
		},
		{
			name: "other abbreviations in mixed case",
			in:   "tues,THURS,Thur,SUNDAY 09:00-10:00",
			want: on(days(time.Sunday, time.Tuesday, time.Thursday), sp("09:00", "10:00")),
			str:  "Tue 09:00-10:00; Thu 09:00-10:00; Sun 09:00-10:00",
		},
		{
			name: "one-digit hours",
			in:   "Mon 9:00-17:00,18:00-1:30",
			want: on(days(time.Monday), sp("09:00", "17:00"), sp("18:00", "01:30")),
			str:  "Mon 09:00-17:00,18:00-01:30",
		},
		{
			name: "extra whitespace",
			in:   "  Mon - Fri   09:00 - 17:00 ,  18:00-19:00 ;   Sat\t10:00-12:00  ",
			want: on(monFri, nineToFive, sp("18:00", "19:00")).plus(on(days(time.Saturday), sp("10:00", "12:00"))),
			str:  "Mon-Fri 09:00-17:00,18:00-19:00; Sat 10:00-12:00",
		},
		{
			name: "spaces in day list",
			in:   "Mon , Wed - Thu 09:00-10:00",
			want: on(days(time.Monday, time.Wednesday, time.Thursday), sp("09:00", "10:00")),
			str:  "Mon 09:00-10:00; Wed-Thu 09:00-10:00",
		},
		{
			name: "newlines between clauses",
			in:   "Mon-Fri 09:00-17:00;\nSat 10:00-12:00\n",
			want: on(monFri, nineToFive).plus(on(days(time.Saturday), sp("10:00", "12:00"))),
			str:  "Mon-Fri 09:00-17:00; Sat 10:00-12:00",
		},
		{
			name: "trailing semicolon",
			in:   "Mon-Fri 09:00-17:00;",
			want: on(monFri, nineToFive),
			str:  "Mon-Fri 09:00-17:00",
		},
		{
			name: "trailing semicolon and space",
			in:   "Mon-Fri 09:00-17:00 ; ",
			want: on(monFri, nineToFive),
			str:  "Mon-Fri 09:00-17:00",
		},
		{
			name: "empty text",
			in:   "",
			str:  "",
		},
		{
			name: "whitespace only",
			in:   " \t\n ",
			str:  "",
		},
		{
			name:    "all seven days equal",
			in:      "Mon-Sun 09:00-17:00",
			want:    on(allWk, nineToFive),
			str:     "Mon-Sun 09:00-17:00",
			perWeek: 56 * time.Hour,
		},
		{
			name: "all seven days as Sun-Sat",
			in:   "Sun-Sat 09:00-17:00",
			want: on(allWk, nineToFive),
			str:  "Mon-Sun 09:00-17:00",
		},
		{
			name: "all seven days as a wrapping range",
			in:   "Tue-Mon 09:00-17:00",
			want: on(allWk, nineToFive),
			str:  "Mon-Sun 09:00-17:00",
		},
		{
			name: "all seven days in pieces",
			in:   "Mon,Tue,Wed 9:00-17:00; Thu-Sun 09:00-17:00",
			want: on(allWk, nineToFive),
			str:  "Mon-Sun 09:00-17:00",
		},
		{
			name:    "all seven nights",
			in:      "Mon-Sun 22:00-06:00",
			want:    on(allWk, sp("22:00", "06:00")),
			str:     "Mon-Sun 22:00-06:00",
			perWeek: 56 * time.Hour,
		},
		{
			name:    "every minute of the week",
			in:      "Mon-Sun 00:00-24:00",
			want:    on(allWk, sp("00:00", "24:00")),
			str:     "Mon-Sun 00:00-24:00",
			perWeek: 7 * 24 * time.Hour,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWeeklyHours(tt.in)
			if err != nil {
				t.Fatalf("ParseWeeklyHours(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, weekOf(w), equateEmpty); diff != "" {
				t.Errorf("ParseWeeklyHours(%q) spans mismatch (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.str, w.String()); diff != "" {
				t.Errorf("ParseWeeklyHours(%q).String() mismatch (-want +got):\n%s", tt.in, diff)
			}
			wantZero := true
			for _, spans := range tt.want {
				wantZero = wantZero && len(spans) == 0
			}
			if got := w.IsZero(); got != wantZero {
				t.Errorf("ParseWeeklyHours(%q).IsZero() = %v, want %v", tt.in, got, wantZero)
			}
			if tt.perWeek != 0 {
				if got := w.PerWeek(); got != tt.perWeek {
					t.Errorf("ParseWeeklyHours(%q).PerWeek() = %v, want %v", tt.in, got, tt.perWeek)
				}
			}
			// The canonical form reads back to the same hours.
			back, err := ParseWeeklyHours(w.String())
			if err != nil {
				t.Fatalf("ParseWeeklyHours(%q) (the String of %q): %v", w.String(), tt.in, err)
			}
			if !back.Equal(w) {
				t.Errorf("String does not round-trip (-want +got):\n%s", cmp.Diff(weekOf(w), weekOf(back), equateEmpty))
			}
			// And so does the text form.
			text, err := w.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			var u WeeklyHours
			if err := u.UnmarshalText(text); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", text, err)
			}
			if !u.Equal(w) {
				t.Errorf("MarshalText/UnmarshalText (-want +got):\n%s", cmp.Diff(weekOf(w), weekOf(u), equateEmpty))
			}
		})
	}
}

func TestWeeklyHoursZeroValue(t *testing.T) {
	var w WeeklyHours
	if !w.IsZero() {
		t.Error("zero WeeklyHours: IsZero() = false")
	}
	if got := w.String(); got != "" {
		t.Errorf("zero WeeklyHours: String() = %q, want \"\"", got)
	}
	if diff := cmp.Diff(week{}, weekOf(w), equateEmpty); diff != "" {
		t.Errorf("zero WeeklyHours spans (-want +got):\n%s", diff)
	}
	if !w.Equal(MustParseWeeklyHours("")) {
		t.Error(`zero WeeklyHours is not Equal to ParseWeeklyHours("")`)
	}
}

func TestWeeklyHoursSpansIsACopy(t *testing.T) {
	w := MustParseWeeklyHours("Mon 09:00-17:00")
	s := w.Spans(time.Monday)
	s[0] = sp("01:00", "02:00")
	if diff := cmp.Diff([]Span{sp("09:00", "17:00")}, w.Spans(time.Monday)); diff != "" {
		t.Errorf("changing the result of Spans changed the hours (-want +got):\n%s", diff)
	}
	for _, d := range []time.Weekday{-1, 7} {
		if got := w.Spans(d); got != nil {
			t.Errorf("Spans(%d) = %v, want nil", d, got)
		}
	}
}

// ParseWorkingHours refuses a written span of more than 16 hours, but
// for the whole day, and names the likely reading: the end on a 24-hour
// clock, when that is a span of 16 hours or less. Worked out by hand:
// 09:00-5:00 runs 20h (to 05:00 the next day), meant 09:00-17:00 (8h);
// 13:00-5:30, 16h30, meant 13:00-17:30; 08:00-01:00 (17h) meant
// 08:00-13:00; 06:00-23:00 (17h) and 00:00-00:00 (24h) have no such
// reading; 22:00-06:00 (8h), 9:00-17:00, 00:00-24:00 and 07:00-23:00
// (exactly 16h) are kept.
func TestParseWorkingHours(t *testing.T) {
	for in, want := range map[string]string{
		"Mon-Fri 09:00-5:00":          `"09:00-5:00": a span of 20h past midnight, over 16h; did you mean 09:00-17:00 (a 24-hour clock)?`,
		"Mon 13:00-5:30":              `"13:00-5:30": a span of 16h30m past midnight, over 16h; did you mean 13:00-17:30 (a 24-hour clock)?`,
		"Tue 08:00-01:00":             `"08:00-01:00": a span of 17h past midnight, over 16h; did you mean 08:00-13:00 (a 24-hour clock)?`,
		"Wed 06:00-23:00":             `"06:00-23:00": a span of 17h, over 16h (00:00-24:00 is the whole day)`,
		"Thu 00:00-00:00":             `"00:00-00:00": a span of 24h past midnight, over 16h (00:00-24:00 is the whole day)`,
		"Fri 06:00-14:00,14:00-23:00": `Friday: spans join into 06:00-23:00, 17h long, over 16h`,
	} {
		_, err := ParseWorkingHours(in)
		if err == nil || err.Error() != fmt.Sprintf("calendar.ParseWorkingHours(%q): %s", in, want) {
			t.Errorf("ParseWorkingHours(%q): %v, want %s", in, err, want)
		}
		if _, err := ParseWeeklyHours(in); err != nil {
			t.Errorf("ParseWeeklyHours(%q): %v, want it read", in, err)
		}
	}
	for _, in := range []string{"Mon-Fri 22:00-06:00", "Mon-Fri 9:00-17:00", "Sat 00:00-24:00", "Sun 07:00-23:00", "Mon 09:00-17:00,17:00-01:00", "Tue 00:00-12:00,12:00-24:00"} {
		strict, err := ParseWorkingHours(in)
		if err != nil {
			t.Errorf("ParseWorkingHours(%q): %v", in, err)
		}
		if loose := MustParseWeeklyHours(in); !loose.Equal(strict) {
			t.Errorf("ParseWorkingHours(%q) = %s, ParseWeeklyHours %s", in, strict, loose)
		}
	}
}

func TestParseWeeklyHoursErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		part string // the bad part, quoted in the message; "" to check nothing
		msg  string // a piece of the message
	}{
		{name: "misspelt day in range", in: "Mon-Fry 09:00-17:00", part: "Fry", msg: "unknown day"},
		{name: "misspelt day", in: "Mnday 09:00-10:00", part: "Mnday", msg: "unknown day"},
		{name: "day list without commas", in: "Mon Tue 09:00-10:00", part: "Mon Tue", msg: "unknown day"},
		{name: "range of three days", in: "Mon-Fri-Sat 09:00-10:00", part: "Fri-Sat", msg: "unknown day"},
		{name: "colon after day", in: "Mon: 09:00-10:00", part: "Mon:", msg: "unknown day"},
		{name: "junk before days", in: "junk Mon-Fri 09:00-17:00", part: "junk Mon", msg: "unknown day"},
		{name: "hour 25", in: "Mon-Fri 25:00-17:00", part: "25:00", msg: "after 24:00"},
		{name: "end after 24:00", in: "Mon-Fri 09:00-24:01", part: "24:01", msg: "after 24:00"},
		{name: "minute 60", in: "Mon 09:60-10:00", part: "09:60", msg: "minute 60"},
		{name: "one-digit minute", in: "Mon 9:5-10:00", part: "9:5", msg: "HH:MM"},
		{name: "no colon", in: "Mon 0900-1000", part: "0900", msg: "HH:MM"},
		{name: "am and pm", in: "Mon 9:00am-5:00pm", part: "9:00am", msg: "HH:MM"},
		{name: "double dash", in: "Mon 09:00--10:00", part: "-10:00", msg: "HH:MM"},
		{name: "three clocks", in: "Mon 09:00-10:00-11:00", part: "10:00-11:00", msg: "HH:MM"},
		{name: "no end", in: "Mon-Fri 09:00", part: "09:00", msg: "want a span"},
		{name: "no dash between clocks", in: "Mon 09:00 17:00", part: "09:00 17:00", msg: "want a span"},
		{name: "lone number", in: "Mon 09:00-10:00; Tue 7", part: "7", msg: "want a span"},
		{name: "no hours", in: "Mon-Fri", part: "Mon-Fri", msg: "missing hours"},
		{name: "no hours in second clause", in: "Mon-Fri 09:00-17:00; Sat", part: "Sat", msg: "missing hours"},
		{name: "words only", in: "closed", part: "closed", msg: "missing hours"},
		{name: "no days", in: "09:00-17:00", part: "09:00-17:00", msg: "missing days"},
		{name: "no days in second clause", in: "Mon 09:00-10:00; 11:00-12:00", part: "11:00-12:00", msg: "missing days"},
		{name: "start at 24:00", in: "Mon 24:00-02:00", part: "24:00-02:00", msg: "cannot start at 24:00"},
		{name: "joins into more than 24h", in: "Mon 00:00-24:00,12:00-06:00", msg: "Monday: spans join into 00:00-06:00, longer than 24 hours"},
		{name: "24h span and an earlier one", in: "Mon 09:00-09:00,08:00-10:00", msg: "Monday: spans join into 08:00-09:00, longer than 24 hours"},
		{name: "two clauses join into more than 24h", in: "Mon-Fri 22:00-06:00; Wed 05:00-23:00", msg: "Wednesday: spans join into 05:00-06:00, longer than 24 hours"},
		{name: "trailing junk", in: "Mon-Fri 09:00-17:00 junk", part: "17:00 junk", msg: "HH:MM"},
		{name: "missing comma between spans", in: "Mon-Fri 09:00-17:00 18:00-19:00", part: "17:00 18:00-19:00", msg: "HH:MM"},
		{name: "empty day in list", in: "Mon,,Tue 09:00-10:00", part: "Mon,,Tue", msg: "empty day name"},
		{name: "dangling dash in days", in: "Mon- 09:00-10:00", part: "Mon-", msg: "empty day name"},
		{name: "trailing comma after spans", in: "Mon 09:00-10:00,", part: "09:00-10:00,", msg: "empty span"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseWeeklyHours(tt.in)
			if err == nil {
				t.Fatalf("ParseWeeklyHours(%q) = %q, want an error", tt.in, w)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseWeeklyHours(%q): error %v is a %T, want a *ParseError", tt.in, err, err)
			}
			if !w.IsZero() {
				t.Errorf("ParseWeeklyHours(%q) returned %q with its error, want the zero value", tt.in, w)
			}
			if pe.Func != "ParseWeeklyHours" || pe.Input != tt.in {
				t.Errorf("ParseWeeklyHours(%q): Func, Input = %q, %q", tt.in, pe.Func, pe.Input)
			}
			msg := err.Error()
			if !strings.Contains(msg, strconv.Quote(tt.in)) {
				t.Errorf("ParseWeeklyHours(%q): error %q does not quote the input", tt.in, msg)
			}
			if tt.part != "" && !strings.Contains(msg, strconv.Quote(tt.part)) {
				t.Errorf("ParseWeeklyHours(%q): error %q does not quote %q", tt.in, msg, tt.part)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Errorf("ParseWeeklyHours(%q): error %q does not say %q", tt.in, msg, tt.msg)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	valid := []struct {
		in   string
		want Clock
		str  string
	}{
		{"00:00", 0, "00:00"},
		{"0:00", 0, "00:00"},
		{"9:30", 9*60 + 30, "09:30"},
		{"09:30", 9*60 + 30, "09:30"},
		{"12:00", 12 * 60, "12:00"},
		{"23:59", 23*60 + 59, "23:59"},
		{"24:00", EndOfDay, "24:00"},
	}
	for _, tt := range valid {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if err != nil {
				t.Fatalf("ParseClock(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseClock(%q) (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.str, got.String()); diff != "" {
				t.Errorf("ParseClock(%q).String() (-want +got):\n%s", tt.in, diff)
			}
		})
	}
	invalid := []struct {
		name, in, msg string
	}{
		{"24:01", "24:01", "after 24:00"},
		{"25:00", "25:00", "after 24:00"},
		{"99:00", "99:00", "after 24:00"},
		{"minute 60", "10:60", "minute 60"},
		{"one-digit minute", "9:5", "HH:MM"},
		{"one-digit minute after two-digit hour", "09:5", "HH:MM"},
		{"no colon", "0930", "HH:MM"},
		{"empty", "", "HH:MM"},
		{"colon only", ":", "HH:MM"},
		{"no hour", ":30", "HH:MM"},
		{"three-digit hour", "009:30", "HH:MM"},
		{"negative", "-1:00", "HH:MM"},
		{"plus sign", "+9:00", "HH:MM"},
		{"seconds", "09:30:00", "HH:MM"},
		{"leading space", " 09:30", "HH:MM"},
		{"trailing space", "09:30 ", "HH:MM"},
		{"dot", "09.30", "HH:MM"},
		{"non-ASCII digits", "٠٩:٣٠", "HH:MM"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseClock(tt.in)
			if err == nil {
				t.Fatalf("ParseClock(%q) = %v, want an error", tt.in, got)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseClock(%q): error %v is a %T, want a *ParseError", tt.in, err, err)
			}
			want := &ParseError{Func: "ParseClock", Input: tt.in, Part: tt.in}
			if diff := cmp.Diff(want, pe, cmpopts.IgnoreFields(ParseError{}, "Msg")); diff != "" {
				t.Errorf("ParseClock(%q) error (-want +got):\n%s", tt.in, diff)
			}
			if msg := err.Error(); !strings.Contains(msg, strconv.Quote(tt.in)) || !strings.Contains(msg, tt.msg) {
				t.Errorf("ParseClock(%q): error %q, want it to quote the input and say %q", tt.in, msg, tt.msg)
			}
		})
	}
}

func TestClockAccessors(t *testing.T) {
	tests := []struct {
		c            Clock
		str          string
		hour, minute int
		valid        bool
	}{
		{Midnight, "00:00", 0, 0, true},
		{1, "00:01", 0, 1, true},
		{59, "00:59", 0, 59, true},
		{60, "01:00", 1, 0, true},
		{9*60 + 5, "09:05", 9, 5, true},
		{23*60 + 59, "23:59", 23, 59, true},
		{EndOfDay, "24:00", 24, 0, true},
		{EndOfDay + 1, "Clock(1441)", 24, 1, false},
		{-1, "Clock(-1)", 0, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.str, func(t *testing.T) {
			got := struct {
				Str          string
				Hour, Minute int
				Valid        bool
			}{tt.c.String(), tt.c.Hour(), tt.c.Minute(), tt.c.IsValid()}
			want := struct {
				Str          string
				Hour, Minute int
				Valid        bool
			}{tt.str, tt.hour, tt.minute, tt.valid}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Clock(%d) (-want +got):\n%s", int(tt.c), diff)
			}
		})
	}
}

func TestClockTextRoundTrip(t *testing.T) {
	for c := Midnight; c <= EndOfDay; c++ {
		text, err := c.MarshalText()
		if err != nil {
			t.Fatalf("Clock(%d).MarshalText: %v", int(c), err)
		}
		if string(text) != c.String() {
			t.Fatalf("Clock(%d).MarshalText = %q, want %q", int(c), text, c.String())
		}
		var got Clock
		if err := got.UnmarshalText(text); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", text, err)
		}
		if got != c {
			t.Fatalf("UnmarshalText(%q) = %d, want %d", text, int(got), int(c))
		}
		if p, err := ParseClock(c.String()); err != nil || p != c {
			t.Fatalf("ParseClock(%q) = %d, %v; want %d", c.String(), int(p), err, int(c))
		}
	}
}

func TestClockMarshalTextInvalid(t *testing.T) {
	for _, c := range []Clock{-1, EndOfDay + 1, 100000} {
		if text, err := c.MarshalText(); err == nil {
			t.Errorf("Clock(%d).MarshalText() = %q, want an error", int(c), text)
		}
	}
}

func TestClockUnmarshalTextInvalid(t *testing.T) {
	c := MustParseClock("10:15")
	err := c.UnmarshalText([]byte("24:30"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Input != "24:30" {
		t.Fatalf("UnmarshalText(\"24:30\"): %v, want a *ParseError for the input", err)
	}
	if c != MustParseClock("10:15") {
		t.Errorf("a failed UnmarshalText changed the clock to %v", c)
	}
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		{"2026-03-08", Date{2026, time.March, 8}},
		{"2024-02-29", Date{2024, time.February, 29}},
		{"2000-02-29", Date{2000, time.February, 29}},
		{"2026-12-31", Date{2026, time.December, 31}},
		{"2026-04-30", Date{2026, time.April, 30}},
		{"0001-01-01", Date{1, time.January, 1}},
		{"9999-12-31", Date{9999, time.December, 31}},
	}
	for _, tt := range valid {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseDate(%q) (-want +got):\n%s", tt.in, diff)
			}
			if got.String() != tt.in {
				t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
			}
			if !got.IsValid() {
				t.Errorf("ParseDate(%q).IsValid() = false", tt.in)
			}
		})
	}
	invalid := []struct {
		name, in, msg string
	}{
		{"not a leap year", "2026-02-29", "has no day 29"},
		{"1900 not a leap year", "1900-02-29", "has no day 29"},
		{"April 31", "2026-04-31", "has no day 31"},
		{"day 00", "2026-03-00", "has no day 00"},
		{"day 32", "2026-01-32", "has no day 32"},
		{"month 13", "2026-13-01", "month 13"},
		{"month 00", "2026-00-10", "month 00"},
		{"year 0000", "0000-01-01", "year 0000"},
		{"two-digit year", "26-03-08", "YYYY-MM-DD"},
		{"one-digit month and day", "2026-3-8", "YYYY-MM-DD"},
		{"slashes", "2026/03/08", "YYYY-MM-DD"},
		{"signed year", "+026-03-08", "YYYY-MM-DD"},
		{"negative year", "-026-03-08", "YYYY-MM-DD"},
		{"five-digit year", "12026-03-08", "YYYY-MM-DD"},
		{"empty", "", "YYYY-MM-DD"},
		{"with time", "2026-03-08T00:00", "YYYY-MM-DD"},
		{"leading space", " 2026-03-08", "YYYY-MM-DD"},
		{"trailing space", "2026-03-08 ", "YYYY-MM-DD"},
		{"letters", "2026-Ma-08", "YYYY-MM-DD"},
	}
	for _, tt := range invalid {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDate(%q): error %v is a %T, want a *ParseError", tt.in, err, err)
			}
			if pe.Func != "ParseDate" || pe.Input != tt.in {
				t.Errorf("ParseDate(%q): Func, Input = %q, %q", tt.in, pe.Func, pe.Input)
			}
			if got != (Date{}) {
				t.Errorf("ParseDate(%q) returned %v with its error, want the zero Date", tt.in, got)
			}
			if msg := err.Error(); !strings.Contains(msg, strconv.Quote(tt.in)) || !strings.Contains(msg, tt.msg) {
				t.Errorf("ParseDate(%q): error %q, want it to quote the input and say %q", tt.in, msg, tt.msg)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2026, time.March, 8}, "2026-03-08"},
		{Date{1, time.January, 1}, "0001-01-01"},
		{Date{987, time.October, 5}, "0987-10-05"},
		{Date{9999, time.December, 31}, "9999-12-31"},
		{Date{12026, time.March, 8}, "12026-03-08"},
		{Date{}, "0000-00-00"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestDateWeekday(t *testing.T) {
	// Every day of 1600 to 2400, against the time package.
	d := Date{1600, time.January, 1}
	for tm := time.Date(1600, 1, 1, 12, 0, 0, 0, time.UTC); tm.Year() <= 2400; tm = tm.AddDate(0, 0, 1) {
		if want := DateOf(tm); d != want {
			t.Fatalf("AddDays(1) walking forward reached %v, want %v", d, want)
		}
		if got, want := d.Weekday(), tm.Weekday(); got != want {
			t.Fatalf("%v.Weekday() = %v, want %v", d, got, want)
		}
		d = d.AddDays(1)
	}
	// And back again with negative steps, a week at a time.
	d = d.AddDays(-1)
	for tm := time.Date(2400, 12, 31, 12, 0, 0, 0, time.UTC); tm.Year() >= 1600; tm = tm.AddDate(0, 0, -7) {
		if want := DateOf(tm); d != want {
			t.Fatalf("AddDays(-7) walking back reached %v, want %v", d, want)
		}
		if got, want := d.Weekday(), tm.Weekday(); got != want {
			t.Fatalf("%v.Weekday() = %v, want %v", d, got, want)
		}
		d = d.AddDays(-7)
	}
	// Some days the reader can check by hand.
	for _, tt := range []struct {
		d    string
		want time.Weekday
	}{
		{"1970-01-01", time.Thursday},
		{"1969-12-31", time.Wednesday},
		{"2000-01-01", time.Saturday},
		{"2026-03-08", time.Sunday},
		{"0001-01-01", time.Monday},
	} {
		if got := MustParseDate(tt.d).Weekday(); got != tt.want {
			t.Errorf("%s.Weekday() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestDateAddDaysDaysSince(t *testing.T) {
	base := MustParseDate("2024-02-28")
	tests := []struct {
		n    int
		want string
	}{
		{0, "2024-02-28"},
		{1, "2024-02-29"},
		{2, "2024-03-01"},
		{-59, "2023-12-31"},
		{366, "2025-02-28"},
		{-365, "2023-02-28"},
		{-738943, "0001-01-01"},
	}
	for _, tt := range tests {
		got := base.AddDays(tt.n)
		if diff := cmp.Diff(MustParseDate(tt.want), got); diff != "" {
			t.Errorf("%v.AddDays(%d) (-want +got):\n%s", base, tt.n, diff)
		}
		if back := got.DaysSince(base); back != tt.n {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", got, base, back, tt.n)
		}
		if back := base.DaysSince(got); back != -tt.n {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", base, got, back, -tt.n)
		}
	}
	// An invalid date is normalised the way time.Date does it.
	if got, want := (Date{2026, time.February, 30}).AddDays(0), MustParseDate("2026-03-02"); got != want {
		t.Errorf("2026-02-30 AddDays(0) = %v, want %v", got, want)
	}
	if got, want := (Date{2026, 13, 1}).AddDays(0), MustParseDate("2027-01-01"); got != want {
		t.Errorf("2026-13-01 AddDays(0) = %v, want %v", got, want)
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2026-03-08", "2026-03-08", 0},
		{"2026-03-07", "2026-03-08", -1},
		{"2026-03-09", "2026-03-08", +1},
		{"2025-12-31", "2026-01-01", -1},
		{"2026-02-01", "2026-01-31", +1},
		{"0001-01-01", "9999-12-31", -1},
	}
	for _, tt := range tests {
		a, b := MustParseDate(tt.a), MustParseDate(tt.b)
		got := struct {
			Compare, Reverse int
			Before, After    bool
		}{a.Compare(b), b.Compare(a), a.Before(b), a.After(b)}
		want := struct {
			Compare, Reverse int
			Before, After    bool
		}{tt.want, -tt.want, tt.want < 0, tt.want > 0}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s vs %s (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}

func TestDateIsValid(t *testing.T) {
	tests := []struct {
		d    Date
		want bool
	}{
		{Date{}, false},
		{Date{2026, time.March, 8}, true},
		{Date{2024, time.February, 29}, true},
		{Date{2026, time.February, 29}, false},
		{Date{2100, time.February, 29}, false},
		{Date{2000, time.February, 29}, true},
		{Date{2026, time.April, 31}, false},
		{Date{2026, 0, 1}, false},
		{Date{2026, 13, 1}, false},
		{Date{2026, time.March, 0}, false},
		{Date{0, time.January, 1}, false},
		{Date{1, time.January, 1}, true},
		{Date{9999, time.December, 31}, true},
		{Date{10000, time.January, 1}, false},
		{Date{-1, time.January, 1}, false},
	}
	for _, tt := range tests {
		if got := tt.d.IsValid(); got != tt.want {
			t.Errorf("%#v.IsValid() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestDateOf(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	honolulu := time.FixedZone("HST", -10*3600)
	instant := time.Date(2026, 3, 8, 20, 30, 0, 0, time.UTC)
	tests := []struct {
		t    time.Time
		want string
	}{
		{instant, "2026-03-08"},
		{instant.In(tokyo), "2026-03-09"},
		{instant.Add(-21 * time.Hour).In(honolulu), "2026-03-07"},
		{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "2024-02-29"},
		{time.Date(2024, 2, 29, 23, 59, 59, 999999999, tokyo), "2024-02-29"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(MustParseDate(tt.want), DateOf(tt.t)); diff != "" {
			t.Errorf("DateOf(%v) (-want +got):\n%s", tt.t, diff)
		}
	}
}

func TestDateTextRoundTrip(t *testing.T) {
	for _, s := range []string{"2026-03-08", "0001-01-01", "9999-12-31", "2024-02-29"} {
		d := MustParseDate(s)
		text, err := d.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText: %v", d, err)
		}
		if string(text) != s {
			t.Errorf("%v.MarshalText = %q, want %q", d, text, s)
		}
		var got Date
		if err := got.UnmarshalText(text); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", text, err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("UnmarshalText(%q) (-want +got):\n%s", text, diff)
		}
	}
	for _, d := range []Date{{2026, time.February, 29}, {10000, time.January, 1}} {
		if text, err := d.MarshalText(); err == nil {
			t.Errorf("%#v.MarshalText() = %q, want an error", d, text)
		}
	}
	// The zero Date is "" and back, as netip.Addr's zero value is.
	if text, err := (Date{}).MarshalText(); err != nil || len(text) != 0 {
		t.Errorf("Date{}.MarshalText() = %q, %v, want \"\"", text, err)
	}
	zero := MustParseDate("2026-03-08")
	if err := zero.UnmarshalText(nil); err != nil || zero != (Date{}) {
		t.Errorf("UnmarshalText(\"\") = %v, %v, want the zero Date", zero, err)
	}
	d := MustParseDate("2026-03-08")
	err := d.UnmarshalText([]byte("2026-02-29"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Input != "2026-02-29" {
		t.Errorf("UnmarshalText(\"2026-02-29\"): %v, want a *ParseError for the input", err)
	}
	if d != MustParseDate("2026-03-08") {
		t.Errorf("a failed UnmarshalText changed the date to %v", d)
	}
}

type jsonPlan struct {
	Day   Date        `json:"day"`
	Start Clock       `json:"start"`
	Hours WeeklyHours `json:"hours"`
}

func TestJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   jsonPlan
		json string
	}{
		{
			name: "full",
			in: jsonPlan{
				Day:   MustParseDate("2026-03-08"),
				Start: MustParseClock("9:30"),
				Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00; sat 22:00-06:00"),
			},
			json: `{"day":"2026-03-08","start":"09:30","hours":"Mon-Fri 09:00-17:00; Sat 22:00-06:00"}`,
		},
		{
			name: "end of day and no hours",
			in: jsonPlan{
				Day:   MustParseDate("2024-02-29"),
				Start: EndOfDay,
			},
			json: `{"day":"2024-02-29","start":"24:00","hours":""}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatalf("json.Marshal: %v", err)
			}
			if diff := cmp.Diff(tt.json, string(b)); diff != "" {
				t.Errorf("json.Marshal (-want +got):\n%s", diff)
			}
			var got jsonPlan
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", b, err)
			}
			if diff := cmp.Diff(tt.in, got, cmp.Comparer(WeeklyHours.Equal)); diff != "" {
				t.Errorf("json round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestJSONErrors(t *testing.T) {
	for _, in := range []string{
		`{"day":"2026-02-29"}`,
		`{"start":"24:01"}`,
		`{"hours":"Mon-Fry 09:00-17:00"}`,
	} {
		var p jsonPlan
		err := json.Unmarshal([]byte(in), &p)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("json.Unmarshal(%s): %v, want a *ParseError", in, err)
		}
	}
	if b, err := json.Marshal(jsonPlan{}); err != nil || !strings.Contains(string(b), `"day":""`) {
		t.Errorf("json.Marshal of a zero Date = %s, %v, want \"day\":\"\"", b, err)
	}
	if b, err := json.Marshal(jsonPlan{Day: MustParseDate("2026-03-08"), Start: -5}); err == nil {
		t.Errorf("json.Marshal of an invalid Clock = %s, want an error", b)
	}
}

// dayWords are the ways of writing each day that ParseWeeklyHours reads, by
// time.Weekday.
var dayWords = [7][]string{
	{"Sun", "Sunday"},
	{"Mon", "Monday"},
	{"Tue", "Tues", "Tuesday"},
	{"Wed", "Wednesday"},
	{"Thu", "Thur", "Thurs", "Thursday"},
	{"Fri", "Friday"},
	{"Sat", "Saturday"},
}

// rawSpan is a span as written in the text: its day, start and end in
// minutes from the midnight that starts the day, end up to start+1440.
type rawSpan struct {
	day       time.Weekday
	from, end int
}

// drawWeeklyText draws the text of weekly hours, and the spans it names.
func drawWeeklyText(t *rapid.T) (string, []rawSpan) {
	space := rapid.SampledFrom([]string{"", " ", "  ", "\t"})
	word := func(d time.Weekday, label string) string {
		w := rapid.SampledFrom(dayWords[d]).Draw(t, label)
		switch rapid.IntRange(0, 3).Draw(t, label+"Case") {
		case 1:
			w = strings.ToLower(w)
		case 2:
			w = strings.ToUpper(w)
		}
		return w
	}
	clock := func(c Clock, label string) string {
		s := c.String()
		if c.Hour() < 10 && rapid.Bool().Draw(t, label+"OneDigit") {
			s = s[1:]
		}
		return s
	}
	var clauses []string
	var raws []rawSpan
	for range rapid.IntRange(1, 4).Draw(t, "clauses") {
		var on []time.Weekday
		var items []string
		for range rapid.IntRange(1, 3).Draw(t, "items") {
			first := time.Weekday(rapid.IntRange(0, 6).Draw(t, "first"))
			item := word(first, "firstWord")
			on = append(on, first)
			if rapid.Bool().Draw(t, "isRange") {
				last := time.Weekday(rapid.IntRange(0, 6).Draw(t, "last"))
				item += space.Draw(t, "s") + "-" + space.Draw(t, "s") + word(last, "lastWord")
				for d := (first + 1) % 7; d != (last+1)%7; d = (d + 1) % 7 {
					on = append(on, d)
				}
			}
			items = append(items, item)
		}
		var spans []string
		for range rapid.IntRange(1, 3).Draw(t, "spans") {
			from := rapid.IntRange(0, 1439).Draw(t, "from")
			// Mostly short spans, so that a day seldom adds up to more
			// than 24 hours; sometimes anything up to a whole day.
			length := rapid.OneOf(
				rapid.IntRange(1, 4*60),
				rapid.IntRange(1, 4*60),
				rapid.IntRange(1, 12*60),
				rapid.IntRange(1, 1440),
				rapid.Just(1440),
				rapid.Just(1440-from), // ends at 24:00
			).Draw(t, "length")
			end := from + length
			to := Clock(end)
			if end > int(EndOfDay) || (end == int(EndOfDay) && rapid.Bool().Draw(t, "endAs0000")) {
				to = Clock(end - int(EndOfDay))
			}
			spans = append(spans, clock(Clock(from), "fromText")+space.Draw(t, "s")+"-"+space.Draw(t, "s")+clock(to, "toText"))
			for _, d := range on {
				raws = append(raws, rawSpan{d, from, end})
			}
		}
		clauses = append(clauses, space.Draw(t, "s")+strings.Join(items, ","+space.Draw(t, "s"))+
			" "+space.Draw(t, "s")+strings.Join(spans, ","+space.Draw(t, "s")))
	}
	text := strings.Join(clauses, ";"+space.Draw(t, "s"))
	if rapid.Bool().Draw(t, "trailingSemicolon") {
		text += ";"
	}
	return text, raws
}

// checkWeeklyInvariants checks that every day of w has sorted spans that
// neither overlap nor touch, each at most 24 hours long and written in
// its normal form.
func checkWeeklyInvariants(t interface{ Fatalf(string, ...any) }, w WeeklyHours) {
	for d := range 7 {
		prevEnd := -1
		for _, s := range w.Spans(time.Weekday(d)) {
			if s.From < Midnight || s.From >= EndOfDay || s.To <= Midnight || s.To > EndOfDay {
				t.Fatalf("%v: span %d-%d out of range in %q", time.Weekday(d), int(s.From), int(s.To), w)
			}
			if int(s.From) <= prevEnd {
				t.Fatalf("%v: span %v overlaps or touches the one before it in %q", time.Weekday(d), s, w)
			}
			if s.Length() <= 0 || s.Length() > 24*time.Hour {
				t.Fatalf("%v: span %v has length %v in %q", time.Weekday(d), s, s.Length(), w)
			}
			prevEnd = s.end()
		}
	}
}

func TestWeeklyHoursStringRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text, raws := drawWeeklyText(t)
		w, err := ParseWeeklyHours(text)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && strings.Contains(pe.Msg, "longer than 24 hours") {
				t.Skip("day longer than 24 hours")
			}
			t.Fatalf("ParseWeeklyHours(%q): %v", text, err)
		}
		checkWeeklyInvariants(t, w)

		// Each day covers the minutes its spans named, no more.
		var model, got [7][2 * 1440]bool
		for _, r := range raws {
			for m := r.from; m < r.end; m++ {
				model[r.day][m] = true
			}
		}
		for d := range 7 {
			for _, s := range w.Spans(time.Weekday(d)) {
				for m := int(s.From); m < s.end(); m++ {
					got[d][m] = true
				}
			}
		}
		for d := range 7 {
			for m := range model[d] {
				if model[d][m] != got[d][m] {
					t.Fatalf("ParseWeeklyHours(%q): %v spans %v: minute %d of the day is covered %v, want %v",
						text, time.Weekday(d), w.Spans(time.Weekday(d)), m, got[d][m], model[d][m])
				}
			}
		}

		s := w.String()
		back, err := ParseWeeklyHours(s)
		if err != nil {
			t.Fatalf("ParseWeeklyHours(%q) (the String of %q): %v", s, text, err)
		}
		if !back.Equal(w) {
			t.Fatalf("String %q of %q does not round-trip (-want +got):\n%s", s, text, cmp.Diff(weekOf(w), weekOf(back), equateEmpty))
		}
		if s2 := back.String(); s2 != s {
			t.Fatalf("String is not a fixed point: %q, then %q", s, s2)
		}
	})
}

func TestDateAddDaysMatchesTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		y := rapid.IntRange(1, 9999).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		d := Date{y, m, rapid.IntRange(1, daysIn(y, m)).Draw(t, "day")}
		n := rapid.OneOf(rapid.IntRange(-1000, 1000), rapid.IntRange(-4_000_000, 4_000_000)).Draw(t, "n")
		tm := time.Date(y, m, d.Day+n, 12, 0, 0, 0, time.UTC)
		got := d.AddDays(n)
		if want := DateOf(tm); got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
		}
		if got.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", got, got.Weekday(), tm.Weekday())
		}
		if back := got.DaysSince(d); back != n {
			t.Fatalf("%v.DaysSince(%v) = %d, want %d", got, d, back, n)
		}
		if back := got.AddDays(-n); back != d {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", got, -n, back, d)
		}
		if c := got.Compare(d); c != cmpInt(n, 0) {
			t.Fatalf("%v.Compare(%v) = %d, want %d", got, d, c, cmpInt(n, 0))
		}
	})
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}

// TestParseErrorMessage checks that ParseError formats as documented.
func TestParseErrorMessage(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{Func: "ParseClock", Input: "25:00", Part: "25:00", Msg: "after 24:00"}, `calendar.ParseClock("25:00"): after 24:00`},
		{&ParseError{Func: "ParseWeeklyHours", Input: "Mon-Fry 09:00-17:00", Part: "Fry", Msg: "unknown day"}, `calendar.ParseWeeklyHours("Mon-Fry 09:00-17:00"): "Fry": unknown day`},
		{&ParseError{Func: "ParseDate", Input: "x", Msg: "want YYYY-MM-DD"}, `calendar.ParseDate("x"): want YYYY-MM-DD`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.err.Error()); diff != "" {
			t.Errorf("%#v.Error() (-want +got):\n%s", tt.err, diff)
		}
	}
}
