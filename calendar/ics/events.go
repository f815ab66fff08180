package ics

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tzplan/tzplan/calendar"
)

// An Event is one occurrence of a VEVENT: a one-off event, or one
// instance of a recurring event as its rule, RDATEs, EXDATEs and
// overrides make it.
type Event struct {
	// UID is the event's UID, "" when it has none.
	UID string
	// RecurrenceID is the start that its series gives the instance, the
	// value a RECURRENCE-ID names it by (an overridden instance has its
	// own); zero for an event that is no instance of a series.
	RecurrenceID time.Time
	// Series reports whether the event is an instance of a series (an
	// RRULE, RDATEs or overrides), and Rule is the series' RRULE value,
	// "" when it has none.
	Series bool
	Rule   string
	// Start and End are the occurrence's bounds, in the owner's zone; an
	// event of no length (a date-time DTSTART alone) has End == Start.
	Start, End time.Time
	// AllDay reports a DTSTART that is a date (VALUE=DATE).
	AllDay bool
	// Summary is the SUMMARY text, unescaped (RFC 5545 §3.3.11), at most
	// 1,000 bytes.
	Summary string
	// Status is the STATUS, upper-cased: "TENTATIVE", "CONFIRMED",
	// "CANCELLED", or "" when absent.
	Status string
	// Transparent reports TRANSP:TRANSPARENT: the event does not make
	// its time busy.
	Transparent bool
	// Organizer is the ORGANIZER, with no PartStat or Role; its Address is
	// "" when there is none.
	Organizer Attendee
	// Attendees are the ATTENDEEs, in the order written.
	Attendees []Attendee
	// Line is the line of the VEVENT's BEGIN.
	Line int
}

// Busy reports whether the event makes its time busy: neither cancelled
// nor transparent (TENTATIVE is busy, as in Busy).
func (e Event) Busy() bool { return e.Status != "CANCELLED" && !e.Transparent }

// An Attendee is an ATTENDEE or ORGANIZER (RFC 5545 §3.8.4.1, §3.8.4.3).
type Attendee struct {
	// Address is the calendar user address as written, without a
	// "mailto:" (in any letter case) before it.
	Address string
	// Name is the CN parameter.
	Name string
	// PartStat is the PARTSTAT parameter, upper-cased ("ACCEPTED",
	// "DECLINED", "TENTATIVE", "NEEDS-ACTION", "DELEGATED"), "" when absent.
	PartStat string
	// Role is the ROLE parameter, upper-cased ("CHAIR",
	// "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"), "" when
	// absent.
	Role string
}

// An eventInfo is what a VEVENT says about itself beyond its times,
// shared by its occurrences.
type eventInfo struct {
	uid         string
	line        int
	summary     string
	status      string
	transparent bool
	busy        bool
	allDay      bool
	organizer   Attendee
	attendees   []Attendee
	series      bool
	rule        string
	recID       *value // the RECURRENCE-ID of an override kept as a one-off
}

// maxSummary bounds an Event's Summary.
const maxSummary = 1000

// Events returns the occurrences of the calendar's events in window,
// read in zone (the owner's, as for Busy), ordered by start, then end,
// then UID: those that overlap the window, whole, and those of no length
// that start in it. Cancelled and transparent events are among them (see
// Event.Busy); free/busy periods are not events. Busy is the union of the
// busy events' time, and the free/busy periods'. Events has the costs and
// limits of Busy.
func (c *Calendar) Events(ctx context.Context, window calendar.Interval, zone *time.Location) ([]Event, error) {
	if zone == nil {
		zone = time.UTC
	}
	var out []Event
	err := c.occurrences(ctx, "ics.Calendar.Events", window, zone, func(o occurrence) {
		if o.info == nil {
			return
		}
		in := o.info
		e := Event{
			UID:         in.uid,
			Series:      in.series,
			Rule:        in.rule,
			Start:       o.start.In(zone),
			End:         o.end.In(zone),
			AllDay:      in.allDay,
			Summary:     in.summary,
			Status:      in.status,
			Transparent: in.transparent,
			Organizer:   in.organizer,
			Attendees:   slices.Clone(in.attendees),
			Line:        in.line,
		}
		switch {
		case !o.original.IsZero():
			e.RecurrenceID = o.original.In(zone)
		case in.recID != nil:
			e.RecurrenceID, e.Series = in.recID.instant(zone).In(zone), true
		}
		out = append(out, e)
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b Event) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := a.End.Compare(b.End); c != 0 {
			return c
		}
		return strings.Compare(a.UID, b.UID)
	})
	// An instance that two RRULEs of one event both give is one instance.
	return slices.CompactFunc(out, func(a, b Event) bool {
		return a.UID != "" && a.UID == b.UID && a.Line == b.Line && a.Start.Equal(b.Start) && a.End.Equal(b.End)
	}), nil
}

