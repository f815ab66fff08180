package main

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tzplan/tzplan/internal/gomod"
)

// TestTableIsUpToDate regenerates calendar/holidaytable.go in memory and
// fails if the file differs, so that the table cannot go stale.
func TestTableIsUpToDate(t *testing.T) {
	want, out, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v (run go generate ./calendar)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s is stale (run go generate ./calendar): line %d is %q, want %q", out, i+1, g, w)
		}
	}
}

func TestCodes(t *testing.T) {
	cal, err := gomod.Find(calModule)
	if err != nil {
		t.Fatal(err)
	}
	if v := cal.Version; v != "v2.1.26" {
		t.Errorf("%s is at %s, want v2.1.26 (the version tzplan is pinned to)", calModule, v)
	}
	lists, err := scan(cal.Dir, calModule)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	valid := regexp.MustCompile(`^[A-Z]+(-[A-Z0-9]+)?$`)
	for _, l := range lists {
		codes = append(codes, l.Code)
		if !valid.MatchString(l.Code) {
			t.Errorf("bad code %q for %s.%s", l.Code, l.ImportPath, l.Var)
		}
		if l.Pkg == "aa" || l.Pkg == "tests" || l.Pkg == "cal" {
			t.Errorf("%s.%s is not a country's list", l.ImportPath, l.Var)
		}
	}
	if !slices.IsSorted(codes) {
		t.Errorf("codes are not sorted: %q", codes)
	}
	if len(codes) <= 80 {
		t.Errorf("%d codes, want more than 80: %q", len(codes), codes)
	}
	for _, want := range []string{"DE", "DE-BY", "DE-BE", "US", "GB", "AU-NSW", "CH-ZH", "ECB", "JP", "TH"} {
		if !slices.Contains(codes, want) {
			t.Errorf("no code %s in %q", want, codes)
		}
	}
	for _, absent := range []string{"AU", "AA", "TESTS", "CAL"} {
		if slices.Contains(codes, absent) {
			t.Errorf("unexpected code %s", absent)
		}
	}
}

func TestListSuffix(t *testing.T) {
	for name, want := range map[string]string{"Holidays": "", "HolidaysBY": "BY", "HolidaysNSW": "NSW", "HolidaysZH": "ZH"} {
		if got, ok := listSuffix(name); !ok || got != want {
			t.Errorf("listSuffix(%q) = %q, %v; want %q, true", name, got, ok, want)
		}
	}
	for _, name := range []string{"holidays", "Holiday", "HolidaysBy", "Holidays_BY", "Holidaysx", "MyHolidays", "HolidaysB-Y"} {
		if got, ok := listSuffix(name); ok {
			t.Errorf("listSuffix(%q) = %q, true; want false", name, got)
		}
	}
}
