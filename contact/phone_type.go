package contact

// PhoneType is what libphonenumber's metadata says a number is: mobile, fixed
// line, toll free, and so on. It mirrors phonenumbers.PhoneNumberType, so that
// callers need not import that package.
type PhoneType uint8

// The phone number types. A valid [Phone] never has PhoneTypeUnknown.
const (
	// PhoneTypeUnknown: the zero Phone, or one that is not valid by today's
	// metadata (see [Phone.IsValid]).
	PhoneTypeUnknown PhoneType = iota
	// PhoneTypeFixedLine: a fixed-line (landline) number.
	PhoneTypeFixedLine
	// PhoneTypeMobile: a mobile number.
	PhoneTypeMobile
	// PhoneTypeFixedLineOrMobile: the number's digits cannot tell fixed line
	// from mobile (all of +1, for instance).
	PhoneTypeFixedLineOrMobile
	// PhoneTypeTollFree: free for the caller (800 numbers and the like).
	PhoneTypeTollFree
	// PhoneTypePremiumRate: billed above the normal rate.
	PhoneTypePremiumRate
	// PhoneTypeSharedCost: the cost is shared by caller and recipient.
	PhoneTypeSharedCost
	// PhoneTypeVoIP: a voice-over-IP number.
	PhoneTypeVoIP
	// PhoneTypePersonalNumber: a personal number routed to another line.
	PhoneTypePersonalNumber
	// PhoneTypePager: a pager number.
	PhoneTypePager
	// PhoneTypeUAN: a universal access (company) number.
	PhoneTypeUAN
	// PhoneTypeVoicemail: a voicemail access number.
	PhoneTypeVoicemail
)

var phoneTypeNames = [...]string{
	PhoneTypeUnknown:           "unknown",
	PhoneTypeFixedLine:         "fixed_line",
	PhoneTypeMobile:            "mobile",
	PhoneTypeFixedLineOrMobile: "fixed_line_or_mobile",
	PhoneTypeTollFree:          "toll_free",
	PhoneTypePremiumRate:       "premium_rate",
	PhoneTypeSharedCost:        "shared_cost",
	PhoneTypeVoIP:              "voip",
	PhoneTypePersonalNumber:    "personal_number",
	PhoneTypePager:             "pager",
	PhoneTypeUAN:               "uan",
	PhoneTypeVoicemail:         "voicemail",
}

// String returns the type's snake_case name ("mobile", "fixed_line_or_mobile",
// "toll_free", …), or "unknown" for a value outside the list.
func (t PhoneType) String() string {
	if int(t) < len(phoneTypeNames) {
		return phoneTypeNames[t]
	}
	return "unknown"
}
