package policy_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// team returns the overlap of a team in Berlin, New York and Kolkata,
// Mon-Fri 09:00-17:00, over the week of 2026-03-09 (UTC).
//
// That week New York is on EDT (from 2026-03-08) and Berlin still on CET
// (until 2026-03-29), so in UTC ben works 08:00-16:00, sam 13:00-21:00
// and priya 03:30-11:30: ben and sam share 13:00-16:00, ben and priya
// 08:00-11:30, and sam and priya nothing.
func team() *overlap.Report {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			panic(err)
		}
		return loc
	}
	people := []calendar.Person{
		{ID: "ben", Zone: zone("Europe/Berlin"), Hours: hours},
		{ID: "sam", Zone: zone("America/New_York"), Hours: hours},
		{ID: "priya", Zone: zone("Asia/Kolkata"), Hours: hours},
	}
	monday := calendar.MustParseDate("2026-03-09")
	week := calendar.Interval{
		Start: calendar.Wall(monday, calendar.Midnight, time.UTC),
		End:   calendar.Wall(monday.AddDays(7), calendar.Midnight, time.UTC),
	}
	r, err := overlap.Compute(context.Background(), people, week, overlap.Options{})
	if err != nil {
		panic(err)
	}
	return r
}

func show(d policy.Decision) {
	fmt.Println(d.Mode, "-", d.Format)
	for _, r := range d.Reasons {
		fmt.Println("  because", r.Code)
	}
	if d.Slot != nil {
		fmt.Println("  meet", d.Slot.Start.Format("Mon 15:04"), "to", d.Slot.End.Format("15:04 MST"))
	}
	for _, w := range d.Warnings {
		fmt.Println("  warning:", w)
	}
}

