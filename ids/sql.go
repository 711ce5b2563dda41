package ids

import (
	"database/sql/driver"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Database columns.
//
// CustomerID, AccountID and ExternalReference are sql.Scanner and driver.Valuer: Value
// writes the string, Scan reads a string or []byte column through the parser. A plain
// value stands for a real one, so SQL NULL does not scan into it (billing.CodeRequired),
// and Value of a zero value fails (billing.CodeRequired) rather than write NULL or "".
//
// A nullable column is read into either of:
//
//	var id sql.Null[ids.CustomerID] // id.Valid is false for NULL
//	var id *ids.CustomerID          // rows.Scan(&id): nil for NULL
//
// and sql.Null[ids.CustomerID]{} writes NULL. database/sql handles both itself (sql.Null
// calls Scan and Value of the ID), so the package needs no Null type of its own.

// scanString returns the string of a string or []byte column, for setParsed (see
// unmarshalText); NULL fails at at with the message null. It is called by each Scan
// itself rather than by a generic helper, which would make a caller's []byte column
// escape to the heap.
func scanString(src any, at report.Loc, null string) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		// The driver may reuse the bytes after Scan returns: the conversion copies them.
		return bytesToString(v, at)
	case nil:
		return "", at.Fail(billing.CodeRequired, null)
	default:
		return "", notString(at)
	}
}

// value returns s, or fails for the zero value (see appendText).
func value(s string, at report.Loc, zero string) (driver.Value, error) {
	if s == "" {
		return nil, at.Fail(billing.CodeRequired, zero)
	}
	return s, nil
}

// Scan sets id to the customer ID in a string or []byte column, checked by
// [ParseCustomerID]. NULL fails with billing.CodeRequired: scan a nullable column into a
// sql.Null[CustomerID] or a *CustomerID.
func (id *CustomerID) Scan(src any) error {
	s, err := scanString(src, atID, customerRules.null)
	return setParsed(id, s, err, ParseCustomerID)
}

// Value returns the ID as a string, or fails with billing.CodeRequired for the zero
// CustomerID: write an absent ID as sql.Null[CustomerID]{} or a nil *CustomerID.
func (id CustomerID) Value() (driver.Value, error) {
	return value(id.cus, atID, customerRules.zero)
}

// Scan sets id to the account ID in a string or []byte column, checked by
// [ParseAccountID]. NULL fails with billing.CodeRequired: scan a nullable column into a
// sql.Null[AccountID] or an *AccountID.
func (id *AccountID) Scan(src any) error {
	s, err := scanString(src, atID, accountRules.null)
	return setParsed(id, s, err, ParseAccountID)
}

// Value returns the ID as a string, or fails with billing.CodeRequired for the zero
// AccountID: write an absent ID as sql.Null[AccountID]{} or a nil *AccountID.
func (id AccountID) Value() (driver.Value, error) {
	return value(id.acc, atID, accountRules.zero)
}

// Scan sets r to the reference in a string or []byte column, checked by
// [ParseExternalReference]. NULL fails with billing.CodeRequired: scan a nullable column
// into a sql.Null[ExternalReference] or an *ExternalReference.
func (r *ExternalReference) Scan(src any) error {
	s, err := scanString(src, atExternalReference, refNull)
	return setParsed(r, s, err, ParseExternalReference)
}

// Value returns the reference as a string, or fails with billing.CodeRequired for the zero
// ExternalReference: write an absent reference as sql.Null[ExternalReference]{} or a nil
// *ExternalReference.
func (r ExternalReference) Value() (driver.Value, error) {
	return value(r.ref, atExternalReference, refZero)
}
