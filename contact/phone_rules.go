package contact

import (
	"regexp"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// This file decides whether a canonical E.164 string is a valid number without
// going through phonenumbers.Parse, and without phonenumbers.IsValidNumber,
// whose cost is dominated by building the same anchored pattern strings and
// looking them up in a locked cache on every call.
//
// The decision is the one libphonenumber makes, on the same metadata: the
// patterns below are the metadata's own, compiled on first use (a calling
// code's leading-digits and national-prefix patterns when the first number of
// that code is checked, a region's number patterns when the first number that
// needs that region is), then kept. The rules applied to them follow
// libphonenumber's documented algorithm:
//
//   - the region of a number is the only region of its calling code, or, for a
//     shared code (+1, +7, +44, +262, ...), the first region of the metadata's
//     list whose leading-digits pattern matches the national number or, for a
//     region without one, whose patterns give the number a type;
//   - a number is valid when its region's general pattern matches and one of
//     the type patterns does (premium rate, toll free, shared cost, VoIP,
//     personal, pager, UAN, voicemail, fixed line, mobile; in that order of
//     precedence), each pattern only tried for the lengths it allows.
//
// No phonenumbers.PhoneNumber is built: libphonenumber checks a number's
// national significant number as a digit string, and for a canonical E.164
// input that string is exactly the digits after the calling code (a leading
// zero, as in Italy's +39 06…, is kept by the parser as ItalianLeadingZero and
// NumberOfLeadingZeros, which GetNationalSignificantNumber writes back as the
// same zeros), so the rules are applied to that substring directly.
//
// The parser also strips a national prefix written after the country code
// ("+44 0 20…"): such input is not canonical. When the metadata's national
// prefix pattern can match the start of a national number, the reference
// path decides (phoneReference), so the answer is always libphonenumber's own.
// FuzzParsePhone checks both paths against each other on every E.164-shaped
// input it generates.

// phoneRegionRules is one region of a calling code.
type phoneRegionRules struct {
	region        string         // ISO 3166-1 alpha-2, or "001" for a non-geographic entity
	countryCode   int            // the region's calling code in the metadata
	leadingDigits *regexp.Regexp // anchored at the start; nil when the region has none

	md    *phonenumbers.PhoneMetadata // read only, to build descs
	once  sync.Once
	descs *phoneRegionDescs // nil after once: the patterns did not compile
}

// phoneRegionDescs is one region's number patterns.
type phoneRegionDescs struct {
	sameMobileFix bool // fixed-line and mobile patterns are the same

	general phoneDesc
	special [len(phoneSpecialTypes)]phoneDesc // the patterns of phoneSpecialTypes, in its order
	fixed   phoneDesc
	mobile  phoneDesc
}

// phoneSpecialTypes are the types whose patterns are tried before fixed line and mobile,
// in libphonenumber's order of precedence: the first that matches is the number's type.
var phoneSpecialTypes = [...]PhoneType{
	PhoneTypePremiumRate, PhoneTypeTollFree, PhoneTypeSharedCost, PhoneTypeVoIP,
	PhoneTypePersonalNumber, PhoneTypePager, PhoneTypeUAN, PhoneTypeVoicemail,
}

// phoneDesc is one number description: the lengths it allows and its pattern.
type phoneDesc struct {
	lengths uint32         // bit n set: length n allowed
	anyLen  bool           // the description lists no lengths: every length may match
	re      *regexp.Regexp // anchored at both ends; nil: matches nothing
}

// phoneCCRules is everything needed for one country calling code.
type phoneCCRules struct {
	regions []*phoneRegionRules // in the metadata's order, main region first

	// nationalPrefix is the anchored national-prefix-for-parsing pattern of the
	// main region (nil when it has none); a national number it matches may be
	// rewritten by the parser, so the reference path decides.
	nationalPrefix      *regexp.Regexp
	prefixMatchesEmpty  bool // nationalPrefix matches the empty string
	prefixTransform     bool // the main region has a national prefix transform rule
	prefixTransformLast int  // index in a submatch slice of the group the transform depends on

	// reference is set when the metadata could not be compiled into these
	// rules; every number of this code then takes the reference path.
	reference bool
}

// phoneCCSlot holds the rules of one calling code, built on first use.
type phoneCCSlot struct {
	once  sync.Once
	rules *phoneCCRules
}

// phoneCCTable is indexed by country calling code (1–999). Each slot is
// written once, by its sync.Once, and only read afterwards.
var phoneCCTable [1000]phoneCCSlot

// phoneMetadataIndex indexes the embedded metadata by region, and the
// non-geographic entities by calling code. It is built once, on first use, so
// that a program importing this package pays nothing for it until it checks a
// phone number.
var phoneMetadataIndex = sync.OnceValue(func() phoneMetadataMaps {
	m := phoneMetadataMaps{
		regions: make(map[string]*phonenumbers.PhoneMetadata, 256),
		nonGeo:  make(map[int]*phonenumbers.PhoneMetadata, 16),
	}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return m
	}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == phoneRegionNonGeographic {
			m.nonGeo[int(md.GetCountryCode())] = md
		} else {
			m.regions[md.GetId()] = md
		}
	}
	return m
})

