// Package caldav reads busy time, events and holidays from calendars on
// CalDAV servers (RFC 4791), such as Nextcloud, Fastmail, iCloud,
// Radicale or Xandikos, so that a service finds people's busy time where
// they keep it rather than in exported files.
//
// A Client holds the server's credentials and limits. Client.Open takes
// the URL of a calendar, or of a principal (or any URL on the server) whose
// calendars it discovers, and returns an ics.Source: its Busy, Events and
// Holidays fetch a window's events with a calendar-query REPORT and read
// them with package ics, so that recurrence, zones and leniency are the
// same as for files. With Client.FreeBusy, Busy asks the server's
// free-busy-query instead (RFC 4791 7.10) and falls back to the events
// where the server does not support it.
//
// A window is fetched once per source in a call that reads many people
// (overlap.Compute: calendar.CallCached), and afresh in the next call.
//
// Every request runs under the caller's context and Client.Timeout, and
// reads at most Client.MaxResponse bytes. Errors name the server's URL, the
// calendar and the HTTP status, never the password; a server's answer is
// never quoted in them. A calendar URL may point only to the server it was
// found on: credentials never go to another host.
//
// Servers differ. Some (Xandikos among them) leave a recurring event out
// of a time-range query when its first occurrence is before the window, so
// the recurring events (those with an RRULE or RDATE) are asked for
// separately, whatever their dates. Some expand recurrences wrongly or not
// at all in free-busy answers (Xandikos 0.2.8 counts only the first
// occurrence), which is why FreeBusy is off by default.
package caldav

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
)

// DefaultTimeout bounds each request when Client.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// A Client reads calendars from CalDAV servers. Its zero value is usable,
// without credentials. It is safe for concurrent use and must not be
// changed once in use.
type Client struct {
	// HTTP sends the requests; nil is http.DefaultClient.
	HTTP *http.Client
	// Username and Password, when Username is set, go with every request
	// by HTTP Basic authentication. Neither appears in any error.
	Username, Password string
	// Timeout bounds each request, within the caller's context; zero is
	// DefaultTimeout.
	Timeout time.Duration
	// MaxResponse bounds each answer's body, in bytes; zero is
	// calendar.Limits.FileBytes of the request's context.
	MaxResponse int64
	// Read says how the calendars' data reads (ics.Options.Strict refuses
	// an event with any problem; by default it is skipped, and the
	// source's Problems list it). Its Remote is not used.
	Read ics.Options
	// FreeBusy makes Busy ask the server's free-busy-query rather than
	// read the events.
	FreeBusy bool
}

// Errors the package returns, wrapped with what was asked of whom.
var (
	// ErrStatus is an answer with an HTTP status that is not the one the
	// request wants; the error says which (an *StatusError).
	ErrStatus = errors.New("unexpected HTTP status")
	// ErrNotCalendar is a URL that is neither a calendar nor leads to any.
	ErrNotCalendar = errors.New("no calendar there")
)

// A StatusError is an answer with an unexpected HTTP status.
type StatusError struct {
	Method, URL string // URL without credentials
	Status      int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.Status, http.StatusText(e.Status))
}

// Unwrap makes a StatusError match ErrStatus.
func (e *StatusError) Unwrap() error { return ErrStatus }

// redact is u without credentials, query or fragment, for errors.
func redact(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.Fragment, c.ForceQuery = nil, "", "", false
	return c.String()
}

// parseURL reads an http or https URL without credentials in it.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("caldav: %q is not a URL", redactText(raw))
	}
	if u.User != nil {
		return nil, fmt.Errorf("caldav: %s: a URL with credentials in it (give them to the Client, from the environment)", redact(u))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("caldav: %s: want an http or https URL", redact(u))
	}
	return u, nil
}

// redactText cuts what may be credentials out of text that is not a URL.
func redactText(raw string) string {
	if i := strings.LastIndex(raw, "@"); i >= 0 {
		if j := strings.Index(raw, "://"); j >= 0 && j < i {
			return raw[:j+3] + "..." + raw[i:]
		}
		return "..." + raw[i:]
	}
	return raw
}

