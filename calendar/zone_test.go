package calendar

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadZone(t *testing.T) {
	for _, name := range []string{"Europe/Berlin", "America/New_York", "UTC", "US/Eastern", "Asia/Kathmandu", "Etc/GMT+5"} {
		loc, err := LoadZone(name)
		if err != nil || loc.String() != name {
			t.Errorf("LoadZone(%q) = %v, %v", name, loc, err)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"", `unknown time zone ""`},
		{"Local", `"Local": it means the zone of the machine`},
		{"localtime", `"localtime": it means the zone of the machine`},
		{"LocalTime", `"LocalTime": it means the zone of the machine`},
		{"posixrules", `"posixrules": it means the zone of the machine`},
		{"Factory", `"Factory": it means the zone of the machine`},
		{"europe/berlin", `"europe/berlin"`},
		{"Mars/Olympus", `unknown time zone "Mars/Olympus"`},
		{"../../etc/passwd", `"../../etc/passwd"`},
		{"/etc/localtime", `"/etc/localtime"`},
		{"Europe/Berlin\n", `"Europe/Berlin\n"`},
		{strings.Repeat("x", 1000), `"xxxxx`},
	} {
		_, err := LoadZone(tc.name)
		if !errors.Is(err, ErrUnknownZone) || !strings.HasPrefix(err.Error(), "calendar.LoadZone: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("LoadZone(%.40q) = %v; want an error wrapping ErrUnknownZone containing %s", tc.name, err, tc.want)
		}
		if len(err.Error()) > 300 {
			t.Errorf("LoadZone(%.40q): the error is %d bytes long", tc.name, len(err.Error()))
		}
	}
}

// TestMachineZonesAreRefusedEverywhere: a zone that means the machine's
// own zone is refused wherever a zone is read: a roster, a rule's TZID, a
// person compiled in Go.
func TestMachineZonesAreRefusedEverywhere(t *testing.T) {
	for _, name := range []string{"localtime", "posixrules", "Factory", "Local"} {
		_, err := ReadRoster(strings.NewReader(`{"people": [{"id": "a", "zone": "` + name + `"}]}`))
		if !errors.Is(err, ErrUnknownZone) || !strings.Contains(err.Error(), `person "a": zone:`) {
			t.Errorf("roster zone %q: %v", name, err)
		}
		_, err = ParseRecurrence("DTSTART;TZID="+name+":20260105T090000\nRRULE:FREQ=DAILY", DateTime{})
		if err == nil || !strings.Contains(err.Error(), "TZID") {
			t.Errorf("TZID=%s: %v", name, err)
		}
	}
}
