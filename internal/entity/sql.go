package entity

import (
	"database/sql"
	"database/sql/driver"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Value is the body of a document's Value method: its JSON encoding (b, err), as a string
// for a json or jsonb column.
func Value(b []byte, err error) (driver.Value, error) {
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan is the body of a document's Scan method: src, a json or jsonb column's value, read
// by decode into *v; *v is unchanged on failure. NULL is required, with a message naming
// the nullable forms of typeName; a source that is not text is invalid_type.
func Scan[T any](v *T, src any, decode func([]byte) (T, error), typeName string) error {
	data, err := strictjson.Column(src, report.Loc{}, typeName)
	return strictjson.Set(v, data, err, decode)
}

// Null returns the nullable column of an optional value: NULL for its zero value, which is
// its absence.
func Null[T interface{ IsZero() bool }](x T) sql.Null[T] {
	return sql.Null[T]{V: x, Valid: !x.IsZero()}
}
