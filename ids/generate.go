package ids

import (
	"crypto/rand"
	"encoding/binary"
)

// randomLen is the number of random base62 characters after the prefix of a new ID.
const randomLen = 21

// base62 is the alphabet of new IDs: digit d of a base-62 number is base62[d], the order
// math/big uses for base 62.
const base62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// A new ID is 21 uniform base62 digits made from 128 random bits (w0, w1), with rejection
// sampling so that no digit is more likely than another:
//
//   - each word must be below 21·62^10 (the largest multiple of 62^10 under 2^64), so that
//     w mod 62^10 is uniform (ten digits) and ⌊w / 62^10⌋ is uniform in [0, 21) and
//     independent of it;
//   - the two quotients make t = 21·q0 + q1, uniform in [0, 441); t must be below 434 = 7·62,
//     so that t mod 62 is a uniform first digit.
//
// All three tests pass with probability (21·62^10/2^64)²·434/441 ≈ 0.898; otherwise all 128
// bits are drawn again. 21 base62 digits carry 125 bits, so 16 random bytes is the least any
// unbiased method can read.
const (
	pow5      = 916132832          // 62^5
	pow10     = 839299365868340224 // 62^10
	wordLimit = 21 * pow10
	topLimit  = 7 * 62
)

// NewCustomerID returns a new random customer ID: "bcus_" followed by 21 base62 characters
// from crypto/rand, each of the 62 equally likely (about 125 bits of randomness), like
// bcus_H4jp6KnU5cPw263v1jyz4. It allocates once, for the ID's string.
func NewCustomerID() CustomerID { return CustomerID{cus: newID(CustomerIDPrefix)} }

// NewAccountID returns a new random account ID: "bacc_" followed by 21 base62 characters
// from crypto/rand, made as [NewCustomerID] makes them.
func NewAccountID() AccountID { return AccountID{acc: newID(AccountIDPrefix)} }

func newID(prefix string) string {
	var b [len(CustomerIDPrefix) + randomLen]byte
	copy(b[:], prefix)
	var r [16]byte
	for {
		// crypto/rand.Read never fails: it fills r or stops the program.
		_, _ = rand.Read(r[:])
		if encodeRandom((*[randomLen]byte)(b[len(CustomerIDPrefix):]), binary.LittleEndian.Uint64(r[:8]), binary.LittleEndian.Uint64(r[8:])) {
			return string(b[:])
		}
	}
}

// encodeRandom writes to dst the 21 base62 digits of
//
//	((21·⌊w0/62^10⌋ + ⌊w1/62^10⌋) mod 62)·62^20 + (w0 mod 62^10)·62^10 + (w1 mod 62^10)
//
// and reports true, or reports false, leaving dst unchanged, when (w0, w1) is rejected.
func encodeRandom(dst *[randomLen]byte, w0, w1 uint64) bool {
	if w0 >= wordLimit || w1 >= wordLimit {
		return false
	}
	top := w0/pow10*21 + w1/pow10
	if top >= topLimit {
		return false
	}
	dst[0] = base62[top%62]
	putDigits(dst, w0%pow10, w1%pow10)
	return true
}

// putDigits writes the ten base62 digits of c0 < 62^10 to dst[1:11] and those of
// c1 < 62^10 to dst[11:21], most significant first. Each is split into two halves of five
// digits (below 2^30), and the four halves are divided by 62 side by side, so that the
// processor can overlap the four chains of divisions.
func putDigits(dst *[randomLen]byte, c0, c1 uint64) {
	a, b := uint32(c0/pow5), uint32(c0%pow5)
	c, d := uint32(c1/pow5), uint32(c1%pow5)
	for i := 5; i >= 1; i-- {
		qa, qb, qc, qd := a/62, b/62, c/62, d/62
		dst[i] = base62[a-qa*62]
		dst[i+5] = base62[b-qb*62]
		dst[i+10] = base62[c-qc*62]
		dst[i+15] = base62[d-qd*62]
		a, b, c, d = qa, qb, qc, qd
	}
}
