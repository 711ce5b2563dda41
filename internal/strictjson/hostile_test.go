package strictjson

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
)

// bestPerByte runs fn on data reps times, three times over, and returns the best CPU time
// per byte.
func bestPerByte(data []byte, reps int, fn func([]byte)) float64 {
	best := time.Duration(1<<63 - 1)
	for range 3 {
		runtime.GC()
		start := cpuTime()
		for range reps {
			fn(data)
		}
		best = min(best, cpuTime()-start)
	}
	return float64(max(best, 1)) / float64(len(data)*reps)
}

// assertLinear checks that fn's time per byte on make(16*small) is not much worse than on
// make(small) (run 16 times, so that both measure the same amount of work): quadratic work
// would be about 16 times worse. The bound is generous (6×) and the time is CPU time, so
// that a loaded machine does not make it flaky.
func assertLinear(t *testing.T, name string, make func(n int) []byte, small int, fn func([]byte)) {
	t.Helper()
	if testing.Short() {
		t.Skip("timing test")
	}
	s, b := make(small), make(16*small)
	fn(s) // warm up
	ratio := bestPerByte(b, 1, fn) / bestPerByte(s, 16, fn)
	t.Logf("%s: time per byte ×%.2f from %d to %d bytes", name, ratio, len(s), len(b))
	assert.Less(t, ratio, 6.0, "%s: time per byte grows %.1f× from %d to %d bytes", name, ratio, len(s), len(b))
}

func decodeSkipAll(data []byte) error {
	return Decode(data, report.Loc{}, func(o Object) {
		for o.Next() {
			o.Skip()
		}
	})
}

// objectUpTo returns an object of members "key(i)":value, as many as fit in n bytes.
func objectUpTo(n int, key func(i int) string, value string) []byte {
	b := []byte{'{'}
	for i := 0; ; i++ {
		m := `"` + key(i) + `":` + value
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

func TestHostile(t *testing.T) {
	brackets := func(n int) []byte { return []byte(strings.Repeat("[", n)) }
	deepObjects := func(n int) []byte { return []byte(strings.Repeat(`{"o":`, n/5)) }
	manyKeys := func(n int) []byte { return objectUpTo(n, strconv.Itoa, "1") }
	sameKey := func(n int) []byte { return objectUpTo(n, func(int) string { return "a" }, "1") }
	longString := func(n int) []byte { return []byte(`{"s":"` + strings.Repeat("x", n) + `"}`) }
	escapes := func(n int) []byte { return []byte(`{"s":"` + strings.Repeat(`\u0041`, n/6) + `"}`) }
	pairs := func(n int) []byte { return []byte(`{"s":"` + strings.Repeat(`\ud83d\ude00`, n/12) + `"}`) }
	digits := func(n int) []byte { return []byte(`{"i":1` + strings.Repeat("0", n) + `}`) }
	fraction := func(n int) []byte { return []byte(`{"i":1.` + strings.Repeat("0", n) + `e999999}`) }
	// Objects of 32 members whose long names differ only at the end: the most work the
	// one-by-one duplicate check can be made to do, 32 comparisons of each name at most.
	longNames := func(n int) []byte {
		name := strings.Repeat("n", 1000)
		var b strings.Builder
		b.WriteString(`{"a":[`)
		for b.Len() < n-bigObject*1010 {
			if b.Len() > 6 {
				b.WriteString(",")
			}
			b.WriteString("{")
			for i := range bigObject {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(`"` + name + strconv.Itoa(i+10) + `":0`)
			}
			b.WriteString("}")
		}
		b.WriteString("]}")
		return []byte(b.String())
	}
	unknown := func(n int) []byte { // every member fails: the failure list must stay linear too
		return objectUpTo(n, func(i int) string { return "k" + strconv.Itoa(i) }, "1")
	}

	tests := []struct {
		name  string
		make  func(n int) []byte
		size  int // the big document's size is about 16 times this
		read  func([]byte) error
		codes [][2]string // on a document of about 1 MiB
	}{
		{"1 MiB of [", brackets, 1 << 16, decodeSkipAll, fl("", "invalid_json")},
		{"deep objects", deepObjects, 1 << 16, decodeSkipAll, fl("", "invalid_json")},
		{"100 000 keys", manyKeys, 1 << 16, decodeSkipAll, nil},
		{"one key 100 000 times", sameKey, 1 << 16, decodeSkipAll, fl("a", "duplicate_field")},
		{"1 MiB string", longString, 1 << 16, decodeSkipAll, nil},
		{"1 MiB of escapes", escapes, 1 << 16, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, nil},
		{"1 MiB of surrogate pairs", pairs, 1 << 16, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, nil},
		{"1 MiB integer", digits, 1 << 16, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, fl("i", "out_of_range")},
		{"1 MiB fraction", fraction, 1 << 16, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, fl("i", "invalid_type")},
		{"long names", longNames, 1 << 16, func(d []byte) error { _, _, err := walkDoc(d); return err }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.make(1<<20 - 2048)
			require.LessOrEqual(t, len(doc), MaxSize)
			assert.Equal(t, tt.codes, failures(tt.read(doc)))
			assertLinear(t, tt.name, tt.make, tt.size, func(d []byte) { _ = tt.read(d) })
		})
	}
	t.Run("every member unknown", func(t *testing.T) {
		doc := unknown(MaxSize)
		err := Decode(doc, report.Loc{}, nil)
		assert.Len(t, failures(err), strings.Count(string(doc), ":"), "one per member")
		assertLinear(t, "every member unknown", unknown, 1<<16, func(d []byte) { _ = Decode(d, report.Loc{}, nil) })
	})
	t.Run("1 MiB + 1", func(t *testing.T) {
		doc := longString(MaxSize + 1 - 8)
		require.Len(t, doc, MaxSize+1)
		assert.Equal(t, fl("", "too_long"), failures(decodeSkipAll(doc)))
	})
}

func TestHostileAllocations(t *testing.T) {
	// A rejected or oversized number costs no allocation beyond the failure itself, and
	// neither does a big valid document beyond the reader.
	digits := []byte(`{"i":1` + strings.Repeat("0", 400) + `}`)
	brackets := []byte(strings.Repeat("[", MaxSize))
	str := []byte(`{"s":"` + strings.Repeat("x", 1<<19) + `"}`)
	read := func(d []byte) func() {
		return func() {
			_ = Decode(d, report.Loc{}, func(o Object) {
				for o.Next() {
					switch o.Kind() {
					case KindNumber:
						o.Int(-MaxSafeInt, MaxSafeInt)
					case KindString:
						o.StringBytes()
					}
				}
			})
		}
	}
	assert.LessOrEqual(t, testing.AllocsPerRun(20, read(digits)), 6.0)
	assert.LessOrEqual(t, testing.AllocsPerRun(20, read(brackets)), 6.0)
	assert.LessOrEqual(t, testing.AllocsPerRun(20, read(str)), 1.0)
}
