// Package browsertest starts headless Chromium for the tests that check
// what a browser draws: the web page's and the heat map's. A test skips,
// saying why, in -short mode or where no Chromium can be found.
package browsertest

import (
	"context"
	"fmt"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Timeout bounds everything a test does in the browser, so that a stuck
// browser fails the test rather than hangs it.
const Timeout = 60 * time.Second

// Find returns the path of a Chromium or Chrome binary, or "".
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start starts headless Chromium with a profile of its own, the options
// given added to the usual ones (a window size, an environment), and
// returns a tab, bounded by Timeout, and the console that collects what
// goes wrong in it. The browser stops when the test ends.
func Start(t *testing.T, opts ...chromedp.ExecAllocatorOption) (context.Context, *Console) {
	t.Helper()
	if testing.Short() {
		t.Skip("starts Chromium: not in -short mode")
	}
	exe := Find()
	if exe == "" {
		t.Skip("no Chromium found: install the chromium package (apt-get install -y chromium), as .ci/run does")
	}
	profile := t.TempDir() // removed after the browser has stopped: cleanups run last first
	ctx, cancel := context.WithTimeout(t.Context(), Timeout)
	t.Cleanup(cancel)
	all := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // Chromium refuses to run as root with its sandbox
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(all, opts...)...)
	t.Cleanup(cancelAlloc) // waits for Chromium to exit
	console := new(Console)
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(console.listen))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	return tab, console
}

// A Console collects what a page reports as going wrong: uncaught
// exceptions, console.error and console.assert calls, and the browser's
// error log entries.
type Console struct {
	mu       sync.Mutex
	problems []string
}

// listen runs in the tab's event loop, so it only records.
func (c *Console) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		msg = "console." + string(ev.Type) + ":"
		for _, a := range ev.Args {
			msg += fmt.Sprintf(" %s%s", a.Value, a.Description)
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = fmt.Sprintf("log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
	default:
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, msg)
}

// Take returns the problems recorded since the last Take. Ask the tab for
// something first, so that the events of everything before have arrived.
func (c *Console) Take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.problems
	c.problems = nil
	return p
}
