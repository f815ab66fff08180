package overlap

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
)

// modelBurden is the brute-force burden of p at slot, in a report over
// window: the weights of the band model's cells of the slot.
func modelBurden(bm bandModel, window, slot calendar.Interval) time.Duration {
	var b time.Duration
	for c := int(slot.Start.Sub(window.Start) / cell); c < int(slot.End.Sub(window.Start)/cell); c++ {
		b += time.Duration(bm.quarters[c]) * cell / 4
	}
	return b
}

// An objective is what Rotate minimises, in order (see Rotate): keeping
// the fair-share rule (false first), the largest burden, the most
// inconvenient slots of anyone, then spread and total.
type objective struct {
	Unfair       bool
	Max          time.Duration
	Inconvenient int
	Spread       time.Duration
	Total        time.Duration
}

func (o objective) less(p objective) bool {
	switch {
	case o.Unfair != p.Unfair:
		return !o.Unfair
	case o.Max != p.Max:
		return o.Max < p.Max
	case o.Inconvenient != p.Inconvenient:
		return o.Inconvenient < p.Inconvenient
	case o.Spread != p.Spread:
		return o.Spread < p.Spread
	}
	return o.Total < p.Total
}

// rotationObjective reads the objective off a rotation.
func rotationObjective(rot Rotation) objective {
	o := objective{Unfair: !rot.FairShare, Max: rot.Max, Spread: rot.Spread, Total: rot.Total}
	for _, b := range rot.Burden {
		o.Inconvenient = max(o.Inconvenient, b.Inconvenient)
	}
	return o
}

// bruteRotate returns the best objective over every plan, one allowed
// slot (by the model, on a report with opt) per part, and false when some
// part has none. The parts cut the window from q.NotBefore on, when that
// is inside it. Spread and total are taken over the plans that no other
// beats for every attendee (in burden and inconvenient slots), as Rotate
// documents.
func bruteRotate(t fataler, team []calendar.Person, window calendar.Interval, q Request, opt Options, n int) (objective, bool) {
	q.AllowOffHours = true
	q.Spacing, q.Max = -1, 1<<20
	slots := modelSuggest(t, team, window, q, opt)
	dims := len(q.Required) + len(q.Optional)
	parts := make([][]modelSlot, n)
	// The parts cut the window from NotBefore on, less the buffer, so
	// that a meeting may start at NotBefore, as Suggest allows.
	from := window.Start
	if q.NotBefore.After(from) {
		from = q.NotBefore.Add(-q.Buffer)
		if from.Before(window.Start) {
			from = window.Start
		}
	}
	if from.After(window.End) {
		from = window.End
	}
	length := int64(window.End.Sub(from))
	for _, s := range slots {
		ps, pe := int64(s.Start.Sub(from)-q.Buffer), int64(s.Start.Sub(from)+q.Duration+q.Buffer)
		for i := range n {
			// Part i is [length*i/n, length*(i+1)/n) after from: windows
			// of days fit an int64 times n.
			if ps >= length*int64(i)/int64(n) && pe <= length*int64(i+1)/int64(n) {
				parts[i] = append(parts[i], s)
			}
		}
	}
	for _, p := range parts {
		if len(p) == 0 {
			return objective{}, false
		}
	}
	// Every plan's vector: burdens and inconvenient slots.
	type plan struct {
		burden []time.Duration
		count  []int
		o      objective
	}
	var plans []plan
	choice := make([]int, n)
	var walk func(i int)
	walk = func(i int) {
		if i < n {
			for k := range parts[i] {
				choice[i] = k
				walk(i + 1)
			}
			return
		}
		p := plan{burden: make([]time.Duration, dims), count: make([]int, dims)}
		for part, k := range choice {
			s := parts[part][k]
			for j := range dims {
				p.burden[j] += s.Costs[j].Burden
				if s.Costs[j].Burden > 0 {
					p.count[j]++
				}
			}
		}
		p.o.Max, p.o.Spread = slices.Max(p.burden), slices.Max(p.burden)-slices.Min(p.burden)
		p.o.Inconvenient = slices.Max(p.count)
		p.o.Unfair = 2*p.o.Inconvenient > n
		for j := range dims {
			p.o.Total += p.burden[j]
		}
		plans = append(plans, p)
	}
	walk(0)
	// The best by the first three; then, among the plans that reach it
	// (only they can beat one another there), those no other beats.
	key := func(o objective) objective {
		return objective{Unfair: o.Unfair, Max: o.Max, Inconvenient: o.Inconvenient}
	}
	best := key(plans[0].o)
	for _, p := range plans {
		if key(p.o).less(best) {
			best = key(p.o)
		}
	}
	var top []plan
	for _, p := range plans {
		if key(p.o) == best {
			top = append(top, p)
		}
	}
	beats := func(a, b plan) bool {
		same := true
		for j := range dims {
			if a.burden[j] > b.burden[j] || a.count[j] > b.count[j] {
				return false
			}
			same = same && a.burden[j] == b.burden[j] && a.count[j] == b.count[j]
		}
		return !same
	}
	found := false
	var out objective
	for _, p := range top {
		if slices.ContainsFunc(top, func(o plan) bool { return beats(o, p) }) {
			continue
		}
		if !found || p.o.less(out) {
			out, found = p.o, true
		}
	}
	return out, true
}

