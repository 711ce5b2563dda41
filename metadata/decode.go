package metadata

import (
	"slices"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Decode reads data, a JSON object of string values, and checks it against l. On failure
// it returns the zero Metadata and a billing.Errors holding every failure of the object,
// in document order:
//
//   - too_many_keys at "metadata" when the object has more than l.MaxKeys distinct keys,
//     first, while every entry is still checked;
//   - at "metadata.<key>", pointer "/metadata/<key>" ("metadata." and "/metadata/" for an
//     empty key), the first that applies: duplicate_field for a key given twice, the key
//     rules (invalid_key, key_too_long), invalid_type for a value that is not a string
//     (null included), then the value rules (required, invalid_characters, too_long), as
//     [Limits.Validate] states them;
//   - at "metadata", alone: invalid_type when data is well-formed JSON but not an object
//     (the literal null included), invalid_json when it is not well-formed, too_long over
//     1 MiB.
//
// A lone surrogate escape ("\ud800") counts as invalid UTF-8. The Metadata keeps copies of
// the keys and values, never data itself.
//
// A parser of a document that holds metadata as a member calls Decode on that member's
// value and re-homes the failures under the place of the object holding it, so that the
// pointer "/metadata/order_id" of a nested customer becomes "/customer/metadata/order_id".
func Decode(data []byte, l Limits) (Metadata, error) {
	if m, ok := decodeQuickly(data, l); ok {
		return m, nil
	}
	return decodeStrictly(data, l)
}

// decodeQuickly is Decode along the fast path (see [quickly]), for a document without a
// failure; it reports false for any other.
func decodeQuickly(data []byte, l Limits) (Metadata, bool) {
	var (
		spans [24]span
		small [256]byte
		keep  = keptIn(data, &spans, &small)
	)
	ok := quickly(data, l, false, func(key, value []byte, _ bool) bool {
		if len(keep.spans) == cap(keep.spans) {
			return false // more keys than the array holds: rare, left to the strict path
		}
		keep = keep.add(key, value, false)
		return true
	})
	if !ok || len(keep.spans) == 0 {
		return Metadata{}, ok
	}
	entries := collect(keep, setEntry)
	slices.SortFunc(entries, compareEntries)
	if repeats(entries, func(e entry) string { return e.key }) {
		return Metadata{}, false
	}
	return Metadata{entries: entries}, true
}

// decodeStrictly is Decode along the strict path, which reports every failure.
func decodeStrictly(data []byte, l Limits) (Metadata, error) {
	var (
		spans [24]span
		small [256]byte
		keep  = keptIn(data, &spans, &small)
		n     int // distinct keys
		bad   bool
	)
	err := strictjson.Decode(data, here, func(o strictjson.Object) {
		for o.Next() {
			n++
			if l.tooMany(n) {
				bad = true // the result is an error: keep checking, stop collecting
			}
			key, ok := l.readKey(o)
			if !ok {
				o.Skip()
				bad = true
				continue
			}
			value, ok := l.readValue(o)
			if !ok {
				bad = true
				continue
			}
			if !bad {
				keep = keep.add(key, value, false)
			}
		}
	})
	if err = l.failures(n, err, bad, "must be a JSON object of strings"); err != nil {
		return Metadata{}, err
	}
	if len(keep.spans) == 0 {
		return Metadata{}, nil
	}
	entries := collect(keep, setEntry)
	slices.SortFunc(entries, compareEntries)
	return Metadata{entries: entries}, nil
}

// setEntry sets e to key and value, for collect.
func setEntry(e *entry, key, value string, _ bool) { e.key, e.value = key, value }

// quickly reads data along strictjson's fast path (see strictjson.Fast), handing keep each
// entry, and reports whether it could: a document of at most l.MaxKeys keys set, each key
// and value valid under l, a patch's values null too (removed), and keep taking every
// entry. It does not look for keys given twice: its caller does, in what it collects. On
// false, the caller reads data again with strictjson.Decode, which reports every failure.
// (keep is a closure over the caller's kept, so that the arrays kept uses stay on the
// caller's stack and no kept is copied.)
func quickly(data []byte, l Limits, patch bool, keep func(key, value []byte, removed bool) bool) bool {
	var f strictjson.Fast
	if !f.Begin(data) {
		return false
	}
	set := 0
	for {
		key, more := f.Next()
		if !more {
			return f.End()
		}
		if c, _ := checkKey(key, l.MaxKeyLength); c != "" {
			return false
		}
		if patch && f.Null() {
			if !keep(key, nil, true) {
				return false
			}
			continue
		}
		value, isString := f.String()
		if set++; !isString || l.tooMany(set) {
			return false
		}
		if c, _ := checkValue(value, l.MaxValueLength); c != "" || !keep(key, value, false) {
			return false
		}
	}
}

// repeats reports whether two neighbours of sorted, a list sorted by key, have the same key.
func repeats[E any](sorted []E, key func(E) string) bool {
	for i := 1; i < len(sorted); i++ {
		if key(sorted[i]) == key(sorted[i-1]) {
			return true
		}
	}
	return false
}

// kept holds the keys and values a decoder keeps, decoded, one after the other in one
// buffer, with where each ends. A decoder declares the arrays of keptIn on its stack: a
// small document's entries never reach the heap until they are collected.
type kept struct {
	buf   []byte
	size  int // the document's length: decoded keys and values are never longer
	spans []span
}

// span locates a key and its value in kept's buffer: the key ends at keyEnd, where its
// value starts, and the value at valueEnd; valueEnd < 0 for a key a patch removes, which
// has no value.
type span struct{ keyEnd, valueEnd int32 }

// keptIn returns a kept for the entries of the document data, in spans and, when data is
// no longer than small, in small.
func keptIn(data []byte, spans *[24]span, small *[256]byte) kept {
	k := kept{size: len(data), spans: spans[:0]}
	if k.size <= len(small) {
		k.buf = small[:0]
	}
	return k
}

// add returns k keeping key with value too, or key as a removed key. A large document's
// buffer is made at its first entry kept, so that one whose every entry fails never makes
// it. (A value receiver and result, as append has: stored through a pointer, the stack
// arrays would move to the heap.)
func (k kept) add(key, value []byte, removed bool) kept {
	if k.buf == nil {
		k.buf = make([]byte, 0, k.size)
	}
	k.buf = append(k.buf, key...)
	sp := span{keyEnd: int32(len(k.buf)), valueEnd: -1}
	if !removed {
		k.buf = append(k.buf, value...)
		sp.valueEnd = int32(len(k.buf))
	}
	k.spans = append(k.spans, sp)
	return k
}

// collect returns one E for each entry k holds, set by set to its key, its value ("" for a
// removed key) and whether it is removed, all of them cut from one string: one allocation
// for every key and value, and one for the slice.
func collect[E any](k kept, set func(e *E, key, value string, removed bool)) []E {
	all := string(k.buf)
	out := make([]E, len(k.spans))
	start := int32(0)
	for i, s := range k.spans {
		key, value := all[start:s.keyEnd], ""
		start = s.keyEnd
		if s.valueEnd >= 0 {
			value, start = all[s.keyEnd:s.valueEnd], s.valueEnd
		}
		set(&out[i], key, value, s.valueEnd < 0)
	}
	return out
}

// failures returns the failures of a document read with n keys counted: err, the reader's,
// with too_many_keys first when n is over the limit (see withTooMany), or nil when there
// are none. bad says that the reader found an entry it refused; every such entry recorded
// a failure, so the failure of the whole document with the message what is a safeguard
// that never shows.
func (l Limits) failures(n int, err error, bad bool, what string) error {
	if err = l.withTooMany(n, err); err == nil && bad {
		err = here.Fail(billing.CodeInvalidType, what)
	}
	return err
}

// withTooMany returns the failures of a document of n distinct keys: err, the reader's,
// with too_many_keys first when n is over the limit, unless err is a failure of the whole
// document, which stands alone.
func (l Limits) withTooMany(n int, err error) error {
	if !l.tooMany(n) {
		return err
	}
	errs := report.Errs(err)
	if len(errs) > 0 && errs[0].Pointer == here.Pointer() {
		return err
	}
	out := make(billing.Errors, 0, len(errs)+1)
	out = append(out, here.Error(billing.CodeTooManyKeys, l.tooManyMessage(n)))
	return append(out, errs...)
}

// readKey returns the current member's name, checked against l's key rules; a name that
// breaks one is recorded as the member's failure, and its value left for the caller.
func (l Limits) readKey(o strictjson.Object) ([]byte, bool) {
	key := o.NameBytes()
	if c, msg := checkKey(key, l.MaxKeyLength); c != "" {
		o.Fail(c, msg)
		return nil, false
	}
	return key, true
}

// readValue reads the current member's value as a string, checked against l's value
// rules; a value of another type, or one that breaks a rule, is recorded as the member's
// failure.
func (l Limits) readValue(o strictjson.Object) ([]byte, bool) {
	value, ok := o.StringBytes()
	if !ok {
		return nil, false
	}
	if c, msg := checkValue(value, l.MaxValueLength); c != "" {
		o.Fail(c, msg)
		return nil, false
	}
	return value, true
}
