package metadata

import (
	"database/sql/driver"

	billing "github.com/tallykit/billing"
)

// Value implements driver.Valuer: m as its JSON object (a string, for a json or jsonb
// column), written as MarshalJSON writes it. The zero Metadata is stored as {}, never as
// NULL; store absent metadata from a sql.Null[Metadata] or a *Metadata. It never fails.
func (m Metadata) Value() (driver.Value, error) {
	return string(m.appendJSON(nil)), nil
}

// Scan implements sql.Scanner for a json or jsonb column: a JSON object given as []byte
// or string, read with [Decode] under [CustomerLimits], as UnmarshalJSON reads. SQL NULL
// is not a Metadata: Scan(nil) fails with required at "metadata"; scan a nullable column
// into a sql.Null[metadata.Metadata] or a *metadata.Metadata. A source of another type is
// invalid_type at "metadata". On failure m is unchanged and the error is a billing.Errors.
func (m *Metadata) Scan(src any) error {
	var data []byte
	switch v := src.(type) {
	case nil:
		return here.Fail(billing.CodeRequired,
			"is NULL: scan a nullable column into a sql.Null[metadata.Metadata] or a *metadata.Metadata")
	case []byte:
		data = v // Decode copies what it keeps
	case string:
		data = []byte(v)
	default:
		return here.Fail(billing.CodeInvalidType, "must be a JSON object stored as text or bytes")
	}
	md, err := decodeCustomer(data)
	if err != nil {
		return err
	}
	*m = md
	return nil
}
