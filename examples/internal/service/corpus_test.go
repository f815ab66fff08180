package service

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every real calendar of the corpus, sent as a person's calendar, is
// read leniently and answered: 200 with JSON, or a 400 that names the
// file without quoting it; never a 500.
func TestCorpusCalendars(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "ics-corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*.ics"))
	if len(files) == 0 {
		t.Skip("no ../shared/ics-corpus beside the repository: the corpus is not part of the project")
	}
	h := newTest(Options{})
	answered := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > DefaultMaxBody/2 {
			continue // a body past the limit is TestBodyLimit's
		}
		body, _ := json.Marshal(map[string]any{
			"roster":    map[string]any{"people": []any{map[string]any{"id": "a", "zone": "Europe/Berlin", "calendars": []string{"c.ics"}}}},
			"calendars": map[string]string{"c.ics": string(data)},
			"from":      "2026-03-23", "to": "2026-04-06", "zone": "America/New_York",
		})
		w := post(t, h, "overlap", string(body))
		switch w.Code {
		case http.StatusOK:
			answered++
			if !json.Valid(w.Body.Bytes()) {
				t.Errorf("%s: the answer is not JSON", filepath.Base(f))
			}
		case http.StatusBadRequest:
			if msg := errorOf(t, w, http.StatusBadRequest); !strings.Contains(msg, `"c.ics"`) && !strings.Contains(msg, "limit") {
				t.Errorf("%s: error %q names no file", filepath.Base(f), msg)
			}
		default:
			t.Errorf("%s: status %d: %.300s", filepath.Base(f), w.Code, w.Body)
		}
	}
	if answered < len(files)*9/10 {
		t.Errorf("%d of %d corpus calendars answered, want nearly all", answered, len(files))
	}
}
