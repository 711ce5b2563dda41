// Command gen writes package money's currency table from the ISO 4217 code list.
//
// Usage (run by go generate in the money directory):
//
//	go run ./internal/gen [-src FILE] [-date YYYY-MM] [-out FILE]
//
// -src defaults to iso4217-codes-all.csv in this command's directory, money/internal/gen under
// the module root (the directory of go.mod, found upwards from the working directory): the
// copy of the ISO 4217 list kept in the module. -date defaults to the latest withdrawal date in
// the source, which has no date column. -out defaults to zz_generated_currencies.go in the
// working directory.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tallykit/billing/internal/modroot"
	"github.com/tallykit/billing/money/internal/isogen"
)

// Command is how the generated file says it was made.
const Command = "go run ./internal/gen"

// Source is the default source, relative to the module root, in slash-separated form.
const Source = "money/internal/gen/iso4217-codes-all.csv"

var (
	srcFlag  = flag.String("src", "", "the ISO 4217 CSV (default: "+Source+" from the module root)")
	dateFlag = flag.String("date", "", "the source's date, YYYY-MM (default: its latest withdrawal date)")
	outFlag  = flag.String("out", "zz_generated_currencies.go", "the Go file to write")
)

func main() { modroot.Main(func() error { return run(*srcFlag, *dateFlag, *outFlag) }) }

func run(src, date, out string) error {
	src, err := modroot.Or(src, Source, "src")
	if err != nil {
		return err
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := isogen.Read(f)
	if err != nil {
		return fmt.Errorf("%s: %v", src, err)
	}
	b, err := isogen.Generate(d, date, Command)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
