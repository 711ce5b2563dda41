package ids

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tallykit/billing/internal/ascii"
)

func TestCharSetWord(t *testing.T) {
	sets := map[string]*charSet{"alnum": &alnum, "ref": &refChars, "key": &keyChars}
	for name, cs := range sets {
		for pos := 0; pos < 8; pos++ {
			for c := 0; c < 256; c++ {
				b := []byte("aZ09aZ09")
				b[pos] = byte(c)
				s := string(b)
				want := cs.matchSlow(s)
				require.Equal(t, want, cs.word(ascii.Load64(s, 0)), "%s: byte %#x at %d", name, c, pos)
				require.Equal(t, want, cs.match(s), "%s: byte %#x at %d", name, c, pos)
				if cs == &alnum {
					require.Equal(t, want, alnumWord(ascii.Load64(s, 0)), "byte %#x at %d", c, pos)
				}
			}
		}
	}
}

func TestCharSetHas(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		isAlnum := '0' <= b && b <= '9' || 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z'
		assert.Equal(t, isAlnum, alnum.has(b), "%#x", c)
		assert.Equal(t, isAlnum || b == '-' || b == '_', refChars.has(b), "%#x", c)
		assert.Equal(t, isAlnum || b == '-', keyChars.has(b), "%#x", c)
		isHex := '0' <= b && b <= '9' || 'A' <= b && b <= 'F' || 'a' <= b && b <= 'f'
		assert.Equal(t, isHex, hexDigits.has(b), "%#x", c)
	}
}

func TestValidIDFastMatchesSlow(t *testing.T) {
	for n := 0; n <= 40; n++ {
		for pos := -1; pos < n; pos++ {
			b := []byte("bcus_" + strings.Repeat("x", max(0, n-5)))[:n]
			if pos >= 0 {
				b[pos] = '!'
			}
			s := string(b)
			assert.Equal(t, validIDSlow(s, CustomerIDPrefix), validID(s, CustomerIDPrefix, customerPrefixWord), "%q", s)
		}
	}
}

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
