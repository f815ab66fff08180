package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/calendar/ics"
	"github.com/tzplan/tzplan/examples/internal/plan"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
	"github.com/tzplan/tzplan/policy"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// A fixed week (the US on summer time, Europe not yet; Sam at a
// conference on Thursday and Friday, Mia on vacation Monday and Tuesday)
// and an instant inside it.
var (
	week     = []string{"-from", "2026-03-09", "-to", "2026-03-16"}
	weekNow  = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	demoIDs  = []string{"ben", "priya", "sam", "ana", "diego", "noa", "jun", "mia"}
	allKinds = []string{"off-hours", "holiday", "time-off", "busy", "focus", "free"}
)

// planner runs the program in process and returns its exit status,
// stdout and stderr.
func planner(t testing.TB, now time.Time, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut, now)
	return code, out.String(), errOut.String()
}

// mustRun runs the planner and fails the test unless it succeeds.
func mustRun(t testing.TB, now time.Time, args ...string) string {
	t.Helper()
	code, out, errOut := planner(t, now, args...)
	if code != 0 || errOut != "" {
		t.Fatalf("planner %q: exit %d, stderr %q", args, code, errOut)
	}
	return out
}

func args(sub string, rest ...string) []string {
	return append(append([]string{sub}, week...), rest...)
}

// decodeStrict decodes JSON into v, refusing unknown fields and trailing data.
func decodeStrict(t *testing.T, text string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %T: %v\n%s", v, err, text)
	}
	if dec.More() {
		t.Fatalf("trailing data after the JSON value")
	}
}

func TestTourGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
		now  time.Time
	}{
		// Sam at a conference, Mia on vacation, the US on summer time.
		{"2026-03-09", []string{"-from", "2026-03-09"}, weekNow},
		// Christmas week, seen from Kolkata: holidays in each person's own calendar.
		{"2026-12-21-kolkata", []string{"-from", "2026-12-21", "-zone", "Asia/Kolkata"}, time.Date(2026, 12, 22, 6, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := mustRun(t, tc.now, tc.args...)
			checkText(t, out)
			golden := filepath.Join("testdata", "tour-"+tc.name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), out); diff != "" {
				t.Errorf("planner %q (-want +got):\n%s", tc.args, diff)
			}
		})
	}
}

// checkText checks text output: at most 100 columns, no colour (tests
// do not write to a terminal).
func checkText(t *testing.T, out string) {
	t.Helper()
	if out == "" {
		t.Error("no output")
	}
	for i, line := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("line %d has %d columns, over 100: %q", i+1, n, line)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Error("colour codes in output that is not a terminal")
	}
}

func TestTourDefaultWeekIsThisWeek(t *testing.T) {
	now := time.Date(2026, 3, 15, 23, 30, 0, 0, time.UTC) // a Sunday
	got := mustRun(t, now)
	want := mustRun(t, now, "-from", "2026-03-09", "-to", "2026-03-16")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the default week for %s differs from 2026-03-09 (-want +got):\n%s", now, diff)
	}
	// In Sydney it is already Monday 2026-03-16, a new week.
	got = mustRun(t, now, "-zone", "Australia/Sydney")
	if !strings.Contains(got, "Mon 2026-03-16 00:00 to Mon 2026-03-23 00:00 AEDT") {
		t.Errorf("in Sydney the default week should start on 2026-03-16:\n%s", got)
	}
}

func TestTourShowsEachPart(t *testing.T) {
	out := mustRun(t, weekNow, week...)
	for _, want := range []string{"People free for the whole hour", "Mon 03-09", "Sun 03-15", "Each cell:",
		"Best slots for 30m with ben, priya, sam (optional: ana), from Tue 09:00 on, in UTC:", " 3. ", "priya    required Asia/Kolkata",
		"HYBRID:", "[decide-irreversible, decisive]", "Meetings in the calendars", "make-async: Daily standup, Weekly status"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the tour lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, " 4. ") {
		t.Errorf("the tour shows more than 3 slots:\n%s", out)
	}
}

