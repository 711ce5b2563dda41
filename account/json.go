package account

import (
	"encoding/json"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/strictjson"
)

// ParseCreateRequest reads an account create request from its JSON document (SPEC §2–§4):
// an object with the members customer and external_reference (both required), name,
// currency, balance and metadata (at most 10 keys). null for an optional member means
// absent.
//
// The customer member is one of three forms (see [CustomerRef]): a string starting with
// "bcus_" is an existing customer's ID and must be a valid one; any other string is an
// existing customer's external reference; an object is a new customer, read as
// customer.ParseCreateRequest reads a customer create request (its metadata limit is the
// customer's, 20 keys) with its failures under "customer." ("customer.phone",
// "customer.external_reference") in the customer member's place. "" or null or a missing
// customer is required at "customer"; a number, boolean or array is invalid_type.
//
// It fails with a [billing.Errors] holding every failure of the document, one per path, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB with
// too_long alone, one that is not an object with invalid_type alone, all at path "".
// Members are read strictly: an unknown member is unknown_field (payment_rules and
// customer_id too: they are not part of a request), a member given twice duplicate_field,
// an integer written with a fraction or an exponent invalid_type, a string with invalid
// UTF-8 is reported by its field's rule and never repaired. Messages never repeat an
// email address or a phone number.
func ParseCreateRequest(data []byte) (CreateRequest, error) {
	var r CreateRequest
	if err := decode(data, nil, &r); err != nil {
		return CreateRequest{}, err
	}
	return r, nil
}

// Parse reads an account object from its JSON document (SPEC §2–§4): id (required, an
// account ID), external_reference (required), customer_id (required, a customer ID), name,
// currency, balance, payment_rules (an object of min_amount, max_amount,
// underpayment_allowed and overpayment_allowed, all required; 1 ≤ min_amount ≤ max_amount
// ≤ 2^53−1) and metadata. balance and payment_rules both require currency. It fails as
// [ParseCreateRequest] does; customer is an unknown member here.
func Parse(data []byte) (Account, error) {
	var a Account
	if err := decode(data, &a, nil); err != nil {
		return Account{}, err
	}
	return a, nil
}

// decode reads an account object into a, or a create request into r; the other is nil. On
// failure what it filled in is to be dropped.
func decode(data []byte, a *Account, r *CreateRequest) error {
	var (
		seenID, seenRef, seenCustomer, seenCustomerID bool

		object = a != nil
		d      *members
		rules  = &createRules
	)
	if object {
		d, rules = &a.members, &objectRules
	} else {
		d = &r.members
	}
	m := entity.NewMembers(rules)
	err := strictjson.Decode(data, "", func(o strictjson.Object) {
		for o.Next() {
			switch string(o.NameBytes()) {
			case fieldExternalReference:
				seenRef = true
				d.ref, _ = entity.Required(o, ids.ParseAccountExternalReference)
			case fieldName:
				d.name, _ = entity.Optional(o, customer.ParseName)
			case fieldCustomer:
				if object {
					o.Unknown()
					break
				}
				seenCustomer = true
				readCustomerRef(o, &r.customer)
			case fieldID:
				if !object {
					o.Unknown()
					break
				}
				seenID = true
				a.id, _ = entity.Required(o, ids.ParseAccountID)
			case fieldCustomerID:
				if !object {
					o.Unknown()
					break
				}
				seenCustomerID = true
				a.customerID, _ = entity.Required(o, ids.ParseCustomerID)
			default:
				if !m.Read(o) {
					o.Unknown()
				}
			}
		}
		// Absent required members, in the order of SPEC §2's table.
		if object && !seenID {
			entity.Missing(o, fieldID, ids.ParseAccountID)
		}
		if !object && !seenCustomer {
			entity.Missing(o, fieldCustomer, ParseCustomerRef)
		}
		if !seenRef {
			entity.Missing(o, fieldExternalReference, ids.ParseAccountExternalReference)
		}
		if object && !seenCustomerID {
			entity.Missing(o, fieldCustomerID, ids.ParseCustomerID)
		}
		m.Finish(o)
	})
	d.f = m.Fields
	d.f.Name = d.name.String()
	return err
}

