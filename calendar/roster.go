package calendar

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/jsontext"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// A Roster is a team: the people it plans for, in the order given.
type Roster struct {
	People []Person
}

// ReadRoster reads a roster file: JSON of the form
//
//	{"people": [
//	  {"id": "ana", "name": "Ana Souza", "zone": "America/Sao_Paulo",
//	   "hours": "Mon-Fri 09:00-12:00,13:00-18:00",
//	   "holidays": ["BR"], "holidayDates": "observed",
//	   "timeOff": [{"from": "2026-03-10", "to": "2026-03-12", "reason": "vacation"}],
//	   "focus": [{"name": "deep work", "rule": "FREQ=WEEKLY;BYDAY=TU,TH",
//	              "start": "2026-01-06T09:00", "duration": "2h", "hard": true}],
//	   "busy": [{"start": "2026-03-03T14:00:00Z", "end": "2026-03-03T15:00:00Z"}]}
//	]}
//
// Each person needs an id, unique in the roster, and a zone from the IANA
// time zone database. "hours" defaults to DefaultHours (an empty string
// means no working hours); "holidayDates" is "observed" (the default) or
// "actual"; "start" is a wall date-time in the person's zone, which a
// DTSTART line in "rule" replaces; "duration" is a Go duration ("2h",
// "90m"); busy times are RFC 3339 instants. Unknown fields are errors, so
// that a misspelt field cannot silently drop someone's holidays, and so is
// anything Compile rejects. Errors name the person and the field.
//
// "calendars" lists calendar files, relative to the roster file. ReadRoster
// has no file to be relative to, so it keeps their names in
// Person.Calendars and opens none of them; ReadRosterWith opens them, and
// ics.ReadRosterFile reads a roster file and its iCalendar files.
//
// Holidays beyond the "holidays" codes: "holidayCalendars" name
// iCalendar files of holidays (each all-day event's days are holidays,
// named by the event), "daysOff" ([{"date", "name"}]) are days off of
// the person's own, such as a company's, and "workingDays" (dates) cancel
// the holidays of the codes and calendars on their dates; a day off is
// one whatever the working days. All three may be given for the whole
// roster, next to "people", and for a person: the roster's come first,
// and a person's working day also cancels a roster's day off on its
// date (Person.HolidayCalendars, DaysOff, WorkingDays). "hours" are read
// by ParseWorkingHours, which refuses a span of more than 16 hours (but
// 00:00-24:00) and names the likely reading of one.
//
// A person's "stays" ([{"from", "to", "zone", "holidays"}]) are dates
// spent in another zone, with the holiday codes kept there when given
// ([] for none; left out, those of home), and "hoursFrom" ([{"from",
// "hours"}]) working hours from a date on (Person.Stays, HoursFrom).
func ReadRoster(r io.Reader) (Roster, error) {
	return ReadRosterWith(context.Background(), r, RosterOptions{})
}

// RosterOptions say how ReadRosterWith reads what a roster refers to.
type RosterOptions struct {
	// OpenCalendar opens a calendar file named in a person's
	// "calendars", as written there. Its result is added to the person's
	// Sources. Nil leaves Sources empty.
	OpenCalendar func(ctx context.Context, name string) (BusySource, error)
	// OpenHolidays opens a holiday calendar named in "holidayCalendars"
	// (the roster's or a person's), as written there, once a name. Its
	// result is added to the HolidaySources of everyone who names it. Nil
	// leaves HolidaySources empty.
	OpenHolidays func(ctx context.Context, name string) (HolidaySource, error)
}

