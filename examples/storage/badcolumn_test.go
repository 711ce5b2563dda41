package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// TestAmountIsStoredAsItsParts: an Amount does not fit one column. Storing it whole fails
// in the driver, before anything reaches the table, with an error that says how to store
// it; its parts go into the balance (bigint) and currency (char(3)) columns and read back
// equal.
func TestAmountIsStoredAsItsParts(t *testing.T) {
	t.Parallel()
	zar := money.MustParseCurrency("ZAR")
	amount := money.MustNewAmount(-2050, zar)
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		for _, col := range []column{customerBalance, customerName, customerCurrency} {
			for _, arg := range []any{amount, &amount, sql.Null[money.Amount]{V: amount, Valid: true}} {
				err := d.Exec(ctx, col.insert(), arg)
				require.Error(t, err, "%T into %s", arg, col)
				assert.Contains(t, err.Error(), "an Amount does not fit one database column", "%T into %s", arg, col)
				assert.Contains(t, err.Error(), "store Minor()", "%T into %s: the error says what to store", arg, col)
				assert.Zero(t, count(t, d, col.table), "%T into %s: nothing reached the table", arg, col)
			}
		}

		require.NoError(t, d.Exec(ctx,
			"insert into customers (id, external_reference, balance, currency) values ($1, 'c1', $2, $3)",
			fixtureCustomer, amount.Minor(), amount.Currency()))
		var text string
		require.NoError(t, d.QueryRow(ctx, "select balance::text || ' ' || currency::text from customers").Scan(&text))
		assert.Equal(t, "-2050 ZAR", text)
		var minor int64
		var cur money.Currency
		require.NoError(t, d.QueryRow(ctx, "select balance, currency from customers").Scan(&minor, &cur))
		back, err := money.NewAmount(minor, cur)
		require.NoError(t, err)
		assert.Equal(t, amount, back)
	})
}

// badColumn is a column's content that no value of the library may be read from.
type badColumn struct {
	name   string
	col    column // where the content is written, as plain text or JSON (zero: not written, expr reads it)
	stored string // what is written into col
	expr   string // the expression read instead of col, when set
	dest   func() any
	field  string
	code   billing.Code
}

