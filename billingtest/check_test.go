package billingtest_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/billingtest"
)

// recorder is a testing.TB that records what Check reports instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
	logs   []string
	fatal  string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

// errFatal stops the function under test when it calls Fatalf, as FailNow would.
var errFatal = errors.New("fatal")

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	panic(errFatal)
}

// record runs fn with a recorder and returns it.
func record(t *testing.T, fn func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != errFatal {
				panic(p)
			}
		}()
		fn(r)
	}()
	return r
}

func invalidCount(kind string) int {
	n := 0
	for _, c := range billingtest.Cases(kind) {
		if !c.Valid() {
			n++
		}
	}
	return n
}

// TestLibraryPassesCheck holds the library's own parsers to the contract, through Check
// and CheckVerdicts, for every kind.
func TestLibraryPassesCheck(t *testing.T) {
	for _, kind := range billingtest.Kinds() {
		t.Run(kind, func(t *testing.T) {
			parse := parsers[kind]
			billingtest.Check(t, kind, parse)
			billingtest.CheckVerdicts(t, kind, func(b []byte) bool { return parse(b) == nil })

			r := record(t, func(tb testing.TB) { billingtest.Check(tb, kind, parse) })
			assert.Empty(t, r.errors)
			n := len(billingtest.Cases(kind))
			assert.Equal(t, []string{fmt.Sprintf("billingtest.Check %s: %d cases, all agree", kind, n)}, r.logs)
		})
	}
}

// TestCheckReportsLaxParser: a parser that accepts everything fails every invalid case,
// each reported with what it must have said, then the count.
func TestCheckReportsLaxParser(t *testing.T) {
	kind := billingtest.KindCustomerCreate
	r := record(t, func(tb testing.TB) { billingtest.Check(tb, kind, func([]byte) error { return nil }) })
	invalid := invalidCount(kind)
	require.Len(t, r.errors, invalid+1)
	assert.Contains(t, r.errors, `customer-create/invalid-phone-fictional-555: accepted an invalid document; want ["/phone" invalid_phone]`)
	assert.Contains(t, r.errors, `customer-create/`+billingtest.TooLongCaseName+`: accepted an invalid document; want ["" too_long]`)
	assert.Equal(t, fmt.Sprintf("billingtest.Check customer-create: %d of %d cases differ", invalid, len(billingtest.Cases(kind))),
		r.errors[len(r.errors)-1])
	assert.Empty(t, r.logs)

	rv := record(t, func(tb testing.TB) { billingtest.CheckVerdicts(tb, kind, func([]byte) bool { return true }) })
	require.Len(t, rv.errors, invalid+1)
	assert.Contains(t, rv.errors, `customer-create/invalid-phone-fictional-555: accepted an invalid document; want ["/phone" invalid_phone]`)
	assert.Contains(t, rv.errors[len(rv.errors)-1], fmt.Sprintf("billingtest.CheckVerdicts customer-create: %d of", invalid))
}

// TestCheckReportsStrictParser: a parser that refuses everything as not JSON fails every
// valid case and every invalid case but those that are not JSON indeed.
func TestCheckReportsStrictParser(t *testing.T) {
	kind := billingtest.KindAccountUpdate
	notJSON := billing.Errors{billing.NewFieldError(billing.CodeInvalidJSON, "is not JSON")}
	r := record(t, func(tb testing.TB) { billingtest.Check(tb, kind, func([]byte) error { return notJSON }) })

	agree := 0
	for _, c := range billingtest.Cases(kind) {
		if len(c.Want) == 1 && c.Want[0].Code == billing.CodeInvalidJSON {
			agree++
		}
	}
	require.Positive(t, agree)
	require.Len(t, r.errors, len(billingtest.Cases(kind))-agree+1)
	assert.Contains(t, r.errors, `account-update/valid-empty-object: refused a valid document: got ["" invalid_json]`)
	assert.Contains(t, r.errors, "account-update/invalid-unknown-field-phone: failures differ:\n"+
		"\tmissing \"/phone\" unknown_field\n"+
		"\tunexpected \"\" invalid_json\n"+
		"\twant [\"/phone\" unknown_field]\n"+
		"\tgot  [\"\" invalid_json]")

	rv := record(t, func(tb testing.TB) { billingtest.CheckVerdicts(tb, kind, func([]byte) bool { return false }) })
	valid := len(billingtest.Cases(kind)) - invalidCount(kind)
	require.Len(t, rv.errors, valid+1)
	assert.Contains(t, rv.errors, `account-update/valid-empty-object: refused a valid document`)
}

