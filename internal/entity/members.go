package entity

import (
	"log/slog"
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

// member is one row of the table of members: its name, the documents that define and
// require it, how it is read, checked and written. A string member has parse, which is
// its rule (reading JSON and building from Go values both call it); the others have read.
type member struct {
	name     string
	in       Doc
	required Doc
	parse    func(v *Values, s string) error                 // string members: check s, set v
	read     func(o strictjson.Object, v *Values, st *state) // other members, from JSON
	get      func(v *Values) string                          // string members: the value, "" when absent
	write    func(b []byte, v *Values) []byte                // other members: the value, when present (not customer)
	present  func(v *Values) bool                            // other members
	masked   func(v *Values) string                          // members holding personal data: their masked form
}

// has reports whether v holds the member.
func (m *member) has(v *Values) bool {
	if m.get != nil {
		return m.get(v) != ""
	}
	return m.present(v)
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
// absent members).
var members = [...]member{
	{name: "id", in: CustomerObject, required: CustomerObject,
		parse: func(v *Values, s string) (err error) { v.CustomerID, err = ids.ParseCustomerID(s); return },
		get:   func(v *Values) string { return idString(v.CustomerID) }},
	{name: "id", in: AccountObject, required: AccountObject,
		parse: func(v *Values, s string) (err error) { v.AccountID, err = ids.ParseAccountID(s); return },
		get:   func(v *Values) string { return idString(v.AccountID) }},
	{name: "customer", in: AccountCreate, required: AccountCreate,
		present: func(v *Values) bool { return v.Customer.Kind != RefNone }}, // read by Read itself: it nests a document
	{name: "external_reference", in: CustomerCreate | CustomerObject, required: CustomerCreate | CustomerObject,
		parse: func(v *Values, s string) (err error) { v.Ref, err = ids.ParseCustomerExternalReference(s); return },
		get:   func(v *Values) string { return idString(v.Ref) }},
	{name: "external_reference", in: AccountCreate | AccountObject, required: AccountCreate | AccountObject,
		parse: func(v *Values, s string) (err error) { v.Ref, err = ids.ParseAccountExternalReference(s); return },
		get:   func(v *Values) string { return idString(v.Ref) }},
	{name: "customer_id", in: AccountObject, required: AccountObject,
		parse: func(v *Values, s string) (err error) { v.CustomerID, err = ids.ParseCustomerID(s); return },
		get:   func(v *Values) string { return idString(v.CustomerID) }},
	{name: "name", in: allDocs,
		parse: func(v *Values, s string) (err error) { v.Name, err = contact.ParseName(s); return },
		get:   func(v *Values) string { return v.Name.String() }},
	{name: "email", in: customerDocs,
		parse:  func(v *Values, s string) (err error) { v.Email, err = contact.ParseEmail(s); return },
		get:    func(v *Values) string { return v.Email.Address() },
		masked: func(v *Values) string { return v.Email.Masked() }},
	// A request's phone is checked against today's numbering plans; an object's only by its
	// E.164 shape, so that an object written earlier stays readable when the plans change.
	{name: "phone", in: customerDocs &^ CustomerObject,
		parse:  func(v *Values, s string) (err error) { v.Phone, err = contact.ParsePhone(s); return },
		get:    func(v *Values) string { return v.Phone.E164() },
		masked: func(v *Values) string { return v.Phone.Masked() }},
	{name: "phone", in: CustomerObject,
		parse:  func(v *Values, s string) (err error) { v.Phone, err = contact.ParseStoredPhone(s); return },
		get:    func(v *Values) string { return v.Phone.E164() },
		masked: func(v *Values) string { return v.Phone.Masked() }},
	// A request's currency is a current ISO 4217 code; an object's may be one withdrawn since.
	{name: "currency", in: requests, read: readCurrency,
		get: func(v *Values) string { return currencyString(v.Currency) }},
	{name: "currency", in: objects, read: readStoredCurrency,
		get: func(v *Values) string { return currencyString(v.Currency) }},
	{name: "balance", in: allDocs, read: readBalance,
		write:   func(b []byte, v *Values) []byte { return strconv.AppendInt(b, v.Balance, 10) },
		present: func(v *Values) bool { return v.HasBalance }},
	{name: "payment_rules", in: objects, read: readPaymentRules,
		write: appendPaymentRules, present: func(v *Values) bool { return !v.Rules.IsZero() }},
	{name: "metadata", in: allDocs, read: readMetadata,
		write: appendMetadata, present: func(v *Values) bool { return v.HasMeta }},
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
func find(d Doc, name []byte) int {
	for i := range members {
		if m := &members[i]; m.in&d != 0 && m.name == string(name) {
			return i
		}
	}
	return -1
}

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
// the document's entity; its failures ("metadata.<key>") go under the object that holds
// the member.
func readMetadata(o strictjson.Object, v *Values, st *state) {
	if o.Null() {
		return
	}
	if o.Kind() != strictjson.KindObject {
		o.Object() // records invalid_type
		return
	}
	raw, ok := o.Raw()
	if !ok {
		return
	}
	md, err := metadata.Decode(raw, st.limits)
	if err != nil {
		o.AddUnder(o.Prefix(), err)
		return
	}
	v.Metadata, v.HasMeta = md, true
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
	switch {
	case m.name == "customer":
		return customerRefLog(v.Customer)
	case m.masked != nil:
		return slog.StringValue(m.masked(v))
	case m.get != nil:
		return slog.StringValue(m.get(v))
	case m.name == "balance":
		return slog.Int64Value(v.Balance)
	case m.name == "payment_rules":
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
	if m.parse != nil {
		var scratch Values
		if es := report.Errs(m.parse(&scratch, "")); len(es) > 0 {
			return es[0].Code, es[0].Message
		}
	}
	return billing.CodeRequired, msgRefRequired
}
