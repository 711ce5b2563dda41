//go:build unix

package testkit

import (
	"syscall"
	"time"
)

// ProcessCPUTime returns the CPU time the process has used, every thread's, the garbage
// collector's included: the figure a benchmark on a busy machine compares (the wall-clock
// time counts the other programs' work too).
func ProcessCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
