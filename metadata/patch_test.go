package metadata_test

import (
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
