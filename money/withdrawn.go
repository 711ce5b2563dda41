package money

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
)

// ParseStoredCurrency returns the Currency of code as an object written earlier holds it:
// a code [ParseCurrency] accepts, or one that ISO 4217 has withdrawn since (like "BGN",
// withdrawn 2026-01 when Bulgaria adopted the euro). A stored row or object stays
// readable after the currency table moves on; the withdrawn Currency is kept and written
// back unchanged, and [Currency.Withdrawn] says since when. Any other code fails as
// ParseCurrency fails.
//
// Its minor unit is not in ISO 4217's data for withdrawn codes, so nothing that needs it
// pretends to know it: [Currency.MinorUnits] is -1, [ParseAmount] refuses it, an Amount in
// it is written in minor units, and [PaymentRules.Check] refuses to pay against it.
func ParseStoredCurrency(code string) (Currency, error) {
	if c, err := ParseCurrency(code); err == nil {
		return c, nil
	}
	if j, ok := withdrawnIndex(code); ok {
		return Currency{idx: uint16(currencyCount + 1 + j)}, nil
	}
	return Currency{}, currencyError(code)
}

// MustParseStoredCurrency is like [ParseStoredCurrency] but panics on failure. It is meant
// for tests and values written in the source.
func MustParseStoredCurrency(code string) Currency { return must.Get(ParseStoredCurrency(code)) }

// Withdrawn returns the date ISO 4217 withdrew c, as its data writes it ("2026-01"; some
// are ranges), and true when c is a withdrawn currency; "" and false otherwise. Only
// [ParseStoredCurrency] (and Scan, which reads a column as it does) returns one.
func (c Currency) Withdrawn() (date string, ok bool) {
	if !c.isWithdrawn() {
		return "", false
	}
	return withdrawnCodes[int(c.idx)-currencyCount-1].date, true
}

func (c Currency) isWithdrawn() bool { return int(c.idx) > currencyCount }

// withdrawnIndex returns the position of code in withdrawnCodes.
func withdrawnIndex(code string) (int, bool) {
	for j := range withdrawnCodes {
		if withdrawnCodes[j].code == code {
			return j, true
		}
	}
	return 0, false
}

// withdrawnInfos are the table rows of the withdrawn codes: the code alone, no name,
// numeric code or minor unit.
var withdrawnInfos = func() (rows [len(withdrawnCodes)]currencyInfo) {
	for j, w := range withdrawnCodes {
		rows[j] = currencyInfo{code: w.code}
	}
	return rows
}()

// withdrawnError is the failure of needing the minor unit of a withdrawn currency.
func (c Currency) withdrawnError() error {
	date, _ := c.Withdrawn()
	return currencyLoc.Fail(billing.CodeInvalidCurrency, c.String()+" was withdrawn from ISO 4217 (withdrawal date "+
		date+"): its minor unit is unknown, so an amount in it is kept in minor units only")
}
