package customer_test

import (
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

// TestTestdataUpdatesThroughParams checks the documents of testdata/customer-update through
// their Go values (testdocs.TestUpdatesThroughParams).
func TestTestdataUpdatesThroughParams(t *testing.T) { testdocs.TestUpdatesThroughParams(t, entity) }

// TestNewUpdateRequest builds updates from Go values and checks each against the same
// update sent as JSON, written in the order of the members: the same failures in the same
// order, or an equal update with the same encoding. The cases below are the customer's own;
// those every entity has are in testdocs.RunNewUpdateShared.
func TestNewUpdateRequest(t *testing.T) {
	ptr := testkit.Ptr[string]
	tests := []struct {
		name string
		p    customer.UpdateParams
		json string
		want []testkit.Failure
	}{
		{"every member set",
			customer.UpdateParams{Name: ptr("Thandi"), Email: ptr("t@example.com"), Phone: ptr("+27123456789"),
				Currency: ptr("JPY"), Balance: testkit.Ptr[int64](-5), Metadata: map[string]string{"a": "1"}},
			`{"name":"Thandi","email":"t@example.com","phone":"+27123456789","currency":"JPY","balance":-5,"metadata":{"a":"1"}}`,
			nil},
		{"every member removed",
			customer.UpdateParams{Remove: []string{"name", "email", "phone", "currency", "balance", "metadata"}},
			`{"name":null,"email":null,"phone":null,"currency":null,"balance":null,"metadata":null}`, nil},
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdate(t, entity, tt.p, tt.json, tt.want) })
	}
	testdocs.RunNewUpdateShared(t, entity)
}

// TestNewUpdateRequestGoOnly checks what only Go values can say: a member both set and
// removed, and a removal of a member the update does not have (the customer's own cases, and
// those of testdocs.RunNewUpdateGoOnlyShared).
func TestNewUpdateRequestGoOnly(t *testing.T) {
	tests := []struct {
		name string
		p    customer.UpdateParams
		want []testkit.Failure
	}{
		{"set and removed", customer.UpdateParams{Phone: testkit.Ptr("+27123456789"), Remove: []string{"phone"}},
			testkit.Pairs("phone", "duplicate_field")},
		{"immutable members", customer.UpdateParams{Remove: []string{"id", "external_reference", "payment_rules"}},
			testkit.Pairs("id", "unknown_field", "external_reference", "unknown_field", "payment_rules", "unknown_field")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdateGoOnly(t, entity, tt.p, tt.want) })
	}
	testdocs.RunNewUpdateGoOnlyShared(t, entity)
}

// TestUpdateRequestZero checks the zero UpdateRequest (testdocs.TestUpdateZero).
func TestUpdateRequestZero(t *testing.T) {
	testdocs.TestUpdateZero(t, entity, customer.MustNewUpdateRequest(customer.UpdateParams{Balance: testkit.Ptr[int64](1)}))
}

// TestUpdateTooLong: an update of more than 1 MiB is too_long; one of exactly 1 MiB is read.
func TestUpdateTooLong(t *testing.T) { testdocs.TestUpdateTooLong(t, entity) }
