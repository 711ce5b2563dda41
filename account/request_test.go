package account_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// docsParams is the API docs' example request as Go values.
func docsParams() account.CreateParams {
	return account.CreateParams{
		Customer:          "bcus_H4jp6KnU5cPw263v1jyz4",
		ExternalReference: "acct_2024_0001",
		Name:              testkit.Ptr("Thandiwe's Savings"),
		Currency:          testkit.Ptr("ZAR"),
		Balance:           testkit.Ptr(int64(2000)),
		Metadata:          map[string]string{"product": "savings", "branch": "Sandton"},
	}
}

const docsRequestJSON = `{"customer":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"acct_2024_0001",` +
	`"name":"Thandiwe's Savings","currency":"ZAR","balance":2000,"metadata":{"branch":"Sandton","product":"savings"}}`

// newCustomerParams is a request that creates its customer, with every member.
func newCustomerParams() account.CreateParams {
	return account.CreateParams{
		NewCustomer: &customer.CreateParams{
			ExternalReference: "cust_2024_0002",
			Name:              testkit.Ptr("Sipho Dlamini"),
			Email:             testkit.Ptr("sipho.dlamini@example.co.za"),
			Phone:             testkit.Ptr("+27821234567"),
			Currency:          testkit.Ptr("ZAR"),
			Balance:           testkit.Ptr(int64(0)),
			Metadata:          map[string]string{"source": "signup"},
		},
		ExternalReference: "acct_2024_0002",
		Name:              testkit.Ptr("Everyday"),
		Currency:          testkit.Ptr("ZAR"),
		Balance:           testkit.Ptr(int64(0)),
	}
}

const newCustomerRequestJSON = `{"customer":{"external_reference":"cust_2024_0002","name":"Sipho Dlamini",` +
	`"email":"sipho.dlamini@example.co.za","phone":"+27821234567","currency":"ZAR","balance":0,` +
	`"metadata":{"source":"signup"}},"external_reference":"acct_2024_0002","name":"Everyday","currency":"ZAR","balance":0}`

func TestNewCreateRequest(t *testing.T) {
	req, err := account.NewCreateRequest(docsParams())
	require.NoError(t, err)
	assert.False(t, req.IsZero())
	id, ok := req.Customer().CustomerID()
	assert.True(t, ok)
	assert.Equal(t, "bcus_H4jp6KnU5cPw263v1jyz4", id.String())
	assert.Equal(t, "acct_2024_0001", req.ExternalReference().String())
	name, ok := req.Name()
	assert.True(t, ok)
	assert.Equal(t, "Thandiwe's Savings", name.String())
	cur, ok := req.Currency()
	assert.True(t, ok)
	assert.Equal(t, "ZAR", cur.String())
	bal, ok := req.Balance()
	assert.True(t, ok)
	assert.Equal(t, "ZAR 20.00", bal.String())
	md, ok := req.Metadata()
	assert.True(t, ok)
	assert.Equal(t, []string{"branch", "product"}, md.Keys())

	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, docsRequestJSON, string(out))
	parsed, err := account.DecodeCreateRequest(out)
	require.NoError(t, err)
	assert.True(t, req.Equal(parsed))
	fromFile, err := account.DecodeCreateRequest(readFile(t, "account-create", "docs-example"))
	require.NoError(t, err)
	assert.True(t, req.Equal(fromFile))

	// The params' map is copied.
	p := docsParams()
	req, err = account.NewCreateRequest(p)
	require.NoError(t, err)
	p.Metadata["branch"] = "changed"
	md, _ = req.Metadata()
	v, _ := md.Get("branch")
	assert.Equal(t, "Sandton", v)
}

func TestNewCreateRequestNewCustomer(t *testing.T) {
	req, err := account.NewCreateRequest(newCustomerParams())
	require.NoError(t, err)
	ref := req.Customer()
	assert.Equal(t, account.RefNewCustomer, ref.Kind())
	nc, ok := ref.NewCustomer()
	require.True(t, ok)
	assert.Equal(t, "cust_2024_0002", nc.ExternalReference().String())
	phone, _ := nc.Phone()
	assert.Equal(t, "+27821234567", phone.E164())
	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, newCustomerRequestJSON, string(out))
	parsed, err := account.DecodeCreateRequest(readFile(t, "account-create", "valid-customer-new"))
	require.NoError(t, err)
	assert.True(t, req.Equal(parsed))
}

