package contact

import (
	"database/sql/driver"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// emailLoc is where an address's failures are reported: the member "email".
var emailLoc = report.At("email")

// Limits of the email grammar.
const (
	maxEmailLength  = 255 // the whole address, in characters
	maxEmailLocal   = 64  // the part before the @
	maxEmailDomain  = 253 // the part after the @
	maxEmailLabel   = 63  // one label of the domain
	emailMaskSuffix = "***"
)

// Messages of email failures. They never repeat the address.
const (
	msgEmailRequired = "must not be empty; send an address like jane@example.com"
	msgEmailTooLong  = "must be at most 255 characters"
	msgEmailFormat   = "must be an address like jane@example.com: a local part of 1 to 64 of the characters " +
		"A-Z a-z 0-9 !#$%&'*+/=?^_`{|}~- with single dots between them, an @, and a domain of at least two " +
		"dot-separated labels of letters, digits and inner hyphens (ASCII only: send an internationalised domain in its xn-- form)"
)

// Email is an email address: local@domain, the local part an RFC 5322
// dot-atom of 1 to 64 characters (atoms of A-Z a-z 0-9 and
// !#$%&'*+/=?^_`{|}~- with single dots between them), the domain at most 253
// characters of at least two dot-separated labels, each 1 to 63 letters,
// digits or hyphens that neither starts nor ends with a hyphen, the last
// label not all digits; ASCII only (an internationalised domain is sent in
// its xn-- form); 255 characters at most in all.
//
// An Email is obtained from [ParseEmail], [Email.UnmarshalText] or
// [Email.Scan], so every non-zero Email is valid. It is kept exactly as sent
// (no lower-casing, no trimming). The zero Email is not an address: it
// reports IsZero, its accessors return "", and it has no text or SQL form.
// Emails are comparable with ==, immutable, and safe for concurrent use.
//
// Privacy: String, Format (every fmt verb) and LogValue show the address
// masked, like j***@example.com. The full address is returned only by the
// explicit accessor [Email.Address], by the text form and by the SQL form,
// which are the values sent on the wire and stored (so a serialised Email
// parses back to itself).
type Email struct {
	addr string // the address as sent, "" for the zero Email
	at   uint8  // index of the @ in addr (the local part is at most 64 bytes)
}

// ParseEmail returns the Email s, which must follow the grammar of [Email]
// exactly. It fails with a one-entry [billing.Errors] at "email":
// [billing.CodeRequired] when s is empty, [billing.CodeTooLong] when it is over
// 255 characters (code points; an invalid UTF-8 byte counts as one), and
// [billing.CodeInvalidFormat] for everything else the grammar refuses
// (including a local part over 64, a domain over 253 or a label over 63
// characters, and any non-ASCII character). The message never repeats the
// address.
func ParseEmail(s string) (Email, error) {
	if s == "" {
		return Email{}, emailLoc.Fail(billing.CodeRequired, msgEmailRequired)
	}
	if len(s) > maxEmailLength && utf8.RuneCountInString(s) > maxEmailLength {
		return Email{}, emailLoc.Fail(billing.CodeTooLong, msgEmailTooLong)
	}
	at, ok := scanEmail(s)
	if !ok {
		return Email{}, emailLoc.Fail(billing.CodeInvalidFormat, msgEmailFormat)
	}
	return Email{addr: s, at: uint8(at)}, nil
}

// The classes of the characters of an address, as bits of emailClass.
const (
	emailAtext  = 1 << iota                              // a character of an RFC 5322 atom (atext)
	emailLetter                                          // A-Z, a-z
	emailDigit                                           // 0-9
	emailHyphen                                          // -
	emailLabel  = emailLetter | emailDigit | emailHyphen // a character of a domain label
)

// emailClass holds the classes of each byte: one load decides the common character.
var emailClass = func() (t [256]uint8) {
	for _, c := range "!#$%&'*+-/=?^_`{|}~" {
		t[c] |= emailAtext
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= emailAtext | emailDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= emailAtext | emailLetter
		t[c-'a'+'A'] |= emailAtext | emailLetter
	}
	t['-'] |= emailHyphen
	return t
}()

// scanEmail checks s against the grammar (length of the whole already
// checked) and returns the index of its @.
func scanEmail(s string) (int, bool) {
	// Local part: atoms of atext separated by single dots.
	i := 0
	atomLen := 0
	for ; i < len(s); i++ {
		c := s[i]
		if emailClass[c]&emailAtext != 0 {
			atomLen++
			continue
		}
		if c != '.' {
			break // the @, or a character the local part never holds
		}
		if atomLen == 0 {
			return 0, false // leading dot or two dots in a row
		}
		atomLen = 0
	}
	at := i
	if at == len(s) || s[at] != '@' || at == 0 || at > maxEmailLocal || atomLen == 0 {
		return 0, false // no @, empty or long local part, or a trailing dot
	}

	// Domain: at least two labels, each 1–63 of A-Za-z0-9-, no hyphen at
	// either end; the last not all digits.
	domain := s[at+1:]
	if len(domain) > maxEmailDomain {
		return 0, false
	}
	labels := 0
	labelLen := 0
	var classes uint8 // of the current label's characters
	var prev byte
	for j := 0; j < len(domain); j++ {
		c := domain[j]
		k := emailClass[c] & emailLabel
		switch {
		case k != 0:
			if k == emailHyphen && labelLen == 0 {
				return 0, false
			}
			labelLen++
			classes |= k
			if labelLen > maxEmailLabel {
				return 0, false
			}
		case c == '.':
			if labelLen == 0 || prev == '-' {
				return 0, false
			}
			labels++
			labelLen, classes = 0, 0
		default:
			return 0, false
		}
		prev = c
	}
	if labelLen == 0 || prev == '-' || classes&^emailDigit == 0 {
		return 0, false // empty or hyphen-ended last label, or an all-digit one
	}
	if labels+1 < 2 {
		return 0, false
	}
	return at, true
}

// IsZero reports whether e is the zero Email, which is not an address.
func (e Email) IsZero() bool { return e.addr == "" }

// Address returns the full address exactly as it was parsed, or "" for the
// zero Email. This is the accessor for the unmasked address.
func (e Email) Address() string { return e.addr }

// Local returns the part of the address before the @ ("" for the zero Email).
func (e Email) Local() string { return e.addr[:e.at] }

// Domain returns the part of the address after the @ ("" for the zero Email).
func (e Email) Domain() string {
	if e.addr == "" {
		return ""
	}
	return e.addr[e.at+1:]
}

// MarshalText returns the full address: the text form is the wire and
// storage value, so it is not masked (String and LogValue are). It fails
// with [billing.CodeRequired] at "email" for the zero Email, which has no
// text form.
func (e Email) MarshalText() ([]byte, error) { return e.AppendText(nil) }

// AppendText appends the full address to b, or fails like MarshalText for the
// zero Email.
func (e Email) AppendText(b []byte) ([]byte, error) { return emailForm.AppendText(b, e.addr) }

// UnmarshalText sets e to the Email text, with the rules and errors of
// [ParseEmail]; empty text is [billing.CodeRequired]. On failure e is left
// unchanged.
func (e *Email) UnmarshalText(text []byte) error { return emailForm.ReadText(e, text) }

// Value returns the full address as a string, never the masked form, or fails
// with [billing.CodeRequired] at "email" for the zero Email.
func (e Email) Value() (driver.Value, error) { return emailForm.Value(e.addr) }

// Scan sets e to the address in a string or []byte column, with the rules and
// errors of [ParseEmail]. NULL fails with [billing.CodeRequired] (scan a
// nullable column into a sql.Null[contact.Email] or a *contact.Email), a
// column of another type with [billing.CodeInvalidType]. On failure e is
// unchanged.
func (e *Email) Scan(src any) error { return emailForm.Set(e, emailForm.Column(src)) }
