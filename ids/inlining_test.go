package ids

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining guards what the parsers' speed rests on: the check of an ID reads eight
// bytes at a time, every word test inlined into its loop (validID for customer and account
// IDs, charSet.match and charSet.word for references and idempotency keys), and the
// byte-wise checks and accessors are small enough to inline.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertInlinedInto(t, "validID",
		"ascii.Load64[go.shape.string]", "alnumWord", "ascii.NonASCII", "alnumFlags", "ascii.InRange", "ascii.Repeat")
	in.AssertInlinedInto(t, "(*charSet).match", "ascii.Load64[go.shape.string]")
	in.AssertInlinedInto(t, "(*charSet).word", "ascii.NonASCII", "alnumFlags", "ascii.InRange")
	in.AssertCanInline(t, "alnumWord", "alnumFlags", "(*charSet).has", "tooLong",
		"CustomerID.String", "CustomerID.IsZero", "AccountID.String", "AccountID.IsZero",
		"ExternalReference.String", "IdempotencyKey.String", "NewCustomerID", "NewAccountID")
}
