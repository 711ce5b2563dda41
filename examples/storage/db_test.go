package storage_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/examples/storage"
)

// envDatabase names the environment variable that gives the tests their database.
const envDatabase = "BILLING_TEST_DATABASE"

// databaseURL returns the URL of the test database, or skips tb when none is given.
func databaseURL(tb testing.TB) string {
	tb.Helper()
	url := os.Getenv(envDatabase)
	if url == "" {
		tb.Skipf("%s is empty: set it to a PostgreSQL URL, like postgres://user@127.0.0.1:5432/postgres, "+
			"to run the storage tests (scripts/pg.sh start gives a throwaway one)", envDatabase)
	}
	return url
}

// db is what a test needs of a connection: database/sql and pgx's own interface both
// provide it (see sqlDB and pgxDB).
type db interface {
	Exec(ctx context.Context, query string, args ...any) error
	QueryRow(ctx context.Context, query string, args ...any) row
}

// row is a row returned by QueryRow; *sql.Row and pgx.Row are rows.
type row interface {
	Scan(dest ...any) error
}

// sqlDB is a *sql.DB over pgx's stdlib driver.
type sqlDB struct{ *sql.DB }

func (d sqlDB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := d.ExecContext(ctx, query, args...)
	return err
}

func (d sqlDB) QueryRow(ctx context.Context, query string, args ...any) row {
	return d.QueryRowContext(ctx, query, args...)
}

// pgxDB is a pgx connection pool: pgx's own encoding and decoding, not database/sql's.
type pgxDB struct{ *pgxpool.Pool }

func (d pgxDB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := d.Pool.Exec(ctx, query, args...)
	return err
}

func (d pgxDB) QueryRow(ctx context.Context, query string, args ...any) row {
	return d.Pool.QueryRow(ctx, query, args...)
}

// dbDriver is one way of reaching the database.
type dbDriver struct {
	name string
	open func(tb testing.TB, cfg *pgx.ConnConfig) db
}

// drivers are the ways every value is stored and read: database/sql over pgx's stdlib
// driver, pgx's own interface with its default extended protocol (parameters typed by the
// server, binary where pgx can), and pgx with the simple protocol (parameters written into
// the SQL text by pgx, as behind a connection pooler).
var drivers = []dbDriver{
	{"database/sql", func(tb testing.TB, cfg *pgx.ConnConfig) db {
		d := stdlib.OpenDB(*cfg)
		tb.Cleanup(func() { _ = d.Close() })
		return sqlDB{d}
	}},
	{"pgx", func(tb testing.TB, cfg *pgx.ConnConfig) db { return openPool(tb, cfg, pgx.QueryExecModeCacheStatement) }},
	{"pgx simple protocol", func(tb testing.TB, cfg *pgx.ConnConfig) db {
		return openPool(tb, cfg, pgx.QueryExecModeSimpleProtocol)
	}},
}

func openPool(tb testing.TB, cfg *pgx.ConnConfig, mode pgx.QueryExecMode) db {
	pc, err := pgxpool.ParseConfig("")
	require.NoError(tb, err)
	pc.ConnConfig = cfg.Copy()
	pc.ConnConfig.DefaultQueryExecMode = mode
	pool, err := pgxpool.NewWithConfig(context.Background(), pc)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	return pgxDB{pool}
}

// newSchema creates a schema of its own for tb, holding the reference schema, and drops
// it when tb ends. It returns a connection configuration whose search_path is that
// schema, so that the tests name their tables unqualified and can run in parallel.
func newSchema(tb testing.TB) *pgx.ConnConfig {
	tb.Helper()
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(databaseURL(tb))
	require.NoError(tb, err)
	admin, err := pgx.ConnectConfig(ctx, cfg)
	require.NoError(tb, err, "connecting to %s", envDatabase)

	schema := "billing_test_" + strings.ToLower(rand.Text()[:12]) // search_path folds case
	_, err = admin.Exec(ctx, "create schema "+pgx.Identifier{schema}.Sanitize())
	require.NoError(tb, err)
	tb.Cleanup(func() {
		_, err := admin.Exec(ctx, "drop schema "+pgx.Identifier{schema}.Sanitize()+" cascade")
		if err != nil {
			tb.Errorf("dropping schema %s: %v", schema, err)
		}
		_ = admin.Close(ctx)
	})

	_, err = admin.Exec(ctx, "set search_path to "+pgx.Identifier{schema}.Sanitize())
	require.NoError(tb, err)
	_, err = admin.Exec(ctx, storage.Schema)
	require.NoError(tb, err, "creating the reference schema")
	cfg.RuntimeParams["search_path"] = schema
	return cfg
}

// eachDriver runs f as a parallel subtest of t for each driver, each in a schema of its own.
func eachDriver(t *testing.T, f func(t *testing.T, d db)) {
	t.Helper()
	databaseURL(t)
	for _, drv := range drivers {
		t.Run(drv.name, func(t *testing.T) {
			t.Parallel()
			f(t, drv.open(t, newSchema(t)))
		})
	}
}

// errs returns the billing.Errors in err's chain (database/sql and pgx wrap a Scan's
// error), failing t when there is none.
func errs(t *testing.T, err error) billing.Errors {
	t.Helper()
	var es billing.Errors
	require.True(t, errors.As(err, &es), "want a billing.Errors in the chain of %v (%T)", err, err)
	return es
}

// requireOne requires err to hold exactly one failure, of code at field, and returns it.
func requireOne(t *testing.T, err error, field string, code billing.Code) *billing.FieldError {
	t.Helper()
	require.Error(t, err)
	es := errs(t, err)
	require.Len(t, es, 1, "%v", es)
	require.Equal(t, field, es[0].Field, "%v", es)
	require.Equal(t, code, es[0].Code, "%v", es)
	require.ErrorIs(t, err, code)
	return es[0]
}

// count returns the number of rows of table.
func count(t *testing.T, d db, table string) int {
	t.Helper()
	var n int
	require.NoError(t, d.QueryRow(context.Background(), fmt.Sprintf("select count(*) from %s", table)).Scan(&n))
	return n
}
