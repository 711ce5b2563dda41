package robust

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/testkit"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// The alphabets of the generated values. Every rune of nameRunes and nameSpaces is checked
// with contact.ParseName before use (TestAlphabets), so that a failure of a generated
// name is the library's, not the generator's.
var (
	// nameRunes: letters of many scripts, digits, punctuation and symbols (emoji included),
	// all in NFC, none combining with its neighbours, none white space (a name starts with
	// one of these, so it is never white space only).
	nameRunes  = []rune("AZaz09'.-,&()!?/#@+:;éüñßøåçÆŒİıαβγΩЖжЯя漢字中文ひらカタ한국عربيשלוםไทยनम€£¥©®™😀🎉🏦𝔸")
	nameSpaces = []rune{' ', '\u00a0', '\u3000'}
	// keyRunes: what a metadata key may hold (no control characters), with dots, spaces,
	// quotes, backslashes, HTML-special and non-BMP characters.
	keyRunes = []rune("abcXYZ019._- \"\\<>&/é漢😀\u2028\u00a0")
	// valueRunes: what a metadata value may hold, control characters included.
	valueRunes = []rune("abcXYZ019._- \"\\<>&/é漢😀\u2028\u2029\x00\t\n\r\x1f\x7f\u0085\u009f\ufeff\u202e")
	refChars   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
	alnum      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	atext      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-"
	labelChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
)

var (
	phonesOnce sync.Once
	phones     []string
)

// validPhones returns libphonenumber's example numbers of every region and every
// non-geographic calling code (fixed line, mobile and toll free), in E.164: numbers its
// metadata holds valid, from every calling code.
func validPhones() []string {
	phonesOnce.Do(func() {
		seen := map[string]bool{}
		add := func(n *phonenumbers.PhoneNumber) {
			if n == nil {
				return
			}
			if s := phonenumbers.Format(n, phonenumbers.E164); !seen[s] {
				seen[s] = true
				phones = append(phones, s)
			}
		}
		for region := range phonenumbers.GetSupportedRegions() {
			for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE} {
				add(phonenumbers.GetExampleNumberForType(region, typ))
			}
		}
		for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
			add(phonenumbers.GetExampleNumberForNonGeoEntity(cc))
		}
		slices.Sort(phones)
	})
	return phones
}

// gen draws random valid values.
type gen struct{ r *rand.Rand }

func newGen(seed uint64) gen { return gen{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

// length returns 1 or maxLen, each about one time in five, or a length in between, short
// more often than not (so that the documents stay small enough for many iterations).
func (g gen) length(maxLen int) int {
	switch g.r.IntN(5) {
	case 0:
		return 1
	case 1:
		return maxLen
	case 2:
		return 1 + g.r.IntN(maxLen)
	}
	return 1 + g.r.IntN(min(maxLen, 12))
}

func (g gen) pick(s string) byte { return s[g.r.IntN(len(s))] }

func (g gen) chars(s string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = g.pick(s)
	}
	return string(b)
}

func (g gen) runes(rs []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(rs[g.r.IntN(len(rs))])
	}
	return b.String()
}

// externalReference returns a reference that does not start with reserved.
func (g gen) externalReference(reserved string) string {
	s := g.chars(refChars, g.length(255))
	if strings.HasPrefix(s, reserved) {
		s = "X" + s[1:]
	}
	return s
}

func (g gen) name() string {
	n := g.length(255)
	var b strings.Builder
	b.WriteRune(nameRunes[g.r.IntN(len(nameRunes))]) // not white space only
	for i := 1; i < n; i++ {
		if g.r.IntN(8) == 0 {
			b.WriteRune(nameSpaces[g.r.IntN(len(nameSpaces))])
		} else {
			b.WriteRune(nameRunes[g.r.IntN(len(nameRunes))])
		}
	}
	return b.String()
}