type phoneMetadataMaps struct {
	regions map[string]*phonenumbers.PhoneMetadata
	nonGeo  map[int]*phonenumbers.PhoneMetadata
}

// phoneRegionNonGeographic is the region libphonenumber gives numbers of
// non-geographic calling codes (+800, +808, +870, +878, +881, +882, +883, +888, +979).
const phoneRegionNonGeographic = "001"

// phoneRulesFor returns the rules of calling code cc (1–999) that has regions.
func phoneRulesFor(cc int) *phoneCCRules {
	slot := &phoneCCTable[cc]
	slot.once.Do(func() { slot.rules = buildPhoneCCRules(cc) })
	return slot.rules
}

func buildPhoneCCRules(cc int) *phoneCCRules {
	regionCodes := phonenumbers.GetRegionCodesForCountryCode(cc)
	if len(regionCodes) == 0 {
		return &phoneCCRules{reference: true}
	}
	idx := phoneMetadataIndex()
	rules := &phoneCCRules{regions: make([]*phoneRegionRules, 0, len(regionCodes))}
	for _, rc := range regionCodes {
		var md *phonenumbers.PhoneMetadata
		if rc == phoneRegionNonGeographic {
			md = idx.nonGeo[cc]
		} else {
			md = idx.regions[rc]
		}
		if md == nil {
			return &phoneCCRules{reference: true}
		}
		rr := &phoneRegionRules{region: rc, countryCode: int(md.GetCountryCode()), md: md}
		if ld := md.GetLeadingDigits(); ld != "" {
			re, err := regexp.Compile("^(?:" + ld + ")")
			if err != nil {
				return &phoneCCRules{reference: true}
			}
			rr.leadingDigits = re
		}
		rules.regions = append(rules.regions, rr)
	}

	// The parser strips the national prefix using the main region's metadata
	// (the first of the list, as phonenumbers.GetRegionCodeForCountryCode says).
	main := rules.regions[0].md
	if p := main.GetNationalPrefixForParsing(); p != "" {
		re, err := regexp.Compile("^(?:" + p + ")")
		if err != nil {
			return &phoneCCRules{reference: true}
		}
		rules.nationalPrefix = re
		rules.prefixMatchesEmpty = re.MatchString("")
		rules.prefixTransform = main.GetNationalPrefixTransformRule() != ""
		rules.prefixTransformLast = 2 * re.NumSubexp()
	}
	return rules
}

// numberPatterns returns the region's number patterns, compiling them the
// first time; nil when they do not compile.
func (rr *phoneRegionRules) numberPatterns() *phoneRegionDescs {
	rr.once.Do(func() { rr.descs = buildPhoneRegionDescs(rr.md) })
	return rr.descs
}

func buildPhoneRegionDescs(md *phonenumbers.PhoneMetadata) *phoneRegionDescs {
	d := &phoneRegionDescs{sameMobileFix: md.GetSameMobileAndFixedLinePattern()}
	// The metadata's descriptions of phoneSpecialTypes, in its order.
	special := [len(phoneSpecialTypes)]*phonenumbers.PhoneNumberDesc{
		md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(),
		md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(),
	}
	ok := buildPhoneDesc(&d.general, md.GetGeneralDesc()) &&
		buildPhoneDesc(&d.fixed, md.GetFixedLine()) && buildPhoneDesc(&d.mobile, md.GetMobile())
	for i, src := range special {
		ok = ok && buildPhoneDesc(&d.special[i], src)
	}
	if !ok {
		return nil
	}
	return d
}

