package service

import (
	"context"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// createCustomer answers POST /billing/customers.
func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	req, idem, err := readCreate(r, customer.DecodeCreateRequest)
	if err != nil {
		fail(w, r, err)
		return
	}
	c, err := customer.New(ids.NewCustomerID(), req)
	if err != nil {
		fail(w, r, err) // a new ID and a valid request always make a customer
		return
	}
	s.create(w, r, idem, func(ctx context.Context, tx pgx.Tx) (response, error) {
		if err := insertCustomer(ctx, tx, c); err != nil {
			return response{}, customerInsertError(err, "external_reference")
		}
		logObject(ctx, "customer", c.ID(), c)
		return objectResponse(http.StatusCreated, "/billing/customers/"+c.ID().String(), c)
	})
}

// customerInsertError returns the 409 problem of a customer whose external reference is
// in use, at the member that names locate, or err itself.
func customerInsertError(err error, names ...string) error {
	if violates(err, uniqueViolation, customersExternalReference) {
		return conflictError("is already the external reference of another customer: send a reference of your own "+
			"for each customer, or find that customer with GET /billing/customers/{external_reference}", names...)
	}
	return err
}

// customers is the customers resource, for getObject and updateObject.
var customers = resource[customer.Customer, customer.UpdateRequest]{
	name:         "customer",
	lookup:       customerLookup,
	notFound:     errNoCustomer,
	find:         findCustomer,
	update:       updateCustomer,
	decodeUpdate: customer.DecodeUpdateRequest,
	id:           func(c customer.Customer) fmt.Stringer { return c.ID() },
}

var errNoCustomer = &problemError{statusProblem(http.StatusNotFound,
	"no customer has this ID or external reference")}