func TestNewCreateRequestMinimal(t *testing.T) {
	req, err := account.NewCreateRequest(account.CreateParams{Customer: "bacc_x1", ExternalReference: "bcus_x"})
	require.NoError(t, err)
	ext, ok := req.Customer().ExternalReference()
	assert.True(t, ok)
	assert.Equal(t, "bacc_x1", ext.String())
	for _, ok := range []bool{second(req.Name()), second(req.Currency()), second(req.Balance()), second(req.Metadata())} {
		assert.False(t, ok)
	}
	out, err := json.Marshal(req)
	require.NoError(t, err)
	assert.Equal(t, `{"customer":"bacc_x1","external_reference":"bcus_x"}`, string(out))

	req, err = account.NewCreateRequest(account.CreateParams{Customer: "c", ExternalReference: "x", Metadata: map[string]string{}})
	require.NoError(t, err)
	md, ok := req.Metadata()
	assert.True(t, ok)
	assert.Zero(t, md.Len())
	out, _ = req.MarshalJSON()
	assert.Equal(t, `{"customer":"c","external_reference":"x","metadata":{}}`, string(out))
}

func TestNewCreateRequestFailures(t *testing.T) {
	tests := []struct {
		name string
		p    account.CreateParams
		want []failure
	}{
		{"zero", account.CreateParams{}, []failure{{"customer", "required"}, {"external_reference", "required"}}},
		{"both forms of customer", account.CreateParams{
			Customer: "bcus_1", NewCustomer: &customer.CreateParams{ExternalReference: "c"}, ExternalReference: "x",
		}, []failure{{"customer", "duplicate_field"}}},
		{"customer ID prefix only", account.CreateParams{Customer: "bcus_", ExternalReference: "x"},
			[]failure{{"customer", "invalid_format"}}},
		{"bad new customer, in its own order", account.CreateParams{
			NewCustomer: &customer.CreateParams{
				ExternalReference: "bcus_1", Phone: testkit.Ptr("+15555555555"), Balance: testkit.Ptr(int64(1)),
				Metadata: map[string]string{"tier": ""},
			},
			ExternalReference: "bacc_1",
		}, []failure{
			{"customer.external_reference", "invalid_format"}, {"customer.phone", "invalid_phone"},
			{"customer.metadata.tier", "required"}, {"customer.currency", "required"},
			{"external_reference", "invalid_format"},
		}},
		{"every member in table order", account.CreateParams{
			Customer:          "has space",
			ExternalReference: strings.Repeat("r", 256),
			Name:              testkit.Ptr(" \u3000"),
			Currency:          testkit.Ptr("zar"),
			Balance:           testkit.Ptr(int64(1) << 53),
			Metadata:          map[string]string{"note": "", "": "x"},
		}, []failure{
			{"customer", "invalid_format"}, {"external_reference", "too_long"}, {"name", "required"},
			{"currency", "invalid_currency"}, {"balance", "out_of_range"},
			{"metadata.", "invalid_key"}, {"metadata.note", "required"},
		}},
		{"empty strings", account.CreateParams{Customer: "", ExternalReference: "", Name: testkit.Ptr(""), Currency: testkit.Ptr("")},
			[]failure{{"customer", "required"}, {"external_reference", "required"}, {"name", "required"}, {"currency", "required"}}},
		{"balance without currency, reported last", account.CreateParams{
			Customer: "c", ExternalReference: "x", Balance: testkit.Ptr(int64(-1) << 60),
			Metadata: map[string]string{"k": strings.Repeat("v", 501)},
		}, []failure{{"balance", "out_of_range"}, {"metadata.k", "too_long"}, {"currency", "required"}}},
		{"eleven keys", account.CreateParams{Customer: "c", ExternalReference: "x", Metadata: testdocs.ManyKeys(11)},
			[]failure{{"metadata", "too_many_keys"}}},
		{"a new customer may have twenty", account.CreateParams{
			NewCustomer:       &customer.CreateParams{ExternalReference: "c", Metadata: testdocs.ManyKeys(21)},
			ExternalReference: "x", Metadata: testdocs.ManyKeys(11),
		}, []failure{{"customer.metadata", "too_many_keys"}, {"metadata", "too_many_keys"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := account.NewCreateRequest(tt.p)
			assert.Equal(t, tt.want, failures(err))
			assert.True(t, req.IsZero())
			var errs billing.Errors
			require.ErrorAs(t, err, &errs)
			assert.Panics(t, func() { account.MustNewCreateRequest(tt.p) })
		})
	}
	_, err := account.NewCreateRequest(account.CreateParams{
		NewCustomer: &customer.CreateParams{ExternalReference: "c", Metadata: testdocs.ManyKeys(20)}, Customer: "", ExternalReference: "x",
	})
	assert.NoError(t, err, "twenty keys for the new customer")
}

func TestParseCreateRequestErrorsMatchable(t *testing.T) {
	_, err := account.DecodeCreateRequest([]byte(`{"customer":{"external_reference":"c","phone":"+15555555555",` +
		`"email":"jane.doe@localhost"},"balance":1.5,"payment_rules":{}}`))
	require.Error(t, err)
	assert.Equal(t, []failure{{"customer.phone", "invalid_phone"}, {"customer.email", "invalid_format"},
		{"balance", "invalid_type"}, {"payment_rules", "unknown_field"}, {"external_reference", "required"},
		{"currency", "required"}}, failures(err))
	assert.ErrorIs(t, err, billing.CodeInvalidPhone)
	assert.ErrorIs(t, err, billing.CodeInvalidType)
	assert.NotErrorIs(t, err, billing.CodeTooLong)
	var errs billing.Errors
	require.True(t, errors.As(err, &errs))
	assert.Equal(t, billing.CodeInvalidPhone, errs.Field("customer.phone").Code)
	assert.NotContains(t, err.Error(), "5555555555")
	assert.NotContains(t, err.Error(), "jane.doe")
}

func TestParseCreateRequestNotAnObject(t *testing.T) {
	for in, want := range map[string]failure{
		`[]`:              {"", "invalid_type"},
		`"bcus_1"`:        {"", "invalid_type"},
		`{"customer":"x"`: {"", "invalid_json"},
		``:                {"", "invalid_json"},
		"\xef\xbb\xbf{}":  {"", "invalid_json"},
		`{"customer":{"external_reference":"c","metadata":{"a":"b"}}} x`: {"", "invalid_json"},
	} {
		_, err := account.DecodeCreateRequest([]byte(in))
		assert.Equal(t, []failure{want}, failures(err), in)
		_, err = account.Decode([]byte(in))
		assert.Equal(t, []failure{want}, failures(err), in)
	}
}

func TestCreateRequestUnmarshalJSON(t *testing.T) {
	var req account.CreateRequest
	require.NoError(t, req.UnmarshalJSON([]byte(docsRequestJSON)))
	want := account.MustNewCreateRequest(docsParams())
	assert.True(t, want.Equal(req))
	// null leaves the value as it is; a failure too.
	require.NoError(t, req.UnmarshalJSON([]byte(" null ")))
	assert.True(t, want.Equal(req))
	err := req.UnmarshalJSON([]byte(`{"customer":"","external_reference":"x"}`))
	assert.Equal(t, []failure{{"customer", "required"}}, failures(err))
	assert.True(t, want.Equal(req))
	// Through encoding/json, in a struct, the failures come back wrapped.
	var holder struct {
		Req *account.CreateRequest `json:"req"`
	}
	err = json.Unmarshal([]byte(`{"req":{"customer":"bcus_!","external_reference":"x"}}`), &holder)
	assert.ErrorIs(t, err, billing.CodeInvalidFormat)
	require.NoError(t, json.Unmarshal([]byte(`{"req":null}`), &holder))
	assert.Nil(t, holder.Req)
}

func TestCreateRequestMarshalZero(t *testing.T) {
	var req account.CreateRequest
	_, err := req.MarshalJSON()
	assert.Equal(t, []failure{{"external_reference", "required"}}, failures(err))
	_, err = json.Marshal(req)
	assert.ErrorIs(t, err, billing.CodeRequired)
	b, err := req.AppendJSON([]byte("x"))
	assert.Error(t, err)
	assert.Equal(t, "x", string(b))
	assert.Equal(t, "{}", req.String())
	assert.Empty(t, req.LogValue().Group())
	assert.True(t, req.Customer().IsZero())
}

func TestCreateRequestAppendJSON(t *testing.T) {
	req := account.MustNewCreateRequest(newCustomerParams())
	b, err := req.AppendJSON([]byte(`[`))
	require.NoError(t, err)
	assert.Equal(t, `[`+newCustomerRequestJSON, string(b))
}

func TestCreateRequestEncodingEscapes(t *testing.T) {
	name := "Épargne \"Q\" \\ <&> 山田 🚀"
	req := account.MustNewCreateRequest(account.CreateParams{
		Customer:          "c",
		ExternalReference: "x",
		Name:              &name,
		Metadata:          map[string]string{"note": "line\none\ttab\x00\x7f\u2028", "k.a y": "<b>"},
	})
	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"customer":"c","external_reference":"x","name":"Épargne \"Q\" \\ \u003c\u0026\u003e 山田 🚀",`+
		`"metadata":{"k.a y":"\u003cb\u003e","note":"line\none\ttab\u0000`+"\x7f"+`\u2028"}}`, string(out))
	std, err := json.Marshal(struct {
		Name     string            `json:"name"`
		Metadata map[string]string `json:"metadata"`
	}{name, map[string]string{"note": "line\none\ttab\x00\x7f\u2028", "k.a y": "<b>"}})
	require.NoError(t, err)
	assert.Contains(t, string(out), string(std[1:len(std)-1]), "what encoding/json writes")
	back, err := account.DecodeCreateRequest(out)
	require.NoError(t, err)
	assert.True(t, req.Equal(back))
	var plain struct {
		Name     string
		Metadata map[string]string
	}
	require.NoError(t, json.Unmarshal(out, &plain))
	assert.Equal(t, name, plain.Name)
	assert.Equal(t, "line\none\ttab\x00\x7f\u2028", plain.Metadata["note"])
}

func TestCreateRequestEqual(t *testing.T) {
	a := account.MustNewCreateRequest(docsParams())
	p := docsParams()
	p.Customer = "cust_1"
	b := account.MustNewCreateRequest(p)
	assert.False(t, a.Equal(b))
	p = docsParams()
	p.Name = nil
	assert.False(t, a.Equal(account.MustNewCreateRequest(p)))
	assert.True(t, a.Equal(account.MustNewCreateRequest(docsParams())))
	// An ID and an external reference of the same spelling are different forms.
	id := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_1", ExternalReference: "x"})
	ref, _ := account.RefByExternalReference(mustRef(t, "cust_1"))
	assert.False(t, id.Customer().Equal(ref))
}

func TestCreateRequestPrivacy(t *testing.T) {
	req := account.MustNewCreateRequest(newCustomerParams())
	masked := `{"customer":{"external_reference":"cust_2024_0002","name":"Sipho Dlamini","email":"s***@example.co.za",` +
		`"phone":"+27*******67","currency":"ZAR","balance":0,"metadata":{"source":"signup"}},` +
		`"external_reference":"acct_2024_0002","name":"Everyday","currency":"ZAR","balance":0}`
	assert.Equal(t, masked, req.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%20v", "%x", "%d"} {
		out := fmt.Sprintf(verb, req)
		assert.NotContains(t, out, "sipho.dlamini", verb)
		assert.NotContains(t, out, "821234567", verb)
		assert.NotContains(t, out, "73 69 70", verb) // not even in hex
	}
	assert.Equal(t, masked, fmt.Sprint(req))
	assert.Equal(t, masked, fmt.Sprintf("%v", &req))
	assert.NotContains(t, fmt.Sprintf("%+v", struct{ R account.CreateRequest }{req}), "sipho.dlamini")

	var buf strings.Builder
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("created", "request", req)
	logged := buf.String()
	assert.Contains(t, logged, `"request":{"customer":{"external_reference":"cust_2024_0002","name":"Sipho Dlamini",`+
		`"email":"s***@example.co.za","phone":"+27*******67","currency":"ZAR","balance":0,"metadata":{"source":"signup"}},`+
		`"external_reference":"acct_2024_0002","name":"Everyday","currency":"ZAR","balance":0}`)
	assert.NotContains(t, logged, "sipho.dlamini")

	buf.Reset()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("created", "request", account.MustNewCreateRequest(docsParams()))
	assert.Contains(t, buf.String(), "request.customer=bcus_H4jp6KnU5cPw263v1jyz4 request.external_reference=acct_2024_0001")
	assert.Contains(t, buf.String(), "request.metadata.branch=Sandton")

	// The wire form is not masked.
	out, _ := req.MarshalJSON()
	assert.Contains(t, string(out), "sipho.dlamini@example.co.za")
}

func TestCreateRequestConcurrentUse(t *testing.T) {
	req := account.MustNewCreateRequest(newCustomerParams())
	done := make(chan string)
	for range 4 {
		go func() {
			out, _ := req.MarshalJSON()
			_ = req.String()
			_ = req.LogValue()
			_, _ = req.Customer().NewCustomer()
			done <- string(out)
		}()
	}
	for range 4 {
		assert.Equal(t, newCustomerRequestJSON, <-done)
	}
}
