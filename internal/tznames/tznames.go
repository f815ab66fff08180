// Package tznames finds IANA zone names whatever their letter case, and
// tells zones apart by their offsets.
package tznames

//go:generate go run ../genzonenames

import (
	"strings"
	"time"
)

// Canonical returns the IANA zone name that name spells in any letter
// case ("europe/lisbon" is "Europe/Lisbon"), as the zone database spells
// it, and whether there is one. The names that mean the machine's own
// zone (localtime, posixrules, Factory) are not in the table.
func Canonical(name string) (string, bool) {
	if len(name) > 64 {
		return "", false
	}
	return canonical(strings.ToLower(name))
}

// SameOffsets reports whether a and b have the same UTC offset in the
// middle of January and of July (the 15th, at noon UTC) of every step-th
// year from first to last: the same zone by its standard and summer
// offsets, if not always by the days the clocks change.
func SameOffsets(a, b *time.Location, first, last, step int) bool {
	for y := first; y <= last; y += step {
		for _, m := range []time.Month{time.January, time.July} {
			t := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)
			_, oa := t.In(a).Zone()
			_, ob := t.In(b).Zone()
			if oa != ob {
				return false
			}
		}
	}
	return true
}