// email returns an address of the SPEC grammar: a dot-atom local part of 1–64, a domain of
// two to four labels of 1–63, 255 characters at most in all.
func (g gen) email() string {
	n := g.length(64)
	local := []byte(g.chars(atext, n))
	for i := 1; i < n-1; i++ { // dots between atoms, never two in a row
		if local[i-1] != '.' && g.r.IntN(6) == 0 {
			local[i] = '.'
		}
	}
	for {
		labels := make([]string, 2+g.r.IntN(3))
		for i := range labels {
			label := []byte(g.chars(labelChars, g.length(63)))
			if label[0] == '-' {
				label[0] = 'a'
			}
			if label[len(label)-1] == '-' {
				label[len(label)-1] = 'z'
			}
			labels[i] = string(label)
		}
		labels[len(labels)-1] = "x" + labels[len(labels)-1][1:] // the last label is not all digits
		if addr := string(local) + "@" + strings.Join(labels, "."); len(addr) <= 255 {
			return addr
		}
	}
}

func (g gen) phone() string { p := validPhones(); return p[g.r.IntN(len(p))] }

func (g gen) balance() int64 {
	switch g.r.IntN(8) {
	case 0:
		return money.MaxMinorUnits
	case 1:
		return -money.MaxMinorUnits
	case 2:
		return 0
	case 3:
		return int64(g.r.IntN(3)) - 1
	}
	return g.r.Int64N(2*money.MaxMinorUnits+1) - money.MaxMinorUnits
}

// metadata returns nil (absent), an empty map ({}), or up to maxKeys entries at their
// limits: keys of 1–40 code points, values of 1–500.
func (g gen) metadata(maxKeys int) map[string]string {
	switch g.r.IntN(6) {
	case 0:
		return nil
	case 1:
		return map[string]string{}
	}
	n := g.length(maxKeys)
	m := make(map[string]string, n)
	for len(m) < n {
		m[g.runes(keyRunes, g.length(40))] = g.runes(valueRunes, g.length(500))
	}
	return m
}

func (g gen) paymentRules() money.PaymentRules {
	lo := int64(1)
	switch g.r.IntN(3) {
	case 1:
		lo = money.MaxMinorUnits
	case 2:
		lo = 1 + g.r.Int64N(money.MaxMinorUnits)
	}
	hi := lo
	if g.r.IntN(3) > 0 {
		hi = lo + g.r.Int64N(money.MaxMinorUnits-lo+1)
	}
	r, err := money.NewPaymentRules(lo, hi, money.Allowance(g.r.IntN(4)))
	if err != nil {
		panic(err)
	}
	return r
}

func (g gen) id(prefix string) string {
	if g.r.IntN(3) == 0 {
		if prefix == ids.CustomerIDPrefix {
			return ids.NewCustomerID().String()
		}
		return ids.NewAccountID().String()
	}
	return prefix + g.chars(alnum, g.length(255-len(prefix)))
}

// customerParams returns a valid customer create request as Go values, each optional member
// present about two times in three.
func (g gen) customerParams() customer.CreateParams {
	p := customer.CreateParams{ExternalReference: g.externalReference(ids.CustomerIDPrefix)}
	some := func() bool { return g.r.IntN(3) > 0 }
	if some() {
		p.Name = testkit.Ptr(g.name())
	}
	if some() {
		p.Email = testkit.Ptr(g.email())
	}
	if some() {
		p.Phone = testkit.Ptr(g.phone())
	}
	if some() {
		cs := money.Currencies()
		p.Currency = testkit.Ptr(cs[g.r.IntN(len(cs))].String())
		if some() {
			p.Balance = testkit.Ptr(g.balance())
		}
	}
	p.Metadata = g.metadata(metadata.CustomerLimits().MaxKeys)
	return p
}

