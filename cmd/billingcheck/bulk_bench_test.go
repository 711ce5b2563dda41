package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tallykit/billing/cmd/billingcheck/internal/gen"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testkit"
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

// BenchmarkBulkFigures measures, round after round on the same records, the library in a
// loop (customer.DecodeCreateRequest over lines in memory), the command with one worker,
// and the command with one worker per processor, and reports the medians of the rounds'
// ratios, which hold on a busy machine where single times drift: "1worker/loop" (the
// one-worker rate over the loop's, wall-clock), "speedup" (one worker's time over all
// workers'), and each one's CPU time per record (every thread's, the collector's
// included).
func BenchmarkBulkFigures(b *testing.B) {
	n := benchRecords(b)
	path, data := benchFile(b, n, false)
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	all := strconv.Itoa(runtime.NumCPU())
	type measure struct{ wall, cpu time.Duration }
	timed := func(fn func()) measure {
		runtime.GC()
		c, w := testkit.ProcessCPUTime(), time.Now()
		fn()
		return measure{time.Since(w), testkit.ProcessCPUTime() - c}
	}
	loop := func() {
		for _, l := range lines {
			customer.DecodeCreateRequest(l)
		}
	}
	bulk := func(workers string) func() {
		return func() {
			if status := run([]string{"-lines", "-workers", workers, "customer-create", path}, nil, io.Discard, io.Discard); status > exitInvalid {
				b.Fatalf("status %d", status)
			}
		}
	}
	var rate, speedup []float64
	var cpuLoop, cpu1, cpuAll []float64
	for b.Loop() {
		l, one, many := timed(loop), timed(bulk("1")), timed(bulk(all))
		rate = append(rate, l.wall.Seconds()/one.wall.Seconds())
		speedup = append(speedup, one.wall.Seconds()/many.wall.Seconds())
		perRecord := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(n) }
		cpuLoop, cpu1, cpuAll = append(cpuLoop, perRecord(l.cpu)), append(cpu1, perRecord(one.cpu)), append(cpuAll, perRecord(many.cpu))
	}
	b.ReportMetric(median(rate), "1worker/loop")
	b.ReportMetric(median(speedup), "speedup")
	b.ReportMetric(median(cpuLoop), "cpu-ns/record-loop")
	b.ReportMetric(median(cpu1), "cpu-ns/record-1worker")
	b.ReportMetric(median(cpuAll), "cpu-ns/record-"+all+"workers")
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return s[len(s)/2]
}
