package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
)

// now is the service's clock in tests: Tuesday 2026-12-08 10:00 UTC, in
// the demo week of Monday 2026-12-07.
var now = time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)

func newTest(opt Options) http.Handler {
	if opt.Now == nil {
		opt.Now = func() time.Time { return now }
	}
	return New(opt)
}

// post sends body to the endpoint as JSON and returns the answer.
func post(t *testing.T, h http.Handler, endpoint, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/"+endpoint, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// errorOf checks that an answer is status with a JSON error, and returns
// the error.
func errorOf(t *testing.T, w *httptest.ResponseRecorder, status int) string {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var e struct {
		Error string `json:"error"`
	}
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error == "" || strings.Contains(e.Error, "\n") {
		t.Fatalf("not one {\"error\": \"one line\"}: %v", err)
	}
	return e.Error
}

// A person with a calendar file sent in the body.
const (
	oneRoster = `{"people": [{"id": "lena", "name": "Lena", "zone": "Europe/Berlin", "hours": "Mon-Fri 09:00-17:00",
		"emails": ["lena@example.com"], "calendars": ["cal/lena.ics"]},
		{"id": "tom", "zone": "America/New_York", "hours": "Mon-Fri 09:00-17:00", "emails": ["tom@example.com"]}]}`
	// Lena is busy 14:00-16:00 Berlin (13:00-15:00 UTC) on Monday 2026-12-07.
	oneCalendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20261201T000000Z\r\n" +
		"DTSTART:20261207T130000Z\r\nDTEND:20261207T150000Z\r\nSUMMARY:busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)

func withCalendar(extra string) string {
	cal, _ := json.Marshal(map[string]string{"cal/lena.ics": oneCalendar})
	return `{"roster": ` + oneRoster + `, "calendars": ` + string(cal) + extra + `}`
}

func TestEndpointsAnswer(t *testing.T) {
	h := newTest(Options{})
	for _, tc := range []struct {
		endpoint, body string
		keys           []string // the answer's top-level keys
	}{
		{"availability", `{"demo": true, "from": "2026-12-07", "to": "2026-12-08"}`, []string{"window", "people"}},
		{"availability", withCalendar(`, "people": ["lena"], "from": "2026-12-07", "to": "2026-12-08"`), []string{"window", "people"}},
		{"overlap", `{"demo": true, "zone": "Asia/Kolkata"}`, []string{"window", "coverage", "common", "people", "heatmap"}},
		{"suggest", `{"demo": true, "from": "2026-12-07", "required": ["ben", "priya", "sam"], "optional": ["ana"], "max": 2}`, []string{"suggestions"}},
		{"suggest", `{"demo": true, "from": "2026-12-07"}`, []string{"suggestions", "why"}},
		{"rotate", `{"demo": true, "from": "2026-12-07", "n": 2, "required": ["ben", "priya", "sam"]}`,
			[]string{"slots", "burden", "max", "spread", "total", "fairShare", "bestEffort"}},
		{"advise", `{"demo": true, "title": "Pick a date", "purpose": "decide", "participants": ["ben", "sam"]}`,
			[]string{"mode", "format", "reasons"}},
		{"audit", `{"demo": true, "from": "2026-12-07", "purposes": {"Weekly status": "decide"}}`,
			[]string{"window", "months", "series", "personTime", "load"}},
		{"holidays", `{"codes": ["NZ", "us"], "from": "2026-01-01", "to": "2027-01-01"}`, []string{"from", "to", "codes", "holidays"}},
		{"holidays", `{"demo": true}`, []string{"from", "to", "people"}},
		{"holidays", `{}`, []string{"codes"}},
	} {
		t.Run(tc.endpoint, func(t *testing.T) {
			w := post(t, h, tc.endpoint, tc.body)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			for _, k := range tc.keys {
				if _, ok := got[k]; !ok {
					t.Errorf("no %q in %.300s", k, w.Body)
				}
			}
		})
	}
}

// The calendar sent in the body is Lena's busy time: no slot with her
// meets 13:00-15:00 UTC on Monday, and a whole-hour free count says so.
func TestCalendarsInTheBody(t *testing.T) {
	h := newTest(Options{})
	w := post(t, h, "overlap", withCalendar(`, "from": "2026-12-07", "to": "2026-12-08"`))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var o struct {
		Heatmap struct {
			Days []struct {
				Cells []struct {
					Clock string   `json:"clock"`
					Free  []string `json:"free"`
				} `json:"cells"`
			} `json:"days"`
		} `json:"heatmap"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &o); err != nil {
		t.Fatal(err)
	}
	// By hand, in UTC: Lena works 08:00-16:00, busy 13:00-15:00; Tom works
	// 14:00-22:00.
	want := map[string]string{"07:00": "", "08:00": "lena", "12:00": "lena", "13:00": "", "14:00": "tom", "15:00": "lena,tom", "16:00": "tom", "21:00": "tom", "22:00": ""}
	cells := o.Heatmap.Days[0].Cells
	for _, c := range cells {
		if w, ok := want[c.Clock]; ok && strings.Join(c.Free, ",") != w {
			t.Errorf("%s: free %q, want %q", c.Clock, c.Free, w)
		}
	}
	if len(o.Heatmap.Days) != 1 || len(cells) != 24 {
		t.Fatalf("%d days, %d cells", len(o.Heatmap.Days), len(cells))
	}
}

func TestInvites(t *testing.T) {
	h := newTest(Options{})
	w := post(t, h, "ics", withCalendar(`, "title": "Plan, review; ship", "slots": [
		{"start": "2026-12-07T15:00:00Z", "end": "2026-12-07T15:30:00Z", "attendees": [{"id": "lena"}, {"id": "tom", "optional": true}]},
		{"start": "2026-12-14T16:00:00+01:00", "end": "2026-12-14T16:30:00+01:00", "attendees": [{"id": "lena"}]}]`))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct, cd := w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"); ct != "text/calendar; charset=utf-8" || cd != `attachment; filename="tzplan.ics"` {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	text := w.Body.String()
	c, err := ics.Read(context.Background(), strings.NewReader(text), ics.Options{Strict: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	es, err := c.Events(context.Background(), calendar.Interval{Start: now.AddDate(0, 0, -7), End: now.AddDate(0, 0, 14)}, time.UTC)
	if err != nil || len(es) != 2 {
		t.Fatalf("%d events, %v\n%s", len(es), err, text)
	}
	if s := es[0].Start; !s.Equal(time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("first starts %s", s)
	}
	if s := es[1].Start; !s.Equal(time.Date(2026, 12, 14, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("second starts %s", s)
	}
	for _, want := range []string{"DTSTART:20261207T150000Z\r\n", "SUMMARY:Plan\\, review\\; ship\r\n", "ROLE=OPT-PARTICIPANT:mailto:tom@example.com",
		"DTSTAMP:20261208T100000Z\r\n", "PRODID:-//tzplan//service//EN\r\n"} {
		if !strings.Contains(strings.ReplaceAll(text, "\r\n ", ""), want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	// The same slot and people, under another title: the same UID.
	again := post(t, h, "ics", withCalendar(`, "slots": [{"start": "2026-12-07T15:00:00Z", "end": "2026-12-07T15:30:00Z", "attendees": [{"id": "lena"}, {"id": "tom", "optional": true}]}]`))
	uid := func(s string) string {
		_, rest, _ := strings.Cut(s, "UID:")
		line, _, _ := strings.Cut(rest, "\r\n")
		return line
	}
	if a, b := uid(text), uid(again.Body.String()); a == "" || a != b {
		t.Errorf("UIDs %q and %q", a, b)
	}
}

func TestBadRequests(t *testing.T) {
	h := newTest(Options{})
	for _, tc := range []struct {
		name, endpoint, body, want string
	}{
		{"empty", "suggest", ``, "the body is empty"},
		{"not JSON", "suggest", `{"demo": true`, "not JSON"},
		{"syntax", "suggest", `{"demo": tru}`, "not JSON"},
		{"an array", "suggest", `[1]`, "want an object"},
		{"after the value", "suggest", `{"demo": true} {}`, "after the value"},
		{"unknown field", "suggest", `{"demo": true, "durtion": "30m"}`, `"durtion"`},
		{"a field of another endpoint", "overlap", `{"demo": true, "duration": "30m"}`, `"duration"`},
		{"twice", "suggest", `{"demo": true, "demo": false}`, `"demo"`},
		{"wrong type", "suggest", `{"demo": true, "max": "5"}`, `"max": want a whole number`},
		{"wrong type in a list", "suggest", `{"demo": true, "required": [1]}`, `"required"`},
		{"no team", "suggest", `{}`, `"roster": missing`},
		{"roster null", "suggest", `{"roster": null}`, `"roster": missing`},
		{"demo and roster", "suggest", `{"demo": true, "roster": {"people": []}}`, `"demo"`},
		{"empty roster", "suggest", `{"roster": {"people": []}}`, `"roster"`},
		{"bad roster", "suggest", `{"roster": {"people": [{"id": "a", "zone": "Mars/Base"}]}}`, `Mars/Base`},
		{"missing calendar", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "calendars": ["a.ics"]}]}}`, `"a.ics"`},
		{"calendar outside", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "calendars": ["../../etc/passwd"]}]}}`, `"roster"`},
		{"calendar on a server", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "calendars": ["caldav+http://127.0.0.1:1/cal/"]}]}}`, `a calendar on a server`},
		{"holiday calendar on a server", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "holidayCalendars": ["caldav+http://127.0.0.1:1/cal/"]}]}}`, `a calendar on a server`},
		{"calendar absolute", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "calendars": ["/etc/passwd"]}]}}`, `"roster"`},
		{"strict", "suggest", `{"roster": {"people": [{"id": "a", "zone": "UTC", "calendars": ["a.ics"]}]}, "strict": true, "calendars": {"a.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026XX\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"}}`, `"a.ics"`},
		{"zone", "suggest", `{"demo": true, "zone": "Mars/Base"}`, `"zone"`},
		{"from", "suggest", `{"demo": true, "from": "2026-13-01"}`, `"from"`},
		{"to", "suggest", `{"demo": true, "to": "tomorrow"}`, `"to"`},
		{"window backwards", "suggest", `{"demo": true, "from": "2026-12-09", "to": "2026-12-08"}`, `"to"`},
		{"window too long", "overlap", `{"demo": true, "from": "2026-01-01", "to": "2029-01-01"}`, `two years`},
		{"people", "overlap", `{"demo": true, "people": ["ben", "zed"]}`, `"people": "zed"`},
		{"required", "suggest", `{"demo": true, "required": ["zed"]}`, `"required": "zed"`},
		{"optional", "suggest", `{"demo": true, "optional": ["zed"]}`, `"optional": "zed"`},
		{"duration", "suggest", `{"demo": true, "duration": "30"}`, `"duration"`},
		{"negative duration", "suggest", `{"demo": true, "duration": "-30m"}`, `"duration"`},
		{"step", "suggest", `{"demo": true, "step": "0s"}`, `"step"`},
		{"buffer", "suggest", `{"demo": true, "buffer": "-5m"}`, `"buffer"`},
		{"min attendance", "suggest", `{"demo": true, "minAttendance": 0}`, `"minAttendance"`},
		{"max", "suggest", `{"demo": true, "max": 0}`, `"max"`},
		{"night", "suggest", `{"demo": true, "night": "late"}`, `"night"`},
		{"not before", "suggest", `{"demo": true, "notBefore": "now"}`, `"notBefore"`},
		{"n", "rotate", `{"demo": true, "n": 0}`, `"n"`},
		{"n too large", "rotate", `{"demo": true, "n": 1000000000}`, `"n"`},
		{"year 10000", "overlap", `{"demo": true, "from": "9999-12-27"}`, `"to"`},
		{"year 0", "overlap", `{"demo": true, "from": "0001-01-01"}`, `"from"`},
		{"holiday calendars alone", "holidays", `{"calendars": {"a.ics": ""}}`, `"calendars"`},
		{"strict alone", "holidays", `{"strict": true}`, `"calendars"`},
		{"window over the service's days", "overlap", `{"demo": true, "from": "2026-01-01", "to": "2027-06-01"}`, `"to"`},
		{"purpose", "advise", `{"demo": true, "purpose": "chat"}`, `"purpose"`},
		{"sensitivity", "advise", `{"demo": true, "sensitivity": "very"}`, `"sensitivity"`},
		{"ambiguity", "advise", `{"demo": true, "ambiguity": "some"}`, `"ambiguity"`},
		{"deadline", "advise", `{"demo": true, "deadline": "soon"}`, `"deadline"`},
		{"now", "advise", `{"demo": true, "now": "10am"}`, `"now"`},
		{"now outside", "advise", `{"demo": true, "from": "2026-12-14", "now": "2026-12-08T10:00:00Z"}`, `"now"`},
		{"exchanges", "advise", `{"demo": true, "exchanges": -1}`, `"exchanges"`},
		{"participants", "advise", `{"demo": true, "participants": ["zed"]}`, `zed`},
		{"purposes", "audit", `{"demo": true, "purposes": {"Weekly status": "chat"}}`, `"purposes"`},
		{"codes", "holidays", `{"codes": ["XX"]}`, `"codes"`},
		{"codes and roster", "holidays", `{"demo": true, "codes": ["NZ"]}`, `"codes"`},
		{"actual alone", "holidays", `{"actual": true}`, `"actual"`},
		{"no slots", "ics", `{"demo": true}`, `"slots"`},
		{"slot start", "ics", `{"demo": true, "slots": [{"start": "monday", "end": "2026-12-07T12:30:00Z"}]}`, `"slots[0].start"`},
		{"slot end", "ics", `{"demo": true, "slots": [{"start": "2026-12-07T12:30:00Z", "end": "2026-12-07T12:00:00Z"}]}`, `"slots[0].end"`},
		{"slot attendee", "ics", `{"demo": true, "slots": [{"start": "2026-12-07T12:00:00Z", "end": "2026-12-07T12:30:00Z", "attendees": [{"id": "ben"}, {"id": "zed"}]}]}`, `"slots[0].attendees[1].id"`},
		{"slot year", "ics", `{"demo": true, "slots": [{"start": "0000-12-07T12:00:00Z", "end": "0000-12-07T12:30:00Z"}]}`, `0000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := errorOf(t, post(t, h, tc.endpoint, tc.body), http.StatusBadRequest)
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q lacks %q", msg, tc.want)
			}
		})
	}
}

// A calendar the roster names but does not send, and one whose content
// must not leak: the error names the file, never what it holds.
func TestRosterErrorsQuoteNoContent(t *testing.T) {
	h := newTest(Options{})
	body, _ := json.Marshal(map[string]any{
		"roster":    json.RawMessage(`{"people": [{"id": "a", "zone": "UTC", "calendars": ["a.ics"]}]}`),
		"calendars": map[string]string{"a.ics": "secret-token-1234 not a calendar"},
		"strict":    true,
	})
	msg := errorOf(t, post(t, h, "suggest", string(body)), http.StatusBadRequest)
	if strings.Contains(msg, "secret") || !strings.Contains(msg, `"a.ics"`) {
		t.Errorf("error %q", msg)
	}
}

// Read leniently, a calendar's problems are the answer's warnings.
func TestWarnings(t *testing.T) {
	h := newTest(Options{})
	cal := strings.Replace(oneCalendar, "DTEND:20261207T150000Z\r\n", "DTEND:20261207T150000Z\r\nRRULE:FREQ=SOMETIMES\r\n", 1)
	body, _ := json.Marshal(map[string]any{
		"roster":    json.RawMessage(oneRoster),
		"calendars": map[string]string{"cal/lena.ics": cal},
	})
	w := post(t, h, "overlap", string(body))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	ws := w.Header().Values("Tzplan-Warning")
	if len(ws) != 1 || !strings.Contains(ws[0], `"cal/lena.ics": line`) {
		t.Errorf("warnings %q", ws)
	}
	// Many problems: at most maxWarnings headers, each one line.
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n")
	for range 50 {
		b.WriteString("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026XX\r\nSUMMARY:\x7f\u00e9\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	body, _ = json.Marshal(map[string]any{"roster": json.RawMessage(oneRoster), "calendars": map[string]string{"cal/lena.ics": b.String()}})
	w = post(t, h, "overlap", string(body))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	ws = w.Header().Values("Tzplan-Warning")
	if len(ws) != maxWarnings {
		t.Errorf("%d warnings, want %d", len(ws), maxWarnings)
	}
	for _, v := range ws {
		for _, r := range v {
			if r < 0x20 || r > 0x7e {
				t.Fatalf("warning %q has %q", v, r)
			}
		}
	}
}

func TestBodyLimit(t *testing.T) {
	h := newTest(Options{MaxBody: 64})
	body := `{"demo": true, "zone": "UTC", "from": "2026-12-07", "to": "2026-12-08", "required": ["ben"]}`
	msg := errorOf(t, post(t, h, "suggest", body), http.StatusRequestEntityTooLarge)
	if !strings.Contains(msg, "64 bytes") {
		t.Errorf("error %q", msg)
	}
	if w := post(t, h, "suggest", `{"demo": true}`); w.Code != http.StatusOK {
		t.Errorf("a small body: status %d", w.Code)
	}
}

func TestTimeout(t *testing.T) {
	h := newTest(Options{Timeout: time.Nanosecond})
	msg := errorOf(t, post(t, h, "overlap", `{"demo": true}`), http.StatusGatewayTimeout)
	if !strings.Contains(msg, "longer than 1ns") {
		t.Errorf("error %q", msg)
	}
}

// A team or an answer larger than the service takes is refused, before
// the work where it can be.
func TestServiceLimits(t *testing.T) {
	h := newTest(Options{MaxPeople: 3})
	msg := errorOf(t, post(t, h, "overlap", `{"demo": true}`), http.StatusBadRequest)
	if !strings.Contains(msg, `"roster": 8 people, more than the 3`) {
		t.Errorf("error %q", msg)
	}
	if w := post(t, h, "overlap", `{"demo": true, "people": ["ben", "sam"]}`); w.Code != http.StatusOK {
		t.Errorf("two people: status %d", w.Code)
	}
	h = newTest(Options{MaxDays: 7})
	if w := post(t, h, "overlap", `{"demo": true, "from": "2026-12-07", "to": "2026-12-14"}`); w.Code != http.StatusOK {
		t.Errorf("seven days: status %d", w.Code)
	}
	errorOf(t, post(t, h, "overlap", `{"demo": true, "from": "2026-12-07", "to": "2026-12-15"}`), http.StatusBadRequest)
	h = newTest(Options{MaxAnswer: 10000})
	msg = errorOf(t, post(t, h, "overlap", `{"demo": true}`), http.StatusBadRequest)
	if !strings.Contains(msg, "more than 10000 bytes") {
		t.Errorf("error %q", msg)
	}
}

// A body of many keys, or nested deep, costs what its bytes do: the check
// for a key given twice is linear, and stops where the decoder does.
func TestHostileBodies(t *testing.T) {
	h := newTest(Options{})
	var b strings.Builder
	b.WriteString(`{"demo": true, "purposes": {`)
	for i := range 100000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"t%06d": "decide"`, i)
	}
	b.WriteString(`}, "from": "2026-12-07"}`)
	if w := post(t, h, "audit", b.String()); w.Code != http.StatusOK {
		t.Errorf("100,000 purposes: status %d: %.300s", w.Code, w.Body)
	}
	errorOf(t, post(t, h, "suggest", strings.Repeat("[", 1<<20)), http.StatusBadRequest)
	// The decoder takes "ſtrict" (a long s) for "strict": the check too.
	msg := errorOf(t, post(t, h, "suggest", `{"demo": true, "strict": false, "\u017ftrict": true}`), http.StatusBadRequest)
	if !strings.Contains(msg, "given twice") {
		t.Errorf("error %q", msg)
	}
}

