package money

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
)

func TestCurrencyText(t *testing.T) {
	b, err := zar.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "ZAR", string(b))
	b, err = jpy.AppendText([]byte("x:"))
	require.NoError(t, err)
	assert.Equal(t, "x:JPY", string(b))
	b, err = Currency{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)

	var c Currency
	require.NoError(t, c.UnmarshalText([]byte("BHD")))
	assert.Equal(t, bhd, c)
	err = c.UnmarshalText([]byte("bhd"))
	assert.ErrorIs(t, err, billing.ErrInvalidCurrency)
	assert.Equal(t, bhd, c, "unchanged on failure")
	assert.ErrorIs(t, c.UnmarshalText(nil), billing.ErrRequired)
	assert.ErrorIs(t, c.UnmarshalText([]byte("\xff\xfe\xfd")), billing.ErrInvalidFormat)
}

func TestCurrencyJSON(t *testing.T) {
	type doc struct {
		Currency Currency  `json:"currency"`
		Ptr      *Currency `json:"ptr,omitempty"`
		Opt      Currency  `json:"opt,omitzero"`
	}
	b, err := json.Marshal(doc{Currency: zar})
	require.NoError(t, err)
	assert.JSONEq(t, `{"currency":"ZAR"}`, string(b))
	b, err = json.Marshal(doc{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"currency":null}`, string(b))

	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"currency":"JPY","ptr":"CLF","opt":"EUR"}`), &d))
	assert.Equal(t, jpy, d.Currency)
	assert.Equal(t, clf, *d.Ptr)
	assert.Equal(t, eur, d.Opt)

	d = doc{Currency: zar}
	require.NoError(t, json.Unmarshal([]byte(`{"currency":null}`), &d))
	assert.Equal(t, zar, d.Currency, "null leaves it unchanged")

	for in, code := range map[string]billing.Code{
		`{"currency":"zar"}`:           billing.CodeInvalidCurrency,
		`{"currency":"XAU"}`:           billing.CodeInvalidCurrency,
		`{"currency":""}`:              billing.CodeRequired,
		`{"currency":710}`:             billing.CodeInvalidType,
		`{"currency":true}`:            billing.CodeInvalidType,
		`{"currency":["ZAR"]}`:         billing.CodeInvalidType,
		`{"currency":"\u005aAR"}`:      "", // an escape is still ZAR
		"{\"currency\":\"Z\xffR\"}":    billing.CodeInvalidFormat,
		`{"currency":"\ud800AR"}`:      billing.CodeInvalidFormat,
		`{"currency":"\uFFFDAR"}`:      billing.CodeInvalidCurrency,
		"{\"currency\":\"\uFFFDAR\"}":  billing.CodeInvalidCurrency,
		`{"currency":"\ud83d\ude00A"}`: billing.CodeInvalidCurrency,
	} {
		var d doc
		err := json.Unmarshal([]byte(in), &d)
		if code == "" {
			assert.NoError(t, err, in)
			continue
		}
		assert.ErrorIs(t, err, code, in)
	}
}

func TestAmountJSON(t *testing.T) {
	b, err := json.Marshal(MustNewAmount(2000, zar))
	require.NoError(t, err)
	assert.Equal(t, `{"amount":2000,"currency":"ZAR"}`, string(b))
	b, err = json.Marshal(MustNewAmount(-MaxMinorUnits, jpy))
	require.NoError(t, err)
	assert.Equal(t, `{"amount":-9007199254740991,"currency":"JPY"}`, string(b))
	b, err = json.Marshal(Amount{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))

	var a Amount
	require.NoError(t, json.Unmarshal([]byte(` {"currency":"BHD", "amount": 1250} `), &a))
	assert.Equal(t, MustNewAmount(1250, bhd), a)
	require.NoError(t, json.Unmarshal([]byte(`{"amount":-0,"currency":"ZAR"}`), &a))
	assert.Equal(t, MustNewAmount(0, zar), a)
	require.NoError(t, json.Unmarshal([]byte(`null`), &a))
	assert.Equal(t, MustNewAmount(0, zar), a, "null leaves it unchanged")

	type failure struct {
		field string
		code  billing.Code
	}
	tests := []struct {
		in   string
		want []failure
	}{
		{`{"amount":2000}`, []failure{{"currency", billing.CodeRequired}}},
		{`{"currency":"ZAR"}`, []failure{{"amount", billing.CodeRequired}}},
		{`{}`, []failure{{"amount", billing.CodeRequired}, {"currency", billing.CodeRequired}}},
		{`{"amount":null,"currency":null}`, []failure{{"amount", billing.CodeRequired}, {"currency", billing.CodeRequired}}},
		{`{"amount":2000.0,"currency":"ZAR"}`, []failure{{"amount", billing.CodeInvalidType}}},
		{`{"amount":2e3,"currency":"ZAR"}`, []failure{{"amount", billing.CodeInvalidType}}},
		{`{"amount":"2000","currency":"ZAR"}`, []failure{{"amount", billing.CodeInvalidType}}},
		{`{"amount":9007199254740992,"currency":"ZAR"}`, []failure{{"amount", billing.CodeOutOfRange}}},
		{`{"amount":-99999999999999999999999,"currency":"ZAR"}`, []failure{{"amount", billing.CodeOutOfRange}}},
		{`{"amount":1,"currency":"zar"}`, []failure{{"currency", billing.CodeInvalidCurrency}}},
		{`{"amount":1,"currency":1}`, []failure{{"currency", billing.CodeInvalidType}}},
		{`{"amount":1,"currency":{}}`, []failure{{"currency", billing.CodeInvalidType}}},
		{`{"amount":1,"currency":"ZAR","x":[1,{"y":2}]}`, []failure{{"x", billing.CodeUnknownField}}},
		{`{"amount":1,"amount":2,"currency":"ZAR"}`, []failure{{"amount", billing.CodeDuplicateField}}},
		{`{"amount":1.5,"amount":2,"currency":"ZAR"}`, []failure{{"amount", billing.CodeDuplicateField}}},
		{`[1]`, []failure{{"", billing.CodeInvalidType}}},
		{`"ZAR 20.00"`, []failure{{"", billing.CodeInvalidType}}},
	}
	for _, tt := range tests {
		a := MustNewAmount(7, zar)
		err := a.UnmarshalJSON([]byte(tt.in))
		var es billing.Errors
		require.ErrorAs(t, err, &es, tt.in)
		got := make([]failure, len(es))
		for i, e := range es {
			got[i] = failure{e.Field, e.Code}
		}
		assert.Equal(t, tt.want, got, tt.in)
		assert.Equal(t, MustNewAmount(7, zar), a, "unchanged on failure")
	}
	for _, in := range []string{``, `{`, `{"amount":1,}`, `{"amount":1,"currency":"ZAR"} {}`, `{"amount":01,"currency":"ZAR"}`, `nul`, `null x`} {
		var a Amount
		err := a.UnmarshalJSON([]byte(in))
		assert.ErrorIs(t, err, billing.ErrInvalidJSON, in)
		assert.Len(t, billing.AsErrors(err), 1, in)
	}
}

