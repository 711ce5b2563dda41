package main

import (
	"fmt"
	"io"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
)

// kind is one document kind the command checks.
type kind struct {
	name  string
	about string
	check func([]byte) error
}

// kinds lists the document kinds: the create requests, then the objects.
func kinds() []kind {
	return []kind{
		{"customer-create", "a customer create request", func(b []byte) error { _, err := customer.DecodeCreateRequest(b); return err }},
		{"account-create", "an account create request", func(b []byte) error { _, err := account.DecodeCreateRequest(b); return err }},
		{"customer", "a customer object", func(b []byte) error { _, err := customer.Decode(b); return err }},
		{"account", "an account object", func(b []byte) error { _, err := account.Decode(b); return err }},
	}
}

func kindNamed(name string) (kind, bool) {
	for _, k := range kinds() {
		if k.name == name {
			return k, true
		}
	}
	return kind{}, false
}

func kindNames() []string {
	var names []string
	for _, k := range kinds() {
		names = append(names, k.name)
	}
	return names
}

// writeUsage prints the help: synopsis, kinds, codes, exit statuses and an example.
func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("Usage: billingcheck [-json] KIND [FILE ...]\n\n")
	b.WriteString("Checks billing API documents and prints every failure as FILE: FIELD: CODE: message,\n")
	b.WriteString("or FILE: ok. With no FILE, or FILE \"-\", standard input is read.\n\n")
	b.WriteString("Flags:\n  -json   one JSON object per input: {\"file\":…,\"valid\":…,\"errors\":[{\"field\":…,\"pointer\":…,\"code\":…,\"message\":…}]}\n")
	b.WriteString("  -h      this help\n\nKinds:\n")
	for _, k := range kinds() {
		fmt.Fprintf(&b, "  %-16s %s\n", k.name, k.about)
	}
	b.WriteString("\nCodes:\n")
	for _, c := range billing.Codes() {
		fmt.Fprintf(&b, "  %-19s %s\n", c, c.Description())
	}
	b.WriteString("\nExit status: 0 every input valid, 1 some input invalid, 2 usage or I/O error.\n\n")
	b.WriteString("Example:\n  billingcheck customer-create testdata/customer-create/docs-example.json\n")
	b.WriteString("  testdata/customer-create/docs-example.json: ok\n")
	io.WriteString(w, b.String())
}
