package service

import (
	"context"
	"fmt"
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
	req, idem, err := readCreate(r, account.DecodeCreateRequest)
	if err != nil {
		fail(w, r, err)
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

// accounts is the accounts resource, for getObject and updateObject.
var accounts = resource[account.Account, account.UpdateRequest]{
	name:         "account",
	lookup:       accountLookup,
	notFound:     errNoAccount,
	find:         findAccount,
	update:       updateAccount,
	decodeUpdate: account.DecodeUpdateRequest,
	id:           func(a account.Account) fmt.Stringer { return a.ID() },
}

var errNoAccount = &problemError{statusProblem(http.StatusNotFound,
	"no account has this ID or external reference")}
