package money

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
)

// ParseStoredCurrency returns the Currency of code as an object written earlier holds it:
// a code [ParseCurrency] accepts, or one that ISO 4217 has withdrawn since (like "BGN",
// withdrawn 2026-01 when Bulgaria adopted the euro), as the module's copy of ISO 4217's
// list of withdrawn codes has it. A stored row or object stays readable after the currency
// table moves on; the withdrawn Currency is kept, written back unchanged by every encoder
// (String gives the code as it was), and [Currency.Withdrawn] says since when. Decoding
// text or JSON stays strict: a request in a withdrawn currency is refused.
//
// ISO 4217's data gives no minor unit for a withdrawn code, so nothing that needs one
// pretends to know it: [Currency.MinorUnits] reports false, [ParseAmount] refuses the
// currency, an [Amount] in it (from [NewAmount]) is written in minor units ("BGN 2000 minor
// units"), and [PaymentRules.Check] refuses to pay against it with [ErrWithdrawnCurrency].
//
// Any other code fails as ParseCurrency fails, with a one-entry [billing.Errors] at
// "currency"; a withdrawn code in lower case ("bgn") is told to be sent in upper case.
func ParseStoredCurrency(code string) (Currency, error) {
	if c, err := ParseCurrency(code); err == nil {
		return c, nil
	}
	if c, ok := lookupWithdrawn(code); ok {
		return c, nil
	}
	if upper, changed := asciiUpper(code); changed && len(code) == 3 {
		if _, ok := lookupWithdrawn(upper); ok {
			return Currency{}, upperCaseError(upper)
		}
	}
	return Currency{}, currencyError(code)
}

// MustParseStoredCurrency is like [ParseStoredCurrency] but panics on failure, with
// "billing: " and the error's text. It is meant for tests and for values written in the
// source, never for input.
func MustParseStoredCurrency(code string) Currency { return must.Get(ParseStoredCurrency(code)) }

// Withdrawn returns the date ISO 4217 withdrew c, as its data writes it ("2026-01"; some are
// years or ranges, like "1989 to 1990"), and true when c is a withdrawn currency; "" and
// false for a current one and the zero Currency. Only [ParseStoredCurrency] (and
// [Currency.Scan], which reads a column as it does) returns a withdrawn currency.
func (c Currency) Withdrawn() (date string, ok bool) {
	date = c.info().withdrawn
	return date, date != ""
}

// isWithdrawn reports whether c is a withdrawn currency.
func (c Currency) isWithdrawn() bool { return c.idx > currencyCount }

// withdrawnError is the failure of needing the minor unit of a withdrawn currency.
func (c Currency) withdrawnError() error {
	date, _ := c.Withdrawn()
	return currencyLoc.Fail(billing.CodeInvalidCurrency, c.String()+" was withdrawn from ISO 4217 (withdrawal date "+
		date+"): its minor unit is unknown, so an amount in it is kept in minor units only")
}
