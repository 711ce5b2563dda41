// Package contact holds the personal details of a customer: a [Name] (also
// the name of an account), an [Email] address and a [Phone] number. Each is a
// value that can only exist valid, so that code holding one need not check it
// again, and whose printed and logged forms keep the address and the number
// private.
//
// [ParseName], [ParseEmail] and [ParsePhone] apply the rules a request is held
// to, and [ParseStoredPhone] reads a number a server wrote earlier by its
// E.164 shape alone, so that it stays readable when the phone metadata
// changes. Phone validity comes from tables generated from libphonenumber's
// metadata ([PhoneMetadataSource]): importing this package links no phone
// library and costs nothing at start-up. Package phoneinput reads a number
// the way people type it ("082 123 4567" in ZA) with the full parser.
//
// Each failure is a one-entry billing.Errors at the member the value stands
// for ("name", "email", "phone"), with a stable billing.Code and a message
// saying what to send instead. Messages never repeat an address or a number.
//
//	p, err := contact.ParsePhone("+27123456789")
//	if errors.Is(err, billing.CodeInvalidPhone) { … }
//	fmt.Println(p)        // +27*******89
//	fmt.Println(p.E164()) // +27123456789
//
// The String, Format (every fmt verb) and LogValue (log/slog) of an Email and
// a Phone show them masked: j***@example.com, +27*******89. The full values
// come only from the accessors [Email.Address] and [Phone.E164] and from the
// forms that are sent and stored: text (MarshalText, so encoding/json writes
// the full value) and SQL (Value).
//
// The zero value of each type is not a value: it reports IsZero, and its
// encoders (MarshalText, AppendText, Value) fail with billing.CodeRequired
// rather than write "" or NULL. Say that a detail is absent with a pointer, a
// sql.Null[T] or `json:",omitzero"`; SQL NULL scans into those, never into a
// plain value.
package contact
