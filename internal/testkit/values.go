package testkit

// Ptr returns a pointer to a copy of v, for the optional members of a request written as
// Go values.
func Ptr[T any](v T) *T { return &v }
