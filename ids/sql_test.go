package ids_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// echo is a database/sql driver whose every query returns one row holding its one argument,
// after database/sql has converted it (so Value is called) and before Scan reads it back.
type echo struct{}

func (echo) Connect(context.Context) (driver.Conn, error) { return echo{}, nil }
func (echo) Driver() driver.Driver                        { return nil }
func (echo) Prepare(string) (driver.Stmt, error)          { return echo{}, nil }
func (echo) Close() error                                 { return nil }
func (echo) Begin() (driver.Tx, error)                    { return nil, errors.New("no transactions") }
func (echo) NumInput() int                                { return 1 }
func (echo) Exec([]driver.Value) (driver.Result, error)   { return nil, errors.New("no exec") }
func (echo) Query(args []driver.Value) (driver.Rows, error) {
	return &echoRows{v: args[0]}, nil
}

type echoRows struct {
	v    driver.Value
	done bool
}

func (r *echoRows) Columns() []string { return []string{"v"} }
func (r *echoRows) Close() error      { return nil }
func (r *echoRows) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	dest[0], r.done = r.v, true
	return nil
}

func echoDB(t *testing.T) *sql.DB {
	db := sql.OpenDB(echo{})
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSQLRoundTrip(t *testing.T) {
	db := echoDB(t)

	cus := ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
	var gotCus ids.CustomerID
	require.NoError(t, db.QueryRow("q", cus).Scan(&gotCus))
	assert.Equal(t, cus, gotCus)

	acc := ids.MustParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	var gotAcc ids.AccountID
	require.NoError(t, db.QueryRow("q", acc).Scan(&gotAcc))
	assert.Equal(t, acc, gotAcc)

	ref := ids.MustParseExternalReference("CRM-0042_a")
	var gotRef ids.ExternalReference
	require.NoError(t, db.QueryRow("q", ref).Scan(&gotRef))
	assert.Equal(t, ref, gotRef)

	// A []byte column reads the same, and the bytes are copied.
	raw := []byte("bcus_bytes1")
	require.NoError(t, gotCus.Scan(raw))
	raw[5] = '!'
	assert.Equal(t, "bcus_bytes1", gotCus.String())
	require.NoError(t, gotAcc.Scan([]byte("bacc_bytes1")))
	assert.Equal(t, "bacc_bytes1", gotAcc.String())
	require.NoError(t, gotRef.Scan([]byte("ref-1")))
	assert.Equal(t, "ref-1", gotRef.String())
}

func TestSQLNull(t *testing.T) {
	db := echoDB(t)

	// NULL does not scan into a plain value; the message names the types that take it.
	nulls := []struct {
		typ   string
		dest  any
		field string
	}{
		{"CustomerID", new(ids.CustomerID), "id"},
		{"AccountID", new(ids.AccountID), "id"},
		{"ExternalReference", new(ids.ExternalReference), "external_reference"},
	}
	for _, n := range nulls {
		fe := requireFailure(t, db.QueryRow("q", nil).Scan(n.dest), n.field, billing.CodeRequired)
		assert.Contains(t, fe.Message, "sql.Null[ids."+n.typ+"]")
		assert.Contains(t, fe.Message, "*ids."+n.typ)
		fe = requireFailure(t, n.dest.(sql.Scanner).Scan(nil), n.field, billing.CodeRequired)
		assert.Contains(t, fe.Message, "sql.Null[ids."+n.typ+"]")
		assert.True(t, n.dest.(interface{ IsZero() bool }).IsZero())
	}

	// sql.Null[T] reads NULL as Valid == false, and writes NULL when not Valid.
	var n sql.Null[ids.CustomerID]
	require.NoError(t, db.QueryRow("q", sql.Null[ids.CustomerID]{}).Scan(&n))
	assert.False(t, n.Valid)
	cus := ids.MustParseCustomerID("bcus_n1")
	require.NoError(t, db.QueryRow("q", sql.Null[ids.CustomerID]{V: cus, Valid: true}).Scan(&n))
	assert.True(t, n.Valid)
	assert.Equal(t, cus, n.V)
	var nacc sql.Null[ids.AccountID]
	require.NoError(t, db.QueryRow("q", "bacc_n1").Scan(&nacc))
	assert.Equal(t, "bacc_n1", nacc.V.String())

	// A pointer reads NULL as nil; a nil pointer writes NULL.
	var p *ids.CustomerID
	require.NoError(t, db.QueryRow("q", (*ids.CustomerID)(nil)).Scan(&p))
	assert.Nil(t, p)
	require.NoError(t, db.QueryRow("q", "bcus_p1").Scan(&p))
	require.NotNil(t, p)
	assert.Equal(t, "bcus_p1", p.String())

	// A bad value in a nullable column is still refused.
	err := db.QueryRow("q", "bacc_x").Scan(&n)
	requireFailure(t, err, "id", billing.CodeInvalidFormat)
}

func TestSQLFailures(t *testing.T) {
	db := echoDB(t)

	// The zero value is not written: neither NULL nor "".
	err := db.QueryRow("q", ids.CustomerID{}).Scan(new(any))
	requireFailure(t, err, "id", billing.CodeRequired)
	_, err = ids.AccountID{}.Value()
	requireFailure(t, err, "id", billing.CodeRequired)
	_, err = ids.ExternalReference{}.Value()
	requireFailure(t, err, "external_reference", billing.CodeRequired)

	// A column that is not a string.
	var id ids.CustomerID
	requireFailure(t, db.QueryRow("q", int64(7)).Scan(&id), "id", billing.CodeInvalidType)
	var acc ids.AccountID
	requireFailure(t, acc.Scan(3.5), "id", billing.CodeInvalidType)
	var ref ids.ExternalReference
	requireFailure(t, ref.Scan(true), "external_reference", billing.CodeInvalidType)

	// A string that does not parse; the value is left as it was.
	id = ids.MustParseCustomerID("bcus_keep")
	requireFailure(t, id.Scan("bcus_"), "id", billing.CodeInvalidFormat)
	assert.Equal(t, "bcus_keep", id.String())
	requireFailure(t, acc.Scan(""), "id", billing.CodeRequired)
	requireFailure(t, ref.Scan(megabyte), "external_reference", billing.CodeTooLong)

	v, err := ids.MustParseAccountID("bacc_v1").Value()
	require.NoError(t, err)
	assert.Equal(t, "bacc_v1", v)
	v, err = ids.MustParseExternalReference("r").Value()
	require.NoError(t, err)
	assert.Equal(t, "r", v)
}
