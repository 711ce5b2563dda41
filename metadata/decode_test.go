package metadata

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

func TestDecode(t *testing.T) {
	md, err := Decode([]byte(`{"order_id":"6735","channel":"web","a.b":"dotted","\u00e9":"\u20ac"}`), CustomerLimits())
	require.NoError(t, err)
	assert.Equal(t, []string{"a.b", "channel", "order_id", "é"}, md.Keys())
	assert.Equal(t, map[string]string{"order_id": "6735", "channel": "web", "a.b": "dotted", "é": "€"}, md.Map())

	for _, in := range []string{`{}`, ` { } `, "\t{\n}\r\n"} {
		md, err := Decode([]byte(in), AccountLimits())
		require.NoError(t, err, in)
		assert.True(t, md.IsZero(), in)
	}
}

// TestDecodeWholeValue checks that a failure of the whole value comes out once, at
// "metadata", whatever else the document holds.
func TestDecodeWholeValue(t *testing.T) {
	manyKeys := `{"a":"1","b":"2","c":"3"` // three keys for a limit of one
	tests := []struct {
		name string
		in   string
		code billing.Code
	}{
		{"null", `null`, billing.CodeInvalidType},
		{"null with spaces", " null\n", billing.CodeInvalidType},
		{"string", `"x"`, billing.CodeInvalidType},
		{"number", `5`, billing.CodeInvalidType},
		{"array of entries", `[{"a":"b"}]`, billing.CodeInvalidType},
		{"cut short", manyKeys, billing.CodeInvalidJSON},
		{"cut short after bad entries", `{"":1,"b":"",`, billing.CodeInvalidJSON},
		{"trailing data", manyKeys + `} {}`, billing.CodeInvalidJSON},
		{"byte order mark", "\ufeff" + manyKeys + `}`, billing.CodeInvalidJSON},
		{"empty", ``, billing.CodeInvalidJSON},
		{"over 1 MiB", manyKeys + `,"d":"` + strings.Repeat("v", 1<<20) + `"}`, billing.CodeTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := Decode([]byte(tt.in), Limits{MaxKeys: 1, MaxKeyLength: 40, MaxValueLength: 500})
			require.IsType(t, billing.Errors{}, err)
			errs := err.(billing.Errors)
			require.Len(t, errs, 1)
			assert.Equal(t, "metadata", errs[0].Field)
			assert.Equal(t, "/metadata", errs[0].Pointer)
			assert.Equal(t, tt.code, errs[0].Code)
			assert.True(t, md.IsZero())
		})
	}
}

// TestDecodeUnder checks that a document parser re-homes Decode's failures under the
// place of the object that holds the metadata: the pointers concatenate.
func TestDecodeUnder(t *testing.T) {
	_, err := Decode([]byte(`{"a/b":"","b":"v","~":1,"c":"v"}`), Limits{MaxKeys: 2, MaxKeyLength: 40, MaxValueLength: 500})
	var list report.List
	assert.True(t, list.AddUnder(report.At("customer"), err))
	errs := report.Errs(list.Err())
	got := make([][3]string, len(errs))
	for i, e := range errs {
		got[i] = [3]string{e.Field, e.Pointer, string(e.Code)}
	}
	assert.Equal(t, [][3]string{
		{"customer.metadata", "/customer/metadata", "too_many_keys"},
		{"customer.metadata.a/b", "/customer/metadata/a~1b", "required"},
		{"customer.metadata.~", "/customer/metadata/~0", "invalid_type"},
	}, got)

	// As a document parser does it: the raw member, re-homed under the holding object.
	doc := []byte(`{"customer":{"metadata":{"a/b":"","ok":"v"}},"metadata":7}`)
	var readMetadata func(o strictjson.Object)
	readMetadata = func(o strictjson.Object) {
		for o.Next() {
			switch o.Name() {
			case "customer":
				sub, _ := o.Object()
				readMetadata(sub)
			case "metadata":
				raw, _ := o.Raw()
				_, err := Decode(raw, CustomerLimits())
				o.AddUnder(o.Prefix(), err)
			}
		}
	}
	err = strictjson.Decode(doc, report.Loc{}, readMetadata)
	assert.Equal(t, testkit.Pairs("customer.metadata.a/b", "required", "metadata", "invalid_type"), testkit.Failures(err))
	assert.Equal(t, []string{"/customer/metadata/a~1b", "/metadata"}, pointers(err))

	_, err = Decode([]byte(`7`), CustomerLimits())
	list = report.List{}
	list.AddUnder(report.At("customer"), err)
	assert.Equal(t, testkit.Pairs("customer.metadata", "invalid_type"), testkit.Failures(list.Err()))
}