func TestEverySubcommandInEveryFormat(t *testing.T) {
	formats := map[string][]string{
		"availability": {"text", "json"},
		"overlap":      {"text", "json", "svg"},
		"suggest":      {"text", "json", "ics"},
		"rotate":       {"text", "json", "ics"},
		"advise":       {"text", "json"},
		"audit":        {"text", "json", "svg"},
	}
	extra := map[string][]string{
		"suggest": {"-required", "ben,priya,sam", "-optional", "ana"},
		"rotate":  {"-n", "4", "-required", "ben,priya,sam", "-to", "2026-04-06"},
	}
	for sub, fs := range formats {
		for _, f := range fs {
			t.Run(sub+"/"+f, func(t *testing.T) {
				out := mustRun(t, weekNow, args(sub, append(extra[sub], "-format", f)...)...)
				switch f {
				case "text":
					checkText(t, out)
				case "json":
					if !json.Valid([]byte(out)) {
						t.Errorf("not JSON:\n%s", out)
					}
				case "svg":
					if err := xml.Unmarshal([]byte(out), new(any)); err != nil && !strings.HasPrefix(out, "<svg") {
						t.Errorf("not SVG: %v", err)
					}
				case "ics":
					if _, err := ics.Read(context.Background(), strings.NewReader(out), ics.Options{Strict: true}); err != nil {
						t.Errorf("not iCalendar: %v\n%s", err, out)
					}
				}
			})
		}
	}
	for _, f := range []string{"text", "json"} {
		t.Run("holidays/"+f, func(t *testing.T) {
			out := mustRun(t, weekNow, "holidays", "-format", f)
			if f == "text" {
				checkText(t, out)
				return
			}
			var j struct {
				Codes []string `json:"codes"`
			}
			decodeStrict(t, out, &j)
			if diff := cmp.Diff(calendar.HolidayCodes(), j.Codes); diff != "" {
				t.Errorf("holiday codes (-want +got):\n%s", diff)
			}
		})
	}
}

// The shapes of the planner's JSON, read with the library's own types.
type (
	availabilityOut struct {
		Window calendar.Interval `json:"window"`
		People []struct {
			ID       string             `json:"id"`
			Zone     string             `json:"zone"`
			Timeline []calendar.Segment `json:"timeline"`
			Free     calendar.Set       `json:"free"`
		} `json:"people"`
	}
	overlapOut struct {
		Window   calendar.Interval `json:"window"`
		Coverage []overlap.Segment `json:"coverage"`
		Common   calendar.Set      `json:"common"`
		People   []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
			Zone string `json:"zone"`
		} `json:"people"`
		Heatmap struct {
			Zone string `json:"zone"`
			Step string `json:"step"`
			Days []struct {
				Date  calendar.Date `json:"date"`
				Cells []struct {
					Clock string    `json:"clock"`
					Start time.Time `json:"start"`
					End   time.Time `json:"end"`
					Empty bool      `json:"empty"`
					Free  []string  `json:"free"`
				} `json:"cells"`
			} `json:"days"`
		} `json:"heatmap"`
	}
	suggestOut struct {
		Suggestions []overlap.Suggestion `json:"suggestions"`
		Why         *overlap.NoSlotError `json:"why"`
	}
)

// checkUTC checks that every instant in JSON output is written in UTC.
func checkUTC(t *testing.T, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if (strings.Contains(line, `"start"`) || strings.Contains(line, `"end"`)) && !strings.HasSuffix(strings.TrimRight(line, ","), `Z"`) {
			t.Errorf("an instant not in UTC: %s", line)
		}
	}
}

func TestAvailabilityJSON(t *testing.T) {
	for _, zone := range []string{"UTC", "America/Santiago"} {
		t.Run(zone, func(t *testing.T) {
			out := mustRun(t, weekNow, args("availability", "-format", "json", "-zone", zone)...)
			checkUTC(t, out)
			var j availabilityOut
			decodeStrict(t, out, &j)
			ws, we := j.Window.Start, j.Window.End
			if zone == "UTC" && (!ws.Equal(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)) || !we.Equal(time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC))) {
				t.Errorf("window %v, want the week of 2026-03-09 in UTC", j.Window)
			}
			var ids []string
			kinds := map[calendar.Kind]bool{}
			for _, p := range j.People {
				ids = append(ids, p.ID)
				if p.Zone == "" || len(p.Timeline) == 0 {
					t.Fatalf("%s: no zone or no timeline", p.ID)
				}
				// The timeline covers the window exactly, neighbours differing.
				at := ws
				var free calendar.SetBuilder
				for i, s := range p.Timeline {
					if !slices.Contains(allKinds, s.Kind.String()) {
						t.Errorf("%s: kind %q", p.ID, s.Kind)
					}
					kinds[s.Kind] = true
					if !s.Start.Equal(at) || !s.End.After(s.Start) {
						t.Fatalf("%s: segment %d is %s, want it to start at %s and not be empty", p.ID, i, s.Interval, at)
					}
					if i > 0 && p.Timeline[i-1].Kind == s.Kind && p.Timeline[i-1].Label == s.Label && p.Timeline[i-1].Hard == s.Hard && p.Timeline[i-1].Under == s.Under {
						t.Errorf("%s: segments %d and %d are both %s %q", p.ID, i-1, i, s.Kind, s.Label)
					}
					if s.Kind == calendar.KindFree {
						free.Add(s.Interval)
					}
					at = s.End
				}
				if !at.Equal(we) {
					t.Errorf("%s: the timeline ends at %s, not at the window's end %s", p.ID, at, we)
				}
				if want := free.Set(); !want.Equal(p.Free) {
					t.Errorf("%s: free %s is not the timeline's free segments %s", p.ID, p.Free, want)
				}
			}
			if diff := cmp.Diff(demoIDs, ids); diff != "" {
				t.Errorf("people not in roster order (-want +got):\n%s", diff)
			}
			for _, k := range []calendar.Kind{calendar.KindOffHours, calendar.KindTimeOff, calendar.KindFocus, calendar.KindFree} {
				if !kinds[k] {
					t.Errorf("no %s segment in the demo week", k)
				}
			}
		})
	}
}

