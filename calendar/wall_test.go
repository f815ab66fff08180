package calendar

import (
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestWallNamedCases(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		date  string
		clock string
		want  string // the instant, in UTC
	}{
		{"new york gap reads with EST", "America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z"},
		{"new york fold takes EDT", "America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z"},
		{"new york ordinary day", "America/New_York", "2026-06-15", "09:00", "2026-06-15T13:00:00Z"},
		{"berlin gap reads with CET", "Europe/Berlin", "2026-03-29", "02:30", "2026-03-29T01:30:00Z"},
		{"berlin fold takes CEST", "Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30:00Z"},
		{"santiago midnight gap", "America/Santiago", "2026-09-06", "00:00", "2026-09-06T04:00:00Z"},
		{"santiago 24:00 before the gap", "America/Santiago", "2026-09-05", "24:00", "2026-09-06T04:00:00Z"},
		{"santiago fold before midnight", "America/Santiago", "2026-04-04", "23:30", "2026-04-05T02:30:00Z"},
		{"lord howe half-hour gap", "Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00Z"},
		{"lord howe half-hour fold", "Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00Z"},
		{"apia skipped day, midnight", "Pacific/Apia", "2011-12-30", "00:00", "2011-12-30T10:00:00Z"},
		{"apia skipped day, noon", "Pacific/Apia", "2011-12-30", "12:00", "2011-12-30T22:00:00Z"},
		{"apia day after the skip", "Pacific/Apia", "2011-12-31", "00:00", "2011-12-30T10:00:00Z"},
		{"apia day before the skip", "Pacific/Apia", "2011-12-29", "12:00", "2011-12-29T22:00:00Z"},
		{"kathmandu +05:45", "Asia/Kathmandu", "2026-03-08", "09:00", "2026-03-08T03:15:00Z"},
		{"kolkata +05:30", "Asia/Kolkata", "2026-03-08", "09:00", "2026-03-08T03:30:00Z"},
		{"kolkata 24:00", "Asia/Kolkata", "2026-03-08", "24:00", "2026-03-08T18:30:00Z"},
		{"kiritimati +14", "Pacific/Kiritimati", "2026-01-01", "09:00", "2025-12-31T19:00:00Z"},
		{"casablanca in ramadan (+00)", "Africa/Casablanca", "2026-03-01", "10:00", "2026-03-01T10:00:00Z"},
		{"casablanca out of ramadan (+01)", "Africa/Casablanca", "2026-04-01", "10:00", "2026-04-01T09:00:00Z"},
		{"casablanca fold entering ramadan", "Africa/Casablanca", "2026-02-15", "02:30", "2026-02-15T01:30:00Z"},
		{"casablanca gap leaving ramadan", "Africa/Casablanca", "2026-03-22", "02:30", "2026-03-22T02:30:00Z"},
		{"havana midnight gap", "America/Havana", "2026-03-08", "00:30", "2026-03-08T05:30:00Z"},
		{"havana fold after midnight", "America/Havana", "2026-11-01", "00:30", "2026-11-01T04:30:00Z"},
		{"azores midnight gap", "Atlantic/Azores", "2026-03-29", "00:30", "2026-03-29T01:30:00Z"},
		{"azores fold", "Atlantic/Azores", "2026-10-25", "00:30", "2026-10-25T00:30:00Z"},
		{"24:00 on the day before a gap", "America/New_York", "2026-03-07", "24:00", "2026-03-08T05:00:00Z"},
		{"24:00 on the day of a gap", "America/New_York", "2026-03-08", "24:00", "2026-03-09T04:00:00Z"},
		{"utc", "UTC", "2026-03-08", "02:30", "2026-03-08T02:30:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustLoad(t, tc.zone)
			got := Wall(MustParseDate(tc.date), MustParseClock(tc.clock), loc)
			want, err := time.Parse(time.RFC3339, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) {
				t.Errorf("Wall(%s, %s, %s) = %s (%s), want %s", tc.date, tc.clock, tc.zone,
					got.UTC().Format(time.RFC3339), got.Format("15:04 MST"), tc.want)
			}
			if got.Location() != loc {
				t.Errorf("Wall(...).Location() = %v, want %v", got.Location(), loc)
			}
		})
	}
}

func TestWallNilLocationIsUTC(t *testing.T) {
	got := Wall(MustParseDate("2026-03-08"), MustParseClock("09:00"), nil)
	if want := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Wall(..., nil) = %v, want %v", got, want)
	}
}

