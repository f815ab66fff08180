package policy

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/jsontext"
	"github.com/tzplan/tzplan/overlap"
)

// In JSON, field names are lower camelCase, durations are Go duration
// text without zero units ("4h", "1h30m", "30m"), instants are RFC 3339
// in UTC, and intervals are {"start", "end"} (see the package tzplan).
// Unknown fields are errors, so that a misspelt field is never silently
// dropped.

// timePtr returns t for an omitempty field: nil for the zero time.
func timePtr(t time.Time) *jsontext.Time {
	if t.IsZero() {
		return nil
	}
	j := jsontext.Time(t)
	return &j
}

func fromTimePtr(t *jsontext.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return time.Time(*t)
}

// decodeStrict decodes b into v, rejecting unknown fields and trailing
// data; the error is that of the Unmarshal method of type what.
func decodeStrict(b []byte, v any, what string) error {
	if err := jsontext.DecodeStrict(b, v); err != nil {
		return fmt.Errorf("policy.%s.UnmarshalJSON: %w: %w", what, ErrInvalid, err)
	}
	return nil
}

type topicJSON struct {
	Title              string         `json:"title,omitempty"`
	Purpose            Purpose        `json:"purpose"`
	NeedBy             *jsontext.Time `json:"needBy,omitempty"`
	Ambiguity          Level          `json:"ambiguity"`
	Sensitivity        Level          `json:"sensitivity"`
	Reversible         bool           `json:"reversible"`
	Participants       []string       `json:"participants"`
	DecisionMakers     []string       `json:"decisionMakers,omitempty"`
	WrittenProposal    bool           `json:"writtenProposal"`
	Exchanges          int            `json:"exchanges"`
	FirstCollaboration bool           `json:"firstCollaboration"`
	Recurring          bool           `json:"recurring"`
}

// MarshalJSON implements json.Marshaler. A topic with no deadline has no
// "needBy"; a topic with no purpose has "purpose": "".
func (t Topic) MarshalJSON() ([]byte, error) {
	return json.Marshal(topicJSON{
		Title: t.Title, Purpose: t.Purpose, NeedBy: timePtr(t.NeedBy),
		Ambiguity: t.Ambiguity, Sensitivity: t.Sensitivity, Reversible: t.Reversible,
		Participants: t.Participants, DecisionMakers: t.DecisionMakers,
		WrittenProposal: t.WrittenProposal, Exchanges: t.Exchanges, FirstCollaboration: t.FirstCollaboration,
		Recurring: t.Recurring,
	})
}

// UnmarshalJSON implements json.Unmarshaler. Missing fields are zero (no
// deadline, low ambiguity and sensitivity); an unknown field or purpose is
// an error. It does not validate the topic: Validate does.
func (t *Topic) UnmarshalJSON(b []byte) error {
	var j topicJSON
	if err := decodeStrict(b, &j, "Topic"); err != nil {
		return err
	}
	*t = Topic{
		Title: j.Title, Purpose: j.Purpose, NeedBy: fromTimePtr(j.NeedBy),
		Ambiguity: j.Ambiguity, Sensitivity: j.Sensitivity, Reversible: j.Reversible,
		Participants: j.Participants, DecisionMakers: j.DecisionMakers,
		WrittenProposal: j.WrittenProposal, Exchanges: j.Exchanges, FirstCollaboration: j.FirstCollaboration,
		Recurring: j.Recurring,
	}
	return nil
}

type policyJSON struct {
	ReplyDelay        jsontext.Duration `json:"replyDelay"`
	MinSlot           jsontext.Duration `json:"minSlot"`
	ComfortOverlap    jsontext.Duration `json:"comfortOverlap"`
	MaxSyncGroup      int               `json:"maxSyncGroup"`
	MaxExchanges      int               `json:"maxExchanges"`
	ExpectedExchanges int               `json:"expectedExchanges"`
	FocusBlock        jsontext.Duration `json:"focusBlock"`
	AfterHoursLimit   jsontext.Duration `json:"afterHoursLimit"`
	FocusCostLimit    jsontext.Duration `json:"focusCostLimit"`
}

// MarshalJSON implements json.Marshaler.
func (p Policy) MarshalJSON() ([]byte, error) {
	return json.Marshal(policyJSON{
		jsontext.Duration(p.ReplyDelay), jsontext.Duration(p.MinSlot), jsontext.Duration(p.ComfortOverlap),
		p.MaxSyncGroup, p.MaxExchanges, p.ExpectedExchanges,
		jsontext.Duration(p.FocusBlock), jsontext.Duration(p.AfterHoursLimit), jsontext.Duration(p.FocusCostLimit),
	})
}

