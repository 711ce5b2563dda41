package account

import (
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// RefKind says which of its three forms a [CustomerRef] takes.
type RefKind uint8

// The forms of a [CustomerRef]. RefNone is the kind of the zero CustomerRef only: a
// CustomerRef read from a valid request is always one of the other three.
const (
	RefNone              RefKind = iota // the zero CustomerRef: it names no customer
	RefCustomerID                       // an existing customer, by its ID (bcus_…)
	RefExternalReference                // an existing customer, by its external reference
	RefNewCustomer                      // a customer to create with the account
)

// String returns the kind's name: "none", "customer_id", "external_reference" or
// "new_customer".
func (k RefKind) String() string {
	switch k {
	case RefCustomerID:
		return "customer_id"
	case RefExternalReference:
		return "external_reference"
	case RefNewCustomer:
		return "new_customer"
	default:
		return "none"
	}
}

// CustomerRef is the customer member of an account create request (SPEC §2): exactly one
// of an existing customer's ID, an existing customer's external reference, or a new
// customer's create request.
//
// Branch on it in either of two ways, whichever reads better:
//
//   - with the accessors that return (value, ok): [CustomerRef.CustomerID],
//     [CustomerRef.ExternalReference] and [CustomerRef.NewCustomer]; exactly one reports
//     true for a CustomerRef of a valid request;
//   - with a switch on [CustomerRef.Kind], whose cases are [RefCustomerID],
//     [RefExternalReference] and [RefNewCustomer], then the matching accessor.
//
// A type switch was not chosen: an interface would let other packages add forms and would
// allocate, while a closed set of three needs neither.
//
// Obtain a CustomerRef from [ParseCustomerRef] (a string: an ID or an external
// reference), from [RefByID], [RefByExternalReference] or [RefByNewCustomer] (from values
// already parsed), from a [CreateRequest], or by unmarshalling its JSON form.
//
// The zero CustomerRef names no customer: its Kind is [RefNone], every accessor reports
// false, and MarshalJSON refuses it. A CustomerRef is immutable and safe for concurrent
// use.
type CustomerRef struct {
	kind RefKind
	id   ids.CustomerID
	ref  ids.ExternalReference
	nc   customer.CreateRequest
}

// Messages of the customer member's failures.
const (
	msgRefRequired = "must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4, the customer's " +
		"external reference like cust_7781, or a new customer object"
	msgRefType = "must be a string (a customer ID like bcus_H4jp6KnU5cPw263v1jyz4, or the customer's " +
		"external reference like cust_7781) or an object (a new customer)"
	msgRefFormat = "must be a customer ID like bcus_H4jp6KnU5cPw263v1jyz4 or the customer's external " +
		"reference: letters A-Z, a-z, digits 0-9, _ and -, like cust_7781"
	msgRefIDPrefix = "is read as a customer ID, because it starts with bcus_, and "
	msgRefReserved = "must not start with bcus_ when it is an external reference: such a string is read as a customer ID"
	msgRefTwice    = "is given twice: set either Customer (an ID or an external reference) or NewCustomer, not both"
)

// RefByID returns the reference to the existing customer with the given ID. The zero
// CustomerID gives the zero CustomerRef.
func RefByID(id ids.CustomerID) CustomerRef {
	if id.IsZero() {
		return CustomerRef{}
	}
	return CustomerRef{kind: RefCustomerID, id: id}
}

// RefByExternalReference returns the reference to the existing customer with the given
// external reference. It fails with a [*billing.FieldError] for field "customer":
// required for the zero ExternalReference, invalid_format for a reference that starts
// with "bcus_" (possible from ids.ParseExternalReference), which the customer member
// cannot carry: it would be read back as a customer ID.
func RefByExternalReference(ref ids.ExternalReference) (CustomerRef, error) {
	if ref.IsZero() {
		return CustomerRef{}, billing.NewFieldError(fieldCustomer, billing.CodeRequired, msgRefRequired)
	}
	if strings.HasPrefix(ref.String(), ids.CustomerIDPrefix) {
		return CustomerRef{}, billing.NewFieldError(fieldCustomer, billing.CodeInvalidFormat, msgRefReserved)
	}
	return CustomerRef{kind: RefExternalReference, ref: ref}, nil
}

// RefByNewCustomer returns the reference to a customer to create with the account, as req
// describes it. The zero customer.CreateRequest gives the zero CustomerRef.
func RefByNewCustomer(req customer.CreateRequest) CustomerRef {
	if req.IsZero() {
		return CustomerRef{}
	}
	return CustomerRef{kind: RefNewCustomer, nc: req}
}

// ParseCustomerRef reads the string form of the customer member: a string starting with
// "bcus_" is an existing customer's ID and must be a valid one (ids.ParseCustomerID); any
// other string is an existing customer's external reference (ids.ParseExternalReference:
// 1–255 of A-Za-z0-9_-; only bcus_ is reserved here, so "bacc_x1" is a reference).
// It does not allocate.
//
// Otherwise it fails with a [*billing.FieldError] for field "customer": required when s is
// empty, too_long over 255 characters, invalid_format when s breaks the rule of its form
// (invalid UTF-8 included). The message never quotes s.
func ParseCustomerRef(s string) (CustomerRef, error) {
	if strings.HasPrefix(s, ids.CustomerIDPrefix) {
		id, err := ids.ParseCustomerID(s)
		if err != nil {
			return CustomerRef{}, refError(err, true)
		}
		return CustomerRef{kind: RefCustomerID, id: id}, nil
	}
	ref, err := ids.ParseExternalReference(s)
	if err != nil {
		return CustomerRef{}, refError(err, false)
	}
	return CustomerRef{kind: RefExternalReference, ref: ref}, nil
}

// refError puts a failure of ids' parsers at "customer", with a message that speaks of
// both string forms.
func refError(err error, isID bool) error {
	fe := billing.AsErrors(err)[0]
	msg := fe.Message
	switch {
	case fe.Code == billing.CodeRequired:
		msg = msgRefRequired
	case fe.Code == billing.CodeInvalidFormat && isID:
		msg = msgRefIDPrefix + msg
	case fe.Code == billing.CodeInvalidFormat:
		msg = msgRefFormat
	}
	return billing.NewFieldError(fieldCustomer, fe.Code, msg)
}

// Kind returns the form of r; [RefNone] for the zero CustomerRef.
func (r CustomerRef) Kind() RefKind { return r.kind }

// IsZero reports whether r is the zero CustomerRef, which names no customer.
func (r CustomerRef) IsZero() bool { return r.kind == RefNone }

// CustomerID returns the ID of the existing customer r names, and whether r names one by
// its ID.
func (r CustomerRef) CustomerID() (ids.CustomerID, bool) { return r.id, r.kind == RefCustomerID }

// ExternalReference returns the external reference of the existing customer r names, and
// whether r names one that way. Finding the customer it belongs to is the service's job:
// the reference is unique per merchant only in the billing API's records.
func (r CustomerRef) ExternalReference() (ids.ExternalReference, bool) {
	return r.ref, r.kind == RefExternalReference
}

// NewCustomer returns the create request of the customer to create with the account, and
// whether r is one.
func (r CustomerRef) NewCustomer() (customer.CreateRequest, bool) {
	return r.nc, r.kind == RefNewCustomer
}

// Equal reports whether r and o are the same form naming the same customer (for a new
// customer, requests with the same members and values).
func (r CustomerRef) Equal(o CustomerRef) bool {
	return r.kind == o.kind && r.id == o.id && r.ref == o.ref && r.nc.Equal(o.nc)
}
