package strictjson

// Fast reads the form that nearly every request takes, at a fraction of the cost of
// [Decode]: objects whose member names and string values hold no escape, and values that
// are strings, null, booleans, integers (no fraction, no exponent) or such objects. It checks the
// syntax of what it reads as Decode does and hands strings out as slices of the input.
//
// A Fast records no failure. At anything else (a syntax error, an escape or a control
// character in a string, a value of another kind or form, an integer out of the caller's
// range, a document over [FastMaxSize]) it stops: every later read reports false, and
// [Fast.Stopped] reports true. Nor does it look for members given twice: its caller does,
// among the names it knows, and gives up on any other name. A caller that reads a whole
// document this way, with nothing refused by its own rules and [Fast.End] true at the end,
// has read what Decode would have read without a failure. In every other case it reads
// the document again with Decode, which finds and reports every failure:
//
//	var f strictjson.Fast
//	ok := f.Begin(data)
//	for ok {
//		name, more := f.Next()
//		if !more {
//			break
//		}
//		ok = readMember(&f, name) // its value read once, and its rule passed
//	}
//	if !ok || !f.End() {
//		return decodeStrictly(data) // the failures, in document order, with their places
//	}
//
// A Fast holds no state beyond its position: nesting is the caller's, who opens a
// member's object with [Fast.Object] and reads its members with Next until Next reports
// false at its closing brace.
type Fast struct {
	data    []byte
	pos     int
	depth   int  // objects open
	first   bool // the innermost object has no member read yet
	stopped bool
}

// FastMaxSize is the longest document a Fast reads (64 KiB): more than any valid document
// of the library takes unless padded with white space. A longer one, valid or hostile, goes
// straight to Decode, so that the fast path never doubles the work of a large input.
const FastMaxSize = 64 << 10

// Begin makes f read data: it stands inside the top-level object of data and reports true,
// or it stops and reports false when data is longer than FastMaxSize or does not start,
// after white space, with an object. (A method rather than a constructor: a Fast stays
// where its caller declares it, never copied.)
func (f *Fast) Begin(data []byte) bool {
	*f = Fast{data: data, pos: skipSpace(data, 0)}
	if len(data) > FastMaxSize {
		return f.stop()
	}
	return f.Object()
}

// Stopped reports whether f has stopped at something it does not read.
func (f *Fast) Stopped() bool { return f.stopped }

// Stop stops f, for a caller that meets what it leaves to Decode (a name it does not know),
// and returns false.
func (f *Fast) Stop() bool { return f.stop() }

// stop stops f and returns false.
func (f *Fast) stop() bool {
	f.stopped = true
	f.pos = len(f.data) // every later read finds the end of the data
	return false
}

// End reports whether f read the whole document: it has not stopped, the top-level object
// is closed, and nothing but white space follows it.
func (f *Fast) End() bool {
	return !f.stopped && f.depth == 0 && skipSpace(f.data, f.pos) == len(f.data)
}

// Next moves to the next member of the innermost open object and returns its name, or
// reads the object's closing brace and reports false (false too when f stops). The caller
// reads the member's value, once, before calling Next again.
func (f *Fast) Next() ([]byte, bool) {
	if !f.next() {
		return nil, false
	}
	name, ok := f.String()
	return name, ok && f.colon()
}

// NextName is Next for a caller that knows every name it accepts: it moves to the next
// member and returns the data from the first byte of the member's name on, unread, for
// the caller to match against its names; [Fast.Name] then reads the name it matched.
// This spares a scan of the name: a name the caller knows is found by comparing bytes.
func (f *Fast) NextName() ([]byte, bool) {
	if !f.next() {
		return nil, false
	}
	return f.data[f.pos+1:], true
}

// Name reads the name of the member NextName moved to, which the caller found to be the
// first n bytes NextName returned, followed by the closing quote (a name the caller knows
// holds no quote, backslash or control character, so those bytes are the whole name).
func (f *Fast) Name(n int) bool {
	f.pos += n + 2
	return f.colon()
}

// next moves past white space and the comma to the opening quote of the innermost open
// object's next member name, or reads the object's closing brace and reports false.
func (f *Fast) next() bool {
	d := f.data
	p := skipSpace(d, f.pos)
	if p >= len(d) {
		return f.stop()
	}
	if d[p] == '}' {
		f.pos, f.first = p+1, false // the object that held this one has a member
		f.depth--
		return false
	}
	if !f.first {
		if d[p] != ',' {
			return f.stop()
		}
		p = skipSpace(d, p+1)
	}
	f.first = false
	f.pos = p
	if p >= len(d) || d[p] != '"' {
		return f.stop()
	}
	return true
}

