package overlap_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

func zone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// When does a team in Berlin, New York and Kolkata overlap in the week the
// US has moved its clocks and Europe has not?
func ExampleCompute() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	week := calendar.Days(monday, monday.AddDays(6), time.UTC)
	r, err := overlap.Compute(context.Background(), team, week, overlap.Options{})
	if err != nil {
		panic(err)
	}
	all, err := r.Common()
	if err != nil {
		panic(err)
	}
	two, err := r.AtLeast(2)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.IDs())
	fmt.Println("all three:", all.Duration())
	fmt.Println("at least two:", two.Duration())
	for s := range r.Coverage() {
		if len(s.Free) >= 2 && s.Start.Weekday() == time.Monday {
			fmt.Printf("Mon %s-%s UTC %v\n", s.Start.UTC().Format("15:04"), s.End.UTC().Format("15:04"), s.Free)
		}
	}
	pairs := r.Pairwise()
	fmt.Println("ben+sam:", pairs[[2]string{"ben", "sam"}], "ben+priya:", pairs[[2]string{"ben", "priya"}], "sam+priya:", pairs[[2]string{"priya", "sam"}])
	// Output:
	// [ben priya sam]
	// all three: 0s
	// at least two: 32h30m0s
	// Mon 08:00-11:30 UTC [ben priya]
	// Mon 13:00-16:00 UTC [ben sam]
	// ben+sam: 15h0m0s ben+priya: 17h30m0s sam+priya: 0s
}

// The coverage cuts the window where someone's freedom changes; each
// segment prints with who is free in it.
func ExampleReport_Coverage() {
	team := []calendar.Person{
		{ID: "ann", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
		{ID: "bo", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 13:00-21:00")},
	}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	for s := range r.Coverage() {
		fmt.Printf("%v\n", s)
	}
	// Output:
	// [2026-03-09T00:00:00Z, 2026-03-09T09:00:00Z) free: nobody
	// [2026-03-09T09:00:00Z, 2026-03-09T13:00:00Z) free: ann
	// [2026-03-09T13:00:00Z, 2026-03-09T17:00:00Z) free: ann, bo
	// [2026-03-09T17:00:00Z, 2026-03-09T21:00:00Z) free: bo
	// [2026-03-09T21:00:00Z, 2026-03-10T00:00:00Z) free: nobody
}

// Day by day in Berlin: Monday and Tuesday, when Berlin and New York share
// three hours, 14:00 to 17:00 in Berlin while the US is on summer time and
// Europe is not.
func ExampleReport_Daily() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	berlin := zone("Europe/Berlin")
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday.AddDays(1), berlin), overlap.Options{})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Daily(berlin) {
		fmt.Println(d.Date, d.Start.Format("15:04"), d.Common, d.Longest.Start.Format("15:04"), d.Longest.End.Format("15:04"), d.MostFree, d.MostFreeFor)
	}
	b, err := json.Marshal(r.Daily(berlin)[0])
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	// Output:
	// 2026-03-09 00:00 3h0m0s 14:00 17:00 2 3h0m0s
	// 2026-03-10 00:00 3h0m0s 14:00 17:00 2 3h0m0s
	// {"date":"2026-03-09","start":"2026-03-08T23:00:00Z","end":"2026-03-09T23:00:00Z","common":"3h","longest":{"start":"2026-03-09T13:00:00Z","end":"2026-03-09T16:00:00Z"},"mostFree":2,"mostFreeFor":"3h"}
}

// A heat map on New York's wall clock: how many are free for the whole of
// each hour. Ben (Berlin) works 04:00-12:00 New York time that Monday,
// Sam 09:00-17:00. On Sunday the clocks skip 02:00, so that hour's bucket
// is empty (shown as -), and every day still has 24 cells.
func ExampleReport_Buckets() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	ny := zone("America/New_York")
	sunday := calendar.MustParseDate("2026-03-08")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(sunday, sunday.AddDays(1), ny), overlap.Options{})
	if err != nil {
		panic(err)
	}
	buckets, err := r.Buckets(ny, time.Hour)
	if err != nil {
		panic(err)
	}
	var row strings.Builder
	for i, b := range buckets {
		if b.IsEmpty() {
			row.WriteString("-")
		} else {
			fmt.Fprint(&row, b.Free)
		}
		if i%24 == 23 {
			fmt.Println(b.Date, b.Date.Weekday().String()[:3], row.String())
			row.Reset()
		}
	}
	fmt.Println(buckets[24+9])
	// Output:
	// 2026-03-08 Sun 00-000000000000000000000
	// 2026-03-09 Mon 000011111222111110000000
	// 2026-03-09 09:00 [2026-03-09T09:00:00-04:00, 2026-03-09T10:00:00-04:00) free: 2
}

