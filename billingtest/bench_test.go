package billingtest_test

import (
	"testing"

	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/internal/testkit"
)

// BenchmarkCustomers generates valid customers and encodes each to JSON. Besides ns/op it
// reports the time for 100 000 customers, wall clock (s/100k) and the process's CPU time
// (cpu-s/100k, garbage collection included), which a busy machine does not inflate.
func BenchmarkCustomers(b *testing.B) {
	g := billingtest.NewGen(1)
	billingtest.Phones() // the table of example phones is read once, on first use
	b.ReportAllocs()
	cpu := testkit.ProcessCPUTime()
	for b.Loop() {
		if _, err := g.Customer().MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
	per := 1e5 / float64(b.N)
	b.ReportMetric(b.Elapsed().Seconds()*per, "s/100k")
	b.ReportMetric((testkit.ProcessCPUTime()-cpu).Seconds()*per, "cpu-s/100k")
}

// BenchmarkDoc generates a valid document of each kind.
func BenchmarkDoc(b *testing.B) {
	for _, kind := range billingtest.Kinds() {
		b.Run(kind, func(b *testing.B) {
			g := billingtest.NewGen(1)
			b.ReportAllocs()
			for b.Loop() {
				g.Doc(kind)
			}
		})
	}
}

// BenchmarkMutate mutates a valid customer create request (the document over 1 MiB
// included, one mutation in about forty).
func BenchmarkMutate(b *testing.B) {
	g := billingtest.NewGen(1)
	doc := g.Doc(billingtest.KindCustomerCreate)
	b.ReportAllocs()
	for b.Loop() {
		g.Mutate(billingtest.KindCustomerCreate, doc)
	}
}
