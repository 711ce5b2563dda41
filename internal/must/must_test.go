package must_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/tallykit/billing/internal/must"
)

func TestGet(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  int
		panic string // the panic value, a string; "" when Get returns
	}{
		{"value", "42", 42, ""},
		{"error", "x", 0, `billing: strconv.Atoi: parsing "x": invalid syntax`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.panic != "" {
				assert.PanicsWithValue(t, tt.panic, func() { must.Get(strconv.Atoi(tt.in)) })
				return
			}
			assert.Equal(t, tt.want, must.Get(strconv.Atoi(tt.in)))
		})
	}
}
