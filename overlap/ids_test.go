package overlap

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
)

// TestUnknownIDs: every method that takes IDs says which one it does not
// know, in an error that wraps ErrUnknownID.
func TestUnknownIDs(t *testing.T) {
	team := []calendar.Person{
		{ID: "a", Zone: time.UTC, Hours: nineToFive},
		{ID: "b", Zone: mustLoad(t, "Asia/Kolkata"), Hours: nineToFive},
	}
	at := time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, weeks("2026-06-01", 1), Options{})
	hour := Request{Duration: time.Hour}
	for _, tc := range []struct {
		method string
		call   func() error
	}{
		{"Schedule", func() error { _, err := r.Schedule("nobody"); return err }},
		{"Zone", func() error { _, err := r.Zone("nobody"); return err }},
		{"Free", func() error { _, err := r.Free("nobody"); return err }},
		{"Common", func() error { _, err := r.Common("a", "nobody"); return err }},
		{"AtLeast", func() error { _, err := r.AtLeast(1, "a", "nobody"); return err }},
		{"AtLeast", func() error { _, err := r.AtLeast(0, "nobody"); return err }},
		{"Timeline", func() error { _, err := r.Timeline("nobody"); return err }},
		{"Reply", func() error { _, err := r.Reply(context.Background(), "nobody", at, 0); return err }},
		{"RoundTrips", func() error { _, err := r.RoundTrips(context.Background(), 0, at, "a", "nobody"); return err }},
		{"Suggest", func() error {
			q := hour
			q.Required = []string{"a", "nobody"}
			_, err := r.Suggest(context.Background(), q)
			return err
		}},
		{"Suggest", func() error {
			q := hour
			q.Required, q.Optional = []string{"a"}, []string{"nobody"}
			_, err := r.Suggest(context.Background(), q)
			return err
		}},
		{"Rotate", func() error {
			q := hour
			q.Required = []string{"nobody"}
			_, err := r.Rotate(context.Background(), q, 1)
			return err
		}},
	} {
		err := tc.call()
		if !errors.Is(err, ErrUnknownID) || !strings.Contains(err.Error(), `"nobody"`) || !strings.HasPrefix(err.Error(), "overlap.Report."+tc.method+":") {
			t.Errorf("%s with an unknown ID: %v; want an error of overlap.Report.%s that wraps ErrUnknownID and names \"nobody\"", tc.method, err, tc.method)
		}
	}
}

// TestNoHours: a person without hours does not compile, unless NoHours
// says so; with NoHours they are never free.
func TestNoHours(t *testing.T) {
	window := weeks("2026-06-01", 1)
	a := calendar.Person{ID: "a", Zone: time.UTC, Hours: nineToFive}
	_, err := Compute(context.Background(), []calendar.Person{a, {ID: "idle", Zone: time.UTC}}, window, Options{})
	if err == nil || !strings.Contains(err.Error(), `"idle"`) || !strings.Contains(err.Error(), "no working hours") {
		t.Fatalf("Compute with a person without hours: %v, want an error naming them", err)
	}

	idle := calendar.Person{ID: "idle", Zone: time.UTC, NoHours: true, Focus: []calendar.FocusBlock{
		{Name: "f", Rule: "FREQ=DAILY", Start: calendar.MustParseDateTime("2026-01-01T10:00"), Duration: time.Hour},
	}}
	r := mustCompute(t, []calendar.Person{a, idle}, window, Options{FocusIsFree: true})
	if got := mustFree(t, r, "idle"); !got.IsEmpty() {
		t.Errorf("Free(idle) = %s, want nothing", got)
	}
	if got := mustCommon(t, r); !got.IsEmpty() {
		t.Errorf("Common() = %s, want nothing", got)
	}
	if got, want := mustAtLeast(t, r, 1), mustFree(t, r, "a"); !got.Equal(want) {
		t.Errorf("AtLeast(1) = %s, want a's free time %s", got, want)
	}
	segs, err := r.Timeline("idle")
	if err != nil {
		t.Fatal(err)
	}
	want := []calendar.Segment{{Interval: window.In(time.UTC), Kind: calendar.KindOffHours}}
	if diff := cmp.Diff(want, segs); diff != "" {
		t.Errorf("Timeline(idle) (-want +got):\n%s", diff)
	}
	for s := range r.Coverage() {
		for _, id := range s.Free {
			if id == "idle" {
				t.Errorf("idle is free in %s", s)
			}
		}
	}
	if got := r.Pairwise()[[2]string{"a", "idle"}]; got != 0 {
		t.Errorf("Pairwise a+idle = %s, want 0s", got)
	}
	_, err = r.Suggest(context.Background(), Request{Duration: time.Hour, Required: []string{"a", "idle"}})
	var none *NoSlotError
	if !errors.As(err, &none) || !cmp.Equal(none.Never, []string{"idle"}) {
		t.Errorf("Suggest with idle required: %v, want a *NoSlotError with idle never available", err)
	}
	if _, err := r.Reply(context.Background(), "idle", window.Start, 0); !errors.Is(err, ErrNoReply) {
		t.Errorf("Reply(idle): %v, want ErrNoReply", err)
	}
}

