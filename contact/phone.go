package contact

import (
	"database/sql/driver"
	"github.com/nyaruka/phonenumbers"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/ascii"
	"github.com/tallykit/billing/internal/report"
)

// phoneLoc is where a number's failures are reported: the member "phone".
var phoneLoc = report.At("phone")

// Messages of phone failures. They never repeat the number.
const (
	msgPhoneRequired   = "must not be empty; send an E.164 number like +27123456789"
	msgPhoneFormat     = "must be E.164: a + followed by 2 to 15 digits, the first not 0, nothing else, like +27123456789"
	msgPhoneInvalid    = "is not a valid phone number for its country calling code; send it in E.164, like +27123456789"
	msgPhoneNotCanon   = "is not in canonical E.164 form (no national prefix such as a 0 after the country code); send it like +447911123456"
	msgPhoneExtension  = "must not have an extension; send the number alone"
	msgPhoneCharacters = "may hold only digits, spaces and ( ) - . /, with + only first"
	msgPhoneNoRegion   = "is in national form and needs a known region (ISO 3166-1 code such as ZA), or send it with + and the country calling code"
	msgPhoneUnreadable = "could not be read as a phone number; send it in E.164, like +27123456789"
)

// maxPhoneInputLength is the longest typed number NormalizePhone reads (the
// longest input libphonenumber agrees to parse).
const maxPhoneInputLength = 250

// Phone is a phone number in E.164 form: a + then the country calling code
// and the national number, 2 to 15 digits in all, the first not 0
// (^\+[1-9]\d{1,14}$).
//
// A Phone from [ParsePhone], [NormalizePhone] or [Phone.UnmarshalText] is a
// valid number in its canonical form, as the metadata of
// github.com/nyaruka/phonenumbers (Google's libphonenumber) decides it; it
// knows its [Phone.Region] and [Phone.Type]. Numbering plans change with every
// release of that metadata: a number valid today may be refused after an
// upgrade, and one refused today may become valid. So a number a server
// wrote earlier (a stored row, an API response) is read by [ParseStoredPhone]
// or [Phone.Scan], which check the E.164 shape alone and never fail because
// the metadata changed; [Phone.IsValid] says whether today's metadata holds
// such a number valid. A Phone read that way from a number valid today is
// equal (==) to the one ParsePhone returns.
//
// The zero Phone is not a phone number: it reports IsZero, its E164, String
// and Region are "", and it has no text or SQL form. Phones are comparable
// with ==, immutable, and safe for concurrent use.
//
// Privacy: String, Format (every fmt verb) and LogValue show the number
// masked, like +27*******89. The full number is returned only by the explicit
// accessor [Phone.E164], by the text form ([Phone.MarshalText],
// [Phone.AppendText]) and by the SQL form ([Phone.Value]), which are the
// values sent on the wire and stored: a serialised Phone must read back as
// the same Phone, so these forms cannot be masked. Logging or printing a
// Phone is safe; marshalling it is not logging, and is done on purpose.
type Phone struct {
	e164   string    // E.164, "" for the zero Phone
	region string    // ISO 3166-1 alpha-2 region, "001" for non-geographic codes, "" when not valid
	ccLen  uint8     // number of digits of the country calling code, 0 when none is assigned
	typ    PhoneType // what the metadata says the number is; PhoneTypeUnknown when not valid
}

