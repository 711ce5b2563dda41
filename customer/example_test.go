package customer_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/money"
)

// A service's flow: read the create request, mint an ID, build the customer, answer with
// its JSON.
func ExampleDecodeCreateRequest() {
	body := []byte(`{
		"external_reference": "cust_2024_0001",
		"name": "Thandiwe Nkosi",
		"email": "thandiwe.nkosi@example.co.za",
		"phone": "+27123456789",
		"currency": "ZAR",
		"balance": 2000,
		"metadata": {"segment": "retail", "crm_id": "A-10293"}
	}`)
	req, err := customer.DecodeCreateRequest(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("reference:", req.ExternalReference())
	if name, ok := req.Name(); ok {
		fmt.Println("name:", name)
	}
	if email, ok := req.Email(); ok {
		fmt.Println("email:", email, "→", email.Address())
	}
	if phone, ok := req.Phone(); ok {
		fmt.Println("phone:", phone, "→", phone.E164(), phone.Region())
	}
	if balance, ok := req.Balance(); ok {
		fmt.Println("balance:", balance, "owed:", balance.IsOwed())
	}
	if md, ok := req.Metadata(); ok {
		fmt.Println("metadata keys:", md.Keys())
	}

	c, err := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req) // ids.NewCustomerID() in a service
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := json.Marshal(c)
	fmt.Println(string(out))
	// Output:
	// reference: cust_2024_0001
	// name: Thandiwe Nkosi
	// email: t***@example.co.za → thandiwe.nkosi@example.co.za
	// phone: +27*******89 → +27123456789 ZA
	// balance: ZAR 20.00 owed: true
	// metadata keys: [crm_id segment]
	// {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001","name":"Thandiwe Nkosi","email":"thandiwe.nkosi@example.co.za","phone":"+27123456789","currency":"ZAR","balance":2000,"metadata":{"crm_id":"A-10293","segment":"retail"}}
}

// Every failure of a document comes back at once, in document order, each with its path
// and code; absent members and the currency a balance needs come last.
func ExampleDecodeCreateRequest_errors() {
	_, err := customer.DecodeCreateRequest([]byte(`{
		"phone": "+15555555555",
		"balance": 20.5,
		"email": "jane@",
		"metadata": {"tier": "", "tier": "gold"},
		"nickname": "JJ"
	}`))

	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Printf("%s: %s\n", e.Field, e.Code)
		}
	}
	// Match one code anywhere, or look one path up.
	fmt.Println(errors.Is(err, billing.CodeInvalidPhone))
	fmt.Println(errs.Field("email").Message)
	// Output:
	// phone: invalid_phone
	// balance: invalid_type
	// email: invalid_format
	// metadata.tier: duplicate_field
	// nickname: unknown_field
	// external_reference: required
	// currency: required
	// true
	// must be an address like jane@example.com: a local part of 1 to 64 of the characters A-Z a-z 0-9 !#$%&'*+/=?^_`{|}~- with single dots between them, an @, and a domain of at least two dot-separated labels of letters, digits and inner hyphens (ASCII only: send an internationalised domain in its xn-- form)
}

// Requests built from Go values follow the same rules: nil is absent.
func ExampleNewCreateRequest() {
	name, phone, currency, balance := "Thandiwe Nkosi", "+27123456789", "ZAR", int64(-500)
	req, err := customer.NewCreateRequest(customer.CreateParams{
		ExternalReference: "cust_2024_0001",
		Name:              &name,
		Phone:             &phone,
		Currency:          &currency,
		Balance:           &balance, // a credit of ZAR 5.00
		Metadata:          map[string]string{"segment": "retail"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := req.MarshalJSON()
	fmt.Println(string(out))

	// The same failures as in JSON, at the same paths.
	bad := "zar"
	_, err = customer.NewCreateRequest(customer.CreateParams{ExternalReference: "bcus_1", Currency: &bad, Balance: &balance})
	for _, e := range asErrors(err) {
		fmt.Printf("%s: %s: %s\n", e.Field, e.Code, e.Message)
	}
	// Output:
	// {"external_reference":"cust_2024_0001","name":"Thandiwe Nkosi","phone":"+27123456789","currency":"ZAR","balance":-500,"metadata":{"segment":"retail"}}
	// external_reference: invalid_format: must not start with bcus_, which is reserved for customer IDs
	// currency: invalid_currency: currency codes are upper case: send "ZAR"
}

func ExampleNew() {
	req := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_0042"})
	c, err := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ID(), c.ExternalReference())
	_, hasBalance := c.Balance()
	fmt.Println("tracks a balance:", hasBalance)

	_, err = customer.New(ids.CustomerID{}, req)
	fmt.Println(err)
	// Output:
	// bcus_H4jp6KnU5cPw263v1jyz4 cust_0042
	// tracks a balance: false
	// id: required: must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4 (see ids.NewCustomerID)
}

func ExampleCustomer_WithPaymentRules() {
	zar := "ZAR"
	req := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_0042", Currency: &zar})
	c, _ := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req)

	rules, err := money.NewPaymentRules(100, 500000, money.AllowUnderpayment)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err = c.WithPaymentRules(rules)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := c.PaymentRules()
	cur, _ := c.Currency()
	fmt.Println(r.MinAmount(), r.MaxAmount(), cur)
	fmt.Println(r.CheckUntracked(money.MustNewAmount(50, cur), cur))

	// Without a currency, rules mean nothing.
	bare, _ := customer.New(ids.MustParseCustomerID("bcus_1"), customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "x"}))
	_, err = bare.WithPaymentRules(rules)
	fmt.Println(err)
	// Output:
	// 100 500000 ZAR
	// money: payment below the minimum: ZAR 0.50 is less than the minimum of ZAR 1.00
	// currency: required: is required with payment rules: create the customer with a currency, like "ZAR"
}

