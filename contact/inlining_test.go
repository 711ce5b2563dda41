package contact

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining guards the fast paths: the E.164 shape check reads its digits eight at a
// time and the printable-ASCII name check eight bytes at a time, every word test of
// internal/ascii inlined; the accessors are small enough to inline.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertInlinedInto(t, "hasE164Shape", "ascii.Load64[go.shape.string]", "ascii.AllInRange", "ascii.InRange")
	in.AssertInlinedInto(t, "checkName", "ascii.Load64[go.shape.string]", "ascii.AllInRange", "ascii.InRange")
	in.AssertCanInline(t, "callingCode", "countDigits", "hasLeadingPlus",
		"Phone.E164", "Phone.IsZero", "Phone.Type", "Email.Address", "Email.IsZero", "Name.String", "Name.IsZero")
}
