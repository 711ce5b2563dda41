package customer

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"

	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// The forms the values are read from and written in: JSON documents, table columns, and
// the masked forms for printing and logging.

// DecodeCreateRequest reads a customer create request from its JSON document: an object
// with the members external_reference (required), name, email, phone, currency, balance
// and metadata. null for an optional member means absent.
//
// It fails with a billing.Errors holding every failure of the document, one per place, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB
// with too_long alone, one that is not an object with invalid_type alone, all at the
// whole document (field "", pointer ""). An unknown member is unknown_field
// (payment_rules and id too: they are not part of a request), a member given twice
// duplicate_field, an integer written with a fraction or an exponent invalid_type, a
// string with invalid UTF-8 is reported by its field's rule and never repaired.
func DecodeCreateRequest(data []byte) (r CreateRequest, err error) {
	// Read into the result itself: a local returned would be zeroed and copied once more.
	if err = entity.Decode(data, entity.CustomerCreate, &r.v); err != nil {
		return CreateRequest{}, err
	}
	return r, nil
}

// Decode reads a customer object from its JSON document, as DecodeOptions{}.Decode does.
func Decode(data []byte) (Customer, error) { return DecodeOptions{}.Decode(data) }

// DecodeOptions say how a customer object is read.
type DecodeOptions struct {
	// AllowUnknown skips the members a customer object does not define (an API adds
	// members over time) instead of reporting them unknown_field. A skipped member must
	// still be well-formed JSON and not given twice; every known member is still checked.
	AllowUnknown bool
}

// Decode reads a customer object from its JSON document: the members of a create
// request, plus id (required, a customer ID) and payment_rules (an object of min_amount,
// max_amount, underpayment_allowed and overpayment_allowed, all required; each amount
// within 1..2^53−1 and max_amount not below min_amount). balance and payment_rules both
// require currency. It fails as [DecodeCreateRequest] does.
//
// An object is what a server wrote earlier, so reading it is faithful to history: the
// phone needs only the E.164 shape (contact.Phone.IsValid says whether today's numbering
// plans hold it valid), and the currency may be one withdrawn from ISO 4217 since (kept
// and written back unchanged; money.Currency.Withdrawn says since when). Every other rule
// is a request's.
func (opts DecodeOptions) Decode(data []byte) (Customer, error) {
	d := entity.CustomerObject
	if opts.AllowUnknown {
		d |= entity.SkipUnknown
	}
	var c Customer
	if err := entity.Decode(data, d, &c.v); err != nil {
		return Customer{}, err
	}
	return c, nil
}

// DecodeUpdateRequest reads a customer update request from its JSON document: an object
// with any of the members name, email, phone, currency, balance and metadata, each value
// checked by the rule of its member. null removes the member; "" is required, as
// everywhere; metadata is merged key by key, a string setting the key, null removing it
// (a removed key must still be a well-formed key), at most 20 keys set; "metadata": null
// removes every key. An update alone never requires a currency: that is decided when it
// is applied. Any other member (id, external_reference, payment_rules, unknown ones) is
// unknown_field.
//
// It fails with a billing.Errors holding every failure, in document order, as
// [DecodeCreateRequest] does.
func DecodeUpdateRequest(data []byte) (UpdateRequest, error) {
	var r UpdateRequest
	if err := entity.DecodeUpdate(data, entity.CustomerUpdate, &r.u); err != nil {
		return UpdateRequest{}, err
	}
	return r, nil
}

// ApplyJSON reads data, the JSON body of PATCH /billing/customers/{customer}, as an
// update request and applies it to c: [DecodeUpdateRequest] and then [Customer.Apply], in one
// call, and in one pass with no UpdateRequest between them where it can (an update
// written plainly that applies without a failure), which costs less than the two calls.
// It returns the failures of reading data when there are any, and applies nothing; else
// those of applying it. On failure it returns c, as Apply does.
func (c Customer) ApplyJSON(data []byte) (Customer, error) {
	err := entity.DecodeApply(data, entity.CustomerUpdate, &c.v) // c is the method's own copy
	return c, err
}

