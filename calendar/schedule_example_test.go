package calendar_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// A Person is compiled once into a Schedule; its timeline says what takes
// each stretch of the person's time, on the person's own calendar.
func ExampleCompile() {
	ny := load("America/New_York")
	sam := calendar.Person{
		ID:       "sam",
		Zone:     ny,
		Hours:    calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
		Holidays: []string{"US"},
		Focus: []calendar.FocusBlock{{
			Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TH",
			Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: 2 * time.Hour, Hard: true,
		}},
		Busy: calendar.NewSet(calendar.Interval{
			Start: time.Date(2026, 7, 2, 18, 0, 0, 0, time.UTC), // 14:00 EDT
			End:   time.Date(2026, 7, 2, 19, 0, 0, 0, time.UTC),
		}),
	}
	window := calendar.Interval{
		Start: calendar.Wall(calendar.MustParseDate("2026-07-02"), calendar.Midnight, ny),
		End:   calendar.Wall(calendar.MustParseDate("2026-07-04"), calendar.Midnight, ny),
	}
	schedule, err := calendar.Compile(context.Background(), sam)
	if err != nil {
		panic(err)
	}
	segs, err := schedule.Timeline(context.Background(), window)
	if err != nil {
		panic(err)
	}
	for _, s := range segs {
		kind := s.Kind.String()
		if s.Under != calendar.KindOffHours {
			// Off-hours keep what lies under them: here the holiday's
			// whole day.
			kind += " on " + s.Under.String()
		}
		line := fmt.Sprintf("%s %s-%s %-20s %s", s.Start.Format("Mon"), s.Start.Format("15:04"), s.End.Format("15:04"), kind, s.Label)
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// Thu 00:00-09:00 off-hours
	// Thu 09:00-11:00 focus                deep work
	// Thu 11:00-14:00 free
	// Thu 14:00-15:00 busy
	// Thu 15:00-17:00 free
	// Thu 17:00-00:00 off-hours
	// Fri 00:00-09:00 off-hours on holiday Independence Day
	// Fri 09:00-17:00 holiday              Independence Day
	// Fri 17:00-00:00 off-hours on holiday Independence Day
}

// FreeFrom walks a person's free time from an instant on, as far as the
// caller reads: here, the free time after a Friday holiday and the
// weekend, and a Thursday focus block that takes the morning.
func ExampleSchedule_FreeFrom() {
	ny := load("America/New_York")
	sam, err := calendar.Compile(context.Background(), calendar.Person{
		ID: "sam", Zone: ny, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Holidays: []string{"US"},
		Focus: []calendar.FocusBlock{{
			Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TH",
			Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: 2 * time.Hour, Hard: true,
		}},
	})
	if err != nil {
		panic(err)
	}
	from := time.Date(2026, 7, 3, 12, 0, 0, 0, ny) // Friday, Independence Day observed
	n := 0
	for iv, err := range sam.FreeFrom(context.Background(), from) {
		if err != nil {
			panic(err)
		}
		fmt.Println(iv.Start.Format("Mon 01-02 15:04"), "to", iv.End.Format("15:04 MST"))
		if n++; n == 4 {
			break
		}
	}
	// Output:
	// Mon 07-06 09:00 to 17:00 EDT
	// Tue 07-07 09:00 to 17:00 EDT
	// Wed 07-08 09:00 to 17:00 EDT
	// Thu 07-09 11:00 to 17:00 EDT
}

// Week and Days give civil days as intervals on someone's wall clock: the
// week of the spring-forward Sunday in New York is an hour short.
func ExampleWeek() {
	ny := load("America/New_York")
	week := calendar.Week(time.Date(2026, 3, 11, 12, 0, 0, 0, time.UTC), ny)
	fmt.Println(week.Start.Format("Mon 2006-01-02 15:04 MST"), "to", week.End.Format("Mon 2006-01-02 15:04 MST"), week.Duration())
	days := calendar.Days(calendar.MustParseDate("2026-03-08"), calendar.MustParseDate("2026-03-08"), ny)
	fmt.Println(days.Duration())
	// Output:
	// Mon 2026-03-09 00:00 EDT to Mon 2026-03-16 00:00 EDT 168h0m0s
	// 23h0m0s
}

func ExampleReadRoster() {
	roster, err := calendar.ReadRoster(strings.NewReader(`{"people": [
		{"id": "diego", "zone": "America/Santiago", "hours": "Mon-Fri 08:30-17:30"},
		{"id": "priya", "zone": "Asia/Kolkata", "holidays": ["US"]}
	]}`))
	if err != nil {
		panic(err)
	}
	for _, p := range roster.People {
		fmt.Println(p.ID, p.Zone, p.Hours)
	}
	_, err = calendar.ReadRoster(strings.NewReader(`{"people": [{"id": "ana", "zone": "UTC", "holidys": ["BR"]}]}`))
	fmt.Println(err)
	// Output:
	// diego America/Santiago Mon-Fri 08:30-17:30
	// priya Asia/Kolkata Mon-Fri 09:00-17:00
	// calendar.ReadRoster: person 1: json: unknown field "holidys"
}

// A person with no working hours has no free time: FreeFrom gives up once
// MaxSilence (a year) has passed without any, rather than walk on to year
// 9999.
func ExampleErrNoFreeTime() {
	s, err := calendar.Compile(context.Background(), calendar.Person{ID: "emeritus", Zone: time.UTC, NoHours: true})
	if err != nil {
		panic(err)
	}
	for _, err := range s.FreeFrom(context.Background(), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)) {
		fmt.Println(errors.Is(err, calendar.ErrNoFreeTime))
		fmt.Println(err)
	}
	// Output:
	// true
	// calendar.Schedule.FreeFrom: person "emeritus": no free time for 8784h after 2026-03-09T00:00:00Z
}

