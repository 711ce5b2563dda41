//go:build unix

package account_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used (garbage collection included), so that
// the benchmarks' comparisons measure work rather than how busy the machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
