package metadata_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
)

type place struct{ Pointer, Code string }

func places(err error) []place {
	out := []place{}
	for _, e := range report.Errs(err) {
		out = append(out, place{e.Pointer, string(e.Code)})
	}
	return out
}

func TestDecodePatch(t *testing.T) {
	l := metadata.Limits{MaxKeys: 2, MaxKeyLength: 5, MaxValueLength: 5}
	tests := []struct {
		doc, enc string
		want     []place
	}{
		{`{}`, `{}`, []place{}},
		{`{"b":"2","a":null}`, `{"a":null,"b":"2"}`, []place{}},
		{`{"a":null,"b":null,"c":null,"d":"1","e":"2"}`, `{"a":null,"b":null,"c":null,"d":"1","e":"2"}`, []place{}}, // removals are not counted
		{`{"a":"1","b":"2","c":"3"}`, ``, []place{{"/metadata", "too_many_keys"}}},
		{`{"toolong":null,"":null}`, ``, []place{{"/metadata/toolong", "key_too_long"}, {"/metadata/", "invalid_key"}}},
		{`{"a":"","c/d":"\udc00"}`, ``, []place{{"/metadata/a", "required"}, {"/metadata/c~1d", "invalid_characters"}}},
		{`{"b":5}`, ``, []place{{"/metadata/b", "invalid_type"}}},
		{`{"a":null,"a":"1"}`, ``, []place{{"/metadata/a", "duplicate_field"}}},
		{`[]`, ``, []place{{"/metadata", "invalid_type"}}},
		{`null`, ``, []place{{"/metadata", "invalid_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			p, err := metadata.DecodePatch([]byte(tt.doc), l)
			assert.Equal(t, tt.want, places(err))
			if err != nil {
				return
			}
			b, err := p.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, tt.enc, string(b))
			again, err := metadata.DecodePatch(b, l)
			require.NoError(t, err)
			assert.True(t, p.Equal(again))
		})
	}
}

func TestNewPatch(t *testing.T) {
	l := metadata.Limits{MaxKeys: 1, MaxKeyLength: 5, MaxValueLength: 5}
	p, err := metadata.NewPatch(map[string]string{"a": "1"}, []string{"b", "c"}, l)
	require.NoError(t, err)
	b, _ := p.MarshalJSON()
	assert.Equal(t, `{"a":"1","b":null,"c":null}`, string(b))
	_, err = metadata.NewPatch(map[string]string{"a": "1", "b": ""}, []string{"a", strings.Repeat("k", 6)}, l)
	assert.Equal(t, []place{{"/metadata", "too_many_keys"}, {"/metadata/a", "duplicate_field"}, {"/metadata/b", "required"},
		{"/metadata/kkkkkk", "key_too_long"}}, places(err))
}

func TestPatchApply(t *testing.T) {
	l := metadata.Limits{MaxKeys: 3, MaxKeyLength: 40, MaxValueLength: 500}
	stored := metadata.MustNew(map[string]string{"a": "1", "b": "2", "c": "3"}, l)
	tests := []struct {
		patch string
		want  map[string]string
		fails bool
	}{
		{`{}`, map[string]string{"a": "1", "b": "2", "c": "3"}, false},
		{`{"a":"9","z":null}`, map[string]string{"a": "9", "b": "2", "c": "3"}, false},
		{`{"a":null,"d":"4"}`, map[string]string{"b": "2", "c": "3", "d": "4"}, false},
		{`{"d":"4"}`, nil, true},
		{`{"a":null,"b":null,"c":null}`, map[string]string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.patch, func(t *testing.T) {
			p, err := metadata.DecodePatch([]byte(tt.patch), l)
			require.NoError(t, err)
			got, err := p.Apply(stored, l)
			if tt.fails {
				assert.Equal(t, []place{{"/metadata", "too_many_keys"}}, places(err))
				assert.Contains(t, err.Error(), "3 stored, 1 added")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, metadata.MustNew(tt.want, l), got)
			twice, err := p.Apply(got, l)
			require.NoError(t, err)
			assert.True(t, got.Equal(twice), "idempotent")
		})
	}
	assert.Equal(t, map[string]string{"a": "1", "b": "2", "c": "3"}, stored.Map(), "the stored value never changes")
}

// TestPatchApplyAroundTheStackBound holds Patch.Apply to a merge of maps on either side of
// the bound of its two ways (len(m)+changes <= 8: merged on the stack in one pass; more:
// counted, then merged): for stored metadata of 0 to 11 entries and patches of 0 to 11
// changes over the same few keys, so that keys are replaced, removed, added and removed
// absent, under limits the result may or may not exceed. Both ways must give the same
// result, the merge's, and fail with too_many_keys exactly when the patch adds a key and
// the result is over the limit.
func TestPatchApplyAroundTheStackBound(t *testing.T) {
	pool := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}
	wide := metadata.Limits{MaxKeys: len(pool), MaxKeyLength: 40, MaxValueLength: 500}
	rng := rand.New(rand.NewPCG(1, 2))
	ways := map[bool]int{} // merges that succeed, by whether they fit the stack
	for stored := range 12 {
		for changes := range 12 {
			for trial := range 20 {
				keys := slices.Clone(pool)
				rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
				m := map[string]string{}
				for _, k := range keys[:stored] {
					m[k] = "old " + k
				}
				rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
				set, remove := map[string]string{}, []string(nil)
				for _, k := range keys[:changes] {
					if rng.IntN(2) == 0 {
						set[k] = "new " + k + strconv.Itoa(trial)
					} else {
						remove = append(remove, k)
					}
				}
				l := metadata.Limits{MaxKeys: rng.IntN(len(pool) + 1), MaxKeyLength: 40, MaxValueLength: 500}

				want, added := maps.Clone(m), 0
				for _, k := range remove {
					delete(want, k)
				}
				for k, v := range set {
					if _, held := want[k]; !held {
						added++
					}
					want[k] = v
				}

				md := metadata.MustNew(m, wide)
				p, err := metadata.NewPatch(set, remove, wide)
				require.NoError(t, err)
				got, err := p.Apply(md, l)

				where := fmt.Sprintf("%v with %v removed and %v set, %d allowed", m, remove, set, l.MaxKeys)
				if added > 0 && len(want) > l.MaxKeys {
					require.Equal(t, []place{{"/metadata", "too_many_keys"}}, places(err), where)
					require.ErrorContains(t, err, fmt.Sprintf("would hold %d keys after the update (%d stored, %d added), more than the %d allowed",
						len(want), stored, added, l.MaxKeys), where)
					require.True(t, got.IsZero(), where)
				} else {
					require.NoError(t, err, where)
					require.Equal(t, nilIfEmpty(want), got.Map(), where)
					require.True(t, got.Equal(metadata.MustNew(want, wide)), where)
					require.Equal(t, slices.Sorted(maps.Keys(want)), got.Keys(), where) // in key order
					ways[stored+changes <= 8]++
				}
				require.Equal(t, nilIfEmpty(m), md.Map(), "the stored value never changes: "+where)
			}
		}
	}
	assert.Greater(t, ways[true], 500, "merged on the stack")
	assert.Greater(t, ways[false], 500, "counted, then merged")
}

func nilIfEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
