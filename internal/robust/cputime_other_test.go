//go:build !unix

package robust

import "time"

var start = time.Now()

// cpuTime returns the time since the tests started where CPU time is not available.
func cpuTime() time.Duration { return time.Since(start) }
