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
// Importing ids and money must stay cheap (no phonenumbers, whose metadata
// costs milliseconds and megabytes to initialise); customer validates phones
// and pays for phonenumbers.

// modulePath is the library's module path: its packages are "own" packages.
const modulePath = "github.com/tallykit/billing"

// phonenumbersModule is the phone library only customer and account may link.
const phonenumbersModule = "github.com/nyaruka/phonenumbers"

// maxIDsMoneyInit is the goal for the ids+money program's initialisation,
// median of the runs. The tests assert it on the library's own packages,
// which a noisy machine cannot stretch much; the benchmark reports the total
// as well (every package but the runtime itself, which an empty program pays
// too), and scripts/bench.sh judges the goal on that.
const maxIDsMoneyInit = 0.2 // ms

// startupProgram is one program BenchmarkStartup builds and runs.
type startupProgram struct {
	name         string // sub-benchmark name
	pkg          string // package path relative to this module
	phonenumbers bool   // whether it must link phonenumbers
}

var startupPrograms = []startupProgram{
	{"empty", "./internal/startup/empty", false},
	{"idsmoney", "./internal/startup/idsmoney", false},
	{"customer", "./internal/startup/customer", true},
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

// checkStartup asserts the goal of the ids+money program.
func checkStartup(tb testing.TB, p startupProgram, c initCost) {
	tb.Helper()
	if p.phonenumbers {
		return
	}
	if c.ownClockMs > maxIDsMoneyInit {
		tb.Errorf("%s: the library's packages take %.3f ms to initialise, goal ≤ %.1f ms", p.name, c.ownClockMs, maxIDsMoneyInit)
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
			checkStartup(b, p, c)
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

// TestStartup checks the same in a plain test run: the ids+money program links
// no phonenumbers and initialises within its goal (median of 9 runs).
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
			checkStartup(t, p, c)
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
