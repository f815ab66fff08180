package calendar

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func readRosterFile(t *testing.T, name string) Roster {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ReadRoster(f)
	if err != nil {
		t.Fatalf("ReadRoster(%s): %v", name, err)
	}
	return r
}

func TestReadRoster(t *testing.T) {
	r := readRosterFile(t, "testdata/roster.json")
	if len(r.People) != 3 {
		t.Fatalf("%d people, want 3", len(r.People))
	}
	ana, ok := r.Person("ana")
	if !ok {
		t.Fatal(`no person "ana"`)
	}
	if got, want := ana.Zone.String(), "America/Sao_Paulo"; got != want {
		t.Errorf("ana's zone %s, want %s", got, want)
	}
	if got, want := ana.Hours.String(), "Mon-Fri 09:00-12:00,13:00-18:00"; got != want {
		t.Errorf("ana's hours %s, want %s", got, want)
	}
	wantFocus := []FocusBlock{{Name: "deep work", Rule: "FREQ=WEEKLY;BYDAY=TU,TH", Start: MustParseDateTime("2026-01-06T09:00"), Duration: 2 * time.Hour, Hard: true}}
	if diff := cmp.Diff(wantFocus, ana.Focus, cmp.Comparer(func(a, b Recurrence) bool { return a.String() == b.String() })); diff != "" {
		t.Errorf("ana's focus (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]TimeOff{{MustParseDate("2026-03-10"), MustParseDate("2026-03-12"), "vacation"}}, ana.TimeOff); diff != "" {
		t.Errorf("ana's time off (-want +got):\n%s", diff)
	}
	if got := ana.Busy.Duration(); got != time.Hour {
		t.Errorf("ana is busy for %s, want 1h", got)
	}
	ben, _ := r.Person("ben")
	if got := ben.Hours.String(); got != DefaultHours {
		t.Errorf("ben's hours %q, want the default %q", got, DefaultHours)
	}
	if ben.HolidayDates != Actual {
		t.Errorf("ben's holiday dates %v, want actual", ben.HolidayDates)
	}
	priya, _ := r.Person("priya")
	if !priya.Hours.IsZero() {
		t.Errorf(`priya's hours %q, want none ("hours": "")`, priya.Hours)
	}
	if _, ok := r.Person("nobody"); ok {
		t.Error(`Person("nobody") found someone`)
	}
}

// TestRosterRoundTrips: writing a roster and reading it back gives the
// same people, and writing that gives the same text.
func TestRosterRoundTrips(t *testing.T) {
	r := readRosterFile(t, "testdata/roster.json")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadRoster(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading back %s: %v", b, err)
	}
	if diff := cmp.Diff(r, back, cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() }),
		cmp.Comparer(func(a, b WeeklyHours) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b Set) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b Recurrence) bool { return a.String() == b.String() })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, again) {
		t.Errorf("second marshal differs:\n%s\n%s", b, again)
	}
}

