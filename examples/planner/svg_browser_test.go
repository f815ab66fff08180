package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var screenshots = flag.String("screenshots", "", "keep the browser tests' screenshots in this folder (default: a temporary one)")

// heatChromium returns the path of a Chromium or Chrome binary, or "".
func heatChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHeatMapInBrowser draws the heat map's SVG in headless Chromium, for
// the demo team seen from Berlin in the week its clocks spring forward,
// and checks that it renders without complaint, with a cell per hour per
// day, and that no two of its texts overlap as the browser lays them out.
func TestHeatMapInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium: not in -short mode")
	}
	exe := heatChromium()
	if exe == "" {
		t.Skip("no Chromium found: install the chromium package (apt-get install -y chromium), as .ci/run does")
	}
	for _, tc := range []struct {
		name  string
		args  []string
		cells int
	}{
		{"week", []string{"-zone", "Europe/Berlin", "-from", "2026-03-23", "-to", "2026-03-30"}, 7 * 24},
		{"half hours", []string{"-people", "ben,priya,sam", "-from", "2026-03-09", "-to", "2026-03-12", "-step", "30m"}, 3 * 48},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := mustRun(t, weekNow, append([]string{"overlap", "-format", "svg"}, tc.args...)...)
			doc := parseHeatSVG(t, svg)
			shot := renderSVG(t, exe, svg, int(doc.Width), int(doc.Height), tc.cells)
			dir := *screenshots
			if dir == "" {
				dir = t.TempDir()
			}
			path := filepath.Join(dir, "heatmap-"+filepath.Base(t.Name())+".png")
			if err := os.WriteFile(path, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot: %s", path)
		})
	}
}

// renderSVG opens svg in Chromium at its size, checks it, and returns a
// screenshot.
func renderSVG(t *testing.T, exe, svg string, width, height, cells int) []byte {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		io.WriteString(w, svg)
	}))
	defer srv.Close()

	// A deadline on everything, so that a stuck browser fails the test
	// rather than hangs it.
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // Chromium refuses to run as root with its sandbox
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc() // waits for Chromium to exit, before TempDir removes its profile
	var mu sync.Mutex
	var problems []string
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithListener(func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Text
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				msg = "console.error"
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				msg = fmt.Sprintf("log (%s): %s", ev.Entry.Source, ev.Entry.Text)
			}
		}
		if msg != "" {
			mu.Lock()
			defer mu.Unlock()
			problems = append(problems, msg)
		}
	}))
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/heatmap.svg")); err != nil {
		t.Fatalf("opening the SVG in Chromium (%s): %v", exe, err)
	}

	eval := func(expr string, v any) {
		t.Helper()
		out, err := chromedp.Run(tab, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		*v.(*any) = out
	}
	var root any
	eval(`(() => { const r = document.documentElement, b = r.getBBox();
		return {tag: r.tagName, width: b.width, height: b.height, errors: document.getElementsByTagName("parsererror").length}; })()`, &root)
	r := root.(map[string]any)
	if r["tag"] != "svg" || r["errors"].(float64) != 0 || r["width"].(float64) <= 0 || r["height"].(float64) <= 0 {
		t.Errorf("the SVG renders as %v, want an svg root with a box and no parser errors", r)
	}
	var n any
	eval(`document.querySelectorAll("g.day > rect.cell").length`, &n)
	if int(n.(float64)) != cells {
		t.Errorf("%v cells drawn, want %d", n, cells)
	}

	// Every text inside the picture, and no two overlapping, by the
	// boxes the browser gives them in its own fonts; labels left of the
	// grid end before it.
	var overlaps any
	eval(`(() => {
		const svg = document.documentElement, W = svg.width.baseVal.value;
		const cells = Array.from(document.querySelectorAll("rect.cell"), c => c.getBBox());
		const left = Math.min(...cells.map(c => c.x)), bottom = Math.max(...cells.map(c => c.y + c.height));
		const top = document.querySelector("text.zone").getBBox().y; // the viewer's row, below the titles
		const boxes = Array.from(document.querySelectorAll("text"), t => {
			const b = t.getBBox();
			return {s: t.textContent, x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height};
		}).filter(b => b.x1 > b.x0);
		const bad = [];
		for (const b of boxes) {
			if (b.x0 < 0 || b.x1 > W) bad.push(b.s + " runs off the picture");
			if (b.x0 < left && b.x1 > left && b.y0 >= top && b.y1 <= bottom) bad.push(b.s + " runs into the grid");
		}
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				const p = boxes[i], q = boxes[j];
				if (p.x0 < q.x1 - 0.5 && q.x0 < p.x1 - 0.5 && p.y0 < q.y1 - 2 && q.y0 < p.y1 - 2) bad.push(p.s + " overlaps " + q.s);
			}
		}
		return bad;
	})()`, &overlaps)
	for _, o := range overlaps.([]any) {
		t.Errorf("in the browser: %s", o)
	}

	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// Ask for something, so that the events of everything before it have
	// arrived.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser console: %s", p)
	}
	return shot
}
