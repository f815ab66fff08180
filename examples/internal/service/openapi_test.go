package service

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/examples/internal/plan"
)

// The document is held to the handlers: its paths are the service's
// endpoints, its request schemas the fields of the body types, and its
// examples, answered, fit its answer schemas. The schemas are checked by
// a small schemaValidator below that knows only the keywords the document uses,
// and refuses any other, so that no part of the document goes unchecked.

// openAPIClock is the service's clock in these tests: a Tuesday of the
// week the examples plan.
func openAPIClock() time.Time { return time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC) }

// openAPIDocument reads the embedded document.
func openAPIDocument(t *testing.T) ([]byte, map[string]any) {
	t.Helper()
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return b, doc
}

// jsonAt follows keys down nested objects, or returns nil.
func jsonAt(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestOpenAPIDocumentsEveryEndpoint(t *testing.T) {
	raw, doc := openAPIDocument(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Errorf("openapi %q, want 3.x", v)
	}
	if title, version := jsonAt(doc, "info", "title"), jsonAt(doc, "info", "version"); title != "tzplan" || version != "1" {
		t.Errorf("info: title %v, version %v", title, version)
	}
	paths, _ := doc["paths"].(map[string]any)
	var want []string
	for name := range endpoints {
		want = append(want, "/api/v1/"+name)
	}
	want = append(want, "/api/v1/openapi.json")
	sort.Strings(want)
	if got := keysOf(paths); !slices.Equal(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
	for name := range endpoints {
		item, _ := paths["/api/v1/"+name].(map[string]any)
		if got := keysOf(item); !slices.Equal(got, []string{"post"}) {
			t.Errorf("/api/v1/%s: operations %q, want only post", name, got)
		}
	}

	h := New(Options{Now: openAPIClock})
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(method, "/api/v1/openapi.json", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s /api/v1/openapi.json: status %d", method, w.Code)
		}
		if mt, _, err := mime.ParseMediaType(w.Header().Get("Content-Type")); err != nil || mt != "application/json" {
			t.Errorf("%s /api/v1/openapi.json: Content-Type %q", method, w.Header().Get("Content-Type"))
		}
		if method == http.MethodGet && !bytes.Equal(w.Body.Bytes(), raw) {
			t.Errorf("GET /api/v1/openapi.json serves %d bytes, not the %d of openapi.json", w.Body.Len(), len(raw))
		}
	}
}

// goJSONFields maps the JSON names a body type decodes to their Go types,
// as encoding/json sees them: embedded structs are flattened, a tag names
// a field, and unexported fields are skipped.
func goJSONFields(typ reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			for k, v := range goJSONFields(f.Type) {
				out[k] = v
			}
		case !f.IsExported():
		case name == "":
			out[f.Name] = f.Type
		default:
			out[name] = f.Type
		}
	}
	return out
}

// compareFields reports where the properties of schema differ from the
// JSON fields of typ, down through lists and objects of structs.
func (v *schemaValidator) compareFields(where string, schema any, typ reflect.Type) []string {
	fields := goJSONFields(typ)
	s := v.resolve(schema)
	props, _ := s["properties"].(map[string]any)
	var out []string
	if s["additionalProperties"] != false {
		out = append(out, where+": additionalProperties is not false, but the decoder refuses unknown fields")
	}
	for name, ft := range fields {
		ps, ok := props[name]
		if !ok {
			out = append(out, fmt.Sprintf("%s: field %q is not documented", where, name))
			continue
		}
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			if ft.Kind() == reflect.Slice {
				ps = v.resolve(ps)["items"]
			}
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ps != nil {
			out = append(out, v.compareFields(where+"."+name, ps, ft)...)
		}
	}
	for name := range props {
		if _, ok := fields[name]; !ok {
			out = append(out, fmt.Sprintf("%s: property %q is not a field of the body", where, name))
		}
	}
	return out
}

func TestOpenAPIRequestsAreTheBodyTypes(t *testing.T) {
	_, doc := openAPIDocument(t)
	v := &schemaValidator{doc: doc}
	for name, ep := range endpoints {
		schema := jsonAt(doc, "paths", "/api/v1/"+name, "post", "requestBody", "content", "application/json", "schema")
		if schema == nil {
			t.Errorf("%s: no application/json request schema", name)
			continue
		}
		for _, msg := range v.compareFields(name, schema, reflect.TypeOf(ep.body()).Elem()) {
			t.Error(msg)
		}
	}
}

