package customer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/internal/testkit"
)

// The updates of the benchmarks: the most common call of all, a balance alone, and a
// typical one (a name, a phone and two metadata keys), with the create request of the
// same members (and the external reference a create request requires).
var (
	balanceUpdate = []byte(`{"balance": 5000}`)
	typicalUpdate = []byte(`{"name": "Thandiwe Dlamini", "phone": "+27821234567", ` +
		`"metadata": {"crm_id": "B-20411", "tier": "gold"}}`)
	typicalCreate = []byte(`{"external_reference": "cust_2024_0001", "name": "Thandiwe Dlamini", ` +
		`"phone": "+27821234567", "metadata": {"crm_id": "B-20411", "tier": "gold"}}`)
)

var sinkCustomer customer.Customer

// docsCustomer returns the customer that the docs' example create request makes, as a
// service stores it.
func docsCustomer(tb testing.TB) customer.Customer {
	tb.Helper()
	req, err := customer.DecodeCreateRequest(testdocs.ReadPath(tb, "../testdata/customer-create/docs-example.json"))
	require.NoError(tb, err)
	c, err := customer.New(ids.MustParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4"), req)
	require.NoError(tb, err)
	return c
}

// updateOnce parses data as an update and applies it to c.
func updateOnce(c customer.Customer, data []byte) (customer.Customer, error) {
	u, err := customer.DecodeUpdateRequest(data)
	if err != nil {
		return customer.Customer{}, err
	}
	return c.Apply(u)
}

// BenchmarkUpdateBalance parses {"balance": 5000} and applies it to the docs' example
// customer: the most common call of the API.
func BenchmarkUpdateBalance(b *testing.B) {
	c := docsCustomer(b)
	if _, err := updateOnce(c, balanceUpdate); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sinkCustomer, _ = updateOnce(c, balanceUpdate)
	}
}

// BenchmarkUpdateTypical compares parsing and applying a typical update (a name, a phone
// and two metadata keys) to the docs' example customer, in two calls (DecodeUpdateRequest,
// Apply) and in one (ApplyJSON), with parsing the create request of the same members: each
// alone, then in alternation (interleaved: update-ns, create-ns and their ratio, by the
// clock and by CPU time).
func BenchmarkUpdateTypical(b *testing.B) {
	c := docsCustomer(b)
	if _, err := updateOnce(c, typicalUpdate); err != nil {
		b.Fatal(err)
	}
	if _, err := customer.DecodeCreateRequest(typicalCreate); err != nil {
		b.Fatal(err)
	}
	b.Run("update", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCustomer, _ = updateOnce(c, typicalUpdate)
		}
	})
	b.Run("one-call", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCustomer, _ = c.ApplyJSON(typicalUpdate)
		}
	})
	b.Run("create", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkCreateRequest, _ = customer.DecodeCreateRequest(typicalCreate)
		}
	})
	b.Run("interleaved", func(b *testing.B) {
		b.ReportAllocs()
		testkit.Interleaved(b, "update", func() { sinkCustomer, _ = updateOnce(c, typicalUpdate) },
			"create", func() { sinkCreateRequest, _ = customer.DecodeCreateRequest(typicalCreate) })
	})
	b.Run("interleaved-one-call", func(b *testing.B) {
		b.ReportAllocs()
		testkit.Interleaved(b, "update", func() { sinkCustomer, _ = c.ApplyJSON(typicalUpdate) },
			"create", func() { sinkCreateRequest, _ = customer.DecodeCreateRequest(typicalCreate) })
	})
}

var sinkCreateRequest customer.CreateRequest

// TestUpdateAllocations holds the allocations of the benchmarks' updates: a balance
// update allocates nothing, and a typical update allocates no more than the create request
// of the same members and the merged metadata that applying it makes (a create request has
// nothing to merge); in one call (ApplyJSON), with no UpdateRequest between the steps, no
// more than the create request.
func TestUpdateAllocations(t *testing.T) {
	c := docsCustomer(t)
	balance := testing.AllocsPerRun(100, func() { sinkCustomer, _ = updateOnce(c, balanceUpdate) })
	assert.LessOrEqual(t, balance, 2.0, "allocations of a balance update")
	update := testing.AllocsPerRun(100, func() { sinkCustomer, _ = updateOnce(c, typicalUpdate) })
	create := testing.AllocsPerRun(100, func() { sinkCreateRequest, _ = customer.DecodeCreateRequest(typicalCreate) })
	oneCall := testing.AllocsPerRun(100, func() { sinkCustomer, _ = c.ApplyJSON(typicalUpdate) })
	t.Logf("allocations: balance update %.0f, typical update %.0f (in one call %.0f), its create request %.0f",
		balance, update, oneCall, create)
	assert.LessOrEqual(t, update, create+1, "a typical update allocates no more than its create request and the merge")
	assert.LessOrEqual(t, oneCall, create, "in one call, no more than its create request")
	assert.Zero(t, testing.AllocsPerRun(100, func() { sinkCustomer, _ = c.ApplyJSON(balanceUpdate) }),
		"a balance update in one call")
}
