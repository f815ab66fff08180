package overlap

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// TestPlusVShowsEveryField: the results that embed an Interval have a
// String method of their own, so that %+v (and %v) shows every field, not
// only the interval that the embedding would promote.
func TestPlusVShowsEveryField(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	iv := func(from, to string) calendar.Interval { return calendar.Interval{Start: utc(from), End: utc(to)} }
	type field struct{ name, text string }
	for _, tc := range []struct {
		name   string
		value  any
		fields []field
	}{
		{"Segment", Segment{iv("2026-03-09T12:00:00Z", "2026-03-09T13:30:00Z"), []string{"ben", "sam"}}, []field{
			{"Start", "2026-03-09T12:00:00Z"}, {"End", "2026-03-09T13:30:00Z"}, {"Free", "ben"}, {"Free", "sam"},
		}},
		{"Segment with nobody free", Segment{iv("2026-03-09T12:00:00Z", "2026-03-09T13:30:00Z"), nil}, []field{
			{"Start", "2026-03-09T12:00:00Z"}, {"End", "2026-03-09T13:30:00Z"}, {"Free", "nobody"},
		}},
		{"Cost", Cost{FocusBroken: 90 * time.Minute, OffHours: 30 * time.Minute, Fragments: 2, OptionalMissing: 1, RequiredMissing: 3}, []field{
			{"FocusBroken", "1h30m"}, {"OffHours", "30m"}, {"Fragments", "2"}, {"OptionalMissing", "1 optional"}, {"RequiredMissing", "3 required"},
		}},
		{"Attendance", Attendance{ID: "priya", Status: StatusOffHours, Local: utc("2026-03-09T13:00:00Z"), Optional: true, Cost: Cost{OptionalMissing: 1}}, []field{
			{"ID", "priya"}, {"Status", "off-hours"}, {"Local", "2026-03-09T13:00:00Z"}, {"Optional", "optional"}, {"Present", "absent"},
			{"Cost.OptionalMissing", "1 optional missing"},
		}},
		{"Suggestion", Suggestion{
			Interval: iv("2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z"),
			Attendees: []Attendance{
				{ID: "ben", Local: utc("2026-03-09T13:00:00Z"), Present: true},
				{ID: "priya", Status: StatusOffHours, Local: utc("2026-03-09T13:00:00Z"), Optional: true},
			},
			Cost:  Cost{OffHours: 45 * time.Minute, OptionalMissing: 1},
			Score: 1.25,
		}, []field{
			{"Start", "2026-03-09T13:00:00Z"}, {"End", "2026-03-09T14:00:00Z"}, {"Score", "1.25"},
			{"Cost.OffHours", "45m"}, {"Cost.OptionalMissing", "1 optional"},
			{"Attendees", "ben"}, {"Attendees", "priya"},
		}},
		{"Day", Day{
			Date: calendar.MustParseDate("2026-03-29"), Interval: iv("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"),
			Common: 2 * time.Hour, Longest: iv("2026-03-29T09:00:00Z", "2026-03-29T10:30:00Z"),
			MostFree: 3, MostFreeFor: 150 * time.Minute,
		}, []field{
			{"Date", "2026-03-29"}, {"Start", "2026-03-28T23:00:00Z"}, {"End", "2026-03-29T22:00:00Z"}, {"Common", "2h"},
			{"Longest", "2026-03-29T09:00:00Z"}, {"Longest", "2026-03-29T10:30:00Z"}, {"MostFree", "3"}, {"MostFreeFor", "2h30m"},
		}},
		{"Bucket", Bucket{Date: calendar.MustParseDate("2026-11-01"), Clock: calendar.MustParseClock("01:00"),
			Interval: iv("2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"), Free: 7}, []field{
			{"Date", "2026-11-01"}, {"Clock", "01:00"}, {"Start", "2026-11-01T05:00:00Z"}, {"End", "2026-11-01T07:00:00Z"}, {"Free", "7"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fmt.Sprintf("%+v", tc.value)
			if v := fmt.Sprintf("%v", tc.value); v != got {
				t.Errorf("%%v is %q, %%+v %q", v, got)
			}
			for _, f := range tc.fields {
				if !strings.Contains(got, f.text) {
					t.Errorf("%%+v = %q does not show %s (%s)", got, f.name, f.text)
				}
			}
		})
	}
}

func TestCostString(t *testing.T) {
	for _, tc := range []struct {
		cost Cost
		want string
	}{
		{Cost{}, "costs nothing"},
		{Cost{RequiredMissing: 1}, "1 required missing"},
		{Cost{FocusBroken: time.Hour, Fragments: 2}, "focus broken 1h, 2 short fragments left"},
		{Cost{FocusBroken: 90 * time.Minute, OffHours: 30 * time.Minute, Fragments: 2, OptionalMissing: 1, RequiredMissing: 3},
			"3 required missing, 1 optional missing, focus broken 1h30m, off-hours 30m, 2 short fragments left"},
	} {
		if got := tc.cost.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.cost, got, tc.want)
		}
	}
}
