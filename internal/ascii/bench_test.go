package ascii

import (
	"strconv"
	"strings"
	"testing"
)

// The benchmarks compare the word forms with byte loops on the two shapes of scan the
// module runs: find the first byte of a few kinds (a JSON string's end), and check that
// every byte is in a class (an identifier's characters).

var sinkInt int

// firstSpecial is the scan of a JSON string: the index of the first '"', '\\' or control
// character, or len(s).
func firstSpecial(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := Load64(s, i)
		if h := Equal(w, '"') | Equal(w, '\\') | Below(w, 0x20); h.Any() {
			return i + h.First()
		}
	}
	for ; i < len(s) && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20; i++ {
	}
	return i
}

func firstSpecialBytewise(s string) int {
	i := 0
	for ; i < len(s) && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20; i++ {
	}
	return i
}

// allAlnum reports whether s holds only ASCII letters and digits.
func allAlnum(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := Load64(s, i)
		if NonASCII(w) != 0 || InRange(w, '0', '9')|InRange(w|Repeat(0x20), 'a', 'z') != All {
			return false
		}
	}
	return allAlnumBytewise(s[i:])
}

func allAlnumBytewise(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

func BenchmarkFirstSpecial(b *testing.B) {
	for _, n := range []int{8, 26, 200} {
		s := strings.Repeat("x", n) + `"`
		for _, f := range []struct {
			name string
			fn   func(string) int
		}{{"words", firstSpecial}, {"bytewise", firstSpecialBytewise}} {
			b.Run(f.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				for b.Loop() {
					sinkInt = f.fn(s)
				}
			})
		}
	}
}

func BenchmarkAllAlnum(b *testing.B) {
	for _, n := range []int{8, 24, 248} {
		s := strings.Repeat("H4jp6KnU", n/8)
		for _, f := range []struct {
			name string
			fn   func(string) bool
		}{{"words", allAlnum}, {"bytewise", allAlnumBytewise}} {
			b.Run(f.name+"/"+strconv.Itoa(n), func(b *testing.B) {
				for b.Loop() {
					if !f.fn(s) {
						b.Fatal("wrong")
					}
				}
			})
		}
	}
}

func TestBenchmarkScans(t *testing.T) {
	for _, s := range []string{"", "abc", "abcdefgh\"", "abcdefghijklmnop\x1f", "H4jp6KnU5cPw263v1jyz4", "H4jp6KnU5cPw263v1jyz!", "é"} {
		if got, want := firstSpecial(s), firstSpecialBytewise(s); got != want {
			t.Errorf("firstSpecial(%q) = %d, want %d", s, got, want)
		}
		if got, want := allAlnum(s), allAlnumBytewise(s); got != want {
			t.Errorf("allAlnum(%q) = %v, want %v", s, got, want)
		}
	}
}
