package ics

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

// readGen reads the text of g for the owner's zone.
func readGen(t *rapid.T, g genCal) (*Calendar, *time.Location) {
	owner := loadOrPanic(g.owner)
	text := g.text(owner)
	c, err := Read(context.Background(), strings.NewReader(text), Options{})
	if err != nil {
		t.Fatalf("Read: %v\n%s", err, text)
	}
	return c, owner
}

func busy(t *rapid.T, c *Calendar, w calendar.Interval, zone *time.Location) calendar.Set {
	s, err := c.Busy(context.Background(), w, zone)
	if err != nil {
		t.Fatalf("Busy(%s): %v", w, err)
	}
	return s
}

// TestBusySplitsAtAnyInstant: Busy for [a,c) is the union of Busy for
// [a,b) and [b,c).
func TestBusySplitsAtAnyInstant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		c, owner := readGen(t, g)
		b := w.Start.Add(time.Duration(rapid.Int64Range(0, int64(w.Duration())).Draw(t, "split")))
		whole := busy(t, c, w, owner)
		left := busy(t, c, calendar.Interval{Start: w.Start, End: b}, owner)
		right := busy(t, c, calendar.Interval{Start: b, End: w.End}, owner)
		if got := left.Union(right); !got.Equal(whole) {
			t.Fatalf("Busy(%s) = %s, but the halves split at %s give %s\n%s", w, whole, b.Format(time.RFC3339), got, g.text(owner))
		}
	})
}

// TestBusyIsInsideWindow: Busy never reports time outside the window.
func TestBusyIsInsideWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		c, owner := readGen(t, g)
		got := busy(t, c, w, owner)
		if out := got.Subtract(calendar.NewSet(w)); !out.IsEmpty() {
			t.Fatalf("Busy(%s) = %s reaches outside the window: %s", w, got, out)
		}
	})
}

// TestExdateNeverAddsBusy: adding an EXDATE, in any form, to a recurring
// event never adds busy time.
func TestExdateNeverAddsBusy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		var recurring []int
		for i, ev := range g.events {
			if ev.freq != "" {
				recurring = append(recurring, i)
			}
		}
		if len(recurring) == 0 {
			t.Skip("no recurring event")
		}
		c, owner := readGen(t, g)
		before := busy(t, c, w, owner)

		i := rapid.SampledFrom(recurring).Draw(t, "event")
		more := g
		more.events = append([]genEvent(nil), g.events...)
		ev := more.events[i]
		ev.exdates = append(append([]genExdate(nil), ev.exdates...), genExdate{
			k: rapid.IntRange(0, 40).Draw(t, "k"),
			f: form(rapid.IntRange(0, 3).Draw(t, "f")),
		})
		more.events[i] = ev
		c2, _ := readGen(t, more)
		after := busy(t, c2, w, owner)
		if added := after.Subtract(before); !added.IsEmpty() {
			t.Fatalf("an EXDATE added busy time %s\n%s", added, more.text(owner))
		}
	})
}

// TestBusyIgnoresLocalAndWindowZones: Busy depends on neither time.Local
// nor the Locations of the window's ends.
func TestBusyIgnoresLocalAndWindowZones(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		time.Local = time.UTC
		c, owner := readGen(t, g)
		want := busy(t, c, w, owner)

		time.Local = loadOrPanic(rapid.SampledFrom(hardZones).Draw(t, "local"))
		c2, _ := readGen(t, g)
		w2 := calendar.Interval{
			Start: w.Start.In(loadOrPanic(rapid.SampledFrom(hardZones).Draw(t, "startZone"))),
			End:   w.End.In(loadOrPanic(rapid.SampledFrom(hardZones).Draw(t, "endZone"))),
		}
		got := busy(t, c2, w2, owner)
		if !got.Equal(want) {
			t.Fatalf("with time.Local %s and window %s: %s, want %s", time.Local, w2, got, want)
		}
		time.Local = saved
	})
}

// TestBusyMatchesModel: Busy agrees, minute by minute, with a model of
// one-off events computed from their description.
func TestBusyMatchesModel(t *testing.T) {
	testMatchesModel(t, false)
}

// TestRecurringBusyMatchesModel: the same for daily and weekly events with
// EXDATEs in every form and overridden instances.
func TestRecurringBusyMatchesModel(t *testing.T) {
	testMatchesModel(t, true)
}

func testMatchesModel(t *testing.T, recurring bool) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, recurring)
		c, owner := readGen(t, g)
		got := busy(t, c, w, owner)
		want := minutes(w, g.model(owner))
		have := minutes(w, got.Intervals())
		if diff := cmp.Diff(want, have); diff != "" {
			for m := range want {
				if want[m] != have[m] {
					at := w.Start.Add(time.Duration(m) * time.Minute)
					t.Fatalf("at %s (owner %s) the model says busy=%v, Busy says %v\nBusy: %s\n%s",
						at.Format(time.RFC3339), g.owner, want[m], have[m], got, g.text(owner))
				}
			}
		}
	})
}
