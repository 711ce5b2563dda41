package billingtest

import (
	"maps"
	"slices"
	"sync"

	"github.com/nyaruka/phonenumbers"

	"github.com/tallykit/billing/contact"
)

// phoneTypes maps each PhoneType that the phone metadata gives example numbers of to
// libphonenumber's type. FixedLineOrMobile has no examples of its own: the metadata's
// fixed-line example stands for it.
var phoneTypes = []struct {
	typ contact.PhoneType
	lib phonenumbers.PhoneNumberType
}{
	{contact.PhoneTypeFixedLine, phonenumbers.FIXED_LINE},
	{contact.PhoneTypeMobile, phonenumbers.MOBILE},
	{contact.PhoneTypeTollFree, phonenumbers.TOLL_FREE},
	{contact.PhoneTypePremiumRate, phonenumbers.PREMIUM_RATE},
	{contact.PhoneTypeSharedCost, phonenumbers.SHARED_COST},
	{contact.PhoneTypeVoIP, phonenumbers.VOIP},
	{contact.PhoneTypePersonalNumber, phonenumbers.PERSONAL_NUMBER},
	{contact.PhoneTypePager, phonenumbers.PAGER},
	{contact.PhoneTypeUAN, phonenumbers.UAN},
	{contact.PhoneTypeVoicemail, phonenumbers.VOICEMAIL},
}

// examplePhone is one example number of the metadata that contact.ParsePhone accepts.
type examplePhone struct {
	region string
	typ    contact.PhoneType // the type the metadata gives the example for
	phone  contact.Phone
}

// examplePhones reads every example number of the phone metadata once: each supported
// region's example of each type, in region then type order, then the example of each
// non-geographic calling code (region "001"). Only the numbers contact.ParsePhone accepts
// are kept, and each number once.
var examplePhones = sync.OnceValue(func() []examplePhone {
	var out []examplePhone
	seen := map[string]bool{}
	add := func(region string, typ contact.PhoneType, n *phonenumbers.PhoneNumber) {
		if n == nil {
			return
		}
		e164 := phonenumbers.Format(n, phonenumbers.E164)
		p, err := contact.ParsePhone(e164)
		if err != nil || seen[e164] {
			return
		}
		seen[e164] = true
		out = append(out, examplePhone{region, typ, p})
	}
	for _, region := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions())) {
		for _, t := range phoneTypes {
			add(region, t.typ, phonenumbers.GetExampleNumberForType(region, t.lib))
		}
	}
	for _, cc := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedGlobalNetworkCallingCodes())) {
		n := phonenumbers.GetExampleNumberForNonGeoEntity(cc)
		if n != nil {
			p, err := contact.ParsePhone(phonenumbers.Format(n, phonenumbers.E164))
			if err == nil {
				add("001", p.Type(), n)
			}
		}
	}
	return out
})

// Phone returns the example number that the phone metadata (github.com/nyaruka/phonenumbers,
// as the library validates phones) gives for region, an ISO 3166-1 alpha-2 code such as
// "ZA" or "001" for the non-geographic calling codes, and typ; PhoneTypeFixedLineOrMobile
// stands for the fixed-line example. The number is one that contact.ParsePhone accepts
// (valid by today's metadata and in its canonical E.164 form). It reports false when the
// metadata has no such example, or has one that ParsePhone refuses.
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

// Phones returns every example number of the phone metadata that contact.ParsePhone
// accepts: each region's example of each type, in the order of the regions' codes, then
// those of the non-geographic calling codes; each number once. The slice is new on each
// call.
func Phones() []contact.Phone {
	ex := examplePhones()
	out := make([]contact.Phone, len(ex))
	for i, e := range ex {
		out[i] = e.phone
	}
	return out
}
