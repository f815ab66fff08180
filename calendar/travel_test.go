package calendar

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// dayRules is what holds on one date for a traveller: the zone, the
// hours and the holiday codes, worked out from the stays and dated hours
// alone (the model of Schedule's phases).
type dayRules struct {
	zone  *time.Location
	hours WeeklyHours
	codes []string
}

func rulesOn(p Person, d Date) dayRules {
	r := dayRules{p.Zone, p.Hours, p.Holidays}
	var latest Date
	for _, h := range p.HoursFrom {
		if !h.From.After(d) && (latest == Date{} || h.From.After(latest)) {
			r.hours, latest = h.Hours, h.From
		}
	}
	for _, st := range p.Stays {
		if !d.Before(st.From) && !d.After(st.To) {
			r.zone = st.Zone
			if st.Holidays != nil {
				r.codes = st.Holidays
			}
		}
	}
	return r
}

func (r dayRules) equal(o dayRules) bool {
	return r.zone.String() == o.zone.String() && r.hours.Equal(o.hours) && slices.Equal(r.codes, o.codes)
}

// A traveller's timeline, minute by minute: each run of dates with the
// same zone, hours and holiday codes owns the time from midnight (Wall)
// in its zone of its first date (or where the run before began, or
// where a span of the run before's last two dates ends, if later) to
// where the next begins. A minute is working time when it
// lies in a span of one of its run's own dates, placed with that run's
// hours and zone; what takes working time (a holiday, time off, busy
// time, focus) is what the person with the run's rules and no stays
// would have then (checked by its own models); the rest is off-hours.
func TestTravellerTimelineIsPiecewise(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		home := drawZone(t)
		d, c := drawWallNear(t, home)
		from := Wall(d, c, home).Add(-time.Duration(rapid.IntRange(0, 3*1440).Draw(t, "lead")) * time.Minute)
		window := Interval{from, from.Add(time.Duration(rapid.IntRange(1440, 6*1440).Draw(t, "length")) * time.Minute)}
		p := drawPerson(t, home, window)
		start := DateOf(window.Start.In(home))
		at := start.AddDays(rapid.IntRange(-3, 2).Draw(t, "firstStay"))
		for i := range rapid.IntRange(1, 3).Draw(t, "stays") {
			from := at.AddDays(rapid.IntRange(0, 2).Draw(t, fmt.Sprint("stayGap", i)))
			st := Stay{From: from, To: from.AddDays(rapid.IntRange(0, 3).Draw(t, fmt.Sprint("stayLen", i))), Zone: drawZone(t)}
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprint("stayHolidays", i)) {
			case 1:
				st.Holidays = []string{}
			case 2:
				st.Holidays = []string{"US"}
			}
			p.Stays = append(p.Stays, st)
			at = st.To.AddDays(1)
		}
		for i := range rapid.IntRange(0, 2).Draw(t, "dated") {
			from := start.AddDays(rapid.IntRange(-3, 5).Draw(t, fmt.Sprint("hoursFrom", i)))
			if !slices.ContainsFunc(p.HoursFrom, func(h DatedHours) bool { return h.From == from }) {
				p.HoursFrom = append(p.HoursFrom, DatedHours{From: from, Hours: drawHours(t, false)})
			}
		}
		got := mustTimeline(t, &p, window)

		// The model's pieces: where the rules change, from a week
		// before the window to a week after.
		type piece struct {
			from  time.Time
			rules dayRules
		}
		first, last := DateOf(window.Start.UTC()).AddDays(-7), DateOf(window.End.UTC()).AddDays(7)
		pieces := []piece{{window.Start.Add(-1000 * time.Hour), rulesOn(p, first)}}
		for d := first.AddDays(1); !d.After(last); d = d.AddDays(1) {
			r := rulesOn(p, d)
			if r.equal(pieces[len(pieces)-1].rules) {
				continue
			}
			// The new run starts at its midnight, or where the last day
			// of the run before stops working, if later.
			from := Wall(d, 0, r.zone)
			if prev := pieces[len(pieces)-1].from; from.Before(prev) {
				from = prev
			}
			// The spans of the run before's last two days.
			before := rulesOn(p, d.AddDays(-1))
			for back := 1; back <= 2; back++ {
				day := d.AddDays(-back)
				if !rulesOn(p, day).equal(before) {
					continue
				}
				for _, sp := range before.hours.Spans(day.Weekday()) {
					end := day
					if sp.Overnight() {
						end = day.AddDays(1)
					}
					if e := Wall(end, sp.To, before.zone); e.After(from) {
						from = e
					}
				}
			}
			pieces = append(pieces, piece{from, r})
		}
		plain := make([][]Segment, len(pieces))
		for i, pc := range pieces {
			q := p
			q.Stays, q.HoursFrom = nil, nil
			q.Zone, q.Hours, q.Holidays = pc.rules.zone, pc.rules.hours, pc.rules.codes
			q.NoHours = q.Hours.IsZero()
			plain[i] = mustTimeline(t, &q, window)
		}
		find := func(segs []Segment, at time.Time) Segment {
			for _, s := range segs {
				if s.Contains(at) {
					return s
				}
			}
			t.Fatalf("no segment at %s", at)
			return Segment{}
		}
		// The first date of each piece: the run's dates are from it to
		// the next piece's.
		firstDates := make([]Date, len(pieces))
		firstDates[0] = Date{Year: 1, Month: time.January, Day: 1}
		k := 1
		for d := first.AddDays(1); !d.After(last); d = d.AddDays(1) {
			if k < len(pieces) && !rulesOn(p, d).equal(rulesOn(p, d.AddDays(-1))) {
				firstDates[k] = d
				k++
			}
		}
		// working reports whether at is in a span of one of piece k's own
		// dates, each with its own rules (own), or with the piece's rules
		// of a date of another piece, as the plain timeline has it.
		working := func(k int, at time.Time, own bool) bool {
			for d := DateOf(at.UTC()).AddDays(-3); !d.After(DateOf(at.UTC()).AddDays(2)); d = d.AddDays(1) {
				if mine := !d.Before(firstDates[k]) && (k+1 == len(pieces) || d.Before(firstDates[k+1])); mine != own {
					continue
				}
				r := pieces[k].rules
				for _, sp := range r.hours.Spans(d.Weekday()) {
					end := d
					if sp.Overnight() {
						end = d.AddDays(1)
					}
					if s, e := Wall(d, sp.From, r.zone), Wall(end, sp.To, r.zone); !at.Before(s) && at.Before(e) {
						return true
					}
				}
			}
			return false
		}
		for m := range int(window.Duration() / time.Minute) {
			at := window.Start.Add(time.Duration(m) * time.Minute)
			k := 0
			for k+1 < len(pieces) && !pieces[k+1].from.After(at) {
				k++
			}
			g := find(got, at)
			if !working(k, at, true) {
				if g.Kind != KindOffHours {
					t.Fatalf("at %s (piece %d from %s, %s, %s): got %v, want off-hours\nstays %+v\nhours from %+v", at, k, firstDates[k], pieces[k].rules.zone, pieces[k].rules.hours, g, p.Stays, p.HoursFrom)
				}
				continue
			}
			if g.Kind == KindOffHours {
				t.Fatalf("at %s (piece %d from %s): off-hours in a working span of the piece's own days", at, k, firstDates[k])
			}
			if working(k, at, false) {
				continue // the plain timeline has another day's span here too
			}
			want := find(plain[k], at)
			if want.Kind != g.Kind || want.Label != g.Label || want.Hard != g.Hard {
				t.Fatalf("at %s (piece %d from %s, %s, %s): got %v, want %v\nstays %+v\nhours from %+v", at, k, firstDates[k], pieces[k].rules.zone, pieces[k].rules.hours, g, want, p.Stays, p.HoursFrom)
			}
		}
	})
}