// The whole story: the overlap of the people a topic involves, the facts
// about them, and the decision.
func Example() {
	p := policy.Default()
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC) // a Tuesday
	f, err := policy.FactsFrom(context.Background(), team(), []string{"ben", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d, err := p.Decide(policy.Topic{
		Title:        "Kick off the migration",
		Purpose:      policy.Connect,
		Participants: []string{"ben", "sam"},
	}, f)
	if err != nil {
		panic(err)
	}
	// ben and sam share 13:00-16:00 UTC; it is 14:00, so they can meet now.
	// Three hours a day is under the comfortable four, and Berlin and New
	// York are five hours apart: the call is kept short and recorded.
	show(d)
	// Output:
	// sync - 30-minute kickoff call (recorded), then async
	//   because connect
	//   because overlap-short
	//   because wide-spread
	//   meet Tue 14:00 to 14:30 UTC
}

// A reversible decision stays in writing: an owner decides after a
// comment window of one round trip.
func ExamplePolicy_Decide_async() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(context.Background(), team(), []string{"ben", "priya", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d, err := p.Decide(policy.Topic{
		Title:          "Rename the staging cluster",
		Purpose:        policy.Decide,
		Reversible:     true,
		Participants:   []string{"ben", "priya", "sam"},
		DecisionMakers: []string{"ben"},
	}, f)
	if err != nil {
		panic(err)
	}
	// From Mon 10:00 UTC, with 4h replies: priya answers sam at Tue
	// 06:00 (1h30m on Monday, 2h30m on Tuesday), and sam answers that at
	// Tue 17:00: 31h, the slowest round trip. The three share no time.
	// The rules read the round trip of the team, not of the hour: the
	// median of the slowest one sent on each working even hour of the
	// week, 39h30m, and the comment window is that long, in hours.
	fmt.Println("round trip:", f.RoundTrip, "between", f.RoundTripPair, "typically", f.TypicalRoundTrip)
	show(d)
	// Output:
	// round trip: 31h0m0s between [sam priya] typically 39h30m0s
	// async - written proposal with owner ben and a 40-hour comment window
	//   because async-default
	//   because decide-reversible
	//   because overlap-scarce
}

// A conflict between two people who share working hours is talked
// through in a short call inside their overlap.
func ExamplePolicy_Decide_sync() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(context.Background(), team(), []string{"ben", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d, err := p.Decide(policy.Topic{
		Purpose:      policy.Resolve,
		Participants: []string{"ben", "sam"},
	}, f)
	if err != nil {
		panic(err)
	}
	fmt.Println("common a day:", f.CommonPerDay)
	show(d)
	// Output:
	// common a day: 3h0m0s
	// sync - 30-minute call (recorded), then written summary
	//   because conflict
	//   because overlap-short
	//   because wide-spread
	//   meet Mon 13:00 to 13:30 UTC
}

// A one-way-door decision gets a memo a round trip ahead, then a short
// meeting; with no time all three share, someone has to shift.
func ExamplePolicy_Decide_hybrid() {
	p := policy.Default()
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(context.Background(), team(), []string{"ben", "priya", "sam"}, now, p)
	if err != nil {
		panic(err)
	}
	d, err := p.Decide(policy.Topic{
		Purpose:         policy.Decide,
		Participants:    []string{"ben", "priya", "sam"},
		DecisionMakers:  []string{"priya"},
		WrittenProposal: true,
	}, f)
	if err != nil {
		panic(err)
	}
	// Without sam, ben and priya share 1h30m on Monday and 3h30m on each
	// later weekday: 15h30m; without priya, ben and sam share 15h. So sam
	// is the one to shift.
	fmt.Println("must shift:", f.MustShift)
	show(d)
	// Output:
	// must shift: [sam]
	// hybrid - written memo at least 31 hours ahead, then a 30-minute call (recorded)
	//   because decide-irreversible
	//   because overlap-scarce
	//   because wide-spread
	//   warning: No common window of 30m in the horizon: sam must shift hours to meet; rotate who does (overlap.Report.Rotate).
}

// Invalid input is an error, never a decision: here a deadline already
// past, and a topic about someone the facts do not know.
func ExamplePolicy_Decide_invalid() {
	p := policy.Default()
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	f := policy.Facts{Now: now, Participants: []string{"ana", "ben"}}

	_, err := p.Decide(policy.Topic{Purpose: policy.Inform, Participants: []string{"ana", "ben"}, NeedBy: now.Add(-time.Hour)}, f)
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrDeadlinePassed))

	_, err = p.Decide(policy.Topic{Purpose: policy.Resolve, Sensitivity: policy.High, Participants: []string{"ana", "cy"}}, f)
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrUnknownParticipant))
	// Output:
	// policy.Policy.Decide: deadline before now: need by 2026-03-10T13:00:00Z, now is 2026-03-10T14:00:00Z
	// true
	// policy.Policy.Decide: unknown participant: participant "cy" is not in the facts
	// true
}

// The default thresholds, each with its source in the Policy fields'
// documentation.
func ExampleDefault() {
	p := policy.Default()
	fmt.Println("reply delay:", p.ReplyDelay)
	fmt.Println("minimum slot:", p.MinSlot)
	fmt.Println("comfortable overlap:", p.ComfortOverlap)
	fmt.Println("largest meeting:", p.MaxSyncGroup)
	fmt.Println("longest thread:", p.MaxExchanges)
	fmt.Println("round trips to gather input:", p.ExpectedExchanges)
	fmt.Println(p.MinSlot == policy.DefaultMinSlot, p.ReplyDelay == overlap.DefaultReply)
	// Output:
	// reply delay: 4h0m0s
	// minimum slot: 30m0s
	// comfortable overlap: 4h0m0s
	// largest meeting: 7
	// longest thread: 3
	// round trips to gather input: 2
	// true true
}

