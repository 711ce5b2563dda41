package money

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
)

func TestNewPaymentRules(t *testing.T) {
	r, err := NewPaymentRules(1000, 500000, AllowUnderpayment)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), r.MinAmount())
	assert.Equal(t, int64(500000), r.MaxAmount())
	assert.True(t, r.UnderpaymentAllowed())
	assert.False(t, r.OverpaymentAllowed())
	assert.False(t, r.IsZero())

	for _, tt := range []struct {
		allow       Allowance
		under, over bool
	}{
		{0, false, false},
		{AllowUnderpayment, true, false},
		{AllowOverpayment, false, true},
		{AllowUnderpayment | AllowOverpayment, true, true},
		{0xff, true, true}, // other bits are ignored
	} {
		r, err := NewPaymentRules(1, MaxMinorUnits, tt.allow)
		require.NoError(t, err)
		assert.Equal(t, tt.under, r.UnderpaymentAllowed(), tt.allow)
		assert.Equal(t, tt.over, r.OverpaymentAllowed(), tt.allow)
	}
	_, err = NewPaymentRules(7, 7, 0)
	require.NoError(t, err)

	const rangeMsg = "must be between 1 and 9007199254740991 minor units"
	type failure struct{ field, pointer, message string }
	minF := failure{"payment_rules.min_amount", "/payment_rules/min_amount", rangeMsg}
	maxF := failure{"payment_rules.max_amount", "/payment_rules/max_amount", rangeMsg}
	tests := []struct {
		min, max int64
		want     []failure
	}{
		{0, 10, []failure{minF}},
		{-1, 10, []failure{minF}},
		{MaxMinorUnits + 1, MaxMinorUnits, []failure{minF}},
		{MaxMinorUnits + 1, 1, []failure{minF}}, // max is compared only with a valid min
		{10, 0, []failure{maxF}},
		{10, MaxMinorUnits + 1, []failure{maxF}},
		{10, 9, []failure{{"payment_rules.max_amount", "/payment_rules/max_amount", "must be at least min_amount (10)"}}},
		{0, 0, []failure{minF, maxF}},
		{0, -5, []failure{minF, maxF}},
	}
	for _, tt := range tests {
		r, err := NewPaymentRules(tt.min, tt.max, AllowUnderpayment|AllowOverpayment)
		assert.True(t, r.IsZero())
		var es billing.Errors
		require.ErrorAs(t, err, &es, "%d %d", tt.min, tt.max)
		got := make([]failure, len(es))
		for i, e := range es {
			assert.Equal(t, billing.CodeOutOfRange, e.Code)
			got[i] = failure{e.Field, e.Pointer, e.Message}
		}
		assert.Equal(t, tt.want, got, "%d %d", tt.min, tt.max)
		assert.ErrorIs(t, err, billing.CodeOutOfRange)
	}
}

func TestMustNewPaymentRules(t *testing.T) {
	assert.Equal(t, PaymentRules{min: 1, max: 2, over: true}, MustNewPaymentRules(1, 2, AllowOverpayment))
	assert.PanicsWithValue(t, "billing: payment_rules.max_amount: out_of_range: must be at least min_amount (2)",
		func() { MustNewPaymentRules(2, 1, 0) })
}

