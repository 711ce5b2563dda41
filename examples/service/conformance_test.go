package service_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/ids"
)

// asErrors reads a create's response as a client of the API would: nil for a 201, the
// problem's entries as a billing.Errors for a problem.
func asErrors(res result) error {
	if res.status == http.StatusCreated {
		return nil
	}
	if res.header.Get("Content-Type") != "application/problem+json" {
		return fmt.Errorf("status %d, not a problem: %s", res.status, res.body)
	}
	var p billing.Problem
	if err := json.Unmarshal(res.body, &p); err != nil {
		return err
	}
	errs := make(billing.Errors, len(p.Errors))
	for i, e := range p.Errors {
		errs[i] = &billing.FieldError{Field: e.Field, Pointer: e.Pointer, Code: e.Code, Message: e.Detail}
	}
	return errs
}

// seedOwner stores the customer that a valid account create document names by ID or by
// external reference, so that the document can create its account.
func (s *server) seedOwner(t testing.TB, doc []byte) {
	t.Helper()
	req, err := account.DecodeCreateRequest(doc)
	if err != nil {
		return
	}
	if id, ok := req.Customer().CustomerID(); ok {
		s.exec(t, "insert into customers (id, external_reference) values ($1, 'owner')", id)
	}
	if ref, ok := req.Customer().ExternalReference(); ok {
		s.exec(t, "insert into customers (id, external_reference) values ($1, $2)", ids.NewCustomerID(), ref)
	}
}

// TestConformance: the service passes the library's conformance check (billingtest.Check)
// for both create requests, over HTTP, the document over 1 MiB included.
func TestConformance(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	billingtest.Check(t, billingtest.KindCustomerCreate, func(doc []byte) error {
		defer s.reset(t)
		return asErrors(s.post(t, "/billing/customers", doc))
	})
	billingtest.Check(t, billingtest.KindAccountCreate, func(doc []byte) error {
		defer s.reset(t)
		s.seedOwner(t, doc)
		return asErrors(s.post(t, "/billing/accounts", doc))
	})
}

// TestGeneratedDocuments: documents generated across every rule's range are created, and
// each broken in one way gives exactly the failure it must, over HTTP.
func TestGeneratedDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	g := billingtest.NewGen(16)
	for _, tc := range []struct{ kind, path string }{
		{billingtest.KindCustomerCreate, "/billing/customers"},
		{billingtest.KindAccountCreate, "/billing/accounts"},
	} {
		for range 100 {
			doc := g.Doc(tc.kind)
			s.seedOwner(t, doc)
			res := s.post(t, tc.path, doc)
			require.Equal(t, http.StatusCreated, res.status, "%s\n%s", doc, res.body)
			s.reset(t)

			bad, want := g.Mutate(tc.kind, doc)
			got, ok := billingtest.Failures(asErrors(s.post(t, tc.path, bad)))
			require.True(t, ok, "%s", bad)
			assert.Equal(t, []billingtest.Failure{want}, got, "%s", bad)
		}
	}
	assert.Zero(t, s.count(t, "customers"))
}
