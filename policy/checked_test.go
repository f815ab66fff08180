package policy

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
)

// The cases a team lead checked by hand, each with the verdict and the
// warnings they expect.

// The meeting comes after the memo can be read: round trip 32h, the next
// common window in 9h (then daily). The memo goes out now and the meeting
// is the first window at least 32h away: 9h + 24h = 33h. With a deadline
// in 20h no window comes a round trip away before it: the memo gets the
// 9h to the only window before the deadline, and a warning says so.
func TestMemoComesBeforeTheMeeting(t *testing.T) {
	f := Facts{Now: now, Participants: three, CommonPerDay: time.Hour, Common: 4 * time.Hour,
		Windows: daily(4, 9, time.Hour), RoundTrip: 32 * time.Hour, Zones: 3, OffsetSpread: 9 * time.Hour}
	topic := Topic{Purpose: Decide, Participants: three, WrittenProposal: true}
	d := decide(t, Default(), topic, f)
	if d.Mode != Hybrid || d.Slot == nil || !d.Slot.Start.Equal(in(33)) || d.Lead != 32*time.Hour {
		t.Fatalf("%s %q, slot %v, lead %s; want hybrid meeting at %s after a 32h lead", d.Mode, d.Format, d.Slot, d.Lead, in(33))
	}
	// Nine hours of offsets apart, more than the comfortable four: recorded.
	if d.Format != "written memo at least 32 hours ahead, then a 30-minute call (recorded)" || len(d.Warnings) != 0 {
		t.Fatalf("format %q, warnings %q", d.Format, d.Warnings)
	}
	topic.NeedBy = in(20)
	d = decide(t, Default(), topic, f)
	if d.Mode != Hybrid || d.Slot == nil || !d.Slot.Start.Equal(in(9.5)) || d.Lead != 9*time.Hour+30*time.Minute {
		t.Fatalf("with a deadline: %s %q, slot %v, lead %s; want the last half hour of the window in 9h", d.Mode, d.Format, d.Slot, d.Lead)
	}
	if !slices.ContainsFunc(d.Warnings, func(w string) bool {
		return strings.Contains(w, "gets only 9h30m before the meeting") && strings.Contains(w, "2026-03-11 10:00 UTC")
	}) || !strings.Contains(d.Format, " now, ") {
		t.Fatalf("with a deadline: format %q, warnings %q", d.Format, d.Warnings)
	}
}

// A missed deadline never passes silently: gathering input due in 8h,
// with a 30h round trip and no overlap, stays in writing (a meeting is
// no sooner), and a warning names the deadline and the expected
// completion, two round trips (60h) from now.
func TestMissedDeadlineIsWarned(t *testing.T) {
	f := Facts{Now: now, Participants: three, RoundTrip: 30 * time.Hour, Zones: 3, OffsetSpread: 10 * time.Hour, MustShift: []string{"chen"}}
	d := decide(t, Default(), Topic{Purpose: GatherInput, Participants: three, NeedBy: in(8)}, f)
	if d.Mode != Async || !d.Expected.Equal(in(60)) {
		t.Fatalf("%s, expected %s; want async, expected %s", d.Mode, d.Expected, in(60))
	}
	if !slices.ContainsFunc(d.Warnings, func(w string) bool {
		return strings.Contains(w, "expected done by 2026-03-13 02:00 UTC") && strings.Contains(w, "after the deadline 2026-03-10 22:00 UTC")
	}) {
		t.Fatalf("warnings %q name neither the deadline nor the expected completion", d.Warnings)
	}
}

// A deadline earlier than a plan in writing needs always yields a
// meeting or a warning.
func TestDeadlineBeforeAsyncCompletionIsNeverSilent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, tp, f := genCase(t)
		d := decide(t, p, tp, f)
		if d.Mode != Async || tp.NeedBy.IsZero() || !d.Expected.After(tp.NeedBy) {
			return
		}
		if !slices.ContainsFunc(d.Warnings, func(w string) bool {
			return strings.Contains(w, stamp(tp.NeedBy)) && strings.Contains(w, stamp(d.Expected))
		}) {
			t.Fatalf("async, expected %s after the deadline %s, with no warning naming both: %q", d.Expected, tp.NeedBy, d.Warnings)
		}
	})
}

