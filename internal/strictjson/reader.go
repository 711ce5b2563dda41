package strictjson

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strconv"
	"sync"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// MaxSize is the largest document Decode reads, in bytes (1 MiB). A longer one fails
// with a single too_long before any parsing.
const MaxSize = 1 << 20

// MaxDepth is the deepest nesting of objects and arrays Decode accepts, the top-level
// object counting as 1. Deeper input fails as invalid_json (encoding/json, too, reports
// nesting past its own limit as a syntax error); no document of the library nests past 4.
const MaxDepth = 64

// MaxSafeInt is 2^53−1, the largest integer a JavaScript client round-trips exactly,
// and the bound of every integer field of the library.
const MaxSafeInt = 1<<53 - 1

// bigObject is the number of distinct member names up to which an object finds duplicates
// by comparing names one by one; past it, a hash table keeps a huge object linear.
const bigObject = 32

// Messages of the document-level failures. They name a position, never echo the input.
const (
	msgSyntax  = "is not well-formed JSON"
	msgControl = "is not well-formed JSON: a control character must be escaped inside a string"
	msgEscape  = "is not well-formed JSON: invalid escape in a string"
	msgDepth   = "is not accepted: objects and arrays nest deeper than 64 levels"
	msgTrail   = "is not well-formed JSON: data after the top-level value"
	msgUnknown = "is not a member of this object"
)

// Kind is the JSON type of a value, as its first byte tells.
type Kind uint8

// The kinds of JSON values. KindNone stands for no value: the end of the data, a byte
// that cannot start a value, or a reader that has stopped on a syntax error.
const (
	KindNone Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindObject
	KindArray
)

var kindNames = [...]string{"none", "null", "boolean", "number", "string", "object", "array"}

// String returns the kind's JSON name ("string", "object", …).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Frame states: what the next call on a container does.
const (
	stFirst   uint8 = iota // just opened: expect a member/element or the closing bracket
	stPending              // a value is waiting for the caller to read it
	stAfter                // the current value has been consumed: expect ',' or the closing bracket
)

// span is a member name: a slice of the input (no escapes) or of the arena (decoded),
// and where the member starts in the input. It is 16 bytes, copied in one move: an arena
// name has start = ^offset (negative), so that no flag field makes it bigger.
type span struct {
	start, end int32
	pos        int32
	tag        uint32 // length, first and last byte: most different names differ here
}

func tagOf(name []byte) uint32 {
	if len(name) == 0 {
		return 0
	}
	return uint32(len(name))<<16 | uint32(name[0])<<8 | uint32(name[len(name)-1])
}

// frame is one container the caller iterates.
type frame struct {
	id        uint32
	array     bool
	state     uint8
	prefixSet bool
	prefix    report.Loc // place of the container itself; computed lazily, see reader.prefix
	name      span       // current member's name (objects)
	index     int        // current element's index (arrays), -1 before the first
	memberPos int32      // where the current member or element starts in the input
	lastChild uint32     // id of the container opened on the current member, if any
	seenBase  int        // where this object's names start in reader.seen
	arenaBase int        // where this object's decoded names start in reader.arena
	table     []int32    // big objects: open-addressing hash set of indices into reader.seen, +1 (0 = empty)
	tags      uint64     // small objects: bit tagBit(s.tag) set for every name s seen
}

// tagBit is the bit of a name's tag in frame.tags: six bits of a multiplicative hash of
// the tag. A name whose bit is not set was not seen before, which is the common case and
// then needs no comparison with the names before it.
func tagBit(tag uint32) uint64 { return 1 << (tag * 0x9E3779B1 >> 26) }

// reader is the state of one Decode call.
type reader struct {
	data      []byte
	pos       int
	failed    bool
	why       string // message of the syntax error, once failed
	list      report.List
	failPos   []int32 // where the member of each path in list starts, in the list's order
	topPrefix report.Loc
	frames    []frame
	seen      []span // names of the open objects, each object's above the one that holds it
	arena     []byte // decoded names that had escapes, in the same stack discipline
	val       []byte // scratch for the string value being read
	lastID    uint32
	top       uint32 // id of the innermost open container; 0 when none is, or after a syntax error

	seed   maphash.Seed // random per reader, so that no input can be built to collide
	seeded bool

	frameBuf [4]frame
	seenBuf  [bigObject]span
}

// fail records a syntax error; the reader stops and Decode reports invalid_json alone.
// It returns false so that scanners can `return r.fail(…)`.
func (r *reader) fail(why string) bool {
	if !r.failed {
		r.failed = true
		r.why = why
		r.top = 0
	}
	return false
}