// ParsePhone returns the Phone whose canonical E.164 form is s, by the rules
// a request is held to. Nothing is trimmed or reformatted: s must already be
// canonical.
//
// It fails with a one-entry [billing.Errors] at "phone":
//   - [billing.CodeRequired] when s is empty;
//   - [billing.CodeInvalidFormat] when s does not have the E.164 shape
//     ^\+[1-9]\d{1,14}$ (spaces, letters, a leading +0, over 15 digits, …);
//   - [billing.CodeInvalidPhone] when s has the shape but libphonenumber says
//     the number is not valid, or its canonical E.164 form differs from s
//     (+4407911123456 is refused, +447911123456 accepted).
//
// The message never repeats the number.
//
// ParsePhone does not run the general phone parser on s: it checks the digits
// against the metadata's own patterns, with the answer of phonenumbers.Parse,
// IsValidNumber and the canonical-form check (which it falls back to where
// the parser could rewrite the number). The first number of a calling code a
// process checks compiles that code's patterns; later numbers reuse them.
func ParsePhone(s string) (Phone, error) {
	if s == "" {
		return Phone{}, phoneLoc.Fail(billing.CodeRequired, msgPhoneRequired)
	}
	if !hasE164Shape(s) {
		return Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgPhoneFormat)
	}
	p, code := parseE164(s)
	switch code {
	case phoneOK:
		return p, nil
	case phoneNotCanonical:
		return Phone{}, phoneLoc.Fail(billing.CodeInvalidPhone, msgPhoneNotCanon)
	default:
		return Phone{}, phoneLoc.Fail(billing.CodeInvalidPhone, msgPhoneInvalid)
	}
}

// ParseStoredPhone returns the Phone s as a server wrote it earlier: a stored
// row, an API response, a webhook. Only the E.164 shape ^\+[1-9]\d{1,14}$ is
// checked, so that a number accepted once stays readable after the phone
// metadata changes. It fails with a one-entry [billing.Errors] at "phone":
// [billing.CodeRequired] when s is empty, [billing.CodeInvalidFormat] when it
// does not have the shape.
//
// When today's metadata holds s valid and canonical, the Phone is the one
// [ParsePhone] returns. Otherwise [Phone.IsValid] reports false, Region is ""
// and Type is [PhoneTypeUnknown]; CountryCode is the assigned country calling
// code s starts with, or 0 when none is.
func ParseStoredPhone(s string) (Phone, error) {
	if s == "" {
		return Phone{}, phoneLoc.Fail(billing.CodeRequired, msgPhoneRequired)
	}
	if !hasE164Shape(s) {
		return Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgPhoneFormat)
	}
	if p, code := parseE164(s); code == phoneOK {
		return p, nil
	}
	_, ccLen := callingCode(s[1:])
	return Phone{e164: s, ccLen: uint8(ccLen)}, nil
}

// hasE164Shape reports whether s has the shape of an E.164 number, ^\+[1-9]\d{1,14}$:
// a plus sign, a non-zero digit, then 1 to 14 more digits. It checks the digits eight at
// a time (two overlapping words cover up to 15 of them); FuzzParsePhone and
// TestE164ShapeEveryByte hold it to the regular expression.
func hasE164Shape(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1]-'1' > 8 {
		return false
	}
	d := s[2:] // 1 to 14 digits
	if len(d) < 8 {
		for i := 0; i < len(d); i++ {
			if d[i]-'0' > 9 { // unsigned: also catches bytes below '0'
				return false
			}
		}
		return true
	}
	return ascii.AllInRange(ascii.Load64(d, 0), '0', '9') &&
		ascii.AllInRange(ascii.Load64(d, len(d)-8), '0', '9')
}

// phoneVerdict is the outcome of checking an E.164-shaped string.
type phoneVerdict uint8

const (
	phoneOK           phoneVerdict = iota
	phoneInvalid                   // not a valid number
	phoneNotCanonical              // valid only after the parser rewrites it
)

// parseE164 checks an E.164-shaped string s (hasE164Shape(s) is true): the fast
// path of ParsePhone. It agrees with phoneReference on every such string.
func parseE164(s string) (Phone, phoneVerdict) {
	digits := s[1:]
	cc, ccLen := callingCode(digits)
	if ccLen == 0 {
		return Phone{}, phoneInvalid
	}
	nsn := digits[ccLen:]
	if len(nsn) < phonenumbers.MIN_LENGTH_FOR_NSN {
		return Phone{}, phoneInvalid
	}
	rules := phoneRulesFor(cc)
	if rules.reference {
		return phoneReference(s)
	}
	if !rules.parserKeepsNationalNumber(nsn) {
		// The parser may strip a national prefix ("+44 0…"): only the
		// reference path can tell a valid number from a non-canonical one.
		return phoneReference(s)
	}
	region, typ, class := rules.classify(cc, nsn)
	switch class {
	case phoneClassInvalid:
		return Phone{}, phoneInvalid
	case phoneClassReference:
		return phoneReference(s)
	}
	return Phone{e164: s, region: region, ccLen: uint8(ccLen), typ: typ}, phoneOK
}

