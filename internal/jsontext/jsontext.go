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
	"unicode"
	"unicode/utf8"

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

// Pair reads the commonest form of a two-member object,
// {"k1": "v1", "k2": "v2"} (in either order, with any whitespace),
// without a decoder: the keys exactly as given, the values strings
// without escapes. It reports false for any other text, which the
// decoder then reads, so that what Pair reads it reads the same.
func Pair(b []byte, k1, k2 string) (v1, v2 string, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return "", "", false
	}
	var got [2]bool
	var vals [2]string
	for n := 0; n < 2; n++ {
		key, j, ok := plainString(b, skipSpace(b, i+1))
		if !ok {
			return "", "", false
		}
		j = skipSpace(b, j)
		if j >= len(b) || b[j] != ':' {
			return "", "", false
		}
		val, j, ok := plainString(b, skipSpace(b, j+1))
		if !ok {
			return "", "", false
		}
		k := 0
		switch key {
		case k1:
		case k2:
			k = 1
		default:
			return "", "", false
		}
		if got[k] {
			return "", "", false
		}
		got[k], vals[k] = true, val
		i = skipSpace(b, j)
		if i >= len(b) || (n == 0 && b[i] != ',') || (n == 1 && b[i] != '}') {
			return "", "", false
		}
	}
	if skipSpace(b, i+1) != len(b) {
		return "", "", false
	}
	return vals[0], vals[1], true
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// plainString reads a string at b[i] that has no escapes and only
// printable ASCII (what the decoder would read the same byte for byte),
// and returns it with the index after it.
func plainString(b []byte, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return string(b[i+1 : j]), j + 1, true
		case c == '\\' || c < 0x20 || c >= 0x7f:
			return "", i, false
		}
	}
	return "", i, false
}

// repeatedKey returns an error naming the first key given twice in one
// object of the JSON text b, or nil; text that is not JSON is left to the
// decoder to report. It scans the bytes once, without a tokenizer: every
// strict decode of a nested value scans that value again, so the scan
// must cost little more than reading the bytes.
func repeatedKey(b []byte) error {
	type object struct {
		keys      []string        // folded, as encoding/json matches keys (foldKey); the first few
		more      map[string]bool // and the rest, once there are many: a list would make a large object quadratic
		expectKey bool
		array     bool
	}
	var stack []object
	for i := 0; i < len(b); {
		c := b[i]
		switch c {
		case ' ', '\t', '\n', '\r', ':':
			i++
			continue
		case '{', '[':
			if len(stack) == maxDepth {
				return nil // deeper than the decoder goes: it says so
			}
			stack = append(stack, object{expectKey: c == '{', array: c == '['})
			i++
			continue
		case '}', ']':
			if len(stack) == 0 {
				return nil
			}
			stack = stack[:len(stack)-1]
			i++
			continue
		case ',':
			if len(stack) > 0 && !stack[len(stack)-1].array {
				stack[len(stack)-1].expectKey = true
			}
			i++
			continue
		case '"':
			end, escaped := stringEnd(b, i)
			if end < 0 {
				return nil // unterminated: the decoder says so
			}
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].expectKey {
				key, ok := keyText(b[i:end], escaped)
				if !ok {
					return nil
				}
				top := &stack[n-1]
				folded := foldKey(key)
				seen := top.more[folded]
				for _, k := range top.keys {
					seen = seen || k == folded
				}
				if seen {
					return fmt.Errorf("key %s is given twice in one object", icalvalue.Quote(key))
				}
				if len(top.keys) < 16 {
					top.keys = append(top.keys, folded)
				} else {
					if top.more == nil {
						top.more = make(map[string]bool)
					}
					top.more[folded] = true
				}
				top.expectKey = false
			}
			i = end
			continue
		}
		// A number, true, false or null (or bytes that are not JSON, which
		// the decoder reports): up to the next delimiter.
		for i < len(b) && !strings.ContainsRune(" \t\n\r,:]}[{\"", rune(b[i])) {
			i++
		}
	}
	return nil
}

// maxDepth is how deep encoding/json reads nested values; past it, the
// decoder refuses the text, so the check need not look.
const maxDepth = 10000

// foldKey maps a key to a form equal for exactly the keys that
// encoding/json takes for the same field: those equal under Unicode
// simple case folding (bytes.EqualFold), so that "hourſ" (with U+017F, a
// long s) is "hours" as the decoder reads it.
func foldKey(key string) string {
	ascii := true
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(key) // an ASCII letter's orbit's least is its upper case
	}
	var b strings.Builder
	for _, r := range key {
		// The least rune of r's folding orbit stands for the orbit.
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// stringEnd returns the index after the string that starts at b[i] (a
// quote), and whether it holds an escape; -1 when it does not end.
func stringEnd(b []byte, i int) (int, bool) {
	escaped := false
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			return j + 1, escaped
		}
	}
	return -1, escaped
}

// keyText is the text of a quoted key, unescaped as the decoder would.
func keyText(quoted []byte, escaped bool) (string, bool) {
	if !escaped {
		return string(quoted[1 : len(quoted)-1]), true
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return "", false
	}
	return s, true
}
