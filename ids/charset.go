package ids

// charSet is one of the ASCII character classes of the package's patterns: letters and
// digits, plus '-' and '_' when dash and underscore say so. lo and hi hold the same set as
// bits (bit c of lo for c < 64, bit c-64 of hi for 64 ≤ c < 128) for the byte-wise check.
type charSet struct {
	lo, hi           uint64
	dash, underscore bool
}

const (
	digitBits = (1<<10 - 1) << '0'
	upperBits = (1<<26 - 1) << ('A' - 64)
	lowerBits = (1<<26 - 1) << ('a' - 64)
)

var (
	// alnum is [A-Za-z0-9], the characters of an ID after its prefix and of an API key after its prefix.
	alnum = charSet{lo: digitBits, hi: upperBits | lowerBits}
	// refChars is [A-Za-z0-9_-], the characters of an external reference.
	refChars = charSet{lo: digitBits | 1<<'-', hi: upperBits | lowerBits | 1<<('_'-64), dash: true, underscore: true}
	// keyChars is [A-Za-z0-9-], the characters of an idempotency key.
	keyChars = charSet{lo: digitBits | 1<<'-', hi: upperBits | lowerBits, dash: true}
	// hexDigits is [0-9A-Fa-f], for the byte-wise check only (match does not know it).
	hexDigits = charSet{lo: digitBits, hi: (1<<6-1)<<('A'-64) | (1<<6-1)<<('a'-64)}
)

// has reports whether the byte c is in the set.
func (cs *charSet) has(c byte) bool {
	m := cs.lo
	if c >= 64 {
		m = cs.hi
	}
	return c < 128 && m>>(c&63)&1 != 0
}

// matchSlow reports whether every byte of s is in the set, one byte at a time. It is the
// plain form of match, which the tests hold it to.
func (cs *charSet) matchSlow(s string) bool {
	for i := 0; i < len(s); i++ {
		if !cs.has(s[i]) {
			return false
		}
	}
	return true
}

// match reports whether every byte of s is in the set, eight bytes at a time.
func (cs *charSet) match(s string) bool {
	n := len(s)
	if n < 8 {
		return cs.matchSlow(s)
	}
	for i := 0; i < n-8; i += 8 {
		if !cs.word(load64(s, i)) {
			return false
		}
	}
	// The last eight bytes, overlapping the previous word when n is not a multiple of eight.
	return cs.word(load64(s, n-8))
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// inRange returns, for each byte x of w, 0x80 in that byte when lo ≤ x ≤ hi and 0 otherwise.
// Every byte of w must be below 0x80, so that no sum carries into the next byte.
func inRange(w uint64, lo, hi byte) uint64 {
	return (w + ones*uint64(0x80-lo)) &^ (w + ones*uint64(0x7f-hi)) & highs
}

// word reports whether all eight bytes of w are in the set.
func (cs *charSet) word(w uint64) bool {
	if w&highs != 0 {
		return false
	}
	m := alnumBits(w)
	if cs.dash {
		m |= inRange(w, '-', '-')
	}
	if cs.underscore {
		m |= inRange(w, '_', '_')
	}
	return m == highs
}

// alnumBits returns, for each byte of w (all below 0x80), 0x80 in that byte when it is an
// ASCII letter or digit. w | 0x20 in each byte folds upper-case letters onto lower-case
// ones and maps no other byte into 'a'…'z'.
func alnumBits(w uint64) uint64 {
	return inRange(w, '0', '9') | inRange(w|ones*0x20, 'a', 'z')
}

// alnumWord reports whether all eight bytes of w are ASCII letters or digits.
func alnumWord(w uint64) bool {
	return w&highs == 0 && alnumBits(w) == highs
}

// load64 returns the eight bytes of s from i, the first in the low byte; the compiler makes
// it a single load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
