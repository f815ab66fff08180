package overlap

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/tztest"
)

// cell is the band model's grain: with whole-minute hours, zones and
// windows and a whole-minute shoulder, every bound of a band (a quarter of
// the shoulder, the middle of a gap between working spans) falls on it.
const cell = 15 * time.Second

// A bandModel is the brute-force model of an attendee's bands: each cell
// of the window with its band and weight in quarter points a minute,
// found cell by cell from the distance of its middle to the nearest
// working time of the person's timeline (over a wider window), the
// wall-clock nights of the dates before, and its weekday.
type bandModel struct {
	band     []Band
	quarters []int64
}

func newBandModel(t fataler, p *calendar.Person, window calendar.Interval, team calendar.Comfort) bandModel {
	c := p.Comfort.Or(team)
	shoulder := c.ShoulderOrDefault()
	night := c.NightFor(p.Hours)
	margin := shoulder + 48*time.Hour
	wide := calendar.Interval{Start: window.Start.Add(-margin), End: window.End.Add(margin)}
	nw := int(wide.Duration() / cell)
	working := make([]bool, nw)
	for _, s := range personTimeline(t, *p, wide) {
		if s.Kind == calendar.KindOffHours {
			continue
		}
		for i := int(s.Start.Sub(wide.Start) / cell); i < int(s.End.Sub(wide.Start)/cell); i++ {
			working[i] = true
		}
	}
	// prev[i]: where the last working cell at or before i ends; next[i]:
	// where the first at or after i starts (in cells; -1 for none).
	prev, next := make([]int, nw), make([]int, nw)
	last := -1
	for i := range nw {
		if working[i] {
			last = i + 1
		}
		prev[i] = last
	}
	last = -1
	for i := nw - 1; i >= 0; i-- {
		if working[i] {
			last = i
		}
		next[i] = last
	}
	inNight := func(at time.Time) bool {
		d := calendar.DateOf(at.In(p.Zone))
		// A night starts on its date and may end after a skipped day
		// (Apia left out 2011-12-30).
		for _, day := range []calendar.Date{d.AddDays(-2), d.AddDays(-1), d} {
			end := day
			if night.To <= night.From {
				end = day.AddDays(1)
			}
			if !at.Before(calendar.Wall(day, night.From, p.Zone)) && at.Before(calendar.Wall(end, night.To, p.Zone)) {
				return true
			}
		}
		return false
	}
	off := int(margin / cell)
	n := int(window.Duration() / cell)
	m := bandModel{band: make([]Band, n), quarters: make([]int64, n)}
	for i := range n {
		w := i + off
		if working[w] {
			continue
		}
		mid := float64(w) + 0.5 // in cells
		dist := -1.0
		if prev[w] >= 0 {
			dist = mid - float64(prev[w])
		}
		if next[w] >= 0 && (dist < 0 || float64(next[w])-mid < dist) {
			dist = float64(next[w]) - mid
		}
		at := window.Start.Add(time.Duration(i)*cell + cell/2)
		b, q := BandLate, int64(8)
		switch cells := float64(shoulder / cell); {
		case dist >= 0 && dist < cells:
			b, q = BandShoulder, 4+int64(4*dist/cells)
		case len(p.Hours.Spans(calendar.DateOf(at.In(p.Zone)).Weekday())) == 0:
			b, q = BandDayOff, 12
		}
		if inNight(at) {
			b, q = BandNight, 16
		}
		m.band[i], m.quarters[i] = b, q
	}
	return m
}

