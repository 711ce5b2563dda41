package ascii

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining checks that every function of the package can be inlined: the scanners that
// call them rely on it, and a change that made one too big would slow them down silently.
// The package is compiled with its tests, whose calls instantiate the generic Load64 for
// both kinds of input.
func TestInlining(t *testing.T) {
	testkit.CompileInlining(t).AssertCanInline(t,
		"Load64[go.shape.string]",
		"Load64[go.shape.[]uint8]",
		"LoadEnds[go.shape.string]",
		"LoadEnds[go.shape.[]uint8]",
		"Repeat",
		"NonASCII",
		"InRange",
		"AllInRange",
		"Hits.Any",
		"Hits.First",
		"Below",
		"Above",
		"Equal",
	)
}
