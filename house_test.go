package billing_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tallykit/billing/internal/testkit"
)

// The house rules of DESIGN.md, checked on the import graph that `go list` reports for the
// module as it is on disk: which packages may import which, and that the library's packages
// (ids, money, metadata, contact, customer, account) never link the phone library.

const (
	module       = "github.com/tallykit/billing"
	phoneLibrary = "github.com/nyaruka/phonenumbers"
)

// graph maps an import path to the import paths of its non-test imports.
type graph map[string][]string

var (
	graphOnce sync.Once
	graphErr  error
	theGraph  graph
)

// moduleGraph runs `go list -deps` over every package of the module once, and returns the
// import graph of those packages and everything they depend on.
func moduleGraph(t *testing.T) graph {
	t.Helper()
	goCmd := testkit.GoTool(t)
	graphOnce.Do(func() { theGraph, graphErr = listGraph(goCmd) })
	if graphErr != nil {
		t.Fatal(graphErr)
	}
	return theGraph
}

func listGraph(goCmd string) (graph, error) {
	// -e: a package that another change has left broken is still listed with its imports.
	cmd := exec.Command(goCmd, "list", "-e", "-deps", "-json=ImportPath,Imports", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	g := graph{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %v", err)
		}
		g[p.ImportPath] = p.Imports
	}
	if _, ok := g[module]; !ok {
		return nil, fmt.Errorf("go list did not list %s", module)
	}
	return g, nil
}

// pathTo returns the shortest chain of imports from `from` to `to`, or nil if there is none.
func (g graph) pathTo(from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == to {
			var chain []string
			for ; p != ""; p = prev[p] {
				chain = append(chain, p)
			}
			slices.Reverse(chain)
			return chain
		}
		for _, q := range g[p] {
			if _, seen := prev[q]; !seen {
				prev[q] = p
				queue = append(queue, q)
			}
		}
	}
	return nil
}

// reach returns every package that p depends on, directly or not, itself excluded, sorted.
func (g graph) reach(p string) []string {
	seen := map[string]bool{p: true}
	stack := []string{p}
	var out []string
	for len(stack) > 0 {
		q := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, d := range g[q] {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				stack = append(stack, d)
			}
		}
	}
	slices.Sort(out)
	return out
}

// rel returns p relative to the module ("" for the root package), and whether p is in it.
func rel(p string) (string, bool) {
	if p == module {
		return "", true
	}
	r, ok := strings.CutPrefix(p, module+"/")
	return r, ok
}

// under reports whether the module-relative path r is dir or inside it.
func under(r, dir string) bool {
	return r == dir || strings.HasPrefix(r, dir+"/")
}

