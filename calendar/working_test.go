package calendar

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// drawHours draws weekly hours as text: one to three clauses of days and
// spans, night shifts and 24:00 ends included. With dayOnly, every span
// ends on the day it starts.
func drawHours(t *rapid.T, dayOnly bool) WeeklyHours {
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	var clauses []string
	n := rapid.IntRange(1, 3).Draw(t, "clauses")
	maxLength := int(EndOfDay) / (2 * n)
	for i := range n {
		d := rapid.SampledFrom(days).Draw(t, fmt.Sprint("first", i))
		if rapid.Bool().Draw(t, fmt.Sprint("range", i)) {
			d += "-" + rapid.SampledFrom(days).Draw(t, fmt.Sprint("last", i))
		}
		var spans []string
		for j := range rapid.IntRange(1, 2).Draw(t, fmt.Sprint("spans", i)) {
			from := Clock(rapid.IntRange(0, 1439).Draw(t, fmt.Sprint("from", i, j)))
			length := Clock(rapid.IntRange(1, maxLength).Draw(t, fmt.Sprint("length", i, j)))
			to := from + length
			if dayOnly && to > EndOfDay {
				to = EndOfDay
			}
			if to > EndOfDay {
				to -= EndOfDay
			}
			spans = append(spans, Span{from, to}.String())
		}
		clauses = append(clauses, d+" "+strings.Join(spans, ","))
	}
	text := strings.Join(clauses, "; ")
	w, err := ParseWeeklyHours(text)
	if err != nil {
		t.Fatalf("ParseWeeklyHours(%q): %v", text, err)
	}
	return w
}

// drawWindow draws a window of up to five days, starting on a whole minute,
// in the years that the hard zones make interesting.
func drawWindow(t *rapid.T, loc *time.Location) Interval {
	d, c := drawWallNear(t, loc)
	start := Wall(d, c, loc).Add(-time.Duration(rapid.IntRange(0, 2*1440).Draw(t, "lead")) * time.Minute)
	length := time.Duration(rapid.IntRange(0, 5*1440).Draw(t, "window")) * time.Minute
	return Interval{start, start.Add(length)}
}

// workingModel is the brute-force model of Working: a bitmap with a bit per
// minute of the window, set for every minute of every span, each span
// placed with bruteWall.
func workingModel(w WeeklyHours, window Interval, loc *time.Location) []bool {
	bits := make([]bool, int(window.Duration()/time.Minute))
	first := DateOf(window.Start.In(loc)).AddDays(-2)
	last := DateOf(window.End.In(loc))
	for d := first; !d.After(last); d = d.AddDays(1) {
		for _, sp := range w.Spans(d.Weekday()) {
			end := d
			if sp.Overnight() {
				end = d.AddDays(1)
			}
			s, e := bruteWall(d, sp.From, loc), bruteWall(end, sp.To, loc)
			for m := range bits {
				t := window.Start.Add(time.Duration(m) * time.Minute)
				if !t.Before(s) && t.Before(e) {
					bits[m] = true
				}
			}
		}
	}
	return bits
}

func bitsOf(s Set, window Interval) []bool {
	bits := make([]bool, int(window.Duration()/time.Minute))
	for m := range bits {
		bits[m] = s.Contains(window.Start.Add(time.Duration(m) * time.Minute))
	}
	return bits
}

func TestWorkingMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawHours(t, false)
		window := drawWindow(t, loc)
		got := w.Working(window, loc)
		if diff := cmp.Diff(workingModel(w, window, loc), bitsOf(got, window)); diff != "" {
			t.Fatalf("%q in %s over %s: minutes differ from the model (-want +got):\n%s", w, loc, window, diff)
		}
	})
}

func TestWorkingIsInsideTheWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawHours(t, false)
		window := drawWindow(t, loc)
		got := w.Working(window, loc)
		if !got.Subtract(NewSet(window)).IsEmpty() {
			t.Fatalf("%q in %s over %s: %s reaches outside the window", w, loc, window, got)
		}
	})
}

// TestWorkingSpansStartOnTheirWallClock: every working interval that the
// window does not cut starts where Wall puts the start of one of the spans.
func TestWorkingSpansStartOnTheirWallClock(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawHours(t, false)
		window := drawWindow(t, loc)
		for iv := range w.Working(window, loc).All() {
			if iv.Start.Equal(window.Start) {
				continue
			}
			d := DateOf(iv.Start.In(loc))
			found := false
			for _, day := range []Date{d.AddDays(-1), d, d.AddDays(1)} {
				for _, sp := range w.Spans(day.Weekday()) {
					found = found || Wall(day, sp.From, loc).Equal(iv.Start)
				}
			}
			if !found {
				t.Fatalf("%q in %s: interval %s starts at no span's wall clock", w, loc, iv)
			}
		}
	})
}

