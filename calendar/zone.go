package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tzplan/tzplan/internal/icalvalue"
)

// ErrUnknownZone is wrapped by the errors of LoadZone, and of everything
// that reads a zone by name, for a name that is not a zone of the IANA
// time zone database that tzplan accepts.
var ErrUnknownZone = errors.New("unknown time zone")

// machineZones are names the zone database has that mean the zone of the
// machine a program runs on, or no zone at all: the same input would give
// answers hours apart on two machines.
var machineZones = [...]string{"Local", "localtime", "posixrules", "Factory"}

// LoadZone loads a zone of the IANA time zone database by its name, such
// as "Europe/Berlin" (links such as "US/Eastern" and "UTC" are names too).
// It refuses the empty name, the names that stand for the machine's own
// zone or for none ("Local", "localtime", "posixrules", "Factory", in any
// letter case), and a spelling the database does not have exactly (on a
// machine whose files ignore letter case, "europe/berlin" would load), with
// an error that wraps ErrUnknownZone and quotes the name. A program
// without zoneinfo on its machine can import time/tzdata.
func LoadZone(name string) (*time.Location, error) {
	loc, err := loadZone(name)
	if err != nil {
		return nil, fmt.Errorf("calendar.LoadZone: %w", err)
	}
	return loc, nil
}

// loadZone is LoadZone without the function's name in its errors.
func loadZone(name string) (*time.Location, error) {
	if err := checkZoneName(name); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%w %s (want an IANA name such as \"Europe/Berlin\")", ErrUnknownZone, icalvalue.Quote(name))
	}
	if loc.String() != name && !(name == "UTC" && loc == time.UTC) {
		return nil, fmt.Errorf("%w %s: the zone database spells it %q", ErrUnknownZone, icalvalue.Quote(name), loc.String())
	}
	return loc, nil
}

// checkZoneName refuses the names of zones that mean the machine's own
// zone, or none.
func checkZoneName(name string) error {
	if name == "" {
		return fmt.Errorf("%w \"\" (want an IANA name such as \"Europe/Berlin\")", ErrUnknownZone)
	}
	for _, m := range machineZones {
		if strings.EqualFold(name, m) {
			return fmt.Errorf("%w %q: it means the zone of the machine the program runs on, not a zone of the world (want an IANA name such as \"Europe/Berlin\")", ErrUnknownZone, name)
		}
	}
	return nil
}
