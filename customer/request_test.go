package customer_test

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
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// fullParams is a request with every member, as in the API docs' example.
func fullParams() customer.CreateParams {
	return customer.CreateParams{
		ExternalReference: "cust_2024_0001",
		Name:              testkit.Ptr("Thandiwe Nkosi"),
		Email:             testkit.Ptr("thandiwe.nkosi@example.co.za"),
		Phone:             testkit.Ptr("+27123456789"),
		Currency:          testkit.Ptr("ZAR"),
		Balance:           testkit.Ptr(int64(2000)),
		Metadata:          map[string]string{"segment": "retail", "crm_id": "A-10293"},
	}
}

const fullRequestJSON = `{"external_reference":"cust_2024_0001","name":"Thandiwe Nkosi",` +
	`"email":"thandiwe.nkosi@example.co.za","phone":"+27123456789","currency":"ZAR","balance":2000,` +
	`"metadata":{"crm_id":"A-10293","segment":"retail"}}`

func TestNewCreateRequest(t *testing.T) {
	req, err := customer.NewCreateRequest(fullParams())
	require.NoError(t, err)
	assert.False(t, req.IsZero())
	assert.Equal(t, "cust_2024_0001", req.ExternalReference().String())
	name, ok := req.Name()
	assert.True(t, ok)
	assert.Equal(t, "Thandiwe Nkosi", name.String())
	email, ok := req.Email()
	assert.True(t, ok)
	assert.Equal(t, "thandiwe.nkosi@example.co.za", email.Address())
	phone, ok := req.Phone()
	assert.True(t, ok)
	assert.Equal(t, "+27123456789", phone.E164())
	cur, ok := req.Currency()
	assert.True(t, ok)
	assert.Equal(t, "ZAR", cur.String())
	bal, ok := req.Balance()
	assert.True(t, ok)
	assert.Equal(t, int64(2000), bal.Minor())
	assert.Equal(t, cur, bal.Currency())
	md, ok := req.Metadata()
	assert.True(t, ok)
	assert.Equal(t, []string{"crm_id", "segment"}, md.Keys())

	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, fullRequestJSON, string(out))
	parsed, err := customer.DecodeCreateRequest(out)
	require.NoError(t, err)
	assert.True(t, req.Equal(parsed))

	// The params' map is copied.
	p := fullParams()
	req, err = customer.NewCreateRequest(p)
	require.NoError(t, err)
	p.Metadata["segment"] = "changed"
	md, _ = req.Metadata()
	v, _ := md.Get("segment")
	assert.Equal(t, "retail", v)
}

func TestNewCreateRequestMinimal(t *testing.T) {
	req, err := customer.NewCreateRequest(customer.CreateParams{ExternalReference: "bacc_x"})
	require.NoError(t, err)
	for _, ok := range []bool{second(req.Name()), second(req.Email()), second(req.Phone()),
		second(req.Currency()), second(req.Balance()), second(req.Metadata())} {
		assert.False(t, ok)
	}
	out, err := json.Marshal(req)
	require.NoError(t, err)
	assert.Equal(t, `{"external_reference":"bacc_x"}`, string(out))

	// An empty, non-nil map is metadata given as {}.
	req, err = customer.NewCreateRequest(customer.CreateParams{ExternalReference: "x", Metadata: map[string]string{}})
	require.NoError(t, err)
	md, ok := req.Metadata()
	assert.True(t, ok)
	assert.Zero(t, md.Len())
	out, _ = req.MarshalJSON()
	assert.Equal(t, `{"external_reference":"x","metadata":{}}`, string(out))
}

func second[T any](_ T, ok bool) bool { return ok }

