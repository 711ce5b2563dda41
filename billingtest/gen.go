package billingtest

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Gen generates valid values and documents, and invalid documents with the failure they
// must produce ([Gen.Mutate]), for property tests and fuzz targets. It is deterministic:
// two Gens made with the same seed generate the same values in the same order, for a
// given version of this module and of Go (the phone metadata's example numbers and the
// currency table are part of the module's version).
//
// Values are built through the library's own constructors, so each is valid by
// construction, and spread over the whole of each rule: every script of [Scripts], every
// currency, balances at ±(2^53−1) and 0, metadata of exactly the key limit with keys of
// exactly 40 code points and values of exactly 500, names of exactly 255 code points.
// A generator that produced an invalid value would panic: it is a bug of this package.
//
// The zero Gen is ready to use and generates what NewGen(0) does. A Gen is not safe for
// concurrent use; give each goroutine its own. Copying a Gen copies its state: the copy
// then generates what the original would have.
type Gen struct {
	src rand.PCG
}

// NewGen returns a generator seeded with seed.
func NewGen(seed uint64) *Gen {
	g := &Gen{}
	g.src.Seed(seed, seed)
	return g
}

// intn returns a number in [0, n), n > 0.
func (g *Gen) intn(n int) int {
	hi, _ := bits.Mul64(g.src.Uint64(), uint64(n))
	return int(hi)
}

// chance reports true one time in n.
func (g *Gen) chance(n int) bool { return g.intn(n) == 0 }

func (g *Gen) pick(s []string) string { return s[g.intn(len(s))] }

// ascii returns n characters picked from alphabet, which has at most 256. Each random
// number gives eight characters: each character takes the high bits of the product of
// what is left of the number and the alphabet's size.
func (g *Gen) ascii(alphabet string, n int) string {
	var b strings.Builder
	b.Grow(n)
	var r uint64
	for i := range n {
		if i%8 == 0 {
			r = g.src.Uint64()
		}
		hi, lo := bits.Mul64(r, uint64(len(alphabet)))
		b.WriteByte(alphabet[hi])
		r = lo
	}
	return b.String()
}

const (
	base62   = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	refChars = base62 + "_-"
)

// idRest returns the part of an ID after its prefix: 21 characters of base62, as new IDs
// have, or, one time in eight, 1 to 250 (the longest an ID may have is 255 with its
// prefix).
func (g *Gen) idRest() string {
	n := 21
	if g.chance(8) {
		n = 1 + g.intn(250)
		if g.chance(2) {
			n = 250
		}
	}
	return g.ascii(base62, n)
}

// CustomerID returns a valid customer ID: "bcus_" and, most often, 21 characters of
// base62 as ids.NewCustomerID makes them, sometimes up to the longest allowed (255 in
// all). Unlike ids.NewCustomerID it is deterministic.
func (g *Gen) CustomerID() ids.CustomerID {
	return ids.MustParseCustomerID(ids.CustomerIDPrefix + g.idRest())
}

// AccountID returns a valid account ID, "bacc_…", as [Gen.CustomerID] does a customer ID.
func (g *Gen) AccountID() ids.AccountID {
	return ids.MustParseAccountID(ids.AccountIDPrefix + g.idRest())
}

// refText returns an external reference that neither entity reserves: it starts with
// neither "bcus_" nor "bacc_".
func (g *Gen) refText() string {
	var s string
	switch g.intn(8) {
	case 0:
		s = g.ascii(refChars, 255) // the longest
	case 1:
		s = g.ascii(refChars, 1) // the shortest
	case 2, 3:
		s = g.ascii(refChars, 2+g.intn(40))
	default:
		s = g.pick([]string{"cust_", "acct_", "crm-", "ERP_", ""}) + g.ascii("0123456789", 3+g.intn(8))
	}
	if strings.HasPrefix(s, ids.CustomerIDPrefix) || strings.HasPrefix(s, ids.AccountIDPrefix) {
		s = "x" + s[1:]
	}
	return s
}

// ExternalReference returns a valid external reference: 1 to 255 characters of
// A-Za-z0-9_-, often like "cust_004211", sometimes of exactly 1 or 255 characters. It
// starts with neither "bcus_" nor "bacc_", so it is valid for a customer, for an account
// and as the customer member of an account create request.
func (g *Gen) ExternalReference() ids.ExternalReference {
	return ids.MustParseExternalReference(g.refText())
}

