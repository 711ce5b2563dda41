package metadata

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testkit"
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
		back, err := Decode(got, CustomerLimits())
		require.NoError(t, err)
		assert.True(t, md.Equal(back))
	}
}

// TestJSONRoundTrip checks that what MarshalJSON writes, UnmarshalJSON reads back equal,
// the empty Metadata included, and that a pointer keeps absent and empty apart.
func TestJSONRoundTrip(t *testing.T) {
	for _, md := range roundTripValues() {
		out, err := json.Marshal(md)
		require.NoError(t, err)
		back := MustNew(map[string]string{"old": "value"}, CustomerLimits())
		require.NoError(t, json.Unmarshal(out, &back), "%s", out)
		assert.True(t, md.Equal(back), "%s", out)
	}

	type doc struct {
		Metadata *Metadata `json:"metadata,omitempty"`
	}
	one := MustNew(map[string]string{"a": "1"}, CustomerLimits())
	tests := []struct {
		in   doc
		want string
	}{
		{doc{}, `{}`},
		{doc{Metadata: &Metadata{}}, `{"metadata":{}}`},
		{doc{Metadata: &one}, `{"metadata":{"a":"1"}}`},
	}
	for _, tt := range tests {
		out, err := json.Marshal(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(out))
		var back doc
		require.NoError(t, json.Unmarshal(out, &back))
		if tt.in.Metadata == nil {
			assert.Nil(t, back.Metadata, "absent stays absent")
			continue
		}
		require.NotNil(t, back.Metadata, "empty stays present")
		assert.True(t, tt.in.Metadata.Equal(*back.Metadata))
	}
	var back doc
	require.NoError(t, json.Unmarshal([]byte(`{"metadata":null}`), &back))
	assert.Nil(t, back.Metadata, "null is absent")
}

// roundTripValues returns Metadata values that every encoder must write in a form its
// decoder reads back equal: the zero value, and entries that need escaping.
func roundTripValues() []Metadata {
	return []Metadata{
		{},
		MustNew(map[string]string{}, CustomerLimits()),
		MustNew(map[string]string{"order_id": "6735", "channel": "web"}, CustomerLimits()),
		MustNew(map[string]string{"a/b": "<&>", "~x": "\u2028\u2029", "q\"": "\x00\n\\", "é": "😀"}, CustomerLimits()),
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
	require.NoError(t, d.Metadata.UnmarshalJSON([]byte(" null ")))
	assert.Equal(t, 2, d.Metadata.Len())

	// Failures come back as billing.Errors with metadata paths; the value is unchanged.
	err = json.Unmarshal([]byte(`{"metadata":{"a":"","a":"x"}}`), &d)
	require.Error(t, err)
	assert.ErrorIs(t, err, billing.CodeDuplicateField)
	assert.Equal(t, 2, d.Metadata.Len())
}

func TestUnmarshalJSONLimits(t *testing.T) {
	var md Metadata
	err := md.UnmarshalJSON(testkit.Members(21, testkit.Key3, `"v"`))
	assert.Equal(t, testkit.Pairs("metadata", "too_many_keys"), testkit.Failures(err))
	assert.True(t, md.IsZero())
	require.NoError(t, md.UnmarshalJSON(testkit.Members(20, testkit.Key3, `"v"`)))
	assert.Equal(t, 20, md.Len())
}
