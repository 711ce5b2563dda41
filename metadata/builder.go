package metadata

import (
	"slices"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

// Builder makes a Metadata from entries added one at a time, for a reader of a form other
// than a Go map or a JSON object: the rows of a key–value table, a protobuf map, the
// columns of a CSV file. It takes no map, and the Metadata it builds holds the strings it
// was given, without copying them. Build checks the entries as New checks a map's. The
// zero Builder is empty and ready to use.
type Builder struct {
	entries []entry
}

// Grow makes room for n more entries, so that adding them allocates nothing.
func (b *Builder) Grow(n int) { b.entries = grow(b.entries, n) }

// grow is slices.Grow, but an empty slice is made with one make: slices.Grow's append of a
// make costs more, and allocates twice under the race detector.
func grow[E any](s []E, n int) []E {
	if len(s) == 0 && n > cap(s) {
		return make([]E, 0, n)
	}
	return slices.Grow(s, n)
}

// Add adds the entry key, value. Nothing is checked until Build.
func (b *Builder) Add(key, value string) { b.entries = append(b.entries, entry{key, value}) }

// Build returns a Metadata holding the entries added, checked against l as [New] checks a
// map: on failure it returns the zero Metadata and a billing.Errors with too_many_keys at
// "metadata" first, when there are more than l.MaxKeys distinct keys, then every failing
// entry at "metadata.<key>" in sorted key order, the key's failure hiding its value's. A
// key added more than once is duplicate_field at its place. Build leaves b empty either
// way: the Metadata owns the entries b held.
func (b *Builder) Build(l Limits) (Metadata, error) {
	entries := b.entries
	b.entries = nil
	sortEntries(entries)
	if err := l.checkSorted(entries); err != nil {
		return Metadata{}, err
	}
	if len(entries) == 0 {
		return Metadata{}, nil
	}
	return Metadata{entries: entries}, nil
}

// sortEntries sorts entries by key, stably, where they are not sorted already: as they
// are most often added. (A loop of its own for each type, not one generic one: a key
// function called with a pointer into a builder's own array would move the builder to
// the heap.)
func sortEntries(entries []entry) {
	for i := 1; i < len(entries); i++ {
		if compareKeys(entries[i-1].key, entries[i].key) > 0 {
			slices.SortStableFunc(entries, compareEntries)
			return
		}
	}
}

// checkSorted checks entries, sorted by key, against l and the rules of keys and values,
// and allocates nothing when they pass: too_many_keys first when there are more distinct
// keys than l allows, then each failing entry in order, duplicate_field for a key given
// twice (outranking the rules at that place).
func (l Limits) checkSorted(entries []entry) error {
	valid := !l.tooMany(len(entries))
	for i := 0; valid && i < len(entries); i++ {
		e := entries[i]
		c, _ := l.checkEntry(e.key, e.value)
		valid = c == "" && (i == 0 || entries[i-1].key != e.key)
	}
	if valid {
		return nil
	}
	distinct := 0
	for i, e := range entries {
		if i == 0 || entries[i-1].key != e.key {
			distinct++
		}
	}
	var list report.List
	l.addTooMany(&list, distinct)
	for i, e := range entries {
		at := here.Member(e.key)
		if i > 0 && entries[i-1].key == e.key {
			list.Add(at, billing.CodeDuplicateField, "is given more than once")
		}
		if c, msg := l.checkEntry(e.key, e.value); c != "" {
			list.Add(at, c, msg)
		}
	}
	return list.Err()
}
