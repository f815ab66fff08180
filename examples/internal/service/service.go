// Package service is tzplan's planner as an HTTP service: a JSON API
// under /api/v1/ whose answers are the planner's -format json, its
// OpenAPI description, and a page at / that draws the week's heat map,
// the best slots and the verdict for a topic.
//
// Every request is bounded: its body by Options.MaxBody (413 past it), its
// time by Options.Timeout (504 past it), its calendars by the library's
// limits. A client never sees a panic or a file it did not send: bad
// input is 400 with {"error": "..."} naming the field, anything else 500
// with a generic message (the log has the rest).
package service

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
)

//go:embed page openapi.json
var assets embed.FS

// Options configure the service; the zero value is usable.
type Options struct {
	// Now is the clock (the default week, advise's now, invites'
	// DTSTAMP); nil is time.Now.
	Now func() time.Time
	// Timeout bounds each request; 0 is DefaultTimeout.
	Timeout time.Duration
	// MaxBody bounds each request's body in bytes; 0 is DefaultMaxBody.
	MaxBody int64
	// Limits, when set, replace the library's default limits (occurrences,
	// file sizes, people) for each request.
	Limits *calendar.Limits
	// MaxPeople bounds a request's team, MaxDays its window, MaxAnswer
	// its answer's size in bytes: what a local planner may take, a
	// service for anyone should not. Zero is DefaultMaxPeople,
	// DefaultMaxDays, DefaultMaxAnswer.
	MaxPeople, MaxDays int
	MaxAnswer          int64
	// MaxInFlight bounds the requests computed at once; the others wait
	// their turn (within their timeout). 0 is four per CPU (GOMAXPROCS):
	// a request is CPU work, and taking more at once than the CPUs can run
	// only makes every one of them slower.
	MaxInFlight int
	// Log receives one record a request (method, path, status, bytes,
	// duration) and the details of internal errors; nil logs nothing.
	Log *slog.Logger
}

// The defaults of Options.
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxBody   = 8 << 20
	DefaultMaxPeople = 200
	DefaultMaxDays   = 366
	DefaultMaxAnswer = 32 << 20
)

// New returns the service's handler.
func New(opt Options) http.Handler { return newServer(opt).handler() }

// newServer fills in opt's defaults.
func newServer(opt Options) *server {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.MaxPeople <= 0 {
		opt.MaxPeople = DefaultMaxPeople
	}
	if opt.MaxDays <= 0 {
		opt.MaxDays = DefaultMaxDays
	}
	if opt.MaxAnswer <= 0 {
		opt.MaxAnswer = DefaultMaxAnswer
	}
	if opt.MaxInFlight <= 0 {
		opt.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	return &server{opt: opt, turns: make(chan struct{}, opt.MaxInFlight)}
}

func (s *server) handler() http.Handler {
	page, err := fs.Sub(assets, "page")
	if err != nil {
		panic(err) // the embedded folder is there: a build without it is broken
	}
	mux := http.NewServeMux()
	mux.Handle("/", pageHandler(page))
	mux.HandleFunc("/api/v1/{name}", s.api)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s (see /api/v1/openapi.json)", r.URL.Path))
	})
	return s.logged(s.recovered(mux))
}

type server struct {
	opt   Options
	turns chan struct{} // a token a request being computed
}

// pageHandler serves the page's files, with headers that keep it to
// itself: no framing, no other origin's scripts, no sniffing.
func pageHandler(page fs.FS) http.Handler {
	files := http.FileServerFS(page)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: the page is read with GET", r.Method, r.URL.Path))
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		files.ServeHTTP(w, r)
	})
}

// An endpoint reads its body (decoded strictly into a fresh value of its
// own type) and answers with a value to write as JSON, or a file.
type endpoint struct {
	body   func() any
	answer func(s *server, ctx context.Context, body any) (any, error)
}

