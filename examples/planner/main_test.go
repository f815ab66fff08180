package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestRosterWithCalendar reads a roster whose person names an iCalendar
// file: its meeting shows as busy time.
func TestRosterWithCalendar(t *testing.T) {
	dir := t.TempDir()
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20260301T000000Z\r\n" +
		"DTSTART;TZID=Europe/Berlin:20260310T100000\r\nDTEND;TZID=Europe/Berlin:20260310T110000\r\nSUMMARY:Review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(filepath.Join(dir, "ben.ics"), []byte(ics), 0o644); err != nil {
		t.Fatal(err)
	}
	roster := filepath.Join(dir, "team.json")
	if err := os.WriteFile(roster, []byte(`{"people":[{"id":"ben","name":"Ben","zone":"Europe/Berlin","calendars":["ben.ics"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"-roster", roster, "-week", "2026-03-09"}, &out, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if want := "10:00-11:00 CET     =  Tue 03-10 09:00-10:00 UTC      busy"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}

// TestDemoWeek compares the planner's output for three weeks with golden
// files: the week of 2026-03-09 (the US on DST, Europe not yet), the
// week of 2026-10-26 (Europe off DST, the US not yet), and Christmas week
// (holidays in each person's own calendar).
func TestDemoWeek(t *testing.T) {
	for _, week := range []string{"2026-03-09", "2026-10-28", "2026-12-23"} {
		t.Run(week, func(t *testing.T) {
			var out bytes.Buffer
			if err := run([]string{"-week", week}, &out, time.Time{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "week-"+week+".txt")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("planner -week %s (-want +got):\n%s", week, diff)
			}
		})
	}
}

func TestDefaultWeekIsTodaysInUTC(t *testing.T) {
	var a, b bytes.Buffer
	now := time.Date(2026, 3, 15, 23, 30, 0, 0, time.UTC) // a Sunday
	if err := run(nil, &a, now); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"-week", "2026-03-09"}, &b, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("the default week for %s differs from -week 2026-03-09", now)
	}
}

func TestDemoTeamIsDiverse(t *testing.T) {
	r, err := calendar.ReadRoster(bytes.NewReader(demoTeam))
	if err != nil {
		t.Fatal(err)
	}
	team := r.People
	zones := map[string]bool{}
	for _, p := range team {
		zones[p.Zone.String()] = true
	}
	if len(team) < 6 || len(zones) < 5 || !zones["Asia/Kolkata"] || !zones["America/Santiago"] {
		t.Errorf("demo team has %d people in zones %v; want at least 6 in 5 zones, Kolkata and Santiago among them", len(team), zones)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"bad week", []string{"-week", "2026-02-30"}, `"2026-02-30"`},
		{"unknown flag", []string{"-weak", "2026-03-09"}, "weak"},
		{"stray argument", []string{"overlap"}, `"overlap"`},
		{"missing file", []string{"-roster", filepath.Join(dir, "none.json")}, "none.json"},
		{"unknown field", []string{"-roster", write("typo.json", `{"people":[{"id":"a","zone":"UTC","hours":"Mon 09:00-10:00","holidys":["US"]}]}`)}, "holidys"},
		{"unknown holidays", []string{"-roster", write("hol.json", `{"people":[{"id":"a","zone":"UTC","holidays":["XX"]}]}`)}, `"XX"`},
		{"bad hours", []string{"-roster", write("hours.json", `{"people":[{"id":"a","zone":"UTC","hours":"Mon-Fry 09:00-17:00"}]}`)}, "Fry"},
		{"bad zone", []string{"-roster", write("zone.json", `{"people":[{"id":"a","zone":"Mars/Olympus","hours":""}]}`)}, "Mars/Olympus"},
		{"repeated id", []string{"-roster", write("ids.json", `{"people":[{"id":"a","zone":"UTC"},{"id":"a","zone":"UTC"}]}`)}, `id "a" is already used`},
		{"no people", []string{"-roster", write("empty.json", `{"people":[]}`)}, "no people"},
		{"missing calendar", []string{"-roster", write("cal.json", `{"people":[{"id":"a","zone":"UTC","calendars":["none.ics"]}]}`)}, "none.ics"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(tc.args, &out, time.Time{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("run(%q) = %v, want an error mentioning %s", tc.args, err, tc.want)
			}
		})
	}
}
