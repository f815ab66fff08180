//go:build windows

package main

import (
	"testing"

	"github.com/thlib/go-timezone-local/tzlocal"

	"github.com/tzplan/tzplan/internal/gomod"
)

// TestTableMatchesTzlocal compares the table read from the module's source
// with the variable itself, which exists only on Windows.
func TestTableMatchesTzlocal(t *testing.T) {
	tz, err := gomod.Find(tzModule)
	if err != nil {
		t.Fatal(err)
	}
	table, err := readTable(tz.Dir + "/" + tzFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(table) != len(tzlocal.WinTZtoIANA) {
		t.Errorf("read %d entries, tzlocal.WinTZtoIANA has %d", len(table), len(tzlocal.WinTZtoIANA))
	}
	for _, e := range table {
		if got := tzlocal.WinTZtoIANA[e.Windows]; got != e.IANA {
			t.Errorf("%q: read %q, tzlocal.WinTZtoIANA has %q", e.Windows, e.IANA, got)
		}
	}
}