// berlinTeam is two people in Berlin, 09:00-17:00, over three weeks from
// Monday 2026-03-09 (CET, UTC+1).
func berlinTeam(t testing.TB) (*overlap.Report, []string) {
	berlin := zone(t, "Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{{ID: "ana", Zone: berlin, Hours: hours}, {ID: "bo", Zone: berlin, Hours: hours}}
	monday := calendar.MustParseDate("2026-03-09")
	r, err := overlap.Compute(context.Background(), people, calendar.Days(monday, monday.AddDays(20), time.UTC), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r, []string{"ana", "bo"}
}

// The verdict does not flip with the time of day: a Berlin team gathering
// input due in 24h gets the same verdict at 07:00 UTC (before work) and at
// 14:00, though the instantaneous round trips differ; and on Friday
// afternoon a 72h deadline no longer turns the verdict into a call: it
// stays in writing, with a warning that, the weekend in the way, this one
// will be late.
//
// The typical round trip, worked out by hand: a message sent at h UTC on
// a working day (08:00-16:00 UTC) is answered after 4h of the recipient's
// working time and that answer after 4h more; sent at 08:00 that is 16:00
// the same day (8h), sent from 09:00 to 15:00 it ends at the same hour
// the next working day (24h), and sent on Friday after 08:00 on Monday
// (72h). Of the week's 20 working even hours (08, 10, 12, 14), 5 give 8h,
// 12 give 24h and 3 give 72h: the median is 24h. Two round trips (48h) miss a 24h deadline
// while the common window is sooner: a call, at either hour. On Friday
// at 15:00, 48h is within 72h: in writing; but this time the first round
// trip ends Monday 15:00 (72h) and the second Tuesday 15:00, after the
// Monday 15:00 deadline: a warning names both.
func TestVerdictDoesNotFlipWithTheHour(t *testing.T) {
	r, ids := berlinTeam(t)
	p := Default()
	verdict := func(at time.Time, needBy time.Duration) Decision {
		f, err := FactsFrom(context.Background(), r, ids, at, p)
		if err != nil {
			t.Fatal(err)
		}
		return decide(t, p, Topic{Purpose: GatherInput, Participants: ids, NeedBy: at.Add(needBy)}, f)
	}
	morning := verdict(time.Date(2026, 3, 10, 7, 0, 0, 0, time.UTC), 24*time.Hour)
	afternoon := verdict(time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), 24*time.Hour)
	friday := verdict(time.Date(2026, 3, 13, 15, 0, 0, 0, time.UTC), 72*time.Hour)
	if morning.Facts.TypicalRoundTrip != 24*time.Hour {
		t.Fatalf("typical round trip %s, want 24h", morning.Facts.TypicalRoundTrip)
	}
	for _, d := range []Decision{morning, afternoon} {
		if d.Mode != Sync || d.Format != "30-minute call, then written summary" {
			t.Errorf("at %s: %s %q; want a call", d.Facts.Now, d.Mode, d.Format)
		}
	}
	if friday.Mode != Async || !slices.ContainsFunc(friday.Warnings, func(w string) bool {
		return strings.Contains(w, "expected done by 2026-03-17 15:00 UTC") && strings.Contains(w, "after the deadline 2026-03-16 15:00 UTC")
	}) {
		t.Errorf("Friday 15:00, 72h: %s %q, warnings %q; want async, warned", friday.Mode, friday.Format, friday.Warnings)
	}
	if morning.Facts.RoundTrip == afternoon.Facts.RoundTrip {
		t.Errorf("the instantaneous round trips are the same (%s): the case shows nothing", morning.Facts.RoundTrip)
	}
}

// For a fixed team and topic whose deadline is at least a week away, the
// verdict is the same at every minute of a working week.
func TestVerdictIsTheSameAllWeek(t *testing.T) {
	r := teamReportWeeks(t, 3)
	rapid.Check(t, func(t *rapid.T) {
		p := genPolicy(t)
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"ben", "priya", "sam"}), 1, 3, rapid.ID[string]).Draw(t, "ids")
		tp := Topic{
			Purpose:            Purpose(rapid.IntRange(int(Inform), int(Incident)).Draw(t, "purpose")),
			Ambiguity:          Level(rapid.IntRange(0, 2).Draw(t, "ambiguity")),
			Sensitivity:        Level(rapid.IntRange(0, 2).Draw(t, "sensitivity")),
			Reversible:         rapid.Bool().Draw(t, "reversible"),
			Participants:       ids,
			WrittenProposal:    rapid.Bool().Draw(t, "written"),
			Exchanges:          rapid.IntRange(0, 5).Draw(t, "exchanges"),
			FirstCollaboration: rapid.Bool().Draw(t, "first"),
		}
		monday := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
		deadline := monday.Add(time.Duration(rapid.IntRange(12*24*60, 14*24*60).Draw(t, "deadlineMin")) * time.Minute)
		tp.NeedBy = deadline
		var first Decision
		for k := range 2 {
			at := monday.Add(time.Duration(rapid.IntRange(0, 5*24*60-1).Draw(t, "nowMin")) * time.Minute)
			f, err := FactsFrom(context.Background(), r, ids, at, p)
			if err != nil {
				t.Fatal(err)
			}
			d := decide(t, p, tp, f)
			if k == 0 {
				first = d
				continue
			}
			if d.Mode != first.Mode {
				t.Fatalf("at %s: %s (%q); at %s: %s (%q)", first.Facts.Now, first.Mode, first.Format, d.Facts.Now, d.Mode, d.Format)
			}
		}
	})
}

