package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The test binary is the server too, when this variable says so: the
// signal test runs it as a child process.
func TestMain(m *testing.M) {
	if os.Getenv("TZPLAN_SERVER_CHILD") == "1" {
		os.Args = append([]string{os.Args[0]}, strings.Fields(os.Getenv("TZPLAN_SERVER_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// syncBuffer is a log a test reads while the server writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// listening waits for the "listening" record and returns its URL.
func listening(t *testing.T, log *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(log.String(), "\n") {
			var rec struct{ Msg, URL string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				return rec.URL
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the server did not start:\n%s", log.String())
	return ""
}

// A request under way when the server is told to stop is answered; then
// the server stops.
func TestGracefulShutdown(t *testing.T) {
	var logged syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-grace", "5s"}, slog.New(slog.NewJSONHandler(&logged, nil)))
	}()
	url := listening(t, &logged)
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")

	// Half a request: its headers, not yet its body.
	body := `{"codes": ["NZ"], "from": "2026-01-01", "to": "2027-01-01"}`
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/holidays HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", addr, len(body))
	time.Sleep(100 * time.Millisecond) // for the server to read the headers
	cancel()
	time.Sleep(100 * time.Millisecond) // for the shutdown to begin
	select {
	case err := <-done:
		t.Fatalf("the server stopped with a request under way: %v", err)
	default:
	}
	io.WriteString(conn, body)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), "Waitangi") {
		t.Errorf("status %d: %s", resp.StatusCode, answer)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	if _, err := net.Dial("tcp", addr); err == nil {
		t.Error("the server still listens")
	}
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`, `"path":"/api/v1/holidays","status":200`} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("the log lacks %s:\n%s", want, logged.String())
		}
	}
}

// SIGTERM and SIGINT stop the real process cleanly: exit status 0.
func TestSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process: not in -short")
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			var logged syncBuffer
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "TZPLAN_SERVER_CHILD=1", "TZPLAN_SERVER_ARGS=-addr 127.0.0.1:0")
			cmd.Stderr = &logged
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			url := listening(t, &logged)
			resp, err := http.Post(url+"api/v1/holidays", "application/json", strings.NewReader(`{}`))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("exit: %v\n%s", err, logged.String())
			}
			if !strings.Contains(logged.String(), `"msg":"stopped"`) {
				t.Errorf("log:\n%s", logged.String())
			}
		})
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-timeout", "0s"}, {"-max-body", "-1"}, {"-max-in-flight", "-1"}, {"extra"}, {"-addr", "256.0.0.1:x"}, {"-nothing"}} {
		err := run(context.Background(), args, slog.New(slog.DiscardHandler))
		if err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// A request that outlasts the grace is stopped, and the server stops
// all the same, soon after.
func TestGraceRunsOut(t *testing.T) {
	var logged syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-grace", "200ms"}, slog.New(slog.NewJSONHandler(&logged, nil)))
	}()
	addr := strings.TrimSuffix(strings.TrimPrefix(listening(t, &logged), "http://"), "/")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers, and a body that never comes.
	fmt.Fprintf(conn, "POST /api/v1/holidays HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{", addr)
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	if !strings.Contains(logged.String(), "the grace is over") || !strings.Contains(logged.String(), `"msg":"stopped"`) {
		t.Errorf("log:\n%s", logged.String())
	}
}