// With no stays and no dated hours, or with stays at home and hours
// that are the person's own, the timeline is the person's.
func TestStaysAtHomeChangeNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		home := drawZone(t)
		window := drawWindow(t, home)
		p := drawPerson(t, home, window)
		want := mustTimeline(t, &p, window)
		start := DateOf(window.Start.In(home))
		q := p
		q.Stays = []Stay{{From: start.AddDays(-1), To: start.AddDays(2), Zone: home}}
		q.HoursFrom = []DatedHours{{From: start.AddDays(1), Hours: p.Hours}}
		if got := mustTimeline(t, &q, window); !slices.Equal(got, want) {
			t.Fatalf("stays at home changed the timeline:\n got %v\nwant %v", got, want)
		}
		if s := mustCompile(t, q); s.phases != nil {
			t.Fatalf("phases %v for stays at home", s.phases)
		}
	})
}

// A week in New York: Ben (Berlin, Mon-Fri 09:00-17:00) is in New York
// from Monday 2026-03-16 to Friday 03-20. New York is on EDT (UTC-4)
// since 03-08, Berlin on CET (UTC+1) until 03-29. Worked out by hand:
// Friday 03-13 he works 08:00-16:00 UTC; Monday to Friday 13:00-21:00
// UTC; Monday 03-23 08:00-16:00 UTC again. The change days: New York's
// Monday starts at 04:00 UTC, Berlin's Saturday 03-21 at 23:00 UTC on
// Friday.
func TestAWeekInNewYork(t *testing.T) {
	berlin, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	p := Person{ID: "ben", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays: []Stay{{From: MustParseDate("2026-03-16"), To: MustParseDate("2026-03-20"), Zone: ny}}}
	window := Interval{Start: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 24, 0, 0, 0, 0, time.UTC)}
	free := mustFree(t, p, window)
	var want []Interval
	utc := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	want = append(want, Interval{utc(13, 8), utc(13, 16)})
	for d := 16; d <= 20; d++ {
		want = append(want, Interval{utc(d, 13), utc(d, 21)})
	}
	want = append(want, Interval{utc(23, 8), utc(23, 16)})
	if !free.Equal(NewSet(want...)) {
		t.Errorf("free %v, want %v", free, want)
	}
	// Dated hours: summer Fridays (09:00-13:00) from 03-20 on.
	p.HoursFrom = []DatedHours{{From: MustParseDate("2026-03-20"), Hours: MustParseWeeklyHours("Mon-Thu 09:00-17:00; Fri 09:00-13:00")}}
	free = mustFree(t, p, window)
	want[5] = Interval{utc(20, 13), utc(20, 17)}
	if !free.Equal(NewSet(want...)) {
		t.Errorf("with summer Fridays: free %v, want %v", free, want)
	}
}