func badColumns() []badColumn {
	phone := func() any { return new(contact.Phone) }
	email := func() any { return new(contact.Email) }
	name := func() any { return new(contact.Name) }
	currency := func() any { return new(money.Currency) }
	rules := func() any { return new(money.PaymentRules) }
	meta := func() any { return new(metadata.Metadata) }
	custID := func() any { return new(ids.CustomerID) }
	acctID := func() any { return new(ids.AccountID) }
	ref := func() any { return new(ids.ExternalReference) }
	key := func() any { return new(ids.IdempotencyKey) }
	long := strings.Repeat("x", 300)
	// Invalid UTF-8 cannot be stored in a text column of a UTF8 database (the server refuses
	// it: TestInvalidUTF8IsRefusedByPostgreSQL); a bytea column can hold it, and a Scan
	// is given its bytes.
	badUTF8 := `'\x61ff62'::bytea`
	return []badColumn{
		{name: "masked phone", col: customerPhone, stored: "+27*******89", dest: phone, field: "phone", code: billing.CodeInvalidFormat},
		{name: "phone with spaces", col: customerPhone, stored: "+27 12 345 6789", dest: phone, field: "phone", code: billing.CodeInvalidFormat},
		{name: "over-long phone", col: customerPhone, stored: "+" + strings.Repeat("1", 300), dest: phone, field: "phone", code: billing.CodeInvalidFormat},
		{name: "over-long email", col: customerEmail, stored: strings.Repeat("a", 300) + "@example.com", dest: email, field: "email", code: billing.CodeTooLong},
		{name: "over-long name", col: customerName, stored: strings.Repeat("n", 10_000), dest: name, field: "name", code: billing.CodeTooLong},
		{name: "over-long customer ID", col: customerID, stored: "bcus_" + long, dest: custID, field: "id", code: billing.CodeTooLong},
		{name: "over-long account ID", col: accountID, stored: "bacc_" + long, dest: acctID, field: "id", code: billing.CodeTooLong},
		{name: "over-long reference", col: customerRef, stored: long, dest: ref, field: "external_reference", code: billing.CodeTooLong},
		{name: "over-long idempotency key", col: idempotencyKey, stored: long, dest: key, field: "idempotency_key", code: billing.CodeTooLong},
		{name: "idempotency key with braces", col: idempotencyKey, stored: "{550e8400-e29b-41d4-a716-446655440000}", dest: key, field: "idempotency_key", code: billing.CodeInvalidFormat},
		{name: "account ID in customer_id", col: customerID, stored: "bacc_nrhu8ptWiuITAKaNUx8wS", dest: custID, field: "id", code: billing.CodeInvalidFormat},
		{name: "name with a control character", col: customerName, stored: "Thandi\x07", dest: name, field: "name", code: billing.CodeInvalidCharacters},
		{name: "name of white space", col: customerName, stored: " \u00a0\u3000", dest: name, field: "name", code: billing.CodeRequired},
		{name: "empty name", col: customerName, stored: "", dest: name, field: "name", code: billing.CodeRequired},
		{name: "empty customer ID", expr: "''::text", dest: custID, field: "id", code: billing.CodeRequired},

		{name: "invalid UTF-8 name", expr: badUTF8, dest: name, field: "name", code: billing.CodeInvalidCharacters},
		{name: "invalid UTF-8 email", expr: badUTF8, dest: email, field: "email", code: billing.CodeInvalidFormat},
		{name: "invalid UTF-8 phone", expr: badUTF8, dest: phone, field: "phone", code: billing.CodeInvalidFormat},
		{name: "invalid UTF-8 customer ID", expr: badUTF8, dest: custID, field: "id", code: billing.CodeInvalidFormat},
		{name: "invalid UTF-8 idempotency key", expr: badUTF8, dest: key, field: "idempotency_key", code: billing.CodeInvalidFormat},
		{name: "invalid UTF-8 reference", expr: badUTF8, dest: ref, field: "external_reference", code: billing.CodeInvalidFormat},
		{name: "invalid UTF-8 currency", expr: `'\x5aff52'::bytea`, dest: currency, field: "currency", code: billing.CodeInvalidCurrency},
		{name: "invalid UTF-8 metadata", expr: `'\x7b2261223a2261ff227d'::bytea`, dest: meta, field: "metadata.a", code: billing.CodeInvalidCharacters},

		// char(3) pads a shorter code with spaces: 'ZA' is stored and read as 'ZA '.
		{name: "char(3) with a trailing space", col: customerCurrency, stored: "ZA", dest: currency, field: "currency", code: billing.CodeInvalidCurrency},
		{name: "lower-case currency", col: customerCurrency, stored: "zar", dest: currency, field: "currency", code: billing.CodeInvalidCurrency},
		{name: "currency in a wider text", expr: "' ZAR'::text", dest: currency, field: "currency", code: billing.CodeInvalidCurrency},

		{name: "metadata array", col: customerMetadata, stored: `["plan"]`, dest: meta, field: "metadata", code: billing.CodeInvalidType},
		{name: "metadata number value", col: customerMetadata, stored: `{"plan":1}`, dest: meta, field: "metadata.plan", code: billing.CodeInvalidType},
		{name: "metadata JSON null", col: customerMetadata, stored: `null`, dest: meta, field: "metadata", code: billing.CodeInvalidType},
		{name: "metadata with 21 keys", col: customerMetadata, stored: manyKeys(21), dest: meta, field: "metadata", code: billing.CodeTooManyKeys},
		// A json column (unlike jsonb) keeps its text as written, duplicates included.
		{name: "metadata json with a duplicate key", expr: `'{"plan":"gold","plan":"silver"}'::json`, dest: meta, field: "metadata.plan", code: billing.CodeDuplicateField},
		{name: "payment rules min over max", col: customerRules, stored: `{"min_amount":500,"max_amount":100,"underpayment_allowed":false,"overpayment_allowed":false}`, dest: rules, field: "payment_rules.max_amount", code: billing.CodeOutOfRange},
		{name: "payment rules unknown member", col: customerRules, stored: `{"min_amount":1,"max_amount":100,"underpayment_allowed":false,"overpayment_allowed":false,"currency":"ZAR"}`, dest: rules, field: "payment_rules.currency", code: billing.CodeUnknownField},
		{name: "payment rules json with a duplicate key", expr: `'{"min_amount":1,"min_amount":2,"max_amount":100,"underpayment_allowed":false,"overpayment_allowed":false}'::json`, dest: rules, field: "payment_rules.min_amount", code: billing.CodeDuplicateField},

		// A column of another kind than the value's.
		{name: "bigint into a name", col: customerBalance, stored: "2000", dest: name, field: "name", code: billing.CodeInvalidType},
		{name: "bigint into a currency", expr: "710::bigint", dest: currency, field: "currency", code: billing.CodeInvalidType},
		{name: "timestamp into an ID", expr: "now()", dest: custID, field: "id", code: billing.CodeInvalidType},
		{name: "boolean into a phone", expr: "true", dest: phone, field: "phone", code: billing.CodeInvalidType},
		{name: "bigint into payment rules", expr: "1::bigint", dest: rules, field: "payment_rules", code: billing.CodeInvalidType},
		{name: "bigint into metadata", expr: "1::bigint", dest: meta, field: "metadata", code: billing.CodeInvalidType},
	}
}

