package ids

import (
	"encoding/binary"
	"testing"
)

// FuzzCharSetMatch holds the eight-bytes-at-a-time checks to the byte-at-a-time one.
func FuzzCharSetMatch(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghi", "abc-def_ghi", "ab\x80cdefgh", "0123456789/:@[`{", "bcus_H4jp6KnU5cPw263v1jyz4", "bcus_abcdefg!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, cs := range map[string]*charSet{"alnum": &alnum, "ref": &refChars, "key": &keyChars} {
			if got, want := cs.match(s), cs.matchSlow(s); got != want {
				t.Fatalf("%s.match(%q) = %v, want %v", name, s, got, want)
			}
		}
		for _, p := range []struct {
			prefix string
			word   uint64
		}{{CustomerIDPrefix, customerPrefixWord}, {AccountIDPrefix, accountPrefixWord}} {
			for _, in := range []string{s, p.prefix + s} {
				if got, want := validID(in, p.prefix, p.word), validIDSlow(in, p.prefix); got != want {
					t.Fatalf("validID(%q, %q) = %v, want %v", in, p.prefix, got, want)
				}
			}
		}
	})
}

// FuzzEncodeRandom holds the digits of new IDs to the math/big statement of the same rules.
func FuzzEncodeRandom(f *testing.F) {
	for _, w := range [][2]uint64{{0, 0}, {wordLimit - 1, wordLimit - 1}, {wordLimit, 0}, {20 * pow10, 13 * pow10}, {20 * pow10, 14 * pow10}} {
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:8], w[0])
		binary.LittleEndian.PutUint64(b[8:], w[1])
		f.Add(b[:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var r [16]byte
		copy(r[:], b)
		checkEncodeRandom(t, binary.LittleEndian.Uint64(r[:8]), binary.LittleEndian.Uint64(r[8:]))
	})
}
