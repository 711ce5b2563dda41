package account

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Member names of the account documents that are not shared with customers.
const (
	fieldID                = "id"
	fieldCustomer          = "customer"
	fieldCustomerID        = "customer_id"
	fieldExternalReference = "external_reference"
	fieldName              = entity.FieldName
)

// CreateParams is an account create request as Go values, for [NewCreateRequest]. A nil
// pointer or a nil map is an absent member; a pointer to "" is an empty string, which is
// refused (required) as it is in JSON. A non-nil empty Metadata map is metadata given
// as {}.
//
// The customer is given as the JSON member gives it, in one of two fields: Customer, the
// string form (a customer ID like "bcus_H4jp6KnU5cPw263v1jyz4", or else the customer's
// external reference, as [ParseCustomerRef] reads it), or NewCustomer, the members of a
// customer to create with the account (checked as customer.NewCreateRequest checks them,
// failures under "customer."). A service usually holds one of these already (an ID's
// String, a reference from its own records, a new customer's fields), and gets every
// failure of the request in one error. Neither set is required at "customer"; both set is
// duplicate_field at "customer", as the member given twice in JSON is.
type CreateParams struct {
	Customer          string                 // an existing customer: an ID (bcus_…) or an external reference
	NewCustomer       *customer.CreateParams // or a new customer, instead of Customer
	ExternalReference string                 // required: 1–255 of A-Za-z0-9_-, not starting with bacc_
	Name              *string                // see customer.ParseName
	Currency          *string                // ISO 4217 code, like "ZAR"; required with Balance
	Balance           *int64                 // minor units of Currency, within ±(2^53−1)
	Metadata          map[string]string      // at most 10 keys, see [metadata.AccountLimits]
}

// CreateRequest is a valid account create request (SPEC §2): the customer it belongs to
// (a [CustomerRef]), an external reference, and the optional name, currency, balance and
// metadata. Obtain one with [NewCreateRequest] from Go values or [ParseCreateRequest] (or
// UnmarshalJSON) from JSON; both apply the same rules and report the same failures.
//
// The zero CreateRequest is not a valid request: it has no customer and no external
// reference, and MarshalJSON refuses it. A CreateRequest is immutable and safe for
// concurrent use; the accessors return copies.
type CreateRequest struct {
	customer CustomerRef
	members
}

// members are what an account request and an account object share: the external
// reference and the shared members (name, currency, balance, payment_rules, metadata).
type members struct {
	ref  ids.ExternalReference
	name customer.Name // its string is also in f.Name, for encoding
	f    entity.Fields // payment rules only in an Account
}

// The rules of the shared members in a create request and in an account object. The name
// is read by the account package itself (customer.ParseName), to keep its customer.Name.
var (
	createRules = entity.Rules{Limits: metadata.AccountLimits()}
	objectRules = entity.Rules{Limits: metadata.AccountLimits(), PaymentRules: true}
)

// NewCreateRequest checks p and returns the request it describes. It fails with a
// [billing.Errors] holding every failure, at the paths and with the codes that the same
// request sent as JSON would give ("customer", "customer.<member>", "external_reference",
// "name", "currency", "balance", "metadata", "metadata.<key>"), in the order of the members
// in SPEC §2 (the new customer's own in customer.NewCreateRequest's order), the metadata's
// in sorted key order after too_many_keys, and the currency requirement of a balance last.
func NewCreateRequest(p CreateParams) (CreateRequest, error) {
	var (
		l   report.List
		req CreateRequest
	)
	switch {
	case p.NewCustomer != nil && p.Customer != "":
		l.Add(fieldCustomer, billing.CodeDuplicateField, msgRefTwice)
	case p.NewCustomer != nil:
		nc, err := customer.NewCreateRequest(*p.NewCustomer)
		if err != nil {
			l.AddError(fieldCustomer, err)
		} else {
			req.customer = CustomerRef{kind: RefNewCustomer, nc: nc}
		}
	default:
		ref, err := ParseCustomerRef(p.Customer)
		if err != nil {
			l.AddAt(fieldCustomer, err)
		} else {
			req.customer = ref
		}
	}
	m := entity.NewMembers(&createRules)
	req.members.set(&l, &m, ids.ParseAccountExternalReference, p.ExternalReference, p.Name)
	m.SetCurrency(&l, "", p.Currency)
	m.SetBalance(&l, "", p.Balance)
	m.SetMetadata(&l, "", p.Metadata)
	m.FinishSet(&l, "")
	if err := l.Err(); err != nil {
		return CreateRequest{}, err
	}
	req.f = m.Fields
	req.f.Name = req.name.String()
	return req, nil
}

// set checks the external reference and the name given as Go values.
func (s *members) set(l *report.List, m *entity.Members, parseRef func(string) (ids.ExternalReference, error),
	ref string, name *string) {
	var err error
	if s.ref, err = parseRef(ref); err != nil {
		l.AddAt(fieldExternalReference, err)
	}
	if name != nil {
		if s.name, err = customer.ParseName(*name); err != nil {
			l.AddAt(fieldName, err)
		}
	}
}

// MustNewCreateRequest is like [NewCreateRequest] but panics on failure. It is meant for
// tests and for requests written in the source, never for input.
func MustNewCreateRequest(p CreateParams) CreateRequest {
	req, err := NewCreateRequest(p)
	if err != nil {
		panic("account: MustNewCreateRequest: " + err.Error())
	}
	return req
}

// IsZero reports whether r is the zero CreateRequest, which is not a valid request.
func (r CreateRequest) IsZero() bool { return r.ref.IsZero() }

// Customer returns the customer the account belongs to: an existing one by ID or external
// reference, or a new one to create with it. See [CustomerRef] for branching on it.
func (r CreateRequest) Customer() CustomerRef { return r.customer }

// ExternalReference returns the caller's own reference for the account. The library
// checks its shape only: that it is unique among the merchant's accounts is for the
// billing API (or the service) to check.
func (r CreateRequest) ExternalReference() ids.ExternalReference { return r.ref }

// Name returns the account's name and whether the request has one.
func (r CreateRequest) Name() (customer.Name, bool) { return r.name, !r.name.IsZero() }

// Currency returns the currency of the account's balance and whether the request has one.
func (r CreateRequest) Currency() (money.Currency, bool) { return r.f.CurrencyValue() }

// Balance returns the account's opening balance, in its currency, and whether the request
// has one (absent: the balance is not tracked). A negative balance is a credit.
func (r CreateRequest) Balance() (money.Amount, bool) { return r.f.BalanceAmount() }

// Metadata returns the request's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (r CreateRequest) Metadata() (metadata.Metadata, bool) { return r.f.MetadataValue() }

// Equal reports whether r and o hold the same members with the same values (metadata
// given as {} differs from absent metadata).
func (r CreateRequest) Equal(o CreateRequest) bool {
	return r.customer.Equal(o.customer) && r.members.equal(&o.members)
}

func (s *members) equal(o *members) bool {
	return s.ref == o.ref && s.name == o.name && s.f.Equal(&o.f)
}
