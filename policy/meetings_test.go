package policy

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
)

var meetingPeople = []calendar.Person{
	{ID: "ana", Emails: []string{"ana@example.com"}},
	{ID: "ben", Emails: []string{"Ben.Okafor@Example.com", "ben@home.example"}},
	{ID: "sam", Emails: []string{"sam@example.com"}},
}

func at(h int) time.Time { return time.Date(2026, 3, 10, h, 0, 0, 0, time.UTC) }

func attendee(addr, partstat string) ics.Attendee {
	return ics.Attendee{Address: addr, PartStat: partstat}
}

// TestMeetingsFrom, worked out by hand: the weekly sync is in all three
// calendars (counted once, with ben matched in another letter case and
// with a "mailto:"); sam declined the review, so only ana and ben attend
// it; the cancelled call, the transparent reminder, the all-day offsite
// and the event with one of the team are no meetings.
func TestMeetingsFrom(t *testing.T) {
	sync := ics.Event{UID: "sync-1", RecurrenceID: at(9), Series: true, Start: at(9), End: at(10), Summary: "Weekly sync",
		Organizer: attendee("ana@example.com", ""),
		Attendees: []ics.Attendee{attendee("MAILTO:ben.okafor@example.com", "ACCEPTED"), attendee("sam@example.com", "NEEDS-ACTION"), attendee("guest@else.example", "ACCEPTED")}}
	review := ics.Event{UID: "review", Start: at(11), End: at(12), Summary: "Design review",
		Organizer: attendee("ben@home.example", ""),
		Attendees: []ics.Attendee{attendee("ana@example.com", "ACCEPTED"), attendee("sam@example.com", "DECLINED")}}
	reviewInSams := review
	reviewInSams.Attendees = []ics.Attendee{attendee("ana@example.com", "ACCEPTED"), attendee("SAM@example.com", "TENTATIVE")}
	cancelled := ics.Event{UID: "call", Start: at(13), End: at(14), Status: "CANCELLED", Organizer: attendee("ana@example.com", ""),
		Attendees: []ics.Attendee{attendee("sam@example.com", "ACCEPTED")}}
	transparent := ics.Event{UID: "fyi", Start: at(14), End: at(15), Transparent: true, Organizer: attendee("ana@example.com", ""),
		Attendees: []ics.Attendee{attendee("sam@example.com", "ACCEPTED")}}
	allDay := ics.Event{UID: "offsite", Start: at(0), End: at(24), AllDay: true, Organizer: attendee("ana@example.com", ""),
		Attendees: []ics.Attendee{attendee("sam@example.com", "ACCEPTED")}}
	alone := ics.Event{UID: "dentist", Start: at(16), End: at(17), Organizer: attendee("sam@example.com", ""),
		Attendees: []ics.Attendee{attendee("dr@else.example", "ACCEPTED")}}
	got := MeetingsFrom(meetingPeople,
		[]ics.Event{sync, review, cancelled, transparent, allDay},
		[]ics.Event{sync, alone},
		[]ics.Event{sync, reviewInSams})
	var summary []string
	for _, o := range got {
		summary = append(summary, fmt.Sprintf("%s %s %s-%s %v recurring=%v", o.ID, o.Title, o.Interval.Start.Format("15:04"), o.Interval.End.Format("15:04"), o.Attendees, o.Recurring))
	}
	want := []string{
		"sync-1@20260310T090000Z Weekly sync 09:00-10:00 [ana ben sam] recurring=true",
		"review Design review 11:00-12:00 [ana ben] recurring=false",
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Fatalf("meetings (-want +got):\n%s", diff)
	}
}

// The meetings do not depend on the order of the people or of the
// calendars, nor on the order of each calendar's events.
func TestMeetingsFromIgnoresOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		addrs := []string{"ana@example.com", "ben@home.example", "BEN.OKAFOR@example.com", "sam@example.com", "x@else.example"}
		var cals [][]ics.Event
		for c := range rapid.IntRange(1, 3).Draw(t, "calendars") {
			var evs []ics.Event
			for e := range rapid.IntRange(0, 4).Draw(t, fmt.Sprint("events", c)) {
				h := rapid.IntRange(8, 16).Draw(t, fmt.Sprint("at", c, e))
				ev := ics.Event{UID: rapid.SampledFrom([]string{"a", "b", "c", ""}).Draw(t, fmt.Sprint("uid", c, e)), Start: at(h), End: at(h + 1),
					Summary:   rapid.SampledFrom([]string{"x", "y"}).Draw(t, fmt.Sprint("title", c, e)),
					Status:    rapid.SampledFrom([]string{"", "CONFIRMED", "CANCELLED"}).Draw(t, fmt.Sprint("status", c, e)),
					Organizer: attendee(rapid.SampledFrom(addrs).Draw(t, fmt.Sprint("org", c, e)), "")}
				for a := range rapid.IntRange(0, 3).Draw(t, fmt.Sprint("attendees", c, e)) {
					ev.Attendees = append(ev.Attendees, attendee(rapid.SampledFrom(addrs).Draw(t, fmt.Sprint("addr", c, e, a)),
						rapid.SampledFrom([]string{"", "ACCEPTED", "DECLINED"}).Draw(t, fmt.Sprint("ps", c, e, a))))
				}
				evs = append(evs, ev)
			}
			cals = append(cals, evs)
		}
		want := MeetingsFrom(meetingPeople, cals...)
		people := rapid.Permutation(meetingPeople).Draw(t, "people order")
		shuffled := rapid.Permutation(cals).Draw(t, "calendar order")
		for i := range shuffled {
			shuffled[i] = rapid.Permutation(shuffled[i]).Draw(t, fmt.Sprint("event order", i))
		}
		got := MeetingsFrom(people, shuffled...)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("meetings depend on the order (-first +shuffled):\n%s", diff)
		}
		for _, o := range got {
			if len(o.Attendees) < 2 || !slices.IsSorted(o.Attendees) {
				t.Fatalf("%s: attendees %v", o.ID, o.Attendees)
			}
		}
	})
}

