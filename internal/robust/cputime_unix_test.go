//go:build unix

package robust

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, so that time bounds measure work
// rather than how busy the shared machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
