package contact_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
)

// messageExamples are the sample values messages may show.
const messageExamples = "+27123456789 +447911123456 jane@example.com"

// requireFieldError checks that err is a one-entry billing.Errors at field
// with code, and that its message does not repeat the personal value input.
func requireFieldError(t *testing.T, err error, field string, code billing.Code, input string) {
	t.Helper()
	require.Error(t, err)
	var errs billing.Errors
	require.True(t, errors.As(err, &errs), "error %T is not a billing.Errors", err)
	require.Len(t, errs, 1)
	fe := errs[0]
	assert.Equal(t, field, fe.Field)
	assert.Equal(t, "/"+field, fe.Pointer)
	assert.Equal(t, code, fe.Code, "message: %s", fe.Message)
	assert.True(t, errors.Is(err, code), "errors.Is(err, %s)", code)
	assert.NotEmpty(t, fe.Message)
	if len(input) >= 4 && !strings.Contains(messageExamples, strings.TrimSpace(input)) {
		assert.NotContains(t, fe.Error(), input, "the message repeats the input")
	}
}

func TestParsePhoneValid(t *testing.T) {
	tests := []struct {
		in     string
		region string
		typ    contact.PhoneType
		cc     int
		masked string
	}{
		{"+27123456789", "ZA", contact.PhoneTypeFixedLine, 27, "+27*******89"}, // the API docs' example
		{"+27821234567", "ZA", contact.PhoneTypeMobile, 27, "+27*******67"},
		{"+447911123456", "GG", contact.PhoneTypeMobile, 44, "+44********56"}, // +44 7911 is Guernsey's range
		{"+442071838750", "GB", contact.PhoneTypeFixedLine, 44, "+44********50"},
		{"+447400123456", "GB", contact.PhoneTypeMobile, 44, "+44********56"},
		{"+14155552671", "US", contact.PhoneTypeFixedLineOrMobile, 1, "+1********71"},
		{"+16135550123", "CA", contact.PhoneTypeFixedLineOrMobile, 1, "+1********23"},
		{"+12423570000", "BS", contact.PhoneTypeMobile, 1, "+1********00"},
		{"+18765551234", "JM", contact.PhoneTypeMobile, 1, "+1********34"},
		{"+18002345678", "US", contact.PhoneTypeTollFree, 1, "+1********78"},
		{"+79123456789", "RU", contact.PhoneTypeMobile, 7, "+7********89"},
		{"+77012345678", "KZ", contact.PhoneTypeMobile, 7, "+7********78"},
		{"+78001234567", "RU", contact.PhoneTypeTollFree, 7, "+7********67"},
		{"+390612345678", "IT", contact.PhoneTypeFixedLine, 39, "+39********78"}, // Italian leading zero
		{"+393123456789", "IT", contact.PhoneTypeMobile, 39, "+39********89"},
		{"+33612345678", "FR", contact.PhoneTypeMobile, 33, "+33*******78"},
		{"+4915123456789", "DE", contact.PhoneTypeMobile, 49, "+49*********89"},
		{"+5511987654321", "BR", contact.PhoneTypeMobile, 55, "+55*********21"},
		{"+5491123456789", "AR", contact.PhoneTypeMobile, 54, "+54*********89"},
		{"+8613812345678", "CN", contact.PhoneTypeMobile, 86, "+86*********78"},
		{"+262692123456", "RE", contact.PhoneTypeMobile, 262, "+262*******56"},
		{"+262269601234", "YT", contact.PhoneTypeFixedLine, 262, "+262*******34"},
		{"+590690001234", "GP", contact.PhoneTypeMobile, 590, "+590*******34"},
		{"+80012345678", "001", contact.PhoneTypeTollFree, 800, "+800******78"},
		{"+8823421234", "001", contact.PhoneTypeMobile, 882, "+882*****34"},
		{"+883510012345", "001", contact.PhoneTypeVoIP, 883, "+883*******45"},
		{"+979123456789", "001", contact.PhoneTypePremiumRate, 979, "+979*******89"},
		{"+390669812345", "VA", contact.PhoneTypeFixedLine, 39, "+39********45"},
		{"+24106031234", "GA", contact.PhoneTypeMobile, 241, "+241******34"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := contact.ParsePhone(tt.in)
			require.NoError(t, err)
			assert.False(t, p.IsZero())
			assert.True(t, p.IsValid())
			assert.Equal(t, tt.in, p.E164())
			assert.Equal(t, tt.region, p.Region())
			assert.Equal(t, tt.typ, p.Type(), "type %s", p.Type())
			assert.Equal(t, tt.cc, p.CountryCode())
			assert.Equal(t, tt.masked, p.String())
			assert.Equal(t, tt.masked, p.Masked())
		})
	}
}