func TestCheckReportsPanicsAndOtherErrors(t *testing.T) {
	kind := billingtest.KindAccount
	n := len(billingtest.Cases(kind))
	r := record(t, func(tb testing.TB) { billingtest.Check(tb, kind, func([]byte) error { panic("boom") }) })
	require.Len(t, r.errors, n+1)
	assert.True(t, strings.HasSuffix(r.errors[0], ": panicked: boom"), r.errors[0])

	r = record(t, func(tb testing.TB) {
		billingtest.Check(tb, kind, func([]byte) error { return errors.New("bad request") })
	})
	require.Len(t, r.errors, n+1)
	assert.True(t, strings.HasSuffix(r.errors[0], ": returned an error that is not a billing.Errors: bad request"), r.errors[0])

	r = record(t, func(tb testing.TB) { billingtest.CheckVerdicts(tb, kind, func([]byte) bool { panic("boom") }) })
	require.Len(t, r.errors, n+1)
	assert.True(t, strings.HasSuffix(r.errors[0], ": panicked: boom"), r.errors[0])
}

func TestCheckUnknownKind(t *testing.T) {
	r := record(t, func(tb testing.TB) { billingtest.Check(tb, "customers", nil) })
	assert.Equal(t, "billingtest.Check: unknown kind \"customers\": the kinds are customer-create, account-create, customer, account, customer-update, account-update", r.fatal)
	r = record(t, func(tb testing.TB) { billingtest.CheckVerdicts(tb, "customers", nil) })
	assert.Contains(t, r.fatal, `billingtest.CheckVerdicts: unknown kind "customers"`)
}

