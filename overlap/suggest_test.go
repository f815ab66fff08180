package overlap

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// minuteModel is one person's timeline as a minute per entry: the status
// of the minute, and whether it is soft focus.
type minuteModel struct {
	kind  []calendar.Kind
	under []calendar.Kind // what lies under off-hours
	hard  []bool
	day   []time.Weekday // the minute's weekday in the person's zone
}

func newMinuteModel(t fataler, p *calendar.Person, window calendar.Interval) minuteModel {
	segs := personTimeline(t, *p, window)
	n := int(window.Duration() / time.Minute)
	mm := minuteModel{kind: make([]calendar.Kind, n), under: make([]calendar.Kind, n), hard: make([]bool, n), day: make([]time.Weekday, n)}
	for m := range n {
		at := window.Start.Add(time.Duration(m) * time.Minute)
		mm.day[m] = at.In(p.Zone).Weekday()
		for _, s := range segs {
			if s.Contains(at) {
				mm.kind[m] = s.Kind
				mm.under[m] = s.Under
				mm.hard[m] = s.Kind == calendar.KindFocus && s.Hard
			}
		}
	}
	return mm
}

// A modelSlot is the model's view of one candidate slot.
type modelSlot struct {
	Start   time.Time
	Cost    Cost
	Present []bool
	Status  []Status
	Bands   []Band
	Costs   []Cost // each attendee's part
}

// modelSuggest is the brute-force model of Suggest: every candidate start,
// every attendee, every minute; then all allowed slots, sorted by the
// ranking. Everything must be on whole minutes. opt are the report's
// options: with FocusIsFree, soft focus may be broken.
func modelSuggest(t fataler, team []calendar.Person, window calendar.Interval, q Request, opt Options) []modelSlot {
	if q.Zone == nil {
		q.Zone = time.UTC
	}
	if q.Step == 0 {
		q.Step = 15 * time.Minute
	}
	if q.MinAttendance == 0 {
		q.MinAttendance = 1
	}
	byID := map[string]*calendar.Person{}
	for i := range team {
		byID[team[i].ID] = &team[i]
	}
	ids := append(slices.Sorted(slices.Values(q.Required)), slices.Sorted(slices.Values(q.Optional))...)
	if q.Spacing == 0 {
		q.Spacing = DefaultSpacing
	}
	models := make([]minuteModel, len(ids))
	bands := make([]bandModel, len(ids))
	for i, id := range ids {
		models[i] = newMinuteModel(t, byID[id], window)
		if q.AllowOffHours {
			bands[i] = newBandModel(t, byID[id], window, q.Comfort)
		}
	}
	W := int(window.Duration() / time.Minute)
	dur, buf, step := int(q.Duration/time.Minute), int(q.Buffer/time.Minute), int(q.Step/time.Minute)
	var starts []int
	for d := calendar.DateOf(window.Start.In(q.Zone)).AddDays(-1); !d.After(calendar.DateOf(window.End.In(q.Zone))); d = d.AddDays(1) {
		for c := 0; c < 1440; c += step {
			m := int(calendar.Wall(d, calendar.Clock(c), q.Zone).Sub(window.Start) / time.Minute)
			if m-buf >= 0 && m+dur+buf <= W && !slices.Contains(starts, m) {
				starts = append(starts, m)
			}
		}
	}
	slices.Sort(starts)
	nReq := len(q.Required)
	var out []modelSlot
	for _, ms := range starts {
		me, ps, pe := ms+dur, ms-buf, ms+dur+buf
		s := modelSlot{Start: window.Start.Add(time.Duration(ms) * time.Minute), Present: make([]bool, len(ids)), Status: make([]Status, len(ids)), Bands: make([]Band, len(ids)), Costs: make([]Cost, len(ids))}
		for i, mm := range models {
			present := true
			var soft, off, frags int
			var mine Cost
			if q.AllowOffHours {
				// The meeting's cells outside working hours, by band.
				bm := bands[i]
				for c := ms * int(time.Minute/cell); c < me*int(time.Minute/cell); c++ {
					if b := bm.band[c]; b != BandWorking {
						*mine.band(b) += cell
						mine.Burden += time.Duration(bm.quarters[c]) * cell / 4
						s.Bands[i] = max(s.Bands[i], b)
						if b == BandNight && !q.AllowNight || b == BandDayOff && !q.AllowDaysOff {
							present = false
						}
					}
				}
			}
			for m := ps; m < pe; m++ {
				inM := m >= ms && m < me
				if inM {
					s.Status[i] = max(s.Status[i], statusOf(mm.kind[m]))
					if mm.kind[m] == calendar.KindOffHours && mm.under[m] != calendar.KindOffHours {
						s.Status[i] = max(s.Status[i], statusOf(mm.under[m]))
					}
					if slices.Contains(q.NoMeetingDays, mm.day[m]) {
						present = false
					}
				}
				switch mm.kind[m] {
				case calendar.KindFree:
				case calendar.KindOffHours:
					if mm.under[m] != calendar.KindOffHours {
						// A commitment outside working hours: never
						// booked over, allowed off-hours or not.
						present = false
					}
					if inM {
						off++
						present = present && q.AllowOffHours
					}
				case calendar.KindFocus:
					if mm.hard[m] || !opt.FocusIsFree {
						present = false
					}
					soft++
				default:
					present = false
				}
			}
			s.Present[i] = present
			if !present {
				if i < nReq {
					s.Cost.RequiredMissing++
					s.Costs[i].RequiredMissing = 1
				} else {
					s.Cost.OptionalMissing++
					s.Costs[i].OptionalMissing = 1
				}
				continue
			}
			run := 0
			for m := ps - 1; m >= 0 && mm.kind[m] == calendar.KindFree && run < 30; m-- {
				run++
			}
			if run > 0 && run < 30 {
				frags++
			}
			run = 0
			for m := pe; m < W && mm.kind[m] == calendar.KindFree && run < 30; m++ {
				run++
			}
			if run > 0 && run < 30 {
				frags++
			}
			mine.FocusBroken, mine.OffHours, mine.Fragments = time.Duration(soft)*time.Minute, time.Duration(off)*time.Minute, frags
			s.Costs[i] = mine
			s.Cost.add(mine)
		}
		if nReq == 0 || float64(nReq-s.Cost.RequiredMissing)/float64(nReq) >= q.MinAttendance {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b modelSlot) int {
		if a.Cost.RequiredMissing != b.Cost.RequiredMissing {
			return a.Cost.RequiredMissing - b.Cost.RequiredMissing
		}
		if pa, pb := a.Cost.Points(), b.Cost.Points(); pa != pb {
			if pa < pb {
				return -1
			}
			return 1
		}
		return a.Start.Compare(b.Start)
	})
	// Down the ranking, each slot not too close to one kept before.
	var kept []modelSlot
	for _, s := range out {
		if !slices.ContainsFunc(kept, func(k modelSlot) bool {
			d := s.Start.Sub(k.Start)
			return d < q.Spacing && -d < q.Spacing
		}) {
			kept = append(kept, s)
		}
	}
	return kept
}

