package must

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGet(t *testing.T) {
	assert.Equal(t, 7, Get(7, nil))
	assert.PanicsWithValue(t, "billing: bad input", func() { Get(0, errors.New("bad input")) })
}