// UnmarshalJSON implements json.Unmarshaler. A missing field is zero,
// which means its default.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var j policyJSON
	if err := decodeStrict(b, &j, "Policy"); err != nil {
		return err
	}
	*p = Policy{
		time.Duration(j.ReplyDelay), time.Duration(j.MinSlot), time.Duration(j.ComfortOverlap),
		j.MaxSyncGroup, j.MaxExchanges, j.ExpectedExchanges,
		time.Duration(j.FocusBlock), time.Duration(j.AfterHoursLimit), time.Duration(j.FocusCostLimit),
	}
	return nil
}

type factsJSON struct {
	Now           *jsontext.Time      `json:"now"`
	Participants  []string            `json:"participants"`
	Horizon       calendar.Interval   `json:"horizon"`
	CommonPerDay  jsontext.Duration   `json:"commonPerDay"`
	Common        jsontext.Duration   `json:"common"`
	NextWindow    *calendar.Interval  `json:"nextWindow"` // Windows[0]; ignored when read
	Windows       []calendar.Interval `json:"windows"`
	RoundTrip     jsontext.Duration   `json:"roundTrip"`
	RoundTripPair [2]string           `json:"roundTripPair"`
	TypicalRound  jsontext.Duration   `json:"typicalRoundTrip"`
	Zones         int                 `json:"zones"`
	OffsetSpread  jsontext.Duration   `json:"offsetSpread"`
	MustShift     []string            `json:"mustShift"`
	OffHoursNow   []string            `json:"offHoursNow"`
}

// MarshalJSON implements json.Marshaler. Besides the fields it writes
// "nextWindow", Windows[0] or null, for readers; UnmarshalJSON ignores it.
func (f Facts) MarshalJSON() ([]byte, error) {
	j := factsJSON{
		Now: timePtr(f.Now), Participants: jsontext.List(f.Participants), Horizon: f.Horizon, Windows: jsontext.List(f.Windows),
		CommonPerDay: jsontext.Duration(f.CommonPerDay), Common: jsontext.Duration(f.Common),
		RoundTrip: jsontext.Duration(f.RoundTrip), RoundTripPair: f.RoundTripPair, TypicalRound: jsontext.Duration(f.TypicalRoundTrip),
		Zones: f.Zones, OffsetSpread: jsontext.Duration(f.OffsetSpread),
		MustShift: jsontext.List(f.MustShift), OffHoursNow: jsontext.List(f.OffHoursNow),
	}
	if len(j.Windows) > 0 {
		j.NextWindow = &j.Windows[0]
	}
	return json.Marshal(j)
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *Facts) UnmarshalJSON(b []byte) error {
	var j factsJSON
	if err := decodeStrict(b, &j, "Facts"); err != nil {
		return err
	}
	*f = Facts{
		Now: fromTimePtr(j.Now), Participants: jsontext.Nil(j.Participants), Horizon: j.Horizon, Windows: jsontext.Nil(j.Windows),
		CommonPerDay: time.Duration(j.CommonPerDay), Common: time.Duration(j.Common),
		RoundTrip: time.Duration(j.RoundTrip), RoundTripPair: j.RoundTripPair, TypicalRoundTrip: time.Duration(j.TypicalRound),
		Zones: j.Zones, OffsetSpread: time.Duration(j.OffsetSpread),
		MustShift: jsontext.Nil(j.MustShift), OffHoursNow: jsontext.Nil(j.OffHoursNow),
	}
	return nil
}

type decisionJSON struct {
	Mode     Mode               `json:"mode"`
	Format   string             `json:"format"`
	Reasons  []Reason           `json:"reasons"`
	Warnings []string           `json:"warnings"`
	Facts    Facts              `json:"facts"`
	Slot     *calendar.Interval `json:"slot"`
	Lead     jsontext.Duration  `json:"lead"`
	Expected *jsontext.Time     `json:"expected"`
}

