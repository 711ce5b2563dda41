package ids_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/scantest"
)

// FuzzScan feeds every Scan of the package each kind of column built from the input
// (string, []byte, int64, float64, bool, time.Time, NULL): none panics, a failure is a
// billing.Errors at the value's member that leaves the value zero, and a value read is
// written back by Value as the very text it was read from.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"bcus_H4jp6KnU5cPw263v1jyz4", "bacc_7Qm2XvR9pLk4TzW8nYc3D", "CRM-0042_a",
		"3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "", "bcus_", "bcus_abc   ", "bcus_\xff",
		strings.Repeat("a", 256), "sk_test_abc",
	} {
		f.Add([]byte(s), int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[ids.CustomerID](t, "/id", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[ids.AccountID](t, "/id", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[ids.ExternalReference](t, "/external_reference", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[ids.IdempotencyKey](t, "/idempotency_key", src)
		}
	})
}

// TestScanBadColumns: a column that holds no valid value is refused with the failure of
// the value's parser, whatever produced it, and the value scanned into is left as it was.
// A char(n) column pads with spaces; the padding is refused, never trimmed.
func TestScanBadColumns(t *testing.T) {
	cus := ids.MustParseCustomerID("bcus_keep1")
	ref := ids.MustParseExternalReference("keep-1")
	key := ids.MustParseIdempotencyKey("keep-1")
	long := strings.Repeat("a", ids.MaxLength+1)
	tests := []struct {
		name string
		src  any
		code billing.Code
	}{
		{"over-long text", "bcus_" + long, billing.CodeTooLong},
		{"over-long bytes", []byte("bcus_" + long), billing.CodeTooLong},
		{"invalid UTF-8", "bcus_a\xffb", billing.CodeInvalidFormat},
		{"char(n) padding", "bcus_keep1   ", billing.CodeInvalidFormat},
		{"leading space", []byte(" bcus_keep1"), billing.CodeInvalidFormat},
		{"another kind of ID", "bacc_keep1", billing.CodeInvalidFormat},
		{"empty", "", billing.CodeRequired},
		{"number", int64(12), billing.CodeInvalidType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scantest.Refuses(t, cus, tt.src, "/id", tt.code)
		})
	}
	scantest.Refuses(t, ref, "keep-1 ", "/external_reference", billing.CodeInvalidFormat)
	scantest.Refuses(t, ref, []byte("k\xffe"), "/external_reference", billing.CodeInvalidFormat)
	scantest.Refuses(t, key, long, "/idempotency_key", billing.CodeTooLong)
	scantest.Refuses(t, key, "keep-1\x00", "/idempotency_key", billing.CodeInvalidFormat)
}

// TestIdempotencyKeySQL: a service stores the keys it has seen; a key reads back as it
// was written, and NULL and the zero key follow the package's rules.
func TestIdempotencyKeySQL(t *testing.T) {
	db := echoDB(t)
	key := ids.MustParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	var got ids.IdempotencyKey
	require.NoError(t, db.QueryRow("q", key).Scan(&got))
	assert.Equal(t, key, got)
	require.NoError(t, got.Scan([]byte("key-2")))
	assert.Equal(t, "key-2", got.String())

	fe := requireFailure(t, got.Scan(nil), "idempotency_key", billing.CodeRequired)
	assert.Contains(t, fe.Message, "sql.Null[ids.IdempotencyKey]")
	assert.Equal(t, "key-2", got.String())
	var n sql.Null[ids.IdempotencyKey]
	require.NoError(t, db.QueryRow("q", nil).Scan(&n))
	assert.False(t, n.Valid)

	_, err := ids.IdempotencyKey{}.Value()
	requireFailure(t, err, "idempotency_key", billing.CodeRequired)
	v, err := key.Value()
	require.NoError(t, err)
	assert.Equal(t, key.String(), v)
}
