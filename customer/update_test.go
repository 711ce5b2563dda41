package customer_test

import (
	"strings"
	"testing"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// TestTestdataUpdateRequests reads every document of testdata/customer-update
// (testdocs.TestUpdateRequests).
func TestTestdataUpdateRequests(t *testing.T) { testdocs.TestUpdateRequests(t, entity) }

// TestTestdataUpdateNames checks the names and pointers of testdata/customer-update.
func TestTestdataUpdateNames(t *testing.T) { testdocs.TestUpdateNames(t, entity) }

// updateParamsOf reads an update document into UpdateParams without judging its values
// (testdocs.ReadUpdateParams); an unknown member sent as null is kept as a removal,
// which NewUpdateRequest refuses as JSON does.
func updateParamsOf(data []byte) (customer.UpdateParams, bool) {
	var p customer.UpdateParams
	ok := testdocs.ReadUpdateParams(data, testdocs.UpdateFields{
		Strings: map[string]**string{"name": &p.Name, "email": &p.Email, "phone": &p.Phone, "currency": &p.Currency},
		Balance: &p.Balance, Metadata: &p.Metadata, RemoveMetadata: &p.RemoveMetadata, Remove: &p.Remove,
	})
	return p, ok
}

// TestTestdataUpdatesThroughParams checks the documents of testdata/customer-update through
// their Go values (testdocs.TestUpdatesThroughParams).
func TestTestdataUpdatesThroughParams(t *testing.T) { testdocs.TestUpdatesThroughParams(t, entity) }

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
		{"25 removed keys", customer.UpdateParams{RemoveMetadata: testdocs.Keys(25)}, `{"metadata":` + testdocs.Nulls(25) + `}`, nil},
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
			`{"metadata":` + testdocs.MustJSON(testdocs.ManyKeys(21)) + `}`, testkit.Pairs("metadata", "too_many_keys")},
		{"metadata entries",
			customer.UpdateParams{Metadata: map[string]string{"a": "", "a/b": strings.Repeat("v", 501)},
				RemoveMetadata: []string{"", strings.Repeat("k", 41), "x\x7f"}},
			`{"metadata":{"":null,"a":"","a/b":"` + strings.Repeat("v", 501) + `","` + strings.Repeat("k", 41) +
				`":null,"x\u007f":null}}`,
			testkit.Pairs("metadata.", "invalid_key", "metadata.a", "required", "metadata.a/b", "too_long",
				"metadata."+strings.Repeat("k", 41), "key_too_long", "metadata.x\x7f", "invalid_key")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdate(t, entity, tt.p, tt.json, tt.want) })
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
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdateGoOnly(t, entity, tt.p, tt.want) })
	}
}

// TestUpdateRequestZero checks the zero UpdateRequest (testdocs.TestUpdateZero).
func TestUpdateRequestZero(t *testing.T) {
	testdocs.TestUpdateZero(t, entity, customer.MustNewUpdateRequest(customer.UpdateParams{Balance: testkit.Ptr[int64](1)}))
}

// TestUpdateTooLong: an update of more than 1 MiB is too_long; one of exactly 1 MiB is read.
func TestUpdateTooLong(t *testing.T) { testdocs.TestUpdateTooLong(t, entity) }
