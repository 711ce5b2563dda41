package service_test

import (
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAuthentication: every route needs a secret API key as a Bearer token; anything else
// is 401 with a WWW-Authenticate challenge, before the route is looked at. The key is
// logged masked, never whole.
func TestAuthentication(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := readFile(t, "customer-create", "docs-example.json")
	for _, tc := range []struct {
		name, authorization string
	}{
		{"none", ""},
		{"no scheme", testKey},
		{"basic", "Basic " + testKey},
		{"bearer without a key", "Bearer "},
		{"two spaces", "Bearer  " + testKey},
		{"public test key", "Bearer pk_test_4eC39HqLyjWDarjtT1zdp7dc"},
		{"public live key", "Bearer pk_4eC39HqLyjWDarjtT1zdp7dc"},
		{"prefix only", "Bearer sk_test_"},
		{"not a key", "Bearer rk_test_4eC39HqLyjWDarjtT1zdp7dc"},
		{"bad character", "Bearer sk_test_4eC39HqLyjWDarjtT1zdp7d!"},
		{"trailing text", "Bearer " + testKey + " extra"},
		{"too long", "Bearer sk_test_" + strings.Repeat("a", 250)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, req := range []request{
				{method: http.MethodPost, path: "/billing/customers", body: doc},
				{method: http.MethodGet, path: "/billing/customers/cust_2024_0001"},
				{method: http.MethodPatch, path: "/billing/accounts/acct_1", body: []byte(`{}`)},
				{method: http.MethodGet, path: "/no/such/route"},
			} {
				req.header = map[string]string{"Authorization": tc.authorization}
				res := s.do(t, req)
				problem(t, res, http.StatusUnauthorized)
				assert.Equal(t, `Bearer realm="billing"`, res.header.Get("WWW-Authenticate"))
			}
		})
	}
	assert.Zero(t, s.count(t, "customers"))

	for _, key := range []string{testKey, "sk_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_x"} {
		res := s.do(t, request{method: http.MethodGet, path: "/billing/customers/cust_1",
			header: map[string]string{"Authorization": "bearer " + key}})
		problem(t, res, http.StatusNotFound) // authenticated (the scheme in any case), then not found
	}
	logs := s.logs.String()
	assert.NotContains(t, logs, "4eC39HqLyjWDarjtT1zdp7dc", "an API key is never logged whole")
	assert.Contains(t, logs, `"api_key":"sk_test_…p7dc"`, "the key is logged masked")
	assert.Contains(t, logs, `"api_key":"sk_…p7dc"`)
}

// TestAuthorize: Options.Authorize decides which secret keys may use the service.
func TestAuthorize(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{authorize: func(key string) bool { return key == testKey }})
	problem(t, s.get(t, "/billing/customers/cust_1"), http.StatusNotFound)
	res := s.do(t, request{method: http.MethodGet, path: "/billing/customers/cust_1",
		header: map[string]string{"Authorization": "Bearer sk_test_SomeOtherKey1234567890"}})
	problem(t, res, http.StatusUnauthorized)
}

