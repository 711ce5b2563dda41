package contact

import (
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/secure/precis"

	"github.com/tallykit/billing"
)

// e164Pattern is the E.164 shape of a phone number, the reference for hasE164Shape.
var e164Pattern = regexp.MustCompile(`^\+[1-9]\d{1,14}$`)

// referencePhoneValid is the phone rule written plainly, without the package:
// libphonenumber parses s, says the number is valid, and formats it back to s.
func referencePhoneValid(s string) bool {
	num, err := phonenumbers.Parse(s, "")
	return err == nil && phonenumbers.IsValidNumber(num) && phonenumbers.Format(num, phonenumbers.E164) == s
}

// phoneSeeds returns real numbers of every region and every type the metadata
// has an example of, the non-geographic entities' examples, hand-picked
// numbers of shared and special calling codes, and variants of each that are
// not valid or not canonical.
func phoneSeeds() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var examples []string
	types := []phonenumbers.PhoneNumberType{
		phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE,
		phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
		phonenumbers.UAN, phonenumbers.VOICEMAIL,
	}
	for _, region := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions())) {
		for _, typ := range types {
			if n := phonenumbers.GetExampleNumberForType(region, typ); n != nil {
				examples = append(examples, phonenumbers.Format(n, phonenumbers.E164))
			}
		}
	}
	for _, cc := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedGlobalNetworkCallingCodes())) {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			examples = append(examples, phonenumbers.Format(n, phonenumbers.E164))
		}
	}
	examples = append(examples,
		"+27123456789", "+27821234567", "+447911123456", "+442071838750", "+14155552671", "+16135550123",
		"+12423570000", "+18765551234", "+18002345678", "+79123456789", "+77012345678", "+78001234567",
		"+390612345678", "+390669812345", "+393123456789", "+33612345678", "+4915123456789", "+5511987654321",
		"+5491123456789", "+541123456789", "+8613812345678", "+262692123456", "+262269601234", "+590690001234",
		"+80012345678", "+8823421234", "+883510012345", "+979123456789", "+24106031234", "+3780549886377",
		"+6837012", "+15555555555", "+4407911123456", "+999123456789", "+12", "+123",
	)
	for _, e := range examples {
		add(e)
		add(e[:len(e)-1])
		if len(e) < 16 {
			add(e + "1")
		}
		last := e[len(e)-1]
		add(e[:len(e)-1] + string(rune('0'+(last-'0'+1)%10)))
		// A national (trunk) prefix written after the country calling code.
		if ccLen := phoneCCLen(e); ccLen > 0 && len(e) < 16 {
			for _, prefix := range []string{"0", "1", "8", "9"} {
				add(e[:1+ccLen] + prefix + e[1+ccLen:])
			}
		}
	}
	return out
}

// failure returns the one failure err holds when err is a one-entry
// billing.Errors at field (its dot path and its pointer), or nil.
func failure(err error, field string) *billing.FieldError {
	var errs billing.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Field != field || errs[0].Pointer != "/"+field {
		return nil
	}
	return errs[0]
}

// phoneCCLen returns the length of the country calling code of an E.164
// string, or 0.
func phoneCCLen(s string) int {
	for l := 1; l <= 3 && 1+l <= len(s); l++ {
		cc := 0
		for _, c := range s[1 : 1+l] {
			cc = cc*10 + int(c-'0')
		}
		if phonenumbers.GetRegionCodeForCountryCode(cc) != phonenumbers.UNKNOWN_REGION {
			return l
		}
	}
	return 0
}

// e164Candidate returns the ASCII digits of s behind a +, so that every fuzz
// input also yields an E.164-shaped string; "" when it would not have the shape.
func e164Candidate(s string) string {
	var b strings.Builder
	b.WriteByte('+')
	for i := 0; i < len(s) && b.Len() < 16; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	c := b.String()
	if !e164Pattern.MatchString(c) {
		return ""
	}
	return c
}

