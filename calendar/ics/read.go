package ics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
	"github.com/tzplan/tzplan/internal/tznames"
)

// A readError is an error in the input, with where it is.
type readError struct {
	fn   string // the function that returned it, such as "ics.Read"
	file string // the file, for ReadFile
	line int    // the line, from 1; 0 when the error has none
	what string // the component and property, such as `VEVENT "uid": DTEND`
	err  error
}

// ErrorLine returns the line of the input that an error of Read or
// ReadFile is about, from 1, or 0 when it is about none: to say where a
// file is wrong without quoting it, as the error's text does.
func ErrorLine(err error) int {
	var re *readError
	if errors.As(err, &re) {
		return re.line
	}
	return 0
}

func (e *readError) Error() string {
	var b strings.Builder
	if e.fn != "" {
		b.WriteString(e.fn + ": ")
	}
	if e.file != "" {
		b.WriteString(e.file + ": ")
	}
	if e.line > 0 {
		b.WriteString("line " + strconv.Itoa(e.line) + ": ")
	}
	if e.what != "" {
		b.WriteString(e.what + ": ")
	}
	b.WriteString(e.err.Error())
	return b.String()
}

func (e *readError) Unwrap() error { return e.err }

// Read reads every VCALENDAR in r (a stream may hold several, one after
// another) and returns the busy time they describe. See the package
// documentation for what is read.
//
// Reading is lenient unless opt.Strict is set: a line, property or event
// that cannot be used is skipped, the rest is read, and what was skipped
// is listed, with its line, in the Calendar's Problems. In strict reading
// the first problem is the error. Either way, an input with no VCALENDAR
// is an error, and so is one past the limits below.
//
// Read stops, with an error wrapping ctx.Err(), once ctx is done. It
// holds the whole input in memory, at most calendar.Limits.FileBytes of it (more
// is an error wrapping calendar.ErrLimit), and its time and memory grow
// linearly with the input's size; each recurring event's rule is checked
// once, by calendar.NewRecurrence.
func Read(ctx context.Context, r io.Reader, opt Options) (*Calendar, error) {
	data, err := readAtMost(r, calendar.LimitsOf(ctx).FileBytes)
	if err != nil {
		return nil, fmt.Errorf("ics.Read: %w", err)
	}
	c, err := read(ctx, data, opt)
	if err != nil {
		var re *readError
		if errors.As(err, &re) {
			re.fn = "ics.Read"
			return nil, re
		}
		return nil, fmt.Errorf("ics.Read: %w", err)
	}
	return c, nil
}

// ReadFile reads the file at path, as Read does; errors name the file.
func ReadFile(ctx context.Context, path string, opt Options) (*Calendar, error) {
	max := calendar.LimitsOf(ctx).FileBytes
	if info, err := os.Stat(path); err == nil && info.Size() > max {
		return nil, fmt.Errorf("ics.ReadFile: %q: %w: Limits.FileBytes: larger than %d bytes", path, calendar.ErrLimit, max)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ics.ReadFile: %w", err)
	}
	c, err := read(ctx, data, opt)
	if err != nil {
		var re *readError
		if errors.As(err, &re) {
			re.fn, re.file = "ics.ReadFile", fmt.Sprintf("%q", path)
			return nil, re
		}
		return nil, fmt.Errorf("ics.ReadFile: %q: %w", path, err)
	}
	return c, nil
}

// readAtMost reads all of r, and fails once it has read more than max
// bytes (Limits.FileBytes), without reading further.
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	if l, ok := r.(interface{ Len() int }); ok && int64(l.Len()) <= max {
		// A reader that knows its length (bytes.Reader, strings.Reader,
		// bytes.Buffer) is read into a buffer of that size, not one
		// grown by doubling.
		data := make([]byte, l.Len())
		n, err := io.ReadFull(r, data)
		if err != nil && err != io.ErrUnexpectedEOF {
			return nil, err
		}
		return data[:n], nil
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: Limits.FileBytes: larger than %d bytes", calendar.ErrLimit, max)
	}
	return data, nil
}

// read reads an iCalendar stream, in the two passes that scan.go
// describes.
func read(ctx context.Context, data []byte, opt Options) (*Calendar, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cals, err := outline(ctx, data)
	if err != nil {
		return nil, err
	}
	rd := reader{ctx: ctx, names: make(map[string]nameLookup), problems: problems{strict: opt.Strict}, zoneMonths: maxStreamZoneMonths}
	report := func(err error, done string) error { return rd.problems.add(err, "", done) }
	if err := walk(data, rd.step(cals), report); err != nil {
		return nil, err
	}
	return rd.build()
}

// A calOutline is what the first pass finds in one VCALENDAR.
type calOutline struct {
	line     int
	xwr      *prop              // its first X-WR-TIMEZONE, nil when it has none
	vtz      map[string]*vtzDef // its VTIMEZONEs, by TZID
	problems []error            // what the first pass could not read, for the second to report
}

