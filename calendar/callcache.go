package calendar

import (
	"context"
	"errors"
	"sync"
)

// A call's cache holds what sources fetch during one call that reads
// many people's sources (overlap.Compute), so that a source asked for the
// same thing twice in the call, by several people who share it or once
// for each zone a traveller passes through, fetches it once; the next
// call fetches afresh.
type callCache struct {
	mu sync.Mutex
	m  map[any]*callEntry
}

type callEntry struct {
	done chan struct{} // closed when v and err are set
	v    any
	err  error
}

type callCacheKey struct{}

// errFetchPanicked is what those who waited for a fetch that panicked
// get; the panic itself goes on up the fetching caller's stack.
var errFetchPanicked = errors.New("the fetch panicked")

// WithCallCache returns ctx with a new, empty cache for the sources read
// under it (CallCached). overlap.Compute gives its sources such a context,
// one a call.
func WithCallCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, callCacheKey{}, &callCache{m: make(map[any]*callEntry)})
}

// CallCached returns what fetch returns for key, fetching once in the call
// whose cache ctx carries (WithCallCache): a caller with the same key while
// or after the first fetches waits for it and gets its result, error
// included. Without a cache in ctx, it calls fetch. The key must be
// comparable, and name both the source (a pointer to it, say) and what is
// fetched (such as the window).
func CallCached[T any](ctx context.Context, key any, fetch func() (T, error)) (T, error) {
	c, ok := ctx.Value(callCacheKey{}).(*callCache)
	if !ok {
		return fetch()
	}
	c.mu.Lock()
	e, found := c.m[key]
	if !found {
		e = &callEntry{done: make(chan struct{})}
		c.m[key] = e
	}
	c.mu.Unlock()
	if found {
		select {
		case <-e.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		v, _ := e.v.(T)
		return v, e.err
	}
	finished := false
	defer func() {
		if !finished { // fetch panicked: the waiters must not wait for ever
			e.err = errFetchPanicked
			close(e.done)
		}
	}()
	v, err := fetch()
	e.v, e.err, finished = v, err, true
	close(e.done)
	return v, err
}
