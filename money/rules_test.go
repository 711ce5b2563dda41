package money

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
)

func TestNewPaymentRules(t *testing.T) {
	r, err := NewPaymentRules(1000, 500000, true, false)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), r.MinAmount())
	assert.Equal(t, int64(500000), r.MaxAmount())
	assert.True(t, r.UnderpaymentAllowed())
	assert.False(t, r.OverpaymentAllowed())
	assert.False(t, r.IsZero())

	_, err = NewPaymentRules(1, MaxMinorUnits, false, true)
	require.NoError(t, err)
	_, err = NewPaymentRules(7, 7, false, false)
	require.NoError(t, err)

	type failure struct{ field, message string }
	tests := []struct {
		min, max int64
		want     []failure
	}{
		{0, 10, []failure{{"min_amount", "must be between 1 and 9007199254740991 minor units"}}},
		{-1, 10, []failure{{"min_amount", "must be between 1 and 9007199254740991 minor units"}}},
		{MaxMinorUnits + 1, MaxMinorUnits, []failure{{"min_amount", "must be between 1 and 9007199254740991 minor units"}}},
		{10, 0, []failure{{"max_amount", "must be between 1 and 9007199254740991 minor units"}}},
		{10, MaxMinorUnits + 1, []failure{{"max_amount", "must be between 1 and 9007199254740991 minor units"}}},
		{10, 9, []failure{{"max_amount", "must be at least min_amount (10)"}}},
		{0, 0, []failure{
			{"min_amount", "must be between 1 and 9007199254740991 minor units"},
			{"max_amount", "must be between 1 and 9007199254740991 minor units"},
		}},
		{0, -5, []failure{
			{"min_amount", "must be between 1 and 9007199254740991 minor units"},
			{"max_amount", "must be between 1 and 9007199254740991 minor units"},
		}},
	}
	for _, tt := range tests {
		r, err := NewPaymentRules(tt.min, tt.max, true, true)
		assert.True(t, r.IsZero())
		var es billing.Errors
		require.ErrorAs(t, err, &es, "%d %d", tt.min, tt.max)
		require.Len(t, es, len(tt.want))
		for i, w := range tt.want {
			assert.Equal(t, w.field, es[i].Field)
			assert.Equal(t, billing.CodeOutOfRange, es[i].Code)
			assert.Equal(t, w.message, es[i].Message)
		}
		assert.ErrorIs(t, err, billing.ErrOutOfRange)
	}
}

func TestPaymentRulesCheck(t *testing.T) {
	rules := func(under, over bool) PaymentRules {
		r, err := NewPaymentRules(1000, 500000, under, over)
		require.NoError(t, err)
		return r
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
	r, err := NewPaymentRules(1000, 5000, false, false)
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
	r, err := NewPaymentRules(1000, 5000, false, false)
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