// do sends a request and returns the answer's body, read within the
// budget, when its status is want; the request runs within c.Timeout.
func (c *Client) do(ctx context.Context, method string, u *url.URL, depth, body string, want int) ([]byte, http.Header, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), strings.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("caldav: %s %s: %w", method, redact(u), err)
	}
	req.Header.Set("Content-Type", "application/xml; charset=utf-8")
	if depth != "" {
		req.Header.Set("Depth", depth)
	}
	if c.Username != "" {
		req.SetBasicAuth(c.Username, c.Password)
	}
	hc := http.Client{}
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	// A redirect stays on the server: the credentials are for it alone.
	check := hc.CheckRedirect
	hc.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if next.URL.Scheme != u.Scheme || next.URL.Host != u.Host {
			return fmt.Errorf("redirected to %s, another server: not followed", redact(next.URL))
		}
		if check != nil {
			return check(next, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			// Which deadline it was: the caller's, or the request's own.
			return nil, nil, fmt.Errorf("caldav: %s %s: no answer within %s: %w", method, redact(u), timeout, ctx.Err())
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its text repeats the URL, maybe with credentials
		}
		return nil, nil, fmt.Errorf("caldav: %s %s: %w", method, redact(u), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // so that the connection is reused
		return nil, nil, &StatusError{method, redact(u), resp.StatusCode}
	}
	max := c.MaxResponse
	if max <= 0 {
		max = calendar.LimitsOf(ctx).FileBytes
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, nil, fmt.Errorf("caldav: %s %s: the answer did not arrive within %s: %w", method, redact(u), timeout, ctx.Err())
	case err != nil:
		return nil, nil, fmt.Errorf("caldav: %s %s: reading the answer: %w", method, redact(u), err)
	case int64(len(b)) > max:
		return nil, nil, fmt.Errorf("caldav: %s %s: %w: the answer is larger than %d bytes", method, redact(u), calendar.ErrLimit, max)
	}
	return b, resp.Header, nil
}

// The XML of WebDAV's ("DAV:") and CalDAV's answers, as far as they are
// read here.
type multistatus struct {
	XMLName   xml.Name   `xml:"DAV: multistatus"`
	Responses []response `xml:"DAV: response"`
}

type response struct {
	Href      string     `xml:"DAV: href"`
	Status    string     `xml:"DAV: status"`
	Propstats []propstat `xml:"DAV: propstat"`
}

type propstat struct {
	Status string `xml:"DAV: status"`
	Prop   prop   `xml:"DAV: prop"`
}

type prop struct {
	ResourceType *struct {
		Calendar *struct{} `xml:"urn:ietf:params:xml:ns:caldav calendar"`
	} `xml:"DAV: resourcetype"`
	DisplayName  string `xml:"DAV: displayname"`
	CalendarData string `xml:"urn:ietf:params:xml:ns:caldav calendar-data"`
	Principal    *struct {
		Href string `xml:"DAV: href"`
	} `xml:"DAV: current-user-principal"`
	Home *struct {
		Href []string `xml:"DAV: href"`
	} `xml:"urn:ietf:params:xml:ns:caldav calendar-home-set"`
	Components *struct {
		Comps []struct {
			Name string `xml:"name,attr"`
		} `xml:"urn:ietf:params:xml:ns:caldav comp"`
	} `xml:"urn:ietf:params:xml:ns:caldav supported-calendar-component-set"`
}

// found is what a response says of its resource: the props of its
// propstats whose status is 200, merged.
func (r *response) found() prop {
	var p prop
	for _, ps := range r.Propstats {
		if !statusOK(ps.Status) {
			continue
		}
		q := ps.Prop
		if q.ResourceType != nil {
			p.ResourceType = q.ResourceType
		}
		if q.DisplayName != "" {
			p.DisplayName = q.DisplayName
		}
		if q.CalendarData != "" {
			p.CalendarData = q.CalendarData
		}
		if q.Principal != nil {
			p.Principal = q.Principal
		}
		if q.Home != nil {
			p.Home = q.Home
		}
		if q.Components != nil {
			p.Components = q.Components
		}
	}
	return p
}

