package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	doc, err := os.ReadFile("../../../testdata/customer-create/docs-example.json")
	require.NoError(t, err)
	ok := config{url: "http://127.0.0.1:8080", clients: 16, duration: 10 * time.Second, requests: 1000, body: doc}
	require.NoError(t, check(ok))
	for _, u := range []string{"http://localhost:1", "http://[::1]:8080", "http://127.0.0.2"} {
		c := ok
		c.url = u
		assert.NoError(t, check(c), u)
	}
	for _, bad := range []func(*config){
		func(c *config) { c.url = "http://10.1.2.3:8080" },
		func(c *config) { c.url = "http://example.com" },
		func(c *config) { c.url = "https://127.0.0.1" },
		func(c *config) { c.clients = 0 },
		func(c *config) { c.clients = 257 },
		func(c *config) { c.duration = 2 * time.Minute },
		func(c *config) { c.requests = 0 },
		func(c *config) { c.requests = maxRequests + 1 },
		func(c *config) { c.body = []byte(`{"name": "x"}`) },
	} {
		c := ok
		bad(&c)
		assert.Error(t, check(c), "%+v", c)
	}
}

// TestLoad: every request carries the document with an external reference and an
// Idempotency-Key of its own; the run stops at its request bound.
func TestLoad(t *testing.T) {
	doc, err := os.ReadFile("../../../testdata/customer-create/docs-example.json")
	require.NoError(t, err)
	var mu sync.Mutex
	refs := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ref := regexp.MustCompile(`"external_reference":"(load_[a-z0-9]+_\d+)"`).FindSubmatch(body)
		mu.Lock()
		defer mu.Unlock()
		if assert.NotNil(t, ref, "%s", body) {
			assert.False(t, refs[string(ref[1])], "reference sent twice")
			refs[string(ref[1])] = true
			assert.Regexp(t, `^load-[a-z0-9]+-\d+$`, r.Header.Get("Idempotency-Key"), "a key of A-Za-z0-9-")
			assert.Equal(t, string(ref[1]), strings.ReplaceAll(r.Header.Get("Idempotency-Key"), "-", "_"))
		}
		assert.Equal(t, "Bearer sk_test_x", r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	rep, err := load(t.Context(), config{url: srv.URL, clients: 4, duration: 5 * time.Second, requests: 200, body: doc, apiKey: "sk_test_x"})
	require.NoError(t, err)
	assert.Len(t, refs, 200)
	assert.Equal(t, map[int]int{http.StatusCreated: 200}, rep.statuses)
	assert.Zero(t, rep.failed)
}
