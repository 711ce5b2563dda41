package service_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
)

// hostileDocuments are documents built to hurt a parser: deep nesting, a megabyte of
// members, invalid UTF-8, lone surrogates, duplicate members, huge numbers, and the
// like. Each small one is sent as a customer create, an account create and a customer
// update; each large one as one of them, in turn.
func hostileDocuments() []struct {
	name string
	doc  []byte
} {
	const mib = 1 << 20
	repeat := func(s string, n int) string { return strings.Repeat(s, n) }
	// members returns prefix, n members made by member(i) and suffix.
	members := func(prefix string, n int, member func(i int) string, suffix string) []byte {
		var b bytes.Buffer
		b.WriteString(prefix)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(member(i))
		}
		b.WriteString(suffix)
		return b.Bytes()
	}
	docs := []struct {
		name string
		doc  []byte
	}{
		{"1 MiB of [", []byte(repeat("[", mib))},
		{`1 MiB of {"a":`, []byte(repeat(`{"a":`, mib/5))},
		{"nesting 65 deep, balanced", []byte(`{"metadata":` + repeat(`{"a":`, 63) + `1` + repeat("}", 63) + "}")},
		{"nesting half a MiB deep, balanced", []byte(`{"metadata":` + repeat(`{"a":`, mib/20) + `1` + repeat("}", mib/20) + "}")},
		{"1 MiB of metadata keys", members(`{"external_reference":"c1","customer":"bcus_x1","metadata":{`, 70000,
			func(i int) string { return fmt.Sprintf(`"k%d":"v"`, i) }, "}}")},
		{"1 MiB of metadata keys, every value empty", members(`{"external_reference":"c1","metadata":{`, 80000,
			func(i int) string { return fmt.Sprintf(`"k%d":""`, i) }, "}}")},
		{"1 MiB of unknown members", members(`{"external_reference":"c1",`, 80000,
			func(i int) string { return fmt.Sprintf(`"u%d":1`, i) }, "}")},
		{"one member 100 000 times", members(`{`, 100000, func(int) string { return `"name":"a"` }, "}")},
		{"one metadata key 100 000 times", members(`{"metadata":{`, 100000, func(int) string { return `"k":"v"` }, "}}")},
		{"1 MiB member name", []byte(`{"` + repeat("n", mib-10) + `":1}`)},
		{"1 MiB string value", []byte(`{"external_reference":"` + repeat("a", mib-30) + `"}`)},
		{"1 MiB of escapes", []byte(`{"name":"` + repeat(`\u00e9`, (mib-20)/6) + `"}`)},
		{"invalid UTF-8 everywhere", []byte("{\"external_reference\":\"c\xff\",\"name\":\"\xc3\x28\",\"metadata\":{\"k\xfe\":\"\xed\xa0\x80\"}}")},
		{"invalid UTF-8 in a member name", []byte("{\"na\xffme\":\"a\"}")},
		{"lone surrogates", []byte(`{"external_reference":"\ud800","name":"\udc00x","metadata":{"\ud83d":"\ude00"}}`)},
		{"lone surrogate in a member name", []byte(`{"\ud800name":"a"}`)},
		{"duplicate members", []byte(`{"external_reference":"a","external_reference":"b","customer":"x","customer":{},"metadata":{"k":"v","k":"w"},"metadata":{}}`)},
		{"huge numbers", []byte(`{"external_reference":"c1","currency":"ZAR","balance":` + repeat("9", 400) + `}`)},
		{"1 MiB of digits", []byte(`{"balance":` + repeat("9", mib-20) + `}`)},
		{"exponent and fraction", []byte(`{"external_reference":"c1","currency":"ZAR","balance":1e400}`)},
		{"negative zero fraction", []byte(`{"external_reference":"c1","currency":"ZAR","balance":-0.0e-0}`)},
		{"raw NUL and controls", []byte("{\"name\":\"a\x00b\x01\",\"external_reference\":\"\x7f\"}")},
		{"byte order mark", []byte("\xef\xbb\xbf{}")},
		{"trailing garbage", []byte(`{"external_reference":"c1"}` + repeat("x", 1000))},
		{"1 MiB of white space", []byte(repeat(" ", mib))},
		{"1 MiB + 1 of white space around an object", []byte("{}" + repeat(" ", mib-1))},
		{"every member wrong", []byte(`{"external_reference":1,"customer":[],"name":{},"email":true,"phone":null,"currency":"zar","balance":"1","metadata":[]}`)},
		{"many wrong nested customers", []byte(`{"customer":{"customer":{"customer":{}}},"external_reference":{"a":[{"b":null}]}}`)},
	}
	return docs
}

