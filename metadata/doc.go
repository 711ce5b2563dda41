// Package metadata holds Metadata, the free-form string→string set a merchant attaches to
// a customer or an account ("order_id": "6735"), and the Limits it is checked against.
//
// A Metadata can only be obtained valid: from a Go map with [New], from JSON with [Parse]
// or UnmarshalJSON, from a database with Scan. It is immutable, kept sorted by key, and
// writes its keys sorted in JSON:
//
//	md, err := metadata.Parse([]byte(`{"order_id":"6735","channel":"web"}`), metadata.CustomerLimits())
//	if err != nil {
//		// billing.Errors: too_many_keys at "metadata", then "metadata.<key>" failures
//	}
//	v, ok := md.Get("order_id") // "6735", true
//
// # Rules
//
// A key is 1 to MaxKeyLength code points of valid UTF-8 without control characters (C0
// U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F); a value is 1 to MaxValueLength code points
// of valid UTF-8, control characters allowed. A lone surrogate escape counts as invalid
// UTF-8. Failures are reported at "metadata.<key>", the key appended as it is (an empty key
// gives "metadata."), one per entry, the key's failure hiding the value's; more keys than
// MaxKeys is too_many_keys at "metadata", reported first while every entry is still checked.
//
// # Why limits are a value
//
// The billing API's own pages disagree on the numbers: some give 10 keys and others 20,
// some bound a key at 40 characters and others at 50. The library follows the specification (customer 20/40/500, account 10/40/500, see
// [CustomerLimits] and [AccountLimits]), but the numbers are a [Limits] value passed to
// each constructor rather than constants baked into the rules, so a service that learns
// otherwise builds its own Limits without a new release. CustomerLimits and AccountLimits
// are functions, not variables, so no code can change them for everybody.
//
// # Zero value and null
//
// The zero Metadata is empty, valid under any Limits, and the same as {}: IsZero reports
// an empty Metadata. JSON null reads as the zero Metadata (Parse returns it without an
// error; UnmarshalJSON leaves its receiver unchanged), and so does SQL NULL. Value writes
// the zero Metadata as {}. Whether a document may omit or null its metadata member is the
// document's rule, not this package's.
//
// UnmarshalJSON and Scan apply [CustomerLimits], the loosest named limits; document
// parsers call Parse with the limits of their entity.
//
// # Cost
//
// Measured by bench_test.go on a shared 2-core machine (go test -bench=. -benchtime=100ms
// -count=10, fastest run): Parse of a 20-entry document, every rule checked, 4.6 µs and 4
// allocations, against 11.9 µs and 71 allocations for json.Unmarshal into a
// map[string]string, which checks nothing; [Limits.Validate] of a 20-entry map 0.46 µs
// and no allocation; MarshalJSON 1.7 µs and 1 allocation, against 6.6 µs and 42 for
// json.Marshal of the map.
package metadata