func asModel(ss []Suggestion) []modelSlot {
	if len(ss) == 0 {
		return nil
	}
	out := make([]modelSlot, len(ss))
	for i, s := range ss {
		out[i] = modelSlot{Start: s.Start.UTC(), Cost: s.Cost}
		for _, a := range s.Attendees {
			out[i].Present = append(out[i].Present, a.Present)
			out[i].Status = append(out[i].Status, a.Status)
			out[i].Bands = append(out[i].Bands, a.Band)
			out[i].Costs = append(out[i].Costs, a.Cost)
		}
	}
	return out
}

func utcModel(ms []modelSlot) []modelSlot {
	for i := range ms {
		ms[i].Start = ms[i].Start.UTC()
	}
	return ms
}

// drawRequest draws a request for a team: some required, some optional,
// the rest left out, on whole minutes.
func drawRequest(t *rapid.T, team []calendar.Person) Request {
	q := Request{
		Duration:      time.Duration(rapid.SampledFrom([]int{15, 30, 45, 60, 90, 120}).Draw(t, "duration")) * time.Minute,
		Step:          time.Duration(rapid.SampledFrom([]int{15, 20, 30, 45, 60}).Draw(t, "step")) * time.Minute,
		Zone:          mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, "zone")),
		MinAttendance: rapid.SampledFrom([]float64{1, 1, 0.5, 0.34}).Draw(t, "min"),
		AllowOffHours: rapid.Bool().Draw(t, "offHours"),
		Buffer:        time.Duration(rapid.SampledFrom([]int{0, 0, 5, 15}).Draw(t, "buffer")) * time.Minute,
		Max:           1 << 20,
	}
	q.AllowNight = rapid.IntRange(0, 3).Draw(t, "allowNight") == 0
	q.AllowDaysOff = rapid.IntRange(0, 3).Draw(t, "allowDaysOff") == 0
	q.Spacing = time.Duration(rapid.SampledFrom([]int{0, 0, -1, 30, 120}).Draw(t, "spacing")) * time.Minute
	q.Comfort = drawComfort(t, "request ")
	if rapid.Bool().Draw(t, "noMeeting") {
		q.NoMeetingDays = []time.Weekday{time.Weekday(rapid.IntRange(0, 6).Draw(t, "noMeetingDay"))}
	}
	for i, p := range team {
		switch rapid.IntRange(0, 2).Draw(t, fmt.Sprint("role", i)) {
		case 0:
			q.Required = append(q.Required, p.ID)
		case 1:
			q.Optional = append(q.Optional, p.ID)
		}
	}
	if len(q.Required) == 0 {
		q.Required = []string{team[0].ID}
		q.Optional = slices.DeleteFunc(q.Optional, func(id string) bool { return id == team[0].ID })
	}
	return q
}

