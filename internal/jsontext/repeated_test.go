package jsontext

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// tokenRepeatedKey is the model: the same check by encoding/json's
// tokenizer, slow but plainly right.
func tokenRepeatedKey(b []byte) error {
	type object struct {
		keys      []string
		expectKey bool
	}
	var stack []*object // nil entries are arrays
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &object{expectKey: true})
			case '[':
				stack = append(stack, nil)
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1] != nil {
					stack[len(stack)-1].expectKey = true
				}
			}
			continue
		case string:
			if top != nil && top.expectKey {
				// The decoder's own rule for a key and a field.
				for _, k := range top.keys {
					if bytes.EqualFold([]byte(k), []byte(t)) {
						return fmt.Errorf("key %q", t)
					}
				}
				top.keys, top.expectKey = append(top.keys, t), false
				continue
			}
		}
		if top != nil {
			top.expectKey = true
		}
	}
}

// jsonValue draws JSON text with few distinct keys (in any case, some
// escaped), so that repeats are common, nested a few levels deep.
func jsonValue(t *rapid.T, depth int) string {
	kind := rapid.IntRange(0, 5).Draw(t, "kind")
	if depth > 3 {
		kind %= 3
	}
	switch kind {
	case 0:
		return rapid.SampledFrom([]string{"1", "-2.5e3", "true", "false", "null"}).Draw(t, "scalar")
	case 1, 2:
		return rapid.SampledFrom([]string{`""`, `"a"`, `"x\"y"`, `"\\"`, `"{"`, `"a,b"`, `"\u00e9"`}).Draw(t, "string")
	case 3:
		n := rapid.IntRange(0, 4).Draw(t, "items")
		var items []string
		for range n {
			items = append(items, jsonValue(t, depth+1))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	n := rapid.IntRange(0, 5).Draw(t, "keys")
	var members []string
	for range n {
		k := rapid.SampledFrom([]string{`"a"`, `"A"`, `"b"`, `"\u0061"`, `"\u0042"`, `"é"`, `"É"`, `"a b"`, `"x\"y"`,
			`"s"`, `"ſ"`, `"k"`, `"\u212a"`, `"ß"`, `"ẞ"`}).Draw(t, "key")
		members = append(members, k+":"+jsonValue(t, depth+1))
	}
	return "{" + strings.Join(members, ",\n ") + "}"
}

// The byte scanner finds a repeated key exactly where the tokenizer does.
func TestRepeatedKeyMatchesTokenizer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		text := jsonValue(t, 0)
		if !json.Valid([]byte(text)) {
			t.Fatalf("the generator made invalid JSON: %s", text)
		}
		got, want := repeatedKey([]byte(text)), tokenRepeatedKey([]byte(text))
		if (got == nil) != (want == nil) {
			t.Fatalf("%s\nscanner: %v, tokenizer: %v", text, got, want)
		}
	})
}

// On any valid JSON the two agree; on any bytes at all the scanner ends.
func FuzzRepeatedKey(f *testing.F) {
	for _, s := range []string{`{"a": 1, "A": 2}`, `{"a": {"b": 1}, "b": 2}`, `[{"x": 1}, {"x": 2}]`, `{"\u0061": 1, "a": 2}`,
		`{"a": "b", "b": "a"}`, `{"a": [1, {"a": 2}], "c": 3}`, `{"k": "\"", "k": 1}`, `{"a"`, `"\`, `{{{`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := repeatedKey(b)
		if !json.Valid(b) {
			return
		}
		if want := tokenRepeatedKey(b); (got == nil) != (want == nil) {
			t.Fatalf("%q\nscanner: %v, tokenizer: %v", b, got, want)
		}
	})
}

func BenchmarkRepeatedKey(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"people": [`)
	for i := range 50 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `{"id": "p%d", "zone": "Europe/Berlin", "hours": "Mon-Fri 09:00-17:00", "busy": [`, i)
		for j := range 20 {
			if j > 0 {
				sb.WriteString(",")
			}
			sb.WriteString(`{"start": "2027-03-22T10:00:00Z", "end": "2027-03-22T11:00:00Z"}`)
		}
		sb.WriteString("]}")
	}
	sb.WriteString("]}")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.Run("scanner", func(b *testing.B) {
		for b.Loop() {
			if repeatedKey(data) != nil {
				b.Fatal("a repeat")
			}
		}
	})
	b.Run("tokenizer", func(b *testing.B) {
		for b.Loop() {
			if tokenRepeatedKey(data) != nil {
				b.Fatal("a repeat")
			}
		}
	})
}

// The check's notion of "the same key" is the decoder's: a key that
// encoding/json takes for a field (here "hourſ", with a long s, for
// Hours) is the same key as the field's own name.
func TestRepeatedKeyFoldsAsTheDecoder(t *testing.T) {
	var v struct{ Hours string }
	if err := json.Unmarshal([]byte(`{"hourſ": "x"}`), &v); err != nil || v.Hours != "x" {
		t.Fatalf("the decoder does not take the long s for Hours (%v, %+v): the premise is gone", err, v)
	}
	for _, text := range []string{`{"hours": 1, "hourſ": 2}`, `{"HOURS": 1, "hourſ": 2}`, `{"k": 1, "K": 2}`} {
		if repeatedKey([]byte(text)) == nil {
			t.Errorf("%s: no repeat found", text)
		}
	}
	for _, text := range []string{`{"ß": 1, "ss": 2}`, `{"a": {"a": 1}, "b": 2}`} {
		if err := repeatedKey([]byte(text)); err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
}

// An object with many keys costs what its bytes do, not its keys
// squared; nesting past the decoder's depth is left to the decoder.
func BenchmarkRepeatedKeyManyKeys(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range 100000 {
		if i > 0 {
			sb.WriteString(",")
		}
		fmt.Fprintf(&sb, `"k%07d": ""`, i)
	}
	sb.WriteString("}")
	data := []byte(sb.String())
	for b.Loop() {
		if repeatedKey(data) != nil {
			b.Fatal("a repeat")
		}
	}
}

func TestRepeatedKeyDeepNesting(t *testing.T) {
	deep := []byte(strings.Repeat("[", 1<<20))
	if err := repeatedKey(deep); err != nil {
		t.Fatal(err)
	}
	if err := DecodeStrict(deep, new(any)); err == nil {
		t.Error("the decoder took a million brackets")
	}
}
