package bench_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// The start-up cost of importing the library: what package initialisation
// (init functions and package-level variables) costs a program, as
// GODEBUG=inittrace=1 reports it, one line per package:
//
//	init internal/bytealg @0.008 ms, 0 ms clock, 0 bytes, 0 allocs
//
// Importing ids and money must stay cheap, and so must importing customer or
// account: none of them links phonenumbers, whose metadata costs milliseconds
// and megabytes to initialise (phone validity comes from tables compiled into
// package contact). Only contact/phoneinput, which reads typed numbers, links
// it; the phoneinput program shows what that costs.

// modulePath is the library's module path: its packages are "own" packages.
const modulePath = "github.com/tallykit/billing"

// phonenumbersModule is the phone library only contact/phoneinput may link.
const phonenumbersModule = "github.com/nyaruka/phonenumbers"

// maxOwnInit is the goal for the library's own packages in every program but
// the one reading typed numbers, median of the runs: they do no work at init.
// The tests assert it on the library's own packages, which a noisy machine
// cannot stretch much; the benchmark reports the total as well (every package
// but the runtime itself, which an empty program pays too), and
// scripts/bench.sh judges the goals on that.
const maxOwnInit = 0.2 // ms

// The goals of the customer and account programs: every package's
// initialisation, the runtime's included, in at most maxInitMs, allocating at
// most maxInitBytes.
const (
	maxInitMs    = 1.0 // ms
	maxInitBytes = 300 << 10
)

// startupProgram is one program BenchmarkStartup builds and runs.
type startupProgram struct {
	name         string // sub-benchmark name
	pkg          string // package path relative to this module
	phonenumbers bool   // whether it must link phonenumbers
	goal         bool   // the customer and account goal applies (≤ maxInitMs, ≤ maxInitBytes)
}

var startupPrograms = []startupProgram{
	{"empty", "./internal/startup/empty", false, false},
	{"idsmoney", "./internal/startup/idsmoney", false, false},
	{"customer", "./internal/startup/customer", false, true},
	{"account", "./internal/startup/account", false, true},
	{"phoneinput", "./internal/startup/phoneinput", true, false},
}

// initCost is what one run's initialisation cost, summed over packages.
type initCost struct {
	clockMs     float64 // every package
	runtimeMs   float64 // package runtime alone (scheduler, heap: every program pays it)
	restMs      float64 // every package but runtime (set by medianCost only)
	ownClockMs  float64 // the library's packages only
	otherModsMs float64 // packages of other modules (not the standard library, not the library)
	bytes       int64
	allocs      int64
	packages    int
}

var initLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, ([0-9.]+) ms clock, ([0-9]+) bytes, ([0-9]+) allocs$`)

// parseInitTrace sums the inittrace lines of a program's standard error.
func parseInitTrace(stderr []byte) (initCost, error) {
	var c initCost
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		clock, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			return c, err
		}
		nb, err := strconv.ParseInt(m[3], 10, 64)
		if err != nil {
			return c, err
		}
		na, err := strconv.ParseInt(m[4], 10, 64)
		if err != nil {
			return c, err
		}
		c.clockMs += clock
		switch pkg := m[1]; {
		case pkg == "runtime":
			c.runtimeMs += clock
		case pkg == modulePath || strings.HasPrefix(pkg, modulePath+"/"):
			c.ownClockMs += clock
		case strings.Contains(strings.SplitN(pkg, "/", 2)[0], "."):
			c.otherModsMs += clock
		}
		c.bytes += nb
		c.allocs += na
		c.packages++
	}
	if c.packages == 0 {
		return c, fmt.Errorf("no inittrace lines in %q", stderr)
	}
	return c, sc.Err()
}

var (
	buildMu  sync.Mutex
	buildDir string
	built    = map[string]string{} // package → binary
)

// buildProgram builds p once per test process and returns its binary. It
// checks that the binary links phonenumbers exactly when p says so.
func buildProgram(tb testing.TB, p startupProgram) string {
	tb.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if bin, ok := built[p.pkg]; ok {
		return bin
	}
	if buildDir == "" {
		dir, err := os.MkdirTemp("", "billing-startup-")
		if err != nil {
			tb.Fatal(err)
		}
		buildDir = dir
	}
	gocmd := testkit.GoTool(tb)
	bin := filepath.Join(buildDir, p.name)
	if out, err := exec.Command(gocmd, "build", "-o", bin, p.pkg).CombinedOutput(); err != nil {
		tb.Fatalf("go build %s: %v\n%s", p.pkg, err, out)
	}
	out, err := exec.Command(gocmd, "version", "-m", bin).CombinedOutput()
	if err != nil {
		tb.Fatalf("go version -m %s: %v\n%s", bin, err, out)
	}
	if links := bytes.Contains(out, []byte("\t"+phonenumbersModule+"\t")); links != p.phonenumbers {
		tb.Fatalf("%s links %s: %v, want %v\n%s", p.pkg, phonenumbersModule, links, p.phonenumbers, out)
	}
	built[p.pkg] = bin
	return bin
}

// runProgram runs bin once with GODEBUG=inittrace=1 and sums its trace.
func runProgram(tb testing.TB, bin string) initCost {
	tb.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s: %v\n%s", bin, err, stderr.Bytes())
	}
	c, err := parseInitTrace(stderr.Bytes())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// medianCost is the per-field median of runs.
func medianCost(runs []initCost) initCost {
	med := func(f func(initCost) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		if n := len(v); n%2 == 0 {
			return (v[n/2-1] + v[n/2]) / 2
		}
		return v[len(v)/2]
	}
	return initCost{
		clockMs:     med(func(c initCost) float64 { return c.clockMs }),
		runtimeMs:   med(func(c initCost) float64 { return c.runtimeMs }),
		restMs:      med(func(c initCost) float64 { return c.clockMs - c.runtimeMs }),
		ownClockMs:  med(func(c initCost) float64 { return c.ownClockMs }),
		otherModsMs: med(func(c initCost) float64 { return c.otherModsMs }),
		bytes:       int64(med(func(c initCost) float64 { return float64(c.bytes) })),
		allocs:      int64(med(func(c initCost) float64 { return float64(c.allocs) })),
		packages:    runs[0].packages,
	}
}

// checkStartup asserts the goals: the library's own packages initialise in at
// most maxOwnInit in every program that does not link phonenumbers; the
// customer and account programs allocate at most maxInitBytes at init (a
// count no machine's load changes) and, when timed (clock), initialise
// everything in at most maxInitMs.
func checkStartup(tb testing.TB, p startupProgram, c initCost, clock bool) {
	tb.Helper()
	if p.phonenumbers {
		return
	}
	if c.ownClockMs > maxOwnInit {
		tb.Errorf("%s: the library's packages take %.3f ms to initialise, goal ≤ %.1f ms", p.name, c.ownClockMs, maxOwnInit)
	}
	if !p.goal {
		return
	}
	if c.bytes > maxInitBytes {
		tb.Errorf("%s: initialisation allocates %d B, goal ≤ %d B", p.name, c.bytes, maxInitBytes)
	}
	if clock && c.clockMs > maxInitMs {
		tb.Errorf("%s: initialisation takes %.3f ms, goal ≤ %.1f ms", p.name, c.clockMs, maxInitMs)
	}
}

// BenchmarkStartup runs each program once per iteration and reports the
// median of its runs: init-ms/run (the init clock of every package),
// runtime-init-ms/run (package runtime alone), nonruntime-init-ms/run (every
// package but runtime: what the program's imports cost), own-init-ms/run (the library's
// packages), modules-init-ms/run (other modules: golang.org/x/text,
// phonenumbers, protobuf), init-B/run and init-allocs/run (heap allocated by
// init), packages/run, and phonenumbers (1 when the program links it). ns/op
// is the whole run of the process, start to exit.
func BenchmarkStartup(b *testing.B) {
	for _, p := range startupPrograms {
		b.Run(p.name, func(b *testing.B) {
			bin := buildProgram(b, p)
			var runs []initCost
			for b.Loop() {
				runs = append(runs, runProgram(b, bin))
			}
			c := medianCost(runs)
			checkStartup(b, p, c, true)
			b.ReportMetric(c.clockMs, "init-ms/run")
			b.ReportMetric(c.runtimeMs, "runtime-init-ms/run")
			b.ReportMetric(c.restMs, "nonruntime-init-ms/run")
			b.ReportMetric(c.ownClockMs, "own-init-ms/run")
			b.ReportMetric(c.otherModsMs, "modules-init-ms/run")
			b.ReportMetric(float64(c.packages), "packages/run")
			b.ReportMetric(float64(c.bytes), "init-B/run")
			b.ReportMetric(float64(c.allocs), "init-allocs/run")
			links := 0.0
			if p.phonenumbers {
				links = 1 // buildProgram checked it
			}
			b.ReportMetric(links, "phonenumbers")
		})
	}
}

// TestStartup checks the same in a plain test run (median of 9 runs): no
// program but phoneinput links phonenumbers, the library's packages do no
// work at init, the customer and account programs allocate at most
// maxInitBytes and initialise in at most maxInitMs. The time is asserted
// with a margin of 3× for a loaded machine; the benchmark holds it to the goal.
func TestStartup(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs programs")
	}
	for _, p := range startupPrograms {
		t.Run(p.name, func(t *testing.T) {
			bin := buildProgram(t, p)
			runs := make([]initCost, 9)
			for i := range runs {
				runs[i] = runProgram(t, bin)
			}
			c := medianCost(runs)
			t.Logf("%s: %d packages, init %.3f ms (runtime %.3f ms, library %.3f ms, other modules %.3f ms), %d B in %d allocs",
				p.name, c.packages, c.clockMs, c.runtimeMs, c.ownClockMs, c.otherModsMs, c.bytes, c.allocs)
			checkStartup(t, p, c, false)
			if p.goal && c.clockMs > 3*maxInitMs {
				t.Errorf("%s: initialisation takes %.3f ms, goal ≤ %.1f ms (3× allowed here)", p.name, c.clockMs, maxInitMs)
			}
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}
