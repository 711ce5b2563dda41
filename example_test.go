package billing_test

import (
	"errors"
	"fmt"

	billing "github.com/tallykit/billing"
)

func ExampleErrors() {
	// A document parser of this module returns every failure at once.
	var err error = billing.Errors{
		billing.NewFieldError("phone", billing.CodeInvalidPhone, "is not a valid phone number"),
		billing.NewFieldError("currency", billing.CodeRequired, "must be given when balance is"),
	}

	var errs billing.Errors
	if errors.As(err, &errs) {
		for _, fe := range errs {
			fmt.Printf("%s %s\n", fe.Field, fe.Code)
		}
	}
	fmt.Println(errors.Is(err, billing.ErrInvalidPhone))
	// Output:
	// phone invalid_phone
	// currency required
	// true
}

func ExampleNewFieldError() {
	err := fmt.Errorf("import row 7: %w", billing.NewFieldError("email", billing.CodeInvalidFormat, "must be an address like jane@example.com"))
	fmt.Println(errors.Is(err, billing.ErrInvalidFormat))
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

func ExampleAsErrors() {
	err := fmt.Errorf("decode: %w", billing.NewFieldError("", billing.CodeInvalidJSON, "unexpected end of input"))
	for _, fe := range billing.AsErrors(err) {
		fmt.Printf("%q %s\n", fe.Field, fe.Code)
	}
	// Output:
	// "" invalid_json
}

func ExampleCode_Description() {
	fmt.Println(billing.CodeInvalidPhone.Description())
	// Output: E.164 shape but not a valid number
}