// IdempotencyKey returns a valid idempotency key: most often a UUID (version 4, lower
// case), sometimes 1 to 255 characters of A-Za-z0-9-.
func (g *Gen) IdempotencyKey() ids.IdempotencyKey {
	if g.chance(4) {
		return ids.MustParseIdempotencyKey(g.ascii(base62+"-", 1+g.intn(255)))
	}
	const hex = "0123456789abcdef"
	u := []byte(g.ascii(hex, 36))
	u[8], u[13], u[18], u[23] = '-', '-', '-', '-'
	u[14] = '4'
	u[19] = "89ab"[g.intn(4)]
	return ids.MustParseIdempotencyKey(string(u))
}

// atext holds the characters of an RFC 5322 atom: letters and digits most often, each
// special character once.
const atext = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" +
	"01234567890123456789!#$%&'*+/=?^_`{|}~-"

const labelChars = "abcdefghijklmnopqrstuvwxyz0123456789-"

// label returns a domain label of n characters that neither starts nor ends with a hyphen.
func (g *Gen) label(n int) string {
	b := []byte(g.ascii(labelChars, n))
	for _, i := range []int{0, n - 1} {
		if b[i] == '-' {
			b[i] = 'a' + byte(g.intn(26))
		}
	}
	return string(b)
}

// emailText returns a valid address.
func (g *Gen) emailText() string {
	if g.chance(8) {
		// The longest: a local part of 64, labels of 63, 255 characters in all.
		return g.ascii(atext, 64) + "@" + g.label(63) + "." + g.label(63) + "." + g.ascii("abcdefghijklmnopqrstuvwxyz", 62)
	}
	var b strings.Builder
	for i := range 1 + g.intn(3) {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(g.ascii(atext, 1+g.intn(12)))
	}
	b.WriteByte('@')
	for range 1 + g.intn(2) {
		b.WriteString(g.label(1 + g.intn(15)))
		b.WriteByte('.')
	}
	b.WriteString(g.pick([]string{"com", "org", "co.za", "de", "jp", "io", "xn--p1ai", "museum"}))
	return b.String()
}

// Email returns a valid email address: a dot-atom local part (sometimes with the rarer
// characters !#$%&'*+/=?^_`{|}~) and a domain of two to four labels, or, one time in
// eight, an address of exactly 255 characters with a local part of 64 and labels of 63,
// the longest each may be.
func (g *Gen) Email() contact.Email {
	e, err := contact.ParseEmail(g.emailText())
	if err != nil {
		panic("billingtest: generated an email address that contact.ParseEmail refuses: " + err.Error())
	}
	return e
}

// Phone returns a valid phone number, one of [Phones] chosen at random: an example number
// of the phone metadata, of any region and type.
func (g *Gen) Phone() contact.Phone {
	ps := distinctPhones()
	return ps[g.intn(len(ps))]
}

var currencies = sync.OnceValue(money.Currencies)

// Currency returns one of the currencies a request accepts (money.Currencies), chosen at
// random.
func (g *Gen) Currency() money.Currency {
	cs := currencies()
	return cs[g.intn(len(cs))]
}

// minor returns a number of minor units within ±money.MaxMinorUnits: one time in four an
// edge (0, ±1, ±(2^53−2), ±(2^53−1)), otherwise of a magnitude spread evenly over the
// bit lengths, either sign.
func (g *Gen) minor() int64 {
	const maxMinor = money.MaxMinorUnits
	if g.chance(4) {
		v := []int64{0, 1, maxMinor - 1, maxMinor}[g.intn(4)]
		if g.chance(2) {
			v = -v
		}
		return v
	}
	v := int64(g.src.Uint64() >> (64 - 53 + g.intn(53))) // 0 to 53 bits
	if g.chance(2) {
		v = -v
	}
	return v
}

// Amount returns a valid amount in currency c: one time in four at an edge (0, ±1,
// ±(2^53−2), ±(2^53−1) minor units), otherwise of any magnitude and sign within
// ±(2^53−1). It panics for the zero Currency.
func (g *Gen) Amount(c money.Currency) money.Amount { return money.MustNewAmount(g.minor(), c) }

// PaymentRules returns valid payment rules: a minimum and a maximum within 1..2^53−1,
// the maximum not below the minimum (sometimes equal to it, sometimes at the edges), and
// each allowance at random.
func (g *Gen) PaymentRules() money.PaymentRules {
	minAmount := g.positive()
	maxAmount := g.positive()
	switch {
	case g.chance(8):
		maxAmount = minAmount
	case maxAmount < minAmount:
		minAmount, maxAmount = maxAmount, minAmount
	}
	var allow money.Allowance
	if g.chance(2) {
		allow |= money.AllowUnderpayment
	}
	if g.chance(2) {
		allow |= money.AllowOverpayment
	}
	return money.MustNewPaymentRules(minAmount, maxAmount, allow)
}