// UnmarshalJSON sets r from a JSON customer create request, as [DecodeCreateRequest]
// reads it. JSON null leaves r unchanged, as encoding/json expects of a value that may be
// absent. On failure r is unchanged and the error is a billing.Errors.
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeCreateRequest)
}

// UnmarshalJSON sets c from a JSON customer object, as [Decode] reads it. JSON null
// leaves c unchanged. On failure c is unchanged and the error is a billing.Errors.
func (c *Customer) UnmarshalJSON(data []byte) error { return strictjson.Unmarshal(c, data, Decode) }

// UnmarshalJSON sets r from a JSON customer update request, as [DecodeUpdateRequest]
// reads it. JSON null leaves r unchanged. On failure r is unchanged.
func (r *UpdateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeUpdateRequest)
}

// MarshalJSON writes r as the API's JSON create request: external_reference, name,
// email, phone, currency, balance, metadata, absent ones omitted, metadata keys sorted,
// strings escaped as encoding/json escapes them (<, > and & too, so the JSON can sit in
// HTML). The email and phone are written in full: this is the wire form, not a log form.
// The zero CreateRequest fails with required at "external_reference".
//
// [DecodeCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return entity.Marshal(entity.CustomerCreate, &r.v)
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	return entity.Encode(b, entity.CustomerCreate, &r.v)
}

// MarshalJSON writes c as the API's JSON customer object: id, then the members of its
// request in the order of [CreateRequest.MarshalJSON], with payment_rules before
// metadata. The zero Customer fails with required at "id".
//
// [Decode] reads the result back to a customer equal to c, and encoding that gives the
// same bytes.
func (c Customer) MarshalJSON() ([]byte, error) { return entity.Marshal(entity.CustomerObject, &c.v) }

// AppendJSON appends the JSON form of c (see [Customer.MarshalJSON]) to b.
func (c Customer) AppendJSON(b []byte) ([]byte, error) {
	return entity.Encode(b, entity.CustomerObject, &c.v)
}

// MarshalJSON writes r as the JSON update request it was read from: the members it sets,
// with their values in full (the wire form), those it removes as null, metadata with its
// removed keys as null. [DecodeUpdateRequest] reads it back to an equal update.
func (r UpdateRequest) MarshalJSON() ([]byte, error) {
	return entity.AppendUpdate(nil, entity.CustomerUpdate, &r.u, entity.Wire), nil
}

// Value returns r's JSON document for a json or jsonb column (a log of requests, say).
// The zero CreateRequest fails as MarshalJSON does.
func (r CreateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding a create request, read as
// [DecodeCreateRequest] reads it: a request is checked against today's rules.
func (r *CreateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeCreateRequest, "customer.CreateRequest")
}

// Value returns c's JSON object for a json or jsonb column (store a customer column by
// column with [Customer.Record]). The zero Customer fails as MarshalJSON does.
func (c Customer) Value() (driver.Value, error) { return entity.Value(c.MarshalJSON()) }

// Scan sets c from a json or jsonb column holding a customer object, read as [Decode]
// reads it: faithful to history, so a row written earlier stays readable. NULL fails with
// required: scan a nullable column into a sql.Null[customer.Customer] or a *Customer.
func (c *Customer) Scan(src any) error { return entity.Scan(c, src, Decode, "customer.Customer") }

// Value returns u's JSON document, its removals as null, for a json or jsonb column.
func (r UpdateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding an update request, read as
// [DecodeUpdateRequest] reads it.
func (r *UpdateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeUpdateRequest, "customer.UpdateRequest")
}

// Record is a customer as the columns of a table row: give its fields' addresses to
// Rows.Scan in the order of the table's columns, and its fields to Exec when writing. Each
// field's type reads and writes its column's whole value (never a masked one); a nullable
// column is a sql.Null, NULL meaning absent. A suitable PostgreSQL table:
//
//	create table customers (
//		id                 text primary key,
//		external_reference text not null unique,
//		name               text,
//		email              text,
//		phone              text,
//		currency           char(3),
//		balance            bigint,
//		payment_rules      jsonb,
//		metadata           jsonb
//	);
//
// Reading a column is faithful to history: a phone is read by its E.164 shape and a
// currency may be one withdrawn from ISO 4217 since the row was written, so a row stays
// readable after the phone metadata or the currency table changes.
type Record struct {
	ID                ids.CustomerID
	ExternalReference ids.ExternalReference
	Name              sql.Null[contact.Name]
	Email             sql.Null[contact.Email]
	Phone             sql.Null[contact.Phone]
	Currency          sql.Null[money.Currency]
	Balance           sql.Null[int64]
	PaymentRules      sql.Null[money.PaymentRules]
	Metadata          sql.Null[metadata.Metadata] // {} and NULL differ
}

