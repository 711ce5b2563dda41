package metadata

import (
	"database/sql/driver"

	"github.com/tallykit/billing/internal/strictjson"
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
	data, err := strictjson.Column(src, here, "metadata.Metadata")
	return strictjson.Set(m, data, err, decodeCustomer)
}
