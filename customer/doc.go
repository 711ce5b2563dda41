// Package customer models the billing API's Customer: the rules of its
// fields, its create request and the customer object.
//
// The single-field rules are exported so that a service can check one value
// on its own, and the account package reuses them:
//
//   - [ParsePhone] accepts a phone number in canonical E.164 form only, and
//     [NormalizePhone] turns what people type ("082 123 4567" in ZA) into one;
//     a [Phone] knows its region and its [PhoneType].
//   - [ParseEmail] applies the specification's address grammar exactly.
//   - [ParseName] applies the PRECIS FreeformClass rules to a display name.
//
// Each returns a value that can only exist valid, or a [*billing.FieldError]
// naming the field ("phone", "email", "name"), a stable [billing.Code] and a
// message saying what to send instead. Messages never repeat an email address
// or a phone number.
//
// # Phone validity depends on libphonenumber's metadata
//
// Whether a phone number is valid, which region it belongs to and what type it
// is are decided by the metadata of github.com/nyaruka/phonenumbers v1.8.1,
// which embeds Google libphonenumber's metadata of version 9.0.32 (its
// changelog: v1.8.0 was "regenerated against upstream libphonenumber
// 9.0.32-SNAPSHOT"; v1.8.1 changed code only).
// Numbering plans change: countries open new ranges and withdraw old ones,
// and the metadata follows them. A number refused today may be accepted
// after a dependency update, and a number accepted today may later be
// refused; a stored [Phone] is not re-checked until it is parsed again.
//
// [ParsePhone] does not call the general phone parser for its input: a string
// already in E.164 form needs no parsing, so it checks the number against the
// metadata's own patterns, compiled on first use and kept: the first number of
// a calling code or region a process checks pays for compiling them (from
// about 20 µs for +800 to about 1 ms for a +1 or +44 number), later ones do
// not. It gives the same answer as phonenumbers.Parse followed by
// IsValidNumber and the canonical-form check, which it falls back to where the
// parser could rewrite the number; a differential fuzz test holds the two
// paths together.
//
// # Privacy
//
// A Phone's and an Email's String, Format (every fmt verb) and LogValue
// (log/slog) show them masked: +27*******89, j***@example.com. The full
// values come only from the accessors [Phone.E164] and [Email.Address], and
// from their text forms (MarshalText, AppendText), which are the values sent
// on the wire and stored.
package customer
