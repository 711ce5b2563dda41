package entity_test

import (
	"encoding/json"
	"testing"

	"github.com/tallykit/billing/internal/entity"
)

func BenchmarkAppendString(b *testing.B) {
	for _, tc := range []struct{ name, s string }{
		{"ascii", "Thandiwe Nkosi, retail customer since 2019"},
		{"escapes", "line\none\t\"quoted\"\\"},
		{"unicode", "山田 太郎 — Zoë Ångström 🚀"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			buf := make([]byte, 0, 128)
			b.ReportAllocs()
			for b.Loop() {
				buf = entity.AppendString(buf[:0], tc.s)
			}
		})
		b.Run(tc.name+"/encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = json.Marshal(tc.s)
			}
		})
	}
}
