package overlap_test

import (
	"fmt"
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
	week := calendar.Interval{
		Start: calendar.Wall(monday, calendar.Midnight, time.UTC),
		End:   calendar.Wall(monday.AddDays(7), calendar.Midnight, time.UTC),
	}
	r, err := overlap.Compute(team, week, overlap.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("all three:", r.Common().Duration())
	fmt.Println("at least two:", r.AtLeast(2).Duration())
	for s := range r.Coverage() {
		if len(s.Free) >= 2 && s.Start.Weekday() == time.Monday {
			fmt.Printf("Mon %s-%s UTC %v\n", s.Start.UTC().Format("15:04"), s.End.UTC().Format("15:04"), s.Free)
		}
	}
	pairs := r.Pairwise()
	fmt.Println("ben+sam:", pairs[[2]string{"ben", "sam"}], "ben+priya:", pairs[[2]string{"ben", "priya"}], "sam+priya:", pairs[[2]string{"priya", "sam"}])
	day := r.Daily(zone("Europe/Berlin"))[0]
	fmt.Println(day.Date, "most free at once:", day.MostFree, "for", day.MostFreeFor)
	// Output:
	// all three: 0s
	// at least two: 32h30m0s
	// Mon 08:00-11:30 UTC [ben priya]
	// Mon 13:00-16:00 UTC [ben sam]
	// ben+sam: 15h0m0s ben+priya: 17h30m0s sam+priya: 0s
	// 2026-03-09 most free at once: 2 for 6h30m0s
}
