package customer_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/internal/strictjson"
)

// failure is one expected or reported failure, as the testdata files write it.
type failure struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// testDoc is one document of testdata with its expected failures.
type testDoc struct {
	name string // file name without .json
	data []byte
	want []failure
}

// loadDocs reads every document of testdata/<kind>.
func loadDocs(t testing.TB, kind string) []testDoc {
	t.Helper()
	dir := filepath.Join("..", "testdata", kind)
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	var docs []testDoc
	for _, p := range paths {
		if strings.HasSuffix(p, ".errors.json") {
			continue
		}
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		wantJSON, err := os.ReadFile(strings.TrimSuffix(p, ".json") + ".errors.json")
		require.NoError(t, err, "every document has its expected failures")
		var want []failure
		require.NoError(t, json.Unmarshal(wantJSON, &want), p)
		docs = append(docs, testDoc{name: strings.TrimSuffix(filepath.Base(p), ".json"), data: data, want: want})
	}
	require.NotEmpty(t, docs)
	return docs
}

// failures returns the failures held in err as the testdata files write them: a path with
// invalid UTF-8 has each bad byte replaced with U+FFFD, as encoding/json writes it.
func failures(err error) []failure {
	out := []failure{}
	for _, e := range billing.AsErrors(err) {
		out = append(out, failure{Field: strings.ToValidUTF8(e.Field, "\uFFFD"), Code: string(e.Code)})
	}
	return out
}

func TestTestdataCreateRequests(t *testing.T) {
	docs := loadDocs(t, "customer-create")
	assert.GreaterOrEqual(t, len(docs), 200)
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			req, err := customer.ParseCreateRequest(d.data)
			require.Equal(t, d.want, failures(err))
			if err != nil {
				assert.True(t, req.IsZero(), "no value with a failure")
				checkMessages(t, err, d.data)
				return
			}
			// Round trip: Marshal, parse again, equal; Marshal again, same bytes.
			out, err := req.MarshalJSON()
			require.NoError(t, err)
			again, err := customer.ParseCreateRequest(out)
			require.NoError(t, err, "%s", out)
			assert.True(t, req.Equal(again), "%s", out)
			out2, err := again.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2))
			// UnmarshalJSON agrees with ParseCreateRequest, through encoding/json too.
			var viaJSON struct{ R customer.CreateRequest }
			require.NoError(t, json.Unmarshal([]byte(`{"R":`+string(d.data)+`}`), &viaJSON))
			assert.True(t, req.Equal(viaJSON.R))
		})
	}
}

func TestTestdataCustomers(t *testing.T) {
	docs := loadDocs(t, "customer")
	assert.GreaterOrEqual(t, len(docs), 60)
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			c, err := customer.Parse(d.data)
			require.Equal(t, d.want, failures(err))
			if err != nil {
				assert.True(t, c.IsZero(), "no value with a failure")
				checkMessages(t, err, d.data)
				return
			}
			out, err := c.MarshalJSON()
			require.NoError(t, err)
			again, err := customer.Parse(out)
			require.NoError(t, err, "%s", out)
			assert.True(t, c.Equal(again), "%s", out)
			out2, err := again.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2))
			var viaJSON customer.Customer
			require.NoError(t, json.Unmarshal(d.data, &viaJSON))
			assert.True(t, c.Equal(viaJSON))
		})
	}
}

// checkMessages checks that every failure has a message, and that no message repeats the
// email address or phone number of the document.
func checkMessages(t *testing.T, err error, data []byte) {
	t.Helper()
	p, _ := paramsOf(data)
	var secrets []string
	for _, s := range []*string{p.Email, p.Phone} {
		if s != nil && len(*s) >= 5 {
			secrets = append(secrets, *s)
		}
	}
	// The messages' own examples are not the input.
	examples := strings.NewReplacer("jane@example.com", "", "+27123456789", "", "+447911123456", "")
	for _, e := range billing.AsErrors(err) {
		assert.NotEmpty(t, e.Message, e.Field)
		msg := examples.Replace(e.Message)
		for _, s := range secrets {
			assert.NotContains(t, msg, s, e.Field)
		}
	}
}

