package account_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testdocs"
)

// plainAccount is the reference reading of a valid document: encoding/json into plain
// fields, with no rule applied. It holds the members of a create request and of an account
// object.
type plainAccount struct {
	ID                *string                `json:"id"`
	Customer          json.RawMessage        `json:"customer"`
	CustomerID        *string                `json:"customer_id"`
	ExternalReference *string                `json:"external_reference"`
	Name              *string                `json:"name"`
	PaymentRules      *testdocs.PaymentRules `json:"payment_rules"`
	testdocs.Money
}

func FuzzParseCreateRequest(f *testing.F) {
	testdocs.AddSeeds(f, "account-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := testdocs.Parsed(t, data, account.DecodeCreateRequest)
		if !ok {
			return
		}

		// encoding/json reads the same values.
		var p plainAccount
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("valid for us, not for encoding/json: %v: %q", err, data)
		}
		ref := req.Customer()
		params := account.CreateParams{ExternalReference: req.ExternalReference().String()}
		switch ref.Kind() {
		case account.RefCustomerID, account.RefExternalReference:
			var s string
			if err := json.Unmarshal(p.Customer, &s); err != nil {
				t.Fatalf("customer is not a string for encoding/json: %s", p.Customer)
			}
			id, isID := ref.CustomerID()
			ext, isRef := ref.ExternalReference()
			if isID != strings.HasPrefix(s, "bcus_") || isID && id.String() != s || isRef && ext.String() != s {
				t.Fatalf("customer %q read as %v", s, ref)
			}
			params.Customer = s
		case account.RefNewCustomer:
			nc, _ := ref.NewCustomer()
			testdocs.EqCustomer(t, "customer.", p.Customer, nc)
			var cp customer.CreateParams
			if err := json.Unmarshal(p.Customer, &cp); err != nil {
				t.Fatal(err)
			}
			cp.ExternalReference = nc.ExternalReference().String()
			if md, ok := nc.Metadata(); ok && cp.Metadata == nil {
				cp.Metadata = md.Map()
				if cp.Metadata == nil {
					cp.Metadata = map[string]string{}
				}
			}
			params.NewCustomer = &cp
		default:
			t.Fatalf("a valid request without a customer: %v", ref.Kind())
		}
		testdocs.EqString(t, "external_reference", p.ExternalReference, req.ExternalReference().String())
		name, _ := req.Name()
		testdocs.EqString(t, "name", p.Name, name.String())
		testdocs.EqMoney(t, "", p.Money, req)

		// Built from the same values, the request is the same.
		params.Name, params.Currency, params.Balance = p.Name, p.Currency, p.Balance
		params.Metadata = p.Metadata
		built, err := account.NewCreateRequest(params)
		if err != nil || !built.Equal(req) {
			t.Fatalf("NewCreateRequest disagrees: %v", err)
		}
		// The printed forms mask a new customer's email and phone.
		if nc, ok := ref.NewCustomer(); ok {
			testdocs.CheckMasked(t, nc, req.String(), ref.String())
		}
	})
}

func FuzzParse(f *testing.F) {
	testdocs.AddSeeds(f, "account", "account-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, ok := testdocs.Parsed(t, data, account.Decode)
		if !ok {
			return
		}

		var p plainAccount
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("valid for us, not for encoding/json: %v: %q", err, data)
		}
		if p.Customer != nil {
			t.Fatalf("customer in an account object: %s", p.Customer)
		}
		testdocs.EqString(t, "id", p.ID, a.ID().String())
		testdocs.EqString(t, "customer_id", p.CustomerID, a.CustomerID().String())
		testdocs.EqString(t, "external_reference", p.ExternalReference, a.ExternalReference().String())
		name, _ := a.Name()
		testdocs.EqString(t, "name", p.Name, name.String())
		testdocs.EqMoney(t, "", p.Money, a)
		_, hasC := a.Currency()
		_, hasA := a.Balance()
		m, _ := a.Metadata()
		rules, ok := a.PaymentRules()
		testdocs.EqPaymentRules(t, p.PaymentRules, rules, ok, hasC)
		if hasA && !hasC {
			t.Fatal("a balance without a currency")
		}
		if m.Len() > 10 {
			t.Fatalf("%d metadata keys", m.Len())
		}
	})
}

// FuzzCustomerRef reads the customer member's value on its own: the same verdict as in a
// request, paths under "customer", and each form encodes back to what it was.
func FuzzCustomerRef(f *testing.F) {
	for _, s := range []string{`"bcus_H4jp6KnU5cPw263v1jyz4"`, `"bacc_x1"`, `"bcus_"`, `""`, `42`, `[]`, `null`,
		`{"external_reference":"cust_1","phone":"+27821234567","metadata":{"a":"b"}}`, `{}`, `"\ud800"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, value []byte) {
		var ref account.CustomerRef
		err := ref.UnmarshalJSON(value)
		if err != nil {
			var again account.CustomerRef
			testdocs.CheckFailures(t, err, again.UnmarshalJSON(value))
			for _, e := range report.Errs(err) {
				if e.Field != "" && e.Field != "customer" && !strings.HasPrefix(e.Field, "customer.") {
					t.Fatalf("failure outside the member: %v", err)
				}
			}
			if !ref.IsZero() {
				t.Fatal("a value with a failure")
			}
		}
		if !json.Valid(value) || len(value) > 1<<19 {
			return
		}
		// The same value as the member of a request gives the same verdict.
		doc := append(append([]byte(`{"external_reference":"x","customer":`), value...), '}')
		req, reqErr := account.DecodeCreateRequest(doc)
		if bytes.Equal(bytes.TrimSpace(value), []byte("null")) {
			return
		}
		if (err == nil) != (reqErr == nil) || err != nil && err.Error() != reqErr.Error() {
			t.Fatalf("alone: %v\nin a request: %v", err, reqErr)
		}
		if err != nil {
			return
		}
		if !req.Customer().Equal(ref) {
			t.Fatalf("alone and in a request differ: %v, %v", ref, req.Customer())
		}
		out, err := ref.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back account.CustomerRef
		if err := back.UnmarshalJSON(out); err != nil || !back.Equal(ref) || back.Kind() != ref.Kind() {
			t.Fatalf("round trip: %v %s", err, out)
		}
		if (out[0] == '{') != (ref.Kind() == account.RefNewCustomer) {
			t.Fatalf("%v encoded as %s", ref.Kind(), out)
		}
	})
}
