package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/tzplan/tzplan/internal/jsontext"
)

// slowInterval is Interval.UnmarshalJSON without its fast path: the model.
func slowInterval(b []byte) (Interval, error) {
	var j intervalJSON
	if err := jsontext.DecodeStrict(b, &j); err != nil {
		return Interval{}, err
	}
	if j.Start == nil || j.End == nil {
		return Interval{}, errors.New("missing")
	}
	return Interval{time.Time(*j.Start), time.Time(*j.End)}, nil
}

// The fast path reads what the decoder reads, and nothing it refuses.
func TestIntervalJSONFastPath(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ws := rapid.SampledFrom([]string{"", " ", "\n\t", "\r\n  "})
		key := rapid.SampledFrom([]string{`"start"`, `"end"`, `"Start"`, `"END"`, `"\u0073tart"`, `"other"`, `"start "`})
		val := rapid.SampledFrom([]string{`"2026-03-09T12:00:00Z"`, `"2026-03-09T13:30:00+05:30"`, `"2026-03-09T12:00:00.5Z"`,
			`"2026-03-09 12:00"`, `""`, `"2026-03-09T12:00:00\u005a"`, `"2026-03-09T12:00:00Zé"`, `12`, `null`})
		n := rapid.IntRange(0, 3).Draw(t, "members")
		var parts []string
		for range n {
			parts = append(parts, ws.Draw(t, "a")+key.Draw(t, "key")+ws.Draw(t, "b")+":"+ws.Draw(t, "c")+val.Draw(t, "value")+ws.Draw(t, "d"))
		}
		text := ws.Draw(t, "lead") + "{" + strings.Join(parts, ",") + "}" + ws.Draw(t, "trail")
		var got Interval
		err := got.UnmarshalJSON([]byte(text))
		want, wantErr := slowInterval([]byte(text))
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%s: fast %v, decoder %v", text, err, wantErr)
		}
		if err == nil && (!got.Start.Equal(want.Start) || !got.End.Equal(want.End) || got.Start.Location().String() != want.Start.Location().String()) {
			t.Fatalf("%s: fast %v, decoder %v", text, got, want)
		}
	})
}
