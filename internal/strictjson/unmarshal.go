package strictjson

import (
	"reflect"

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

// Column returns the JSON document of a database column (json, jsonb), src, given as []byte
// or string: the first half of the Scan method of a type whose column holds its document,
//
//	data, err := strictjson.Column(src, at, "money.PaymentRules")
//	return strictjson.Set(v, data, err, DecodePaymentRules)
//
// SQL NULL fails with billing.CodeRequired at at, with a message naming the nullable forms
// of typeName ("money.PaymentRules"); a column of any other type fails with
// billing.CodeInvalidType at at, naming that type. The bytes are a driver's, which it may
// reuse after Scan: the decoder copies what it keeps. Column is not generic, so that a
// Scan method inlined into another package does not box a caller's []byte on the heap
// (the compiler does not carry what it knows of a generic function's parameters across
// packages).
func Column(src any, at report.Loc, typeName string) ([]byte, error) {
	switch s := src.(type) {
	case []byte:
		return s, nil
	case string:
		return []byte(s), nil
	case nil:
		return nil, at.Fail(billing.CodeRequired,
			"is NULL: scan a nullable column into a sql.Null["+typeName+"] or a *"+typeName)
	}
	// reflect.TypeOf, unlike fmt, keeps src from escaping.
	return nil, at.Fail(billing.CodeInvalidType, "must be stored as JSON text (json, jsonb), not as "+reflect.TypeOf(src).String())
}

// Set sets *v to what decode reads from data, the document [Column] returned, unless
// reading the column failed (err). On failure *v is left unchanged.
func Set[T any](v *T, data []byte, err error, decode func([]byte) (T, error)) error {
	if err != nil {
		return err
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
