package billingtest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/billingtest/internal/corpusgen"
	"github.com/tallykit/billing/billingtest/internal/phonesgen"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/testdocs"
)

const generatedFile = "zz_generated_corpus.json"

// TestCorpusMatchesTestdata rebuilds the embedded corpus from the module's testdata and
// fails on any byte of difference: testdata is the one source. Run go generate
// ./billingtest after changing testdata.
func TestCorpusMatchesTestdata(t *testing.T) {
	want, err := corpusgen.Build(os.DirFS(filepath.Join("..", "testdata")))
	require.NoError(t, err)
	got, err := os.ReadFile(generatedFile)
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from what the module's testdata gives: run go generate ./billingtest", generatedFile)
	}
	assert.Less(t, len(got), 400<<10, "the embedded corpus stays small")
}

// TestCasesMatchTestdocs compares Cases with the library's own reader of testdata, which
// its table tests use: the same names, bytes and failures.
func TestCasesMatchTestdocs(t *testing.T) {
	for _, kind := range billingtest.Kinds() {
		t.Run(kind, func(t *testing.T) {
			cases := billingtest.Cases(kind)
			docs := testdocs.Load(t, kind)
			require.Len(t, cases, len(docs)+1, "every file, and the document over 1 MiB")
			for i, d := range docs {
				c := cases[i]
				assert.Equal(t, d.Name, c.Name)
				assert.Equal(t, d.Data, c.Doc, d.Name)
				want := make([]testdocs.Failure, len(c.Want))
				for j, f := range c.Want {
					want[j] = testdocs.Failure{Field: f.Field, Pointer: f.Pointer, Code: string(f.Code)}
				}
				assert.Equal(t, d.Want, want, d.Name)
				assert.Equal(t, len(d.Want) == 0, c.Valid(), d.Name)
			}
			last := cases[len(cases)-1]
			assert.Equal(t, billingtest.TooLongCaseName, last.Name)
			assert.Len(t, last.Doc, 1<<20+1)
			assert.Equal(t, []billingtest.Failure{{Code: billing.CodeTooLong}}, last.Want)
		})
	}
}

func TestCasesAreFreshCopies(t *testing.T) {
	a := billingtest.Cases(billingtest.KindCustomerCreate)
	orig := bytes.Clone(a[0].Doc)
	a[0].Doc[0] = 'X'
	a[0].Want = append(a[0].Want, billingtest.Failure{Code: billing.CodeRequired})
	b := billingtest.Cases(billingtest.KindCustomerCreate)
	assert.Equal(t, orig, b[0].Doc)
	assert.Empty(t, b[0].Want)

	ap := billingtest.ApplyCases("customer")
	ap[0].Stored[0] = 'X'
	assert.NotEqual(t, byte('X'), billingtest.ApplyCases("customer")[0].Stored[0])

	k := billingtest.Kinds()
	k[0] = "x"
	assert.Equal(t, billingtest.KindCustomerCreate, billingtest.Kinds()[0])
}

func TestUnknownKindPanics(t *testing.T) {
	assert.PanicsWithValue(t, `billingtest: unknown kind "customers": the kinds are customer-create, account-create, customer, account, customer-update, account-update`,
		func() { billingtest.Cases("customers") })
	assert.Panics(t, func() { billingtest.ApplyCases("customer-update") })
	assert.Panics(t, func() { billingtest.Mutations("x") })
	assert.Panics(t, func() { billingtest.NewGen(1).Doc("x") })
}

// TestCasesHoldInvalidBytes pins what only a byte-exact copy keeps: a document with an
// invalid UTF-8 byte, and a path with U+FFFD in place of the bad byte of a key.
func TestCasesHoldInvalidBytes(t *testing.T) {
	for _, c := range billingtest.Cases(billingtest.KindCustomerCreate) {
		if c.Name != "invalid-key-invalid-utf8" {
			continue
		}
		assert.Contains(t, string(c.Doc), "bad\xffkey")
		assert.Equal(t, []billingtest.Failure{{Field: "metadata.bad\uFFFDkey", Pointer: "/metadata/bad\uFFFDkey", Code: billing.CodeInvalidKey}}, c.Want)
		_, err := customer.DecodeCreateRequest(c.Doc)
		assert.Empty(t, c.Diff(err))
		return
	}
	t.Fatal("no case invalid-key-invalid-utf8")
}

// TestApplyCases runs every apply case through the library: the stored object and the
// update read cleanly, and applying gives the new object's exact bytes or the failures.
func TestApplyCases(t *testing.T) {
	for _, entity := range []string{"customer", "account"} {
		files, err := filepath.Glob(filepath.Join("..", "testdata", "apply", entity, "*.stored.json"))
		require.NoError(t, err)
		cases := billingtest.ApplyCases(entity)
		require.Len(t, cases, len(files), entity)
		for _, c := range cases {
			t.Run(entity+"/"+c.Name, func(t *testing.T) {
				var result []byte
				var err error
				if entity == "customer" {
					result, err = applyCustomer(t, c)
				} else {
					result, err = applyAccount(t, c)
				}
				got, ok := billingtest.Failures(err)
				require.True(t, ok, "%v", err)
				assert.Equal(t, c.Want, nilIfEmpty(got))
				assert.Equal(t, string(c.Result), string(result))
				assert.Equal(t, len(c.Want) == 0, c.Result != nil)
			})
		}
	}
}

