package account_test

import (
	"encoding/json"
	"testing"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/internal/testkit"
)

// loop runs fn in b's loop with allocations reported, and reports the CPU time per call
// (cpu-ns/op, the process's, garbage collection included) beside the wall-clock ns/op:
// on a busy machine the CPU time is the figure to compare.
func loop(b *testing.B, bytes int, fn func() error) {
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	if bytes > 0 {
		b.SetBytes(int64(bytes))
	}
	b.ReportAllocs()
	n := 0
	start := testkit.ProcessCPUTime()
	for b.Loop() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(testkit.ProcessCPUTime()-start)/float64(max(n, 1)), "cpu-ns/op")
}

// plainDocsExample is what a service would decode the docs' example into without this
// library: plain fields, no rule applied.
type plainDocsExample struct {
	Customer          string            `json:"customer"`
	ExternalReference string            `json:"external_reference"`
	Name              string            `json:"name"`
	Currency          string            `json:"currency"`
	Balance           int64             `json:"balance"`
	Metadata          map[string]string `json:"metadata"`
}

// BenchmarkParseCreateRequest compares, on the docs' example document, the library's
// strict parse with every rule against encoding/json into a plain, unvalidated struct.
func BenchmarkParseCreateRequest(b *testing.B) {
	data := readFile(b, "account-create", "docs-example")
	b.Run("library", func(b *testing.B) {
		loop(b, len(data), func() error {
			_, err := account.DecodeCreateRequest(data)
			return err
		})
	})
	b.Run("encoding-json", func(b *testing.B) {
		loop(b, len(data), func() error {
			var p plainDocsExample
			return json.Unmarshal(data, &p)
		})
	})
}

// BenchmarkParseCreateRequestNewCustomer reads a request that creates its customer
// (phone and email included) against the customer parse of the same nested object alone.
// The nested object is read in place by the one member reader of both entities, so the
// difference is the account's own members: the customer member's name and the four others.
func BenchmarkParseCreateRequestNewCustomer(b *testing.B) {
	data := readFile(b, "account-create", "valid-customer-new")
	nested := nestedCustomer(b, data)
	b.Run("account", func(b *testing.B) {
		loop(b, len(data), func() error {
			_, err := account.DecodeCreateRequest(data)
			return err
		})
	})
	b.Run("customer-nested-alone", func(b *testing.B) {
		loop(b, len(nested), func() error {
			_, err := customer.DecodeCreateRequest(nested)
			return err
		})
	})
	// The two in alternation, so that a machine whose speed drifts (other work,
	// frequency) slows both alike: the ratio is the figure to read.
	b.Run("interleaved", func(b *testing.B) {
		b.ReportAllocs()
		testkit.Interleaved(b, "account", func() { sinkRequest, sinkErr = account.DecodeCreateRequest(data) },
			"customer", func() { sinkCustomerRequest, sinkErr = customer.DecodeCreateRequest(nested) })
	})
}

// nestedCustomer returns the bytes of the customer member of an account create request.
func nestedCustomer(b *testing.B, data []byte) []byte {
	b.Helper()
	var nested []byte
	err := strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			if o.Name() == "customer" {
				nested, _ = o.Raw()
			} else {
				o.Skip()
			}
		}
	})
	if err != nil || nested == nil {
		b.Fatal("no nested customer", err)
	}
	return nested
}

// BenchmarkParseCustomerRef reads the string forms of the customer member.
func BenchmarkParseCustomerRef(b *testing.B) {
	for _, s := range []string{"bcus_H4jp6KnU5cPw263v1jyz4", "cust_2024_0001"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := account.ParseCustomerRef(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewCreateRequest builds the docs' example request, and one with a new customer
// (phone included), from Go values.
func BenchmarkNewCreateRequest(b *testing.B) {
	for _, tt := range []struct {
		name string
		p    account.CreateParams
	}{{"docs-example", docsParams()}, {"new-customer", newCustomerParams()}} {
		b.Run(tt.name, func(b *testing.B) {
			if _, err := account.NewCreateRequest(tt.p); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := account.NewCreateRequest(tt.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse reads an account object with every member, payment rules included.
func BenchmarkParse(b *testing.B) {
	data := readFile(b, "account", "valid-full")
	if _, err := account.Decode(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := account.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseInvalid reads the document with a failure in every member.
func BenchmarkParseInvalid(b *testing.B) {
	data := readFile(b, "account-create", "invalid-multi-every-member")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := account.DecodeCreateRequest(data); err == nil {
			b.Fatal("valid")
		}
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	req, err := account.DecodeCreateRequest(readFile(b, "account-create", "docs-example"))
	if err != nil {
		b.Fatal(err)
	}
	withNew, err := account.DecodeCreateRequest(readFile(b, "account-create", "valid-customer-new"))
	if err != nil {
		b.Fatal(err)
	}
	a, err := account.Decode(readFile(b, "account", "valid-full"))
	if err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		v    json.Marshaler
	}{{"CreateRequest", req}, {"CreateRequest/new-customer", withNew}, {"Account", a}} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tt.v.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("Account/AppendJSON", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		b.ReportAllocs()
		for b.Loop() {
			if buf, err = a.AppendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkNew(b *testing.B) {
	req := account.MustNewCreateRequest(docsParams())
	accID, cusID := ids.MustParseAccountID(accountID), ids.MustParseCustomerID(customerID)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := account.New(accID, cusID, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkString(b *testing.B) {
	req, err := account.DecodeCreateRequest(readFile(b, "account-create", "valid-customer-new"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = req.String()
	}
}

// Sinks keep the compiler from dropping the work measured.
var (
	sinkRequest         account.CreateRequest
	sinkCustomerRequest customer.CreateRequest
	sinkErr             error
)
