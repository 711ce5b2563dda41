package money

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

var (
	zar = MustParseCurrency("ZAR")
	jpy = MustParseCurrency("JPY")
	bhd = MustParseCurrency("BHD")
	clf = MustParseCurrency("CLF")
	eur = MustParseCurrency("EUR")
	iqd = MustParseCurrency("IQD")
	mru = MustParseCurrency("MRU")
)

func TestNewAmount(t *testing.T) {
	for _, m := range []int64{0, 1, -1, 2000, MaxMinorUnits, -MaxMinorUnits} {
		a, err := NewAmount(m, zar)
		require.NoError(t, err)
		assert.Equal(t, m, a.Minor())
		assert.Equal(t, zar, a.Currency())
		assert.False(t, a.IsZero())
	}
	for _, m := range []int64{MaxMinorUnits + 1, -MaxMinorUnits - 1, 1 << 62, -1 << 63} {
		_, err := NewAmount(m, zar)
		assert.Equal(t, testkit.Pairs("amount", "out_of_range"), testkit.Failures(err))
		assert.ErrorIs(t, err, billing.CodeOutOfRange)
	}
	_, err := NewAmount(1, Currency{})
	assert.Equal(t, testkit.Pairs("currency", "required"), testkit.Failures(err))
	assert.PanicsWithValue(t, "billing: "+err.Error(), func() { MustNewAmount(1, Currency{}) })
	assert.Equal(t, int64(5), MustNewAmount(5, jpy).Minor())
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in    string
		cur   Currency
		minor int64
	}{
		{"20.00", zar, 2000},
		{"20.0", zar, 2000},
		{"20", zar, 2000},
		{"20.5", zar, 2050},
		{"-1.25", zar, -125},
		{"0", zar, 0},
		{"-0", zar, 0},
		{"-0.00", zar, 0},
		{"0.01", zar, 1},
		{"-0.05", zar, -5},
		{"1234567.89", zar, 123456789},
		{"90071992547409.91", zar, MaxMinorUnits},
		{"-90071992547409.91", zar, -MaxMinorUnits},
		{"500", jpy, 500},
		{"9007199254740991", jpy, MaxMinorUnits},
		{"1.250", bhd, 1250},
		{"1.25", bhd, 1250},
		{"1", bhd, 1000},
		{"1.0001", clf, 10001},
		{"10", iqd, 10000},
		{"10", mru, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.cur.String()+" "+tt.in, func(t *testing.T) {
			a, err := ParseAmount(tt.in, tt.cur)
			require.NoError(t, err)
			assert.Equal(t, tt.minor, a.Minor())
			assert.Equal(t, tt.cur, a.Currency())
		})
	}
}

func TestParseAmountRefused(t *testing.T) {
	tests := []struct {
		in    string
		cur   Currency
		field string
		code  billing.Code
	}{
		{"", zar, "amount", billing.CodeRequired},
		{"20", Currency{}, "currency", billing.CodeRequired},
		{"20.001", zar, "amount", billing.CodeInvalidFormat},
		{"20.000", zar, "amount", billing.CodeInvalidFormat},
		{"500.0", jpy, "amount", billing.CodeInvalidFormat},
		{"1.2345", bhd, "amount", billing.CodeInvalidFormat},
		{"1e3", zar, "amount", billing.CodeInvalidFormat},
		{"1E3", zar, "amount", billing.CodeInvalidFormat},
		{"1e400", zar, "amount", billing.CodeInvalidFormat},
		{"NaN", zar, "amount", billing.CodeInvalidFormat},
		{"Inf", zar, "amount", billing.CodeInvalidFormat},
		{"-Inf", zar, "amount", billing.CodeInvalidFormat},
		{"1_000", zar, "amount", billing.CodeInvalidFormat},
		{"1,000", zar, "amount", billing.CodeInvalidFormat},
		{"20,00", zar, "amount", billing.CodeInvalidFormat},
		{" 20", zar, "amount", billing.CodeInvalidFormat},
		{"20 ", zar, "amount", billing.CodeInvalidFormat},
		{"--1", zar, "amount", billing.CodeInvalidFormat},
		{"+1", zar, "amount", billing.CodeInvalidFormat},
		{"-", zar, "amount", billing.CodeInvalidFormat},
		{".5", zar, "amount", billing.CodeInvalidFormat},
		{"5.", zar, "amount", billing.CodeInvalidFormat},
		{"-.5", zar, "amount", billing.CodeInvalidFormat},
		{"01", zar, "amount", billing.CodeInvalidFormat},
		{"00.5", zar, "amount", billing.CodeInvalidFormat},
		{"0x10", zar, "amount", billing.CodeInvalidFormat},
		{"1.2.3", zar, "amount", billing.CodeInvalidFormat},
		{"١٢", zar, "amount", billing.CodeInvalidFormat},
		{"ZAR 20.00", zar, "amount", billing.CodeInvalidFormat},
		{"\xff", zar, "amount", billing.CodeInvalidFormat},
		{"90071992547409.92", zar, "amount", billing.CodeOutOfRange},
		{"-90071992547409.92", zar, "amount", billing.CodeOutOfRange},
		{"9007199254740992", jpy, "amount", billing.CodeOutOfRange},
		{"900719925474099.2", bhd, "amount", billing.CodeOutOfRange},
		{"99999999999999999999999999", zar, "amount", billing.CodeOutOfRange},
		{"18446744073709551616", zar, "amount", billing.CodeOutOfRange},
		{strings.Repeat("9", 10000), zar, "amount", billing.CodeOutOfRange},
		{strings.Repeat("9", 10000) + "x", zar, "amount", billing.CodeInvalidFormat},
		{"1." + strings.Repeat("0", 10000), zar, "amount", billing.CodeInvalidFormat},
	}
	for _, tt := range tests {
		name := tt.in
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(tt.cur.String()+" "+name, func(t *testing.T) {
			a, err := ParseAmount(tt.in, tt.cur)
			assert.True(t, a.IsZero())
			assert.Equal(t, []testkit.Failure{testkit.At(tt.field, tt.code)}, testkit.Failures(err))
			for _, e := range report.Errs(err) {
				assert.Less(t, len(e.Message), 200)
			}
		})
	}
}

