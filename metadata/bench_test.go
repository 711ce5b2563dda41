package metadata

import (
	"encoding/json"
	"strconv"
	"testing"
)

// bench20 is a 20-entry metadata object, the most a customer may hold, as JSON and as a map.
var (
	bench20Map = func() map[string]string {
		m := make(map[string]string, 20)
		for i := range 20 {
			m["order_key_"+strconv.Itoa(i)] = "value number " + strconv.Itoa(i) + " for the order"
		}
		return m
	}()
	bench20JSON, _ = json.Marshal(bench20Map)
	bench20        = MustNew(bench20Map, CustomerLimits())
)

// BenchmarkDecode20 reads and validates a 20-entry document; json.Unmarshal into a
// map[string]string, which checks nothing (duplicates, UTF-8, lengths), is the reference.
func BenchmarkDecode20(b *testing.B) {
	b.Run("metadata.Decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(bench20JSON)))
		for b.Loop() {
			if _, err := Decode(bench20JSON, CustomerLimits()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Unmarshal-map", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(bench20JSON)))
		for b.Loop() {
			var m map[string]string
			if err := json.Unmarshal(bench20JSON, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Metadata.UnmarshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var md Metadata
			if err := md.UnmarshalJSON(bench20JSON); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkValidate20 checks a 20-entry Go map against the customer limits.
func BenchmarkValidate20(b *testing.B) {
	b.ReportAllocs()
	l := CustomerLimits()
	for b.Loop() {
		if err := l.Validate(bench20Map); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateMetadata20(b *testing.B) {
	b.ReportAllocs()
	l := AccountLimits()
	l.MaxKeys = 20
	for b.Loop() {
		if err := l.ValidateMetadata(bench20); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew20(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(bench20Map, CustomerLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuilder20 builds the same 20 entries added one at a time, as the fast path of
// the entities' documents does: one allocation for the entries.
func BenchmarkBuilder20(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var bd Builder
		bd.Grow(len(bench20Map))
		for k, v := range bench20Map {
			bd.Add(k, v)
		}
		if _, err := bd.Build(CustomerLimits()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalJSON20(b *testing.B) {
	b.Run("Metadata.MarshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := bench20.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Marshal-map", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(bench20Map); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkGet(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := bench20.Get("order_key_7"); !ok {
			b.Fatal("missing")
		}
	}
}
