package overlap_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// Where can Berlin, New York and Kolkata meet for half an hour, when
// Berlin's mornings are for deep work and Kolkata keeps hourly slots?
func ExampleReport_Suggest() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours, Focus: []calendar.FocusBlock{{
			Name: "deep work", Rule: "FREQ=DAILY", Start: calendar.MustParseDateTime("2026-01-01T09:00"), Duration: 3 * time.Hour,
		}}},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	tuesday := calendar.MustParseDate("2026-06-09")
	day := calendar.Interval{Start: calendar.Wall(tuesday, 0, time.UTC), End: calendar.Wall(tuesday.AddDays(1), 0, time.UTC)}
	r, err := overlap.Compute(team, day, overlap.Options{})
	if err != nil {
		panic(err)
	}
	// All three never share working hours.
	_, err = r.Suggest(overlap.Request{Duration: 30 * time.Minute, Required: []string{"ben", "priya", "sam"}})
	var none *overlap.NoSlotError
	fmt.Println(errors.As(err, &none), err)

	// Ben and Priya must come, Sam if he can; Ben's soft focus may give.
	q := overlap.Request{
		Duration: 30 * time.Minute, Step: time.Hour, Zone: zone("Asia/Kolkata"),
		Required: []string{"ben", "priya"}, Optional: []string{"sam"},
		AllowSoftFocus: true, Max: 3,
	}
	slots, err := r.Suggest(q)
	if err != nil {
		panic(err)
	}
	for _, s := range slots {
		fmt.Printf("%s Kolkata, score %.2f, cost %+v\n", s.Start.Format("15:04"), s.Score, s.Cost)
		for _, a := range s.Attendees {
			fmt.Printf("  %-5s %s %-9s present=%v\n", a.ID, a.Local.Format("15:04"), a.Status, a.Present)
		}
	}
	// Output:
	// true overlap: no slot: at best 67% of the required can attend, 100% asked
	// 16:00 Kolkata, score 2.67, cost {FocusBroken:0s OffHours:0s Fragments:0 OptionalMissing:1 RequiredMissing:0}
	//   ben   12:30 free      present=true
	//   priya 16:00 free      present=true
	//   sam   06:30 off-hours present=false
	// 13:00 Kolkata, score 2.50, cost {FocusBroken:30m0s OffHours:0s Fragments:0 OptionalMissing:1 RequiredMissing:0}
	//   ben   09:30 focus     present=true
	//   priya 13:00 free      present=true
	//   sam   03:30 off-hours present=false
	// 14:00 Kolkata, score 2.50, cost {FocusBroken:30m0s OffHours:0s Fragments:0 OptionalMissing:1 RequiredMissing:0}
	//   ben   10:30 focus     present=true
	//   priya 14:00 free      present=true
	//   sam   04:30 off-hours present=false
}

// A weekly meeting for Berlin, New York, Kolkata and Sydney over four
// weeks: no slot keeps everyone's hours, so the late and early ones go
// round.
func ExampleReport_Rotate() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "kim", Zone: zone("Australia/Sydney"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-06-01")
	window := calendar.Interval{Start: calendar.Wall(monday, 0, time.UTC), End: calendar.Wall(monday.AddDays(28), 0, time.UTC)}
	r, err := overlap.Compute(team, window, overlap.Options{})
	if err != nil {
		panic(err)
	}
	rot, err := r.Rotate(overlap.Request{Duration: time.Hour, Step: 30 * time.Minute, Required: []string{"ben", "kim", "priya", "sam"}}, 4)
	if err != nil {
		panic(err)
	}
	for _, s := range rot.Slots {
		fmt.Print(s.Start.UTC().Format("Mon 01-02 15:04Z"), ":")
		for _, a := range s.Attendees {
			fmt.Printf(" %s %s", a.ID, a.Local.Format("Mon 15:04"))
		}
		fmt.Println()
	}
	for _, b := range rot.Burden {
		fmt.Println(b.ID, b.Burden)
	}
	fmt.Println("max", rot.Max, "spread", rot.Spread)
	// Output:
	// Mon 06-01 06:00Z: ben Mon 08:00 kim Mon 16:00 priya Mon 11:30 sam Mon 02:00
	// Mon 06-08 06:00Z: ben Mon 08:00 kim Mon 16:00 priya Mon 11:30 sam Mon 02:00
	// Mon 06-15 13:00Z: ben Mon 15:00 kim Mon 23:00 priya Mon 18:30 sam Mon 09:00
	// Mon 06-22 13:00Z: ben Mon 15:00 kim Mon 23:00 priya Mon 18:30 sam Mon 09:00
	// ben 2h0m0s
	// kim 4h0m0s
	// priya 4h0m0s
	// sam 4h0m0s
	// max 4h0m0s spread 2h0m0s
}

// A question sent from Berlin late on Friday: when does San Francisco's
// answer come, and the reply to it?
func ExampleHop() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	ben := &calendar.Person{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours}
	sofia := &calendar.Person{ID: "sofia", Zone: zone("America/Los_Angeles"), Hours: hours}
	sent := time.Date(2026, 6, 5, 16, 0, 0, 0, ben.Zone) // Friday
	answer, err := overlap.Hop(ben, sofia, sent, 0)      // 4 hours of Sofia's free time
	if err != nil {
		panic(err)
	}
	back, err := overlap.Hop(sofia, ben, answer, 0)
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
