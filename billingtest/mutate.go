package billingtest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/metadata"
)

// Mutation is a named way to make a valid document of one kind invalid, such that it
// then fails with exactly one failure, of code Code, which [Mutation.Apply] returns with
// its place. A fuzz target or a property test can then hold any validator to the exact
// verdict, not only to "no panic".
type Mutation struct {
	Name string       // what it breaks, like "name-too-long" or "metadata-key-too-long"
	Kind string       // the kind of document it applies to, one of Kinds
	Code billing.Code // the code of the one failure it produces

	rule *rule
}

// form is what a document is: a create request, an object, or an update request.
type form int

const (
	formCreate form = iota
	formObject
	formUpdate
)

// shape is what the mutations need to know of a kind: its members and which are
// required, its entity, whether it is a request or an object, its metadata limits.
type shape struct {
	entity   string // "customer" or "account"
	form     form
	members  []string
	required []string
	limits   metadata.Limits
}

func (s *shape) has(name string) bool { return slices.Contains(s.members, name) }

// request reports whether documents of s are held to today's rules (a phone valid by
// today's metadata, a current currency), as requests are; objects are read faithfully to
// history.
func (s *shape) request() bool { return s.form != formObject }

var shapes = map[string]*shape{
	KindCustomerCreate: {"customer", formCreate,
		[]string{"external_reference", "name", "email", "phone", "currency", "balance", "metadata"},
		[]string{"external_reference"}, metadata.CustomerLimits()},
	KindAccountCreate: {"account", formCreate,
		[]string{"customer", "external_reference", "name", "currency", "balance", "metadata"},
		[]string{"customer", "external_reference"}, metadata.AccountLimits()},
	KindCustomer: {"customer", formObject,
		[]string{"id", "external_reference", "name", "email", "phone", "currency", "balance", "payment_rules", "metadata"},
		[]string{"id", "external_reference"}, metadata.CustomerLimits()},
	KindAccount: {"account", formObject,
		[]string{"id", "external_reference", "customer_id", "name", "currency", "balance", "payment_rules", "metadata"},
		[]string{"id", "external_reference", "customer_id"}, metadata.AccountLimits()},
	KindCustomerUpdate: {"customer", formUpdate,
		[]string{"name", "email", "phone", "currency", "balance", "metadata"}, nil, metadata.CustomerLimits()},
	KindAccountUpdate: {"account", formUpdate,
		[]string{"name", "currency", "balance", "metadata"}, nil, metadata.AccountLimits()},
}

// site is the object a mutation changes: the document, or the new customer inside an
// account create request.
type site struct {
	g *Gen
	s *shape
	o *object
}

// rule is a mutation for every kind it applies to. A whole-document rule (whole) makes
// the document fail as a whole; a member rule (do) changes one place of an object of a
// shape it applies to and returns the names that locate the failure inside that object.
type rule struct {
	name    string
	code    billing.Code
	applies func(*shape) bool
	whole   func(g *Gen, doc []byte) []byte
	do      func(*site) []string
}

func always(*shape) bool { return true }

func hasMember(name string) func(*shape) bool {
	return func(s *shape) bool { return s.has(name) }
}

func inRequest(name string) func(*shape) bool {
	return func(s *shape) bool { return s.has(name) && s.request() }
}

// ensureCurrency gives the object a currency when it needs one for a balance or payment
// rules: in a create request or an object (an update alone never needs one).
func (st *site) ensureCurrency() {
	if st.s.form != formUpdate && !st.o.has("currency") {
		st.o.set("currency", jsonString(st.g.Currency().String()))
	}
}

// setMember sets name to value and returns the place of the failure it causes.
func (st *site) setMember(name string, value []byte) []string {
	st.o.set(name, value)
	return []string{name}
}

// nestedObject returns the object held by the member name, or an empty one when it is
// absent, null or not an object.
func (st *site) nestedObject(name string) object {
	if i := st.o.index(name); i >= 0 {
		if o, err := parseObject((*st.o)[i].value); err == nil {
			return o
		}
	}
	return object{}
}

