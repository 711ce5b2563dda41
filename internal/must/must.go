// Package must holds the one helper behind every Must… constructor of the module, so that
// all of them panic in the same format.
package must

// Get returns v when err is nil, and otherwise panics with the string
// "billing: " + err.Error(). A Must… constructor is Get applied to its Parse… or New…:
//
//	func MustParseCustomerID(s string) CustomerID { return must.Get(ParseCustomerID(s)) }
//
// It is meant for values written in the source, where a failure is a programming error.
func Get[T any](v T, err error) T {
	if err != nil {
		panic("billing: " + err.Error())
	}
	return v
}
