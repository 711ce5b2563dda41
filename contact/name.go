package contact

import (
	"database/sql/driver"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/ascii"
	"github.com/tallykit/billing/internal/report"
)

// nameLoc is where a name's failures are reported: the member "name".
var nameLoc = report.At("name")

// maxNameLength is the longest name, in code points.
const maxNameLength = 255

// Messages of name failures. A name is not secret, but messages do not quote
// it either: it may hold the very characters that were refused.
const (
	msgNameRequired   = "must not be empty or only white space"
	msgNameCharacters = "must be valid UTF-8 without control, format (such as bidirectional overrides), " +
		"private-use or unassigned characters (PRECIS FreeformClass, RFC 8264)"
	msgNameTooLong = "must be at most 255 characters (Unicode code points)"
)

// nameProfile is the PRECIS profile that judges names: the FreeformClass with
// no mapping options. It is never modified.
var nameProfile = precis.NewFreeform()

// Name is a display name, of a customer or of an account. A valid name has 1
// to 255 Unicode code points, is not made of white space alone, and is
// accepted by the PRECIS FreeformClass profile of RFC 8264 exactly as
// golang.org/x/text/secure/precis decides it: NewFreeform().String(s)
// returns no error. That profile normalises to NFC before it checks, so a
// decomposed name ("e\u0301", Korean typed as conjoining jamo such as
// "\u1112\u1161\u11ab") is accepted when its composed form is.
//
// So letters, marks, digits, spaces (including U+3000 and U+00A0),
// punctuation and symbols (emoji included) of any script are accepted;
// control characters (U+0000, tab, U+0085), format characters (U+202E
// RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN,
// U+FEFF), private-use, unassigned and noncharacter code points, and the
// contextual code points out of their context (a middle dot not between two
// l, a zero width joiner not after a virama) are refused. Which code points
// are allowed follows the Unicode version of the precis package
// (precis.UnicodeVersion) and may change with it: a code point unassigned
// today is refused.
//
// The value is kept exactly as sent: never trimmed, case-mapped or
// normalised, so a decomposed name stays decomposed.
//
// The zero Name is not a name: it reports IsZero, its String is "", and it
// has no text or SQL form. Names are comparable with ==, immutable, and safe
// for concurrent use. A name is not personal data to mask: String returns it.
type Name struct {
	s string
}

// ParseName returns the Name s. It fails with a one-entry [billing.Errors] at
// "name":
//   - [billing.CodeRequired] when s is empty or every code point is white
//     space (Unicode White_Space: " ", "\t", U+00A0, U+3000, …);
//   - [billing.CodeInvalidCharacters] when s is not valid UTF-8 (the three
//     bytes of a lone surrogate are not) or the PRECIS FreeformClass profile
//     refuses it (see [Name]);
//   - [billing.CodeTooLong] when s has more than 255 code points.
//
// The first that applies is reported, in that order.
func ParseName(s string) (Name, error) {
	if code, msg := checkName(s); code != "" {
		return Name{}, nameLoc.Fail(code, msg)
	}
	return Name{s: s}, nil
}

// checkName applies the name rules to s and returns the failing code, or ""
// when s is a valid name. Printable ASCII, the common case, skips PRECIS:
// every character from 0x20 to 0x7E is in the FreeformClass and ASCII is
// already NFC, so for such strings only emptiness and length can fail. The
// bytes are checked eight at a time. FuzzName checks that this agrees with
// checkNamePRECIS on every input.
func checkName(s string) (billing.Code, string) {
	if s == "" {
		return billing.CodeRequired, msgNameRequired
	}
	blank := true
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := ascii.Load64(s, i)
		if !ascii.AllInRange(w, 0x20, 0x7e) {
			return checkNamePRECIS(s)
		}
		if w != spaces8 {
			blank = false
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return checkNamePRECIS(s)
		}
		if c != ' ' {
			blank = false
		}
	}
	if blank {
		return billing.CodeRequired, msgNameRequired
	}
	if len(s) > maxNameLength {
		return billing.CodeTooLong, msgNameTooLong
	}
	return "", ""
}

// spaces8 is a word of eight spaces (ascii.Repeat(' ')).
const spaces8 = 0x2020202020202020

// checkNamePRECIS is the general path of checkName, for any string: the rules
// of ParseName as they are written.
func checkNamePRECIS(s string) (billing.Code, string) {
	if s == "" || isWhiteSpaceOnly(s) {
		return billing.CodeRequired, msgNameRequired
	}
	if !utf8.ValidString(s) {
		return billing.CodeInvalidCharacters, msgNameCharacters
	}
	if _, err := nameProfile.String(s); err != nil {
		return billing.CodeInvalidCharacters, msgNameCharacters
	}
	if utf8.RuneCountInString(s) > maxNameLength {
		return billing.CodeTooLong, msgNameTooLong
	}
	return "", ""
}

// isWhiteSpaceOnly reports whether every code point of s has the Unicode
// White_Space property (an invalid UTF-8 byte does not).
func isWhiteSpaceOnly(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if !unicode.Is(unicode.White_Space, r) {
			return false
		}
		i += size
	}
	return true
}

// IsZero reports whether n is the zero Name, which is not a name.
func (n Name) IsZero() bool { return n.s == "" }

// String returns the name exactly as it was parsed ("" for the zero Name).
func (n Name) String() string { return n.s }

// MarshalText returns the name. It fails with [billing.CodeRequired] at
// "name" for the zero Name, which has no text form.
func (n Name) MarshalText() ([]byte, error) { return n.AppendText(nil) }

// AppendText appends the name to b, or fails like MarshalText for the zero Name.
func (n Name) AppendText(b []byte) ([]byte, error) { return nameForm.AppendText(b, n.s) }

// UnmarshalText sets n to the Name text, with the rules and errors of
// [ParseName]; empty text is [billing.CodeRequired]. On failure n is left
// unchanged.
func (n *Name) UnmarshalText(text []byte) error { return nameForm.ReadText(n, text) }

// Value returns the name as a string, or fails with [billing.CodeRequired] at
// "name" for the zero Name.
func (n Name) Value() (driver.Value, error) { return nameForm.Value(n.s) }

// Scan sets n to the name in a string or []byte column, with the rules and
// errors of [ParseName]. NULL fails with [billing.CodeRequired] (scan a
// nullable column into a sql.Null[contact.Name] or a *contact.Name), a column
// of another type with [billing.CodeInvalidType]. On failure n is unchanged.
func (n *Name) Scan(src any) error { return nameForm.Set(n, nameForm.Column(src)) }
