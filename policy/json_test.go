package policy

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/tzplan/tzplan/calendar"
	"pgregory.net/rapid"
)

// Generators of any value of the JSON types, valid for Decide or not:
// JSON carries what it is given, and Validate and Decide judge it.

// jsonZones are the zones instants are drawn in; JSON writes them in UTC.
var jsonZones = []*time.Location{
	time.UTC, time.FixedZone("", -(9*3600 + 30*60)), time.FixedZone("X", 5*3600+45*60),
	mustZone("America/New_York"), mustZone("Asia/Kolkata"), mustZone("Australia/Lord_Howe"),
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// genInstant draws an instant from 1900 to 2200, to the nanosecond, in
// one of jsonZones; sometimes the zero time.
func genInstant(t *rapid.T, label string) time.Time {
	if rapid.IntRange(0, 9).Draw(t, label+"Zero") == 0 {
		return time.Time{}
	}
	base := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	sec := rapid.Int64Range(0, 300*365*24*3600).Draw(t, label+"Sec")
	ns := rapid.Int64Range(0, 999_999_999).Draw(t, label+"Nsec")
	if rapid.Bool().Draw(t, label+"Whole") {
		ns = 0
	}
	loc := rapid.SampledFrom(jsonZones).Draw(t, label+"Zone")
	return base.Add(time.Duration(sec)*time.Second + time.Duration(ns)).In(loc)
}

// genDuration draws any duration: whole minutes or hours mostly, any
// number of nanoseconds sometimes, negative ones and the extremes too.
func genDuration(t *rapid.T, label string) time.Duration {
	switch rapid.IntRange(0, 3).Draw(t, label+"Kind") {
	case 0:
		return time.Duration(rapid.IntRange(-100, 100).Draw(t, label+"H")) * time.Hour
	case 1:
		return time.Duration(rapid.IntRange(-100*60, 100*60).Draw(t, label+"Min")) * time.Minute
	default:
		return time.Duration(rapid.Int64().Draw(t, label))
	}
}

func genInterval(t *rapid.T, label string) calendar.Interval {
	return calendar.Interval{Start: genInstant(t, label+"Start"), End: genInstant(t, label+"End")}
}

func genStrings(t *rapid.T, label string) []string {
	return rapid.SliceOfN(rapid.String(), -1, 4).Draw(t, label)
}

func genAnyTopic(t *rapid.T) Topic {
	return Topic{
		Title:              rapid.String().Draw(t, "title"),
		Purpose:            Purpose(rapid.IntRange(0, int(Incident)).Draw(t, "purpose")),
		NeedBy:             genInstant(t, "needBy"),
		Ambiguity:          Level(rapid.IntRange(int(Low), int(High)).Draw(t, "ambiguity")),
		Sensitivity:        Level(rapid.IntRange(int(Low), int(High)).Draw(t, "sensitivity")),
		Reversible:         rapid.Bool().Draw(t, "reversible"),
		Participants:       genStrings(t, "participants"),
		DecisionMakers:     genStrings(t, "decisionMakers"),
		WrittenProposal:    rapid.Bool().Draw(t, "written"),
		Exchanges:          rapid.Int().Draw(t, "exchanges"),
		FirstCollaboration: rapid.Bool().Draw(t, "first"),
		Recurring:          rapid.Bool().Draw(t, "recurring"),
	}
}

func genAnyPolicy(t *rapid.T) Policy {
	return Policy{
		ReplyDelay:        genDuration(t, "reply"),
		MinSlot:           genDuration(t, "slot"),
		ComfortOverlap:    genDuration(t, "comfort"),
		MaxSyncGroup:      rapid.Int().Draw(t, "group"),
		MaxExchanges:      rapid.Int().Draw(t, "exchanges"),
		ExpectedExchanges: rapid.Int().Draw(t, "expected"),
		FocusBlock:        genDuration(t, "focusBlock"),
		AfterHoursLimit:   genDuration(t, "afterHoursLimit"),
		FocusCostLimit:    genDuration(t, "focusCostLimit"),
	}
}

func genAnyFacts(t *rapid.T) Facts {
	return Facts{
		Now:              genInstant(t, "now"),
		Participants:     genStrings(t, "participants"),
		Horizon:          genInterval(t, "horizon"),
		CommonPerDay:     genDuration(t, "perDay"),
		Common:           genDuration(t, "common"),
		Windows:          rapid.SliceOfN(rapid.Custom(func(t *rapid.T) calendar.Interval { return genInterval(t, "window") }), -1, 4).Draw(t, "windows"),
		RoundTrip:        genDuration(t, "roundTrip"),
		RoundTripPair:    [2]string{rapid.String().Draw(t, "pairA"), rapid.String().Draw(t, "pairB")},
		TypicalRoundTrip: genDuration(t, "typical"),
		Zones:            rapid.Int().Draw(t, "zones"),
		OffsetSpread:     genDuration(t, "spread"),
		MustShift:        genStrings(t, "mustShift"),
		OffHoursNow:      genStrings(t, "offHoursNow"),
	}
}

func genReason(t *rapid.T) Reason {
	return Reason{Code: rapid.String().Draw(t, "code"), Text: rapid.String().Draw(t, "text"), Source: rapid.String().Draw(t, "source"),
		Role: rapid.SampledFrom([]Role{RoleDecisive, RoleAgrees, RoleOverridden, RoleContext}).Draw(t, "role")}
}

func genAnyDecision(t *rapid.T) Decision {
	d := Decision{
		Mode:     Mode(rapid.IntRange(int(Async), int(Hybrid)).Draw(t, "mode")),
		Format:   rapid.String().Draw(t, "format"),
		Reasons:  rapid.SliceOfN(rapid.Custom(genReason), -1, 3).Draw(t, "reasons"),
		Warnings: genStrings(t, "warnings"),
		Facts:    genAnyFacts(t),
	}
	if rapid.Bool().Draw(t, "slot") {
		s := genInterval(t, "slot")
		d.Slot = &s
	}
	d.Lead = genDuration(t, "lead")
	if rapid.Bool().Draw(t, "expected") {
		d.Expected = genInstant(t, "expected")
	}
	return d
}

// jsonRoundTrip marshals v, unmarshals the text into a new T and checks
// that it is v again: instants equal (JSON writes them in UTC), nil and
// empty slices alike (JSON writes both as []).
func jsonRoundTrip[T any](t *rapid.T, v T) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%T %+v): %v", v, v, err)
	}
	var got T
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal(%T) of %s: %v", v, b, err)
	}
	if diff := cmp.Diff(v, got, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%T JSON round trip (-want +got):\n%s\n%s", v, diff, b)
	}
	// The text is canonical: marshalling what was read gives it again.
	if b2, err := json.Marshal(got); err != nil || string(b2) != string(b) {
		t.Fatalf("%T marshals differently after a round trip:\n%s\n%s (%v)", v, b, b2, err)
	}
}

