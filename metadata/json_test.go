package metadata

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

var jsonUnmarshal = json.Unmarshal

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		m    map[string]string
		want string
	}{
		{nil, `{}`},
		{map[string]string{"b": "2", "a": "1"}, `{"a":"1","b":"2"}`},
		{map[string]string{"q": "say \"hi\"\\", "c": "\x00\x01\b\f\n\r\t\x1f\x7f"},
			`{"c":"\u0000\u0001\b\f\n\r\t\u001f` + "\x7f" + `","q":"say \"hi\"\\"}`},
		{map[string]string{"html": "<a href='x'>&</a>", "sep": "\u2028\u2029", "é": "€😀"},
			`{"html":"\u003ca href='x'\u003e\u0026\u003c/a\u003e","sep":"\u2028\u2029","é":"€😀"}`},
	}
	for _, tt := range tests {
		md := MustNew(tt.m, CustomerLimits())
		got, err := md.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(got))
		std, err := json.Marshal(tt.m)
		require.NoError(t, err)
		if tt.m == nil {
			std = []byte(`{}`)
		}
		assert.Equal(t, string(std), string(got), "same bytes as encoding/json")
		back, err := Parse(got, CustomerLimits())
		require.NoError(t, err)
		assert.True(t, md.Equal(back))
	}
}

func TestJSONInStruct(t *testing.T) {
	type doc struct {
		Metadata Metadata `json:"metadata"`
	}
	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"metadata":{"b":"2","a":"1"}}`), &d))
	assert.Equal(t, []string{"a", "b"}, d.Metadata.Keys())
	out, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Equal(t, `{"metadata":{"a":"1","b":"2"}}`, string(out))

	// null leaves the value as it is.
	require.NoError(t, json.Unmarshal([]byte(`{"metadata":null}`), &d))
	assert.Equal(t, 2, d.Metadata.Len())

	// Failures come back as billing.Errors with metadata paths; the value is unchanged.
	err = json.Unmarshal([]byte(`{"metadata":{"a":"","a":"x"}}`), &d)
	require.Error(t, err)
	assert.ErrorIs(t, err, billing.ErrDuplicateField)
	assert.Equal(t, 2, d.Metadata.Len())
}

func TestUnmarshalJSONLimits(t *testing.T) {
	var md Metadata
	var b []byte
	b = append(b, '{')
	for i := range 21 {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `"k`...)
		b = append(b, byte('A'+i))
		b = append(b, `":"v"`...)
	}
	b = append(b, '}')
	err := md.UnmarshalJSON(b)
	assert.Equal(t, fl("metadata", "too_many_keys"), failures(err))
	assert.True(t, md.IsZero())
	require.NoError(t, md.UnmarshalJSON([]byte(`{"a":"b"}`)))
	assert.Equal(t, 1, md.Len())
}
