package metadata

import (
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/ascii"
)

// The rules of keys and values, written once for strings and for the byte slices the JSON
// reader hands over, so that parsing needs no conversion before a value is known valid.

// Messages of the entry rules. They never quote the key or the value.
const (
	msgKeyEmpty     = "a metadata key must not be empty"
	msgKeyUTF8      = "a metadata key must be valid UTF-8"
	msgKeyControl   = "a metadata key must not contain control characters"
	msgValueEmpty   = "must not be empty"
	msgValueUTF8    = "must be valid UTF-8"
	msgValueType    = "must be a string"
	msgValueTooLong = "must be at most "
	msgKeyTooLong   = "a metadata key must be at most "
)

// entryRule is what a key or a value is held to: the codes and messages of its failures,
// in their order of precedence (empty, then what countRunes refuses, then too long).
type entryRule struct {
	noControls          bool         // control characters are refused, with controlMsg
	emptyCode, badCode  billing.Code // empty; a control character or invalid UTF-8
	longCode            billing.Code // more than the limit's code points
	emptyMsg, utf8Msg   string
	controlMsg, longMsg string // longMsg is followed by the limit and " characters"
}

var (
	keyRule = entryRule{
		noControls: true,
		emptyCode:  billing.CodeInvalidKey, emptyMsg: msgKeyEmpty,
		badCode: billing.CodeInvalidKey, utf8Msg: msgKeyUTF8, controlMsg: msgKeyControl,
		longCode: billing.CodeKeyTooLong, longMsg: msgKeyTooLong,
	}
	valueRule = entryRule{
		emptyCode: billing.CodeRequired, emptyMsg: msgValueEmpty,
		badCode: billing.CodeInvalidCharacters, utf8Msg: msgValueUTF8,
		longCode: billing.CodeTooLong, longMsg: msgValueTooLong,
	}
)

// checkKey returns the code and message of the first rule key breaks, or "": empty,
// invalid UTF-8 or a control character (C0, DEL, C1) is invalid_key; more than max code
// points is key_too_long. The whole key is scanned, so invalid_key wins over key_too_long.
func checkKey[S ~string | ~[]byte](key S, max int) (billing.Code, string) {
	return checkEntry(&keyRule, key, max)
}

// checkValue returns the code and message of the first rule value breaks, or "": empty is
// required, invalid UTF-8 is invalid_characters, more than max code points too_long.
// Control characters are allowed.
func checkValue[S ~string | ~[]byte](value S, max int) (billing.Code, string) {
	return checkEntry(&valueRule, value, max)
}

// checkEntry returns the code and message of the first rule of r that s breaks, or "".
func checkEntry[S ~string | ~[]byte](r *entryRule, s S, max int) (billing.Code, string) {
	if len(s) == 0 {
		return r.emptyCode, r.emptyMsg
	}
	switch n, refused := countRunes(s, r.noControls); {
	case refused == refusedControl:
		return r.badCode, r.controlMsg
	case refused == refusedUTF8:
		return r.badCode, r.utf8Msg
	case n > max:
		return r.longCode, r.longMsg + strconv.Itoa(max) + " characters"
	}
	return "", ""
}

// What countRunes refuses.
const (
	refusedNone    = iota
	refusedControl // a control character: C0, DEL or C1
	refusedUTF8    // a byte that starts no valid UTF-8 sequence
)

// countRunes returns the number of code points of s, or the first thing in s it refuses:
// a byte that starts no valid UTF-8 sequence, and a control character (C0, DEL, C1) when
// noControls says so. It reads eight bytes at a time while they pass wordOK, and the last
// eight bytes, overlapping, when all before them passed (a string of four to seven bytes,
// its first and last four in one word); from the first word that does not
// pass, a byte or a code point at a time. The whole of s is read, so a refused character
// wins over the length.
func countRunes[S ~string | ~[]byte](s S, noControls bool) (n, refused int) {
	if len(s) >= 4 && len(s) < 8 && wordOK(ascii.LoadEnds(s), noControls) {
		return len(s), refusedNone // a short string whose every byte passed, in one word
	}
	i := 0
	for ; i+8 <= len(s) && wordOK(ascii.Load64(s, i), noControls); i += 8 {
	}
	if i+8 > len(s) && len(s) >= 8 && wordOK(ascii.Load64(s, len(s)-8), noControls) {
		return len(s), refusedNone // every word passed: every byte is a code point
	}
	for n = i; i < len(s); n++ { // each byte before i is a code point
		if c := s[i]; c < 0x80 {
			if noControls && (c < 0x20 || c == 0x7F) {
				return n, refusedControl
			}
			i++
			continue
		}
		c, size := decodeRune(s, i)
		switch {
		case c < 0:
			return n, refusedUTF8
		case noControls && c <= 0x9F:
			return n, refusedControl
		}
		i += size
	}
	return n, refusedNone
}

// wordOK reports whether the eight bytes of w are ASCII, and printable ASCII when
// noControls: bytes countRunes counts as a code point each without a look.
func wordOK(w uint64, noControls bool) bool {
	if noControls {
		return ascii.AllInRange(w, 0x20, 0x7E)
	}
	return ascii.NonASCII(w) == 0
}

// decodeRune decodes the UTF-8 sequence at s[i], which is not ASCII. It returns -1 and 1
// for a byte that does not start a valid sequence: a continuation byte, an overlong form, a
// surrogate (ED A0–BF), a code point past U+10FFFF, or a sequence cut short (the
// well-formed sequences of RFC 3629, section 4).
func decodeRune[S ~string | ~[]byte](s S, i int) (rune, int) {
	c0 := s[i]
	size := 4
	switch {
	case c0 < 0xC2 || c0 > 0xF4:
		return -1, 1
	case c0 < 0xE0:
		size = 2
	case c0 < 0xF0:
		size = 3
	}
	lo, hi := byte(0x80), byte(0xBF) // the range of the second byte
	switch c0 {
	case 0xE0:
		lo = 0xA0 // no overlong form
	case 0xED:
		hi = 0x9F // no surrogate
	case 0xF0:
		lo = 0x90 // no overlong form
	case 0xF4:
		hi = 0x8F // nothing past U+10FFFF
	}
	if len(s)-i < size || s[i+1] < lo || s[i+1] > hi {
		return -1, 1
	}
	r := rune(c0 & (0x7F >> size))
	for j := 1; j < size; j++ {
		c := s[i+j]
		if c < 0x80 || c > 0xBF {
			return -1, 1
		}
		r = r<<6 | rune(c&0x3F)
	}
	return r, size
}