// metadataEntries returns the metadata member's entries, and how many of them set a key
// (a value that is not null).
func (st *site) metadataEntries() (object, int) {
	md := st.nestedObject("metadata")
	set := 0
	for _, m := range md {
		if string(m.value) != "null" {
			set++
		}
	}
	return md, set
}

// withKey renames one entry of the metadata to key, or adds the entry key with a valid
// value when there is none, and returns the place of key.
func (st *site) withKey(key string) []string {
	md, _ := st.metadataEntries()
	if len(md) > 0 {
		md[st.g.intn(len(md))].name = key
	} else {
		md = append(md, member{key, jsonString("v")})
	}
	st.o.set("metadata", md.encode())
	return []string{"metadata", key}
}

// withValue sets the value of one entry of the metadata that sets a key (or of a new
// entry, when none does) and returns its place.
func (st *site) withValue(value []byte) []string {
	md, set := st.metadataEntries()
	var key string
	if set > 0 {
		var setting []int
		for i, m := range md {
			if string(m.value) != "null" {
				setting = append(setting, i)
			}
		}
		i := setting[st.g.intn(len(setting))]
		md[i].value, key = value, md[i].name
	} else {
		key = st.freshKey(md)
		md = append(md, member{key, value})
	}
	st.o.set("metadata", md.encode())
	return []string{"metadata", key}
}

// freshKey returns a valid key that md does not hold.
func (st *site) freshKey(md object) string {
	for {
		k := st.g.metadataKey(st.s.limits)
		if md.index(k) < 0 {
			return k
		}
	}
}

// paymentRules returns the members of the object's payment rules, adding valid rules (and
// a currency) when it has none.
func (st *site) paymentRules() object {
	st.ensureCurrency()
	pr := st.nestedObject("payment_rules")
	if len(pr) == 0 {
		b, _ := st.g.PaymentRules().MarshalJSON()
		pr, _ = parseObject(b)
	}
	return pr
}

// paymentRulesMembers are the members of payment rules.
var paymentRulesMembers = []string{"min_amount", "max_amount", "underpayment_allowed", "overpayment_allowed"}

// editPaymentRules picks one of names, lets edit break that member of the object's payment
// rules, and returns the path of the failure it makes.
func (st *site) editPaymentRules(names []string, edit func(pr *object, name string)) []string {
	pr := st.paymentRules()
	name := st.g.pick(names)
	edit(&pr, name)
	st.o.set("payment_rules", pr.encode())
	return []string{"payment_rules", name}
}

// text returns n code points of valid name text: letters of several scripts and spaces,
// never white space at either end.
func (g *Gen) text(n int) string {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = pickRune(g, latinLower)
		if i > 0 && i < n-1 && g.chance(8) {
			rs[i] = ' '
		}
	}
	return string(rs)
}

var unknownMembers = []string{"nickname", "id", "external_reference", "customer", "customer_id", "email",
	"phone", "payment_rules", "created_at", "Name", "NAME", "currency_code"}

