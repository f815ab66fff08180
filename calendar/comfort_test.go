package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestNightFor: the nights worked out by hand for the hours people keep.
func TestNightFor(t *testing.T) {
	for _, c := range []struct {
		hours string
		own   Span
		want  string
	}{
		{"Mon-Fri 09:00-17:00", Span{}, "22:00-07:00"},
		{"Mon-Thu 07:00-15:00; Fri 07:00-11:00", Span{}, "22:00-07:00"},
		// An early starter: the night ends an hour earlier.
		{"Mon-Fri 06:00-14:00", Span{}, "21:00-06:00"},
		// A late worker: the night starts later.
		{"Mon-Fri 14:00-23:00", Span{}, "23:00-08:00"},
		// A night worker: minutes 22:00-06:00 worked, the night of 9
		// hours furthest from them starts at s with s-06:00 = 22:00-(s+9h),
		// so s = 09:30.
		{"Mon-Fri 22:00-06:00", Span{}, "09:30-18:30"},
		// Worked 03:00-11:00: no move of 3 hours clears it; furthest:
		// s-11:00 = 03:00+24h-(s+9h), s = 14:30.
		{"Mon-Fri 03:00-11:00", Span{}, "14:30-23:30"},
		// Around the clock: nothing clears it.
		{"Mon-Sun 00:00-24:00", Span{}, "22:00-07:00"},
		// One's own night, even inside the hours, is kept as given.
		{"Mon-Fri 22:00-06:00", Span{MustParseClock("08:00"), MustParseClock("15:00")}, "08:00-15:00"},
		{"", Span{}, "22:00-07:00"},
	} {
		got := Comfort{Night: c.own}.NightFor(MustParseWeeklyHours(c.hours))
		if got.String() != c.want {
			t.Errorf("%q: night %s, want %s", c.hours, got, c.want)
		}
	}
}

func TestComfortOr(t *testing.T) {
	own := Comfort{Shoulder: time.Hour}
	team := Comfort{Shoulder: 3 * time.Hour, Night: Span{MustParseClock("23:00"), MustParseClock("06:00")}}
	if got := own.Or(team); got.Shoulder != time.Hour || got.Night != team.Night {
		t.Errorf("own over team: %+v", got)
	}
	if got := (Comfort{}).ShoulderOrDefault(); got != DefaultShoulder {
		t.Errorf("default shoulder %s", got)
	}
}

// TestComfortInRoster: a roster's comfort reads, writes back the same, and
// bad values are errors that name the person and the field.
func TestComfortInRoster(t *testing.T) {
	in := `{"id": "ana", "zone": "Europe/Berlin", "comfort": {"shoulder": "1h30m", "night": "23:00-08:00"}}`
	var p Person
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.Comfort.Shoulder != 90*time.Minute || p.Comfort.Night.String() != "23:00-08:00" {
		t.Fatalf("read %+v", p.Comfort)
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"comfort":{"shoulder":"1h30m","night":"23:00-08:00"}`) {
		t.Errorf("written: %s", out)
	}
	var back Person
	if err := json.Unmarshal(out, &back); err != nil || back.Comfort != p.Comfort {
		t.Errorf("read back %+v, %v", back.Comfort, err)
	}
	plain, _ := json.Marshal(Person{ID: "b", Zone: time.UTC, Hours: MustParseWeeklyHours("Mon 09:00-17:00")})
	if strings.Contains(string(plain), "comfort") {
		t.Errorf("no comfort set, yet written: %s", plain)
	}
	for _, c := range []struct{ comfort, want string }{
		{`{"shoulder": "-1h"}`, `person "ana": comfort: shoulder -1h0m0s is not from 0 to 12h0m0s`},
		{`{"shoulder": "13h"}`, `is not from 0 to 12h0m0s`},
		{`{"shoulder": "0s"}`, `comfort: shoulder: zero`},
		{`{"shoulder": "90s"}`, `shoulder 1m30s is not a whole number of minutes`},
		{`{"shoulder": "soon"}`, `comfort: shoulder`},
		{`{"night": "20:00-14:00"}`, `night 20:00-14:00 is longer than 16h0m0s`},
		{`{"night": "00:00-00:00"}`, `is a whole day`},
		{`{"night": "22:00"}`, `comfort: night`},
		{`{"night": "24:00-06:00"}`, `cannot start at 24:00`},
		{`{"nights": "22:00-06:00"}`, `nights`},
	} {
		err := json.Unmarshal([]byte(`{"id": "ana", "zone": "Europe/Berlin", "comfort": `+c.comfort+`}`), &p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", c.comfort, err, c.want)
		}
	}
}