// Decode reads data, a JSON document whose top level must be an object, and calls fn
// with that object; fn reads the members it knows and marks the others (see [Object]).
// prefix is the place of the document itself: the zero Loc for a whole request; every
// place reported lies under it.
//
// Decode returns nil or a billing.Errors holding, in document order and at most one per
// path, the failures the reader found (duplicate_field, unknown_field, invalid_type,
// out_of_range) and those fn recorded. Failures of the whole document replace everything
// else, each alone at prefix: too_long when data is longer than [MaxSize] (fn is not
// called); invalid_json when data is not one well-formed JSON value with nothing but white
// space after it, including a leading byte order mark and nesting deeper than [MaxDepth];
// invalid_type when the top-level value is well-formed but not an object (fn is not called).
//
// After fn returns, Decode reads whatever fn left: members not read are unknown_field.
// fn must not keep the Object or anything it returned after fn returns.
func Decode(data []byte, prefix report.Loc, fn func(Object)) error {
	if len(data) > MaxSize {
		return single(prefix, billing.CodeTooLong, "the document must be at most 1 MiB (1048576 bytes)")
	}
	r := readers.Get().(*reader)
	defer r.release()
	r.data = data
	r.frames = r.frameBuf[:0]
	r.seen = r.seenBuf[:0]
	r.ws()
	if r.peek() != KindObject {
		if r.peek() != KindNone && r.skipValue(0) {
			r.ws()
			if r.pos == len(r.data) {
				return single(prefix, billing.CodeInvalidType, "must be a JSON object")
			}
			r.fail(msgTrail)
		}
		r.fail(msgSyntax)
		return r.invalid(prefix)
	}
	r.pos++
	top := r.push(false)
	r.frames[0].prefix, r.frames[0].prefixSet = prefix, true
	r.topPrefix = prefix
	if fn != nil {
		fn(top)
	}
	for len(r.frames) > 0 && !r.failed {
		r.drainTop()
	}
	if !r.failed {
		r.ws()
		if r.pos != len(r.data) {
			r.fail(msgTrail)
		}
	}
	if r.failed {
		return r.invalid(prefix)
	}
	return r.ordered()
}

// readers keeps readers between documents: a reader is about 1.4 KB, and allocating one
// per Decode was most of a document parse's memory (three per account request with a new
// customer). A pooled reader carries nothing from one document to the next (release
// clears it) but the counter that keeps its object handles unique.
var readers = sync.Pool{New: func() any { return new(reader) }}

// release clears r and returns it to the pool. Objects handed out for the document are
// dead from here on: their ids will not match any frame of a later document.
func (r *reader) release() {
	r.reset()
	readers.Put(r)
}

// reset clears everything of r but lastID. It clears field by field rather than
// assigning a zero reader: a whole-struct store of the 1.4 KB reader runs the garbage
// collector's bulk write barrier over every word of it whenever a collection is marking,
// which cost more than the rest of a small document's parse. The frames pop cleared are
// not cleared again.
func (r *reader) reset() {
	if len(r.frames) > 0 || cap(r.frames) != len(r.frameBuf) {
		// Frames left open by a syntax error, or left behind in frameBuf when a deep
		// document moved the stack to the heap.
		clear(r.frameBuf[:])
	}
	clear(r.seenBuf[:]) // no pointers: a plain memory clear
	r.data, r.pos, r.failed, r.why, r.top = nil, 0, false, "", 0
	r.list, r.failPos, r.topPrefix = report.List{}, nil, report.Loc{}
	r.frames, r.seen, r.arena, r.val = nil, nil, nil, nil
	r.seed, r.seeded = maphash.Seed{}, false
}

// add records a failure at path for the member that starts at pos. A path keeps the
// position of its first failure: a duplicate is reported with the position of the
// member's first occurrence, and the other failures of a member share its position.
func (r *reader) add(pos int32, loc report.Loc, code billing.Code, msg string) {
	if !r.list.Has(loc) {
		r.failPos = append(r.failPos, pos) // the list appends loc as its next entry
	}
	r.list.Add(loc, code, msg)
}

type keyedError struct {
	pos, seq int32
	err      *billing.FieldError
}

