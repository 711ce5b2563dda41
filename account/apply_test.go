package account_test

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
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testdocs"
	"github.com/tallykit/billing/money"
)

// applyCase is one case of testdata/apply/account: a stored object, an update, and the
// new object (want) or the failures of applying (errs).
type applyCase struct {
	name           string
	stored, update []byte
	want           []byte // nil for a failing case
	errs           []testdocs.Failure
}

// loadApply reads the cases of testdata/apply/<entity>, in name order.
func loadApply(t testing.TB, entity string) []applyCase {
	t.Helper()
	dir := filepath.Join(filepath.Dir(testdocs.Dir(t, "x")), "apply", entity)
	stored, err := filepath.Glob(filepath.Join(dir, "*.stored.json"))
	require.NoError(t, err)
	var cases []applyCase
	for _, p := range stored {
		base := strings.TrimSuffix(p, ".stored.json")
		c := applyCase{name: filepath.Base(base)}
		c.stored = readPath(t, p)
		c.update = readPath(t, base+".update.json")
		want, wantErr := os.ReadFile(base + ".want.json")
		errs, errsErr := os.ReadFile(base + ".errors.json")
		require.True(t, (wantErr == nil) != (errsErr == nil), "%s: want.json or errors.json, one of them", c.name)
		if wantErr == nil {
			c.want = want
		} else {
			require.NoError(t, json.Unmarshal(errs, &c.errs), c.name)
		}
		cases = append(cases, c)
	}
	// Every file of the folder belongs to a case.
	all, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	for _, p := range all {
		name := filepath.Base(p)
		i := strings.Index(name, ".")
		require.True(t, i > 0 && slices.ContainsFunc(cases, func(c applyCase) bool { return c.name == name[:i] }),
			"%s belongs to no case", name)
	}
	return cases
}

func readPath(t testing.TB, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	return data
}

func TestTestdataApplyNames(t *testing.T) {
	cases := loadApply(t, "account")
	assert.GreaterOrEqual(t, len(cases), 30)
	for _, c := range cases {
		assert.Regexp(t, `^(valid|invalid)(-[a-z0-9]+)+$`, c.name)
		assert.Equal(t, strings.HasPrefix(c.name, "valid-"), c.want != nil, "%s: valid- cases have want.json", c.name)
		assert.True(t, bytes.HasSuffix(c.stored, []byte("}\n")) && bytes.HasSuffix(c.update, []byte("}\n")),
			"%s: stored.json and update.json end with a newline", c.name)
		if c.want != nil {
			assert.False(t, bytes.HasSuffix(c.want, []byte("\n")), "%s: want.json has no trailing newline", c.name)
			continue
		}
		require.NotEmpty(t, c.errs, c.name)
		if code, promised := testdocs.CodeOfName(c.name); promised && code != "" {
			for _, f := range c.errs {
				assert.Equal(t, string(code), f.Code, c.name)
			}
		}
		// Applying fails at currency and metadata only, at most once each, currency first.
		var fields []string
		for _, f := range c.errs {
			fields = append(fields, f.Field)
		}
		assert.Contains(t, [][]string{{"currency"}, {"metadata"}, {"currency", "metadata"}}, fields, c.name)
	}
}

// TestTestdataApply applies every update of testdata/apply/account to its stored object:
// the expected object, byte for byte, or the expected failures; the stored object
// unchanged; applying twice the same as once; the new object a valid one, and what the
// update built from Go values gives too.
func TestTestdataApply(t *testing.T) {
	for _, c := range loadApply(t, "account") {
		t.Run(c.name, func(t *testing.T) {
			stored, err := account.Decode(c.stored)
			require.NoError(t, err, "the stored object is valid")
			before, err := stored.MarshalJSON()
			require.NoError(t, err)
			u, err := account.DecodeUpdateRequest(c.update)
			require.NoError(t, err, "the update has no failures of its own")
			p, ok := updateParamsOf(c.update)
			require.True(t, ok)
			built, err := account.NewUpdateRequest(p)
			require.NoError(t, err)
			require.True(t, built.Equal(u), "the update from Go values")

			got, err := stored.Apply(u)
			after, _ := stored.MarshalJSON()
			assert.Equal(t, string(before), string(after), "the stored object changed")
			again, errAgain := stored.Apply(built)
			assert.Equal(t, err, errAgain, "deterministic")
			if c.want == nil {
				assert.Equal(t, c.errs, testdocs.Failures(err))
				assert.True(t, got.Equal(stored), "a failure returns the stored object")
				checkApplyMessages(t, err, stored, u)
				return
			}
			require.NoError(t, err)
			out, err := got.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, string(c.want), string(out))
			assert.True(t, again.Equal(got))

			// Applying twice is applying once.
			twice, err := got.Apply(u)
			require.NoError(t, err)
			assert.True(t, twice.Equal(got))
			out2, _ := twice.MarshalJSON()
			assert.Equal(t, string(out), string(out2))

			// The new object is a valid one, through JSON and through its record.
			back, err := account.Decode(out)
			require.NoError(t, err)
			assert.True(t, back.Equal(got))
			fromRecord, err := account.FromRecord(got.Record())
			require.NoError(t, err)
			assert.True(t, fromRecord.Equal(got))

			// want.json read back and updated again is want.json.
			wantObj, err := account.Decode(c.want)
			require.NoError(t, err)
			onWant, err := wantObj.Apply(u)
			require.NoError(t, err)
			out3, _ := onWant.MarshalJSON()
			assert.Equal(t, string(c.want), string(out3))
		})
	}
}

// checkApplyMessages checks the messages of the failures of applying u to stored: each
// names no personal data, and too_many_keys gives how many keys were stored and how many
// the update adds.
func checkApplyMessages(t *testing.T, err error, stored account.Account, u account.UpdateRequest) {
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
// removed, and the zero Account cannot be updated.
func TestApplyWithPaymentRules(t *testing.T) {
	c, err := account.Decode([]byte(`{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1","currency":"ZAR","balance":100,` +
		`"payment_rules":{"min_amount":1,"max_amount":10,"underpayment_allowed":true,"overpayment_allowed":false}}`))
	require.NoError(t, err)
	u, err := account.DecodeUpdateRequest([]byte(`{"currency":"JPY","balance":5}`))
	require.NoError(t, err)
	_, err = c.Apply(u)
	assert.Equal(t, []failure{{"currency", "conflict"}}, failures(err))
	assert.ErrorIs(t, err, billing.CodeConflict)

	got, err := c.WithoutPaymentRules().Apply(u)
	require.NoError(t, err)
	b, _ := got.MarshalJSON()
	assert.Equal(t, `{"id":"bacc_1","external_reference":"a1","customer_id":"bcus_1","currency":"JPY","balance":5}`, string(b))
	_, hasRules := c.PaymentRules()
	assert.True(t, hasRules, "WithoutPaymentRules leaves c as it is")

	// New rules in the new currency.
	withRules, err := got.WithPaymentRules(money.MustNewPaymentRules(1, 5, money.AllowOverpayment))
	require.NoError(t, err)
	_, hasRules = withRules.PaymentRules()
	assert.True(t, hasRules)

	_, err = account.Account{}.Apply(u)
	assert.Equal(t, []failure{{"id", "required"}}, failures(err))
}
