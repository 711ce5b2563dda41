package service_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/examples/service"
	"github.com/tallykit/billing/ids"
)

// envDatabase names the environment variable that gives the tests their database.
const envDatabase = "BILLING_TEST_DATABASE"

// testKey is the API key the tests send, unless a test says otherwise.
const testKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"

// databaseURL returns the URL of the test database, or skips tb when none is given.
func databaseURL(tb testing.TB) string {
	tb.Helper()
	url := os.Getenv(envDatabase)
	if url == "" {
		tb.Skipf("%s is empty: set it to a PostgreSQL URL, like postgres://user@127.0.0.1:5432/postgres, "+
			"to run the service's tests (scripts/pg.sh start gives a throwaway one)", envDatabase)
	}
	return url
}

// server is the service under test: an HTTP server on loopback over a schema of its own.
type server struct {
	url    string
	pool   *pgxpool.Pool
	api    *service.Server
	client *http.Client
	logs   *syncBuffer
	keys   atomic.Int64
}

// serverOptions change what newServer makes.
type serverOptions struct {
	maxConns  int32                 // the pool's size; 4 when 0
	authorize func(key string) bool // service.Options.Authorize, on the revealed key
	logLevel  slog.Level            // the least level logged
}

// newServer starts the service for tb in a schema of its own (its tables made by
// service.EnsureSchema), and stops it and drops the schema when tb ends.
func newServer(tb testing.TB, opts serverOptions) *server {
	tb.Helper()
	ctx := context.Background()
	cfg := newSchema(tb)
	pc, err := pgxpool.ParseConfig("")
	require.NoError(tb, err)
	pc.ConnConfig = cfg
	pc.MaxConns = 4
	if opts.maxConns > 0 {
		pc.MaxConns = opts.maxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	require.NoError(tb, service.EnsureSchema(ctx, pool))
	require.NoError(tb, service.EnsureSchema(ctx, pool), "EnsureSchema on a schema that has the tables")

	logs := &syncBuffer{}
	so := service.Options{Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: opts.logLevel}))}
	if opts.authorize != nil {
		so.Authorize = func(k ids.APIKey) bool { return opts.authorize(k.Reveal()) }
	}
	api := service.New(pool, so)
	hs := httptest.NewServer(api)
	tb.Cleanup(hs.Close)
	client := hs.Client()
	client.Transport.(*http.Transport).MaxIdleConnsPerHost = 64
	return &server{url: hs.URL, pool: pool, api: api, client: client, logs: logs}
}

// newSchema creates a schema of its own for tb and drops it when tb ends. It returns a
// connection configuration whose search_path is that schema, so that tests run in parallel.
func newSchema(tb testing.TB) *pgx.ConnConfig {
	tb.Helper()
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(databaseURL(tb))
	require.NoError(tb, err)
	admin, err := pgx.ConnectConfig(ctx, cfg)
	require.NoError(tb, err, "connecting to %s", envDatabase)
	schema := "billing_service_" + strings.ToLower(rand.Text()[:12]) // search_path folds case
	_, err = admin.Exec(ctx, "create schema "+pgx.Identifier{schema}.Sanitize())
	require.NoError(tb, err)
	tb.Cleanup(func() {
		_, err := admin.Exec(ctx, "drop schema "+pgx.Identifier{schema}.Sanitize()+" cascade")
		if err != nil {
			tb.Errorf("dropping schema %s: %v", schema, err)
		}
		_ = admin.Close(ctx)
	})
	cfg.RuntimeParams["search_path"] = schema
	return cfg
}

// result is a response, read whole.
type result struct {
	status int
	header http.Header
	body   []byte
}

// request is one request to send: the test's API key and a new Idempotency-Key are added
// unless header sets them ("" removes one).
type request struct {
	method, path string
	body         []byte
	header       map[string]string
}

// do sends req and returns the response.
func (s *server) do(t testing.TB, req request) result {
	t.Helper()
	hr, err := http.NewRequest(req.method, s.url+req.path, bytes.NewReader(req.body))
	require.NoError(t, err)
	hr.Header.Set("Authorization", "Bearer "+testKey)
	if req.method == http.MethodPost {
		hr.Header.Set("Idempotency-Key", s.newKey())
	}
	for k, v := range req.header {
		if v == "" {
			hr.Header.Del(k)
		} else {
			hr.Header.Set(k, v)
		}
	}
	resp, err := s.client.Do(hr)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return result{status: resp.StatusCode, header: resp.Header, body: body}
}

// post, get and patch send the test's API key (and a new Idempotency-Key for a post).
func (s *server) post(t testing.TB, path string, body []byte) result {
	t.Helper()
	return s.do(t, request{method: http.MethodPost, path: path, body: body})
}

func (s *server) get(t testing.TB, path string) result {
	t.Helper()
	return s.do(t, request{method: http.MethodGet, path: path})
}

func (s *server) patch(t testing.TB, path string, body []byte) result {
	t.Helper()
	return s.do(t, request{method: http.MethodPatch, path: path, body: body})
}

// newKey returns an Idempotency-Key no other request of the test sends.
func (s *server) newKey() string {
	return "test-" + strings.ReplaceAll(rand.Text(), "_", "-")[:12] + "-" + strconv.FormatInt(s.keys.Add(1), 10)
}

// exec runs SQL in the server's schema.
func (s *server) exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	_, err := s.pool.Exec(context.Background(), sql, args...)
	require.NoError(t, err, sql)
}