// manyKeys returns a JSON object of n keys.
func manyKeys(n int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%02d":"v"`, i)
	}
	b.WriteByte('}')
	return b.String()
}

// TestBadColumns reads columns that hold no value of the library: each Scan fails with
// one failure at the field of the value kind it reads, and leaves the value unchanged
// (zero here); a message never repeats the column's text.
func TestBadColumns(t *testing.T) {
	t.Parallel()
	for _, c := range badColumns() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			eachDriver(t, func(t *testing.T, d db) {
				ctx := context.Background()
				query := "select " + c.expr
				if c.expr == "" {
					c.col.prepare(t, d, fixtureCustomer)
					require.NoError(t, d.Exec(ctx, c.col.insert(), c.stored), "the column takes %q", c.stored)
					query = fmt.Sprintf("select %s from %s", c.col.name, c.col.table)
				}
				dest := c.dest()
				err := d.QueryRow(ctx, query).Scan(dest)
				fe := requireOne(t, err, c.field, c.code)
				assert.True(t, isZero(dest), "a failed Scan leaves the value unchanged: %v", dest)
				if len(c.stored) > 3 {
					assert.NotContains(t, fe.Message, c.stored, "the message does not repeat the column")
				}
			})
		})
	}
}

func isZero(p any) bool {
	return p.(interface{ IsZero() bool }).IsZero()
}

// TestInvalidUTF8IsRefusedByPostgreSQL: a text column of a UTF8 database cannot hold
// invalid UTF-8, whatever the driver: the server refuses it (SQLSTATE 22021), so a Scan
// of a text column is never given any. A bytea source gives one (TestBadColumns).
func TestInvalidUTF8IsRefusedByPostgreSQL(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		err := d.Exec(context.Background(), customerName.insert(), "Thandi\xff")
		require.Error(t, err)
		var pgErr *pgconn.PgError
		require.True(t, errors.As(err, &pgErr), "%v", err)
		assert.Equal(t, "22021", pgErr.Code, "character_not_in_repertoire: %v", err)
		assert.Zero(t, count(t, d, "customers"))
	})
}

// TestMaskedEmailIsAnAddress: the masked form of an email address is itself a valid
// address (RFC 5322 allows * in a local part), so a column holding one reads back as
// that other address. Nothing at reading time can tell: what keeps a masked address out
// of a column is Email.Value, which writes the whole address, never the masked String.
func TestMaskedEmailIsAnAddress(t *testing.T) {
	t.Parallel()
	email := must(contact.ParseEmail("thandi.nkosi@example.co.za"))
	masked := email.String()
	require.NotEqual(t, email.Address(), masked)
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		require.NoError(t, d.Exec(ctx, customerEmail.insert(), email))
		var text string
		require.NoError(t, d.QueryRow(ctx, "select email from customers").Scan(&text))
		assert.Equal(t, email.Address(), text, "Value wrote the whole address")

		require.NoError(t, d.Exec(ctx, "update customers set email = $1", masked))
		var back contact.Email
		require.NoError(t, d.QueryRow(ctx, "select email from customers").Scan(&back))
		assert.Equal(t, masked, back.Address(), "a masked address stored by hand reads as another address")
		assert.NotEqual(t, email, back)
	})
}

