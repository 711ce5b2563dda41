package contact_test

import (
	"strings"
	"testing"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/contact"
	"github.com/tallykit/billing/internal/scantest"
)

// FuzzScan feeds every Scan of the package each kind of column built from the input
// (string, []byte, int64, float64, bool, time.Time, NULL): none panics, a failure is a
// billing.Errors at the value's member that leaves the value zero, and a value read is
// written back by Value as the very text it was read from (a Phone by its E.164 form,
// which is the only form a stored number is read in).
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"+27123456789", "+27*******89", "+999123456789", "+4407911123456", "jane@example.com",
		"j***@example.com", "Zoë", "\u1112\u1161\u11ab", "e\u0301", " ", "", "\xff", "a\x00b",
		strings.Repeat("a", 256),
	} {
		f.Add([]byte(s), int64(len(s)))
	}
	f.Fuzz(func(t *testing.T, data []byte, n int64) {
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[contact.Name](t, "/name", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[contact.Email](t, "/email", src)
		}
		for _, src := range scantest.Sources(data, n) {
			scantest.Text[contact.Phone](t, "/phone", src)
		}
	})
}

// TestScanBadColumns: a column that holds no valid value is refused with the failure of
// the value's parser, and the value scanned into is left as it was. A masked number, which
// a program may have stored by mistake, is refused rather than read as another number; a
// char(n) column's padding is refused, never trimmed.
func TestScanBadColumns(t *testing.T) {
	phone := mustPhone(t, "+27123456789")
	email, _ := contact.ParseEmail("jane@example.com")
	name, _ := contact.ParseName("Jane")
	long := strings.Repeat("a", 256)
	t.Run("phone", func(t *testing.T) {
		for _, src := range []any{
			"+27*******89", []byte("+27*******89"), "+27123456789   ", " +27123456789",
			"+2712345678901234", "+27\xff23456789", "27123456789", "+27 12 345 6789",
		} {
			scantest.Refuses(t, phone, src, "/phone", billing.CodeInvalidFormat)
		}
		scantest.Refuses(t, phone, "", "/phone", billing.CodeRequired)
	})
	t.Run("email", func(t *testing.T) {
		for _, src := range []any{
			"jane@example.com   ", []byte("jan\xffe@example.com"), "jané@example.com",
		} {
			scantest.Refuses(t, email, src, "/email", billing.CodeInvalidFormat)
		}
		scantest.Refuses(t, email, long+"@example.com", "/email", billing.CodeTooLong)
		// The masked form j***@example.com is itself a valid address ('*' is allowed in a
		// local part): it cannot be told from one and reads as that address.
	})
	t.Run("name", func(t *testing.T) {
		scantest.Refuses(t, name, long, "/name", billing.CodeTooLong)
		scantest.Refuses(t, name, []byte("Ja\xffne"), "/name", billing.CodeInvalidCharacters)
		scantest.Refuses(t, name, "Ja\u202Ene", "/name", billing.CodeInvalidCharacters)
		scantest.Refuses(t, name, "   ", "/name", billing.CodeRequired)
		scantest.Refuses(t, name, int64(7), "/name", billing.CodeInvalidType)
	})
}
