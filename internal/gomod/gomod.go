// Package gomod asks the go command about modules, for tzplan's code
// generators, which read the source of pinned dependencies.
package gomod

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
)

// A Module is what go list -m -json says about a module.
type Module struct {
	Path, Version, Dir string
}

// Find returns what go list -m -json says about the module path, or about
// the main module when path is "". A module without a directory (not in
// go.mod, or not downloaded) is an error.
func Find(path string) (Module, error) {
	args := []string{"list", "-m", "-json"}
	if path != "" {
		args = append(args, path)
	}
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return Module{}, fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	var m Module
	if err := json.Unmarshal(stdout, &m); err != nil {
		return Module{}, fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	if m.Dir == "" {
		return Module{}, fmt.Errorf("go %s: no directory for module %s (is it in go.mod and downloaded?)", strings.Join(args, " "), path)
	}
	return m, nil
}
