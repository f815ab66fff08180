package calendar

import (
	"context"
	"errors"
	"fmt"
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

// TestCountBudgetIsSharedAndSpentOnce: two rules that share a budget of
// ten years. Walking from DTSTART 2026-01-05 to 2031 touches the six
// calendar years 2026-2031; a rule whose COUNT ends in its first weeks
// spends one year whatever it is asked for; what was counted is not
// charged again.
func TestCountBudgetIsSharedAndSpentOnce(t *testing.T) {
	ctx := context.Background()
	start := MustParseDateTime("2026-01-05T09:00")
	b := NewCountBudget(10)
	yearly, err := ParseRecurrence("FREQ=YEARLY;COUNT=100", start)
	if err != nil {
		t.Fatal(err)
	}
	yearly = yearly.WithCountBudget(b)
	short, err := ParseRecurrence("FREQ=WEEKLY;COUNT=3", start)
	if err != nil {
		t.Fatal(err)
	}
	short = short.WithCountBudget(b)
	in2031 := [2]Date{MustParseDate("2031-01-01"), MustParseDate("2031-12-31")}
	if got, err := yearly.Starts(ctx, in2031[0], in2031[1], time.UTC); err != nil || len(got) != 1 {
		t.Fatalf("the yearly rule in 2031: %v, %v; want one start", got, err)
	}
	if left := b.Left(); left != 4 {
		t.Errorf("after walking 2026-2031: %d years left, want 4", left)
	}
	if _, err := yearly.Starts(ctx, in2031[0], in2031[1], time.UTC); err != nil || b.Left() != 4 {
		t.Errorf("asking for 2031 again: %v, %d years left; want no error and 4 left", err, b.Left())
	}
	if got, err := short.Starts(ctx, in2031[0], in2031[1], time.UTC); err != nil || len(got) != 0 {
		t.Fatalf("the three-week rule in 2031: %v, %v; want nothing", got, err)
	}
	if left := b.Left(); left != 3 {
		t.Errorf("after the three-week rule: %d years left, want 3 (one for 2026)", left)
	}
	// 2032-2035 is four more years; three are left, so the walk counts
	// 2032-2034 and stops at 2035.
	in2035 := [2]Date{MustParseDate("2035-01-01"), MustParseDate("2035-12-31")}
	_, err = yearly.Starts(ctx, in2035[0], in2035[1], time.UTC)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "from 2035-01-01 on would spend more than the 10 years") {
		t.Errorf("walking past the budget: %v", err)
	}
	if left := b.Left(); left != 0 {
		t.Errorf("after the walk the budget stopped: %d years left, want 0", left)
	}
	// What was counted stays counted: 2034 needs no walk.
	in2034 := [2]Date{MustParseDate("2034-01-01"), MustParseDate("2034-12-31")}
	if got, err := yearly.Starts(ctx, in2034[0], in2034[1], time.UTC); err != nil || len(got) != 1 {
		t.Errorf("the yearly rule in 2034, counted already: %v, %v; want one start", got, err)
	}
}

// TestCompileSharesOneBudgetAPerson: 200 focus blocks whose rule matches
// only a Monday the 29th of February are each within the 1,000 years a
// walk may take to reach 2900 (874 years), but not together: asking for a
// week in 2900 is an error naming the shared limit, not 200 walks.
func TestCompileSharesOneBudgetAPerson(t *testing.T) {
	p := Person{ID: "p", Zone: time.UTC, NoHours: true}
	for i := range 200 {
		p.Focus = append(p.Focus, FocusBlock{
			Name:     fmt.Sprint("f", i),
			Rule:     "FREQ=DAILY;COUNT=50000;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
			Start:    MustParseDateTime("2026-01-05T09:00"),
			Duration: time.Hour,
		})
	}
	s, err := Compile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	w := Interval{Start: time.Date(2900, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2900, 3, 8, 0, 0, 0, 0, time.UTC)}
	_, err = s.Timeline(context.Background(), w)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "Limits.CountWalkYearsTotal") {
		t.Errorf("200 walks of 874 years: %v", err)
	}
	// A person's budget is the person's: another compiled from the same
	// blocks starts with a budget of its own.
	near := Interval{Start: time.Date(2044, 2, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2044, 3, 1, 0, 0, 0, 0, time.UTC)}
	s2, err := Compile(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Timeline(context.Background(), near); err != nil {
		t.Errorf("200 walks of 18 years: %v", err)
	}
}
