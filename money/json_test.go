package money

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

func TestCurrencyText(t *testing.T) {
	b, err := zar.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "ZAR", string(b))
	b, err = jpy.AppendText([]byte("x:"))
	require.NoError(t, err)
	assert.Equal(t, "x:JPY", string(b))

	b, err = Currency{}.MarshalText()
	assert.Nil(t, b)
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(err))
	b, err = Currency{}.AppendText([]byte("x:"))
	assert.Equal(t, "x:", string(b))
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(err))

	var c Currency
	require.NoError(t, c.UnmarshalText([]byte("BHD")))
	assert.Equal(t, bhd, c)
	for in, want := range map[string]billing.Code{
		"bhd":          billing.CodeInvalidCurrency,
		"":             billing.CodeRequired,
		"\xff\xfe\xfd": billing.CodeInvalidCurrency,
		"\xed\xa0\x80": billing.CodeInvalidCurrency, // a lone surrogate, as the strict reader hands it over
		"Z\xedR":       billing.CodeInvalidCurrency,
	} {
		err := c.UnmarshalText([]byte(in))
		assert.Equal(t, []testkit.Failure{testkit.At("currency", want)}, testkit.Failures(err), "%q", in)
		assert.Equal(t, bhd, c, "unchanged on failure")
	}
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(c.UnmarshalText(nil)))
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
	_, err = json.Marshal(doc{})
	assert.ErrorIs(t, err, billing.CodeRequired, "the zero Currency is not encoded")
	_, err = Currency{}.MarshalJSON()
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(err))

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
		"{\"currency\":\"Z\xffR\"}":    billing.CodeInvalidCurrency,
		`{"currency":"\ud800AR"}`:      billing.CodeInvalidCurrency,
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

func TestCurrencyUnmarshalJSONDirect(t *testing.T) {
	for in, code := range map[string]billing.Code{
		`"ZAR"`:                  "",
		" \t\"ZAR\"\r\n":         "",
		`null`:                   "",
		`"zar"`:                  billing.CodeInvalidCurrency,
		`""`:                     billing.CodeRequired,
		`{"currency":"ZAR"}`:     billing.CodeInvalidType,
		`1`:                      billing.CodeInvalidType,
		"\"Z\xffR\"":             billing.CodeInvalidCurrency,
		`"\udfffAR"`:             billing.CodeInvalidCurrency,
		`"\ud800"`:               billing.CodeInvalidCurrency,
		"\"\xed\xa0\x80\"":       billing.CodeInvalidCurrency,
		``:                       billing.CodeInvalidJSON,
		`"ZAR`:                   billing.CodeInvalidJSON,
		`nul`:                    billing.CodeInvalidJSON,
		`"ZAR" "USD"`:            billing.CodeInvalidJSON,
		`"ZAR","x":1`:            billing.CodeInvalidJSON, // not one value, even read as a member
		`"ZAR","currency":"USD"`: billing.CodeInvalidJSON,
		`"ZAR"}`:                 billing.CodeInvalidJSON,
		"\"ZAR\"\x00":            billing.CodeInvalidJSON,
		`"` + strings.Repeat("Z", strictjson.MaxSize) + `"`: billing.CodeTooLong,
	} {
		name := in
		if len(name) > 20 {
			name = name[:20]
		}
		c := eur
		err := c.UnmarshalJSON([]byte(in))
		if code == "" {
			assert.NoError(t, err, name)
			if in != "null" {
				assert.Equal(t, zar, c, name)
			}
			continue
		}
		assert.Equal(t, []testkit.Failure{testkit.At("currency", code)}, testkit.Failures(err), name)
		assert.Equal(t, eur, c, "unchanged on failure")
	}
}