// TestMeetingsFromOddInputs: an occurrence read from calendars in two
// zones is one meeting; an address two people give belongs to the
// smaller ID, whatever their order; a room written as a bare "mailto:"
// matches no one.
func TestMeetingsFromOddInputs(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	occ := ics.Event{UID: "s", RecurrenceID: at(14).In(ny), Series: true, Start: at(14).In(ny), End: at(15).In(ny),
		Organizer: attendee("ana@example.com", ""), Attendees: []ics.Attendee{attendee("sam@example.com", "ACCEPTED")}}
	inBerlin := occ
	inBerlin.RecurrenceID, inBerlin.Start, inBerlin.End = at(14).In(berlin), at(14).In(berlin), at(15).In(berlin)
	if got := MeetingsFrom(meetingPeople, []ics.Event{occ}, []ics.Event{inBerlin}); len(got) != 1 {
		t.Errorf("one occurrence in two zones: %d meetings", len(got))
	}
	shared := []calendar.Person{{ID: "ben", Emails: []string{"team@x.example"}}, {ID: "ana", Emails: []string{"team@x.example"}}, {ID: "cy", Emails: []string{"cy@x.example"}}}
	ev := ics.Event{UID: "t", Start: at(9), End: at(10), Organizer: attendee("cy@x.example", ""), Attendees: []ics.Attendee{attendee("team@x.example", "ACCEPTED")}}
	for _, people := range [][]calendar.Person{shared, {shared[1], shared[0], shared[2]}} {
		if got := MeetingsFrom(people, []ics.Event{ev}); len(got) != 1 || !slices.Equal(got[0].Attendees, []string{"ana", "cy"}) {
			t.Errorf("a shared address: %+v", got)
		}
	}
	room := ics.Event{UID: "r", Start: at(9), End: at(10), Organizer: attendee("ben@home.example", ""), Attendees: []ics.Attendee{attendee("mailto:", "ACCEPTED")}}
	if got := MeetingsFrom([]calendar.Person{{ID: "ana", Emails: []string{"mailto:"}}, meetingPeople[1]}, []ics.Event{room}); len(got) != 0 {
		t.Errorf("a bare mailto: matched someone: %+v", got)
	}
}

// BusyBesides keeps a person's busy events that are not their meetings:
// the private event, not the meeting they attend (a series occurrence,
// matched by UID and RECURRENCE-ID), nor the one they declined (they are
// not there), nor the cancelled or transparent events.
func TestBusyBesides(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 9, h, 0, 0, 0, time.UTC) }
	person := func(id string) calendar.Person { return calendar.Person{ID: id, Emails: []string{id + "@example.com"}} }
	people := []calendar.Person{person("ana"), person("ben"), person("cy")}
	who := func(ids ...string) []ics.Attendee {
		var out []ics.Attendee
		for _, id := range ids {
			out = append(out, ics.Attendee{Address: id + "@example.com"})
		}
		return out
	}
	declined := who("ben", "cy")
	declined = append(declined, ics.Attendee{Address: "ana@example.com", PartStat: "DECLINED"})
	events := []ics.Event{
		{UID: "standup", Series: true, RecurrenceID: at(9), Start: at(9), End: at(10), Attendees: who("ana", "ben")},
		{UID: "review", Start: at(11), End: at(12), Attendees: declined},
		{UID: "dentist", Start: at(13), End: at(14)},
		{UID: "gone", Start: at(15), End: at(16), Status: "CANCELLED", Attendees: who("ana", "ben")},
		{UID: "hold", Start: at(16), End: at(17), Transparent: true},
	}
	meetings := MeetingsFrom(people, events)
	if len(meetings) != 2 {
		t.Fatalf("meetings %+v, want the standup and the review", meetings)
	}
	got := BusyBesides(people[0], events, meetings)
	want := calendar.NewSet(calendar.Interval{Start: at(13), End: at(14)})
	if !got.Equal(want) {
		t.Errorf("ana's busy time besides her meetings: %v, want %v", got, want)
	}
	if got := BusyBesides(people[1], events, meetings); !got.Equal(calendar.NewSet(calendar.Interval{Start: at(13), End: at(14)})) {
		t.Errorf("ben's: %v, want the dentist only", got)
	}
}

// A one-off moved in one calendar only is still one meeting, at the
// earlier time, with the IDs unique: the audit refuses an occurrence
// given twice.
func TestOneOffMovedInOneCalendar(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 9, h, 0, 0, 0, time.UTC) }
	people := []calendar.Person{{ID: "ana", Emails: []string{"ana@example.com"}}, {ID: "ben", Emails: []string{"ben@example.com"}}}
	who := []ics.Attendee{{Address: "ana@example.com"}, {Address: "ben@example.com"}}
	anas := ics.Event{UID: "kickoff", Start: at(10), End: at(11), Summary: "Kickoff", Attendees: who}
	bens := anas
	bens.Start, bens.End = at(14), at(15)
	for _, order := range [][][]ics.Event{{{anas}, {bens}}, {{bens}, {anas}}} {
		got := MeetingsFrom(people, order...)
		if len(got) != 1 || got[0].ID != "kickoff" || !got[0].Interval.Start.Equal(at(10)) || !got[0].Interval.End.Equal(at(11)) {
			t.Errorf("meetings %+v, want the kickoff once at 10:00-11:00", got)
		}
	}
}
