package entity

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
)

// fastDocs are the documents of the testdata folders, by folder.
var fastDocs = []struct {
	dir string
	d   Doc
}{
	{"customer-create", CustomerCreate},
	{"customer", CustomerObject},
	{"customer-update", CustomerUpdate},
	{"account-create", AccountCreate},
	{"account", AccountObject},
	{"account-update", AccountUpdate},
}

// decodeStrictly reads data as the document d along the strict path alone.
func decodeStrictly(data []byte, d Doc, v *Values) error {
	return strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) { Read(o, d, v) })
}

// decodeUpdateStrictly reads data as the update document d along the strict path alone.
func decodeUpdateStrictly(data []byte, d Doc, u *Update) error {
	return strictjson.Decode(data, report.Loc{}, func(o strictjson.Object) { ReadUpdate(o, d, u) })
}

// readFastDocs calls fn with each document of the testdata folders, its Doc, and whether
// its expected failures are none.
func readFastDocs(tb testing.TB, fn func(name string, d Doc, data []byte, valid bool)) {
	tb.Helper()
	for _, f := range fastDocs {
		paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", f.dir, "*.json"))
		require.NoError(tb, err)
		require.NotEmpty(tb, paths, f.dir)
		for _, p := range paths {
			if strings.HasSuffix(p, ".errors.json") {
				continue
			}
			data, err := os.ReadFile(p)
			require.NoError(tb, err)
			want, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".errors.json")
			require.NoError(tb, err)
			fn(f.dir+"/"+filepath.Base(p), f.d, data, string(bytes.TrimSpace(want)) == "[]")
		}
	}
}

// quickOrStrict reads data as d along both paths and reports whether the fast path read
// it, failing t when the two disagree: where the fast path reads a document, the strict
// path reads it without a failure, to equal values.
func quickOrStrict(t *testing.T, d Doc, data []byte) (fast bool, strictErr error) {
	t.Helper()
	if d&updates != 0 {
		return agree(t, data, d, decodeUpdateQuickly, decodeUpdateStrictly, (*Update).Equal)
	}
	return agree(t, data, d, decodeQuickly, decodeStrictly, (*Values).Equal)
}

// agree reads data along both paths into values of type T, as quickOrStrict does.
func agree[T any](t *testing.T, data []byte, d Doc, quickly func([]byte, Doc, *T) bool,
	strictly func([]byte, Doc, *T) error, equal func(*T, *T) bool) (bool, error) {
	t.Helper()
	var quick, strict T
	fast := quickly(data, d, &quick)
	err := strictly(data, d, &strict)
	if fast && (err != nil || !equal(&quick, &strict)) {
		t.Fatalf("the fast path read %+v, the strict path %+v (%v)", quick, strict, err)
	}
	return fast, err
}

// TestFastPath reads every document of the testdata folders along both paths: they agree,
// and the fast path reads every valid document written plainly (no escape, and no more
// strings than it keeps; it leaves the others to the strict path), so that it is the path
// the common request takes.
func TestFastPath(t *testing.T) {
	fast := 0
	readFastDocs(t, func(name string, d Doc, data []byte, valid bool) {
		t.Run(name, func(t *testing.T) {
			quick, err := quickOrStrict(t, d, data)
			assert.Equal(t, valid, err == nil, "the strict path: %v", err)
			plain := !bytes.Contains(data, []byte(`\`)) &&
				len(data) <= strictjson.FastMaxSize && bytes.Count(data, []byte(`"`)) <= 2*len(kept{}.strings)
			if valid && plain {
				assert.True(t, quick, "a plain valid document takes the fast path")
			}
			if quick {
				fast++
			}
		})
	})
	assert.Greater(t, fast, 100, "documents read along the fast path")
}

// FuzzFastPath holds the fast path to the strict one on every kind of document: where it
// reads a document, the strict path reads it without a failure, to equal values.
func FuzzFastPath(f *testing.F) {
	readFastDocs(f, func(_ string, d Doc, data []byte, _ bool) {
		for i, fd := range fastDocs {
			if fd.d == d {
				f.Add(uint8(i), data)
			}
		}
	})
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		quickOrStrict(t, fastDocs[int(kind)%len(fastDocs)].d, data)
	})
}

// TestFastPathAllocations holds what the fast path allocates: one string for all the
// strings a document keeps (a new customer's too), the entries of each metadata, and a new
// customer's values.
func TestFastPathAllocations(t *testing.T) {
	tests := []struct {
		path string
		d    Doc
		want float64
	}{
		{"customer-create/docs-example.json", CustomerCreate, 2},           // the string, the metadata
		{"account-create/valid-customer-new.json", AccountCreate, 3},       // the string, the customer, its metadata
		{"customer-update/valid-every-member-set.json", CustomerUpdate, 2}, // the string, the patch
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", tt.path))
		require.NoError(t, err)
		got := testing.AllocsPerRun(100, func() {
			if tt.d&updates != 0 {
				var u Update
				require.True(t, decodeUpdateQuickly(data, tt.d, &u))
			} else {
				var v Values
				require.True(t, decodeQuickly(data, tt.d, &v))
			}
		})
		assert.Equal(t, tt.want, got, tt.path)
	}
}

// applyCase is a case of testdata/apply: a stored object of the document d changes, and
// an update.
type applyCase struct {
	name           string
	d              Doc
	stored, update []byte
}

