package metadata

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

// linearSmall is the size of the small document of the linear-time checks: sixteen times
// it, the big one, stays within the 1 MiB limit, so that both are read through.
const linearSmall = 1<<16 - 64

func TestHostile(t *testing.T) {
	const size = 1<<20 - 64
	decode := func(data []byte) { _, _ = Decode(data, CustomerLimits()) }
	t.Run("100 000 keys", func(t *testing.T) {
		doc := testkit.MembersUpTo(size, testkit.Key3, `"v"`)
		n := strings.Count(string(doc), `":"`)
		require.Greater(t, n, 100000)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata", "too_many_keys"), testkit.Failures(err))
		assert.Contains(t, err.Error(), "holds "+strconv.Itoa(n)+" keys")
		testkit.AssertLinear(t, func(n int) []byte { return testkit.MembersUpTo(n, testkit.Key3, `"v"`) }, linearSmall, decode)
	})
	t.Run("100 000 failing entries", func(t *testing.T) {
		doc := testkit.MembersUpTo(size, strconv.Itoa, `""`)
		n := strings.Count(string(doc), ":")
		_, err := Decode(doc, CustomerLimits())
		errs := report.Errs(err)
		require.Len(t, errs, n+1)
		assert.Equal(t, billing.CodeTooManyKeys, errs[0].Code)
		assert.Equal(t, "metadata.0", errs[1].Field)
		assert.Equal(t, "metadata."+strconv.Itoa(n-1), errs[n].Field)
		testkit.AssertLinear(t, func(n int) []byte { return testkit.MembersUpTo(n, strconv.Itoa, `""`) }, linearSmall, decode)
	})
	t.Run("one key 100 000 times", func(t *testing.T) {
		doc := testkit.MembersUpTo(size, func(int) string { return "k" }, `"v"`)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata.k", "duplicate_field"), testkit.Failures(err))
		testkit.AssertLinear(t, func(n int) []byte { return testkit.MembersUpTo(n, func(int) string { return "k" }, `"v"`) }, linearSmall, decode)
	})
	t.Run("1 MiB key", func(t *testing.T) {
		key := func(n int) []byte { return []byte(`{"` + strings.Repeat("k", n) + `":"v"}`) }
		doc := key(size)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata."+strings.Repeat("k", size), "key_too_long"), testkit.Failures(err))
		assert.NotContains(t, report.Errs(err)[0].Message, "kkkk", "the message does not echo the key")
		testkit.AssertLinear(t, key, linearSmall, decode)
		_, err = Decode(key(1<<20), CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata", "too_long"), testkit.Failures(err))
	})
	t.Run("1 MiB key of escapes", func(t *testing.T) {
		doc := []byte(`{"` + strings.Repeat(`\u00e9`, size/6) + `\u0000":"v"}`)
		_, err := Decode(doc, CustomerLimits())
		errs := report.Errs(err)
		require.Len(t, errs, 1)
		assert.Equal(t, billing.CodeInvalidKey, errs[0].Code, "invalid_key wins over key_too_long")
	})
	t.Run("1 MiB value", func(t *testing.T) {
		doc := []byte(`{"k":"` + strings.Repeat("€", size/3) + `"}`)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata.k", "too_long"), testkit.Failures(err))
	})
	t.Run("lone surrogates", func(t *testing.T) {
		_, err := Decode([]byte(`{"k":"\ud800","\udfff":"v","ok":"\ud83d\ude00"}`), CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata.k", "invalid_characters", "metadata.\xed\xbf\xbf", "invalid_key"), testkit.Failures(err))
	})
	t.Run("NUL in a key", func(t *testing.T) {
		_, err := Decode([]byte(`{"a\u0000b":"v"}`), CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata.a\x00b", "invalid_key"), testkit.Failures(err))
		_, err = Decode([]byte("{\"a\x00b\":\"v\"}"), CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata", "invalid_json"), testkit.Failures(err))
	})
	t.Run("1 MiB of [", func(t *testing.T) {
		_, err := Decode([]byte(strings.Repeat("[", 1<<20)), CustomerLimits())
		assert.Equal(t, testkit.Pairs("metadata", "invalid_json"), testkit.Failures(err))
	})
}
