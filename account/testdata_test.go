package account_test

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
	"github.com/tallykit/billing/account"
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
	docs := loadDocs(t, "account-create")
	assert.GreaterOrEqual(t, len(docs), 90)
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			req, err := account.ParseCreateRequest(d.data)
			require.Equal(t, d.want, failures(err))
			if err != nil {
				assert.True(t, req.IsZero(), "no value with a failure")
				checkMessages(t, err, d.data)
				// UnmarshalJSON fails alike and leaves its value alone.
				var viaMethod account.CreateRequest
				assert.Equal(t, d.want, failures(viaMethod.UnmarshalJSON(d.data)))
				assert.True(t, viaMethod.IsZero())
				return
			}
			// Round trip: Marshal, parse again, equal; Marshal again, same bytes.
			out, err := req.MarshalJSON()
			require.NoError(t, err)
			again, err := account.ParseCreateRequest(out)
			require.NoError(t, err, "%s", out)
			assert.True(t, req.Equal(again), "%s", out)
			out2, err := again.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2))
			// UnmarshalJSON agrees with ParseCreateRequest, through encoding/json too.
			var viaJSON struct{ R account.CreateRequest }
			require.NoError(t, json.Unmarshal([]byte(`{"R":`+string(d.data)+`}`), &viaJSON))
			assert.True(t, req.Equal(viaJSON.R))
			// The customer member alone reads back to the same reference.
			ref := req.Customer()
			refJSON, err := ref.MarshalJSON()
			require.NoError(t, err)
			var back account.CustomerRef
			require.NoError(t, json.Unmarshal(refJSON, &back))
			assert.True(t, ref.Equal(back), "%s", refJSON)
			assert.NotEqual(t, account.RefNone, ref.Kind())
		})
	}
}

func TestTestdataAccounts(t *testing.T) {
	docs := loadDocs(t, "account")
	assert.GreaterOrEqual(t, len(docs), 47)
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			a, err := account.Parse(d.data)
			require.Equal(t, d.want, failures(err))
			if err != nil {
				assert.True(t, a.IsZero(), "no value with a failure")
				checkMessages(t, err, d.data)
				var viaMethod account.Account
				assert.Equal(t, d.want, failures(viaMethod.UnmarshalJSON(d.data)))
				assert.True(t, viaMethod.IsZero())
				return
			}
			out, err := a.MarshalJSON()
			require.NoError(t, err)
			again, err := account.Parse(out)
			require.NoError(t, err, "%s", out)
			assert.True(t, a.Equal(again), "%s", out)
			out2, err := again.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2))
			var viaJSON account.Account
			require.NoError(t, json.Unmarshal(d.data, &viaJSON))
			assert.True(t, a.Equal(viaJSON))
		})
	}
}

// checkMessages checks that every failure has a message, and that no message repeats the
// email address or phone number of a new customer in the document.
func checkMessages(t *testing.T, err error, data []byte) {
	t.Helper()
	var secrets []string
	if p, ok := paramsOf(data); ok && p.NewCustomer != nil {
		for _, s := range []*string{p.NewCustomer.Email, p.NewCustomer.Phone} {
			if s != nil && len(*s) >= 5 {
				secrets = append(secrets, *s)
			}
		}
	}
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
	for _, kind := range []string{"account-create", "account"} {
		for _, d := range loadDocs(t, kind) {
			assert.Regexp(t, `^[a-z0-9]+(-[a-z0-9]+)*$`, d.name, "%s: lower case ASCII words joined by -", kind)
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
			// At most one failure per path; a whole-document failure stands alone.
			seen := map[string]bool{}
			for _, f := range d.want {
				assert.False(t, seen[f.Field], "%s/%s: %q twice", kind, d.name, f.Field)
				seen[f.Field] = true
				if f.Field == "" {
					assert.Len(t, d.want, 1, "%s/%s", kind, d.name)
				}
			}
		}
	}
}

