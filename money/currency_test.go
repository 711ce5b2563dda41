package money

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

func TestParseCurrencyAccepted(t *testing.T) {
	tests := []struct {
		code    string
		minor   int
		numeric int
		name    string
	}{
		{"JPY", 0, 392, "Yen"},
		{"ZAR", 2, 710, "Rand"},
		{"BHD", 3, 48, "Bahraini Dinar"},
		{"IQD", 3, 368, "Iraqi Dinar"},
		{"CLF", 4, 990, "Unidad de Fomento"},
		{"UYW", 4, 927, "Unidad Previsional"},
		{"MRU", 2, 929, "Ouguiya"},
		{"SLE", 2, 925, "Leone"},
		{"VED", 2, 926, "Bolívar Soberano"},
		{"VES", 2, 928, "Bolívar Soberano"},
		{"XCG", 2, 532, "Caribbean Guilder"},
		{"ZWG", 2, 924, "Zimbabwe Gold"},
		{"COP", 2, 170, "Colombian Peso"},
		{"IDR", 2, 360, "Rupiah"},
		{"RSD", 2, 941, "Serbian Dinar"},
		{"KMF", 0, 174, "Comorian Franc"},
		{"ALL", 2, 8, "Lek"},
		{"EUR", 2, 978, "Euro"}, // also withdrawn for Serbia and Montenegro: still current
		{"TRY", 2, 949, "Turkish Lira"},
		{"PEN", 2, 604, "Sol"},
		{"SZL", 2, 748, "Lilangeni"},
		{"XAD", 2, 396, "Arab Accounting Dinar"},
		{"USN", 2, 997, "US Dollar (Next day)"},
		{"XOF", 0, 952, "CFA Franc BCEAO"},
		{"AED", 2, 784, "UAE Dirham"},
		{"ZWG", 2, 924, "Zimbabwe Gold"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, err := ParseCurrency(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.code, c.String())
			assert.Equal(t, tt.code, c.String())
			assert.Equal(t, tt.minor, minor(c))
			assert.Equal(t, tt.numeric, c.NumericCode())
			assert.Equal(t, tt.name, c.Name())
			assert.False(t, c.IsZero())
			assert.Equal(t, c, MustParseCurrency(tt.code))
		})
	}
}

func TestParseCurrencyRefused(t *testing.T) {
	tests := []struct {
		in      string
		code    billing.Code
		message string // a substring of the message
	}{
		{"", billing.CodeRequired, "required"},
		{"zar", billing.CodeInvalidCurrency, `currency codes are upper case: send "ZAR"`},
		{"Zar", billing.CodeInvalidCurrency, `currency codes are upper case: send "ZAR"`},
		{"jpY", billing.CodeInvalidCurrency, `currency codes are upper case: send "JPY"`},
		{"hrk", billing.CodeInvalidCurrency, `"hrk" is not a current ISO 4217 currency code`},
		{"xau", billing.CodeInvalidCurrency, `"xau" is not a current`},
		{"HRK", billing.CodeInvalidCurrency, `"HRK" was withdrawn from ISO 4217 (withdrawal date 2023-01)`},
		{"SLL", billing.CodeInvalidCurrency, "withdrawal date 2023-12"},
		{"ZWL", billing.CodeInvalidCurrency, "withdrawal date 2024-09"},
		{"ANG", billing.CodeInvalidCurrency, "withdrawal date 2025-03"},
		{"BGN", billing.CodeInvalidCurrency, "withdrawal date 2026-01"},
		{"CUC", billing.CodeInvalidCurrency, "withdrawal date 2021-06"},
		{"VEF", billing.CodeInvalidCurrency, "withdrawal date 2018-08"},
		{"RUR", billing.CodeInvalidCurrency, "withdrawal date 2004-01"},
		{"ARY", billing.CodeInvalidCurrency, "withdrawal date 1989 to 1990"},
		{"XFO", billing.CodeInvalidCurrency, "withdrawal date 2006-10"},
		{"XAU", billing.CodeInvalidCurrency, `"XAU" has no minor unit`},
		{"XTS", billing.CodeInvalidCurrency, `"XTS" has no minor unit`},
		{"XXX", billing.CodeInvalidCurrency, `"XXX" has no minor unit`},
		{"XDR", billing.CodeInvalidCurrency, `"XDR" has no minor unit`},
		{"XSU", billing.CodeInvalidCurrency, "no minor unit"},
		{"XUA", billing.CodeInvalidCurrency, "no minor unit"},
		{"XBA", billing.CodeInvalidCurrency, "no minor unit"},
		{"ABC", billing.CodeInvalidCurrency, `"ABC" is not a current ISO 4217 currency code`},
		{"ZA", billing.CodeInvalidCurrency, "three-letter"},
		{"ZARR", billing.CodeInvalidCurrency, "three-letter"},
		{" ZAR", billing.CodeInvalidCurrency, "three-letter"},
		{"Z\x00R", billing.CodeInvalidCurrency, `"Z\x00R" is not`},
		{"\x00\x00\x00", billing.CodeInvalidCurrency, "is not"},
		{"ÅR", billing.CodeInvalidCurrency, `"ÅR" is not`},
		{"Z\xffR", billing.CodeInvalidCurrency, "not valid UTF-8"},
		{"\xed\xa0\x80", billing.CodeInvalidCurrency, "not valid UTF-8"}, // a lone surrogate, as the strict reader hands it over
		{"\xed\xbf\xbf", billing.CodeInvalidCurrency, "not valid UTF-8"},
		{"\xedAR", billing.CodeInvalidCurrency, "not valid UTF-8"},
		{strings.Repeat("Z", 10000), billing.CodeInvalidCurrency, "three-letter"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseCurrency(tt.in)
			require.Error(t, err)
			assert.True(t, c.IsZero())
			var es billing.Errors
			require.ErrorAs(t, err, &es)
			require.Len(t, es, 1)
			fe := es[0]
			assert.Equal(t, "currency", fe.Field)
			assert.Equal(t, "/currency", fe.Pointer)
			assert.Equal(t, tt.code, fe.Code)
			assert.ErrorIs(t, err, tt.code)
			assert.Contains(t, fe.Message, tt.message)
			assert.Less(t, len(fe.Message), 200, "the message stays short whatever the input")
			assert.PanicsWithValue(t, "billing: "+err.Error(), func() { MustParseCurrency(tt.in) })
		})
	}
}

