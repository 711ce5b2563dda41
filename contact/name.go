package contact

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/secure/precis"

	"github.com/tallykit/billing"
)

// fieldName is the SPEC name of the name field.
const fieldName = "name"

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

// Name is a display name (of a customer or an account) valid by the rules of
// the specification: 1 to 255 Unicode code points, not only white space, every
// code point allowed by the PRECIS FreeformClass of RFC 8264 as
// golang.org/x/text/secure/precis NewFreeform() decides it. The value is kept
// exactly as sent: never trimmed, case-mapped or normalised.
//
// What "allowed" means precisely (the specification names the profile, this is
// how it is asked):
//   - the string is valid UTF-8 (a lone surrogate's bytes are not);
//   - each of its code points is in the FreeformClass (precis's
//     NewFreeform().Allowed()), or is one of the contextual code points of
//     RFC 5892 Appendix A (zero width joiner and non-joiner, middle dot, Greek
//     lower numeral sign, Hebrew geresh and gershayim, katakana middle dot,
//     Arabic-Indic digits), whose context the next rule judges;
//   - NewFreeform().String(s) succeeds: the profile's own enforcement, which
//     normalises to NFC and then checks every code point and every contextual
//     rule on the result.
//
// So letters, marks, digits, spaces (including U+3000 and U+00A0), punctuation
// and symbols (emoji included) of any script are accepted; control characters
// (U+0000, tab, U+0085), format characters (U+202E RIGHT-TO-LEFT OVERRIDE,
// U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN, U+FEFF), private-use,
// unassigned and noncharacter code points, and conjoining Hangul jamo are
// refused. A decomposed (non-NFC) name such as "e\u0301" is accepted when
// the code points it holds are allowed, and is kept decomposed; the check on
// the code points as sent is what refuses, for instance, jamo that would
// compose into an allowed syllable. For a string already in NFC the rule is
// exactly NewFreeform().String(s) == nil (a test checks this).
//
// Which code points are allowed follows the Unicode version of
// golang.org/x/text/secure/precis (precis.UnicodeVersion) and may change with
// it: a code point unassigned today is refused.
//
// The zero Name is not a name: it reports IsZero and its String is "".
// Names are comparable with ==, immutable, and safe for concurrent use.
// Names are not personal data to mask: String returns the name.
type Name struct {
	s string
}

// ParseName returns the Name s. It fails with a [*billing.FieldError] for
// field "name":
//   - [billing.CodeRequired] when s is empty or every code point is white
//     space (Unicode White_Space: " ", "\t", U+3000, …);
//   - [billing.CodeInvalidCharacters] when s is not valid UTF-8 or holds a
//     code point the rules of [Name] refuse;
//   - [billing.CodeTooLong] when s has more than 255 code points.
//
// The first that applies is reported, in that order.
func ParseName(s string) (Name, error) {
	if code, msg := checkName(s); code != "" {
		return Name{}, billing.NewFieldError(fieldName, code, msg)
	}
	return Name{s: s}, nil
}

// checkName applies the name rules to s and returns the failing code, or ""
// when s is a valid name. Printable ASCII, the common case, skips PRECIS:
// every character from 0x20 to 0x7E is in the FreeformClass and ASCII is
// already NFC, so for such strings only emptiness and length can fail.
// FuzzName checks that this agrees with checkNamePRECIS on every input.
func checkName(s string) (billing.Code, string) {
	if s == "" {
		return billing.CodeRequired, msgNameRequired
	}
	blank := true
	for i := 0; i < len(s); i++ {
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

// checkNamePRECIS is the general path of checkName, for any string.
func checkNamePRECIS(s string) (billing.Code, string) {
	if s == "" {
		return billing.CodeRequired, msgNameRequired
	}
	if isWhiteSpaceOnly(s) {
		return billing.CodeRequired, msgNameRequired
	}
	if !utf8.ValidString(s) {
		return billing.CodeInvalidCharacters, msgNameCharacters
	}
	allowed := nameProfile.Allowed()
	for _, r := range s {
		if !allowed.Contains(r) && !isContextualCodePoint(r) {
			return billing.CodeInvalidCharacters, msgNameCharacters
		}
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

// isContextualCodePoint reports whether r is one of the code points RFC 5892
// Appendix A allows only in some contexts (CONTEXTJ and CONTEXTO).
func isContextualCodePoint(r rune) bool {
	switch {
	case r == 0x200C, r == 0x200D: // ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER
		return true
	case r == 0x00B7: // MIDDLE DOT
		return true
	case r == 0x0375: // GREEK LOWER NUMERAL SIGN (KERAIA)
		return true
	case r == 0x05F3, r == 0x05F4: // HEBREW PUNCTUATION GERESH, GERSHAYIM
		return true
	case r == 0x30FB: // KATAKANA MIDDLE DOT
		return true
	case r >= 0x0660 && r <= 0x0669: // ARABIC-INDIC DIGITS
		return true
	case r >= 0x06F0 && r <= 0x06F9: // EXTENDED ARABIC-INDIC DIGITS
		return true
	}
	return false
}

// IsZero reports whether n is the zero Name, which is not a name.
func (n Name) IsZero() bool { return n.s == "" }

// String returns the name exactly as it was parsed ("" for the zero Name).
func (n Name) String() string { return n.s }

// MarshalText returns the name. The zero Name gives empty text.
func (n Name) MarshalText() ([]byte, error) { return []byte(n.s), nil }

// AppendText appends the name to b.
func (n Name) AppendText(b []byte) ([]byte, error) { return append(b, n.s...), nil }

// UnmarshalText sets n to the Name text, with the rules and errors of
// [ParseName]; empty text is [billing.CodeRequired]. On failure n is left
// unchanged.
func (n *Name) UnmarshalText(text []byte) error {
	v, err := ParseName(string(text))
	if err != nil {
		return err
	}
	*n = v
	return nil
}
