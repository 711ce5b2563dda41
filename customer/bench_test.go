package customer_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

func readTestdata(b *testing.B, kind, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", kind, name+".json"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkNewCreateRequest builds a fully populated request, phone included, from Go values.
func BenchmarkNewCreateRequest(b *testing.B) {
	p := fullParams()
	if _, err := customer.NewCreateRequest(p); err != nil { // also compiles the +27 phone rules
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.NewCreateRequest(p); err != nil {
			b.Fatal(err)
		}
	}
}

// plainDocsExample is what a service would decode the docs' example into without this
// library: plain fields, no rule applied.
type plainDocsExample struct {
	ExternalReference string            `json:"external_reference"`
	Name              string            `json:"name"`
	Email             string            `json:"email"`
	Phone             string            `json:"phone"`
	Currency          string            `json:"currency"`
	Balance           int64             `json:"balance"`
	Metadata          map[string]string `json:"metadata"`
}

// BenchmarkParseCreateRequest compares, on the docs' example document, the library's
// strict parse with every rule against encoding/json into a plain struct, with no rule.
// (The comparisons with the phone library are in bench/: linked here, its metadata would
// sit in the heap of every benchmark of this package, which a user's program that imports
// customer never loads, and the collector would mark it on every cycle.)
func BenchmarkParseCreateRequest(b *testing.B) {
	data := readTestdata(b, "customer-create", "docs-example")
	b.Run("library", func(b *testing.B) {
		if _, err := customer.DecodeCreateRequest(data); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := customer.DecodeCreateRequest(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var p plainDocsExample
			if err := json.Unmarshal(data, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParse reads a customer object with every member, payment rules included.
func BenchmarkParse(b *testing.B) {
	data := readTestdata(b, "customer", "valid-full")
	if _, err := customer.Decode(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseInvalid reads the document with a failure in every member.
func BenchmarkParseInvalid(b *testing.B) {
	data := readTestdata(b, "customer-create", "invalid-multi-every-field")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.DecodeCreateRequest(data); err == nil {
			b.Fatal("valid")
		}
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	req := customer.MustNewCreateRequest(fullParams())
	c, err := customer.Decode(readTestdata(b, "customer", "valid-full"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("CreateRequest", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := req.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Customer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Customer/AppendJSON", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if buf, err = c.AppendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-plain", func(b *testing.B) {
		p := plainDocsExample{"cust_2024_0001", "Thandiwe Nkosi", "thandiwe.nkosi@example.co.za", "+27123456789",
			"ZAR", 2000, map[string]string{"crm_id": "A-10293", "segment": "retail"}}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkNew(b *testing.B) {
	req := customer.MustNewCreateRequest(fullParams())
	id := ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := customer.New(id, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkString(b *testing.B) {
	c, err := customer.Decode(readTestdata(b, "customer", "valid-full"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.String()
	}
}
