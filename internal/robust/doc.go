// Package robust holds the module's cross-package robustness tests: hostile documents run
// through every document parser and the billingcheck command with exact failures and
// linear bounds on time and memory, a round-trip property over generated valid values,
// concurrent use of shared values under the race detector, and a check that no fmt verb
// or log/slog handler prints an API key, an email address or a phone number in full.
//
// The package has no code of its own: everything is in its _test.go files.
package robust
