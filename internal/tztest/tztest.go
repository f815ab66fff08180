// Package tztest holds what the tests of several tzplan packages share:
// the list of hard time zones their generators draw from, and a loader
// that fails the test instead of returning an error.
package tztest

import "time"

// HardZones are the zones that break schedulers: DST at midnight
// (Santiago, Havana, Azores), half-hour DST (Lord Howe), odd offsets
// (Kathmandu, Kolkata), a skipped day (Apia), +14 (Kiritimati), DST
// suspended for Ramadan (Casablanca), and the two zones every scheduler
// is tested on. Callers must not change the slice.
func HardZones() []string {
	return []string{
		"America/Santiago", "America/Havana", "Atlantic/Azores", "Australia/Lord_Howe",
		"Asia/Kathmandu", "Asia/Kolkata", "Pacific/Apia", "Pacific/Kiritimati",
		"Africa/Casablanca", "Europe/Berlin", "America/New_York",
	}
}

// Fataler is what testing.TB and *rapid.T share that Load needs.
type Fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Load loads the named zone, failing t if it cannot.
func Load(t Fataler, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}