// checkRotation checks what a rotation reports against the model: the
// burdens of its slots, their sums, the figures, and that no slot falls
// on a commitment, or in a night or on a day off that q does not allow.
func checkRotation(t fataler, team []calendar.Person, window calendar.Interval, rot Rotation, q Request) {
	t.Helper()
	byID := map[string]*calendar.Person{}
	for i := range team {
		byID[team[i].ID] = &team[i]
	}
	models := map[string]bandModel{}
	sums := map[string]time.Duration{}
	for _, s := range rot.Slots {
		var parts Cost
		for _, a := range s.Attendees {
			parts.add(a.Cost)
		}
		if parts != s.Cost {
			t.Fatalf("%s: the attendees' costs add up to %v, the slot's is %v", s.Interval, parts, s.Cost)
		}
		for _, a := range s.Attendees {
			if !a.Present {
				continue
			}
			bm, ok := models[a.ID]
			if !ok {
				bm = newBandModel(t, byID[a.ID], window, q.Comfort)
				models[a.ID] = bm
			}
			b := modelBurden(bm, window, s.Interval)
			if a.Cost.Burden != b {
				t.Fatalf("%s at %s: burden %s, the model says %s", a.ID, s.Interval, a.Cost.Burden, b)
			}
			sums[a.ID] += b
			for c := int(s.Start.Sub(window.Start) / cell); c < int(s.End.Sub(window.Start)/cell); c++ {
				if band := bm.band[c]; band == BandNight && !q.AllowNight || band == BandDayOff && !q.AllowDaysOff {
					t.Fatalf("%s is booked at %s, in their %s band", a.ID, s.Interval, band)
				}
			}
			padded := calendar.Interval{Start: s.Start.Add(-q.Buffer), End: s.End.Add(q.Buffer)}
			if c := commitment(t, *byID[a.ID], padded); c != "" {
				t.Fatalf("%s is present at %s despite %s", a.ID, s.Interval, c)
			}
		}
		if !q.NotBefore.IsZero() && s.Start.Before(q.NotBefore) {
			t.Fatalf("slot %s starts before NotBefore %s", s.Interval, q.NotBefore)
		}
	}
	lo := time.Duration(-1)
	var hi, total time.Duration
	for _, b := range rot.Burden {
		if b.Burden != sums[b.ID] {
			t.Fatalf("%s: burden %s, the sum of the slots' is %s", b.ID, b.Burden, sums[b.ID])
		}
		hi, total = max(hi, b.Burden), total+b.Burden
		if lo < 0 || b.Burden < lo {
			lo = b.Burden
		}
	}
	if rot.Max != hi || rot.Spread != hi-lo || rot.Total != total {
		t.Fatalf("Max %s Spread %s Total %s; the burdens say %s %s %s", rot.Max, rot.Spread, rot.Total, hi, hi-lo, total)
	}
	if len(rot.Burden) != len(q.Required)+len(q.Optional) {
		t.Fatalf("%d burdens for %d attendees", len(rot.Burden), len(q.Required)+len(q.Optional))
	}
}

// commitment returns a segment of p's timeline in iv that holds a busy
// event, a holiday or time off, in working hours or out of them, or "".
func commitment(t fataler, p calendar.Person, iv calendar.Interval) string {
	for _, seg := range personTimeline(t, p, iv) {
		switch {
		case seg.Kind == calendar.KindBusy, seg.Kind == calendar.KindHoliday, seg.Kind == calendar.KindTimeOff,
			seg.Kind == calendar.KindOffHours && seg.Under != calendar.KindOffHours:
			return seg.String()
		}
	}
	return ""
}

