package customer

import (
	"fmt"
	"log/slog"

	"github.com/tallykit/billing/internal/entity"
)

// String returns r in its JSON form with the email and phone masked
// ({"external_reference":"cust_1","email":"j***@example.com","phone":"+27*******89",…}),
// for printing and logging. Use MarshalJSON for the wire form. The zero CreateRequest is {}.
func (r CreateRequest) String() string {
	return string(entity.AppendMasked(nil, entity.CustomerCreate, &r.v))
}

// Format writes the masked form of [CreateRequest.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints the email or phone in full.
func (r CreateRequest) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), r.String())
}

// LogValue returns r as a group of its members for log/slog, with the email and phone
// masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value {
	return slog.GroupValue(entity.LogAttrs(entity.CustomerCreate, &r.v)...)
}

// String returns c in its JSON form with the email and phone masked, for printing and
// logging. Use MarshalJSON for the wire form. The zero Customer is {}.
func (c Customer) String() string {
	return string(entity.AppendMasked(nil, entity.CustomerObject, &c.v))
}

// Format writes the masked form of [Customer.String] for every verb and flag.
func (c Customer) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), c.String())
}

// LogValue returns c as a group of its members for log/slog, with the email and phone
// masked.
func (c Customer) LogValue() slog.Value {
	return slog.GroupValue(entity.LogAttrs(entity.CustomerObject, &c.v)...)
}
