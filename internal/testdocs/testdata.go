package testdocs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

// Failure is one expected or reported failure, as the testdata files write it.
type Failure struct {
	Field   string `json:"field"`
	Pointer string `json:"pointer"`
	Code    string `json:"code"`
}

// Doc is one document of testdata with its expected failures.
type Doc struct {
	Name string // file name without .json
	Path string // the file, relative to the test's directory
	Data []byte
	Want []Failure
}

// Dir returns the testdata directory of kind, relative to the test's directory (the
// package directory, where go test runs a test): testdata/<kind> at the module's root.
func Dir(t testing.TB, kind string) string {
	t.Helper()
	root := "."
	for range 8 {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			return filepath.Join(root, "testdata", kind)
		}
		root = filepath.Join(root, "..")
	}
	t.Fatal("no go.mod above the test's directory")
	return ""
}

// paths returns the documents of testdata/<kind>, in name order, without their
// .errors.json files.
func paths(t testing.TB, kind string) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join(Dir(t, kind), "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(all, func(p string) bool { return strings.HasSuffix(p, ".errors.json") })
}

// Load reads every document of testdata/<kind>, in name order, each with its expected
// failures; it fails t when a document has no .errors.json or the kind has no documents.
func Load(t testing.TB, kind string) []Doc {
	t.Helper()
	var docs []Doc
	for _, p := range paths(t, kind) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		wantJSON, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".errors.json")
		require.NoError(t, err, "every document has its expected failures")
		var want []Failure
		require.NoError(t, json.Unmarshal(wantJSON, &want), p)
		docs = append(docs, Doc{Name: strings.TrimSuffix(filepath.Base(p), ".json"), Path: p, Data: data, Want: want})
	}
	require.NotEmpty(t, docs, "no documents for %s", kind)
	return docs
}

// CheckParsed reads d with parse and checks what every document of testdata holds: the
// expected failures, in order; no value with a failure; a valid document's [RoundTrip].
// It returns the value and the failure.
func CheckParsed[T Document[T]](t *testing.T, d Doc, parse func([]byte) (T, error)) (T, error) {
	t.Helper()
	v, err := parse(d.Data)
	require.Equal(t, d.Want, Failures(err))
	if err != nil {
		assert.True(t, v.IsZero(), "no value with a failure")
		return v, err
	}
	RoundTrip(t, v, parse)
	return v, nil
}

// CheckBuilt checks what a constructor built from the Go values of d (v, err) against d:
// the document's failures, compared as sets (Go values have no document order); no value
// with a failure; a valid value equal to the document's, with the same encoding.
func CheckBuilt[T Document[T]](t *testing.T, d Doc, v T, err error, parse func([]byte) (T, error)) {
	t.Helper()
	assert.Equal(t, SortedByField(d.Want), SortedByField(Failures(err)))
	if err != nil {
		assert.True(t, v.IsZero(), "no value with a failure")
		return
	}
	parsed, err := parse(d.Data)
	require.NoError(t, err)
	assert.True(t, v.Equal(parsed))
	a, _ := v.MarshalJSON()
	b, _ := parsed.MarshalJSON()
	assert.Equal(t, string(b), string(a))
}

// CheckThroughParams checks a constructor from Go values against the documents of
// testdata/<kind>: each document that paramsOf can tell as Go values, and whose failures
// are none about the JSON itself, is built with build and checked with [CheckBuilt]. It
// returns how many documents it built.
func CheckThroughParams[P any, T Document[T]](t *testing.T, kind string, paramsOf func([]byte) (P, bool),
	build func(P) (T, error), parse func([]byte) (T, error)) int {
	t.Helper()
	tried := 0
	for _, d := range Load(t, kind) {
		if JSONLevel(d.Want) {
			continue
		}
		p, ok := paramsOf(d.Data)
		if !ok {
			continue
		}
		tried++
		t.Run(d.Name, func(t *testing.T) {
			v, err := build(p)
			CheckBuilt(t, d, v, err, parse)
		})
	}
	return tried
}

// Failures returns the failures held in err as the testdata files write them, never nil:
// a path with invalid UTF-8 has each bad byte replaced with U+FFFD, as encoding/json
// writes it. A failure whose pointer does not name the place of its path shows both in
// the path, as [testkit.Failures] returns it.
func Failures(err error) []Failure {
	out := []Failure{}
	testkit.Failures(err) // checks each pointer against its path
	for _, f := range report.Errs(err) {
		out = append(out, Failure{
			Field:   strings.ToValidUTF8(f.Field, "\uFFFD"),
			Pointer: strings.ToValidUTF8(f.Pointer, "\uFFFD"),
			Code:    string(f.Code),
		})
	}
	return out
}

