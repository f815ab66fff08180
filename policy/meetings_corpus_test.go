package policy

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
)

// TestMeetingsFromCorpus reads the real calendars of the shared corpus,
// makes a team of the first addresses each names (one of them with two
// addresses, in another letter case), and checks what MeetingsFrom finds:
// each meeting has two or more of the team, in ID order, once, a real
// interval, and the same meetings come out of the events in reverse.
func TestMeetingsFromCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "ics-corpus")
	files, err := filepath.Glob(filepath.Join(dir, "*.ics"))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus at %s: %v", dir, err)
	}
	window := calendar.Interval{Start: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	found := 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := ics.Read(context.Background(), bytes.NewReader(data), ics.Options{})
		if err != nil {
			continue // what cannot be read is ics's to test
		}
		events, err := c.Events(context.Background(), window, time.UTC)
		if err != nil {
			continue // past the limits
		}
		var addrs []string
		for _, e := range events {
			for _, a := range append([]ics.Attendee{e.Organizer}, e.Attendees...) {
				if n := calendar.NormalEmail(a.Address); n != "" && !slices.Contains(addrs, n) && len(addrs) < 6 {
					addrs = append(addrs, n)
				}
			}
		}
		var people []calendar.Person
		for i, a := range addrs {
			people = append(people, calendar.Person{ID: fmt.Sprintf("p%d", i), Emails: []string{a}})
		}
		if len(people) > 1 {
			people[0].Emails = append(people[0].Emails, "MAILTO:"+people[1].Emails[0]) // shared: p0 wins
		}
		got := MeetingsFrom(people, events)
		reversed := slices.Clone(events)
		slices.Reverse(reversed)
		if diff := cmp.Diff(got, MeetingsFrom(people, reversed[:len(reversed)/2], reversed[len(reversed)/2:])); diff != "" {
			t.Fatalf("%s: the meetings depend on the order of events (-forward +reversed):\n%s", filepath.Base(name), diff)
		}
		for _, o := range got {
			if len(o.Attendees) < 2 || !slices.IsSorted(o.Attendees) || len(slices.Compact(slices.Clone(o.Attendees))) != len(o.Attendees) || o.Interval.IsEmpty() {
				t.Fatalf("%s: meeting %+v", filepath.Base(name), o)
			}
		}
		found += len(got)
	}
	if found == 0 {
		t.Errorf("no meeting in %d corpus files: the test shows nothing", len(files))
	}
	t.Logf("%d meetings in %d files", found, len(files))
}
