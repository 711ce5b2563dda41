package account

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
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
// failures under "customer."). Neither set is required at "customer"; both set is
// duplicate_field at "customer", as the member given twice in JSON is.
type CreateParams struct {
	Customer          string                 // an existing customer: an ID (bcus_…) or an external reference
	NewCustomer       *customer.CreateParams // or a new customer, instead of Customer
	ExternalReference string                 // required: 1–255 of A-Za-z0-9_-, not starting with bacc_
	Name              *string                // see contact.ParseName
	Currency          *string                // ISO 4217 code, like "ZAR"; required with Balance
	Balance           *int64                 // minor units of Currency, within ±(2^53−1)
	Metadata          map[string]string      // at most 10 keys, see metadata.AccountLimits
}

// CreateRequest is a valid account create request: the customer it belongs to (a
// [CustomerRef]), an external reference, and the optional name, currency, balance and
// metadata. Obtain one with [NewCreateRequest] from Go values or [DecodeCreateRequest]
// (or UnmarshalJSON) from JSON; both apply the same rules and report the same failures.
//
// The zero CreateRequest is not a valid request: it has no customer and no external
// reference, and MarshalJSON refuses it. A CreateRequest is immutable and safe for
// concurrent use.
type CreateRequest struct {
	v entity.Values
}

// NewCreateRequest checks p and returns the request it describes. It fails with a
// billing.Errors holding every failure, at the places and with the codes that the same
// request sent as JSON would give ("customer", "customer.<member>", "external_reference",
// "name", "currency", "balance", "metadata", "metadata.<key>"), in the order of the
// members above (the new customer's own in customer.NewCreateRequest's order), the
// metadata's in sorted key order after too_many_keys, and the currency that a balance
// needs last.
func NewCreateRequest(p CreateParams) (CreateRequest, error) {
	b := entity.NewBuilder(entity.AccountCreate)
	switch {
	case p.NewCustomer != nil && p.Customer != "":
		b.Fail("customer", billing.CodeDuplicateField, entity.MsgRefTwice)
	case p.NewCustomer != nil:
		nc, err := customer.NewCreateRequest(*p.NewCustomer)
		if err != nil {
			b.Customer(entity.CustomerRef{}, underCustomer(err))
		} else {
			b.Customer(RefByNewCustomer(nc).r, nil)
		}
	default:
		r, err := entity.ParseCustomerRef(p.Customer)
		b.Customer(r, err)
	}
	b.String("external_reference", &p.ExternalReference)
	b.String("name", p.Name)
	b.String("currency", p.Currency)
	b.Balance(p.Balance)
	b.Metadata(p.Metadata)
	v, err := b.Finish()
	if err != nil {
		return CreateRequest{}, err
	}
	return CreateRequest{v: v}, nil
}

// underCustomer moves a new customer's failures under "customer".
func underCustomer(err error) error {
	var l report.List
	l.AddUnder(report.At("customer"), err)
	return l.Err()
}

// MustNewCreateRequest is like [NewCreateRequest] but panics on failure. It is meant for
// tests and for requests written in the source, never for input.
func MustNewCreateRequest(p CreateParams) CreateRequest {
	return must.Get(NewCreateRequest(p))
}

// IsZero reports whether r is the zero CreateRequest, which is not a valid request.
func (r CreateRequest) IsZero() bool { return r.v.Ref.IsZero() }

// Customer returns the customer the account is for: an existing one by ID or by external
// reference, or a new one to create with the account.
func (r CreateRequest) Customer() CustomerRef { return CustomerRef{r: r.v.Customer} }

// ExternalReference returns the caller's own reference for the account. The library
// checks its shape only: that it is unique among the merchant's accounts is for the
// service's store to check.
func (r CreateRequest) ExternalReference() ids.ExternalReference { return r.v.Ref }

// Name returns the account's name and whether the request has one.
func (r CreateRequest) Name() (contact.Name, bool) { return r.v.Name, !r.v.Name.IsZero() }

// Currency returns the currency of the account's balance and whether the request has one.
func (r CreateRequest) Currency() (money.Currency, bool) { return r.v.Currency, !r.v.Currency.IsZero() }

// Balance returns the account's opening balance, in its currency, and whether the request
// has one (absent: the balance is not tracked). A negative balance is a credit.
func (r CreateRequest) Balance() (money.Amount, bool) { return r.v.BalanceAmount() }

// Metadata returns the request's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (r CreateRequest) Metadata() (metadata.Metadata, bool) { return r.v.Metadata, r.v.HasMeta }

// Equal reports whether r and o hold the same members with the same values.
func (r CreateRequest) Equal(o CreateRequest) bool { return r.v.Equal(&o.v) }
