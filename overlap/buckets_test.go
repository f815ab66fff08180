package overlap

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// bucketsModel is the brute-force model of Buckets: every minute of the
// window goes to the bucket that its wall clock in loc shows (the date,
// and the time of day rounded down to the step), or, in the second pass of
// a fall-back night, to the bucket of the latest wall time shown so far
// (counting the hours before the window), so that the buckets follow each
// other in time; a bucket is its minutes,
// which must be one unbroken run, and its Free counts the people whose
// minute bitmap is free at every one of them. Every civil day from the
// window's first to its last has all its buckets, empty or not.
func bucketsModel(t fataler, team []calendar.Person, window calendar.Interval, opt Options, loc *time.Location, step time.Duration) []string {
	bits := make([][]bool, len(team))
	for i := range team {
		bits[i] = freeMinutes(t, &team[i], window, opt)
	}
	type key struct {
		d calendar.Date
		c calendar.Clock
	}
	type run struct{ first, last int } // minutes of the window
	runs := map[key]*run{}
	// The latest wall time shown so far, from three hours before the
	// window (more than any fall-back): a window that starts in the
	// second pass of a fall-back night starts in the bucket the clocks
	// fell back in, as it would if it started earlier.
	latest := calendar.DateTimeOf(window.Start.Add(-3 * time.Hour).In(loc))
	for m := -180; m < 0; m++ {
		if shown := calendar.DateTimeOf(window.Start.Add(time.Duration(m) * time.Minute).In(loc)); shown.Compare(latest) > 0 {
			latest = shown
		}
	}
	for m := range int(window.Duration() / time.Minute) {
		if shown := calendar.DateTimeOf(window.Start.Add(time.Duration(m) * time.Minute).In(loc)); shown.Compare(latest) > 0 {
			latest = shown
		}
		k := key{latest.Date, latest.Clock / calendar.Clock(step/time.Minute) * calendar.Clock(step/time.Minute)}
		if r, ok := runs[k]; !ok {
			runs[k] = &run{m, m}
		} else if r.last != m-1 {
			t.Fatalf("the minutes of bucket %v are not one run: %d after %d", k, m, r.last)
		} else {
			r.last = m
		}
	}
	first := calendar.DateOf(window.Start.In(loc))
	last := calendar.DateOf(window.End.Add(-time.Nanosecond).In(loc))
	var out []string
	for d := first; !d.After(last); d = d.AddDays(1) {
		for c := calendar.Clock(0); c < calendar.EndOfDay; c += calendar.Clock(step / time.Minute) {
			r, ok := runs[key{d, c}]
			if !ok {
				out = append(out, fmt.Sprintf("%s %s empty free 0", d, c))
				continue
			}
			n := 0
			for i := range team {
				all := true
				for m := r.first; m <= r.last; m++ {
					all = all && bits[i][m]
				}
				if all {
					n++
				}
			}
			from := window.Start.Add(time.Duration(r.first) * time.Minute)
			to := window.Start.Add(time.Duration(r.last+1) * time.Minute)
			out = append(out, fmt.Sprintf("%s %s %s free %d", d, c, calendar.Interval{Start: from.UTC(), End: to.UTC()}, n))
		}
	}
	return out
}

func bucketsText(bs []Bucket) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		if b.IsEmpty() {
			out[i] = fmt.Sprintf("%s %s empty free %d", b.Date, b.Clock, b.Free)
			continue
		}
		out[i] = fmt.Sprintf("%s %s %s free %d", b.Date, b.Clock, b.In(time.UTC), b.Free)
	}
	return out
}

// TestBucketsMatchMinuteModel: each bucket is its stretch of the wall
// clock, clipped to the window, and counts the people free at every
// minute of it.
func TestBucketsMatchMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		loc := mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, "viewer"))
		step := time.Duration(rapid.SampledFrom([]int{15, 20, 30, 45, 60, 90, 120, 180, 360, 1440}).Draw(t, "step")) * time.Minute
		got, err := r.Buckets(loc, step)
		if err != nil {
			t.Fatalf("Buckets(%s, %s): %v", loc, step, err)
		}
		if diff := cmp.Diff(bucketsModel(t, team, window, opt, loc, step), bucketsText(got)); diff != "" {
			t.Fatalf("Buckets(%s, %s) (-model +got):\n%s", loc, step, diff)
		}
		for _, b := range got {
			if b.Start.Location().String() != loc.String() {
				t.Fatalf("bucket %s is in %s, want %s", b, b.Start.Location(), loc)
			}
		}
	})
}

