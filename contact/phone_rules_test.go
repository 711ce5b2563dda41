package contact

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/contact/internal/phonegen"
	"github.com/tallykit/billing/internal/testkit"
)

// generatedPhoneRules is the committed table file.
const generatedPhoneRules = "zz_generated_phone_rules.go"

// TestPhoneTablesGenerated regenerates the tables from the metadata of the
// phonenumbers version this module requires and fails on any byte of
// difference with the committed file. Run go generate ./contact to update it.
func TestPhoneTablesGenerated(t *testing.T) {
	want, err := phonegen.GenerateFromModule(testkit.GoTool(t), ".", "go run ./internal/gen")
	require.NoError(t, err)
	got, err := os.ReadFile(generatedPhoneRules)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from what the phonenumbers metadata generates: run go generate ./contact", generatedPhoneRules)
	}
}

func TestPhoneMetadataSource(t *testing.T) {
	b, err := os.ReadFile(generatedPhoneRules)
	require.NoError(t, err)
	assert.Regexp(t, `(?m)^// Code generated .* DO NOT EDIT\.$`, string(b))
	assert.Regexp(t, `^libphonenumber metadata [0-9]+\.[0-9]+\.[0-9]+, from github\.com/nyaruka/phonenumbers v[0-9]+\.[0-9]+\.[0-9]+$`, PhoneMetadataSource)
	assert.Equal(t, "libphonenumber metadata 9.0.32, from github.com/nyaruka/phonenumbers v1.8.1", PhoneMetadataSource)
}

// TestPhoneTags checks that the runtime numbers the automaton's tags as the
// generator does.
func TestPhoneTags(t *testing.T) {
	assert.Equal(t, phonegen.TagGeneral, phoneTagGeneral)
	assert.Equal(t, phonegen.TagPremiumRate, phoneTagPremiumRate)
	assert.Equal(t, phonegen.TagTollFree, phoneTagTollFree)
	assert.Equal(t, phonegen.TagSharedCost, phoneTagSharedCost)
	assert.Equal(t, phonegen.TagVoIP, phoneTagVoIP)
	assert.Equal(t, phonegen.TagPersonalNumber, phoneTagPersonalNumber)
	assert.Equal(t, phonegen.TagPager, phoneTagPager)
	assert.Equal(t, phonegen.TagUAN, phoneTagUAN)
	assert.Equal(t, phonegen.TagVoicemail, phoneTagVoicemail)
	assert.Equal(t, phonegen.TagFixedLine, phoneTagFixedLine)
	assert.Equal(t, phonegen.TagMobile, phoneTagMobile)
	assert.Equal(t, phonegen.TagLeadingDigits, phoneTagLeadingDigits)
	assert.Equal(t, phonegen.TagNationalPrefix, phoneTagNationalPrefix)
	assert.Equal(t, phonegen.MaxNSN, phoneMaxNSN)
	assert.Equal(t, phonenumbers.MAX_LENGTH_FOR_NSN, phoneMaxNSN)
	assert.Equal(t, phonenumbers.MIN_LENGTH_FOR_NSN, phoneMinNSN)
}

// phoneRegionMetadata returns the metadata of region rc of calling code cc.
func phoneRegionMetadata(t *testing.T, cc int, rc string) *phonenumbers.PhoneMetadata {
	t.Helper()
	coll, err := phonenumbers.MetadataCollection()
	require.NoError(t, err)
	for _, md := range coll.GetMetadata() {
		if md.GetId() == rc && (rc != "001" || int(md.GetCountryCode()) == cc) {
			return md
		}
	}
	t.Fatalf("+%d %s: no metadata", cc, rc)
	return nil
}

// phoneDescs returns a region's descriptions in tag order (general to mobile).
func phoneDescs(md *phonenumbers.PhoneMetadata) []*phonenumbers.PhoneNumberDesc {
	return []*phonenumbers.PhoneNumberDesc{
		md.GetGeneralDesc(), md.GetPremiumRate(), md.GetTollFree(), md.GetSharedCost(), md.GetVoip(),
		md.GetPersonalNumber(), md.GetPager(), md.GetUan(), md.GetVoicemail(), md.GetFixedLine(), md.GetMobile(),
	}
}