func TestStayErrors(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	d := MustParseDate
	for _, c := range []struct {
		p    Person
		want string
	}{
		{Person{Stays: []Stay{{From: d("2026-03-10"), To: d("2026-03-09"), Zone: berlin}}}, "stay 1: 2026-03-10 to 2026-03-09 is not a range of dates"},
		{Person{Stays: []Stay{{From: d("2026-03-10"), To: d("2026-03-12")}}}, "stay 1 (2026-03-10 to 2026-03-12): no zone"},
		{Person{Stays: []Stay{{From: d("2026-03-10"), To: d("2026-03-12"), Zone: berlin}, {From: d("2026-03-12"), To: d("2026-03-14"), Zone: berlin}}}, "overlap"},
		{Person{Stays: []Stay{{From: d("2026-03-10"), To: d("2026-03-12"), Zone: berlin, Holidays: []string{"XX"}}}}, `holidays: unknown holiday calendar "XX"`},
		{Person{HoursFrom: []DatedHours{{From: d("2026-03-10"), Hours: MustParseWeeklyHours("Mon 09:00-17:00")}, {From: d("2026-03-10"), Hours: MustParseWeeklyHours("Tue 09:00-17:00")}}}, "hours from 2026-03-10: given twice"},
		{Person{HoursFrom: []DatedHours{{From: d("2026-03-10")}}}, "hours from 2026-03-10: no working hours"},
		{Person{DaysOff: []DayOff{{Date: d("2026-03-10")}}}, "days off 1: 2026-03-10 has no name"},
	} {
		c.p.ID, c.p.Zone, c.p.Hours = "a", time.UTC, MustParseWeeklyHours("Mon-Fri 09:00-17:00")
		if _, err := Compile(context.Background(), c.p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.p.Stays, err, c.want)
		}
	}
}