// ReadRosterWith is ReadRoster with options: it also opens the calendar
// files that people name, with opt.OpenCalendar. An error opening one
// names the person and the file.
func ReadRosterWith(ctx context.Context, r io.Reader, opt RosterOptions) (Roster, error) {
	lim := LimitsOf(ctx)
	b, err := io.ReadAll(io.LimitReader(r, lim.RosterBytes+1))
	if err != nil {
		return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", err)
	}
	if int64(len(b)) > lim.RosterBytes {
		return Roster{}, fmt.Errorf("calendar.ReadRoster: %w: Limits.RosterBytes: the roster is larger than %d bytes", ErrLimit, lim.RosterBytes)
	}
	ro, err := readRoster(b, lim)
	if err != nil {
		return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", err)
	}
	if opt.OpenHolidays != nil {
		opened := map[string]HolidaySource{}
		for i := range ro.People {
			p := &ro.People[i]
			for _, name := range p.HolidayCalendars {
				src, ok := opened[name]
				if !ok {
					if err := ctx.Err(); err != nil {
						return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", err)
					}
					if src, err = opt.OpenHolidays(ctx, name); err != nil {
						return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", p.errorFor(fmt.Errorf("holiday calendar %s: %w", icalvalue.Quote(name), err)))
					}
					opened[name] = src
				}
				p.HolidaySources = append(p.HolidaySources, src)
			}
		}
	}
	if opt.OpenCalendar != nil {
		for i := range ro.People {
			p := &ro.People[i]
			for _, name := range p.Calendars {
				if err := ctx.Err(); err != nil {
					return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", err)
				}
				src, err := opt.OpenCalendar(ctx, name)
				if err != nil {
					return Roster{}, fmt.Errorf("calendar.ReadRoster: %w", p.errorFor(fmt.Errorf("calendar %s: %w", icalvalue.Quote(name), err)))
				}
				p.Sources = append(p.Sources, src)
			}
		}
	}
	return ro, nil
}

// Person returns the person with the given id.
func (r Roster) Person(id string) (*Person, bool) {
	for i := range r.People {
		if r.People[i].ID == id {
			return &r.People[i], true
		}
	}
	return nil, false
}

type rosterJSON struct {
	People []json.RawMessage `json:"people"`
	daysJSON
}

// daysJSON are the holiday fields a roster and a person both have.
type daysJSON struct {
	HolidayCalendars []string     `json:"holidayCalendars,omitempty"`
	DaysOff          []dayOffJSON `json:"daysOff,omitempty"`
	WorkingDays      []Date       `json:"workingDays,omitempty"`
}

// check returns the field at fault and what is wrong with it: an empty
// calendar name, a day off with no date or name, a working day with no
// date.
func (j daysJSON) check() (field string, err error) {
	for i, name := range j.HolidayCalendars {
		if name == "" {
			return fmt.Sprintf("holidayCalendars %d", i+1), errors.New("empty file name")
		}
	}
	for i, d := range j.DaysOff {
		switch {
		case !d.Date.IsValid():
			return fmt.Sprintf("daysOff %d", i+1), errors.New("no date")
		case d.Name == "":
			return fmt.Sprintf("daysOff %d", i+1), fmt.Errorf("%s has no name", d.Date)
		}
	}
	for i, d := range j.WorkingDays {
		if !d.IsValid() {
			return fmt.Sprintf("workingDays %d", i+1), errors.New("no date")
		}
	}
	return "", nil
}

type dayOffJSON struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// MarshalJSON writes the roster in the form ReadRoster reads.
func (r Roster) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		People []Person `json:"people"`
	}{r.People})
}

// UnmarshalJSON reads a roster as ReadRoster does.
func (r *Roster) UnmarshalJSON(b []byte) error {
	ro, err := readRoster(b, DefaultLimits())
	if err != nil {
		return fmt.Errorf("calendar.Roster.UnmarshalJSON: %w", err)
	}
	*r = ro
	return nil
}

// readRoster is Roster.UnmarshalJSON, with errors that name the person
// and the field but not the function.
func readRoster(b []byte, lim Limits) (Roster, error) {
	var rj rosterJSON
	if err := jsontext.DecodeStrict(b, &rj); err != nil {
		return Roster{}, err
	}
	if rj.People == nil {
		return Roster{}, errors.New(`no "people"`)
	}
	if field, err := rj.check(); err != nil {
		return Roster{}, fmt.Errorf("%s: %w", field, err)
	}
	// Everyone gets the roster's days: bound what that makes in all.
	if n := int64(len(rj.DaysOff)+len(rj.WorkingDays)+len(rj.HolidayCalendars)) * int64(len(rj.People)); n > rosterDaysFactor*int64(lim.Days) {
		return Roster{}, fmt.Errorf("%w: Limits.Days: the roster's %d days off, working days and holiday calendars for each of %d people are more than %d in all",
			ErrLimit, len(rj.DaysOff)+len(rj.WorkingDays)+len(rj.HolidayCalendars), len(rj.People), rosterDaysFactor*int64(lim.Days))
	}
	out := Roster{People: make([]Person, len(rj.People))}
	seen, emails := map[string]int{}, map[string]int{}
	for i, raw := range rj.People {
		p := &out.People[i]
		if err := p.unmarshal(raw, lim, &rj.daysJSON); err != nil {
			var named *personError
			if errors.As(err, &named) {
				return Roster{}, err
			}
			return Roster{}, fmt.Errorf("person %d: %w", i+1, err)
		}
		if j, dup := seen[p.ID]; dup {
			return Roster{}, fmt.Errorf("person %d: id %s is already used by person %d", i+1, icalvalue.Quote(p.ID), j)
		}
		seen[p.ID] = i + 1
		for _, e := range p.Emails {
			switch j, dup := emails[NormalEmail(e)]; {
			case dup && j == i+1:
				return Roster{}, fmt.Errorf("person %d: email %s is listed twice", i+1, icalvalue.Quote(e))
			case dup:
				return Roster{}, fmt.Errorf("person %d: email %s is already used by person %d", i+1, icalvalue.Quote(e), j)
			}
			emails[NormalEmail(e)] = i + 1
		}
	}
	return out, nil
}