// TestWorkingSplitJoins: the working time of a window is the union of
// that of its two parts, wherever it is split.
func TestWorkingSplitJoins(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawHours(t, false)
		window := drawWindow(t, loc)
		at := window.Start.Add(time.Duration(rapid.Int64Range(0, int64(window.Duration())).Draw(t, "split")))
		whole := w.Working(window, loc)
		parts := w.Working(Interval{window.Start, at}, loc).Union(w.Working(Interval{at, window.End}, loc))
		if !whole.Equal(parts) {
			t.Fatalf("%q in %s over %s split at %s:\nwhole %s\nparts %s", w, loc, window, at, whole, parts)
		}
	})
}

// TestWorkingDailyTotal: a day's working time is its configured hours,
// give or take that day's change of clocks (a gap can also swallow spans
// that begin inside it).
func TestWorkingDailyTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		w := drawHours(t, true)
		d, _ := drawWallNear(t, loc)
		day := Interval{Wall(d, Midnight, loc), Wall(d, EndOfDay, loc)}
		got := w.Working(day, loc).Duration()
		var want time.Duration
		for _, sp := range w.Spans(d.Weekday()) {
			want += sp.Length()
		}
		// The offset just before the day, for zones that change at midnight.
		_, before := day.Start.Add(-time.Second).Zone()
		_, after := day.End.Zone()
		change := time.Duration(after-before) * time.Second
		if change < 0 {
			change = -change
		}
		if diff := got - want; diff > change || diff < -change {
			t.Fatalf("%q in %s on %s: %s of work, want %s ± %s", w, loc, d, got, want, change)
		}
	})
}

func TestWorkingNightShiftAcrossDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	w := MustParseWeeklyHours("Sat-Sun 22:00-06:00")
	window := Interval{Wall(MustParseDate("2026-01-03"), Midnight, ny), Wall(MustParseDate("2026-12-31"), Midnight, ny)}
	n := 0
	for iv := range w.Working(window, ny).All() {
		want := 8 * time.Hour
		switch start := DateOf(iv.Start.In(ny)); start.String() {
		case "2026-03-07":
			want = 7 * time.Hour // into the spring-forward night
		case "2026-10-31":
			want = 9 * time.Hour // into the fall-back night
		}
		if got := iv.Duration(); got != want {
			t.Errorf("shift starting %s lasts %s, want %s", iv.Start.In(ny).Format("Mon 2006-01-02 15:04 MST"), got, want)
		}
		if got := iv.Start.In(ny).Format("15:04"); got != "22:00" {
			t.Errorf("shift %s starts at %s local, want 22:00", iv, got)
		}
		n++
	}
	if n != 2*52 {
		t.Errorf("%d shifts, want 104 (two on each of 52 weekends)", n)
	}
}