// TestOffHoursCommitmentsAreNeverBooked: a meeting allowed outside working
// hours still keeps off a Friday-evening appointment, a holiday's evening
// and an evening of time off; without them the same evenings are booked.
func TestOffHoursCommitmentsAreNeverBooked(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	window := weeks("2026-03-23", 2) // Good Friday, 3 April, is a holiday in DE
	friday := calendar.MustParseDate("2026-03-27")
	appointment := calendar.Interval{
		Start: calendar.Wall(friday, calendar.MustParseClock("18:00"), berlin),
		End:   calendar.Wall(friday, calendar.MustParseClock("20:00"), berlin),
	}
	free := []calendar.Person{
		{ID: "ann", Zone: berlin, Hours: hours},
		{ID: "bo", Zone: mustLoad(t, "America/Los_Angeles"), Hours: hours},
	}
	taken := slices.Clone(free)
	taken[0].Busy = calendar.NewSet(appointment)
	taken[0].Holidays = []string{"DE"}
	taken[0].TimeOff = []calendar.TimeOff{{From: calendar.MustParseDate("2026-04-01"), To: calendar.MustParseDate("2026-04-01"), Reason: "leave"}}
	q := Request{Duration: time.Hour, Required: []string{"ann", "bo"}, AllowOffHours: true, Max: 1000}
	// The evenings of the three commitments in Berlin, when Bo in Los
	// Angeles works.
	on := func(d string) func(Suggestion) bool {
		return func(s Suggestion) bool {
			local := s.Start.In(berlin)
			return calendar.DateOf(local) == calendar.MustParseDate(d) && local.Hour() >= 17
		}
	}
	before, err := mustCompute(t, free, window, Options{}).Suggest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-03-27", "2026-04-01", "2026-04-03"} {
		if !slices.ContainsFunc(before, on(d)) {
			t.Fatalf("without the commitments no slot falls on the evening of %s: the test shows nothing", d)
		}
	}
	r := mustCompute(t, taken, window, Options{})
	after, err := r.Suggest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 {
		t.Fatal("no slot at all")
	}
	for _, s := range after {
		if c := commitment(t, taken[0], s.Interval); c != "" {
			t.Errorf("Suggest books %s over %s", s.Interval, c)
		}
	}
	rot, err := r.Rotate(context.Background(), q, 2)
	if err != nil {
		t.Fatal(err)
	}
	checkRotation(t, taken, window, rot, q)
}

func fourZones(t fataler) []calendar.Person {
	hours := calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")
	var team []calendar.Person
	for _, z := range []struct{ id, zone string }{
		{"ben", "Europe/Berlin"}, {"sam", "America/New_York"}, {"priya", "Asia/Kolkata"}, {"kim", "Australia/Sydney"},
	} {
		team = append(team, calendar.Person{ID: z.id, Zone: mustLoad(t, z.zone), Hours: hours})
	}
	return team
}

func weeks(from string, n int) calendar.Interval {
	d := calendar.MustParseDate(from)
	return calendar.Interval{Start: calendar.Wall(d, 0, time.UTC), End: calendar.Wall(d.AddDays(7*n), 0, time.UTC)}
}

func TestRotateFourZonesIsMinimalAgainstExhaustiveSearch(t *testing.T) {
	team := fourZones(t)
	window := weeks("2026-03-02", 3) // the US changes clocks on the 8th
	// Four zones round the world: someone's night is in every slot.
	q := Request{Duration: time.Hour, Step: 2 * time.Hour, Required: []string{"ben", "kim", "priya", "sam"}, AllowNight: true}
	rot, err := mustCompute(t, team, window, Options{}).Rotate(context.Background(), q, 3)
	if err != nil {
		t.Fatal(err)
	}
	checkRotation(t, team, window, rot, q)
	want, ok := bruteRotate(t, team, window, q, Options{}, 3)
	if got := rotationObjective(rot); !ok || got != want {
		t.Fatalf("objective %+v, exhaustive search finds %+v (%v)", got, want, ok)
	}
}

func TestRotateFourZonesEightWeeks(t *testing.T) {
	team := fourZones(t)
	window := weeks("2026-03-02", 8)
	q := Request{Duration: time.Hour, Required: []string{"ben", "kim", "priya", "sam"}, AllowNight: true}
	rot, err := mustCompute(t, team, window, Options{}).Rotate(context.Background(), q, 8)
	if err != nil {
		t.Fatal(err)
	}
	checkRotation(t, team, window, rot, q)
	if len(rot.Slots) != 8 {
		t.Fatalf("%d slots, want 8", len(rot.Slots))
	}
	for i, s := range rot.Slots {
		if week := weeks("2026-03-02", 8); s.Start.Before(week.Start.AddDate(0, 0, 7*i)) || s.End.After(week.Start.AddDate(0, 0, 7*i+7)) {
			t.Errorf("slot %d at %s is not in week %d", i+1, s.Interval, i+1)
		}
	}
	// No one keeps all four zones' hours, so someone always pays; the
	// least possible largest burden over 8 weeks is at most 8 times the
	// least for one week, and the rotation meets it.
	one, err := mustCompute(t, team, weeks("2026-03-02", 1), Options{}).Rotate(context.Background(), q, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rot.Max > 8*one.Max || rot.Max == 0 {
		t.Errorf("largest burden %s over 8 weeks; one week alone costs %s", rot.Max, one.Max)
	}
	var names []string
	for _, b := range rot.Burden {
		names = append(names, b.ID)
		if b.Slots != 8 {
			t.Errorf("%s attends %d slots, want 8", b.ID, b.Slots)
		}
	}
	if diff := cmp.Diff([]string{"ben", "kim", "priya", "sam"}, names); diff != "" {
		t.Errorf("burden IDs (-want +got):\n%s", diff)
	}
}

func TestRotateMatchesExhaustiveSearch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		if len(team) == 4 && rapid.Bool().Draw(t, "fifth") {
			team = append(team, drawPerson(t, "e", window))
		}
		q := drawRequest(t, team)
		q.Step = time.Duration(rapid.SampledFrom([]int{60, 120, 180}).Draw(t, "coarse step")) * time.Minute
		q.Max = 0
		n := rapid.IntRange(1, 3).Draw(t, "n")
		opt := drawOptions(t)
		rot, err := mustCompute(t, team, window, opt).Rotate(context.Background(), q, n)
		want, ok := bruteRotate(t, team, window, q, opt, n)
		var none *NoSlotError
		switch {
		case !ok && errors.As(err, &none):
			return
		case err != nil || !ok:
			t.Fatalf("Rotate: %v; exhaustive search finds a plan: %v", err, ok)
		}
		checkRotation(t, team, window, rot, q)
		if got := rotationObjective(rot); got != want {
			t.Fatalf("objective %+v, exhaustive search finds %+v", got, want)
		}
	})
}

