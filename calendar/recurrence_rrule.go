package calendar

import (
	"fmt"
	"slices"
	"time"

	rrule "github.com/teambition/rrule-go"
)

// This file is the adapter to rrule-go, which does the RRULE arithmetic
// in floating time (see Recurrence) and nothing else.

// rrule returns rrule-go's frequency for f.
func (f recFreq) rrule() rrule.Frequency {
	switch f {
	case recMonthly:
		return rrule.MONTHLY
	case recWeekly:
		return rrule.WEEKLY
	case recDaily:
		return rrule.DAILY
	}
	return rrule.YEARLY
}

// validate reports what rrule-go's own validation refuses in rl.
func (rl *recRule) validate() error {
	_, err := rrule.NewRRule(rl.options(DateTime{Date{2000, time.January, 1}, Midnight}))
	return err
}

// expand calls yield with the rule's starts on the dates lo..hi, in
// order, as if it had neither COUNT nor UNTIL, until yield returns false.
// lo must not be before start's date.
//
// It does not walk from an old DTSTART: it starts the iteration at the
// last period that begins before lo (see rebase). Then it shifts the
// whole calendar forward by whole 400-year cycles, as close to year 9999
// as hi allows: rrule-go gives up at the end of 9999, so the search for
// the first start after hi (which rrule-go does before it yields
// anything) can never walk more than 400 years, whatever the rule. The
// Gregorian calendar repeats exactly every 400 years (146097 days, 20871
// weeks), Easter excepted.
func (rl *recRule) expand(start DateTime, lo, hi Date, yield func(DateTime) bool) error {
	dtstart := rl.rebase(start, lo)
	shift := 0
	if len(rl.byeaster) == 0 {
		shift = recCycleYears * ((recLastDate().Year - hi.Year) / recCycleYears)
	}
	o := rl.options(start)
	o.Dtstart = recToRRule(dtstart, shift)
	o.Until = recFarFuture()
	rr, err := rrule.NewRRule(o)
	if err != nil {
		// The parser has checked every bound rrule-go checks.
		return err
	}
	next := rr.Iterator()
	for {
		t, ok := next()
		if !ok {
			return nil
		}
		dt := recFromRRule(t, shift)
		if dt.Date.After(hi) {
			return nil
		}
		if dt.Date.Before(lo) {
			continue
		}
		if !yield(dt) {
			return nil
		}
	}
}

// walker returns a rule with the same starts as rl from start on that is
// cheaper to walk: rrule-go visits every day of a DAILY rule and every week
// of a WEEKLY one, so a rule that matches rarely (the Mondays that are the
// 29th of February) costs a period a day while it finds nothing. Where
// INTERVAL is 1 and there is no BYSETPOS, a DAILY rule with day filters
// (BYMONTHDAY or BYDAY), or a WEEKLY rule limited to some months, gives
// exactly the starts of the YEARLY rule with the same filters, which
// rrule-go visits a year at a time. Otherwise it returns rl.
func (rl *recRule) walker(start DateTime) *recRule {
	if rl.interval != 1 || len(rl.bysetpos) > 0 {
		return rl
	}
	y := *rl
	switch {
	case rl.freq == recDaily && (len(rl.bymday) > 0 || len(rl.byday) > 0):
	case rl.freq == recWeekly && len(rl.bymonth) > 0:
		if len(y.byday) == 0 {
			// A WEEKLY rule without BYDAY repeats on the DTSTART's weekday.
			y.byday = []recWeekday{{day: recPyWeekday(start.Date)}}
		}
	default:
		return rl
	}
	y.freq = recYearly
	return &y
}

// rebase returns the DTSTART to hand rrule-go for a query that starts on
// lo: 00:00 on the first day of the last period (a day, week, month or
// year, counted in whole INTERVALs from the DTSTART's period) that begins
// before lo, when that is not the DTSTART's own period. Every period after
// the DTSTART's is generated in full from its first day, so starting there
// (with the defaults that rrule-go takes from the DTSTART made explicit by
// options) gives exactly the starts the full expansion gives from that
// period on. When lo is in the DTSTART's first period, it returns the
// DTSTART. The caller must not hand rrule-go a COUNT, which would count
// from the wrong start: ruleStarts turns COUNT into an UNTIL.
func (rl *recRule) rebase(start DateTime, lo Date) DateTime {
	target := lo.AddDays(-1) // a day of margin
	var first Date
	switch rl.freq {
	case recDaily:
		k := target.DaysSince(start.Date) / rl.interval
		if k <= 0 {
			return start
		}
		first = start.Date.AddDays(k * rl.interval)
	case recWeekly:
		weekStart := start.Date.AddDays(-((recPyWeekday(start.Date) - rl.wkst + 7) % 7))
		k := target.DaysSince(weekStart) / 7 / rl.interval
		if k <= 0 {
			return start
		}
		first = weekStart.AddDays(7 * k * rl.interval)
	case recMonthly:
		k := (recMonthIndex(target) - recMonthIndex(start.Date)) / rl.interval
		if k <= 0 {
			return start
		}
		m := recMonthIndex(start.Date) + k*rl.interval
		first = Date{m / 12, time.Month(m%12 + 1), 1}
	default: // YEARLY
		k := (target.Year - start.Date.Year) / rl.interval
		if k <= 0 {
			return start
		}
		first = Date{start.Date.Year + k*rl.interval, time.January, 1}
	}
	return DateTime{first, Midnight}
}

