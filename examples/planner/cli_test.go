package main

import (
	"bytes"
	"errors"
	"flag"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sixTeam is a roster of six, as a user writes one.
const sixTeam = `{"people":[
 {"id":"lena","name":"Lena","zone":"Europe/Berlin"},
 {"id":"ben","zone":"Europe/London","holidays":["GB"]},
 {"id":"priya","zone":"Asia/Kolkata"},
 {"id":"sam","zone":"America/New_York"},
 {"id":"kenji","zone":"Asia/Tokyo"},
 {"id":"ana","zone":"America/Sao_Paulo"}]}`

// TestFlagsBeforeOrAfterTheSubcommand: flags go on either side of the
// subcommand, with the same output.
func TestFlagsBeforeOrAfterTheSubcommand(t *testing.T) {
	roster := writeRoster(t, sixTeam, map[string]string{})
	after := mustRun(t, weekNow, "availability", "-roster", roster, "-zone", "UTC", "-from", "2026-03-09")
	for _, a := range [][]string{
		{"-roster", roster, "availability", "-zone", "UTC", "-from", "2026-03-09"},
		{"-roster", roster, "-zone", "UTC", "-from", "2026-03-09", "availability"},
		{"-roster=" + roster, "-zone", "UTC", "availability", "-from=2026-03-09"},
		{"--roster", roster, "--zone", "UTC", "availability", "--from", "2026-03-09"},
		{"-strict", "-roster", roster, "availability", "-zone", "UTC", "-from", "2026-03-09"}, // a flag of true or false takes no value
	} {
		if diff := cmp.Diff(after, mustRun(t, weekNow, a...)); diff != "" {
			t.Errorf("planner %q differs from planner availability with the flags after it (-want +got):\n%s", a, diff)
		}
	}
	// A subcommand's own flags go before it too.
	after = mustRun(t, weekNow, args("suggest", "-required", "ben,priya", "-duration", "45m")...)
	before := mustRun(t, weekNow, append(append([]string{"-required", "ben,priya", "-duration", "45m"}, week...), "suggest")...)
	if diff := cmp.Diff(after, before); diff != "" {
		t.Errorf("suggest's own flags before it (-want +got):\n%s", diff)
	}
}

// TestFlagGivenTwiceTakesTheLater: a flag given before and after the
// subcommand takes its later value, as a flag given twice on one side does.
func TestFlagGivenTwiceTakesTheLater(t *testing.T) {
	if mustRun(t, weekNow, args("overlap", "-zone", "UTC", "-format", "json")...) == mustRun(t, weekNow, args("overlap", "-zone", "Asia/Tokyo", "-format", "json")...) {
		t.Fatal("the overlap is the same in UTC and in Tokyo: the test cannot tell which -zone counted")
	}
	for _, zone := range []string{"UTC", "Asia/Tokyo"} {
		want := mustRun(t, weekNow, args("overlap", "-zone", zone, "-format", "json")...)
		other := "Asia/Tokyo"
		if zone == other {
			other = "UTC"
		}
		for _, a := range [][]string{
			append([]string{"-zone", other, "overlap", "-zone", zone, "-format", "json"}, week...),
			append([]string{"overlap", "-zone", other, "-zone", zone, "-format", "json"}, week...),
		} {
			if got := mustRun(t, weekNow, a...); got != want {
				t.Errorf("planner %q is not the overlap in %s", a, zone)
			}
		}
	}
}

// TestFlagKindsAgree: a flag's name is a flag of true or false in every
// subcommand that has it or in none, which finding the subcommand after
// flags needs (splitArgs).
func TestFlagKindsAgree(t *testing.T) {
	kinds := map[string]bool{}
	seen := map[string]string{}
	for _, name := range append([]string{""}, subcommandNames()...) {
		if name == "help" {
			continue
		}
		fs := flagSet(name)
		if fs == nil {
			t.Fatalf("planner %s has no flags that flagSet finds: it should make them with newCommon", name)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if where, ok := seen[f.Name]; ok && kinds[f.Name] != isBool(f) {
				t.Errorf("-%s is a flag of true or false in one of %q and %q only", f.Name, where, name)
			}
			kinds[f.Name], seen[f.Name] = isBool(f), name
		})
	}
}