// A roster schema that refused the demo team's roster would be wrong.
func TestOpenAPIRosterSchemaReadsTheDemo(t *testing.T) {
	_, doc := openAPIDocument(t)
	var roster any
	if err := json.Unmarshal(plan.DemoJSON(), &roster); err != nil {
		t.Fatal(err)
	}
	v := &schemaValidator{doc: doc}
	for _, msg := range v.validate("demo.json", map[string]any{"$ref": "#/components/schemas/Roster"}, roster) {
		t.Error(msg)
	}
}

// openAPIAnswer posts body to endpoint and checks that the answer is 200
// and fits the document's 200 answer, headers included, and returns it.
func openAPIAnswer(t *testing.T, h http.Handler, v *schemaValidator, name string, body any) *httptest.ResponseRecorder {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	op := jsonAt(v.doc, "paths", "/api/v1/"+name, "post")
	for _, msg := range v.validate(name+" request", jsonAt(op, "requestBody", "content", "application/json", "schema"), body) {
		t.Errorf("%s %s: %s", name, b, msg)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/"+name, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Errorf("%s %s: status %d: %s", name, b, w.Code, w.Body)
		return w
	}
	content, _ := jsonAt(op, "responses", "200", "content").(map[string]any)
	ct := w.Header().Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || content[mt] == nil || len(content) != 1 {
		t.Errorf("%s: Content-Type %q, want the one the document gives, of %q", name, ct, keysOf(content))
		return w
	}
	var answer any
	if mt == "application/json" {
		if err := json.Unmarshal(w.Body.Bytes(), &answer); err != nil {
			t.Errorf("%s: %v", name, err)
			return w
		}
	} else {
		answer = w.Body.String()
	}
	for _, msg := range v.validate(name, jsonAt(content[mt], "schema"), answer) {
		t.Errorf("%s %s: answer: %s", name, b, msg)
	}
	// The service's own headers are documented.
	headers, _ := jsonAt(op, "responses", "200", "headers").(map[string]any)
	for key := range w.Header() {
		if (strings.HasPrefix(key, "Tzplan-") || key == "Content-Disposition") && headers[key] == nil {
			t.Errorf("%s: header %s is not documented", name, key)
		}
	}
	return w
}

// Each example is answered, and so are bodies that reach the answers'
// other shapes (no slot, codes, the list of codes, the default window).
func TestOpenAPIExamplesAnswerAsDocumented(t *testing.T) {
	_, doc := openAPIDocument(t)
	v := &schemaValidator{doc: doc}
	h := New(Options{Now: openAPIClock})
	for name := range endpoints {
		example := jsonAt(doc, "paths", "/api/v1/"+name, "post", "requestBody", "content", "application/json", "example")
		if example == nil {
			t.Errorf("%s: no example request", name)
			continue
		}
		openAPIAnswer(t, h, v, name, example)
	}
	for _, c := range []struct {
		name string
		body string
	}{
		{"availability", `{"demo": true}`},
		{"overlap", `{"demo": true, "zone": "America/New_York", "from": "2026-03-08", "to": "2026-03-09"}`}, // a day the clocks skip an hour
		{"suggest", `{"demo": true, "from": "2026-12-07"}`},
		{"suggest", `{"demo": true, "required": ["ben", "sam"], "allowOffHours": true, "allowNight": true, "buffer": "15m", "spacing": "0s"}`},
		{"rotate", `{"demo": true, "from": "2026-12-07", "n": 2}`},
		{"rotate", `{"demo": true, "required": ["ben", "mia"], "n": 2}`},
		{"advise", `{"demo": true, "purpose": "inform"}`},
		{"audit", `{"demo": true, "from": "2026-12-07", "to": "2026-12-21"}`},
		{"holidays", `{"codes": ["NZ", "us"], "from": "2026-12-01", "to": "2027-01-01", "actual": true}`},
		{"holidays", `{}`},
	} {
		var body any
		if err := json.Unmarshal([]byte(c.body), &body); err != nil {
			t.Fatal(err)
		}
		openAPIAnswer(t, h, v, c.name, body)
	}

	// A roster of the body's own: a person with no name, and a calendar
	// file with a problem, which a lenient read skips and warns of.
	broken := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20261201T000000Z\r\n" +
		"DTSTART:20261207T130000Z\r\nDTEND:20261207T150000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	body := map[string]any{
		"roster": map[string]any{"people": []any{
			map[string]any{"id": "kai", "zone": "Pacific/Auckland", "calendars": []any{"kai.ics"}},
			map[string]any{"id": "lea", "name": "Lea", "zone": "Europe/Paris", "hours": "Mon-Fri 08:00-16:00"},
		}},
		"calendars": map[string]any{"kai.ics": broken},
		"from":      "2026-12-07", "to": "2026-12-09",
	}
	if w := openAPIAnswer(t, h, v, "overlap", body); len(w.Header().Values("Tzplan-Warning")) == 0 {
		t.Error("a calendar file with a problem: no Tzplan-Warning header")
	}
}

