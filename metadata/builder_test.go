package metadata

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/testkit"
)

// TestBuilder holds Builder.Build to the rules: what it accepts, with its entries, and the
// failures of what it refuses, in order and at their places.
func TestBuilder(t *testing.T) {
	l := Limits{MaxKeys: 2, MaxKeyLength: 5, MaxValueLength: 5}
	tests := []struct {
		name    string
		entries [][2]string
		want    map[string]string
		fails   []testkit.Failure
	}{
		{"none", nil, nil, nil},
		{"two, out of order", [][2]string{{"b", "2"}, {"a", "1"}}, map[string]string{"a": "1", "b": "2"}, nil},
		{"three keys", [][2]string{{"a", "1"}, {"b", "2"}, {"c", "3"}}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")}},
		{"a key twice, counted once", [][2]string{{"a", "1"}, {"b", "2"}, {"a", "1"}}, nil,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}},
		{"a key twice outranks its rules", [][2]string{{"a", ""}, {"a", ""}}, nil,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}},
		{"the rules, in key order", [][2]string{{"long_key", "1"}, {"", "x"}, {"v", "toolong"}, {"w", "\xff"}}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys"), testkit.At("metadata.", "invalid_key"),
				testkit.At("metadata.long_key", "key_too_long"), testkit.At("metadata.v", "too_long"),
				testkit.At("metadata.w", "invalid_characters")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			b.Grow(len(tt.entries))
			for _, e := range tt.entries {
				b.Add(e[0], e[1])
			}
			md, err := b.Build(l)
			assert.Equal(t, tt.fails, testkit.Failures(err))
			assert.Equal(t, tt.want, md.Map())
			assert.Empty(t, b.entries, "Build empties the builder")
			if err == nil {
				require.NoError(t, l.ValidateMetadata(md))
			}
		})
	}
}

// TestPatchBuilder is TestBuilder for patches: removals are not counted against the limit,
// and a key both set and removed is named as such.
func TestPatchBuilder(t *testing.T) {
	l := Limits{MaxKeys: 1, MaxKeyLength: 5, MaxValueLength: 5}
	type change struct {
		key, value string
		remove     bool
	}
	tests := []struct {
		name    string
		changes []change
		want    string
		fails   []testkit.Failure
	}{
		{"none", nil, `{}`, nil},
		{"one set, two removed", []change{{"b", "2", false}, {"c", "", true}, {"a", "", true}}, `{"a":null,"b":"2","c":null}`, nil},
		{"two set", []change{{"a", "1", false}, {"b", "2", false}}, ``,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")}},
		{"set and removed", []change{{"a", "1", false}, {"a", "", true}}, ``,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}},
		{"a removed key must be well-formed", []change{{"", "", true}, {"long_key", "", true}}, ``,
			[]testkit.Failure{testkit.At("metadata.", "invalid_key"), testkit.At("metadata.long_key", "key_too_long")}},
		{"a value set must be valid", []change{{"a", "", false}}, ``, []testkit.Failure{testkit.At("metadata.a", "required")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b PatchBuilder
			for _, c := range tt.changes {
				if c.remove {
					b.Remove(c.key)
				} else {
					b.Set(c.key, c.value)
				}
			}
			p, err := b.Build(l)
			assert.Equal(t, tt.fails, testkit.Failures(err))
			assert.Empty(t, b.ops, "Build empties the builder")
			if err == nil {
				out, _ := p.AppendJSON(nil)
				assert.Equal(t, tt.want, string(out))
			}
		})
	}
}