// TestReportAccessors: the team's IDs come ascending, whatever the order
// people were given in; the window and options are those given (without
// a monotonic clock reading); each person's zone and schedule are theirs.
func TestReportAccessors(t *testing.T) {
	kolkata := mustLoad(t, "Asia/Kolkata")
	team := []calendar.Person{
		{ID: "zoe", Name: "Zoë", Zone: time.UTC, Hours: nineToFive},
		{ID: "amy", Name: "Amy", Zone: kolkata, Hours: nineToFive},
	}
	now := time.Now()
	window := calendar.Interval{Start: now, End: now.Add(time.Hour)}
	r := mustCompute(t, team, window, Options{FocusIsFree: true})
	if diff := cmp.Diff([]string{"amy", "zoe"}, r.IDs()); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	if w := r.Window(); !w.Start.Equal(now) || !w.End.Equal(now.Add(time.Hour)) || w.Start != now.Round(0) {
		t.Errorf("Window() = %s, want %s without a monotonic reading", w, window)
	}
	if r.Options() != (Options{FocusIsFree: true}) {
		t.Errorf("Options() = %+v", r.Options())
	}
	for _, p := range team {
		z, err := r.Zone(p.ID)
		if err != nil || z.String() != p.Zone.String() {
			t.Errorf("Zone(%s) = %v, %v; want %s", p.ID, z, err, p.Zone)
		}
		s, err := r.Schedule(p.ID)
		if err != nil || s.ID() != p.ID || s.Name() != p.Name {
			t.Errorf("Schedule(%s) = %v, %v", p.ID, s, err)
		}
	}
	if diff := cmp.Diff(r.Daily(time.UTC), r.Daily(nil)); diff != "" {
		t.Errorf("Daily(nil) is not Daily(UTC) (-UTC +nil):\n%s", diff)
	}
}

// panicSource is a BusySource that panics, as caller code may.
type panicSource struct{}

func (panicSource) Busy(context.Context, calendar.Interval, *time.Location) (calendar.Set, error) {
	panic("the caller's bug")
}

// TestComputeRecoversAPanickingSource: a BusySource that panics on one of
// Compute's goroutines does not end the process; Compute returns an error
// that names the person and the source, never a report.
func TestComputeRecoversAPanickingSource(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: hours},
		{ID: "ben", Zone: time.UTC, Hours: hours, Calendars: []string{"ben.ics"}, Sources: []calendar.BusySource{panicSource{}}},
		{ID: "cy", Zone: time.UTC, Hours: hours},
	}
	for range 20 { // the work is shared out differently each time
		r, err := Compute(context.Background(), team, weeks("2026-03-09", 1), Options{})
		if r != nil || !errors.Is(err, calendar.ErrSourcePanicked) ||
			!strings.Contains(err.Error(), `person "ben": calendar "ben.ics": source panicked: "the caller's bug"`) {
			t.Fatalf("Compute = %v, %v; want an error naming ben's calendar", r, err)
		}
	}
}

// TestSuggestBoundsCandidatesTimesAttendees: a one-minute step over two
// years for 400 attendees would be 420 million evaluations; it is an error
// that says which limit, at once, before anything is built.
func TestSuggestBoundsCandidatesTimesAttendees(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := make([]calendar.Person, 400)
	ids := make([]string, len(team))
	for i := range team {
		ids[i] = fmt.Sprintf("p%03d", i)
		team[i] = calendar.Person{ID: ids[i], Zone: time.UTC, Hours: hours}
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, calendar.Interval{Start: start, End: start.Add(MaxWindow)}, Options{})
	q := Request{Duration: 30 * time.Minute, Step: time.Minute, Required: ids}
	_, err := r.Suggest(context.Background(), q)
	if !errors.Is(err, calendar.ErrLimit) || !strings.Contains(err.Error(), "overlap.Report.Suggest: ") || !strings.Contains(err.Error(), "400 attendees") {
		t.Errorf("Suggest: %v; want an error wrapping calendar.ErrLimit", err)
	}
	if _, err := r.Rotate(context.Background(), q, 4); !errors.Is(err, calendar.ErrLimit) {
		t.Errorf("Rotate: %v; want an error wrapping calendar.ErrLimit", err)
	}
}

func TestComputeBoundsThePeople(t *testing.T) {
	_, err := Compute(context.Background(), make([]calendar.Person, calendar.DefaultLimits().People+1), weeks("2026-03-09", 1), Options{})
	if !errors.Is(err, calendar.ErrLimit) {
		t.Errorf("Compute of %d people: %v; want an error wrapping calendar.ErrLimit", calendar.DefaultLimits().People+1, err)
	}
}
