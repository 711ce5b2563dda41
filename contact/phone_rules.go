package contact

import (
	"math/bits"
	"regexp"
	"sync"
)

//go:generate go run ./internal/gen -out zz_generated_phone_rules.go

// This file decides whether a canonical E.164 string is a valid number, and
// which region and type it has, the way libphonenumber decides it
// (phonenumbers.Parse, IsValidNumber, GetRegionCodeForNumber, GetNumberType
// and the check that Format(E164) gives the string back), on tables generated
// from libphonenumber's metadata (zz_generated_phone_rules.go) instead of the
// library itself, so that a program checking phones does not link the
// library nor load its metadata when it starts.
//
// The metadata describes each region's numbers with patterns: a general one,
// one per number type, and for a region sharing its calling code, the leading
// digits that pick it. The generator compiles every region's patterns into
// one deterministic automaton over the digits of the national number (all
// regions' automata share one table, equal states merged); a state's accept
// mask says which patterns match the digits read so far. Checking a national
// number is one table step per digit, then a few mask operations:
//
//   - the region of a number is the only region of its calling code, or, for a
//     shared code (+1, +7, +44, +262, ...), the first region of the metadata's
//     list whose leading digits start the national number or, for a region
//     without leading digits, whose patterns give the number a type;
//   - a number is valid when its region's general pattern matches and one of
//     the type patterns does (premium rate, toll free, shared cost, VoIP,
//     personal, pager, UAN, voicemail, fixed line, mobile; in that order of
//     precedence), each pattern only for the lengths its description allows.
//
// For a canonical E.164 input the national significant number libphonenumber
// checks is exactly the digits after the calling code (a leading zero, as in
// Italy's +39 06…, is kept by the parser and written back by the formatter),
// so the rules apply to that substring directly.
//
// The parser also strips a national prefix written after the country code
// ("+44 0 20…"), and some regions' prefixes carry a transform (Argentina's
// mobile 15). When the main region's national prefix for parsing can match
// the start of the national number (the automaton says so too), the
// parser's stripping is replayed step by step (phoneStripNationalPrefix) with
// the prefix pattern itself, compiled by the regexp package on first use: a
// number the parser would rewrite is not canonical, or not valid.

// The tags of the automaton's accept masks, as phonegen numbers them.
const (
	phoneTagGeneral = iota
	phoneTagPremiumRate
	phoneTagTollFree
	phoneTagSharedCost
	phoneTagVoIP
	phoneTagPersonalNumber
	phoneTagPager
	phoneTagUAN
	phoneTagVoicemail
	phoneTagFixedLine
	phoneTagMobile
	phoneTagLeadingDigits
	phoneTagNationalPrefix
)

// phoneSpecialTypes are the types whose patterns are tried before fixed line
// and mobile, in libphonenumber's order of precedence, which is the order of
// their tags: the first that matches is the number's type.
var phoneSpecialTypes = [...]PhoneType{
	PhoneTypePremiumRate, PhoneTypeTollFree, PhoneTypeSharedCost, PhoneTypeVoIP,
	PhoneTypePersonalNumber, PhoneTypePager, PhoneTypeUAN, PhoneTypeVoicemail,
}

const (
	phoneSpecialMask = (1<<len(phoneSpecialTypes) - 1) << phoneTagPremiumRate

	// phoneMinNSN and phoneMaxNSN bound the national significant numbers the
	// parser accepts (phonenumbers.MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN).
	phoneMinNSN = 2
	phoneMaxNSN = 17
)

// phoneCode is a country calling code's entry: its regions
// phoneRegions[first:first+n], and 1 + the index of its national prefix in
// phonePrefixes (0: none). n is 0 for a code that is not assigned.
type phoneCode struct {
	first     uint16
	n, prefix uint8
}

// Flags of a phoneRegion.
const (
	phoneSameMobileFixed = 1 << iota // fixed-line and mobile patterns are the same
	phoneLeadingDigits               // the region has leading digits
)

// phoneRegion is one region of a calling code.
type phoneRegion struct {
	code  string // ISO 3166-1 alpha-2, "001" for a non-geographic entity
	start uint16 // the start state of its automaton
	flags uint8
	// byLen[n] is the mask of tags whose descriptions allow n digits (the
	// leading-digits and national-prefix tags for every n).
	byLen [phoneMaxNSN + 1]uint16
}

// phonePrefix is the national prefix for parsing of a calling code's main
// region, and the general description's possible lengths, which decide
// whether the parser keeps a stripped number.
type phonePrefix struct {
	pattern   string // unanchored, as the metadata gives it
	transform string // "" for none
	first     int8   // the first length listed; -1: no length is possible
	last      int8   // the last length listed
	lengths   uint32 // the lengths listed, bit n for n digits
	localOnly uint32 // the lengths possible only locally
}

// callingCode returns the country calling code digits start with and its
// number of digits, or 0, 0 when they start with no assigned code. E.164
// codes are prefix-free, so the first prefix of 1 to 3 digits that is an
// assigned code is the code.
func callingCode(digits string) (cc, ccLen int) {
	for l := 1; l <= 3 && l <= len(digits); l++ {
		cc = cc*10 + int(digits[l-1]-'0')
		if phoneCodes[cc].n != 0 {
			return cc, l
		}
	}
	return 0, 0
}

