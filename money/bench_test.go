package money

import (
	"testing"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// benchCodes are the codes the currency benchmarks cycle through: common ones, one with
// 3 digits and one x/text does not know (so that its benchmark measures a failure there).
var benchCodes = []string{"ZAR", "USD", "EUR", "JPY", "GBP", "BHD", "CLF", "MRU"}

var (
	sinkCurrency Currency
	sinkAmount   Amount
	sinkString   string
	sinkErr      error
	sinkUnit     currency.Unit
)

func BenchmarkParseCurrency(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkCurrency, sinkErr = ParseCurrency(benchCodes[i&7])
	}
}

// BenchmarkParseCurrencyReference is the plain path: a binary search of the table.
func BenchmarkParseCurrencyReference(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkCurrency, _ = lookupCurrency(benchCodes[i&7])
	}
}

// BenchmarkXTextParseISO is the alternative a user would reach for, golang.org/x/text/currency.
func BenchmarkXTextParseISO(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkUnit, sinkErr = currency.ParseISO(benchCodes[i&7])
	}
}

func BenchmarkParseCurrencyInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCurrency, sinkErr = ParseCurrency("zar")
	}
}

func BenchmarkAmountAdd(b *testing.B) {
	b.ReportAllocs()
	x, y := MustNewAmount(123456789, MustParseCurrency("ZAR")), MustNewAmount(-5, MustParseCurrency("ZAR"))
	for b.Loop() {
		sinkAmount, sinkErr = x.Add(y)
	}
}

func BenchmarkAmountSub(b *testing.B) {
	b.ReportAllocs()
	x, y := MustNewAmount(123456789, MustParseCurrency("ZAR")), MustNewAmount(-5, MustParseCurrency("ZAR"))
	for b.Loop() {
		sinkAmount, sinkErr = x.Sub(y)
	}
}

func BenchmarkNewAmount(b *testing.B) {
	b.ReportAllocs()
	zar := MustParseCurrency("ZAR")
	for b.Loop() {
		sinkAmount, sinkErr = NewAmount(123456789, zar)
	}
}

func BenchmarkParseAmount(b *testing.B) {
	b.ReportAllocs()
	zar := MustParseCurrency("ZAR")
	for b.Loop() {
		sinkAmount, sinkErr = ParseAmount("1234567.89", zar)
	}
}

func BenchmarkAmountString(b *testing.B) {
	b.ReportAllocs()
	a := MustNewAmount(123456789, MustParseCurrency("ZAR"))
	for b.Loop() {
		sinkString = a.String()
	}
}

func BenchmarkAmountDisplay(b *testing.B) {
	b.ReportAllocs()
	a := MustNewAmount(123456789, MustParseCurrency("ZAR"))
	tag := language.MustParse("en-ZA")
	for b.Loop() {
		sinkString = a.Display(tag)
	}
}

// BenchmarkXTextFormat formats the same amount with golang.org/x/text/currency alone
// (which rounds with its own digits and goes through a float).
func BenchmarkXTextFormat(b *testing.B) {
	b.ReportAllocs()
	p := messagePrinter(language.MustParse("en-ZA"))
	for b.Loop() {
		sinkString = p.Sprint(currency.Symbol(currency.ZAR.Amount(1234567.89)))
	}
}

func BenchmarkPaymentRulesCheck(b *testing.B) {
	b.ReportAllocs()
	zar := MustParseCurrency("ZAR")
	r, _ := NewPaymentRules(1000, 500000, AllowUnderpayment)
	payment, balance := MustNewAmount(20000, zar), MustNewAmount(20000, zar)
	for b.Loop() {
		sinkErr = r.Check(payment, balance)
	}
}

func BenchmarkNewPaymentRules(b *testing.B) {
	b.ReportAllocs()
	var r PaymentRules
	for b.Loop() {
		r, sinkErr = NewPaymentRules(1000, 500000, AllowUnderpayment)
	}
	_ = r
}

func messagePrinter(tag language.Tag) *message.Printer { return message.NewPrinter(tag) }

// rulesJSON is the API's payment_rules object, as a client sends it.
var rulesJSON = []byte(`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`)

func BenchmarkDecodePaymentRules(b *testing.B) {
	b.ReportAllocs()
	var r PaymentRules
	for b.Loop() {
		r, sinkErr = DecodePaymentRules(rulesJSON)
	}
	_ = r
}

func BenchmarkPaymentRulesUnmarshalJSON(b *testing.B) {
	b.ReportAllocs()
	var r PaymentRules
	for b.Loop() {
		sinkErr = r.UnmarshalJSON(rulesJSON)
	}
}

// BenchmarkPaymentRulesUnmarshalJSONInvalid decodes rules that fail on four members: max_amount
// below min_amount (known in order, no second reading), a string flag, an unknown member and an
// absent flag.
func BenchmarkPaymentRulesUnmarshalJSONInvalid(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`{"min_amount":500,"max_amount":100,"underpayment_allowed":"yes","x":1}`)
	var r PaymentRules
	for b.Loop() {
		sinkErr = r.UnmarshalJSON(data)
	}
}

func BenchmarkAmountUnmarshalJSON(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`{"amount":123456789,"currency":"ZAR"}`)
	for b.Loop() {
		sinkErr = sinkAmount.UnmarshalJSON(data)
	}
}

func BenchmarkCurrencyUnmarshalJSON(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`"ZAR"`)
	for b.Loop() {
		sinkErr = sinkCurrency.UnmarshalJSON(data)
	}
}

// BenchmarkCurrencyUnmarshalJSONEscaped takes the path through the strict reader.
func BenchmarkCurrencyUnmarshalJSONEscaped(b *testing.B) {
	b.ReportAllocs()
	data := []byte(`"\u005aAR"`)
	for b.Loop() {
		sinkErr = sinkCurrency.UnmarshalJSON(data)
	}
}
