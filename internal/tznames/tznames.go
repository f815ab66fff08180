// Package tznames finds IANA zone names whatever their letter case.
package tznames

//go:generate go run ../genzonenames

import "strings"

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
