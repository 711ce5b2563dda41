package testdocs

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

// TestUpdateRequests reads every document of testdata/<e.Name>-update (at least
// e.MinUpdates) as [CheckParsed] does, checks the messages of its failures, and for a
// valid one: encoding/json's UnmarshalJSON agrees with the reader, and the printed form
// masks the personal data the update sets or, for an entity without any, is the update's
// encoding.
func TestUpdateRequests[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	docs := Load(t, e.Name+"-update")
	assert.GreaterOrEqual(t, len(docs), e.MinUpdates)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			u, err := CheckParsed(t, d, e.DecodeUpdate)
			if err != nil {
				e.CheckMessages(t, err, d.Data)
				return
			}
			// UnmarshalJSON agrees with DecodeUpdateRequest, through encoding/json too.
			var viaJSON struct{ U U }
			require.NoError(t, json.Unmarshal([]byte(`{"U":`+string(d.Data)+`}`), &viaJSON))
			assert.True(t, u.Equal(viaJSON.U))
			if e.Secrets == nil {
				assert.Equal(t, string(RoundTrip(t, u, e.DecodeUpdate)), u.String())
				return
			}
			// The printed forms mask the email and the phone it sets.
			p, _ := e.UpdateParamsOf(d.Data)
			for _, s := range e.Secrets(p) {
				if s != nil {
					assert.NotContains(t, u.String(), *s)
				}
			}
		})
	}
}

// TestUpdateNames checks the names of testdata/<e.Name>-update ([CheckNames]) and that
// every expected failure at a member has a pointer.
func TestUpdateNames[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	CheckNames(t, e.Name+"-update")
	for _, d := range Load(t, e.Name+"-update") {
		for _, f := range d.Want {
			assert.False(t, f.Field != "" && f.Pointer == "", "%s: %s has no pointer", d.Name, f.Field)
		}
	}
}

// UpdateFields are the places of the Go values of an update (the fields of an
// UpdateParams) that [ReadUpdateParams] fills.
type UpdateFields struct {
	Strings        map[string]**string // the string members, by name
	Balance        **int64
	Metadata       *map[string]string
	RemoveMetadata *[]string
	Remove         *[]string
}

// ReadUpdateParams reads an update document into the Go values at f without judging
// them: null is a removal (of a member, or of a metadata key), a value sets the member. It
// reports false when the document cannot be told as Go values: not JSON, a value of a
// JSON type a Go field cannot hold, a member with a value that f has no place for. An
// unknown member sent as null is kept as a removal, which NewUpdateRequest refuses as
// JSON does.
func ReadUpdateParams(data []byte, f UpdateFields) bool {
	ok := true
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			name := o.Name()
			if o.Null() {
				*f.Remove = append(*f.Remove, name)
				continue
			}
			switch s, isString := f.Strings[name]; {
			case isString:
				*s = ReadString(o, &ok)
			case name == "balance":
				*f.Balance = ReadInt(o, &ok)
			case name == "metadata":
				*f.Metadata, *f.RemoveMetadata = ReadPatch(o, &ok)
			default:
				ok = false
				o.Skip()
			}
		}
	})
	return ok && err == nil
}

// ReadPatch reads a metadata patch: the keys it sets (never nil, so that {} is an update
// of metadata) and the keys it removes. It sets *ok to false when the member is not an
// object of strings and nulls.
func ReadPatch(o strictjson.Object, ok *bool) (map[string]string, []string) {
	sub, good := o.Object()
	*ok = *ok && good
	set, remove := map[string]string{}, []string(nil)
	for sub.Next() {
		if sub.Null() {
			remove = append(remove, sub.Name())
			continue
		}
		s, good := sub.String()
		*ok = *ok && good
		set[sub.Name()] = s
	}
	return set, remove
}