// Reasons never contradict the verdict: a highly sensitive update to a
// group with no overlap is a call all the same; the update's own rule
// (inform, for writing) and the scarce overlap ("prefer writing") are
// listed, marked overridden by the sensitivity.
func TestOverriddenReasonsSayWhy(t *testing.T) {
	d := decide(t, Default(), Topic{Purpose: Inform, Sensitivity: High, Participants: three}, overlaps["none"](three))
	roles := map[string]Role{}
	for _, r := range d.Reasons {
		roles[r.Code] = r.Role
		if r.Role == RoleOverridden && !strings.Contains(r.Text, "sensitive") {
			t.Errorf("%s is overridden without naming what overrode it: %q", r.Code, r.Text)
		}
	}
	want := map[string]Role{CodeSensitive: RoleDecisive, CodeInform: RoleOverridden, CodeOverlapScarce: RoleOverridden, CodeNoWindowKept: RoleContext, CodeWideSpread: RoleContext}
	if d.Mode != Sync || !maps.Equal(roles, want) {
		t.Fatalf("%s, roles %v; want sync, %v", d.Mode, roles, want)
	}
}

// The facts are used: 31 minutes together a day is not treated like 8
// hours, a group spread over ten hours of offsets gets its call recorded,
// and fifteen people deciding a one-way door are asked to name seven.
func TestFactsShapeTheDecision(t *testing.T) {
	short := Facts{Now: now, Participants: three, CommonPerDay: 31 * time.Minute, Common: 2 * time.Hour,
		Windows: daily(4, 1, 31*time.Minute), RoundTrip: 8 * time.Hour, Zones: 2, OffsetSpread: 3 * time.Hour}
	long := short
	long.CommonPerDay, long.Windows = 8*time.Hour, daily(4, 1, 8*time.Hour)
	topic := Topic{Purpose: Ideate, Participants: three}
	a, b := decide(t, Default(), topic, short), decide(t, Default(), topic, long)
	codes := func(d Decision) []string {
		var out []string
		for _, r := range d.Reasons {
			out = append(out, r.Code)
		}
		return out
	}
	if !slices.Contains(codes(a), CodeOverlapShort) || slices.Contains(codes(b), CodeOverlapShort) || !slices.Contains(codes(b), CodeOverlapComfortable) {
		t.Errorf("31m a day: %v; 8h a day: %v", codes(a), codes(b))
	}
	wide := long
	wide.Zones, wide.OffsetSpread = 3, 10*time.Hour
	if d := decide(t, Default(), topic, wide); d.Format != "30-minute call (recorded), then written summary" {
		t.Errorf("ten hours apart: %q", d.Format)
	}
	fifteen := make([]string, 15)
	for i := range fifteen {
		fifteen[i] = fmt.Sprintf("p%02d", i)
	}
	many := long
	many.Participants = fifteen
	d := decide(t, Default(), Topic{Purpose: Decide, Participants: fifteen, WrittenProposal: true}, many)
	if d.Mode != Hybrid || d.Format != "written memo at least 8 hours ahead, then a 30-minute call of at most 7 deciders" ||
		!slices.ContainsFunc(d.Warnings, func(w string) bool { return strings.Contains(w, "15 people decide: name at most 7 deciders") }) {
		t.Errorf("fifteen deciders: %s %q, warnings %q", d.Mode, d.Format, d.Warnings)
	}
}

