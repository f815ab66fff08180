package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// goNames matches the Go names of the library's functions and types,
// which the planner's messages must not show.
var goNames = regexp.MustCompile(`\b(?:calendar|ics|caldav|overlap|policy|plan|jsontext)\.[A-Za-z]|\bLimits\.|\bjson: |\bGo struct`)

// TestMessageOfLibraryErrors: the library's own errors, made by calling
// it, come out without Go names and with the input quoted once.
func TestMessageOfLibraryErrors(t *testing.T) {
	roster := func(text string) error {
		_, err := calendar.ReadRoster(strings.NewReader(text))
		if err == nil {
			t.Fatalf("the roster %s reads", text)
		}
		return err
	}
	zone := func(name string) error {
		_, err := calendar.LoadZone(name)
		return fmt.Errorf("-zone: %w", err)
	}
	code := func(c string) error {
		_, err := calendar.CanonicalHolidayCode(c)
		return fmt.Errorf("-codes: %w", err)
	}
	long := "Europe/" + strings.Repeat("X", 80) // quoted cut short
	tests := []struct {
		name  string
		err   error
		input string // quoted once in the message
		want  string // the message
	}{
		{"a zone", zone("Asia/Tokio"), `"Asia/Tokio"`, `-zone "Asia/Tokio": unknown time zone (did you mean Asia/Tokyo?)`},
		{"a zone far from any", zone("Mars/Olympus"), `"Mars/Olympus"`, `-zone "Mars/Olympus": unknown time zone (want an IANA name such as "Europe/Berlin")`},
		{"a long zone", zone(long), icalvalue.Quote(long), `-zone ` + icalvalue.Quote(long) + `: unknown time zone (want an IANA name such as "Europe/Berlin")`},
		{"a code", code("UK"), `"UK"`, `-codes "UK": unknown holiday calendar (did you mean GB?)`},
		{"a code far from any", code("XX"), `"XX"`, `-codes "XX": unknown holiday calendar ("planner holidays" lists them)`},
		{"a roster's zone", roster(`{"people":[{"id":"lena","zone":"Asia/Tokio"}]}`), `"Asia/Tokio"`,
			`person "lena": zone "Asia/Tokio": unknown time zone (did you mean Asia/Tokyo?)`},
		{"a roster's hours", roster(`{"people":[{"id":"lena","zone":"UTC","hours":"Mon-Fry 09:00-17:00"}]}`), `"Mon-Fry 09:00-17:00"`,
			`person "lena": hours "Mon-Fry 09:00-17:00": "Fry": unknown day (did you mean Fri?)`},
		{"a roster's holidays", roster(`{"people":[{"id":"lena","zone":"UTC","holidays":["UK"]}]}`), `"UK"`,
			`person "lena": holidays "UK": unknown holiday calendar (did you mean GB?)`},
		{"a roster's field", roster(`{"people":[{"id":"lena","zone":"UTC","holidys":["GB"]}]}`), `"holidys"`,
			`person 1: unknown field "holidys" (did you mean holidays?)`},
		{"a roster's value", roster(`{"people":[{"id":"lena","zone":"UTC","hours":9}]}`), `"hours"`,
			`person 1: "hours": want a string, not a number`},
		{"a roster's stay", roster(`{"people":[{"id":"lena","zone":"UTC","stays":[{"from":"2026-03-01","to":"2026-03-08","zone":"Europe/Berln"}]}]}`), `"Europe/Berln"`,
			`person "lena": stays 1: zone "Europe/Berln": unknown time zone (did you mean Europe/Berlin?)`},
		{"a file", &reworded{`-roster "x.json": ` + pathError().Error(), pathError()}, `"x.json"`, `-roster "x.json": no such file or directory`},
		{"lines", errors.New("a\nb\tc"), "", "a b c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := message(tc.err)
			if got != tc.want {
				t.Errorf("message(%q)\n = %q\nwant %q", tc.err, got, tc.want)
			}
			if goNames.MatchString(got) {
				t.Errorf("message(%q) = %q names Go functions", tc.err, got)
			}
			if n := strings.Count(got, tc.input); tc.input != "" && n != 1 {
				t.Errorf("message(%q) = %q quotes %s %d times", tc.err, got, tc.input, n)
			}
		})
	}
}

// pathError is the error of a file that is not there.
func pathError() error {
	_, err := os.Stat(filepath.Join(os.TempDir(), "no-such-dir-for-tzplan", "x.json"))
	return err
}

// TestRosterFields: the fields suggested for a misspelt one are those of
// the roster file, as calendar's JSON tags name them.
func TestRosterFields(t *testing.T) {
	var src []byte
	for _, name := range []string{"roster.go", "interval.go"} { // a person's "busy" are intervals
		b, err := os.ReadFile(filepath.Join("..", "..", "calendar", name))
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, b...)
	}
	var tags []string
	for _, m := range regexp.MustCompile(`json:"(\w+)`).FindAllStringSubmatch(string(src), -1) {
		if !slices.Contains(tags, m[1]) {
			tags = append(tags, m[1])
		}
	}
	for _, tag := range tags {
		if !slices.Contains(rosterFields, tag) {
			t.Errorf("the roster field %q is not among rosterFields", tag)
		}
	}
	for _, f := range rosterFields {
		if !slices.Contains(tags, f) {
			t.Errorf("rosterFields has %q, which calendar/roster.go does not", f)
		}
	}
}
