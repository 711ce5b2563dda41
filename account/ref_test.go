package account_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// The bad inputs, and their neighbours: the SPEC code at the right path.
func TestCustomerMemberForms(t *testing.T) {
	tests := []struct {
		customer string // the member's JSON value; "" leaves it out
		want     []failure
		kind     account.RefKind
	}{
		{``, []failure{{"customer", "required"}}, 0},
		{`""`, []failure{{"customer", "required"}}, 0},
		{`null`, []failure{{"customer", "required"}}, 0},
		{`42`, []failure{{"customer", "invalid_type"}}, 0},
		{`-1.5e3`, []failure{{"customer", "invalid_type"}}, 0},
		{`true`, []failure{{"customer", "invalid_type"}}, 0},
		{`[]`, []failure{{"customer", "invalid_type"}}, 0},
		{`["bcus_1"]`, []failure{{"customer", "invalid_type"}}, 0},
		{`"bcus_"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"bcus_!"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"bcus_a_b"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"bcus_\u00e9"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"bcus_\ud800"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"cust\ud800"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"has space"`, []failure{{"customer", "invalid_format"}}, 0},
		{`"` + strings.Repeat("x", 256) + `"`, []failure{{"customer", "too_long"}}, 0},
		{`"bcus_` + strings.Repeat("!", 251) + `"`, []failure{{"customer", "too_long"}}, 0},
		{`"bcus_` + strings.Repeat("x", 250) + `"`, nil, account.RefCustomerID},
		{`"bacc_x1"`, nil, account.RefExternalReference},
		{`"bacc_9Xk2LmQ7rT4vW8yZ1aB3c"`, nil, account.RefExternalReference},
		{`"BCUS_x"`, nil, account.RefExternalReference},
		{`"bcus"`, nil, account.RefExternalReference},
		{`"bcus-1"`, nil, account.RefExternalReference},
		{`"\u0062cus_1"`, nil, account.RefCustomerID}, // escapes decode before the rule
		{`"bcus_H4jp6KnU5cPw263v1jyz4"`, nil, account.RefCustomerID},
		{`{"external_reference":"cust_1"}`, nil, account.RefNewCustomer},
		{`{"external_reference":"bacc_1","metadata":{}}`, nil, account.RefNewCustomer},
		{`{}`, []failure{{"customer.external_reference", "required"}}, 0},
		{`{"external_reference":"bcus_1"}`, []failure{{"customer.external_reference", "invalid_format"}}, 0},
		{`{"external_reference":"c","phone":"+15555555555","metadata":{"tier":""},"balance":1}`, []failure{
			{"customer.phone", "invalid_phone"}, {"customer.metadata.tier", "required"}, {"customer.currency", "required"}}, 0},
		{`{"external_reference":"c","metadata":{"a":{}}}`, []failure{{"customer.metadata.a", "invalid_type"}}, 0},
		{`{"external_reference":"c","customer":"bcus_1"}`, []failure{{"customer.customer", "unknown_field"}}, 0},
		{`{"external_reference":"c","x":1,"x":2}`, []failure{{"customer.x", "duplicate_field"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.customer, func(t *testing.T) {
			doc := `{"external_reference":"acct_1"}`
			if tt.customer != "" {
				doc = `{"name":"x\u0085","customer":` + tt.customer + `,"external_reference":"acct_1","currency":"XXX"}`
			}
			_, err := account.DecodeCreateRequest([]byte(doc))
			want := tt.want
			if tt.customer != "" {
				// The customer's failures sit between those of the members around it.
				want = append(append([]failure{{"name", "invalid_characters"}}, want...), failure{"currency", "invalid_currency"})
			}
			assert.Equal(t, want, failures(err))
			if tt.customer == "" {
				return
			}
			// The value alone, through CustomerRef.UnmarshalJSON, gives the same.
			var ref account.CustomerRef
			err = json.Unmarshal([]byte(tt.customer), &ref)
			if tt.customer == "null" {
				require.NoError(t, err)
				assert.True(t, ref.IsZero())
				return
			}
			if tt.want == nil {
				tt.want = []failure{}
			}
			assert.Equal(t, tt.want, failures(err))
			if err == nil {
				assert.Equal(t, tt.kind, ref.Kind())
				doc = `{"customer":` + tt.customer + `,"external_reference":"acct_1"}`
				req, err := account.DecodeCreateRequest([]byte(doc))
				require.NoError(t, err)
				assert.True(t, req.Customer().Equal(ref))
			}
		})
	}
}

func TestParseCustomerRef(t *testing.T) {
	ref, err := account.ParseCustomerRef("bcus_H4jp6KnU5cPw263v1jyz4")
	require.NoError(t, err)
	assert.Equal(t, account.RefCustomerID, ref.Kind())
	id, ok := ref.CustomerID()
	assert.True(t, ok)
	assert.Equal(t, "bcus_H4jp6KnU5cPw263v1jyz4", id.String())
	_, ok = ref.ExternalReference()
	assert.False(t, ok)
	_, ok = ref.NewCustomer()
	assert.False(t, ok)
	assert.True(t, ref.Equal(account.RefByID(id)))

	ref, err = account.ParseCustomerRef("bacc_x1")
	require.NoError(t, err)
	ext, ok := ref.ExternalReference()
	assert.True(t, ok)
	assert.Equal(t, "bacc_x1", ext.String())
	_, ok = ref.CustomerID()
	assert.False(t, ok)
	assert.Equal(t, "external_reference", ref.Kind().String())

	for _, s := range []string{"", "bcus_", "bcus_!", "x y", "é", strings.Repeat("a", 256)} {
		ref, err := account.ParseCustomerRef(s)
		var fe *billing.FieldError
		require.ErrorAs(t, err, &fe, s)
		assert.Equal(t, "customer", fe.Field)
		assert.True(t, ref.IsZero())
		if s == "x y" || len(s) > 200 {
			assert.NotContains(t, fe.Message, s)
		}
	}
	_, err = account.ParseCustomerRef("bcus_!")
	assert.ErrorIs(t, err, billing.CodeInvalidFormat)
	assert.Contains(t, err.Error(), "customer ID")
	_, err = account.ParseCustomerRef("cust 1")
	assert.Contains(t, err.Error(), "external reference")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = account.ParseCustomerRef("bcus_H4jp6KnU5cPw263v1jyz4") }))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = account.ParseCustomerRef("cust_7781") }))
}

