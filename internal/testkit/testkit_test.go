package testkit

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	billing "github.com/tallykit/billing"
)

func TestFailures(t *testing.T) {
	errs := billing.Errors{
		billing.NewFieldError(billing.CodeRequired, "is required", "name"),
		billing.NewFieldError(billing.CodeInvalidKey, "bad key", "metadata", "a/b.c~"),
		billing.NewFieldError(billing.CodeInvalidJSON, "not JSON"),
		billing.NewFieldError(billing.CodeUnknownField, "unknown", ""),
	}
	want := []Failure{
		At("name", billing.CodeRequired),
		At("metadata.a/b.c~", billing.CodeInvalidKey),
		At("", billing.CodeInvalidJSON),
		At("", billing.CodeUnknownField),
	}
	assert.Equal(t, want, Failures(errs))
	assert.Equal(t, want, Failures(fmt.Errorf("wrapped: %w", errs)))
	assert.Equal(t, want[:1], Pairs("name", "required"))
	assert.Nil(t, Failures(nil))
	assert.Nil(t, Failures(errors.New("not a billing.Errors")))
	assert.Nil(t, Pairs())
	//lint:ignore SA5012 a path without its code is what this checks
	assert.Panics(t, func() { Pairs("name") })

	// A pointer that names another place than the path shows in the path.
	bad := billing.Errors{
		{Field: "metadata.a", Pointer: "/metadata/b", Code: billing.CodeInvalidKey},
		{Field: "phone", Pointer: "phone", Code: billing.CodeInvalidPhone},
		{Field: "phone", Pointer: "", Code: billing.CodeInvalidPhone},
	}
	assert.Equal(t, Pairs(
		"metadata.a ≠ /metadata/b", "invalid_key",
		"phone ≠ phone", "invalid_phone",
		"phone ≠ ", "invalid_phone",
	), Failures(bad))
	assert.Equal(t, `"name" required`, want[0].String())
}

func TestPtr(t *testing.T) {
	s := "x"
	p := Ptr(s)
	s = "y"
	assert.Equal(t, "x", *p)
	assert.Equal(t, 7, *Ptr(7))
}

var sink []byte

func TestMeasure(t *testing.T) {
	assert.Equal(t, Cost{}, Measure(func() {}).withoutCPU())
	c := Measure(func() { sink = make([]byte, 4000) })
	assert.Equal(t, uint64(1), c.Allocs)
	assert.GreaterOrEqual(t, c.Bytes, uint64(4000))
	assert.Less(t, c.Bytes, uint64(4200))

	// The first call's work is not counted.
	first := true
	c = Measure(func() {
		if first {
			sink, first = make([]byte, 1<<20), false
		}
	})
	assert.Equal(t, Cost{}, c.withoutCPU())

	// CPU time grows with the work.
	spin := func(n int) func() {
		return func() {
			x := 0
			for i := range n {
				x += i * i
			}
			sinkInt = x
		}
	}
	small, big := Measure(spin(100_000)), Measure(spin(1_000_000))
	assert.Greater(t, big.CPU, 3*small.CPU, "CPU %v for 10× the work of %v", big.CPU, small.CPU)
	assert.Less(t, Measure(func() { time.Sleep(100 * time.Microsecond) }).CPU, 100*time.Microsecond,
		"sleeping is not CPU time")

	// Nor are another goroutine's allocations, while the call runs.
	procs := runtime.GOMAXPROCS(0)
	var stop atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		var local [][]byte
		for !stop.Load() {
			local = append(local[:0], make([]byte, 1024))
			runtime.Gosched()
		}
		_ = local
	}()
	c = Measure(spin(100_000))
	stop.Store(true)
	<-done
	assert.Equal(t, uint64(0), c.Bytes, "another goroutine's allocations")
	assert.Equal(t, procs, runtime.GOMAXPROCS(0), "GOMAXPROCS restored")
}

var sinkInt int

func (c Cost) withoutCPU() Cost { c.CPU = 0; return c }

func TestProcessCPUTime(t *testing.T) {
	a := ProcessCPUTime()
	x := 0
	for i := range 10_000_000 {
		x += i ^ x
	}
	sinkInt = x
	assert.Greater(t, ProcessCPUTime(), a)
}

func TestCompileInlining(t *testing.T) {
	in := CompileInlining(t)
	in.AssertCanInline(t, "At", "Pairs", "lineIndex.at", "Ptr[go.shape.string]", "Cost.withoutCPU")
	in.AssertInlinedInto(t, "pathOf", "strings.CutPrefix", "strings.Split")
	assert.NotContains(t, in.into["Pairs"], "strings.CutPrefix", "a call is the function's whose lines hold it")
}

func TestAssertLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	sum := func(d []byte) {
		x := 0
		for _, c := range d {
			x += int(c)
		}
		sinkInt = x
	}
	AssertLinear(t, func(n int) []byte { return make([]byte, n) }, 1<<14, sum)

	quadratic := func(d []byte) {
		x := 0
		for i := range d {
			for _, c := range d[i:] {
				x += int(c)
			}
		}
		sinkInt = x
	}
	var rec recorder
	AssertLinear(&rec, func(n int) []byte { return make([]byte, n) }, 1<<9, quadratic)
	assert.True(t, rec.failed, "quadratic work is caught")
}

// recorder is a testing.TB that records a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Skip(...any)           { panic("skipped") }

func TestMembers(t *testing.T) {
	assert.Equal(t, `{"000":"v","001":"v"}`, string(Members(2, Key3, `"v"`)))
	assert.Equal(t, `{}`, string(Members(0, Key3, `1`)))
	doc := MembersUpTo(30, strconv.Itoa, "1")
	assert.Equal(t, `{"0":1,"1":1,"2":1,"3":1,"4":1}`[:len(doc)-1]+"}", string(doc))
	assert.LessOrEqual(t, len(doc), 30)
	assert.True(t, json.Valid(doc))

	seen := map[string]bool{}
	for i := range 62 * 62 * 62 {
		k := Key3(i)
		if seen[k] || strconv.Quote(k) != `"`+k+`"` || strings.ContainsAny(k, "~/.") {
			t.Fatalf("Key3(%d) = %q: repeated or escaped", i, k)
		}
		seen[k] = true
	}
}