// A request waits for its turn while MaxInFlight others are computed, and
// its time limit runs while it waits.
func TestInFlight(t *testing.T) {
	s := newServer(Options{MaxInFlight: 1, Timeout: 50 * time.Millisecond, Now: func() time.Time { return now }})
	h := s.handler()
	s.turns <- struct{}{} // a request being computed
	msg := errorOf(t, post(t, h, "holidays", `{}`), http.StatusGatewayTimeout)
	if !strings.Contains(msg, "longer than 50ms") {
		t.Errorf("error %q", msg)
	}
	<-s.turns
	if w := post(t, h, "holidays", `{}`); w.Code != http.StatusOK {
		t.Errorf("status %d once the turn is free", w.Code)
	}
	// A panicking answer gives its turn back.
	bad := endpoint{func() any { return new(struct{}) }, func(*server, context.Context, any) (any, error) { panic("boom") }}
	func() {
		defer func() { recover() }()
		s.compute(context.Background(), bad, nil)
	}()
	if len(s.turns) != 0 {
		t.Errorf("%d turns taken after a panic", len(s.turns))
	}
}

// The library's limits, when set, bound what a request may ask for.
func TestLimits(t *testing.T) {
	l := calendar.DefaultLimits()
	l.People = 1
	h := newTest(Options{Limits: &l})
	errorOf(t, post(t, h, "overlap", `{"demo": true}`), http.StatusBadRequest)
}

