package overlap

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

var nineToFive = calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")

// replyTeam is Ben in Berlin, Sofia in Los Angeles, Priya in Kolkata and
// Sam in New York, who keeps the US holidays: all Mon-Fri 09:00-17:00.
func replyTeam(t fataler) []calendar.Person {
	return []calendar.Person{
		{ID: "ben", Zone: mustLoad(t, "Europe/Berlin"), Hours: nineToFive},
		{ID: "sofia", Zone: mustLoad(t, "America/Los_Angeles"), Hours: nineToFive},
		{ID: "priya", Zone: mustLoad(t, "Asia/Kolkata"), Hours: nineToFive},
		{ID: "sam", Zone: mustLoad(t, "America/New_York"), Hours: nineToFive, Holidays: []string{"US"}},
	}
}

// TestReplyNamed: hand-worked replies, each on a report whose window holds
// the whole reply and on one whose window is the hour from the message
// on, so that the reply is read from the recipient's schedule beyond it.
func TestReplyNamed(t *testing.T) {
	berlin, la, kolkata, ny := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/Los_Angeles"), mustLoad(t, "Asia/Kolkata"), mustLoad(t, "America/New_York")
	team := replyTeam(t)
	for _, tc := range []struct {
		name  string
		to    string
		at    time.Time
		reply time.Duration
		want  time.Time
	}{
		// Friday 16:00 in Berlin is 07:00 in Los Angeles: a 10-hour
		// reply takes Friday's 8 hours and 2 of Monday's.
		{"Berlin to Los Angeles on a Friday afternoon", "sofia", time.Date(2026, 6, 5, 16, 0, 0, 0, berlin), 10 * time.Hour, time.Date(2026, 6, 8, 11, 0, 0, 0, la)},
		// Sofia's reply is done at 13:00 Friday, 22:00 in Berlin: Ben
		// answers on Monday, 09:00 + 4h.
		{"the answer back to Berlin waits for Monday", "ben", time.Date(2026, 6, 5, 13, 0, 0, 0, la), 0, time.Date(2026, 6, 8, 13, 0, 0, 0, berlin)},
		// Monday 10:00 in Kolkata is 00:30 in New York, the day after the
		// US moved its clocks: 09:00 EDT + 4h.
		{"Kolkata to New York", "sam", time.Date(2026, 3, 9, 10, 0, 0, 0, kolkata), 0, time.Date(2026, 3, 9, 13, 0, 0, 0, ny)},
		// Two hours on Thursday, then the observed Independence Day
		// (Friday the 3rd) and the weekend, then two on Monday.
		{"over a holiday", "sam", time.Date(2026, 7, 2, 15, 0, 0, 0, ny), 0, time.Date(2026, 7, 6, 11, 0, 0, 0, ny)},
		{"a reply that ends with the day lands at its end", "sam", time.Date(2026, 7, 6, 9, 0, 0, 0, ny), 8 * time.Hour, time.Date(2026, 7, 6, 17, 0, 0, 0, ny)},
		// A message sent in free time: Priya starts at once, 10:00 + 1h.
		{"sent in working hours", "priya", time.Date(2026, 3, 10, 10, 0, 0, 0, kolkata), time.Hour, time.Date(2026, 3, 10, 11, 0, 0, 0, kolkata)},
	} {
		for _, w := range []struct {
			name   string
			window calendar.Interval
		}{
			{"window holds the reply", calendar.Interval{Start: tc.at.Add(-24 * time.Hour), End: tc.want.Add(24 * time.Hour)}},
			{"reply beyond the window", calendar.Interval{Start: tc.at, End: tc.at.Add(time.Hour)}},
		} {
			t.Run(tc.name+"/"+w.name, func(t *testing.T) {
				r := mustCompute(t, team, w.window, Options{})
				got, err := r.Reply(context.Background(), tc.to, tc.at, tc.reply)
				if err != nil || !got.Equal(tc.want) {
					t.Fatalf("Reply(%s, %s, %s) = %s, %v; want %s", tc.to, tc.at, tc.reply, got, err, tc.want)
				}
				if got.Location().String() != tc.want.Location().String() {
					t.Errorf("result in %s, want the recipient's %s", got.Location(), tc.want.Location())
				}
			})
		}
	}
}

