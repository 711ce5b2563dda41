package entity

import (
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Values are the members of one customer or account document, valid on their own and
// together. Which of them a document holds depends on its [Doc]; the others stay zero.
// The zero value of each member is its absence, but for balance and metadata, whose
// presence is kept beside them ({} is present metadata).
type Values struct {
	AccountID  ids.AccountID         // account object: id
	CustomerID ids.CustomerID        // customer object: id; account object: customer_id
	Customer   CustomerRef           // account create request: customer
	Ref        ids.ExternalReference // external_reference
	Name       contact.Name
	Email      contact.Email
	Phone      contact.Phone
	Balance    int64 // minor units of Currency, when HasBalance
	Rules      money.PaymentRules
	Metadata   metadata.Metadata // when HasMeta
	Currency   money.Currency    // the small fields last, together: 240 bytes rather than 256
	HasBalance bool
	HasMeta    bool
}

// RefKind says which of its three forms a [CustomerRef] takes; RefNone is the zero one.
type RefKind uint8

// The forms of a customer member.
const (
	RefNone RefKind = iota
	RefCustomerID
	RefExternalReference
	RefNewCustomer
)

// CustomerRef is the customer member of an account create request: an existing
// customer's ID, its external reference, or a new customer's create request.
type CustomerRef struct {
	Kind RefKind
	ID   ids.CustomerID
	Ref  ids.ExternalReference
	New  *Values // RefNewCustomer: the customer create request; never changed once read
}

// Equal reports whether r and o name the same customer in the same form.
func (r CustomerRef) Equal(o CustomerRef) bool {
	if r.Kind != o.Kind || r.ID != o.ID || r.Ref != o.Ref {
		return false
	}
	if r.New == nil || o.New == nil {
		return r.New == o.New
	}
	return r.New.Equal(o.New)
}

// Equal reports whether v and o hold the same members with the same values (metadata {}
// differs from absent metadata).
func (v *Values) Equal(o *Values) bool {
	return v.AccountID == o.AccountID && v.CustomerID == o.CustomerID && v.Customer.Equal(o.Customer) &&
		v.Ref == o.Ref && v.Name == o.Name && v.Email == o.Email && v.Phone == o.Phone &&
		v.Currency == o.Currency && v.HasBalance == o.HasBalance && v.Balance == o.Balance &&
		v.Rules == o.Rules && v.HasMeta == o.HasMeta && v.Metadata.Equal(o.Metadata)
}

// BalanceAmount returns the balance as an Amount of the currency, and whether a balance
// is present.
func (v *Values) BalanceAmount() (money.Amount, bool) {
	if !v.HasBalance {
		return money.Amount{}, false
	}
	a, err := money.NewAmount(v.Balance, v.Currency)
	return a, err == nil
}

// Equal reports whether u and o make the same changes.
func (u *Update) Equal(o *Update) bool {
	return u.Set.Equal(&o.Set) && u.Removed == o.Removed && u.MetaGiven == o.MetaGiven && u.Meta.Equal(o.Meta)
}

// IsZero reports whether v is the zero value of the document d, which is not a document:
// an object without its id, a create request without its external reference. No update
// is: the zero update changes nothing.
func IsZero(d Doc, v *Values) bool {
	switch {
	case d&CustomerObject != 0:
		return v.CustomerID.IsZero()
	case d&AccountObject != 0:
		return v.AccountID.IsZero()
	case d&updates != 0:
		return false
	default:
		return v.Ref.IsZero()
	}
}

// typeName returns the name of the Go type that holds the object d, as messages name it.
func typeName(d Doc) string {
	if d&customerDocs != 0 {
		return "Customer"
	}
	return "Account"
}
