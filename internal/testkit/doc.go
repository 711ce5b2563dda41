// Package testkit holds what the module's tests share below the document packages: the
// cost of one call (bytes, allocations and CPU time, measured so that other work does not
// count), the go command and what the compiler says about inlining, a pointer to a value,
// and the failures an error holds.
//
// It imports nothing of the module but the root package, so that the in-package tests of
// every package (ids, money, metadata, contact, the internal scanners) can use it without
// an import cycle. Helpers that need the document packages live in internal/testdocs,
// which builds on this one. It is linked only by tests.
package testkit