// recMonthIndex numbers the months from January of year 0.
func recMonthIndex(d Date) int { return d.Year*12 + int(d.Month) - 1 }

// recPyWeekday returns d's weekday in rrule-go's numbering (0 is Monday).
func recPyWeekday(d Date) int { return (int(d.Weekday()) + 6) % 7 }

// options returns the rrule-go options for rl, with rrule-go's implicit
// defaults (buildRRule in rrule.go takes the month, day, weekday and time
// of day from the DTSTART when no BYxxx part says otherwise) made explicit
// from start, so that they stay put when the DTSTART given to rrule-go
// moves. Dtstart, Count and Until are left for the caller.
func (rl *recRule) options(start DateTime) rrule.ROption {
	o := rrule.ROption{
		Freq:       rl.freq.rrule(),
		Interval:   rl.interval,
		Wkst:       recRRuleWeekday(rl.wkst, 0),
		Bysetpos:   slices.Clone(rl.bysetpos),
		Bymonth:    slices.Clone(rl.bymonth),
		Bymonthday: slices.Clone(rl.bymday),
		Byyearday:  slices.Clone(rl.byyday),
		Byweekno:   slices.Clone(rl.byweekno),
		Byhour:     slices.Clone(rl.byhour),
		Byminute:   slices.Clone(rl.byminute),
		Bysecond:   []int{0},
		Byeaster:   slices.Clone(rl.byeaster),
	}
	// rrule-go (like python-dateutil) requires a day to match both the
	// plain and the numbered weekdays of a BYDAY that mixes them, so that
	// BYDAY=WE,3TH never matches; RFC 5545 means either. Every weekday of
	// a month is its 1st to 5th, and of a year its 1st to 53rd, so the
	// plain ones are written as all their numbered ones.
	mixed := slices.ContainsFunc(rl.byday, func(w recWeekday) bool { return w.n == 0 }) &&
		slices.ContainsFunc(rl.byday, func(w recWeekday) bool { return w.n != 0 })
	most := 5
	if rl.freq == recYearly && len(rl.bymonth) == 0 {
		most = 53
	}
	for _, w := range rl.byday {
		if mixed && w.n == 0 {
			for n := 1; n <= most; n++ {
				o.Byweekday = append(o.Byweekday, recRRuleWeekday(w.day, n))
			}
			continue
		}
		o.Byweekday = append(o.Byweekday, recRRuleWeekday(w.day, w.n))
	}
	if len(o.Byweekno) == 0 && len(o.Byyearday) == 0 && len(o.Bymonthday) == 0 &&
		len(o.Byweekday) == 0 && len(o.Byeaster) == 0 {
		switch rl.freq {
		case recYearly:
			if len(o.Bymonth) == 0 {
				o.Bymonth = []int{int(start.Date.Month)}
			}
			o.Bymonthday = []int{start.Date.Day}
		case recMonthly:
			o.Bymonthday = []int{start.Date.Day}
		case recWeekly:
			o.Byweekday = []rrule.Weekday{recRRuleWeekday(recPyWeekday(start.Date), 0)}
		}
	}
	if len(o.Byhour) == 0 {
		o.Byhour = []int{start.Clock.Hour()}
	}
	if len(o.Byminute) == 0 {
		o.Byminute = []int{start.Clock.Minute()}
	}
	return o
}

// recRRuleWeekday returns rrule-go's weekday day (0 is Monday) with
// ordinal n.
func recRRuleWeekday(day, n int) rrule.Weekday {
	w := rrule.MO
	switch day {
	case 1:
		w = rrule.TU
	case 2:
		w = rrule.WE
	case 3:
		w = rrule.TH
	case 4:
		w = rrule.FR
	case 5:
		w = rrule.SA
	case 6:
		w = rrule.SU
	}
	return w.Nth(n)
}

// recToRRule returns the wall time dt, years later, as the UTC time that
// rrule-go reads in floating time.
func recToRRule(dt DateTime, years int) time.Time {
	return time.Date(dt.Date.Year+years, dt.Date.Month, dt.Date.Day, dt.Clock.Hour(), dt.Clock.Minute(), 0, 0, time.UTC)
}

// recFromRRule is the inverse of recToRRule.
func recFromRRule(t time.Time, years int) DateTime {
	t = t.UTC()
	return DateTime{Date{t.Year() - years, t.Month(), t.Day()}, Clock(t.Hour()*60 + t.Minute())}
}

