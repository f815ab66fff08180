package overlap

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/tztest"
)

// hardZones are the zones the generators draw from (see tztest.HardZones).
var hardZones = tztest.HardZones()

// fataler is what testing.TB and *rapid.T share.
type fataler = tztest.Fataler

func mustLoad(t fataler, name string) *time.Location {
	t.Helper()
	return tztest.Load(t, name)
}

// clockChanges are days around which the hard zones change their clocks:
// Apia skipped 2011-12-30; the US and Europe, Lord Howe and Santiago,
// change in March, April, September, October and November 2026; Morocco
// leaves and resumes UTC+1 for Ramadan.
var clockChanges = []time.Time{
	time.Date(2011, 12, 29, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 4, 4, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 2, 14, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 3, 21, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 9, 5, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 10, 24, 0, 0, 0, 0, time.UTC),
	time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC),
}

// drawWindow draws a window of up to four days on whole minutes, from 2011
// to 2030, often across a change of clocks: half the time it starts in
// the three days before one of clockChanges.
func drawWindow(t *rapid.T) calendar.Interval {
	var start time.Time
	if rapid.Bool().Draw(t, "near a change") {
		start = rapid.SampledFrom(clockChanges).Draw(t, "change").Add(-time.Duration(rapid.IntRange(0, 3*1440).Draw(t, "before")) * time.Minute)
	} else {
		base := time.Date(rapid.SampledFrom([]int{2011, 2026, 2030}).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC)
		start = base.Add(time.Duration(rapid.IntRange(0, 30*1440).Draw(t, "start")) * time.Minute)
	}
	// Whole days less some minutes: rapid favours small numbers, and short
	// windows see little.
	length := 1440*rapid.SampledFrom([]int{1, 2, 3, 4}).Draw(t, "days") - rapid.IntRange(0, 1439).Draw(t, "less")
	return calendar.Interval{Start: start, End: start.Add(time.Duration(length) * time.Minute)}
}

// drawPerson draws a person in a hard zone: hours with night shifts, focus
// blocks hard and soft, time off and busy time around window.
func drawPerson(t *rapid.T, id string, window calendar.Interval) calendar.Person {
	loc := mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, id+" zone"))
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	var clauses []string
	for i := range rapid.IntRange(1, 2).Draw(t, id+" clauses") {
		from := calendar.Clock(15 * rapid.IntRange(0, 95).Draw(t, fmt.Sprint(id, " from", i)))
		to := (from + calendar.Clock(15*rapid.IntRange(1, 48).Draw(t, fmt.Sprint(id, " length", i)))) % calendar.EndOfDay
		clauses = append(clauses, fmt.Sprintf("%s-%s %s", rapid.SampledFrom(days).Draw(t, fmt.Sprint(id, " first", i)),
			rapid.SampledFrom(days).Draw(t, fmt.Sprint(id, " last", i)), calendar.Span{From: from, To: to}))
	}
	p := calendar.Person{ID: id, Zone: loc, Hours: calendar.MustParseWeeklyHours(strings.Join(clauses, "; "))}
	start := calendar.DateOf(window.Start.In(loc))
	for i := range rapid.IntRange(0, 2).Draw(t, id+" focus") {
		p.Focus = append(p.Focus, calendar.FocusBlock{
			Name:     fmt.Sprint("focus ", i),
			Rule:     "FREQ=DAILY;INTERVAL=" + fmt.Sprint(rapid.IntRange(1, 3).Draw(t, fmt.Sprint(id, " every", i))),
			Start:    calendar.DateTime{Date: start.AddDays(-rapid.IntRange(0, 30).Draw(t, fmt.Sprint(id, " age", i))), Clock: calendar.Clock(15 * rapid.IntRange(0, 95).Draw(t, fmt.Sprint(id, " at", i)))},
			Duration: time.Duration(15*rapid.IntRange(1, 12).Draw(t, fmt.Sprint(id, " len", i))) * time.Minute,
			Hard:     rapid.Bool().Draw(t, fmt.Sprint(id, " hard", i)),
		})
	}
	if rapid.Bool().Draw(t, id+" off") {
		d := start.AddDays(rapid.IntRange(-1, 3).Draw(t, id+" offDay"))
		p.TimeOff = []calendar.TimeOff{{From: d, To: d, Reason: "leave"}}
	}
	if rapid.Bool().Draw(t, id+" holidays") {
		p.Holidays = []string{rapid.SampledFrom([]string{"US", "DE-BY", "GB", "AU-NSW"}).Draw(t, id+" holiday code")}
	}
	if rapid.Bool().Draw(t, id+" busy") {
		at := window.Start.Add(time.Duration(rapid.IntRange(0, 4*1440).Draw(t, id+" busyAt")) * time.Minute)
		p.Busy = calendar.NewSet(calendar.Interval{Start: at, End: at.Add(time.Duration(rapid.IntRange(1, 300).Draw(t, id+" busyLen")) * time.Minute)})
	}
	p.Comfort = drawComfort(t, id+" ")
	return p
}

