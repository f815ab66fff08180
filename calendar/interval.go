package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/internal/jsontext"
)

// An Interval is the half-open stretch of time [Start, End): it contains
// Start and every instant up to, but not including, End. Its ends are
// compared as instants, so they may carry any Location.
//
// An Interval whose End is not after its Start is empty; the zero Interval
// is empty. In JSON an Interval is {"start", "end"}, RFC 3339 instants in
// UTC.
type Interval struct {
	Start, End time.Time
}

// IsEmpty reports whether iv contains no instant.
func (iv Interval) IsEmpty() bool { return !iv.Start.Before(iv.End) }

// Duration returns the length of iv, zero when it is empty.
func (iv Interval) Duration() time.Duration {
	if iv.IsEmpty() {
		return 0
	}
	return iv.End.Sub(iv.Start)
}

// Contains reports whether t is in [Start, End).
func (iv Interval) Contains(t time.Time) bool {
	return !t.Before(iv.Start) && t.Before(iv.End)
}

// Overlaps reports whether iv and o share at least one instant.
func (iv Interval) Overlaps(o Interval) bool {
	return !iv.IsEmpty() && !o.IsEmpty() && iv.Start.Before(o.End) && o.Start.Before(iv.End)
}

// Intersect returns the instants iv and o share, which may be empty.
func (iv Interval) Intersect(o Interval) Interval {
	r := iv
	if o.Start.After(r.Start) {
		r.Start = o.Start
	}
	if o.End.Before(r.End) {
		r.End = o.End
	}
	return r
}

// In returns iv with both ends expressed in loc; a nil loc means UTC.
func (iv Interval) In(loc *time.Location) Interval {
	if loc == nil {
		loc = time.UTC
	}
	return Interval{iv.Start.In(loc), iv.End.In(loc)}
}

// String returns iv as "[start, end)" with RFC 3339 instants.
func (iv Interval) String() string {
	return "[" + iv.Start.Format(time.RFC3339) + ", " + iv.End.Format(time.RFC3339) + ")"
}

// intervalJSON is an Interval in JSON; pointers tell a missing end from
// the zero time.
type intervalJSON struct {
	Start *jsontext.Time `json:"start"`
	End   *jsontext.Time `json:"end"`
}

// MarshalJSON implements json.Marshaler: {"start": ..., "end": ...}, RFC
// 3339 instants in UTC.
func (iv Interval) MarshalJSON() ([]byte, error) {
	s, e := jsontext.Time(iv.Start), jsontext.Time(iv.End)
	return json.Marshal(intervalJSON{&s, &e})
}

// UnmarshalJSON implements json.Unmarshaler. Both ends are required, as
// RFC 3339 text; unknown fields are errors.
func (iv *Interval) UnmarshalJSON(b []byte) error {
	// The common form, {"start": "...", "end": "..."}, without the
	// decoder: a roster or a request holds thousands of intervals.
	if s, e, ok := jsontext.Pair(b, "start", "end"); ok {
		start, err1 := jsontext.ParseTime(s)
		end, err2 := jsontext.ParseTime(e)
		if err1 == nil && err2 == nil {
			*iv = Interval{start, end}
			return nil
		}
	}
	var j intervalJSON
	if err := jsontext.DecodeStrict(b, &j); err != nil {
		return fmt.Errorf("calendar.Interval.UnmarshalJSON: %w", err)
	}
	if j.Start == nil || j.End == nil {
		return errors.New(`calendar.Interval.UnmarshalJSON: want "start" and "end"`)
	}
	*iv = Interval{time.Time(*j.Start), time.Time(*j.End)}
	return nil
}
