package strictjson

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// plain has bit c&63 of word c>>6 set for each byte c that AppendString writes as it
// is, wherever it stands: every ASCII byte but the control characters, the quotation
// mark, the backslash, <, > and &. A byte from 0x80 on is part of a multi-byte rune,
// looked at as a rune. One test of a bit, without a branch on the byte's range, keeps the
// common case, a printable ASCII string, as fast as a writer that escapes less.
var plain = [4]uint64{
	^uint64(0) &^ (1<<0x20 - 1) &^ (1<<'"' | 1<<'&' | 1<<'<' | 1<<'>'), // 0x00–0x3F
	^uint64(0) &^ (1 << ('\\' - 64)),                                   // 0x40–0x7F
}

// shortEscape holds the letter of each two-character escape that encoding/json writes
// (\" \\ \b \f \n \r \t); an ASCII byte that needs escaping and has none here is written as
// \u00XX.
var shortEscape = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't'}

// AppendString appends s to b as a JSON string, escaped as encoding/json escapes it: the
// quotation mark and the backslash; the control characters U+0000–U+001F (as \b, \f, \n,
// \r, \t or \u00XX); and <, >, &, U+2028 and U+2029 (as \u003c, \u003e, \u0026, \u2028,
// \u2029), so that the JSON can sit inside HTML or a script. Everything else is written
// as it is, so a string of valid UTF-8 reads back, by any JSON reader, to exactly its
// bytes. A byte that is not part of valid UTF-8 (never in a value this module accepts) is
// written as \ufffd, so the output is always valid JSON, and always what json.Marshal
// writes for s.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c>>6]>>(c&63)&1 != 0 {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			if e := shortEscape[c]; e != 0 {
				b = append(b, '\\', e)
			} else {
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
