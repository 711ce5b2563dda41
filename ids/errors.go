package ids

import (
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
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

// notString is the failure of a JSON value or database column that is not a string.
func notString(at report.Loc) error {
	return at.Fail(billing.CodeInvalidType, "must be a string")
}
