package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/tzplan/tzplan/internal/gomod"
)

// TestTableIsUpToDate regenerates calendar/ics/windowszones.go in memory
// and fails if the file differs, so that the table cannot go stale.
func TestTableIsUpToDate(t *testing.T) {
	want, out, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v (run go generate ./calendar/ics)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run go generate ./calendar/ics", out)
	}
}

// TestTableHasOutlookNames checks the names Outlook writes most often.
func TestTableHasOutlookNames(t *testing.T) {
	tz, err := gomod.Find(tzModule)
	if err != nil {
		t.Fatal(err)
	}
	if tz.Version != "v0.0.9" {
		t.Errorf("%s is at %s, want v0.0.9 (the version tzplan is pinned to)", tzModule, tz.Version)
	}
	table, err := readTable(tz.Dir + "/" + tzFile)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range table {
		m[e.Windows] = e.IANA
	}
	for win, iana := range map[string]string{
		"W. Europe Standard Time": "Europe/Berlin",
		"Pacific Standard Time":   "America/Los_Angeles",
		"India Standard Time":     "Asia/Calcutta",
		"Eastern Standard Time":   "America/New_York",
	} {
		if m[win] != iana {
			t.Errorf("%q maps to %q, want %q", win, m[win], iana)
		}
	}
}
