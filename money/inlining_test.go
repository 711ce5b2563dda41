package money

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining guards the hot paths that the compiler inlines today: NewAmount (its
// failure kept out of line so that it fits the budget), the accessors of Amount, Currency
// and PaymentRules, and the check of the three-byte fast path of Currency.UnmarshalJSON.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertCanInline(t, "NewAmount", "Amount.Minor", "Amount.Currency", "Amount.Neg", "Amount.Cmp",
		"Amount.IsZero", "Currency.String", "Currency.MinorUnits", "Currency.IsZero", "PaymentRules.IsZero",
		"PaymentRules.MinAmount", "PaymentRules.MaxAmount", "plain")
	in.AssertInlinedInto(t, "(*Currency).UnmarshalJSON", "plain")
}