// textValue returns a TEXT value unescaped (RFC 5545 §3.3.11: \\, \;, \,
// and \n or \N), with invalid UTF-8 replaced and cut to max bytes.
func textValue(s string, max int) string {
	if len(s) <= max && strings.IndexByte(s, '\\') < 0 && utf8.ValidString(s) {
		return s // the common case: nothing to unescape, replace or cut
	}
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < max; i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	out := strings.ToValidUTF8(b.String(), "\uFFFD")
	for len(out) > max {
		_, size := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-size]
	}
	return out
}

// attendee reads an ATTENDEE or ORGANIZER property.
func attendee(p *prop) Attendee {
	addr := strings.TrimSpace(p.value)
	if len(addr) >= 7 && strings.EqualFold(addr[:7], "mailto:") {
		addr = addr[7:]
	}
	first := func(name string) string {
		if vs := p.param(name); len(vs) > 0 {
			return strings.TrimSpace(vs[0])
		}
		return ""
	}
	return Attendee{
		Address:  textValue(addr, maxSummary),
		Name:     textValue(first("CN"), maxSummary),
		PartStat: strings.ToUpper(first("PARTSTAT")),
		Role:     strings.ToUpper(first("ROLE")),
	}
}

// Holidays reads the calendar as a calendar of holidays
// (calendar.HolidaySource): every day of an all-day event (a DTSTART
// that is a date) that is not cancelled is a holiday named by the
// event's summary, from from to to, inclusive, each name once a date.
// Transparency is ignored: published holiday calendars mark their events
// transparent. An all-day event of no length is one day. Timed events
// are no holidays, nor are events whose summary says "not a public
// holiday" (as officeholidays.com's calendars mark observances); other
// observances a published calendar lists (Mother's Day, say) are
// holidays unless a working day (calendar.Person.WorkingDays) cancels
// them. The costs and limits are those of Events.
func (c *Calendar) Holidays(ctx context.Context, from, to calendar.Date) ([]calendar.Holiday, error) {
	if to.Before(from) {
		return nil, nil
	}
	window := calendar.Days(from, to, time.UTC)
	events, err := c.Events(ctx, window, time.UTC)
	if err != nil {
		return nil, fmt.Errorf("ics.Calendar.Holidays: %w", err)
	}
	var out []calendar.Holiday
	for _, e := range events {
		name := strings.TrimSpace(e.Summary)
		if !e.AllDay || e.Status == "CANCELLED" || strings.Contains(strings.ToLower(name), "not a public holiday") {
			continue
		}
		first, last := calendar.DateOf(e.Start), calendar.DateOf(e.End)
		if e.End.After(e.Start) {
			last = calendar.DateOf(e.End.Add(-1))
		}
		if first.Before(from) {
			first = from
		}
		for d := first; !d.After(last) && !d.After(to); d = d.AddDays(1) {
			out = append(out, calendar.Holiday{Date: d, Name: name})
		}
	}
	slices.SortFunc(out, func(a, b calendar.Holiday) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return slices.Compact(out), nil
}
