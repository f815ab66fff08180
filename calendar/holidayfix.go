package calendar

import (
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/ar"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/lu"
	"github.com/rickar/cal/v2/mx"
	"github.com/rickar/cal/v2/ru"
)

// This file corrects github.com/rickar/cal/v2 v2.1.26 where its lists
// disagree with the law. rickar's lists and holidays are package globals
// shared with every other user of the module, so nothing here writes to
// them: a corrected holiday is a new cal.Holiday (a copy where it changes
// one of rickar's), and a corrected list is a new slice, built on every
// call; nothing is cached.

// correctedList returns the holiday list with the canonical code, or nil
// for an unknown code, as holidayList does, with the corrections of this
// file applied. A country's corrections apply to its regional codes too
// ("XX" and every "XX-…"), except those made for one code alone ("DE-MV",
// and "CH", whose cantons rickar already gets right). A corrected list is
// a new slice; any other is rickar's own. Neither the slice nor its
// holidays may be modified.
func correctedList(code string) []*cal.Holiday {
	list := holidayList(code)
	if list == nil {
		return nil
	}
	switch code {
	case "DE-MV":
		return amended(list, nil, mvWomensDay())
	case "CH":
		return amended(list, nil, chAllSaints())
	}
	country, _, _ := strings.Cut(code, "-")
	switch country {
	case "NZ":
		return amended(list, nil, nzMatariki())
	case "LU":
		return amended(list, []holidaySwap{{lu.Nationalfeierdag, []*cal.Holiday{luNationalDay()}}}, luEuropeDay())
	case "AR":
		return amended(list, []holidaySwap{{ar.EasternsDay, []*cal.Holiday{arGoodFriday()}}})
	case "MX":
		return amended(list, mxSwaps())
	case "RU":
		return amended(list, ruSwaps(), ruNewYearHolidays()...)
	case "IT":
		return amended(list, nil, itSaintFrancis())
	}
	return list
}

// A holidaySwap replaces one of rickar's holidays (found by identity)
// with the holidays in with.
type holidaySwap struct {
	old  *cal.Holiday
	with []*cal.Holiday
}

// amended returns a new slice with the holidays of list, each swapped as
// swaps says, and then the holidays of add.
func amended(list []*cal.Holiday, swaps []holidaySwap, add ...*cal.Holiday) []*cal.Holiday {
	out := make([]*cal.Holiday, 0, len(list)+len(swaps)+len(add))
next:
	for _, h := range list {
		for _, s := range swaps {
			if h == s.old {
				out = append(out, s.with...)
				continue next
			}
		}
		out = append(out, h)
	}
	return append(out, add...)
}

// withoutObserved returns a copy of h that is never moved off its date.
func withoutObserved(h *cal.Holiday) *cal.Holiday {
	c := *h
	c.Observed = nil
	return &c
}

// nzMatariki is Te Rā Aro ki a Matariki/Matariki Observance Day, a public
// holiday since 2022 (Te Kāhui o Matariki Public Holiday Act 2022, which
// adds it to the public holidays of the Holidays Act 2003, s 44), on the
// Friday that Schedule 1 of that Act fixes for each year from 2022 to
// 2052. The Schedule stops at 2052, so no date is given after it. Being a
// Friday, it is never moved.
func nzMatariki() *cal.Holiday {
	return &cal.Holiday{
		Name:      "Matariki",
		Type:      cal.ObservancePublic,
		StartYear: 2022,
		EndYear:   2052,
		Func:      calcMatariki,
	}
}

