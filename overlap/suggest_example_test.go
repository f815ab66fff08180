package overlap_test

import (
	"context"
	"encoding/json"
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
	// Soft focus counts as free time, which a meeting may take at a cost.
	r, err := overlap.Compute(context.Background(), team, day, overlap.Options{FocusIsFree: true})
	if err != nil {
		panic(err)
	}
	// All three never share working hours.
	_, err = r.Suggest(context.Background(), overlap.Request{Duration: 30 * time.Minute, Required: []string{"ben", "priya", "sam"}})
	var none *overlap.NoSlotError
	fmt.Println(errors.As(err, &none), err)

	// Ben and Priya must come, Sam if he can; Ben's soft focus may give.
	// 16:00 in Kolkata is 12:30 in Berlin, after Ben's focus, and costs
	// only Sam (30 points); 13:00 and 14:00 also break half an hour of
	// Ben's focus (30 more).
	q := overlap.Request{
		Duration: 30 * time.Minute, Step: time.Hour, Zone: zone("Asia/Kolkata"),
		Required: []string{"ben", "priya"}, Optional: []string{"sam"},
		Max: 3,
	}
	slots, err := r.Suggest(context.Background(), q)
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
	// true overlap.Report.Suggest: no slot: at best 67% of the required can attend, 100% asked
	// 16:00 Kolkata, score 2.67, cost 1 optional missing
	//   ben   12:30 free      present=true
	//   priya 16:00 free      present=true
	//   sam   06:30 off-hours present=false
	// 13:00 Kolkata, score 2.50, cost 1 optional missing, focus broken 30m
	//   ben   09:30 focus     present=true
	//   priya 13:00 free      present=true
	//   sam   03:30 off-hours present=false
	// 14:00 Kolkata, score 2.50, cost 1 optional missing, focus broken 30m
	//   ben   10:30 focus     present=true
	//   priya 14:00 free      present=true
	//   sam   04:30 off-hours present=false
}

// A weekly meeting for Berlin, Kolkata and New York over four weeks. No
// hour keeps everyone's working hours, and nobody's night (22:00-07:00)
// is booked: the meeting falls from 11:00 to 16:30 UTC, where Priya is
// past her day (from 11:30) and Sam before his (until 13:00). Their
// shoulders cost 1 to 1.75 points a minute, rising by a quarter each half
// hour away from the working day, and Priya's late time (from 13:30) 2:
// at 11:00 Priya pays 30 and Sam 97.5, at 12:30 Priya 97.5 and Sam 30, and
// two of each share the burden evenly, 255 minutes each (4h15m). Priya
// pays in every slot, so no plan keeps the fair-share rule.
func ExampleReport_Rotate() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-06-01")
	window := calendar.Interval{Start: calendar.Wall(monday, 0, time.UTC), End: calendar.Wall(monday.AddDays(28), 0, time.UTC)}
	r, err := overlap.Compute(context.Background(), team, window, overlap.Options{})
	if err != nil {
		panic(err)
	}
	rot, err := r.Rotate(context.Background(), overlap.Request{Duration: time.Hour, Step: 30 * time.Minute, Required: []string{"ben", "priya", "sam"}}, 4)
	if err != nil {
		panic(err)
	}
	for _, s := range rot.Slots {
		fmt.Print(s.Start.UTC().Format("Mon 01-02 15:04Z"), ":")
		for _, a := range s.Attendees {
			fmt.Printf(" %s %s %s %s,", a.ID, a.Local.Format("15:04"), a.Band, a.Cost.Burden)
		}
		fmt.Println()
	}
	for _, b := range rot.Burden {
		fmt.Println(b.ID, b.Burden, b.Inconvenient, "of", b.Slots)
	}
	fmt.Println("max", rot.Max, "spread", rot.Spread, "fair share", rot.FairShare)
	// Output:
	// Mon 06-01 11:00Z: ben 13:00 working 0s, priya 16:30 shoulder 30m0s, sam 07:00 shoulder 1h37m30s,
	// Mon 06-08 11:00Z: ben 13:00 working 0s, priya 16:30 shoulder 30m0s, sam 07:00 shoulder 1h37m30s,
	// Mon 06-15 12:30Z: ben 14:30 working 0s, priya 18:00 shoulder 1h37m30s, sam 08:30 shoulder 30m0s,
	// Mon 06-22 12:30Z: ben 14:30 working 0s, priya 18:00 shoulder 1h37m30s, sam 08:30 shoulder 30m0s,
	// ben 0s 0 of 4
	// priya 4h15m0s 4 of 4
	// sam 4h15m0s 4 of 4
	// max 4h15m0s spread 4h15m0s fair share false
}

