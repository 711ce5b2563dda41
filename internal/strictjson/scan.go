package strictjson

import (
	"bytes"

	"github.com/tallykit/billing/internal/ascii"
)

// This file holds the byte-level scanner: white space, literals, numbers, strings and
// skipping whole values. Every function here advances r.pos and reports a syntax error
// through r.fail; none allocates except appendUnescaped, which writes into a caller's buffer.

// isSpace reports whether c is JSON white space (RFC 8259: space, tab, line feed, carriage
// return). Every other byte but the control characters is above ' ', so it costs one
// comparison; the others, one test of a bit in a mask of the four.
func isSpace(c byte) bool {
	return c <= ' ' && (1<<' '|1<<'\t'|1<<'\n'|1<<'\r')>>c&1 != 0
}

// ws skips white space.
func (r *reader) ws() { r.pos = skipSpace(r.data, r.pos) }

// kindOf returns the kind of the value that starts with byte c, or KindNone when no value can.
func kindOf(c byte) Kind { return kinds[c] }

// kinds is kindOf as a table: one load instead of a chain of comparisons.
var kinds = [256]Kind{
	'"': KindString, '{': KindObject, '[': KindArray, 't': KindBool, 'f': KindBool, 'n': KindNull,
	'-': KindNumber, '0': KindNumber, '1': KindNumber, '2': KindNumber, '3': KindNumber,
	'4': KindNumber, '5': KindNumber, '6': KindNumber, '7': KindNumber, '8': KindNumber, '9': KindNumber,
}

// peek returns the kind of the value at r.pos, or KindNone at the end of the data.
func (r *reader) peek() Kind {
	if r.pos >= len(r.data) {
		return KindNone
	}
	return kindOf(r.data[r.pos])
}

// literal consumes lit at r.pos.
func (r *reader) literal(lit string) bool {
	if len(r.data)-r.pos >= len(lit) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return true
	}
	return r.fail(msgSyntax)
}

// boolean consumes true or false at r.pos.
func (r *reader) boolean() (bool, bool) {
	if r.pos < len(r.data) && r.data[r.pos] == 't' {
		return true, r.literal("true")
	}
	return false, r.literal("false")
}

// number is the shape of a number literal: where its integer digits are and whether
// a fraction or an exponent follows them.
type number struct {
	neg        bool
	digits     []byte // the integer part's digits, without the sign
	fractional bool   // a fraction or an exponent is present
}

// scanNumber consumes a number literal at r.pos:
// -? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?
// It takes time linear in the literal's length and never allocates.
func (r *reader) scanNumber() (number, bool) {
	var n number
	d := r.data
	p := r.pos
	if p < len(d) && d[p] == '-' {
		n.neg = true
		p++
	}
	start := p
	switch {
	case p < len(d) && d[p] == '0':
		p++
	case p < len(d) && d[p] >= '1' && d[p] <= '9':
		p, _ = digits(d, p+1)
	default:
		r.pos = p
		return n, r.fail(msgSyntax)
	}
	n.digits = d[start:p]
	ok := true
	if p < len(d) && d[p] == '.' {
		p, ok = digits(d, p+1)
		n.fractional = true
	}
	if ok && p < len(d) && (d[p] == 'e' || d[p] == 'E') {
		p++
		if p < len(d) && (d[p] == '+' || d[p] == '-') {
			p++
		}
		p, ok = digits(d, p)
		n.fractional = true
	}
	r.pos = p
	if !ok {
		return n, r.fail(msgSyntax)
	}
	return n, true
}

// digits returns the index of the first byte from d[p] on that is not a digit, or len(d),
// and whether there was at least one digit.
func digits(d []byte, p int) (end int, some bool) {
	end = p
	for end < len(d) && isDigit(d[end]) {
		end++
	}
	return end, end > p
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// scanString consumes a string literal at r.pos (which holds its opening quote) and returns
// the bytes between the quotes and whether any escape occurs in them. Control characters
// (U+0000–U+001F) must be escaped; bytes from 0x80 up pass as they are, valid UTF-8 or not.
func (r *reader) scanString() (content []byte, escaped bool, ok bool) {
	d := r.data
	start := r.pos + 1
	p := start
	for {
		p = plainRun(d, p)
		if p >= len(d) {
			r.pos = p
			return nil, false, r.fail(msgSyntax)
		}
		switch d[p] {
		case '"':
			r.pos = p + 1
			return d[start:p], escaped, true
		case '\\':
			escaped = true
			p++
			if p >= len(d) {
				r.pos = p
				return nil, false, r.fail(msgSyntax)
			}
			switch d[p] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p++
			case 'u':
				if len(d)-p < 5 || !isHex(d[p+1]) || !isHex(d[p+2]) || !isHex(d[p+3]) || !isHex(d[p+4]) {
					r.pos = p
					return nil, false, r.fail(msgEscape)
				}
				p += 5
			default:
				r.pos = p
				return nil, false, r.fail(msgEscape)
			}
		default: // a control character
			r.pos = p
			return nil, false, r.fail(msgControl)
		}
	}
}

// plainRun returns the index of the first byte from d[p] on that a string cannot hold as
// it is ('"', '\\' or a control character below 0x20), or len(d). It looks at eight bytes
// at a time. [plainRunBytewise] is the plain form, which the tests hold this one to.
func plainRun(d []byte, p int) int {
	for len(d)-p >= 8 {
		x := ascii.Load64(d, p)
		if h := ascii.Equal(x, '"') | ascii.Equal(x, '\\') | ascii.Below(x, 0x20); h.Any() {
			return p + h.First()
		}
		p += 8
	}
	return plainRunBytewise(d, p)
}