// drawComfort draws a comfort that is mostly the defaults.
func drawComfort(t *rapid.T, prefix string) calendar.Comfort {
	var c calendar.Comfort
	if rapid.IntRange(0, 3).Draw(t, prefix+"own shoulder") == 0 {
		c.Shoulder = time.Duration(rapid.IntRange(1, 240).Draw(t, prefix+"shoulder")) * time.Minute
	}
	if rapid.IntRange(0, 3).Draw(t, prefix+"own night") == 0 {
		from := calendar.Clock(15 * rapid.IntRange(0, 95).Draw(t, prefix+"night from"))
		c.Night = calendar.Span{From: from, To: (from + calendar.Clock(15*rapid.IntRange(1, 48).Draw(t, prefix+"night length"))) % calendar.EndOfDay}
	}
	return c
}

func drawTeam(t *rapid.T, window calendar.Interval) []calendar.Person {
	n := rapid.SampledFrom([]int{1, 2, 3, 3, 4, 4}).Draw(t, "people")
	team := make([]calendar.Person, n)
	for i := range team {
		team[i] = drawPerson(t, string(rune('a'+i)), window)
	}
	return team
}

func mustCompute(t fataler, team []calendar.Person, window calendar.Interval, opt Options) *Report {
	t.Helper()
	r, err := Compute(context.Background(), team, window, opt)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r
}

// compile compiles p, failing t if it does not compile.
func compile(t fataler, p calendar.Person) *calendar.Schedule {
	t.Helper()
	s, err := calendar.Compile(context.Background(), p)
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s
}

// personTimeline is p's own timeline over window, from their compiled
// schedule: what the report must agree with.
func personTimeline(t fataler, p calendar.Person, window calendar.Interval) []calendar.Segment {
	t.Helper()
	segs, err := compile(t, p).Timeline(context.Background(), window)
	if err != nil {
		t.Fatalf("Timeline: %v", err)
	}
	return segs
}

// mustCommon, mustAtLeast and mustFree are the report's methods for IDs known to be
// in the team: an error fails t.
func mustCommon(t fataler, r *Report, ids ...string) calendar.Set {
	t.Helper()
	s, err := r.Common(ids...)
	if err != nil {
		t.Fatalf("Common(%q): %v", ids, err)
	}
	return s
}

func mustAtLeast(t fataler, r *Report, k int, ids ...string) calendar.Set {
	t.Helper()
	s, err := r.AtLeast(k, ids...)
	if err != nil {
		t.Fatalf("AtLeast(%d, %q): %v", k, ids, err)
	}
	return s
}

func mustFree(t fataler, r *Report, id string) calendar.Set {
	t.Helper()
	s, err := r.Free(id)
	if err != nil {
		t.Fatalf("Free(%q): %v", id, err)
	}
	return s
}

// freeMinutes is the model of one person's free time: a bit per minute of
// the window, from their timeline.
func freeMinutes(t fataler, p *calendar.Person, window calendar.Interval, opt Options) []bool {
	segs := personTimeline(t, *p, window)
	// A bit for every minute that starts in the window, the last perhaps
	// cut short.
	bits := make([]bool, int((window.Duration()+time.Minute-1)/time.Minute))
	for m := range bits {
		at := window.Start.Add(time.Duration(m) * time.Minute)
		for _, s := range segs {
			if s.Contains(at) {
				bits[m] = s.Kind == calendar.KindFree || opt.FocusIsFree && s.Kind == calendar.KindFocus && !s.Hard
			}
		}
	}
	return bits
}

