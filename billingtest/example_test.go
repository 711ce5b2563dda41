package billingtest_test

import (
	"fmt"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/account"
	"github.com/tallykit/billing/billingtest"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/customer"
	"github.com/tallykit/billing/metadata"
	"github.com/tallykit/billing/money"
)

func ExampleKinds() {
	for _, kind := range billingtest.Kinds() {
		fmt.Println(kind)
	}
	// Output:
	// customer-create
	// account-create
	// customer
	// account
	// customer-update
	// account-update
}

// A table test of a service's own validator, one subtest per contract document. Here the
// validator is the library's; the case printed is one of them.
func ExampleCases() {
	validate := func(doc []byte) error { _, err := customer.DecodeCreateRequest(doc); return err }
	for _, c := range billingtest.Cases(billingtest.KindCustomerCreate) {
		// In a test: t.Run(c.Name, func(t *testing.T) { if d := c.Diff(validate(c.Doc)); d != "" { t.Error(d) } })
		if d := c.Diff(validate(c.Doc)); d != "" {
			fmt.Println(c.Name, d)
		}
		if c.Name == "invalid-phone-fictional-555" {
			fmt.Printf("%s\n%s\n%v\n", c.Name, c.Doc, c.Want)
		}
	}
	// Output:
	// invalid-phone-fictional-555
	// {
	//   "external_reference": "cust_0042",
	//   "phone": "+15555555555"
	// }
	//
	// ["/phone" invalid_phone]
}

func ExampleApplyCases() {
	for _, c := range billingtest.ApplyCases("customer") {
		stored, _ := customer.Decode(c.Stored)
		u, _ := customer.DecodeUpdateRequest(c.Update)
		next, err := stored.Apply(u)
		switch c.Name {
		case "invalid-conflict-currency-changed-balance-not-restated":
			fmt.Printf("%s\nupdate %s\nwant   %v\nsame   %v\n", c.Name, c.Update, c.Want, billingtest.Case{Want: c.Want}.Diff(err) == "")
		case "valid-metadata-null-on-empty":
			got, _ := next.MarshalJSON()
			fmt.Printf("%s\nresult %s\nsame   %v\n", c.Name, c.Result, string(got) == string(c.Result))
		}
	}
	// Output:
	// invalid-conflict-currency-changed-balance-not-restated
	// update {
	//   "currency": "JPY"
	// }
	//
	// want   ["/currency" conflict]
	// same   true
	// valid-metadata-null-on-empty
	// result {"id":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"cust_2024_0001"}
	// same   true
}

func ExampleFailures() {
	_, err := customer.DecodeCreateRequest([]byte(`{"phone": "+15555555555", "metadata": {"a/b": ""}}`))
	fs, ok := billingtest.Failures(err)
	fmt.Println(ok)
	for _, f := range fs {
		fmt.Printf("%q %q %s\n", f.Field, f.Pointer, f.Code)
	}
	// Output:
	// true
	// "phone" "/phone" invalid_phone
	// "metadata.a/b" "/metadata/a~1b" required
	// "external_reference" "/external_reference" required
}

func ExampleFailure_String() {
	f := billingtest.Failure{Field: "metadata.a/b", Pointer: "/metadata/a~1b", Code: billing.CodeRequired}
	fmt.Println(f)
	fmt.Println(billingtest.Failure{Code: billing.CodeInvalidJSON})
	// Output:
	// "/metadata/a~1b" required
	// "" invalid_json
}

func ExampleCase_Valid() {
	valid := 0
	cases := billingtest.Cases(billingtest.KindAccountCreate)
	for _, c := range cases {
		if c.Valid() {
			valid++
		}
	}
	fmt.Println(valid > 0, valid < len(cases))
	// Output: true true
}

// Diff tells what a validator got wrong about one document.
func ExampleCase_Diff() {
	c := billingtest.Case{Want: []billingtest.Failure{
		{Field: "phone", Pointer: "/phone", Code: billing.CodeInvalidPhone},
		{Field: "currency", Pointer: "/currency", Code: billing.CodeRequired},
	}}
	fmt.Println(c.Diff(nil))
	fmt.Println(c.Diff(billing.Errors{
		billing.NewFieldError(billing.CodeRequired, "is required", "currency"),
		billing.NewFieldError(billing.CodeInvalidFormat, "is not E.164", "phone"),
	}))
	// Output:
	// accepted an invalid document; want ["/phone" invalid_phone, "/currency" required]
	// failures differ:
	// 	"/phone": code invalid_format, want invalid_phone
	// 	out of order
	// 	want ["/phone" invalid_phone, "/currency" required]
	// 	got  ["/currency" required, "/phone" invalid_format]
}

