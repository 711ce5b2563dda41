package contact

import (
	"database/sql/driver"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Database columns.
//
// Name, Email and Phone are sql.Scanner and driver.Valuer. Value writes the
// whole value as a string (a Phone's and an Email's full form, never the
// masked String), and fails with billing.CodeRequired for the zero value
// rather than write NULL or "". Scan reads a string or []byte column. SQL
// NULL does not scan into a plain value (billing.CodeRequired): read a
// nullable column into a sql.Null[contact.Phone] or a *contact.Phone, and
// write NULL from a sql.Null[contact.Phone]{}; database/sql calls Scan and
// Value of the value inside either.

// msgNotText is the message of a column of another type than text or bytes.
const msgNotText = "must be stored as text or bytes"

// scanText returns the string of a string or []byte column, or the failure at
// loc of NULL (null is its message) or of another type.
func scanText(src any, loc report.Loc, null string) (string, error) {
	switch v := src.(type) {
	case string:
		return v, nil
	case []byte:
		// The driver may reuse the bytes after Scan returns: the conversion copies them.
		return string(v), nil
	case nil:
		return "", loc.Fail(billing.CodeRequired, null)
	default:
		return "", loc.Fail(billing.CodeInvalidType, msgNotText)
	}
}

// Value returns the name as a string, or fails with [billing.CodeRequired] at
// "name" for the zero Name.
func (n Name) Value() (driver.Value, error) {
	if n.s == "" {
		return nil, nameLoc.Fail(billing.CodeRequired, msgNameZero)
	}
	return n.s, nil
}

// Scan sets n to the name in a string or []byte column, with the rules and
// errors of [ParseName]. NULL fails with [billing.CodeRequired] (scan a
// nullable column into a sql.Null[contact.Name] or a *contact.Name), a column
// of another type with [billing.CodeInvalidType]. On failure n is unchanged.
func (n *Name) Scan(src any) error {
	s, err := scanText(src, nameLoc, msgNameNull)
	if err != nil {
		return err
	}
	v, err := ParseName(s)
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// Value returns the full address as a string, never the masked form, or fails
// with [billing.CodeRequired] at "email" for the zero Email.
func (e Email) Value() (driver.Value, error) {
	if e.addr == "" {
		return nil, emailLoc.Fail(billing.CodeRequired, msgEmailZero)
	}
	return e.addr, nil
}

// Scan sets e to the address in a string or []byte column, with the rules and
// errors of [ParseEmail]. NULL fails with [billing.CodeRequired] (scan a
// nullable column into a sql.Null[contact.Email] or a *contact.Email), a
// column of another type with [billing.CodeInvalidType]. On failure e is
// unchanged.
func (e *Email) Scan(src any) error {
	s, err := scanText(src, emailLoc, msgEmailNull)
	if err != nil {
		return err
	}
	v, err := ParseEmail(s)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Value returns the full E.164 number as a string, never the masked form, or
// fails with [billing.CodeRequired] at "phone" for the zero Phone.
func (p Phone) Value() (driver.Value, error) {
	if p.e164 == "" {
		return nil, phoneLoc.Fail(billing.CodeRequired, msgPhoneZero)
	}
	return p.e164, nil
}

// Scan sets p to the number in a string or []byte column, read as
// [ParseStoredPhone] reads it: by its E.164 shape alone, so that a row stays
// readable when the phone metadata changes ([Phone.IsValid] says whether
// today's metadata holds the number valid). NULL fails with
// [billing.CodeRequired] (scan a nullable column into a sql.Null[contact.Phone]
// or a *contact.Phone), a column of another type with
// [billing.CodeInvalidType]. On failure p is unchanged.
func (p *Phone) Scan(src any) error {
	s, err := scanText(src, phoneLoc, msgPhoneNull)
	if err != nil {
		return err
	}
	v, err := ParseStoredPhone(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}
