package storage_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// column is a column of the reference schema.
type column struct {
	table, name string
	typ         string // its SQL type
	notNull     bool
	field       string // the field of the library's failures for the value it holds
}

var (
	customerID        = column{"customers", "id", "text", true, "id"}
	customerRef       = column{"customers", "external_reference", "text", true, "external_reference"}
	customerName      = column{"customers", "name", "text", false, "name"}
	customerEmail     = column{"customers", "email", "text", false, "email"}
	customerPhone     = column{"customers", "phone", "text", false, "phone"}
	customerCurrency  = column{"customers", "currency", "char(3)", false, "currency"}
	customerBalance   = column{"customers", "balance", "bigint", false, "balance"}
	customerRules     = column{"customers", "payment_rules", "jsonb", false, "payment_rules"}
	customerMetadata  = column{"customers", "metadata", "jsonb", false, "metadata"}
	accountID         = column{"accounts", "id", "text", true, "id"}
	accountCustomerID = column{"accounts", "customer_id", "text", true, "id"}
	accountRef        = column{"accounts", "external_reference", "text", true, "external_reference"}
	accountName       = column{"accounts", "name", "text", false, "name"}
	accountCurrency   = column{"accounts", "currency", "char(3)", false, "currency"}
	accountRules      = column{"accounts", "payment_rules", "jsonb", false, "payment_rules"}
	accountMetadata   = column{"accounts", "metadata", "jsonb", false, "metadata"}
	// The reference schema has no table of idempotency keys: a service keeps them beside the
	// responses it replays. The tests make one.
	idempotencyKey = column{"idempotency_keys", "key", "text", true, "idempotency_key"}
	// Nor a table of whole documents: a service may keep requests or objects as it received
	// or sent them (an audit log). The tests make one; a document's failures are at its root.
	document = column{"documents", "doc", "jsonb", false, ""}
)

// documents is the table of JSON documents that the tests make.
const documents = "create table documents (doc jsonb)"

// idempotencyKeys is the table of idempotency keys that the tests make.
const idempotencyKeys = "create table idempotency_keys (key text primary key, response jsonb)"

// The fixed values of the NOT NULL columns that a test of another column fills, and the
// customer that the accounts' rows belong to.
const (
	fixtureCustomer = "bcus_Fixture1"
	fixtureAccount  = "bacc_Fixture1"
)

var fixed = map[string][][2]string{
	"customers": {{"id", "'" + fixtureCustomer + "'"}, {"external_reference", "'cust_fixture'"}},
	"accounts":  {{"id", "'" + fixtureAccount + "'"}, {"customer_id", "'" + fixtureCustomer + "'"}, {"external_reference", "'acc_fixture'"}},
}

// insert returns the statement that writes one row holding $1 in c, and c's table's other
// NOT NULL columns filled.
func (c column) insert() string {
	cols, vals := []string{c.name}, []string{"$1"}
	for _, f := range fixed[c.table] {
		if f[0] != c.name {
			cols, vals = append(cols, f[0]), append(vals, f[1])
		}
	}
	return fmt.Sprintf("insert into %s (%s) values (%s)", c.table, strings.Join(cols, ", "), strings.Join(vals, ", "))
}

// prepare makes what a row of c's table needs: the table of idempotency keys or of
// documents, the customer of an account (with the ID id when c is accounts.customer_id).
func (c column) prepare(t *testing.T, d db, id string) {
	t.Helper()
	switch c.table {
	case "idempotency_keys":
		require.NoError(t, d.Exec(context.Background(), idempotencyKeys))
		return
	case "documents":
		require.NoError(t, d.Exec(context.Background(), documents))
		return
	}
	if c.table != "accounts" {
		return
	}
	if c != accountCustomerID {
		id = fixtureCustomer
	}
	require.NoError(t, d.Exec(context.Background(),
		"insert into customers (id, external_reference) values ($1, 'cust_fixture')", id))
}

func (c column) String() string { return c.table + "." + c.name }

