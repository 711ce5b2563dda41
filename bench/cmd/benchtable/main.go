// Command benchtable reads the output of the bench module's go test -bench run
// (any -count) on standard input and prints the README's performance tables in
// Markdown: for each comparison the medians of the library and of its
// alternative (ns/op, B/op, allocs/op), their ratio (alternative ÷ library)
// and the target ratio; then the start-up cost of the programs of
// BenchmarkStartup.
//
// Usage:
//
//	go test -run='^$' -bench=. -count=6 ./... | go run ./cmd/benchtable
//
// It exits with status 1 when no benchmark line was read.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// comparison is one row of the main table: a Benchmark with a "library"
// sub-benchmark and one alternative sub-benchmark.
type comparison struct {
	bench  string  // Benchmark name without the "Benchmark" prefix
	label  string  // what is compared, for the table
	alt    string  // the alternative, for the table
	target float64 // alternative ÷ library must be at least this; 0: the row has no target
}

var comparisons = []comparison{
	{"CustomerFromValues", "customer create request from Go values, no phone", "`validator.Struct`", 8},
	{"CustomerFromValuesPhone", "customer create request from Go values, with phone validity", "`validator.Struct` + `phonenumbers.Parse` + `IsValidNumber`", 3},
	{"CustomerParseJSON", "`customer.DecodeCreateRequest`, docs example", "`json.Unmarshal` + `validator.Struct` + phone check", 2},
	{"AccountParseJSON", "`account.DecodeCreateRequest`, nested new customer", "`json.Unmarshal` + `validator.Struct` + phone check", 2},
	{"StoredPhone", "stored phone read (E.164 shape, region and type), `contact.ParseStoredPhone`", "the shape's `regexp` + `phonenumbers.Parse` + `GetRegionCodeForNumber` + `GetNumberType`", 0},
	{"CustomerID", "`ids.ParseCustomerID`", "the ID's `regexp`", 10},
	{"Currency", "`money.ParseCurrency`", "x/text `currency.ParseISO`", 2},
	{"Metadata20", "`metadata.Decode`, 20 entries", "`json.Unmarshal` into `map[string]string` + validator `dive`", 3},
	{"UpdateBalance", "`{\"balance\": 5000}` parsed and applied to the docs' customer", "`json.Unmarshal` into pointers + merge + `validator.Struct`", 5},
	{"UpdateTypical", "update of name, phone and two metadata keys, parsed and applied", "`json.Unmarshal` into pointers + merge + `validator.Struct` + phone check", 5},
}

// decodeOnly is one row of the decode-only table: a Benchmark with
// "library", "goccy" and "interleaved" sub-benchmarks.
type decodeOnly struct {
	bench string
	label string
}

var decodeOnlys = []decodeOnly{
	{"DecodeOnlyCustomer", "`customer.DecodeCreateRequest`, docs example, phone included"},
	{"DecodeOnlyAccount", "`account.DecodeCreateRequest`, nested new customer"},
}

// maxDecodeRatio is the decode-only goal: library ÷ goccy.
const maxDecodeRatio = 1.0

// startup is one program of BenchmarkStartup.
type startup struct {
	name  string
	label string
	goal  string // "idsmoney", "entity" (customer and account) or ""
}

var startups = []startup{
	{"empty", "empty program (baseline)", ""},
	{"idsmoney", "imports `ids` and `money`", "idsmoney"},
	{"customer", "imports `customer`", "entity"},
	{"account", "imports `account`", "entity"},
	{"phoneinput", "imports `customer` and `contact/phoneinput`", ""},
}

// The start-up goals: the ids+money program's packages' init clock, the
// runtime's own excluded; the customer and account programs' init clock, all
// packages, and heap.
const (
	maxIDsMoneyMs  = 0.2
	maxEntityMs    = 1.0
	maxEntityBytes = 300 << 10
)

// samples holds, for each benchmark name (GOMAXPROCS suffix removed), the
// values read for each unit, one per run.
type samples map[string]map[string][]float64

