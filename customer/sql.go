package customer

import (
	"database/sql/driver"

	"github.com/tallykit/billing/internal/entity"
)

// Value returns c's JSON object for a json or jsonb column (store a customer column by
// column with [Customer.Record]). The zero Customer fails as MarshalJSON does.
func (c Customer) Value() (driver.Value, error) { return entity.Value(c.MarshalJSON()) }

// Scan sets c from a json or jsonb column holding a customer object, read as [Decode]
// reads it: faithful to history, so a row written earlier stays readable. NULL fails with
// required: scan a nullable column into a sql.Null[customer.Customer] or a *Customer.
func (c *Customer) Scan(src any) error { return entity.Scan(c, src, Decode, "customer.Customer") }

// Value returns r's JSON document for a json or jsonb column (a log of requests, say).
// The zero CreateRequest fails as MarshalJSON does.
func (r CreateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding a create request, read as
// [DecodeCreateRequest] reads it: a request is checked against today's rules.
func (r *CreateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeCreateRequest, "customer.CreateRequest")
}

// Value returns u's JSON document, its removals as null, for a json or jsonb column.
func (r UpdateRequest) Value() (driver.Value, error) { return entity.Value(r.MarshalJSON()) }

// Scan sets r from a json or jsonb column holding an update request, read as
// [DecodeUpdateRequest] reads it.
func (r *UpdateRequest) Scan(src any) error {
	return entity.Scan(r, src, DecodeUpdateRequest, "customer.UpdateRequest")
}