// TestBucketsNewYorkChangesOfClocks: hourly buckets on the two Sundays
// New York changes its clocks. Ann is free all the time; Bo works Sunday
// 01:00-04:00 on the wall clock, which is two hours long in March and four
// in November.
func TestBucketsNewYorkChangesOfClocks(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	team := []calendar.Person{
		{ID: "ann", Zone: ny, Hours: calendar.MustParseWeeklyHours("Mon-Sun 00:00-24:00")},
		{ID: "bo", Zone: ny, Hours: calendar.MustParseWeeklyHours("Sun 01:00-04:00")},
	}
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		day string
		// The buckets that are not one hour long or have Bo free, as
		// "clock start-end free", in UTC; every other bucket is the hour
		// with Ann alone.
		special  []string
		nonEmpty int
		length   time.Duration
		midnight string
	}{
		{
			// 02:00 EST is 03:00 EDT: the 02:00 bucket is empty. EST is
			// UTC-5 before, EDT UTC-4 after.
			day: "2026-03-08",
			special: []string{
				"01:00 06:00-07:00 free 2",
				"02:00 07:00-07:00 free 0",
				"03:00 07:00-08:00 free 2",
			},
			nonEmpty: 23, length: 23 * time.Hour, midnight: "2026-03-08T05:00:00Z",
		},
		{
			// 01:00 comes twice: the bucket runs from the first 01:00
			// EDT (05:00Z) to 02:00 EST (07:00Z).
			day: "2026-11-01",
			special: []string{
				"01:00 05:00-07:00 free 2",
				"02:00 07:00-08:00 free 2",
				"03:00 08:00-09:00 free 2",
			},
			nonEmpty: 24, length: 25 * time.Hour, midnight: "2026-11-01T04:00:00Z",
		},
	} {
		t.Run(tc.day, func(t *testing.T) {
			d := calendar.MustParseDate(tc.day)
			window := calendar.Days(d, d, ny)
			r := mustCompute(t, team, window, Options{})
			got, err := r.Buckets(ny, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 24 {
				t.Fatalf("%d buckets, want 24", len(got))
			}
			var special []string
			nonEmpty, total := 0, time.Duration(0)
			for i, b := range got {
				if b.Date != d || b.Clock != calendar.Clock(60*i) {
					t.Errorf("bucket %d is %s %s, want %s %s", i, b.Date, b.Clock, d, calendar.Clock(60*i))
				}
				if b.Duration() != time.Hour || b.Free != 1 {
					special = append(special, fmt.Sprintf("%s %s-%s free %d", b.Clock, b.Start.UTC().Format("15:04"), b.End.UTC().Format("15:04"), b.Free))
				}
				if !b.IsEmpty() {
					nonEmpty++
				}
				total += b.Duration()
			}
			if diff := cmp.Diff(tc.special, special); diff != "" {
				t.Errorf("buckets (-want +got):\n%s", diff)
			}
			if nonEmpty != tc.nonEmpty || total != tc.length {
				t.Errorf("%d non-empty buckets lasting %s; want %d lasting %s", nonEmpty, total, tc.nonEmpty, tc.length)
			}
			if !got[0].Start.Equal(utc(tc.midnight)) {
				t.Errorf("the first bucket starts at %s, want midnight, %s", got[0].Start, tc.midnight)
			}
		})
	}
}

func TestBucketsBadSteps(t *testing.T) {
	r := mustCompute(t, []calendar.Person{{ID: "a", Zone: time.UTC, Hours: nineToFive}}, weeks("2026-03-02", 1), Options{})
	for _, step := range []time.Duration{0, -time.Hour, 7 * time.Minute, 90 * time.Second, 25 * time.Hour, 48 * time.Hour} {
		_, err := r.Buckets(time.UTC, step)
		if err == nil || !strings.Contains(err.Error(), step.String()) {
			t.Errorf("Buckets(UTC, %s): %v, want an error naming the step", step, err)
		}
	}
	for _, step := range []time.Duration{time.Minute, 45 * time.Minute, 24 * time.Hour} {
		got, err := r.Buckets(nil, step)
		if err != nil || len(got) != 7*int(24*time.Hour/step) {
			t.Errorf("Buckets(nil, %s): %d buckets, %v; want %d", step, len(got), err, 7*int(24*time.Hour/step))
		}
	}
}