// A vtzDef is a VTIMEZONE as read: its observances, or why they cannot
// be read.
type vtzDef struct {
	line int
	obs  []tzObservance
	bad  error
	// The zone built from obs, once it is asked for, or why it cannot be.
	loc      *time.Location
	built    bool
	buildErr error
}

// outline is the first pass: it returns the input's VCALENDARs'
// outlines, in order. Its problems are reported by the second pass, in
// the order of the lines: those of the structure, which it finds again,
// and those the outlines carry.
func outline(ctx context.Context, data []byte) ([]calOutline, error) {
	var cals []calOutline
	var count int
	var def *vtzDef // the VTIMEZONE being read
	var tzid string // its TZID
	problem := func(err error) error {
		c := &cals[len(cals)-1]
		c.problems = append(c.problems, err)
		return nil
	}
	err := walk(data, func(s step) error {
		if count++; count%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch {
		case s.kind == stepBegin && s.depth == 1:
			cals = append(cals, calOutline{line: s.line, vtz: make(map[string]*vtzDef)})
		case s.kind == stepBegin && s.depth == 2 && s.name == "VTIMEZONE":
			def, tzid = &vtzDef{line: s.line}, ""
		case s.kind == stepEnd && s.depth == 2 && s.name == "VTIMEZONE":
			if tzid != "" {
				if _, ok := cals[len(cals)-1].vtz[tzid]; !ok {
					cals[len(cals)-1].vtz[tzid] = def
				}
			}
			def = nil
		case def == nil:
		case s.kind == stepBegin && s.depth == 3 && (s.name == "STANDARD" || s.name == "DAYLIGHT"):
			def.obs = append(def.obs, tzObservance{daylight: s.name == "DAYLIGHT", line: s.line})
		case s.kind != stepProp:
		case s.depth == 2 && s.name == "TZID":
			p, err := parseProp(s.line, s.name, s.full())
			if err != nil {
				return problem(&readError{line: s.line, what: "VTIMEZONE: TZID", err: err})
			}
			// A TZID property is TEXT, with commas escaped; a TZID
			// parameter that names it is not (RFC 5545 §3.3.11, §3.2.19).
			tzid = textValue(strings.TrimSpace(p.value), maxZoneName)
		case s.depth == 3 && (s.in == "STANDARD" || s.in == "DAYLIGHT") && len(def.obs) > 0 && def.bad == nil:
			if err := observe(&def.obs[len(def.obs)-1], s); err != nil {
				def.bad = &readError{line: s.line, what: "VTIMEZONE: " + s.in + ": " + s.name, err: err}
			}
		}
		if s.kind == stepProp && s.depth == 1 && s.name == "X-WR-TIMEZONE" {
			c := &cals[len(cals)-1]
			if c.xwr != nil {
				return nil
			}
			p, err := parseProp(s.line, s.name, s.full())
			if err != nil {
				return problem(&readError{line: s.line, what: "VCALENDAR: X-WR-TIMEZONE", err: err})
			}
			c.xwr = &p
		}
		return nil
	}, func(error, string) error { return nil })
	return cals, err
}

// observe reads the property of step s into the observance o of a
// VTIMEZONE.
func observe(o *tzObservance, s step) error {
	switch s.name {
	case "DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE", "TZNAME":
	default:
		return nil
	}
	p, err := parseProp(s.line, s.name, s.full())
	if err != nil {
		return err
	}
	v := strings.TrimSpace(p.value)
	switch s.name {
	case "DTSTART":
		at, _, _, err := parseDateTime(v)
		o.start = at
		return err
	case "TZOFFSETFROM":
		o.from, err = parseUTCOffset(v)
	case "TZOFFSETTO":
		o.to, err = parseUTCOffset(v)
	case "RRULE":
		o.rrule = v
	case "TZNAME":
		o.name = v
	case "RDATE":
		for _, item := range strings.Split(v, ",") {
			at, _, _, err := parseDateTime(strings.TrimSpace(item))
			if err != nil {
				return err
			}
			o.rdates = append(o.rdates, at)
		}
	}
	return err
}