var procSuffix = regexp.MustCompile(`-[0-9]+$`)

// read parses go test -bench output.
func read(r io.Reader) (samples, int, error) {
	s := samples{}
	lines := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		name := procSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		if s[name] == nil {
			s[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			s[name][f[i+1]] = append(s[name][f[i+1]], v)
		}
		lines++
	}
	return s, lines, sc.Err()
}

// median returns the median of v (the mean of the middle two for an even
// count) and whether there was any value.
func median(v []float64) (float64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	v = slices.Clone(v)
	slices.Sort(v)
	n := len(v)
	if n%2 == 0 {
		return (v[n/2-1] + v[n/2]) / 2, true
	}
	return v[n/2], true
}

// alternativeOf returns the name of the one sub-benchmark of bench that is
// not "library".
func alternativeOf(s samples, bench string) string {
	var alts []string
	for name := range s {
		sub, ok := strings.CutPrefix(name, bench+"/")
		if ok && sub != "library" && !strings.Contains(sub, "/") {
			alts = append(alts, sub)
		}
	}
	slices.Sort(alts)
	if len(alts) == 0 {
		return ""
	}
	return alts[0]
}

func fmtNum(v float64, ok bool) string {
	switch {
	case !ok:
		return "–"
	case v == 0:
		return "0"
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
}

// fmtInt formats a count (bytes, allocations, packages).
func fmtInt(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func fmtMs(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// printTable prints a Markdown table, its head and its alignment line, then the line
// row writes for each of rows, and returns the most runs a row was measured over.
func printTable[R any](w io.Writer, head, align string, rows []R, row func(R) (line string, runs int)) int {
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, align)
	runs := 0
	for _, r := range rows {
		line, n := row(r)
		fmt.Fprintln(w, line)
		runs = max(runs, n)
	}
	return runs
}

// memCells returns the B/op and allocs/op cells of a sub-benchmark's runs m.
func memCells(m map[string][]float64) (bytes, allocs string) {
	return fmtInt(median(m["B/op"])), fmtInt(median(m["allocs/op"]))
}

// targetText is a comparison's target cell: "≥ 8", or "—" for a row without a target.
func targetText(target float64) string {
	if target == 0 {
		return "—"
	}
	return "≥ " + strconv.FormatFloat(target, 'f', -1, 64)
}

func printComparisons(w io.Writer, s samples) int {
	return printTable(w, "| row | library ns/op | B/op | allocs/op | alternative ns/op | B/op | allocs/op | ratio | target | met |",
		"|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|", comparisons, func(c comparison) (string, int) {
			label := c.label + " vs " + c.alt
			lib := s[c.bench+"/library"]
			alt := s[c.bench+"/"+alternativeOf(s, c.bench)]
			if lib == nil || alt == nil {
				return fmt.Sprintf("| %s | not run | | | | | | | %s | |", label, targetText(c.target)), 0
			}
			libNs, _ := median(lib["ns/op"])
			altNs, _ := median(alt["ns/op"])
			libB, libA := memCells(lib)
			altB, altA := memCells(alt)
			ratio := altNs / libNs
			ratioText := strconv.FormatFloat(ratio, 'f', 1, 64)
			if ratio < 1 {
				ratioText = strconv.FormatFloat(ratio, 'f', 2, 64)
			}
			met := yesNo(ratio >= c.target)
			if c.target == 0 {
				met = ""
			}
			return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", label,
				fmtNum(libNs, true), libB, libA, fmtNum(altNs, true), altB, altA,
				ratioText, targetText(c.target), met), max(len(lib["ns/op"]), len(alt["ns/op"]))
		})
}

func printStartups(w io.Writer, s samples) int {
	return printTable(w, "| program | packages with init | links phonenumbers | init ms, all packages | of which runtime | library's packages | other modules | all but runtime | init heap B | init allocs | goal | met |",
		"|---|--:|:-:|--:|--:|--:|--:|--:|--:|--:|---|:-:|", startups, func(p startup) (string, int) {
			m := s["Startup/"+p.name]
			if m == nil {
				return fmt.Sprintf("| %s | not run | | | | | | | | | | |", p.label), 0
			}
			all, okAll := median(m["init-ms/run"])
			heap, okHeap := median(m["init-B/run"])
			links, _ := median(m["phonenumbers"])
			restMed, okRest := median(m["nonruntime-init-ms/run"])
			goal, met := "", ""
			switch p.goal {
			case "idsmoney":
				goal = fmt.Sprintf("≤ %g ms all but runtime, no phonenumbers", maxIDsMoneyMs)
				met = yesNo(okRest && restMed <= maxIDsMoneyMs && links == 0)
			case "entity":
				goal = fmt.Sprintf("≤ %g ms all packages, ≤ %d KB, no phonenumbers", maxEntityMs, maxEntityBytes>>10)
				met = yesNo(okAll && all <= maxEntityMs && okHeap && heap <= maxEntityBytes && links == 0)
			}
			return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", p.label,
				fmtInt(median(m["packages/run"])), yesNo(links != 0),
				fmtMs(all, okAll), fmtMs(median(m["runtime-init-ms/run"])), fmtMs(median(m["own-init-ms/run"])),
				fmtMs(median(m["modules-init-ms/run"])), fmtMs(restMed, okRest),
				fmtInt(heap, okHeap), fmtInt(median(m["init-allocs/run"])), goal, met), len(m["init-ms/run"])
		})
}

