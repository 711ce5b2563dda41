package ids

import "database/sql/driver"

// Database columns.
//
// CustomerID, AccountID, ExternalReference and IdempotencyKey are sql.Scanner and
// driver.Valuer: Value writes the string, Scan reads a string or []byte column through the
// parser. A plain value stands for a real one, so SQL NULL does not scan into it
// (billing.CodeRequired), and Value of a zero value fails (billing.CodeRequired) rather than
// write NULL or "". A column of another type (a number, a time) is billing.CodeInvalidType.
//
// A nullable column is read into either of:
//
//	var id sql.Null[ids.CustomerID] // id.Valid is false for NULL
//	var id *ids.CustomerID          // rows.Scan(&id): nil for NULL
//
// and sql.Null[ids.CustomerID]{} writes NULL. database/sql handles both itself (sql.Null
// calls Scan and Value of the ID), so the package needs no Null type of its own.

// Scan sets id to the customer ID in a string or []byte column, checked by
// [ParseCustomerID]. NULL fails with billing.CodeRequired: scan a nullable column into a
// sql.Null[CustomerID] or a *CustomerID.
func (id *CustomerID) Scan(src any) error { return customerForm.Set(id, customerForm.Column(src)) }

// Value returns the ID as a string, or fails with billing.CodeRequired for the zero
// CustomerID: write an absent ID as sql.Null[CustomerID]{} or a nil *CustomerID.
func (id CustomerID) Value() (driver.Value, error) { return customerForm.Value(id.cus) }

// Scan sets id to the account ID in a string or []byte column, checked by
// [ParseAccountID]. NULL fails with billing.CodeRequired: scan a nullable column into a
// sql.Null[AccountID] or an *AccountID.
func (id *AccountID) Scan(src any) error { return accountForm.Set(id, accountForm.Column(src)) }

// Value returns the ID as a string, or fails with billing.CodeRequired for the zero
// AccountID: write an absent ID as sql.Null[AccountID]{} or a nil *AccountID.
func (id AccountID) Value() (driver.Value, error) { return accountForm.Value(id.acc) }

// Scan sets r to the reference in a string or []byte column, checked by
// [ParseExternalReference]. NULL fails with billing.CodeRequired: scan a nullable column
// into a sql.Null[ExternalReference] or an *ExternalReference.
func (r *ExternalReference) Scan(src any) error { return refForm.Set(r, refForm.Column(src)) }

// Value returns the reference as a string, or fails with billing.CodeRequired for the zero
// ExternalReference: write an absent reference as sql.Null[ExternalReference]{} or a nil
// *ExternalReference.
func (r ExternalReference) Value() (driver.Value, error) { return refForm.Value(r.ref) }

// Scan sets k to the key in a string or []byte column, checked by [ParseIdempotencyKey],
// so that a service can store the keys it has seen. NULL fails with billing.CodeRequired:
// scan a nullable column into a sql.Null[IdempotencyKey] or an *IdempotencyKey.
func (k *IdempotencyKey) Scan(src any) error { return keyForm.Set(k, keyForm.Column(src)) }

// Value returns the key as a string, or fails with billing.CodeRequired for the zero
// IdempotencyKey: write an absent key as sql.Null[IdempotencyKey]{} or a nil
// *IdempotencyKey.
func (k IdempotencyKey) Value() (driver.Value, error) { return keyForm.Value(k.key) }
