package testdocs

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
	"github.com/tallykit/billing/money"
)

// FuzzUpdate checks e's update reader on any input: the properties of [Parsed], pointers
// that name their paths once each, the same failures (as a set) from the Go values of the
// update when Go values can tell it, and for a valid update, the same update from its Go
// values and a String that shows none of its personal data. Its seeds are the documents
// of testdata/<e.Name>-update and the updates of testdata/apply/<e.Name>.
func FuzzUpdate[O Object[O, U], U Update[U], P any](f *testing.F, e Entity[O, U, P]) {
	AddSeeds(f, e.Name+"-update")
	for _, c := range LoadApply(f, e.Name) {
		f.Add(c.Update)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		u, valid := Parsed(t, data, e.DecodeUpdate)
		_, err := e.DecodeUpdate(data)
		checkPointers(t, err)
		p, told := e.UpdateParamsOf(data)
		if !valid {
			// The same values given in Go fail alike (as a set: Go values have no order).
			if fs := Failures(err); told && !JSONLevel(fs) {
				_, goErr := e.NewUpdate(p)
				if got := Failures(goErr); !slices.Equal(SortedByField(fs), SortedByField(got)) {
					t.Fatalf("NewUpdateRequest disagrees:\nJSON %v\nGo   %v", fs, got)
				}
			}
			return
		}
		if !told {
			t.Fatalf("a valid update that Go values cannot tell: %q", data)
		}
		built, err := e.NewUpdate(p)
		if err != nil || !built.Equal(u) {
			t.Fatalf("NewUpdateRequest disagrees: %v", err)
		}
		if e.Secrets == nil {
			return
		}
		for _, s := range e.Secrets(p) {
			if s != nil && bytes.Contains([]byte(u.String()), []byte(*s)) {
				t.Fatalf("String shows personal data: %s", u.String())
			}
		}
	})
}

// checkPointers checks what the pointers of err keep: each names the place of its path,
// and no place has two failures.
func checkPointers(t *testing.T, err error) {
	t.Helper()
	errs := report.Errs(err)
	seen := map[string]bool{}
	for i, f := range testkit.Failures(err) {
		if f.Field != errs[i].Field {
			t.Fatalf("pointer %q does not name the path %q", errs[i].Pointer, errs[i].Field)
		}
		if seen[errs[i].Pointer] {
			t.Fatalf("pointer %q twice: %v", errs[i].Pointer, err)
		}
		seen[errs[i].Pointer] = true
	}
}

// storedObject is a stored object of the fuzz corpus: its encoding and its value.
type storedObject[O any] struct {
	data []byte
	c    O
}

// storedObjects returns every object of testdata/stored/<e.Name> and every stored object
// and result of testdata/apply/<e.Name>, each once, in the library's encoding.
func storedObjects[O Object[O, U], U Update[U], P any](t testing.TB, e Entity[O, U, P]) []storedObject[O] {
	var docs [][]byte
	for _, data := range StoredObjects(t, e.Name) {
		docs = append(docs, data)
	}
	for _, c := range LoadApply(t, e.Name) {
		docs = append(docs, c.Stored)
		if c.Want != nil {
			docs = append(docs, c.Want)
		}
	}
	var out []storedObject[O]
	for _, data := range docs {
		c, err := e.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		enc, _ := c.MarshalJSON()
		if !slices.ContainsFunc(out, func(s storedObject[O]) bool { return bytes.Equal(s.data, enc) }) {
			out = append(out, storedObject[O]{enc, c})
		}
	}
	slices.SortFunc(out, func(a, b storedObject[O]) int { return bytes.Compare(a.data, b.data) })
	return out
}

