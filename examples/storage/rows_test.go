package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// The columns of each table in the order of its Record's fields.
const (
	customerColumns = "id, external_reference, name, email, phone, currency, balance, payment_rules, metadata"
	accountColumns  = "id, external_reference, customer_id, name, currency, balance, payment_rules, metadata"
)

// customerFields returns the addresses of r's fields, for Scan, in the order of
// customerColumns.
func customerFields(r *customer.Record) []any {
	return []any{&r.ID, &r.ExternalReference, &r.Name, &r.Email, &r.Phone, &r.Currency, &r.Balance, &r.PaymentRules, &r.Metadata}
}

// customerArgs returns r's fields, for Exec, in the order of customerColumns.
func customerArgs(r customer.Record) []any {
	return []any{r.ID, r.ExternalReference, r.Name, r.Email, r.Phone, r.Currency, r.Balance, r.PaymentRules, r.Metadata}
}

func accountFields(r *account.Record) []any {
	return []any{&r.ID, &r.ExternalReference, &r.CustomerID, &r.Name, &r.Currency, &r.Balance, &r.PaymentRules, &r.Metadata}
}

func accountArgs(r account.Record) []any {
	return []any{r.ID, r.ExternalReference, r.CustomerID, r.Name, r.Currency, r.Balance, r.PaymentRules, r.Metadata}
}

// placeholders returns "$1, $2, …, $n".
func placeholders(n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", i+1)
	}
	return strings.Join(p, ", ")
}

var (
	insertCustomer = "insert into customers (" + customerColumns + ") values (" + placeholders(9) + ")"
	selectCustomer = "select " + customerColumns + " from customers where id = $1"
	updateCustomer = "update customers set (" + customerColumns + ") = (" + placeholders(9) + ") where id = $1"
	insertAccount  = "insert into accounts (" + accountColumns + ") values (" + placeholders(8) + ")"
	selectAccount  = "select " + accountColumns + " from accounts where id = $1"
	updateAccount  = "update accounts set (" + accountColumns + ") = (" + placeholders(8) + ") where id = $1"
)

// validObjects returns the valid objects of kind ("customer", "account") in the module's
// test data, by file name.
func validObjects(t testing.TB, kind string) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", kind, "valid-*.json"))
	require.NoError(t, err)
	docs := map[string][]byte{}
	for _, f := range files {
		if strings.HasSuffix(f, ".errors.json") {
			continue
		}
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		docs[strings.TrimSuffix(filepath.Base(f), ".json")] = data
	}
	require.NotEmpty(t, docs, "no valid %s objects in the test data", kind)
	return docs
}

// readCustomer reads the customer row of id, whole, through Scan and FromRecord.
func readCustomer(t *testing.T, d db, id any) customer.Customer {
	t.Helper()
	var rec customer.Record
	require.NoError(t, d.QueryRow(context.Background(), selectCustomer, id).Scan(customerFields(&rec)...))
	c, err := customer.FromRecord(rec)
	require.NoError(t, err)
	return c
}

// TestCustomerRows writes every valid customer object of the test data as a row (its
// Record), checks the columns' text, reads the row back whole (Scan, FromRecord) to an
// equal customer with the same JSON, and writes it back unchanged.
func TestCustomerRows(t *testing.T) {
	t.Parallel()
	for name, data := range validObjects(t, "customer") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := customer.Decode(data)
			require.NoError(t, err)
			want, err := c.MarshalJSON()
			require.NoError(t, err)
			eachDriver(t, func(t *testing.T, d db) {
				ctx := context.Background()
				require.NoError(t, d.Exec(ctx, insertCustomer, customerArgs(c.Record())...))
				checkCustomerText(t, d, c)

				back := readCustomer(t, d, c.ID())
				assert.True(t, c.Equal(back), "read %v, wrote %v", back, c)
				got, err := back.MarshalJSON()
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(got))

				require.NoError(t, d.Exec(ctx, updateCustomer, customerArgs(back.Record())...))
				again := readCustomer(t, d, c.ID())
				assert.True(t, c.Equal(again), "written back, read %v", again)
				assert.Equal(t, 1, count(t, d, "customers"))
			})
		})
	}
}