func TestReadRosterErrors(t *testing.T) {
	person := func(fields string) string { return `{"people": [{"id": "a", "zone": "UTC"` + fields + `}]}` }
	tests := []struct {
		name, in, want string
	}{
		{"not json", `{"people": [`, "unexpected EOF"},
		{"no people", `{}`, `no "people"`},
		{"unknown top field", `{"people": [], "peeple": []}`, `"peeple"`},
		{"unknown person field", person(`, "holidys": ["US"]`), `"holidys"`},
		{"no id", `{"people": [{"zone": "UTC"}]}`, `person 1: no "id"`},
		{"duplicate id", `{"people": [{"id": "a", "zone": "UTC"}, {"id": "a", "zone": "UTC"}]}`, `person 2: id "a" is already used by person 1`},
		{"no zone", `{"people": [{"id": "a"}]}`, `person "a": zone`},
		{"local zone", `{"people": [{"id": "a", "zone": "Local"}]}`, `"Local"`},
		{"unknown zone", `{"people": [{"id": "a", "zone": "Mars/Olympus"}]}`, `unknown time zone "Mars/Olympus"`},
		{"bad hours", person(`, "hours": "Mon-Fry 09:00-17:00"`), `hours: calendar.ParseWorkingHours`},
		{"hours on a 12-hour clock", person(`, "hours": "Mon-Fri 9:00-5:00"`), `"9:00-5:00": a span of 20h past midnight, over 16h; did you mean 9:00-17:00 (a 24-hour clock)?`},
		{"hours of 17h", person(`, "hours": "Mon 06:00-23:00"`), `"06:00-23:00": a span of 17h, over 16h (00:00-24:00 is the whole day)`},
		{"unknown holidays", person(`, "holidays": ["US", "XX"]`), `"XX"`},
		{"bad holiday dates", person(`, "holidays": ["US"], "holidayDates": "nearest"`), `"nearest"`},
		{"time off backwards", person(`, "timeOff": [{"from": "2026-03-12", "to": "2026-03-10"}]`), "2026-03-12 to 2026-03-10"},
		{"time off bad date", person(`, "timeOff": [{"from": "2026-02-30", "to": "2026-03-10"}]`), `"2026-02-30"`},
		{"focus bad start", person(`, "focus": [{"name": "f", "rule": "FREQ=DAILY", "start": "2026-01-06 09:00", "duration": "1h"}]`), "focus 1: start"},
		{"focus bad duration", person(`, "focus": [{"name": "f", "rule": "FREQ=DAILY", "start": "2026-01-06T09:00", "duration": "2 hours"}]`), "focus 1: duration"},
		{"focus hourly", person(`, "focus": [{"name": "f", "rule": "FREQ=HOURLY", "start": "2026-01-06T09:00", "duration": "1h"}]`), "HOURLY"},
		{"focus no start", person(`, "focus": [{"name": "f", "rule": "FREQ=DAILY", "duration": "1h"}]`), `focus block "f"`},
		{"busy backwards", person(`, "busy": [{"start": "2026-03-03T15:00:00Z", "end": "2026-03-03T14:00:00Z"}]`), "busy 1: end"},
		{"busy not a time", person(`, "busy": [{"start": "tomorrow", "end": "2026-03-03T14:00:00Z"}]`), "tomorrow"},
		{"empty calendar name", person(`, "calendars": ["a.ics", ""]`), `calendars 2: empty file name`},
		{"trailing data", `{"people": []} {}`, "data after the value"},
		{"misspelt roster field", `{"people": [], "holidayCalendar": ["a.ics"]}`, `unknown field "holidayCalendar"`},
		{"roster day off with no name", `{"people": [], "daysOff": [{"date": "2026-03-03"}]}`, "daysOff 1: 2026-03-03 has no name"},
		{"roster day off not a date", `{"people": [], "daysOff": [{"date": "2026-02-30", "name": "x"}]}`, "2026-02-30"},
		{"empty holiday calendar name", `{"people": [], "holidayCalendars": [""]}`, "holidayCalendars 1: empty file name"},
		{"person day off with no name", person(`, "daysOff": [{"date": "2026-03-03"}]`), "daysOff 1: 2026-03-03 has no name"},
		{"person working day not a date", person(`, "workingDays": ["03/04/2026"]`), "03/04/2026"},
		{"person empty holiday calendar", person(`, "holidayCalendars": [""]`), "holidayCalendars 1: empty file name"},
		{"stay in an unknown zone", person(`, "stays": [{"from": "2026-03-10", "to": "2026-03-12", "zone": "Mars/Olympus"}]`), `stays 1: zone`},
		{"stay backwards", person(`, "stays": [{"from": "2026-03-12", "to": "2026-03-10", "zone": "UTC"}]`), "stay 1: 2026-03-12 to 2026-03-10 is not a range of dates"},
		{"stay misspelt", person(`, "stays": [{"from": "2026-03-10", "until": "2026-03-12", "zone": "UTC"}]`), `unknown field "until"`},
		{"hours from on a 12-hour clock", person(`, "hoursFrom": [{"from": "2026-06-01", "hours": "Fri 8:00-1:00"}]`), "hoursFrom 1: calendar.ParseWorkingHours"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadRoster(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ReadRoster(%s) = %v, want an error containing %s", tc.in, err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "calendar.ReadRoster: ") {
				t.Errorf("error %q does not name ReadRoster", err)
			}
		})
	}
}

