package strictjson

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