// step returns the function that the second pass calls for each step: it
// reads each VEVENT and VFREEBUSY when its END is reached. A component
// that cannot be read is a problem, and is skipped.
func (rd *reader) step(cals []calOutline) func(step) error {
	next := 0
	var cur *comp    // the component being read, nil when none is
	var curErr error // the first property of cur that does not parse
	read := 0
	return func(s step) error {
		switch {
		case s.kind == stepBegin && s.depth == 1:
			cal := cals[next]
			next++
			for _, err := range cal.problems {
				done := "it is ignored"
				if strings.HasPrefix(err.(*readError).what, "VCALENDAR") {
					done = "it is ignored: floating times are read in the owner's zone"
				}
				if err := rd.problems.add(err, "", done); err != nil {
					return err
				}
			}
			return rd.calendar(cal)
		case s.kind == stepBegin && s.depth == 2 && (s.name == "VEVENT" || s.name == "VFREEBUSY"):
			cur, curErr = &comp{name: s.name, line: s.line}, nil
		case s.kind == stepProp && cur != nil && s.depth == 2 && keeps(2, s.top, s.name):
			p, err := parseProp(s.line, s.name, s.full())
			switch {
			case err != nil && cur.name == "VEVENT" && optional(s.name):
				// Reported with the event's UID, known at its END.
				cur.ignored = append(cur.ignored, &readError{line: s.line, what: s.name, err: err})
				return nil
			case err != nil:
				if curErr == nil {
					curErr = lineError(s.line, "%s: %v", s.name, err)
				}
				return nil
			}
			cur.props = append(cur.props, p)
		case s.kind == stepEnd && s.depth == 2 && cur != nil:
			c, err := cur, curErr
			cur = nil
			for _, ig := range c.ignored {
				ig.what = describe(c.name, c.uid()) + ": " + ig.what
				if err := rd.problems.add(ig, c.uid(), "the property is ignored"); err != nil {
					return err
				}
			}
			if read++; read%256 == 0 {
				if err := rd.ctx.Err(); err != nil {
					return err
				}
			}
			if err == nil {
				if c.name == "VEVENT" {
					err = rd.event(c)
				} else {
					err = rd.freeBusy(c)
				}
			}
			if err != nil {
				var re *readError
				if errors.As(err, &re) && re.what == "" {
					re.what = describe(c.name, c.uid())
				}
				done := "the event is skipped"
				if c.name != "VEVENT" {
					done = "the " + c.name + " is skipped"
				}
				return rd.problems.add(err, c.uid(), done)
			}
		}
		return nil
	}
}

// A reader gathers the busy time of the VCALENDARs of one stream.
type reader struct {
	ctx        context.Context
	names      map[string]nameLookup     // zone names looked up by name alone, in the whole stream
	zones      map[string]*time.Location // TZIDs resolved so far in this VCALENDAR
	zoneMonths int                       // what is left of the months all VTIMEZONEs may cost
	problems   problems
	// The UID of the event being read, for problems found in its values.
	uid string

	// The VCALENDAR being read.
	xwr *time.Location     // its X-WR-TIMEZONE, nil when it has none
	vtz map[string]*vtzDef // its VTIMEZONEs, by TZID
	// custom are the zones built from VTIMEZONEs.
	custom map[*time.Location]bool

	events []*vevent
	fixed  []item // one-off events and free/busy periods with no floating part
	floats []item // one-off events read in the owner's zone
}

// A vevent is a VEVENT as read.
type vevent struct {
	line int // the line of its BEGIN // `VEVENT "uid"`, or `VEVENT` when it has no UID
	uid  string
	info *eventInfo // what it says beyond its times; info.busy: neither cancelled nor transparent

	start  value
	end    value // when hasEnd
	hasEnd bool
	dur    dur // when hasDur
	hasDur bool

	recID     value // the RECURRENCE-ID, when override
	recIDLine int
	override  bool
	future    bool // RANGE=THISANDFUTURE: the override is of this and every later instance
	split     bool // a future override that is a series of its own: the series it overrides ends at it

	rrules  []linedRule // RFC 5545 makes the instances the union of the rules'
	exdates []lined
	rdates  []lined
	periods []period // RDATE;VALUE=PERIOD values

	seq   int       // SEQUENCE, 0 when absent
	stamp time.Time // DTSTAMP, zero when absent
}

// A linedRule is an RRULE value and its line.
type linedRule struct {
	rule string
	line int
}

// A period is a PERIOD value (RFC 5545 §3.3.9): from start to end plus
// extra, the exact part of a duration.
type period struct {
	start, end value
	extra      time.Duration
	line       int
}

// where names ev in messages: `VEVENT "uid"`.
func (ev *vevent) where() string { return describe("VEVENT", ev.uid) }

// A lined value is a value and the line it was read from.
type lined struct {
	v    value
	line int
}

// describe returns the component's name and UID for messages.
func describe(name, uid string) string {
	if uid == "" {
		return name
	}
	return name + " " + icalvalue.Quote(uid)
}

// fail returns an error about the property p (nil for the component as
// a whole) of the component c, called where in messages.
func fail(c *comp, where string, p *prop, err error) error {
	if p == nil {
		return &readError{line: c.line, what: where, err: err}
	}
	return &readError{line: p.line, what: where + ": " + p.name, err: err}
}

// calendar starts reading the VCALENDAR whose outline is cal.
func (rd *reader) calendar(cal calOutline) error {
	rd.xwr, rd.vtz = nil, cal.vtz
	// A TZID that is no exact IANA name may mean another zone in
	// another VCALENDAR, which may define it by a VTIMEZONE.
	rd.zones = make(map[string]*time.Location)
	if p := cal.xwr; p != nil {
		loc, err := rd.zone(strings.TrimSpace(p.value))
		if err != nil {
			return rd.problems.add(fail(&comp{line: cal.line}, "VCALENDAR", p, err), "", "it is ignored: floating times are read in the owner's zone")
		}
		rd.xwr = loc
	}
	return nil
}

