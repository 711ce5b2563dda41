package metadata

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

// pointers returns the pointer of each failure err holds, in order.
func pointers(err error) []string {
	var out []string
	for _, e := range report.Errs(err) {
		out = append(out, e.Pointer)
	}
	return out
}

func TestNamedLimits(t *testing.T) {
	assert.Equal(t, Limits{MaxKeys: 20, MaxKeyLength: 40, MaxValueLength: 500}, CustomerLimits())
	assert.Equal(t, Limits{MaxKeys: 10, MaxKeyLength: 40, MaxValueLength: 500}, AccountLimits())
	// A caller changing its copy changes nothing for anyone else.
	l := CustomerLimits()
	l.MaxKeys = 1
	assert.Equal(t, 20, CustomerLimits().MaxKeys)
}

func TestCheckKey(t *testing.T) {
	tests := []struct {
		key  string
		code billing.Code
	}{
		{"order_id", ""},
		{"a", ""},
		{"a.b", ""},
		{"with space", ""},
		{"ключ", ""},
		{"😀", ""},
		{strings.Repeat("k", 40), ""},
		{strings.Repeat("é", 40), ""},
		{strings.Repeat("k", 41), billing.CodeKeyTooLong},
		{strings.Repeat("😀", 41), billing.CodeKeyTooLong},
		{"", billing.CodeInvalidKey},
		{"a\x00b", billing.CodeInvalidKey},
		{"a\tb", billing.CodeInvalidKey},
		{"a\nb", billing.CodeInvalidKey},
		{"\x1f", billing.CodeInvalidKey},
		{"\x7f", billing.CodeInvalidKey},
		{"\u0080", billing.CodeInvalidKey},
		{"\u0085", billing.CodeInvalidKey},
		{"\u009f", billing.CodeInvalidKey},
		{"\u00a0", ""},
		{"\xff", billing.CodeInvalidKey},
		{"a\xc3", billing.CodeInvalidKey},
		{"\xed\xa0\x80", billing.CodeInvalidKey}, // lone surrogate U+D800
		{"\xc0\xaf", billing.CodeInvalidKey},     // overlong
		{"\xf4\x90\x80\x80", billing.CodeInvalidKey},
		{strings.Repeat("k", 41) + "\xff", billing.CodeInvalidKey}, // invalid wins over too long
		{strings.Repeat("k", 41) + "\x00", billing.CodeInvalidKey},
	}
	for _, tt := range tests {
		c, msg := checkKey(tt.key, 40)
		assert.Equal(t, tt.code, c, "%q", tt.key)
		c2, msg2 := checkKey([]byte(tt.key), 40)
		assert.Equal(t, c, c2)
		assert.Equal(t, msg, msg2)
		if c != "" && tt.key != "" {
			assert.NotContains(t, msg, tt.key)
		}
	}
}

func TestCheckValue(t *testing.T) {
	tests := []struct {
		value string
		code  billing.Code
	}{
		{"x", ""},
		{" ", ""},
		{"line\nbreak\ttab\x00nul\x7f\u0085", ""}, // control characters are fine in values
		{strings.Repeat("v", 500), ""},
		{strings.Repeat("€", 500), ""},
		{strings.Repeat("v", 501), billing.CodeTooLong},
		{strings.Repeat("€", 501), billing.CodeTooLong},
		{"", billing.CodeRequired},
		{"\xff", billing.CodeInvalidCharacters},
		{"\xed\xb0\x80", billing.CodeInvalidCharacters},
		{strings.Repeat("v", 501) + "\xff", billing.CodeInvalidCharacters},
	}
	for _, tt := range tests {
		c, _ := checkValue(tt.value, 500)
		assert.Equal(t, tt.code, c, "%q", tt.value)
		c2, _ := checkValue([]byte(tt.value), 500)
		assert.Equal(t, c, c2)
	}
}