func TestJSONRoundTrips(t *testing.T) {
	t.Run("Topic", func(t *testing.T) { rapid.Check(t, func(t *rapid.T) { jsonRoundTrip(t, genAnyTopic(t)) }) })
	t.Run("Policy", func(t *testing.T) { rapid.Check(t, func(t *rapid.T) { jsonRoundTrip(t, genAnyPolicy(t)) }) })
	t.Run("Facts", func(t *testing.T) { rapid.Check(t, func(t *rapid.T) { jsonRoundTrip(t, genAnyFacts(t)) }) })
	t.Run("Reason", func(t *testing.T) { rapid.Check(t, func(t *rapid.T) { jsonRoundTrip(t, genReason(t)) }) })
	t.Run("Decision", func(t *testing.T) { rapid.Check(t, func(t *rapid.T) { jsonRoundTrip(t, genAnyDecision(t)) }) })
	// Decisions as Decide makes them, with their texts and sources.
	t.Run("decided", func(t *testing.T) {
		rapid.Check(t, func(t *rapid.T) {
			p, tp, f := genCase(t)
			tp.Title = rapid.String().Draw(t, "title")
			jsonRoundTrip(t, tp)
			jsonRoundTrip(t, p)
			jsonRoundTrip(t, f)
			jsonRoundTrip(t, decide(t, p, tp, f))
		})
	})
}

