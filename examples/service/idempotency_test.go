package service_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postKey sends body to path with the Idempotency-Key key (and the API key apiKey when not "").
func (s *server) postKey(t testing.TB, path, key string, body []byte, apiKey string) result {
	t.Helper()
	h := map[string]string{"Idempotency-Key": key}
	if apiKey != "" {
		h["Authorization"] = "Bearer " + apiKey
	}
	return s.do(t, request{method: http.MethodPost, path: path, body: body, header: h})
}

// TestIdempotentReplay: a create retried with its Idempotency-Key gets the first response
// again, status, body and Location, with Idempotent-Replayed: true, and creates nothing
// more; a first response never says it is replayed.
func TestIdempotentReplay(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	customerDoc := readFile(t, "customer-create", "docs-example.json")
	accountDoc := []byte(`{"customer": {"external_reference": "cust_new", "phone": "+27123456789"}, "external_reference": "acct_1"}`)
	for _, tc := range []struct {
		path, key string
		body      []byte
	}{
		{"/billing/customers", "3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", customerDoc},
		{"/billing/accounts", "retry-account-1", accountDoc},
	} {
		first := s.postKey(t, tc.path, tc.key, tc.body, "")
		require.Equal(t, http.StatusCreated, first.status, "%s", first.body)
		assert.Empty(t, first.header.Get("Idempotent-Replayed"))
		for range 3 {
			again := s.postKey(t, tc.path, tc.key, tc.body, "")
			assert.Equal(t, http.StatusCreated, again.status)
			assert.Equal(t, string(first.body), string(again.body))
			assert.Equal(t, first.header.Get("Location"), again.header.Get("Location"))
			assert.Equal(t, "application/json", again.header.Get("Content-Type"))
			assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
		}
	}
	assert.Equal(t, 2, s.count(t, "customers"), "the docs' example and the account's new customer")
	assert.Equal(t, 1, s.count(t, "accounts"))
	assert.Equal(t, 2, s.count(t, "idempotency_keys"))
}

// TestIdempotencyKeyPerAPIKey: keys are kept per API key: another API key sending the same
// Idempotency-Key makes a request of its own (here refused: the reference is in use).
func TestIdempotencyKeyPerAPIKey(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := readFile(t, "customer-create", "docs-example.json")
	require.Equal(t, http.StatusCreated, s.postKey(t, "/billing/customers", "k1", doc, "").status)
	other := s.postKey(t, "/billing/customers", "k1", doc, "sk_test_AnotherMerchantsKey0001")
	problem(t, other, http.StatusConflict)
	assert.Empty(t, other.header.Get("Idempotent-Replayed"))
}

// TestIdempotencyKeyReused: a key sent again with another valid document, or to another
// path, is 422: the key promises the same request. The first response stays kept under
// the key. (A document with failures is answered with its own problem first.)
func TestIdempotencyKeyReused(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := []byte(`{"external_reference": "cust_1"}`)
	first := s.postKey(t, "/billing/customers", "k1", doc, "")
	require.Equal(t, http.StatusCreated, first.status)

	for _, tc := range []struct{ path, body string }{
		{"/billing/customers", `{"external_reference": "cust_2"}`},
		{"/billing/customers", `{"external_reference": "cust_1" }`}, // the same request, other bytes
		{"/billing/accounts", `{"customer": "cust_1", "external_reference": "acct_1"}`},
	} {
		p := problem(t, s.postKey(t, tc.path, "k1", []byte(tc.body), ""), http.StatusUnprocessableEntity)
		assert.Empty(t, p.Errors, "the problem is the key's, not a member's")
		assert.Contains(t, p.Detail, "Idempotency-Key")
	}
	p := problem(t, s.postKey(t, "/billing/accounts", "k1", []byte(`{"external_reference": "cust_1"}`), ""),
		http.StatusUnprocessableEntity)
	assert.Equal(t, "/customer", p.Errors[0].Pointer, "a document with failures gets its own problem")

	assert.Equal(t, 1, s.count(t, "customers"))
	assert.Zero(t, s.count(t, "accounts"))
	again := s.postKey(t, "/billing/customers", "k1", doc, "")
	assert.Equal(t, string(first.body), string(again.body))
}