// phoneTagPatterns returns, for each tag of a region, the anchored regular
// expression of its metadata pattern whose match sets the tag (nil: the tag
// is never set): whole national numbers for the descriptions, a prefix for
// the leading digits and, in the main region, the national prefix.
func phoneTagPatterns(md *phonenumbers.PhoneMetadata, main bool) []*regexp.Regexp {
	res := make([]*regexp.Regexp, phoneTagNationalPrefix+1)
	for tag, d := range phoneDescs(md) {
		if p := d.GetNationalNumberPattern(); d != nil && p != "" && p != "NA" {
			res[tag] = regexp.MustCompile("^(?:" + p + ")$")
		}
	}
	if ld := md.GetLeadingDigits(); ld != "" {
		res[phoneTagLeadingDigits] = regexp.MustCompile("^(?:" + ld + ")")
	}
	if np := md.GetNationalPrefixForParsing(); main && np != "" {
		res[phoneTagNationalPrefix] = regexp.MustCompile("^(?:" + np + ")")
	}
	return res
}

// TestPhoneTablesEveryRegion holds the tables to the metadata for every
// calling code 1–999 and every region: the regions of each code in order, the
// flags, the lengths of every description, the national prefix, and the
// automaton against the metadata's own patterns (compiled by the regexp
// package) on every transition a region's automaton has: for every state
// reachable from the region's start, reached by its shortest digit string w,
// and every digit d, the strings w·d and w·d·v, v the shortest continuation
// that sets each tag, give the mask the patterns give.
func TestPhoneTablesEveryRegion(t *testing.T) {
	codes, regions, prefixes, checked := 0, 0, 0, 0
	for cc := 1; cc < len(phoneCodes); cc++ {
		want := phonenumbers.GetRegionCodesForCountryCode(cc)
		c := phoneCodes[cc]
		require.Equal(t, len(want), int(c.n), "+%d: number of regions", cc)
		if len(want) == 0 {
			continue
		}
		codes++
		for i, rc := range want {
			regions++
			r := &phoneRegions[int(c.first)+i]
			require.Equal(t, rc, r.code, "+%d region %d", cc, i)
			md := phoneRegionMetadata(t, cc, rc)
			assert.Equal(t, md.GetSameMobileAndFixedLinePattern(), r.flags&phoneSameMobileFixed != 0, "%s", rc)
			assert.Equal(t, md.GetLeadingDigits() != "", r.flags&phoneLeadingDigits != 0, "%s", rc)
			for n := 0; n <= phoneMaxNSN; n++ {
				var m uint16 = 1<<phoneTagLeadingDigits | 1<<phoneTagNationalPrefix
				for tag, d := range phoneDescs(md) {
					if d == nil || len(d.PossibleLength) == 0 || slices.Contains(d.PossibleLength, int32(n)) {
						m |= 1 << tag
					}
				}
				assert.Equal(t, m, r.byLen[n], "%s, %d digits", rc, n)
			}
			main := i == 0
			if np := md.GetNationalPrefixForParsing(); main && np != "" {
				prefixes++
				require.NotZero(t, c.prefix, "+%d", cc)
				p := phonePrefixes[c.prefix-1]
				assert.Equal(t, np, p.pattern, "%s", rc)
				assert.Equal(t, md.GetNationalPrefixTransformRule(), p.transform, "%s", rc)
				g := md.GetGeneralDesc()
				assert.Equal(t, g.PossibleLength[0], int32(p.first), "%s", rc)
				assert.Equal(t, g.PossibleLength[len(g.PossibleLength)-1], int32(p.last), "%s", rc)
				for n := 0; n < 32; n++ {
					assert.Equal(t, slices.Contains(g.PossibleLength, int32(n)), p.lengths&(1<<n) != 0, "%s %d", rc, n)
					assert.Equal(t, slices.Contains(g.PossibleLengthLocalOnly, int32(n)), p.localOnly&(1<<n) != 0, "%s %d", rc, n)
				}
				assert.NotNil(t, phonePrefixRegexp(int(c.prefix)-1))
			} else if main {
				assert.Zero(t, c.prefix, "+%d", cc)
			}
			checked += checkPhoneAutomaton(t, r, phoneTagPatterns(md, main))
		}
	}
	assert.Greater(t, codes, 200)
	assert.Greater(t, regions, 240)
	t.Logf("%d calling codes, %d regions, %d national prefixes, %d strings checked against the patterns", codes, regions, prefixes, checked)
}

