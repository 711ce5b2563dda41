package strictjson

// Fast reads the form that nearly every request takes, at a fraction of the cost of
// [Decode]: objects whose member names and string values hold no escape, and values that
// are strings, null, integers (no fraction, no exponent) or such objects. It checks the
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
//	f, ok := strictjson.NewFast(data)
//	for ok {
//		name, more := f.Next()
//		if !more {
//			break
//		}
//		switch string(name) { … } // each member's value read once, with its rule
//	}
//	if !ok || !f.End() || … {
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

// NewFast returns a Fast that stands inside the top-level object of data, and false when
// data is longer than FastMaxSize or does not start, after white space, with an object.
func NewFast(data []byte) (Fast, bool) {
	f := Fast{data: data, pos: skipSpace(data, 0)}
	if len(data) > FastMaxSize || !f.Object() {
		return f, f.stop()
	}
	return f, true
}

// Stopped reports whether f has stopped at something it does not read.
func (f *Fast) Stopped() bool { return f.stopped }

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
	d := f.data
	p := skipSpace(d, f.pos)
	if p >= len(d) {
		return nil, f.stop()
	}
	if d[p] == '}' {
		f.pos, f.first = p+1, false // the object that held this one has a member
		f.depth--
		return nil, false
	}
	if !f.first {
		if d[p] != ',' {
			return nil, f.stop()
		}
		p = skipSpace(d, p+1)
	}
	f.first = false
	name, p, ok := plainString(d, p)
	if !ok {
		return nil, f.stop()
	}
	if p = skipSpace(d, p); p >= len(d) || d[p] != ':' {
		return nil, f.stop()
	}
	f.pos = skipSpace(d, p+1)
	return name, true
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

// String reads a string value without escapes and returns its bytes, a slice of the data
// (not to be modified).
func (f *Fast) String() ([]byte, bool) {
	s, p, ok := plainString(f.data, f.pos)
	if !ok {
		return nil, f.stop()
	}
	f.pos = p
	return s, true
}

// Int reads an integer value in [lo, hi].
func (f *Fast) Int(lo, hi int64) (int64, bool) {
	n, end, ok := numberAt(f.data, f.pos)
	if !ok || n.fractional {
		return 0, f.stop()
	}
	v, ok := parseInt(n)
	if !ok || v < lo || v > hi {
		return 0, f.stop()
	}
	f.pos = end
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

// Flat reads an object value whose members' values are all strings or null, and returns
// its bytes, a slice of the data (not to be modified), for a reader of its own.
func (f *Fast) Flat() ([]byte, bool) {
	start := f.pos
	if !f.Object() {
		return nil, false
	}
	for {
		if _, more := f.Next(); !more {
			break
		}
		if !f.Null() {
			f.String()
		}
	}
	if f.stopped {
		return nil, false
	}
	return f.data[start:f.pos:f.pos], true
}

// skipSpace returns the index of the first byte from d[p] on that is not white space, or
// len(d).
func skipSpace(d []byte, p int) int {
	for p < len(d) && isSpace(d[p]) {
		p++
	}
	return p
}

// plainString reads the string literal at d[p] when it holds no escape and no control
// character, and returns its content and the index after its closing quote.
func plainString(d []byte, p int) (content []byte, end int, ok bool) {
	if p >= len(d) || d[p] != '"' {
		return nil, p, false
	}
	q := plainRun(d, p+1)
	if q >= len(d) || d[q] != '"' {
		return nil, p, false
	}
	return d[p+1 : q : q], q + 1, true
}
