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
//
// # Documents
//
// [ParseCreateRequest] reads a customer create request and [Parse] a customer
// object (SPEC §2) from JSON; [CreateRequest.UnmarshalJSON] and
// [Customer.UnmarshalJSON] do the same inside encoding/json (JSON null leaves
// the value unchanged). [NewCreateRequest] builds a request from Go values, a
// [CreateParams] whose optional members are pointers (nil: absent) and whose
// Metadata is a map (nil: absent; empty: {}); [New] makes a [Customer] from an
// ID (ids.NewCustomerID mints one) and a request, and
// [Customer.WithPaymentRules] adds payment rules, which need a currency (the
// zero money.PaymentRules removes them). JSON and Go values apply the same
// rules and report the same codes at the same paths. Optional members read as
// (value, ok); the balance comes back as a money.Amount in the customer's
// currency, the payment rules as money.PaymentRules. The zero CreateRequest and
// the zero Customer are not valid and do not encode.
//
// Reading is strict: a document is at most 1 MiB and a JSON object; a member
// it does not define is unknown_field (payment_rules in a create request too),
// a member given twice duplicate_field, an integer written with a fraction or
// an exponent invalid_type, an integer beyond ±(2^53−1) out_of_range. null for
// an optional member is absent, for a required one (id, external_reference)
// required; "" is required for every string. Strings are never trimmed,
// normalised or repaired: invalid UTF-8 is reported by the field's own rule.
//
// # Errors
//
// Every failure of a document comes back at once as a billing.Errors, at most
// one per path ("phone", "metadata.tier", "payment_rules.max_amount"), in the
// order of the members in the document; the failures of members that are
// absent come after them, in the order of SPEC §2's table, and last the
// currency that balance or payment_rules requires (whatever their own
// validity). A document that is not JSON fails with invalid_json alone, one
// over 1 MiB with too_long alone, one that is not an object with invalid_type
// alone, all at path "" (which is also the path of a member named "", reported
// unknown_field). Match a code with errors.Is(err, billing.CodeInvalidPhone),
// or take the list with errors.As and look a path up with Errors.Field. From
// Go values, failures follow the order of SPEC §2's table, metadata entries in
// sorted key order after too_many_keys, the currency requirement last.
// Messages never repeat an email address or a phone number.
//
// # Encoding
//
// MarshalJSON and AppendJSON write the wire form: members in the order of
// SPEC §2's table, absent members omitted, metadata keys sorted, metadata
// given as {} written as {}, strings escaped as encoding/json escapes them
// (quotes, backslashes, control characters, and <, >, &, U+2028, U+2029 so the
// JSON can sit in HTML), so every value reads back byte for byte:
// Parse(Marshal(c)) equals c, and encoding it again gives the same bytes. The email and phone are written in full: the wire form is not a log
// form.
//
// String, Format (every fmt verb) and LogValue of a CreateRequest or a
// Customer show the same members with the email and phone masked
// (j***@example.com, +27*******89), so printing or logging a request or a
// customer never discloses them. Log the value, never its JSON.
//
// # Uniqueness of external_reference
//
// The billing API keeps a customer's external_reference unique among the
// merchant's customers. This library checks its shape (1–255 of A-Za-z0-9_-)
// and the reserved prefix bcus_, but it has no view of other customers and
// cannot check uniqueness: a request it accepts may still be refused by the
// API, or by the service's own store, as a duplicate.
package customer
