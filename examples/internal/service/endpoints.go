package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

// The endpoints under /api/v1/, by name. Each body is a struct of
// embedded parts, so that an endpoint takes exactly the fields it uses
// (the decoder refuses the others).
var endpoints = map[string]endpoint{
	"availability": {func() any { return new(availabilityBody) }, (*server).availability},
	"overlap":      {func() any { return new(overlapBody) }, (*server).overlap},
	"suggest":      {func() any { return new(suggestBody) }, (*server).suggest},
	"rotate":       {func() any { return new(rotateBody) }, (*server).rotate},
	"advise":       {func() any { return new(adviseBody) }, (*server).advise},
	"audit":        {func() any { return new(auditBody) }, (*server).audit},
	"holidays":     {func() any { return new(holidaysBody) }, (*server).holidays},
	"ics":          {func() any { return new(icsBody) }, (*server).ics},
}

// rosterPart names the team: the demo team, or a roster in the roster
// file's shape with the calendar files it names, sent along by name.
type rosterPart struct {
	Demo      bool              `json:"demo"`
	Roster    json.RawMessage   `json:"roster"`
	Calendars map[string]string `json:"calendars"`
	Strict    bool              `json:"strict"`
}

// viewPart is where the team is seen from and over which window.
type viewPart struct {
	Zone string `json:"zone"`
	From string `json:"from"`
	To   string `json:"to"`
}

type peoplePart struct {
	People []string `json:"people"`
}

// meetingPart is a meeting, for suggest and rotate.
type meetingPart struct {
	Duration       string   `json:"duration"`
	Step           string   `json:"step"`
	Buffer         string   `json:"buffer"`
	Shoulder       string   `json:"shoulder"`
	Night          string   `json:"night"`
	Required       []string `json:"required"`
	Optional       []string `json:"optional"`
	MinAttendance  *float64 `json:"minAttendance"`
	AllowSoftFocus bool     `json:"allowSoftFocus"`
	AllowNight     bool     `json:"allowNight"`
	AllowDaysOff   bool     `json:"allowDaysOff"`
	NotBefore      string   `json:"notBefore"`
}

// rankPart is what suggest asks of its ranking, which a rotation has no
// use for (it takes one slot a part, and may always go off hours).
type rankPart struct {
	Spacing       string `json:"spacing"`
	AllowOffHours bool   `json:"allowOffHours"`
	Max           *int   `json:"max"`
}

type (
	availabilityBody struct {
		rosterPart
		viewPart
		peoplePart
	}
	overlapBody availabilityBody
	suggestBody struct {
		rosterPart
		viewPart
		meetingPart
		rankPart
	}
	rotateBody struct {
		rosterPart
		viewPart
		meetingPart
		N *int `json:"n"`
	}
	adviseBody struct {
		rosterPart
		viewPart
		Title        string   `json:"title"`
		Purpose      string   `json:"purpose"`
		Sensitivity  string   `json:"sensitivity"`
		Ambiguity    string   `json:"ambiguity"`
		Deadline     string   `json:"deadline"`
		Participants []string `json:"participants"`
		Deciders     []string `json:"deciders"`
		Reversible   bool     `json:"reversible"`
		Written      bool     `json:"written"`
		First        bool     `json:"first"`
		Recurring    bool     `json:"recurring"`
		Exchanges    int      `json:"exchanges"`
		Now          string   `json:"now"`
	}
	auditBody struct {
		rosterPart
		viewPart
		Purposes map[string]string `json:"purposes"`
	}
	holidaysBody struct {
		rosterPart
		viewPart
		Codes  []string `json:"codes"`
		Actual bool     `json:"actual"`
	}
	icsBody struct {
		rosterPart
		Title string     `json:"title"`
		Slots []slotJSON `json:"slots"`
	}
	slotJSON struct {
		Start     string `json:"start"`
		End       string `json:"end"`
		Attendees []struct {
			ID       string `json:"id"`
			Optional bool   `json:"optional"`
		} `json:"attendees"`
	}
)

// fieldName writes a field as the body spells it.
func fieldName(f string) string { return fmt.Sprintf("%q", f) }

// bad is a request's fault, naming the field.
func bad(field, format string, args ...any) error {
	return errors.New(fieldName(field) + ": " + fmt.Sprintf(format, args...))
}

// inBody rewrites a *plan.FieldError with the body's names.
func inBody(err error) error {
	var fe *plan.FieldError
	if errors.As(err, &fe) {
		return errors.New(fe.Format(fieldName))
	}
	return err
}