func TestParsePhoneInvalid(t *testing.T) {
	tests := []struct {
		in   string
		code billing.Code
	}{
		{"", billing.CodeRequired},
		{"27123456789", billing.CodeInvalidFormat},       // no +
		{"+27 12 345 6789", billing.CodeInvalidFormat},   // spaces
		{"+27-12-345-6789", billing.CodeInvalidFormat},   // punctuation
		{" +27123456789", billing.CodeInvalidFormat},     // never trimmed
		{"+27123456789 ", billing.CodeInvalidFormat},     // never trimmed
		{"+2712345678a", billing.CodeInvalidFormat},      // letter
		{"+027123456789", billing.CodeInvalidFormat},     // leading +0
		{"+1234567890123456", billing.CodeInvalidFormat}, // 16 digits
		{"+1", billing.CodeInvalidFormat},                // 1 digit
		{"+", billing.CodeInvalidFormat},
		{"++27123456789", billing.CodeInvalidFormat},
		{"\uff0b27123456789", billing.CodeInvalidFormat}, // full-width plus
		{"+２７123456789", billing.CodeInvalidFormat},      // full-width digits
		{"+27123456789\x00", billing.CodeInvalidFormat},
		{"+27\xff", billing.CodeInvalidFormat},
		{"tel:+27123456789", billing.CodeInvalidFormat},
		{"+27123456789;ext=1", billing.CodeInvalidFormat},
		{"+15555555555", billing.CodeInvalidPhone},   // the API docs' example: shape, no number
		{"+4407911123456", billing.CodeInvalidPhone}, // national prefix kept: not canonical
		{"+7 89123456789", billing.CodeInvalidFormat},
		{"+789123456789", billing.CodeInvalidPhone}, // Russian trunk prefix 8 kept
		{"+2701234567", billing.CodeInvalidPhone},
		{"+12", billing.CodeInvalidPhone},
		{"+999123456789", billing.CodeInvalidPhone}, // unassigned country calling code
		{"+2712345", billing.CodeInvalidPhone},      // too short for ZA
		{"+271234567890123", billing.CodeInvalidPhone},
		{"+97921234567", billing.CodeInvalidPhone},
		{"+123456789012345", billing.CodeInvalidPhone},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := contact.ParsePhone(tt.in)
			requireFieldError(t, err, "phone", tt.code, tt.in)
			assert.True(t, p.IsZero())
		})
	}
}

func TestParsePhoneNotCanonicalMessage(t *testing.T) {
	_, err := contact.ParsePhone("+4407911123456")
	requireFieldError(t, err, "phone", billing.CodeInvalidPhone, "+4407911123456")
	assert.Contains(t, err.Error(), "canonical")
}

func TestPhoneZero(t *testing.T) {
	var p contact.Phone
	assert.True(t, p.IsZero())
	assert.False(t, p.IsValid())
	assert.Equal(t, "", p.E164())
	assert.Equal(t, "", p.String())
	assert.Equal(t, "", p.Region())
	assert.Equal(t, 0, p.CountryCode())
	assert.Equal(t, contact.PhoneTypeUnknown, p.Type())

	// The zero Phone has no encoded form: every encoder refuses it.
	text, err := p.MarshalText()
	requireFieldError(t, err, "phone", billing.CodeRequired, "")
	assert.Nil(t, text)
	b, err := p.AppendText([]byte("tel="))
	requireFieldError(t, err, "phone", billing.CodeRequired, "")
	assert.Equal(t, "tel=", string(b), "AppendText leaves b as it was")
	_, err = json.Marshal(struct{ Phone contact.Phone }{})
	assert.ErrorIs(t, err, billing.CodeRequired)
	out, err := json.Marshal(struct {
		Phone contact.Phone `json:"phone,omitzero"`
	}{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(out), "omitzero leaves an absent phone out")

	// Decoders: null leaves the value alone, "" is required.
	q := mustPhone(t, "+27123456789")
	v := struct {
		Phone contact.Phone `json:"phone"`
	}{q}
	require.NoError(t, json.Unmarshal([]byte(`{"phone":null}`), &v))
	assert.Equal(t, q, v.Phone)
	err = json.Unmarshal([]byte(`{"phone":""}`), &v)
	requireFieldError(t, err, "phone", billing.CodeRequired, "")
	assert.Equal(t, q, v.Phone)
}

// mustPhone parses a number the test knows to be valid.
func mustPhone(t *testing.T, s string) contact.Phone {
	t.Helper()
	p, err := contact.ParsePhone(s)
	require.NoError(t, err)
	return p
}

func TestParseStoredPhone(t *testing.T) {
	tests := []struct {
		in     string
		valid  bool
		region string
		cc     int
		masked string
	}{
		{"+27123456789", true, "ZA", 27, "+27*******89"},
		{"+447911123456", true, "GG", 44, "+44********56"},
		{"+15555555555", false, "", 1, "+1********55"},      // shape, no number today
		{"+4407911123456", false, "", 44, "+44*********56"}, // valid once formatted: not canonical
		{"+999123456789", false, "", 0, "+**********89"},    // no assigned calling code
		{"+12", false, "", 1, "+1*"},
		{"+683701", false, "", 683, "+683***"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := contact.ParseStoredPhone(tt.in)
			require.NoError(t, err)
			assert.False(t, p.IsZero())
			assert.Equal(t, tt.valid, p.IsValid())
			assert.Equal(t, tt.in, p.E164())
			assert.Equal(t, tt.region, p.Region())
			assert.Equal(t, tt.cc, p.CountryCode())
			assert.Equal(t, tt.masked, p.String())
			assert.Equal(t, tt.valid, p.Type() != contact.PhoneTypeUnknown)
			if tt.valid {
				assert.Equal(t, mustPhone(t, tt.in), p, "a number valid today reads as ParsePhone reads it")
			} else {
				_, err := contact.ParsePhone(tt.in)
				requireFieldError(t, err, "phone", billing.CodeInvalidPhone, tt.in)
			}
			text, err := p.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.in, string(text), "the text form is the number as read")
		})
	}
	for _, bad := range []struct {
		in   string
		code billing.Code
	}{
		{"", billing.CodeRequired},
		{"27123456789", billing.CodeInvalidFormat},
		{"+27 12 345 6789", billing.CodeInvalidFormat},
		{"+0123", billing.CodeInvalidFormat},
		{"+1234567890123456", billing.CodeInvalidFormat},
	} {
		p, err := contact.ParseStoredPhone(bad.in)
		requireFieldError(t, err, "phone", bad.code, bad.in)
		assert.True(t, p.IsZero())
	}
}

