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

// params returns the members of p but the customer.
func (p *CreateParams) params() *entity.Params {
	return &entity.Params{ExternalReference: p.ExternalReference, Name: p.Name, Currency: p.Currency,
		Balance: p.Balance, Metadata: p.Metadata}
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
	members
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
	v, err := b.Build(p.params())
	return CreateRequest{members{v}}, err
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

// Equal reports whether r and o hold the same members with the same values.
func (r CreateRequest) Equal(o CreateRequest) bool { return r.v.Equal(&o.v) }

// Account is a valid account object, as the billing API returns it: an ID, an external
// reference, the ID of the customer it belongs to, the optional name, currency, balance
// and metadata of its create request, and optional payment rules. Obtain one with [New]
// from IDs and a request (then [Account.WithPaymentRules]), or with [Decode] (or
// UnmarshalJSON) from JSON.
//
// The zero Account is not a valid account: it has no ID, and MarshalJSON refuses it. An
// Account is immutable and safe for concurrent use: WithPaymentRules returns a new one.
type Account struct {
	members
}

// New returns the account with the given ID, belonging to the customer customerID, created
// by req. Mint a new ID with ids.NewAccountID. customerID is the customer that req's
// [CreateRequest.Customer] names, once the service has resolved it: the ID itself, the
// customer found by its external reference, or the new customer just created (see
// customer.New).
//
// It fails with a billing.Errors holding every failure: id is the zero AccountID
// (required at "id"); req is the zero CreateRequest (required at "external_reference");
// customerID is the zero CustomerID (required at "customer_id"), or differs from the ID
// that req names its customer by (invalid_format at "customer_id").
func New(id ids.AccountID, customerID ids.CustomerID, req CreateRequest) (Account, error) {
	a := Account(req)
	err := entity.NewObject(entity.AccountObject, &a.v, id, customerID)
	return a, err
}

// WithPaymentRules returns a copy of a with the payment rules r, which say which payments
// the account accepts. Payment rules need a currency: when a has none, it fails with
// required at "currency" (a billing.Errors). The zero PaymentRules removes the rules (the
// account can then not be paid against), with or without a currency.
func (a Account) WithPaymentRules(r money.PaymentRules) (Account, error) {
	err := entity.SetPaymentRules(entity.AccountObject, &a.v, r)
	return a, err
}

// WithoutPaymentRules returns a copy of a without payment rules: the account can then
// not be paid against, and its currency can change (see [Account.Apply]).
func (a Account) WithoutPaymentRules() Account {
	a.v.Rules = money.PaymentRules{}
	return a
}

// IsZero reports whether a is the zero Account, which is not a valid account.
func (a Account) IsZero() bool { return a.v.AccountID.IsZero() }

// ID returns the account's ID.
func (a Account) ID() ids.AccountID { return a.v.AccountID }

// CustomerID returns the ID of the customer the account belongs to.
func (a Account) CustomerID() ids.CustomerID { return a.v.CustomerID }

// PaymentRules returns the account's payment rules and whether it has any; an account
// without rules cannot be paid against.
func (a Account) PaymentRules() (money.PaymentRules, bool) { return a.v.Rules, !a.v.Rules.IsZero() }

// Equal reports whether a and o are the same account with the same members and values.
func (a Account) Equal(o Account) bool { return a.v.Equal(&o.v) }

// members holds the members that a create request and an account share, and reads them
// for both.
type members struct {
	v entity.Values
}

// ExternalReference returns the caller's own reference for the account. The library
// checks its shape only: that it is unique among the merchant's accounts is for the
// service's store to check.
func (m members) ExternalReference() ids.ExternalReference { return m.v.Ref }

// Name returns the account's name and whether it has one.
func (m members) Name() (contact.Name, bool) { return m.v.Name, !m.v.Name.IsZero() }

// Currency returns the currency of the account's balance (and of an Account's payment
// rules), and whether it has one.
func (m members) Currency() (money.Currency, bool) { return m.v.Currency, !m.v.Currency.IsZero() }

// Balance returns the account's balance, in its currency, and whether it has one (absent:
// the balance is not tracked); a request's is the opening balance. A negative balance is
// a credit, a positive one is owed.
func (m members) Balance() (money.Amount, bool) { return m.v.BalanceAmount() }

// Metadata returns the account's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (m members) Metadata() (metadata.Metadata, bool) { return m.v.Metadata, m.v.HasMeta }

// UpdateParams is an account update request as Go values, for [NewUpdateRequest]. A nil
// pointer or map leaves the member as stored; Remove names the members to remove ("name",
// "currency", "balance", or "metadata" for every key), RemoveMetadata the metadata keys to
// remove. A member both set and removed is duplicate_field; a name in Remove that an
// account update does not define is unknown_field.
type UpdateParams struct {
	Name, Currency *string
	Balance        *int64
	Metadata       map[string]string // keys to set; at most 10
	Remove         []string
	RemoveMetadata []string
}

// UpdateRequest is a valid account update request, the body of
// PATCH /billing/accounts/{account}: only the members it names change. It sets name,
// currency, balance and metadata keys, and removes members and keys (sent as null). The
// id, external_reference, customer_id and payment_rules never change through it.
//
// The zero UpdateRequest changes nothing, and is a valid update ({}). An UpdateRequest is
// immutable and safe for concurrent use. Apply one with [Account.Apply].
type UpdateRequest struct {
	u entity.Update
}

// NewUpdateRequest checks p and returns the update it describes, with the failures the
// same update sent as JSON would give, in the order of the members.
func NewUpdateRequest(p UpdateParams) (UpdateRequest, error) {
	set := entity.Params{Name: p.Name, Currency: p.Currency, Balance: p.Balance, Metadata: p.Metadata}
	u, err := entity.BuildUpdate(entity.AccountUpdate, &set, p.Remove, p.RemoveMetadata)
	return UpdateRequest{u}, err
}

// MustNewUpdateRequest is like [NewUpdateRequest] but panics on failure. It is meant for
// tests and for updates written in the source, never for input.
func MustNewUpdateRequest(p UpdateParams) UpdateRequest { return must.Get(NewUpdateRequest(p)) }

// Apply returns a with the update u applied, or every failure of applying it together
// (a itself never changes):
//   - required at "currency" when the result has a balance or payment rules but no
//     currency ({"balance": 5000} on an account without a currency, or
//     {"currency": null} on one with a balance); a balance sent alone is in the stored
//     currency;
//   - conflict at "currency" when the currency changes while the stored balance, not
//     restated by u, or payment rules remain (an amount never silently changes its
//     meaning: send the new balance, or "balance": null, with the new currency, and
//     remove the payment rules first with WithoutPaymentRules), and when u sends a balance
//     alone for an account whose currency is withdrawn;
//   - too_many_keys at "metadata" when the merged metadata holds more than 10 keys and u
//     adds keys (the message gives both counts).
//
// Absent metadata stays absent when u sets no key in it. Applying the same update twice
// gives the account that applying it once gives.
func (a Account) Apply(u UpdateRequest) (Account, error) {
	var out Account
	err := entity.Updated(entity.AccountUpdate, &a.v, &u.u, &out.v)
	return out, err
}

// IsZero reports whether r changes nothing.
func (r UpdateRequest) IsZero() bool { return r.Equal(UpdateRequest{}) }

// Equal reports whether r and o make the same changes.
func (r UpdateRequest) Equal(o UpdateRequest) bool { return r.u.Equal(&o.u) }
