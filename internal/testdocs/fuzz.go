package testdocs

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/ids"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

// AddSeeds adds every document of testdata/<kind>, for each kind, to f's corpus.
func AddSeeds(f *testing.F, kinds ...string) {
	f.Helper()
	for _, kind := range kinds {
		for _, p := range paths(f, kind) {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// Document is a value that a document parser returns (a create request or an object).
type Document[T any] interface {
	IsZero() bool
	Equal(T) bool
	MarshalJSON() ([]byte, error)
}

// Parsed reads data with parse and checks what holds for every input: a failure has the
// properties of [CheckFailures] and [CheckJSONLevel] and comes with the zero value; a
// valid document's value passes [RoundTrip]. It returns the value and whether data was
// valid.
func Parsed[T Document[T]](t testing.TB, data []byte, parse func([]byte) (T, error)) (T, bool) {
	t.Helper()
	v, err := parse(data)
	if err != nil {
		_, again := parse(data)
		CheckFailures(t, err, again)
		CheckJSONLevel(t, data, err)
		if !v.IsZero() {
			t.Fatal("a value with a failure")
		}
		return v, false
	}
	RoundTrip(t, v, parse)
	return v, true
}

// RoundTrip checks that v encodes to valid JSON, that parse reads that back to a value
// equal to v, and that the value read back encodes to the same bytes. It returns the
// encoding.
func RoundTrip[T Document[T]](t testing.TB, v T, parse func([]byte) (T, error)) []byte {
	t.Helper()
	out, err := v.MarshalJSON()
	if err != nil {
		t.Fatalf("a valid value does not encode: %v", err)
	}
	if !utf8.Valid(out) || !json.Valid(out) {
		t.Fatalf("encoding is not valid JSON: %q", out)
	}
	back, err := parse(out)
	if err != nil {
		t.Fatalf("encoding does not parse back: %v\n%s", err, out)
	}
	if !back.Equal(v) {
		t.Fatalf("round trip changed the value:\n%s", out)
	}
	if out2, err := back.MarshalJSON(); err != nil || !bytes.Equal(out, out2) {
		t.Fatalf("encoding is not stable:\n%s\n%s", out, out2)
	}
	return out
}

// CheckFailures checks the properties every failure list has: never empty, at most one
// failure per path, every code one of the library's with a message, a failure of the
// whole document (invalid_json, too_long, invalid_type at "") alone, and the same list on
// a second run (again).
func CheckFailures(t testing.TB, err error, again error) {
	t.Helper()
	errs := report.Errs(err)
	if len(errs) == 0 {
		t.Fatalf("error without failures: %v", err)
	}
	seen := map[string]bool{}
	for _, e := range errs {
		if seen[e.Field] {
			t.Fatalf("path %q reported twice: %v", e.Field, err)
		}
		seen[e.Field] = true
		if e.Code.Description() == "" || e.Message == "" {
			t.Fatalf("failure without a known code or a message: %#v", e)
		}
	}
	for _, e := range errs {
		// A member named "" at the top level has the path "" too, but its failures
		// (unknown_field, duplicate_field) are not the document's.
		whole := e.Code == billing.CodeInvalidJSON || e.Code == billing.CodeTooLong || e.Code == billing.CodeInvalidType
		if e.Field == "" && whole && len(errs) != 1 {
			t.Fatalf("a failure of the whole document must stand alone: %v", err)
		}
	}
	if again == nil || again.Error() != err.Error() {
		t.Fatalf("not deterministic:\n%v\n%v", err, again)
	}
}

// CheckJSONLevel checks the document-level failures against encoding/json's verdict.
func CheckJSONLevel(t testing.TB, data []byte, err error) {
	t.Helper()
	errs := report.Errs(err)
	if !json.Valid(data) && len(data) <= 1<<20 {
		if len(errs) != 1 || errs[0].Field != "" || errs[0].Code != billing.CodeInvalidJSON {
			t.Fatalf("encoding/json says not JSON; got %v", err)
		}
	}
	if len(errs) == 1 && errs[0].Code == billing.CodeInvalidJSON && json.Valid(data) {
		// The one input encoding/json accepts that the strict reader refuses: deep nesting.
		if bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) <= 64 {
			t.Fatalf("invalid_json for a document encoding/json accepts: %q", data)
		}
	}
}

// EqString compares an optional string read by encoding/json with the library's ("" when
// absent).
func EqString(t testing.TB, field string, plain *string, ours string) {
	t.Helper()
	if (plain == nil) != (ours == "") || plain != nil && *plain != ours {
		t.Fatalf("%s: encoding/json %v, ours %q", field, plain, ours)
	}
}

// Money is encoding/json's reading of the members currency, balance and metadata.
type Money struct {
	Currency *string           `json:"currency"`
	Balance  *int64            `json:"balance"`
	Metadata map[string]string `json:"metadata"`
}

// Moneyed is a value with the members of [Money]: every document of the API.
type Moneyed interface {
	Currency() (money.Currency, bool)
	Balance() (money.Amount, bool)
	Metadata() (metadata.Metadata, bool)
}

// EqMoney compares the currency, balance and metadata of v with encoding/json's reading
// of them (prefix is "" or the path of a nested document and a dot), and checks that a
// balance is in the currency.
func EqMoney(t testing.TB, prefix string, plain Money, v Moneyed) {
	t.Helper()
	c, hasC := v.Currency()
	if !hasC {
		c = money.Currency{}
	}
	a, hasA := v.Balance()
	m, hasM := v.Metadata()
	EqString(t, prefix+"currency", plain.Currency, c.String())
	if (plain.Balance == nil) != !hasA || plain.Balance != nil && *plain.Balance != a.Minor() {
		t.Fatalf("%sbalance: encoding/json %v, ours %v", prefix, plain.Balance, a)
	}
	if hasA && a.Currency() != c {
		t.Fatalf("%sbalance in %v, currency %v", prefix, a.Currency(), c)
	}
	if (plain.Metadata != nil) != hasM || len(plain.Metadata) != m.Len() {
		t.Fatalf("%smetadata: encoding/json %v, ours %v", prefix, plain.Metadata, m.Map())
	}
	for k, v := range plain.Metadata {
		if got, _ := m.Get(k); got != v {
			t.Fatalf("%smetadata %q: encoding/json %q, ours %q", prefix, k, v, got)
		}
	}
}

// customerValues is what a customer create request and a customer object have in common.
type customerValues interface {
	ExternalReference() ids.ExternalReference
	Name() (contact.Name, bool)
	Email() (contact.Email, bool)
	Phone() (contact.Phone, bool)
	Moneyed
}

// EqCustomer compares the members of a customer create request (a customer.CreateRequest,
// or the request members of a customer.Customer) with encoding/json's reading of data, the
// valid document (prefix "") or the object of an account request's new customer (prefix
// "customer.").
func EqCustomer(t testing.TB, prefix string, data []byte, v customerValues) {
	t.Helper()
	var p struct {
		ExternalReference *string `json:"external_reference"`
		Name              *string `json:"name"`
		Email             *string `json:"email"`
		Phone             *string `json:"phone"`
		Money
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%svalid for us, not for encoding/json: %v: %q", prefix, err, data)
	}
	name, _ := v.Name()
	email, _ := v.Email()
	phone, _ := v.Phone()
	EqString(t, prefix+"external_reference", p.ExternalReference, v.ExternalReference().String())
	EqString(t, prefix+"name", p.Name, name.String())
	EqString(t, prefix+"email", p.Email, email.Address())
	EqString(t, prefix+"phone", p.Phone, phone.E164())
	EqMoney(t, prefix, p.Money, v)
}

// CheckMasked checks that none of printed (a value's String forms) shows the email
// address or the phone number of v in full.
func CheckMasked(t testing.TB, v interface {
	Email() (contact.Email, bool)
	Phone() (contact.Phone, bool)
}, printed ...string) {
	t.Helper()
	email, _ := v.Email()
	phone, _ := v.Phone()
	for _, s := range printed {
		if email.Address() != "" && strings.Contains(s, email.Address()) ||
			phone.E164() != "" && strings.Contains(s, phone.E164()) {
			t.Fatalf("String shows personal data: %s", s)
		}
	}
}

// PaymentRules is encoding/json's reading of a payment_rules member.
type PaymentRules struct {
	MinAmount           int64 `json:"min_amount"`
	MaxAmount           int64 `json:"max_amount"`
	UnderpaymentAllowed bool  `json:"underpayment_allowed"`
	OverpaymentAllowed  bool  `json:"overpayment_allowed"`
}

// EqPaymentRules compares an object's payment rules (ours, present when ok) with
// encoding/json's reading of its member, and checks the rules' range and that a currency
// comes with them.
func EqPaymentRules(t testing.TB, plain *PaymentRules, ours money.PaymentRules, ok, hasCurrency bool) {
	t.Helper()
	if (plain != nil) != ok {
		t.Fatalf("payment_rules: encoding/json %v, ours %v", plain, ok)
	}
	if !ok {
		return
	}
	want := PaymentRules{ours.MinAmount(), ours.MaxAmount(), ours.UnderpaymentAllowed(), ours.OverpaymentAllowed()}
	if *plain != want {
		t.Fatalf("payment_rules: encoding/json %+v, ours %+v", *plain, want)
	}
	if ours.MinAmount() < 1 || ours.MaxAmount() < ours.MinAmount() || ours.MaxAmount() > 1<<53-1 {
		t.Fatalf("payment_rules out of range: %+v", want)
	}
	if !hasCurrency {
		t.Fatal("payment rules without a currency")
	}
}
