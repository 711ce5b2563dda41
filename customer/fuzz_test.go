package customer_test

import (
	"encoding/json"
	"testing"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
)

func FuzzParseCreateRequest(f *testing.F) {
	testdocs.AddSeeds(f, "customer-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := testdocs.Parsed(t, data, customer.DecodeCreateRequest)
		if !ok {
			return
		}
		testdocs.EqCustomer(t, "", data, req)
		// Built from the same values, the request is the same.
		name, _ := req.Name()
		email, _ := req.Email()
		phone, _ := req.Phone()
		cur, _ := req.Currency()
		md, hasMD := req.Metadata()
		p := customer.CreateParams{ExternalReference: req.ExternalReference().String(), Metadata: md.Map()}
		if a, ok := req.Balance(); ok {
			v := a.Minor()
			p.Balance = &v
		}
		if hasMD && p.Metadata == nil {
			p.Metadata = map[string]string{}
		}
		for _, m := range []struct {
			dst **string
			v   string
		}{{&p.Name, name.String()}, {&p.Email, email.Address()}, {&p.Phone, phone.E164()}, {&p.Currency, cur.String()}} {
			if m.v != "" {
				*m.dst = &m.v
			}
		}
		built, err := customer.NewCreateRequest(p)
		if err != nil || !built.Equal(req) {
			t.Fatalf("NewCreateRequest disagrees: %v", err)
		}
		// The printed form masks the email and phone.
		testdocs.CheckMasked(t, req, req.String())
	})
}

func FuzzParse(f *testing.F) {
	testdocs.AddSeeds(f, "customer", "customer-create")
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ok := testdocs.Parsed(t, data, customer.Decode)
		if !ok {
			return
		}
		testdocs.EqCustomer(t, "", data, c)
		testdocs.CheckMasked(t, c, c.String())
		var p struct {
			ID           *string                `json:"id"`
			PaymentRules *testdocs.PaymentRules `json:"payment_rules"`
		}
		_ = json.Unmarshal(data, &p)
		if p.ID == nil || *p.ID != c.ID().String() {
			t.Fatalf("id: encoding/json %v, ours %q", p.ID, c.ID())
		}
		rules, ok := c.PaymentRules()
		_, hasCurrency := c.Currency()
		testdocs.EqPaymentRules(t, p.PaymentRules, rules, ok, hasCurrency)
	})
}