// statusOK reads a status line, "HTTP/1.1 200 OK", as a success.
func statusOK(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 2 && len(f[1]) == 3 && f[1][0] == '2'
}

// parseMultistatus reads a 207 answer.
func parseMultistatus(b []byte) (*multistatus, error) {
	var ms multistatus
	dec := xml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&ms); err != nil {
		return nil, fmt.Errorf("not a WebDAV multistatus answer: %w", err)
	}
	return &ms, nil
}

// resolve reads href relative to base, refusing one on another server:
// the credentials go only where they were meant to.
func resolve(base *url.URL, href string) (*url.URL, error) {
	h, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return nil, fmt.Errorf("the server gives %q, which is not a URL", href)
	}
	u := base.ResolveReference(h)
	if u.Scheme != base.Scheme || u.Host != base.Host || u.User != nil {
		return nil, fmt.Errorf("the server points to %s, on another server: not followed", redact(u))
	}
	return u, nil
}

// propfind asks for props of u, at depth.
func (c *Client) propfind(ctx context.Context, u *url.URL, depth string, props string) (*multistatus, error) {
	body := `<?xml version="1.0" encoding="utf-8"?>` +
		`<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>` + props + `</d:prop></d:propfind>`
	b, _, err := c.do(ctx, "PROPFIND", u, depth, body, http.StatusMultiStatus)
	if err != nil {
		return nil, err
	}
	ms, err := parseMultistatus(b)
	if err != nil {
		return nil, fmt.Errorf("caldav: PROPFIND %s: %w", redact(u), err)
	}
	return ms, nil
}