func (g gen) accountParams() account.CreateParams {
	p := account.CreateParams{ExternalReference: g.externalReference(ids.AccountIDPrefix)}
	switch g.r.IntN(3) {
	case 0:
		p.Customer = g.id(ids.CustomerIDPrefix)
	case 1:
		p.Customer = g.externalReference(ids.CustomerIDPrefix)
	default:
		p.NewCustomer = testkit.Ptr(g.customerParams())
	}
	some := func() bool { return g.r.IntN(3) > 0 }
	if some() {
		p.Name = testkit.Ptr(g.name())
	}
	if some() {
		cs := money.Currencies()
		p.Currency = testkit.Ptr(cs[g.r.IntN(len(cs))].String())
		if some() {
			p.Balance = testkit.Ptr(g.balance())
		}
	}
	p.Metadata = g.metadata(metadata.AccountLimits().MaxKeys)
	return p
}

// shortEscapes are JSON's two-character escapes.
var shortEscapes = map[rune]string{'"': `\"`, '\\': `\\`, '\n': `\n`, '\t': `\t`, '\r': `\r`, '\b': `\b`, '\f': `\f`, '/': `\/`}

// jsonText returns s as a JSON string, each character written as itself or as an escape
// at random (\uXXXX, a surrogate pair beyond the BMP, or a short escape), the characters
// JSON requires escaped always escaped: another spelling of the same value.
func (g gen) jsonText(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		must := c < 0x20 || c == '"' || c == '\\'
		switch {
		case shortEscapes[c] != "" && (must || g.r.IntN(2) == 0):
			b.WriteString(shortEscapes[c])
		case must || g.r.IntN(4) == 0:
			if c > 0xffff {
				c -= 0x10000
				writeEscape(&b, 0xd800+(c>>10), lowerHex)
				writeEscape(&b, 0xdc00+(c&0x3ff), upperHex)
			} else {
				writeEscape(&b, c, lowerHex)
			}
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

const (
	lowerHex = "0123456789abcdef"
	upperHex = "0123456789ABCDEF"
)

// writeEscape writes \uXXXX for the UTF-16 code unit c, in the digits of hex.
func writeEscape(b *strings.Builder, c rune, hex string) {
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hex[c>>shift&0xf])
	}
}

// object writes members in a random order, with random white space around the tokens.
func (g gen) object(members []string) string {
	g.r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	ws := func() string { return []string{"", "", " ", "\n\t", "\r\n  "}[g.r.IntN(5)] }
	var b strings.Builder
	b.WriteString("{" + ws())
	for i, m := range members {
		if i > 0 {
			b.WriteString("," + ws())
		}
		b.WriteString(m + ws())
	}
	b.WriteString("}")
	return b.String()
}

func (g gen) member(name, value string) string { return g.jsonText(name) + ":" + value }

// customerMembers spells p's members as JSON, in no particular order or form.
func (g gen) customerMembers(p customer.CreateParams) []string {
	ms := []string{g.member("external_reference", g.jsonText(p.ExternalReference))}
	for _, m := range []struct {
		name string
		v    *string
	}{{"name", p.Name}, {"email", p.Email}, {"phone", p.Phone}, {"currency", p.Currency}} {
		if m.v != nil {
			ms = append(ms, g.member(m.name, g.jsonText(*m.v)))
		} else if g.r.IntN(4) == 0 {
			ms = append(ms, g.member(m.name, "null")) // null is absent
		}
	}
	return append(ms, g.commonMembers(p.Balance, p.Metadata)...)
}

func (g gen) commonMembers(balance *int64, md map[string]string) []string {
	var ms []string
	if balance != nil {
		s := strconv.FormatInt(*balance, 10)
		if s == "0" && g.r.IntN(2) == 0 {
			s = "-0" // the same integer
		}
		ms = append(ms, g.member("balance", s))
	} else if g.r.IntN(4) == 0 {
		ms = append(ms, g.member("balance", "null"))
	}
	if md != nil {
		var entries []string
		for k, v := range md {
			entries = append(entries, g.member(k, g.jsonText(v)))
		}
		ms = append(ms, g.member("metadata", g.object(entries)))
	} else if g.r.IntN(4) == 0 {
		ms = append(ms, g.member("metadata", "null"))
	}
	return ms
}

