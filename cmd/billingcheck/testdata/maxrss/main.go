// Command maxrss runs a command and writes the largest resident set size the command
// reached, in bytes, to a file: the measure of billingcheck's memory tests.
//
// Usage:
//
//	maxrss OUT COMMAND [ARG ...]
//
// The command gets maxrss's standard streams, and maxrss exits with its status. It is a
// program of its own, started by the test: on Linux a child starts as a virtual fork of
// its parent, whose resident memory then counts in the child's maximum, so the parent
// must be small (this program) rather than the test process (large under the race
// detector).
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: maxrss OUT COMMAND [ARG ...]")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintln(os.Stderr, "maxrss:", err)
		os.Exit(2)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // kilobytes on Linux
	if err := os.WriteFile(os.Args[1], []byte(strconv.FormatInt(rss, 10)), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "maxrss:", err)
		os.Exit(2)
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
