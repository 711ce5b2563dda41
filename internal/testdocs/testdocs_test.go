package testdocs_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testdocs"
)

func TestCodeOfName(t *testing.T) {
	for name, want := range map[string]billing.Code{
		"invalid-key-too-long-41-ascii": billing.CodeKeyTooLong, // the longer code wins
		"invalid-key-empty":             billing.CodeInvalidKey,
		"invalid-required-name-empty":   billing.CodeRequired,
		"invalid-json-truncated":        billing.CodeInvalidJSON,
		"invalid-nothing-known":         "",
	} {
		code, promised := testdocs.CodeOfName(name)
		assert.True(t, promised, name)
		assert.Equal(t, want, code, name)
	}
	for _, name := range []string{"valid-minimal", "docs-example", "invalid-multi-x", "invalid-precedence-x"} {
		_, promised := testdocs.CodeOfName(name)
		assert.False(t, promised, name)
	}
}

func TestFailures(t *testing.T) {
	type failure struct{ Field, Code string }
	assert.Equal(t, []failure{}, testdocs.FailuresAs[failure](nil))
	err := billing.Errors{
		billing.NewFieldError(billing.CodeInvalidKey, "m", "metadata", "bad\xffkey"),
		billing.NewFieldError(billing.CodeRequired, "m", "currency"),
	}
	assert.Equal(t, []failure{{"metadata.bad\uFFFDkey", "invalid_key"}, {"currency", "required"}}, testdocs.FailuresAs[failure](err))
	assert.Equal(t, []testdocs.Failure{{Field: "currency", Pointer: "/currency", Code: "required"}, {Field: "metadata.bad\uFFFDkey", Pointer: "/metadata/bad\uFFFDkey", Code: "invalid_key"}},
		testdocs.SortedByField(testdocs.Failures(err)))
	assert.True(t, testdocs.JSONLevel([]testdocs.Failure{{Field: "a", Code: "required"}, {Field: "b", Code: "unknown_field"}}))
	assert.False(t, testdocs.JSONLevel([]testdocs.Failure{{Field: "a", Code: "required"}}))
}

func TestLoad(t *testing.T) {
	dir := testdocs.Dir(t, "customer-create")
	_, err := os.Stat(dir)
	require.NoError(t, err)
	docs := testdocs.Load(t, "customer-create")
	require.NotEmpty(t, docs)
	for _, d := range docs {
		assert.NotEmpty(t, d.Data, d.Name)
		assert.NotContains(t, d.Name, ".errors", "expected failures are not documents")
	}
}