func (s *server) api(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if name == "openapi.json" {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: want GET", r.Method, r.URL.Path))
			return
		}
		b, _ := assets.ReadFile("openapi.json")
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(b)
		return
	}
	ep, ok := endpoints[name]
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s (see /api/v1/openapi.json)", r.URL.Path))
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: want POST with a JSON body", r.Method, r.URL.Path))
		return
	}
	// A JSON content type keeps other sites out: a browser sends a plain
	// form, or a body without a type, cross-origin without asking first.
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: want application/json", r.Header.Get("Content-Type")))
		return
	}
	// The time limit runs from the request's arrival: reading the body,
	// waiting for a turn, computing and encoding the answer.
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
	defer cancel()
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "reading the body: "+err.Error())
		return
	}
	// However slowly the body came, the answer has time to go out.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.Timeout + 10*time.Second))
	if s.opt.Limits != nil {
		ctx = calendar.WithLimits(ctx, *s.opt.Limits)
	}
	var warnings []string
	ctx = context.WithValue(ctx, warningsKey{}, &warnings)
	a, err := s.compute(ctx, ep, b)
	if err != nil {
		s.fail(w, r, ctx, err)
		return
	}
	for _, msg := range warnings {
		w.Header().Add("Tzplan-Warning", headerText(msg))
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	if a.name != "" {
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", a.name))
	} else {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(a.data); err != nil {
		s.opt.Log.WarnContext(r.Context(), "writing the answer", "path", r.URL.Path, "error", err.Error())
	}
}

// An answer is what an endpoint's request gets: its bytes, their type
// and, for a download, the file's name.
type answer struct {
	name, contentType string
	data              []byte
}

// compute decodes the body and answers it once it has its turn, and gives
// the turn back even when the answer panics: decoding and encoding are
// work too, and a request may not take more than its share of it.
func (s *server) compute(ctx context.Context, ep endpoint, b []byte) (answer, error) {
	select {
	case s.turns <- struct{}{}:
	case <-ctx.Done():
		return answer{}, ctx.Err()
	}
	defer func() { <-s.turns }()
	body := ep.body()
	if err := decode(b, body); err != nil {
		return answer{}, err
	}
	v, err := ep.answer(s, ctx, body)
	if err != nil {
		return answer{}, err
	}
	if f, ok := v.(file); ok {
		return answer(f), nil
	}
	data, err := encodeJSON(v, s.opt.MaxAnswer)
	if err != nil {
		return answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return answer{}, err
	}
	return answer{contentType: "application/json; charset=utf-8", data: data}, nil
}

// errAnswerTooLarge is an answer over Options.MaxAnswer.
var errAnswerTooLarge = errors.New("the answer is too large")

// encodeJSON writes v indented, as the planner's -format json does, into
// at most max bytes.
func encodeJSON(v any, max int64) ([]byte, error) {
	lw := &limitedBuffer{max: max}
	enc := json.NewEncoder(lw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		if errors.Is(err, errAnswerTooLarge) {
			return nil, fmt.Errorf("%w: more than %d bytes; ask for a shorter window or fewer people", errAnswerTooLarge, max)
		}
		return nil, internalError{fmt.Errorf("encoding the answer: %w", err)}
	}
	return lw.b.Bytes(), nil
}

// limitedBuffer is a buffer that refuses to grow past max bytes.
type limitedBuffer struct {
	b   bytes.Buffer
	max int64
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if int64(l.b.Len()+len(p)) > l.max {
		return 0, errAnswerTooLarge
	}
	return l.b.Write(p)
}

// A file is an answer that is not JSON: a download.
type file struct {
	name, contentType string
	data              []byte
}

// headerText makes text safe for a header value: one line of printable
// ASCII, other characters escaped as Go does, at most 500 bytes.
func headerText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if b.Len() >= 500 {
			b.WriteString("...")
			break
		}
		if 0x20 <= r && r < 0x7f {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r) // 'é'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// decode reads a body strictly (jsontext.DecodeStrict), with errors in
// the body's terms: the field at fault, not Go's types.
func decode(b []byte, v any) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return errors.New("the body is empty: want a JSON object, such as {\"demo\": true}")
	}
	err := jsontext.DecodeStrict(b, v)
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syntax):
		return fmt.Errorf("the body is not JSON: %v (at byte %d)", syntax, syntax.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the body is not JSON: it ends before the value does")
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Errorf("%q: want %s, not a JSON %s", bodyField(typ.Field), kindOf(typ.Type.Kind().String()), typ.Value)
	case errors.As(err, &typ):
		return fmt.Errorf("the body is a JSON %s: want an object", typ.Value)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return fmt.Errorf("unknown field %s (see /api/v1/openapi.json)", f)
	}
	return errors.New(msg)
}

// bodyField is a field's path in the body: Go's path less the embedded
// parts the body types are made of ("meetingPart.max" is "max").
func bodyField(goPath string) string {
	var keep []string
	for _, f := range strings.Split(goPath, ".") {
		if !strings.HasSuffix(f, "Part") {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, ".")
}

// kindOf names a Go kind in JSON's words.
func kindOf(k string) string {
	switch {
	case k == "string":
		return "a string"
	case k == "bool":
		return "true or false"
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"):
		return "a whole number"
	case strings.HasPrefix(k, "float"):
		return "a number"
	case k == "slice" || k == "array":
		return "a list"
	}
	return "an object"
}

// fail answers an error: the request's fault (400, naming the field), the
// time limit (504), or the service's (500, details only in the log).
func (s *server) fail(w http.ResponseWriter, r *http.Request, ctx context.Context, err error) {
	switch {
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil && r.Context().Err() == nil:
		writeError(w, http.StatusGatewayTimeout, fmt.Sprintf("the request took longer than %s, the service's limit: try a shorter window or fewer people", s.opt.Timeout))
	case r.Context().Err() != nil:
		// The client has gone: nobody reads the answer.
		writeError(w, http.StatusServiceUnavailable, "the request was stopped: the client left, or the service is stopping")
	case isInternal(err):
		s.opt.Log.ErrorContext(r.Context(), "internal error", "path", r.URL.Path, "error", err.Error())
		writeError(w, http.StatusInternalServerError, "internal error (the service's log has the details)")
	default:
		writeError(w, http.StatusBadRequest, oneLine(err.Error()))
	}
}

// An internalError is the service's fault, not the request's.
type internalError struct{ err error }

func (e internalError) Error() string { return e.err.Error() }
func (e internalError) Unwrap() error { return e.err }

func isInternal(err error) bool {
	var ie internalError
	// A panic in the library is the service's fault too, whatever the
	// input; its text is not the client's to read.
	return errors.As(err, &ie) || errors.Is(err, calendar.ErrSourcePanicked)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}

// writeJSON writes v indented, as the planner's -format json does.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		status, b = http.StatusInternalServerError, *bytes.NewBufferString(`{"error": "internal error: the answer does not encode"}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// recovered turns a panic into a 500 that says nothing of it, and logs it.
func (s *server) recovered(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			s.opt.Log.ErrorContext(r.Context(), "panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if rw, ok := w.(*recorder); !ok || !rw.wrote {
				writeError(w, http.StatusInternalServerError, "internal error (the service's log has the details)")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// recorder notes a response's status and size for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.status, r.wrote = http.StatusOK, true
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logged writes one access-log record a request.
func (s *server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelWarn
		}
		s.opt.Log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
	})
}
