package bench_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/currency"

	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Sinks keep the compiler from dropping the work measured.
var (
	sinkErr  error
	sinkBool bool
)

// shapes are strings with and without the E.164 shape ^\+[1-9]\d{1,14}$: real numbers,
// no plus, spaces, hyphens, a leading +0, 16 digits.
var shapes = []string{
	"+27123456789", "+447911123456", "+14155552671", "+4915123456789",
	"27123456789", "+27 12 345 6789", "+0123456", "+1234567890123456", "+27-12-345-6789",
}

// BenchmarkStoredPhone compares reading a phone a server stored earlier with
// contact.ParseStoredPhone (the E.164 shape checked, the region and type of a number valid
// today found) with what a team writes for the same job: the shape's regexp, then
// phonenumbers.Parse, GetRegionCodeForNumber and GetNumberType.
func BenchmarkStoredPhone(b *testing.B) {
	for _, s := range shapes {
		p, err := contact.ParseStoredPhone(s)
		region, ok := storedPhoneAlt(s)
		if (err == nil) != ok || p.Region() != region {
			b.Fatalf("%q: ParseStoredPhone gives %v, region %q; the alternative %v, region %q",
				s, err, p.Region(), ok, region)
		}
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			sinkPhone, sinkErr = contact.ParseStoredPhone(shapes[i%len(shapes)])
		}
	})
	b.Run("alternative", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_, sinkBool = storedPhoneAlt(shapes[i%len(shapes)])
		}
	})
}

var sinkPhone contact.Phone

// storedPhoneAlt reads a stored phone as a team would without the library: the shape's
// regexp, then phonenumbers for the region and type of a number valid today.
func storedPhoneAlt(s string) (region string, ok bool) {
	if !e164Pattern.MatchString(s) {
		return "", false
	}
	num, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", true
	}
	_ = phonenumbers.GetNumberType(num)
	return phonenumbers.GetRegionCodeForNumber(num), true
}

// customerIDs are valid customer IDs: the SPEC's example, a short one, a
// long one.
var customerIDs = []string{
	"bcus_H4jp6KnU5cPw263v1jyz4",
	"bcus_1",
	"bcus_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
}

var sinkCustomerID ids.CustomerID

// BenchmarkCustomerID compares ids.ParseCustomerID with the pattern of SPEC
// and its length limit.
func BenchmarkCustomerID(b *testing.B) {
	for _, s := range customerIDs {
		if _, err := ids.ParseCustomerID(s); err != nil {
			b.Fatalf("ParseCustomerID(%q): %v", s, err)
		}
		if !customerIDAlt(s) {
			b.Fatalf("regexp refuses %q", s)
		}
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			sinkCustomerID, sinkErr = ids.ParseCustomerID(customerIDs[i%len(customerIDs)])
		}
	})
	b.Run("regexp", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			sinkBool = customerIDAlt(customerIDs[i%len(customerIDs)])
		}
	})
}

// currencyCodes are accepted codes of several minor units.
var currencyCodes = []string{"ZAR", "USD", "EUR", "JPY", "BHD", "CLF", "GBP", "CHF"}

var (
	sinkCurrency      money.Currency
	sinkXTextCurrency currency.Unit
)

// BenchmarkCurrency compares money.ParseCurrency with golang.org/x/text's
// currency.ParseISO (which also accepts lower case and codes without a minor
// unit, so it checks less).
func BenchmarkCurrency(b *testing.B) {
	for _, s := range currencyCodes {
		if _, err := money.ParseCurrency(s); err != nil {
			b.Fatalf("ParseCurrency(%q): %v", s, err)
		}
		if _, err := currency.ParseISO(s); err != nil {
			b.Fatalf("ParseISO(%q): %v", s, err)
		}
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			sinkCurrency, sinkErr = money.ParseCurrency(currencyCodes[i%len(currencyCodes)])
		}
	})
	b.Run("xtext", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			sinkXTextCurrency, sinkErr = currency.ParseISO(currencyCodes[i%len(currencyCodes)])
		}
	})
}

// metadata20 is a customer's metadata document at its limit of 20 entries.
var metadata20 = func() []byte {
	m := make(map[string]string, 20)
	for i := range 20 {
		m["order_key_"+strconv.Itoa(i)] = "value number " + strconv.Itoa(i) + " for the order"
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return data
}()

var (
	sinkMetadata metadata.Metadata
	sinkMap      map[string]string
)

// BenchmarkMetadata20 compares metadata.Decode on a 20-entry document with
// json.Unmarshal into a map[string]string and validator's dive over it.
func BenchmarkMetadata20(b *testing.B) {
	if _, err := metadata.Decode(metadata20, metadata.CustomerLimits()); err != nil {
		b.Fatal(err)
	}
	if _, err := parseMetadataAlt(metadata20); err != nil {
		b.Fatal(err)
	}
	b.Run("library", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(metadata20)))
		for b.Loop() {
			sinkMetadata, sinkErr = metadata.Decode(metadata20, metadata.CustomerLimits())
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(metadata20)))
		for b.Loop() {
			sinkMap, sinkErr = parseMetadataAlt(metadata20)
		}
	})
}
