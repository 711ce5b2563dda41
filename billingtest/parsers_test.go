package billingtest_test

import (
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
)

// parsers are the library's own parsers of each kind, as the billingcheck command runs them.
var parsers = map[string]func([]byte) error{
	"customer-create": func(b []byte) error { _, err := customer.DecodeCreateRequest(b); return err },
	"account-create":  func(b []byte) error { _, err := account.DecodeCreateRequest(b); return err },
	"customer":        func(b []byte) error { _, err := customer.Decode(b); return err },
	"account":         func(b []byte) error { _, err := account.Decode(b); return err },
	"customer-update": func(b []byte) error { _, err := customer.DecodeUpdateRequest(b); return err },
	"account-update":  func(b []byte) error { _, err := account.DecodeUpdateRequest(b); return err },
}