// valueCase is one stored value type in one column.
type valueCase struct {
	name string
	col  column
	text string // the column's text, written by hand: the full value, never a masked one
	run  func(t *testing.T, d db, c valueCase)
}

// valueOf builds the case of v of type T in col: run stores and reads v in every form of
// roundTrip.
func valueOf[T driver.Valuer, P interface {
	*T
	sql.Scanner
}](col column, v T, text string) valueCase {
	return valueCase{
		name: fmt.Sprintf("%T in %s", v, col),
		col:  col,
		text: text,
		run:  func(t *testing.T, d db, c valueCase) { roundTrip[T, P](t, d, c, v) },
	}
}

// equal reports whether a and b are the same value: by their Equal method when T has one
// (Metadata holds a slice), by == otherwise.
func equal[T any](a, b T) bool {
	if e, ok := any(a).(interface{ Equal(T) bool }); ok {
		return e.Equal(b)
	}
	return reflect.ValueOf(a).Equal(reflect.ValueOf(b))
}

// roundTrip stores v in c.col as a T, a sql.Null[T] and a *T, checks the column's text,
// and reads it back into a T, a sql.Null[T] and a *T; then the same with NULL.
func roundTrip[T driver.Valuer, P interface {
	*T
	sql.Scanner
}](t *testing.T, d db, c valueCase, v T) {
	ctx := context.Background()
	col := c.col
	dv, err := v.Value()
	require.NoError(t, err)
	require.Equal(t, c.text, fmt.Sprint(dv), "Value writes the whole value")
	col.prepare(t, d, c.text)

	selectText := fmt.Sprintf("select %[1]s::text, $1::%[2]s::text from %[3]s", col.name, col.typ, col.table)
	selectCol := fmt.Sprintf("select %s from %s", col.name, col.table)
	clear := func() { require.NoError(t, d.Exec(ctx, "delete from "+col.table)) }

	for _, w := range []struct {
		name string
		arg  any
	}{
		{"T", v},
		{"sql.Null[T]", sql.Null[T]{V: v, Valid: true}},
		{"*T", &v},
	} {
		require.NoError(t, d.Exec(ctx, col.insert(), w.arg), "writing a %s", w.name)

		var stored, want string
		require.NoError(t, d.QueryRow(ctx, selectText, c.text).Scan(&stored, &want))
		assert.Equal(t, want, stored, "%s: the column holds the whole value", w.name)
		if col.typ != "jsonb" {
			assert.Equal(t, c.text, stored, "%s: the column holds the whole value", w.name)
		}

		var plain T
		require.NoError(t, d.QueryRow(ctx, selectCol).Scan(P(&plain)), "reading a T")
		assert.True(t, equal(v, plain), "T: read %v, wrote %v", plain, v)
		var null sql.Null[T]
		require.NoError(t, d.QueryRow(ctx, selectCol).Scan(&null), "reading a sql.Null[T]")
		assert.True(t, null.Valid && equal(v, null.V), "sql.Null[T]: read %+v, wrote %v", null, v)
		var ptr *T
		require.NoError(t, d.QueryRow(ctx, selectCol).Scan(&ptr), "reading a *T")
		if assert.NotNil(t, ptr, "*T") {
			assert.True(t, equal(v, *ptr), "*T: read %v, wrote %v", *ptr, v)
		}
		clear()
	}

	// NULL: written from sql.Null[T]{} and a nil *T where the column allows it, read from a
	// typed NULL where it does not.
	selectNull := fmt.Sprintf("select null::%s", col.typ)
	if !col.notNull {
		selectNull = selectCol
		for _, w := range []struct {
			name string
			arg  any
		}{
			{"sql.Null[T]{}", sql.Null[T]{}},
			{"(*T)(nil)", (*T)(nil)},
		} {
			require.NoError(t, d.Exec(ctx, col.insert(), w.arg), "writing a %s", w.name)
			var isNull bool
			require.NoError(t, d.QueryRow(ctx, fmt.Sprintf("select %s is null from %s", col.name, col.table)).Scan(&isNull))
			assert.True(t, isNull, "%s writes NULL", w.name)
			if w.name == "(*T)(nil)" {
				break // keep the NULL row for the reads below
			}
			clear()
		}
	}
	plain := v
	err = d.QueryRow(ctx, selectNull).Scan(P(&plain))
	fe := requireOne(t, err, col.field, billing.CodeRequired)
	assert.Contains(t, fe.Message, "sql.Null[", "NULL into a plain value says where NULL goes")
	assert.True(t, equal(v, plain), "a failed Scan leaves the value unchanged")
	null := sql.Null[T]{V: v, Valid: true}
	require.NoError(t, d.QueryRow(ctx, selectNull).Scan(&null))
	assert.False(t, null.Valid, "NULL reads as an absent sql.Null[T]")
	ptr := &v
	require.NoError(t, d.QueryRow(ctx, selectNull).Scan(&ptr))
	assert.Nil(t, ptr, "NULL reads as a nil *T")
}

