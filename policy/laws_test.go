package policy

import (
	"slices"
	"testing"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

// The three laws of the package documentation, each checked on cases
// built to meet its precondition (a generator that misses it is a bug in
// the test, and fails it), and built so that a good share of them
// exercise what could break the law. Each test counts its cases and logs
// the counts (go test -v -run Never ./policy/). A test that ran at least
// minCasesForShares cases also fails when one of its main shares is
// under about a third of what the generator aims at, which for 100 cases
// happens by chance less than once in 10^5 runs; the rarer cases are
// only logged.

const minCasesForShares = 50

// drawMinutes draws a whole number of minutes from lo to hi.
func drawMinutes(t *rapid.T, lo, hi int, label string) time.Duration {
	return time.Duration(rapid.IntRange(lo, hi).Draw(t, label)) * time.Minute
}

// drawUpTo draws a duration from 0 to d, to the nanosecond.
func drawUpTo(t *rapid.T, d time.Duration, label string) time.Duration {
	return time.Duration(rapid.Int64Range(0, int64(d)).Draw(t, label))
}

// A factsSpec says what the facts of a law's case must be like.
type factsSpec struct {
	roundTrip time.Duration
	// The first window starts from after Now, or later unless exact.
	from  time.Duration
	exact bool
	// At least minWindows windows; none with noWindows.
	minWindows int
	noWindows  bool
	// enough: CommonPerDay at least MinSlot (else drawn either side).
	enough bool
}

// genLawFacts draws facts about ids for policy p as spec says: up to
// five windows at least p.MinSlot long, apart and in order, CommonPerDay
// at or above MinSlot about half the time (always when spec.enough), a
// common time at least the windows' sum, and who must shift when there is
// no window.
func genLawFacts(t *rapid.T, p Policy, ids []string, spec factsSpec) Facts {
	f := Facts{
		Now:          now.Add(drawMinutes(t, 0, 7*24*60, "nowMin")),
		Participants: ids,
		RoundTrip:    spec.roundTrip,
		Zones:        rapid.IntRange(1, len(ids)).Draw(t, "zones"),
		OffsetSpread: drawMinutes(t, 0, 26*60, "spreadMin"),
	}
	if spec.enough || rapid.Bool().Draw(t, "enoughOverlap") {
		f.CommonPerDay = p.MinSlot + drawMinutes(t, 0, 8*60, "perDayExtraMin")
	} else {
		f.CommonPerDay = drawUpTo(t, p.MinSlot-time.Nanosecond, "perDay")
	}
	at := f.Now.Add(spec.from)
	n := 0
	if !spec.noWindows {
		n = rapid.IntRange(spec.minWindows, 5).Draw(t, "windows")
	}
	for i := range n {
		switch {
		case i == 0 && !spec.exact:
			at = at.Add(drawMinutes(t, 0, 48*60, "firstGapMin"))
		case i > 0:
			at = at.Add(drawMinutes(t, 1, 48*60, "gapMin"))
		}
		long := p.MinSlot + drawMinutes(t, 0, 6*60, "lenExtraMin")
		f.Windows = append(f.Windows, calendar.Interval{Start: at, End: at.Add(long)})
		f.Common += long
		at = at.Add(long)
	}
	f.Common += drawMinutes(t, 0, 2*60, "fragmentsMin") // shorter than MinSlot, in no window
	f.Horizon = calendar.Interval{Start: f.Now, End: f.Now.Add(14 * 24 * time.Hour)}
	if at.After(f.Horizon.End) {
		f.Horizon.End = at
	}
	if len(f.Windows) == 0 && len(ids) > 1 {
		f.MustShift = subset(t, ids, "mustShift")
	}
	f.OffHoursNow = subset(t, ids, "offHoursNow")
	return f
}

// A lawCase is a policy, a topic and the facts to decide it on.
type lawCase struct {
	p  Policy
	tp Topic
	f  Facts
}

// genAsyncCase draws a case that Decide must decide Async: nothing asks
// for a meeting. The purpose is to inform, to gather input (with no
// deadline, a deadline that two round trips meet, or one they miss but
// no common window comes sooner either), a reversible decision, or an
// incident that can wait a round trip; the ambiguity and sensitivity are
// low (medium asks for a written part and a call), the people have
// worked together, and the thread has at
// most MaxExchanges exchanges. The overlap is anything. With
// withDeadline the topic has a deadline.
func genAsyncCase(t *rapid.T, withDeadline bool) lawCase {
	p := genPolicy(t)
	ids := slices.Clone(names[:rapid.IntRange(1, len(names)).Draw(t, "people")])
	rt := drawMinutes(t, 0, 96*60, "roundTripMin")
	est := time.Duration(p.ExpectedExchanges) * rt // gathering input in writing
	tp := Topic{
		Purpose:         rapid.SampledFrom([]Purpose{Inform, GatherInput, Decide, Incident}).Draw(t, "purpose"),
		Reversible:      rapid.Bool().Draw(t, "reversible"),
		Participants:    rapid.Permutation(ids).Draw(t, "participants"),
		WrittenProposal: rapid.Bool().Draw(t, "written"),
		Exchanges:       rapid.IntRange(0, p.MaxExchanges).Draw(t, "exchanges"),
	}
	tp.DecisionMakers = subset(t, ids, "decides")
	spec := factsSpec{roundTrip: rt}
	var needBy time.Duration // after Now
	switch tp.Purpose {
	case Inform, Decide:
		tp.Reversible = tp.Reversible || tp.Purpose == Decide // a two-way door
		if rapid.Bool().Draw(t, "earlyDeadline") {
			needBy = drawUpTo(t, rt, "needBy") // perhaps within a round trip
		} else {
			needBy = drawMinutes(t, 0, 120*60, "needByMin")
		}
	case Incident:
		needBy = rt + drawMinutes(t, 0, 120*60, "slackMin") // it can wait a round trip
	case GatherInput:
		if rapid.Bool().Draw(t, "writingMeetsDeadline") {
			needBy = est + drawMinutes(t, 0, 120*60, "slackMin")
		} else {
			// Writing misses the deadline, but no window comes sooner:
			// the first one starts at est - MinSlot or later.
			if est > 0 {
				needBy = drawUpTo(t, est-time.Nanosecond, "needBy")
			}
			spec.from = max(est-p.MinSlot, 0)
		}
	}
	f := genLawFacts(t, p, ids, spec)
	if withDeadline || rapid.Bool().Draw(t, "deadline") {
		tp.NeedBy = f.Now.Add(needBy)
	}
	return lawCase{p, tp, f}
}

// requireMode decides c and fails unless the mode is want: c was built to
// meet the law's precondition.
func requireMode(t *rapid.T, c lawCase, want Mode) Decision {
	d := decide(t, c.p, c.tp, c.f)
	if d.Mode != want {
		t.Fatalf("generator bug: the case is %s (%q, reasons %+v), want %s\ntopic %+v\nfacts %+v\npolicy %+v",
			d.Mode, d.Format, d.Reasons, want, c.tp, c.f, c.p)
	}
	return d
}

// share fails t when fewer than min of total cases are counted, once
// enough cases ran for shares to mean something.
func share(t *testing.T, what string, count, total int, min float64) {
	t.Helper()
	if t.Failed() || total < minCasesForShares {
		return
	}
	if float64(count) < min*float64(total) {
		t.Errorf("only %d of %d cases %s, want at least %.0f%%: the generator lost its aim", count, total, what, 100*min)
	}
}

func TestLessOverlapNeverTurnsAsyncIntoSync(t *testing.T) {
	var total, met, changed, dropped, lostAll, crossed, gather int
	rapid.Check(t, func(t *rapid.T) {
		c := genAsyncCase(t, false)
		total++
		requireMode(t, c, Async)
		met++
		p, f := c.p, c.f

		// Less overlap: less common time a day (perhaps falling under
		// MinSlot), windows dropped, shortened at their end or started
		// later (each still at least MinSlot), and the common time less
		// by as much. Who replies when (the round trip) is unchanged.
		less := f
		if f.CommonPerDay >= p.MinSlot && rapid.IntRange(0, 3).Draw(t, "crossMinSlot") > 0 {
			less.CommonPerDay = drawUpTo(t, p.MinSlot-time.Nanosecond, "lessPerDay")
		} else {
			less.CommonPerDay = drawUpTo(t, f.CommonPerDay, "lessPerDay")
		}
		less.Windows = nil
		var lost time.Duration
		nDropped := 0
		changes := []string{"keep", "drop", "shorten", "delay"}
		if rapid.Bool().Draw(t, "dropAll") {
			changes = []string{"drop"}
		}
		for _, w := range f.Windows {
			spare := w.Duration() - p.MinSlot
			switch rapid.SampledFrom(changes).Draw(t, "change") {
			case "drop":
				lost += w.Duration()
				nDropped++
				continue
			case "shorten":
				cut := drawUpTo(t, spare, "cut")
				w.End = w.End.Add(-cut)
				lost += cut
			case "delay":
				cut := drawUpTo(t, spare, "cut")
				w.Start = w.Start.Add(cut)
				lost += cut
			}
			less.Windows = append(less.Windows, w)
		}
		less.Common = f.Common - lost
		less.MustShift = f.MustShift
		if len(less.Windows) == 0 && len(f.Windows) > 0 && len(f.Participants) > 1 {
			less.MustShift = subset(t, f.Participants, "lessMustShift")
		}

		if nDropped > 0 || lost > 0 {
			changed++
		}
		if nDropped > 0 {
			dropped++
		}
		if len(f.Windows) > 0 && len(less.Windows) == 0 {
			lostAll++
		}
		if f.CommonPerDay >= p.MinSlot && less.CommonPerDay < p.MinSlot {
			crossed++
		}
		if c.tp.Purpose == GatherInput && !c.tp.NeedBy.IsZero() && len(f.Windows) > 0 {
			gather++
		}

		if d := decide(t, p, c.tp, less); d.Mode == Sync {
			t.Fatalf("async with more overlap, sync with less: %q %+v\ntopic %+v\nfacts %+v\nless %+v", d.Format, d.Reasons, c.tp, f, less)
		}
	})
	t.Logf("precondition (async) met in %d of %d cases; windows dropped or shortened in %d (dropped in %d, all gone in %d); "+
		"CommonPerDay fell under MinSlot in %d; input gathered by a deadline with windows in %d",
		met, total, changed, dropped, lostAll, crossed, gather)
	share(t, "lost window time", changed, total, 0.3)
	share(t, "lost every window", lostAll, total, 0.12)
	share(t, "had CommonPerDay fall under MinSlot", crossed, total, 0.12)
}

func TestLaterDeadlineNeverTurnsAsyncIntoSync(t *testing.T) {
	var total, met, none, crossTrip, crossWindow, crossEst int
	rapid.Check(t, func(t *rapid.T) {
		c := genAsyncCase(t, true)
		total++
		requireMode(t, c, Async)
		met++
		p, f := c.p, c.f
		rt := f.Now.Add(f.RoundTrip)
		est := f.Now.Add(time.Duration(p.ExpectedExchanges) * f.RoundTrip)

		// The instants a later deadline may cross: a round trip away, the
		// next window's start and the end of a meeting in it, and two
		// round trips away (gathering input).
		marks := []time.Time{rt, est}
		if w, ok := f.NextWindow(); ok {
			marks = append(marks, w.Start, w.Start.Add(p.MinSlot))
		}
		marks = slices.DeleteFunc(marks, func(m time.Time) bool { return !m.After(c.tp.NeedBy) })

		later := c.tp
		switch kind := rapid.SampledFrom([]string{"none", "cross", "cross", "any"}).Draw(t, "later"); {
		case kind == "none":
			later.NeedBy = time.Time{} // no deadline at all: the latest
			none++
		case kind == "cross" && len(marks) > 0:
			m := rapid.SampledFrom(marks).Draw(t, "mark")
			later.NeedBy = m.Add(drawMinutes(t, 0, 60, "pastMarkMin"))
		default:
			later.NeedBy = c.tp.NeedBy.Add(drawMinutes(t, 0, 200*60, "laterMin"))
		}
		crosses := func(m time.Time) bool {
			return c.tp.NeedBy.Before(m) && !later.NeedBy.IsZero() && !later.NeedBy.Before(m)
		}
		if crosses(rt) {
			crossTrip++
		}
		if w, ok := f.NextWindow(); ok && (crosses(w.Start) || crosses(w.Start.Add(p.MinSlot))) {
			crossWindow++
		}
		if c.tp.Purpose == GatherInput && crosses(est) {
			crossEst++
		}

		if d := decide(t, p, later, f); d.Mode == Sync {
			t.Fatalf("async by %s, sync by %s: %q %+v\ntopic %+v\nfacts %+v", c.tp.NeedBy, later.NeedBy, d.Format, d.Reasons, c.tp, f)
		}
	})
	t.Logf("precondition (async, with a deadline) met in %d of %d cases; no deadline at all in %d; "+
		"the later deadline crossed the round trip in %d, the next window in %d, two round trips (gathering input) in %d",
		met, total, none, crossTrip, crossWindow, crossEst)
	share(t, "dropped the deadline", none, total, 0.08)
	share(t, "crossed the round trip", crossTrip, total, 0.08)
	share(t, "crossed the next window", crossWindow, total, 0.08)
}

// The causes of a sync decision genSyncCase builds: hard ones keep their
// meeting whatever the overlap; soft ones need enough overlap and a
// window before the deadline.
var (
	hardSyncCauses = []string{"conflict", "urgent incident"}
	softSyncCauses = []string{"connect", "ideate", "ambiguity", "long thread", "gather input by a deadline"}
)

// genSyncCase draws a case that Decide must decide Sync, at low or medium
// sensitivity (so that there is a level to raise it to), and says its
// cause. The rest of the topic is anything, since no rule lowers a sync
// but the overlap: a hard cause (a conflict; an incident due within a
// round trip) meets any overlap, even none; a soft one (to connect, to
// ideate or high ambiguity in a group of at most MaxSyncGroup, a long
// thread, input that writing gathers too late while a window comes
// sooner) meets CommonPerDay of at least MinSlot and a window that a
// meeting fits in before the deadline.
func genSyncCase(t *rapid.T) (lawCase, string) {
	p := genPolicy(t)
	cause := rapid.SampledFrom(append(slices.Clone(hardSyncCauses), softSyncCauses...)).Draw(t, "cause")
	people := len(names)
	if cause == "ideate" || cause == "ambiguity" {
		people = min(people, p.MaxSyncGroup)
	}
	ids := slices.Clone(names[:rapid.IntRange(1, people).Draw(t, "people")])
	tp := Topic{
		Purpose:            Purpose(rapid.IntRange(int(Inform), int(Incident)).Draw(t, "purpose")),
		Ambiguity:          Level(rapid.IntRange(0, 2).Draw(t, "ambiguity")),
		Sensitivity:        rapid.SampledFrom([]Level{Low, Medium}).Draw(t, "sensitivity"),
		Reversible:         rapid.Bool().Draw(t, "reversible"),
		Participants:       rapid.Permutation(ids).Draw(t, "participants"),
		WrittenProposal:    rapid.Bool().Draw(t, "written"),
		Exchanges:          rapid.IntRange(0, 8).Draw(t, "exchanges"),
		FirstCollaboration: rapid.Bool().Draw(t, "first"),
	}
	tp.DecisionMakers = subset(t, ids, "decides")
	spec := factsSpec{roundTrip: drawMinutes(t, 0, 96*60, "roundTripMin")}
	hasDeadline := rapid.Bool().Draw(t, "deadline")
	needBy := drawMinutes(t, 0, 120*60, "needByMin")
	switch cause {
	case "conflict":
		tp.Purpose = Resolve
	case "urgent incident":
		tp.Purpose = Incident
		spec.roundTrip = drawMinutes(t, 1, 96*60, "roundTripMin")
		hasDeadline, needBy = true, drawUpTo(t, spec.roundTrip-time.Nanosecond, "needBy")
	case "connect":
		tp.Purpose = Connect
	case "ideate":
		tp.Purpose = Ideate
	case "ambiguity":
		tp.Ambiguity = High
	case "long thread":
		tp.Exchanges = p.MaxExchanges + rapid.IntRange(1, 5).Draw(t, "extraExchanges")
	case "gather input by a deadline":
		// The first window at g, a deadline a meeting in it meets but
		// two round trips miss.
		tp.Purpose = GatherInput
		spec.from, spec.exact = drawMinutes(t, 0, 48*60, "firstWindowMin"), true
		hasDeadline, needBy = true, spec.from+p.MinSlot+drawMinutes(t, 0, 24*60, "needByAfterMeetingMin")
		perTrip := (needBy + time.Minute + time.Duration(p.ExpectedExchanges) - 1) / time.Duration(p.ExpectedExchanges)
		spec.roundTrip = perTrip + drawMinutes(t, 0, 24*60, "roundTripExtraMin")
	}
	soft := slices.Contains(softSyncCauses, cause)
	if soft {
		spec.enough, spec.minWindows = true, 1
	} else {
		spec.noWindows = rapid.IntRange(0, 2).Draw(t, "noWindows") == 0
	}
	f := genLawFacts(t, p, ids, spec)
	if soft && hasDeadline && cause != "gather input by a deadline" {
		// A meeting in the first window ends by the deadline.
		needBy = f.Windows[0].Start.Add(p.MinSlot).Sub(f.Now) + drawMinutes(t, 0, 120*60, "needByAfterMeetingMin")
	}
	if hasDeadline {
		tp.NeedBy = f.Now.Add(needBy)
	}
	return lawCase{p, tp, f}, cause
}

func TestRaisingSensitivityNeverMovesAwayFromSync(t *testing.T) {
	var total, met, soft, fromLow, noWindow, scarce int
	causes := map[string]int{}
	rapid.Check(t, func(t *rapid.T) {
		c, cause := genSyncCase(t)
		total++
		requireMode(t, c, Sync)
		met++
		causes[cause]++
		hard := c.tp.Purpose == Resolve ||
			c.tp.Purpose == Incident && !c.tp.NeedBy.IsZero() && c.tp.NeedBy.Before(c.f.Now.Add(c.f.RoundTrip))
		if !hard {
			soft++
		}
		if c.tp.Sensitivity == Low {
			fromLow++
		}
		if _, ok := c.f.NextWindow(); !ok {
			noWindow++
		}
		if c.f.CommonPerDay < c.p.MinSlot {
			scarce++
		}
		for s := c.tp.Sensitivity + 1; s <= High; s++ {
			up := c.tp
			up.Sensitivity = s
			if d := decide(t, c.p, up, c.f); d.Mode != Sync {
				t.Fatalf("sync at sensitivity %s, %s at %s: %q %+v\ntopic %+v\nfacts %+v", c.tp.Sensitivity, d.Mode, s, d.Format, d.Reasons, c.tp, c.f)
			}
		}
	})
	t.Logf("precondition (sync below high sensitivity) met in %d of %d cases; soft causes only in %d; raised from low in %d; "+
		"hard causes with no window in %d, with scarce overlap in %d; causes %v",
		met, total, soft, fromLow, noWindow, scarce, causes)
	share(t, "had only soft causes", soft, total, 0.2)
	share(t, "were raised from low", fromLow, total, 0.2)
	for _, cause := range append(slices.Clone(hardSyncCauses), softSyncCauses...) {
		share(t, "were caused by "+cause, causes[cause], total, 0.01)
	}
}
