//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package main

// isTerminal reports false: on this system the progress line is not drawn.
func isTerminal(fd uintptr) bool { return false }

func terminalWidth(fd uintptr) int { return 80 }
