// Package textform holds, once, the bodies of the text, JSON and SQL methods of the
// module's types whose every encoded form is one string: the ids and the contact details.
// Each such method is a call of the type's [Form], which knows the type's parser and the
// place and messages of its failures; so every type reads each form through its own parser, fails
// with a one-entry billing.Errors at the member it stands for, and treats its zero value,
// JSON null and SQL NULL alike.
package textform

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"reflect"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Form is the text, JSON and SQL form of the type T, whose value is one string, "" for its
// zero value: its [Kind] and its parser. A Form is made once, by [New], kept in a package
// variable, and only read afterwards.
//
// A type's Scan method is two calls, f.Set(v, f.Column(src)): the column, an interface, is
// handed only to Column, which is not generic. The compiler does not carry what it knows of
// a generic function's parameters into another package, so an inlined call of a generic
// Scan there would box a caller's []byte column on the heap.
type Form[T any] struct {
	Kind
	Parse func(string) (T, error) // reads a value; its failures are at At
}

// Kind is what the forms of a type need besides its parser: where its failures are reported
// and what the failures of the forms themselves say.
type Kind struct {
	At   report.Loc // the member the type stands for, where every failure is reported
	Zero string     // the message of encoding the zero value, which has no form
	Null string     // the message of scanning SQL NULL into a plain value

	// Limit, when not 0, is the most bytes a text, JSON string or column may hold: a longer
	// one fails with billing.CodeTooLong and the message TooLong before it is copied. Set it
	// only where the parser's verdict on every such input is that same failure.
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
		Kind: Kind{
			At: at,
			Zero: "is the zero " + short + ", which is no " + what + " and has no encoded form: " +
				"say there is none with a nil *" + name + ", sql.Null[" + name + "] or omitzero",
			Null: "is NULL: scan a nullable column into a sql.Null[" + name + "] or a *" + name,
		},
		Parse: parse,
	}
}

// AppendText appends s, the value's string, to b, or fails with billing.CodeRequired for
// the zero value (s is ""), leaving b as it was.
func (k *Kind) AppendText(b []byte, s string) ([]byte, error) {
	if s == "" {
		return b, k.At.Fail(billing.CodeRequired, k.Zero)
	}
	return append(b, s...), nil
}

// JSON returns s as a JSON string, or fails with billing.CodeRequired for the zero
// value. It escapes nothing: it is for types whose valid values hold no character that
// JSON escapes.
func (k *Kind) JSON(s string) ([]byte, error) {
	if s == "" {
		return nil, k.At.Fail(billing.CodeRequired, k.Zero)
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// Value returns s for a database, or fails with billing.CodeRequired for the zero value.
func (k *Kind) Value(s string) (driver.Value, error) {
	if s == "" {
		return nil, k.At.Fail(billing.CodeRequired, k.Zero)
	}
	return s, nil
}

// ReadText sets *v to what Parse reads from text (empty text is Parse's failure of
// ""). On failure *v is left unchanged.
func (f *Form[T]) ReadText(v *T, text []byte) error {
	s, err := f.str(text)
	return f.set(v, s, err)
}

// ReadJSON sets *v to what Parse reads from the JSON string data, and leaves it
// unchanged for JSON null. A JSON value that is not a string is billing.CodeInvalidType,
// and data that is not JSON at all billing.CodeInvalidJSON. On failure *v is left
// unchanged.
//
// Escapes are decoded as encoding/json decodes them, invalid UTF-8 and a lone surrogate
// becoming U+FFFD: it is for types whose parser refuses every character outside ASCII.
func (f *Form[T]) ReadJSON(v *T, data []byte) error {
	data = bytes.Trim(data, " \t\r\n")
	if string(data) == "null" {
		return nil
	}
	s, err := f.jsonString(data)
	return f.set(v, s, err)
}

// Column is the text a database column held, or the failure of one that holds none, as
// [Kind.Column] reads it for [Form.Set].
type Column struct {
	text string
	err  error
}

// Column reads a string or []byte column (the bytes are copied: a driver may reuse them).
// SQL NULL fails with billing.CodeRequired and the message Null, a column of any other
// type with billing.CodeInvalidType, naming the type.
func (k *Kind) Column(src any) Column {
	switch c := src.(type) {
	case string:
		return Column{text: c}
	case []byte:
		s, err := k.str(c)
		return Column{s, err}
	case nil:
		return Column{err: k.At.Fail(billing.CodeRequired, k.Null)}
	}
	// reflect.TypeOf, unlike fmt, keeps src from escaping.
	return Column{err: k.At.Fail(billing.CodeInvalidType, "must be stored as text or bytes, not as "+reflect.TypeOf(src).String())}
}

// Set sets *v to what Parse reads from the column c, read by [Kind.Column]; a column that
// holds no text fails with its failure. On failure *v is left unchanged. It is the body
// of a Scan method: f.Set(v, f.Column(src)).
func (f *Form[T]) Set(v *T, c Column) error { return f.set(v, c.text, c.err) }

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
func (k *Kind) str(b []byte) (string, error) {
	if k.Limit > 0 && len(b) > k.Limit {
		return "", k.tooLong()
	}
	return string(b), nil
}

// tooLong is the failure of a text over the Limit, kept out of str so that str inlines.
func (k *Kind) tooLong() error { return k.At.Fail(billing.CodeTooLong, k.TooLong) }

// jsonString returns the string the JSON value data (trimmed, not null) holds.
func (k *Kind) jsonString(data []byte) (string, error) {
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		inner := data[1 : len(data)-1]
		// The common case: no escapes. A control character left raw would make the
		// document invalid, but the parsers refuse one anyway.
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return k.str(inner)
		}
		var s string
		if err := json.Unmarshal(data, &s); err == nil {
			return s, nil
		}
	}
	if !json.Valid(data) {
		return "", k.At.Fail(billing.CodeInvalidJSON, "must be a JSON string")
	}
	return "", k.At.Fail(billing.CodeInvalidType, "must be a string")
}
