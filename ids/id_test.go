package ids_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

type idCase struct {
	name string
	in   string
	code billing.Code // "" when valid
}

// idCases returns the table for one prefix; other is the prefix of the other kind of ID.
func idCases(prefix, other string) []idCase {
	return []idCase{
		{"spec example shape", prefix + "H4jp6KnU5cPw263v1jyz4", ""},
		{"one character", prefix + "a", ""},
		{"digits only", prefix + "0123456789", ""},
		{"upper case", prefix + "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ""},
		{"seven after prefix", prefix + "abcdefg", ""},
		{"eight after prefix", prefix + "abcdefgh", ""},
		{"nine after prefix", prefix + "abcdefghi", ""},
		{"255 characters", prefix + strings.Repeat("z", 255-len(prefix)), ""},
		{"empty", "", billing.CodeRequired},
		{"256 characters", prefix + strings.Repeat("z", 256-len(prefix)), billing.CodeTooLong},
		{"too long beats bad characters", prefix + strings.Repeat("!", 300), billing.CodeTooLong},
		{"too long in code points", strings.Repeat("é", 256), billing.CodeTooLong},
		{"255 code points of 2 bytes", prefix + strings.Repeat("é", 250), billing.CodeInvalidFormat},
		{"invalid UTF-8 counts per byte", prefix + strings.Repeat("\xff", 251), billing.CodeTooLong},
		{"megabyte", prefix + megabyte, billing.CodeTooLong},
		{"prefix only", prefix, billing.CodeInvalidFormat},
		{"other kind", other + "H4jp6KnU5cPw263v1jyz4", billing.CodeInvalidFormat},
		{"other prefix only", other, billing.CodeInvalidFormat},
		{"no prefix", "H4jp6KnU5cPw263v1jyz4", billing.CodeInvalidFormat},
		{"upper-case prefix", strings.ToUpper(prefix) + "abc", billing.CodeInvalidFormat},
		{"prefix without underscore", prefix[:4] + "abc", billing.CodeInvalidFormat},
		{"underscore in rest", prefix + "ab_cd", billing.CodeInvalidFormat},
		{"dash in rest", prefix + "ab-cd", billing.CodeInvalidFormat},
		{"space in rest", prefix + "ab cd", billing.CodeInvalidFormat},
		{"leading space", " " + prefix + "abc", billing.CodeInvalidFormat},
		{"trailing newline", prefix + "abc\n", billing.CodeInvalidFormat},
		{"NUL", prefix + withNUL, billing.CodeInvalidFormat},
		{"invalid UTF-8", prefix + invalidUTF8, billing.CodeInvalidFormat},
		{"lone surrogate", prefix + loneSurrogate, billing.CodeInvalidFormat},
		{"non-ASCII letter", prefix + "abcé", billing.CodeInvalidFormat},
		{"bad byte in the last word", prefix + "abcdefghijklmnopqrst!", billing.CodeInvalidFormat},
		{"bad byte in the first word", prefix + "!bcdefghijklmnopqrstu", billing.CodeInvalidFormat},
		{"high byte", prefix + "abcdefghij\x80klmnopqrst", billing.CodeInvalidFormat},
		{"byte below '0'", prefix + "abcdefghij/klmnopqrst", billing.CodeInvalidFormat},
		{"byte above '9'", prefix + "abcdefghij:klmnopqrst", billing.CodeInvalidFormat},
		{"byte before 'A'", prefix + "abcdefghij@klmnopqrst", billing.CodeInvalidFormat},
		{"byte after 'Z'", prefix + "abcdefghij[klmnopqrst", billing.CodeInvalidFormat},
		{"byte before 'a'", prefix + "abcdefghij`klmnopqrst", billing.CodeInvalidFormat},
		{"byte after 'z'", prefix + "abcdefghij{klmnopqrst", billing.CodeInvalidFormat},
		{"DEL", prefix + "abcdefghij\x7fklmnopqrst", billing.CodeInvalidFormat},
	}
}

func TestParseCustomerID(t *testing.T) {
	for _, tt := range idCases(ids.CustomerIDPrefix, ids.AccountIDPrefix) {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, ids.ParseCustomerID, tt.in, "id", tt.code)
		})
	}
}

func TestParseAccountID(t *testing.T) {
	for _, tt := range idCases(ids.AccountIDPrefix, ids.CustomerIDPrefix) {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, ids.ParseAccountID, tt.in, "id", tt.code)
		})
	}
}

