// Package billing is the root of tallykit/billing, a validation and domain library for the
// Customer and Account objects of a billing API, and holds the error vocabulary that the
// whole module shares.
//
// Every type of the module can only exist valid: it is built by a constructor that returns
// (T, error), by UnmarshalJSON, UnmarshalText or Scan, or by a document decoder; its
// fields are unexported, and values are immutable and safe for concurrent use.
//
//   - ids: CustomerID (bcus_…) and AccountID (bacc_…), types the compiler keeps apart;
//     ExternalReference, IdempotencyKey, and APIKey, whose printed forms hide the secret.
//   - money: Currency (ISO 4217, with its minor unit), Amount (minor units that always
//     carry their currency and never wrap), PaymentRules.
//   - metadata: Metadata, string→string within Limits.
//   - contact: Name, Email and Phone (E.164 that is a real number), masked when printed.
//   - customer and account: the create requests and the objects, in strict JSON.
//
// # Errors
//
// Every function that rejects its input returns a [Errors]: every failure at once, in
// document order, at most one per place. Each [*FieldError] has the JSON path of its
// member ("customer.phone"; "" is the whole document), the same place as an RFC 6901 JSON
// Pointer ("/customer/phone", unambiguous where a metadata key holds a dot or a slash), a
// stable [Code] and a message for a person. A single value's parser reports at the
// member the value stands for ("phone"). A Code is itself an error:
//
//	req, err := customer.DecodeCreateRequest(body)
//	if errors.Is(err, billing.CodeInvalidPhone) { … }
//	var errs billing.Errors
//	if errors.As(err, &errs) { … } // every failure, with its path, pointer and code
//
// Messages never contain an API key, an email address or a phone number.
//
// # Zero, null and NULL
//
// The zero value of every type but Metadata is no value: IsZero reports it, and every
// encoder refuses it with [CodeRequired] (MarshalText, MarshalJSON, driver.Valuer's Value:
// never "", null or NULL). Absence is said by the container: a (value, ok) accessor, a
// pointer, sql.Null[T], or the json tag option omitzero. Every decoder reads what the
// encoder writes back to an equal value; JSON null leaves a value unchanged, as
// encoding/json expects; "" is [CodeRequired]; SQL NULL scanned into a plain value is
// [CodeRequired] with a message that says to scan into sql.Null[T] or *T. The zero
// Metadata is the empty set {}, a value: it encodes as {}.
package billing