// A front end's form check says only whether a document may be sent. In a test file, the
// body of the function below is a test function: func TestFormCheck(t *testing.T).
func ExampleCheckVerdicts() {
	formCheck := func(doc []byte) bool {
		// A port of the rules to the front end's language, called here through a bridge.
		_, err := customer.DecodeCreateRequest(doc)
		return err == nil
	}
	testFormCheck := func(t *testing.T) {
		billingtest.CheckVerdicts(t, billingtest.KindCustomerCreate, formCheck)
	}
	_ = testFormCheck
}

// A fuzz target of a service's validator starts from the contract's documents, and checks
// that whatever it is given, it agrees with the library's verdict.
func ExampleAddSeeds() {
	validate := func(doc []byte) bool { return len(doc) > 0 } // the service's own validator
	fuzzValidate := func(f *testing.F) {
		billingtest.AddSeeds(f, billingtest.KindCustomerCreate)
		f.Fuzz(func(t *testing.T, doc []byte) {
			_, err := customer.DecodeCreateRequest(doc)
			if got, want := validate(doc), err == nil; got != want {
				t.Errorf("valid %v, the library says %v (%v)", got, want, err)
			}
		})
	}
	_ = fuzzValidate
}

func ExamplePhone() {
	p, ok := billingtest.Phone("ZA", contact.PhoneTypeMobile)
	fmt.Println(p.E164(), ok, p.Region(), p.Type())
	_, ok = billingtest.Phone("ZA", contact.PhoneTypePager)
	fmt.Println(ok)
	// Output:
	// +27711234567 true ZA mobile
	// false
}

func ExamplePhones() {
	regions := map[string]bool{}
	for _, p := range billingtest.Phones() {
		if _, err := contact.ParsePhone(p.E164()); err != nil {
			fmt.Println(err)
		}
		regions[p.Region()] = true
	}
	fmt.Println(len(regions) > 200, regions["JP"], regions["001"])
	// Output: true true true
}

func ExampleScripts() {
	fmt.Println(billingtest.Scripts())
	// Output: [latin cyrillic greek arabic hebrew devanagari han hangul hangul-nfd thai]
}

// The mutations of one kind, with the code of the one failure each produces.
func ExampleMutations() {
	for _, m := range billingtest.Mutations(billingtest.KindCustomerCreate) {
		fmt.Printf("%-36s %s\n", m.Name, m.Code)
	}
	// Output:
	// truncated                            invalid_json
	// trailing-data                        invalid_json
	// byte-order-mark                      invalid_json
	// nesting-too-deep                     invalid_json
	// not-an-object                        invalid_type
	// over-1-mib                           too_long
	// unknown-member                       unknown_field
	// duplicate-member                     duplicate_field
	// missing-required                     required
	// required-null                        required
	// empty-string                         required
	// wrong-type                           invalid_type
	// name-too-long                        too_long
	// name-blank                           required
	// name-bad-character                   invalid_characters
	// name-invalid-utf8                    invalid_characters
	// email-bad-format                     invalid_format
	// email-too-long                       too_long
	// phone-bad-shape                      invalid_format
	// phone-not-valid                      invalid_phone
	// currency-lower-case                  invalid_currency
	// currency-unknown                     invalid_currency
	// currency-withdrawn                   invalid_currency
	// currency-missing                     required
	// balance-not-an-integer               invalid_type
	// balance-out-of-range                 out_of_range
	// metadata-too-many-keys               too_many_keys
	// metadata-key-too-long                key_too_long
	// metadata-key-invalid                 invalid_key
	// metadata-duplicate-key               duplicate_field
	// metadata-value-too-long              too_long
	// metadata-value-empty                 required
	// metadata-value-invalid-utf8          invalid_characters
	// metadata-value-not-a-string          invalid_type
	// external-reference-reserved-prefix   invalid_format
	// external-reference-bad-character     invalid_format
	// external-reference-too-long          too_long
}

