package overlap

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

// drawWindow draws a window of up to four days on whole minutes, from 2011
// to 2030, often across a change of clocks.
func drawWindow(t *rapid.T) calendar.Interval {
	base := time.Date(rapid.SampledFrom([]int{2011, 2026, 2030}).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")), 1, 0, 0, 0, 0, time.UTC)
	start := base.Add(time.Duration(rapid.IntRange(0, 30*1440).Draw(t, "start")) * time.Minute)
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
	if rapid.Bool().Draw(t, id+" busy") {
		at := window.Start.Add(time.Duration(rapid.IntRange(0, 4*1440).Draw(t, id+" busyAt")) * time.Minute)
		p.Busy = calendar.NewSet(calendar.Interval{Start: at, End: at.Add(time.Duration(rapid.IntRange(1, 300).Draw(t, id+" busyLen")) * time.Minute)})
	}
	return p
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
	r, err := Compute(team, window, opt)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r
}

// freeMinutes is the model of one person's free time: a bit per minute of
// the window, from their timeline.
func freeMinutes(t fataler, p *calendar.Person, window calendar.Interval, opt Options) []bool {
	segs, err := p.Timeline(window)
	if err != nil {
		t.Fatalf("Timeline: %v", err)
	}
	// A bit for every minute that starts in the window, the last perhaps
	// cut short.
	bits := make([]bool, int((window.Duration()+time.Minute-1)/time.Minute))
	for m := range bits {
		at := window.Start.Add(time.Duration(m) * time.Minute)
		for _, s := range segs {
			if s.Contains(at) {
				f, _ := p.FocusBlock(s.Label)
				bits[m] = s.Kind == calendar.KindFree || opt.FocusIsFree && s.Kind == calendar.KindFocus && !f.Hard
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
		common := r.Common()
		for _, p := range team {
			free, _ := r.Free(p.ID)
			if out := common.Subtract(free); !out.IsEmpty() {
				t.Fatalf("common time %s is not free for %s", out, p.ID)
			}
		}
		ids := r.IDs()
		if !common.Equal(r.Common(ids...)) {
			t.Fatalf("Common() %s differs from Common(all IDs) %s", common, r.Common(ids...))
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
		if !r.Common().Equal(r2.Common()) {
			t.Fatalf("Common depends on the order of people")
		}
		if diff := cmp.Diff(coverageText(r), coverageText(r2)); diff != "" {
			t.Fatalf("coverage depends on the order of people:\n%s", diff)
		}
		ids := rapid.Permutation(r.IDs()).Draw(t, "ids")
		if !r.Common(ids...).Equal(r.Common(r.IDs()...)) {
			t.Fatalf("Common(ids...) depends on their order")
		}
	})
}

func TestAddingAMemberNeverGrowsCommon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		before := mustCompute(t, team, window, opt).Common()
		after := mustCompute(t, append(slices.Clone(team), drawPerson(t, "z", window)), window, opt).Common()
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
			free, _ := r.Free(p.ID)
			union = union.Union(free)
		}
		if got := r.AtLeast(1); !got.Equal(union) {
			t.Fatalf("AtLeast(1) = %s, union of frees %s", got, union)
		}
		if got := r.AtLeast(len(team)); !got.Equal(r.Common()) {
			t.Fatalf("AtLeast(n) = %s, Common() = %s", got, r.Common())
		}
		for k := 0; k <= len(team)+1; k++ {
			if more := r.AtLeast(k + 1).Subtract(r.AtLeast(k)); !more.IsEmpty() {
				t.Fatalf("AtLeast(%d) has %s that AtLeast(%d) has not", k+1, more, k)
			}
			if a, b := r.AtLeast(k), r.AtLeast(k, r.IDs()...); !a.Equal(b) {
				t.Fatalf("AtLeast(%d) = %s, AtLeast(%d, all IDs) = %s", k, a, k, b)
			}
		}
		if !r.AtLeast(len(team) + 1).IsEmpty() {
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
		a := mustCompute(t, team, window, opt).Common()
		b := mustCompute(t, append(slices.Clone(team), always), window, opt).Common()
		if !a.Equal(b) {
			t.Fatalf("a person free all window changed Common from %s to %s", a, b)
		}
	})
}

