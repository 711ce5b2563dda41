package money

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tallykit/billing/internal/testkit"
)

// TestDependencies: importing money must not link the phone-number library (its init costs
// milliseconds and megabytes), nor anything of the module but the root package and internal/.
func TestDependencies(t *testing.T) {
	deps := strings.Fields(string(testkit.RunGo(t, "list", "-deps", ".")))
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
