package testdocs

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
	"github.com/tallykit/billing/money"
)

// ApplyCase is one case of testdata/apply/<entity>: a stored object, an update, and the
// new object (Want) or the failures of applying (Errs).
type ApplyCase struct {
	Name                   string
	Stored, Update         []byte
	StoredPath, UpdatePath string // the files they were read from
	Want                   []byte // nil for a failing case
	Errs                   []Failure
}

// LoadApply reads the cases of testdata/apply/<entity>, in name order; it fails t when there
// are none, when a case has both or neither of want.json and errors.json, or when a file
// belongs to no case.
func LoadApply(t testing.TB, entity string) []ApplyCase {
	t.Helper()
	dir := filepath.Join(filepath.Dir(Dir(t, "x")), "apply", entity)
	stored, err := filepath.Glob(filepath.Join(dir, "*.stored.json"))
	require.NoError(t, err)
	require.NotEmpty(t, stored, "no apply cases in %s", dir)
	var cases []ApplyCase
	for _, p := range stored {
		base := strings.TrimSuffix(p, ".stored.json")
		c := ApplyCase{Name: filepath.Base(base), StoredPath: p, UpdatePath: base + ".update.json"}
		c.Stored = ReadPath(t, p)
		c.Update = ReadPath(t, c.UpdatePath)
		want, wantErr := os.ReadFile(base + ".want.json")
		errs, errsErr := os.ReadFile(base + ".errors.json")
		require.True(t, (wantErr == nil) != (errsErr == nil), "%s: want.json or errors.json, one of them", c.Name)
		if wantErr == nil {
			c.Want = want
		} else {
			require.NoError(t, json.Unmarshal(errs, &c.Errs), c.Name)
		}
		cases = append(cases, c)
	}
	// Every file of the folder belongs to a case.
	all, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	for _, p := range all {
		name := filepath.Base(p)
		i := strings.Index(name, ".")
		require.True(t, i > 0 && slices.ContainsFunc(cases, func(c ApplyCase) bool { return c.Name == name[:i] }),
			"%s belongs to no case", name)
	}
	return cases
}

// TestApplyNames checks the cases of testdata/apply/<e.Name> (at least e.MinApply): their
// names, the newlines of their files, and the failures of a failing case: the code its
// name promises, at currency and metadata only, at most once each, currency first.
func TestApplyNames[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	cases := LoadApply(t, e.Name)
	assert.GreaterOrEqual(t, len(cases), e.MinApply)
	for _, c := range cases {
		assert.Regexp(t, `^(valid|invalid)(-[a-z0-9]+)+$`, c.Name)
		assert.Equal(t, strings.HasPrefix(c.Name, "valid-"), c.Want != nil, "%s: valid- cases have want.json", c.Name)
		assert.True(t, bytes.HasSuffix(c.Stored, []byte("}\n")) && bytes.HasSuffix(c.Update, []byte("}\n")),
			"%s: stored.json and update.json end with a newline", c.Name)
		if c.Want != nil {
			assert.False(t, bytes.HasSuffix(c.Want, []byte("\n")), "%s: want.json has no trailing newline", c.Name)
			continue
		}
		require.NotEmpty(t, c.Errs, c.Name)
		if code, promised := CodeOfName(c.Name); promised && code != "" {
			for _, f := range c.Errs {
				assert.Equal(t, string(code), f.Code, c.Name)
			}
		}
		// Applying fails at currency and metadata only, at most once each, currency first.
		var fields []string
		for _, f := range c.Errs {
			fields = append(fields, f.Field)
		}
		assert.Contains(t, [][]string{{"currency"}, {"metadata"}, {"currency", "metadata"}}, fields, c.Name)
	}
}

