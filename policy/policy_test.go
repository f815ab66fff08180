package policy

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/overlap"
	"pgregory.net/rapid"
)

var names = []string{"ana", "ben", "chen", "dev", "eli", "fay", "gus", "hal", "ivo", "jo"}

// genFacts draws facts about 1 to 10 people, built directly: the overlap
// figures, windows and round trip are drawn, not computed.
func genFacts(t *rapid.T) Facts {
	n := rapid.IntRange(1, len(names)).Draw(t, "people")
	ids := slices.Clone(names[:n])
	f := Facts{
		Now:          now.Add(time.Duration(rapid.IntRange(0, 7*24*60).Draw(t, "nowMin")) * time.Minute),
		Participants: ids,
		CommonPerDay: time.Duration(rapid.IntRange(0, 8*60).Draw(t, "perDayMin")) * time.Minute,
		RoundTrip:    time.Duration(rapid.IntRange(0, 96*60).Draw(t, "roundTripMin")) * time.Minute,
		Zones:        rapid.IntRange(1, n).Draw(t, "zones"),
		OffsetSpread: time.Duration(rapid.IntRange(0, 26).Draw(t, "spreadH")) * time.Hour,
	}
	f.Horizon = calendar.Interval{Start: f.Now, End: f.Now.Add(14 * 24 * time.Hour)}
	at := f.Now
	for range rapid.IntRange(0, 5).Draw(t, "windows") {
		at = at.Add(time.Duration(rapid.IntRange(0, 48*60).Draw(t, "gapMin")) * time.Minute)
		long := time.Duration(rapid.IntRange(30, 6*60).Draw(t, "lenMin")) * time.Minute
		f.Windows = append(f.Windows, calendar.Interval{Start: at, End: at.Add(long)})
		f.Common += long
		at = at.Add(long + time.Minute)
	}
	if len(f.Windows) == 0 {
		f.MustShift = subset(t, ids, "mustShift")
	}
	f.OffHoursNow = subset(t, ids, "offHoursNow")
	return f
}

func subset(t *rapid.T, ids []string, label string) []string {
	var out []string
	for _, id := range ids {
		if rapid.Bool().Draw(t, label+"-"+id) {
			out = append(out, id)
		}
	}
	return out
}

// genTopic draws a valid topic for the participants of f.
func genTopic(t *rapid.T, f Facts) Topic {
	tp := Topic{
		Purpose:            Purpose(rapid.IntRange(int(Inform), int(Incident)).Draw(t, "purpose")),
		Ambiguity:          Level(rapid.IntRange(0, 2).Draw(t, "ambiguity")),
		Sensitivity:        Level(rapid.IntRange(0, 2).Draw(t, "sensitivity")),
		Reversible:         rapid.Bool().Draw(t, "reversible"),
		Participants:       rapid.Permutation(f.Participants).Draw(t, "participants"),
		WrittenProposal:    rapid.Bool().Draw(t, "written"),
		Exchanges:          rapid.IntRange(0, 8).Draw(t, "exchanges"),
		FirstCollaboration: rapid.Bool().Draw(t, "first"),
	}
	tp.DecisionMakers = subset(t, f.Participants, "decides")
	if rapid.Bool().Draw(t, "deadline") {
		tp.NeedBy = f.Now.Add(time.Duration(rapid.IntRange(0, 120*60).Draw(t, "needByMin")) * time.Minute)
	}
	return tp
}

func TestDecideIsDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		a, b := p.Decide(tp, f), p.Decide(tp, f)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Fatalf("two decisions differ (-first +second):\n%s", diff)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Fatalf("two decisions marshal differently:\n%s\n%s", ja, jb)
		}
	})
}

func TestEveryDecisionHasAReason(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		if err := p.Check(tp, f); err != nil {
			t.Fatalf("Check: %v", err)
		}
		d := p.Decide(tp, f)
		if len(d.Reasons) == 0 {
			t.Fatalf("decision %s has no reason", d.Mode)
		}
		for _, r := range d.Reasons {
			if !slices.Contains(allCodes, r.Code) || r.Text == "" || r.Source == "" {
				t.Fatalf("reason %+v lacks a known code, a text or a source", r)
			}
		}
		if d.Format == "" {
			t.Fatalf("decision %s has no format", d.Mode)
		}
		if d.Mode == Async && d.Slot != nil {
			t.Fatalf("async decision has a slot %v", d.Slot)
		}
	})
}

