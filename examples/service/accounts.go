package service

import (
	"context"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// createAccount answers POST /billing/accounts. The account's customer is the one its
// customer member names: by ID (the foreign key finds it when the account is inserted), by
// external reference (looked up in the same transaction), or a new customer, inserted in
// the same transaction as the account.
func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
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
	req, err := account.DecodeCreateRequest(body)
	if err != nil {
		fail(w, r, documentError(err))
		return
	}
	s.create(w, r, idem, func(ctx context.Context, tx pgx.Tx) (response, error) {
		customerID, err := resolveCustomer(ctx, tx, req.Customer())
		if err != nil {
			return response{}, err
		}
		a, err := account.New(ids.NewAccountID(), customerID, req)
		if err != nil {
			return response{}, err // the customer ID is the one req names, or new
		}
		switch err := insertAccount(ctx, tx, a); {
		case violates(err, uniqueViolation, accountsExternalReference):
			return response{}, conflictError("is already the external reference of another account: send a reference "+
				"of your own for each account, or find that account with GET /billing/accounts/{external_reference}",
				"external_reference")
		case violates(err, foreignKeyViolation, accountsCustomerID):
			return response{}, unknownCustomerError()
		case err != nil:
			return response{}, err
		}
		logObject(ctx, "account", a.ID(), a)
		return objectResponse(http.StatusCreated, "/billing/accounts/"+a.ID().String(), a)
	})
}

// accountsCustomerID is the foreign key of accounts.customer_id, named by PostgreSQL.
const accountsCustomerID = "accounts_customer_id_fkey"

// resolveCustomer returns the ID of the customer ref names, creating it in tx when ref is
// a new customer. An external reference that names no customer is a 404 problem; an ID
// is checked by the account's foreign key when the account is inserted.
func resolveCustomer(ctx context.Context, tx pgx.Tx, ref account.CustomerRef) (ids.CustomerID, error) {
	if id, ok := ref.CustomerID(); ok {
		return id, nil
	}
	if ext, ok := ref.ExternalReference(); ok {
		id, found, err := customerIDByReference(ctx, tx, ext)
		if err == nil && !found {
			err = unknownCustomerError()
		}
		return id, err
	}
	req, _ := ref.NewCustomer() // a valid request's reference is one of the three
	c, err := customer.New(ids.NewCustomerID(), req)
	if err != nil {
		return ids.CustomerID{}, err
	}
	if err := insertCustomer(ctx, tx, c); err != nil {
		return ids.CustomerID{}, customerInsertError(err, "customer", "external_reference")
	}
	return c.ID(), nil
}

// getAccount answers GET /billing/accounts/{account}.
func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	l, ok := accountLookup(r.PathValue("account"))
	if !ok {
		fail(w, r, errNoAccount)
		return
	}
	a, found, err := findAccount(r.Context(), s.pool, l, false)
	switch {
	case err != nil:
		fail(w, r, err)
	case !found:
		fail(w, r, errNoAccount)
	default:
		resp, err := objectResponse(http.StatusOK, "", a)
		if err != nil {
			fail(w, r, err)
			return
		}
		writeResponse(w, resp, false)
	}
}

// updateAccount answers PATCH /billing/accounts/{account}, as updateCustomer does.
func (s *Server) updateAccount(w http.ResponseWriter, r *http.Request) {
	l, ok := accountLookup(r.PathValue("account"))
	if !ok {
		fail(w, r, errNoAccount)
		return
	}
	body, err := readBody(r)
	if err != nil {
		fail(w, r, err)
		return
	}
	u, err := account.DecodeUpdateRequest(body)
	if err != nil {
		fail(w, r, documentError(err))
		return
	}
	ctx := r.Context()
	var updated account.Account
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		stored, found, err := findAccount(ctx, tx, l, true)
		if err != nil {
			return err
		}
		if !found {
			return errNoAccount
		}
		if updated, err = stored.Apply(u); err != nil {
			return documentError(err)
		}
		logObject(ctx, "account", updated.ID(), updated)
		if updated.Equal(stored) {
			return nil
		}
		return updateAccount(ctx, tx, updated)
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

var errNoAccount = &problemError{statusProblem(http.StatusNotFound,
	"no account has this ID or external reference")}
