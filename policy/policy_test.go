package policy

import (
	"context"
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
// genCase draws a valid policy, facts and a topic about them, in that
// order.
func genCase(t *rapid.T) (Policy, Topic, Facts) {
	p := genPolicy(t)
	f := genFacts(t)
	return p, genTopic(t, f), f
}

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
		Recurring:          rapid.Bool().Draw(t, "recurring"),
	}
	tp.DecisionMakers = subset(t, f.Participants, "decides")
	if rapid.Bool().Draw(t, "deadline") {
		tp.NeedBy = f.Now.Add(time.Duration(rapid.IntRange(0, 120*60).Draw(t, "needByMin")) * time.Minute)
	}
	return tp
}

// genPolicy draws a valid policy: half the time the default one, else one
// with every threshold set, each in a range that keeps it valid
// (whole-minute slots, ComfortOverlap at least MinSlot, groups of 2 or
// more).
func genPolicy(t *rapid.T) Policy {
	if rapid.Bool().Draw(t, "defaultPolicy") {
		return Default()
	}
	slot := time.Duration(rapid.SampledFrom([]int{15, 30, 45, 60}).Draw(t, "minSlotMin")) * time.Minute
	return Policy{
		ReplyDelay:        time.Duration(rapid.IntRange(30, 8*60).Draw(t, "replyMin")) * time.Minute,
		MinSlot:           slot,
		ComfortOverlap:    slot + time.Duration(rapid.IntRange(0, 6*60).Draw(t, "comfortExtraMin"))*time.Minute,
		MaxSyncGroup:      rapid.IntRange(2, 10).Draw(t, "maxSyncGroup"),
		MaxExchanges:      rapid.IntRange(1, 6).Draw(t, "maxExchanges"),
		ExpectedExchanges: rapid.IntRange(1, 4).Draw(t, "expectedExchanges"),
		FocusBlock:        time.Duration(rapid.IntRange(30, 4*60).Draw(t, "focusBlockMin")) * time.Minute,
		AfterHoursLimit:   time.Duration(rapid.IntRange(0, 10*60).Draw(t, "afterHoursLimitMin")) * time.Minute,
		FocusCostLimit:    time.Duration(rapid.IntRange(0, 10*60).Draw(t, "focusCostLimitMin")) * time.Minute,
	}
}

// decide is p.Decide on input the test built to be valid: an error is a
// failure.
func decide(t interface{ Fatalf(string, ...any) }, p Policy, tp Topic, f Facts) Decision {
	d, err := p.Decide(tp, f)
	if err != nil {
		t.Fatalf("Decide on valid input: %v\ntopic %+v\nfacts %+v", err, tp, f)
	}
	return d
}

func TestDecideIsDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, tp, f := genCase(t)
		a, b := decide(t, p, tp, f), decide(t, p, tp, f)
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
		p, tp, f := genCase(t)
		d := decide(t, p, tp, f)
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
		if diff := cmp.Diff(f, d.Facts); diff != "" {
			t.Fatalf("the decision's facts are not the facts given (-want +got):\n%s", diff)
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
		{"unknown sensitivity", func(t *Topic) { t.Sensitivity = -1 }, ErrInvalid},
	} {
		tp := ok
		c.edit(&tp)
		err := tp.Validate()
		if !errors.Is(err, c.want) {
			t.Errorf("%s: Validate: %v, want an error wrapping %v", c.name, err, c.want)
		} else if !strings.HasPrefix(err.Error(), "policy.Topic.Validate: ") {
			t.Errorf("%s: Validate: %q does not start with %q", c.name, err, "policy.Topic.Validate: ")
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate(): %v", err)
	}
	if err := (Policy{}).Validate(); err != nil {
		t.Fatalf("Policy{}.Validate(): %v", err)
	}
	want := Policy{ReplyDelay: 4 * time.Hour, MinSlot: 30 * time.Minute, ComfortOverlap: 4 * time.Hour,
		MaxSyncGroup: 7, MaxExchanges: 3, ExpectedExchanges: 2, FocusBlock: 2 * time.Hour, AfterHoursLimit: time.Hour, FocusCostLimit: 4 * time.Hour}
	if diff := cmp.Diff(want, Default()); diff != "" {
		t.Errorf("Default() (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, Policy{}.withDefaults()); diff != "" {
		t.Errorf("zero policy with defaults (-want +got):\n%s", diff)
	}
	for _, p := range invalidPolicies {
		err := p.Validate()
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v.Validate(): %v, want an error wrapping ErrInvalid", p, err)
		} else if !strings.HasPrefix(err.Error(), "policy.Policy.Validate: ") {
			t.Errorf("%+v.Validate(): %q does not start with %q", p, err, "policy.Policy.Validate: ")
		}
	}
}