func TestNewCreateRequestFailures(t *testing.T) {
	tests := []struct {
		name string
		p    customer.CreateParams
		want []failure
	}{
		{"zero", customer.CreateParams{}, []failure{{"external_reference", "required"}}},
		{"every field in table order", customer.CreateParams{
			ExternalReference: "bcus_taken",
			Name:              testkit.Ptr("Jane\u202e"),
			Email:             testkit.Ptr("jane@localhost"),
			Phone:             testkit.Ptr("+15555555555"),
			Currency:          testkit.Ptr("zar"),
			Balance:           testkit.Ptr(int64(1) << 53),
			Metadata:          map[string]string{"tier": "", "": "x"},
		}, []failure{
			{"external_reference", "invalid_format"}, {"name", "invalid_characters"}, {"email", "invalid_format"},
			{"phone", "invalid_phone"}, {"currency", "invalid_currency"}, {"balance", "out_of_range"},
			{"metadata.", "invalid_key"}, {"metadata.tier", "required"},
		}},
		{"empty strings", customer.CreateParams{
			ExternalReference: "x", Name: testkit.Ptr(""), Email: testkit.Ptr(""), Phone: testkit.Ptr(""), Currency: testkit.Ptr(""),
		}, []failure{{"name", "required"}, {"email", "required"}, {"phone", "required"}, {"currency", "required"}}},
		{"balance without currency, reported last", customer.CreateParams{
			ExternalReference: "x", Balance: testkit.Ptr(int64(-1) << 60), Metadata: map[string]string{"k": strings.Repeat("v", 501)},
		}, []failure{{"balance", "out_of_range"}, {"metadata.k", "too_long"}, {"currency", "required"}}},
		{"too many keys first", customer.CreateParams{ExternalReference: "x", Metadata: testdocs.ManyKeys(21)},
			[]failure{{"metadata", "too_many_keys"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := customer.NewCreateRequest(tt.p)
			assert.Equal(t, tt.want, failures(err))
			assert.True(t, req.IsZero())
			var errs billing.Errors
			require.ErrorAs(t, err, &errs)
			assert.Panics(t, func() { customer.MustNewCreateRequest(tt.p) })
		})
	}
}

func TestParseCreateRequestErrorsMatchable(t *testing.T) {
	_, err := customer.DecodeCreateRequest([]byte(`{"external_reference":"x","phone":"+15555555555","balance":1.5}`))
	require.Error(t, err)
	assert.ErrorIs(t, err, billing.CodeInvalidPhone)
	assert.ErrorIs(t, err, billing.CodeInvalidType)
	assert.ErrorIs(t, err, billing.CodeRequired)
	assert.NotErrorIs(t, err, billing.CodeTooLong)
	var errs billing.Errors
	require.True(t, errors.As(err, &errs))
	assert.Equal(t, billing.CodeInvalidPhone, errs.Field("phone").Code)
	assert.Equal(t, billing.CodeRequired, errs.Field("currency").Code)
	assert.NotContains(t, err.Error(), "5555555555")
}

func TestCreateRequestUnmarshalJSON(t *testing.T) {
	var req customer.CreateRequest
	require.NoError(t, req.UnmarshalJSON([]byte(fullRequestJSON)))
	want := customer.MustNewCreateRequest(fullParams())
	assert.True(t, want.Equal(req))
	// null leaves the value as it is; a failure too.
	require.NoError(t, req.UnmarshalJSON([]byte(" null ")))
	assert.True(t, want.Equal(req))
	err := req.UnmarshalJSON([]byte(`{"external_reference":""}`))
	assert.Equal(t, []failure{{"external_reference", "required"}}, failures(err))
	assert.True(t, want.Equal(req))
	// Through encoding/json, in a struct, the failures come back wrapped.
	var holder struct {
		Req *customer.CreateRequest `json:"req"`
	}
	err = json.Unmarshal([]byte(`{"req":{"external_reference":"x","email":"nope"}}`), &holder)
	assert.ErrorIs(t, err, billing.CodeInvalidFormat)
	require.NoError(t, json.Unmarshal([]byte(`{"req":null}`), &holder))
	assert.Nil(t, holder.Req)
}

func TestCreateRequestMarshalZero(t *testing.T) {
	var req customer.CreateRequest
	_, err := req.MarshalJSON()
	assert.Equal(t, []failure{{"external_reference", "required"}}, failures(err))
	_, err = json.Marshal(req)
	assert.ErrorIs(t, err, billing.CodeRequired)
	b, err := req.AppendJSON([]byte("x"))
	assert.Error(t, err)
	assert.Equal(t, "x", string(b))
}

func TestCreateRequestAppendJSON(t *testing.T) {
	req := customer.MustNewCreateRequest(fullParams())
	b, err := req.AppendJSON([]byte(`[`))
	require.NoError(t, err)
	assert.Equal(t, `[`+fullRequestJSON, string(b))
}

func TestCreateRequestEncodingEscapes(t *testing.T) {
	// Strings are written so that they read back byte for byte, escaped as encoding/json
	// escapes them (<, >, &, U+2028 and U+2029 too).
	name := "Zoë \"Q\" O'Neil\\ <&> 山田 🚀"
	req := customer.MustNewCreateRequest(customer.CreateParams{
		ExternalReference: "x",
		Name:              &name,
		Metadata:          map[string]string{"note": "line\none\ttab\x00\x7f\u2028", "k.a y": "<b>"},
	})
	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"external_reference":"x","name":"Zoë \"Q\" O'Neil\\ \u003c\u0026\u003e 山田 🚀",`+
		`"metadata":{"k.a y":"\u003cb\u003e","note":"line\none\ttab\u0000`+"\x7f"+`\u2028"}}`, string(out))
	std, err := json.Marshal(struct {
		Name     string            `json:"name"`
		Metadata map[string]string `json:"metadata"`
	}{name, map[string]string{"note": "line\none\ttab\x00\x7f\u2028", "k.a y": "<b>"}})
	require.NoError(t, err)
	assert.Contains(t, string(out), string(std[1:len(std)-1]), "what encoding/json writes")
	back, err := customer.DecodeCreateRequest(out)
	require.NoError(t, err)
	assert.True(t, req.Equal(back))
	// encoding/json reads the same values.
	var plain struct {
		Name     string
		Metadata map[string]string
	}
	require.NoError(t, json.Unmarshal(out, &plain))
	assert.Equal(t, name, plain.Name)
	assert.Equal(t, "line\none\ttab\x00\x7f\u2028", plain.Metadata["note"])
}

func TestCreateRequestPrivacy(t *testing.T) {
	req := customer.MustNewCreateRequest(fullParams())
	masked := `{"external_reference":"cust_2024_0001","name":"Thandiwe Nkosi","email":"t***@example.co.za",` +
		`"phone":"+27*******89","currency":"ZAR","balance":2000,"metadata":{"crm_id":"A-10293","segment":"retail"}}`
	assert.Equal(t, masked, req.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%20v", "%x", "%d"} {
		out := fmt.Sprintf(verb, req)
		assert.NotContains(t, out, "thandiwe.nkosi", verb)
		assert.NotContains(t, out, "123456789", verb)
		assert.NotContains(t, out, "74 68 61", verb) // not even in hex
	}
	assert.Equal(t, masked, fmt.Sprint(req))
	assert.Equal(t, masked, fmt.Sprintf("%v", &req))
	// In a struct printed by fmt, too.
	assert.NotContains(t, fmt.Sprintf("%+v", struct{ R customer.CreateRequest }{req}), "thandiwe.nkosi")

	var buf strings.Builder
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	logger.Info("created", "request", req)
	logged := buf.String()
	assert.Contains(t, logged, `"email":"t***@example.co.za"`)
	assert.Contains(t, logged, `"phone":"+27*******89"`)
	assert.Contains(t, logged, `"external_reference":"cust_2024_0001"`)
	assert.Contains(t, logged, `"metadata":{"crm_id":"A-10293","segment":"retail"}`)
	assert.NotContains(t, logged, "thandiwe.nkosi")
	assert.NotContains(t, logged, "+27123456789")

	buf.Reset()
	logger = slog.New(slog.NewTextHandler(&buf, nil))
	logger.Info("created", "request", req)
	assert.NotContains(t, buf.String(), "thandiwe.nkosi")
	assert.Contains(t, buf.String(), "request.phone=+27*******89")

	var zero customer.CreateRequest
	assert.Equal(t, "{}", zero.String())
	assert.Empty(t, zero.LogValue().Group())
}

// TestNestedCreateRequest reads a create request nested in another document, as the
// account package does with its customer member: the raw bytes of the member, failures
// re-homed under its path, in its place.
func TestNestedCreateRequest(t *testing.T) {
	doc := []byte(`{"a":1,"customer":{"phone":"+15555555555","metadata":{"tier":""},"balance":5},"b":2}`)
	var req customer.CreateRequest
	err := strictjson.Decode(doc, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			if o.Name() != "customer" {
				o.Fail(billing.CodeOutOfRange, "test")
				o.Skip()
				continue
			}
			raw, _ := o.Raw()
			var err error
			if req, err = customer.DecodeCreateRequest(raw); err != nil {
				o.AddUnder(o.Path(), err)
			}
		}
	})
	assert.Equal(t, []failure{
		{"a", "out_of_range"},
		{"customer.phone", "invalid_phone"},
		{"customer.metadata.tier", "required"},
		{"customer.external_reference", "required"},
		{"customer.currency", "required"},
		{"b", "out_of_range"},
	}, failures(err))
	err = strictjson.Decode([]byte(`{"customer":[]}`), report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			raw, _ := o.Raw()
			_, err := customer.DecodeCreateRequest(raw)
			o.AddUnder(o.Path(), err)
		}
	})
	assert.Equal(t, []failure{{"customer", "invalid_type"}}, failures(err))
	assert.True(t, req.IsZero())
}
