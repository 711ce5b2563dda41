package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
)

// kind is one document kind the command checks.
type kind struct {
	name   string
	about  string
	object bool // an object, which -allow-unknown may read leniently
	check  func([]byte) error
	// encode reads a document like check and, when it is valid, appends the library's
	// encoding of it to dst (for -valid).
	encode func(dst, data []byte) ([]byte, error)
}

// kinds lists the document kinds: the create requests, the objects, the updates. Objects
// are read with opts.
func kinds(opts options) []kind {
	cust := customer.DecodeOptions{AllowUnknown: opts.allowUnknown}
	acct := account.DecodeOptions{AllowUnknown: opts.allowUnknown}
	return []kind{
		kindOf("customer-create", "a customer create request", false, customer.DecodeCreateRequest),
		kindOf("account-create", "an account create request", false, account.DecodeCreateRequest),
		kindOf("customer", "a customer object", true, cust.Decode),
		kindOf("account", "an account object", true, acct.Decode),
		kindOf("customer-update", "a customer update request", false, customer.DecodeUpdateRequest),
		kindOf("account-update", "an account update request", false, account.DecodeUpdateRequest),
	}
}

// kindOf returns the kind whose documents decode reads.
func kindOf[T json.Marshaler](name, about string, object bool, decode func([]byte) (T, error)) kind {
	return kind{name, about, object,
		func(b []byte) error { _, err := decode(b); return err },
		func(dst, b []byte) ([]byte, error) { return appendValid(dst, b, decode) }}
}

// appendValid reads data with decode and appends the encoding of what it read to dst.
func appendValid[T json.Marshaler](dst, data []byte, decode func([]byte) (T, error)) ([]byte, error) {
	v, err := decode(data)
	if err != nil {
		return dst, err
	}
	if a, ok := any(v).(interface {
		AppendJSON([]byte) ([]byte, error)
	}); ok {
		return a.AppendJSON(dst)
	}
	enc, err := v.MarshalJSON()
	return append(dst, enc...), err
}

func kindNamed(name string, opts options) (kind, bool) {
	for _, k := range kinds(opts) {
		if k.name == name {
			return k, true
		}
	}
	return kind{}, false
}

func kindNames() []string {
	var names []string
	for _, k := range kinds(options{}) {
		names = append(names, k.name)
	}
	return names
}

// writeUsage prints the help: synopsis, kinds, codes, exit statuses and an example.
func writeUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("Usage:\n")
	b.WriteString("  billingcheck [-json] [-allow-unknown] KIND [FILE ...]\n")
	b.WriteString("  billingcheck [-json] [-allow-unknown] apply customer|account STORED UPDATE\n")
	b.WriteString("  billingcheck [-json] [-allow-unknown] (-lines | -csv) [-workers N] [-valid OUT] KIND [FILE ...]\n\n")
	b.WriteString("Checks billing API documents and prints every failure as FILE: FIELD: CODE: message,\n")
	b.WriteString("or FILE: ok. With no FILE, or FILE \"-\", standard input is read. apply reads the object\n")
	b.WriteString("in STORED and the update in UPDATE, and prints the updated object, or the failures.\n\n")
	b.WriteString("Bulk (-lines, -csv) checks files of many records, one per line or CSV row, in parallel,\n")
	b.WriteString("and prints only the failures, as FILE:RECORD: FIELD: CODE: message, in input order, then\n")
	b.WriteString("FILE: N records, V valid, I invalid on standard error. A CSV header names members\n")
	b.WriteString("(external_reference, name, email, phone, currency, balance; customer for account-create)\n")
	b.WriteString("and metadata keys as metadata.KEY; an empty cell is an absent member.\n\n")
	b.WriteString("Flags:\n  -json            one JSON object per input: {\"file\":…,\"valid\":…,\"errors\":[{\"field\":…,\"pointer\":…,\"code\":…,\"message\":…}]}\n")
	b.WriteString("                   (bulk: one per record, with \"record\":N)\n")
	b.WriteString("  -allow-unknown   skip members an object does not define (object kinds and apply's STORED only)\n")
	b.WriteString("  -lines           each input is JSON Lines: one document per line (blank lines skipped)\n")
	b.WriteString("  -csv             each input is CSV with a header row: one request per row (customer-create, account-create)\n")
	fmt.Fprintf(&b, "  -workers N       check records on N goroutines (bulk; default %d, the number of CPUs)\n", runtime.NumCPU())
	b.WriteString("  -valid OUT       write the valid records to OUT as JSON Lines, in the library's encoding (bulk)\n")
	b.WriteString("  -h               this help\n\nKinds:\n")
	for _, k := range kinds(options{}) {
		fmt.Fprintf(&b, "  %-16s %s\n", k.name, k.about)
	}
	b.WriteString("\nCodes:\n")
	for _, c := range billing.Codes() {
		fmt.Fprintf(&b, "  %-19s %s\n", c, c.Description())
	}
	b.WriteString("\nExit status: 0 every input valid, 1 some input invalid, 2 usage or I/O error.\n\n")
	b.WriteString("Example:\n  billingcheck customer-create testdata/customer-create/docs-example.json\n")
	b.WriteString("  testdata/customer-create/docs-example.json: ok\n")
	b.WriteString("  billingcheck -csv -valid ok.jsonl customer-create export.csv\n")
	b.WriteString("  export.csv:7: phone: invalid_phone: …\n")
	b.WriteString("  export.csv: 1000 records, 999 valid, 1 invalid\n")
	io.WriteString(w, b.String())
}
