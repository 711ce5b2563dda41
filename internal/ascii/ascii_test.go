package ascii

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The byte-at-a-time statements of the tests, which the word forms are held to.

func bytesOf(w uint64) (b [8]byte) {
	binary.LittleEndian.PutUint64(b[:], w)
	return b
}

// The tests as byte predicates: the statement each word form is held to.
type test uint8

const (
	testBelow test = iota
	testAbove
	testEqual
	testRange
	testNonASCII
)

func (tt test) String() string {
	return [...]string{"Below", "Above", "Equal", "InRange", "NonASCII"}[tt]
}

// picks reports whether the test with parameters n and m picks the byte c.
func (tt test) picks(c, n, m byte) bool {
	switch tt {
	case testBelow:
		return c < n
	case testAbove:
		return c > n
	case testEqual:
		return c == n
	case testRange:
		return n <= c && c <= m
	}
	return c >= 0x80
}

// want returns the exact flags of the bytes of w that the test picks.
func (tt test) want(w uint64, n, m byte) uint64 {
	var f uint64
	for i := range 8 {
		if tt.picks(byte(w>>(8*i)), n, m) {
			f |= 0x80 << (8 * i)
		}
	}
	return f
}

// first returns the index of the lowest flag of the exact flags f, or 8.
func first(f uint64) int {
	for i := range 8 {
		if f>>(8*i)&0x80 != 0 {
			return i
		}
	}
	return 8
}

// check holds one test to the byte loop on w: exactly for NonASCII and InRange (on an ASCII
// w), through Any and First for the search tests. The check helpers call t.Helper only on
// failure: it costs more than the checks themselves, which run tens of millions of times.
func check(t *testing.T, tt test, w uint64, n, m byte) {
	want := tt.want(w, n, m)
	var h Hits
	switch tt {
	case testRange, testNonASCII:
		got := NonASCII(w)
		if tt == testRange {
			got = InRange(w, n, m)
		}
		if got != want {
			t.Helper()
			t.Fatalf("%v(%#016x, %#x, %#x) = %#016x, want %#016x", tt, w, n, m, got, want)
		}
		return
	case testBelow:
		h = Below(w, n)
	case testAbove:
		h = Above(w, n)
	case testEqual:
		h = Equal(w, n)
	}
	if h.Any() != (want != 0) || h.First() != first(want) {
		t.Helper()
		t.Fatalf("%v(%#016x, %#x): Any %v, First %d; want the bytes %#016x", tt, w, n, h.Any(), h.First(), want)
	}
}

// checkRange holds InRange (for an ASCII w) and AllInRange (for any w) to the byte loop.
func checkRange(t *testing.T, w uint64, lo, hi byte) {
	if got, want := AllInRange(w, lo, hi), testRange.want(w, lo, hi) == highs; got != want {
		t.Helper()
		t.Fatalf("AllInRange(%#016x, %#x, %#x) = %v", w, lo, hi, got)
	}
	if NonASCII(w) == 0 {
		check(t, testRange, w, lo, hi)
	}
}

// checkParam holds Equal, Below and Above to the byte loop on w for the parameter n,
// each where n is in its domain.
func checkParam(t *testing.T, w uint64, n byte) {
	check(t, testEqual, w, n, 0)
	if n <= 0x80 {
		check(t, testBelow, w, n, 0)
	}
	if n < 0x80 {
		check(t, testAbove, w, n, 0)
	}
}