func TestRaisingSensitivityNeverMovesAwayFromSync(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		if p.Decide(tp, f).Mode != Sync {
			return
		}
		for s := tp.Sensitivity + 1; s <= High; s++ {
			up := tp
			up.Sensitivity = s
			if d := p.Decide(up, f); d.Mode != Sync {
				t.Fatalf("sync at sensitivity %s, %s at %s (%v)", tp.Sensitivity, d.Mode, s, d.Reasons)
			}
		}
	})
}

func TestLessOverlapNeverTurnsAsyncIntoSync(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		if p.Decide(tp, f).Mode != Async {
			return
		}
		less := f
		less.CommonPerDay = time.Duration(rapid.Int64Range(0, int64(f.CommonPerDay)).Draw(t, "lessPerDay"))
		less.Windows = nil
		less.Common = 0
		for i, w := range f.Windows {
			if rapid.Bool().Draw(t, "drop") {
				continue
			}
			// Keep the window, perhaps shorter (at least MinSlot) or later.
			later := time.Duration(rapid.IntRange(0, 60).Draw(t, "laterMin")) * time.Minute
			w.Start = w.Start.Add(later)
			if i+1 < len(f.Windows) && w.Start.Add(p.MinSlot).After(f.Windows[i+1].Start) || w.Duration() < p.MinSlot {
				continue
			}
			less.Windows = append(less.Windows, w)
			less.Common += w.Duration()
		}
		if len(less.Windows) == 0 && len(less.MustShift) == 0 {
			less.MustShift = f.Participants[:1]
		}
		if d := p.Decide(tp, less); d.Mode == Sync {
			t.Fatalf("async with more overlap, sync with less: %v", d.Reasons)
		}
	})
}

func TestLaterDeadlineNeverTurnsAsyncIntoSync(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		if tp.NeedBy.IsZero() {
			tp.NeedBy = f.Now
		}
		if p.Decide(tp, f).Mode != Async {
			return
		}
		later := tp
		if rapid.Bool().Draw(t, "none") {
			later.NeedBy = time.Time{} // no deadline at all: the latest
		} else {
			later.NeedBy = tp.NeedBy.Add(time.Duration(rapid.IntRange(0, 200*60).Draw(t, "laterMin")) * time.Minute)
		}
		if d := p.Decide(later, f); d.Mode == Sync {
			t.Fatalf("async by %s, sync by %s: %v", tp.NeedBy, later.NeedBy, d.Reasons)
		}
	})
}

func TestInvalidTopicsAreErrors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Default()
		f := genFacts(t)
		tp := genTopic(t, f)
		var want error
		switch rapid.IntRange(0, 4).Draw(t, "fault") {
		case 0:
			tp.Purpose = Purpose(rapid.SampledFrom([]int{0, -1, 8, 99}).Draw(t, "purpose"))
			want = ErrUnknownPurpose
		case 1:
			tp.Participants = append(tp.Participants, "zed")
			want = ErrUnknownParticipant
		case 2:
			tp.NeedBy = f.Now.Add(-time.Duration(rapid.IntRange(1, 1e6).Draw(t, "earlierSec")) * time.Second)
			want = ErrDeadlinePassed
		case 3:
			tp.DecisionMakers = []string{"zed"}
			want = ErrUnknownParticipant
		case 4:
			tp.Sensitivity = Level(rapid.SampledFrom([]int{-1, 3}).Draw(t, "level"))
			want = ErrInvalid
		}
		err := p.Check(tp, f)
		if !errors.Is(err, want) {
			t.Fatalf("Check: %v, want an error wrapping %v", err, want)
		}
		d := p.Decide(tp, f)
		if len(d.Reasons) != 1 || d.Reasons[0].Code != CodeInvalid || d.Slot != nil {
			t.Fatalf("Decide on invalid input: %+v, want one reason %q", d.Reasons, CodeInvalid)
		}
	})
}