// A policy in JSON: durations as Go text, and a missing field zero, which
// means its default. A misspelt field is an error.
func ExamplePolicy() {
	var p policy.Policy
	if err := json.Unmarshal([]byte(`{"minSlot": "45m", "maxSyncGroup": 5}`), &p); err != nil {
		panic(err)
	}
	fmt.Println(p.MinSlot, p.MaxSyncGroup, p.ReplyDelay, p.Validate())
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))

	err = json.Unmarshal([]byte(`{"minSlots": "45m"}`), &p)
	fmt.Println(err)
	// Output:
	// 45m0s 5 0s <nil>
	// {"replyDelay":"0s","minSlot":"45m","comfortOverlap":"0s","maxSyncGroup":5,"maxExchanges":0,"expectedExchanges":0,"focusBlock":"0s","afterHoursLimit":"0s","focusCostLimit":"0s"}
	// policy.Policy.UnmarshalJSON: invalid: json: unknown field "minSlots"
}

func ExamplePolicy_Validate() {
	err := policy.Policy{MinSlot: time.Hour, ComfortOverlap: 45 * time.Minute}.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrInvalid))
	// A zero field means its default: the zero Policy is valid.
	fmt.Println(policy.Policy{}.Validate())
	// Output:
	// policy.Policy.Validate: invalid: ComfortOverlap 45m0s is under MinSlot 1h0m0s
	// true
	// <nil>
}

// A topic as a web form or a chat bot sends it: missing fields are zero
// (no deadline, low ambiguity and sensitivity), and the deadline comes
// back in UTC.
func ExampleTopic() {
	var t policy.Topic
	err := json.Unmarshal([]byte(`{
		"title": "Q3 roadmap",
		"purpose": "gather-input",
		"needBy": "2026-03-13T17:00:00+01:00",
		"participants": ["ana", "ben"]
	}`), &t)
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Purpose, t.NeedBy.UTC().Format(time.RFC3339), t.Ambiguity, t.Validate())
	b, err := json.Marshal(t)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	// Output:
	// gather-input 2026-03-13T16:00:00Z low <nil>
	// {"title":"Q3 roadmap","purpose":"gather-input","needBy":"2026-03-13T16:00:00Z","ambiguity":"low","sensitivity":"low","reversible":false,"participants":["ana","ben"],"writtenProposal":false,"exchanges":0,"firstCollaboration":false,"recurring":false}
}

func ExampleTopic_Validate() {
	t := policy.Topic{Purpose: policy.Decide, Participants: []string{"ana", "ben"}, DecisionMakers: []string{"cy"}}
	err := t.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrUnknownParticipant))
	err = policy.Topic{Participants: []string{"ana"}}.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrUnknownPurpose))
	// Output:
	// policy.Topic.Validate: unknown participant: decision-maker "cy" is not a participant
	// true
	// policy.Topic.Validate: unknown purpose: no purpose set
	// true
}

// The facts about ben (Berlin) and sam (New York) on Tuesday at 14:00
// UTC, as the rules read them.
func ExampleFactsFrom() {
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	f, err := policy.FactsFrom(context.Background(), team(), []string{"sam", "ben"}, now, policy.Default())
	if err != nil {
		panic(err)
	}
	fmt.Println("participants:", f.Participants)
	// 13:00-16:00 UTC on each of the five weekdays: 15h over 5 days.
	fmt.Println("common a day:", f.CommonPerDay)
	// From Tue 14:00: 2h on Tuesday, 3h on each of Wednesday to Friday.
	fmt.Println("common from now:", f.Common)
	for _, w := range f.Windows {
		fmt.Println("window:", w.Start.Format("Mon 15:04"), "to", w.End.Format("15:04"))
	}
	// ben answers at Wed 10:00 (2h on Tuesday, 2h on Wednesday), sam
	// answers that at Wed 17:00: 27h. The other way round, sam answers
	// at Tue 18:00 and ben at Wed 12:00: 22h.
	fmt.Println("round trip:", f.RoundTrip, f.RoundTripPair)
	// CET is UTC+1 and EDT UTC-4.
	fmt.Println("zones:", f.Zones, "spread:", f.OffsetSpread)
	fmt.Println("off-hours now:", f.OffHoursNow, "must shift:", f.MustShift)
	// Output:
	// participants: [ben sam]
	// common a day: 3h0m0s
	// common from now: 11h0m0s
	// window: Tue 14:00 to 16:00
	// window: Wed 13:00 to 16:00
	// window: Thu 13:00 to 16:00
	// window: Fri 13:00 to 16:00
	// round trip: 27h0m0s [sam ben]
	// zones: 2 spread: 5h0m0s
	// off-hours now: [] must shift: []
}