// Every error status the document gives is answered to some request here,
// each with a body that fits the Error schema.
func TestOpenAPIErrorsAnswerAsDocumented(t *testing.T) {
	_, doc := openAPIDocument(t)
	v := &schemaValidator{doc: doc}
	documented := map[string]bool{"404": true} // an unknown path has no operation to list it under
	for _, item := range jsonAt(doc, "paths").(map[string]any) {
		for _, op := range item.(map[string]any) {
			for status := range jsonAt(op, "responses").(map[string]any) {
				if status != "200" {
					documented[status] = true
				}
			}
		}
	}
	produced := map[string]bool{}
	check := func(what string, w *httptest.ResponseRecorder, status int, prefix string) {
		t.Helper()
		if w.Code != status {
			t.Errorf("%s: status %d, want %d: %s", what, w.Code, status, w.Body)
			return
		}
		produced[fmt.Sprint(status)] = true
		var answer any
		if err := json.Unmarshal(w.Body.Bytes(), &answer); err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		for _, msg := range v.validate(what, map[string]any{"$ref": "#/components/schemas/Error"}, answer) {
			t.Errorf("%s: %s", what, msg)
		}
		if msg, _ := jsonAt(answer, "error").(string); !strings.HasPrefix(msg, prefix) {
			t.Errorf("%s: error %q does not start with %q", what, msg, prefix)
		}
	}
	send := func(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}

	h := New(Options{Now: openAPIClock})
	for name := range endpoints {
		path := "/api/v1/" + name
		check(name+" unknown field", send(h, http.MethodPost, path, "application/json", `{"demo": true, "bogus": 1}`), http.StatusBadRequest, `unknown field "bogus"`)
		if name == "ics" {
			check(name+" no slots", send(h, http.MethodPost, path, "application/json", `{"demo": true}`), http.StatusBadRequest, `"slots"`)
		} else {
			check(name+" bad zone", send(h, http.MethodPost, path, "application/json", `{"demo": true, "zone": "Mars/Olympus"}`), http.StatusBadRequest, `"zone"`)
		}
		w := send(h, http.MethodGet, path, "", "")
		check(name+" GET", w, http.StatusMethodNotAllowed, "GET "+path)
		if allow := w.Header().Get("Allow"); allow != "POST" {
			t.Errorf("%s GET: Allow %q, want POST as documented", name, allow)
		}
		check(name+" text/plain", send(h, http.MethodPost, path, "text/plain", `{"demo": true}`), http.StatusUnsupportedMediaType, `Content-Type "text/plain"`)
	}
	w := send(h, http.MethodPost, "/api/v1/openapi.json", "application/json", `{}`)
	check("POST openapi.json", w, http.StatusMethodNotAllowed, "POST /api/v1/openapi.json")
	if allow := w.Header().Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("POST openapi.json: Allow %q, want GET, HEAD as documented", allow)
	}
	check("unknown endpoint", send(h, http.MethodPost, "/api/v1/nothing", "application/json", `{"demo": true}`), http.StatusNotFound, "no endpoint")

	small := New(Options{Now: openAPIClock, MaxBody: 64})
	check("large body", send(small, http.MethodPost, "/api/v1/overlap", "application/json", `{"demo": true, "zone": "`+strings.Repeat("x", 100)+`"}`),
		http.StatusRequestEntityTooLarge, "the body is larger than 64 bytes")

	slow := New(Options{Now: openAPIClock, Timeout: time.Nanosecond})
	check("time limit", send(slow, http.MethodPost, "/api/v1/overlap", "application/json", `{"demo": true}`), http.StatusGatewayTimeout, "the request took longer than 1ns")

	// No request can ask for the service's own fault (a panic, a demo
	// that does not read): a panicking handler, wrapped as New wraps the
	// service's, stands in for one.
	s := &server{opt: Options{Now: openAPIClock, Log: slog.New(slog.DiscardHandler)}}
	panicking := s.logged(s.recovered(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") })))
	check("panic", send(panicking, http.MethodPost, "/api/v1/overlap", "application/json", `{"demo": true}`), http.StatusInternalServerError, "internal error")

	for status := range documented {
		if !produced[status] {
			t.Errorf("status %s is documented but no request here produced it", status)
		}
	}
}

// A schemaValidator checks JSON values, as encoding/json decodes them
// into any, against the document's schemas. It knows the keywords below
// and reports any other as an error of the document, so that the
// document cannot say more than the test checks.
type schemaValidator struct {
	doc map[string]any
}

// knownKeywords are the keywords schemaValidator checks, and those that
// only inform (description, default, example).
var knownKeywords = map[string]bool{
	"$ref": true, "type": true, "enum": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "minItems": true, "maxItems": true, "oneOf": true, "anyOf": true,
	"minimum": true, "maximum": true, "exclusiveMinimum": true, "pattern": true, "format": true,
	"description": true, "default": true, "example": true,
}

// resolve returns the schema s names with $ref, or s.
func (v *schemaValidator) resolve(s any) map[string]any {
	m, _ := s.(map[string]any)
	if ref, ok := m["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/components/schemas/")
		target, _ := jsonAt(v.doc, "components", "schemas", name).(map[string]any)
		if !found || target == nil {
			return map[string]any{"$ref": "unresolved " + ref}
		}
		return target
	}
	return m
}