type personJSON struct {
	ID           string        `json:"id"`
	Name         string        `json:"name,omitempty"`
	Zone         string        `json:"zone"`
	Hours        *string       `json:"hours,omitempty"`
	Holidays     []string      `json:"holidays,omitempty"`
	HolidayDates *HolidayDates `json:"holidayDates,omitempty"`
	TimeOff      []timeOffJSON `json:"timeOff,omitempty"`
	Focus        []focusJSON   `json:"focus,omitempty"`
	Busy         []Interval    `json:"busy,omitempty"`
	Calendars    []string      `json:"calendars,omitempty"`
	Comfort      *comfortJSON  `json:"comfort,omitempty"`
	Emails       []string      `json:"emails,omitempty"`
	daysJSON

	Stays     []stayJSON      `json:"stays,omitempty"`
	HoursFrom []hoursFromJSON `json:"hoursFrom,omitempty"`
}

// stayJSON is a Stay: {"from", "to", "zone"}, and "holidays" when the
// stay keeps its own (an empty list: none).
type stayJSON struct {
	From     Date      `json:"from"`
	To       Date      `json:"to"`
	Zone     string    `json:"zone"`
	Holidays *[]string `json:"holidays,omitempty"`
}

type hoursFromJSON struct {
	From  Date   `json:"from"`
	Hours string `json:"hours"`
}

// comfortJSON is a Comfort: {"shoulder": "1h30m", "night": "23:00-08:00"},
// either left out for its default.
type comfortJSON struct {
	Shoulder string `json:"shoulder,omitempty"`
	Night    string `json:"night,omitempty"`
}

type timeOffJSON struct {
	From   Date   `json:"from"`
	To     Date   `json:"to"`
	Reason string `json:"reason,omitempty"`
}

type focusJSON struct {
	Name     string `json:"name"`
	Rule     string `json:"rule"`
	Start    string `json:"start,omitempty"`
	Duration string `json:"duration"`
	Hard     bool   `json:"hard,omitempty"`
}

// MarshalJSON writes p as one entry of a roster file. Busy times are
// written in UTC.
func (p Person) MarshalJSON() ([]byte, error) {
	if p.Zone == nil {
		return nil, fmt.Errorf("calendar.Person.MarshalJSON: person %q: no zone", p.ID)
	}
	if _, err := loadZone(p.Zone.String()); err != nil {
		// A fixed zone or Local would not read back, or read back as
		// another machine's zone.
		return nil, fmt.Errorf("calendar.Person.MarshalJSON: person %q: zone: %w", p.ID, err)
	}
	hours := p.Hours.String()
	// Hours a roster would refuse (a span of more than 16 hours) would
	// not read back: say so here, not when they are read.
	if _, err := ParseWorkingHours(hours); err != nil {
		return nil, fmt.Errorf("calendar.Person.MarshalJSON: person %q: hours: %w", p.ID, err)
	}
	for _, h := range p.HoursFrom {
		if _, err := ParseWorkingHours(h.Hours.String()); err != nil {
			return nil, fmt.Errorf("calendar.Person.MarshalJSON: person %q: hours from %s: %w", p.ID, h.From, err)
		}
	}
	which := p.HolidayDates
	pj := personJSON{
		ID: p.ID, Name: p.Name, Zone: p.Zone.String(), Hours: &hours,
		Holidays: p.Holidays, HolidayDates: &which, Calendars: p.Calendars, Emails: p.Emails,
		daysJSON: daysJSON{HolidayCalendars: p.HolidayCalendars, WorkingDays: p.WorkingDays},
	}
	for _, d := range p.DaysOff {
		pj.DaysOff = append(pj.DaysOff, dayOffJSON(d))
	}
	for _, st := range p.Stays {
		if st.Zone == nil {
			return nil, fmt.Errorf("calendar.Person.MarshalJSON: person %q: a stay with no zone", p.ID)
		}
		sj := stayJSON{From: st.From, To: st.To, Zone: st.Zone.String()}
		if st.Holidays != nil {
			sj.Holidays = &st.Holidays
		}
		pj.Stays = append(pj.Stays, sj)
	}
	for _, h := range p.HoursFrom {
		pj.HoursFrom = append(pj.HoursFrom, hoursFromJSON{From: h.From, Hours: h.Hours.String()})
	}
	for _, off := range p.TimeOff {
		pj.TimeOff = append(pj.TimeOff, timeOffJSON(off))
	}
	for _, f := range p.Focus {
		fj := focusJSON{Name: f.Name, Rule: f.Rule, Duration: jsontext.FormatDuration(f.Duration), Hard: f.Hard}
		switch {
		case f.Rule == "":
			fj.Rule = f.Recurrence.String() // with its DTSTART
		case f.Start != (DateTime{}):
			fj.Start = f.Start.String()
		}
		pj.Focus = append(pj.Focus, fj)
	}
	for iv := range p.Busy.All() {
		pj.Busy = append(pj.Busy, iv)
	}
	if !p.Comfort.IsZero() {
		pj.Comfort = &comfortJSON{}
		if p.Comfort.Shoulder != 0 {
			pj.Comfort.Shoulder = jsontext.FormatDuration(p.Comfort.Shoulder)
		}
		if p.Comfort.Night != (Span{}) {
			pj.Comfort.Night = p.Comfort.Night.String()
		}
	}
	return json.Marshal(pj)
}