// FailuresAs returns [Failures] of err as a test package's own type F, which the package
// may write unkeyed ({"phone", "invalid_phone"}: vet allows that only for its own types).
func FailuresAs[F ~struct{ Field, Code string }](err error) []F {
	out := []F{}
	for _, f := range Failures(err) {
		out = append(out, F(struct{ Field, Code string }{f.Field, f.Code}))
	}
	return out
}

// SortedByField returns a copy of fs sorted by path, to compare failures as sets where
// there is no document order (Go values).
func SortedByField(fs []Failure) []Failure {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b Failure) int { return strings.Compare(a.Field, b.Field) })
	return fs
}

// JSONLevel reports whether one of fs is about the JSON itself (invalid_json, invalid_type,
// duplicate_field, unknown_field), which Go values cannot express.
func JSONLevel(fs []Failure) bool {
	return slices.ContainsFunc(fs, func(f Failure) bool {
		switch billing.Code(f.Code) {
		case billing.CodeInvalidJSON, billing.CodeInvalidType, billing.CodeDuplicateField, billing.CodeUnknownField:
			return true
		}
		return false
	})
}

// CheckMessages checks that every failure of err has a message, and that no message
// repeats one of secrets (the document's email address and phone number; nil or shorter
// than 5 bytes is no secret). The messages' own examples are not the input.
func CheckMessages(t testing.TB, err error, secrets ...*string) {
	t.Helper()
	examples := strings.NewReplacer("jane@example.com", "", "+27123456789", "", "+447911123456", "")
	for _, e := range report.Errs(err) {
		assert.NotEmpty(t, e.Message, e.Field)
		msg := examples.Replace(e.Message)
		for _, s := range secrets {
			if s != nil && len(*s) >= 5 {
				assert.NotContains(t, msg, *s, e.Field)
			}
		}
	}
}

// CodeOfName returns the code a testdata file name promises for every failure, and
// whether the name promises one: "" with true for an invalid-<code>- name whose code is
// unknown, false for names that promise none in particular (valid, multi, precedence, the
// docs' example).
func CodeOfName(name string) (billing.Code, bool) {
	rest, ok := strings.CutPrefix(name, "invalid-")
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest, "multi-") || strings.HasPrefix(rest, "precedence-") {
		return "", false
	}
	// The longest code whose dashed name starts rest wins (key-too-long over key).
	var best billing.Code
	for _, c := range billing.Codes() {
		dashed := strings.ReplaceAll(strings.TrimPrefix(string(c), "invalid_"), "_", "-")
		if strings.HasPrefix(rest, dashed+"-") && len(c) > len(best) {
			best = c
		}
	}
	return best, true
}

// CheckNames checks the documents of testdata/<kind> against the naming rule of
// testdata/README.md: lower case ASCII words joined by -; docs-example and valid- are
// valid; invalid-<code>- fails with that code only; any other invalid- fails. It also
// checks what every expected list keeps: at most one failure per path, and a failure of
// the whole document alone.
func CheckNames(t *testing.T, kind string) {
	for _, d := range Load(t, kind) {
		assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, d.Name, "%s: lower case ASCII words joined by -", kind)
		code, promised := CodeOfName(d.Name)
		switch {
		case d.Name == "docs-example" || strings.HasPrefix(d.Name, "valid-"):
			assert.Empty(t, d.Want, "%s/%s is valid by its name", kind, d.Name)
		case promised && code == "":
			t.Errorf("%s/%s: the name names no code", kind, d.Name)
		case promised:
			require.NotEmpty(t, d.Want, "%s/%s", kind, d.Name)
			for _, f := range d.Want {
				assert.Equal(t, string(code), f.Code, "%s/%s: %s", kind, d.Name, f.Field)
			}
		case strings.HasPrefix(d.Name, "invalid-"):
			assert.NotEmpty(t, d.Want, "%s/%s", kind, d.Name)
		default:
			t.Errorf("%s/%s: name is neither valid-, invalid- nor docs-example", kind, d.Name)
		}
		seen := map[string]bool{}
		for _, f := range d.Want {
			assert.False(t, seen[f.Field], "%s/%s: %q twice", kind, d.Name, f.Field)
			seen[f.Field] = true
			if f.Field == "" {
				assert.Len(t, d.Want, 1, "%s/%s", kind, d.Name)
			}
		}
	}
}
