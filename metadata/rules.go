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
)

// checkKey returns the code and message of the first rule key breaks, or "": empty,
// invalid UTF-8 or a control character (C0, DEL, C1) is invalid_key; more than max code
// points is key_too_long. The whole key is scanned, so invalid_key wins over key_too_long.
func checkKey[S ~string | ~[]byte](key S, max int) (billing.Code, string) {
	if len(key) == 0 {
		return billing.CodeInvalidKey, msgKeyEmpty
	}
	n := 0
	i := 0
	for ; i+8 <= len(key); i += 8 { // eight printable ASCII bytes at a time
		if !ascii.AllInRange(ascii.Load64(key, i), 0x20, 0x7E) {
			break
		}
		n += 8
	}
	for i < len(key) {
		c := key[i]
		if c < 0x80 {
			if c < 0x20 || c == 0x7F {
				return billing.CodeInvalidKey, msgKeyControl
			}
			i++
			n++
			continue
		}
		r, size := decodeRune(key, i)
		if r < 0 {
			return billing.CodeInvalidKey, msgKeyUTF8
		}
		if r <= 0x9F {
			return billing.CodeInvalidKey, msgKeyControl
		}
		i += size
		n++
	}
	if n > max {
		return billing.CodeKeyTooLong, "a metadata key must be at most " + strconv.Itoa(max) + " characters"
	}
	return "", ""
}

// checkValue returns the code and message of the first rule value breaks, or "": empty is
// required, invalid UTF-8 is invalid_characters, more than max code points too_long.
func checkValue[S ~string | ~[]byte](value S, max int) (billing.Code, string) {
	if len(value) == 0 {
		return billing.CodeRequired, msgValueEmpty
	}
	n := 0
	i := 0
	for ; i+8 <= len(value); i += 8 { // eight ASCII bytes at a time
		if ascii.NonASCII(ascii.Load64(value, i)) != 0 {
			break
		}
		n += 8
	}
	for i < len(value) {
		if value[i] < 0x80 {
			i++
			n++
			continue
		}
		r, size := decodeRune(value, i)
		if r < 0 {
			return billing.CodeInvalidCharacters, msgValueUTF8
		}
		i += size
		n++
	}
	if n > max {
		return billing.CodeTooLong, msgValueTooLong + strconv.Itoa(max) + " characters"
	}
	return "", ""
}

// decodeRune decodes the UTF-8 sequence at s[i], which is not ASCII. It returns -1 and 1
// for a byte that does not start a valid sequence: a continuation byte, an overlong form, a
// surrogate (ED A0–BF), a code point past U+10FFFF, or a sequence cut short (the
// well-formed sequences of RFC 3629, section 4).
func decodeRune[S ~string | ~[]byte](s S, i int) (rune, int) {
	c0 := s[i]
	n := len(s) - i
	cont := func(j int, lo, hi byte) bool { return s[i+j] >= lo && s[i+j] <= hi }
	switch {
	case c0 < 0xC2:
		return -1, 1
	case c0 < 0xE0:
		if n < 2 || !cont(1, 0x80, 0xBF) {
			return -1, 1
		}
		return rune(c0&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case c0 < 0xF0:
		lo, hi := byte(0x80), byte(0xBF)
		switch c0 {
		case 0xE0:
			lo = 0xA0
		case 0xED:
			hi = 0x9F
		}
		if n < 3 || !cont(1, lo, hi) || !cont(2, 0x80, 0xBF) {
			return -1, 1
		}
		return rune(c0&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	case c0 < 0xF5:
		lo, hi := byte(0x80), byte(0xBF)
		switch c0 {
		case 0xF0:
			lo = 0x90
		case 0xF4:
			hi = 0x8F
		}
		if n < 4 || !cont(1, lo, hi) || !cont(2, 0x80, 0xBF) || !cont(3, 0x80, 0xBF) {
			return -1, 1
		}
		return rune(c0&0x07)<<18 | rune(s[i+1]&0x3F)<<12 | rune(s[i+2]&0x3F)<<6 | rune(s[i+3]&0x3F), 4
	}
	return -1, 1
}
