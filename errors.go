package billing

import (
	"errors"
	"strconv"
	"strings"
)

// FieldError is one validation failure: which field, which rule, and what to send instead.
//
// Field is the JSON path of the member, its names joined by dots ("phone",
// "customer.phone", "metadata.order_id"); the whole document is the empty path.
// Message is written for a person, says what to send instead, and never contains
// a secret (an API key) or a personal value (an email address, a phone number).
type FieldError struct {
	Field   string `json:"field"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// NewFieldError returns a FieldError for field with the given code and message.
func NewFieldError(field string, code Code, message string) *FieldError {
	return &FieldError{Field: field, Code: code, Message: message}
}

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

// Is reports whether target is the [Code] of e, so that errors.Is(err, billing.ErrRequired) works.
func (e *FieldError) Is(target error) bool {
	c, ok := target.(Code)
	return ok && c == e.Code
}

// Errors is every failure of one document, in document order, with at most one entry per field path.
// A function of this module that fails on a whole document returns an Errors value (never an empty one);
// retrieve it with errors.As:
//
//	var errs billing.Errors
//	if errors.As(err, &errs) {
//		for _, fe := range errs {
//			fmt.Println(fe.Field, fe.Code)
//		}
//	}
//
// Its JSON form is the array [{"field":…,"code":…,"message":…}].
type Errors []*FieldError

// Error joins the failures one per line.
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

// Field returns the failure reported for the given path, or nil if that path has none.
func (es Errors) Field(path string) *FieldError {
	for _, e := range es {
		if e.Field == path {
			return e
		}
	}
	return nil
}

// AsErrors returns the failures held in err: the [Errors] it wraps, or a single [*FieldError]
// as a one-entry list. It returns nil when err holds neither.
func AsErrors(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return Errors{fe}
	}
	return nil
}