// drawSuggestCase draws a team, a window, a request and the report's
// options (whether soft focus may be broken).
func drawSuggestCase(t *rapid.T) ([]calendar.Person, calendar.Interval, Request, Options) {
	window := drawWindow(t)
	team := drawTeam(t, window)
	return team, window, drawRequest(t, team), drawOptions(t)
}

func suggestOrNone(t fataler, r *Report, q Request) []Suggestion {
	t.Helper()
	got, err := r.Suggest(context.Background(), q)
	var none *NoSlotError
	if err != nil && !errors.As(err, &none) {
		t.Fatalf("Suggest: %v", err)
	}
	return got
}

func TestSuggestMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, q, opt := drawSuggestCase(t)
		r := mustCompute(t, team, window, opt)
		got := suggestOrNone(t, r, q)
		want := modelSuggest(t, team, window, q, opt)
		if diff := cmp.Diff(utcModel(want), asModel(got)); diff != "" {
			t.Fatalf("Suggest differs from the model (-want +got):\n%s", diff)
		}
		byID := map[string]calendar.Person{}
		for _, p := range team {
			byID[p.ID] = p
		}
		for _, s := range got {
			// Nobody present is booked over a commitment.
			for _, a := range s.Attendees {
				padded := calendar.Interval{Start: s.Start.Add(-q.Buffer), End: s.End.Add(q.Buffer)}
				if c := commitment(t, byID[a.ID], padded); a.Present && c != "" {
					t.Fatalf("%s is present at %s despite %s", a.ID, s.Interval, c)
				}
			}
			// The items explain the points, to rounding.
			var sum float64
			for _, it := range s.Items() {
				sum += it.Points
			}
			if math.Abs(sum-s.Cost.Points()) > 1e-9 {
				t.Fatalf("%s: items %v add up to %v points, the cost says %v", s.Interval, s.Items(), sum, s.Cost.Points())
			}
		}
		for i := 1; i < len(got); i++ {
			if got[i].Score > got[i-1].Score {
				t.Fatalf("score grows down the ranking: %v then %v", got[i-1].Score, got[i].Score)
			}
		}
		// A smaller Max gives the head of the ranking.
		q.Max = rapid.IntRange(1, 5).Draw(t, "max")
		head := suggestOrNone(t, r, q)
		if diff := cmp.Diff(got[:min(len(got), q.Max)], head); diff != "" {
			t.Fatalf("Max %d is not the head of the ranking (-want +got):\n%s", q.Max, diff)
		}
	})
}

func TestSuggestIsDeterministicAndAligned(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, q, opt := drawSuggestCase(t)
		q.Max = 0
		r1 := mustCompute(t, team, window, opt)
		slices.Reverse(team)
		r2 := mustCompute(t, team, window, opt)
		a, errA := r1.Suggest(context.Background(), q)
		b, errB := r2.Suggest(context.Background(), q)
		if diff := cmp.Diff(a, b); diff != "" || fmt.Sprint(errA) != fmt.Sprint(errB) {
			t.Fatalf("two calls differ (-first +second):\n%s\n%v\n%v", diff, errA, errB)
		}
		if fmt.Sprintf("%#v", a) != fmt.Sprintf("%#v", b) {
			t.Fatalf("two calls differ in their bytes")
		}
		for _, s := range a {
			if !aligned(s.Start, q.Step, q.Zone) {
				t.Fatalf("%s is not on the %s grid of %s", s.Start.In(q.Zone), q.Step, q.Zone)
			}
		}
	})
}

