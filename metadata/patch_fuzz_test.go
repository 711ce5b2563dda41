package metadata

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// FuzzDecodePatch holds DecodePatch to its properties: it is deterministic and its failures
// are well placed; its fast path reads only what its strict path reads without a failure,
// to an equal patch; a PatchBuilder given its changes builds an equal patch; on a document
// without null values it agrees with Decode, the reference for the same strings (the same
// failures, codes and places, and the same entries, set); what it reads writes back
// (AppendJSON) to a document it reads to an equal patch; applied to no metadata, it gives
// the entries it sets; applied to stored metadata, it agrees with a merge of maps; and a
// PatchBuilder given its changes applies them as it does.
func FuzzDecodePatch(f *testing.F) {
	for _, s := range []string{`{}`, `null`, `{"a":"b"}`, `{"a":null}`, `{"crm_id":"B-20411","tier":"gold"}`,
		`{"a":"1","a":null}`, `{"":null}`, `{"a":""}`, `{"a":1}`, `{"\ud800":null}`, "{\"a\":\"\xff\"}", `[]`,
		`{"a":"b"`, `{"k1":"v","k2":null,"k3":"v","k4":"v","k5":"v","k6":"v","k7":"v","k8":"v","k9":"v","k10":"v","k11":"v"}`,
		`{"b":null,"a":"1","c":{"d":null}}`} {
		f.Add([]byte(s), uint8(10))
	}
	// Under a limit the stored metadata already exceeds (3 keys, 2 allowed): a patch that adds no key applies,
	// one that adds a key fails.
	f.Add([]byte(`{"a":"x","m":null}`), uint8(2))
	f.Add([]byte(`{"b":"x"}`), uint8(2))
	// Five changes, kept in the builder's slice, on stored metadata either side of the bound of the merge on the stack.
	f.Add([]byte(`{"a":null,"b":"x","m":"y","n":null,"q":"z"}`), uint8(6))
	f.Fuzz(func(t *testing.T, data []byte, maxKeys uint8) {
		l := Limits{MaxKeys: int(maxKeys % 24), MaxKeyLength: 40, MaxValueLength: 500}
		p, err := DecodePatch(data, l)
		p2, err2 := DecodePatch(data, l)
		if !p.Equal(p2) || !reflect.DeepEqual(testkit.Failures(err), testkit.Failures(err2)) {
			t.Fatalf("non-deterministic")
		}
		if err != nil && !p.IsZero() {
			t.Fatalf("a failed DecodePatch returned changes")
		}
		checkPlaces(t, err)
		if fast, ok := decodePatchQuickly(data, l); ok {
			if strict, serr := decodePatchStrictly(data, l); serr != nil || !fast.Equal(strict) {
				t.Fatalf("the fast path read %v, the strict path %v (%v)", fast, strict, serr)
			}
		}
		if !bytes.Contains(data, []byte("null")) {
			md, merr := Decode(data, l)
			if got, want := testkit.Failures(err), testkit.Failures(merr); !reflect.DeepEqual(got, want) {
				t.Fatalf("failures differ from Decode's:\n got  %q\n want %q", got, want)
			}
			if err == nil {
				applied, aerr := p.Apply(Metadata{}, l)
				if aerr != nil || !applied.Equal(md) {
					t.Fatalf("the patch applied to nothing gives %v (%v), Decode %v", applied.Map(), aerr, md.Map())
				}
			}
		}
		if err != nil {
			return
		}
		checkApply(t, p, l)
		var b PatchBuilder
		for key, c := range p.All() {
			if c.Remove {
				b.Remove(key)
			} else {
				b.Set(key, c.Value)
			}
		}
		if built, err := b.Build(l); err != nil || !built.Equal(p) {
			t.Fatalf("PatchBuilder disagrees with DecodePatch: %v", err)
		}
		checkBuilderApply(t, p, l)
		out, aerr := p.AppendJSON(nil)
		if aerr != nil {
			t.Fatal(aerr)
		}
		back, err := DecodePatch(out, l)
		if err != nil || !back.Equal(p) {
			t.Fatalf("round trip of %s failed: %v", out, err)
		}
	})
}

// checkApply applies p to stored metadata and holds the result to a merge of maps: the
// keys p sets take its values, the keys it removes go, and too_many_keys comes exactly
// when p adds a key and the result holds more than l allows.
func checkApply(t *testing.T, p Patch, l Limits) {
	t.Helper()
	stored := map[string]string{"a": "1", "m": "2", "z": "3"}
	m, err := New(stored, Limits{MaxKeys: 3, MaxKeyLength: 40, MaxValueLength: 500})
	if err != nil {
		t.Fatal(err)
	}
	want, added := maps.Clone(stored), 0
	for key, c := range p.All() {
		if c.Remove {
			delete(want, key)
			continue
		}
		if _, held := want[key]; !held {
			added++
		}
		want[key] = c.Value
	}
	got, err := p.Apply(m, l)
	if tooMany := added > 0 && len(want) > l.MaxKeys; tooMany != (err != nil) {
		t.Fatalf("Apply: %v, want too_many_keys %v (%d keys, %d added)", err, tooMany, len(want), added)
	}
	if err == nil && (got.Len() != len(want) || !maps.Equal(got.Map(), nilIfEmpty(want))) {
		t.Fatalf("Apply gives %v, the merge of maps %v", got.Map(), want)
	}
}

// checkBuilderApply gives the changes of p, in reverse key order, to a PatchBuilder and
// applies it to stored metadata of several sizes, on either side of the bound of
// Patch.Apply's merge on the stack: no metadata, three entries, and the three with every
// other key p changes, under the limits any of them may exceed. It fails unless the
// builder's Apply gives what p.Apply gives, the same value or the same error.
func checkBuilderApply(t *testing.T, p Patch, l Limits) {
	t.Helper()
	wide := Limits{MaxKeys: 1 << 20, MaxKeyLength: 40, MaxValueLength: 500}
	stored := map[string]string{"a": "1", "m": "2", "z": "3"}
	three := MustNew(stored, wide)
	var changes []op
	for key, c := range p.All() {
		if len(changes)%2 == 0 {
			stored[key] = "held"
		}
		changes = append(changes, op{key: key, value: c.Value, remove: c.Remove})
	}
	for _, m := range []Metadata{{}, three, MustNew(stored, wide)} {
		want, werr := p.Apply(m, l)
		var b PatchBuilder
		for _, c := range slices.Backward(changes) {
			if c.remove {
				b.Remove(c.key)
			} else {
				b.Set(c.key, c.value)
			}
		}
		got, gerr := b.Apply(m, l)
		if !got.Equal(want) || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Fatalf("PatchBuilder.Apply to %v gives %v (%v), Patch.Apply %v (%v)", m.Map(), got.Map(), gerr, want.Map(), werr)
		}
		if b.n != 0 || b.ops != nil {
			t.Fatalf("PatchBuilder.Apply left %d changes in the builder", b.n+len(b.ops))
		}
	}
}