// A person's timeline says what takes each stretch of their time; with
// Options.FocusIsFree, soft focus counts as free time and hard focus does
// not.
func ExampleReport_Timeline() {
	berlin := zone("Europe/Berlin")
	ben := calendar.Person{ID: "ben", Zone: berlin, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00"), Focus: []calendar.FocusBlock{
		{Name: "deep work", Rule: "FREQ=DAILY", Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: 2 * time.Hour},
		{Name: "reviews", Rule: "FREQ=WEEKLY;BYDAY=MO", Start: calendar.MustParseDateTime("2026-01-05T15:00"), Duration: time.Hour, Hard: true},
	}}
	monday := calendar.MustParseDate("2026-03-09")
	for _, opt := range []overlap.Options{{}, {FocusIsFree: true}} {
		r, err := overlap.Compute(context.Background(), []calendar.Person{ben}, calendar.Days(monday, monday, berlin), opt)
		if err != nil {
			panic(err)
		}
		if !opt.FocusIsFree {
			segs, err := r.Timeline("ben")
			if err != nil {
				panic(err)
			}
			for _, s := range segs {
				fmt.Printf("%s-%s %-9s %-9s hard=%v\n", s.Start.Format("15:04"), s.End.Format("15:04"), s.Kind, s.Label, s.Hard)
			}
		}
		free, err := r.Free("ben")
		if err != nil {
			panic(err)
		}
		fmt.Printf("FocusIsFree=%v: free %s\n", opt.FocusIsFree, free.Duration())
	}
	// Output:
	// 00:00-09:00 off-hours           hard=false
	// 09:00-11:00 focus     deep work hard=false
	// 11:00-15:00 free                hard=false
	// 15:00-16:00 focus     reviews   hard=true
	// 16:00-17:00 free                hard=false
	// 17:00-00:00 off-hours           hard=false
	// FocusIsFree=false: free 5h0m0s
	// FocusIsFree=true: free 7h0m0s
}

// A question sent from Berlin late on Friday: when does Los Angeles's
// answer come, and the reply to it? Reply reads the report's timelines
// inside its window and the people's schedules beyond it, so the window
// need not hold the weekend.
func ExampleReport_Reply() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	berlin := zone("Europe/Berlin")
	team := []calendar.Person{
		{ID: "ben", Zone: berlin, Hours: hours},
		{ID: "sofia", Zone: zone("America/Los_Angeles"), Hours: hours},
	}
	sent := time.Date(2026, 6, 5, 16, 0, 0, 0, berlin) // Friday
	friday := calendar.DateOf(sent)
	r, err := overlap.Compute(context.Background(), team, calendar.Days(friday, friday, berlin), overlap.Options{})
	if err != nil {
		panic(err)
	}
	answer, err := r.Reply(context.Background(), "sofia", sent, 0) // 4 hours of Sofia's free time
	if err != nil {
		panic(err)
	}
	back, err := r.Reply(context.Background(), "ben", answer, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("sofia answers", answer.Format("Mon 15:04 MST"))
	fmt.Println("ben replies  ", back.Format("Mon 15:04 MST"))
	fmt.Println("round trip   ", back.Sub(sent))
	// Output:
	// sofia answers Fri 13:00 PDT
	// ben replies   Mon 13:00 CEST
	// round trip    69h0m0s
}