// invalidPolicies are policies that Validate rejects, one fault each.
var invalidPolicies = []Policy{
	{ReplyDelay: -time.Hour}, {MinSlot: -time.Minute}, {MinSlot: 30 * time.Second},
	{ComfortOverlap: -time.Hour}, {ComfortOverlap: 4*time.Hour + time.Second},
	{ComfortOverlap: 10 * time.Minute}, {MinSlot: 5 * time.Hour},
	{MaxSyncGroup: 1}, {MaxSyncGroup: -3}, {MaxExchanges: -1}, {ExpectedExchanges: -2},
	{FocusBlock: -time.Hour}, {FocusBlock: time.Hour + time.Second}, {AfterHoursLimit: -time.Minute}, {FocusCostLimit: -time.Hour},
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
	if err := m.UnmarshalText([]byte("meeting")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Mode.UnmarshalText(meeting): %v, want ErrInvalid", err)
	}
	var l Level
	if err := l.UnmarshalText([]byte("extreme")); !errors.Is(err, ErrInvalid) {
		t.Errorf("Level.UnmarshalText(extreme): %v, want ErrInvalid", err)
	}
	if _, err := Mode(7).MarshalText(); !errors.Is(err, ErrInvalid) {
		t.Errorf("Mode(7).MarshalText: %v, want ErrInvalid", err)
	}
	if _, err := Purpose(8).MarshalText(); !errors.Is(err, ErrUnknownPurpose) {
		t.Errorf("Purpose(8).MarshalText: %v, want ErrUnknownPurpose", err)
	}
	if _, err := Level(3).MarshalText(); !errors.Is(err, ErrInvalid) {
		t.Errorf("Level(3).MarshalText: %v, want ErrInvalid", err)
	}
}

// teamReport is the example team: Berlin, New York and Kolkata, Mon-Fri
// 09:00-17:00, over the week of 2026-03-09.
func teamReport(t testing.TB) *overlap.Report {
	t.Helper()
	return teamReportWeeks(t, 1)
}