// count returns the number of rows of table.
func (s *server) count(t testing.TB, table string) int {
	t.Helper()
	var n int
	require.NoError(t, s.pool.QueryRow(context.Background(), "select count(*) from "+table).Scan(&n))
	return n
}

// reset deletes every account, customer and idempotency key.
func (s *server) reset(t testing.TB) {
	t.Helper()
	s.exec(t, "delete from accounts; delete from customers; delete from idempotency_keys")
}

// storeCustomer inserts c as a row, by its Record.
func (s *server) storeCustomer(t testing.TB, c customer.Customer) {
	t.Helper()
	r := c.Record()
	s.exec(t, "insert into customers (id, external_reference, name, email, phone, currency, balance, payment_rules, metadata) "+
		"values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		r.ID, r.ExternalReference, r.Name, r.Email, r.Phone, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
}

// storeAccount inserts a as a row, by its Record, after a customer row of its customer ID
// when there is none.
func (s *server) storeAccount(t testing.TB, a account.Account) {
	t.Helper()
	s.exec(t, "insert into customers (id, external_reference) values ($1, $2) on conflict do nothing",
		a.CustomerID(), "owner_"+strings.ToLower(rand.Text()[:10]))
	r := a.Record()
	s.exec(t, "insert into accounts (id, external_reference, customer_id, name, currency, balance, payment_rules, metadata) "+
		"values ($1, $2, $3, $4, $5, $6, $7, $8)",
		r.ID, r.ExternalReference, r.CustomerID, r.Name, r.Currency, r.Balance, r.PaymentRules, r.Metadata)
}

// problem requires res to be a problem of status and returns it.
func problem(t testing.TB, res result, status int) billing.Problem {
	t.Helper()
	require.Equal(t, status, res.status, "status; body %s", res.body)
	require.Equal(t, "application/problem+json", res.header.Get("Content-Type"), "%s", res.body)
	var p billing.Problem
	dec := json.NewDecoder(bytes.NewReader(res.body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&p), "%s", res.body)
	assert.Equal(t, status, p.Status, "the problem's status")
	assert.Equal(t, "about:blank", p.Type)
	assert.NotEmpty(t, p.Title)
	assert.NotEmpty(t, p.Detail)
	require.NotNil(t, p.Errors, `"errors" is an array, never null: %s`, res.body)
	for _, e := range p.Errors { // checked by hand: a problem may hold many thousand entries
		if e.Field != pointerToField(e.Pointer) {
			t.Errorf("the field and the pointer of %+v name different places", e)
		}
		prefix := e.Field + ": "
		if e.Field == "" {
			prefix = "the document: "
		}
		if !strings.HasPrefix(e.Detail, prefix) {
			t.Errorf("the detail %q does not name its member", e.Detail)
		}
	}
	return p
}

// pointerToField returns the dot path of a JSON Pointer: its tokens unescaped and joined
// by dots (the other way is ambiguous for a key holding a dot).
func pointerToField(pointer string) string {
	if pointer == "" {
		return ""
	}
	tokens := strings.Split(pointer[1:], "/")
	for i, tok := range tokens {
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	return strings.Join(tokens, ".")
}

// failure is one expected failure of a testdata .errors.json file; Pointer is "" in the
// files that do not give it.
type failure struct {
	Field   string `json:"field"`
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
}

// wantStatus returns the status of a problem of fs: 413 a document over 1 MiB, 400
// another failure of the whole document, 409 any conflict, else 422.
func wantStatus(fs []failure) int {
	status := http.StatusUnprocessableEntity
	for _, f := range fs {
		switch {
		case f.Field == "" && f.Code == string(billing.CodeTooLong):
			return http.StatusRequestEntityTooLarge
		case f.Field == "":
			return http.StatusBadRequest
		case f.Code == string(billing.CodeConflict):
			status = http.StatusConflict
		}
	}
	return status
}

// requireFailures requires p's entries to be want, in order: field and code, and the
// pointer when withPointer (problem has checked that each pointer names its field).
func requireFailures(t testing.TB, p billing.Problem, want []failure, withPointer bool) {
	t.Helper()
	got := make([]failure, len(p.Errors))
	for i, e := range p.Errors {
		got[i] = failure{Field: e.Field, Code: string(e.Code)}
		if withPointer {
			got[i].Pointer = e.Pointer
		}
	}
	require.Equal(t, want, got)
}

// document is a testdata document and what it must give.
type document struct {
	name        string
	data        []byte
	want        []failure
	withPointer bool // the expected failures give their pointers
}

// documents returns the documents of testdata/dir (each *.json with its .errors.json).
func documents(t testing.TB, dir string) []document {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.errors.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no documents in testdata/%s", dir)
	docs := make([]document, 0, len(files))
	for _, f := range files {
		doc := document{name: strings.TrimSuffix(filepath.Base(f), ".errors.json")}
		want, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(want, &doc.want), f)
		doc.withPointer = bytes.Contains(want, []byte(`"pointer"`))
		doc.data, err = os.ReadFile(strings.TrimSuffix(f, ".errors.json") + ".json")
		require.NoError(t, err)
		docs = append(docs, doc)
	}
	return docs
}

// readFile returns the bytes of a testdata file.
func readFile(t testing.TB, path ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "..", "testdata"}, path...)...))
	require.NoError(t, err)
	return data
}

// syncBuffer is a bytes.Buffer that a logger may write to from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
