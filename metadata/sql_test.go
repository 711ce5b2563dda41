package metadata

import (
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testkit"
)

var (
	_ sql.Scanner   = (*Metadata)(nil)
	_ driver.Valuer = Metadata{}
)

func TestSQL(t *testing.T) {
	md := MustNew(map[string]string{"b": "2", "a": "1"}, CustomerLimits())
	v, err := md.Value()
	require.NoError(t, err)
	assert.Equal(t, `{"a":"1","b":"2"}`, v)
	v, err = Metadata{}.Value()
	require.NoError(t, err)
	assert.Equal(t, `{}`, v)

	var back Metadata
	require.NoError(t, back.Scan([]byte(`{"a":"1","b":"2"}`)))
	assert.True(t, md.Equal(back))
	var fromString Metadata
	require.NoError(t, fromString.Scan(`{"a":"1","b":"2"}`))
	assert.True(t, md.Equal(fromString))

	// The bytes a driver hands over may be reused: the Metadata must not share them.
	buf := []byte(`{"k":"value"}`)
	var kept Metadata
	require.NoError(t, kept.Scan(buf))
	copy(buf, `{"k":"XXXXX"}`)
	got, _ := kept.Get("k")
	assert.Equal(t, "value", got)
}

func TestScanFailures(t *testing.T) {
	md := MustNew(map[string]string{"b": "2", "a": "1"}, CustomerLimits())
	tests := []struct {
		name string
		src  any
		want []testkit.Failure
	}{
		{"SQL NULL", nil, testkit.Pairs("metadata", "required")},
		{"JSON null", "null", testkit.Pairs("metadata", "invalid_type")},
		{"not text", 42, testkit.Pairs("metadata", "invalid_type")},
		{"time", sql.NullTime{}, testkit.Pairs("metadata", "invalid_type")},
		{"not JSON", []byte(`{`), testkit.Pairs("metadata", "invalid_json")},
		{"bad entry", `{"a":""}`, testkit.Pairs("metadata.a", "required")},
		{"over the customer limits", string(testkit.Members(21, testkit.Key3, `"v"`)), testkit.Pairs("metadata", "too_many_keys")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			back := md
			err := back.Scan(tt.src)
			require.IsType(t, billing.Errors{}, err)
			assert.Equal(t, tt.want, testkit.Failures(err))
			assert.True(t, back.Equal(md), "unchanged on failure")
		})
	}
	err := new(Metadata).Scan(nil)
	assert.ErrorIs(t, err, billing.CodeRequired)
	assert.ErrorContains(t, err, "sql.Null[metadata.Metadata]")
	assert.ErrorContains(t, err, "*metadata.Metadata")
}

// TestSQLRoundTrip checks that what Value writes, Scan reads back equal, the empty
// Metadata ('{}') included, and that sql.Null[Metadata] and *Metadata keep NULL (absent)
// and '{}' (empty) apart, as database/sql drives them.
func TestSQLRoundTrip(t *testing.T) {
	for _, md := range roundTripValues() {
		v, err := driver.DefaultParameterConverter.ConvertValue(md)
		require.NoError(t, err)
		require.IsType(t, "", v)
		back := MustNew(map[string]string{"old": "value"}, CustomerLimits())
		require.NoError(t, back.Scan(v), v)
		assert.True(t, md.Equal(back), v)
		back = Metadata{}
		require.NoError(t, back.Scan([]byte(v.(string))), v) // drivers hand jsonb over as bytes
		assert.True(t, md.Equal(back), v)

		var null sql.Null[Metadata]
		v, err = driver.DefaultParameterConverter.ConvertValue(sql.Null[Metadata]{V: md, Valid: true})
		require.NoError(t, err)
		require.NoError(t, null.Scan(v))
		assert.True(t, null.Valid, "'{}' is present")
		assert.True(t, md.Equal(null.V))
	}

	v, err := driver.DefaultParameterConverter.ConvertValue(sql.Null[Metadata]{})
	require.NoError(t, err)
	assert.Nil(t, v, "absent is NULL")
	null := sql.Null[Metadata]{V: MustNew(map[string]string{"a": "1"}, CustomerLimits()), Valid: true}
	require.NoError(t, null.Scan(nil))
	assert.False(t, null.Valid, "NULL is absent")

	v, err = driver.DefaultParameterConverter.ConvertValue((*Metadata)(nil))
	require.NoError(t, err)
	assert.Nil(t, v, "a nil *Metadata is NULL")
	v, err = driver.DefaultParameterConverter.ConvertValue(&Metadata{})
	require.NoError(t, err)
	assert.Equal(t, "{}", v)
}