// FuzzApply applies fuzzed updates to every stored object of e's testdata and checks the
// result against a reference: the RFC 7396 merge of the update's JSON into the object's
// JSON (absent metadata staying absent when the update sets no key), read as an object,
// and the failures of applying predicted from the same JSON (with e.MetadataKeys keys at
// most). Applying never changes the stored object, and is idempotent.
func FuzzApply[O Object[O, U], U Update[U], P any](f *testing.F, e Entity[O, U, P]) {
	objects := storedObjects(f, e)
	index := func(data []byte) uint16 {
		c, _ := e.Decode(data)
		enc, _ := c.MarshalJSON()
		return uint16(slices.IndexFunc(objects, func(s storedObject[O]) bool { return bytes.Equal(s.data, enc) }))
	}
	for _, c := range LoadApply(f, e.Name) {
		f.Add(index(c.Stored), c.Update)
	}
	for i, d := range Load(f, e.Name+"-update") {
		f.Add(uint16(i), d.Data)
	}
	f.Fuzz(func(t *testing.T, i uint16, data []byte) {
		s := objects[int(i)%len(objects)]
		oneCall, errOneCall := s.c.ApplyJSON(data)
		u, err := e.DecodeUpdate(data)
		if err != nil {
			if errOneCall == nil || errOneCall.Error() != err.Error() || !oneCall.Equal(s.c) {
				t.Fatalf("ApplyJSON of %s: %v, DecodeUpdateRequest: %v", data, errOneCall, err)
			}
			return
		}
		got, err := s.c.Apply(u)
		if (err == nil) != (errOneCall == nil) || err != nil && err.Error() != errOneCall.Error() || !oneCall.Equal(got) {
			t.Fatalf("ApplyJSON of %s to %s: %v, DecodeUpdateRequest and Apply: %v", data, s.data, errOneCall, err)
		}
		if after, _ := s.c.MarshalJSON(); !bytes.Equal(after, s.data) {
			t.Fatalf("the stored object changed:\n%s\n%s", s.data, after)
		}
		merged, want := referenceApply(t, s.data, data, e.MetadataKeys)
		if fs := testkit.Failures(err); !slices.Equal(fs, want) {
			t.Fatalf("failures of applying %s to %s:\ngot  %v\nwant %v", data, s.data, fs, want)
		}
		_, again := s.c.Apply(u)
		if (err == nil) != (again == nil) || err != nil && err.Error() != again.Error() {
			t.Fatalf("not deterministic: %v, then %v", err, again)
		}
		if err != nil {
			if !got.Equal(s.c) {
				t.Fatal("a failure of applying returns another object than the stored one")
			}
			return
		}
		ref, err := e.Decode(merged)
		if err != nil {
			t.Fatalf("Apply succeeded, the reference merge %s is not an object: %v", merged, err)
		}
		if !ref.Equal(got) {
			a, _ := got.MarshalJSON()
			t.Fatalf("Apply gives %s, the reference merge %s", a, merged)
		}
		out, err := got.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if back, err := e.Decode(out); err != nil || !back.Equal(got) {
			t.Fatalf("the new object does not read back: %v\n%s", err, out)
		}
		twice, err := got.Apply(u)
		if err != nil || !twice.Equal(got) {
			t.Fatalf("applying twice differs from applying once: %v", err)
		}
	})
}

// referenceApply merges the JSON update patch into the JSON object stored as RFC 7396
// says, with one exception (absent metadata stays absent when the update sets no key in
// it), and predicts the failures of applying it: required at currency when the result has
// a balance or payment rules but no currency; else conflict at currency when the currency
// changes while the stored balance (not restated) or payment rules remain, or when a
// balance value is sent for a result whose currency is withdrawn; too_many_keys at
// metadata when the result has more than limit keys and the update adds keys.
func referenceApply(t *testing.T, stored, patch []byte, limit int) (merged []byte, failures []testkit.Failure) {
	t.Helper()
	doc, p := decodeMap(t, stored), decodeMap(t, patch)
	if pm, ok := p["metadata"].(map[string]any); ok {
		if _, had := doc["metadata"]; !had && !slices.ContainsFunc(valuesOf(pm), func(v any) bool { return v != nil }) {
			delete(p, "metadata")
		}
	}
	out := mergePatch(doc, p).(map[string]any)
	merged, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}

	cur, hasCur := out["currency"].(string)
	old, hadCur := doc["currency"].(string)
	_, hasBalance := out["balance"]
	_, hadBalance := doc["balance"]
	_, rules := out["payment_rules"]
	_, restated := p["balance"]
	balanceValue := restated && p["balance"] != nil
	changed := hadCur && hasCur && cur != old
	switch {
	case (hasBalance || rules) && !hasCur:
		failures = append(failures, testkit.At("currency", "required"))
	case changed && (hadBalance && !restated || rules), balanceValue && withdrawn(cur):
		failures = append(failures, testkit.At("currency", "conflict"))
	}
	if md, ok := out["metadata"].(map[string]any); ok && len(md) > limit {
		oldMD, _ := doc["metadata"].(map[string]any)
		pm, _ := p["metadata"].(map[string]any)
		added := 0
		for k, v := range pm {
			if _, had := oldMD[k]; v != nil && !had {
				added++
			}
		}
		if added > 0 {
			failures = append(failures, testkit.At("metadata", "too_many_keys"))
		}
	}
	return merged, failures
}

// mergePatch returns target with patch merged in (RFC 7396), target unchanged.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	out := map[string]any{}
	if t, ok := target.(map[string]any); ok {
		for k, v := range t {
			out[k] = v
		}
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = mergePatch(out[k], v)
		}
	}
	return out
}

func decodeMap(t *testing.T, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", data, err)
	}
	return m
}

func valuesOf(m map[string]any) []any {
	var out []any
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// withdrawn reports whether code is a currency withdrawn from ISO 4217's List One.
func withdrawn(code string) bool {
	c, err := money.ParseStoredCurrency(code)
	if err != nil {
		return false
	}
	_, ok := c.Withdrawn()
	return ok
}
