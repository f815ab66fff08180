package service

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's curl examples work, and the error it quotes is the one the
// service gives.
func TestReadmeCurl(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	curl := regexp.MustCompile(`(?m)^curl --json '([^']*)' http://127\.0\.0\.1:8080/api/v1/(\w+)`)
	examples := curl.FindAllStringSubmatch(string(readme), -1)
	if len(examples) < 7 {
		t.Fatalf("%d curl examples in the README, want one an endpoint", len(examples))
	}
	h := newTest(Options{})
	seen := map[string]bool{}
	for _, ex := range examples {
		w := post(t, h, ex[2], ex[1])
		if w.Code != http.StatusOK {
			t.Errorf("%s %s: status %d: %s", ex[2], ex[1], w.Code, w.Body)
		}
		if w.Body.Len() < 100 {
			t.Errorf("%s: a short answer: %s", ex[2], w.Body)
		}
		seen[ex[2]] = true
	}
	for name := range endpoints {
		if !seen[name] && name != "availability" {
			t.Errorf("no README example of %s", name)
		}
	}
	msg := errorOf(t, post(t, h, "suggest", `{"demo": true, "minAttendance": 0}`), http.StatusBadRequest)
	if !strings.Contains(string(readme), "`"+msg+"`") {
		t.Errorf("the README does not quote the error %q", msg)
	}
}