// aligned reports whether t is Wall(d, k*step) for some day d in zone.
func aligned(t time.Time, step time.Duration, zone *time.Location) bool {
	d := calendar.DateOf(t.In(zone))
	for _, day := range []calendar.Date{d.AddDays(-1), d} {
		for c := 0; c < 1440; c += int(step / time.Minute) {
			if calendar.Wall(day, calendar.Clock(c), zone).Equal(t) {
				return true
			}
		}
	}
	return false
}

// TestSuggestionsAvoidConflicts checks the slots against the people's own
// timelines: a required attendee counted present has nothing in the way
// of the meeting or its buffer, and only as many are missing as
// MinAttendance allows.
func TestSuggestionsAvoidConflicts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, q, opt := drawSuggestCase(t)
		r := mustCompute(t, team, window, opt)
		got := suggestOrNone(t, r, q)
		for _, s := range got {
			missing := 0
			for _, a := range s.Attendees {
				if a.Optional {
					continue
				}
				p := team[slices.IndexFunc(team, func(p calendar.Person) bool { return p.ID == a.ID })]
				padded := calendar.Interval{Start: s.Start.Add(-q.Buffer), End: s.End.Add(q.Buffer)}
				if padded.Start.Before(window.Start) || padded.End.After(window.End) {
					t.Fatalf("%s with its buffer leaves the window %s", s.Interval, window)
				}
				clash := ""
				for _, seg := range personTimeline(t, p, padded) {
					switch {
					case seg.Kind == calendar.KindBusy, seg.Kind == calendar.KindHoliday, seg.Kind == calendar.KindTimeOff,
						seg.Kind == calendar.KindOffHours && seg.Under != calendar.KindOffHours, // allowed off-hours or not
						seg.Kind == calendar.KindFocus && (seg.Hard || !opt.FocusIsFree),
						seg.Kind == calendar.KindOffHours && !q.AllowOffHours && seg.Overlaps(s.Interval):
						clash = seg.String()
					}
				}
				for at := s.Start; at.Before(s.End); at = at.Add(time.Minute) {
					if slices.Contains(q.NoMeetingDays, at.In(p.Zone).Weekday()) {
						clash = "no-meeting day"
					}
				}
				if clash != "" && a.Present {
					t.Fatalf("%s is present at %s despite %s", a.ID, s.Interval, clash)
				}
				if !a.Present {
					missing++
				}
			}
			if missing != s.Cost.RequiredMissing || float64(len(q.Required)-missing)/float64(len(q.Required)) < q.MinAttendance {
				t.Fatalf("%s: %d required missing (cost says %d), more than %v allows", s.Interval, missing, s.Cost.RequiredMissing, q.MinAttendance)
			}
		}
	})
}

func rankKey(c Cost) [2]float64 { return [2]float64{float64(c.RequiredMissing), c.Points()} }

func lessKey(a, b [2]float64) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

// TestWideningNeverWorsensTheBest: the best slot of a wider window is at
// least as good as the best of the narrower one, costed in the wider
// window (where a free stretch cut by the old edge may have grown), and
// never misses more required people.
func TestWideningNeverWorsensTheBest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, q, opt := drawSuggestCase(t)
		q.Spacing = -1 // every allowed slot: a better one nearby would hide it
		wide := calendar.Interval{
			Start: window.Start.Add(-time.Duration(rapid.IntRange(0, 600).Draw(t, "before")) * time.Minute),
			End:   window.End.Add(time.Duration(rapid.IntRange(0, 600).Draw(t, "after")) * time.Minute),
		}
		narrow := suggestOrNone(t, mustCompute(t, team, window, opt), q)
		if len(narrow) == 0 {
			return
		}
		all := suggestOrNone(t, mustCompute(t, team, wide, opt), q)
		if len(all) == 0 {
			t.Fatalf("the wider window %s has no slot; %s had %s", wide, window, narrow[0].Interval)
		}
		i := slices.IndexFunc(all, func(s Suggestion) bool { return s.Start.Equal(narrow[0].Start) })
		if i < 0 {
			t.Fatalf("the narrow best %s is not allowed in the wider window", narrow[0].Interval)
		}
		if lessKey(rankKey(all[i].Cost), rankKey(all[0].Cost)) || all[0].Cost.RequiredMissing > narrow[0].Cost.RequiredMissing {
			t.Fatalf("wider best %+v is worse than the narrow best %+v (in the wide window %+v)", all[0].Cost, narrow[0].Cost, all[i].Cost)
		}
	})
}