// TestHostileDocuments: every hostile document over HTTP is answered with the library's own
// problem for it (never a 500), and afterwards no goroutine or connection is left over, the
// pool has every connection back, and the service still serves.
//
// It runs alone (not in parallel) so that the goroutine count is the service's.
func TestHostileDocuments(t *testing.T) {
	s := newServer(t, serverOptions{maxConns: 4})
	stored, err := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"),
		customer.MustNewCreateRequest(customer.CreateParams{ExternalReference: "cust_1"}))
	require.NoError(t, err)
	s.storeCustomer(t, stored)
	require.Equal(t, http.StatusCreated, s.post(t, "/billing/customers", readFile(t, "customer-create", "docs-example.json")).status)
	before := settledGoroutines(s, 0)

	type route struct {
		method, path string
		decode       func([]byte) error // the library's reading of the body
	}
	routes := []route{
		{http.MethodPost, "/billing/customers", func(b []byte) error { _, err := customer.DecodeCreateRequest(b); return err }},
		{http.MethodPost, "/billing/accounts", func(b []byte) error { _, err := account.DecodeCreateRequest(b); return err }},
		{http.MethodPatch, "/billing/customers/cust_1", func(b []byte) error { _, err := customer.DecodeUpdateRequest(b); return err }},
	}
	var mu sync.Mutex
	largest := 0
	var wg sync.WaitGroup
	work := make(chan func(), 1)
	for range 4 {
		wg.Go(func() {
			for f := range work {
				f()
			}
		})
	}
	for i, h := range hostileDocuments() {
		for j, rt := range routes {
			if len(h.doc) > 64<<10 && j != i%len(routes) {
				continue // a large document goes to one route, in turn: it costs much under -race
			}
			work <- func() {
				res := s.do(t, request{method: rt.method, path: rt.path, body: h.doc})
				libErr := rt.decode(h.doc)
				var es billing.Errors
				if !assert.True(t, errors.As(libErr, &es), "%s %s: the library accepts %s", rt.method, rt.path, h.name) {
					return
				}
				want := es.Problem()
				got := problem(t, res, want.Status)
				assert.Equal(t, viaJSON(want), got, "%s %s: %s", rt.method, rt.path, h.name)
				t.Logf("%s %s: %s: %d bytes, %d entries", rt.method, rt.path, h.name, len(res.body), len(got.Errors))
				assert.Less(t, res.status, 500, h.name)
				mu.Lock()
				largest = max(largest, len(res.body))
				mu.Unlock()
			}
		}
	}
	close(work)
	wg.Wait()
	t.Logf("largest problem: %d bytes", largest)

	after := settledGoroutines(s, before)
	assert.LessOrEqual(t, after, before, "goroutines left over after the hostile documents")
	stat := s.pool.Stat()
	assert.Zero(t, stat.AcquiredConns(), "connections not given back to the pool")
	assert.LessOrEqual(t, stat.TotalConns(), int32(4))

	res := s.post(t, "/billing/customers", []byte(`{"external_reference": "still_serving"}`))
	assert.Equal(t, http.StatusCreated, res.status, "the service still serves")
	var c map[string]any
	assert.NoError(t, json.Unmarshal(res.body, &c))
}

// settledGoroutines closes the client's idle connections (the server's goroutines for
// them end) and returns the number of goroutines once it is at most want, or after a few
// seconds (want 0: once it stops falling).
func settledGoroutines(s *server, want int) int {
	s.client.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	last := runtime.NumGoroutine()
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		n := runtime.NumGoroutine()
		if want > 0 && n <= want || want == 0 && n == last {
			return n
		}
		last = n
	}
	return last
}

// viaJSON returns p as encoding/json writes it: each byte of invalid UTF-8 in a string
// (a path that holds a bad key) is U+FFFD there.
func viaJSON(p billing.Problem) billing.Problem {
	p.Type, p.Title, p.Detail = validUTF8(p.Type), validUTF8(p.Title), validUTF8(p.Detail)
	entries := make([]billing.ProblemEntry, len(p.Errors))
	for i, e := range p.Errors {
		entries[i] = billing.ProblemEntry{Pointer: validUTF8(e.Pointer), Field: validUTF8(e.Field),
			Code: billing.Code(validUTF8(string(e.Code))), Detail: validUTF8(e.Detail)}
	}
	p.Errors = entries
	return p
}

// validUTF8 returns s with each byte that is not part of valid UTF-8 replaced by U+FFFD.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
