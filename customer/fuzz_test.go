package customer_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
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

// plainRequest is the reference reading of a valid document: encoding/json into plain
// fields, with no rule applied.
type plainRequest struct {
	ID                *string            `json:"id"`
	ExternalReference *string            `json:"external_reference"`
	Name              *string            `json:"name"`
	Email             *string            `json:"email"`
	Phone             *string            `json:"phone"`
	Currency          *string            `json:"currency"`
	Balance           *int64             `json:"balance"`
	PaymentRules      *plainPaymentRules `json:"payment_rules"`
	Metadata          map[string]string  `json:"metadata"`
}

type plainPaymentRules struct {
	MinAmount           int64 `json:"min_amount"`
	MaxAmount           int64 `json:"max_amount"`
	UnderpaymentAllowed bool  `json:"underpayment_allowed"`
	OverpaymentAllowed  bool  `json:"overpayment_allowed"`
}

// checkFailures checks the properties every failure list has: never empty, at most one
// failure per path, every code one of the library's, and the same list on a second run.
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
	// A failure of the whole document stands alone. (A member named "" also has the path
	// "", so unknown_field at "" may have company.)
	switch errs[0].Code {
	case billing.CodeInvalidJSON, billing.CodeTooLong, billing.CodeInvalidType:
		if errs[0].Field == "" && len(errs) != 1 {
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

// checkAgainstPlain compares the values of a valid document with encoding/json's reading.
func checkAgainstPlain(t *testing.T, data []byte, ref, name, email, phone, currency string,
	balance *int64, md map[string]string, hasMD bool) {
	t.Helper()
	var p plainRequest
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("valid for us, not for encoding/json: %v: %q", err, data)
	}
	eq := func(field string, plain *string, ours string) {
		if (plain == nil) != (ours == "") || plain != nil && *plain != ours {
			t.Fatalf("%s: encoding/json %v, ours %q", field, plain, ours)
		}
	}
	eq("external_reference", p.ExternalReference, ref)
	eq("name", p.Name, name)
	eq("email", p.Email, email)
	eq("phone", p.Phone, phone)
	eq("currency", p.Currency, currency)
	if (p.Balance == nil) != (balance == nil) || p.Balance != nil && *p.Balance != *balance {
		t.Fatalf("balance: encoding/json %v, ours %v", p.Balance, balance)
	}
	if (p.Metadata != nil) != hasMD || len(p.Metadata) != len(md) {
		t.Fatalf("metadata: encoding/json %v, ours %v", p.Metadata, md)
	}
	for k, v := range p.Metadata {
		if md[k] != v {
			t.Fatalf("metadata %q: encoding/json %q, ours %q", k, v, md[k])
		}
	}
}

func FuzzParseCreateRequest(f *testing.F) {
	addSeeds(f, "customer-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := customer.ParseCreateRequest(data)
		if err != nil {
			_, again := customer.ParseCreateRequest(data)
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
		back, err := customer.ParseCreateRequest(out)
		if err != nil {
			t.Fatalf("encoding does not parse back: %v\n%s", err, out)
		}
		if !back.Equal(req) {
			t.Fatalf("round trip changed the value:\n%q\n%q", data, out)
		}
		out2, _ := back.MarshalJSON()
		if !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", out, out2)
		}
		name, _ := req.Name()
		email, _ := req.Email()
		phone, _ := req.Phone()
		cur, _ := req.Currency()
		var balance *int64
		if a, ok := req.Balance(); ok {
			v := a.Minor()
			balance = &v
		}
		md, hasMD := req.Metadata()
		checkAgainstPlain(t, data, req.ExternalReference().String(), name.String(), email.Address(),
			phone.E164(), cur.Code(), balance, md.Map(), hasMD)
		// Built from the same values, the request is the same.
		p := customer.CreateParams{ExternalReference: req.ExternalReference().String(), Balance: balance, Metadata: md.Map()}
		if hasMD && p.Metadata == nil {
			p.Metadata = map[string]string{}
		}
		for _, m := range []struct {
			dst **string
			v   string
		}{{&p.Name, name.String()}, {&p.Email, email.Address()}, {&p.Phone, phone.E164()}, {&p.Currency, cur.Code()}} {
			if m.v != "" {
				*m.dst = &m.v
			}
		}
		built, err := customer.NewCreateRequest(p)
		if err != nil || !built.Equal(req) {
			t.Fatalf("NewCreateRequest disagrees: %v", err)
		}
		// The printed form masks the email and phone.
		s := req.String()
		if email.Address() != "" && strings.Contains(s, email.Address()) || phone.E164() != "" && strings.Contains(s, phone.E164()) {
			t.Fatalf("String shows personal data: %s", s)
		}
	})
}

func FuzzParse(f *testing.F) {
	addSeeds(f, "customer", "customer-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := customer.Parse(data)
		if err != nil {
			_, again := customer.Parse(data)
			checkFailures(t, err, again)
			checkJSONLevel(t, data, err)
			if !c.IsZero() {
				t.Fatal("a value with a failure")
			}
			return
		}
		out, err := c.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		back, err := customer.Parse(out)
		if err != nil {
			t.Fatalf("encoding does not parse back: %v\n%s", err, out)
		}
		if !back.Equal(c) {
			t.Fatalf("round trip changed the value:\n%q\n%q", data, out)
		}
		out2, _ := back.MarshalJSON()
		if !bytes.Equal(out, out2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", out, out2)
		}
		name, _ := c.Name()
		email, _ := c.Email()
		phone, _ := c.Phone()
		cur, _ := c.Currency()
		var balance *int64
		if a, ok := c.Balance(); ok {
			v := a.Minor()
			balance = &v
		}
		md, hasMD := c.Metadata()
		checkAgainstPlain(t, data, c.ExternalReference().String(), name.String(), email.Address(),
			phone.E164(), cur.Code(), balance, md.Map(), hasMD)
		var p plainRequest
		_ = json.Unmarshal(data, &p)
		if p.ID == nil || *p.ID != c.ID().String() {
			t.Fatalf("id: encoding/json %v, ours %q", p.ID, c.ID())
		}
		rules, ok := c.PaymentRules()
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
			if _, ok := c.Currency(); !ok {
				t.Fatal("payment rules without a currency")
			}
		}
	})
}
