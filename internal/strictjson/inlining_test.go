package strictjson

import (
	"testing"

	"github.com/tallykit/billing/internal/testkit"
)

// TestInlining checks what the scanner's speed rests on: plainRun reads a string eight
// bytes at a time through internal/ascii's word checks (and its tail one byte at a time),
// every one of them inlined; the per-byte helpers of the scanner and the members'
// accessors are small enough to inline into their callers' loops.
func TestInlining(t *testing.T) {
	in := testkit.CompileInlining(t)
	in.AssertInlinedInto(t, "plainRun",
		"ascii.Load64[go.shape.[]uint8]", "ascii.Equal", "ascii.Below", "ascii.Hits.Any", "ascii.Hits.First",
		"plainRunBytewise")
	in.AssertCanInline(t,
		"isSpace", "(*reader).ws", "(*reader).peek", "kindOf", "(*reader).literal",
		"isDigit", "isHex", "hex4", "parseInt",
		"Object.Next", "Object.Kind", "Object.String", "Object.StringBytes", "Object.Int", "Object.Bool",
		"Object.Null", "Object.Skip",
	)
	in.AssertInlinedInto(t, "(*reader).scanString", "isHex")
}
