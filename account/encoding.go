package account

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"log/slog"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// The forms the values are read from and written in: JSON documents, table columns, and
// the masked forms for printing and logging.

// DecodeCreateRequest reads an account create request from its JSON document: an object
// with the members customer and external_reference (both required), name, currency,
// balance and metadata (at most 10 keys). null for an optional member means absent.
//
// The customer member is one of three forms (see [CustomerRef]): a string starting with
// "bcus_" is an existing customer's ID and must be a valid one; any other string is an
// existing customer's external reference; an object is a new customer, read as
// customer.DecodeCreateRequest reads a customer create request (its metadata limit is the
// customer's, 20 keys) with its failures under "customer." in the customer member's
// place. "" or null or a missing customer is required at "customer"; a number, boolean
// or array is invalid_type.
//
// It fails with a billing.Errors holding every failure of the document, one per place, in
// document order (absent members, and the currency that balance requires, last). A
// document that is not well-formed JSON fails with invalid_json alone, one over 1 MiB
// with too_long alone, one that is not an object with invalid_type alone, all at the
// whole document. An unknown member is unknown_field (payment_rules, id and customer_id
// too: they are not part of a request), a member given twice duplicate_field, an integer
// written with a fraction or an exponent invalid_type, a string with invalid UTF-8 is
// reported by its field's rule and never repaired.
func DecodeCreateRequest(data []byte) (r CreateRequest, err error) {
	// Read into the result itself: a local returned would be zeroed and copied once more.
	if err = entity.Decode(data, entity.AccountCreate, &r.v); err != nil {
		return CreateRequest{}, err
	}
	return r, nil
}

// Decode reads an account object from its JSON document, as DecodeOptions{}.Decode does.
func Decode(data []byte) (Account, error) { return DecodeOptions{}.Decode(data) }

// DecodeOptions say how an account object is read.
type DecodeOptions struct {
	// AllowUnknown skips the members an account object does not define (an API adds
	// members over time) instead of reporting them unknown_field. A skipped member must
	// still be well-formed JSON and not given twice; every known member is still checked.
	AllowUnknown bool
}

// Decode reads an account object from its JSON document: id (required, an account ID),
// external_reference (required), customer_id (required, a customer ID), name, currency,
// balance, payment_rules (an object of min_amount, max_amount, underpayment_allowed and
// overpayment_allowed, all required; each amount within 1..2^53−1 and max_amount not
// below min_amount) and metadata. balance and payment_rules both require currency. It
// fails as [DecodeCreateRequest] does; customer is an unknown member here.
//
// An object is what a server wrote earlier, so reading it is faithful to history: the
// currency may be one withdrawn from ISO 4217 since (kept and written back unchanged;
// money.Currency.Withdrawn says since when). Every other rule is a request's.
func (opts DecodeOptions) Decode(data []byte) (Account, error) {
	d := entity.AccountObject
	if opts.AllowUnknown {
		d |= entity.SkipUnknown
	}
	var a Account
	if err := entity.Decode(data, d, &a.v); err != nil {
		return Account{}, err
	}
	return a, nil
}

// DecodeUpdateRequest reads an account update request from its JSON document: an object
// with any of the members name, currency, balance and metadata, each value
// checked by the rule of its member. null removes the member; "" is required, as
// everywhere; metadata is merged key by key, a string setting the key, null removing it
// (a removed key must still be a well-formed key), at most 10 keys set; "metadata": null
// removes every key. An update alone never requires a currency: that is decided when it
// is applied. Any other member (id, external_reference, customer, customer_id,
// payment_rules, email, phone, unknown ones) is unknown_field.
//
// It fails with a billing.Errors holding every failure, in document order, as
// [DecodeCreateRequest] does.
func DecodeUpdateRequest(data []byte) (UpdateRequest, error) {
	var r UpdateRequest
	if err := entity.DecodeUpdate(data, entity.AccountUpdate, &r.u); err != nil {
		return UpdateRequest{}, err
	}
	return r, nil
}

// ApplyJSON reads data, the JSON body of PATCH /billing/accounts/{account}, as an
// update request and applies it to a: [DecodeUpdateRequest] and then [Account.Apply], in one
// call, and in one pass with no UpdateRequest between them where it can (an update
// written plainly that applies without a failure), which costs less than the two calls.
// It returns the failures of reading data when there are any, and applies nothing; else
// those of applying it. On failure it returns a, as Apply does.
func (a Account) ApplyJSON(data []byte) (Account, error) {
	err := entity.DecodeApply(data, entity.AccountUpdate, &a.v) // a is the method's own copy
	return a, err
}