// fakeSource is a BusySource that is busy for the first hour of every
// window, or fails.
type fakeSource struct{ err error }

func (f fakeSource) Busy(_ context.Context, w Interval, _ *time.Location) (Set, error) {
	if f.err != nil {
		return Set{}, f.err
	}
	return NewSet(Interval{w.Start, w.Start.Add(time.Hour)}), nil
}

func TestReadRosterWithOpensCalendars(t *testing.T) {
	in := `{"people": [{"id": "a", "zone": "UTC", "hours": "Mon-Sun 00:00-24:00", "calendars": ["a.ics", "b.ics"]}]}`
	var opened []string
	r, err := ReadRosterWith(context.Background(), strings.NewReader(in), RosterOptions{OpenCalendar: func(_ context.Context, name string) (BusySource, error) {
		opened = append(opened, name)
		return fakeSource{}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.ics", "b.ics"}, opened); diff != "" {
		t.Errorf("opened (-want +got):\n%s", diff)
	}
	p := &r.People[0]
	w := Interval{time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	segs := mustTimeline(t, p, w)
	if diff := cmp.Diff([]string{"03-02 09:00-03-02 10:00 busy ", "03-02 10:00-03-02 12:00 free "}, kinds(segs, time.UTC)); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
	// Without an opener the names are kept and nothing is read.
	plain, err := ReadRoster(strings.NewReader(in))
	if err != nil || len(plain.People[0].Sources) != 0 || len(plain.People[0].Calendars) != 2 {
		t.Errorf("ReadRoster: %v, sources %d, calendars %v", err, len(plain.People[0].Sources), plain.People[0].Calendars)
	}
	// A failing opener or source names the person and the file.
	_, err = ReadRosterWith(context.Background(), strings.NewReader(in), RosterOptions{OpenCalendar: func(_ context.Context, name string) (BusySource, error) {
		return nil, errors.New("no such file")
	}})
	if err == nil || !strings.Contains(err.Error(), `person "a": calendar "a.ics": no such file`) {
		t.Errorf("failing opener: %v", err)
	}
	p.Sources[1] = fakeSource{errors.New("broken")}
	if _, err := mustCompile(t, *p).Timeline(context.Background(), w); err == nil || !strings.Contains(err.Error(), `calendar "b.ics": broken`) {
		t.Errorf("failing source: %v", err)
	}
}

func FuzzReadRoster(f *testing.F) {
	seed, err := os.ReadFile("testdata/roster.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	for _, s := range []string{
		`{"people": []}`,
		`{"people": [{"id": "a", "zone": "UTC"}]}`,
		`{"people": [{"id": "a", "zone": "Asia/Kolkata", "hours": "Sun-Thu 22:00-06:00", "holidays": ["in"]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "focus": [{"name": "f", "rule": "FREQ=YEARLY;BYEASTER=400", "start": "2026-01-06T09:00", "duration": "1h"}]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "focus": [{"name": "f", "rule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "start": "2026-01-06T09:00", "duration": "1h"}]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "busy": [{"start": "2026-03-03T14:00:00Z", "end": "2026-03-03T15:00:00Z"}]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "timeOff": [{"from": "0001-01-01", "to": "9999-12-31"}]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "comfort": {"shoulder": "90m", "night": "23:00-08:00"}, "emails": ["A@x.com", "mailto:a2@x.com"]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "comfort": {"shoulder": "-5m", "night": "24:00-01:00"}}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "emails": ["a@x.com"]}, {"id": "b", "zone": "UTC", "emails": ["MAILTO:A@X.COM"]}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "emails": ["\u0000"], "comfort": {}}]}`,
		`{"people": [{"id": "a", "zone": "UTC", "hours": "Mon 06:00-14:00,14:00-22:00"}]}`,
		`{"holidayCalendars": ["h.ics"], "daysOff": [{"date": "2026-03-03", "name": "Company day"}], "workingDays": ["2026-03-04"],
		  "people": [{"id": "a", "zone": "Europe/Berlin", "holidays": ["DE-BE"], "workingDays": ["2026-03-03"], "daysOff": [{"date": "2026-03-05", "name": "Own"}], "holidayCalendars": ["h.ics", "i.ics"]}]}`,
		`{"daysOff": [{"date": "2026-02-30", "name": "x"}], "people": []}`, `{"daysOff": [{"date": "2026-03-03"}], "people": []}`,
		`{"people": [{"id": "a", "zone": "Europe/Berlin", "stays": [{"from": "2026-03-02", "to": "2026-03-04", "zone": "America/New_York", "holidays": []},
		  {"from": "2026-03-06", "to": "2026-03-06", "zone": "Pacific/Apia", "holidays": ["NZ"]}], "hoursFrom": [{"from": "2026-03-05", "hours": "Mon-Thu 09:00-17:00; Fri 09:00-13:00"}]}]}`,
		`[]`, `null`, `{"people": null}`, `{"people": [null]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadRoster(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "calendar.ReadRoster: ") {
				t.Fatalf("error %q does not name ReadRoster", err)
			}
			// Errors quote input cut short and escaped.
			if msg := err.Error(); len(msg) > 1000 || strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				t.Fatalf("the error is long (%d bytes) or holds raw control characters: %.300q", len(msg), msg)
			}
			return
		}
		// A roster that reads also plans: a week of each person's timeline.
		week := Interval{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)}
		for i := range r.People {
			s, err := Compile(context.Background(), r.People[i])
			if err != nil {
				t.Fatalf("person %q: Compile: %v", r.People[i].ID, err)
			}
			if _, err := s.Timeline(context.Background(), week); err != nil && !strings.Contains(err.Error(), "too many") {
				t.Fatalf("person %q: Timeline: %v", r.People[i].ID, err)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if _, err := ReadRoster(bytes.NewReader(b)); err != nil {
			t.Fatalf("reading back %s: %v", b, err)
		}
	})
}

// TestRosterRepeatedKeysAreErrors: a key given twice would silently win
// over the first; it is an error instead, naming the key.
func TestRosterRepeatedKeysAreErrors(t *testing.T) {
	for _, tc := range []struct{ in, key string }{
		{`{"people": [{"id": "a", "zone": "UTC", "zone": "Asia/Tokyo"}]}`, `"zone"`},
		{`{"people": [{"id": "a", "zone": "UTC", "Zone": "Asia/Tokyo"}]}`, `"Zone"`},
		{`{"people": [], "people": [{"id": "a", "zone": "UTC"}]}`, `"people"`},
		{`{"people": [{"id": "a", "zone": "UTC", "timeOff": [{"from": "2026-03-10", "to": "2026-03-12", "to": "2027-03-12"}]}]}`, `"to"`},
	} {
		_, err := ReadRoster(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), "key "+tc.key+" is given twice") {
			t.Errorf("ReadRoster(%s) = %v; want an error naming key %s", tc.in, err, tc.key)
		}
	}
}

// TestRosterEmails: a person's emails read and write back; an address is
// one person's only, whatever its case or "mailto:"; bad ones are errors
// that name the person and the field.
func TestRosterEmails(t *testing.T) {
	r, err := ReadRoster(strings.NewReader(`{"people": [
		{"id": "ana", "zone": "UTC", "emails": ["Ana@Example.com", "ana.souza@example.org"]},
		{"id": "ben", "zone": "UTC", "emails": ["ben@example.com"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.People[0].Emails; len(got) != 2 || got[0] != "Ana@Example.com" {
		t.Fatalf("emails %q", got)
	}
	b, err := json.Marshal(r.People[0])
	if err != nil || !strings.Contains(string(b), `"emails":["Ana@Example.com","ana.souza@example.org"]`) {
		t.Fatalf("written %s, %v", b, err)
	}
	for _, c := range []struct{ roster, want string }{
		{`{"people": [{"id": "ana", "zone": "UTC", "emails": ["ana@x.com"]}, {"id": "ben", "zone": "UTC", "emails": ["MAILTO:ANA@X.COM"]}]}`,
			`person 2: email "MAILTO:ANA@X.COM" is already used by person 1`},
		{`{"people": [{"id": "ana", "zone": "UTC", "emails": [""]}]}`, `person "ana": emails 1: empty address`},
		{`{"people": [{"id": "ana", "zone": "UTC", "emails": ["mailto:"]}]}`, `person "ana": emails 1: empty address`},
		{`{"people": [{"id": "ana", "zone": "UTC", "emails": ["a@x.com", "A@X.com"]}]}`, `person 1: email "A@X.com" is listed twice`},
		{`{"people": [{"id": "ana", "zone": "UTC", "emails": ["ana @x.com"]}]}`, `person "ana": emails 1: address "ana @x.com" has a space`},
	} {
		if _, err := ReadRoster(strings.NewReader(c.roster)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.roster, err, c.want)
		}
	}
	for in, want := range map[string]string{"mailto:Ana@X.com": "ana@x.com", "MAILTO:ana@x.com": "ana@x.com", "Ana@X.com": "ana@x.com", "mail": "mail"} {
		if got := NormalEmail(in); got != want {
			t.Errorf("NormalEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

// The roster's days count toward each person's Limits.Days, and the
// roster's days times its people toward 500 times it; stays and dated
// hours toward Limits.Changes.
func TestRosterDayLimits(t *testing.T) {
	ctx := WithLimits(context.Background(), Limits{Days: 2, Changes: 1})
	for _, c := range []struct{ in, want string }{
		{`{"daysOff": [{"date": "2026-03-03", "name": "a"}, {"date": "2026-03-04", "name": "b"}], "people": [{"id": "p", "zone": "UTC", "workingDays": ["2026-03-05"]}]}`,
			"Limits.Days: 3 days off, working days and holiday calendars is more than 2"},
		{`{"people": [{"id": "p", "zone": "UTC", "stays": [{"from": "2026-03-03", "to": "2026-03-04", "zone": "UTC"}], "hoursFrom": [{"from": "2026-03-05", "hours": "Mon 09:00-17:00"}]}]}`,
			"Limits.Changes: 2 stays and dated hours is more than 1"},
	} {
		if _, err := ReadRosterWith(ctx, strings.NewReader(c.in), RosterOptions{}); err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrLimit) {
			t.Errorf("%s: %v, want %q", c.in, err, c.want)
		}
	}
	var people []string
	for i := range 600 {
		people = append(people, fmt.Sprintf(`{"id": "p%d", "zone": "UTC"}`, i))
	}
	in := `{"daysOff": [{"date": "2026-03-03", "name": "a"}, {"date": "2026-03-04", "name": "b"}], "people": [` + strings.Join(people, ",") + `]}`
	if _, err := ReadRosterWith(ctx, strings.NewReader(in), RosterOptions{}); err == nil || !strings.Contains(err.Error(), "the roster's 2 days off, working days and holiday calendars for each of 600 people are more than 1000 in all") {
		t.Errorf("600 people with the roster's 2 days: %v", err)
	}
}

// A person whose hours a roster would refuse does not marshal into one:
// the error comes when writing, not when reading back.
func TestMarshalRefusesWhatARosterRefuses(t *testing.T) {
	p := Person{ID: "a", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 06:00-23:00")}
	if _, err := json.Marshal(p); err == nil || !strings.Contains(err.Error(), `person "a": hours: calendar.ParseWorkingHours`) {
		t.Errorf("17 hours: %v", err)
	}
	p.Hours = MustParseWeeklyHours("Mon 09:00-17:00")
	p.HoursFrom = []DatedHours{{From: MustParseDate("2026-06-01"), Hours: MustParseWeeklyHours("Fri 05:00-23:00")}}
	if _, err := json.Marshal(p); err == nil || !strings.Contains(err.Error(), "hours from 2026-06-01") {
		t.Errorf("dated hours of 18 hours: %v", err)
	}
	p.HoursFrom[0].Hours = MustParseWeeklyHours("Fri 09:00-13:00")
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back Person
	if err := json.Unmarshal(b, &back); err != nil || len(back.HoursFrom) != 1 || !back.HoursFrom[0].Hours.Equal(p.HoursFrom[0].Hours) {
		t.Errorf("read back %+v, %v", back.HoursFrom, err)
	}
}