// calcMatariki returns the date of Matariki in year from Schedule 1 of
// Te Kāhui o Matariki Public Holiday Act 2022, or the zero time for a year
// that the Schedule does not list.
func calcMatariki(_ *cal.Holiday, year int) time.Time {
	// Schedule 1, Dates of Te Rā Aro ki a Matariki/Matariki Observance Day
	// (https://www.legislation.govt.nz/act/public/2022/0014/latest/LMS557893.html).
	schedule := [...]struct {
		year  int
		month time.Month
		day   int
	}{
		{2022, time.June, 24}, {2023, time.July, 14}, {2024, time.June, 28},
		{2025, time.June, 20}, {2026, time.July, 10}, {2027, time.June, 25},
		{2028, time.July, 14}, {2029, time.July, 6}, {2030, time.June, 21},
		{2031, time.July, 11}, {2032, time.July, 2}, {2033, time.June, 24},
		{2034, time.July, 7}, {2035, time.June, 29}, {2036, time.July, 18},
		{2037, time.July, 10}, {2038, time.June, 25}, {2039, time.July, 15},
		{2040, time.July, 6}, {2041, time.July, 19}, {2042, time.July, 11},
		{2043, time.July, 3}, {2044, time.June, 24}, {2045, time.July, 7},
		{2046, time.June, 29}, {2047, time.July, 19}, {2048, time.July, 3},
		{2049, time.June, 25}, {2050, time.July, 15}, {2051, time.June, 30},
		{2052, time.June, 21},
	}
	for _, s := range schedule {
		if s.year == year {
			// Midnight in cal.DefaultLoc, as rickar's own functions give.
			return time.Date(year, s.month, s.day, 0, 0, 0, 0, cal.DefaultLoc)
		}
	}
	return time.Time{}
}

// luNationalDay is Luxembourg's National Day on 23 June: Code du travail,
// art. L. 232-2, 7° "le jour de la célébration publique de l'anniversaire
// du Grand-Duc qui est fixé au 23 juin" (as worded by the loi du 25 avril
// 2019, Mémorial A n° 271). rickar has 23 July. A legal holiday on a
// Sunday gives each employee a compensatory day off within three months,
// not a day off for all, so it is never moved.
func luNationalDay() *cal.Holiday {
	c := *lu.Nationalfeierdag
	c.Month, c.Day = time.June, 23
	return &c
}

// luEuropeDay is Europe Day, 9 May, a legal holiday since 2019: Code du
// travail, art. L. 232-2, 4° "la Journée de l'Europe", added by the loi du
// 25 avril 2019 (Mémorial A n° 271), in force from 1 January 2019.
func luEuropeDay() *cal.Holiday {
	return &cal.Holiday{
		Name:      "Europadag",
		Type:      cal.ObservancePublic,
		StartYear: 2019,
		Month:     time.May,
		Day:       9,
		Func:      cal.CalcDayOfMonth,
	}
}

// arGoodFriday is Viernes Santo, two days before Easter. rickar names it
// so but computes it three days before Easter, which is Jueves Santo. Ley
// 27.399 (2017) makes Viernes Santo a feriado nacional inamovible and
// Jueves Santo a día no laborable, where work is at the employer's option
// (Ley de Contrato de Trabajo, art. 167), so Jueves Santo is not added.
func arGoodFriday() *cal.Holiday {
	c := *ar.EasternsDay
	c.Offset = -2
	return &c
}

// mxSwaps corrects Mexico's list by the Ley Federal del Trabajo, art. 74,
// as reformed by the decree of 17 January 2006 (DOF): the days of rest are
// 1 January, the first Monday of February (for 5 February), the third
// Monday of March (for 21 March, from 2007 by the decree's second
// transitory article), 1 May, 16 September, the third Monday of November
// (for 20 November) and 25 December; before the reform they were 5
// February, 21 March and 20 November. The law moves none of them off a
// weekend, so no Observed rule is kept.
func mxSwaps() []holidaySwap {
	constitution := withoutObserved(mx.ConstitutionDay)
	constitution.EndYear = 2005
	constitutionMonday := &cal.Holiday{
		Name:      mx.ConstitutionDay.Name,
		Type:      mx.ConstitutionDay.Type,
		StartYear: 2006,
		Month:     time.February,
		Weekday:   time.Monday,
		Offset:    1,
		Func:      cal.CalcWeekdayOffset,
	}
	juarez := withoutObserved(mx.BenitoJuarezDay)
	juarez.EndYear = 2006
	juarezMonday := &cal.Holiday{
		Name:      mx.BenitoJuarezDay.Name,
		Type:      mx.BenitoJuarezDay.Type,
		StartYear: 2007,
		Month:     time.March,
		Weekday:   time.Monday,
		Offset:    3,
		Func:      cal.CalcWeekdayOffset,
	}
	// rickar has the third Monday of November for every year.
	revolution := &cal.Holiday{
		Name:    mx.RevolutionDay.Name,
		Type:    mx.RevolutionDay.Type,
		EndYear: 2005,
		Month:   time.November,
		Day:     20,
		Func:    cal.CalcDayOfMonth,
	}
	revolutionMonday := withoutObserved(mx.RevolutionDay)
	revolutionMonday.StartYear = 2006
	return []holidaySwap{
		{mx.NewYear, []*cal.Holiday{withoutObserved(mx.NewYear)}},
		{mx.ConstitutionDay, []*cal.Holiday{constitution, constitutionMonday}},
		{mx.BenitoJuarezDay, []*cal.Holiday{juarez, juarezMonday}},
		{mx.LabourDay, []*cal.Holiday{withoutObserved(mx.LabourDay)}},
		{mx.IndependenceDay, []*cal.Holiday{withoutObserved(mx.IndependenceDay)}},
		{mx.RevolutionDay, []*cal.Holiday{revolution, revolutionMonday}},
		{mx.ChristmasDay, []*cal.Holiday{withoutObserved(mx.ChristmasDay)}},
	}
}