// readCustomerRef reads the customer member of o in any of its three forms into ref,
// recording its failures at the member's path ("customer", or "customer.<member>" for a
// new customer's); ref is left zero on failure.
func readCustomerRef(o strictjson.Object, ref *CustomerRef) {
	switch o.Kind() {
	case strictjson.KindNull:
		o.Null()
		o.Fail(billing.CodeRequired, msgRefRequired)
	case strictjson.KindString:
		b, ok := o.StringBytes()
		if !ok {
			break
		}
		v, err := ParseCustomerRef(string(b))
		if err != nil {
			o.FailErr(err)
			break
		}
		*ref = v
	case strictjson.KindObject:
		nested, ok := o.Object()
		if ok && customer.ReadCreateRequest(nested, &ref.nc) {
			ref.kind = RefNewCustomer
		}
	default:
		o.Fail(billing.CodeInvalidType, msgRefType)
		o.Skip()
	}
}

// UnmarshalJSON sets r from a JSON account create request, as [ParseCreateRequest] reads
// it. JSON null leaves r unchanged, as encoding/json expects of a value that may be absent.
// On failure r is unchanged and the error is a [billing.Errors].
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, ParseCreateRequest)
}

// UnmarshalJSON sets a from a JSON account object, as [Parse] reads it. JSON null leaves a
// unchanged. On failure a is unchanged and the error is a [billing.Errors].
func (a *Account) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(a, data, Parse)
}

// refDocStart and refDocEnd wrap a customer member's value into a create request document
// that holds nothing else, to read it exactly as [ParseCreateRequest] reads the member.
const (
	refDocStart = `{"customer":`
	refDocEnd   = `}`
)

// UnmarshalJSON sets r from the JSON value of a customer member (a string or an object),
// read as [ParseCreateRequest] reads that member, with failures at the same paths
// ("customer", "customer.phone", …). JSON null leaves r unchanged. A value that is not
// well-formed JSON fails with invalid_json at "", one longer than 1 MiB less 13 bytes (the
// room its member takes in a document) with too_long at "". On failure r is unchanged and
// the error is a [billing.Errors].
func (r *CustomerRef) UnmarshalJSON(data []byte) error {
	if strictjson.IsNull(data) {
		return nil
	}
	if len(data) > strictjson.MaxSize-len(refDocStart)-len(refDocEnd) {
		return billing.Errors{billing.NewFieldError("", billing.CodeTooLong, "must be at most 1 MiB")}
	}
	if !json.Valid(data) { // one value, nothing after it: the document below holds only it
		return billing.Errors{billing.NewFieldError("", billing.CodeInvalidJSON, "must be one well-formed JSON value")}
	}
	doc := make([]byte, 0, len(refDocStart)+len(data)+len(refDocEnd))
	doc = append(append(append(doc, refDocStart...), data...), refDocEnd...)
	var v CustomerRef
	err := strictjson.Decode(doc, "", func(o strictjson.Object) {
		for o.Next() {
			readCustomerRef(o, &v)
		}
	})
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalJSON writes r as the API's JSON create request: members in the order of SPEC §2
// (customer, external_reference, name, currency, balance, metadata), absent ones omitted,
// metadata keys sorted, strings escaped as encoding/json escapes them. The customer is
// written in the form it was given (see [CustomerRef.MarshalJSON]); a new customer's email
// and phone are written in full: this is the wire form, not a log form. The zero
// CreateRequest fails with required at "external_reference".
//
// [ParseCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, r.size()))
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	if r.ref.IsZero() || r.customer.IsZero() {
		return b, entity.ZeroError(fieldExternalReference, "cannot encode the zero CreateRequest: it has no external reference")
	}
	return append(r.appendMembers(append(b, '{'), false), '}'), nil
}

