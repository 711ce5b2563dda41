package billingtest_test

import (
	"flag"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/billingtest"
)

// FuzzCorpusSeeds is a fuzz target seeded by AddSeeds: whatever the input, the library's
// parser of each kind gives nil or failures of the library's shape, never panics. Run
// without -fuzz, it runs the seeds, which must be every case but the one over 1 MiB.
func FuzzCorpusSeeds(f *testing.F) {
	want := 0
	for _, kind := range billingtest.Kinds() {
		billingtest.AddSeeds(f, kind)
		want += len(billingtest.Cases(kind)) - 1
	}
	var ran atomic.Int64
	f.Fuzz(func(t *testing.T, doc []byte) {
		ran.Add(1)
		for _, kind := range billingtest.Kinds() {
			_, ok := billingtest.Failures(parsers[kind](doc))
			require.True(t, ok, kind)
		}
	})
	if !fuzzing() {
		require.EqualValues(f, want, ran.Load(), "every seed ran once")
	}
}

// FuzzMutations is the fuzz target a service writes with the generators: from any seed,
// a valid document of each kind is valid, and mutated it fails with exactly the failure
// the mutation states.
func FuzzMutations(f *testing.F) {
	for seed := range uint64(16) {
		f.Add(seed, uint8(seed))
	}
	kinds := billingtest.Kinds()
	f.Fuzz(func(t *testing.T, seed uint64, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		parse := parsers[kind]
		g := billingtest.NewGen(seed)
		doc := g.Doc(kind)
		require.NoError(t, parse(doc))
		bad, want := g.Mutate(kind, doc)
		got, _ := billingtest.Failures(parse(bad))
		require.Equal(t, []billingtest.Failure{want}, got, "%q", bad)
	})
}

// fuzzing reports whether the test binary runs with -fuzz, when f.Fuzz does not run only
// the seeds.
func fuzzing() bool { return flagLookup("test.fuzz") != "" }

func flagLookup(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}
