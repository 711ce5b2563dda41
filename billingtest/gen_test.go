package billingtest_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// seeds is how many seeds the property tests run.
func seeds(t *testing.T) uint64 {
	if testing.Short() {
		return 50
	}
	return 400
}

// document is what the decoders of each kind return.
type document[T any] interface {
	Equal(T) bool
	MarshalJSON() ([]byte, error)
}

// roundTrip encodes v, decodes it with decode, and checks that the value read back is
// equal to v and encodes to the same bytes.
func roundTrip[T document[T]](t *testing.T, v T, decode func([]byte) (T, error)) []byte {
	t.Helper()
	b, err := v.MarshalJSON()
	require.NoError(t, err)
	back, err := decode(b)
	require.NoError(t, err, "%s", b)
	require.True(t, back.Equal(v), "%s", b)
	b2, err := back.MarshalJSON()
	require.NoError(t, err)
	require.Equal(t, string(b), string(b2))
	return b
}

// TestGeneratedDocumentsRoundTrip: every generated request and object encodes, parses
// back equal with the library's decoder, encodes to the same bytes, and is what Doc
// returns for the same seed.
func TestGeneratedDocumentsRoundTrip(t *testing.T) {
	for seed := range seeds(t) {
		g := billingtest.NewGen(seed)
		docs := map[string][]byte{
			billingtest.KindCustomerCreate: roundTrip(t, g.CustomerCreate(), customer.DecodeCreateRequest),
			billingtest.KindAccountCreate:  roundTrip(t, g.AccountCreate(), account.DecodeCreateRequest),
			billingtest.KindCustomer:       roundTrip(t, g.Customer(), customer.Decode),
			billingtest.KindAccount:        roundTrip(t, g.Account(), account.Decode),
			billingtest.KindCustomerUpdate: roundTrip(t, g.CustomerUpdate(), customer.DecodeUpdateRequest),
			billingtest.KindAccountUpdate:  roundTrip(t, g.AccountUpdate(), account.DecodeUpdateRequest),
		}
		g = billingtest.NewGen(seed)
		for _, kind := range billingtest.Kinds() {
			doc := g.Doc(kind)
			require.Equal(t, string(docs[kind]), string(doc), "seed %d: Doc(%s) is the value's JSON", seed, kind)
			require.NoError(t, parsers[kind](doc))
		}
	}
}

// TestGeneratedValuesRoundTrip: every generated value parses back with its parser, and
// its JSON or text form reads back equal.
func TestGeneratedValuesRoundTrip(t *testing.T) {
	for seed := range seeds(t) {
		g := billingtest.NewGen(seed)

		cid := g.CustomerID()
		assert.Equal(t, cid, ids.MustParseCustomerID(cid.String()))
		aid := g.AccountID()
		assert.Equal(t, aid, ids.MustParseAccountID(aid.String()))
		ref := g.ExternalReference()
		for _, parse := range []func(string) (ids.ExternalReference, error){ids.ParseCustomerExternalReference, ids.ParseAccountExternalReference} {
			back, err := parse(ref.String())
			require.NoError(t, err, ref.String())
			assert.Equal(t, ref, back)
		}
		key := g.IdempotencyKey()
		assert.Equal(t, key, ids.MustParseIdempotencyKey(key.String()))

		name := g.Name()
		back, err := contact.ParseName(name.String())
		require.NoError(t, err)
		assert.Equal(t, name, back)

		email := g.Email()
		eb, err := contact.ParseEmail(email.Address())
		require.NoError(t, err)
		assert.Equal(t, email, eb)

		phone := g.Phone()
		pb, err := contact.ParsePhone(phone.E164())
		require.NoError(t, err)
		assert.Equal(t, phone, pb)

		c := g.Currency()
		assert.Equal(t, c, money.MustParseCurrency(c.String()))

		a := g.Amount(c)
		ab, err := json.Marshal(a)
		require.NoError(t, err)
		var aback money.Amount
		require.NoError(t, json.Unmarshal(ab, &aback))
		assert.Equal(t, a, aback)

		r := g.PaymentRules()
		rb, err := r.MarshalJSON()
		require.NoError(t, err)
		rback, err := money.DecodePaymentRules(rb)
		require.NoError(t, err)
		assert.Equal(t, r, rback)

		for _, l := range []metadata.Limits{metadata.CustomerLimits(), metadata.AccountLimits(), {MaxKeys: 3, MaxKeyLength: 5, MaxValueLength: 7}} {
			md := g.Metadata(l)
			mb, err := md.MarshalJSON()
			require.NoError(t, err)
			mback, err := metadata.Decode(mb, l)
			require.NoError(t, err)
			assert.True(t, md.Equal(mback))
		}

		ref2 := g.CustomerRef()
		rb2, err := ref2.MarshalJSON()
		require.NoError(t, err)
		var refBack account.CustomerRef
		require.NoError(t, refBack.UnmarshalJSON(rb2))
		assert.True(t, ref2.Equal(refBack))
	}
}

