package billingtest_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/billingtest"
)

// TestMutationsGiveTheirFailure is the table over every kind, every mutation and many
// seeds: a valid generated document, mutated, fails through the library's parser with
// exactly the one failure the mutation states, of the mutation's code; the document it
// was made from is left unchanged.
func TestMutationsGiveTheirFailure(t *testing.T) {
	n := seeds(t) / 8
	for _, kind := range billingtest.Kinds() {
		for _, m := range billingtest.Mutations(kind) {
			t.Run(kind+"/"+m.Name, func(t *testing.T) {
				for seed := range n {
					g := billingtest.NewGen(seed)
					doc := g.Doc(kind)
					orig := bytes.Clone(doc)
					bad, want := m.Apply(g, doc)
					require.Equal(t, orig, doc, "the document is not changed")
					require.Equal(t, m.Code, want.Code)
					got, ok := billingtest.Failures(parsers[kind](bad))
					require.True(t, ok)
					require.Equal(t, []billingtest.Failure{want}, got, "seed %d: %q", seed, bad)
				}
			})
		}
	}
}

// TestMutationsOfCorpusDocuments applies every mutation to every valid document of the
// contract, indented as people write them: the same holds.
func TestMutationsOfCorpusDocuments(t *testing.T) {
	for _, kind := range billingtest.Kinds() {
		g := billingtest.NewGen(11)
		for _, c := range billingtest.Cases(kind) {
			if !c.Valid() {
				continue
			}
			for _, m := range billingtest.Mutations(kind) {
				bad, want := m.Apply(g, c.Doc)
				got, _ := billingtest.Failures(parsers[kind](bad))
				require.Equal(t, []billingtest.Failure{want}, got, "%s/%s %s: %q", kind, c.Name, m.Name, bad)
			}
		}
	}
}

// TestMutate: a random mutation of each kind, over many seeds, gives its failure; every
// mutation of the kind is chosen at some seed.
func TestMutate(t *testing.T) {
	for _, kind := range billingtest.Kinds() {
		codes := map[billing.Code]bool{}
		for seed := range uint64(1600) {
			g := billingtest.NewGen(seed)
			bad, want := g.Mutate(kind, g.Doc(kind))
			got, _ := billingtest.Failures(parsers[kind](bad))
			require.Equal(t, []billingtest.Failure{want}, got, "%s seed %d: %q", kind, seed, bad)
			codes[want.Code] = true
		}
		for _, m := range billingtest.Mutations(kind) {
			assert.True(t, codes[m.Code], "%s: %s", kind, m.Code)
		}
	}
}

// TestMutationsList: each kind has its mutations, named once, with the codes the contract
// knows; the ones a kind cannot have are not listed for it.
func TestMutationsList(t *testing.T) {
	names := func(kind string) []string {
		var out []string
		for _, m := range billingtest.Mutations(kind) {
			assert.Equal(t, kind, m.Kind)
			assert.Contains(t, billing.Codes(), m.Code)
			out = append(out, m.Name)
		}
		return out
	}
	for _, kind := range billingtest.Kinds() {
		n := names(kind)
		assert.Equal(t, len(n), len(slices.Compact(slices.Sorted(slices.Values(n)))), "%s: names once", kind)
		assert.Subset(t, n, []string{"truncated", "not-an-object", "over-1-mib", "unknown-member", "duplicate-member",
			"name-too-long", "currency-lower-case", "balance-not-an-integer", "metadata-key-too-long", "metadata-too-many-keys"}, kind)
	}
	assert.Contains(t, names("account-create"), "phone-not-valid", "through the new customer")
	assert.NotContains(t, names("account"), "phone-bad-shape")
	assert.NotContains(t, names("account-update"), "email-bad-format")
	assert.NotContains(t, names("customer"), "phone-not-valid", "objects read phones by shape")
	assert.NotContains(t, names("customer"), "currency-withdrawn", "objects read withdrawn currencies")
	assert.NotContains(t, names("customer-update"), "missing-required")
	assert.Contains(t, names("customer"), "payment-rules-max-below-min")
	assert.NotContains(t, names("customer-create"), "payment-rules-max-below-min")
}

func TestApplyPanics(t *testing.T) {
	g := billingtest.NewGen(1)
	m := billingtest.Mutations(billingtest.KindCustomer)[0]
	assert.Panics(t, func() { m.Apply(g, []byte(`[1]`)) })
	assert.Panics(t, func() { m.Apply(g, []byte(`{"a":1} x`)) })
	assert.Panics(t, func() { billingtest.Mutation{}.Apply(g, []byte(`{}`)) })
	assert.Panics(t, func() { g.Mutate("customers", []byte(`{}`)) })
}