func TestNew(t *testing.T) {
	md, err := New(map[string]string{"b": "2", "a": "1", "c": "3"}, CustomerLimits())
	require.NoError(t, err)
	assert.Equal(t, 3, md.Len())
	assert.False(t, md.IsZero())
	assert.Equal(t, []string{"a", "b", "c"}, md.Keys())
	v, ok := md.Get("b")
	assert.True(t, ok)
	assert.Equal(t, "2", v)
	_, ok = md.Get("d")
	assert.False(t, ok)
	_, ok = md.Get("")
	assert.False(t, ok)

	empty, err := New(nil, Limits{})
	require.NoError(t, err)
	assert.True(t, empty.IsZero())
	assert.True(t, empty.Equal(Metadata{}))
	empty, err = New(map[string]string{}, Limits{MaxKeys: -1})
	require.NoError(t, err, "empty metadata is valid under any limits")
	assert.True(t, empty.IsZero())
	_, err = Decode([]byte(`{}`), Limits{MaxKeys: -1})
	require.NoError(t, err)
	require.NoError(t, Limits{MaxKeys: -1}.ValidateMetadata(Metadata{}))
	empty, err = New(map[string]string{}, AccountLimits())
	require.NoError(t, err)
	assert.True(t, empty.IsZero())
}

func TestNewCopies(t *testing.T) {
	src := map[string]string{"a": "1"}
	md := MustNew(src, CustomerLimits())
	src["a"] = "changed"
	src["b"] = "new"
	v, _ := md.Get("a")
	assert.Equal(t, "1", v)
	assert.Equal(t, 1, md.Len())

	keys := md.Keys()
	keys[0] = "zzz"
	assert.Equal(t, []string{"a"}, md.Keys())
	m := md.Map()
	m["a"] = "changed"
	v, _ = md.Get("a")
	assert.Equal(t, "1", v)
}

func TestNewFailures(t *testing.T) {
	many := map[string]string{}
	for i := range 12 {
		many[string(rune('a'+i))] = "v"
	}
	many["bad\x00"] = "v"
	many["e"] = ""
	tests := []struct {
		name string
		m    map[string]string
		l    Limits
		want []testkit.Failure
	}{
		{"too many, entries still checked in sorted order", many, AccountLimits(),
			testkit.Pairs("metadata", "too_many_keys", "metadata.bad\x00", "invalid_key", "metadata.e", "required")},
		{"key beats value", map[string]string{strings.Repeat("k", 41): ""}, CustomerLimits(),
			testkit.Pairs("metadata."+strings.Repeat("k", 41), "key_too_long")},
		{"sorted", map[string]string{"z": "", "": "x", "m": "\xff", "b": strings.Repeat("v", 501)}, CustomerLimits(),
			testkit.Pairs("metadata.", "invalid_key", "metadata.b", "too_long", "metadata.m", "invalid_characters", "metadata.z", "required")},
		{"zero limits allow nothing", map[string]string{"a": "b"}, Limits{},
			testkit.Pairs("metadata", "too_many_keys", "metadata.a", "key_too_long")},
		{"key with a dot", map[string]string{"a.b": ""}, CustomerLimits(), testkit.Pairs("metadata.a.b", "required")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := New(tt.m, tt.l)
			assert.Equal(t, tt.want, testkit.Failures(err))
			assert.True(t, md.IsZero())
			assert.Equal(t, tt.want, testkit.Failures(tt.l.Validate(tt.m)))
		})
	}
	assert.PanicsWithValue(t, "billing: metadata.: invalid_key: a metadata key must not be empty",
		func() { MustNew(map[string]string{"": "x"}, CustomerLimits()) })
}

func TestValidateMetadata(t *testing.T) {
	m := map[string]string{}
	for i := range 15 {
		m[strings.Repeat("k", i+1)] = "v"
	}
	md := MustNew(m, CustomerLimits())
	assert.NoError(t, CustomerLimits().ValidateMetadata(md))
	assert.Equal(t, testkit.Pairs("metadata", "too_many_keys"), testkit.Failures(AccountLimits().ValidateMetadata(md)))
	short := Limits{MaxKeys: 20, MaxKeyLength: 14, MaxValueLength: 500}
	assert.Equal(t, testkit.Pairs("metadata."+strings.Repeat("k", 15), "key_too_long"), testkit.Failures(short.ValidateMetadata(md)))
	assert.NoError(t, Limits{}.ValidateMetadata(Metadata{}))
}

