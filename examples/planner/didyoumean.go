package main

// Did you mean: the names a mistyped word may be a slip for, among those
// the planner knows (subcommands, flags, roster ids, holiday codes, time
// zones, days), for its error messages.

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tzplan/tzplan/calendar"
	"github.com/tzplan/tzplan/internal/tznames"
)

// maxNameLen bounds the words that get suggestions: the edit distance
// takes time in the product of two lengths, and no name is this long.
const maxNameLen = 64

// editDistance is the Damerau-Levenshtein distance between a and b, in
// its restricted form (optimal string alignment): the fewest insertions,
// deletions, substitutions and swaps of two neighbouring letters that turn
// a into b. It counts runes, so "requried" is one swap from "required".
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// Rows i-2, i-1 and i of the table d[i][j], the distance between
	// s[:i] and t[:j].
	before, prev, cur := make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], before[j-2]+1)
			}
		}
		before, prev, cur = prev, cur, before
	}
	return prev[len(t)]
}

// maxEdits is how many edits a slip in a word of n letters may hold: none
// in one or two letters (UK is one edit from a dozen country codes), one
// in up to five, two in longer words.
func maxEdits(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// nearest returns the candidates that s may be a slip for, in the order
// of candidates: those equal to s but for letter case; else the only one
// that starts with s, of three letters or more ("avail" for
// "availability"); else those the fewest edits away (maxEdits), unless
// more than three are. Letter case counts as no edit. A candidate equal
// to s is left out: s is not a slip for it.
func nearest(s string, candidates []string) []string {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > maxNameLen {
		return nil
	}
	var out []string
	for _, c := range candidates {
		if c != s && strings.EqualFold(c, s) {
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		return out
	}
	lower := strings.ToLower(s)
	if n >= 3 {
		for _, c := range candidates {
			if len(c) > len(s) && strings.HasPrefix(strings.ToLower(c), lower) {
				out = append(out, c)
			}
		}
		if len(out) == 1 {
			return out
		}
		out = out[:0]
	}
	limit := maxEdits(n)
	best := limit + 1
	for _, c := range candidates {
		if c == s || utf8.RuneCountInString(c) > maxNameLen {
			continue
		}
		switch d := editDistance(lower, strings.ToLower(c)); {
		case d > limit:
		case d < best:
			best, out = d, append(out[:0], c)
		case d == best:
			out = append(out, c)
		}
	}
	if len(out) > 3 {
		return nil
	}
	return out
}

// meant writes suggestions as a question, "did you mean a, b or c?", or ""
// for none; each is written as quote writes it.
func meant(names []string, quote func(string) string) string {
	if len(names) == 0 {
		return ""
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return "did you mean " + join(q, "or") + "?"
}

// join writes names as "a, b or c" (or "and", as conj says).
func join(names []string, conj string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conj + " " + names[len(names)-1]
}

// plain writes a suggestion as it is.
func plain(s string) string { return s }

// dash writes a flag's name as typed.
func dash(name string) string { return "-" + name }

// inParens is " (text)", or "" for no text: a message's aside.
func inParens(text string) string {
	if text == "" {
		return ""
	}
	return " (" + text + ")"
}

// codeAliases are holiday codes people write that ISO 3166 does not give
// the country: UK and EL are the European Union's names for GB and GR.
var codeAliases = map[string]string{"UK": "GB", "EL": "GR"}

// nearCodes returns the holiday calendar codes that code, which is none,
// may mean.
func nearCodes(code string) []string {
	if c, ok := codeAliases[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return []string{c}
	}
	return nearest(strings.ToUpper(code), calendar.HolidayCodes())
}

// dayNames are the day names working hours take (calendar.ParseWeeklyHours).
var dayNames = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// zoneRegions are the first parts of the zone database's names of places,
// for a city given alone ("Tokyo").
var zoneRegions = []string{"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}

// zoneLetters are the letters of the zone database's names, in the lower
// case that tznames.Canonical reads.
const zoneLetters = "abcdefghijklmnopqrstuvwxyz_-/+0123456789"

// nearZones returns the zones that name, which is none, may mean: the
// name in another letter case or with underscores for spaces ("america/new
// york"), a city with its region ("Tokyo"), or a spelling of these one
// edit away ("Asia/Tokio"). tznames can only tell whether a name is a
// zone, so the candidates are the spellings one edit away that it knows
// (as Norvig's spelling corrector finds words): about a thousand lookups,
// where a list of every zone would copy its table.
func nearZones(name string) []string {
	name = strings.ReplaceAll(strings.TrimSpace(name), " ", "_")
	if name == "" || len(name) > maxNameLen {
		return nil
	}
	bases := []string{strings.ToLower(name)}
	if !strings.Contains(name, "/") {
		for _, r := range zoneRegions {
			bases = append(bases, strings.ToLower(r+"/"+name))
		}
	}
	var found []string
	add := func(s string) {
		if z, ok := tznames.Canonical(s); ok && z != name && !slices.Contains(found, z) {
			found = append(found, z)
		}
	}
	for _, b := range bases {
		add(b)
	}
	if len(found) > 0 {
		return found
	}
	for _, b := range bases {
		for i := 0; i <= len(b); i++ {
			if i < len(b) {
				add(b[:i] + b[i+1:]) // a letter too many
			}
			if i+1 < len(b) {
				add(b[:i] + b[i+1:i+2] + b[i:i+1] + b[i+2:]) // two swapped
			}
			for _, r := range zoneLetters {
				add(b[:i] + string(r) + b[i:]) // a letter missing
				if i < len(b) {
					add(b[:i] + string(r) + b[i+1:]) // a wrong letter
				}
			}
		}
	}
	if len(found) > 3 {
		return nil
	}
	slices.Sort(found)
	return found
}

// durationUnit is the unit a number given for a duration flag most likely
// lacks: seconds for -timeout, minutes for the lengths of meetings.
func durationUnit(flagName string) string {
	if flagName == "timeout" {
		return "s"
	}
	return "m"
}

// withUnit returns value with the unit it lacks, when it is a bare number
// ("30" for a duration flag: "30m"), or "".
func withUnit(flagName, value string) string {
	digits := strings.TrimLeft(value, "0123456789")
	if len(digits) == len(value) || digits != "" && (digits[0] != '.' || strings.Trim(digits[1:], "0123456789") != "") {
		return ""
	}
	return value + durationUnit(flagName)
}
