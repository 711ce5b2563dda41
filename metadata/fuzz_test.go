package metadata

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/testkit"
)

// refKey and refValue are the entry rules written plainly with the standard library: the
// reference the fast checkers are fuzzed against.
func refKey(k string, max int) billing.Code {
	if k == "" || !utf8.ValidString(k) {
		return billing.CodeInvalidKey
	}
	for _, r := range k {
		if r < 0x20 || r >= 0x7F && r <= 0x9F {
			return billing.CodeInvalidKey
		}
	}
	if utf8.RuneCountInString(k) > max {
		return billing.CodeKeyTooLong
	}
	return ""
}

func refValue(v string, max int) billing.Code {
	switch {
	case v == "":
		return billing.CodeRequired
	case !utf8.ValidString(v):
		return billing.CodeInvalidCharacters
	case utf8.RuneCountInString(v) > max:
		return billing.CodeTooLong
	}
	return ""
}

func FuzzEntryRules(f *testing.F) {
	for _, s := range []string{"", "a", "order_id", "\x00", "\x7f", "\u0085", "\u00a0", "\xff", "\xed\xa0\x80",
		"\xc0\x80", "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf4\x8f\xbf\xbf", "ключ", "😀",
		strings.Repeat("k", 41), strings.Repeat("é", 40)} {
		f.Add(s, 40)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 600
		if c, _ := checkKey(s, max); c != refKey(s, max) {
			t.Fatalf("checkKey(%q, %d) = %q, reference %q", s, max, c, refKey(s, max))
		}
		if c, _ := checkKey([]byte(s), max); c != refKey(s, max) {
			t.Fatalf("checkKey([]byte %q) = %q, reference %q", s, c, refKey(s, max))
		}
		if c, _ := checkValue(s, max); c != refValue(s, max) {
			t.Fatalf("checkValue(%q, %d) = %q, reference %q", s, max, c, refValue(s, max))
		}
		if c, _ := checkValue([]byte(s), max); c != refValue(s, max) {
			t.Fatalf("checkValue([]byte %q) = %q, reference %q", s, c, refValue(s, max))
		}
		for i := 0; i < len(s); i++ {
			if s[i] < utf8.RuneSelf {
				continue
			}
			r, n := decodeRune(s, i)
			rr, nn := utf8.DecodeRuneInString(s[i:])
			if rr == utf8.RuneError && nn == 1 {
				rr = -1
			}
			if r != rr || n != nn {
				t.Fatalf("decodeRune(%q, %d) = %U %d, utf8 says %U %d", s, i, r, n, rr, nn)
			}
		}
	})
}

// refDecode is a plain reference for Decode built on encoding/json's token stream. It only
// answers (ok true) for documents whose strings encoding/json decodes exactly: valid UTF-8
// and no surrogate escapes, which it would replace with U+FFFD.
func refDecode(data []byte, l Limits) (want []testkit.Failure, entries map[string]string, ok bool) {
	if !utf8.Valid(data) || bytes.Contains(bytes.ToLower(data), []byte(`\ud`)) || !json.Valid(data) ||
		bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) > 60 { // the reader's depth limit is 64
		return nil, nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, false
	}
	if d, isDelim := tok.(json.Delim); !isDelim || d != '{' {
		return testkit.Pairs("metadata", "invalid_type"), nil, true // null included
	}
	var order []string
	codes := map[string]billing.Code{}
	entries = map[string]string{}
	for dec.More() {
		kt, _ := dec.Token()
		k := kt.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, false
		}
		if _, seen := codes[k]; seen {
			codes[k] = billing.CodeDuplicateField
			delete(entries, k)
			continue
		}
		order = append(order, k)
		code := refKey(k, l.MaxKeyLength)
		if code == "" {
			var v string
			if err := json.Unmarshal(raw, &v); err != nil || raw[0] != '"' {
				code = billing.CodeInvalidType
			} else {
				code = refValue(v, l.MaxValueLength)
				if code == "" {
					entries[k] = v
				}
			}
		}
		codes[k] = code
	}
	if _, err := dec.Token(); err != nil && err != io.EOF {
		return nil, nil, false
	}
	if len(order) > l.MaxKeys {
		want = append(want, testkit.At("metadata", billing.CodeTooManyKeys))
	}
	for _, k := range order {
		if codes[k] != "" {
			want = append(want, testkit.At("metadata."+k, codes[k]))
		}
	}
	return want, entries, true
}