// readApplyCases returns the cases of testdata/apply, both entities.
func readApplyCases(tb testing.TB) []applyCase {
	tb.Helper()
	var cases []applyCase
	for _, e := range []struct {
		dir string
		d   Doc
	}{{"customer", CustomerUpdate}, {"account", AccountUpdate}} {
		paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "apply", e.dir, "*.stored.json"))
		require.NoError(tb, err)
		require.NotEmpty(tb, paths, e.dir)
		for _, p := range paths {
			stored, err := os.ReadFile(p)
			require.NoError(tb, err)
			update, err := os.ReadFile(strings.TrimSuffix(p, ".stored.json") + ".update.json")
			require.NoError(tb, err)
			cases = append(cases, applyCase{e.dir + "/" + filepath.Base(p), e.d, stored, update})
		}
	}
	return cases
}

// applyBothWays applies update to stored along the one-pass fast path and along the two
// steps of the strict one, failing t where they disagree: where the fast path applies an
// update, the strict path applies it without a failure, to equal values, and
// [DecodeApply] gives what the two steps give, failures included. It reports whether the
// fast path applied it, and the failures of the strict path.
func applyBothWays(t *testing.T, d Doc, stored *Values, update []byte) (fast bool, strictErr error) {
	t.Helper()
	var u Update
	var want Values
	strictErr = decodeUpdateStrictly(update, d, &u)
	if strictErr == nil {
		strictErr = Updated(d, stored, &u, &want)
	} else {
		want = *stored
	}
	before := *stored
	quick := *stored
	var saved changeable
	saved.save(&quick)
	fast = !IsZero(d.Object(), stored) && applyQuickly(update, d, &quick, &saved)
	if fast && (strictErr != nil || !quick.Equal(&want)) {
		t.Fatalf("the fast path applied %s as %+v, the strict path as %+v (%v)", update, quick, want, strictErr)
	}
	if !fast {
		saved.restore(&quick)
		if !quick.Equal(stored) {
			t.Fatalf("the fast path gave %s up, and restoring the members it saved gave %+v, not %+v", update, quick, *stored)
		}
	}
	got := *stored
	err := DecodeApply(update, d, &got)
	if fmt.Sprint(err) != fmt.Sprint(strictErr) || !got.Equal(&want) {
		t.Fatalf("DecodeApply of %s: %+v (%v), the two steps: %+v (%v)", update, got, err, want, strictErr)
	}
	if !stored.Equal(&before) {
		t.Fatal("the stored object changed")
	}
	return fast, strictErr
}

// TestApplyFastPath applies every update of testdata/apply along both paths: they agree,
// and the fast path applies every plain update that applies without a failure, except
// one removing keys of absent metadata, which it leaves to the strict path to check.
func TestApplyFastPath(t *testing.T) {
	fast := 0
	for _, c := range readApplyCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var stored Values
			require.NoError(t, Decode(c.stored, c.d.Object(), &stored))
			quick, err := applyBothWays(t, c.d, &stored, c.update)
			removesAbsent := !stored.HasMeta && bytes.Contains(c.update, []byte(`": null`)) &&
				bytes.Contains(c.update, []byte(`"metadata": {`))
			if err == nil && !bytes.Contains(c.update, []byte(`\`)) && !removesAbsent {
				assert.True(t, quick, "a plain update that applies takes the fast path")
			}
			if quick {
				fast++
			}
		})
	}
	assert.Greater(t, fast, 30, "updates applied along the fast path")
}

// TestApplyFastPathGivesUp applies documents the fast path gives up on at once, or after
// reading part of them, to every stored object of testdata/apply: the object comes back
// as stored (applyBothWays checks it), and the failures are the strict path's. The last
// document fails late on some objects (a currency conflict, an account's email) and
// applies to others, which the fast path then does.
func TestApplyFastPathGivesUp(t *testing.T) {
	updates := []string{"", "null", "[]", `"balance"`, "\ufeff{}", "{", `{"balance": 5000`,
		`{"currency": "USD", "balance": 1.5}`, `{"name": "A", "phone": "+1"}`, `{"metadata": {"k": 1}}`,
		`{"name": "A", "email": "a@example.com", "metadata": {"k": "v"}, "currency": "EUR"}`}
	for _, c := range readApplyCases(t) {
		var stored Values
		require.NoError(t, Decode(c.stored, c.d.Object(), &stored))
		for _, u := range updates {
			fast, err := applyBothWays(t, c.d, &stored, []byte(u))
			assert.Equal(t, err == nil, fast, "%s: %s: the fast path applies it exactly when it applies", c.name, u)
		}
	}
}

// FuzzApplyFastPath holds the one-pass fast path of applying an update to the two steps
// of the strict path, on every stored object of testdata/apply.
func FuzzApplyFastPath(f *testing.F) {
	cases := readApplyCases(f)
	stored := make([]Values, len(cases))
	for i, c := range cases {
		require.NoError(f, Decode(c.stored, c.d.Object(), &stored[i]))
		f.Add(uint16(i), c.update)
	}
	f.Fuzz(func(t *testing.T, i uint16, update []byte) {
		k := int(i) % len(cases)
		applyBothWays(t, cases[k].d, &stored[k], update)
	})
}
