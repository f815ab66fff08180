// Command genwinzones writes calendar/ics/windowszones.go, the table that
// maps Windows time zone names ("W. Europe Standard Time"), as Outlook
// writes them in TZID parameters, to IANA zone names ("Europe/Berlin").
//
// The table is tzlocal.WinTZtoIANA from github.com/thlib/go-timezone-local,
// the CLDR windowsZones table. That variable is declared only in the
// package's Windows build (its file has a "windows" build constraint), so
// it cannot be read by importing the package on other systems; this
// command reads it from the module's source instead, so that tzplan maps
// the same names on every system. The generated file has one function,
// windowsZone, and no variables. Run it with go generate in package ics:
//
//	go generate ./calendar/ics
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	// The table's source. Nothing of it is used here, since the table is
	// declared only for Windows; the import keeps the module, at the
	// version go.mod pins, in the build on every system.
	_ "github.com/thlib/go-timezone-local/tzlocal"
)

const (
	tzModule = "github.com/thlib/go-timezone-local"
	tzFile   = "tzlocal/tzmapping.go" // relative to tzModule's directory
	tzVar    = "WinTZtoIANA"
	outFile  = "calendar/ics/windowszones.go" // relative to the main module's directory
)

func main() {
	src, out, err := generate()
	if err == nil {
		err = os.WriteFile(out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genwinzones:", err)
		os.Exit(1)
	}
}

// generate returns the text of the table and the path it belongs at.
func generate() (src []byte, out string, err error) {
	main, err := module("")
	if err != nil {
		return nil, "", err
	}
	tz, err := module(tzModule)
	if err != nil {
		return nil, "", err
	}
	table, err := readTable(filepath.Join(tz.Dir, filepath.FromSlash(tzFile)))
	if err != nil {
		return nil, "", err
	}
	src, err = render(tz.Version, table)
	if err != nil {
		return nil, "", err
	}
	return src, filepath.Join(main.Dir, filepath.FromSlash(outFile)), nil
}

// A moduleInfo is what go list -m -json says about a module.
type moduleInfo struct {
	Path, Version, Dir string
}

// module returns what go list -m -json says about the module path, or
// about the main module when path is "".
func module(path string) (moduleInfo, error) {
	args := []string{"list", "-m", "-json"}
	if path != "" {
		args = append(args, path)
	}
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return moduleInfo{}, fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	var m moduleInfo
	if err := json.Unmarshal(stdout, &m); err != nil {
		return moduleInfo{}, fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	if m.Dir == "" {
		return moduleInfo{}, fmt.Errorf("go %s: no directory for module %s (is it in go.mod and downloaded?)", strings.Join(args, " "), path)
	}
	return m, nil
}

// An entry is one row of the table.
type entry struct{ Windows, IANA string }

// readTable reads the map literal assigned to tzVar in the Go file at path,
// sorted by Windows name.
func readTable(path string) ([]entry, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var lit *ast.CompositeLit
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name == tzVar && i < len(vs.Values) {
					lit, _ = vs.Values[i].(*ast.CompositeLit)
				}
			}
		}
	}
	if lit == nil {
		return nil, fmt.Errorf("%s: no map literal assigned to %s", path, tzVar)
	}
	var table []entry
	seen := map[string]bool{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, fmt.Errorf("%s: %s: an element is not key: value", path, tzVar)
		}
		k, err1 := stringLit(kv.Key)
		v, err2 := stringLit(kv.Value)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s: %s: %v", path, tzVar, err)
		}
		if seen[k] {
			return nil, fmt.Errorf("%s: %s: %q is given twice", path, tzVar, k)
		}
		seen[k] = true
		table = append(table, entry{k, v})
	}
	if len(table) < 100 {
		return nil, fmt.Errorf("%s: %s has only %d entries", path, tzVar, len(table))
	}
	sort.Slice(table, func(i, j int) bool { return table[i].Windows < table[j].Windows })
	return table, nil
}

func stringLit(e ast.Expr) (string, error) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", errors.New("an element is not a string literal")
	}
	return strconv.Unquote(bl.Value)
}

// render writes the table as a function with one switch.
func render(version string, table []entry) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genwinzones from %s %s (tzlocal.%s). DO NOT EDIT.\n\n", tzModule, version, tzVar)
	b.WriteString("package ics\n\n")
	b.WriteString("// windowsZone returns the IANA name of the zone that a Windows time zone\n")
	b.WriteString("// name stands for, by the CLDR windowsZones table (its territory \"001\"\n")
	b.WriteString("// rows), as " + tzModule + " " + version + " has it.\n")
	b.WriteString("func windowsZone(name string) (string, bool) {\n\tswitch name {\n")
	for _, e := range table {
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn %s, true\n", strconv.Quote(e.Windows), strconv.Quote(e.IANA))
	}
	b.WriteString("\t}\n\treturn \"\", false\n}\n")
	return format.Source(b.Bytes())
}
