package service_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// concurrently sends n requests at once, the i-th with the body body(i), each with its own
// Idempotency-Key, and returns the responses.
func concurrently(t *testing.T, s *server, n int, path string, body func(i int) string) []result {
	t.Helper()
	results := make([]result, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			results[i] = s.post(t, path, []byte(body(i)))
		})
	}
	close(start)
	wg.Wait()
	return results
}

// statuses counts the responses by status.
func statuses(results []result) map[int]int {
	m := map[int]int{}
	for _, r := range results {
		m[r.status]++
	}
	return m
}

// TestConcurrentCreates: 20 creates sent at once with one external reference: exactly one
// is created, the 19 others are 409 with the conflict at external_reference (the unique
// index decides, not a read before the insert); 50 with distinct references are all
// created. The same for accounts, and for accounts whose new customers share a reference.
func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	s := newServer(t, serverOptions{maxConns: 8})
	require.Equal(t, http.StatusCreated, s.post(t, "/billing/customers", []byte(`{"external_reference": "owner"}`)).status)

	for _, tc := range []struct {
		name, path string
		same       func(i int) string
		distinct   func(i int) string
		pointer    string
	}{
		{"customers", "/billing/customers",
			func(i int) string { return fmt.Sprintf(`{"external_reference": "cust_same", "name": "Client %d"}`, i) },
			func(i int) string { return fmt.Sprintf(`{"external_reference": "cust_%d"}`, i) },
			"/external_reference"},
		{"accounts", "/billing/accounts",
			func(i int) string {
				return fmt.Sprintf(`{"customer": "owner", "external_reference": "acct_same", "balance": %d, "currency": "ZAR"}`, i)
			},
			func(i int) string { return fmt.Sprintf(`{"customer": "owner", "external_reference": "acct_%d"}`, i) },
			"/external_reference"},
		{"accounts with new customers", "/billing/accounts",
			func(i int) string {
				return fmt.Sprintf(`{"customer": {"external_reference": "new_same"}, "external_reference": "acct_new_%d"}`, i)
			},
			func(i int) string {
				return fmt.Sprintf(`{"customer": {"external_reference": "new_%d"}, "external_reference": "acct_new_distinct_%d"}`, i, i)
			},
			"/customer/external_reference"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			results := concurrently(t, s, 20, tc.path, tc.same)
			assert.Equal(t, map[int]int{http.StatusCreated: 1, http.StatusConflict: 19}, statuses(results))
			for _, res := range results {
				if res.status == http.StatusConflict {
					p := problem(t, res, http.StatusConflict)
					require.Len(t, p.Errors, 1)
					assert.Equal(t, tc.pointer, p.Errors[0].Pointer)
					assert.Equal(t, "conflict", string(p.Errors[0].Code))
				}
			}
			results = concurrently(t, s, 50, tc.path, tc.distinct)
			assert.Equal(t, map[int]int{http.StatusCreated: 50}, statuses(results))
		})
	}
	assert.Equal(t, 1+1+50+1+50, s.count(t, "customers"))
	assert.Equal(t, 1+50+1+50, s.count(t, "accounts"))
}