// validate returns what is wrong with value under schema, each as "at:
// what"; nil when it fits.
func (v *schemaValidator) validate(at string, schema, value any) []string {
	m, ok := schema.(map[string]any)
	if !ok {
		return []string{at + ": the schema is not an object"}
	}
	var out []string
	bad := func(format string, args ...any) { out = append(out, at+": "+fmt.Sprintf(format, args...)) }
	for k := range m {
		if !knownKeywords[k] {
			bad("the schemaValidator does not know the keyword %q", k)
		}
	}
	if ref, ok := m["$ref"].(string); ok {
		target := v.resolve(m)
		if target["$ref"] != nil {
			bad("$ref %q does not resolve", ref)
			return out
		}
		out = append(out, v.validate(at, target, value)...)
	}
	if t, ok := m["type"]; ok && !v.hasType(t, value) {
		bad("%s is not of type %v", briefJSON(value), t)
		return out
	}
	if enum, ok := m["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return reflect.DeepEqual(e, value) }) {
		bad("%s is not one of %v", briefJSON(value), enum)
	}
	if alts, ok := m["oneOf"].([]any); ok {
		if n := v.fits(at, alts, value); n != 1 {
			bad("%s fits %d of oneOf's %d schemas, want exactly 1", briefJSON(value), n, len(alts))
		}
	}
	if alts, ok := m["anyOf"].([]any); ok && v.fits(at, alts, value) == 0 {
		bad("%s fits none of anyOf's %d schemas", briefJSON(value), len(alts))
	}
	switch x := value.(type) {
	case map[string]any:
		props, _ := m["properties"].(map[string]any)
		for _, r := range anyList(m["required"]) {
			if _, ok := x[r.(string)]; !ok {
				bad("%q is required but missing", r)
			}
		}
		for _, k := range keysOf(x) {
			if ps, ok := props[k]; ok {
				out = append(out, v.validate(at+"."+k, ps, x[k])...)
				continue
			}
			switch extra := m["additionalProperties"].(type) {
			case bool:
				if !extra {
					bad("%q is not in the schema", k)
				}
			case map[string]any:
				out = append(out, v.validate(at+"."+k, extra, x[k])...)
			}
		}
	case []any:
		if n, ok := m["minItems"].(float64); ok && float64(len(x)) < n {
			bad("%d items, fewer than %v", len(x), n)
		}
		if n, ok := m["maxItems"].(float64); ok && float64(len(x)) > n {
			bad("%d items, more than %v", len(x), n)
		}
		if items, ok := m["items"]; ok {
			for i, e := range x {
				out = append(out, v.validate(fmt.Sprintf("%s[%d]", at, i), items, e)...)
			}
		}
	case float64:
		if n, ok := m["minimum"].(float64); ok && x < n {
			bad("%v is less than %v", x, n)
		}
		if n, ok := m["maximum"].(float64); ok && x > n {
			bad("%v is more than %v", x, n)
		}
		if n, ok := m["exclusiveMinimum"].(float64); ok && x <= n {
			bad("%v is not more than %v", x, n)
		}
	case string:
		if p, ok := m["pattern"].(string); ok {
			if re, err := regexp.Compile(p); err != nil {
				bad("pattern %q: %v", p, err)
			} else if !re.MatchString(x) {
				bad("%q does not match %q", x, p)
			}
		}
		switch m["format"] {
		case "date-time":
			if _, err := time.Parse(time.RFC3339Nano, x); err != nil {
				bad("%q is not an RFC 3339 instant", x)
			}
		case "date":
			if _, err := time.Parse(time.DateOnly, x); err != nil {
				bad("%q is not a date", x)
			}
		case nil:
		default:
			bad("the schemaValidator does not know the format %v", m["format"])
		}
	}
	return out
}

