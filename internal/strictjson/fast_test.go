package strictjson

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tallykit/billing/internal/report"
)

// The range of the integers the walks read: out of it, Decode records out_of_range and
// Fast stops.
const walkLo, walkHi = -99999, 99999

// fastWalk reads data with Fast the way a document parser does, every value by its kind,
// and returns what it read as a list of events, or false where Fast stops (or a name is
// given twice, which a parser looks for itself). An object under a member named "flat" is
// read with Flat and its bytes walked as a document of their own, as payment rules are.
func fastWalk(data []byte) ([]string, bool) {
	var f Fast
	if !f.Begin(data) {
		return nil, false
	}
	var events []string
	return events, fastObject(&f, &events, 0) && f.End()
}

// fastName reads the next member's name with Next at an even level, with NextName and
// Name at an odd one, as a caller that knows its names does: it takes the name to end at
// the first quote, and gives up, as on an unknown name, when those bytes hold a backslash
// or a control character (no name it knows does).
func fastName(f *Fast, level int) (name []byte, more, ok bool) {
	if level%2 == 0 {
		name, more = f.Next()
		if more && !atOffset(f, name) {
			return nil, false, false
		}
		return name, more, !f.Stopped()
	}
	rest, more := f.NextName()
	if !more {
		return nil, false, !f.Stopped()
	}
	n := bytes.IndexByte(rest, '"')
	if n < 0 || bytes.ContainsFunc(rest[:n], func(r rune) bool { return r == '\\' || r < 0x20 }) {
		return nil, false, false
	}
	name = rest[:n:n]
	return name, true, f.Name(n)
}

// atOffset reports whether s, a name or string value f returned, is where f.Offset says,
// between its quotes.
func atOffset(f *Fast, s []byte) bool {
	off := f.Offset(s)
	return off > 0 && off+len(s) < len(f.data) && f.data[off-1] == '"' && f.data[off+len(s)] == '"' &&
		bytes.Equal(f.data[off:off+len(s)], s)
}

func fastObject(f *Fast, events *[]string, level int) bool {
	seen := map[string]bool{}
	for {
		name, more, ok := fastName(f, level)
		if !ok {
			return false
		}
		if !more {
			return true
		}
		if seen[string(name)] {
			return false
		}
		seen[string(name)] = true
		*events = append(*events, "name "+string(name))
		switch {
		case f.Null():
			*events = append(*events, "null")
		case f.Kind() == KindString:
			s, ok := f.String()
			if !ok {
				return false
			}
			if !atOffset(f, s) {
				*events = append(*events, "string not at its offset") // an event Decode never gives
			}
			*events = append(*events, "string "+string(s))
		case f.Kind() == KindBool:
			v, ok := f.Bool()
			if !ok {
				return false
			}
			*events = append(*events, "bool "+strconv.FormatBool(v))
		case f.Kind() == KindNumber:
			v, ok := f.Int(walkLo, walkHi)
			if !ok {
				return false
			}
			*events = append(*events, "int "+strconv.FormatInt(v, 10))
		case f.Kind() == KindObject && string(name) == "flat":
			raw, ok := f.Flat()
			if !ok {
				return false
			}
			inner, ok := fastWalk(raw)
			if !ok {
				return false
			}
			*events = append(append(*events, "{"), append(inner, "}")...)
		case f.Kind() == KindObject:
			if !f.Object() {
				return false
			}
			*events = append(*events, "{")
			if !fastObject(f, events, level+1) {
				return false
			}
			*events = append(*events, "}")
		default:
			return false
		}
	}
}

// strictWalk reads data the same way with Decode.
func strictWalk(data []byte) ([]string, error) {
	var events []string
	err := Decode(data, report.Loc{}, func(o Object) { strictObject(o, &events) })
	return events, err
}

func strictObject(o Object, events *[]string) {
	for o.Next() {
		*events = append(*events, "name "+o.Name())
		switch o.Kind() {
		case KindNull:
			o.Null()
			*events = append(*events, "null")
		case KindString:
			s, _ := o.String()
			*events = append(*events, "string "+s)
		case KindNumber:
			v, _ := o.Int(walkLo, walkHi)
			*events = append(*events, "int "+strconv.FormatInt(v, 10))
		case KindBool:
			v, _ := o.Bool()
			*events = append(*events, "bool "+strconv.FormatBool(v))
		case KindObject:
			sub, _ := o.Object()
			*events = append(*events, "{")
			strictObject(sub, events)
			*events = append(*events, "}")
		default:
			o.Skip()
		}
	}
}

// fastSeeds are documents Fast reads, and documents it must leave to Decode.
var fastSeeds = []string{
	`{}`, ` { "a" : "b" , "n" : null , "i" : -0 , "o" : { "x" : 1 } } `, "{\n\t\"a\":\r\n\"b\"}",
	`{"o": {"k": "v", "r": null}, "after": 1}`, `{"o": {"k": "}"}}`, `{"o": {"k": {}}}`,
	`{"flat": {"min": 1, "k": "}", "r": null}, "after": 1}`, `{"flat": {"k": {}}}`, `{"flat": {"a" "b"}}`,
	`{"flat": {"a": 1, "a": 2}}`, `{"flat": {"a": true}}`,
	`{"a": "\u00e9"}`, `{"a\n": 1}`, `{"a": 1.5}`, `{"a": 1e3}`, `{"a": 100000}`, `{"a": 01}`,
	`{"a": true}`, `{"a": [1]}`, `{"a": 1,}`, `{,}`, `{"a" 1}`, `{"a": 1} x`, `{"a": 1}}`, `[]`,
	"\ufeff{}", `{"a": "b"`, `{"a": 1, "a": 2}`, `{"o": {"a": 1, "a": 2}}`, `{"o": {"a" "b"}}`,
	`{"a": false, "b": true}`, `{"a": tru}`, `{"a": falsey}`, `{"a": True}`, `{"a": nul}`, `{"a": -}`, `{"a": "x` + "\x01" + `"}`, "{\"a\": \"\xff\"}",
}

// TestFast reads the seeds both ways: where Fast reads a document, Decode reads it without
// a failure and to the same values; Fast reads the plain ones.
func TestFast(t *testing.T) {
	reads := map[string]bool{
		`{}`: true, ` { "a" : "b" , "n" : null , "i" : -0 , "o" : { "x" : 1 } } `: true, "{\n\t\"a\":\r\n\"b\"}": true,
		`{"o": {"k": "v", "r": null}, "after": 1}`: true, `{"o": {"k": "}"}}`: true, `{"o": {"k": {}}}`: true,
		`{"flat": {"min": 1, "k": "}", "r": null}, "after": 1}`: true, "{\"a\": \"\xff\"}": true,
		`{"flat": {"a": true}}`: true, `{"a": true}`: true, `{"a": false, "b": true}`: true,
	}
	for _, s := range fastSeeds {
		events, ok := fastWalk([]byte(s))
		assert.Equal(t, reads[s], ok, "%s", s)
		checkFast(t, []byte(s), events, ok)
	}
}

// FuzzFast holds Fast to Decode: where Fast reads a document, Decode reads it without a
// failure and to the same values.
func FuzzFast(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		events, ok := fastWalk(data)
		checkFast(t, data, events, ok)
	})
}

func checkFast(t *testing.T, data []byte, events []string, ok bool) {
	t.Helper()
	if !ok {
		return
	}
	strict, err := strictWalk(data)
	if err != nil {
		t.Fatalf("Fast read %q, Decode fails: %v", data, err)
	}
	if !assert.Equal(t, strict, events, "%q", data) {
		t.FailNow()
	}
}