// roster reads the team the body names.
func (p *rosterPart) roster(ctx context.Context) (calendar.Roster, error) {
	given := len(p.Roster) > 0 && string(p.Roster) != "null"
	switch {
	case p.Demo && (given || p.Calendars != nil):
		return calendar.Roster{}, bad("demo", "the demo team comes with its own roster and calendars: leave out \"roster\" and \"calendars\"")
	case p.Demo:
		r, err := plan.ReadDemo(ctx)
		if err != nil {
			return r, internalError{err}
		}
		return r, nil
	case !given:
		return calendar.Roster{}, bad("roster", "missing: send a roster (the roster file's shape) or \"demo\": true")
	}
	files := memFS{}
	for name, text := range p.Calendars {
		files[name] = []byte(text)
	}
	r, err := ics.ReadRosterFS(ctx, bytes.NewReader(p.Roster), files, ics.Options{Strict: p.Strict})
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		return r, fmt.Errorf("%s: %w", fieldName("roster"), err)
	}
	if len(r.People) == 0 {
		return r, bad("roster", "the roster has no people")
	}
	warnProblems(ctx, r)
	return r, nil
}

// maxWarnings bounds the Tzplan-Warning headers of one answer.
const maxWarnings = 20

// warningsKey is the context key of a request's warnings: what reading
// its calendar files skipped, which the answer's Tzplan-Warning headers
// say, so that a lenient read is never a silent one.
type warningsKey struct{}

// warnProblems notes the problems of the roster's calendar files, each
// file once, as "name": line N: what.
func warnProblems(ctx context.Context, r calendar.Roster) {
	w, ok := ctx.Value(warningsKey{}).(*[]string)
	if !ok {
		return
	}
	seen := map[string]bool{}
	for _, p := range r.People {
		for i, src := range p.Sources {
			c, ok := src.(*ics.Calendar)
			if !ok || i >= len(p.Calendars) || seen[p.Calendars[i]] {
				continue
			}
			seen[p.Calendars[i]] = true
			if !warn(w, p.Calendars[i], c) {
				return
			}
		}
		for i, src := range p.HolidaySources {
			c, ok := src.(*ics.Calendar)
			if !ok || i >= len(p.HolidayCalendars) || seen[p.HolidayCalendars[i]] {
				continue
			}
			seen[p.HolidayCalendars[i]] = true
			if !warn(w, p.HolidayCalendars[i], c) {
				return
			}
		}
	}
}

// warn notes the problems of the calendar file name, and reports whether
// there is room for more.
func warn(w *[]string, name string, c *ics.Calendar) bool {
	for _, pr := range c.Problems() {
		if len(*w) == maxWarnings {
			return false
		}
		*w = append(*w, fmt.Sprintf("%q: %s", name, pr))
	}
	return len(*w) < maxWarnings
}

// A view is a request's team, zone and window.
type view struct {
	roster calendar.Roster
	team   []calendar.Person
	zone   *time.Location
	window calendar.Interval
	now    time.Time
	// defaulted says that the window is the default one (no from or to).
	defaulted bool
}

// view reads the team, the zone and the window (weeks long by default, from
// now's week), keeping those people of the roster with ids (all for none).
func (s *server) view(ctx context.Context, rp *rosterPart, vp *viewPart, ids []string, weeks int, now time.Time) (*view, error) {
	v := &view{now: now.Truncate(time.Minute), defaulted: vp.From == "" && vp.To == ""}
	var err error
	if v.zone, err = plan.Zone(vp.Zone); err != nil {
		return nil, inBody(err)
	}
	if v.window, err = plan.Window(vp.From, vp.To, v.zone, v.now, weeks); err != nil {
		return nil, inBody(err)
	}
	if v.roster, err = rp.roster(ctx); err != nil {
		return nil, err
	}
	if v.team, err = plan.Team(v.roster, ids); err != nil {
		return nil, inBody(err)
	}
	if len(v.team) > s.opt.MaxPeople {
		return nil, bad("roster", "%d people, more than the %d this service plans for at once", len(v.team), s.opt.MaxPeople)
	}
	if days := v.window.Duration().Hours() / 24; days > float64(s.opt.MaxDays) {
		return nil, bad("to", "a window of %.0f days, longer than the %d this service plans for at once", days, s.opt.MaxDays)
	}
	return v, nil
}

func (v *view) report(ctx context.Context, opt overlap.Options) (*overlap.Report, error) {
	return overlap.Compute(ctx, v.team, v.window, opt)
}

// teamReport is the report of availability and overlap: the body's
// people over its window.
func (s *server) teamReport(ctx context.Context, b *availabilityBody) (*view, *overlap.Report, error) {
	v, err := s.view(ctx, &b.rosterPart, &b.viewPart, b.People, 1, s.opt.Now())
	if err != nil {
		return nil, nil, err
	}
	r, err := v.report(ctx, overlap.Options{})
	return v, r, err
}

