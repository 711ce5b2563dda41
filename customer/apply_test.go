package customer_test

import (
	"testing"

	"github.com/tallykit/billing/internal/testdocs"
)

// TestTestdataApplyNames checks the names and files of the cases of testdata/apply/customer.
func TestTestdataApplyNames(t *testing.T) { testdocs.TestApplyNames(t, entity) }

// TestTestdataApply applies every update of testdata/apply/customer to its stored object.
func TestTestdataApply(t *testing.T) { testdocs.TestApply(t, entity) }

// TestApplyWithPaymentRules: a currency with payment rules changes once the rules are
// removed, and the zero Customer cannot be updated.
func TestApplyWithPaymentRules(t *testing.T) { testdocs.TestApplyWithPaymentRules(t, entity) }