// positive returns an amount within 1..2^53−1, at the edges one time in four.
func (g *Gen) positive() int64 {
	if g.chance(4) {
		return []int64{1, money.MaxMinorUnits}[g.intn(2)]
	}
	v := g.minor()
	if v < 0 {
		v = -v
	}
	return max(v, 1)
}

// Characters of metadata keys and values beyond ASCII letters and digits: the ones JSON
// escapes, the ones a JSON Pointer escapes, and other scripts. Keys hold no control
// characters; values may.
var (
	keyChars   = []rune("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz_-.:/~ <>&\"\\éßжλ中日한🚀\u2028")
	valueChars = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-_/~<>&\"\\\n\t\u0001\u007f\u0085éßжλ中日한🚀\u2028\u2029\u00a0")
)

// runePool is a long random text of an alphabet, from which values are cut: cutting
// costs one random number however long the value is.
type runePool struct {
	text string
	off  []int32 // the byte offset of each code point, and len(text) last
}

const poolRunes = 2048

func newPool(alphabet []rune, seed uint64) *runePool {
	src := rand.New(rand.NewPCG(seed, seed))
	var b strings.Builder
	off := make([]int32, 0, poolRunes+1)
	for range poolRunes {
		off = append(off, int32(b.Len()))
		b.WriteRune(alphabet[src.IntN(len(alphabet))])
	}
	return &runePool{text: b.String(), off: append(off, int32(b.Len()))}
}

var (
	keyPool   = sync.OnceValue(func() *runePool { return newPool(keyChars, 1) })
	valuePool = sync.OnceValue(func() *runePool { return newPool(valueChars, 2) })
)

// cut returns n code points of p at a random place, or n code points of alphabet picked
// one by one when n is more than p holds.
func (g *Gen) cut(p *runePool, alphabet []rune, n int) string {
	if n > poolRunes {
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[g.intn(len(alphabet))])
		}
		return b.String()
	}
	start := g.intn(poolRunes - n + 1)
	return p.text[p.off[start]:p.off[start+n]]
}

// metadataMap returns entries valid under l: one time in eight exactly l.MaxKeys of them,
// otherwise 0 to l.MaxKeys; keys of 1 to 12 code points and values of 1 to 24, or, each
// one time in sixteen, exactly at its limit.
func (g *Gen) metadataMap(l metadata.Limits) map[string]string {
	n := 0
	switch {
	case l.MaxKeys < 1 || l.MaxKeyLength < 1 || l.MaxValueLength < 1:
	case g.chance(8):
		n = l.MaxKeys
	default:
		n = g.intn(l.MaxKeys + 1)
	}
	m := make(map[string]string, n)
	for len(m) < n {
		k := g.metadataKey(l)
		if _, dup := m[k]; dup {
			continue
		}
		m[k] = g.metadataValue(l)
	}
	return m
}

func (g *Gen) metadataKey(l metadata.Limits) string {
	n := l.MaxKeyLength
	if !g.chance(16) {
		n = 1 + g.intn(min(l.MaxKeyLength, 12))
	}
	return g.cut(keyPool(), keyChars, n)
}

func (g *Gen) metadataValue(l metadata.Limits) string {
	n := l.MaxValueLength
	if !g.chance(16) {
		n = 1 + g.intn(min(l.MaxValueLength, 24))
	}
	return g.cut(valuePool(), valueChars, n)
}

// Metadata returns metadata valid under l (metadata.CustomerLimits or AccountLimits, or
// a service's own): one time in eight exactly l.MaxKeys keys, otherwise 0 to l.MaxKeys;
// keys of 1 to 12 code points and values of 1 to 24, or, each one time in sixteen,
// exactly at its limit (l.MaxKeyLength, l.MaxValueLength). Keys hold dots, slashes and tildes (which a
// path or pointer must write apart), quotes, <, > and &, and letters of other scripts;
// values also hold control characters, U+2028 and U+2029, which JSON writes escaped.
func (g *Gen) Metadata(l metadata.Limits) metadata.Metadata {
	return metadata.MustNew(g.metadataMap(l), l)
}

// strPtr returns a pointer to s.
func strPtr(s string) *string { return &s }