func TestAmountJSON(t *testing.T) {
	b, err := json.Marshal(MustNewAmount(2000, zar))
	require.NoError(t, err)
	assert.Equal(t, `{"amount":2000,"currency":"ZAR"}`, string(b))
	b, err = json.Marshal(MustNewAmount(-MaxMinorUnits, jpy))
	require.NoError(t, err)
	assert.Equal(t, `{"amount":-9007199254740991,"currency":"JPY"}`, string(b))
	b, err = Amount{}.MarshalJSON()
	assert.Nil(t, b)
	assert.Equal(t, testkit.Pairs("amount", "required"), testkit.Failures(err))
	b, err = json.Marshal(struct {
		A Amount `json:"a,omitzero"`
	}{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b), "omitzero leaves the zero Amount out")

	var a Amount
	require.NoError(t, json.Unmarshal([]byte(` {"currency":"BHD", "amount": 1250} `), &a))
	assert.Equal(t, MustNewAmount(1250, bhd), a)
	require.NoError(t, json.Unmarshal([]byte(`{"amount":-0,"currency":"ZAR"}`), &a))
	assert.Equal(t, MustNewAmount(0, zar), a)
	require.NoError(t, json.Unmarshal([]byte(`null`), &a))
	assert.Equal(t, MustNewAmount(0, zar), a, "null leaves it unchanged")

	tests := []struct {
		in   string
		want []testkit.Failure
	}{
		{`{"amount":2000}`, testkit.Pairs("currency", "required")},
		{`{"currency":"ZAR"}`, testkit.Pairs("amount", "required")},
		{`{}`, testkit.Pairs("amount", "required", "currency", "required")},
		{`{"currency":null,"amount":null}`, testkit.Pairs("currency", "required", "amount", "required")},
		{`{"amount":2000.0,"currency":"ZAR"}`, testkit.Pairs("amount", "invalid_type")},
		{`{"amount":2e3,"currency":"ZAR"}`, testkit.Pairs("amount", "invalid_type")},
		{`{"amount":"2000","currency":"ZAR"}`, testkit.Pairs("amount", "invalid_type")},
		{`{"amount":9007199254740992,"currency":"ZAR"}`, testkit.Pairs("amount", "out_of_range")},
		{`{"amount":-99999999999999999999999,"currency":"ZAR"}`, testkit.Pairs("amount", "out_of_range")},
		{`{"amount":1,"currency":"zar"}`, testkit.Pairs("currency", "invalid_currency")},
		{`{"amount":1,"currency":""}`, testkit.Pairs("currency", "required")},
		{`{"amount":1,"currency":1}`, testkit.Pairs("currency", "invalid_type")},
		{`{"amount":1,"currency":{}}`, testkit.Pairs("currency", "invalid_type")},
		{`{"amount":1,"currency":"ZAR","x":[1,{"y":2}]}`, testkit.Pairs("x", "unknown_field")},
		{`{"x":null,"amount":[],"currency":"ZAR"}`, testkit.Pairs("x", "unknown_field", "amount", "invalid_type")},
		{`{"amount":1,"amount":2,"currency":"ZAR"}`, testkit.Pairs("amount", "duplicate_field")},
		{`{"amount":1.5,"amount":2,"currency":"ZAR"}`, testkit.Pairs("amount", "duplicate_field")},
		{`{"amount":1,"a\u006dount":2,"currency":1}`, testkit.Pairs("amount", "duplicate_field", "currency", "invalid_type")},
		{`{"amount":1,"currency":"Z\u0041R","currency":"ZAR"}`, testkit.Pairs("currency", "duplicate_field")},
		{"{\"amount\":1,\"currency\":\"Z\xffR\"}", testkit.Pairs("currency", "invalid_currency")},
		{`{"amount":1,"currency":"\ud800AR"}`, testkit.Pairs("currency", "invalid_currency")},
		{`[1]`, testkit.Pairs("", "invalid_type")},
		{`"ZAR 20.00"`, testkit.Pairs("", "invalid_type")},
		{``, testkit.Pairs("", "invalid_json")},
		{`{`, testkit.Pairs("", "invalid_json")},
		{`{"amount":1,}`, testkit.Pairs("", "invalid_json")},
		{`{"amount":1,"currency":"ZAR"} {}`, testkit.Pairs("", "invalid_json")},
		{`{"amount":01,"currency":"ZAR"}`, testkit.Pairs("", "invalid_json")},
		{`nul`, testkit.Pairs("", "invalid_json")},
		{`null x`, testkit.Pairs("", "invalid_json")},
	}
	for _, tt := range tests {
		a := MustNewAmount(7, zar)
		err := a.UnmarshalJSON([]byte(tt.in))
		assert.Equal(t, tt.want, testkit.Failures(err), tt.in)
		assert.Equal(t, MustNewAmount(7, zar), a, "unchanged on failure")
	}
	a = MustNewAmount(7, zar)
	require.NoError(t, a.UnmarshalJSON([]byte(`{"amount":1,"currency":"Z\u0041R"}`)))
	assert.Equal(t, MustNewAmount(1, zar), a)
}

