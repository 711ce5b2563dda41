package customer

import (
	"fmt"
	"log/slog"
)

// String returns r in its JSON form with the email and phone masked
// ({"external_reference":"cust_1","email":"j***@example.com","phone":"+27*******89",…}),
// for printing and logging. Use MarshalJSON for the wire form.
func (r CreateRequest) String() string {
	b := append(make([]byte, 0, r.size()), '{')
	if !r.ref.IsZero() {
		b = r.appendMembers(b, true, true)
	}
	return string(append(b, '}'))
}

// Format writes the masked form of [CreateRequest.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints the email or phone in full.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r as a group of its members for log/slog, with the email and phone
// masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value {
	return slog.GroupValue(r.appendLogAttrs(make([]slog.Attr, 0, 8))...)
}

func (r *CreateRequest) appendLogAttrs(attrs []slog.Attr) []slog.Attr {
	if !r.ref.IsZero() {
		attrs = append(attrs, slog.String(fieldExternalReference, r.ref.String()))
	}
	attrs = r.f.AppendNameLogAttr(attrs)
	if !r.email.IsZero() {
		attrs = append(attrs, slog.String(fieldEmail, r.email.Masked()))
	}
	if !r.phone.IsZero() {
		attrs = append(attrs, slog.String(fieldPhone, r.phone.Masked()))
	}
	return r.f.AppendMoneyLogAttrs(attrs)
}

// String returns c in its JSON form with the email and phone masked, for printing and
// logging. Use MarshalJSON for the wire form.
func (c Customer) String() string {
	b := append(make([]byte, 0, c.size()), '{')
	if !c.id.IsZero() {
		b = append(b, `"id":"`...)
		b = append(b, c.id.String()...)
		b = append(b, '"')
		b = c.req.appendMembers(b, false, true)
	}
	return string(append(b, '}'))
}

// Format writes the masked form of [Customer.String] for every verb and flag.
func (c Customer) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), c.String())
}

// LogValue returns c as a group of its members for log/slog, with the email and phone
// masked.
func (c Customer) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 10)
	if !c.id.IsZero() {
		attrs = append(attrs, slog.String(fieldID, c.id.String()))
	}
	return slog.GroupValue(c.req.appendLogAttrs(attrs)...)
}