// jsonKeys returns the keys of the JSON object b, in order.
func jsonKeys(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			continue
		case json.Delim('}'), json.Delim(']'):
			depth--
			continue
		}
		if depth == 1 {
			key, ok := tok.(string)
			if !ok {
				t.Fatalf("a key that is not a string in %s", b)
			}
			keys = append(keys, key)
			// Skip the value.
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("reading %s: %v", b, err)
			}
		}
	}
	return keys
}

func TestJSONFieldNames(t *testing.T) {
	tp := Topic{Title: "Pick a database", Purpose: Decide, NeedBy: time.Date(2026, 3, 12, 18, 0, 0, 0, time.FixedZone("CET", 3600)),
		Participants: []string{"ana", "ben", "chen"}, DecisionMakers: []string{"ana"}, WrittenProposal: true}
	f := overlaps["comfortable"](tp.Participants)
	d := decide(t, Default(), tp, f)

	for _, c := range []struct {
		what string
		v    any
		keys []string
	}{
		{"topic", tp, []string{"title", "purpose", "needBy", "ambiguity", "sensitivity", "reversible", "participants",
			"decisionMakers", "writtenProposal", "exchanges", "firstCollaboration", "recurring"}},
		{"topic without the optional fields", Topic{Purpose: Inform, Participants: []string{"ana"}},
			[]string{"purpose", "ambiguity", "sensitivity", "reversible", "participants", "writtenProposal", "exchanges", "firstCollaboration", "recurring"}},
		{"policy", Default(), []string{"replyDelay", "minSlot", "comfortOverlap", "maxSyncGroup", "maxExchanges", "expectedExchanges", "focusBlock", "afterHoursLimit", "focusCostLimit"}},
		{"facts", f, []string{"now", "participants", "horizon", "commonPerDay", "common", "nextWindow", "windows",
			"roundTrip", "roundTripPair", "typicalRoundTrip", "zones", "offsetSpread", "mustShift", "offHoursNow"}},
		{"zero facts", Facts{}, []string{"now", "participants", "horizon", "commonPerDay", "common", "nextWindow", "windows",
			"roundTrip", "roundTripPair", "typicalRoundTrip", "zones", "offsetSpread", "mustShift", "offHoursNow"}},
		{"decision", d, []string{"mode", "format", "reasons", "warnings", "facts", "slot", "lead", "expected"}},
		{"reason", d.Reasons[0], []string{"code", "text", "source", "role"}},
		{"slot", *d.Slot, []string{"start", "end"}},
	} {
		b, err := json.Marshal(c.v)
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if diff := cmp.Diff(c.keys, jsonKeys(t, b)); diff != "" {
			t.Errorf("%s JSON keys (-want +got):\n%s\n%s", c.what, diff, b)
		}
	}

	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"mode":"hybrid"`, `"format":"written memo at least 8 hours ahead, then a 30-minute call"`,
		`"code":"decide-irreversible"`, `"roundTrip":"8h"`, `"commonPerDay":"5h"`, `"common":"20h"`, `"offsetSpread":"3h"`,
		`"now":"2026-03-10T14:00:00Z"`, `"nextWindow":{"start":"2026-03-10T15:00:00Z","end":"2026-03-10T20:00:00Z"}`,
		`"slot":{"start":"2026-03-11T15:00:00Z","end":"2026-03-11T15:30:00Z"}`, `"mustShift":[]`, `"roundTripPair":["",""]`,
		`"warnings":[]`, `"zones":2`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("decision JSON lacks %s:\n%s", want, s)
		}
	}
	b, _ = json.Marshal(tp)
	if want := `{"title":"Pick a database","purpose":"decide","needBy":"2026-03-12T17:00:00Z","ambiguity":"low","sensitivity":"low","reversible":false,"participants":["ana","ben","chen"],"decisionMakers":["ana"],"writtenProposal":true,"exchanges":0,"firstCollaboration":false,"recurring":false}`; string(b) != want {
		t.Errorf("topic JSON:\n got %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(Default())
	if want := `{"replyDelay":"4h","minSlot":"30m","comfortOverlap":"4h","maxSyncGroup":7,"maxExchanges":3,"expectedExchanges":2,"focusBlock":"2h","afterHoursLimit":"1h","focusCostLimit":"4h"}`; string(b) != want {
		t.Errorf("policy JSON:\n got %s\nwant %s", b, want)
	}
	b, _ = json.Marshal(Decision{})
	if want := `"slot":null`; !strings.Contains(string(b), want) {
		t.Errorf("a decision with no slot: %s, want %s", b, want)
	}
	b, _ = json.Marshal(Policy{MinSlot: 90 * time.Minute, ComfortOverlap: 4*time.Hour + 30*time.Second})
	if want := `{"replyDelay":"0s","minSlot":"1h30m","comfortOverlap":"4h0m30s","maxSyncGroup":0,"maxExchanges":0,"expectedExchanges":0,"focusBlock":"0s","afterHoursLimit":"0s","focusCostLimit":"0s"}`; string(b) != want {
		t.Errorf("policy JSON:\n got %s\nwant %s", b, want)
	}
}

// Decoding is strict: an unknown field, a bad value or trailing data is an
// error that names the type's UnmarshalJSON and wraps ErrInvalid (and
// ErrUnknownPurpose for an unknown purpose).
func TestJSONDecodeErrors(t *testing.T) {
	for _, c := range []struct {
		what string
		into any
		in   string
		want []error
	}{
		{"Topic", new(Topic), `{"purpose":"decide","participnts":["a"]}`, []error{ErrInvalid}},
		{"Topic", new(Topic), `{"purpose":"chat","participants":["a"]}`, []error{ErrInvalid, ErrUnknownPurpose}},
		{"Topic", new(Topic), `{"purpose":"inform","ambiguity":"extreme"}`, []error{ErrInvalid}},
		{"Topic", new(Topic), `{"purpose":"inform","needBy":"tomorrow"}`, []error{ErrInvalid}},
		{"Policy", new(Policy), `{"minSlot":"half an hour"}`, []error{ErrInvalid}},
		{"Policy", new(Policy), `{"minSlot":30}`, []error{ErrInvalid}},
		{"Policy", new(Policy), `{"maxSyncGroup":7,"quorum":3}`, []error{ErrInvalid}},
		{"Facts", new(Facts), `{"now":"2026-03-10T14:00:00Z","roundTrip":"8 hours"}`, []error{ErrInvalid}},
		{"Facts", new(Facts), `{"zones":2,"timezone":"UTC"}`, []error{ErrInvalid}},
		{"Decision", new(Decision), `{"mode":"meeting"}`, []error{ErrInvalid}},
		{"Decision", new(Decision), `{"mode":"sync","verdict":"yes"}`, []error{ErrInvalid}},
	} {
		// Through encoding/json, and called directly, which also meets
		// trailing data (json.Unmarshal rejects that itself).
		for _, in := range []string{c.in, c.in + ` {}`} {
			var err error
			if in == c.in {
				err = json.Unmarshal([]byte(in), c.into)
			} else {
				err = c.into.(json.Unmarshaler).UnmarshalJSON([]byte(in))
			}
			checkDecodeError(t, c.what, in, err, c.want)
		}
		// The value alone followed by more is an error too.
		if err := c.into.(json.Unmarshaler).UnmarshalJSON([]byte(`{} {}`)); err == nil {
			t.Errorf("%s.UnmarshalJSON({} {}): no error", c.what)
		}
	}
}

func checkDecodeError(t *testing.T, what, in string, err error, want []error) {
	t.Helper()
	prefix := "policy." + what + ".UnmarshalJSON: "
	if err == nil || !strings.HasPrefix(err.Error(), prefix) {
		t.Errorf("Unmarshal(%s) into %s: %v, want an error starting %q", in, what, err, prefix)
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) != slices.Contains(want, s) {
			t.Errorf("Unmarshal(%s) into %s: %v: wraps %q is %v, want %v", in, what, err, s, errors.Is(err, s), !errors.Is(err, s))
		}
	}
}