func TestOverlapJSON(t *testing.T) {
	for _, people := range [][]string{nil, {"-people", "ben,priya,sam"}} {
		t.Run(strings.Join(people, " "), func(t *testing.T) {
			out := mustRun(t, weekNow, args("overlap", append(people, "-format", "json")...)...)
			checkUTC(t, out)
			var j overlapOut
			decodeStrict(t, out, &j)
			team := demoIDs
			if people != nil {
				team = plan.SplitIDs(people[1])
			}
			// The coverage covers the window in maximal segments.
			at := j.Window.Start
			var common calendar.SetBuilder
			for i, s := range j.Coverage {
				if !s.Start.Equal(at) || !s.End.After(s.Start) {
					t.Fatalf("segment %d is %s, want it to start at %s", i, s.Interval, at)
				}
				if !slices.IsSorted(s.Free) {
					t.Errorf("segment %d: free %q is not a sorted list", i, s.Free)
				}
				if i > 0 && slices.Equal(j.Coverage[i-1].Free, s.Free) {
					t.Errorf("segments %d and %d have the same people free: not maximal", i-1, i)
				}
				if len(s.Free) == len(team) {
					common.Add(s.Interval)
				}
				at = s.End
			}
			if !at.Equal(j.Window.End) {
				t.Errorf("the coverage ends at %s, not at %s", at, j.Window.End)
			}
			if !strings.Contains(out, `"free": []`) {
				t.Errorf("a segment with nobody free should have \"free\": []:\n%.2000s", out)
			}
			if want := common.Set(); !want.Equal(j.Common) {
				t.Errorf("common %s is not where everyone is free %s", j.Common, want)
			}
			if people != nil && j.Common.IsEmpty() {
				t.Error("ben, priya and sam have no common time in the demo week")
			}
			var ids []string
			for _, p := range j.People {
				ids = append(ids, p.ID)
				if p.Name == "" || p.Zone == "" {
					t.Errorf("person %+v lacks a name or zone", p)
				}
			}
			if !slices.Equal(ids, team) {
				t.Errorf("people %q, want %q", ids, team)
			}
			// The heat map: the window's 7 UTC days of 24 hours, each cell
			// with those whom every coverage segment it meets lists.
			h := j.Heatmap
			if h.Zone != "UTC" || h.Step != "1h" || len(h.Days) != 7 {
				t.Fatalf("heat map in %q by %q of %d days, want UTC by 1h of 7", h.Zone, h.Step, len(h.Days))
			}
			at = j.Window.Start
			for _, d := range h.Days {
				if len(d.Cells) != 24 {
					t.Fatalf("%s: %d cells", d.Date, len(d.Cells))
				}
				for hr, c := range d.Cells {
					if want := fmt.Sprintf("%02d:00", hr); c.Clock != want || !c.Start.Equal(at) || c.End.Sub(c.Start) != time.Hour || c.Empty {
						t.Fatalf("%s cell %d: %+v, want %s from %s for an hour", d.Date, hr, c, want, at)
					}
					at = c.End
					var free []string
					for _, id := range team {
						all := true
						for _, s := range j.Coverage {
							if s.Start.Before(c.End) && s.End.After(c.Start) && !slices.Contains(s.Free, id) {
								all = false
							}
						}
						if all {
							free = append(free, id)
						}
					}
					if !slices.Equal(c.Free, jsonList(free)) {
						t.Errorf("%s %s: free %q, want %q", d.Date, c.Clock, c.Free, free)
					}
				}
			}
		})
	}
}