// FactsFrom checks the participants against the report's team.
func ExampleFactsFrom_unknown() {
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	_, err := policy.FactsFrom(context.Background(), team(), []string{"ben", "zed"}, now, policy.Default())
	fmt.Println(err)
	fmt.Println(errors.Is(err, policy.ErrUnknownParticipant))
	// Output:
	// policy.FactsFrom: unknown participant: "zed" is not in the report's team
	// true
}

// Facts may also be filled in by hand, and are JSON for tools: with
// "nextWindow", the first of the windows, for readers.
func ExampleFacts() {
	at := func(day, h int) time.Time { return time.Date(2026, 3, day, h, 0, 0, 0, time.UTC) }
	f := policy.Facts{
		Now:           at(10, 14),
		Participants:  []string{"ana", "ben"},
		Horizon:       calendar.Interval{Start: at(10, 14), End: at(12, 0)},
		CommonPerDay:  time.Hour,
		Common:        2 * time.Hour,
		Windows:       []calendar.Interval{{Start: at(10, 15), End: at(10, 16)}, {Start: at(11, 15), End: at(11, 16)}},
		RoundTrip:     20 * time.Hour,
		RoundTripPair: [2]string{"ana", "ben"},
		// The median over the week: the rules read it.
		TypicalRoundTrip: 18 * time.Hour,
		Zones:            2,
		OffsetSpread:     9 * time.Hour,
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(append(b, '\n'))
	// Output:
	// {
	//   "now": "2026-03-10T14:00:00Z",
	//   "participants": [
	//     "ana",
	//     "ben"
	//   ],
	//   "horizon": {
	//     "start": "2026-03-10T14:00:00Z",
	//     "end": "2026-03-12T00:00:00Z"
	//   },
	//   "commonPerDay": "1h",
	//   "common": "2h",
	//   "nextWindow": {
	//     "start": "2026-03-10T15:00:00Z",
	//     "end": "2026-03-10T16:00:00Z"
	//   },
	//   "windows": [
	//     {
	//       "start": "2026-03-10T15:00:00Z",
	//       "end": "2026-03-10T16:00:00Z"
	//     },
	//     {
	//       "start": "2026-03-11T15:00:00Z",
	//       "end": "2026-03-11T16:00:00Z"
	//     }
	//   ],
	//   "roundTrip": "20h",
	//   "roundTripPair": [
	//     "ana",
	//     "ben"
	//   ],
	//   "typicalRoundTrip": "18h",
	//   "zones": 2,
	//   "offsetSpread": "9h",
	//   "mustShift": [],
	//   "offHoursNow": []
	// }
}

func ExampleFacts_NextWindow() {
	f := policy.Facts{Windows: []calendar.Interval{
		{Start: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)},
		{Start: time.Date(2026, 3, 11, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 11, 16, 0, 0, 0, time.UTC)},
	}}
	fmt.Println(f.NextWindow())
	fmt.Println(policy.Facts{}.NextWindow())
	// Output:
	// [2026-03-10T15:00:00Z, 2026-03-10T16:00:00Z) true
	// [0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z) false
}

