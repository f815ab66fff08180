package ics

//go:generate go run ../../internal/genwinzones

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/tznames"
)

// ErrUnknownZone is wrapped by the error for a TZID (or X-WR-TIMEZONE)
// that is neither an IANA zone nor a Windows zone name in the CLDR table;
// the error names the zone and the line.
var ErrUnknownZone = errors.New("unknown time zone")

// A zoneError reports a zone name that could not be resolved.
type zoneError struct {
	name   string
	detail string
}

func (e *zoneError) Error() string {
	return fmt.Sprintf("unknown time zone %q: %s", e.name, e.detail)
}

func (e *zoneError) Unwrap() error { return ErrUnknownZone }

// maxZoneName bounds the zone names looked up in the zone database.
const maxZoneName = 128

// lookupZone resolves a zone name by name alone: an IANA name; an IANA
// name in another letter case ("Europe/lisbon"); a globally unique TZID,
// which starts with "/", whose last one to three parts are an IANA name
// ("/mozilla.org/20050126_1/Europe/Berlin"); then a Windows zone name
// mapped to IANA by the CLDR table. "Local" and the other names that mean
// the machine's own zone are refused, and so is the empty name, so that a
// file means the same on every machine.
func lookupZone(name string) (*time.Location, error) {
	n := strings.TrimSpace(name)
	if n == "" || len(n) > maxZoneName {
		return nil, &zoneError{name, "neither an IANA zone nor a Windows zone name"}
	}
	if loc, ok := ianaZone(n); ok {
		return loc, nil
	}
	if strings.HasPrefix(n, "/") {
		parts := strings.Split(n, "/")
		for k := min(3, len(parts)-1); k >= 1; k-- {
			if loc, ok := ianaZone(strings.Join(parts[len(parts)-k:], "/")); ok {
				return loc, nil
			}
		}
	}
	iana, ok := windowsZone(n)
	if !ok {
		return nil, &zoneError{name, "neither an IANA zone nor a Windows zone name"}
	}
	loc, err := time.LoadLocation(iana)
	if err != nil {
		return nil, &zoneError{name, fmt.Sprintf("a Windows zone name for %s, which this system's zone database lacks", iana)}
	}
	return loc, nil
}

// ianaZone returns the IANA zone name names, in any letter case.
// calendar.LoadZone refuses the names that mean the machine's own zone
// (localtime, posixrules, ...): a file must mean the same everywhere.
func ianaZone(name string) (*time.Location, bool) {
	if loc, err := calendar.LoadZone(name); err == nil {
		return loc, true
	}
	if canon, ok := tznames.Canonical(name); ok && canon != name {
		if loc, err := calendar.LoadZone(canon); err == nil {
			return loc, true
		}
	}
	return nil, false
}
