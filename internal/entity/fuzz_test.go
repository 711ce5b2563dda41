package entity_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/strictjson"
)

// FuzzAppendString checks the JSON string writer against two readers and a writer: any
// string gives valid JSON; a string of valid UTF-8 reads back byte for byte through
// encoding/json and through the strict reader, and is written as encoding/json writes it
// but for its HTML-safe escapes; each invalid byte reads back as U+FFFD.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\", "\n\r\t\b\f\x00\x1f\x7f", "<&>\u2028\u2029", "é山🚀", "bad\xff", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := entity.AppendString([]byte("x"), s)
		if out[0] != 'x' {
			t.Fatal("prefix lost")
		}
		out = out[1:]
		if !json.Valid(out) {
			t.Fatalf("not JSON: %q", out)
		}
		if !utf8.ValidString(s) {
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != decodeReplaced(s) {
				t.Fatalf("invalid UTF-8 %q written as %q, read back %q", s, out, back)
			}
			return
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil || back != s {
			t.Fatalf("encoding/json reads %q back as %q (%v)", s, back, err)
		}
		doc := append(append([]byte(`{"s":`), out...), '}')
		var strict string
		err := strictjson.Decode(doc, "", func(o strictjson.Object) {
			for o.Next() {
				strict, _ = o.String()
			}
		})
		if err != nil || strict != s {
			t.Fatalf("strict reader reads %q back as %q (%v)", s, strict, err)
		}
		// encoding/json writes the same, but for its HTML escapes.
		std, _ := json.Marshal(s)
		r := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&", `\u2028`, "\u2028", `\u2029`, "\u2029")
		if r.Replace(string(std)) != string(out) {
			t.Fatalf("encoding/json writes %s, AppendString %s", std, out)
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