func (g gen) rulesMember(r money.PaymentRules) string {
	return g.member("payment_rules", g.object([]string{
		g.member("min_amount", strconv.FormatInt(r.MinAmount(), 10)),
		g.member("max_amount", strconv.FormatInt(r.MaxAmount(), 10)),
		g.member("underpayment_allowed", strconv.FormatBool(r.UnderpaymentAllowed())),
		g.member("overpayment_allowed", strconv.FormatBool(r.OverpaymentAllowed())),
	}))
}

func (g gen) accountMembers(p account.CreateParams) []string {
	ms := []string{g.member("external_reference", g.jsonText(p.ExternalReference))}
	if p.NewCustomer != nil {
		ms = append(ms, g.member("customer", g.object(g.customerMembers(*p.NewCustomer))))
	} else {
		ms = append(ms, g.member("customer", g.jsonText(p.Customer)))
	}
	for _, m := range []struct {
		name string
		v    *string
	}{{"name", p.Name}, {"currency", p.Currency}} {
		if m.v != nil {
			ms = append(ms, g.member(m.name, g.jsonText(*m.v)))
		}
	}
	return append(ms, g.commonMembers(p.Balance, p.Metadata)...)
}

// The accessors every document value shares with its kind.
type commonFields interface {
	ExternalReference() ids.ExternalReference
	Currency() (money.Currency, bool)
	Balance() (money.Amount, bool)
	Metadata() (metadata.Metadata, bool)
}

type customerFields interface {
	commonFields
	Name() (contact.Name, bool)
	Email() (contact.Email, bool)
	Phone() (contact.Phone, bool)
}

type accountFields interface {
	commonFields
	Name() (contact.Name, bool)
}

// checkOptional checks one optional member: present as given, or absent when given nil.
func checkOptional[T any](t *testing.T, what string, want *string, got T, ok bool, str func(T) string) {
	t.Helper()
	if !assert.Equal(t, want != nil, ok, "%s present", what) || want == nil {
		return
	}
	assert.Equal(t, *want, str(got), what)
}

