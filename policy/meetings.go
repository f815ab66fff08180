package policy

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/overlap"
)

// An Occurrence is one meeting a team has, found in its calendars: the
// meeting (its interval and the team's people who attend, in ID order;
// its ID is the UID and RECURRENCE-ID), the series it belongs to (its
// UID: every occurrence of a recurring meeting shares it), its title,
// and whether it recurs.
type Occurrence struct {
	overlap.Meeting
	Series    string
	Title     string
	Recurring bool
}

// MeetingsFrom returns the meetings among the events of calendars (each
// as ics.Calendar.Events gives them, such as one calendar a person),
// for the team people, in time order (then by ID). An address two people
// give belongs to the one with the smaller ID. A meeting is an event
// occurrence with at least two of the people among its organizer and
// attendees, matched by their Emails (calendar.NormalEmail: letter case
// and "mailto:" aside), that is neither cancelled, nor transparent, nor
// all-day. An attendee who declined (PARTSTAT=DECLINED) in any copy of
// the event is not there. The same meeting found in several calendars (an
// occurrence of a series by UID and RECURRENCE-ID, a one-off by UID, an
// event with no UID by title and start) is one meeting, with
// everyone any copy names; where copies differ, the earliest time and the
// smallest title hold, so that the order of people, calendars and events
// does not matter.
func MeetingsFrom(people []calendar.Person, calendars ...[]ics.Event) []Occurrence {
	who := map[string]string{} // normal email -> ID: the smallest ID that has it
	for _, p := range people {
		for _, e := range p.Emails {
			if n := calendar.NormalEmail(e); n != "" {
				if id, ok := who[n]; !ok || p.ID < id {
					who[n] = p.ID
				}
			}
		}
	}
	type key struct {
		uid, title string
		at         time.Time // the RECURRENCE-ID (zero for a one-off), or with no UID the start
	}
	type found struct {
		occ      Occurrence
		present  map[string]bool
		declined map[string]bool
	}
	byKey := map[key]*found{}
	var order []key
	for _, events := range calendars {
		for _, e := range events {
			if e.Status == "CANCELLED" || e.Transparent || e.AllDay || !e.End.After(e.Start) {
				continue
			}
			// An occurrence of a series is known by its RECURRENCE-ID,
			// a one-off by its UID (a copy at another time is the same
			// meeting, moved in one calendar only), an event with no UID
			// by its title and start.
			k := key{uid: e.UID, at: e.RecurrenceID.UTC()}
			if e.UID == "" {
				k = key{title: e.Summary, at: e.Start.UTC()}
			}
			f := byKey[k]
			if f == nil {
				f = &found{
					occ: Occurrence{
						Meeting:   overlap.Meeting{ID: occurrenceID(e), Interval: calendar.Interval{Start: e.Start.UTC(), End: e.End.UTC()}},
						Series:    e.UID,
						Title:     e.Summary,
						Recurring: e.Series,
					},
					present: map[string]bool{}, declined: map[string]bool{},
				}
				byKey[k] = f
				order = append(order, k)
			}
			// Copies that differ (an occurrence moved in one calendar
			// only) keep the earliest time and the smallest title,
			// whatever the order of the calendars.
			o := &f.occ
			if s := e.Start.UTC(); s.Before(o.Interval.Start) || s.Equal(o.Interval.Start) && e.End.UTC().Before(o.Interval.End) {
				o.Interval = calendar.Interval{Start: s, End: e.End.UTC()}
			}
			if e.Summary < o.Title {
				o.Title = e.Summary
			}
			o.Recurring = o.Recurring || e.Series
			if id, ok := who[calendar.NormalEmail(e.Organizer.Address)]; ok && e.Organizer.Address != "" {
				f.present[id] = true
			}
			for _, a := range e.Attendees {
				id, ok := who[calendar.NormalEmail(a.Address)]
				ok = ok && calendar.NormalEmail(a.Address) != ""
				switch {
				case !ok:
				case strings.EqualFold(a.PartStat, "DECLINED"):
					f.declined[id] = true
				default:
					f.present[id] = true
				}
			}
		}
	}
	var out []Occurrence
	for _, k := range order {
		f := byKey[k]
		for id := range f.present {
			if !f.declined[id] {
				f.occ.Attendees = append(f.occ.Attendees, id)
			}
		}
		if len(f.occ.Attendees) < 2 {
			continue
		}
		slices.Sort(f.occ.Attendees)
		out = append(out, f.occ)
	}
	slices.SortFunc(out, func(a, b Occurrence) int {
		return cmp.Or(a.Interval.Start.Compare(b.Interval.Start), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Title, b.Title),
			a.Interval.End.Compare(b.Interval.End), slices.Compare(a.Attendees, b.Attendees))
	})
	return out
}

// occurrenceID names an event occurrence as a meeting: its UID, with
// "@" and its RECURRENCE-ID (UTC) for an occurrence of a series; with no
// UID, its title, "@" and its start (UTC).
func occurrenceID(e ics.Event) string {
	switch {
	case !e.RecurrenceID.IsZero():
		return e.UID + "@" + e.RecurrenceID.UTC().Format("20060102T150405Z")
	case e.UID == "":
		return e.Summary + "@" + e.Start.UTC().Format("20060102T150405Z")
	}
	return e.UID
}

// BusyBesides returns the busy time of events (one calendar of the person
// p, as ics.Calendar.Events gives them) other than the meetings among
// meetings (as MeetingsFrom finds them) that p attends, and other than
// the events p declined (PARTSTAT=DECLINED for one of p.Emails): the busy
// time a report for Audit should give the person, since the audit takes
// their meetings from their free time itself. An event is busy as for
// ics.Calendar.Busy: neither cancelled nor transparent.
func BusyBesides(p calendar.Person, events []ics.Event, meetings []Occurrence) calendar.Set {
	mine := map[string]bool{}
	for _, m := range meetings {
		if slices.Contains(m.Attendees, p.ID) {
			mine[m.ID] = true
		}
	}
	emails := map[string]bool{}
	for _, e := range p.Emails {
		if n := calendar.NormalEmail(e); n != "" {
			emails[n] = true
		}
	}
	declined := func(e ics.Event) bool {
		return slices.ContainsFunc(e.Attendees, func(a ics.Attendee) bool {
			return strings.EqualFold(a.PartStat, "DECLINED") && emails[calendar.NormalEmail(a.Address)]
		})
	}
	var b calendar.SetBuilder
	for _, e := range events {
		if e.Busy() && e.End.After(e.Start) && !mine[occurrenceID(e)] && !declined(e) {
			b.Add(calendar.Interval{Start: e.Start, End: e.End})
		}
	}
	return b.Set()
}