// createMembers sets the optional members of a valid create request in m, each one time
// in two: a name, with contact an email address and a phone number, a currency (with a
// balance one time in two, and only with it) and metadata valid under l. An account's
// members are those of a customer without contact.
func (g *Gen) createMembers(m *customer.CreateParams, contact bool, l metadata.Limits) {
	if g.chance(2) {
		m.Name = strPtr(g.nameText(scripts[g.intn(len(scripts))]))
	}
	if contact {
		if g.chance(2) {
			m.Email = strPtr(g.emailText())
		}
		if g.chance(2) {
			m.Phone = strPtr(g.Phone().E164())
		}
	}
	if g.chance(2) {
		m.Currency = strPtr(g.Currency().String())
		if g.chance(2) {
			b := g.minor()
			m.Balance = &b
		}
	}
	if g.chance(2) {
		m.Metadata = g.metadataMap(l)
	}
}

// customerParams returns the members of a valid customer create request, each optional
// member present one time in two, a balance only with a currency.
func (g *Gen) customerParams() customer.CreateParams {
	p := customer.CreateParams{ExternalReference: g.refText()}
	g.createMembers(&p, true, metadata.CustomerLimits())
	return p
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("billingtest: generated a value the library refuses: %v", err))
	}
	return v
}

// CustomerCreate returns a valid customer create request: an external reference and,
// each one time in two, a name, an email address, a phone number, a currency (with a
// balance one time in two) and metadata (within 20 keys; an empty map is metadata given
// as {}).
func (g *Gen) CustomerCreate() customer.CreateRequest {
	return must(customer.NewCreateRequest(g.customerParams()))
}

// Customer returns a valid customer object: a [Gen.CustomerID], an external reference
// and, each one time in two, a [Gen.Name], a [Gen.Email], a [Gen.Phone], a currency
// (with a balance one time in two, and payment rules one time in two) and metadata
// (within 20 keys; sometimes {}), as a [Gen.CustomerCreate] request gives them.
func (g *Gen) Customer() customer.Customer {
	r := customer.Record{ID: g.CustomerID(), ExternalReference: ids.MustParseExternalReference(g.refText())}
	g.objectMembers(&r, true, metadata.CustomerLimits())
	return must(customer.FromRecord(r))
}

// objectMembers sets the optional columns of a valid object in m, each one time in two: a
// name, with contact an email address and a phone number, a currency (with a balance one
// time in two and payment rules one time in two, and only with it) and metadata valid
// under l. An account's columns are those of a customer without contact.
func (g *Gen) objectMembers(m *customer.Record, contact bool, l metadata.Limits) {
	if g.chance(2) {
		m.Name = valid(g.Name())
	}
	if contact {
		if g.chance(2) {
			m.Email = valid(g.Email())
		}
		if g.chance(2) {
			m.Phone = valid(g.Phone())
		}
	}
	if g.chance(2) {
		m.Currency = valid(g.Currency())
		if g.chance(2) {
			m.Balance = valid(g.minor())
		}
		if g.chance(2) {
			m.PaymentRules = valid(g.PaymentRules())
		}
	}
	if g.chance(2) {
		m.Metadata = valid(g.Metadata(l))
	}
}

// valid returns v as a present nullable column.
func valid[T any](v T) sql.Null[T] { return sql.Null[T]{V: v, Valid: true} }

// accountParams returns the members of a valid account create request, the customer in
// each of its three forms one time in three.
func (g *Gen) accountParams() account.CreateParams {
	var p account.CreateParams
	switch g.intn(3) {
	case 0:
		p.Customer = g.CustomerID().String()
	case 1:
		p.Customer = g.refText()
	default:
		nc := g.customerParams()
		p.NewCustomer = &nc
	}
	p.ExternalReference = g.refText()
	var m customer.CreateParams
	g.createMembers(&m, false, metadata.AccountLimits())
	p.Name, p.Currency, p.Balance, p.Metadata = m.Name, m.Currency, m.Balance, m.Metadata
	return p
}

// CustomerRef returns the customer member of a valid account create request, in each of
// its three forms one time in three: an existing customer's ID, an existing customer's
// external reference, or a new customer ([Gen.CustomerCreate]).
func (g *Gen) CustomerRef() account.CustomerRef {
	switch g.intn(3) {
	case 0:
		return account.RefByID(g.CustomerID())
	case 1:
		return must(account.RefByExternalReference(g.ExternalReference()))
	default:
		return account.RefByNewCustomer(g.CustomerCreate())
	}
}

// AccountCreate returns a valid account create request: the customer in each of its
// three forms one time in three (as [Gen.CustomerRef]), an external reference and, each
// one time in two, a name, a currency (with a balance one time in two) and metadata
// (within 10 keys).
func (g *Gen) AccountCreate() account.CreateRequest {
	return must(account.NewCreateRequest(g.accountParams()))
}

