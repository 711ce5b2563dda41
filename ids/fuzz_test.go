package ids_test

import (
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

// The patterns of the identifiers, written as regular expressions: the reference the hand-written
// parsers are held to.
var (
	customerIDPattern = regexp.MustCompile(`^bcus_[A-Za-z0-9]+$`)
	accountIDPattern  = regexp.MustCompile(`^bacc_[A-Za-z0-9]+$`)
	referencePattern  = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	idempotencyKeyRE  = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	uuidPattern       = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	apiKeyPattern     = regexp.MustCompile(`^(sk_test_|pk_test_|sk_|pk_)[A-Za-z0-9]+$`)
)

// refCode is the code the rules give s for a pattern: required, too_long (over 255
// code points, each invalid byte counting as one), invalid_format, or "" when s is valid.
func refCode(s string, re *regexp.Regexp) billing.Code {
	switch {
	case s == "":
		return billing.CodeRequired
	case utf8.RuneCountInString(s) > 255:
		return billing.CodeTooLong
	case !re.MatchString(s):
		return billing.CodeInvalidFormat
	}
	return ""
}

// codeOf returns the code of err, "" for nil, and fails for any error but a one-entry
// billing.Errors at the member field.
func codeOf(t *testing.T, err error, field string) billing.Code {
	t.Helper()
	if err == nil {
		return ""
	}
	es, ok := err.(billing.Errors)
	if !ok || len(es) != 1 {
		t.Fatalf("want a one-entry billing.Errors, got %T: %v", err, err)
	}
	if fe := es[0]; fe.Field != field || fe.Pointer != "/"+field {
		t.Fatalf("field %q, pointer %q, want %q", fe.Field, fe.Pointer, field)
	}
	return es[0].Code
}

func seeds(f *testing.F, prefix string) {
	for _, s := range []string{
		"", prefix, prefix + "a", prefix + "H4jp6KnU5cPw263v1jyz4", prefix + "abc_def", prefix + "abc-def",
		"bcus_x", "bacc_x", "BCUS_x", "sk_test_abc", "pk_test_" + strings.Repeat("Z", 20), "sk_x", "pk_",
		"3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "has space", "a\x00b", "a\xffb", "a\xed\xa0\x80b", "é",
		prefix + strings.Repeat("z", 250), prefix + strings.Repeat("z", 251), strings.Repeat("é", 256),
		prefix + strings.Repeat("!", 300),
	} {
		f.Add(s)
	}
}

// roundTrip checks that a valid value comes back unchanged through text, JSON and, when
// scan is not nil, a database column.
func roundTrip[T comparable](t *testing.T, v T, fresh func() idValue, get func(any) T, scan func(any) (T, error)) {
	t.Helper()
	m, ok := any(v).(interface{ MarshalText() ([]byte, error) })
	if !ok {
		t.Fatalf("%T is not a TextMarshaler", v)
	}
	text, err := m.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	u := fresh()
	if err := u.UnmarshalText(text); err != nil {
		t.Fatalf("UnmarshalText(%q): %v", text, err)
	}
	if got := get(u); got != v {
		t.Fatalf("text round trip: %v, want %v", got, v)
	}

	js, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	u = fresh()
	if err := json.Unmarshal(js, u); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", js, err)
	}
	if got := get(u); got != v {
		t.Fatalf("JSON round trip: %v, want %v", got, v)
	}

	if scan == nil {
		return
	}
	val, err := any(v).(driver.Valuer).Value()
	if err == nil {
		var got T
		if got, err = scan(val); err == nil && got != v {
			t.Fatalf("SQL round trip: %v, want %v", got, v)
		}
		if got, err = scan([]byte(val.(string))); err == nil && got != v {
			t.Fatalf("SQL []byte round trip: %v, want %v", got, v)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
}

// sameVerdictThroughJSON checks that s sent as a JSON string gets the code the parser gave it.
func sameVerdictThroughJSON(t *testing.T, s string, want billing.Code, field string, u json.Unmarshaler) {
	t.Helper()
	js, err := json.Marshal(s) // invalid UTF-8 becomes U+FFFD, which no pattern accepts either
	if err != nil {
		t.Fatal(err)
	}
	if got := codeOf(t, u.UnmarshalJSON(js), field); got != want {
		t.Fatalf("UnmarshalJSON(%s): code %q, want %q", js, got, want)
	}
}

type idValue interface {
	UnmarshalText([]byte) error
	UnmarshalJSON([]byte) error
}

func FuzzParseCustomerID(f *testing.F) {
	seeds(f, "bcus_")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ids.ParseCustomerID(s)
		want := refCode(s, customerIDPattern)
		if got := codeOf(t, err, "id"); got != want {
			t.Fatalf("ParseCustomerID(%q): code %q, want %q", s, got, want)
		}
		var viaText ids.CustomerID
		if got := codeOf(t, viaText.UnmarshalText([]byte(s)), "id"); got != want {
			t.Fatalf("UnmarshalText(%q): code %q, want %q", s, got, want)
		}
		sameVerdictThroughJSON(t, s, want, "id", new(ids.CustomerID))
		if err != nil {
			if !id.IsZero() {
				t.Fatal("a failed parse must return the zero CustomerID")
			}
			return
		}
		if id.String() != s {
			t.Fatalf("String() = %q, want %q", id.String(), s)
		}
		roundTrip(t, id,
			func() idValue {
				return new(ids.CustomerID)
			},
			func(p any) ids.CustomerID { return *p.(*ids.CustomerID) },
			func(src any) (ids.CustomerID, error) { var v ids.CustomerID; err := v.Scan(src); return v, err })
	})
}

