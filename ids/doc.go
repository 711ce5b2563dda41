// Package ids holds the identifiers of the billing API as values that can only exist valid:
// [CustomerID] ("bcus_…") and [AccountID] ("bacc_…"), the caller's [ExternalReference], the
// [IdempotencyKey] of a request, and the [APIKey] that authenticates it.
//
// CustomerID and AccountID are distinct types, so the compiler refuses to pass one where the
// other is meant:
//
//	id, err := ids.ParseCustomerID(r.PathValue("id"))
//	if err != nil {
//		return err // a *billing.FieldError: field "id", code required, too_long or invalid_format
//	}
//	acct := ids.NewAccountID() // bacc_ + 21 random base62 characters
//	move(id, acct)             // move(acct, id) does not compile
//
// # Parsing and errors
//
// Every Parse… function returns (T, error). A failure is a [*billing.FieldError] whose Field
// is the value's usual member name ("id", "external_reference", "idempotency_key",
// "api_key"; a document parser re-homes it at the member's real path) and whose Code follows
// the precedence of the specification: [billing.CodeRequired] for "", then
// [billing.CodeTooLong] for over 255 characters (counted in code points, each byte of
// invalid UTF-8 as one) whatever they are, then [billing.CodeInvalidFormat]. Inputs of any
// size and content are safe: NUL bytes and invalid UTF-8 are invalid_format, and a megabyte
// is too_long without being read. Messages say what to send instead and never quote the
// input. The parsers are written by hand (no regular expressions): parsing a valid ID takes
// a few nanoseconds and does not allocate.
//
// # Zero values
//
// The zero value of every type is not a value: IsZero reports it and String returns "".
// Marshalling a zero value (text, JSON, database) fails with billing.CodeRequired instead of
// writing an empty string that would not read back. For an optional member use a pointer or
// the `json:",omitzero"` tag.
//
// # Text, JSON and NULL
//
// Each type is an encoding.TextMarshaler and TextUnmarshaler (and TextAppender), and its
// JSON form is a JSON string; unmarshalling goes through the parser. JSON null for a plain
// value is billing.CodeRequired, as the specification treats null for a required member; a
// pointer field (*ids.CustomerID) reads null as nil. CustomerID, AccountID and
// ExternalReference are also sql.Scanner and driver.Valuer. SQL NULL does not scan into a
// plain value (billing.CodeRequired); read a nullable column into sql.Null[ids.CustomerID]
// or into a *ids.CustomerID.
//
// # API keys are masked
//
// An [APIKey] shows only its prefix and its last four characters, like sk_test_…a1B2 (and only
// the prefix when fewer than 16 characters follow it), in every printed form: String, every
// fmt verb, log/slog, MarshalText and MarshalJSON. [APIKey.Reveal] is the one way to get the
// key back. Parse errors never contain any part of it.
//
// # New IDs
//
// [NewCustomerID] and [NewAccountID] draw 21 base62 characters from crypto/rand, each of
// the 62 equally likely (rejection sampling, no modulo bias), about 125 bits of randomness;
// a new ID costs one allocation.
//
// External references are unique per merchant in the billing API; this package checks their
// shape only. Values of every type are immutable and safe for concurrent use.
package ids