func TestPairwiseIsSymmetricCommon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		pw := r.Pairwise()
		if want := len(team) * (len(team) - 1); len(pw) != want {
			t.Fatalf("%d pairs, want %d", len(pw), want)
		}
		for pair, d := range pw {
			if pw[[2]string{pair[1], pair[0]}] != d {
				t.Fatalf("Pairwise is not symmetric for %v", pair)
			}
			if want := r.Common(pair[0], pair[1]).Duration(); d != want {
				t.Fatalf("Pairwise%v = %s, Common = %s", pair, d, want)
			}
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
		if !whole.Common().Equal(a.Common().Union(b.Common())) {
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
			want, err := team[i].Timeline(window)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := r.Timeline(team[i].ID)
			if !ok {
				t.Fatalf("no timeline for %s", team[i].ID)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("timeline of %s (-want +got):\n%s", team[i].ID, diff)
			}
		}
		if _, ok := r.Timeline("nobody"); ok {
			t.Fatal(`Timeline("nobody") found someone`)
		}
	})
}

func TestDailyAgreesWithCommon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		r := mustCompute(t, team, window, drawOptions(t))
		loc := mustLoad(t, rapid.SampledFrom(hardZones).Draw(t, "viewer"))
		var sum time.Duration
		var prev time.Time
		for _, d := range r.Daily(loc) {
			if !prev.IsZero() && !d.Start.Equal(prev) {
				t.Fatalf("day %s starts at %s, the day before ended at %s", d.Date, d.Start, prev)
			}
			prev = d.End
			if got := r.Common().Clip(d.Interval).Duration(); got != d.Common {
				t.Fatalf("day %s: Common %s, Common() clipped %s", d.Date, d.Common, got)
			}
			if d.Longest.Duration() > d.Common || d.Common > 0 && d.Longest.IsEmpty() {
				t.Fatalf("day %s: longest %s of common %s", d.Date, d.Longest, d.Common)
			}
			if d.MostFree > len(team) || d.MostFree > 0 && r.AtLeast(d.MostFree).Clip(d.Interval).Duration() != d.MostFreeFor {
				t.Fatalf("day %s: most free %d for %s", d.Date, d.MostFree, d.MostFreeFor)
			}
			if !r.AtLeast(d.MostFree + 1).Clip(d.Interval).IsEmpty() {
				t.Fatalf("day %s: more than %d free at once", d.Date, d.MostFree)
			}
			sum += d.Common
		}
		if !prev.Equal(window.End) {
			t.Fatalf("days end at %s, the window at %s", prev, window.End)
		}
		if sum != r.Common().Duration() {
			t.Fatalf("days add up to %s of common time, Common() is %s", sum, r.Common().Duration())
		}
	})
}

func TestComputeErrors(t *testing.T) {
	w := calendar.Interval{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)}
	ok := calendar.Person{ID: "a", Zone: time.UTC}
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
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compute(tc.team, tc.window, Options{})
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
				{"ben+sam", tc.benSam, r.Common("ben", "sam")},
				{"ben+priya", tc.benPriya, r.Common("ben", "priya")},
				{"sam+priya", tc.samPriya, r.Common("sam", "priya")},
				{"everyone", tc.everyone, r.Common()},
			} {
				if diff := cmp.Diff(every(c.want), text(c.got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", c.name, diff)
				}
			}
			pw := r.Pairwise()
			if got, want := pw[[2]string{"ben", "sam"}], r.Common("ben", "sam").Duration(); got != want {
				t.Errorf("Pairwise ben+sam %s, want %s", got, want)
			}
		})
	}
}

// TestSweepsAgree: the radix sweep, used when boundaries fall on whole
// seconds, and the heap sweep, used otherwise, build the same coverage;
// and a window that starts off the second (so the heap sweep runs) gives
// the coverage of the model too.
func TestSweepsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		window := drawWindow(t)
		team := drawTeam(t, window)
		opt := drawOptions(t)
		r := mustCompute(t, team, window, opt)
		packed := *r
		r.cuts, r.counts, r.toggles, r.toggleAt = nil, nil, nil, nil
		r.sweepHeap()
		for _, c := range []struct {
			name      string
			got, want any
		}{
			{"cuts", r.cuts, packed.cuts}, {"counts", r.counts, packed.counts},
			{"toggles", r.toggles, packed.toggles}, {"toggleAt", r.toggleAt, packed.toggleAt},
		} {
			if diff := cmp.Diff(c.want, c.got); diff != "" {
				t.Fatalf("%s (-packed +heap):\n%s", c.name, diff)
			}
		}
		odd := calendar.Interval{Start: window.Start.Add(time.Millisecond), End: window.End.Add(-time.Millisecond)}
		if diff := cmp.Diff(coverageModel(t, team, odd, opt), coverageText(mustCompute(t, team, odd, opt))); diff != "" {
			t.Fatalf("coverage of a window off the second (-model +got):\n%s", diff)
		}
	})
}