// callingCode returns the country calling code digits start with and its
// number of digits, or 0, 0 when they start with no assigned code. E.164
// codes are prefix-free, so the first prefix of 1 to 3 digits that is an
// assigned code is the code.
func callingCode(digits string) (cc, ccLen int) {
	for l := 1; l <= 3 && l <= len(digits); l++ {
		cc = cc*10 + int(digits[l-1]-'0')
		if phonenumbers.GetRegionCodeForCountryCode(cc) != phonenumbers.UNKNOWN_REGION {
			return cc, l
		}
	}
	return 0, 0
}

// phoneReference is the plain path: phonenumbers.Parse, IsValidNumber, and
// the canonical check Format(E164) == s. parseE164 must agree with it.
func phoneReference(s string) (Phone, phoneVerdict) {
	num, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return Phone{}, phoneInvalid
	}
	if phonenumbers.Format(num, phonenumbers.E164) != s {
		return Phone{}, phoneNotCanonical
	}
	return Phone{
		e164:   s,
		region: phonenumbers.GetRegionCodeForNumber(num),
		ccLen:  uint8(countDigits(int(num.GetCountryCode()))),
		typ:    phoneTypeOf(phonenumbers.GetNumberType(num)),
	}, phoneOK
}

func countDigits(v int) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// NormalizePhone reads a phone number the way people type it and returns it
// as a canonical Phone: "082 123 4567" with region "ZA", "(415) 555-2671" with
// "US", "+44 20 7183 8750" or "0044 20 7183 8750" with "GB". A number that
// starts with + is read by its country calling code whatever region is given.
//
// region is an ISO 3166-1 alpha-2 code in upper case, as libphonenumber knows
// it; it may be empty when input starts with +. The input may hold ASCII
// digits, spaces and the characters ( ) - . /, and a + only as its first
// non-space character. Anything else is refused rather than dropped: an
// extension ("ext. 123", "x123", ";ext=123", "#123") or letters ("1-800-FLOWERS")
// fail with [billing.CodeInvalidFormat], so no part of what was typed is lost
// silently.
//
// The number read must then pass the rules of [ParsePhone]. Failures are
// one-entry [billing.Errors] at "phone": [billing.CodeRequired] for
// an empty input, [billing.CodeInvalidFormat] when it cannot be read as a
// number, [billing.CodeInvalidPhone] when it can but is not a valid number
// (or its country calling code is unknown).
func NormalizePhone(input, region string) (Phone, error) {
	if input == "" {
		return Phone{}, phoneLoc.Fail(billing.CodeRequired, msgPhoneRequired)
	}
	if code, msg := screenTypedPhone(input); code != "" {
		return Phone{}, phoneLoc.Fail(code, msg)
	}
	num, err := phonenumbers.Parse(input, region)
	if err != nil {
		switch {
		case err == phonenumbers.ErrInvalidCountryCode && !hasLeadingPlus(input):
			return Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgPhoneNoRegion)
		case err == phonenumbers.ErrInvalidCountryCode:
			return Phone{}, phoneLoc.Fail(billing.CodeInvalidPhone, msgPhoneInvalid)
		default:
			return Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgPhoneUnreadable)
		}
	}
	if num.GetExtension() != "" {
		return Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgPhoneExtension)
	}
	return ParsePhone(phonenumbers.Format(num, phonenumbers.E164))
}