// UnmarshalJSON reads p from one entry of a roster file and validates it.
// On error p is unchanged.
func (p *Person) UnmarshalJSON(b []byte) error {
	if err := p.unmarshal(b, DefaultLimits(), nil); err != nil {
		return fmt.Errorf("calendar.Person.UnmarshalJSON: %w", err)
	}
	return nil
}

// unmarshal is UnmarshalJSON without the function's name in its errors.
func (p *Person) unmarshal(b []byte, lim Limits, roster *daysJSON) error {
	var pj personJSON
	if err := jsontext.DecodeStrict(b, &pj); err != nil {
		return err
	}
	if pj.ID == "" {
		return errors.New(`no "id"`)
	}
	np := Person{ID: pj.ID, Name: pj.Name, Holidays: pj.Holidays}
	fail := func(field string, err error) error {
		return np.errorFor(fmt.Errorf("%s: %w", field, err))
	}
	zone, err := loadZone(pj.Zone)
	if err != nil {
		return fail("zone", err)
	}
	np.Zone = zone
	hours := DefaultHours
	if pj.Hours != nil {
		hours = *pj.Hours
	}
	if np.Hours, err = ParseWorkingHours(hours); err != nil {
		return fail("hours", err)
	}
	np.NoHours = np.Hours.IsZero()
	if pj.HolidayDates != nil {
		np.HolidayDates = *pj.HolidayDates
	}
	for _, off := range pj.TimeOff {
		np.TimeOff = append(np.TimeOff, TimeOff(off))
	}
	for i, fj := range pj.Focus {
		f := FocusBlock{Name: fj.Name, Rule: fj.Rule, Hard: fj.Hard}
		if fj.Start != "" {
			if f.Start, err = ParseDateTime(fj.Start); err != nil {
				return fail(fmt.Sprintf("focus %d: start", i+1), err)
			}
		}
		if f.Duration, err = time.ParseDuration(fj.Duration); err != nil {
			return fail(fmt.Sprintf("focus %d: duration", i+1), err)
		}
		np.Focus = append(np.Focus, f)
	}
	var busy SetBuilder
	for i, iv := range pj.Busy {
		if !iv.Start.Before(iv.End) {
			return fail(fmt.Sprintf("busy %d", i+1), fmt.Errorf("end %s is not after start %s",
				iv.End.Format(time.RFC3339), iv.Start.Format(time.RFC3339)))
		}
		busy.Add(iv)
	}
	np.Busy = busy.Set()
	for i, name := range pj.Calendars {
		if name == "" {
			return fail(fmt.Sprintf("calendars %d", i+1), errors.New("empty file name"))
		}
	}
	np.Calendars = pj.Calendars
	if field, err := pj.check(); err != nil {
		return fail(field, err)
	}
	np.HolidayCalendars = pj.HolidayCalendars
	for _, d := range pj.DaysOff {
		np.DaysOff = append(np.DaysOff, DayOff(d))
	}
	np.WorkingDays = pj.WorkingDays
	for i, sj := range pj.Stays {
		if !sj.From.IsValid() || !sj.To.IsValid() {
			return fail(fmt.Sprintf("stays %d", i+1), errors.New(`want "from" and "to" dates`))
		}
		st := Stay{From: sj.From, To: sj.To}
		if st.Zone, err = loadZone(sj.Zone); err != nil {
			return fail(fmt.Sprintf("stays %d: zone", i+1), err)
		}
		if sj.Holidays != nil {
			st.Holidays = append([]string{}, *sj.Holidays...)
		}
		np.Stays = append(np.Stays, st)
	}
	for i, hj := range pj.HoursFrom {
		if !hj.From.IsValid() {
			return fail(fmt.Sprintf("hoursFrom %d", i+1), errors.New(`want a "from" date`))
		}
		h := DatedHours{From: hj.From}
		if h.Hours, err = ParseWorkingHours(hj.Hours); err != nil {
			return fail(fmt.Sprintf("hoursFrom %d", i+1), err)
		}
		np.HoursFrom = append(np.HoursFrom, h)
	}
	for i, e := range pj.Emails {
		if err := checkEmail(e); err != nil {
			return fail(fmt.Sprintf("emails %d", i+1), err)
		}
	}
	np.Emails = pj.Emails
	if c := pj.Comfort; c != nil {
		if c.Shoulder != "" {
			if np.Comfort.Shoulder, err = time.ParseDuration(c.Shoulder); err != nil {
				return fail("comfort: shoulder", err)
			}
			if np.Comfort.Shoulder == 0 {
				return fail("comfort: shoulder", errors.New(`zero: leave "shoulder" out for the default`))
			}
		}
		if c.Night != "" {
			if np.Comfort.Night, err = ParseSpan(c.Night); err != nil {
				return fail("comfort: night", err)
			}
			if np.Comfort.Night == (Span{}) {
				return fail("comfort: night", errors.New(`00:00-00:00 is a whole day: leave "night" out for the default`))
			}
		}
	}
	if roster != nil {
		np.withRosterDays(*roster)
	}
	if _, err := compile(&np, lim); err != nil {
		return err
	}
	*p = np
	return nil
}

