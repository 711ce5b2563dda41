package testkit

import (
	"testing"
	"time"
)

// Interleaved runs fa and fb in alternation, 64 calls of one then 64 of the other, for
// b.N rounds, so that a machine whose speed drifts slows both alike. It reports, per call,
// each side's clock time (nameA-ns, nameB-ns) and their ratio a ÷ b (ratio), and the same
// by the process's CPU time (nameA-cpu-ns, nameB-cpu-ns, cpu-ratio: what each side cost
// the process, its garbage collection included, not the time other programs held the
// CPU). The caller's b.ReportAllocs gives the two sides' allocations together.
func Interleaved(b *testing.B, nameA string, fa func(), nameB string, fb func()) {
	const batch = 64
	var clockA, clockB, cpuA, cpuB time.Duration
	for b.Loop() {
		start, startCPU := time.Now(), ProcessCPUTime()
		for range batch {
			fa()
		}
		mid, midCPU := time.Now(), ProcessCPUTime()
		for range batch {
			fb()
		}
		end, endCPU := time.Now(), ProcessCPUTime()
		clockA, clockB = clockA+mid.Sub(start), clockB+end.Sub(mid)
		cpuA, cpuB = cpuA+midCPU-startCPU, cpuB+endCPU-midCPU
	}
	n := float64(b.N * batch)
	b.ReportMetric(float64(clockA)/n, nameA+"-ns")
	b.ReportMetric(float64(clockB)/n, nameB+"-ns")
	b.ReportMetric(float64(clockA)/float64(clockB), "ratio")
	b.ReportMetric(float64(cpuA)/n, nameA+"-cpu-ns")
	b.ReportMetric(float64(cpuB)/n, nameB+"-cpu-ns")
	b.ReportMetric(float64(cpuA)/float64(cpuB), "cpu-ratio")
}
