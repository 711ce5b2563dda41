// Command gen writes package billingtest's generated files: the embedded corpus, from the
// module's testdata directory, and the table of example phone numbers, from the phone
// metadata of github.com/nyaruka/phonenumbers at the version the module requires.
//
// Usage (run by go generate in the billingtest directory):
//
//	go run ./internal/gen [-testdata DIR] [-corpus FILE] [-phones FILE]
//
// -testdata defaults to the testdata directory at the module root (the directory of
// go.mod, found upwards from the working directory). -corpus defaults to
// zz_generated_corpus.json and -phones to zz_generated_phones.go, in the working
// directory.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tallykit/billing/billingtest/internal/corpusgen"
	"github.com/tallykit/billing/billingtest/internal/phonesgen"
	"github.com/tallykit/billing/internal/modroot"
)

var (
	testdataFlag = flag.String("testdata", "", "the testdata directory (default: testdata at the module root)")
	corpusFlag   = flag.String("corpus", "zz_generated_corpus.json", "the corpus file to write")
	phonesFlag   = flag.String("phones", "zz_generated_phones.go", "the Go file of example phone numbers to write")
)

func main() { modroot.Main(func() error { return run(*testdataFlag, *corpusFlag, *phonesFlag) }) }

// Command is how the generated files say they were made.
const Command = "go run ./internal/gen"

func run(testdata, corpus, phones string) error {
	testdata, err := modroot.Or(testdata, "testdata", "testdata")
	if err != nil {
		return err
	}
	b, err := corpusgen.Build(os.DirFS(testdata))
	if err != nil {
		return fmt.Errorf("%s: %v", testdata, err)
	}
	if err := os.WriteFile(corpus, b, 0o644); err != nil {
		return err
	}
	p, err := phonesgen.Generate(Command)
	if err != nil {
		return err
	}
	return os.WriteFile(phones, p, 0o644)
}