// An incident due in an hour, when a written round trip takes 20 hours:
// meet now, and know who is off-hours.
func ExampleDecision() {
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	f := policy.Facts{
		Now:          now,
		Participants: []string{"ana", "ben", "chen"},
		CommonPerDay: time.Hour,
		Common:       time.Hour,
		Windows:      []calendar.Interval{{Start: now.Add(time.Hour), End: now.Add(2 * time.Hour)}},
		RoundTrip:    20 * time.Hour,
		OffHoursNow:  []string{"chen"},
	}
	d, err := policy.Default().Decide(policy.Topic{
		Title:        "Checkout is down",
		Purpose:      policy.Incident,
		NeedBy:       now.Add(time.Hour),
		Participants: []string{"ana", "ben", "chen"},
	}, f)
	if err != nil {
		panic(err)
	}
	fmt.Println("mode:", d.Mode)
	fmt.Println("format:", d.Format)
	fmt.Println("slot:", d.Slot)
	for _, r := range d.Reasons {
		fmt.Println("reason:", r.Code+":", r.Text)
	}
	fmt.Println("warnings:", d.Warnings)
	fmt.Println(d.Reasons[0].Code == policy.CodeIncidentUrgent)
	// Output:
	// mode: sync
	// format: call now, then written incident summary
	// slot: [2026-03-10T14:00:00Z, 2026-03-10T14:30:00Z)
	// reason: incident-urgent: The incident must be handled by 2026-03-10 15:00 UTC, sooner than a round trip from now (20h): meet now.
	// reason: overlap-short: The group is free together 1h a day, under the comfortable 4h: the meeting takes much of the time they share, so keep it to 30m and write its outcome down.
	// warnings: [Outside working hours now: chen.]
	// true
}

// Each reason says which rule applied, with the figures it used, and
// where the rule comes from. Here overlap is scarce: 20 minutes a day,
// under the 30-minute minimum slot.
func ExampleReason() {
	now := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	f := policy.Facts{Now: now, Participants: []string{"ana", "ben"}, CommonPerDay: 20 * time.Minute, RoundTrip: 20 * time.Hour}
	d, err := policy.Default().Decide(policy.Topic{Purpose: policy.GatherInput, Participants: []string{"ana", "ben"}}, f)
	if err != nil {
		panic(err)
	}
	for _, r := range d.Reasons[1:] {
		b, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			panic(err)
		}
		os.Stdout.Write(append(b, '\n'))
	}
	// Output:
	// {
	//   "code": "gather-input",
	//   "text": "The topic gathers input: written requests collect it without a meeting (about 2 round trips of 20h).",
	//   "source": "GitLab Handbook, \"Asynchronous communication\"",
	//   "role": "decisive"
	// }
	// {
	//   "code": "overlap-scarce",
	//   "text": "The group is free together 20m a day, under the 30m minimum slot: prefer writing, and meet only with a written part.",
	//   "source": "37signals, \"Remote: Office Not Required\", 2013 (about four hours of overlap); Dropbox, Virtual First Toolkit (core collaboration hours)",
	//   "role": "context"
	// }
}

func ExampleParseMode() {
	fmt.Println(policy.Async, policy.Sync, policy.Hybrid)
	m, err := policy.ParseMode("hybrid")
	fmt.Println(m == policy.Hybrid, err)
	_, err = policy.ParseMode("meeting")
	fmt.Println(err)
	// Output:
	// async sync hybrid
	// true <nil>
	// policy.ParseMode("meeting"): invalid: want one of async, sync, hybrid
}

func ExampleParsePurpose() {
	fmt.Println(policy.Inform, policy.GatherInput, policy.Decide, policy.Ideate, policy.Resolve, policy.Connect, policy.Incident)
	p, err := policy.ParsePurpose("resolve-conflict")
	fmt.Println(p == policy.Resolve, err)
	_, err = policy.ParsePurpose("brainstorm")
	fmt.Println(errors.Is(err, policy.ErrUnknownPurpose))
	// Output:
	// inform gather-input decide ideate resolve-conflict connect incident
	// true <nil>
	// true
}

