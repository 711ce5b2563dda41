// Package textform holds, once, the bodies of the text, JSON and SQL methods of the
// module's types whose every encoded form is one string: the ids and the contact details.
// Each type has a [Form], which says where its failures are reported and what the failures
// of the forms themselves say; its encoders are calls of the Form, and its decoders read
// their input through the Form and hand it to the type's parser with [Set]:
//
//	func (id *CustomerID) Scan(src any) error {
//		return textform.Set(id, customerForm.Column(src), ParseCustomerID)
//	}
//
// So every type reads each form through its own parser, fails with a one-entry
// billing.Errors at the member it stands for, and treats its zero value, JSON null and SQL
// NULL alike. The parser is an argument of Set, not a field of the Form, so that the
// compiler, inlining Set, calls it directly; and the input (a column is an interface) is
// read by methods that are not generic, whose escape facts the compiler carries into other
// packages, so that no caller's []byte is boxed on the heap.
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

// Form is what the text, JSON and SQL methods of one type need besides its parser. A Form
// is made once, by [New], kept in a package variable, and only read afterwards.
type Form struct {
	At   report.Loc // the member the type stands for, where every failure is reported
	Zero string     // the message of encoding the zero value, which has no form
	Null string     // the message of scanning SQL NULL into a plain value

	// Limit, when not 0, is the most bytes a text, JSON string or column may hold: a longer
	// one fails with billing.CodeTooLong and the message TooLong before it is copied. Set it
	// only where the parser's verdict on every such input is that same failure.
	Limit   int
	TooLong string
}

// New returns the form of a type whose failures are at at. name is the type as a program
// writes it ("ids.CustomerID") and what says, after "no", what its zero value is not
// ("ID"): they make the messages of encoding the zero value and of scanning NULL, which
// say how to write an absent value instead.
func New(at report.Loc, name, what string) *Form {
	short := name[strings.IndexByte(name, '.')+1:]
	return &Form{
		At: at,
		Zero: "is the zero " + short + ", which is no " + what + " and has no encoded form: " +
			"say there is none with a nil *" + name + ", sql.Null[" + name + "] or omitzero",
		Null: "is NULL: scan a nullable column into a sql.Null[" + name + "] or a *" + name,
	}
}

// AppendText appends s, the value's string, to b, or fails with billing.CodeRequired for
// the zero value (s is ""), leaving b as it was.
func (f *Form) AppendText(b []byte, s string) ([]byte, error) {
	if s == "" {
		return b, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	return append(b, s...), nil
}

// JSON returns s as a JSON string, or fails with billing.CodeRequired for the zero value.
// It escapes nothing: it is for types whose valid values hold no character that JSON
// escapes.
func (f *Form) JSON(s string) ([]byte, error) {
	if s == "" {
		return nil, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// Value returns s for a database, or fails with billing.CodeRequired for the zero value.
func (f *Form) Value(s string) (driver.Value, error) {
	if s == "" {
		return nil, f.At.Fail(billing.CodeRequired, f.Zero)
	}
	return s, nil
}

// Input is what a decoder read: the text for the parser, a failure, or JSON null, which
// leaves the value as it was.
type Input struct {
	text string
	err  error
	null bool
}

// Set sets *v to what parse reads from in, leaves *v unchanged for JSON null, and fails
// with in's failure, or parse's; on failure *v is left unchanged. It is the body of every
// decoding method (UnmarshalText, UnmarshalJSON, Scan).
func Set[T any](v *T, in Input, parse func(string) (T, error)) error {
	if in.err != nil || in.null {
		return in.err
	}
	x, err := parse(in.text)
	if err != nil {
		return err
	}
	*v = x
	return nil
}

// Text reads text for UnmarshalText (empty text is the parser's failure of "").
func (f *Form) Text(text []byte) Input {
	if f.Limit > 0 && len(text) > f.Limit {
		return f.tooLong()
	}
	return Input{text: string(text)}
}

// tooLong is the Input of a text over the Limit.
func (f *Form) tooLong() Input { return Input{err: f.At.Fail(billing.CodeTooLong, f.TooLong)} }

// JSONString reads the JSON string data for UnmarshalJSON; JSON null is left to the value.
// A JSON value that is not a string is billing.CodeInvalidType, and data that is not JSON
// at all billing.CodeInvalidJSON.
//
// Escapes are decoded as encoding/json decodes them, invalid UTF-8 and a lone surrogate
// becoming U+FFFD: it is for types whose parser refuses every character outside ASCII.
func (f *Form) JSONString(data []byte) Input {
	data = bytes.Trim(data, " \t\r\n")
	if string(data) == "null" {
		return Input{null: true}
	}
	if len(data) >= 2 && data[0] == '"' && data[len(data)-1] == '"' {
		inner := data[1 : len(data)-1]
		// The common case: no escapes. A control character left raw would make the
		// document invalid, but the parsers refuse one anyway.
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return f.Text(inner)
		}
		var s string
		if err := json.Unmarshal(data, &s); err == nil {
			return Input{text: s}
		}
	}
	if !json.Valid(data) {
		return Input{err: f.At.Fail(billing.CodeInvalidJSON, "must be a JSON string")}
	}
	return Input{err: f.At.Fail(billing.CodeInvalidType, "must be a string")}
}

// Column reads a string or []byte database column for Scan (the bytes are copied: a driver
// may reuse them). SQL NULL fails with billing.CodeRequired and the message Null, a column
// of any other type with billing.CodeInvalidType, naming the type.
func (f *Form) Column(src any) Input {
	switch c := src.(type) {
	case string:
		return Input{text: c}
	case []byte:
		return f.Text(c)
	case nil:
		return Input{err: f.At.Fail(billing.CodeRequired, f.Null)}
	}
	// reflect.TypeOf, unlike fmt, keeps src from escaping.
	return Input{err: f.At.Fail(billing.CodeInvalidType, "must be stored as text or bytes, not as "+reflect.TypeOf(src).String())}
}
