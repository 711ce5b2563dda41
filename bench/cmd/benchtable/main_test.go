package main

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `goos: linux
cpu: Some CPU
BenchmarkCustomerID/library-2         	33050479	        20.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkCustomerID/regexp-2          	  906102	       800.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkCustomerID/library-2         	33050479	        30.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkCustomerID/regexp-2          	  906102	       900.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkCustomerID/library-2         	33050479	        10.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkCustomerID/regexp-2          	  906102	      1000 ns/op	       0 B/op	       0 allocs/op
BenchmarkCurrency/library-2           	100000000	         6.000 ns/op	       0 B/op	       0 allocs/op
BenchmarkCurrency/xtext-2             	13285580	         9.000 ns/op	       0 B/op	       0 allocs/op
BenchmarkStoredPhone/library-2        	20000000	        60.00 ns/op	      53 B/op	       1 allocs/op
BenchmarkStoredPhone/alternative-2    	  500000	      2400 ns/op	    1000 B/op	      20 allocs/op
BenchmarkMetadata20/library-2         	   62913	      5445 ns/op	 169.15 MB/s	    4416 B/op	       4 allocs/op
BenchmarkMetadata20/validator-2       	   13868	     25778 ns/op	  35.73 MB/s	    5897 B/op	     173 allocs/op
BenchmarkStartup/idsmoney-2           	      69	   2899996 ns/op	     15656 init-B/run	       105.0 init-allocs/run	         0.2720 init-ms/run	         0.05400 modules-init-ms/run	         0.1500 nonruntime-init-ms/run	         0 own-init-ms/run	        45.00 packages/run	         0 phonenumbers	         0.04200 runtime-init-ms/run
BenchmarkStartup/customer-2           	      69	   2899996 ns/op	     35576 init-B/run	       217.0 init-allocs/run	         0.6000 init-ms/run	         0.09800 modules-init-ms/run	         0.5800 nonruntime-init-ms/run	         0.024 own-init-ms/run	        56.00 packages/run	         0 phonenumbers	         0.02000 runtime-init-ms/run
BenchmarkDecodeOnlyCustomer/library-2         	  538921	      1000 ns/op	  28.83 MB/s	     240 B/op	       7 allocs/op
BenchmarkDecodeOnlyCustomer/goccy-2           	 1000000	      1200 ns/op	  65.96 MB/s	     544 B/op	      12 allocs/op
BenchmarkDecodeOnlyCustomer/interleaved-2     	    4755	    141000 ns/op	      1200 goccy-ns	      1000 library-ns	         0.8333 ratio	      1100 goccy-cpu-ns	      1000 library-cpu-ns	         0.9091 cpu-ratio	   784 B/op	    19 allocs/op
--- FAIL: BenchmarkOther
PASS
`

func TestTable(t *testing.T) {
	s, lines, err := read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if lines != 17 {
		t.Errorf("read %d benchmark lines, want 17", lines)
	}
	if got, _ := median(s["CustomerID/library"]["ns/op"]); got != 20 {
		t.Errorf("median library ns/op = %v, want 20", got)
	}
	if got, _ := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("median of an even count = %v, want 2.5", got)
	}
	if alt := alternativeOf(s, "Metadata20"); alt != "validator" {
		t.Errorf("alternative of Metadata20 = %q", alt)
	}

	var out bytes.Buffer
	if runs := printComparisons(&out, s); runs != 3 {
		t.Errorf("runs = %d, want 3", runs)
	}
	if runs := printDecodeOnly(&out, s); runs != 1 {
		t.Errorf("decode-only runs = %d, want 1", runs)
	}
	printStartups(&out, s)
	table := out.String()
	for _, want := range []string{
		"| `ids.ParseCustomerID` vs the ID's `regexp` | 20.0 | 0 | 0 | 900 | 0 | 0 | 45.0 | ≥ 10 | yes |",
		"| `money.ParseCurrency` vs x/text `currency.ParseISO` | 6.00 | 0 | 0 | 9.00 | 0 | 0 | 1.5 | ≥ 2 | no |",
		"| 5445 | 4416 | 4 | 25778 | 5897 | 173 | 4.7 | ≥ 3 | yes |",
		"| 60.0 | 53 | 1 | 2400 | 1000 | 20 | 40.0 | — |  |", // a row without a target
		"not run",
		"| imports `ids` and `money` | 45 | no | 0.272 | 0.042 | 0.000 | 0.054 | 0.150 | 15656 | 105 | ≤ 0.2 ms all but runtime, no phonenumbers | yes |",
		"| imports `customer` | 56 | no | 0.600 | 0.020 | 0.024 | 0.098 | 0.580 | 35576 | 217 | ≤ 1 ms all packages, ≤ 300 KB, no phonenumbers | yes |",
		"| `customer.DecodeCreateRequest`, docs example, phone included | 1000 | 240 | 7 | 1100 | 544 | 12 | 0.91 | 0.83 | ≤ 1 | yes |",
		"| imports `account` | not run |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
