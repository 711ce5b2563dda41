//go:build unix && !linux

package testkit

import "time"

// threadCPUTime returns the process's CPU time, where the thread's is not read.
func threadCPUTime() time.Duration { return ProcessCPUTime() }