func ExampleDecode() {
	c, err := customer.Decode([]byte(`{
		"id": "bcus_H4jp6KnU5cPw263v1jyz4",
		"external_reference": "cust_0042",
		"currency": "JPY",
		"balance": 1500,
		"payment_rules": {"min_amount": 100, "max_amount": 50000, "underpayment_allowed": true, "overpayment_allowed": false},
		"metadata": {}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	balance, _ := c.Balance()
	rules, _ := c.PaymentRules()
	md, hasMetadata := c.Metadata()
	fmt.Println(c.ID(), balance, rules.MaxAmount(), hasMetadata, md.Len())
	out, _ := c.MarshalJSON()
	fmt.Println(string(out))

	_, err = customer.Decode([]byte(`{"id":"bacc_1","external_reference":"x","payment_rules":{"min_amount":5,"max_amount":1}}`))
	for _, e := range asErrors(err) {
		fmt.Println(e.Field, e.Code)
	}
	// Output:
	// bcus_H4jp6KnU5cPw263v1jyz4 JPY 1500 50000 true 0
	// {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_0042","currency":"JPY","balance":1500,"payment_rules":{"min_amount":100,"max_amount":50000,"underpayment_allowed":true,"overpayment_allowed":false},"metadata":{}}
	// id invalid_format
	// payment_rules.max_amount out_of_range
	// payment_rules.underpayment_allowed required
	// payment_rules.overpayment_allowed required
	// currency required
}

// Inside another document, encoding/json calls UnmarshalJSON and MarshalJSON.
func ExampleCreateRequest_UnmarshalJSON() {
	var envelope struct {
		Request customer.CreateRequest `json:"request"`
	}
	err := json.Unmarshal([]byte(`{"request":{"external_reference":"cust_0042","email":"jane@example.com"}}`), &envelope)
	if err != nil {
		fmt.Println(err)
		return
	}
	email, _ := envelope.Request.Email()
	fmt.Println(email.Address())

	err = json.Unmarshal([]byte(`{"request":{"external_reference":"cust 42"}}`), &envelope)
	fmt.Println(errors.Is(err, billing.CodeInvalidFormat))
	// Output:
	// jane@example.com
	// true
}

func ExampleCreateRequest_MarshalJSON() {
	email := "jane@example.com"
	req := customer.MustNewCreateRequest(customer.CreateParams{
		ExternalReference: "cust_0042",
		Email:             &email,
		Metadata:          map[string]string{"b": "2", "a": "1"},
	})
	out, _ := req.MarshalJSON()
	fmt.Println(string(out)) // the wire form: nothing masked, keys sorted
	fmt.Println(req)         // the printed form: email and phone masked
	// Output:
	// {"external_reference":"cust_0042","email":"jane@example.com","metadata":{"a":"1","b":"2"}}
	// {"external_reference":"cust_0042","email":"j***@example.com","metadata":{"a":"1","b":"2"}}
}

// Logging a customer never records its email address or phone number.
func ExampleCustomer_LogValue() {
	email, phone := "jane@example.com", "+27123456789"
	req := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_0042", Email: &email, Phone: &phone})
	c, _ := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req)

	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("customer created", "customer", c)
	fmt.Printf("%v\n", c)
	// Output:
	// level=INFO msg="customer created" customer.id=bcus_H4jp6KnU5cPw263v1jyz4 customer.external_reference=cust_0042 customer.email=j***@example.com customer.phone=+27*******89
	// {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_0042","email":"j***@example.com","phone":"+27*******89"}
}

// AppendJSON writes into a buffer the caller keeps, such as a response being built.
func ExampleCustomer_AppendJSON() {
	c, err := customer.Decode([]byte(`{"id":"bcus_1","external_reference":"cust_0042","metadata":{"b":"2","a":"1"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	buf := []byte(`{"data":`)
	buf, err = c.AppendJSON(buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	buf = append(buf, '}')
	fmt.Println(string(buf))

	// What is written parses back to an equal customer.
	again, _ := customer.Decode(buf[len(`{"data":`) : len(buf)-1])
	fmt.Println(again.Equal(c))
	// Output:
	// {"data":{"id":"bcus_1","external_reference":"cust_0042","metadata":{"a":"1","b":"2"}}}
	// true
}

// asErrors returns the failures err holds: every function of the module that rejects its
// input returns a billing.Errors.
func asErrors(err error) billing.Errors {
	var errs billing.Errors
	errors.As(err, &errs)
	return errs
}
