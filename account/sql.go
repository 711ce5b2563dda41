package account

import (
	"database/sql/driver"

	"github.com/tallykit/billing/internal/entity"
)

// Value returns a's JSON object for a json or jsonb column (store an account column by
// column with [Account.Record]). The zero Account fails as MarshalJSON does.
func (a Account) Value() (driver.Value, error) { return entity.Value(a.MarshalJSON()) }

// Scan sets a from a json or jsonb column holding an account object, read as [Decode]
// reads it: faithful to history, so a row written earlier stays readable. NULL fails with
// required: scan a nullable column into a sql.Null[account.Account] or a *Account.
func (a *Account) Scan(src any) error { return entity.Scan(a, src, Decode, "account.Account") }

// Value returns r's JSON document for a json or jsonb column (a log of requests, say).
// The zero CreateRequest fails as MarshalJSON does.
func (r CreateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding a create request, read as
// [DecodeCreateRequest] reads it: a request is checked against today's rules.
func (r *CreateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeCreateRequest, "account.CreateRequest")
}

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
	return entity.Scan(r, src, func(b []byte) (CustomerRef, error) {
		var v CustomerRef
		err := v.UnmarshalJSON(b)
		return v, err
	}, "account.CustomerRef")
}