func TestReplyErrors(t *testing.T) {
	team := []calendar.Person{
		{ID: "a", Zone: time.UTC, Hours: nineToFive},
		{ID: "never", Zone: time.UTC, NoHours: true},
	}
	at := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, calendar.Interval{Start: at, End: at.AddDate(0, 0, 7)}, Options{})

	_, err := r.Reply(context.Background(), "nobody", at, 0)
	if !errors.Is(err, ErrUnknownID) || !strings.Contains(err.Error(), `"nobody"`) {
		t.Errorf(`Reply("nobody"): %v, want ErrUnknownID naming "nobody"`, err)
	}
	_, err = r.Reply(context.Background(), "a", at, -time.Hour)
	if err == nil || errors.Is(err, ErrNoReply) || !strings.Contains(err.Error(), "negative") {
		t.Errorf("Reply with a negative reply: %v, want an error that says it is negative", err)
	}
	_, err = r.Reply(context.Background(), "a", at, MaxHop+time.Minute)
	if !errors.Is(err, ErrNoReply) {
		t.Errorf("Reply longer than MaxHop: %v, want ErrNoReply", err)
	}
	for _, at := range []time.Time{at, at.AddDate(0, 0, 30), at.AddDate(0, 0, -30)} {
		start := time.Now()
		_, err = r.Reply(context.Background(), "never", at, 0)
		if !errors.Is(err, ErrNoReply) || !strings.Contains(err.Error(), `"never"`) {
			t.Errorf("Reply at %s to someone with no hours: %v, want ErrNoReply naming them", at, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Reply at %s to someone with no hours took %s", at, d)
		}
	}
}

