package billing_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

func TestCodesAreTheSpecStrings(t *testing.T) {
	want := []string{
		"invalid_json", "invalid_type", "required", "too_long", "invalid_format",
		"invalid_characters", "invalid_phone", "invalid_currency", "out_of_range",
		"too_many_keys", "invalid_key", "key_too_long", "unknown_field", "duplicate_field", "conflict",
	}
	got := billing.Codes()
	require.Len(t, got, len(want))
	for i, c := range got {
		assert.Equal(t, want[i], string(c))
		assert.Equal(t, want[i], c.Error())
	}
	got[0] = "changed"
	assert.Equal(t, billing.CodeInvalidJSON, billing.Codes()[0], "Codes must return a copy")
}

func TestSentinelsMatchTheirCode(t *testing.T) {
	sentinels := map[billing.Code]error{
		billing.CodeInvalidJSON: billing.CodeInvalidJSON, billing.CodeInvalidType: billing.CodeInvalidType,
		billing.CodeRequired: billing.CodeRequired, billing.CodeTooLong: billing.CodeTooLong,
		billing.CodeInvalidFormat: billing.CodeInvalidFormat, billing.CodeInvalidCharacters: billing.CodeInvalidCharacters,
		billing.CodeInvalidPhone: billing.CodeInvalidPhone, billing.CodeInvalidCurrency: billing.CodeInvalidCurrency,
		billing.CodeOutOfRange: billing.CodeOutOfRange, billing.CodeTooManyKeys: billing.CodeTooManyKeys,
		billing.CodeInvalidKey: billing.CodeInvalidKey, billing.CodeKeyTooLong: billing.CodeKeyTooLong,
		billing.CodeUnknownField: billing.CodeUnknownField, billing.CodeDuplicateField: billing.CodeDuplicateField,
		billing.CodeConflict: billing.CodeConflict,
	}
	require.Len(t, sentinels, len(billing.Codes()))
	for code, sentinel := range sentinels {
		fe := billing.NewFieldError(code, "m", "phone")
		wrapped := fmt.Errorf("create customer: %w", billing.Errors{billing.NewFieldError(billing.CodeRequired, "r", "name"), fe})
		assert.ErrorIs(t, wrapped, sentinel, code)
		for other, otherSentinel := range sentinels {
			if other != code && other != billing.CodeRequired {
				assert.NotErrorIs(t, wrapped, otherSentinel, "%s must not match %s", code, other)
			}
		}
	}
}

func TestErrorsAsThroughWrapping(t *testing.T) {
	errs := billing.Errors{
		billing.NewFieldError(billing.CodeRequired, "must be given", "external_reference"),
		billing.NewFieldError(billing.CodeInvalidPhone, "is not a number in service", "phone"),
	}
	err := fmt.Errorf("handler: %w", fmt.Errorf("decode: %w", errs))

	var got billing.Errors
	require.True(t, errors.As(err, &got))
	assert.Equal(t, errs, got)

	var fe *billing.FieldError
	require.True(t, errors.As(err, &fe))
	assert.Equal(t, "external_reference", fe.Field)

	assert.Equal(t, errs[1], errs.Field("phone"))
	assert.Equal(t, errs[1], errs.At("/phone"))
	assert.Nil(t, errs.Field("email"))
	assert.Nil(t, errs.At("phone"))
}

func TestErrorStrings(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"field", billing.NewFieldError(billing.CodeInvalidPhone, "is not valid", "phone"), "phone: invalid_phone: is not valid"},
		{"document", billing.NewFieldError(billing.CodeInvalidJSON, "unexpected end"), "invalid_json: unexpected end"},
		{"one", billing.Errors{billing.NewFieldError(billing.CodeRequired, "must be given", "name")}, "name: required: must be given"},
		{"two", billing.Errors{
			billing.NewFieldError(billing.CodeRequired, "a", "name"),
			billing.NewFieldError(billing.CodeInvalidFormat, "b", "email"),
		}, "2 errors:\n\tname: required: a\n\temail: invalid_format: b"},
		{"none", billing.Errors{}, "no errors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestErrorsJSON(t *testing.T) {
	errs := billing.Errors{
		billing.NewFieldError(billing.CodeKeyTooLong, "at most 40 characters", "metadata", "order_id"),
		billing.NewFieldError(billing.CodeTooLong, "at most 1 MiB"),
	}
	b, err := json.Marshal(errs)
	require.NoError(t, err)
	assert.Equal(t, `[{"field":"metadata.order_id","pointer":"/metadata/order_id","code":"key_too_long","message":"at most 40 characters"},`+
		`{"field":"","pointer":"","code":"too_long","message":"at most 1 MiB"}]`, string(b))
	// A key that holds a slash, a tilde or invalid UTF-8 has an unambiguous pointer; JSON
	// writes each invalid byte as U+FFFD.
	b, err = json.Marshal(billing.Errors{billing.NewFieldError(billing.CodeInvalidKey, "m", "metadata", "a/b~\xff")})
	require.NoError(t, err)
	assert.Equal(t, `[{"field":"metadata.a/b~\ufffd","pointer":"/metadata/a~1b~0\ufffd","code":"invalid_key","message":"m"}]`, string(b))
}

func TestEveryCodeIsDescribed(t *testing.T) {
	for _, c := range billing.Codes() {
		assert.NotEmpty(t, c.Description(), c)
	}
	assert.Empty(t, billing.Code("nope").Description())
}