func TestAddingAnOptionalPersonKeepsEverySlot(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		extra := drawPerson(t, "z", window)
		team = append(team, extra)
		q := drawRequest(t, team[:len(team)-1])
		q.Spacing = -1 // every allowed slot, whatever their ranks
		r := mustCompute(t, team, window, drawOptions(t))
		starts := func(ss []Suggestion) []time.Time {
			var out []time.Time
			for _, s := range ss {
				out = append(out, s.Start)
			}
			slices.SortFunc(out, time.Time.Compare)
			return out
		}
		before := starts(suggestOrNone(t, r, q))
		q.Optional = append(q.Optional, "z")
		after := starts(suggestOrNone(t, r, q))
		if diff := cmp.Diff(before, after); diff != "" {
			t.Fatalf("adding an optional person changed the slots (-before +after):\n%s", diff)
		}
	})
}

func TestSuggestKolkataHourlyStartsOnKolkatasHours(t *testing.T) {
	kolkata, berlin := mustLoad(t, "Asia/Kolkata"), mustLoad(t, "Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{{ID: "asha", Zone: kolkata, Hours: hours}, {ID: "ben", Zone: berlin, Hours: hours}}
	monday := calendar.MustParseDate("2026-06-08")
	window := calendar.Interval{Start: calendar.Wall(monday, 0, time.UTC), End: calendar.Wall(monday.AddDays(1), 0, time.UTC)}
	r := mustCompute(t, team, window, Options{})
	got, err := r.Suggest(context.Background(), Request{Duration: time.Hour, Step: time.Hour, Zone: kolkata, Required: []string{"asha", "ben"}})
	if err != nil {
		t.Fatal(err)
	}
	// Berlin (CEST) 09:00-17:00 is 12:30-20:30 in Kolkata; Kolkata works
	// to 17:00, so 13:00-14:00 ... 16:00-17:00 Kolkata, at :30 UTC, none
	// costing anything (Berlin has half an hour before 13:00 Kolkata).
	var starts []string
	for _, s := range got {
		starts = append(starts, s.Start.Format("15:04")+"/"+s.Start.UTC().Format("15:04Z"))
		if s.Cost != (Cost{}) || s.Score != 3 {
			t.Errorf("%s costs %+v, score %v", s.Interval, s.Cost, s.Score)
		}
	}
	want := []string{"13:00/07:30Z", "14:00/08:30Z", "15:00/09:30Z", "16:00/10:30Z"}
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Fatalf("slots (-want +got):\n%s", diff)
	}
}

func TestNoSlotErrorNamesThePersonOnHoliday(t *testing.T) {
	ny, berlin := mustLoad(t, "America/New_York"), mustLoad(t, "Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{
		{ID: "ben", Zone: berlin, Hours: hours},
		{ID: "sam", Zone: ny, Hours: hours, Holidays: []string{"US"}},
		{ID: "zoe", Zone: ny, Hours: hours},
	}
	day := calendar.MustParseDate("2026-07-03") // Independence Day, observed
	window := calendar.Interval{Start: calendar.Wall(day, 0, ny), End: calendar.Wall(day.AddDays(1), 0, ny)}
	r := mustCompute(t, team, window, Options{})
	_, err := r.Suggest(context.Background(), Request{Duration: 30 * time.Minute, Required: []string{"ben", "sam", "zoe"}})
	var none *NoSlotError
	if !errors.As(err, &none) {
		t.Fatalf("Suggest: got %v, want a *NoSlotError", err)
	}
	want := &NoSlotError{Never: []string{"sam"}, Best: 2.0 / 3, Want: 1, Slots: 95}
	if diff := cmp.Diff(want, none); diff != "" {
		t.Fatalf("NoSlotError (-want +got):\n%s", diff)
	}
	const msg = "overlap.Report.Suggest: no slot: sam never available in the window; at best 67% of the required can attend, 100% asked"
	if err.Error() != msg {
		t.Errorf("message:\n got %s\nwant %s", err, msg)
	}
	// Two thirds are enough: ben and zoe meet, sam's status says why not.
	got, err := r.Suggest(context.Background(), Request{Duration: 30 * time.Minute, Required: []string{"ben", "sam", "zoe"}, MinAttendance: 0.6, Max: 1})
	if err != nil {
		t.Fatal(err)
	}
	wantAtt := []Attendance{
		{ID: "ben", Status: StatusFree, Local: time.Date(2026, 7, 3, 15, 0, 0, 0, berlin), Present: true},
		{ID: "sam", Status: StatusHoliday, Local: time.Date(2026, 7, 3, 9, 0, 0, 0, ny), Cost: Cost{RequiredMissing: 1}},
		{ID: "zoe", Status: StatusFree, Local: time.Date(2026, 7, 3, 9, 0, 0, 0, ny), Present: true},
	}
	if diff := cmp.Diff(wantAtt, got[0].Attendees); diff != "" {
		t.Errorf("attendees (-want +got):\n%s", diff)
	}
}