// UnmarshalJSON sets r from a JSON account create request, as [DecodeCreateRequest] reads
// it. JSON null leaves r unchanged, as encoding/json expects of a value that may be absent.
// On failure r is unchanged and the error is a billing.Errors.
func (r *CreateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeCreateRequest)
}

// UnmarshalJSON sets a from a JSON account object, as [Decode] reads it. JSON null leaves a
// unchanged. On failure a is unchanged and the error is a billing.Errors.
func (a *Account) UnmarshalJSON(data []byte) error { return strictjson.Unmarshal(a, data, Decode) }

// UnmarshalJSON sets r from a JSON account update request, as [DecodeUpdateRequest]
// reads it. JSON null leaves r unchanged. On failure r is unchanged.
func (r *UpdateRequest) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, DecodeUpdateRequest)
}

// refDocStart and refDocEnd wrap a customer member's value into a create request document
// that holds nothing else, to read it exactly as [DecodeCreateRequest] reads the member.
const (
	refDocStart = `{"customer":`
	refDocEnd   = `}`
)

// UnmarshalJSON sets r from the JSON value of a customer member (a string or an object),
// read as [DecodeCreateRequest] reads that member, with failures at the same places
// ("customer", "customer.phone", …). JSON null leaves r unchanged. A value that is not
// well-formed JSON fails with invalid_json at the whole value, one longer than 1 MiB less
// 13 bytes (the room its member takes in a document) with too_long. On failure r is
// unchanged and the error is a billing.Errors.
func (r *CustomerRef) UnmarshalJSON(data []byte) error {
	return strictjson.Unmarshal(r, data, decodeCustomerRef)
}

// decodeCustomerRef reads the JSON value of a customer member as
// [CustomerRef.UnmarshalJSON] does; null is the zero CustomerRef.
func decodeCustomerRef(data []byte) (CustomerRef, error) {
	if strictjson.IsNull(data) {
		return CustomerRef{}, nil
	}
	if len(data) > strictjson.MaxSize-len(refDocStart)-len(refDocEnd) {
		return CustomerRef{}, report.Loc{}.Fail(billing.CodeTooLong, "must be at most 1 MiB")
	}
	if !json.Valid(data) { // one value, nothing after it: the document below holds only it
		return CustomerRef{}, report.Loc{}.Fail(billing.CodeInvalidJSON, "must be one well-formed JSON value")
	}
	doc := make([]byte, 0, len(refDocStart)+len(data)+len(refDocEnd))
	doc = append(append(append(doc, refDocStart...), data...), refDocEnd...)
	v, err := entity.DecodeCustomerRef(doc)
	if err != nil {
		return CustomerRef{}, err
	}
	return CustomerRef{r: v}, nil
}

// MarshalJSON writes r as the API's JSON create request: customer, external_reference,
// name, currency, balance, metadata, absent ones omitted, metadata keys sorted, strings
// escaped as encoding/json escapes them. The customer is written in the form it was given
// (see [CustomerRef.MarshalJSON]); a new customer's email and phone are written in full:
// this is the wire form, not a log form. The zero CreateRequest fails with required at
// "external_reference".
//
// [DecodeCreateRequest] reads the result back to a request equal to r, and encoding that
// gives the same bytes.
func (r CreateRequest) MarshalJSON() ([]byte, error) {
	return entity.Marshal(entity.AccountCreate, &r.v)
}

// AppendJSON appends the JSON form of r (see [CreateRequest.MarshalJSON]) to b.
func (r CreateRequest) AppendJSON(b []byte) ([]byte, error) {
	return entity.Encode(b, entity.AccountCreate, &r.v)
}

// MarshalJSON writes a as the API's JSON account object: id, external_reference,
// customer_id, then name, currency, balance, payment_rules and metadata when present.
// The zero Account fails with required at "id".
//
// [Decode] reads the result back to an account equal to a, and encoding that gives the
// same bytes.
func (a Account) MarshalJSON() ([]byte, error) { return entity.Marshal(entity.AccountObject, &a.v) }

