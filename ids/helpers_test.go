package ids_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

// requireFailure checks that err is a one-entry billing.Errors at the top-level member
// field (pointer "/field") with code, that errors.Is matches the code, and that the
// message is not empty. It returns the entry.
func requireFailure(t *testing.T, err error, field string, code billing.Code) *billing.FieldError {
	t.Helper()
	require.Error(t, err)
	var es billing.Errors
	require.True(t, errors.As(err, &es), "want a billing.Errors, got %T: %v", err, err)
	require.Len(t, es, 1, "%v", err)
	fe := es[0]
	require.Equal(t, field, fe.Field)
	require.Equal(t, "/"+field, fe.Pointer)
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
	requireFailure(t, err, field, code)
	assert.True(t, v.IsZero())
}

// Inputs every parser meets in the tests of bad input.
var (
	megabyte      = strings.Repeat("a", 1<<20)
	withNUL       = "ab\x00cd"
	invalidUTF8   = "ab\xffcd"
	loneSurrogate = "ab\xed\xa0\x80cd" // U+D800 encoded as UTF-8, which is invalid
)
