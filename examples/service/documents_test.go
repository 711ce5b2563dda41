package service_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// TestCustomerCreateDocuments: every customer create document of the test data, sent to
// POST /billing/customers: a valid one is 201 with the customer it asks for, stored; an
// invalid one is the problem of its failures (status by the rule, every entry's field,
// pointer and code in order) and stores nothing.
func TestCustomerCreateDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, doc := range documents(t, "customer-create") {
		t.Run(doc.name, func(t *testing.T) {
			defer s.reset(t)
			res := s.post(t, "/billing/customers", doc.data)
			if len(doc.want) > 0 {
				requireFailures(t, problem(t, res, wantStatus(doc.want)), doc.want, doc.withPointer)
				assert.Zero(t, s.count(t, "customers"))
				return
			}
			require.Equal(t, http.StatusCreated, res.status, "%s", res.body)
			assert.Equal(t, "application/json", res.header.Get("Content-Type"))
			got, err := customer.Decode(res.body)
			require.NoError(t, err)
			req, err := customer.DecodeCreateRequest(doc.data)
			require.NoError(t, err)
			want, err := customer.New(got.ID(), req)
			require.NoError(t, err)
			assert.True(t, want.Equal(got), "created %v, want %v", got, want)
			assert.Equal(t, "/billing/customers/"+got.ID().String(), res.header.Get("Location"))

			stored := s.get(t, "/billing/customers/"+got.ID().String())
			require.Equal(t, http.StatusOK, stored.status)
			assert.Equal(t, res.body, stored.body, "the stored customer reads back as created")
			byRef := s.get(t, "/billing/customers/"+got.ExternalReference().String())
			assert.Equal(t, res.body, byRef.body, "found by its external reference")
		})
	}
}

// TestAccountCreateDocuments: every account create document of the test data, sent to
// POST /billing/accounts. A valid one names its customer by ID or by external reference
// (that customer is stored first) or as a new one: 201 with the account, whose customer_id
// is that customer's; a new customer is stored with it. An invalid one is its problem.
func TestAccountCreateDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, doc := range documents(t, "account-create") {
		t.Run(doc.name, func(t *testing.T) {
			defer s.reset(t)
			if len(doc.want) > 0 {
				requireFailures(t, problem(t, s.post(t, "/billing/accounts", doc.data), wantStatus(doc.want)), doc.want, doc.withPointer)
				assert.Zero(t, s.count(t, "accounts"))
				assert.Zero(t, s.count(t, "customers"))
				return
			}
			req, err := account.DecodeCreateRequest(doc.data)
			require.NoError(t, err)
			ref := req.Customer()
			owner, byID := ref.CustomerID()
			ext, byRef := ref.ExternalReference()
			switch {
			case byID:
				s.exec(t, "insert into customers (id, external_reference) values ($1, 'owner')", owner)
			case byRef:
				owner = ids.NewCustomerID()
				s.exec(t, "insert into customers (id, external_reference) values ($1, $2)", owner, ext)
			}

			res := s.post(t, "/billing/accounts", doc.data)
			require.Equal(t, http.StatusCreated, res.status, "%s", res.body)
			got, err := account.Decode(res.body)
			require.NoError(t, err)
			if nc, ok := ref.NewCustomer(); ok {
				owner = got.CustomerID()
				stored := s.get(t, "/billing/customers/"+owner.String())
				require.Equal(t, http.StatusOK, stored.status, "the new customer is stored")
				c, err := customer.Decode(stored.body)
				require.NoError(t, err)
				want, err := customer.New(owner, nc)
				require.NoError(t, err)
				assert.True(t, want.Equal(c), "new customer %v, want %v", c, want)
			}
			want, err := account.New(got.ID(), owner, req)
			require.NoError(t, err)
			assert.True(t, want.Equal(got), "created %v, want %v", got, want)
			stored := s.get(t, "/billing/accounts/"+got.ExternalReference().String())
			assert.Equal(t, res.body, stored.body, "the stored account reads back as created")
		})
	}
}

// TestDocumentOverOneMiB: a body over 1 MiB is 413 with too_long at the whole document,
// whatever it holds, on every route that reads one; a body of exactly 1 MiB is read.
func TestDocumentOverOneMiB(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := readFile(t, "customer-create", "docs-example.json")
	padded := func(size int) []byte { // the docs' example, white space after it up to size
		return append(bytes.Clone(doc), bytes.Repeat([]byte{' '}, size-len(doc))...)
	}
	c, err := customer.New(ids.NewCustomerID(), customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "big"}))
	require.NoError(t, err)
	s.storeCustomer(t, c)

	for _, size := range []int{1<<20 + 1, 2 << 20, 16 << 20} {
		for _, route := range []struct{ method, path string }{
			{http.MethodPost, "/billing/customers"},
			{http.MethodPost, "/billing/accounts"},
			{http.MethodPatch, "/billing/customers/big"},
		} {
			res := s.do(t, request{method: route.method, path: route.path, body: padded(size)})
			p := problem(t, res, http.StatusRequestEntityTooLarge)
			requireFailures(t, p, []failure{{Field: "", Code: "too_long"}}, false)
		}
	}
	res := s.post(t, "/billing/customers", padded(1<<20))
	assert.Equal(t, http.StatusCreated, res.status, "exactly 1 MiB is read: %s", res.body)
}
