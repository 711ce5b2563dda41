package report

import (
	"strings"

	billing "github.com/tallykit/billing"
)

// Loc is the place of a member in a document, kept as its JSON Pointer (RFC 6901), from
// which the dot path is derived when a failure is recorded. The zero Loc is the whole
// document. A Loc is built only where a failure needs it, so a valid document builds none.
type Loc struct{ ptr string }

// At returns the place of the top-level member name.
func At(name string) Loc { return Loc{}.Member(name) }

// Member returns the place of the member name inside the object at l. An empty name is
// kept: "/metadata/" is the place of an empty metadata key.
func (l Loc) Member(name string) Loc { return Loc{l.ptr + "/" + billing.EscapePointer(name)} }

// Pointer returns l as a JSON Pointer: "" for the whole document, "/customer/phone".
func (l Loc) Pointer() string { return l.ptr }

// IsRoot reports whether l is the whole document.
func (l Loc) IsRoot() bool { return l.ptr == "" }

// Under returns the place of the failure e, which a parser of a value read on its own
// reported relative to that value, once the value sits at l.
func (l Loc) Under(e *billing.FieldError) Loc { return Loc{l.ptr + e.Pointer} }

// Path returns l as a dot path: the unescaped names joined by dots ("customer.phone",
// "metadata.a.b" for the key "a.b"), "" for the whole document.
func (l Loc) Path() string {
	if l.ptr == "" {
		return ""
	}
	p := l.ptr[1:]
	if !strings.ContainsAny(p, "/~") {
		return p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i, tok := range strings.Split(p, "/") {
		if i > 0 {
			b.WriteByte('.')
		}
		if strings.IndexByte(tok, '~') >= 0 {
			tok = pointerUnescaper.Replace(tok)
		}
		b.WriteString(tok)
	}
	return b.String()
}

// pointerUnescaper reads a reference token of a JSON Pointer; it is safe for concurrent use.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// Error returns the failure at l with code and message.
func (l Loc) Error(code billing.Code, message string) *billing.FieldError {
	return &billing.FieldError{Field: l.Path(), Pointer: l.ptr, Code: code, Message: message}
}

// Fail returns a one-entry billing.Errors: the failure at l with code and message. It is
// what a single value's parser returns.
func (l Loc) Fail(code billing.Code, message string) error {
	return billing.Errors{l.Error(code, message)}
}
