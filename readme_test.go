package billing_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// readme returns README.md's text.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	return string(b)
}

// tableRows returns the rows of the first Markdown table after marker, as cells.
func tableRows(t *testing.T, text, marker string) [][]string {
	t.Helper()
	i := strings.Index(text, marker)
	require.GreaterOrEqual(t, i, 0, "README has no %q", marker)
	var rows [][]string
	started := false
	for _, line := range strings.Split(text[i:], "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			if started {
				break
			}
			continue
		}
		started = true
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		rows = append(rows, cells)
	}
	require.Greater(t, len(rows), 2, "table after %q is empty", marker)
	return rows[2:] // header and separator
}

func TestReadmeQuickStart(t *testing.T) {
	text := readme(t)
	block := regexp.MustCompile("(?s)## Quick start\n\n```\n(.*?)```").FindStringSubmatch(text)
	require.NotNil(t, block, "README needs a Quick start section with one code block first")
	lines := strings.Split(strings.TrimSpace(block[1]), "\n")
	require.Len(t, lines, 2, "Quick start holds exactly two commands")
	assert.True(t, strings.HasPrefix(lines[0], "go run ./cmd/billingcheck "), lines[0])
	doc := strings.Fields(lines[0])[len(strings.Fields(lines[0]))-1]
	_, err := os.Stat(doc)
	assert.NoError(t, err, "the Quick start document must exist")
	assert.Equal(t, "go test -race -count=1 ./...", lines[1])
	assert.Less(t, strings.Index(text, "## Quick start"), strings.Index(text, "\n## Install"), "Quick start comes first")
}

func TestReadmeCodeTableMatchesCodes(t *testing.T) {
	rows := tableRows(t, readme(t), "<!-- code table")
	codes := billing.Codes()
	require.Len(t, rows, len(codes), "one row per code")
	for i, c := range codes {
		assert.Equal(t, "`"+string(c)+"`", rows[i][0])
		assert.Equal(t, c.Description(), rows[i][1], "row of %s", c)
	}
}

// thousands writes n with commas, as the README writes big numbers.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestReadmeRulesTableMatchesCode(t *testing.T) {
	rows := tableRows(t, readme(t), "<!-- rules table")
	rule := map[string]string{}
	for _, r := range rows {
		rule[strings.Trim(r[0], "`")] = r[1]
	}
	cus, acc := metadata.CustomerLimits(), metadata.AccountLimits()
	max := thousands(money.MaxMinorUnits)
	want := map[string][]string{
		"external_reference": {"1–" + strconv.Itoa(ids.MaxLength), ids.CustomerIDPrefix, ids.AccountIDPrefix},
		"currency":           {strconv.Itoa(len(money.Currencies())) + " ISO 4217"},
		"balance":            {"±" + max},
		"payment_rules":      {max},
		"metadata": {
			"customer: ≤ " + strconv.Itoa(cus.MaxKeys) + " keys", "account: ≤ " + strconv.Itoa(acc.MaxKeys) + " keys",
			"key 1–" + strconv.Itoa(cus.MaxKeyLength), "value 1–" + strconv.Itoa(cus.MaxValueLength),
		},
		"id": {ids.CustomerIDPrefix, ids.AccountIDPrefix, "≤ " + strconv.Itoa(ids.MaxLength)},
	}
	assert.Equal(t, cus.MaxKeyLength, acc.MaxKeyLength)
	assert.Equal(t, cus.MaxValueLength, acc.MaxValueLength)
	for field, parts := range want {
		require.Contains(t, rule, field)
		for _, p := range parts {
			assert.Contains(t, rule[field], p, "rules row of %s", field)
		}
	}
}
