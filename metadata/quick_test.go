package metadata

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFastPath holds which documents the fast path reads: the plain valid ones, with the
// entries the strict path reads; everything else is left to the strict path, which reports
// its failures.
func TestFastPath(t *testing.T) {
	l := Limits{MaxKeys: 2, MaxKeyLength: 40, MaxValueLength: 500}
	tests := []struct {
		name, doc   string
		fast, valid bool
	}{
		{"two entries", `{"crm_id": "A-10293", "segment": "retail"}`, true, true},
		{"empty", ` {} `, true, true},
		{"not ASCII", `{"ключ": "значение"}`, true, true},
		{"invalid UTF-8, refused by the rule", "{\"a\": \"\xff\"}", false, false},
		{"an escape: the strict path reads it", `{"a": "\u00e9"}`, false, true},
		{"a key twice", `{"a": "1", "a": "2"}`, false, false},
		{"over the limit", `{"a": "1", "b": "2", "c": "3"}`, false, false},
		{"an empty value", `{"a": ""}`, false, false},
		{"a number", `{"a": 1}`, false, false},
		{"null", `null`, false, false},
		{"trailing comma", `{"a": "1",}`, false, false},
		{"data after the object", `{"a": "1"} x`, false, false},
		{"not closed", `{"a": "1"`, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, ok := decodeQuickly([]byte(tt.doc), l)
			assert.Equal(t, tt.fast, ok)
			strict, err := decodeStrictly([]byte(tt.doc), l)
			assert.Equal(t, tt.valid, err == nil, "the strict path: %v", err)
			if ok {
				assert.True(t, md.Equal(strict))
			}
		})
	}
}

// TestPatchFastPath is TestFastPath for patches, whose values may be null.
func TestPatchFastPath(t *testing.T) {
	l := Limits{MaxKeys: 1, MaxKeyLength: 40, MaxValueLength: 500}
	tests := []struct {
		name, doc string
		fast      bool
	}{
		{"a key set, one removed", `{"tier": "gold", "old": null}`, true},
		{"removals are not counted", `{"a": null, "b": null, "c": "x"}`, true},
		{"two keys set", `{"a": "x", "b": "y"}`, false},
		{"set and removed", `{"a": "x", "a": null}`, false},
		{"a removed key must be well-formed", `{"": null}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := decodePatchQuickly([]byte(tt.doc), l)
			assert.Equal(t, tt.fast, ok)
			strict, err := decodePatchStrictly([]byte(tt.doc), l)
			assert.Equal(t, tt.fast, err == nil, "the strict path: %v", err)
			if ok {
				assert.True(t, p.Equal(strict))
			}
		})
	}
}
