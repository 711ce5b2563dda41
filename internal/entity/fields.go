package entity

import (
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Member names of the shared members, as the API writes them.
const (
	FieldName         = "name"
	FieldCurrency     = "currency"
	FieldBalance      = "balance"
	FieldPaymentRules = "payment_rules"
	FieldMetadata     = "metadata"
)

// MaxBalance is the largest magnitude of a balance, in minor units: 2^53−1.
const MaxBalance = strictjson.MaxSafeInt

// Rules is what differs between the entities for the shared members. A Rules is built
// once per document kind (a package-level value) and never changed.
type Rules struct {
	// Name checks a name and returns nil or the failure (a *billing.FieldError; its
	// Field is ignored, the failure is put at the member's path). Nil accepts any string.
	Name func(string) error
	// Limits bounds the metadata member.
	Limits metadata.Limits
	// PaymentRules reports whether the document defines payment_rules: entity objects
	// do, create requests do not (there it is an unknown member).
	PaymentRules bool
}

// Fields are the shared members of a valid document, as values. The zero Fields has every
// member absent. Fields read by [Members] are valid only when the document had no failure.
type Fields struct {
	Name         string             // "" when absent
	Currency     money.Currency     // the zero Currency when absent
	Balance      int64              // minor units of Currency, when HasBalance
	HasBalance   bool               // balance is present
	PaymentRules money.PaymentRules // the zero PaymentRules when absent
	Metadata     metadata.Metadata  // the entries, when HasMetadata
	HasMetadata  bool               // metadata is present, possibly as {}
}

// NameValue returns the name and whether it is present.
func (f *Fields) NameValue() (string, bool) { return f.Name, f.Name != "" }

// CurrencyValue returns the currency and whether it is present.
func (f *Fields) CurrencyValue() (money.Currency, bool) { return f.Currency, !f.Currency.IsZero() }

// BalanceAmount returns the balance as an Amount of the currency, and whether a balance
// is present. Valid Fields never hold a balance without a currency or out of range; if
// they did, BalanceAmount would report false.
func (f *Fields) BalanceAmount() (money.Amount, bool) {
	if !f.HasBalance {
		return money.Amount{}, false
	}
	a, err := money.NewAmount(f.Balance, f.Currency)
	if err != nil {
		return money.Amount{}, false
	}
	return a, true
}

// PaymentRulesValue returns the payment rules and whether they are present.
func (f *Fields) PaymentRulesValue() (money.PaymentRules, bool) {
	return f.PaymentRules, !f.PaymentRules.IsZero()
}

// MetadataValue returns the metadata and whether the member is present; present metadata
// may be empty ({}).
func (f *Fields) MetadataValue() (metadata.Metadata, bool) { return f.Metadata, f.HasMetadata }

// Equal reports whether f and g hold the same members with the same values.
func (f *Fields) Equal(g *Fields) bool {
	return f.Name == g.Name && f.Currency == g.Currency &&
		f.HasBalance == g.HasBalance && f.Balance == g.Balance &&
		f.PaymentRules == g.PaymentRules &&
		f.HasMetadata == g.HasMetadata && f.Metadata.Equal(g.Metadata)
}
