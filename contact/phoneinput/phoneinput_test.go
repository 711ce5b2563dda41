package phoneinput_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/contact/phoneinput"
)

// requireFailure checks that err is a one-entry billing.Errors at "phone"
// with code, and that its message does not repeat the input.
func requireFailure(t *testing.T, err error, code billing.Code, input string) *billing.FieldError {
	t.Helper()
	var errs billing.Errors
	require.True(t, errors.As(err, &errs), "error %T is not a billing.Errors", err)
	require.Len(t, errs, 1)
	fe := errs[0]
	assert.Equal(t, "phone", fe.Field)
	assert.Equal(t, "/phone", fe.Pointer)
	assert.Equal(t, code, fe.Code, "message: %s", fe.Message)
	if digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, input); len(digits) >= 6 {
		assert.NotContains(t, fe.Message, digits, "the message repeats the number")
	}
	return fe
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, region, want string
	}{
		{"082 123 4567", "ZA", "+27821234567"},
		{"(415) 555-2671", "US", "+14155552671"},
		{"+44 20 7183 8750", "", "+442071838750"},
		{"+44 20 7183 8750", "ZA", "+442071838750"},
		{"+44 20 7183 8750", "ZZ", "+442071838750"},
		{"+44 20 7183 8750", "nonsense", "+442071838750"},
		{"+44 (0)20 7183 8750", "", "+442071838750"},
		{"0044 20 7183 8750", "GB", "+442071838750"},
		{"011 27 82 123 4567", "US", "+27821234567"},
		{"27821234567", "ZA", "+27821234567"},
		{"+27.82.123.4567", "", "+27821234567"},
		{"+27/82/123/4567", "", "+27821234567"},
		{"  +27 82 123 4567  ", "", "+27821234567"},
		{"+4407911123456", "", "+447911123456"},
		{"+800 1234 5678", "", "+80012345678"},
		{"06 12 34 56 78", "FR", "+33612345678"},
		{"+27123456789", "", "+27123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.region, func(t *testing.T) {
			p, err := phoneinput.Normalize(tt.in, tt.region)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.E164())
			q, err := contact.ParsePhone(tt.want)
			require.NoError(t, err)
			assert.Equal(t, q, p, "Normalize and ParsePhone give the same Phone")
		})
	}
}

func TestNormalizeInvalid(t *testing.T) {
	tests := []struct {
		in, region string
		code       billing.Code
		extension  bool
	}{
		{"", "ZA", billing.CodeRequired, false},
		{"+1 415 555 2671 ext. 123", "", billing.CodeInvalidFormat, true},
		{"+1 415 555 2671 x123", "", billing.CodeInvalidFormat, true},
		{"+1 415 555 2671 X123", "", billing.CodeInvalidFormat, true},
		{"+1 415 555 2671;ext=123", "", billing.CodeInvalidFormat, true},
		{"(415) 555-2671 #123", "US", billing.CodeInvalidFormat, true},
		{"(415) 555-2671, 123", "US", billing.CodeInvalidFormat, true},
		{"1-800-FLOWERS", "US", billing.CodeInvalidFormat, false},
		{"tel:+14155552671", "", billing.CodeInvalidFormat, false},
		{"+1 415 555 + 2671", "", billing.CodeInvalidFormat, false},
		{"082\t123 4567", "ZA", billing.CodeInvalidFormat, false},
		{"０８２ １２３ ４５６７", "ZA", billing.CodeInvalidFormat, false},
		{"082 123 4567", "", billing.CodeInvalidFormat, false},   // national form, no region
		{"082 123 4567", "za", billing.CodeInvalidFormat, false}, // regions are upper case
		{"   ", "ZA", billing.CodeInvalidFormat, false},
		{"()-./", "ZA", billing.CodeInvalidFormat, false},
		{"1", "ZA", billing.CodeInvalidFormat, false},
		{strings.Repeat("1", 251), "ZA", billing.CodeInvalidFormat, false},
		{"+2782123456789012345", "", billing.CodeInvalidFormat, false},
		{"+1 (555) 555-5555", "", billing.CodeInvalidPhone, false},
		{"+999 123 456", "", billing.CodeInvalidPhone, false},
		{"082 123 4567 0", "ZA", billing.CodeInvalidPhone, false},
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.region, func(t *testing.T) {
			p, err := phoneinput.Normalize(tt.in, tt.region)
			fe := requireFailure(t, err, tt.code, tt.in)
			assert.True(t, p.IsZero())
			if tt.extension {
				assert.Contains(t, fe.Message, "extension")
			}
		})
	}
}

