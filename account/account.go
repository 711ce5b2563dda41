package account

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Account is a valid account object, as the billing API returns it: an ID, an external
// reference, the ID of the customer it belongs to, the optional name, currency, balance
// and metadata of its create request, and optional payment rules. Obtain one with [New]
// from IDs and a request (then [Account.WithPaymentRules]), or with [Decode] (or
// UnmarshalJSON) from JSON.
//
// The zero Account is not a valid account: it has no ID, and MarshalJSON refuses it. An
// Account is immutable and safe for concurrent use: WithPaymentRules returns a new one.
type Account struct {
	v entity.Values
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
	var l report.List
	if id.IsZero() {
		l.Add(report.At("id"), billing.CodeRequired, "must be given: an account ID like bacc_7Qm2XvR9pLk4TzW8nYc3D (see ids.NewAccountID)")
	}
	if req.IsZero() {
		l.Add(report.At("external_reference"), billing.CodeRequired, "must be given: the request has no external reference (the zero CreateRequest)")
	}
	if customerID.IsZero() {
		l.Add(report.At("customer_id"), billing.CodeRequired, "must be given: the ID of the customer the request names, like bcus_H4jp6KnU5cPw263v1jyz4")
	} else if named, ok := req.Customer().CustomerID(); ok && named != customerID {
		l.Add(report.At("customer_id"), billing.CodeInvalidFormat, "must be the customer ID the request names in its customer member")
	}
	if err := l.Err(); err != nil {
		return Account{}, err
	}
	v := req.v
	v.Customer = entity.CustomerRef{}
	v.AccountID, v.CustomerID = id, customerID
	return Account{v: v}, nil
}

// WithPaymentRules returns a copy of a with the payment rules r, which say which payments
// the account accepts. Payment rules need a currency: when a has none, it fails with
// required at "currency" (a billing.Errors). The zero PaymentRules removes the rules (the
// account can then not be paid against), with or without a currency.
func (a Account) WithPaymentRules(r money.PaymentRules) (Account, error) {
	if a.IsZero() {
		return Account{}, entity.ZeroError("id", "must be given: payment rules cannot be set on the zero Account")
	}
	if !r.IsZero() && a.v.Currency.IsZero() {
		return Account{}, entity.ZeroError("currency", `is required with payment rules: create the account with a currency, like "ZAR"`)
	}
	a.v.Rules = r
	return a, nil
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

// ExternalReference returns the caller's own reference for the account; see
// [CreateRequest.ExternalReference] about its uniqueness.
func (a Account) ExternalReference() ids.ExternalReference { return a.v.Ref }

// Name returns the account's name and whether it has one.
func (a Account) Name() (contact.Name, bool) { return a.v.Name, !a.v.Name.IsZero() }

// Currency returns the currency of the account's balance and payment rules, and whether it
// has one.
func (a Account) Currency() (money.Currency, bool) { return a.v.Currency, !a.v.Currency.IsZero() }

// Balance returns the account's balance, in its currency, and whether the account tracks
// one. A negative balance is a credit, a positive one is owed.
func (a Account) Balance() (money.Amount, bool) { return a.v.BalanceAmount() }

// PaymentRules returns the account's payment rules and whether it has any; an account
// without rules cannot be paid against.
func (a Account) PaymentRules() (money.PaymentRules, bool) { return a.v.Rules, !a.v.Rules.IsZero() }

// Metadata returns the account's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (a Account) Metadata() (metadata.Metadata, bool) { return a.v.Metadata, a.v.HasMeta }

// Equal reports whether a and o are the same account with the same members and values.
func (a Account) Equal(o Account) bool { return a.v.Equal(&o.v) }
