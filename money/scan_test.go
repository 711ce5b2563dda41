package money

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/scantest"
)

// FuzzScan feeds every Scan of the package each kind of column built from the input
// (string, []byte, int64, float64, bool, time.Time, NULL): none panics, a failure is a
// billing.Errors at the value's member that leaves the value zero, a Currency read is
// written back by Value as the very code read, and what Value writes of PaymentRules read
// from a json or jsonb column scans back to equal rules. A currency column reads exactly
// the codes of the reference that are current with a minor unit or withdrawn.
func FuzzScan(f *testing.F) {
	ref := loadReference(f)
	for _, s := range []string{
		"ZAR", "BGN", "HRK", "XAU", "zar", "ZA ", "ZAR ", "\xffAR", "",
		`{"min_amount":1,"max_amount":2,"underpayment_allowed":true,"overpayment_allowed":false}`,
		`{"min_amount":1,"min_amount":2}`, ` { "overpayment_allowed" : true , "max_amount":9007199254740991,` +
			` "underpayment_allowed":false,"min_amount":9007199254740991 } `,
	} {
		f.Add([]byte(s), int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[Currency](t, "/currency", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Document(t, "/payment_rules", src, func(a, b PaymentRules) bool { return a == b })
		}
		var c Currency
		s := string(data)
		_, current := ref.accepted[s]
		if ok := c.Scan(s) == nil; ok != (current || ref.withdrawn[s]) {
			t.Fatalf("Scan(%q) succeeds: %v; the reference says current %v, withdrawn %v", s, ok, current, ref.withdrawn[s])
		}
		if date, withdrawn := c.Withdrawn(); withdrawn != ref.withdrawn[s] || withdrawn == (date == "") {
			t.Fatalf("Scan(%q).Withdrawn() = %q, %v; the reference says withdrawn %v", s, date, withdrawn, ref.withdrawn[s])
		}
	})
}

// TestScanBadColumns: a column that holds no currency or payment rules is refused with a
// failure at the member, and the value scanned into is left as it was. A char(n) column
// wider than 3 pads the code with spaces: the padding is refused, never trimmed, and the
// message says so; a lower-case code is refused, never upper-cased.
func TestScanBadColumns(t *testing.T) {
	zar := MustParseCurrency("ZAR")
	for _, src := range []any{"ZA ", "ZAR ", []byte("ZAR  "), " ZAR", "ZAR\n"} {
		scantest.Refuses(t, zar, src, "/currency", billing.CodeInvalidCurrency)
		err := zar.Scan(src)
		assert.ErrorContains(t, err, "without spaces", "%q", src)
	}
	for _, src := range []any{"zar", []byte("Zar"), "bgn", "ZAR\x00", "\xffAR", "Z\xed\xa0\x80", "ZARZAR", "XTS", "ABC"} {
		scantest.Refuses(t, zar, src, "/currency", billing.CodeInvalidCurrency)
	}
	scantest.Refuses(t, zar, strings.Repeat("Z", 1<<20), "/currency", billing.CodeInvalidCurrency)
	scantest.Refuses(t, zar, "", "/currency", billing.CodeRequired)
	scantest.Refuses(t, zar, int64(710), "/currency", billing.CodeInvalidType)
	assert.ErrorContains(t, zar.Scan("bgn"), `send "BGN"`, "a stored code is told in upper case")

	rules := MustNewPaymentRules(1000, 5000, AllowUnderpayment)
	const valid = `"max_amount":5000,"underpayment_allowed":true,"overpayment_allowed":false`
	tests := []struct {
		name string
		src  any
		at   string
		code billing.Code
	}{
		{"duplicate key (a json column keeps it)", `{"min_amount":1,"min_amount":2,` + valid + `}`, "/payment_rules/min_amount", billing.CodeDuplicateField},
		{"over-long document", `{"min_amount":1,` + valid + strings.Repeat(" ", 1<<20) + `}`, "/payment_rules", billing.CodeTooLong},
		{"invalid UTF-8 in a name", []byte("{\"min_\xff\":1," + valid + `}`), "/payment_rules/min_\xff", billing.CodeUnknownField},
		{"an amount as a string", `{"min_amount":"1000",` + valid + `}`, "/payment_rules/min_amount", billing.CodeInvalidType},
		{"an amount with a fraction", `{"min_amount":1000.0,` + valid + `}`, "/payment_rules/min_amount", billing.CodeInvalidType},
		{"an amount out of range", `{"min_amount":0,` + valid + `}`, "/payment_rules/min_amount", billing.CodeOutOfRange},
		{"not an object", `[1000,5000]`, "/payment_rules", billing.CodeInvalidType},
		{"not JSON", `{"min_amount":1000,`, "/payment_rules", billing.CodeInvalidJSON},
		{"JSON null", `null`, "/payment_rules", billing.CodeRequired},
		{"a number column", int64(1000), "/payment_rules", billing.CodeInvalidType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scantest.Refuses(t, rules, tt.src, tt.at, tt.code)
		})
	}
}

func BenchmarkCurrencyScan(b *testing.B) {
	src := []byte("ZAR")
	var c Currency
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Scan(src)
	}
}

func BenchmarkPaymentRulesScan(b *testing.B) {
	src := []byte(`{"min_amount":1000,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`)
	var r PaymentRules
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Scan(src)
	}
}
