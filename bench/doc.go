// Package bench compares the library with what a Go team would write instead
// for the same rules: go-playground/validator struct tags, regular
// expressions, encoding/json, golang.org/x/text/currency and phonenumbers
// called directly, and with goccy/go-json decoding without any check.
//
// It is a module of its own, so the library never depends on what it is
// compared with. Every comparison is one Benchmark with a "library"
// sub-benchmark and one alternative sub-benchmark (named after it: "validator",
// "regexp", "xtext"), run over the same inputs in the same go test run, so
// that a ratio never mixes two runs. Each alternative is checked, before it is
// timed, to accept the same inputs the library accepts.
//
// BenchmarkDecodeOnlyCustomer and BenchmarkDecodeOnlyAccount hold the
// library's full parse and validation of a document (phone validity
// included) to github.com/goccy/go-json merely decoding the same bytes into a
// plain struct, the two run in alternation so that a drifting machine slows
// both alike.
//
// BenchmarkStartup builds small programs (importing nothing, ids and money,
// customer, account, and customer with contact/phoneinput, the one package
// that links phonenumbers), runs them with GODEBUG=inittrace=1 and reports
// what their package initialisation costs.
//
// Run everything and print the table of the README with
//
//	scripts/bench.sh [count] [benchtime]
//
// from the repository root.
package bench
