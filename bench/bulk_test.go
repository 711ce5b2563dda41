package bench_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"sync"
	"testing"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testkit"
)

var (
	bulkOnce sync.Once
	bulkFile []byte
	bulkErr  error
)

// generatedLines returns a JSON Lines file of 20 000 realistic customer create requests, made by
// billingcheck's generator (a command of the library's module, run with go run from it).
func generatedLines(b *testing.B) []byte {
	b.Helper()
	bulkOnce.Do(func() {
		cmd := exec.Command(testkit.GoTool(b), "run", "./cmd/billingcheck/internal/genbulk", "-n", "20000", "-seed", "7")
		cmd.Dir = ".."
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		bulkFile, bulkErr = cmd.Output()
		if bulkErr != nil {
			bulkErr = fmt.Errorf("%w: %s", bulkErr, stderr.Bytes())
		}
	})
	if bulkErr != nil {
		b.Fatalf("generating the records: %v", bulkErr)
	}
	return bulkFile
}

// BenchmarkBulkLines is the work of one worker of billingcheck -lines on an import file,
// per record: "library" reads lines with a bufio.Scanner and checks each with
// customer.DecodeCreateRequest; "validator" reads them the same way and checks each
// with json.Unmarshal, validator.Struct and the phone check, as a team would without
// the library. The records are generated customers (names in several scripts, emails,
// phones of a dozen countries, currencies, balances, metadata; 2 % with a defect), the
// same for both.
func BenchmarkBulkLines(b *testing.B) {
	data := generatedLines(b)
	// Check that both tell the valid records from the others alike, before timing them.
	sc := bufio.NewScanner(bytes.NewReader(data))
	agree, total := 0, 0
	for sc.Scan() {
		_, errLib := customer.DecodeCreateRequest(sc.Bytes())
		_, errAlt := parseCustomerAlt(sc.Bytes())
		total++
		if (errLib == nil) == (errAlt == nil) {
			agree++
		}
	}
	if agree < total*99/100 {
		b.Fatalf("the two agree on %d of %d records", agree, total)
	}
	bench := func(check func([]byte) error) func(*testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			sc := bufio.NewScanner(bytes.NewReader(data))
			for b.Loop() {
				if !sc.Scan() {
					sc = bufio.NewScanner(bytes.NewReader(data))
					sc.Scan()
				}
				check(sc.Bytes())
			}
		}
	}
	b.Run("library", bench(func(l []byte) error { _, err := customer.DecodeCreateRequest(l); return err }))
	b.Run("validator", bench(func(l []byte) error { _, err := parseCustomerAlt(l); return err }))
}
