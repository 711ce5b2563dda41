package testkit

import (
	"errors"
	"fmt"
	"strings"

	billing "github.com/tallykit/billing"
)

// Failure is one failure of a billing.Errors without its message: the dot path of the
// member and the code.
type Failure struct {
	Field string       `json:"field"`
	Code  billing.Code `json:"code"`
}

// String returns the path, quoted, and the code: `"metadata.a" required`.
func (f Failure) String() string { return fmt.Sprintf("%q %s", f.Field, f.Code) }

// At returns the failure at the dot path field with code.
func At(field string, code billing.Code) Failure { return Failure{Field: field, Code: code} }

// Pairs returns the failures given as paths and codes taken in turn:
// Pairs("name", "required", "metadata.a", "invalid_type"). It panics on an odd count.
func Pairs(fieldCode ...string) []Failure {
	if len(fieldCode)%2 != 0 {
		panic("testkit.Pairs: a path without its code")
	}
	var out []Failure
	for i := 0; i < len(fieldCode); i += 2 {
		out = append(out, Failure{Field: fieldCode[i], Code: billing.Code(fieldCode[i+1])})
	}
	return out
}

// Failures returns the failures of the billing.Errors that err holds, in order; nil when
// err is nil or holds none.
//
// It also checks what every failure keeps: its Pointer names the place its Field names
// (the unescaped reference tokens joined by dots are the path). A failure whose pointer
// does not is returned with the path `field ≠ pointer`, so that the comparison with the
// expected list fails and shows both.
func Failures(err error) []Failure {
	var errs billing.Errors
	if !errors.As(err, &errs) {
		return nil
	}
	var out []Failure
	for _, e := range errs {
		f := Failure{Field: e.Field, Code: e.Code}
		if path, ok := pathOf(e.Pointer); !ok || path != e.Field {
			f.Field = e.Field + " ≠ " + e.Pointer
		}
		out = append(out, f)
	}
	return out
}

// pointerUnescaper undoes the escapes of a JSON Pointer's reference token.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// pathOf returns the dot path of a JSON Pointer: its reference tokens, unescaped, joined
// by dots; "" for the whole document (the pointer ""). It reports false for a pointer that
// is neither "" nor starts with a slash.
func pathOf(pointer string) (string, bool) {
	if pointer == "" {
		return "", true
	}
	rest, ok := strings.CutPrefix(pointer, "/")
	if !ok {
		return "", false
	}
	tokens := strings.Split(rest, "/")
	for i, tok := range tokens {
		tokens[i] = pointerUnescaper.Replace(tok)
	}
	return strings.Join(tokens, "."), true
}