// match runs the region's automaton over the digits of nsn and returns the
// accept mask of the state it ends in, before any length is checked.
func (r *phoneRegion) match(nsn string) uint16 {
	s := uint(r.start)
	for i := 0; i < len(nsn); i++ {
		s = uint(phoneNext[s*10+uint(nsn[i]-'0')])
	}
	return phoneAccept[s]
}

// numberType is the type the region's patterns give a number whose
// automaton mask, lengths checked, is m; PhoneTypeUnknown if none.
func (r *phoneRegion) numberType(m uint16) PhoneType {
	if m&(1<<phoneTagGeneral) == 0 {
		return PhoneTypeUnknown
	}
	if sp := m & phoneSpecialMask; sp != 0 {
		return phoneSpecialTypes[bits.TrailingZeros16(sp)-phoneTagPremiumRate]
	}
	same := r.flags&phoneSameMobileFixed != 0
	mobile := m&(1<<phoneTagMobile) != 0
	if m&(1<<phoneTagFixedLine) != 0 {
		if same || mobile {
			return PhoneTypeFixedLineOrMobile
		}
		return PhoneTypeFixedLine
	}
	if !same && mobile {
		return PhoneTypeMobile
	}
	return PhoneTypeUnknown
}

// classify returns the region of the national significant number nsn of
// calling code c and the type its patterns give it (PhoneTypeUnknown: not a
// valid number; the region is then nil or not the number's). m0 is the mask
// of c's main region for nsn.
func classify(c phoneCode, nsn string, m0 uint16) (*phoneRegion, PhoneType) {
	n := len(nsn)
	if n > phoneMaxNSN {
		return nil, PhoneTypeUnknown
	}
	regions := phoneRegions[c.first : int(c.first)+int(c.n)]
	if len(regions) == 1 {
		r := &regions[0]
		return r, r.numberType(m0 & r.byLen[n])
	}
	for i := range regions {
		r := &regions[i]
		m := m0
		if i > 0 {
			m = r.match(nsn)
		}
		if r.flags&phoneLeadingDigits != 0 {
			// A region whose leading digits match is the number's region
			// whatever its patterns say.
			if m&(1<<phoneTagLeadingDigits) == 0 {
				continue
			}
			return r, r.numberType(m & r.byLen[n])
		}
		// One without leading digits is when its patterns give the number a type.
		if t := r.numberType(m & r.byLen[n]); t != PhoneTypeUnknown {
			return r, t
		}
	}
	return nil, PhoneTypeUnknown
}

// phonePrefixRegexps holds the compiled national prefix patterns, each
// compiled the first time a number needs it.
var phonePrefixRegexps [len(phonePrefixes)]struct {
	once sync.Once
	re   *regexp.Regexp
}

// phonePrefixRegexp returns phonePrefixes[i]'s pattern anchored at the start,
// compiled.
func phonePrefixRegexp(i int) *regexp.Regexp {
	e := &phonePrefixRegexps[i]
	e.once.Do(func() { e.re = regexp.MustCompile("^(?:" + phonePrefixes[i].pattern + ")") })
	return e.re
}

// keeps reports whether the parser keeps a national number of n digits
// once stripped: whether libphonenumber's length test of the general
// description says neither too short, nor possible only locally, nor of an
// invalid length.
func (p *phonePrefix) keeps(n int) bool {
	switch {
	case p.first < 0 || n >= 32:
		return false
	case p.localOnly&(1<<n) != 0:
		return false
	case n == int(p.first):
		return true
	case n < int(p.first):
		return false
	case n > int(p.last):
		return true // too long: the parser keeps it
	}
	return p.lengths&(1<<n) != 0
}

// phoneStripNationalPrefix replays what phonenumbers.Parse does with the
// national significant number nsn of calling code c, whose main region's
// national prefix can match its start (m0 is the main region's mask for nsn).
// It reports whether the parser rewrites the number, and if so whether the
// number it reads is valid (then s is not canonical) or not.
func phoneStripNationalPrefix(c phoneCode, nsn string, m0 uint16) (phoneVerdict, bool) {
	i := int(c.prefix) - 1
	p := &phonePrefixes[i]
	re := phonePrefixRegexp(i)
	groups := re.FindStringSubmatchIndex(nsn)
	if groups == nil {
		return phoneOK, false
	}
	main := &phoneRegions[c.first]
	viable := m0&(1<<phoneTagGeneral) != 0
	last := len(groups)/2 - 1 // index of the last group
	var stripped string
	if p.transform == "" || groups[2*last] < 0 {
		stripped = nsn[groups[1]:]
	} else {
		stripped = re.ReplaceAllString(nsn, p.transform)
	}
	// A number the general pattern holds is not stripped into one it does not.
	if viable && main.match(stripped)&(1<<phoneTagGeneral) == 0 {
		return phoneOK, false
	}
	if !p.keeps(len(stripped)) || stripped == nsn {
		return phoneOK, false
	}
	if len(stripped) < phoneMinNSN {
		return phoneInvalid, true
	}
	if _, typ := classify(c, stripped, main.match(stripped)); typ == PhoneTypeUnknown {
		return phoneInvalid, true
	}
	return phoneNotCanonical, true
}
