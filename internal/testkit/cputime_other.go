//go:build !unix

package testkit

import "time"

var start = time.Now()

// ProcessCPUTime returns the wall-clock time since the tests started, where the CPU time
// is not read.
func ProcessCPUTime() time.Duration { return time.Since(start) }

// threadCPUTime returns the wall-clock time since the tests started, where the CPU time
// is not read.
func threadCPUTime() time.Duration { return time.Since(start) }
