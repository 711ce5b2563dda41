package contact

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPhoneRulesEveryCallingCode checks that the metadata of every calling
// code and every region compiles into fast-path rules (none falls back to the
// reference path for all its numbers) and that only Argentina's national prefix pattern can
// match an empty prefix.
func TestPhoneRulesEveryCallingCode(t *testing.T) {
	codes := 0
	for cc := 1; cc < 1000; cc++ {
		regions := phonenumbers.GetRegionCodesForCountryCode(cc)
		if len(regions) == 0 {
			continue
		}
		codes++
		r := buildPhoneCCRules(cc)
		require.False(t, r.reference, "+%d falls back to the reference path", cc)
		require.Len(t, r.regions, len(regions), "+%d", cc)
		for i, rr := range r.regions {
			assert.Equal(t, regions[i], rr.region, "+%d", cc)
			assert.NotNil(t, rr.numberPatterns(), "+%d %s: patterns do not compile", cc, rr.region)
		}
		if r.prefixMatchesEmpty {
			assert.Equal(t, 54, cc, "+%d has a national prefix pattern matching the empty string", cc)
		}
	}
	assert.Greater(t, codes, 200)
}

// TestPhoneRulesBuiltOnce checks that the table hands out one set of rules
// per calling code.
func TestPhoneRulesBuiltOnce(t *testing.T) {
	assert.Same(t, phoneRulesFor(27), phoneRulesFor(27))
	assert.NotSame(t, phoneRulesFor(27), phoneRulesFor(44))
}

// TestPhoneItalianLeadingZero checks the representation the fast path relies
// on: the national significant number libphonenumber formats is the digit
// string after the calling code, leading zeros included, so checking that
// string is checking the parsed number.
func TestPhoneItalianLeadingZero(t *testing.T) {
	for _, s := range []string{"+390612345678", "+390669812345", "+3780549886377", "+2250712345678"} {
		num, err := phonenumbers.Parse(s, "")
		require.NoError(t, err, s)
		nsn := phonenumbers.GetNationalSignificantNumber(num)
		assert.Equal(t, s[1+phoneCCLen(s):], nsn, s)
		assert.True(t, num.GetItalianLeadingZero(), s)
		p, err := ParsePhone(s)
		if phonenumbers.IsValidNumber(num) {
			require.NoError(t, err, s)
			assert.Equal(t, s, p.E164())
		}
	}
}

// TestPhoneRulesLazyRegions checks that a +1 number of the main region
// compiles only that region's number patterns.
func TestPhoneRulesLazyRegions(t *testing.T) {
	r := buildPhoneCCRules(1)
	region, typ, class := r.classify(1, "4155552671")
	require.Equal(t, phoneClassValid, class)
	assert.Equal(t, "US", region)
	assert.Equal(t, PhoneTypeFixedLineOrMobile, typ)
	for _, rr := range r.regions[1:] {
		assert.Nil(t, rr.descs, "%s compiled", rr.region)
	}
}