func checkCommon(t *testing.T, ref string, currency *string, balance *int64, md map[string]string, v commonFields) {
	t.Helper()
	assert.Equal(t, ref, v.ExternalReference().String(), "external_reference")
	c, ok := v.Currency()
	checkOptional(t, "currency", currency, c, ok, money.Currency.String)
	a, ok := v.Balance()
	if assert.Equal(t, balance != nil, ok, "balance present") && balance != nil {
		assert.Equal(t, *balance, a.Minor(), "balance")
		assert.Equal(t, c, a.Currency(), "balance currency")
	}
	m, ok := v.Metadata()
	if assert.Equal(t, md != nil, ok, "metadata present") && md != nil {
		assert.Equal(t, len(md), m.Len(), "metadata entries")
		for k, want := range md {
			got, ok := m.Get(k)
			assert.True(t, ok, "metadata key %q", k)
			assert.Equal(t, want, got, "metadata value of %q", k)
		}
		keys := make([]string, 0, len(md))
		for k := range md {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		assert.Equal(t, keys, nilIfEmpty(m.Keys()), "metadata keys, sorted")
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return []string{}
	}
	return s
}

// checkCustomer checks every accessor of v against the Go values p it was made from.
func checkCustomer(t *testing.T, p customer.CreateParams, v customerFields) {
	t.Helper()
	checkCommon(t, p.ExternalReference, p.Currency, p.Balance, p.Metadata, v)
	n, ok := v.Name()
	checkOptional(t, "name", p.Name, n, ok, contact.Name.String)
	e, ok := v.Email()
	checkOptional(t, "email", p.Email, e, ok, contact.Email.Address)
	ph, ok := v.Phone()
	checkOptional(t, "phone", p.Phone, ph, ok, contact.Phone.E164)
}

func checkAccount(t *testing.T, p account.CreateParams, v accountFields) {
	t.Helper()
	checkCommon(t, p.ExternalReference, p.Currency, p.Balance, p.Metadata, v)
	n, ok := v.Name()
	checkOptional(t, "name", p.Name, n, ok, contact.Name.String)
}

func checkRef(t *testing.T, p account.CreateParams, ref account.CustomerRef) {
	t.Helper()
	id, byID := ref.CustomerID()
	ext, byRef := ref.ExternalReference()
	nc, isNew := ref.NewCustomer()
	switch {
	case p.NewCustomer != nil:
		assert.Equal(t, account.RefNewCustomer, ref.Kind())
		if assert.True(t, isNew) {
			checkCustomer(t, *p.NewCustomer, nc)
		}
	case strings.HasPrefix(p.Customer, ids.CustomerIDPrefix):
		assert.Equal(t, account.RefCustomerID, ref.Kind())
		assert.True(t, byID)
		assert.Equal(t, p.Customer, id.String())
	default:
		assert.Equal(t, account.RefExternalReference, ref.Kind())
		assert.True(t, byRef)
		assert.Equal(t, p.Customer, ext.String())
	}
	assert.Equal(t, 1, btoi(byID)+btoi(byRef)+btoi(isNew), "exactly one form")
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func checkRules(t *testing.T, want money.PaymentRules, got money.PaymentRules, ok bool) {
	t.Helper()
	if assert.Equal(t, !want.IsZero(), ok, "payment_rules present") {
		assert.Equal(t, want.MinAmount(), got.MinAmount())
		assert.Equal(t, want.MaxAmount(), got.MaxAmount())
		assert.Equal(t, want.UnderpaymentAllowed(), got.UnderpaymentAllowed())
		assert.Equal(t, want.OverpaymentAllowed(), got.OverpaymentAllowed())
	}
}

// roundTrip checks the properties on one value v, made from Go values: encoding it, parsing
// that and encoding again gives the same bytes, the parsed value equals v, and check (every
// accessor against the Go values) holds for v, for the parsed value, and for the value
// parsed from another spelling of the document (alt), which also encodes to the same bytes.
func roundTrip[V interface{ MarshalJSON() ([]byte, error) }](t *testing.T, v V, alt string,
	parse func([]byte) (V, error), equal func(V, V) bool, check func(V)) {
	t.Helper()
	check(v)
	b1, err := v.MarshalJSON()
	require.NoError(t, err)
	require.True(t, json.Valid(b1), "%s", b1)
	v2, err := parse(b1)
	require.NoError(t, err, "%s", b1)
	assert.True(t, equal(v, v2), "parsed value differs\n%s", b1)
	check(v2)
	b2, err := v2.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, string(b1), string(b2), "encode → parse → encode")
	v3, err := parse([]byte(alt))
	require.NoError(t, err, "%s", alt)
	assert.True(t, equal(v, v3), "value parsed from another spelling differs\n%s", alt)
	check(v3)
	b3, err := v3.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, string(b1), string(b3), "another spelling encodes the same\n%s", alt)
}

