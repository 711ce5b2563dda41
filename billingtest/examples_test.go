package billingtest_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryFunctionHasAnExample: each exported function and method of the package has a
// runnable Example (Example<Func> or Example<Type>_<Method>).
func TestEveryFunctionHasAnExample(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var funcs []string
	examples := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			if strings.HasSuffix(name, "_test.go") {
				if rest, ok := strings.CutPrefix(fd.Name.Name, "Example"); ok {
					examples[rest] = true
				}
				continue
			}
			key := fd.Name.Name
			if fd.Recv != nil {
				typ := fd.Recv.List[0].Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				recv := typ.(*ast.Ident)
				if !recv.IsExported() {
					continue
				}
				key = recv.Name + "_" + key
			}
			funcs = append(funcs, key)
		}
	}
	require.NotEmpty(t, funcs)
	for _, fn := range funcs {
		assert.True(t, examples[fn], "no Example%s", fn)
	}
}
