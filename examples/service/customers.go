package service

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// createCustomer answers POST /billing/customers.
func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	idem, err := idempotencyOf(r, body)
	if err != nil {
		fail(w, r, err)
		return
	}
	req, err := customer.DecodeCreateRequest(body)
	if err != nil {
		fail(w, r, documentError(err))
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

// getCustomer answers GET /billing/customers/{customer}.
func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) {
	l, ok := customerLookup(r.PathValue("customer"))
	if !ok {
		fail(w, r, errNoCustomer)
		return
	}
	c, found, err := findCustomer(r.Context(), s.pool, l, false)
	switch {
	case err != nil:
		fail(w, r, err)
	case !found:
		fail(w, r, errNoCustomer)
	default:
		resp, err := objectResponse(http.StatusOK, "", c)
		if err != nil {
			fail(w, r, err)
			return
		}
		writeResponse(w, resp, false)
	}
}

// updateCustomer answers PATCH /billing/customers/{customer}: the stored customer, read
// FOR UPDATE, with the update applied by the library, written back in the same transaction.
func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	l, ok := customerLookup(r.PathValue("customer"))
	if !ok {
		fail(w, r, errNoCustomer)
		return
	}
	body, err := readBody(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	u, err := customer.DecodeUpdateRequest(body)
	if err != nil {
		fail(w, r, documentError(err))
		return
	}
	ctx := r.Context()
	var updated customer.Customer
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		stored, found, err := findCustomer(ctx, tx, l, true)
		if err != nil {
			return err
		}
		if !found {
			return errNoCustomer
		}
		if updated, err = stored.Apply(u); err != nil {
			return documentError(err)
		}
		logObject(ctx, "customer", updated.ID(), updated)
		if updated.Equal(stored) {
			return nil
		}
		return updateCustomer(ctx, tx, updated)
	})
	if err != nil {
		fail(w, r, err)
		return
	}
	resp, err := objectResponse(http.StatusOK, "", updated)
	if err != nil {
		fail(w, r, err)
		return
	}
	writeResponse(w, resp, false)
}

var errNoCustomer = &problemError{statusProblem(http.StatusNotFound,
	"no customer has this ID or external reference")}

// objectResponse returns the response that carries o's JSON (a customer or an account),
// and location for a 201.
func objectResponse(status int, location string, o interface{ AppendJSON([]byte) ([]byte, error) }) (response, error) {
	body, err := o.AppendJSON(make([]byte, 0, 512))
	if err != nil {
		return response{}, err
	}
	return response{status: status, location: location, body: body}, nil
}

// readBody reads r's body, at most MaxDocument+1 bytes of it: a longer body is cut there,
// and the library reports it too_long (413).
func readBody(r *http.Request) ([]byte, error) {
	buf := make([]byte, 0, bodyCapacity(r.ContentLength))
	for {
		n, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		var tooLarge *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return buf, nil
		case errors.As(err, &tooLarge):
			return buf, nil // MaxDocument+1 bytes: too_long
		case err != nil:
			return nil, &problemError{statusProblem(http.StatusBadRequest, "the request body could not be read")}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// bodyCapacity returns the buffer to make for a body of the announced length.
func bodyCapacity(length int64) int {
	if length < 0 || length > MaxDocument+1 {
		return 512
	}
	return int(length) + 1 // room to see EOF without growing
}
