package metadata

import (
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
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

	require.NoError(t, back.Scan(nil))
	assert.True(t, back.IsZero())
	back = md
	require.NoError(t, back.Scan("null"))
	assert.True(t, back.IsZero())

	back = md
	err = back.Scan(42)
	assert.ErrorIs(t, err, billing.ErrInvalidType)
	assert.True(t, back.Equal(md), "unchanged on failure")
	err = back.Scan(`{"a":""}`)
	assert.ErrorIs(t, err, billing.ErrRequired)
	assert.True(t, back.Equal(md), "unchanged on failure")
}