// coverageModel is the brute-force model of the coverage: for every
// minute, who is free; runs of equal minutes are the segments.
func coverageModel(t fataler, team []calendar.Person, window calendar.Interval, opt Options) []string {
	ids := make([]string, len(team))
	bits := make([][]bool, len(team))
	for i := range team {
		ids[i] = team[i].ID
		bits[i] = freeMinutes(t, &team[i], window, opt)
	}
	var out []string
	var last string
	for m := range len(bits[0]) {
		var free []string
		for i := range team {
			if bits[i][m] {
				free = append(free, ids[i])
			}
		}
		slices.Sort(free)
		key := strings.Join(free, ",")
		at := window.Start.Add(time.Duration(m) * time.Minute).UTC().Format(time.RFC3339)
		if m == 0 || key != last {
			out = append(out, at+" "+key)
		}
		last = key
	}
	return out
}

func coverageText(r *Report) []string {
	var out []string
	for s := range r.Coverage() {
		out = append(out, s.Start.UTC().Format(time.RFC3339)+" "+strings.Join(s.Free, ","))
	}
	return out
}

func drawOptions(t *rapid.T) Options {
	return Options{FocusIsFree: rapid.Bool().Draw(t, "focusIsFree")}
}

func TestCoverageMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		if diff := cmp.Diff(coverageModel(t, team, window, opt), coverageText(r)); diff != "" {
			t.Fatalf("coverage (-model +got):\n%s", diff)
		}
		var end time.Time
		for s := range r.Coverage() {
			if !end.IsZero() && !s.Start.Equal(end) || s.IsEmpty() {
				t.Fatalf("segments do not tile the window at %s", s.Start)
			}
			end = s.End
		}
		if !end.Equal(window.End) {
			t.Fatalf("coverage ends at %s, window at %s", end, window.End)
		}
	})
}

func TestCommonIsInsideEveryMembersFree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		common := mustCommon(t, r)
		for _, p := range team {
			free := mustFree(t, r, p.ID)
			if out := common.Subtract(free); !out.IsEmpty() {
				t.Fatalf("common time %s is not free for %s", out, p.ID)
			}
		}
		ids := r.IDs()
		if !common.Equal(mustCommon(t, r, ids...)) {
			t.Fatalf("Common() %s differs from Common(all IDs) %s", common, mustCommon(t, r, ids...))
		}
	})
}

func TestCommonCommutes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		shuffled := rapid.Permutation(team).Draw(t, "order")
		r2 := mustCompute(t, shuffled, window, opt)
		if !mustCommon(t, r).Equal(mustCommon(t, r2)) {
			t.Fatalf("Common depends on the order of people")
		}
		if diff := cmp.Diff(coverageText(r), coverageText(r2)); diff != "" {
			t.Fatalf("coverage depends on the order of people:\n%s", diff)
		}
		ids := rapid.Permutation(r.IDs()).Draw(t, "ids")
		if !mustCommon(t, r, ids...).Equal(mustCommon(t, r, r.IDs()...)) {
			t.Fatalf("Common(ids...) depends on their order")
		}
	})
}

func TestAddingAMemberNeverGrowsCommon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		before := mustCommon(t, mustCompute(t, team, window, opt))
		after := mustCommon(t, mustCompute(t, append(slices.Clone(team), drawPerson(t, "z", window)), window, opt))
		if grown := after.Subtract(before); !grown.IsEmpty() {
			t.Fatalf("adding a member grew Common by %s", grown)
		}
	})
}

