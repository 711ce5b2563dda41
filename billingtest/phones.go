package billingtest

import (
	"sync"

	"github.com/tallykit/billing/contact"
)

// exampleNumber is one example number of the phone metadata, as the generated table
// holds it.
type exampleNumber struct {
	region string
	typ    contact.PhoneType // the type the metadata gives the example for
	e164   string
}

// examplePhone is an example number that contact.ParsePhone accepts.
type examplePhone struct {
	region string
	typ    contact.PhoneType
	phone  contact.Phone
}

// examplePhones reads the table of example numbers once, keeping those that
// contact.ParsePhone accepts (all of them, when the table and contact's rules come from
// the same metadata, as a test holds).
var examplePhones = sync.OnceValue(func() []examplePhone {
	out := make([]examplePhone, 0, len(exampleNumbers))
	for _, e := range exampleNumbers {
		if p, err := contact.ParsePhone(e.e164); err == nil {
			out = append(out, examplePhone{e.region, e.typ, p})
		}
	}
	return out
})

// distinctPhones are the numbers of examplePhones, each once (a number can be the example
// of several types), in their order.
var distinctPhones = sync.OnceValue(func() []contact.Phone {
	seen := map[contact.Phone]bool{}
	var out []contact.Phone
	for _, e := range examplePhones() {
		if !seen[e.phone] {
			seen[e.phone] = true
			out = append(out, e.phone)
		}
	}
	return out
})

// Phone returns the example number that the phone metadata (libphonenumber's, which
// contact.ParsePhone holds numbers to) gives for region, an ISO 3166-1 alpha-2 code such
// as "ZA", or "001" for the non-geographic calling codes, and typ;
// PhoneTypeFixedLineOrMobile stands for the fixed-line example. The number is one that
// contact.ParsePhone accepts (valid by today's metadata and in its canonical E.164 form).
// It reports false when the metadata has no such example.
func Phone(region string, typ contact.PhoneType) (contact.Phone, bool) {
	if typ == contact.PhoneTypeFixedLineOrMobile {
		typ = contact.PhoneTypeFixedLine
	}
	for _, e := range examplePhones() {
		if e.region == region && e.typ == typ {
			return e.phone, true
		}
	}
	return contact.Phone{}, false
}

// Phones returns every example number of the phone metadata, each once: each region's
// examples of each type, in the order of the regions' codes, then those of the
// non-geographic calling codes. Each is a number contact.ParsePhone accepts. The slice is
// new on each call.
func Phones() []contact.Phone { return append([]contact.Phone(nil), distinctPhones()...) }
