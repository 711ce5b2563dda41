package metadata_test

import (
	"strings"
	"testing"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/scantest"
	"github.com/tallykit/billing/metadata"
)

// FuzzScan feeds Metadata.Scan each kind of column built from the input (string, []byte,
// int64, float64, bool, time.Time, NULL): it never panics, a failure is a billing.Errors
// at "metadata" or one of its keys that leaves the value as it was, and what Value writes
// of a value read scans back to an equal one (a json or jsonb column may store the object
// in another form than it was written, so equal, not the same text).
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":"1","b":"2"}`, `{"a":"1","a":"2"}`, `{"a":1}`, `{"":"x"}`, `{"k":"\ud800"}`,
		`{"k":"v\u0000"}`, " {\"b\" : \"x\" , \"a\":\"y\"} ", `[]`, `null`, ``, `{"a":"1"}x`,
		`{"a\u0007":"1"}`, "{\"k\":\"\xff\"}",
	} {
		f.Add([]byte(s), int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		for _, src := range scantest.Sources(data, n) {
			scantest.Document(t, "/metadata", src, metadata.Metadata.Equal)
		}
	})
}

// TestScanBadColumns: a column that does not hold valid metadata is refused, at the key
// that breaks a rule, and the value scanned into is left as it was; nothing is dropped,
// trimmed or replaced to make it fit.
func TestScanBadColumns(t *testing.T) {
	keep := metadata.MustNew(map[string]string{"keep": "1"}, metadata.CustomerLimits())
	tests := []struct {
		name string
		src  any
		at   string
		code billing.Code
	}{
		{"duplicate keys (a json column keeps them)", `{"a":"1","a":"2"}`, "/metadata/a", billing.CodeDuplicateField},
		{"over-long value", `{"a":"` + strings.Repeat("x", 501) + `"}`, "/metadata/a", billing.CodeTooLong},
		{"over-long key", `{"` + strings.Repeat("k", 41) + `":"1"}`, "/metadata/" + strings.Repeat("k", 41), billing.CodeKeyTooLong},
		{"over-long document", []byte(`{"a":"` + strings.Repeat("x", 1<<20) + `"}`), "/metadata", billing.CodeTooLong},
		{"invalid UTF-8 value", []byte("{\"a\":\"\xff\"}"), "/metadata/a", billing.CodeInvalidCharacters},
		{"lone surrogate value", `{"a":"\ud800"}`, "/metadata/a", billing.CodeInvalidCharacters},
		{"control character in a key", `{"a\u0007":"1"}`, "/metadata/a\a", billing.CodeInvalidKey},
		{"value not a string", `{"a":1}`, "/metadata/a", billing.CodeInvalidType},
		{"not an object", `["a"]`, "/metadata", billing.CodeInvalidType},
		{"JSON null", `null`, "/metadata", billing.CodeInvalidType},
		{"not JSON", `{"a":"1"`, "/metadata", billing.CodeInvalidJSON},
		{"empty", ``, "/metadata", billing.CodeInvalidJSON},
		{"number column", int64(1), "/metadata", billing.CodeInvalidType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scantest.Refuses(t, keep, tt.src, tt.at, tt.code)
		})
	}
}
