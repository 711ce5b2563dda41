package entity_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/entity"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/strictjson"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// Rules of a test entity: names may not hold "!", two metadata keys, payment rules allowed.
var testRules = entity.Rules{
	Name: func(s string) error {
		if s == "" || strings.Contains(s, "!") {
			return billing.NewFieldError("name", billing.CodeInvalidCharacters, "no !")
		}
		return nil
	},
	Limits:       metadata.Limits{MaxKeys: 2, MaxKeyLength: 5, MaxValueLength: 5},
	PaymentRules: true,
}

// testDoc is a document of the test entity: a required "ref" and the shared members.
type testDoc struct {
	ref ids.ExternalReference
	f   entity.Fields
}

func parseTestDoc(data []byte, rules *entity.Rules) (testDoc, error) {
	var (
		d       testDoc
		seenRef bool
	)
	m := entity.NewMembers(rules)
	err := strictjson.Decode(data, "", func(o strictjson.Object) {
		for o.Next() {
			switch string(o.NameBytes()) {
			case "ref":
				seenRef = true
				d.ref, _ = entity.Required(o, ids.ParseExternalReference)
			default:
				if !m.Read(o) {
					o.Unknown()
				}
			}
		}
		if !seenRef {
			entity.Missing(o, "ref", ids.ParseExternalReference)
		}
		m.Finish(o)
	})
	if err != nil {
		return testDoc{}, err
	}
	d.f = m.Fields
	return d, nil
}

func (d testDoc) encode() []byte {
	b := entity.AppendStringMember([]byte{'{'}, true, "ref", d.ref.String())
	b = d.f.AppendName(b)
	b = d.f.AppendMoney(b)
	return append(b, '}')
}

type fl = [2]string

func failures(err error) []fl {
	out := []fl{}
	for _, e := range billing.AsErrors(err) {
		out = append(out, fl{e.Field, string(e.Code)})
	}
	return out
}

func TestReadValid(t *testing.T) {
	doc := `{"metadata":{"b":"2","a":"1"},"payment_rules":{"min_amount":1,"max_amount":5,` +
		`"underpayment_allowed":true,"overpayment_allowed":false},"balance":-0,"currency":"ZAR","name":"Jo","ref":"r1"}`
	d, err := parseTestDoc([]byte(doc), &testRules)
	require.NoError(t, err)
	assert.Equal(t, "r1", d.ref.String())
	name, ok := d.f.NameValue()
	assert.True(t, ok)
	assert.Equal(t, "Jo", name)
	c, ok := d.f.CurrencyValue()
	assert.True(t, ok)
	assert.Equal(t, "ZAR", c.Code())
	a, ok := d.f.BalanceAmount()
	assert.True(t, ok)
	assert.Equal(t, money.MustNewAmount(0, c), a)
	r, ok := d.f.PaymentRulesValue()
	assert.True(t, ok)
	assert.Equal(t, money.PaymentRules{}, money.PaymentRules{})
	assert.Equal(t, int64(5), r.MaxAmount())
	md, ok := d.f.MetadataValue()
	assert.True(t, ok)
	assert.Equal(t, []string{"a", "b"}, md.Keys())

	out := string(d.encode())
	assert.Equal(t, `{"ref":"r1","name":"Jo","currency":"ZAR","balance":0,"payment_rules":{"min_amount":1,`+
		`"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":false},"metadata":{"a":"1","b":"2"}}`, out)
	again, err := parseTestDoc([]byte(out), &testRules)
	require.NoError(t, err)
	assert.True(t, d.f.Equal(&again.f))
	assert.LessOrEqual(t, len(out), d.f.Size()+len(`{"ref":"r1"}`))
}

func TestReadAbsentAndEmpty(t *testing.T) {
	d, err := parseTestDoc([]byte(`{"ref":"r1","name":null,"currency":null,"balance":null,"payment_rules":null,"metadata":null}`), &testRules)
	require.NoError(t, err)
	assert.True(t, d.f.Equal(&entity.Fields{}))
	_, ok := d.f.BalanceAmount()
	assert.False(t, ok)
	assert.Equal(t, `{"ref":"r1"}`, string(d.encode()))

	d, err = parseTestDoc([]byte(`{"ref":"r1","metadata":{}}`), &testRules)
	require.NoError(t, err)
	md, ok := d.f.MetadataValue()
	assert.True(t, ok)
	assert.True(t, md.IsZero())
	assert.Equal(t, `{"ref":"r1","metadata":{}}`, string(d.encode()))
	assert.False(t, d.f.Equal(&entity.Fields{}), "{} is not absent")
}