// TestBucketsAroundApiasSkippedDay: Apia skipped Friday 2011-12-30,
// going from 23:59:59 on the 29th (UTC-10) to 00:00 on the 31st (UTC+14).
// Someone in Apia who works 09:00-17:00 every day is free for the whole
// of Saturday's buckets from 09:00 to 16:00 (19:00Z to 03:00Z), whatever
// Buckets makes of the day that was skipped.
func TestBucketsAroundApiasSkippedDay(t *testing.T) {
	apia := mustLoad(t, "Pacific/Apia")
	team := []calendar.Person{{ID: "a", Zone: apia, Hours: calendar.MustParseWeeklyHours("Mon-Sun 09:00-17:00")}}
	window := calendar.Interval{Start: time.Date(2011, 12, 29, 0, 0, 0, 0, time.UTC), End: time.Date(2012, 1, 2, 0, 0, 0, 0, time.UTC)}
	got, err := mustCompute(t, team, window, Options{}).Buckets(apia, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	saturday := calendar.MustParseDate("2011-12-31")
	var free []string
	for _, b := range got {
		if b.Date == saturday && b.Free > 0 {
			free = append(free, fmt.Sprintf("%s %s-%s", b.Clock, b.Start.UTC().Format("02T15:04"), b.End.UTC().Format("02T15:04")))
		}
	}
	want := []string{
		"09:00 30T19:00-30T20:00", "10:00 30T20:00-30T21:00", "11:00 30T21:00-30T22:00", "12:00 30T22:00-30T23:00",
		"13:00 30T23:00-31T00:00", "14:00 31T00:00-31T01:00", "15:00 31T01:00-31T02:00", "16:00 31T02:00-31T03:00",
	}
	if diff := cmp.Diff(want, free); diff != "" {
		t.Errorf("Saturday's buckets with someone free (-want +got):\n%s", diff)
	}
}

// TestBucketsShorterThanAGap: with half-hour buckets on Berlin's
// spring-forward night (02:00 CET jumps to 03:00 CEST, at 01:00 UTC), the
// 02:00 and 02:30 buckets are empty and the 03:00 one starts at the jump:
// no instant is in two buckets. On the fall-back night (03:00 CEST falls
// back to 02:00 CET, at 01:00 UTC) the hour shown twice goes to the 02:30
// bucket, in which the clocks fall back: the buckets follow each other in
// time.
func TestBucketsShorterThanAGap(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	team := []calendar.Person{{ID: "a", Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Sun 00:00-24:00")}}
	for _, tc := range []struct {
		day  string
		want []string // "clock start-end" in UTC, from 01:30 to 03:30
	}{
		{"2026-03-29", []string{"01:30 00:30-01:00", "02:00 empty", "02:30 empty", "03:00 01:00-01:30", "03:30 01:30-02:00"}},
		{"2026-10-25", []string{"01:30 23:30-00:00", "02:00 00:00-00:30", "02:30 00:30-02:00", "03:00 02:00-02:30", "03:30 02:30-03:00"}},
	} {
		d := calendar.MustParseDate(tc.day)
		got, err := mustCompute(t, team, calendar.Days(d, d, berlin), Options{}).Buckets(berlin, 30*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		var total time.Duration
		for _, b := range got {
			total += b.Duration()
			if b.Clock < calendar.MustParseClock("01:30") || b.Clock > calendar.MustParseClock("03:30") {
				continue
			}
			if b.IsEmpty() {
				cells = append(cells, b.Clock.String()+" empty")
				continue
			}
			cells = append(cells, b.Clock.String()+" "+b.Start.UTC().Format("15:04")+"-"+b.End.UTC().Format("15:04"))
		}
		if diff := cmp.Diff(tc.want, cells); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.day, diff)
		}
		if day := calendar.Days(d, d, berlin).Duration(); total != day {
			t.Errorf("%s: the buckets add up to %s, the day is %s", tc.day, total, day)
		}
	}
}
