package strictjson

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
)

func TestIsNull(t *testing.T) {
	for _, s := range []string{"null", " null", "null \t\r\n", "\n null\n"} {
		assert.True(t, IsNull([]byte(s)), "%q", s)
	}
	for _, s := range []string{"", " ", "nul", "nulll", "Null", `"null"`, "null,", "\u00a0null", "[null]"} {
		assert.False(t, IsNull([]byte(s)), "%q", s)
	}
}

func TestUnmarshal(t *testing.T) {
	parse := func(data []byte) (string, error) {
		if string(data) == "bad" {
			return "", errors.New("bad")
		}
		return string(data), nil
	}
	v := "old"
	require.NoError(t, Unmarshal(&v, []byte(" null "), parse))
	assert.Equal(t, "old", v, "null leaves the value")
	require.EqualError(t, Unmarshal(&v, []byte("bad"), parse), "bad")
	assert.Equal(t, "old", v, "a failure leaves the value")
	require.NoError(t, Unmarshal(&v, []byte("new"), parse))
	assert.Equal(t, "new", v)
}

func TestColumnSet(t *testing.T) {
	at := report.At("doc")
	parse := func(data []byte) (string, error) {
		if string(data) == "bad" {
			return "", at.Fail(billing.CodeInvalidJSON, "bad")
		}
		return string(data), nil
	}
	tests := []struct {
		src  any
		want string       // the value after Scan
		code billing.Code // "" when Scan succeeds
	}{
		{`{"a":1}`, `{"a":1}`, ""},
		{[]byte(`{"b":2}`), `{"b":2}`, ""},
		{"bad", "old", billing.CodeInvalidJSON},
		{nil, "old", billing.CodeRequired},
		{int64(1), "old", billing.CodeInvalidType},
		{time.Time{}, "old", billing.CodeInvalidType},
	}
	for _, tt := range tests {
		v := "old"
		data, err := Column(tt.src, at, "test.Doc")
		err = Set(&v, data, err, parse)
		assert.Equal(t, tt.want, v, "%#v", tt.src)
		if tt.code == "" {
			assert.NoError(t, err)
			continue
		}
		es := report.Errs(err)
		require.Len(t, es, 1, "%#v", tt.src)
		assert.Equal(t, tt.code, es[0].Code)
		assert.Equal(t, "/doc", es[0].Pointer)
	}
	_, err := Column(nil, at, "test.Doc")
	assert.ErrorContains(t, err, "sql.Null[test.Doc] or a *test.Doc")
	_, err = Column(1.5, at, "test.Doc")
	assert.ErrorContains(t, err, "not as float64")
}
