package account_test

import (
	"testing"

	"github.com/tallykit/billing/internal/testdocs"
)

// TestTestdataStored reads every stored account of testdata/stored/account and writes it back:
// the same bytes through JSON, its record and its SQL value (testdocs.TestStored).
func TestTestdataStored(t *testing.T) { testdocs.TestStored(t, entity) }

// TestTestdataStoredEncodingStable: every valid account of testdata/account, and every stored
// object of testdata/apply/account, stays in the library's own encoding once written back.
func TestTestdataStoredEncodingStable(t *testing.T) { testdocs.TestStoredEncodingStable(t, entity) }