func TestAtLeast(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		var union calendar.Set
		for _, p := range team {
			free := mustFree(t, r, p.ID)
			union = union.Union(free)
		}
		if got := mustAtLeast(t, r, 1); !got.Equal(union) {
			t.Fatalf("AtLeast(1) = %s, union of frees %s", got, union)
		}
		if got := mustAtLeast(t, r, len(team)); !got.Equal(mustCommon(t, r)) {
			t.Fatalf("AtLeast(n) = %s, Common() = %s", got, mustCommon(t, r))
		}
		for k := 0; k <= len(team)+1; k++ {
			if more := mustAtLeast(t, r, k+1).Subtract(mustAtLeast(t, r, k)); !more.IsEmpty() {
				t.Fatalf("AtLeast(%d) has %s that AtLeast(%d) has not", k+1, more, k)
			}
			if a, b := mustAtLeast(t, r, k), mustAtLeast(t, r, k, r.IDs()...); !a.Equal(b) {
				t.Fatalf("AtLeast(%d) = %s, AtLeast(%d, all IDs) = %s", k, a, k, b)
			}
		}
		if !mustAtLeast(t, r, len(team)+1).IsEmpty() {
			t.Fatalf("AtLeast(n+1) is not empty")
		}
	})
}

func TestAlwaysFreePersonIsCommonsIdentity(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		always := calendar.Person{ID: "zz", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Sun 00:00-24:00")}
		a := mustCommon(t, mustCompute(t, team, window, opt))
		b := mustCommon(t, mustCompute(t, append(slices.Clone(team), always), window, opt))
		if !a.Equal(b) {
			t.Fatalf("a person free all window changed Common from %s to %s", a, b)
		}
	})
}

// teamMinutes is the minute bitmap of every person of team, by ID.
func teamMinutes(t fataler, team []calendar.Person, window calendar.Interval, opt Options) map[string][]bool {
	out := map[string][]bool{}
	for i := range team {
		out[team[i].ID] = freeMinutes(t, &team[i], window, opt)
	}
	return out
}

// minutesSet is the set of the minutes of window for which keep is true,
// runs of them joined. The window must be whole minutes long.
func minutesSet(window calendar.Interval, n int, keep func(m int) bool) calendar.Set {
	var ivs []calendar.Interval
	at := func(m int) time.Time { return window.Start.Add(time.Duration(m) * time.Minute) }
	for m := 0; m < n; m++ {
		if !keep(m) {
			continue
		}
		end := m + 1
		for end < n && keep(end) {
			end++
		}
		ivs = append(ivs, calendar.Interval{Start: at(m), End: at(end)})
		m = end
	}
	return calendar.NewSet(ivs...)
}

// TestSetsMatchMinuteModel: Free, Common and AtLeast, for the whole team
// and for drawn IDs (some listed twice), are the minutes the model says.
func TestSetsMatchMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		bits := teamMinutes(t, team, window, opt)
		n := int(window.Duration() / time.Minute)
		all := r.IDs()
		// counter returns, for each minute, how many of ids (each once)
		// are free.
		counter := func(ids []string) []int {
			counts := make([]int, n)
			for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
				for m, free := range bits[id] {
					if free {
						counts[m]++
					}
				}
			}
			return counts
		}
		for _, id := range all {
			want := minutesSet(window, n, func(m int) bool { return bits[id][m] })
			if got := mustFree(t, r, id); !got.Equal(want) {
				t.Fatalf("Free(%s) = %s, the model says %s", id, got, want)
			}
		}
		ids := rapid.SliceOfN(rapid.SampledFrom(all), 1, 2*len(all)).Draw(t, "ids")
		distinct := len(slices.Compact(slices.Sorted(slices.Values(ids))))
		countAll, countIDs := counter(all), counter(ids)
		for _, tc := range []struct {
			name string
			got  calendar.Set
			want func(m int) bool
		}{
			{"Common()", mustCommon(t, r), func(m int) bool { return countAll[m] == len(all) }},
			{fmt.Sprintf("Common(%q)", ids), mustCommon(t, r, ids...), func(m int) bool { return countIDs[m] == distinct }},
		} {
			if want := minutesSet(window, n, tc.want); !tc.got.Equal(want) {
				t.Fatalf("%s = %s, the model says %s", tc.name, tc.got, want)
			}
		}
		for k := -1; k <= len(all)+1; k++ {
			if want, got := minutesSet(window, n, func(m int) bool { return countAll[m] >= k }), mustAtLeast(t, r, k); !got.Equal(want) {
				t.Fatalf("AtLeast(%d) = %s, the model says %s", k, got, want)
			}
			if want, got := minutesSet(window, n, func(m int) bool { return countIDs[m] >= k }), mustAtLeast(t, r, k, ids...); !got.Equal(want) {
				t.Fatalf("AtLeast(%d, %q) = %s, the model says %s", k, ids, got, want)
			}
		}
	})
}