// tree returns the top of r's own tree: "ids", "money", "cmd/billingcheck", "examples/quickstart".
func tree(r string) string {
	parts := strings.SplitN(r, "/", 3)
	if len(parts) >= 2 && (parts[0] == "cmd" || parts[0] == "examples") {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// arrowViolations returns every import of the module's packages that DESIGN.md forbids:
//   - the root package imports nothing of the module;
//   - ids, money, metadata and contact (and their subpackages) depend, directly or through
//     internal packages, on nothing of the module but the root, internal/… and themselves:
//     not on each other, customer or account;
//   - customer never depends on account;
//   - nothing imports a package of cmd/…, examples/… or bench/… outside its own tree.
func arrowViolations(g graph) []string {
	var bad []string
	var pkgs []string
	for p := range g {
		if _, ok := rel(p); ok {
			pkgs = append(pkgs, p)
		}
	}
	slices.Sort(pkgs)
	for _, p := range pkgs {
		r, _ := rel(p)
		for _, imp := range g[p] {
			ir, ok := rel(imp)
			if !ok {
				continue
			}
			switch {
			case r == "":
				bad = append(bad, fmt.Sprintf("the root package imports %s: it must import nothing of the module", imp))
			case (under(ir, "cmd") || under(ir, "examples") || under(ir, "bench")) && tree(ir) != tree(r):
				bad = append(bad, fmt.Sprintf("%s imports %s: commands, examples and benchmarks are not libraries", p, imp))
			}
		}
		for _, base := range []string{"ids", "money", "metadata", "contact"} {
			if !under(r, base) {
				continue
			}
			for _, d := range g.reach(p) {
				dr, ok := rel(d)
				if !ok || dr == "" || under(dr, "internal") || under(dr, base) {
					continue
				}
				bad = append(bad, fmt.Sprintf("%s depends on %s (%s): %s may depend only on the root package and internal/…",
					p, d, strings.Join(g.pathTo(p, d), " → "), base))
			}
		}
		if under(r, "customer") {
			for _, d := range g.reach(p) {
				if dr, ok := rel(d); ok && under(dr, "account") {
					bad = append(bad, fmt.Sprintf("%s depends on %s (%s): account builds on customer, not the reverse",
						p, d, strings.Join(g.pathTo(p, d), " → ")))
				}
			}
		}
	}
	return bad
}

func TestImportArrows(t *testing.T) {
	start := time.Now()
	g := moduleGraph(t)
	for _, v := range arrowViolations(g) {
		t.Error(v)
	}
	t.Logf("checked %d packages in %v", len(g), time.Since(start).Round(time.Millisecond))
}

// TestArrowViolationsCatchesEachRule feeds the checker a module that breaks every rule once.
func TestArrowViolationsCatchesEachRule(t *testing.T) {
	m := func(r string) string {
		if r == "" {
			return module
		}
		return module + "/" + r
	}
	g := graph{
		m(""):                              {"errors", m("ids")},
		m("ids"):                           {m(""), m("internal/report"), m("internal/shared")},
		m("internal/report"):               {m("")},
		m("internal/shared"):               {m("money")},
		m("money"):                         {m(""), m("money/internal/table")},
		m("money/internal/table"):          nil,
		m("metadata"):                      {m("customer")},
		m("customer"):                      {m("ids"), m("money"), m("metadata"), m("internal/entity")},
		m("internal/entity"):               {m("account")},
		m("account"):                       {m("customer"), m("examples/quickstart")},
		m("cmd/billingcheck"):              {m("account"), m("cmd/billingcheck/internal/run")},
		m("cmd/billingcheck/internal/run"): nil,
		m("examples/quickstart"):           {m("cmd/billingcheck")},
	}
	got := strings.Join(arrowViolations(g), "\n")
	for _, want := range []string{
		"the root package imports " + m("ids"),
		m("ids") + " depends on " + m("money") + " (" + m("ids") + " → " + m("internal/shared") + " → " + m("money") + ")",
		m("metadata") + " depends on " + m("customer"),
		m("customer") + " depends on " + m("account"),
		m("account") + " imports " + m("examples/quickstart"),
		m("examples/quickstart") + " imports " + m("cmd/billingcheck"),
	} {
		assertContains(t, got, want)
	}
	for _, allowed := range []string{
		m("money") + " depends on " + m("money/internal/table"),
		m("cmd/billingcheck") + " imports " + m("cmd/billingcheck/internal/run"),
		m("ids") + " depends on " + m("internal/report"),
	} {
		if strings.Contains(got, allowed) {
			t.Errorf("reported an allowed import: %s", allowed)
		}
	}
}

func assertContains(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("violations do not mention %q; got:\n%s", want, got)
	}
}

// TestLibraryDoesNotLinkPhoneNumbers keeps the phone library's start-up cost (its init
// parses the whole metadata: milliseconds and megabytes) out of programs that validate
// documents: the root package, ids, money, metadata, contact, customer and account never
// link it, directly or not. contact checks E.164 numbers on tables generated from the
// library's metadata; only contact/phoneinput (reading typed numbers), the generator under
// contact/internal and test support (billingtest) may link the library.
func TestLibraryDoesNotLinkPhoneNumbers(t *testing.T) {
	for _, dir := range []string{".", "ids", "money", "metadata", "contact", "customer", "account"} {
		t.Run(dir, func(t *testing.T) {
			if !hasGoFiles(t, dir) {
				t.Fatalf("package %s is missing", dir)
			}
			g := moduleGraph(t)
			p := module
			if dir != "." {
				p += "/" + dir
			}
			if _, ok := g[p]; !ok {
				t.Fatalf("go list did not list %s", p)
			}
			for _, d := range g.reach(p) {
				if d == phoneLibrary || strings.HasPrefix(d, phoneLibrary+"/") {
					t.Errorf("%s links %s: %s", p, d, strings.Join(g.pathTo(p, d), " → "))
				}
			}
		})
	}
}

// hasGoFiles reports whether dir holds a Go file that is not a test.
func hasGoFiles(t *testing.T, dir string) bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			return true
		}
	}
	return false
}

// TestPhoneCheckSeesTheLibrary makes sure the check above would see the library:
// contact/phoneinput, which reads typed numbers with it, does link it.
func TestPhoneCheckSeesTheLibrary(t *testing.T) {
	g := moduleGraph(t)
	if g.pathTo(module+"/contact/phoneinput", phoneLibrary) == nil {
		t.Errorf("%s/contact/phoneinput does not link %s: the graph is not what the phone check assumes", module, phoneLibrary)
	}
}

// TestBenchmarksDoNotLinkPhoneNumbers keeps the phone library out of the test binaries of
// the packages whose benchmarks the README reports. Linked there, its metadata (megabytes,
// parsed at start-up) would sit in the heap of every benchmark and be marked by every
// collection, a cost no program that imports those packages pays. The comparisons with
// the phone library live in bench/.
func TestBenchmarksDoNotLinkPhoneNumbers(t *testing.T) {
	goCmd := testkit.GoTool(t)
	for _, dir := range []string{"customer", "account", "metadata", "money", "ids", "internal/entity"} {
		t.Run(dir, func(t *testing.T) {
			out, err := exec.Command(goCmd, "list", "-test", "-deps", "./"+dir).Output()
			if err != nil {
				t.Fatalf("go list -test -deps ./%s: %v", dir, err)
			}
			for _, d := range strings.Fields(string(out)) {
				if d == phoneLibrary || strings.HasPrefix(d, phoneLibrary+"/") {
					t.Errorf("the test binary of %s links %s", dir, d)
				}
			}
		})
	}
}
