package policy

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
)

// The golden scenarios: a topic, the overlap it meets, the mode the
// default policy must choose, the codes of its reasons in order (those
// for the mode, then those overridden, then the overlap's), and its
// format. Every rule of the package appears in at least one scenario
// (TestScenariosCoverEveryRule checks).

// now is the instant every scenario is decided at: a Tuesday afternoon.
var now = time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)

// in returns the instant h hours after now, for deadlines.
func in(h float64) time.Time { return now.Add(time.Duration(h * float64(time.Hour))) }

// daily returns n daily windows from 'from' hours after now, each long.
func daily(n int, from float64, long time.Duration) []calendar.Interval {
	var out []calendar.Interval
	for i := range n {
		s := in(from + 24*float64(i))
		out = append(out, calendar.Interval{Start: s, End: s.Add(long)})
	}
	return out
}

// The overlaps the scenarios meet. Each is a function of the participants.
var overlaps = map[string]func(ids []string) Facts{
	// comfortable: 5h together a day, starting in an hour; replies in 8h;
	// zones 3h apart.
	"comfortable": func(ids []string) Facts {
		return Facts{Now: now, Participants: ids, CommonPerDay: 5 * time.Hour, Common: 20 * time.Hour,
			Windows: daily(4, 1, 5*time.Hour), RoundTrip: 8 * time.Hour, Zones: 2, OffsetSpread: 3 * time.Hour}
	},
	// limited: 1h together a day, from 15:00 UTC; round trip 20h.
	"limited": func(ids []string) Facts {
		return Facts{Now: now, Participants: ids, CommonPerDay: time.Hour, Common: 4 * time.Hour,
			Windows: daily(4, 1, time.Hour), RoundTrip: 20 * time.Hour, Zones: 3, OffsetSpread: 9*time.Hour + 30*time.Minute,
			OffHoursNow: ids[len(ids)-1:]}
	},
	// late: 1h together a day, but the first window is 30h away.
	"late": func(ids []string) Facts {
		return Facts{Now: now, Participants: ids, CommonPerDay: time.Hour, Common: 3 * time.Hour,
			Windows: daily(3, 30, time.Hour), RoundTrip: 20 * time.Hour, Zones: 3, OffsetSpread: 9 * time.Hour}
	},
	// none: never free together; the last participant must shift, and is
	// off-hours now; round trip 31h.
	"none": func(ids []string) Facts {
		return Facts{Now: now, Participants: ids, RoundTrip: 31 * time.Hour, Zones: 3, OffsetSpread: 10*time.Hour + 30*time.Minute,
			MustShift: ids[len(ids)-1:], OffHoursNow: ids[len(ids)-1:]}
	},
}

var (
	three = []string{"ana", "ben", "chen"}
	five  = []string{"ana", "ben", "chen", "dev", "eli"}
	nine  = []string{"ana", "ben", "chen", "dev", "eli", "fay", "gus", "hal", "ivo"}
)

type scenario struct {
	name    string
	topic   Topic // Participants default to three
	overlap string
	mode    Mode
	codes   []string
	format  string
}

