package ids

import (
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/textform"
)

// MaxLength is the most characters (Unicode code points) any value of this package may hold.
// A longer input fails with [billing.CodeTooLong], whatever its characters.
const MaxLength = 255

// The places the parsers of this package report their failures at: the member each value
// usually stands for. A document parser that meets the value elsewhere re-homes the failure.
var (
	atID                = report.At("id")
	atExternalReference = report.At("external_reference")
	atIdempotencyKey    = report.At("idempotency_key")
	atAPIKey            = report.At("api_key")
)

const tooLongMessage = "must be at most 255 characters"

// tooLong reports whether s holds more than MaxLength code points, each byte of invalid
// UTF-8 counting as one. It looks at no more than utf8.UTFMax*MaxLength bytes, so a
// megabyte of input is refused without being read.
func tooLong(s string) bool {
	if len(s) <= MaxLength {
		return false
	}
	if len(s) > utf8.UTFMax*MaxLength {
		return true
	}
	return utf8.RuneCountInString(s) > MaxLength
}

// charsError says why s, which is not 1 to MaxLength characters of its set, is refused at
// at, in the order of precedence: required (s is empty), too_long, then invalid_format with
// the message badChars.
func charsError(s string, at report.Loc, required, badChars string) error {
	switch {
	case s == "":
		return at.Fail(billing.CodeRequired, required)
	case tooLong(s):
		return at.Fail(billing.CodeTooLong, tooLongMessage)
	}
	return at.Fail(billing.CodeInvalidFormat, badChars)
}

// The forms of the types: the bodies of their text, JSON and SQL methods (marshal.go,
// sql.go), each with the type's parser. An API key is only read, never encoded.
var (
	customerForm = form(atID, ParseCustomerID, "ids.CustomerID", "ID")
	accountForm  = form(atID, ParseAccountID, "ids.AccountID", "ID")
	refForm      = form(atExternalReference, ParseExternalReference, "ids.ExternalReference", "reference")
	keyForm      = form(atIdempotencyKey, ParseIdempotencyKey, "ids.IdempotencyKey", "key")
	apiKeyForm   = form(atAPIKey, ParseAPIKey, "ids.APIKey", "key")
)

// form returns the form of the type name (see textform.New). Text of more than
// utf8.UTFMax*MaxLength bytes is too long whatever it holds, so it is refused before it
// is copied.
func form[T any](at report.Loc, parse func(string) (T, error), name, what string) *textform.Form[T] {
	f := textform.New(at, parse, name, what)
	f.Limit, f.TooLong = utf8.UTFMax*MaxLength, tooLongMessage
	return f
}
