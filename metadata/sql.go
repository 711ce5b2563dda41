package metadata

import (
	"database/sql/driver"

	billing "github.com/tallykit/billing"
)

// Value implements driver.Valuer: m as its JSON object (a string, for a json or jsonb
// column), with sorted keys. The zero Metadata is stored as {}, never as NULL.
func (m Metadata) Value() (driver.Value, error) {
	return string(m.appendJSON(nil)), nil
}

// Scan implements sql.Scanner for a json or jsonb column: a JSON object given as []byte
// or string, read with [Parse] under [CustomerLimits] (see UnmarshalJSON). SQL NULL reads
// as the zero Metadata, as does JSON null. Any other type is invalid_type at "metadata".
// On failure m is unchanged.
func (m *Metadata) Scan(src any) error {
	var data []byte
	switch v := src.(type) {
	case nil:
		*m = Metadata{}
		return nil
	case []byte:
		data = v // Parse copies what it keeps
	case string:
		data = []byte(v)
	default:
		return billing.NewFieldError(Path, billing.CodeInvalidType, "must be a JSON object stored as text or bytes")
	}
	md, err := Parse(data, CustomerLimits())
	if err != nil {
		return err
	}
	*m = md
	return nil
}
