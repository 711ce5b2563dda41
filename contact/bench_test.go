package contact

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// benchPhones are valid canonical numbers of several countries, the mix the
// phone benchmarks run over: mobile and fixed-line numbers, shared calling
// codes (+1, +7, +44, +262), an Italian leading zero, Argentina (whose
// national-prefix pattern matches every number) and a non-geographic code.
var benchPhones = []struct{ country, e164 string }{
	{"ZA", "+27821234567"},
	{"ZA", "+27123456789"},
	{"GB", "+447400123456"},
	{"GB", "+442071838750"},
	{"US", "+14155552671"},
	{"CA", "+16135550123"},
	{"JM", "+18765551234"},
	{"RU", "+79123456789"},
	{"IT", "+390612345678"},
	{"FR", "+33612345678"},
	{"DE", "+4915123456789"},
	{"BR", "+5511987654321"},
	{"CN", "+8613812345678"},
	{"IN", "+919876543210"},
	{"AR", "+5491123456789"},
	{"RE", "+262692123456"},
	{"001", "+80012345678"},
}

var (
	benchSinkPhone Phone
	benchSinkBool  bool
	benchSinkErr   error
	benchSinkStr   string
)

// BenchmarkPhoneValidity compares ParsePhone with what a user would write
// with libphonenumber alone, over the same numbers in the same run:
// phonenumbers.Parse + IsValidNumber ("libphonenumber"), and the same plus the
// canonical-form check ParsePhone makes ("libphonenumber+canonical"). Each has a
// "mix" over all countries and one sub-benchmark per number.
func BenchmarkPhoneValidity(b *testing.B) {
	impls := []struct {
		name string
		fn   func(string) bool
	}{
		{"ParsePhone", func(s string) bool {
			p, err := ParsePhone(s)
			benchSinkPhone = p
			return err == nil
		}},
		{"libphonenumber", func(s string) bool {
			num, err := phonenumbers.Parse(s, "")
			return err == nil && phonenumbers.IsValidNumber(num)
		}},
		{"libphonenumber+canonical", func(s string) bool {
			num, err := phonenumbers.Parse(s, "")
			return err == nil && phonenumbers.IsValidNumber(num) && phonenumbers.Format(num, phonenumbers.E164) == s
		}},
	}
	for _, impl := range impls {
		for _, p := range benchPhones {
			if !impl.fn(p.e164) {
				b.Fatalf("%s refuses %s", impl.name, p.e164)
			}
		}
		b.Run(impl.name+"/mix", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				benchSinkBool = impl.fn(benchPhones[i%len(benchPhones)].e164)
			}
		})
		for _, p := range benchPhones {
			b.Run(impl.name+"/"+p.country+"_"+p.e164[1:4], func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSinkBool = impl.fn(p.e164)
				}
			})
		}
	}
}

// BenchmarkParsePhoneInvalid measures refusals: a shape failure, a number of
// no assigned code, +15555555555 (the shape of a number, but no number) and a
// non-canonical number.
func BenchmarkParsePhoneInvalid(b *testing.B) {
	for _, s := range []string{"+27 12 345 6789", "+999123456789", "+15555555555", "+4407911123456"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSinkPhone, benchSinkErr = ParsePhone(s)
			}
		})
	}
}

// benchShapes mixes E.164-shaped strings with strings that are not.
var benchShapes = []string{
	"+27123456789", "+447911123456", "+14155552671", "+390612345678", "+80012345678",
	"27123456789", "+27 12 345 6789", "+0123456", "+1234567890123456", "+27-12-345-6789",
}

// BenchmarkPhoneShape compares the shape check ParsePhone runs first with the
// regular expression of the E.164 shape.
func BenchmarkPhoneShape(b *testing.B) {
	re := regexp.MustCompile(`^\+[1-9]\d{1,14}$`)
	b.Run("hasE164Shape", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			benchSinkBool = hasE164Shape(benchShapes[i%len(benchShapes)])
		}
	})
	b.Run("regexp", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			benchSinkBool = re.MatchString(benchShapes[i%len(benchShapes)])
		}
	})
}

// BenchmarkPhoneFirstUse measures the one-time cost paid by the first number
// of a calling code a process checks whose national prefix pattern can match
// its start: compiling that pattern (+54's, which matches every number, and
// +44's "0", which a canonical number never starts with but +4407911123456
// does). No other first use has a cost: the tables are compiled at build time.
func BenchmarkPhoneFirstUse(b *testing.B) {
	for _, cc := range []int{54, 44} {
		i := int(phoneCodes[cc].prefix) - 1
		b.Run(fmt.Sprintf("+%d", cc), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSinkBool = regexp.MustCompile("^(?:"+phonePrefixes[i].pattern+")") != nil
			}
		})
	}
}

// BenchmarkPhoneMasked measures the masked form used by String, Format and LogValue.
func BenchmarkPhoneMasked(b *testing.B) {
	p, err := ParsePhone("+27123456789")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		benchSinkStr = p.String()
	}
}

var benchEmails = []string{
	"jane@example.com", "Jane.Doe+billing@mail.example.co.za", "x@xn--bcher-kva.example",
	"a.b.c.d@sub.domain.example.org", "jane@example", ".jane@example.com",
}

// BenchmarkParseEmail compares ParseEmail with a regular expression of the
// same grammar (its length checks left out, to the regexp's advantage).
func BenchmarkParseEmail(b *testing.B) {
	b.Run("ParseEmail", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			_, benchSinkErr = ParseEmail(benchEmails[i%len(benchEmails)])
		}
	})
	b.Run("regexp", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			benchSinkBool = emailPattern.MatchString(benchEmails[i%len(benchEmails)])
		}
	})
}

// BenchmarkEmailMasked measures the masked form used by String, Format and LogValue.
func BenchmarkEmailMasked(b *testing.B) {
	e, err := ParseEmail("jane.doe@example.com")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		benchSinkStr = e.String()
	}
}

// BenchmarkParseName compares the printable-ASCII fast path with the PRECIS
// path on the same name, and shows a non-ASCII name (which takes the PRECIS path).
func BenchmarkParseName(b *testing.B) {
	ascii := "Jane Doe-Smith (Billing), Acme Trading Co."
	nonASCII := "Zoë Ångström, 李小龍"
	b.Run("ascii/ParseName", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, benchSinkErr = ParseName(ascii)
		}
	})
	b.Run("ascii/precis-path", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			code, _ := checkNamePRECIS(ascii)
			benchSinkBool = code == ""
		}
	})
	b.Run("ascii/precis.String", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchSinkStr, benchSinkErr = nameProfile.String(ascii)
		}
	})
	b.Run("non-ascii/ParseName", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, benchSinkErr = ParseName(nonASCII)
		}
	})
	b.Run("long-255/ParseName", func(b *testing.B) {
		long := strings.Repeat("é", 255)
		b.ReportAllocs()
		for b.Loop() {
			_, benchSinkErr = ParseName(long)
		}
	})
}
