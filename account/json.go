package account

import (
	"encoding/json"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// DecodeCreateRequest reads an account create request from its JSON document: an object
// with the members customer and external_reference (both required), name, currency,
// balance and metadata (at most 10 keys). null for an optional member means absent.
//
// The customer member is one of three forms (see [CustomerRef]): a string starting with
// "bcus_" is an existing customer's ID and must be a valid one; any other string is an
// existing customer's external reference; an object is a new customer, read as
// customer.DecodeCreateRequest reads a customer create request (its metadata limit is the
// customer's, 20 keys) with its failures under "customer." in the customer member's
// place. "" or null or a missing customer is required at "customer"; a number, boolean
// or array is invalid_type.
//
// It fails with a billing.Errors holding every failure of the document, one per place, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB
// with too_long alone, one that is not an object with invalid_type alone, all at the
// whole document. An unknown member is unknown_field (payment_rules, id and customer_id
// too: they are not part of a request), a member given twice duplicate_field, an integer
// written with a fraction or an exponent invalid_type, a string with invalid UTF-8 is
// reported by its field's rule and never repaired.
func DecodeCreateRequest(data []byte) (CreateRequest, error) {
	var r CreateRequest
	if err := entity.Decode(data, entity.AccountCreate, &r.v); err != nil {
		return CreateRequest{}, err
	}
	return r, nil
}

// Decode reads an account object from its JSON document, as DecodeOptions{}.Decode does.
func Decode(data []byte) (Account, error) { return DecodeOptions{}.Decode(data) }

// DecodeOptions say how an account object is read.
type DecodeOptions struct {
	// AllowUnknown skips the members an account object does not define (an API adds
	// members over time) instead of reporting them unknown_field. A skipped member must
	// still be well-formed JSON and not given twice; every known member is still checked.
	AllowUnknown bool
}

// Decode reads an account object from its JSON document: id (required, an account ID),
// external_reference (required), customer_id (required, a customer ID), name, currency,
// balance, payment_rules (an object of min_amount, max_amount, underpayment_allowed and
// overpayment_allowed, all required; each amount within 1..2^53−1 and max_amount not
// below min_amount) and metadata. balance and payment_rules both require currency. It
// fails as [DecodeCreateRequest] does; customer is an unknown member here.
//
// An object is what a server wrote earlier, so reading it is faithful to history: the
// currency may be one withdrawn from ISO 4217 since (kept and written back unchanged;
// money.Currency.Withdrawn says since when). Every other rule is a request's.
func (opts DecodeOptions) Decode(data []byte) (Account, error) {
	d := entity.AccountObject
	if opts.AllowUnknown {
		d |= entity.SkipUnknown
	}
	var a Account
	if err := entity.Decode(data, d, &a.v); err != nil {
		return Account{}, err
	}
	return a, nil
}

// UnmarshalJSON sets r from a JSON account create request, as [DecodeCreateRequest] reads
// it. JSON null leaves r unchanged, as encoding/json expects of a value that may be absent.
// On failure r is unchanged and the error is a billing.Errors.
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeCreateRequest)
}

// UnmarshalJSON sets a from a JSON account object, as [Decode] reads it. JSON null leaves a
// unchanged. On failure a is unchanged and the error is a billing.Errors.
func (a *Account) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(a, data, Decode)
}

// refDocStart and refDocEnd wrap a customer member's value into a create request document
// that holds nothing else, to read it exactly as [DecodeCreateRequest] reads the member.
const (
	refDocStart = `{"customer":`
	refDocEnd   = `}`
)

// UnmarshalJSON sets r from the JSON value of a customer member (a string or an object),
// read as [DecodeCreateRequest] reads that member, with failures at the same places
// ("customer", "customer.phone", …). JSON null leaves r unchanged. A value that is not
// well-formed JSON fails with invalid_json at the whole value, one longer than 1 MiB less
// 13 bytes (the room its member takes in a document) with too_long. On failure r is
// unchanged and the error is a billing.Errors.
func (r *CustomerRef) UnmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	if len(data) > strictjson.MaxSize-len(refDocStart)-len(refDocEnd) {
		return report.Loc{}.Fail(billing.CodeTooLong, "must be at most 1 MiB")
	}
	if !json.Valid(data) { // one value, nothing after it: the document below holds only it
		return report.Loc{}.Fail(billing.CodeInvalidJSON, "must be one well-formed JSON value")
	}
	doc := make([]byte, 0, len(refDocStart)+len(data)+len(refDocEnd))
	doc = append(append(append(doc, refDocStart...), data...), refDocEnd...)
	v, err := entity.DecodeCustomerRef(doc)
	if err != nil {
		return err
	}
	*r = CustomerRef{r: v}
	return nil
}

// MarshalJSON writes r as the API's JSON create request: customer, external_reference,
// name, currency, balance, metadata, absent ones omitted, metadata keys sorted, strings
// escaped as encoding/json escapes them. The customer is written in the form it was given
// (see [CustomerRef.MarshalJSON]); a new customer's email and phone are written in full:
// this is the wire form, not a log form. The zero CreateRequest fails with required at
// "external_reference".
//
// [DecodeCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, entity.Size(entity.AccountCreate, &r.v)))
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	if r.IsZero() {
		return b, entity.ZeroError("external_reference", "cannot encode the zero CreateRequest: it has no external reference")
	}
	return entity.AppendJSON(b, entity.AccountCreate, &r.v), nil
}

// MarshalJSON writes a as the API's JSON account object: id, external_reference,
// customer_id, then name, currency, balance, payment_rules and metadata when present.
// The zero Account fails with required at "id".
//
// [Decode] reads the result back to an account equal to a, and encoding that gives the
// same bytes.
func (a Account) MarshalJSON() ([]byte, error) {
	return a.AppendJSON(make([]byte, 0, entity.Size(entity.AccountObject, &a.v)))
}

// AppendJSON appends the JSON form of a (see [Account.MarshalJSON]) to b.
func (a Account) AppendJSON(b []byte) ([]byte, error) {
	if a.IsZero() {
		return b, entity.ZeroError("id", "cannot encode the zero Account: it has no ID")
	}
	return entity.AppendJSON(b, entity.AccountObject, &a.v), nil
}

// MarshalJSON writes r as the customer member's JSON value: the customer ID or the
// external reference as a string, or the new customer's create request as an object (see
// customer.CreateRequest.MarshalJSON). [CustomerRef.UnmarshalJSON] and
// [DecodeCreateRequest] read it back to the same form. The zero CustomerRef fails with
// required at "customer".
func (r CustomerRef) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil)
}

// AppendJSON appends the JSON form of r (see [CustomerRef.MarshalJSON]) to b.
func (r CustomerRef) AppendJSON(b []byte) ([]byte, error) {
	if r.IsZero() {
		return b, entity.ZeroError("customer", "cannot encode the zero CustomerRef: it names no customer")
	}
	return entity.AppendCustomerRef(b, r.r), nil
}