func ExampleParseLevel() {
	fmt.Println(policy.Low, policy.Medium, policy.High)
	l, err := policy.ParseLevel("high")
	fmt.Println(l == policy.High, err)
	_, err = policy.ParseLevel("extreme")
	fmt.Println(err)
	// Output:
	// low medium high
	// true <nil>
	// policy.ParseLevel("extreme"): invalid: want one of low, medium, high
}

// A mode is JSON text; the zero Mode is Async, the default.
func ExampleMode() {
	b, err := json.Marshal(map[string]policy.Mode{"decision": policy.Hybrid})
	fmt.Println(string(b), err)
	var m policy.Mode
	fmt.Println(m)
	// Output:
	// {"decision":"hybrid"} <nil>
	// async
}

// A purpose is JSON text; the zero Purpose is "" (not a purpose, so
// Topic.Validate rejects it), and unknown text is an error.
func ExamplePurpose() {
	b, err := json.Marshal([]policy.Purpose{policy.Decide, policy.Resolve, 0})
	fmt.Println(string(b), err)
	var p policy.Purpose
	err = json.Unmarshal([]byte(`"brainstorm"`), &p)
	fmt.Println(errors.Is(err, policy.ErrUnknownPurpose))
	// Output:
	// ["decide","resolve-conflict",""] <nil>
	// true
}

// A level is JSON text; the zero Level is Low.
func ExampleLevel() {
	var t policy.Topic
	fmt.Println(t.Ambiguity, t.Sensitivity)
	b, err := json.Marshal([]policy.Level{policy.Low, policy.Medium, policy.High})
	fmt.Println(string(b), err)
	// Output:
	// low low
	// ["low","medium","high"] <nil>
}

// The team's meetings in its calendars: the weekly sync is in two
// calendars and counts once; Sam declined the review.
func ExampleMeetingsFrom() {
	people := []calendar.Person{
		{ID: "ana", Emails: []string{"ana@example.com"}},
		{ID: "ben", Emails: []string{"ben@example.com"}},
		{ID: "sam", Emails: []string{"sam@example.com"}},
	}
	at := func(h int) time.Time { return time.Date(2026, 3, 10, h, 0, 0, 0, time.UTC) }
	sync := ics.Event{UID: "sync", RecurrenceID: at(9), Series: true, Start: at(9), End: at(10), Summary: "Weekly sync",
		Organizer: ics.Attendee{Address: "ana@example.com"},
		Attendees: []ics.Attendee{{Address: "mailto:BEN@example.com", PartStat: "ACCEPTED"}, {Address: "sam@example.com"}}}
	review := ics.Event{UID: "review", Start: at(11), End: at(12), Summary: "Design review",
		Organizer: ics.Attendee{Address: "ben@example.com"},
		Attendees: []ics.Attendee{{Address: "ana@example.com", PartStat: "ACCEPTED"}, {Address: "sam@example.com", PartStat: "DECLINED"}}}
	for _, o := range policy.MeetingsFrom(people, []ics.Event{sync, review}, []ics.Event{sync}) {
		fmt.Println(o.Title, o.Interval.Start.Format("15:04"), o.Attendees, o.Recurring)
	}
	// Output:
	// Weekly sync 09:00 [ana ben sam] true
	// Design review 11:00 [ana ben] false
}

