package entity

import (
	"math/bits"
	"strings"

	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// The fast path. Nearly every document a service receives is valid and written plainly:
// no escape in its strings, no member twice, nothing unknown. Such a document is read with
// strictjson.Fast, and its string members and metadata entries are checked by their rules
// only once the document is read, all cut from one string, so that the strings a document
// keeps cost one allocation instead of one each. At the first thing the fast path does not read, or that a
// rule refuses, it gives up, and the document is read again along the strict path
// (strictjson.Decode, [Read]), which reports every failure in its place. The fast path
// never decides a failure, so the two agree by construction wherever it succeeds; a fuzz
// test holds them to it.

// decodeQuickly reads data as the document d into v along the fast path and reports
// whether it could; on false, v holds part of what was read and is to be reset.
func decodeQuickly(data []byte, d Doc, v *Values) bool {
	var (
		f strictjson.Fast
		s kept
	)
	return f.Begin(data) && readQuickly(&f, d, v, &s, false) && f.End() && s.parse(data, d, v, nil)
}

// decodeUpdateQuickly is decodeQuickly for an update document.
func decodeUpdateQuickly(data []byte, d Doc, u *Update) bool {
	var (
		f strictjson.Fast
		s kept
	)
	if !f.Begin(data) {
		return false
	}
	given, removed, ok := readUpdateQuickly(&f, d, &u.Set, &s)
	u.Removed, u.MetaGiven = removed, given&^removed&updateBits[kMetadata] != 0
	var patch metadata.PatchBuilder
	up := updating{u: u, patch: &patch}
	return ok && f.End() && s.parse(data, d, &u.Set, &up)
}

// applyQuickly reads data as the update document d and applies it to *v, an object of the
// entity d changes, in place, along the fast path, and reports whether it could: what
// decodeUpdateQuickly and [Apply] do, in one pass, with no Update between them, for an
// update that reads and applies without a failure. before holds the members of *v an
// update can change, saved before the call; on false, *v is to be restored from it.
func applyQuickly(data []byte, d Doc, v *Values, before *changeable) bool {
	var (
		f strictjson.Fast
		s kept
	)
	if !f.Begin(data) {
		return false
	}
	was := priorOf(v) // read before v is written
	given, removed, ok := readUpdateQuickly(&f, d, v, &s)
	if !ok || !f.End() {
		return false
	}
	for r := removed; r != 0; r &= r - 1 {
		members[bits.TrailingZeros32(r)].clear(v)
	}
	var patch metadata.PatchBuilder
	up := updating{stored: before, patch: &patch}
	if !s.parse(data, d, v, &up) {
		return false
	}
	balance := updateBits[kBalance]
	code, _ := was.check(v, given&^removed&balance != 0, removed&balance != 0)
	return code == ""
}

// readQuickly reads the members of the object f has open as the document d into v, as
// [Read] would read them without a failure, keeping its string members and its metadata
// entries in s (as those of the document's new customer when nested).
func readQuickly(f *strictjson.Fast, d Doc, v *Values, s *kept, nested bool) bool {
	var (
		st   state
		seen uint32 // bit i: members[i] was present
	)
	for i, more := nextMember(f, d, &seen); more; i, more = nextMember(f, d, &seen) {
		m := &members[i]
		switch {
		case f.Null():
			if m.required&d != 0 {
				return false
			}
		case m.kind == kMetadata:
			if !readMetadataQuickly(f, i, s, nested, false) {
				return false
			}
			v.HasMeta = true
		case !readValueQuickly(f, i, v, &st, s, nested):
			return false
		}
	}
	return !f.Stopped() && requiredOfDoc[d&allDocs]&^seen == 0 && !st.missingCurrency()
}

// nextMember moves f to the next member of the object it has open and returns its
// position in the table, recording it in seen, or reports false at the object's end. At
// what the fast path leaves to the strict one (a name d does not define, or one with an
// escape, or a member given twice), it stops f and reports false.
func nextMember(f *strictjson.Fast, d Doc, seen *uint32) (int, bool) {
	rest, more := f.NextName()
	if !more {
		return 0, false
	}
	i := findQuoted(d, rest)
	if i < 0 || *seen&(1<<i) != 0 {
		return 0, f.Stop()
	}
	*seen |= 1 << i
	return i, f.Name(len(members[i].name))
}

// readUpdateQuickly reads the members of the object f has open as the update document d
// into v, as [ReadUpdate] would read them without a failure, keeping its string members in
// s. It returns the members given (bit i: members[i]), and those of them removed (null).
func readUpdateQuickly(f *strictjson.Fast, d Doc, v *Values, s *kept) (given, removed uint32, ok bool) {
	var st state
	for i, more := nextMember(f, d, &given); more; i, more = nextMember(f, d, &given) {
		switch {
		case f.Null():
			removed |= 1 << i
		case members[i].kind == kMetadata:
			if !readMetadataQuickly(f, i, s, false, true) {
				return 0, 0, false
			}
		case !readValueQuickly(f, i, v, &st, s, false):
			return 0, 0, false
		}
	}
	return given, removed, !f.Stopped()
}

// readMetadataQuickly reads the metadata member, members[i], keeping each entry's key and
// value in s (a key an update removes with null alone), to be checked with the metadata
// package's rules once the document is read.
func readMetadataQuickly(f *strictjson.Fast, i int, s *kept, nested, update bool) bool {
	if !f.Object() {
		return false
	}
	s.metaGiven = s.metaGiven || !nested
	for {
		key, more := f.Next()
		if !more {
			return !f.Stopped()
		}
		s.keys[b2i(nested)]++
		if update && f.Null() { // removes the key
			if !s.keep(f, i, key, nested) {
				return false
			}
			s.strings[s.n-1].removed = true
			s.removedKeys++
			continue
		}
		value, ok := f.String()
		if !ok || !s.keep(f, i, key, nested) || !s.keep(f, i, value, nested) {
			return false
		}
	}
}

// readValueQuickly reads the value of members[i], which is not null and not metadata,
// into v, or keeps it in s for a string member.
func readValueQuickly(f *strictjson.Fast, i int, v *Values, st *state, s *kept, nested bool) bool {
	switch m := &members[i]; m.kind {
	case kCurrency, kStoredCurrency:
		st.currencyGiven = true
		b, ok := f.String()
		if !ok {
			return false
		}
		var err error
		if m.kind == kCurrency { // called directly, not through a func value: string(b) is not allocated
			v.Currency, err = money.ParseCurrency(string(b))
		} else {
			v.Currency, err = money.ParseStoredCurrency(string(b))
		}
		return err == nil
	case kBalance:
		st.needCurrency = true
		var ok bool
		v.Balance, ok = f.Int(-money.MaxMinorUnits, money.MaxMinorUnits)
		v.HasBalance = ok
		return ok
	case kCustomer:
		return !nested && readCustomerQuickly(f, v, s)
	case kPaymentRules: // money's own reader, as along the strict path
		st.needCurrency = true
		raw, ok := f.Flat()
		if !ok {
			return false
		}
		r, err := money.DecodePaymentRules(raw)
		v.Rules = r
		return err == nil
	default: // a string member
		b, ok := f.String()
		return ok && s.keep(f, i, b, nested)
	}
}

// readCustomerQuickly reads an account request's customer member: an ID or an external
// reference, or a new customer's create request.
func readCustomerQuickly(f *strictjson.Fast, v *Values, s *kept) bool {
	if f.Kind() == strictjson.KindString {
		b, _ := f.String()
		r, err := ParseCustomerRef(string(b))
		v.Customer = r
		return err == nil
	}
	nc := new(Values)
	if !f.Object() || !readQuickly(f, CustomerCreate, nc, s, true) {
		return false
	}
	v.Customer = CustomerRef{Kind: RefNewCustomer, New: nc}
	return true
}

// kept holds the string members of a document the fast path reads and its metadata
// entries (a key and its value, one after the other), its new customer's too, to be
// checked once the whole document is read. (It names the customer's values by a flag, not
// a pointer: a pointer kept here would move the caller's values to the heap.)
type kept struct {
	n           int
	keys        [2]int // metadata keys: the document's, its new customer's
	removedKeys int    // metadata keys an update removes
	metaGiven   bool   // the document's metadata member is an object
	strings     [48]keptString
}

// keptString is where a string kept is, not a slice of it: a third of the bytes, which
// every document clears before it is read.
type keptString struct {
	start, end int32 // the string is the document's bytes [start:end]
	i          int8  // the member's position in the table
	nested     bool  // a member of the document's new customer
	removed    bool  // a metadata key an update removes, which has no value
}

func (k *keptString) len() int { return int(k.end - k.start) }

// keep keeps value, a string of members[i] that f returned, and reports false when s is
// full.
func (s *kept) keep(f *strictjson.Fast, i int, value []byte, nested bool) bool {
	if s.n == len(s.strings) {
		return false
	}
	k := &s.strings[s.n]
	k.start = int32(f.Offset(value))
	k.end, k.i, k.nested = k.start+int32(len(value)), int8(i), nested
	s.n++
	return true
}

// updating says where parse puts the metadata changes of an update document: in u.Meta, or,
// for an update applied in one pass, merged into stored's metadata, as [Apply] merges them.
// A create request or an object has none: its metadata entries go to metadata.Builders,
// and it clears no PatchBuilder. (The builder is the caller's, pointed to: held here, the
// strings it keeps would seem to escape with u, and the caller's update with them.)
type updating struct {
	u      *Update
	stored *changeable            // the stored object's, for an update applied in one pass
	patch  *metadata.PatchBuilder // the changes, as they are read
}

// parse checks the strings kept, each string member by its rule and the metadata entries by
// the metadata package's, and sets them in v, a document d, or in v's new customer: all of
// them cut from one string, made of their values one after the other. An update's
// metadata goes where up says (up is nil for any other document).
func (s *kept) parse(data []byte, d Doc, v *Values, up *updating) bool {
	size := 0
	for j := range s.strings[:s.n] {
		size += s.strings[j].len()
	}
	var b strings.Builder // written in place: one allocation, no copy
	b.Grow(size)
	for j := range s.strings[:s.n] {
		b.Write(data[s.strings[j].start:s.strings[j].end])
	}
	all := b.String()
	next := func(n int) string { // the next n bytes of all
		x := all[:n]
		all = all[n:]
		return x
	}
	var md, nestedMD metadata.Builder
	if up != nil {
		up.patch.Grow(s.keys[0])
	} else {
		md.Grow(s.keys[0])
		nestedMD.Grow(s.keys[1])
	}
	for j := 0; j < s.n; j++ {
		k := &s.strings[j]
		value := next(k.len())
		switch {
		case members[k.i].kind != kMetadata:
			target := v
			if k.nested {
				target = v.Customer.New
			}
			if members[k.i].parse(target, value) != nil {
				return false
			}
		case k.removed:
			up.patch.Remove(value)
		case up != nil: // a key, then its value
			j++
			up.patch.Set(value, next(s.strings[j].len()))
		default:
			j++
			to := &md
			if k.nested {
				to = &nestedMD
			}
			to.Add(value, next(s.strings[j].len()))
		}
	}
	switch {
	case up == nil:
	case up.u != nil:
		if !up.u.MetaGiven {
			return true
		}
		p, err := up.patch.Build(d.Limits())
		up.u.Meta = p
		return err == nil
	default:
		return !s.metaGiven || s.apply(up.patch, d, v, up.stored)
	}
	return build(&md, v, d) && (v.Customer.New == nil || build(&nestedMD, v.Customer.New, CustomerCreate))
}

// apply sets v's metadata to stored's with the changes of the update in patch merged in,
// as [Apply] does: absent metadata stays absent when the update sets no key in it.
func (s *kept) apply(patch *metadata.PatchBuilder, d Doc, v *Values, stored *changeable) bool {
	md, err := patch.Apply(stored.metadata, d.Limits())
	if err == nil && metadataAfter(stored.hasMeta, s.keys[0] > s.removedKeys) {
		v.Metadata, v.HasMeta = md, true
	}
	return err == nil
}

// b2i returns 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// build sets v's metadata, when v has any, to the entries b holds, checked under the limits
// of d's entity, and reports whether they passed.
func build(b *metadata.Builder, v *Values, d Doc) bool {
	if !v.HasMeta {
		return true
	}
	md, err := b.Build(d.Limits())
	v.Metadata = md
	return err == nil
}