func TestMethodsPathsAndTypes(t *testing.T) {
	h := newTest(Options{})
	do := func(method, path, ct, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	w := do(http.MethodGet, "/api/v1/suggest", "", "")
	errorOf(t, w, http.StatusMethodNotAllowed)
	if a := w.Header().Get("Allow"); a != "POST" {
		t.Errorf("Allow %q", a)
	}
	errorOf(t, do(http.MethodPost, "/api/v1/openapi.json", "application/json", "{}"), http.StatusMethodNotAllowed)
	errorOf(t, do(http.MethodDelete, "/", "", ""), http.StatusMethodNotAllowed)
	errorOf(t, do(http.MethodPost, "/api/v1/nothing", "application/json", "{}"), http.StatusNotFound)
	errorOf(t, do(http.MethodPost, "/api/v2/suggest", "application/json", "{}"), http.StatusNotFound)
	errorOf(t, do(http.MethodPost, "/api/v1/suggest/more", "application/json", "{}"), http.StatusNotFound)
	errorOf(t, do(http.MethodPost, "/api/v1/suggest", "application/x-www-form-urlencoded", "demo=true"), http.StatusUnsupportedMediaType)
	errorOf(t, do(http.MethodPost, "/api/v1/suggest", "text/plain", `{"demo": true}`), http.StatusUnsupportedMediaType)
	if w := do(http.MethodPost, "/api/v1/suggest", "application/json; charset=utf-8", `{"demo": true}`); w.Code != http.StatusOK {
		t.Errorf("JSON with a charset: status %d", w.Code)
	}
	// A body without a type is what a page elsewhere can send without
	// asking the browser first.
	errorOf(t, do(http.MethodPost, "/api/v1/suggest", "", `{"demo": true}`), http.StatusUnsupportedMediaType)
	// The page and its files.
	for _, path := range []string{"/", "/app.js", "/style.css"} {
		w := do(http.MethodGet, path, "", "")
		if w.Code != http.StatusOK || w.Body.Len() == 0 {
			t.Errorf("GET %s: status %d", path, w.Code)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
	}
	if w := do(http.MethodGet, "/nothing.html", "", ""); w.Code != http.StatusNotFound {
		t.Errorf("GET /nothing.html: status %d", w.Code)
	}
}

// A panic reaches neither the client nor the process: the client gets a
// 500 that says nothing of it, and the log has it.
func TestPanics(t *testing.T) {
	var logged bytes.Buffer
	s := &server{opt: Options{Log: slog.New(slog.NewJSONHandler(&logged, nil))}}
	h := s.logged(s.recovered(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("secret detail") })))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/v1/suggest", nil))
	msg := errorOf(t, w, http.StatusInternalServerError)
	if strings.Contains(msg, "secret") {
		t.Errorf("error %q tells the panic", msg)
	}
	if !strings.Contains(logged.String(), "secret detail") || !strings.Contains(logged.String(), `"status":500`) {
		t.Errorf("log:\n%s", logged.String())
	}
}

