package service

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// The SQL of the reference schema. Every value goes to its column through its Value
// method and comes back through its Scan method, whole: the library gives a row's columns
// as a Record (customer.Customer.Record) and reads them back with FromRecord.
const (
	customerColumns = "id, external_reference, name, email, phone, currency, balance, payment_rules, metadata"
	accountColumns  = "id, external_reference, customer_id, name, currency, balance, payment_rules, metadata"

	insertCustomerSQL = "insert into customers (" + customerColumns + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	insertAccountSQL  = "insert into accounts (" + accountColumns + ") values ($1, $2, $3, $4, $5, $6, $7, $8)"

	// An update writes the members an update request can change; the ID, the external
	// reference and the customer of an account never change.
	updateCustomerSQL = "update customers set (name, email, phone, currency, balance, payment_rules, metadata) = " +
		"($2, $3, $4, $5, $6, $7, $8) where id = $1"
	updateAccountSQL = "update accounts set (name, currency, balance, payment_rules, metadata) = " +
		"($2, $3, $4, $5, $6) where id = $1"

	customerIDByReferenceSQL = "select id from customers where external_reference = $1"
)

// The constraints of the reference schema whose violations are the client's conflicts.
const (
	customersExternalReference = "customers_external_reference"
	accountsExternalReference  = "accounts_external_reference"
)

// querier is what the store needs of a pool or a transaction.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// lookup is a path segment naming an object: an ID when it starts with the ID prefix of its
// kind (bcus_, bacc_), else an external reference.
type lookup struct {
	column string // "id" or "external_reference"
	value  any    // the parsed ID or reference
}

// customerLookup reads the {customer} segment; false when it can name no customer.
func customerLookup(segment string) (lookup, bool) {
	if strings.HasPrefix(segment, ids.CustomerIDPrefix) {
		id, err := ids.ParseCustomerID(segment)
		return lookup{"id", id}, err == nil
	}
	ref, err := ids.ParseCustomerExternalReference(segment)
	return lookup{"external_reference", ref}, err == nil
}

// accountLookup reads the {account} segment; false when it can name no account.
func accountLookup(segment string) (lookup, bool) {
	if strings.HasPrefix(segment, ids.AccountIDPrefix) {
		id, err := ids.ParseAccountID(segment)
		return lookup{"id", id}, err == nil
	}
	ref, err := ids.ParseAccountExternalReference(segment)
	return lookup{"external_reference", ref}, err == nil
}

// selectSQL returns the query of one row of table by l, locked for update when asked.
// The column comes from customerLookup or accountLookup, never from the request.
func selectSQL(columns, table string, l lookup, forUpdate bool) string {
	q := "select " + columns + " from " + table + " where " + l.column + " = $1"
	if forUpdate {
		q += " for update"
	}
	return q
}

func insertCustomer(ctx context.Context, q querier, c customer.Customer) error {
	r := c.Record()
	_, err := q.Exec(ctx, insertCustomerSQL,
		r.ID, r.ExternalReference, r.Name, r.Email, r.Phone, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
	return err
}

func updateCustomer(ctx context.Context, q querier, c customer.Customer) error {
	r := c.Record()
	_, err := q.Exec(ctx, updateCustomerSQL, r.ID, r.Name, r.Email, r.Phone, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
	return err
}

// findCustomer returns the customer l names; false when there is none.
func findCustomer(ctx context.Context, q querier, l lookup, forUpdate bool) (customer.Customer, bool, error) {
	var r customer.Record
	err := q.QueryRow(ctx, selectSQL(customerColumns, "customers", l, forUpdate), l.value).Scan(
		&r.ID, &r.ExternalReference, &r.Name, &r.Email, &r.Phone, &r.Currency, &r.Balance, &r.PaymentRules, &r.Metadata)
	if errors.Is(err, pgx.ErrNoRows) {
		return customer.Customer{}, false, nil
	}
	if err != nil {
		return customer.Customer{}, false, fmt.Errorf("reading a customer: %w", err)
	}
	c, err := customer.FromRecord(r)
	if err != nil {
		return customer.Customer{}, false, fmt.Errorf("customer %s: stored row unreadable: %w", r.ID, err)
	}
	return c, true, nil
}

// customerIDByReference returns the ID of the customer with the external reference ref;
// false when there is none.
func customerIDByReference(ctx context.Context, q querier, ref ids.ExternalReference) (ids.CustomerID, bool, error) {
	var id ids.CustomerID
	err := q.QueryRow(ctx, customerIDByReferenceSQL, ref).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return ids.CustomerID{}, false, nil
	}
	if err != nil {
		return ids.CustomerID{}, false, fmt.Errorf("finding a customer by its external reference: %w", err)
	}
	return id, true, nil
}

func insertAccount(ctx context.Context, q querier, a account.Account) error {
	r := a.Record()
	_, err := q.Exec(ctx, insertAccountSQL,
		r.ID, r.ExternalReference, r.CustomerID, r.Name, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
	return err
}

func updateAccount(ctx context.Context, q querier, a account.Account) error {
	r := a.Record()
	_, err := q.Exec(ctx, updateAccountSQL, r.ID, r.Name, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
	return err
}

// findAccount returns the account l names; false when there is none.
func findAccount(ctx context.Context, q querier, l lookup, forUpdate bool) (account.Account, bool, error) {
	var r account.Record
	err := q.QueryRow(ctx, selectSQL(accountColumns, "accounts", l, forUpdate), l.value).Scan(
		&r.ID, &r.ExternalReference, &r.CustomerID, &r.Name, &r.Currency, &r.Balance, &r.PaymentRules, &r.Metadata)
	if errors.Is(err, pgx.ErrNoRows) {
		return account.Account{}, false, nil
	}
	if err != nil {
		return account.Account{}, false, fmt.Errorf("reading an account: %w", err)
	}
	a, err := account.FromRecord(r)
	if err != nil {
		return account.Account{}, false, fmt.Errorf("account %s: stored row unreadable: %w", r.ID, err)
	}
	return a, true, nil
}

// violates reports whether err is PostgreSQL's refusal of a row by the constraint named
// constraint, with the SQLSTATE code: 23505 unique_violation, 23503 foreign_key_violation.
func violates(err error, code, constraint string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == code && pe.ConstraintName == constraint
}

const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)