func TestParseAmountMessages(t *testing.T) {
	_, err := ParseAmount("20.001", zar)
	assert.EqualError(t, err, `amount: invalid_format: ZAR has 2 digits after the decimal point: send at most that many, like "20.00"`)
	_, err = ParseAmount("500.0", jpy)
	assert.EqualError(t, err, `amount: invalid_format: JPY has no digits after the decimal point: send a whole number, like "20"`)
	_, err = ParseAmount("1e3", bhd)
	assert.EqualError(t, err, `amount: invalid_format: must be a decimal number of BHD in major units, like "20.000" or "-20.000" (no sign "+", exponent, separators or spaces)`)
	_, err = ParseAmount("90071992547409.92", zar)
	assert.EqualError(t, err, `amount: out_of_range: must be between -90071992547409.91 and 90071992547409.91 ZAR`)
	_, err = ParseAmount("", zar)
	assert.EqualError(t, err, `amount: required: an amount is required: send a decimal number of ZAR, like "20.00"`)
}

func TestParseAmountLongInputIsFast(t *testing.T) {
	long := strings.Repeat("1", 1<<20)
	start := time.Now()
	_, err := ParseAmount(long, zar)
	assert.ErrorIs(t, err, billing.CodeOutOfRange)
	assert.Less(t, time.Since(start), 100*time.Millisecond)
	allocs := testing.AllocsPerRun(10, func() { _, _ = ParseAmount("1234567.89", zar) })
	assert.Zero(t, allocs)
}

func TestAmountString(t *testing.T) {
	tests := []struct {
		minor int64
		cur   Currency
		want  string
	}{
		{2000, zar, "ZAR 20.00"},
		{-2000, zar, "ZAR -20.00"},
		{500, jpy, "JPY 500"},
		{500, zar, "ZAR 5.00"},
		{1250, bhd, "BHD 1.250"},
		{0, zar, "ZAR 0.00"},
		{5, zar, "ZAR 0.05"},
		{-5, zar, "ZAR -0.05"},
		{-1, clf, "CLF -0.0001"},
		{MaxMinorUnits, zar, "ZAR 90071992547409.91"},
		{-MaxMinorUnits, jpy, "JPY -9007199254740991"},
		{MaxMinorUnits, clf, "CLF 900719925474.0991"},
	}
	for _, tt := range tests {
		a := MustNewAmount(tt.minor, tt.cur)
		assert.Equal(t, tt.want, a.String())
		assert.Equal(t, tt.want, a.cur.String()+" "+a.number())
	}
	assert.Equal(t, "", Amount{}.String())
}

func TestAmountDisplay(t *testing.T) {
	tests := []struct {
		minor int64
		cur   Currency
		tag   string
		want  string
	}{
		{123450, zar, "en-ZA", "R 1\u00a0234,50"},
		{123450, zar, "en", "ZAR 1,234.50"},
		{-123450, zar, "en", "ZAR -1,234.50"},
		{-5, zar, "en", "ZAR -0.05"},
		{-5, zar, "de", "ZAR -0,05"},
		{500, jpy, "en", "¥ 500"},
		{500, jpy, "ja", "￥ 500"},
		{123450, eur, "de", "€ 1.234,50"},
		{123450, eur, "fr", "€ 1\u00a0234,50"},
		{1250, bhd, "en", "BHD 1.250"},
		{1250, bhd, "ar", "د.ب.\u200f ١٫٢٥٠"},
		{-1250, bhd, "ar", "د.ب.\u200f \u061c-١٫٢٥٠"},
		{12345, iqd, "en", "IQD 12.345"}, // x/text would give IQD no decimals
		{12345, mru, "en", "MRU 123.45"}, // unknown to x/text: the ISO code
		{123456789, zar, "hi", "ZAR 12,34,567.89"},
		{MaxMinorUnits, zar, "en", "ZAR 90,071,992,547,409.91"},
		{-MaxMinorUnits, zar, "en", "ZAR -90,071,992,547,409.91"},
		{1, clf, "en", "CLF 0.0001"},
	}
	for _, tt := range tests {
		a := MustNewAmount(tt.minor, tt.cur)
		assert.Equal(t, tt.want, a.Display(language.MustParse(tt.tag)), "%s %s", a, tt.tag)
	}
	assert.Equal(t, "", Amount{}.Display(language.English))
	assert.Equal(t, "", Amount{}.String())
}

