package customer

import (
	"database/sql"

	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

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
	v := entity.Values{
		CustomerID: r.ID, Ref: r.ExternalReference,
		Name: r.Name.V, Email: r.Email.V, Phone: r.Phone.V, Currency: r.Currency.V,
		Balance: r.Balance.V, HasBalance: r.Balance.Valid,
		Rules: r.PaymentRules.V, Metadata: r.Metadata.V, HasMeta: r.Metadata.Valid,
	}
	if err := entity.Restore(entity.CustomerObject, &v); err != nil {
		return Customer{}, err
	}
	return Customer{v: v}, nil
}

// Record returns c's columns; [FromRecord] reads them back to a customer equal to c.
func (c Customer) Record() Record {
	v := &c.v
	return Record{
		ID: v.CustomerID, ExternalReference: v.Ref,
		Name:         sql.Null[contact.Name]{V: v.Name, Valid: !v.Name.IsZero()},
		Email:        sql.Null[contact.Email]{V: v.Email, Valid: !v.Email.IsZero()},
		Phone:        sql.Null[contact.Phone]{V: v.Phone, Valid: !v.Phone.IsZero()},
		Currency:     sql.Null[money.Currency]{V: v.Currency, Valid: !v.Currency.IsZero()},
		Balance:      sql.Null[int64]{V: v.Balance, Valid: v.HasBalance},
		PaymentRules: sql.Null[money.PaymentRules]{V: v.Rules, Valid: !v.Rules.IsZero()},
		Metadata:     sql.Null[metadata.Metadata]{V: v.Metadata, Valid: v.HasMeta},
	}
}
