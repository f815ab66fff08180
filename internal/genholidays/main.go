// Command genholidays writes calendar/holidaytable.go, the table of every
// holiday list in github.com/rickar/cal/v2.
//
// It finds, in every package of that module, each exported package-level
// variable named Holidays or Holidays followed by an upper-case suffix
// (de.Holidays, de.HolidaysBY, au.HolidaysNSW), and gives it a code: the
// package name upper-cased for Holidays ("DE", "ECB"), and the package name,
// a hyphen and the suffix for a regional list ("DE-BY", "AU-NSW"). The
// generated file has two functions, holidayCodeList and holidayList, and no
// variables. Run it with go generate in package calendar:
//
//	go generate ./calendar
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/tzplan/tzplan/internal/gomod"
)

const (
	calModule = "github.com/rickar/cal/v2"
	outFile   = "calendar/holidaytable.go" // relative to the main module's directory
)

func main() {
	src, out, err := generate()
	if err == nil {
		err = os.WriteFile(out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genholidays:", err)
		os.Exit(1)
	}
}

// A list is one holiday list found in rickar/cal.
type list struct {
	Code       string // "DE-BY"
	Pkg        string // package name, "de"
	ImportPath string // "github.com/rickar/cal/v2/de"
	Var        string // "HolidaysBY"
}

// generate returns the text of the table and the path it belongs at.
func generate() (src []byte, out string, err error) {
	main, err := gomod.Find("")
	if err != nil {
		return nil, "", err
	}
	cal, err := gomod.Find(calModule)
	if err != nil {
		return nil, "", err
	}
	lists, err := scan(cal.Dir, calModule)
	if err != nil {
		return nil, "", err
	}
	src, err = render(cal.Version, lists)
	if err != nil {
		return nil, "", err
	}
	return src, filepath.Join(main.Dir, filepath.FromSlash(outFile)), nil
}

// scan finds the holiday lists in every package under dir, the directory of
// the module modPath, sorted by code.
func scan(dir, modPath string) ([]list, error) {
	var lists []list
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel == "." {
			return nil // package cal itself defines no lists
		}
		found, err := scanPackage(p, path.Join(modPath, filepath.ToSlash(rel)))
		lists = append(lists, found...)
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(lists, func(i, j int) bool { return lists[i].Code < lists[j].Code })
	for i := 1; i < len(lists); i++ {
		if lists[i].Code == lists[i-1].Code {
			return nil, fmt.Errorf("code %s names both %s.%s and %s.%s", lists[i].Code,
				lists[i-1].ImportPath, lists[i-1].Var, lists[i].ImportPath, lists[i].Var)
		}
	}
	return lists, nil
}

// scanPackage finds the holiday lists in the Go files (tests excepted) of
// one directory.
func scanPackage(dir, importPath string) ([]list, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var lists []list
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		pkg := f.Name.Name
		if pkg == "main" || strings.HasSuffix(pkg, "_test") {
			continue
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, id := range spec.(*ast.ValueSpec).Names {
					suffix, ok := listSuffix(id.Name)
					if !ok {
						continue
					}
					code := strings.ToUpper(pkg)
					if suffix != "" {
						code += "-" + suffix
					}
					lists = append(lists, list{Code: code, Pkg: pkg, ImportPath: importPath, Var: id.Name})
				}
			}
		}
	}
	return lists, nil
}

// listSuffix reports whether name is Holidays or Holidays followed by an
// upper-case suffix, and returns the suffix.
func listSuffix(name string) (string, bool) {
	s, ok := strings.CutPrefix(name, "Holidays")
	if !ok {
		return "", false
	}
	if s == "" {
		return "", true
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return "", false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return "", false
		}
	}
	return s, true
}

// render writes the table as gofmt'd Go source.
func render(version string, lists []list) ([]byte, error) {
	if len(lists) == 0 {
		return nil, errors.New("no holiday lists found")
	}
	imports := map[string]bool{}
	for _, l := range lists {
		imports[l.ImportPath] = true
	}
	paths := make([]string, 0, len(imports))
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genholidays from %s %s. DO NOT EDIT.\n\n", calModule, version)
	b.WriteString("package calendar\n\nimport (\n")
	fmt.Fprintf(&b, "\t%s\n", strconv.Quote(calModule))
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%s\n", strconv.Quote(p))
	}
	b.WriteString(")\n\n")
	fmt.Fprintf(&b, "// holidayCodeList returns the code of every holiday list in %s,\n// sorted, in a new slice.\n", calModule)
	b.WriteString("func holidayCodeList() []string {\n\treturn []string{\n")
	for _, l := range lists {
		fmt.Fprintf(&b, "\t\t%s,\n", strconv.Quote(l.Code))
	}
	b.WriteString("\t}\n}\n\n")
	b.WriteString("// holidayList returns the holiday list with the canonical code, or nil\n// for an unknown code.\n")
	b.WriteString("func holidayList(code string) []*cal.Holiday {\n\tswitch code {\n")
	for _, l := range lists {
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn %s.%s\n", strconv.Quote(l.Code), l.Pkg, l.Var)
	}
	b.WriteString("\t}\n\treturn nil\n}\n")
	return format.Source(b.Bytes())
}
