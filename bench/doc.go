// Package bench compares the library with what a Go team would write instead
// for the same rules: go-playground/validator struct tags, regular
// expressions, encoding/json, golang.org/x/text/currency and phonenumbers
// called directly.
//
// It is a module of its own, so the library never depends on what it is
// compared with. Every comparison is one Benchmark with a "library"
// sub-benchmark and one alternative sub-benchmark (named after it: "validator",
// "regexp", "xtext"), run over the same inputs in the same go test run, so
// that a ratio never mixes two runs. Each alternative is checked, before it is
// timed, to accept the same inputs the library accepts.
//
// BenchmarkStartup builds two small programs, one importing only ids and
// money and one importing customer, runs them with GODEBUG=inittrace=1 and
// reports what their package initialisation costs.
//
// Run everything and print the table of the README with
//
//	scripts/bench.sh [count] [benchtime]
//
// from the repository root.
package bench