func TestWallNormalisesLikeTimeDate(t *testing.T) {
	// Out-of-range dates and clocks carry into the next day, month or year.
	tests := []struct {
		d    Date
		c    Clock
		want time.Time
	}{
		{Date{2026, time.February, 30}, 0, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
		{Date{2026, 13, 1}, 0, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Date{2026, 3, 8}, 1500, time.Date(2026, 3, 9, 1, 0, 0, 0, time.UTC)},
		{Date{2026, 3, 8}, -60, time.Date(2026, 3, 7, 23, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		if got := Wall(tc.d, tc.c, time.UTC); !got.Equal(tc.want) {
			t.Errorf("Wall(%v, %d, UTC) = %v, want %v", tc.d, int(tc.c), got, tc.want)
		}
	}
}

// TestWallReadsBackTheWallTime states the rule: read back in its zone, the
// instant shows the wall time it was made from, unless that wall time is
// in a gap, when it shows the wall time pushed forward by the gap; in a
// fold it is the earlier of the two instants. The model is bruteWall.
func TestWallReadsBackTheWallTime(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		d, c := drawWallNear(t, loc)
		got := Wall(d, c, loc)
		l := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + int64(c)*60
		r := reading(got, loc)
		switch {
		case r == l:
			// Not in a gap: no earlier instant shows the same wall time.
			for back := int64(15 * 60); back <= 15*3600; back += 15 * 60 {
				if earlier := got.Add(-time.Duration(back) * time.Second); reading(earlier, loc) == l {
					t.Fatalf("Wall(%s, %s, %s) = %s, but %s shows the same wall time and is earlier",
						d, c, loc, got.Format(time.RFC3339), earlier.Format(time.RFC3339))
				}
			}
		case r > l:
			// In a gap: pushed forward by the gap, read with the offset
			// before it.
			_, before := got.Add(-(time.Duration(r-l) * time.Second) - time.Second).In(loc).Zone()
			_, after := got.Zone()
			if int64(after-before) != r-l {
				t.Fatalf("Wall(%s, %s, %s) = %s: pushed forward %ds, but the gap is %ds",
					d, c, loc, got.Format(time.RFC3339), r-l, after-before)
			}
		default:
			t.Fatalf("Wall(%s, %s, %s) = %s shows an earlier wall time", d, c, loc, got.Format(time.RFC3339))
		}
		if want := bruteWall(d, c, loc); !got.Equal(want) {
			t.Fatalf("Wall(%s, %s, %s) = %s, model says %s", d, c, loc,
				got.Format(time.RFC3339), want.Format(time.RFC3339))
		}
	})
}

// TestWall24IsNextMidnight: 24:00 on a day is 00:00 on the next, in every
// zone.
func TestWall24IsNextMidnight(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		d, _ := drawWallNear(t, loc)
		if a, b := Wall(d, EndOfDay, loc), Wall(d.AddDays(1), Midnight, loc); !a.Equal(b) {
			t.Fatalf("Wall(%s, 24:00) = %s, Wall(%s, 00:00) = %s", d, a, d.AddDays(1), b)
		}
	})
}

// TestWallIsMonotoneOutsideGaps: later wall times are never earlier
// instants unless the later one was pushed out of a gap.
func TestWallIsMonotoneOutsideGaps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		d, c := drawWallNear(t, loc)
		step := Clock(rapid.IntRange(1, 600).Draw(t, "step"))
		a, b := Wall(d, c, loc), Wall(d, c+step, loc)
		l := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + int64(c)*60
		if reading(a, loc) == l && b.Before(a) {
			t.Fatalf("Wall(%s, %s) = %s is after Wall(%s, %s) = %s", d, c, a, d, c+step, b)
		}
	})
}

func BenchmarkWall(b *testing.B) {
	loc := mustLoad(b, "Europe/Berlin")
	d := MustParseDate("2026-03-29")
	c := MustParseClock("02:30")
	b.ReportAllocs()
	for b.Loop() {
		Wall(d, c, loc)
	}
}

// TestWallAgreesWithTheZoneTable: Wall, which resolves one wall time
// without a table, and a zoneTable, which resolves many, agree.
func TestWallAgreesWithTheZoneTable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		d, c := drawWallNear(t, loc)
		l := localSeconds(d, c)
		z := newZoneTable(loc, l-maxOffset, l+maxOffset, nil)
		if got, want := Wall(d, c, loc).Unix(), z.resolve(l); got != want {
			t.Fatalf("Wall(%s, %s, %s) = %d, the zone table says %d", d, c, loc, got, want)
		}
	})
}

