package entity

import (
	"encoding/binary"
	"log/slog"
	"math/bits"
	"strconv"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Doc names one kind of document. A [member] says in which documents it is defined and in
// which it is required, as a set of Docs.
type Doc uint8

// The documents of the two entities.
const (
	CustomerCreate Doc = 1 << iota
	CustomerObject
	CustomerUpdate
	AccountCreate
	AccountObject
	AccountUpdate

	customerDocs = CustomerCreate | CustomerObject | CustomerUpdate
	accountDocs  = AccountCreate | AccountObject | AccountUpdate
	objects      = CustomerObject | AccountObject
	updates      = CustomerUpdate | AccountUpdate
	requests     = CustomerCreate | AccountCreate | updates
	allDocs      = customerDocs | accountDocs

	// SkipUnknown, added to an object document, has its reader skip the members it does
	// not define (still well-formed, never twice) instead of reporting them unknown_field:
	// an API adds members over time, and a reader of its objects may tolerate them.
	SkipUnknown Doc = 1 << 7
)

// Object returns the object document that an update document d changes.
func (d Doc) Object() Doc {
	if d&customerDocs != 0 {
		return CustomerObject
	}
	return AccountObject
}

// Limits returns the metadata limits of the entity that d belongs to.
func (d Doc) Limits() metadata.Limits {
	if d&customerDocs != 0 {
		return metadata.CustomerLimits()
	}
	return metadata.AccountLimits()
}

// Messages of the rules that span members.
const (
	msgCurrencyNeeded = `is required when balance or payment_rules is given: send an ISO 4217 code, like "ZAR"`
	msgBalanceRange   = "must be an integer from -9007199254740991 to 9007199254740991"
)

// kind says what a member holds, and so how it is read, checked and written.
type kind uint8

// The kinds of members. The string kinds come first: each is read through one rule, a
// value parser of the package that owns the value.
const (
	kCustomerID     kind = iota + 1 // a customer's id, an account's customer_id
	kAccountID                      // an account's id
	kCustomerRefStr                 // a customer's external_reference
	kAccountRefStr                  // an account's external_reference
	kName
	kEmail
	kPhone               // a request's phone: a valid number in canonical form today
	kStoredPhone         // an object's phone: the E.164 shape alone
	lastString           = kStoredPhone
	kCurrency       kind = iota // a request's currency: a current ISO 4217 code
	kStoredCurrency             // an object's currency: current or withdrawn since
	kBalance
	kPaymentRules
	kMetadata
	kCustomer // an account request's customer member, which may nest a customer document
)

// member is one row of the table of members: its name, the documents that define and
// require it, and what it holds. Its methods switch on the kind, so that the table is
// data and the compiler sees every call (a value read never escapes through a func value).
type member struct {
	name     string
	in       Doc
	required Doc
	kind     kind
}

// isString reports whether m is read through a value parser (parse).
func (m *member) isString() bool { return m.kind <= lastString }

// parse is a string member's rule: it checks s and sets the member in v.
func (m *member) parse(v *Values, s string) (err error) {
	switch m.kind {
	case kCustomerID:
		v.CustomerID, err = ids.ParseCustomerID(s)
	case kAccountID:
		v.AccountID, err = ids.ParseAccountID(s)
	case kCustomerRefStr:
		v.Ref, err = ids.ParseCustomerExternalReference(s)
	case kAccountRefStr:
		v.Ref, err = ids.ParseAccountExternalReference(s)
	case kName:
		v.Name, err = contact.ParseName(s)
	case kEmail:
		v.Email, err = contact.ParseEmail(s)
	case kPhone:
		v.Phone, err = contact.ParsePhone(s)
	case kStoredPhone:
		v.Phone, err = contact.ParseStoredPhone(s)
	}
	return err
}

// text returns the value of a member written as a JSON string ("" when v does not hold
// it), and whether m is such a member.
func (m *member) text(v *Values) (string, bool) {
	switch m.kind {
	case kCustomerID:
		return idString(v.CustomerID), true
	case kAccountID:
		return idString(v.AccountID), true
	case kCustomerRefStr, kAccountRefStr:
		return idString(v.Ref), true
	case kName:
		return v.Name.String(), true
	case kEmail:
		return v.Email.Address(), true
	case kPhone, kStoredPhone:
		return v.Phone.E164(), true
	case kCurrency, kStoredCurrency:
		return currencyString(v.Currency), true
	}
	return "", false
}

// maskedText returns the member's text as printed and logged: masked where it holds
// personal data (email, phone), as [member.text] elsewhere.
func (m *member) maskedText(v *Values) string {
	switch m.kind {
	case kEmail:
		return v.Email.Masked()
	case kPhone, kStoredPhone:
		return v.Phone.Masked()
	}
	s, _ := m.text(v)
	return s
}

// has reports whether v holds the member.
func (m *member) has(v *Values) bool {
	if s, ok := m.text(v); ok {
		return s != ""
	}
	switch m.kind {
	case kBalance:
		return v.HasBalance
	case kPaymentRules:
		return !v.Rules.IsZero()
	case kMetadata:
		return v.HasMeta
	default: // kCustomer
		return v.Customer.Kind != RefNone
	}
}

// read reads a member that is not a string member from the current member of o.
func (m *member) read(o strictjson.Object, v *Values, st *state) {
	switch m.kind {
	case kCurrency:
		readCurrency(o, v, st)
	case kStoredCurrency:
		readStoredCurrency(o, v, st)
	case kBalance:
		readBalance(o, v, st)
	case kPaymentRules:
		readPaymentRules(o, v, st)
	case kMetadata:
		readMetadata(o, v, st)
	default: // kCustomer
		readCustomerRef(o, v)
	}
}

// write appends the value of balance, payment_rules or metadata.
func (m *member) write(b []byte, v *Values) []byte {
	switch m.kind {
	case kBalance:
		return strconv.AppendInt(b, v.Balance, 10)
	case kPaymentRules:
		return appendPaymentRules(b, v)
	default: // kMetadata
		return appendMetadata(b, v)
	}
}

// state is what the rule that spans members needs to know after the loop.
type state struct {
	limits        metadata.Limits
	currencyGiven bool // currency present and not null, valid or not
	needCurrency  bool // balance or payment_rules present and not null, valid or not
}

func (st *state) missingCurrency() bool { return st.needCurrency && !st.currencyGiven }

// members is the table, in the order every document lists its members: restricted to one
// document, it is that document's order (the order of encoding, and of the failures of
// absent members). A request's phone is checked against today's numbering plans and its
// currency must be current; an object's phone needs only its E.164 shape and its currency
// may be one withdrawn since, so that an object written earlier stays readable.
var members = [...]member{
	{"id", CustomerObject, CustomerObject, kCustomerID},
	{"id", AccountObject, AccountObject, kAccountID},
	{"customer", AccountCreate, AccountCreate, kCustomer},
	{"external_reference", CustomerCreate | CustomerObject, CustomerCreate | CustomerObject, kCustomerRefStr},
	{"external_reference", AccountCreate | AccountObject, AccountCreate | AccountObject, kAccountRefStr},
	{"customer_id", AccountObject, AccountObject, kCustomerID},
	{"name", allDocs, 0, kName},
	{"email", customerDocs, 0, kEmail},
	{"phone", customerDocs &^ CustomerObject, 0, kPhone},
	{"phone", CustomerObject, 0, kStoredPhone},
	{"currency", requests, 0, kCurrency},
	{"currency", objects, 0, kStoredCurrency},
	{"balance", allDocs, 0, kBalance},
	{"payment_rules", objects, 0, kPaymentRules},
	{"metadata", allDocs, 0, kMetadata},
}

// fieldCurrency is the member that the rule spanning balance, payment_rules and currency
// reports on.
const fieldCurrency = "currency"

// idString returns the string of an ID or reference, "" for the zero one.
func idString[T interface {
	IsZero() bool
	String() string
}](x T) string {
	if x.IsZero() {
		return ""
	}
	return x.String()
}

func currencyString(c money.Currency) string {
	if c.IsZero() {
		return ""
	}
	return c.String()
}

// find returns the position in the table of the member named name in document d, or -1
// when d does not define it.
func find(d Doc, name []byte) int { return lookup(d, name, false) }

// findQuoted returns the position in the table of the member of document d whose name b
// starts with, followed by a quote (the rest of a document after a name's opening
// quote), or -1 when there is none. It compares b's first eight bytes with each candidate
// name's as one word, which decides a name of up to seven bytes, its quote included, at
// once; shorter data is left to lookup.
func findQuoted(d Doc, b []byte) int {
	if len(b) < 8 {
		return lookup(d, b, true)
	}
	w := binary.LittleEndian.Uint64(b) // its first byte taken from w, not loaded again: one load
	for set := membersByFirst[byte(w)] & membersOfDoc[d&allDocs]; set != 0; set &= set - 1 {
		i := bits.TrailingZeros32(set)
		if w&nameWords[i].mask != nameWords[i].word {
			continue
		}
		name := members[i].name
		if n := len(name); n < 8 || len(b) > n && b[n] == '"' && string(b[8:n]) == name[8:] {
			return i
		}
	}
	return -1
}

// nameWords[i] holds the first eight bytes of members[i]'s name followed by its closing
// quote, as a little-endian word, and the mask of the bytes that word holds.
var nameWords = func() (t [len(members)]struct{ word, mask uint64 }) {
	for i, m := range members {
		quoted := m.name + `"`
		for j := 0; j < len(quoted) && j < 8; j++ {
			t[i].word |= uint64(quoted[j]) << (8 * j)
			t[i].mask |= 0xff << (8 * j)
		}
	}
	return t
}()

// lookup is find (quoted false: b is the whole name) and findQuoted. It compares b only with
// the names that start with its first byte.
func lookup(d Doc, b []byte, quoted bool) int {
	if len(b) == 0 {
		return -1
	}
	for set := membersByFirst[b[0]] & membersOfDoc[d&allDocs]; set != 0; set &= set - 1 {
		i := bits.TrailingZeros32(set)
		name := members[i].name
		n := len(name)
		if quoted && len(b) > n && b[n] == '"' || !quoted && len(b) == n {
			if string(b[:n]) == name {
				return i
			}
		}
	}
	return -1
}

// membersByFirst[c] has bit i set when members[i]'s name starts with the byte c.
var membersByFirst = func() (t [256]uint32) {
	for i, m := range members {
		t[m.name[0]] |= 1 << i
	}
	return t
}()

// membersOfDoc[d] and requiredOfDoc[d] have bit i set when members[i] is a member of the
// document d, and a required one.
var membersOfDoc, requiredOfDoc = func() (in, required [allDocs + 1]uint32) {
	for d := range in {
		for i, m := range members {
			if m.in&Doc(d) != 0 {
				in[d] |= 1 << i
			}
			if m.required&Doc(d) != 0 {
				required[d] |= 1 << i
			}
		}
	}
	return in, required
}()

// readCurrency reads the currency member; it is a string member whose presence also
// matters to the rule that balance and payment_rules need it.
func readCurrency(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	st.currencyGiven = true
	b, ok := o.StringBytes()
	if !ok {
		return
	}
	// Called directly, not through a func value, so that string(b) is not allocated.
	if err := setCurrency(v, st, string(b)); err != nil {
		o.FailErr(err)
	}
}

// readStoredCurrency reads an object's currency: a current code or one withdrawn since
// the object was written.
func readStoredCurrency(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	st.currencyGiven = true
	b, ok := o.StringBytes()
	if !ok {
		return
	}
	c, err := money.ParseStoredCurrency(string(b))
	if err != nil {
		o.FailErr(err)
		return
	}
	v.Currency = c
}

// setCurrency is the currency member's rule: a current ISO 4217 code.
func setCurrency(v *Values, st *state, s string) error {
	st.currencyGiven = true
	c, err := money.ParseCurrency(s)
	if err != nil {
		return err
	}
	v.Currency = c
	return nil
}

func readBalance(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	st.needCurrency = true
	v.Balance, v.HasBalance = o.Int(-money.MaxMinorUnits, money.MaxMinorUnits)
}

// readPaymentRules reads payment_rules through money's own reader; its failures
// ("payment_rules.max_amount") go under the object that holds the member.
func readPaymentRules(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	st.needCurrency = true
	raw, ok := o.Raw()
	if !ok {
		return
	}
	r, err := money.DecodePaymentRules(raw)
	if err != nil {
		o.AddUnder(o.Prefix(), err)
		return
	}
	v.Rules = r
}

// readMetadata reads metadata through the metadata package's reader under the limits of
// the document's entity; null leaves it absent.
func readMetadata(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	if md, ok := readObject(o, metadata.Decode, st.limits); ok {
		v.Metadata, v.HasMeta = md, true
	}
}

// readObject reads the member's value, which must be an object, with decode (the metadata
// package's reader of a whole document, under l), and reports whether it read cleanly. A
// value of another type is invalid_type at the member; decode's failures ("metadata.<key>")
// go under the object that holds the member.
func readObject[T any](o strictjson.Object, decode func([]byte, metadata.Limits) (T, error), l metadata.Limits) (T, bool) {
	var zero T
	if o.Kind() != strictjson.KindObject {
		o.Object() // records invalid_type
		return zero, false
	}
	raw, ok := o.Raw()
	if !ok {
		return zero, false
	}
	v, err := decode(raw, l)
	if err != nil {
		o.AddUnder(o.Prefix(), err)
		return zero, false
	}
	return v, true
}

func appendPaymentRules(b []byte, v *Values) []byte {
	r := v.Rules
	b = append(b, `{"min_amount":`...)
	b = strconv.AppendInt(b, r.MinAmount(), 10)
	b = append(b, `,"max_amount":`...)
	b = strconv.AppendInt(b, r.MaxAmount(), 10)
	b = append(b, `,"underpayment_allowed":`...)
	b = strconv.AppendBool(b, r.UnderpaymentAllowed())
	b = append(b, `,"overpayment_allowed":`...)
	b = strconv.AppendBool(b, r.OverpaymentAllowed())
	return append(b, '}')
}

func appendMetadata(b []byte, v *Values) []byte {
	b = append(b, '{')
	first := true
	for k, val := range v.Metadata.All() {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = strictjson.AppendString(b, k)
		b = append(b, ':')
		b = strictjson.AppendString(b, val)
	}
	return append(b, '}')
}

// logValue returns the member's value for log/slog, masked where it holds personal data.
func (m *member) logValue(v *Values) slog.Value {
	if _, ok := m.text(v); ok {
		return slog.StringValue(m.maskedText(v))
	}
	switch m.kind {
	case kCustomer:
		return customerRefLog(v.Customer)
	case kBalance:
		return slog.Int64Value(v.Balance)
	case kPaymentRules:
		r := v.Rules
		return slog.GroupValue(
			slog.Int64("min_amount", r.MinAmount()),
			slog.Int64("max_amount", r.MaxAmount()),
			slog.Bool("underpayment_allowed", r.UnderpaymentAllowed()),
			slog.Bool("overpayment_allowed", r.OverpaymentAllowed()))
	default: // metadata
		entries := make([]slog.Attr, 0, v.Metadata.Len())
		for k, val := range v.Metadata.All() {
			entries = append(entries, slog.String(k, val))
		}
		return slog.GroupValue(entries...)
	}
}

func customerRefLog(r CustomerRef) slog.Value {
	switch r.Kind {
	case RefCustomerID:
		return slog.StringValue(r.ID.String())
	case RefExternalReference:
		return slog.StringValue(r.Ref.String())
	case RefNewCustomer:
		return slog.GroupValue(LogAttrs(CustomerCreate, r.New)...)
	default:
		return slog.GroupValue()
	}
}

// requiredError returns the failure of a required member that is absent or null at loc:
// the failure its own rule gives "" (required, with the rule's message).
func (m *member) requiredError() (billing.Code, string) {
	if m.isString() {
		var scratch Values
		if es := report.Errs(m.parse(&scratch, "")); len(es) > 0 {
			return es[0].Code, es[0].Message
		}
	}
	return billing.CodeRequired, MsgRefRequired
}

// clear removes the member from v, as an update's null does. An update names no other
// kind of member than these.
func (m *member) clear(v *Values) {
	switch m.kind {
	case kName:
		v.Name = contact.Name{}
	case kEmail:
		v.Email = contact.Email{}
	case kPhone, kStoredPhone:
		v.Phone = contact.Phone{}
	case kCurrency, kStoredCurrency:
		v.Currency = money.Currency{}
	case kBalance:
		v.Balance, v.HasBalance = 0, false
	case kMetadata:
		v.Metadata, v.HasMeta = metadata.Metadata{}, false
	}
}