// TestRoutes: a path of no resource is 404 and a method a path does not take is 405 with
// Allow, both as problems; an ID or external reference that names nothing is 404.
func TestRoutes(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/", http.StatusNotFound, ""},
		{http.MethodGet, "/billing", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/a/b", http.StatusNotFound, ""},
		{http.MethodPost, "/billing/payments", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/bcus_H4jp6KnU5cPw263v1jyz4", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/cust_2024_0001", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/bcus_", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/bcus_not-an-id", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/not%20a%20reference", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers/" + strings.Repeat("a", 256), http.StatusNotFound, ""},
		{http.MethodGet, "/billing/accounts/bacc_9Xk2LmQ7rT4vW8yZ1aB3c", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/accounts/acct_2024_0001", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/accounts/bcus_H4jp6KnU5cPw263v1jyz4", http.StatusNotFound, ""},
		{http.MethodGet, "/billing/customers", http.StatusMethodNotAllowed, "POST"},
		{http.MethodPut, "/billing/accounts", http.StatusMethodNotAllowed, "POST"},
		{http.MethodDelete, "/billing/customers/cust_1", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
		{http.MethodPost, "/billing/accounts/acct_1", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
		{http.MethodPut, "/billing/customers/cust_1", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
	} {
		res := s.do(t, request{method: tc.method, path: tc.path})
		problem(t, res, tc.status)
		assert.Equal(t, tc.allow, res.header.Get("Allow"), "%s %s", tc.method, tc.path)
	}
}

// TestUnreadableDocuments: a body that is not one JSON object is 400, with its one failure
// at the whole document; an empty body too.
func TestUnreadableDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, tc := range []struct {
		body string
		code string
	}{
		{"", "invalid_json"},
		{"not json", "invalid_json"},
		{`{"external_reference": "a"`, "invalid_json"},
		{`{"external_reference": "a"} {}`, "invalid_json"},
		{`[]`, "invalid_type"},
		{`"cust_1"`, "invalid_type"},
		{`null`, "invalid_type"},
		{"\xef\xbb\xbf{}", "invalid_json"},
	} {
		for _, path := range []string{"/billing/customers", "/billing/accounts"} {
			p := problem(t, s.post(t, path, []byte(tc.body)), http.StatusBadRequest)
			requireFailures(t, p, []failure{{Field: "", Code: tc.code}}, false)
		}
	}
}

// TestCreateConflicts: an external_reference in use is 409 with a conflict entry at the
// member that holds it, found by the unique index; nothing of the refused request is stored
// (a nested new customer is inserted in the account's transaction, and goes with it).
func TestCreateConflicts(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	require.Equal(t, http.StatusCreated, s.post(t, "/billing/customers", []byte(`{"external_reference": "cust_1"}`)).status)
	require.Equal(t, http.StatusCreated,
		s.post(t, "/billing/accounts", []byte(`{"customer": "cust_1", "external_reference": "acct_1"}`)).status)

	for _, tc := range []struct {
		path, body string
		want       []failure
	}{
		{"/billing/customers", `{"external_reference": "cust_1", "name": "Jane"}`,
			[]failure{{"external_reference", "/external_reference", "conflict"}}},
		{"/billing/accounts", `{"customer": "cust_1", "external_reference": "acct_1"}`,
			[]failure{{"external_reference", "/external_reference", "conflict"}}},
		{"/billing/accounts", `{"customer": {"external_reference": "cust_1"}, "external_reference": "acct_2"}`,
			[]failure{{"customer.external_reference", "/customer/external_reference", "conflict"}}},
		{"/billing/accounts", `{"customer": {"external_reference": "cust_2"}, "external_reference": "acct_1"}`,
			[]failure{{"external_reference", "/external_reference", "conflict"}}},
	} {
		p := problem(t, s.post(t, tc.path, []byte(tc.body)), http.StatusConflict)
		requireFailures(t, p, tc.want, true)
	}
	assert.Equal(t, 1, s.count(t, "customers"), "cust_2 went with its account")
	assert.Equal(t, 1, s.count(t, "accounts"))

	// An account and a customer may share an external reference: each kind has its own.
	assert.Equal(t, http.StatusCreated,
		s.post(t, "/billing/accounts", []byte(`{"customer": "cust_1", "external_reference": "cust_1"}`)).status)
}

// TestAccountUnknownCustomer: an account whose customer member names no customer, by ID or
// by external reference, is 404 with an entry at /customer; nothing is stored.
func TestAccountUnknownCustomer(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	for _, body := range []string{
		`{"customer": "bcus_H4jp6KnU5cPw263v1jyz4", "external_reference": "acct_1"}`,
		`{"customer": "cust_2024_0001", "external_reference": "acct_1"}`,
	} {
		p := problem(t, s.post(t, "/billing/accounts", []byte(body)), http.StatusNotFound)
		require.Len(t, p.Errors, 1)
		assert.Equal(t, "/customer", p.Errors[0].Pointer)
		assert.Equal(t, "customer", p.Errors[0].Field)
	}
	assert.Zero(t, s.count(t, "accounts"))
}

// TestLogs: one JSON record per request, with the route, the status and the API key
// masked; personal data of a document (an email, a phone) is never in them, nor the key.
func TestLogs(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := readFile(t, "customer-create", "docs-example.json")
	res := s.post(t, "/billing/customers", doc)
	require.Equal(t, http.StatusCreated, res.status)
	s.post(t, "/billing/customers", []byte(`{"external_reference": "x", "email": "jane@", "phone": "+15555555555"}`))
	s.patch(t, "/billing/customers/cust_2024_0001", []byte(`{"email": "other.person@example.com"}`))
	s.get(t, "/billing/customers/cust_2024_0001")

	logs := s.logs.String()
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	assert.Len(t, lines, 4, "one record per request: %s", logs)
	for _, secret := range []string{"thandiwe.nkosi@example.co.za", "+27123456789", "jane@", "+15555555555",
		"other.person@example.com", "4eC39HqLyjWDarjtT1zdp7dc"} {
		assert.NotContains(t, logs, secret)
	}
	assert.Contains(t, lines[0], `"route":"POST /billing/customers","status":201`)
	assert.Contains(t, lines[1], `"errors":["/email invalid_format","/phone invalid_phone"]`)
}

// TestDebugLogs: at debug level a request's record holds the object it made or read, whole,
// as its LogValue writes it: personal data masked.
func TestDebugLogs(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{logLevel: slog.LevelDebug})
	res := s.post(t, "/billing/customers", readFile(t, "customer-create", "docs-example.json"))
	require.Equal(t, http.StatusCreated, res.status)
	res = s.post(t, "/billing/accounts", []byte(`{"customer": "cust_2024_0001", "external_reference": "acct_1", "name": "Savings"}`))
	require.Equal(t, http.StatusCreated, res.status)
	logs := s.logs.String()
	assert.NotContains(t, logs, "thandiwe.nkosi@example.co.za")
	assert.NotContains(t, logs, "+27123456789")
	assert.Contains(t, logs, `"external_reference":"cust_2024_0001"`)
	assert.Contains(t, logs, `"name":"Savings"`)
}