// TestNightShiftCostsNothing: Jun works 22:00-06:00 in Manila (UTC+8),
// Ana 09:00-17:00 in London (UTC+0 in January). A meeting at 16:00 UTC
// is Jun's midnight, in his working hours: it costs him nothing, while
// Ana's 16:00 is in hers too. At 10:00 UTC, Jun's 18:00 is in his night
// (09:30-18:30, the nine hours furthest from his shift): Rotate and
// Suggest leave it alone unless the request allows nights. At 07:00 UTC
// (Ana's 07:00, two hours before her day; Jun's 15:00, night) it is the
// same.
func TestNightShiftCostsNothing(t *testing.T) {
	manila, london := mustLoad(t, "Asia/Manila"), mustLoad(t, "Europe/London")
	team := []calendar.Person{
		{ID: "ana", Zone: london, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
		{ID: "jun", Zone: manila, Hours: calendar.MustParseWeeklyHours("Mon-Fri 22:00-06:00")},
	}
	monday := calendar.MustParseDate("2026-01-12")
	window := calendar.Days(monday, monday, time.UTC)
	r := mustCompute(t, team, window, Options{})
	q := Request{Duration: time.Hour, Step: time.Hour, Required: []string{"ana", "jun"}, AllowOffHours: true, Spacing: -1, Max: 100}
	got, err := r.Suggest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var starts []string
	for _, s := range got {
		starts = append(starts, s.Start.UTC().Format("15:04"))
		if s.Start.UTC().Hour() == 16 {
			for _, a := range s.Attendees {
				if a.Cost != (Cost{}) || a.Band != BandWorking || !a.Present {
					t.Errorf("16:00 UTC: %s", a)
				}
			}
		}
	}
	// Ana's 09:00-17:00 is Jun's 17:00-01:00; his shift starts at 22:00
	// (14:00 UTC). From 14:00 to 16:00 UTC both work; before 14:00, Jun
	// sleeps until 18:30 (10:30 UTC): 11:00 UTC is late for him, 12:00
	// and 13:00 his shoulder. After 17:00 UTC Ana is past her day, in her
	// shoulder to 19:00 and late to 22:00 (her night), while Jun works to
	// 06:00 (22:00 UTC).
	want := []string{"14:00", "15:00", "16:00", "13:00", "17:00", "12:00", "18:00", "11:00", "19:00", "20:00", "21:00"}
	slices.Sort(want)
	slices.Sort(starts)
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Errorf("allowed starts (-want +got):\n%s", diff)
	}
	q.AllowNight = true
	got, err = r.Suggest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if s.Start.UTC().Hour() == 10 {
			jun := s.Attendees[1]
			// 18:00-18:30 night at 4 points a minute; 18:30-19:00 is over
			// three hours before his shift, past its shoulder: late, at 2.
			if jun.Cost.Night != 30*time.Minute || jun.Cost.Late != 30*time.Minute || jun.Cost.Burden != 3*time.Hour {
				t.Errorf("10:00 UTC with nights allowed: %s", jun)
			}
			return
		}
	}
	t.Error("10:00 UTC is not allowed even with nights")
}

// A traveller's bands are on the clock of where they are: Ben (Berlin,
// Mon-Fri 09:00-17:00) is in New York on Tuesday 2026-03-10 (EDT,
// UTC-4). His working day is 13:00-21:00 UTC; 08:00 UTC is 04:00 there,
// his night (22:00-07:00): no slot then unless nights are allowed, and
// 11:00 UTC (07:00, two hours before his day) is his shoulder. His local
// time is New York's until Berlin's Wednesday starts (23:00 UTC), when
// he is home.
func TestTravellerBands(t *testing.T) {
	berlin, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	tue := calendar.MustParseDate("2026-03-10")
	team := []calendar.Person{{ID: "ben", Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays: []calendar.Stay{{From: tue, To: tue, Zone: ny}}}}
	r := mustCompute(t, team, calendar.Days(tue, tue, time.UTC), Options{})
	q := Request{Duration: time.Hour, Step: time.Hour, Required: []string{"ben"}, AllowOffHours: true, Spacing: -1, Max: 100}
	got, err := r.Suggest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	bands := map[int]Band{}
	for _, s := range got {
		bands[s.Start.UTC().Hour()] = s.Attendees[0].Band
		// From 23:00 UTC, Berlin's Wednesday, he is home.
		if loc := s.Attendees[0].Local.Location(); loc.String() != "America/New_York" && s.Start.UTC().Hour() < 23 {
			t.Errorf("%s: local time in %s", s.Start, loc)
		}
	}
	if _, ok := bands[8]; ok {
		t.Errorf("08:00 UTC (04:00 in New York) offered: %v", bands)
	}
	if bands[13] != BandWorking || bands[11] != BandShoulder {
		t.Errorf("13:00 UTC %s, 11:00 UTC %s; want working and shoulder (%v)", bands[13], bands[11], bands)
	}
}

