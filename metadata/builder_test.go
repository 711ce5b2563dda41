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
