// Package metadata holds Metadata, the free-form string→string set a merchant attaches to
// a customer or an account ("order_id": "6735"), and the Limits it is checked against.
//
// A Metadata can only be obtained valid: from a Go map with [New], from entries added one
// at a time with a [Builder], from a JSON object with [Decode] or UnmarshalJSON, from a json
// or jsonb column with Scan. It is immutable, kept
// sorted by key, and writes its keys sorted. A key is 1 to MaxKeyLength code points of
// valid UTF-8 without control characters (C0, DEL, C1); a value is 1 to MaxValueLength code
// points of valid UTF-8. The numbers are a [Limits] value rather than constants, because
// the API's own pages disagree on them: [CustomerLimits] (20 keys) and [AccountLimits] (10)
// are the named ones, and a service that learns otherwise builds its own.
//
// The zero Metadata is not "absent", as the zero value of the module's other types is: it
// is the empty set {}, and it encodes as {} in JSON and '{}' in SQL. Absent metadata is said
// by what holds it: an entity's (Metadata, bool) accessor, a *Metadata, a
// sql.Null[Metadata]. UnmarshalJSON leaves its receiver unchanged on null; Scan of SQL
// NULL fails.
//
// Every function that rejects its input returns a billing.Errors: too_many_keys at
// "metadata" first, then one failure per entry at "metadata.<key>" (pointer
// "/metadata/<key>"), the key's failure hiding its value's, in document order for Decode
// and sorted key order for New. JSON that is not an object fails alone at "metadata".
//
//	md, err := metadata.Decode([]byte(`{"order_id":"6735","channel":"web"}`), metadata.CustomerLimits())
//	if err != nil {
//		return err // billing.Errors
//	}
//	v, ok := md.Get("order_id") // "6735", true
package metadata
