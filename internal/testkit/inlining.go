package testkit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Inlining is what the compiler reports about inlining in one package: which functions can
// be inlined, and which calls it inlined in each function.
type Inlining struct {
	can    map[string]bool
	into   map[string]map[string]bool
	report []byte
}

// inliningLine is a line of the compiler's -m report: "./file.go:12:6: can inline F" or
// "./file.go:30:17: inlining call to G". A generic function's shape may hold spaces.
var inliningLine = regexp.MustCompile(`(?m)^([^:\s]+\.go):(\d+):\d+: (can inline|inlining call to) (.+)$`)

// CompileInlining compiles the package in the test's directory, with its tests (whose calls
// instantiate the package's generic functions), asking the compiler for its inlining
// decisions (go test -c -gcflags=-m). It skips t in short mode: it runs the compiler.
//
// Names are the compiler's: "F", "T.M" and "(*T).M" for methods, "pkg.F" for a function
// of another package inlined here, a generic function with its shape ("Load64[go.shape.string]").
func CompileInlining(t testing.TB) *Inlining {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	cmd := exec.Command(GoTool(t), "test", "-c", "-gcflags=-m", "-o", filepath.Join(t.TempDir(), "pkg.test"), ".")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", cmd, err, out)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	funcs := funcsByLine(t)
	in := &Inlining{can: map[string]bool{}, into: map[string]map[string]bool{}, report: out}
	for _, m := range inliningLine.FindAllSubmatch(out, -1) {
		file, verdict, name := string(m[1]), string(m[3]), string(m[4])
		if verdict == "can inline" {
			in.can[name] = true
			continue
		}
		// The package's own files are named relative to the working directory (the
		// package's) or in full; others are generic code of other packages instantiated
		// here, whose call sites are not the package's.
		if d := filepath.Dir(file); d != "." && d != dir {
			continue
		}
		line, _ := strconv.Atoi(string(m[2]))
		caller := funcs.at(filepath.Base(file), line)
		if caller == "" {
			continue
		}
		if in.into[caller] == nil {
			in.into[caller] = map[string]bool{}
		}
		in.into[caller][name] = true
	}
	return in
}

// AssertCanInline checks that the compiler can inline each of fns.
func (in *Inlining) AssertCanInline(t testing.TB, fns ...string) {
	t.Helper()
	for _, fn := range fns {
		if !in.can[fn] {
			t.Errorf("%s cannot be inlined", fn)
		}
	}
	in.logOnFailure(t)
}

// AssertInlinedInto checks that the compiler inlined, in the body of caller, a call to
// each of callees (directly, or inside a call it inlined there).
func (in *Inlining) AssertInlinedInto(t testing.TB, caller string, callees ...string) {
	t.Helper()
	for _, fn := range callees {
		if !in.into[caller][fn] {
			t.Errorf("%s does not inline its call to %s", caller, fn)
		}
	}
	in.logOnFailure(t)
}

func (in *Inlining) logOnFailure(t testing.TB) {
	t.Helper()
	if t.Failed() {
		t.Logf("go test -c -gcflags=-m:\n%s", in.report)
	}
}

// funcRange is where a function declaration starts and ends in its file.
type funcRange struct {
	name       string
	start, end int
}

// lineIndex maps a file name (without its directory) to the function declarations in it.
type lineIndex map[string][]funcRange

// at returns the name of the function declared at line of file, "" when none is.
func (ix lineIndex) at(file string, line int) string {
	for _, f := range ix[file] {
		if f.start <= line && line <= f.end {
			return f.name
		}
	}
	return ""
}

// funcsByLine parses the Go files of the test's directory and returns where each function
// declaration is, named as the compiler names it.
func funcsByLine(t testing.TB) lineIndex {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	ix := lineIndex{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ix[name] = append(ix[name], funcRange{
				name:  funcName(fd),
				start: fset.Position(fd.Pos()).Line,
				end:   fset.Position(fd.End()).Line,
			})
		}
	}
	return ix
}

// funcName returns the compiler's name of a declaration: "F", "T.M" or "(*T).M".
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	typ := fd.Recv.List[0].Type
	star := false
	if s, ok := typ.(*ast.StarExpr); ok {
		star, typ = true, s.X
	}
	switch g := typ.(type) {
	case *ast.IndexExpr:
		typ = g.X
	case *ast.IndexListExpr:
		typ = g.X
	}
	recv := "?"
	if id, ok := typ.(*ast.Ident); ok {
		recv = id.Name
	}
	if star {
		return "(*" + recv + ")." + fd.Name.Name
	}
	return recv + "." + fd.Name.Name
}