// TestGeneratorsReachTheEdges: over many seeds, the generators give every form and every
// boundary they promise.
func TestGeneratorsReachTheEdges(t *testing.T) {
	seen := map[string]bool{}
	see := func(what string, ok bool) {
		if ok {
			seen[what] = true
		}
	}
	currencies := map[money.Currency]bool{}
	for seed := range uint64(3000) {
		g := billingtest.NewGen(seed)
		c := g.Currency()
		currencies[c] = true
		a := g.Amount(c).Minor()
		see("balance 0", a == 0)
		see("balance max", a == money.MaxMinorUnits)
		see("balance min", a == -money.MaxMinorUnits)
		r := g.PaymentRules()
		see("rules min 1", r.MinAmount() == 1)
		see("rules max max", r.MaxAmount() == money.MaxMinorUnits)
		see("rules min == max", r.MinAmount() == r.MaxAmount())
		see("name 255", utf8.RuneCountInString(g.Name().String()) == 255)
		see("email 255", len(g.Email().Address()) == 255)
		see("reference 255", len(g.ExternalReference().String()) == 255)
		see("reference 1", len(g.ExternalReference().String()) == 1)
		see("customer ID 255", len(g.CustomerID().String()) == 255)
		see("idempotency key UUID", len(g.IdempotencyKey().String()) == 36)

		md := g.Metadata(metadata.CustomerLimits())
		see("customer metadata 20 keys", md.Len() == 20)
		see("metadata empty", md.Len() == 0)
		for k, v := range md.All() {
			see("key 40", utf8.RuneCountInString(k) == 40)
			see("value 500", utf8.RuneCountInString(v) == 500)
			see("key with a slash", strings.Contains(k, "/"))
			see("value with a control character", strings.ContainsFunc(v, unicode.IsControl))
		}
		see("account metadata 10 keys", g.Metadata(metadata.AccountLimits()).Len() == 10)

		switch g.CustomerRef().Kind() {
		case account.RefCustomerID:
			see("ref by ID", true)
		case account.RefExternalReference:
			see("ref by reference", true)
		case account.RefNewCustomer:
			see("ref new customer", true)
		}
		acr := g.AccountCreate()
		see("account create with new customer", acr.Customer().Kind() == account.RefNewCustomer)
		see("account create by ID", acr.Customer().Kind() == account.RefCustomerID)
		see("account create by reference", acr.Customer().Kind() == account.RefExternalReference)

		cu := g.Customer()
		_, hasRules := cu.PaymentRules()
		see("customer with payment rules", hasRules)
		_, hasPhone := cu.Phone()
		see("customer with phone", hasPhone)
		see("customer without metadata", func() bool { _, ok := cu.Metadata(); return !ok }())

		ub, _ := g.CustomerUpdate().MarshalJSON()
		see("update removes metadata", bytes.Contains(ub, []byte(`"metadata":null`)))
		see("update removes a key", bytes.Contains(ub, []byte(`":null`)))
		see("update balance without currency", bytes.Contains(ub, []byte(`"balance":`)) && !bytes.Contains(ub, []byte(`"currency":"`)))
	}
	assert.Len(t, currencies, len(money.Currencies()), "every currency")
	for _, want := range []string{"balance 0", "balance max", "balance min", "rules min 1", "rules max max", "rules min == max",
		"name 255", "email 255", "reference 255", "reference 1", "customer ID 255", "idempotency key UUID",
		"customer metadata 20 keys", "metadata empty", "key 40", "value 500", "key with a slash", "value with a control character",
		"account metadata 10 keys", "ref by ID", "ref by reference", "ref new customer", "account create with new customer",
		"account create by ID", "account create by reference", "customer with payment rules", "customer with phone",
		"customer without metadata", "update removes metadata", "update removes a key", "update balance without currency"} {
		assert.True(t, seen[want], want)
	}
}