// recFarFuture is an UNTIL that no expansion reaches. rrule-go's default,
// when UNTIL is absent, is about 292 years after the DTSTART: a rule with
// an older DTSTART would silently end.
func recFarFuture() time.Time { return time.Date(10100, time.January, 1, 0, 0, 0, 0, time.UTC) }

// neverMatches reports, with a reason, whether the rule gives no start
// at all from start on, or "" when it may. It is exact for the BYxxx
// parts; a rule that is dead only through its INTERVAL (a DAILY rule
// with INTERVAL=3 whose matching days all fall on the skipped days) is
// not caught here, but an expansion of it stops within 400 years of the
// range asked for (see ruleStarts).
//
// The probes run rrule-go on a superset of the rule's starts (INTERVAL=1,
// and for DAILY and WEEKLY a YEARLY rule with the same day filters) over
// one whole 400-year Gregorian cycle, years 9600 to 9999, where the
// calendar is the same as in any other cycle; a rule dead there is dead
// everywhere. A dead probe walks 400 rrule-go periods of a year (0.3 ms
// for FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, rather than 60 ms for rrule-go
// alone from 2026 to 9999), or with BYSETPOS 4800 periods of a month or
// 20871 of a week (1 to 2 ms). BYEASTER rules, whose dates repeat on no
// short cycle, are probed from start to 9999 (13 ms from 2026).
func (rl *recRule) neverMatches(start DateTime) string {
	o := rl.options(start)
	times := len(o.Byhour) * len(o.Byminute)
	if len(o.Bysetpos) > 0 {
		perPeriod := times
		switch rl.freq {
		case recWeekly:
			perPeriod *= min(len(o.Byweekday), 7)
		case recMonthly:
			perPeriod *= 31
		case recYearly:
			perPeriod *= 366
		}
		if !slices.ContainsFunc(o.Bysetpos, func(n int) bool { return n >= -perPeriod && n <= perPeriod }) {
			return fmt.Sprintf("every BYSETPOS position is past the %d start(s) a %s holds at most", perPeriod, recPeriodName(rl.freq))
		}
	}
	const reason = "no date satisfies all its BYxxx parts"
	switch rl.freq {
	case recDaily:
		if rl.interval%7 == 0 {
			// Every day visited has the DTSTART's weekday.
			w := recRRuleWeekday(recPyWeekday(start.Date), 0)
			if len(o.Byweekday) > 0 && !slices.Contains(o.Byweekday, w) {
				return "with an INTERVAL of whole weeks, every day it visits is a " + start.Date.Weekday().String()
			}
			o.Byweekday = []rrule.Weekday{w}
		}
		if len(o.Bymonthday) == 0 && len(o.Byweekday) == 0 {
			return "" // every month has days
		}
		o.Freq, o.Bysetpos = rrule.YEARLY, nil // BYSETPOS is settled above
	case recWeekly:
		if len(o.Bysetpos) == 0 {
			if len(o.Bymonth) == 0 {
				return "" // every weekday comes round
			}
			o.Freq = rrule.YEARLY
		}
	case recMonthly:
		// Only some months are visited when INTERVAL shares a factor with 12.
		var visited []int
		for k := 0; k < 12; k++ {
			m := (int(start.Date.Month)-1+k*rl.interval)%12 + 1
			if len(o.Bymonth) == 0 || slices.Contains(o.Bymonth, m) {
				visited = append(visited, m)
			}
		}
		if len(visited) == 0 {
			return fmt.Sprintf("with INTERVAL=%d it visits none of its BYMONTH months", rl.interval)
		}
		slices.Sort(visited)
		o.Bymonth = slices.Compact(visited)
		if len(o.Bysetpos) == 0 {
			// Without BYSETPOS, a month's starts do not depend on the
			// period, and a YEARLY rule with BYMONTH numbers weekdays
			// within the month too: probe 400 years rather than 4800
			// months.
			o.Freq = rrule.YEARLY
		}
	}
	if len(o.Bysetpos) == 0 {
		o.Byhour, o.Byminute = []int{0}, []int{0}
	}
	o.Interval = 1
	o.Until = recFarFuture()
	o.Dtstart = time.Date(recLastDate().Year-recCycleYears+1, time.January, 1, 0, 0, 0, 0, time.UTC)
	if len(o.Byeaster) > 0 {
		o.Dtstart = recToRRule(start, 0)
	}
	rr, err := rrule.NewRRule(o)
	if err != nil {
		return "" // checkRule has run the same validation
	}
	if _, ok := rr.Iterator()(); !ok {
		return reason
	}
	return ""
}

// recPeriodName names the period of a frequency.
func recPeriodName(f recFreq) string {
	switch f {
	case recDaily:
		return "day"
	case recWeekly:
		return "week"
	case recMonthly:
		return "month"
	}
	return "year"
}