func TestRefConstructors(t *testing.T) {
	id := ids.MustParseCustomerID("bcus_1")
	assert.Equal(t, account.RefCustomerID, account.RefByID(id).Kind())
	assert.True(t, account.RefByID(ids.CustomerID{}).IsZero())

	ref, err := account.RefByExternalReference(mustRef(t, "cust_1"))
	require.NoError(t, err)
	assert.Equal(t, account.RefExternalReference, ref.Kind())
	_, err = account.RefByExternalReference(ids.ExternalReference{})
	assert.Equal(t, []failure{{"customer", "required"}}, failures(err))
	_, err = account.RefByExternalReference(mustRef(t, "bcus_1")) // would read back as an ID
	assert.Equal(t, []failure{{"customer", "invalid_format"}}, failures(err))

	nc := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_1"})
	ref = account.RefByNewCustomer(nc)
	got, ok := ref.NewCustomer()
	assert.True(t, ok)
	assert.True(t, nc.Equal(got))
	assert.True(t, account.RefByNewCustomer(customer.CreateRequest{}).IsZero())

	var zero account.CustomerRef
	assert.Equal(t, account.RefNone, zero.Kind())
	assert.Equal(t, "none", zero.Kind().String())
	for _, ok := range []bool{second(zero.CustomerID()), second(zero.ExternalReference()), second(zero.NewCustomer())} {
		assert.False(t, ok)
	}
	_, err = zero.MarshalJSON()
	assert.Equal(t, []failure{{"customer", "required"}}, failures(err))
	_, err = json.Marshal(zero)
	assert.ErrorIs(t, err, billing.CodeRequired)
	assert.Equal(t, "null", zero.String())
	assert.False(t, zero.Equal(account.RefByID(id)))
	assert.True(t, zero.Equal(account.CustomerRef{}))
}

func mustRef(t *testing.T, s string) ids.ExternalReference {
	t.Helper()
	r, err := ids.ParseExternalReference(s)
	require.NoError(t, err)
	return r
}

func second[T any](_ T, ok bool) bool { return ok }

func TestCustomerRefJSON(t *testing.T) {
	for _, in := range []string{
		`"bcus_H4jp6KnU5cPw263v1jyz4"`,
		`"cust_7781"`,
		`{"external_reference":"cust_1","name":"Sipho","email":"s@example.com","phone":"+27821234567","currency":"ZAR","balance":0,"metadata":{"a":"1"}}`,
	} {
		var ref account.CustomerRef
		require.NoError(t, ref.UnmarshalJSON([]byte(in)), in)
		out, err := ref.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
		b, err := ref.AppendJSON([]byte("x"))
		require.NoError(t, err)
		assert.Equal(t, "x"+in, string(b))
	}
	// null and failures leave the value alone.
	ref := account.RefByID(ids.MustParseCustomerID("bcus_1"))
	require.NoError(t, ref.UnmarshalJSON([]byte(" null ")))
	assert.Equal(t, account.RefCustomerID, ref.Kind())
	for in, want := range map[string][]failure{
		`"bcus_`:                           {{"", "invalid_json"}},
		`"a" "b"`:                          {{"", "invalid_json"}},
		`1,"customer":2`:                   {{"", "invalid_json"}},
		`{"external_reference"}`:           {{"", "invalid_json"}},
		"\"a\xff\"":                        {{"customer", "invalid_format"}},
		`{"external_reference":"c","c":1}`: {{"customer.c", "unknown_field"}},
	} {
		err := ref.UnmarshalJSON([]byte(in))
		assert.Equal(t, want, failures(err), in)
		assert.Equal(t, account.RefCustomerID, ref.Kind())
	}
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = ' '
	}
	big[0] = '1'
	assert.Equal(t, []failure{{"", "too_long"}}, failures(ref.UnmarshalJSON(big)))
}

func TestCustomerRefPrivacy(t *testing.T) {
	email, phone := "sipho.dlamini@example.co.za", "+27821234567"
	ref := account.RefByNewCustomer(customer.MustNewCreateRequest(customer.CreateParams{
		ExternalReference: "cust_1", Email: &email, Phone: &phone,
	}))
	assert.Equal(t, `{"external_reference":"cust_1","email":"s***@example.co.za","phone":"+27*******67"}`, ref.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, ref)
		assert.NotContains(t, out, "sipho.dlamini", verb)
		assert.NotContains(t, out, "821234567", verb)
	}
	var buf strings.Builder
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "customer", ref)
	assert.Contains(t, buf.String(), `"customer":{"external_reference":"cust_1","email":"s***@example.co.za","phone":"+27*******67"}`)
	out, _ := ref.MarshalJSON()
	assert.Contains(t, string(out), email, "the wire form is not masked")

	byID := account.RefByID(ids.MustParseCustomerID("bcus_1"))
	assert.Equal(t, `"bcus_1"`, byID.String())
	assert.Equal(t, `"bcus_1"`, fmt.Sprint(byID))
	assert.Equal(t, "bcus_1", byID.LogValue().String())
	assert.Empty(t, account.CustomerRef{}.LogValue().Group())
}