var scenarios = []scenario{
	// Inform: async, whatever the overlap.
	{"status update", Topic{Purpose: Inform}, "comfortable",
		Async, []string{"async-default", "inform"}, "written update; no meeting"},
	{"status update, no overlap", Topic{Purpose: Inform}, "none",
		Async, []string{"async-default", "inform", "overlap-scarce"}, "written update; no meeting"},
	{"status update, thread at the limit", Topic{Purpose: Inform, Exchanges: 3}, "limited",
		Async, []string{"async-default", "inform"}, "written update; no meeting"},

	// Gather input: async unless writing misses the deadline and a meeting is sooner.
	{"input, no deadline", Topic{Purpose: GatherInput}, "limited",
		Async, []string{"async-default", "gather-input"}, "written request for input with a 40-hour reply window"},
	{"input, deadline after two round trips", Topic{Purpose: GatherInput, NeedBy: in(48)}, "limited",
		Async, []string{"async-default", "gather-input"}, "written request for input with a 40-hour reply window"},
	{"input, deadline tomorrow", Topic{Purpose: GatherInput, NeedBy: in(24)}, "limited",
		Sync, []string{"gather-input-deadline", "gather-input", "overlap-short", "wide-spread"}, "30-minute call (recorded), then written summary"},
	{"input, deadline before any window", Topic{Purpose: GatherInput, NeedBy: in(24)}, "late",
		Hybrid, []string{"gather-input-deadline", "gather-input", "no-window", "overlap-short", "wide-spread"}, "written pre-read at least 20 hours ahead, then a 30-minute call (recorded)"},

	// Decide: two-way doors in writing, one-way doors with a memo and a meeting.
	{"reversible decision", Topic{Purpose: Decide, Reversible: true, DecisionMakers: []string{"ana"}}, "comfortable",
		Async, []string{"async-default", "decide-reversible"}, "written proposal with owner ana and an 8-hour comment window"},
	{"reversible decision, no overlap", Topic{Purpose: Decide, Reversible: true}, "none",
		Async, []string{"async-default", "decide-reversible", "overlap-scarce"}, "written proposal with a named owner and a 31-hour comment window"},
	{"irreversible decision", Topic{Purpose: Decide, WrittenProposal: true, DecisionMakers: []string{"ben"}}, "comfortable",
		Hybrid, []string{"decide-irreversible", "overlap-comfortable"}, "written memo at least 8 hours ahead, then a 30-minute call"},
	{"irreversible decision, no overlap", Topic{Purpose: Decide, WrittenProposal: true}, "none",
		Hybrid, []string{"decide-irreversible", "overlap-scarce", "wide-spread"}, "written memo at least 31 hours ahead, then a 30-minute call (recorded)"},

	// Sensitive or a conflict: sync, even without a window.
	{"sensitive news", Topic{Purpose: Inform, Sensitivity: High}, "comfortable",
		Sync, []string{"sensitive", "inform", "overlap-comfortable"}, "30-minute call, then written summary"},
	{"medium sensitivity: writing, then a call", Topic{Purpose: Inform, Sensitivity: Medium}, "comfortable",
		Hybrid, []string{"sensitive-medium", "inform", "overlap-comfortable"}, "written pre-read at least 8 hours ahead, then a 30-minute call"},
	{"medium ambiguity: writing, then a call", Topic{Purpose: GatherInput, Ambiguity: Medium}, "comfortable",
		Hybrid, []string{"ambiguity-medium", "gather-input", "overlap-comfortable"}, "written pre-read at least 8 hours ahead, then a 30-minute call"},
	// Nine people decide a one-way door: at most seven should.
	{"irreversible decision, nine deciders", Topic{Purpose: Decide, Participants: nine, WrittenProposal: true}, "comfortable",
		Hybrid, []string{"decide-irreversible", "too-many-deciders", "overlap-comfortable"}, "written memo at least 8 hours ahead, then a 30-minute call of at most 7 deciders"},
	// A weekly status stays a written update; a standing review stays a
	// meeting, both for the series.
	{"recurring status update", Topic{Purpose: Inform, Recurring: true}, "comfortable",
		Async, []string{"async-default", "inform", "recurring"}, "recurring written update; no meeting"},
	{"recurring conflict review", Topic{Purpose: Resolve, Recurring: true}, "comfortable",
		Sync, []string{"conflict", "recurring", "overlap-comfortable"}, "standing 30-minute call, then written summary"},
	{"conflict", Topic{Purpose: Resolve}, "limited",
		Sync, []string{"conflict", "overlap-short", "wide-spread"}, "30-minute call (recorded), then written summary"},
	{"conflict, no overlap", Topic{Purpose: Resolve}, "none",
		Sync, []string{"conflict", "overlap-scarce", "no-window-kept", "wide-spread"}, "30-minute call (recorded), then written summary"},
	{"sensitive, deadline before any window", Topic{Purpose: Inform, Sensitivity: High, NeedBy: in(2)}, "late",
		Sync, []string{"sensitive", "inform", "no-window-kept", "overlap-short", "wide-spread"}, "30-minute call (recorded), then written summary"},

	// Connect and first collaboration: a kickoff call, then async.
	{"connect", Topic{Purpose: Connect}, "comfortable",
		Sync, []string{"connect", "overlap-comfortable"}, "30-minute kickoff call, then async"},
	{"connect, no overlap", Topic{Purpose: Connect}, "none",
		Hybrid, []string{"connect", "overlap-scarce", "wide-spread"}, "30-minute kickoff call (recorded), then async"},
	{"first collaboration on a reversible decision", Topic{Purpose: Decide, Reversible: true, FirstCollaboration: true}, "limited",
		Hybrid, []string{"first-collaboration", "decide-reversible", "overlap-short", "wide-spread"}, "30-minute kickoff call (recorded), then async"},

	// Ideate or high ambiguity: sync for up to 7 with a window, else hybrid.
	{"ideate, five people", Topic{Purpose: Ideate, Participants: five}, "limited",
		Sync, []string{"ideate", "overlap-short", "wide-spread"}, "30-minute call (recorded), then written summary"},
	{"ideate, nine people", Topic{Purpose: Ideate, Participants: nine}, "comfortable",
		Hybrid, []string{"ideate", "group-too-large", "overlap-comfortable"}, "written ideas at least 8 hours ahead, then a 30-minute call with at most 7 people"},
	{"ideate, no overlap", Topic{Purpose: Ideate}, "none",
		Hybrid, []string{"ideate", "overlap-scarce", "wide-spread"}, "written pre-read at least 31 hours ahead, then a 30-minute call (recorded)"},
	{"ambiguous input request", Topic{Purpose: GatherInput, Ambiguity: High}, "limited",
		Sync, []string{"ambiguity", "gather-input", "overlap-short", "wide-spread"}, "30-minute call (recorded), then written summary"},

	// A long thread: a short call and a written summary.
	{"long thread", Topic{Purpose: Inform, Exchanges: 5}, "comfortable",
		Sync, []string{"long-thread", "inform", "overlap-comfortable"}, "30-minute call to settle the thread, then written summary"},
	{"long thread, deadline before any window", Topic{Purpose: Inform, Exchanges: 4, NeedBy: in(2)}, "late",
		Hybrid, []string{"long-thread", "inform", "no-window", "overlap-short", "wide-spread"}, "written pre-read at least 20 hours ahead, then a 30-minute call (recorded)"},

	// Incidents: sync now when a round trip is too slow.
	{"urgent incident", Topic{Purpose: Incident, NeedBy: in(1)}, "limited",
		Sync, []string{"incident-urgent", "overlap-short", "wide-spread"}, "call now (recorded), then written incident summary"},
	{"urgent incident, no overlap", Topic{Purpose: Incident, NeedBy: in(1)}, "none",
		Sync, []string{"incident-urgent", "overlap-scarce", "wide-spread"}, "call now (recorded), then written incident summary"},
	{"incident that can wait", Topic{Purpose: Incident, NeedBy: in(72)}, "limited",
		Async, []string{"async-default", "incident-can-wait"}, "written incident channel with regular updates; no call"},
}

