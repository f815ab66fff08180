package calendar

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLimitsOfFillsDefaults(t *testing.T) {
	if got := LimitsOf(context.Background()); got != DefaultLimits() {
		t.Errorf("LimitsOf(Background) = %+v, want the defaults", got)
	}
	ctx := WithLimits(context.Background(), Limits{Occurrences: 7, FileBytes: -1})
	got, want := LimitsOf(ctx), DefaultLimits()
	want.Occurrences = 7
	if got != want {
		t.Errorf("LimitsOf = %+v, want %+v", got, want)
	}
}

// TestLimitsSetOnTheContextApply: a limit lowered on the context is the
// one a call works within, and the error names it.
func TestLimitsSetOnTheContextApply(t *testing.T) {
	r, err := ParseRecurrence("FREQ=DAILY", MustParseDateTime("2026-01-01T09:00"))
	if err != nil {
		t.Fatal(err)
	}
	from, to := MustParseDate("2026-03-01"), MustParseDate("2026-03-31")
	if _, err := r.Starts(context.Background(), from, to, time.UTC); err != nil {
		t.Fatalf("31 starts within the default limit: %v", err)
	}
	few := WithLimits(context.Background(), Limits{Occurrences: 10})
	if _, err := r.Starts(few, from, to, time.UTC); !errors.Is(err, ErrTooManyOccurrences) || !strings.Contains(err.Error(), "more than 10 starts") {
		t.Errorf("31 starts with a limit of 10: %v", err)
	}
	counted, err := ParseRecurrence("DTSTART:19000101T090000\nRRULE:FREQ=YEARLY;COUNT=500", DateTime{})
	if err != nil {
		t.Fatal(err)
	}
	short := WithLimits(context.Background(), Limits{CountWalkYears: 50})
	if _, err := counted.Starts(short, from, to, time.UTC); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "more than 50 years") {
		t.Errorf("a COUNT walk of 126 years with a limit of 50: %v", err)
	}
	tiny := WithLimits(context.Background(), Limits{RosterBytes: 10})
	if _, err := ReadRosterWith(tiny, strings.NewReader(`{"people": []}`), RosterOptions{}); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "Limits.RosterBytes") {
		t.Errorf("a 14-byte roster with a limit of 10: %v", err)
	}
}
