package customer_test

import (
	"fmt"

	"github.com/tallykit/billing/customer"
)

// stored is a customer as a service stored it: in the docs' example currency, with a
// balance of ZAR 20.00, a phone and two metadata keys.
const stored = `{"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_0042","name":"Thandi",` +
	`"phone":"+27123456789","currency":"ZAR","balance":2000,"metadata":{"crm_id":"881","tier":"gold"}}`

// The flow of PATCH /billing/customers/{customer}: read the stored customer, read the
// body, apply, store the result, answer with its JSON.
func ExampleCustomer_Apply() {
	c, err := customer.Decode([]byte(stored)) // or customer.FromRecord of its row
	if err != nil {
		panic(err)
	}
	u, err := customer.DecodeUpdateRequest([]byte(`{"name":"Thandiwe","metadata":{"tier":"platinum"}}`))
	if err != nil {
		fmt.Println(err) // 422, with every failure
		return
	}
	updated, err := c.Apply(u)
	if err != nil {
		fmt.Println(err) // 409 for a conflict, 422 otherwise
		return
	}
	// store updated.Record(), then answer:
	body, _ := updated.MarshalJSON()
	fmt.Println(string(body))
	// Output:
	// {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_0042","name":"Thandiwe","phone":"+27123456789","currency":"ZAR","balance":2000,"metadata":{"crm_id":"881","tier":"platinum"}}
}

// The same flow in one call: ApplyJSON reads the body and applies it, in one pass where it
// can, and returns the failures of either step. A failure of reading the body is a 422; of
// applying it, a 409 for a conflict and a 422 otherwise (billing.Errors.Problem tells).
func ExampleCustomer_ApplyJSON() {
	c, err := customer.Decode([]byte(stored))
	if err != nil {
		panic(err)
	}
	updated, err := c.ApplyJSON([]byte(`{"name":"Thandiwe","metadata":{"tier":"platinum"}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := updated.MarshalJSON()
	fmt.Println(string(body))

	_, err = c.ApplyJSON([]byte(`{"id": "bcus_1", "currency": "JPY"}`))
	fmt.Println(err)
	_, err = c.ApplyJSON([]byte(`{"currency": "JPY"}`))
	fmt.Println(err)
	// Output:
	// {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_0042","name":"Thandiwe","phone":"+27123456789","currency":"ZAR","balance":2000,"metadata":{"crm_id":"881","tier":"platinum"}}
	// id: unknown_field: is not a member of this object
	// currency: conflict: changes the currency while the stored balance is in the old one: send the new balance with the new currency (or "balance": null), so that no amount changes its meaning
}

// A balance sent alone is in the stored currency.
func ExampleCustomer_Apply_balance() {
	c, _ := customer.Decode([]byte(stored))
	u, _ := customer.DecodeUpdateRequest([]byte(`{"balance": 5000}`))
	c, err := c.Apply(u)
	b, _ := c.Balance()
	fmt.Println(b, err)
	// Output: ZAR 50.00 <nil>
}

// null removes a member, and a metadata key.
func ExampleCustomer_Apply_remove() {
	c, _ := customer.Decode([]byte(stored))
	u, _ := customer.DecodeUpdateRequest([]byte(`{"phone": null, "metadata": {"crm_id": null}}`))
	c, _ = c.Apply(u)
	_, hasPhone := c.Phone()
	md, _ := c.Metadata()
	fmt.Println(hasPhone, md.Keys())
	// Output: false [tier]
}

// A currency changes only with its new balance: an amount never changes its meaning.
func ExampleCustomer_Apply_currency() {
	c, _ := customer.Decode([]byte(stored))
	alone, _ := customer.DecodeUpdateRequest([]byte(`{"currency": "JPY"}`))
	_, err := c.Apply(alone)
	fmt.Println(err)

	both, _ := customer.DecodeUpdateRequest([]byte(`{"currency": "JPY", "balance": 350}`))
	c, err = c.Apply(both)
	b, _ := c.Balance()
	fmt.Println(b, err)
	// Output:
	// currency: conflict: changes the currency while the stored balance is in the old one: send the new balance with the new currency (or "balance": null), so that no amount changes its meaning
	// JPY 350 <nil>
}

func ExampleNewUpdateRequest() {
	phone := "+27821234567"
	u, err := customer.NewUpdateRequest(customer.UpdateParams{
		Phone:          &phone,
		Remove:         []string{"name"},
		RemoveMetadata: []string{"crm_id"},
	})
	b, _ := u.MarshalJSON()
	fmt.Println(string(b), err)
	fmt.Println(u) // printed and logged forms mask the phone
	// Output:
	// {"name":null,"phone":"+27821234567","metadata":{"crm_id":null}} <nil>
	// {"name":null,"phone":"+27*******67","metadata":{"crm_id":null}}
}

func ExampleDecodeOptions_Decode() {
	// A newer API added created_at; a tolerant reader skips it, and still reads a phone
	// that today's numbering plans no longer hold valid.
	doc := `{"id":"bcus_1","external_reference":"cust_1","phone":"+15555555555","created_at":"2026-01-02"}`
	_, err := customer.Decode([]byte(doc))
	fmt.Println(err)
	c, err := customer.DecodeOptions{AllowUnknown: true}.Decode([]byte(doc))
	p, _ := c.Phone()
	fmt.Println(p.E164(), p.IsValid(), err)
	// Output:
	// created_at: unknown_field: is not a member of this object
	// +15555555555 false <nil>
}

func ExampleFromRecord() {
	c, _ := customer.Decode([]byte(stored))
	r := c.Record() // the columns, to give to Exec; Rows.Scan fills a Record the same way
	back, err := customer.FromRecord(r)
	fmt.Println(back.Equal(c), err, r.Balance.V, r.Email.Valid)
	// Output: true <nil> 2000 false
}

func ExampleCustomer_WithoutPaymentRules() {
	c, _ := customer.Decode([]byte(`{"id":"bcus_1","external_reference":"cust_1","currency":"ZAR",` +
		`"payment_rules":{"min_amount":100,"max_amount":5000,"underpayment_allowed":false,"overpayment_allowed":false}}`))
	c = c.WithoutPaymentRules()
	_, ok := c.PaymentRules()
	fmt.Println(ok)
	// Output: false
}
