package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
	"github.com/tallykit/billing/customer"
)

// benchRecords is the number of generated records the bulk benchmarks check: 100 000, or
// BILLINGCHECK_BENCH_RECORDS (1000000 for the published figures).
func benchRecords(b *testing.B) int {
	if s := os.Getenv("BILLINGCHECK_BENCH_RECORDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("BILLINGCHECK_BENCH_RECORDS=%q: want a positive number", s)
		}
		return n
	}
	return 100_000
}

// benchFile writes the generated records to a file and returns its path and contents.
func benchFile(b *testing.B, n int, csv bool) (string, []byte) {
	b.Helper()
	var buf bytes.Buffer
	write, name := gen.WriteLines, "customers.jsonl"
	if csv {
		write, name = gen.WriteCSV, "customers.csv"
	}
	if err := write(&buf, gen.Options{Records: n, Seed: 7}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	return path, buf.Bytes()
}

// BenchmarkBulkLines checks a file of generated customer create requests with one worker
// and with one per processor, and reports records per second. BenchmarkDecodeLoop is the
// library alone on the same records: customer.DecodeCreateRequest in a loop over lines
// already in memory.
func BenchmarkBulkLines(b *testing.B) {
	n := benchRecords(b)
	path, _ := benchFile(b, n, false)
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			benchRun(b, n, "-lines", "-workers", strconv.Itoa(workers), "customer-create", path)
		})
	}
}

// BenchmarkBulkCSV is BenchmarkBulkLines over the same records as CSV.
func BenchmarkBulkCSV(b *testing.B) {
	n := benchRecords(b)
	path, _ := benchFile(b, n, true)
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			benchRun(b, n, "-csv", "-workers", strconv.Itoa(workers), "customer-create", path)
		})
	}
}

func benchRun(b *testing.B, n int, args ...string) {
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		if status := run(args, nil, io.Discard, io.Discard); status > exitInvalid {
			b.Fatalf("status %d", status)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/time.Since(start).Seconds(), "records/s")
}

func BenchmarkDecodeLoop(b *testing.B) {
	n := benchRecords(b)
	_, data := benchFile(b, n, false)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, l := range lines {
			customer.DecodeCreateRequest(l)
		}
	}
	b.ReportMetric(float64(len(lines))*float64(b.N)/time.Since(start).Seconds(), "records/s")
}