// zeroOf is the case of T's zero value in col: it is absent, not a value, and storing it
// fails before it reaches the table, at the column's field.
func zeroOf[T driver.Valuer](col column) valueCase { return zeroAt[T](col, col.field) }

// zeroAt is zeroOf with the failure at field: a document's zero value fails at the first
// member it lacks.
func zeroAt[T driver.Valuer](col column, field string) valueCase {
	var zero T
	return valueCase{
		name: fmt.Sprintf("zero %T in %s", zero, col),
		col:  col,
		run: func(t *testing.T, d db, c valueCase) {
			c.col.prepare(t, d, fixtureCustomer)
			for _, arg := range []any{zero, sql.Null[T]{V: zero, Valid: true}, &zero} {
				err := d.Exec(context.Background(), c.col.insert(), arg)
				requireOne(t, err, field, billing.CodeRequired)
				assert.Zero(t, count(t, d, c.col.table), "%T: nothing reached the table", arg)
			}
		},
	}
}

func valueCases() []valueCase {
	name := must(contact.ParseName("Thandiwe Nkosi-Müller 🌍"))
	email := must(contact.ParseEmail("thandi.nkosi@example.co.za"))
	phone := must(contact.ParsePhone("+27123456789"))
	rules := money.MustNewPaymentRules(100, 500000, money.AllowUnderpayment)
	meta := metadata.MustNew(map[string]string{"plan": "gold", "note": "Thandi's 2nd account ✓", "a~/b": "x"},
		metadata.CustomerLimits())
	cid := ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
	return []valueCase{
		valueOf(customerID, cid, "bcus_H4jp6KnU5cPw263v1jyz4"),
		valueOf(customerRef, ids.MustParseExternalReference("crm-000731_ZA"), "crm-000731_ZA"),
		valueOf(customerName, name, "Thandiwe Nkosi-Müller 🌍"),
		valueOf(customerEmail, email, "thandi.nkosi@example.co.za"),
		valueOf(customerPhone, phone, "+27123456789"),
		valueOf(customerCurrency, money.MustParseCurrency("ZAR"), "ZAR"),
		valueOf(customerRules, rules,
			`{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}`),
		valueOf(customerMetadata, meta, `{"a~/b":"x","note":"Thandi's 2nd account ✓","plan":"gold"}`),
		valueOf(customerMetadata, metadata.Metadata{}, `{}`),
		valueOf(accountID, ids.MustParseAccountID("bacc_nrhu8ptWiuITAKaNUx8wS"), "bacc_nrhu8ptWiuITAKaNUx8wS"),
		valueOf(accountCustomerID, cid, "bcus_H4jp6KnU5cPw263v1jyz4"),
		valueOf(accountRef, ids.MustParseExternalReference("ACC-1"), "ACC-1"),
		valueOf(accountName, name, "Thandiwe Nkosi-Müller 🌍"),
		valueOf(accountCurrency, money.MustParseCurrency("JPY"), "JPY"),
		valueOf(accountRules, money.MustNewPaymentRules(1, money.MaxMinorUnits, money.AllowUnderpayment|money.AllowOverpayment),
			`{"min_amount":1,"max_amount":9007199254740991,"underpayment_allowed":true,"overpayment_allowed":true}`),
		valueOf(accountMetadata, metadata.MustNew(map[string]string{"k": "v"}, metadata.AccountLimits()), `{"k":"v"}`),
		valueOf(idempotencyKey, ids.MustParseIdempotencyKey("550e8400-e29b-41d4-a716-446655440000"), "550e8400-e29b-41d4-a716-446655440000"),

		zeroOf[ids.CustomerID](customerID),
		zeroOf[ids.ExternalReference](customerRef),
		zeroOf[contact.Name](customerName),
		zeroOf[contact.Email](customerEmail),
		zeroOf[contact.Phone](customerPhone),
		zeroOf[money.Currency](customerCurrency),
		zeroOf[money.PaymentRules](customerRules),
		zeroOf[ids.AccountID](accountID),
		zeroOf[ids.CustomerID](accountCustomerID),
		zeroOf[ids.IdempotencyKey](idempotencyKey),

		// Whole documents, in a jsonb column: the objects, the requests, a customer reference.
		valueOf(document, must(customer.Decode(fullCustomerJSON)), compactCustomer),
		valueOf(document, must(account.Decode(fullAccountJSON)), compactAccount),
		valueOf(document, must(customer.DecodeCreateRequest([]byte(createCustomer))), createCustomer),
		valueOf(document, must(account.DecodeCreateRequest([]byte(createAccount))), createAccount),
		valueOf(document, must(customer.DecodeUpdateRequest([]byte(docUpdateCustomer))), docUpdateCustomer),
		valueOf(document, must(account.DecodeUpdateRequest([]byte(`{"name":null,"balance":0}`))), `{"name":null,"balance":0}`),
		valueOf(document, account.RefByID(cid), `"bcus_H4jp6KnU5cPw263v1jyz4"`),
		valueOf(document, account.RefByNewCustomer(must(customer.DecodeCreateRequest([]byte(createCustomer)))), createCustomer),
		zeroAt[customer.Customer](document, "id"),
		zeroAt[account.Account](document, "id"),
		zeroAt[customer.CreateRequest](document, "external_reference"),
		zeroAt[account.CreateRequest](document, "external_reference"),
		zeroAt[account.CustomerRef](document, "customer"),
	}
}