// printDecodeOnly prints the decode-only table: the interleaved run's CPU time per
// document of each side and their ratio (library ÷ goccy, medians over runs: the goal),
// the clock ratio beside it, and each side's B/op and allocs/op from its own
// sub-benchmark.
func printDecodeOnly(w io.Writer, s samples) int {
	return printTable(w, "| document | library CPU ns | B/op | allocs/op | goccy/go-json CPU ns | B/op | allocs/op | ratio library ÷ goccy, CPU | clock | goal | met |",
		"|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|", decodeOnlys, func(d decodeOnly) (string, int) {
			in := s[d.bench+"/interleaved"]
			if in == nil {
				return fmt.Sprintf("| %s | not run | | | | | | | | ≤ %g | |", d.label, maxDecodeRatio), 0
			}
			ratio, okR := median(in["cpu-ratio"])
			libB, libA := memCells(s[d.bench+"/library"])
			altB, altA := memCells(s[d.bench+"/goccy"])
			line := fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | ≤ %g | %s |", d.label,
				fmtNum(median(in["library-cpu-ns"])), libB, libA, fmtNum(median(in["goccy-cpu-ns"])), altB, altA,
				fmtRatio(ratio, okR), fmtRatio(median(in["ratio"])), maxDecodeRatio, yesNo(okR && ratio <= maxDecodeRatio))
			return line, len(in["cpu-ratio"])
		})
}

func fmtRatio(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func main() {
	s, lines, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(2)
	}
	if lines == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark lines on standard input")
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	runs := printComparisons(w, s)
	fmt.Fprintf(w, "\nMedians of %d runs of each benchmark, library and alternative in the same go test run; ratio = alternative ns/op ÷ library ns/op.\n\n", runs)
	runs = printDecodeOnly(w, s)
	fmt.Fprintf(w, "\nThe library parses and validates every member (phone validity included); goccy/go-json only decodes into a plain struct. Both run in alternation, 64 calls each in turn; CPU is the process's CPU time (garbage collection included, other programs' time not), the goal's measure on a shared machine; medians of %d runs.\n\n", runs)
	runs = printStartups(w, s)
	fmt.Fprintf(w, "\nPackage initialisation by GODEBUG=inittrace=1, medians over %d benchmark runs (each the median of its process runs); times in ms.\n", runs)
}
