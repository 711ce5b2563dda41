package account

import (
	"fmt"
	"log/slog"

	"github.com/tallykit/billing/internal/entity"
)

// String returns r in its JSON form ("bcus_…" or "cust_7781" quoted, or a new customer's
// object) with a new customer's email and phone masked, for printing and logging; the zero
// CustomerRef is null. Use MarshalJSON for the wire form.
func (r CustomerRef) String() string { return string(entity.AppendCustomerRefMasked(nil, r.r)) }

// Format writes the masked form of [CustomerRef.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints a new customer's email or phone
// in full.
func (r CustomerRef) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r for log/slog: the customer ID or external reference as a string, or
// a new customer as the group of its members with the email and phone masked. The zero
// CustomerRef is an empty group.
func (r CustomerRef) LogValue() slog.Value { return entity.CustomerRefLog(r.r) }

// String returns r in its JSON form with a new customer's email and phone masked
// ({"customer":{"external_reference":"cust_1","email":"j***@example.com",…},…}), for
// printing and logging. Use MarshalJSON for the wire form. The zero CreateRequest is {}.
func (r CreateRequest) String() string {
	return string(entity.AppendMasked(nil, entity.AccountCreate, &r.v))
}

// Format writes the masked form of [CreateRequest.String] for every verb and flag.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r as a group of its members for log/slog, a new customer's email and
// phone masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value {
	return slog.GroupValue(entity.LogAttrs(entity.AccountCreate, &r.v)...)
}

// String returns a in its JSON form, for printing and logging; an account holds no
// personal data to mask. The zero Account is {}.
func (a Account) String() string {
	return string(entity.AppendMasked(nil, entity.AccountObject, &a.v))
}

// Format writes the form of [Account.String] for every verb and flag, so that %v, %+v
// and %#v print the account's members, not its internal fields.
func (a Account) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), a.String())
}

// LogValue returns a as a group of its members for log/slog.
func (a Account) LogValue() slog.Value {
	return slog.GroupValue(entity.LogAttrs(entity.AccountObject, &a.v)...)
}
