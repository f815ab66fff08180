package overlap

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// slowSource is a BusySource that waits until its context is done, as a
// calendar behind a slow server would, and then says why it stopped.
type slowSource struct{}

func (slowSource) Busy(ctx context.Context, _ calendar.Interval, _ *time.Location) (calendar.Set, error) {
	<-ctx.Done()
	return calendar.Set{}, ctx.Err()
}

// TestCancellationStopsEveryLongCall: a cancelled or expired context
// stops each call that can take long, with an error that wraps the
// context's; a source that waits on the context is released by it.
func TestCancellationStopsEveryLongCall(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: hours},
		{ID: "ben", Zone: mustLoad(t, "Asia/Tokyo"), Hours: hours},
	}
	window := weeks("2026-03-09", 2)
	r := mustCompute(t, team, window, Options{})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	at := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	q := Request{Duration: 30 * time.Minute, Required: []string{"ana", "ben"}, AllowOffHours: true}

	_, err := Compute(cancelled, team, window, Options{})
	check(t, "Compute", err, context.Canceled)
	_, err = r.Suggest(cancelled, q)
	check(t, "Suggest", err, context.Canceled)
	_, err = r.Rotate(cancelled, q, 2)
	check(t, "Rotate", err, context.Canceled)
	_, err = r.Reply(cancelled, "ben", at, 0)
	check(t, "Reply", err, context.Canceled)
	_, err = r.RoundTrips(cancelled, 0, at)
	check(t, "RoundTrips", err, context.Canceled)
	s, err := r.Schedule("ben")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Timeline(cancelled, window)
	check(t, "Schedule.Timeline", err, context.Canceled)
	for _, err := range s.FreeFrom(cancelled, at) {
		check(t, "Schedule.FreeFrom", err, context.Canceled)
	}

	// A source that waits for its context: the deadline releases it.
	slow := append(team, calendar.Person{ID: "cy", Zone: time.UTC, Hours: hours, Sources: []calendar.BusySource{slowSource{}}})
	ctx, stop := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer stop()
	_, err = Compute(ctx, slow, window, Options{})
	check(t, "Compute with a slow source", err, context.DeadlineExceeded)
}

func check(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: %v; want an error wrapping %v", what, err, want)
	}
}

// TestLimitsOnTheContextApplyToTheTeam: People, CandidateAttendees and
// RotationStates set on the context are the ones Compute, Suggest and
// Rotate work within.
func TestLimitsOnTheContextApplyToTheTeam(t *testing.T) {
	team := zonedTeam(t, 6, roundTripZones)
	window := weeks("2026-03-09", 4)
	small := calendar.WithLimits(context.Background(), calendar.Limits{People: 5})
	if _, err := Compute(small, team, window, Options{}); !errors.Is(err, calendar.ErrLimit) {
		t.Errorf("6 people with a limit of 5: %v", err)
	}
	r := mustCompute(t, team, window, Options{})
	q := Request{Duration: time.Hour, Required: []string{"p00", "p01", "p02", "p03", "p04", "p05"}}
	few := calendar.WithLimits(context.Background(), calendar.Limits{CandidateAttendees: 1000})
	if _, err := r.Suggest(few, q); !errors.Is(err, calendar.ErrLimit) {
		t.Errorf("Suggest with a limit of 1000 candidates x attendees: %v", err)
	}
	narrow := calendar.WithLimits(context.Background(), calendar.Limits{RotationStates: 4})
	// Six zones round the world: someone's night is in every slot.
	q.AllowNight = true
	rot, err := r.Rotate(narrow, q, 4)
	if err != nil || !rot.BestEffort {
		t.Errorf("Rotate keeping 4 partial plans: best-effort %v, %v; want best-effort", rot.BestEffort, err)
	}
	checkRotation(t, team, window, rot, q)
}
