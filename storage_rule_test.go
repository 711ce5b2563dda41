package billing_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestStoredFormsHaveValue holds every public package of the module to the storage rule:
// no value may reach a database driver through its String method. A driver given a value
// without a Value method falls back to what it can find: pgx writes String, which masks
// personal data (a phone stored as +27*******89) or prints a form that does not read back
// (an amount stored as "ZAR 20.00"). So every exported named type that has a String method
// and any stored or encoded form (Scan, MarshalText, AppendText, MarshalJSON) has a Value
// method on the value itself (not only on its pointer: a driver is given the value), with
// the signature of driver.Valuer. A type that has no one-column form declares a Value that
// fails, saying what to store instead. The only exception is a type documented as never
// stored or never encoded.
//
// The packages are parsed and type-checked from source (go/parser, go/types; their imports
// from the compiler's export data), so a new type or package is held to the rule as soon
// as it exists.
func TestStoredFormsHaveValue(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	imp := exportImporter(t, fset)
	pkgs := publicPackages(t)
	if len(pkgs) < 6 {
		t.Fatalf("found %d public packages (%v): the walk is broken", len(pkgs), pkgs)
	}
	checked := 0
	for _, dir := range pkgs {
		files, docs := parseDir(t, fset, dir)
		path := "github.com/tallykit/billing"
		if dir != "." {
			path += "/" + filepath.ToSlash(dir)
		}
		conf := types.Config{Importer: imp}
		pkg, err := conf.Check(path, fset, files, nil)
		if err != nil {
			t.Fatalf("type-checking %s: %v", path, err)
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || types.IsInterface(named) {
				continue
			}
			checked++
			ptr := types.NewMethodSet(types.NewPointer(named))
			if !hasMethod(ptr, "String", "func() string") {
				continue
			}
			var forms []string
			for _, m := range []struct{ name, sig string }{
				{"Scan", "func(any) error"},
				{"MarshalText", "func() ([]byte, error)"},
				{"AppendText", "func([]byte) ([]byte, error)"},
				{"MarshalJSON", "func() ([]byte, error)"},
			} {
				if ptr.Lookup(nil, m.name) != nil {
					forms = append(forms, m.name)
				}
			}
			if len(forms) == 0 {
				continue
			}
			qualified := pkg.Name() + "." + name
			val := types.NewMethodSet(named)
			switch {
			case hasMethod(val, "Value", "func() (database/sql/driver.Value, error)"):
				// The driver is given the whole value.
			case hasMethod(ptr, "Value", "func() (database/sql/driver.Value, error)"):
				t.Errorf("%s: Value has a pointer receiver, so a %s given to a driver is stored through "+
					"String: declare Value on the value (func (x %s) Value() (driver.Value, error))", qualified, name, name)
			case neverStored(docs[name]):
				// Documented: it has no stored form at all.
			default:
				t.Errorf("%s has String and %s but no Value method: a database driver would store it "+
					"through String. Give it Value() (driver.Value, error) writing its whole value "+
					"(or failing, with what to store instead, when it has no one-column form), "+
					"or document that it is never stored", qualified, strings.Join(forms, ", "))
			}
			if slices.Contains(forms, "Scan") {
				if !hasMethod(ptr, "Scan", "func(any) error") {
					t.Errorf("%s: Scan must be func(src any) error (sql.Scanner)", qualified)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no exported type checked")
	}
}

// exportImporter returns an importer that reads the compiler's export data of the
// module's dependencies, which `go list -export` builds (or finds in the build cache):
// much faster than type-checking them all from source.
func exportImporter(t *testing.T, fset *token.FileSet) types.Importer {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{if .Export}}{{.ImportPath}}={{.Export}}{{end}}", "./...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list -export: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
}

// hasMethod reports whether ms holds the exported method name with the signature sig,
// written as "func(any) error": parameter and result types only, qualified by import path.
func hasMethod(ms *types.MethodSet, name, sig string) bool {
	sel := ms.Lookup(nil, name)
	if sel == nil {
		return false
	}
	s := sel.Obj().Type().(*types.Signature)
	tuple := func(tu *types.Tuple) string {
		var parts []string
		for v := range tu.Variables() {
			parts = append(parts, types.TypeString(v.Type(), nil))
		}
		return strings.Join(parts, ", ")
	}
	got := "func(" + tuple(s.Params()) + ")"
	switch s.Results().Len() {
	case 0:
	case 1:
		got += " " + tuple(s.Results())
	default:
		got += " (" + tuple(s.Results()) + ")"
	}
	return got == sig
}

// neverStored reports whether a type's doc comment says it has no stored form.
func neverStored(doc string) bool {
	doc = strings.Join(strings.Fields(doc), " ")
	return strings.Contains(doc, "is never stored") || strings.Contains(doc, "is never encoded")
}

// publicPackages returns the directories, relative to the module root, of the module's
// packages that a user imports: not internal, not commands, not test data, not the
// separate modules beside the library (bench/, examples/).
func publicPackages(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		base := d.Name()
		if path != "." {
			if base == "internal" || base == "testdata" || base == "cmd" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
		}
		matches, _ := filepath.Glob(filepath.Join(path, "*.go"))
		for _, m := range matches {
			if !strings.HasSuffix(m, "_test.go") {
				dirs = append(dirs, path)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// parseDir parses the package in dir (its non-test files for this platform's default
// build) and returns its files and the doc comment of each type it declares.
func parseDir(t *testing.T, fset *token.FileSet, dir string) ([]*ast.File, map[string]string) {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	docs := map[string]string{}
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := build.Default.MatchFile(dir, filepath.Base(m)); err != nil || !ok {
			continue // left out of this platform's build
		}
		if f.Name.Name == "main" {
			continue
		}
		files = append(files, f)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				doc := ts.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if doc != nil {
					docs[ts.Name.Name] = doc.Text()
				}
			}
		}
	}
	return files, docs
}
