package ids_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// parsers lists every parser with the field its errors name.
var parsers = []struct {
	name  string
	field string
	parse func(string) error
}{
	{"ParseCustomerID", "id", func(s string) error { _, err := ids.ParseCustomerID(s); return err }},
	{"ParseAccountID", "id", func(s string) error { _, err := ids.ParseAccountID(s); return err }},
	{"ParseExternalReference", "external_reference", func(s string) error { _, err := ids.ParseExternalReference(s); return err }},
	{"ParseCustomerExternalReference", "external_reference", func(s string) error { _, err := ids.ParseCustomerExternalReference(s); return err }},
	{"ParseAccountExternalReference", "external_reference", func(s string) error { _, err := ids.ParseAccountExternalReference(s); return err }},
	{"ParseIdempotencyKey", "idempotency_key", func(s string) error { _, err := ids.ParseIdempotencyKey(s); return err }},
	{"ParseAPIKey", "api_key", func(s string) error { _, err := ids.ParseAPIKey(s); return err }},
	{"CustomerID.UnmarshalText", "id", func(s string) error { return new(ids.CustomerID).UnmarshalText([]byte(s)) }},
	{"APIKey.UnmarshalText", "api_key", func(s string) error { return new(ids.APIKey).UnmarshalText([]byte(s)) }},
}

func TestBadInputGivesAClearError(t *testing.T) {
	inputs := []struct {
		name string
		in   string
		code billing.Code
	}{
		{"NUL only", "\x00", billing.CodeInvalidFormat},
		{"NUL inside", "bcus_ab\x00cd", billing.CodeInvalidFormat},
		{"invalid UTF-8", "bcus_\xff\xfe", billing.CodeInvalidFormat},
		{"lone surrogate", "sk_" + loneSurrogate, billing.CodeInvalidFormat},
		{"megabyte of valid characters", "bcus_" + megabyte, billing.CodeTooLong},
		{"megabyte of NUL", strings.Repeat("\x00", 1<<20), billing.CodeTooLong},
		{"megabyte of invalid UTF-8", strings.Repeat("\xff", 1<<20), billing.CodeTooLong},
	}
	for _, p := range parsers {
		for _, in := range inputs {
			t.Run(p.name+"/"+in.name, func(t *testing.T) {
				fe := requireFailure(t, p.parse(in.in), p.field, in.code)
				assert.Less(t, len(fe.Error()), 200, "the message stays short")
			})
		}
	}
}

// TestMegabyteIsRefusedWithoutReadingIt compares the time to refuse a megabyte with the time
// to refuse 2 KiB: both must be constant, so the ratio stays near 1 whatever the machine's
// speed or load; a parser that read its input would be hundreds of times slower.
func TestMegabyteIsRefusedWithoutReadingIt(t *testing.T) {
	huge := "sk_" + strings.Repeat("a", 1<<20)
	small := "sk_" + strings.Repeat("a", 2<<10)
	fastest := func(parse func(string) error, s string) time.Duration {
		best := time.Duration(1 << 62)
		for range 7 {
			start := time.Now()
			for range 200 {
				_ = parse(s)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	for _, p := range parsers[:7] { // the parsers that take a string, without copying it
		h, s := fastest(p.parse, huge), fastest(p.parse, small)
		assert.Less(t, h, 20*s+time.Millisecond, "%s: 1 MiB in %v, 2 KiB in %v", p.name, h, s)
	}
}
