package entity

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
)

// TestTableOrder holds the table to the order every document lists its members in.
func TestTableOrder(t *testing.T) {
	tests := []struct {
		d    Doc
		want []string
	}{
		{CustomerCreate, []string{"external_reference", "name", "email", "phone", "currency", "balance", "metadata"}},
		{CustomerObject, []string{"id", "external_reference", "name", "email", "phone", "currency", "balance", "payment_rules", "metadata"}},
		{AccountCreate, []string{"customer", "external_reference", "name", "currency", "balance", "metadata"}},
		{AccountObject, []string{"id", "external_reference", "customer_id", "name", "currency", "balance", "payment_rules", "metadata"}},
	}
	for _, tt := range tests {
		var got []string
		for i := range members {
			if members[i].in&tt.d != 0 {
				got = append(got, members[i].name)
			}
		}
		assert.Equal(t, tt.want, got, "doc %d", tt.d)
	}
}

// TestPointersOfNestedFailures reads an account request whose new customer fails under
// keys that need escaping: the dot path is ambiguous, the pointer is not.
func TestPointersOfNestedFailures(t *testing.T) {
	doc := `{"customer":{"external_reference":"c1","metadata":{"a/b":"","a.b":""}},"x~":1,"balance":5}`
	var v Values
	err := Decode([]byte(doc), AccountCreate, &v)
	type place struct{ field, pointer, code string }
	var got []place
	for _, e := range report.Errs(err) {
		got = append(got, place{e.Field, e.Pointer, string(e.Code)})
	}
	assert.Equal(t, []place{
		{"customer.metadata.a/b", "/customer/metadata/a~1b", "required"},
		{"customer.metadata.a.b", "/customer/metadata/a.b", "required"},
		{"x~", "/x~0", "unknown_field"},
		{"external_reference", "/external_reference", "required"},
		{"currency", "/currency", "required"},
	}, got)
}

// TestRoundTrip encodes what it reads, byte for byte, and masks personal data in the
// masked form only.
func TestRoundTrip(t *testing.T) {
	doc := `{"customer":{"external_reference":"c1","email":"jane@example.com","phone":"+27123456789"},` +
		`"external_reference":"a1","name":"Main","currency":"ZAR","balance":-5,"metadata":{}}`
	var v Values
	require.NoError(t, Decode([]byte(doc), AccountCreate, &v))
	assert.Equal(t, doc, string(AppendJSON(nil, AccountCreate, &v)))
	masked := string(AppendMasked(nil, AccountCreate, &v))
	assert.NotContains(t, masked, "jane@example.com")
	assert.NotContains(t, masked, "+27123456789")
	var again Values
	require.NoError(t, Decode(AppendJSON(nil, AccountCreate, &v), AccountCreate, &again))
	assert.True(t, v.Equal(&again))
}

// TestBuilderMatchesReader gives the same request as Go values and as JSON.
func TestBuilderMatchesReader(t *testing.T) {
	ref, bad, cur := "c1", "+15555555555", "zar"
	minor := int64(5)
	b := NewBuilder(CustomerCreate)
	b.String("external_reference", &ref)
	b.String("phone", &bad)
	b.String("currency", &cur)
	b.Balance(&minor)
	b.Metadata(map[string]string{"": "v"})
	_, err := b.Finish()
	var v Values
	jsonErr := Decode([]byte(`{"external_reference":"c1","phone":"+15555555555","currency":"zar","balance":5,"metadata":{"":"v"}}`), CustomerCreate, &v)
	assert.Equal(t, report.Errs(jsonErr), report.Errs(err))
}

// TestValuesSize holds Values to 240 bytes, a size class of its own: a new customer nested
// in an account request allocates one, and every value of the entities copies it.
func TestValuesSize(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Values{}), uintptr(240))
}
