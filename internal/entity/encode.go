package entity

import (
	"fmt"
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

// A Form is how a document is written: [Wire] for the wire (personal data in full),
// [Masked] for printing and logging (personal data masked).
type Form uint8

// The forms of a document.
const (
	Wire Form = iota
	Masked
)

// text returns the text member m is written as in form f.
func (f Form) text(m *member, v *Values) string {
	if f == Masked {
		return m.maskedText(v)
	}
	s, _ := m.text(v)
	return s
}

func appendDoc(b []byte, d Doc, v *Values, text Form) []byte {
	b = append(b, '{')
	start := len(b)
	for _, m := range membersOf(d, func(_ int, m *member) bool { return m.has(v) }) {
		b = appendName(b, start, m.name)
		switch {
		case m.kind == kCustomer:
			b = appendCustomerRef(b, v, text)
		case m.kind < kBalance:
			b = strictjson.AppendString(b, text.text(m, v))
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

// MaskedString returns v as the masked JSON document d (see AppendMasked): the String of
// the public types.
func MaskedString(d Doc, v *Values) string { return string(AppendMasked(nil, d, v)) }

// LogValue returns v as a group of its members in the document d for log/slog, personal
// data masked (see LogAttrs): the LogValue of the public types.
func LogValue(d Doc, v *Values) slog.Value { return slog.GroupValue(LogAttrs(d, v)...) }

// Format writes s, the masked form of a value, for every verb and flag (%v, %+v, %#v, %s,
// %q, …): the Format of the public types, so that no format directive prints personal
// data in full.
func Format(f fmt.State, verb rune, s string) { fmt.Fprintf(f, fmt.FormatString(f, verb), s) }

// LogAttrs returns v's members present in document d as slog attributes, in the order of
// the encoding, personal data masked; a new customer is a group of its own.
func LogAttrs(d Doc, v *Values) []slog.Attr {
	attrs := make([]slog.Attr, 0, 8)
	for _, m := range membersOf(d, func(_ int, m *member) bool { return m.has(v) }) {
		attrs = append(attrs, slog.Attr{Key: m.name, Value: m.logValue(v)})
	}
	return attrs
}

// Marshal returns the JSON document d of v, as Encode writes it, in a buffer of its size.
func Marshal(d Doc, v *Values) ([]byte, error) {
	return Encode(make([]byte, 0, Size(d, v)), d, v)
}

// Encode appends the JSON document d of v to b, as AppendJSON does. The zero value of an
// object or a create request is not a document (see [IsZero]): it fails with required at
// the member it lacks, and b is returned unchanged.
func Encode(b []byte, d Doc, v *Values) ([]byte, error) {
	if IsZero(d, v) {
		if d&objects != 0 {
			return b, ZeroError("id", "cannot encode the zero "+typeName(d)+": it has no ID")
		}
		return b, ZeroError("external_reference", "cannot encode the zero CreateRequest: it has no external reference")
	}
	return AppendJSON(b, d, v), nil
}

// ZeroError is the failure of encoding the zero value of a document, which is not a
// document: required at the member that the zero value lacks.
func ZeroError(member, message string) error {
	return billing.Errors{report.At(member).Error(billing.CodeRequired, message)}
}

// Size returns about how many bytes the JSON document d of v takes, to size a buffer once:
// exact unless strings need escapes.
func Size(d Doc, v *Values) int {
	n := 2
	for _, m := range membersOf(d, func(_ int, m *member) bool { return m.has(v) }) {
		n += len(m.name) + 4
		switch m.kind {
		case kCustomer:
			n += len(v.Customer.ID.String()) + len(v.Customer.Ref.String()) + 2
			if v.Customer.New != nil {
				n += Size(CustomerCreate, v.Customer.New)
			}
		case kBalance:
			n += 20
		case kPaymentRules:
			n += len(`{"min_amount":,"max_amount":,"underpayment_allowed":false,"overpayment_allowed":false}`) + 32
		case kMetadata:
			for k, val := range v.Metadata.All() {
				n += len(k) + len(val) + 6
			}
		default:
			s, _ := m.text(v)
			n += len(s) + 2
		}
	}
	return n
}
