package billing_test

import (
	"encoding/json"
	"errors"
	"fmt"

	billing "github.com/tallykit/billing"
)

func ExampleErrors() {
	// A document parser of this module returns every failure at once.
	var err error = billing.Errors{
		billing.NewFieldError(billing.CodeInvalidPhone, "is not a valid phone number", "phone"),
		billing.NewFieldError(billing.CodeRequired, "must be given when balance is", "currency"),
	}

	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, fe := range errs {
			fmt.Printf("%s %s\n", fe.Field, fe.Code)
		}
	}
	fmt.Println(errors.Is(err, billing.CodeInvalidPhone))
	// Output:
	// phone invalid_phone
	// currency required
	// true
}

func ExampleNewFieldError() {
	err := fmt.Errorf("import row 7: %w", billing.NewFieldError(billing.CodeInvalidFormat, "must be an address like jane@example.com", "email"))
	fmt.Println(errors.Is(err, billing.CodeInvalidFormat))
	fmt.Println(err)
	// Output:
	// true
	// import row 7: email: invalid_format: must be an address like jane@example.com
}

func ExampleCodes() {
	for _, c := range billing.Codes()[:3] {
		fmt.Println(c)
	}
	// Output:
	// invalid_json
	// invalid_type
	// required
}

func ExampleEscapePointer() {
	fmt.Println("/metadata/" + billing.EscapePointer("a/b~c"))
	// Output: /metadata/a~1b~0c
}

func ExampleErrors_At() {
	errs := billing.Errors{
		billing.NewFieldError(billing.CodeTooLong, "must be at most 500 characters", "metadata", "a.b"),
		billing.NewFieldError(billing.CodeTooLong, "must be at most 500 characters", "metadata", "a/b"),
	}
	fe := errs.At("/metadata/a~1b")
	fmt.Println(fe.Field, fe.Pointer, fe.Code)
	// Output: metadata.a/b /metadata/a~1b too_long
}

func ExampleCode_Description() {
	fmt.Println(billing.CodeInvalidPhone.Description())
	// Output: E.164 shape but not a valid number
}

func ExampleErrors_Problem() {
	errs := billing.Errors{
		billing.NewFieldError(billing.CodeConflict, "is already in use", "external_reference"),
	}
	p := errs.Problem()
	p.Type = "https://example.com/problems/conflict" // a service names its own problem kinds
	b, _ := json.Marshal(p)
	fmt.Println(p.Status)
	fmt.Println(string(b))
	// Output:
	// 409
	// {"type":"https://example.com/problems/conflict","title":"Conflict","status":409,"detail":"the document has 1 invalid member","errors":[{"pointer":"/external_reference","field":"external_reference","code":"conflict","detail":"external_reference: is already in use"}]}
}