// AppendJSON appends the JSON form of a (see [Account.MarshalJSON]) to b.
func (a Account) AppendJSON(b []byte) ([]byte, error) {
	return entity.Encode(b, entity.AccountObject, &a.v)
}

// MarshalJSON writes r as the JSON update request it was read from: the members it sets,
// with their values in full (the wire form), those it removes as null, metadata with its
// removed keys as null. [DecodeUpdateRequest] reads it back to an equal update.
func (r UpdateRequest) MarshalJSON() ([]byte, error) {
	return entity.AppendUpdate(nil, entity.AccountUpdate, &r.u, entity.Wire), nil
}

// MarshalJSON writes r as the customer member's JSON value: the customer ID or the
// external reference as a string, or the new customer's create request as an object (see
// customer.CreateRequest.MarshalJSON). [CustomerRef.UnmarshalJSON] and
// [DecodeCreateRequest] read it back to the same form. The zero CustomerRef fails with
// required at "customer".
func (r CustomerRef) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil)
}

// AppendJSON appends the JSON form of r (see [CustomerRef.MarshalJSON]) to b.
func (r CustomerRef) AppendJSON(b []byte) ([]byte, error) {
	if r.IsZero() {
		return b, entity.ZeroError("customer", "cannot encode the zero CustomerRef: it names no customer")
	}
	return entity.AppendCustomerRef(b, r.r), nil
}

// Value returns r's JSON document for a json or jsonb column (a log of requests, say).
// The zero CreateRequest fails as MarshalJSON does.
func (r CreateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding a create request, read as
// [DecodeCreateRequest] reads it: a request is checked against today's rules.
func (r *CreateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeCreateRequest, "account.CreateRequest")
}

// Value returns a's JSON object for a json or jsonb column (store an account column by
// column with [Account.Record]). The zero Account fails as MarshalJSON does.
func (a Account) Value() (driver.Value, error) { return entity.Value(a.MarshalJSON()) }

// Scan sets a from a json or jsonb column holding an account object, read as [Decode]
// reads it: faithful to history, so a row written earlier stays readable. NULL fails with
// required: scan a nullable column into a sql.Null[account.Account] or a *Account.
func (a *Account) Scan(src any) error { return entity.Scan(a, src, Decode, "account.Account") }

// Value returns u's JSON document, its removals as null, for a json or jsonb column.
func (r UpdateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding an update request, read as
// [DecodeUpdateRequest] reads it.
func (r *UpdateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeUpdateRequest, "account.UpdateRequest")
}

// Value returns r's JSON value (a string or a new customer's object) for a json or jsonb
// column. The zero CustomerRef fails as MarshalJSON does.
func (r CustomerRef) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding a customer member's value, read as
// [CustomerRef.UnmarshalJSON] reads it.
func (r *CustomerRef) Scan(src any) error {
	return entity.Scan(r, src, decodeCustomerRef, "account.CustomerRef")
}

// Record is an account as the columns of a table row: give its fields' addresses to
// Rows.Scan in the order of the table's columns, and its fields to Exec when writing. Each
// field's type reads and writes its column's whole value (never a masked one); a nullable
// column is a sql.Null, NULL meaning absent. A suitable PostgreSQL table:
//
//	create table accounts (
//		id                 text primary key,
//		external_reference text not null unique,
//		customer_id        text not null references customers (id),
//		name               text,
//		currency           char(3),
//		balance            bigint,
//		payment_rules      jsonb,
//		metadata           jsonb
//	);
//
// Reading a column is faithful to history: a currency may be one withdrawn from ISO 4217
// since the row was written, so a row stays readable after the currency table changes.
type Record struct {
	ID                ids.AccountID
	ExternalReference ids.ExternalReference
	CustomerID        ids.CustomerID
	Name              sql.Null[contact.Name]
	Currency          sql.Null[money.Currency]
	Balance           sql.Null[int64]
	PaymentRules      sql.Null[money.PaymentRules]
	Metadata          sql.Null[metadata.Metadata] // {} and NULL differ
}

