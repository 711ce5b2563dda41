package strictjson

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
)

func TestAppendString(t *testing.T) {
	tests := map[string]string{
		"":                `""`,
		"plain":           `"plain"`,
		"q\"b\\":          `"q\"b\\"`,
		"\n\r\t\b\f":      `"\n\r\t\b\f"`,
		"\x00\x1f\x7f":    `"\u0000\u001f` + "\x7f" + `"`,
		"<&>":             `"\u003c\u0026\u003e"`,
		"é山🚀\u2028\u2029": `"é山🚀\u2028\u2029"`,
		"bad\xffbyte":     `"bad\ufffdbyte"`,
		"\xed\xa0\x80ok":  `"\ufffd\ufffd\ufffdok"`,
	}
	for in, want := range tests {
		got := string(AppendString([]byte("x"), in))
		require.Equal(t, "x", got[:1], "what b holds stays")
		assert.Equal(t, want, got[1:], "%q", in)
		std, err := json.Marshal(in)
		require.NoError(t, err)
		assert.Equal(t, string(std), got[1:], "%q: what encoding/json writes", in)
		if utf8.ValidString(in) {
			var back string
			require.NoError(t, json.Unmarshal([]byte(got[1:]), &back))
			assert.Equal(t, in, back)
		}
	}
}

// FuzzAppendString checks the JSON string writer against two readers and a writer: any
// string is written byte for byte as encoding/json writes it; a string of valid UTF-8
// reads back byte for byte through encoding/json and through the strict reader; each
// invalid byte reads back as U+FFFD.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\", "\n\r\t\b\f\x00\x1f\x7f", "<&>\u2028\u2029", "é山🚀", "bad\xff", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := AppendString([]byte("x"), s)
		if out[0] != 'x' {
			t.Fatal("prefix lost")
		}
		out = out[1:]
		if std, _ := json.Marshal(s); string(std) != string(out) {
			t.Fatalf("encoding/json writes %s, AppendString %s", std, out)
		}
		if !json.Valid(out) {
			t.Fatalf("not JSON: %q", out)
		}
		want := s
		if !utf8.ValidString(s) {
			want = decodeReplaced(s)
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != want {
			t.Fatalf("encoding/json reads %q back as %q (%v)", s, back, err)
		}
		doc := append(append([]byte(`{"s":`), out...), '}')
		var strict string
		err := Decode(doc, report.Loc{}, func(o Object) {
			for o.Next() {
				strict, _ = o.String()
			}
		})
		if err != nil || strict != want {
			t.Fatalf("strict reader reads %q back as %q (%v)", s, strict, err)
		}
	})
}

// decodeReplaced is what AppendString's output reads back as for s: every byte that is not
// part of valid UTF-8 becomes U+FFFD, one per byte.
func decodeReplaced(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

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
				buf = AppendString(buf[:0], tc.s)
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