func TestAllAndMap(t *testing.T) {
	src := map[string]string{"é": "3", "b": "2", "a": "1", "Z": "0"}
	md := MustNew(src, CustomerLimits())
	var keys, values []string
	for k, v := range md.All() {
		keys = append(keys, k)
		values = append(values, v)
	}
	assert.Equal(t, []string{"Z", "a", "b", "é"}, keys)
	assert.Equal(t, []string{"0", "1", "2", "3"}, values)
	assert.Equal(t, slices.Sorted(maps.Keys(src)), md.Keys())
	assert.Equal(t, src, md.Map())
	for range md.All() {
		break // stopping early is fine
	}
	assert.Nil(t, Metadata{}.Map())
	assert.Nil(t, Metadata{}.Keys())
	for range (Metadata{}).All() {
		t.Fatal("zero Metadata has no entries")
	}
}

func TestEqual(t *testing.T) {
	a := MustNew(map[string]string{"a": "1", "b": "2"}, CustomerLimits())
	b := MustNew(map[string]string{"b": "2", "a": "1"}, CustomerLimits())
	c := MustNew(map[string]string{"a": "1", "b": "3"}, CustomerLimits())
	assert.True(t, a.Equal(b))
	assert.False(t, a.Equal(c))
	assert.False(t, a.Equal(Metadata{}))
}

// TestPlaces checks the field and the pointer of every kind of failure, through each
// function that reports them, and that each returns one billing.Errors.
func TestPlaces(t *testing.T) {
	type place struct{ field, pointer string }
	tests := []struct {
		key  string
		want place
	}{
		{"", place{"metadata.", "/metadata/"}},
		{"a.b", place{"metadata.a.b", "/metadata/a.b"}},
		{"a/b", place{"metadata.a/b", "/metadata/a~1b"}},
		{"~x", place{"metadata.~x", "/metadata/~0x"}},
		{"~1", place{"metadata.~1", "/metadata/~01"}},
	}
	l := Limits{MaxKeys: 0, MaxKeyLength: 40, MaxValueLength: 500}
	for _, tt := range tests {
		m := map[string]string{tt.key: ""}
		doc, err := json.Marshal(m)
		require.NoError(t, err)
		_, errNew := New(m, l)
		_, errDecode := Decode(doc, l)
		var md Metadata
		errUnmarshal := md.UnmarshalJSON(doc)
		errScan := md.Scan(doc)
		for name, err := range map[string]error{
			"New": errNew, "Validate": l.Validate(m), "Decode": errDecode,
			"UnmarshalJSON": errUnmarshal, "Scan": errScan,
		} {
			require.IsType(t, billing.Errors{}, err, name)
			errs := err.(billing.Errors)
			if name == "UnmarshalJSON" || name == "Scan" { // CustomerLimits: no too_many_keys
				require.Len(t, errs, 1, name)
			} else {
				require.Len(t, errs, 2, name)
				assert.Equal(t, place{"metadata", "/metadata"}, place{errs[0].Field, errs[0].Pointer}, name)
				assert.Equal(t, billing.CodeTooManyKeys, errs[0].Code, name)
			}
			last := errs[len(errs)-1]
			assert.Equal(t, tt.want, place{last.Field, last.Pointer}, "%s %q", name, tt.key)
		}
	}
	err := Limits{}.ValidateMetadata(MustNew(map[string]string{"a/b": "v"}, CustomerLimits()))
	require.IsType(t, billing.Errors{}, err)
	assert.Equal(t, []string{"/metadata", "/metadata/a~1b"}, pointers(err))
}