// colon reads the colon after a member's name, with the white space around it.
func (f *Fast) colon() bool {
	d := f.data
	if p := skipSpace(d, f.pos); p < len(d) && d[p] == ':' {
		f.pos = skipSpace(d, p+1)
		return true
	}
	return f.stop()
}

// Kind returns the kind of the value at f's position, KindNone at the end of the data.
func (f *Fast) Kind() Kind {
	if f.pos >= len(f.data) {
		return KindNone
	}
	return kindOf(f.data[f.pos])
}

// Null reads the value if it is null and reports whether it was; otherwise it reads
// nothing.
func (f *Fast) Null() bool {
	if len(f.data)-f.pos >= 4 && string(f.data[f.pos:f.pos+4]) == "null" {
		f.pos += 4
		return true
	}
	return false
}

// Bool reads true or false.
func (f *Fast) Bool() (value, ok bool) {
	rest := f.data[f.pos:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		f.pos += 4
		return true, true
	case len(rest) >= 5 && string(rest[:5]) == "false":
		f.pos += 5
		return false, true
	}
	return false, f.stop()
}

// String reads a string value without escapes and returns its bytes, a slice of the data
// (not to be modified).
func (f *Fast) String() ([]byte, bool) {
	d, p := f.data, f.pos
	if p < len(d) && d[p] == '"' {
		if q := plainRun(d, p+1); q < len(d) && d[q] == '"' {
			f.pos = q + 1
			return d[p+1 : q], true // its capacity runs to the data's end: see Offset
		}
	}
	return nil, f.stop()
}

// Offset returns where s starts in the data, for s a name or a string value that f
// returned: such a slice's capacity runs to the end of the data. A caller that keeps
// where its strings are, not the slices, keeps fewer bytes.
func (f *Fast) Offset(s []byte) int { return cap(f.data) - cap(s) }

// Int reads an integer value in [lo, hi], of at most 18 digits (lo and hi are within
// ±(10^18−1)). It reads the digits as it converts them: scanNumber and [parseInt] are the
// plain form, which FuzzFast holds it to through Decode.
func (f *Fast) Int(lo, hi int64) (int64, bool) {
	d, p := f.data, f.pos
	neg := p < len(d) && d[p] == '-'
	if neg {
		p++
	}
	start := p
	var u uint64
	for ; p < len(d) && isDigit(d[p]) && p-start < 19; p++ {
		u = u*10 + uint64(d[p]-'0')
	}
	switch n := p - start; {
	case n == 0 || n > 18 || n > 1 && d[start] == '0':
		return 0, f.stop() // no digit, too many, or a leading zero
	case p < len(d) && (d[p] == '.' || d[p] == 'e' || d[p] == 'E'):
		return 0, f.stop() // a fraction or an exponent
	}
	v := int64(u)
	if neg {
		v = -v
	}
	if v < lo || v > hi {
		return 0, f.stop()
	}
	f.pos = p
	return v, true
}

// Object opens an object value, whose members Next then reads.
func (f *Fast) Object() bool {
	if f.pos >= len(f.data) || f.data[f.pos] != '{' {
		return f.stop()
	}
	f.pos++
	f.depth++
	f.first = true
	return true
}

// Flat finds the end of an object value that holds no object, no array and no escape, and
// returns its bytes, a slice of the data (not to be modified), for a reader of its own: the
// one place where Fast does not check the syntax itself. The object ends at its first
// closing brace outside a string, which is its own end whenever the caller's reader finds
// the bytes to be such an object; at an opening bracket or brace, Flat stops.
func (f *Fast) Flat() ([]byte, bool) {
	d, start := f.data, f.pos
	if start >= len(d) || d[start] != '{' {
		return nil, f.stop()
	}
	for p := start + 1; p < len(d); p++ {
		switch d[p] {
		case '"':
			if p = plainRun(d, p+1); p >= len(d) || d[p] != '"' {
				return nil, f.stop()
			}
		case '}':
			f.pos = p + 1
			return d[start:f.pos:f.pos], true
		case '{', '[':
			return nil, f.stop()
		}
	}
	return nil, f.stop()
}

// skipSpace returns the index of the first byte from d[p] on that is not white space, or
// len(d).
func skipSpace(d []byte, p int) int {
	for p < len(d) && isSpace(d[p]) {
		p++
	}
	return p
}
