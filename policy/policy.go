package policy

import (
	"fmt"
	"time"

	"github.com/tzplan/tzplan/overlap"
)

// A Policy holds the thresholds the rules use. Every field has a default,
// which a zero field means (so Policy{} behaves as Default()); a negative
// field is invalid.
type Policy struct {
	// ReplyDelay is how much of a recipient's free time a written reply
	// takes (for the round trip; see overlap.Report.Reply). Default 4h, half a
	// working day: overlap.DefaultReply.
	ReplyDelay time.Duration
	// MinSlot is the shortest common window worth meeting in, and the
	// length of the short meeting the rules propose. Default 30m: the
	// smallest block most calendars offer, and overlap.FragmentLength,
	// under which free time is only a fragment.
	MinSlot time.Duration
	// ComfortOverlap is the common time a day from which a group is
	// comfortable meeting. Default 4h: 37signals' "Remote: Office Not
	// Required" (2013) asks for about four hours of overlap, and Dropbox's
	// Virtual First Toolkit sets four core collaboration hours.
	ComfortOverlap time.Duration
	// MaxSyncGroup is the largest group that ideates or decides well in a
	// meeting. Default 7: Bain & Company's "rule of 7" (Blenko, Mankins &
	// Rogers, "Decide & Deliver", 2010): each member past seven cuts a
	// group's decision effectiveness by about 10%.
	MaxSyncGroup int
	// MaxExchanges is how many back-and-forth exchanges a thread may have
	// before a short call settles it. Default 3: the GitLab Handbook's
	// advice to move a thread to a call after about three exchanges.
	MaxExchanges int
	// ExpectedExchanges is how many round trips gathering input takes in
	// writing: one to ask, one to follow up. Default 2 (a tzplan default).
	ExpectedExchanges int

	// FocusBlock is the shortest stretch of free working time that an
	// audit counts as focus time. Default 2h: overlap.DefaultFocusBlock,
	// the threshold of Clockwise's focus time, Microsoft Viva Insights'
	// focus hours and Multitudes' deep work. A move must also win back
	// at least this much focus time a month.
	FocusBlock time.Duration
	// AfterHoursLimit is the time outside working hours a month that one
	// person may spend in one recurring series before the audit asks to
	// rotate it (when it is more than half of their occurrences). Default
	// 1h (a tzplan default: a quarter hour a week).
	AfterHoursLimit time.Duration
	// FocusCostLimit is the focus cost a month from which the audit asks
	// to shorten a recurring series that no move helps. Default 4h (a
	// tzplan default: two focus blocks, half a working day).
	FocusCostLimit time.Duration
}

// MaxReplyDelay is the longest ReplyDelay a Policy may have: a week of
// someone's free time (about a month of working days) is no longer a
// reply. MaxExpectedExchanges bounds ExpectedExchanges: a hundred round
// trips is no longer gathering input.
const (
	MaxReplyDelay        = 7 * 24 * time.Hour
	MaxExpectedExchanges = 100
)

// The defaults of the Policy fields.
const (
	DefaultReplyDelay        = overlap.DefaultReply
	DefaultMinSlot           = 30 * time.Minute
	DefaultComfortOverlap    = 4 * time.Hour
	DefaultMaxSyncGroup      = 7
	DefaultMaxExchanges      = 3
	DefaultExpectedExchanges = 2
	DefaultFocusBlock        = overlap.DefaultFocusBlock
	DefaultAfterHoursLimit   = time.Hour
	DefaultFocusCostLimit    = 4 * time.Hour
)

// Default returns the policy with every threshold at its default.
func Default() Policy {
	return Policy{
		ReplyDelay:        DefaultReplyDelay,
		MinSlot:           DefaultMinSlot,
		ComfortOverlap:    DefaultComfortOverlap,
		MaxSyncGroup:      DefaultMaxSyncGroup,
		MaxExchanges:      DefaultMaxExchanges,
		ExpectedExchanges: DefaultExpectedExchanges,
		FocusBlock:        DefaultFocusBlock,
		AfterHoursLimit:   DefaultAfterHoursLimit,
		FocusCostLimit:    DefaultFocusCostLimit,
	}
}