// MarshalJSON implements json.Marshaler. A decision with no slot has
// "slot": null, and one with no expected time "expected": null.
func (d Decision) MarshalJSON() ([]byte, error) {
	return json.Marshal(decisionJSON{Mode: d.Mode, Format: d.Format, Reasons: jsontext.List(d.Reasons),
		Warnings: jsontext.List(d.Warnings), Facts: d.Facts, Slot: d.Slot, Lead: jsontext.Duration(d.Lead), Expected: timePtr(d.Expected)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *Decision) UnmarshalJSON(b []byte) error {
	var j decisionJSON
	if err := decodeStrict(b, &j, "Decision"); err != nil {
		return err
	}
	*d = Decision{Mode: j.Mode, Format: j.Format, Reasons: jsontext.Nil(j.Reasons), Warnings: jsontext.Nil(j.Warnings), Facts: j.Facts, Slot: j.Slot,
		Lead: time.Duration(j.Lead), Expected: fromTimePtr(j.Expected)}
	return nil
}

type auditJSON struct {
	Window     calendar.Interval `json:"window"`
	Months     float64           `json:"months"`
	Series     []SeriesAudit     `json:"series"`
	PersonTime jsontext.Duration `json:"personTime"`
	Load       overlap.Load      `json:"load"`
}

// MarshalJSON implements json.Marshaler: {"window", "months", "series",
// "personTime", "load"}.
func (a Audit) MarshalJSON() ([]byte, error) {
	return json.Marshal(auditJSON{a.Window, a.Months, jsontext.List(a.Series), jsontext.Duration(a.PersonTime), a.Load})
}

// UnmarshalJSON implements json.Unmarshaler.
func (a *Audit) UnmarshalJSON(b []byte) error {
	var j auditJSON
	if err := decodeStrict(b, &j, "Audit"); err != nil {
		return err
	}
	*a = Audit{j.Window, j.Months, jsontext.Nil(j.Series), time.Duration(j.PersonTime), j.Load}
	return nil
}

type seriesAuditJSON struct {
	Series        string            `json:"series"`
	Title         string            `json:"title"`
	Recurring     bool              `json:"recurring"`
	Occurrences   int               `json:"occurrences"`
	Attendees     []string          `json:"attendees"`
	Zones         []string          `json:"zones"`
	Length        jsontext.Duration `json:"length"`
	Purpose       Purpose           `json:"purpose"`
	Guessed       bool              `json:"guessed"`
	PersonTime    jsontext.Duration `json:"personTime"`
	FocusCost     jsontext.Duration `json:"focusCost"`
	AfterHours    []AfterHours      `json:"afterHours"`
	Concentration float64           `json:"concentration"`
	Verdict       Verdict           `json:"verdict"`
	Reasons       []Reason          `json:"reasons"`
	Rotation      *overlap.Rotation `json:"rotation"`
	Move          *Move             `json:"move"`
}

// MarshalJSON implements json.Marshaler, with lower camelCase names and
// "rotation" and "move" null when there is none.
func (s SeriesAudit) MarshalJSON() ([]byte, error) {
	return json.Marshal(seriesAuditJSON{s.Series, s.Title, s.Recurring, s.Occurrences, jsontext.List(s.Attendees), jsontext.List(s.Zones),
		jsontext.Duration(s.Length), s.Purpose, s.Guessed, jsontext.Duration(s.PersonTime), jsontext.Duration(s.FocusCost),
		jsontext.List(s.AfterHours), s.Concentration, s.Verdict, jsontext.List(s.Reasons), s.Rotation, s.Move})
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *SeriesAudit) UnmarshalJSON(b []byte) error {
	var j seriesAuditJSON
	if err := decodeStrict(b, &j, "SeriesAudit"); err != nil {
		return err
	}
	*s = SeriesAudit{j.Series, j.Title, j.Recurring, j.Occurrences, jsontext.Nil(j.Attendees), jsontext.Nil(j.Zones),
		time.Duration(j.Length), j.Purpose, j.Guessed, time.Duration(j.PersonTime), time.Duration(j.FocusCost),
		jsontext.Nil(j.AfterHours), j.Concentration, j.Verdict, jsontext.Nil(j.Reasons), j.Rotation, j.Move}
	return nil
}

type afterHoursJSON struct {
	ID          string            `json:"id"`
	Time        jsontext.Duration `json:"time"`
	Occurrences int               `json:"occurrences"`
	Attended    int               `json:"attended"`
}

// MarshalJSON implements json.Marshaler: {"id", "time", "occurrences",
// "attended"}.
func (a AfterHours) MarshalJSON() ([]byte, error) {
	return json.Marshal(afterHoursJSON{a.ID, jsontext.Duration(a.Time), a.Occurrences, a.Attended})
}

// UnmarshalJSON implements json.Unmarshaler.
func (a *AfterHours) UnmarshalJSON(b []byte) error {
	var j afterHoursJSON
	if err := decodeStrict(b, &j, "AfterHours"); err != nil {
		return err
	}
	*a = AfterHours{j.ID, time.Duration(j.Time), j.Occurrences, j.Attended}
	return nil
}

type moveJSON struct {
	Offset    jsontext.Duration `json:"offset"`
	FocusCost jsontext.Duration `json:"focusCost"`
	First     calendar.Interval `json:"first"`
}

// MarshalJSON implements json.Marshaler: {"offset", "focusCost",
// "first"}.
func (m Move) MarshalJSON() ([]byte, error) {
	return json.Marshal(moveJSON{jsontext.Duration(m.Offset), jsontext.Duration(m.FocusCost), m.First})
}

// UnmarshalJSON implements json.Unmarshaler.
func (m *Move) UnmarshalJSON(b []byte) error {
	var j moveJSON
	if err := decodeStrict(b, &j, "Move"); err != nil {
		return err
	}
	*m = Move{time.Duration(j.Offset), time.Duration(j.FocusCost), j.First}
	return nil
}
