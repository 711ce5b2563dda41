package customer_test

import (
	"fmt"

	"github.com/tallykit/billing/customer"
)

// MustNewCreateRequest is for tests and fixtures whose values are written in the code:
// it panics where NewCreateRequest would return an error.
func ExampleMustNewCreateRequest() {
	name := "Thandiwe Nkosi"
	req := customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_2024_0001", Name: &name})
	b, _ := req.MarshalJSON()
	fmt.Println(string(b))
	// Output: {"external_reference":"cust_2024_0001","name":"Thandiwe Nkosi"}
}
