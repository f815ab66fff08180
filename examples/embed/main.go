// Command embed is the smallest program that uses tzplan: when do a
// developer in Berlin and one in Kolkata both work, in the two weeks
// around Europe's change to summer time?
package main

import (
	"fmt"
	"log"
	"time"
	_ "time/tzdata" // so that it runs where no zoneinfo is installed

	"github.com/tzplan/tzplan/calendar"
)

func main() {
	berlin, kolkata := zone("Europe/Berlin"), zone("Asia/Kolkata")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")

	monday := calendar.MustParseDate("2026-03-23")
	fortnight := calendar.Interval{
		Start: calendar.Wall(monday, calendar.Midnight, time.UTC),
		End:   calendar.Wall(monday.AddDays(14), calendar.Midnight, time.UTC),
	}
	both := hours.Working(fortnight, berlin).Intersect(hours.Working(fortnight, kolkata))
	for iv := range both.All() {
		fmt.Printf("%s  %s-%s UTC  (Berlin %s, Kolkata %s)\n", iv.Start.UTC().Format("Mon 01-02"),
			iv.Start.UTC().Format("15:04"), iv.End.UTC().Format("15:04"),
			iv.Start.In(berlin).Format("15:04"), iv.Start.In(kolkata).Format("15:04"))
	}
	fmt.Println("in common:", both.Duration())
}

func zone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		log.Fatal(err)
	}
	return loc
}