func ExampleMutation_Apply() {
	g := billingtest.NewGen(1)
	doc := []byte(`{"customer": {"external_reference": "cust_0042"}, "external_reference": "acct_0042"}`)
	for _, m := range billingtest.Mutations(billingtest.KindAccountCreate) {
		if m.Name != "phone-not-valid" {
			continue
		}
		bad, want := m.Apply(g, doc)
		_, err := account.DecodeCreateRequest(bad)
		got, _ := billingtest.Failures(err)
		fmt.Printf("%s\n%v\n%v\n", bad, want, got)
	}
	// Output:
	// {"customer":{"external_reference":"cust_0042","phone":"+440"},"external_reference":"acct_0042"}
	// "/customer/phone" invalid_phone
	// ["/customer/phone" invalid_phone]
}

// A property test of a service's validator: from each seed, a valid document and a broken
// one, with the exact failure the validator must give.
func ExampleGen_Mutate() {
	validate := func(doc []byte) error { _, err := customer.DecodeUpdateRequest(doc); return err } // the service's
	agree := 0
	for seed := range uint64(100) {
		g := billingtest.NewGen(seed)
		doc := g.Doc(billingtest.KindCustomerUpdate)
		bad, want := g.Mutate(billingtest.KindCustomerUpdate, doc)
		got, _ := billingtest.Failures(validate(bad))
		if validate(doc) == nil && len(got) == 1 && got[0] == want {
			agree++
		}
	}
	fmt.Println(agree, "of 100")
	// Output: 100 of 100
}

func ExampleNewGen() {
	a, b := billingtest.NewGen(42), billingtest.NewGen(42)
	fmt.Println(string(a.Doc(billingtest.KindAccount)) == string(b.Doc(billingtest.KindAccount)))
	var zero billingtest.Gen
	fmt.Println(zero.CustomerID() == billingtest.NewGen(0).CustomerID())
	// Output:
	// true
	// true
}

func ExampleGen_Doc() {
	g := billingtest.NewGen(3)
	doc := g.Doc(billingtest.KindCustomerCreate)
	_, err := customer.DecodeCreateRequest(doc)
	fmt.Println(err)
	fmt.Printf("%s\n", doc)
	// Output:
	// <nil>
	// {"external_reference":"0jsomyjxdPEllY2MdCXA","name":"ลาฮ้ ฟญโพาใฌ","phone":"+3612345678","currency":"OMR","balance":-9007199254740990}
}

func ExampleGen_CustomerID() {
	g := billingtest.NewGen(1)
	fmt.Println(g.CustomerID())
	// Output: bcus_6LzRz9tJrY0XV6aSubZNy
}

func ExampleGen_AccountID() {
	g := billingtest.NewGen(1)
	fmt.Println(g.AccountID())
	// Output: bacc_6LzRz9tJrY0XV6aSubZNy
}

func ExampleGen_ExternalReference() {
	g := billingtest.NewGen(2)
	for range 3 {
		fmt.Println(g.ExternalReference())
	}
	// Output:
	// -
	// crm-865
	// ZwjCoFhVwQ4Qw9XXWHmBJwFsZ
}

func ExampleGen_IdempotencyKey() {
	g := billingtest.NewGen(1)
	fmt.Println(g.IdempotencyKey())
	// Output: 1a3d1e60-d1a8-47e9-b58c-490f4dcaef1e
}

func ExampleGen_Name() {
	g := billingtest.NewGen(0)
	for range 4 {
		fmt.Println(g.Name())
	}
	// Output:
	// Βψοω Κθθαωπσέ
	// Чирьуэж
	// Ýīş
	// עיחט מתז
}

// Hangul written as conjoining jamo (NFD) looks as the precomposed syllables (NFC) do,
// but has more code points.
func ExampleGen_NameIn() {
	g := billingtest.NewGen(5)
	for _, s := range billingtest.Scripts() {
		n := g.NameIn(s).String()
		fmt.Printf("%-10s %2d %s\n", s, utf8.RuneCountInString(n), n)
	}
	// Output:
	// latin       3 Cîr
	// cyrillic    5 Чыояп
	// greek       6 Δξρφδό
	// arabic     16 جلجش رككغلسث دقد
	// hebrew     17 הסנסס כתייזשבע גז
	// devanagari 13 चेध्फखरानेटेष
	// han         3 璗櫫賆
	// hangul      5 뛫겹 숾멳
	// hangul-nfd 20 잙꼈녋 뭘 쓏결
	// thai       18 ฐฌาแฑ่โซืง รชาไถาภ
}