// checkSeed generates one value of each kind from seed and checks the round-trip
// properties on each.
func checkSeed(t *testing.T, seed uint64) {
	t.Helper()
	g := newGen(seed)

	// customer create request
	cp := g.customerParams()
	req, err := customer.NewCreateRequest(cp)
	require.NoError(t, err, "%+v", cp)
	roundTrip(t, req, g.object(g.customerMembers(cp)), customer.DecodeCreateRequest, customer.CreateRequest.Equal,
		func(v customer.CreateRequest) { checkCustomer(t, cp, v) })

	// customer object
	cid := ids.MustParseCustomerID(g.id(ids.CustomerIDPrefix))
	c, err := customer.New(cid, req)
	require.NoError(t, err)
	var rules money.PaymentRules
	if cp.Currency != nil && g.r.IntN(3) > 0 {
		rules = g.paymentRules()
		c, err = c.WithPaymentRules(rules)
		require.NoError(t, err)
	}
	ms := append(g.customerMembers(cp), g.member("id", g.jsonText(cid.String())))
	if !rules.IsZero() {
		ms = append(ms, g.rulesMember(rules))
	}
	roundTrip(t, c, g.object(ms), customer.Decode, customer.Customer.Equal, func(v customer.Customer) {
		checkCustomer(t, cp, v)
		assert.Equal(t, cid, v.ID())
		r, ok := v.PaymentRules()
		checkRules(t, rules, r, ok)
	})

	// account create request
	ap := g.accountParams()
	areq, err := account.NewCreateRequest(ap)
	require.NoError(t, err, "%+v", ap)
	roundTrip(t, areq, g.object(g.accountMembers(ap)), account.DecodeCreateRequest, account.CreateRequest.Equal,
		func(v account.CreateRequest) { checkAccount(t, ap, v); checkRef(t, ap, v.Customer()) })

	// account object
	aid := ids.MustParseAccountID(g.id(ids.AccountIDPrefix))
	owner, byID := areq.Customer().CustomerID()
	if !byID {
		owner = ids.MustParseCustomerID(g.id(ids.CustomerIDPrefix))
	}
	acc, err := account.New(aid, owner, areq)
	require.NoError(t, err)
	rules = money.PaymentRules{}
	if ap.Currency != nil && g.r.IntN(3) > 0 {
		rules = g.paymentRules()
		acc, err = acc.WithPaymentRules(rules)
		require.NoError(t, err)
	}
	ms = []string{g.member("id", g.jsonText(aid.String())), g.member("external_reference", g.jsonText(ap.ExternalReference)),
		g.member("customer_id", g.jsonText(owner.String()))}
	if ap.Name != nil {
		ms = append(ms, g.member("name", g.jsonText(*ap.Name)))
	}
	if ap.Currency != nil {
		ms = append(ms, g.member("currency", g.jsonText(*ap.Currency)))
	}
	ms = append(ms, g.commonMembers(ap.Balance, ap.Metadata)...)
	if !rules.IsZero() {
		ms = append(ms, g.rulesMember(rules))
	}
	roundTrip(t, acc, g.object(ms), account.Decode, account.Account.Equal, func(v account.Account) {
		checkAccount(t, ap, v)
		assert.Equal(t, aid, v.ID())
		assert.Equal(t, owner, v.CustomerID())
		r, ok := v.PaymentRules()
		checkRules(t, rules, r, ok)
	})
}

func TestAlphabets(t *testing.T) {
	for _, r := range nameRunes {
		_, err := contact.ParseName(string(r))
		assert.NoError(t, err, "name rune %U", r)
	}
	for _, r := range nameSpaces {
		_, err := contact.ParseName("a" + string(r) + "a")
		assert.NoError(t, err, "name space %U", r)
	}
	for _, r := range keyRunes {
		_, err := metadata.New(map[string]string{string(r): "v"}, metadata.CustomerLimits())
		assert.NoError(t, err, "key rune %U", r)
	}
	for _, r := range valueRunes {
		_, err := metadata.New(map[string]string{"k": string(r)}, metadata.CustomerLimits())
		assert.NoError(t, err, "value rune %U", r)
	}
	for _, p := range validPhones() {
		_, err := contact.ParsePhone(p)
		assert.NoError(t, err, "example number %s", p)
	}
	assert.Greater(t, len(validPhones()), 600)
}

// TestGeneratorsReachTheLimits checks that the generators produce the edge values the
// round-trip property is meant to cover.
func TestGeneratorsReachTheLimits(t *testing.T) {
	g := newGen(1)
	var name255, ref255, ref1, email255ish, md20, key40, value500, maxBal, minBal bool
	refSeen := map[rune]bool{}
	for range 2000 {
		for _, c := range g.externalReference("") {
			refSeen[c] = true
		}
		if n := utf8.RuneCountInString(g.name()); n == 255 {
			name255 = true
		}
		switch len(g.externalReference("bcus_")) {
		case 255:
			ref255 = true
		case 1:
			ref1 = true
		}
		if len(g.email()) > 200 {
			email255ish = true
		}
		md := g.metadata(20)
		if len(md) == 20 {
			md20 = true
		}
		for k, v := range md {
			key40 = key40 || utf8.RuneCountInString(k) == 40
			value500 = value500 || utf8.RuneCountInString(v) == 500
		}
		b := g.balance()
		maxBal, minBal = maxBal || b == money.MaxMinorUnits, minBal || b == -money.MaxMinorUnits
	}
	assert.Len(t, refSeen, len(refChars), "every character of an external reference")
	assert.True(t, name255 && ref255 && ref1 && email255ish && md20 && key40 && value500 && maxBal && minBal,
		"name255 %v ref255 %v ref1 %v email>200 %v md20 %v key40 %v value500 %v max %v min %v",
		name255, ref255, ref1, email255ish, md20, key40, value500, maxBal, minBal)
}