// ruSwaps and ruNewYearHolidays correct Russia's January by the Labour
// Code (Трудовой кодекс), art. 112: "1, 2, 3, 4, 5, 6 и 8 января -
// Новогодние каникулы; 7 января - Рождество Христово" are non-working
// holidays, and a weekend day that falls on one of them is not moved to
// the next working day (part 2: "за исключением выходных дней, совпадающих
// с нерабочими праздничными днями, указанными в абзацах втором и третьем");
// the government instead moves two such days each year by decree, which is
// not modelled. So 1 and 7 January lose rickar's weekend moves.
func ruSwaps() []holidaySwap {
	return []holidaySwap{
		{ru.NewYear, []*cal.Holiday{withoutObserved(ru.NewYear)}},
		{ru.OrthodoxChristmas, []*cal.Holiday{withoutObserved(ru.OrthodoxChristmas)}},
	}
}

// ruNewYearHolidays returns 2 to 6 and 8 January (Labour Code, art. 112;
// 1 January is rickar's ru.NewYear).
func ruNewYearHolidays() []*cal.Holiday {
	var hs []*cal.Holiday
	for _, day := range []int{2, 3, 4, 5, 6, 8} {
		hs = append(hs, &cal.Holiday{
			Name:  "Новогодние каникулы",
			Type:  cal.ObservancePublic,
			Month: time.January,
			Day:   day,
			Func:  cal.CalcDayOfMonth,
		})
	}
	return hs
}

// mvWomensDay is International Women's Day, 8 March, a legal holiday in
// Mecklenburg-Vorpommern from 2023: Feiertagsgesetz Mecklenburg-Vorpommern
// (FTG M-V), § 2 Abs. 1, as amended by the Landtag in June 2022. It is
// rickar's Frauentag (which rickar lists for Berlin only) from 2023.
func mvWomensDay() *cal.Holiday {
	c := *de.Frauentag
	c.StartYear = 2023
	return &c
}

// itSaintFrancis is the festa nazionale di San Francesco d'Assisi, 4
// October, a holiday from 2026: legge 8 ottobre 2025, n. 151 (GU n. 236 of
// 10 October 2025, in force 1 January 2026), art. 1, adding it to the
// giorni festivi of legge 27 maggio 1949, n. 260, art. 2. Italy moves no
// holiday off a weekend.
func itSaintFrancis() *cal.Holiday {
	return &cal.Holiday{
		Name:      "San Francesco d'Assisi",
		Type:      cal.ObservancePublic,
		StartYear: 2026,
		Month:     time.October,
		Day:       4,
		Func:      cal.CalcDayOfMonth,
	}
}

// chAllSaints is All Saints' Day, 1 November, for "CH", which is meant to
// hold every holiday of the cantonal lists. rickar lists Allerheiligen for
// the cantons that keep it (AG, AI, FR, GL, GR, JU, LU, NW, OW, SG, SO,
// SZ, TI, UR, VS, ZG; for Schwyz, for instance, Ruhetagsgesetz SRSZ
// 545.110, § 2) and not for those that do not (such as Zürich, whose
// Ruhetags- und Ladenöffnungsgesetz, § 1, lacks it), but left it out of
// its list for the whole country.
func chAllSaints() *cal.Holiday {
	return ch.Allerheiligen
}
