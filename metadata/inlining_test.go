package metadata

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining guards the fast path of the key and value checks: countRunes reads eight
// bytes at a time, for both kinds of input, with internal/ascii's word checks inlined, and
// the checks that call it are small enough to inline into the reader's loop.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertInlinedInto(t, "countRunes",
		"ascii.Load64[go.shape.string]", "ascii.Load64[go.shape.[]uint8]", "ascii.LoadEnds[go.shape.string]",
		"ascii.LoadEnds[go.shape.[]uint8]", "ascii.AllInRange", "ascii.InRange")
	in.AssertCanInline(t, "checkKey[go.shape.string]", "checkKey[go.shape.[]uint8]",
		"checkValue[go.shape.string]", "checkValue[go.shape.[]uint8]", "Metadata.Len", "Metadata.IsZero")
}