// jsonList is s, or an empty list for nil, as JSON lists are read.
func jsonList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestSuggestJSON(t *testing.T) {
	out := mustRun(t, weekNow, args("suggest", "-format", "json", "-required", "ben,priya,sam", "-optional", "ana", "-max", "4")...)
	var j suggestOut
	decodeStrict(t, out, &j)
	if len(j.Suggestions) != 4 || j.Why != nil {
		t.Fatalf("got %d suggestions (why %v), want 4", len(j.Suggestions), j.Why)
	}
	for i, s := range j.Suggestions {
		if s.Duration() != 30*time.Minute {
			t.Errorf("suggestion %d lasts %s", i, s.Duration())
		}
		if i > 0 && s.Score > j.Suggestions[i-1].Score {
			t.Errorf("suggestion %d scores more than the one before", i)
		}
		var ids []string
		for _, a := range s.Attendees {
			ids = append(ids, a.ID)
			if !a.Local.Equal(s.Start) {
				t.Errorf("suggestion %d: %s local %s, want the start %s", i, a.ID, a.Local, s.Start)
			}
			if a.Optional != (a.ID == "ana") {
				t.Errorf("suggestion %d: %s optional %v", i, a.ID, a.Optional)
			}
		}
		if diff := cmp.Diff([]string{"ben", "priya", "sam", "ana"}, ids); diff != "" {
			t.Errorf("suggestion %d: attendees (-want +got):\n%s", i, diff)
		}
	}
	// The attendees' local times carry their own zones.
	for _, want := range []string{`"zone": "Asia/Kolkata"`, `"local": "2026-03-11T17:30:00+05:30"`} {
		if !strings.Contains(out, want) {
			t.Errorf("suggest JSON lacks %s:\n%s", want, out)
		}
	}

	// Everyone required: nothing fits, and the answer says why.
	out = mustRun(t, weekNow, args("suggest", "-format", "json")...)
	j = suggestOut{}
	decodeStrict(t, out, &j)
	if len(j.Suggestions) != 0 || j.Why == nil || j.Why.Want != 1 || j.Why.Best >= 1 {
		t.Errorf("want no suggestions and a reason, got %s", out)
	}
	for _, want := range []string{`"suggestions": []`, `"never": []`} {
		if !strings.Contains(out, want) {
			t.Errorf("an empty list should be [], not null: want %s in\n%s", want, out)
		}
	}
}

func TestRotateJSON(t *testing.T) {
	out := mustRun(t, weekNow, "rotate", "-format", "json", "-from", "2026-03-09", "-n", "4", "-required", "ben,priya,sam,ana")
	var j overlap.Rotation
	decodeStrict(t, out, &j)
	if len(j.Slots) != 4 || len(j.Burden) != 4 {
		t.Fatalf("got %d slots and %d burdens, want 4 each:\n%s", len(j.Slots), len(j.Burden), out)
	}
	// The default window is n weeks: one slot a week.
	for i, s := range j.Slots {
		monday := time.Date(2026, 3, 9+7*i, 0, 0, 0, 0, time.UTC)
		if s.Start.Before(monday) || !s.Start.Before(monday.Add(7*24*time.Hour)) {
			t.Errorf("slot %d at %s is not in week %d", i, s.Start, i+1)
		}
	}
	var most, total time.Duration
	for _, b := range j.Burden {
		most = max(most, b.Burden)
		total += b.Burden
	}
	if most != j.Max || total != j.Total {
		t.Errorf("max %s and total %s, but the burdens give %s and %s", j.Max, j.Total, most, total)
	}
	if !strings.Contains(out, `"max": "`) {
		t.Errorf("durations are not Go duration text:\n%s", out)
	}
}

// TestRotateStartsFromNow: without -from or -to the rotation starts this
// week, and no meeting is booked before now.
func TestRotateStartsFromNow(t *testing.T) {
	out := mustRun(t, weekNow, "rotate", "-format", "json", "-n", "2", "-required", "ben,priya,sam")
	var j overlap.Rotation
	decodeStrict(t, out, &j)
	if len(j.Slots) != 2 {
		t.Fatalf("got %d slots, want 2:\n%s", len(j.Slots), out)
	}
	for i, s := range j.Slots {
		if s.Start.Before(weekNow) {
			t.Errorf("slot %d at %s is before now, %s", i+1, s.Start, weekNow)
		}
	}
}

func TestAdviseJSON(t *testing.T) {
	out := mustRun(t, weekNow, args("advise", "-format", "json", "-purpose", "resolve-conflict", "-participants", "ben,sam",
		"-deadline", "2026-03-13T17:00:00Z")...)
	var d policy.Decision
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("not a policy.Decision: %v\n%s", err, out)
	}
	if d.Mode != policy.Sync || len(d.Reasons) == 0 || d.Reasons[0].Code != policy.CodeConflict {
		t.Errorf("a conflict should be sync for its reason, got %s %+v", d.Mode, d.Reasons)
	}
	if diff := cmp.Diff([]string{"ben", "sam"}, d.Facts.Participants); diff != "" {
		t.Errorf("participants (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, `"now": "2026-03-10T09:00:00Z"`) {
		t.Errorf("facts not as of now in UTC:\n%s", out)
	}
}

func TestAdviseText(t *testing.T) {
	out := mustRun(t, weekNow, args("advise", "-purpose", "inform", "-title", "Release notes")...)
	if !strings.HasPrefix(out, "Release notes (inform, 8 people), as of Tue 03-10 09:00 UTC:\n  ASYNC:") {
		t.Errorf("advise text:\n%s", out)
	}
}

// svgDoc is the part of the SVG the tests read.
type svgDoc struct {
	XMLName xml.Name  `xml:"svg"`
	Texts   []svgText `xml:"text"`
	Rects   []svgRect `xml:"rect"`
	Days    []struct {
		Date  string    `xml:"data-date,attr"`
		Rects []svgRect `xml:"rect"`
	} `xml:"g"`
}

type svgText struct {
	Class string `xml:"class,attr"`
	Text  string `xml:",chardata"`
}