// Open opens the calendar at rawURL or, when it is not one, the calendars
// of the principal it names (or of the current user, for any other URL on
// the server), as one source. It asks the server what is there.
func (c *Client) Open(ctx context.Context, rawURL string) (ics.Source, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	ms, err := c.propfind(ctx, u, "0", "<d:resourcetype/><d:displayname/>")
	if err != nil {
		return nil, err
	}
	for _, r := range ms.Responses {
		if p := r.found(); p.ResourceType != nil && p.ResourceType.Calendar != nil {
			return &Calendar{client: c, url: u, name: p.DisplayName}, nil
		}
	}
	cals, err := c.Discover(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	return cals, nil
}

// Calendar returns the calendar collection at rawURL, without asking the
// server anything.
func (c *Client) Calendar(rawURL string) (*Calendar, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return &Calendar{client: c, url: u}, nil
}

// Discover finds the calendars of events of the principal at rawURL, or
// of the current user when rawURL is any other URL on the server (its
// root, say): the principal's calendar-home-set, then the calendars in
// it. A calendar that says it holds no events (only tasks, say) is left
// out.
func (c *Client) Discover(ctx context.Context, rawURL string) (Calendars, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	ms, err := c.propfind(ctx, u, "0", "<d:current-user-principal/><c:calendar-home-set/>")
	if err != nil {
		return nil, err
	}
	var homes []*url.URL
	var principal *url.URL
	for _, r := range ms.Responses {
		p := r.found()
		if p.Home != nil {
			for _, h := range p.Home.Href {
				hu, err := resolve(u, h)
				if err != nil {
					return nil, fmt.Errorf("caldav: %s: %w", redact(u), err)
				}
				homes = append(homes, hu)
			}
		}
		if p.Principal != nil && p.Principal.Href != "" {
			if principal, err = resolve(u, p.Principal.Href); err != nil {
				return nil, fmt.Errorf("caldav: %s: %w", redact(u), err)
			}
		}
	}
	if len(homes) == 0 && principal != nil && principal.String() != u.String() {
		// Not a principal itself: ask the current user's.
		ms, err := c.propfind(ctx, principal, "0", "<c:calendar-home-set/>")
		if err != nil {
			return nil, err
		}
		for _, r := range ms.Responses {
			if p := r.found(); p.Home != nil {
				for _, h := range p.Home.Href {
					hu, err := resolve(principal, h)
					if err != nil {
						return nil, fmt.Errorf("caldav: %s: %w", redact(principal), err)
					}
					homes = append(homes, hu)
				}
			}
		}
	}
	if len(homes) == 0 {
		return nil, fmt.Errorf("caldav: %s: %w (neither a calendar, nor a principal with a calendar-home-set)", redact(u), ErrNotCalendar)
	}
	var cals Calendars
	for _, home := range homes {
		ms, err := c.propfind(ctx, home, "1", "<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>")
		if err != nil {
			return nil, err
		}
		for _, r := range ms.Responses {
			p := r.found()
			if p.ResourceType == nil || p.ResourceType.Calendar == nil || !holdsEvents(p) {
				continue
			}
			cu, err := resolve(home, r.Href)
			if err != nil {
				return nil, fmt.Errorf("caldav: %s: %w", redact(home), err)
			}
			cals = append(cals, &Calendar{client: c, url: cu, name: p.DisplayName})
		}
	}
	if len(cals) == 0 {
		return nil, fmt.Errorf("caldav: %s: %w (its calendar home holds no calendar of events)", redact(u), ErrNotCalendar)
	}
	return cals, nil
}

// holdsEvents reports whether a calendar may hold events: it says so, or
// says nothing (which RFC 4791 reads as any component).
func holdsEvents(p prop) bool {
	if p.Components == nil || len(p.Components.Comps) == 0 {
		return true
	}
	for _, comp := range p.Components.Comps {
		if strings.EqualFold(comp.Name, "VEVENT") {
			return true
		}
	}
	return false
}

// A Calendar is one calendar collection on a server: an ics.Source.
type Calendar struct {
	client *Client
	url    *url.URL
	name   string
	// noFreeBusy is set once the server has said it does not answer
	// free-busy-query, so that it is not asked again.
	noFreeBusy atomic.Bool
	problems   atomic.Pointer[[]ics.Problem]
}

// URL is the calendar's URL.
func (c *Calendar) URL() string { return c.url.String() }

// Name is the calendar's display name on the server, "" when unknown.
func (c *Calendar) Name() string { return c.name }

// Problems are what reading the calendar's events last skipped (with
// the Client's Read not Strict): their lines are those of each event's
// own data.
func (c *Calendar) Problems() []ics.Problem {
	if p := c.problems.Load(); p != nil {
		return *p
	}
	return nil
}

func (c *Calendar) String() string { return redact(c.url) }

// errorf wraps err with the calendar, once.
func (c *Calendar) errorf(what string, err error) error {
	return fmt.Errorf("caldav: calendar %s: %s: %w", redact(c.url), what, err)
}

// Busy is the calendar's busy time in window: from its events read as
// package ics reads a file, or, with Client.FreeBusy, the server's
// free-busy answer where the server gives one (for a window it fails on,
// with a 5xx status, the events are read instead). The zone is that of
// floating times and all-day events (ics.Calendar.Busy); a free-busy
// answer has placed those in a zone of the server's choosing.
func (c *Calendar) Busy(ctx context.Context, window calendar.Interval, zone *time.Location) (calendar.Set, error) {
	if c.client.FreeBusy && !c.noFreeBusy.Load() {
		set, err := c.freeBusy(ctx, window)
		var se *StatusError
		switch {
		case err == nil:
			return set, nil
		case errors.As(err, &se) && unsupported(se.Status):
			c.noFreeBusy.Store(true)
		case errors.As(err, &se) && se.Status >= 500:
			// The server failed on this window (one it cannot summarize,
			// say): its events may still read.
		default:
			return calendar.Set{}, err
		}
	}
	cal, err := c.fetch(ctx, window)
	if err != nil {
		return calendar.Set{}, err
	}
	set, err := cal.Busy(ctx, window, zone)
	if err != nil {
		return set, c.errorf("busy time", err)
	}
	return set, nil
}

// unsupported says whether a status answers free-busy-query with "not
// here": not allowed, not implemented, or the privilege to read free-busy
// time is missing (where reading events may still be allowed).
func unsupported(status int) bool {
	switch status {
	case http.StatusForbidden, http.StatusMethodNotAllowed, http.StatusUnsupportedMediaType, http.StatusNotImplemented, http.StatusBadRequest:
		return true
	}
	return false
}

// Events are the calendar's events in window, as ics.Calendar.Events
// lists them.
func (c *Calendar) Events(ctx context.Context, window calendar.Interval, zone *time.Location) ([]ics.Event, error) {
	cal, err := c.fetch(ctx, window)
	if err != nil {
		return nil, err
	}
	es, err := cal.Events(ctx, window, zone)
	if err != nil {
		return nil, c.errorf("events", err)
	}
	return es, nil
}

// Holidays are the calendar's all-day events from one date to another,
// inclusive, as ics.Calendar.Holidays reads them: for a calendar of
// holidays on a server.
func (c *Calendar) Holidays(ctx context.Context, from, to calendar.Date) ([]calendar.Holiday, error) {
	if to.Before(from) {
		return nil, nil
	}
	// The dates in any zone: a day either side.
	window := calendar.Interval{
		Start: time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1),
		End:   time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 2),
	}
	cal, err := c.fetch(ctx, window)
	if err != nil {
		return nil, err
	}
	hs, err := cal.Holidays(ctx, from, to)
	if err != nil {
		return nil, c.errorf("holidays", err)
	}
	return hs, nil
}