// roundTripIterations is how many seeds TestRoundTrip checks (four values each).
func roundTripIterations() int {
	switch {
	case testing.Short():
		return 200
	case raceEnabled:
		return 1000
	}
	return 3000
}

// TestRoundTrip checks the round-trip properties on values generated from fixed seeds, and
// that every currency is among them.
func TestRoundTrip(t *testing.T) {
	for seed := range uint64(roundTripIterations()) {
		if !t.Run("", func(t *testing.T) { checkSeed(t, seed) }) {
			t.Fatalf("seed %d fails", seed)
		}
	}
}

// TestRoundTripEveryCurrency round-trips a balance of ±(2^53−1) and 0 in each currency.
func TestRoundTripEveryCurrency(t *testing.T) {
	for _, c := range money.Currencies() {
		for _, bal := range []int64{money.MaxMinorUnits, -money.MaxMinorUnits, 0} {
			p := customer.CreateParams{ExternalReference: "c1", Currency: testkit.Ptr(c.String()), Balance: testkit.Ptr(bal)}
			req, err := customer.NewCreateRequest(p)
			require.NoError(t, err, c.String())
			alt := fmt.Sprintf(`{"balance":%d,"currency":"%s","external_reference":"c1"}`, bal, c.String())
			roundTrip(t, req, alt, customer.DecodeCreateRequest, customer.CreateRequest.Equal,
				func(v customer.CreateRequest) { checkCustomer(t, p, v) })
		}
	}
}

// TestNegativeZero: -0 is the integer 0, and encodes as 0.
func TestNegativeZero(t *testing.T) {
	req, err := customer.DecodeCreateRequest([]byte(`{"external_reference":"c1","currency":"ZAR","balance":-0}`))
	require.NoError(t, err)
	b, ok := req.Balance()
	require.True(t, ok)
	assert.Equal(t, int64(0), b.Minor())
	out, err := req.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"external_reference":"c1","currency":"ZAR","balance":0}`, string(out))
}

// FuzzRoundTrip checks the round-trip properties on the values generated from any seed.
func FuzzRoundTrip(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		checkSeed(t, seed)
	})
}

// The JSON a value encodes to is what encoding/json reads as the same members.
func TestEncodingIsPlainJSON(t *testing.T) {
	g := newGen(42)
	for range 200 {
		p := g.customerParams()
		req, err := customer.NewCreateRequest(p)
		require.NoError(t, err)
		out, err := req.MarshalJSON()
		require.NoError(t, err)
		var got struct {
			ExternalReference string            `json:"external_reference"`
			Name              *string           `json:"name"`
			Email             *string           `json:"email"`
			Phone             *string           `json:"phone"`
			Currency          *string           `json:"currency"`
			Balance           *int64            `json:"balance"`
			Metadata          map[string]string `json:"metadata"`
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&got), "%s", out)
		assert.Equal(t, p.ExternalReference, got.ExternalReference)
		assert.Equal(t, p.Name, got.Name)
		assert.Equal(t, p.Email, got.Email)
		assert.Equal(t, p.Phone, got.Phone)
		assert.Equal(t, p.Currency, got.Currency)
		assert.Equal(t, p.Balance, got.Balance)
		assert.Equal(t, p.Metadata, got.Metadata)
	}
}