// TestPairwiseMatchesMinuteModel: Pairwise has both orders of every pair,
// each the minutes in which both are free.
func TestPairwiseMatchesMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		bits := teamMinutes(t, team, window, opt)
		want := map[[2]string]time.Duration{}
		for a := range bits {
			for b := range bits {
				if a == b {
					continue
				}
				both := time.Duration(0)
				for m := range bits[a] {
					if bits[a][m] && bits[b][m] {
						both += time.Minute
					}
				}
				want[[2]string{a, b}] = both
			}
		}
		if diff := cmp.Diff(want, mustCompute(t, team, window, opt).Pairwise(), cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Pairwise (-model +got):\n%s", diff)
		}
	})
}

// TestSplitWindowJoins: the coverage of [a,c) is that of [a,b) followed by
// that of [b,c), the two segments meeting at b joined when alike.
func TestSplitWindowJoins(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		if window.Duration() < 2*time.Minute {
			return
		}
		team := drawTeam(t, window)
		opt := drawOptions(t)
		at := window.Start.Add(time.Duration(rapid.IntRange(1, int(window.Duration()/time.Minute)-1).Draw(t, "split")) * time.Minute)
		whole := mustCompute(t, team, window, opt)
		a := mustCompute(t, team, calendar.Interval{Start: window.Start, End: at}, opt)
		b := mustCompute(t, team, calendar.Interval{Start: at, End: window.End}, opt)
		joined := coverageText(a)
		for i, s := range coverageText(b) {
			if i == 0 && strings.SplitN(s, " ", 2)[1] == strings.SplitN(joined[len(joined)-1], " ", 2)[1] {
				continue
			}
			joined = append(joined, s)
		}
		if diff := cmp.Diff(coverageText(whole), joined); diff != "" {
			t.Fatalf("split at %s (-whole +joined):\n%s", at, diff)
		}
		if !mustCommon(t, whole).Equal(mustCommon(t, a).Union(mustCommon(t, b))) {
			t.Fatalf("Common of the whole differs from the union of the parts")
		}
	})
}

func TestTimelineIsThePersons(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		for i := range team {
			want := personTimeline(t, team[i], window)
			got, err := r.Timeline(team[i].ID)
			if err != nil {
				t.Fatalf("Timeline(%q): %v", team[i].ID, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("timeline of %s (-want +got):\n%s", team[i].ID, diff)
			}
		}
		if _, err := r.Timeline("nobody"); !errors.Is(err, ErrUnknownID) {
			t.Fatalf(`Timeline("nobody"): %v, want ErrUnknownID`, err)
		}
	})
}

