package overlap

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// DefaultReply is the reply delay Hop uses when given none: half a
// working day of the recipient's free time.
const DefaultReply = 4 * time.Hour

// MaxSilence is how long Hop waits for a recipient with no free time at
// all before it gives up; MaxHop bounds a hop however sparse the free time.
const (
	MaxSilence = 366 * 24 * time.Hour
	MaxHop     = 10 * 366 * 24 * time.Hour
)

// ErrNoReply is wrapped by the errors of Hop that say the recipient never
// replies within MaxSilence or MaxHop.
var ErrNoReply = errors.New("no reply")

// hopWeek is how much of the recipient's timeline Hop builds at a time.
const hopWeek = 7 * 24 * time.Hour

// Hop returns when a message that from sends to at time at has its reply:
// the recipient waits until their next free time, then spends reply of
// their free time on it (zero means DefaultReply). Only free time counts:
// the reply waits through to's nights, weekends, holidays, time off, busy
// time and focus blocks, across changes of clocks, as to's timeline says.
// A reply that ends exactly where a free stretch ends lands there. The
// result is in to's zone and never before at.
//
// Who sends does not change when the reply comes (from is checked, and
// matters for the hop back: Hop(to, from, ...)). If to has no free time
// for MaxSilence, or the reply is not done within MaxHop, the error wraps
// ErrNoReply and names to.
func Hop(from, to *calendar.Person, at time.Time, reply time.Duration) (time.Time, error) {
	if from == nil || to == nil {
		return time.Time{}, errors.New("overlap.Hop: nil person")
	}
	if reply < 0 {
		return time.Time{}, fmt.Errorf("overlap.Hop: reply %s is negative", reply)
	}
	if reply == 0 {
		reply = DefaultReply
	}
	if err := from.Validate(); err != nil {
		return time.Time{}, fmt.Errorf("overlap.Hop: from: %w", err)
	}
	at = at.Round(0)
	left, lastFree := reply, at
	for cur := at; ; cur = cur.Add(hopWeek) {
		if cur.Sub(lastFree) >= MaxSilence || cur.Sub(at) >= MaxHop {
			return time.Time{}, fmt.Errorf("overlap.Hop: %w from %s after %s", ErrNoReply, who(to), at.Format(time.RFC3339))
		}
		segs, err := to.Timeline(calendar.Interval{Start: cur, End: cur.Add(hopWeek)})
		if err != nil {
			return time.Time{}, fmt.Errorf("overlap.Hop: to: %w", err)
		}
		for _, s := range segs {
			if s.Kind != calendar.KindFree {
				continue
			}
			if d := s.Duration(); d < left {
				left -= d
				lastFree = s.End
				continue
			}
			return s.Start.Add(left), nil
		}
	}
}

func who(p *calendar.Person) string {
	if p.ID != "" {
		return fmt.Sprintf("%q", p.ID)
	}
	return fmt.Sprintf("%q", p.Name)
}

// RoundTrips returns, for every ordered pair [a, b] of the team, how long
// a waits from at for a round trip: a's message answered by b (Hop a -> b
// from at), then b's answered by a (Hop b -> a from there). Both orders
// of each pair are keys, as in Pairwise, but the values differ: [b, a] is
// the round trip that b starts. A pair whose round trip fails (see Hop)
// has no key. reply is as for Hop. Hops look past the report's window; the
// cost is quadratic in the team's size.
func (r *Report) RoundTrips(reply time.Duration, at time.Time) map[[2]string]time.Duration {
	out, _ := r.roundTrips(reply, at, r.IDs())
	return out
}

// RoundTripsAmong is RoundTrips for the pairs among ids only, so that a
// group's round trips cost what the group does, not the whole team. IDs
// that are not in the team are left out.
func (r *Report) RoundTripsAmong(reply time.Duration, at time.Time, ids ...string) map[[2]string]time.Duration {
	out, _ := r.roundTrips(reply, at, ids)
	return out
}

// GroupRoundTrip returns the team's worst round trip (see RoundTrips) and
// the pair that has it, the first in ID order among equals; with a team
// of one, zero. The error is that of the first pair, in ID order, whose
// round trip fails.
func (r *Report) GroupRoundTrip(reply time.Duration, at time.Time) (time.Duration, [2]string, error) {
	trips, err := r.roundTrips(reply, at, r.IDs())
	if err != nil {
		return 0, [2]string{}, err
	}
	var worst time.Duration
	var pair [2]string
	for i := range r.people {
		for j := range r.people {
			if i == j {
				continue
			}
			k := [2]string{r.people[i].person.ID, r.people[j].person.ID}
			if d := trips[k]; d > worst {
				worst, pair = d, k
			}
		}
	}
	return worst, pair, nil
}

// roundTrips measures every ordered pair of distinct people among ids,
// in the order given; unknown IDs are skipped.
func (r *Report) roundTrips(reply time.Duration, at time.Time, ids []string) (map[[2]string]time.Duration, error) {
	var group []*calendar.Person
	for _, id := range ids {
		if m, ok := r.find(id); ok && !slices.Contains(group, &m.person) {
			group = append(group, &m.person)
		}
	}
	out := make(map[[2]string]time.Duration, len(group)*max(len(group)-1, 0))
	var first error
	for i := range group {
		for j := range group {
			if i == j {
				continue
			}
			a, b := group[i], group[j]
			there, err := Hop(a, b, at, reply)
			var back time.Time
			if err == nil {
				back, err = Hop(b, a, there, reply)
			}
			if err != nil {
				if first == nil {
					first = err
				}
				continue
			}
			out[[2]string{a.ID, b.ID}] = back.Sub(at)
		}
	}
	return out, first
}
