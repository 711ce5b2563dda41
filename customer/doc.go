// Package customer models the billing API's Customer: its create request and the
// customer object, values that can only exist valid, read from and written to strict JSON.
//
// A [CreateRequest] is what a client sends to create a customer: an external reference
// (required: 1–255 of A-Za-z0-9_-, not starting with bcus_), and optionally a name, an
// email, a phone, a currency, a balance in minor units of that currency (within
// ±(2^53−1); it needs the currency) and metadata (at most 20 keys). A [Customer] is the
// object the API returns: the same members, an ID (bcus_…) and optional payment rules.
// Read them from JSON with [DecodeCreateRequest] and [Decode] (or UnmarshalJSON), build
// a request from Go values with [NewCreateRequest], and make the customer with [New].
// The name, email and phone are the values of package contact.
//
// Reading is strict: a document is one JSON object of at most 1 MiB; a member it does
// not define is unknown_field, a member given twice duplicate_field, an integer with a
// fraction or an exponent invalid_type; null for an optional member is absent and for a
// required one required; "" is required everywhere; nothing is trimmed or repaired.
//
// The zero CreateRequest and the zero Customer are not valid: they do not encode.
// Values are immutable and safe for concurrent use; optional members read as (value, ok).
//
// Every failure comes back at once as a billing.Errors, one per place, in document order:
// the members present, then the required members that are absent, then the currency that
// a balance or payment rules need. Messages never repeat an email address or a phone
// number, and String, Format and LogValue mask both: log the value, never its JSON.
//
// The library checks an external reference's shape, not its uniqueness among the
// merchant's customers: that is for the service's store (a unique index) to enforce.
//
//	req, err := customer.DecodeCreateRequest(body)
//	if err != nil {
//		var errs billing.Errors
//		errors.As(err, &errs) // every failure, with its field, pointer and code
//	}
//	c, err := customer.New(ids.NewCustomerID(), req)
package customer
