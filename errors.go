package billing

import (
	"strconv"
	"strings"
)

// FieldError is one validation failure: which field, which rule, and what to send instead.
//
// Field is the JSON path of the member, its names joined by dots ("phone",
// "customer.phone", "metadata.order_id"); the whole document is the empty path.
// A metadata key may itself hold a dot, so Pointer names the same place without
// ambiguity, as an RFC 6901 JSON Pointer ("/phone", "/customer/phone", "/metadata/a.b",
// "/metadata/a~1b" for the key "a/b"; "" for the whole document).
// Message is written for a person, says what to send instead, and never contains
// a secret (an API key) or a personal value (an email address, a phone number).
type FieldError struct {
	Field   string `json:"field"`
	Pointer string `json:"pointer"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// NewFieldError returns the failure of the member that names locate, from the top of the
// document: NewFieldError(CodeConflict, "is already in use", "customer", "external_reference")
// is at field "customer.external_reference", pointer "/customer/external_reference".
// With no names it is a failure of the whole document.
func NewFieldError(code Code, message string, names ...string) *FieldError {
	var field, pointer strings.Builder
	for i, n := range names {
		if i > 0 {
			field.WriteByte('.')
		}
		field.WriteString(n)
		pointer.WriteByte('/')
		pointer.WriteString(EscapePointer(n))
	}
	return &FieldError{Field: field.String(), Pointer: pointer.String(), Code: code, Message: message}
}

// EscapePointer returns name as one reference token of a JSON Pointer (RFC 6901):
// "~" written as "~0" and "/" as "~1".
func EscapePointer(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name
	}
	return pointerEscaper.Replace(name)
}

// pointerEscaper writes a reference token of a JSON Pointer; it is safe for concurrent use.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// Error returns "field: code: message", or "code: message" for the whole document.
func (e *FieldError) Error() string {
	var b strings.Builder
	b.Grow(len(e.Field) + len(e.Code) + len(e.Message) + 4)
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

// Is reports whether target is the [Code] of e, so that errors.Is(err, billing.CodeRequired) works.
func (e *FieldError) Is(target error) bool {
	c, ok := target.(Code)
	return ok && c == e.Code
}

// Errors is every failure of one value or document, in document order, with at most one
// entry per field path. Every function of this module that rejects its input returns an
// Errors value, never an empty one: a single value's parser returns one entry, at the path
// of the member the value usually stands for ("phone" for a phone number). Retrieve it
// with errors.As:
//
//	var errs billing.Errors
//	if errors.As(err, &errs) {
//		for _, fe := range errs {
//			fmt.Println(fe.Pointer, fe.Code)
//		}
//	}
//
// Its JSON form is the array [{"field":…,"pointer":…,"code":…,"message":…}].
type Errors []*FieldError

// Error returns the one failure's text, or the count and each failure on a line of its own.
func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(es)))
	b.WriteString(" errors:")
	for _, e := range es {
		b.WriteString("\n\t")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the failures one by one, so that errors.Is and errors.As see each of them.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Field returns the failure reported at the dot path, or nil if that path has none.
func (es Errors) Field(path string) *FieldError {
	for _, e := range es {
		if e.Field == path {
			return e
		}
	}
	return nil
}

// At returns the failure reported at the JSON Pointer, or nil if that place has none.
func (es Errors) At(pointer string) *FieldError {
	for _, e := range es {
		if e.Pointer == pointer {
			return e
		}
	}
	return nil
}