func TestIDMessagesHelp(t *testing.T) {
	_, err := ids.ParseCustomerID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	assert.Contains(t, err.Error(), "is an account ID")
	_, err = ids.ParseAccountID("bcus_H4jp6KnU5cPw263v1jyz4")
	assert.Contains(t, err.Error(), "is a customer ID")
	_, err = ids.ParseCustomerID("cus_123")
	assert.Contains(t, err.Error(), "must start with bcus_")
	_, err = ids.ParseCustomerID("bcus_")
	assert.Contains(t, err.Error(), "after bcus_")

	// Messages never quote the input.
	for _, in := range []string{"bcus_secretish!", "nonsense-value", "bcus_" + strings.Repeat("q", 400)} {
		_, err := ids.ParseCustomerID(in)
		assert.NotContains(t, err.Error(), in)
		_, err = ids.ParseAccountID(in)
		assert.NotContains(t, err.Error(), in)
	}
}

func TestParseIDDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ids.ParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
		_, _ = ids.ParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	})
	assert.Zero(t, allocs)
}

func TestMustParse(t *testing.T) {
	tests := []struct {
		name  string
		must  func(string) fmt.Stringer
		valid string
		bad   string
		panic string // the panic value: "billing: " and the parser's error text
	}{
		{"MustParseCustomerID", func(s string) fmt.Stringer { return ids.MustParseCustomerID(s) }, "bcus_x1", "bacc_x1",
			"billing: id: invalid_format: is an account ID (bacc_…); send a customer ID like bcus_H4jp6KnU5cPw263v1jyz4"},
		{"MustParseAccountID", func(s string) fmt.Stringer { return ids.MustParseAccountID(s) }, "bacc_x1", "",
			"billing: id: required: must be given: an account ID like bacc_7Qm2XvR9pLk4TzW8nYc3D"},
		{"MustParseExternalReference", func(s string) fmt.Stringer { return ids.MustParseExternalReference(s) }, "CRM-0042", "a b",
			"billing: external_reference: invalid_format: must hold only letters A-Z, a-z, digits 0-9, _ and -, like cust_7781"},
		{"MustParseIdempotencyKey", func(s string) fmt.Stringer { return ids.MustParseIdempotencyKey(s) }, "key-1", "key_1",
			"billing: idempotency_key: invalid_format: must hold only letters A-Z, a-z, digits 0-9 and -, like a UUID 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.valid, tt.must(tt.valid).String())
			assert.PanicsWithValue(t, tt.panic, func() { tt.must(tt.bad) })
		})
	}
}

func TestZeroIDs(t *testing.T) {
	var c ids.CustomerID
	var a ids.AccountID
	assert.True(t, c.IsZero())
	assert.True(t, a.IsZero())
	assert.Equal(t, "", c.String())
	assert.Equal(t, "", a.String())
}

func TestIDsAreComparableValues(t *testing.T) {
	a := ids.MustParseCustomerID("bcus_abc")
	b, err := ids.ParseCustomerID("bcus_" + "abc")
	require.NoError(t, err)
	assert.True(t, a == b)
	m := map[ids.CustomerID]int{a: 1}
	assert.Equal(t, 1, m[b])
}

// TestTypesAreDistinct keeps the promise that the compiler cannot mix the identifiers up:
// no type of the package may be assigned or converted to another, or to string.
func TestTypesAreDistinct(t *testing.T) {
	types := []reflect.Type{
		reflect.TypeFor[ids.CustomerID](),
		reflect.TypeFor[ids.AccountID](),
		reflect.TypeFor[ids.ExternalReference](),
		reflect.TypeFor[ids.IdempotencyKey](),
		reflect.TypeFor[ids.APIKey](),
	}
	str := reflect.TypeFor[string]()
	for i, a := range types {
		assert.Equal(t, reflect.Struct, a.Kind(), a)
		assert.False(t, a.ConvertibleTo(str), "%v converts to string", a)
		assert.False(t, str.ConvertibleTo(a), "string converts to %v", a)
		for j, b := range types {
			if i == j {
				continue
			}
			assert.NotEqual(t, a, b)
			assert.False(t, a.AssignableTo(b), "%v assignable to %v", a, b)
			assert.False(t, a.ConvertibleTo(b), "%v converts to %v", a, b)
		}
	}
}
