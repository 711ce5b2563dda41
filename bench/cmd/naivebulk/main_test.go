package main

import (
	"strings"
	"testing"
)

// TestCheckFile checks that the alternative tells valid requests from the invalid ones
// that the generated files hold.
func TestCheckFile(t *testing.T) {
	in := strings.Join([]string{
		`{"external_reference":"cus_1","name":"Zoë Müller","email":"zoe@example.com","phone":"+27123456789","currency":"ZAR","balance":-2000,"metadata":{"crm_id":"crm-1"}}`,
		"",
		`{"external_reference":"cus_2","phone":"+4407911123456"}`,
		`{"external_reference":"cus_3","currency":"zar"}`,
		`{"external_reference":"cus_4","balance":2500}`,
		`{"external_reference":"cus 5"}`,
		`{"external_reference":"cus_6","email":"someone@"}`,
		`{"external_reference":"cus_7","currency":"ZAR","balance":"12.50"}`,
		`{"external_reference":"cus_8","phone":"+15555555555"}`,
		`{"external_reference":"cus_9","name":"山田太郎","phone":"+447911123456"}`,
	}, "\n")
	var out strings.Builder
	records, valid, err := checkFile("x", strings.NewReader(in), &out)
	if err != nil || records != 9 || valid != 2 {
		t.Fatalf("got %d records, %d valid, %v; want 9, 2\n%s", records, valid, err, out.String())
	}
	if !strings.HasPrefix(out.String(), "x:3: ") {
		t.Errorf("the first invalid line is line 3:\n%s", out.String())
	}
}
