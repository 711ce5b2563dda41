package customer

import (
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/strictjson"
)

// ParseCreateRequest reads a customer create request from its JSON document (SPEC §2–§4):
// an object with the members external_reference (required), name, email, phone,
// currency, balance and metadata. null for an optional member means absent.
//
// It fails with a [billing.Errors] holding every failure of the document, one per path, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB with
// too_long alone, one that is not an object with invalid_type alone, all at path "".
// Members are read strictly: an unknown member is unknown_field (payment_rules too: it is
// not part of a request), a member given twice duplicate_field, an integer written with a
// fraction or an exponent invalid_type, a string with invalid UTF-8 is reported by its
// field's rule and never repaired. Messages never repeat an email address or a phone
// number.
func ParseCreateRequest(data []byte) (CreateRequest, error) {
	var c Customer
	if err := decode(data, false, &c); err != nil {
		return CreateRequest{}, err
	}
	return c.req, nil
}

// Parse reads a customer object from its JSON document (SPEC §2–§4): the members of a
// create request, plus id (required, a customer ID) and payment_rules (an object of
// min_amount, max_amount, underpayment_allowed and overpayment_allowed, all required;
// 1 ≤ min_amount ≤ max_amount ≤ 2^53−1). balance and payment_rules both require
// currency. It fails as [ParseCreateRequest] does.
func Parse(data []byte) (Customer, error) {
	var c Customer
	if err := decode(data, true, &c); err != nil {
		return Customer{}, err
	}
	return c, nil
}

// decode reads a create request into c.req, or a customer object into c when object is
// true. On failure c holds what was read and is to be dropped.
func decode(data []byte, object bool, c *Customer) error {
	id := &c.id
	if !object {
		id = nil
	}
	return strictjson.Decode(data, "", func(o strictjson.Object) { read(o, id, &c.req) })
}

// ReadCreateRequest reads a customer create request into r from an object whose members
// are being read: the new customer that package account finds inside its own create
// request, read in place, without a second pass over its bytes. It reads as
// [ParseCreateRequest] does, recording the request's failures in the enclosing document
// under the object's path ("customer.phone"), and reports whether it recorded none; when
// it recorded some, r is the zero CreateRequest.
//
// It exists for the module's own packages: its argument's type is internal, so code
// outside the module cannot make an Object but the zero one, with which it does nothing
// and reports false. Use [ParseCreateRequest] or [CreateRequest.UnmarshalJSON].
func ReadCreateRequest(o strictjson.Object, r *CreateRequest) bool {
	before := o.Failures()
	read(o, nil, r)
	if o.Failures() != before || r.ref.IsZero() { // the zero Object records nothing
		*r = CreateRequest{}
		return false
	}
	return true
}

// read reads the members of o into req, recording every failure at the member's path under
// o's: a create request when id is nil, a customer object (with its ID into id) otherwise.
func read(o strictjson.Object, id *ids.CustomerID, req *CreateRequest) {
	var seenID, seenRef bool
	object := id != nil
	rules := &createRules
	if object {
		rules = &objectRules
	}
	m := entity.NewMembers(rules)
	for o.Next() {
		switch string(o.NameBytes()) {
		case fieldExternalReference:
			seenRef = true
			req.ref, _ = entity.Required(o, ids.ParseCustomerExternalReference)
		case fieldEmail:
			req.email, _ = entity.Optional(o, ParseEmail)
		case fieldPhone:
			req.phone, _ = entity.Optional(o, ParsePhone)
		case fieldID:
			if !object {
				o.Unknown()
				break
			}
			seenID = true
			*id, _ = entity.Required(o, ids.ParseCustomerID)
		default:
			if !m.Read(o) {
				o.Unknown()
			}
		}
	}
	if object && !seenID {
		entity.Missing(o, fieldID, ids.ParseCustomerID)
	}
	if !seenRef {
		entity.Missing(o, fieldExternalReference, ids.ParseCustomerExternalReference)
	}
	m.Finish(o)
	req.f = m.Fields
}

// UnmarshalJSON sets r from a JSON customer create request, as [ParseCreateRequest]
// reads it. JSON null leaves r unchanged, as encoding/json expects of a value that may be
// absent. On failure r is unchanged and the error is a [billing.Errors].
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, ParseCreateRequest)
}

// UnmarshalJSON sets c from a JSON customer object, as [Parse] reads it. JSON null leaves
// c unchanged. On failure c is unchanged and the error is a [billing.Errors].
func (c *Customer) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(c, data, Parse)
}

// MarshalJSON writes r as the API's JSON create request: members in the order of SPEC §2
// (external_reference, name, email, phone, currency, balance, metadata), absent ones
// omitted, metadata keys sorted, strings escaped as encoding/json escapes them (<, > and &
// too, so the JSON can sit in HTML). The email and phone are written in full: this is
// the wire form, not a log form. The zero CreateRequest fails with required at
// "external_reference".
//
// [ParseCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, r.size()))
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	if r.ref.IsZero() {
		return b, entity.ZeroError(fieldExternalReference, "cannot encode the zero CreateRequest: it has no external reference")
	}
	b = append(b, '{')
	b = r.appendMembers(b, true, false)
	return append(b, '}'), nil
}

// MarshalJSON writes c as the API's JSON customer object: id, then the members of its
// request in the order of SPEC §2, with payment_rules before metadata. It encodes like
// [CreateRequest.MarshalJSON]. The zero Customer fails with required at "id".
//
// [Parse] reads the result back to a customer equal to c, and encoding that gives the
// same bytes.
func (c Customer) MarshalJSON() ([]byte, error) {
	return c.AppendJSON(make([]byte, 0, c.size()))
}

// AppendJSON appends the JSON form of c (see [Customer.MarshalJSON]) to b.
func (c Customer) AppendJSON(b []byte) ([]byte, error) {
	if c.id.IsZero() {
		return b, entity.ZeroError(fieldID, "cannot encode the zero Customer: it has no ID")
	}
	b = entity.AppendStringMember(append(b, '{'), true, fieldID, c.id.String())
	b = c.req.appendMembers(b, false, false)
	return append(b, '}'), nil
}

// appendMembers appends r's members from external_reference on, the email and phone
// masked when mask is true (the form of String and Format, never the wire form).
func (r *CreateRequest) appendMembers(b []byte, first, mask bool) []byte {
	b = entity.AppendStringMember(b, first, fieldExternalReference, r.ref.String())
	b = r.f.AppendName(b)
	if !r.email.IsZero() {
		e := r.email.addr
		if mask {
			e = r.email.Masked()
		}
		b = entity.AppendStringMember(b, false, fieldEmail, e)
	}
	if !r.phone.IsZero() {
		b = entity.AppendMember(b, false, fieldPhone)
		b = append(b, '"')
		if mask {
			b = r.phone.appendMasked(b)
		} else {
			b = append(b, r.phone.e164...)
		}
		b = append(b, '"')
	}
	return r.f.AppendMoney(b)
}

// size returns about how long r's JSON form is.
func (r *CreateRequest) size() int {
	return len(`{"external_reference":"","email":"","phone":""}`) +
		len(r.ref.String()) + len(r.email.addr) + len(r.phone.e164) + r.f.Size()
}

func (c *Customer) size() int { return len(`"id":"",`) + len(c.id.String()) + c.req.size() }
