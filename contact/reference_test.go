package contact

import (
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// The reference the phone rule is held to: libphonenumber itself. Only tests
// link it; the package decides from its generated tables.

// phoneReference is the plain path: phonenumbers.Parse, IsValidNumber, the
// canonical check Format(E164) == s, then GetRegionCodeForNumber and
// GetNumberType. parseE164 must agree with it on every E.164-shaped string.
func phoneReference(s string) (Phone, phoneVerdict) {
	num, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return Phone{}, phoneInvalid
	}
	if phonenumbers.Format(num, phonenumbers.E164) != s {
		return Phone{}, phoneNotCanonical
	}
	return Phone{
		e164:   s,
		region: phonenumbers.GetRegionCodeForNumber(num),
		ccLen:  uint8(len(strconv.Itoa(int(num.GetCountryCode())))),
		typ:    phoneTypeOf(phonenumbers.GetNumberType(num)),
	}, phoneOK
}

// phoneTypeOf maps libphonenumber's number type to PhoneType.
func phoneTypeOf(t phonenumbers.PhoneNumberType) PhoneType {
	switch t {
	case phonenumbers.FIXED_LINE:
		return PhoneTypeFixedLine
	case phonenumbers.MOBILE:
		return PhoneTypeMobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return PhoneTypeFixedLineOrMobile
	case phonenumbers.TOLL_FREE:
		return PhoneTypeTollFree
	case phonenumbers.PREMIUM_RATE:
		return PhoneTypePremiumRate
	case phonenumbers.SHARED_COST:
		return PhoneTypeSharedCost
	case phonenumbers.VOIP:
		return PhoneTypeVoIP
	case phonenumbers.PERSONAL_NUMBER:
		return PhoneTypePersonalNumber
	case phonenumbers.PAGER:
		return PhoneTypePager
	case phonenumbers.UAN:
		return PhoneTypeUAN
	case phonenumbers.VOICEMAIL:
		return PhoneTypeVoicemail
	default:
		return PhoneTypeUnknown
	}
}