// The ranges the module tests words against, and the ends of ASCII.
var ranges = [][2]byte{{'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {'A', 'F'}, {'a', 'f'}, {0x20, 0x7e}, {'-', '-'}, {'_', '_'}, {0, 0x7f}, {0, 0}, {0x7f, 0x7f}}

// checkAll holds every test to the byte loop on w, for each parameter of params and each
// of ranges.
func checkAll(t *testing.T, w uint64, params []byte) {
	check(t, testNonASCII, w, 0, 0)
	for _, n := range params {
		checkParam(t, w, n)
	}
	for _, r := range ranges {
		checkRange(t, w, r[0], r[1])
	}
}

// withByte returns the word of eight bytes fill with byte at replaced by c.
func withByte(fill byte, at int, c byte) uint64 {
	b := bytesOf(Repeat(fill))
	b[at] = c
	return binary.LittleEndian.Uint64(b[:])
}

// TestEveryByteAtEveryOffset: every byte value at every offset of a word, with every
// byte value around it, for the parameters the module uses.
func TestEveryByteAtEveryOffset(t *testing.T) {
	params := []byte{0, 1, 0x1f, 0x20, '"', '-', '0', '9', 'A', 'Z', '\\', '_', 'a', 'z', 0x7e, 0x7f, 0x80, 0xff}
	for at := range 8 {
		for fill := range 256 {
			for c := range 256 {
				checkAll(t, withByte(byte(fill), at, byte(c)), params)
			}
		}
	}
}

// TestEveryParameter: every parameter, with every byte value at every offset of a word
// whose other bytes sit on either side of the parameter or at the ends of the byte range.
func TestEveryParameter(t *testing.T) {
	for n := range 256 {
		fills := []byte{0, 0x7f, 0x80, 0xff, byte(n - 1), byte(n), byte(n + 1)}
		for at := range 8 {
			for _, fill := range fills {
				for c := range 256 {
					checkParam(t, withByte(fill, at, byte(c)), byte(n))
				}
			}
		}
	}
}

// TestEveryRange: every range lo..hi of ASCII, with every byte value at every offset of a
// word whose other bytes are at or next to its ends.
func TestEveryRange(t *testing.T) {
	for lo := range 0x80 {
		for hi := lo; hi < 0x80; hi++ {
			fills := []byte{byte(lo), byte(hi), byte(lo - 1), byte(hi + 1)}
			for at := range 8 {
				for _, fill := range fills {
					for c := 0; c < 256; c += 1 + c/0x80*14 { // every ASCII byte, some others
						checkRange(t, withByte(fill, at, byte(c)), byte(lo), byte(hi))
					}
				}
			}
		}
	}
}

// TestAdjacentPairs: every pair of byte values in every two neighbouring bytes, where a
// borrow or a carry from the lower one would show.
func TestAdjacentPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("458,752 words")
	}
	params := []byte{0, 1, 0x20, '"', '0', '\\', 0x7e, 0x7f, 0x80, 0xff}
	for at := range 7 {
		for a := range 256 {
			for b := range 256 {
				w := withByte('a', at, byte(a))
				w = w&^(0xff<<(8*(at+1))) | uint64(b)<<(8*(at+1))
				checkAll(t, w, params)
			}
		}
	}
}

func TestLoad64(t *testing.T) {
	data := []byte("0123456789abcdefghij")
	for i := 0; i+8 <= len(data); i++ {
		want := binary.LittleEndian.Uint64(data[i:])
		assert.Equal(t, want, Load64(data, i), "[]byte at %d", i)
		assert.Equal(t, want, Load64(string(data), i), "string at %d", i)
	}
	assert.Panics(t, func() { Load64("0123456", 0) })
	assert.Panics(t, func() { Load64(data, len(data)-7) })
}

func TestLoadEnds(t *testing.T) {
	data := []byte("0123456789")
	for n := 4; n <= 8; n++ {
		s := data[:n]
		want := uint64(binary.LittleEndian.Uint32(s)) | uint64(binary.LittleEndian.Uint32(s[n-4:]))<<32
		assert.Equal(t, want, LoadEnds(s), "[]byte of %d", n)
		assert.Equal(t, want, LoadEnds(string(s)), "string of %d", n)
	}
	assert.Panics(t, func() { LoadEnds("012") })
}

func TestHits(t *testing.T) {
	assert.False(t, Hits(0).Any())
	assert.Equal(t, 8, Hits(0).First())
	assert.False(t, Hits(^uint64(highs)).Any(), "only the high bits count")
	assert.Equal(t, 8, Hits(^uint64(highs)).First())
	for i := range 8 {
		h := Hits(0x80 << (8 * i))
		assert.True(t, h.Any())
		assert.Equal(t, i, h.First())
		assert.Equal(t, i, (h | Hits(highs)<<(8*i)).First(), "higher flags do not count")
		assert.Equal(t, i, (h | 0x7f7f7f7f7f7f7f7f).First(), "low bits do not count")
	}
}

func TestRepeat(t *testing.T) {
	for c := range 256 {
		for _, b := range bytesOf(Repeat(byte(c))) {
			require.Equal(t, byte(c), b)
		}
	}
}

// FuzzWord holds every test to the byte loop on the words of any bytes, with any parameters.
func FuzzWord(f *testing.F) {
	for _, s := range []string{"", "abcdefgh", "bcus_H4jp6KnU5cPw263v1jyz4", "\x00\x7f\x80\xff\"\\ \x1f", "+1415555267\x80\xff"} {
		f.Add([]byte(s), byte(0x20), byte('0'), byte('9'))
	}
	f.Fuzz(func(t *testing.T, data []byte, n, lo, hi byte) {
		params := []byte{n, lo, hi}
		for i := 0; i+8 <= len(data); i++ {
			w := Load64(data, i)
			if want := binary.LittleEndian.Uint64(data[i:]); w != want || Load64(string(data), i) != want {
				t.Fatalf("Load64(%q, %d) = %#x, want %#x", data, i, w, want)
			}
			checkAll(t, w, params)
		}
	})
}
