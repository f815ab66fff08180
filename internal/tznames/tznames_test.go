package tznames

import (
	"os"
	"regexp"
	"strconv"
	"testing"
	"time"
)

func TestCanonical(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Europe/Lisbon", "Europe/Lisbon"},
		{"europe/lisbon", "Europe/Lisbon"},
		{"EUROPE/LISBON", "Europe/Lisbon"},
		{"america/port-au-prince", "America/Port-au-Prince"},
		{"america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"},
		{"etc/gmt+5", "Etc/GMT+5"},
		{"utc", "UTC"},
		{"us/eastern", "US/Eastern"},
	} {
		if got, ok := Canonical(tc.in); !ok || got != tc.want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	for _, in := range []string{"", "Europe", "Europe/Atlantis", "localtime", "Factory", "posixrules", "Local", "Europe/Lisbon "} {
		if got, ok := Canonical(in); ok {
			t.Errorf("Canonical(%q) = %q, want none", in, got)
		}
	}
}

// TestEveryNameLoads: every name of the table is one the zone database
// loads under that very name, so the table holds no spelling of its own.
func TestEveryNameLoads(t *testing.T) {
	n := 0
	for _, lower := range allLower() {
		name, ok := canonical(lower)
		if !ok {
			t.Fatalf("canonical(%q) is not in the table", lower)
		}
		loc, err := time.LoadLocation(name)
		if err != nil || loc.String() != name {
			t.Errorf("%q: time.LoadLocation gives %v, %v", name, loc, err)
		}
		n++
	}
	if n < 300 {
		t.Errorf("only %d names", n)
	}
}

// allLower returns the keys of the generated table, read from its source.
func allLower() []string {
	src, err := os.ReadFile("names.go")
	if err != nil {
		panic(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`case ("[^"]*"):`).FindAllSubmatch(src, -1) {
		s, err := strconv.Unquote(string(m[1]))
		if err != nil {
			panic(err)
		}
		out = append(out, s)
	}
	return out
}

func TestSameOffsets(t *testing.T) {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	berlin, paris, lisbon := load("Europe/Berlin"), load("Europe/Paris"), load("Europe/Lisbon")
	if !SameOffsets(berlin, paris, 2010, 2037, 1) {
		t.Error("Berlin and Paris differ, want the same offsets")
	}
	if SameOffsets(berlin, lisbon, 2010, 2037, 1) {
		t.Error("Berlin and Lisbon agree, want an hour apart")
	}
	if SameOffsets(berlin, time.FixedZone("CET", 3600), 2010, 2037, 1) {
		t.Error("Berlin and a fixed +01:00 agree, want July to differ")
	}
}
