package strictjson

import (
	"fmt"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// IsNull reports whether data is the JSON literal null, with or without white space
// around it.
func IsNull(data []byte) bool {
	i, j := 0, len(data)
	for i < j && isSpace(data[i]) {
		i++
	}
	for j > i && isSpace(data[j-1]) {
		j--
	}
	return string(data[i:j]) == "null"
}

// Unmarshal is the body of an UnmarshalJSON method whose value parse reads: JSON null
// leaves *v unchanged, as encoding/json expects of a value that may be absent; otherwise
// *v is set to what parse reads from data, and on failure left unchanged and parse's
// error returned.
func Unmarshal[T any](v *T, data []byte, parse func([]byte) (T, error)) error {
	if IsNull(data) {
		return nil
	}
	return set(v, data, parse)
}

// Scan is the body of the Scan method of a type whose database column holds its JSON
// document (json, jsonb): src, []byte or string, is read by decode into *v, which is left
// unchanged on failure (decode copies what it keeps: a driver may reuse the bytes). SQL
// NULL fails with billing.CodeRequired at at, with a message naming the nullable forms of
// typeName ("money.PaymentRules"); a column of any other type fails with
// billing.CodeInvalidType at at, naming that type.
func Scan[T any](v *T, src any, at report.Loc, typeName string, decode func([]byte) (T, error)) error {
	var data []byte
	switch s := src.(type) {
	case []byte:
		data = s
	case string:
		data = []byte(s)
	case nil:
		return at.Fail(billing.CodeRequired,
			"is NULL: scan a nullable column into a sql.Null["+typeName+"] or a *"+typeName)
	default:
		return at.Fail(billing.CodeInvalidType, fmt.Sprintf("must be stored as JSON text (json, jsonb), not as %T", src))
	}
	return set(v, data, decode)
}

// set sets *v to what parse reads from data, and leaves it unchanged on failure.
func set[T any](v *T, data []byte, parse func([]byte) (T, error)) error {
	x, err := parse(data)
	if err != nil {
		return err
	}
	*v = x
	return nil
}