// FuzzMetadataDecode holds Decode to its properties: it is deterministic and its failures
// are well placed; it agrees with a reference built on encoding/json's tokens; its fast path
// reads only what its strict path reads without a failure, to equal entries; what it reads
// round-trips through MarshalJSON (the bytes encoding/json writes), New, a Builder and SQL.
func FuzzMetadataDecode(f *testing.F) {
	for _, s := range []string{`{}`, `null`, `{"a":"b"}`, `{"order_id":"6735","channel":"web"}`, `{"a":"1","a":"2"}`,
		`{"":"x"}`, `{"a":""}`, `{"a":1}`, `{"a":null}`, `{"\u0000":"x"}`, `{"\ud800":"x"}`, `{"a":"\ud83d\ude00"}`,
		"{\"a\":\"\xff\"}", `{"a":"<&>\u2028"}`, `[]`, `"x"`, `{"a":"b"`, `{"a.b":"c","a":{"b":"c"}}`,
		`{"k1":"v","k2":"v","k3":"v","k4":"v","k5":"v","k6":"v","k7":"v","k8":"v","k9":"v","k10":"v","k11":"v"}`} {
		f.Add([]byte(s), uint8(10))
	}
	f.Fuzz(func(t *testing.T, data []byte, maxKeys uint8) {
		l := Limits{MaxKeys: int(maxKeys % 24), MaxKeyLength: 40, MaxValueLength: 500}
		md, err := Decode(data, l)
		md2, err2 := Decode(data, l)
		if !md.Equal(md2) || !reflect.DeepEqual(testkit.Failures(err), testkit.Failures(err2)) {
			t.Fatalf("non-deterministic")
		}
		if err != nil && !md.IsZero() {
			t.Fatalf("a failed Decode returned entries")
		}
		checkPlaces(t, err)
		// The fast path reads only what the strict path reads without a failure, to the same entries.
		if fast, ok := decodeQuickly(data, l); ok {
			if strict, serr := decodeStrictly(data, l); serr != nil || !fast.Equal(strict) {
				t.Fatalf("the fast path read %v, the strict path %v (%v)", fast.Map(), strict.Map(), serr)
			}
		}
		if want, entries, ok := refDecode(data, l); ok {
			if got := testkit.Failures(err); !reflect.DeepEqual(got, want) {
				t.Fatalf("failures differ from the reference:\n got  %q\n want %q", got, want)
			}
			if err == nil && !reflect.DeepEqual(md.Map(), nilIfEmpty(entries)) {
				t.Fatalf("entries differ: %v / %v", md.Map(), entries)
			}
		}
		if err != nil {
			return
		}
		// Round trip: what Marshal writes parses back to an equal value, with the same bytes
		// encoding/json writes for the map, and passes the map constructor too.
		out, merr := md.MarshalJSON()
		if merr != nil {
			t.Fatal(merr)
		}
		back, err := Decode(out, l)
		if err != nil || !back.Equal(md) {
			t.Fatalf("round trip failed: %v", err)
		}
		std, _ := json.Marshal(md.Map())
		if md.IsZero() {
			std = []byte(`{}`)
		}
		if !bytes.Equal(out, std) {
			t.Fatalf("MarshalJSON %s, encoding/json %s", out, std)
		}
		fromMap, err := New(md.Map(), l)
		if err != nil || !fromMap.Equal(md) {
			t.Fatalf("New disagrees with Decode: %v", err)
		}
		var b Builder
		for k, v := range md.All() {
			b.Add(k, v)
		}
		if built, err := b.Build(l); err != nil || !built.Equal(md) {
			t.Fatalf("Builder disagrees with Decode: %v", err)
		}
		if err := l.ValidateMetadata(md); err != nil {
			t.Fatalf("ValidateMetadata rejects what Decode accepted: %v", err)
		}
		v, err := md.Value()
		if err != nil {
			t.Fatal(err)
		}
		var scanned Metadata
		if err := scanned.Scan(v); err != nil && md.Len() <= CustomerLimits().MaxKeys || err == nil && !scanned.Equal(md) {
			t.Fatalf("SQL round trip failed: %v", err)
		}
	})
}

// checkPlaces fails unless err is nil or a billing.Errors whose every failure is at
// "metadata" or at an entry, with the pointer that matches its field.
func checkPlaces(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	errs, ok := err.(billing.Errors)
	if !ok || len(errs) == 0 {
		t.Fatalf("not a billing.Errors: %#v", err)
	}
	for _, e := range errs {
		key, isEntry := strings.CutPrefix(e.Field, "metadata.")
		want := "/metadata/" + billing.EscapePointer(key)
		if !isEntry {
			want = "/metadata"
		}
		if e.Pointer != want || !isEntry && e.Field != "metadata" {
			t.Fatalf("failure at field %q, pointer %q", e.Field, e.Pointer)
		}
	}
}

func nilIfEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
