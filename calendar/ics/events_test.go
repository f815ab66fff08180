package ics

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
)

// TestEvents lists the events of testdata/events.ics for March 2026,
// owner in Berlin (CET, UTC+1, all month long before the 29th), worked
// out from the file by hand.
func TestEvents(t *testing.T) {
	c, err := ReadFile(context.Background(), filepath.Join("testdata", "events.ics"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	berlin := mustZone(t, "Europe/Berlin")
	at := func(s string) time.Time { return mustTime(t, s).In(berlin) }
	w := calendar.Interval{Start: mustTime(t, "2026-03-01T00:00:00Z"), End: mustTime(t, "2026-03-31T00:00:00Z")}
	got, err := c.Events(context.Background(), w, berlin)
	if err != nil {
		t.Fatal(err)
	}
	sync := Event{
		UID: "sync@example.com", Series: true, Rule: "FREQ=WEEKLY;COUNT=3",
		Summary:   "Team sync, weekly; all hands\nbring notes",
		Status:    "CONFIRMED",
		Organizer: Attendee{Address: "ana@example.com", Name: "Ana Lima"},
		Attendees: []Attendee{
			{Address: "ben@example.com", Name: "Ben", PartStat: "ACCEPTED", Role: "REQ-PARTICIPANT"},
			{Address: "priya@example.com", PartStat: "DECLINED"},
		},
		Line: 4,
	}
	first, last := sync, sync
	first.RecurrenceID, first.Start, first.End = at("2026-03-02T09:00:00Z"), at("2026-03-02T09:00:00Z"), at("2026-03-02T09:30:00Z")
	last.RecurrenceID, last.Start, last.End = at("2026-03-16T09:00:00Z"), at("2026-03-16T09:00:00Z"), at("2026-03-16T09:30:00Z")
	want := []Event{
		first,
		{UID: "lunch@example.com", Summary: "Lunch", Transparent: true, Start: at("2026-03-03T11:00:00Z"), End: at("2026-03-03T12:00:00Z"), Line: 22},
		// A day off is the owner's civil day: midnight to midnight in Berlin.
		{UID: "off@example.com", Summary: "Day off", AllDay: true, Start: at("2026-03-03T23:00:00Z"), End: at("2026-03-04T23:00:00Z"), Line: 29},
		{UID: "call@example.com", Summary: "Call", Status: "CANCELLED", Start: at("2026-03-05T09:00:00Z"), End: at("2026-03-05T10:00:00Z"), Line: 34},
		// The override moves 10:00 to 14:00 Berlin time.
		{UID: "sync@example.com", RecurrenceID: at("2026-03-09T09:00:00Z"), Series: true, Rule: "FREQ=WEEKLY;COUNT=3", Summary: "Team sync (moved)", Start: at("2026-03-09T13:00:00Z"), End: at("2026-03-09T13:30:00Z"), Line: 15},
		last,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Events mismatch (-want +got):\n%s", diff)
	}
	for _, e := range got {
		if busy := e.UID != "lunch@example.com" && e.UID != "call@example.com"; e.Busy() != busy {
			t.Errorf("%s at %s: Busy() = %v, want %v", e.UID, e.Start, e.Busy(), busy)
		}
	}
}

func TestTextValue(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a\, b\; c\\d\ne\Nf`, "a, b; c\\d\ne\nf"},
		{"caf\xe9", "caf\uFFFD"},
		{`trailing\`, `trailing\`},
	} {
		if got := textValue(tc.in, maxSummary); got != tc.want {
			t.Errorf("textValue(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := textValue("ééé", 5); got != "éé" {
		t.Errorf("cut to 5 bytes: %q, want two whole runes", got)
	}
}