// rosterDaysFactor times Limits.Days bounds the roster's days times its
// people: everyone gets a copy.
const rosterDaysFactor = 500

// withRosterDays puts the roster's holiday calendars and days before the
// person's own. A person's working day cancels a roster's day off on its
// date, as it cancels a calendar's holiday; a person's day off is one
// whatever the roster's working days.
func (p *Person) withRosterDays(rj daysJSON) {
	if len(rj.HolidayCalendars)+len(rj.DaysOff)+len(rj.WorkingDays) == 0 {
		return
	}
	working := make(map[Date]bool, len(p.WorkingDays))
	for _, d := range p.WorkingDays {
		working[d] = true
	}
	var cals []string
	seen := map[string]bool{}
	for _, name := range append(slices.Clone(rj.HolidayCalendars), p.HolidayCalendars...) {
		if !seen[name] {
			seen[name] = true
			cals = append(cals, name)
		}
	}
	p.HolidayCalendars = cals
	var off []DayOff
	for _, d := range rj.DaysOff {
		if !working[d.Date] {
			off = append(off, DayOff(d))
		}
	}
	p.DaysOff = append(off, p.DaysOff...)
	var days []Date
	for _, d := range rj.WorkingDays {
		if !working[d] {
			working[d] = true
			days = append(days, d)
		}
	}
	p.WorkingDays = append(days, p.WorkingDays...)
}

// checkEmail reports an address a calendar could not name someone by:
// empty, with spaces or control characters, or over 320 bytes (RFC 3696's
// longest address).
func checkEmail(e string) error {
	switch {
	case NormalEmail(e) == "":
		return errors.New("empty address")
	case len(e) > 320:
		return fmt.Errorf("address of %d bytes is longer than 320", len(e))
	case strings.ContainsFunc(e, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return fmt.Errorf("address %s has a space or control character", icalvalue.Quote(e))
	}
	return nil
}

// NormalEmail returns the form of a calendar address that matching
// compares: without a leading "mailto:" (in any case), lower-cased.
func NormalEmail(e string) string {
	if len(e) >= 7 && strings.EqualFold(e[:7], "mailto:") {
		e = e[7:]
	}
	return strings.ToLower(e)
}
