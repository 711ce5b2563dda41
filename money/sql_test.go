package money

import (
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testkit"
)

var (
	_ sql.Scanner   = (*Currency)(nil)
	_ driver.Valuer = Currency{}
	_ driver.Valuer = Amount{}
	_ sql.Scanner   = (*PaymentRules)(nil)
	_ driver.Valuer = PaymentRules{}
)

func TestCurrencySQL(t *testing.T) {
	v, err := zar.Value()
	require.NoError(t, err)
	assert.Equal(t, "ZAR", v)
	v, err = Currency{}.Value()
	assert.Nil(t, v)
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(err))

	var c Currency
	require.NoError(t, c.Scan("JPY"))
	assert.Equal(t, jpy, c)
	require.NoError(t, c.Scan([]byte("BHD")))
	assert.Equal(t, bhd, c)
	for _, tt := range []struct {
		src  any
		want billing.Code
	}{
		{"XTS", billing.CodeInvalidCurrency},
		{[]byte("hrk"), billing.CodeInvalidCurrency},
		{"Z\xffR", billing.CodeInvalidCurrency},
		{"", billing.CodeRequired},
		{int64(710), billing.CodeInvalidType},
		{nil, billing.CodeRequired},
	} {
		err := c.Scan(tt.src)
		assert.Equal(t, []testkit.Failure{testkit.At("currency", tt.want)}, testkit.Failures(err), "%#v", tt.src)
		assert.Equal(t, bhd, c, "unchanged on failure")
	}
	assert.Contains(t, c.Scan(nil).Error(), "sql.Null[money.Currency]")
	assert.Contains(t, c.Scan(int64(710)).Error(), "int64")
}

func TestCurrencySQLNull(t *testing.T) {
	// NULL is said by the container: sql.Null and a pointer read it and write it.
	var n sql.Null[Currency]
	require.NoError(t, n.Scan(nil))
	assert.False(t, n.Valid)
	v, err := n.Value()
	require.NoError(t, err)
	assert.Nil(t, v)
	require.NoError(t, n.Scan("ZAR"))
	assert.Equal(t, sql.Null[Currency]{V: zar, Valid: true}, n)
	v, err = n.Value()
	require.NoError(t, err)
	assert.Equal(t, "ZAR", v)

	v, err = driver.DefaultParameterConverter.ConvertValue((*Currency)(nil))
	require.NoError(t, err)
	assert.Nil(t, v)
}

func TestAmountValue(t *testing.T) {
	for _, a := range []Amount{MustNewAmount(2000, zar), {}} {
		v, err := a.Value()
		assert.Nil(t, v)
		require.ErrorIs(t, err, errAmountValue)
		assert.Contains(t, err.Error(), "Minor()")
		assert.Contains(t, err.Error(), "Currency()")
		_, err = driver.DefaultParameterConverter.ConvertValue(a)
		assert.Error(t, err, "a driver never stores an Amount's String")
	}
}

func TestPaymentRulesSQL(t *testing.T) {
	r := MustNewPaymentRules(1000, 500000, AllowUnderpayment)
	v, err := r.Value()
	require.NoError(t, err)
	assert.Equal(t, `{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`, v)
	v, err = PaymentRules{}.Value()
	assert.Nil(t, v)
	assert.Equal(t, testkit.Pairs("payment_rules", "required"), testkit.Failures(err))

	var got PaymentRules
	require.NoError(t, got.Scan(`{"min_amount":1,"max_amount":2,"underpayment_allowed":false,"overpayment_allowed":true}`))
	assert.Equal(t, MustNewPaymentRules(1, 2, AllowOverpayment), got)
	require.NoError(t, got.Scan([]byte(`{"overpayment_allowed":false,"underpayment_allowed":true,"max_amount":500000,"min_amount":1000}`)))
	assert.Equal(t, r, got)
	for _, tt := range []struct {
		src  any
		want []testkit.Failure
	}{
		{nil, testkit.Pairs("payment_rules", "required")},
		{"null", testkit.Pairs("payment_rules", "required")},
		{int64(1), testkit.Pairs("payment_rules", "invalid_type")},
		{"[]", testkit.Pairs("payment_rules", "invalid_type")},
		{"{", testkit.Pairs("payment_rules", "invalid_json")},
		{[]byte(`{"min_amount":5,"max_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`),
			testkit.Pairs("payment_rules.max_amount", "out_of_range")},
	} {
		err := got.Scan(tt.src)
		assert.Equal(t, tt.want, testkit.Failures(err), "%#v", tt.src)
		assert.Equal(t, r, got, "unchanged on failure")
	}
	assert.Contains(t, got.Scan(nil).Error(), "sql.Null[money.PaymentRules]")

	var n sql.Null[PaymentRules]
	require.NoError(t, n.Scan(nil))
	assert.False(t, n.Valid)
	rv, err := r.Value()
	require.NoError(t, err)
	require.NoError(t, n.Scan(rv))
	assert.Equal(t, sql.Null[PaymentRules]{V: r, Valid: true}, n)
}
