// Package must holds the one body of the module's Must… functions, so that each panics
// in the same format.
package must

// Get returns v, or panics with "billing: " and the text of err when err is not nil.
// Must… functions are for tests and values written in the source, never for input.
func Get[T any](v T, err error) T {
	if err != nil {
		panic("billing: " + err.Error())
	}
	return v
}
