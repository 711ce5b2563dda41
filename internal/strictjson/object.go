package strictjson

import (
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Object is a handle on a JSON object being read, given to the function of [Decode] and
// returned by [Object.Object]. Next steps through the members in document order; for
// each, the caller reads the value once with one of Kind/Null, String, StringBytes, Int,
// Bool, Object, Array, Raw, Skip or Unknown. A member whose value the caller leaves unread
// is reported unknown_field when the reader moves on. A member whose name occurred before
// in the same object is reported duplicate_field and skipped: Next never yields it.
//
// The zero Object and an Object whose closing brace has been read are inert: Next reports
// false and every read fails without recording anything. After a syntax error every
// method is inert too, and Decode reports invalid_json alone.
type Object struct {
	r     *reader
	level int32
	id    uint32
}

// Next advances to the next member and reports whether there is one. It first finishes
// what the caller left of the current member (unknown_field if its value was not read)
// and of any object or array opened inside it.
func (o Object) Next() bool { return o.r.next(o) }

// Name returns the current member's decoded name. Invalid UTF-8 and lone surrogate
// escapes are kept as they are (see [Object.StringBytes]).
func (o Object) Name() string { return string(o.NameBytes()) }

// NameBytes returns the current member's decoded name without allocating, for a switch
// over known names. The bytes are valid until the next call of Next on this object and
// must not be modified.
func (o Object) NameBytes() []byte {
	if f := o.current(); f != nil && !f.array {
		return o.r.nameBytes(&f.name)
	}
	return nil
}

// Path returns the current member's place: the object's own and the member's name.
func (o Object) Path() report.Loc {
	if !o.r.live(o) || o.r.frames[o.level].state == stFirst {
		return report.Loc{}
	}
	return o.r.memberPath(o.level)
}

// Prefix returns the place of the object itself, to build the place of a member that is
// absent (o.Prefix().Member("min_amount")). It works after the loop over the members has
// ended too, until the reader moves past the member that holds the object.
func (o Object) Prefix() report.Loc {
	if o.r == nil || o.r.failed {
		return report.Loc{}
	}
	if o.r.live(o) {
		return o.r.prefix(o.level)
	}
	if o.level == 0 {
		return o.r.topPrefix
	}
	// Closed: its parent may still be on the member that held it.
	if p := int(o.level) - 1; p < len(o.r.frames) && o.r.frames[p].lastChild == o.id {
		return o.r.memberPath(int32(p))
	}
	return report.Loc{}
}

// Kind returns the kind of the current member's value without reading it, or KindNone
// when no value is waiting.
func (o Object) Kind() Kind { return o.r.kind(o) }

// Null reads the current member's value and reports true if it is null; otherwise it
// reads nothing and reports false. Document parsers use it for "null means absent".
func (o Object) Null() bool { return o.r.null(o) }

// Skip reads the current member's value and ignores it, recording nothing.
func (o Object) Skip() { o.r.skip(o) }

// Unknown records unknown_field at the current member's path and skips its value.
func (o Object) Unknown() {
	if f := o.r.pending(o, KindNone, ""); f != nil {
		o.r.add(f.memberPos, o.r.memberPath(o.level), billing.CodeUnknownField, msgUnknown)
		o.r.skip(o)
	}
}

// String reads the current member's value as a string. A value of another kind is
// recorded invalid_type at the member's path and skipped, and String reports false.
// See [Object.StringBytes] for what the string holds.
func (o Object) String() (string, bool) {
	b, ok := o.r.str(o)
	if !ok {
		return "", false
	}
	return string(b), true
}

// StringBytes is String without allocating. Escapes are decoded; invalid UTF-8 bytes are
// kept as they are, and a lone surrogate escape ("\ud800") becomes its three-byte form
// (ED A0 80), so the field's own rule sees invalid UTF-8 and reports its own code. A
// surrogate pair becomes its code point. The bytes are valid until the next read and must
// not be modified.
func (o Object) StringBytes() ([]byte, bool) { return o.r.str(o) }

// Int reads the current member's value as an integer in [lo, hi]. A value that is not a
// number, or a number with a fraction or an exponent (2000.0, 2e3), is recorded
// invalid_type; an integer outside [lo, hi], however many digits it has, out_of_range.
// Int reports false after recording either. "-0" is 0.
func (o Object) Int(lo, hi int64) (int64, bool) { return o.r.integer(o, lo, hi) }

// Bool reads the current member's value as true or false; any other value is recorded
// invalid_type and Bool reports false.
func (o Object) Bool() (value, ok bool) { return o.r.boolValue(o) }

// Object opens the current member's value as an object whose members' paths are under
// this member's path. A value of another kind is recorded invalid_type and skipped.
func (o Object) Object() (Object, bool) { return o.r.open(o, false) }

// Array opens the current member's value as an array. A value of another kind is
// recorded invalid_type and skipped.
func (o Object) Array() (Array, bool) {
	h, ok := o.r.open(o, true)
	return Array{h}, ok
}

// Raw reads the current member's value, checking only its syntax, and returns its bytes,
// a slice of the document (not to be modified). Duplicates inside it are not looked for:
// the caller parses it with its own Decode, as metadata.Decode does.
func (o Object) Raw() ([]byte, bool) { return o.r.raw(o) }

// Fail records a failure at the current member's path, in the member's place in the
// document order.
func (o Object) Fail(code billing.Code, message string) {
	if f := o.current(); f != nil {
		o.r.add(f.memberPos, o.r.memberPath(o.level), code, message)
	}
}

// FailErr records the failures held in err (a *billing.FieldError or billing.Errors, as a
// single-value parser returns) at the current member's path, whatever field they name,
// and reports whether there were any.
func (o Object) FailErr(err error) bool {
	f := o.current()
	if f == nil {
		return false
	}
	es := report.Errs(err)
	if len(es) > 0 {
		path := o.r.memberPath(o.level)
		for _, e := range es {
			o.r.add(f.memberPos, path, e.Code, e.Message)
		}
	}
	return len(es) > 0
}

// AddUnder records the failures held in err, reported by a parser of a value read on its
// own, under prefix (the place of that value), in the current member's place in the
// document order and in their own order:
//
//	md, err := metadata.Decode(raw, limits) // places "/metadata", "/metadata/<key>"
//	o.AddUnder(o.Prefix(), err)             // under the object that holds the member
//
// It reports whether err held any failure.
func (o Object) AddUnder(prefix report.Loc, err error) bool {
	f := o.current()
	if f == nil {
		return false
	}
	es := report.Errs(err)
	for _, e := range es {
		o.r.add(f.memberPos, prefix.Under(e), e.Code, e.Message)
	}
	return len(es) > 0
}

// AddAt records a failure at loc, placed in the document order where the reader stands:
// after everything read so far. A parser calls it after its loop for members that are
// absent, so that their failures follow those of the members present (and, for a nested
// object, come before the failures of the members after it).
// It works after the loop over the members has ended too, until Decode returns.
func (o Object) AddAt(loc report.Loc, code billing.Code, message string) {
	if o.r != nil && !o.r.failed {
		o.r.add(int32(o.r.pos), loc, code, message)
	}
}

// Failures returns how many paths have a failure recorded so far in the whole document. A
// reader of a nested object compares it before and after to learn whether the object
// held any failure.
func (o Object) Failures() int {
	if o.r == nil {
		return 0
	}
	return o.r.list.Len()
}

// Failed reports whether a failure has been recorded at loc.
func (o Object) Failed(loc report.Loc) bool {
	return o.r != nil && o.r.list.Has(loc)
}

// current returns the object's frame when it has a current member (read or not).
func (o Object) current() *frame {
	if o.r != nil && o.r.top == o.id { // the innermost container, open: the common case
		if f := &o.r.frames[len(o.r.frames)-1]; f.state != stFirst {
			return f
		}
		return nil
	}
	if !o.r.live(o) {
		return nil
	}
	f := &o.r.frames[o.level]
	if f.state == stFirst {
		return nil
	}
	return f
}

// Array is a handle on a JSON array being read. It works like [Object]: Next steps through
// the elements, and the caller reads each value once; elements left unread are skipped
// without a failure. An element's path is the array's path, a dot and its index from 0.
type Array struct{ h Object }

// Next advances to the next element and reports whether there is one.
func (a Array) Next() bool { return a.h.r.next(a.h) }

// Index returns the current element's index, from 0, or -1 when there is none.
func (a Array) Index() int {
	if !a.h.r.live(a.h) {
		return -1
	}
	return a.h.r.frames[a.h.level].index
}

// Path returns the current element's place.
func (a Array) Path() report.Loc {
	if !a.h.r.live(a.h) || a.h.r.frames[a.h.level].index < 0 {
		return report.Loc{}
	}
	return a.h.r.memberPath(a.h.level)
}

// Kind returns the kind of the current element without reading it.
func (a Array) Kind() Kind { return a.h.r.kind(a.h) }

// Null reads the current element if it is null and reports whether it was.
func (a Array) Null() bool { return a.h.r.null(a.h) }

// Skip reads the current element and ignores it.
func (a Array) Skip() { a.h.r.skip(a.h) }

// String reads the current element as a string, like [Object.String].
func (a Array) String() (string, bool) {
	b, ok := a.h.r.str(a.h)
	if !ok {
		return "", false
	}
	return string(b), true
}

// StringBytes reads the current element as a string without allocating, like [Object.StringBytes].
func (a Array) StringBytes() ([]byte, bool) { return a.h.r.str(a.h) }

// Int reads the current element as an integer in [lo, hi], like [Object.Int].
func (a Array) Int(lo, hi int64) (int64, bool) { return a.h.r.integer(a.h, lo, hi) }

// Bool reads the current element as true or false, like [Object.Bool].
func (a Array) Bool() (value, ok bool) { return a.h.r.boolValue(a.h) }

// Object opens the current element as an object, like [Object.Object].
func (a Array) Object() (Object, bool) { return a.h.r.open(a.h, false) }

// Array opens the current element as an array, like [Object.Array].
func (a Array) Array() (Array, bool) {
	h, ok := a.h.r.open(a.h, true)
	return Array{h}, ok
}

// Raw reads the current element and returns its bytes, like [Object.Raw].
func (a Array) Raw() ([]byte, bool) { return a.h.r.raw(a.h) }