// rules are every mutation, in the order Mutations lists them.
var rules = []*rule{
	// The document as a whole.
	{name: "truncated", code: billing.CodeInvalidJSON, applies: always,
		whole: func(g *Gen, doc []byte) []byte { return doc[:len(doc)-1-g.intn(min(len(doc)-1, 3))] }},
	{name: "trailing-data", code: billing.CodeInvalidJSON, applies: always,
		whole: func(g *Gen, doc []byte) []byte { return append(doc, g.pick([]string{"{}", " x", ",", "]", "0"})...) }},
	{name: "byte-order-mark", code: billing.CodeInvalidJSON, applies: always,
		whole: func(g *Gen, doc []byte) []byte { return append([]byte("\xef\xbb\xbf"), doc...) }},
	{name: "nesting-too-deep", code: billing.CodeInvalidJSON, applies: always,
		whole: func(g *Gen, doc []byte) []byte {
			o, _ := parseObject(doc)
			o.set("nesting", []byte(strings.Repeat("[", 64)+strings.Repeat("]", 64)))
			return o.encode()
		}},
	{name: "not-an-object", code: billing.CodeInvalidType, applies: always,
		whole: func(g *Gen, doc []byte) []byte {
			switch g.intn(4) {
			case 0:
				return []byte("null")
			case 1:
				return jsonString(string(doc))
			}
			return append(append([]byte("["), doc...), ']')
		}},
	{name: "over-1-mib", code: billing.CodeTooLong, applies: always,
		whole: func(g *Gen, doc []byte) []byte {
			return append(doc, bytes.Repeat([]byte{' '}, max(0, maxDocument+1-len(doc)))...)
		}},

	// Members of any kind.
	{name: "unknown-member", code: billing.CodeUnknownField, applies: always,
		do: func(st *site) []string {
			var names []string
			for _, n := range unknownMembers {
				if !st.s.has(n) && st.o.index(n) < 0 {
					names = append(names, n)
				}
			}
			name := st.g.pick(names)
			return st.setMember(name, []byte(st.g.pick([]string{`"x"`, `1`, `null`, `{}`, `[]`, `true`})))
		}},
	{name: "duplicate-member", code: billing.CodeDuplicateField, applies: always,
		do: func(st *site) []string {
			if len(*st.o) == 0 {
				st.o.set("name", jsonString(st.g.Name().String()))
			}
			m := (*st.o)[st.g.intn(len(*st.o))]
			*st.o = append(*st.o, m)
			return []string{m.name}
		}},
	{name: "missing-required", code: billing.CodeRequired, applies: func(s *shape) bool { return len(s.required) > 0 },
		do: func(st *site) []string {
			name := st.g.pick(st.s.required)
			st.o.remove(name)
			return []string{name}
		}},
	{name: "required-null", code: billing.CodeRequired, applies: func(s *shape) bool { return len(s.required) > 0 },
		do: func(st *site) []string { return st.setMember(st.g.pick(st.s.required), []byte("null")) }},
	{name: "empty-string", code: billing.CodeRequired, applies: always,
		do: func(st *site) []string {
			var names []string
			for _, n := range st.s.members {
				if n != "balance" && n != "metadata" && n != "payment_rules" {
					names = append(names, n)
				}
			}
			return st.setMember(st.g.pick(names), []byte(`""`))
		}},
	{name: "wrong-type", code: billing.CodeInvalidType, applies: always,
		do: func(st *site) []string {
			name := st.g.pick(st.s.members)
			var value string
			switch name {
			case "balance":
				st.ensureCurrency()
				value = st.g.pick([]string{`"2000"`, `true`, `[2000]`, `{}`})
			case "payment_rules":
				st.ensureCurrency()
				value = st.g.pick([]string{`"x"`, `true`, `[]`, `1000`})
			case "metadata":
				value = st.g.pick([]string{`"x"`, `true`, `[]`, `1`})
			default:
				value = st.g.pick([]string{`42`, `true`, `false`, `[]`, `["x"]`, `1.5`})
				if name != "customer" { // an object is a new customer there
					value = st.g.pick([]string{value, `{}`})
				}
			}
			return st.setMember(name, []byte(value))
		}},

	// Names.
	{name: "name-too-long", code: billing.CodeTooLong, applies: hasMember("name"),
		do: func(st *site) []string { return st.setMember("name", jsonString(st.g.text(maxName+1+st.g.intn(3)))) }},
	{name: "name-blank", code: billing.CodeRequired, applies: hasMember("name"),
		do: func(st *site) []string {
			return st.setMember("name", jsonString(st.g.pick([]string{" ", "   ", "\u00a0", "\u3000", "\t", " \u2003 "})))
		}},
	{name: "name-bad-character", code: billing.CodeInvalidCharacters, applies: hasMember("name"),
		do: func(st *site) []string {
			bad := st.g.pick([]string{"\u202e", "\u200b", "\u0000", "\u0007", "\u007f", "\u0085", "\ue000", "\ufeff", "\u00ad", "\ufe0f", "\U0010fffd"})
			name := st.g.text(2+st.g.intn(6)) + bad + st.g.text(1+st.g.intn(6))
			return st.setMember("name", jsonString(name))
		}},
	{name: "name-invalid-utf8", code: billing.CodeInvalidCharacters, applies: hasMember("name"),
		do: func(st *site) []string {
			bad := st.g.pick([]string{"\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf", `\ud800`, `\udfff`})
			return st.setMember("name", []byte(`"Jane`+bad+`Doe"`))
		}},

	// Emails and phones (customers, and the new customer of an account create request).
	{name: "email-bad-format", code: billing.CodeInvalidFormat, applies: hasMember("email"),
		do: func(st *site) []string {
			return st.setMember("email", jsonString(st.g.pick([]string{"jane.example.com", "jane@", "@example.com",
				"jane@example", "jane..doe@example.com", ".jane@example.com", "josé@example.com", "jane@-example.com",
				"jane@example.123", "jane doe@example.com", strings.Repeat("j", 65) + "@example.com",
				"jane@" + strings.Repeat("e", 64) + ".com"})))
		}},
	{name: "email-too-long", code: billing.CodeTooLong, applies: hasMember("email"),
		do: func(st *site) []string {
			return st.setMember("email", jsonString(strings.Repeat("j", 64)+"@"+strings.Repeat("e", 63)+"."+
				strings.Repeat("x", 63)+"."+strings.Repeat("a", 60+st.g.intn(5))+".com"))
		}},
	{name: "phone-bad-shape", code: billing.CodeInvalidFormat, applies: hasMember("phone"),
		do: func(st *site) []string {
			return st.setMember("phone", jsonString(st.g.pick([]string{"27123456789", "+0123456789", "+1234567890123456",
				"+27 12 345 6789", "+", "+27-123-456-789", "0027123456789", "+２７123456789", "tel:+27123456789"})))
		}},
	{name: "phone-not-valid", code: billing.CodeInvalidPhone, applies: inRequest("phone"),
		do: func(st *site) []string {
			return st.setMember("phone", jsonString(st.g.pick([]string{"+15555555555", "+2712345678", "+8100000000",
				"+999123456789", "+123456789012345", "+4407911123456", "+440"})))
		}},

	// Money.
	{name: "currency-lower-case", code: billing.CodeInvalidCurrency, applies: hasMember("currency"),
		do: func(st *site) []string {
			c := st.g.Currency().String()
			if st.g.chance(2) {
				c = strings.ToLower(c)
			} else {
				c = c[:2] + strings.ToLower(c[2:])
			}
			return st.setMember("currency", jsonString(c))
		}},
	{name: "currency-unknown", code: billing.CodeInvalidCurrency, applies: hasMember("currency"),
		do: func(st *site) []string {
			return st.setMember("currency", jsonString(st.g.pick([]string{"XTS", "XXX", "XAU", "XDR", "ABC", "ZA",
				"ZARR", "€", "Z\u0410R", " ZAR"})))
		}},
	{name: "currency-withdrawn", code: billing.CodeInvalidCurrency, applies: inRequest("currency"),
		do: func(st *site) []string {
			return st.setMember("currency", jsonString(st.g.pick([]string{"HRK", "SLL", "ZWL", "ANG", "BGN", "DEM", "VEF"})))
		}},
	{name: "currency-missing", code: billing.CodeRequired, applies: func(s *shape) bool { return s.has("currency") && s.form != formUpdate },
		do: func(st *site) []string {
			if !st.o.has("balance") && !st.o.has("payment_rules") {
				st.o.set("balance", jsonInt(st.g.minor()))
			}
			if st.g.chance(2) {
				st.o.remove("currency")
			} else {
				st.o.set("currency", []byte("null"))
			}
			return []string{"currency"}
		}},
	{name: "balance-not-an-integer", code: billing.CodeInvalidType, applies: hasMember("balance"),
		do: func(st *site) []string {
			st.ensureCurrency()
			return st.setMember("balance", []byte(st.g.pick([]string{"2000.0", "1.5", "2e3", "1E2", "-0.0", "0.1e1"})))
		}},
	{name: "balance-out-of-range", code: billing.CodeOutOfRange, applies: hasMember("balance"),
		do: func(st *site) []string {
			st.ensureCurrency()
			v := st.g.pick([]string{"9007199254740992", "-9007199254740992", "9007199254740993", "-9223372036854775808",
				"9223372036854775807", "18446744073709551616", "-100000000000000000000"})
			return st.setMember("balance", []byte(v))
		}},

	// Metadata.
	{name: "metadata-too-many-keys", code: billing.CodeTooManyKeys, applies: hasMember("metadata"),
		do: func(st *site) []string {
			md := object{}
			for i := range st.s.limits.MaxKeys + 1 + st.g.intn(3) {
				md = append(md, member{fmt.Sprintf("key_%02d", i), jsonString(st.g.metadataValue(st.s.limits))})
			}
			return st.setMember("metadata", md.encode())[:1]
		}},
	{name: "metadata-key-too-long", code: billing.CodeKeyTooLong, applies: hasMember("metadata"),
		do: func(st *site) []string {
			n := st.s.limits.MaxKeyLength + 1 + st.g.intn(3)
			return st.withKey(st.g.cut(keyPool(), keyChars, n))
		}},
	{name: "metadata-key-invalid", code: billing.CodeInvalidKey, applies: hasMember("metadata"),
		do: func(st *site) []string {
			return st.withKey(st.g.pick([]string{"", "a\u0001b", "tab\tkey", "\u007f", "c1\u0085", "line\nbreak", "\u0000"}))
		}},
	{name: "metadata-duplicate-key", code: billing.CodeDuplicateField, applies: hasMember("metadata"),
		do: func(st *site) []string {
			md, _ := st.metadataEntries()
			var m member
			if len(md) > 0 {
				m = md[st.g.intn(len(md))]
			} else {
				m = member{st.freshKey(md), jsonString("v")}
				md = append(md, m)
			}
			md = append(md, m)
			st.o.set("metadata", md.encode())
			return []string{"metadata", m.name}
		}},
	{name: "metadata-value-too-long", code: billing.CodeTooLong, applies: hasMember("metadata"),
		do: func(st *site) []string {
			n := st.s.limits.MaxValueLength + 1 + st.g.intn(3)
			return st.withValue(jsonString(st.g.cut(valuePool(), valueChars, n)))
		}},
	{name: "metadata-value-empty", code: billing.CodeRequired, applies: hasMember("metadata"),
		do: func(st *site) []string { return st.withValue([]byte(`""`)) }},
	{name: "metadata-value-invalid-utf8", code: billing.CodeInvalidCharacters, applies: hasMember("metadata"),
		do: func(st *site) []string {
			return st.withValue([]byte(`"caf` + st.g.pick([]string{"\xe9", "\xff", "\xed\xa0\x80", `\ud800`, `\udc00x`}) + `"`))
		}},
	{name: "metadata-value-not-a-string", code: billing.CodeInvalidType, applies: hasMember("metadata"),
		do: func(st *site) []string {
			values := []string{"42", "true", "{}", "[]", `["v"]`, "1.5"}
			if st.s.form != formUpdate {
				values = append(values, "null") // in an update, null removes the key
			}
			return st.withValue([]byte(st.g.pick(values)))
		}},

	// References and IDs.
	{name: "external-reference-reserved-prefix", code: billing.CodeInvalidFormat, applies: hasMember("external_reference"),
		do: func(st *site) []string {
			prefix := ids.CustomerIDPrefix
			if st.s.entity == "account" {
				prefix = ids.AccountIDPrefix
			}
			return st.setMember("external_reference", jsonString(prefix+st.g.ascii(refChars, 1+st.g.intn(20))))
		}},
	{name: "external-reference-bad-character", code: billing.CodeInvalidFormat, applies: hasMember("external_reference"),
		do: func(st *site) []string {
			bad := st.g.pick([]string{" ", ".", "/", "é", "+", "\u0000", "\u00a0", "#"})
			return st.setMember("external_reference", jsonString("cust"+bad+st.g.ascii(base62, 1+st.g.intn(8))))
		}},
	{name: "external-reference-too-long", code: billing.CodeTooLong, applies: hasMember("external_reference"),
		do: func(st *site) []string {
			return st.setMember("external_reference", jsonString(st.g.ascii(base62, ids.MaxLength+1+st.g.intn(3))))
		}},
	{name: "id-bad-format", code: billing.CodeInvalidFormat, applies: hasMember("id"),
		do: func(st *site) []string {
			own, other := ids.CustomerIDPrefix, ids.AccountIDPrefix
			if st.s.entity == "account" {
				own, other = other, own
			}
			rest := st.g.ascii(base62, 21)
			return st.setMember("id", jsonString(st.g.pick([]string{other + rest, own, own + "a-b", own + "a_b",
				strings.ToUpper(own) + rest, own[:4] + rest, rest})))
		}},
	{name: "id-too-long", code: billing.CodeTooLong, applies: hasMember("id"),
		do: func(st *site) []string {
			prefix := ids.CustomerIDPrefix
			if st.s.entity == "account" {
				prefix = ids.AccountIDPrefix
			}
			return st.setMember("id", jsonString(prefix+st.g.ascii(base62, ids.MaxLength-len(prefix)+1+st.g.intn(3))))
		}},
	{name: "customer-id-bad-format", code: billing.CodeInvalidFormat, applies: hasMember("customer_id"),
		do: func(st *site) []string {
			return st.setMember("customer_id", jsonString(st.g.pick([]string{ids.AccountIDPrefix + st.g.ascii(base62, 21),
				ids.CustomerIDPrefix, "cust_0042", ids.CustomerIDPrefix + "x.y"})))
		}},
	{name: "customer-reference-bad-format", code: billing.CodeInvalidFormat, applies: hasMember("customer"),
		do: func(st *site) []string {
			return st.setMember("customer", jsonString(st.g.pick([]string{ids.CustomerIDPrefix, ids.CustomerIDPrefix + "a-b",
				ids.CustomerIDPrefix + "é", "cust 0042", "cust.0042", "ünïcode"})))
		}},

	// Payment rules (objects).
	{name: "payment-rules-max-below-min", code: billing.CodeOutOfRange, applies: hasMember("payment_rules"),
		do: func(st *site) []string {
			pr := st.paymentRules()
			lo := 2 + st.g.intn(1_000_000)
			pr.set("min_amount", jsonInt(int64(lo)))
			pr.set("max_amount", jsonInt(int64(lo-1-st.g.intn(lo-1))))
			st.o.set("payment_rules", pr.encode())
			return []string{"payment_rules", "max_amount"}
		}},
	{name: "payment-rules-amount-out-of-range", code: billing.CodeOutOfRange, applies: hasMember("payment_rules"),
		do: func(st *site) []string {
			return st.editPaymentRules([]string{"min_amount", "max_amount"}, func(pr *object, name string) {
				pr.set(name, []byte(st.g.pick([]string{"0", "-1", "9007199254740992", "-9007199254740991"})))
			})
		}},
	{name: "payment-rules-missing-member", code: billing.CodeRequired, applies: hasMember("payment_rules"),
		do: func(st *site) []string {
			return st.editPaymentRules(paymentRulesMembers, func(pr *object, name string) {
				if st.g.chance(2) {
					pr.remove(name)
				} else {
					pr.set(name, []byte("null"))
				}
			})
		}},
	{name: "payment-rules-wrong-type", code: billing.CodeInvalidType, applies: hasMember("payment_rules"),
		do: func(st *site) []string {
			return st.editPaymentRules(paymentRulesMembers, func(pr *object, name string) {
				value := st.g.pick([]string{`"100"`, `1.5`, `true`, `[]`})
				if strings.HasSuffix(name, "_allowed") {
					value = st.g.pick([]string{`"true"`, `1`, `0`, `[]`, `{}`})
				}
				pr.set(name, []byte(value))
			})
		}},
}

