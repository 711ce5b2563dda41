package money_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/money"
)

func TestStoredCurrency(t *testing.T) {
	tests := []struct {
		code, date string
		withdrawn  bool
		fails      billing.Code
	}{
		{"ZAR", "", false, ""},
		{"EUR", "", false, ""}, // current, though the file also has withdrawn rows for it
		{"BGN", "2026-01", true, ""},
		{"HRK", "2023-01", true, ""},
		{"zar", "", false, billing.CodeInvalidCurrency},
		{"XTS", "", false, billing.CodeInvalidCurrency},
		{"", "", false, billing.CodeRequired},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, err := money.ParseStoredCurrency(tt.code)
			if tt.fails != "" {
				assert.ErrorIs(t, err, tt.fails)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.code, c.String())
			date, ok := c.Withdrawn()
			assert.Equal(t, tt.withdrawn, ok)
			assert.Equal(t, tt.date, date)
			_, strictErr := money.ParseCurrency(tt.code)
			assert.Equal(t, tt.withdrawn, strictErr != nil, "requests stay strict")
			var scanned money.Currency
			require.NoError(t, scanned.Scan(tt.code))
			assert.Equal(t, c, scanned)
			v, err := c.Value()
			require.NoError(t, err)
			assert.Equal(t, tt.code, v, "written back unchanged")
			b, err := c.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, `"`+tt.code+`"`, string(b))
		})
	}
}

// TestWithdrawnMinorUnitUnknown: nothing that needs the minor unit pretends to know it.
func TestWithdrawnMinorUnitUnknown(t *testing.T) {
	bgn := money.MustParseStoredCurrency("BGN")
	n, ok := bgn.MinorUnits()
	assert.False(t, ok)
	assert.Zero(t, n)
	_, err := money.ParseAmount("20.00", bgn)
	assert.ErrorIs(t, err, billing.CodeInvalidCurrency)
	a, err := money.NewAmount(2000, bgn)
	require.NoError(t, err)
	assert.Equal(t, "BGN 2000 minor units", a.String())
	assert.Equal(t, "BGN 2000 minor units", a.Display(language.German))
	rules := money.MustNewPaymentRules(1, 5000, money.AllowOverpayment)
	assert.ErrorIs(t, rules.Check(a, a), money.ErrWithdrawnCurrency)
	assert.ErrorIs(t, rules.CheckUntracked(a, bgn), money.ErrWithdrawnCurrency)
}

// TestWithdrawnTable: a withdrawn currency carries what ISO 4217's data gives of it, from
// the row of its latest withdrawal: the name and the numeric code (0 where there is none).
func TestWithdrawnTable(t *testing.T) {
	tests := []struct {
		code, name, date string
		numeric          int
	}{
		{"BGN", "Bulgarian Lev", "2026-01", 975},
		{"HRK", "Kuna", "2023-01", 191},
		{"ARY", "Peso", "1989 to 1990", 32},
		{"XFO", "Gold-Franc", "2006-10", 0},
	}
	for _, tt := range tests {
		c := money.MustParseStoredCurrency(tt.code)
		assert.Equal(t, tt.code, c.String())
		assert.Equal(t, tt.name, c.Name())
		assert.Equal(t, tt.numeric, c.NumericCode())
		date, ok := c.Withdrawn()
		assert.True(t, ok)
		assert.Equal(t, tt.date, date)
		assert.False(t, c.IsZero())
		assert.NotContains(t, money.Currencies(), c, "Currencies lists the accepted ones only")
	}
	date, ok := money.Currency{}.Withdrawn()
	assert.False(t, ok)
	assert.Empty(t, date)

	_, err := money.ParseStoredCurrency("bgn")
	assert.ErrorContains(t, err, `send "BGN"`)
	_, err = money.ParseCurrency("bgn")
	assert.NotContains(t, err.Error(), `send "BGN"`, "a request is never told to send a withdrawn code")
	assert.Panics(t, func() { money.MustParseStoredCurrency("XTS") })
}

// TestWithdrawnAmount: an amount in a withdrawn currency keeps its minor units exactly, adds
// and compares in them, and is encoded as any other; the strict JSON decoder, which reads
// what requests send, refuses it.
func TestWithdrawnAmount(t *testing.T) {
	bgn := money.MustParseStoredCurrency("BGN")
	a := money.MustNewAmount(2000, bgn)
	b, err := a.Add(money.MustNewAmount(-2500, bgn))
	require.NoError(t, err)
	assert.Equal(t, "BGN -500 minor units", b.String())
	cmp, err := a.Cmp(b)
	require.NoError(t, err)
	assert.Equal(t, 1, cmp)
	_, err = a.Add(money.MustNewAmount(1, money.MustParseCurrency("EUR")))
	assert.ErrorIs(t, err, money.ErrCurrencyMismatch)

	out, err := a.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"amount":2000,"currency":"BGN"}`, string(out))
	var back money.Amount
	assert.ErrorIs(t, back.UnmarshalJSON(out), billing.CodeInvalidCurrency)
	var c money.Currency
	assert.ErrorIs(t, c.UnmarshalText([]byte("BGN")), billing.CodeInvalidCurrency)
	assert.ErrorIs(t, c.UnmarshalJSON([]byte(`"BGN"`)), billing.CodeInvalidCurrency)
	assert.True(t, c.IsZero())
}