func TestAmountArithmetic(t *testing.T) {
	a, b := MustNewAmount(2000, zar), MustNewAmount(-550, zar)
	s, err := a.Add(b)
	require.NoError(t, err)
	assert.Equal(t, MustNewAmount(1450, zar), s)
	d, err := a.Sub(b)
	require.NoError(t, err)
	assert.Equal(t, MustNewAmount(2550, zar), d)
	assert.Equal(t, MustNewAmount(-2000, zar), a.Neg())
	assert.Equal(t, Amount{}, Amount{}.Neg())

	c, err := a.Cmp(b)
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	c, err = b.Cmp(a)
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	c, err = a.Cmp(MustNewAmount(2000, zar))
	require.NoError(t, err)
	assert.Equal(t, 0, c)

	assert.True(t, b.IsCredit())
	assert.False(t, b.IsOwed())
	assert.True(t, a.IsOwed())
	assert.False(t, a.IsCredit())
	z := MustNewAmount(0, zar)
	assert.False(t, z.IsOwed())
	assert.False(t, z.IsCredit())
	assert.False(t, z.IsZero())

	// Range: nothing wraps.
	max, min := MustNewAmount(MaxMinorUnits, zar), MustNewAmount(-MaxMinorUnits, zar)
	one := MustNewAmount(1, zar)
	_, err = max.Add(one)
	assert.ErrorIs(t, err, billing.CodeOutOfRange)
	assert.EqualError(t, err, "amount: out_of_range: ZAR 90071992547409.91 + 0.01 is outside ±9007199254740991 minor units")
	_, err = min.Sub(one)
	assert.ErrorIs(t, err, billing.CodeOutOfRange)
	_, err = max.Sub(min)
	assert.ErrorIs(t, err, billing.CodeOutOfRange)
	s, err = max.Add(min)
	require.NoError(t, err)
	assert.Equal(t, int64(0), s.Minor())

	// Currency mismatch, and the zero Amount matching nothing.
	y := MustNewAmount(2000, jpy)
	for _, f := range []func() error{
		func() error { _, err := a.Add(y); return err },
		func() error { _, err := a.Sub(y); return err },
		func() error { _, err := a.Cmp(y); return err },
		func() error { _, err := a.Add(Amount{}); return err },
		func() error { _, err := Amount{}.Add(Amount{}); return err },
		func() error { _, err := Amount{}.Cmp(Amount{}); return err },
	} {
		err := f()
		assert.ErrorIs(t, err, ErrCurrencyMismatch)
		assert.False(t, errors.Is(err, billing.CodeOutOfRange))
	}
	_, err = a.Add(y)
	assert.EqualError(t, err, "money: currency mismatch: ZAR and JPY")
	_, err = a.Add(Amount{})
	assert.EqualError(t, err, "money: currency mismatch: an amount without a currency")
}

// TestDisplayKeepsTheDigits checks, in many locales, that Display writes exactly the digits of
// String's number (in the locale's digit set) and a minus sign exactly for negative amounts.
func TestDisplayKeepsTheDigits(t *testing.T) {
	tags := []string{"en", "en-ZA", "en-IN", "de", "de-CH", "fr", "es", "it", "nl", "pt-BR", "ru", "pl",
		"sv", "tr", "ja", "zh", "ko", "ar", "ar-EG", "ar-MA", "fa", "he", "hi", "bn", "mr", "my", "th", "ne", "ur", "sw", "af", "zu"}
	amounts := []int64{0, 1, -1, 5, -5, 99, -99, 100, -100, 123456789, -123456789, 1000000, MaxMinorUnits, -MaxMinorUnits, 70000000000001}
	for _, tag := range tags {
		lang := language.MustParse(tag)
		for _, c := range []Currency{zar, jpy, bhd, clf, eur} {
			for _, m := range amounts {
				a := MustNewAmount(m, c)
				got := a.Display(lang)
				var digits []rune
				neg := false
				for _, r := range got {
					switch {
					case unicode.IsDigit(r):
						digits = append(digits, '0'+rune(digitValue(r)))
					case r == '-' || r == '−':
						neg = true
					}
				}
				want := strings.NewReplacer("-", "", ".", "").Replace(a.number())
				assert.Equal(t, want, string(digits), "%s in %s: %q", a, tag, got)
				assert.Equal(t, m < 0, neg, "%s in %s: %q", a, tag, got)
			}
		}
	}
}

// digitValue returns the value of a decimal digit of any script.
func digitValue(r rune) int {
	for z := r; z > r-10; z-- {
		if !unicode.IsDigit(z - 1) {
			return int(r - z)
		}
	}
	return int(r-'0') % 10
}
