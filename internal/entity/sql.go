package entity

import (
	"database/sql/driver"
	"fmt"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Value is the body of a document's Value method: its JSON encoding (b, err), as a string
// for a json or jsonb column.
func Value(b []byte, err error) (driver.Value, error) {
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan is the body of a document's Scan method: src, a json or jsonb column's value,
// read by decode into *v; *v is unchanged on failure. NULL is required, with a message
// naming the nullable forms of typeName; a source that is not text is invalid_type.
func Scan[T any](v *T, src any, decode func([]byte) (T, error), typeName string) error {
	var data []byte
	switch s := src.(type) {
	case []byte:
		data = s
	case string:
		data = []byte(s)
	case nil:
		return report.Loc{}.Fail(billing.CodeRequired, "is NULL: scan a nullable column into a sql.Null["+
			typeName+"] or a *"+typeName)
	default:
		return report.Loc{}.Fail(billing.CodeInvalidType, fmt.Sprintf("must be stored as JSON text (json, jsonb), not as %T", src))
	}
	x, err := decode(data)
	if err != nil {
		return err
	}
	*v = x
	return nil
}