// plainRunBytewise is [plainRun] one byte at a time.
func plainRunBytewise(d []byte, p int) int {
	for p < len(d) && d[p] != '"' && d[p] != '\\' && d[p] >= 0x20 {
		p++
	}
	return p
}

// hex4 decodes four hexadecimal digits that scanString has already checked.
func hex4(b []byte) rune {
	var v rune
	for _, c := range b[:4] {
		v <<= 4
		switch {
		case c <= '9':
			v |= rune(c - '0')
		case c >= 'a':
			v |= rune(c - 'a' + 10)
		default:
			v |= rune(c - 'A' + 10)
		}
	}
	return v
}

// appendUnescaped appends the decoded form of s, the content of a string literal that
// scanString accepted, to dst. A surrogate pair becomes its code point; a lone surrogate
// becomes its three-byte generalised UTF-8 (WTF-8) form, which is not valid UTF-8, so the
// field rule that reads it sees invalid UTF-8 rather than a silent U+FFFD.
func appendUnescaped(dst, s []byte) []byte {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		switch s[1] {
		case 'u':
			c := hex4(s[2:])
			s = s[6:]
			if c >= 0xD800 && c < 0xDC00 && len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
				if lo := hex4(s[2:]); lo >= 0xDC00 && lo < 0xE000 {
					c = 0x10000 + (c-0xD800)<<10 + (lo - 0xDC00)
					s = s[6:]
				}
			}
			dst = appendWTF8(dst, c)
			continue
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		default: // '"', '\\', '/'
			dst = append(dst, s[1])
		}
		s = s[2:]
	}
	return dst
}

// appendWTF8 appends c in UTF-8, encoding a surrogate (U+D800–U+DFFF) like any other
// three-byte code point instead of replacing it (utf8.AppendRune would write U+FFFD).
func appendWTF8(dst []byte, c rune) []byte {
	switch {
	case c < 0x80:
		return append(dst, byte(c))
	case c < 0x800:
		return append(dst, 0xC0|byte(c>>6), 0x80|byte(c)&0x3F)
	case c < 0x10000:
		return append(dst, 0xE0|byte(c>>12), 0x80|byte(c>>6)&0x3F, 0x80|byte(c)&0x3F)
	default:
		return append(dst, 0xF0|byte(c>>18), 0x80|byte(c>>12)&0x3F, 0x80|byte(c>>6)&0x3F, 0x80|byte(c)&0x3F)
	}
}

// skipValue consumes one whole value at r.pos, checking its syntax, while depth containers
// are already open around it. It keeps its own nesting in a 64-bit stack (bit set: object),
// which MaxDepth ≤ 64 makes enough, so it allocates nothing and never recurses.
func (r *reader) skipValue(depth int) bool {
	var objects uint64 // bit i: the container at nesting i (0 = outermost opened here) is an object
	n := 0             // containers opened here and not yet closed
	d := r.data
value:
	if r.pos >= len(d) {
		return r.fail(msgSyntax)
	}
	switch c := d[r.pos]; c {
	case '{', '[':
		if depth+n+1 > MaxDepth {
			return r.fail(msgDepth)
		}
		r.pos++
		r.ws()
		if r.pos < len(d) && (c == '{' && d[r.pos] == '}' || c == '[' && d[r.pos] == ']') {
			r.pos++
			goto after
		}
		if c == '{' {
			objects |= 1 << n
		} else {
			objects &^= 1 << n
		}
		n++
		if c == '{' {
			goto member
		}
		r.ws()
		goto value
	case '"':
		if _, _, ok := r.scanString(); !ok {
			return false
		}
	case 't':
		if !r.literal("true") {
			return false
		}
	case 'f':
		if !r.literal("false") {
			return false
		}
	case 'n':
		if !r.literal("null") {
			return false
		}
	default:
		if kindOf(c) != KindNumber {
			return r.fail(msgSyntax)
		}
		if _, ok := r.scanNumber(); !ok {
			return false
		}
	}
after:
	if n == 0 {
		return true
	}
	r.ws()
	if r.pos >= len(d) {
		return r.fail(msgSyntax)
	}
	switch inObject := objects&(1<<(n-1)) != 0; {
	case d[r.pos] == ',':
		r.pos++
		r.ws()
		if inObject {
			goto member
		}
		goto value
	case inObject && d[r.pos] == '}', !inObject && d[r.pos] == ']':
		r.pos++
		n--
		goto after
	default:
		return r.fail(msgSyntax)
	}
member:
	// r.pos is at white space or the name of a member of an object opened here.
	r.ws()
	if r.pos >= len(d) || d[r.pos] != '"' {
		return r.fail(msgSyntax)
	}
	if _, _, ok := r.scanString(); !ok || !r.colon() {
		return false
	}
	goto value
}

// colon consumes the colon after a member's name, with the white space around it. The
// common forms, `":` and `": ` before the value, take no loop.
func (r *reader) colon() bool {
	d, p := r.data, r.pos
	if p < len(d) && d[p] == ':' {
		p++
		if p < len(d) && d[p] == ' ' {
			p++
		}
		if p < len(d) && d[p] > ' ' {
			r.pos = p
			return true
		}
		r.pos = p
		r.ws()
		return true
	}
	r.ws()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		return r.fail(msgSyntax)
	}
	r.pos++
	r.ws()
	return true
}
