package money

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goTool runs the go command, or skips the test when there is none.
func goTool(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

// TestDependencies: importing money must not link the phone-number library (its init costs
// milliseconds and megabytes), nor anything of the module but the root package and internal/.
func TestDependencies(t *testing.T) {
	deps := strings.Fields(goTool(t, "list", "-deps", "."))
	for _, d := range deps {
		assert.NotContains(t, d, "phonenumbers")
		assert.NotContains(t, d, "protobuf")
		// The module's public packages other than money are above it or beside it.
		if rest, ok := strings.CutPrefix(d, "github.com/tallykit/billing/"); ok {
			assert.True(t, rest == "money" || strings.HasPrefix(rest, "internal/"), d)
			assert.NotContains(t, rest, "internal/entity", "an entity package")
		}
	}
}

// TestInlining guards the hot paths that the compiler inlines today.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package")
	}
	var inlined []string
	for _, line := range strings.Split(goTool(t, "build", "-gcflags=-m", "."), "\n") {
		if _, fn, ok := strings.Cut(line, ": can inline "); ok {
			inlined = append(inlined, fn)
		}
	}
	for _, fn := range []string{"NewAmount", "Amount.Minor", "Amount.Neg", "Amount.Cmp", "Currency.String",
		"Currency.MinorUnits", "Currency.IsZero", "Amount.IsZero", "PaymentRules.IsZero", "plain"} {
		assert.Contains(t, inlined, fn)
	}
}
