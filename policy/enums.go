package policy

import (
	"fmt"
	"slices"
	"strings"
)

// A Mode is how a topic is handled: in writing, in a meeting, or both.
// The zero Mode is Async, the default.
type Mode int

// The modes. Hybrid is a written part (a pre-read, a memo, a summary)
// together with a short meeting.
const (
	Async  Mode = iota // in writing, at each person's own time
	Sync               // in a meeting
	Hybrid             // a written part and a short meeting
)

var modeNames = [...]string{"async", "sync", "hybrid"}

// String returns the mode's name: "async", "sync" or "hybrid".
func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// ParseMode returns the Mode that String names.
func ParseMode(s string) (Mode, error) {
	if i := slices.Index(modeNames[:], s); i >= 0 {
		return Mode(i), nil
	}
	return 0, fmt.Errorf("policy.ParseMode(%q): %w: want one of %s", s, ErrInvalid, strings.Join(modeNames[:], ", "))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (m Mode) MarshalText() ([]byte, error) {
	if m < 0 || int(m) >= len(modeNames) {
		return nil, fmt.Errorf("policy.Mode.MarshalText: %w: mode %d", ErrInvalid, int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseMode.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// rank orders the modes by how much meeting they ask for: Async, then
// Hybrid, then Sync.
func (m Mode) rank() int {
	switch m {
	case Hybrid:
		return 1
	case Sync:
		return 2
	}
	return 0
}

// A Purpose is what a topic is for. The zero Purpose is not a purpose: a
// topic must say what it is for, so Topic.Validate rejects it.
type Purpose int

// The purposes.
const (
	Inform      Purpose = iota + 1 // share news, status, an FYI
	GatherInput                    // collect input, feedback or consensus
	Decide                         // make a decision
	Ideate                         // brainstorm, explore an open problem
	Resolve                        // resolve a conflict
	Connect                        // build rapport, kick off working together
	Incident                       // respond to an incident
)

var purposeNames = [...]string{"", "inform", "gather-input", "decide", "ideate", "resolve-conflict", "connect", "incident"}

// String returns the purpose's name: "inform", "gather-input", "decide",
// "ideate", "resolve-conflict", "connect" or "incident"; the zero Purpose
// is "".
func (p Purpose) String() string {
	if p < 0 || int(p) >= len(purposeNames) {
		return fmt.Sprintf("Purpose(%d)", int(p))
	}
	return purposeNames[p]
}

// ParsePurpose returns the Purpose that String names. Any other text,
// the empty text included, is an error that wraps ErrUnknownPurpose.
func ParsePurpose(s string) (Purpose, error) {
	if i := slices.Index(purposeNames[1:], s); i >= 0 {
		return Purpose(i + 1), nil
	}
	return 0, fmt.Errorf("policy.ParsePurpose(%q): %w: want one of %s", s, ErrUnknownPurpose, strings.Join(purposeNames[1:], ", "))
}

// valid reports whether p is one of the purposes.
func (p Purpose) valid() bool { return p >= Inform && p <= Incident }

// MarshalText implements encoding.TextMarshaler with the String form. The
// zero Purpose marshals as "" (and Topic.Validate rejects it).
func (p Purpose) MarshalText() ([]byte, error) {
	if p != 0 && !p.valid() {
		return nil, fmt.Errorf("policy.Purpose.MarshalText: %w %d", ErrUnknownPurpose, int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParsePurpose,
// except that "" gives the zero Purpose, which Topic.Validate rejects.
func (p *Purpose) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*p = 0
		return nil
	}
	v, err := ParsePurpose(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// A Level grades a topic's ambiguity or sensitivity. The zero Level is Low.
type Level int

// The levels.
const (
	Low Level = iota
	Medium
	High
)

var levelNames = [...]string{"low", "medium", "high"}

// String returns the level's name: "low", "medium" or "high".
func (l Level) String() string {
	if !l.valid() {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

func (l Level) valid() bool { return l >= Low && l <= High }

// ParseLevel returns the Level that String names.
func ParseLevel(s string) (Level, error) {
	if i := slices.Index(levelNames[:], s); i >= 0 {
		return Level(i), nil
	}
	return 0, fmt.Errorf("policy.ParseLevel(%q): %w: want one of %s", s, ErrInvalid, strings.Join(levelNames[:], ", "))
}

// MarshalText implements encoding.TextMarshaler with the String form.
func (l Level) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, fmt.Errorf("policy.Level.MarshalText: %w: level %d", ErrInvalid, int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseLevel.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