type svgRect struct {
	Class string  `xml:"class,attr"`
	X     float64 `xml:"x,attr"`
	Width float64 `xml:"width,attr"`
}

func TestOverlapSVG(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		days   int
		common bool
	}{
		{"demo week", args("overlap", "-format", "svg"), 7, false},
		{"three people", args("overlap", "-format", "svg", "-people", "ben,priya,sam"), 7, true},
		// Europe falls back on 2026-10-25: the day has 25 hours in Berlin, still 24 cells.
		{"Berlin DST", []string{"overlap", "-format", "svg", "-zone", "Europe/Berlin", "-from", "2026-10-24", "-to", "2026-10-27"}, 3, false},
		{"RFC 3339 window", []string{"overlap", "-format", "svg", "-from", "2026-03-09T12:00:00Z", "-to", "2026-03-10T06:00:00Z"}, 2, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := mustRun(t, weekNow, tc.args...)
			var doc svgDoc
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("the SVG does not parse as XML: %v", err)
			}
			if len(doc.Days) != tc.days {
				t.Fatalf("%d day rows, want %d", len(doc.Days), tc.days)
			}
			for _, d := range doc.Days {
				cells := 0
				for _, r := range d.Rects {
					if r.Class == "cell" {
						cells++
					}
				}
				if cells != 24 {
					t.Errorf("day %s has %d cells, want one per hour", d.Date, cells)
				}
			}
			var zones []string
			for _, tx := range doc.Texts {
				if tx.Class == "zone" {
					zones = append(zones, tx.Text)
				}
			}
			joined := strings.Join(zones, "\n")
			for _, z := range []string{"(viewer)", "Europe/Berlin", "Asia/Kolkata", "America/New_York"} {
				if !strings.Contains(joined, z) {
					t.Errorf("no zone label %q among %q", z, zones)
				}
			}
			var common, legend int
			for _, r := range doc.Rects {
				switch r.Class {
				case "common":
					common++
					if r.Width <= 0 || r.X < svgLeft || r.X+r.Width > svgLeft+24*svgCellW+0.01 {
						t.Errorf("common window outline at x %v width %v is outside the grid", r.X, r.Width)
					}
				case "legend":
					legend++
				}
			}
			if (common > 0) != tc.common {
				t.Errorf("%d common windows outlined, want some: %v", common, tc.common)
			}
			if legend == 0 {
				t.Error("no legend")
			}
		})
	}
}

