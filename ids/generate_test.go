package ids_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tallykit/billing/ids"
)

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

func TestNewIDsParse(t *testing.T) {
	for range 1000 {
		c := ids.NewCustomerID()
		require.Len(t, c.String(), 26)
		require.True(t, strings.HasPrefix(c.String(), "bcus_"))
		got, err := ids.ParseCustomerID(c.String())
		require.NoError(t, err)
		require.Equal(t, c, got)

		a := ids.NewAccountID()
		require.Len(t, a.String(), 26)
		require.True(t, strings.HasPrefix(a.String(), "bacc_"))
		gotA, err := ids.ParseAccountID(a.String())
		require.NoError(t, err)
		require.Equal(t, a, gotA)
	}
}

func TestNewIDAllocatesOnce(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector adds an allocation in crypto/rand")
	}
	assert.Equal(t, 1.0, testing.AllocsPerRun(200, func() { _ = ids.NewCustomerID() }))
	assert.Equal(t, 1.0, testing.AllocsPerRun(200, func() { _ = ids.NewAccountID() }))
}

func TestNewIDsAreUnique(t *testing.T) {
	const n = 100_000
	seen := make(map[ids.CustomerID]struct{}, n)
	for range n {
		id := ids.NewCustomerID()
		_, dup := seen[id]
		require.False(t, dup, "duplicate %s", id)
		seen[id] = struct{}{}
	}
}

// chiSquare returns Pearson's statistic of counts against a uniform expectation.
func chiSquare(counts []int) float64 {
	total := 0
	for _, c := range counts {
		total += c
	}
	want := float64(total) / float64(len(counts))
	var x float64
	for _, c := range counts {
		d := float64(c) - want
		x += d * d / want
	}
	return x
}

// chiLimit is the statistic no uniform source reaches in practice with 61 degrees of
// freedom (mean 61, standard deviation 11): P(χ² > 175) is about 10^-12, so the test
// cannot flake, yet a modulo bias of 1/62 per character is far above it (see
// TestChiSquareCatchesBias).
const chiLimit = 175

// digitCounts generates n IDs with gen and counts each character, overall and per position.
func digitCounts(t *testing.T, n int, gen func() string) (all []int, perPos [][]int) {
	t.Helper()
	all = make([]int, 62)
	perPos = make([][]int, 21)
	for i := range perPos {
		perPos[i] = make([]int, 62)
	}
	var index [256]int
	for i := range index {
		index[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		index[alphabet[i]] = i
	}
	for range n {
		s := gen()
		for i := 0; i < 21; i++ {
			d := index[s[len(s)-21+i]]
			if d < 0 {
				t.Fatalf("%q is not base62", s)
			}
			all[d]++
			perPos[i][d]++
		}
	}
	return all, perPos
}

func TestNewIDDistribution(t *testing.T) {
	n := 200_000
	if testing.Short() {
		n = 50_000
	}
	all, perPos := digitCounts(t, n, func() string { return ids.NewCustomerID().String() })
	assert.Less(t, chiSquare(all), float64(chiLimit), "all positions: %v", all)
	t.Logf("all positions: χ² = %.1f", chiSquare(all))
	for i, counts := range perPos {
		assert.Less(t, chiSquare(counts), float64(chiLimit), "position %d: %v", i, counts)
	}
}

// TestChiSquareCatchesBias shows that TestNewIDDistribution would see the usual mistakes:
// a byte taken modulo 62 without rejection, and a first character from 441 values modulo 62.
func TestChiSquareCatchesBias(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	byteModulo := func() string {
		var b [21]byte
		for i := range b {
			b[i] = alphabet[r.Uint32()%256%62]
		}
		return string(b[:])
	}
	all, _ := digitCounts(t, 200_000, byteModulo)
	assert.Greater(t, chiSquare(all), float64(chiLimit))
	t.Logf("byte modulo 62: χ² = %.0f", chiSquare(all))

	firstModulo := func() string {
		var b [21]byte
		b[0] = alphabet[r.IntN(441)%62]
		for i := 1; i < len(b); i++ {
			b[i] = alphabet[r.IntN(62)]
		}
		return string(b[:])
	}
	_, perPos := digitCounts(t, 200_000, firstModulo)
	assert.Greater(t, chiSquare(perPos[0]), float64(chiLimit))
	t.Logf("first character from 441 modulo 62: χ² = %.0f", chiSquare(perPos[0]))

	fair := func() string {
		var b [21]byte
		for i := range b {
			b[i] = alphabet[r.IntN(62)]
		}
		return string(b[:])
	}
	all, perPos = digitCounts(t, 200_000, fair)
	assert.Less(t, chiSquare(all), float64(chiLimit))
	assert.Less(t, chiSquare(perPos[0]), float64(chiLimit))
}
