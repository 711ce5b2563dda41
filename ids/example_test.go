package ids_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/ids"
)

func Example() {
	// A value that reached this point is valid: its type says which kind of ID it is.
	move := func(from ids.CustomerID, to ids.AccountID) { fmt.Println("move", from, "to", to.String()[:5]+"…") }

	id, err := ids.ParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
	if err != nil {
		fmt.Println(err)
		return
	}
	move(id, ids.NewAccountID()) // move(ids.NewAccountID(), id) does not compile

	_, err = ids.ParseCustomerID("cus_H4jp6KnU5cPw263v1jyz4")
	fmt.Println(err)
	// Output:
	// move bcus_H4jp6KnU5cPw263v1jyz4 to bacc_…
	// id: invalid_format: must start with bcus_, like bcus_H4jp6KnU5cPw263v1jyz4
}

func ExampleParseCustomerID() {
	id, err := ids.ParseCustomerID("bcus_H4jp6KnU5cPw263v1jyz4")
	fmt.Println(id, err)

	_, err = ids.ParseCustomerID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	fmt.Println(err)

	var errs billing.Errors
	_, err = ids.ParseCustomerID("bcus_" + strings.Repeat("x", 300))
	if errors.As(err, &errs) {
		fmt.Println(len(errs), errs[0].Pointer, errs[0].Code)
	}
	// Output:
	// bcus_H4jp6KnU5cPw263v1jyz4 <nil>
	// id: invalid_format: is an account ID (bacc_…); send a customer ID like bcus_H4jp6KnU5cPw263v1jyz4
	// 1 /id too_long
}

func ExampleParseAccountID() {
	id, err := ids.ParseAccountID("bacc_7Qm2XvR9pLk4TzW8nYc3D")
	fmt.Println(id, err)

	_, err = ids.ParseAccountID("bacc_")
	fmt.Println(errors.Is(err, billing.CodeInvalidFormat))
	// Output:
	// bacc_7Qm2XvR9pLk4TzW8nYc3D <nil>
	// true
}

func ExampleNewCustomerID() {
	id := ids.NewCustomerID() // like bcus_H4jp6KnU5cPw263v1jyz4, different every time
	fmt.Println(strings.HasPrefix(id.String(), ids.CustomerIDPrefix), len(id.String()))

	_, err := ids.ParseCustomerID(id.String())
	fmt.Println(err)
	// Output:
	// true 26
	// <nil>
}

func ExampleNewAccountID() {
	id := ids.NewAccountID()
	fmt.Println(id.String()[:5], len(id.String()))
	// Output:
	// bacc_ 26
}

func ExampleMustParseCustomerID() {
	// For tests and IDs written in the source.
	var fixture = ids.MustParseCustomerID("bcus_fixture1")
	fmt.Println(fixture)

	defer func() { fmt.Println(recover()) }()
	ids.MustParseCustomerID("cus_fixture1")
	// Output:
	// bcus_fixture1
	// billing: id: invalid_format: must start with bcus_, like bcus_H4jp6KnU5cPw263v1jyz4
}

func ExampleMustParseAccountID() {
	var fixture = ids.MustParseAccountID("bacc_fixture1")
	fmt.Println(fixture)
	// Output:
	// bacc_fixture1
}

func ExampleCustomerID_IsZero() {
	var id ids.CustomerID
	fmt.Println(id.IsZero(), id.String() == "")

	_, err := json.Marshal(id)
	fmt.Println(errors.Is(err, billing.CodeRequired))
	_, err = id.Value()
	fmt.Println(err)
	// Output:
	// true true
	// true
	// id: required: is the zero CustomerID, which is no ID and has no encoded form: say there is none with a nil *ids.CustomerID, sql.Null[ids.CustomerID] or omitzero
}

