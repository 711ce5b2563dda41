package account

import (
	"database/sql"

	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

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
	v := entity.Values{
		AccountID: r.ID, Ref: r.ExternalReference, CustomerID: r.CustomerID,
		Name: r.Name.V, Currency: r.Currency.V,
		Balance: r.Balance.V, HasBalance: r.Balance.Valid,
		Rules: r.PaymentRules.V, Metadata: r.Metadata.V, HasMeta: r.Metadata.Valid,
	}
	if err := entity.Restore(entity.AccountObject, &v); err != nil {
		return Account{}, err
	}
	return Account{v: v}, nil
}

// Record returns a's columns; [FromRecord] reads them back to an account equal to a.
func (a Account) Record() Record {
	v := &a.v
	return Record{
		ID: v.AccountID, ExternalReference: v.Ref, CustomerID: v.CustomerID,
		Name:         sql.Null[contact.Name]{V: v.Name, Valid: !v.Name.IsZero()},
		Currency:     sql.Null[money.Currency]{V: v.Currency, Valid: !v.Currency.IsZero()},
		Balance:      sql.Null[int64]{V: v.Balance, Valid: v.HasBalance},
		PaymentRules: sql.Null[money.PaymentRules]{V: v.Rules, Valid: !v.Rules.IsZero()},
		Metadata:     sql.Null[metadata.Metadata]{V: v.Metadata, Valid: v.HasMeta},
	}
}
