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
	assert.Equal(t, -1, bgn.MinorUnits())
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
