package money

import (
	"errors"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/must"
	"github.com/tallykit/billing/internal/report"
)

// The refusals of [PaymentRules.Check] and [PaymentRules.CheckUntracked], one per rule.
// Each is returned wrapped with the amounts involved; match it with errors.Is. A payment in
// the wrong currency is refused with [ErrCurrencyMismatch]. They are not field failures:
// the payment was well formed, the rules do not accept it.
var (
	// ErrNotPayable: the entity has no payment rules, so it cannot be paid against.
	ErrNotPayable = errors.New("money: not payable: no payment rules")
	// ErrWithdrawnCurrency: the entity's currency is withdrawn from ISO 4217 (a stored
	// entity's, read by ParseStoredCurrency), so nothing is paid in it any more.
	ErrWithdrawnCurrency = errors.New("money: not payable: the currency is withdrawn")
	// ErrNonPositivePayment: the payment is zero or negative.
	ErrNonPositivePayment = errors.New("money: payment must be positive")
	// ErrBelowMinimum: the payment is less than the rules' minimum.
	ErrBelowMinimum = errors.New("money: payment below the minimum")
	// ErrAboveMaximum: the payment is more than the rules' maximum.
	ErrAboveMaximum = errors.New("money: payment above the maximum")
	// ErrOverpaymentNotAllowed: the payment is more than the balance (every payment is,
	// when the balance is zero or a credit) and the rules do not allow overpayment.
	ErrOverpaymentNotAllowed = errors.New("money: overpayment not allowed")
	// ErrUnderpaymentNotAllowed: the payment is less than the balance and the rules do not
	// allow underpayment.
	ErrUnderpaymentNotAllowed = errors.New("money: underpayment not allowed")
)

// PaymentRules says which payments an entity (a customer or an account) accepts: a payment
// between MinAmount and MaxAmount minor units of the entity's currency (both inclusive), and
// whether a payment may be less or more than the entity's balance when it tracks one.
// Obtain one with [NewPaymentRules] or [DecodePaymentRules]. A PaymentRules is a small
// comparable value, immutable and safe for concurrent use.
//
// The amounts are minor units of the entity's currency, which the rules themselves do not
// carry (the API sends the currency beside them); Check is given it.
//
// The zero PaymentRules stands for "no rules": valid rules always have MinAmount ≥ 1, so it
// cannot be confused with any of them. An entity without rules cannot be paid against:
// Check on the zero PaymentRules always fails with [ErrNotPayable]. The zero PaymentRules
// has no JSON or database form: encoding it fails with [billing.CodeRequired]. Say "no
// rules" with the container instead: a *PaymentRules, a sql.Null[PaymentRules], or a
// struct field tagged `json:",omitzero"`.
type PaymentRules struct {
	min, max    int64
	under, over bool
}

// Allowance says which payments that differ from a tracked balance a [PaymentRules]
// accepts: a set of the flags [AllowUnderpayment] and [AllowOverpayment], combined with |.
// The zero Allowance allows neither.
type Allowance uint8

// The flags of an [Allowance].
const (
	// AllowUnderpayment allows a payment less than the balance.
	AllowUnderpayment Allowance = 1 << iota
	// AllowOverpayment allows a payment more than the balance.
	AllowOverpayment
)

// The places of the rules' failures: the member "payment_rules", which rules usually stand
// for, and its members, in the order of the API (and of the failures of absent members).
var (
	rulesLoc    = report.At("payment_rules")
	ruleMembers = [...]report.Loc{
		rulesLoc.Member("min_amount"), rulesLoc.Member("max_amount"),
		rulesLoc.Member("underpayment_allowed"), rulesLoc.Member("overpayment_allowed"),
	}
	minLoc, maxLoc = ruleMembers[0], ruleMembers[1]
)

const (
	amountRangeMessage = "must be between 1 and 9007199254740991 minor units"
	amountRequired     = "is required: send an integer of minor units from 1 to 9007199254740991"
	flagRequired       = "is required: send true or false"
)

// NewPaymentRules returns the rules accepting payments from minAmount to maxAmount minor
// units (both inclusive), with allow saying whether a payment may be below or above a
// tracked balance:
//
//	r, err := money.NewPaymentRules(1000, 500000, money.AllowUnderpayment)
//
// It requires 1 ≤ minAmount ≤ maxAmount ≤ [MaxMinorUnits]. Otherwise it fails with a
// [billing.Errors] holding every failure, each of code [billing.CodeOutOfRange]: at
// "payment_rules.min_amount" when minAmount is outside 1…MaxMinorUnits, at
// "payment_rules.max_amount" when maxAmount is, or when both are in range and
// maxAmount < minAmount. Flags other than those of [Allowance] are ignored.
func NewPaymentRules(minAmount, maxAmount int64, allow Allowance) (PaymentRules, error) {
	minOK := 1 <= minAmount && minAmount <= MaxMinorUnits
	maxOK := 1 <= maxAmount && maxAmount <= MaxMinorUnits
	if !minOK || !maxOK || maxAmount < minAmount {
		return PaymentRules{}, boundsError(minAmount, minOK, maxOK)
	}
	return PaymentRules{
		min: minAmount, max: maxAmount,
		under: allow&AllowUnderpayment != 0, over: allow&AllowOverpayment != 0,
	}, nil
}

