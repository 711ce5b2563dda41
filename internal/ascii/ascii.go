// Package ascii tests eight bytes at a time: the word-at-a-time (SWAR) steps that the
// module's scanners of identifiers, metadata, phone numbers and JSON strings share.
//
// A word is eight bytes of a string or byte slice loaded by [Load64], the first byte in
// the low eight bits. Tests come in two kinds:
//
//   - Exact tests ([NonASCII], [InRange]) return flags: 0x80 in each byte the test picks,
//     0 in every other bit. Flags are right in every byte, so the flags of several tests
//     joined with | equal [All] when each byte passes one of them; [AllInRange] is the
//     common case.
//   - Search tests ([Below], [Above], [Equal]) return [Hits], right in the lowest flagged
//     byte only: the borrow or carry of a picked byte may flag the bytes above it. Joined
//     with |, hits still say exactly whether any byte passes one of the tests
//     ([Hits.Any]) and which byte passes first ([Hits.First]). They are never compared
//     with All.
//
// A scanner loads words while eight bytes remain and finishes one byte at a time, or loads
// one last word that overlaps the previous one. Every function here is small enough for
// the compiler to inline.
package ascii

import "math/bits"

const (
	ones  = 0x0101010101010101 // 0x01 in every byte
	highs = 0x8080808080808080 // the high bit of every byte
)

// All is the flags of every byte: exact flags equal All when all eight bytes are picked.
const All = highs

// Load64 returns the eight bytes of s from index i on as a word: s[i] in the low byte,
// s[i+7] in the high one (little-endian order, whatever the machine). It panics if
// fewer than eight bytes follow i. The compiler makes it a single load.
func Load64[S ~string | ~[]byte](s S, i int) uint64 {
	s = s[i:]
	_ = s[7] // one bounds check for the eight bytes, none when the caller's loop proves it
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// LoadEnds returns the first four bytes of s in the low half of a word and the last four
// in the high half: they overlap when s is shorter than eight bytes, so that every byte of
// a string of four to eight bytes is in one word, for an exact test that all of them pass.
// It panics if s is shorter than four bytes.
func LoadEnds[S ~string | ~[]byte](s S) uint64 {
	head, tail := s[:4], s[len(s)-4:]
	return uint64(head[0]) | uint64(head[1])<<8 | uint64(head[2])<<16 | uint64(head[3])<<24 |
		uint64(tail[0])<<32 | uint64(tail[1])<<40 | uint64(tail[2])<<48 | uint64(tail[3])<<56
}

// Repeat returns the word whose eight bytes are all c.
func Repeat(c byte) uint64 { return ones * uint64(c) }

// NonASCII returns the exact flags of the bytes of w from 0x80 up.
func NonASCII(w uint64) uint64 { return w & highs }

// InRange returns the exact flags of the bytes of w from lo to hi inclusive, for
// lo ≤ hi < 0x80 and a w whose bytes are all below 0x80 (NonASCII(w) == 0): no sum then
// carries from one byte into the next. For any other w they mean nothing; test
// [NonASCII] first, or call [AllInRange].
func InRange(w uint64, lo, hi byte) uint64 {
	return (w + ones*uint64(0x80-lo)) &^ (w + ones*uint64(0x7f-hi)) & highs
}

// AllInRange reports whether every byte of w is from lo to hi inclusive, for any w and
// lo ≤ hi < 0x80.
func AllInRange(w uint64, lo, hi byte) bool {
	return w&highs == 0 && InRange(w, lo, hi) == All
}

// Hits is the result of a search test: the high bit of each byte flags that byte, and is
// right in the lowest flagged byte; the other bits are left over from the arithmetic and
// mean nothing. Hits of several tests are joined with |.
type Hits uint64

// Any reports whether a byte of the word passes the test.
func (h Hits) Any() bool { return h&highs != 0 }

// First returns the index (0 to 7) of the first byte of the word that passes the test,
// or 8 when none does.
func (h Hits) First() int { return bits.TrailingZeros64(uint64(h&highs)) >> 3 }

// Below returns the hits of the bytes of w below n, for n at most 0x80. A byte below n
// borrows from the byte above it, which may then be flagged when it equals n.
func Below(w uint64, n byte) Hits { return Hits((w - ones*uint64(n)) &^ w) }

// Above returns the hits of the bytes of w above n, for n below 0x80. A byte from 0x80 up
// may carry into the byte above it.
func Above(w uint64, n byte) Hits { return Hits((w + ones*uint64(0x7f-n)) | w) }

// Equal returns the hits of the bytes of w equal to c, for any c: the zero bytes of
// w ^ Repeat(c), found as [Below] finds the bytes below 1.
func Equal(w uint64, c byte) Hits { return Below(w^ones*uint64(c), 1) }
