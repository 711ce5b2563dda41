package money

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/money/internal/isogen"
)

// sourceCSV is the ISO 4217 list, beside the module root (this package's parent directory).
var sourceCSV = filepath.Join("..", "..", "shared", "data", "iso4217-codes-all.csv")

// generatedFile is the committed table.
const generatedFile = "zz_generated_currencies.go"

// TestGeneratedTableMatchesSource regenerates the table from the ISO 4217 list and fails on
// any byte of difference with the committed file. Run go generate ./money to update it.
func TestGeneratedTableMatchesSource(t *testing.T) {
	f, err := os.Open(sourceCSV)
	if os.IsNotExist(err) {
		t.Skipf("%s is not present: cannot check the table against its source", sourceCSV)
	}
	require.NoError(t, err)
	defer f.Close()
	d, err := isogen.Read(f)
	require.NoError(t, err)
	want, err := isogen.Generate(d, "", "go run ./internal/gen")
	require.NoError(t, err)
	got, err := os.ReadFile(generatedFile)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from what %s generates: run go generate ./money", generatedFile, sourceCSV)
	}
	assert.Len(t, d.Currencies, 165)
	assert.Equal(t, "2026-01", d.Latest)
}

func TestGeneratedHeader(t *testing.T) {
	b, err := os.ReadFile(generatedFile)
	require.NoError(t, err)
	// The standard marker of generated files (go help generate).
	assert.Regexp(t, regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`), string(b))
	assert.Regexp(t, `^ISO 4217 List One and withdrawn codes, as of [0-9]{4}-[0-9]{2}$`, ISO4217Source)
}

// TestPinnedCodes pins the codes that other tables get wrong, from the committed table alone.
func TestPinnedCodes(t *testing.T) {
	minor := map[string]int{
		"JPY": 0, "ZAR": 2, "BHD": 3, "IQD": 3, "CLF": 4, "UYW": 4, "MRU": 2, "SLE": 2,
		"VED": 2, "XCG": 2, "ZWG": 2, "COP": 2, "IDR": 2, "RSD": 2, "KWD": 3, "TND": 3,
		"ISK": 0, "KRW": 0, "VND": 0, "UYI": 0, "USD": 2, "EUR": 2, "GBP": 2, "OMR": 3,
		"JOD": 3, "LYD": 3,
	}
	for code, n := range minor {
		c, err := ParseCurrency(code)
		if assert.NoError(t, err, code) {
			assert.Equal(t, n, c.MinorUnits(), code)
		}
	}
	for _, code := range []string{"HRK", "SLL", "ZWL", "ANG", "MRO", "STD", "VEF", "BYR", "LTL", "LVL", "EEK", "BGN", "CUC"} {
		_, err := ParseCurrency(code)
		if assert.Error(t, err, code) {
			assert.Contains(t, err.Error(), "was withdrawn", code)
		}
	}
	for _, code := range []string{"XAU", "XTS", "XXX", "XDR", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XSU", "XUA"} {
		_, err := ParseCurrency(code)
		assert.Error(t, err, code)
	}
	assert.Len(t, Currencies(), 165)
}
