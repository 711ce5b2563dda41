package bench_test

import (
	"testing"

	gojson "github.com/goccy/go-json"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testkit"
)

// The decode-only comparisons: the library's full parse and validation of a
// document (every rule, the phone's validity included) against
// github.com/goccy/go-json merely decoding the same bytes into a plain struct,
// with no check at all. The goal is a ratio library ÷ goccy of at most 1.

// plainCustomer is the customer create request as a plain struct: what a
// decoder fills without checking anything.
type plainCustomer struct {
	ExternalReference string            `json:"external_reference"`
	Name              string            `json:"name"`
	Email             string            `json:"email"`
	Phone             string            `json:"phone"`
	Currency          string            `json:"currency"`
	Balance           int64             `json:"balance"`
	Metadata          map[string]string `json:"metadata"`
}

// plainAccount is the account create request with a new customer, as a plain struct.
type plainAccount struct {
	Customer          *plainCustomer    `json:"customer"`
	ExternalReference string            `json:"external_reference"`
	Name              string            `json:"name"`
	Currency          string            `json:"currency"`
	Balance           int64             `json:"balance"`
	Metadata          map[string]string `json:"metadata"`
}

var (
	sinkPlainCustomer plainCustomer
	sinkPlainAccount  plainAccount
)

// decodeGoccyCustomer decodes data into a fresh plainCustomer.
func decodeGoccyCustomer(data []byte) error {
	var c plainCustomer
	err := gojson.Unmarshal(data, &c)
	sinkPlainCustomer = c
	return err
}

// decodeGoccyAccount decodes data into a fresh plainAccount.
func decodeGoccyAccount(data []byte) error {
	var a plainAccount
	err := gojson.Unmarshal(data, &a)
	sinkPlainAccount = a
	return err
}

func decodeLibraryCustomer(data []byte) error {
	var err error
	sinkCreateRequest, err = customer.DecodeCreateRequest(data)
	return err
}

func decodeLibraryAccount(data []byte) error {
	var err error
	sinkAccountRequest, err = account.DecodeCreateRequest(data)
	return err
}

// TestDecodeOnlyAlternatives checks that goccy reads the documents the
// benchmarks time, and reads them whole.
func TestDecodeOnlyAlternatives(t *testing.T) {
	data := readTestdata(t, "customer-create", "docs-example.json")
	require.NoError(t, decodeGoccyCustomer(data))
	require.Equal(t, plainCustomer{
		ExternalReference: "cust_2024_0001", Name: docsName, Email: docsEmail, Phone: docsPhone,
		Currency: docsCurrency, Balance: docsBalance, Metadata: docsMetadata,
	}, sinkPlainCustomer)
	require.NoError(t, decodeLibraryCustomer(data))

	data = readTestdata(t, "account-create", "valid-customer-new.json")
	require.NoError(t, decodeGoccyAccount(data))
	require.NotNil(t, sinkPlainAccount.Customer)
	require.Equal(t, "+27821234567", sinkPlainAccount.Customer.Phone)
	require.Equal(t, "acct_2024_0002", sinkPlainAccount.ExternalReference)
	require.NoError(t, decodeLibraryAccount(data))
}

// BenchmarkDecodeOnlyCustomer compares customer.DecodeCreateRequest of the
// docs' example (phone included) with goccy/go-json's Unmarshal of the same
// bytes into a plain struct.
func BenchmarkDecodeOnlyCustomer(b *testing.B) {
	benchDecodeOnly(b, readTestdata(b, "customer-create", "docs-example.json"), decodeLibraryCustomer, decodeGoccyCustomer)
}

// BenchmarkDecodeOnlyAccount is the same for account.DecodeCreateRequest of
// an account request with a nested new customer.
func BenchmarkDecodeOnlyAccount(b *testing.B) {
	benchDecodeOnly(b, readTestdata(b, "account-create", "valid-customer-new.json"), decodeLibraryAccount, decodeGoccyAccount)
}

// benchDecodeOnly runs the library and goccy alone ("library", "goccy"), then
// in alternation ("interleaved"): 64 calls of one, 64 of the other, in turn,
// so that a machine whose speed drifts slows both alike. The interleaved
// sub-benchmark reports library-ns, goccy-ns and their ratio (library ÷
// goccy, the goal is ≤ 1), by the clock, and the same by the process's CPU
// time (library-cpu-ns, goccy-cpu-ns, cpu-ratio: what each side cost the
// process, its garbage collection included, not counting the time other
// programs held the CPU); its B/op and allocs/op are the two sides' sum.
func benchDecodeOnly(b *testing.B, data []byte, library, goccy func([]byte) error) {
	if err := library(data); err != nil {
		b.Fatal(err)
	}
	if err := goccy(data); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkErr = library(data)
		}
	})
	b.Run("goccy", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkErr = goccy(data)
		}
	})
	b.Run("interleaved", func(b *testing.B) {
		b.ReportAllocs()
		testkit.Interleaved(b, "library", func() { sinkErr = library(data) }, "goccy", func() { sinkErr = goccy(data) })
	})
}
