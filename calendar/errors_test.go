package calendar

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestErrorsStayShortAndPrintable: errors about huge or hostile input
// quote it cut short and escaped, never whole and raw (a 1 MB rule would
// give a 3 MB error; a terminal escape would reach a log).
func TestErrorsStayShortAndPrintable(t *testing.T) {
	huge := strings.Repeat("A", 1<<20) + "\x1b[31m\r\n"
	errs := map[string]error{}
	_, errs["ParseRecurrence"] = ParseRecurrence("FREQ="+huge, MustParseDateTime("2026-01-01T09:00"))
	_, errs["ParseRecurrence BYDAY"] = ParseRecurrence("FREQ=WEEKLY;BYDAY="+huge, MustParseDateTime("2026-01-01T09:00"))
	_, errs["ParseWeeklyHours"] = ParseWeeklyHours("Mon-" + huge)
	_, errs["ParseDate"] = ParseDate(huge)
	_, errs["LoadZone"] = LoadZone(huge)
	_, errs["CanonicalHolidayCode"] = CanonicalHolidayCode(huge)
	_, errs["Compile"] = Compile(context.Background(), Person{ID: huge, Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 09:00-17:00"),
		Focus: []FocusBlock{{Name: huge, Rule: "FREQ=" + huge, Duration: time.Hour}}})
	_, errs["ReadRoster"] = ReadRoster(strings.NewReader(`{"people": [{"id": "` + strings.Repeat("b", 1<<20) + `", "zone": "Mars/` + strings.Repeat("c", 1<<20) + `"}]}`))
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		msg := err.Error()
		if len(msg) > 1000 {
			t.Errorf("%s: the error is %d bytes long", name, len(msg))
		}
		if strings.ContainsAny(msg, "\x1b\r\n") {
			t.Errorf("%s: the error holds raw control characters: %.200q", name, msg)
		}
	}
}

// TestLimitsAreErrors: past a limit, the answer is an error that wraps
// ErrLimit and names the limit, not a long walk.
func TestLimitsAreErrors(t *testing.T) {
	// A COUNT rule that matches only a Monday the 29th of February, from
	// year 1, asked about 2026: two millennia of days to count.
	r, err := ParseRecurrence("DTSTART:00010102T090000\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=50000", DateTime{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Starts(context.Background(), MustParseDate("2026-03-02"), MustParseDate("2026-03-08"), time.UTC)
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "would walk more than 1000 years") {
		t.Errorf("Starts of an ancient sparse COUNT rule: %v; want an error wrapping ErrLimit", err)
	}
	// Too many focus blocks for one person.
	p := Person{ID: "busy", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00")}
	for i := range DefaultLimits().FocusBlocks + 1 {
		p.Focus = append(p.Focus, FocusBlock{Name: fmt.Sprint("f", i), Rule: "FREQ=DAILY", Start: MustParseDateTime("2026-01-01T09:00"), Duration: time.Minute})
	}
	if _, err := Compile(context.Background(), p); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "1001 focus blocks is more than 1000") {
		t.Errorf("Compile with %d focus blocks: %v", len(p.Focus), err)
	}
	// The occurrence cap wraps ErrLimit too.
	if !errors.Is(ErrTooManyOccurrences, ErrLimit) {
		t.Error("ErrTooManyOccurrences does not wrap ErrLimit")
	}
}
