package ids

import "github.com/tallykit/billing/internal/ascii"

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

// valid reports whether s is 1 to MaxLength characters of the set.
func (cs *charSet) valid(s string) bool { return len(s) <= MaxLength && len(s) > 0 && cs.match(s) }

// match reports whether every byte of s is in the set, eight bytes at a time.
func (cs *charSet) match(s string) bool {
	n := len(s)
	if n < 8 {
		return cs.matchSlow(s)
	}
	for i := 0; i < n-8; i += 8 {
		if !cs.word(ascii.Load64(s, i)) {
			return false
		}
	}
	// The last eight bytes, overlapping the previous word when n is not a multiple of eight.
	return cs.word(ascii.Load64(s, n-8))
}

// word reports whether all eight bytes of w are in the set. The flags it joins are exact
// ones, so that together they flag every byte exactly when each byte is in the set.
func (cs *charSet) word(w uint64) bool {
	if ascii.NonASCII(w) != 0 {
		return false
	}
	f := alnumFlags(w)
	if cs.dash {
		f |= ascii.InRange(w, '-', '-')
	}
	if cs.underscore {
		f |= ascii.InRange(w, '_', '_')
	}
	return f == ascii.All
}

// alnumFlags returns the exact flags of the ASCII letters and digits of w, whose bytes are
// all below 0x80. Setting bit 0x20 of each byte folds upper-case letters onto lower-case
// ones and maps no other byte into 'a'…'z'.
func alnumFlags(w uint64) uint64 {
	return ascii.InRange(w, '0', '9') | ascii.InRange(w|ascii.Repeat(0x20), 'a', 'z')
}

// alnumWord reports whether all eight bytes of w are ASCII letters or digits.
func alnumWord(w uint64) bool {
	return ascii.NonASCII(w) == 0 && alnumFlags(w) == ascii.All
}
