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

// TestEventsMakeBusy: Busy is the union of the busy Events' time inside
// the window, and every Event reaches into the window.
func TestEventsMakeBusy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		c, owner := readGen(t, g)
		evs, err := c.Events(context.Background(), w, owner)
		if err != nil {
			t.Fatalf("Events(%s): %v", w, err)
		}
		var b calendar.SetBuilder
		for _, e := range evs {
			iv := calendar.Interval{Start: e.Start, End: e.End}
			if !iv.Overlaps(w) && !(iv.IsEmpty() && !e.Start.Before(w.Start) && e.Start.Before(w.End)) {
				t.Fatalf("event %+v is not in the window %s", e, w)
			}
			if e.Busy() {
				b.Add(iv)
			}
		}
		want := busy(t, c, w, owner)
		if got := b.Set().Clip(w); !got.Equal(want) {
			t.Fatalf("the busy events make %s, Busy says %s\n%s", got, want, g.text(owner))
		}
	})
}

// problemLines are lines that are problems by themselves, wherever they
// are put: none can make time busy.
var problemLines = []string{
	"this line has no colon",
	":no name",
	"DTSTART:2026-03-03",
	"DTEND:yesterday",
	"RRULE:FREQ=SOMETIMES",
	"EXDATE:20260230T090000Z",
	"DURATION:-PT1H",
	"DTSTART;TZID=Mars/Olympus_Mons:20260303T090000",
	"DTSTART;TZID:20260303T090000",
	"RECURRENCE-ID;RANGE=THISANDPRIOR:20260303T090000Z",
	"BEGIN:",
	"END:VTODO",
}

// TestAProblemLineLosesOnlyItsEvent: putting a line that is a problem
// into a file changes only the busy time of the event it lands in
// (removing a problem line never removes busy time that does not come
// from it): outside any event it changes nothing; in one, it may take
// that event's busy time away, or, in an override, give the instance
// back to its series at its original time, and nothing else. Reading
// reports a problem for it.
func TestAProblemLineLosesOnlyItsEvent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := drawScenario(t)
		w, g := sc.window, drawGenCal(t, sc, true)
		owner := loadOrPanic(g.owner)
		text := g.text(owner)
		lines := strings.SplitAfter(text, "\r\n")
		lines = lines[:len(lines)-1] // the empty string after the last
		// Between the first line (BEGIN:VCALENDAR) and the last.
		at := rapid.IntRange(1, len(lines)-1).Draw(t, "at")
		bad := rapid.SampledFrom(problemLines).Draw(t, "line")
		inEvent := false
		var eventStart int
		for i, l := range lines[:at] {
			switch l {
			case "BEGIN:VEVENT\r\n":
				inEvent, eventStart = true, i
			case "END:VEVENT\r\n":
				inEvent = false
			}
		}
		broken := strings.Join(lines[:at], "") + bad + "\r\n" + strings.Join(lines[at:], "")
		good, err := Read(context.Background(), strings.NewReader(text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		c, err := Read(context.Background(), strings.NewReader(broken), Options{})
		if err != nil {
			t.Fatalf("with %q at line %d: %v", bad, at+1, err)
		}
		// A property is read only in an event; elsewhere it is one the
		// VCALENDAR does not read, which is no problem.
		structural := !strings.Contains(bad, ":") || strings.HasPrefix(bad, ":") || strings.HasPrefix(bad, "BEGIN:") || strings.HasPrefix(bad, "END:")
		// An overridden instance's EXDATEs mean nothing, and are not read.
		ignored := strings.HasPrefix(bad, "EXDATE") && inEvent && strings.Contains(strings.Join(lines[eventStart:], ""), "RECURRENCE-ID")
		if (inEvent || structural) && !ignored && len(c.Problems()) <= len(good.Problems()) {
			t.Fatalf("with %q at line %d: no problem reported\n%s", bad, at+1, broken)
		}
		want := busy(t, good, w, owner)
		got := busy(t, c, w, owner)
		added := got.Subtract(want)
		if !inEvent && !added.IsEmpty() {
			t.Fatalf("with %q at line %d: busy time added %s\n%s", bad, at+1, added, broken)
		}
		if !inEvent && !got.Equal(want) {
			t.Fatalf("with %q at line %d, outside any event: busy %s, want %s\n%s", bad, at+1, got, want, broken)
		}
		if inEvent {
			// Only the busy time of that event's UID may go.
			uid := strings.TrimSuffix(strings.TrimPrefix(lines[eventStart+1], "UID:"), "\r\n")
			var without genCal = g
			without.events = nil
			for _, ev := range g.events {
				if ev.uid != uid {
					without.events = append(without.events, ev)
				}
			}
			rest, err := Read(context.Background(), strings.NewReader(without.text(owner)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if lost := busy(t, rest, w, owner).Subtract(got); !lost.IsEmpty() {
				t.Fatalf("with %q at line %d, in the event %q: busy time of other events lost: %s\n%s", bad, at+1, uid, lost, broken)
			}
			// A skipped override gives its instance back to the series,
			// at its original time: that is all that may be added.
			var series genCal = g
			series.events = nil
			for _, ev := range g.events {
				if ev.uid == uid {
					ev.overrides = nil
					series.events = append(series.events, ev)
				}
			}
			plain, err := Read(context.Background(), strings.NewReader(series.text(owner)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if extra := added.Subtract(busy(t, plain, w, owner)); !extra.IsEmpty() {
				t.Fatalf("with %q at line %d, in the event %q: busy time added %s that is no original instance\n%s", bad, at+1, uid, extra, broken)
			}
		}
	})
}
