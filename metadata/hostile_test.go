package metadata

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// assertLinear checks that Decode's time per byte on make(16*small) is not much worse than
// on make(small) (parsed 16 times, so both measure the same amount of work): quadratic
// work would be about 16 times worse. The bound is generous and the time is CPU time.
func assertLinear(t *testing.T, make func(n int) []byte, small int) {
	t.Helper()
	if testing.Short() {
		t.Skip("timing test")
	}
	perByte := func(data []byte, reps int) float64 {
		best := time.Duration(1<<63 - 1)
		for range 3 {
			runtime.GC()
			start := cpuTime()
			for range reps {
				_, _ = Decode(data, CustomerLimits())
			}
			best = min(best, cpuTime()-start)
		}
		return float64(max(best, 1)) / float64(len(data)*reps)
	}
	s, b := make(small), make(16*small)
	perByte(s, 1)
	ratio := perByte(b, 1) / perByte(s, 16)
	t.Logf("time per byte ×%.2f from %d to %d bytes", ratio, len(s), len(b))
	assert.Less(t, ratio, 6.0, "time per byte grows %.1f× from %d to %d bytes", ratio, len(s), len(b))
}

// entriesUpTo returns an object of "key(i)":"value" members, as many as fit in n bytes.
func entriesUpTo(n int, key func(i int) string, value string) []byte {
	b := []byte{'{'}
	for i := 0; ; i++ {
		m := `"` + key(i) + `":"` + value + `"`
		if len(b)+len(m)+2 > n {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, m...)
	}
	return append(b, '}')
}

// key3 returns a distinct three-character key for each i below 93³ (804 357), of printable
// ASCII but the quote and the backslash.
func key3(i int) string {
	const alphabet = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ "
	return string([]byte{alphabet[i/(93*93)%93], alphabet[i/93%93], alphabet[i%93]})
}

func TestHostile(t *testing.T) {
	const size = 1<<20 - 64
	t.Run("100 000 keys", func(t *testing.T) {
		doc := entriesUpTo(size, key3, "v")
		n := strings.Count(string(doc), `":"`)
		require.Greater(t, n, 100000)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, fl("metadata", "too_many_keys"), failures(err))
		assert.Contains(t, err.Error(), "holds "+strconv.Itoa(n)+" keys")
		assertLinear(t, func(n int) []byte { return entriesUpTo(n, key3, "v") }, 1<<16)
	})
	t.Run("100 000 failing entries", func(t *testing.T) {
		doc := entriesUpTo(size, strconv.Itoa, "")
		n := strings.Count(string(doc), ":")
		_, err := Decode(doc, CustomerLimits())
		errs := report.Errs(err)
		require.Len(t, errs, n+1)
		assert.Equal(t, billing.CodeTooManyKeys, errs[0].Code)
		assert.Equal(t, "metadata.0", errs[1].Field)
		assert.Equal(t, "metadata."+strconv.Itoa(n-1), errs[n].Field)
		assertLinear(t, func(n int) []byte { return entriesUpTo(n, strconv.Itoa, "") }, 1<<16)
	})
	t.Run("one key 100 000 times", func(t *testing.T) {
		doc := entriesUpTo(size, func(int) string { return "k" }, "v")
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, fl("metadata.k", "duplicate_field"), failures(err))
		assertLinear(t, func(n int) []byte { return entriesUpTo(n, func(int) string { return "k" }, "v") }, 1<<16)
	})
	t.Run("1 MiB key", func(t *testing.T) {
		key := func(n int) []byte { return []byte(`{"` + strings.Repeat("k", n) + `":"v"}`) }
		doc := key(size)
		_, err := Decode(doc, CustomerLimits())
		assert.Equal(t, fl("metadata."+strings.Repeat("k", size), "key_too_long"), failures(err))
		assert.NotContains(t, report.Errs(err)[0].Message, "kkkk", "the message does not echo the key")
		assertLinear(t, key, 1<<16)
		_, err = Decode(key(1<<20), CustomerLimits())
		assert.Equal(t, fl("metadata", "too_long"), failures(err))
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
		assert.Equal(t, fl("metadata.k", "too_long"), failures(err))
	})
	t.Run("lone surrogates", func(t *testing.T) {
		_, err := Decode([]byte(`{"k":"\ud800","\udfff":"v","ok":"\ud83d\ude00"}`), CustomerLimits())
		assert.Equal(t, fl("metadata.k", "invalid_characters", "metadata.\xed\xbf\xbf", "invalid_key"), failures(err))
	})
	t.Run("NUL in a key", func(t *testing.T) {
		_, err := Decode([]byte(`{"a\u0000b":"v"}`), CustomerLimits())
		assert.Equal(t, fl("metadata.a\x00b", "invalid_key"), failures(err))
		_, err = Decode([]byte("{\"a\x00b\":\"v\"}"), CustomerLimits())
		assert.Equal(t, fl("metadata", "invalid_json"), failures(err))
	})
	t.Run("1 MiB of [", func(t *testing.T) {
		_, err := Decode([]byte(strings.Repeat("[", 1<<20)), CustomerLimits())
		assert.Equal(t, fl("metadata", "invalid_json"), failures(err))
	})
}