// zone resolves a TZID or X-WR-TIMEZONE by lookupZone, remembering the
// answer for the rest of the stream.
func (rd *reader) zone(name string) (*time.Location, error) {
	if loc, ok := rd.zones[name]; ok {
		return loc, nil
	}
	n := strings.TrimSpace(name)
	look, ok := rd.names[n]
	if !ok {
		// By name alone: the same in every VCALENDAR of the stream.
		look.loc, look.err = lookupZone(n)
		if look.err == nil {
			_, exactErr := calendar.LoadZone(n)
			look.exact = exactErr == nil
		}
		rd.names[n] = look
	}
	loc, err := look.loc, look.err
	if def, defined := rd.vtz[n]; defined && !look.exact {
		// An IANA name is that zone, whatever a VTIMEZONE says; any
		// other name may be the file's own.
		own, ownErr := rd.ownZone(n, def)
		switch {
		case err != nil && ownErr != nil:
			return nil, ownErr
		case err != nil:
			loc, err = own, nil
		case ownErr == nil && !sameZone(loc, own):
			// Where its VTIMEZONE contradicts the IANA zone the name is
			// like, the VTIMEZONE is what the file means (RFC 5545
			// §3.2.19).
			perr := &readError{line: def.line, what: "VTIMEZONE " + icalvalue.Quote(n), err: fmt.Errorf("the name is like that of the IANA zone %s, whose offsets its rules contradict", loc)}
			if err := rd.problems.add(perr, "", "its own rules are used"); err != nil {
				return nil, err
			}
			loc = own
		}
	}
	if err != nil {
		return nil, err
	}
	rd.zones[name] = loc
	return loc, nil
}

// A nameLookup is what a zone name means by name alone.
type nameLookup struct {
	loc   *time.Location
	err   error
	exact bool // an IANA name as the zone database spells it
}

// maxStreamZoneMonths bounds the months that the rules of all the VTIMEZONEs
// of one stream are matched against, as buildZone bounds those of one.
const maxStreamZoneMonths = 2_000_000

// ownZone builds the zone that the VTIMEZONE def defines for the TZID
// name, once: the answer, or the error, is kept with def. All the
// VTIMEZONEs of a stream share one budget of months (rd.zoneMonths).
func (rd *reader) ownZone(name string, def *vtzDef) (*time.Location, error) {
	if def.built || def.buildErr != nil {
		return def.loc, def.buildErr
	}
	switch {
	case def.bad != nil:
		def.buildErr = &zoneError{name, fmt.Sprintf("the VTIMEZONE on line %d that defines it does not read: %v", def.line, def.bad)}
	case rd.ctx.Err() != nil:
		return nil, rd.ctx.Err()
	default:
		loc, err := buildZoneWithin(name, def.obs, &rd.zoneMonths)
		if err != nil {
			def.buildErr = &zoneError{name, fmt.Sprintf("the VTIMEZONE on line %d that defines it: %v", def.line, err)}
			break
		}
		def.loc, def.built = loc, true
		if rd.custom == nil {
			rd.custom = make(map[*time.Location]bool)
		}
		rd.custom[loc] = true
	}
	return def.loc, def.buildErr
}

// sameZone reports whether a and b have the same UTC offsets in the
// middle of winter and of summer from 2010 to 2037: the same zone, if not
// always on the same rules. A VTIMEZONE that Outlook writes with only
// today's rules, from 1601, is the same zone as its IANA one by this,
// though it moves the clocks on other days than the IANA zone did before
// 2007.
func sameZone(a, b *time.Location) bool { return tznames.SameOffsets(a, b, 2010, 2037, 1) }

// single returns the one parameter value of name, or "" when it is absent.
func single(p *prop, name string) (string, error) {
	vs := p.param(name)
	switch len(vs) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(vs[0]), nil
	}
	return "", fmt.Errorf("more than one %s parameter value", name)
}

// tzidOf returns p's TZID, or "" when it has none. An empty TZID is an
// unknown zone.
func tzidOf(p *prop) (string, error) {
	tzid, err := single(p, "TZID")
	if err == nil && tzid == "" && len(p.param("TZID")) > 0 {
		err = &zoneError{"", "neither an IANA zone nor a Windows zone name"}
	}
	return tzid, err
}

