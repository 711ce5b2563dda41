package ids

import (
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// MaxLength is the most characters (Unicode code points) any value of this package may hold.
// A longer input fails with [billing.CodeTooLong], whatever its characters.
const MaxLength = 255

// The field names the parsers of this package put in their [*billing.FieldError]. A document
// parser that meets the value under another path re-homes the failure at that path.
const (
	fieldID                = "id"
	fieldExternalReference = "external_reference"
	fieldIdempotencyKey    = "idempotency_key"
	fieldAPIKey            = "api_key"
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

func fieldError(field string, code billing.Code, message string) error {
	return report.At(field).Fail(code, message)
}

// notString is the failure of a JSON value or database column that is not a string.
func notString(field string) error {
	return fieldError(field, billing.CodeInvalidType, "must be a string")
}