func TestSuggestErrors(t *testing.T) {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	team := []calendar.Person{{ID: "a", Zone: time.UTC, Hours: hours}, {ID: "b", Zone: time.UTC, Hours: hours}}
	day := calendar.MustParseDate("2026-06-08")
	r := mustCompute(t, team, calendar.Interval{Start: calendar.Wall(day, 0, nil), End: calendar.Wall(day.AddDays(1), 0, nil)}, Options{})
	ok := Request{Duration: time.Hour, Required: []string{"a"}, Optional: []string{"b"}}
	for _, tc := range []struct {
		edit func(*Request)
		want string
	}{
		{func(q *Request) { q.Duration = 0 }, "Request.Duration 0s is not a positive whole number of minutes"},
		{func(q *Request) { q.Duration = 30 * time.Second }, "Request.Duration 30s is not a positive whole number of minutes"},
		{func(q *Request) { q.Step = -time.Minute }, "Request.Step -1m0s is not a positive whole number of minutes"},
		{func(q *Request) { q.Step = 90 * time.Second }, "Request.Step 1m30s is not"},
		{func(q *Request) { q.MinAttendance = 1.5 }, "Request.MinAttendance 1.5 is not in (0, 1]"},
		{func(q *Request) { q.MinAttendance = -0.5 }, "Request.MinAttendance -0.5"},
		{func(q *Request) { q.Max = -1 }, "Request.Max -1 is negative"},
		{func(q *Request) { q.Buffer = -time.Minute }, "Request.Buffer -1m0s is negative"},
		{func(q *Request) { q.Buffer = 90 * time.Second }, "Request.Buffer 1m30s is not a whole number of minutes"},
		{func(q *Request) { q.Required, q.Optional = nil, nil }, "Request.Required and Optional are both empty"},
		{func(q *Request) { q.Required = []string{"a", "x"} }, `Request.Required: unknown ID "x"`},
		{func(q *Request) { q.Optional = []string{"y"} }, `Request.Optional: unknown ID "y"`},
		{func(q *Request) { q.Optional = []string{"a"} }, `Request.Optional: ID "a" is also in Required`},
		{func(q *Request) { q.Required = []string{"a", "a"} }, `Request.Required: ID "a" is listed twice`},
		{func(q *Request) { q.NoMeetingDays = []time.Weekday{9} }, "Request.NoMeetingDays: 9 is not a weekday"},
		{func(q *Request) { q.Comfort.Shoulder = -time.Hour }, "Request.Comfort: shoulder -1h0m0s is not from 0 to 12h0m0s"},
		{func(q *Request) { q.Comfort.Night = calendar.Span{From: 60, To: 1380} }, "Request.Comfort: night 01:00-23:00 is longer than 16h0m0s"},
	} {
		q := ok
		tc.edit(&q)
		_, err := r.Suggest(context.Background(), q)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "overlap.Report.Suggest: ") {
			t.Errorf("Suggest(%+v): got %v, want an error with %q", q, err, tc.want)
		}
	}
	if _, err := r.Suggest(context.Background(), ok); err != nil {
		t.Errorf("Suggest(%+v): %v", ok, err)
	}
}

