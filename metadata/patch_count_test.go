package metadata_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tallykit/billing/metadata"
)

// TestPatchCountsRefusedKeys: a key that is set counts toward the limit even when the key
// itself is refused, in DecodePatch as in NewPatch and Decode; a refused key that is
// removed (null) does not count.
func TestPatchCountsRefusedKeys(t *testing.T) {
	l := metadata.Limits{MaxKeys: 2, MaxKeyLength: 5, MaxValueLength: 5}
	tests := []struct {
		name string
		doc  string
		set  map[string]string
		rm   []string
		want []place
	}{
		{"three set, one refused", `{"":"v","a":"v","b":"v"}`, map[string]string{"": "v", "a": "v", "b": "v"}, nil,
			[]place{{"/metadata", "too_many_keys"}, {"/metadata/", "invalid_key"}}},
		{"three set, one too long", `{"a":"v","b":"v","cccccc":"v"}`, map[string]string{"a": "v", "b": "v", "cccccc": "v"}, nil,
			[]place{{"/metadata", "too_many_keys"}, {"/metadata/cccccc", "key_too_long"}}},
		{"two set, a refused key removed", `{"":null,"a":"v","b":"v"}`, map[string]string{"a": "v", "b": "v"}, []string{""},
			[]place{{"/metadata/", "invalid_key"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := metadata.DecodePatch([]byte(tt.doc), l)
			assert.Equal(t, tt.want, places(err), "DecodePatch")
			_, err = metadata.NewPatch(tt.set, tt.rm, l)
			assert.Equal(t, tt.want, places(err), "NewPatch")
		})
	}
	// Decode, for a create request, counts every key alike.
	_, err := metadata.Decode([]byte(`{"":"v","a":"v","b":"v"}`), l)
	assert.Equal(t, []place{{"/metadata", "too_many_keys"}, {"/metadata/", "invalid_key"}}, places(err))
}