// Mutations returns every mutation that applies to documents of kind (one of [Kinds]),
// each with its name and the code of the failure it produces: breaking the JSON as a
// whole (truncated, trailing data, a byte order mark, nesting over 64 levels, not an
// object, over 1 MiB), adding an unknown or a duplicate member, removing a required one,
// and breaking each member's rule (a name over 255 code points, a bad phone, a lower-case
// currency, a balance with a fraction, a metadata key over 40 code points, …). For an
// account create request, the mutations of a customer's members apply to its new
// customer. Mutations panics when kind is not one of [Kinds].
func Mutations(kind string) []Mutation {
	checkKind(kind)
	var out []Mutation
	for _, r := range rules {
		if r.applies(shapes[kind]) || kind == KindAccountCreate && r.do != nil && r.applies(shapes[KindCustomerCreate]) {
			out = append(out, Mutation{Name: r.name, Kind: kind, Code: r.code, rule: r})
		}
	}
	return out
}

// Apply changes doc, a valid document of m's kind (one of [Gen.Doc], a valid [Case], or
// the caller's own), into an invalid one, and returns it with the one failure it must
// produce: its code is m.Code, its place the member that m broke. g chooses what to break
// and how; the same g state and doc give the same result. The mutated document is written
// compact, its members in the order of doc (a member that m adds comes last). Where
// the rule broken needs a member the document lacks, Apply adds it valid first (a
// currency beside a balance, payment rules, a new customer object in an account create
// request).
//
// Apply panics when doc is not a JSON object or m is the zero Mutation. For a document
// that is not valid, the failure returned is not the only one it produces.
func (m Mutation) Apply(g *Gen, doc []byte) (mutated []byte, want Failure) {
	if m.rule == nil {
		panic("billingtest: Apply of the zero Mutation")
	}
	o, err := parseObject(doc)
	if err != nil {
		panic("billingtest: Mutation.Apply: the document is not a JSON object: " + err.Error())
	}
	r := m.rule
	if r.whole != nil {
		return r.whole(g, o.encode()), Failure{Code: r.code}
	}
	top := shapes[m.Kind]
	nested := m.Kind == KindAccountCreate && r.applies(shapes[KindCustomerCreate])
	if !nested || r.applies(top) && g.chance(2) {
		names := r.do(&site{g, top, &o})
		return o.encode(), failureAt(r.code, names)
	}
	var inner object
	if i := o.index("customer"); i < 0 || !bytes.HasPrefix(bytes.TrimSpace(o[i].value), []byte("{")) {
		b, _ := g.CustomerCreate().MarshalJSON()
		inner, _ = parseObject(b)
	} else {
		inner, _ = parseObject(o[i].value)
	}
	names := r.do(&site{g, shapes[KindCustomerCreate], &inner})
	o.set("customer", inner.encode())
	return o.encode(), failureAt(r.code, append([]string{"customer"}, names...))
}

// failureAt returns the failure of code at the member that names locate.
func failureAt(code billing.Code, names []string) Failure {
	fe := billing.NewFieldError(code, "", names...)
	return Failure{Field: fe.Field, Pointer: fe.Pointer, Code: code}
}

// Mutate applies one of [Mutations](kind), chosen at random, to doc, a valid document of
// kind, as [Mutation.Apply] does, and returns the mutated document with the one failure
// it must produce. It panics when kind is not one of [Kinds] or doc is not a JSON object.
func (g *Gen) Mutate(kind string, doc []byte) (mutated []byte, want Failure) {
	ms := Mutations(kind)
	return ms[g.intn(len(ms))].Apply(g, doc)
}
