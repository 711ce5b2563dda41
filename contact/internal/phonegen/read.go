package phonegen

import (
	"fmt"

	"github.com/nyaruka/phonenumbers"
)

// The number descriptions a region's automaton tests, as tag bits of its
// accept masks: the general description, the eight types tried before fixed
// line and mobile in libphonenumber's order of precedence, fixed line,
// mobile, and the leading digits that pick a region of a shared calling code.
const (
	TagGeneral = iota
	TagPremiumRate
	TagTollFree
	TagSharedCost
	TagVoIP
	TagPersonalNumber
	TagPager
	TagUAN
	TagVoicemail
	TagFixedLine
	TagMobile
	TagLeadingDigits
	NumTags
)

// TagNames names the tags, for the generated file's comments and errors.
var TagNames = [NumTags]string{
	"general", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number",
	"pager", "uan", "voicemail", "fixed_line", "mobile", "leading_digits",
}

// Desc is one number description of a region.
type Desc struct {
	Pattern   string  // national number pattern; "" when the region has no such numbers
	Lengths   []int32 // possible lengths, as the metadata lists them
	LocalOnly []int32 // lengths possible only locally
}

// Region is one region of a calling code, as the metadata describes it.
type Region struct {
	Code            string // ISO 3166-1 alpha-2, or "001" for a non-geographic entity
	CountryCode     int
	LeadingDigits   string
	Descs           [TagLeadingDigits]Desc // indexed by tag
	SameMobileFixed bool

	NationalPrefixForParsing string
	TransformRule            string
}

// CallingCode is a country calling code and its regions in the metadata's
// order, the main region first.
type CallingCode struct {
	Code    int
	Regions []*Region
}

// Metadata is what the generator reads of phonenumbers.
type Metadata struct {
	Codes []CallingCode // assigned calling codes, ascending
}

// ReadMetadata reads the metadata phonenumbers embeds.
func ReadMetadata() (*Metadata, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, err
	}
	byRegion := map[string]*phonenumbers.PhoneMetadata{}
	nonGeo := map[int]*phonenumbers.PhoneMetadata{}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == "001" {
			nonGeo[int(md.GetCountryCode())] = md
		} else {
			byRegion[md.GetId()] = md
		}
	}
	m := &Metadata{}
	for cc := 1; cc <= 999; cc++ {
		codes := phonenumbers.GetRegionCodesForCountryCode(cc)
		if len(codes) == 0 {
			continue
		}
		c := CallingCode{Code: cc}
		for _, rc := range codes {
			var md *phonenumbers.PhoneMetadata
			if rc == "001" {
				md = nonGeo[cc]
			} else {
				md = byRegion[rc]
			}
			if md == nil {
				return nil, fmt.Errorf("calling code %d lists region %s, which has no metadata", cc, rc)
			}
			c.Regions = append(c.Regions, readRegion(rc, md))
		}
		m.Codes = append(m.Codes, c)
	}
	return m, nil
}

func readRegion(code string, md *phonenumbers.PhoneMetadata) *Region {
	r := &Region{
		Code:                     code,
		CountryCode:              int(md.GetCountryCode()),
		LeadingDigits:            md.GetLeadingDigits(),
		SameMobileFixed:          md.GetSameMobileAndFixedLinePattern(),
		NationalPrefixForParsing: md.GetNationalPrefixForParsing(),
		TransformRule:            md.GetNationalPrefixTransformRule(),
	}
	descs := [TagLeadingDigits]*phonenumbers.PhoneNumberDesc{
		TagGeneral:        md.GetGeneralDesc(),
		TagPremiumRate:    md.GetPremiumRate(),
		TagTollFree:       md.GetTollFree(),
		TagSharedCost:     md.GetSharedCost(),
		TagVoIP:           md.GetVoip(),
		TagPersonalNumber: md.GetPersonalNumber(),
		TagPager:          md.GetPager(),
		TagUAN:            md.GetUan(),
		TagVoicemail:      md.GetVoicemail(),
		TagFixedLine:      md.GetFixedLine(),
		TagMobile:         md.GetMobile(),
	}
	for i, d := range descs {
		if d == nil {
			continue
		}
		r.Descs[i] = Desc{
			Pattern:   d.GetNationalNumberPattern(),
			Lengths:   d.PossibleLength,
			LocalOnly: d.PossibleLengthLocalOnly,
		}
	}
	return r
}
