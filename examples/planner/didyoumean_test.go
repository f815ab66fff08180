package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"same", "same", 0},
		{"requried", "required", 1}, // a swap is one edit
		{"overlaps", "overlap", 1},
		{"tokio", "tokyo", 1},
		{"fry", "fri", 1},
		{"ca", "abc", 3}, // the restricted form: no edit of a swapped pair
		{"kitten", "sitting", 3},
		{"Zürich", "Zurich", 1}, // runes, not bytes
		{"ab", "ba", 1},
		{"abcd", "badc", 2},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (the distance is symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	subs := []string{"availability", "overlap", "suggest", "rotate", "advise", "audit", "holidays", "help"}
	tests := []struct {
		name       string
		s          string
		candidates []string
		want       []string
	}{
		{"one edit", "overlaps", subs, []string{"overlap"}},
		{"a swap", "sugegst", subs, []string{"suggest"}},
		{"two edits", "rotatte", subs, []string{"rotate"}},
		{"a prefix", "avail", subs, []string{"availability"}},
		{"an ambiguous prefix", "a", subs, nil},
		{"letter case", "Audit", subs, []string{"audit"}},
		{"far from all", "summary", subs, nil},
		{"itself", "audit", subs, nil},
		{"ids in any case", "LENA", []string{"ben", "Lena", "lena"}, []string{"Lena", "lena"}},
		{"an id one edit away", "lnea", []string{"ben", "lena"}, []string{"lena"}},
		{"a short id two edits away", "zoe", []string{"ben", "noa"}, nil},
		{"two letters: no edits", "UK", []string{"GB", "US", "UA", "UG"}, nil},
		{"ties", "tst", []string{"test", "tsb", "tsa"}, []string{"test", "tsb", "tsa"}},
		{"too many ties", "tst", []string{"test", "tsb", "tsa", "tsc"}, nil},
		{"the closest of several", "requried", []string{"require", "required"}, []string{"required"}},
		{"empty", "", subs, nil},
		{"too long", string(make([]byte, maxNameLen+1)), subs, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, nearest(tc.s, tc.candidates)); diff != "" {
				t.Errorf("nearest(%q) (-want +got):\n%s", tc.s, diff)
			}
		})
	}
}

func TestNearZones(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"Asia/Tokio", []string{"Asia/Tokyo"}},
		{"asia/tokyo", []string{"Asia/Tokyo"}},
		{"Tokyo", []string{"Asia/Tokyo"}},
		{"Tokio", []string{"Asia/Tokyo"}},
		{"america/new york", []string{"America/New_York"}},
		{"Europe/Berln", []string{"Europe/Berlin"}},
		{"Amerika/Sao_Paulo", []string{"America/Sao_Paulo"}},
		{"Mars/Olympus", nil},
		{"localtime", nil}, // the machine's zone is never a suggestion
		{"", nil},
	}
	for _, tc := range tests {
		got := nearZones(tc.name)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("nearZones(%q) (-want +got):\n%s", tc.name, diff)
		}
		for _, z := range got {
			if _, err := calendar.LoadZone(z); err != nil {
				t.Errorf("nearZones(%q) suggests %q, which does not load: %v", tc.name, z, err)
			}
		}
	}
}

func TestNearCodes(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{"UK", []string{"GB"}}, // not an ISO 3166 code, but what people write
		{"uk", []string{"GB"}},
		{"EL", []string{"GR"}},
		{"DE-BYY", []string{"DE-BY"}},
		{"de-byy", []string{"DE-BY"}},
		{"XX", nil},
	}
	for _, tc := range tests {
		got := nearCodes(tc.code)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("nearCodes(%q) (-want +got):\n%s", tc.code, diff)
		}
		for _, c := range got {
			if _, err := calendar.CanonicalHolidayCode(c); err != nil {
				t.Errorf("nearCodes(%q) suggests %q, which is no code: %v", tc.code, c, err)
			}
		}
	}
}

func TestWithUnit(t *testing.T) {
	tests := []struct {
		flag, value, want string
	}{
		{"duration", "30", "30m"},
		{"duration", "1.5", "1.5m"},
		{"buffer", "10", "10m"},
		{"timeout", "30", "30s"},
		{"duration", "half an hour", ""},
		{"duration", "30x", ""},
		{"duration", "", ""},
		{"duration", "1e3", ""},
		{"duration", "NaN", ""},
		{"duration", ".5", ""},
	}
	for _, tc := range tests {
		if got := withUnit(tc.flag, tc.value); got != tc.want {
			t.Errorf("withUnit(%q, %q) = %q, want %q", tc.flag, tc.value, got, tc.want)
		}
	}
}

func TestMeant(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"required"}, "did you mean -required?"},
		{[]string{"lena", "Lena"}, "did you mean -lena or -Lena?"},
		{[]string{"a", "b", "c"}, "did you mean -a, -b or -c?"},
	}
	for _, tc := range tests {
		if got := meant(tc.names, dash); got != tc.want {
			t.Errorf("meant(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