func nilIfEmpty(fs []billingtest.Failure) []billingtest.Failure {
	if len(fs) == 0 {
		return []billingtest.Failure{}
	}
	return fs
}

func applyCustomer(t *testing.T, c billingtest.ApplyCase) ([]byte, error) {
	stored, err := customer.Decode(c.Stored)
	require.NoError(t, err)
	u, err := customer.DecodeUpdateRequest(c.Update)
	require.NoError(t, err)
	next, err := stored.Apply(u)
	if err != nil {
		return nil, err
	}
	return next.MarshalJSON()
}

func applyAccount(t *testing.T, c billingtest.ApplyCase) ([]byte, error) {
	stored, err := account.Decode(c.Stored)
	require.NoError(t, err)
	u, err := account.DecodeUpdateRequest(c.Update)
	require.NoError(t, err)
	next, err := stored.Apply(u)
	if err != nil {
		return nil, err
	}
	return next.MarshalJSON()
}

// TestCorpusgenRefusesBrokenTestdata checks that the generator fails on testdata that
// breaks the layout, rather than embedding a corpus that says less than the files.
func TestCorpusgenRefusesBrokenTestdata(t *testing.T) {
	valid := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, k := range corpusgen.Kinds {
			fsys[k+"/valid-x.json"] = &fstest.MapFile{Data: []byte(`{}`)}
			fsys[k+"/valid-x.errors.json"] = &fstest.MapFile{Data: []byte(`[]`)}
		}
		for _, e := range corpusgen.Entities {
			fsys["apply/"+e+"/valid-x.stored.json"] = &fstest.MapFile{Data: []byte(`{}`)}
			fsys["apply/"+e+"/valid-x.update.json"] = &fstest.MapFile{Data: []byte(`{}`)}
			fsys["apply/"+e+"/valid-x.want.json"] = &fstest.MapFile{Data: []byte(`{}`)}
		}
		return fsys
	}
	_, err := corpusgen.Build(valid())
	require.NoError(t, err)

	for name, change := range map[string]func(fstest.MapFS){
		"no errors file": func(f fstest.MapFS) { delete(f, "customer/valid-x.errors.json") },
		"unknown code": func(f fstest.MapFS) {
			f["customer/valid-x.errors.json"].Data = []byte(`[{"field":"","pointer":"","code":"bad"}]`)
		},
		"no pointer": func(f fstest.MapFS) {
			f["customer/valid-x.errors.json"].Data = []byte(`[{"field":"","code":"required"}]`)
		},
		"extra member": func(f fstest.MapFS) {
			f["customer/valid-x.errors.json"].Data = []byte(`[{"field":"","pointer":"","code":"required","x":""}]`)
		},
		"not an array":    func(f fstest.MapFS) { f["customer/valid-x.errors.json"].Data = []byte(`{}`) },
		"no documents":    func(f fstest.MapFS) { delete(f, "account/valid-x.json"); delete(f, "account/valid-x.errors.json") },
		"no update":       func(f fstest.MapFS) { delete(f, "apply/customer/valid-x.update.json") },
		"no result":       func(f fstest.MapFS) { delete(f, "apply/account/valid-x.want.json") },
		"result and errs": func(f fstest.MapFS) { f["apply/account/valid-x.errors.json"] = &fstest.MapFile{Data: []byte(`[]`)} },
	} {
		t.Run(name, func(t *testing.T) {
			fsys := valid()
			change(fsys)
			_, err := corpusgen.Build(fsys)
			assert.Error(t, err)
		})
	}
}

// TestCorpusgenKeepsBytes checks the two forms of a document in the file: a string for
// valid UTF-8, base64 for anything else, each read back to the same bytes.
func TestCorpusgenKeepsBytes(t *testing.T) {
	for _, b := range [][]byte{[]byte("{\"a\":\"<&>\u2028\"}\n"), []byte("{\"a\":\"caf\xe9\"}"), {}} {
		enc, err := corpusgen.Bytes(b).MarshalJSON()
		require.NoError(t, err)
		var back corpusgen.Bytes
		require.NoError(t, back.UnmarshalJSON(enc))
		assert.Equal(t, string(b), string(back))
		assert.Equal(t, strings.HasPrefix(string(enc), "{"), string(b) == "{\"a\":\"caf\xe9\"}", string(enc))
	}
}

// TestPhonesTableMatchesMetadata rebuilds the table of example phone numbers from the
// phone metadata the module requires and fails on any difference. Run go generate
// ./billingtest after upgrading github.com/nyaruka/phonenumbers.
func TestPhonesTableMatchesMetadata(t *testing.T) {
	want, err := phonesgen.Generate("go run ./internal/gen")
	require.NoError(t, err)
	got, err := os.ReadFile("zz_generated_phones.go")
	require.NoError(t, err)
	if !bytes.Equal(got, want) {
		t.Fatal("zz_generated_phones.go differs from what the phone metadata gives: run go generate ./billingtest")
	}
}