// TestNotBeforeCutsTheRanking: the slots of a request with NotBefore are
// the slots of the same request without it that start at or after
// NotBefore, in the same order. (A report whose window starts at
// NotBefore would not do: the window's start cuts free stretches and so
// changes the fragments a slot near it leaves.)
func TestNotBeforeCutsTheRanking(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		team, window, q, opt := drawSuggestCase(t)
		q.Spacing = -1 // a slot before NotBefore would keep its neighbours out
		r := mustCompute(t, team, window, opt)
		all := suggestOrNone(t, r, q)
		// On or off the grid, to the second, from before the window to
		// after it.
		q.NotBefore = window.Start.Add(time.Duration(rapid.IntRange(-3600, int(window.Duration()/time.Second)+3600).Draw(t, "notBefore")) * time.Second)
		var want []Suggestion
		for _, s := range all {
			if !s.Start.Before(q.NotBefore) {
				want = append(want, s)
			}
		}
		got, err := r.Suggest(context.Background(), q)
		var none *NoSlotError
		switch {
		case len(want) == 0 && errors.As(err, &none):
			return
		case err != nil:
			t.Fatalf("Suggest with NotBefore %s: %v; %d slots start from then on", q.NotBefore, err, len(want))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("NotBefore %s (-filtered +got):\n%s", q.NotBefore, diff)
		}
		q.Max = rapid.IntRange(1, 3).Draw(t, "max")
		if diff := cmp.Diff(want[:min(len(want), q.Max)], suggestOrNone(t, r, q)); diff != "" {
			t.Fatalf("NotBefore %s, Max %d (-want +got):\n%s", q.NotBefore, q.Max, diff)
		}
	})
}

