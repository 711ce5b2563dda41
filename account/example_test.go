package account_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/money"
)

// A service's flow, end to end: read the create request, branch on how it names its
// customer, mint the IDs, build the customer when it is a new one and the account, and
// answer with the account's JSON. IDs are random, so this example prints their shape.
func Example() {
	// The service's own records: customers by external reference.
	known := map[string]ids.CustomerID{"cust_2024_0001": ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")}

	bodies := []string{
		`{"customer": "bcus_H4jp6KnU5cPw263v1jyz4", "external_reference": "acct_0001", "currency": "ZAR", "balance": 2000}`,
		`{"customer": "cust_2024_0001", "external_reference": "acct_0002", "name": "Travel"}`,
		`{"customer": {"external_reference": "cust_2024_0002", "email": "sipho@example.co.za"}, "external_reference": "acct_0003"}`,
	}
	for _, body := range bodies {
		req, err := account.DecodeCreateRequest([]byte(body))
		if err != nil {
			fmt.Println(err) // 400 Bad Request, with every failure
			continue
		}

		var customerID ids.CustomerID
		switch ref := req.Customer(); ref.Kind() {
		case account.RefCustomerID:
			customerID, _ = ref.CustomerID()
			fmt.Println("existing customer by ID:", customerID)
		case account.RefExternalReference:
			ext, _ := ref.ExternalReference()
			id, found := known[ext.String()]
			if !found {
				fmt.Println("404: no customer", ext) // the service's answer
				continue
			}
			customerID = id
			fmt.Println("existing customer by reference:", ext, "→", customerID)
		case account.RefNewCustomer:
			newReq, _ := ref.NewCustomer()
			c, err := customer.New(ids.NewCustomerID(), newReq)
			if err != nil {
				fmt.Println(err)
				continue
			}
			email, _ := c.Email()
			fmt.Println("new customer:", c.ExternalReference(), email, strings.HasPrefix(c.ID().String(), "bcus_"))
			customerID = c.ID()
		}

		acc, err := account.New(ids.NewAccountID(), customerID, req)
		if err != nil {
			fmt.Println(err)
			continue
		}
		out, _ := json.Marshal(acc)
		// The response, with the minted IDs replaced to keep this output stable.
		response := strings.NewReplacer(acc.ID().String(), "bacc_…", acc.CustomerID().String(), "bcus_…").Replace(string(out))
		fmt.Println(response)
	}
	// Output:
	// existing customer by ID: bcus_H4jp6KnU5cPw263v1jyz4
	// {"id":"bacc_…","external_reference":"acct_0001","customer_id":"bcus_…","currency":"ZAR","balance":2000}
	// existing customer by reference: cust_2024_0001 → bcus_H4jp6KnU5cPw263v1jyz4
	// {"id":"bacc_…","external_reference":"acct_0002","customer_id":"bcus_…","name":"Travel"}
	// new customer: cust_2024_0002 s***@example.co.za true
	// {"id":"bacc_…","external_reference":"acct_0003","customer_id":"bcus_…"}
}

func ExampleDecodeCreateRequest() {
	req, err := account.DecodeCreateRequest([]byte(`{
		"customer": "bcus_H4jp6KnU5cPw263v1jyz4",
		"external_reference": "acct_2024_0001",
		"name": "Thandiwe's Savings",
		"currency": "ZAR",
		"balance": 2000,
		"metadata": {"product": "savings", "branch": "Sandton"}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("customer:", req.Customer().Kind(), req.Customer())
	fmt.Println("reference:", req.ExternalReference())
	if name, ok := req.Name(); ok {
		fmt.Println("name:", name)
	}
	if balance, ok := req.Balance(); ok {
		fmt.Println("balance:", balance, "owed:", balance.IsOwed())
	}
	if md, ok := req.Metadata(); ok {
		fmt.Println("metadata keys:", md.Keys())
	}
	// Output:
	// customer: customer_id "bcus_H4jp6KnU5cPw263v1jyz4"
	// reference: acct_2024_0001
	// name: Thandiwe's Savings
	// balance: ZAR 20.00 owed: true
	// metadata keys: [branch product]
}

// Every failure of a document comes back at once, in document order, each with its path
// and code: a new customer's under "customer.", absent members last.
func ExampleDecodeCreateRequest_errors() {
	_, err := account.DecodeCreateRequest([]byte(`{
		"name": 42,
		"customer": {"phone": "+15555555555", "metadata": {"tier": ""}},
		"external_reference": "bacc_0001",
		"balance": 100,
		"payment_rules": {}
	}`))

	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Printf("%s: %s\n", e.Field, e.Code)
		}
	}
	// Match one code anywhere, or look one path up.
	fmt.Println(errors.Is(err, billing.CodeInvalidPhone))
	fmt.Println(errs.Field("external_reference").Message)
	// Output:
	// name: invalid_type
	// customer.phone: invalid_phone
	// customer.metadata.tier: required
	// customer.external_reference: required
	// external_reference: invalid_format
	// payment_rules: unknown_field
	// currency: required
	// true
	// must not start with bacc_, which is reserved for account IDs
}

// The customer member's bad values, each with its code at "customer".
func ExampleDecodeCreateRequest_customerForms() {
	for _, customer := range []string{`""`, `null`, `42`, `[]`, `"bcus_"`, `"bcus_!"`, `"has space"`, `"bacc_x1"`} {
		_, err := account.DecodeCreateRequest([]byte(`{"customer":` + customer + `,"external_reference":"acct_1"}`))
		fmt.Printf("%-11s %v\n", customer, failureCodes(err))
	}
	// Output:
	// ""          [customer:required]
	// null        [customer:required]
	// 42          [customer:invalid_type]
	// []          [customer:invalid_type]
	// "bcus_"     [customer:invalid_format]
	// "bcus_!"    [customer:invalid_format]
	// "has space" [customer:invalid_format]
	// "bacc_x1"   []
}

func failureCodes(err error) []string {
	out := []string{}
	for _, e := range asErrors(err) {
		out = append(out, e.Field+":"+string(e.Code))
	}
	return out
}

// Requests built from Go values follow the same rules: nil is absent, the customer is the
// string form or a new customer's params.
func ExampleNewCreateRequest() {
	name, currency, balance := "Everyday", "ZAR", int64(-500)
	req, err := account.NewCreateRequest(account.CreateParams{
		Customer:          "cust_2024_0001", // an external reference; "bcus_…" would be an ID
		ExternalReference: "acct_2024_0002",
		Name:              &name,
		Currency:          &currency,
		Balance:           &balance, // a credit of ZAR 5.00
		Metadata:          map[string]string{"product": "cheque"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := req.MarshalJSON()
	fmt.Println(string(out))

	// A new customer instead; the same failures as in JSON, at the same paths.
	phone, bad := "+15555555555", "zar"
	_, err = account.NewCreateRequest(account.CreateParams{
		NewCustomer:       &customer.CreateParams{ExternalReference: "cust_2024_0003", Phone: &phone},
		ExternalReference: "acct_2024_0003",
		Currency:          &bad,
	})
	for _, e := range asErrors(err) {
		fmt.Printf("%s: %s\n", e.Field, e.Code)
	}
	// Output:
	// {"customer":"cust_2024_0001","external_reference":"acct_2024_0002","name":"Everyday","currency":"ZAR","balance":-500,"metadata":{"product":"cheque"}}
	// customer.phone: invalid_phone
	// currency: invalid_currency
}

func ExampleMustNewCreateRequest() {
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_H4jp6KnU5cPw263v1jyz4", ExternalReference: "acct_0042"})
	fmt.Println(req)
	// Output:
	// {"customer":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"acct_0042"}
}

func ExampleParseCustomerRef() {
	for _, s := range []string{"bcus_H4jp6KnU5cPw263v1jyz4", "cust_7781", "bacc_x1", "bcus_!"} {
		ref, err := account.ParseCustomerRef(s)
		if err != nil {
			fmt.Println(s, "→", err)
			continue
		}
		fmt.Println(s, "→", ref.Kind())
	}
	// Output:
	// bcus_H4jp6KnU5cPw263v1jyz4 → customer_id
	// cust_7781 → external_reference
	// bacc_x1 → external_reference
	// bcus_! → customer: invalid_format: is read as a customer ID, because it starts with bcus_, and must hold only letters A-Z, a-z and digits 0-9 after bcus_, like bcus_H4jp6KnU5cPw263v1jyz4
}

// The accessors that return (value, ok) branch without a switch.
func ExampleCustomerRef_CustomerID() {
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_H4jp6KnU5cPw263v1jyz4", ExternalReference: "acct_1"})
	if id, ok := req.Customer().CustomerID(); ok {
		fmt.Println("attach to", id)
	}
	if _, ok := req.Customer().NewCustomer(); !ok {
		fmt.Println("no customer to create")
	}
	// Output:
	// attach to bcus_H4jp6KnU5cPw263v1jyz4
	// no customer to create
}

func ExampleCustomerRef_ExternalReference() {
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "cust_7781", ExternalReference: "acct_1"})
	if ext, ok := req.Customer().ExternalReference(); ok {
		fmt.Println("look up the customer with reference", ext)
	}
	// Output:
	// look up the customer with reference cust_7781
}

func ExampleCustomerRef_NewCustomer() {
	req, _ := account.DecodeCreateRequest([]byte(`{"customer":{"external_reference":"cust_9","phone":"+27821234567"},"external_reference":"acct_9"}`))
	if nc, ok := req.Customer().NewCustomer(); ok {
		phone, _ := nc.Phone()
		fmt.Println("create customer", nc.ExternalReference(), "with phone", phone, phone.Region())
	}
	// Output:
	// create customer cust_9 with phone +27*******67 ZA
}

func ExampleCustomerRef_Kind() {
	for _, body := range []string{
		`{"customer":"bcus_1","external_reference":"a"}`,
		`{"customer":"bcus-1","external_reference":"a"}`,
		`{"customer":{"external_reference":"c"},"external_reference":"a"}`,
	} {
		req, _ := account.DecodeCreateRequest([]byte(body))
		switch ref := req.Customer(); ref.Kind() {
		case account.RefCustomerID:
			id, _ := ref.CustomerID()
			fmt.Println("by ID:", id)
		case account.RefExternalReference:
			ext, _ := ref.ExternalReference()
			fmt.Println("by external reference:", ext)
		case account.RefNewCustomer:
			nc, _ := ref.NewCustomer()
			fmt.Println("new customer:", nc.ExternalReference())
		}
	}
	fmt.Println(account.CustomerRef{}.Kind())
	// Output:
	// by ID: bcus_1
	// by external reference: bcus-1
	// new customer: c
	// none
}

func ExampleRefByID() {
	ref := account.RefByID(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"))
	out, _ := ref.MarshalJSON()
	fmt.Println(ref.Kind(), string(out))

	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_H4jp6KnU5cPw263v1jyz4", ExternalReference: "a"})
	fmt.Println(req.Customer().Equal(ref))
	// Output:
	// customer_id "bcus_H4jp6KnU5cPw263v1jyz4"
	// true
}

func ExampleRefByExternalReference() {
	ext, _ := ids.ParseExternalReference("cust_7781")
	ref, err := account.RefByExternalReference(ext)
	fmt.Println(ref.Kind(), err)

	// A reference starting with bcus_ would read back as a customer ID.
	ext, _ = ids.ParseExternalReference("bcus_7781")
	_, err = account.RefByExternalReference(ext)
	fmt.Println(err)
	// Output:
	// external_reference <nil>
	// customer: invalid_format: must not start with bcus_ when it is an external reference: such a string is read as a customer ID
}

func ExampleRefByNewCustomer() {
	email := "sipho@example.co.za"
	ref := account.RefByNewCustomer(customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_9", Email: &email}))
	out, _ := ref.MarshalJSON()
	fmt.Println(string(out)) // the wire form
	fmt.Println(ref)         // the printed form, masked
	// Output:
	// {"external_reference":"cust_9","email":"sipho@example.co.za"}
	// {"external_reference":"cust_9","email":"s***@example.co.za"}
}

// A CustomerRef inside another document reads and writes the customer member's forms.
func ExampleCustomerRef_UnmarshalJSON() {
	var envelope struct {
		Customers []account.CustomerRef `json:"customers"`
	}
	err := json.Unmarshal([]byte(`{"customers":["bcus_1","cust_2",{"external_reference":"cust_3"}]}`), &envelope)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ref := range envelope.Customers {
		fmt.Println(ref.Kind())
	}
	out, _ := json.Marshal(envelope)
	fmt.Println(string(out))

	err = json.Unmarshal([]byte(`{"customers":["bcus_!"]}`), &envelope)
	fmt.Println(errors.Is(err, billing.CodeInvalidFormat))
	// Output:
	// customer_id
	// external_reference
	// new_customer
	// {"customers":["bcus_1","cust_2",{"external_reference":"cust_3"}]}
	// true
}

func ExampleCustomerRef_MarshalJSON() {
	ref, _ := account.ParseCustomerRef("bacc_x1")
	out, _ := ref.MarshalJSON()
	fmt.Println(string(out))
	_, err := account.CustomerRef{}.MarshalJSON()
	fmt.Println(err)
	// Output:
	// "bacc_x1"
	// customer: required: cannot encode the zero CustomerRef: it names no customer
}

func ExampleNew() {
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_H4jp6KnU5cPw263v1jyz4", ExternalReference: "acct_0042"})
	acc, err := account.New(ids.MustParseAccountID("bacc_9Xk2LmQ7rT4vW8yZ1aB3c"), // ids.NewAccountID() in a service
		ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(acc.ID(), acc.CustomerID(), acc.ExternalReference())

	// The customer must be the one the request names.
	_, err = account.New(ids.NewAccountID(), ids.MustParseCustomerID("bcus_other"), req)
	fmt.Println(err)
	// Output:
	// bacc_9Xk2LmQ7rT4vW8yZ1aB3c bcus_H4jp6KnU5cPw263v1jyz4 acct_0042
	// customer_id: invalid_format: must be the customer ID the request names in its customer member
}

func ExampleAccount_WithPaymentRules() {
	zar := "ZAR"
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "cust_1", ExternalReference: "acct_0042", Currency: &zar})
	acc, _ := account.New(ids.MustParseAccountID("bacc_9Xk2LmQ7rT4vW8yZ1aB3c"), ids.MustParseCustomerID("bcus_1"), req)

	rules, err := money.NewPaymentRules(100, 500000, money.AllowUnderpayment)
	if err != nil {
		fmt.Println(err)
		return
	}
	acc, err = acc.WithPaymentRules(rules)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := acc.PaymentRules()
	cur, _ := acc.Currency()
	fmt.Println(r.MinAmount(), r.MaxAmount(), cur)
	fmt.Println(r.CheckUntracked(money.MustNewAmount(50, cur), cur))
	out, _ := acc.MarshalJSON()
	fmt.Println(string(out))

	// Without a currency, rules mean nothing.
	bare, _ := account.New(ids.MustParseAccountID("bacc_1"), ids.MustParseCustomerID("bcus_1"),
		account.MustNewCreateRequest(account.CreateParams{Customer: "cust_1", ExternalReference: "x"}))
	_, err = bare.WithPaymentRules(rules)
	fmt.Println(err)
	// Output:
	// 100 500000 ZAR
	// money: payment below the minimum: ZAR 0.50 is less than the minimum of ZAR 1.00
	// {"id":"bacc_9Xk2LmQ7rT4vW8yZ1aB3c","external_reference":"acct_0042","customer_id":"bcus_1","currency":"ZAR","payment_rules":{"min_amount":100,"max_amount":500000,"underpayment_allowed":true,"overpayment_allowed":false}}
	// currency: required: is required with payment rules: create the account with a currency, like "ZAR"
}

func ExampleDecode() {
	acc, err := account.Decode([]byte(`{
		"id": "bacc_9Xk2LmQ7rT4vW8yZ1aB3c",
		"external_reference": "acct_0042",
		"customer_id": "bcus_H4jp6KnU5cPw263v1jyz4",
		"currency": "JPY",
		"balance": -1500,
		"payment_rules": {"min_amount": 100, "max_amount": 50000, "underpayment_allowed": true, "overpayment_allowed": false},
		"metadata": {}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	balance, _ := acc.Balance()
	rules, _ := acc.PaymentRules()
	md, hasMetadata := acc.Metadata()
	fmt.Println(acc.ID(), acc.CustomerID(), balance, balance.IsCredit(), rules.MaxAmount(), hasMetadata, md.Len())

	_, err = account.Decode([]byte(`{"id":"bcus_1","customer_id":"cust_1","metadata":{"a":"1","b":"2","c":"3","d":"4","e":"5","f":"6","g":"7","h":"8","i":"9","j":"10","k":"11"}}`))
	for _, e := range asErrors(err) {
		fmt.Println(e.Field, e.Code)
	}
	// Output:
	// bacc_9Xk2LmQ7rT4vW8yZ1aB3c bcus_H4jp6KnU5cPw263v1jyz4 JPY -1500 true 50000 true 0
	// id invalid_format
	// customer_id invalid_format
	// metadata too_many_keys
	// external_reference required
}

// Inside another document, encoding/json calls UnmarshalJSON and MarshalJSON.
func ExampleCreateRequest_UnmarshalJSON() {
	var envelope struct {
		Request account.CreateRequest `json:"request"`
	}
	err := json.Unmarshal([]byte(`{"request":{"customer":"bcus_1","external_reference":"acct_0042"}}`), &envelope)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(envelope.Request.ExternalReference())

	err = json.Unmarshal([]byte(`{"request":{"customer":"bcus_1","external_reference":"bacc_1"}}`), &envelope)
	fmt.Println(errors.Is(err, billing.CodeInvalidFormat))
	// Output:
	// acct_0042
	// true
}

func ExampleCreateRequest_MarshalJSON() {
	email := "sipho@example.co.za"
	req := account.MustNewCreateRequest(account.CreateParams{
		NewCustomer:       &customer.CreateParams{ExternalReference: "cust_9", Email: &email},
		ExternalReference: "acct_9",
		Metadata:          map[string]string{"b": "2", "a": "1"},
	})
	out, _ := req.MarshalJSON()
	fmt.Println(string(out)) // the wire form: nothing masked, keys sorted
	fmt.Println(req)         // the printed form: the new customer's email and phone masked
	// Output:
	// {"customer":{"external_reference":"cust_9","email":"sipho@example.co.za"},"external_reference":"acct_9","metadata":{"a":"1","b":"2"}}
	// {"customer":{"external_reference":"cust_9","email":"s***@example.co.za"},"external_reference":"acct_9","metadata":{"a":"1","b":"2"}}
}

// Logging a request never records a new customer's email address or phone number.
func ExampleCreateRequest_LogValue() {
	phone := "+27821234567"
	req := account.MustNewCreateRequest(account.CreateParams{
		NewCustomer:       &customer.CreateParams{ExternalReference: "cust_9", Phone: &phone},
		ExternalReference: "acct_9",
	})
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("account requested", "request", req)
	// Output:
	// level=INFO msg="account requested" request.customer.external_reference=cust_9 request.customer.phone=+27*******67 request.external_reference=acct_9
}

func ExampleAccount_MarshalJSON() {
	name := "Savings"
	req := account.MustNewCreateRequest(account.CreateParams{Customer: "bcus_1", ExternalReference: "acct_1", Name: &name})
	acc, _ := account.New(ids.MustParseAccountID("bacc_1"), ids.MustParseCustomerID("bcus_1"), req)
	out, _ := acc.MarshalJSON()
	fmt.Println(string(out))
	fmt.Printf("%v\n", acc)
	// Output:
	// {"id":"bacc_1","external_reference":"acct_1","customer_id":"bcus_1","name":"Savings"}
	// {"id":"bacc_1","external_reference":"acct_1","customer_id":"bcus_1","name":"Savings"}
}

// asErrors returns the failures err holds: every function of the module that rejects its
// input returns a billing.Errors.
func asErrors(err error) billing.Errors {
	var errs billing.Errors
	errors.As(err, &errs)
	return errs
}

// storedAccount is an account as a service stored it: in ZAR, with a balance of ZAR 20.00.
const storedAccount = `{"id":"bacc_8Kq2mXv4RbT7wYz3NcLp9","customer_id":"bcus_H4jp6KnU5cPw263v1jyz4",` +
	`"external_reference":"acct_0001","name":"Travel","currency":"ZAR","balance":2000}`

// The flow of PATCH /billing/accounts/{account}: read the stored account, read the body as
// an update request, apply it, store the result and answer with its JSON.
func ExampleAccount_Apply() {
	a, err := account.Decode([]byte(storedAccount)) // or account.FromRecord of its row
	if err != nil {
		panic(err)
	}
	u, err := account.DecodeUpdateRequest([]byte(`{"name": "Travel and meals", "metadata": {"team": "ops"}}`))
	if err != nil {
		fmt.Println(err) // 422, with every failure
		return
	}
	a, err = a.Apply(u)
	if err != nil {
		fmt.Println(err) // 409 for a conflict, 422 otherwise
		return
	}
	body, _ := a.MarshalJSON()
	fmt.Println(string(body))
	// Output:
	// {"id":"bacc_8Kq2mXv4RbT7wYz3NcLp9","external_reference":"acct_0001","customer_id":"bcus_H4jp6KnU5cPw263v1jyz4","name":"Travel and meals","currency":"ZAR","balance":2000,"metadata":{"team":"ops"}}
}

// The same flow in one call: a balance sent alone is in the stored currency, and a
// currency changes only with its new balance.
func ExampleAccount_ApplyJSON() {
	a, _ := account.Decode([]byte(storedAccount))
	a, err := a.ApplyJSON([]byte(`{"balance": 5000}`))
	b, _ := a.Balance()
	fmt.Println(b, err)

	_, err = a.ApplyJSON([]byte(`{"currency": "JPY"}`))
	fmt.Println(err)
	a, err = a.ApplyJSON([]byte(`{"currency": "JPY", "balance": 350}`))
	b, _ = a.Balance()
	fmt.Println(b, err)
	// Output:
	// ZAR 50.00 <nil>
	// currency: conflict: changes the currency while the stored balance is in the old one: send the new balance with the new currency (or "balance": null), so that no amount changes its meaning
	// JPY 350 <nil>
}
