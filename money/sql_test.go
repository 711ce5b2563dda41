package money

import (
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
)

var (
	_ sql.Scanner   = (*Currency)(nil)
	_ driver.Valuer = Currency{}
)

func TestCurrencySQL(t *testing.T) {
	v, err := zar.Value()
	require.NoError(t, err)
	assert.Equal(t, "ZAR", v)
	v, err = Currency{}.Value()
	require.NoError(t, err)
	assert.Nil(t, v)

	var c Currency
	require.NoError(t, c.Scan("JPY"))
	assert.Equal(t, jpy, c)
	require.NoError(t, c.Scan([]byte("BHD")))
	assert.Equal(t, bhd, c)
	assert.ErrorIs(t, c.Scan("HRK"), billing.ErrInvalidCurrency)
	assert.ErrorIs(t, c.Scan([]byte("hrk")), billing.ErrInvalidCurrency)
	assert.Error(t, c.Scan(int64(710)))
	assert.Equal(t, bhd, c, "unchanged on failure")
	require.NoError(t, c.Scan(nil))
	assert.True(t, c.IsZero())
}