// The offset spread is the week's: Berlin and New York are six hours
// apart until New York moves its clocks on Sunday 2026-03-08, and five
// after; asked on Wednesday 4 March or at Sunday noon, the week's
// largest, 6h; asked in the next week, 5h (Berlin moves on the 29th).
func TestOffsetSpreadIsTheWeeks(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{{ID: "ben", Zone: zone(t, "Europe/Berlin"), Hours: hours}, {ID: "sam", Zone: zone(t, "America/New_York"), Hours: hours}}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-02"), 2), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at   time.Time
		want time.Duration
	}{
		{time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC), 6 * time.Hour},
		{time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC), 6 * time.Hour},
		{time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), 5 * time.Hour},
	} {
		f, err := FactsFrom(context.Background(), r, []string{"ben", "sam"}, c.at, Default())
		if err != nil {
			t.Fatal(err)
		}
		if f.OffsetSpread != c.want {
			t.Errorf("at %s: spread %s, want %s", c.at, f.OffsetSpread, c.want)
		}
	}
}

// A send hour from which a round trip never completes (Bo leaves for
// good on Wednesday) is left out of the typical round trip: the facts
// from Monday morning stand, and read the hours before he leaves.
func TestTypicalRoundTripSkipsHoursWithNoReply(t *testing.T) {
	berlin := zone(t, "Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{{ID: "ana", Zone: berlin, Hours: hours},
		{ID: "bo", Zone: berlin, Hours: hours, TimeOff: []calendar.TimeOff{{From: calendar.MustParseDate("2026-03-11"), To: calendar.MustParseDate("2028-01-01"), Reason: "gone"}}}}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-09"), 1), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := FactsFrom(context.Background(), r, []string{"ana", "bo"}, time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC), Default())
	if err != nil {
		t.Fatalf("FactsFrom: %v", err)
	}
	if f.RoundTrip != 8*time.Hour || f.TypicalRoundTrip == 0 {
		t.Errorf("round trip %s, typical %s; want 8h and some typical figure", f.RoundTrip, f.TypicalRoundTrip)
	}
}

func TestExpectedExchangesIsBounded(t *testing.T) {
	if err := (Policy{ExpectedExchanges: MaxExpectedExchanges + 1}).Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("ExpectedExchanges %d: %v", MaxExpectedExchanges+1, err)
	}
}

// A rule that asks for the mode decided agrees, even where the overlap
// would have capped it: a conflict (a call, whatever the overlap) on a
// long thread of a group free together 10 minutes a day.
func TestCappedRuleThatAsksForTheModeAgrees(t *testing.T) {
	f := Facts{Now: now, Participants: three, CommonPerDay: 10 * time.Minute, RoundTrip: 20 * time.Hour, Zones: 2, OffsetSpread: 3 * time.Hour,
		Windows: daily(2, 1, 10*time.Minute)}
	d := decide(t, Default(), Topic{Purpose: Resolve, Exchanges: 5, Participants: three}, f)
	for _, r := range d.Reasons {
		if r.Code == CodeLongThread && r.Role != RoleAgrees {
			t.Errorf("%s: %s, %q; want agrees", r.Code, r.Role, r.Text)
		}
	}
}
