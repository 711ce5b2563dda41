package bench_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestAlternativesEnforceTheRules checks that the alternatives are not timed
// doing less than they claim: each refuses a request that breaks one rule of
// SPEC, as the library does.
func TestAlternativesEnforceTheRules(t *testing.T) {
	bad := map[string]func(c *customerCreate){
		"external_reference missing":      func(c *customerCreate) { c.ExternalReference = "" },
		"external_reference reserved":     func(c *customerCreate) { c.ExternalReference = "bcus_1" },
		"external_reference pattern":      func(c *customerCreate) { c.ExternalReference = "cust 1" },
		"external_reference 256":          func(c *customerCreate) { c.ExternalReference = strings.Repeat("a", 256) },
		"name white space":                func(c *customerCreate) { c.Name = "   " },
		"name override character":         func(c *customerCreate) { c.Name = "Jane \u202eDoe" },
		"name 256 code points":            func(c *customerCreate) { c.Name = strings.Repeat("é", 256) },
		"email grammar":                   func(c *customerCreate) { c.Email = "jane.example.com" },
		"phone shape":                     func(c *customerCreate) { c.Phone = "+27 12 345 6789" },
		"phone not a number":              func(c *customerCreate) { c.Phone = "+15555555555" },
		"phone not canonical":             func(c *customerCreate) { c.Phone = "+4407911123456" },
		"currency unknown":                func(c *customerCreate) { c.Currency = "ZZZ" },
		"currency lower case":             func(c *customerCreate) { c.Currency = "zar" },
		"balance without currency":        func(c *customerCreate) { c.Currency = "" },
		"balance out of range":            func(c *customerCreate) { v := int64(1 << 53); c.Balance = &v },
		"metadata 21 keys":                func(c *customerCreate) { c.Metadata = manyKeys(21) },
		"metadata key 41":                 func(c *customerCreate) { c.Metadata = map[string]string{strings.Repeat("k", 41): "v"} },
		"metadata key control character":  func(c *customerCreate) { c.Metadata = map[string]string{"a\x01": "v"} },
		"metadata key empty":              func(c *customerCreate) { c.Metadata = map[string]string{"": "v"} },
		"metadata value empty":            func(c *customerCreate) { c.Metadata = map[string]string{"k": ""} },
		"metadata value 501":              func(c *customerCreate) { c.Metadata = map[string]string{"k": strings.Repeat("v", 501)} },
		"metadata value invalid UTF-8":    func(c *customerCreate) { c.Metadata = map[string]string{"k": "\xff"} },
		"metadata key invalid UTF-8":      func(c *customerCreate) { c.Metadata = map[string]string{"\xff": "v"} },
		"external_reference invalid byte": func(c *customerCreate) { c.ExternalReference = "a\xff" },
	}
	if err := validateCustomer(docsStruct(true)); err != nil {
		t.Fatalf("the docs' example: %v", err)
	}
	for name, breakIt := range bad {
		c := docsStruct(true)
		breakIt(c)
		if err := validateCustomer(c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestAccountAlternativeEnforcesTheRules(t *testing.T) {
	valid := readTestdata(t, "account-create", "valid-customer-new.json")
	if _, err := parseAccountAlt(valid); err != nil {
		t.Fatalf("valid-customer-new.json: %v", err)
	}
	for _, doc := range []string{
		`{"customer":"bcus_H4jp6KnU5cPw263v1jyz4","external_reference":"a1"}`,
		`{"customer":"cust_1","external_reference":"a1"}`,
	} {
		if _, err := parseAccountAlt([]byte(doc)); err != nil {
			t.Errorf("%s: %v", doc, err)
		}
	}
	for _, doc := range []string{
		`{"external_reference":"a1"}`,                            // customer missing
		`{"customer":"bcus_x-y","external_reference":"a1"}`,      // customer ID pattern
		`{"customer":"cust 1","external_reference":"a1"}`,        // customer reference pattern
		`{"customer":"cust_1","external_reference":"bacc_1"}`,    // reserved prefix
		`{"customer":{"name":"Jane"},"external_reference":"a1"}`, // new customer without reference
		`{"customer":{"external_reference":"c1","phone":"+15555555555"},"external_reference":"a1"}`,
		`{"customer":{"external_reference":"c1","email":"x"},"external_reference":"a1"}`,
		`{"customer":"cust_1","external_reference":"a1","balance":1}`, // balance without currency
		`{"customer":"cust_1","external_reference":"a1","metadata":` + manyKeysJSON(11) + `}`,
	} {
		if _, err := parseAccountAlt([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", doc)
		}
	}
}

func TestMetadataAlternativeEnforcesTheRules(t *testing.T) {
	for _, doc := range []string{
		manyKeysJSON(21),
		`{"` + strings.Repeat("k", 41) + `":"v"}`,
		`{"k":""}`,
		`{"":"v"}`,
		`{"a\u0001":"v"}`,
		`{"k":"` + strings.Repeat("v", 501) + `"}`,
	} {
		if _, err := parseMetadataAlt([]byte(doc)); err == nil {
			t.Errorf("%.60s: accepted", doc)
		}
	}
}

// manyKeys returns n metadata entries "key_<i>": "v".
func manyKeys(n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m[benchKey(i)] = "v"
	}
	return m
}

// manyKeysJSON returns the entries of manyKeys(n) as a JSON object.
func manyKeysJSON(n int) string { return string(testkit.Members(n, benchKey, `"v"`)) }

func benchKey(i int) string { return "key_" + strconv.Itoa(i) }