func (s *server) availability(ctx context.Context, body any) (any, error) {
	v, r, err := s.teamReport(ctx, body.(*availabilityBody))
	if err != nil {
		return nil, err
	}
	return plan.Availability(r, v.team)
}

func (s *server) overlap(ctx context.Context, body any) (any, error) {
	v, r, err := s.teamReport(ctx, (*availabilityBody)(body.(*overlapBody)))
	if err != nil {
		return nil, err
	}
	return plan.Overlap(ctx, r, v.team, v.zone)
}

// request reads a meeting's fields, and rank's for suggest, into the
// library's request.
func (m *meetingPart) request(v *view, rank *rankPart) (overlap.Request, error) {
	mt := plan.DefaultMeeting()
	if rank == nil {
		rank = &rankPart{}
	}
	for _, d := range []struct {
		field string
		text  string
		to    *time.Duration
	}{{"duration", m.Duration, &mt.Duration}, {"step", m.Step, &mt.Step}, {"buffer", m.Buffer, &mt.Buffer},
		{"spacing", rank.Spacing, &mt.Spacing}, {"shoulder", m.Shoulder, &mt.Shoulder}} {
		if d.text == "" {
			continue
		}
		x, err := time.ParseDuration(d.text)
		if err != nil {
			return overlap.Request{}, bad(d.field, "%q is not a duration such as \"30m\" or \"1h30m\"", d.text)
		}
		*d.to = x
	}
	if m.MinAttendance != nil {
		mt.MinAttendance = *m.MinAttendance
	}
	if rank.Max != nil {
		mt.Max = *rank.Max
	}
	mt.Night, mt.Required, mt.Optional, mt.NotBefore = m.Night, m.Required, m.Optional, m.NotBefore
	mt.AllowSoftFocus, mt.AllowOffHours, mt.AllowNight, mt.AllowDaysOff = m.AllowSoftFocus, rank.AllowOffHours, m.AllowNight, m.AllowDaysOff
	req, err := mt.Request(v.roster, v.team, v.zone)
	if err != nil {
		return req, inBody(err)
	}
	if m.NotBefore == "" && v.defaulted && v.window.Contains(v.now) { // this week: from now on, as a slot in the past helps no one
		req.NotBefore = v.now
	}
	return req, nil
}

func (s *server) suggest(ctx context.Context, body any) (any, error) {
	b := body.(*suggestBody)
	v, err := s.view(ctx, &b.rosterPart, &b.viewPart, nil, 1, s.opt.Now())
	if err != nil {
		return nil, err
	}
	req, err := b.request(v, &b.rankPart)
	if err != nil {
		return nil, err
	}
	r, err := v.report(ctx, overlap.Options{FocusIsFree: b.AllowSoftFocus})
	if err != nil {
		return nil, err
	}
	return plan.Suggestions(r.Suggest(ctx, req))
}

func (s *server) rotate(ctx context.Context, body any) (any, error) {
	b := body.(*rotateBody)
	n := 8
	if b.N != nil {
		n = *b.N
	}
	if n <= 0 || n > plan.MaxMeetings {
		return nil, fmt.Errorf("%s %d: want 1 to %d", fieldName("n"), n, plan.MaxMeetings)
	}
	v, err := s.view(ctx, &b.rosterPart, &b.viewPart, nil, n, s.opt.Now())
	if err != nil {
		return nil, err
	}
	req, err := b.request(v, nil)
	if err != nil {
		return nil, err
	}
	req.AllowOffHours = true // a rotation spreads the inconvenient times, so it must be able to choose them
	r, err := v.report(ctx, overlap.Options{FocusIsFree: b.AllowSoftFocus})
	if err != nil {
		return nil, err
	}
	return plan.Rotation(r.Rotate(ctx, req, n))
}

func (s *server) advise(ctx context.Context, body any) (any, error) {
	b := body.(*adviseBody)
	now := s.opt.Now()
	if b.Now != "" {
		t, err := time.Parse(time.RFC3339, b.Now)
		if err != nil {
			return nil, bad("now", "%q: want an RFC 3339 instant, such as \"2026-03-10T09:00:00Z\"", b.Now)
		}
		now = t
	}
	v, err := s.view(ctx, &b.rosterPart, &b.viewPart, nil, 1, now)
	if err != nil {
		return nil, err
	}
	t, err := plan.Topic{Title: b.Title, Purpose: b.Purpose, Sensitivity: b.Sensitivity, Ambiguity: b.Ambiguity,
		Deadline: b.Deadline, Participants: b.Participants, Deciders: b.Deciders, Reversible: b.Reversible,
		Written: b.Written, First: b.First, Recurring: b.Recurring, Exchanges: b.Exchanges}.Topic(v.team, v.zone)
	if err != nil {
		return nil, inBody(err)
	}
	if !v.window.Contains(v.now) {
		return nil, bad("now", "%s is outside the window %s to %s: advise decides as of now (send \"now\" inside the window)",
			v.now.UTC().Format(time.RFC3339), v.window.Start.UTC().Format(time.RFC3339), v.window.End.UTC().Format(time.RFC3339))
	}
	r, err := v.report(ctx, overlap.Options{})
	if err != nil {
		return nil, err
	}
	return plan.Decide(ctx, r, t, v.now)
}