// TestReplyOfMaxHop: a reply of exactly MaxHop comes, from someone who is
// always free, MaxHop after the message.
func TestReplyOfMaxHop(t *testing.T) {
	team := []calendar.Person{{ID: "always", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Sun 00:00-24:00")}}
	at := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, calendar.Interval{Start: at, End: at.AddDate(0, 0, 7)}, Options{})
	got, err := r.Reply(context.Background(), "always", at, MaxHop)
	if err != nil || !got.Equal(at.Add(MaxHop)) {
		t.Fatalf("Reply(MaxHop) = %s, %v; want %s", got, err, at.Add(MaxHop))
	}
}

// nearSource is a BusySource with no busy time that refuses questions
// about time after limit, to tell how far a schedule was read.
type nearSource struct{ limit time.Time }

func (s nearSource) Busy(_ context.Context, w calendar.Interval, _ *time.Location) (calendar.Set, error) {
	if w.End.After(s.limit) {
		return calendar.Set{}, fmt.Errorf("busy time of %s asked for, past %s", w, s.limit.Format(time.RFC3339))
	}
	return calendar.Set{}, nil
}

// TestReplyFromSparseTimeGivesUpAtMaxHop: someone free one minute a week
// needs 600 weeks for a 10-hour reply, more than MaxHop: Reply says so
// once MaxHop has passed, without reading their schedule for the decades
// (or, for a reply as long as MaxHop, the millennia) the reply would
// take. Reading on is slow: about 7 s to reach year 9999 for someone
// with one focus rule.
func TestReplyFromSparseTimeGivesUpAtMaxHop(t *testing.T) {
	at := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	// MaxHop, and eight weeks for FreeFrom's step past it.
	limit := at.Add(MaxHop + 8*7*24*time.Hour)
	team := []calendar.Person{{ID: "rare", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon 09:00-09:01"),
		Sources: []calendar.BusySource{nearSource{limit}}}}
	r := mustCompute(t, team, calendar.Interval{Start: at, End: at.AddDate(0, 0, 7)}, Options{})
	// 60 minutes take 60 Mondays, within MaxHop: the 60th Monday from
	// Mon 2026-01-05 on is 59 weeks later.
	want := time.Date(2026, 1, 5, 9, 1, 0, 0, time.UTC).AddDate(0, 0, 7*59)
	if got, err := r.Reply(context.Background(), "rare", at, time.Hour); err != nil || !got.Equal(want) {
		t.Errorf("Reply(1h) = %s, %v; want %s", got, err, want)
	}
	for _, reply := range []time.Duration{600 * time.Minute, 1000 * time.Hour, MaxHop} {
		if _, err := r.Reply(context.Background(), "rare", at, reply); !errors.Is(err, ErrNoReply) {
			t.Errorf("Reply(%s): %v; want ErrNoReply, from reading no further than MaxHop after the message", reply, err)
		}
	}
}

// replyModel is the model of a reply: the recipient's free minutes, from
// their compiled schedule's Free over [at, at+span), counted until the
// reply is used up. It returns false when the reply is not done within
// span.
func replyModel(t fataler, p calendar.Person, at time.Time, reply time.Duration, span time.Duration) (time.Time, bool) {
	t.Helper()
	if reply == 0 {
		reply = DefaultReply
	}
	free, err := compile(t, p).Free(context.Background(), calendar.Interval{Start: at, End: at.Add(span)})
	if err != nil {
		t.Fatalf("Free: %v", err)
	}
	bits := make([]bool, span/time.Minute)
	for iv := range free.All() {
		from, to := iv.Start.Sub(at), iv.End.Sub(at)
		if from%time.Minute != 0 || to%time.Minute != 0 {
			t.Fatalf("free time %s is not on whole minutes after %s", iv, at)
		}
		for m := from / time.Minute; m < to/time.Minute; m++ {
			bits[m] = true
		}
	}
	left := int(reply / time.Minute)
	for m, free := range bits {
		if free {
			left--
			if left == 0 {
				return at.Add(time.Duration(m+1) * time.Minute), true
			}
		}
	}
	return time.Time{}, false
}

// drawAt draws an instant on a whole minute before, inside or after the
// window.
func drawAt(t *rapid.T, window calendar.Interval, label string) time.Time {
	switch rapid.SampledFrom([]string{"inside", "inside", "after", "before"}).Draw(t, label+" where") {
	case "inside":
		return window.Start.Add(time.Duration(rapid.IntRange(0, int(window.Duration()/time.Minute)-1).Draw(t, label)) * time.Minute)
	case "after":
		return window.End.Add(time.Duration(rapid.IntRange(0, 5*1440).Draw(t, label)) * time.Minute)
	}
	return window.Start.Add(-time.Duration(rapid.IntRange(1, 3*1440).Draw(t, label)) * time.Minute)
}

// TestReplyMatchesMinuteModel: Reply, reading the report's timeline inside
// its window and the schedule beyond it, agrees with the minute model of
// the recipient's free time; soft focus never counts, whatever the
// report's options; and a later message is never answered earlier.
func TestReplyMatchesMinuteModel(t *testing.T) {
	const span = 40 * 24 * time.Hour
	skipped := 0
	defer func() { t.Logf("%d cases skipped", skipped) }()
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		p := team[rapid.IntRange(0, len(team)-1).Draw(t, "to")]
		at := drawAt(t, window, "at")
		reply := time.Duration(rapid.SampledFrom([]int{0, 1, 15, 60, 240, 600, 2400}).Draw(t, "reply")) * time.Minute
		want, ok := replyModel(t, p, at, reply, span)
		if !ok {
			skipped++
			t.Skip("no reply within the model's span")
		}
		got, err := r.Reply(context.Background(), p.ID, at, reply)
		if err != nil || !got.Equal(want) {
			t.Fatalf("Reply(%s, %s, %s) = %s, %v; the model says %s", p.ID, at, reply, got, err, want)
		}
		if got.Location().String() != p.Zone.String() {
			t.Fatalf("Reply in %s, want %s", got.Location(), p.Zone)
		}
		later := at.Add(time.Duration(rapid.IntRange(0, 3*1440).Draw(t, "later")) * time.Minute)
		got2, err := r.Reply(context.Background(), p.ID, later, reply)
		if err != nil {
			t.Fatalf("Reply(%s, %s, %s): %v", p.ID, later, reply, err)
		}
		if got2.Before(got) {
			t.Fatalf("a message at %s is answered at %s, one at %s earlier, at %s", at, got, later, got2)
		}
	})
}