func TestHeatMapColour(t *testing.T) {
	out := mustRun(t, weekNow, args("overlap")...)
	if strings.Contains(out, "\x1b[") {
		t.Fatal("colour in a test, whose stdout is no terminal")
	}
	if isTerminal(io.Discard) || isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is taken for a terminal")
	}
	r, err := calendar.ReadRoster(bytes.NewReader(plan.DemoJSON()))
	if err != nil {
		t.Fatal(err)
	}
	c := &common{ctx: context.Background(), team: r.People, zone: time.UTC}
	c.window, _ = plan.Window("2026-03-09", "2026-03-10", time.UTC, weekNow, 1)
	rep, err := c.report(overlap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	h, err := newHeatMap(rep, c.team, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	h.text(&b, true)
	if !strings.Contains(b.String(), "\x1b[48;5;") {
		t.Errorf("no colour when asked for:\n%s", b.String())
	}
}

func TestHeatMapCountsWholeHours(t *testing.T) {
	out := mustRun(t, weekNow, "overlap", "-people", "priya", "-from", "2026-03-09", "-to", "2026-03-10")
	// Priya works 10:00-18:30 IST (04:30-13:00 UTC), in code review until 11:30
	// (06:00 UTC): free for the whole of the hours 06 to 12 UTC.
	want := "Mon 03-09   0  0  0  0  0  0  1  1  1  1  1  1  1  0  0  0  0  0  0  0  0  0  0  0  all 7h"
	if !strings.Contains(out, want) {
		t.Errorf("want the row\n%s\nin\n%s", want, out)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("secret.txt", "PASSWORD=hunter2\n")
	tests := []struct {
		name string
		args []string
		want string // in the message
	}{
		{"unknown zone", []string{"overlap", "-zone", "Mars/Olympus"}, "Mars/Olympus"},
		{"unknown zone in the tour", []string{"-zone", "Europe/Atlantis"}, "Europe/Atlantis"},
		{"zone in a roster", []string{"availability", "-roster", write("zone.json", `{"people":[{"id":"a","zone":"Mars/Olympus"}]}`)}, "Mars/Olympus"},
		{"bad hours", []string{"suggest", "-roster", write("hours.json", `{"people":[{"id":"a","zone":"UTC","hours":"Mon-Fry 09:00-17:00"}]}`)}, "Fry"},
		{"roster does not parse", []string{"overlap", "-roster", write("broken.json", `{"people":[{"id":"a",`)}, "broken.json"},
		{"unknown field", []string{"overlap", "-roster", write("typo.json", `{"people":[{"id":"a","zone":"UTC","holidys":["US"]}]}`)}, "holidys"},
		{"unknown holidays", []string{"overlap", "-roster", write("hol.json", `{"people":[{"id":"a","zone":"UTC","holidays":["CL"]}]}`)}, `"CL"`},
		{"no people", []string{"overlap", "-roster", write("empty.json", `{"people":[]}`)}, "no people"},
		{"missing file", []string{"availability", "-roster", filepath.Join(dir, "none.json")}, "none.json"},
		{"missing calendar", []string{"overlap", "-roster", write("cal.json", `{"people":[{"id":"a","zone":"UTC","calendars":["none.ics"]}]}`)}, "none.ics"},
		{"roster is a device", []string{"overlap", "-roster", "/dev/zero"}, `"/dev/zero": not a regular file`},
		{"calendar outside the roster's folder", []string{"overlap", "-roster", write("etc.json", `{"people":[{"id":"a","zone":"UTC","calendars":["../../../../etc/passwd"]}]}`)}, `calendar "../../../../etc/passwd": not a path inside the roster's folder`},
		{"calendar that is no calendar", []string{"overlap", "-roster", write("secret.json", `{"people":[{"id":"a","zone":"UTC","calendars":["secret.txt"]}]}`)}, `calendar "secret.txt": not an iCalendar file that reads`},
		{"machine zone", []string{"overlap", "-zone", "localtime"}, `"localtime"`},
		{"timeout", []string{"overlap", "-timeout", "1ns"}, "context deadline exceeded (stopped by -timeout"},
		{"timeout not positive", []string{"suggest", "-timeout", "0s"}, "-timeout 0s"},
		{"window backwards", []string{"overlap", "-from", "2026-03-16", "-to", "2026-03-09"}, "ends before it starts"},
		{"window backwards, instants", []string{"availability", "-from", "2026-03-16T00:00:00Z", "-to", "2026-03-09T00:00:00+01:00"}, "ends before it starts"},
		{"empty window", []string{"overlap", "-from", "2026-03-09", "-to", "2026-03-09"}, "empty"},
		{"bad date", []string{"overlap", "-from", "2026-02-30"}, "2026-02-30"},
		{"bad instant", []string{"overlap", "-to", "next week"}, "next week"},
		{"window too long", []string{"overlap", "-from", "2026-01-01", "-to", "2030-01-01"}, "two years"},
		{"unknown subcommand", []string{"overlaps"}, `"overlaps"`},
		{"unknown flag", []string{"suggest", "-durration", "30m"}, "durration"},
		{"unknown flag in the tour", []string{"-format", "json"}, "format"},
		{"stray argument", []string{"overlap", "extra"}, `"extra"`},
		{"unknown format", []string{"availability", "-format", "yaml"}, `"yaml"`},
		{"svg for suggest", []string{"suggest", "-format", "svg"}, `"svg"`},
		{"bad duration", []string{"suggest", "-duration", "half an hour"}, "duration"},
		{"unknown person", []string{"suggest", "-required", "ben,zoe"}, `"zoe"`},
		{"unknown person to show", []string{"overlap", "-people", "zoe"}, `"zoe"`},
		{"min attendance", []string{"suggest", "-min-attendance", "1.5"}, "min-attendance"},
		{"required and optional", []string{"suggest", "-required", "ben", "-optional", "ben"}, "ben"},
		{"rotate n", []string{"rotate", "-n", "0"}, "-n 0"},
		{"bad night", []string{"rotate", "-night", "22:00"}, `-night "22:00"`},
		{"bad now", []string{"advise", "-now", "yesterday"}, `-now "yesterday"`},
		{"night too long", []string{"suggest", "-night", "20:00-14:00"}, "longer than 16h"},
		{"bad shoulder", []string{"suggest", "-shoulder", "90s"}, "-shoulder 1m30s: want zero or a positive whole number of minutes"},
		{"duration in seconds", []string{"suggest", "-duration", "30s"}, "-duration 30s: want a positive whole number of minutes"},
		{"unknown purpose", []string{"advise", "-purpose", "chat"}, `"chat"`},
		{"unknown level", []string{"advise", "-sensitivity", "extreme"}, `"extreme"`},
		{"bad deadline", []string{"advise", "-deadline", "soon"}, `"soon"`},
		{"deadline passed", []string{"advise", "-from", "2026-03-09", "-deadline", "2026-03-09T12:00:00Z"}, "deadline"},
		{"advise outside now", []string{"advise", "-from", "2026-04-06"}, "outside the window"},
		{"holidays argument", []string{"holidays", "US"}, `"US"`},
		{"holidays format", []string{"holidays", "-format", "svg"}, `"svg"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := planner(t, weekNow, tc.args...)
			if code != 2 {
				t.Errorf("planner %q: exit %d, want 2", tc.args, code)
			}
			if out != "" {
				t.Errorf("planner %q wrote to stdout:\n%s", tc.args, out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") || !strings.HasPrefix(errOut, "planner: ") {
				t.Errorf("planner %q: stderr is not one line: %q", tc.args, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("planner %q: stderr %q does not mention %s", tc.args, errOut, tc.want)
			}
			if strings.Contains(errOut, "hunter2") {
				t.Errorf("planner %q: stderr shows a file's content: %s", tc.args, errOut)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("planner %q: a panic: %s", tc.args, errOut)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, a := range [][]string{{"-h"}, {"help"}, {"suggest", "-h"}, {"holidays", "-help"}} {
		code, out, errOut := planner(t, weekNow, a...)
		if code != 0 || errOut != "" || !strings.Contains(out, "usage") {
			t.Errorf("planner %q: exit %d, stdout %q, stderr %q", a, code, out, errOut)
		}
	}
}

// TestRosterWithCalendar reads a roster whose person names an iCalendar
// file: its meeting shows as busy time.
func TestRosterWithCalendar(t *testing.T) {
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20260301T000000Z\r\n" +
		"DTSTART;TZID=Europe/Berlin:20260310T100000\r\nDTEND;TZID=Europe/Berlin:20260310T110000\r\nSUMMARY:Review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	roster := writeRoster(t, `{"people":[{"id":"ben","name":"Ben","zone":"Europe/Berlin","calendars":["ben.ics"]}]}`, map[string]string{"ben.ics": ics})
	out := mustRun(t, weekNow, args("availability", "-roster", roster)...)
	if want := "10:00-11:00 CET   = Tue 03-10 09:00-10:00 UTC  busy"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	// The tour works on any roster, even one of a single person.
	checkText(t, mustRun(t, weekNow, append([]string{"-roster", roster}, week...)...))
}

func TestDemoTeam(t *testing.T) {
	r, err := calendar.ReadRoster(bytes.NewReader(plan.DemoJSON()))
	if err != nil {
		t.Fatal(err)
	}
	zones := map[string]bool{}
	var focus, holidays, night, off int
	for _, p := range r.People {
		zones[p.Zone.String()] = true
		focus += len(p.Focus)
		holidays += min(1, len(p.Holidays))
		off += min(1, len(p.TimeOff))
		for d := time.Sunday; d <= time.Saturday; d++ {
			for _, s := range p.Hours.Spans(d) {
				if s.Overnight() {
					night++
				}
			}
		}
	}
	if len(r.People) != 8 || len(zones) < 6 || !zones["Asia/Kolkata"] || !zones["America/Santiago"] || !zones["Australia/Sydney"] {
		t.Errorf("demo team has %d people in zones %v", len(r.People), zones)
	}
	if focus == 0 || holidays < 3 || night == 0 || off == 0 {
		t.Errorf("demo team has %d focus blocks, %d people with holidays, %d night shifts, %d with time off", focus, holidays, night, off)
	}
}

func TestRunWritesNothingOnError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"overlap", "-zone", "Nowhere/Else"}, &out, &errOut, weekNow); code != 2 || out.Len() != 0 {
		t.Errorf("exit %d, stdout %q", code, out.String())
	}
	var ue *usageError
	if err := dispatch(context.Background(), "nope", nil, &bytes.Buffer{}, weekNow, false); !errors.As(err, &ue) {
		t.Errorf("an unknown subcommand is %v, want a usage error", err)
	}
}

// BenchmarkTour measures the README's main command on the demo team; it
// must take well under a second.
func BenchmarkTour(b *testing.B) {
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run(nil, &out, &errOut, weekNow); code != 0 {
			b.Fatal(errOut.String())
		}
	}
}

// TestCalendarProblemsAreWarnings: a calendar file with one event that
// cannot be read is read without it, with a warning on stderr that names
// the file and the line; -strict refuses it.
func TestCalendarProblemsAreWarnings(t *testing.T) {
	dir := t.TempDir()
	ics := "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260303\r\nDTEND:20260302\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:y\r\nDTSTART:20260310T100000Z\r\nDTEND:20260310T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if err := os.WriteFile(filepath.Join(dir, "a.ics"), []byte(ics), 0o644); err != nil {
		t.Fatal(err)
	}
	roster := filepath.Join(dir, "team.json")
	if err := os.WriteFile(roster, []byte(`{"people":[{"id":"a","zone":"UTC","calendars":["a.ics"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"availability", "-roster", roster, "-from", "2026-03-09", "-format", "json"}
	code, out, errOut := planner(t, weekNow, args...)
	if code != 0 || !strings.Contains(out, "2026-03-10T10:00:00Z") {
		t.Errorf("planner %q: exit %d, stdout %s; want 0 and the busy hour of the event that reads", args, code, out)
	}
	if want := `planner: warning: "a.ics": line 5: VEVENT "x": DTEND:`; !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("planner %q: stderr %q, want one line starting %q", args, errOut, want)
	}
	code, _, errOut = planner(t, weekNow, append(args, "-strict")...)
	if code != 2 || !strings.Contains(errOut, `calendar "a.ics": not an iCalendar file that reads (line 5`) {
		t.Errorf("planner %q -strict: exit %d, stderr %q", args, code, errOut)
	}
}

// TestDemoRotationSparesEveryNight: the demo team's weekly meeting over 8
// weeks (six of the eight will do: Sydney's night covers every hour the
// others share) books nobody in their night: between 22:00 and 07:00 local
// for everyone but Jun, whose night shift (22:00-06:00 in Manila) gives
// him the nine hours furthest from it, 09:30-18:30 (worked out in
// calendar's TestNightFor). The burdens add up, slot by slot.
func TestDemoRotationSparesEveryNight(t *testing.T) {
	out := mustRun(t, weekNow, "rotate", "-format", "json", "-from", "2026-03-09", "-n", "8", "-min-attendance", "0.75")
	var j overlap.Rotation
	decodeStrict(t, out, &j)
	if len(j.Slots) != 8 {
		t.Fatalf("got %d slots, want 8:\n%s", len(j.Slots), out)
	}
	night := map[string][2]int{"jun": {9*60 + 30, 18*60 + 30}}
	sums := map[string]time.Duration{}
	for _, s := range j.Slots {
		for _, a := range s.Attendees {
			sums[a.ID] += a.Cost.Burden
			if !a.Present {
				continue
			}
			from, to := 22*60, 7*60
			if n, ok := night[a.ID]; ok {
				from, to = n[0], n[1]
			}
			for at := a.Local; at.Before(a.Local.Add(s.End.Sub(s.Start))); at = at.Add(time.Minute) {
				m := at.Hour()*60 + at.Minute()
				if from < to && m >= from && m < to || from > to && (m >= from || m < to) {
					t.Errorf("%s meets at %s local, in their night", a.ID, at.Format("Mon 15:04"))
					break
				}
			}
		}
	}
	var total time.Duration
	for _, b := range j.Burden {
		if b.Burden != sums[b.ID] {
			t.Errorf("%s: burden %s, the slots' add up to %s", b.ID, b.Burden, sums[b.ID])
		}
		total += b.Burden
	}
	if total != j.Total {
		t.Errorf("total %s, the burdens add up to %s", j.Total, total)
	}
	// The text says the same, person by person.
	text := mustRun(t, weekNow, "rotate", "-from", "2026-03-09", "-n", "8", "-min-attendance", "0.75")
	for _, b := range j.Burden {
		if !strings.Contains(text, fmt.Sprintf("%-8s %9s = ", b.ID, jsontext.FormatDuration(b.Burden))) {
			t.Errorf("the text does not give %s's burden %s:\n%s", b.ID, b.Burden, text)
		}
	}
}

// TestAdviseNow: -now decides as of any instant, in its week by default,
// and the text gives times in the viewer's zone and in UTC.
func TestAdviseNow(t *testing.T) {
	out := mustRun(t, weekNow, "advise", "-format", "json", "-now", "2027-02-02T10:00:00Z", "-participants", "ben,sam", "-purpose", "connect")
	var d policy.Decision
	decodeStrict(t, out, &d)
	if want := time.Date(2027, 2, 2, 10, 0, 0, 0, time.UTC); !d.Facts.Now.Equal(want) || d.Facts.Horizon.End.After(want.AddDate(0, 0, 7)) {
		t.Fatalf("now %s, horizon %s; want now %s in its week", d.Facts.Now, d.Facts.Horizon, want)
	}
	// Ben (Berlin, 08:00-16:00 UTC in February) and Sam (New York,
	// 07:00-15:00 EST, 12:00-20:00 UTC) share 12:00-16:00 UTC: asked on
	// Tuesday at 15:00 UTC, they meet at once, 20:30 in Kolkata.
	text := mustRun(t, weekNow, "advise", "-now", "2027-02-02T15:00:00Z", "-zone", "Asia/Kolkata", "-participants", "ben,sam", "-purpose", "connect")
	for _, want := range []string{"as of Tue 02-02 20:30 IST (15:00 UTC)", "Meet Tue 02-02 20:30-21:00 IST (Tue 02-02 15:00-15:30 UTC)", "[connect, decisive]"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
}

// TestReadmeDecision: the decision the README shows in full is what the
// planner prints for its command.
func TestReadmeDecision(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, weekNow, "advise", "-now", "2026-03-10T09:00:00Z", "-zone", "Asia/Kolkata", "-participants", "ben,priya,sam",
		"-title", "Choose the release date", "-deadline", "2026-03-13")
	if !strings.Contains(string(readme), "```\n"+out+"```\n") {
		t.Errorf("the README does not show the decision as the planner prints it:\n%s", out)
	}
}

// writeRoster writes a roster file and the files it names into a new
// folder, and returns the roster's path.
func writeRoster(t *testing.T, roster string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["team.json"] = roster
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "team.json")
}
