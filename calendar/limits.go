package calendar

import "context"

// Limits bound the work and memory of the calls that read, expand or
// search, so that no input, however large or hostile, makes a call run
// long or take much memory: past a limit, a call returns at once with an
// error that wraps ErrLimit and names the limit (Limits.FocusBlocks, ...).
//
// The limits in force for a call are those of the context it is given:
// set them for a request with WithLimits; without, DefaultLimits apply. A
// zero field means its default. Every package of tzplan reads them from
// there, so they are set in one place for calendar, calendar/ics, overlap
// and policy, and reach the BusySources too.
type Limits struct {
	// Occurrences is the most starts one expansion of a recurrence
	// returns (Recurrence.Starts, Occurrences; an event of a calendar).
	Occurrences int
	// BusyOccurrences is the most occurrences one BusySource call expands
	// in all (ics.Calendar.Busy: all its recurring events together).
	BusyOccurrences int
	// CountWalkYears is the most years one walk that counts a COUNT
	// rule's starts from its DTSTART may cover.
	CountWalkYears int
	// CountWalkYearsTotal is the most years the COUNT walks of one file's
	// events (an ics.Calendar), or of one person's focus blocks (a
	// Schedule), may cover in all, over its life: see CountBudget.
	CountWalkYearsTotal int
	// FocusBlocks is the most focus blocks a person may have (Compile).
	FocusBlocks int
	// Days is the most days off, working days and holiday calendars a
	// person may have in all, the roster's included (Compile,
	// ReadRoster), and 500 times it the most the roster's make for all
	// its people together; Changes the most stays and dated hours a
	// person may have.
	Days, Changes int
	// FileBytes is the largest iCalendar input (ics.Read, ReadFile, the
	// files a roster names); RosterBytes the largest roster.
	FileBytes, RosterBytes int64
	// People is the largest team one report may have (overlap.Compute).
	People int
	// CandidateAttendees is the most candidate starts times attendees
	// that Suggest and Rotate evaluate.
	CandidateAttendees int64
	// RotationStates is how many partial plans a part may leave for
	// Rotate's search to stay exact; past it, the search keeps a quarter
	// of that many and says it is best-effort.
	RotationStates int
	// Participants is the most participants policy.FactsFrom measures
	// (the round trips of every pair).
	Participants int
}

// DefaultLimits returns the limits that apply where a context sets none:
// 50,000 occurrences an expansion, 500,000 a busy call, 1,000 years of
// COUNT walking a rule and 20,000 a file or person, 1,000 focus blocks, 2,000 days
// and 1,000 stays and dated hours a person, 64 MiB of iCalendar and 16
// MiB of roster, 100,000 people, 4,000,000 candidates times attendees,
// 1,024 partial plans a part, and 200 participants.
func DefaultLimits() Limits {
	return Limits{
		Occurrences:         50_000,
		BusyOccurrences:     500_000,
		CountWalkYears:      1000,
		CountWalkYearsTotal: 20_000,
		FocusBlocks:         1000,
		Days:                2000,
		Changes:             1000,
		FileBytes:           64 << 20,
		RosterBytes:         16 << 20,
		People:              100_000,
		CandidateAttendees:  4_000_000,
		RotationStates:      1024,
		Participants:        200,
	}
}

// limitsKey is the context key of the limits.
type limitsKey struct{}

// WithLimits returns a context that carries l, for the calls given it.
// Zero fields of l mean their defaults.
func WithLimits(ctx context.Context, l Limits) context.Context {
	return context.WithValue(ctx, limitsKey{}, l)
}

// LimitsOf returns the limits a call given ctx works within: those set by
// WithLimits, with DefaultLimits for the fields it left zero (or all of
// them when it set none).
func LimitsOf(ctx context.Context) Limits {
	l, _ := ctx.Value(limitsKey{}).(Limits)
	d := DefaultLimits()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.Occurrences, d.Occurrences)
	set(&l.BusyOccurrences, d.BusyOccurrences)
	set(&l.CountWalkYears, d.CountWalkYears)
	set(&l.CountWalkYearsTotal, d.CountWalkYearsTotal)
	set(&l.FocusBlocks, d.FocusBlocks)
	set(&l.Days, d.Days)
	set(&l.Changes, d.Changes)
	set(&l.People, d.People)
	set(&l.RotationStates, d.RotationStates)
	set(&l.Participants, d.Participants)
	if l.FileBytes <= 0 {
		l.FileBytes = d.FileBytes
	}
	if l.RosterBytes <= 0 {
		l.RosterBytes = d.RosterBytes
	}
	if l.CandidateAttendees <= 0 {
		l.CandidateAttendees = d.CandidateAttendees
	}
	return l
}
