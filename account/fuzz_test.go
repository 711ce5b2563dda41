package account_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// addSeeds adds every document of testdata/<kind> to f's corpus.
func addSeeds(f *testing.F, kinds ...string) {
	for _, kind := range kinds {
		paths, err := filepath.Glob(filepath.Join("..", "testdata", kind, "*.json"))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, ".errors.json") {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// plainAccount is the reference reading of a valid document: encoding/json into plain
// fields, with no rule applied. It holds the members of a create request and of an account
// object.
type plainAccount struct {
	ID                *string            `json:"id"`
	Customer          json.RawMessage    `json:"customer"`
	CustomerID        *string            `json:"customer_id"`
	ExternalReference *string            `json:"external_reference"`
	Name              *string            `json:"name"`
	Currency          *string            `json:"currency"`
	Balance           *int64             `json:"balance"`
	PaymentRules      *plainPaymentRules `json:"payment_rules"`
	Metadata          map[string]string  `json:"metadata"`
}

// plainCustomer is the reference reading of a new customer.
type plainCustomer struct {
	ExternalReference *string           `json:"external_reference"`
	Name              *string           `json:"name"`
	Email             *string           `json:"email"`
	Phone             *string           `json:"phone"`
	Currency          *string           `json:"currency"`
	Balance           *int64            `json:"balance"`
	Metadata          map[string]string `json:"metadata"`
}

type plainPaymentRules struct {
	MinAmount           int64 `json:"min_amount"`
	MaxAmount           int64 `json:"max_amount"`
	UnderpaymentAllowed bool  `json:"underpayment_allowed"`
	OverpaymentAllowed  bool  `json:"overpayment_allowed"`
}

// checkFailures checks the properties every failure list has: never empty, at most one
// failure per path, every code one of the library's with a message, a whole-document
// failure (invalid_json, too_long, invalid_type at "") alone, and the same list on a
// second run.
func checkFailures(t *testing.T, err error, again error) {
	t.Helper()
	errs := billing.AsErrors(err)
	if len(errs) == 0 {
		t.Fatalf("error without failures: %v", err)
	}
	seen := map[string]bool{}
	for _, e := range errs {
		if seen[e.Field] {
			t.Fatalf("path %q reported twice: %v", e.Field, err)
		}
		seen[e.Field] = true
		if e.Code.Description() == "" || e.Message == "" {
			t.Fatalf("failure without a known code or a message: %#v", e)
		}
	}
	for _, e := range errs {
		// A member named "" at the top level has the path "" too, but its failures
		// (unknown_field, duplicate_field) are not the document's.
		whole := e.Code == billing.CodeInvalidJSON || e.Code == billing.CodeTooLong || e.Code == billing.CodeInvalidType
		if e.Field == "" && whole && len(errs) != 1 {
			t.Fatalf("a failure of the whole document must stand alone: %v", err)
		}
	}
	if again == nil || again.Error() != err.Error() {
		t.Fatalf("not deterministic:\n%v\n%v", err, again)
	}
}

// checkJSONLevel checks the document-level failures against encoding/json's verdict.
func checkJSONLevel(t *testing.T, data []byte, err error) {
	t.Helper()
	errs := billing.AsErrors(err)
	if !json.Valid(data) && len(data) <= 1<<20 {
		if len(errs) != 1 || errs[0].Field != "" || errs[0].Code != billing.CodeInvalidJSON {
			t.Fatalf("encoding/json says not JSON; got %v", err)
		}
	}
	if len(errs) == 1 && errs[0].Code == billing.CodeInvalidJSON && json.Valid(data) {
		// The one input encoding/json accepts that the strict reader refuses: deep nesting.
		if bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) <= 64 {
			t.Fatalf("invalid_json for a document encoding/json accepts: %q", data)
		}
	}
}

// eqString compares an optional string read by encoding/json with the library's ("" when
// absent).
func eqString(t *testing.T, field string, plain *string, ours string) {
	t.Helper()
	if (plain == nil) != (ours == "") || plain != nil && *plain != ours {
		t.Fatalf("%s: encoding/json %v, ours %q", field, plain, ours)
	}
}

// eqMoney compares currency, balance and metadata.
func eqMoney(t *testing.T, prefix string, cur *string, bal *int64, md map[string]string,
	c money.Currency, hasC bool, a money.Amount, hasA bool, m metadata.Metadata, hasM bool) {
	t.Helper()
	if !hasC {
		c = money.Currency{}
	}
	eqString(t, prefix+"currency", cur, c.Code())
	if (bal == nil) != !hasA || bal != nil && *bal != a.Minor() {
		t.Fatalf("%sbalance: encoding/json %v, ours %v", prefix, bal, a)
	}
	if hasA && a.Currency() != c {
		t.Fatalf("%sbalance in %v, currency %v", prefix, a.Currency(), c)
	}
	if (md != nil) != hasM || len(md) != m.Len() {
		t.Fatalf("%smetadata: encoding/json %v, ours %v", prefix, md, m.Map())
	}
	for k, v := range md {
		if got, _ := m.Get(k); got != v {
			t.Fatalf("%smetadata %q: encoding/json %q, ours %q", prefix, k, v, got)
		}
	}
}

// checkNewCustomer compares a new customer with encoding/json's reading of its object.
func checkNewCustomer(t *testing.T, raw json.RawMessage, nc customer.CreateRequest) {
	t.Helper()
	var p plainCustomer
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("customer: %v", err)
	}
	eqString(t, "customer.external_reference", p.ExternalReference, nc.ExternalReference().String())
	name, _ := nc.Name()
	eqString(t, "customer.name", p.Name, name.String())
	email, _ := nc.Email()
	eqString(t, "customer.email", p.Email, email.Address())
	phone, _ := nc.Phone()
	eqString(t, "customer.phone", p.Phone, phone.E164())
	c, hasC := nc.Currency()
	a, hasA := nc.Balance()
	m, hasM := nc.Metadata()
	eqMoney(t, "customer.", p.Currency, p.Balance, p.Metadata, c, hasC, a, hasA, m, hasM)
}