// FirstShowing, worked out from the zones' published changes: where the
// clocks skip the time, the instant of the jump; elsewhere Wall's instant.
func TestFirstShowingNamedCases(t *testing.T) {
	tests := []struct {
		name, zone, date, clock string
		want                    string // the instant, in UTC
	}{
		{"new york gap: the jump at 02:00 EST", "America/New_York", "2026-03-08", "02:30", "2026-03-08T07:00:00Z"},
		{"new york after the gap", "America/New_York", "2026-03-08", "03:00", "2026-03-08T07:00:00Z"},
		{"new york fold: the first 01:30", "America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z"},
		{"new york 02:00 after the fold", "America/New_York", "2026-11-01", "02:00", "2026-11-01T07:00:00Z"},
		{"berlin gap", "Europe/Berlin", "2026-03-29", "02:00", "2026-03-29T01:00:00Z"},
		{"berlin fold", "Europe/Berlin", "2026-10-25", "02:00", "2026-10-25T00:00:00Z"},
		{"santiago midnight gap", "America/Santiago", "2026-09-06", "00:30", "2026-09-06T04:00:00Z"},
		{"lord howe half-hour gap", "Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:30:00Z"},
		{"apia skipped day", "Pacific/Apia", "2011-12-30", "12:00", "2011-12-30T10:00:00Z"},
		{"apia 24:00 of the skipped day", "Pacific/Apia", "2011-12-30", "24:00", "2011-12-30T10:00:00Z"},
		{"havana midnight gap", "America/Havana", "2026-03-08", "00:30", "2026-03-08T05:00:00Z"},
		{"kathmandu", "Asia/Kathmandu", "2026-03-08", "09:00", "2026-03-08T03:15:00Z"},
		{"24:00 is the next midnight", "America/New_York", "2026-03-08", "24:00", "2026-03-09T04:00:00Z"},
		{"25:00 is 01:00 the next day", "America/New_York", "2026-03-07", "25:00", "2026-03-08T06:00:00Z"},
		{"-01:00 is 23:00 the day before", "Asia/Kolkata", "2026-03-09", "-01:00", "2026-03-08T17:30:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			loc := mustLoad(t, tc.zone)
			c := Clock(0)
			switch tc.clock {
			case "25:00":
				c = 25 * 60
			case "-01:00":
				c = -60
			default:
				c = MustParseClock(tc.clock)
			}
			got := FirstShowing(MustParseDate(tc.date), c, loc)
			want, err := time.Parse(time.RFC3339, tc.want)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(want) || got.Location() != loc {
				t.Errorf("FirstShowing(%s, %s, %s) = %s in %s, want %s", tc.date, tc.clock, tc.zone, got.UTC().Format(time.RFC3339), got.Location(), tc.want)
			}
		})
	}
	if got := FirstShowing(MustParseDate("2026-03-08"), 150, nil); !got.Equal(time.Date(2026, 3, 8, 2, 30, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("a nil zone: %s, want 02:30 UTC", got)
	}
}

// bruteFirstShowing is the model of FirstShowing: the first whole minute,
// walking forward from a day before, whose wall clock shows d c or later.
func bruteFirstShowing(d Date, c Clock, loc *time.Location) time.Time {
	l := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + int64(c)*60
	for t := l - 16*3600; t <= l+16*3600; t += 60 {
		if reading(time.Unix(t, 0), loc) >= l {
			return time.Unix(t, 0)
		}
	}
	panic("bruteFirstShowing: no instant near the wall time")
}

// TestFirstShowingMatchesTheModel: near the changes of the hard zones,
// FirstShowing is the model's instant, and the stretch to a later clock
// holds exactly the minutes whose wall clock, at its furthest so far, is
// from c to c2: what a clock falling back shows again stays in the
// stretch in which it fell back.
func TestFirstShowingMatchesTheModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loc := drawZone(t)
		d, c := drawWallNear(t, loc)
		got := FirstShowing(d, c, loc)
		if want := bruteFirstShowing(d, c, loc); !got.Equal(want) {
			t.Fatalf("FirstShowing(%s, %s, %s) = %s, model says %s", d, c, loc, got.UTC().Format(time.RFC3339), want.UTC().Format(time.RFC3339))
		}
		c2 := c + Clock(rapid.IntRange(1, 180).Draw(t, "length"))
		end := FirstShowing(d, c2, loc)
		lo := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + int64(c)*60
		hi := lo + int64(c2-c)*60
		furthest := int64(math.MinInt64)
		for m := lo - 16*3600; m <= hi+16*3600; m += 60 {
			furthest = max(furthest, reading(time.Unix(m, 0), loc))
			in := !time.Unix(m, 0).Before(got) && time.Unix(m, 0).Before(end)
			if want := lo <= furthest && furthest < hi; in != want {
				t.Fatalf("%s (furthest wall time %s): in the stretch of %s %s to %s is %v, want %v",
					time.Unix(m, 0).UTC().Format(time.RFC3339), time.Unix(furthest, 0).UTC().Format("2006-01-02 15:04"), d, c, c2, in, want)
			}
		}
	})
}
