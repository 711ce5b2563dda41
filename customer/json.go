package customer

import (
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/strictjson"
)

// DecodeCreateRequest reads a customer create request from its JSON document: an object
// with the members external_reference (required), name, email, phone, currency, balance
// and metadata. null for an optional member means absent.
//
// It fails with a billing.Errors holding every failure of the document, one per place, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB
// with too_long alone, one that is not an object with invalid_type alone, all at the
// whole document (field "", pointer ""). An unknown member is unknown_field
// (payment_rules and id too: they are not part of a request), a member given twice
// duplicate_field, an integer written with a fraction or an exponent invalid_type, a
// string with invalid UTF-8 is reported by its field's rule and never repaired.
func DecodeCreateRequest(data []byte) (CreateRequest, error) {
	var r CreateRequest
	if err := entity.Decode(data, entity.CustomerCreate, &r.v); err != nil {
		return CreateRequest{}, err
	}
	return r, nil
}

// Decode reads a customer object from its JSON document, as DecodeOptions{}.Decode does.
func Decode(data []byte) (Customer, error) { return DecodeOptions{}.Decode(data) }

// DecodeOptions say how a customer object is read.
type DecodeOptions struct {
	// AllowUnknown skips the members a customer object does not define (an API adds
	// members over time) instead of reporting them unknown_field. A skipped member must
	// still be well-formed JSON and not given twice; every known member is still checked.
	AllowUnknown bool
}

// Decode reads a customer object from its JSON document: the members of a create
// request, plus id (required, a customer ID) and payment_rules (an object of min_amount,
// max_amount, underpayment_allowed and overpayment_allowed, all required; each amount
// within 1..2^53−1 and max_amount not below min_amount). balance and payment_rules both
// require currency. It fails as [DecodeCreateRequest] does.
//
// An object is what a server wrote earlier, so reading it is faithful to history: the
// phone needs only the E.164 shape (contact.Phone.IsValid says whether today's numbering
// plans hold it valid), and the currency may be one withdrawn from ISO 4217 since (kept
// and written back unchanged; money.Currency.Withdrawn says since when). Every other rule
// is a request's.
func (opts DecodeOptions) Decode(data []byte) (Customer, error) {
	d := entity.CustomerObject
	if opts.AllowUnknown {
		d |= entity.SkipUnknown
	}
	var c Customer
	if err := entity.Decode(data, d, &c.v); err != nil {
		return Customer{}, err
	}
	return c, nil
}

// UnmarshalJSON sets r from a JSON customer create request, as [DecodeCreateRequest]
// reads it. JSON null leaves r unchanged, as encoding/json expects of a value that may be
// absent. On failure r is unchanged and the error is a billing.Errors.
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeCreateRequest)
}

// UnmarshalJSON sets c from a JSON customer object, as [Decode] reads it. JSON null
// leaves c unchanged. On failure c is unchanged and the error is a billing.Errors.
func (c *Customer) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(c, data, Decode)
}

// MarshalJSON writes r as the API's JSON create request: external_reference, name,
// email, phone, currency, balance, metadata, absent ones omitted, metadata keys sorted,
// strings escaped as encoding/json escapes them (<, > and & too, so the JSON can sit in
// HTML). The email and phone are written in full: this is the wire form, not a log form.
// The zero CreateRequest fails with required at "external_reference".
//
// [DecodeCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, entity.Size(entity.CustomerCreate, &r.v)))
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	if r.IsZero() {
		return b, entity.ZeroError("external_reference", "cannot encode the zero CreateRequest: it has no external reference")
	}
	return entity.AppendJSON(b, entity.CustomerCreate, &r.v), nil
}

// MarshalJSON writes c as the API's JSON customer object: id, then the members of its
// request in the order of [CreateRequest.MarshalJSON], with payment_rules before
// metadata. The zero Customer fails with required at "id".
//
// [Decode] reads the result back to a customer equal to c, and encoding that gives the
// same bytes.
func (c Customer) MarshalJSON() ([]byte, error) {
	return c.AppendJSON(make([]byte, 0, entity.Size(entity.CustomerObject, &c.v)))
}

// AppendJSON appends the JSON form of c (see [Customer.MarshalJSON]) to b.
func (c Customer) AppendJSON(b []byte) ([]byte, error) {
	if c.IsZero() {
		return b, entity.ZeroError("id", "cannot encode the zero Customer: it has no ID")
	}
	return entity.AppendJSON(b, entity.CustomerObject, &c.v), nil
}
