//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRosterFIFO: a named pipe as the roster, or as a calendar it names,
// is refused at once (opening one would wait for a writer), in one line
// that names the path and exit status 2.
func TestRosterFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	done := make(chan [3]string, 1)
	go func() {
		code, out, errOut := planner(t, weekNow, "overlap", "-roster", fifo)
		done <- [3]string{string(rune('0' + code)), out, errOut}
	}()
	select {
	case got := <-done:
		if got[0] != "2" || got[1] != "" || strings.Count(got[2], "\n") != 1 || !strings.Contains(got[2], fifo) || !strings.Contains(got[2], "not a regular file") {
			t.Errorf("planner -roster FIFO: exit %s, stdout %q, stderr %q", got[0], got[1], got[2])
		}
	case <-time.After(20 * time.Second):
		t.Fatal("planner -roster FIFO did not return")
	}
}