// checkPhone holds ParsePhone to the reference on one input, and
// ParseStoredPhone to the shape and to ParsePhone.
func checkPhone(t *testing.T, s string) {
	t.Helper()
	p, err := ParsePhone(s)
	stored, storedErr := ParseStoredPhone(s)
	shape := e164Pattern.MatchString(s)
	if hasE164Shape(s) != shape {
		t.Fatalf("hasE164Shape(%q) = %v, the pattern says %v", s, !shape, shape)
	}
	switch {
	case s == "":
		for _, err := range []error{err, storedErr} {
			if fe := failure(err, "phone"); fe == nil || fe.Code != billing.CodeRequired {
				t.Fatalf("%q: %v, want required", s, err)
			}
		}
		return
	case !shape:
		for _, err := range []error{err, storedErr} {
			if fe := failure(err, "phone"); fe == nil || fe.Code != billing.CodeInvalidFormat {
				t.Fatalf("%q: %v, want invalid_format", s, err)
			}
		}
		return
	}
	if storedErr != nil || stored.E164() != s {
		t.Fatalf("ParseStoredPhone(%q) = %+v, %v; the shape alone is checked", s, stored.debug(), storedErr)
	}
	var back Phone
	if v, err := stored.Value(); err != nil || back.Scan(v) != nil || back != stored {
		t.Fatalf("%q: SQL round trip gave %+v, %v", s, back.debug(), err)
	}

	// The tables and libphonenumber give the same verdict and the same
	// Phone (region and type included).
	fast, fv := parseE164(s)
	ref, rv := phoneReference(s)
	if fv != rv || fast != ref {
		t.Fatalf("%q: tables %v %+v, libphonenumber %v %+v", s, fv, fast.debug(), rv, ref.debug())
	}
	valid := referencePhoneValid(s)
	if valid != (rv == phoneOK) {
		t.Fatalf("%q: reference path says %v, plain libphonenumber says valid=%v", s, rv, valid)
	}
	if stored.IsValid() != valid || (valid && stored != p) {
		t.Fatalf("ParseStoredPhone(%q) = %+v, valid=%v; ParsePhone gives %+v", s, stored.debug(), valid, p.debug())
	}
	if !valid {
		fe := failure(err, "phone")
		if fe == nil || fe.Code != billing.CodeInvalidPhone {
			t.Fatalf("ParsePhone(%q) = %v, want invalid_phone", s, err)
		}
		if fe.Message != msgPhoneInvalid && fe.Message != msgPhoneNotCanon {
			t.Fatalf("ParsePhone(%q): message is not one of the fixed ones: %s", s, fe.Message)
		}
		if stored.Region() != "" || stored.Type() != PhoneTypeUnknown {
			t.Fatalf("ParseStoredPhone(%q) = %+v: region or type of a number not valid", s, stored.debug())
		}
		if cc, ccLen := callingCode(s[1:]); stored.CountryCode() != cc || (ccLen == 0) != (cc == 0) {
			t.Fatalf("ParseStoredPhone(%q): country code %d, want %d", s, stored.CountryCode(), cc)
		}
		checkMasked(t, stored)
		return
	}
	if err != nil {
		t.Fatalf("ParsePhone(%q) = %v, want a Phone", s, err)
	}
	if p != fast || p.E164() != s || p.Type() == PhoneTypeUnknown || p.Region() == "" || !p.IsValid() {
		t.Fatalf("ParsePhone(%q) = %+v, want %+v", s, p.debug(), fast.debug())
	}
	// Round trips.
	text, _ := p.MarshalText()
	var q Phone
	if err := q.UnmarshalText(text); err != nil || q != p {
		t.Fatalf("%q: text round trip gave %+v, %v", s, q.debug(), err)
	}
	checkMasked(t, p)
}

// checkMasked checks that the masked form of p keeps the length, the country
// calling code, at most the last two digits and nothing of the middle.
func checkMasked(t *testing.T, p Phone) {
	t.Helper()
	s, m := p.E164(), p.String()
	_, ccLen := callingCode(s[1:])
	cc := s[:1+ccLen]
	if len(m) != len(s) || !strings.HasPrefix(m, cc) || strings.Count(m, "*") < len(s)-len(cc)-2 {
		t.Fatalf("%q masked as %q", s, m)
	}
}

// debug shows every field of a Phone, for failure messages.
func (p Phone) debug() string {
	return p.e164 + " " + p.region + " " + p.typ.String() + " cc digits " + string(rune('0'+p.ccLen))
}