// TestHelpListsEverySubcommand: -h, --help, -help and help give the
// planner's help, with every subcommand that dispatch knows on a line of
// its own.
func TestHelpListsEverySubcommand(t *testing.T) {
	for _, name := range subcommandNames() {
		if err := dispatch(t.Context(), name, []string{"-h"}, new(bytes.Buffer), weekNow, false); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("dispatch does not know %s: %v", name, err)
		}
	}
	var first string
	for _, a := range [][]string{{"-h"}, {"--help"}, {"-help"}, {"help"}, {"help", "help"}, {"-zone", "UTC", "-h"}, {"help", "-h"}} {
		code, out, errOut := planner(t, weekNow, a...)
		if code != 0 || errOut != "" {
			t.Fatalf("planner %q: exit %d, stderr %q", a, code, errOut)
		}
		checkText(t, out)
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("planner %q differs from planner -h", a)
		}
		for _, name := range subcommandNames() {
			n := 0
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "  "+name+" ") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("planner %q lists %s on %d lines, want 1:\n%s", a, name, n, out)
			}
		}
	}
}

// TestHelpOfEachSubcommand: every way to ask for a subcommand's help gives
// the same page, which has each of its flags; every flag that takes a
// value shows one in its usage ("e.g."). A flag of true or false takes
// none: its example is itself.
func TestHelpOfEachSubcommand(t *testing.T) {
	for _, name := range append([]string{""}, subcommandNames()...) {
		if name == "help" {
			continue
		}
		fs := flagSet(name)
		if fs == nil {
			t.Fatalf("planner %s: no flags", name)
		}
		fs.VisitAll(func(f *flag.Flag) {
			if !isBool(f) && !strings.Contains(f.Usage, "e.g.") {
				t.Errorf("planner %s -%s: the usage %q has no example value (e.g.)", name, f.Name, f.Usage)
			}
		})
		if name == "" {
			continue // the tour's help is the planner's, above
		}
		var first string
		for _, a := range [][]string{{"help", name}, {name, "-h"}, {name, "--help"}, {name, "-help"}, {"-h", name}, {name, "help"}, {"-zone", "UTC", "help", name}} {
			code, out, errOut := planner(t, weekNow, a...)
			if code != 0 || errOut != "" {
				t.Fatalf("planner %q: exit %d, stderr %q", a, code, errOut)
			}
			if first == "" {
				first = out
				checkText(t, out)
				if !strings.HasPrefix(out, "usage: planner "+name+" [flags]\n") {
					t.Errorf("planner %q: the page does not start with its usage:\n%s", a, out)
				}
				fs.VisitAll(func(f *flag.Flag) {
					if !regexp.MustCompile(`(?m)^  -` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(out) {
						t.Errorf("planner %q does not list -%s:\n%s", a, f.Name, out)
					}
				})
			} else if out != first {
				t.Errorf("planner %q differs from planner help %s:\n%s", a, name, out)
			}
		}
	}
	// A flag's line: the flag, the kind of value, an example, the default.
	out := mustRun(t, weekNow, "-h")
	if want := regexp.MustCompile(`(?m)^  -zone ZONE +the viewer's time zone, e\.g\. Europe/Berlin \(default UTC\)$`); !want.MatchString(out) {
		t.Errorf("no line for -zone like %s in:\n%s", want, out)
	}
	// The tour's own flags apart from those every subcommand takes; a
	// subcommand's page lists none of the tour's own.
	own, every, ok := strings.Cut(out[strings.Index(out, "\nFlags of the tour:\n"):], "\nFlags of the tour and of every subcommand:\n")
	if !ok || !strings.Contains(own, "\n  -topic TITLE ") || strings.Contains(own, "\n  -roster ") ||
		!strings.Contains(every, "\n  -roster FILE ") || strings.Contains(every, "\n  -topic ") {
		t.Errorf("the tour's own flags and every subcommand's are not apart:\n%s", out)
	}
	if out := mustRun(t, weekNow, "help", "summary"); strings.Contains(out, "-topic") || !strings.Contains(out, "\nFlags of every subcommand:\n  -free-busy ") {
		t.Errorf("summary's help:\n%s", out)
	}
}

// TestIDsInAnyLetterCase: an id matches in any letter case when only one
// of the roster's ids does; two ids that differ only in case match only
// exactly.
func TestIDsInAnyLetterCase(t *testing.T) {
	roster := writeRoster(t, sixTeam, map[string]string{})
	for _, flags := range [][2]string{{"-required", "lena,ben"}, {"-optional", "priya"}} {
		want := mustRun(t, weekNow, args("suggest", "-roster", roster, "-format", "json", flags[0], flags[1])...)
		got := mustRun(t, weekNow, args("suggest", "-roster", roster, "-format", "json", flags[0], strings.ToUpper(flags[1][:1])+flags[1][1:])...)
		if got != want {
			t.Errorf("%s %s in another letter case gives other slots", flags[0], flags[1])
		}
	}
	if got, want := mustRun(t, weekNow, args("overlap", "-roster", roster, "-people", "LENA,Sam")...),
		mustRun(t, weekNow, args("overlap", "-roster", roster, "-people", "lena,sam")...); got != want {
		t.Error("-people LENA,Sam is not -people lena,sam")
	}
	if got, want := mustRun(t, weekNow, args("advise", "-roster", roster, "-participants", "Lena,Ben", "-deciders", "LENA")...),
		mustRun(t, weekNow, args("advise", "-roster", roster, "-participants", "lena,ben", "-deciders", "lena")...); got != want {
		t.Error("-participants Lena,Ben -deciders LENA is not lena,ben and lena")
	}

	// Two ids differing only in case: each matches only itself.
	twins := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin"},{"id":"Lena","zone":"Asia/Tokyo"},{"id":"ben","zone":"UTC"}]}`, map[string]string{})
	for _, id := range []string{"lena", "Lena"} {
		out := mustRun(t, weekNow, args("availability", "-roster", twins, "-people", id, "-format", "json")...)
		if !strings.Contains(out, `"id": "`+id+`"`) {
			t.Errorf("-people %s shows someone else:\n%.300s", id, out)
		}
	}
	code, _, errOut := planner(t, weekNow, args("suggest", "-roster", twins, "-required", "LENA")...)
	if want := `planner: -required "LENA": not in the roster (did you mean lena or Lena?)` + "\n"; code != 2 || errOut != want {
		t.Errorf("an id that two ids match in another case: exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// TestDidYouMean: a name one slip away from one the planner knows gets a
// suggestion.
func TestDidYouMean(t *testing.T) {
	roster := writeRoster(t, sixTeam, map[string]string{})
	badZone := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin"},{"id":"kenji","zone":"Asia/Tokio"}]}`, map[string]string{})
	badHours := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin","hours":"Mon-Fry 09:00-17:00"}]}`, map[string]string{})
	badCode := writeRoster(t, `{"people":[{"id":"ben","zone":"Europe/London","holidays":["UK"]}]}`, map[string]string{})
	badField := writeRoster(t, `{"people":[{"id":"ben","zone":"Europe/London","holidys":["GB"]}]}`, map[string]string{})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"subcommand", []string{"overlaps"}, "(did you mean overlap?)"},
		{"subcommand prefix", []string{"avail"}, "(did you mean availability?)"},
		{"subcommand in help", []string{"help", "sugest"}, "(did you mean suggest?)"},
		{"flag", []string{"suggest", "-requried", "ben"}, "unknown flag -requried for suggest (did you mean -required?)"},
		{"flag before the subcommand", []string{"-requried", "ben", "suggest"}, "(did you mean -required?)"},
		{"flag of another subcommand", []string{"overlap", "-required", "ben"}, "(suggest and rotate take it)"},
		{"required", []string{"suggest", "-roster", roster, "-required", "lnea"}, `-required "lnea": not in the roster (did you mean lena?)`},
		{"optional", []string{"suggest", "-roster", roster, "-optional", "kenij"}, `-optional "kenij": not in the roster (did you mean kenji?)`},
		{"people", []string{"overlap", "-roster", roster, "-people", "lena,pirya"}, `-people "pirya": not in the roster (did you mean priya?)`},
		{"participants", []string{"advise", "-roster", roster, "-participants", "snam"}, `-participants "snam": not in the roster (did you mean sam?)`},
		{"deciders", []string{"advise", "-roster", roster, "-deciders", "lenna"}, `-deciders "lenna": not in the roster (did you mean lena?)`},
		{"no near id", []string{"suggest", "-roster", roster, "-required", "zoe"}, `(its ids are lena, ben, priya, sam, kenji and ana)`},
		{"holiday code alias", []string{"holidays", "-codes", "NZ,UK"}, `-codes "UK": unknown holiday calendar (did you mean GB?)`},
		{"holiday code", []string{"holidays", "-codes", "de-byy"}, `(did you mean DE-BY?)`},
		{"holiday code as an argument", []string{"holidays", "NZ"}, `(did you mean -codes NZ?)`},
		{"roster's holiday code", []string{"availability", "-roster", badCode}, `holidays "UK": unknown holiday calendar (did you mean GB?)`},
		{"zone", []string{"availability", "-zone", "Asia/Tokio"}, `-zone "Asia/Tokio": unknown time zone (did you mean Asia/Tokyo?)`},
		{"zone's city", []string{"availability", "-zone", "tokyo"}, `(did you mean Asia/Tokyo?)`},
		{"roster's zone", []string{"availability", "-roster", badZone}, `person "kenji": zone "Asia/Tokio": unknown time zone (did you mean Asia/Tokyo?)`},
		{"roster's day", []string{"availability", "-roster", badHours}, `hours "Mon-Fry 09:00-17:00": "Fry": unknown day (did you mean Fri?)`},
		{"roster's field", []string{"availability", "-roster", badField}, `unknown field "holidys" (did you mean holidays?)`},
		{"duration without a unit", []string{"suggest", "-duration", "30"}, `-duration "30": a duration needs a unit (did you mean 30m?)`},
		{"timeout without a unit", []string{"overlap", "-timeout", "30"}, `(did you mean 30s?)`},
		{"format", []string{"overlap", "-format", "jsn"}, `(did you mean json?)`},
		{"true after a flag of true or false", []string{"suggest", "-allow-night", "true"}, `(did you mean -allow-night=true?)`},
		{"a roster for a subcommand", []string{"team.json"}, `(did you mean -roster team.json?)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := planner(t, weekNow, tc.args...)
			if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("planner %q: exit %d, stdout %.100q, stderr %q; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
			}
		})
	}
}

// TestErrorShapes: an error is one line on stderr, with one "planner: ",
// no Go names, and the input that is wrong quoted once.
func TestErrorShapes(t *testing.T) {
	badZone := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin"},{"id":"kenji","zone":"Asia/Tokio"}]}`, map[string]string{})
	badHours := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin","hours":"Mon-Fri 09:00-25:00"}]}`, map[string]string{})
	badDay := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin","hours":"Mon-Fry 09:00-17:00"}]}`, map[string]string{})
	longDay := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin","hours":"Mon-Fri 09:00-5:00"}]}`, map[string]string{})
	badType := writeRoster(t, `{"people":[{"id":"lena","zone":"Europe/Berlin","hours":9}]}`, map[string]string{})
	broken := writeRoster(t, `{"people":[{"id":"lena",`, map[string]string{})
	twice := writeRoster(t, `{"people":[{"id":"lena","zone":"UTC"},{"id":"lena","zone":"UTC"}]}`, map[string]string{})
	noCal := writeRoster(t, `{"people":[{"id":"lena","zone":"UTC","calendars":["lena.ics"]}]}`, map[string]string{})
	badCal := writeRoster(t, `{"people":[{"id":"lena","zone":"UTC","calendars":["lena.ics"]}]}`, map[string]string{"lena.ics": "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"})
	tests := []struct {
		args  []string
		input string // quoted once, or "" for none
	}{
		{[]string{"availability", "-roster", badZone}, `"Asia/Tokio"`},
		{[]string{"availability", "-roster", badHours}, `"Mon-Fri 09:00-25:00"`},
		{[]string{"availability", "-roster", badDay}, `"Mon-Fry 09:00-17:00"`},
		{[]string{"availability", "-roster", longDay}, `"Mon-Fri 09:00-5:00"`},
		{[]string{"availability", "-roster", badType}, `"hours"`},
		{[]string{"overlap", "-roster", broken}, `"` + broken + `"`},
		{[]string{"overlap", "-roster", twice}, `"` + twice + `"`},
		{[]string{"overlap", "-roster", noCal}, `"lena.ics"`},
		{[]string{"overlap", "-roster", badCal, "-strict"}, `"lena.ics"`},
		{[]string{"overlap", "-roster", "/nonexistent/team.json"}, `"/nonexistent/team.json"`},
		{[]string{"-roster", badZone, "availability"}, `"` + badZone + `"`},
		{[]string{"overlap", "-zone", "Asia/Tokio"}, `"Asia/Tokio"`},
		{[]string{"overlap", "-zone", "localtime"}, `"localtime"`},
		{[]string{"overlap", "-from", "2026-02-30"}, `"2026-02-30"`},
		{[]string{"overlap", "-to", "next week"}, `"next week"`},
		{[]string{"holidays", "-codes", "UK"}, `"UK"`},
		{[]string{"holidays", "-codes", "US,XX"}, `"XX"`},
		{[]string{"suggest", "-duration", "30"}, `"30"`},
		{[]string{"suggest", "-duration", "half an hour"}, `"half an hour"`},
		{[]string{"suggest", "-required", "Ben,zoe"}, `"zoe"`},
		{[]string{"suggest", "-required", "ben", "-optional", "ben"}, ""},
		{[]string{"suggest", "-requried", "ben"}, "-requried"},
		{[]string{"suggest", "-min-attendance", "most"}, `"most"`},
		{[]string{"suggest", "-night", "22:00"}, `"22:00"`},
		{[]string{"rotate", "-n", "eight"}, `"eight"`},
		{[]string{"advise", "-purpose", "chat"}, `"chat"`},
		{[]string{"advise", "-from", "2026-03-09", "-deadline", "2026-03-09T12:00:00Z"}, ""},
		{[]string{"audit", "-purpose", "Weekly status"}, `"Weekly status"`},
		{[]string{"audit", "-purpose", "Weekly status=chat"}, `"Weekly status=chat"`},
		{[]string{"overlaps"}, `"overlaps"`},
		{[]string{"overlap", "extra"}, `"extra"`},
		{[]string{"overlap", "-zone"}, ""},
		{[]string{"overlap", "-timeout", "1ns"}, ""},
		{[]string{"help", "sugest"}, `"sugest"`},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := planner(t, weekNow, tc.args...)
			if code != 2 || out != "" {
				t.Errorf("planner %q: exit %d, stdout %.100q; want exit 2 and nothing", tc.args, code, out)
			}
			line, ok := strings.CutSuffix(errOut, "\n")
			if !ok || strings.Contains(line, "\n") {
				t.Errorf("planner %q: stderr is not one line: %q", tc.args, errOut)
			}
			if !strings.HasPrefix(line, "planner: ") || strings.Count(line, "planner: ") != 1 || strings.Contains(line, ": planner ") {
				t.Errorf("planner %q: want one prefix \"planner: \", got %q", tc.args, line)
			}
			if goNames.MatchString(line) {
				t.Errorf("planner %q: a Go name in %q", tc.args, line)
			}
			if n := strings.Count(line, tc.input); tc.input != "" && n != 1 {
				t.Errorf("planner %q: %s is in %q %d times, want once", tc.args, tc.input, line, n)
			}
		})
	}
}