func buildPhoneDesc(dst *phoneDesc, src *phonenumbers.PhoneNumberDesc) bool {
	if src == nil {
		return true // matches nothing
	}
	pattern := src.GetNationalNumberPattern()
	if pattern == "NA" {
		// The metadata's marker for "no numbers of this type": it cannot match
		// a string of digits, so it is not worth compiling.
		return true
	}
	re, err := regexp.Compile("^(?:" + pattern + ")$")
	if err != nil {
		return false
	}
	dst.re = re
	dst.anyLen = len(src.PossibleLength) == 0
	for _, l := range src.PossibleLength {
		if l >= 0 && l < 32 {
			dst.lengths |= 1 << uint(l)
		}
	}
	return true
}

// matches reports whether the national significant number nsn fits d.
func (d *phoneDesc) matches(nsn string) bool {
	if d.re == nil {
		return false
	}
	if !d.anyLen && (len(nsn) >= 32 || d.lengths&(1<<uint(len(nsn))) == 0) {
		return false
	}
	return d.re.MatchString(nsn)
}

// numberType is the type the region's patterns give nsn, PhoneTypeUnknown if none.
func (d *phoneRegionDescs) numberType(nsn string) PhoneType {
	if !d.general.matches(nsn) {
		return PhoneTypeUnknown
	}
	for i := range d.special {
		if d.special[i].matches(nsn) {
			return phoneSpecialTypes[i]
		}
	}
	if d.fixed.matches(nsn) {
		if d.sameMobileFix || d.mobile.matches(nsn) {
			return PhoneTypeFixedLineOrMobile
		}
		return PhoneTypeFixedLine
	}
	if !d.sameMobileFix && d.mobile.matches(nsn) {
		return PhoneTypeMobile
	}
	return PhoneTypeUnknown
}

// phoneClass is the outcome of classify.
type phoneClass uint8

const (
	phoneClassValid     phoneClass = iota
	phoneClassInvalid              // not a valid number
	phoneClassReference            // a region's patterns did not compile: ask the reference path
)

// classify returns the region and type of the national significant number nsn
// of calling code cc, or says the number is not valid.
func (r *phoneCCRules) classify(cc int, nsn string) (string, PhoneType, phoneClass) {
	var rr *phoneRegionRules
	typ := PhoneTypeUnknown
	if len(r.regions) == 1 {
		rr = r.regions[0]
		d := rr.numberPatterns()
		if d == nil {
			return "", PhoneTypeUnknown, phoneClassReference
		}
		typ = d.numberType(nsn)
	} else {
		for _, cand := range r.regions {
			if cand.leadingDigits != nil && !cand.leadingDigits.MatchString(nsn) {
				continue
			}
			d := cand.numberPatterns()
			if d == nil {
				return "", PhoneTypeUnknown, phoneClassReference
			}
			t := d.numberType(nsn)
			if cand.leadingDigits != nil || t != PhoneTypeUnknown {
				// A region whose leading digits match is the number's region
				// whatever its patterns say; one without leading digits is
				// when its patterns give the number a type.
				rr, typ = cand, t
				break
			}
		}
	}
	if rr == nil || typ == PhoneTypeUnknown {
		return "", PhoneTypeUnknown, phoneClassInvalid
	}
	if rr.region != phoneRegionNonGeographic && rr.countryCode != cc {
		return "", PhoneTypeUnknown, phoneClassInvalid
	}
	return rr.region, typ, phoneClassValid
}

// parserKeepsNationalNumber reports whether phonenumbers.Parse certainly keeps
// nsn as the national number (it strips no national prefix from it). When it
// returns false the parser may rewrite the number and the reference path must
// decide.
func (r *phoneCCRules) parserKeepsNationalNumber(nsn string) bool {
	if r.nationalPrefix == nil || !r.nationalPrefix.MatchString(nsn) {
		return true
	}
	if !r.prefixMatchesEmpty {
		return false
	}
	// A pattern that can match nothing (Argentina's "0?(?:(…)15)?"): the
	// number is kept when the match is empty and no transform applies to it.
	m := r.nationalPrefix.FindStringSubmatchIndex(nsn)
	if m == nil || m[1] != 0 {
		return false
	}
	return !r.prefixTransform || m[r.prefixTransformLast] < 0
}