// TestParsePhoneExamples holds ParsePhone to the reference on the example
// number of every region and type in the metadata, and on variants of each
// (shortened, lengthened, last digit changed, a trunk prefix after the code):
// several thousand numbers, too many to be the fuzzer's seeds.
func TestParsePhoneExamples(t *testing.T) {
	seeds := phoneSeeds()
	if len(seeds) < 5000 {
		t.Fatalf("only %d numbers", len(seeds))
	}
	valid := 0
	for _, s := range seeds {
		checkPhone(t, s)
		if _, err := ParsePhone(s); err == nil {
			valid++
		}
	}
	if valid < 1000 {
		t.Fatalf("only %d of %d numbers valid", valid, len(seeds))
	}
}

// FuzzParsePhone holds ParsePhone to libphonenumber (phonenumbers Parse,
// IsValidNumber, canonical Format, region, type) on every E.164-shaped input, and the
// shape check to the regular expression on every input. Its seeds are one
// in eight of the numbers of TestParsePhoneExamples, the fuzzer mutates them.
func FuzzParsePhone(f *testing.F) {
	for i, s := range phoneSeeds() {
		if i%8 == 0 {
			f.Add(s)
		}
	}
	f.Add("")
	f.Add("+")
	f.Add("27123456789")
	f.Add("+27 12 345 6789")
	f.Add("+0123")
	f.Fuzz(func(t *testing.T, s string) {
		checkPhone(t, s)
		if c := e164Candidate(s); c != "" && c != s {
			checkPhone(t, c)
		}
	})
}

// emailPattern is the email grammar as a regular expression (lengths are
// checked beside it): a dot-atom local part, @, two or more labels.
var emailPattern = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*" +
	"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")

// referenceEmail is the email rule written plainly: the regular expression
// and the length limits.
func referenceEmail(s string) billing.Code {
	switch {
	case s == "":
		return billing.CodeRequired
	case utf8.RuneCountInString(s) > 255:
		return billing.CodeTooLong
	case !emailPattern.MatchString(s):
		return billing.CodeInvalidFormat
	}
	at := strings.IndexByte(s, '@')
	domain := s[at+1:]
	last := domain[strings.LastIndexByte(domain, '.')+1:]
	if at > 64 || len(domain) > 253 || strings.Trim(last, "0123456789") == "" {
		return billing.CodeInvalidFormat
	}
	return ""
}

// FuzzParseEmail holds ParseEmail to the regular-expression reference.
func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{
		"jane@example.com", "Jane.Doe@Example.COM", "!#$%&'*+/=?^_`{|}~-@example.com", "a.b.c@x.io",
		"x@xn--bcher-kva.example", "x@1.2.3.a4", "jane@example.123", "jane@example", "jane@-x.com", "jane@x-.com",
		".jane@example.com", "jane.@example.com", "ja..ne@example.com", "jane@@example.com", "\"jane\"@example.com",
		"jané@example.com", "jane@example.com.", "", "@", "a@b.c", strings.Repeat("l", 64) + "@example.com",
		strings.Repeat("l", 65) + "@example.com", "a@" + strings.Repeat("d", 63) + ".com", "a@" + strings.Repeat("d", 64) + ".com",
		strings.Repeat("a", 250) + "@b.co", strings.Repeat("é", 256), "jane@example.com\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := referenceEmail(s)
		e, err := ParseEmail(s)
		if want == "" {
			if err != nil {
				t.Fatalf("ParseEmail(%q) = %v, the reference accepts it", s, err)
			}
			if e.Address() != s || e.Local()+"@"+e.Domain() != s {
				t.Fatalf("ParseEmail(%q) = %q / %q @ %q", s, e.Address(), e.Local(), e.Domain())
			}
			if m := e.String(); m != s[:1]+"***@"+e.Domain() {
				t.Fatalf("ParseEmail(%q) masked as %q", s, m)
			}
			text, _ := e.MarshalText()
			var back Email
			if err := back.UnmarshalText(text); err != nil || back != e {
				t.Fatalf("%q: text round trip gave %q, %v", s, back.Address(), err)
			}
			back = Email{}
			if v, err := e.Value(); err != nil || back.Scan(v) != nil || back != e {
				t.Fatalf("%q: SQL round trip gave %q, %v", s, back.Address(), err)
			}
			return
		}
		fe := failure(err, "email")
		if fe == nil || fe.Code != want {
			t.Fatalf("ParseEmail(%q) = %v, the reference says %s", s, err, want)
		}
		if fe.Message != msgEmailRequired && fe.Message != msgEmailTooLong && fe.Message != msgEmailFormat {
			t.Fatalf("ParseEmail(%q): message is not one of the fixed ones: %s", s, fe.Message)
		}
	})
}

