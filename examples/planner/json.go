package main

import (
	"bytes"
	"encoding/json"
	"time"
)

// The planner's JSON is the library's (see the package tzplan): lower
// camelCase names, instants as RFC 3339 text in UTC, durations as Go
// duration text, intervals as {"start", "end"}. The README documents the
// shape of each command's output.

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// writeJSON writes v indented, with a final newline.
func writeJSON(out *bytes.Buffer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
