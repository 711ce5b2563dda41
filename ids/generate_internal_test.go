package ids

import (
	"encoding/binary"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// encodeRandomRef is the plain statement of encodeRandom with math/big: the same rejection
// rules, and the digits from big.Int's own base-62 conversion.
func encodeRandomRef(w0, w1 uint64) (string, bool) {
	p10 := new(big.Int).Exp(big.NewInt(62), big.NewInt(10), nil)
	limit := new(big.Int).Mul(big.NewInt(21), p10)
	b0, b1 := new(big.Int).SetUint64(w0), new(big.Int).SetUint64(w1)
	if b0.Cmp(limit) >= 0 || b1.Cmp(limit) >= 0 {
		return "", false
	}
	q0, r0 := new(big.Int).QuoRem(b0, p10, new(big.Int))
	q1, r1 := new(big.Int).QuoRem(b1, p10, new(big.Int))
	top := new(big.Int).Add(new(big.Int).Mul(q0, big.NewInt(21)), q1)
	if top.Cmp(big.NewInt(434)) >= 0 {
		return "", false
	}
	top.Mod(top, big.NewInt(62))
	// n = top·62^20 + r0·62^10 + r1
	n := new(big.Int).Mul(top, new(big.Int).Mul(p10, p10))
	n.Add(n, new(big.Int).Mul(r0, p10))
	n.Add(n, r1)
	s := n.Text(62)
	return strings.Repeat("0", randomLen-len(s)) + s, true
}

func checkEncodeRandom(t *testing.T, w0, w1 uint64) {
	t.Helper()
	var dst [randomLen]byte
	ok := encodeRandom(&dst, w0, w1)
	want, wantOK := encodeRandomRef(w0, w1)
	require.Equal(t, wantOK, ok, "w0=%d w1=%d", w0, w1)
	if ok {
		require.Equal(t, want, string(dst[:]), "w0=%d w1=%d", w0, w1)
	} else {
		require.Equal(t, [randomLen]byte{}, dst, "a rejected draw must leave dst unchanged")
	}
}

func TestEncodeRandomBoundaries(t *testing.T) {
	edges := []uint64{0, 1, 61, 62, pow5 - 1, pow5, pow10 - 1, pow10, 2*pow10 - 1,
		20*pow10 - 1, 20 * pow10, wordLimit - 1, wordLimit, wordLimit + 1, math.MaxUint64}
	for _, w0 := range edges {
		for _, w1 := range edges {
			checkEncodeRandom(t, w0, w1)
		}
	}
	// The first character: t = 21·q0 + q1 is accepted below 434 only.
	var dst [randomLen]byte
	assert.True(t, encodeRandom(&dst, 20*pow10, 13*pow10))  // t = 433
	assert.False(t, encodeRandom(&dst, 20*pow10, 14*pow10)) // t = 434
	assert.True(t, encodeRandom(&dst, 0, 0))
	assert.Equal(t, strings.Repeat("0", randomLen), string(dst[:]))
	assert.True(t, encodeRandom(&dst, wordLimit-1-pow10, wordLimit-1-8*pow10)) // t = 19·21+12 = 411
	assert.Equal(t, "DZZZZZZZZZZZZZZZZZZZZ", string(dst[:]))
}

func TestEncodeRandomMatchesBigInt(t *testing.T) {
	// A deterministic walk over the whole range; FuzzEncodeRandom explores further.
	w0, w1 := uint64(1), uint64(7)
	for range 20_000 {
		checkEncodeRandom(t, w0, w1)
		w0 = w0*6364136223846793005 + 1442695040888963407
		w1 = w1*6364136223846793005 + 1
	}
}

func TestAcceptanceRate(t *testing.T) {
	// (21·62^10/2^64)² · 434/441 ≈ 0.898: the draw is repeated about one time in ten.
	p := float64(wordLimit) / math.Exp2(64)
	assert.InDelta(t, 0.898, p*p*434/441, 0.001)
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