func TestPhoneText(t *testing.T) {
	p, err := contact.ParsePhone("+27123456789")
	require.NoError(t, err)

	text, err := p.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "+27123456789", string(text), "the text form is the full number")

	b, err := p.AppendText([]byte("tel="))
	require.NoError(t, err)
	assert.Equal(t, "tel=+27123456789", string(b))

	var q contact.Phone
	require.NoError(t, q.UnmarshalText(text))
	assert.Equal(t, p, q)

	for _, bad := range []string{"", "+4407911123456", "0821234567"} {
		r := p
		err := r.UnmarshalText([]byte(bad))
		require.Error(t, err)
		assert.Equal(t, p, r, "a failed UnmarshalText leaves the value alone")
	}

	// Through encoding/json: the wire value is the full number.
	out, err := json.Marshal(struct {
		Phone contact.Phone `json:"phone"`
	}{p})
	require.NoError(t, err)
	assert.JSONEq(t, `{"phone":"+27123456789"}`, string(out))
	var back struct {
		Phone contact.Phone `json:"phone"`
	}
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, p, back.Phone)
	err = json.Unmarshal([]byte(`{"phone":"+15555555555"}`), &back)
	assert.True(t, errors.Is(err, billing.CodeInvalidPhone))
}

func TestPhoneTypeString(t *testing.T) {
	want := map[contact.PhoneType]string{
		contact.PhoneTypeUnknown:           "unknown",
		contact.PhoneTypeFixedLine:         "fixed_line",
		contact.PhoneTypeMobile:            "mobile",
		contact.PhoneTypeFixedLineOrMobile: "fixed_line_or_mobile",
		contact.PhoneTypeTollFree:          "toll_free",
		contact.PhoneTypePremiumRate:       "premium_rate",
		contact.PhoneTypeSharedCost:        "shared_cost",
		contact.PhoneTypeVoIP:              "voip",
		contact.PhoneTypePersonalNumber:    "personal_number",
		contact.PhoneTypePager:             "pager",
		contact.PhoneTypeUAN:               "uan",
		contact.PhoneTypeVoicemail:         "voicemail",
		contact.PhoneType(200):             "unknown",
	}
	for typ, s := range want {
		assert.Equal(t, s, typ.String())
	}
}

func TestPhoneMaskShortNationalNumber(t *testing.T) {
	// Niue (+683) has four-digit numbers: all of them are hidden.
	p, err := contact.ParsePhone("+6837012")
	require.NoError(t, err)
	assert.Equal(t, "+683****", p.String())
}

func TestPhoneConcurrentFirstUse(t *testing.T) {
	// Many goroutines checking numbers whose national number starts with a
	// match of their code's national prefix (Argentina's matches every
	// number) compile each prefix pattern once and agree; run with -race.
	nums := []string{"+5491123456789", "+330612345678", "+4407911123456", "+270821234567", "+79123456789", "+6494123456"}
	want := make([]error, len(nums))
	done := make(chan struct{})
	results := make([][]error, 8)
	for g := range results {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, n := range nums {
				_, err := contact.ParsePhone(n)
				results[g] = append(results[g], err)
			}
		}()
	}
	for range results {
		<-done
	}
	for i, n := range nums {
		_, want[i] = contact.ParsePhone(n)
	}
	for _, r := range results {
		assert.Equal(t, want, r)
	}
	assert.NoError(t, want[0])
	assert.Error(t, want[1])
}
