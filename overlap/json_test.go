package overlap

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// jsonValues are small hand-built results and their JSON, written out by
// hand: the documented names, instants in UTC, durations as Go duration
// text, an attendee's start with their own offset.
func jsonValues(t fataler) []struct {
	name  string
	value any
	json  string
} {
	berlin, kolkata := mustLoad(t, "Europe/Berlin"), mustLoad(t, "Asia/Kolkata")
	ben := Attendance{ID: "ben", Status: StatusOffHours, Band: BandLate, Local: time.Date(2026, 3, 9, 14, 0, 0, 0, berlin), Present: true,
		Cost: Cost{OffHours: 30 * time.Minute, Late: 30 * time.Minute, Burden: time.Hour}}
	priya := Attendance{ID: "priya", Status: StatusOffHours, Local: time.Date(2026, 3, 9, 18, 30, 0, 0, kolkata), Optional: true, Cost: Cost{OptionalMissing: 1}}
	// Ben's half hour of late time is worth 2 points a minute.
	const benJSON = `{"id":"ben","zone":"Europe/Berlin","status":"off-hours","band":"late","local":"2026-03-09T14:00:00+01:00","optional":false,"present":true,` +
		`"cost":{"focusBroken":"0s","offHours":"30m","shoulder":"0s","late":"30m","dayOff":"0s","night":"0s","burden":"1h","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":60}}`
	const priyaJSON = `{"id":"priya","zone":"Asia/Kolkata","status":"off-hours","band":"working","local":"2026-03-09T18:30:00+05:30","optional":true,"present":false,` +
		`"cost":{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":1,"requiredMissing":0,"points":30}}`
	slot := Suggestion{
		Interval:  calendar.Interval{Start: time.Date(2026, 3, 9, 18, 30, 0, 0, kolkata), End: time.Date(2026, 3, 9, 19, 30, 0, 0, kolkata)},
		Attendees: []Attendance{ben, priya},
		Cost:      Cost{OffHours: 30 * time.Minute, Late: 30 * time.Minute, Burden: time.Hour, OptionalMissing: 1},
		Score:     1.5,
	}
	// Points: 2 x 30 minutes late + 30 for the optional attendee, item by
	// item.
	const slotJSON = `{"start":"2026-03-09T13:00:00Z","end":"2026-03-09T14:00:00Z","score":1.5,` +
		`"cost":{"focusBroken":"0s","offHours":"30m","shoulder":"0s","late":"30m","dayOff":"0s","night":"0s","burden":"1h","fragments":0,"optionalMissing":1,"requiredMissing":0,"points":90},` +
		`"attendees":[` + benJSON + `,` + priyaJSON + `],` +
		`"items":[{"id":"ben","what":"late","time":"30m","count":0,"points":60},{"id":"priya","what":"optional missing","time":"0s","count":1,"points":30}]}`
	return []struct {
		name  string
		value any
		json  string
	}{
		{"Segment", Segment{calendar.Interval{Start: time.Date(2026, 3, 9, 13, 0, 0, 0, berlin), End: time.Date(2026, 3, 9, 14, 30, 0, 0, berlin)}, []string{"ben", "sam"}},
			`{"start":"2026-03-09T12:00:00Z","end":"2026-03-09T13:30:00Z","free":["ben","sam"]}`},
		{"Segment with nobody free", Segment{calendar.Interval{Start: time.Date(2026, 3, 9, 13, 0, 0, 0, berlin), End: time.Date(2026, 3, 9, 14, 30, 0, 0, berlin)}, nil},
			`{"start":"2026-03-09T12:00:00Z","end":"2026-03-09T13:30:00Z","free":[]}`},
		// Points: 90 minutes of focus, one fragment (15) and two optional
		// attendees missing (2 x 30).
		{"Cost", Cost{FocusBroken: 90 * time.Minute, Fragments: 1, OptionalMissing: 2},
			`{"focusBroken":"1h30m","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":1,"optionalMissing":2,"requiredMissing":0,"points":165}`},
		{"Cost of nothing", Cost{},
			`{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":0}`},
		// 90 seconds of night at 4 points a minute.
		{"Cost with seconds", Cost{OffHours: 90 * time.Second, Night: 90 * time.Second, Burden: 6 * time.Minute, RequiredMissing: 2},
			`{"focusBroken":"0s","offHours":"1m30s","shoulder":"0s","late":"0s","dayOff":"0s","night":"1m30s","burden":"6m","fragments":0,"optionalMissing":0,"requiredMissing":2,"points":6}`},
		{"Attendance", ben, benJSON},
		{"Attendance, optional, in Kolkata", priya, priyaJSON},
		{"Suggestion", slot, slotJSON},
		{"Suggestion without attendees", Suggestion{Interval: slot.Interval},
			`{"start":"2026-03-09T13:00:00Z","end":"2026-03-09T14:00:00Z","score":0,` +
				`"cost":{"focusBroken":"0s","offHours":"0s","shoulder":"0s","late":"0s","dayOff":"0s","night":"0s","burden":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":0},"attendees":[],"items":[]}`},
		{"Burden", Burden{ID: "kim", Burden: 2*time.Hour + 30*time.Minute, Slots: 3, Inconvenient: 2}, `{"id":"kim","burden":"2h30m","slots":3,"inconvenient":2}`},
		{"Rotation", Rotation{Slots: []Suggestion{slot}, Burden: []Burden{{ID: "ben", Burden: time.Hour, Slots: 1, Inconvenient: 1}, {ID: "priya"}}, Max: time.Hour, Spread: time.Hour, Total: time.Hour},
			`{"slots":[` + slotJSON + `],"burden":[{"id":"ben","burden":"1h","slots":1,"inconvenient":1},{"id":"priya","burden":"0s","slots":0,"inconvenient":0}],` +
				`"max":"1h","spread":"1h","total":"1h","fairShare":false,"bestEffort":false}`},
		{"empty Rotation", Rotation{}, `{"slots":[],"burden":[],"max":"0s","spread":"0s","total":"0s","fairShare":false,"bestEffort":false}`},
		// Berlin's day of 23 hours, the day it moves its clocks forward.
		{"Day", Day{
			Date:     calendar.MustParseDate("2026-03-29"),
			Interval: calendar.Interval{Start: time.Date(2026, 3, 29, 0, 0, 0, 0, berlin), End: time.Date(2026, 3, 30, 0, 0, 0, 0, berlin)},
			Common:   2 * time.Hour, Longest: calendar.Interval{Start: time.Date(2026, 3, 29, 11, 0, 0, 0, berlin), End: time.Date(2026, 3, 29, 12, 30, 0, 0, berlin)},
			MostFree: 3, MostFreeFor: 2 * time.Hour,
		}, `{"date":"2026-03-29","start":"2026-03-28T23:00:00Z","end":"2026-03-29T22:00:00Z","common":"2h",` +
			`"longest":{"start":"2026-03-29T09:00:00Z","end":"2026-03-29T10:30:00Z"},"mostFree":3,"mostFreeFor":"2h"}`},
		{"Day without common time", Day{
			Date:     calendar.MustParseDate("2026-03-30"),
			Interval: calendar.Interval{Start: time.Date(2026, 3, 30, 0, 0, 0, 0, berlin), End: time.Date(2026, 3, 30, 12, 0, 0, 0, berlin)},
			MostFree: 1, MostFreeFor: 8 * time.Hour,
		}, `{"date":"2026-03-30","start":"2026-03-29T22:00:00Z","end":"2026-03-30T10:00:00Z","common":"0s","longest":null,"mostFree":1,"mostFreeFor":"8h"}`},
		{"Bucket", Bucket{Date: calendar.MustParseDate("2026-11-01"), Clock: calendar.MustParseClock("01:00"),
			Interval: calendar.Interval{Start: time.Date(2026, 11, 1, 5, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC)}, Free: 2},
			`{"date":"2026-11-01","clock":"01:00","start":"2026-11-01T05:00:00Z","end":"2026-11-01T07:00:00Z","free":2}`},
		{"empty Bucket", Bucket{Date: calendar.MustParseDate("2026-03-08"), Clock: calendar.MustParseClock("02:00"),
			Interval: calendar.Interval{Start: time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC)}},
			`{"date":"2026-03-08","clock":"02:00","start":"2026-03-08T07:00:00Z","end":"2026-03-08T07:00:00Z","free":0}`},
		{"NoSlotError", &NoSlotError{Never: []string{"sam"}, Best: 0.5, Want: 1, Slots: 95}, `{"never":["sam"],"best":0.5,"want":1,"slots":95}`},
		{"NoSlotError with no one never there", &NoSlotError{Best: 0.75, Want: 1, Slots: 12}, `{"never":[],"best":0.75,"want":1,"slots":12}`},
		{"Load", Load{People: []PersonLoad{{ID: "ana", LoadFigures: LoadFigures{Meeting: 2 * time.Hour, AfterHours: 30 * time.Minute, Focus: 330 * time.Minute, Fragmented: time.Hour, Meetings: 3},
			Days: []DayFocus{{calendar.MustParseDate("2026-03-09"), 3 * time.Hour}}}},
			Team: LoadFigures{Meeting: 2 * time.Hour, AfterHours: 30 * time.Minute, Focus: 330 * time.Minute, Fragmented: time.Hour, Meetings: 3}},
			`{"people":[{"id":"ana","meeting":"2h","afterHours":"30m","focus":"5h30m","fragmented":"1h","meetings":3,"days":[{"date":"2026-03-09","longest":"3h"}]}],` +
				`"team":{"meeting":"2h","afterHours":"30m","focus":"5h30m","fragmented":"1h","meetings":3}}`},
		{"empty Load", Load{}, `{"people":[],"team":{"meeting":"0s","afterHours":"0s","focus":"0s","fragmented":"0s","meetings":0}}`},
	}
}

