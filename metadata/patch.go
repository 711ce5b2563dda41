package metadata

import (
	"iter"
	"slices"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Patch is a change of metadata, merged key by key as a JSON Merge Patch (RFC 7396) merges
// an object: each key is set to a value or removed. It is what the metadata member of an
// update request holds: {"tier":"gold","old":null} sets tier and removes old.
//
// A Patch sets at most Limits.MaxKeys keys; removals are not counted. A removed key must
// still be a well-formed key. The zero Patch changes nothing. A Patch is immutable and safe
// for concurrent use.
type Patch struct {
	ops []op // sorted by key, no key twice
}

// op sets key to value, or removes key when remove is true.
type op struct {
	key, value string
	remove     bool
}

func compareOps(a, b op) int { return compareKeys(a.key, b.key) }

// sortOps is [sortEntries] for changes.
func sortOps(ops []op) {
	for i := 1; i < len(ops); i++ {
		if compareKeys(ops[i-1].key, ops[i].key) > 0 {
			slices.SortStableFunc(ops, compareOps)
			return
		}
	}
}

// DecodePatch reads data, a JSON object whose values are strings (set the key) or null
// (remove the key), and checks it against l. It fails with a billing.Errors as [Decode]
// does: too_many_keys at "metadata" first when the object sets more than l.MaxKeys keys,
// then each failing entry at "metadata.<key>" in document order (the key rules for every
// key, removed ones included; the value rules for values; invalid_type for a value that is
// neither a string nor null), or one failure of the whole value at "metadata".
func DecodePatch(data []byte, l Limits) (Patch, error) {
	if p, ok := decodePatchQuickly(data, l); ok {
		return p, nil
	}
	return decodePatchStrictly(data, l)
}

// decodePatchQuickly is DecodePatch along the fast path (see [quickly]), for a document
// without a failure; it reports false for any other.
func decodePatchQuickly(data []byte, l Limits) (Patch, bool) {
	var (
		spans [24]span
		small [256]byte
		keep  = keptIn(data, &spans, &small)
	)
	ok := quickly(data, l, true, func(key, value []byte, removed bool) bool {
		if len(keep.spans) == cap(keep.spans) {
			return false // more keys than the array holds (removals are not counted): rare, left to the strict path
		}
		keep = keep.add(key, value, removed)
		return true
	})
	if !ok || len(keep.spans) == 0 {
		return Patch{}, ok
	}
	ops := collectOps(keep)
	if repeats(ops, func(o op) string { return o.key }) {
		return Patch{}, false
	}
	return Patch{ops: ops}, true
}

// decodePatchStrictly is DecodePatch along the strict path, which reports every failure.
func decodePatchStrictly(data []byte, l Limits) (Patch, error) {
	var (
		spans [24]span
		small [256]byte
		keep  = keptIn(data, &spans, &small)
		set   int
		bad   bool
	)
	err := strictjson.Decode(data, here, func(o strictjson.Object) {
		for o.Next() {
			key, ok := l.readKey(o)
			if !ok {
				if o.Kind() != strictjson.KindNull {
					set++ // a key set, though refused, counts toward the limit as in NewPatch
				}
				o.Skip()
				bad = true
				continue
			}
			var value []byte
			remove := o.Null()
			if !remove {
				set++
				if value, ok = l.readValue(o); !ok {
					bad = true
					continue
				}
			}
			if bad || l.tooMany(set) {
				continue // the result is an error: keep checking, stop collecting
			}
			keep = keep.add(key, value, remove)
		}
	})
	if err = l.failures(set, err, bad, "must be a JSON object of strings and nulls"); err != nil {
		return Patch{}, err
	}
	if len(keep.spans) == 0 {
		return Patch{}, nil
	}
	return Patch{ops: collectOps(keep)}, nil
}

// collectOps returns the operations k holds, sorted by key.
func collectOps(k kept) []op {
	ops := collect(k, func(o *op, key, value string, removed bool) { o.key, o.value, o.remove = key, value, removed })
	slices.SortFunc(ops, compareOps)
	return ops
}

// NewPatch returns the Patch that sets the entries of set and removes the keys of remove,
// checked against l as [DecodePatch] checks them: too_many_keys first when set has more
// than l.MaxKeys keys, then each failing key in sorted key order; a key both set and
// removed is duplicate_field at "metadata.<key>".
func NewPatch(set map[string]string, remove []string, l Limits) (Patch, error) {
	var b PatchBuilder
	b.Grow(len(set) + len(remove))
	for k, v := range set {
		b.Set(k, v)
	}
	for _, k := range remove {
		b.Remove(k)
	}
	return b.Build(l)
}

// PatchBuilder makes a Patch from changes added one at a time, as [Builder] makes a
// Metadata: without the map and the slice NewPatch takes, and holding the strings it was
// given, without copying them. It holds the first few changes itself, so that a builder
// of a few changes that is applied at once ([PatchBuilder.Apply]) allocates nothing but
// the result. The zero PatchBuilder is empty and ready to use.
type PatchBuilder struct {
	small [4]op // the changes added, while they fit and ops is nil
	n     int   // how many of small hold changes
	ops   []op  // the changes added, once more than small holds
}

// Grow makes room for n more changes, so that adding them allocates nothing.
func (b *PatchBuilder) Grow(n int) {
	switch {
	case b.ops != nil:
		b.ops = grow(b.ops, n)
	case b.n+n > len(b.small):
		b.spill(n)
	}
}

// spill moves the changes of small to ops, made with room for n more.
func (b *PatchBuilder) spill(n int) {
	b.ops = append(grow(b.ops, b.n+n), b.small[:b.n]...)
	clear(b.small[:b.n])
	b.n = 0
}

// Set adds the change that sets key to value. Nothing is checked until Build.
func (b *PatchBuilder) Set(key, value string) { b.add(key, value, false) }

// Remove adds the change that removes key. Nothing is checked until Build.
func (b *PatchBuilder) Remove(key string) { b.add(key, "", true) }

// add adds a change. It takes the change's fields, not an op: an op built by the caller
// and copied here would be stored in parts and loaded whole, a load the processor cannot
// serve from the stores still in flight.
func (b *PatchBuilder) add(key, value string, remove bool) {
	if b.ops == nil && b.n < len(b.small) {
		o := &b.small[b.n]
		o.key, o.value, o.remove = key, value, remove
		b.n++
		return
	}
	if b.ops == nil {
		b.spill(len(b.small))
	}
	b.ops = append(b.ops, op{key: key, value: value, remove: remove})
}

// Build returns the Patch of the changes added, checked against l as [NewPatch] checks its
// maps: too_many_keys at "metadata" first when more than l.MaxKeys keys are set, then each
// failing key at "metadata.<key>" in sorted key order (the key rules for every key, the
// value rules for the values set); a key given more than once is duplicate_field. Build
// leaves b empty either way: the Patch owns the changes b held.
func (b *PatchBuilder) Build(l Limits) (Patch, error) {
	ops := b.ops
	if ops == nil && b.n > 0 {
		ops = make([]op, b.n) // the Patch's own: it never holds a slice of b
		copy(ops, b.small[:b.n])
	}
	b.reset()
	sortOps(ops)
	if err := l.checkOps(ops); err != nil {
		return Patch{}, err
	}
	if len(ops) == 0 {
		return Patch{}, nil
	}
	return Patch{ops: ops}, nil
}

// Apply returns m with the changes added merged in, as Build and then [Patch.Apply] do,
// without making the Patch: the failures of the changes if there are any, else those of
// merging them. A builder of at most four changes allocates nothing but the result. Apply
// leaves b empty either way.
func (b *PatchBuilder) Apply(m Metadata, l Limits) (Metadata, error) {
	ops := b.ops
	if ops == nil {
		ops = b.small[:b.n]
	}
	sortOps(ops)
	err := l.checkOps(ops)
	var md Metadata
	if err == nil {
		md, err = Patch{ops: ops}.Apply(m, l)
	}
	b.reset()
	return md, err
}

// reset empties b, letting go of the strings it held.
func (b *PatchBuilder) reset() {
	for i := range b.n { // a store per field: clear would call memclrHasPointers
		b.small[i] = op{}
	}
	b.n, b.ops = 0, nil
}

// checkOps checks ops, sorted by key, against l, as [PatchBuilder.Build] does.
func (l Limits) checkOps(ops []op) error {
	set, valid := 0, true
	for i := 0; valid && i < len(ops); i++ { // the common case, without a list
		o := &ops[i] // a pointer: a copy of the op, stored in parts moments ago, would be loaded whole
		c, _ := o.check(l)
		valid = c == "" && (i == 0 || ops[i-1].key != o.key)
		set += b2i(!o.remove)
	}
	if valid && !l.tooMany(set) {
		return nil
	}
	set = 0
	for _, o := range ops {
		set += b2i(!o.remove)
	}
	var list report.List
	l.addTooMany(&list, set)
	for i := range ops {
		o := &ops[i]
		if i > 0 && ops[i-1].key == o.key {
			msg := "is given more than once"
			if ops[i-1].remove != o.remove {
				msg = "is both set and removed: do one or the other"
			}
			list.Add(here.Member(o.key), billing.CodeDuplicateField, msg)
			continue
		}
		if c, msg := o.check(l); c != "" {
			list.Add(here.Member(o.key), c, msg)
		}
	}
	return list.Err()
}

// check returns the code and message of the first rule o breaks under l, or "": the key
// rules, and the value rules for a key set.
func (o *op) check(l Limits) (billing.Code, string) {
	if o.remove {
		return checkKey(o.key, l.MaxKeyLength)
	}
	return l.checkEntry(o.key, o.value)
}

// IsZero reports whether p changes nothing.
func (p Patch) IsZero() bool { return len(p.ops) == 0 }

// All returns an iterator over the keys p changes, in sorted order, with the value each
// is set to and whether it is removed instead.
func (p Patch) All() iter.Seq2[string, Change] {
	return func(yield func(string, Change) bool) {
		for _, o := range p.ops {
			if !yield(o.key, Change{Value: o.value, Remove: o.remove}) {
				return
			}
		}
	}
}

// Change is what a [Patch] does to one key: set it to Value, or remove it.
type Change struct {
	Value  string
	Remove bool
}

// Equal reports whether p and q make the same changes.
func (p Patch) Equal(q Patch) bool { return slices.Equal(p.ops, q.ops) }

// Apply returns m with p merged in: keys set to their new values, removed keys gone
// (removing a key m does not hold is no error). m is unchanged.
//
// It fails with too_many_keys at "metadata" when the result holds more than l.MaxKeys
// keys and p adds keys; the message gives both counts. A patch that adds no key never
// fails on the limit.
func (p Patch) Apply(m Metadata, l Limits) (Metadata, error) {
	var (
		n, added int
		buf      [8]entry
	)
	small := len(m.entries)+len(p.ops) <= len(buf)
	if small {
		n, added = p.merge(buf[:], m) // on the stack, in one pass: copied below at its size
	} else {
		n, added = p.counts(m)
	}
	if added > 0 && l.tooMany(n) {
		return Metadata{}, here.Fail(billing.CodeTooManyKeys, "would hold "+strconv.Itoa(n)+
			" keys after the update ("+strconv.Itoa(len(m.entries))+" stored, "+strconv.Itoa(added)+
			" added), more than the "+strconv.Itoa(max(l.MaxKeys, 0))+" allowed: remove keys in the same update")
	}
	if n == 0 {
		return Metadata{}, nil
	}
	out := make([]entry, n)
	if small {
		for i := range out {
			out[i] = buf[i]
		}
	} else {
		p.merge(out, m)
	}
	return Metadata{entries: out}, nil
}

// merge writes to dst, long enough, the entries of m with p applied, in key order, and
// returns how many it wrote and how many keys p adds (keys it sets that m does not hold).
func (p Patch) merge(dst []entry, m Metadata) (n, added int) {
	i := 0
	for k := range p.ops {
		o := &p.ops[k]
		held := false
		for ; i < len(m.entries); i++ { // the entries below o's key, one at a time
			e := &m.entries[i]
			if c := compareKeys(e.key, o.key); c >= 0 {
				held = c == 0
				break
			}
			dst[n] = *e
			n++
		}
		if held {
			i++ // replaced or removed
		}
		if !o.remove {
			dst[n] = entry{key: o.key, value: o.value}
			n++
			added += b2i(!held)
		}
	}
	for ; i < len(m.entries); i++ {
		dst[n] = m.entries[i]
		n++
	}
	return n, added
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// counts returns how many keys m holds with p applied, and how many of them p adds (keys
// it sets that m does not hold). Both lists are sorted by key.
func (p Patch) counts(m Metadata) (n, added int) {
	n, i := len(m.entries), 0
	for k := range p.ops {
		o := &p.ops[k]
		var held bool
		i, held = seek(m.entries, i, o.key)
		switch {
		case held && o.remove:
			n--
		case !held && !o.remove:
			n++
			added++
		}
	}
	return n, added
}

// seek returns the index of the first of entries, from i on, whose key is not below key,
// and whether its key is key: one comparison of keys per entry passed.
func seek(entries []entry, i int, key string) (int, bool) {
	for ; i < len(entries); i++ {
		if c := compareKeys(entries[i].key, key); c >= 0 {
			return i, c == 0
		}
	}
	return i, false
}

// Sets reports whether p sets at least one key.
func (p Patch) Sets() bool {
	for _, o := range p.ops {
		if !o.remove {
			return true
		}
	}
	return false
}

// MarshalJSON writes p as the JSON object it was read from: set keys with their values,
// removed keys as null, keys sorted.
func (p Patch) MarshalJSON() ([]byte, error) { return p.AppendJSON(nil) }

// AppendJSON appends the JSON form of p (see [Patch.MarshalJSON]) to b.
func (p Patch) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, o := range p.ops {
		b = appendKey(b, i, o.key)
		if o.remove {
			b = append(b, "null"...)
		} else {
			b = strictjson.AppendString(b, o.value)
		}
	}
	return append(b, '}'), nil
}