// freeform is the PRECIS profile the reference judges names with.
var freeform = precis.NewFreeform()

// referenceName is the name rule written plainly: white space alone is
// required, then precis.NewFreeform().String decides the characters (after
// a check of UTF-8 it would make too), then the length in code points.
func referenceName(s string) billing.Code {
	blank := strings.TrimFunc(s, func(r rune) bool {
		return r != utf8.RuneError && unicode.Is(unicode.White_Space, r)
	}) == ""
	_, precisErr := freeform.String(s)
	switch {
	case blank: // "" too
		return billing.CodeRequired
	case !utf8.ValidString(s) || precisErr != nil:
		return billing.CodeInvalidCharacters
	case utf8.RuneCountInString(s) > 255:
		return billing.CodeTooLong
	}
	return ""
}

// FuzzName holds the printable-ASCII fast path of ParseName to the PRECIS path
// on every input, and both to referenceName: a name is accepted exactly when
// precis.NewFreeform() accepts it, and kept as sent.
func FuzzName(f *testing.F) {
	for _, s := range []string{
		"Jane Doe", " Jane ", "~!@#$%^&*()_+`{}|<>", "", " ", "   ", "\t", "\u3000", "\u202e", "\u0000", "\xed\xa0\x80",
		"\xed\xbf\xbf", "Zoë Ångström", "李小龍", "😀", "e\u0301", "\u1100\u1161", "\u1112\u1161\u11ab", "\u1100",
		"l\u00b7l", "a\u00b7b", "ශ්\u200dරී", "a\u200d", "\u30fbア", "\u30fb", "\u0660\u06f0", "\u0387", "\ue000",
		"\u0378", "\uffff", "Jane\x7f", "Jane\u0085", "\u2126", "\uf900",
		strings.Repeat("a", 255), strings.Repeat("a", 256), strings.Repeat("é", 255), strings.Repeat("é", 256),
		strings.Repeat("\u1112\u1161\u11ab", 85), strings.Repeat("\u1112\u1161\u11ab", 86),
		strings.Repeat("a", 300) + "\u202e",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, _ := checkName(s)
		slow, _ := checkNamePRECIS(s)
		if code != slow {
			t.Fatalf("%+q: fast path says %q, PRECIS path %q", s, code, slow)
		}
		if want := referenceName(s); code != want {
			t.Fatalf("%+q: got %q, the reference says %q", s, code, want)
		}
		n, err := ParseName(s)
		if code == "" {
			if err != nil || n.String() != s {
				t.Fatalf("ParseName(%+q) = %q, %v; want it as sent", s, n.String(), err)
			}
			var back Name
			if v, err := n.Value(); err != nil || back.Scan(v) != nil || back != n {
				t.Fatalf("%+q: SQL round trip gave %q, %v", s, back.String(), err)
			}
			return
		}
		if fe := failure(err, "name"); fe == nil || fe.Code != code || !n.IsZero() {
			t.Fatalf("ParseName(%+q) = %q, %v; want %s", s, n.String(), err, code)
		}
	})
}

// TestE164ShapeEveryByte holds hasE164Shape to the regular expression for
// every byte value at every position of strings of 1 to 17 bytes.
func TestE164ShapeEveryByte(t *testing.T) {
	for n := 1; n <= 17; n++ {
		base := []byte("+" + strings.Repeat("5", n-1))
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				b := slices.Clone(base)
				b[pos] = byte(c)
				s := string(b)
				if got, want := hasE164Shape(s), e164Pattern.MatchString(s); got != want {
					t.Fatalf("hasE164Shape(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}

// TestNameFastPathEveryByte holds the eight-bytes-at-a-time ASCII path of
// checkName to the PRECIS path for every byte value at every position of
// strings of spaces and letters of 1 to 17 bytes.
func TestNameFastPathEveryByte(t *testing.T) {
	for _, fill := range []byte{' ', 'a'} {
		for n := 1; n <= 17; n++ {
			base := []byte(strings.Repeat(string(fill), n))
			for pos := 0; pos < n; pos++ {
				for c := 0; c < 256; c++ {
					b := slices.Clone(base)
					b[pos] = byte(c)
					s := string(b)
					fast, _ := checkName(s)
					if slow, _ := checkNamePRECIS(s); fast != slow {
						t.Fatalf("%+q: fast path says %q, PRECIS path %q", s, fast, slow)
					}
				}
			}
		}
	}
}