// dailyModel is the brute-force model of Daily: for each civil day of loc
// that holds an instant of the window, from its midnight to the next (by
// calendar.Wall) clipped to the window, the minutes in which everyone is
// free, the first longest run of them, and the most people free in one
// minute and in how many minutes.
func dailyModel(t fataler, team []calendar.Person, window calendar.Interval, opt Options, loc *time.Location) []Day {
	bits := make([][]bool, len(team))
	for i := range team {
		bits[i] = freeMinutes(t, &team[i], window, opt)
	}
	minute := func(m int) time.Time { return window.Start.Add(time.Duration(m) * time.Minute).In(loc) }
	var out []Day
	for d := calendar.DateOf(window.Start.In(loc)); !d.After(calendar.DateOf(window.End.Add(-time.Nanosecond).In(loc))); d = d.AddDays(1) {
		from, to := calendar.Wall(d, calendar.Midnight, loc), calendar.Wall(d.AddDays(1), calendar.Midnight, loc)
		from, to = later(from, window.Start), earlier(to, window.End)
		if !from.Before(to) {
			continue
		}
		day := Day{Date: d, Interval: calendar.Interval{Start: from.In(loc), End: to.In(loc)}}
		run := 0
		for m := int(from.Sub(window.Start) / time.Minute); m < int(to.Sub(window.Start)/time.Minute); m++ {
			n := 0
			for i := range team {
				if bits[i][m] {
					n++
				}
			}
			switch {
			case n > day.MostFree:
				day.MostFree, day.MostFreeFor = n, time.Minute
			case n == day.MostFree:
				day.MostFreeFor += time.Minute
			}
			if n < len(team) {
				run = 0
				continue
			}
			day.Common += time.Minute
			run++
			if time.Duration(run)*time.Minute > day.Longest.Duration() {
				day.Longest = calendar.Interval{Start: minute(m - run + 1), End: minute(m + 1)}
			}
		}
		out = append(out, day)
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func TestDailyMatchesMinuteModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		loc := mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, "viewer"))
		got := r.Daily(loc)
		if diff := cmp.Diff(dailyModel(t, team, window, opt, loc), got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Fatalf("Daily(%s) (-model +got):\n%s", loc, diff)
		}
		for _, d := range got {
			if d.Start.Location().String() != loc.String() || !d.Longest.IsEmpty() && d.Longest.Start.Location().String() != loc.String() {
				t.Fatalf("day %s is not in %s: %s, longest %s", d.Date, loc, d.Interval, d.Longest)
			}
		}
	})
}

func TestComputeErrors(t *testing.T) {
	w := calendar.Interval{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)}
	ok := calendar.Person{ID: "a", Zone: time.UTC, Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")}
	tests := []struct {
		name   string
		team   []calendar.Person
		window calendar.Interval
		want   string
	}{
		{"no people", nil, w, "no people"},
		{"empty ID", []calendar.Person{ok, {Name: "Bo", Zone: time.UTC}}, w, `person 2 ("Bo") has no ID`},
		{"duplicate ID", []calendar.Person{ok, ok}, w, `ID "a" is used twice`},
		{"empty window", []calendar.Person{ok}, calendar.Interval{Start: w.End, End: w.Start}, "is empty"},
		{"window too long", []calendar.Person{ok}, calendar.Interval{Start: w.Start, End: w.Start.AddDate(3, 0, 0)}, "longer than"},
		{"bad person", []calendar.Person{ok, {ID: "b"}}, w, `person "b": no zone`},
		{"no hours", []calendar.Person{ok, {ID: "b", Zone: time.UTC}}, w, `person "b": no working hours`},
		{"NoHours with hours", []calendar.Person{ok, {ID: "b", Zone: time.UTC, NoHours: true, Hours: ok.Hours}}, w, `person "b": NoHours is set`},
		{"first bad person in ID order", []calendar.Person{ok, {ID: "c"}, {ID: "b", Zone: time.UTC}}, w, `person "b": no working hours`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compute(context.Background(), tc.team, tc.window, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "overlap.Compute: ") {
				t.Fatalf("Compute = %v, want an error containing %s", err, tc.want)
			}
		})
	}
}