// How long a question and its answer take between each two of Berlin,
// Kolkata and Los Angeles, asked on a Tuesday at 12:00 UTC: the key
// [a, b] is the round trip that a starts.
func ExampleReport_RoundTrips() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
		{ID: "sofia", Zone: zone("America/Los_Angeles"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-06-01")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday.AddDays(6), time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	at := time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC)
	trips, err := r.RoundTrips(context.Background(), 0, at)
	if err != nil {
		panic(err)
	}
	pairs := slices.SortedFunc(func(yield func([2]string) bool) {
		for k := range trips {
			if !yield(k) {
				return
			}
		}
	}, func(a, b [2]string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	for _, p := range pairs {
		fmt.Printf("%s -> %s -> %s: %s\n", p[0], p[1], p[0], trips[p])
	}
	among, err := r.RoundTrips(context.Background(), 0, at, "ben", "sofia")
	if err != nil {
		panic(err)
	}
	fmt.Println(len(among), among[[2]string{"ben", "sofia"}])
	// Output:
	// ben -> priya -> ben: 23h30m0s
	// ben -> sofia -> ben: 23h0m0s
	// priya -> ben -> priya: 40h0m0s
	// priya -> sofia -> priya: 19h30m0s
	// sofia -> ben -> sofia: 32h0m0s
	// sofia -> priya -> sofia: 32h0m0s
	// 2 23h0m0s
}

// A method given an ID that is not in the team says so.
func ExampleErrUnknownID() {
	team := []calendar.Person{{ID: "ann", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	_, err = r.Free("zoe")
	fmt.Println(errors.Is(err, overlap.ErrUnknownID), err)
	// Output:
	// true overlap.Report.Free: unknown ID "zoe"
}

// Someone with no working hours (NoHours) never answers.
func ExampleErrNoReply() {
	team := []calendar.Person{{ID: "emeritus", Zone: time.UTC, NoHours: true}}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	_, err = r.Reply(context.Background(), "emeritus", time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC), 0)
	fmt.Println(errors.Is(err, overlap.ErrNoReply))
	// Output:
	// true
}

// Points weigh a slot's cost: a minute of focus broken is a point, a
// minute off-hours the points of its band (Burden: here 15 minutes of
// night at 4), a fragment 15 and a missing optional attendee 30.
func ExampleCost_Points() {
	c := overlap.Cost{FocusBroken: 30 * time.Minute, OffHours: 15 * time.Minute, Night: 15 * time.Minute, Burden: time.Hour, OptionalMissing: 1}
	fmt.Println(c.Points(), c)
	// Output:
	// 120 1 optional missing, focus broken 30m, off-hours 15m (night 15m; burden 1h)
}

// The report keeps each person's compiled schedule, which answers for any
// window, and their zone.
func ExampleReport_Schedule() {
	team := []calendar.Person{{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	s, err := r.Schedule("priya")
	if err != nil {
		panic(err)
	}
	z, err := r.Zone("priya")
	if err != nil {
		panic(err)
	}
	// The week after the report's window: five days of eight hours.
	next, err := s.Free(context.Background(), calendar.Days(monday.AddDays(7), monday.AddDays(13), z))
	if err != nil {
		panic(err)
	}
	fmt.Println(s.ID(), z, next.Duration())
	// Output:
	// priya Asia/Kolkata 40h0m0s
}

// dayOfMeetings is Monday 2026-03-09 of Ana (UTC) and Ben (Berlin), both
// 09:00-17:00, with a stand-up at 10:00-10:30 and a review at
// 13:00-14:00 UTC for both, and a late call at 18:00 UTC for Ana.
func dayOfMeetings() (*overlap.Report, []overlap.Meeting) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{{ID: "ana", Zone: time.UTC, Hours: hours}, {ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours}}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 3, 9, h, m, 0, 0, time.UTC) }
	meetings := []overlap.Meeting{
		{ID: "stand-up", Interval: calendar.Interval{Start: at(10, 0), End: at(10, 30)}, Attendees: []string{"ana", "ben"}},
		{ID: "review", Interval: calendar.Interval{Start: at(13, 0), End: at(14, 0)}, Attendees: []string{"ana", "ben"}},
		{ID: "late call", Interval: calendar.Interval{Start: at(18, 0), End: at(18, 30)}, Attendees: []string{"ana"}},
	}
	return r, meetings
}

// How a day's meetings weigh on two people: Ana (UTC) and Ben (Berlin,
// 08:00-16:00 UTC) meet at 10:00-10:30 and 13:00-14:00 UTC, and Ana
// alone at 18:00 UTC, after her day. Ana keeps 10:30-13:00 and
// 14:00-17:00 for focus (two hours or more) and 09:00-10:00 is a
// fragment; Ben keeps 10:30-13:00 and has 08:00-10:00 and 14:00-16:00,
// both two hours: focus too.
func ExampleAgenda_Load() {
	r, meetings := dayOfMeetings()
	a, err := r.Agenda(meetings)
	if err != nil {
		panic(err)
	}
	l, err := a.Load(context.Background(), 0)
	if err != nil {
		panic(err)
	}
	for _, p := range l.People {
		fmt.Printf("%s: %d meetings, %s (after hours %s); focus %s, fragmented %s; longest %s\n",
			p.ID, p.Meetings, p.Meeting, p.AfterHours, p.Focus, p.Fragmented, p.Days[0].Longest)
	}
	fmt.Println("team focus", l.Team.Focus)
	// Output:
	// ana: 3 meetings, 2h0m0s (after hours 30m0s); focus 5h30m0s, fragmented 1h0m0s; longest 3h0m0s
	// ben: 2 meetings, 1h30m0s (after hours 0s); focus 6h30m0s, fragmented 0s; longest 2h30m0s
	// team focus 12h0m0s
}

// What each meeting of the day costs: without the 10:00 stand-up Ana
// would have 09:00-13:00 whole (1h30 more focus, the hour before it
// being a fragment now) and Ben 08:00-13:00 (30m more); without the 13:00
// review, Ana gains an hour and Ben an hour; the late call, after Ana's
// day, costs no focus, and all of it is after hours.
func ExampleAgenda_Costs() {
	r, meetings := dayOfMeetings()
	a, err := r.Agenda(meetings)
	if err != nil {
		panic(err)
	}
	costs, err := a.Costs(context.Background(), 0)
	if err != nil {
		panic(err)
	}
	for k, m := range meetings {
		fmt.Println(m.ID, costs[k].Time, "focus cost", costs[k].FocusCost, "after hours", costs[k].AfterHours)
	}
	// Output:
	// stand-up 30m0s focus cost 2h0m0s after hours [0s 0s]
	// review 1h0m0s focus cost 2h0m0s after hours [0s 0s]
	// late call 30m0s focus cost 0s after hours [30m0s]
}

// Moving the review (13:00-14:00 UTC) to another time of day. Without
// it, Ana has 10:30-17:00 (6h30 of focus) and Ben 10:30-16:00 UTC (5h30).
// An hour earlier it leaves each of them 10:30-12:00, a fragment, and
// 13:00 to the end of their day: 2h30 of focus each; two hours later
// (15:00-16:00 UTC, Ben's last hour) it leaves Ana 10:30-15:00 and a
// fragment (2h) and Ben 10:30-15:00 (1h); three hours later it is after
// Ben's day.
func ExampleAgenda_Shifts() {
	r, meetings := dayOfMeetings()
	a, err := r.Agenda(meetings)
	if err != nil {
		panic(err)
	}
	shifts, err := a.Shifts(context.Background(), []int{1}, []time.Duration{-time.Hour, 2 * time.Hour, 3 * time.Hour}, 0)
	if err != nil {
		panic(err)
	}
	for _, s := range shifts {
		fmt.Println(s.Offset, s.Fits, s.FocusCost)
	}
	// Output:
	// -1h0m0s true 5h0m0s
	// 2h0m0s true 3h0m0s
	// 3h0m0s false 0s
}

// An agenda reads meetings against a report once; a meeting of someone
// the report does not know is an error that names the meeting.
func ExampleReport_Agenda() {
	r, meetings := dayOfMeetings()
	a, err := r.Agenda(meetings)
	fmt.Println(len(a.Meetings()), err)
	_, err = r.Agenda(append(meetings, overlap.Meeting{ID: "visit", Interval: meetings[0].Interval, Attendees: []string{"zoe"}}))
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// overlap.Report.Agenda: meeting 4: unknown ID "zoe"
}