func TestReadFailures(t *testing.T) {
	tests := []struct {
		doc  string
		want []fl
	}{
		{`{"balance":1}`, []fl{{"ref", "required"}, {"currency", "required"}}},
		{`{"balance":"1","ref":null}`, []fl{{"balance", "invalid_type"}, {"ref", "required"}, {"currency", "required"}}},
		{`{"ref":"r","balance":9007199254740992,"currency":"ZAR"}`, []fl{{"balance", "out_of_range"}}},
		{`{"ref":"r","balance":-9007199254740992,"currency":"ZAR"}`, []fl{{"balance", "out_of_range"}}},
		{`{"ref":"r","balance":1,"currency":5}`, []fl{{"currency", "invalid_type"}}},
		{`{"ref":"r","balance":1,"currency":""}`, []fl{{"currency", "required"}}},
		{`{"ref":"r","currency":"zar","name":"a!"}`, []fl{{"currency", "invalid_currency"}, {"name", "invalid_characters"}}},
		{`{"ref":"r","name":""}`, []fl{{"name", "invalid_characters"}}},
		{`{"ref":"r","name":1}`, []fl{{"name", "invalid_type"}}},
		{`{"ref":"r","metadata":[]}`, []fl{{"metadata", "invalid_type"}}},
		{`{"ref":"r","metadata":{"a":"1","b":"2","c":""},"x":1}`, []fl{{"metadata", "too_many_keys"}, {"metadata.c", "required"}, {"x", "unknown_field"}}},
		{`{"ref":"r","payment_rules":{}}`, []fl{
			{"payment_rules.min_amount", "required"}, {"payment_rules.max_amount", "required"},
			{"payment_rules.underpayment_allowed", "required"}, {"payment_rules.overpayment_allowed", "required"},
			{"currency", "required"}}},
		{`{"ref":"r","payment_rules":7,"currency":"ZAR"}`, []fl{{"payment_rules", "invalid_type"}}},
		{`{"ref":"r","currency":"ZAR","payment_rules":{"min_amount":10,"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":1}}`,
			[]fl{{"payment_rules.max_amount", "out_of_range"}, {"payment_rules.overpayment_allowed", "invalid_type"}}},
		// max_amount first: its failure still sits in its own place.
		{`{"ref":"r","currency":"ZAR","payment_rules":{"max_amount":5,"x":1,"min_amount":10,"underpayment_allowed":true,"overpayment_allowed":false}}`,
			[]fl{{"payment_rules.max_amount", "out_of_range"}, {"payment_rules.x", "unknown_field"}}},
		// A min_amount given twice has no value: nothing is compared with it.
		{`{"ref":"r","currency":"ZAR","payment_rules":{"min_amount":10,"max_amount":5,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":false}}`,
			[]fl{{"payment_rules.min_amount", "duplicate_field"}}},
		{`{"ref":"r","currency":"ZAR","payment_rules":{"max_amount":5,"min_amount":10,"min_amount":1,"underpayment_allowed":true,"overpayment_allowed":false}}`,
			[]fl{{"payment_rules.min_amount", "duplicate_field"}}},
		{`{"ref":"r","currency":"ZAR","payment_rules":{"min_amount":0,"max_amount":9007199254740992,"underpayment_allowed":null,"overpayment_allowed":false}}`,
			[]fl{{"payment_rules.min_amount", "out_of_range"}, {"payment_rules.max_amount", "out_of_range"}, {"payment_rules.underpayment_allowed", "required"}}},
		{`{"ref":"r","payment_rules":{"min_amount":1.5,"max_amount":"2"},"name":"!"}`, []fl{
			{"payment_rules.min_amount", "invalid_type"}, {"payment_rules.max_amount", "invalid_type"},
			{"payment_rules.underpayment_allowed", "required"}, {"payment_rules.overpayment_allowed", "required"},
			{"name", "invalid_characters"}, {"currency", "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			d, err := parseTestDoc([]byte(tt.doc), &testRules)
			assert.Equal(t, tt.want, failures(err))
			assert.True(t, d.f.Equal(&entity.Fields{}))
		})
	}
}

func TestPaymentRulesNotDefined(t *testing.T) {
	rules := testRules
	rules.PaymentRules = false
	_, err := parseTestDoc([]byte(`{"ref":"r","payment_rules":null}`), &rules)
	assert.Equal(t, []fl{{"payment_rules", "unknown_field"}}, failures(err))
}

func TestNestedPrefix(t *testing.T) {
	// The shared members of an object nested in a document report under its path.
	err := strictjson.Decode([]byte(`{"inner":{"balance":1,"metadata":{"":"x"},"payment_rules":{"min_amount":2,"max_amount":1}}}`), "",
		func(o strictjson.Object) {
			for o.Next() {
				sub, _ := o.Object()
				m := entity.NewMembers(&testRules)
				for sub.Next() {
					m.Read(sub)
				}
				m.Finish(sub)
			}
		})
	assert.Equal(t, []fl{
		{"inner.metadata.", "invalid_key"},
		{"inner.payment_rules.max_amount", "out_of_range"},
		{"inner.payment_rules.underpayment_allowed", "required"},
		{"inner.payment_rules.overpayment_allowed", "required"},
		{"inner.currency", "required"},
	}, failures(err))
}

func ptr[T any](v T) *T { return &v }

func TestSet(t *testing.T) {
	var l report.List
	m := entity.NewMembers(&testRules)
	m.SetName(&l, "", ptr("Jo"))
	m.SetCurrency(&l, "", ptr("JPY"))
	m.SetBalance(&l, "", ptr(int64(-500)))
	m.SetMetadata(&l, "", map[string]string{})
	m.SetPaymentRules(money.PaymentRules{})
	m.FinishSet(&l, "")
	require.NoError(t, l.Err())
	a, ok := m.BalanceAmount()
	assert.True(t, ok)
	assert.Equal(t, "JPY -500", a.String())
	_, ok = m.MetadataValue()
	assert.True(t, ok)

	l = report.List{}
	m = entity.NewMembers(&testRules)
	m.SetName(&l, "c", ptr("!"))
	m.SetCurrency(&l, "c", nil)
	m.SetBalance(&l, "c", ptr(int64(1)<<53))
	m.SetMetadata(&l, "c", map[string]string{"b": "", "a": "1", "c": "x"})
	m.FinishSet(&l, "c")
	assert.Equal(t, []fl{{"c.name", "invalid_characters"}, {"c.balance", "out_of_range"},
		{"c.metadata", "too_many_keys"}, {"c.metadata.b", "required"}, {"c.currency", "required"}}, failures(l.Err()))

	l = report.List{}
	m = entity.NewMembers(&testRules)
	m.SetPaymentRules(must(money.NewPaymentRules(1, 2, false, false)))
	m.FinishSet(&l, "")
	assert.Equal(t, []fl{{"currency", "required"}}, failures(l.Err()))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestMetadataEncodedAsMetadataPackageDoes(t *testing.T) {
	md := metadata.MustNew(map[string]string{"html": "<a href='x'>&</a>", "sep": "\u2028\u2029", "q": "\"\\\n\x00"},
		metadata.CustomerLimits())
	want, err := md.MarshalJSON()
	require.NoError(t, err)
	f := entity.Fields{Name: "<Jo & Co>", Metadata: md, HasMetadata: true}
	assert.Equal(t, `,"name":"\u003cJo \u0026 Co\u003e","metadata":`+string(want), string(f.AppendMoney(f.AppendName(nil))))
}

func TestLogAttrs(t *testing.T) {
	d, err := parseTestDoc([]byte(`{"ref":"r","name":"Jo","currency":"ZAR","balance":5,`+
		`"payment_rules":{"min_amount":1,"max_amount":5,"underpayment_allowed":true,"overpayment_allowed":false},"metadata":{"k":"v"}}`), &testRules)
	require.NoError(t, err)
	attrs := d.f.AppendMoneyLogAttrs(d.f.AppendNameLogAttr(nil))
	var keys []string
	for _, a := range attrs {
		keys = append(keys, a.Key)
	}
	assert.Equal(t, []string{"name", "currency", "balance", "payment_rules", "metadata"}, keys)
	assert.Equal(t, slog.KindGroup, attrs[4].Value.Kind())
	assert.Equal(t, "v", attrs[4].Value.Group()[0].Value.String())
	assert.Empty(t, (&entity.Fields{}).AppendMoneyLogAttrs((&entity.Fields{}).AppendNameLogAttr(nil)))
}

func TestMissingWithoutParserFailure(t *testing.T) {
	// A parser that accepts "" still makes an absent required member required.
	err := strictjson.Decode([]byte(`{}`), "", func(o strictjson.Object) {
		for o.Next() {
		}
		entity.Missing(o, "x", func(s string) (string, error) { return s, nil })
	})
	assert.Equal(t, []fl{{"x", "required"}}, failures(err))
}

// permutations returns every order of s.
func permutations(s []string) [][]string {
	if len(s) <= 1 {
		return [][]string{append([]string(nil), s...)}
	}
	var out [][]string
	for i := range s {
		rest := append(append([]string(nil), s[:i]...), s[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]string{s[i]}, p...))
		}
	}
	return out
}

