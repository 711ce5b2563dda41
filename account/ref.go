package account

import (
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
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

// CustomerRef is the customer member of an account create request: exactly one of an
// existing customer's ID, an existing customer's external reference, or a new customer's
// create request. Branch on it with [CustomerRef.Kind], or with the accessors that return
// (value, ok): exactly one reports true for a CustomerRef of a valid request.
//
// Obtain one from [ParseCustomerRef] (a string: an ID or an external reference), from
// [RefByID], [RefByExternalReference] or [RefByNewCustomer] (from values already
// parsed), from a [CreateRequest], or by unmarshalling its JSON form.
//
// The zero CustomerRef names no customer: its Kind is [RefNone], every accessor reports
// false, and MarshalJSON refuses it. A CustomerRef is immutable and safe for concurrent
// use.
type CustomerRef struct {
	r entity.CustomerRef
}

// RefByID returns the reference to the existing customer with the given ID. The zero
// CustomerID gives the zero CustomerRef.
func RefByID(id ids.CustomerID) CustomerRef {
	if id.IsZero() {
		return CustomerRef{}
	}
	return CustomerRef{r: entity.CustomerRef{Kind: entity.RefCustomerID, ID: id}}
}

// RefByExternalReference returns the reference to the existing customer with the given
// external reference. It fails with a billing.Errors at "customer": required for the zero
// ExternalReference, invalid_format for a reference that starts with "bcus_" (possible
// from ids.ParseExternalReference), which the customer member cannot carry: it would be
// read back as a customer ID.
func RefByExternalReference(ref ids.ExternalReference) (CustomerRef, error) {
	if ref.IsZero() {
		return CustomerRef{}, report.At("customer").Fail(billing.CodeRequired, entity.MsgRefRequired)
	}
	if strings.HasPrefix(ref.String(), ids.CustomerIDPrefix) {
		return CustomerRef{}, report.At("customer").Fail(billing.CodeInvalidFormat, entity.MsgRefReserved)
	}
	return CustomerRef{r: entity.CustomerRef{Kind: entity.RefExternalReference, Ref: ref}}, nil
}

// RefByNewCustomer returns the reference to a customer to create with the account, as req
// describes it. The zero customer.CreateRequest gives the zero CustomerRef.
func RefByNewCustomer(req customer.CreateRequest) CustomerRef {
	if req.IsZero() {
		return CustomerRef{}
	}
	v := &entity.Values{Ref: req.ExternalReference()}
	v.Name, _ = req.Name()
	v.Email, _ = req.Email()
	v.Phone, _ = req.Phone()
	v.Currency, _ = req.Currency()
	if b, ok := req.Balance(); ok {
		v.Balance, v.HasBalance = b.Minor(), true
	}
	v.Metadata, v.HasMeta = req.Metadata()
	return CustomerRef{r: entity.CustomerRef{Kind: entity.RefNewCustomer, New: v}}
}

// ParseCustomerRef reads the string form of the customer member: a string starting with
// "bcus_" is an existing customer's ID and must be a valid one (ids.ParseCustomerID); any
// other string is an existing customer's external reference (ids.ParseExternalReference:
// 1–255 of A-Za-z0-9_-; only bcus_ is reserved here, so "bacc_x1" is a reference).
//
// Otherwise it fails with a billing.Errors at "customer": required when s is empty,
// too_long over 255 characters, invalid_format when s breaks the rule of its form
// (invalid UTF-8 included). The message never quotes s.
func ParseCustomerRef(s string) (CustomerRef, error) {
	r, err := entity.ParseCustomerRef(s)
	if err != nil {
		return CustomerRef{}, err
	}
	return CustomerRef{r: r}, nil
}

// Kind returns the form of r; [RefNone] for the zero CustomerRef.
func (r CustomerRef) Kind() RefKind { return RefKind(r.r.Kind) } // numbered as entity numbers them: TestCustomerMemberForms holds each form to its kind

// IsZero reports whether r is the zero CustomerRef, which names no customer.
func (r CustomerRef) IsZero() bool { return r.r.Kind == entity.RefNone }

// CustomerID returns the ID of the existing customer r names, and whether r names one by
// its ID.
func (r CustomerRef) CustomerID() (ids.CustomerID, bool) {
	return r.r.ID, r.r.Kind == entity.RefCustomerID
}

// ExternalReference returns the external reference of the existing customer r names, and
// whether r names one that way. Finding the customer it belongs to is the service's job.
func (r CustomerRef) ExternalReference() (ids.ExternalReference, bool) {
	return r.r.Ref, r.r.Kind == entity.RefExternalReference
}

// NewCustomer returns the create request of the customer to create with the account, and
// whether r is one.
func (r CustomerRef) NewCustomer() (customer.CreateRequest, bool) {
	if r.r.Kind != entity.RefNewCustomer {
		return customer.CreateRequest{}, false
	}
	return newCustomerRequest(r.r.New), true
}

// newCustomerRequest returns the customer.CreateRequest of values read as a customer
// create request. The values passed the same rules when they were read, so building the
// request from them cannot fail.
func newCustomerRequest(v *entity.Values) customer.CreateRequest {
	p := customer.CreateParams{ExternalReference: v.Ref.String(), Metadata: v.Metadata.Map()}
	if !v.Name.IsZero() {
		p.Name = ptr(v.Name.String())
	}
	if !v.Email.IsZero() {
		p.Email = ptr(v.Email.Address())
	}
	if !v.Phone.IsZero() {
		p.Phone = ptr(v.Phone.E164())
	}
	if !v.Currency.IsZero() {
		p.Currency = ptr(v.Currency.String())
	}
	if v.HasBalance {
		p.Balance = &v.Balance
	}
	if v.HasMeta && p.Metadata == nil {
		p.Metadata = map[string]string{}
	}
	return customer.MustNewCreateRequest(p)
}

func ptr[T any](x T) *T { return &x }

// Equal reports whether r and o are the same form naming the same customer (for a new
// customer, requests with the same members and values).
func (r CustomerRef) Equal(o CustomerRef) bool { return r.r.Equal(o.r) }