// TestCurrencyColumnKeepsItsSpaces: char(3) holds a code exactly: ZAR reads back as the
// three letters (no space gained), and a shorter code read back has the space char(3)
// added (never trimmed by the driver), which the library refuses rather than repair.
func TestCurrencyColumnKeepsItsSpaces(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		require.NoError(t, d.Exec(ctx, customerCurrency.insert(), money.MustParseCurrency("ZAR")))
		var raw string
		var cur money.Currency
		require.NoError(t, d.QueryRow(ctx, "select currency, currency from customers").Scan(&raw, &cur))
		assert.Equal(t, "ZAR", raw)
		assert.Equal(t, "ZAR", cur.String())
		v, err := cur.Value()
		require.NoError(t, err)
		assert.Equal(t, "ZAR", v)

		require.NoError(t, d.Exec(ctx, "update customers set currency = 'ZA'"))
		require.NoError(t, d.QueryRow(ctx, "select currency from customers").Scan(&raw))
		assert.Equal(t, "ZA ", raw, "char(3) pads, and the driver gives the padding")
		err = d.QueryRow(ctx, "select currency from customers").Scan(&cur)
		requireOne(t, err, "currency", billing.CodeInvalidCurrency)
		assert.Equal(t, "ZAR", cur.String(), "unchanged")
	})
}

// TestJSONBKeepsTheLastDuplicateKey: PostgreSQL's jsonb keeps the last of duplicate keys
// and stores its own normal form (keys sorted by length, then bytes; a space after each
// colon and comma). The library only ever sees that normal form, so a jsonb column cannot
// show it a duplicate: it reads the value jsonb kept. (A json column keeps the text as
// written, and the library refuses the duplicate: TestBadColumns.)
func TestJSONBKeepsTheLastDuplicateKey(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		require.NoError(t, d.Exec(ctx, customerMetadata.insert(), `{"plan":"gold","plan":"silver","a":"1"}`))
		var text string
		var m metadata.Metadata
		require.NoError(t, d.QueryRow(ctx, "select metadata::text, metadata from customers").Scan(&text, &m))
		assert.Equal(t, `{"a": "1", "plan": "silver"}`, text)
		assert.True(t, m.Equal(metadata.MustNew(map[string]string{"a": "1", "plan": "silver"}, metadata.CustomerLimits())), "%v", m.Map())
	})
}

// TestHistoryProofColumns: a column written by an earlier release stays readable when
// the phone metadata changes. A phone with an E.164 shape that today's numbering plans do
// not hold valid reads, says so, and is written back unchanged.
func TestHistoryProofColumns(t *testing.T) {
	t.Parallel()
	eachDriver(t, func(t *testing.T, d db) {
		ctx := context.Background()
		const stored = "+2712345" // the shape of E.164; too short for any South African plan
		_, err := contact.ParsePhone(stored)
		require.Error(t, err, "a request may not hold it")
		require.NoError(t, d.Exec(ctx, customerPhone.insert(), stored))
		var p contact.Phone
		require.NoError(t, d.QueryRow(ctx, "select phone from customers").Scan(&p))
		assert.Equal(t, stored, p.E164())
		assert.False(t, p.IsValid(), "today's metadata does not hold it valid")
		require.NoError(t, d.Exec(ctx, "delete from customers"))
		require.NoError(t, d.Exec(ctx, customerPhone.insert(), p))
		var text string
		require.NoError(t, d.QueryRow(ctx, "select phone from customers").Scan(&text))
		assert.Equal(t, stored, text, "written back unchanged")
	})
}