// fits counts the schemas of alts that value fits.
func (v *schemaValidator) fits(at string, alts []any, value any) int {
	n := 0
	for _, alt := range alts {
		if len(v.validate(at, alt, value)) == 0 {
			n++
		}
	}
	return n
}

// hasType says whether value is of the type t names, or of one of the
// types it lists.
func (v *schemaValidator) hasType(t, value any) bool {
	if list, ok := t.([]any); ok {
		return slices.ContainsFunc(list, func(t any) bool { return v.hasType(t, value) })
	}
	switch t {
	case "object":
		_, ok := value.(map[string]any)
		return ok
	case "array":
		_, ok := value.([]any)
		return ok
	case "string":
		_, ok := value.(string)
		return ok
	case "boolean":
		_, ok := value.(bool)
		return ok
	case "number":
		_, ok := value.(float64)
		return ok
	case "integer":
		f, ok := value.(float64)
		return ok && f == float64(int64(f))
	case "null":
		return value == nil
	}
	return false
}

// anyList reads a list of the document, or nil, so that a schema
// without "required" needs no case of its own.
func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

// briefJSON writes a value short enough for a message.
func briefJSON(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

// The document's own schemas are sound: every object lists whether it
// takes other keys, and every default and example fits the schema it is
// given in, which also catches keywords the schemaValidator does not know.
func TestOpenAPISchemasAreSound(t *testing.T) {
	_, doc := openAPIDocument(t)
	v := &schemaValidator{doc: doc}
	var walk func(at string, s any)
	walk = func(at string, s any) {
		switch x := s.(type) {
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", at, i), e)
			}
		case map[string]any:
			if x["type"] == "object" && x["additionalProperties"] == nil {
				t.Errorf("%s: an object schema that does not say whether it takes other keys", at)
			}
			for _, k := range []string{"default", "example"} {
				if e, ok := x[k]; ok && (x["type"] != nil || x["$ref"] != nil) {
					for _, msg := range v.validate(at+" "+k, x, e) {
						t.Error(msg)
					}
				}
			}
			for _, k := range keysOf(x) {
				if k != "example" && k != "default" && k != "enum" {
					walk(at+"/"+k, x[k])
				}
			}
		}
	}
	walk("#/components/schemas", jsonAt(doc, "components", "schemas"))
	for path, item := range jsonAt(doc, "paths").(map[string]any) {
		walk(path, item)
	}
}
