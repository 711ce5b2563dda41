package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/ids"
)

// TestRun: billingd creates its tables in an empty schema, serves the API, and on a
// signal (ctx done) lets a request in flight finish, then stops and returns nil.
func TestRun(t *testing.T) {
	url := os.Getenv("BILLING_TEST_DATABASE")
	if url == "" {
		t.Skip("BILLING_TEST_DATABASE is empty: set it to a PostgreSQL URL to run billingd against it " +
			"(scripts/pg.sh start gives a throwaway one)")
	}
	database := schemaURL(t, url)
	key := "sk_test_RunTestKey0000000000001"
	apiKey, err := ids.ParseAPIKey(key)
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	var logs lockedBuffer
	go func() {
		done <- run(ctx, config{listen: "127.0.0.1:0", database: database, apiKeys: []ids.APIKey{apiKey},
			shutdownTimeout: 10 * time.Second}, &logs, func(a net.Addr) { addr <- a })
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a.String()
	case err := <-done:
		t.Fatalf("run returned before listening: %v", err)
	}

	req, err := http.NewRequest(http.MethodPost, base+"/billing/customers", strings.NewReader(`{"external_reference": "cust_1"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Idempotency-Key", "first")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	_ = resp.Body.Close()

	// A request whose body arrives slowly is in flight when the signal comes: it finishes.
	pr, pw := io.Pipe()
	req, err = http.NewRequest(http.MethodPost, base+"/billing/customers", pr)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Idempotency-Key", "in-flight")
	inFlight := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		assert.NoError(t, err)
		inFlight <- resp
	}()
	_, err = pw.Write([]byte(`{"external_reference": `))
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond) // the server reads the start of the body
	stop()
	time.Sleep(100 * time.Millisecond) // the server stops accepting
	_, err = pw.Write([]byte(`"cust_2"}`))
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	resp = <-inFlight
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	_ = resp.Body.Close()

	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("run did not return after the signal")
	}
	out := logs.String()
	assert.Contains(t, out, `"msg":"stopped"`)
	assert.NotContains(t, out, "RunTestKey0000000000001", "the API key is never logged whole")
	_, err = net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
	assert.Error(t, err, "the listener is closed")
}

// schemaURL returns url with a search_path of a new schema, dropped when t ends.
func schemaURL(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	schema := "billingd_" + strings.ToLower(rand.Text()[:12])
	_, err = conn.Exec(ctx, "create schema "+schema)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = conn.Exec(ctx, "drop schema "+schema+" cascade")
		_ = conn.Close(ctx)
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

func TestParseAPIKeys(t *testing.T) {
	keys, err := parseAPIKeys(" sk_test_abc , sk_live1,,")
	require.NoError(t, err)
	require.Len(t, keys, 2)
	assert.Equal(t, "sk_test_abc", keys[0].Reveal())

	for _, list := range []string{"pk_test_abc", "sk_test_abc,nope"} {
		_, err := parseAPIKeys(list)
		assert.Error(t, err, list)
		assert.NotContains(t, err.Error(), "abc", "the error never holds a key")
	}
	keys, err = parseAPIKeys("")
	require.NoError(t, err)
	assert.Empty(t, keys)
}

// lockedBuffer is a bytes.Buffer written by a logger from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