// withDefaults returns p with its zero fields set to the defaults.
func (p Policy) withDefaults() Policy {
	d := Default()
	if p.ReplyDelay == 0 {
		p.ReplyDelay = d.ReplyDelay
	}
	if p.MinSlot == 0 {
		p.MinSlot = d.MinSlot
	}
	if p.ComfortOverlap == 0 {
		p.ComfortOverlap = d.ComfortOverlap
	}
	if p.MaxSyncGroup == 0 {
		p.MaxSyncGroup = d.MaxSyncGroup
	}
	if p.MaxExchanges == 0 {
		p.MaxExchanges = d.MaxExchanges
	}
	if p.ExpectedExchanges == 0 {
		p.ExpectedExchanges = d.ExpectedExchanges
	}
	if p.FocusBlock == 0 {
		p.FocusBlock = d.FocusBlock
	}
	if p.AfterHoursLimit == 0 {
		p.AfterHoursLimit = d.AfterHoursLimit
	}
	if p.FocusCostLimit == 0 {
		p.FocusCostLimit = d.FocusCostLimit
	}
	return p
}

// Validate reports the first thing wrong with p, zero fields read as
// their defaults: a negative field, a ReplyDelay over MaxReplyDelay, an
// ExpectedExchanges over MaxExpectedExchanges, a MinSlot, ComfortOverlap
// or FocusBlock that is not a whole number of minutes, a ComfortOverlap under MinSlot, or a
// MaxSyncGroup under 2. The errors wrap ErrInvalid.
func (p Policy) Validate() error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("policy.Policy.Validate: %w: %s", ErrInvalid, fmt.Sprintf(format, args...))
	}
	switch {
	case p.ReplyDelay < 0:
		return fail("ReplyDelay %s is negative", p.ReplyDelay)
	case p.ReplyDelay > MaxReplyDelay:
		return fail("ReplyDelay %s is more than %s of someone's free time", p.ReplyDelay, MaxReplyDelay)
	case p.MinSlot < 0:
		return fail("MinSlot %s is negative", p.MinSlot)
	case p.ComfortOverlap < 0:
		return fail("ComfortOverlap %s is negative", p.ComfortOverlap)
	case p.MaxSyncGroup < 0:
		return fail("MaxSyncGroup %d is negative", p.MaxSyncGroup)
	case p.MaxExchanges < 0:
		return fail("MaxExchanges %d is negative", p.MaxExchanges)
	case p.ExpectedExchanges < 0:
		return fail("ExpectedExchanges %d is negative", p.ExpectedExchanges)
	case p.ExpectedExchanges > MaxExpectedExchanges:
		return fail("ExpectedExchanges %d is more than %d", p.ExpectedExchanges, MaxExpectedExchanges)
	case p.FocusBlock < 0:
		return fail("FocusBlock %s is negative", p.FocusBlock)
	case p.AfterHoursLimit < 0:
		return fail("AfterHoursLimit %s is negative", p.AfterHoursLimit)
	case p.FocusCostLimit < 0:
		return fail("FocusCostLimit %s is negative", p.FocusCostLimit)
	}
	q := p.withDefaults()
	switch {
	case q.MinSlot%time.Minute != 0:
		return fail("MinSlot %s is not a whole number of minutes", q.MinSlot)
	case q.ComfortOverlap%time.Minute != 0:
		return fail("ComfortOverlap %s is not a whole number of minutes", q.ComfortOverlap)
	case q.ComfortOverlap < q.MinSlot:
		return fail("ComfortOverlap %s is under MinSlot %s", q.ComfortOverlap, q.MinSlot)
	case q.MaxSyncGroup < 2:
		return fail("MaxSyncGroup %d is under 2", q.MaxSyncGroup)
	case q.FocusBlock%time.Minute != 0:
		return fail("FocusBlock %s is not a whole number of minutes", q.FocusBlock)
	}
	return nil
}
