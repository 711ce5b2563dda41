package bench_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tallykit/billing/customer"
)

// readTestdata returns a document of the library's testdata.
func readTestdata(tb testing.TB, kind, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", kind, name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// The values of the API docs' customer example
// (testdata/customer-create/docs-example.json), as Go values.
var (
	docsName     = "Thandiwe Nkosi"
	docsEmail    = "thandiwe.nkosi@example.co.za"
	docsPhone    = "+27123456789"
	docsCurrency = "ZAR"
	docsBalance  = int64(2000)
	docsMetadata = map[string]string{"crm_id": "A-10293", "segment": "retail"}
)

// docsParams returns the docs' example as CreateParams, with or without its phone.
func docsParams(withPhone bool) customer.CreateParams {
	p := customer.CreateParams{
		ExternalReference: "cust_2024_0001",
		Name:              &docsName,
		Email:             &docsEmail,
		Currency:          &docsCurrency,
		Balance:           &docsBalance,
		Metadata:          docsMetadata,
	}
	if withPhone {
		p.Phone = &docsPhone
	}
	return p
}

// docsStruct returns the docs' example as the validator user's struct.
func docsStruct(withPhone bool) *customerCreate {
	c := &customerCreate{
		ExternalReference: "cust_2024_0001",
		Name:              docsName,
		Email:             docsEmail,
		Currency:          docsCurrency,
		Balance:           &docsBalance,
		Metadata:          docsMetadata,
	}
	if withPhone {
		c.Phone = docsPhone
	}
	return c
}

var (
	sinkCreateRequest customer.CreateRequest
	sinkCustomerAlt   *customerCreate
)

// BenchmarkCustomerFromValues compares customer.NewCreateRequest with
// validator.Struct on the docs' example without its phone: the rules that
// need no phone metadata.
func BenchmarkCustomerFromValues(b *testing.B) {
	benchCustomerFromValues(b, false)
}

// BenchmarkCustomerFromValuesPhone is the same with the phone, whose
// validity the alternative checks with phonenumbers.Parse, IsValidNumber and
// the canonical-form check after validator.Struct.
func BenchmarkCustomerFromValuesPhone(b *testing.B) {
	benchCustomerFromValues(b, true)
}

func benchCustomerFromValues(b *testing.B, withPhone bool) {
	params, alt := docsParams(withPhone), docsStruct(withPhone)
	if _, err := customer.NewCreateRequest(params); err != nil {
		b.Fatal(err)
	}
	if err := validateCustomer(alt); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCreateRequest, sinkErr = customer.NewCreateRequest(params)
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = validateCustomer(alt)
		}
	})
}

// BenchmarkCustomerParseJSON compares customer.DecodeCreateRequest with
// json.Unmarshal + validator.Struct + the phone check on the docs' example.
func BenchmarkCustomerParseJSON(b *testing.B) {
	data := readTestdata(b, "customer-create", "docs-example.json")
	if _, err := customer.DecodeCreateRequest(data); err != nil {
		b.Fatal(err)
	}
	if _, err := parseCustomerAlt(data); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkCreateRequest, sinkErr = customer.DecodeCreateRequest(data)
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkCustomerAlt, sinkErr = parseCustomerAlt(data)
		}
	})
}
