// Command embed is the smallest program that uses tzplan: two people, in
// Berlin and Kolkata, and the time they both work this week.
package main

import (
	"context"
	"fmt"
	"log"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

func main() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours, Holidays: []string{"DE-BE"}},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
	}
	week := calendar.Week(time.Now(), time.UTC) // Monday to Monday, UTC
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := overlap.Compute(ctx, team, week, overlap.Options{})
	if err != nil {
		log.Fatal(err)
	}
	common, err := r.Common()
	if err != nil {
		log.Fatal(err)
	}
	for iv := range common.All() {
		fmt.Printf("%s  %s-%s UTC  (Berlin %s, Kolkata %s)\n", iv.Start.UTC().Format("Mon 01-02"),
			iv.Start.UTC().Format("15:04"), iv.End.UTC().Format("15:04"),
			iv.Start.In(team[0].Zone).Format("15:04"), iv.Start.In(team[1].Zone).Format("15:04"))
	}
	fmt.Println("in common this week:", common.Duration())
}

func zone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		log.Fatal(err)
	}
	return loc
}
