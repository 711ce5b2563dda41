package account

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Account is a valid account object (SPEC §2), as the billing API returns it: an ID, an
// external reference, the ID of the customer it belongs to, the optional name, currency,
// balance and metadata of its create request, and optional payment rules. Obtain one with
// [New] from IDs and a request (then [Account.WithPaymentRules]), or with [Parse] (or
// UnmarshalJSON) from JSON.
//
// The zero Account is not a valid account: it has no ID, and MarshalJSON refuses it. An
// Account is immutable and safe for concurrent use: WithPaymentRules returns a new one.
type Account struct {
	id         ids.AccountID
	customerID ids.CustomerID
	members
}

// New returns the account with the given ID, belonging to the customer customerID, created
// by req. Mint a new ID with ids.NewAccountID. customerID is the customer that req's
// [CreateRequest.Customer] names, once the service has resolved it: the ID itself, the
// customer found by its external reference, or the new customer just created (see
// customer.New).
//
// It fails with a [billing.Errors] holding every failure: id is the zero AccountID
// (required at "id"); req is the zero CreateRequest (required at "external_reference");
// customerID is the zero CustomerID (required at "customer_id"), or differs from the ID
// that req names its customer by (invalid_format at "customer_id").
func New(id ids.AccountID, customerID ids.CustomerID, req CreateRequest) (Account, error) {
	var l report.List
	if id.IsZero() {
		l.Add(fieldID, billing.CodeRequired, "must be given: an account ID like bacc_7Qm2XvR9pLk4TzW8nYc3D (see ids.NewAccountID)")
	}
	if req.IsZero() {
		l.Add(fieldExternalReference, billing.CodeRequired, "must be given: the request has no external reference (the zero CreateRequest)")
	}
	if customerID.IsZero() {
		l.Add(fieldCustomerID, billing.CodeRequired, "must be given: the ID of the customer the request names, like bcus_H4jp6KnU5cPw263v1jyz4")
	} else if named, ok := req.customer.CustomerID(); ok && named != customerID {
		l.Add(fieldCustomerID, billing.CodeInvalidFormat, "must be the customer ID the request names in its customer member")
	}
	if err := l.Err(); err != nil {
		return Account{}, err
	}
	return Account{id: id, customerID: customerID, members: req.members}, nil
}

// WithPaymentRules returns a copy of a with the payment rules r, which say which payments
// the account accepts. Payment rules need a currency: when a has none, it fails with
// [billing.CodeRequired] at "currency" (a [billing.Errors]). The zero PaymentRules removes
// the rules (the account can then not be paid against), with or without a currency.
func (a Account) WithPaymentRules(r money.PaymentRules) (Account, error) {
	if a.id.IsZero() {
		return Account{}, billing.Errors{billing.NewFieldError(fieldID, billing.CodeRequired,
			"must be given: payment rules cannot be set on the zero Account")}
	}
	if !r.IsZero() && a.f.Currency.IsZero() {
		return Account{}, billing.Errors{billing.NewFieldError("currency", billing.CodeRequired,
			`is required with payment rules: create the account with a currency, like "ZAR"`)}
	}
	a.f.PaymentRules = r
	return a, nil
}

// IsZero reports whether a is the zero Account, which is not a valid account.
func (a Account) IsZero() bool { return a.id.IsZero() }

// ID returns the account's ID.
func (a Account) ID() ids.AccountID { return a.id }

// CustomerID returns the ID of the customer the account belongs to.
func (a Account) CustomerID() ids.CustomerID { return a.customerID }

// ExternalReference returns the caller's own reference for the account; see
// [CreateRequest.ExternalReference] about its uniqueness.
func (a Account) ExternalReference() ids.ExternalReference { return a.ref }

// Name returns the account's name and whether it has one.
func (a Account) Name() (customer.Name, bool) { return a.name, !a.name.IsZero() }

// Currency returns the currency of the account's balance and payment rules, and whether it
// has one.
func (a Account) Currency() (money.Currency, bool) { return a.f.CurrencyValue() }

// Balance returns the account's balance, in its currency, and whether the account tracks
// one. A negative balance is a credit, a positive one is owed.
func (a Account) Balance() (money.Amount, bool) { return a.f.BalanceAmount() }

// PaymentRules returns the account's payment rules and whether it has any; an account
// without rules cannot be paid against.
func (a Account) PaymentRules() (money.PaymentRules, bool) { return a.f.PaymentRulesValue() }

// Metadata returns the account's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (a Account) Metadata() (metadata.Metadata, bool) { return a.f.MetadataValue() }

// Equal reports whether a and o are the same account with the same members and values.
func (a Account) Equal(o Account) bool {
	return a.id == o.id && a.customerID == o.customerID && a.members.equal(&o.members)
}
