package bench_test

import (
	"testing"

	"github.com/tallykit/billing/account"
)

var (
	sinkAccountRequest account.CreateRequest
	sinkAccountAlt     *accountCreate
)

// BenchmarkAccountParseJSON compares account.DecodeCreateRequest with
// json.Unmarshal + validator.Struct + the phone check on an account create
// request whose customer is a new customer
// (testdata/account-create/valid-customer-new.json).
func BenchmarkAccountParseJSON(b *testing.B) {
	data := readTestdata(b, "account-create", "valid-customer-new.json")
	if _, err := account.DecodeCreateRequest(data); err != nil {
		b.Fatal(err)
	}
	if _, err := parseAccountAlt(data); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkAccountRequest, sinkErr = account.DecodeCreateRequest(data)
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			sinkAccountAlt, sinkErr = parseAccountAlt(data)
		}
	})
}
