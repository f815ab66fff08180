package calendar_test

import (
	"context"
	"fmt"

	"github.com/tzplan/tzplan/calendar"
)

// A source shared by several people fetches once a call: the second
// read of the same key in the call is the first's.
func ExampleCallCached() {
	fetches := 0
	fetch := func() (string, error) {
		fetches++
		return "the week's events", nil
	}
	ctx := calendar.WithCallCache(context.Background()) // overlap.Compute does this for its sources
	for range 3 {
		calendar.CallCached(ctx, "team calendar, this week", fetch)
	}
	fmt.Println("fetches in one call:", fetches)
	calendar.CallCached(calendar.WithCallCache(context.Background()), "team calendar, this week", fetch)
	fmt.Println("after a second call:", fetches)
	// Output:
	// fetches in one call: 1
	// after a second call: 2
}
