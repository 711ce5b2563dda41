// Package phoneinput reads a phone number the way people type it ("082 123
// 4567" in South Africa, "(415) 555-2671" in the United States) and returns
// it as a canonical [contact.Phone].
//
// Reading typed numbers needs the full phone parser of
// github.com/nyaruka/phonenumbers (Google's libphonenumber) and its metadata,
// which cost a program milliseconds and megabytes of heap when it starts.
// Package contact checks numbers already in E.164 form without it; only a
// program that imports this package links the parser.
//
// Failures are one-entry billing.Errors at "phone", like contact.ParsePhone's:
//
//	p, err := phoneinput.Normalize("082 123 4567", "ZA")
//	if err != nil { … }
//	fmt.Println(p.E164()) // +27821234567
package phoneinput

import (
	"github.com/nyaruka/phonenumbers"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/internal/report"
)

// phoneLoc is where a number's failures are reported: the member "phone".
var phoneLoc = report.At("phone")

// Messages of the failures found here. They never repeat the number.
const (
	msgExtension  = "must not have an extension; send the number alone"
	msgCharacters = "may hold only digits, spaces and ( ) - . /, with + only first"
	msgNoRegion   = "is in national form and needs a known region (ISO 3166-1 code such as ZA), or send it with + and the country calling code"
	msgUnreadable = "could not be read as a phone number; send it in E.164, like +27123456789"
	msgNoCode     = "does not start with an assigned country calling code; send it in E.164, like +27123456789"
)

// maxInputLength is the longest typed number Normalize reads (the longest
// input libphonenumber agrees to parse).
const maxInputLength = 250

// Normalize reads a phone number the way people type it and returns it as a
// canonical Phone: "082 123 4567" with region "ZA", "(415) 555-2671" with
// "US", "+44 20 7183 8750" or "0044 20 7183 8750" with "GB". A number that
// starts with + is read by its country calling code whatever region is given.
//
// region is an ISO 3166-1 alpha-2 code in upper case, as libphonenumber knows
// it; it may be empty when input starts with +. The input may hold ASCII
// digits, spaces and the characters ( ) - . /, and a + only as its first
// non-space character. Anything else is refused rather than dropped: an
// extension ("ext. 123", "x123", ";ext=123", "#123") or letters
// ("1-800-FLOWERS") fail with [billing.CodeInvalidFormat], so no part of what
// was typed is lost silently.
//
// The number read must then pass the rules of [contact.ParsePhone], and the
// Phone is the one ParsePhone returns for its E.164 form. Failures are
// one-entry [billing.Errors] at "phone": [billing.CodeRequired] for an empty
// input, [billing.CodeInvalidFormat] when it cannot be read as a number,
// [billing.CodeInvalidPhone] when it can but is not a valid number (or its
// country calling code is not assigned).
func Normalize(input, region string) (contact.Phone, error) {
	if input == "" {
		return contact.ParsePhone("") // the required failure of the phone rule
	}
	if code, msg := screen(input); code != "" {
		return contact.Phone{}, phoneLoc.Fail(code, msg)
	}
	num, err := phonenumbers.Parse(input, region)
	if err != nil {
		switch {
		case err == phonenumbers.ErrInvalidCountryCode && !hasLeadingPlus(input):
			return contact.Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgNoRegion)
		case err == phonenumbers.ErrInvalidCountryCode:
			return contact.Phone{}, phoneLoc.Fail(billing.CodeInvalidPhone, msgNoCode)
		default:
			return contact.Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgUnreadable)
		}
	}
	if num.GetExtension() != "" {
		return contact.Phone{}, phoneLoc.Fail(billing.CodeInvalidFormat, msgExtension)
	}
	return contact.ParsePhone(phonenumbers.Format(num, phonenumbers.E164))
}

// screen checks the characters of a typed phone number. It returns an empty
// code when they are acceptable.
func screen(s string) (billing.Code, string) {
	if len(s) > maxInputLength {
		return billing.CodeInvalidFormat, msgUnreadable
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
			return billing.CodeInvalidFormat, msgExtension
		default:
			return billing.CodeInvalidFormat, msgCharacters
		}
		if c != ' ' {
			seenNonSpace = true
		}
	}
	if digits == 0 {
		return billing.CodeInvalidFormat, msgUnreadable
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