// Every request is one access-log record.
func TestAccessLog(t *testing.T) {
	var logged bytes.Buffer
	h := newTest(Options{Log: slog.New(slog.NewJSONHandler(&logged, nil))})
	post(t, h, "holidays", `{}`)
	post(t, h, "suggest", `{"demo": "yes"}`)
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logged.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records:\n%s", len(recs), logged.String())
	}
	for i, want := range []struct {
		path   string
		status float64
	}{{"/api/v1/holidays", 200}, {"/api/v1/suggest", 400}} {
		r := recs[i]
		if r["msg"] != "request" || r["method"] != "POST" || r["path"] != want.path || r["status"] != want.status || r["bytes"].(float64) <= 0 || r["duration"] == nil {
			t.Errorf("record %d: %v", i, r)
		}
	}
}

// Requests at once share nothing: the race detector watches.
func TestConcurrentRequests(t *testing.T) {
	h := newTest(Options{})
	done := make(chan string)
	for i := range 8 {
		go func() {
			body := `{"demo": true, "from": "2026-12-07", "required": ["ben", "priya", "sam"], "max": 1}`
			if i%2 == 1 {
				body = `{"demo": true, "zone": "Asia/Kathmandu"}`
			}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/suggest", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			done <- w.Body.String()
		}()
	}
	for i := range 8 {
		if got := <-done; !strings.Contains(got, `"suggestions"`) {
			t.Errorf("answer %d: %.200s", i, got)
		}
	}
}