// Account returns a valid account object: a [Gen.AccountID], the ID of its customer
// ([Gen.CustomerID]), an external reference and, each one time in two, a [Gen.Name], a
// currency (with a balance one time in two, and payment rules one time in two) and
// metadata (within 10 keys), as a [Gen.AccountCreate] request gives them.
func (g *Gen) Account() account.Account {
	r := account.Record{ID: g.AccountID(), ExternalReference: ids.MustParseExternalReference(g.refText()),
		CustomerID: g.CustomerID()}
	var m customer.Record
	g.objectMembers(&m, false, metadata.AccountLimits())
	r.Name, r.Currency, r.Balance, r.PaymentRules, r.Metadata = m.Name, m.Currency, m.Balance, m.PaymentRules, m.Metadata
	return must(account.FromRecord(r))
}

// update is what the two update requests share.
type update struct {
	name, email, phone, currency *string
	balance                      *int64
	metadata                     map[string]string
	remove, removeMetadata       []string
}

// updateParams returns a valid update: each member absent one time in two, otherwise set
// or removed; metadata keys set (within l.MaxKeys) and removed, or all removed.
func (g *Gen) updateParams(members []string, l metadata.Limits) update {
	var u update
	for _, m := range members {
		switch g.intn(4) {
		case 0:
			u.remove = append(u.remove, m)
			continue
		case 1, 2:
			continue
		}
		switch m {
		case "name":
			u.name = strPtr(g.nameText(scripts[g.intn(len(scripts))]))
		case "email":
			u.email = strPtr(g.emailText())
		case "phone":
			u.phone = strPtr(g.Phone().E164())
		case "currency":
			u.currency = strPtr(g.Currency().String())
		case "balance":
			b := g.minor()
			u.balance = &b
		}
	}
	switch g.intn(8) {
	case 0:
		u.remove = append(u.remove, "metadata")
	case 1, 2, 3:
	default:
		u.metadata = g.metadataMap(l)
		removals := g.intn(4)
		if g.chance(4) {
			removals = l.MaxKeys + 5 // removals are not counted
		}
		for len(u.removeMetadata) < removals {
			k := g.metadataKey(l)
			if _, set := u.metadata[k]; !set && !slices.Contains(u.removeMetadata, k) {
				u.removeMetadata = append(u.removeMetadata, k)
			}
		}
	}
	return u
}

// CustomerUpdate returns a valid customer update request: each of name, email, phone,
// currency and balance absent one time in two, otherwise set one time in two or removed;
// metadata absent, removed, or a merge that sets up to 20 keys and removes others
// (sometimes more than 20: removals are not counted). A balance may come without a
// currency: an update alone never requires one.
func (g *Gen) CustomerUpdate() customer.UpdateRequest {
	u := g.updateParams([]string{"name", "email", "phone", "currency", "balance"}, metadata.CustomerLimits())
	return must(customer.NewUpdateRequest(customer.UpdateParams{
		Name: u.name, Email: u.email, Phone: u.phone, Currency: u.currency, Balance: u.balance,
		Metadata: u.metadata, Remove: u.remove, RemoveMetadata: u.removeMetadata,
	}))
}

// AccountUpdate returns a valid account update request, as [Gen.CustomerUpdate] does for
// the members of an account's: name, currency, balance, and metadata within 10 keys.
func (g *Gen) AccountUpdate() account.UpdateRequest {
	u := g.updateParams([]string{"name", "currency", "balance"}, metadata.AccountLimits())
	return must(account.NewUpdateRequest(account.UpdateParams{
		Name: u.name, Currency: u.currency, Balance: u.balance,
		Metadata: u.metadata, Remove: u.remove, RemoveMetadata: u.removeMetadata,
	}))
}

// Doc returns a valid document of kind (one of [Kinds]) in the library's encoding: the
// JSON of [Gen.CustomerCreate], [Gen.AccountCreate], [Gen.Customer], [Gen.Account],
// [Gen.CustomerUpdate] or [Gen.AccountUpdate]. It panics when kind is not one of
// [Kinds].
func (g *Gen) Doc(kind string) []byte {
	checkKind(kind)
	makers := map[string]func() json.Marshaler{
		KindCustomerCreate: func() json.Marshaler { return g.CustomerCreate() },
		KindAccountCreate:  func() json.Marshaler { return g.AccountCreate() },
		KindCustomer:       func() json.Marshaler { return g.Customer() },
		KindAccount:        func() json.Marshaler { return g.Account() },
		KindCustomerUpdate: func() json.Marshaler { return g.CustomerUpdate() },
		KindAccountUpdate:  func() json.Marshaler { return g.AccountUpdate() },
	}
	return must(makers[kind]().MarshalJSON())
}