// LoadZone loads IANA zones by name and refuses the names that mean the
// machine's own zone, so that a roster means the same on every server.
func ExampleLoadZone() {
	loc, err := calendar.LoadZone("Asia/Kathmandu")
	fmt.Println(loc, err)
	_, err = calendar.LoadZone("localtime")
	fmt.Println(errors.Is(err, calendar.ErrUnknownZone), err)
	// Output:
	// Asia/Kathmandu <nil>
	// true calendar.LoadZone: unknown time zone "localtime": it means the zone of the machine the program runs on, not a zone of the world (want an IANA name such as "Europe/Berlin")
}

// Limits are set for a call on its context: here a service allows three
// focus blocks a person (and keeps the defaults for the rest), and a
// fourth is refused at once, with an error that wraps ErrLimit and names
// the limit.
func ExampleWithLimits() {
	ctx := calendar.WithLimits(context.Background(), calendar.Limits{FocusBlocks: 3})
	p := calendar.Person{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}
	for i := range 4 {
		p.Focus = append(p.Focus, calendar.FocusBlock{Name: fmt.Sprint("block ", i), Rule: "FREQ=DAILY",
			Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: time.Minute})
	}
	_, err := calendar.Compile(ctx, p)
	fmt.Println(errors.Is(err, calendar.ErrLimit))
	fmt.Println(err)
	fmt.Println(calendar.LimitsOf(ctx).FocusBlocks, calendar.LimitsOf(ctx).Occurrences)
	// Output:
	// true
	// calendar.Compile: person "ana": over a limit: Limits.FocusBlocks: 4 focus blocks is more than 3
	// 3 50000
}

