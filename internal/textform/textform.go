// Package textform holds, once, the bodies of the text, JSON and SQL methods of the
// module's types whose every encoded form is one string: the ids and the contact details.
// Each such method is one call of a [Form], which knows the type's parser and the place and
// messages of its failures; so every type reads each form through its own parser, fails
// with a one-entry billing.Errors at the member it stands for, and treats its zero value,
// JSON null and SQL NULL alike.
package textform

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Form is the text, JSON and SQL form of the type T, whose value is one string, "" for its
// zero value. A Form is made once, by [New], kept in a package variable, and only read
// afterwards.
type Form[T any] struct {
	At    report.Loc              // the member T stands for, where every failure is reported
	Parse func(string) (T, error) // reads a value; its failures are at At
	Zero  string                  // the message of encoding the zero value, which has no form
	Null  string                  // the message of scanning SQL NULL into a plain T

	// Limit, when not 0, is the most bytes a text, JSON string or column may hold: a longer
	// one fails with billing.CodeTooLong and the message TooLong before it is copied. Set it
	// only where Parse's verdict on every such input is that same failure.
	Limit   int
	TooLong string
}

// New returns the form of T, whose values parse reads and whose failures are at at. name
// is T as a program writes it ("ids.CustomerID") and what says, after "no", what its
// zero value is not ("ID"): they make the messages of encoding the zero value and of
// scanning NULL, which say how to write an absent value instead.
func New[T any](at report.Loc, parse func(string) (T, error), name, what string) *Form[T] {
	short := name[strings.IndexByte(name, '.')+1:]
	return &Form[T]{
		At:    at,
		Parse: parse,
		Zero: "is the zero " + short + ", which is no " + what + " and has no encoded form: " +
			"say there is none with a nil *" + name + ", sql.Null[" + name + "] or omitzero",
		Null: "is NULL: scan a nullable column into a sql.Null[" + name + "] or a *" + name,
	}
}

// AppendText appends s, the value's string, to b, or fails with billing.CodeRequired for
// the zero value (s is ""), leaving b as it was.
func (f *Form[T]) AppendText(b []byte, s string) ([]byte, error) {
	if s == "" {
		return b, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	return append(b, s...), nil
}

// MarshalJSON returns s as a JSON string, or fails with billing.CodeRequired for the zero
// value. It escapes nothing: it is for types whose valid values hold no character that
// JSON escapes.
func (f *Form[T]) MarshalJSON(s string) ([]byte, error) {
	if s == "" {
		return nil, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// Value returns s for a database, or fails with billing.CodeRequired for the zero value.
func (f *Form[T]) Value(s string) (driver.Value, error) {
	if s == "" {
		return nil, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	return s, nil
}

// UnmarshalText sets *v to what Parse reads from text (empty text is Parse's failure of
// ""). On failure *v is left unchanged.
func (f *Form[T]) UnmarshalText(v *T, text []byte) error {
	s, err := f.str(text)
	return f.set(v, s, err)
}

// UnmarshalJSON sets *v to what Parse reads from the JSON string data, and leaves it
// unchanged for JSON null. A JSON value that is not a string is billing.CodeInvalidType,
// and data that is not JSON at all billing.CodeInvalidJSON. On failure *v is left
// unchanged.
//
// Escapes are decoded as encoding/json decodes them, invalid UTF-8 and a lone surrogate
// becoming U+FFFD: it is for types whose parser refuses every character outside ASCII.
func (f *Form[T]) UnmarshalJSON(v *T, data []byte) error {
	data = bytes.Trim(data, " \t\r\n")
	if string(data) == "null" {
		return nil
	}
	s, err := f.jsonString(data)
	return f.set(v, s, err)
}

// Scan sets *v to what Parse reads from a string or []byte column (the bytes are copied:
// a driver may reuse them). SQL NULL fails with billing.CodeRequired and the message Null,
// a column of any other type with billing.CodeInvalidType, naming the type. On failure *v
// is left unchanged.
func (f *Form[T]) Scan(v *T, src any) error {
	var s string
	var err error
	switch c := src.(type) {
	case string:
		s = c
	case []byte:
		s, err = f.str(c)
	case nil:
		err = f.At.Fail(billing.CodeRequired, f.Null)
	default:
		err = f.At.Fail(billing.CodeInvalidType, fmt.Sprintf("must be stored as text or bytes, not as %T", src))
	}
	return f.set(v, s, err)
}

// set sets *v to what Parse reads from s, unless reading s failed already (err).
func (f *Form[T]) set(v *T, s string, err error) error {
	if err != nil {
		return err
	}
	x, err := f.Parse(s)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

// str returns b as a string, or the failure of a b over the Limit, which it does not copy.
func (f *Form[T]) str(b []byte) (string, error) {
	if f.Limit > 0 && len(b) > f.Limit {
		return "", f.At.Fail(billing.CodeTooLong, f.TooLong)
	}
	return string(b), nil
}

// jsonString returns the string the JSON value data (trimmed, not null) holds.
func (f *Form[T]) jsonString(data []byte) (string, error) {
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		inner := data[1 : len(data)-1]
		// The common case: no escapes. A control character left raw would make the
		// document invalid, but the parsers refuse one anyway.
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return f.str(inner)
		}
		var s string
		if err := json.Unmarshal(data, &s); err == nil {
			return s, nil
		}
	}
	if !json.Valid(data) {
		return "", f.At.Fail(billing.CodeInvalidJSON, "must be a JSON string")
	}
	return "", f.At.Fail(billing.CodeInvalidType, "must be a string")
}