// TestNormalizeRequired checks that an empty input fails exactly as
// contact.ParsePhone fails on it.
func TestNormalizeRequired(t *testing.T) {
	_, err := phoneinput.Normalize("", "ZA")
	_, want := contact.ParsePhone("")
	assert.Equal(t, want, err)
}

// TestNormalizeExamples reads the example number of every region and type
// in the metadata, in E.164 and in the national form libphonenumber writes:
// each gives the Phone contact.ParsePhone gives the E.164 form.
func TestNormalizeExamples(t *testing.T) {
	types := []phonenumbers.PhoneNumberType{
		phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE,
		phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
		phonenumbers.UAN, phonenumbers.VOICEMAIL,
	}
	n := 0
	for _, region := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions())) {
		for _, typ := range types {
			num := phonenumbers.GetExampleNumberForType(region, typ)
			if num == nil {
				continue
			}
			e164 := phonenumbers.Format(num, phonenumbers.E164)
			want, err := contact.ParsePhone(e164)
			if err != nil {
				continue // an example the metadata itself holds not valid or not canonical
			}
			n++
			p, err := phoneinput.Normalize(e164, "")
			require.NoError(t, err, e164)
			require.Equal(t, want, p, e164)
			national := phonenumbers.Format(num, phonenumbers.NATIONAL)
			if strings.ContainsFunc(national, unicode.IsLetter) || strings.ContainsAny(national, "~") {
				continue
			}
			if p, err := phoneinput.Normalize(national, region); err == nil {
				require.Equal(t, want, p, "%s in %s", national, region)
			}
		}
	}
	assert.Greater(t, n, 1000)
}

var normalizeRegions = []string{"", "ZA", "US", "GB", "AR", "BR", "RU", "IT", "CN", "DE", "FR", "IN", "za", "ZZ", "001"}

// FuzzNormalize checks that Normalize never panics, only returns canonical
// Phones that contact.ParsePhone agrees with, and never accepts letters or
// extension markers.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"082 123 4567", "(415) 555-2671", "+44 20 7183 8750", "+44 (0)20 7183 8750", "0044 20 7183 8750",
		"011 27 82 123 4567", "+1 415 555 2671 ext. 123", "+1 415 555 2671 x123", "+1 415 555 2671;ext=123",
		"1-800-FLOWERS", "tel:+14155552671", "+27.82.123.4567", "06 12 34 56 78", "+4407911123456", "",
		"  +27 82 123 4567  ", "((((082))))", "+2782123456789012345", "8 (912) 345-67-89", "011 54 9 11 2345 6789",
	} {
		for i := range normalizeRegions {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, r uint8) {
		region := normalizeRegions[int(r)%len(normalizeRegions)]
		p, err := phoneinput.Normalize(s, region)
		if err != nil {
			var errs billing.Errors
			if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Field != "phone" || errs[0].Pointer != "/phone" {
				t.Fatalf("Normalize(%q, %q) = %v: not a one-entry Errors at phone", s, region, err)
			}
			switch errs[0].Code {
			case billing.CodeRequired, billing.CodeInvalidFormat, billing.CodeInvalidPhone:
			default:
				t.Fatalf("Normalize(%q, %q): code %s", s, region, errs[0].Code)
			}
			if (s == "") != (errs[0].Code == billing.CodeRequired) {
				t.Fatalf("Normalize(%q, %q): code %s", s, region, errs[0].Code)
			}
			return
		}
		if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || strings.ContainsRune(";,#~", r) }) {
			t.Fatalf("Normalize(%q, %q) accepted letters or an extension marker", s, region)
		}
		q, err := contact.ParsePhone(p.E164())
		if err != nil || q != p {
			t.Fatalf("Normalize(%q, %q) = %v, which ParsePhone reads as %v, %v", s, region, p, q, err)
		}
		again, err := phoneinput.Normalize(p.E164(), region)
		if err != nil || again != p {
			t.Fatalf("Normalize is not idempotent on %v: %v, %v", p, again, err)
		}
	})
}

var (
	benchSinkPhone contact.Phone
	benchSinkErr   error
)

// BenchmarkNormalize measures reading typed numbers.
func BenchmarkNormalize(b *testing.B) {
	inputs := []struct{ in, region string }{
		{"082 123 4567", "ZA"}, {"(415) 555-2671", "US"}, {"+44 20 7183 8750", ""},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := inputs[i%len(inputs)]
		benchSinkPhone, benchSinkErr = phoneinput.Normalize(in.in, in.region)
	}
}