// TestNamesInEveryScript: every script's names are valid, of the script's letters, and of
// 1 to 255 code points; Hangul NFD names are conjoining jamo.
func TestNamesInEveryScript(t *testing.T) {
	tables := map[billingtest.Script]*unicode.RangeTable{
		billingtest.ScriptLatin: unicode.Latin, billingtest.ScriptCyrillic: unicode.Cyrillic, billingtest.ScriptGreek: unicode.Greek,
		billingtest.ScriptArabic: unicode.Arabic, billingtest.ScriptHebrew: unicode.Hebrew, billingtest.ScriptDevanagari: unicode.Devanagari,
		billingtest.ScriptHan: unicode.Han, billingtest.ScriptHangul: unicode.Hangul, billingtest.ScriptHangulNFD: unicode.Hangul,
		billingtest.ScriptThai: unicode.Thai,
	}
	require.Len(t, billingtest.Scripts(), len(tables))
	for _, s := range billingtest.Scripts() {
		t.Run(string(s), func(t *testing.T) {
			long := false
			for seed := range 4 * seeds(t) {
				n := billingtest.NewGen(seed).NameIn(s).String()
				count := utf8.RuneCountInString(n)
				require.True(t, count >= 1 && count <= 255, "%q", n)
				long = long || count == 255
				for _, r := range n {
					ok := unicode.Is(tables[s], r) || unicode.IsSpace(r) || r == '-' || r == '\'' ||
						s == billingtest.ScriptHangulNFD && r >= 0xAC00 && r <= 0xD7A3 // a syllable may end a long name
					require.True(t, ok, "%q holds %U", n, r)
				}
				if s == billingtest.ScriptHangulNFD {
					require.True(t, strings.ContainsFunc(n, func(r rune) bool { return r >= 0x1100 && r <= 0x11FF }), "%q", n)
				}
			}
			assert.True(t, long, "a name of 255 code points")
		})
	}
	assert.Panics(t, func() { billingtest.NewGen(1).NameIn("klingon") })
}

func TestPhones(t *testing.T) {
	all := billingtest.Phones()
	require.Greater(t, len(all), 1000)
	seen := map[string]bool{}
	regions := map[string]bool{}
	for _, p := range all {
		back, err := contact.ParsePhone(p.E164())
		require.NoError(t, err, p.E164())
		assert.Equal(t, p, back)
		assert.False(t, seen[p.E164()], "each number once")
		seen[p.E164()] = true
		regions[p.Region()] = true
	}
	assert.Greater(t, len(regions), 200)
	assert.True(t, regions["001"], "non-geographic calling codes")

	za, ok := billingtest.Phone("ZA", contact.PhoneTypeMobile)
	require.True(t, ok)
	assert.Equal(t, "ZA", za.Region())
	assert.Equal(t, contact.PhoneTypeMobile, za.Type())
	fixed, ok := billingtest.Phone("GB", contact.PhoneTypeFixedLine)
	require.True(t, ok)
	either, ok := billingtest.Phone("GB", contact.PhoneTypeFixedLineOrMobile)
	require.True(t, ok)
	assert.Equal(t, fixed, either)
	_, ok = billingtest.Phone("ZZ", contact.PhoneTypeMobile)
	assert.False(t, ok)
	_, ok = billingtest.Phone("ZA", contact.PhoneTypeUnknown)
	assert.False(t, ok)
	_, ok = billingtest.Phone("001", contact.PhoneTypeTollFree)
	assert.True(t, ok)

	all[0] = contact.Phone{}
	assert.False(t, billingtest.Phones()[0].IsZero(), "a fresh slice")
}

// TestGenIsDeterministic: the same seed gives the same values, the zero Gen is NewGen(0),
// a copy of a Gen continues its stream, and different seeds give different values.
func TestGenIsDeterministic(t *testing.T) {
	run := func(g *billingtest.Gen) [][]byte {
		var out [][]byte
		for range 5 {
			for _, kind := range billingtest.Kinds() {
				doc := g.Doc(kind)
				bad, want := g.Mutate(kind, doc)
				out = append(out, doc, bad, []byte(want.String()), []byte(g.Name().String()))
			}
		}
		return out
	}
	for _, seed := range []uint64{0, 1, 42, 1 << 63} {
		assert.Equal(t, run(billingtest.NewGen(seed)), run(billingtest.NewGen(seed)), "seed %d", seed)
	}
	assert.Equal(t, run(billingtest.NewGen(0)), run(&billingtest.Gen{}), "the zero Gen")
	assert.NotEqual(t, run(billingtest.NewGen(1)), run(billingtest.NewGen(2)))

	g := billingtest.NewGen(7)
	g.Name()
	c := *g
	assert.Equal(t, run(g), run(&c), "a copy continues the stream")
}

func TestDocPanicsOnlyForUnknownKinds(t *testing.T) {
	g := billingtest.NewGen(3)
	for _, k := range billingtest.Kinds() {
		assert.NotPanics(t, func() { g.Doc(k) })
	}
	assert.True(t, slices.Equal(billingtest.Kinds(), []string{"customer-create", "account-create", "customer", "account",
		"customer-update", "account-update"}))
}