// A night shift is worked to its end on the day before a change: Berlin,
// Mon-Fri 22:00-06:00, with other hours (or a stay in Paris, or other
// holidays) from Tuesday 2026-03-17. Monday's shift runs 21:00-05:00 UTC
// (CET) whole.
func TestNightShiftBeforeAChange(t *testing.T) {
	berlin, paris := mustLoad(t, "Europe/Berlin"), mustLoad(t, "Europe/Paris")
	base := Person{ID: "n", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 22:00-06:00")}
	tue := MustParseDate("2026-03-17")
	window := Interval{Start: time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 17, 12, 0, 0, 0, time.UTC)}
	want := NewSet(Interval{time.Date(2026, 3, 16, 21, 0, 0, 0, time.UTC), time.Date(2026, 3, 17, 5, 0, 0, 0, time.UTC)})
	for name, change := range map[string]func(p *Person){
		"hours": func(p *Person) {
			p.HoursFrom = []DatedHours{{From: tue, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
		},
		"paris": func(p *Person) { p.Stays = []Stay{{From: tue, To: tue.AddDays(3), Zone: paris}} },
		"holidays": func(p *Person) {
			p.Stays = []Stay{{From: tue, To: tue.AddDays(3), Zone: berlin, Holidays: []string{"FR"}}}
		},
	} {
		p := base
		change(&p)
		want := want
		if name == "hours" { // and Tuesday's day hours, 08:00 UTC on
			want = want.Union(NewSet(Interval{time.Date(2026, 3, 17, 8, 0, 0, 0, time.UTC), window.End}))
		}
		if got := mustFree(t, p, window); !got.Equal(want) {
			t.Errorf("%s: free %v, want %v", name, got, want)
		}
	}
}

type countingBusy struct {
	set   Set
	calls *int
}

func (c countingBusy) Busy(ctx context.Context, window Interval, zone *time.Location) (Set, error) {
	*c.calls++
	return c.set.Clip(window), nil
}

// A traveller's sources are asked once for a window (once a zone for
// busy time), however many times the zone or hours change in it, and
// give what the same busy time and days off given directly give: a year
// of hours that change every day in Berlin, with a week in New York.
func TestTravellerSourcesAskedOnce(t *testing.T) {
	berlin, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York")
	start := MustParseDate("2026-01-05")
	busy := NewSet(Interval{time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)},
		Interval{time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC), time.Date(2026, 6, 2, 10, 0, 0, 0, time.UTC)})
	days := []Holiday{{Date: MustParseDate("2026-03-11"), Name: "Founders' day"}, {Date: MustParseDate("2026-06-03"), Name: "Summer day"}}
	busyCalls, holidayCalls := 0, 0
	p := Person{ID: "a", Zone: berlin, Hours: MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Stays:          []Stay{{From: MustParseDate("2026-03-09"), To: MustParseDate("2026-03-13"), Zone: ny}},
		Sources:        []BusySource{countingBusy{busy, &busyCalls}},
		HolidaySources: []HolidaySource{holidaySourceFunc(func(ctx context.Context, from, to Date) ([]Holiday, error) { holidayCalls++; return days, nil })}}
	for d := start; d.Before(MustParseDate("2026-12-28")); d = d.AddDays(1) {
		hours := "Mon-Fri 09:00-17:00"
		if d.DaysSince(start)%2 == 1 {
			hours = "Mon-Fri 08:00-16:00"
		}
		p.HoursFrom = append(p.HoursFrom, DatedHours{From: d, Hours: MustParseWeeklyHours(hours)})
	}
	window := Interval{time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC)}
	got := mustTimeline(t, &p, window)
	if busyCalls != 2 || holidayCalls != 1 {
		t.Errorf("busy asked %d times (want 2: Berlin and New York), holidays %d (want 1)", busyCalls, holidayCalls)
	}
	q := p
	q.Sources, q.HolidaySources, q.Busy = nil, nil, busy
	for _, h := range days {
		q.DaysOff = append(q.DaysOff, DayOff{Date: h.Date, Name: h.Name})
	}
	if want := mustTimeline(t, &q, window); !slices.Equal(got, want) {
		t.Errorf("with the sources' time given directly the timeline differs")
	}
}
