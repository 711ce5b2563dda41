package report

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

func TestListPrecedenceAndOrder(t *testing.T) {
	tests := []struct {
		name string
		adds [][2]string // path, code
		want [][2]string
	}{
		{"empty", nil, nil},
		{"order kept", [][2]string{{"b", "required"}, {"a", "too_long"}}, [][2]string{{"b", "required"}, {"a", "too_long"}}},
		{"duplicate wins in place", [][2]string{{"x", "invalid_type"}, {"y", "required"}, {"x", "duplicate_field"}},
			[][2]string{{"x", "duplicate_field"}, {"y", "required"}}},
		{"first kept when lower", [][2]string{{"x", "required"}, {"x", "invalid_format"}}, [][2]string{{"x", "required"}}},
		{"key beats value", [][2]string{{"metadata.k", "too_long"}, {"metadata.k", "key_too_long"}}, [][2]string{{"metadata.k", "key_too_long"}}},
		{"type beats phone", [][2]string{{"phone", "invalid_phone"}, {"phone", "invalid_type"}}, [][2]string{{"phone", "invalid_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			for _, a := range tt.adds {
				l.Add(a[0], billing.Code(a[1]), "m")
			}
			if tt.want == nil {
				assert.NoError(t, l.Err())
				return
			}
			var got [][2]string
			for _, e := range billing.AsErrors(l.Err()) {
				got = append(got, [2]string{e.Field, string(e.Code)})
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestListManyPathsStaysIndexed(t *testing.T) {
	var l List
	for i := range 1000 {
		l.Add(fmt.Sprintf("metadata.k%d", i), billing.CodeTooLong, "m")
		l.Add(fmt.Sprintf("metadata.k%d", i), billing.CodeInvalidKey, "m")
	}
	require.Equal(t, 1000, l.Len())
	assert.True(t, l.Has("metadata.k999"))
	assert.False(t, l.Has("metadata.k1000"))
	for _, e := range billing.AsErrors(l.Err()) {
		assert.Equal(t, billing.CodeInvalidKey, e.Code)
	}
}

func TestAddErrorPrefixes(t *testing.T) {
	var l List
	inner := billing.Errors{billing.NewFieldError("phone", billing.CodeInvalidPhone, "m"), billing.NewFieldError("", billing.CodeInvalidType, "m")}
	assert.True(t, l.AddError("customer", inner))
	assert.False(t, l.AddError("customer", errors.New("plain")))
	assert.True(t, l.AddError("", billing.NewFieldError("name", billing.CodeRequired, "m")))
	es := billing.AsErrors(l.Err())
	require.Len(t, es, 3)
	assert.Equal(t, "customer.phone", es[0].Field)
	assert.Equal(t, "customer", es[1].Field)
	assert.Equal(t, "name", es[2].Field)
}

func TestAddAtOverridesField(t *testing.T) {
	var l List
	assert.True(t, l.AddAt("customer_id", billing.NewFieldError("id", billing.CodeInvalidFormat, "m")))
	assert.False(t, l.AddAt("x", nil))
	es := billing.AsErrors(l.Err())
	require.Len(t, es, 1)
	assert.Equal(t, "customer_id", es[0].Field)
	assert.Equal(t, billing.CodeInvalidFormat, es[0].Code)
}
