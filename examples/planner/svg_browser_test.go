package main

import (
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tzplan/tzplan/internal/browsertest"
)

var screenshots = flag.String("screenshots", "", "keep the browser tests' screenshots in this folder (default: a temporary one)")

// TestHeatMapInBrowser draws the heat map's SVG in headless Chromium, for
// the demo team seen from Berlin in the week its clocks spring forward,
// and checks that it renders without complaint, with a cell per hour per
// day, and that no two of its texts overlap as the browser lays them out.
func TestHeatMapInBrowser(t *testing.T) {
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
			shot := renderSVG(t, svg, int(doc.Width), int(doc.Height), tc.cells)
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
func renderSVG(t *testing.T, svg string, width, height, cells int) []byte {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		io.WriteString(w, svg)
	}))
	defer srv.Close()

	tab, console := browsertest.Start(t, chromedp.WindowSize(width, height))
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/heatmap.svg")); err != nil {
		t.Fatalf("opening the SVG in Chromium: %v", err)
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
	for _, p := range console.Take() {
		t.Errorf("browser console: %s", p)
	}
	return shot
}
