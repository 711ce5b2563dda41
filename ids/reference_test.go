package ids_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

func TestParseExternalReference(t *testing.T) {
	tests := []struct {
		name string
		in   string
		code billing.Code
	}{
		{"letters", "cust", ""},
		{"one character", "x", ""},
		{"dash", "-", ""},
		{"underscore", "_", ""},
		{"mixed", "CRM-0042_a", ""},
		{"customer prefix is fine in general", "bcus_x1", ""},
		{"account prefix is fine in general", "bacc_x1", ""},
		{"255 characters", strings.Repeat("r", 255), ""},
		{"255 with dashes", strings.Repeat("a-_", 85), ""},
		{"empty", "", billing.CodeRequired},
		{"256 characters", strings.Repeat("r", 256), billing.CodeTooLong},
		{"too long beats bad characters", strings.Repeat("!", 256), billing.CodeTooLong},
		{"256 code points", strings.Repeat("ß", 256), billing.CodeTooLong},
		{"255 code points", strings.Repeat("ß", 255), billing.CodeInvalidFormat},
		{"megabyte", megabyte, billing.CodeTooLong},
		{"space", "has space", billing.CodeInvalidFormat},
		{"dot", "a.b", billing.CodeInvalidFormat},
		{"plus", "a+b", billing.CodeInvalidFormat},
		{"slash", "a/b", billing.CodeInvalidFormat},
		{"NUL", withNUL, billing.CodeInvalidFormat},
		{"invalid UTF-8", invalidUTF8, billing.CodeInvalidFormat},
		{"lone surrogate", loneSurrogate, billing.CodeInvalidFormat},
		{"non-ASCII", "café", billing.CodeInvalidFormat},
		{"bad byte at the end of a long one", strings.Repeat("a", 30) + "!", billing.CodeInvalidFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, ids.ParseExternalReference, tt.in, "external_reference", tt.code)
		})
	}
}

func TestReservedPrefixes(t *testing.T) {
	tests := []struct {
		in                string
		customer, account billing.Code // "" when accepted
	}{
		{"bcus_x", billing.CodeInvalidFormat, ""},
		{"bcus_", billing.CodeInvalidFormat, ""},
		{"bacc_x", "", billing.CodeInvalidFormat},
		{"bacc_", "", billing.CodeInvalidFormat},
		{"BCUS_x", "", ""},
		{"BACC_x", "", ""},
		{"bcusx", "", ""},
		{"xbcus_", "", ""},
		{"bcus-x", "", ""},
		{"", billing.CodeRequired, billing.CodeRequired},
		{"bcus_ x", billing.CodeInvalidFormat, billing.CodeInvalidFormat},
		{"bcus_" + strings.Repeat("x", 251), billing.CodeTooLong, billing.CodeTooLong},
		{"bcus_" + strings.Repeat("x", 250), billing.CodeInvalidFormat, ""},
		{"bacc_" + strings.Repeat("x", 250), "", billing.CodeInvalidFormat},
	}
	for _, tt := range tests {
		r, err := ids.ParseCustomerExternalReference(tt.in)
		if tt.customer == "" {
			require.NoError(t, err, tt.in)
			assert.Equal(t, tt.in, r.String())
		} else {
			requireFailure(t, err, "external_reference", tt.customer)
			assert.True(t, r.IsZero())
		}
		r, err = ids.ParseAccountExternalReference(tt.in)
		if tt.account == "" {
			require.NoError(t, err, tt.in)
			assert.Equal(t, tt.in, r.String())
		} else {
			requireFailure(t, err, "external_reference", tt.account)
			assert.True(t, r.IsZero())
		}
	}
	_, err := ids.ParseCustomerExternalReference("bcus_x")
	assert.Contains(t, err.Error(), "reserved for customer IDs")
	_, err = ids.ParseAccountExternalReference("bacc_x")
	assert.Contains(t, err.Error(), "reserved for account IDs")
}

func TestParseIdempotencyKey(t *testing.T) {
	tests := []struct {
		name string
		in   string
		code billing.Code
		uuid bool
	}{
		{"uuid", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "", true},
		{"upper-case uuid", "3F2C1A9E-8B7D-4C6E-9F10-2A3B4C5D6E7F", "", true},
		{"nil uuid", "00000000-0000-0000-0000-000000000000", "", true},
		{"uuid without dashes", "3f2c1a9e8b7d4c6e9f102a3b4c5d6e7f", "", false},
		{"uuid with a non-hex letter", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7g", "", false},
		{"dashes in the wrong places", "3f2c1a9e8-b7d-4c6e-9f10-2a3b4c5d6e7f", "", false},
		{"37 characters", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f0", "", false},
		{"one character", "k", "", false},
		{"dash only", "-", "", false},
		{"255 characters", strings.Repeat("k", 255), "", false},
		{"empty", "", billing.CodeRequired, false},
		{"256 characters", strings.Repeat("k", 256), billing.CodeTooLong, false},
		{"too long beats bad characters", strings.Repeat("_", 300), billing.CodeTooLong, false},
		{"megabyte", megabyte, billing.CodeTooLong, false},
		{"underscore", "a_b", billing.CodeInvalidFormat, false},
		{"braces", "{3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f}", billing.CodeInvalidFormat, false},
		{"urn", "urn:uuid:3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", billing.CodeInvalidFormat, false},
		{"space", "a b", billing.CodeInvalidFormat, false},
		{"NUL", withNUL, billing.CodeInvalidFormat, false},
		{"invalid UTF-8", invalidUTF8, billing.CodeInvalidFormat, false},
		{"lone surrogate", loneSurrogate, billing.CodeInvalidFormat, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ids.ParseIdempotencyKey(tt.in)
			if tt.code == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.in, k.String())
				assert.False(t, k.IsZero())
				assert.Equal(t, tt.uuid, k.IsUUID())
				return
			}
			requireFailure(t, err, "idempotency_key", tt.code)
			assert.True(t, k.IsZero())
			assert.False(t, k.IsUUID())
		})
	}
}

func TestParsersDoNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ids.ParseExternalReference("CRM-0042_a")
		_, _ = ids.ParseCustomerExternalReference("CRM-0042_a")
		_, _ = ids.ParseAccountExternalReference("CRM-0042_a")
		_, _ = ids.ParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	})
	assert.Zero(t, allocs)
}
