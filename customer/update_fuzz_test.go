package customer_test

import (
	"testing"

	"github.com/tallykit/billing/internal/testdocs"
)

// FuzzUpdateRequest checks the customer update reader on any input (testdocs.FuzzUpdate).
func FuzzUpdateRequest(f *testing.F) { testdocs.FuzzUpdate(f, entity) }

// FuzzApply applies fuzzed updates to every stored customer of testdata and checks the result
// against the RFC 7396 merge of the JSON documents (testdocs.FuzzApply).
func FuzzApply(f *testing.F) { testdocs.FuzzApply(f, entity) }