func ExampleGen_Email() {
	g := billingtest.NewGen(1)
	e := g.Email()
	fmt.Println(e.Address())
	fmt.Println(e) // masked, as an Email prints
	// Output:
	// /8grF+Y9ht3@d770-5hnuqpqf.obuks.museum
	// /***@d770-5hnuqpqf.obuks.museum
}

func ExampleGen_Phone() {
	g := billingtest.NewGen(1)
	p := g.Phone()
	fmt.Println(p.E164(), p.Region(), p.Type())
	// Output: +883510012345 001 voip
}

func ExampleGen_Currency() {
	g := billingtest.NewGen(1)
	seen := map[money.Currency]bool{}
	for range 5000 {
		seen[g.Currency()] = true
	}
	fmt.Println(len(seen) == len(money.Currencies()))
	// Output: true
}

func ExampleGen_Amount() {
	g := billingtest.NewGen(1)
	zar := money.MustParseCurrency("ZAR")
	edges := map[int64]bool{}
	for range 1000 {
		a := g.Amount(zar)
		if m := a.Minor(); m == 0 || m == money.MaxMinorUnits || m == -money.MaxMinorUnits {
			edges[m] = true
		}
	}
	fmt.Println(len(edges))
	// Output: 3
}

func ExampleGen_PaymentRules() {
	g := billingtest.NewGen(1)
	r := g.PaymentRules()
	fmt.Println(r.MinAmount() >= 1, r.MinAmount() <= r.MaxAmount(), r.MaxAmount() <= money.MaxMinorUnits)
	// Output: true true true
}

func ExampleGen_Metadata() {
	g := billingtest.NewGen(1)
	for range 200 {
		md := g.Metadata(metadata.AccountLimits())
		for k := range md.All() {
			if utf8.RuneCountInString(k) == 40 {
				fmt.Printf("a key of 40 code points in metadata of %d keys\n", md.Len())
				return
			}
		}
	}
	// Output: a key of 40 code points in metadata of 10 keys
}

func ExampleGen_CustomerCreate() {
	g := billingtest.NewGen(4)
	req := g.CustomerCreate()
	b, _ := req.MarshalJSON()
	fmt.Printf("%s\n", b)
	// Output: {"external_reference":"38175","name":"횏픡쾔 듮 둫빣딺","email":"}s17iljc.\u00266vg?hRnDbc.hY!}@ss1ms-k38xuo.de","currency":"EUR"}
}

func ExampleGen_Customer() {
	g := billingtest.NewGen(6)
	c := g.Customer()
	fmt.Println(c) // masked, as a customer prints
	// Output: {"id":"bcus_4AjxiZ39HpSekHsOegcYe","external_reference":"324","name":"هصد متكبهبقي","phone":"+852******67"}
}

func ExampleGen_CustomerRef() {
	g := billingtest.NewGen(1)
	for range 6 {
		fmt.Println(g.CustomerRef().Kind())
	}
	// Output:
	// new_customer
	// new_customer
	// external_reference
	// new_customer
	// new_customer
	// external_reference
}

func ExampleGen_AccountCreate() {
	g := billingtest.NewGen(2)
	req := g.AccountCreate()
	b, _ := req.MarshalJSON()
	fmt.Printf("%s\n", b)
	// Output: {"customer":"bcus_cBwSc8hAR9nnnP6n7Hz5Z","external_reference":"crm-5612075"}
}

func ExampleGen_Account() {
	g := billingtest.NewGen(32)
	a := g.Account()
	fmt.Println(a)
	// Output: {"id":"bacc_wnmFI2ugVTgYMSVUCI6JN","external_reference":"ERP_803","customer_id":"bcus_qRWJTcwf7iIfCosdIyEt8","name":"مخطقض","currency":"ETB","balance":-4888869}
}

func ExampleGen_CustomerUpdate() {
	g := billingtest.NewGen(36)
	u := g.CustomerUpdate()
	b, _ := u.MarshalJSON()
	fmt.Printf("%s\n", b)
	// Output: {"name":"Gaac Mäčšřďďé Rētã","email":"^xYK.eSG@ey3-93c54.d8.museum","phone":null,"currency":null,"metadata":null}
}

func ExampleGen_AccountUpdate() {
	g := billingtest.NewGen(20)
	u := g.AccountUpdate()
	b, _ := u.MarshalJSON()
	fmt.Printf("%s\n", b)
	// Output: {"currency":null,"metadata":{"av:ujλk":"\\ ","tzkit3x":"AxOH2kt","w0z":null,"z":null}}
}
