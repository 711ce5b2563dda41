package contact

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining guards the fast paths: the E.164 shape check reads its digits eight at a
// time and the printable-ASCII name check eight bytes at a time, every word test of
// internal/ascii inlined; the phone rule finds the calling code and runs the main
// region's automaton inline; the accessors are small enough to inline.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertInlinedInto(t, "hasE164Shape", "ascii.Load64[go.shape.string]", "ascii.AllInRange", "ascii.InRange")
	in.AssertInlinedInto(t, "checkName", "ascii.Load64[go.shape.string]", "ascii.AllInRange", "ascii.InRange")
	in.AssertInlinedInto(t, "parseE164", "callingCode", "(*phoneRegion).match")
	in.AssertInlinedInto(t, "classify", "(*phoneRegion).match", "(*phoneRegion).numberType")
	in.AssertCanInline(t, "callingCode",
		"Phone.E164", "Phone.IsZero", "Phone.Type", "Email.Address", "Email.IsZero", "Name.String", "Name.IsZero")
}
