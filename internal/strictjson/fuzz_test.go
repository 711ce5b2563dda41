package strictjson

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"unicode/utf8"

	billing "github.com/tallykit/billing"
	"github.com/tallykit/billing/internal/report"
	"github.com/tallykit/billing/internal/testkit"
)

// cursor is what Object and Array share: enough to walk any value.
type cursor interface {
	Kind() Kind
	Null() bool
	Bool() (bool, bool)
	Raw() ([]byte, bool)
	String() (string, bool)
	Int(lo, hi int64) (int64, bool)
	Object() (Object, bool)
	Array() (Array, bool)
}

// walk reads every value of the document into the shapes json.Unmarshal gives with
// UseNumber, and notes whether any string or name is not valid UTF-8.
type walk struct {
	badUTF8 bool
}

func (w *walk) value(c cursor, numberAsInt bool) any {
	switch c.Kind() {
	case KindNull:
		c.Null()
		return nil
	case KindBool:
		v, _ := c.Bool()
		return v
	case KindNumber:
		if numberAsInt {
			// Read with Int and compare with strconv; the literal itself is not available then.
			return w.intValue(c)
		}
		raw, _ := c.Raw()
		return json.Number(raw)
	case KindString:
		s, _ := c.String()
		if !utf8.ValidString(s) {
			w.badUTF8 = true
		}
		return s
	case KindObject:
		o, _ := c.Object()
		m := map[string]any{}
		for i := 0; o.Next(); i++ {
			name := o.Name()
			if !utf8.ValidString(name) {
				w.badUTF8 = true
			}
			m[name] = w.value(o, i%2 == 1)
		}
		return m
	case KindArray:
		a, _ := c.Array()
		s := []any{}
		for a.Next() {
			s = append(s, w.value(a, false))
		}
		return s
	}
	return "<none>"
}

// intValue reads a number with Int over the full int64 range and returns what
// json.Number would hold if Int agrees with strconv, so the comparison still works.
type intMark struct {
	v  int64
	ok bool
}

func (w *walk) intValue(c cursor) any {
	v, ok := c.Int(-1<<63, 1<<63-1)
	return intMark{v: v, ok: ok}
}

// walkDoc decodes data reading every value; it returns the values, the failures, and the walk.
func walkDoc(data []byte) (map[string]any, *walk, error) {
	w := &walk{}
	var top map[string]any
	err := Decode(data, report.Loc{}, func(o Object) {
		top = map[string]any{}
		for i := 0; o.Next(); i++ {
			name := o.Name()
			if !utf8.ValidString(name) {
				w.badUTF8 = true
			}
			top[name] = w.value(o, i%2 == 1)
		}
	})
	return top, w, err
}

// fixInts replaces the Int readings in got by json.Number values of want when they agree
// with strconv.ParseInt's verdict on want's literal; a disagreement stays visible.
func fixInts(got, want any) any {
	switch g := got.(type) {
	case intMark:
		n, ok := want.(json.Number)
		if !ok {
			return got
		}
		lit := string(n)
		v, err := strconv.ParseInt(lit, 10, 64)
		okRef := err == nil
		if !okRef {
			// fraction, exponent or out of int64: Int must have said no
			if !g.ok {
				return n
			}
			return got
		}
		if g.ok && g.v == v {
			return n
		}
		return got
	case map[string]any:
		w, ok := want.(map[string]any)
		if !ok {
			return got
		}
		for k, v := range g {
			g[k] = fixInts(v, w[k])
		}
		return g
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			return got
		}
		for i := range g {
			g[i] = fixInts(g[i], w[i])
		}
		return g
	}
	return got
}

func hasCode(err error, c billing.Code) bool {
	for _, e := range report.Errs(err) {
		if e.Code == c {
			return true
		}
	}
	return false
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":1}`, `{"a":"b","c":[1,2,{"d":null}],"e":{"f":true,"g":false}}`,
		`{"a":-0,"b":1.5e3,"c":9007199254740992,"d":-9223372036854775808}`,
		`{"a":"\ud83d\ude00","b":"\ud800","c":"\u0000","d":"\"\\\/\b\f\n\r\t"}`,
		"{\"a\":\"\xff\"}", `{"a":1,"a":2}`, `{"a":{"b":1,"b":2}}`, `[1]`, `"x"`, `null`,
		"\ufeff{}", `{"a":00}`, `{"a":1e999999}`, `{"a":[[[[[[]]]]]]}`, `{"a":1} x`, `{"a":"\u12"}`,
		`{"\u0061":1,"a":2}`, `{"a":01}`, `{"a":.5}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, w, err := walkDoc(data)
		got2, _, err2 := walkDoc(data)
		if !reflect.DeepEqual(testkit.Failures(err), testkit.Failures(err2)) || !reflect.DeepEqual(got, got2) {
			t.Fatalf("non-deterministic: %v / %v", err, err2)
		}
		errs := report.Errs(err)
		if len(errs) > 0 && (errs[0].Code == billing.CodeInvalidJSON || errs[0].Code == billing.CodeTooLong ||
			errs[0].Code == billing.CodeInvalidType && errs[0].Pointer == "") && len(errs) != 1 {
			t.Fatalf("document-level failure not alone: %v", err)
		}
		paths := map[string]bool{}
		for _, e := range errs {
			if paths[e.Field] {
				t.Fatalf("path %q reported twice: %v", e.Field, err)
			}
			paths[e.Field] = true
		}

		refOK := json.Valid(data) // syntax, trailing data included
		invalidJSON := hasCode(err, billing.CodeInvalidJSON)
		deep := nestingOf(data) > MaxDepth
		switch {
		case refOK && invalidJSON && !deep:
			t.Fatalf("invalid_json on input encoding/json accepts: %v", err)
		case !refOK && !invalidJSON && len(data) <= MaxSize:
			t.Fatalf("accepted input encoding/json rejects: %v", err)
		}
		if !refOK || invalidJSON || w.badUTF8 || hasCode(err, billing.CodeDuplicateField) {
			return // encoding/json's values are not the reference for these
		}
		var want any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("json.Valid but Decode fails: %v", err)
		}
		m, ok := want.(map[string]any)
		if !ok {
			if !hasCode(err, billing.CodeInvalidType) {
				t.Fatalf("accepted a non-object: %T", want)
			}
			return
		}
		for _, e := range errs { // only Int's own verdicts remain
			if e.Code != billing.CodeInvalidType && e.Code != billing.CodeOutOfRange {
				t.Fatalf("unexpected failure on a clean document: %v", e)
			}
		}
		if fixed := fixInts(got, m); !reflect.DeepEqual(fixed, m) {
			t.Fatalf("values differ:\n got  %#v\n want %#v", fixed, m)
		}
	})
}

// nestingOf returns the deepest nesting of brackets outside strings (a plain reference).
func nestingOf(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString && escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case inString && c == '"':
			inString = false
		case inString:
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}