func FuzzParseAccountID(f *testing.F) {
	seeds(f, "bacc_")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ids.ParseAccountID(s)
		want := refCode(s, accountIDPattern)
		if got := codeOf(t, err, "id"); got != want {
			t.Fatalf("ParseAccountID(%q): code %q, want %q", s, got, want)
		}
		var viaText ids.AccountID
		if got := codeOf(t, viaText.UnmarshalText([]byte(s)), "id"); got != want {
			t.Fatalf("UnmarshalText(%q): code %q, want %q", s, got, want)
		}
		sameVerdictThroughJSON(t, s, want, "id", new(ids.AccountID))
		if err != nil {
			if !id.IsZero() {
				t.Fatal("a failed parse must return the zero AccountID")
			}
			return
		}
		if id.String() != s {
			t.Fatalf("String() = %q, want %q", id.String(), s)
		}
		roundTrip(t, id,
			func() idValue {
				return new(ids.AccountID)
			},
			func(p any) ids.AccountID { return *p.(*ids.AccountID) },
			func(src any) (ids.AccountID, error) { var v ids.AccountID; err := v.Scan(src); return v, err })
	})
}

func FuzzExternalReference(f *testing.F) {
	seeds(f, "ref-")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ids.ParseExternalReference(s)
		want := refCode(s, referencePattern)
		if got := codeOf(t, err, "external_reference"); got != want {
			t.Fatalf("ParseExternalReference(%q): code %q, want %q", s, got, want)
		}
		sameVerdictThroughJSON(t, s, want, "external_reference", new(ids.ExternalReference))

		// The reserved prefixes add invalid_format to valid references only.
		for _, reserved := range []struct {
			parse  func(string) (ids.ExternalReference, error)
			prefix string
		}{
			{ids.ParseCustomerExternalReference, "bcus_"},
			{ids.ParseAccountExternalReference, "bacc_"},
		} {
			wantReserved := want
			if want == "" && strings.HasPrefix(s, reserved.prefix) {
				wantReserved = billing.CodeInvalidFormat
			}
			got, err := reserved.parse(s)
			if code := codeOf(t, err, "external_reference"); code != wantReserved {
				t.Fatalf("%s reserved: %q: code %q, want %q", reserved.prefix, s, code, wantReserved)
			}
			if err == nil && got != r {
				t.Fatalf("%s reserved: %q: %v, want %v", reserved.prefix, s, got, r)
			}
		}
		if err != nil {
			if !r.IsZero() {
				t.Fatal("a failed parse must return the zero ExternalReference")
			}
			return
		}
		if r.String() != s {
			t.Fatalf("String() = %q, want %q", r.String(), s)
		}
		roundTrip(t, r,
			func() idValue {
				return new(ids.ExternalReference)
			},
			func(p any) ids.ExternalReference { return *p.(*ids.ExternalReference) },
			func(src any) (ids.ExternalReference, error) {
				var v ids.ExternalReference
				err := v.Scan(src)
				return v, err
			})
	})
}