// checkPhoneAutomaton checks region r's automaton against the patterns of its
// tags on every transition, and returns the number of strings checked.
func checkPhoneAutomaton(t *testing.T, r *phoneRegion, res []*regexp.Regexp) int {
	t.Helper()
	// The states reachable from the start, each with its shortest string.
	access := map[uint16]string{r.start: ""}
	queue := []uint16{r.start}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for d := range 10 {
			n := phoneNext[int(s)*10+d]
			if _, ok := access[n]; !ok {
				access[n] = access[s] + string(rune('0'+d))
				queue = append(queue, n)
			}
		}
	}
	// For each tag, the shortest continuation from each state that sets it:
	// breadth-first backwards from the states that accept it.
	var cont [phoneTagNationalPrefix + 1]map[uint16]string
	for tag := range cont {
		cont[tag] = map[uint16]string{}
		var frontier []uint16
		for s := range access {
			if phoneAccept[s]&(1<<tag) != 0 {
				cont[tag][s] = ""
				frontier = append(frontier, s)
			}
		}
		slices.Sort(frontier)
		for len(frontier) > 0 {
			var next []uint16
			for s := range access {
				if _, ok := cont[tag][s]; ok {
					continue
				}
				for d := range 10 {
					if v, ok := cont[tag][phoneNext[int(s)*10+d]]; ok {
						cont[tag][s] = string(rune('0'+d)) + v
						next = append(next, s)
						break
					}
				}
			}
			frontier = next
		}
	}
	want := func(x string) uint16 {
		var m uint16
		for tag, re := range res {
			if re != nil && re.MatchString(x) {
				m |= 1 << tag
			}
		}
		return m
	}
	seen := map[string]bool{}
	check := func(x string) {
		if seen[x] || len(x) > 24 {
			return
		}
		seen[x] = true
		if got, w := r.match(x), want(x); got != w {
			t.Errorf("%s %q: automaton %013b, patterns %013b", r.code, x, got, w)
		}
	}
	for s, w := range access {
		check(w)
		for d := range 10 {
			x := w + string(rune('0'+d))
			check(x)
			n := phoneNext[int(s)*10+d]
			for tag := range cont {
				if v, ok := cont[tag][n]; ok {
					check(x + v)
				}
			}
		}
	}
	return len(seen)
}

// TestPhoneItalianLeadingZero checks the representation the tables rely on:
// the national significant number libphonenumber formats is the digit string
// after the calling code, leading zeros included, so checking that string is
// checking the parsed number.
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

// TestPhoneNationalPrefixes checks numbers whose national number starts with
// a match of the national prefix for parsing, which the parser strips or
// transforms: each gives libphonenumber's verdict.
func TestPhoneNationalPrefixes(t *testing.T) {
	tests := []struct {
		e164 string
		want phoneVerdict
	}{
		{"+4407911123456", phoneNotCanonical}, // GB: 0 stripped
		{"+447911123456", phoneOK},
		{"+5491123456789", phoneOK},            // AR: the prefix pattern matches empty
		{"+54111523456789", phoneNotCanonical}, // AR: 15 after the area code, transformed to 9 11…
		{"+390612345678", phoneOK},             // IT: no national prefix
		{"+81312345678", phoneOK},              // JP: a prefix pattern with $
	}
	for _, tt := range tests {
		t.Run(tt.e164, func(t *testing.T) {
			_, ref := phoneReference(tt.e164)
			_, got := parseE164(tt.e164)
			assert.Equal(t, ref, got, "libphonenumber and the tables")
			assert.Equal(t, tt.want, got)
		})
	}
}

func (v phoneVerdict) String() string {
	return [...]string{"ok", "invalid", "not canonical"}[v]
}

// BenchmarkPhoneTablesStep is a sanity figure for one automaton run.
func BenchmarkPhoneTablesStep(b *testing.B) {
	r := &phoneRegions[phoneCodes[27].first]
	for b.Loop() {
		benchSinkBool = r.match("123456789") != 0
	}
}