func ExampleCustomerID_UnmarshalJSON() {
	var order struct {
		Customer ids.CustomerID `json:"customer"`
		Account  *ids.AccountID `json:"account"` // optional: null reads as nil
	}
	err := json.Unmarshal([]byte(`{"customer":"bcus_a1","account":null}`), &order)
	fmt.Println(order.Customer, order.Account, err)

	// null leaves the value as it was, as encoding/json does for every type.
	err = json.Unmarshal([]byte(`{"customer":null}`), &order)
	fmt.Println(order.Customer, err)

	err = json.Unmarshal([]byte(`{"customer":""}`), &order)
	fmt.Println(err)

	err = json.Unmarshal([]byte(`{"customer":42}`), &order)
	fmt.Println(err)
	// Output:
	// bcus_a1 <nil> <nil>
	// bcus_a1 <nil>
	// id: required: must be given: a customer ID like bcus_H4jp6KnU5cPw263v1jyz4
	// id: invalid_type: must be a string
}

func ExampleCustomerID_MarshalJSON() {
	type customer struct {
		ID       ids.CustomerID `json:"id"`
		Referrer ids.CustomerID `json:"referrer,omitzero"` // left out while zero
	}
	out, err := json.Marshal(customer{ID: ids.MustParseCustomerID("bcus_a1")})
	fmt.Println(string(out), err)
	// Output:
	// {"id":"bcus_a1"} <nil>
}

func ExampleCustomerID_Scan() {
	var id ids.CustomerID
	fmt.Println(id.Scan([]byte("bcus_a1")), id)

	// NULL does not scan into a plain ID ...
	fmt.Println(id.Scan(nil))

	// ... but into sql.Null[ids.CustomerID] (or a *ids.CustomerID).
	var n sql.Null[ids.CustomerID]
	fmt.Println(n.Scan(nil), n.Valid)
	fmt.Println(n.Scan("bcus_b2"), n.Valid, n.V)
	// Output:
	// <nil> bcus_a1
	// id: required: is NULL: scan a nullable column into a sql.Null[ids.CustomerID] or a *ids.CustomerID
	// <nil> false
	// <nil> true bcus_b2
}

func ExampleCustomerID_Value() {
	id := ids.MustParseCustomerID("bcus_a1")
	v, err := id.Value()
	fmt.Println(v, err)

	// An absent ID is written as NULL by sql.Null, never by the zero CustomerID.
	v, err = sql.Null[ids.CustomerID]{}.Value()
	fmt.Println(v, err)
	_, err = ids.CustomerID{}.Value()
	fmt.Println(errors.Is(err, billing.CodeRequired))
	// Output:
	// bcus_a1 <nil>
	// <nil> <nil>
	// true
}

func ExampleParseExternalReference() {
	ref, err := ids.ParseExternalReference("CRM-0042_a")
	fmt.Println(ref, err)

	_, err = ids.ParseExternalReference("has space")
	fmt.Println(err)
	// Output:
	// CRM-0042_a <nil>
	// external_reference: invalid_format: must hold only letters A-Z, a-z, digits 0-9, _ and -, like cust_7781
}

func ExampleMustParseExternalReference() {
	// For tests and references written in the source.
	ref := ids.MustParseExternalReference("cust_7781")
	fmt.Println(ref)
	// Output:
	// cust_7781
}

func ExampleParseCustomerExternalReference() {
	_, err := ids.ParseCustomerExternalReference("bcus_7781")
	fmt.Println(err)

	ref, err := ids.ParseCustomerExternalReference("bacc_7781") // another entity's prefix is fine
	fmt.Println(ref, err)
	// Output:
	// external_reference: invalid_format: must not start with bcus_, which is reserved for customer IDs
	// bacc_7781 <nil>
}

func ExampleParseAccountExternalReference() {
	_, err := ids.ParseAccountExternalReference("bacc_7781")
	fmt.Println(err)

	ref, err := ids.ParseAccountExternalReference("BACC_7781") // the prefix is case-sensitive
	fmt.Println(ref, err)
	// Output:
	// external_reference: invalid_format: must not start with bacc_, which is reserved for account IDs
	// BACC_7781 <nil>
}

func ExampleParseIdempotencyKey() {
	k, err := ids.ParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	fmt.Println(k, err, k.IsUUID())

	k, err = ids.ParseIdempotencyKey("order-7781-retry")
	fmt.Println(k, err, k.IsUUID())

	_, err = ids.ParseIdempotencyKey("")
	fmt.Println(err)
	// Output:
	// 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f <nil> true
	// order-7781-retry <nil> false
	// idempotency_key: required: must be given: a unique key per request, like a UUID 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f
}

