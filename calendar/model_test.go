package calendar

import (
	"time"

	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/internal/tztest"
)

// hardZones are the zones the generators draw from (see tztest.HardZones).
var hardZones = tztest.HardZones()

// fataler is what testing.TB and *rapid.T share.
type fataler = tztest.Fataler

func mustLoad(t fataler, name string) *time.Location {
	t.Helper()
	return tztest.Load(t, name)
}

func drawZone(t *rapid.T) *time.Location {
	return mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, "zone"))
}

// reading returns the wall time t shows in loc, as seconds since
// 1970-01-01 00:00 on that wall clock.
func reading(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	return t.Unix() + int64(off)
}

// bruteWall is the model of Wall, built only from Go's time package and a
// search: every instant that shows the wall time is found by trying every
// offset a modern zone may have (whole quarter hours within ±15h); the
// earliest wins. When none shows it, the wall time is in a gap, and it is
// read with the offset of the last instant before the clocks jumped past it.
func bruteWall(d Date, c Clock, loc *time.Location) time.Time {
	l := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() + int64(c)*60
	for off := int64(15 * 3600); off >= -15*3600; off -= 15 * 60 {
		if t := time.Unix(l-off, 0); reading(t, loc) == l {
			return t.In(loc)
		}
	}
	for t := l - 15*3600; t <= l+15*3600; t += 60 {
		if reading(time.Unix(t, 0), loc) > l {
			_, before := time.Unix(t-1, 0).In(loc).Zone()
			return time.Unix(l-int64(before), 0).In(loc)
		}
	}
	panic("bruteWall: no instant near the wall time")
}

// transitions returns the instants in [from, to) at which loc changes its
// offset.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	t := from.In(loc)
	for {
		_, e := t.ZoneBounds()
		if e.IsZero() || !e.Before(to) || !e.After(t) {
			return out
		}
		_, a := t.Zone()
		if _, b := e.Zone(); a != b {
			out = append(out, e)
		}
		t = e
	}
}

// drawWallNear draws a date and clock in loc, most often within three hours
// of a change of offset, where the interesting cases are.
func drawWallNear(t *rapid.T, loc *time.Location) (Date, Clock) {
	year := rapid.IntRange(2000, 2037).Draw(t, "year")
	if loc.String() == "Pacific/Apia" && rapid.Bool().Draw(t, "apia2011") {
		year = 2011 // the year Samoa skipped a day
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := transitions(loc, start, start.AddDate(1, 0, 0))
	var l int64
	if len(ts) > 0 && rapid.IntRange(0, 3).Draw(t, "near") > 0 {
		tr := rapid.SampledFrom(ts).Draw(t, "transition")
		l = reading(tr.Add(-time.Second), loc) + 1 + 60*int64(rapid.IntRange(-180, 180).Draw(t, "minutes"))
	} else {
		l = start.Unix() + 60*int64(rapid.IntRange(0, 365*1440).Draw(t, "minute"))
	}
	l -= floorMod(l, 60)
	w := time.Unix(l, 0).UTC()
	d, c := DateOf(w), Clock(w.Hour()*60+w.Minute())
	if c == 0 && rapid.Bool().Draw(t, "as24") {
		d, c = d.AddDays(-1), EndOfDay
	}
	return d, c
}
