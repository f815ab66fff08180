package policy

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

// sentinels are the errors Decide wraps; each invalid input wraps exactly
// one of them.
var sentinels = []error{ErrInvalid, ErrUnknownParticipant, ErrUnknownPurpose, ErrDeadlinePassed}

// A fault makes valid input to Decide invalid in one way, and names the
// sentinel the error must wrap.
type fault struct {
	name  string
	want  error
	apply func(t *rapid.T, p *Policy, tp *Topic, f *Facts)
}

var faults = []fault{
	// The topic on its own (Topic.Validate).
	{"unknown purpose", ErrUnknownPurpose, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Purpose = Purpose(rapid.SampledFrom([]int{0, -1, 8, 99}).Draw(t, "purpose"))
	}},
	{"unknown ambiguity", ErrInvalid, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Ambiguity = Level(rapid.SampledFrom([]int{-1, 3, 42}).Draw(t, "ambiguity"))
	}},
	{"unknown sensitivity", ErrInvalid, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Sensitivity = Level(rapid.SampledFrom([]int{-1, 3, 42}).Draw(t, "sensitivity"))
	}},
	{"no participants", ErrInvalid, func(_ *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Participants = nil
	}},
	{"an empty participant ID", ErrInvalid, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Participants = slices.Clone(tp.Participants)
		tp.Participants[rapid.IntRange(0, len(tp.Participants)-1).Draw(t, "empty")] = ""
	}},
	{"a participant listed twice", ErrInvalid, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		id := rapid.SampledFrom(tp.Participants).Draw(t, "twice")
		tp.Participants = append(slices.Clone(tp.Participants), id)
	}},
	{"negative exchanges", ErrInvalid, func(t *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Exchanges = -rapid.IntRange(1, 100).Draw(t, "negExchanges")
	}},
	{"a decision-maker who is not a participant", ErrUnknownParticipant, func(_ *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.DecisionMakers = append(slices.Clone(tp.DecisionMakers), "zed")
	}},

	// The topic against the facts.
	{"a participant the facts do not know", ErrUnknownParticipant, func(_ *rapid.T, _ *Policy, tp *Topic, _ *Facts) {
		tp.Participants = append(slices.Clone(tp.Participants), "zed")
	}},
	{"a participant missing from the facts", ErrUnknownParticipant, func(t *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		i := rapid.IntRange(0, len(f.Participants)-1).Draw(t, "missing")
		f.Participants = slices.Delete(slices.Clone(f.Participants), i, i+1)
	}},
	{"a facts participant not in the topic", ErrUnknownParticipant, func(_ *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		f.Participants = append(slices.Clone(f.Participants), "zed")
	}},
	{"a facts participant listed twice", ErrInvalid, func(t *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		id := rapid.SampledFrom(f.Participants).Draw(t, "factsTwice")
		f.Participants = append(slices.Clone(f.Participants), id)
	}},
	{"a deadline before now", ErrDeadlinePassed, func(t *rapid.T, _ *Policy, tp *Topic, f *Facts) {
		tp.NeedBy = f.Now.Add(-time.Duration(rapid.IntRange(1, 1e6).Draw(t, "earlierSec")) * time.Second)
	}},

	// The facts on their own.
	{"no now", ErrInvalid, func(_ *rapid.T, _ *Policy, tp *Topic, f *Facts) {
		f.Now = time.Time{}
		tp.NeedBy = time.Time{} // else the deadline would be the fault
	}},
	{"a negative figure", ErrInvalid, func(t *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		neg := -time.Duration(rapid.Int64Range(1, int64(100*time.Hour)).Draw(t, "negative"))
		switch rapid.IntRange(0, 4).Draw(t, "figure") {
		case 0:
			f.CommonPerDay = neg
		case 1:
			f.Common = neg
		case 2:
			f.RoundTrip = neg
		case 3:
			f.OffsetSpread = neg
		case 4:
			f.Zones = -rapid.IntRange(1, 10).Draw(t, "negZones")
		}
	}},
	{"windows out of order", ErrInvalid, func(t *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		// Two windows, the second starting before the first ends (or
		// before it starts), somewhere in the list.
		a := f.Now.Add(time.Duration(rapid.IntRange(0, 48*60).Draw(t, "aMin")) * time.Minute)
		first := calendar.Interval{Start: a, End: a.Add(time.Hour)}
		back := time.Duration(rapid.IntRange(1, 24*60).Draw(t, "backMin")) * time.Minute
		second := calendar.Interval{Start: first.End.Add(-back), End: first.End.Add(time.Hour)}
		i := rapid.IntRange(0, len(f.Windows)).Draw(t, "at")
		f.Windows = slices.Insert(slices.Clone(f.Windows), i, first, second)
	}},
	{"an empty window", ErrInvalid, func(t *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		// Last, starting where the others end, so that only its
		// emptiness is wrong.
		a := f.Now.Add(time.Duration(rapid.IntRange(0, 48*60).Draw(t, "aMin")) * time.Minute)
		if n := len(f.Windows); n > 0 && a.Before(f.Windows[n-1].End) {
			a = f.Windows[n-1].End
		}
		back := time.Duration(rapid.IntRange(0, 60).Draw(t, "backMin")) * time.Minute
		f.Windows = append(slices.Clone(f.Windows), calendar.Interval{Start: a, End: a.Add(-back)})
	}},
	{"a must-shift who is not a participant", ErrUnknownParticipant, func(_ *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		f.MustShift = append(slices.Clone(f.MustShift), "zed")
	}},
	{"an off-hours person who is not a participant", ErrUnknownParticipant, func(_ *rapid.T, _ *Policy, _ *Topic, f *Facts) {
		f.OffHoursNow = append(slices.Clone(f.OffHoursNow), "zed")
	}},

	// The policy.
	{"an invalid policy", ErrInvalid, func(t *rapid.T, p *Policy, _ *Topic, _ *Facts) {
		*p = rapid.SampledFrom(invalidPolicies).Draw(t, "policy")
	}},

	// The issue: a high-sensitivity conflict with facts that have no
	// figures was decided Async. Only Now is wrong here (the participants
	// are kept), so the error is about it.
	{"a sensitive conflict with blank facts", ErrInvalid, func(_ *rapid.T, _ *Policy, tp *Topic, f *Facts) {
		tp.Purpose, tp.Sensitivity, tp.NeedBy = Resolve, High, time.Time{}
		*f = Facts{Participants: f.Participants}
	}},
}

