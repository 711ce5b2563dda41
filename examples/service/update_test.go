package service_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
)

// applyCase is one case of testdata/apply/<entity>: a stored object, an update, and the
// new object or the failures of applying.
type applyCase struct {
	name                 string
	stored, update, want []byte // want is nil for a failing case
	failures             []failure
}

func applyCases(t *testing.T, entity string) []applyCase {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "apply", entity)
	files, err := filepath.Glob(filepath.Join(dir, "*.stored.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var cases []applyCase
	for _, f := range files {
		base := strings.TrimSuffix(f, ".stored.json")
		c := applyCase{name: filepath.Base(base)}
		c.stored, err = os.ReadFile(f)
		require.NoError(t, err)
		c.update, err = os.ReadFile(base + ".update.json")
		require.NoError(t, err)
		if c.want, err = os.ReadFile(base + ".want.json"); errors.Is(err, os.ErrNotExist) {
			data, err := os.ReadFile(base + ".errors.json")
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(data, &c.failures))
		} else {
			require.NoError(t, err)
		}
		cases = append(cases, c)
	}
	return cases
}

// TestApplyCustomer: every case of testdata/apply/customer through the service: the stored
// customer is a row (its Record), the update is PATCHed (by ID, or by external reference
// every other case), and the answer is the new customer, byte for byte, stored; or the
// problem of the failures, with the row unchanged. PATCHing the same update again gives the
// same customer (updates are idempotent).
func TestApplyCustomer(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for i, c := range applyCases(t, "customer") {
		t.Run(c.name, func(t *testing.T) {
			defer s.reset(t)
			stored, err := customer.Decode(c.stored)
			require.NoError(t, err)
			s.storeCustomer(t, stored)
			path := "/billing/customers/" + stored.ID().String()
			if i%2 == 1 {
				path = "/billing/customers/" + stored.ExternalReference().String()
			}
			checkApply(t, s, path, c, func() []byte { return must(stored.MarshalJSON()) })
		})
	}
}

// TestApplyAccount: every case of testdata/apply/account, as TestApplyCustomer.
func TestApplyAccount(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for i, c := range applyCases(t, "account") {
		t.Run(c.name, func(t *testing.T) {
			defer s.reset(t)
			stored, err := account.Decode(c.stored)
			require.NoError(t, err)
			s.storeAccount(t, stored)
			path := "/billing/accounts/" + stored.ID().String()
			if i%2 == 1 {
				path = "/billing/accounts/" + stored.ExternalReference().String()
			}
			checkApply(t, s, path, c, func() []byte { return must(stored.MarshalJSON()) })
		})
	}
}

func checkApply(t *testing.T, s *server, path string, c applyCase, storedJSON func() []byte) {
	t.Helper()
	res := s.patch(t, path, c.update)
	if c.want == nil {
		requireFailures(t, problem(t, res, wantStatus(c.failures)), c.failures, true)
		assert.Equal(t, string(storedJSON()), string(s.get(t, path).body), "a failed update changes nothing")
		return
	}
	require.Equal(t, http.StatusOK, res.status, "%s", res.body)
	assert.Equal(t, "application/json", res.header.Get("Content-Type"))
	assert.Equal(t, string(c.want), string(res.body))
	assert.Equal(t, string(c.want), string(s.get(t, path).body), "the new object is stored")
	again := s.patch(t, path, c.update)
	assert.Equal(t, string(c.want), string(again.body), "applying the update again changes nothing")
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestUpdateDocuments: every customer and account update document of the test data,
// PATCHed to a stored object with every member (valid-full of testdata/customer and
// testdata/account). An invalid document is the problem of its failures (with pointers),
// applied to nothing. A valid one gives what the library's Apply gives for that object:
// the new object, stored, or the problem of applying it (a currency change while payment
// rules remain is a conflict, 409).
func TestUpdateDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	storedCustomer, err := customer.Decode(readFile(t, "customer", "valid-full.json"))
	require.NoError(t, err)
	storedAccount, err := account.Decode(readFile(t, "account", "valid-full.json"))
	require.NoError(t, err)

	kinds := []struct {
		dir   string
		path  string
		store func(t *testing.T)
		apply func(t *testing.T, update []byte) ([]byte, error) // the library's answer
	}{
		{"customer-update", "/billing/customers/" + storedCustomer.ID().String(),
			func(t *testing.T) { s.storeCustomer(t, storedCustomer) },
			func(t *testing.T, update []byte) ([]byte, error) {
				u, err := customer.DecodeUpdateRequest(update)
				require.NoError(t, err)
				c, err := storedCustomer.Apply(u)
				if err != nil {
					return nil, err
				}
				return c.MarshalJSON()
			}},
		{"account-update", "/billing/accounts/" + storedAccount.ID().String(),
			func(t *testing.T) { s.storeAccount(t, storedAccount) },
			func(t *testing.T, update []byte) ([]byte, error) {
				u, err := account.DecodeUpdateRequest(update)
				require.NoError(t, err)
				a, err := storedAccount.Apply(u)
				if err != nil {
					return nil, err
				}
				return a.MarshalJSON()
			}},
	}
	for _, kind := range kinds {
		for _, doc := range documents(t, kind.dir) {
			t.Run(kind.dir+"/"+doc.name, func(t *testing.T) {
				defer s.reset(t)
				kind.store(t)
				before := s.get(t, kind.path).body
				res := s.patch(t, kind.path, doc.data)
				if len(doc.want) > 0 {
					requireFailures(t, problem(t, res, wantStatus(doc.want)), doc.want, doc.withPointer)
					assert.Equal(t, string(before), string(s.get(t, kind.path).body), "a failed update changes nothing")
					return
				}
				want, err := kind.apply(t, doc.data)
				if err != nil {
					var es billing.Errors
					require.ErrorAs(t, err, &es)
					wantProblem := es.Problem()
					p := problem(t, res, wantProblem.Status)
					assert.Equal(t, wantProblem, p)
					return
				}
				require.Equal(t, http.StatusOK, res.status, "%s", res.body)
				assert.Equal(t, string(want), string(res.body))
				assert.Equal(t, string(want), string(s.get(t, kind.path).body), "the new object is stored")
			})
		}
	}
}

// TestUpdateNotFound: a PATCH of an object that does not exist is 404 and stores nothing;
// its document is still read first, so a broken one is its own problem.
func TestUpdateNotFound(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, path := range []string{
		"/billing/customers/bcus_H4jp6KnU5cPw263v1jyz4", "/billing/customers/cust_missing",
		"/billing/accounts/bacc_9Xk2LmQ7rT4vW8yZ1aB3c", "/billing/accounts/acct_missing",
		"/billing/customers/bcus_", "/billing/customers/has.dot", "/billing/accounts/bacc_bad-char",
	} {
		problem(t, s.patch(t, path, []byte(`{"name": "Jane"}`)), http.StatusNotFound)
	}
	problem(t, s.patch(t, "/billing/customers/cust_missing", []byte(`{"name": ""}`)), http.StatusUnprocessableEntity)
	assert.Zero(t, s.count(t, "customers"))
}