func TestScenarios(t *testing.T) {
	p := Default()
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			topic := s.topic
			if topic.Participants == nil {
				topic.Participants = three
			}
			f := overlaps[s.overlap](topic.Participants)
			d := decide(t, p, topic, f)
			var codes []string
			for _, r := range d.Reasons {
				codes = append(codes, r.Code)
			}
			got := struct {
				Mode   string
				Codes  []string
				Format string
			}{d.Mode.String(), codes, d.Format}
			want := struct {
				Mode   string
				Codes  []string
				Format string
			}{s.mode.String(), s.codes, s.format}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Decide (-want +got):\n%s\nreasons: %v\nwarnings: %q", diff, d.Reasons, d.Warnings)
			}
		})
	}
}

// allCodes are the codes of every rule Decide applies.
var allCodes = []string{
	CodeAsyncDefault, CodeInform, CodeGatherInput, CodeGatherInputDeadline, CodeDecideReversible,
	CodeDecideIrreversible, CodeSensitive, CodeConflict, CodeConnect, CodeFirstCollaboration,
	CodeIdeate, CodeAmbiguity, CodeGroupTooLarge, CodeLongThread, CodeIncidentUrgent,
	CodeIncidentCanWait, CodeOverlapComfortable, CodeOverlapScarce, CodeNoWindow, CodeNoWindowKept,
	CodeSensitiveMedium, CodeAmbiguityMedium, CodeTooManyDeciders, CodeOverlapShort, CodeWideSpread, CodeRecurring,
}

func TestScenariosCoverEveryRule(t *testing.T) {
	if len(scenarios) < 20 {
		t.Errorf("%d scenarios, want at least 20", len(scenarios))
	}
	for _, code := range allCodes {
		if !slices.ContainsFunc(scenarios, func(s scenario) bool { return slices.Contains(s.codes, code) }) {
			t.Errorf("no scenario has a reason %q", code)
		}
	}
	for _, m := range []Mode{Async, Sync, Hybrid} {
		if !slices.ContainsFunc(scenarios, func(s scenario) bool { return s.mode == m }) {
			t.Errorf("no scenario decides %s", m)
		}
	}
}
