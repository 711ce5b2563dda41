package account_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// TestTestdataUpdateRequests reads every document of testdata/account-update
// (testdocs.TestUpdateRequests).
func TestTestdataUpdateRequests(t *testing.T) { testdocs.TestUpdateRequests(t, entity) }

// TestTestdataUpdateNames checks the names and pointers of testdata/account-update.
func TestTestdataUpdateNames(t *testing.T) { testdocs.TestUpdateNames(t, entity) }

// TestTestdataUpdatesThroughParams checks the documents of testdata/account-update through
// their Go values (testdocs.TestUpdatesThroughParams).
func TestTestdataUpdatesThroughParams(t *testing.T) { testdocs.TestUpdatesThroughParams(t, entity) }

// TestNewUpdateRequest builds updates from Go values and checks each against the same
// update sent as JSON, written in the order of the members: the same failures in the same
// order, or an equal update with the same encoding. The cases below are the account's own;
// those every entity has are in testdocs.RunNewUpdateShared.
func TestNewUpdateRequest(t *testing.T) {
	ptr := testkit.Ptr[string]
	tests := []struct {
		name string
		p    account.UpdateParams
		json string
		want []testkit.Failure
	}{
		{"every member set",
			account.UpdateParams{Name: ptr("Savings"), Currency: ptr("JPY"), Balance: testkit.Ptr[int64](-5),
				Metadata: map[string]string{"a": "1"}},
			`{"name":"Savings","currency":"JPY","balance":-5,"metadata":{"a":"1"}}`,
			nil},
		{"every member removed",
			account.UpdateParams{Remove: []string{"name", "currency", "balance", "metadata"}},
			`{"name":null,"currency":null,"balance":null,"metadata":null}`, nil},
		{"customer members removed", account.UpdateParams{Remove: []string{"email", "phone"}},
			`{"email":null,"phone":null}`, testkit.Pairs("email", "unknown_field", "phone", "unknown_field")},
		{"empty strings",
			account.UpdateParams{Name: ptr(""), Currency: ptr("")},
			`{"name":"","currency":""}`,
			testkit.Pairs("name", "required", "currency", "required")},
		{"bad values",
			account.UpdateParams{Name: ptr("a\u202eb"), Currency: ptr("BGN"), Balance: testkit.Ptr[int64](1 << 53)},
			`{"name":"a\u202eb","currency":"BGN","balance":9007199254740992}`,
			testkit.Pairs("name", "invalid_characters", "currency", "invalid_currency", "balance", "out_of_range")},
		{"10 keys set, 15 removed", account.UpdateParams{Metadata: testdocs.ManyKeys(10), RemoveMetadata: []string{"x1", "x2"}},
			`{"metadata":` + strings.TrimSuffix(testdocs.MustJSON(testdocs.ManyKeys(10)), "}") + `,"x1":null,"x2":null}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdate(t, entity, tt.p, tt.json, tt.want) })
	}
	testdocs.RunNewUpdateShared(t, entity)
}

// TestNewUpdateRequestGoOnly checks what only Go values can say: a member both set and
// removed, and a removal of a member the update does not have (the account's own cases, and
// those of testdocs.RunNewUpdateGoOnlyShared).
func TestNewUpdateRequestGoOnly(t *testing.T) {
	tests := []struct {
		name string
		p    account.UpdateParams
		want []testkit.Failure
	}{
		{"set and removed", account.UpdateParams{Name: testkit.Ptr("Savings"), Remove: []string{"name"}},
			testkit.Pairs("name", "duplicate_field")},
		{"immutable members",
			account.UpdateParams{Remove: []string{"id", "external_reference", "customer", "customer_id", "payment_rules"}},
			testkit.Pairs("id", "unknown_field", "external_reference", "unknown_field", "customer", "unknown_field",
				"customer_id", "unknown_field", "payment_rules", "unknown_field")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testdocs.CheckNewUpdateGoOnly(t, entity, tt.p, tt.want) })
	}
	testdocs.RunNewUpdateGoOnlyShared(t, entity)
}

// TestNewUpdateRequestCustomerMembers: an account has no email and no phone: UpdateParams
// has no such fields, and removing them is unknown_field, as the JSON members are.
func TestNewUpdateRequestCustomerMembers(t *testing.T) {
	for _, name := range []string{"Email", "Phone"} {
		_, ok := reflect.TypeFor[account.UpdateParams]().FieldByName(name)
		assert.False(t, ok, "account.UpdateParams has %s", name)
		member := strings.ToLower(name)
		_, jsonErr := account.DecodeUpdateRequest([]byte(`{"` + member + `":null}`))
		_, err := account.NewUpdateRequest(account.UpdateParams{Remove: []string{member}})
		require.Error(t, err)
		assert.Equal(t, testkit.Failures(jsonErr), testkit.Failures(err))
	}
}

// TestUpdateRequestZero checks the zero UpdateRequest (testdocs.TestUpdateZero).
func TestUpdateRequestZero(t *testing.T) {
	testdocs.TestUpdateZero(t, entity, account.MustNewUpdateRequest(account.UpdateParams{Balance: testkit.Ptr[int64](1)}))
}

// TestUpdateTooLong: an update of more than 1 MiB is too_long; one of exactly 1 MiB is read.
func TestUpdateTooLong(t *testing.T) { testdocs.TestUpdateTooLong(t, entity) }