// TestPatchBuilderApply holds PatchBuilder.Apply to Build followed by Patch.Apply, for
// builders of none to ten changes, the first four held in the builder's array and more
// moved to its slice (by the fifth change, or by Grow on the way): the same metadata, the
// same failures with the same text, b left empty and m unchanged. A second Apply of the
// emptied builder gives m back, whatever the limit.
func TestPatchBuilderApply(t *testing.T) {
	l := Limits{MaxKeys: 6, MaxKeyLength: 5, MaxValueLength: 5}
	four := map[string]string{"a": "1", "c": "3", "e": "5", "g": "7"}
	// eight keys, two more than l allows: stored under other limits.
	eight := map[string]string{"a": "1", "c": "3", "e": "5", "g": "7", "i": "9", "k": "11", "m": "13", "o": "15"}
	set := func(k, v string) op { return op{key: k, value: v} }
	rm := func(k string) op { return op{key: k, remove: true} }
	tests := []struct {
		name    string
		stored  map[string]string
		changes []op
		want    map[string]string
		fails   []testkit.Failure
		msg     string // in the error's text, when it fails
	}{
		{"none", four, nil, four, nil, ""},
		{"none, on nothing", nil, nil, nil, nil, ""},
		{"one set", four, []op{set("b", "2")},
			map[string]string{"a": "1", "b": "2", "c": "3", "e": "5", "g": "7"}, nil, ""},
		{"one replaced, one removed", four, []op{set("a", "9"), rm("c")},
			map[string]string{"a": "9", "e": "5", "g": "7"}, nil, ""},
		{"an absent key removed", four, []op{rm("z")}, four, nil, ""},
		{"four, in reverse order", four, []op{set("h", "8"), rm("g"), set("b", "2"), rm("a")},
			map[string]string{"b": "2", "c": "3", "e": "5", "h": "8"}, nil, ""},
		{"four removed: nothing left", four, []op{rm("g"), rm("e"), rm("c"), rm("a")}, nil, nil, ""},
		{"five", four, []op{set("f", "6"), rm("a"), set("b", "2"), rm("z"), set("d", "4")},
			map[string]string{"b": "2", "c": "3", "d": "4", "e": "5", "f": "6", "g": "7"}, nil, ""},
		{"six removed, two absent: nothing left", four, []op{rm("a"), rm("b"), rm("c"), rm("e"), rm("g"), rm("z")}, nil, nil, ""},
		{"ten: every key replaced, six set", four,
			[]op{rm("a"), set("b", "2"), rm("c"), set("d", "4"), rm("e"), set("f", "6"), rm("g"), set("h", "8"), set("i", "9"), set("j", "10")},
			map[string]string{"b": "2", "d": "4", "f": "6", "h": "8", "i": "9", "j": "10"}, nil, ""},
		{"a key set twice", four, []op{set("b", "1"), set("b", "2")}, nil,
			[]testkit.Failure{testkit.At("metadata.b", "duplicate_field")}, "is given more than once"},
		{"a key set twice, among six", four, []op{rm("a"), set("b", "1"), rm("c"), set("d", "4"), set("b", "2"), rm("e")}, nil,
			[]testkit.Failure{testkit.At("metadata.b", "duplicate_field")}, "is given more than once"},
		{"a key removed twice", four, []op{rm("a"), rm("a")}, nil,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}, "is given more than once"},
		{"set and removed", four, []op{set("a", "9"), rm("a")}, nil,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}, "is both set and removed"},
		{"removed and set, among seven", four, []op{rm("a"), rm("b"), rm("c"), rm("d"), rm("e"), rm("f"), set("a", "9")}, nil,
			[]testkit.Failure{testkit.At("metadata.a", "duplicate_field")}, "is both set and removed"},
		{"invalid keys, set and removed", four, []op{set("", "1"), rm("long_key"), set("b", "")}, nil,
			[]testkit.Failure{testkit.At("metadata.", "invalid_key"), testkit.At("metadata.b", "required"),
				testkit.At("metadata.long_key", "key_too_long")}, "must not be empty"},
		{"an invalid key among nine", four,
			[]op{rm("a"), rm("b"), rm("c"), rm("d"), rm("e"), rm("f"), rm("g"), rm("h"), set("\x01", "1")}, nil,
			[]testkit.Failure{testkit.At("metadata.\x01", "invalid_key")}, ""},
		{"seven keys set", nil,
			[]op{set("a", "1"), set("b", "2"), set("c", "3"), set("d", "4"), set("e", "5"), set("f", "6"), set("g", "7")}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")}, "holds 7 keys, more than the 6 allowed"},
		{"seven keys set, one refused", nil,
			[]op{set("a", "1"), set("b", "2"), set("c", "3"), set("d", "4"), set("e", "5"), set("f", "6"), set("", "7")}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys"), testkit.At("metadata.", "invalid_key")}, "holds 7 keys"},
		{"three added to four", four, []op{set("b", "2"), set("d", "4"), set("f", "6")}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")},
			"would hold 7 keys after the update (4 stored, 3 added), more than the 6 allowed"},
		{"three added to four, among five", four, []op{rm("y"), set("b", "2"), set("d", "4"), rm("z"), set("f", "6")}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")},
			"would hold 7 keys after the update (4 stored, 3 added), more than the 6 allowed"},
		{"three added, one removed, one replaced", four, []op{set("b", "2"), set("d", "4"), set("f", "6"), rm("a"), set("c", "9")},
			map[string]string{"b": "2", "c": "9", "d": "4", "e": "5", "f": "6", "g": "7"}, nil, ""},
		{"over the limit already: none added", eight, []op{set("a", "9"), rm("c"), rm("z")},
			map[string]string{"a": "9", "e": "5", "g": "7", "i": "9", "k": "11", "m": "13", "o": "15"}, nil, ""},
		{"over the limit already: six replaced", eight,
			[]op{set("a", "x"), set("c", "x"), set("e", "x"), set("g", "x"), set("i", "x"), set("k", "x")},
			map[string]string{"a": "x", "c": "x", "e": "x", "g": "x", "i": "x", "k": "x", "m": "13", "o": "15"}, nil, ""},
		{"over the limit already: one added, one removed", eight, []op{set("b", "2"), rm("a")}, nil,
			[]testkit.Failure{testkit.At("metadata", "too_many_keys")},
			"would hold 8 keys after the update (8 stored, 1 added), more than the 6 allowed"},
	}
	add := func(b *PatchBuilder, changes []op) {
		for _, c := range changes {
			if c.remove {
				b.Remove(c.key)
			} else {
				b.Set(c.key, c.value)
			}
		}
	}
	for _, tt := range tests {
		for _, grown := range []bool{false, true} {
			name := tt.name
			if grown {
				name += ", grown"
			}
			t.Run(name, func(t *testing.T) {
				m, err := New(tt.stored, CustomerLimits())
				require.NoError(t, err)

				var ref PatchBuilder
				add(&ref, tt.changes)
				p, wantErr := ref.Build(l)
				var want Metadata
				if wantErr == nil {
					want, wantErr = p.Apply(m, l)
				}

				var b PatchBuilder
				half := 0
				if grown { // half the changes, then room for the rest
					half = len(tt.changes) / 2
					add(&b, tt.changes[:half])
					b.Grow(len(tt.changes) - half)
				}
				add(&b, tt.changes[half:])
				assert.Equal(t, len(tt.changes) > len(b.small), b.ops != nil,
					"the changes are in the slice exactly when the array cannot hold them")
				got, err := b.Apply(m, l)

				assert.Equal(t, want, got, "Build and Patch.Apply")
				if wantErr == nil {
					assert.NoError(t, err)
				} else {
					assert.EqualError(t, err, wantErr.Error(), "Build and Patch.Apply")
				}
				assert.Equal(t, tt.fails, testkit.Failures(err))
				if tt.fails == nil {
					assert.Equal(t, tt.want, got.Map())
					assert.True(t, got.Equal(MustNew(tt.want, CustomerLimits())))
				} else {
					assert.True(t, got.IsZero(), "a failed Apply returns the zero Metadata")
					assert.ErrorContains(t, err, tt.msg)
				}

				assert.Zero(t, b.n, "Apply empties the builder")
				assert.Nil(t, b.ops, "Apply empties the builder")
				assert.Equal(t, [4]op{}, b.small, "Apply lets go of the strings")
				assert.Equal(t, tt.stored, m.Map(), "m is unchanged")
				assert.True(t, m.Equal(MustNew(tt.stored, CustomerLimits())), "m is unchanged")

				again, err := b.Apply(m, Limits{}) // an empty builder changes nothing, and adds no key to refuse
				require.NoError(t, err)
				assert.True(t, again.Equal(m), "the emptied builder gives m back")
			})
		}
	}
}