// roundTripTeam is Ben (Berlin), Priya (Kolkata) and Sofia (Los Angeles),
// Mon-Fri 09:00-17:00: in June in UTC, Ben works 07:00-15:00, Priya
// 03:30-11:30 and Sofia 16:00-24:00.
func roundTripTeam(t fataler) []calendar.Person {
	return []calendar.Person{
		{ID: "ben", Zone: mustLoad(t, "Europe/Berlin"), Hours: nineToFive},
		{ID: "priya", Zone: mustLoad(t, "Asia/Kolkata"), Hours: nineToFive},
		{ID: "sofia", Zone: mustLoad(t, "America/Los_Angeles"), Hours: nineToFive},
	}
}

func TestRoundTripsNamed(t *testing.T) {
	team := roundTripTeam(t)
	at := time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC) // Tuesday
	// Hand-worked with 4h replies from Tue 12:00 UTC. First hops: Ben has
	// 3h left on Tuesday and 1h on Wednesday (done Wed 08:00); Priya is
	// done for Tuesday, so Wed 03:30 + 4h = Wed 07:30; Sofia starts at
	// 16:00, done Tue 20:00. Then back:
	want := map[[2]string]time.Duration{
		{"ben", "priya"}:   23*time.Hour + 30*time.Minute, // Wed 07:30, Ben to 11:30
		{"ben", "sofia"}:   23 * time.Hour,                // Tue 20:00, Ben Wed 07:00 to 11:00
		{"priya", "ben"}:   40 * time.Hour,                // Wed 08:00, Priya 3h30 Wed, 30m Thu: Thu 04:00
		{"priya", "sofia"}: 19*time.Hour + 30*time.Minute, // Tue 20:00, Priya Wed 03:30 to 07:30
		{"sofia", "ben"}:   32 * time.Hour,                // Wed 08:00, Sofia Wed 16:00 to 20:00
		{"sofia", "priya"}: 32 * time.Hour,                // Wed 07:30, Sofia Wed 16:00 to 20:00
	}
	for _, w := range []struct {
		name   string
		window calendar.Interval
	}{
		{"the week", weeks("2026-06-01", 1)},
		{"beyond the window", calendar.Interval{Start: at, End: at.Add(time.Hour)}},
		{"window before the message", calendar.Interval{Start: at.Add(-48 * time.Hour), End: at.Add(-24 * time.Hour)}},
	} {
		t.Run(w.name, func(t *testing.T) {
			// FocusIsFree is about meetings: replies never count focus.
			r := mustCompute(t, team, w.window, Options{FocusIsFree: true})
			got, err := r.RoundTrips(context.Background(), 0, at)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("RoundTrips (-want +got):\n%s", diff)
			}
			got, err = r.RoundTrips(context.Background(), DefaultReply, at, "sofia", "ben")
			if err != nil {
				t.Fatal(err)
			}
			sub := map[[2]string]time.Duration{{"ben", "sofia"}: 23 * time.Hour, {"sofia", "ben"}: 32 * time.Hour}
			if diff := cmp.Diff(sub, got); diff != "" {
				t.Errorf("RoundTrips(sofia, ben) (-want +got):\n%s", diff)
			}
			got, err = r.RoundTrips(context.Background(), 0, at, "priya")
			if err != nil || len(got) != 0 {
				t.Errorf("RoundTrips(priya) = %v, %v; want no pairs", got, err)
			}
			if _, err := r.RoundTrips(context.Background(), 0, at, "ben", "nobody"); !errors.Is(err, ErrUnknownID) || !strings.Contains(err.Error(), `"nobody"`) {
				t.Errorf(`RoundTrips(ben, nobody): %v, want ErrUnknownID naming "nobody"`, err)
			}
		})
	}
}

