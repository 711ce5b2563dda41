// Command gen writes package billingtest's embedded corpus from the module's testdata
// directory.
//
// Usage (run by go generate in the billingtest directory):
//
//	go run ./internal/gen [-testdata DIR] [-out FILE]
//
// -testdata defaults to the testdata directory at the module root (the directory of
// go.mod, found upwards from the working directory). -out defaults to
// zz_generated_corpus.json in the working directory.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tallykit/billing/billingtest/internal/corpusgen"
	"github.com/tallykit/billing/internal/modroot"
)

func main() {
	testdata := flag.String("testdata", "", "the testdata directory (default: testdata at the module root)")
	out := flag.String("out", "zz_generated_corpus.json", "the file to write")
	flag.Parse()
	if err := run(*testdata, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(testdata, out string) error {
	if testdata == "" {
		root, err := modroot.Find()
		if err != nil {
			return fmt.Errorf("%v; pass -testdata", err)
		}
		testdata = filepath.Join(root, "testdata")
	}
	b, err := corpusgen.Build(os.DirFS(testdata))
	if err != nil {
		return fmt.Errorf("%s: %v", testdata, err)
	}
	return os.WriteFile(out, b, 0o644)
}
