package ics

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// FuzzRead reads any input and, when it reads, asks for a month of busy
// time in two zones: neither may panic or run long, and an error must not
// be an internal one. The seed corpus is every
// testdata file and some small malformed inputs, so go test runs them.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.ics"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"\uFEFF",
		"BEGIN:VCALENDAR",
		"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=x\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a\"b:20260101T000000\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;X=\"unterminated:20260101\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T000000Z\nRRULE:FREQ=DAILY\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T000000Z\nRRULE:FREQ=YEARLY;BYEASTER=-100\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101\nRRULE:FREQ=DAILY\nEND:VEVENT\nBEGIN:VEVENT\nUID:a\nRECURRENCE-ID;VALUE=DATE:20260102\nDTSTART:20260102\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20260101T000000Z/P1W,20260102T000000Z/20260101T000000Z\nEND:VFREEBUSY\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\n BEGIN:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:A\nBEGIN:B\nBEGIN:C\nBEGIN:D\nBEGIN:E\nBEGIN:F\nBEGIN:G\nBEGIN:H\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\rBEGIN:VEVENT\rDTSTART:20260101T000000\rDURATION:P99999999W\rEND:VEVENT\rEND:VCALENDAR\r",
		"BEGIN:VCALENDAR\nX-WR-TIMEZONE:Local\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=PERIOD:20260101T000000Z/PT1H\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:h\nDTSTART;VALUE=DATE:20260228\nDTEND;VALUE=DATE:20260305\nSUMMARY:Break\nRRULE:FREQ=WEEKLY;COUNT=3\nEND:VEVENT\nEND:VCALENDAR\n",
	} {
		f.Add([]byte(s))
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	apia, err := time.LoadLocation("Pacific/Apia")
	if err != nil {
		f.Fatal(err)
	}
	month := calendar.Interval{
		Start: time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2026, time.April, 1, 0, 0, 0, 0, time.UTC),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A small budget: no input may hold a reader for long.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c, err := Read(ctx, bytes.NewReader(data), Options{})
		if err != nil {
			checkErrorText(t, err)
			if strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "panicked") {
				t.Fatal(err)
			}
			return
		}
		ps := c.Problems()
		if len(ps) > maxProblems+1 {
			t.Fatalf("%d problems listed, want at most %d", len(ps), maxProblems+1)
		}
		for _, p := range ps {
			if p.Line < 1 {
				t.Fatalf("problem %q has no line", p)
			}
			checkErrorText(t, errors.New(p.String()))
		}
		if _, err := Read(ctx, bytes.NewReader(data), Options{Strict: true}); (err != nil) != (len(ps) > 0) {
			t.Fatalf("strict reading: %v, with %d problems read leniently", err, len(ps))
		}
		for _, zone := range []*time.Location{ny, apia} {
			s, err := c.Busy(ctx, month, zone)
			if err != nil {
				checkErrorText(t, err)
				continue
			}
			if out := s.Subtract(calendar.NewSet(month)); !out.IsEmpty() {
				t.Fatalf("Busy reaches outside the window: %s", out)
			}
		}
		// Read as a holiday calendar: days inside the range, sorted.
		from, to := calendar.MustParseDate("2026-03-01"), calendar.MustParseDate("2026-03-31")
		hs, err := c.Holidays(ctx, from, to)
		if err != nil {
			checkErrorText(t, err)
			return
		}
		for i, h := range hs {
			if h.Date.Before(from) || h.Date.After(to) || i > 0 && h.Date.Before(hs[i-1].Date) {
				t.Fatalf("holiday %d of %v: %s out of the range or order", i, hs, h.Date)
			}
		}
	})
}

// maxErrorText is the most an error about any input may say.
const maxErrorText = 1000

// checkErrorText fails t when an error is long or holds raw control
// characters: errors quote input cut short and escaped.
func checkErrorText(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if len(msg) > maxErrorText {
		t.Fatalf("the error is %d bytes long: %.300q", len(msg), msg)
	}
	if strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Fatalf("the error holds raw control characters: %.300q", msg)
	}
}