// jsonOptions compare decoded values: instants as instants, an empty
// list as a missing one.
var jsonOptions = cmp.Options{
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
	cmpopts.EquateEmpty(),
}

// decodeLike decodes data into a new value of v's type and returns it.
func decodeLike(v any, data []byte) (any, error) {
	p := reflect.New(reflect.TypeOf(v))
	err := json.Unmarshal(data, p.Interface())
	return p.Elem().Interface(), err
}

func TestJSONIsDocumented(t *testing.T) {
	for _, tc := range jsonValues(t) {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.value)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.json, string(got)); diff != "" {
				t.Errorf("Marshal (-want +got):\n%s", diff)
			}
			back, err := decodeLike(tc.value, []byte(tc.json))
			if err != nil {
				t.Fatalf("Unmarshal(%s): %v", tc.json, err)
			}
			if diff := cmp.Diff(tc.value, back, jsonOptions); diff != "" {
				t.Errorf("Unmarshal (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONRefusesUnknownFields: a field the type does not have is an
// error, at the top and inside, rather than dropped.
func TestJSONRefusesUnknownFields(t *testing.T) {
	for _, tc := range jsonValues(t) {
		t.Run(tc.name, func(t *testing.T) {
			data := `{"extra":1,` + tc.json[1:]
			if _, err := decodeLike(tc.value, []byte(data)); err == nil || !strings.Contains(err.Error(), "extra") {
				t.Errorf("Unmarshal(%s): %v, want an error about the unknown field", data, err)
			}
			if i := strings.Index(tc.json, `"cost":{`); i >= 0 {
				data := tc.json[:i+len(`"cost":{`)] + `"surprise":1,` + tc.json[i+len(`"cost":{`):]
				if _, err := decodeLike(tc.value, []byte(data)); err == nil || !strings.Contains(err.Error(), "surprise") {
					t.Errorf("Unmarshal(%s): %v, want an error about the unknown field in cost", data, err)
				}
			}
		})
	}
}

func TestCostPointsAreIgnoredWhenRead(t *testing.T) {
	var c Cost
	const data = `{"focusBroken":"1h","offHours":"0s","fragments":0,"optionalMissing":0,"requiredMissing":0,"points":7}`
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatal(err)
	}
	if want := (Cost{FocusBroken: time.Hour}); c != want || c.Points() != 60 {
		t.Errorf("Unmarshal(%s) = %+v with %v points, want %+v with 60", data, c, c.Points(), want)
	}
}

func TestAttendanceJSONKeepsTheZone(t *testing.T) {
	for _, tc := range []struct {
		data string
		ok   bool
	}{
		{`{"id":"a","zone":"America/New_York","status":"free","local":"2026-11-01T01:30:00-04:00","optional":false,"present":true}`, true},
		{`{"id":"a","zone":"America/New_York","status":"free","local":"2026-11-01T01:30:00-05:00","optional":false,"present":true}`, true},
		{`{"id":"a","zone":"America/New_York","status":"free","local":"2026-11-01T01:30:00+01:00","optional":false,"present":true}`, false},
		{`{"id":"a","zone":"","status":"free","local":"2026-11-01T01:30:00Z","optional":false,"present":true}`, false},
		{`{"id":"a","zone":"Local","status":"free","local":"2026-11-01T01:30:00Z","optional":false,"present":true}`, false},
		{`{"id":"a","zone":"Mars/Olympus","status":"free","local":"2026-11-01T01:30:00Z","optional":false,"present":true}`, false},
		{`{"id":"a","zone":"UTC","status":"asleep","local":"2026-11-01T01:30:00Z","optional":false,"present":true}`, false},
		{`{"id":"a","zone":"UTC","status":"free","local":"yesterday","optional":false,"present":true}`, false},
	} {
		var a Attendance
		err := json.Unmarshal([]byte(tc.data), &a)
		if (err == nil) != tc.ok {
			t.Errorf("Unmarshal(%s): %v, want ok %v", tc.data, err, tc.ok)
			continue
		}
		if !tc.ok {
			continue
		}
		// The two 01:30s of New York's fall-back night stay apart, each
		// with its offset.
		if name := a.Local.Location().String(); name != "America/New_York" || a.Local.Format(time.RFC3339) != tc.data[strings.Index(tc.data, `"local":"`)+9:strings.Index(tc.data, `","optional"`)] {
			t.Errorf("Unmarshal(%s): local %s in %s", tc.data, a.Local.Format(time.RFC3339), name)
		}
	}
}

// drawInstant draws an instant from 1970 to 2100 in a hard zone, to the
// nanosecond.
func drawInstant(t *rapid.T, label string) time.Time {
	loc := mustLoad(t, rapid.SampledFrom(append([]string{"UTC"}, hardZones...)).Draw(t, label+" zone"))
	return time.Unix(rapid.Int64Range(0, 4102444800).Draw(t, label), rapid.Int64Range(0, 999999999).Draw(t, label+" ns")).In(loc)
}

func drawInterval(t *rapid.T, label string) calendar.Interval {
	start := drawInstant(t, label+" start")
	return calendar.Interval{Start: start, End: start.Add(drawDuration(t, label+" length"))}
}

func drawDuration(t *rapid.T, label string) time.Duration {
	return time.Duration(rapid.Int64Range(0, int64(1000*time.Hour)).Draw(t, label))
}

func drawIDs(t *rapid.T, label string) []string {
	return rapid.SliceOfN(rapid.StringMatching(`[a-z][a-z0-9_-]{0,6}`), 0, 3).Draw(t, label)
}

func drawCost(t *rapid.T) Cost {
	return Cost{
		FocusBroken: drawDuration(t, "focus"), OffHours: drawDuration(t, "off"),
		Shoulder: drawDuration(t, "shoulder"), Late: drawDuration(t, "late"), DayOff: drawDuration(t, "day off"), Night: drawDuration(t, "night"), Burden: drawDuration(t, "burden"),
		Fragments: rapid.IntRange(0, 9).Draw(t, "fragments"), OptionalMissing: rapid.IntRange(0, 9).Draw(t, "optional"), RequiredMissing: rapid.IntRange(0, 9).Draw(t, "required"),
	}
}

// drawAttendance draws an attendance whose start is on a whole second, as
// a slot's start always is: "local" is written to the second.
func drawAttendance(t *rapid.T) Attendance {
	return Attendance{
		ID: rapid.StringMatching(`[a-z]{1,5}`).Draw(t, "id"), Status: Status(rapid.IntRange(0, int(StatusHoliday)).Draw(t, "status")),
		Band:  Band(rapid.IntRange(0, int(BandNight)).Draw(t, "band")),
		Local: drawInstant(t, "local").Truncate(time.Second), Optional: rapid.Bool().Draw(t, "optional"), Present: rapid.Bool().Draw(t, "present"),
		Cost: drawCost(t),
	}
}

func drawSuggestion(t *rapid.T) Suggestion {
	return Suggestion{
		Interval: drawInterval(t, "slot"), Cost: drawCost(t), Score: rapid.Float64Range(0, 100).Draw(t, "score"),
		Attendees: rapid.SliceOfN(rapid.Custom(drawAttendance), 0, 3).Draw(t, "attendees"),
	}
}

func drawBurden(t *rapid.T) Burden {
	return Burden{ID: rapid.StringMatching(`[a-z]{1,5}`).Draw(t, "id"), Burden: drawDuration(t, "burden"), Slots: rapid.IntRange(0, 50).Draw(t, "slots"),
		Inconvenient: rapid.IntRange(0, 50).Draw(t, "inconvenient")}
}

func drawDate(t *rapid.T, label string) calendar.Date {
	return calendar.MustParseDate("1970-01-01").AddDays(rapid.IntRange(0, 47000).Draw(t, label))
}

// TestJSONRoundTrips: Unmarshal of Marshal gives the value back, instants
// as instants, and an attendee's start in their own zone.
func TestJSONRoundTrips(t *testing.T) {
	gens := map[string]func(*rapid.T) any{
		"Segment": func(t *rapid.T) any { return Segment{drawInterval(t, "segment"), drawIDs(t, "free")} },
		"Cost":    func(t *rapid.T) any { return drawCost(t) },
		"Attendance": func(t *rapid.T) any {
			return drawAttendance(t)
		},
		"Suggestion": func(t *rapid.T) any { return drawSuggestion(t) },
		"Burden":     func(t *rapid.T) any { return drawBurden(t) },
		"Rotation": func(t *rapid.T) any {
			return Rotation{
				Slots:  rapid.SliceOfN(rapid.Custom(drawSuggestion), 0, 3).Draw(t, "slots"),
				Burden: rapid.SliceOfN(rapid.Custom(drawBurden), 0, 3).Draw(t, "burdens"),
				Max:    drawDuration(t, "max"), Spread: drawDuration(t, "spread"), Total: drawDuration(t, "total"),
				FairShare: rapid.Bool().Draw(t, "fair share"), BestEffort: rapid.Bool().Draw(t, "best effort"),
			}
		},
		"Day": func(t *rapid.T) any {
			d := Day{Date: drawDate(t, "date"), Interval: drawInterval(t, "day"), Common: drawDuration(t, "common"),
				MostFree: rapid.IntRange(0, 99).Draw(t, "mostFree"), MostFreeFor: drawDuration(t, "mostFreeFor")}
			if rapid.Bool().Draw(t, "longest") {
				d.Longest = drawInterval(t, "longest")
				d.Longest.End = d.Longest.End.Add(time.Nanosecond) // not empty
			}
			return d
		},
		"Bucket": func(t *rapid.T) any {
			return Bucket{Date: drawDate(t, "date"), Clock: calendar.Clock(rapid.IntRange(0, 1439).Draw(t, "clock")), Interval: drawInterval(t, "bucket"), Free: rapid.IntRange(0, 99).Draw(t, "free")}
		},
		"Load": func(t *rapid.T) any {
			figures := func(label string) LoadFigures {
				return LoadFigures{drawDuration(t, label+"meeting"), drawDuration(t, label+"after"), drawDuration(t, label+"focus"), drawDuration(t, label+"fragmented"),
					rapid.IntRange(0, 999).Draw(t, label+"meetings")}
			}
			var l Load
			for i := range rapid.IntRange(0, 3).Draw(t, "people") {
				pl := PersonLoad{ID: fmt.Sprint("p", i), LoadFigures: figures(fmt.Sprint(i))}
				for j := range rapid.IntRange(0, 3).Draw(t, fmt.Sprint("days", i)) {
					pl.Days = append(pl.Days, DayFocus{drawDate(t, fmt.Sprint("date", i, j)), drawDuration(t, fmt.Sprint("longest", i, j))})
				}
				l.People = append(l.People, pl)
			}
			l.Team = figures("team")
			return l
		},
		"NoSlotError": func(t *rapid.T) any {
			return &NoSlotError{Never: drawIDs(t, "never"), Best: rapid.Float64Range(0, 1).Draw(t, "best"), Want: rapid.Float64Range(0, 1).Draw(t, "want"), Slots: rapid.IntRange(0, 9999).Draw(t, "slots")}
		},
	}
	for name, gen := range gens {
		t.Run(name, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				v := gen(t)
				data, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("Marshal(%#v): %v", v, err)
				}
				back, err := decodeLike(v, data)
				if err != nil {
					t.Fatalf("Unmarshal(%s): %v", data, err)
				}
				if diff := cmp.Diff(v, back, jsonOptions); diff != "" {
					t.Fatalf("%s: round trip (-want +got):\n%s", data, diff)
				}
				if fmt.Sprint(zonesOf(v)) != fmt.Sprint(zonesOf(back)) {
					t.Fatalf("%s: attendees' zones %v came back as %v", data, zonesOf(v), zonesOf(back))
				}
			})
		})
	}
}

// zonesOf returns the zone and offset of every attendee's start in v.
func zonesOf(v any) []string {
	var atts []Attendance
	switch v := v.(type) {
	case Attendance:
		atts = []Attendance{v}
	case Suggestion:
		atts = v.Attendees
	case Rotation:
		for _, s := range v.Slots {
			atts = append(atts, s.Attendees...)
		}
	}
	var out []string
	for _, a := range atts {
		out = append(out, a.Local.Location().String()+" "+a.Local.Format(time.RFC3339Nano))
	}
	return out
}
