package money

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/internal/report"
)

//go:generate go run ./internal/gen -out zz_generated_currencies.go

// Currency is a currency that ISO 4217 lists as current and that has a numeric minor unit:
// one of the codes a balance may be kept in. Obtain one with [ParseCurrency]; a Currency is
// a small comparable value (use == to compare), immutable and safe for concurrent use.
//
// A Currency read from stored data by [ParseStoredCurrency] (or [Currency.Scan]) may also be
// one that ISO 4217 has withdrawn since it was stored: [Currency.Withdrawn] tells. Its minor
// unit is unknown, and what needs it refuses such a currency (see ParseStoredCurrency).
//
// The zero Currency is not a valid currency: it stands for "no currency". Its Name and String
// are "", its NumericCode 0, it has no minor unit, and IsZero reports true. It has no text,
// JSON or database form: encoding it fails with [billing.CodeRequired]. Say "no currency"
// with the container instead: a *Currency, a sql.Null[Currency], or a struct field tagged
// `json:",omitzero"`.
type Currency struct {
	idx uint16 // index into currencies: 0 for the zero Currency, past currencyCount a withdrawn code
}

// currencyInfo is one row of the generated table.
type currencyInfo struct {
	code      string
	name      string
	withdrawn string // the withdrawal date of a withdrawn code; "" for a current one
	numeric   uint16
	minor     uint8 // digits after the point; nothing for a withdrawn code
}

// currencyLoc is the place of every currency failure: the member "currency", which a
// currency usually stands for.
var currencyLoc = report.At("currency")

// ParseCurrency returns the Currency of code, an upper-case ISO 4217 alphabetic code of the
// current List One that has a numeric minor unit (such as "ZAR", "JPY", "BHD", "CLF").
//
// It fails with a one-entry [billing.Errors] at the member "currency" (pointer "/currency"):
// [billing.CodeRequired] for "", and [billing.CodeInvalidCurrency] for anything else it does
// not accept, text that is not valid UTF-8 included (a lone surrogate too, which the module's
// JSON reader hands over as its three-byte form). The message says what to send instead:
// the upper-case code when code is a valid code in lower or mixed case ("zar"), and when a
// withdrawn code ("HRK") was withdrawn. Codes without a minor unit (precious metals such as
// "XAU", units of account such as "XDR", the test code "XTS" and "XXX") are refused.
func ParseCurrency(code string) (Currency, error) {
	if len(code) == 3 {
		k := uint32(code[0])<<16 | uint32(code[1])<<8 | uint32(code[2])
		i := currencyHash[(k*currencyHashMul)>>currencyHashShift]
		if currencyKeys[i] == k {
			return Currency{idx: uint16(i)}, nil
		}
	}
	return Currency{}, currencyError(code)
}

// lookupCurrency is the plain reference for ParseCurrency: a binary search of the sorted table.
func lookupCurrency(code string) (Currency, bool) {
	i := sort.Search(currencyCount, func(i int) bool { return currencies[i+1].code >= code })
	if i < currencyCount && currencies[i+1].code == code {
		return Currency{idx: uint16(i + 1)}, true
	}
	return Currency{}, false
}

// currencyError explains why code is not an accepted currency. It is kept out of
// ParseCurrency so that the fast path stays small.
func currencyError(code string) error {
	if code == "" {
		return currencyLoc.Fail(billing.CodeRequired, `a currency is required: send an ISO 4217 code, like "ZAR"`)
	}
	if !utf8.ValidString(code) {
		return currencyLoc.Fail(billing.CodeInvalidCurrency,
			`must be a three-letter ISO 4217 code in upper case, like "ZAR" (the text is not valid UTF-8)`)
	}
	if strings.TrimSpace(code) != code {
		return currencyLoc.Fail(billing.CodeInvalidCurrency,
			`must be a three-letter ISO 4217 code without spaces, like "ZAR" (a char(n) column wider than 3 pads the code)`)
	}
	if len(code) != 3 {
		return currencyLoc.Fail(billing.CodeInvalidCurrency, `must be a three-letter ISO 4217 code in upper case, like "ZAR"`)
	}
	q := strconv.Quote(code)
	if upper, changed := asciiUpper(code); changed {
		if _, ok := lookupCurrency(upper); ok {
			return upperCaseError(upper)
		}
	}
	if w, ok := lookupWithdrawn(code); ok {
		return currencyLoc.Fail(billing.CodeInvalidCurrency,
			q+" was withdrawn from ISO 4217 (withdrawal date "+w.info().withdrawn+"); send a current code")
	}
	if isUnitless(code) {
		return currencyLoc.Fail(billing.CodeInvalidCurrency,
			q+" has no minor unit in ISO 4217 (a precious metal, fund, unit of account or test code); send a currency, like \"ZAR\"")
	}
	return currencyLoc.Fail(billing.CodeInvalidCurrency, q+` is not a current ISO 4217 currency code; send one like "ZAR"`)
}