// codeOfName returns the code a testdata file name promises for every failure, or "" for
// names that promise none in particular (valid, multi, precedence, the docs' example).
func codeOfName(name string) (billing.Code, bool) {
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

func TestTestdataNames(t *testing.T) {
	for _, kind := range []string{"customer-create", "customer"} {
		for _, d := range loadDocs(t, kind) {
			code, promised := codeOfName(d.name)
			switch {
			case d.name == "docs-example" || strings.HasPrefix(d.name, "valid-"):
				assert.Empty(t, d.want, "%s/%s is valid by its name", kind, d.name)
			case promised && code == "":
				t.Errorf("%s/%s: the name names no code", kind, d.name)
			case promised:
				require.NotEmpty(t, d.want, "%s/%s", kind, d.name)
				for _, f := range d.want {
					assert.Equal(t, string(code), f.Code, "%s/%s: %s", kind, d.name, f.Field)
				}
			case strings.HasPrefix(d.name, "invalid-"):
				assert.NotEmpty(t, d.want, "%s/%s", kind, d.name)
			default:
				t.Errorf("%s/%s: name is neither valid-, invalid- nor docs-example", kind, d.name)
			}
		}
	}
}

// paramsOf reads a create request document into CreateParams without judging its values,
// keeping every string byte for byte (encoding/json would replace invalid UTF-8). It reports
// false when the document cannot be told as Go values: not JSON, a member twice, an unknown
// member, a value of a JSON type a Go field cannot hold, an integer beyond int64.
func paramsOf(data []byte) (customer.CreateParams, bool) {
	var p customer.CreateParams
	ok := true
	str := func(o strictjson.Object) *string {
		if o.Null() {
			return nil
		}
		s, good := o.String()
		ok = ok && good
		return &s
	}
	err := strictjson.Decode(data, "", func(o strictjson.Object) {
		for o.Next() {
			switch o.Name() {
			case "external_reference":
				if s := str(o); s != nil {
					p.ExternalReference = *s
				}
			case "name":
				p.Name = str(o)
			case "email":
				p.Email = str(o)
			case "phone":
				p.Phone = str(o)
			case "currency":
				p.Currency = str(o)
			case "balance":
				if o.Null() {
					break
				}
				v, good := o.Int(math.MinInt64, math.MaxInt64)
				ok = ok && good
				p.Balance = &v
			case "metadata":
				if o.Null() {
					break
				}
				sub, good := o.Object()
				ok = ok && good
				p.Metadata = map[string]string{}
				for sub.Next() {
					s, good := sub.String()
					ok = ok && good
					p.Metadata[sub.Name()] = s
				}
			default:
				ok = false
			}
		}
	})
	return p, ok && err == nil
}

// jsonLevel reports whether a failure code is about the JSON itself, which Go values
// cannot express.
func jsonLevel(code string) bool {
	switch billing.Code(code) {
	case billing.CodeInvalidJSON, billing.CodeInvalidType, billing.CodeDuplicateField, billing.CodeUnknownField:
		return true
	}
	return false
}

func sortedByField(fs []failure) []failure {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b failure) int { return strings.Compare(a.Field, b.Field) })
	return fs
}

func TestTestdataThroughParams(t *testing.T) {
	tried := 0
	for _, d := range loadDocs(t, "customer-create") {
		if slices.ContainsFunc(d.want, func(f failure) bool { return jsonLevel(f.Code) }) {
			continue
		}
		p, ok := paramsOf(d.data)
		if !ok {
			continue
		}
		tried++
		t.Run(d.name, func(t *testing.T) {
			req, err := customer.NewCreateRequest(p)
			// Go values have no document order: the same failures, compared as sets.
			assert.Equal(t, sortedByField(d.want), sortedByField(failures(err)))
			if err != nil {
				return
			}
			parsed, err := customer.ParseCreateRequest(d.data)
			require.NoError(t, err)
			assert.True(t, req.Equal(parsed))
			a, _ := req.MarshalJSON()
			b, _ := parsed.MarshalJSON()
			assert.Equal(t, string(b), string(a))
		})
	}
	assert.Greater(t, tried, 150, "most documents can be written as Go values")
}

func TestDocumentTooLong(t *testing.T) {
	// 1 MiB + 1 byte: a valid object padded with white space.
	doc := []byte(`{"external_reference":"cust_1"}`)
	doc = append(doc, bytes.Repeat([]byte(" "), strictjson.MaxSize+1-len(doc))...)
	require.Len(t, doc, 1<<20+1)
	_, err := customer.ParseCreateRequest(doc)
	assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	_, err = customer.Parse(doc)
	assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	// Exactly 1 MiB is read.
	_, err = customer.ParseCreateRequest(doc[:len(doc)-1])
	assert.NoError(t, err)
}
