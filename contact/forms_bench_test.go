package contact_test

import (
	"testing"

	"github.com/tallykit/billing/contact"
)

// The text and SQL forms: the cost a row or a request adds over the parser's own.

var (
	sinkFormPhone contact.Phone
	sinkFormEmail contact.Email
	sinkFormName  contact.Name
	sinkFormErr   error
)

func BenchmarkPhoneScan(b *testing.B) {
	src := []byte("+27123456789")
	b.ReportAllocs()
	for b.Loop() {
		sinkFormErr = sinkFormPhone.Scan(src)
	}
}

func BenchmarkPhoneUnmarshalText(b *testing.B) {
	text := []byte("+27123456789")
	b.ReportAllocs()
	for b.Loop() {
		sinkFormErr = sinkFormPhone.UnmarshalText(text)
	}
}

func BenchmarkEmailScan(b *testing.B) {
	src := "jane.doe@example.com"
	b.ReportAllocs()
	for b.Loop() {
		sinkFormErr = sinkFormEmail.Scan(src)
	}
}

func BenchmarkNameUnmarshalText(b *testing.B) {
	text := []byte("Jane Doe")
	b.ReportAllocs()
	for b.Loop() {
		sinkFormErr = sinkFormName.UnmarshalText(text)
	}
}