// TestIdempotencyKeyHeader: a create without an Idempotency-Key, with an empty or
// malformed one, or with two, is 400, and stores nothing. A PATCH needs none.
func TestIdempotencyKeyHeader(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := readFile(t, "customer-create", "docs-example.json")
	for _, path := range []string{"/billing/customers", "/billing/accounts"} {
		for _, key := range []string{"", " ", "has space", "under_score", "ключ", strings.Repeat("a", 256)} {
			// "" removes the header; " " is sent as an empty value.
			req := request{method: http.MethodPost, path: path, body: doc, header: map[string]string{"Idempotency-Key": key}}
			p := problem(t, s.do(t, req), http.StatusBadRequest)
			assert.Empty(t, p.Errors)
			assert.Contains(t, p.Detail, "Idempotency-Key")
		}
	}
	require.Equal(t, http.StatusCreated, s.post(t, "/billing/customers", doc).status)
	hr, err := http.NewRequest(http.MethodPost, s.url+"/billing/customers", strings.NewReader(string(doc)))
	require.NoError(t, err)
	hr.Header.Set("Authorization", "Bearer "+testKey)
	hr.Header.Add("Idempotency-Key", "k1")
	hr.Header.Add("Idempotency-Key", "k2")
	resp, err := s.client.Do(hr)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "two keys")
	assert.Equal(t, 1, s.count(t, "customers"))
}

// TestFailuresAreNotKept: only a created object is kept under its key. A create that
// fails (a document's failures, an unknown customer, a conflict) keeps nothing, so the
// client may correct the cause and retry with the same key.
func TestFailuresAreNotKept(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	problem(t, s.postKey(t, "/billing/customers", "k1", []byte(`{"external_reference": ""}`), ""), http.StatusUnprocessableEntity)
	require.Equal(t, http.StatusCreated, s.postKey(t, "/billing/customers", "k1", []byte(`{"external_reference": "cust_1"}`), "").status)

	account := []byte(`{"customer": "cust_2", "external_reference": "acct_1"}`)
	problem(t, s.postKey(t, "/billing/accounts", "k2", account, ""), http.StatusNotFound)
	require.Equal(t, http.StatusCreated, s.post(t, "/billing/customers", []byte(`{"external_reference": "cust_2"}`)).status)
	res := s.postKey(t, "/billing/accounts", "k2", account, "")
	require.Equal(t, http.StatusCreated, res.status, "the same key, once the customer exists")
	assert.Empty(t, res.header.Get("Idempotent-Replayed"))

	problem(t, s.postKey(t, "/billing/customers", "k3", []byte(`{"external_reference": "cust_1"}`), ""), http.StatusConflict)
	assert.Equal(t, 3, s.count(t, "idempotency_keys"), "k1, k2 and the key of cust_2")
}

// TestIdempotencyKeyExpires: after 24 hours a key is no longer replayed: the request is
// made again (here refused, its reference being in use), and PurgeKeys deletes old keys.
func TestIdempotencyKeyExpires(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{})
	doc := []byte(`{"external_reference": "cust_1"}`)
	require.Equal(t, http.StatusCreated, s.postKey(t, "/billing/customers", "k1", doc, "").status)
	require.Equal(t, http.StatusCreated, s.postKey(t, "/billing/customers", "k2", []byte(`{"external_reference": "cust_2"}`), "").status)
	s.exec(t, "update idempotency_keys set created_at = now() - interval '23 hours 59 minutes' where key = 'k1'")
	assert.Equal(t, "true", s.postKey(t, "/billing/customers", "k1", doc, "").header.Get("Idempotent-Replayed"))

	s.exec(t, "update idempotency_keys set created_at = now() - interval '24 hours 1 minute'")
	problem(t, s.postKey(t, "/billing/customers", "k1", doc, ""), http.StatusConflict)
	require.Equal(t, http.StatusCreated, s.postKey(t, "/billing/customers", "k1", []byte(`{"external_reference": "cust_3"}`), "").status,
		"an expired key is taken over, whatever its first request was")
	n, err := s.api.PurgeKeys(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(1), n, "k2")
	assert.Equal(t, 1, s.count(t, "idempotency_keys"), "k1, taken over")
}

// TestIdempotentConcurrentRetries: requests with one key sent at once: one creates, the
// others wait for it on the key and replay its response.
func TestIdempotentConcurrentRetries(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{maxConns: 8})
	doc := readFile(t, "customer-create", "docs-example.json")
	const n = 12
	results := make([]result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			results[i] = s.postKey(t, "/billing/customers", "same-key", doc, "")
		})
	}
	close(start)
	wg.Wait()
	replayed := 0
	for _, res := range results {
		require.Equal(t, http.StatusCreated, res.status, "%s", res.body)
		assert.Equal(t, string(results[0].body), string(res.body))
		if res.header.Get("Idempotent-Replayed") == "true" {
			replayed++
		}
	}
	assert.Equal(t, n-1, replayed)
	assert.Equal(t, 1, s.count(t, "customers"))
}