// teamReportWeeks is teamReport's team over n weeks.
func teamReportWeeks(t testing.TB, n int) *overlap.Report {
	t.Helper()
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{
		{ID: "ben", Zone: zone(t, "Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone(t, "America/New_York"), Hours: hours},
		{ID: "priya", Zone: zone(t, "Asia/Kolkata"), Hours: hours},
	}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-09"), n), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// week returns the n weeks from midnight UTC at the start of monday.
func week(monday calendar.Date, n int) calendar.Interval {
	return calendar.Interval{
		Start: calendar.Wall(monday, calendar.Midnight, time.UTC),
		End:   calendar.Wall(monday.AddDays(7*n), calendar.Midnight, time.UTC),
	}
}

// utc returns the instant on a day of March 2026 at hh:mm UTC.
func utc(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, time.UTC) }

func TestFactsFromTeam(t *testing.T) {
	r := teamReport(t)
	p := Default()
	at := utc(10, 14, 0) // Tue: Berlin 15:00, New York 10:00, Kolkata 19:30
	all, err := FactsFrom(context.Background(), r, []string{"sam", "priya", "ben"}, at, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ben", "priya", "sam"}, all.Participants); diff != "" {
		t.Errorf("Participants (-want +got):\n%s", diff)
	}
	if !all.Now.Equal(at) || !all.Horizon.Start.Equal(at) || !all.Horizon.End.Equal(utc(16, 0, 0)) {
		t.Errorf("now %s, horizon %s; want %s, to Mon 2026-03-16 00:00 UTC", all.Now, all.Horizon, at)
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
	// The round trip, by hand. In the week of 2026-03-09 New York keeps
	// EDT (from 2026-03-08) and Berlin CET (to 2026-03-29), so the
	// working hours in UTC are ben (CET, +1) 08:00-16:00, sam (EDT, -4)
	// 13:00-21:00, priya (IST, +5:30) 03:30-11:30, Mon-Fri. Each reply
	// takes 4h of the recipient's free time; from Tue 14:00 UTC:
	//   first replies: ben 14:00-16:00 Tue + 08:00-10:00 Wed = Wed 10:00;
	//                  sam 14:00-18:00 Tue = Tue 18:00;
	//                  priya 03:30-07:30 Wed = Wed 07:30.
	//   ben -> sam -> ben:     Tue 18:00, then ben Wed 08:00-12:00: 22h
	//   ben -> priya -> ben:   Wed 07:30, then ben Wed 08:00-12:00: 22h
	//   sam -> ben -> sam:     Wed 10:00, then sam Wed 13:00-17:00: 27h
	//   sam -> priya -> sam:   Wed 07:30, then sam Wed 13:00-17:00: 27h
	//   priya -> sam -> priya: Tue 18:00, then priya Wed 03:30-07:30: 17h30m
	//   priya -> ben -> priya: Wed 10:00, then priya 10:00-11:30 Wed
	//                          (1h30m) + 03:30-06:00 Thu (2h30m): Thu 06:00, 40h
	// The worst is priya's round trip through ben: 40h.
	if all.RoundTrip != 40*time.Hour || all.RoundTripPair != [2]string{"priya", "ben"} {
		t.Errorf("round trip %s %v; want 40h [priya ben]", all.RoundTrip, all.RoundTripPair)
	}

	two, err := FactsFrom(context.Background(), r, []string{"ben", "sam"}, at, p)
	if err != nil {
		t.Fatal(err)
	}
	// Berlin (CET) and New York (EDT) share 13:00-16:00 UTC each weekday.
	next, ok := two.NextWindow()
	want := calendar.Interval{Start: at, End: utc(10, 16, 0)}
	if !ok || !next.Start.Equal(want.Start) || !next.End.Equal(want.End) {
		t.Errorf("NextWindow = %v, %v; want %v", next, ok, want)
	}
	if len(two.Windows) != 4 || !two.Windows[3].Start.Equal(utc(13, 13, 0)) || !two.Windows[3].End.Equal(utc(13, 16, 0)) {
		t.Errorf("windows %v; want Tue 14:00-16:00, then Wed to Fri 13:00-16:00 UTC", two.Windows)
	}
	if two.CommonPerDay != 3*time.Hour || two.Common != 2*time.Hour+3*3*time.Hour || len(two.MustShift) != 0 {
		t.Errorf("ben+sam: per day %s, common %s, must shift %v", two.CommonPerDay, two.Common, two.MustShift)
	}
	// ben -> sam -> ben is 22h and sam -> ben -> sam 27h, as above.
	if two.RoundTrip != 27*time.Hour || two.RoundTripPair != [2]string{"sam", "ben"} {
		t.Errorf("ben+sam: round trip %s %v; want 27h [sam ben]", two.RoundTrip, two.RoundTripPair)
	}
	if len(two.OffHoursNow) != 0 || two.Zones != 2 || two.OffsetSpread != 5*time.Hour {
		t.Errorf("ben+sam: off-hours %v, zones %d, spread %s; want none, 2, 5h", two.OffHoursNow, two.Zones, two.OffsetSpread)
	}

	// Through to a decision: an irreversible decision is hybrid with a
	// slot a round trip away (Tue 14:00 + 27h = Wed 17:00, past the
	// Wednesday window, so Thu 13:00); an urgent incident names who is
	// off-hours.
	d := decide(t, p, Topic{Purpose: Decide, Participants: []string{"ben", "sam"}, WrittenProposal: true}, two)
	wantSlot := calendar.Interval{Start: utc(12, 13, 0), End: utc(12, 13, 30)}
	if d.Mode != Hybrid || d.Slot == nil || !d.Slot.Start.Equal(wantSlot.Start) || !d.Slot.End.Equal(wantSlot.End) {
		t.Errorf("irreversible decision: %s, slot %v; want hybrid, %v", d.Mode, d.Slot, wantSlot)
	}
	d = decide(t, p, Topic{Purpose: Incident, NeedBy: at.Add(time.Hour), Participants: []string{"ben", "sam", "priya"}}, all)
	if d.Mode != Sync || len(d.Warnings) == 0 || !strings.Contains(d.Warnings[0], "priya") {
		t.Errorf("urgent incident: %s, warnings %q", d.Mode, d.Warnings)
	}
}

func TestFactsFromRejects(t *testing.T) {
	r := teamReport(t)
	at := utc(10, 14, 0)
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
		{"now at the window's end", r, []string{"ben"}, r.Window().End, Default(), ErrInvalid},
		{"invalid policy", r, []string{"ben"}, at, Policy{MinSlot: -1}, ErrInvalid},
	} {
		f, err := FactsFrom(context.Background(), c.r, c.ids, c.now, c.p)
		switch {
		case !errors.Is(err, c.want):
			t.Errorf("%s: FactsFrom: %v, want an error wrapping %v", c.name, err, c.want)
		case !strings.HasPrefix(err.Error(), "policy.FactsFrom: "):
			t.Errorf("%s: FactsFrom: %q does not start with %q", c.name, err, "policy.FactsFrom: ")
		case !cmp.Equal(Facts{}, f):
			t.Errorf("%s: FactsFrom returned facts %+v with its error", c.name, f)
		}
	}
}

// A pair whose round trip never completes is an error: a person with no
// working hours never replies.
func TestFactsFromNoReply(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{
		{ID: "ben", Zone: zone(t, "Europe/Berlin"), Hours: hours},
		{ID: "nox", Zone: zone(t, "Europe/Berlin"), NoHours: true},
	}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-09"), 1), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = FactsFrom(context.Background(), r, []string{"ben", "nox"}, utc(10, 14, 0), Default())
	if !errors.Is(err, overlap.ErrNoReply) || !strings.HasPrefix(err.Error(), "policy.FactsFrom: ") {
		t.Errorf("FactsFrom with a person who never replies: %v, want a policy.FactsFrom error wrapping overlap.ErrNoReply", err)
	}
}

// A group of one has no round trip (Facts: "both are empty for a group of
// one"), so whether its one member ever replies does not matter: the
// facts about a person with no working hours are that they are never
// free, off-hours now, and have no window.
//
// This test fails today: FactsFrom asks overlap.Report.RoundTrips, which
// computes every member's first reply even when there is no pair, and
// fails with ErrNoReply for a group of one who is never free.
func TestFactsFromGroupOfOneNeedsNoRoundTrip(t *testing.T) {
	people := []calendar.Person{
		{ID: "ben", Zone: zone(t, "Europe/Berlin"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
		{ID: "nox", Zone: zone(t, "Europe/Berlin"), NoHours: true},
	}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-09"), 1), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := utc(10, 14, 0)
	f, err := FactsFrom(context.Background(), r, []string{"nox"}, at, Default())
	if err != nil {
		t.Fatalf("FactsFrom for a group of one with no working hours: %v", err)
	}
	want := Facts{
		Now: at, Participants: []string{"nox"}, Horizon: calendar.Interval{Start: at, End: utc(16, 0, 0)},
		Zones: 1, OffHoursNow: []string{"nox"},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
}

// Facts.Windows lists at most MaxWindows windows: two people in one zone
// over 30 weeks share 150 working days, each one window.
func TestFactsFromListsAtMostMaxWindows(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	people := []calendar.Person{
		{ID: "ana", Zone: time.UTC, Hours: hours},
		{ID: "ben", Zone: time.UTC, Hours: hours},
	}
	r, err := overlap.Compute(context.Background(), people, week(calendar.MustParseDate("2026-03-09"), 30), overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := FactsFrom(context.Background(), r, []string{"ana", "ben"}, utc(9, 0, 0), Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Windows) != MaxWindows {
		t.Fatalf("%d windows, want MaxWindows (%d)", len(f.Windows), MaxWindows)
	}
	// The 100th window is on the 100th working day from Mon 2026-03-09:
	// 20 weeks on, the Friday of the 20th week, 2026-07-24.
	last := f.Windows[MaxWindows-1]
	if want := time.Date(2026, 7, 24, 9, 0, 0, 0, time.UTC); !last.Start.Equal(want) || last.Duration() != 8*time.Hour {
		t.Errorf("last window %v, want 8h from %s", last, want)
	}
	// 150 days of 8h common time, counted whole even past the 100th window.
	if f.Common != 150*8*time.Hour || f.CommonPerDay != 8*time.Hour {
		t.Errorf("common %s, per day %s; want 1200h, 8h", f.Common, f.CommonPerDay)
	}
}

// Through a real overlap report: for any subset of the team, instant in
// the week and topic, the facts are whole and the decision has reasons; a
// topic naming someone else is an error.
func TestFactsFromThenDecide(t *testing.T) {
	r := teamReport(t)
	team := r.IDs()
	win := r.Window()
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfNDistinct(rapid.SampledFrom(team), 1, 3, rapid.ID[string]).Draw(t, "ids")
		at := win.Start.Add(time.Duration(rapid.IntRange(0, int(win.Duration()/time.Minute)-1).Draw(t, "atMin")) * time.Minute)
		p := genPolicy(t)
		f, err := FactsFrom(context.Background(), r, ids, at, p)
		if err != nil {
			t.Fatalf("FactsFrom: %v", err)
		}
		tp := genTopic(t, f)
		d := decide(t, p, tp, f)
		if len(d.Reasons) == 0 {
			t.Fatalf("decision without reasons: %+v", d)
		}
		if !f.Horizon.Start.Equal(at) || !f.Horizon.End.Equal(win.End) {
			t.Fatalf("horizon %v, want from %s to the window's end %s", f.Horizon, at, win.End)
		}
		var sum time.Duration
		for i, w := range f.Windows {
			if w.Duration() < p.MinSlot || w.Start.Before(f.Horizon.Start) || w.End.After(f.Horizon.End) {
				t.Fatalf("window %v is short or outside the horizon %v", w, f.Horizon)
			}
			if i > 0 && !w.Start.After(f.Windows[i-1].End) {
				t.Fatalf("windows %v and %v are not apart and in order", f.Windows[i-1], w)
			}
			sum += w.Duration()
		}
		if sum > f.Common {
			t.Fatalf("windows add up to %s, more than the common time %s", sum, f.Common)
		}
		if (len(f.MustShift) > 0) != (len(f.Windows) == 0 && len(ids) > 1) {
			t.Fatalf("windows %v, must shift %v: want someone to shift exactly when a group of two or more has no window", f.Windows, f.MustShift)
		}
		if len(ids) < len(team) {
			other := tp
			other.Participants = append(slices.Clone(tp.Participants), "zed")
			d, err := p.Decide(other, f)
			if !errors.Is(err, ErrUnknownParticipant) || !cmp.Equal(Decision{}, d) {
				t.Fatalf("Decide with an unknown participant: %+v, %v", d, err)
			}
		}
	})
}

// A one-way-door decision sends a memo "at least one round trip ahead",
// so its meeting slot is at least a round trip after now, unless a
// warning says that the memo gets less time; and whatever written part
// comes first, the meeting never starts sooner than its lead
// (Decision.Lead), which the format states.
func TestMemoMeetingIsARoundTripAwayOrWarned(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, p Policy, tp Topic, f Facts) {
		d := decide(t, p, tp, f)
		if d.Slot == nil {
			return
		}
		if d.Slot.Start.Before(f.Now.Add(d.Lead)) {
			t.Fatalf("%s %q: slot %v is sooner than its lead %s", d.Mode, d.Format, d.Slot, d.Lead)
		}
		if !slices.ContainsFunc(d.Reasons, func(r Reason) bool { return r.Code == CodeDecideIrreversible && r.Role == RoleDecisive }) {
			return
		}
		warned := slices.ContainsFunc(d.Warnings, func(w string) bool { return strings.Contains(w, "may not have read it") })
		if ready := f.Now.Add(f.roundTripNow()); d.Slot.Start.Before(ready) && !warned {
			t.Fatalf("%s %q: slot %v is sooner than a round trip (%s, at %s), with no warning: %q",
				d.Mode, d.Format, d.Slot, f.roundTripNow(), ready.Format(time.RFC3339), d.Warnings)
		}
		if d.Lead < f.roundTripNow() && !strings.Contains(d.Format, " now, ") {
			t.Fatalf("%q: a lead of %s, under the round trip %s, not said", d.Format, d.Lead, f.roundTripNow())
		}
	}

	// The named case: the only window is in an hour, the round trip 8h.
	f := Facts{Now: now, Participants: three, CommonPerDay: time.Hour, Common: time.Hour,
		Windows: daily(1, 1, time.Hour), RoundTrip: 8 * time.Hour, Zones: 2, OffsetSpread: 5 * time.Hour}
	t.Run("one window in an hour", func(t *testing.T) {
		check(t, Default(), Topic{Purpose: Decide, Participants: three, WrittenProposal: true}, f)
	})

	t.Run("any", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			p, tp, f := genCase(t)
			tp.Purpose, tp.Reversible = Decide, false
			check(t, p, tp, f)
		})
	})
}