func TestTopicValidate(t *testing.T) {
	ok := Topic{Purpose: Inform, Participants: []string{"a", "b"}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("Validate(%+v): %v", ok, err)
	}
	for _, c := range []struct {
		name string
		edit func(*Topic)
		want error
	}{
		{"no purpose", func(t *Topic) { t.Purpose = 0 }, ErrUnknownPurpose},
		{"unknown purpose", func(t *Topic) { t.Purpose = 42 }, ErrUnknownPurpose},
		{"no participants", func(t *Topic) { t.Participants = nil }, ErrInvalid},
		{"empty ID", func(t *Topic) { t.Participants = []string{"a", ""} }, ErrInvalid},
		{"repeated ID", func(t *Topic) { t.Participants = []string{"a", "a"} }, ErrInvalid},
		{"outside decision-maker", func(t *Topic) { t.DecisionMakers = []string{"c"} }, ErrUnknownParticipant},
		{"negative exchanges", func(t *Topic) { t.Exchanges = -1 }, ErrInvalid},
		{"unknown ambiguity", func(t *Topic) { t.Ambiguity = 5 }, ErrInvalid},
	} {
		tp := ok
		c.edit(&tp)
		if err := tp.Validate(); !errors.Is(err, c.want) {
			t.Errorf("%s: Validate: %v, want an error wrapping %v", c.name, err, c.want)
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate(): %v", err)
	}
	if diff := cmp.Diff(Default(), Policy{}.withDefaults()); diff != "" {
		t.Errorf("zero policy with defaults (-want +got):\n%s", diff)
	}
	for _, p := range []Policy{
		{ReplyDelay: -time.Hour}, {MinSlot: -time.Minute}, {MinSlot: 30 * time.Second},
		{ComfortOverlap: 10 * time.Minute}, {MaxSyncGroup: 1}, {MaxExchanges: -1}, {ExpectedExchanges: -2},
	} {
		if err := p.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v.Validate(): %v, want an error wrapping ErrInvalid", p, err)
		}
	}
}

func TestTextRoundTrips(t *testing.T) {
	for m := Async; m <= Hybrid; m++ {
		b, _ := m.MarshalText()
		var got Mode
		if err := got.UnmarshalText(b); err != nil || got != m {
			t.Errorf("Mode %s: round trip gave %s, %v", m, got, err)
		}
	}
	for pu := Inform; pu <= Incident; pu++ {
		b, _ := pu.MarshalText()
		var got Purpose
		if err := got.UnmarshalText(b); err != nil || got != pu {
			t.Errorf("Purpose %s: round trip gave %s, %v", pu, got, err)
		}
	}
	for l := Low; l <= High; l++ {
		b, _ := l.MarshalText()
		var got Level
		if err := got.UnmarshalText(b); err != nil || got != l {
			t.Errorf("Level %s: round trip gave %s, %v", l, got, err)
		}
	}
	var pu Purpose
	if err := pu.UnmarshalText([]byte("brainstorm")); !errors.Is(err, ErrUnknownPurpose) {
		t.Errorf("Purpose.UnmarshalText(brainstorm): %v, want ErrUnknownPurpose", err)
	}
	var m Mode
	if err := m.UnmarshalText([]byte("meeting")); err == nil {
		t.Errorf("Mode.UnmarshalText(meeting): no error")
	}
	if _, err := Mode(7).MarshalText(); err == nil {
		t.Errorf("Mode(7).MarshalText: no error")
	}
}

func TestJSONRoundTrips(t *testing.T) {
	opts := []cmp.Option{cmpopts.EquateEmpty()}
	rapid.Check(t, func(t *rapid.T) {
		p := Policy{
			ReplyDelay:        time.Duration(rapid.IntRange(0, 600).Draw(t, "reply")) * time.Minute,
			MinSlot:           time.Duration(rapid.IntRange(0, 120).Draw(t, "slot")) * time.Minute,
			ComfortOverlap:    time.Duration(rapid.IntRange(0, 600).Draw(t, "comfort")) * time.Minute,
			MaxSyncGroup:      rapid.IntRange(0, 20).Draw(t, "group"),
			MaxExchanges:      rapid.IntRange(0, 9).Draw(t, "exchanges"),
			ExpectedExchanges: rapid.IntRange(0, 9).Draw(t, "expected"),
		}
		f := genFacts(t)
		tp := genTopic(t, f)
		tp.Title = rapid.String().Draw(t, "title")
		d := Default().Decide(tp, f)
		for _, v := range []struct{ in, out any }{{p, new(Policy)}, {f, new(Facts)}, {tp, new(Topic)}, {d, new(Decision)}} {
			b, err := json.Marshal(v.in)
			if err != nil {
				t.Fatalf("Marshal(%T): %v", v.in, err)
			}
			if err := json.Unmarshal(b, v.out); err != nil {
				t.Fatalf("Unmarshal(%s): %v", b, err)
			}
			got := any(nil)
			switch o := v.out.(type) {
			case *Policy:
				got = *o
			case *Facts:
				got = *o
			case *Topic:
				got = *o
			case *Decision:
				got = *o
			}
			if diff := cmp.Diff(v.in, got, opts...); diff != "" {
				t.Fatalf("%T JSON round trip (-want +got):\n%s\n%s", v.in, diff, b)
			}
		}
	})
}

