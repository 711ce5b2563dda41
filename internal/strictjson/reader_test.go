package strictjson

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

// got is what the test schema read from a document.
type got struct {
	strs  map[string]string // path → decoded string
	ints  map[string]int64
	bools map[string]bool
}

// readSchema reads every object with the same test schema: "s" a string, "i" an integer in
// ±MaxSafeInt, "small" an integer in [1, 10], "b" a bool, "n" a nullable string, "o" a nested
// object with this schema, "a" an array of strings, "raw" any value taken raw; anything else
// is unknown ("left" is left unread, which must be unknown too).
func readSchema(o Object, g *got) {
	for o.Next() {
		switch string(o.NameBytes()) {
		case "s":
			if s, ok := o.String(); ok {
				g.strs[o.Path().Path()] = s
			}
		case "i":
			if v, ok := o.Int(-MaxSafeInt, MaxSafeInt); ok {
				g.ints[o.Path().Path()] = v
			}
		case "small":
			if v, ok := o.Int(1, 10); ok {
				g.ints[o.Path().Path()] = v
			}
		case "b":
			if v, ok := o.Bool(); ok {
				g.bools[o.Path().Path()] = v
			}
		case "n":
			if o.Null() {
				g.strs[o.Path().Path()] = "<null>"
				break
			}
			if s, ok := o.String(); ok {
				g.strs[o.Path().Path()] = s
			}
		case "o":
			if sub, ok := o.Object(); ok {
				readSchema(sub, g)
			}
		case "a":
			if a, ok := o.Array(); ok {
				for a.Next() {
					if s, ok := a.String(); ok {
						g.strs[a.Path().Path()] = s
					}
				}
			}
		case "raw":
			if raw, ok := o.Raw(); ok {
				g.strs[o.Path().Path()] = "raw:" + string(raw)
			}
		case "left":
		default:
			o.Unknown()
		}
	}
}

func decodeSchema(data string) (*got, error) {
	g := &got{strs: map[string]string{}, ints: map[string]int64{}, bools: map[string]bool{}}
	err := Decode([]byte(data), report.Loc{}, func(o Object) { readSchema(o, g) })
	return g, err
}