// No slot on the Friday the US observes Independence Day: Sam keeps US
// holidays, so at best two of the three can meet.
func ExampleNoSlotError() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	ny := zone("America/New_York")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: ny, Hours: hours, Holidays: []string{"US"}},
		{ID: "zoe", Zone: ny, Hours: hours},
	}
	friday := calendar.MustParseDate("2026-07-03")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(friday, friday, ny), overlap.Options{})
	if err != nil {
		panic(err)
	}
	_, err = r.Suggest(context.Background(), overlap.Request{Duration: 30 * time.Minute, Required: []string{"ben", "sam", "zoe"}})
	var none *overlap.NoSlotError
	if errors.As(err, &none) {
		// 95 starts: every quarter hour of the day that leaves room for
		// half an hour.
		fmt.Printf("never %v, best %.2f, want %v, of %d starts\n", none.Never, none.Best, none.Want, none.Slots)
	}
	fmt.Println(err)
	// Output:
	// never [sam], best 0.67, want 1, of 95 starts
	// overlap.Report.Suggest: no slot: sam never available in the window; at best 67% of the required can attend, 100% asked
}

// NotBefore keeps slots from starting in the past: asked at 14:10, Ann
// (UTC) and Bo (Berlin, 08:00-16:00 UTC) get the next half hour that
// leaves room for an hour together; 15:00 would too, but starts less than
// an hour (Request.Spacing) after it, and each answer's points are
// explained item by item ("items", none here).
func ExampleRequest_notBefore() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ann", Zone: time.UTC, Hours: hours},
		{ID: "bo", Zone: zone("Europe/Berlin"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	slots, err := r.Suggest(context.Background(), overlap.Request{
		Duration: time.Hour, Step: 30 * time.Minute, Required: []string{"ann", "bo"},
		NotBefore: time.Date(2026, 3, 9, 14, 10, 0, 0, time.UTC), Max: 3,
	})
	if err != nil {
		panic(err)
	}
	for _, s := range slots {
		fmt.Println(s)
	}
	b, err := json.Marshal(slots[0])
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	// Output:
	// [2026-03-09T14:30:00Z, 2026-03-09T15:30:00Z) score 3.00, costs nothing: ann free at 2026-03-09T14:30:00Z, bo free at 2026-03-09T15:30:00+01:00
	// {"start":"2026-03-09T14:30:00Z","end":"2026-03-09T15:30:00Z","score":3,"cost":{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":0},"attendees":[{"id":"ann","zone":"UTC","status":"free","band":"working","local":"2026-03-09T14:30:00Z","optional":false,"present":true,"cost":{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":0}},{"id":"bo","zone":"Europe/Berlin","status":"free","band":"working","local":"2026-03-09T15:30:00+01:00","optional":false,"present":true,"cost":{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":0}}],"items":[]}
}

// Each suggestion's points, item by item. Priya works until 18:30 in
// Kolkata (13:00 UTC), Sam from 09:00 in New York (13:00 UTC too): an hour
// together costs someone's shoulder. At 12:30 UTC each gives the half hour
// next to their day, at a point a minute; at 12:00 or 13:00 one of them
// would give an hour, the second half hour at 1.25 points a minute (67.5
// in all). Bands are on each attendee's own clock.
func ExampleSuggestion_Items() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 10:00-18:30")},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), team, calendar.Days(monday, monday, time.UTC), overlap.Options{})
	if err != nil {
		panic(err)
	}
	slots, err := r.Suggest(context.Background(), overlap.Request{
		Duration: time.Hour, Step: 30 * time.Minute, Required: []string{"priya", "sam"}, AllowOffHours: true, Max: 1,
	})
	if err != nil {
		panic(err)
	}
	s := slots[0]
	for _, a := range s.Attendees {
		fmt.Println(a.ID, a.Local.Format("15:04"), a.Band)
	}
	for _, it := range s.Items() {
		fmt.Println(it)
	}
	fmt.Println(s.Cost.Points(), "points")
	// Output:
	// priya 18:00 shoulder
	// sam 08:30 shoulder
	// priya: shoulder 30m, 30 points
	// sam: shoulder 30m, 30 points
	// 60 points
}
