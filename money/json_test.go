package money

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/strictjson"
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

// TestPaymentRulesJSONStrict covers what the module's strict reader decides.
func TestPaymentRulesJSONStrict(t *testing.T) {
	const tail = `"underpayment_allowed":true,"overpayment_allowed":false}`
	type failure struct {
		field string
		code  billing.Code
	}
	tests := []struct {
		in   string
		want []failure // nil: valid
	}{
		{`{"min_amount":7,"max_amount":7,` + tail, nil},
		{`{"\u006din_amount":1,"max_amount":2,` + tail, nil}, // names compare after decoding
		{` {"min_amount":1,"max_amount":2,` + tail + "\n", nil},
		{`{"min_amount":1,"m\u0069n_amount":1,"max_amount":2,` + tail, []failure{{"min_amount", billing.CodeDuplicateField}}},
		{`{"min_amount":-0,"max_amount":2,` + tail, []failure{{"min_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":1E2,"max_amount":2,` + tail, []failure{{"min_amount", billing.CodeInvalidType}}},
		{`{"min_amount":1,"max_amount":1` + strings.Repeat("0", 400) + `,` + tail, []failure{{"max_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":1,"max_amount":-1` + strings.Repeat("0", 400) + `,` + tail, []failure{{"max_amount", billing.CodeOutOfRange}}},
		// A member given twice has no value: nothing is compared with it.
		{`{"min_amount":5,"max_amount":3,"min_amount":5,` + tail, []failure{{"min_amount", billing.CodeDuplicateField}}},
		{`{"max_amount":3,"min_amount":5,"min_amount":1,` + tail, []failure{{"min_amount", billing.CodeDuplicateField}}},
		{`{"min_amount":5,"max_amount":3,"max_amount":9,` + tail, []failure{{"max_amount", billing.CodeDuplicateField}}},
		// max_amount below min_amount is max_amount's failure, in max_amount's place.
		{`{"underpayment_allowed":0,"max_amount":3,"min_amount":5,"overpayment_allowed":false}`,
			[]failure{{"underpayment_allowed", billing.CodeInvalidType}, {"max_amount", billing.CodeOutOfRange}}},
		{`{"min_amount":5,"underpayment_allowed":0,"max_amount":3,"overpayment_allowed":false}`,
			[]failure{{"underpayment_allowed", billing.CodeInvalidType}, {"max_amount", billing.CodeOutOfRange}}},
		// A null member is present: its failure is in its place; absent members come last.
		{`{"min_amount":null,"x":1}`, []failure{{"min_amount", billing.CodeRequired}, {"x", billing.CodeUnknownField},
			{"max_amount", billing.CodeRequired}, {"underpayment_allowed", billing.CodeRequired}, {"overpayment_allowed", billing.CodeRequired}}},
		{`{"min_amount":[1],"max_amount":{"a":1},"underpayment_allowed":"true","overpayment_allowed":0}`, []failure{
			{"min_amount", billing.CodeInvalidType}, {"max_amount", billing.CodeInvalidType},
			{"underpayment_allowed", billing.CodeInvalidType}, {"overpayment_allowed", billing.CodeInvalidType}}},
		// Names are kept byte for byte, invalid UTF-8 included.
		{"{\"\xff\":1,\"min_amount\":1,\"max_amount\":2," + tail, []failure{{"\xff", billing.CodeUnknownField}}},
		{`{"min_amount":1,"max_amount":2,` + tail + ` x`, []failure{{"", billing.CodeInvalidJSON}}},
		{"\ufeff{}", []failure{{"", billing.CodeInvalidJSON}}},
		{`{"min_amount":01}`, []failure{{"", billing.CodeInvalidJSON}}},
		{`{"x":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`, []failure{{"", billing.CodeInvalidJSON}}},
		{`{"x":"` + strings.Repeat("a", 1<<20) + `"}`, []failure{{"", billing.CodeTooLong}}},
		{`[]`, []failure{{"", billing.CodeInvalidType}}},
		{`"null"`, []failure{{"", billing.CodeInvalidType}}},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 80 {
			name = name[:80]
		}
		r := PaymentRules{min: 7, max: 9}
		err := r.UnmarshalJSON([]byte(tt.in))
		if tt.want == nil {
			assert.NoError(t, err, name)
			continue
		}
		var got []failure
		for _, e := range billing.AsErrors(err) {
			got = append(got, failure{e.Field, e.Code})
		}
		assert.Equal(t, tt.want, got, name)
		assert.Equal(t, PaymentRules{min: 7, max: 9}, r, "unchanged on failure")
	}
}

// TestPaymentRulesJSONInDocument reads the rules as a document parser does: the raw value
// of its payment_rules member, whose failures it puts under the member's path, in the
// member's place.
func TestPaymentRulesJSONInDocument(t *testing.T) {
	parse := func(doc string) (PaymentRules, []string) {
		var r PaymentRules
		err := strictjson.Decode([]byte(doc), "", func(o strictjson.Object) {
			for o.Next() {
				switch string(o.NameBytes()) {
				case "payment_rules":
					if raw, ok := o.Raw(); ok {
						o.AddError(o.Path(), r.UnmarshalJSON(raw))
					}
				case "name":
					if s, ok := o.String(); ok && s == "" {
						o.Fail(billing.CodeRequired, "must not be empty")
					}
				default:
					o.Unknown()
				}
			}
		})
		var got []string
		for _, e := range billing.AsErrors(err) {
			got = append(got, e.Field+" "+string(e.Code))
		}
		return r, got
	}

	r, got := parse(`{"name":"Jo","payment_rules":{"min_amount":1,"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":false}}`)
	assert.Empty(t, got)
	assert.Equal(t, PaymentRules{min: 1, max: 5, under: true}, r)

	for _, tt := range []struct {
		doc  string
		want []string
	}{
		{`{"name":"","payment_rules":{"max_amount":5,"x":1,"min_amount":10,"underpayment_allowed":true},"y":2}`, []string{
			"name required", "payment_rules.max_amount out_of_range", "payment_rules.x unknown_field",
			"payment_rules.overpayment_allowed required", "y unknown_field"}},
		{`{"payment_rules":{"min_amount":1,"min_amount":2},"name":""}`, []string{
			"payment_rules.min_amount duplicate_field", "payment_rules.max_amount required",
			"payment_rules.underpayment_allowed required", "payment_rules.overpayment_allowed required", "name required"}},
		{`{"y":1,"payment_rules":[1,2],"name":""}`, []string{"y unknown_field", "payment_rules invalid_type", "name required"}},
		{`{"payment_rules":"{}"}`, []string{"payment_rules invalid_type"}},
	} {
		_, got := parse(tt.doc)
		assert.Equal(t, tt.want, got, tt.doc)
	}
}

func TestAmountJSONStrict(t *testing.T) {
	for in, want := range map[string][]string{
		`{"amount":1,"currency":"Z\u0041R"}`:        nil,
		"{\"amount\":1,\"currency\":\"Z\xffR\"}":    {"currency invalid_format"},
		`{"amount":1,"currency":"\ud800AR"}`:        {"currency invalid_format"},
		`{"amount":1,"currency":"\ud83d\ude00A"}`:   {"currency invalid_currency"},
		`{"amount":1,"currency":""}`:                {"currency required"},
		`{"amount":1,"a\u006dount":2,"currency":1}`: {"amount duplicate_field", "currency invalid_type"},
		`{"x":null,"amount":[],"currency":"ZAR"}`:   {"x unknown_field", "amount invalid_type"},
		`{"currency":"ZAR","amount":1E2}`:           {"amount invalid_type"},
	} {
		a := MustNewAmount(7, zar)
		err := a.UnmarshalJSON([]byte(in))
		var got []string
		for _, e := range billing.AsErrors(err) {
			got = append(got, e.Field+" "+string(e.Code))
		}
		assert.Equal(t, want, got, in)
		if want != nil {
			assert.Equal(t, MustNewAmount(7, zar), a, "unchanged on failure")
		}
	}
}

func TestCurrencyUnmarshalJSONDirect(t *testing.T) {
	for in, code := range map[string]billing.Code{
		`"ZAR"`:                  "",
		" \t\"ZAR\"\r\n":         "",
		`null`:                   "",
		`"zar"`:                  billing.CodeInvalidCurrency,
		`""`:                     billing.CodeRequired,
		`{"currency":"ZAR"}`:     billing.CodeInvalidType,
		`1`:                      billing.CodeInvalidType,
		"\"Z\xffR\"":             billing.CodeInvalidFormat,
		`"\udfffAR"`:             billing.CodeInvalidFormat,
		``:                       billing.CodeInvalidJSON,
		`"ZAR`:                   billing.CodeInvalidJSON,
		`nul`:                    billing.CodeInvalidJSON,
		`"ZAR" "USD"`:            billing.CodeInvalidJSON,
		`"ZAR","x":1`:            billing.CodeInvalidJSON, // not one value, even read as a member
		`"ZAR","currency":"USD"`: billing.CodeInvalidJSON,
		`"ZAR"}`:                 billing.CodeInvalidJSON,
		"\"ZAR\"\x00":            billing.CodeInvalidJSON,
	} {
		c := eur
		err := c.UnmarshalJSON([]byte(in))
		if code == "" {
			assert.NoError(t, err, in)
			if in != "null" {
				assert.Equal(t, zar, c, in)
			}
			continue
		}
		var fe *billing.FieldError
		require.ErrorAs(t, err, &fe, in)
		assert.Equal(t, code, fe.Code, in)
		field := "currency"
		if code == billing.CodeInvalidJSON {
			field = ""
		}
		assert.Equal(t, field, fe.Field, in)
		assert.Equal(t, eur, c, "unchanged on failure")
	}
}