// appendMembers appends r's members, a new customer's email and phone masked when mask is
// true (the form of String and Format, never the wire form).
func (r *CreateRequest) appendMembers(b []byte, mask bool) []byte {
	b = entity.AppendMember(b, true, fieldCustomer)
	b = r.customer.appendJSON(b, mask)
	b = entity.AppendStringMember(b, false, fieldExternalReference, r.ref.String())
	b = r.f.AppendName(b)
	return r.f.AppendMoney(b)
}

// MarshalJSON writes a as the API's JSON account object: id, external_reference,
// customer_id, then name, currency, balance, payment_rules and metadata when present
// (SPEC §2, §3). It encodes like [CreateRequest.MarshalJSON]. The zero Account fails with
// required at "id".
//
// [Parse] reads the result back to an account equal to a, and encoding that gives the
// same bytes.
func (a Account) MarshalJSON() ([]byte, error) {
	return a.AppendJSON(make([]byte, 0, a.size()))
}

// AppendJSON appends the JSON form of a (see [Account.MarshalJSON]) to b.
func (a Account) AppendJSON(b []byte) ([]byte, error) {
	if a.id.IsZero() {
		return b, entity.ZeroError(fieldID, "cannot encode the zero Account: it has no ID")
	}
	return append(a.appendMembers(append(b, '{')), '}'), nil
}

func (a *Account) appendMembers(b []byte) []byte {
	b = entity.AppendStringMember(b, true, fieldID, a.id.String())
	b = entity.AppendStringMember(b, false, fieldExternalReference, a.ref.String())
	b = entity.AppendStringMember(b, false, fieldCustomerID, a.customerID.String())
	b = a.f.AppendName(b)
	return a.f.AppendMoney(b)
}

// MarshalJSON writes r as the customer member's JSON value: the customer ID or the
// external reference as a string, or the new customer's create request as an object (see
// customer.CreateRequest.MarshalJSON). [CustomerRef.UnmarshalJSON] and
// [ParseCreateRequest] read it back to the same form. The zero CustomerRef fails with
// required at "customer".
func (r CustomerRef) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil)
}

// AppendJSON appends the JSON form of r (see [CustomerRef.MarshalJSON]) to b.
func (r CustomerRef) AppendJSON(b []byte) ([]byte, error) {
	if r.kind == RefNone {
		return b, entity.ZeroError(fieldCustomer, "cannot encode the zero CustomerRef: it names no customer")
	}
	return r.appendJSON(b, false), nil
}

// appendJSON appends r's JSON value, a new customer's email and phone masked when mask is
// true; the zero CustomerRef is written as null.
func (r *CustomerRef) appendJSON(b []byte, mask bool) []byte {
	switch r.kind {
	case RefCustomerID:
		return strictjson.AppendString(b, r.id.String())
	case RefExternalReference:
		return strictjson.AppendString(b, r.ref.String())
	case RefNewCustomer:
		if mask {
			return append(b, r.nc.String()...)
		}
		b, _ = r.nc.AppendJSON(b) // a new customer's request is never the zero one
		return b
	default:
		return append(b, "null"...)
	}
}

// size returns about how long r's JSON form is.
func (r *CustomerRef) size() int {
	switch r.kind {
	case RefCustomerID:
		return len(r.id.String()) + 2
	case RefExternalReference:
		return len(r.ref.String()) + 2
	case RefNewCustomer:
		return 256 // a new customer's members; AppendJSON grows the buffer if need be
	default:
		return len("null")
	}
}

// size returns about how long r's JSON form is.
func (r *CreateRequest) size() int {
	return len(`{"customer":,"external_reference":""}`) + r.customer.size() + len(r.ref.String()) + r.f.Size()
}

func (a *Account) size() int {
	return len(`{"id":"","external_reference":"","customer_id":""}`) +
		len(a.id.String()) + len(a.ref.String()) + len(a.customerID.String()) + a.f.Size()
}