// FromRecord returns the customer that r's columns hold. The values are each valid
// already; it checks what spans them, as [Decode] does: an ID and an external reference
// (required), a balance within ±(2^53−1), a currency when there is a balance or payment
// rules (required at "currency"), metadata within 20 keys. It fails with a billing.Errors.
func FromRecord(r Record) (Customer, error) {
	c := Customer{members{entity.Values{
		CustomerID: r.ID, Ref: r.ExternalReference,
		Name: r.Name.V, Email: r.Email.V, Phone: r.Phone.V, Currency: r.Currency.V,
		Balance: r.Balance.V, HasBalance: r.Balance.Valid,
		Rules: r.PaymentRules.V, Metadata: r.Metadata.V, HasMeta: r.Metadata.Valid,
	}}}
	err := entity.Restore(entity.CustomerObject, &c.v)
	return c, err
}

// Record returns c's columns; [FromRecord] reads them back to a customer equal to c.
func (c Customer) Record() Record {
	v := &c.v
	return Record{
		ID: v.CustomerID, ExternalReference: v.Ref,
		Name: entity.Null(v.Name), Email: entity.Null(v.Email), Phone: entity.Null(v.Phone),
		Currency: entity.Null(v.Currency), Balance: sql.Null[int64]{V: v.Balance, Valid: v.HasBalance},
		PaymentRules: entity.Null(v.Rules), Metadata: sql.Null[metadata.Metadata]{V: v.Metadata, Valid: v.HasMeta},
	}
}

// String returns r in its JSON form with the email and phone masked
// ({"external_reference":"cust_1","email":"j***@example.com","phone":"+27*******89",…}),
// for printing and logging. Use MarshalJSON for the wire form. The zero CreateRequest is {}.
func (r CreateRequest) String() string { return entity.MaskedString(entity.CustomerCreate, &r.v) }

// Format writes the masked form of [CreateRequest.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints the email or phone in full.
func (r CreateRequest) Format(f fmt.State, verb rune) { entity.Format(f, verb, r.String()) }

// LogValue returns r as a group of its members for log/slog, with the email and phone
// masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value { return entity.LogValue(entity.CustomerCreate, &r.v) }

// String returns c in its JSON form with the email and phone masked, for printing and
// logging. Use MarshalJSON for the wire form. The zero Customer is {}.
func (c Customer) String() string { return entity.MaskedString(entity.CustomerObject, &c.v) }

// Format writes the masked form of [Customer.String] for every verb and flag.
func (c Customer) Format(f fmt.State, verb rune) { entity.Format(f, verb, c.String()) }

// LogValue returns c as a group of its members for log/slog, with the email and phone
// masked.
func (c Customer) LogValue() slog.Value { return entity.LogValue(entity.CustomerObject, &c.v) }

// String returns r's JSON form with the email and phone masked, for printing and logging.
func (r UpdateRequest) String() string {
	return string(entity.AppendUpdate(nil, entity.CustomerUpdate, &r.u, entity.Masked))
}

// Format writes the masked form of [UpdateRequest.String] for every verb and flag.
func (r UpdateRequest) Format(f fmt.State, verb rune) { entity.Format(f, verb, r.String()) }

// LogValue returns r's masked JSON form for log/slog.
func (r UpdateRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }

// LogValue returns the params for log/slog with the email and the phone hidden, so that
// logging what a service is about to validate does not record them: a valid value is
// masked as the request's would be (+27*******89, j***@example.com), anything else is
// written as "***". The other members are written as given.
func (p CreateParams) LogValue() slog.Value {
	return slog.GroupValue((*entity.Params)(&p).LogAttrs(make([]slog.Attr, 0, 7))...)
}