// TestApply applies every update of testdata/apply/<e.Name> to its stored object: the
// expected object, byte for byte, or the expected failures; the stored object unchanged;
// applying twice the same as once; the new object a valid one, and what the update built
// from Go values gives too.
func TestApply[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	for _, c := range LoadApply(t, e.Name) {
		t.Run(c.Name, func(t *testing.T) {
			stored, err := e.Decode(c.Stored)
			require.NoError(t, err, "the stored object is valid")
			before, err := stored.MarshalJSON()
			require.NoError(t, err)
			u, err := e.DecodeUpdate(c.Update)
			require.NoError(t, err, "the update has no failures of its own")
			p, ok := e.UpdateParamsOf(c.Update)
			require.True(t, ok)
			built, err := e.NewUpdate(p)
			require.NoError(t, err)
			require.True(t, built.Equal(u), "the update from Go values")

			got, err := stored.Apply(u)
			after, _ := stored.MarshalJSON()
			assert.Equal(t, string(before), string(after), "the stored object changed")
			oneCall, errOneCall := stored.ApplyJSON(c.Update)
			assert.Equal(t, err, errOneCall, "ApplyJSON fails as DecodeUpdateRequest and Apply do")
			assert.True(t, oneCall.Equal(got), "ApplyJSON gives what DecodeUpdateRequest and Apply give")
			again, errAgain := stored.Apply(built)
			assert.Equal(t, err, errAgain, "deterministic")
			if c.Want == nil {
				assert.Equal(t, c.Errs, Failures(err))
				assert.True(t, got.Equal(stored), "a failure returns the stored object")
				checkApplyMessages(t, err, stored, u)
				return
			}
			require.NoError(t, err)
			out, err := got.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(c.Want), string(out))
			assert.True(t, again.Equal(got))

			// Applying twice is applying once.
			twice, err := got.Apply(u)
			require.NoError(t, err)
			assert.True(t, twice.Equal(got))
			out2, _ := twice.MarshalJSON()
			assert.Equal(t, string(out), string(out2))

			// The new object is a valid one, through JSON and through its record.
			back, err := e.Decode(out)
			require.NoError(t, err)
			assert.True(t, back.Equal(got))
			fromRecord, err := e.ThroughRecord(got)
			require.NoError(t, err)
			assert.True(t, fromRecord.Equal(got))

			// want.json read back and updated again is want.json.
			wantObj, err := e.Decode(c.Want)
			require.NoError(t, err)
			onWant, err := wantObj.Apply(u)
			require.NoError(t, err)
			out3, _ := onWant.MarshalJSON()
			assert.Equal(t, string(c.Want), string(out3))
		})
	}
}

// checkApplyMessages checks the messages of the failures of applying u to stored: each
// names no personal data, and too_many_keys gives how many keys were stored and how many
// the update adds.
func checkApplyMessages[O Object[O, U], U Document[U]](t *testing.T, err error, stored O, u U) {
	t.Helper()
	for _, e := range report.Errs(err) {
		assert.NotEmpty(t, e.Message)
		if e.Code != billing.CodeTooManyKeys {
			continue
		}
		md, _ := stored.Metadata()
		var p struct {
			Metadata map[string]*string `json:"metadata"`
		}
		b, _ := u.MarshalJSON()
		require.NoError(t, json.Unmarshal(b, &p))
		added := 0
		for k, v := range p.Metadata {
			if _, had := md.Get(k); v != nil && !had {
				added++
			}
		}
		assert.Contains(t, e.Message, strconv.Itoa(md.Len())+" stored")
		assert.Contains(t, e.Message, strconv.Itoa(added)+" added")
	}
}

// TestApplyWithPaymentRules: a currency with payment rules changes once the rules are
// removed, and the zero object cannot be updated.
func TestApplyWithPaymentRules[O Object[O, U], U Update[U], P any](t *testing.T, e Entity[O, U, P]) {
	c, err := e.Decode([]byte(`{` + e.Identity + `,"currency":"ZAR","balance":100,` +
		`"payment_rules":{"min_amount":1,"max_amount":10,"underpayment_allowed":true,"overpayment_allowed":false}}`))
	require.NoError(t, err)
	u, err := e.DecodeUpdate([]byte(`{"currency":"JPY","balance":5}`))
	require.NoError(t, err)
	_, err = c.Apply(u)
	assert.Equal(t, testkit.Pairs("currency", "conflict"), testkit.Failures(err))
	assert.ErrorIs(t, err, billing.CodeConflict)

	got, err := c.WithoutPaymentRules().Apply(u)
	require.NoError(t, err)
	b, _ := got.MarshalJSON()
	assert.Equal(t, `{`+e.Identity+`,"currency":"JPY","balance":5}`, string(b))
	_, hasRules := c.PaymentRules()
	assert.True(t, hasRules, "WithoutPaymentRules leaves c as it is")

	// New rules in the new currency.
	withRules, err := got.WithPaymentRules(money.MustNewPaymentRules(1, 5, money.AllowOverpayment))
	require.NoError(t, err)
	_, hasRules = withRules.PaymentRules()
	assert.True(t, hasRules)

	var zero O
	_, err = zero.Apply(u)
	assert.Equal(t, testkit.Pairs("id", "required"), testkit.Failures(err))
}
