package metadata

import (
	"iter"
	"slices"
	"strings"

	"github.com/tallykit/billing/internal/must"
)

// Metadata is an immutable set of string keys and string values, kept sorted by key.
// Every Metadata obtained from New, Decode, UnmarshalJSON or Scan holds only entries that
// passed the key and value rules under the Limits it was built with. Metadata values are
// safe for concurrent use.
//
// Unlike the other value types of the module, whose zero value means absent and is refused
// by their encoders, the zero Metadata is a value: the empty set {}. It is valid under any
// Limits, equal to what New returns for an empty map and Decode for {}, and written as {}
// by MarshalJSON and Value; IsZero reports an empty Metadata. Absent metadata is said by
// what holds it: an entity's (Metadata, bool) accessor, a *Metadata, or a
// sql.Null[Metadata].
type Metadata struct {
	entries []entry // sorted by key, no key twice; never written after construction
}

type entry struct{ key, value string }

func compareEntries(a, b entry) int { return compareKeys(a.key, b.key) }

// compareKeys is strings.Compare, decided by the first bytes without a call where they
// differ, as they do for most pairs of keys.
func compareKeys(a, b string) int {
	if a != "" && b != "" && a[0] != b[0] {
		return int(a[0]) - int(b[0])
	}
	return strings.Compare(a, b)
}

// New returns a Metadata holding the entries of m, checked against l as [Limits.Validate]
// checks them: on failure it returns the zero Metadata and a billing.Errors with
// too_many_keys at "metadata" first, then every failing entry at "metadata.<key>" in
// sorted key order. A nil or empty map gives the empty Metadata. The map is copied; later
// changes to it do not reach the Metadata.
func New(m map[string]string, l Limits) (Metadata, error) {
	var b Builder
	b.Grow(len(m))
	for k, v := range m {
		b.Add(k, v)
	}
	return b.Build(l)
}

// MustNew is New for tests and literals: it panics with "billing: " and the error's text
// if m is not valid under l.
func MustNew(m map[string]string, l Limits) Metadata { return must.Get(New(m, l)) }

// Len returns the number of entries.
func (m Metadata) Len() int { return len(m.entries) }

// IsZero reports whether m holds no entry: the zero Metadata and {} are the same value.
// A struct field tagged json:",omitzero" therefore omits {} as well; a *Metadata keeps
// empty and absent metadata apart.
func (m Metadata) IsZero() bool { return len(m.entries) == 0 }

// Get returns the value of key and whether m holds key.
func (m Metadata) Get(key string) (string, bool) {
	i, ok := slices.BinarySearchFunc(m.entries, key, func(e entry, k string) int { return compareKeys(e.key, k) })
	if !ok {
		return "", false
	}
	return m.entries[i].value, true
}

// Keys returns the keys in sorted order (byte order, which is code point order), in a
// fresh slice the caller may change.
func (m Metadata) Keys() []string {
	if len(m.entries) == 0 {
		return nil
	}
	keys := make([]string, len(m.entries))
	for i, e := range m.entries {
		keys[i] = e.key
	}
	return keys
}

// All returns an iterator over the entries, key and value, in sorted key order.
func (m Metadata) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, e := range m.entries {
			if !yield(e.key, e.value) {
				return
			}
		}
	}
}

// Map returns the entries in a new map the caller may change; nil when m is empty.
func (m Metadata) Map() map[string]string {
	if len(m.entries) == 0 {
		return nil
	}
	out := make(map[string]string, len(m.entries))
	for _, e := range m.entries {
		out[e.key] = e.value
	}
	return out
}

// Equal reports whether m and o hold the same entries.
func (m Metadata) Equal(o Metadata) bool { return slices.Equal(m.entries, o.entries) }