func TestPaymentRulesCheck(t *testing.T) {
	rules := func(under, over bool) PaymentRules {
		var allow Allowance
		if under {
			allow |= AllowUnderpayment
		}
		if over {
			allow |= AllowOverpayment
		}
		return MustNewPaymentRules(1000, 500000, allow)
	}
	z := func(m int64) Amount { return MustNewAmount(m, zar) }
	tests := []struct {
		name    string
		rules   PaymentRules
		payment Amount
		balance Amount
		want    error
	}{
		{"no rules", PaymentRules{}, z(2000), z(2000), ErrNotPayable},
		{"no rules, wrong currency", PaymentRules{}, MustNewAmount(2000, jpy), z(2000), ErrNotPayable},
		{"wrong currency", rules(true, true), MustNewAmount(2000, jpy), z(2000), ErrCurrencyMismatch},
		{"zero payment amount", rules(true, true), Amount{}, z(2000), ErrCurrencyMismatch},
		{"zero balance amount", rules(true, true), z(2000), Amount{}, ErrCurrencyMismatch},
		{"zero payment", rules(true, true), z(0), z(2000), ErrNonPositivePayment},
		{"negative payment", rules(true, true), z(-100), z(2000), ErrNonPositivePayment},
		{"below minimum", rules(true, true), z(999), z(2000), ErrBelowMinimum},
		{"at minimum", rules(true, true), z(1000), z(2000), nil},
		{"at maximum", rules(true, true), z(500000), z(2000), nil},
		{"above maximum", rules(true, true), z(500001), z(600000), ErrAboveMaximum},
		{"equal to balance", rules(false, false), z(2000), z(2000), nil},
		{"overpayment refused", rules(true, false), z(3000), z(2000), ErrOverpaymentNotAllowed},
		{"overpayment allowed", rules(false, true), z(3000), z(2000), nil},
		{"underpayment refused", rules(false, true), z(1500), z(2000), ErrUnderpaymentNotAllowed},
		{"underpayment allowed", rules(true, false), z(1500), z(2000), nil},
		{"zero balance: overpayment", rules(true, false), z(1500), z(0), ErrOverpaymentNotAllowed},
		{"credit balance: overpayment", rules(true, false), z(1500), z(-500), ErrOverpaymentNotAllowed},
		{"credit balance, overpayment allowed", rules(false, true), z(1500), z(-500), nil},
		{"bounds before balance", rules(false, false), z(999), z(999), ErrBelowMinimum},
	}
	all := []error{ErrNotPayable, ErrNonPositivePayment, ErrBelowMinimum, ErrAboveMaximum,
		ErrOverpaymentNotAllowed, ErrUnderpaymentNotAllowed, ErrCurrencyMismatch}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rules.Check(tt.payment, tt.balance)
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			for _, other := range all {
				if other != tt.want {
					assert.False(t, errors.Is(err, other), "matches only its own refusal, not %v", other)
				}
			}
		})
	}
}

func TestPaymentRulesCheckUntracked(t *testing.T) {
	r, err := NewPaymentRules(1000, 5000, 0)
	require.NoError(t, err)
	z := func(m int64) Amount { return MustNewAmount(m, zar) }
	assert.NoError(t, r.CheckUntracked(z(1000), zar))
	assert.NoError(t, r.CheckUntracked(z(5000), zar))
	assert.NoError(t, r.CheckUntracked(z(2500), zar), "no balance: neither under- nor overpayment applies")
	assert.ErrorIs(t, r.CheckUntracked(z(999), zar), ErrBelowMinimum)
	assert.ErrorIs(t, r.CheckUntracked(z(5001), zar), ErrAboveMaximum)
	assert.ErrorIs(t, r.CheckUntracked(z(-1), zar), ErrNonPositivePayment)
	assert.ErrorIs(t, r.CheckUntracked(z(2500), jpy), ErrCurrencyMismatch)
	assert.ErrorIs(t, r.CheckUntracked(z(2500), Currency{}), ErrCurrencyMismatch)
	assert.ErrorIs(t, r.CheckUntracked(Amount{}, Currency{}), ErrCurrencyMismatch)
	assert.ErrorIs(t, PaymentRules{}.CheckUntracked(z(2500), zar), ErrNotPayable)
}

func TestPaymentRulesCheckMessages(t *testing.T) {
	r, err := NewPaymentRules(1000, 5000, 0)
	require.NoError(t, err)
	z := func(m int64) Amount { return MustNewAmount(m, zar) }
	assert.EqualError(t, r.Check(z(500), z(2000)), "money: payment below the minimum: ZAR 5.00 is less than the minimum of ZAR 10.00")
	assert.EqualError(t, r.Check(z(6000), z(2000)), "money: payment above the maximum: ZAR 60.00 is more than the maximum of ZAR 50.00")
	assert.EqualError(t, r.Check(z(3000), z(2000)), "money: overpayment not allowed: ZAR 30.00 is more than the balance of ZAR 20.00")
	assert.EqualError(t, r.Check(z(1500), z(2000)), "money: underpayment not allowed: ZAR 15.00 is less than the balance of ZAR 20.00")
	assert.EqualError(t, r.Check(z(0), z(2000)), "money: payment must be positive: ZAR 0.00 is not a positive amount")
	assert.EqualError(t, PaymentRules{}.Check(z(0), z(2000)), "money: not payable: no payment rules")
	assert.EqualError(t, r.Check(MustNewAmount(2000, jpy), z(2000)), "money: currency mismatch: JPY and ZAR")
}