// screenTypedPhone checks the characters of a typed phone number. It returns
// an empty code when they are acceptable.
func screenTypedPhone(s string) (billing.Code, string) {
	if len(s) > maxPhoneInputLength {
		return billing.CodeInvalidFormat, msgPhoneUnreadable
	}
	seenNonSpace := false
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ', c == '-', c == '.', c == '(', c == ')', c == '/':
		case c == '+' && !seenNonSpace:
		case c == 'x', c == 'X', c == 'e', c == 'E', c == ';', c == ',', c == '#', c == '~':
			// Markers of an extension: "x123", "ext. 123", ";ext=123", "#123",
			// and the pause/wait separators that introduce one.
			return billing.CodeInvalidFormat, msgPhoneExtension
		default:
			return billing.CodeInvalidFormat, msgPhoneCharacters
		}
		if c != ' ' {
			seenNonSpace = true
		}
	}
	if digits == 0 {
		return billing.CodeInvalidFormat, msgPhoneUnreadable
	}
	return "", ""
}

func hasLeadingPlus(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			return s[i] == '+'
		}
	}
	return false
}

// IsZero reports whether p is the zero Phone, which is not a phone number.
func (p Phone) IsZero() bool { return p.e164 == "" }

// IsValid reports whether the metadata this program links held p a valid
// number in canonical form when p was read. It is true for every Phone from
// [ParsePhone], [NormalizePhone] and [Phone.UnmarshalText], and false for the
// zero Phone and for a number read by [ParseStoredPhone] or [Phone.Scan] that
// today's metadata refuses.
func (p Phone) IsValid() bool { return p.typ != PhoneTypeUnknown }

// E164 returns the full number in E.164 form, like +27123456789, or "" for
// the zero Phone. This is the accessor for the unmasked number.
func (p Phone) E164() string { return p.e164 }

// Region returns the ISO 3166-1 alpha-2 region libphonenumber assigns to the
// number ("ZA", "GB", "CA" for a Canadian +1 number), "001" for a number of a
// non-geographic calling code such as +800 or +882, and "" for the zero Phone
// and for a Phone that is not [Phone.IsValid].
func (p Phone) Region() string { return p.region }

// CountryCode returns the country calling code of the number (27 for
// +27123456789), or 0 for the zero Phone and for a number, read by
// [ParseStoredPhone] or [Phone.Scan], that starts with no assigned code.
func (p Phone) CountryCode() int {
	cc := 0
	for i := 1; i <= int(p.ccLen) && i < len(p.e164); i++ {
		cc = cc*10 + int(p.e164[i]-'0')
	}
	return cc
}

// Type returns what the metadata says the number is (mobile, fixed line, …).
// It is [PhoneTypeUnknown] exactly when p is not [Phone.IsValid].
func (p Phone) Type() PhoneType { return p.typ }

// MarshalText returns the full E.164 number: the text form is the wire and
// storage value, so it is not masked (String and LogValue are). It fails with
// [billing.CodeRequired] at "phone" for the zero Phone, which has no text form.
func (p Phone) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// AppendText appends the full E.164 number to b, or fails like MarshalText
// for the zero Phone.
func (p Phone) AppendText(b []byte) ([]byte, error) { return phoneForm.AppendText(b, p.e164) }

// UnmarshalText sets p to the Phone whose canonical E.164 form is text, with
// the rules and errors of [ParsePhone]: the text form is what requests send,
// so it is held to today's metadata (a number read by [ParseStoredPhone] that
// is not [Phone.IsValid] is written by MarshalText but read back only by
// ParseStoredPhone and [Phone.Scan]). Empty text is [billing.CodeRequired].
// On failure p is left unchanged.
func (p *Phone) UnmarshalText(text []byte) error { return phoneForm.UnmarshalText(p, text) }

// Value returns the full E.164 number as a string, never the masked form, or
// fails with [billing.CodeRequired] at "phone" for the zero Phone.
func (p Phone) Value() (driver.Value, error) { return phoneForm.Value(p.e164) }

// Scan sets p to the number in a string or []byte column, read as
// [ParseStoredPhone] reads it: by its E.164 shape alone, so that a row stays
// readable when the phone metadata changes ([Phone.IsValid] says whether
// today's metadata holds the number valid). NULL fails with
// [billing.CodeRequired] (scan a nullable column into a sql.Null[contact.Phone]
// or a *contact.Phone), a column of another type with
// [billing.CodeInvalidType]. On failure p is unchanged.
func (p *Phone) Scan(src any) error { return storedPhoneForm.Scan(p, src) }