func (s *server) audit(ctx context.Context, body any) (any, error) {
	b := body.(*auditBody)
	purposes := map[string]policy.Purpose{}
	for name, text := range b.Purposes {
		p, err := policy.ParsePurpose(text)
		if err != nil {
			return nil, bad("purposes", "%q: %q is not a purpose (want inform, gather-input, decide, ideate, resolve-conflict, connect or incident)", name, text)
		}
		purposes[name] = p
	}
	v, err := s.view(ctx, &b.rosterPart, &b.viewPart, nil, 4, s.opt.Now())
	if err != nil {
		return nil, err
	}
	return plan.Audit(ctx, v.team, v.window, purposes)
}

func (s *server) holidays(ctx context.Context, body any) (any, error) {
	b := body.(*holidaysBody)
	now := s.opt.Now()
	zone, err := plan.Zone(b.Zone)
	if err != nil {
		return nil, inBody(err)
	}
	w, err := plan.HolidayWindow(b.From, b.To, zone, now)
	if err != nil {
		return nil, inBody(err)
	}
	first, last := plan.Dates(w, zone)
	given := b.Demo || (len(b.Roster) > 0 && string(b.Roster) != "null")
	switch {
	case len(b.Codes) > 0 && (given || b.Calendars != nil || b.Strict):
		return nil, bad("codes", "give codes or a roster (with its calendars), not both")
	case len(b.Codes) > 0:
		hs, err := plan.CodeHolidays(b.Codes, first, last, b.Actual)
		return hs, inBody(err)
	case b.Actual:
		return nil, bad("actual", "only with \"codes\"")
	case b.Calendars != nil || b.Strict:
		return nil, bad("calendars", "only with a roster, whose holiday calendars they are")
	case given:
		r, err := b.roster(ctx)
		if err != nil {
			return nil, err
		}
		return plan.RosterHolidays(ctx, r.People, first, last)
	}
	return plan.CodesJSON{Codes: calendar.HolidayCodes()}, nil
}

// maxSlots bounds the invites of one request: a rotation has at most a
// few hundred meetings.
const maxSlots = 1000

func (s *server) ics(ctx context.Context, body any) (any, error) {
	b := body.(*icsBody)
	if len(b.Slots) == 0 {
		return nil, bad("slots", "missing: want at least one slot, {\"start\", \"end\", \"attendees\": [{\"id\"}]}")
	}
	if len(b.Slots) > maxSlots {
		return nil, bad("slots", "%d slots, more than %d", len(b.Slots), maxSlots)
	}
	r, err := b.roster(ctx)
	if err != nil {
		return nil, err
	}
	title := b.Title
	if title == "" {
		title = "Meeting"
	}
	var slots []plan.Slot
	for i, js := range b.Slots {
		field := fmt.Sprintf("slots[%d]", i)
		start, err := time.Parse(time.RFC3339, js.Start)
		if err != nil {
			return nil, bad(field+".start", "%q: want an RFC 3339 instant", js.Start)
		}
		end, err := time.Parse(time.RFC3339, js.End)
		if err != nil {
			return nil, bad(field+".end", "%q: want an RFC 3339 instant", js.End)
		}
		if !end.After(start) {
			return nil, bad(field+".end", "%s is not after the start %s", js.End, js.Start)
		}
		sl := plan.Slot{Interval: calendar.Interval{Start: start, End: end}}
		for j, a := range js.Attendees {
			if _, ok := r.Person(a.ID); !ok {
				return nil, bad(fmt.Sprintf("%s.attendees[%d].id", field, j), "%q is not in the roster", a.ID)
			}
			sl.Attendees = append(sl.Attendees, plan.SlotAttendee{ID: a.ID, Optional: a.Optional})
		}
		slots = append(slots, sl)
	}
	var out bytes.Buffer
	if err := plan.WriteInvites(&out, r, "-//tzplan//service//EN", title, s.opt.Now(), slots...); err != nil {
		return nil, inBody(err)
	}
	return file{name: "tzplan.ics", contentType: "text/calendar; charset=utf-8", data: out.Bytes()}, nil
}
