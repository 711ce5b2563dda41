package customer_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

func TestTestdataUpdateRequests(t *testing.T) {
	docs := testdocs.Load(t, "customer-update")
	assert.GreaterOrEqual(t, len(docs), 40)
	for _, d := range docs {
		t.Run(d.Name, func(t *testing.T) {
			u, err := testdocs.CheckParsed(t, d, customer.DecodeUpdateRequest)
			if err != nil {
				checkMessages(t, err, d.Data)
				return
			}
			// UnmarshalJSON agrees with DecodeUpdateRequest, through encoding/json too.
			var viaJSON struct{ U customer.UpdateRequest }
			require.NoError(t, json.Unmarshal([]byte(`{"U":`+string(d.Data)+`}`), &viaJSON))
			assert.True(t, u.Equal(viaJSON.U))
			// The printed forms mask the email and the phone it sets.
			p, _ := updateParamsOf(d.Data)
			for _, s := range []*string{p.Email, p.Phone} {
				if s != nil {
					assert.NotContains(t, u.String(), *s)
				}
			}
		})
	}
}

func TestTestdataUpdateNames(t *testing.T) {
	testdocs.CheckNames(t, "customer-update")
	for _, d := range testdocs.Load(t, "customer-update") {
		for _, f := range d.Want {
			assert.False(t, f.Field != "" && f.Pointer == "", "%s: %s has no pointer", d.Name, f.Field)
		}
	}
}

// updateParamsOf reads an update document into UpdateParams without judging its values:
// null is a removal (of a member, or of a metadata key), a value sets the member. It
// reports false when the document cannot be told as Go values (see paramsOf); an unknown
// member sent as null is kept as a removal, which NewUpdateRequest refuses as JSON does.
func updateParamsOf(data []byte) (customer.UpdateParams, bool) {
	var p customer.UpdateParams
	ok := true
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			name := o.Name()
			if o.Null() {
				p.Remove = append(p.Remove, name)
				continue
			}
			switch name {
			case "name":
				p.Name = testdocs.ReadString(o, &ok)
			case "email":
				p.Email = testdocs.ReadString(o, &ok)
			case "phone":
				p.Phone = testdocs.ReadString(o, &ok)
			case "currency":
				p.Currency = testdocs.ReadString(o, &ok)
			case "balance":
				p.Balance = testdocs.ReadInt(o, &ok)
			case "metadata":
				p.Metadata, p.RemoveMetadata = readPatch(o, &ok)
			default:
				ok = false
				o.Skip()
			}
		}
	})
	return p, ok && err == nil
}

// readPatch reads a metadata patch: the keys it sets (never nil, so that {} is an update
// of metadata) and the keys it removes.
func readPatch(o strictjson.Object, ok *bool) (map[string]string, []string) {
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

func TestTestdataUpdatesThroughParams(t *testing.T) {
	tried := testdocs.CheckThroughParams(t, "customer-update", updateParamsOf, customer.NewUpdateRequest,
		customer.DecodeUpdateRequest)
	assert.Greater(t, tried, 60, "most documents can be written as Go values")
}

// TestNewUpdateRequest builds updates from Go values and checks each against the same
// update sent as JSON, written in the order of the members: the same failures in the same
// order, or an equal update with the same encoding.
func TestNewUpdateRequest(t *testing.T) {
	ptr := testkit.Ptr[string]
	tests := []struct {
		name string
		p    customer.UpdateParams
		json string
		want []testkit.Failure
	}{
		{"nothing", customer.UpdateParams{}, `{}`, nil},
		{"every member set",
			customer.UpdateParams{Name: ptr("Thandi"), Email: ptr("t@example.com"), Phone: ptr("+27123456789"),
				Currency: ptr("JPY"), Balance: testkit.Ptr[int64](-5), Metadata: map[string]string{"a": "1"}},
			`{"name":"Thandi","email":"t@example.com","phone":"+27123456789","currency":"JPY","balance":-5,"metadata":{"a":"1"}}`,
			nil},
		{"every member removed",
			customer.UpdateParams{Remove: []string{"name", "email", "phone", "currency", "balance", "metadata"}},
			`{"name":null,"email":null,"phone":null,"currency":null,"balance":null,"metadata":null}`, nil},
		{"balance alone", customer.UpdateParams{Balance: testkit.Ptr[int64](5000)}, `{"balance":5000}`, nil},
		{"currency removed, balance set", customer.UpdateParams{Remove: []string{"currency"}, Balance: testkit.Ptr[int64](1)},
			`{"currency":null,"balance":1}`, nil},
		{"metadata keys set and removed",
			customer.UpdateParams{Metadata: map[string]string{"b": "2", "a": "1"}, RemoveMetadata: []string{"c", "a.b"}},
			`{"metadata":{"a":"1","a.b":null,"b":"2","c":null}}`, nil},
		{"metadata empty", customer.UpdateParams{Metadata: map[string]string{}}, `{"metadata":{}}`, nil},
		{"metadata removals only", customer.UpdateParams{RemoveMetadata: []string{"x"}}, `{"metadata":{"x":null}}`, nil},
		{"25 removed keys", customer.UpdateParams{RemoveMetadata: keys(25)}, `{"metadata":` + nulls(25) + `}`, nil},
		{"empty strings",
			customer.UpdateParams{Name: ptr(""), Email: ptr(""), Phone: ptr(""), Currency: ptr("")},
			`{"name":"","email":"","phone":"","currency":""}`,
			testkit.Pairs("name", "required", "email", "required", "phone", "required", "currency", "required")},
		{"bad values",
			customer.UpdateParams{Name: ptr("a\u202eb"), Email: ptr("x"), Phone: ptr("+15555555555"),
				Currency: ptr("BGN"), Balance: testkit.Ptr[int64](1 << 53)},
			`{"name":"a\u202eb","email":"x","phone":"+15555555555","currency":"BGN","balance":9007199254740992}`,
			testkit.Pairs("name", "invalid_characters", "email", "invalid_format", "phone", "invalid_phone",
				"currency", "invalid_currency", "balance", "out_of_range")},
		{"21 keys set", customer.UpdateParams{Metadata: testdocs.ManyKeys(21)},
			`{"metadata":` + mustJSON(testdocs.ManyKeys(21)) + `}`, testkit.Pairs("metadata", "too_many_keys")},
		{"metadata entries",
			customer.UpdateParams{Metadata: map[string]string{"a": "", "a/b": strings.Repeat("v", 501)},
				RemoveMetadata: []string{"", strings.Repeat("k", 41), "x\x7f"}},
			`{"metadata":{"":null,"a":"","a/b":"` + strings.Repeat("v", 501) + `","` + strings.Repeat("k", 41) +
				`":null,"x\u007f":null}}`,
			testkit.Pairs("metadata.", "invalid_key", "metadata.a", "required", "metadata.a/b", "too_long",
				"metadata."+strings.Repeat("k", 41), "key_too_long", "metadata.x\x7f", "invalid_key")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			built, err := customer.NewUpdateRequest(tt.p)
			parsed, jsonErr := customer.DecodeUpdateRequest([]byte(tt.json))
			assert.Equal(t, tt.want, testkit.Failures(jsonErr), "the JSON update")
			assert.Equal(t, tt.want, testkit.Failures(err), "from Go values")
			if tt.want != nil {
				assert.True(t, built.IsZero(), "no value with a failure")
				return
			}
			require.NoError(t, err)
			assert.True(t, built.Equal(parsed))
			a, _ := built.MarshalJSON()
			assert.JSONEq(t, tt.json, string(a))
			testdocs.RoundTrip(t, built, customer.DecodeUpdateRequest)
		})
	}
}

