package ids_test

import (
	"crypto/rand"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/tallykit/billing/ids"
)

// Run with: go test -run='^$' -bench=. -benchtime=1s ./ids
// The figures: BenchmarkParseCustomerID against BenchmarkParseCustomerIDRegexp,
// BenchmarkNewCustomerID against BenchmarkCryptoRandRead16, all from the same run.

const benchCustomerID = "bcus_H4jp6KnU5cPw263v1jyz4" // 26 characters

var (
	sinkCustomerID ids.CustomerID
	sinkAccountID  ids.AccountID
	sinkRef        ids.ExternalReference
	sinkKey        ids.IdempotencyKey
	sinkAPIKey     ids.APIKey
	sinkErr        error
	sinkBool       bool
	sinkString     string
	sinkBytes      []byte
)

func BenchmarkParseCustomerID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCustomerID, sinkErr = ids.ParseCustomerID(benchCustomerID)
	}
}

// BenchmarkParseCustomerIDRegexp is what a user would write instead: it only answers yes or no.
func BenchmarkParseCustomerIDRegexp(b *testing.B) {
	re := regexp.MustCompile(`^bcus_[a-zA-Z0-9]+$`)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = re.MatchString(benchCustomerID)
	}
}

func BenchmarkParseAccountID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkAccountID, sinkErr = ids.ParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	}
}

func BenchmarkParseCustomerIDInvalid(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCustomerID, sinkErr = ids.ParseCustomerID("bcus_H4jp6KnU5cPw263v1jy!4")
	}
}

func BenchmarkParseCustomerIDMegabyte(b *testing.B) {
	s := "bcus_" + strings.Repeat("a", 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		sinkCustomerID, sinkErr = ids.ParseCustomerID(s)
	}
}

func BenchmarkNewCustomerID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCustomerID = ids.NewCustomerID()
	}
}

func BenchmarkNewAccountID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkAccountID = ids.NewAccountID()
	}
}

// BenchmarkCryptoRandRead16 is the yardstick of NewCustomerID: 16 random bytes (128 bits),
// the least from which 21 unbiased base62 characters (125 bits) can be made.
func BenchmarkCryptoRandRead16(b *testing.B) {
	b.ReportAllocs()
	var buf [16]byte
	for b.Loop() {
		_, _ = rand.Read(buf[:])
	}
}

// BenchmarkCryptoRandRead16Alloc26 is the floor of any NewCustomerID: the 16-byte read and
// the one allocation of a 26-byte string, with no encoding at all.
func BenchmarkCryptoRandRead16Alloc26(b *testing.B) {
	b.ReportAllocs()
	var buf [26]byte
	for b.Loop() {
		_, _ = rand.Read(buf[:16])
		sinkString = string(buf[:])
	}
}

func BenchmarkParseExternalReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRef, sinkErr = ids.ParseExternalReference("CRM-0042_customer_7781")
	}
}

func BenchmarkParseExternalReferenceRegexp(b *testing.B) {
	re := regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = re.MatchString("CRM-0042_customer_7781")
	}
}

func BenchmarkParseCustomerExternalReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRef, sinkErr = ids.ParseCustomerExternalReference("CRM-0042_customer_7781")
	}
}

func BenchmarkParseIdempotencyKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkKey, sinkErr = ids.ParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	}
}

func BenchmarkIdempotencyKeyIsUUID(b *testing.B) {
	k, _ := ids.ParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = k.IsUUID()
	}
}

func BenchmarkParseAPIKey(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkAPIKey, sinkErr = ids.ParseAPIKey(longSecret)
	}
}

func BenchmarkAPIKeyString(b *testing.B) {
	k, _ := ids.ParseAPIKey(longSecret)
	b.ReportAllocs()
	for b.Loop() {
		sinkString = k.String()
	}
}

func BenchmarkCustomerIDMarshalJSON(b *testing.B) {
	id := ids.MustParseCustomerID(benchCustomerID)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes, sinkErr = id.MarshalJSON()
	}
}

func BenchmarkCustomerIDUnmarshalJSON(b *testing.B) {
	data := []byte(`"` + benchCustomerID + `"`)
	b.ReportAllocs()
	for b.Loop() {
		sinkErr = sinkCustomerID.UnmarshalJSON(data)
	}
}

func BenchmarkCustomerIDJSONStruct(b *testing.B) {
	type doc struct {
		ID ids.CustomerID `json:"id"`
	}
	data := []byte(`{"id":"` + benchCustomerID + `"}`)
	b.ReportAllocs()
	for b.Loop() {
		var d doc
		sinkErr = json.Unmarshal(data, &d)
	}
}

func BenchmarkCustomerIDScan(b *testing.B) {
	src := []byte(benchCustomerID)
	b.ReportAllocs()
	for b.Loop() {
		sinkErr = sinkCustomerID.Scan(src)
	}
}