// For a traveller, the bands cover exactly the timeline's off-hours, as
// for anyone: every off-hours minute is in one band, and no band lies on
// working time.
func TestTravellerBandsCoverOffHours(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		p := drawPerson(t, "a", window)
		start := calendar.DateOf(window.Start.In(p.Zone))
		at := start.AddDays(rapid.IntRange(-3, 1).Draw(t, "firstStay"))
		for i := range rapid.IntRange(1, 3).Draw(t, "stays") {
			from := at.AddDays(rapid.IntRange(0, 2).Draw(t, fmt.Sprint("stayGap", i)))
			st := calendar.Stay{From: from, To: from.AddDays(rapid.IntRange(0, 2).Draw(t, fmt.Sprint("stayLen", i))),
				Zone: mustLoad(t, rapid.SampledFrom(tztest.HardZones()).Draw(t, fmt.Sprint("stayZone", i)))}
			p.Stays = append(p.Stays, st)
			at = st.To.AddDays(1)
		}
		r := mustCompute(t, []calendar.Person{p}, window, Options{})
		m := &r.people[0]
		segs, err := m.timeline()
		if err != nil {
			t.Fatal(err)
		}
		pieces := r.bands(m, m.sched.Comfort())
		for i, sg := range segs {
			e := end(segs, i, r.length)
			for _, bp := range pieces {
				if bp.start < e && sg.Start < bp.end && sg.Kind != calendar.KindOffHours {
					t.Fatalf("band %s [%d, %d) over %s time [%d, %d)", bp.band, bp.start, bp.end, sg.Kind, sg.Start, e)
				}
			}
			if sg.Kind != calendar.KindOffHours {
				continue
			}
			covered := sg.Start
			for _, bp := range pieces {
				if bp.start <= covered && bp.end > covered {
					covered = bp.end
				}
			}
			if covered < e {
				t.Fatalf("off-hours [%d, %d) covered only to %d by %v\nstays %+v", sg.Start, e, covered, pieces, p.Stays)
			}
		}
	})
}

// Two cases a reviewer found by hand. A night worker of Honolulu
// (22:00-06:00) spends Sunday 2026-11-01 in Kiritimati (+14, a day
// ahead): Friday's shift still runs 22:00-06:00 HST (Saturday 08:00-16:00
// UTC) whole, past Kiritimati's Sunday midnight. And a Los Angeles person
// in Tokyo from Wednesday 2026-03-11 is on Tokyo's clock at 01:00 UTC
// that day (10:00 JST, working).
func TestTravellerEdges(t *testing.T) {
	honolulu, kiritimati := mustLoad(t, "Pacific/Honolulu"), mustLoad(t, "Pacific/Kiritimati")
	night := calendar.Person{ID: "n", Zone: honolulu, Hours: calendar.MustParseWeeklyHours("Mon-Fri 22:00-06:00"),
		Stays: []calendar.Stay{{From: calendar.MustParseDate("2026-11-01"), To: calendar.MustParseDate("2026-11-01"), Zone: kiritimati}}}
	window := calendar.Interval{Start: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	r := mustCompute(t, []calendar.Person{night}, window, Options{})
	free, err := r.Free("n")
	if err != nil {
		t.Fatal(err)
	}
	if want := calendar.NewSet(calendar.Interval{Start: time.Date(2026, 10, 31, 8, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 31, 16, 0, 0, 0, time.UTC)}); !free.Equal(want) {
		t.Errorf("Friday's night shift: free %v, want %v", free, want)
	}
	la, tokyo := mustLoad(t, "America/Los_Angeles"), mustLoad(t, "Asia/Tokyo")
	s, err := calendar.Compile(context.Background(), calendar.Person{ID: "l", Zone: la, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays: []calendar.Stay{{From: calendar.MustParseDate("2026-03-11"), To: calendar.MustParseDate("2026-03-13"), Zone: tokyo}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := localTime(s, time.Date(2026, 3, 11, 1, 0, 0, 0, time.UTC)); got.Location() != tokyo || got.Hour() != 10 {
		t.Errorf("01:00 UTC on Wednesday: %s, want 10:00 JST", got)
	}
}

// A flight west keeps its night: Aroha (Auckland, 09:00-17:00, NZDT
// UTC+13) is in Honolulu (UTC-10) from Tuesday 2026-03-10. Auckland's
// Tuesday starts at 11:00 UTC on Monday, Honolulu's at 10:00 UTC on
// Tuesday; in between, 11:00-16:00 UTC on Monday is night on both clocks
// (Auckland's Tuesday 00:00-05:00, Honolulu's Monday 01:00-06:00): no slot
// there unless nights are allowed.
func TestWestwardNight(t *testing.T) {
	auckland, honolulu := mustLoad(t, "Pacific/Auckland"), mustLoad(t, "Pacific/Honolulu")
	tue := calendar.MustParseDate("2026-03-10")
	team := []calendar.Person{{ID: "aroha", Zone: auckland, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays: []calendar.Stay{{From: tue, To: tue.AddDays(3), Zone: honolulu}}}}
	r := mustCompute(t, team, calendar.Days(tue.AddDays(-1), tue.AddDays(-1), time.UTC), Options{})
	got, err := r.Suggest(context.Background(), Request{Duration: time.Hour, Step: time.Hour, Required: []string{"aroha"}, AllowOffHours: true, Spacing: -1, Max: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if h := s.Start.UTC().Hour(); h >= 11 && h < 16 {
			t.Errorf("%s offered (%s, band %s)", s.Start.UTC().Format("15:04 UTC"), s.Attendees[0].Local.Format("15:04 MST"), s.Attendees[0].Band)
		}
	}
}
