package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tzplan/tzplan/examples/internal/service"
)

// The service answers each request with the JSON the planner prints for
// the same parameters, byte for byte, and the same calendar file.
func TestServiceAnswersAsThePlanner(t *testing.T) {
	h := service.New(service.Options{Now: func() time.Time { return weekNow }})
	for _, tc := range []struct {
		args           []string
		endpoint, body string
	}{
		{[]string{"availability", "-format", "json", "-people", "ben,jun"}, "availability", `{"demo": true, "people": ["ben", "jun"]}`},
		{[]string{"overlap", "-format", "json", "-zone", "America/Santiago", "-from", "2026-03-30", "-to", "2026-04-06"}, "overlap",
			`{"demo": true, "zone": "America/Santiago", "from": "2026-03-30", "to": "2026-04-06"}`},
		{[]string{"suggest", "-format", "json", "-from", "2026-03-09", "-required", "ben,priya,sam", "-optional", "ana", "-duration", "45m", "-max", "3", "-buffer", "10m"}, "suggest",
			`{"demo": true, "from": "2026-03-09", "required": ["ben", "priya", "sam"], "optional": ["ana"], "duration": "45m", "max": 3, "buffer": "10m"}`},
		{[]string{"suggest", "-format", "json"}, "suggest", `{"demo": true}`}, // this week from now on: no slot for everyone
		{[]string{"suggest", "-format", "json", "-from", "2026-03-09", "-not-before", "2026-03-11T12:00:00Z", "-required", "ben,sam"}, "suggest",
			`{"demo": true, "from": "2026-03-09", "notBefore": "2026-03-11T12:00:00Z", "required": ["ben", "sam"]}`},
		{[]string{"rotate", "-format", "json", "-n", "3", "-from", "2026-03-09", "-required", "ben,priya,sam,mia", "-min-attendance", "0.75"}, "rotate",
			`{"demo": true, "n": 3, "from": "2026-03-09", "required": ["ben", "priya", "sam", "mia"], "minAttendance": 0.75}`},
		{[]string{"advise", "-format", "json", "-now", "2026-03-10T09:00:00Z", "-zone", "Asia/Kolkata", "-participants", "ben,priya,sam",
			"-title", "Choose the release date", "-deadline", "2026-03-13", "-sensitivity", "medium"}, "advise",
			`{"demo": true, "now": "2026-03-10T09:00:00Z", "zone": "Asia/Kolkata", "participants": ["ben", "priya", "sam"], "title": "Choose the release date", "deadline": "2026-03-13", "sensitivity": "medium"}`},
		{[]string{"audit", "-format", "json", "-from", "2026-12-07", "-purpose", "Weekly status=decide"}, "audit",
			`{"demo": true, "from": "2026-12-07", "purposes": {"Weekly status": "decide"}}`},
		{[]string{"holidays", "-format", "json", "-codes", "NZ,us", "-actual"}, "holidays", `{"codes": ["NZ", "us"], "actual": true}`},
		{[]string{"holidays", "-format", "json"}, "holidays", `{}`},
		// The best slot, 12:00-12:30 UTC (ben 13:00 CET, priya 17:30 IST,
		// sam 08:00 EDT, ana 09:00), as the page sends it.
		{[]string{"suggest", "-format", "ics", "-from", "2026-03-09", "-required", "ben,priya,sam", "-optional", "ana", "-title", "Sync"}, "ics",
			`{"demo": true, "title": "Sync", "slots": [{"start": "2026-03-09T12:00:00Z", "end": "2026-03-09T12:30:00Z",
			"attendees": [{"id": "ben"}, {"id": "priya"}, {"id": "sam"}, {"id": "ana", "optional": true}]}]}`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			want := mustRun(t, weekNow, tc.args...)
			req := httptest.NewRequest(http.MethodPost, "/api/v1/"+tc.endpoint, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			got := w.Body.String()
			if tc.endpoint == "ics" {
				// The writer's name is its own.
				got = strings.Replace(got, "-//tzplan//service//EN", "-//tzplan//planner//EN", 1)
			}
			if w.Code != http.StatusOK || got != want {
				t.Errorf("status %d; the service answers\n%.1500s\nthe planner prints\n%.1500s", w.Code, got, want)
			}
		})
	}
}
