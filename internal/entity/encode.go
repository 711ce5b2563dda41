package entity

import (
	"iter"
	"log/slog"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// AppendJSON appends v as the JSON document d to b: its members in the order of the
// table, absent ones omitted, metadata keys sorted, strings escaped as encoding/json
// escapes them. This is the wire form: personal data is written in full.
func AppendJSON(b []byte, d Doc, v *Values) []byte {
	return appendDoc(b, d, v, Wire)
}

// AppendMasked appends v as AppendJSON does, but with every member that holds personal
// data (email, phone, and those of a new customer) in its masked form: the form of String
// and Format, for printing and logging, never for the wire.
func AppendMasked(b []byte, d Doc, v *Values) []byte {
	return appendDoc(b, d, v, Masked)
}

// A Form gives the text a string member is written as.
type Form func(m *member, v *Values) string

// Wire is the member's value; Masked is its masked form where it holds personal data.
func Wire(m *member, v *Values) string { return m.get(v) }

// Masked is the member's masked form where it holds personal data, its value elsewhere.
func Masked(m *member, v *Values) string {
	if m.masked != nil {
		return m.masked(v)
	}
	return m.get(v)
}

func appendDoc(b []byte, d Doc, v *Values, text Form) []byte {
	b = append(b, '{')
	start := len(b)
	for _, m := range membersOf(d, func(_ int, m *member) bool { return m.has(v) }) {
		b = appendName(b, start, m.name)
		switch {
		case m.get != nil:
			b = strictjson.AppendString(b, text(m, v))
		case m.name == "customer":
			b = appendCustomerRef(b, v, text)
		default:
			b = m.write(b, v)
		}
	}
	return append(b, '}')
}

// membersOf returns the members of document d that keep reports true for, in the order
// of the table, with their positions.
func membersOf(d Doc, keep func(i int, m *member) bool) iter.Seq2[int, *member] {
	return func(yield func(int, *member) bool) {
		for i := range members {
			if m := &members[i]; m.in&d != 0 && keep(i, m) && !yield(i, m) {
				return
			}
		}
	}
}

// appendName appends a member's name and its colon, after a comma unless the object
// that starts at start has no member yet.
func appendName(b []byte, start int, name string) []byte {
	if len(b) > start {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':')
}

// appendCustomerRef appends the customer member's value: the ID or external reference
// as a string, or the new customer's create request as an object.
func appendCustomerRef(b []byte, v *Values, text Form) []byte {
	r := v.Customer
	switch r.Kind {
	case RefCustomerID:
		return strictjson.AppendString(b, r.ID.String())
	case RefExternalReference:
		return strictjson.AppendString(b, r.Ref.String())
	case RefNewCustomer:
		return appendDoc(b, CustomerCreate, r.New, text)
	default:
		return append(b, "null"...)
	}
}

// AppendCustomerRef appends the customer member's value r in its wire form.
func AppendCustomerRef(b []byte, r CustomerRef) []byte {
	return appendCustomerRef(b, &Values{Customer: r}, Wire)
}

// AppendCustomerRefMasked appends r as AppendCustomerRef does, a new customer's personal
// data masked.
func AppendCustomerRefMasked(b []byte, r CustomerRef) []byte {
	return appendCustomerRef(b, &Values{Customer: r}, Masked)
}

// CustomerRefLog returns r for log/slog: the ID or external reference, or a new customer
// as a group of its members, personal data masked.
func CustomerRefLog(r CustomerRef) slog.Value { return customerRefLog(r) }

// LogAttrs returns v's members present in document d as slog attributes, in the order of
// the encoding, personal data masked; a new customer is a group of its own.
func LogAttrs(d Doc, v *Values) []slog.Attr {
	attrs := make([]slog.Attr, 0, 8)
	for _, m := range membersOf(d, func(_ int, m *member) bool { return m.has(v) }) {
		attrs = append(attrs, slog.Attr{Key: m.name, Value: m.logValue(v)})
	}
	return attrs
}

// ZeroError is the failure of encoding the zero value of a document, which is not a
// document: required at the member that the zero value lacks.
func ZeroError(member, message string) error {
	return billing.Errors{report.At(member).Error(billing.CodeRequired, message)}
}