// fetchKey names a window's events of a calendar in a call's cache.
type fetchKey struct {
	cal        *Calendar
	start, end int64 // Unix nanoseconds
}

// fetch reads the events of the calendar that may have occurrences in
// window, once a call (calendar.CallCached).
func (c *Calendar) fetch(ctx context.Context, window calendar.Interval) (*ics.Calendar, error) {
	return calendar.CallCached(ctx, fetchKey{c, window.Start.UnixNano(), window.End.UnixNano()}, func() (*ics.Calendar, error) {
		return c.query(ctx, window)
	})
}

// timeText is an instant in the form a CalDAV time-range takes.
func timeText(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// query asks for the events in window (a day more either side, for
// floating times, which a server reads in a zone of its choosing) and,
// separately, for every recurring event, which some servers leave out of
// a time-range query when its first occurrence is before the range. Each
// event's data reads as a file of its own, and the lot as one calendar.
func (c *Calendar) query(ctx context.Context, window calendar.Interval) (*ics.Calendar, error) {
	from, to := window.Start.Add(-24*time.Hour), window.End.Add(24*time.Hour)
	filters := []string{
		`<c:comp-filter name="VEVENT"><c:time-range start="` + timeText(from) + `" end="` + timeText(to) + `"/></c:comp-filter>`,
		`<c:comp-filter name="VEVENT"><c:prop-filter name="RRULE"/></c:comp-filter>`,
		`<c:comp-filter name="VEVENT"><c:prop-filter name="RDATE"/></c:comp-filter>`,
	}
	seen := map[string]bool{}
	var cals []*ics.Calendar
	var problems []ics.Problem
	for _, f := range filters {
		body := `<?xml version="1.0" encoding="utf-8"?>` +
			`<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">` +
			`<d:prop><c:calendar-data/></d:prop>` +
			`<c:filter><c:comp-filter name="VCALENDAR">` + f + `</c:comp-filter></c:filter></c:calendar-query>`
		b, _, err := c.client.do(ctx, "REPORT", c.url, "1", body, http.StatusMultiStatus)
		if err != nil {
			return nil, err
		}
		ms, err := parseMultistatus(b)
		if err != nil {
			return nil, c.errorf("REPORT", err)
		}
		for _, r := range ms.Responses {
			p := r.found()
			if p.CalendarData == "" || seen[r.Href] {
				continue
			}
			seen[r.Href] = true
			cal, err := ics.Read(ctx, strings.NewReader(p.CalendarData), ics.Options{Strict: c.client.Read.Strict})
			if err != nil {
				if ctx.Err() != nil {
					return nil, c.errorf("reading the events", ctx.Err())
				}
				// Where, not what: the error's text would quote the data.
				where := ""
				if line := ics.ErrorLine(err); line > 0 {
					where = fmt.Sprintf(" (line %d of its data)", line)
				}
				return nil, c.errorf(fmt.Sprintf("event %q", hrefName(r.Href)), fmt.Errorf("does not read as iCalendar%s", where))
			}
			problems = append(problems, cal.Problems()...)
			cals = append(cals, cal)
		}
	}
	c.problems.Store(&problems)
	return ics.Merge(cals...), nil
}

// hrefName is the last part of an href, to name an event's resource.
func hrefName(href string) string {
	href = strings.TrimSuffix(href, "/")
	if i := strings.LastIndex(href, "/"); i >= 0 {
		return href[i+1:]
	}
	return href
}

// freeBusy asks the server for the busy time in window.
func (c *Calendar) freeBusy(ctx context.Context, window calendar.Interval) (calendar.Set, error) {
	body := `<?xml version="1.0" encoding="utf-8"?>` +
		`<c:free-busy-query xmlns:c="urn:ietf:params:xml:ns:caldav">` +
		`<c:time-range start="` + timeText(window.Start) + `" end="` + timeText(window.End) + `"/></c:free-busy-query>`
	b, _, err := c.client.do(ctx, "REPORT", c.url, "1", body, http.StatusOK)
	if err != nil {
		return calendar.Set{}, err
	}
	set, err := ParseFreeBusy(b)
	if err != nil {
		return calendar.Set{}, c.errorf("free-busy answer", err)
	}
	return set.Clip(window), nil
}

// Calendars are several calendars read as one source: their busy time
// is the union of theirs, their events and holidays all of theirs.
type Calendars []*Calendar

// Busy is the union of the calendars' busy time.
func (cs Calendars) Busy(ctx context.Context, window calendar.Interval, zone *time.Location) (calendar.Set, error) {
	var b calendar.SetBuilder
	for _, c := range cs {
		s, err := c.Busy(ctx, window, zone)
		if err != nil {
			return calendar.Set{}, err
		}
		b.AddSet(s)
	}
	return b.Set(), nil
}

// Events are all the calendars' events, calendar by calendar.
func (cs Calendars) Events(ctx context.Context, window calendar.Interval, zone *time.Location) ([]ics.Event, error) {
	var all []ics.Event
	for _, c := range cs {
		es, err := c.Events(ctx, window, zone)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	return all, nil
}

// Holidays are all the calendars' holidays, calendar by calendar.
func (cs Calendars) Holidays(ctx context.Context, from, to calendar.Date) ([]calendar.Holiday, error) {
	var all []calendar.Holiday
	for _, c := range cs {
		hs, err := c.Holidays(ctx, from, to)
		if err != nil {
			return nil, err
		}
		all = append(all, hs...)
	}
	return all, nil
}

// Problems are all the calendars' Problems.
func (cs Calendars) Problems() []ics.Problem {
	var all []ics.Problem
	for _, c := range cs {
		all = append(all, c.Problems()...)
	}
	return all
}

// Prefixes of the roster names that Remote opens.
const (
	SchemeHTTPS = "caldav+https://"
	SchemeHTTP  = "caldav+http://"
)

// Remote returns an ics.Options.Remote that opens a roster's
// "caldav+https://..." and "caldav+http://..." calendars with c (Open:
// a calendar, or every calendar of a principal) and refuses any other
// name. The credentials are c's: a URL with credentials in it is refused.
func (c *Client) Remote() func(ctx context.Context, name string) (ics.Source, error) {
	return func(ctx context.Context, name string) (ics.Source, error) {
		var raw string
		switch {
		case strings.HasPrefix(strings.ToLower(name), SchemeHTTPS):
			raw = "https://" + name[len(SchemeHTTPS):]
		case strings.HasPrefix(strings.ToLower(name), SchemeHTTP):
			raw = "http://" + name[len(SchemeHTTP):]
		default:
			return nil, fmt.Errorf("caldav: %q: want a name starting %q or %q", redactText(name), SchemeHTTPS, SchemeHTTP)
		}
		return c.Open(ctx, raw)
	}
}