// checkCustomerText checks each column's text against the customer's accessors: the
// whole value, never a masked one; NULL for what the customer does not hold.
func checkCustomerText(t *testing.T, d db, c customer.Customer) {
	t.Helper()
	var text [9]sql.NullString
	dest := make([]any, len(text))
	for i := range text {
		dest[i] = &text[i]
	}
	q := "select id::text, external_reference::text, name::text, email::text, phone::text, currency::text, " +
		"balance::text, payment_rules::text, metadata::text from customers where id = $1"
	require.NoError(t, d.QueryRow(context.Background(), q, c.ID()).Scan(dest...))
	want := func(s string, ok bool) sql.NullString {
		if !ok {
			return sql.NullString{}
		}
		return sql.NullString{String: s, Valid: true}
	}
	name, ok := c.Name()
	assert.Equal(t, want(name.String(), ok), text[2], "name")
	email, ok := c.Email()
	assert.Equal(t, want(email.Address(), ok), text[3], "email: the whole address")
	phone, ok := c.Phone()
	assert.Equal(t, want(phone.E164(), ok), text[4], "phone: the whole number")
	assert.Equal(t, c.ID().String(), text[0].String)
	assert.Equal(t, c.ExternalReference().String(), text[1].String)
	cur, ok := c.Currency()
	assert.Equal(t, want(cur.String(), ok), text[5], "currency")
	bal, ok := c.Balance()
	assert.Equal(t, want(fmt.Sprint(bal.Minor()), ok), text[6], "balance: minor units")
	for _, s := range text {
		assert.NotContains(t, s.String, "*", "no masked value")
	}
	rules, ok := c.PaymentRules()
	assert.Equal(t, ok, text[7].Valid, "payment_rules")
	if ok {
		assert.Equal(t, fmt.Sprintf(`{"max_amount": %d, "min_amount": %d, "overpayment_allowed": %t, "underpayment_allowed": %t}`,
			rules.MaxAmount(), rules.MinAmount(), rules.OverpaymentAllowed(), rules.UnderpaymentAllowed()), text[7].String)
	}
	meta, ok := c.Metadata()
	assert.Equal(t, ok, text[8].Valid, "metadata: absent is NULL, {} is '{}'")
	if ok && meta.Len() == 0 {
		assert.Equal(t, "{}", text[8].String)
	}
}

// TestAccountRows does for accounts what TestCustomerRows does for customers.
func TestAccountRows(t *testing.T) {
	t.Parallel()
	for name, data := range validObjects(t, "account") {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, err := account.Decode(data)
			require.NoError(t, err)
			want, err := a.MarshalJSON()
			require.NoError(t, err)
			eachDriver(t, func(t *testing.T, d db) {
				ctx := context.Background()
				require.NoError(t, d.Exec(ctx, "insert into customers (id, external_reference) values ($1, 'cust_owner')", a.CustomerID()))
				require.NoError(t, d.Exec(ctx, insertAccount, accountArgs(a.Record())...))

				read := func() account.Account {
					var rec account.Record
					require.NoError(t, d.QueryRow(ctx, selectAccount, a.ID()).Scan(accountFields(&rec)...))
					back, err := account.FromRecord(rec)
					require.NoError(t, err)
					return back
				}
				back := read()
				assert.True(t, a.Equal(back), "read %v, wrote %v", back, a)
				got, err := back.MarshalJSON()
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(got))

				require.NoError(t, d.Exec(ctx, updateAccount, accountArgs(back.Record())...))
				assert.True(t, a.Equal(read()))
			})
		})
	}
}