// checkDecideError checks that Decide's result is the zero Decision and an
// error that wraps want (and no other sentinel) and starts with
// "policy.Policy.Decide: ".
func checkDecideError(t interface{ Fatalf(string, ...any) }, d Decision, err error, want ...error) {
	const prefix = "policy.Policy.Decide: "
	if err == nil {
		t.Fatalf("Decide: no error, decision %s %q with reasons %+v", d.Mode, d.Format, d.Reasons)
	}
	if !strings.HasPrefix(err.Error(), prefix) {
		t.Fatalf("Decide: error %q does not start with %q", err, prefix)
	}
	wrapped := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			wrapped++
			if !slices.Contains(want, s) {
				t.Fatalf("Decide: error %q wraps %q, want %q", err, s, want)
			}
		}
	}
	if wrapped != 1 {
		t.Fatalf("Decide: error %q wraps %d of the sentinels, want one of %q", err, wrapped, want)
	}
	if diff := cmp.Diff(Decision{}, d); diff != "" {
		t.Fatalf("Decide with an error returned a decision (-want +got):\n%s", diff)
	}
}

func TestDecideOnInvalidInputIsAnError(t *testing.T) {
	// Each fault on its own rapid run, so that every one is checked on
	// as many cases.
	for _, fl := range faults {
		t.Run(fl.name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				p, tp, f := genCase(t)
				if _, err := p.Decide(tp, f); err != nil {
					t.Fatalf("generator bug: the input is invalid before the fault: %v", err)
				}
				fl.apply(t, &p, &tp, &f)
				d, err := p.Decide(tp, f)
				checkDecideError(t, d, err, fl.want)
			})
		})
	}
}

// The issue as reported: a high-sensitivity conflict decided on empty
// facts came back Async with no error. The facts have neither Now nor the
// participants, so the error may be about either.
func TestDecideSensitiveConflictOnEmptyFactsIsAnError(t *testing.T) {
	tp := Topic{Purpose: Resolve, Sensitivity: High, Participants: []string{"ana", "ben"}}
	for _, p := range []Policy{{}, Default()} {
		d, err := p.Decide(tp, Facts{})
		checkDecideError(t, d, err, ErrInvalid, ErrUnknownParticipant)
	}
}

// The named cases, one of each kind, with the error's words.
func TestDecideErrorsSayWhatIsWrong(t *testing.T) {
	f := overlaps["comfortable"](three)
	tp := Topic{Purpose: Inform, Participants: three}
	for _, c := range []struct {
		name string
		p    Policy
		tp   Topic
		f    Facts
		want error
		text string
	}{
		{"no purpose", Default(), Topic{Participants: three}, f, ErrUnknownPurpose,
			"policy.Policy.Decide: policy.Topic.Validate: unknown purpose: no purpose set"},
		{"invalid policy", Policy{MaxSyncGroup: 1}, tp, f, ErrInvalid,
			"policy.Policy.Decide: policy.Policy.Validate: invalid: MaxSyncGroup 1 is under 2"},
		{"deadline passed", Default(), Topic{Purpose: Inform, Participants: three, NeedBy: now.Add(-time.Hour)}, f, ErrDeadlinePassed,
			"policy.Policy.Decide: deadline before now: need by 2026-03-10T13:00:00Z, now is 2026-03-10T14:00:00Z"},
		{"unknown participant", Default(), Topic{Purpose: Inform, Participants: []string{"ana", "zed"}}, overlaps["comfortable"]([]string{"ana"}), ErrUnknownParticipant,
			`policy.Policy.Decide: unknown participant: participant "zed" is not in the facts`},
	} {
		d, err := c.p.Decide(c.tp, c.f)
		checkDecideError(t, d, err, c.want)
		if err.Error() != c.text {
			t.Errorf("%s: error\n got %q\nwant %q", c.name, err, c.text)
		}
	}
}

// TestPolicyLimits: a reply of ten years of free time is no reply, and
// the round trips of thousands of participants cost millions of replies:
// both are errors at once.
func TestPolicyLimits(t *testing.T) {
	p := Default()
	p.ReplyDelay = 87600 * time.Hour
	if err := p.Validate(); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "ReplyDelay 87600h0m0s is more than 168h0m0s") {
		t.Errorf("Validate with a 10-year reply: %v", err)
	}
	r := teamReport(t)
	many := make([]string, calendar.DefaultLimits().Participants+1)
	for i := range many {
		many[i] = fmt.Sprintf("p%d", i)
	}
	if _, err := FactsFrom(context.Background(), r, many, utc(10, 14, 0), Default()); !errors.Is(err, calendar.ErrLimit) {
		t.Errorf("FactsFrom with %d participants: %v; want an error wrapping calendar.ErrLimit", len(many), err)
	}
}

func TestFactsFromCancelled(t *testing.T) {
	r := teamReport(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FactsFrom(ctx, r, []string{"ben", "sam"}, utc(10, 14, 0), Default()); !errors.Is(err, context.Canceled) {
		t.Errorf("FactsFrom with a cancelled context: %v", err)
	}
}