func TestWorkingNamedCases(t *testing.T) {
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		zone     string
		hours    string
		from, to string // window, civil dates in the zone
		want     []string
	}{
		{"berlin in winter", "Europe/Berlin", "Mon-Fri 09:00-17:00", "2026-03-26", "2026-03-28",
			[]string{"2026-03-26T08:00:00Z", "2026-03-26T16:00:00Z", "2026-03-27T08:00:00Z", "2026-03-27T16:00:00Z"}},
		{"berlin after spring forward", "Europe/Berlin", "Mon-Fri 09:00-17:00", "2026-03-29", "2026-04-01",
			[]string{"2026-03-30T07:00:00Z", "2026-03-30T15:00:00Z", "2026-03-31T07:00:00Z", "2026-03-31T15:00:00Z"}},
		{"new york spring-forward morning is 7h", "America/New_York", "Sun 00:00-08:00", "2026-03-08", "2026-03-09",
			[]string{"2026-03-08T05:00:00Z", "2026-03-08T12:00:00Z"}},
		{"santiago midnight gap", "America/Santiago", "Sun 00:00-08:00", "2026-09-06", "2026-09-07",
			[]string{"2026-09-06T04:00:00Z", "2026-09-06T11:00:00Z"}},
		{"kolkata", "Asia/Kolkata", "Mon 09:30-18:00", "2026-03-09", "2026-03-10",
			[]string{"2026-03-09T04:00:00Z", "2026-03-09T12:30:00Z"}},
		{"night shift before the window counts", "America/New_York", "Sun 22:00-06:00", "2026-06-15", "2026-06-16",
			[]string{"2026-06-15T04:00:00Z", "2026-06-15T10:00:00Z"}},
		{"touching spans of two days merge", "UTC", "Mon 16:00-24:00; Tue 00:00-08:00", "2026-06-15", "2026-06-17",
			[]string{"2026-06-15T16:00:00Z", "2026-06-16T08:00:00Z"}},
		{"apia's night shift from the day before the skipped day", "Pacific/Apia", "Mon-Sun 22:00-06:00", "2011-12-31", "2012-01-01",
			[]string{"2011-12-30T10:00:00Z", "2011-12-30T16:00:00Z", "2011-12-31T08:00:00Z", "2011-12-31T10:00:00Z"}},
		{"apia's skipped friday lands on saturday", "Pacific/Apia", "Fri 09:00-17:00", "2011-12-29", "2012-01-01",
			[]string{"2011-12-30T19:00:00Z", "2011-12-31T03:00:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustLoad(t, tc.zone)
			window := Interval{Wall(MustParseDate(tc.from), Midnight, loc), Wall(MustParseDate(tc.to), Midnight, loc)}
			var got []string
			for iv := range MustParseWeeklyHours(tc.hours).Working(window, loc).All() {
				got = append(got, iv.Start.UTC().Format(time.RFC3339), iv.End.UTC().Format(time.RFC3339))
			}
			for i := range tc.want {
				tc.want[i] = utc(tc.want[i]).Format(time.RFC3339)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s in %s (-want +got):\n%s", tc.hours, tc.zone, diff)
			}
		})
	}
}

func TestWorkingEdgeInputs(t *testing.T) {
	w := MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	at := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	if got := w.Working(Interval{at, at}, time.UTC); !got.IsEmpty() {
		t.Errorf("empty window: %s", got)
	}
	if got := w.Working(Interval{at.Add(time.Hour), at}, time.UTC); !got.IsEmpty() {
		t.Errorf("reversed window: %s", got)
	}
	if got := (WeeklyHours{}).Working(Interval{at, at.AddDate(0, 0, 7)}, time.UTC); !got.IsEmpty() {
		t.Errorf("zero hours: %s", got)
	}
	week := Interval{at, at.AddDate(0, 0, 7)}
	if a, b := w.Working(week, nil), w.Working(week, time.UTC); !a.Equal(b) {
		t.Errorf("nil loc %s, UTC %s", a, b)
	}
	if got := w.Working(week, time.UTC).Duration(); got != 40*time.Hour {
		t.Errorf("a week of Mon-Fri 09:00-17:00 is %s, want 40h", got)
	}
}

func TestWorkingOutsideYears1To9999IsEmptyAndQuick(t *testing.T) {
	w := MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	far := Interval{time.Unix(-1<<40, 0), time.Date(1, 1, 3, 0, 0, 0, 0, time.UTC)}
	if got := w.Working(far, time.UTC); got.Duration() != 16*time.Hour {
		t.Errorf("working time up to 0001-01-03 is %s, want 16h (Monday 0001-01-01 and Tuesday)", got.Duration())
	}
	if got := w.Working(Interval{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(1<<40, 0)}, time.UTC); !got.IsEmpty() {
		t.Errorf("working time after 9999: %s", got)
	}
}

func TestNilLocationIsUTC(t *testing.T) {
	iv := Interval{time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)}
	if got := iv.In(nil); got.Start.Location() != time.UTC {
		t.Errorf("Interval.In(nil) is in %v", got.Start.Location())
	}
	if got := NewSet(iv).In(nil).Intervals()[0]; got.Start.Location() != time.UTC {
		t.Errorf("Set.In(nil) is in %v", got.Start.Location())
	}
}

func TestSetDurationSaturates(t *testing.T) {
	a := Interval{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(290, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := Interval{time.Date(300, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(590, 1, 1, 0, 0, 0, 0, time.UTC)}
	if got := NewSet(a, b).Duration(); got != time.Duration(math.MaxInt64) {
		t.Errorf("Duration of 580 years = %s, want the largest Duration", got)
	}
}

func BenchmarkWorkingYear(b *testing.B) {
	loc := mustLoad(b, "Europe/Berlin")
	w := MustParseWeeklyHours("Mon-Fri 09:00-12:00,13:00-17:00")
	year := Interval{Wall(MustParseDate("2026-01-01"), Midnight, loc), Wall(MustParseDate("2027-01-01"), Midnight, loc)}
	b.ReportAllocs()
	for b.Loop() {
		w.Working(year, loc)
	}
}
