package account_test

import (
	"testing"

	"github.com/tallykit/billing/internal/testdocs"
)

// TestTestdataApplyNames checks the names and files of the cases of testdata/apply/account.
func TestTestdataApplyNames(t *testing.T) { testdocs.TestApplyNames(t, entity) }

// TestTestdataApply applies every update of testdata/apply/account to its stored object.
func TestTestdataApply(t *testing.T) { testdocs.TestApply(t, entity) }

// TestApplyWithPaymentRules: a currency with payment rules changes once the rules are
// removed, and the zero Account cannot be updated.
func TestApplyWithPaymentRules(t *testing.T) { testdocs.TestApplyWithPaymentRules(t, entity) }