// FromRecord returns the account that r's columns hold. The values are each valid
// already; it checks what spans them, as [Decode] does: an ID, an external reference and a
// customer ID (required), a balance within ±(2^53−1), a currency when there is a balance
// or payment rules (required at "currency"), metadata within 10 keys. It fails with a
// billing.Errors.
func FromRecord(r Record) (Account, error) {
	a := Account{members{entity.Values{
		AccountID: r.ID, Ref: r.ExternalReference, CustomerID: r.CustomerID,
		Name: r.Name.V, Currency: r.Currency.V,
		Balance: r.Balance.V, HasBalance: r.Balance.Valid,
		Rules: r.PaymentRules.V, Metadata: r.Metadata.V, HasMeta: r.Metadata.Valid,
	}}}
	err := entity.Restore(entity.AccountObject, &a.v)
	return a, err
}

// Record returns a's columns; [FromRecord] reads them back to an account equal to a.
func (a Account) Record() Record {
	v := &a.v
	return Record{
		ID: v.AccountID, ExternalReference: v.Ref, CustomerID: v.CustomerID,
		Name: entity.Null(v.Name), Currency: entity.Null(v.Currency),
		Balance:      sql.Null[int64]{V: v.Balance, Valid: v.HasBalance},
		PaymentRules: entity.Null(v.Rules), Metadata: sql.Null[metadata.Metadata]{V: v.Metadata, Valid: v.HasMeta},
	}
}

// String returns r in its JSON form with a new customer's email and phone masked
// ({"customer":{"external_reference":"cust_1","email":"j***@example.com",…},…}), for
// printing and logging. Use MarshalJSON for the wire form. The zero CreateRequest is {}.
func (r CreateRequest) String() string { return entity.MaskedString(entity.AccountCreate, &r.v) }

// Format writes the masked form of [CreateRequest.String] for every verb and flag.
func (r CreateRequest) Format(f fmt.State, verb rune) { entity.Format(f, verb, r.String()) }

// LogValue returns r as a group of its members for log/slog, a new customer's email and
// phone masked (slog resolves a LogValuer before any handler sees the value).
func (r CreateRequest) LogValue() slog.Value { return entity.LogValue(entity.AccountCreate, &r.v) }

// String returns a in its JSON form, for printing and logging; an account holds no
// personal data to mask. The zero Account is {}.
func (a Account) String() string { return entity.MaskedString(entity.AccountObject, &a.v) }

// Format writes the form of [Account.String] for every verb and flag, so that %v, %+v
// and %#v print the account's members, not its internal fields.
func (a Account) Format(f fmt.State, verb rune) { entity.Format(f, verb, a.String()) }

// LogValue returns a as a group of its members for log/slog.
func (a Account) LogValue() slog.Value { return entity.LogValue(entity.AccountObject, &a.v) }

// String returns r's JSON form, for printing and logging.
func (r UpdateRequest) String() string {
	return string(entity.AppendUpdate(nil, entity.AccountUpdate, &r.u, entity.Masked))
}

// Format writes the form of [UpdateRequest.String] for every verb and flag.
func (r UpdateRequest) Format(f fmt.State, verb rune) { entity.Format(f, verb, r.String()) }

// LogValue returns r's JSON form for log/slog.
func (r UpdateRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String returns r in its JSON form ("bcus_…" or "cust_7781" quoted, or a new customer's
// object) with a new customer's email and phone masked, for printing and logging; the zero
// CustomerRef is null. Use MarshalJSON for the wire form.
func (r CustomerRef) String() string { return string(entity.AppendCustomerRefMasked(nil, r.r)) }

// Format writes the masked form of [CustomerRef.String] for every verb and flag (%v,
// %+v, %#v, %s, %q, …), so that no format directive prints a new customer's email or phone
// in full.
func (r CustomerRef) Format(f fmt.State, verb rune) { entity.Format(f, verb, r.String()) }

// LogValue returns r for log/slog: the customer ID or external reference as a string, or
// a new customer as the group of its members with the email and phone masked. The zero
// CustomerRef is an empty group.
func (r CustomerRef) LogValue() slog.Value { return entity.CustomerRefLog(r.r) }

// LogValue returns the params for log/slog; a new customer is written through
// customer.CreateParams.LogValue, so its email and phone are hidden.
func (p CreateParams) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 7)
	if p.Customer != "" {
		attrs = append(attrs, slog.String("customer", p.Customer))
	}
	if p.NewCustomer != nil {
		attrs = append(attrs, slog.Any("new_customer", p.NewCustomer.LogValue()))
	}
	return slog.GroupValue(p.params().LogAttrs(attrs)...)
}
