package contact

import (
	"database/sql/driver"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/ascii"
	"github.com/tallykit/billing/internal/report"
)

// phoneLoc is where a number's failures are reported: the member "phone".
var phoneLoc = report.At("phone")

// Messages of phone failures. They never repeat the number.
const (
	msgPhoneRequired = "must not be empty; send an E.164 number like +27123456789"
	msgPhoneFormat   = "must be E.164: a + followed by 2 to 15 digits, the first not 0, nothing else, like +27123456789"
	msgPhoneInvalid  = "is not a valid phone number for its country calling code; send it in E.164, like +27123456789"
	msgPhoneNotCanon = "is not in canonical E.164 form (no national prefix such as a 0 after the country code); send it like +447911123456"
)

// Phone is a phone number in E.164 form: a + then the country calling code
// and the national number, 2 to 15 digits in all, the first not 0
// (^\+[1-9]\d{1,14}$).
//
// A Phone from [ParsePhone] or [Phone.UnmarshalText] is a valid number in
// its canonical form, as Google's libphonenumber metadata decides it (the
// release [PhoneMetadataSource] names); it knows its [Phone.Region] and
// [Phone.Type]. Numbering plans change with every release of that metadata: a
// number valid today may be refused after an upgrade, and one refused today
// may become valid. So a number a server
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
//   - [billing.CodeInvalidPhone] when s has the shape but libphonenumber's
//     metadata says the number is not valid, or its canonical E.164 form
//     differs from s (+4407911123456 is refused, +447911123456 accepted).
//
// The message never repeats the number.
//
// ParsePhone gives the answer of libphonenumber's parser, validity check and
// E.164 formatter (github.com/nyaruka/phonenumbers Parse, IsValidNumber,
// Format) without linking them: it runs the digits through tables generated
// from the same metadata, so a program that checks phones pays nothing for
// them when it starts. To read what people type ("082 123 4567"), use
// package phoneinput, which does link the full parser.
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

// parseE164 checks an E.164-shaped string s (hasE164Shape(s) is true): the
// phone rule of ParsePhone, on the generated tables (phone_rules.go).
func parseE164(s string) (Phone, phoneVerdict) {
	digits := s[1:]
	cc, ccLen := callingCode(digits)
	if ccLen == 0 {
		return Phone{}, phoneInvalid
	}
	nsn := digits[ccLen:]
	if len(nsn) < phoneMinNSN {
		return Phone{}, phoneInvalid
	}
	c := phoneCodes[cc]
	m0 := phoneRegions[c.first].match(nsn)
	if m0&(1<<phoneTagNationalPrefix) != 0 {
		// The parser may strip a national prefix ("+44 0…") or rewrite it.
		if v, rewritten := phoneStripNationalPrefix(c, nsn, m0); rewritten {
			return Phone{}, v
		}
	}
	r, typ := classify(c, nsn, m0)
	if typ == PhoneTypeUnknown {
		return Phone{}, phoneInvalid
	}
	return Phone{e164: s, region: r.code, ccLen: uint8(ccLen), typ: typ}, phoneOK
}

// IsZero reports whether p is the zero Phone, which is not a phone number.
func (p Phone) IsZero() bool { return p.e164 == "" }

// IsValid reports whether the metadata this program links held p a valid
// number in canonical form when p was read. It is true for every Phone from
// [ParsePhone] and [Phone.UnmarshalText], and false for the
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
func (p *Phone) UnmarshalText(text []byte) error { return phoneForm.ReadText(p, text) }

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
func (p *Phone) Scan(src any) error { return storedPhoneForm.Set(p, storedPhoneForm.Column(src)) }