// The order in which the topic and the facts list people does not matter.
func TestDecideIgnoresTheOrderOfParticipants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, tp, f := genCase(t)
		d := decide(t, p, tp, f)
		tp2, f2 := tp, f
		tp2.Participants = rapid.Permutation(tp.Participants).Draw(t, "topicOrder")
		tp2.DecisionMakers = rapid.Permutation(tp.DecisionMakers).Draw(t, "deciderOrder")
		f2.Participants = rapid.Permutation(f.Participants).Draw(t, "factsOrder")
		d2 := decide(t, p, tp2, f2)
		if diff := cmp.Diff(d, d2, cmpopts.IgnoreFields(Decision{}, "Facts")); diff != "" {
			t.Fatalf("reordering the participants changed the decision (-before +after):\n%s", diff)
		}
	})
}

// Every decision explains itself: exactly one reason decides, those that
// agree ask for its mode, and every rule that asked for another mode is
// listed as overridden and says so; a reason that argues for writing
// (overlap-scarce) under a sync verdict is overridden too.
func TestExplanationsNeverContradictTheVerdict(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, tp, f := genCase(t)
		d := decide(t, p, tp, f)
		decisive := 0
		for _, r := range d.Reasons {
			switch r.Role {
			case RoleDecisive:
				decisive++
			case RoleOverridden:
				if !strings.Contains(r.Text, "(Overridden: ") {
					t.Fatalf("%s is overridden without saying so: %q", r.Code, r.Text)
				}
			case RoleAgrees, RoleContext:
			default:
				t.Fatalf("%s has no role", r.Code)
			}
			if r.Code == CodeOverlapScarce && d.Mode == Sync && r.Role != RoleOverridden {
				t.Fatalf("a sync verdict with %q, not overridden", r.Text)
			}
		}
		if decisive != 1 {
			t.Fatalf("%d decisive reasons: %v", decisive, d.Reasons)
		}
	})
}
