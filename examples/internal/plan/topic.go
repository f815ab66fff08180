package plan

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// Topic holds the parameters of advise as text, as the planner's flags
// and the service's JSON fields give them.
type Topic struct {
	Title                                 string
	Purpose, Sensitivity, Ambiguity       string // "" for decide, low, low
	Deadline                              string // RFC 3339, or a date in the zone; "" for none
	Participants, Deciders                []string
	Reversible, Written, First, Recurring bool
	Exchanges                             int
}

// Topic checks t and makes the policy's topic; participants default to
// everyone in team. Errors are *FieldError.
func (t Topic) Topic(team []calendar.Person, zone *time.Location) (policy.Topic, error) {
	pt := policy.Topic{Title: t.Title, Reversible: t.Reversible, Exchanges: t.Exchanges, WrittenProposal: t.Written,
		FirstCollaboration: t.First, Recurring: t.Recurring, DecisionMakers: slices.Clone(t.Deciders),
		Participants: slices.Clone(t.Participants)}
	var err error
	if pt.Purpose, err = policy.ParsePurpose(orText(t.Purpose, "decide")); err != nil {
		return pt, fieldf("purpose", fmt.Sprintf("%q", t.Purpose), "unknown purpose (want inform, gather-input, decide, ideate, resolve-conflict, connect or incident)")
	}
	if pt.Sensitivity, err = policy.ParseLevel(orText(t.Sensitivity, "low")); err != nil {
		return pt, fieldf("sensitivity", fmt.Sprintf("%q", t.Sensitivity), "want low, medium or high")
	}
	if pt.Ambiguity, err = policy.ParseLevel(orText(t.Ambiguity, "low")); err != nil {
		return pt, fieldf("ambiguity", fmt.Sprintf("%q", t.Ambiguity), "want low, medium or high")
	}
	if t.Exchanges < 0 {
		return pt, fieldf("exchanges", fmt.Sprint(t.Exchanges), "want zero or more")
	}
	if t.Deadline != "" {
		if pt.NeedBy, _, err = Bound("deadline", t.Deadline, zone); err != nil {
			return pt, err
		}
	}
	if len(pt.Participants) == 0 {
		for _, p := range team {
			pt.Participants = append(pt.Participants, p.ID)
		}
	}
	return pt, nil
}

func orText(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// A Slot is a meeting to write as an invite: its time and its attendees.
type Slot struct {
	calendar.Interval
	Attendees []SlotAttendee
}

// A SlotAttendee is an attendee of a Slot, by roster ID.
type SlotAttendee struct {
	ID       string
	Optional bool
}

// SlotOf is the slot of a suggestion.
func SlotOf(s overlap.Suggestion) Slot {
	sl := Slot{Interval: s.Interval}
	for _, a := range s.Attendees {
		sl.Attendees = append(sl.Attendees, SlotAttendee{a.ID, a.Optional})
	}
	return sl
}

// WriteInvites writes slots as an iCalendar file of invites titled title:
// UTC times, every attendee with their first roster email (present or
// not: someone who cannot make it should still hear of it; those with no
// email are left out), and a UID made from the slot's times and its
// attendees' emails (or IDs), so that writing it again, under any title,
// gives the same UID. prodID names the writer. An attendee not in the
// roster is a *FieldError of "slots".
func WriteInvites(w io.Writer, r calendar.Roster, prodID, title string, now time.Time, slots ...Slot) error {
	var invites []ics.Invite
	for _, s := range slots {
		in := ics.Invite{Start: s.Start, End: s.End, Summary: title}
		var who []string
		for _, a := range s.Attendees {
			p, ok := r.Person(a.ID)
			if !ok {
				return fieldf("slots", "", "attendee %q is not in the roster", a.ID)
			}
			if len(p.Emails) == 0 {
				who = append(who, "id:"+a.ID)
				continue
			}
			email := calendar.NormalEmail(p.Emails[0])
			who = append(who, email)
			role := "REQ-PARTICIPANT"
			if a.Optional {
				role = "OPT-PARTICIPANT"
			}
			in.Attendees = append(in.Attendees, ics.Attendee{Address: email, Name: p.Name, PartStat: "NEEDS-ACTION", Role: role})
		}
		slices.Sort(who)
		key, err := json.Marshal(struct {
			Start, End int64
			Who        []string
		}{s.Start.Unix(), s.End.Unix(), who})
		if err != nil {
			return err
		}
		sum := sha256.Sum256(key)
		in.UID = fmt.Sprintf("%x@tzplan", sum[:12])
		invites = append(invites, in)
	}
	return ics.WriteInvites(w, prodID, now.UTC(), invites...)
}
