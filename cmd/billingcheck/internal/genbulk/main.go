// Command genbulk writes a file of realistic customer create requests for billingcheck's
// bulk mode: JSON Lines, or CSV with a header.
//
// Usage:
//
//	go run ./cmd/billingcheck/internal/genbulk [-csv] [-n RECORDS | -size BYTES] [-seed N] [-invalid SHARE] > FILE
//
// With neither -n nor -size it writes one million records.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
)

func main() {
	asCSV := flag.Bool("csv", false, "write CSV with a header instead of JSON Lines")
	n := flag.Int("n", 0, "records to write")
	size := flag.Int64("size", 0, "with no -n: write records until the file holds at least this many bytes")
	seed := flag.Uint64("seed", 1, "the same seed gives the same records")
	invalid := flag.Float64("invalid", gen.DefaultInvalid, "share of records with a defect (0 to 1)")
	flag.Parse()
	o := gen.Options{Records: *n, Bytes: *size, Seed: *seed, Invalid: *invalid}
	if *invalid == 0 {
		o.Invalid = -1
	}
	if o.Records == 0 && o.Bytes == 0 {
		o.Records = 1_000_000
	}
	write := gen.WriteLines
	if *asCSV {
		write = gen.WriteCSV
	}
	if err := write(os.Stdout, o); err != nil {
		fmt.Fprintf(os.Stderr, "genbulk: %v\n", err)
		os.Exit(1)
	}
}
