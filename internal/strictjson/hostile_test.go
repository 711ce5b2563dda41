package strictjson

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

func decodeSkipAll(data []byte) error {
	return Decode(data, report.Loc{}, func(o Object) {
		for o.Next() {
			o.Skip()
		}
	})
}

// linearSmall is the size of the small document of the linear-time checks: sixteen times
// it, the big one, stays within MaxSize, so that both are read through.
const linearSmall = 1<<16 - 1024

func TestHostile(t *testing.T) {
	brackets := func(n int) []byte { return []byte(strings.Repeat("[", n)) }
	deepObjects := func(n int) []byte { return []byte(strings.Repeat(`{"o":`, n/5)) }
	manyKeys := func(n int) []byte { return testkit.MembersUpTo(n, strconv.Itoa, "1") }
	sameKey := func(n int) []byte { return testkit.MembersUpTo(n, func(int) string { return "a" }, "1") }
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
		return testkit.MembersUpTo(n, func(i int) string { return "k" + strconv.Itoa(i) }, "1")
	}

	tests := []struct {
		name  string
		make  func(n int) []byte
		read  func([]byte) error
		codes []testkit.Failure // on a document of about 1 MiB
	}{
		{"1 MiB of [", brackets, decodeSkipAll, testkit.Pairs("", "invalid_json")},
		{"deep objects", deepObjects, decodeSkipAll, testkit.Pairs("", "invalid_json")},
		{"100 000 keys", manyKeys, decodeSkipAll, nil},
		{"one key 100 000 times", sameKey, decodeSkipAll, testkit.Pairs("a", "duplicate_field")},
		{"1 MiB string", longString, decodeSkipAll, nil},
		{"1 MiB of escapes", escapes, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, nil},
		{"1 MiB of surrogate pairs", pairs, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, nil},
		{"1 MiB integer", digits, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, testkit.Pairs("i", "out_of_range")},
		{"1 MiB fraction", fraction, func(d []byte) error { _, err := decodeSchema(string(d)); return err }, testkit.Pairs("i", "invalid_type")},
		{"long names", longNames, func(d []byte) error { _, _, err := walkDoc(d); return err }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.make(1<<20 - 2048)
			require.LessOrEqual(t, len(doc), MaxSize)
			assert.Equal(t, tt.codes, testkit.Failures(tt.read(doc)))
			testkit.AssertLinear(t, tt.make, linearSmall, func(d []byte) { _ = tt.read(d) })
		})
	}
	t.Run("every member unknown", func(t *testing.T) {
		doc := unknown(MaxSize)
		err := Decode(doc, report.Loc{}, nil)
		assert.Len(t, testkit.Failures(err), strings.Count(string(doc), ":"), "one per member")
		testkit.AssertLinear(t, unknown, linearSmall, func(d []byte) { _ = Decode(d, report.Loc{}, nil) })
	})
	t.Run("1 MiB + 1", func(t *testing.T) {
		doc := longString(MaxSize + 1 - 8)
		require.Len(t, doc, MaxSize+1)
		assert.Equal(t, testkit.Pairs("", "too_long"), testkit.Failures(decodeSkipAll(doc)))
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