// TestSoftFocusIsBrokenOnlyWhenFree: Ana works 09:00-12:00 and Bo
// 10:00-11:00, both with focus from 10:00 to 11:00, so their focus is the
// only time they share. Soft focus is broken only on a report that
// counts it as free, at the meeting's length for each attendee in focus;
// hard focus never is.
func TestSoftFocusIsBrokenOnlyWhenFree(t *testing.T) {
	monday := calendar.MustParseDate("2026-06-08")
	window := calendar.Days(monday, monday, time.UTC)
	team := func(hard bool) []calendar.Person {
		focus := []calendar.FocusBlock{{Name: "deep", Rule: "FREQ=DAILY", Start: calendar.MustParseDateTime("2026-06-01T10:00"), Duration: time.Hour, Hard: hard}}
		return []calendar.Person{
			{ID: "ana", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-12:00"), Focus: focus},
			{ID: "bo", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 10:00-11:00"), Focus: focus},
		}
	}
	q := Request{Duration: 30 * time.Minute, Required: []string{"ana", "bo"}, Spacing: -1}
	at := func(clock string) time.Time { return calendar.Wall(monday, calendar.MustParseClock(clock), time.UTC) }
	slot := func(clock string) Suggestion {
		return Suggestion{
			Interval: calendar.Interval{Start: at(clock), End: at(clock).Add(30 * time.Minute)},
			Attendees: []Attendance{
				{ID: "ana", Status: StatusFocus, Local: at(clock), Present: true, Cost: Cost{FocusBroken: 30 * time.Minute}},
				{ID: "bo", Status: StatusFocus, Local: at(clock), Present: true, Cost: Cost{FocusBroken: 30 * time.Minute}},
			},
			// Half an hour of focus each; 60 points, so 2 + 60/120.
			Cost:  Cost{FocusBroken: time.Hour},
			Score: 2.5,
		}
	}
	// Ana alone can meet at 09:00 (and before 10:00 or from 11:00); Bo
	// never. The 30-minute meeting has 95 starts, 00:00 to 23:30.
	noSlot := &NoSlotError{Never: []string{"bo"}, Best: 0.5, Want: 1, Slots: 95}
	for _, tc := range []struct {
		name   string
		hard   bool
		opt    Options
		common calendar.Set
		want   []Suggestion
		err    *NoSlotError
	}{
		{"soft focus, not free", false, Options{}, calendar.Set{}, nil, noSlot},
		{"soft focus, free", false, Options{FocusIsFree: true}, calendar.NewSet(calendar.Interval{Start: at("10:00"), End: at("11:00")}),
			[]Suggestion{slot("10:00"), slot("10:15"), slot("10:30")}, nil},
		{"hard focus, not free", true, Options{}, calendar.Set{}, nil, noSlot},
		{"hard focus, free", true, Options{FocusIsFree: true}, calendar.Set{}, nil, noSlot},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustCompute(t, team(tc.hard), window, tc.opt)
			if got := mustCommon(t, r); !got.Equal(tc.common) {
				t.Errorf("Common() = %s, want %s", got, tc.common)
			}
			got, err := r.Suggest(context.Background(), q)
			var none *NoSlotError
			if tc.err != nil {
				if !errors.As(err, &none) {
					t.Fatalf("Suggest = %v, %v; want %v", got, err, tc.err)
				}
				if diff := cmp.Diff(tc.err, none); diff != "" {
					t.Errorf("NoSlotError (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, jsonOptions); diff != "" {
				t.Errorf("Suggest (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatusText(t *testing.T) {
	var got []string
	for s := StatusFree; s <= StatusHoliday; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, s)
		}
		got = append(got, string(b))
	}
	if diff := cmp.Diff([]string{"free", "focus", "off-hours", "busy", "time-off", "holiday"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := Status(6).MarshalText(); err == nil {
		t.Error("Status(6).MarshalText: no error")
	}
	if Status(-1).String() != "Status(-1)" {
		t.Errorf("Status(-1).String() = %q", Status(-1).String())
	}
	var s Status
	if err := s.UnmarshalText([]byte("asleep")); err == nil {
		t.Error(`UnmarshalText("asleep"): no error`)
	}
}

// benchAttendees returns q with benchTeam's first required people
// required and the rest of its first n optional.
func benchAttendees(q Request, required, n int) Request {
	for i := range n {
		id := fmt.Sprintf("p%05d", i)
		if i < required {
			q.Required = append(q.Required, id)
		} else {
			q.Optional = append(q.Optional, id)
		}
	}
	return q
}

func BenchmarkSuggest50x14(b *testing.B) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), benchTeam(b, 50, from), benchWindow(from, 14), Options{FocusIsFree: true})
	if err != nil {
		b.Fatal(err)
	}
	q := benchAttendees(Request{Duration: 30 * time.Minute, Step: 15 * time.Minute, MinAttendance: 0.6}, 5, 15)
	if _, err := r.Suggest(context.Background(), q); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Suggest(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNotBeforeFarFromTheWindow: a NotBefore long before the window is no
// bound at all, and one long after it leaves no slot; neither overflows.
// Suggest and Rotate read it alike, with a buffer too.
func TestNotBeforeFarFromTheWindow(t *testing.T) {
	// 09:00 and 09:15 both cost nothing (off-hours is a fine buffer), so
	// 09:00, the earlier, ranks first.
	team := []calendar.Person{{ID: "a", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-09:45")}}
	monday := calendar.MustParseDate("2026-03-09")
	r := mustCompute(t, team, calendar.Days(monday, monday, time.UTC), Options{})
	q := Request{Duration: 30 * time.Minute, Required: []string{"a"}, Buffer: 15 * time.Minute, Max: 1}
	nine := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	for _, nb := range []time.Time{{}, time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC), nine} {
		q.NotBefore = nb
		got, err := r.Suggest(context.Background(), q)
		if err != nil || len(got) != 1 || !got[0].Start.Equal(nine) {
			t.Errorf("Suggest, NotBefore %s: %v, %v; want the slot at 09:00", nb, got, err)
		}
		rot, err := r.Rotate(context.Background(), q, 1)
		if err != nil || !rot.Slots[0].Start.Equal(nine) {
			t.Errorf("Rotate, NotBefore %s: %v, %v; want the slot at 09:00", nb, rot.Slots, err)
		}
	}
	q.NotBefore = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC)
	var none *NoSlotError
	if _, err := r.Suggest(context.Background(), q); !errors.As(err, &none) {
		t.Errorf("Suggest with NotBefore in 2300: %v, want a NoSlotError", err)
	}
}

// BenchmarkSuggest200x90: 200 attendees (the first 50 required, the
// rest optional), 90 days, a 30-minute meeting on a 5-minute step: 25,920
// candidate starts; the report built beforehand.
func BenchmarkSuggest200x90(b *testing.B) {
	from := calendar.MustParseDate("2026-01-05")
	r, err := Compute(context.Background(), benchTeam(b, 200, from), benchWindow(from, 90), Options{FocusIsFree: true})
	if err != nil {
		b.Fatal(err)
	}
	q := Request{Duration: 30 * time.Minute, Step: 5 * time.Minute, MinAttendance: 0.3}
	// 5,184,000 candidates times attendees: past the default bound.
	ctx := calendar.WithLimits(context.Background(), calendar.Limits{CandidateAttendees: 6_000_000})
	q = benchAttendees(q, 50, 200)
	if _, err := r.Suggest(ctx, q); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Suggest(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