// TestNewUpdateRequestGoOnly checks what only Go values can say: a member both set and
// removed, and a removal of a member the update does not have.
func TestNewUpdateRequestGoOnly(t *testing.T) {
	tests := []struct {
		name string
		p    customer.UpdateParams
		want []testkit.Failure
	}{
		{"set and removed", customer.UpdateParams{Phone: testkit.Ptr("+27123456789"), Remove: []string{"phone"}},
			testkit.Pairs("phone", "duplicate_field")},
		{"balance set and removed", customer.UpdateParams{Balance: testkit.Ptr[int64](1), Remove: []string{"balance"}},
			testkit.Pairs("balance", "duplicate_field")},
		{"metadata removed and changed",
			customer.UpdateParams{Remove: []string{"metadata"}, RemoveMetadata: []string{"a"}},
			testkit.Pairs("metadata", "duplicate_field")},
		{"metadata key set and removed",
			customer.UpdateParams{Metadata: map[string]string{"a": "1"}, RemoveMetadata: []string{"a"}},
			testkit.Pairs("metadata.a", "duplicate_field")},
		{"immutable members", customer.UpdateParams{Remove: []string{"id", "external_reference", "payment_rules"}},
			testkit.Pairs("id", "unknown_field", "external_reference", "unknown_field", "payment_rules", "unknown_field")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := customer.NewUpdateRequest(tt.p)
			assert.Equal(t, tt.want, testkit.Failures(err))
			assert.True(t, u.IsZero())
			assert.Panics(t, func() { customer.MustNewUpdateRequest(tt.p) })
		})
	}
}

func TestUpdateRequestZero(t *testing.T) {
	var zero customer.UpdateRequest
	assert.True(t, zero.IsZero())
	b, err := zero.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))
	parsed, err := customer.DecodeUpdateRequest([]byte(`{}`))
	require.NoError(t, err)
	assert.True(t, parsed.Equal(zero))
	// JSON null leaves an update unchanged.
	u := customer.MustNewUpdateRequest(customer.UpdateParams{Balance: testkit.Ptr[int64](1)})
	require.NoError(t, json.Unmarshal([]byte(`null`), &u))
	assert.False(t, u.IsZero())
	// A failure leaves it unchanged too.
	require.Error(t, json.Unmarshal([]byte(`{"balance":"1"}`), &u))
	assert.False(t, u.IsZero())
}

func TestUpdateTooLong(t *testing.T) {
	doc := []byte(`{"balance":1}`)
	doc = append(doc[:1:1], append([]byte(strings.Repeat(" ", strictjson.MaxSize+1-len(doc))), doc[1:]...)...)
	require.Len(t, doc, 1<<20+1)
	_, err := customer.DecodeUpdateRequest(doc)
	assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	_, err = customer.DecodeUpdateRequest(append(doc[:1:1], doc[2:]...))
	assert.NoError(t, err, "exactly 1 MiB is read")
}

// keys returns n metadata keys, k00, k01, …
func keys(n int) []string {
	var out []string
	for k := range testdocs.ManyKeys(n) {
		out = append(out, k)
	}
	return out
}

// nulls returns a JSON object removing the keys of keys(n).
func nulls(n int) string {
	m := map[string]*string{}
	for _, k := range keys(n) {
		m[k] = nil
	}
	return mustJSON(m)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