func FuzzIdempotencyKey(f *testing.F) {
	seeds(f, "key-")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ids.ParseIdempotencyKey(s)
		want := refCode(s, idempotencyKeyRE)
		if got := codeOf(t, err, "idempotency_key"); got != want {
			t.Fatalf("ParseIdempotencyKey(%q): code %q, want %q", s, got, want)
		}
		sameVerdictThroughJSON(t, s, want, "idempotency_key", new(ids.IdempotencyKey))
		if err != nil {
			if !k.IsZero() || k.IsUUID() {
				t.Fatal("a failed parse must return the zero IdempotencyKey")
			}
			return
		}
		if k.String() != s {
			t.Fatalf("String() = %q, want %q", k.String(), s)
		}
		if k.IsUUID() != uuidPattern.MatchString(s) {
			t.Fatalf("IsUUID(%q) = %v", s, k.IsUUID())
		}
		roundTrip(t, k,
			func() idValue {
				return new(ids.IdempotencyKey)
			},
			func(p any) ids.IdempotencyKey { return *p.(*ids.IdempotencyKey) }, nil)
	})
}

// apiKeyMessages is every message ParseAPIKey can give: none depends on the input.
func apiKeyMessages() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{"", strings.Repeat("x", 256), "x", "sk_", "sk_!", "pk_test_", "pk_test_a-b"} {
		_, err := ids.ParseAPIKey(s)
		m[err.Error()] = true
	}
	return m
}

func FuzzAPIKey(f *testing.F) {
	seeds(f, "sk_test_")
	f.Add("sk_test_" + strings.Repeat("a", 15) + "b")
	f.Add("pk_" + strings.Repeat("a", 16) + "bcde")
	messages := apiKeyMessages()
	kinds := map[string][2]string{
		"sk_test_": {"secret", "test"}, "pk_test_": {"public", "test"},
		"sk_": {"secret", "live"}, "pk_": {"public", "live"},
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ids.ParseAPIKey(s)
		want := refCode(s, apiKeyPattern)
		if got := codeOf(t, err, "api_key"); got != want {
			t.Fatalf("ParseAPIKey(%q): code %q, want %q", s, got, want)
		}
		var viaText ids.APIKey
		if got := codeOf(t, viaText.UnmarshalText([]byte(s)), "api_key"); got != want {
			t.Fatalf("UnmarshalText(%q): code %q, want %q", s, got, want)
		}
		sameVerdictThroughJSON(t, s, want, "api_key", new(ids.APIKey))
		if err != nil {
			if !messages[err.Error()] {
				t.Fatalf("message %q depends on the input", err.Error())
			}
			if !k.IsZero() || k.Reveal() != "" || k.String() != "" {
				t.Fatal("a failed parse must return the zero APIKey")
			}
			return
		}
		if k.Reveal() != s {
			t.Fatalf("Reveal() = %q, want %q", k.Reveal(), s)
		}
		prefix := apiKeyPattern.FindStringSubmatch(s)[1]
		if kinds[prefix] != [2]string{k.Kind().String(), k.Mode().String()} {
			t.Fatalf("%q: kind %v mode %v, want %v", s, k.Kind(), k.Mode(), kinds[prefix])
		}

		// Every printed form is the masked form, which shows the prefix and at most the last
		// four characters, and those only when twelve more stay hidden.
		rest := s[len(prefix):]
		masked := prefix + "…"
		if len(rest) >= 16 {
			masked += rest[len(rest)-4:]
		}
		for got, want := range map[string]string{
			k.String():                   masked,
			fmt.Sprint(k):                masked,
			fmt.Sprintf("%+v", k):        masked,
			fmt.Sprintf("%s", k):         masked,
			fmt.Sprintf("%q", k):         strconv.Quote(masked),
			fmt.Sprintf("%#v", k):        `ids.APIKey{masked:` + strconv.Quote(masked) + `}`,
			fmt.Sprintf("%v", &k):        masked,
			k.LogValue().String():        masked,
			fmt.Sprintf("%+v", []any{k}): "[" + masked + "]",
		} {
			if got != want {
				t.Fatalf("%q printed as %q, want %q", s, got, want)
			}
		}
		// The key is never encoded.
		if text, err := k.MarshalText(); text != nil || !errors.Is(err, ids.ErrAPIKeyNotEncoded) {
			t.Fatalf("MarshalText of %q = %q, %v", s, text, err)
		}
		if js, err := json.Marshal(k); js != nil || !errors.Is(err, ids.ErrAPIKeyNotEncoded) {
			t.Fatalf("json.Marshal of %q = %q, %v", s, js, err)
		}

		var back ids.APIKey
		if err := back.UnmarshalText([]byte(k.Reveal())); err != nil || !back.Equal(k) {
			t.Fatalf("UnmarshalText(Reveal()) = %v, %v", back, err)
		}
		if err := json.Unmarshal([]byte(strconv.Quote(k.Reveal())), &back); err != nil || !back.Equal(k) {
			t.Fatalf("json.Unmarshal of the revealed key = %v, %v", back, err)
		}
	})
}