// values reads the DATE or DATE-TIME values of p: a comma-separated list
// when list is set, else one value. Without VALUE=DATE, an eight-digit
// value is taken for a date all the same.
func (rd *reader) values(p *prop, list bool) ([]value, error) {
	vt, err := single(p, "VALUE")
	if err != nil {
		return nil, err
	}
	vt = strings.ToUpper(vt)
	switch vt {
	case "", "DATE", "DATE-TIME":
	case "PERIOD":
		return nil, errors.New("VALUE=PERIOD is not supported")
	default:
		return nil, fmt.Errorf("VALUE=%s: want DATE or DATE-TIME", icalvalue.Quote(vt))
	}
	tzid, err := tzidOf(p)
	if err != nil {
		return nil, err
	}
	items := []string{p.value}
	if list {
		items = strings.Split(p.value, ",")
	}
	out := make([]value, 0, len(items))
	for _, s := range items {
		s = strings.TrimSpace(s)
		if vt == "DATE" && len(s) > 8 && strings.ContainsAny(s, "Tt") {
			// VALUE=DATE on a date-time: the value is read as written.
			if err := rd.problems.add(&readError{line: p.line, what: describe("VEVENT", rd.uid) + ": " + p.name, err: fmt.Errorf("VALUE=DATE, but %s is a date-time", icalvalue.Quote(s))}, rd.uid, "it is read as the date-time it is"); err != nil {
				return nil, err
			}
			vt = "DATE-TIME"
		}
		if vt == "DATE" || vt == "" && len(s) == 8 {
			d, err := parseDate(s)
			if err != nil {
				return nil, err
			}
			out = append(out, value{kind: kDate, at: calendar.DateTime{Date: d}})
			continue
		}
		v, err := rd.dateTime(s, tzid)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// dateTime reads a DATE-TIME value with the TZID tzid ("" for none). A
// value in UTC ignores its TZID.
func (rd *reader) dateTime(s, tzid string) (value, error) {
	at, sec, utc, err := parseDateTime(s)
	if err != nil {
		return value{}, err
	}
	v := value{kind: kFloating, at: at, sec: sec, zone: rd.xwr, custom: rd.custom[rd.xwr]}
	switch {
	case utc:
		v.kind, v.zone, v.custom = kUTC, time.UTC, false
	case tzid != "":
		loc, err := rd.zone(tzid)
		if err != nil {
			return value{}, err
		}
		v.kind, v.zone, v.custom = kZoned, loc, rd.custom[loc]
	}
	return v, nil
}

// event reads a VEVENT.
func (rd *reader) event(c *comp) error {
	ev := &vevent{line: c.line}
	if p := c.get("UID"); p != nil {
		ev.uid = strings.TrimSpace(p.value)
	}
	in := &eventInfo{uid: ev.uid, line: c.line, busy: true}
	ev.info = in
	if p := c.get("SUMMARY"); p != nil {
		in.summary = textValue(p.value, maxSummary)
	}
	if p := c.get("ORGANIZER"); p != nil {
		in.organizer = attendee(p)
	}
	for _, p := range c.all("ATTENDEE") {
		in.attendees = append(in.attendees, attendee(p))
	}
	rd.uid = ev.uid
	// The event is named in messages only when there is one to write.
	bad := func(p *prop, err error) error {
		if re, ok := err.(*readError); ok {
			return re // a problem of strict reading, already placed
		}
		return fail(c, ev.where(), p, err)
	}
	badf := func(p *prop, format string, args ...any) error {
		return bad(p, fmt.Errorf(format, args...))
	}
	for _, name := range []string{"DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"} {
		if ps := c.all(name); len(ps) > 1 {
			return badf(ps[1], "more than one %s", name)
		}
	}
	if p := c.get("EXRULE"); p != nil {
		return badf(p, "EXRULE is not supported (RFC 5545 deprecates it)")
	}

	dtstart := c.get("DTSTART")
	if dtstart == nil {
		return bad(nil, errors.New("no DTSTART"))
	}
	vs, err := rd.values(dtstart, false)
	if err != nil {
		return bad(dtstart, err)
	}
	ev.start = vs[0]

	// note records a problem that does not stop the event from being read.
	note := func(p *prop, done, format string, args ...any) error {
		return rd.problems.add(bad(p, fmt.Errorf(format, args...)), ev.uid, done)
	}
	duration := c.get("DURATION")
	if p := c.get("DTEND"); p != nil {
		if duration != nil {
			if err := note(duration, "DURATION is ignored, and DTEND used", "a VEVENT cannot have both DTEND and DURATION"); err != nil {
				return err
			}
			duration = nil
		}
		vs, err := rd.values(p, false)
		if err != nil {
			return bad(p, err)
		}
		ev.end, ev.hasEnd = vs[0], true
		if err := checkEnd(ev.start, ev.end, "DTSTART "+icalvalue.Quote(dtstart.value)); err != nil {
			return bad(p, fmt.Errorf("%s %w", icalvalue.Quote(p.value), err))
		}
	}
	if p := duration; p != nil {
		d, err := parseDuration(strings.TrimSpace(p.value))
		if err != nil {
			return bad(p, err)
		}
		ev.dur, ev.hasDur = d, true
	}

	if p := c.get("STATUS"); p != nil {
		in.status = strings.ToUpper(strings.TrimSpace(p.value))
	}
	if p := c.get("TRANSP"); p != nil && strings.EqualFold(strings.TrimSpace(p.value), "TRANSPARENT") {
		in.transparent = true
	}
	in.busy = in.status != "CANCELLED" && !in.transparent
	in.allDay = ev.start.kind == kDate

	if p := c.get("SEQUENCE"); p != nil {
		n, err := strconv.Atoi(strings.TrimSpace(p.value))
		if err != nil || n < 0 {
			if err := note(p, "it is taken for 0", "%s is not a whole number", icalvalue.Quote(p.value)); err != nil {
				return err
			}
		} else {
			ev.seq = n
		}
	}
	if p := c.get("DTSTAMP"); p != nil {
		switch at, sec, utc, err := parseDateTime(strings.TrimSpace(p.value)); {
		case err != nil:
			if err := note(p, "it is ignored", "%v", err); err != nil {
				return err
			}
		default:
			if !utc {
				if err := note(p, "it is read as UTC", "%s is not in UTC (RFC 5545 §3.8.7.2)", icalvalue.Quote(p.value)); err != nil {
					return err
				}
			}
			ev.stamp = calendar.Wall(at.Date, at.Clock, time.UTC).Add(time.Duration(sec) * time.Second)
		}
	}

	if p := c.get("RECURRENCE-ID"); p != nil {
		rng, err := single(p, "RANGE")
		if err != nil {
			return bad(p, err)
		}
		switch {
		case rng == "":
		case strings.EqualFold(rng, "THISANDFUTURE"):
			ev.future = true
		default:
			return badf(p, "RANGE=%s: want THISANDFUTURE (RFC 5545 §3.2.13)", icalvalue.Quote(rng))
		}
		vs, err := rd.values(p, false)
		if err != nil {
			return bad(p, err)
		}
		ev.recID, ev.recIDLine, ev.override = vs[0], p.line, true
	}

	for _, p := range c.all("RRULE") {
		rule := strings.TrimSpace(p.value)
		if rule == "" {
			if err := note(p, "it is ignored", "an empty rule"); err != nil {
				return err
			}
			continue
		}
		ev.rrules = append(ev.rrules, linedRule{rule, p.line})
	}
	for i := range c.props {
		p := &c.props[i]
		if p.name != "EXDATE" && p.name != "RDATE" {
			continue
		}
		switch {
		case ev.override && p.name == "EXDATE":
			// Some clients copy the series' EXDATEs into its
			// overridden instances, where they mean nothing.
			continue
		}
		if vt, _ := single(p, "VALUE"); p.name == "RDATE" && strings.EqualFold(vt, "PERIOD") {
			tzid, err := tzidOf(p)
			if err != nil {
				return bad(p, err)
			}
			for _, item := range strings.Split(p.value, ",") {
				pd, err := rd.period(item, tzid)
				if err != nil {
					return bad(p, err)
				}
				pd.line = p.line
				ev.periods = append(ev.periods, pd)
			}
			continue
		}
		vs, err := rd.values(p, true)
		if err != nil {
			return bad(p, err)
		}
		for _, v := range vs {
			if p.name == "EXDATE" {
				ev.exdates = append(ev.exdates, lined{v, p.line})
			} else {
				ev.rdates = append(ev.rdates, lined{v, p.line})
			}
		}
	}
	rd.events = append(rd.events, ev)
	return nil
}

// checkEnd checks an end (a DTEND, or the end of a period) against its
// start, called startName in messages: RFC 5545 §3.8.2.2 wants the same
// value type, a floating end exactly when the start is floating, and an
// end that is not before the start. The message completes a sentence whose
// subject is the end.
func checkEnd(start, end value, startName string) error {
	switch {
	case (start.kind == kDate) != (end.kind == kDate):
		if start.kind == kDate {
			return fmt.Errorf("is a date-time, but %s is a date (VALUE=DATE)", startName)
		}
		return fmt.Errorf("is a date (VALUE=DATE), but %s is a date-time", startName)
	case (start.kind == kFloating) != (end.kind == kFloating):
		if start.kind == kFloating {
			return fmt.Errorf("has a zone (Z or TZID), but %s is a floating time", startName)
		}
		return fmt.Errorf("is a floating time, but %s has a zone (Z or TZID)", startName)
	}
	// Values read in the same zone are compared on its wall clock, so that
	// an event written 02:30 to 03:15 on a day that skips 02:00 to 03:00 is
	// not an error (it is busy no time at all); others as instants.
	var before bool
	if start.kind == kDate || start.kind == kFloating || start.kind == end.kind && start.zone.String() == end.zone.String() {
		before = wallCompare(end, start) < 0
	} else {
		before = end.instant(nil).Before(start.instant(nil))
	}
	if before {
		return fmt.Errorf("is before %s", startName)
	}
	return nil
}

// freeBusy reads a VFREEBUSY: its FREEBUSY periods are busy, unless their
// FBTYPE is FREE.
func (rd *reader) freeBusy(c *comp) error {
	where := "VFREEBUSY"
	if p := c.get("UID"); p != nil {
		where = describe(where, strings.TrimSpace(p.value))
	}
	for _, p := range c.all("FREEBUSY") {
		bad := func(err error) error { return fail(c, where, p, err) }
		fbtype, err := single(p, "FBTYPE")
		if err != nil {
			return bad(err)
		}
		vt, err := single(p, "VALUE")
		if err != nil {
			return bad(err)
		}
		if vt != "" && !strings.EqualFold(vt, "PERIOD") {
			return bad(fmt.Errorf("VALUE=%s: want PERIOD", icalvalue.Quote(vt)))
		}
		tzid, err := tzidOf(p)
		if err != nil {
			return bad(err)
		}
		busy := !strings.EqualFold(fbtype, "FREE")
		for _, s := range strings.Split(p.value, ",") {
			pd, err := rd.period(s, tzid)
			if err != nil {
				return bad(err)
			}
			if busy {
				rd.add(pd.start, pd.end, pd.extra, nil)
			}
		}
	}
	return nil
}

// period reads a PERIOD value, "start/end" or "start/duration", with the
// TZID tzid ("" for none).
func (rd *reader) period(s, tzid string) (period, error) {
	s = strings.TrimSpace(s)
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return period{}, fmt.Errorf("%s is not a period start/end or start/duration", icalvalue.Quote(s))
	}
	start, err := rd.dateTime(a, tzid)
	if err != nil {
		return period{}, err
	}
	pd := period{start: start}
	if len(b) > 0 && (b[0] == 'P' || b[0] == 'p' || b[0] == '+' || b[0] == '-') {
		d, err := parseDuration(b)
		if err != nil {
			return period{}, err
		}
		pd.end = start
		pd.end.at.Date = pd.end.at.Date.AddDays(d.days)
		pd.extra = d.exact()
		return pd, nil
	}
	if pd.end, err = rd.dateTime(b, tzid); err != nil {
		return period{}, err
	}
	if err := checkEnd(start, pd.end, "its start"); err != nil {
		return period{}, fmt.Errorf("period %s: the end %w", icalvalue.Quote(s), err)
	}
	return pd, nil
}

// add adds the one-off event info (nil for a free/busy period) from
// start to end plus extra.
func (rd *reader) add(start, end value, extra time.Duration, info *eventInfo) {
	it := item{start: start, end: end, extra: extra, info: info}
	if start.fixed() {
		rd.fixed = append(rd.fixed, it)
	} else {
		rd.floats = append(rd.floats, it)
	}
}

// build keeps the latest revision of each event, matches overridden
// instances to their recurring events, and makes the Calendar.
func (rd *reader) build() (*Calendar, error) {
	events := latestRevisions(rd.events)
	masters := make(map[string]*vevent)
	overrides := make(map[string][]*vevent)
	for _, ev := range events {
		switch {
		case ev.uid == "":
		case ev.override:
			overrides[ev.uid] = append(overrides[ev.uid], ev)
		default:
			masters[ev.uid] = ev
		}
	}
	// ownSeries reports whether the override ev is a series of its own:
	// one with a rule or RDATEs of its own (as clients write a series
	// split in two, or an instance that repeats); one with the series'
	// rule merely copies it.
	ownSeries := func(ev *vevent) bool {
		master := masters[ev.uid]
		if master == nil {
			return len(ev.rrules)+len(ev.rdates)+len(ev.periods) > 0
		}
		return len(ev.rrules) > 0 && !sameRules(ev.rrules, master.rrules) || len(ev.rdates)+len(ev.periods) > 0
	}
	for _, ovs := range overrides {
		for _, ov := range ovs {
			// A series of its own that replaces this and every later
			// instance ends the series it splits off from.
			ov.split = ov.future && masters[ov.uid] != nil && ownSeries(ov)
		}
	}
	c := &Calendar{}
	// The file's COUNT rules share one budget of walking.
	budget := calendar.NewCountBudget(calendar.LimitsOf(rd.ctx).CountWalkYearsTotal)
	// asSeries adds ev as a series: one for each RRULE, or one for its
	// DTSTART and RDATEs, with its RDATE;VALUE=PERIOD instances; none of
	// them when any rule does not read.
	asSeries := func(ev *vevent, ovs []*vevent) error {
		rules := ev.rrules
		if len(rules) == 0 {
			rules = []linedRule{{}}
		}
		var made []*series
		for _, r := range rules {
			// Each series has its own rule to tell.
			in := *ev.info
			in.series, in.rule = true, r.rule
			one := *ev
			one.info = &in
			s, err := newSeries(&one, r, ovs, budget)
			if err != nil {
				return rd.problems.add(err, ev.uid, "the event is skipped, with the instances that override it")
			}
			made = append(made, s)
		}
		c.series = append(c.series, made...)
		in := *ev.info
		in.series = true
		one := *ev
		one.info = &in
		rd.periods(&one, ovs)
		return nil
	}
	for _, ev := range events {
		if ev.override {
			master := masters[ev.uid]
			switch {
			case ownSeries(ev):
				if err := asSeries(ev, nil); err != nil {
					return nil, err
				}
				continue
			case master != nil && ev.future:
				continue // the master's series moves the instances
			}
			// A single instance, also when it overrides nothing.
			ev.info.recID = &ev.recID
			if master != nil && len(master.rrules) > 0 {
				ev.info.rule = master.rrules[0].rule
			}
			rd.oneOff(ev)
			continue
		}
		var ovs []*vevent
		if ev.uid != "" {
			ovs = overrides[ev.uid]
		}
		if len(ev.rrules) == 0 && len(ev.rdates) == 0 && len(ev.exdates) == 0 && len(ovs) == 0 && len(ev.periods) == 0 {
			rd.oneOff(ev)
			continue
		}
		if err := asSeries(ev, ovs); err != nil {
			return nil, err
		}
	}
	c.problems = rd.problems.sorted()
	c.fixed = newItemIndex(rd.fixed, false)
	c.floats = newItemIndex(rd.floats, true)
	return c, nil
}

// sameRules reports whether a and b are the same RRULEs.
func sameRules(a, b []linedRule) bool {
	return slices.EqualFunc(a, b, func(x, y linedRule) bool { return x.rule == y.rule })
}

// periods adds the busy time of ev's RDATE;VALUE=PERIOD instances: each
// lasts as its period says, unless an EXDATE or an override's
// RECURRENCE-ID names its start, written the same way.
func (rd *reader) periods(ev *vevent, ovs []*vevent) {
	for _, pd := range ev.periods {
		if pd.start.kind == kFloating && ev.start.kind != kFloating && ev.start.kind != kDate {
			// A floating RDATE is a wall time in the DTSTART's zone.
			for _, v := range []*value{&pd.start, &pd.end} {
				v.zone, v.custom = ev.start.zone, ev.start.custom
			}
		}
		gone := slices.ContainsFunc(ev.exdates, func(ex lined) bool { return sameValue(ex.v, pd.start) }) ||
			slices.ContainsFunc(ovs, func(ov *vevent) bool { return sameValue(ov.recID, pd.start) })
		if !gone {
			rd.add(pd.start, pd.end, pd.extra, ev.info)
		}
	}
}

// sameValue reports whether a and b are the same instant, or the same
// wall time when either is floating or a date.
func sameValue(a, b value) bool {
	if a.fixed() && b.fixed() && a.kind != kDate && b.kind != kDate {
		return a.instant(nil).Equal(b.instant(nil))
	}
	return a.kind == b.kind && a.at == b.at && a.sec == b.sec
}

// latestRevisions returns the events that are not outdated by another
// revision of themselves: of the events with one UID and one
// RECURRENCE-ID (or none), those with the highest SEQUENCE and, among
// them, the latest DTSTAMP; all of them on a tie (RFC 5545 §3.8.7.4).
// Events with no UID are all kept. The order is kept.
func latestRevisions(events []*vevent) []*vevent {
	type key struct {
		uid   string
		recID string
	}
	keyOf := func(ev *vevent) key {
		k := key{uid: ev.uid}
		if ev.override {
			k.recID = fmt.Sprint(ev.recID.kind, ev.recID.at, ev.recID.sec)
			if ev.recID.fixed() && ev.recID.kind != kDate {
				k.recID = ev.recID.instant(nil).UTC().String()
			}
		}
		return k
	}
	type best struct {
		seq   int
		stamp time.Time
	}
	latest := make(map[key]best, len(events))
	for _, ev := range events {
		if ev.uid == "" {
			continue
		}
		k := keyOf(ev)
		b, ok := latest[k]
		if !ok || ev.seq > b.seq || ev.seq == b.seq && ev.stamp.After(b.stamp) {
			latest[k] = best{ev.seq, ev.stamp}
		}
	}
	out := events[:0:0]
	for _, ev := range events {
		if ev.uid != "" {
			if b := latest[keyOf(ev)]; ev.seq != b.seq || !ev.stamp.Equal(b.stamp) {
				continue
			}
		}
		out = append(out, ev)
	}
	return out
}

// oneOff adds the busy time of an event that does not repeat: an
// overridden instance, or an event with no RRULE, RDATE or overrides.
func (rd *reader) oneOff(ev *vevent) {
	s, e, extra := ev.start, ev.start, time.Duration(0)
	switch {
	case ev.hasEnd:
		e = ev.end
	case ev.hasDur:
		e.at.Date = e.at.Date.AddDays(ev.dur.days)
		extra = ev.dur.exact()
	case s.kind == kDate:
		e.at.Date = e.at.Date.AddDays(1)
	}
	// A DTSTART with a time and no end lasts no time at all.
	rd.add(s, e, extra, ev.info)
}
