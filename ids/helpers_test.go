package ids_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

// requireFieldError checks that err is a *billing.FieldError for field with code, that
// errors.Is matches the code, and that the message is not empty.
func requireFieldError(t *testing.T, err error, field string, code billing.Code) *billing.FieldError {
	t.Helper()
	require.Error(t, err)
	var fe *billing.FieldError
	require.True(t, errors.As(err, &fe), "want a *billing.FieldError, got %T: %v", err, err)
	require.Equal(t, field, fe.Field)
	require.Equal(t, code, fe.Code, "message: %s", fe.Message)
	require.ErrorIs(t, err, code)
	require.NotEmpty(t, fe.Message)
	return fe
}

// checkParse holds parse(in) to code: when code is "" the value is valid and prints back
// as in, otherwise the failure is code at field and the value is the zero one.
func checkParse[T interface {
	String() string
	IsZero() bool
}](t *testing.T, parse func(string) (T, error), in, field string, code billing.Code) {
	t.Helper()
	v, err := parse(in)
	if code == "" {
		require.NoError(t, err)
		assert.Equal(t, in, v.String())
		assert.False(t, v.IsZero())
		return
	}
	requireFieldError(t, err, field, code)
	assert.True(t, v.IsZero())
}

// Inputs every parser meets in the tests of bad input.
var (
	megabyte      = strings.Repeat("a", 1<<20)
	withNUL       = "ab\x00cd"
	invalidUTF8   = "ab\xffcd"
	loneSurrogate = "ab\xed\xa0\x80cd" // U+D800 encoded as UTF-8, which is invalid
)
