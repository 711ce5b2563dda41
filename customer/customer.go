package customer

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Customer is a valid customer object, as the billing API returns it: an ID, an external
// reference, the optional name, email, phone, currency, balance and metadata of its
// create request, and optional payment rules. Obtain one with [New] from an ID and a
// request (then [Customer.WithPaymentRules]), or with [Decode] (or UnmarshalJSON) from
// JSON.
//
// The zero Customer is not a valid customer: it has no ID, and MarshalJSON refuses it. A
// Customer is immutable and safe for concurrent use: WithPaymentRules returns a new one.
type Customer struct {
	v entity.Values
}

// New returns the customer with the given ID created by req. Mint a new ID with
// ids.NewCustomerID. It fails with a billing.Errors when id is the zero CustomerID
// (required at "id") or req is the zero CreateRequest (required at "external_reference").
func New(id ids.CustomerID, req CreateRequest) (Customer, error) {
	var l report.List
	if id.IsZero() {
		l.Add(report.At("id"), billing.CodeRequired, "must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4 (see ids.NewCustomerID)")
	}
	if req.IsZero() {
		l.Add(report.At("external_reference"), billing.CodeRequired, "must be given: the request has no external reference (the zero CreateRequest)")
	}
	if err := l.Err(); err != nil {
		return Customer{}, err
	}
	v := req.v
	v.CustomerID = id
	return Customer{v: v}, nil
}

// WithPaymentRules returns a copy of c with the payment rules r, which say which payments
// the customer accepts. Payment rules need a currency: when c has none, it fails with
// required at "currency" (a billing.Errors). The zero PaymentRules removes the rules (the
// customer can then not be paid against), with or without a currency.
func (c Customer) WithPaymentRules(r money.PaymentRules) (Customer, error) {
	if c.IsZero() {
		return Customer{}, entity.ZeroError("id", "must be given: payment rules cannot be set on the zero Customer")
	}
	if !r.IsZero() && c.v.Currency.IsZero() {
		return Customer{}, entity.ZeroError("currency", `is required with payment rules: create the customer with a currency, like "ZAR"`)
	}
	c.v.Rules = r
	return c, nil
}

// WithoutPaymentRules returns a copy of c without payment rules: the customer can then
// not be paid against, and its currency can change (see [Customer.Apply]).
func (c Customer) WithoutPaymentRules() Customer {
	c.v.Rules = money.PaymentRules{}
	return c
}

// IsZero reports whether c is the zero Customer, which is not a valid customer.
func (c Customer) IsZero() bool { return c.v.CustomerID.IsZero() }

// ID returns the customer's ID.
func (c Customer) ID() ids.CustomerID { return c.v.CustomerID }

// ExternalReference returns the caller's own reference for the customer; see
// [CreateRequest.ExternalReference] about its uniqueness.
func (c Customer) ExternalReference() ids.ExternalReference { return c.v.Ref }

// Name returns the customer's name and whether it has one.
func (c Customer) Name() (contact.Name, bool) { return c.v.Name, !c.v.Name.IsZero() }

// Email returns the customer's email address and whether it has one. The Email prints
// masked; contact.Email.Address returns the address.
func (c Customer) Email() (contact.Email, bool) { return c.v.Email, !c.v.Email.IsZero() }

// Phone returns the customer's phone number and whether it has one. The Phone prints
// masked; contact.Phone.E164 returns the number.
func (c Customer) Phone() (contact.Phone, bool) { return c.v.Phone, !c.v.Phone.IsZero() }

// Currency returns the currency of the customer's balance and payment rules, and whether
// it has one.
func (c Customer) Currency() (money.Currency, bool) { return c.v.Currency, !c.v.Currency.IsZero() }

// Balance returns the customer's balance, in its currency, and whether the customer tracks
// one. A negative balance is a credit, a positive one is owed.
func (c Customer) Balance() (money.Amount, bool) { return c.v.BalanceAmount() }

// PaymentRules returns the customer's payment rules and whether it has any; a customer
// without rules cannot be paid against.
func (c Customer) PaymentRules() (money.PaymentRules, bool) { return c.v.Rules, !c.v.Rules.IsZero() }

// Metadata returns the customer's metadata and whether the member is present; metadata
// given as {} is present and empty.
func (c Customer) Metadata() (metadata.Metadata, bool) { return c.v.Metadata, c.v.HasMeta }

// Equal reports whether c and o are the same customer with the same members and values.
func (c Customer) Equal(o Customer) bool { return c.v.Equal(&o.v) }