func TestPaymentRulesJSON(t *testing.T) {
	r, err := NewPaymentRules(1000, 500000, true, false)
	require.NoError(t, err)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`, string(b))
	b, err = json.Marshal(PaymentRules{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))

	var got PaymentRules
	require.NoError(t, json.Unmarshal(b, &got))
	assert.True(t, got.IsZero())
	require.NoError(t, json.Unmarshal([]byte(`{"overpayment_allowed":false,"underpayment_allowed":true,"max_amount":500000,"min_amount":1000}`), &got))
	assert.Equal(t, r, got)

	type failure struct {
		field string
		code  billing.Code
	}
	tests := []struct {
		in   string
		want []failure
	}{
		{`{}`, []failure{{"min_amount", billing.CodeRequired}, {"max_amount", billing.CodeRequired}, {"underpayment_allowed", billing.CodeRequired}, {"overpayment_allowed", billing.CodeRequired}}},
		{`{"min_amount":0,"max_amount":10,"underpayment_allowed":true,"overpayment_allowed":true}`, []failure{{"min_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":10,"max_amount":9,"underpayment_allowed":true,"overpayment_allowed":true}`, []failure{{"max_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":10,"max_amount":9007199254740992,"underpayment_allowed":true,"overpayment_allowed":true}`, []failure{{"max_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":1.0,"max_amount":1e1,"underpayment_allowed":"yes","overpayment_allowed":null}`, []failure{{"min_amount", billing.CodeInvalidType}, {"max_amount", billing.CodeInvalidType}, {"underpayment_allowed", billing.CodeInvalidType}, {"overpayment_allowed", billing.CodeRequired}}},
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":true,"currency":"ZAR"}`, []failure{{"currency", billing.CodeUnknownField}}},
		{`{"min_amount":1,"max_amount":2,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`, []failure{{"min_amount", billing.CodeDuplicateField}}},
		{`{"max_amount":0,"min_amount":0,"underpayment_allowed":true}`, []failure{{"max_amount", billing.CodeOutOfRange}, {"min_amount", billing.CodeOutOfRange}, {"overpayment_allowed", billing.CodeRequired}}},
		{`true`, []failure{{"", billing.CodeInvalidType}}},
		{`{"min_amount":1`, []failure{{"", billing.CodeInvalidJSON}}},
	}
	for _, tt := range tests {
		var r PaymentRules
		err := r.UnmarshalJSON([]byte(tt.in))
		var es billing.Errors
		require.ErrorAs(t, err, &es, tt.in)
		got := make([]failure, len(es))
		for i, e := range es {
			got[i] = failure{e.Field, e.Code}
		}
		assert.Equal(t, tt.want, got, tt.in)
		assert.True(t, r.IsZero())
	}
}

func TestPaymentRulesJSONOrder(t *testing.T) {
	// max_amount < min_amount is reported where max_amount is, before later members' failures;
	// missing members come last.
	var r PaymentRules
	err := r.UnmarshalJSON([]byte(`{"max_amount":100,"x":1,"min_amount":500,"underpayment_allowed":1}`))
	var got []string
	for _, e := range billing.AsErrors(err) {
		got = append(got, e.Field+" "+string(e.Code))
	}
	assert.Equal(t, []string{
		"max_amount out_of_range", "x unknown_field", "underpayment_allowed invalid_type", "overpayment_allowed required",
	}, got)
}
