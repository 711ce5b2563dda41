package contact

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The exhaustive agreement test: ParsePhone's rule, on the generated tables,
// against libphonenumber itself (phoneReference: Parse, IsValidNumber, the
// canonical Format check, GetRegionCodeForNumber, GetNumberType) on more than
// 100 000 E.164-shaped numbers: the example number of every type of every
// region and of every non-geographic code, each with every digit of its
// national number changed to every other digit, shortened, lengthened, and
// with a national prefix digit after its code; and random national numbers
// of every length behind every calling code 1–999, assigned or not.

// exampleNumbers returns the E.164 example numbers of the metadata, sorted.
func exampleNumbers() []string {
	types := []phonenumbers.PhoneNumberType{
		phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE,
		phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
		phonenumbers.UAN, phonenumbers.VOICEMAIL,
	}
	seen := map[string]bool{}
	for region := range phonenumbers.GetSupportedRegions() {
		for _, typ := range types {
			if n := phonenumbers.GetExampleNumberForType(region, typ); n != nil {
				seen[phonenumbers.Format(n, phonenumbers.E164)] = true
			}
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			seen[phonenumbers.Format(n, phonenumbers.E164)] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// agreementNumbers returns the numbers of the exhaustive test, without
// duplicates, every one E.164-shaped.
func agreementNumbers() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if hasE164Shape(s) && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, e := range exampleNumbers() {
		add(e)
		ccLen := phoneCCLen(e)
		head, nsn := e[:1+ccLen], e[1+ccLen:]
		for i := range len(nsn) {
			for d := byte('0'); d <= '9'; d++ {
				if d != nsn[i] {
					add(head + nsn[:i] + string(d) + nsn[i+1:])
				}
			}
			add(head + nsn[:i] + nsn[i+1:]) // one digit fewer
		}
		for d := byte('0'); d <= '9'; d++ {
			add(e + string(d))                      // one digit more at the end
			add(head + string(d) + nsn)             // a digit (a national prefix?) after the code
			add(head + string(d) + string(d) + nsn) // two
		}
	}
	rng := rand.New(rand.NewPCG(19, 1))
	for cc := 1; cc <= 999; cc++ {
		code := strconv.Itoa(cc)
		for range 60 {
			n := 1 + rng.IntN(15-len(code))
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('0' + rng.IntN(10))
			}
			add("+" + code + string(b))
		}
	}
	return out
}

func TestParsePhoneAgreesWithLibphonenumber(t *testing.T) {
	nums := agreementNumbers()
	if len(nums) < 100_000 {
		t.Fatalf("only %d numbers", len(nums))
	}
	// Two halves in parallel: libphonenumber is the slow side.
	valid := make([]int, 2)
	for half := range 2 {
		t.Run(strconv.Itoa(half), func(t *testing.T) {
			t.Parallel()
			for i := half; i < len(nums); i += 2 {
				s := nums[i]
				got, gv := parseE164(s)
				want, wv := phoneReference(s)
				if gv != wv || got != want {
					t.Errorf("%s: tables %v %s, libphonenumber %v %s", s, gv, got.debug(), wv, want.debug())
				}
				if wv == phoneOK {
					valid[half]++
				}
			}
		})
	}
	t.Cleanup(func() {
		t.Logf("%d numbers, %d valid", len(nums), valid[0]+valid[1])
	})
}