// paramsOf reads an account create request document into CreateParams without judging its
// values, keeping every string byte for byte (encoding/json would replace invalid UTF-8).
// It reports false when the document cannot be told as Go values: not JSON, a member twice,
// an unknown member, a value of a JSON type a Go field cannot hold, an integer beyond int64.
func paramsOf(data []byte) (account.CreateParams, bool) {
	var p account.CreateParams
	ok := true
	err := strictjson.Decode(data, "", func(o strictjson.Object) {
		for o.Next() {
			switch o.Name() {
			case "customer":
				switch o.Kind() {
				case strictjson.KindNull:
					o.Null()
				case strictjson.KindObject:
					sub, _ := o.Object()
					nc, good := customerParamsOf(sub)
					ok = ok && good
					p.NewCustomer = &nc
				default:
					s, good := o.String()
					ok = ok && good
					p.Customer = s
				}
			case "external_reference":
				if s := readStr(o, &ok); s != nil {
					p.ExternalReference = *s
				}
			case "name":
				p.Name = readStr(o, &ok)
			case "currency":
				p.Currency = readStr(o, &ok)
			case "balance":
				p.Balance = readInt(o, &ok)
			case "metadata":
				p.Metadata = readMap(o, &ok)
			default:
				ok = false
			}
		}
	})
	return p, ok && err == nil
}

// customerParamsOf reads a nested customer create request like paramsOf.
func customerParamsOf(o strictjson.Object) (customer.CreateParams, bool) {
	var p customer.CreateParams
	ok := true
	for o.Next() {
		switch o.Name() {
		case "external_reference":
			if s := readStr(o, &ok); s != nil {
				p.ExternalReference = *s
			}
		case "name":
			p.Name = readStr(o, &ok)
		case "email":
			p.Email = readStr(o, &ok)
		case "phone":
			p.Phone = readStr(o, &ok)
		case "currency":
			p.Currency = readStr(o, &ok)
		case "balance":
			p.Balance = readInt(o, &ok)
		case "metadata":
			p.Metadata = readMap(o, &ok)
		default:
			ok = false
		}
	}
	return p, ok
}

func readStr(o strictjson.Object, ok *bool) *string {
	if o.Null() {
		return nil
	}
	s, good := o.String()
	*ok = *ok && good
	return &s
}

func readInt(o strictjson.Object, ok *bool) *int64 {
	if o.Null() {
		return nil
	}
	v, good := o.Int(math.MinInt64, math.MaxInt64)
	*ok = *ok && good
	return &v
}

func readMap(o strictjson.Object, ok *bool) map[string]string {
	if o.Null() {
		return nil
	}
	sub, good := o.Object()
	*ok = *ok && good
	m := map[string]string{}
	for sub.Next() {
		s, good := sub.String()
		*ok = *ok && good
		m[sub.Name()] = s
	}
	return m
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
	for _, d := range loadDocs(t, "account-create") {
		if slices.ContainsFunc(d.want, func(f failure) bool { return jsonLevel(f.Code) }) {
			continue
		}
		p, ok := paramsOf(d.data)
		if !ok {
			continue
		}
		tried++
		t.Run(d.name, func(t *testing.T) {
			req, err := account.NewCreateRequest(p)
			// Go values have no document order: the same failures, compared as sets.
			assert.Equal(t, sortedByField(d.want), sortedByField(failures(err)))
			if err != nil {
				assert.True(t, req.IsZero())
				return
			}
			parsed, err := account.ParseCreateRequest(d.data)
			require.NoError(t, err)
			assert.True(t, req.Equal(parsed))
			a, _ := req.MarshalJSON()
			b, _ := parsed.MarshalJSON()
			assert.Equal(t, string(b), string(a))
		})
	}
	assert.Greater(t, tried, 60, "most documents can be written as Go values")
}

func TestDocumentTooLong(t *testing.T) {
	// 1 MiB + 1 byte: a valid object padded with white space.
	for _, doc := range []string{
		`{"customer":"bcus_1","external_reference":"acct_1"}`,
		`{"id":"bacc_1","external_reference":"acct_1","customer_id":"bcus_1"}`,
	} {
		data := append([]byte(doc), bytes.Repeat([]byte(" "), strictjson.MaxSize+1-len(doc))...)
		require.Len(t, data, 1<<20+1)
		_, err := account.ParseCreateRequest(data)
		assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
		_, err = account.Parse(data)
		assert.Equal(t, []failure{{"", "too_long"}}, failures(err))
	}
	// Exactly 1 MiB is read.
	doc := `{"customer":"bcus_1","external_reference":"acct_1"}`
	data := append([]byte(doc), bytes.Repeat([]byte(" "), strictjson.MaxSize-len(doc))...)
	_, err := account.ParseCreateRequest(data)
	assert.NoError(t, err)
}
