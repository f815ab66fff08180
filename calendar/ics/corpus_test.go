package ics

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// corpusDir is the folder of real-world iCalendar files the tests read;
// they are never copied into the project.
var corpusDir = filepath.Join("..", "..", "..", "shared", "ics-corpus")

// corpusFiles returns the corpus's files, or skips t when it is absent.
func corpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		if _, err := os.Stat(corpusDir); err != nil {
			t.Skipf("the corpus of real-world calendars is not here (%v)", err)
		}
		t.Fatalf("no .ics files in %s", corpusDir)
	}
	return files
}

// TestCorpusReads reads every file of the corpus as a user would: each
// reads (every one holds a VCALENDAR with events), every problem has a
// line inside the file and says what was done, strict reading fails
// exactly when there are problems, and a year of busy time comes without
// a panic, in two zones.
func TestCorpusReads(t *testing.T) {
	ctx := context.Background()
	berlin, apia := mustZone(t, "Europe/Berlin"), mustZone(t, "Pacific/Apia")
	year := calendar.Interval{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	withProblems := 0
	for _, f := range corpusFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines := countLines(data)
			c, err := ReadFile(ctx, f, Options{})
			if err != nil {
				t.Fatalf("the file does not read: %v", err)
			}
			ps := c.Problems()
			if len(ps) > 0 {
				withProblems++
			}
			for _, p := range ps {
				if p.Line < 1 || p.Line > lines || p.Err == nil || p.Done == "" {
					t.Errorf("problem %q: want a line from 1 to %d, an error and what was done", p, lines)
				}
				checkErrorText(t, p.Err)
			}
			_, err = ReadFile(ctx, f, Options{Strict: true})
			if (err != nil) != (len(ps) > 0) {
				t.Errorf("strict reading: %v, with %d problems read leniently", err, len(ps))
			}
			for _, zone := range []*time.Location{berlin, apia} {
				if _, err := c.Busy(ctx, year, zone); err != nil && !errors.Is(err, calendar.ErrLimit) {
					t.Errorf("a year of busy time in %s: %v", zone, err)
				}
			}
		})
	}
	t.Logf("%d files have problems", withProblems)
}

// countLines returns how many lines data has, ended by CRLF, LF or CR.
func countLines(data []byte) int {
	p := physicalLines{data: data}
	for {
		if _, _, ok := p.next(); !ok {
			return p.n
		}
	}
}
