package policy_test

import (
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// team returns the overlap of a team in Berlin, New York and Kolkata,
// Mon-Fri 09:00-17:00, over the week of 2026-03-09 (UTC).
func team() *overlap.Report {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		return loc
	}
	people := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	week := calendar.Interval{
		Start: calendar.Wall(monday, calendar.Midnight, time.UTC),
		End:   calendar.Wall(monday.AddDays(7), calendar.Midnight, time.UTC),
	}
	r, err := overlap.Compute(people, week, overlap.Options{})
	if err != nil {
		panic(err)
	}
	return r
}

func show(d policy.Decision) {
	fmt.Println(d.Mode, "-", d.Format)
	for _, r := range d.Reasons {
		fmt.Println("  because", r.Code)
	}
	if d.Slot != nil {
		fmt.Println("  meet", d.Slot.Start.Format("Mon 15:04"), "to", d.Slot.End.Format("15:04 MST"))
	}
	for _, w := range d.Warnings {
		fmt.Println("  warning:", w)
	}
}

// A reversible decision stays in writing: an owner decides after a
// comment window of one round trip.
func ExamplePolicy_Decide_async() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(team(), []string{"ben", "priya", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d := p.Decide(policy.Topic{
		Title:          "Rename the staging cluster",
		Purpose:        policy.Decide,
		Reversible:     true,
		Participants:   []string{"ben", "priya", "sam"},
		DecisionMakers: []string{"ben"},
	}, f)
	fmt.Println("round trip:", f.RoundTrip, "between", f.RoundTripPair)
	show(d)
	// Output:
	// round trip: 31h0m0s between [sam priya]
	// async - written proposal with owner ben and a 31-hour comment window
	//   because async-default
	//   because decide-reversible
	//   because overlap-scarce
}

// A conflict between two people who share working hours is talked
// through in a short call inside their overlap.
func ExamplePolicy_Decide_sync() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(team(), []string{"ben", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d := p.Decide(policy.Topic{
		Purpose:      policy.Resolve,
		Participants: []string{"ben", "sam"},
	}, f)
	fmt.Println("common a day:", f.CommonPerDay)
	show(d)
	// Output:
	// common a day: 3h0m0s
	// sync - 30-minute call, then written summary
	//   because conflict
	//   meet Mon 13:00 to 13:30 UTC
}

// A one-way-door decision gets a memo a round trip ahead, then a short
// meeting; with no time all three share, someone has to shift.
func ExamplePolicy_Decide_hybrid() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(team(), []string{"ben", "priya", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d := p.Decide(policy.Topic{
		Purpose:         policy.Decide,
		Participants:    []string{"ben", "priya", "sam"},
		DecisionMakers:  []string{"priya"},
		WrittenProposal: true,
	}, f)
	fmt.Println("must shift:", f.MustShift)
	show(d)
	// Output:
	// must shift: [sam]
	// hybrid - written memo at least 31 hours ahead, then a 30-minute call
	//   because decide-irreversible
	//   because overlap-scarce
	//   warning: No common window of 30m in the horizon: sam must shift hours to meet; rotate who does (overlap.Rotate).
}
