package ics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/icalvalue"
)

// TestReadRosterFile reads a roster whose people name iCalendar files and
// checks the busy segments of their timelines.
func TestReadRosterFile(t *testing.T) {
	ro, err := ReadRosterFile(context.Background(), filepath.Join("testdata", "roster.json"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id       string
		from, to string
		want     []string
	}{
		{"dana", "2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z", []string{
			"2026-03-03T18:00:00Z/2026-03-03T18:30:00Z", // platform sync, 10:00 PST
			"2026-03-05T19:00:00Z/2026-03-05T20:00:00Z", // the call with Lisbon, 11:00 PST
		}},
		{"jonas", "2026-03-30T00:00:00Z", "2026-03-31T00:00:00Z", []string{
			// windows-zones.ics (09:00-10:00 CEST) and outlook.ics
			// (09:30-10:00 CEST) together.
			"2026-03-30T07:00:00Z/2026-03-30T08:00:00Z",
		}},
	} {
		p, ok := ro.Person(tc.id)
		if !ok {
			t.Fatalf("no person %q", tc.id)
		}
		w := calendar.Interval{Start: mustTime(t, tc.from), End: mustTime(t, tc.to)}
		s, err := calendar.Compile(context.Background(), *p)
		if err != nil {
			t.Fatal(err)
		}
		segs, err := s.Timeline(context.Background(), w)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range segs {
			if s.Kind == calendar.KindBusy {
				got = append(got, s.Start.UTC().Format("2006-01-02T15:04:05Z")+"/"+s.End.UTC().Format("2006-01-02T15:04:05Z"))
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: busy segments in %s (-want +got):\n%s", tc.id, w, diff)
		}
	}
}

// TestReadRosterFileMissingCalendar: a calendar file that is not there is
// an error that names the person and the file.
func TestReadRosterFileMissingCalendar(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.json")
	const text = `{"people": [{"id": "dana", "zone": "America/Los_Angeles", "calendars": ["dana-work.ics"]}]}`
	if err := os.WriteFile(roster, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadRosterFile(context.Background(), roster, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`"dana"`, `"dana-work.ics"`, roster} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

// TestReadRosterFileBadCalendar: a calendar file that does not read is an
// error that names the person, the file and the line.
func TestReadRosterFileBadCalendar(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.json")
	const text = `{"people": [{"id": "ana", "zone": "Europe/Lisbon", "calendars": ["sub/ana.ics"]}]}`
	if err := os.WriteFile(roster, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	bad := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260303\r\nDTEND:20260302\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(filepath.Join(dir, "sub", "ana.ics"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	// Read leniently, the event is skipped and the problem kept.
	ro, err := ReadRosterFile(context.Background(), roster, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := ro.People[0].Sources[0].(*Calendar).Problems(); len(ps) != 1 || ps[0].Line != 5 {
		t.Errorf("problems %v, want one on line 5", ps)
	}
	_, err = ReadRosterFile(context.Background(), roster, Options{Strict: true})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`"ana"`, `"sub/ana.ics"`, "line 5"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	// Nothing of the file's content: not its UID, nor its dates.
	for _, leak := range []string{`"x"`, "20260303", "20260302"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("error %q quotes the file's content %s", err, leak)
		}
	}
}

// TestReadRosterFileStaysInItsFolder: a roster from an untrusted source
// can name only regular files inside its folder, of a bounded size, and
// an error never shows what a named file holds.
func TestReadRosterFileStaysInItsFolder(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	const secret = "SECRET=hunter2"
	if err := os.WriteFile(filepath.Join(outside, "secret.ics"), []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.ics"), []byte(secret+"\nmore\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.ics"), filepath.Join(dir, "link.ics")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.ics")); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.ics")
	if err := mkfifo(fifo); err != nil {
		t.Logf("no FIFO here (%v): that case is skipped", err)
		fifo = ""
	}
	big, err := os.Create(filepath.Join(dir, "big.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(calendar.DefaultLimits().FileBytes + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()

	for _, tc := range []struct{ name, want string }{
		{"../" + filepath.Base(outside) + "/secret.ics", "not a path inside the roster's folder"},
		{filepath.Join(outside, "secret.ics"), "not a path inside the roster's folder"},
		{"/dev/zero", "not a path inside the roster's folder"},
		{"link.ics", "escapes"},
		{"zero.ics", ""},
		{"notes.ics", "not an iCalendar file that reads"},
		{"big.ics", "larger than"},
		{"fifo.ics", "not a regular file"},
	} {
		if tc.name == "fifo.ics" && fifo == "" {
			continue
		}
		roster := filepath.Join(dir, "roster.json")
		text := fmt.Sprintf(`{"people": [{"id": "eve", "zone": "UTC", "calendars": [%q]}]}`, tc.name)
		if err := os.WriteFile(roster, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := ReadRosterFile(context.Background(), roster, Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "calendar "+icalvalue.Quote(tc.name)) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("calendar %q: %v; want an error naming it, with %q", tc.name, err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("calendar %q: the error shows the file's content: %v", tc.name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("calendar %q: ReadRosterFile did not return", tc.name)
		}
	}

	// The roster file itself must be a regular file too.
	if fifo != "" {
		done := make(chan error, 1)
		go func() {
			_, err := ReadRosterFile(context.Background(), fifo, Options{})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("a FIFO as the roster: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a FIFO as the roster: ReadRosterFile did not return")
		}
	}
}

// Holidays combine in the documented order: the codes' and the holiday
// calendars', less the working days, plus the days off; the roster's
// before the person's, so that a person's working day cancels a roster's
// day off. Worked out by hand for Ben and Ana in Berlin (DE-BE), with the
// company's calendar (an anniversary on Friday 2026-06-12, a summer
// break 2026-08-03 to 08-07), the company's days off (Monday 06-15, a
// team day; Wednesday 12-23) and a working day on Labour Day (Friday
// 05-01); Ana works the team day and takes 05-01 off as her own day.
func TestHolidaysCombine(t *testing.T) {
	company := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" +
		"BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260612\r\nSUMMARY:Company anniversary\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260803\r\nDTEND;VALUE=DATE:20260808\r\nSUMMARY:Summer break\r\nEND:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	roster := `{"holidayCalendars": ["company.ics"],
	  "daysOff": [{"date": "2026-06-15", "name": "Team day"}, {"date": "2026-12-23", "name": "Company day"}],
	  "workingDays": ["2026-05-01"],
	  "people": [
	    {"id": "ben", "zone": "Europe/Berlin", "holidays": ["DE-BE"]},
	    {"id": "ana", "zone": "Europe/Berlin", "holidays": ["DE-BE"], "workingDays": ["2026-06-15"],
	     "daysOff": [{"date": "2026-05-01", "name": "Ana's day"}]}]}`
	fsys := fstest.MapFS{"company.ics": {Data: []byte(company)}}
	r, err := ReadRosterFS(context.Background(), strings.NewReader(roster), fsys, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// What each person's 10:00 is on each date: "" for working time, else
	// the holiday's name.
	day := func(p calendar.Person, date string) string {
		s, err := calendar.Compile(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		d := calendar.MustParseDate(date)
		segs, err := s.Timeline(context.Background(), calendar.Days(d, d, berlin))
		if err != nil {
			t.Fatal(err)
		}
		at := calendar.Wall(d, calendar.MustParseClock("10:00"), berlin)
		for _, sg := range segs {
			if sg.Contains(at) {
				if sg.Kind == calendar.KindHoliday {
					return sg.Label
				}
				return ""
			}
		}
		return "?"
	}
	want := map[string][2]string{ // date: ben's, ana's
		"2026-05-01": {"", "Ana's day"},
		"2026-06-12": {"Company anniversary", "Company anniversary"},
		"2026-06-15": {"Team day", ""},
		"2026-08-05": {"Summer break", "Summer break"},
		"2026-12-23": {"Company day", "Company day"},
		"2026-06-16": {"", ""},
	}
	for date, w := range want {
		for i, id := range []string{"ben", "ana"} {
			p, _ := r.Person(id)
			if got := day(*p, date); got != w[i] {
				t.Errorf("%s on %s: %q, want %q", id, date, got, w[i])
			}
		}
	}
	// The code's holidays stay: Ascension Day, Thursday 2026-05-14.
	ben, _ := r.Person("ben")
	if got := day(*ben, "2026-05-14"); got == "" || got == "?" {
		t.Errorf("ben on Ascension Day: %q, want a holiday", got)
	}
	// The person's lists: the roster's first, less the team day Ana
	// works; read back from JSON as they are.
	ana, _ := r.Person("ana")
	if diff := cmp.Diff([]calendar.DayOff{{Date: calendar.MustParseDate("2026-12-23"), Name: "Company day"},
		{Date: calendar.MustParseDate("2026-05-01"), Name: "Ana's day"}}, ana.DaysOff); diff != "" {
		t.Errorf("ana's days off (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := calendar.ReadRoster(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range back.People {
		if !slices.Equal(p.HolidayCalendars, r.People[i].HolidayCalendars) || !slices.Equal(p.DaysOff, r.People[i].DaysOff) || !slices.Equal(p.WorkingDays, r.People[i].WorkingDays) {
			t.Errorf("%s read back: %+v", p.ID, p)
		}
	}
}