func TestJSONFieldNames(t *testing.T) {
	tp := Topic{Purpose: Decide, NeedBy: time.Date(2026, 3, 12, 18, 0, 0, 0, time.FixedZone("CET", 3600)),
		Participants: []string{"ana", "ben", "chen"}, DecisionMakers: []string{"ana"}, WrittenProposal: true}
	f := overlaps["comfortable"](tp.Participants)
	d := Default().Decide(tp, f)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"mode":"hybrid"`, `"format":"written memo at least 8 hours ahead, then a 30-minute call"`,
		`"code":"decide-irreversible"`, `"roundTrip":"8h"`, `"commonPerDay":"5h"`, `"offsetSpread":"5h"`,
		`"now":"2026-03-10T14:00:00Z"`, `"nextWindow":{"start":"2026-03-10T15:00:00Z","end":"2026-03-10T20:00:00Z"}`,
		`"slot":{"start":"2026-03-11T15:00:00Z","end":"2026-03-11T15:30:00Z"}`, `"mustShift":null`, `"roundTripPair":["",""]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("decision JSON lacks %s:\n%s", want, s)
		}
	}
	b, _ = json.Marshal(tp)
	if want := `{"purpose":"decide","needBy":"2026-03-12T17:00:00Z","ambiguity":"low","sensitivity":"low","reversible":false,"participants":["ana","ben","chen"],"decisionMakers":["ana"],"writtenProposal":true,"exchanges":0,"firstCollaboration":false}`; string(b) != want {
		t.Errorf("topic JSON:\n got %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(Default())
	if want := `{"replyDelay":"4h","minSlot":"30m","comfortOverlap":"4h","maxSyncGroup":7,"maxExchanges":3,"expectedExchanges":2}`; string(b) != want {
		t.Errorf("policy JSON:\n got %s\nwant %s", b, want)
	}
	var bad Topic
	if err := json.Unmarshal([]byte(`{"purpose":"decide","participnts":["a"]}`), &bad); err == nil {
		t.Errorf("a misspelt field unmarshals without error")
	}
	if err := json.Unmarshal([]byte(`{"purpose":"chat","participants":["a"]}`), &bad); !errors.Is(err, ErrUnknownPurpose) {
		t.Errorf("unknown purpose: %v, want ErrUnknownPurpose", err)
	}
}

// teamReport is the example team: Berlin, New York and Kolkata, Mon-Fri
// 09:00-17:00, over the week of 2026-03-09.
func teamReport(t testing.TB) *overlap.Report {
	t.Helper()
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	people := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	week := calendar.Interval{Start: calendar.Wall(monday, calendar.Midnight, time.UTC), End: calendar.Wall(monday.AddDays(7), calendar.Midnight, time.UTC)}
	r, err := overlap.Compute(people, week, overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFactsFromTeam(t *testing.T) {
	r := teamReport(t)
	p := Default()
	at := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC) // Tue: Berlin 15:00, New York 10:00, Kolkata 19:30
	all, err := FactsFrom(r, []string{"sam", "priya", "ben"}, at, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ben", "priya", "sam"}, all.Participants); diff != "" {
		t.Errorf("Participants (-want +got):\n%s", diff)
	}
	if all.Common != 0 || all.CommonPerDay != 0 || len(all.Windows) != 0 {
		t.Errorf("all three: common %s, per day %s, windows %v; want none", all.Common, all.CommonPerDay, all.Windows)
	}
	// From Tuesday afternoon on, ben and sam still share 11h, ben and
	// priya 10h30m: priya is the one to shift.
	if diff := cmp.Diff([]string{"priya"}, all.MustShift); diff != "" {
		t.Errorf("MustShift (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"priya"}, all.OffHoursNow); diff != "" {
		t.Errorf("OffHoursNow (-want +got):\n%s", diff)
	}
	if all.Zones != 3 || all.OffsetSpread != 9*time.Hour+30*time.Minute {
		t.Errorf("zones %d, spread %s; want 3, 9h30m", all.Zones, all.OffsetSpread)
	}
	trip, pair, err := r.GroupRoundTrip(p.ReplyDelay, at)
	if err != nil || trip != all.RoundTrip || pair != all.RoundTripPair {
		t.Errorf("round trip %s %v, GroupRoundTrip says %s %v (%v)", all.RoundTrip, all.RoundTripPair, trip, pair, err)
	}

	two, err := FactsFrom(r, []string{"ben", "sam"}, at, p)
	if err != nil {
		t.Fatal(err)
	}
	// Berlin (CET) and New York (EDT) share 13:00-16:00 UTC each weekday.
	next, ok := two.NextWindow()
	want := calendar.Interval{Start: at, End: time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)}
	if !ok || !next.Start.Equal(want.Start) || !next.End.Equal(want.End) {
		t.Errorf("NextWindow = %v, %v; want %v", next, ok, want)
	}
	if two.CommonPerDay != 3*time.Hour || two.Common != 2*time.Hour+3*3*time.Hour || len(two.MustShift) != 0 {
		t.Errorf("ben+sam: per day %s, common %s, must shift %v", two.CommonPerDay, two.Common, two.MustShift)
	}

	// Through to a decision: an irreversible decision is hybrid with a
	// slot a round trip away; an urgent incident names who is off-hours.
	d := p.Decide(Topic{Purpose: Decide, Participants: []string{"ben", "sam"}, WrittenProposal: true}, two)
	if d.Mode != Hybrid || d.Slot == nil || d.Slot.Start.Before(at.Add(two.RoundTrip)) {
		t.Errorf("irreversible decision: %s, slot %v, round trip %s", d.Mode, d.Slot, two.RoundTrip)
	}
	d = p.Decide(Topic{Purpose: Incident, NeedBy: at.Add(time.Hour), Participants: []string{"ben", "sam", "priya"}}, all)
	if d.Mode != Sync || len(d.Warnings) == 0 || !strings.Contains(d.Warnings[0], "priya") {
		t.Errorf("urgent incident: %s, warnings %q", d.Mode, d.Warnings)
	}
}

func TestFactsFromRejects(t *testing.T) {
	r := teamReport(t)
	at := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		r    *overlap.Report
		ids  []string
		now  time.Time
		p    Policy
		want error
	}{
		{"nil report", nil, []string{"ben"}, at, Default(), ErrInvalid},
		{"no participants", r, nil, at, Default(), ErrInvalid},
		{"unknown participant", r, []string{"ben", "zed"}, at, Default(), ErrUnknownParticipant},
		{"repeated participant", r, []string{"ben", "ben"}, at, Default(), ErrInvalid},
		{"now before the window", r, []string{"ben"}, at.AddDate(0, 0, -7), Default(), ErrInvalid},
		{"now after the window", r, []string{"ben"}, at.AddDate(0, 0, 7), Default(), ErrInvalid},
		{"invalid policy", r, []string{"ben"}, at, Policy{MinSlot: -1}, ErrInvalid},
	} {
		if _, err := FactsFrom(c.r, c.ids, c.now, c.p); !errors.Is(err, c.want) {
			t.Errorf("%s: FactsFrom: %v, want an error wrapping %v", c.name, err, c.want)
		}
	}
}

// Through a real overlap report: for any subset of the team, instant in
// the week and topic, the facts check and the decision has reasons; a
// topic naming someone else is an error.
func TestFactsFromThenDecide(t *testing.T) {
	r := teamReport(t)
	team := r.IDs()
	win := r.Window()
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom(team), 1, 3, rapid.ID[string]).Draw(t, "ids")
		at := win.Start.Add(time.Duration(rapid.IntRange(0, int(win.Duration()/time.Minute)-1).Draw(t, "atMin")) * time.Minute)
		p := Default()
		f, err := FactsFrom(r, ids, at, p)
		if err != nil {
			t.Fatalf("FactsFrom: %v", err)
		}
		tp := genTopic(t, f)
		if err := p.Check(tp, f); err != nil {
			t.Fatalf("Check: %v", err)
		}
		d := p.Decide(tp, f)
		if len(d.Reasons) == 0 || d.Reasons[0].Code == CodeInvalid {
			t.Fatalf("decision: %+v", d.Reasons)
		}
		for _, w := range f.Windows {
			if w.Duration() < p.MinSlot || !f.Horizon.Contains(w.Start) {
				t.Fatalf("window %v is short or outside the horizon %v", w, f.Horizon)
			}
		}
		if len(ids) < len(team) {
			other := tp
			other.Participants = append(slices.Clone(tp.Participants), "zed")
			if err := p.Check(other, f); !errors.Is(err, ErrUnknownParticipant) {
				t.Fatalf("Check with an unknown participant: %v", err)
			}
		}
	})
}