// A month of two series between Ana (UTC) and Raj (Kolkata, 09:00-17:00
// IST: 03:30-11:30 UTC), both at 10:00-10:30 UTC: the weekly status on
// Mondays, and a design review on Wednesdays. Each breaks both their
// days: Ana keeps 09:00-10:00 (a fragment) and 10:30-17:00, Raj
// 03:30-10:00 and 10:30-11:30 (a fragment): 1h30 of focus each, 3h a
// time. The status informs: make it async. The review, an hour earlier
// (09:00 UTC), would leave each of them 7h30 of focus: 30m lost each.
func ExamplePolicy_Audit() {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	team := []calendar.Person{{ID: "ana", Zone: time.UTC, Hours: hours}, {ID: "raj", Zone: kolkata, Hours: hours}}
	june := calendar.Interval{Start: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
	r, err := overlap.Compute(context.Background(), team, june, overlap.Options{})
	if err != nil {
		panic(err)
	}
	var meetings []policy.Occurrence
	add := func(series, title string, days ...int) {
		for _, d := range days {
			start := time.Date(2026, 6, d, 10, 0, 0, 0, time.UTC)
			meetings = append(meetings, policy.Occurrence{Series: series, Title: title, Recurring: true,
				Meeting: overlap.Meeting{ID: fmt.Sprint(series, d), Interval: calendar.Interval{Start: start, End: start.Add(30 * time.Minute)}, Attendees: []string{"ana", "raj"}}})
		}
	}
	add("status", "Weekly status", 1, 8, 15, 22, 29)
	add("review", "Design review", 3, 10, 17, 24)
	a, err := policy.Default().Audit(context.Background(), r, meetings, nil)
	if err != nil {
		panic(err)
	}
	for _, s := range a.Series {
		fmt.Printf("%s: %s; %s of people's time, %s of focus a month\n", s.Title, s.Verdict, a.PerMonth(s.PersonTime), a.PerMonth(s.FocusCost))
		fmt.Printf("  %s\n", s.Reasons[0].Text)
		if s.Move != nil {
			fmt.Printf("  first moved: %s\n", s.Move.First)
		}
	}
	// Output:
	// Weekly status: make-async; 5h0m0s of people's time, 15h0m0s of focus a month
	//   a meeting to inform 2 people, 5h a month of people's time: a written update reaches them in their own hours
	// Design review: move; 4h0m0s of people's time, 12h0m0s of focus a month
	//   it costs 12h of focus time a month; moved 1h earlier it would cost 4h, 8h less (from 2h, a focus block)
	//   first moved: [2026-06-03T09:00:00Z, 2026-06-03T09:30:00Z)
}

// The guesses of a series' purpose, and what each rests on.
func ExampleGuessPurpose() {
	for _, c := range []struct {
		title string
		n     int
	}{{"Daily stand-up", 8}, {"Ana / Ben 1:1", 2}, {"Q3 planning", 5}, {"Budget", 12}, {"Budget", 4}} {
		p, why := policy.GuessPurpose(c.title, c.n, policy.DefaultMaxSyncGroup)
		fmt.Printf("%q with %d: %q, from %s\n", c.title, c.n, p, why)
	}
	// Output:
	// "Daily stand-up" with 8: "inform", from the title word "stand-up"
	// "Ana / Ben 1:1" with 2: "connect", from the title word "1:1"
	// "Q3 planning" with 5: "decide", from the title word "planning"
	// "Budget" with 12: "inform", from its 12 attendees, more than 7: mostly listeners
	// "Budget" with 4: "", from no title word and 4 attendees
}

// Ana's calendar holds the weekly sync (a meeting, which the audit weighs
// itself) and a dentist's appointment: only the appointment is busy time
// for the audit's report.
func ExampleBusyBesides() {
	people := []calendar.Person{{ID: "ana", Emails: []string{"ana@example.com"}}, {ID: "ben", Emails: []string{"ben@example.com"}}}
	at := func(h int) time.Time { return time.Date(2026, 3, 10, h, 0, 0, 0, time.UTC) }
	events := []ics.Event{
		{UID: "sync", Start: at(9), End: at(10), Summary: "Weekly sync", Organizer: ics.Attendee{Address: "ana@example.com"},
			Attendees: []ics.Attendee{{Address: "ben@example.com"}}},
		{UID: "dentist", Start: at(14), End: at(15), Summary: "Dentist"},
	}
	meetings := policy.MeetingsFrom(people, events)
	fmt.Println(policy.BusyBesides(people[0], events, meetings))
	// Output:
	// {[2026-03-10T14:00:00Z, 2026-03-10T15:00:00Z)}
}
