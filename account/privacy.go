package account

import (
	"fmt"
	"log/slog"
)

// String returns r in its JSON form ("bcus_…" or "cust_7781" quoted, or a new customer's
// object) with a new customer's email and phone masked, for printing and logging; the zero
// CustomerRef is null. Use MarshalJSON for the wire form.
func (r CustomerRef) String() string {
	return string(r.appendJSON(make([]byte, 0, r.size()), true))
}

// Format writes the masked form of [CustomerRef.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints a new customer's email or phone
// in full.
func (r CustomerRef) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r for log/slog: the customer ID or external reference as a string, or
// a new customer as the group of its members with the email and phone masked (see
// customer.CreateRequest.LogValue). The zero CustomerRef is an empty group.
func (r CustomerRef) LogValue() slog.Value {
	switch r.kind {
	case RefCustomerID:
		return slog.StringValue(r.id.String())
	case RefExternalReference:
		return slog.StringValue(r.ref.String())
	case RefNewCustomer:
		return r.nc.LogValue()
	default:
		return slog.GroupValue()
	}
}

// String returns r in its JSON form with a new customer's email and phone masked
// ({"customer":{"external_reference":"cust_1","email":"j***@example.com",…},…}), for
// printing and logging. Use MarshalJSON for the wire form. The zero CreateRequest is {}.
func (r CreateRequest) String() string {
	if r.IsZero() {
		return "{}"
	}
	b := append(make([]byte, 0, r.size()), '{')
	return string(append(r.appendMembers(b, true), '}'))
}

// Format writes the masked form of [CreateRequest.String] for every verb and flag.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r as a group of its members for log/slog, a new customer's email and
// phone masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 7)
	if !r.IsZero() {
		attrs = append(attrs,
			slog.Attr{Key: fieldCustomer, Value: r.customer.LogValue()},
			slog.String(fieldExternalReference, r.ref.String()))
	}
	attrs = r.f.AppendNameLogAttr(attrs)
	return slog.GroupValue(r.f.AppendMoneyLogAttrs(attrs)...)
}

// String returns a in its JSON form, for printing and logging; an account holds no
// personal data to mask. The zero Account is {}.
func (a Account) String() string {
	if a.IsZero() {
		return "{}"
	}
	b := append(make([]byte, 0, a.size()), '{')
	return string(append(a.appendMembers(b), '}'))
}

// Format writes the form of [Account.String] for every verb and flag, so that %v, %+v
// and %#v print the account's members, not its internal fields.
func (a Account) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), a.String())
}

// LogValue returns a as a group of its members for log/slog.
func (a Account) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 8)
	if !a.IsZero() {
		attrs = append(attrs,
			slog.String(fieldID, a.id.String()),
			slog.String(fieldExternalReference, a.ref.String()),
			slog.String(fieldCustomerID, a.customerID.String()))
	}
	attrs = a.f.AppendNameLogAttr(attrs)
	return slog.GroupValue(a.f.AppendMoneyLogAttrs(attrs)...)
}
