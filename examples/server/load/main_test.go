package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunInProcess runs the command as `go run` does, briefly and on a
// small team: the service on loopback, a few clients, no errors.
func TestRunInProcess(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-clients", "3", "-duration", "300ms", "-people", "8", "-days", "7", "-seed", "2"}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	s := out.String()
	t.Log("\n" + s)
	m := regexp.MustCompile(`requests +(\d+) in .*: ([\d.]+) req/s`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no requests line in the summary:\n%s", s)
	}
	if n, _ := strconv.Atoi(m[1]); n < 3 {
		t.Errorf("%d requests from 3 clients in 300ms, want at least 3:\n%s", n, s)
	}
	for _, want := range []string{"errors     0\n", "p50 ", "p99 ", "max ", "GOMAXPROCS ", "shares the machine's", "8 people, 7 days"} {
		if !strings.Contains(s, want) {
			t.Errorf("the summary lacks %q:\n%s", want, s)
		}
	}
}

// TestRunCountsErrors loads a server that answers the first request well
// and then badly: every bad answer is counted by kind, and run fails.
func TestRunCountsErrors(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) % 3 {
		case 1:
			w.Write([]byte(`{"suggestions": [{"start": "2027-03-22T14:00:00Z", "attendees": [{"present": true}]}]}`))
		case 2:
			w.Write([]byte(`{"suggestions": [], "why": {"best": 0.5}}`))
		default:
			http.Error(w, `{"error": "internal error"}`, http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	var out bytes.Buffer
	err := run(context.Background(), []string{"-url", srv.URL, "-clients", "2", "-duration", "100ms", "-people", "3", "-days", "7"}, &out)
	if !errors.Is(err, errFailed) {
		t.Fatalf("run: %v, want errFailed\n%s", err, out.String())
	}
	for _, want := range []string{"no suggestions ", "status 500 ", "internal error", "load generator only"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, out.String())
		}
	}
}

// TestRunRefusesATeamWithNoSlot stops before the load when the first
// answer has no suggestion, rather than counting the same error for ten
// seconds.
func TestRunRefusesATeamWithNoSlot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"suggestions": [], "why": {"best": 0.5}}`))
	}))
	defer srv.Close()
	var out bytes.Buffer
	err := run(context.Background(), []string{"-url", srv.URL, "-clients", "2", "-duration", "1h"}, &out)
	if err == nil || errors.Is(err, errFailed) || !strings.Contains(err.Error(), "no suggestions") {
		t.Fatalf("run: %v, want an error about the first request", err)
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 200; i++ {
		ds = append(ds, time.Duration(i))
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 100}, {90, 180}, {99, 198}, {99.9, 200}, {100, 200}, {0, 1}} {
		if got := percentile(ds, c.p); got != c.want {
			t.Errorf("percentile(1..200, %v) = %d, want %d", c.p, got, c.want)
		}
	}
	if got := percentile([]time.Duration{7}, 99); got != 7 {
		t.Errorf("percentile([7], 99) = %d, want 7", got)
	}
}

// TestTeamIsTheSameForTheSameSeed: the body depends on the flags alone,
// so that runs compare.
func TestTeamIsTheSameForTheSameSeed(t *testing.T) {
	a, b := suggestBody(50, 14, 1), suggestBody(50, 14, 1)
	if len(a.Roster.People) != 50 {
		t.Fatalf("%d people, want 50", len(a.Roster.People))
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two builds of the body from the same flags differ")
	}
	if a.From != "2027-03-22" || a.To != "2027-04-05" {
		t.Errorf("window %s to %s, want 2027-03-22 to 2027-04-05", a.From, a.To)
	}
}
