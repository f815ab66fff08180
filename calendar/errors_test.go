package calendar

import (
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
	_, errs["Compile"] = Compile(Person{ID: huge, Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 09:00-17:00"),
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