func TestDiff(t *testing.T) {
	f := func(field, pointer string, code billing.Code) billingtest.Failure {
		return billingtest.Failure{Field: field, Pointer: pointer, Code: code}
	}
	fe := func(code billing.Code, names ...string) *billing.FieldError {
		return billing.NewFieldError(code, "message", names...)
	}
	phone := f("phone", "/phone", billing.CodeInvalidPhone)
	name := f("name", "/name", billing.CodeRequired)
	c := billingtest.Case{Name: "x", Want: []billingtest.Failure{phone, name}}
	tests := []struct {
		name string
		c    billingtest.Case
		err  error
		want string
	}{
		{"agree", c, billing.Errors{fe(billing.CodeInvalidPhone, "phone"), fe(billing.CodeRequired, "name")}, ""},
		{"agree wrapped", c, fmt.Errorf("create: %w", billing.Errors{fe(billing.CodeInvalidPhone, "phone"), fe(billing.CodeRequired, "name")}), ""},
		{"valid", billingtest.Case{}, nil, ""},
		{"one FieldError", billingtest.Case{Want: []billingtest.Failure{phone}}, fe(billing.CodeInvalidPhone, "phone"), ""},
		{"accepted", c, nil, `accepted an invalid document; want ["/phone" invalid_phone, "/name" required]`},
		{"refused", billingtest.Case{}, billing.Errors{fe(billing.CodeRequired, "name")}, `refused a valid document: got ["/name" required]`},
		{"not ours", c, errors.New("no"), "returned an error that is not a billing.Errors: no"},
		{"empty Errors", c, billing.Errors(nil), "returned an empty billing.Errors as a non-nil error (return nil when there is no failure)"},
		{"code", c, billing.Errors{fe(billing.CodeInvalidFormat, "phone"), fe(billing.CodeRequired, "name")},
			"failures differ:\n\t\"/phone\": code invalid_format, want invalid_phone\n" +
				"\twant [\"/phone\" invalid_phone, \"/name\" required]\n\tgot  [\"/phone\" invalid_format, \"/name\" required]"},
		{"path", c, billing.Errors{{Field: "Phone", Pointer: "/phone", Code: billing.CodeInvalidPhone}, fe(billing.CodeRequired, "name")},
			"failures differ:\n\t\"/phone\": path \"Phone\", want \"phone\"\n" +
				"\twant [\"/phone\" invalid_phone, \"/name\" required]\n\tgot  [\"/phone\" invalid_phone, \"/name\" required]"},
		{"order", c, billing.Errors{fe(billing.CodeRequired, "name"), fe(billing.CodeInvalidPhone, "phone")},
			"failures differ:\n\tout of order\n" +
				"\twant [\"/phone\" invalid_phone, \"/name\" required]\n\tgot  [\"/name\" required, \"/phone\" invalid_phone]"},
		{"missing and unexpected", c, billing.Errors{fe(billing.CodeInvalidPhone, "phone"), fe(billing.CodeRequired, "email")},
			"failures differ:\n\tmissing \"/name\" required\n\tunexpected \"/email\" required\n" +
				"\twant [\"/phone\" invalid_phone, \"/name\" required]\n\tgot  [\"/phone\" invalid_phone, \"/email\" required]"},
		{"twice", c, billing.Errors{fe(billing.CodeInvalidPhone, "phone"), fe(billing.CodeRequired, "name"), fe(billing.CodeRequired, "name")},
			"failures differ:\n\tunexpected \"/name\" required\n" +
				"\twant [\"/phone\" invalid_phone, \"/name\" required]\n\tgot  [\"/phone\" invalid_phone, \"/name\" required, \"/name\" required]"},
		{"invalid UTF-8 in a path", billingtest.Case{Want: []billingtest.Failure{f("metadata.a\uFFFD\uFFFD", "/metadata/a\uFFFD\uFFFD", billing.CodeInvalidKey)}},
			billing.Errors{fe(billing.CodeInvalidKey, "metadata", "a\xff\xfe")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.c.Diff(tt.err))
		})
	}
}

func TestFailures(t *testing.T) {
	got, ok := billingtest.Failures(nil)
	assert.True(t, ok)
	assert.Nil(t, got)
	got, ok = billingtest.Failures(errors.New("x"))
	assert.False(t, ok)
	assert.Nil(t, got)
	got, ok = billingtest.Failures(billing.Errors{nil})
	assert.False(t, ok)
	assert.Nil(t, got)
	got, ok = billingtest.Failures(fmt.Errorf("wrapped: %w", billing.Errors{billing.NewFieldError(billing.CodeRequired, "m", "metadata", "a/b")}))
	assert.True(t, ok)
	assert.Equal(t, []billingtest.Failure{{Field: "metadata.a/b", Pointer: "/metadata/a~1b", Code: billing.CodeRequired}}, got)
	assert.Equal(t, `"/metadata/a~1b" required`, got[0].String())
}

// TestHandlerPassesCheck runs the handler of ExampleCheck through Check for real: a
// service that answers with the library's problem details conforms.
func TestHandlerPassesCheck(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	defer srv.Close()
	billingtest.Check(t, billingtest.KindCustomerCreate, func(doc []byte) error {
		return post(srv.URL+"/customers", doc)
	})
	billingtest.CheckVerdicts(t, billingtest.KindCustomerCreate, func(doc []byte) bool {
		return post(srv.URL+"/customers", doc) == nil
	})
}
