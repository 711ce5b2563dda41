package storage_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/examples/storage"
)

// statements returns the SQL statements of src, each with its comments removed and its
// white space collapsed, so that two copies of a schema compare by what they say.
func statements(src string) []string {
	var out []string
	for stmt := range strings.SplitSeq(regexp.MustCompile(`--[^\n]*`).ReplaceAllString(src, ""), ";") {
		if s := strings.Join(strings.Fields(stmt), " "); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestSchemaIsTheREADMEs: the README gives the reference schema (its sql block that
// creates the customers table), and it is the one the tests run, statement for statement.
func TestSchemaIsTheREADMEs(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	for _, b := range blocks {
		if strings.Contains(b[1], "create table customers") {
			assert.Equal(t, statements(storage.Schema), statements(b[1]),
				"the README's reference schema and examples/storage/schema.sql differ")
			return
		}
	}
	t.Error("the README has no sql block that creates the customers table: it gives the reference schema, examples/storage/schema.sql")
}

// TestSchemaStatements: the schema creates the two tables and their unique indexes on
// external_reference, nothing else.
func TestSchemaStatements(t *testing.T) {
	stmts := statements(storage.Schema)
	require.Len(t, stmts, 4)
	assert.True(t, strings.HasPrefix(stmts[0], "create table customers ("))
	assert.Equal(t, "create unique index customers_external_reference on customers (external_reference)", stmts[1])
	assert.True(t, strings.HasPrefix(stmts[2], "create table accounts ("))
	assert.Equal(t, "create unique index accounts_external_reference on accounts (external_reference)", stmts[3])
}
