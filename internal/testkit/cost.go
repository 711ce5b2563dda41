package testkit

import (
	"runtime"
	"time"
)

// Cost is what one call of a function costs: the bytes and the objects it allocates on the
// heap, and the CPU time it takes.
type Cost struct {
	Bytes  uint64
	Allocs uint64
	CPU    time.Duration
}

// Rounds of [Measure]: the cost is the least per-call cost of this many rounds.
const measureRounds = 3

// roundTarget is the CPU time a round of [Measure] aims at; a call that takes longer is
// measured alone in each round, a quicker one repeated up to maxRepeats times.
const (
	roundTarget = time.Millisecond
	maxRepeats  = 16
)

// Measure returns what one call of fn costs, counting fn's own work only.
//
// What a call costs the first time (a lazily compiled table, a pool filled) is not its
// cost, and neither is other work of the process (another goroutine's allocations, the
// garbage collector's background work, a collection that empties the pools): Measure
// calls fn once to warm it up, then measures it over a few rounds of repeated calls and
// returns, for bytes, allocations and CPU time each, the least per-call figure of a round.
// Meanwhile one goroutine runs at a time (GOMAXPROCS 1, as testing.AllocsPerRun sets it)
// and the calling one stays on its thread, whose CPU time is the one measured (on Linux;
// elsewhere the process's CPU time, or the wall-clock time where there is none), so that a
// busy machine does not count either. The garbage collector's work that fn's allocations
// cause on that thread (assists) does count: it grows with what fn allocates.
func Measure(fn func()) Cost {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	runtime.GC()
	start := threadCPUTime()
	fn()
	warm := threadCPUTime() - start
	repeats := maxRepeats
	if warm > 0 {
		repeats = int(min(max(roundTarget/warm, 1), maxRepeats))
	}

	best := Cost{Bytes: 1<<64 - 1, Allocs: 1<<64 - 1, CPU: 1<<63 - 1}
	var before, after runtime.MemStats
	for range measureRounds {
		runtime.ReadMemStats(&before)
		start := threadCPUTime()
		for range repeats {
			fn()
		}
		cpu := threadCPUTime() - start
		runtime.ReadMemStats(&after)
		n := uint64(repeats)
		best.Bytes = min(best.Bytes, (after.TotalAlloc-before.TotalAlloc)/n)
		best.Allocs = min(best.Allocs, (after.Mallocs-before.Mallocs)/n)
		best.CPU = min(best.CPU, cpu/time.Duration(repeats))
	}
	return best
}