func FuzzParseCreateRequest(f *testing.F) {
	addSeeds(f, "account-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := account.ParseCreateRequest(data)
		if err != nil {
			_, again := account.ParseCreateRequest(data)
			checkFailures(t, err, again)
			checkJSONLevel(t, data, err)
			if !req.IsZero() {
				t.Fatal("a value with a failure")
			}
			return
		}
		out, err := req.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(out) || !json.Valid(out) {
			t.Fatalf("encoding is not valid JSON: %q", out)
		}
		back, err := account.ParseCreateRequest(out)
		if err != nil {
			t.Fatalf("encoding does not parse back: %v\n%s", err, out)
		}
		if !back.Equal(req) {
			t.Fatalf("round trip changed the value:\n%q\n%q", data, out)
		}
		if out2, _ := back.MarshalJSON(); !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", out, out2)
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
			checkNewCustomer(t, p.Customer, nc)
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
		eqString(t, "external_reference", p.ExternalReference, req.ExternalReference().String())
		name, _ := req.Name()
		eqString(t, "name", p.Name, name.String())
		c, hasC := req.Currency()
		a, hasA := req.Balance()
		m, hasM := req.Metadata()
		eqMoney(t, "", p.Currency, p.Balance, p.Metadata, c, hasC, a, hasA, m, hasM)

		// Built from the same values, the request is the same.
		params.Name, params.Currency, params.Balance = p.Name, p.Currency, p.Balance
		params.Metadata = p.Metadata
		built, err := account.NewCreateRequest(params)
		if err != nil || !built.Equal(req) {
			t.Fatalf("NewCreateRequest disagrees: %v", err)
		}
		// The printed forms mask a new customer's email and phone.
		if nc, ok := ref.NewCustomer(); ok {
			email, _ := nc.Email()
			phone, _ := nc.Phone()
			for _, s := range []string{req.String(), ref.String()} {
				if email.Address() != "" && strings.Contains(s, email.Address()) ||
					phone.E164() != "" && strings.Contains(s, phone.E164()) {
					t.Fatalf("String shows personal data: %s", s)
				}
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	addSeeds(f, "account", "account-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := account.Parse(data)
		if err != nil {
			_, again := account.Parse(data)
			checkFailures(t, err, again)
			checkJSONLevel(t, data, err)
			if !a.IsZero() {
				t.Fatal("a value with a failure")
			}
			return
		}
		out, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(out) {
			t.Fatalf("encoding is not valid JSON: %q", out)
		}
		back, err := account.Parse(out)
		if err != nil {
			t.Fatalf("encoding does not parse back: %v\n%s", err, out)
		}
		if !back.Equal(a) {
			t.Fatalf("round trip changed the value:\n%q\n%q", data, out)
		}
		if out2, _ := back.MarshalJSON(); !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", out, out2)
		}

		var p plainAccount
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("valid for us, not for encoding/json: %v: %q", err, data)
		}
		if p.Customer != nil {
			t.Fatalf("customer in an account object: %s", p.Customer)
		}
		eqString(t, "id", p.ID, a.ID().String())
		eqString(t, "customer_id", p.CustomerID, a.CustomerID().String())
		eqString(t, "external_reference", p.ExternalReference, a.ExternalReference().String())
		name, _ := a.Name()
		eqString(t, "name", p.Name, name.String())
		c, hasC := a.Currency()
		bal, hasA := a.Balance()
		m, hasM := a.Metadata()
		eqMoney(t, "", p.Currency, p.Balance, p.Metadata, c, hasC, bal, hasA, m, hasM)
		rules, ok := a.PaymentRules()
		if (p.PaymentRules != nil) != ok {
			t.Fatalf("payment_rules: encoding/json %v, ours %v", p.PaymentRules, ok)
		}
		if ok {
			want := plainPaymentRules{rules.MinAmount(), rules.MaxAmount(), rules.UnderpaymentAllowed(), rules.OverpaymentAllowed()}
			if *p.PaymentRules != want {
				t.Fatalf("payment_rules: encoding/json %+v, ours %+v", *p.PaymentRules, want)
			}
			if rules.MinAmount() < 1 || rules.MaxAmount() < rules.MinAmount() || rules.MaxAmount() > 1<<53-1 {
				t.Fatalf("payment_rules out of range: %+v", want)
			}
			if !hasC {
				t.Fatal("payment rules without a currency")
			}
		}
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
			checkFailures(t, err, again.UnmarshalJSON(value))
			for _, e := range billing.AsErrors(err) {
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
		req, reqErr := account.ParseCreateRequest(doc)
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
