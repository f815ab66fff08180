package ics

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// benchCalendar returns the text of a calendar of 2,000 events over two
// years (2025 and 2026), 200 of them recurring (daily or weekly, with no
// end, from 2025, each with EXDATEs), in several zones and forms: the
// size of a busy person's exported calendar.
func benchCalendar() []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	zones := []string{"America/New_York", "Europe/Berlin", "Asia/Kolkata", "America/Santiago", "Australia/Lord_Howe", "W. Europe Standard Time", "Pacific Standard Time"}
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tzplan//bench//EN\r\nX-WR-TIMEZONE:America/New_York\r\n")
	base := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		day := base.AddDate(0, 0, rng.IntN(730))
		hour, minute := 7+rng.IntN(11), 15*rng.IntN(4)
		length := 15 * (1 + rng.IntN(8))
		zone := zones[rng.IntN(len(zones))]
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:bench-%d@example.com\r\nDTSTAMP:20250101T000000Z\r\n", i)
		stamp := func(d time.Time, h, m int) string {
			return fmt.Sprintf("%04d%02d%02dT%02d%02d00", d.Year(), int(d.Month()), d.Day(), h, m)
		}
		end := func(d time.Time) (time.Time, int, int) {
			t := time.Date(d.Year(), d.Month(), d.Day(), hour, minute+length, 0, 0, time.UTC)
			return t, t.Hour(), t.Minute()
		}
		if i%10 == 0 {
			// Recurring, from early 2025, with no end.
			day = base.AddDate(0, 0, rng.IntN(120))
			ed, eh, em := end(day)
			fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\n", zone, stamp(day, hour, minute), zone, stamp(ed, eh, em))
			if i%20 == 0 {
				b.WriteString("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n")
			} else {
				fmt.Fprintf(&b, "RRULE:FREQ=WEEKLY;INTERVAL=%d\r\n", 1+rng.IntN(2))
			}
			for range 5 {
				ex := day.AddDate(0, 0, 7*rng.IntN(80))
				fmt.Fprintf(&b, "EXDATE;TZID=%s:%s\r\n", zone, stamp(ex, hour, minute))
			}
			fmt.Fprintf(&b, "EXDATE;VALUE=DATE:%04d%02d%02d\r\n", day.Year()+1, int(day.Month()), day.Day())
		} else if i%25 == 1 {
			fmt.Fprintf(&b, "DTSTART;VALUE=DATE:%04d%02d%02d\r\nDURATION:P%dD\r\n", day.Year(), int(day.Month()), day.Day(), 1+rng.IntN(3))
		} else if i%3 == 0 {
			ed, eh, em := end(day)
			fmt.Fprintf(&b, "DTSTART:%s\r\nDTEND:%s\r\n", stamp(day, hour, minute), stamp(ed, eh, em))
		} else {
			ed, eh, em := end(day)
			fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDTEND;TZID=%s:%s\r\n", zone, stamp(day, hour, minute), zone, stamp(ed, eh, em))
		}
		b.WriteString("SUMMARY:Generated event\r\nDESCRIPTION:A description long enough to be folded once by the exporting\r\n  client.\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	data := benchCalendar()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(context.Background(), bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBusyQuarter asks the 2,000-event calendar for one quarter.
func BenchmarkBusyQuarter(b *testing.B) {
	c, err := Read(context.Background(), bytes.NewReader(benchCalendar()), Options{})
	if err != nil {
		b.Fatal(err)
	}
	owner, err := time.LoadLocation("Europe/Lisbon")
	if err != nil {
		b.Fatal(err)
	}
	w := calendar.Interval{
		Start: time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2026, time.July, 1, 0, 0, 0, 0, time.UTC),
	}
	var n int
	for b.Loop() {
		s, err := c.Busy(context.Background(), w, owner)
		if err != nil {
			b.Fatal(err)
		}
		n = s.Len()
	}
	b.ReportMetric(float64(n), "intervals")
}

// issue42 returns the corpus's largest real export (a Google calendar of
// 4,778 events, 1.6 MB), or skips b when the corpus is absent.
func issue42(b *testing.B) []byte {
	data, err := os.ReadFile(filepath.Join(corpusDir, "rie__issue42.ics"))
	if err != nil {
		b.Skipf("the corpus of real-world calendars is not here (%v)", err)
	}
	return data
}

// BenchmarkReadIssue42 reads the export.
func BenchmarkReadIssue42(b *testing.B) {
	data := issue42(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(context.Background(), bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBusyIssue42Year asks the export, read beforehand, for the
// busy time of 2020 in London.
func BenchmarkBusyIssue42Year(b *testing.B) {
	c, err := Read(context.Background(), bytes.NewReader(issue42(b)), Options{})
	if err != nil {
		b.Fatal(err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		b.Fatal(err)
	}
	year := calendar.Interval{Start: time.Date(2020, 1, 1, 0, 0, 0, 0, london), End: time.Date(2021, 1, 1, 0, 0, 0, 0, london)}
	var n int
	for b.Loop() {
		s, err := c.Busy(context.Background(), year, london)
		if err != nil {
			b.Fatal(err)
		}
		n = s.Len()
	}
	b.ReportMetric(float64(n), "intervals")
}

// BenchmarkReadAndBusyIssue42 does both, as a service does with an upload.
func BenchmarkReadAndBusyIssue42(b *testing.B) {
	data := issue42(b)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		b.Fatal(err)
	}
	year := calendar.Interval{Start: time.Date(2020, 1, 1, 0, 0, 0, 0, london), End: time.Date(2021, 1, 1, 0, 0, 0, 0, london)}
	for b.Loop() {
		c, err := Read(context.Background(), bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Busy(context.Background(), year, london); err != nil {
			b.Fatal(err)
		}
	}
}
