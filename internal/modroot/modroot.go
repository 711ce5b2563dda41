// Package modroot finds the root of the module a generator runs in, so that the module's
// generators (go generate runs them in their package's directory) find the data files
// they read wherever the module is checked out, and holds the generators' main function.
package modroot

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotFound is the error of [Find] when no directory at or above the working directory
// holds a go.mod file.
var ErrNotFound = errors.New("no go.mod at or above the working directory")

// Find returns the nearest directory at or above the working directory that holds a go.mod
// file, or [ErrNotFound].
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNotFound
		}
		dir = parent
	}
}

// Or returns path, or when it is empty rel (slash-separated) under the module root: a
// generator's default for a flag left unset. Its error says to pass the flag named flag.
func Or(path, rel, flag string) (string, error) {
	if path != "" {
		return path, nil
	}
	root, err := Find()
	if err != nil {
		return "", fmt.Errorf("%w; pass -%s", err, flag)
	}
	return filepath.Join(root, filepath.FromSlash(rel)), nil
}

// Main is the main function of the module's generators: it parses the command line's
// flags and runs run, and when run fails prints its error after "gen: " to standard
// error and exits with status 1.
func Main(run func() error) {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
