// Package ascii tests eight bytes at a time: the word-at-a-time (SWAR) steps that the
// module's scanners of identifiers, metadata, phone numbers and JSON strings share.
//
// A word is eight bytes of a string or byte slice loaded by [Load64], the first byte in
// the low eight bits. The tests return flags: a word holding 0x80 in each byte the test
// picks and 0 in every other bit, so that flags != 0 asks whether any byte is picked and
// [First] finds the lowest one. Flags are either exact (every byte is right) or exact in
// the lowest flag only: a borrow or carry from a picked byte may then flag bytes above it,
// so such flags answer "any?" and "which first?" exactly, and nothing more.
//
// A scanner loads words while eight bytes remain and finishes one byte at a time, or loads
// one last word that overlaps the previous one; every function here is small enough for
// the compiler to inline.
package ascii

import "math/bits"

const (
	ones  = 0x0101010101010101 // 0x01 in every byte
	highs = 0x8080808080808080 // the high bit of every byte
)

// All is the flags of every byte. Exact flags equal All when the test picks all eight
// bytes, and so do the exact flags of several tests joined with | when each byte passes
// one of them. Flags exact in the lowest flag only are never compared with All; joined
// with |, they still say exactly which byte first passes any of their tests.
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

// Repeat returns the word whose eight bytes are all c.
func Repeat(c byte) uint64 { return ones * uint64(c) }

// NonASCII returns the flags of the bytes of w from 0x80 up. They are exact.
func NonASCII(w uint64) uint64 { return w & highs }

// Below returns the flags of the bytes of w below n, for n at most 0x80. They are exact in
// the lowest flag: a byte below n borrows from the byte above it, which may then be
// flagged when it equals n.
func Below(w uint64, n byte) uint64 { return (w - ones*uint64(n)) &^ w & highs }

// Above returns the flags of the bytes of w above n, for n below 0x80. They are exact in
// the lowest flag: a byte from 0x80 up may carry into the byte above it.
func Above(w uint64, n byte) uint64 { return ((w + ones*uint64(0x7f-n)) | w) & highs }

// Equal returns the flags of the bytes of w equal to c, for any c. They are exact in the
// lowest flag (see [Below]).
func Equal(w uint64, c byte) uint64 { return Below(w^ones*uint64(c), 1) }

// InRange returns the flags of the bytes of w from lo to hi inclusive, for
// lo ≤ hi < 0x80 and a w whose bytes are all below 0x80 (NonASCII(w) == 0): no sum then
// carries from one byte into the next, so the flags are exact. For any other w they mean
// nothing; test [NonASCII] first, or call [AllInRange].
func InRange(w uint64, lo, hi byte) uint64 {
	return (w + ones*uint64(0x80-lo)) &^ (w + ones*uint64(0x7f-hi)) & highs
}

// AllInRange reports whether every byte of w is from lo to hi inclusive, for any w and
// lo ≤ hi < 0x80.
func AllInRange(w uint64, lo, hi byte) bool {
	return w&highs == 0 && InRange(w, lo, hi) == All
}

// First returns the index (0 to 7) of the lowest byte that flags flags, or 8 when none does.
func First(flags uint64) int { return bits.TrailingZeros64(flags) >> 3 }
