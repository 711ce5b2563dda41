// Package ids holds the identifiers of the billing API as values that can only exist
// valid: [CustomerID] ("bcus_…") and [AccountID] ("bacc_…"), distinct types the compiler
// keeps apart; the caller's [ExternalReference]; the [IdempotencyKey] of a request; and
// the [APIKey] that authenticates it, whose printed forms never show the secret.
//
// Each value comes from a Parse… function, a Must… one for values written in the source,
// [NewCustomerID] or [NewAccountID] (21 random base62 characters from crypto/rand), or a
// decoder: UnmarshalText, UnmarshalJSON, and Scan for every type but APIKey. Parsing a
// valid value does not allocate; inputs of any size and content are safe.
//
// The zero value of every type is "absent", not a value: IsZero reports it, and every
// encoder (MarshalText, AppendText, MarshalJSON, Value) refuses it with
// [billing.CodeRequired] instead of writing "", null or NULL. Absence is said by the
// container: a pointer, sql.Null[T], or a member tagged `json:",omitzero"`. UnmarshalJSON
// leaves the value unchanged for null; "" and SQL NULL are billing.CodeRequired. An
// APIKey is never encoded at all ([ErrAPIKeyNotEncoded]): write key.Reveal() where the
// secret must go.
//
// A failure is a one-entry [billing.Errors] at the member the value usually stands for
// ("id", "external_reference", "idempotency_key", "api_key"), with code required (empty),
// too_long (over 255 characters, whatever they are) or invalid_format. Messages say what
// to send instead and never quote the input.
//
//	id, err := ids.ParseCustomerID(r.PathValue("id"))
//	if err != nil {
//		return err // id: invalid_format: must start with bcus_, like bcus_H4jp6KnU5cPw263v1jyz4
//	}
//	acct := ids.NewAccountID()
//	move(id, acct) // move(acct, id) does not compile
package ids
