package billing_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPublicAPINamesNoInternalPackage fails when an exported declaration of a public
// package (a signature, a field, a constant's value, a type) names an identifier of an
// internal package: outside code could not write that name, and go doc would show it.
func TestPublicAPINamesNoInternalPackage(t *testing.T) {
	dirs := publicPackages(t)
	require.Contains(t, dirs, "customer", "the walk found the public packages")
	for _, dir := range dirs {
		assert.Empty(t, internalNames(t, dir), "exported declarations of %s naming internal packages", dir)
	}
}

// TestInternalNamesSeesEachKindOfDeclaration holds internalNames to each place an internal
// name can hide in an exported declaration, and to ignoring unexported ones.
func TestInternalNamesSeesEachKindOfDeclaration(t *testing.T) {
	dir := t.TempDir()
	src := `package p

import "example.com/m/internal/x"

type T struct {
	F x.A
	g x.B
}

type K int

const C = K(x.N)

func F(a x.A) {}

func (T) M() x.A { var v x.A; return v }

func (T) m(x.B) {}

func g(x.B) {}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	assert.Equal(t, []string{"C: x.N", "F: x.A", "T: x.A", "T.M: x.A"}, internalNames(t, dir))
}

// internalNames returns "Decl: pkg.Name" for each identifier of an internal package named
// by an exported declaration of the package in dir (test files aside), in go doc's order.
func internalNames(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var files []*ast.File
	internal := map[string]bool{} // import names of internal packages
	for _, path := range paths {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if !strings.Contains("/"+p+"/", "/internal/") {
				continue
			}
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			internal[name] = true
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "example.com/"+dir)
	require.NoError(t, err)

	var found []string
	check := func(decl string, n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] {
					found = append(found, decl+": "+id.Name+"."+sel.Sel.Name)
				}
			}
			return true
		})
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			check(strings.Join(v.Names, ", "), v.Decl)
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			check(prefix+f.Name, f.Decl.Type)
		}
	}
	values(pkg.Consts)
	values(pkg.Vars)
	funcs("", pkg.Funcs)
	for _, typ := range pkg.Types {
		check(typ.Name, typ.Decl) // go doc has dropped the unexported fields
		values(typ.Consts)
		values(typ.Vars)
		funcs("", typ.Funcs)
		funcs(typ.Name+".", typ.Methods)
	}
	return found
}
