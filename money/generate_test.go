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

// sourceCSV is the module's copy of the ISO 4217 list, beside the generator command; the
// table is generated from it.
var sourceCSV = filepath.Join("internal", "gen", "iso4217-codes-all.csv")

// sharedDir is the directory that may sit beside the module root (this package's parent
// directory) and hold the upstream copy of the list, as data/iso4217-codes-all.csv.
var sharedDir = filepath.Join("..", "..", "shared")

// generatedFile is the committed table.
const generatedFile = "zz_generated_currencies.go"

// TestGeneratedTableMatchesSource regenerates the table from the module's copy of the ISO 4217
// list and fails on any byte of difference with the committed file, or when the copy is
// missing. Run go generate ./money to update the table.
func TestGeneratedTableMatchesSource(t *testing.T) {
	f, err := os.Open(sourceCSV)
	require.NoError(t, err, "the ISO 4217 list the table is generated from must be in the module")
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

// TestSourceMatchesShared checks that the module's copy of the ISO 4217 list is byte for byte
// the upstream copy in the shared directory beside the module, when that directory exists.
// The module builds and tests from its own copy alone; update it from upstream by copying
// the file, then run go generate ./money.
func TestSourceMatchesShared(t *testing.T) {
	if _, err := os.Stat(sharedDir); os.IsNotExist(err) {
		t.Skipf("%s is not present beside the module: no upstream copy of the ISO 4217 list to compare %s with", sharedDir, sourceCSV)
	}
	upstream := filepath.Join(sharedDir, "data", "iso4217-codes-all.csv")
	want, err := os.ReadFile(upstream)
	require.NoError(t, err)
	got, err := os.ReadFile(sourceCSV)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the upstream %s: copy it over, then run go generate ./money", sourceCSV, upstream)
	}
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
	pinned := map[string]int{
		"JPY": 0, "ZAR": 2, "BHD": 3, "IQD": 3, "CLF": 4, "UYW": 4, "MRU": 2, "SLE": 2,
		"VED": 2, "XCG": 2, "ZWG": 2, "COP": 2, "IDR": 2, "RSD": 2, "KWD": 3, "TND": 3,
		"ISK": 0, "KRW": 0, "VND": 0, "UYI": 0, "USD": 2, "EUR": 2, "GBP": 2, "OMR": 3,
		"JOD": 3, "LYD": 3,
	}
	for code, n := range pinned {
		c, err := ParseCurrency(code)
		if assert.NoError(t, err, code) {
			assert.Equal(t, n, minor(c), code)
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