func TestCurrencyTableInvariants(t *testing.T) {
	all := Currencies()
	require.Len(t, all, 165)
	assert.Equal(t, 165, currencyCount)
	for i, c := range all {
		p, err := ParseCurrency(c.String())
		require.NoError(t, err, c.String())
		assert.Equal(t, c, p)
		r, ok := lookupCurrency(c.String())
		assert.True(t, ok)
		assert.Equal(t, c, r)
		if i > 0 {
			assert.Less(t, all[i-1].String(), c.String(), "sorted")
		}
		assert.NotEmpty(t, c.Name())
		assert.Equal(t, c.Name(), strings.TrimSpace(c.Name()))
		assert.True(t, 1 <= c.NumericCode() && c.NumericCode() <= 999)
		assert.LessOrEqual(t, minor(c), 4)
		_, withdrawn := lookupWithdrawn(c.String())
		assert.False(t, withdrawn, "a current code is not listed as withdrawn: %s", c)
		assert.False(t, isUnitless(c.String()))
	}
	for _, u := range unitlessCodes {
		_, err := ParseCurrency(u)
		assert.ErrorIs(t, err, billing.CodeInvalidCurrency)
	}
	for _, w := range currencies[1+currencyCount:] {
		_, err := ParseCurrency(w.code)
		assert.ErrorIs(t, err, billing.CodeInvalidCurrency)
		assert.NotEmpty(t, w.withdrawn, w.code)
	}

	// A fresh slice each time.
	all[0] = Currency{}
	assert.Equal(t, "AED", Currencies()[0].String())
}

func TestZeroCurrency(t *testing.T) {
	var c Currency
	assert.True(t, c.IsZero())
	assert.Equal(t, "", c.String())
	assert.Equal(t, "", c.Name())
	assert.Equal(t, -1, minor(c))
	assert.Equal(t, 0, c.NumericCode())
	assert.NotEqual(t, c, MustParseCurrency("AED"))
}

func TestParseCurrencyErrorIsErrors(t *testing.T) {
	_, err := ParseCurrency("zar")
	es := report.Errs(err)
	require.Len(t, es, 1)
	assert.True(t, errors.Is(err, billing.CodeInvalidCurrency))
	assert.Equal(t, `currency: invalid_currency: currency codes are upper case: send "ZAR"`, err.Error())
}
