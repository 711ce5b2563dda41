package money

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// minor returns c's digits after the point, or -1 when its minor unit is unknown, for
// tests that compare it with a table.
func minor(c Currency) int {
	n, ok := c.MinorUnits()
	if !ok {
		return -1
	}
	return n
}

// TestMinorUnits: the minor unit is known exactly for the accepted currencies, and for no
// other Currency: the zero one and every withdrawn one report false, and 0 beside it.
func TestMinorUnits(t *testing.T) {
	for _, c := range Currencies() {
		n, ok := c.MinorUnits()
		assert.True(t, ok, c.String())
		assert.Equal(t, int(c.info().minor), n)
	}
	for _, c := range []Currency{{}, MustParseStoredCurrency("BGN"), {idx: 1 + currencyCount}, {idx: currencyCount + withdrawnCount}} {
		n, ok := c.MinorUnits()
		assert.False(t, ok, c.String())
		assert.Equal(t, 0, n)
	}
}
