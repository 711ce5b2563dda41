package entity

import (
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// Decode reads the JSON document data as a document d into v. It fails with a
// billing.Errors holding every failure, in document order, at most one per place: those of
// the members present, then of the required members that are absent (in the order of the
// table), then the currency that a balance or payment rules need. On failure v holds what
// was read and is to be dropped.
func Decode(data []byte, d Doc, v *Values) error {
	if decodeQuickly(data, d, v) {
		return nil
	}
	*v = Values{}
	return strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) { Read(o, d, v) })
}

// Read reads the members of the object o, which is being read, as a document d into v,
// recording every failure at its member's place under o's, as [Decode] does.
func Read(o strictjson.Object, d Doc, v *Values) {
	st := state{limits: d.Limits()}
	var seen uint32 // bit i: members[i] was present
	for o.Next() {
		i := find(d, o.NameBytes())
		if i < 0 {
			if d&SkipUnknown != 0 {
				o.Skip()
			} else {
				o.Unknown()
			}
			continue
		}
		seen |= 1 << i
		m := &members[i]
		if m.isString() {
			readString(o, m, v, m.required&d != 0)
		} else {
			m.read(o, v, &st)
		}
	}
	for i := range members {
		m := &members[i]
		if m.required&d != 0 && seen&(1<<i) == 0 {
			code, msg := m.requiredError()
			o.AddAt(o.Prefix().Member(m.name), code, msg)
		}
	}
	if st.missingCurrency() {
		o.AddAt(o.Prefix().Member(fieldCurrency), billing.CodeRequired, msgCurrencyNeeded)
	}
}

// readString reads a string member through its rule: null is absent for an optional
// member and the rule's required failure for a required one; a value that is not a string
// is invalid_type.
func readString(o strictjson.Object, m *member, v *Values, required bool) {
	if o.Null() {
		if required {
			code, msg := m.requiredError()
			o.Fail(code, msg)
		}
		return
	}
	b, ok := o.StringBytes()
	if !ok {
		return
	}
	if err := m.parse(v, string(b)); err != nil {
		o.FailErr(err)
	}
}

// Messages of the customer member's failures.
const (
	// MsgRefRequired is the failure of an absent customer member.
	MsgRefRequired = "must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4, the customer's " +
		"external reference like cust_7781, or a new customer object"
	msgRefType = "must be a string (a customer ID like bcus_H4jp6KnU5cPw263v1jyz4, or the customer's " +
		"external reference like cust_7781) or an object (a new customer)"
	msgRefFormat = "must be a customer ID like bcus_H4jp6KnU5cPw263v1jyz4 or the customer's external " +
		"reference: letters A-Z, a-z, digits 0-9, _ and -, like cust_7781"
	msgRefIDPrefix = "is read as a customer ID, because it starts with bcus_, and "
	// MsgRefReserved is the failure of an external reference starting with bcus_ given as
	// a customer member: it would be read back as a customer ID.
	MsgRefReserved = "must not start with bcus_ when it is an external reference: such a string is read as a customer ID"
	// MsgRefTwice is the failure of a customer member given both as a string and as a new customer.
	MsgRefTwice = "is given twice: set either Customer (an ID or an external reference) or NewCustomer, not both"
)

// ParseCustomerRef reads the string form of the customer member: a string starting with
// "bcus_" is an existing customer's ID and must be a valid one; any other string is an
// existing customer's external reference (1–255 of A-Za-z0-9_-; only bcus_ is reserved
// here). Its failure is at "customer".
func ParseCustomerRef(s string) (CustomerRef, error) {
	if strings.HasPrefix(s, ids.CustomerIDPrefix) {
		id, err := ids.ParseCustomerID(s)
		if err != nil {
			return CustomerRef{}, refError(err, true)
		}
		return CustomerRef{Kind: RefCustomerID, ID: id}, nil
	}
	ref, err := ids.ParseExternalReference(s)
	if err != nil {
		return CustomerRef{}, refError(err, false)
	}
	return CustomerRef{Kind: RefExternalReference, Ref: ref}, nil
}

// refError puts a failure of ids' parsers at "customer", with a message that speaks of
// both string forms.
func refError(err error, isID bool) error {
	fe := report.Errs(err)[0]
	msg := fe.Message
	switch {
	case fe.Code == billing.CodeRequired:
		msg = MsgRefRequired
	case fe.Code == billing.CodeInvalidFormat && isID:
		msg = msgRefIDPrefix + msg
	case fe.Code == billing.CodeInvalidFormat:
		msg = msgRefFormat
	}
	return report.At("customer").Fail(fe.Code, msg)
}

// readCustomerRef reads the customer member in any of its three forms, a new customer in
// place as a customer create request with its failures under the member's place.
func readCustomerRef(o strictjson.Object, v *Values) {
	switch o.Kind() {
	case strictjson.KindNull:
		o.Null()
		o.Fail(billing.CodeRequired, MsgRefRequired)
	case strictjson.KindString:
		b, ok := o.StringBytes()
		if !ok {
			break
		}
		r, err := ParseCustomerRef(string(b))
		if err != nil {
			o.FailErr(err)
			break
		}
		v.Customer = r
	case strictjson.KindObject:
		nested, ok := o.Object()
		if !ok {
			break
		}
		before := o.Failures()
		nc := new(Values)
		Read(nested, CustomerCreate, nc)
		if o.Failures() == before {
			v.Customer = CustomerRef{Kind: RefNewCustomer, New: nc}
		}
	default:
		o.Fail(billing.CodeInvalidType, msgRefType)
		o.Skip()
	}
}

// DecodeCustomerRef reads a document that holds the customer member alone, as an account
// create request reads it, with its failures at "customer" and under it.
func DecodeCustomerRef(doc []byte) (CustomerRef, error) {
	var v Values
	err := strictjson.Decode(doc, report.Loc{}, func(o strictjson.Object) {
		for o.Next() {
			if string(o.NameBytes()) == "customer" {
				readCustomerRef(o, &v)
			}
		}
	})
	return v.Customer, err
}
