package strictjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPlainRun holds the eight-byte string scan to the byte-at-a-time one: every special
// byte at every offset of an eight-byte word, and after bytes ≥ 0x80 (which must not
// borrow into a false stop).
func TestPlainRun(t *testing.T) {
	special := []byte{'"', '\\', 0x00, 0x01, 0x1f}
	plain := []byte{' ', '!', '#', '[', ']', 'a', 0x7f, 0x80, 0xc3, 0xff, 0x20, 0x21, 0x5b, 0x5d}
	for n := 0; n <= 24; n++ {
		for at := 0; at <= n; at++ {
			for _, fill := range plain {
				for _, c := range special {
					d := []byte(strings.Repeat(string(fill), n))
					if at < n {
						d[at] = c
					}
					for p := 0; p <= min(n, 9); p++ {
						assert.Equal(t, plainRunBytewise(d, p), plainRun(d, p), "%q from %d", d, p)
					}
				}
			}
		}
	}
}

// FuzzPlainRun: the eight-byte scan = the byte-at-a-time scan on any bytes.
func FuzzPlainRun(f *testing.F) {
	for _, s := range []string{"", "abc\"", "abcdefgh\\", "\x00", "\xff\xff\xff\xff\xff\xff\xff\xff\"", "Sipho Dlamini\",", "acct_2024_0002\"\n"} {
		f.Add([]byte(s), 0)
	}
	f.Fuzz(func(t *testing.T, d []byte, p int) {
		if p < 0 || p > len(d) {
			p = 0
		}
		if got, want := plainRun(d, p), plainRunBytewise(d, p); got != want {
			t.Fatalf("plainRun(%q, %d) = %d, byte by byte %d", d, p, got, want)
		}
	})
}

// BenchmarkPlainRun compares the two scans on strings of the lengths member names and
// values have, followed as in a document by more bytes.
func BenchmarkPlainRun(b *testing.B) {
	for _, s := range []string{"name", "currency", "external_reference", "sipho.dlamini@example.co.za", strings.Repeat("x", 200)} {
		d := []byte(s + `": "more of the document"`)
		b.Run("eight-bytes/"+itoa(len(s)), func(b *testing.B) {
			for b.Loop() {
				if plainRun(d, 0) != len(s) {
					b.Fatal("wrong")
				}
			}
		})
		b.Run("bytewise/"+itoa(len(s)), func(b *testing.B) {
			for b.Loop() {
				if plainRunBytewise(d, 0) != len(s) {
					b.Fatal("wrong")
				}
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