// TestEmptyAndAbsentMetadataRows: a customer with metadata {} and one without metadata
// are different customers, and stay different through a row: '{}' and NULL.
func TestEmptyAndAbsentMetadataRows(t *testing.T) {
	t.Parallel()
	empty, err := customer.Decode([]byte(`{"id":"bcus_Empty1","external_reference":"c_empty","metadata":{}}`))
	require.NoError(t, err)
	absent, err := customer.Decode([]byte(`{"id":"bcus_Absent1","external_reference":"c_absent"}`))
	require.NoError(t, err)
	require.False(t, empty.Equal(absent))
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		for _, c := range []customer.Customer{empty, absent} {
			require.NoError(t, d.Exec(ctx, insertCustomer, customerArgs(c.Record())...))
		}
		var text sql.NullString
		require.NoError(t, d.QueryRow(ctx, "select metadata::text from customers where id = $1", empty.ID()).Scan(&text))
		assert.Equal(t, sql.NullString{String: "{}", Valid: true}, text)
		require.NoError(t, d.QueryRow(ctx, "select metadata::text from customers where id = $1", absent.ID()).Scan(&text))
		assert.False(t, text.Valid)

		for _, c := range []customer.Customer{empty, absent} {
			back := readCustomer(t, d, c.ID())
			assert.True(t, c.Equal(back), "%v", back)
			_, has := back.Metadata()
			_, want := c.Metadata()
			assert.Equal(t, want, has)
		}
	})
}

// TestRowsAcrossColumns: FromRecord checks what spans the columns, which no single Scan
// can: a balance needs a currency, an account's metadata holds at most 10 keys.
func TestRowsAcrossColumns(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		require.NoError(t, d.Exec(ctx, "insert into customers (id, external_reference, balance) values ('bcus_NoCurrency', 'c1', 2000)"))
		var rec customer.Record
		require.NoError(t, d.QueryRow(ctx, selectCustomer, "bcus_NoCurrency").Scan(customerFields(&rec)...))
		_, err := customer.FromRecord(rec)
		requireOne(t, err, "currency", billing.CodeRequired)

		require.NoError(t, d.Exec(ctx, "insert into accounts (id, external_reference, customer_id, metadata) values "+
			"('bacc_ManyKeys', 'a1', 'bcus_NoCurrency', $1::jsonb)", manyKeys(11)))
		var arec account.Record
		require.NoError(t, d.QueryRow(ctx, selectAccount, "bacc_ManyKeys").Scan(accountFields(&arec)...),
			"a metadata column reads as a customer's, up to 20 keys")
		_, err = account.FromRecord(arec)
		requireOne(t, err, "metadata", billing.CodeTooManyKeys)
	})
}

// TestHistoryProofRows: a row written by an earlier release (a phone outside today's
// numbering plans, a currency since withdrawn from ISO 4217) reads back, and its JSON
// and its columns are written again unchanged.
func TestHistoryProofRows(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		require.NoError(t, d.Exec(ctx, "insert into customers (id, external_reference, phone, currency, balance) "+
			"values ('bcus_Old1', 'c_old', '+2712345', 'BGN', 1500)"))
		c := readCustomer(t, d, "bcus_Old1")
		data, err := c.MarshalJSON()
		require.NoError(t, err)
		assert.JSONEq(t, `{"id":"bcus_Old1","external_reference":"c_old","phone":"+2712345","currency":"BGN","balance":1500}`, string(data))

		require.NoError(t, d.Exec(ctx, updateCustomer, customerArgs(c.Record())...))
		var text string
		require.NoError(t, d.QueryRow(ctx, "select concat_ws(' ', phone, currency, balance) from customers").Scan(&text))
		assert.Equal(t, "+2712345 BGN 1500", text)
	})
}

// TestExternalReferenceIsUnique: the library checks a reference's shape; the schema's
// unique index keeps two customers (or two accounts) from sharing one.
func TestExternalReferenceIsUnique(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		ref := ids.MustParseExternalReference("crm-1")
		require.NoError(t, d.Exec(ctx, "insert into customers (id, external_reference) values ($1, $2)", ids.NewCustomerID(), ref))
		err := d.Exec(ctx, "insert into customers (id, external_reference) values ($1, $2)", ids.NewCustomerID(), ref)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "%v", err)
		assert.Equal(t, "23505", pgErr.Code, "unique_violation")
		assert.Equal(t, "customers_external_reference", pgErr.ConstraintName)
	})
}
