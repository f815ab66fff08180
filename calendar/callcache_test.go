package calendar

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCallCached(t *testing.T) {
	ctx := WithCallCache(context.Background())
	var fetches atomic.Int32
	release := make(chan struct{})
	fetch := func() (int, error) {
		fetches.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, err := CallCached(ctx, "k", fetch); v != 42 || err != nil {
				t.Errorf("got %d, %v", v, err)
			}
		})
	}
	time.Sleep(20 * time.Millisecond) // all eight asking
	close(release)
	wg.Wait()
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches for one key in one call, want 1", n)
	}
	// Another key fetches; a new call fetches afresh; no cache, every time.
	CallCached(ctx, "other", fetch)
	CallCached(WithCallCache(context.Background()), "k", fetch)
	CallCached(context.Background(), "k", fetch)
	CallCached(context.Background(), "k", fetch)
	if n := fetches.Load(); n != 5 {
		t.Errorf("%d fetches, want 5", n)
	}
}

func TestCallCachedKeepsErrors(t *testing.T) {
	ctx := WithCallCache(context.Background())
	boom := errors.New("boom")
	n := 0
	for range 3 {
		if _, err := CallCached(ctx, 1, func() (string, error) { n++; return "", boom }); err != boom {
			t.Errorf("error %v", err)
		}
	}
	if n != 1 {
		t.Errorf("%d fetches of a failing key, want 1: a call sees one answer", n)
	}
}

// A fetch that panics lets the waiters go with an error, and the panic
// goes on up the fetching caller's stack.
func TestCallCachedPanics(t *testing.T) {
	ctx := WithCallCache(context.Background())
	started := make(chan struct{})
	waited := make(chan error)
	go func() {
		<-started
		_, err := CallCached(ctx, "k", func() (int, error) { return 1, nil })
		waited <- err
	}()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic was swallowed")
			}
		}()
		CallCached(ctx, "k", func() (int, error) {
			close(started)
			time.Sleep(20 * time.Millisecond)
			panic("source bug")
		})
	}()
	select {
	case err := <-waited:
		if err == nil {
			t.Error("a waiter got no error from a fetch that panicked")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a waiter waits for ever")
	}
}

// A waiter stops waiting when its context ends.
func TestCallCachedWaiterCancelled(t *testing.T) {
	base := WithCallCache(context.Background())
	release := make(chan struct{})
	go CallCached(base, "k", func() (int, error) { <-release; return 1, nil })
	time.Sleep(10 * time.Millisecond)
	ctx, cancel := context.WithTimeout(base, 10*time.Millisecond)
	defer cancel()
	if _, err := CallCached(ctx, "k", func() (int, error) { return 2, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v", err)
	}
	close(release)
}
