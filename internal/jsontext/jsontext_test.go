package jsontext

import (
	"strings"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{30 * time.Minute, "30m"},
		{90 * time.Minute, "1h30m"},
		{4 * time.Hour, "4h"},
		{90 * time.Second, "1m30s"},
		{37 * time.Hour, "37h"},
		{time.Hour + 30*time.Second, "1h0m30s"},
		{-2 * time.Hour, "-2h"},
	} {
		got := FormatDuration(tc.d)
		if got != tc.want {
			t.Errorf("FormatDuration(%d) = %q, want %q", tc.d, got, tc.want)
		}
		if back, err := ParseDuration(got); err != nil || back != tc.d {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", got, back, err, tc.d)
		}
	}
	if _, err := ParseDuration("two hours"); err == nil || !strings.Contains(err.Error(), `"two hours"`) {
		t.Errorf("ParseDuration(two hours): %v, want an error quoting it", err)
	}
}

func TestTimeIsUTC(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 9, 17, 30, 0, 0, kolkata)
	if got, want := FormatTime(at), "2026-03-09T12:00:00Z"; got != want {
		t.Errorf("FormatTime = %q, want %q", got, want)
	}
	if got, want := FormatTime(at.Add(1500*time.Millisecond)), "2026-03-09T12:00:01.5Z"; got != want {
		t.Errorf("FormatTime = %q, want %q", got, want)
	}
	back, err := ParseTime("2026-03-09T17:30:00+05:30")
	if err != nil || !back.Equal(at) {
		t.Errorf("ParseTime = %v, %v; want %v", back, err, at)
	}
	if _, err := ParseTime("2026-03-09 12:00"); err == nil || !strings.Contains(err.Error(), `"2026-03-09 12:00"`) {
		t.Errorf("ParseTime of a bad time: %v", err)
	}
}

func TestDecodeStrict(t *testing.T) {
	var v struct {
		A int `json:"a"`
	}
	if err := DecodeStrict([]byte(`{"a": 1}`), &v); err != nil || v.A != 1 {
		t.Errorf("DecodeStrict = %v, %+v", err, v)
	}
	for _, bad := range []string{`{"a": 1, "b": 2}`, `{"a": 1} {}`, `{"a": "x"}`, `{`, ``} {
		if err := DecodeStrict([]byte(bad), &v); err == nil {
			t.Errorf("DecodeStrict(%s): no error", bad)
		}
	}
}

func TestDecodeStrictRefusesRepeatedKeys(t *testing.T) {
	var v struct {
		A int `json:"a"`
		B struct {
			C []struct {
				D int `json:"d"`
			} `json:"c"`
		} `json:"b"`
	}
	for _, ok := range []string{
		`{"a": 1, "b": {"c": [{"d": 1}, {"d": 2}]}}`,
		`{"b": {"c": [{"d": 1}]}, "a": 2}`,
		`{"a": 1, "b": {"c": []}}`,
	} {
		if err := DecodeStrict([]byte(ok), &v); err != nil {
			t.Errorf("DecodeStrict(%s): %v", ok, err)
		}
	}
	for _, tc := range []struct{ in, key string }{
		{`{"a": 1, "a": 2}`, `"a"`},
		{`{"a": 1, "A": 2}`, `"A"`},
		{`{"b": {"c": [{"d": 1, "d": 2}]}}`, `"d"`},
		{`{"b": {"c": []}, "a": 1, "b": {"c": []}}`, `"b"`},
	} {
		err := DecodeStrict([]byte(tc.in), &v)
		if err == nil || !strings.Contains(err.Error(), "key "+tc.key+" is given twice") {
			t.Errorf("DecodeStrict(%s) = %v; want an error naming key %s", tc.in, err, tc.key)
		}
	}
}