func TestPaymentRulesFailuresInDocumentOrder(t *testing.T) {
	// Whatever the order of the members, each failure sits in its member's place, the
	// absent member's after them all: the reference is the member order itself.
	members := map[string]struct {
		json    string
		failure string // "" when the member is valid
	}{
		"min_amount":           {`"min_amount":10`, ""},
		"max_amount":           {`"max_amount":5`, "out_of_range"},
		"x":                    {`"x":1`, "unknown_field"},
		"underpayment_allowed": {`"underpayment_allowed":"yes"`, "invalid_type"},
	}
	names := []string{"min_amount", "max_amount", "x", "underpayment_allowed"}
	for _, order := range permutations(names) {
		var parts []string
		want := []fl{}
		for _, n := range order {
			parts = append(parts, members[n].json)
			if f := members[n].failure; f != "" {
				want = append(want, fl{"payment_rules." + n, f})
			}
		}
		want = append(want, fl{"payment_rules.overpayment_allowed", "required"})
		doc := `{"ref":"r","currency":"ZAR","payment_rules":{` + strings.Join(parts, ",") + `},"name":"!"}`
		want = append(want, fl{"name", "invalid_characters"})
		_, err := parseTestDoc([]byte(doc), &testRules)
		assert.Equal(t, want, failures(err), doc)
	}
}