// upperCaseError is the failure of a code sent in lower or mixed case, upper in upper case.
func upperCaseError(upper string) error {
	return currencyLoc.Fail(billing.CodeInvalidCurrency, "currency codes are upper case: send "+strconv.Quote(upper))
}

// asciiUpper returns s with ASCII lower-case letters made upper case, and whether any was.
func asciiUpper(s string) (string, bool) {
	b := []byte(s)
	changed := false
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
			changed = true
		}
	}
	return string(b), changed
}

// lookupWithdrawn returns the withdrawn Currency of code, when code is a withdrawn code that
// is not current: a binary search of the withdrawn part of the table.
func lookupWithdrawn(code string) (Currency, bool) {
	const first = 1 + currencyCount
	i := sort.Search(withdrawnCount, func(i int) bool { return currencies[first+i].code >= code })
	if i < withdrawnCount && currencies[first+i].code == code {
		return Currency{idx: uint16(first + i)}, true
	}
	return Currency{}, false
}

// isUnitless reports whether code is a current code without a minor unit.
func isUnitless(code string) bool {
	i := sort.SearchStrings(unitlessCodes[:], code)
	return i < len(unitlessCodes) && unitlessCodes[i] == code
}

// MustParseCurrency is like [ParseCurrency] but panics when code is not accepted, with
// "billing: " and the error's text. It is meant for tests and for constants written in the
// source, never for input.
func MustParseCurrency(code string) Currency {
	return must.Get(ParseCurrency(code))
}

// Currencies returns every accepted currency, in the alphabetical order of their codes.
// The slice is new on each call; the caller may change it.
func Currencies() []Currency {
	out := make([]Currency, currencyCount)
	for i := range out {
		out[i] = Currency{idx: uint16(i + 1)}
	}
	return out
}

// info returns c's row of the table; the zero Currency's row is empty.
func (c Currency) info() *currencyInfo { return &currencies[c.idx] }

// String returns the ISO 4217 alphabetic code, such as "ZAR", or "" for the zero Currency.
func (c Currency) String() string { return c.info().code }

// Name returns the currency's English name as ISO 4217 writes it, such as "Rand" for ZAR
// or "Yen" for JPY (for a withdrawn currency, the name of its latest withdrawal: "Bulgarian
// Lev" for BGN), or "" for the zero Currency.
func (c Currency) Name() string { return c.info().name }

// NumericCode returns the ISO 4217 numeric code, such as 710 for ZAR (ISO writes it with
// three digits, "710"; 8 for ALL is "008"), or 0 for the zero Currency and for the few
// withdrawn codes that ISO 4217's data gives none.
func (c Currency) NumericCode() int { return int(c.info().numeric) }

// MinorUnits returns the number of digits after the decimal point in ISO 4217's minor unit
// of the currency, and true: 2 for ZAR (2000 minor units are ZAR 20.00), 0 for JPY, 3 for
// BHD, 4 for CLF. It returns 0 and false when the minor unit is unknown: for a withdrawn
// currency, whose minor unit ISO 4217's data does not give (see [Currency.Withdrawn]), and
// for the zero Currency. Code that needs the minor unit must handle false; there is no
// number to fall back on.
func (c Currency) MinorUnits() (digits int, ok bool) {
	if c.idx-1 >= currencyCount { // the zero Currency wraps to the largest uint16
		return 0, false
	}
	return int(currencies[c.idx].minor), true
}

// IsZero reports whether c is the zero Currency, which stands for "no currency".
func (c Currency) IsZero() bool { return c.idx == 0 }