// TestRotateWithNotBeforeMatchesExhaustiveSearch: with NotBefore, the
// window from NotBefore on is cut into the parts, no slot starts before
// it, and the largest burden is still the least possible.
func TestRotateWithNotBeforeMatchesExhaustiveSearch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		q := drawRequest(t, team)
		q.Step = time.Duration(rapid.SampledFrom([]int{60, 120, 180}).Draw(t, "coarse step")) * time.Minute
		q.Max = 0
		q.NotBefore = window.Start.Add(time.Duration(rapid.IntRange(-60, int(window.Duration()/time.Minute)).Draw(t, "notBefore")) * time.Minute)
		n := rapid.IntRange(1, 3).Draw(t, "n")
		opt := drawOptions(t)
		rot, err := mustCompute(t, team, window, opt).Rotate(context.Background(), q, n)
		want, ok := bruteRotate(t, team, window, q, opt, n)
		var none *NoSlotError
		switch {
		case !ok && errors.As(err, &none):
			return
		case err != nil || !ok:
			t.Fatalf("Rotate: %v; exhaustive search finds a plan: %v", err, ok)
		}
		checkRotation(t, team, window, rot, q)
		if got := rotationObjective(rot); got != want {
			t.Fatalf("objective %+v, exhaustive search finds %+v", got, want)
		}
		for _, s := range rot.Slots {
			if s.Start.Before(q.NotBefore) {
				t.Fatalf("slot %s starts before NotBefore %s", s.Interval, q.NotBefore)
			}
		}
	})
}

func TestRotateErrors(t *testing.T) {
	team := fourZones(t)
	r := mustCompute(t, team, weeks("2026-03-02", 1), Options{})
	q := Request{Duration: time.Hour, Required: []string{"ben"}}
	for _, n := range []int{0, -1, 169} {
		if _, err := r.Rotate(context.Background(), q, n); err == nil {
			t.Errorf("Rotate(n=%d): no error", n)
		}
	}
	if _, err := r.Rotate(context.Background(), Request{Required: []string{"ben"}}, 1); err == nil {
		t.Error("Rotate with no duration: no error")
	}
	// Off-hours time cannot be busy (the timeline says off-hours first),
	// so only no-meeting days keep Ben out of a rotation: he takes no
	// meetings from Thursday to Monday, in the second half of the week.
	q.NoMeetingDays = []time.Weekday{time.Thursday, time.Friday, time.Saturday, time.Sunday, time.Monday}
	_, err := r.Rotate(context.Background(), q, 2)
	var none *NoSlotError
	if !errors.As(err, &none) || !slices.Equal(none.Never, []string{"ben"}) {
		t.Errorf("Rotate: got %v, want a *NoSlotError naming ben", err)
	}
}

func BenchmarkRotate8x12(b *testing.B) {
	from := calendar.MustParseDate("2026-01-05")
	team := benchTeam(b, 8, from)
	r, err := Compute(context.Background(), team, benchWindow(from, 84), Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Some week of the twelve finds someone on time off all week, whom no
	// meeting may be booked over: six of the eight will do.
	q := Request{Duration: time.Hour, Step: 15 * time.Minute, MinAttendance: 0.75}
	for _, p := range team {
		q.Required = append(q.Required, p.ID)
	}
	if _, err := r.Rotate(context.Background(), q, 12); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Rotate(context.Background(), q, 12); err != nil {
			b.Fatal(err)
		}
	}
}
