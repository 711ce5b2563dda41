package customer_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/money"
)

const fullCustomerJSON = `{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001",` +
	`"name":"Thandiwe Nkosi","email":"thandiwe.nkosi@example.co.za","phone":"+27123456789","currency":"ZAR",` +
	`"balance":2000,"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,` +
	`"overpayment_allowed":false},"metadata":{"crm_id":"A-10293","segment":"retail"}}`

func fullCustomer(t *testing.T) customer.Customer {
	t.Helper()
	c, err := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), customer.MustNewCreateRequest(fullParams()))
	require.NoError(t, err)
	rules, err := money.NewPaymentRules(100, 500000, money.AllowUnderpayment)
	require.NoError(t, err)
	c, err = c.WithPaymentRules(rules)
	require.NoError(t, err)
	return c
}

func TestNew(t *testing.T) {
	c := fullCustomer(t)
	assert.False(t, c.IsZero())
	assert.Equal(t, "bcus_H4jp6KnU5cPw263v1jyz4", c.ID().String())
	assert.Equal(t, "cust_2024_0001", c.ExternalReference().String())
	name, _ := c.Name()
	assert.Equal(t, "Thandiwe Nkosi", name.String())
	email, _ := c.Email()
	assert.Equal(t, "thandiwe.nkosi@example.co.za", email.Address())
	phone, _ := c.Phone()
	assert.Equal(t, "ZA", phone.Region())
	cur, _ := c.Currency()
	assert.Equal(t, "ZAR", cur.String())
	bal, ok := c.Balance()
	assert.True(t, ok)
	assert.Equal(t, "ZAR 20.00", bal.String())
	rules, ok := c.PaymentRules()
	assert.True(t, ok)
	assert.Equal(t, int64(100), rules.MinAmount())
	md, ok := c.Metadata()
	assert.True(t, ok)
	assert.Equal(t, 2, md.Len())

	out, err := c.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, fullCustomerJSON, string(out))
	parsed, err := customer.Decode(out)
	require.NoError(t, err)
	assert.True(t, c.Equal(parsed))

	// The zero PaymentRules removes the rules.
	c2, err := c.WithPaymentRules(money.PaymentRules{})
	require.NoError(t, err)
	_, ok = c2.PaymentRules()
	assert.False(t, ok)
	assert.False(t, c.Equal(c2))
	_, ok = c.PaymentRules()
	assert.True(t, ok, "WithPaymentRules returns a copy")
}

func TestNewFailures(t *testing.T) {
	_, err := customer.New(ids.CustomerID{}, customer.CreateRequest{})
	assert.Equal(t, []failure{{"id", "required"}, {"external_reference", "required"}}, failures(err))
	c, err := customer.New(ids.NewCustomerID(), customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "x"}))
	require.NoError(t, err)
	_, err = c.WithPaymentRules(money.MustNewPaymentRules(1, 2, 0))
	assert.Equal(t, []failure{{"currency", "required"}}, failures(err))
	c2, err := c.WithPaymentRules(money.PaymentRules{})
	require.NoError(t, err, "removing rules needs no currency")
	assert.True(t, c.Equal(c2))
	_, err = customer.Customer{}.WithPaymentRules(money.PaymentRules{})
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
	_, err = customer.Customer{}.MarshalJSON()
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
	_, err = json.Marshal(customer.Customer{})
	assert.ErrorIs(t, err, billing.CodeRequired)
	assert.Equal(t, "{}", customer.Customer{}.String())
}

func TestParse(t *testing.T) {
	c, err := customer.Decode([]byte(fullCustomerJSON))
	require.NoError(t, err)
	assert.True(t, fullCustomer(t).Equal(c))

	var viaMethod customer.Customer
	require.NoError(t, viaMethod.UnmarshalJSON([]byte(fullCustomerJSON)))
	assert.True(t, c.Equal(viaMethod))
	require.NoError(t, viaMethod.UnmarshalJSON([]byte("null")))
	assert.True(t, c.Equal(viaMethod), "null leaves it unchanged")
	assert.Error(t, viaMethod.UnmarshalJSON([]byte(`{}`)))
	assert.True(t, c.Equal(viaMethod), "a failure leaves it unchanged")

	// A create request is not a customer object, and the other way round.
	_, err = customer.Decode([]byte(`{"external_reference":"x"}`))
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
	_, err = customer.DecodeCreateRequest([]byte(`{"id":"bcus_1","external_reference":"x"}`))
	assert.Equal(t, []failure{{"id", "unknown_field"}}, failures(err))
}

func TestParseMinimalAndEmptyMetadata(t *testing.T) {
	doc := `{"id":"bcus_1","external_reference":"x","metadata":{}}`
	c, err := customer.Decode([]byte(doc))
	require.NoError(t, err)
	md, ok := c.Metadata()
	assert.True(t, ok)
	assert.Zero(t, md.Len())
	out, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, doc, string(out))
	for _, ok := range []bool{second(c.Name()), second(c.Email()), second(c.Phone()), second(c.Currency()),
		second(c.Balance()), second(c.PaymentRules())} {
		assert.False(t, ok)
	}
}

func TestCustomerPrivacy(t *testing.T) {
	c := fullCustomer(t)
	s := c.String()
	assert.True(t, strings.HasPrefix(s, `{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001"`), s)
	assert.Contains(t, s, `"email":"t***@example.co.za","phone":"+27*******89"`)
	assert.Contains(t, s, `"payment_rules":{"min_amount":100`)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, c)
		assert.NotContains(t, out, "thandiwe.nkosi", verb)
		assert.NotContains(t, out, "123456789", verb)
	}
	var buf strings.Builder
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("customer", "customer", c)
	logged := buf.String()
	assert.Contains(t, logged, `"customer":{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001",`+
		`"name":"Thandiwe Nkosi","email":"t***@example.co.za","phone":"+27*******89","currency":"ZAR","balance":2000,`+
		`"payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false},`+
		`"metadata":{"crm_id":"A-10293","segment":"retail"}}`)
	// The wire form is not masked.
	out, _ := c.MarshalJSON()
	assert.Contains(t, string(out), "thandiwe.nkosi@example.co.za")
}

func TestCustomerConcurrentUse(t *testing.T) {
	c := fullCustomer(t)
	done := make(chan string)
	for range 4 {
		go func() {
			out, _ := c.MarshalJSON()
			_ = c.String()
			_ = c.LogValue()
			_, _ = c.WithPaymentRules(money.PaymentRules{})
			done <- string(out)
		}()
	}
	for range 4 {
		assert.Equal(t, fullCustomerJSON, <-done)
	}
}