func TestDecodeFailures(t *testing.T) {
	const ij, it = "invalid_json", "invalid_type"
	tests := []struct {
		name string
		in   string
		want []testkit.Failure
	}{
		// document level
		{"empty object", `{}`, nil},
		{"white space around", " \t\r\n{ } \n", nil},
		{"empty input", ``, testkit.Pairs("", ij)},
		{"only space", `   `, testkit.Pairs("", ij)},
		{"top string", `"x"`, testkit.Pairs("", it)},
		{"top number", `1`, testkit.Pairs("", it)},
		{"top true", `true`, testkit.Pairs("", it)},
		{"top null", `null`, testkit.Pairs("", it)},
		{"top array", `[1,2]`, testkit.Pairs("", it)},
		{"top broken array", `[1,`, testkit.Pairs("", ij)},
		{"top bad literal", `nul`, testkit.Pairs("", ij)},
		{"trailing garbage", `{} x`, testkit.Pairs("", ij)},
		{"trailing object", `{}{}`, testkit.Pairs("", ij)},
		{"trailing after scalar", `1 2`, testkit.Pairs("", ij)},
		{"trailing comma", `{"s":"a",}`, testkit.Pairs("", ij)},
		{"missing comma", `{"s":"a" "i":1}`, testkit.Pairs("", ij)},
		{"missing colon", `{"s" "a"}`, testkit.Pairs("", ij)},
		{"unquoted name", `{s:"a"}`, testkit.Pairs("", ij)},
		{"single quotes", `{'s':'a'}`, testkit.Pairs("", ij)},
		{"unclosed", `{"s":"a"`, testkit.Pairs("", ij)},
		{"unclosed string", `{"s":"a}`, testkit.Pairs("", ij)},
		{"BOM", "\ufeff{}", testkit.Pairs("", ij)},
		{"NUL raw in string", "{\"s\":\"a\x00b\"}", testkit.Pairs("", ij)},
		{"tab raw in string", "{\"s\":\"a\tb\"}", testkit.Pairs("", ij)},
		{"bad escape", `{"s":"\x"}`, testkit.Pairs("", ij)},
		{"short unicode escape", `{"s":"\u12"}`, testkit.Pairs("", ij)},
		{"bad hex", `{"s":"\u12g4"}`, testkit.Pairs("", ij)},
		{"comment", `{/*x*/}`, testkit.Pairs("", ij)},
		{"invalid json discards the rest", `{"zz":1,"s":2,"s":3,`, testkit.Pairs("", ij)},
		{"NaN", `{"i":NaN}`, testkit.Pairs("", ij)},
		{"broken inside raw", `{"raw":{"a":[1,}}`, testkit.Pairs("", ij)},
		{"broken inside unknown", `{"zz":[1 2]}`, testkit.Pairs("", ij)},
		{"broken inside wrong type", `{"s":{"a" 1}}`, testkit.Pairs("", ij)},
		{"broken after duplicate", `{"s":"a","s":tru}`, testkit.Pairs("", ij)},

		// numbers
		{"00", `{"i":00}`, testkit.Pairs("", ij)},
		{"01", `{"i":01}`, testkit.Pairs("", ij)},
		{"+1", `{"i":+1}`, testkit.Pairs("", ij)},
		{".5", `{"i":.5}`, testkit.Pairs("", ij)},
		{"1.", `{"i":1.}`, testkit.Pairs("", ij)},
		{"1e", `{"i":1e}`, testkit.Pairs("", ij)},
		{"-", `{"i":-}`, testkit.Pairs("", ij)},
		{"--1", `{"i":--1}`, testkit.Pairs("", ij)},
		{"hex", `{"i":0x10}`, testkit.Pairs("", ij)},
		{"-0", `{"i":-0}`, nil},
		{"0", `{"i":0}`, nil},
		{"max safe", `{"i":9007199254740991}`, nil},
		{"min safe", `{"i":-9007199254740991}`, nil},
		{"2^53", `{"i":9007199254740992}`, testkit.Pairs("i", "out_of_range")},
		{"-2^53", `{"i":-9007199254740992}`, testkit.Pairs("i", "out_of_range")},
		{"2^63", `{"i":9223372036854775808}`, testkit.Pairs("i", "out_of_range")},
		{"-2^63", `{"i":-9223372036854775808}`, testkit.Pairs("i", "out_of_range")},
		{"2^64", `{"i":18446744073709551616}`, testkit.Pairs("i", "out_of_range")},
		{"400 digits", `{"i":` + "1" + strings.Repeat("0", 399) + `}`, testkit.Pairs("i", "out_of_range")},
		{"400 digits negative", `{"i":-` + strings.Repeat("9", 400) + `}`, testkit.Pairs("i", "out_of_range")},
		{"small below", `{"small":0}`, testkit.Pairs("small", "out_of_range")},
		{"small above", `{"small":11}`, testkit.Pairs("small", "out_of_range")},
		{"2000.0", `{"i":2000.0}`, testkit.Pairs("i", it)},
		{"2e3", `{"i":2e3}`, testkit.Pairs("i", it)},
		{"1E2", `{"i":1E2}`, testkit.Pairs("i", it)},
		{"1e-2", `{"i":1e-2}`, testkit.Pairs("i", it)},
		{"1e999999", `{"i":1e999999}`, testkit.Pairs("i", it)},
		{"400 digit fraction", `{"i":0.` + strings.Repeat("1", 400) + `}`, testkit.Pairs("i", it)},
		{"number as string", `{"s":12}`, testkit.Pairs("s", it)},

		// every JSON type where a string is wanted, and so on
		{"string: true", `{"s":true}`, testkit.Pairs("s", it)},
		{"string: null", `{"s":null}`, testkit.Pairs("s", it)},
		{"string: object", `{"s":{"a":1}}`, testkit.Pairs("s", it)},
		{"string: array", `{"s":[1]}`, testkit.Pairs("s", it)},
		{"int: string", `{"i":"1"}`, testkit.Pairs("i", it)},
		{"int: bool", `{"i":false}`, testkit.Pairs("i", it)},
		{"int: null", `{"i":null}`, testkit.Pairs("i", it)},
		{"int: object", `{"i":{}}`, testkit.Pairs("i", it)},
		{"int: array", `{"i":[]}`, testkit.Pairs("i", it)},
		{"bool: string", `{"b":"true"}`, testkit.Pairs("b", it)},
		{"bool: number", `{"b":1}`, testkit.Pairs("b", it)},
		{"bool: null", `{"b":null}`, testkit.Pairs("b", it)},
		{"bool: object", `{"b":{}}`, testkit.Pairs("b", it)},
		{"bool: array", `{"b":[]}`, testkit.Pairs("b", it)},
		{"object: string", `{"o":"x"}`, testkit.Pairs("o", it)},
		{"object: number", `{"o":1}`, testkit.Pairs("o", it)},
		{"object: bool", `{"o":true}`, testkit.Pairs("o", it)},
		{"object: null", `{"o":null}`, testkit.Pairs("o", it)},
		{"object: array", `{"o":[]}`, testkit.Pairs("o", it)},
		{"array: object", `{"a":{}}`, testkit.Pairs("a", it)},
		{"array element: number", `{"a":["x",1,"y",null]}`, testkit.Pairs("a.1", it, "a.3", it)},
		{"nullable: null", `{"n":null}`, nil},
		{"nullable: number", `{"n":1}`, testkit.Pairs("n", it)},
		{"raw anything", `{"raw":[1,{"a":{"a":1,"a":2}}]}`, nil},

		// unknown and duplicate members, at every level
		{"unknown", `{"zz":1}`, testkit.Pairs("zz", "unknown_field")},
		{"left unread is unknown", `{"left":{"x":[1,2]}}`, testkit.Pairs("left", "unknown_field")},
		{"unknown nested", `{"o":{"zz":"x"}}`, testkit.Pairs("o.zz", "unknown_field")},
		{"unknown deep", `{"o":{"o":{"o":{"zz":[]}}}}`, testkit.Pairs("o.o.o.zz", "unknown_field")},
		{"unknown invalid utf-8 name", "{\"z\xffz\":1}", testkit.Pairs("z\xffz", "unknown_field")},
		{"unknown escaped name", `{"\u0000":1}`, testkit.Pairs("\x00", "unknown_field")},
		{"empty name", `{"":1}`, testkit.Pairs("", "unknown_field")},
		{"duplicate", `{"s":"a","s":"b"}`, testkit.Pairs("s", "duplicate_field")},
		{"duplicate thrice", `{"s":"a","s":"b","s":"c"}`, testkit.Pairs("s", "duplicate_field")},
		{"duplicate outranks first type", `{"s":1,"s":"b"}`, testkit.Pairs("s", "duplicate_field")},
		{"duplicate outranks range", `{"i":1e3,"zz":0,"i":1}`, testkit.Pairs("i", "duplicate_field", "zz", "unknown_field")},
		{"duplicate unknown", `{"zz":1,"zz":2}`, testkit.Pairs("zz", "duplicate_field")},
		{"duplicate in place of the first", `{"s":"a","zz":1,"s":"b"}`, testkit.Pairs("s", "duplicate_field", "zz", "unknown_field")},
		{"duplicate escaped in place of the first", `{"o":{"b":true,"zz":1,"b":false},"i":"x"}`,
			testkit.Pairs("o.b", "duplicate_field", "o.zz", "unknown_field", "i", it)},
		{"duplicates in big objects in place of the first", `{"o":{"b":true,"k1":0,"k2":0,"k3":0,"k4":0,"k5":0,"k6":0,"k7":0,"k8":0,` +
			`"k9":0,"k10":0,"k11":0,"k12":0,"k13":0,"k14":0,"k15":0,"k16":0,"k17":0,"k18":0,"b":false}}`,
			testkit.Pairs("o.b", "duplicate_field", "o.k1", "unknown_field", "o.k2", "unknown_field", "o.k3", "unknown_field",
				"o.k4", "unknown_field", "o.k5", "unknown_field", "o.k6", "unknown_field", "o.k7", "unknown_field",
				"o.k8", "unknown_field", "o.k9", "unknown_field", "o.k10", "unknown_field", "o.k11", "unknown_field",
				"o.k12", "unknown_field", "o.k13", "unknown_field", "o.k14", "unknown_field", "o.k15", "unknown_field",
				"o.k16", "unknown_field", "o.k17", "unknown_field", "o.k18", "unknown_field")},
		{"duplicate by escape", `{"s":"a","\u0073":"b"}`, testkit.Pairs("s", "duplicate_field")},
		{"duplicate escaped both", `{"\u0073":"a","\u0073":"b"}`, testkit.Pairs("s", "duplicate_field")},
		{"duplicate nested", `{"o":{"i":1,"i":2}}`, testkit.Pairs("o.i", "duplicate_field")},
		{"duplicate deep", `{"o":{"o":{"b":true,"b":true}}}`, testkit.Pairs("o.o.b", "duplicate_field")},
		{"duplicate object", `{"o":{},"o":{"zz":1}}`, testkit.Pairs("o", "duplicate_field")},
		{"same name at two levels is fine", `{"o":{"o":{}},"i":1,"s":"x"}`, nil},
		{"same name in sibling objects is fine", `{"a":["x"],"o":{"i":1,"o":{"i":2}}}`, nil},
		{"document order", `{"zz":1,"s":2,"o":{"b":"x","yy":1},"i":0.5}`,
			testkit.Pairs("zz", "unknown_field", "s", it, "o.b", it, "o.yy", "unknown_field", "i", it)},

		// strings are decoded, not judged
		{"lone surrogate", `{"s":"\ud800"}`, nil},
		{"surrogate pair", `{"s":"\ud83d\ude00"}`, nil},
		{"raw invalid utf-8", "{\"s\":\"\xff\xfe\"}", nil},
		{"escaped NUL", `{"s":"\u0000"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeSchema(tt.in)
			assert.Equal(t, tt.want, testkit.Failures(err))
			if tt.want == nil {
				assert.NoError(t, err)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	tests := []struct {
		in    string
		strs  map[string]string
		ints  map[string]int64
		bools map[string]bool
	}{
		{in: `{"s":"plain"}`, strs: map[string]string{"s": "plain"}},
		{in: `{"s":""}`, strs: map[string]string{"s": ""}},
		{in: `{"s":"a\"b\\c\/d\be\ff\ng\rh\ti"}`, strs: map[string]string{"s": "a\"b\\c/d\be\ff\ng\rh\ti"}},
		{in: `{"s":"\u00e9\u20AC"}`, strs: map[string]string{"s": "é€"}},
		{in: `{"s":"\ud83d\ude00"}`, strs: map[string]string{"s": "😀"}},
		{in: `{"s":"\ud800"}`, strs: map[string]string{"s": "\xed\xa0\x80"}},
		{in: `{"s":"\udc00x"}`, strs: map[string]string{"s": "\xed\xb0\x80x"}},
		{in: `{"s":"\ud800\u0041"}`, strs: map[string]string{"s": "\xed\xa0\x80A"}},
		{in: `{"s":"\ud800\ud800"}`, strs: map[string]string{"s": "\xed\xa0\x80\xed\xa0\x80"}},
		{in: `{"s":"\ude00\ud83d"}`, strs: map[string]string{"s": "\xed\xb8\x80\xed\xa0\xbd"}},
		{in: "{\"s\":\"\xff\xc3(\"}", strs: map[string]string{"s": "\xff\xc3("}},
		{in: `{"s":"a\u0000b"}`, strs: map[string]string{"s": "a\x00b"}},
		{in: "{\"s\":\"\x7f\u0085\"}", strs: map[string]string{"s": "\x7f\u0085"}},
		{in: `{"n":"x","o":{"n":null,"s":"y"}}`, strs: map[string]string{"n": "x", "o.n": "<null>", "o.s": "y"}},
		{in: `{"a":["x","\u0079"]}`, strs: map[string]string{"a.0": "x", "a.1": "y"}},
		{in: `{"raw" : [ 1 , {"a":null} ] }`, strs: map[string]string{"raw": `raw:[ 1 , {"a":null} ]`}},
		{in: `{"raw":"x"}`, strs: map[string]string{"raw": `raw:"x"`}},
		{in: `{"i":-0,"o":{"i":-9007199254740991,"o":{"i":42}}}`, ints: map[string]int64{"i": 0, "o.i": -9007199254740991, "o.o.i": 42}},
		{in: `{"small":10}`, ints: map[string]int64{"small": 10}},
		{in: `{"b":true,"o":{"b":false}}`, bools: map[string]bool{"b": true, "o.b": false}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			g, err := decodeSchema(tt.in)
			require.NoError(t, err)
			if tt.strs == nil {
				tt.strs = map[string]string{}
			}
			if tt.ints == nil {
				tt.ints = map[string]int64{}
			}
			if tt.bools == nil {
				tt.bools = map[string]bool{}
			}
			assert.Equal(t, tt.strs, g.strs)
			assert.Equal(t, tt.ints, g.ints)
			assert.Equal(t, tt.bools, g.bools)
		})
	}
}

func TestDecodeDepth(t *testing.T) {
	nest := func(n int) string { // n levels in all, the top object included
		return `{"raw":` + strings.Repeat("[", n-1) + strings.Repeat("]", n-1) + `}`
	}
	_, err := decodeSchema(nest(MaxDepth))
	assert.NoError(t, err)
	_, err = decodeSchema(nest(MaxDepth + 1))
	assert.Equal(t, testkit.Pairs("", "invalid_json"), testkit.Failures(err))

	objects := func(n int) string { // n objects read through Object
		return strings.Repeat(`{"o":`, n-1) + `{}` + strings.Repeat(`}`, n-1)
	}
	_, err = decodeSchema(objects(MaxDepth))
	assert.NoError(t, err)
	_, err = decodeSchema(objects(MaxDepth + 1))
	assert.Equal(t, testkit.Pairs("", "invalid_json"), testkit.Failures(err))

	_, err = decodeSchema(strings.Repeat("[", MaxSize))
	assert.Equal(t, testkit.Pairs("", "invalid_json"), testkit.Failures(err))
}

func TestDecodeSize(t *testing.T) {
	doc := func(n int) []byte { // a valid document of exactly n bytes
		return []byte(`{"s":"` + strings.Repeat("a", n-8) + `"}`)
	}
	require.Len(t, doc(MaxSize), MaxSize)
	assert.NoError(t, Decode(doc(MaxSize), report.Loc{}, func(o Object) {
		for o.Next() {
			o.Skip()
		}
	}))
	called := false
	err := Decode(doc(MaxSize+1), report.Loc{}, func(Object) { called = true })
	assert.Equal(t, testkit.Pairs("", "too_long"), testkit.Failures(err))
	assert.False(t, called)
	// Too long wins over malformed: the size is checked first.
	err = Decode([]byte(strings.Repeat("[", MaxSize+1)), report.Loc{}, nil)
	assert.Equal(t, testkit.Pairs("", "too_long"), testkit.Failures(err))
}

func TestDecodePrefix(t *testing.T) {
	err := Decode([]byte(`{"a":1,"a":2,"b":{"c":1}}`), report.At("metadata"), func(o Object) {
		for o.Next() {
			if string(o.NameBytes()) == "b" {
				if sub, ok := o.Object(); ok {
					assert.Equal(t, "/metadata/b", sub.Prefix().Pointer())
				}
			}
		}
	})
	assert.Equal(t, testkit.Pairs("metadata.a", "duplicate_field", "metadata.b.c", "unknown_field"), testkit.Failures(err))
	assert.Equal(t, testkit.Pairs("metadata", "invalid_type"), testkit.Failures(Decode([]byte(`"x"`), report.At("metadata"), nil)))
	assert.Equal(t, testkit.Pairs("metadata", "invalid_json"), testkit.Failures(Decode([]byte(`{`), report.At("metadata"), nil)))
}

func TestDecodeNilFunc(t *testing.T) {
	assert.Equal(t, testkit.Pairs("a", "unknown_field", "b", "unknown_field"), testkit.Failures(Decode([]byte(`{"a":1,"b":{"c":2}}`), report.Loc{}, nil)))
	assert.NoError(t, Decode([]byte(`{}`), report.Loc{}, nil))
}

func TestDecodeEarlyReturn(t *testing.T) {
	// A caller that stops in the middle of a nested object leaves the rest to the reader,
	// which reports it unknown and still checks the syntax.
	doc := `{"o":{"s":"x","zz":1,"o":{"i":1}},"i":2}`
	err := Decode([]byte(doc), report.Loc{}, func(o Object) {
		for o.Next() {
			if sub, ok := o.Object(); ok {
				sub.Next()
				sub.Skip()
				return
			}
		}
	})
	assert.Equal(t, testkit.Pairs("o.zz", "unknown_field", "o.o", "unknown_field", "i", "unknown_field"), testkit.Failures(err))

	err = Decode([]byte(`{"o":{"s":"x"},"i":[}`), report.Loc{}, func(o Object) {
		o.Next()
		o.Object()
	})
	assert.Equal(t, testkit.Pairs("", "invalid_json"), testkit.Failures(err))
}

func TestHandlesAfterUse(t *testing.T) {
	var kept Object
	var sub Object
	err := Decode([]byte(`{"o":{"i":1},"s":"x"}`), report.Loc{}, func(o Object) {
		kept = o
		require.True(t, o.Next())
		var ok bool
		sub, ok = o.Object()
		require.True(t, ok)
		// Moving the parent on finishes the child; the child handle is then inert.
		require.True(t, o.Next())
		assert.Equal(t, "s", o.Name())
		assert.False(t, sub.Next())
		_, ok = sub.Int(0, 1)
		assert.False(t, ok)
		assert.True(t, sub.Path().IsRoot())
		o.Skip()
		assert.False(t, o.Next())
		assert.False(t, o.Next())
		_, ok = o.String()
		assert.False(t, ok)
	})
	assert.Equal(t, testkit.Pairs("o.i", "unknown_field"), testkit.Failures(err))
	// After Decode returns, handles are inert and nothing panics.
	assert.False(t, kept.Next())
	assert.Equal(t, KindNone, kept.Kind())
	var zero Object
	assert.False(t, zero.Next())
	assert.True(t, zero.Path().IsRoot())
	assert.Nil(t, zero.NameBytes())
	zero.Fail(billing.CodeRequired, "x")
	assert.False(t, zero.FailErr(billing.CodeRequired))
	assert.False(t, zero.AddUnder(report.At("x"), billing.CodeRequired))
	zero.AddAt(report.At("x"), billing.CodeRequired, "x")
	assert.False(t, zero.Failed(report.At("x")))
	var za Array
	assert.False(t, za.Next())
	assert.Equal(t, -1, za.Index())
}

func TestOuterAccessorsKeepInnerOpen(t *testing.T) {
	var got []string
	err := Decode([]byte(`{"o":{"a":"x","b":1,"c":true}}`), report.Loc{}, func(o Object) {
		for o.Next() {
			sub, _ := o.Object()
			for sub.Next() {
				got = append(got, o.Path().Path()+"/"+o.Name()+"/"+o.Prefix().Path()+"/"+sub.Path().Path())
				if sub.Name() == "b" {
					o.Fail(billing.CodeRequired, "outer")
				}
				sub.Skip()
			}
			assert.Equal(t, "/o", sub.Prefix().Pointer(), "after the loop")
		}
	})
	assert.Equal(t, []string{"o/o//o.a", "o/o//o.b", "o/o//o.c"}, got)
	assert.Equal(t, testkit.Pairs("o", "required"), testkit.Failures(err))
}

func TestReadTwice(t *testing.T) {
	// A value can be read once; a second read reports false and records nothing.
	err := Decode([]byte(`{"s":"x","i":1}`), report.Loc{}, func(o Object) {
		for o.Next() {
			k := o.Kind()
			_, ok := o.Raw()
			assert.True(t, ok)
			_, ok = o.String()
			assert.False(t, ok, "second read")
			assert.Equal(t, KindNone, o.Kind())
			assert.NotEqual(t, KindNone, k)
		}
	})
	assert.NoError(t, err)
}

func TestFailAndReport(t *testing.T) {
	err := Decode([]byte(`{"s":"","o":{"i":1},"m":{}}`), report.Loc{}, func(o Object) {
		for o.Next() {
			switch o.Name() {
			case "s":
				o.Skip()
				o.Fail(billing.CodeRequired, "must not be empty")
			case "o":
				sub, _ := o.Object()
				for sub.Next() {
					sub.Skip()
					sub.FailErr(report.At("amount").Fail(billing.CodeOutOfRange, "too big"))
				}
				o.AddAt(report.At("o").Member("z"), billing.CodeRequired, "is required")
			case "m":
				o.Skip()
				o.AddUnder(o.Prefix(), billing.Errors{
					billing.NewFieldError(billing.CodeTooManyKeys, "too many", "m"),
					billing.NewFieldError(billing.CodeInvalidKey, "bad key", "m", "k"),
				})
				o.AddUnder(o.Path(), report.Loc{}.Fail(billing.CodeInvalidType, "whole"))
			}
		}
		assert.True(t, o.Failed(report.At("o").Member("z")))
		assert.False(t, o.Failed(report.At("zz")))
		o.AddAt(report.At("x"), billing.CodeRequired, "is required")
	})
	assert.Equal(t, testkit.Pairs("s", "required", "o.i", "out_of_range", "o.z", "required", "m", "invalid_type", "m.k", "invalid_key", "x", "required"), testkit.Failures(err))
}

func TestKind(t *testing.T) {
	want := map[string]Kind{"a": KindNull, "b": KindBool, "c": KindBool, "d": KindNumber, "e": KindNumber,
		"f": KindString, "g": KindObject, "h": KindArray}
	seen := map[string]Kind{}
	err := Decode([]byte(`{"a":null,"b":true,"c":false,"d":-1,"e":0.5e1,"f":"","g":{},"h":[]}`), report.Loc{}, func(o Object) {
		for o.Next() {
			seen[o.Name()] = o.Kind()
			o.Skip()
		}
	})
	require.NoError(t, err)
	assert.Equal(t, want, seen)
	for k, name := range map[Kind]string{KindNone: "none", KindNull: "null", KindBool: "boolean", KindNumber: "number",
		KindString: "string", KindObject: "object", KindArray: "array", Kind(99): "kind(99)"} {
		assert.Equal(t, name, k.String())
	}
}

func TestBigObjectDuplicates(t *testing.T) {
	for _, n := range []int{bigObject - 1, bigObject, bigObject + 1, 3 * bigObject} {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"k` + strings.Repeat("x", i) + `":1`)
		}
		// Each earlier name again, one escaped, at the end.
		b.WriteString(`,"k":2,"\u006bx":3}`)
		var names int
		err := Decode([]byte(b.String()), report.At("m"), func(o Object) {
			for o.Next() {
				names++
				o.Skip()
			}
		})
		assert.Equal(t, n, names)
		assert.Equal(t, testkit.Pairs("m.k", "duplicate_field", "m.kx", "duplicate_field"), testkit.Failures(err), "n=%d", n)
	}
	// Escaped names in a big object: each is compared decoded.
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 3*bigObject; i++ {
		b.WriteString(`"\u0061` + strings.Repeat("b", i) + `":{"x":1,"x":2},`)
	}
	b.WriteString(`"ab":0}`)
	err := Decode([]byte(b.String()), report.Loc{}, func(o Object) {
		for o.Next() {
			if sub, ok := o.Object(); ok {
				for sub.Next() {
					sub.Skip()
				}
			} else {
				o.Skip()
			}
		}
	})
	errs := report.Errs(err)
	require.Equal(t, 3*bigObject+1, len(errs))
	assert.Equal(t, "a.x", errs[0].Field)
	assert.Equal(t, "ab", errs[1].Field, "in place of the first occurrence")
	assert.Equal(t, billing.CodeDuplicateField, errs[1].Code)
	assert.Equal(t, "ab.x", errs[2].Field)
}

func TestFailures(t *testing.T) {
	var counts []int
	err := Decode([]byte(`{"a":1,"o":{"x":true,"y":2},"a":3}`), report.Loc{}, func(o Object) {
		counts = append(counts, o.Failures())
		for o.Next() {
			switch o.Name() {
			case "o":
				sub, _ := o.Object()
				for sub.Next() {
					sub.Int(0, 1) // x: invalid_type, y: out_of_range
				}
				counts = append(counts, o.Failures())
			default:
				o.Int(0, 9)
			}
		}
		counts = append(counts, o.Failures()) // the duplicate "a" too
	})
	assert.Equal(t, testkit.Pairs("a", "duplicate_field", "o.x", "invalid_type", "o.y", "out_of_range"), testkit.Failures(err))
	assert.Equal(t, []int{0, 2, 3}, counts)
	assert.Zero(t, Object{}.Failures())
}