func TestDecodeFailures(t *testing.T) {
	eleven := func(extra string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range 11 {
			b.WriteString(`"k` + strconv.Itoa(i) + `":"v",`)
		}
		b.WriteString(extra + `"last":"v"}`)
		return b.String()
	}
	tests := []struct {
		name string
		in   string
		l    Limits
		want []testkit.Failure
	}{
		{"not an object: string", `"x"`, CustomerLimits(), testkit.Pairs("metadata", "invalid_type")},
		{"not an object: array", `[]`, CustomerLimits(), testkit.Pairs("metadata", "invalid_type")},
		{"not an object: number", `1`, CustomerLimits(), testkit.Pairs("metadata", "invalid_type")},
		{"not an object: bool", `true`, CustomerLimits(), testkit.Pairs("metadata", "invalid_type")},
		{"malformed", `{"a":"b"`, CustomerLimits(), testkit.Pairs("metadata", "invalid_json")},
		{"malformed after failures", `{"":"b","c":1,`, CustomerLimits(), testkit.Pairs("metadata", "invalid_json")},
		{"malformed with too many keys", eleven("") + "x", AccountLimits(), testkit.Pairs("metadata", "invalid_json")},
		{"empty input", ``, CustomerLimits(), testkit.Pairs("metadata", "invalid_json")},
		{"too long", `{"a":"` + strings.Repeat("x", 1<<20) + `"}`, CustomerLimits(), testkit.Pairs("metadata", "too_long")},
		{"value number", `{"a":1}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_type")},
		{"value null", `{"a":null}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_type")},
		{"value bool", `{"a":true}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_type")},
		{"value object", `{"a":{"b":"c"}}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_type")},
		{"value array", `{"a":["b"]}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_type")},
		{"value empty", `{"a":""}`, CustomerLimits(), testkit.Pairs("metadata.a", "required")},
		{"value invalid utf-8", "{\"a\":\"\xff\"}", CustomerLimits(), testkit.Pairs("metadata.a", "invalid_characters")},
		{"value lone surrogate", `{"a":"\ud800"}`, CustomerLimits(), testkit.Pairs("metadata.a", "invalid_characters")},
		{"value too long", `{"a":"` + strings.Repeat("€", 501) + `"}`, CustomerLimits(), testkit.Pairs("metadata.a", "too_long")},
		{"key empty", `{"":"x"}`, CustomerLimits(), testkit.Pairs("metadata.", "invalid_key")},
		{"key NUL escaped", `{"a\u0000b":"x"}`, CustomerLimits(), testkit.Pairs("metadata.a\x00b", "invalid_key")},
		{"key NUL raw", "{\"a\x00b\":\"x\"}", CustomerLimits(), testkit.Pairs("metadata", "invalid_json")},
		{"key C1", `{"\u0085":"x"}`, CustomerLimits(), testkit.Pairs("metadata.\u0085", "invalid_key")},
		{"key DEL", `{"\u007f":"x"}`, CustomerLimits(), testkit.Pairs("metadata.\x7f", "invalid_key")},
		{"key invalid utf-8", "{\"k\xff\":\"x\"}", CustomerLimits(), testkit.Pairs("metadata.k\xff", "invalid_key")},
		{"key lone surrogate", `{"\ud800":"x"}`, CustomerLimits(), testkit.Pairs("metadata.\xed\xa0\x80", "invalid_key")},
		{"key too long", `{"` + strings.Repeat("k", 41) + `":"x"}`, CustomerLimits(), testkit.Pairs("metadata."+strings.Repeat("k", 41), "key_too_long")},
		{"key beats value", `{"":1,"` + strings.Repeat("k", 41) + `":""}`, CustomerLimits(),
			testkit.Pairs("metadata.", "invalid_key", "metadata."+strings.Repeat("k", 41), "key_too_long")},
		{"key with a dot", `{"a.b":""}`, CustomerLimits(), testkit.Pairs("metadata.a.b", "required")},
		{"duplicate", `{"a":"1","a":"2"}`, CustomerLimits(), testkit.Pairs("metadata.a", "duplicate_field")},
		{"duplicate beats invalid first", `{"a":1,"b":"","a":"2"}`, CustomerLimits(),
			testkit.Pairs("metadata.a", "duplicate_field", "metadata.b", "required")},
		{"duplicate by escape", `{"a":"1","\u0061":"2"}`, CustomerLimits(), testkit.Pairs("metadata.a", "duplicate_field")},
		{"eleven keys for an account", eleven(""), AccountLimits(), testkit.Pairs("metadata", "too_many_keys")},
		{"eleven keys fine for a customer", eleven(""), CustomerLimits(), nil},
		{"too many first, entries in document order", eleven(`"z":"","":"x",`), AccountLimits(),
			testkit.Pairs("metadata", "too_many_keys", "metadata.z", "required", "metadata.", "invalid_key")},
		{"duplicates do not count", `{"a":"1","a":"2","a":"3"}`, Limits{MaxKeys: 1, MaxKeyLength: 1, MaxValueLength: 1},
			testkit.Pairs("metadata.a", "duplicate_field")},
		{"document order", `{"z":1,"a":"","m":"ok","b":null}`, CustomerLimits(),
			testkit.Pairs("metadata.z", "invalid_type", "metadata.a", "required", "metadata.b", "invalid_type")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, err := Decode([]byte(tt.in), tt.l)
			assert.Equal(t, tt.want, testkit.Failures(err))
			if tt.want != nil {
				assert.True(t, md.IsZero())
			}
		})
	}
}

func TestDecodeAgreesWithNew(t *testing.T) {
	// The JSON path and the map path apply the same rules; only the order differs
	// (document order against sorted order), so compare as sets.
	docs := []string{
		`{"b":"","a":"\u0000","":"x","` + strings.Repeat("k", 41) + `":"v","c":"` + strings.Repeat("v", 501) + `"}`,
		`{"a":"1","b":"2"}`,
	}
	for _, doc := range docs {
		var m map[string]string
		require.NoError(t, jsonUnmarshal([]byte(doc), &m))
		_, errDecode := Decode([]byte(doc), CustomerLimits())
		_, errNew := New(m, CustomerLimits())
		assert.ElementsMatch(t, testkit.Failures(errNew), testkit.Failures(errDecode), doc)
		assert.ElementsMatch(t, pointers(errNew), pointers(errDecode), doc)
	}
}

// TestDecodeAllocations holds the decoders to their allocations: one string that holds
// every key and value, and one slice of entries, and for a document over 256 bytes one buffer more
// (a small one's is on the stack).
func TestDecodeAllocations(t *testing.T) {
	large := `{"k":"` + strings.Repeat("v", 300) + `","k2":null}`
	for _, tc := range []struct {
		name   string
		decode func([]byte) error
		doc    string
		want   float64
	}{
		{"Decode, small", decodeErr, `{"crm_id":"A-10293","segment":"retail"}`, 2},
		{"Decode, large", decodeErr, `{"k":"` + strings.Repeat("v", 300) + `"}`, 3},
		{"DecodePatch, small", decodePatchErr, `{"crm_id":"B-20411","segment":null}`, 2},
		{"DecodePatch, large", decodePatchErr, large, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.doc)
			require.NoError(t, tc.decode(data))
			assert.Equal(t, tc.want, testing.AllocsPerRun(100, func() { _ = tc.decode(data) }))
		})
	}
}

func decodeErr(data []byte) error      { _, err := Decode(data, CustomerLimits()); return err }
func decodePatchErr(data []byte) error { _, err := DecodePatch(data, CustomerLimits()); return err }
