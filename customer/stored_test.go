package customer_test

import (
	"testing"

	"github.com/tallykit/billing/internal/testdocs"
)

// TestTestdataStored reads every stored customer of testdata/stored/customer and writes it back:
// the same bytes through JSON, its record and its SQL value (testdocs.TestStored).
func TestTestdataStored(t *testing.T) { testdocs.TestStored(t, entity) }

// TestTestdataStoredEncodingStable: every valid customer of testdata/customer, and every stored
// object of testdata/apply/customer, stays in the library's own encoding once written back.
func TestTestdataStoredEncodingStable(t *testing.T) { testdocs.TestStoredEncodingStable(t, entity) }