// A Batch shares what a team has in common: here two people whose zones
// were loaded one by one and who keep the same focus rule; the rule is
// parsed once, and its occurrences found once, for both. The answers are
// those of Compile and Timeline.
func ExampleBatch() {
	ctx := context.Background()
	week := calendar.Interval{
		Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
	}
	batch := calendar.NewBatch()
	for _, id := range []string{"ana", "ben"} {
		berlin, _ := time.LoadLocation("Europe/Berlin")
		p := calendar.Person{ID: id, Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"),
			Focus: []calendar.FocusBlock{{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TU,TH",
				Start: calendar.MustParseDateTime("2026-01-06T09:00"), Duration: 2 * time.Hour}}}
		s, err := batch.Compile(ctx, p)
		if err != nil {
			panic(err)
		}
		segs, err := batch.Timeline(ctx, s, week)
		if err != nil {
			panic(err)
		}
		var focus time.Duration
		for _, seg := range segs {
			if seg.Kind == calendar.KindFocus {
				focus += seg.Duration()
			}
		}
		fmt.Println(id, focus)
	}
	// Output:
	// ana 4h0m0s
	// ben 4h0m0s
}

// The same timeline as Segments and, drawn from its draft, as Stretches:
// a stretch keeps its start as nanoseconds after the window's start and
// its label as an index, and ends where the next begins. The draft gives
// free time without drawing the timeline.
func ExampleBatch_Draft() {
	ctx := context.Background()
	day := calendar.Interval{
		Start: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC),
	}
	p := calendar.Person{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Tue 09:00-17:00"),
		Focus: []calendar.FocusBlock{{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TU",
			Start: calendar.MustParseDateTime("2026-01-06T09:00"), Duration: 2 * time.Hour}}}
	batch := calendar.NewBatch()
	s, err := batch.Compile(ctx, p)
	if err != nil {
		panic(err)
	}
	d, err := batch.Draft(ctx, s, day)
	if err != nil {
		panic(err)
	}
	labels := d.Labels()
	for _, x := range d.AppendStretches(nil) {
		fmt.Printf("%s %s %q\n", time.Duration(x.Start), x.Kind, labels[x.Label])
	}
	segs, _ := batch.Timeline(ctx, s, day)
	fmt.Println(len(segs), "segments")
	free := func(k calendar.Kind, hard bool) bool { return k == calendar.KindFree }
	for start, end := range d.Spans(free) {
		fmt.Println("free from", time.Duration(start), "to", time.Duration(end))
	}
	// Output:
	// 0s off-hours ""
	// 9h0m0s focus "deep work"
	// 11h0m0s free ""
	// 17h0m0s off-hours ""
	// 4 segments
	// free from 11h0m0s to 17h0m0s
}

// A person's night: the default, 22:00-07:00, unless it cuts into their
// hours. An early starter's moves by the least that clears them; a night
// worker gets the nine hours furthest from their shift.
func ExampleComfort_NightFor() {
	var c calendar.Comfort // the defaults
	for _, h := range []string{"Mon-Fri 09:00-17:00", "Mon-Fri 06:00-14:00", "Mon-Fri 22:00-06:00"} {
		fmt.Println(h, "->", c.NightFor(calendar.MustParseWeeklyHours(h)))
	}
	own := calendar.Comfort{Night: calendar.Span{From: calendar.MustParseClock("23:30"), To: calendar.MustParseClock("06:30")}}
	fmt.Println("own:", own.NightFor(calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")), own.ShoulderOrDefault())
	// Output:
	// Mon-Fri 09:00-17:00 -> 22:00-07:00
	// Mon-Fri 06:00-14:00 -> 21:00-06:00
	// Mon-Fri 22:00-06:00 -> 09:30-18:30
	// own: 23:30-06:30 2h0m0s
}

func ExampleParseSpan() {
	sp, err := calendar.ParseSpan("22:00-07:00")
	fmt.Println(sp, sp.Overnight(), sp.Length(), err)
	_, err = calendar.ParseSpan("22:00")
	fmt.Println(err)
	// Output:
	// 22:00-07:00 true 9h0m0s <nil>
	// calendar.ParseSpan("22:00"): want a span HH:MM-HH:MM
}