func TestRoundTripsToSomeoneWithNoHours(t *testing.T) {
	team := append(roundTripTeam(t), calendar.Person{ID: "never", Zone: time.UTC, NoHours: true})
	at := time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC)
	r := mustCompute(t, team, weeks("2026-06-01", 1), Options{})
	if _, err := r.RoundTrips(context.Background(), 0, at); !errors.Is(err, ErrNoReply) || !strings.Contains(err.Error(), `"never"`) {
		t.Errorf("RoundTrips: %v, want ErrNoReply naming never", err)
	}
	if _, err := r.RoundTrips(context.Background(), 0, at, "ben", "sofia"); err != nil {
		t.Errorf("RoundTrips(ben, sofia): %v", err)
	}
}

// freeMinutesFrom is the minute bitmap of p's free time over [at,
// at+span), from their compiled schedule's Free.
func freeMinutesFrom(t fataler, p calendar.Person, at time.Time, span time.Duration) []bool {
	t.Helper()
	free, err := compile(t, p).Free(context.Background(), calendar.Interval{Start: at, End: at.Add(span)})
	if err != nil {
		t.Fatalf("Free: %v", err)
	}
	bits := make([]bool, span/time.Minute)
	for iv := range free.All() {
		for m := iv.Start.Sub(at) / time.Minute; m < iv.End.Sub(at)/time.Minute; m++ {
			bits[m] = true
		}
	}
	return bits
}

// hopModel returns the minute at which a reply of n free minutes, begun
// at minute from, is done, and false when bits run out first.
func hopModel(bits []bool, from, n int) (int, bool) {
	for m := from; m < len(bits); m++ {
		if bits[m] {
			n--
			if n == 0 {
				return m + 1, true
			}
		}
	}
	return 0, false
}

// TestRoundTripsMatchMinuteModel: each round trip is the model's two
// hops, each counting the free minutes of its recipient from where the
// last one ended, for the whole team and for drawn IDs.
func TestRoundTripsMatchMinuteModel(t *testing.T) {
	const span = 80 * 24 * time.Hour
	pairs := 0
	defer func() { t.Logf("%d round trips checked", pairs) }()
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		at := drawAt(t, window, "at")
		reply := time.Duration(rapid.SampledFrom([]int{0, 1, 30, 240, 600}).Draw(t, "reply")) * time.Minute
		n := int(reply / time.Minute)
		if n == 0 {
			n = int(DefaultReply / time.Minute)
		}
		bits := map[string][]bool{}
		for _, p := range team {
			bits[p.ID] = freeMinutesFrom(t, p, at, span)
		}
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom(r.IDs()), 0, len(team), rapid.ID).Draw(t, "ids")
		group := ids
		if len(ids) == 0 {
			group = r.IDs()
		}
		want := map[[2]string]time.Duration{}
		for _, a := range group {
			for _, b := range group {
				if a == b {
					continue
				}
				there, ok := hopModel(bits[b], 0, n)
				if ok {
					var back int
					if back, ok = hopModel(bits[a], there, n); ok {
						want[[2]string{a, b}] = time.Duration(back) * time.Minute
						continue
					}
				}
				t.Skip("a round trip takes longer than the model's span")
			}
		}
		got, err := r.RoundTrips(context.Background(), reply, at, ids...)
		if err != nil {
			t.Fatalf("RoundTrips(%s, %s, %q): %v", reply, at, ids, err)
		}
		pairs += len(want)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("RoundTrips(%s, %s, %q) (-model +got):\n%s", reply, at, ids, diff)
		}
	})
}