// Documents, each in the compact form and member order of the library's encoder.
var (
	fullCustomerJSON = []byte(compactCustomer)
	fullAccountJSON  = []byte(compactAccount)
)

const (
	compactCustomer = `{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001","name":"Thandiwe Nkosi",` +
		`"email":"thandiwe.nkosi@example.co.za","phone":"+27123456789","currency":"ZAR","balance":2000,` +
		`"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false},` +
		`"metadata":{"crm_id":"A-10293","segment":"retail"}}`
	compactAccount = `{"id":"bacc_9Xk2LmQ7rT4vW8yZ1aB3c","external_reference":"acct_2024_0001",` +
		`"customer_id":"bcus_H4jp6KnU5cPw263v1jyz4","name":"Thandiwe's Savings","currency":"ZAR","balance":2000,` +
		`"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false},` +
		`"metadata":{"branch":"Sandton","product":"savings"}}`
	createCustomer = `{"external_reference":"cust_2024_0001","name":"Thandiwe Nkosi","email":"thandiwe.nkosi@example.co.za",` +
		`"phone":"+27123456789","currency":"ZAR","balance":2000,"metadata":{"crm_id":"A-10293","segment":"retail"}}`
	createAccount     = `{"customer":` + createCustomer + `,"external_reference":"acct_2024_0001","currency":"ZAR"}`
	docUpdateCustomer = `{"email":"t.nkosi@example.com","phone":null,"metadata":{"segment":"business"}}`
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestValuesRoundTrip stores every value type of the library in its column of the
// reference schema and reads it back, through each driver.
func TestValuesRoundTrip(t *testing.T) {
	t.Parallel()
	for _, c := range valueCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			eachDriver(t, func(t *testing.T, d db) { c.run(t, d, c) })
		})
	}
}
