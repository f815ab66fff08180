package calendar

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func FuzzParseRecurrence(f *testing.F) {
	for _, s := range []string{
		// Valid.
		"FREQ=DAILY",
		"FREQ=WEEKLY;BYDAY=TU,TH",
		"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;WKST=SU",
		"FREQ=MONTHLY;BYDAY=-1FR",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
		"FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
		"FREQ=YEARLY;BYWEEKNO=-1,1;BYDAY=SU;WKST=TH",
		"FREQ=YEARLY;BYYEARDAY=-1,1,100;BYHOUR=9,17;BYMINUTE=0,30;BYSETPOS=2,-2",
		"FREQ=YEARLY;BYEASTER=-80,0,1,250",
		"FREQ=YEARLY;BYMONTH=1;BYDAY=-5MO,5SU",
		"FREQ=YEARLY;BYDAY=53MO,-53SU",
		"FREQ=DAILY;INTERVAL=27;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU",
		"FREQ=DAILY;COUNT=50000",
		"FREQ=DAILY;UNTIL=20260301T083000Z",
		"FREQ=DAILY;INTERVAL=1000;UNTIL=20300101",
		"DTSTART;TZID=America/Santiago:20260105T090000\nRRULE:FREQ=DAILY",
		"DTSTART;TZID=Pacific/Apia:20111201T090000\nRRULE:FREQ=DAILY;BYHOUR=0,9,23",
		"DTSTART;TZID=America/New_York:20260301T023000\r\nRRULE:FREQ=DAILY;COUNT=20\r\n",
		"DTSTART:19900101T090000\nRRULE:FREQ=WEEKLY;BYDAY=TU,TH\nEXDATE;VALUE=DATE:20260310\nEXDATE:20260312T080000Z",
		"DTSTART:20260105T120000Z\nRRULE:FREQ=DAILY\nEXDATE;TZID=Europe/Berlin:20260112T130000,20260119T130000\nRDATE:20260110T090000",
		"DTSTART:20260105T090000\nRDATE;VALUE=DATE:20260107,20260108\nRDATE;TZID=\"Asia/Tokyo\":20260109T100000",
		"FREQ=MONTHLY;BYDAY=WE,3TH;BYSETPOS=1,-1",
		"FREQ=YEARLY;BYDAY=SA,-1SU;BYHOUR=8,20",
		"DTSTART:17000101T090000\nRRULE:FREQ=MONTHLY;BYMONTH=1;BYDAY=1MO;BYSETPOS=1,7;COUNT=327",
		"DTSTART:99991201T090000\nRRULE:FREQ=WEEKLY;BYDAY=FR",
		"DTSTART:00010101T090000\nRRULE:FREQ=YEARLY;BYEASTER=0",
		// Invalid.
		"",
		"FREQ=HOURLY",
		"FREQ=MINUTELY;COUNT=10",
		"FREQ=SECONDLY",
		"FREQ=YEARLY;BYEASTER=-81",
		"FREQ=YEARLY;BYEASTER=257",
		"FREQ=YEARLY;BYEASTER=258",
		"FREQ=MONTHLY;BYDAY=-6MO",
		"FREQ=YEARLY;BYMONTH=12;BYDAY=8MO",
		"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
		"FREQ=DAILY;BYSETPOS=2",
		"FREQ=DAILY;BYHOUR=9;BYSETPOS=2",
		"FREQ=DAILY;INTERVAL=1001",
		"FREQ=DAILY;BYSECOND=1",
		"BYDAY=MO",
		"FREQ=DAILY;FOO=BAR",
		"FREQ=DAILY;COUNT=1;UNTIL=20260101",
		"DTSTART:20260101T090000\nRRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY",
		"DTSTART;TZID=Nowhere/Special:20260101T090000",
		"DTSTART;TZID=\"Europe/Berlin:20260101T090000",
		"DTSTART:00010101T000000\nRRULE:FREQ=DAILY",
		"hello\nworld",
	} {
		f.Add(s, uint16(0), uint16(30))
	}
	f.Fuzz(func(t *testing.T, text string, offset, span uint16) {
		r, err := ParseRecurrence(text, DateTime{Date{2026, time.January, 5}, 9 * 60})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseRecurrence" || pe.Input != text || pe.Msg == "" {
				t.Fatalf("ParseRecurrence(%q): error %#v is not a proper *ParseError", text, err)
			}
			return
		}
		// String round-trips.
		back, err := ParseRecurrence(r.String(), DateTime{})
		if err != nil {
			t.Fatalf("ParseRecurrence(%q) (String of %q): %v", r.String(), text, err)
		}
		if diff := cmp.Diff(r, back, recCmpOpts); diff != "" {
			t.Fatalf("%q: String %q parses differently (-want +got):\n%s", text, r.String(), diff)
		}
		// Starts over at most a year near the DTSTART, in a zone with
		// midnight DST changes.
		loc, err := time.LoadLocation("America/Santiago")
		if err != nil {
			t.Fatal(err)
		}
		from := r.Start().Date.AddDays(int(offset) - 1000)
		if from.Before(recFirstDate()) {
			from = recFirstDate()
		}
		if from.After(recLastDate()) {
			from = recLastDate()
		}
		to := from.AddDays(int(span % 366))
		if to.After(recLastDate()) {
			to = recLastDate()
		}
		starts, err := r.Starts(context.Background(), from, to, loc)
		if err != nil && !errors.Is(err, ErrTooManyOccurrences) {
			t.Fatalf("%q: Starts(%s, %s): %v", text, from, to, err)
		}
		for i, s := range starts {
			if s.Date.Before(from) || s.Date.After(to) || !s.IsValid() {
				t.Fatalf("%q: start %s outside %s..%s", text, s, from, to)
			}
			if i > 0 && starts[i-1].Compare(s) >= 0 {
				t.Fatalf("%q: starts not strictly increasing: %s then %s", text, starts[i-1], s)
			}
		}
		// Occurrences over a year from there.
		begin := Wall(from, Midnight, loc)
		window := Interval{begin, begin.AddDate(1, 0, 0)}
		occ, err := r.Occurrences(context.Background(), window, 90*time.Minute, loc)
		if err != nil && !errors.Is(err, ErrTooManyOccurrences) {
			t.Fatalf("%q: Occurrences(%v): %v", text, window, err)
		}
		for i, iv := range occ {
			if !iv.Overlaps(window) {
				t.Fatalf("%q: occurrence %v outside %v", text, iv, window)
			}
			if i > 0 && !occ[i-1].Start.Before(iv.Start) {
				t.Fatalf("%q: occurrences not strictly in time order: %v then %v", text, occ[i-1], iv)
			}
		}
	})
}
