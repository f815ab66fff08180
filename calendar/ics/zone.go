package ics

//go:generate go run ../../internal/genwinzones

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/calendar"
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

// lookupZone resolves a zone name as tzplan does: an IANA name first, then
// a Windows zone name mapped to IANA by the CLDR table. "Local" and the
// empty name are refused, so that a file means the same on every machine.
// A VTIMEZONE's rules are never read.
func lookupZone(name string) (*time.Location, error) {
	n := strings.TrimSpace(name)
	if n == "" || len(n) > maxZoneName {
		return nil, &zoneError{name, "neither an IANA zone nor a Windows zone name"}
	}
	// LoadZone refuses the names that mean the machine's own zone
	// (localtime, posixrules, ...): a file must mean the same everywhere.
	if loc, err := calendar.LoadZone(n); err == nil {
		return loc, nil
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
