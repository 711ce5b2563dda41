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

// After its first round, one call, [Measure] repeats the call in each round until the
// round takes about roundTarget of CPU time (at most maxRepeats calls), and runs up to
// maxRounds rounds in all, fewer for a slow call, so that the rounds take about
// measureBudget (one round at least).
const (
	roundTarget   = time.Millisecond
	maxRepeats    = 16
	maxRounds     = 3
	measureBudget = 20 * time.Millisecond
)

// Measure returns what one call of fn costs, counting fn's own work only.
//
// What a call costs the first time (a lazily compiled table, a pool filled) is not its
// cost, and neither is other work of the process (another goroutine's allocations, the
// garbage collector's background work, a collection that empties the pools): Measure
// calls fn once to warm it up, then measures it over a few rounds of repeated calls (three
// for a call of a few milliseconds or less, one for a call of 20 ms or more) and returns,
// for bytes, allocations and CPU time each, the least per-call figure of a round.
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
	fn()
	best := round(fn, 1)
	repeats := int(min(max(roundTarget/max(best.CPU, 1), 1), maxRepeats))
	rounds := int(min(max(measureBudget/max(best.CPU*time.Duration(repeats), 1), 1), maxRounds))
	for range rounds - 1 {
		c := round(fn, repeats)
		best = Cost{Bytes: min(best.Bytes, c.Bytes), Allocs: min(best.Allocs, c.Allocs), CPU: min(best.CPU, c.CPU)}
	}
	return best
}

// round calls fn n times and returns the cost per call.
func round(fn func(), n int) Cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := threadCPUTime()
	for range n {
		fn()
	}
	cpu := threadCPUTime() - start
	runtime.ReadMemStats(&after)
	return Cost{
		Bytes:  (after.TotalAlloc - before.TotalAlloc) / uint64(n),
		Allocs: (after.Mallocs - before.Mallocs) / uint64(n),
		CPU:    cpu / time.Duration(n),
	}
}
