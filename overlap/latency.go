package overlap

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
)

// DefaultReply is the reply delay Reply uses when given none: half a
// working day of the recipient's free time.
const DefaultReply = 4 * time.Hour

// MaxHop bounds a reply however sparse the recipient's free time: a reply
// not done within ten years of the message is no reply.
const MaxHop = 10 * 366 * 24 * time.Hour

// ErrNoReply is wrapped by the errors of Reply and RoundTrips that say a
// reply never comes: the recipient has no free time for
// calendar.MaxSilence, or the reply is not done within MaxHop.
var ErrNoReply = errors.New("no reply")

// Reply returns when a message sent at at to the person with ID to has
// its reply: the recipient waits until their next free time, then spends
// reply of their free time on it (zero means DefaultReply). Only free
// time counts, never a focus block, soft or hard, whatever
// Options.FocusIsFree says (that switch is about meetings): the reply
// waits through the recipient's nights, weekends, holidays, time off,
// busy time and focus blocks, across changes of clocks. A reply that ends
// exactly where a free stretch ends lands there. The result is in the
// recipient's zone and never before at.
//
// Reply reads the report's timeline inside its window and the
// recipient's schedule beyond it, so at and the reply may lie anywhere.
// When the recipient has no free time for calendar.MaxSilence, or the
// reply is not done within MaxHop, the error wraps ErrNoReply.
func (r *Report) Reply(ctx context.Context, to string, at time.Time, reply time.Duration) (time.Time, error) {
	m, err := r.find("Reply", to)
	if err != nil {
		return time.Time{}, err
	}
	t, err := r.reply(ctx, m, at, reply)
	if err != nil {
		return time.Time{}, fmt.Errorf("overlap.Report.Reply: %w", err)
	}
	return t, nil
}

// reply is Reply for a member, with errors that name the member.
func (r *Report) reply(ctx context.Context, m *member, at time.Time, reply time.Duration) (time.Time, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, err
	}
	switch {
	case reply < 0:
		return time.Time{}, fmt.Errorf("reply %s is negative", reply)
	case reply == 0:
		reply = DefaultReply
	case reply > MaxHop:
		return time.Time{}, fmt.Errorf("%w from %q: a reply of %s is longer than %s", ErrNoReply, m.sched.ID(), reply, MaxHop)
	}
	at = at.Round(0)
	left, lastFree := reply, at
	for iv, err := range r.freeFrom(ctx, m, at) {
		if errors.Is(err, calendar.ErrNoFreeTime) {
			return time.Time{}, fmt.Errorf("%w from %q after %s: %w", ErrNoReply, m.sched.ID(), at.Format(time.RFC3339), err)
		}
		if err != nil {
			return time.Time{}, err
		}
		if iv.Start.Sub(lastFree) >= calendar.MaxSilence || iv.Start.Sub(at) > MaxHop {
			break
		}
		if d := iv.Duration(); d < left {
			left -= d
			lastFree = iv.End
			continue
		}
		done := iv.Start.Add(left)
		if done.Sub(at) > MaxHop {
			break
		}
		return done.In(m.sched.Zone()), nil
	}
	return time.Time{}, fmt.Errorf("%w from %q after %s", ErrNoReply, m.sched.ID(), at.Format(time.RFC3339))
}

// freeFrom returns m's free time (the free segments of the timeline, not
// the report's Options) from at on: from the report's timeline inside the
// window, and from m's schedule beyond it.
func (r *Report) freeFrom(ctx context.Context, m *member, at time.Time) iter.Seq2[calendar.Interval, error] {
	return func(yield func(calendar.Interval, error) bool) {
		beyond := at
		if r.window.Contains(at) {
			off := r.offset(at)
			// Start at the segment that holds at, not at the window's
			// start: round trips ask this for every pair.
			segs, err := m.timeline()
			if err != nil {
				yield(calendar.Interval{}, err)
				return
			}
			first, found := slices.BinarySearchFunc(segs, off, func(s calendar.Stretch, off int64) int { return cmp.Compare(s.Start, off) })
			if !found {
				first--
			}
			for i := first; i < len(segs); i++ {
				if segs[i].Kind != calendar.KindFree {
					continue
				}
				iv := calendar.Interval{Start: r.time(max(segs[i].Start, off)), End: r.time(end(segs, i, r.length))}
				if !yield(iv, nil) {
					return
				}
			}
			beyond = r.window.End
		}
		for iv, err := range m.sched.FreeFrom(ctx, beyond) {
			if !yield(iv, err) || err != nil {
				return
			}
		}
	}
}

// RoundTrips returns, for every ordered pair [a, b] of distinct people
// among ids (with no ids, the whole team), how long a waits from at for a
// round trip: a's message answered by b (Reply to b at at), then b's
// answer answered by a (Reply to a from there). Both orders of each pair
// are keys, as in Pairwise, but the values differ: [b, a] is the round
// trip that b starts. reply is as for Reply. The cost is quadratic in the
// number of people; each of them is read from the report's timeline, or
// from their compiled schedule past its window. It is an error when an ID
// is not in the team, or when a round trip never completes (it wraps
// ErrNoReply and names the pair, or the recipient whose first reply never
// comes).
func (r *Report) RoundTrips(ctx context.Context, reply time.Duration, at time.Time, ids ...string) (map[[2]string]time.Duration, error) {
	group, err := r.findAll("RoundTrips", ids)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		group = make([]*member, len(r.people))
		for i := range r.people {
			group[i] = &r.people[i]
		}
	}
	if reply < 0 {
		return nil, fmt.Errorf("overlap.Report.RoundTrips: reply %s is negative", reply)
	}
	slices.SortFunc(group, func(a, b *member) int { return cmp.Compare(a.sched.ID(), b.sched.ID()) })
	group = slices.Compact(group)
	out := make(map[[2]string]time.Duration, len(group)*max(len(group)-1, 0))
	if len(group) < 2 {
		return out, nil // no pair: nothing to wait for
	}
	at = at.Round(0)
	// The first hop depends only on its recipient.
	there := make(map[*member]time.Time, len(group))
	for _, b := range group {
		t, err := r.reply(ctx, b, at, reply)
		if err != nil {
			return nil, fmt.Errorf("overlap.Report.RoundTrips: to %q: %w", b.sched.ID(), err)
		}
		there[b] = t
	}
	for _, a := range group {
		for _, b := range group {
			if a == b {
				continue
			}
			back, err := r.reply(ctx, a, there[b], reply)
			if err != nil {
				return nil, fmt.Errorf("overlap.Report.RoundTrips: %q -> %q -> %q: %w", a.sched.ID(), b.sched.ID(), a.sched.ID(), err)
			}
			out[[2]string{a.sched.ID(), b.sched.ID()}] = back.Sub(at)
		}
	}
	return out, nil
}
