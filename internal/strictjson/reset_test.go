package strictjson

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tallykit/billing/internal/report"
)

// TestResetClearsEverything checks that a reader goes back to the pool with nothing of
// its document but the handle counter, whatever state the document left it in: frames
// popped, left open by a syntax error, or moved to the heap by a deep document.
func TestResetClearsEverything(t *testing.T) {
	for _, tt := range []struct {
		name   string
		frames func(r *reader) []frame
	}{
		{"all popped", func(r *reader) []frame { return r.frameBuf[:0] }},
		{"left open", func(r *reader) []frame { return r.frameBuf[:2] }},
		{"moved to the heap", func(r *reader) []frame { return append(r.frameBuf[:4:4], frame{id: 5}) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &reader{data: []byte(`{"a":1}`), pos: 3, failed: true, why: msgSyntax, failPos: []int32{1},
				topPrefix: report.At("x"), arena: []byte("name"), val: []byte("value"), lastID: 42, top: 7, seeded: true}
			r.list.Add(report.At("a"), "required", "m")
			for i := range r.frameBuf {
				r.frameBuf[i] = frame{id: uint32(i + 1), prefix: report.At("p"), prefixSet: true, table: []int32{1}}
			}
			for i := range r.seenBuf {
				r.seenBuf[i] = span{start: 1, end: 2, pos: 3, tag: 4}
			}
			r.frames = tt.frames(r)
			if tt.name == "all popped" {
				clear(r.frameBuf[:]) // pop clears each frame it closes
			}
			r.seen = r.seenBuf[:3]
			r.reset()
			assert.Equal(t, uint32(42), r.lastID)
			r.lastID = 0
			assert.True(t, reflect.ValueOf(*r).IsZero(), "%+v", *r)
		})
	}
}
