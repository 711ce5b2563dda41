package money

import (
	"errors"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/internal/report"
)

// MaxMinorUnits is the largest magnitude an [Amount] may have, in minor units: 2^53−1
// (9,007,199,254,740,991), the largest integer a JavaScript client reads exactly.
// Amounts range over ±MaxMinorUnits.
const MaxMinorUnits = 1<<53 - 1

// amountLoc is the place of an amount's own failures: the member "amount".
var amountLoc = report.At("amount")

// ErrCurrencyMismatch is returned, wrapped with the currencies involved, when two amounts
// (or a payment and an entity) are in different currencies, or one of them has no currency.
// Match it with errors.Is.
var ErrCurrencyMismatch = errors.New("money: currency mismatch")

// Amount is a sum of money: a whole number of minor units of a currency (2000 minor units of
// ZAR are ZAR 20.00; 500 of JPY are JPY 500). Its magnitude is at most [MaxMinorUnits].
// In a balance, a negative Amount means the holder has credit and a positive one that the
// holder owes (see [Amount.IsCredit] and [Amount.IsOwed]).
//
// Amounts are obtained from [NewAmount] or [ParseAmount], or from arithmetic on other
// Amounts, which fails rather than wrap. An Amount is a small comparable value, immutable
// and safe for concurrent use; == compares currency and minor units.
//
// The zero Amount is not a valid amount: it has no currency. Its Currency is the zero
// Currency, IsZero reports true, its String and Display are "", arithmetic with it fails
// with [ErrCurrencyMismatch], and encoding it fails with [billing.CodeRequired]. An Amount of
// 0 minor units in a currency is valid and not the zero Amount.
type Amount struct {
	minor int64
	cur   Currency
}

// NewAmount returns the Amount of minor units of currency c. c may be a withdrawn currency
// read from stored data ([ParseStoredCurrency]): the minor units of a stored balance are
// exact even though the currency's minor unit is unknown; such an Amount is written in
// minor units ("BGN 2000 minor units") and cannot be paid against.
//
// It fails with a one-entry [billing.Errors]: [billing.CodeRequired] at "currency" when c is
// the zero Currency (checked first: without a currency, minor units mean nothing), and
// [billing.CodeOutOfRange] at "amount" when minor is outside ±[MaxMinorUnits].
func NewAmount(minor int64, c Currency) (Amount, error) {
	// One comparison for the range: minor+MaxMinorUnits is in 0…2·MaxMinorUnits exactly when
	// minor is in range; below, it is negative, and above, it is larger or wraps to negative;
	// a negative int64 is above 2^63 as a uint64. NewAmount is inlined (TestInlining): its
	// cost is at the compiler's budget.
	if uint64(minor+MaxMinorUnits) > 2*MaxMinorUnits || c.idx == 0 {
		return Amount{}, c.amountError()
	}
	return Amount{minor, c}, nil
}

// MustNewAmount is like [NewAmount] but panics on failure, with "billing: " and the error's
// text. It is meant for tests and for constants written in the source, never for input.
func MustNewAmount(minor int64, c Currency) Amount {
	return must.Get(NewAmount(minor, c))
}

// amountError is the failure of NewAmount in currency c, kept out of it so that NewAmount
// stays small enough to inline: no currency, or else minor units out of range.
func (c Currency) amountError() error {
	if c.idx == 0 {
		return noCurrencyError()
	}
	return amountLoc.Fail(billing.CodeOutOfRange, "must be between -9007199254740991 and 9007199254740991 minor units")
}

func noCurrencyError() error {
	return currencyLoc.Fail(billing.CodeRequired, `an amount needs a currency: send an ISO 4217 code, like "ZAR"`)
}

// Minor returns the amount in minor units of its currency (2000 for ZAR 20.00).
func (a Amount) Minor() int64 { return a.minor }

// Currency returns the amount's currency; it is the zero Currency only for the zero Amount.
func (a Amount) Currency() Currency { return a.cur }

// IsZero reports whether a is the zero Amount, the one without a currency.
// For an amount of nothing in a currency (ZAR 0.00) it reports false; compare Minor with 0.
func (a Amount) IsZero() bool { return a.cur.idx == 0 }

// IsCredit reports whether a, read as a balance, means the holder has credit: a is negative.
func (a Amount) IsCredit() bool { return a.minor < 0 }

// IsOwed reports whether a, read as a balance, means the holder owes: a is positive.
func (a Amount) IsOwed() bool { return a.minor > 0 }

// Add returns a + b. It fails, wrapping [ErrCurrencyMismatch], when a and b are in different
// currencies (or either is the zero Amount), and with a one-entry [billing.Errors] of code
// [billing.CodeOutOfRange] at "amount" when the sum is outside ±[MaxMinorUnits].
// Nothing wraps around.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.cur != b.cur || a.cur.idx == 0 {
		return Amount{}, mismatchError(a.cur, b.cur)
	}
	// Both magnitudes are at most 2^53−1, so the int64 sum cannot overflow.
	s := a.minor + b.minor
	if s > MaxMinorUnits || s < -MaxMinorUnits {
		return Amount{}, rangeError(a, "+", b)
	}
	return Amount{minor: s, cur: a.cur}, nil
}

// Sub returns a − b. It fails as [Amount.Add] does.
func (a Amount) Sub(b Amount) (Amount, error) {
	if a.cur != b.cur || a.cur.idx == 0 {
		return Amount{}, mismatchError(a.cur, b.cur)
	}
	s := a.minor - b.minor
	if s > MaxMinorUnits || s < -MaxMinorUnits {
		return Amount{}, rangeError(a, "-", b)
	}
	return Amount{minor: s, cur: a.cur}, nil
}

// Neg returns −a, in the same currency. It cannot fail: the range is symmetric.
// The Neg of the zero Amount is the zero Amount.
func (a Amount) Neg() Amount { return Amount{minor: -a.minor, cur: a.cur} }

// Cmp compares a and b: -1 if a < b, 0 if a == b, +1 if a > b. It fails, wrapping
// [ErrCurrencyMismatch], when they are in different currencies (or either is the zero Amount):
// amounts in different currencies have no order.
func (a Amount) Cmp(b Amount) (int, error) {
	if a.cur != b.cur || a.cur.idx == 0 {
		return 0, mismatchError(a.cur, b.cur)
	}
	switch {
	case a.minor < b.minor:
		return -1, nil
	case a.minor > b.minor:
		return 1, nil
	}
	return 0, nil
}

// mismatchError says which currencies did not match.
func mismatchError(a, b Currency) error {
	return &mismatch{a: a, b: b}
}

type mismatch struct{ a, b Currency }

func (e *mismatch) Error() string {
	if e.a.idx == 0 || e.b.idx == 0 {
		return ErrCurrencyMismatch.Error() + ": an amount without a currency"
	}
	return ErrCurrencyMismatch.Error() + ": " + e.a.String() + " and " + e.b.String()
}

func (e *mismatch) Unwrap() error { return ErrCurrencyMismatch }

// rangeError reports an arithmetic result outside the range.
func rangeError(a Amount, op string, b Amount) error {
	return amountLoc.Fail(billing.CodeOutOfRange,
		a.String()+" "+op+" "+b.number()+" is outside ±"+strconv.FormatInt(MaxMinorUnits, 10)+" minor units")
}