// boundsError returns the failures of bounds that NewPaymentRules refuses.
func boundsError(minAmount int64, minOK, maxOK bool) error {
	var l report.List
	if !minOK {
		l.Add(minLoc, billing.CodeOutOfRange, amountRangeMessage)
	}
	switch {
	case !maxOK:
		l.Add(maxLoc, billing.CodeOutOfRange, amountRangeMessage)
	case minOK:
		l.Add(maxLoc, billing.CodeOutOfRange, belowMinMessage(minAmount))
	}
	return l.Err()
}

// belowMinMessage is the failure of a max_amount below a valid min_amount.
func belowMinMessage(minAmount int64) string {
	return "must be at least min_amount (" + strconv.FormatInt(minAmount, 10) + ")"
}

// MustNewPaymentRules is like [NewPaymentRules] but panics on failure, with "billing: " and
// the error's text. It is meant for tests and for rules written in the source, never for
// input.
func MustNewPaymentRules(minAmount, maxAmount int64, allow Allowance) PaymentRules {
	return must.Get(NewPaymentRules(minAmount, maxAmount, allow))
}

// MinAmount returns the smallest payment accepted, in minor units (0 for the zero PaymentRules).
func (r PaymentRules) MinAmount() int64 { return r.min }

// MaxAmount returns the largest payment accepted, in minor units (0 for the zero PaymentRules).
func (r PaymentRules) MaxAmount() int64 { return r.max }

// UnderpaymentAllowed reports whether a payment may be less than a tracked balance.
func (r PaymentRules) UnderpaymentAllowed() bool { return r.under }

// OverpaymentAllowed reports whether a payment may be more than a tracked balance.
func (r PaymentRules) OverpaymentAllowed() bool { return r.over }

// IsZero reports whether r is the zero PaymentRules: no rules, nothing payable.
func (r PaymentRules) IsZero() bool { return r.min == 0 }

// Check reports whether payment may be applied to an entity that tracks its balance, balance
// (in the entity's currency, which is balance's). It returns nil when it may, or the first
// refusal, in this order, wrapping:
//   - [ErrNotPayable] when r is the zero PaymentRules (no rules);
//   - [ErrCurrencyMismatch] when payment is not in balance's currency (or either is the zero Amount);
//   - [ErrWithdrawnCurrency] when that currency is withdrawn from ISO 4217 (a stored entity's,
//     read by [ParseStoredCurrency]): nothing is paid in it any more;
//   - [ErrNonPositivePayment] when payment ≤ 0;
//   - [ErrBelowMinimum] or [ErrAboveMaximum] when payment is outside MinAmount…MaxAmount;
//   - [ErrOverpaymentNotAllowed] when payment > balance and overpayment is not allowed: a balance
//     ≤ 0 (nothing owed, or a credit) makes every payment an overpayment;
//   - [ErrUnderpaymentNotAllowed] when payment < balance and underpayment is not allowed.
//
// A payment equal to the balance needs neither permission.
func (r PaymentRules) Check(payment, balance Amount) error {
	if err := r.checkBounds(payment, balance.cur); err != nil {
		return err
	}
	switch {
	case payment.minor > balance.minor && !r.over:
		return &refusal{ErrOverpaymentNotAllowed, payment.String() + " is more than the balance of " + balance.String()}
	case payment.minor < balance.minor && !r.under:
		return &refusal{ErrUnderpaymentNotAllowed, payment.String() + " is less than the balance of " + balance.String()}
	}
	return nil
}

// CheckUntracked reports whether payment may be applied to an entity in currency c that does
// not track a balance: only the bounds apply. It refuses as [PaymentRules.Check] does, up to
// and including [ErrBelowMinimum] and [ErrAboveMaximum] (the currency mismatch is against c).
func (r PaymentRules) CheckUntracked(payment Amount, c Currency) error {
	return r.checkBounds(payment, c)
}

func (r PaymentRules) checkBounds(payment Amount, c Currency) error {
	switch {
	case r.min == 0:
		return ErrNotPayable
	case payment.cur != c || c.idx-1 >= currencyCount: // the zero Currency wraps past the table
		return currencyRefusal(payment.cur, c)
	case payment.minor <= 0:
		return &refusal{ErrNonPositivePayment, payment.String() + " is not a positive amount"}
	case payment.minor < r.min:
		return &refusal{ErrBelowMinimum, payment.String() + " is less than the minimum of " + Amount{minor: r.min, cur: c}.String()}
	case payment.minor > r.max:
		return &refusal{ErrAboveMaximum, payment.String() + " is more than the maximum of " + Amount{minor: r.max, cur: c}.String()}
	}
	return nil
}

// currencyRefusal says why a payment in currency p is refused against an entity in c: p is
// not c, or either is the zero Currency; or else c is withdrawn.
func currencyRefusal(p, c Currency) error {
	if p != c || c.idx == 0 {
		return mismatchError(p, c)
	}
	return &refusal{ErrWithdrawnCurrency, c.String() + " is withdrawn from ISO 4217: nothing is paid in it any more"}
}

// refusal is a refused payment: one of the sentinels, with the amounts involved.
type refusal struct {
	reason error
	detail string
}

func (e *refusal) Error() string { return e.reason.Error() + ": " + e.detail }
func (e *refusal) Unwrap() error { return e.reason }