func TestPaymentRulesJSON(t *testing.T) {
	r := MustNewPaymentRules(1000, 500000, AllowUnderpayment)
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`, string(b))
	b, err = PaymentRules{}.MarshalJSON()
	assert.Nil(t, b)
	assert.Equal(t, testkit.Pairs("payment_rules", "required"), testkit.Failures(err))
	b, err = json.Marshal(struct {
		R  PaymentRules  `json:"r,omitzero"`
		P  *PaymentRules `json:"p"`
		OK PaymentRules  `json:"ok"`
	}{OK: r})
	require.NoError(t, err)
	assert.Equal(t, `{"p":null,"ok":{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}}`, string(b))

	got := r
	require.NoError(t, json.Unmarshal([]byte("null"), &got))
	assert.Equal(t, r, got, "null leaves it unchanged")
	got = PaymentRules{}
	require.NoError(t, json.Unmarshal([]byte(`{"overpayment_allowed":false,"underpayment_allowed":true,"max_amount":500000,"min_amount":1000}`), &got))
	assert.Equal(t, r, got)

	// UnmarshalJSON fails as DecodePaymentRules does, and leaves r unchanged.
	got = r
	err = got.UnmarshalJSON([]byte(`{"min_amount":10,"max_amount":9,"underpayment_allowed":true,"overpayment_allowed":true}`))
	assert.Equal(t, testkit.Pairs("payment_rules.max_amount", "out_of_range"), testkit.Failures(err))
	assert.Equal(t, r, got)
	err = json.Unmarshal([]byte(`{"min_amount":1}`), &got)
	assert.ErrorIs(t, err, billing.CodeRequired)
	assert.Equal(t, r, got)
}

func TestDecodePaymentRules(t *testing.T) {
	const tail = `"underpayment_allowed":true,"overpayment_allowed":false}`
	tests := []struct {
		in   string
		want []testkit.Failure // nil: valid
	}{
		{`{"min_amount":7,"max_amount":7,` + tail, nil},
		{`{"min_amount":1,"max_amount":9007199254740991,` + tail, nil},
		{`{"\u006din_amount":1,"max_amount":2,` + tail, nil}, // names compare after decoding
		{` {"min_amount":1,"max_amount":2,` + tail + "\n", nil},
		{`{"max_amount":2,"min_amount":1,` + tail, nil},
		{`{}`, testkit.Pairs("payment_rules.min_amount", "required", "payment_rules.max_amount", "required",
			"payment_rules.underpayment_allowed", "required", "payment_rules.overpayment_allowed", "required")},
		// Each amount within 1…2^53−1 on its own member.
		{`{"min_amount":0,"max_amount":10,` + tail, testkit.Pairs("payment_rules.min_amount", "out_of_range")},
		{`{"min_amount":-0,"max_amount":2,` + tail, testkit.Pairs("payment_rules.min_amount", "out_of_range")},
		{`{"min_amount":10,"max_amount":9007199254740992,` + tail, testkit.Pairs("payment_rules.max_amount", "out_of_range")},
		{`{"min_amount":9007199254740992,"max_amount":1,` + tail, testkit.Pairs("payment_rules.min_amount", "out_of_range")},
		{`{"min_amount":0,"max_amount":9007199254740992,"underpayment_allowed":null,"overpayment_allowed":false}`,
			testkit.Pairs("payment_rules.min_amount", "out_of_range", "payment_rules.max_amount", "out_of_range", "payment_rules.underpayment_allowed", "required")},
		{`{"max_amount":0,"min_amount":0,"underpayment_allowed":true}`, testkit.Pairs("payment_rules.max_amount", "out_of_range",
			"payment_rules.min_amount", "out_of_range", "payment_rules.overpayment_allowed", "required")},
		{`{"min_amount":1,"max_amount":1` + strings.Repeat("0", 400) + `,` + tail, testkit.Pairs("payment_rules.max_amount", "out_of_range")},
		{`{"min_amount":1,"max_amount":-1` + strings.Repeat("0", 400) + `,` + tail, testkit.Pairs("payment_rules.max_amount", "out_of_range")},
		// max_amount below min_amount is max_amount's failure, in max_amount's place.
		{`{"min_amount":10,"max_amount":9,` + tail, testkit.Pairs("payment_rules.max_amount", "out_of_range")},
		{`{"min_amount":10,"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":1}`,
			testkit.Pairs("payment_rules.max_amount", "out_of_range", "payment_rules.overpayment_allowed", "invalid_type")},
		{`{"max_amount":5,"x":1,"min_amount":10,` + tail, testkit.Pairs("payment_rules.max_amount", "out_of_range", "payment_rules.x", "unknown_field")},
		{`{"max_amount":100,"x":1,"min_amount":500,"underpayment_allowed":1}`, testkit.Pairs("payment_rules.max_amount", "out_of_range",
			"payment_rules.x", "unknown_field", "payment_rules.underpayment_allowed", "invalid_type", "payment_rules.overpayment_allowed", "required")},
		{`{"underpayment_allowed":0,"max_amount":3,"min_amount":5,"overpayment_allowed":false}`,
			testkit.Pairs("payment_rules.underpayment_allowed", "invalid_type", "payment_rules.max_amount", "out_of_range")},
		{`{"min_amount":5,"underpayment_allowed":0,"max_amount":3,"overpayment_allowed":false}`,
			testkit.Pairs("payment_rules.underpayment_allowed", "invalid_type", "payment_rules.max_amount", "out_of_range")},
		{`{"max_amount":3,"underpayment_allowed":true,"underpayment_allowed":true,"min_amount":5,"overpayment_allowed":false}`,
			testkit.Pairs("payment_rules.max_amount", "out_of_range", "payment_rules.underpayment_allowed", "duplicate_field")},
		// A member given twice has no value: a min_amount given twice is compared with nothing.
		{`{"min_amount":1,"max_amount":2,"min_amount":1,` + tail, testkit.Pairs("payment_rules.min_amount", "duplicate_field")},
		{`{"min_amount":1,"m\u0069n_amount":1,"max_amount":2,` + tail, testkit.Pairs("payment_rules.min_amount", "duplicate_field")},
		{`{"min_amount":10,"max_amount":5,"min_amount":1,` + tail, testkit.Pairs("payment_rules.min_amount", "duplicate_field")},
		{`{"min_amount":10,"min_amount":1,"max_amount":5,` + tail, testkit.Pairs("payment_rules.min_amount", "duplicate_field")},
		{`{"max_amount":5,"min_amount":10,"min_amount":1,` + tail, testkit.Pairs("payment_rules.min_amount", "duplicate_field")},
		{`{"min_amount":5,"max_amount":3,"max_amount":9,` + tail, testkit.Pairs("payment_rules.max_amount", "duplicate_field")},
		{`{"max_amount":3,"max_amount":9,"min_amount":5,` + tail, testkit.Pairs("payment_rules.max_amount", "duplicate_field")},
		{`{"min_amount":1,"max_amount":2,"min_amount":1}`, testkit.Pairs("payment_rules.min_amount", "duplicate_field",
			"payment_rules.underpayment_allowed", "required", "payment_rules.overpayment_allowed", "required")},
		// Types, null and absence.
		{`{"min_amount":1.0,"max_amount":1e1,"underpayment_allowed":"yes","overpayment_allowed":null}`, testkit.Pairs(
			"payment_rules.min_amount", "invalid_type", "payment_rules.max_amount", "invalid_type",
			"payment_rules.underpayment_allowed", "invalid_type", "payment_rules.overpayment_allowed", "required")},
		{`{"min_amount":1E2,"max_amount":2,` + tail, testkit.Pairs("payment_rules.min_amount", "invalid_type")},
		{`{"min_amount":1.5,"max_amount":"2"}`, testkit.Pairs(
			"payment_rules.min_amount", "invalid_type", "payment_rules.max_amount", "invalid_type",
			"payment_rules.underpayment_allowed", "required", "payment_rules.overpayment_allowed", "required")},
		{`{"min_amount":[1],"max_amount":{"a":1},"underpayment_allowed":"true","overpayment_allowed":0}`, testkit.Pairs(
			"payment_rules.min_amount", "invalid_type", "payment_rules.max_amount", "invalid_type",
			"payment_rules.underpayment_allowed", "invalid_type", "payment_rules.overpayment_allowed", "invalid_type")},
		{`{"min_amount":null,"x":1}`, testkit.Pairs("payment_rules.min_amount", "required", "payment_rules.x", "unknown_field",
			"payment_rules.max_amount", "required", "payment_rules.underpayment_allowed", "required", "payment_rules.overpayment_allowed", "required")},
		{`{"min_amount":1,"max_amount":2,` + tail[:len(tail)-1] + `,"currency":"ZAR"}`, testkit.Pairs("payment_rules.currency", "unknown_field")},
		// Names are kept byte for byte, invalid UTF-8 included.
		{"{\"\xff\":1,\"min_amount\":1,\"max_amount\":2," + tail, testkit.Pairs("payment_rules.\xff", "unknown_field")},
		// Failures of the whole value are alone, at payment_rules.
		{`null`, testkit.Pairs("payment_rules", "required")},
		{` null `, testkit.Pairs("payment_rules", "required")},
		{`true`, testkit.Pairs("payment_rules", "invalid_type")},
		{`[]`, testkit.Pairs("payment_rules", "invalid_type")},
		{`"null"`, testkit.Pairs("payment_rules", "invalid_type")},
		{`"{}"`, testkit.Pairs("payment_rules", "invalid_type")},
		{``, testkit.Pairs("payment_rules", "invalid_json")},
		{`{"min_amount":1`, testkit.Pairs("payment_rules", "invalid_json")},
		{`{"min_amount":1,"max_amount":2,` + tail + ` x`, testkit.Pairs("payment_rules", "invalid_json")},
		{"\ufeff{}", testkit.Pairs("payment_rules", "invalid_json")},
		{`{"min_amount":01}`, testkit.Pairs("payment_rules", "invalid_json")},
		{`{"x":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`, testkit.Pairs("payment_rules", "invalid_json")},
		{`{"x":"` + strings.Repeat("a", 1<<20) + `"}`, testkit.Pairs("payment_rules", "too_long")},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 100 {
			name = name[:100]
		}
		r, err := DecodePaymentRules([]byte(tt.in))
		if tt.want == nil {
			require.NoError(t, err, name)
			assert.False(t, r.IsZero(), name)
			continue
		}
		assert.Equal(t, tt.want, testkit.Failures(err), name)
		assert.True(t, r.IsZero(), name)
	}
}

func TestDecodePaymentRulesValues(t *testing.T) {
	r, err := DecodePaymentRules([]byte(`{"overpayment_allowed":true,"underpayment_allowed":false,"max_amount":9007199254740991,"min_amount":1}`))
	require.NoError(t, err)
	assert.Equal(t, MustNewPaymentRules(1, MaxMinorUnits, AllowOverpayment), r)

	_, err = DecodePaymentRules([]byte(`{"min_amount":10,"max_amount":9,"underpayment_allowed":true,"overpayment_allowed":null}`))
	var es billing.Errors
	require.ErrorAs(t, err, &es)
	require.Len(t, es, 2)
	assert.Equal(t, billing.FieldError{Field: "payment_rules.max_amount", Pointer: "/payment_rules/max_amount",
		Code: billing.CodeOutOfRange, Message: "must be at least min_amount (10)"}, *es[0])
	assert.Equal(t, "/payment_rules/overpayment_allowed", es[1].Pointer)
	assert.Equal(t, billing.CodeRequired, es[1].Code)
}

// permutations returns every order of s.
func permutations(s []string) [][]string {
	if len(s) <= 1 {
		return [][]string{append([]string(nil), s...)}
	}
	var out [][]string
	for i := range s {
		rest := append(append([]string(nil), s[:i]...), s[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{s[i]}, p...))
		}
	}
	return out
}

func TestDecodePaymentRulesOrder(t *testing.T) {
	// Whatever the order of the members, each failure sits in its member's place, the
	// absent member's after them all: the reference is the member order itself.
	members := map[string]struct {
		json    string
		failure billing.Code // "" when the member is valid
	}{
		"min_amount":           {`"min_amount":10`, ""},
		"max_amount":           {`"max_amount":5`, "out_of_range"},
		"x":                    {`"x":1`, "unknown_field"},
		"underpayment_allowed": {`"underpayment_allowed":"yes"`, "invalid_type"},
	}
	for _, order := range permutations([]string{"min_amount", "max_amount", "x", "underpayment_allowed"}) {
		var parts []string
		var want []testkit.Failure
		for _, n := range order {
			parts = append(parts, members[n].json)
			if f := members[n].failure; f != "" {
				want = append(want, testkit.At("payment_rules."+n, f))
			}
		}
		want = append(want, testkit.At("payment_rules.overpayment_allowed", billing.CodeRequired))
		doc := "{" + strings.Join(parts, ",") + "}"
		_, err := DecodePaymentRules([]byte(doc))
		assert.Equal(t, want, testkit.Failures(err), doc)
	}
}

// TestDecodePaymentRulesInDocument reads the rules as a document parser does: the raw value
// of its payment_rules member, whose failures it puts under the place of the object that
// holds the member, in the member's place.
func TestDecodePaymentRulesInDocument(t *testing.T) {
	parse := func(doc string) (PaymentRules, []testkit.Failure) {
		var r PaymentRules
		err := strictjson.Decode([]byte(doc), report.Loc{}, func(o strictjson.Object) {
			for o.Next() {
				switch string(o.NameBytes()) {
				case "customer":
					sub, ok := o.Object()
					if !ok {
						continue
					}
					for sub.Next() {
						if string(sub.NameBytes()) != "payment_rules" {
							sub.Unknown()
							continue
						}
						if raw, ok := sub.Raw(); ok {
							var err error
							r, err = DecodePaymentRules(raw)
							sub.AddUnder(sub.Prefix(), err)
						}
					}
				case "payment_rules":
					if o.Null() {
						continue
					}
					if raw, ok := o.Raw(); ok {
						var err error
						r, err = DecodePaymentRules(raw)
						o.AddUnder(o.Prefix(), err)
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
		return r, testkit.Failures(err)
	}

	r, got := parse(`{"name":"Jo","payment_rules":{"min_amount":1,"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":false}}`)
	assert.Empty(t, got)
	assert.Equal(t, PaymentRules{min: 1, max: 5, under: true}, r)

	for _, tt := range []struct {
		doc  string
		want []testkit.Failure
	}{
		{`{"name":"","payment_rules":{"max_amount":5,"x":1,"min_amount":10,"underpayment_allowed":true},"y":2}`, testkit.Pairs(
			"name", "required", "payment_rules.max_amount", "out_of_range", "payment_rules.x", "unknown_field",
			"payment_rules.overpayment_allowed", "required", "y", "unknown_field")},
		{`{"payment_rules":{"min_amount":1,"min_amount":2},"name":""}`, testkit.Pairs(
			"payment_rules.min_amount", "duplicate_field", "payment_rules.max_amount", "required",
			"payment_rules.underpayment_allowed", "required", "payment_rules.overpayment_allowed", "required", "name", "required")},
		{`{"y":1,"payment_rules":[1,2],"name":""}`, testkit.Pairs("y", "unknown_field", "payment_rules", "invalid_type", "name", "required")},
		{`{"payment_rules":"{}"}`, testkit.Pairs("payment_rules", "invalid_type")},
		{`{"customer":{"payment_rules":{"min_amount":2,"max_amount":1}},"name":""}`, testkit.Pairs(
			"customer.payment_rules.max_amount", "out_of_range", "customer.payment_rules.underpayment_allowed", "required",
			"customer.payment_rules.overpayment_allowed", "required", "name", "required")},
		{`{"customer":{"payment_rules":7}}`, testkit.Pairs("customer.payment_rules", "invalid_type")},
	} {
		_, got := parse(tt.doc)
		assert.Equal(t, tt.want, got, tt.doc)
	}
}

// TestRoundTrips writes every value in each of its forms and reads it back equal.
func TestRoundTrips(t *testing.T) {
	for _, c := range Currencies() {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back Currency
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back)

		b, err = c.MarshalJSON()
		require.NoError(t, err)
		back = Currency{}
		require.NoError(t, back.UnmarshalJSON(b))
		assert.Equal(t, c, back)

		v, err := c.Value()
		require.NoError(t, err)
		back = Currency{}
		require.NoError(t, back.Scan(v))
		assert.Equal(t, c, back)

		for _, m := range []int64{0, 1, -1, MaxMinorUnits, -MaxMinorUnits} {
			a := MustNewAmount(m, c)
			b, err := a.MarshalJSON()
			require.NoError(t, err)
			var back Amount
			require.NoError(t, back.UnmarshalJSON(b))
			assert.Equal(t, a, back)
			// The two columns an Amount is stored in.
			mv, cv := a.Minor(), a.Currency()
			cval, err := cv.Value()
			require.NoError(t, err)
			var cur Currency
			require.NoError(t, cur.Scan(cval))
			again, err := NewAmount(mv, cur)
			require.NoError(t, err)
			assert.Equal(t, a, again)
		}
	}
	for _, r := range []PaymentRules{
		MustNewPaymentRules(1, 1, 0),
		MustNewPaymentRules(1000, 500000, AllowUnderpayment),
		MustNewPaymentRules(1, MaxMinorUnits, AllowOverpayment),
		MustNewPaymentRules(MaxMinorUnits, MaxMinorUnits, AllowUnderpayment|AllowOverpayment),
	} {
		b, err := r.MarshalJSON()
		require.NoError(t, err)
		var back PaymentRules
		require.NoError(t, back.UnmarshalJSON(b))
		assert.Equal(t, r, back)
		back, err = DecodePaymentRules(b)
		require.NoError(t, err)
		assert.Equal(t, r, back)

		v, err := r.Value()
		require.NoError(t, err)
		back = PaymentRules{}
		require.NoError(t, back.Scan(v))
		assert.Equal(t, r, back)
		back = PaymentRules{}
		require.NoError(t, back.Scan([]byte(v.(string))))
		assert.Equal(t, r, back)
	}
}

// TestDecodeRulesQuickly: rules written plainly that pass take the fast path, to the
// values the strict path reads; anything else is left to the strict path.
func TestDecodeRulesQuickly(t *testing.T) {
	tests := []struct {
		data string
		fast bool
	}{
		{`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`, true},
		{"{\n  \"overpayment_allowed\": true,\n  \"underpayment_allowed\": false,\n  \"max_amount\": 1,\n  \"min_amount\": 1\n}", true},
		{`{"min_amount":9007199254740991,"max_amount":9007199254740991,"underpayment_allowed":true,"overpayment_allowed":true}`, true},
		{`{"min_amount":5,"max_amount":3,"underpayment_allowed":true,"overpayment_allowed":true}`, false},                // max below min
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":true}`, false},                                           // a member absent
		{`{"min_amount":1,"max_amount":2,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":true}`, false}, // given twice
		{`{"min_amount":0,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":true}`, false},                // out of range
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":1,"overpayment_allowed":true}`, false},                   // not a boolean
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":null,"overpayment_allowed":true}`, false},
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":true,"x":1}`, false},
		{`{"\u006din_amount":1,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":true}`, false},
		{`{"min_amount":1,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":true} x`, false},
	}
	for _, tt := range tests {
		quick, ok := decodeRulesQuickly([]byte(tt.data))
		assert.Equal(t, tt.fast, ok, tt.data)
		strict, err := decodeRulesStrictly([]byte(tt.data))
		escaped := strings.Contains(tt.data, `\`) // valid, but not written plainly
		assert.Equal(t, tt.fast || escaped, err == nil, tt.data)
		if ok {
			assert.Equal(t, strict, quick, tt.data)
		}
	}
}