// TestUpdatesThroughParams checks the documents of testdata/<e.Name>-update through their
// Go values ([CheckThroughParams]); more than e.MoreThroughParams of them can be told so.
func TestUpdatesThroughParams[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	tried := CheckThroughParams(t, e.Name+"-update", e.UpdateParamsOf, e.NewUpdate, e.DecodeUpdate)
	assert.Greater(t, tried, e.MoreThroughParams, "most documents can be written as Go values")
}

// CheckNewUpdate builds an update from the Go values p and checks it against the same
// update sent as JSON (doc, written in the order of the members): the failures want from
// both, in the same order, or an equal update with the same encoding.
func CheckNewUpdate[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P], p P, doc string,
	want []testkit.Failure) {
	t.Helper()
	built, err := e.NewUpdate(p)
	parsed, jsonErr := e.DecodeUpdate([]byte(doc))
	assert.Equal(t, want, testkit.Failures(jsonErr), "the JSON update")
	assert.Equal(t, want, testkit.Failures(err), "from Go values")
	if want != nil {
		assert.True(t, built.IsZero(), "no value with a failure")
		return
	}
	require.NoError(t, err)
	assert.True(t, built.Equal(parsed))
	a, _ := built.MarshalJSON()
	assert.JSONEq(t, doc, string(a))
	RoundTrip(t, built, e.DecodeUpdate)
}

// goValuesCase is a case of Go values of an update that every entity has: how it sets
// the Go values, the same update as JSON (doc, none for Go values that JSON cannot say),
// and its failures.
type goValuesCase struct {
	name string
	set  func(f UpdateFields)
	doc  string
	want []testkit.Failure
}

// RunNewUpdateShared runs [CheckNewUpdate] on the cases of Go values that every entity
// has, each as a subtest of t: no members, the balance, metadata patches, one key over
// e.MetadataKeys, and failing metadata entries.
func RunNewUpdateShared[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	over := e.MetadataKeys + 1
	for _, tt := range []goValuesCase{
		{"nothing", func(UpdateFields) {}, `{}`, nil},
		{"balance alone", func(f UpdateFields) { *f.Balance = testkit.Ptr[int64](5000) }, `{"balance":5000}`, nil},
		{"currency removed, balance set",
			func(f UpdateFields) { *f.Remove, *f.Balance = []string{"currency"}, testkit.Ptr[int64](1) },
			`{"currency":null,"balance":1}`, nil},
		{"metadata keys set and removed",
			func(f UpdateFields) {
				*f.Metadata, *f.RemoveMetadata = map[string]string{"b": "2", "a": "1"}, []string{"c", "a.b"}
			},
			`{"metadata":{"a":"1","a.b":null,"b":"2","c":null}}`, nil},
		{"metadata empty", func(f UpdateFields) { *f.Metadata = map[string]string{} }, `{"metadata":{}}`, nil},
		{"metadata removals only", func(f UpdateFields) { *f.RemoveMetadata = []string{"x"} }, `{"metadata":{"x":null}}`, nil},
		{"25 removed keys", func(f UpdateFields) { *f.RemoveMetadata = Keys(25) }, `{"metadata":` + Nulls(25) + `}`, nil},
		{strconv.Itoa(over) + " keys set", func(f UpdateFields) { *f.Metadata = ManyKeys(over) },
			`{"metadata":` + MustJSON(ManyKeys(over)) + `}`, testkit.Pairs("metadata", "too_many_keys")},
		{"metadata entries",
			func(f UpdateFields) {
				*f.Metadata = map[string]string{"a": "", "a/b": strings.Repeat("v", 501)}
				*f.RemoveMetadata = []string{"", strings.Repeat("k", 41), "x\x7f"}
			},
			`{"metadata":{"":null,"a":"","a/b":"` + strings.Repeat("v", 501) + `","` + strings.Repeat("k", 41) +
				`":null,"x\u007f":null}}`,
			testkit.Pairs("metadata.", "invalid_key", "metadata.a", "required", "metadata.a/b", "too_long",
				"metadata."+strings.Repeat("k", 41), "key_too_long", "metadata.x\x7f", "invalid_key")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p P
			tt.set(e.Fields(&p))
			CheckNewUpdate(t, e, p, tt.doc, tt.want)
		})
	}
}