// TestBerlinNewYorkKolkata: three people on Mon-Fri 09:00-17:00 overlap
// differently when the US and Europe change clocks on different dates.
func TestBerlinNewYorkKolkata(t *testing.T) {
	team := []calendar.Person{
		{ID: "ben", Zone: mustLoad(t, "Europe/Berlin"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
		{ID: "sam", Zone: mustLoad(t, "America/New_York"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
		{ID: "priya", Zone: mustLoad(t, "Asia/Kolkata"), Hours: calendar.MustParseWeeklyHours("Mon-Fri 09:00-17:00")},
	}
	// Each week's common times, the same every weekday: UTC clock ranges.
	tests := []struct {
		name, monday       string
		benSam, benPriya   string
		samPriya, everyone string
	}{
		{"ordinary winter week", "2026-02-02", "14:00-16:00", "08:00-11:30", "", ""},
		{"US on DST, Europe not yet", "2026-03-09", "13:00-16:00", "08:00-11:30", "", ""},
		{"ordinary summer week", "2026-06-15", "13:00-15:00", "07:00-11:30", "", ""},
		{"Europe off DST, US not yet", "2026-10-26", "13:00-16:00", "08:00-11:30", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			monday := calendar.MustParseDate(tc.monday)
			window := calendar.Interval{Start: calendar.Wall(monday, 0, time.UTC), End: calendar.Wall(monday.AddDays(7), 0, time.UTC)}
			r := mustCompute(t, team, window, Options{})
			every := func(clock string) []string {
				if clock == "" {
					return nil
				}
				var out []string
				from, to, _ := strings.Cut(clock, "-")
				for d := range 5 {
					day := monday.AddDays(d)
					out = append(out, fmt.Sprintf("%sT%s:00Z/%sT%s:00Z", day, from, day, to))
				}
				return out
			}
			text := func(s calendar.Set) []string {
				var out []string
				for iv := range s.All() {
					out = append(out, iv.Start.UTC().Format(time.RFC3339)+"/"+iv.End.UTC().Format(time.RFC3339))
				}
				return out
			}
			for _, c := range []struct {
				name string
				want string
				got  calendar.Set
			}{
				{"ben+sam", tc.benSam, mustCommon(t, r, "ben", "sam")},
				{"ben+priya", tc.benPriya, mustCommon(t, r, "ben", "priya")},
				{"sam+priya", tc.samPriya, mustCommon(t, r, "sam", "priya")},
				{"everyone", tc.everyone, mustCommon(t, r)},
			} {
				if diff := cmp.Diff(every(c.want), text(c.got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", c.name, diff)
				}
			}
			// Pairwise: five times each day's common time.
			pw := r.Pairwise()
			for _, p := range []struct {
				a, b, clock string
			}{{"ben", "sam", tc.benSam}, {"ben", "priya", tc.benPriya}, {"priya", "sam", tc.samPriya}} {
				want := time.Duration(0)
				if from, to, ok := strings.Cut(p.clock, "-"); ok {
					want = 5 * time.Duration(calendar.MustParseClock(to)-calendar.MustParseClock(from)) * time.Minute
				}
				if got := pw[[2]string{p.a, p.b}]; got != want {
					t.Errorf("Pairwise %s+%s = %s, want %s", p.a, p.b, got, want)
				}
			}
		})
	}
}

// TestSweepsAgree: the minute sweep, used when boundaries fall on whole
// minutes and are many, the radix sweep, used when they fall on whole
// seconds, and the heap sweep, used otherwise, build the same coverage;
// and a window that starts off the second (so the heap sweep runs) gives
// the coverage of the model too.
func TestSweepsAgree(t *testing.T) {
	ran := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		ref := *r
		sweeps := []struct {
			name  string
			sweep func(*Report) bool
		}{
			{"minutes", (*Report).sweepMinutes},
			{"packed", func(r *Report) bool {
				keys, shift, ok := r.packedBoundaries()
				if ok {
					r.sweepPacked(keys, shift)
				}
				return ok
			}},
			{"heap", func(r *Report) bool { r.sweepHeap(); return true }},
		}
		for _, s := range sweeps {
			r.cuts, r.counts, r.toggles, r.toggleAt = nil, nil, nil, nil
			if !s.sweep(r) {
				continue
			}
			ran[s.name]++
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"cuts", r.cuts, ref.cuts}, {"counts", r.counts, ref.counts},
				{"toggles", r.toggles, ref.toggles}, {"toggleAt", r.toggleAt, ref.toggleAt},
			} {
				if diff := cmp.Diff(c.want, c.got); diff != "" {
					t.Fatalf("%s (-sweep +%s):\n%s", c.name, s.name, diff)
				}
			}
		}
		odd := calendar.Interval{Start: window.Start.Add(time.Millisecond), End: window.End.Add(-time.Millisecond)}
		if diff := cmp.Diff(coverageModel(t, team, odd, opt), coverageText(mustCompute(t, team, odd, opt))); diff != "" {
			t.Fatalf("coverage of a window off the second (-model +got):\n%s", diff)
		}
	})
	if ran["minutes"] == 0 || ran["packed"] == 0 {
		t.Errorf("some sweep never ran: %v", ran)
	}
}