// ordered returns the failures sorted by the position of the member each belongs to;
// failures of one position keep the order they were recorded in.
func (r *reader) ordered() error {
	err := r.list.Err()
	errs, ok := err.(billing.Errors)
	if !ok || len(errs) < 2 {
		return err
	}
	keyed := make([]keyedError, len(errs))
	sorted := true
	for i, e := range errs {
		keyed[i] = keyedError{pos: r.failPos[i], seq: int32(i), err: e}
		sorted = sorted && (i == 0 || keyed[i-1].pos <= keyed[i].pos)
	}
	if sorted {
		return err
	}
	slices.SortFunc(keyed, func(a, b keyedError) int {
		if c := cmp.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	for i, k := range keyed {
		errs[i] = k.err
	}
	return err
}

func single(loc report.Loc, code billing.Code, msg string) error {
	return loc.Fail(code, msg)
}

func (r *reader) invalid(prefix report.Loc) error {
	return single(prefix, billing.CodeInvalidJSON, "the document "+r.why+" (at byte "+strconv.Itoa(r.pos)+")")
}

// push opens a container whose opening bracket has just been consumed.
func (r *reader) push(array bool) Object {
	r.lastID++
	r.frames = append(r.frames, frame{
		id: r.lastID, array: array, index: -1,
		seenBase: len(r.seen), arenaBase: len(r.arena),
	})
	r.top = r.lastID
	return Object{r: r, level: int32(len(r.frames) - 1), id: r.lastID}
}

// pop closes the innermost container, whose closing bracket has just been consumed.
func (r *reader) pop() {
	f := &r.frames[len(r.frames)-1]
	r.seen = r.seen[:f.seenBase]
	r.arena = r.arena[:f.arenaBase]
	*f = frame{}
	r.frames = r.frames[:len(r.frames)-1]
	r.top = 0
	if n := len(r.frames); n > 0 && !r.failed {
		r.top = r.frames[n-1].id
	}
}

// drainTop reads the rest of the innermost container as its caller left it.
func (r *reader) drainTop() {
	level := int32(len(r.frames) - 1)
	h := Object{r: r, level: level, id: r.frames[level].id}
	for r.next(h) {
	}
}

// live reports whether h's container is still open, without reading anything: the
// accessors that only look (Path, Name, Fail…) use it, so that calling them on an outer
// object from inside a nested loop does not close the nested object.
func (r *reader) live(h Object) bool {
	return r != nil && !r.failed && int(h.level) < len(r.frames) && r.frames[h.level].id == h.id
}

// enter makes h's container the innermost one, reading what the caller left of the
// containers inside it, and reports whether h can still be used. The common case, h's
// container already innermost, is inlined into the callers; enterNested does the rest.
func (r *reader) enter(h Object) bool {
	if r != nil && r.top == h.id {
		return true
	}
	return r.enterNested(h)
}

// enterNested is enter when h's container is not the innermost one: it drains the
// containers inside h's, if h's is still open.
func (r *reader) enterNested(h Object) bool {
	if r == nil || r.failed || int(h.level) >= len(r.frames) || r.frames[h.level].id != h.id {
		return false
	}
	for int(h.level) < len(r.frames)-1 && !r.failed {
		r.drainTop()
	}
	return !r.failed
}

// pending returns h's frame when its current value waits to be read and is of the kind
// want (any kind for KindNone). A value of another kind is recorded as invalid_type with
// the message wrong, and skipped.
func (r *reader) pending(h Object, want Kind, wrong string) *frame {
	if !r.enter(h) {
		return nil
	}
	f := &r.frames[h.level]
	if f.state != stPending {
		return nil
	}
	if want != KindNone && r.peek() != want {
		r.wrongType(h, f, wrong)
		return nil
	}
	return f
}

// next advances h's container to its next member or element, reading what the caller
// left of the current one first. It reports false at the closing bracket (the container
// is then closed), on a syntax error, or for a handle no longer usable.
func (r *reader) next(h Object) bool {
	if !r.enter(h) {
		return false
	}
	f := &r.frames[h.level]
	if f.state == stPending {
		if !f.array {
			r.add(f.memberPos, r.memberPath(h.level), billing.CodeUnknownField, msgUnknown)
		}
		r.skipValue(len(r.frames))
		f.state = stAfter
	}
	closer := byte('}')
	if f.array {
		closer = ']'
	}
	d := r.data
	for !r.failed {
		r.ws()
		if r.pos >= len(d) {
			return r.fail(msgSyntax)
		}
		if d[r.pos] == closer {
			r.pos++
			r.pop()
			return false
		}
		if f.state != stFirst {
			if d[r.pos] != ',' {
				return r.fail(msgSyntax)
			}
			r.pos++
			r.ws()
		}
		f.state = stAfter
		f.memberPos = int32(r.pos)
		f.lastChild = 0
		if f.array {
			if r.peek() == KindNone {
				return r.fail(msgSyntax)
			}
			f.index++
			f.state = stPending
			return true
		}
		if r.pos >= len(d) || d[r.pos] != '"' {
			return r.fail(msgSyntax)
		}
		if !r.readName(f) || !r.colon() {
			return false
		}
		if r.peek() == KindNone {
			return r.fail(msgSyntax)
		}
		if first, dup := r.seenBefore(f); dup {
			r.add(first, r.memberPath(h.level), billing.CodeDuplicateField, "is given more than once")
			if f.name.start < 0 { // decoded into the arena: give the room back
				r.arena = r.arena[:^f.name.start]
			}
			r.skipValue(len(r.frames))
			continue
		}
		f.state = stPending
		return true
	}
	return false
}

// readName reads the member name at r.pos into f.name.
func (r *reader) readName(f *frame) bool {
	start := r.pos + 1
	content, escaped, ok := r.scanString()
	if !ok {
		return false
	}
	if !escaped {
		f.name = span{start: int32(start), end: int32(start + len(content)), pos: int32(start - 1), tag: tagOf(content)}
		return true
	}
	a := len(r.arena)
	r.arena = appendUnescaped(r.arena, content)
	name := r.arena[a:]
	f.name = span{start: ^int32(a), end: int32(len(r.arena)), pos: int32(start - 1), tag: tagOf(name)}
	return true
}

func (r *reader) nameBytes(s *span) []byte {
	if s.start < 0 {
		return r.arena[^s.start:s.end:s.end]
	}
	return r.data[s.start:s.end:s.end]
}

// seenBefore reports whether f.name occurred earlier in the object, and where that first
// occurrence starts; it remembers the name if not.
// Up to bigObject names it compares them one by one; past that it keeps a hash table of
// the names, with a random seed, so the work stays linear in the number of names.
func (r *reader) seenBefore(f *frame) (int32, bool) {
	if f.table != nil {
		name := r.nameBytes(&f.name)
		h := maphash.Bytes(r.seed, name)
		mask := uint64(len(f.table) - 1)
		for i := h & mask; ; i = (i + 1) & mask {
			j := f.table[i]
			if j == 0 {
				break
			}
			if s := &r.seen[j-1]; string(r.nameBytes(s)) == string(name) {
				return s.pos, true
			}
		}
		r.seen = append(r.seen, f.name)
		n := len(r.seen) - f.seenBase
		if 2*n > len(f.table) {
			r.rehash(f, 2*len(f.table))
		} else {
			r.insert(f, h, int32(len(r.seen)))
		}
		return 0, false
	}
	if bit := tagBit(f.name.tag); f.tags&bit == 0 {
		f.tags |= bit
	} else {
		name := r.nameBytes(&f.name)
		seen := r.seen[f.seenBase:]
		for i := range seen {
			if s := &seen[i]; s.tag == f.name.tag && string(r.nameBytes(s)) == string(name) {
				return s.pos, true
			}
		}
	}
	r.seen = append(r.seen, f.name)
	if len(r.seen)-f.seenBase > bigObject {
		if !r.seeded {
			r.seed, r.seeded = maphash.MakeSeed(), true
		}
		r.rehash(f, 4*bigObject)
	}
	return 0, false
}

// rehash rebuilds f's table with size slots (a power of two) from the names in r.seen.
func (r *reader) rehash(f *frame, size int) {
	if len(f.table) != size {
		f.table = make([]int32, size)
	} else {
		clear(f.table)
	}
	for i := f.seenBase; i < len(r.seen); i++ {
		r.insert(f, maphash.Bytes(r.seed, r.nameBytes(&r.seen[i])), int32(i+1))
	}
}

// insert puts index j (of r.seen, +1) in f's table at hash h.
func (r *reader) insert(f *frame, h uint64, j int32) {
	mask := uint64(len(f.table) - 1)
	i := h & mask
	for f.table[i] != 0 {
		i = (i + 1) & mask
	}
	f.table[i] = j
}

// prefix returns the place of the container at level, building it on first use so that a
// valid document allocates no paths.
func (r *reader) prefix(level int32) report.Loc {
	f := &r.frames[level]
	if !f.prefixSet {
		f.prefix = r.memberPath(level - 1)
		f.prefixSet = true
	}
	return f.prefix
}

// memberPath returns the place of the current member or element of the container at level.
func (r *reader) memberPath(level int32) report.Loc {
	f := &r.frames[level]
	if f.array {
		return r.prefix(level).Member(strconv.Itoa(f.index))
	}
	return r.prefix(level).Member(string(r.nameBytes(&f.name)))
}

// str reads the pending string value: a slice of the input when it has no escapes, else
// the reader's scratch buffer.
func (r *reader) str(h Object) ([]byte, bool) {
	f := r.pending(h, KindString, "must be a string")
	if f == nil {
		return nil, false
	}
	content, escaped, ok := r.scanString()
	if !ok {
		return nil, false
	}
	f.state = stAfter
	if !escaped {
		return content[:len(content):len(content)], true
	}
	r.val = appendUnescaped(r.val[:0], content)
	return r.val[:len(r.val):len(r.val)], true
}

// wrongType records invalid_type at the pending value's path and skips it.
func (r *reader) wrongType(h Object, f *frame, msg string) {
	r.add(f.memberPos, r.memberPath(h.level), billing.CodeInvalidType, msg)
	r.skipValue(len(r.frames))
	f.state = stAfter
}

func (r *reader) integer(h Object, lo, hi int64) (int64, bool) {
	f := r.pending(h, KindNumber, "must be an integer")
	if f == nil {
		return 0, false
	}
	num, ok := r.scanNumber()
	if !ok {
		return 0, false
	}
	f.state = stAfter
	if num.fractional {
		r.add(f.memberPos, r.memberPath(h.level), billing.CodeInvalidType, "must be an integer, without a fraction or an exponent")
		return 0, false
	}
	v, ok := parseInt(num)
	if !ok || v < lo || v > hi {
		r.add(f.memberPos, r.memberPath(h.level), billing.CodeOutOfRange, rangeMessage(lo, hi))
		return 0, false
	}
	return v, true
}

// rangeMessage says which integers are allowed, in one allocation.
func rangeMessage(lo, hi int64) string {
	var buf [80]byte
	b := append(buf[:0], "must be an integer from "...)
	b = strconv.AppendInt(b, lo, 10)
	b = append(b, " to "...)
	b = strconv.AppendInt(b, hi, 10)
	return string(b)
}

// parseInt converts an integer literal's digits without floating point; it reports false
// when the value does not fit in an int64. A literal of any length costs at most 19 steps.
func parseInt(n number) (int64, bool) {
	if len(n.digits) > 19 { // JSON forbids leading zeros, so 20 digits are ≥ 10^19 > 2^63
		return 0, false
	}
	var u uint64
	for _, c := range n.digits {
		u = u*10 + uint64(c-'0') // 19 digits stay below 10^19 < 2^64
	}
	if n.neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true // u = 2^63 wraps to the minimum int64, which is its value
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}

func (r *reader) boolValue(h Object) (bool, bool) {
	f := r.pending(h, KindBool, "must be true or false")
	if f == nil {
		return false, false
	}
	v, ok := r.boolean()
	f.state = stAfter
	return v, ok
}

func (r *reader) open(h Object, array bool) (Object, bool) {
	want, msg := KindObject, "must be an object"
	if array {
		want, msg = KindArray, "must be an array"
	}
	f := r.pending(h, want, msg)
	if f == nil {
		return Object{}, false
	}
	if len(r.frames)+1 > MaxDepth {
		return Object{}, r.fail(msgDepth)
	}
	r.pos++
	f.state = stAfter
	h2 := r.push(array)
	r.frames[h.level].lastChild = h2.id
	return h2, true
}

func (r *reader) raw(h Object) ([]byte, bool) {
	f := r.pending(h, KindNone, "")
	if f == nil {
		return nil, false
	}
	start := r.pos
	if !r.skipValue(len(r.frames)) {
		return nil, false
	}
	f.state = stAfter
	return r.data[start:r.pos:r.pos], true
}

func (r *reader) skip(h Object) {
	if f := r.pending(h, KindNone, ""); f != nil {
		r.skipValue(len(r.frames))
		f.state = stAfter
	}
}

func (r *reader) null(h Object) bool {
	f := r.pending(h, KindNone, "")
	if f == nil || r.peek() != KindNull {
		return false
	}
	if !r.literal("null") {
		return false
	}
	f.state = stAfter
	return true
}

func (r *reader) kind(h Object) Kind {
	if r.pending(h, KindNone, "") == nil {
		return KindNone
	}
	return r.peek()
}
