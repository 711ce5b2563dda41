package report

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
)

// at builds a place from its names, as the document readers do member by member.
func at(names ...string) Loc {
	var l Loc
	for _, n := range names {
		l = l.Member(n)
	}
	return l
}

func TestListPrecedenceAndOrder(t *testing.T) {
	tests := []struct {
		name string
		adds [][2]string // top-level member, code
		want [][2]string
	}{
		{"empty", nil, nil},
		{"order kept", [][2]string{{"b", "required"}, {"a", "too_long"}}, [][2]string{{"b", "required"}, {"a", "too_long"}}},
		{"duplicate wins in place", [][2]string{{"x", "invalid_type"}, {"y", "required"}, {"x", "duplicate_field"}},
			[][2]string{{"x", "duplicate_field"}, {"y", "required"}}},
		{"first kept when lower", [][2]string{{"x", "required"}, {"x", "invalid_format"}}, [][2]string{{"x", "required"}}},
		{"key beats value", [][2]string{{"k", "too_long"}, {"k", "key_too_long"}}, [][2]string{{"k", "key_too_long"}}},
		{"type beats phone", [][2]string{{"phone", "invalid_phone"}, {"phone", "invalid_type"}}, [][2]string{{"phone", "invalid_type"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			for _, a := range tt.adds {
				l.Add(At(a[0]), billing.Code(a[1]), "m")
			}
			if tt.want == nil {
				assert.NoError(t, l.Err())
				return
			}
			var got [][2]string
			for _, e := range Errs(l.Err()) {
				got = append(got, [2]string{e.Field, string(e.Code)})
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestListManyPathsStaysIndexed(t *testing.T) {
	var l List
	md := At("metadata")
	for i := range 1000 {
		l.Add(md.Member(fmt.Sprintf("k%d", i)), billing.CodeTooLong, "m")
		l.Add(md.Member(fmt.Sprintf("k%d", i)), billing.CodeInvalidKey, "m")
	}
	require.Equal(t, 1000, l.Len())
	assert.True(t, l.Has(md.Member("k999")))
	assert.False(t, l.Has(md.Member("k1000")))
	for _, e := range Errs(l.Err()) {
		assert.Equal(t, billing.CodeInvalidKey, e.Code)
	}
}

func TestKeysWithDotsAreDistinctPlaces(t *testing.T) {
	// "metadata.a.b" is both the key "a.b" and the key "b" of a member "a": only the
	// pointer tells them apart, and the list keys its failures by pointer.
	var l List
	l.Add(at("metadata", "a.b"), billing.CodeTooLong, "m")
	l.Add(at("metadata", "a", "b"), billing.CodeTooLong, "m")
	es := Errs(l.Err())
	require.Len(t, es, 2)
	assert.Equal(t, "metadata.a.b", es[0].Field)
	assert.Equal(t, "metadata.a.b", es[1].Field)
	assert.Equal(t, "/metadata/a.b", es[0].Pointer)
	assert.Equal(t, "/metadata/a/b", es[1].Pointer)
}

func TestLocForms(t *testing.T) {
	tests := []struct {
		names         []string
		path, pointer string
	}{
		{nil, "", ""},
		{[]string{"phone"}, "phone", "/phone"},
		{[]string{"customer", "phone"}, "customer.phone", "/customer/phone"},
		{[]string{"metadata", "a/b"}, "metadata.a/b", "/metadata/a~1b"},
		{[]string{"metadata", "~x"}, "metadata.~x", "/metadata/~0x"},
		{[]string{"metadata", "~1"}, "metadata.~1", "/metadata/~01"},
		{[]string{"metadata", ""}, "metadata.", "/metadata/"},
		{[]string{""}, "", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.pointer, func(t *testing.T) {
			l := at(tt.names...)
			assert.Equal(t, tt.pointer, l.Pointer())
			assert.Equal(t, tt.path, l.Path())
			assert.Equal(t, len(tt.names) == 0, l.IsRoot())
			fe := l.Error(billing.CodeRequired, "m")
			assert.Equal(t, billing.NewFieldError(billing.CodeRequired, "m", tt.names...), fe)
		})
	}
}

func TestAddUnderPrefixes(t *testing.T) {
	var l List
	inner := billing.Errors{At("phone").Error(billing.CodeInvalidPhone, "m"), Loc{}.Error(billing.CodeInvalidType, "m")}
	assert.True(t, l.AddUnder(At("customer"), inner))
	assert.False(t, l.AddUnder(At("customer"), errors.New("plain")))
	assert.True(t, l.AddUnder(Loc{}, At("name").Fail(billing.CodeRequired, "m")))
	es := Errs(l.Err())
	require.Len(t, es, 3)
	assert.Equal(t, [3]string{"customer.phone", "/customer/phone", "invalid_phone"}, [3]string{es[0].Field, es[0].Pointer, string(es[0].Code)})
	assert.Equal(t, [3]string{"customer", "/customer", "invalid_type"}, [3]string{es[1].Field, es[1].Pointer, string(es[1].Code)})
	assert.Equal(t, "/name", es[2].Pointer)
}

func TestAddAtOverridesField(t *testing.T) {
	var l List
	assert.True(t, l.AddAt(At("customer_id"), At("id").Fail(billing.CodeInvalidFormat, "m")))
	assert.False(t, l.AddAt(At("x"), nil))
	es := Errs(l.Err())
	require.Len(t, es, 1)
	assert.Equal(t, "customer_id", es[0].Field)
	assert.Equal(t, "/customer_id", es[0].Pointer)
	assert.Equal(t, billing.CodeInvalidFormat, es[0].Code)
}

func TestErrs(t *testing.T) {
	assert.Nil(t, Errs(nil))
	assert.Nil(t, Errs(errors.New("plain")))
	es := billing.Errors{At("a").Error(billing.CodeRequired, "m")}
	assert.Equal(t, es, Errs(fmt.Errorf("wrapped: %w", es)))
}