// TestPatchBuilderBuildOwnsChanges: the Patch Build returns holds its own changes, not the
// builder's array or slice, so that what the builder is given next does not reach it.
func TestPatchBuilderBuildOwnsChanges(t *testing.T) {
	l := CustomerLimits()
	for _, n := range []int{1, 4, 5, 9} {
		var b PatchBuilder
		for i := range n {
			b.Set(string(rune('a'+i)), "v")
		}
		p, err := b.Build(l)
		require.NoError(t, err)
		before, _ := p.AppendJSON(nil)
		for i := range 10 {
			b.Set(string(rune('a'+i)), "changed")
		}
		_, err = b.Apply(Metadata{}, l)
		require.NoError(t, err)
		after, _ := p.AppendJSON(nil)
		assert.Equal(t, string(before), string(after), "%d changes", n)
	}
}

// TestPatchBuilderAllocations holds the builder to its allocations: applying a builder of
// at most four changes allocates only the result, nothing when it is empty, and building
// one grown to at most four changes allocates only the Patch's slice.
func TestPatchBuilderAllocations(t *testing.T) {
	l := CustomerLimits()
	m := MustNew(map[string]string{"a": "1", "c": "3"}, l)
	tests := []struct {
		name string
		fn   func()
		want float64
	}{
		{"Apply, two changes on two entries", func() {
			var b PatchBuilder
			b.Set("b", "2")
			b.Remove("c")
			if got, err := b.Apply(m, l); err != nil || got.Len() != 2 {
				panic(err)
			}
		}, 1},
		{"Apply, four changes on two entries", func() {
			var b PatchBuilder
			b.Set("d", "4")
			b.Set("b", "2")
			b.Remove("c")
			b.Remove("z")
			if got, err := b.Apply(m, l); err != nil || got.Len() != 3 {
				panic(err)
			}
		}, 1},
		{"Apply, removals: nothing left", func() {
			var b PatchBuilder
			b.Remove("c")
			b.Remove("a")
			if got, err := b.Apply(m, l); err != nil || !got.IsZero() {
				panic(err)
			}
		}, 0},
		{"Apply, nothing on nothing", func() {
			var b PatchBuilder
			if got, err := b.Apply(Metadata{}, l); err != nil || !got.IsZero() {
				panic(err)
			}
		}, 0},
		{"Grow(4), four set, Build", func() {
			var b PatchBuilder
			b.Grow(4)
			b.Set("d", "4")
			b.Set("c", "3")
			b.Set("b", "2")
			b.Set("a", "1")
			if _, err := b.Build(l); err != nil {
				panic(err)
			}
		}, 1},
		{"Grow(2), two set, Build", func() {
			var b PatchBuilder
			b.Grow(2)
			b.Set("b", "2")
			b.Remove("a")
			if _, err := b.Build(l); err != nil {
				panic(err)
			}
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, testing.AllocsPerRun(100, tt.fn))
		})
	}
}