// RunNewUpdateGoOnlyShared runs [CheckNewUpdateGoOnly] on the Go values that JSON cannot
// say and every entity has, each as a subtest of t: the balance both set and removed,
// metadata both removed and changed, a metadata key both set and removed.
func RunNewUpdateGoOnlyShared[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	for _, tt := range []goValuesCase{
		{"balance set and removed",
			func(f UpdateFields) { *f.Balance, *f.Remove = testkit.Ptr[int64](1), []string{"balance"} },
			"", testkit.Pairs("balance", "duplicate_field")},
		{"metadata removed and changed",
			func(f UpdateFields) { *f.Remove, *f.RemoveMetadata = []string{"metadata"}, []string{"a"} },
			"", testkit.Pairs("metadata", "duplicate_field")},
		{"metadata key set and removed",
			func(f UpdateFields) { *f.Metadata, *f.RemoveMetadata = map[string]string{"a": "1"}, []string{"a"} },
			"", testkit.Pairs("metadata.a", "duplicate_field")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p P
			tt.set(e.Fields(&p))
			CheckNewUpdateGoOnly(t, e, p, tt.want)
		})
	}
}

// CheckNewUpdateGoOnly checks Go values p that JSON cannot say, failing with want: no
// value with the failures, and e.MustNewUpdate panics.
func CheckNewUpdateGoOnly[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P], p P,
	want []testkit.Failure) {
	t.Helper()
	u, err := e.NewUpdate(p)
	assert.Equal(t, want, testkit.Failures(err))
	assert.True(t, u.IsZero())
	assert.Panics(t, func() { e.MustNewUpdate(p) })
}

// TestUpdateZero checks the zero update: it encodes as {}, which reads back equal to it;
// JSON null and a failing document both leave an update (nonZero, not the zero one)
// unchanged.
func TestUpdateZero[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P], nonZero U) {
	var zero U
	assert.True(t, zero.IsZero())
	b, err := zero.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))
	parsed, err := e.DecodeUpdate([]byte(`{}`))
	require.NoError(t, err)
	assert.True(t, parsed.Equal(zero))
	// JSON null leaves an update unchanged.
	u := nonZero
	require.NoError(t, json.Unmarshal([]byte(`null`), &u))
	assert.False(t, u.IsZero())
	// A failure leaves it unchanged too.
	require.Error(t, json.Unmarshal([]byte(`{"balance":"1"}`), &u))
	assert.False(t, u.IsZero())
}

// TestUpdateTooLong: an update of more than 1 MiB is too_long at the document; one of
// exactly 1 MiB is read.
func TestUpdateTooLong[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	doc := []byte(`{"balance":1}`)
	doc = append(doc[:1:1], append([]byte(strings.Repeat(" ", strictjson.MaxSize+1-len(doc))), doc[1:]...)...)
	require.Len(t, doc, 1<<20+1)
	_, err := e.DecodeUpdate(doc)
	assert.Equal(t, testkit.Pairs("", "too_long"), testkit.Failures(err))
	_, err = e.DecodeUpdate(append(doc[:1:1], doc[2:]...))
	assert.NoError(t, err, "exactly 1 MiB is read")
}

// Keys returns n metadata keys, the keys of ManyKeys(n), in no order.
func Keys(n int) []string {
	var out []string
	for k := range ManyKeys(n) {
		out = append(out, k)
	}
	return out
}

// Nulls returns a JSON object removing the keys of Keys(n).
func Nulls(n int) string {
	m := map[string]*string{}
	for _, k := range Keys(n) {
		m[k] = nil
	}
	return MustJSON(m)
}

// MustJSON returns v as encoding/json writes it; it panics when v cannot be written.
func MustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
