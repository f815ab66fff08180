package policy

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// The errors that Validate, Decide and FactsFrom wrap, for errors.Is.
var (
	// ErrUnknownPurpose: a purpose that is not set or not one of the
	// purposes.
	ErrUnknownPurpose = errors.New("unknown purpose")
	// ErrUnknownParticipant: an ID that is not in the overlap report, or
	// not among the topic's or the facts' participants.
	ErrUnknownParticipant = errors.New("unknown participant")
	// ErrDeadlinePassed: a topic whose deadline is before now.
	ErrDeadlinePassed = errors.New("deadline before now")
	// ErrInvalid: anything else wrong with a topic, facts or a policy.
	ErrInvalid = errors.New("invalid")
)

// A Topic is something a team must handle: what it is for, by when, and
// who takes part. The zero Topic is not valid: it has no purpose and no
// participants.
type Topic struct {
	// Title names the topic for people; the rules ignore it.
	Title   string
	Purpose Purpose
	// NeedBy is when the topic must be settled. The zero time means no
	// deadline; otherwise it must not be before now (Policy.Decide checks).
	NeedBy time.Time
	// Ambiguity is how open the problem is; Sensitivity how personal,
	// contentious or confidential. The zero value is Low.
	Ambiguity, Sensitivity Level
	// Reversible says whether a decision can be undone cheaply (a
	// "two-way door"); it matters only when Purpose is Decide. The zero
	// value, false, is the cautious reading: a one-way door.
	Reversible bool
	// Participants are the IDs of the people who take part, as the
	// overlap report knows them; DecisionMakers are those of them who
	// decide (one of them is the owner).
	Participants   []string
	DecisionMakers []string
	// WrittenProposal says whether a written proposal (a memo, a design
	// document) already exists.
	WrittenProposal bool
	// Exchanges counts the back-and-forth exchanges the topic's thread
	// has had so far.
	Exchanges int
	// FirstCollaboration says that these people have not worked together
	// before. (It is phrased this way round so that the zero value, the
	// common case, asks for no kickoff meeting.)
	FirstCollaboration bool
	// Recurring says that the topic comes back (a weekly status, a
	// standing review): the decision covers the series.
	Recurring bool
}

// Validate reports the first thing wrong with t on its own: a purpose
// that is not set or unknown (wrapping ErrUnknownPurpose), an unknown
// ambiguity or sensitivity, no participants, an empty or repeated ID,
// a decision-maker who is not a participant (wrapping
// ErrUnknownParticipant), or a negative number of exchanges. Whether the
// deadline has passed depends on now: Policy.Decide tells.
func (t Topic) Validate() error {
	fail := func(err error, format string, args ...any) error {
		return fmt.Errorf("policy.Topic.Validate: %w: %s", err, fmt.Sprintf(format, args...))
	}
	switch {
	case t.Purpose == 0:
		return fail(ErrUnknownPurpose, "no purpose set")
	case !t.Purpose.valid():
		return fail(ErrUnknownPurpose, "purpose %d", int(t.Purpose))
	case !t.Ambiguity.valid():
		return fail(ErrInvalid, "ambiguity %d", int(t.Ambiguity))
	case !t.Sensitivity.valid():
		return fail(ErrInvalid, "sensitivity %d", int(t.Sensitivity))
	case len(t.Participants) == 0:
		return fail(ErrInvalid, "no participants")
	case t.Exchanges < 0:
		return fail(ErrInvalid, "exchanges %d is negative", t.Exchanges)
	}
	for i, id := range t.Participants {
		if id == "" {
			return fail(ErrInvalid, "participant %d has an empty ID", i+1)
		}
		if slices.Contains(t.Participants[:i], id) {
			return fail(ErrInvalid, "participant %q is listed twice", id)
		}
	}
	for _, id := range t.DecisionMakers {
		if !slices.Contains(t.Participants, id) {
			return fail(ErrUnknownParticipant, "decision-maker %q is not a participant", id)
		}
	}
	return nil
}