func ExampleMustParseIdempotencyKey() {
	// For tests.
	k := ids.MustParseIdempotencyKey("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")
	fmt.Println(k.IsUUID())
	// Output:
	// true
}

func ExampleIdempotencyKey_IsUUID() {
	for _, s := range []string{"3F2C1A9E-8B7D-4C6E-9F10-2A3B4C5D6E7F", "3f2c1a9e8b7d4c6e9f102a3b4c5d6e7f"} {
		k, _ := ids.ParseIdempotencyKey(s)
		fmt.Println(k.IsUUID())
	}
	// Output:
	// true
	// false
}

func ExampleIdempotencyKey_Scan() {
	// A service keeps the keys it has applied, to answer a retried request once.
	var seen ids.IdempotencyKey
	fmt.Println(seen.Scan([]byte("3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f")), seen)
	v, err := seen.Value()
	fmt.Println(v, err)

	// A column padded by char(n) is refused, never trimmed.
	fmt.Println(seen.Scan("3f2c1a9e  "))
	// Output:
	// <nil> 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f
	// 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f <nil>
	// idempotency_key: invalid_format: must hold only letters A-Z, a-z, digits 0-9 and -, like a UUID 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f
}

func ExampleParseAPIKey() {
	key, err := ids.ParseAPIKey("sk_test_DocsExampleNotAKey00wXyZ")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.Kind(), key.Mode())
	fmt.Println(key)
	fmt.Printf("%v %+v %#v %q\n", key, key, key, key)

	_, err = ids.ParseAPIKey("sk_live_DocsExampleNotAKey00wXyZ")
	fmt.Println(err) // never the key
	// Output:
	// secret test
	// sk_test_…wXyZ
	// sk_test_…wXyZ sk_test_…wXyZ ids.APIKey{masked:"sk_test_…wXyZ"} "sk_test_…wXyZ"
	// api_key: invalid_format: must hold only letters A-Z, a-z and digits 0-9 after its prefix
}

func ExampleAPIKey_Reveal() {
	key, _ := ids.ParseAPIKey("pk_DocsExampleNotAKey00wXyZ")
	// Reveal is the one way to read the key, to send it or store it.
	fmt.Println(key.Reveal())

	short, _ := ids.ParseAPIKey("pk_abc")
	fmt.Println(short) // too short to show any of it
	// Output:
	// pk_DocsExampleNotAKey00wXyZ
	// pk_…
}

func ExampleAPIKey_LogValue() {
	key, _ := ids.ParseAPIKey("sk_DocsExampleNotAKey00wXyZ")
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("calling the API", "key", key)
	// Output:
	// level=INFO msg="calling the API" key=sk_…wXyZ
}

func ExampleAPIKey_MarshalJSON() {
	var cfg struct {
		Shop string     `json:"shop"`
		Key  ids.APIKey `json:"key"`
	}
	// Unmarshalling reads the real key, from a configuration file for instance ...
	_ = json.Unmarshal([]byte(`{"shop":"acme","key":"sk_test_DocsExampleNotAKey00wXyZ"}`), &cfg)
	fmt.Println(cfg.Key.Kind(), cfg.Key)

	// ... but no encoder ever writes it, nor a masked form that would not read back.
	_, err := json.Marshal(cfg)
	fmt.Println(errors.Is(err, ids.ErrAPIKeyNotEncoded))
	fmt.Println(ids.ErrAPIKeyNotEncoded)
	// Output:
	// secret sk_test_…wXyZ
	// true
	// ids: an API key is never encoded: write key.Reveal() where the secret must go
}

func ExampleAPIKey_Equal() {
	a, _ := ids.ParseAPIKey("sk_test_DocsExampleNotAKey00wXyZ")
	b, _ := ids.ParseAPIKey("sk_test_DocsExampleNotAKey00wXyZ")
	fmt.Println(a.Equal(b))
	// Output:
	// true
}

func ExampleAPIKey_Value() {
	k, _ := ids.ParseAPIKey("sk_test_4eC39HqLyjWDarjtT1zdp7dc")
	_, err := k.Value()
	fmt.Println(errors.Is(err, ids.ErrAPIKeyNotEncoded))
	// Output: true
}
