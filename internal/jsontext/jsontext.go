// Package jsontext holds the JSON conventions every tzplan package
// follows, so that they are written once: instants are RFC 3339 text in
// UTC ("2026-03-09T12:00:00Z"), and durations are Go duration text in its
// shortest form ("30m", "1h30m", "4h"; "0s" for none), which reads back
// with time.ParseDuration.
package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// FormatTime writes t as RFC 3339 text in UTC, with a fraction of a
// second only when it has one.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// ParseTime reads RFC 3339 text; the instant keeps the offset it was
// written with.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %s is not RFC 3339, such as \"2026-03-09T12:00:00Z\"", icalvalue.Quote(s))
	}
	return t, nil
}

// FormatDuration writes d as Go duration text without trailing zero
// units: "4h", "1h30m", "30m", "90s"; zero is "0s".
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// ParseDuration reads Go duration text, as time.ParseDuration does, with
// an error that quotes the text.
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %s is not Go duration text, such as \"30m\" or \"1h30m\"", icalvalue.Quote(s))
	}
	return d, nil
}

// Duration is a time.Duration that is JSON text in the shortest form, for
// the fields of JSON mirror types.
type Duration time.Duration

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(FormatDuration(time.Duration(d))), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// Time is a time.Time that is JSON text in UTC, for the fields of JSON
// mirror types.
type Time time.Time

// MarshalText implements encoding.TextMarshaler.
func (t Time) MarshalText() ([]byte, error) { return []byte(FormatTime(time.Time(t))), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Time) UnmarshalText(b []byte) error {
	v, err := ParseTime(string(b))
	if err != nil {
		return err
	}
	*t = Time(v)
	return nil
}

// DecodeStrict decodes one JSON value from b into v, refusing unknown
// fields, a key given twice in one object (in any letter case, as
// encoding/json matches keys: the later would silently win) and anything
// after the value, so that a misspelt or repeated field is an error rather
// than silently dropped.
func DecodeStrict(b []byte, v any) error {
	if err := repeatedKey(b); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the value")
	}
	return nil
}

// Decode is DecodeStrict with errors that start with fn, the
// UnmarshalJSON method that called it ("overlap.Suggestion.UnmarshalJSON").
func Decode(b []byte, v any, fn string) error {
	if err := DecodeStrict(b, v); err != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

// Ends returns the instants of the required "start" and "end" fields of
// an interval read by method fn, or an error when one is missing.
func Ends(fn string, start, end *Time) (time.Time, time.Time, error) {
	if start == nil || end == nil {
		return time.Time{}, time.Time{}, fmt.Errorf(`%s: want "start" and "end"`, fn)
	}
	return time.Time(*start), time.Time(*end), nil
}

// List returns s, or an empty list for nil, so that an empty list is []
// in JSON rather than null.
func List[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Nil returns s, or nil for an empty list: the inverse of List when
// reading, so that a value read back equals the value written.
func Nil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// repeatedKey returns an error naming the first key given twice in one
// object of the JSON text b, or nil; text that is not JSON is left to the
// decoder to report.
func repeatedKey(b []byte) error {
	type object struct {
		keys      map[string]bool
		expectKey bool
	}
	var stack []*object // nil entries are arrays
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // the end, or a syntax error the decoder reports
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &object{keys: map[string]bool{}, expectKey: true})
			case '[':
				stack = append(stack, nil)
			default: // '}' or ']': the value it closes is done
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1] != nil {
					stack[len(stack)-1].expectKey = true
				}
			}
			continue
		case string:
			if top != nil && top.expectKey {
				k := strings.ToLower(t)
				if top.keys[k] {
					return fmt.Errorf("key %s is given twice in one object", icalvalue.Quote(t))
				}
				top.keys[k], top.expectKey = true, false
				continue
			}
		}
		if top != nil {
			top.expectKey = true // a value after its key
		}
	}
}
